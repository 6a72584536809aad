"""The parser reads what staff have: Indonesian or English headers, decimal commas, ; and tabs."""

from analytics import ingest


def parse(text: str, encoding: str = "utf-8") -> ingest.ParsedFile:
    return ingest.parse_tidy(text.encode(encoding), file_name="t.csv")


def test_indonesian_headers_and_decimal_comma_read_5_19_not_519():
    parsed = parse("kode_wilayah;indikator;tahun;periode;nilai\n3671;p0;2025;Maret;5,19\n3672;p0;2025;Maret;3,44\n")
    assert parsed.problems == []
    assert parsed.frame["value"].tolist() == [5.19, 3.44]
    assert parsed.frame["period"].tolist() == ["march", "march"]


def test_english_thousands_separator_with_decimal_point():
    parsed = parse('region_code,measure,year,period,value\n3671,poverty_line,2025,march,"838,535.00"\n')
    assert parsed.frame["value"].tolist() == [838535.0]


def test_indonesian_thousands_dot_with_decimal_comma():
    parsed = parse("kode_wilayah\tindikator\ttahun\tnilai\n3671\tpoverty_line\t2025\t1.234,56\n")
    assert parsed.frame["value"].tolist() == [1234.56]
    assert parsed.frame["period"].tolist() == ["annual"]


def test_bom_windows_1252_and_crlf_are_read():
    text = "\ufeffkode_wilayah,indikator,tahun,nilai,catatan\r\n3671,p0,2025,5.19,Susenas Maret – catatan\r\n"
    assert parse(text).frame["note"].tolist() == ["Susenas Maret – catatan"]
    cp = "kode_wilayah,indikator,tahun,nilai,catatan\r\n3671,p0,2025,5.19,Rp 20 juta – é\r\n"
    assert parse(cp, "cp1252").frame["note"].tolist() == ["Rp 20 juta – é"]


def test_lines_are_numbered_as_the_user_sees_them_with_the_header_as_line_1():
    parsed = parse("kode_wilayah,indikator,tahun,nilai\n3671,p0,2025,5.19\n3672,p0,2025,abc\n")
    assert parsed.frame["row"].tolist() == [2, 3]
    assert [(p.row, p.column, p.value) for p in parsed.problems] == [(3, "value", "abc")]


def test_a_missing_required_column_is_one_clear_problem():
    parsed = parse("kode_wilayah,tahun,nilai\n3671,2025,5.19\n")
    assert len(parsed.problems) == 1
    assert "indikator" not in parsed.problems[0].message_en
    assert parsed.problems[0].column == "measure"
    assert "measure" in parsed.problems[0].message_en


def test_bps_missing_markers_are_reported_not_read_as_zero():
    parsed = parse("kode_wilayah,indikator,tahun,nilai\n3671,p0,2025,...\n3672,p0,2025,-\n")
    assert parsed.frame["value"].isna().all()
    assert [p.row for p in parsed.problems] == [2, 3]
