"""Choropleth maps of one indicator (kab/kota or provinces), drawn offline, plus their bar-chart twin.

The map uses plotly's `Choroplethmap` on a blank "white-bg" style: no tiles and no
topojson are fetched, so it works on a closed network (the `geo` layout does not).
Geometry comes from data/geo, is read once per process, and is thinned to about 2 km
(radial-distance thinning, specks dropped) so a redraw sends little.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analytics import charts, fmt, paths
from analytics.catalog import Measure

# Layers and their files (feature property `kode_bps` is the region code in every layer).
LAYERS = {
    "kabkota": paths.KABKOTA_GEOJSON,
    "province34": paths.PROVINCE_34_GEOJSON,
    "province38": paths.PROVINCE_38_GEOJSON,
}
# 0.02° ≈ 2 km: invisible at the zoom of Indonesia, barely visible for one province; it cuts the
# kab/kota layer from 116 to 49 thousand points (1.7 → 0.9 MB of JSON).
MAP_TOLERANCE = 0.02
CLASS_METHODS = ("quantile", "equal")
N_CLASSES = 5
# Sequential colours, light = better: viridis from yellow-green (light) to dark purple.
BETTER_TO_WORSE = ("#fde725", "#5ec962", "#21918c", "#3b528b", "#440154")
# A neutral measure (e.g. the poverty line: neither high nor low is "better"): light to dark blue.
NEUTRAL_SCALE = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")
NO_DATA_COLOUR = "#d9d9d9"
SELECTED_OUTLINE = "#000000"
# Map width in pixels the zoom is fitted to (desktop main column, phone); the height of the plot area.
DESKTOP_WIDTH_PX = 760
PHONE_WIDTH_PX = 320  # a 390-px phone draws the map about 358 px wide; room for Papua's eastern border
MAP_HEIGHT_PX = 330  # 480 px figure minus title and legend margins
# Width of one character of a bar label (12-px font), for the left margin of horizontal bars.
LABEL_CHAR_PX = 6.6


def _thin_ring(ring: list, tolerance: float) -> list:
    """Radial-distance thinning: keep a point only if it is `tolerance` degrees from the last kept one."""
    out: list = [list(ring[0][:2])]
    for lon, lat, *_ in ring[1:-1]:
        if max(abs(lon - out[-1][0]), abs(lat - out[-1][1])) >= tolerance:
            out.append([lon, lat])
    out.append(list(out[0]))
    return out


def _extent(ring: list) -> float:
    lons = [p[0] for p in ring]
    lats = [p[1] for p in ring]
    return max(max(lons) - min(lons), max(lats) - min(lats))


def _thin_polygon(polygon: list, tolerance: float) -> list:
    # Islands and holes smaller than the tolerance vanish at national zoom; drop them.
    if _extent(polygon[0]) < tolerance * 2:
        return []
    rings = [_thin_ring(ring, tolerance) for ring in polygon if _extent(ring) >= tolerance * 2]
    outer, holes = rings[0], [r for r in rings[1:] if len(r) >= 4]
    return [outer, *holes] if len(outer) >= 4 else []


def thin_geometry(geometry: dict, tolerance: float) -> dict:
    """Thin a (Multi)Polygon to about `tolerance` degrees; polygons smaller than that are dropped.

    If every polygon of a region would collapse (a tiny island region), the largest is kept
    at the original coordinates so no region disappears from the map.
    """
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    thinned = [p for p in (_thin_polygon(poly, tolerance) for poly in polygons) if p]
    if not thinned:
        thinned = [max(polygons, key=lambda poly: len(poly[0]))]
    return {"type": "MultiPolygon", "coordinates": thinned}


@lru_cache(maxsize=len(LAYERS))
def load_geojson(layer: str) -> dict:
    """A layer as a FeatureCollection with only `kode_bps` kept, thinned to MAP_TOLERANCE (read once)."""
    with LAYERS[layer].open(encoding="utf-8") as handle:
        raw = json.load(handle)
    features = [
        {"type": "Feature", "id": str(f["properties"]["kode_bps"]),
         "properties": {"kode_bps": str(f["properties"]["kode_bps"])},
         "geometry": thin_geometry(f["geometry"], MAP_TOLERANCE)}
        for f in raw["features"]
    ]
    return {"type": "FeatureCollection", "features": features}


def layer_for(level: str, year: int) -> str:
    """Kab/kota keep their 2020 codes; provinces are drawn in the scheme BPS published for the year."""
    if level == "kabkota":
        return "kabkota"
    return "province38" if year >= 2024 else "province34"


def subset(geojson: dict, codes: set[str]) -> dict:
    return {"type": "FeatureCollection", "features": [f for f in geojson["features"] if f["id"] in codes]}


def bounds(geojson: dict) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) of a FeatureCollection, None when empty."""
    lons, lats = [], []
    for feature in geojson["features"]:
        for polygon in feature["geometry"]["coordinates"]:
            for lon, lat in polygon[0]:
                lons.append(lon)
                lats.append(lat)
    if not lons:
        return None
    return min(lons), min(lats), max(lons), max(lats)


def fit_view(box: tuple[float, float, float, float], width_px: int = DESKTOP_WIDTH_PX,
             height_px: int = MAP_HEIGHT_PX) -> tuple[dict[str, float], float]:
    """Centre and zoom that show the box in a map of width_px × height_px (512-px tiles)."""
    west, south, east, north = box
    span_lon = max(east - west, 0.05)
    span_lat = max(north - south, 0.05)
    zoom_lon = math.log2(width_px * 360 / (512 * span_lon))
    # Near the equator a degree of latitude is about as long as one of longitude.
    zoom_lat = math.log2(height_px * 360 / (512 * span_lat))
    zoom = max(min(zoom_lon, zoom_lat), 1.0)
    return {"lon": (west + east) / 2, "lat": (south + north) / 2}, round(zoom, 2)


@dataclass(frozen=True)
class Classes:
    """Class breaks (ascending, len = classes + 1) and each value's class index."""

    breaks: tuple[float, ...]
    index: pd.Series  # region code → class 0..n-1


def classify(values: pd.Series, method: str, n: int = N_CLASSES) -> Classes:
    """Quantile classes (about equal numbers of regions) or equal-interval classes over the values.

    Repeated quantile breaks (many equal values) are merged, so there may be fewer classes.
    """
    clean = values.dropna().astype(float)
    if clean.empty:
        return Classes((), pd.Series(dtype=int))
    low, high = float(clean.min()), float(clean.max())
    if method == "quantile":
        breaks = np.unique(np.quantile(clean, np.linspace(0, 1, n + 1)))
    else:
        breaks = np.linspace(low, high, n + 1)
    if len(breaks) < 2:
        breaks = np.array([low, high])
    # Class i holds breaks[i] ≤ v < breaks[i+1]; the maximum belongs to the last class.
    index = np.clip(np.searchsorted(breaks, clean.to_numpy(), side="right") - 1, 0, len(breaks) - 2)
    return Classes(tuple(float(b) for b in breaks), pd.Series(index, index=clean.index, dtype=int))


def class_colours(measure: Measure, count: int) -> list[str]:
    scale = NEUTRAL_SCALE if measure.lower_is_better is None else BETTER_TO_WORSE
    if measure.lower_is_better is False:
        scale = tuple(reversed(scale))  # high is better: high values light
    picks = np.linspace(0, len(scale) - 1, count).round().astype(int) if count > 1 else [0]
    return [scale[i] for i in picks]


@dataclass(frozen=True)
class MapLabels:
    title: str
    subtitle: str
    no_data: str
    rank_word: str  # e.g. "peringkat"
    legend_title: str


def choropleth_figure(frame: pd.DataFrame, geojson: dict, measure: Measure, lang: str, labels: MapLabels, *,
                      method: str = "quantile", selected: str | None = None,
                      focus: set[str] | None = None, width_px: int = DESKTOP_WIDTH_PX, source: str = "") -> go.Figure:
    """`frame`: region_code, name, value (NaN = no data), rank, n, source_label — one row per drawn region.

    Regions without a value are grey and say "tidak ada data" on hover. The selected region
    is outlined; the view is fitted to `focus` (e.g. one province) or to all regions.
    """
    frame = frame.set_index("region_code")
    codes = set(frame.index)
    drawn = subset(geojson, codes)
    has_value = frame["value"].notna()
    classes = classify(frame.loc[has_value, "value"], method)
    n_classes = max(len(classes.breaks) - 1, 1)
    colours = class_colours(measure, n_classes)
    fig = go.Figure()
    with_data = frame[has_value]
    if not with_data.empty:
        z = classes.index.reindex(with_data.index).astype(int)
        # A stepped colour scale: class i occupies [i/n, (i+1)/n] of the scale.
        scale = []
        for i, colour in enumerate(colours):
            scale += [[i / n_classes, colour], [(i + 1) / n_classes, colour]]
        ticks = [fmt.number(b, measure.decimals, lang) for b in classes.breaks]
        value_text = [fmt.value(v, measure, lang) for v in with_data["value"]]
        rank_text = [f"{labels.rank_word} {int(r)}/{int(n)}" if pd.notna(r) else ""
                     for r, n in zip(with_data["rank"], with_data["n"], strict=True)]
        fig.add_trace(go.Choroplethmap(
            geojson=subset(drawn, set(with_data.index)), locations=list(with_data.index),
            featureidkey="properties.kode_bps", z=z.tolist(), zmin=-0.5, zmax=n_classes - 0.5,
            colorscale=scale,
            marker={"line": {"width": 0.3, "color": "#ffffff"}},
            customdata=list(zip(with_data.index, with_data["name"], value_text, rank_text,
                                with_data["source_label"], strict=True)),
            hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[2]}<br>%{customdata[3]}"
                          "<br><i>%{customdata[4]}</i><extra></extra>",
            colorbar={"title": {"text": labels.legend_title, "side": "top"},
                      "tickvals": list(range(n_classes)),
                      # "1,90–5,32": short enough that five classes sit side by side on a phone.
                      "ticktext": [f"{ticks[i]}–{ticks[i + 1]}" for i in range(n_classes)],
                      "tickangle": 0, "tickfont": {"size": 10},
                      "orientation": "h", "x": 0, "xanchor": "left", "y": -0.02, "yanchor": "top",
                      "thickness": 12, "len": 1},
            name="",
        ))
    without = frame[~has_value]
    if not without.empty:
        fig.add_trace(go.Choroplethmap(
            geojson=subset(drawn, set(without.index)), locations=list(without.index),
            featureidkey="properties.kode_bps", z=[0] * len(without),
            colorscale=[[0, NO_DATA_COLOUR], [1, NO_DATA_COLOUR]], showscale=False,
            marker={"line": {"width": 0.6, "color": "#8c8c8c"}},
            customdata=list(zip(without.index, without["name"], [labels.no_data] * len(without), strict=True)),
            hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[2]}<extra></extra>", name="",
        ))
    layers = []
    if selected and selected in codes:
        layers.append({"source": subset(drawn, {selected}), "type": "line", "color": SELECTED_OUTLINE,
                       "line": {"width": 3}, "below": ""})
    box = bounds(subset(drawn, focus) if focus else drawn)
    centre, zoom = fit_view(box, width_px) if box else ({"lon": 118.0, "lat": -2.5}, 3.2)
    charts.base_layout(fig, title=labels.title, subtitle=labels.subtitle, y_title="", lang=lang, height=480)
    fig.update_layout(map={"style": "white-bg", "center": centre, "zoom": zoom, "layers": layers},
                      margin={"l": 0, "r": 0, "b": 70}, dragmode="pan", clickmode="event+select")
    return charts.add_source(fig, source)


def bar_figure(frame: pd.DataFrame, measure: Measure, lang: str, labels: MapLabels, *,
               selected: str | None = None, horizontal: bool = False, source: str = "") -> go.Figure:
    """The same values as a sorted bar chart (best first), the selected region in the accent colour.

    `frame`: region_code, name, value, rank, n, source_label; rows without a value are left out.
    """
    colours = charts.palette()
    data = frame.dropna(subset=["value"]).sort_values(["rank", "region_code"])
    bar_colours = [colours[0] if c == selected else "#b8b8b8" for c in data["region_code"]]
    value_text = [fmt.value(v, measure, lang) for v in data["value"]]
    rank_text = [f"{labels.rank_word} {int(r)}/{int(n)}" for r, n in zip(data["rank"], data["n"], strict=True)]
    custom = list(zip(data["region_code"], data["name"], value_text, rank_text, data["source_label"], strict=True))
    template = ("<b>%{customdata[1]}</b><br>%{customdata[2]}<br>%{customdata[3]}"
                "<br><i>%{customdata[4]}</i><extra></extra>")
    if horizontal:
        trace = go.Bar(y=data["name"].tolist(), x=data["value"].tolist(), orientation="h",
                       marker={"color": bar_colours}, customdata=custom, hovertemplate=template,
                       text=value_text, textposition="auto")
    else:
        trace = go.Bar(x=data["name"].tolist(), y=data["value"].tolist(), marker={"color": bar_colours},
                       customdata=custom, hovertemplate=template)
    fig = go.Figure(trace)
    height = max(300, 22 * len(data) + 100) if horizontal else 420
    charts.base_layout(fig, title=labels.title, subtitle=labels.subtitle,
                       y_title="" if horizontal else fmt.axis_label(measure, lang), lang=lang, height=height)
    if horizontal:
        # A fixed left margin as wide as the longest name, so the source line can start at the figure's edge.
        names_px = int(max((len(str(n)) for n in data["name"]), default=10) * LABEL_CHAR_PX) + 12
        fig.update_layout(yaxis={"autorange": "reversed", "title": {"text": ""}, "automargin": False},
                          margin={"l": names_px, "b": 60},  # tick labels and the axis title
                          xaxis={"title": {"text": fmt.axis_label(measure, lang)}, "tickformat": None})
    else:
        fig.update_layout(xaxis={"showticklabels": False, "title": {"text": labels.rank_word}}, bargap=0.1,
                          margin={"b": 50})
    fig.update_layout(showlegend=False)
    return charts.add_source(fig, source, xshift=-(fig.layout.margin.l or 0) + 10 if horizontal else 0)
