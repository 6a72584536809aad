"""Ringkasan / Overview: the selected region's key poverty indicators, P0 trend and programmes."""

from __future__ import annotations

import streamlit as st

from analytics import fmt
from analytics.catalog import grouped_gaps
from analytics.i18n import period_label, t, when
from pages._shared import brief_download, cached, frame, targets_view, ui

# KPIs in the order officials read them; extreme poverty only where a figure exists.
KPI_MEASURES = ("p0", "poor_count", "poverty_line", "extreme_poverty", "unemployment", "hdi")
TREND_MEASURE = "p0"

# 1. inputs ----------------------------------------------------------------------------------
ctx = frame.current()
lang, catalog, obs, registry = ctx.lang, ctx.catalog, ctx.observations, ctx.registry
region = registry.get(ctx.region)

# 2. data ------------------------------------------------------------------------------------
# Once per data-version, region and language, shared by every session (pages/_shared/cached.py).
view = cached.overview(ctx.version, region.code, lang, KPI_MEASURES, TREND_MEASURE)
latest_points, previous_points, kpi_uploads = view.latest, view.previous, view.uploads
trend = catalog.measure(TREND_MEASURE)
# The figure (built in analytics): region, province and nation, the subtitle naming only what is drawn,
# each value's citation or staff-upload mark in its hover.
figure, lines = view.figure, list(view.lines)
period = lines[0].period if lines else "march"

# 3. render ----------------------------------------------------------------------------------
st.title(t("overview.title", lang, region=ui.escape_markdown(region.name if region.level != "nation" else "Indonesia")))
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
            ui.kpi(catalog.measure(measure_id), latest_points[measure_id], previous_points[measure_id], catalog, lang,
                   uploaded=kpi_uploads[measure_id])
if latest_points["extreme_poverty"] is None and region.level == "kabkota":
    st.caption(t("overview.extreme_none", lang))
ui.source_notes([p.source for m, p in latest_points.items() if p is not None and not kpi_uploads[m]], catalog, lang,
                [label for label in kpi_uploads.values() if label])

if figure is not None:
    ui.plotly_chart(figure, width="stretch", config=ui.plotly_config(lang), key="overview_trend")
    st.caption(t("overview.trend_caption", lang))
    chart_data = view.rows
    # The table is built only while its expander is open (a rerun on open/close), so a first
    # view sends no table and the browser need not load the data-grid component to show it.
    table_box = ui.lazy_expander(t("overview.table", lang), key="overview_table")
    if table_box.open:
        table = chart_data.assign(
            value_text=[fmt.value(v, trend, lang) for v in chart_data["value"]],
            source_text=chart_data["source_label"],
        )[["series", "year", "value_text", "source_text"]]
        table.columns = [t("overview.series", lang), t("overview.year", lang), t("overview.value", lang),
                         t("overview.source", lang)]
        table_box.dataframe(table, hide_index=True, width="stretch")
    ui.source_notes(view.cited, catalog, lang, view.uploaded)  # the rows' sources, worked out once (cached)
    for gap in grouped_gaps(trend.gaps_for([region.code, *registry.references(region.code)], [period])):
        st.caption("⚑ " + t("gap.caption", lang, region="Indonesia" if gap.region == "00" else registry.name(gap.region),
                             when=f"{period_label(gap.period, lang)} {gap.years_text()}", reason=gap.reason.get(lang)))
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
                point = view.outputs[measure_id]
                if point is None:
                    continue
                measure = catalog.measure(measure_id)
                st.markdown(f"{measure.name.get(lang)}: **{fmt.value(point.value, measure, lang)}** "
                            f"({when(point.period, point.year, lang)})")
                program_sources.append(point.source)
                break
    ui.source_notes(program_sources, catalog, lang)

# Share: the link reproduces this view (region, language and the page's choices are in the URL).
ui.share_link(lang, "/")
