"""Shared fixtures: stores on SQLite and (for real) on PostgreSQL, and the seeded embedded data."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from analytics.ingest.loading import seed
from analytics.store.store import Store

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
IN_CI = os.environ.get("CI", "").lower() == "true"


def pytest_configure(config: pytest.Config) -> None:
    """Under pytest-xdist (scripts/test.sh runs two workers) each worker gets a PostgreSQL database of
    its own, so one worker's table resets never pull the tables from under the other's tests. Set in
    the environment, so the app processes and command lines the tests start use it too."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    url = os.environ.get("TEST_DATABASE_URL", "")
    if not worker or not url.startswith("postgresql"):
        return
    base = sa.engine.make_url(url)
    name = f"{base.database}_{worker}"
    engine = sa.create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    engine.dispose()
    os.environ["TEST_DATABASE_URL"] = base.set(database=name).render_as_string(hide_password=False)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under pytest-xdist, hand the files out browser, others, browser, others...: a browser test
    waits on Chromium and the app much of its time, which the other worker's computing files fill,
    instead of both workers drawing pages at once at the end. Every worker orders alike, as xdist
    requires; a file's tests keep their order; a run without workers is not reordered."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return
    files: dict[str, list[pytest.Item]] = {}
    for item in items:
        files.setdefault(item.nodeid.split("::")[0], []).append(item)
    browser = [name for name in files if name.startswith("tests/browser/")]
    others = [name for name in files if not name.startswith("tests/browser/")]
    share = -(-len(others) // (len(browser) + 1))  # others come after each browser file, and last
    order = list(others[:share])
    for index, name in enumerate(browser, start=1):
        order += [name, *others[index * share:(index + 1) * share]]
    items[:] = [item for name in order for item in files[name]]


def require(condition: bool, reason: str) -> None:
    """Skip on a developer's machine without the tool; fail under CI=true."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"required under CI=true: {reason}")
    pytest.skip(reason)


def _reset(url: str) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        for table in ("observations", "targets", "revisions", "regions", "meta", "users", "login_attempts",
                      "audit_log", "used_tickets"):
            conn.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    url = os.environ.get("TEST_DATABASE_URL", "")
    require(bool(url), "TEST_DATABASE_URL is not set (PostgreSQL suite)")
    _reset(url)
    return url


@pytest.fixture
def empty_store(store_url: str):
    store = Store(store_url)
    store.migrate()
    yield store
    store.dispose()


# A tiny registry: the nation, Banten and three of its kab/kota (real codes and names).
TINY_REGIONS = pd.DataFrame(
    [
        ("00", "Indonesia", "nation", "", ""),
        ("36", "Banten", "province", "", "00"),
        ("3671", "Kota Tangerang", "kabkota", "Kota", "36"),
        ("3672", "Kota Cilegon", "kabkota", "Kota", "36"),
        ("3603", "Kab. Tangerang", "kabkota", "Kabupaten", "36"),
    ],
    columns=["code", "name", "level", "type", "parent_code"],
)


@pytest.fixture
def tiny_store(empty_store: Store) -> Store:
    """A store that knows the tiny registry and holds no data yet."""
    with empty_store.engine.begin() as conn:
        empty_store._upsert_regions(conn, TINY_REGIONS)
    return empty_store


@pytest.fixture(scope="session")
def seeded_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """The embedded data/ loaded into a SQLite store once per test session."""
    path = tmp_path_factory.mktemp("seeded") / "store.sqlite"
    store = Store(f"sqlite:///{path}")
    seed(store)
    return store


@pytest.fixture(scope="session")
def observations(seeded_store: Store) -> pd.DataFrame:
    return seeded_store.observations()


@pytest.fixture
def writable_store(seeded_store: Store, tmp_path: Path) -> Store:
    """A private copy of the seeded SQLite store, for tests that write."""
    import sqlite3

    target = tmp_path / "writable.sqlite"
    source = sqlite3.connect(seeded_store.url.removeprefix("sqlite:///"))
    copy = sqlite3.connect(target)
    source.backup(copy)  # consistent copy, WAL included
    copy.close()
    source.close()
    store = Store(f"sqlite:///{target}")
    yield store
    store.dispose()
