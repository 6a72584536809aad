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
