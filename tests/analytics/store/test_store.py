"""The versioned store, run on SQLite and on PostgreSQL (the same tests, for real)."""

from __future__ import annotations

import pandas as pd
import pytest
import sqlalchemy as sa

from analytics.errors import UnknownRevision
from analytics.store import bulk, schema
from analytics.store import store as store_module
from analytics.store.store import SCHEMA_VERSION, Store


def frame(rows: list[tuple]) -> pd.DataFrame:
    """Rows of (region, measure, year, period, value) → a validated-looking tidy frame."""
    out = pd.DataFrame(rows, columns=["region_code", "measure", "year", "period", "value"])
    return out.assign(status="final", source="bps_test", note=None)


FIRST = frame([
    ("3671", "p0", 2021, "march", 5.93),
    ("3671", "p0", 2025, "march", 5.19),
    ("3672", "p0", 2025, "march", 3.44),
])


def values(store: Store, **kwargs) -> dict[tuple[str, int], float]:
    obs = store.observations(**kwargs)
    return {(r.region_code, r.year): r.value for r in obs.itertuples()}


def test_migrate_creates_the_latest_schema_and_is_idempotent(empty_store: Store):
    assert empty_store.schema_version() == SCHEMA_VERSION
    assert empty_store.migrate() == 0


def test_each_load_is_a_revision_with_counts(tiny_store: Store):
    first = tiny_store.load(FIRST, user="ana", file_name="a.csv", sha256="x" * 64, note="first")
    assert (first.id, first.rows_added, first.rows_changed, first.rows_unchanged) == (1, 3, 0, 0)
    second = tiny_store.load(frame([("3671", "p0", 2025, "march", 5.20), ("3672", "p0", 2025, "march", 3.44),
                                    ("3603", "p0", 2025, "march", 6.42)]), user="budi")
    assert (second.rows_added, second.rows_changed, second.rows_unchanged) == (1, 1, 1)
    assert tiny_store.data_version() == 2
    assert values(tiny_store)[("3671", 2025)] == 5.20
    # History is kept: as of revision 1 the old value is still there.
    assert values(tiny_store, revision=1) == {("3671", 2021): 5.93, ("3671", 2025): 5.19, ("3672", 2025): 3.44}


def test_dry_run_plan_writes_nothing_and_shows_old_and_new(tiny_store: Store):
    tiny_store.load(FIRST, user="ana")
    plan = tiny_store.plan(frame([("3671", "p0", 2025, "march", 5.5)]))
    assert plan.rows_changed == 1
    assert plan.changed.loc[0, "old_value"] == 5.19
    assert plan.changed.loc[0, "value"] == 5.5
    assert tiny_store.data_version() == 1
    assert values(tiny_store)[("3671", 2025)] == 5.19


def test_a_load_that_fails_half_way_leaves_the_store_exactly_as_before(tiny_store: Store, monkeypatch):
    tiny_store.load(FIRST, user="ana")
    before = tiny_store.observations()
    # The database refuses the step after the observations are written (retiring old targets):
    # the revision row and the new observation rows already sent must all be rolled back.
    real_retire = bulk.retire
    written = []

    def retire_then_fail(conn, table, ids, revision_id):
        if table is schema.targets_table:
            written.append(conn.execute(sa.select(sa.func.count()).select_from(schema.observations_table)
                                        .where(schema.observations_table.c.rev_from == revision_id)).scalar_one())
            conn.execute(sa.text("SELECT * FROM no_such_table"))
        real_retire(conn, table, ids, revision_id)

    monkeypatch.setattr(bulk, "retire", retire_then_fail)
    with pytest.raises(sa.exc.DBAPIError):
        tiny_store.load(frame([("3671", "p0", 2025, "march", 9.99), ("3603", "p0", 2025, "march", 6.42)]),
                        user="budi")
    assert written == [2]  # both rows were in the database when it failed
    pd.testing.assert_frame_equal(tiny_store.observations(), before)
    assert tiny_store.data_version() == 1
    assert len(tiny_store.revisions()) == 1


def test_rollback_restores_an_earlier_state_as_a_new_revision(tiny_store: Store):
    tiny_store.load(FIRST, user="ana")
    tiny_store.load(frame([("3671", "p0", 2025, "march", 9.99), ("3603", "p0", 2025, "march", 6.42)]), user="budi")
    back = tiny_store.rollback(1, user="ana", note="salah ketik")
    assert back.id == 3 and back.kind == "rollback"
    # 3671/2025 changed back, 3603 (added in rev 2) removed, the other two untouched.
    assert (back.rows_changed, back.rows_removed, back.rows_unchanged) == (1, 1, 2)
    assert values(tiny_store) == values(tiny_store, revision=1)
    assert values(tiny_store, revision=2)[("3671", 2025)] == 9.99


def test_observation_count_is_the_number_of_rows_current_then_or_now(tiny_store: Store):
    tiny_store.load(FIRST, user="ana")  # 3 rows
    tiny_store.load(frame([("3671", "p0", 2025, "march", 9.99), ("3603", "p0", 2025, "march", 6.42)]), user="budi")
    assert tiny_store.observation_count() == 4  # one changed (still one row per key), one added
    assert tiny_store.observation_count(revision=1) == 3
    tiny_store.rollback(1, user="ana")
    assert (tiny_store.observation_count(), tiny_store.observation_count(revision=2)) == (3, 4)
    with pytest.raises(UnknownRevision):
        tiny_store.observation_count(revision=42)


def test_reads_can_stop_at_a_level_and_coverage_counts_every_level(tiny_store: Store):
    tiny_store.load(frame([("36", "p0", 2025, "march", 5.63), ("3671", "rtlh_units", 2024, "annual", 900),
                           ("3671010", "rtlh_units", 2024, "annual", 40),
                           ("3671010001", "rtlh_units", 2023, "annual", 5)]), user="ana")

    def codes(**kwargs):
        return sorted(tiny_store.observations(**kwargs)["region_code"])

    assert codes(down_to="kabkota") == ["36", "3671"]
    assert codes(down_to="kecamatan") == ["36", "3671", "3671010"]
    assert codes() == ["36", "3671", "3671010", "3671010001"]
    # A changed value is still one current value; coverage counts current rows only.
    tiny_store.load(frame([("3671010", "rtlh_units", 2024, "annual", 41)]), user="budi")
    coverage = tiny_store.coverage().set_index("measure")
    assert coverage.loc["p0"].tolist() == [1, 2025, 2025]
    assert coverage.loc["rtlh_units"].tolist() == [3, 2023, 2024]
    assert codes(down_to="kabkota", revision=1) == ["36", "3671"]


def test_rollback_to_a_revision_that_does_not_exist_is_refused(tiny_store: Store):
    with pytest.raises(UnknownRevision):
        tiny_store.rollback(42, user="ana")


def test_at_most_one_current_row_per_key_is_enforced_by_the_database(tiny_store: Store):
    tiny_store.load(FIRST, user="ana")
    with pytest.raises(sa.exc.IntegrityError), tiny_store.engine.begin() as conn:
        conn.execute(schema.observations_table.insert().values(
            region_code="3671", measure="p0", year=2025, period="march", value=1.0, status="final",
            source="s", rev_from=1))


def test_march_and_september_are_separate_values(tiny_store: Store):
    tiny_store.load(frame([("36", "p0", 2025, "march", 5.63), ("36", "p0", 2025, "september", 5.35)]), user="a")
    obs = tiny_store.observations(regions=["36"])
    assert sorted(zip(obs["period"], obs["value"], strict=True)) == [("march", 5.63), ("september", 5.35)]


def test_targets_are_versioned_with_the_same_revision(tiny_store: Store):
    targets = pd.DataFrame([{"region_code": "00", "measure": "extreme_poverty", "year": 2024, "period": "march",
                             "value": 0.0, "source": "inpres_4_2022", "note": None}])
    revision = tiny_store.load(FIRST, targets, user="ana")
    assert revision.rows_added == 4
    assert tiny_store.targets()["value"].tolist() == [0.0]


def test_data_version_is_seen_by_a_second_store_object(store_url: str, tiny_store: Store):
    other = Store(store_url)
    assert other.data_version() == 0
    tiny_store.load(FIRST, user="ana")
    assert other.data_version() == 1
    other.dispose()


def test_changes_lists_what_a_revision_added_changed_and_removed(tiny_store: Store):
    tiny_store.load(FIRST, user="ana")
    tiny_store.load(frame([("3671", "p0", 2025, "march", 5.20), ("3603", "p0", 2025, "march", 6.42)]), user="budi")
    second = tiny_store.changes(2)
    assert list(zip(second["change"], second["region_code"], second["old_value"].fillna(-1),
                    second["new_value"], strict=True)) == [("added", "3603", -1, 6.42), ("changed", "3671", 5.19, 5.20)]
    back = tiny_store.rollback(1, user="ana")
    undone = tiny_store.changes(back.id)
    assert sorted(undone["change"]) == ["changed", "removed"]


def test_a_dry_run_plan_is_reused_only_while_the_store_is_unchanged(tiny_store: Store):
    tiny_store.load(FIRST, user="ana")
    upload = frame([("3671", "p0", 2025, "march", 5.20)])
    stale = tiny_store.plan(upload)  # 5.19 → 5.20 would be a change
    assert (stale.rows_added, stale.rows_changed) == (0, 1)
    # Someone else writes the same figure first: the stale plan must not be applied as is.
    tiny_store.load(upload, user="budi")
    third = tiny_store.load(upload, user="ana", plan=stale)
    assert (third.rows_added, third.rows_changed, third.rows_unchanged) == (0, 0, 1)
    assert tiny_store.observations(revision=third.id)["value"].tolist() == [5.93, 5.20, 3.44]
    # A plan computed against the current version is used as it is.
    fresh = tiny_store.plan(frame([("3672", "p0", 2025, "march", 3.50)]))
    fourth = tiny_store.load(frame([("3672", "p0", 2025, "march", 3.50)]), user="ana", plan=fresh)
    assert (fourth.rows_changed, fresh.version) == (1, third.id)


def test_a_write_waits_for_a_write_in_progress_then_lands_as_the_next_revision(tiny_store: Store):
    import sqlite3
    import threading

    tiny_store.load(FIRST, user="ana")
    # Another app process is half-way through a write: it holds the store's write lock.
    if tiny_store.dialect == "sqlite":
        holder = sqlite3.connect(tiny_store.url.removeprefix("sqlite:///"), isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        release = lambda: holder.execute("COMMIT")  # noqa: E731
    else:
        other = Store(tiny_store.url)
        holder = other.engine.connect()
        holder.execute(sa.select(sa.func.pg_advisory_xact_lock(store_module._WRITER_LOCK)))

        def release() -> None:
            holder.rollback()
            other.dispose()
    done: list = []
    writer = threading.Thread(target=lambda: done.append(
        tiny_store.load(frame([("3671", "p0", 2025, "march", 5.20)]), user="budi")))
    writer.start()
    writer.join(timeout=1.0)
    assert writer.is_alive() and not done  # queued behind the other writer
    release()
    writer.join(timeout=30)
    holder.close()
    assert done and done[0].id == 2 and done[0].rows_changed == 1
    assert values(tiny_store)[("3671", 2025)] == 5.20


def test_rows_say_which_revision_wrote_them_and_coverage_is_counted_per_level_and_year(tiny_store: Store):
    tiny_store.load(FIRST, user="ana")
    tiny_store.load(frame([("3671", "p0", 2025, "march", 5.20), ("36", "p0", 2025, "march", 5.63),
                           ("00", "p0", 2025, "september", 8.25)]), user="budi")
    obs = tiny_store.observations()
    written_by = {(r.region_code, r.year, r.period): r.rev_from for r in obs.itertuples()}
    # 3671 2025 changed in revision 2; 3671 2021 and 3672 2025 still date from revision 1.
    assert written_by == {("3671", 2021, "march"): 1, ("3671", 2025, "march"): 2, ("3672", 2025, "march"): 1,
                          ("36", 2025, "march"): 2, ("00", 2025, "september"): 2}
    matrix = tiny_store.coverage_matrix()
    counts = {(r.level, r.year): r.regions for r in matrix.itertuples()}
    # kab/kota 2025: 3671 and 3672 = 2; 2021: 3671 = 1; province 36 = 1; nation 00 = 1.
    assert counts == {("kabkota", 2021): 1, ("kabkota", 2025): 2, ("province", 2025): 1, ("nation", 2025): 1}
