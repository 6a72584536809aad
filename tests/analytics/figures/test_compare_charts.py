"""The quadrant chart of Bandingkan, checked from the figure's own data."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics.catalog import default_catalog
from analytics.domain import compare
from analytics.figures import charts, compare_charts
from tests.analytics.figures.quadrant import quadrant_figure

CATALOG = default_catalog()


def test_reference_lines_are_named_above_the_plot_never_over_the_points():
    # Illustrative points: a dense cloud around the reference lines (x = 10, y = -0.5), where a label
    # written along a line used to cross the points (issue #14).
    points = pd.DataFrame({"region_code": [f"36{i:02d}" for i in range(40)],
                           "x": [8 + (i % 8) * 0.5 for i in range(40)], "y": [-1 + (i % 5) * 0.25 for i in range(40)]})
    table = compare.quadrant_table(points, 10.0, -0.5)
    labels = compare_charts.QuadrantLabels("P0 terhadap perubahan", "rujukan", "P0", "Perubahan",
                                           {q: q for q in compare.QUADRANTS}, "rata-rata kab/kota Banten (sederhana)")
    p0 = CATALOG.measure("p0")
    fig = quadrant_figure(table, 10.0, -0.5, labels, "id", highlight="3600", peers=[], names={},
                                         x_measure=p0, y_measure=p0, y_is_change=True)
    lines = [(s.type, s.x0, s.y0) for s in fig.layout.shapes]
    assert ("line", 10.0, 0) in lines and ("line", 0, -0.5) in lines  # the vertical and the horizontal line
    (key,) = [a for a in fig.layout.annotations if "rata-rata kab/kota Banten (sederhana)" in str(a.text)]
    # In paper coordinates at the top edge, anchored at its bottom: the whole text sits above the plot area.
    assert (key.yref, key.y, key.yanchor, key.xref, key.x) == ("paper", 1, "bottom", "paper", 0)
    assert not [a for a in fig.layout.annotations if a.textangle not in (None, 0)]  # nothing written sideways
    # The top margin grew by the key's row, so the key does not touch the subtitle.
    plain = charts.base_layout(go.Figure(), title=labels.title, subtitle=labels.subtitle, y_title="", lang="id")
    assert fig.layout.margin.t == plain.layout.margin.t + compare_charts.REFERENCE_LABEL_PX
