"""The store's tables (SQLAlchemy) and the small query helpers every part of the store uses.

Fact tables (observations, targets) are versioned: a row carries the revision that wrote it
(`rev_from`) and the one that replaced or removed it (`rev_to`, NULL while current). The tables
here are the newest schema; analytics/store/migrations.py brings an older store up to them.
"""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from analytics.contract import KEY, TARGET_KEY

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
REVISION_COLUMNS = [c for c in revisions_table.c if c.name != "status"]


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
targets_v1_table = sa.Table("targets", sa.MetaData(), *_fact_columns(with_status=False))
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

OBS_VALUE_COLUMNS = ["value", "status", "source", "note"]
TARGET_VALUE_COLUMNS = ["value", "lower", "upper", "plan_period", "year_stated", "verify", "source", "source_url",
                        "note"]
REGION_COLUMNS = [c.name for c in regions_table.columns]


def fact_key(table: sa.Table) -> list[str]:
    """The columns naming one row of a fact table (targets add their legal basis)."""
    return TARGET_KEY if "basis" in table.c else KEY


def live(table: sa.Table, revision: int | None) -> sa.ColumnElement[bool]:
    """The rows of `table` that are current (revision None) or were, as of `revision`."""
    if revision is None:
        return table.c.rev_to.is_(None)
    return sa.and_(table.c.rev_from <= revision, sa.or_(table.c.rev_to.is_(None), table.c.rev_to > revision))


def read_rows(conn: Connection, query: sa.Select) -> pd.DataFrame:
    """A query's rows as a frame, fetched from the driver's cursor: the same frame as
    `pd.read_sql`, without SQLAlchemy building a Row per row first (fact tables hold hundreds of
    thousands of rows; this reads them in about a third of the time)."""
    result = conn.execute(query)
    return pd.DataFrame.from_records(result.cursor.fetchall(), columns=list(result.keys()))


def newest_revision(conn: Connection) -> int:
    """The id of the newest revision (0: nothing loaded yet): the store's data version."""
    return int(conn.execute(sa.select(sa.func.coalesce(sa.func.max(revisions_table.c.id), 0))).scalar_one())


def _add_indexes(table: sa.Table) -> None:
    """Indexes belong to the table, so `table.create()` creates them with it."""
    # At most one current row per key; both SQLite and PostgreSQL support partial indexes.
    sa.Index(
        f"ux_{table.name}_current",
        *(table.c[k] for k in fact_key(table)),
        unique=True,
        sqlite_where=table.c.rev_to.is_(None),
        postgresql_where=table.c.rev_to.is_(None),
    )
    sa.Index(f"ix_{table.name}_revs", table.c.rev_from, table.c.rev_to)


_add_indexes(observations_table)
_add_indexes(targets_v1_table)
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


def typed(frame: pd.DataFrame) -> pd.DataFrame:
    """A fact frame read from either database with the same dtypes (SQLite gives 0/1 for booleans)."""
    types = {"year": "int64", "value": "float64"}
    types.update({c: "float64" for c in ("lower", "upper") if c in frame})
    frame = frame.astype(types)
    for column in ("year_stated", "verify"):
        if column in frame:
            frame[column] = frame[column].astype(bool)
    return frame
