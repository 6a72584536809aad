"""The glide-path figure of the target section: observed values, the path needed, a range as a band.

Built on the one chart theme (analytics.figures.charts), so colours, fonts and separators match every
other page. A missing year is a gap (null), never a line across it.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics import fmt
from analytics.catalog import Measure
from analytics.domain.narrative import rate_text
from analytics.domain.targets import GlidePath, short_basis
from analytics.figures import charts
from analytics.i18n import t

# Okabe–Ito positions in the palette: blue for the region, vermillion for targets.
REGION_COLOUR_INDEX = 0
TARGET_COLOUR_INDEX = 5
BAND_OPACITY = 0.18
# Marker symbols for several single-value targets of the same year (conflicting official targets).
TARGET_SYMBOLS = ("star", "diamond", "square", "x", "cross")
# How far apart (in years) conflicting targets of one year are drawn.
CONFLICT_SPREAD = 0.15


def _rgba(hex_colour: str, alpha: float) -> str:
    value = hex_colour.lstrip("#")
    red, green, blue = (int(value[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({red},{green},{blue},{alpha})"


def _observed_trace(observed: pd.DataFrame, region_label: str, measure: Measure, lang: str) -> go.Scatter:
    """The region's observed values, a gap left a gap."""
    colours = charts.palette()
    years = list(range(int(observed["year"].min()), int(observed["year"].max()) + 1))
    frame = observed.drop_duplicates("year").set_index("year").reindex(years)
    return go.Scatter(
        x=years, y=frame["value"].tolist(), mode="lines+markers", connectgaps=False,
        name=t("targets.chart.observed", lang, region=region_label),
        line={"color": colours[REGION_COLOUR_INDEX], "width": 3}, marker={"size": 8},
        customdata=[fmt.value(v, measure, lang) for v in frame["value"]],
        hovertemplate=f"<b>{region_label}</b> %{{x}}<br>%{{customdata}}<extra></extra>")


def _path_traces(first: GlidePath, measure: Measure, lang: str, target_colour: str) -> list[go.Scatter]:
    """The first target's band (a range) and glide path, where it has them."""
    traces = []
    if first.band:
        (start_year, start_low, start_high), (end_year, end_low, end_high) = first.band
        traces.append(go.Scatter(
            x=[start_year, end_year, end_year, start_year, start_year],
            y=[start_low, end_low, end_high, start_high, start_low], mode="lines", fill="toself",
            fillcolor=_rgba(target_colour, BAND_OPACITY), line={"width": 0}, hoverinfo="skip",
            name=t("targets.chart.band", lang)))
    if len(first.glide_path) == 2:
        (x0, y0), (x1, y1) = first.glide_path
        traces.append(go.Scatter(
            x=[x0, x1], y=[y0, y1], mode="lines", hoverinfo="skip",
            name=t("targets.chart.glide", lang, rate=rate_text(first.needed_per_year, measure, lang)),
            line={"color": target_colour, "dash": "dot", "width": 2}))
    return traces


def _target_trace(glide: GlidePath, label: str, position: int, offset: float, target_colour: str
                  ) -> go.Scatter | None:
    """One target as a marker (a value, above), a bar (a range) or a line from the floor (below);
    None for a kind not drawn."""
    target = glide.target
    kind = target.kind
    if kind == "value":
        points, symbol, dash = [target.value], TARGET_SYMBOLS[position % len(TARGET_SYMBOLS)], "solid"
    elif kind == "range":
        points, symbol, dash = [target.lower, target.upper], "line-ew-open", "solid"
    elif kind == "below":
        # "Below x": everything under x meets it, drawn from the floor (0) up to x, pointing down.
        points, symbol, dash = [0.0, target.upper], "triangle-down", "dot"
    elif kind == "above":
        points, symbol, dash = [target.lower], "triangle-up", "solid"
    else:
        return None
    x = target.year + offset
    basis = short_basis(target.basis)
    return go.Scatter(
        x=[x] * len(points), y=points, mode="lines+markers" if len(points) == 2 else "markers",
        # Written on two lines when long: a legal basis ran past a phone's edge (the hover keeps one).
        name=charts.wrap(label, 38),
        line={"color": target_colour, "width": 5, "dash": dash},
        # "Below x" has its marker at x only (the line below it is the region that meets it).
        marker={"symbol": symbol, "size": [0, 13] if kind == "below" else 13, "color": target_colour,
                "line": {"color": "#000000", "width": 1.5}},
        hovertemplate=f"<b>{label}</b><br>{basis}<extra></extra>")


def glide_figure(series: pd.DataFrame, region_label: str, measure: Measure, glides: list[GlidePath],
                 target_labels: list[str], lang: str, *, title: str, subtitle: str) -> go.Figure:
    """`series`: the region's observations in the targets' period. `glides`: the targets of one year
    (several when official targets conflict), each with its label; the first one's path is drawn."""
    colours = charts.palette()
    target_colour = colours[TARGET_COLOUR_INDEX % len(colours)]
    fig = go.Figure()
    observed = series.dropna(subset=["value"]).sort_values("year")
    if not observed.empty:
        fig.add_trace(_observed_trace(observed, region_label, measure, lang))
    if glides:
        for trace in _path_traces(glides[0], measure, lang, target_colour):
            fig.add_trace(trace)
    # Several targets for one year (conflicting official targets) stand side by side, a little
    # apart, so none hides another; each keeps its own legend entry with its legal basis.
    offsets = [(k - (len(glides) - 1) / 2) * CONFLICT_SPREAD for k in range(len(glides))]
    for position, (glide, label) in enumerate(zip(glides, target_labels, strict=True)):
        trace = _target_trace(glide, label, position, offsets[position], target_colour)
        if trace is not None:
            fig.add_trace(trace)
    charts.base_layout(fig, title=title, subtitle=subtitle, y_title=fmt.axis_label(measure, lang), lang=lang)
    fig.update_xaxes(dtick=1 if _span(fig) <= 10 else None)
    return fig


def _span(fig: go.Figure) -> int:
    years = [x for trace in fig.data for x in (trace.x or ()) if x is not None]
    return int(max(years) - min(years)) if years else 0
