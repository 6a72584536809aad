"""End-to-end import of a generated 1,000,000-row tidy CSV (parse, match, validate, diff, save)
into SQLite and into PostgreSQL, against `pandas.read_csv` of the same file in the same run.

Targets: ≤ 4× read_csv for SQLite, ≤ 6× for PostgreSQL, peak memory ≤ 1.5 GB. Each import
runs in its own process so its peak resident memory is its own.

It also measures each engine's floor for the same rows: the same million rows written
into a fresh observations table by the database itself (SQLite: INSERT … SELECT from a
recursive CTE; PostgreSQL: INSERT … SELECT from generate_series), with no Python, file
or check involved. No import can be faster than that, so the floor's ratio says how much
of a target is reachable on this machine at all. A second floor writes the same rows into a
bare table (same columns, no index, no constraint): the lowest any one-row-per-observation
layout could reach. On PostgreSQL a third floor writes them into an UNLOGGED bare table, which
also skips the write-ahead log (and so is lost on a crash): what durability itself costs.

    .venv/bin/python benchmarks/import_speed.py [--rows 1000000] [--postgres URL]

The generated rows are synthetic (10-digit desa codes under Kota Tangerang, a programme
measure, years 1976–2025) and go only into throw-away stores made for this run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
YEARS = 50
sys.path.insert(0, str(ROOT))


def generate(path: Path, rows: int) -> None:
    villages = rows // YEARS
    index = np.arange(villages * YEARS)
    frame = pd.DataFrame({
        "region_code": (3671000000 + index // YEARS).astype(str),
        "region_name": "",
        "measure": "rtlh_units",
        "year": 1976 + index % YEARS,
        "period": "annual",
        "value": (index % 97).astype(float),
        "unit": "count",
        "status": "final",
        "source": "benchmark",
        "note": "",
    })
    frame.to_csv(path, index=False)


CHILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
from analytics.ingest.loading import check_upload, read_regions, save_upload
from analytics.store.store import Store
store = Store(sys.argv[1]); store.migrate()
with store.engine.begin() as conn:  # the region registry, as in any real store (desa codes need their kab/kota)
    store._upsert_regions(conn, read_regions())
started = time.perf_counter()
check = check_upload(store, sys.argv[2])
checked = time.perf_counter()
assert check.status == "accepted", check.problems[:5]
revision = save_upload(store, check, user="bench", note="benchmark")
done = time.perf_counter()
print(json.dumps({{"check_s": checked - started, "save_s": done - checked, "total_s": done - started,
                  "rows": revision.rows_added,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def run_import(url: str, csv_path: Path) -> dict:
    result = subprocess.run([sys.executable, "-c", CHILD.format(root=str(ROOT)), url, str(csv_path)],
                            capture_output=True, text=True, cwd=ROOT, env=os.environ.copy())
    if result.returncode != 0:
        raise SystemExit(result.stderr[-2000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


# The benchmark file's rows, generated inside the database (no Python per row).
FLOOR_SELECT = {
    "sqlite": ("WITH RECURSIVE c(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM c WHERE x < {last}) "
               "SELECT CAST(3671000000 + x / {years} AS TEXT), 'rtlh_units', 1976 + x % {years}, 'annual', "
               "CAST(x % 97 AS REAL), 'final', 'benchmark', NULL, 2 FROM c"),
    "postgresql": ("SELECT (3671000000 + x / {years})::text, 'rtlh_units', 1976 + mod(x, {years}), 'annual', "
                   "mod(x, 97)::float8, 'final', 'benchmark', NULL, 2 FROM generate_series(0, {last}) AS x"),
}


def engine_floor(url: str, rows: int) -> float:
    """Seconds for the database alone to write the benchmark's rows into a fresh store."""
    from analytics.store.store import Store

    store = Store(url)
    store.migrate()
    select = FLOOR_SELECT[store.dialect].format(last=rows - 1, years=YEARS)
    columns = "region_code, measure, year, period, value, status, source, note, rev_from"
    started = time.perf_counter()
    with store.engine.begin() as conn:
        conn.exec_driver_sql(f"INSERT INTO observations ({columns}) {select}")  # noqa: S608 - constants only
    elapsed = time.perf_counter() - started
    store.dispose()
    return elapsed


def bare_floor(url: str, rows: int, *, unlogged: bool = False) -> float:
    """Seconds for the database alone to write the same rows into a bare table of the same
    columns: no index, no constraint, no revision bookkeeping. Below any store of one row
    per observation; if even this is above a target, no such layout can meet it.

    `unlogged` (PostgreSQL): the table also skips the write-ahead log, so it is emptied after a
    crash and never replicated. No store can be like that; it shows what durability costs."""
    from sqlalchemy import create_engine

    engine = create_engine(url)
    dialect = engine.dialect.name
    real = "REAL" if dialect == "sqlite" else "DOUBLE PRECISION"
    columns = "region_code, measure, year, period, value, status, source, note, rev_from"
    select = FLOOR_SELECT[dialect].format(last=rows - 1, years=YEARS)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE IF EXISTS bench_bare")
        kind = "UNLOGGED TABLE" if unlogged else "TABLE"
        conn.exec_driver_sql(f"CREATE {kind} bench_bare (region_code TEXT, measure TEXT, year INTEGER, "
                             f"period TEXT, value {real}, status TEXT, source TEXT, note TEXT, rev_from INTEGER)")
    started = time.perf_counter()
    with engine.begin() as conn:
        conn.exec_driver_sql(f"INSERT INTO bench_bare ({columns}) {select}")  # noqa: S608 - constants only
    elapsed = time.perf_counter() - started
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE bench_bare")
    engine.dispose()
    return elapsed


def reset_postgres(url: str) -> None:
    """Drop the project's tables (the same reset the store suite uses)."""
    from tests.conftest import _reset

    _reset(url)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--postgres", default=os.environ.get("TEST_DATABASE_URL", ""),
                        help="an empty PostgreSQL database (default: TEST_DATABASE_URL)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "bench.csv"
        generate(csv_path, args.rows)
        size_mb = csv_path.stat().st_size / 1e6
        started = time.perf_counter()
        pd.read_csv(csv_path)
        baseline = time.perf_counter() - started
        print(f"{args.rows:,} rows, {size_mb:.0f} MB; pandas.read_csv: {baseline:.2f} s")

        sqlite = run_import(f"sqlite:///{Path(tmp) / 'bench.sqlite'}", csv_path)
        print(f"SQLite: check {sqlite['check_s']:.2f} s + save {sqlite['save_s']:.2f} s = {sqlite['total_s']:.2f} s; "
              f"ratio {sqlite['total_s'] / baseline:.2f}x (target <= 4x); peak {sqlite['peak_mb']:.0f} MB")
        floor = engine_floor(f"sqlite:///{Path(tmp) / 'floor.sqlite'}", args.rows)
        print(f"SQLite floor (the engine alone writing the same rows): {floor:.2f} s = {floor / baseline:.2f}x; "
              f"the import takes {sqlite['total_s'] / floor:.2f}x the floor")
        bare = bare_floor(f"sqlite:///{Path(tmp) / 'bare.sqlite'}", args.rows)
        print(f"SQLite bare table (same rows, no index or constraint): {bare:.2f} s = {bare / baseline:.2f}x")
        if args.postgres:
            reset_postgres(args.postgres)
            pg = run_import(args.postgres, csv_path)
            print(f"PostgreSQL: check {pg['check_s']:.2f} s + save {pg['save_s']:.2f} s = {pg['total_s']:.2f} s; "
                  f"ratio {pg['total_s'] / baseline:.2f}x (target <= 6x); peak {pg['peak_mb']:.0f} MB")
            reset_postgres(args.postgres)
            floor = engine_floor(args.postgres, args.rows)
            print(f"PostgreSQL floor (the engine alone writing the same rows): {floor:.2f} s = {floor / baseline:.2f}x; "
                  f"the import takes {pg['total_s'] / floor:.2f}x the floor")
            reset_postgres(args.postgres)
            bare = bare_floor(args.postgres, args.rows)
            print(f"PostgreSQL bare table (same rows, no index or constraint): {bare:.2f} s = {bare / baseline:.2f}x")
            unlogged = bare_floor(args.postgres, args.rows, unlogged=True)
            print(f"PostgreSQL bare UNLOGGED table (no write-ahead log either, lost on a crash): "
                  f"{unlogged:.2f} s = {unlogged / baseline:.2f}x")
        else:
            print("PostgreSQL: skipped (no --postgres / TEST_DATABASE_URL)")


if __name__ == "__main__":
    main()
