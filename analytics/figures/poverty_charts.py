"""Figures of the poverty page beyond charts.trend_figure: old-method lines, target marker, glide path.

Built on the one chart theme (analytics.figures.charts: palette, base_layout, trend_figure),
so colours, fonts and number separators are the same as on every other page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from analytics.catalog import EXTENSIVE_UNITS, Catalog, Measure
from analytics.contract import PERIODS
from analytics.domain import indicators, provenance
from analytics.domain.narrative import region_label, target_label
from analytics.domain.targets import GlidePath
from analytics.figures import charts
from analytics.i18n import t
from analytics.regions import RegionRegistry

# Palette position (Okabe–Ito in .streamlit/config.toml): vermillion for targets.
TARGET_COLOUR_INDEX = 5
# Up to this many years on the axis, label every year (plotly would otherwise label half-years,
# which the whole-year tick format prints as repeated years).
EVERY_YEAR_UP_TO = 8
# The long kab/kota series offered beside a measure (file 12: P0 and the number of poor 2004–2014,
# the poverty line 2011–2014), drawn apart and cut at their flags.
LONG_SERIES = {"p0": "p0_history", "poor_count": "poor_count_history", "poverty_line": "poverty_line_history"}


def old_method_label(label: str, lang: str) -> str:
    return t("poverty.chart.old_method_line", lang, label=label)


def indicator_figure(lines: list[charts.Line], measure: Measure, lang: str, *, title: str, subtitle: str,
                     break_notes: dict[int, str], old_method_labels: set[str],
                     glide: GlidePath | None = None, source: str = "") -> go.Figure:
    """The explorer chart: trend_figure (one legend entry per series, however many method-break pieces),
    old-method lines drawn open and dotted, and the target as a star."""
    fig = charts.trend_figure(lines, measure, lang, title=title, subtitle=subtitle, break_notes=break_notes)
    style_old_method(fig, old_method_labels)
    if glide is not None:
        add_target_marker(fig, glide, measure, lang)
    label_every_year(fig)
    # The source line last: add_source reserves the legend's rows, and the target's star is one of them
    # (added before it, the star's legend entry sat on the source line on a phone).
    return charts.add_source(fig, source)


def style_old_method(fig: go.Figure, old_method_labels: set[str]) -> None:
    """Old-method lines drawn thin, dotted and with open markers: the values as first published, before
    the method change the catalog's break records."""
    for trace in fig.data:
        if str(trace.name).rsplit(" (", 1)[0] in old_method_labels:
            trace.update(line={"dash": "dot", "width": 1.5}, marker={"symbol": "circle-open", "size": 9})


def trend_lines(rows: pd.DataFrame, registry: RegionRegistry, catalog: Catalog, measure: Measure, lang: str, *,
                stamps: dict | None = None) -> tuple[list[charts.Line], set[str]]:
    """The lines of a region-plus-references trend, from `indicators.trend_rows`: one per region and
    period, in the rows' order, each value labelled with its citation or upload mark (`stamps`). A line
    is never joined across a method break: rows flagged old-method become their own line and the rest
    is cut into segments at the catalog's break years. Returns the lines and the
    labels of the old-method lines. The one builder of the Overview's, Kemiskinan's and Bandingkan's
    side-by-side trends."""
    breaks = measure.break_years()
    lines, old_labels = [], set()
    for code, role in dict.fromkeys(zip(rows["region_code"], rows["role"], strict=True)):
        data = rows[rows["region_code"] == code].drop(columns="role")
        label = region_label(registry, code)
        for period in [p for p in PERIODS if p in set(data["period"])]:
            part = data[data["period"] == period]
            old = part["note"].fillna("").str.lower().str.startswith(indicators.OLD_METHOD_MARKER)
            pieces = [(old_method_label(label, lang), part[old])] if old.any() else []
            old_labels |= {name for name, _ in pieces}
            current = part[~old]
            segment = indicators.comparability_segments(current, breaks)
            pieces += [(label, piece) for _, piece in current.groupby(segment, sort=True)]
            lines += [charts.Line(label=name, role=role, frame=labelled(piece, catalog, stamps, lang), period=period)
                      for name, piece in pieces]
    return lines, old_labels


def labelled(rows: pd.DataFrame, catalog: Catalog, stamps: dict | None, lang: str) -> pd.DataFrame:
    """Rows with their `source_label` (citation, or the staff-upload mark) when the page gives revision stamps."""
    return rows if stamps is None else provenance.with_labels(rows, catalog, stamps, lang)


def source_line(rows: pd.DataFrame, catalog: Catalog, lang: str, stamps: dict | None) -> str:
    """The figure's source line: the catalog sources of seeded values, and each staff upload as such."""
    return charts.rows_source_text(rows, catalog, lang, stamps)


def long_series_lines(obs: pd.DataFrame, registry: RegionRegistry, catalog: Catalog, measure: Measure,
                      codes: list[tuple[str, str]], lang: str, stamps: dict | None = None
                      ) -> tuple[list[charts.Line], set[str], int]:
    """The long series of `measure` (P0 2004–2014) for the regions among `codes` that have it: its own
    label, one line per comparable segment (never joined across a flag or to the 2015–2025 series), and
    how many territory flags cut it."""
    if measure.id not in LONG_SERIES:
        return [], set(), 0
    history = catalog.measure(LONG_SERIES[measure.id])
    lines, labels, flags = [], set(), 0
    for code, role in codes:
        rows = indicators.series(obs, code, history.id).dropna(subset=["value"])
        if rows.empty:
            continue
        rows = labelled(rows, catalog, stamps, lang)
        label = t("poverty.long_series_line", lang, label=region_label(registry, code))
        segment = indicators.comparability_segments(rows, history.break_years())
        flags += int(rows["note"].fillna("").str.startswith(indicators.COMPARABILITY_BREAK).sum())
        for _, piece in rows.groupby(segment, sort=True):
            lines.append(charts.Line(label=label, role=role, frame=piece, period="march"))
        labels.add(label)
    return lines, labels, flags


@dataclass(frozen=True)
class ExplorerLines:
    """What the Kemiskinan explorer draws and lists for one measure and the drawn regions: its lines (values
    labelled with their citation or upload mark), the old-method lines' labels, the rows behind them
    (tables, downloads, source notes), and the long series' labels and territory flags. Read only."""

    lines: tuple[charts.Line, ...]
    old_labels: frozenset[str]
    rows: pd.DataFrame
    long_labels: frozenset[str]
    long_flags: int


@dataclass(frozen=True)
class RegionLines:
    """`explorer_lines` for one region of its `codes`: its trend lines, their old-method labels and rows, and its
    long series' lines, labels, flags and rows (when asked for). Read only."""

    trend: tuple[charts.Line, ...]
    old_labels: frozenset[str]
    rows: pd.DataFrame
    long: tuple[charts.Line, ...]
    long_labels: frozenset[str]
    long_flags: int
    long_rows: pd.DataFrame


def region_lines(obs: pd.DataFrame, registry: RegionRegistry, catalog: Catalog, measure: Measure, code: str,
                 role: str, lang: str, *, stamps: dict | None = None, long: bool = False) -> RegionLines:
    """The explorer's lines and rows of one region in one role (see `explorer_lines`)."""
    trend, old_labels = trend_lines(indicators.trend_rows(obs, [(code, role)], measure.id), registry, catalog,
                                    measure, lang, stamps=stamps)
    rows = indicators.series(obs, code, measure.id)
    long_lines: list[charts.Line] = []
    long_labels: set[str] = set()
    long_flags, long_rows = 0, rows.iloc[0:0]
    if long and measure.id in LONG_SERIES:
        long_lines, long_labels, long_flags = long_series_lines(obs, registry, catalog, measure, [(code, role)], lang,
                                                                stamps)
        long_rows = indicators.series(obs, code, LONG_SERIES[measure.id])
    return RegionLines(tuple(trend), frozenset(old_labels), rows, tuple(long_lines), frozenset(long_labels),
                       long_flags, long_rows)


def explorer_lines(obs: pd.DataFrame, registry: RegionRegistry, catalog: Catalog, measure: Measure,
                   codes: list[tuple[str, str]], lang: str, *, stamps: dict | None = None,
                   long: bool = False, part: Callable[[str, str], RegionLines] | None = None) -> ExplorerLines:
    """The explorer's lines and rows for `codes` (indicators.trend_roles); `long` adds the measure's long
    series (LONG_SERIES). `part(code, role)`, when given, is `region_lines` of one of them with the same
    arguments, kept by the caller: a province's lines and the nation's are the same for every kab/kota that
    draws them (two thirds of the lines of a region first seen). The result is the same either way (the
    trend lines, then the long series' lines, each in the order of `codes`)."""
    if part is not None and len({code for code, _ in codes}) == len(codes):
        parts = [part(code, role) for code, role in codes]
        rows = pd.concat([p.rows for p in parts], ignore_index=True)
        if long and measure.id in LONG_SERIES:
            rows = pd.concat([p.long_rows for p in parts] + [rows], ignore_index=True)
        return ExplorerLines(tuple(line for p in parts for line in p.trend) + tuple(line for p in parts for line in p.long),
                             frozenset().union(*(p.old_labels for p in parts)), rows,
                             frozenset().union(*(p.long_labels for p in parts)), sum(p.long_flags for p in parts))
    lines, old_labels = trend_lines(indicators.trend_rows(obs, codes, measure.id), registry, catalog, measure, lang,
                                    stamps=stamps)
    rows = pd.concat([indicators.series(obs, c, measure.id) for c, _ in codes], ignore_index=True)
    long_labels: set[str] = set()
    long_flags = 0
    if long and measure.id in LONG_SERIES:
        long_lines, long_labels, long_flags = long_series_lines(obs, registry, catalog, measure, codes, lang, stamps)
        lines += long_lines
        rows = pd.concat([indicators.series(obs, c, LONG_SERIES[measure.id]) for c, _ in codes] + [rows],
                         ignore_index=True)
    return ExplorerLines(tuple(lines), frozenset(old_labels), rows, frozenset(long_labels), long_flags)


def explorer_chart(explored: ExplorerLines, codes: list[tuple[str, str]], registry: RegionRegistry, catalog: Catalog,
                   measure: Measure, region_code: str, lang: str, *, glide: GlidePath | None = None,
                   stamps: dict | None = None) -> go.Figure | None:
    """The explorer chart of lines already made by `explorer_lines` for the same `codes` (the page makes
    them once for its chart, table and notes)."""
    if explored.rows.dropna(subset=["value"]).empty:
        return None
    lines = list(explored.lines)
    # Every region asked for and not drawn (a reference or a comparison region without data) is named.
    asked = [region_label(registry, c) for c, role in codes if role != "region"]
    subtitle = charts.drawn_subtitle(region_label(registry, region_code), lines, lang, asked_references=asked)
    breaks = {n.year: n.text.get(lang) for n in measure.method_notes if n.year is not None}
    if explored.long_labels:
        # The long series' own break (Susenas 2007→2008) is a rule and a flag too, not only a cut line.
        history = catalog.measure(LONG_SERIES[measure.id])
        breaks |= {n.year: f"{history.short.get(lang)}: {n.text.get(lang)}" for n in history.method_notes
                   if n.year is not None and n.year not in breaks}
    fig = indicator_figure(lines, measure, lang, title=measure.name.get(lang), subtitle=subtitle,
                           break_notes=breaks, old_method_labels=set(explored.old_labels), glide=glide,
                           source=source_line(explored.rows, catalog, lang, stamps))
    for trace in fig.data:
        # The long series: dash-dot (dotted is September on this chart), small open markers.
        if str(trace.name).rsplit(" (", 1)[0] in explored.long_labels:
            trace.update(line={"dash": "dashdot", "width": 1.5}, marker={"symbol": "circle-open", "size": 7})
    return fig


def explorer_figure(obs: pd.DataFrame, registry: RegionRegistry, catalog: Catalog, measure: Measure,
                    region_code: str, lang: str, *, references: bool, compare: list[str],
                    glide: GlidePath | None = None, stamps: dict | None = None,
                    long: bool = False) -> go.Figure | None:
    """The poverty page's chart for one measure, as the page draws it (None when nothing has data).
    `stamps` (revision id → analytics.domain.provenance.RevisionStamp) puts each value's citation or upload
    mark in the hover and the source line; `long` adds the measure's long series (LONG_SERIES), drawn
    dash-dot per comparable segment in its region's colour."""
    codes = indicators.trend_roles(registry, region_code, references=references, compare=compare)
    explored = explorer_lines(obs, registry, catalog, measure, codes, lang, stamps=stamps, long=long)
    return explorer_chart(explored, codes, registry, catalog, measure, region_code, lang, glide=glide, stamps=stamps)


def overview_figure(obs: pd.DataFrame, registry: RegionRegistry, catalog: Catalog, region_code: str, lang: str,
                    measure_id: str = "p0", stamps: dict | None = None) -> tuple[go.Figure | None, list[charts.Line]]:
    """The Overview's trend: the region with its province and the nation in the region's main period."""
    measure = catalog.measure(measure_id)
    own = indicators.select(obs, regions=[region_code])
    period = indicators.main_period(own, region_code, measure_id) or "march"
    refs = registry.references(region_code)
    rows = indicators.trend_rows(obs, indicators.trend_roles(registry, region_code), measure_id, period)
    lines, old_labels = trend_lines(rows, registry, catalog, measure, lang, stamps=stamps)
    if not lines:
        return None, lines
    breaks = {n.year: n.text.get(lang) for n in measure.method_notes if n.year is not None}
    subtitle = charts.drawn_subtitle(region_label(registry, region_code), lines, lang,
                                     asked_references=[region_label(registry, c) for c in refs])
    title = t("overview.trend_title", lang, measure=f"{measure.name.get(lang)}, {t(f'period.{period}', lang)}")
    source = source_line(pd.concat([line.frame for line in lines]), catalog, lang, stamps)
    fig = charts.trend_figure(lines, measure, lang, title=title, subtitle=subtitle, break_notes=breaks,
                              source=source)
    style_old_method(fig, old_labels)
    return fig, lines


def side_by_side_figure(obs: pd.DataFrame, registry: RegionRegistry, catalog: Catalog, measure: Measure,
                        region_code: str, period: str, lang: str,
                        y_range: tuple[float, float] | None = None, stamps: dict | None = None) -> go.Figure | None:
    """One small chart of Bandingkan's side by side: a region with its province and nation. With
    `y_range` every small chart shares that y-scale (and says so); else the scale is the chart's own."""
    refs = registry.references(region_code)
    rows = indicators.trend_rows(obs, indicators.trend_roles(registry, region_code), measure.id, period)
    lines, old_labels = trend_lines(rows, registry, catalog, measure, lang, stamps=stamps)
    if not lines or lines[0].role != "region":
        return None
    asked = [region_label(registry, c) for c in refs]
    notes = []
    # Counts: the region alone (its province and the nation are tens to thousands of times larger), and
    # the subtitle says why they are not drawn (not "no data").
    if charts.needs_panels(lines, measure):
        omitted = [line.label for line in lines if line.role != "region"]
        lines = [line for line in lines if line.role == "region"]
        asked = [name for name in asked if name not in omitted]
        notes.append(t("chart.refs_omitted_scale", lang, regions=", ".join(dict.fromkeys(omitted))))
    scale = t("chart.scale.shared" if y_range else "chart.scale.own", lang)
    subtitle = "; ".join([charts.drawn_subtitle(region_label(registry, region_code), lines, lang,
                                                asked_references=asked),
                          f"{measure.short.get(lang)}, {t(f'period.{period}', lang)}", *notes, scale])
    breaks = {n.year: n.text.get(lang) for n in measure.method_notes if n.year is not None}
    source = source_line(pd.concat([line.frame for line in lines]), catalog, lang, stamps)
    fig = charts.trend_figure(lines, measure, lang, title=region_label(registry, region_code), subtitle=subtitle,
                              break_notes=breaks, source=source, panels=False)
    style_old_method(fig, old_labels)
    if y_range is not None:
        fig.update_yaxes(range=list(y_range))
    return fig


def shared_range(obs: pd.DataFrame, registry: RegionRegistry, measure: Measure, codes: list[str],
                 period: str) -> tuple[float, float] | None:
    """One y-range for all small charts of rates (a shared scale compares them honestly); None for
    counts, whose regions differ in size (each chart then keeps its own scale, and says so)."""
    if measure.unit in EXTENSIVE_UNITS:
        return None
    all_codes = list(dict.fromkeys(c for code in codes for c in [code, *registry.references(code)]))
    values = pd.concat([indicators.series(obs, c, measure.id, period)["value"] for c in all_codes]).dropna()
    if values.empty:
        return None
    low, high = float(values.min()), float(values.max())
    pad = (high - low) * 0.05 or abs(high) * 0.05 or 1.0
    return (min(0.0, low - pad) if low >= 0 and low - pad < 0 else low - pad, high + pad)


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
    # The x-axis spans the data (charts.trend_figure): widened to the target's year, or the star named in the
    # legend would be drawn out of sight (P0 2029 and extreme poverty 2026 after data ending 2025 and 2023).
    shown = fig.layout.xaxis.range
    if shown is not None:
        fig.update_xaxes(range=[min(shown[0], target.year - 0.5), max(shown[1], target.year + 0.5)])

