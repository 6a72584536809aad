"""Choropleth maps of one indicator (kab/kota or provinces), drawn offline, plus their bar-chart twin.

The map is plotly's `geo` layout (an SVG choropleth over our own boundaries), because the browser
fits a geo view's longitude and latitude ranges into whatever width the chart gets: the whole
country or province and every legend class show at 390 px and at 1366 px without the server
knowing the screen (the tile map's zoom had to be guessed from the User-Agent). The geo layout
loads a base-map topojson before it draws; plotly is pointed at an empty one inside the chart's
config (TOPOJSON_URL, a data: URL), so nothing is fetched from a CDN and a closed network works.
Geometry comes from data/geo, is read once per process, and is thinned to about 2 km
(radial-distance thinning, specks dropped) so a redraw sends little.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analytics import fmt, paths
from analytics.catalog import Measure
from analytics.figures import charts

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
OTHER_BAR = "#b8b8b8"  # every bar but the selected region's
# A margin around the drawn regions, in degrees, so border lines are not cut by the frame.
MAP_PAD_DEG = 0.15
# The base map plotly's geo layout loads before drawing (its coastlines and countries, none shown
# here): an empty topology, handed over as a data: URL. Plotly appends "/<scope>_<resolution>m.json";
# after the "#" that is a fragment, which a data: URL ignores.
EMPTY_TOPOLOGY = {"type": "Topology", "objects": {}, "arcs": []}
TOPOJSON_URL = "data:application/json," + quote(json.dumps(EMPTY_TOPOLOGY, separators=(",", ":"))) + "#"
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


def _signed_area(ring: list) -> float:
    """Shoelace area in degrees² (longitude as x, latitude as y): positive when counter-clockwise."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0, *_), (x1, y1, *_) in zip(ring, ring[1:], strict=False)) / 2


def wind_for_d3(polygon: list) -> list:
    """Outer ring clockwise, holes counter-clockwise: the winding plotly's geo layout (d3-geo) reads as
    "inside". GeoJSON (RFC 7946) winds the other way, which d3 draws as the whole globe minus the region."""
    return [ring if (_signed_area(ring) < 0) == (i == 0) else ring[::-1] for i, ring in enumerate(polygon)]


def thin_geometry(geometry: dict, tolerance: float) -> dict:
    """Thin a (Multi)Polygon to about `tolerance` degrees; polygons smaller than that are dropped; rings are
    wound for d3 (wind_for_d3).

    If every polygon of a region would collapse (a tiny island region), the largest is kept
    at the original coordinates so no region disappears from the map.
    """
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    thinned = [p for p in (_thin_polygon(poly, tolerance) for poly in polygons) if p]
    if not thinned:
        thinned = [max(polygons, key=lambda poly: len(poly[0]))]
    return {"type": "MultiPolygon", "coordinates": [wind_for_d3(p) for p in thinned]}


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


# Each geometry's box, by the geometry's identity (a loaded layer is kept and only read: every map of it
# asks for the same boxes). Entry: (the geometry itself, so its id cannot be reused while kept, its box).
_BOXES: dict[int, tuple[dict, tuple[float, float, float, float] | None]] = {}
_BOXES_KEPT = 4096


def _box(geometry: dict) -> tuple[float, float, float, float] | None:
    kept = _BOXES.get(id(geometry))
    if kept is not None and kept[0] is geometry:
        return kept[1]
    lons = [lon for polygon in geometry["coordinates"] for lon, _lat in polygon[0]]
    lats = [lat for polygon in geometry["coordinates"] for _lon, lat in polygon[0]]
    box = (min(lons), min(lats), max(lons), max(lats)) if lons else None
    if len(_BOXES) >= _BOXES_KEPT:
        _BOXES.clear()
    _BOXES[id(geometry)] = (geometry, box)
    return box


def bounds(geojson: dict) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) of a FeatureCollection's outer rings, None when empty. Each geometry's
    box is worked out once (the kab/kota layer's 49 thousand points were 8 ms of every new map, issue #18)."""
    boxes = [box for box in (_box(feature["geometry"]) for feature in geojson["features"]) if box is not None]
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def geo_ranges(box: tuple[float, float, float, float], pad: float = MAP_PAD_DEG) -> dict[str, list[float]]:
    """Longitude and latitude ranges of the geo view: the box with a small margin. Plotly fits them
    into the chart's plot area at whatever width the browser gives it."""
    west, south, east, north = box
    return {"lon": [round(west - pad, 3), round(east + pad, 3)], "lat": [round(south - pad, 3), round(north + pad, 3)]}


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


def _valued_trace(with_data: pd.DataFrame, classes, colours: list[str], n_classes: int,
                  measure: Measure, lang: str, labels: MapLabels) -> go.Choropleth:
    """The regions with a value, coloured by class, with a stepped legend under the map."""
    z = classes.index.reindex(with_data.index).astype(int)
    # A stepped colour scale: class i occupies [i/n, (i+1)/n] of the scale.
    scale = []
    for i, colour in enumerate(colours):
        scale += [[i / n_classes, colour], [(i + 1) / n_classes, colour]]
    ticks = [fmt.number(b, measure.decimals, lang) for b in classes.breaks]
    value_text = [fmt.value(v, measure, lang) for v in with_data["value"]]
    rank_text = [f"{labels.rank_word} {int(r)}/{int(n)}" if pd.notna(r) else ""
                 for r, n in zip(with_data["rank"], with_data["n"], strict=True)]
    return go.Choropleth(
        locations=list(with_data.index), featureidkey="properties.kode_bps", z=z.tolist(), zmin=-0.5, zmax=n_classes - 0.5,
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
    )


def _no_data_trace(without: pd.DataFrame, labels: MapLabels) -> go.Choropleth:
    """The regions without a value: grey, saying so on hover."""
    return go.Choropleth(
        locations=list(without.index), featureidkey="properties.kode_bps", z=[0] * len(without),
        colorscale=[[0, NO_DATA_COLOUR], [1, NO_DATA_COLOUR]], showscale=False,
        marker={"line": {"width": 0.6, "color": "#8c8c8c"}},
        customdata=list(zip(without.index, without["name"], [labels.no_data] * len(without), strict=True)),
        hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[2]}<extra></extra>", name="",
    )


def _selected_trace(selected: str) -> go.Choropleth:
    """The selected region outlined on top: a transparent choropleth with a thick black border."""
    return go.Choropleth(
        locations=[selected], featureidkey="properties.kode_bps", z=[0],
        colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]], showscale=False, hoverinfo="skip",
        marker={"line": {"width": 2.5, "color": SELECTED_OUTLINE}}, name="selected",
    )


def outline_trace(selected: str, geojson: dict) -> go.Choropleth:
    """The selected region's outline with its boundary from `geojson`, to draw over a map of every region
    (the pages share one map per view and draw each participant's region over it)."""
    return _selected_trace(selected).update(geojson=subset(geojson, {selected}))


def _add_map_trace(fig: go.Figure, trace: go.Choropleth, geojson: dict) -> None:
    """Add a map trace and then give it its boundaries, by reference. plotly deep-copies a trace it adds:
    for the kab/kota boundaries that was 0.4 s and 5.5 MB per map, of features every map shares (the
    layer is loaded once and only read). The figure is the same as with `geojson=` in the trace."""
    fig.add_trace(trace)
    fig.data[-1].geojson = geojson


def choropleth_figure(frame: pd.DataFrame, geojson: dict, measure: Measure, lang: str, labels: MapLabels, *,
                      method: str = "quantile", selected: str | None = None,
                      focus: set[str] | None = None, source: str = "") -> go.Figure:
    """`frame`: region_code, name, value (NaN = no data), rank, n, source_label — one row per drawn region.

    Regions without a value are grey and say "tidak ada data" on hover. The selected region
    is outlined; the view is fitted to `focus` (e.g. one province) or to all regions, by the browser,
    at any width. Draw it with `config=plotly_config(...)` (charts) and `topojsonURL=TOPOJSON_URL`.
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
        _add_map_trace(fig, _valued_trace(with_data, classes, colours, n_classes, measure, lang, labels),
                       subset(drawn, set(with_data.index)))
    without = frame[~has_value]
    if not without.empty:
        _add_map_trace(fig, _no_data_trace(without, labels), subset(drawn, set(without.index)))
    if selected and selected in codes:
        _add_map_trace(fig, _selected_trace(selected), subset(drawn, {selected}))
    box = bounds(subset(drawn, focus) if focus else drawn) or (94.5, -11.5, 141.5, 6.5)
    ranges = geo_ranges(box)
    charts.base_layout(fig, title=labels.title, subtitle=labels.subtitle, y_title="", lang=lang, height=480)
    fig.update_layout(
        geo={"visible": False, "projection": {"type": "mercator"}, "fitbounds": False, "bgcolor": "#ffffff",
             "lonaxis": {"range": ranges["lon"]}, "lataxis": {"range": ranges["lat"]},
             "domain": {"x": [0, 1], "y": [0, 1]}},
        margin={"l": 0, "r": 0, "b": 70}, dragmode="pan", clickmode="event+select")
    return charts.add_source(fig, source)


def _bar_rows(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.dropna(subset=["value"]).sort_values(["rank", "region_code"])


def _bar_trace(data: pd.DataFrame, measure: Measure, lang: str, labels: MapLabels, colour: str,
               horizontal: bool, *, hover: bool) -> go.Bar:
    value_text = [fmt.value(v, measure, lang) for v in data["value"]]
    rank_text = [f"{labels.rank_word} {int(r)}/{int(n)}" for r, n in zip(data["rank"], data["n"], strict=True)]
    custom = list(zip(data["region_code"], data["name"], value_text, rank_text, data["source_label"], strict=True))
    template = ("<b>%{customdata[1]}</b><br>%{customdata[2]}<br>%{customdata[3]}"
                "<br><i>%{customdata[4]}</i><extra></extra>")
    # The selected region's bar is drawn again over its grey one (barmode "overlay"), without hover of its
    # own: hovering or clicking it reads the grey bar beneath, the same as any other.
    options = {"customdata": custom, "hovertemplate": template} if hover else {"hoverinfo": "skip"}
    if horizontal:
        return go.Bar(y=data["name"].tolist(), x=data["value"].tolist(), orientation="h", marker={"color": colour},
                      text=value_text, textposition="auto", **options)
    return go.Bar(x=data["name"].tolist(), y=data["value"].tolist(), marker={"color": colour}, **options)


def selected_bar(frame: pd.DataFrame, measure: Measure, lang: str, labels: MapLabels, selected: str | None, *,
                 horizontal: bool = False) -> go.Bar | None:
    """The selected region's bar in the accent colour, to draw over `bar_figure(frame, ...)`; None when it
    has no bar there."""
    data = _bar_rows(frame)
    mine = data[data["region_code"] == selected] if selected else data.iloc[0:0]
    if mine.empty:
        return None
    return _bar_trace(mine, measure, lang, labels, charts.palette()[0], horizontal, hover=False)


def bar_figure(frame: pd.DataFrame, measure: Measure, lang: str, labels: MapLabels, *,
               selected: str | None = None, horizontal: bool = False, source: str = "") -> go.Figure:
    """The same values as a sorted bar chart (best first), the selected region in the accent colour.

    `frame`: region_code, name, value, rank, n, source_label; rows without a value are left out.
    """
    data = _bar_rows(frame)
    fig = go.Figure(_bar_trace(data, measure, lang, labels, OTHER_BAR, horizontal, hover=True))
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
    fig.update_layout(showlegend=False, barmode="overlay")
    mark = selected_bar(frame, measure, lang, labels, selected, horizontal=horizontal)
    if mark is not None:
        fig.add_trace(mark)
    return charts.add_source(fig, source, xshift=-(fig.layout.margin.l or 0) + 10 if horizontal else 0)
