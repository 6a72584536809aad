"""Schema migrations: an old store is brought to the newest schema with its data."""

from __future__ import annotations

from analytics.store import migrations, schema
from analytics.store.migrations import SCHEMA_VERSION
from analytics.store.store import Store
from tests.analytics.store.test_store import values


def test_an_old_store_is_upgraded_without_losing_data(store_url: str):
    old = Store(store_url)
    with old.engine.begin() as conn:  # build a version-1 store by hand, with one value in it
        migrations._migration_1(conn)
        conn.execute(schema.meta_table.insert().values(key="schema_version", value="1"))
        conn.execute(schema.revisions_table.insert().values(
            created_at="2025-01-01T00:00:00+00:00", user_name="t", kind="seed", rows_added=1,
            rows_changed=0, rows_unchanged=0, rows_removed=0, status="committed"))
        conn.execute(schema.observations_table.insert().values(
            region_code="3671", measure="p0", year=2025, period="march", value=5.19, status="final",
            source="s", rev_from=1))
    assert old.schema_version() == 1
    assert old.migrate() == SCHEMA_VERSION - 1
    assert old.schema_version() == SCHEMA_VERSION
    assert values(old) == {("3671", 2025): 5.19}
    assert old.targets().empty
    old.dispose()
