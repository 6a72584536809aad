"""The versioned SQL store: SQLite by default, PostgreSQL when DATABASE_URL says so.

Every load is a revision. Fact rows are never updated in place: a row carries
the revision that introduced it (`rev_from`) and the one that replaced or
removed it (`rev_to`, NULL while current), so any earlier state can be read
back and a rollback is just another revision. A load is one transaction: if
anything fails, the store is exactly as before. `data_version()` is one cheap
query that caches in every app process key on.
"""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from analytics import paths
from analytics.contract import CODE_LENGTH, KEY, TARGET_KEY
from analytics.errors import UnknownRevision
from analytics.store.keys import key_codes
from analytics.text import clean_name, clean_note

# --- schema ---------------------------------------------------------------------------------

metadata = sa.MetaData()

meta_table = sa.Table(
    "meta",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.String(256), nullable=False),
)

regions_table = sa.Table(
    "regions",
    metadata,
    sa.Column("code", sa.String(10), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("name_bps", sa.String(200)),
    sa.Column("level", sa.String(16), nullable=False),
    sa.Column("type", sa.String(16)),
    sa.Column("parent_code", sa.String(10)),
    sa.Column("code_bps_2025", sa.String(10)),
    sa.Column("parent_code_2025", sa.String(10)),
    sa.Column("code_kemendagri", sa.String(16)),
    sa.Column("scheme", sa.String(8)),
)

revisions_table = sa.Table(
    "revisions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("created_at", sa.String(32), nullable=False),
    sa.Column("user_name", sa.String(100), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),  # seed | upload | rollback
    sa.Column("file_name", sa.String(300)),
    sa.Column("sha256", sa.String(64)),
    sa.Column("rows_added", sa.Integer, nullable=False, default=0),
    sa.Column("rows_changed", sa.Integer, nullable=False, default=0),
    sa.Column("rows_unchanged", sa.Integer, nullable=False, default=0),
    sa.Column("rows_removed", sa.Integer, nullable=False, default=0),
    sa.Column("note", sa.Text),
    # Legacy column, never read: a revision exists only once its one transaction has committed, so
    # it always held "committed". Kept (filled by its default) so existing stores need no migration.
    sa.Column("status", sa.String(16), nullable=False, default="committed"),
)
# The revision columns that mean something (every one but the legacy status).
_REVISION_COLUMNS = [c for c in revisions_table.c if c.name != "status"]


def _fact_columns(with_status: bool) -> list[sa.Column]:
    columns = [
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("region_code", sa.String(10), nullable=False),
        sa.Column("measure", sa.String(64), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("period", sa.String(16), nullable=False),
        sa.Column("value", sa.Float, nullable=False),
    ]
    if with_status:
        columns.append(sa.Column("status", sa.String(16), nullable=False))
    columns += [
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("rev_from", sa.Integer, nullable=False),
        sa.Column("rev_to", sa.Integer),
    ]
    return columns


observations_table = sa.Table("observations", metadata, *_fact_columns(with_status=True))
# Targets, as released in schema version 2 (one value per region, measure, year and period);
# kept for migration 2, which must create exactly what it created then.
_targets_v1 = sa.Table("targets", sa.MetaData(), *_fact_columns(with_status=False))
# Targets since schema version 4 (issue #15): a single value, a range (lower/upper) or "below x"
# (upper only), each with its legal basis. The basis is part of the key, so conflicting official
# targets for the same year (RPJMN vs budget law vs a presidential directive) are all kept.
targets_table = sa.Table(
    "targets",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("region_code", sa.String(10), nullable=False),
    sa.Column("measure", sa.String(64), nullable=False),
    sa.Column("year", sa.Integer, nullable=False),
    sa.Column("period", sa.String(16), nullable=False),
    sa.Column("basis", sa.String(400), nullable=False),
    sa.Column("value", sa.Float),
    sa.Column("lower", sa.Float),
    sa.Column("upper", sa.Float),
    sa.Column("plan_period", sa.String(32)),
    sa.Column("year_stated", sa.Boolean, nullable=False),
    sa.Column("verify", sa.Boolean, nullable=False),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("source_url", sa.Text),
    sa.Column("note", sa.Text),
    sa.Column("rev_from", sa.Integer, nullable=False),
    sa.Column("rev_to", sa.Integer),
)

# Most rows per INSERT statement on SQLite (fewer when its parameter limit is lower): the
# per-statement cost of executemany, not the binding, dominates a bulk load.
SQLITE_ROWS = 3000
# Columns bound row by row in a SQLite bulk insert; the rest are bound once per group of rows
# sharing them, when the groups average at least _MIN_GROUP rows.
_ROW_COLUMNS = ["region_code", "year", "value"]
_MIN_GROUP = 50
# The PostgreSQL advisory lock that queues writers (any fixed number unique to this app).
_WRITER_LOCK = 0x4461_7362
OBS_VALUE_COLUMNS = ["value", "status", "source", "note"]
TARGET_VALUE_COLUMNS = ["value", "lower", "upper", "plan_period", "year_stated", "verify", "source", "source_url",
                        "note"]
# Target columns whose change makes a new version of a target (a new source text alone does not).
TARGET_COMPARED = ["value", "lower", "upper", "year_stated", "verify"]
REGION_COLUMNS = [c.name for c in regions_table.columns]


def _key(table: sa.Table) -> list[str]:
    """The columns naming one row of a fact table (targets add their legal basis)."""
    return TARGET_KEY if "basis" in table.c else KEY


def _live(table: sa.Table, revision: int | None) -> sa.ColumnElement[bool]:
    """The rows of `table` that are current (revision None) or were, as of `revision`."""
    if revision is None:
        return table.c.rev_to.is_(None)
    return sa.and_(table.c.rev_from <= revision, sa.or_(table.c.rev_to.is_(None), table.c.rev_to > revision))


def _read_rows(conn: Connection, query: sa.Select) -> pd.DataFrame:
    """A query's rows as a frame, fetched from the driver's cursor: the same frame as
    `pd.read_sql`, without SQLAlchemy building a Row per row first (fact tables hold hundreds of
    thousands of rows; this reads them in about a third of the time)."""
    result = conn.execute(query)
    return pd.DataFrame.from_records(result.cursor.fetchall(), columns=list(result.keys()))


def _add_indexes(table: sa.Table) -> None:
    """Indexes belong to the table, so `table.create()` creates them with it."""
    # At most one current row per key; both SQLite and PostgreSQL support partial indexes.
    sa.Index(
        f"ux_{table.name}_current",
        *(table.c[k] for k in _key(table)),
        unique=True,
        sqlite_where=table.c.rev_to.is_(None),
        postgresql_where=table.c.rev_to.is_(None),
    )
    sa.Index(f"ix_{table.name}_revs", table.c.rev_from, table.c.rev_to)


_add_indexes(observations_table)
_add_indexes(_targets_v1)
_add_indexes(targets_table)

users_table = sa.Table(
    "users",
    metadata,
    sa.Column("name", sa.String(100), primary_key=True),
    sa.Column("role", sa.String(16), nullable=False),  # editor | admin
    sa.Column("password_hash", sa.String(255), nullable=False),
    sa.Column("disabled", sa.Boolean, nullable=False, default=False),
    sa.Column("created_at", sa.String(32), nullable=False),
    sa.Column("password_changed_at", sa.String(32), nullable=False),
)

# Failed sign-ins per account name, whether or not the account exists, so a lock tells
# an outsider nothing about which names are real.
login_attempts_table = sa.Table(
    "login_attempts",
    metadata,
    sa.Column("name", sa.String(100), primary_key=True),
    sa.Column("failures", sa.Integer, nullable=False, default=0),
    sa.Column("locked_until", sa.Float),  # Unix time
)

# Single-use sign-in tickets already turned into a cookie (analytics.accounts.session_cookie).
# In the store, not in a process's memory: behind the proxy several app processes share one
# database, and a ticket used on one must be refused by every other. The primary key makes
# "use once" one atomic insert; rows are pruned once the ticket could no longer be valid.
used_tickets_table = sa.Table(
    "used_tickets",
    metadata,
    sa.Column("nonce", sa.String(32), primary_key=True),
    sa.Column("forget_after", sa.Float, nullable=False),  # Unix time
)

audit_table = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.String(32), nullable=False),
    sa.Column("user_name", sa.String(100)),
    sa.Column("action", sa.String(32), nullable=False),
    sa.Column("outcome", sa.String(16), nullable=False),
    sa.Column("detail", sa.Text),
    sa.Column("client", sa.String(100)),
    sa.Index("ix_audit_log_at", "at"),
)


# --- migrations -----------------------------------------------------------------------------
# Each step moves the schema one version forward inside its own transaction. Never edit a
# released step: add a new one. `meta.schema_version` records where a store stands.


def _migration_1(conn: Connection) -> None:
    """Registry, revisions and the versioned observations table."""
    for table in (meta_table, regions_table, revisions_table, observations_table):
        table.create(conn)


def _migration_2(conn: Connection) -> None:
    """Targets (RPJMD, Inpres 4/2022), versioned like observations, for the glide path."""
    _targets_v1.create(conn)


def _migration_3(conn: Connection) -> None:
    """Editor and admin accounts, sign-in throttling and the append-only audit log."""
    for table in (users_table, login_attempts_table, audit_table):
        table.create(conn)


def _migration_4(conn: Connection) -> None:
    """Targets with ranges and their legal basis (issue #15). The old table's rows (history
    included) are carried over with their source as the basis; the table is rebuilt rather
    than altered because SQLite cannot drop the NOT NULL of `value`."""
    old = _read_rows(conn, sa.select(_targets_v1))
    _targets_v1.drop(conn)
    targets_table.create(conn)
    if old.empty:
        return
    rows = old.drop(columns="id").assign(basis=old["source"], lower=None, upper=None, plan_period=None,
                                         year_stated=True, verify=False, source_url=None)
    conn.execute(targets_table.insert(), rows.astype(object).where(rows.notna(), None).to_dict("records"))


def _migration_5(conn: Connection) -> None:
    """Used sign-in tickets, shared by every app process (issue #20)."""
    used_tickets_table.create(conn)


MIGRATIONS: list[Callable[[Connection], None]] = [_migration_1, _migration_2, _migration_3, _migration_4,
                                                  _migration_5]
SCHEMA_VERSION = len(MIGRATIONS)


# --- results --------------------------------------------------------------------------------


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


# --- engine ---------------------------------------------------------------------------------


def default_url() -> str:
    """DATABASE_URL if set (PostgreSQL or another SQLite file), else the embedded SQLite file."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url[len("postgresql://"):]
        return url
    paths.VAR_DIR.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{paths.DEFAULT_SQLITE_FILE}"


def _create_private(url: str) -> None:
    """Create a new SQLite file readable by its owner only: it holds password hashes and the
    audit log (SQLite gives its -wal and -shm files the same permissions)."""
    database = sa.engine.make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    if not path.exists() and path.parent.is_dir():  # a missing folder stays an error the app reports
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))


def _make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        _create_private(url)
        engine = sa.create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_connect(dbapi_conn, _record):  # type: ignore[no-untyped-def]
            # Let SQLAlchemy own transactions (pysqlite's implicit BEGIN defers locks), and
            # use WAL so readers in other app processes are not blocked by a writer.
            dbapi_conn.isolation_level = None
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn):  # type: ignore[no-untyped-def]
            # IMMEDIATE takes the write lock up front, so two writers queue instead of failing
            # half-way through a load.
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    return sa.create_engine(url, pool_pre_ping=True)


class Store:
    """All reads and writes of the SQL store. Construct once per process (it owns a pool)."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url or default_url()
        self.engine = _make_engine(self.url)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def dispose(self) -> None:
        self.engine.dispose()

    # -- schema --------------------------------------------------------------------------

    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            if not sa.inspect(conn).has_table("meta"):
                return 0
            row = conn.execute(
                sa.select(meta_table.c.value).where(meta_table.c.key == "schema_version")
            ).first()
            return int(row[0]) if row else 0

    def migrate(self) -> int:
        """Bring the schema to SCHEMA_VERSION; returns the number of steps applied."""
        applied = 0
        while True:
            with self.engine.begin() as conn:
                has_meta = sa.inspect(conn).has_table("meta")
                current = 0
                if has_meta:
                    row = conn.execute(
                        sa.select(meta_table.c.value).where(meta_table.c.key == "schema_version")
                    ).first()
                    current = int(row[0]) if row else 0
                if current >= SCHEMA_VERSION:
                    return applied
                MIGRATIONS[current](conn)
                if current == 0:
                    conn.execute(meta_table.insert().values(key="schema_version", value="1"))
                else:
                    conn.execute(
                        meta_table.update()
                        .where(meta_table.c.key == "schema_version")
                        .values(value=str(current + 1))
                    )
                applied += 1

    # -- cheap version for caches --------------------------------------------------------

    def data_version(self) -> int:
        """The id of the newest revision: changes whenever any process writes."""
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.coalesce(sa.func.max(revisions_table.c.id), 0))).scalar_one())

    def is_empty(self) -> bool:
        return self.data_version() == 0

    # -- reads ---------------------------------------------------------------------------

    def regions(self) -> pd.DataFrame:
        with self.engine.connect() as conn:
            frame = pd.read_sql(sa.select(regions_table).order_by(regions_table.c.code), conn)
        return frame.astype({c: "string" for c in REGION_COLUMNS}).astype(object).where(frame.notna(), None)

    def _facts(self, table: sa.Table, value_columns: list[str], *, regions: Iterable[str] | None,
               measures: Iterable[str] | None, years: Iterable[int] | None,
               periods: Iterable[str] | None, revision: int | None, down_to: str | None = None) -> pd.DataFrame:
        key = _key(table)
        columns = [table.c[c] for c in key + [c for c in value_columns if c not in key]]
        query = sa.select(*columns).where(_live(table, revision))
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
            frame = _read_rows(conn, query)
        return _typed(frame)

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
                 .where(_live(table, None)).group_by(table.c.measure).order_by(table.c.measure))
        with self.engine.connect() as conn:
            frame = _read_rows(conn, query)
        return frame.astype({"values": "int64", "first": "int64", "last": "int64"})

    def coverage_matrix(self) -> pd.DataFrame:
        """Per measure, level and year: how many regions hold a current value (any period).
        Columns measure, level (nation/province/kabkota/kecamatan/desa), year, regions. Counted
        by the database (the store may hold millions of desa rows)."""
        table = observations_table
        length = sa.func.length(table.c.region_code)
        level = sa.case((table.c.region_code == "00", "nation"), (length == 2, "province"),
                        (length == 4, "kabkota"), (length == 7, "kecamatan"), else_="desa").label("level")
        query = (sa.select(table.c.measure, level, table.c.year,
                           sa.func.count(sa.distinct(table.c.region_code)).label("regions"))
                 .where(_live(table, None)).group_by(table.c.measure, level, table.c.year)
                 .order_by(table.c.measure, level, table.c.year))
        with self.engine.connect() as conn:
            frame = _read_rows(conn, query)
        if frame.empty:
            frame = pd.DataFrame(columns=["measure", "level", "year", "regions"])
        return frame.astype({"year": "int64", "regions": "int64"})

    def observation_count(self, *, revision: int | None = None) -> int:
        """How many observations are current (or were, as of `revision`), without reading them."""
        if revision is not None:
            self.revision(revision)
        query = sa.select(sa.func.count()).select_from(observations_table).where(_live(observations_table, revision))
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def targets(self, *, regions: Iterable[str] | None = None, measures: Iterable[str] | None = None,
                revision: int | None = None) -> pd.DataFrame:
        return self._facts(targets_table, TARGET_VALUE_COLUMNS, regions=regions, measures=measures,
                           years=None, periods=None, revision=revision)

    def revisions(self) -> pd.DataFrame:
        with self.engine.connect() as conn:
            return pd.read_sql(sa.select(*_REVISION_COLUMNS).order_by(revisions_table.c.id.desc()), conn)

    def revision(self, revision_id: int) -> Revision:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(*_REVISION_COLUMNS).where(revisions_table.c.id == int(revision_id))).first()
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
            new = _read_rows(conn, sa.select(*columns).where(table.c.rev_from == revision_id))
            old = _read_rows(conn, sa.select(*columns).where(table.c.rev_to == revision_id))
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
            new = _typed(_read_rows(conn, sa.select(*columns).where(table.c.rev_from == revision_id)))
            old = _typed(_read_rows(conn, sa.select(*columns).where(table.c.rev_to == revision_id)))
        merged = new.merge(old, on=TARGET_KEY, how="outer", suffixes=("", "_old"), indicator=True)
        merged["change"] = merged["_merge"].map({"both": "changed", "left_only": "added", "right_only": "removed"})
        merged = merged.drop(columns="_merge").rename(columns={f"{c}_old": f"old_{c}" for c in
                                                               ("value", "lower", "upper", "verify", "source")})
        removed = merged["change"] == "removed"
        if removed.any():  # a removed target shows what it was
            for column in ("value", "lower", "upper", "verify", "source"):
                merged[column] = merged[column].astype(object).where(~removed, merged[f"old_{column}"])
        return merged.sort_values(TARGET_KEY).reset_index(drop=True)

    # -- diff (dry run) ------------------------------------------------------------------

    @staticmethod
    def _diff(incoming: pd.DataFrame, current: pd.DataFrame, value_columns: list[str], key: list[str] = KEY
              ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
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
                same &= _same_values(merged[column], merged[f"{column}_old"])
        else:
            same = ((merged["value"] - merged["value_old"]).abs() <= 1e-9 * merged["value"].abs().clip(lower=1))
        if "status" in value_columns:
            same &= merged["status"].fillna("").astype(str) == merged["status_old"].fillna("").astype(str)
        changed = merged[~same].rename(columns={f"{c}_old": f"old_{c}" for c in value_columns})
        unchanged = merged[same][key + value_columns]
        return added.reset_index(drop=True), changed.reset_index(drop=True), unchanged.reset_index(drop=True)

    def _current_for(self, conn: Connection, table: sa.Table, value_columns: list[str],
                     incoming: pd.DataFrame) -> pd.DataFrame:
        columns = [table.c.id] + [table.c[c] for c in _key(table) + value_columns]
        query = sa.select(*columns).where(_live(table, None))
        measures = sorted(incoming["measure"].unique()) if not incoming.empty else []
        query = query.where(table.c.measure.in_(measures))
        frame = _read_rows(conn, query)
        return _typed(frame).astype({"id": "int64"})

    def plan(self, observations: pd.DataFrame, targets: pd.DataFrame | None = None) -> LoadPlan:
        """What loading these frames would add, change and leave unchanged (writes nothing)."""
        targets = targets if targets is not None else _empty_targets()
        with self.engine.connect() as conn:
            return self._plan(conn, observations, targets)

    @staticmethod
    def _version(conn: Connection) -> int:
        return int(conn.execute(sa.select(sa.func.coalesce(sa.func.max(revisions_table.c.id), 0))).scalar_one())

    @staticmethod
    def _lock_writers(conn: Connection) -> None:
        """One writer at a time. SQLite's BEGIN IMMEDIATE already holds the write lock; on
        PostgreSQL a transaction-scoped advisory lock queues concurrent loads and rollbacks."""
        if conn.dialect.name == "postgresql":
            conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_WRITER_LOCK)))

    def _plan(self, conn: Connection, observations: pd.DataFrame, targets: pd.DataFrame) -> LoadPlan:
        version = self._version(conn)
        obs = _canonical(observations, OBS_VALUE_COLUMNS)
        tgt = _canonical(targets, TARGET_VALUE_COLUMNS, TARGET_KEY)
        added, changed, unchanged = self._diff(
            obs, self._current_for(conn, observations_table, OBS_VALUE_COLUMNS, obs), OBS_VALUE_COLUMNS)
        t_added, t_changed, t_unchanged = self._diff(
            tgt, self._current_for(conn, targets_table, TARGET_VALUE_COLUMNS, tgt), TARGET_VALUE_COLUMNS, TARGET_KEY)
        return LoadPlan(added, changed, unchanged, t_added, t_changed, t_unchanged, version)

    # -- writes --------------------------------------------------------------------------

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

    @staticmethod
    def _retire(conn: Connection, table: sa.Table, ids: Iterable[int], revision_id: int) -> None:
        ids = [int(i) for i in ids]
        for start in range(0, len(ids), 5000):
            chunk = ids[start:start + 5000]
            conn.execute(table.update().where(table.c.id.in_(chunk)).values(rev_to=revision_id))

    @staticmethod
    def _insert(conn: Connection, table: sa.Table, rows: pd.DataFrame, value_columns: list[str],
                revision_id: int) -> None:
        """Bulk insert: COPY of Arrow-written CSV on PostgreSQL; on SQLite, multi-row INSERTs
        (see `_insert_sqlite`)."""
        if rows.empty:
            return
        key = _key(table)
        columns = [*key, *value_columns, "rev_from"]
        note = rows["note"]
        values = {c: rows[c] for c in key + value_columns}
        values["note"] = note.astype(object).where(note.notna() & (note != ""), None)
        if conn.dialect.name == "postgresql":
            import pyarrow as pa
            import pyarrow.csv as pacsv

            # One-chunk arrays built from NumPy, not Table.from_pandas: the rows are often a concat
            # with an empty part, whose empty Arrow chunk pyarrow 26's CSV writer pads with 8 KB of
            # NUL bytes (PostgreSQL then refuses the COPY).
            numeric = {"year", "value", "lower", "upper"}
            arrays = [pa.array(values[c].to_numpy(dtype=object) if c not in numeric else
                               values[c].to_numpy(dtype="float64" if c != "year" else "int64"), from_pandas=True)
                      for c in key + value_columns]
            arrays.append(pa.array(np.full(len(rows), revision_id, dtype="int64")))
            buffer = io.BytesIO()
            # Strings are quoted, NULL is an unquoted empty field: COPY tells them apart.
            pacsv.write_csv(pa.table(arrays, names=columns), buffer,
                            pacsv.WriteOptions(include_header=False, quoting_style="needed"))
            cursor = conn.connection.driver_connection.cursor()
            with cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN (FORMAT csv)") as copy:
                copy.write(buffer.getbuffer())
            return
        frame = rows[key + value_columns].reset_index(drop=True).assign(note=values["note"].to_numpy())
        _insert_sqlite(conn, table, frame, columns, revision_id)

    def load(self, observations: pd.DataFrame, targets: pd.DataFrame | None = None, *,
             user: str, file_name: str | None = None, sha256: str | None = None,
             note: str | None = None, kind: str = "upload",
             regions: pd.DataFrame | None = None, plan: LoadPlan | None = None) -> Revision:
        """Write validated frames as one new revision, in one transaction (all or nothing).

        `plan` is the dry run of these same frames: it is used as is when the store has not
        changed since it was computed, and computed again (inside the transaction) otherwise."""
        targets = targets if targets is not None else _empty_targets()
        with self.engine.begin() as conn:
            self._lock_writers(conn)
            if regions is not None:
                self._upsert_regions(conn, regions)
            if plan is None or plan.version != self._version(conn):
                plan = self._plan(conn, observations, targets)
            revision_id = self._insert_revision(conn, user=user, kind=kind, file_name=file_name,
                                                sha256=sha256, note=note)
            self._retire(conn, observations_table, plan.changed["id"] if not plan.changed.empty else [], revision_id)
            self._insert(conn, observations_table, pd.concat([plan.added, plan.changed]), OBS_VALUE_COLUMNS, revision_id)
            self._retire(conn, targets_table, plan.targets_changed["id"] if not plan.targets_changed.empty else [], revision_id)
            self._insert(conn, targets_table, pd.concat([plan.targets_added, plan.targets_changed]),
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
                key = _key(table)
                columns = [table.c.id] + [table.c[c] for c in key + value_columns]
                current = _read_rows(conn, sa.select(*columns).where(_live(table, None)))
                past = _read_rows(conn, sa.select(*columns).where(_live(table, to_revision)))
                merged = current.merge(past, on=key, how="outer", suffixes=("", "_past"), indicator=True)
                removed = merged[merged["_merge"] == "left_only"]
                restored = merged[merged["_merge"] == "right_only"]
                both = merged[merged["_merge"] == "both"]
                differs = both[both["id"] != both["id_past"]]
                self._retire(conn, table, pd.concat([removed["id"], differs["id"]]), revision_id)
                back = pd.concat([restored, differs])
                back = back[key + [f"{c}_past" for c in value_columns]].rename(
                    columns={f"{c}_past": c for c in value_columns})
                self._insert(conn, table, back.astype({"year": "int64"}), value_columns, revision_id)
                counts["rows_added"] += len(restored)
                counts["rows_changed"] += len(differs)
                counts["rows_removed"] += len(removed)
                counts["rows_unchanged"] += len(both) - len(differs)
            conn.execute(revisions_table.update().where(revisions_table.c.id == revision_id).values(**counts))
        return self.revision(revision_id)

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


def _insert_sqlite(conn: Connection, table: sa.Table, frame: pd.DataFrame, columns: list[str],
                   revision_id: int) -> None:
    """Multi-row INSERTs (up to SQLITE_ROWS rows per statement) from whole columns, no per-row
    Python. Binding each value is most of the cost, so rows that share their measure, period,
    status, source and note (most of a file, usually) are written group by group with those
    bound once per statement: only region, year and value are bound per row (about half the
    time of binding all nine)."""
    import sqlite3

    shared = [c for c in columns if c not in _ROW_COLUMNS and c != "rev_from"]
    varying = [c for c in shared if not _constant(frame[c])]
    groups = (pd.factorize(key_codes(frame, columns=varying)[0])[0] if varying
              else np.zeros(len(frame), dtype="int64"))
    if groups.max(initial=0) + 1 > len(frame) // _MIN_GROUP:
        shared, groups = [], np.zeros(len(frame), dtype="int64")  # too many small groups: bind every value
    per_row = [c for c in columns if c not in shared and c != "rev_from"]
    grid = np.empty((len(frame), len(per_row)), dtype=object)
    for position, column in enumerate(per_row):
        grid[:, position] = _python_objects(frame[column])
    # Table and column names are this module's own constants; values go as parameters. The
    # shared values' placeholders come first in the text, so they are the first parameters.
    select = ", ".join(f"column{per_row.index(c) + 1}" if c in per_row else "?" for c in columns)
    row_marks = "(" + ", ".join("?" for _ in per_row) + ")"
    names = ", ".join(columns)
    limit = conn.connection.driver_connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    per_statement = max(1, min(SQLITE_ROWS, (limit - len(shared) - 1) // len(per_row)))
    order = np.argsort(groups, kind="stable")
    starts = np.flatnonzero(np.r_[True, np.diff(groups[order]) != 0, True])
    for start, end in zip(starts[:-1], starts[1:], strict=True):
        positions = order[start:end]
        rows = grid if end - start == len(frame) else grid[positions]
        constants = (*(_python_objects(frame[c].iloc[positions[:1]])[0] for c in shared), revision_id)
        whole = len(rows) - len(rows) % per_statement
        for count, part in ((per_statement, rows[:whole]), (1, rows[whole:])):
            if len(part):
                statement = (f"INSERT INTO {table.name} ({names}) SELECT {select} "  # noqa: S608
                             f"FROM (VALUES {', '.join([row_marks] * count)})")
                conn.exec_driver_sql(statement, [constants + tuple(chunk)
                                                 for chunk in part.reshape(-1, count * len(per_row))])


def _constant(series: pd.Series) -> bool:
    """Whether every value of a non-empty column is the same (all missing counts as the same)."""
    first = series.iloc[0]
    return bool(series.isna().all()) if pd.isna(first) else bool(series.eq(first).all())


def _python_objects(series: pd.Series) -> np.ndarray:
    """A column as Python objects (None for missing), one object per distinct value: a text
    column of a million rows holds a few hundred values, so this is a gather, not a million
    new strings."""
    if series.dtype.kind in "if":
        return series.to_numpy().astype(object)
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    objects = np.empty(len(uniques) + 1, dtype=object)  # the last slot, None, is for missing
    objects[:-1] = np.asarray(uniques, dtype=object)
    return objects[codes]


def _empty_targets() -> pd.DataFrame:
    numeric = {"value": "float64", "lower": "float64", "upper": "float64", "year": "int64"}
    return pd.DataFrame({c: pd.Series(dtype=numeric.get(c, object)) for c in TARGET_KEY + TARGET_VALUE_COLUMNS})


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """A fact frame read from either database with the same dtypes (SQLite gives 0/1 for booleans)."""
    types = {"year": "int64", "value": "float64"}
    types.update({c: "float64" for c in ("lower", "upper") if c in frame})
    frame = frame.astype(types)
    for column in ("year_stated", "verify"):
        if column in frame:
            frame[column] = frame[column].astype(bool)
    return frame


def _same_values(new: pd.Series, old: pd.Series) -> pd.Series:
    """Cell by cell: equal, both missing, or numbers within rounding."""
    both_missing = new.isna() & old.isna()
    if new.dtype.kind == "f" or old.dtype.kind == "f":
        a, b = new.astype("float64"), old.astype("float64")
        return both_missing | ((a - b).abs() <= 1e-9 * a.abs().clip(lower=1))
    return both_missing | (new.astype(object) == old.astype(object))


def _canonical(frame: pd.DataFrame, value_columns: list[str], key: list[str] = KEY) -> pd.DataFrame:
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


def file_sha256(*files: Path) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()
