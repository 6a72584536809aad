"""End-to-end import of a generated 1,000,000-row tidy CSV (parse, match, validate, diff, save)
into SQLite and into PostgreSQL, against `pandas.read_csv` of the same file in the same run.

Targets: ≤ 4× read_csv for SQLite, ≤ 6× for PostgreSQL, peak memory ≤ 1.5 GB. Each import
runs in its own process so its peak resident memory is its own.

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
from analytics.loading import check_upload, save_upload
from analytics.store import Store
store = Store(sys.argv[1]); store.migrate()
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
        if args.postgres:
            reset_postgres(args.postgres)
            pg = run_import(args.postgres, csv_path)
            print(f"PostgreSQL: check {pg['check_s']:.2f} s + save {pg['save_s']:.2f} s = {pg['total_s']:.2f} s; "
                  f"ratio {pg['total_s'] / baseline:.2f}x (target <= 6x); peak {pg['peak_mb']:.0f} MB")
            reset_postgres(args.postgres)
        else:
            print("PostgreSQL: skipped (no --postgres / TEST_DATABASE_URL)")


if __name__ == "__main__":
    main()
