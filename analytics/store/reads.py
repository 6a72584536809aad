"""The store's reads: current rows or rows as of any revision, counts, history and what each revision changed.

`StoreReads` is the read half of `Store` (analytics/store/store.py); it needs only the engine.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from analytics.contract import CODE_LENGTH, KEY, TARGET_KEY
from analytics.errors import UnknownRevision
from analytics.regions import NATION
from analytics.store.schema import (
    OBS_VALUE_COLUMNS,
    REGION_COLUMNS,
    REVISION_COLUMNS,
    TARGET_VALUE_COLUMNS,
    fact_key,
    live,
    newest_revision,
    observations_table,
    read_rows,
    regions_table,
    revisions_table,
    targets_table,
    typed,
)


@dataclass(frozen=True)
class Revision:
    id: int
    created_at: str
    user_name: str
    kind: str
    file_name: str | None
    sha256: str | None
    rows_added: int
    rows_changed: int
    rows_unchanged: int
    rows_removed: int
    note: str | None


class StoreReads:
    """Every read of the store; reads never lock and see only committed revisions."""

    engine: Engine

    def data_version(self) -> int:
        """The id of the newest revision: changes whenever any process writes."""
        with self.engine.connect() as conn:
            return newest_revision(conn)

    def is_empty(self) -> bool:
        return self.data_version() == 0

    def regions(self) -> pd.DataFrame:
        with self.engine.connect() as conn:
            frame = pd.read_sql(sa.select(regions_table).order_by(regions_table.c.code), conn)
        return frame.astype({c: "string" for c in REGION_COLUMNS}).astype(object).where(frame.notna(), None)

    def _facts(self, table: sa.Table, value_columns: list[str], *, regions: Iterable[str] | None,
               measures: Iterable[str] | None, years: Iterable[int] | None,
               periods: Iterable[str] | None, revision: int | None, down_to: str | None = None) -> pd.DataFrame:
        key = fact_key(table)
        columns = [table.c[c] for c in key + [c for c in value_columns if c not in key]]
        query = sa.select(*columns).where(live(table, revision))
        if regions is not None:
            query = query.where(table.c.region_code.in_(list(regions)))
        if measures is not None:
            query = query.where(table.c.measure.in_(list(measures)))
        if years is not None:
            query = query.where(table.c.year.in_([int(y) for y in years]))
        if periods is not None:
            query = query.where(table.c.period.in_(list(periods)))
        if down_to is not None:
            query = query.where(sa.func.length(table.c.region_code) <= CODE_LENGTH[down_to])
        query = query.order_by(*(table.c[k] for k in key))
        with self.engine.connect() as conn:
            frame = read_rows(conn, query)
        return typed(frame)

    def observations(self, *, regions: Iterable[str] | None = None, measures: Iterable[str] | None = None,
                     years: Iterable[int] | None = None, periods: Iterable[str] | None = None,
                     revision: int | None = None, down_to: str | None = None) -> pd.DataFrame:
        """Current observations (or as of `revision`), filtered; tidy columns plus `rev_from`, the
        revision that wrote each row (so a page can mark staff uploads as such). `down_to` (a level
        of CODE_LENGTH, e.g. "kabkota") leaves out the regions below it."""
        if revision is not None:
            self.revision(revision)
        return self._facts(observations_table, [*OBS_VALUE_COLUMNS, "rev_from"], regions=regions, measures=measures,
                           years=years, periods=periods, revision=revision, down_to=down_to)

    def coverage(self) -> pd.DataFrame:
        """Per measure, how many current values the store holds and their first and last year
        (counted by the database: the store may hold millions of desa rows)."""
        table = observations_table
        query = (sa.select(table.c.measure, sa.func.count().label("values"),
                           sa.func.min(table.c.year).label("first"), sa.func.max(table.c.year).label("last"))
                 .where(live(table, None)).group_by(table.c.measure).order_by(table.c.measure))
        with self.engine.connect() as conn:
            frame = read_rows(conn, query)
        return frame.astype({"values": "int64", "first": "int64", "last": "int64"})

    def coverage_matrix(self) -> pd.DataFrame:
        """Per measure, level and year: how many regions hold a current value (any period).
        Columns measure, level (nation/province/kabkota/kecamatan/desa), year, regions. Counted
        by the database (the store may hold millions of desa rows)."""
        table = observations_table
        length = sa.func.length(table.c.region_code)
        by_length = ((length == CODE_LENGTH[level], level) for level in ("province", "kabkota", "kecamatan"))
        level = sa.case((table.c.region_code == NATION, "nation"), *by_length, else_="desa").label("level")
        query = (sa.select(table.c.measure, level, table.c.year,
                           sa.func.count(sa.distinct(table.c.region_code)).label("regions"))
                 .where(live(table, None)).group_by(table.c.measure, level, table.c.year)
                 .order_by(table.c.measure, level, table.c.year))
        with self.engine.connect() as conn:
            frame = read_rows(conn, query)
        if frame.empty:
            frame = pd.DataFrame(columns=["measure", "level", "year", "regions"])
        return frame.astype({"year": "int64", "regions": "int64"})

    def observation_count(self, *, revision: int | None = None) -> int:
        """How many observations are current (or were, as of `revision`), without reading them."""
        if revision is not None:
            self.revision(revision)
        query = sa.select(sa.func.count()).select_from(observations_table).where(live(observations_table, revision))
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def targets(self, *, regions: Iterable[str] | None = None, measures: Iterable[str] | None = None,
                revision: int | None = None) -> pd.DataFrame:
        return self._facts(targets_table, TARGET_VALUE_COLUMNS, regions=regions, measures=measures,
                           years=None, periods=None, revision=revision)

    def revisions(self) -> pd.DataFrame:
        with self.engine.connect() as conn:
            return pd.read_sql(sa.select(*REVISION_COLUMNS).order_by(revisions_table.c.id.desc()), conn)

    def revision(self, revision_id: int) -> Revision:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(*REVISION_COLUMNS).where(revisions_table.c.id == int(revision_id))).first()
        if row is None:
            raise UnknownRevision(revision_id)
        return Revision(**row._asdict())

    def changes(self, revision_id: int) -> pd.DataFrame:
        """What a revision did to observations: one row per key with old and new value and
        `change` = added | changed | removed."""
        self.revision(revision_id)
        table = observations_table
        columns = [table.c[c] for c in KEY + OBS_VALUE_COLUMNS]
        with self.engine.connect() as conn:
            new = read_rows(conn, sa.select(*columns).where(table.c.rev_from == revision_id))
            old = read_rows(conn, sa.select(*columns).where(table.c.rev_to == revision_id))
        merged = old.merge(new, on=KEY, how="outer", suffixes=("_old", "_new"), indicator=True)
        merged["change"] = merged["_merge"].map({"both": "changed", "right_only": "added", "left_only": "removed"})
        merged = merged.drop(columns="_merge").rename(columns={"value_old": "old_value", "value_new": "new_value"})
        order = ["change", *KEY, "old_value", "new_value", "status_new", "source_new", "note_new"]
        return merged.reindex(columns=order).sort_values(KEY).reset_index(drop=True)

    def target_changes(self, revision_id: int) -> pd.DataFrame:
        """What a revision did to targets: one row per target key with `change` = added | changed |
        removed, the new numbers (value, lower, upper, verify) and the old ones as old_*."""
        self.revision(revision_id)
        table = targets_table
        columns = [table.c[c] for c in [*TARGET_KEY, "value", "lower", "upper", "verify", "source"]]
        with self.engine.connect() as conn:
            new = typed(read_rows(conn, sa.select(*columns).where(table.c.rev_from == revision_id)))
            old = typed(read_rows(conn, sa.select(*columns).where(table.c.rev_to == revision_id)))
        merged = new.merge(old, on=TARGET_KEY, how="outer", suffixes=("", "_old"), indicator=True)
        merged["change"] = merged["_merge"].map({"both": "changed", "left_only": "added", "right_only": "removed"})
        merged = merged.drop(columns="_merge").rename(columns={f"{c}_old": f"old_{c}" for c in
                                                               ("value", "lower", "upper", "verify", "source")})
        removed = merged["change"] == "removed"
        if removed.any():  # a removed target shows what it was
            for column in ("value", "lower", "upper", "verify", "source"):
                merged[column] = merged[column].astype(object).where(~removed, merged[f"old_{column}"])
        return merged.sort_values(TARGET_KEY).reset_index(drop=True)
