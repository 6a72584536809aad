"""The one chart theme and the plotly figures the pages draw.

Colours come from .streamlit/config.toml (chartCategoricalColors) so the palette
is set in one place; the region in focus is always the first colour, its
province the second, the nation black-grey.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
import plotly.graph_objects as go

from analytics import fmt, paths
from analytics.catalog import Measure
from analytics.i18n import period_label

# Used only if config.toml is missing: the same Okabe–Ito colours.
FALLBACK_PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
NATION_COLOUR = "#555555"
FONT = "sans-serif"
# Dash pattern per period, so March and September lines stay distinguishable in print too.
PERIOD_DASH = {"march": "solid", "september": "dot", "august": "solid", "annual": "solid"}
PERIOD_SYMBOL = {"march": "circle", "september": "diamond-open", "august": "square", "annual": "circle"}


@lru_cache(maxsize=1)
def palette() -> tuple[str, ...]:
    config = paths.ROOT / ".streamlit" / "config.toml"
    try:
        with config.open("rb") as handle:
            colours = tomllib.load(handle)["theme"]["chartCategoricalColors"]
        return tuple(colours)
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return FALLBACK_PALETTE


@dataclass(frozen=True)
class Line:
    """One line of a trend chart: a region's values of a measure in one period."""

    label: str
    role: str  # "region" | "province" | "nation" | "peer"
    frame: pd.DataFrame  # columns year, period, value, source, note
    period: str


def base_layout(fig: go.Figure, *, title: str, y_title: str, lang: str, subtitle: str = "",
                height: int = 380) -> go.Figure:
    fig.update_layout(
        # Decimal comma and thousands dot in Indonesian, as in the text around the chart.
        separators=",." if lang == "id" else ".,",
        # Title on its own line and the subtitle below it, so neither is cut on a phone.
        title={"text": title, "subtitle": {"text": subtitle}, "x": 0, "xanchor": "left",
               "font": {"size": 15}, "automargin": True},
        height=height,
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        font={"family": FONT},
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "xanchor": "left", "x": 0},
        hovermode="closest",
        plot_bgcolor="white",
        yaxis={"title": {"text": y_title}, "gridcolor": "#e5e5e5", "zeroline": False},
        # Whole years only; plotly thins the labels itself on a narrow (phone) screen.
        xaxis={"gridcolor": "#f0f0f0", "tickformat": "d"},
    )
    return fig


def trend_figure(lines: list[Line], measure: Measure, lang: str, *, title: str, subtitle: str = "",
                 break_notes: dict[int, str] | None = None) -> go.Figure:
    """Line chart over years; a missing year is a gap in the line, never interpolated."""
    colours = palette()
    fig = go.Figure()
    years = sorted({int(y) for line in lines for y in line.frame["year"]})
    peer_index = 2
    for line in lines:
        if line.role == "region":
            colour, width = colours[0], 3
        elif line.role == "province":
            colour, width = colours[1], 2
        elif line.role == "nation":
            colour, width = NATION_COLOUR, 2
        else:
            colour, width = colours[peer_index % len(colours)], 2
            peer_index += 1
        frame = line.frame.set_index("year").reindex(years) if years else line.frame.set_index("year")
        text = [fmt.value(v, measure, lang) for v in frame["value"]]
        # A readable citation or upload mark when the page gives one (analytics.provenance).
        sources = frame["source_label" if "source_label" in frame else "source"].fillna("").tolist()
        notes = frame["note"].fillna("").tolist() if "note" in frame else [""] * len(frame)
        fig.add_trace(go.Scatter(
            x=list(frame.index), y=frame["value"].tolist(),
            mode="lines+markers", connectgaps=False,
            name=f"{line.label} ({period_label(line.period, lang)})",
            line={"color": colour, "width": width, "dash": PERIOD_DASH.get(line.period, "solid")},
            marker={"size": 7, "symbol": PERIOD_SYMBOL.get(line.period, "circle")},
            customdata=list(zip(text, sources, notes, strict=True)),
            hovertemplate=(f"<b>{line.label}</b> %{{x}}<br>%{{customdata[0]}}"
                           "<br><i>%{customdata[1]}</i><br>%{customdata[2]}<extra></extra>"),
        ))
    for year, note in (break_notes or {}).items():
        if years and years[0] < year <= years[-1]:
            fig.add_vline(x=year - 0.5, line={"color": "#999999", "dash": "dash", "width": 1})
            fig.add_annotation(x=year - 0.5, y=1, yref="paper", text="⚑", showarrow=False,
                               hovertext=note, xanchor="center", yanchor="bottom",
                               font={"size": 13, "color": "#666666"})
    base_layout(fig, title=title, subtitle=subtitle, y_title=fmt.axis_label(measure, lang), lang=lang)
    return fig
