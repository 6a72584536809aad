"""The dry run: what loading a file would add, change and leave unchanged, computed without writing.

Incoming rows are matched with the current rows by their key (region, measure, year, period; targets
add their legal basis), as one integer per row (analytics/store/keys.py) rather than four columns.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from analytics.contract import KEY, TARGET_KEY
from analytics.store.keys import key_codes
from analytics.store.schema import (
    OBS_VALUE_COLUMNS,
    TARGET_VALUE_COLUMNS,
    fact_key,
    live,
    newest_revision,
    observations_table,
    read_rows,
    targets_table,
    typed,
)

# Target columns whose change makes a new version of a target (a new source text alone does not).
TARGET_COMPARED = ["value", "lower", "upper", "year_stated", "verify"]


@dataclass(frozen=True)
class LoadPlan:
    """What a load would do, computed without writing (the dry run)."""

    added: pd.DataFrame
    changed: pd.DataFrame  # new values, with old_* columns beside them
    unchanged: pd.DataFrame
    targets_added: pd.DataFrame
    targets_changed: pd.DataFrame
    targets_unchanged: pd.DataFrame
    # The data version the plan was computed against: a load given this plan reuses it
    # when nothing was written since, and computes it again otherwise.
    version: int = -1

    @property
    def rows_added(self) -> int:
        return len(self.added) + len(self.targets_added)

    @property
    def rows_changed(self) -> int:
        return len(self.changed) + len(self.targets_changed)

    @property
    def rows_unchanged(self) -> int:
        return len(self.unchanged) + len(self.targets_unchanged)



def plan(conn: Connection, observations: pd.DataFrame, targets: pd.DataFrame) -> LoadPlan:
    """The plan of loading these frames against the store as `conn` sees it now."""
    # The version first: a write that lands while the diff runs makes the plan look stale, never fresh.
    version = newest_revision(conn)
    obs = canonical(observations, OBS_VALUE_COLUMNS)
    tgt = canonical(targets, TARGET_VALUE_COLUMNS, TARGET_KEY)
    added, changed, unchanged = diff(
        obs, current_for(conn, observations_table, OBS_VALUE_COLUMNS, obs), OBS_VALUE_COLUMNS)
    t_added, t_changed, t_unchanged = diff(
        tgt, current_for(conn, targets_table, TARGET_VALUE_COLUMNS, tgt), TARGET_VALUE_COLUMNS, TARGET_KEY)
    return LoadPlan(added, changed, unchanged, t_added, t_changed, t_unchanged, version)


def diff(incoming: pd.DataFrame, current: pd.DataFrame, value_columns: list[str], key: list[str] = KEY
         ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Incoming rows split into added, changed (with old_* columns and the current row's id) and
    unchanged; of rows repeating a key, the last counts."""
    incoming_keys, current_keys = key_codes(incoming, current, columns=key)
    last = ~pd.Series(incoming_keys).duplicated(keep="last").to_numpy()
    if not last.all():
        incoming, incoming_keys = incoming[last], incoming_keys[last]
    incoming = incoming.reset_index(drop=True)
    # Each incoming row's current row (-1: none), by one integer key instead of four columns.
    position = pd.Index(current_keys).get_indexer(incoming_keys)
    is_new = position < 0
    added = incoming[is_new] if not is_new.all() else incoming
    added = added[key + value_columns + (["row"] if "row" in incoming else [])]
    # Only rows already in the store are compared, old value beside new.
    merged = incoming[~is_new].reset_index(drop=True)
    old = current.iloc[position[~is_new]].reset_index(drop=True)
    for column in value_columns:
        merged[f"{column}_old"] = old[column]
    merged["id"] = old["id"].astype("int64") if len(old) else pd.Series(dtype="int64")
    # A row is unchanged when its value (and status) are: re-sending a figure with a
    # different source or note text does not replace the stored provenance.
    if key == TARGET_KEY:
        same = pd.Series(True, index=merged.index)
        for column in TARGET_COMPARED:
            same &= same_values(merged[column], merged[f"{column}_old"])
    else:
        same = ((merged["value"] - merged["value_old"]).abs() <= 1e-9 * merged["value"].abs().clip(lower=1))
    if "status" in value_columns:
        same &= merged["status"].fillna("").astype(str) == merged["status_old"].fillna("").astype(str)
    changed = merged[~same].rename(columns={f"{c}_old": f"old_{c}" for c in value_columns})
    unchanged = merged[same][key + value_columns]
    return added.reset_index(drop=True), changed.reset_index(drop=True), unchanged.reset_index(drop=True)


def current_for(conn: Connection, table: sa.Table, value_columns: list[str],
                incoming: pd.DataFrame) -> pd.DataFrame:
    """The current rows (with their ids) of the measures the incoming rows hold."""
    columns = [table.c.id] + [table.c[c] for c in fact_key(table) + value_columns]
    query = sa.select(*columns).where(live(table, None))
    measures = sorted(incoming["measure"].unique()) if not incoming.empty else []
    query = query.where(table.c.measure.in_(measures))
    frame = read_rows(conn, query)
    return typed(frame).astype({"id": "int64"})


def empty_targets() -> pd.DataFrame:
    """No targets, with the columns and types of a target frame (a load of observations only)."""
    numeric = {"value": "float64", "lower": "float64", "upper": "float64", "year": "int64"}
    return pd.DataFrame({c: pd.Series(dtype=numeric.get(c, object)) for c in TARGET_KEY + TARGET_VALUE_COLUMNS})


def same_values(new: pd.Series, old: pd.Series) -> pd.Series:
    """Cell by cell: equal, both missing, or numbers within rounding."""
    both_missing = new.isna() & old.isna()
    if new.dtype.kind == "f" or old.dtype.kind == "f":
        a, b = new.astype("float64"), old.astype("float64")
        return both_missing | ((a - b).abs() <= 1e-9 * a.abs().clip(lower=1))
    return both_missing | (new.astype(object) == old.astype(object))


def canonical(frame: pd.DataFrame, value_columns: list[str], key: list[str] = KEY) -> pd.DataFrame:
    """A validated frame in the store's columns and types, so it compares cell by cell with stored rows."""
    columns = key + value_columns + (["row"] if "row" in frame.columns else [])
    out = frame.reindex(columns=columns).copy()
    if "basis" in key:
        # A target loaded without a legal basis (a programme target) is known by its source.
        basis = out["basis"].astype(object)
        out["basis"] = basis.where(basis.notna() & (basis != ""), out["source"])
    out["year"] = out["year"].astype("int64")
    for column in ("value", "lower", "upper"):
        if column in out:
            out[column] = out[column].astype("float64")
    for column in ("region_code", "measure", "period", "source", "status", "basis"):
        if column in out:
            out[column] = out[column].astype(str)
    for column in ("year_stated", "verify"):
        if column in out:
            flags = out[column].astype(object)
            out[column] = flags.where(flags.notna(), column == "year_stated").astype(bool)
    for column in ("note", "source_url", "plan_period"):
        if column in out:
            out[column] = out[column].astype(object).where(out[column].notna() & (out[column] != ""), None)
    return out
