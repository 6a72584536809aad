"""Downloads: the data behind a chart or table as CSV (UTF-8 with BOM) or Excel with a sources sheet.

Every export neutralises text cells that a spreadsheet would run as a formula
(leading =, +, -, @, tab or carriage return) by prefixing an apostrophe.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

import numpy as np
import pandas as pd

from analytics import contract, fmt
from analytics.catalog import Catalog
from analytics.i18n import period_label, t
from analytics.regions import NATION, RegionRegistry
from analytics.text import clean_cells

# Characters that make Excel, LibreOffice or Sheets treat a cell as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
UTF8_BOM = "\ufeff"
# Data rows that fit on one Excel sheet (1,048,576 rows, one of them the header).
EXCEL_ROWS = 1_048_575
# Most rows a page offers as an Excel download. openpyxl writes about 3,000 rows a second here
# (100,000 rows: 33 s), so a larger file would keep the user waiting for minutes; CSV has no limit.
EXCEL_DOWNLOAD_ROWS = 100_000
# The columns of a chart's download in the interface language (keys in analytics/strings/charts.yaml).
READABLE_COLUMNS = ("region_code", "region_name", "measure_name", "measure", "year", "period", "value", "unit",
                    "status", "source", "note")
STATUSES = ("final", "provisional", "illustrative", "target")
MEASURE_COLUMNS = ("measure", "measure_name", "unit", "definition", "source")
SOURCE_COLUMNS = ("source", "publisher", "title", "url", "date", "licence")


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
    return out.reindex(columns=list(contract.TIDY_COLUMNS))


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


def source_citation(source_id: str, catalog: Catalog) -> str:
    """"Badan Pusat Statistik (BPS), Persentase Penduduk Miskin …" (what the catalog says), or the id."""
    source = catalog.sources.get(source_id)
    if source is None:
        return source_id
    return ", ".join(p for p in (source.publisher, source.title) if p)


def readable(obs: pd.DataFrame, registry: RegionRegistry, catalog: Catalog, lang: str,
             source_labels: Iterable[str] | None = None) -> pd.DataFrame:
    """A chart's data for people: headers, measure names, periods, units and statuses in the interface
    language, the source as its citation (the tidy upload template keeps the machine codes).

    `source_labels` (one per row, analytics.domain.provenance.row_labels) replaces the catalog citation, so a
    staff upload reads "diunggah petugas, revisi N, …" and a seeded value cites its table and year."""
    names = registry.frame["name"].to_dict()
    names[NATION] = "Indonesia"
    measures = {m.id: m for m in catalog.measures.values()}
    out = pd.DataFrame({
        "region_code": obs["region_code"].astype(str),
        "region_name": obs["region_code"].map(names),
        "measure_name": [measures[m].name.get(lang) if m in measures else m for m in obs["measure"]],
        "measure": obs["measure"],
        "year": obs["year"],
        "period": [period_label(p, lang) if isinstance(p, str) else "" for p in obs["period"]],
        "value": obs["value"],
        "unit": [fmt.axis_label(measures[m], lang) if m in measures else "" for m in obs["measure"]],
        "status": [t(f"export.status.{s}", lang) if isinstance(s, str) and s in STATUSES else (s or "")
                   for s in obs.get("status", pd.Series([""] * len(obs), index=obs.index))],
        "source": (list(source_labels) if source_labels is not None else
                   [source_citation(s, catalog) if isinstance(s, str) else "" for s in obs["source"]]),
        "note": obs["note"].fillna("") if "note" in obs else "",
    })
    out.columns = [t(f"export.col.{c}", lang) for c in READABLE_COLUMNS]
    return out.reset_index(drop=True)


def measures_table(measure_ids: Iterable[str], source_ids: Iterable[str], obs: pd.DataFrame, catalog: Catalog,
                   lang: str) -> pd.DataFrame:
    """One row per measure in the download: its name, unit, definition and the sources of its rows."""
    rows = []
    for measure_id in dict.fromkeys(measure_ids):
        if measure_id not in catalog.measures:
            continue
        measure = catalog.measure(measure_id)
        used = sorted({s for s in obs.loc[obs["measure"] == measure_id, "source"] if isinstance(s, str) and s})
        rows.append({"measure": measure_id, "measure_name": measure.name.get(lang),
                     "unit": fmt.axis_label(measure, lang), "definition": measure.definition.get(lang),
                     "source": "; ".join(source_citation(s, catalog) for s in used)})
    frame = pd.DataFrame(rows, columns=list(MEASURE_COLUMNS))
    frame.columns = [t(f"export.measures.{c}", lang) for c in MEASURE_COLUMNS]
    return frame


def readable_excel(obs: pd.DataFrame, registry: RegionRegistry, catalog: Catalog, lang: str,
                   source_labels: Iterable[str] | None = None, cited: Iterable[str] | None = None) -> bytes:
    """An .xlsx for people: data, then a sheet naming each measure (unit, definition, source), then the
    sources, all in the interface language. `cited`: the catalog sources to list (uploads left out)."""
    data = readable(obs, registry, catalog, lang, source_labels)
    measures = measures_table(obs["measure"], obs["source"], obs, catalog, lang)
    sources = sources_table(obs["source"] if cited is None else cited, catalog)
    sources.columns = [t(f"export.sources.{c}", lang) for c in SOURCE_COLUMNS]
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        neutralise(data).to_excel(writer, sheet_name=t("export.sheet.data", lang), index=False)
        neutralise(measures).to_excel(writer, sheet_name=t("export.sheet.measures", lang), index=False)
        neutralise(sources).to_excel(writer, sheet_name=t("export.sheet.sources", lang), index=False)
    return buffer.getvalue()


def readable_csv(obs: pd.DataFrame, registry: RegionRegistry, catalog: Catalog, lang: str,
                 source_labels: Iterable[str] | None = None) -> bytes:
    """CSV for people (UTF-8 with BOM): each row names its measure, unit and source in the interface language."""
    return csv_bytes(readable(obs, registry, catalog, lang, source_labels))
