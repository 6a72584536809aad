"""Program / Programmes: each programme's outputs by year and cumulative, targets, cost, scale, kecamatan,
and all programmes beside the region's poverty outcomes. Everything comes from the catalog and the store."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics import fmt
from analytics.catalog import Measure, ProgramRule
from analytics.contract import PERIOD_ORDER
from analytics.domain import programs as progs
from analytics.domain import provenance
from analytics.figures import charts, program_charts
from analytics.i18n import period_label, t, when
from analytics.outputs import exports
from pages._shared import cached, data, frame, ui, url_state

PROGRAM_KEY = "programs_program"
SPAN_KEY = "programs_span"
# The page's parts, each a tab built only while open (issue #18), by id (kept in the link) and label string.
TABS = {"outputs": "programs.tab.outputs", "details": "programs.tab.details", "outcomes": "programs.tab.outcomes"}
TAB_KEY = "programs_tab"
# The open tab, kept across page changes (Streamlit drops a widget's state once its page is left).
TAB_SAVED = "_programs_tab_saved"
# How many years the outcome view spans by default (ending at the latest year with data).
DEFAULT_SPAN_YEARS = 5


def rupiah(value: float | None, lang: str) -> str:
    return fmt.NO_DATA[lang] if fmt.is_missing(value) else f"Rp {fmt.number(value, 0, lang)}"


def percent(value: float | None, lang: str) -> str:
    return fmt.NO_DATA[lang] if fmt.is_missing(value) else f"{fmt.number(value, 1, lang)} %"


def valid(rule: ProgramRule) -> str:
    """When a dated rule is in force, in words."""
    if rule.valid_from is None and rule.valid_to is None:
        return t("programs.valid_always", lang)
    if rule.valid_from is None:
        return t("programs.valid_open_start", lang, end=rule.valid_to)
    if rule.valid_to is None:
        return t("programs.valid_open_end", lang, start=rule.valid_from)
    return t("programs.valid_from_to", lang, start=rule.valid_from, end=rule.valid_to)


def basis(row: pd.Series) -> str:
    """How a programme's output in the span was obtained (a sum over the years with data, or the latest)."""
    if row["how"] == "sum":
        return t("programs.basis.sum", lang, n=row["years_with_data"], total=row["years_in_span"])
    if row["how"] == "latest":
        return t("programs.basis.latest", lang, when=when(str(row["period"]), int(row["year"]), lang))
    return t("programs.basis.none", lang)


def year_range(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def chart_subtitle(measure: Measure) -> str:
    return program_charts.chart_subtitle(region.name, measure, lang)


def choose_program(options: list[str]) -> str:
    """The programme selector, kept in the URL (?program=rtlh)."""
    if st.session_state.get(PROGRAM_KEY) not in options:
        wanted = st.query_params.get("program")
        st.session_state[PROGRAM_KEY] = wanted if wanted in options else options[0]
    st.selectbox(t("programs.choose", lang), options, key=PROGRAM_KEY, help=t("programs.choose_help", lang),
                 format_func=lambda p: catalog.programs[p].name.get(lang), placeholder=t("ui.choose_one", lang))
    url_state.keep({"program": st.session_state[PROGRAM_KEY]})
    return st.session_state[PROGRAM_KEY]


def choose_span(first: int, last: int) -> tuple[int, int]:
    """The span of years of the outcome view, kept in the URL (?from=2021&to=2025)."""
    years = list(range(first, last + 1))
    current = st.session_state.get(SPAN_KEY)
    if not (isinstance(current, tuple) and len(current) == 2 and all(y in years for y in current)):
        default = (max(first, last - DEFAULT_SPAN_YEARS + 1), last)
        try:
            start, end = int(st.query_params.get("from", default[0])), int(st.query_params.get("to", default[1]))
        except ValueError:
            start, end = default
        st.session_state[SPAN_KEY] = (start, end) if start in years and end in years and start <= end else default
    if len(years) > 1:
        st.select_slider(t("programs.span", lang), options=years, key=SPAN_KEY, help=t("programs.span_help", lang))
    start, end = st.session_state[SPAN_KEY]
    url_state.keep({"from": str(start), "to": str(end)})
    return int(start), int(end)


# 1. inputs ----------------------------------------------------------------------------------
ctx = frame.current()
lang, catalog, registry = ctx.lang, ctx.catalog, ctx.registry
region = registry.get(ctx.region)
# The frame's observations stop at kab/kota; this region's registered kecamatan are read here.
obs = cached.region_observations(ctx.version, region.code)
region_label = region.name if region.level != "nation" else "Indonesia"
stamps = data.revision_stamps(ctx.version)
available = progs.programs_for_region(catalog, obs, registry, region.code)

st.title(t("programs.title", lang, region=ui.escape_markdown(region_label)))
st.caption(t("programs.intro", lang))
if not available:
    st.info(t("programs.none", lang, region=ui.escape_markdown(region_label)))
    st.stop()
program = catalog.programs[choose_program([p.id for p in available])]

# 2. data ------------------------------------------------------------------------------------
# Once per data-version, region, programme and language, shared by every session (pages/_shared/cached.py).
view = cached.programme_view(ctx.version, region.code, program.id, lang)
measures = progs.chart_measures(catalog, program)
yearly, targets, comparisons, costs = view.yearly, view.targets, view.comparisons, view.costs
intensity, kecamatan, rows = view.intensity, view.kecamatan, view.rows
unit_rules = [r for r in program.rules if r.id in progs.unit_rules(program)]
all_measures = [m for p in available for m in p.measures]

# 3. render ----------------------------------------------------------------------------------
st.header(program.name.get(lang), divider="gray")
strategy = catalog.strategies[program.strategy].name.get(lang)
st.markdown(f"**{t('programs.strategy', lang)}:** {strategy}  \n**{t('programs.agency', lang)}:** "
            f"{program.agency.get(lang)}")
st.caption(program.description.get(lang))
if (rows["status"] == "illustrative").any():
    st.warning(t("programs.illustrative", lang))

# Latest figures, three cards a row (stacked on a phone).
st.subheader(t("programs.latest", lang))
for start in range(0, len(measures), 3):
    for column, measure in zip(st.columns(3), measures[start:start + 3], strict=False):
        with column:
            point = view.latest[measure.id]
            # No change arrow: yearly outputs are not a trend (a partial year, e.g. job-fair hires
            # Jan–Sep 2021, would read as a fall); the chart below shows every year.
            ui.kpi(measure, point, None, catalog, lang,
                   uploaded=view.uploads[measure.id])

# Where two sources disagree both figures are kept; say so in words, never pick one silently.
conflicts = view.conflicts
if not conflicts.empty:
    st.subheader(t("programs.disagreements", lang))
    for (measure_id, year), group in conflicts.groupby(["measure", "year"], sort=False):
        measure = catalog.measure(measure_id)
        if len(group) > 1:
            values = "; ".join(f"{fmt.value(r.value, measure, lang)} ({when(r.period, r.year, lang)}, "
                               f"{ui.source_label(r.source, catalog, lang)})" for r in group.itertuples())
            st.warning(ui.escape_markdown(t("programs.disagreement_pair", lang, measure=measure.name.get(lang),
                                            year=year, values=values)), icon=":material/compare_arrows:")
        else:
            row = group.iloc[0]
            st.warning(ui.escape_markdown(t("programs.disagreement_single", lang, measure=measure.name.get(lang),
                                            when=when(row["period"], int(row["year"]), lang),
                                            value=fmt.value(row["value"], measure, lang),
                                            source=ui.source_label(row["source"], catalog, lang), note=row["note"])),
                       icon=":material/compare_arrows:")


def outputs_tab() -> None:
    # Outputs by year: a chart per measure with data, two a row.
    st.subheader(t("programs.outputs", lang))
    st.caption(t("programs.outputs_caption", lang))
    charts_to_draw = view.charts  # (key, figure, rows drawn, target sources): two a row, stacked on a phone
    for start in range(0, len(charts_to_draw), 2):
        for column, (key, figure, drawn, target_sources) in zip(st.columns(2), charts_to_draw[start:start + 2],
                                                                 strict=False):
            with column:
                ui.plotly_chart(figure, width="stretch", config=ui.plotly_config(lang), key=f"programs_chart_{key}")
                ui.source_notes([*provenance.cited_sources(drawn, stamps), *target_sources], catalog, lang,
                                provenance.upload_notes(drawn, stamps, lang))
    for measure_id, figure, drawn in view.parts:
        ui.plotly_chart(figure, width="stretch", config=ui.plotly_config(lang), key=f"programs_parts_{measure_id}")
        ui.rows_source_notes(drawn, catalog, stamps, lang)
    # Every figure of the programme, as CSV and Excel, under its charts.
    # The source column marks staff uploads as such ("diunggah petugas, revisi 3, …"). The files are built
    # when a button is clicked (deferred), not on every rerun (the Excel file alone took about 0.2 s of each).
    name = f"program_{program.id}_{region.code}"
    left, right = st.columns(2)
    left.download_button(t("programs.download_csv", lang),
                         lambda: exports.readable_csv(rows, registry, catalog, lang,
                                                      provenance.row_labels(rows, catalog, stamps, lang)),
                         file_name=f"{name}.csv", mime="text/csv", key="programs_csv", width="stretch")
    right.download_button(t("programs.download_excel", lang),
                          lambda: exports.readable_excel(rows, registry, catalog, lang,
                                                         provenance.row_labels(rows, catalog, stamps, lang),
                                                         provenance.cited_sources(rows, stamps)),
                          file_name=f"{name}.xlsx", key="programs_excel", width="stretch",
                          mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    ui.csv_note(lang)
    ui.rows_source_notes(rows, catalog, stamps, lang)


def details_tab() -> None:
    st.caption(t("programs.details_caption", lang))
    # Reported running totals beside the sums, kept apart.
    shown_comparisons = {k: c for k, c in comparisons.items() if not c.empty}
    if shown_comparisons:
        st.subheader(t("programs.cumulative", lang))
        st.caption(t("programs.cumulative_caption", lang))
        for measure_id, comparison in shown_comparisons.items():
            measure = catalog.measure(measure_id)
            table = pd.DataFrame({
                t("programs.col.when", lang): [when(p, y, lang) for y, p in zip(comparison["year"], comparison["period"],
                                                                                   strict=True)],
                t("programs.col.reported", lang): [fmt.value(v, measure, lang) for v in comparison["reported"]],
                t("programs.col.computed", lang): [fmt.value(v, measure, lang) for v in comparison["computed"]],
                t("programs.col.difference", lang): [fmt.change(v, measure, lang) for v in comparison["difference"]],
                t("programs.col.source", lang): [ui.source_label(s, catalog, lang) for s in comparison["source"]],
                t("programs.col.note", lang): comparison["note"].fillna(""),
            })
            st.dataframe(table, hide_index=True, width="stretch")
            for _, row in comparison.dropna(subset=["difference"]).iterrows():
                if abs(row["difference"]) > 0:
                    st.warning(t("programs.cumulative_mismatch", lang, reported_when=when(row["period"], row["year"], lang),
                                 reported=fmt.value(row["reported"], measure, lang),
                                 base=fmt.number(row["base_value"], measure.decimals, lang), base_year=int(row["base_year"]),
                                 added=fmt.number(row["added"], measure.decimals, lang),
                                 added_years=year_range(int(row["base_year"]) + 1, int(row["year"])),
                                 computed=fmt.value(row["computed"], measure, lang),
                                 difference=fmt.value(abs(row["difference"]), measure, lang)))
            ui.source_notes([*comparison["source"], *yearly[measure_id]["source"]], catalog, lang)

    if not targets.empty:
        st.subheader(t("programs.targets", lang))
        table = pd.DataFrame({
            t("programs.col.measure", lang): [catalog.measure(m).short.get(lang) for m in targets["measure"]],
            t("programs.col.year", lang): targets["year"].astype(str),
            t("programs.col.target", lang): [fmt.value(v, catalog.measure(m), lang)
                                             for m, v in zip(targets["measure"], targets["target"], strict=True)],
            t("programs.col.realised", lang): [fmt.value(v, catalog.measure(m), lang)
                                               for m, v in zip(targets["measure"], targets["realised"], strict=True)],
            t("programs.col.attainment", lang): [percent(v, lang) for v in targets["attainment_pct"]],
        })
        st.dataframe(table, hide_index=True, width="stretch")
        st.caption(t("programs.targets_caption", lang))
        ui.source_notes([*targets["target_source"], *targets["realised_source"].dropna()], catalog, lang)

    if unit_rules or view.money_rows:
        st.subheader(t("programs.cost", lang))
        if unit_rules:
            st.dataframe(pd.DataFrame({
                t("programs.col.valid", lang): [valid(r) for r in unit_rules],
                t("programs.col.rule", lang): [rupiah(r.value, lang) for r in unit_rules],
                t("programs.col.note", lang): [r.note.get(lang) for r in unit_rules],
                t("programs.col.source", lang): [ui.source_label(r.source, catalog, lang) for r in unit_rules],
            }), hide_index=True, width="stretch")
            st.caption(t("programs.rules_caption", lang))
        headline = progs.headline_measure(catalog, program)
        if not costs.empty and headline is not None:
            st.dataframe(pd.DataFrame({
                t("programs.col.year", lang): costs["year"].astype(str),
                t("programs.col.implied", lang): [rupiah(v, lang) for v in costs["implied_outlay"]],
                headline.short.get(lang): [fmt.value(v, headline, lang) for v in costs["units"]],
                t("programs.col.rule", lang): [rupiah(v, lang) for v in costs["rule_value"]],
                t("programs.col.budget", lang): [rupiah(v, lang) for v in costs["budget"]],
                t("programs.col.unit_cost", lang): [rupiah(v, lang) for v in costs["unit_cost"]],
            }), hide_index=True, width="stretch")
            st.caption(t("programs.cost_caption", lang))
        ui.source_notes([*[r.source for r in unit_rules], *costs["units_source"].dropna(),
                         *costs["budget_source"].dropna()], catalog, lang)

    intensity_rows = pd.concat([f.assign(measure=m) for m, f in intensity.items()]) if intensity else pd.DataFrame()
    if not intensity_rows.empty and intensity_rows["poor_thousand"].notna().any():
        poor_measure = catalog.measure(progs.POOR_MEASURE)
        st.subheader(t("programs.intensity", lang))
        # The rate first: on a phone only the first columns are in view.
        st.dataframe(pd.DataFrame({
            t("programs.col.when", lang): [when(p, y, lang) for y, p in zip(intensity_rows["year"], intensity_rows["period"],
                                                                              strict=True)],
            t("programs.col.per_1000", lang): [fmt.number(v, 2, lang) for v in intensity_rows["per_1000_poor"]],
            t("programs.col.value", lang): [fmt.value(v, catalog.measure(m), lang)
                                            for m, v in zip(intensity_rows["measure"], intensity_rows["value"], strict=True)],
            t("programs.col.poor", lang): [fmt.value(v, poor_measure, lang) for v in intensity_rows["poor_thousand"]],
            t("programs.col.measure", lang): [catalog.measure(m).short.get(lang) for m in intensity_rows["measure"]],
        }), hide_index=True, width="stretch")
        poor_period = intensity_rows["poor_period"].dropna()
        st.caption(t("programs.intensity_caption", lang,
                     period=period_label(poor_period.iloc[0], lang) if not poor_period.empty else ""))
        ui.source_notes([*intensity_rows["source"], *intensity_rows["poor_source"].dropna()], catalog, lang)

    if not kecamatan.empty:
        st.subheader(t("programs.kecamatan", lang))
        for measure_id, group in kecamatan.groupby("measure", sort=False):
            measure = catalog.measure(str(measure_id))
            newest = group.assign(_month=group["period"].map(PERIOD_ORDER))
            newest = newest.sort_values(["year", "_month"]).iloc[-1]
            latest_rows = group[(group["year"] == newest["year"]) & (group["period"] == newest["period"])]
            figure = program_charts.kecamatan_figure(
                latest_rows, measure, lang, subtitle=chart_subtitle(measure),
                title=t("programs.kecamatan_title", lang, measure=measure.name.get(lang),
                        when=when(str(newest["period"]), int(newest["year"]), lang)),
                source=charts.rows_source_text(latest_rows, catalog, lang, stamps))
            ui.plotly_chart(figure, width="stretch", config=ui.plotly_config(lang), key=f"programs_kecamatan_{measure_id}")
            st.dataframe(pd.DataFrame({
                t("programs.col.kecamatan", lang): group["region_name"],
                t("programs.col.when", lang): [when(p, y, lang) for y, p in zip(group["year"], group["period"], strict=True)],
                t("programs.col.value", lang): [fmt.value(v, measure, lang) for v in group["value"]],
                t("programs.col.status", lang): group["status"],
                t("programs.col.source", lang): [ui.source_label(s, catalog, lang) for s in group["source"]],
            }), hide_index=True, width="stretch")
            ui.source_notes(group["source"], catalog, lang)

    # Every row of the programme, built and sent only while the expander is open (a rerun on open or close).
    all_rows_box = ui.lazy_expander(t("programs.all_rows", lang), key="programs_all_rows")
    if all_rows_box.open:
        table = rows.assign(_month=rows["period"].map(PERIOD_ORDER))
        table = table.sort_values(["measure", "year", "_month"])
        all_rows_box.dataframe(pd.DataFrame({
            t("programs.col.measure", lang): [catalog.measure(m).name.get(lang) for m in table["measure"]],
            t("programs.col.when", lang): [when(p, y, lang) for y, p in zip(table["year"], table["period"], strict=True)],
            t("programs.col.value", lang): [fmt.value(v, catalog.measure(m), lang)
                                            for m, v in zip(table["measure"], table["value"], strict=True)],
            t("programs.col.note", lang): table["note"].fillna(""),
            t("programs.col.source", lang): provenance.row_labels(table, catalog, stamps, lang),
        }), hide_index=True, width="stretch")


def outcomes_tab() -> None:
    # Programmes beside outcomes: every programme of the region, grouped by Inpres strategy.
    st.subheader(t("programs.outcomes", lang))
    bounds = progs.year_span(obs, region.code, [*all_measures, *progs.OUTCOME_MEASURES])
    if bounds is not None:
        first, last = choose_span(*bounds)
        outputs, changes = cached.programme_outcomes(ctx.version, region.code, first, last)
        st.info(t("programs.caveat", lang), icon=":material/info:")
        left, right = st.columns([3, 2])
        with left:
            for strategy_id, group in outputs.groupby("strategy", sort=False):
                st.markdown(f"**{catalog.strategies[str(strategy_id)].name.get(lang)}**")

                st.dataframe(pd.DataFrame({
                    t("programs.col.program", lang): [catalog.programs[p].name.get(lang) for p in group["program"]],
                    t("programs.col.measure", lang): [catalog.measure(m).short.get(lang) for m in group["measure"]],
                    t("programs.col.output", lang): [fmt.value(v, catalog.measure(m), lang)
                                                     for m, v in zip(group["measure"], group["value"], strict=True)],
                    t("programs.col.basis", lang): [basis(r) for _, r in group.iterrows()],
                }), hide_index=True, width="stretch")
            ui.source_notes([s for ids in outputs["sources"] for s in ids.split(";") if s], catalog, lang)
        with right:
            st.markdown(f"**{t('programs.outcome_heading', lang, region=region_label)}**")
            outcome_sources = []
            for change in changes:
                measure = catalog.measure(change.measure)
                if change.end is None or change.start is None:
                    st.metric(measure.name.get(lang), fmt.NO_DATA[lang], border=True)
                    st.caption(t("programs.outcome_none", lang))
                    continue
                outcome_sources += [change.start.source, change.end.source]
                if change.change is None:
                    st.metric(measure.name.get(lang), fmt.value(change.end.value, measure, lang), border=True)
                    st.caption(t("programs.outcome_single", lang, when=when(change.end.period, change.end.year, lang)))
                    continue
                description = t("programs.outcome_change", lang,
                                start_when=f"{when(change.start.period, change.start.year, lang)} "
                                           f"({fmt.value(change.start.value, measure, lang)})",
                                end_when=when(change.end.period, change.end.year, lang))
                st.metric(measure.name.get(lang), fmt.value(change.end.value, measure, lang),
                          delta=fmt.change(change.change, measure, lang).replace(fmt.MINUS, "-"),
                          delta_color="inverse" if measure.lower_is_better else "normal",
                          delta_description=description, border=True)
            ui.source_notes(outcome_sources, catalog, lang)


# The programme's parts as tabs, only the open one built and drawn (issue #18): a change of programme or
# region redraws the open tab's charts or tables, not the charts, eight tables and the outcome cards at once.
# Kept in the link by id (?tab=details), across a language switch.
st.session_state[TAB_SAVED], tabs = ui.lazy_tabs(TAB_KEY, TABS, lang, remembered=st.session_state.get(TAB_SAVED))
ui.build_open_tab(tabs, (outputs_tab, details_tab, outcomes_tab))

# Share: the link reproduces this view (region, language and the page's choices are in the URL).
ui.share_link(lang, "/programs")
