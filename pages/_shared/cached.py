"""Page results that are the same for every session with the same inputs, computed once.

Keyed on the data-version like every cached read (pages/_shared/data.py), so a write by any
process is seen at the next rerun; and on everything else the result depends on (region,
language, choices), so no session is shown another's.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics.domain import indicators, narrative
from analytics.domain.targets import GlidePath
from analytics.figures import charts, poverty_charts
from pages._shared import data, figures


@st.cache_resource(show_spinner=False, max_entries=256)
def _narrative(url: str, version: int, region_code: str, measure_ids: tuple[str, ...], lang: str, as_of: int,
               _glides: dict[str, GlidePath]) -> narrative.Narrative:
    return narrative.summary(data.observations(version), data.registry(version), data.catalog(), region_code,
                             list(measure_ids), lang, _glides)


def narrative_summary(version: int, region_code: str, measure_ids: list[str], lang: str, as_of: int,
                      glides: dict[str, GlidePath]) -> narrative.Narrative:
    """narrative.summary, once per data-version, region, measures, language and year (the glide paths
    are the region's targets as of that year at that data-version, so they add nothing to the key).
    The Narrative is frozen, so every session may share it. It took about 0.45 s of each Kemiskinan
    rerun (peer ranks over every kab/kota)."""
    return _narrative(data.store().url, version, region_code, tuple(measure_ids), lang, as_of, glides)


@st.cache_resource(show_spinner=False, max_entries=512)
def _region_lines(url: str, version: int, measure_id: str, code: str, role: str, lang: str,
                  long: bool) -> poverty_charts.RegionLines:
    return poverty_charts.region_lines(data.observations(version), data.registry(version), data.catalog(),
                                       data.catalog().measure(measure_id), code, role, lang,
                                       stamps=data.revision_stamps(version), long=long)


@st.cache_resource(show_spinner=False, max_entries=256)
def _explorer_data(url: str, version: int, measure_id: str, codes: tuple[tuple[str, str], ...], lang: str,
                   long: bool) -> poverty_charts.ExplorerLines:
    # Each region's lines once for every choice that draws it (a province's and the nation's for all its kab/kota).
    return poverty_charts.explorer_lines(data.observations(version), data.registry(version), data.catalog(),
                                         data.catalog().measure(measure_id), list(codes), lang,
                                         stamps=data.revision_stamps(version), long=long,
                                         part=lambda code, role: _region_lines(url, version, measure_id, code, role,
                                                                               lang, long))


def explorer_data(version: int, measure_id: str, codes: list[tuple[str, str]], lang: str,
                  long: bool) -> poverty_charts.ExplorerLines:
    """The Kemiskinan explorer's lines and rows for one measure and the drawn regions (with their roles),
    once per store, data-version, language and choice, shared by every session (read only): about 0.1 s
    of every rerun per measure."""
    return _explorer_data(data.store().url, version, measure_id, tuple(codes), lang, long)


@st.cache_resource(show_spinner=False, max_entries=256)
def _explorer_figure(url: str, version: int, measure_id: str, region_code: str, lang: str, references: bool,
                     compare: tuple[str, ...], long: bool, as_of: int, _glide: GlidePath | None) -> go.Figure | None:
    registry, catalog = data.registry(version), data.catalog()
    codes = indicators.trend_roles(registry, region_code, references=references, compare=list(compare))
    figure = poverty_charts.explorer_chart(explorer_data(version, measure_id, codes, lang, long), codes, registry,
                                           catalog, catalog.measure(measure_id), region_code, lang, glide=_glide,
                                           stamps=data.revision_stamps(version))
    return figures.shared(figure) if figure is not None else None


def explorer_figure(version: int, measure_id: str, region_code: str, lang: str, *, references: bool,
                    compare: list[str], long: bool, as_of: int, glide: GlidePath | None) -> go.Figure | None:
    """poverty_charts.explorer_figure, built once per store, data-version, region, language and choice
    (the glide path is the region's target as of `as_of` at that data-version: it adds nothing to the key),
    from the lines `explorer_data` made for the page's table and notes (made twice before: 0.1 s a measure).
    About 0.2 s of every Kemiskinan rerun per measure before."""
    return _explorer_figure(data.store().url, version, measure_id, region_code, lang, references, tuple(compare),
                            long, as_of, glide)


# With registered kecamatan, the shared frame and theirs joined once per data-version and region, and indexed
# like it (a join per rerun was 53,000 rows copied, and every selection on it compared strings on all of them).
@st.cache_resource(show_spinner=False, max_entries=32)
def _region_observations(url: str, version: int, region_code: str) -> pd.DataFrame:
    from analytics.domain import programs

    children = programs.region_children(data.registry(version), region_code)
    obs = data.observations(version)
    if not children:
        return obs
    return indicators.indexed(pd.concat([obs, data.finer_observations(version, children)], ignore_index=True))


def region_observations(version: int, region_code: str) -> pd.DataFrame:
    """The Program page's observations: the frame's, and the region's registered kecamatan (shared: read
    them, never write into them)."""
    return _region_observations(data.store().url, version, region_code)


@st.cache_data(show_spinner=False, max_entries=64)
def _programme_outcomes(url: str, version: int, region_code: str, first: int, last: int) -> tuple[pd.DataFrame, list]:
    from analytics.domain import programs

    obs, catalog = region_observations(version, region_code), data.catalog()
    available = programs.programs_for_region(catalog, obs, data.registry(version), region_code)
    return (programs.outputs_in_span(catalog, available, obs, region_code, first, last),
            programs.outcome_changes(obs, region_code, first, last))


def programme_outcomes(version: int, region_code: str, first: int, last: int) -> tuple[pd.DataFrame, list]:
    """The Program page's "programmes beside outcomes" over [first, last]: every programme's outputs
    (analytics.domain.programs.outputs_in_span) and the outcome changes, once per store, data-version, region
    and span. About half of a Program rerun before (a filter over all observations per measure)."""
    return _programme_outcomes(data.store().url, version, region_code, first, last)


@dataclass(frozen=True)
class OverviewData:
    """What the Overview shows of one region: its latest and previous value of each KPI (with the
    uploaded mark of the latest, if staff uploaded it), the P0 trend figure and its lines, the rows drawn
    (each with its line's label as `series`) with the sources cited under the chart and the uploads listed
    apart, and the latest output of each of its programmes' measures. Shared by every session: read only."""

    latest: dict[str, indicators.Point | None]
    previous: dict[str, indicators.Point | None]
    uploads: dict[str, str | None]
    figure: go.Figure | None
    lines: tuple[charts.Line, ...]
    rows: pd.DataFrame
    cited: tuple[str, ...]
    uploaded: tuple[str, ...]
    outputs: dict[str, indicators.Point | None]


@st.cache_resource(show_spinner=False, max_entries=256)
def _overview(url: str, version: int, region_code: str, lang: str, measure_ids: tuple[str, ...], trend_measure: str
              ) -> OverviewData:
    from analytics.domain import provenance

    obs, registry, catalog = data.observations(version), data.registry(version), data.catalog()
    stamps = data.revision_stamps(version)
    own = indicators.select(obs, regions=[region_code])  # every KPI looks only at the region's own rows
    latest = {m: indicators.latest(own, region_code, m) for m in measure_ids}
    previous = {m: indicators.previous(own, p) if p else None for m, p in latest.items()}
    uploads = {m: provenance.point_upload_label(own, p, stamps, lang) for m, p in latest.items()}
    figure, lines = poverty_charts.overview_figure(obs, registry, catalog, region_code, lang, trend_measure, stamps)
    outputs = {m: indicators.latest_dated(own, region_code, m)
               for p in catalog.programs.values() if p.region == region_code for m in p.measures}
    rows, cited, uploaded = pd.DataFrame(), (), ()
    if lines:  # the sources under the chart (ui.rows_source_notes' two lists), once
        rows = pd.concat([line.frame.assign(series=line.label) for line in lines])
        cited, uploaded = tuple(provenance.cited_sources(rows, stamps)), tuple(provenance.upload_notes(rows, stamps, lang))
    return OverviewData(latest, previous, uploads, figures.shared(figure) if figure is not None else None,
                        tuple(lines), rows, cited, uploaded, outputs)


def overview(version: int, region_code: str, lang: str, measure_ids: tuple[str, ...], trend_measure: str
             ) -> OverviewData:
    """The Overview's figures of a region, once per store, data-version, region and language: about 0.12 s
    of each Overview rerun before (per-KPI filters over every observation, the trend figure)."""
    return _overview(data.store().url, version, region_code, lang, measure_ids, trend_measure)


@dataclass(frozen=True)
class ProgrammeView:
    """What the Program page shows of one programme in one region, in one language: its yearly rows per
    measure, targets and attainment, running totals beside the sums, costs, scale against the poor,
    kecamatan rows, every row, latest values (with upload marks), disagreements between sources, and its
    charts (key, figure, rows drawn, target sources). Shared by every session: read only."""

    yearly: dict[str, pd.DataFrame]
    targets: pd.DataFrame
    comparisons: dict[str, pd.DataFrame]
    costs: pd.DataFrame
    intensity: dict[str, pd.DataFrame]
    kecamatan: pd.DataFrame
    rows: pd.DataFrame
    latest: dict[str, indicators.Point | None]
    uploads: dict[str, str | None]
    conflicts: pd.DataFrame
    charts: tuple[tuple[str, go.Figure, pd.DataFrame, tuple[str, ...]], ...]
    parts: tuple[tuple[str, go.Figure, pd.DataFrame], ...]
    money_rows: bool


@st.cache_resource(show_spinner=False, max_entries=64)
def _programme_view(url: str, version: int, region_code: str, program_id: str, lang: str) -> ProgrammeView:
    from analytics.domain import programs as progs
    from analytics.domain import provenance
    from analytics.figures import program_charts
    from analytics.i18n import t

    obs, registry, catalog = region_observations(version, region_code), data.registry(version), data.catalog()
    stamps, program, region = data.revision_stamps(version), catalog.programs[program_id], registry.get(region_code)

    def subtitle(measure) -> str:  # type: ignore[no-untyped-def]
        return program_charts.chart_subtitle(region.name, measure, lang)

    measures = progs.chart_measures(catalog, program)
    yearly = {m.id: progs.yearly_values(obs, region_code, m.id) for m in measures}
    with_data = [m for m in measures if not yearly[m.id].empty]
    targets = progs.attainment(data.targets(version), obs, region_code, list(program.measures))
    comparisons = {m.id: progs.cumulative_comparison(obs, region_code, m.id, partner.id)
                   for m in measures if (partner := progs.cumulative_partner(catalog, m.id)) is not None}
    latest = {m.id: indicators.latest_dated(obs, region_code, m.id) for m in measures}
    charts_drawn = []
    for measure in with_data:
        measure_targets = targets[targets["measure"] == measure.id]
        figure = program_charts.output_figure(
            yearly[measure.id], measure, lang, title=measure.name.get(lang), subtitle=subtitle(measure),
            targets=measure_targets if not measure_targets.empty else None,
            source=charts.rows_source_text(yearly[measure.id], catalog, lang, stamps,
                                           also=measure_targets["target_source"]))
        charts_drawn.append((measure.id, figures.shared(figure), yearly[measure.id],
                             tuple(measure_targets["target_source"])))
        if measure.id in comparisons:
            # The drawn rows: the yearly figures and the reported running totals (with `rev_from`).
            drawn = pd.concat([yearly[measure.id], progs.measure_rows(
                obs, region_code, progs.cumulative_partner(catalog, measure.id).id)], ignore_index=True)
            figure = program_charts.cumulative_figure(
                progs.running_total(obs, region_code, measure.id), comparisons[measure.id], measure, lang,
                subtitle=subtitle(measure), title=t("programs.cumulative_title", lang, measure=measure.short.get(lang)),
                source=charts.rows_source_text(drawn, catalog, lang, stamps))
            charts_drawn.append((f"{measure.id}_cumulative", figures.shared(figure), drawn, ()))
    parts = []
    for measure in with_data:
        frames = {p.short.get(lang): progs.yearly_values(obs, region_code, p.id)
                  for p in progs.parts_of(catalog, program, measure.id)}
        frames = {label: f for label, f in frames.items() if not f.empty}
        if frames:
            drawn = pd.concat(frames.values())
            figure = program_charts.parts_figure(frames, measure, lang, subtitle=subtitle(measure),
                                                 title=t("programs.parts_title", lang, measure=measure.name.get(lang)),
                                                 source=charts.rows_source_text(drawn, catalog, lang, stamps))
            parts.append((measure.id, figures.shared(figure), drawn))
    money = [m for m in catalog.program_measures(program.id) if m.unit == "rupiah"]
    return ProgrammeView(
        yearly=yearly, targets=targets, comparisons=comparisons,
        costs=progs.cost_table(catalog, program, obs, region_code),
        intensity={m.id: progs.intensity(obs, region_code, m.id) for m in progs.intensity_measures(catalog, program)
                   if not yearly[m.id].empty},
        kecamatan=progs.kecamatan_breakdown(obs, registry, region_code, list(program.measures)),
        rows=progs.program_rows(catalog, program, obs, registry, region_code), latest=latest,
        uploads={m: provenance.point_upload_label(obs, p, stamps, lang) for m, p in latest.items()},
        conflicts=progs.disagreements(obs, region_code, program), charts=tuple(charts_drawn), parts=tuple(parts),
        money_rows=any(not progs.measure_rows(obs, region_code, m.id).empty for m in money))


def programme_view(version: int, region_code: str, program_id: str, lang: str) -> ProgrammeView:
    """The Program page's figures of one programme in one region, once per store, data-version, region,
    programme and language: about 0.2 s of each Program rerun for Kota Tangerang before (its charts, the
    attainment, running totals and disagreements, each a filter over every observation)."""
    return _programme_view(data.store().url, version, region_code, program_id, lang)
