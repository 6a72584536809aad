"""The backup-and-restore script round-trips a store (SQLite and PostgreSQL)."""

from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd

from analytics.store.store import Store
from tests.conftest import ROOT


def run(action: str, path, url: str) -> None:
    subprocess.run([sys.executable, str(ROOT / "scripts" / "backup.py"), action, str(path)], cwd=ROOT, check=True,
                   env={**os.environ, "DATABASE_URL": url}, capture_output=True, timeout=120)


def test_backup_then_restore_brings_back_the_exact_store(tiny_store: Store, tmp_path):
    rows = pd.DataFrame([{"region_code": "3671", "measure": "p0", "year": 2025, "period": "march", "value": 5.19,
                          "status": "final", "source": "bps", "note": None}])
    tiny_store.load(rows, user="ana")
    before = tiny_store.observations()
    run("backup", tmp_path / "store.backup", tiny_store.url)
    tiny_store.load(rows.assign(value=9.99), user="budi")  # a later (bad) change
    assert tiny_store.observations()["value"].tolist() == [9.99]
    tiny_store.dispose()
    run("restore", tmp_path / "store.backup", tiny_store.url)
    restored = Store(tiny_store.url)
    pd.testing.assert_frame_equal(restored.observations(), before)
    assert restored.data_version() == 1
    restored.dispose()
