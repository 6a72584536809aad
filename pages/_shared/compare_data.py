"""Bandingkan's cached reads and figures: computed once per store, data-version and selection.

Every cached function is keyed on the store's URL and its data-version (the house rule for
pages/_shared caches): a write by any process changes the version, and two stores at the same
revision number (tests, or an app pointed at another DATABASE_URL) never answer for each other.
The public functions take the version only and add the URL themselves. analytics stays pure;
pages/compare.py reads its widgets, calls these and draws.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics import fmt
from analytics.domain import compare, indicators, provenance
from analytics.figures import charts, compare_charts, maps, poverty_charts
from analytics.i18n import t, when
from analytics.regions import NATION
from pages._shared import data, figures

# Measures worth comparing across regions, in the order officials read them.
MEASURES = ("p0", "poor_count", "p1", "p2", "poverty_line", "unemployment", "hdi")


def _url() -> str:
    return data.store().url


# Which data exists -------------------------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=4)
def _availability(url: str, version: int) -> pd.DataFrame:
    obs = data.observations(version)
    levels = data.regions_frame(version).set_index("code")["level"]
    frame = indicators.select(obs, measures=MEASURES).assign(level=lambda f: f["region_code"].map(levels))
    return frame.groupby(["measure", "level", "year", "period"]).size().rename("regions").reset_index()


def availability(version: int) -> pd.DataFrame:
    """measure, level, year, period, regions: which combinations hold data."""
    return _availability(_url(), version)


# Tables ------------------------------------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=64)
def _indicator_table(url: str, version: int, measure_id: str, year: int, period: str, level: str, province: str,
                     lang: str) -> pd.DataFrame:
    registry = data.registry(version)
    within = province if level == "kabkota" and province != NATION else None
    codes = compare.level_codes(registry, level, year, within)
    # The shared ranking: the same table as the region's standing ranked it in (issue #18).
    ranks = ranking(version, measure_id, year, period, level, within)
    table = pd.DataFrame({"region_code": codes}).merge(ranks, on="region_code", how="left")
    table["name"] = table["region_code"].map(registry.frame["name"])
    table["source_label"] = table["region_code"].map(
        source_labels(version, measure_id, year, period, lang)).fillna("")
    return table


def indicator_table(version: int, measure_id: str, year: int, period: str, level: str, province: str,
                    lang: str) -> pd.DataFrame:
    """region_code, name, value (NaN = no data), rank, n, percentile, source, source_label of the drawn regions."""
    return _indicator_table(_url(), version, measure_id, year, period, level, province, lang)


def drawn_source(version: int, measure_id: str, year: int, period: str, codes: Iterable[str], lang: str) -> str:
    """The source line of a figure of one measure and period over `codes`: the citations of seeded
    values and each staff upload as such (analytics.domain.provenance, through charts.rows_source_text)."""
    rows = indicators.select(data.observations(version), regions=list(codes), measures=[measure_id], years=[year],
                             periods=[period])
    return charts.rows_source_text(rows, data.catalog(), lang, data.revision_stamps(version))


@st.cache_resource(show_spinner=False, max_entries=64)
def _source_labels(url: str, version: int, measure_id: str, year: int, period: str, lang: str) -> pd.Series:
    obs, catalog = data.observations(version), data.catalog()
    rows = indicators.select(obs, measures=[measure_id], years=[year], periods=[period])
    labelled = provenance.with_labels(rows, catalog, data.revision_stamps(version), lang)
    return labelled.set_index("region_code")["source_label"]


def source_labels(version: int, measure_id: str, year: int, period: str, lang: str) -> pd.Series:
    """region_code → the citation of its value, or the staff-upload mark (analytics.domain.provenance), once
    per store, data-version, measure, year, period and language for every table of it (shared: read it,
    never change it)."""
    return _source_labels(_url(), version, measure_id, year, period, lang)


@st.cache_resource(show_spinner=False, max_entries=64)
def _ranking(url: str, version: int, measure_id: str, year: int, period: str, level: str,
             province: str | None) -> pd.DataFrame:
    return compare.ranking(data.observations(version), data.catalog().measure(measure_id), year, period,
                           compare.level_codes(data.registry(version), level, year, province))


def ranking(version: int, measure_id: str, year: int, period: str, level: str, province: str | None) -> pd.DataFrame:
    """compare.ranking of a level's regions (all, or one province's kab/kota), once per store, data-version,
    measure, year and period for every region and session (shared: read it, never change it)."""
    return _ranking(_url(), version, measure_id, year, period, level, province)


@st.cache_data(show_spinner=False, max_entries=64)
def _standing(url: str, version: int, measure_id: str, region: str, year: int, period: str) -> compare.Standing:
    return compare.standing(data.observations(version), data.registry(version), data.catalog().measure(measure_id),
                            region, year, period,
                            ranked=lambda level, province: ranking(version, measure_id, year, period, level, province))


def standing(version: int, measure_id: str, region: str, year: int, period: str) -> compare.Standing:
    """The region's national and provincial rank and its gaps to province and nation."""
    return _standing(_url(), version, measure_id, region, year, period)


@st.cache_data(show_spinner=False, max_entries=64)
def _rank_change(url: str, version: int, measure_id: str, year_from: int, year: int, period: str,
                 level: str) -> pd.DataFrame:
    codes = compare.level_codes(data.registry(version), level, year)
    return compare.rank_change(data.observations(version), data.catalog().measure(measure_id), year_from, year,
                               period, codes)


def rank_change(version: int, measure_id: str, year_from: int, year: int, period: str, level: str) -> pd.DataFrame:
    """Every region of the level: its rank in `year_from` and in `year`, and the places moved."""
    return _rank_change(_url(), version, measure_id, year_from, year, period, level)


@st.cache_data(show_spinner=False, max_entries=64)
def _values(url: str, version: int, measure_id: str, year: int, period: str, codes: tuple[str, ...]) -> pd.Series:
    frame = compare.values_at(data.observations(version), measure_id, year, period, codes)
    return frame.set_index("region_code")["value"]


def values(version: int, measure_id: str, year: int, period: str, codes: tuple[str, ...]) -> pd.Series:
    """region_code → value of the measure in that year and period (regions without one left out)."""
    return _values(_url(), version, measure_id, year, period, codes)


@st.cache_data(show_spinner=False, max_entries=16)
def _weights(url: str, version: int, year: int, codes: tuple[str, ...]) -> pd.Series:
    return compare.population_weights(data.observations(version), year, "march", codes)


def weights(version: int, year: int, codes: tuple[str, ...]) -> pd.Series:
    """region_code → population weight for a weighted average (empty when the year has none)."""
    return _weights(_url(), version, year, codes)


@st.cache_data(show_spinner=False, max_entries=16)
def _features(url: str, version: int, year: int, hdi_year: int | None) -> pd.DataFrame:
    return compare.similarity_features(data.observations(version), data.registry(version), year, hdi_year)


def features(version: int, year: int, hdi_year: int | None) -> pd.DataFrame:
    """The features "regions like mine" compares, per kab/kota."""
    return _features(_url(), version, year, hdi_year)


@st.cache_data(show_spinner=False, max_entries=64)
def _latest_values(url: str, version: int, codes: tuple[str, ...], measures: tuple[str, ...]) -> dict:
    obs = data.observations(version)  # indexed: each (region, measure) is read by position, not by a scan
    return {(code, m): indicators.latest(obs, code, m) for code in codes for m in measures}


def latest_values(version: int, codes: tuple[str, ...], measures: tuple[str, ...]) -> dict:
    """(region, measure) → latest Point (or None), for the side-by-side table."""
    return _latest_values(_url(), version, codes, measures)


def download_rows(version: int, codes: tuple[str, ...], measures: tuple[str, ...]) -> pd.DataFrame:
    """The side-by-side regions' rows, for the CSV and Excel downloads (built only when clicked)."""
    return indicators.select(data.observations(version), regions=codes, measures=measures)


@st.cache_data(show_spinner=False, max_entries=32)
def _ranking_display(url: str, version: int, measure_id: str, year: int, period: str, level: str, province: str,
                     lang: str) -> pd.DataFrame:
    measure = data.catalog().measure(measure_id)
    table = indicator_table(version, measure_id, year, period, level, province, lang)
    shown = table.dropna(subset=["value"]).sort_values(["rank", "region_code"])
    return pd.DataFrame({
        t("compare.col.rank", lang): shown["rank"].astype(int),
        t("compare.col.region", lang): shown["name"],
        t("compare.col.value", lang): [fmt.value(v, measure, lang) for v in shown["value"]],
        t("compare.col.percentile", lang): [fmt.number(p, 0, lang) for p in shown["percentile"]],
    })


def ranking_display(version: int, measure_id: str, year: int, period: str, level: str, province: str,
                    lang: str) -> pd.DataFrame:
    """The ranking table as shown: rank, region, formatted value and percentile."""
    return _ranking_display(_url(), version, measure_id, year, period, level, province, lang)


@st.cache_data(show_spinner=False, max_entries=32)
def _quadrant_display(url: str, version: int, quads: pd.DataFrame, x_title: str, y_title: str, measure_id: str,
                      y_measure_id: str, y_is_change: bool, lang: str) -> pd.DataFrame:
    catalog, names = data.catalog(), data.regions_frame(version).set_index("code")["name"]
    measure, y_measure = catalog.measure(measure_id), catalog.measure(y_measure_id)
    return pd.DataFrame({
        t("compare.col.quadrant", lang): quads["quadrant"],
        t("compare.col.region", lang): quads["region_code"].map(names),
        x_title: [fmt.value(v, measure, lang) for v in quads["x"]],
        y_title: [fmt.change(v, measure, lang) if y_is_change else fmt.value(v, y_measure, lang) for v in quads["y"]],
    })


def quadrant_display(version: int, quads: pd.DataFrame, x_title: str, y_title: str, measure_id: str,
                     y_measure_id: str, y_is_change: bool, lang: str) -> pd.DataFrame:
    """The quadrant table as shown: quadrant, region and both formatted values."""
    return _quadrant_display(_url(), version, quads, x_title, y_title, measure_id, y_measure_id, y_is_change, lang)


# Figures: built once per store, data-version and selection; st.cache_resource hands back the same
# object without copying (the figure is only read), which keeps a redraw fast. A Figure, not its
# dict: st.plotly_chart validates a dict into a new Figure on every run (0.44 s for the kab/kota
# map here) but only serialises a Figure, and a shared figure's dict is made once (figures.py).
# --------------------------------------------------------------------------------------------------


def map_labels(version: int, measure, year: int, period: str, level: str, province: str, lang: str) -> maps.MapLabels:
    """Title, subtitle (the scope), no-data word, rank word and legend title of the map and bars."""
    scope = data.registry(version).name(province) if level == "kabkota" and province != NATION else "Indonesia"
    return maps.MapLabels(
        title=f"{measure.name.get(lang)}, {when(period, year, lang)}",
        subtitle=t(f"compare.map.subtitle.{level}", lang, scope=scope),
        no_data=fmt.NO_DATA[lang], rank_word=t("compare.rank_word", lang),
        legend_title=fmt.axis_label(measure, lang))


@st.cache_resource(show_spinner=False, max_entries=32)
def _map_figure(url: str, version: int, measure_id: str, year: int, period: str, level: str, province: str,
                method: str, lang: str) -> tuple[go.Figure, frozenset[str]]:
    measure = data.catalog().measure(measure_id)
    table = indicator_table(version, measure_id, year, period, level, province, lang)
    geojson = maps.load_geojson(maps.layer_for(level, year))
    labels = map_labels(version, measure, year, period, level, province, lang)
    figure = figures.shared(maps.choropleth_figure(
        table, geojson, measure, lang, labels, method=method,
        source=drawn_source(version, measure_id, year, period, table["region_code"], lang)))
    return figure, frozenset(table["region_code"])


def map_figure(version: int, measure_id: str, year: int, period: str, level: str, province: str, method: str,
               selected: str, lang: str) -> go.Figure:
    """The choropleth of the level's regions (one for every session), the selected region outlined over it."""
    base, drawn = _map_figure(_url(), version, measure_id, year, period, level, province, method, lang)
    if selected not in drawn:
        return base
    return figures.overlay(base, [maps.outline_trace(selected, maps.load_geojson(maps.layer_for(level, year)))])


@st.cache_resource(show_spinner=False, max_entries=32)
def _bar_figure(url: str, version: int, measure_id: str, year: int, period: str, level: str, province: str,
                lang: str) -> tuple[go.Figure, pd.DataFrame, maps.MapLabels]:
    measure = data.catalog().measure(measure_id)
    table = indicator_table(version, measure_id, year, period, level, province, lang)
    labels = map_labels(version, measure, year, period, level, province, lang)
    figure = figures.shared(maps.bar_figure(table, measure, lang, labels,
                                            source=drawn_source(version, measure_id, year, period,
                                                                table["region_code"], lang)))
    return figure, table, labels


def bar_figure(version: int, measure_id: str, year: int, period: str, level: str, province: str, selected: str,
               lang: str) -> go.Figure:
    """The ranked bars of the level's regions (one for every session), the selected one's drawn over it."""
    base, table, labels = _bar_figure(_url(), version, measure_id, year, period, level, province, lang)
    mark = maps.selected_bar(table, data.catalog().measure(measure_id), lang, labels, selected or None)
    return figures.overlay(base, [mark] if mark is not None else [])


@st.cache_resource(show_spinner=False, max_entries=32)
def _quadrant_chart(url: str, version: int, quads: pd.DataFrame, x_ref: float, y_ref: float,
                    labels: compare_charts.QuadrantLabels, lang: str, measure_id: str, y_measure_id: str,
                    y_is_change: bool, _names: dict[str, str], _source: str = "") -> go.Figure:
    catalog = data.catalog()
    return figures.shared(compare_charts.quadrant_base(
        quads, x_ref, y_ref, labels, lang, names=_names, x_measure=catalog.measure(measure_id),
        y_measure=catalog.measure(y_measure_id), y_is_change=y_is_change, source=_source))


def quadrant_chart(version: int, quads: pd.DataFrame, x_ref: float, y_ref: float, labels: compare_charts.QuadrantLabels,
                   lang: str, highlight: str, peers: tuple[str, ...], measure_id: str, y_measure_id: str,
                   y_is_change: bool, names: dict[str, str], source: str = "") -> go.Figure:
    """The quadrant figure: its regions and reference lines built once per view (names and the source
    line depend only on the store, its data-version and the view, so they add nothing to the key), the
    selected region and the peers drawn over it."""
    catalog = data.catalog()
    base = _quadrant_chart(_url(), version, quads, x_ref, y_ref, labels, lang, measure_id, y_measure_id, y_is_change,
                           names, source)
    traces, annotations = compare_charts.quadrant_marks(
        quads, labels, lang, highlight=highlight or None, peers=list(peers), names=names,
        x_measure=catalog.measure(measure_id), y_measure=catalog.measure(y_measure_id), y_is_change=y_is_change)
    return figures.overlay(base, traces, annotations)


@st.cache_resource(show_spinner=False, max_entries=32)
def _province_bars(url: str, version: int, measure_id: str, year: int, period: str, province: str,
                   lang: str) -> tuple[go.Figure, pd.DataFrame, maps.MapLabels]:
    registry, catalog = data.registry(version), data.catalog()
    measure = catalog.measure(measure_id)
    within = compare.level_codes(registry, "kabkota", year, province)
    ranks = ranking(version, measure_id, year, period, "kabkota", province)
    province_table = ranks.assign(name=ranks["region_code"].map(registry.frame["name"]),
                                  source_label=ranks["region_code"].map(
                                      source_labels(version, measure_id, year, period, lang)).fillna(""))
    labels = maps.MapLabels(
        title=t("compare.rank.province_chart", lang, measure=measure.name.get(lang), province=registry.name(province)),
        subtitle=when(period, year, lang), no_data=fmt.NO_DATA[lang], rank_word=t("compare.rank_word", lang),
        legend_title="")
    figure = figures.shared(maps.bar_figure(province_table, measure, lang, labels, horizontal=True,
                                            source=drawn_source(version, measure_id, year, period, within, lang)))
    return figure, province_table, labels


def province_bars(version: int, measure_id: str, year: int, period: str, province: str, selected: str,
                  lang: str) -> go.Figure:
    """The kab/kota of the selected region's province, ranked, with their source line (one for every
    session), the selected one's bar drawn over it."""
    base, province_table, labels = _province_bars(_url(), version, measure_id, year, period, province, lang)
    mark = maps.selected_bar(province_table, data.catalog().measure(measure_id), lang, labels, selected or None,
                             horizontal=True)
    return figures.overlay(base, [mark] if mark is not None else [])


@st.cache_resource(show_spinner=False, max_entries=32)
def _side_trends(url: str, version: int, measure_id: str, codes: tuple[str, ...], period: str,
                 lang: str) -> tuple[tuple[go.Figure | None, tuple[str, ...]], ...]:
    obs, registry, catalog = data.observations(version), data.registry(version), data.catalog()
    measure = catalog.measure(measure_id)
    # Rates share one y-scale across the small charts; counts keep each chart's own (regions differ in
    # size), and each chart's subtitle says which.
    y_range = poverty_charts.shared_range(obs, registry, measure, list(codes), period)
    trends = []
    for code in codes:
        fig = poverty_charts.side_by_side_figure(obs, registry, catalog, measure, code, period, lang, y_range=y_range,
                                                 stamps=data.revision_stamps(version))
        sources = tuple(indicators.series(obs, code, measure_id, period)["source"]) if fig is not None else ()
        trends.append((figures.shared(fig) if fig is not None else None, sources))
    return tuple(trends)


def side_trends(version: int, measure_id: str, codes: tuple[str, ...], period: str,
                lang: str) -> tuple[tuple[go.Figure | None, tuple[str, ...]], ...]:
    """Per chosen region, in order: its small trend chart (None when it has no data) and the sources
    of the values drawn. Built once per selection: the shared y-scale depends on every chosen region."""
    return _side_trends(_url(), version, measure_id, codes, period, lang)
