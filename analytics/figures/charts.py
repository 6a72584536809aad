"""The one chart theme and the plotly figures the pages draw.

Colours come from .streamlit/config.toml (chartCategoricalColors) so the palette
is set in one place; the region in focus is always the first colour, its
province the second, the nation black-grey.
"""

from __future__ import annotations

import math
import textwrap
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analytics import fmt, paths
from analytics.catalog import EXTENSIVE_UNITS, Catalog, Measure
from analytics.contract import MONTHS
from analytics.domain import provenance
from analytics.i18n import period_label, t

# Used only if config.toml is missing: the same Okabe–Ito colours.
FALLBACK_PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
NATION_COLOUR = "#555555"
FONT = "sans-serif"
# Dash pattern per period, so March and September lines stay distinguishable in print too.
PERIOD_DASH = {"march": "solid", "september": "dot", "august": "solid", "annual": "solid"}
PERIOD_SYMBOL = {"march": "circle", "september": "diamond-open", "august": "square", "annual": "circle"}
# Counts (people, houses, rupiah) grow with a region's size; rates and indices do not. Two count series
# whose typical values differ by more than this factor are not put on one linear axis: at 10× the
# smaller series fills under a tenth of the plot height (about 25 px of a 250-px phone chart), so its
# year-to-year changes of a few percent move by less than a pixel and it reads as a flat line at zero.
SCALE_FACTOR = 10.0
# The source line under every chart (and in its PNG/SVG): small grey text, wrapped so a phone keeps it.
SOURCE_FONT_SIZE = 10
# Line lengths (characters) that fit a phone's 360-px chart: the source line (10 px), the subtitle
# (12 px) and the title (15 px bold). Plotly does not wrap text itself; a longer line is cut off.
# 10-px source text at up to ~5.3 px a character: 56 fit a chart inside a bordered box on a 390-px
# phone (about 326 px wide); 62 ran past the glide chart's right edge there.
SOURCE_WRAP = 56
SUBTITLE_WRAP = 58
TITLE_WRAP = 46
SOURCE_NAME = "source_line"
TOOLBAR_STRIP = 34  # plotly's toolbar is about 26 px tall, 2 px below the top; a few px to spare
# The legend under the plot: laid out for a phone, where it wraps the most. plotly wraps a horizontal
# legend at the plot area's width (not the figure's): on a 390-px phone a chart in a bordered box is
# about 326 px wide, less its 10-px side margins and the y labels (left_labels_px). Measured in
# Chromium: with 330 px assumed, five entries took five rows where three were reserved and the last
# two sat on the source line.
PHONE_FIGURE_PX = 306
LEGEND_WIDTH_PX = 330
LEGEND_SYMBOL_PX = 50
LEGEND_CHAR_PX = 6.8
LEGEND_ROW_PX = 29  # measured in Chromium: a 12-px legend row is 29 px tall
TICKS_PX = 40
LABEL_CHAR_PX = 6.0  # a 12-px tick label character, rounded down so the estimate never overshoots
# Height of one panel of a small-multiple chart, and the room for title, subtitle, legend and source.
PANEL_HEIGHT = 170
FRAME_HEIGHT = 200


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


PLOTLY_KEYS = ("download_png", "download_png_old", "download", "zoom", "pan", "box_select", "lasso_select", "zoom_in", "zoom_out",
               "autoscale", "reset_axes", "reset_view", "reset", "spikes", "closest", "compare", "produced",
               "double_click", "snapshot_ok", "snapshot_wait", "snapshot_error", "fullscreen")
# Month and day names for plotly's date formats (Indonesian); numbers use the layout's separators.
ID_DAYS = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"]


def plotly_locale(lang: str) -> dict | None:
    """plotly.js speaks the interface language: a locale passed in the chart's config (no script to load,
    so it works offline). None for English, plotly's own language."""
    if lang != "id":
        return None
    dictionary = {t(f"plotly.{key}", "en"): t(f"plotly.{key}", "id") for key in PLOTLY_KEYS}
    months = [period_label(month, "id") for month in MONTHS]
    return {"id": {"dictionary": dictionary, "format": {
        "days": ID_DAYS, "shortDays": [d[:3] for d in ID_DAYS], "months": months,
        "shortMonths": [m[:3] for m in months], "decimal": ",", "thousands": ".", "date": "%d/%m/%Y"}}}


# The image the toolbar's camera button downloads: PNG (for slides and documents) or SVG (vector, for print).
IMAGE_FORMATS = ("png", "svg")


def image_options(image_format: str = "png", filename: str = "grafik") -> dict:
    """plotly's toImageButtonOptions: the one export path for both formats. Plotly draws the file from the
    figure itself, so the title, subtitle, legend and the source line (add_source) are in it; a PNG at
    twice the screen's resolution, an SVG at the chart's size on screen."""
    if image_format not in IMAGE_FORMATS:
        raise ValueError(f"image format {image_format!r} is not one of {IMAGE_FORMATS}")
    return {"format": image_format, "filename": filename, **({"scale": 2} if image_format == "png" else {})}


def plotly_config(lang: str, *, filename: str = "grafik", image_format: str = "png", **extra: object) -> dict:
    """The config every chart is drawn with: the interface language, no plotly logo, a short toolbar
    (zoom and selection buttons removed: the image download and reset stay) and the image download."""
    config: dict = {
        "displaylogo": False,
        "locale": lang,
        "toImageButtonOptions": image_options(image_format, filename),
        "modeBarButtonsToRemove": ["zoom2d", "pan2d", "select2d", "lasso2d", "zoomIn2d", "zoomOut2d",
                                   "autoScale2d", "toggleSpikelines", "hoverClosestCartesian",
                                   "hoverCompareCartesian"],
    }
    locale = plotly_locale(lang)
    if locale:
        config["locales"] = locale
    config.update(extra)
    return config


def wrap(text: str, width: int = SOURCE_WRAP) -> str:
    """Break a line of chart text at spaces so it fits a phone (existing <br> breaks are kept)."""
    if not text:
        return text
    return "<br>".join("<br>".join(textwrap.wrap(part, width)) or part for part in text.split("<br>"))


def source_text(source_ids: Iterable[str], catalog: Catalog, lang: str, *, made: date | None = None,
                link: str = "", uploads: Iterable[str] = ()) -> str:
    """The line every chart carries: "Sumber: Badan Pusat Statistik (BPS), Persentase … · Dasbor
    Kemiskinan, dibuat 29-11-2026" (and the view's link when given), so an exported image is citable."""
    labels = []
    for source_id in sorted({s for s in source_ids if isinstance(s, str) and s}):
        source = catalog.sources.get(source_id)
        if source is None:
            labels.append(source_id.removeprefix("upload:"))
        else:
            labels.append(", ".join(p for p in (source.publisher, provenance.source_title(source, lang)) if p))
    # Staff uploads as such ("diunggah petugas, revisi 3, 29 Nov 2026"), never under a citation.
    labels += list(dict.fromkeys(u for u in uploads if u))
    stamp = t("chart.made", lang, date=(made or date.today()).strftime("%d-%m-%Y"))
    parts = [t("chart.source", lang, sources="; ".join(labels))] if labels else []
    parts.append(stamp + (f" · {link}" if link else ""))
    return " · ".join(parts)


def rows_source_text(rows: pd.DataFrame, catalog: Catalog, lang: str, stamps: dict | None, *,
                     also: Iterable[str] = (), made: date | None = None, link: str = "") -> str:
    """The source line of a figure drawn from `rows` (store rows with `rev_from`): the catalog sources
    of seeded values and each staff upload as such (analytics.domain.provenance), plus `also` (e.g. the
    sources of targets drawn beside the rows). Without revision stamps every row is cited."""
    if stamps is None:
        return source_text([*rows["source"], *also], catalog, lang, made=made, link=link)
    return source_text([*provenance.cited_sources(rows, stamps), *also], catalog, lang, made=made, link=link,
                       uploads=provenance.upload_notes(rows, stamps, lang))


def legend_names(fig: go.Figure) -> list[str]:
    """The entries the legend shows (none when the layout hides it)."""
    if fig.layout.showlegend is False:
        return []
    names = []
    for trace in fig.data:
        shown = trace.showlegend
        if shown is False or (shown is None and trace.type not in ("scatter", "bar")):
            continue
        names.append(str(trace.name or ""))
    # plotly.js shows a legend by default for two entries or more, and also for one entry whose trace
    # says showlegend=True itself (the trend chart sets it on each region's first trace): a one-line
    # Kemiskinan chart drew its one entry over the source line, with no row reserved for it.
    explicit = any(trace.showlegend is True for trace in fig.data)
    return names if len(names) > 1 or fig.layout.showlegend or explicit else []


def legend_rows(names: list[str], width_px: int = LEGEND_WIDTH_PX) -> int:
    """Rows a horizontal legend takes on a phone: entries (symbol + text) packed into `width_px`; an
    entry written on two lines (a <br> in its name) makes its row two rows tall."""
    rows, used, tallest = 0, width_px, 0
    for name in names:
        lines = name.split("<br>")
        entry = LEGEND_SYMBOL_PX + LEGEND_CHAR_PX * max(len(line) for line in lines)
        if used + entry > width_px:
            rows, used, tallest = rows + tallest, 0, 0
        used += entry
        tallest = max(tallest, len(lines))
    return rows + tallest


def phone_legend_width(fig: go.Figure) -> int:
    """The width plotly wraps the legend at on a phone: the plot area, not the figure."""
    return max(PHONE_FIGURE_PX - left_labels_px(fig), 150)


def left_labels_px(fig: go.Figure) -> int:
    """A cautious estimate of the width of the y tick labels and axis title left of the plot area, so the
    source line and legend can start near the figure's left edge (plotly sizes that margin itself)."""
    axis = fig.layout.yaxis
    if axis.ticktext:
        chars = max(len(str(text)) for text in axis.ticktext)
    else:
        values = [abs(float(v)) for tr in fig.data if getattr(tr, "yaxis", "y") in (None, "y")
                  and getattr(tr, "orientation", None) != "h" for v in (getattr(tr, "y", None) or ())
                  if isinstance(v, (int, float)) and not fmt.is_missing(v)]
        if not values:
            return 0
        largest = max(values)
        chars = len(f"{largest:,.0f}") + (2 if largest < 10 else 0) + 1
    title = 18 if axis.title and axis.title.text else 0
    return int(chars * LABEL_CHAR_PX + title)


def _merged(current: dict, changes: dict) -> dict:
    out = dict(current)
    for key, value in changes.items():
        out[key] = _merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def relayout(fig: go.Figure, **changes: object) -> go.Figure:
    """`fig.update_layout(**changes)` for plain values and nested dicts of them (no "a_b" shorthand, no list
    of annotations or shapes to update), the layout made anew as plotly makes a new figure's: the same
    layout, 2 ms instead of 8-9 ms for the charts' base layout (plotly's update path parses every key's
    path again; issue #18). The figure keeps plotly's default template, as every figure here does."""
    current = fig.layout.to_plotly_json()
    current.pop("template", None)
    fig.layout = _merged(current, changes)
    return fig


def add_source(fig: go.Figure, text: str, *, xshift: int | None = None) -> go.Figure:
    """Write the source line into the figure itself, at its bottom edge under the legend, so the plotly
    PNG/SVG download carries it. The bottom margin holds, from the top: the x tick labels, the legend
    (as many rows as it takes on a phone) and the (wrapped) source line; the figure grows by as much."""
    if not text:
        return fig
    wrapped = wrap(text)
    source_px = (wrapped.count("<br>") + 1) * (SOURCE_FONT_SIZE + 4) + 8
    rows = legend_rows(legend_names(fig), phone_legend_width(fig))
    legend_px = LEGEND_ROW_PX * rows + (6 if rows else 0)
    old_bottom = fig.layout.margin.b or 0
    bottom = max(old_bottom, TICKS_PX) + legend_px + source_px
    # plotly.js reads a container-anchored legend above the figure's middle as a legend at the top and
    # reserves a top margin for it as well: with legend and source line taking more than half the figure,
    # the plot's height went below zero and plotly drew nothing ("axis scaling" error; the Kemiskinan P1
    # chart with a comparison region was blank). The figure grows until they take at most half of it.
    height = max((fig.layout.height or 380) + (bottom - old_bottom), 2 * (legend_px + source_px) + 2)
    # The legend hangs from just under the tick labels and grows down into its reserved rows, from the
    # figure's left edge (the full width of a phone).
    relayout(fig, margin={"b": bottom}, height=height,
             legend={"yref": "container", "y": (legend_px + source_px) / height, "yanchor": "top",
                     "orientation": "h", "xref": "container", "x": 0, "xanchor": "left"})
    if xshift is None:
        xshift = -left_labels_px(fig)
    # yshift in pixels from the plot area's bottom edge: the line's top sits `source_px` above the
    # figure's bottom edge.
    fig.add_annotation(text=wrapped, name=SOURCE_NAME, xref="paper", yref="paper", x=0, y=0, xanchor="left",
                       yanchor="top", yshift=-(bottom - source_px), xshift=xshift, showarrow=False, align="left",
                       font={"size": SOURCE_FONT_SIZE, "color": "#666666"})
    return fig


def base_layout(fig: go.Figure, *, title: str, y_title: str, lang: str, subtitle: str = "",
                height: int = 380) -> go.Figure:
    # The bottom margin holds the x tick labels; add_source adds the legend's rows and the source line.
    bottom = TICKS_PX
    # The top margin holds the toolbar strip, the (wrapped) title and subtitle: counted here rather than
    # left to plotly's automargin, which let a two-line map title rise over the toolbar strip.
    title_text, subtitle_text = wrap(title, TITLE_WRAP), wrap(subtitle, SUBTITLE_WRAP)
    top = (TOOLBAR_STRIP + 20 * (title_text.count("<br>") + 1)
           + (15 * (subtitle_text.count("<br>") + 1) + 8 if subtitle_text else 0) + 14)
    relayout(
        fig,
        # Decimal comma and thousands dot in Indonesian, as in the text around the chart.
        separators=",." if lang == "id" else ".,",
        # Title on its own line and the subtitle below it, so neither is cut on a phone.
        # The title starts below a strip of TOOLBAR_STRIP px kept free for plotly's toolbar (top right),
        # so the toolbar never sits on the title, on a phone or on a desktop.
        title={"text": title_text, "subtitle": {"text": subtitle_text}, "x": 0, "xanchor": "left", "yref": "container",
               "y": 1, "yanchor": "top", "pad": {"t": TOOLBAR_STRIP}, "font": {"size": 15}, "automargin": True},
        height=height,
        margin={"l": 10, "r": 10, "t": top, "b": bottom},
        font={"family": FONT},
        legend={"orientation": "h", "yanchor": "bottom", "y": 0.01, "yref": "container", "xanchor": "left", "x": 0},
        hovermode="closest",
        plot_bgcolor="white",
        yaxis={"title": {"text": y_title}, "gridcolor": "#e5e5e5", "zeroline": False},
        # Whole years only; plotly thins the labels itself on a narrow (phone) screen.
        xaxis={"gridcolor": "#f0f0f0", "tickformat": "d"},
    )
    return fig


def year_span(lines: Iterable[Line]) -> list[int]:
    """Every year from the first to the last observation of any line: the x positions of all traces, so a
    year without a value is a null in every trace and plotly breaks the line there."""
    years = [int(y) for line in lines for y in line.frame["year"]]
    return list(range(min(years), max(years) + 1)) if years else []


def magnitude(line: Line) -> float | None:
    """A line's typical size (median absolute value), None without values."""
    values = pd.to_numeric(line.frame["value"], errors="coerce").dropna().abs()
    return float(values.median()) if len(values) else None


def magnitude_ratio(lines: Iterable[Line]) -> float:
    """Largest over smallest typical size among the distinct series (labels); 1 when under two."""
    sizes: dict[str, float] = {}
    for line in lines:
        size = magnitude(line)
        if size is not None:
            sizes[line.label] = max(size, sizes.get(line.label, 0.0))
    positive = [v for v in sizes.values() if v > 0]
    if len(positive) < 2:
        return 1.0
    return max(positive) / min(positive)


def needs_panels(lines: Iterable[Line], measure: Measure) -> bool:
    """Counts of regions of very different size: one panel per region instead of one shared axis."""
    lines = list(lines)
    return measure.unit in EXTENSIVE_UNITS and magnitude_ratio(lines) > SCALE_FACTOR


def _nice_step(span: float, count: int = 4) -> float:
    raw = span / max(count, 1)
    if raw <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def people_ticks(values: Iterable[float], measure: Measure, lang: str) -> tuple[list[float], list[str]] | None:
    """Ticks for a people count in natural words ("24 juta", "124,8 ribu"); None for other units."""
    if measure.unit not in ("thousand_people", "people"):
        return None
    clean = [float(v) for v in values if not fmt.is_missing(v)]
    if not clean:
        return None
    low, high = min(clean), max(clean)
    if high == low:
        low, high = low * 0.9, high * 1.1 if high else 1.0
    step = _nice_step(high - low)
    first = math.floor(low / step) * step
    ticks = list(np.arange(first, high + step * 0.999, step))
    scale = 1000.0 if measure.unit == "thousand_people" else 1.0
    return [float(v) for v in ticks], [fmt.people(v * scale, lang) for v in ticks]


def apply_people_axis(fig: go.Figure, measure: Measure, lang: str) -> None:
    """Every y-axis of a people count gets natural ticks ("24 juta") and the title "jiwa"/"people"."""
    if measure.unit not in ("thousand_people", "people"):
        return
    by_axis: dict[str, list[float]] = {}
    for trace in fig.data:
        axis = getattr(trace, "yaxis", None) or "y"
        by_axis.setdefault(axis, []).extend(v for v in (trace.y or ()) if v is not None)
    for axis, values in by_axis.items():
        ticks = people_ticks(values, measure, lang)
        if ticks is None:
            continue
        name = "yaxis" if axis == "y" else f"yaxis{axis[1:]}"
        fig.layout[name].update(tickvals=ticks[0], ticktext=ticks[1], tickmode="array")
    fig.update_yaxes(title={"text": ""})
    fig.layout.yaxis.title.text = t("chart.people_axis", lang)


def line_colour(line: Line, colours: tuple[str, ...], peer_colours: dict[str, str]) -> tuple[str, int]:
    if line.role == "region":
        return colours[0], 3
    if line.role == "province":
        return colours[1], 2
    if line.role == "nation":
        return NATION_COLOUR, 2
    # One colour per comparison region, however many pieces (method-break segments) its line has.
    if line.label not in peer_colours:
        peer_colours[line.label] = colours[(2 + len(peer_colours)) % len(colours)]
    return peer_colours[line.label], 2


def _line_trace(line: Line, years: list[int], measure: Measure, lang: str, colour: str, width: int) -> go.Scatter:
    frame = line.frame.drop_duplicates("year").set_index("year").reindex(years)
    values = [None if fmt.is_missing(v) else float(v) for v in frame["value"]]
    text = [fmt.value(v, measure, lang) for v in frame["value"]]
    # A readable citation or upload mark when the page gives one (analytics.domain.provenance).
    sources = frame["source_label" if "source_label" in frame else "source"].fillna("").tolist()
    notes = frame["note"].fillna("").tolist() if "note" in frame else [""] * len(frame)
    name = f"{line.label} ({period_label(line.period, lang)})"
    return go.Scatter(
        x=years, y=values, mode="lines+markers", connectgaps=False, name=name, legendgroup=name,
        line={"color": colour, "width": width, "dash": PERIOD_DASH.get(line.period, "solid")},
        marker={"size": 7, "symbol": PERIOD_SYMBOL.get(line.period, "circle"), "color": colour},
        customdata=list(zip(text, sources, notes, strict=True)),
        hovertemplate=(f"<b>{line.label}</b> %{{x}}<br>%{{customdata[0]}}"
                       "<br><i>%{customdata[1]}</i><br>%{customdata[2]}<extra></extra>"),
    )


def trend_figure(lines: list[Line], measure: Measure, lang: str, *, title: str, subtitle: str = "",
                 break_notes: dict[int, str] | None = None, source: str = "", panels: bool | None = None) -> go.Figure:
    """Line chart over years. Every trace spans the same run of years with a null at each year without a
    value, so a gap is a gap and a lone value is a marker; a region keeps one colour and one legend
    entry across method-break segments; a method break is a dashed rule with a flag.

    Counts of regions of very different size (`needs_panels`) are drawn one panel per region with its
    own y-scale, and the subtitle says so; `panels` forces the choice."""
    colours = palette()
    years = year_span(lines)
    use_panels = needs_panels(lines, measure) if panels is None else panels
    labels = list(dict.fromkeys(line.label for line in lines))
    if use_panels and len(labels) > 1:
        fig = make_subplots(rows=len(labels), cols=1, shared_xaxes=True, vertical_spacing=0.35 / len(labels),
                            subplot_titles=labels)
        for annotation in fig.layout.annotations:
            annotation.update(x=0, xanchor="left", font={"size": 12})
        subtitle = "; ".join(p for p in (subtitle, t("chart.scale.free", lang)) if p)
    else:
        fig = go.Figure()
        use_panels = False
    peer_colours: dict[str, str] = {}
    seen: set[str] = set()
    for line in lines:
        colour, width = line_colour(line, colours, peer_colours)
        trace = _line_trace(line, years, measure, lang, colour, width)
        trace.update(showlegend=trace.name not in seen)
        seen.add(str(trace.name))
        if use_panels:
            fig.add_trace(trace, row=labels.index(line.label) + 1, col=1)
        else:
            fig.add_trace(trace)
    for year, note in (break_notes or {}).items():
        if years and years[0] < year <= years[-1]:
            if use_panels:
                fig.add_vline(x=year - 0.5, line={"color": "#999999", "dash": "dash", "width": 1}, row="all", col=1)
            else:
                fig.add_vline(x=year - 0.5, line={"color": "#999999", "dash": "dash", "width": 1})
            # Over panels the flag sits above the first panel's name (on a phone a flag near the left
            # edge, e.g. the long series' 2008, would cover it).
            fig.add_annotation(x=year - 0.5, y=1, xref="x", yref="paper", text="⚑", showarrow=False,
                               hovertext=note, xanchor="center", yanchor="bottom", yshift=16 if use_panels else 0,
                               font={"size": 13, "color": "#666666"})
    height = FRAME_HEIGHT + PANEL_HEIGHT * len(labels) if use_panels else 380
    base_layout(fig, title=title, subtitle=subtitle, y_title=fmt.axis_label(measure, lang), lang=lang,
                height=height)
    if years:
        # The x-axis spans what the data spans (half a year of room either side), in every panel.
        x_axis = {"range": [years[0] - 0.5, years[-1] + 0.5], "tickformat": "d", "gridcolor": "#f0f0f0"}
        if use_panels:
            fig.update_xaxes(**x_axis)
        else:
            relayout(fig, xaxis=x_axis)
    if use_panels:
        # Each panel is titled with its region; the legend would only repeat the names (the caption
        # under the chart explains the period dashes), and on a phone it would take six rows.
        fig.update_layout(showlegend=False)
        # Room under the subtitle for the first panel's name (subplot titles sit just above each panel).
        fig.update_layout(title={"pad": {"t": TOOLBAR_STRIP, "b": 26}}, margin={"t": fig.layout.margin.t + 26})
        fig.update_yaxes(gridcolor="#e5e5e5", zeroline=False, title={"text": ""})
        fig.layout.yaxis.title.text = fmt.axis_label(measure, lang)
    apply_people_axis(fig, measure, lang)
    add_source(fig, source)
    return fig


def drawn_subtitle(region_label: str, lines: list[Line], lang: str, *,
                   asked_references: Iterable[str] = ()) -> str:
    """Names exactly what is drawn: "Kota Tangerang, Banten dan Indonesia, 1 wilayah pembanding", and says
    in words which region asked for (the region itself, its province, the nation) has no data for the measure."""
    drawn = {line.label for line in lines}
    refs = list(dict.fromkeys(line.label for line in lines if line.role in ("province", "nation")))
    peers = list(dict.fromkeys(line.label for line in lines if line.role == "peer"))
    names = ([region_label] if region_label in drawn else []) + refs
    head = ", ".join(names[:-1]) + t("chart.and", lang) + names[-1] if len(names) > 1 else "".join(names)
    parts = [head] if head else []
    if peers:
        parts.append(t("chart.peers", lang, count=len(peers)))
    text = ", ".join(parts)
    missing = [name for name in [region_label, *asked_references] if name and name not in drawn]
    if missing:
        text = "; ".join(p for p in (text, t("chart.no_data_for", lang, regions=", ".join(missing))) if p)
    return text
