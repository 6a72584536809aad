"""Where the store lives and how it is opened: the URL (DATABASE_URL or the embedded SQLite file)
and an engine set up for several app processes sharing one database."""

from __future__ import annotations

import os
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine

from analytics import paths


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


def make_engine(url: str) -> Engine:
    """An engine for `url`: SQLite with WAL and up-front write locks, PostgreSQL with a checked pool."""
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
