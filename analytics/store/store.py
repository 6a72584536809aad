"""The versioned SQL store: SQLite by default, PostgreSQL when DATABASE_URL says so.

Every load is a revision. Fact rows are never updated in place: a row carries
the revision that introduced it (`rev_from`) and the one that replaced or
removed it (`rev_to`, NULL while current), so any earlier state can be read
back and a rollback is just another revision. A load is one transaction: if
anything fails, the store is exactly as before. `data_version()` is one cheap
query that caches in every app process key on.

This module holds `Store` and its writes; the parts it is built from sit beside it:
engine.py (URL and engine), schema.py (tables), migrations.py, reads.py (every read),
diff.py (the dry run) and bulk.py (bulk inserts per database).
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from analytics.store import bulk, diff, migrations
from analytics.store.diff import LoadPlan, empty_targets
from analytics.store.engine import default_url, make_engine
from analytics.store.migrations import SCHEMA_VERSION
from analytics.store.reads import Revision, StoreReads
from analytics.store.schema import (
    OBS_VALUE_COLUMNS,
    REGION_COLUMNS,
    TARGET_VALUE_COLUMNS,
    fact_key,
    live,
    newest_revision,
    observations_table,
    read_rows,
    regions_table,
    revisions_table,
    targets_table,
)
from analytics.text import clean_name, clean_note

# The public names of the store, for those who import them from here.
__all__ = ["SCHEMA_VERSION", "LoadPlan", "Revision", "Store", "default_url", "file_sha256"]

# The PostgreSQL advisory lock that queues writers (any fixed number unique to this app).
_WRITER_LOCK = 0x4461_7362


class Store(StoreReads):
    """All reads and writes of the SQL store. Construct once per process (it owns a pool)."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url or default_url()
        self.engine = make_engine(self.url)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def dispose(self) -> None:
        self.engine.dispose()

    # -- schema --------------------------------------------------------------------------

    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            return migrations.stored_version(conn)

    def migrate(self) -> int:
        """Bring the schema to SCHEMA_VERSION; returns the number of steps applied."""
        return migrations.migrate(self.engine)

    # -- dry run -------------------------------------------------------------------------

    def plan(self, observations: pd.DataFrame, targets: pd.DataFrame | None = None) -> LoadPlan:
        """What loading these frames would add, change and leave unchanged (writes nothing)."""
        targets = targets if targets is not None else empty_targets()
        with self.engine.connect() as conn:
            return diff.plan(conn, observations, targets)

    # -- writes --------------------------------------------------------------------------

    @staticmethod
    def _lock_writers(conn: Connection) -> None:
        """One writer at a time. SQLite's BEGIN IMMEDIATE already holds the write lock; on
        PostgreSQL a transaction-scoped advisory lock queues concurrent loads and rollbacks."""
        if conn.dialect.name == "postgresql":
            conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_WRITER_LOCK)))

    def _insert_revision(self, conn: Connection, *, user: str, kind: str, file_name: str | None,
                         sha256: str | None, note: str | None) -> int:
        # The last guard for text that no validator saw (a form's note, an upload's file name): no
        # control character is stored, and nothing longer than its column (PostgreSQL would refuse).
        user = clean_name(user)[:100]
        file_name = clean_name(file_name)[-300:] if file_name else file_name
        note = clean_note(note) if note else note
        result = conn.execute(revisions_table.insert().values(
            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
            user_name=user, kind=kind, file_name=file_name, sha256=sha256, note=note,
            rows_added=0, rows_changed=0, rows_unchanged=0, rows_removed=0,
        ))
        return int(result.inserted_primary_key[0])

    def load(self, observations: pd.DataFrame, targets: pd.DataFrame | None = None, *,
             user: str, file_name: str | None = None, sha256: str | None = None,
             note: str | None = None, kind: str = "upload",
             regions: pd.DataFrame | None = None, plan: LoadPlan | None = None) -> Revision:
        """Write validated frames as one new revision, in one transaction (all or nothing).

        `plan` is the dry run of these same frames: it is used as is when the store has not
        changed since it was computed, and computed again (inside the transaction) otherwise."""
        targets = targets if targets is not None else empty_targets()
        with self.engine.begin() as conn:
            self._lock_writers(conn)
            if regions is not None:
                self._upsert_regions(conn, regions)
            if plan is None or plan.version != newest_revision(conn):
                plan = diff.plan(conn, observations, targets)
            revision_id = self._insert_revision(conn, user=user, kind=kind, file_name=file_name,
                                                sha256=sha256, note=note)
            bulk.retire(conn, observations_table, plan.changed["id"] if not plan.changed.empty else [], revision_id)
            bulk.insert(conn, observations_table, pd.concat([plan.added, plan.changed]), OBS_VALUE_COLUMNS, revision_id)
            bulk.retire(conn, targets_table, plan.targets_changed["id"] if not plan.targets_changed.empty else [], revision_id)
            bulk.insert(conn, targets_table, pd.concat([plan.targets_added, plan.targets_changed]),
                         TARGET_VALUE_COLUMNS, revision_id)
            conn.execute(revisions_table.update().where(revisions_table.c.id == revision_id).values(
                rows_added=plan.rows_added, rows_changed=plan.rows_changed, rows_unchanged=plan.rows_unchanged))
        return self.revision(revision_id)

    def rollback(self, to_revision: int, *, user: str, note: str | None = None) -> Revision:
        """Make the data as it was at `to_revision` current again, as a new revision."""
        self.revision(to_revision)
        with self.engine.begin() as conn:
            self._lock_writers(conn)
            revision_id = self._insert_revision(conn, user=user, kind="rollback", file_name=None,
                                                sha256=None, note=note or f"rollback to {to_revision}")
            counts = {"rows_added": 0, "rows_changed": 0, "rows_unchanged": 0, "rows_removed": 0}
            for table, value_columns in ((observations_table, OBS_VALUE_COLUMNS), (targets_table, TARGET_VALUE_COLUMNS)):
                for name, count in self._restore(conn, table, value_columns, to_revision, revision_id).items():
                    counts[name] += count
            conn.execute(revisions_table.update().where(revisions_table.c.id == revision_id).values(**counts))
        return self.revision(revision_id)

    def _restore(self, conn: Connection, table: sa.Table, value_columns: list[str], to_revision: int,
                 revision_id: int) -> dict[str, int]:
        """Make one fact table's rows as they were at `to_revision` current, as rows of `revision_id`;
        returns the counts of rows restored (added), differing (changed), removed and unchanged."""
        key = fact_key(table)
        columns = [table.c.id] + [table.c[c] for c in key + value_columns]
        current = read_rows(conn, sa.select(*columns).where(live(table, None)))
        past = read_rows(conn, sa.select(*columns).where(live(table, to_revision)))
        merged = current.merge(past, on=key, how="outer", suffixes=("", "_past"), indicator=True)
        removed = merged[merged["_merge"] == "left_only"]
        restored = merged[merged["_merge"] == "right_only"]
        both = merged[merged["_merge"] == "both"]
        differs = both[both["id"] != both["id_past"]]
        bulk.retire(conn, table, pd.concat([removed["id"], differs["id"]]), revision_id)
        back = pd.concat([restored, differs])
        back = back[key + [f"{c}_past" for c in value_columns]].rename(
            columns={f"{c}_past": c for c in value_columns})
        bulk.insert(conn, table, back.astype({"year": "int64"}), value_columns, revision_id)
        return {"rows_added": len(restored), "rows_changed": len(differs), "rows_removed": len(removed),
                "rows_unchanged": len(both) - len(differs)}

    def _upsert_regions(self, conn: Connection, regions: pd.DataFrame) -> None:
        frame = regions.reindex(columns=REGION_COLUMNS)
        frame = frame.astype(object).where(frame.notna() & (frame != ""), None)
        existing = {r[0] for r in conn.execute(sa.select(regions_table.c.code))}
        records = frame.to_dict("records")
        new = [r for r in records if r["code"] not in existing]
        old = [r for r in records if r["code"] in existing]
        if new:
            conn.execute(regions_table.insert(), new)
        for record in old:
            conn.execute(regions_table.update().where(regions_table.c.code == record["code"]).values(**record))


def file_sha256(*files: Path) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()
