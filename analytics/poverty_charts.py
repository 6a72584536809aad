"""Figures of the poverty page beyond charts.trend_figure: old-method lines, target marker, glide path.

Built on the one chart theme (analytics.charts: palette, base_layout, trend_figure),
so colours, fonts and number separators are the same as on every other page.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics import charts, fmt
from analytics.catalog import Measure
from analytics.i18n import t
from analytics.narrative import rate_text, target_label
from analytics.targets import GlidePath, Trend

# Palette positions (Okabe–Ito in .streamlit/config.toml): vermillion for targets, grey for trends.
TARGET_COLOUR_INDEX = 5
TREND_COLOUR = "#777777"
# Up to this many years on the axis, label every year (plotly would otherwise label half-years,
# which the whole-year tick format prints as repeated years).
EVERY_YEAR_UP_TO = 8
# Units that cannot go below zero: a straight trend line is cut where it would cross zero.
NON_NEGATIVE_UNITS = ("percent", "thousand_people", "people", "rupiah_per_capita_month", "rupiah", "index", "count")


def old_method_label(label: str, lang: str) -> str:
    return t("poverty.chart.old_method_line", lang, label=label)


def indicator_figure(lines: list[charts.Line], measure: Measure, lang: str, *, title: str, subtitle: str,
                     break_notes: dict[int, str], old_method_labels: set[str],
                     glide: GlidePath | None = None) -> go.Figure:
    """The explorer chart: trend_figure, old-method lines drawn open and dotted, and the target as a star."""
    fig = charts.trend_figure(lines, measure, lang, title=title, subtitle=subtitle, break_notes=break_notes)
    seen: set[str] = set()
    for trace in fig.data:
        # A series cut at a method break is several traces: one legend entry that toggles them all.
        trace.update(legendgroup=trace.name, showlegend=trace.name not in seen)
        seen.add(str(trace.name))
        label = str(trace.name).rsplit(" (", 1)[0]
        if label in old_method_labels:
            trace.update(line={"dash": "dot", "width": 1.5}, marker={"symbol": "circle-open", "size": 9})
    if glide is not None:
        add_target_marker(fig, glide, measure, lang)
    label_every_year(fig)
    return fig


def label_every_year(fig: go.Figure) -> None:
    years = [x for trace in fig.data for x in (trace.x or ()) if x is not None]
    if years and max(years) - min(years) <= EVERY_YEAR_UP_TO:
        fig.update_xaxes(dtick=1)


def add_target_marker(fig: go.Figure, glide: GlidePath, measure: Measure, lang: str) -> None:
    target = glide.target
    label = target_label(glide, measure, lang)
    fig.add_trace(go.Scatter(
        x=[target.year], y=[target.value], mode="markers", name=label[:1].upper() + label[1:],
        marker={"symbol": "star", "size": 15, "color": charts.palette()[TARGET_COLOUR_INDEX],
                "line": {"color": "#000000", "width": 1}},
        hovertemplate=f"<b>{label}</b><br><i>{target.source}</i><extra></extra>",
    ))


def _trend_points(trend: Trend, end_year: int, measure: Measure) -> tuple[list[float], list[float]]:
    start = float(trend.fitted_years[0])
    end = float(max(end_year, trend.fitted_years[-1]))
    xs, ys = [start, end], [trend.at(start), trend.at(end)]
    if measure.unit in NON_NEGATIVE_UNITS and ys[1] < 0 <= ys[0] and trend.slope != 0:
        # Stop where the line reaches zero rather than draw an impossible negative value.
        crossing = -trend.intercept / trend.slope
        xs, ys = [start, crossing], [ys[0], 0.0]
    return xs, ys


def glide_figure(series: pd.DataFrame, region_label: str, measure: Measure, glide: GlidePath,
                 trend: Trend | None, lang: str, *, title: str, subtitle: str) -> go.Figure:
    """Observed values, the target (star), the path needed from the latest value, and a labelled trend."""
    colours = charts.palette()
    target_colour = colours[TARGET_COLOUR_INDEX]
    fig = go.Figure()
    period = glide.target.period
    observed = series.sort_values("year")
    years = list(range(int(observed["year"].min()), int(observed["year"].max()) + 1)) if not observed.empty else []
    frame = observed.set_index("year").reindex(years)
    fig.add_trace(go.Scatter(
        x=years, y=frame["value"].tolist(), mode="lines+markers", connectgaps=False,
        name=f"{region_label} ({t(f'period.{period}', lang)})",
        line={"color": colours[0], "width": 3}, marker={"size": 8},
        customdata=[fmt.value(v, measure, lang) for v in frame["value"]],
        hovertemplate=f"<b>{region_label}</b> %{{x}}<br>%{{customdata}}<extra></extra>",
    ))
    latest = glide.latest
    if latest is not None and glide.target.year > latest.year:
        fig.add_trace(go.Scatter(
            x=[latest.year, glide.target.year], y=[latest.value, glide.target.value], mode="lines",
            name=t("poverty.chart.glide_line", lang, rate=rate_text(glide.needed_per_year, measure, lang)),
            line={"color": target_colour, "dash": "dot", "width": 2}, hoverinfo="skip",
        ))
    if trend is not None:
        xs, ys = _trend_points(trend, glide.target.year, measure)
        fitted = f"{trend.fitted_years[0]}–{trend.fitted_years[-1]}"
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="lines", name=t("poverty.chart.trend_line", lang, years=fitted),
            line={"color": TREND_COLOUR, "dash": "dashdot", "width": 1.5}, hoverinfo="skip",
        ))
    add_target_marker(fig, glide, measure, lang)
    charts.base_layout(fig, title=title, subtitle=subtitle, y_title=fmt.axis_label(measure, lang), lang=lang)
    label_every_year(fig)
    return fig
