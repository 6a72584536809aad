"""Ringkasan / Overview: the selected region's key poverty indicators, P0 trend and programmes."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics import charts, fmt, indicators
from analytics.i18n import period_label, t, when
from pages._shared import brief_download, frame, targets_view, ui

# KPIs in the order officials read them; extreme poverty only where a figure exists.
KPI_MEASURES = ("p0", "poor_count", "poverty_line", "extreme_poverty", "unemployment", "hdi")
TREND_MEASURE = "p0"

# 1. inputs ----------------------------------------------------------------------------------
ctx = frame.current()
lang, catalog, obs, registry = ctx.lang, ctx.catalog, ctx.observations, ctx.registry
region = registry.get(ctx.region)

# 2. data ------------------------------------------------------------------------------------
# The region's own rows, selected once: every KPI below looks only at them.
own = obs[obs["region_code"] == region.code]
latest_points = {m: indicators.latest(own, region.code, m) for m in KPI_MEASURES}
previous_points = {m: indicators.previous(own, p) if p else None for m, p in latest_points.items()}

trend = catalog.measure(TREND_MEASURE)
period = indicators.main_period(own, region.code, TREND_MEASURE) or "march"
lines = []
for code in [region.code, *registry.references(region.code)]:
    values = indicators.series(obs, code, TREND_MEASURE, period)
    if values.empty:
        continue
    role = "region" if code == region.code else ("nation" if code == "00" else "province")
    label = "Indonesia" if code == "00" else registry.name(code)
    lines.append(charts.Line(label=label, role=role, frame=values, period=period))

# 3. render ----------------------------------------------------------------------------------
st.title(t("overview.title", lang, region=region.name if region.level != "nation" else "Indonesia"))
st.caption(t("app.tagline", lang))
brief_download.offer(ctx)

# "Are we on track?" first: one status card per headline measure, by whose target (issue #15).
st.markdown(f"#### {t('targets.overview.heading', lang)}")
year_now = targets_view.as_of()
for column, measure_id in zip(st.columns(len(targets_view.HEADLINE_MEASURES)), targets_view.HEADLINE_MEASURES,
                              strict=True):
    with column:
        targets_view.status_card(targets_view.answer(ctx.version, region.code, measure_id, year_now),
                                 catalog.measure(measure_id), registry, lang)
st.caption(t("targets.overview.caption", lang))

st.subheader(t("overview.kpis", lang))
shown = [m for m in KPI_MEASURES if latest_points[m] is not None or m in ("p0", "poor_count", "poverty_line")]
for start in range(0, len(shown), 3):
    columns = st.columns(3)
    for column, measure_id in zip(columns, shown[start:start + 3], strict=False):
        with column:
            ui.kpi(catalog.measure(measure_id), latest_points[measure_id], previous_points[measure_id], catalog, lang)
if latest_points["extreme_poverty"] is None and region.level == "kabkota":
    st.caption(t("overview.extreme_none", lang))
ui.source_notes([p.source for p in latest_points.values() if p is not None], catalog, lang)

if lines:
    breaks = {n.year: n.text.get(lang) for n in trend.method_notes if n.year is not None}
    figure = charts.trend_figure(
        lines, trend, lang,
        title=t("overview.trend_title", lang, measure=f"{trend.name.get(lang)}, {period_label(period, lang)}"),
        subtitle=t("overview.trend_subtitle", lang, region=lines[0].label),
        break_notes=breaks)
    st.plotly_chart(figure, width="stretch", config=ui.PLOTLY_CONFIG, key="overview_trend")
    st.caption(t("overview.trend_caption", lang))
    chart_data = pd.concat([line.frame.assign(series=line.label) for line in lines])
    # The table is built only while its expander is open (a rerun on open/close), so a first
    # view sends no table and the browser need not load the data-grid component to show it.
    table_box = st.expander(t("overview.table", lang), key="overview_table", on_change="rerun")
    if table_box.open:
        table = chart_data.assign(
            value_text=[fmt.value(v, trend, lang) for v in chart_data["value"]],
            source_text=[ui.source_label(s, catalog, lang) for s in chart_data["source"]],
        )[["series", "year", "value_text", "source_text"]]
        table.columns = [t("overview.series", lang), t("overview.year", lang), t("overview.value", lang),
                         t("overview.source", lang)]
        table_box.dataframe(table, hide_index=True, width="stretch")
    ui.source_notes(chart_data["source"], catalog, lang)
    for note in trend.method_notes:
        st.caption(f"⚑ {note.year or ''} {note.text.get(lang)}".strip())

programs = [p for p in catalog.programs.values() if p.region == region.code]
st.subheader(t("overview.programs", lang))
if not programs:
    st.info(t("overview.no_programs", lang))
else:
    columns = st.columns(min(len(programs), 4))
    program_sources = []
    for column, program in zip(columns, programs, strict=False):
        with column, st.container(border=True):
            st.markdown(f"**{program.name.get(lang)}**")
            st.caption(program.agency_short or program.agency.get(lang))
            for measure_id in program.measures:
                point = indicators.latest_dated(own, region.code, measure_id)
                if point is None:
                    continue
                measure = catalog.measure(measure_id)
                st.markdown(f"{measure.name.get(lang)}: **{fmt.value(point.value, measure, lang)}** "
                            f"({when(point.period, point.year, lang)})")
                program_sources.append(point.source)
                break
    ui.source_notes(program_sources, catalog, lang)
