"""The coverage heatmap of "About the data", checked from the figure's own data (numbers worked by hand)."""

from __future__ import annotations

import pandas as pd

from analytics.catalog import default_catalog
from analytics.figures import coverage_charts

CATALOG = default_catalog()


def test_a_year_without_values_is_a_blank_cell_and_each_cell_counts_its_regions():
    # Illustrative shares: P0 of 257 of 514 kab/kota in 2020, none stored for 2021, all 514 in 2022.
    shares = pd.DataFrame({"measure": ["p0", "p0"], "level": ["kabkota", "kabkota"], "year": [2020, 2022],
                           "regions": [257, 514], "total": [514, 514], "share": [0.5, 1.0]})
    fig = coverage_charts.coverage_figure(shares, CATALOG, "en", title="Coverage")
    (heatmap,) = fig.data
    assert list(heatmap.x) == [2020, 2021, 2022]
    assert list(heatmap.y) == [f"{CATALOG.measure('p0').short.get('en')} · kab/kota"]
    assert [list(row) for row in heatmap.z] == [[0.5, None, 1.0]]  # 2021 is no data, never 0 %
    assert [list(row) for row in heatmap.text] == [["257", "", "514"]]
    assert heatmap.customdata[0][0].endswith("2020: 257 of 514 regions (50%)")
    assert (heatmap.zmin, heatmap.zmax) == (0, 1)
    # One row: the fixed frame plus one row's height.
    assert fig.layout.height == 170 + coverage_charts.ROW_HEIGHT
