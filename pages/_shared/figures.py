"""Figures built once and drawn by every session: their dict is made once, not on every rerun.

st.plotly_chart turns a Figure into the dict it sends with `Figure.to_dict()`, which deep-copies
the whole figure on every call: 0.24–0.58 s for the kab/kota map with its boundaries on the 2-core
development machine, on every rerun of every session, while the GIL is held. A figure held by
st.cache_resource is never changed once built (every session reads the same object), so its dict
can be made once and handed out again.
"""

from __future__ import annotations

import plotly.graph_objects as go


class SharedFigure(go.Figure):
    """A go.Figure that must not be changed after `shared()`; `to_dict()` is computed once."""

    def to_dict(self) -> dict:
        cached = self.__dict__.get("_shared_dict")
        if cached is None:
            cached = super().to_dict()
            self._shared_dict = cached
        return cached


def shared(figure: go.Figure) -> SharedFigure:
    """Mark a freshly built figure as shared (no copy is made: build it, pass it here, never change it)."""
    figure.__class__ = SharedFigure
    figure.__dict__.pop("_shared_dict", None)
    return figure
