import io

import pandas as pd
from openpyxl import load_workbook

from analytics import exports


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
