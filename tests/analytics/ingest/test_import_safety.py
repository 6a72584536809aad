"""A rejected import never changes the store; a save killed half-way leaves it consistent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics.ingest.loading import import_observations
from analytics.store.store import Store
from tests.conftest import ROOT

GOOD_ROW = st.tuples(st.sampled_from(["3671", "3672", "3603", "36"]), st.sampled_from(["p0", "p1", "hdi"]),
                     st.integers(2015, 2025), st.sampled_from(["Maret", "September", "tahunan"]),
                     st.floats(0, 99, allow_nan=False).map(lambda v: f"{v:.2f}"))
# Each of these makes a line an error the validator must catch.
BAD_ROW = st.one_of(
    st.tuples(st.just("3671"), st.just("p0"), st.integers(2015, 2025), st.just("Maret"),
              st.floats(100.5, 1e6).map(lambda v: f"{v:.1f}")),                            # percentage > 100
    st.tuples(st.sampled_from(["9999", "0000"]), st.just("p0"), st.just(2025), st.just("Maret"), st.just("5")),
    st.tuples(st.just("3671"), st.just("kemiskinan_palsu"), st.just(2025), st.just("Maret"), st.just("5")),
    st.tuples(st.just("3671"), st.just("poor_count"), st.just(2025), st.just("Maret"), st.just("-3")),
    st.tuples(st.just("3671"), st.just("p0"), st.just(2025), st.just("Maret"), st.just("lima koma satu")),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(good=st.lists(GOOD_ROW, max_size=8), bad=st.lists(BAD_ROW, min_size=1, max_size=3), data=st.data())
def test_a_rejected_import_never_changes_the_store(writable_store: Store, good, bad, data):
    rows = data.draw(st.permutations(good + bad))
    text = "kode_wilayah,indikator,tahun,periode,nilai\n" + "\n".join(",".join(map(str, r)) for r in rows)
    before_version = writable_store.data_version()
    before = writable_store.observations(regions=["3671", "3672", "3603", "36"])
    result = import_observations(writable_store, text.encode(), user="siti", file_name="h.csv")
    assert result.status == "rejected"
    assert result.revision is None
    assert writable_store.data_version() == before_version
    pd.testing.assert_frame_equal(writable_store.observations(regions=["3671", "3672", "3603", "36"]), before)


CHILD = textwrap.dedent("""
    import sys
    import pandas as pd
    from analytics.store import bulk
    from analytics.store.store import Store
    real_insert = bulk.insert

    def insert(*args, **kwargs):  # says when the rows start going in, inside the save's transaction
        print("WRITING", flush=True)
        return real_insert(*args, **kwargs)

    bulk.insert = insert
    store = Store(sys.argv[1])
    n = int(sys.argv[2])
    frame = pd.DataFrame({
        "region_code": [f"{3671000 + i // 50:07d}" for i in range(n)], "measure": "rtlh_units",
        "year": [1970 + i % 50 for i in range(n)], "period": "annual", "value": 1.0,
        "status": "illustrative", "source": "test", "note": None})
    print("SAVING", flush=True)
    store.load(frame, user="kill-test")
    print("SAVED", flush=True)
""")


def test_a_save_killed_with_sigkill_leaves_the_store_consistent(tiny_store: Store):
    rows = pd.DataFrame([{"region_code": "3671", "measure": "p0", "year": 2025, "period": "march", "value": 5.19,
                          "status": "final", "source": "bps", "note": None}])
    tiny_store.load(rows, user="ana")
    before = tiny_store.observations()
    child = subprocess.Popen([sys.executable, "-c", CHILD, tiny_store.url, "200000"], cwd=ROOT,
                             stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert child.stdout.readline().strip() == "SAVING"
    # Kill as the rows start going in, inside the transaction (its revision row is written; the 200,000 rows take
    # a good part of a second). A fixed wait after SAVING was not enough: on a fast machine the save had finished.
    assert child.stdout.readline().strip() == "WRITING"
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL  # it really died mid-save
    after = Store(tiny_store.url)
    version = after.data_version()
    current = after.observations()
    if version == 1:  # killed before commit: exactly as before
        pd.testing.assert_frame_equal(current, before)
    else:  # the commit made it: all of it, nothing partial
        assert version == 2 and len(current) == 1 + 200000
    if tiny_store.dialect == "sqlite":
        with after.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
    after.load(rows.assign(value=5.2), user="ana")  # and the store still takes writes
    after.dispose()
