"""Indicator functions, with expected values worked out by hand."""

import pandas as pd
import pytest

from analytics.domain import indicators


def obs(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["region_code", "measure", "year", "period", "value"])
    return frame.assign(status="final", source="s", note=None)


def test_change_in_points_and_relative():
    data = obs([("3671", "p0", 2021, "march", 5.93), ("3671", "p0", 2025, "march", 5.19)])
    change = indicators.change_between(data, "3671", "p0", 2021, 2025, "march")
    assert change.points == pytest.approx(-0.74)  # 5.19 − 5.93
    assert change.relative == pytest.approx(-0.74 / 5.93)  # −12.48 %


def test_previous_skips_gaps_and_never_mixes_periods():
    data = obs([("36", "p0", 2021, "march", 6.66), ("36", "p0", 2024, "september", 5.70),
                ("36", "p0", 2025, "march", 5.63)])
    latest = indicators.latest(data, "36", "p0", "march")
    assert (latest.year, latest.value) == (2025, 5.63)
    assert indicators.previous(data, latest).year == 2021


def test_no_change_without_both_ends():
    data = obs([("3671", "p0", 2025, "march", 5.19)])
    assert indicators.change_between(data, "3671", "p0", 2021, 2025, "march") is None


def test_rank_lower_is_better_with_ties_sharing_the_best_rank():
    data = obs([("a", "p0", 2025, "march", 2.0), ("b", "p0", 2025, "march", 5.0),
                ("c", "p0", 2025, "march", 5.0), ("d", "p0", 2025, "march", 9.0)])
    table = indicators.rank_table(data, "p0", 2025, "march", ["a", "b", "c", "d"], lower_is_better=True)
    assert dict(zip(table["region_code"], table["rank"], strict=True)) == {"a": 1, "b": 2, "c": 2, "d": 4}
    # b is better than only d: 1 of the 3 others → 33.3rd percentile; a beats all 3 → 100.
    percentiles = dict(zip(table["region_code"], table["percentile"], strict=True))
    assert percentiles["a"] == pytest.approx(100.0)
    assert percentiles["b"] == pytest.approx(100 / 3)
    assert percentiles["d"] == pytest.approx(0.0)
    assert set(table["n"]) == {4}


def test_rank_higher_is_better_for_hdi():
    data = obs([("a", "hdi", 2025, "annual", 70.0), ("b", "hdi", 2025, "annual", 80.0)])
    table = indicators.rank_table(data, "hdi", 2025, "annual", ["a", "b"], lower_is_better=False)
    assert table.iloc[0]["region_code"] == "b"


def test_trend_rows_keep_the_roles_order_and_leave_a_region_without_values_out(seeded_store):
    from analytics.regions import RegionRegistry

    registry = RegionRegistry(seeded_store.regions())
    roles = indicators.trend_roles(registry, "3671", compare=["3273"])
    assert roles == [("3671", "region"), ("36", "province"), ("00", "nation"), ("3273", "peer")]
    assert indicators.trend_roles(registry, "3671", references=False) == [("3671", "region")]
    # Illustrative rows: Banten has no value, Kota Tangerang's 2022 is missing (a gap, not a zero).
    data = obs([("3273", "p0", 2025, "march", 3.8), ("3671", "p0", 2025, "march", 5.19),
                ("00", "p0", 2025, "march", 8.47), ("3671", "p0", 2021, "march", 5.93),
                ("3671", "p0", 2025, "september", 9.9)])
    rows = indicators.trend_rows(data, roles, "p0", "march")
    assert list(zip(rows["region_code"], rows["role"], rows["year"], strict=True)) == [
        ("3671", "region", 2021), ("3671", "region", 2025), ("00", "nation", 2025), ("3273", "peer", 2025)]
    assert len(indicators.trend_rows(data, roles, "p0")) == 5  # every period when none is given
