"""The store's schema history: each step moves a store one version forward, in its own transaction.

Never edit a released step: add a new one. `meta.schema_version` records where a store stands.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from analytics.store.schema import (
    audit_table,
    login_attempts_table,
    meta_table,
    observations_table,
    read_rows,
    regions_table,
    revisions_table,
    targets_table,
    targets_v1_table,
    used_tickets_table,
    users_table,
)


def _migration_1(conn: Connection) -> None:
    """Registry, revisions and the versioned observations table."""
    for table in (meta_table, regions_table, revisions_table, observations_table):
        table.create(conn)


def _migration_2(conn: Connection) -> None:
    """Targets (RPJMD, Inpres 4/2022), versioned like observations, for the glide path."""
    targets_v1_table.create(conn)


def _migration_3(conn: Connection) -> None:
    """Editor and admin accounts, sign-in throttling and the append-only audit log."""
    for table in (users_table, login_attempts_table, audit_table):
        table.create(conn)


def _migration_4(conn: Connection) -> None:
    """Targets with ranges and their legal basis (issue #15). The old table's rows (history
    included) are carried over with their source as the basis; the table is rebuilt rather
    than altered because SQLite cannot drop the NOT NULL of `value`."""
    old = read_rows(conn, sa.select(targets_v1_table))
    targets_v1_table.drop(conn)
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


def stored_version(conn: Connection) -> int:
    """The schema version a store records (0: a new, empty database)."""
    if not sa.inspect(conn).has_table("meta"):
        return 0
    row = conn.execute(sa.select(meta_table.c.value).where(meta_table.c.key == "schema_version")).first()
    return int(row[0]) if row else 0


def migrate(engine: Engine) -> int:
    """Bring the schema to SCHEMA_VERSION, one step per transaction; returns the steps applied."""
    applied = 0
    while True:
        with engine.begin() as conn:
            current = stored_version(conn)
            if current >= SCHEMA_VERSION:
                return applied
            MIGRATIONS[current](conn)
            if current == 0:
                conn.execute(meta_table.insert().values(key="schema_version", value="1"))
            else:
                conn.execute(meta_table.update().where(meta_table.c.key == "schema_version")
                             .values(value=str(current + 1)))
            applied += 1
