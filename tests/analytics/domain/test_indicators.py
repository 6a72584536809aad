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


def test_an_indexed_frame_selects_exactly_what_the_plain_frame_selects():
    """`indexed` (issue #18) takes rows by position and keeps selections; the rows, their order, labels and
    dtypes are those the plain masks give, for every combination asked, unknown codes and repeats included.
    Illustrative values, not real figures."""
    import itertools

    rows = [(region, measure, year, period, float(i))
            for i, (region, measure, year, period) in enumerate(itertools.product(
                ["3671", "36", "00", "3273"], ["p0", "p1", "poor_count"], [2019, 2020, 2021], ["march", "september"]))]
    plain = obs(rows).sample(frac=1, random_state=7)  # rows not in key order: the order must be kept
    plain.loc[plain.index[5], "value"] = None
    marked = indicators.indexed(plain.copy())
    choices = {"regions": [None, ["3671"], ["36", "3671"], ["9999"], ["3671", "3671", "00"], []],
               "measures": [None, ["p0"], ["p1", "p0"], ["nope"]],
               "years": [None, [2020], [2019, 2021]], "periods": [None, ["march"]]}
    for regions, measures, years, periods in itertools.product(*choices.values()):
        asked = {"regions": regions, "measures": measures, "years": years, "periods": periods}
        expected = indicators.select(plain, **asked)
        for _ in range(2):  # made, then handed out again
            pd.testing.assert_frame_equal(indicators.select(marked, **asked), expected)
    pd.testing.assert_frame_equal(indicators.select(marked, regions=iter(["3671"]), measures=(m for m in ["p0"])),
                                  indicators.select(plain, regions=["3671"], measures=["p0"]))
    assert indicators.series(marked, "3671", "p0", "march")["value"].tolist() == \
        indicators.series(plain, "3671", "p0", "march")["value"].tolist()


def test_changing_a_selection_of_an_indexed_frame_changes_nothing_else():
    data = indicators.indexed(obs([("3671", "p0", 2021, "march", 5.93), ("3671", "p0", 2025, "march", 5.19),
                                   ("36", "p0", 2025, "march", 5.63)]))
    before = data.copy()
    first = indicators.select(data, regions=["3671"], measures=["p0"])
    first["value"] = -1.0
    first.loc[first.index[0], "note"] = "changed"
    first["extra"] = 1
    pd.testing.assert_frame_equal(data, before)
    again = indicators.select(data, regions=["3671"], measures=["p0"])
    assert again["value"].tolist() == [5.93, 5.19] and "extra" not in again
    assert indicators.latest(data, "3671", "p0").value == 5.19


def test_a_marked_frame_that_changed_length_is_read_the_plain_way():
    data = indicators.indexed(obs([("3671", "p0", 2021, "march", 5.93)]))
    indicators.select(data, regions=["3671"])  # kept
    data.loc[7] = ["3671", "p0", 2025, "march", 5.19, "final", "s", None]
    assert indicators.select(data, regions=["3671"])["value"].tolist() == [5.93, 5.19]


def test_text_as_objects_keeps_every_value_and_holds_each_distinct_text_once():
    """The app's shared observations hold their texts as Python strings (issue #18): same values and
    missing notes, numbers untouched, and each distinct text one object (not one per row).
    Illustrative values, not real figures."""
    frame = pd.DataFrame({"region_code": ["3671", "3671", "3603", "3671"], "measure": ["p0", "p1", "p0", "p0"],
                          "year": [2024, 2024, 2024, 2025], "value": [5.43, 0.71, 6.1, 5.19],
                          "note": [None, "metode lama", None, "metode lama"]})
    frame = frame.astype({"region_code": "str", "measure": "str", "note": "str"})
    kept = indicators.text_as_objects(frame)
    assert kept["region_code"].dtype == object and kept["note"].dtype == object
    assert kept["year"].dtype == frame["year"].dtype and kept["value"].dtype == frame["value"].dtype
    pd.testing.assert_frame_equal(kept, frame, check_dtype=False)
    assert kept["note"].isna().tolist() == [True, False, True, False]
    assert kept["region_code"].iloc[0] is kept["region_code"].iloc[3]
    assert kept["note"].iloc[1] is kept["note"].iloc[3]
    assert frame["region_code"].dtype != object  # the frame given is left as it was
    assert indicators.select(indicators.indexed(kept), regions=["3671"], measures=["p0"])["value"].tolist() == [5.43, 5.19]
