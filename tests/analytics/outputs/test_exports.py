import io

import pandas as pd
from openpyxl import load_workbook

from analytics.outputs import exports


def test_formula_cells_are_neutralised_and_numbers_kept():
    frame = pd.DataFrame({"note": ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "aman"],
                          "value": [-0.74, 1, 2, 3, 4, 5, 6]})
    out = exports.neutralise(frame)
    assert out["note"].tolist() == ["'=HYPERLINK(\"x\")", "'+1", "'-2", "'@SUM(A1)", "'\tx", "'\rx", "aman"]
    assert out["value"].tolist() == [-0.74, 1, 2, 3, 4, 5, 6]


def test_csv_starts_with_a_bom_and_keeps_indonesian_text():
    data = exports.csv_bytes(pd.DataFrame({"wilayah": ["Kota Tangerang – Banten"], "nilai": [5.19]}))
    assert data.startswith("\ufeff".encode())
    assert data.decode("utf-8-sig").splitlines() == ["wilayah,nilai", "Kota Tangerang – Banten,5.19"]


def test_excel_has_data_then_sources_sheet():
    data = exports.excel_bytes(pd.DataFrame({"value": [5.19]}),
                               pd.DataFrame({"source": ["bps"], "title": ["=evil()"]}))
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["data", "sumber"]
    assert book["data"]["A2"].value == 5.19
    assert book["sumber"]["B2"].value == "'=evil()"


def test_neutralise_keeps_the_column_type_and_missing_cells():
    frame = pd.DataFrame({"note": pd.array(["=1+1", None, "catatan"], dtype="string"),
                          "mixed": ["-3", 7, None]})
    out = exports.neutralise(frame)
    assert out["note"].dtype == frame["note"].dtype
    assert out["note"].iloc[0] == "'=1+1" and pd.isna(out["note"].iloc[1]) and out["note"].iloc[2] == "catatan"
    assert out["mixed"].tolist() == ["'-3", 7, None]
    assert frame["note"].iloc[0] == "=1+1"  # the caller's frame is left as it was


def test_excel_continues_data_on_further_sheets_when_a_sheet_is_full(monkeypatch):
    # A real sheet holds 1,048,575 data rows; two here, so five rows need three sheets.
    monkeypatch.setattr(exports, "EXCEL_ROWS", 2)
    data = exports.excel_bytes(pd.DataFrame({"year": [2021, 2022, 2023, 2024, 2025]}),
                               pd.DataFrame({"source": ["bps"]}))
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["data", "data_2", "data_3", "sumber"]
    assert [[c.value for c in row] for row in book["data"].iter_rows()] == [["year"], [2021], [2022]]
    assert [[c.value for c in row] for row in book["data_2"].iter_rows()] == [["year"], [2023], [2024]]
    assert [[c.value for c in row] for row in book["data_3"].iter_rows()] == [["year"], [2025]]


def test_chart_download_follows_the_interface_language_and_names_each_measure(seeded_store):
    from analytics.catalog import default_catalog
    from analytics.regions import RegionRegistry

    catalog = default_catalog()
    registry = RegionRegistry(seeded_store.regions())
    obs = seeded_store.observations(regions=["3671"], measures=["p0", "poor_count"])
    workbook = load_workbook(io.BytesIO(exports.readable_excel(obs, registry, catalog, "id")))
    assert workbook.sheetnames == ["data", "indikator", "sumber"]
    header = [c.value for c in workbook["data"][1]]
    assert header[:8] == ["Kode wilayah (BPS)", "Wilayah", "Indikator", "Kode indikator", "Tahun", "Periode",
                          "Nilai", "Satuan"]
    first = {h: c.value for h, c in zip(header, workbook["data"][2], strict=True)}
    assert first["Periode"] == "Maret" and first["Wilayah"] == "Kota Tangerang"
    assert first["Satuan"] in ("persen (%)", "ribu jiwa")
    assert "region_code" not in header and "march" not in [c.value for c in workbook["data"]["F"]]
    # The BPS table is named (publisher, title), not a mirror's address.
    source = catalog.sources[obs["source"].iloc[0]]
    assert first["Sumber"].startswith(source.publisher) and source.title in first["Sumber"]
    measures = {row[0].value: [c.value for c in row] for row in workbook["indikator"].iter_rows(min_row=2)}
    assert set(measures) == {"p0", "poor_count"}
    assert measures["poor_count"][2] == "ribu jiwa" and measures["p0"][3]  # unit and a definition
    english = load_workbook(io.BytesIO(exports.readable_excel(obs, registry, catalog, "en")))
    assert english.sheetnames == ["data", "indicators", "sources"]
    assert [c.value for c in english["data"][1]][5] == "Period" and english["data"]["F2"].value == "March"
    csv_text = exports.readable_csv(obs, registry, catalog, "id").decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("Kode wilayah (BPS),Wilayah,Indikator")


def test_csv_is_a_clean_table_whose_rows_name_measure_unit_and_source_and_the_note_names_real_sheets(seeded_store):
    """The CSV has no header block (a comment line breaks pandas, R and Stata readers); what a header
    block would say is in every row, and the note beside the button points at sheets the Excel has."""
    from analytics.catalog import default_catalog
    from analytics.i18n import t
    from analytics.regions import RegionRegistry

    catalog = default_catalog()
    registry = RegionRegistry(seeded_store.regions())
    obs = seeded_store.observations(regions=["3671", "00"], measures=["p0", "poor_count"])
    for lang in ("id", "en"):
        raw = exports.readable_csv(obs, registry, catalog, lang)
        assert raw.startswith(b"\xef\xbb\xbf")
        text = raw.decode("utf-8-sig")
        # Read as it is, with every reader's defaults: one header line, then exactly one line per value.
        frame = pd.read_csv(io.StringIO(text), dtype=str)
        assert len(frame) == len(obs) and not text.startswith(("#", '"#'))
        assert list(frame.columns) == [t(f"export.col.{c}", lang) for c in exports.READABLE_COLUMNS]
        for column in ("measure_name", "unit", "period", "source"):
            assert frame[t(f"export.col.{column}", lang)].notna().all(), column
        assert set(frame[t("export.col.unit", lang)]) == ({"persen (%)", "ribu jiwa"} if lang == "id"
                                                          else {"percent (%)", "thousand people"})
        # The note beside the CSV button names the Excel sheets that hold definitions and sources: they exist.
        note = t("export.csv_note", lang, measures=t("export.sheet.measures", lang),
                 sources=t("export.sheet.sources", lang))
        workbook = load_workbook(io.BytesIO(exports.readable_excel(obs, registry, catalog, lang)))
        for sheet in workbook.sheetnames[1:]:
            assert f"“{sheet}”" in note, (sheet, note)
        definitions = [row[3].value for row in workbook[workbook.sheetnames[1]].iter_rows(min_row=2)]
        assert len(definitions) == 2 and all(definitions)
