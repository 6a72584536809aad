"""Streamlit rendering of target answers (analytics.targets): the Overview status card, the
Kemiskinan target section and the status column of Bandingkan share these."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from analytics import indicators, target_charts, target_text, targets
from analytics.catalog import Catalog, Measure
from analytics.i18n import period_label, t
from analytics.regions import RegionRegistry
from analytics.targets import GlidePath, TargetAnswer
from pages._shared import data, ui

# Headline measures of the Overview's status cards, in the order officials read them.
HEADLINE_MEASURES = ("p0", "extreme_poverty")


def as_of() -> int:
    """The year of evaluation: today's."""
    return date.today().year


@st.cache_data(show_spinner=False, max_entries=64)
def answer(version: int, region: str, measure_id: str, year: int) -> TargetAnswer:
    """A region's answer for a measure, once per data-version."""
    return targets.evaluate(data.observations(version), data.targets(version), data.registry(version),
                            data.catalog(), region, measure_id, as_of=year)


@st.cache_data(show_spinner=False, max_entries=16)
def statuses(version: int, codes: tuple[str, ...], measure_id: str, year: int) -> pd.DataFrame:
    """The headline status of many regions (the Bandingkan column), once per data-version."""
    return targets.evaluate_all(data.observations(version), data.targets(version), data.registry(version),
                                data.catalog(), codes, measure_id, as_of=year)


def badge(status: str, lang: str) -> None:
    st.badge(t(f"targets.status.{status}", lang), color=target_text.STATUS_COLOUR[status],
             icon=target_text.STATUS_ICON[status])


def _basis_caption(glide: GlidePath, lang: str) -> None:
    target = glide.target
    st.caption(ui.escape_markdown(t("targets.basis", lang, basis=target_text.basis_text(target, lang))),
               help=ui.escape_markdown(target.basis))


def status_card(result: TargetAnswer, measure: Measure, registry: RegionRegistry, lang: str) -> None:
    """A bordered card: the measure, the headline status in words and colour, whose target, the
    numbers behind it and the legal basis below (its full text on hover)."""
    with st.container(border=True):
        st.markdown(f"**{ui.escape_markdown(measure.name.get(lang))}**")
        if not result.headline:
            badge("none", lang)
            st.caption(t("targets.card.none", lang))
            return
        shared = result.status
        if shared is not None:
            badge(shared.value, lang)
        if result.conflicting:
            st.caption(t("targets.conflict_note", lang, count=len(result.headline),
                         year=result.headline[0].target.year))
        for glide in result.headline:
            if shared is None:
                badge(glide.status.value, lang)
            st.markdown(ui.escape_markdown(target_text.headline_label(glide.target, measure, registry, lang)))
            _basis_caption(glide, lang)
        # The numbers are the same for every headline target of one year but for the threshold:
        # the first target's detail is shown, the others' only where they differ.
        details = []
        for glide in result.headline:
            detail = target_text.detail_text(glide, measure, lang)
            if detail and detail not in details:
                details.append(detail)
        for detail in details[:2]:
            st.caption(ui.escape_markdown(detail))


def targets_table(result: TargetAnswer, measure: Measure, registry: RegionRegistry, lang: str) -> pd.DataFrame:
    """Every target that applies, headline first: whose, year, value, status, detail, basis, source."""
    rows = []
    for glide in result.all:
        target = glide.target
        rows.append({
            t("targets.table.scope", lang): target_text.scope_text(target, registry, lang),
            t("targets.table.year", lang): str(target.year),
            t("targets.table.value", lang): target_text.value_text(target, measure, lang),
            t("targets.table.status", lang): t(f"targets.status.{glide.status.value}", lang),
            t("targets.table.detail", lang): target_text.detail_text(glide, measure, lang),
            t("targets.table.basis", lang): target.basis + (
                "; " + t("targets.verify", lang) if target.verify else "") + (
                "; " + t("targets.year_not_stated", lang, plan=target.plan_period or "") if not target.year_stated
                else ""),
            t("targets.table.source", lang): target.source + (f" ({target.source_url})" if target.source_url else ""),
        })
    return pd.DataFrame(rows)


def target_section(result: TargetAnswer, measure: Measure, obs: pd.DataFrame, registry: RegionRegistry,
                   region_label: str, catalog: Catalog, lang: str, key: str) -> None:
    """The Kemiskinan page's block for one measure: status card, glide path chart, all targets."""
    st.markdown(f"#### {ui.escape_markdown(measure.name.get(lang))}")
    st.markdown(f"**{t('targets.section.headline', lang)}**")
    status_card(result, measure, registry, lang)
    if result.headline:
        first = result.headline[0].target
        series = indicators.series(obs, result.region_code, measure.id, first.period)
        labels = [target_text.headline_label(g.target, measure, registry, lang) for g in result.headline]
        figure = target_charts.glide_figure(
            series, region_label, measure, list(result.headline), labels, lang,
            title=t("targets.chart.title", lang, measure=measure.short.get(lang), year=first.year),
            subtitle=f"{region_label}, {period_label(first.period, lang)}")
        st.plotly_chart(figure, width="stretch", config=ui.PLOTLY_CONFIG, key=f"target_glide_{key}")
        ui.source_notes(series["source"], catalog, lang)
    with st.expander(t("targets.section.all", lang, count=len(result.all))):
        st.dataframe(targets_table(result, measure, registry, lang), hide_index=True, width="stretch")
