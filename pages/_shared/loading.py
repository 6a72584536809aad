"""What a session sees while its first chart page is being prepared.

On a cold process the first run spends a few seconds importing the data layer and
reading the store before the page can draw anything. The browser then still needs
about two more seconds to fetch and start plotly.js, which Streamlit loads only when
the first chart arrives. So on a session's first run of a chart page the frame shows,
at once, a chart-shaped "loading data" placeholder: the person sees that the page is
on its way, and the browser loads plotly.js while the server works. The placeholder is
cleared before the page draws, and the real chart then appears as soon as it is sent. (Served by
server.py, the page's first answer has already named plotly.js for the browser to fetch,
pages/_shared/page_start.py; the placeholder then has it started while the server works.)

Light on purpose (Streamlit, plotly's figure class and the string table only): it runs
before pandas and SQLAlchemy are imported.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import plotly.graph_objects as go
import streamlit as st

from analytics.i18n import t
from pages._shared.navigation import CHART_PAGES

# Set once a session has been sent a plotly element: its browser has plotly.js loaded.
LOADED_KEY = "_plotly_loaded"
HEIGHT = 380  # the height of a trend chart (analytics.figures.charts.base_layout)


def placeholder_figure(lang: str) -> go.Figure:
    """An empty, axis-less frame the size of a trend chart, saying that data is loading."""
    figure = go.Figure()
    figure.update_layout(
        height=HEIGHT,
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        plot_bgcolor="white",
        xaxis={"visible": False},
        yaxis={"visible": False},
        annotations=[{"text": t("frame.loading", lang), "showarrow": False, "x": 0.5, "y": 0.5,
                      "xref": "paper", "yref": "paper", "font": {"size": 16, "color": "#555555"}}],
    )
    return figure


def wanted(page_url_path: str) -> bool:
    """Whether this run should show the placeholder: a chart page, and plotly.js not yet
    loaded in this session's browser."""
    return page_url_path in CHART_PAGES and not st.session_state.get(LOADED_KEY, False)


def show_placeholder(slot, lang: str) -> None:
    """Draw the placeholder chart into `slot` (an st.empty()) and note that this session's
    browser now loads plotly.js."""
    slot.plotly_chart(placeholder_figure(lang), width="stretch", key="loading_placeholder",
                      config={"staticPlot": True, "displayModeBar": False})
    st.session_state[LOADED_KEY] = True


@contextmanager
def first_chart(page_url_path: str, lang: str) -> Iterator[None]:
    """Around the frame's slow part (imports, store, data) of a run.

    The slot is laid out on every run, empty after the first, so the page's elements keep
    the same positions from run to run (Streamlit matches elements by position).
    """
    slot = st.empty()
    shown = wanted(page_url_path)
    if shown:
        show_placeholder(slot, lang)
    try:
        yield
    finally:
        if shown:
            slot.empty()
