"""Bulk inserts (COPY on PostgreSQL, multi-row INSERTs on SQLite), through a real load on both databases."""

from __future__ import annotations

import pandas as pd

from analytics.store import bulk
from analytics.store.store import Store
from tests.analytics.store.test_store import frame


def test_bulk_inserts_round_trip_every_value_null_and_awkward_text(tiny_store: Store, monkeypatch):
    # 250 rows: with 100 rows per statement, two multi-row statements on SQLite plus 50 single
    # rows; COPY on PostgreSQL.
    monkeypatch.setattr(bulk, "SQLITE_ROWS", 100)
    rows = frame([(f"367100{i:04d}", "rtlh_units", 1976 + i % 50, "annual", float(i)) for i in range(250)])
    awkward = ['with "quotes", commas', "line\nbreak", "=SUM(A1)", None, "", "   x"]
    rows["note"] = [awkward[i % len(awkward)] for i in range(250)]
    rows.loc[7, "source"] = 'sumber "BPS", 2025'
    revision = tiny_store.load(rows, user="ana")
    assert revision.rows_added == 250
    back = tiny_store.observations(measures=["rtlh_units"]).set_index("region_code")
    assert len(back) == 250 and back.loc["3671000249", "value"] == 249.0 and back.loc["3671000249", "year"] == 2025
    assert back.loc["3671000000", "note"] == 'with "quotes", commas'
    assert back.loc["3671000001", "note"] == "line\nbreak"
    assert back.loc["3671000002", "note"] == "=SUM(A1)"
    # No note and an empty note are both stored as NULL; other text exactly as given.
    assert pd.isna(back.loc["3671000003", "note"]) and pd.isna(back.loc["3671000004", "note"])
    assert back.loc["3671000005", "note"] == "   x"
    assert back.loc["3671000007", "source"] == 'sumber "BPS", 2025'
    assert tiny_store.changes(revision.id)["change"].eq("added").sum() == 250


def test_bulk_inserts_of_interleaved_groups_keep_each_row_with_its_own_source_status_and_note(
        tiny_store: Store, monkeypatch):
    # 600 rows in three interleaved groups of 300, 200 and 100 rows that differ in source,
    # status and note. On SQLite each group is written with those bound once per statement
    # (70 rows per statement here, so whole statements and a remainder), and a row must never
    # pick up another group's values.
    monkeypatch.setattr(bulk, "SQLITE_ROWS", 70)
    rows = frame([(f"367100{i:04d}", "rtlh_units", 1976 + i % 50, "annual", float(i)) for i in range(600)])
    kind = [0 if i % 2 == 0 else 1 if i % 6 != 5 else 2 for i in range(600)]
    rows["source"] = [("disperkimtan_2024", "bps_2025", "dinsos")[k] for k in kind]
    rows["status"] = [("final", "final", "provisional")[k] for k in kind]
    rows["note"] = [(None, "angka sementara", "")[k] for k in kind]
    assert [kind.count(k) for k in (0, 1, 2)] == [300, 200, 100]
    assert tiny_store.load(rows, user="ana").rows_added == 600
    back = tiny_store.observations(measures=["rtlh_units"]).set_index("region_code")
    assert len(back) == 600
    for i in (0, 1, 5, 298, 299, 301, 595, 599):
        got = back.loc[f"367100{i:04d}"]
        assert (got["value"], got["year"]) == (float(i), 1976 + i % 50)
        assert (got["source"], got["status"]) == (rows.loc[i, "source"], rows.loc[i, "status"])
    assert back.loc["3671000001", "note"] == "angka sementara"
    assert pd.isna(back.loc["3671000000", "note"]) and pd.isna(back.loc["3671000005", "note"])
    assert back.groupby("source").size().to_dict() == {"bps_2025": 200, "dinsos": 100, "disperkimtan_2024": 300}
    assert back.groupby("source")["value"].sum().to_dict() == {
        "bps_2025": sum(i for i in range(600) if kind[i] == 1),
        "dinsos": sum(range(5, 600, 6)),
        "disperkimtan_2024": sum(range(0, 600, 2)),
    }
