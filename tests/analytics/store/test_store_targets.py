"""Targets in the store since schema 4 (issue #15), on SQLite and PostgreSQL: ranges, "below x",
the legal basis as part of the key (conflicting targets all kept), versions and rollback, and
the upgrade of a store holding schema-2 targets."""

from __future__ import annotations

import math

import pandas as pd

from analytics.store import migrations, schema
from analytics.store.store import SCHEMA_VERSION, Store
from tests.analytics.store.test_store import FIRST

RPJMN = "Perpres 12/2025 tentang RPJMN 2025-2029"
RKP = "RKP 2026 / RAPBN 2026"
DIRECTIVE = "Arahan Presiden; Inpres 8/2025"


def target(basis: str, *, value=None, lower=None, upper=None, year=2026, verify=False) -> dict:
    return {"region_code": "00", "measure": "extreme_poverty", "year": year, "period": "march", "basis": basis,
            "value": value, "lower": lower, "upper": upper, "plan_period": None, "year_stated": True,
            "verify": verify, "source": "news", "source_url": None, "note": None}


CONFLICTING_2026 = pd.DataFrame([target(RPJMN, upper=0.5), target(RKP, lower=0.0, upper=0.5),
                                 target(DIRECTIVE, value=0.0, verify=True)])


def by_basis(store: Store, revision: int | None = None) -> dict[str, tuple]:
    rows = store.targets(revision=revision)
    def clean(x):
        return None if x is None or (isinstance(x, float) and math.isnan(x)) else x
    return {r.basis: (clean(r.value), clean(r.lower), clean(r.upper), bool(r.verify)) for r in rows.itertuples()}


def test_three_conflicting_targets_for_one_year_are_all_kept_with_nulls_intact(tiny_store: Store):
    revision = tiny_store.load(FIRST, CONFLICTING_2026, user="ana")
    assert revision.rows_added == 3 + 3
    assert by_basis(tiny_store) == {RPJMN: (None, None, 0.5, False), RKP: (None, 0.0, 0.5, False),
                                    DIRECTIVE: (0.0, None, None, True)}


def test_a_changed_range_is_a_new_version_and_rollback_restores_it(tiny_store: Store):
    first = tiny_store.load(FIRST, CONFLICTING_2026, user="ana")
    changed = CONFLICTING_2026.copy()
    changed.loc[1, "upper"] = 0.4  # RKP range 0–0.5 → 0–0.4
    plan = tiny_store.plan(FIRST.iloc[0:0], changed)
    assert (len(plan.targets_added), len(plan.targets_changed), len(plan.targets_unchanged)) == (0, 1, 2)
    second = tiny_store.load(FIRST.iloc[0:0], changed, user="budi", plan=plan)
    assert second.rows_changed == 1
    assert by_basis(tiny_store)[RKP] == (None, 0.0, 0.4, False)
    changes = tiny_store.target_changes(second.id)
    assert changes[["change", "basis", "upper", "old_upper"]].values.tolist() == [["changed", RKP, 0.4, 0.5]]
    assert by_basis(tiny_store, revision=first.id)[RKP] == (None, 0.0, 0.5, False)
    tiny_store.rollback(first.id, user="ana")
    assert by_basis(tiny_store)[RKP] == (None, 0.0, 0.5, False)
    assert len(tiny_store.targets()) == 3


def test_a_store_with_schema_2_targets_is_upgraded_keeping_them(store_url: str):
    old = Store(store_url)
    with old.engine.begin() as conn:  # a version-3 store by hand, with one target of the old shape
        for step in migrations.MIGRATIONS[:3]:
            step(conn)
        conn.execute(schema.meta_table.insert().values(key="schema_version", value="3"))
        conn.execute(schema.revisions_table.insert().values(
            created_at="2025-01-01T00:00:00+00:00", user_name="t", kind="seed", rows_added=1,
            rows_changed=0, rows_unchanged=0, rows_removed=0, status="committed"))
        conn.execute(schema.targets_v1_table.insert().values(
            region_code="00", measure="extreme_poverty", year=2024, period="march", value=0.0,
            source="inpres_4_2022", note="0 % pada 2024", rev_from=1))
    assert old.schema_version() == 3
    assert old.migrate() == SCHEMA_VERSION - 3
    stored = old.targets()
    assert len(stored) == 1
    row = stored.iloc[0]
    # The old row's source becomes its basis; no range, year stated, nothing to verify.
    assert (row["basis"], row["value"], row["year_stated"], row["verify"]) == ("inpres_4_2022", 0.0, True, False)
    assert math.isnan(row["lower"]) and math.isnan(row["upper"])
    # And the upgraded store takes new targets beside it.
    old.load(FIRST.iloc[0:0], CONFLICTING_2026, user="ana")
    assert len(old.targets()) == 4
    old.dispose()
