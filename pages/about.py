"""Tentang data / About the data: measures, sources, coverage and revisions, from the catalog."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics import fmt
from analytics.domain import coverage as coverage_analysis
from analytics.domain import provenance
from analytics.figures import coverage_charts
from analytics.i18n import t
from pages._shared import data, frame, tables, ui

# 1. inputs ----------------------------------------------------------------------------------
ctx = frame.current()
lang, catalog = ctx.lang, ctx.catalog

# 2. data ------------------------------------------------------------------------------------
measures = pd.DataFrame([
    {
        t("about.col.id", lang): m.id,
        t("about.col.name", lang): m.name.get(lang),
        t("about.col.unit", lang): fmt.axis_label(m, lang),
        t("about.col.definition", lang): m.definition.get(lang),
    }
    for m in catalog.measures.values()
])
# Sources as a reader cites them (publisher, table or article, date, link); the mirrors that
# delivered the reference files are named only in data/README.md.
sources = pd.DataFrame([
    {
        t("about.col.publisher", lang): s.publisher,
        t("about.col.title", lang): provenance.source_title(s, lang),
        t("about.col.date", lang): s.date,
        t("about.col.url", lang): s.url or None,
        t("about.col.licence", lang): s.licence,
    }
    for s in catalog.sources.values()
])
# The coverage matrix: counts by the database, shares of each level's regions.
totals = coverage_analysis.level_totals(ctx.registry)
matrix = data.coverage_matrix(ctx.version)
poverty_ids = [m.id for m in catalog.poverty_measures()]
program_ids = [m for m in catalog.measures if m not in poverty_ids]
matrix_figures = [
    coverage_charts.coverage_figure(coverage_analysis.coverage_shares(matrix, totals, catalog, ids), catalog,
                                    lang, title=t(key, lang))
    for ids, key in ((poverty_ids, "coverage.poverty"), (program_ids, "coverage.programs"))
    if matrix["measure"].isin(ids).any()
]
# Counted by the database, kecamatan and desa rows included; in the catalog's order (P0 first).
order = {measure_id: position for position, measure_id in enumerate(catalog.measures)}
coverage = data.coverage(ctx.version)
coverage = coverage.sort_values("measure", key=lambda ids: ids.map(order).fillna(len(order)), kind="stable")
coverage = pd.DataFrame({
    t("about.col.name", lang): [catalog.measure(m).name.get(lang) for m in coverage["measure"]],
    t("about.col.values", lang): coverage["values"],
    t("about.col.years", lang): [f"{a}–{b}" if a != b else str(a) for a, b in zip(coverage["first"], coverage["last"], strict=True)],
})
revisions = data.revisions(ctx.version)

# 3. render ----------------------------------------------------------------------------------
st.title(t("about.title", lang))
st.write(t("about.intro", lang))
st.caption(t("about.attribution", lang))
st.caption(t("about.data_version", lang, version=ctx.version))

st.subheader(t("about.measures", lang))
st.dataframe(measures, hide_index=True, width="stretch")
# Where a measure's method changed, under the measures it concerns.
for measure in catalog.measures.values():
    for note in measure.method_notes:
        year = f", {note.year}" if note.year is not None else ""
        st.caption(f"⚑ {measure.name.get(lang)}{year}: {note.text.get(lang)}")
st.subheader(t("about.coverage", lang))
st.caption(t("coverage.caption", lang))
for number, figure in enumerate(matrix_figures):
    ui.plotly_chart(figure, width="stretch", config=ui.PLOTLY_CONFIG, key=f"coverage_matrix_{number}")
st.dataframe(coverage, hide_index=True, width="stretch")
st.subheader(t("about.sources", lang))
st.dataframe(sources, hide_index=True, width="stretch",
             column_config={t("about.col.url", lang): st.column_config.LinkColumn()})
st.subheader(t("about.revisions", lang))
st.dataframe(tables.revisions_table(revisions, lang), hide_index=True, width="stretch")
