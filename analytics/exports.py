"""Downloads: the data behind a chart or table as CSV (UTF-8 with BOM) or Excel with a sources sheet.

Every export neutralises text cells that a spreadsheet would run as a formula
(leading =, +, -, @, tab or carriage return) by prefixing an apostrophe.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

import numpy as np
import pandas as pd

from analytics import ingest
from analytics.catalog import Catalog
from analytics.regions import RegionRegistry
from analytics.text import clean_cells

# Characters that make Excel, LibreOffice or Sheets treat a cell as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
UTF8_BOM = "\ufeff"
# Data rows that fit on one Excel sheet (1,048,576 rows, one of them the header).
EXCEL_ROWS = 1_048_575
# Most rows a page offers as an Excel download. openpyxl writes about 3,000 rows a second here
# (100,000 rows: 33 s), so a larger file would keep the user waiting for minutes; CSV has no limit.
EXCEL_DOWNLOAD_ROWS = 100_000


def _formula_like(column: pd.Series) -> np.ndarray:
    """Which cells of a column are text starting with a formula character."""
    if isinstance(column.dtype, pd.StringDtype):
        return column.str.startswith(FORMULA_PREFIXES).fillna(False).to_numpy(dtype=bool)
    return np.fromiter((isinstance(v, str) and v.startswith(FORMULA_PREFIXES) for v in column),
                       dtype=bool, count=len(column))


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells starting with a formula character get a leading apostrophe; numbers stay numbers;
    control characters an older store may still hold are removed (openpyxl refuses them, and one
    made the whole download fail). Only the cells that need it are touched (a whole store is a
    million rows)."""
    out = clean_cells(frame).copy()
    for position in range(out.shape[1]):
        values = out.iloc[:, position]
        if not (values.dtype == object or pd.api.types.is_string_dtype(values)):
            continue
        risky = _formula_like(values)
        if risky.any():
            fixed = values.astype(object)
            fixed[risky] = ["'" + v for v in fixed[risky]]
            out.isetitem(position, fixed.astype(values.dtype) if isinstance(values.dtype, pd.StringDtype) else fixed)
    out.columns = [("'" + c if isinstance(c, str) and c.startswith(FORMULA_PREFIXES) else c) for c in out.columns]
    return out


def tidy(obs: pd.DataFrame, registry: RegionRegistry, catalog: Catalog) -> pd.DataFrame:
    """Observations in the tidy template's columns (the same as `python -m analytics export`)."""
    names = registry.frame["name"]
    units = {m.id: m.unit for m in catalog.measures.values()}
    out = obs.assign(region_name=obs["region_code"].map(names), unit=obs["measure"].map(units))
    return out.reindex(columns=list(ingest.TIDY_COLUMNS))


def sources_table(source_ids: Iterable[str], catalog: Catalog) -> pd.DataFrame:
    """The sources sheet: publisher, title, address, date and licence as a reader cites them (the
    mirrors that delivered the reference files are named only in data/README.md)."""
    rows = []
    for source_id in sorted({s for s in source_ids if isinstance(s, str) and s}):
        source = catalog.sources.get(source_id)
        if source is None:
            rows.append({"source": source_id, "publisher": "", "title": source_id, "url": "", "date": "",
                         "licence": ""})
        else:
            rows.append({"source": source.id, "publisher": source.publisher, "title": source.title,
                         "url": source.url, "date": source.date, "licence": source.licence})
    return pd.DataFrame(rows, columns=["source", "publisher", "title", "url", "date", "licence"])


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV in UTF-8 with a byte-order mark, so Excel opens Indonesian text correctly."""
    text = neutralise(frame).to_csv(index=False, lineterminator="\r\n")
    return (UTF8_BOM + text).encode("utf-8")


def excel_bytes(frame: pd.DataFrame, sources: pd.DataFrame, *, data_sheet: str = "data",
                sources_sheet: str = "sumber") -> bytes:
    """An .xlsx with the data on the first sheet and the sources on the last. Data longer than a
    sheet holds continues on `data_2`, `data_3`, … (each with the header row), so nothing is cut."""
    buffer = io.BytesIO()
    safe = neutralise(frame)
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for part, start in enumerate(range(0, max(len(safe), 1), EXCEL_ROWS), start=1):
            name = data_sheet if part == 1 else f"{data_sheet}_{part}"
            safe.iloc[start:start + EXCEL_ROWS].to_excel(writer, sheet_name=name, index=False)
        neutralise(sources).to_excel(writer, sheet_name=sources_sheet, index=False)
    return buffer.getvalue()
