"""Figures built once and drawn by every session: their dict is made once, not on every rerun.

st.plotly_chart turns a Figure into the dict it sends with `Figure.to_dict()`, which deep-copies
the whole figure on every call: 0.24–0.58 s for the kab/kota map with its boundaries on the 2-core
development machine, on every rerun of every session, while the GIL is held. A figure held by
st.cache_resource is never changed once built (every session reads the same object), so its dict
can be made once and handed out again.

A map's boundaries are the bulk of it (0.9 MB as JSON, about 5.5 MB as Python objects, held twice: in
the figure and in its dict). Every Bandingkan map of the same layer and the same regions carries the
same boundaries, whichever region is highlighted, so a class of 30 each on their own region held 30
copies. Shared figures hold one copy of each distinct boundary set (kept while any figure uses it).
"""

from __future__ import annotations

import hashlib
import pickle
import threading
import weakref

import plotly.graph_objects as go


class _Geometry(dict):
    """A GeoJSON FeatureCollection held once for every shared figure that draws it (a dict that can be
    weakly referenced: it is dropped when the last figure using it is)."""

    __slots__ = ("__weakref__",)


_GEOMETRIES: weakref.WeakValueDictionary[str, _Geometry] = weakref.WeakValueDictionary()
_LOCK = threading.Lock()


def _one_copy(geojson: dict) -> dict:
    """The held copy of `geojson` (by content: the same regions of another boundary year differ)."""
    # pickle: the same content in the same order gives the same bytes (a deep copy keeps the order), and it
    # is about 2.5× faster than JSON here (23 ms for the kab/kota layer, once per figure built).
    digest = hashlib.blake2b(pickle.dumps(geojson, protocol=5), digest_size=16).hexdigest()
    with _LOCK:
        held = _GEOMETRIES.get(digest)
        if held is None:
            held = _Geometry(geojson)
            _GEOMETRIES[digest] = held
        return held


def _share_geometries(traces: list[dict]) -> None:
    for trace in traces:
        if isinstance(trace.get("geojson"), dict):
            trace["geojson"] = _one_copy(trace["geojson"])


class SharedFigure(go.Figure):
    """A go.Figure that must not be changed after `shared()`; `to_dict()` is computed once."""

    def to_dict(self) -> dict:
        cached = self.__dict__.get("_shared_dict")
        if cached is None:
            cached = super().to_dict()
            for trace, source in zip(cached.get("data", []), self._data, strict=True):
                if isinstance(source.get("geojson"), _Geometry):  # the dict's copy swapped for the held one
                    trace["geojson"] = source["geojson"]
            self._shared_dict = cached
        return cached


def shared(figure: go.Figure) -> SharedFigure:
    """Mark a freshly built figure as shared (no copy is made: build it, pass it here, never change it)."""
    figure.__class__ = SharedFigure
    figure.__dict__.pop("_shared_dict", None)
    _share_geometries(figure._data)
    return figure
