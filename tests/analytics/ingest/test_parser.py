"""The parser reads what staff have: Indonesian or English headers, decimal commas, ; and tabs."""

from analytics import contract
from analytics.ingest import parser as ingest


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


# --- ingest.parse: every layout, never an exception -------------------------------------------

import io  # noqa: E402

import numpy as np  # noqa: E402
import openpyxl  # noqa: E402
import pandas as pd  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from analytics.i18n import t  # noqa: E402


def read(text: str, encoding: str = "utf-8", **kwargs: object) -> ingest.ParsedFile:
    return ingest.parse(text.encode(encoding), file_name="t.csv", **kwargs)  # type: ignore[arg-type]


def xlsx(rows_by_sheet: dict[str, list[list[object]]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in rows_by_sheet.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_parse_reads_the_tidy_template_with_the_helper_columns_for_matching():
    parsed = read("kode_wilayah;indikator;tahun;periode;nilai\n3671;p0;2025;Maret;5,19\n")
    assert parsed.layout == "tidy" and parsed.problems == []
    assert list(parsed.frame.columns) == ["row", *contract.TIDY_COLUMNS, *ingest.CONTEXT_COLUMNS]
    assert parsed.frame.iloc[0][["region_code", "measure", "year", "period", "value", "status"]].tolist() == [
        "3671", "p0", "2025", "march", 5.19, "final"]


def test_blank_lines_do_not_shift_the_line_numbers():
    # Line 1 header, line 2 data, line 3 blank, line 4 a bad value: the problem says line 4.
    parsed = read("kode_wilayah,indikator,tahun,nilai\n3671,p0,2025,5.19\n\n3672,p0,2025,abc\n")
    assert parsed.frame["row"].tolist() == [2, 4]
    assert [(p.row, p.value) for p in parsed.problems] == [(4, "abc")]


def test_blank_and_blank_only_lines_keep_line_numbers_with_crlf_and_padding():
    # Arrow reads the first (an empty line is a row of nulls); a line of spaces is ragged for
    # Arrow and the file is read by pandas instead. Both report the bad value on line 4.
    for blank in ("", "   "):
        parsed = read(f"kode_wilayah,indikator,tahun,nilai\r\n 3671 ,p0,2025, 5.19\r\n{blank}\r\n3672,p0,2025,abc\r\n")
        assert parsed.frame["row"].tolist() == [2, 4]
        assert parsed.frame["region_code"].tolist()[0] == "3671" and parsed.frame["value"].tolist()[0] == 5.19
        assert [(p.row, p.value) for p in parsed.problems] == [(4, "abc")]


def test_title_rows_above_the_template_header_are_skipped_and_counted():
    parsed = read("Data kemiskinan Kota Tangerang\n\nkode_wilayah,indikator,tahun,nilai\n3671,p0,2025,5.19\n")
    assert parsed.layout == "tidy" and parsed.frame["row"].tolist() == [4]


def test_a_missing_measure_column_is_filled_by_the_chosen_measure():
    parsed = read("kode_wilayah,tahun,periode,nilai\n3671,2025,march,5.19\n", measure="p0")
    assert parsed.problems == [] and parsed.frame["measure"].tolist() == ["p0"]


def test_a_kode_kemendagri_column_marks_the_codes_as_kemendagri():
    parsed = read("kode_kemendagri,indikator,tahun,nilai\n3171,p0,2025,4.7\n")
    assert parsed.frame["region_scheme"].tolist() == ["kemendagri"]
    assert parsed.frame["region_code"].tolist() == ["3171"]  # translated by analytics.ingest.matching


def test_wide_file_without_a_measure_asks_for_one():
    parsed = read("kode_wilayah,nama_wilayah,2024,2025\n3671,Kota Tangerang,5.43,5.19\n")
    assert parsed.layout == "wide" and parsed.needs_measure
    assert [(p.row, p.column) for p in parsed.problems] == [(None, "measure")]
    assert parsed.frame["year"].tolist() == ["2024", "2025"]
    assert parsed.frame["value"].tolist() == [5.43, 5.19]


def test_bps_column_titles_give_measure_and_period():
    parsed = read("Kabupaten/Kota,Persentase Penduduk Miskin - Maret 2024,Garis Kemiskinan (Rupiah/Kapita/Bulan) - "
                  "September 2024\nKota Tangerang,5.43,785113\n")
    assert parsed.layout == "bps"
    assert parsed.frame[["measure", "year", "period"]].values.tolist() == [
        ["Persentase Penduduk Miskin", "2024", "march"],
        ["Garis Kemiskinan (Rupiah/Kapita/Bulan)", "2024", "september"],
    ]


def test_bps_missing_markers_in_a_table_are_gaps_not_zeros_and_not_errors():
    parsed = read("Kabupaten/Kota,2023,2024,2025\nKota Tangerang,-,...,5.19\n", measure="p0")
    assert parsed.frame["year"].tolist() == ["2025"]
    assert [p.severity for p in parsed.problems] == ["warning"]
    assert "2 empty cells" in parsed.problems[0].message_en


def test_footnotes_end_the_table_and_give_the_source():
    parsed = read("Kabupaten/Kota,2025\nKota Tangerang,5.19\nKeterangan: angka sementara\n"
                  "Sumber: Badan Pusat Statistik\nKota Cilegon,3.44\n", measure="p0")
    assert parsed.frame["region_name"].tolist() == ["Kota Tangerang"]
    assert parsed.frame["source"].tolist() == ["Badan Pusat Statistik"]


def test_province_header_rows_become_the_context_of_the_rows_below():
    parsed = read("Wilayah,2025\nBANTEN,5.63\nTangerang,6.42\nJAWA BARAT,7.02\nBogor,6.93\n", measure="p0")
    assert parsed.frame["region_context"].tolist() == ["", "BANTEN", "BANTEN", "JAWA BARAT"]


def test_xlsx_first_sheet_or_a_chosen_sheet_with_spreadsheet_row_numbers():
    data = xlsx({
        "Petunjuk": [["Isi lembar data"]],
        "data": [["kode_wilayah", "indikator", "tahun", "periode", "nilai"], [3671, "p0", 2025, "Maret", 5.19],
                 [], ["3672", "p0", 2025, "Maret", "3,44"]],
    })
    first = ingest.parse(data, file_name="t.xlsx")
    assert first.sheet_names == ["Petunjuk", "data"] and first.problems[0].message_en.startswith("Layout not")
    parsed = ingest.parse(data, file_name="t.xlsx", sheet="data")
    assert parsed.problems == []
    # Header in row 1, data in rows 2 and 4 (row 3 empty); numbers stay numbers, "3,44" is read too.
    assert parsed.frame[["row", "region_code", "year", "value"]].values.tolist() == [
        [2, "3671", "2025", 5.19], [4, "3672", "2025", 3.44]]


def test_an_xlsx_sheet_that_does_not_exist_is_a_problem_listing_the_sheets():
    parsed = ingest.parse(xlsx({"Tabel": [["a"]]}), sheet="Data")
    assert [p.column for p in parsed.problems] == ["sheet"]
    assert "Tabel" in parsed.problems[0].message_en


def test_numbers_in_xlsx_cells_are_not_reinterpreted_by_a_decimal_guess():
    # 1.234 stored as a number is 1.234 even if other cells are written "5,19" as text.
    data = xlsx({"s": [["kode_wilayah", "indikator", "tahun", "nilai"], ["3671", "p1", 2024, 1.234],
                       ["3671", "p1", 2025, "0,69"]]})
    assert ingest.parse(data).frame["value"].tolist() == [1.234, 0.69]


def test_utf16_text_from_excel_unicode_export_is_read():
    parsed = ingest.parse("kode_wilayah\tindikator\ttahun\tnilai\r\n3671\tp0\t2025\t5,19\r\n".encode("utf-16"))
    assert parsed.frame["value"].tolist() == [5.19]


def test_an_unquoted_decimal_comma_in_a_comma_file_is_a_shifted_row_not_a_silent_5():
    parsed = read("kode_wilayah,indikator,tahun,nilai\n3671,p0,2025,5,19\n3672,p0,2025,3.44\n")
    assert [(p.row, p.value) for p in parsed.problems] == [(2, "19")]
    assert "must be quoted" in parsed.problems[0].message_en


def test_ragged_rows_far_down_are_a_clear_problem_not_an_exception():
    rows = "3671,p0,2025,5.19\n" * 300
    parsed = read("kode_wilayah,indikator,tahun,nilai\n" + rows + "3672,p0,2025,3.44,extra,cells\n")
    assert len(parsed.problems) == 1 and "cannot be read as a table" in parsed.problems[0].message_en


def test_formula_like_cells_are_kept_as_plain_text():
    parsed = read('kode_wilayah,indikator,tahun,nilai,catatan\n3671,p0,2025,5.19,"=HYPERLINK(""x"")"\n')
    assert parsed.frame["note"].tolist() == ['=HYPERLINK("x")']


def test_a_missing_path_is_a_problem():
    parsed = ingest.parse("/nonexistent/file.csv")
    assert parsed.file_name == "file.csv" and "cannot be read" in parsed.problems[0].message_en


def test_progress_is_reported_with_string_keys_from_0_to_1():
    calls: list[tuple[float, str]] = []
    read("kode_wilayah,indikator,tahun,nilai\n3671,p0,2025,5.19\n", progress=lambda f, label: calls.append((f, label)))
    fractions = [f for f, _ in calls]
    assert fractions[0] == 0.0 and fractions[-1] == 1.0 and fractions == sorted(fractions)
    assert all(t(label, "id") and t(label, "en") for _, label in calls)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_parse_never_raises_whatever_the_bytes(data: bytes):
    parsed = ingest.parse(data)
    assert isinstance(parsed.frame, pd.DataFrame)
    assert all(p.message_id and p.message_en for p in parsed.problems)


_formats = st.sampled_from(["{:.2f}", "{:,.2f}", "{:.0f}", "{:,.0f}", "{:.4f}", "{}", "Rp {:,.0f}", "Rp.{:,.2f}",
                            "{:.2f}%", "{:.1f} %"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.floats(-1e7, 1e7, allow_nan=False), _formats, st.booleans()), min_size=1, max_size=30),
       st.sampled_from([".", ","]))
def test_vectorised_parse_numbers_agrees_with_parse_number(cells: list[tuple[float, str, bool]], decimal: str):
    texts = []
    for number, fmt, indonesian in cells:
        text = fmt.format(number)
        if indonesian:  # swap the separators: 1,234.56 → 1.234,56
            text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
        texts.append(text)
    texts += ["-", "...", "abc", ""]
    numbers, missing = ingest.parse_numbers(pd.Series(texts, dtype="str"), decimal)
    for text, got, is_missing in zip(texts, numbers, missing, strict=True):
        if text.strip().lower() in ingest.MISSING_MARKERS:
            assert is_missing
            continue
        want = ingest.parse_number(text, decimal)
        assert (np.isnan(got) and want is None) or got == want, (text, got, want)


def test_currency_and_percent_signs_are_read_and_a_percent_sign_states_the_unit():
    numbers, _ = ingest.parse_numbers(pd.Series(["Rp 838.535", "Rp.1.234,50", "5,19%", "2,39 %"], dtype="str"))
    assert numbers.tolist() == [838535.0, 1234.5, 5.19, 2.39]
    parsed = read("kode_wilayah;indikator;tahun;nilai;satuan\n3671;p0;2025;5,19%;\n3671;p0;2024;5,43;\n"
                  "3671;poor_count;2025;124,76%;ribu jiwa\n")
    # The sign fills an empty unit only; a unit the file states is kept (and checked by matching).
    assert parsed.frame["unit"].tolist() == ["%", "", "ribu jiwa"]
    assert parsed.frame["value"].tolist() == [5.19, 5.43, 124.76]


def test_codes_and_years_exported_as_decimals_are_read_as_whole_numbers():
    parsed = read("kode_wilayah,indikator,tahun,nilai\n3671.0,p0,2025.0,5.19\n3674,p0,2024.00,2.36\n3672,p0,2024.5,3\n")
    assert parsed.frame["region_code"].tolist() == ["3671", "3674", "3672"]
    assert parsed.frame["year"].tolist() == ["2025", "2024", "2024.5"]  # 2024.5 is left for the validator


def test_a_kecamatan_table_with_a_measure_column_is_not_mistaken_for_years_as_columns():
    # "Ciledug;2023;120" has a year in it but also a plain number: data, not the titles of a
    # wide table (it used to be read as one, with 'Tahun' as the measure).
    parsed = read("Kecamatan;Tahun;Jumlah RTLH diperbaiki\nCiledug;2023;120\nKarawaci;2023;95\n")
    assert parsed.layout == "measures"
    assert parsed.frame[["row", "region_name", "measure", "year", "value"]].values.tolist() == [
        [2, "Ciledug", "Jumlah RTLH diperbaiki", "2023", 120.0], [3, "Karawaci", "Jumlah RTLH diperbaiki", "2023", 95.0]]
    assert ingest._year_columns(["Ciledug", "2023", "120"]) == 0
    assert ingest._year_columns(["", "2023", "2024"]) == 2
    assert ingest._year_columns(["Kode", "Wilayah", 2024.0]) == 1


def test_a_separator_at_the_end_of_every_line_as_excel_writes_it_is_harmless():
    parsed = read("kode_wilayah;indikator;tahun;nilai;;\n3671;p0;2025;5,19;;\n3672;p0;2025;3,44;;\n")
    assert parsed.problems == []
    assert parsed.frame[["region_code", "value"]].values.tolist() == [["3671", 5.19], ["3672", 3.44]]


def test_a_wide_file_may_name_the_measure_per_row():
    parsed = read("kode_wilayah,indikator,2024,2025\n3671,p0,5.43,5.19\n3671,poor_count,128.91,124.76\n")
    assert not parsed.needs_measure and parsed.problems == []
    assert parsed.frame[["measure", "year", "value"]].values.tolist() == [
        ["p0", "2024", 5.43], ["p0", "2025", 5.19], ["poor_count", "2024", 128.91], ["poor_count", "2025", 124.76]]


def test_header_spellings_staff_use_map_to_the_template():
    parsed = read("Kode Wilayah (BPS);Nama Wilayah;Indikator;Tahun;Periode;Nilai\n3671;Kota Tangerang;p0;2025;Maret;5,19\n")
    assert parsed.problems == [] and parsed.frame["region_code"].tolist() == ["3671"]
    parsed = read("Region Code,Region Name,Measure,Year,Period,Value\n3671,Kota Tangerang,p0,2025,March,5.19\n")
    assert parsed.problems == [] and parsed.frame["period"].tolist() == ["march"]
    parsed = read("Kode Wilayah (Kemendagri),Indikator,Tahun,Nilai\n3171,p0,2025,4.7\n")
    assert parsed.frame["region_scheme"].tolist() == ["kemendagri"]


def test_an_excel_error_cell_is_named_as_excel_shows_it_not_as_empty():
    # Calamine reads #DIV/0! as an empty cell; the sheet's XML says it is an error, so the problem
    # names it (illustrative values; line 3's cell is an error Excel computed, line 4's is typed in).
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (["kode_wilayah", "indikator", "tahun", "nilai"], [3671, "p0", 2024, 5.43],
                [3671, "p0", 2025, None], [3672, "p0", 2025, None]):
        sheet.append(row)
    sheet["D3"].value, sheet["D3"].data_type = "#DIV/0!", "e"
    sheet["D4"].value, sheet["D4"].data_type = "#N/A", "e"
    buffer = io.BytesIO()
    book.save(buffer)
    parsed = ingest.parse(buffer.getvalue(), file_name="t.xlsx")
    assert parsed.frame["row"].tolist() == [2, 3, 4]
    assert [(p.row, p.column, p.value) for p in parsed.problems] == [(3, "value", "#DIV/0!"), (4, "value", "#N/A")]
    # #DIV/0! is not a number; #N/A means "no value", read as empty as in a CSV.
    assert [p.message_en.split(".")[0] for p in parsed.problems] == ["Not a number", "Value is empty"]
