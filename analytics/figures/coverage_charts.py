"""The coverage heatmap of "About the data": one row per measure × level, one column per year.

The shares come from analytics/domain/coverage.py. An empty cell is "no data", never 0 %.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analytics.catalog import Catalog
from analytics.figures import charts
from analytics.i18n import t

# Sequential blues (light = few regions, dark = all), readable for colour-blind readers and in print.
COLOURSCALE = [[0.0, "#deebf7"], [0.5, "#6baed6"], [1.0, "#08306b"]]
# Pixels per heatmap row: the 9-px labels of a measure × level stay apart.
ROW_HEIGHT = 22


def coverage_figure(shares: pd.DataFrame, catalog: Catalog, lang: str, *, title: str) -> go.Figure:
    """A heatmap: one row per measure × level, one column per year, colour = share of regions,
    the number of regions written in the cell; a year without values stays blank."""
    rows = list(dict.fromkeys(zip(shares["measure"], shares["level"], strict=True)))
    years = list(range(int(shares["year"].min()), int(shares["year"].max()) + 1)) if not shares.empty else []
    labels = [f"{catalog.measure(m).short.get(lang)} · {t(f'coverage.level.{lv}', lang)}"
              if m in catalog.measures else f"{m} · {lv}" for m, lv in rows]
    index = {row: i for i, row in enumerate(rows)}
    z = np.full((len(rows), len(years)), np.nan)
    counts = np.full((len(rows), len(years)), "", dtype=object)
    hover = np.full((len(rows), len(years)), "", dtype=object)
    for record in shares.itertuples(index=False):
        i, j = index[(record.measure, record.level)], years.index(int(record.year))
        z[i, j] = record.share
        counts[i, j] = str(record.regions)
        hover[i, j] = t("coverage.hover", lang, row=labels[i], year=record.year, count=record.regions,
                        total=record.total, share=f"{record.share:.0%}")
    # Plain lists (None = no data), so the figure's data reads the same in tests and in the browser.
    shares_grid = [[None if np.isnan(v) else float(v) for v in row] for row in z]
    fig = go.Figure(go.Heatmap(
        z=shares_grid, x=years, y=labels, text=counts.tolist(), texttemplate="%{text}", textfont={"size": 9},
        customdata=hover.tolist(), hovertemplate="%{customdata}<extra></extra>", colorscale=COLOURSCALE,
        zmin=0, zmax=1, xgap=1, ygap=1, hoverongaps=False,
        # A horizontal colour bar under the grid leaves the width to the years on a phone.
        colorbar={"title": {"text": t("coverage.share", lang), "side": "top"}, "tickformat": ".0%",
                  "thickness": 8, "orientation": "h", "y": -0.02, "yanchor": "top", "x": 0, "xanchor": "left",
                  "len": 0.6},
    ))
    charts.base_layout(fig, title=title, y_title="", lang=lang, height=170 + ROW_HEIGHT * len(rows))
    fig.update_yaxes(autorange="reversed", gridcolor="rgba(0,0,0,0)", tickfont={"size": 9})
    fig.update_xaxes(dtick=1, tickangle=-90, tickfont={"size": 9}, side="top")
    fig.update_layout(plot_bgcolor="white", margin={"l": 4, "r": 4, "t": 90, "b": 70})
    return fig
