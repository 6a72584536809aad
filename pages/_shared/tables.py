"""Turning tidy frames and problem lists into readable, translated tables."""

from __future__ import annotations

import pandas as pd

from analytics import fmt
from analytics.catalog import Catalog
from analytics.errors import Problem
from analytics.i18n import period_label, t
from analytics.regions import RegionRegistry


def value_text(values: pd.Series, measures: pd.Series, catalog: Catalog, lang: str) -> list[str]:
    out = []
    for value, measure_id in zip(values, measures, strict=True):
        measure = catalog.measures.get(measure_id)
        out.append(fmt.value(value, measure, lang) if measure else str(value))
    return out


def readable(frame: pd.DataFrame, registry: RegionRegistry, catalog: Catalog, lang: str,
             value_columns: tuple[str, ...] = ("value",)) -> pd.DataFrame:
    """Region names, measure names, period words and formatted values, with translated headers."""
    out = pd.DataFrame()
    if "change" in frame:
        out[t("col.change", lang)] = [t(f"change.{c}", lang) for c in frame["change"]]
    out[t("col.region_code", lang)] = frame["region_code"].to_numpy()
    out[t("col.region", lang)] = [registry.name(c) if c in registry else c for c in frame["region_code"]]
    out[t("col.measure", lang)] = [catalog.measures[m].name.get(lang) if m in catalog.measures else m
                                   for m in frame["measure"]]
    out[t("col.year", lang)] = frame["year"].astype(str).to_numpy()
    out[t("col.period", lang)] = [period_label(p, lang) for p in frame["period"]]
    for column in value_columns:
        out[t(f"col.{column}", lang)] = value_text(frame[column], frame["measure"], catalog, lang)
    return out


def problems_table(problems: list[Problem], lang: str) -> pd.DataFrame:
    return pd.DataFrame({
        t("upload.col.severity", lang): [t(f"upload.severity.{p.severity}", lang) for p in problems],
        t("upload.col.row", lang): ["" if p.row is None else str(p.row) for p in problems],
        t("upload.col.column", lang): [p.column for p in problems],
        t("upload.col.value", lang): [p.value for p in problems],
        t("upload.col.message", lang): [p.message_en if lang == "en" else p.message_id for p in problems],
    })


# What a reader looks for first (who, what kind, why, how much) before the file's fingerprint.
REVISION_COLUMNS = ["id", "created_at", "user_name", "kind", "note", "rows_added", "rows_changed", "rows_unchanged",
                    "rows_removed", "file_name", "sha256"]


# The row counts of a revision, written with the language's thousands separator ("12.345" / "12,345").
REVISION_COUNTS = ["rows_added", "rows_changed", "rows_unchanged", "rows_removed"]


def revisions_table(revisions: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The revision list with translated headers and kinds, counts through fmt.count, and times without
    ISO's "T" and "+00:00". A rollback has no file: its cells are empty (st.dataframe would write "None")."""
    when = revision_times(revisions)
    shown = revisions[REVISION_COLUMNS].assign(created_at=when,
                                               kind=[t(f"history.kind.{k}", lang) for k in revisions["kind"]],
                                               file_name=revisions["file_name"].fillna(""),
                                               sha256=revisions["sha256"].fillna(""))
    shown = shown.assign(**{c: [fmt.count(int(n), lang) for n in shown[c]] for c in REVISION_COUNTS})
    return shown.rename(columns=lambda c: t(f"history.col.{c}", lang))


def revision_times(revisions: pd.DataFrame) -> pd.Series:
    """"2026-11-29T07:25:06+00:00" → "2026-11-29 07:25:06" (the column header says UTC)."""
    return (revisions["created_at"].astype(str).str.replace("T", " ", regex=False)
            .str.replace("+00:00", "", regex=False))
