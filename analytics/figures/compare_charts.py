"""The quadrant chart of Bandingkan: regions placed by two measures against reference lines.

The quadrant table (which region sits in which quadrant) is computed in analytics/domain/compare.py;
this module only draws it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from analytics import fmt
from analytics.catalog import Measure
from analytics.figures import charts

# Room above the plot area for the reference lines' key (one line of 10-px text).
REFERENCE_LABEL_PX = 18

@dataclass(frozen=True)
class QuadrantLabels:
    """Texts of a quadrant chart, already translated by the page."""

    title: str
    subtitle: str
    x_title: str
    y_title: str
    quadrant_names: dict[str, str]
    reference_name: str


def _points(frame: pd.DataFrame, colour: str, size: int, name: str, labels: QuadrantLabels, lang: str,
            names: dict[str, str], x_measure: Measure, y_measure: Measure, y_is_change: bool) -> go.Scatter:
    x_text = [fmt.value(v, x_measure, lang) for v in frame["x"]]
    y_text = [fmt.change(v, y_measure, lang) if y_is_change else fmt.value(v, y_measure, lang) for v in frame["y"]]
    region_names = [names.get(c, c) for c in frame["region_code"]]
    return go.Scatter(
        x=frame["x"].tolist(), y=frame["y"].tolist(), mode="markers", name=name, showlegend=False,
        marker={"color": colour, "size": size, "line": {"color": "white", "width": 1}},
        customdata=list(zip(frame["region_code"], region_names, x_text, y_text, frame["quadrant"], strict=True)),
        hovertemplate=(f"<b>%{{customdata[1]}}</b><br>{labels.x_title}: %{{customdata[2]}}"
                       f"<br>{labels.y_title}: %{{customdata[3]}}<br>%{{customdata[4]}}<extra></extra>"),
    )


def quadrant_base(table: pd.DataFrame, x_ref: float, y_ref: float, labels: QuadrantLabels, lang: str, *,
                  names: dict[str, str], x_measure: Measure, y_measure: Measure, y_is_change: bool,
                  source: str = "") -> go.Figure:
    """Every region as a grey point, the reference lines and the quadrants' names: the chart without
    anyone's own region, which `quadrant_marks` draws over it."""
    fig = go.Figure(_points(table, "#9a9a9a", 6, "others", labels, lang, names, x_measure, y_measure, y_is_change))
    _reference_lines(fig, x_ref, y_ref, labels.reference_name)
    corners = {"I": (0.99, 0.99, "right", "top"), "II": (0.01, 0.99, "left", "top"),
               "III": (0.01, 0.01, "left", "bottom"), "IV": (0.99, 0.01, "right", "bottom")}
    for quadrant, (x, y, xanchor, yanchor) in corners.items():
        fig.add_annotation(x=x, y=y, xref="paper", yref="paper", xanchor=xanchor, yanchor=yanchor,
                           text=labels.quadrant_names[quadrant], showarrow=False, align=xanchor,
                           font={"size": 11, "color": "#444444"}, bgcolor="rgba(255,255,255,0.8)")
    charts.base_layout(fig, title=labels.title, subtitle=labels.subtitle, y_title=labels.y_title, lang=lang,
                       height=520)
    fig.update_layout(xaxis={"title": {"text": labels.x_title}, "tickformat": None, "zeroline": False},
                      dragmode="pan", margin={"b": 60, "t": fig.layout.margin.t + REFERENCE_LABEL_PX})
    return charts.add_source(fig, source)


def quadrant_marks(table: pd.DataFrame, labels: QuadrantLabels, lang: str, *, highlight: str | None,
                   peers: Sequence[str], names: dict[str, str], x_measure: Measure, y_measure: Measure,
                   y_is_change: bool) -> tuple[list[go.Scatter], list[dict]]:
    """The peers' and the selected region's points, larger and coloured, each named in a box on a short
    leader line (alternately above and below, so they stay readable inside the dense cloud of other
    regions): traces and annotations to draw over `quadrant_base`."""
    colours = charts.palette()
    traces, annotations = [], []
    groups = [(table[table["region_code"].isin(peers)], colours[1], 10, "peers"),
              (table[table["region_code"] == highlight], colours[0], 14, "region")]
    for frame, colour, size, name in groups:
        if frame.empty:
            continue
        traces.append(_points(frame, colour, size, name, labels, lang, names, x_measure, y_measure, y_is_change))
        for index, (x, y, code) in enumerate(zip(frame["x"], frame["y"], frame["region_code"], strict=True)):
            up = name == "region" or index % 2 == 1
            annotations.append(go.layout.Annotation(
                x=x, y=y, text=names.get(code, code), showarrow=True, arrowhead=0, arrowcolor=colour, ax=40,
                ay=-30 if up else 30, bgcolor="rgba(255,255,255,0.9)", bordercolor=colour, borderwidth=1, borderpad=2,
                font={"size": 11, "color": "#222222"}).to_plotly_json())
    return traces, annotations


def _reference_lines(fig: go.Figure, x_ref: float, y_ref: float, name: str) -> None:
    """The two dashed reference lines and, once, what they are (which average, weighted or not), on the chart
    itself (its PNG too) but above the plot area, where no point can lie under it at any width: a label on
    a line inside the plot crossed the dense cloud of points, worst on a phone (issue #14)."""
    line = {"color": "#333333", "dash": "dash", "width": 1}
    fig.add_vline(x=x_ref, line=line)
    fig.add_hline(y=y_ref, line=line)
    fig.add_annotation(x=0, xref="paper", y=1, yref="paper", xanchor="left", yanchor="bottom", yshift=4,
                       text=f"- - - {name}", showarrow=False, font={"size": 10, "color": "#333333"})
