"""Streamlit rendering of target answers (analytics.domain.targets): the Overview status card, the
Kemiskinan target section and the status column of Bandingkan share these."""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics.catalog import Catalog, Measure
from analytics.domain import indicators, provenance, target_text, targets
from analytics.domain.targets import TargetAnswer
from analytics.figures import charts, target_charts
from analytics.i18n import period_label, t
from analytics.outputs import exports
from analytics.regions import RegionRegistry
from analytics.store.store import LoadPlan
from pages._shared import data, figures, ui

# Headline measures of the Overview's status cards, in the order officials read them.
HEADLINE_MEASURES = ("p0", "extreme_poverty")
# The glide chart's toolbar: the PNG camera stays, zoom and pan go, so the bar does not cover the
# chart title on a phone (as on the rest of the Kemiskinan page).
PLOTLY_CONFIG = {**ui.PLOTLY_CONFIG, "modeBarButtonsToRemove": [
    "zoom2d", "pan2d", "select2d", "lasso2d", "zoomIn2d", "zoomOut2d", "autoScale2d", "resetScale2d"]}


def as_of() -> int:
    """The year of evaluation: today's."""
    return date.today().year


# Cached per store URL and data-version, like every read in pages/_shared/data.py: keyed on the
# version alone, two stores at the same revision number would share answers. Kept as the object
# itself (an answer is frozen, its parts are tuples), not a copy unpickled on every run.
@st.cache_resource(show_spinner=False, max_entries=64)
def _answer(url: str, version: int, region: str, measure_id: str, year: int) -> TargetAnswer:
    return targets.evaluate(data.observations(version), data.targets(version), data.registry(version),
                            data.catalog(), region, measure_id, as_of=year)


def answer(version: int, region: str, measure_id: str, year: int) -> TargetAnswer:
    """A region's answer for a measure, once per data-version."""
    return _answer(data.store().url, version, region, measure_id, year)


@st.cache_data(show_spinner=False, max_entries=16)
def _statuses(url: str, version: int, codes: tuple[str, ...], measure_id: str, year: int) -> pd.DataFrame:
    return targets.evaluate_all(data.observations(version), data.targets(version), data.registry(version),
                                data.catalog(), codes, measure_id, as_of=year)


def statuses(version: int, codes: tuple[str, ...], measure_id: str, year: int) -> pd.DataFrame:
    """The headline status of many regions (the Bandingkan column), once per data-version."""
    return _statuses(data.store().url, version, codes, measure_id, year)


def badge(status: str, lang: str) -> None:
    st.badge(t(f"targets.status.{status}", lang), color=target_text.STATUS_COLOUR[status],
             icon=target_text.STATUS_ICON[status])


def badge_markdown(status: str, lang: str) -> str:
    """The status as an inline Markdown badge (word, colour and icon), to sit beside a title."""
    return (f":{target_text.STATUS_COLOUR[status]}-badge[{target_text.STATUS_ICON[status]} "
            f"{t(f'targets.status.{status}', lang)}]")


def status_card(result: TargetAnswer, measure: Measure, registry: RegionRegistry, lang: str, *,
                show_name: bool = True) -> None:
    """A compact bordered card (both fit a phone's first screen): the measure and the headline
    status in words and colour, whose target, the numbers behind it, and the legal basis (its
    full text on hover). Conflicting targets for one year are listed side by side, each with
    its basis (and its own status where they differ)."""
    with st.container(border=True):
        name = f"**{ui.escape_markdown(measure.name.get(lang))}**" if show_name else (
            f"**{t('targets.section.headline', lang)}**")
        if not result.headline:
            st.markdown(f"{name} {badge_markdown('none', lang)}")
            st.caption(t("targets.card.none", lang))
            return
        shared = result.status
        st.markdown(f"{name} {badge_markdown(shared.value if shared else 'conflict', lang)}")
        first = result.headline[0].target
        if not result.conflicting:
            st.markdown(ui.escape_markdown(target_text.headline_label(first, measure, registry, lang)))
            detail = target_text.detail_text(result.headline[0], measure, lang)
            basis = t("targets.basis", lang, basis=target_text.basis_text(first, lang))
            st.caption(ui.escape_markdown(detail) + "  \n" + ui.escape_markdown(basis),
                       help=ui.escape_markdown(first.basis))
            return
        st.markdown(ui.escape_markdown(t("targets.conflict_head", lang, scope=target_text.scope_text(
            first, registry, lang), year=first.year, count=len(result.headline))))
        lines = []
        for glide in result.headline:
            need = target_text.needed_text(glide, measure, lang)
            own_badge = "" if shared is not None else " " + badge_markdown(glide.status.value, lang)
            lines.append(f"**{ui.escape_markdown(target_text.value_text(glide.target, measure, lang))}** · "
                         f"{ui.escape_markdown(target_text.basis_text(glide.target, lang))}"
                         f"{': ' + ui.escape_markdown(need) if need else ''}{own_badge}")
        lines.append(ui.escape_markdown(target_text.shared_detail(result.headline, measure, lang)))
        cautions = {target_text.line_caution(g.target, measure, lang) for g in result.headline} - {None}
        lines += [ui.escape_markdown(c) for c in sorted(cautions)]
        st.caption("  \n".join(lines), help=ui.escape_markdown("\n\n".join(g.target.basis for g in result.headline)))


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
                "; " + t("targets.year_not_stated", lang, year=target.year) if not target.year_stated
                else ""),
            # Cited as a reader would: no repository mirror (data/README.md's provenance names those).
            t("targets.table.source", lang): provenance.target_citation(target.source, target.basis) + (
                f" ({provenance.publisher_url(target.source_url)})" if provenance.publisher_url(target.source_url)
                else ""),
            # The source's own remarks: conflicts, a different poverty line (US$2.15 vs US$1.9 PPP), drafts.
            t("targets.table.note", lang): provenance.without_mirrors(target.note or ""),
        })
    return pd.DataFrame(rows)


def glide_chart(result: TargetAnswer, measure: Measure, series: pd.DataFrame, registry: RegionRegistry,
                region_label: str, catalog: Catalog, lang: str) -> go.Figure:
    """The glide path chart of a region's headline target(s), its source line inside (#14)."""
    first = result.headline[0].target
    # Legend entries short enough for a phone: whose target when there is one; value and basis
    # when several targets of one year conflict (the card and the table give the full basis).
    labels = ([target_text.headline_label(first, measure, registry, lang)] if not result.conflicting else
              [f"{target_text.value_text(g.target, measure, lang)} · {targets.short_basis(g.target.basis)}"
               for g in result.headline])
    figure = target_charts.glide_figure(
        series, region_label, measure, list(result.headline), labels, lang,
        title=t("targets.chart.title", lang, measure=measure.short.get(lang), year=first.year),
        subtitle=f"{region_label}, {period_label(first.period, lang)}")
    # The source line inside the figure (#14), so a downloaded PNG carries it; plotly in the UI language.
    charts.add_source(figure, charts.source_text(
        [*series["source"], *(provenance.target_citation(g.target.source, g.target.basis) for g in result.headline)],
        catalog, lang))
    return figure


# Built once per store, data-version, region, measure, year of evaluation, language and label: the answer
# and the series follow from those. It took about a third of a Kemiskinan rerun (two glide charts).
@st.cache_resource(show_spinner=False, max_entries=128)
def _glide_chart(url: str, version: int, region_code: str, measure_id: str, as_of: int, lang: str,
                 region_label: str, _result: TargetAnswer, _series: pd.DataFrame) -> go.Figure:
    return figures.shared(glide_chart(_result, data.catalog().measure(measure_id), _series, data.registry(version),
                                      region_label, data.catalog(), lang))


def target_section(result: TargetAnswer, measure: Measure, obs: pd.DataFrame, registry: RegionRegistry,
                   region_label: str, catalog: Catalog, lang: str, key: str, version: int | None = None) -> None:
    """The Kemiskinan page's block for one measure: status card, glide path chart, all targets. With the
    data-version, the chart is built once and shared (pages/_shared/figures.py)."""
    st.markdown(f"#### {ui.escape_markdown(measure.name.get(lang))}")
    status_card(result, measure, registry, lang, show_name=False)
    first = result.headline[0].target if result.headline else None
    series = (indicators.series(obs, result.region_code, measure.id, first.period).dropna(subset=["value"])
              if first is not None else pd.DataFrame())
    if first is not None and not series.empty:  # no observation: the card says what is missing, no empty chart
        figure = (glide_chart(result, measure, series, registry, region_label, catalog, lang) if version is None else
                  _glide_chart(data.store().url, version, result.region_code, measure.id, result.as_of, lang,
                               region_label, result, series))
        ui.plotly_chart(figure, width="stretch", config=ui.plotly_config(lang, modeBarButtonsToRemove=PLOTLY_CONFIG[
            "modeBarButtonsToRemove"]), key=f"target_glide_{key}")
        ui.source_notes(series["source"], catalog, lang)
    # The table is built and sent only while its expander is open, the file only when asked for: a first
    # view of Kemiskinan then sends no table, and the browser need not load the data grid to draw it.
    table_box = ui.lazy_expander(t("targets.section.all", lang, count=len(result.all)), key=f"target_all_{key}")
    if table_box.open:
        table_box.dataframe(targets_table(result, measure, registry, lang), hide_index=True, width="stretch")
    st.download_button(t("targets.download", lang), lambda: exports.csv_bytes(targets_table(result, measure, registry,
                                                                                              lang)),
                       file_name=f"target_{result.region_code}_{measure.id}.csv", mime="text/csv",
                       key=f"target_csv_{key}", icon=":material/download:", on_click="ignore")


# -- the upload page: a target file's preview ---------------------------------------------------


def as_row_plan(plan: LoadPlan) -> LoadPlan:
    """A target file's dry run seen as the upload page's added/changed/unchanged rows (the save
    itself uses the original plan)."""
    empty = plan.targets_added.iloc[0:0]
    return LoadPlan(plan.targets_added, plan.targets_changed, plan.targets_unchanged, empty, empty, empty,
                    plan.version)


def preview_table(rows: pd.DataFrame, registry: RegionRegistry, catalog: Catalog, lang: str) -> pd.DataFrame:
    """Target rows readable: region, measure, year, the target in words (old beside new when
    changed), legal basis and the verification flag."""
    def value(row: pd.Series, prefix: str = "") -> str:
        target = targets.to_target(pd.Series({**row.to_dict(), **{c: row.get(f"{prefix}{c}") for c in
                                                                   ("value", "lower", "upper")}}))
        measure = catalog.measures.get(target.measure)
        return target_text.value_text(target, measure, lang) if measure else ""
    out = pd.DataFrame({
        t("col.region_code", lang): rows["region_code"].to_numpy(),
        t("col.region", lang): [registry.name(c) if c in registry else c for c in rows["region_code"]],
        t("col.measure", lang): [catalog.measures[m].name.get(lang) if m in catalog.measures else m
                                 for m in rows["measure"]],
        t("targets.table.year", lang): rows["year"].astype(str).to_numpy(),
    })
    if "old_value" in rows:
        out[t("col.old_value", lang)] = [value(r, "old_") for _, r in rows.iterrows()]
    out[t("targets.table.value", lang)] = [value(r) for _, r in rows.iterrows()]
    out[t("targets.table.basis", lang)] = [b + ("; " + t("targets.verify", lang) if v else "")
                                           for b, v in zip(rows["basis"], rows["verify"], strict=True)]
    return out


# -- Bandingkan: an optional "status vs target" column ----------------------------------------


def has_targets(stored: pd.DataFrame, measure_id: str) -> bool:
    return not stored.empty and bool((stored["measure"] == measure_id).any())


def status_column(version: int, codes: list[str], measure_id: str, lang: str) -> list[str]:
    """Each region's headline status in words, with whose target ("Belum sesuai lintasan (provinsi)")."""
    table = statuses(version, tuple(codes), measure_id, as_of()).set_index("region_code")
    out = []
    for code in codes:
        status, scope = table.at[code, "status"], table.at[code, "scope"]
        words = t(f"targets.status.{status}", lang)
        out.append(f"{words} · {t(f'targets.scope.short.{scope}', lang)}" if isinstance(scope, str) else words)
    return out


# -- the history page: what a revision did to targets -----------------------------------------


@st.cache_data(show_spinner=False, max_entries=32)
def _revision_changes(url: str, version: int, revision: int) -> pd.DataFrame:
    return data.store().target_changes(revision)


def revision_changes(version: int, revision: int) -> pd.DataFrame:
    return _revision_changes(data.store().url, version, revision)


def history_block(version: int, revision: int, registry: RegionRegistry, catalog: Catalog, lang: str) -> None:
    """Under a revision's observation changes: its target changes, if it made any."""
    changes = revision_changes(version, revision)
    if changes.empty:
        return
    st.markdown(f"**{t('targets.history.heading', lang, revision=revision)}**")
    shown = preview_table(changes.assign(verify=changes["verify"].fillna(False).astype(bool)), registry, catalog,
                          lang)
    shown.insert(0, t("col.change", lang), [t(f"change.{c}", lang) for c in changes["change"]])
    st.dataframe(shown, hide_index=True, width="stretch")
