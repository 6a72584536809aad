"""Poverty trend figures: a method break is a break in the line on every page that draws a region's trend."""

from __future__ import annotations

import pytest

from analytics.catalog import default_catalog
from analytics.figures import poverty_charts
from analytics.regions import RegionRegistry

CATALOG = default_catalog()


@pytest.fixture(scope="module")
def seeded(seeded_store):
    return seeded_store.observations(down_to="kabkota"), RegionRegistry(seeded_store.regions())


def _values_by_year(trace) -> dict[int, float]:
    return {x: y for x, y in zip(trace.x, trace.y, strict=True) if y is not None}


@pytest.mark.parametrize("figure", ["side_by_side", "overview"])
def test_hdi_is_not_joined_across_its_2021_method_break_and_old_method_values_are_dotted(seeded, figure):
    """BPS's HDI changed method in 2021 (life expectancy from SP2020). Banten's 2020 and 2021 values belong
    to different methods: no trace may hold both. Kota Tangerang's 2020–2021 values as first published
    (note "metode lama") are their own dotted line, as on Kemiskinan."""
    obs, registry = seeded
    measure = CATALOG.measure("hdi")
    assert 2021 in measure.break_years()
    if figure == "side_by_side":
        fig = poverty_charts.side_by_side_figure(obs, registry, CATALOG, measure, "3671", "annual", "id")
    else:
        fig, _ = poverty_charts.overview_figure(obs, registry, CATALOG, "3671", "id", "hdi")
    banten = [_values_by_year(tr) for tr in fig.data if str(tr.name).startswith("Banten")]
    assert len(banten) == 2 and all(not {2020, 2021} <= set(values) for values in banten)
    assert sorted(max(values) for values in banten) == [2020, max(max(v) for v in banten)]
    (old,) = [tr for tr in fig.data if "metode lama" in str(tr.name)]
    assert old.line.dash == "dot" and old.marker.symbol == "circle-open"
    assert not ({2020, 2021} & set(_values_by_year(next(tr for tr in fig.data
                                                        if str(tr.name) == "Kota Tangerang (tahunan)"))))


@pytest.mark.parametrize(("measure_id", "region", "compare", "long"), [
    ("p0", "3671", [], False),  # a kab/kota with its province and the nation
    ("p0", "3671", ["3273", "9401"], True),  # with comparison regions and the long series 2004–2014
    ("hdi", "3671", ["3603"], False),  # old-method values: lines of their own
    ("extreme_poverty", "36", [], False),  # a province: the nation only
])
def test_explorer_lines_kept_per_region_are_the_lines_made_at_once(seeded, measure_id, region, compare, long):
    """The app keeps each region's explorer lines once (a province's and the nation's serve every kab/kota in
    it) and joins them: the result is what one call for all the regions gives, line for line and row for row."""
    import pandas as pd

    from analytics.domain import indicators

    obs, registry = seeded
    measure = CATALOG.measure(measure_id)
    codes = indicators.trend_roles(registry, region, compare=compare)
    kept: dict[tuple[str, str], poverty_charts.RegionLines] = {}

    def part(code: str, role: str) -> poverty_charts.RegionLines:
        key = (code, role)
        kept.setdefault(key, poverty_charts.region_lines(obs, registry, CATALOG, measure, code, role, "id", long=long))
        return kept[key]

    at_once = poverty_charts.explorer_lines(obs, registry, CATALOG, measure, codes, "id", long=long)
    joined = poverty_charts.explorer_lines(obs, registry, CATALOG, measure, codes, "id", long=long, part=part)
    assert set(kept) == set(codes)
    assert [(line.label, line.role, line.period) for line in joined.lines] == \
        [(line.label, line.role, line.period) for line in at_once.lines]
    for mine, theirs in zip(joined.lines, at_once.lines, strict=True):
        pd.testing.assert_frame_equal(mine.frame.reset_index(drop=True), theirs.frame.reset_index(drop=True))
    pd.testing.assert_frame_equal(joined.rows, at_once.rows)
    assert (joined.old_labels, joined.long_labels, joined.long_flags) == \
        (at_once.old_labels, at_once.long_labels, at_once.long_flags)
    assert len(at_once.lines) >= len(codes)  # every region drawn (a test that compares nothing would pass)
    if long:
        assert at_once.long_labels
    if measure_id == "hdi":
        assert at_once.old_labels
