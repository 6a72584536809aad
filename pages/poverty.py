"""Kemiskinan / Poverty indicators: trends against province, nation and chosen regions; targets and
glide path; a narrative summary; glossary; downloads. Every choice is kept in the URL so a copied link
reproduces the view: the switches `refs` and `long` by Streamlit's own binding, `measures`, `compare` and
`view` by this page (their labels are translated or are region names: see pages/_shared/url_state.py)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from analytics import fmt
from analytics.catalog import Measure, grouped_gaps
from analytics.domain import indicators, narrative, provenance, targets
from analytics.figures import poverty_charts
from analytics.i18n import period_label, t
from analytics.outputs import exports
from pages._shared import cached, data, frame, session, targets_view, ui, url_state

# The indicators this page explores, in the order officials read them.
POVERTY_MEASURES = ("p0", "poor_count", "p1", "p2", "poverty_line", "extreme_poverty", "unemployment",
                    "labour_participation", "hdi", "hdi_old_series", "p0_urban", "p0_rural", "gini")
DEFAULT_MEASURES = ["p0", "extreme_poverty"]
MAX_COMPARE = 5  # more lines than this make a chart unreadable on a phone
VIEWS = ("chart", "table")
# The page's parts, each a tab whose content is built and drawn only while it is open (issue #18): a change
# of region, measure or comparison then redraws the open tab's charts, not the trends' and the glide
# paths' together (four charts for Kota Tangerang). Kept in the URL by id (?tab=targets): the labels are
# translated. Each id's label string is the section's heading.
TABS = {"trend": "poverty.explorer", "targets": "poverty.targets", "glossary": "poverty.glossary"}
# Widget keys, and a copy that survives page navigation (Streamlit drops widget state off-page).
KEYS = {"measures": "poverty_measures", "compare": "poverty_compare", "view": "poverty_view", "tab": "poverty_tab"}
# The switches bound to the URL by Streamlit: the key is the query parameter's name.
REFS_KEY, LONG_KEY = "refs", "long"
# The long kab/kota series (2004–2014) offered beside P0, the number of poor and GK, cut at their flags.
LONG_SERIES = poverty_charts.LONG_SERIES
SAVED = "_poverty_saved"


def first_sentence(text: str) -> str:
    head, _, _ = text.partition(". ")
    return head if head.endswith(".") else head + "."


def init_state(registry, lang: str) -> list[str]:
    """Fill the widget state from the link (first visit) or the saved copy; return ignored link values."""
    saved = st.session_state.setdefault(SAVED, {})
    session.keep_across_language(*KEYS.values())
    params = st.query_params
    ignored: list[str] = []

    def from_link(name: str) -> str | None:
        return params.get(name) if name in params else None

    if KEYS["measures"] not in st.session_state:
        raw = from_link("measures")
        if raw is not None:
            asked = [m for m in raw.split(",") if m]
            ignored += [m for m in asked if m not in POVERTY_MEASURES]
            value = [m for m in asked if m in POVERTY_MEASURES] or DEFAULT_MEASURES
        else:
            value = saved.get("measures", DEFAULT_MEASURES)
        st.session_state[KEYS["measures"]] = list(dict.fromkeys(value))
    if KEYS["compare"] not in st.session_state:
        raw = from_link("compare")
        if raw is not None:
            asked = [c for c in raw.split(",") if c]
            ignored += [c for c in asked if c not in registry]
            value = [c for c in asked if c in registry]
            ignored += value[MAX_COMPARE:]
            value = value[:MAX_COMPARE]
        else:
            value = saved.get("compare", [])
        st.session_state[KEYS["compare"]] = list(dict.fromkeys(value))
    if KEYS["view"] not in st.session_state:
        raw = from_link("view")
        st.session_state[KEYS["view"]] = raw if raw in VIEWS else saved.get("view", "chart")
    return ignored


def region_option_label(registry, code: str) -> str:
    region = registry.get(code)
    if region.level == "nation":
        return "Indonesia"
    if region.level == "province":
        return region.name
    parent = registry.province_of(code, scheme="2025")
    return f"{region.name}, {registry.name(parent)}" if parent else region.name


def figures_table(rows: pd.DataFrame, measure: Measure) -> pd.DataFrame:
    table = pd.DataFrame({
        t("poverty.col.series", lang): [narrative.region_label(registry, c) for c in rows["region_code"]],
        t("poverty.col.period", lang): [period_label(p, lang) for p in rows["period"]],
        t("poverty.col.year", lang): rows["year"].astype(int).astype(str),
        t("poverty.col.value", lang): [fmt.value(v, measure, lang) for v in rows["value"]],
        t("poverty.col.status", lang): rows["status"],
        t("poverty.col.source", lang): provenance.row_labels(rows, catalog, stamps, lang),
        t("poverty.col.note", lang): rows["note"].fillna(""),
    })
    return table


def downloads(rows: pd.DataFrame, name: str, key: str) -> None:
    # Headers, periods, units and sources in the interface language; the Excel file names each measure.
    # The source column marks staff uploads as such ("diunggah petugas, revisi 3, …").
    # The files are built when a button is clicked (Streamlit's deferred download), not on every rerun:
    # both took about 0.1 s per measure of each rerun, 0.3 s on a session's first.
    def csv_file() -> bytes:
        return exports.readable_csv(rows, registry, catalog, lang, provenance.row_labels(rows, catalog, stamps, lang))

    def excel_file() -> bytes:
        return exports.readable_excel(rows, registry, catalog, lang, provenance.row_labels(rows, catalog, stamps, lang),
                                      provenance.cited_sources(rows, stamps))

    left, right = st.columns(2)
    left.download_button(t("poverty.download_csv", lang), csv_file, file_name=f"{name}.csv",
                         mime="text/csv", key=f"csv_{key}", icon=":material/download:",
                         help=t("poverty.download_help", lang), width="stretch")
    right.download_button(t("poverty.download_excel", lang), excel_file,
                          file_name=f"{name}.xlsx", key=f"xlsx_{key}", icon=":material/download:",
                          mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", width="stretch")
    ui.csv_note(lang)


# 1. inputs ----------------------------------------------------------------------------------
ctx = frame.current()
lang, catalog, obs, registry = ctx.lang, ctx.catalog, ctx.observations, ctx.registry
region = registry.get(ctx.region)
stamps = data.revision_stamps(ctx.version)
region_name = narrative.region_label(registry, region.code)
ignored_in_link = init_state(registry, lang)

st.title(t("poverty.title", lang, region=ui.escape_markdown(region_name)))
st.caption(t("poverty.intro", lang))
if ignored_in_link:
    st.warning(t("poverty.invalid_link", lang, values=ui.escape_markdown(", ".join(ignored_in_link))))

glossary_help = "\n\n".join(f"**{ui.escape_markdown(catalog.measure(m).short.get(lang))}**: "
                            f"{ui.escape_markdown(first_sentence(catalog.measure(m).definition.get(lang)))}"
                            for m in POVERTY_MEASURES)
left, right = st.columns(2)
with left:
    # No "Select all" entry (select_all=False, on every multiselect of the dashboard): Streamlit writes it in
    # English only, and every indicator or region at once is not a view the pages offer.
    chosen = st.multiselect(t("poverty.measures", lang), list(POVERTY_MEASURES), key=KEYS["measures"],
                            format_func=lambda m: catalog.measure(m).name.get(lang),
                            placeholder=t("poverty.measures_placeholder", lang), select_all=False,
                            help=t("poverty.measures_help", lang) + "\n\n" + glossary_help)
with right:
    view = st.radio(t("poverty.view", lang), list(VIEWS), key=KEYS["view"], horizontal=True,
                    format_func=lambda v: t(f"poverty.view.{v}", lang))
left, right = st.columns(2)
with left:
    show_refs = st.toggle(t("poverty.refs", lang), value=True, key=REFS_KEY, bind="query-params",
                          help=t("poverty.refs_help", lang))
with right:
    long_series = st.toggle(t("poverty.long_series", lang), value=False, key=LONG_KEY, bind="query-params",
                            help=t("poverty.long_series_help", lang))
# The comparison regions are chosen in the trends tab (they change its charts only); while another tab is
# open their choice is the saved one, kept in the link.
compare_options = [c for c in registry.frame["code"] if c != region.code]
st.session_state[KEYS["compare"]] = [c for c in st.session_state[KEYS["compare"]] if c != region.code]

# Keep the unbound choices in the URL (Streamlit clears page query params on navigation: rewrite every run).
url_state.keep({"measures": ",".join(chosen), "compare": ",".join(st.session_state[KEYS["compare"]]), "view": view})
st.session_state[SAVED] = {**st.session_state[SAVED], "measures": list(chosen),
                           "compare": list(st.session_state[KEYS["compare"]]), "view": view}

# 2. data ------------------------------------------------------------------------------------
as_of = date.today().year


def target_answers(measure_ids: list[str] | tuple[str, ...]) -> dict[str, targets.TargetAnswer]:
    """The region's answer for each of the measures that has a target at any level (own, province, nation)."""
    found = {m: targets_view.answer(ctx.version, region.code, m, as_of) for m in measure_ids}
    return {m: a for m, a in found.items() if a.all}


# The narrative's glide paths: the chosen measures' only (the targets' tab answers every measure when opened).
glides: dict[str, targets.GlidePath] = {m: a.headline[0] for m, a in target_answers(chosen).items() if a.headline}
story = cached.narrative_summary(ctx.version, region.code, chosen, lang, as_of, glides)

# 3. render ----------------------------------------------------------------------------------
if not chosen:
    st.info(t("poverty.measures_empty", lang))

if chosen:
    st.subheader(t("poverty.narrative", lang))
    with st.container(border=True):
        for paragraph in story.paragraphs:
            st.markdown(ui.escape_markdown(paragraph))
        if not story.paragraphs:
            st.markdown(t("poverty.narrative_empty", lang))
    st.caption(t("poverty.narrative_caption", lang))
    if story.rank_withheld:
        st.caption(t("poverty.rank_withheld", lang))


def trend_tab() -> None:
    """The trends, with the comparison regions chosen above them: a part that reruns on its own (ui.part) when
    they change, so the browser redraws the trends only, not the narrative, the sidebar and the page's head."""
    compare = st.multiselect(t("poverty.compare", lang), compare_options, key=KEYS["compare"],
                             max_selections=MAX_COMPARE, format_func=lambda c: region_option_label(registry, c),
                             placeholder=t("poverty.compare_placeholder", lang), select_all=False,
                             help=t("poverty.compare_help", lang))
    url_state.keep({"compare": ",".join(compare)})
    st.session_state[SAVED] = {**st.session_state[SAVED], "compare": list(compare)}
    codes = indicators.trend_roles(registry, region.code, references=show_refs, compare=compare)
    for measure_id in chosen:
        measure = catalog.measure(measure_id)
        explored = cached.explorer_data(ctx.version, measure_id, codes, lang, long_series)
        lines, old_labels, rows = list(explored.lines), explored.old_labels, explored.rows
        long_labels, long_flags = explored.long_labels, explored.long_flags
        if rows.empty or view == "table":
            # A chart carries its own title (also in the PNG); a table or a notice needs a heading.
            st.markdown(f"#### {ui.escape_markdown(measure.name.get(lang))}",
                        help=ui.escape_markdown(measure.definition.get(lang)))
        if rows.empty:
            st.info(t("poverty.no_data_measure", lang, measure=measure.name.get(lang)))
            continue
        if view == "chart":
            # A target drawn as a star only when it is one value (ranges and "below x" are drawn in the
            # target section's glide chart).
            glide = glides[measure_id] if measure_id in glides and glides[measure_id].target.kind == "value" else None
            figure = cached.explorer_figure(ctx.version, measure_id, region.code, lang, references=show_refs,
                                            compare=list(compare), long=long_series, as_of=as_of, glide=glide)
            ui.plotly_chart(figure, width="stretch", config=ui.plotly_config(lang), key=f"poverty_chart_{measure_id}")
            st.caption(t("poverty.chart_caption", lang))
            if old_labels:
                old_years = sorted({int(y) for line in lines if line.label in old_labels for y in line.frame["year"]})
                st.caption(t("poverty.old_method_caption", lang, years=", ".join(map(str, old_years))))
            if long_labels:
                territory = t("poverty.long_series_territory", lang, n=long_flags) if long_flags else ""
                st.caption(t("poverty.long_series_caption", lang, territory=territory))
        else:
            st.dataframe(figures_table(rows, measure), hide_index=True, width="stretch")
        if long_series and measure_id in LONG_SERIES and not long_labels:
            st.caption(t("poverty.long_series_none", lang))
        # A known gap says why it is there (e.g. BPS did not compute the national September 2023).
        shown_periods = sorted({line.period for line in lines})
        for gap in grouped_gaps(measure.gaps_for([c for c, _ in codes], shown_periods)):
            st.caption("⚑ " + t("gap.caption", lang, region=narrative.region_label(registry, gap.region),
                                 when=f"{period_label(gap.period, lang)} {gap.years_text()}",
                                 reason=gap.reason.get(lang)))
        for note in measure.method_notes:
            st.caption(f"⚑ {note.year or ''} {ui.escape_markdown(note.text.get(lang))}".replace("⚑  ", "⚑ "))
        downloads(rows, f"kemiskinan_{region.code}_{measure_id}", measure_id)
        ui.rows_source_notes(rows, catalog, stamps, lang)


def targets_tab() -> None:
    # Every measure with a target at any level, P0 first (issue #15).
    answers = target_answers(POVERTY_MEASURES)
    if not answers:
        st.info(t("poverty.targets_none", lang))
    for measure_id, result in answers.items():
        with st.container(border=True):
            targets_view.target_section(result, catalog.measure(measure_id), obs, registry, region_name, catalog,
                                        lang, key=measure_id, version=ctx.version)
    st.caption(t("targets.rule", lang))


def glossary_tab() -> None:
    st.caption(t("poverty.glossary_caption", lang))
    for measure_id in POVERTY_MEASURES:
        measure = catalog.measure(measure_id)
        with st.expander(f"{measure.name.get(lang)}"):
            st.markdown(ui.escape_markdown(measure.definition.get(lang)))
            for note in measure.method_notes:
                prefix = f"{t('poverty.method_note', lang)}{' ' + str(note.year) if note.year else ''}"
                st.caption(f"**{prefix}:** {ui.escape_markdown(note.text.get(lang))}")


# Only the open tab is built: the others send nothing and the browser draws nothing.
open_tab, tabs = ui.lazy_tabs(KEYS["tab"], TABS, lang, remembered=st.session_state[SAVED].get("tab"))
st.session_state[SAVED] = {**st.session_state[SAVED], "tab": open_tab}
ui.build_open_tab(tabs, (trend_tab, targets_tab, glossary_tab), parts=(trend_tab,))

# Share: the link reproduces this view (region, language and the page's choices are in the URL).
ui.share_link(lang, "/poverty")
