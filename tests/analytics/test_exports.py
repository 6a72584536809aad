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
