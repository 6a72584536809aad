"""Figures built once and drawn by every session: their dict is made once, not on every rerun.

st.plotly_chart turns a Figure into the dict it sends with `Figure.to_dict()`, which deep-copies
the whole figure on every call: 0.24–0.58 s for the kab/kota map with its boundaries on the 2-core
development machine, on every rerun of every session, while the GIL is held. A figure held by
st.cache_resource is never changed once built (every session reads the same object), so its dict
can be made once and handed out again.

A figure that differs between sessions only by a mark on top (the participant's own region outlined
on the map, its bar coloured, its point labelled on the quadrant chart) is one shared figure with an
`overlay()` per session: the shared figure is built once for the whole class, the overlay adds a
trace or two and shares everything else by reference (building a region's own kab/kota map was
0.14 s of every participant's step, each under the one GIL of the process).

A map's boundaries are the bulk of it (0.9 MB as JSON, about 5.5 MB as Python objects). The map
figures take them by reference from the loaded layer (analytics.figures.maps), and a shared figure's
dict takes the figure's, not a deep copy: every Bandingkan map, whichever region it highlights, held
two copies of its own before (about 11 MB per participant's region in a class of 30).

Every text from data in a shared figure is made plain (analytics.text.plain_figure) once, when it is
shared, and an overlay's own marks when they are added: walking the kab/kota map's 514 hover texts again
on every run was 4 ms of each Bandingkan run (issue #18). ui.plotly_chart cleans any other figure itself.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import plotly.graph_objects as go
from plotly.basedatatypes import BaseTraceType

from analytics.text import plain_figure

_LOCK = threading.Lock()


class SharedFigure(go.Figure):
    """A go.Figure that must not be changed after `shared()`; `to_dict()` is computed once, and its texts
    from data are already plain (ui.plotly_chart sends it as it is)."""

    def to_dict(self) -> dict:
        cached = self.__dict__.get("_shared_dict")
        if cached is not None:
            return cached
        with _LOCK:  # two sessions drawing a new figure at once: one makes the dict, the other waits for it
            cached = self.__dict__.get("_shared_dict")
            if cached is None:
                # A map's boundaries are set aside while plotly deep-copies the rest (copying them was a
                # third of the kab/kota map's build), then put back: the figure and its dict share them.
                held = [trace.pop("geojson") if isinstance(trace.get("geojson"), dict) else None
                        for trace in self._data]
                try:
                    cached = super().to_dict()
                finally:
                    for trace, geometry in zip(self._data, held, strict=True):
                        if geometry is not None:
                            trace["geojson"] = geometry
                for trace, geometry in zip(cached.get("data", []), held, strict=True):
                    if geometry is not None:
                        trace["geojson"] = geometry
                self._shared_dict = cached
        return cached


def shared(figure: go.Figure) -> SharedFigure:
    """Mark a freshly built figure as shared (no copy is made: build it, pass it here, never change it); its
    texts from data are made plain here, once for every session that draws it."""
    plain_figure(figure)
    figure.__class__ = SharedFigure
    figure.__dict__.pop("_shared_dict", None)
    return figure


class Overlay(SharedFigure):
    """A shared figure with a few marks drawn over it, read only through `to_dict()` (as st.plotly_chart
    and plotly.io.to_json read a figure). Its traces and layout are the dict's own parts, so
    `analytics.text.plain_figure` cleans exactly what is sent; its `data` and `layout` are not kept."""

    @property
    def data(self):  # type: ignore[override]
        raise TypeError("an overlay is read through to_dict()")

    @property
    def layout(self):  # type: ignore[override]
        raise TypeError("an overlay is read through to_dict()")


def overlay(base: SharedFigure, traces: Sequence[BaseTraceType] = (), annotations: Sequence[dict] = ()) -> SharedFigure:
    """`base` with `traces` drawn over it and `annotations` added to its layout, as if added with
    `add_trace` and `add_annotation`; the base's traces and layout are shared, not copied, and the
    base is not changed. No marks: the base itself. The marks' texts from data are made plain (the base's
    already are)."""
    if not traces and not annotations:
        return base
    drawn = base.to_dict()
    extra = [trace.to_plotly_json() for trace in traces]
    notes = [dict(a) for a in annotations]
    plain_figure({"data": extra, "layout": {"annotations": notes}})
    layout = drawn["layout"]
    if notes:
        layout = {**layout, "annotations": [*layout.get("annotations", ()), *notes]}
    combined = object.__new__(Overlay)
    combined.__dict__["_data"] = [*drawn["data"], *extra]
    combined.__dict__["_layout"] = layout
    combined.__dict__["_shared_dict"] = {"data": combined.__dict__["_data"], "layout": layout}
    return combined
