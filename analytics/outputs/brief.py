"""The one-page region brief: an A4 PDF an official can print or forward, in Indonesian or English.

Two steps, so tests can check the content apart from the drawing:

- `compose` gathers everything printed, as text already formatted by analytics.fmt and
  translated through analytics.i18n, from the same functions the pages use (indicators,
  compare, narrative, targets, programs); gaps stay gaps ("tidak ada data").
- `render` lays it out with ReportLab (pure-Python wheel): vector chart drawn with
  ReportLab's own graphics in the app's palette (analytics.figures.charts.palette), vector QR code,
  DejaVu Sans embedded (analytics/fonts, Bitstream Vera licence) so Indonesian text, the
  Rupiah, en dash, minus and ≤ all render. The body sits in a frame that shrinks it to fit,
  so nothing is cut; `Rendered.scale` tells how much it had to shrink (1.0 = not at all).

No Streamlit here: the Overview's button and `python -m analytics brief` both call `make_brief`.
"""

from __future__ import annotations

import io
import math
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from urllib.parse import urlencode
from xml.sax.saxutils import escape

import pandas as pd

from analytics import fmt, paths
from analytics.catalog import Catalog, Measure
from analytics.domain import (
    compare,
    indicators,
    narrative,
    programs,
    provenance,
    target_text,
    targets,
)
from analytics.domain.indicators import Point
from analytics.errors import UnknownRegion
from analytics.figures import charts
from analytics.i18n import period_label, t, when
from analytics.regions import NATION, Region, RegionRegistry
from analytics.store.store import Store

# The headline figures, in the order officials read them (the Overview's, plus P1 and P2).
HEADLINE_MEASURES = ("p0", "poor_count", "poverty_line", "p1", "p2", "extreme_poverty", "unemployment", "hdi")
# Shown only where a figure exists (BPS publishes no kab/kota table of it).
ONLY_WHERE_PRESENT = ("extreme_poverty",)
TREND_MEASURE = "p0"
# The narrative and target measures: the Poverty page's defaults, so the brief reads like the page.
NARRATIVE_MEASURES = ("p0", "extreme_poverty")
TARGET_MEASURES = ("p0", "extreme_poverty")
# "Regions like mine" as the Compare page starts: these features, this many regions.
LIKE_FEATURES = ("type", "population", "p0", "poverty_line")
LIKE_COUNT = 5
# Where the dashboard is reached, for the link and QR code; the page passes its own address.
DEFAULT_BASE_URL = os.environ.get("DASBOR_PUBLIC_URL", "http://127.0.0.1:8501")
# A rank is printed only where at least this share of the level's regions has a value for the
# same period: "1 of 1" (the only kab/kota with an extreme-poverty figure) would read as "best".
MIN_RANK_COVERAGE = 0.5
# Notes a data row carries that are not a gap or a method matter (the province it moved to).
NOTE_SKIP_PREFIXES = ("provinsi 2025",)
FONT_DIR = paths.ROOT / "analytics" / "fonts"
FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"
GREY, LIGHT = "#555555", "#e5e5e5"
# Every table's own text state (cells hold Paragraphs): else ReportLab selects unembedded Helvetica.
TABLE_FONT = ("FONT", (0, 0), (-1, -1), FONT, 7)


# -- content ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Headline:
    """One row of the headline table, every cell already formatted."""

    measure: str
    name: str
    value: str
    period: str
    change: str
    rank_province: str | None  # None: the column is not printed for this level
    rank_nation: str | None
    point: Point | None
    previous: Point | None = None  # the value the change is measured from
    uploaded: str | None = None  # the staff-upload mark of the value ("diunggah petugas, revisi 3, …")


@dataclass(frozen=True)
class TrendSeries:
    label: str
    role: str  # region | province | nation
    values: dict[int, float]  # year → value; a missing year is simply absent (a gap)
    cut_at: tuple[int, ...] = ()  # years from which the series covers another territory (not joined)


@dataclass(frozen=True)
class ProgramBox:
    name: str
    agency: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Brief:
    """Everything printed on the page, in one language."""

    region: Region
    lang: str
    name: str
    level_line: str
    generated: str
    link: str
    rank_group: str | None  # "Peringkat kab/kota (1 = terbaik)" over the rank columns; None for the nation
    rank_headers: tuple[str | None, str | None]  # "di Banten", "di Indonesia"; None: column not printed
    headlines: tuple[Headline, ...]
    headline_notes: tuple[str, ...]
    trend_title: str
    trend: tuple[TrendSeries, ...]
    trend_breaks: tuple[int, ...]
    targets: tuple[tuple[str, str, str], ...]  # (heading with status, sentence, legal basis)
    narrative: tuple[str, ...]
    like: tuple[str, ...]
    like_caption: str
    programs: tuple[ProgramBox, ...]
    sources: tuple[str, ...]
    notes: tuple[str, ...]


@dataclass
class BriefInputs:
    """The store's current data, read once and shared by every brief made from it (the CLI's --all)."""

    observations: pd.DataFrame  # nation, provinces and kab/kota
    registry: RegionRegistry
    catalog: Catalog
    targets: pd.DataFrame
    revision: int
    base_url: str = DEFAULT_BASE_URL
    today: date = field(default_factory=date.today)
    # Revision id → stamp (analytics.domain.provenance): which rows a staff upload wrote. Empty: none did.
    stamps: dict[int, provenance.RevisionStamp] = field(default_factory=dict)

    @cached_property
    def like_year(self) -> int | None:
        kabkota = set(self.registry.kabkota()["code"])
        rows = self.observations[(self.observations["measure"] == "p0") & (self.observations["period"] == "march")
                                 & self.observations["region_code"].isin(kabkota)]
        return int(rows["year"].max()) if not rows.empty else None

    @cached_property
    def like_features(self) -> pd.DataFrame | None:
        if self.like_year is None:
            return None
        return compare.similarity_features(self.observations, self.registry, self.like_year, None)

    @cached_property
    def by_region(self) -> dict[str, pd.DataFrame]:
        return {code: frame for code, frame in self.observations.groupby("region_code", sort=False)}

    def own(self, code: str) -> pd.DataFrame:
        return self.by_region.get(code, self.observations.iloc[0:0])

    def rows_of(self, codes: Iterable[str]) -> pd.DataFrame:
        frames = [self.by_region[c] for c in dict.fromkeys(codes) if c in self.by_region]
        return pd.concat(frames) if frames else self.observations.iloc[0:0]

    @cached_property
    def _rankings(self) -> dict[tuple, pd.DataFrame]:
        return {}

    def ranking(self, measure: Measure, year: int, period: str, codes: list[str]) -> pd.DataFrame:
        """compare.ranking, kept for the other briefs made from the same data (the CLI's --all)."""
        key = (measure.id, year, period, tuple(codes))
        if key not in self._rankings:
            self._rankings[key] = compare.ranking(self.observations, measure, year, period, codes)
        return self._rankings[key]

    @cached_property
    def _level_codes(self) -> dict[tuple, list[str]]:
        return {}

    def level_codes(self, level: str, year: int, province: str | None = None) -> list[str]:
        key = (level, compare.province_scheme(year), province)
        if key not in self._level_codes:
            self._level_codes[key] = compare.level_codes(self.registry, level, year, province)
        return self._level_codes[key]

    @cached_property
    def provinces_redrawn(self) -> set[str]:
        """Provinces whose territory changed when BPS began publishing the 2022 Papua provinces."""
        kabkota = self.registry.kabkota()
        moved = kabkota[kabkota["parent_code_2025"].notna() & (kabkota["parent_code_2025"] != "")
                        & (kabkota["parent_code_2025"] != kabkota["parent_code"])]
        return set(moved["parent_code"]) | set(moved["parent_code_2025"])


@dataclass
class Cited:
    """What the brief cites: the catalog sources of the seeded values it prints, and the staff-upload
    revisions behind uploaded ones, which are never cited under the source of the value they replaced
    (the same rule as every page, through analytics.domain.provenance)."""

    stamps: dict[int, provenance.RevisionStamp]
    sources: set[str] = field(default_factory=set)
    uploads: set[int] = field(default_factory=set)

    def rows(self, frame: pd.DataFrame) -> None:
        uploaded = provenance.is_uploaded(frame, self.stamps)
        self.sources |= {s for s in frame.loc[~uploaded, "source"] if isinstance(s, str) and s}
        self.uploads |= set(provenance.upload_revisions(frame, self.stamps))

    def point(self, rows: pd.DataFrame, point: Point) -> tuple[provenance.RevisionStamp, str] | None:
        """Cite one printed value; its upload revision and the source its file named if uploaded."""
        found = provenance.point_upload(rows, point, self.stamps)
        if found is None:
            self.sources.add(point.source)
        else:
            self.uploads.add(found[0].id)
        return found

    def __ior__(self, other: Cited) -> Cited:
        self.sources |= other.sources
        self.uploads |= other.uploads
        return self

    def citations(self, catalog: Catalog, lang: str) -> list[str]:
        return sorted({source_label(s, catalog, lang) for s in self.sources
                       if not s.startswith(provenance.UPLOAD_SOURCE)})

    def upload_lines(self, lang: str) -> list[str]:
        """One "⬆ diunggah petugas, revisi 3, 29 Nov 2026" per upload revision behind a printed value."""
        return [t("brief.uploaded", lang, mark=provenance.uploaded_label(self.stamps[r], lang))
                for r in sorted(self.uploads)]


def uploaded_text(found: tuple[provenance.RevisionStamp, str] | None, lang: str) -> str | None:
    return None if found is None else provenance.uploaded_label(found[0], lang, found[1])


def region_link(base_url: str, region_code: str, lang: str) -> str:
    """The Overview of the same region in the same language (the app keeps both in the URL)."""
    return f"{base_url.rstrip('/')}/?{urlencode({'region': region_code, 'lang': lang})}"


def file_name(region: Region, lang: str) -> str:
    """`ringkasan_3671_kota-tangerang_id.pdf` / `brief_3671_kota-tangerang_en.pdf`."""
    slug = "".join(c if c.isalnum() else "-" for c in region.name.lower()).strip("-")
    while "--" in slug:
        slug = slug.replace("--", "-")
    return f"{t('brief.file_word', lang)}_{region.code}_{slug}_{lang}.pdf"


def level_line(registry: RegionRegistry, region: Region, lang: str) -> str:
    if region.level == "nation":
        return t("brief.nation_line", lang)
    if region.level == "province":
        return t("brief.province_line", lang, level=t("brief.level.province", lang),
                 n=len(registry.children(region.code, "kabkota")))
    kind = "kota" if (region.type or "").lower().startswith("kota") else "kabupaten"
    level = t(f"brief.level.kabkota.{kind}", lang)
    new = registry.province_of(region.code, scheme="2025")
    old = registry.province_of(region.code, scheme="2020")
    if new and old and new != old:
        return t("brief.in_province_moved", lang, level=level, province=registry.name(new), old=registry.name(old))
    return t("brief.in_province", lang, level=level, province=registry.name(new or old or NATION))


def rank_cell(table: pd.DataFrame, region_code: str, peers: int, lang: str) -> str:
    """"3 dari 8"; "–" without a value; "– (1 berdata)" where too few of the level's regions have one."""
    mine = table[table["region_code"] == region_code]
    if mine.empty:
        return t("brief.rank_none", lang)
    if len(table) < max(2, MIN_RANK_COVERAGE * peers):
        return t("brief.rank_few", lang, n=len(table), total=peers)
    return t("brief.rank", lang, rank=int(mine["rank"].iloc[0]), n=len(table))


def headline_rows(inputs: BriefInputs, region: Region, lang: str) -> tuple[list[Headline], Cited]:
    """The headline table and the sources behind it (the values and every value ranked)."""
    registry, catalog = inputs.registry, inputs.catalog
    own = inputs.own(region.code)
    rows, sources = [], Cited(inputs.stamps)
    for measure_id in HEADLINE_MEASURES:
        measure = catalog.measure(measure_id)
        point = indicators.latest(own, region.code, measure_id)
        if point is None and measure_id in ONLY_WHERE_PRESENT:
            continue
        previous = indicators.previous(own, point) if point is not None else None
        province_cell = None if region.level != "kabkota" else t("brief.rank_none", lang)
        nation_cell = None if region.level == "nation" else t("brief.rank_none", lang)
        if point is None:
            rows.append(Headline(measure_id, measure.name.get(lang), fmt.NO_DATA[lang], "–", "–",
                                 province_cell, nation_cell, None))
            continue
        uploaded = uploaded_text(sources.point(own, point), lang)
        if previous is None:
            change = t("brief.change_none", lang)
        elif not indicators.comparable(measure, previous, point):
            change = t("brief.change_break", lang, year=previous.year)
        else:
            change = t("brief.change_since", lang, change=fmt.change(point.value - previous.value, measure, lang),
                       year=previous.year)
            sources.point(own, previous)
        if region.level != "nation" and measure.lower_is_better is not None:
            # As compare.standing: a kab/kota among all kab/kota and those of its province (in the
            # province scheme of the year), a province among the provinces.
            level = "province" if region.level == "province" else "kabkota"
            peers = inputs.level_codes(level, point.year)
            national = inputs.ranking(measure, point.year, point.period, peers)
            nation_cell = rank_cell(national, region.code, len(peers), lang)
            if region.level == "kabkota":
                province = compare.province_map(registry, point.year).get(region.code)
                in_province = inputs.level_codes("kabkota", point.year, province) if province else []
                within = inputs.ranking(measure, point.year, point.period, in_province)
                province_cell = rank_cell(within, region.code, len(in_province), lang)
            sources.rows(indicators.select(inputs.rows_of(national["region_code"]), measures=[measure_id],
                                           years=[point.year], periods=[point.period]))
        value = fmt.value(point.value, measure, lang) + (" ⬆" if uploaded else "")
        rows.append(Headline(measure_id, measure.name.get(lang), value,
                             when(point.period, point.year, lang), change, province_cell, nation_cell, point,
                             previous, uploaded))
    return rows, sources


def trend_series(inputs: BriefInputs, region: Region, lang: str
                 ) -> tuple[list[TrendSeries], str, Cited, list[str]]:
    """P0 in the region's main period for the region, its province(s) and the nation (as the Overview)."""
    own = inputs.own(region.code)
    period = indicators.main_period(own, region.code, TREND_MEASURE) or "march"
    series, sources, notes = [], Cited(inputs.stamps), []
    for code in [region.code, *inputs.registry.references(region.code)]:
        frame = indicators.series(inputs.own(code), code, TREND_MEASURE, period).dropna(subset=["value"])
        if frame.empty:
            continue
        if code == region.code:  # what the source says about the region's own points (e.g. a repeated year)
            short = inputs.catalog.measure(TREND_MEASURE).short.get(lang)
            notes += [t("brief.point_note", lang, measure=short, when=when(period, int(year), lang), note=str(note))
                      for year, note in zip(frame["year"], frame["note"], strict=True)
                      if isinstance(note, str) and note and not note.lower().startswith(NOTE_SKIP_PREFIXES)]
        role = "region" if code == region.code else ("nation" if code == NATION else "province")
        cut = (compare.NEW_PAPUA_FROM,) if code in inputs.provinces_redrawn else ()
        series.append(TrendSeries(narrative.region_label(inputs.registry, code), role,
                                  {int(y): float(v) for y, v in zip(frame["year"], frame["value"], strict=True)},
                                  cut))
        sources.rows(frame)
    return series, period, sources, notes


def target_answers(inputs: BriefInputs, region_code: str) -> list[targets.TargetAnswer]:
    """The target answers printed: the targets module's evaluation, the same the Overview's status
    cards show (whose target counts now, its status, the numbers behind it, the legal basis)."""
    return [targets.evaluate(inputs.own(region_code), inputs.targets, inputs.registry, inputs.catalog, region_code,
                             measure_id, as_of=inputs.today.year) for measure_id in TARGET_MEASURES]


def target_lines(answer: targets.TargetAnswer, measure: Measure, registry: RegionRegistry, lang: str
                 ) -> tuple[str, str, str]:
    """(measure and status, what the status rests on, legal basis), in the words of the status card."""
    status = target_text.answer_status(answer)
    heading = f"{measure.name.get(lang)}: {t(f'targets.status.{status}', lang)}"
    if not answer.headline:
        return heading, t("targets.card.none", lang), ""
    first = answer.headline[0].target
    if not answer.conflicting:
        detail = target_text.detail_text(answer.headline[0], measure, lang)
        sentence = f"{target_text.headline_label(first, measure, registry, lang)}. {detail}".strip()
        return heading, sentence, t("targets.basis", lang, basis=target_text.basis_text(first, lang))
    parts = [t("targets.conflict_head", lang, scope=target_text.scope_text(first, registry, lang), year=first.year,
               count=len(answer.headline))]
    for glide in answer.headline:
        need = target_text.needed_text(glide, measure, lang)
        parts.append(f"{target_text.value_text(glide.target, measure, lang)} ({target_text.basis_text(glide.target, lang)})"
                     + (f": {need}" if need else ""))
    parts.append(target_text.shared_detail(answer.headline, measure, lang))
    # Each conflicting target already names its basis beside its value.
    return heading, " · ".join(p for p in parts if p), ""


def target_source(text: str) -> str:
    """A target's cited sources, each named by its publisher and date only ("Kontan 22-07-2025"):
    targets.csv quotes the articles at length, and the legal basis is printed beside the status."""
    names = []
    for part in text.split(";"):
        name = re.split(r' \(|\s"|: ', part.strip(), maxsplit=1)[0].strip()
        name = re.sub(r"@([0-9a-f]{7})[0-9a-f]{33}\b", r"@\1", name)
        if name and not name.lower().startswith("sumber sama"):
            names.append(name if len(name) <= 60 else name[:59] + "…")
    return "; ".join(dict.fromkeys(names)) or text[:60]


def source_label(source_id: str, catalog: Catalog, lang: str) -> str:
    source = catalog.sources.get(source_id)
    if source is None:
        return source_id
    return f"{source.publisher}: {provenance.source_title(source, lang)}" if source.title else source.publisher


def program_boxes(inputs: BriefInputs, region: Region, lang: str) -> tuple[list[ProgramBox], Cited]:
    """Per programme of the region: the latest output and the running total (reported, else summed)."""
    obs, catalog = inputs.observations, inputs.catalog
    own = inputs.own(region.code)
    boxes, sources = [], Cited(inputs.stamps)
    for program in programs.programs_for_region(catalog, own, inputs.registry, region.code):
        lines = []
        headline = programs.headline_measure(catalog, program)
        if headline is not None:
            point = indicators.latest_dated(own, region.code, headline.id)
            if point is not None:
                mark = " ⬆" if sources.point(own, point) else ""
                lines.append(t("brief.program_latest", lang, value=f"{headline.short.get(lang)} "
                                                                     f"{fmt.value(point.value, headline, lang)}{mark}",
                               when=when(point.period, point.year, lang)))
        cumulative = [m for m in catalog.program_measures(program.id) if m.cumulative]
        for measure in cumulative:
            point = indicators.latest_dated(own, region.code, measure.id)
            if point is not None:
                mark = " ⬆" if sources.point(own, point) else ""
                lines.append(t("brief.program_cumulative", lang,
                               value=f"{measure.short.get(lang)} {fmt.value(point.value, measure, lang)}{mark}",
                               when=when(point.period, point.year, lang)))
        if not cumulative and headline is not None and programs.is_additive(catalog, headline.id):
            span = programs.year_span(own, region.code, [headline.id])
            if span is not None:
                summed = programs.outputs_in_span(catalog, [program], obs, region.code, *span)
                row = summed[summed["measure"] == headline.id]
                if not row.empty and not fmt.is_missing(row["value"].iloc[0]):
                    lines.append(t("brief.program_sum", lang, first=span[0], last=span[1],
                                   value=fmt.value(row["value"].iloc[0], headline, lang),
                                   years=int(row["years_with_data"].iloc[0]), span=span[1] - span[0] + 1))
        if lines:  # a programme with no figure for the region gets no box at all
            boxes.append(ProgramBox(program.name.get(lang), program.agency_short or program.agency.get(lang),
                                    tuple(lines)))
    return boxes, sources


def like_regions(inputs: BriefInputs, region: Region, lang: str) -> tuple[list[str], Cited]:
    """"Regions like mine" (kab/kota only), by the Compare page's default features."""
    features = inputs.like_features
    cited = Cited(inputs.stamps)
    if region.level != "kabkota" or features is None:
        return [], cited
    try:
        similar = compare.similar_regions(features, region.code, LIKE_FEATURES, LIKE_COUNT)
    except compare.CompareError as error:
        return [t("brief.like_none", lang, reason=error.message(lang))], cited
    p0 = inputs.catalog.measure("p0")
    names = inputs.registry.frame["name"]
    lines = [t("brief.like_item", lang, region=names.get(code, code),
               province=names.get(features.at[code, "province"], ""),
               p0=fmt.value(features.at[code, "p0"], p0, lang)) for code in similar["region_code"]]
    used = indicators.select(inputs.observations, regions=list(features.index),
                             measures=["p0", "poor_count", "poverty_line"], years=[inputs.like_year],
                             periods=["march"])
    cited.rows(used)
    return lines, cited


def gap_notes(series: list[TrendSeries], period: str, lang: str) -> list[str]:
    notes = []
    for line in series:
        years = sorted(line.values)
        missing = [y for y in range(years[0], years[-1] + 1) if y not in line.values] if years else []
        if missing:
            notes.append(t("brief.gap_years", lang, period=period_label(period, lang), region=line.label,
                           years=", ".join(map(str, missing))))
        for year in line.cut_at:
            if years and years[0] < year <= years[-1]:
                notes.append(t("brief.territory_note", lang, region=line.label, year=year))
    return notes


def method_notes(rows: list[Headline], catalog: Catalog, breaks: Iterable[int], lang: str) -> list[str]:
    """Method notes of the measures printed that touch what is printed, and the rows' own notes."""
    notes: list[str] = []
    for row in rows:
        if row.point is None:
            continue
        measure = catalog.measure(row.measure)
        # A note without a year is about the whole series; a break matters where it lies between
        # the two values compared, or on the trend's span, or is the year printed.
        since = row.previous.year if row.previous is not None else row.point.year
        for note in measure.method_notes:
            if (note.year is None or since <= note.year <= row.point.year
                    or row.measure == TREND_MEASURE and note.year in breaks):
                text = f"{measure.short.get(lang)}: {note.text.get(lang)}"
                if text not in notes:
                    notes.append(text)
        if row.point.note and not row.point.note.lower().startswith(NOTE_SKIP_PREFIXES):
            notes.append(t("brief.point_note", lang, measure=measure.short.get(lang),
                           when=when(row.point.period, row.point.year, lang), note=row.point.note))
    return notes


def _trend_title(series: list[TrendSeries], period: str, lang: str) -> str:
    labels = [line.label for line in series]
    joined = ", ".join(labels[:-1]) + t("brief.and", lang) + labels[-1] if len(labels) > 1 else "".join(labels)
    return t("brief.trend_title", lang, period=period_label(period, lang), regions=joined)


def _printed_targets(inputs: BriefInputs, region: Region, sources: Cited, lang: str
                     ) -> tuple[list[tuple[str, str, str]], dict[str, None]]:
    """The target lines printed, and the cited target sources not in the catalog (in order, each once);
    the catalog's sources and the points read are added to `sources`."""
    registry, catalog = inputs.registry, inputs.catalog
    printed_targets: list[tuple[str, str, str]] = []
    target_sources: dict[str, None] = {}  # in the order printed, each once
    for answer in target_answers(inputs, region.code):
        printed_targets.append(target_lines(answer, catalog.measure(answer.measure), registry, lang))
        for glide in answer.headline:
            cited = glide.target.source
            if cited in catalog.sources:
                sources.sources.add(cited)
            else:
                target_sources[target_source(provenance.target_citation(cited, glide.target.basis))] = None
            for point in (glide.latest, glide.previous, glide.observed_at_target):
                if point is not None:
                    sources.point(inputs.own(point.region_code), point)
    return printed_targets, target_sources


def _story_paragraphs(inputs: BriefInputs, region: Region, sources: Cited, lang: str) -> tuple[str, ...]:
    """The narrative, as the Poverty page writes it; the rows it reads are added to `sources`."""
    registry = inputs.registry
    # The narrative reads only the region, its references and its peers (for the rank claim):
    # given just their rows it says exactly what it says on the Poverty page, much faster.
    references = [region.code, *registry.references(region.code)]
    peers = registry.siblings(region.code)["code"].tolist() if region.level != "nation" else []
    read = indicators.select(inputs.rows_of([*references, *peers]), measures=list(NARRATIVE_MEASURES))
    story = narrative.summary(read, registry, inputs.catalog, region.code, list(NARRATIVE_MEASURES), lang)
    sources.rows(indicators.select(read, regions=references))
    return story.paragraphs


def _rank_headers(registry: RegionRegistry, region: Region, lang: str) -> tuple[str | None, str | None]:
    """The rank columns' headings: within the province (kab/kota only), within Indonesia (not the nation)."""
    return ((t("brief.col.rank_in", lang, region=registry.name(registry.province_of(region.code, scheme="2025")
                                                                or NATION))
             if region.level == "kabkota" else None),
            None if region.level == "nation" else t("brief.col.rank_in", lang, region="Indonesia"))


def compose(inputs: BriefInputs, region_code: str, lang: str) -> Brief:
    """Everything the page prints for one region in one language."""
    registry, catalog = inputs.registry, inputs.catalog
    region = registry.get(region_code)
    name = narrative.region_label(registry, region.code)
    rows, sources = headline_rows(inputs, region, lang)
    headline_notes = [t("brief.rank_note", lang)] if region.level != "nation" else []
    if region.level == "kabkota" and all(r.measure != "extreme_poverty" for r in rows):
        headline_notes.append(t("brief.extreme_none", lang))

    series, period, trend_sources, trend_notes = trend_series(inputs, region, lang)
    sources |= trend_sources
    years = sorted({y for line in series for y in line.values})
    breaks = tuple(y for y in catalog.measure(TREND_MEASURE).break_years() if years and years[0] < y <= years[-1])
    printed_targets, target_sources = _printed_targets(inputs, region, sources, lang)
    paragraphs = _story_paragraphs(inputs, region, sources, lang)
    like, like_sources = like_regions(inputs, region, lang)
    sources |= like_sources
    boxes, program_sources = program_boxes(inputs, region, lang)
    sources |= program_sources

    uploaded = [t("brief.point_uploaded", lang, measure=catalog.measure(r.measure).short.get(lang),
                  when=when(r.point.period, r.point.year, lang), mark=r.uploaded) for r in rows if r.uploaded]
    notes = uploaded + gap_notes(series, period, lang) + trend_notes + method_notes(rows, catalog, breaks, lang)
    return Brief(
        region=region, lang=lang, name=name, level_line=level_line(registry, region, lang),
        generated=t("brief.generated", lang, date=fmt.long_date(inputs.today, lang), revision=inputs.revision),
        link=region_link(inputs.base_url, region.code, lang),
        rank_group=None if region.level == "nation" else t(f"brief.col.rank_group.{region.level}", lang),
        rank_headers=_rank_headers(registry, region, lang),
        headlines=tuple(rows), headline_notes=tuple(headline_notes),
        trend_title=_trend_title(series, period, lang), trend=tuple(series), trend_breaks=breaks,
        targets=tuple(printed_targets), narrative=paragraphs, like=tuple(like),
        like_caption=t("brief.like_how", lang, year=inputs.like_year or "–"),
        programs=tuple(boxes),
        sources=tuple(sources.citations(catalog, lang)
                      + ([t("brief.target_source", lang, sources="; ".join(target_sources))] if target_sources else [])
                      + sources.upload_lines(lang)),
        notes=tuple(dict.fromkeys(notes)),
    )


# -- drawing ----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _register_fonts() -> None:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(FONT, str(FONT_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))
    # <b> inside a paragraph picks the bold face; there is no italic face (none is used).
    for bold, italic, face in ((0, 0, FONT), (1, 0, FONT_BOLD), (0, 1, FONT), (1, 1, FONT_BOLD)):
        addMapping(FONT, bold, italic, face)


def _nice_top(value: float) -> tuple[float, float]:
    """An axis top at or above `value` and a tick step giving 3–6 ticks."""
    if value <= 0:
        return 1.0, 0.25
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10):
        tick = step * magnitude
        top = math.ceil(value / tick) * tick
        if top / tick <= 6:
            return top, tick
    return value, value / 4


def _legend_rows(labels: list[str], width: float, size: float) -> list[list[tuple[str, float]]]:
    """Legend entries (label, x offset) in rows that fit `width`: a long name starts a new row."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    rows: list[list[tuple[str, float]]] = [[]]
    x = 0.0
    for index, label in enumerate(labels):
        entry = 18 + stringWidth(label, FONT, size) + 12
        if rows[-1] and x + entry > width:
            rows.append([])
            x = 0.0
        rows[-1].append((str(index), x))
        x += entry
    return rows


# The trend's line width by role: the region's line stands out.
TREND_LINE_WIDTH = {"region": 2.2, "province": 1.4, "nation": 1.4}


@dataclass(frozen=True)
class _Plot:
    """Where the trend's plot area sits in the drawing, and its year and value scales."""
    x0: float
    y0: float
    width: float
    height: float
    first: int
    last: int
    top: float

    def x(self, year: float) -> float:
        span = max(self.last - self.first, 1)
        return self.x0 + (self.width * (year - self.first) / span if self.last > self.first else self.width / 2)

    def y(self, value: float) -> float:
        return self.y0 + self.height * value / self.top


def _trend_colours(brief: Brief) -> list[str]:
    """As the app's charts: the region the first colour, its province the second, the nation grey; a
    second province (a kab/kota moved by the 2022 Papua split) the third, never a repeated colour."""
    palette = charts.palette()
    provinces = iter(palette[1:])
    return [palette[0] if line.role == "region" else charts.NATION_COLOUR if line.role == "nation"
            else next(provinces) for line in brief.trend]


def _trend_axes(drawing, plot: _Plot, tick: float, lang: str) -> None:
    """Grid lines with the value ticks on the left, the years below."""
    from reportlab.graphics.shapes import Line, String
    from reportlab.lib import colors

    grey = colors.HexColor(GREY)
    x, y, first, last = plot.x, plot.y, plot.first, plot.last
    # As many decimals as the step needs: 2.5 steps print 7,5, not a rounded 8.
    tick_decimals = next(d for d in range(4) if abs(round(tick, d) - tick) < 1e-9)
    for i in range(int(round(plot.top / tick)) + 1):
        level = i * tick
        drawing.add(Line(plot.x0, y(level), plot.x0 + plot.width, y(level), strokeColor=colors.HexColor(LIGHT),
                         strokeWidth=0.5))
        drawing.add(String(plot.x0 - 4, y(level) - 2.5, fmt.number(level, tick_decimals, lang),
                           fontName=FONT, fontSize=6.5, textAnchor="end", fillColor=grey))
    drawing.add(String(plot.x0 - 4, y(plot.top) + 5, "%", fontName=FONT, fontSize=6.5, textAnchor="end",
                       fillColor=grey))
    label_every = 1 if plot.width / max(last - first, 1) >= 24 else 2
    for year in range(first, last + 1):
        if (last - year) % label_every == 0:
            drawing.add(String(x(year), plot.y0 - 10, str(year), fontName=FONT, fontSize=6.5, textAnchor="middle",
                               fillColor=grey))


def _trend_rules(drawing, brief: Brief, plot: _Plot) -> None:
    """A dashed rule, flagged, before each method break and each change of territory."""
    from reportlab.graphics.shapes import Line, String
    from reportlab.lib import colors

    rules = {year: t("brief.break_mark", brief.lang) for year in brief.trend_breaks}
    for line in brief.trend:
        for year in line.cut_at:
            if plot.first < year <= plot.last:
                rules.setdefault(year, t("brief.territory_mark", brief.lang))
    for year, label in rules.items():
        bx = plot.x(year - 0.5)
        drawing.add(Line(bx, plot.y0, bx, plot.y0 + plot.height, strokeColor=colors.HexColor("#999999"),
                         strokeWidth=0.6, strokeDashArray=[2, 2]))
        drawing.add(String(bx - 2, plot.y0 + plot.height + 2, "⚑ " + label, fontName=FONT, fontSize=6,
                           textAnchor="end", fillColor=colors.HexColor("#666666")))


def _trend_segments(brief: Brief, line: TrendSeries, plot: _Plot) -> list[list[float]]:
    """The line's runs of consecutive years as flat point lists; a gap, break or cut ends a run."""
    segments: list[list[float]] = []
    current: list[float] = []
    for year in range(plot.first, plot.last + 1):
        if year not in line.values or year in brief.trend_breaks or year in line.cut_at:
            if len(current) > 2:
                segments.append(current)
            current = []
        if year in line.values:
            current += [plot.x(year), plot.y(line.values[year])]
    if len(current) > 2:
        segments.append(current)
    return segments


def _trend_lines(drawing, brief: Brief, plot: _Plot, colour_of: list[str]) -> None:
    """Each series' lines and markers, then its latest value beside the line end."""
    from reportlab.graphics.shapes import Circle, PolyLine, String
    from reportlab.lib import colors

    x, y = plot.x, plot.y
    # References first, so the region's line lies on top.
    end_labels = []
    for index in sorted(range(len(brief.trend)), key=lambda i: brief.trend[i].role == "region"):
        line = brief.trend[index]
        stroke = colors.HexColor(colour_of[index])
        for points in _trend_segments(brief, line, plot):
            drawing.add(PolyLine(points, strokeColor=stroke, strokeWidth=TREND_LINE_WIDTH[line.role]))
        for year, value in line.values.items():
            drawing.add(Circle(x(year), y(value), 2.2 if line.role == "region" else 1.6, fillColor=stroke,
                               strokeColor=colors.white, strokeWidth=0.4))
        last_year = max(line.values)
        end_labels.append([y(line.values[last_year]) - 2.5, x(last_year) + 5,
                           fmt.number(line.values[last_year], 2, brief.lang), line.role, stroke])
    # The latest values beside the line ends, nudged apart so none covers another.
    end_labels.sort(key=lambda label: label[0])
    for index in range(1, len(end_labels)):
        end_labels[index][0] = max(end_labels[index][0], end_labels[index - 1][0] + 7.5)
    for label_y, label_x, text, role, stroke in end_labels:
        drawing.add(String(label_x, label_y, text, fontName=FONT_BOLD if role == "region" else FONT,
                           fontSize=6.5, fillColor=stroke))


def _trend_legend(drawing, brief: Brief, legend: list[list[tuple[str, float]]], x0: float, row_h: float,
                  size: float, colour_of: list[str]) -> None:
    """Legend under the axis, one entry per series, wrapped into rows."""
    from reportlab.graphics.shapes import Circle, Line, String
    from reportlab.lib import colors

    legend_h = row_h * len(legend)
    for row_index, row in enumerate(legend):
        ly = legend_h - row_h * row_index - 6
        for key, offset in row:
            line = brief.trend[int(key)]
            stroke = colors.HexColor(colour_of[int(key)])
            lx = x0 + offset
            drawing.add(Line(lx, ly + 2.5, lx + 14, ly + 2.5, strokeColor=stroke,
                             strokeWidth=TREND_LINE_WIDTH[line.role]))
            drawing.add(Circle(lx + 7, ly + 2.5, 1.8, fillColor=stroke, strokeColor=None))
            drawing.add(String(lx + 18, ly, line.label, fontName=FONT, fontSize=size,
                               fillColor=colors.HexColor("#222222")))


def trend_drawing(brief: Brief, width: float, height: float):
    """The P0 trend as ReportLab vector shapes: gaps stay gaps, a lone value is a marker, breaks are rules."""
    from reportlab.graphics.shapes import Drawing

    colour_of = _trend_colours(brief)
    # The drawing's own font state, so the renderer never selects its default (unembedded) Helvetica.
    drawing = Drawing(width, height, initialFontName=FONT, initialFontSize=7)
    years = sorted({y for line in brief.trend for y in line.values})
    values = [v for line in brief.trend for v in line.values.values()]
    legend_size, row_h = 7, 10
    left, right, top_pad = 26, 30, 12
    legend = _legend_rows([line.label for line in brief.trend], width - left, legend_size)
    y0 = row_h * len(legend) + 14
    top, tick = _nice_top(max(values) * 1.08)
    plot = _Plot(x0=left, y0=y0, width=width - left - right, height=height - y0 - top_pad,
                 first=years[0], last=years[-1], top=top)
    _trend_axes(drawing, plot, tick, brief.lang)
    _trend_rules(drawing, brief, plot)
    _trend_lines(drawing, brief, plot, colour_of)
    _trend_legend(drawing, brief, legend, plot.x0, row_h, legend_size, colour_of)
    return drawing


def qr_drawing(link: str, size: float):
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing

    widget = QrCodeWidget(link, barLevel="M")
    x1, y1, x2, y2 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x2 - x1), 0, 0, size / (y2 - y1), 0, 0], initialFontName=FONT,
                      initialFontSize=7)
    drawing.add(widget)
    return drawing


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    scale: float  # how much the body had to shrink to fit one page (1.0 = not at all)


def _style(name: str, size: float, *, bold: bool = False, colour=None, leading: float | None = None,
           space_after: float = 0, space_before: float = 0):
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle(name, fontName=FONT_BOLD if bold else FONT, fontSize=size,
                          leading=leading or size * 1.25, textColor=colour or colors.HexColor("#1a1a1a"),
                          spaceAfter=space_after, spaceBefore=space_before)


def _styles() -> dict:
    """The brief's paragraph styles by name."""
    from reportlab.lib import colors

    primary = colors.HexColor(charts.palette()[0])
    grey = colors.HexColor(GREY)
    return {
        "kicker": _style("kicker", 7.5, bold=True, colour=primary),
        "title": _style("title", 18, bold=True, leading=21),
        "sub": _style("sub", 9),
        "small": _style("small", 7.5, colour=grey),
        "section": _style("section", 9.5, bold=True, colour=primary, space_before=5, space_after=2),
        "body": _style("body", 8.2, leading=10.4),
        "cell": _style("cell", 7.3, leading=8.8),
        "cell_bold": _style("cell_bold", 7.3, bold=True, leading=8.8),
        "head_cell": _style("head", 6.8, bold=True, colour=grey, leading=8.2),
        "note": _style("note", 6.4, colour=grey, leading=7.8),
        "source": _style("source", 6, colour=grey, leading=7.2),
        "box_title": _style("box_title", 7.8, bold=True, leading=9.4),
    }


def _p(text: str, st):
    from reportlab.platypus import Paragraph

    return Paragraph(escape(text), st)


def _header(brief: Brief, body_w: float, st: dict):
    """Who, what, when, from which data; the link and its QR code on the right."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    lang = brief.lang
    primary = colors.HexColor(charts.palette()[0])
    qr_size = 23 * mm
    header_left = [_p(t("brief.kicker", lang), st["kicker"]), Spacer(1, 1.5), _p(brief.name, st["title"]),
                   _p(brief.level_line, st["sub"]), Spacer(1, 2), _p(brief.generated, st["small"]),
                   Paragraph(f"{escape(t('brief.link', lang))} <font color='{charts.palette()[0]}'>"
                             f"{escape(brief.link)}</font>", st["small"])]
    header = Table([[header_left, qr_drawing(brief.link, qr_size)]], colWidths=[body_w - qr_size - 4, qr_size + 4],
                   hAlign="LEFT")
    header.setStyle(TableStyle([TABLE_FONT, ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                                ("LINEBELOW", (0, 0), (-1, 0), 1.2, primary), ("BOTTOMPADDING", (0, 0), (-1, 0), 5)]))
    return header


def _headline_table(brief: Brief, body_w: float, st: dict):
    """The headline figures, with one or two rank columns under a shared heading."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    lang = brief.lang
    grey = colors.HexColor(GREY)
    head_cell, cell = st["head_cell"], st["cell"]
    rank_cols = [h for h in brief.rank_headers if h is not None]
    headers = [t("brief.col.measure", lang), t("brief.col.value", lang), t("brief.col.period", lang),
               t("brief.col.change", lang), *rank_cols]
    # With fewer rank columns (a province, the nation) the value column takes "23.854,56 ribu jiwa" whole.
    fixed = {0: 52 * mm, 1: (28 if len(rank_cols) == 2 else 34) * mm, 2: 20 * mm}
    rest = body_w - sum(fixed.values())
    rank_w = 24 * mm
    widths = [fixed[0], fixed[1], fixed[2], rest - rank_w * len(rank_cols), *([rank_w] * len(rank_cols))]
    # Two header rows: the rank columns share one heading naming the level ranked, then where.
    if rank_cols:
        data = [[_p(h, head_cell) for h in headers[:4]] + [_p(brief.rank_group or "", head_cell)]
                + [""] * (len(rank_cols) - 1), ["", "", "", ""] + [_p(h, head_cell) for h in rank_cols]]
    else:
        data = [[_p(h, head_cell) for h in headers]]
    header_rows = len(data)
    for row in brief.headlines:
        cells = [_p(row.name, cell), _p(row.value, st["cell_bold"]), _p(row.period, cell), _p(row.change, cell)]
        cells += [_p(c, cell) for c in (row.rank_province, row.rank_nation) if c is not None]
        data.append(cells)
    table = Table(data, colWidths=widths, repeatRows=header_rows, hAlign="LEFT")
    spans = [("SPAN", (c, 0), (c, 1)) for c in range(4)] + [("SPAN", (4, 0), (-1, 0))] if rank_cols else []
    table.setStyle(TableStyle([TABLE_FONT, *spans,
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3), ("TOPPADDING", (0, 0), (-1, -1), 1.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2), ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.6, grey),
        ("LINEBELOW", (0, header_rows), (-1, -1), 0.25, colors.HexColor(LIGHT)),
    ]))
    return table


def _middle(brief: Brief, body_w: float, st: dict):
    """The trend (left) beside the target status and regions like this one (right)."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer, Table, TableStyle

    lang = brief.lang
    section, cell, note = st["section"], st["cell"], st["note"]
    chart_w = body_w * 0.55
    trend = [_p(brief.trend_title, section)]
    if brief.trend:
        trend += [trend_drawing(brief, chart_w - 6, 50 * mm), _p(t("brief.trend_gap", lang), note)]
    else:
        trend.append(_p(t("brief.trend_none", lang), st["body"]))
    side = [_p(t("brief.targets", lang), section)]
    if brief.targets:
        for heading, sentence, basis in brief.targets:
            side += [_p(heading, st["cell_bold"]), _p(sentence, cell), *([_p(basis, note)] if basis else []),
                     Spacer(1, 2)]
    else:
        side.append(_p(t("brief.targets_none", lang), cell))
    if brief.like:
        side.append(_p(t("brief.like", lang), section))
        side += [_p(f"{i}. {line}", cell) for i, line in enumerate(brief.like, start=1)]
        side.append(_p(brief.like_caption, note))
    middle = Table([[trend, side]], colWidths=[chart_w, body_w - chart_w], hAlign="LEFT")
    middle.setStyle(TableStyle([TABLE_FONT, ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                ("RIGHTPADDING", (0, 0), (0, 0), 6), ("RIGHTPADDING", (1, 0), (1, 0), 0),
                                ("LEFTPADDING", (1, 0), (1, 0), 8), ("TOPPADDING", (0, 0), (-1, -1), 0),
                                ("LINEBEFORE", (1, 0), (1, 0), 0.4, colors.HexColor(LIGHT))]))
    return middle


def _program_grid(brief: Brief, body_w: float, st: dict):
    """The programme boxes, up to four a row."""
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    per_row = min(len(brief.programs), 4)
    box_w = body_w / per_row
    cells = []
    for box in brief.programs:
        cells.append([_p(box.name, st["box_title"]), _p(box.agency, st["note"]),
                      *[_p(line, st["cell"]) for line in box.lines]])
    grid = [cells[i:i + per_row] for i in range(0, len(cells), per_row)]
    grid[-1] += [""] * (per_row - len(grid[-1]))
    boxes = Table(grid, colWidths=[box_w] * per_row, hAlign="LEFT")
    boxes.setStyle(TableStyle([TABLE_FONT, ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BOX", (0, 0), (-1, -1), 0.5, colors.HexColor("#bbbbbb")),
                               ("INNERGRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#bbbbbb")),
                               ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f6f8fa"))]))
    return boxes


def _in_columns(items: list[str], count: int, st, body_w: float):
    """The items in `count` columns of about equal length (by characters), in reading order."""
    from reportlab.platypus import Table, TableStyle

    total, running, columns, current = sum(len(i) for i in items), 0, [], []
    for item in items:
        current.append(_p(f"• {item}", st))
        running += len(item)
        if running >= total * (len(columns) + 1) / count and len(columns) < count - 1:
            columns.append(current)
            current = []
    columns.append(current)
    columns += [[] for _ in range(count - len(columns))]
    block = Table([[c or "" for c in columns]], colWidths=[body_w / count] * count, hAlign="LEFT")
    block.setStyle(TableStyle([TABLE_FONT, ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 6), ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return block


def _story(brief: Brief, body_w: float) -> list:
    """Everything on the page above the footer, top to bottom."""
    lang = brief.lang
    st = _styles()
    section, note = st["section"], st["note"]
    story: list = [_header(brief, body_w, st), _p(t("brief.headline", lang), section),
                   _headline_table(brief, body_w, st)]
    story += [_p(text, note) for text in brief.headline_notes]
    # Trend and targets side by side; the narrative below.
    story.append(_middle(brief, body_w, st))
    story.append(_p(t("brief.narrative", lang), section))
    story += [_p(par, st["body"]) for par in brief.narrative] or [_p(t("brief.narrative_none", lang), st["body"])]
    story.append(_p(t("brief.narrative_caption", lang), note))
    # Programme outputs: only where the region has them (no empty box).
    if brief.programs:
        story += [_p(t("brief.programs", lang), section), _program_grid(brief, body_w, st)]
    # Sources, then the notes on gaps and method breaks: each a list in two balanced columns.
    story += [_p(t("brief.sources", lang), section), _in_columns(list(brief.sources), 3, st["source"], body_w),
              _p(t("brief.notes", lang), section),
              _in_columns(list(brief.notes), 2, note, body_w) if brief.notes else _p(t("brief.no_notes", lang), note)]
    return story


def render(brief: Brief) -> Rendered:
    """Lay the brief out on one A4 page."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, KeepInFrame, PageTemplate

    _register_fonts()
    lang = brief.lang
    margin = 10 * mm
    page_w, page_h = A4
    body_w = page_w - 2 * margin
    footer_h = 8 * mm
    frame_h = page_h - 2 * margin - footer_h
    fitted = KeepInFrame(body_w, frame_h, _story(brief, body_w), mode="shrink")

    def footer(canvas, _doc) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 6.5)
        canvas.setFillColor(colors.HexColor(GREY))
        canvas.setStrokeColor(colors.HexColor(LIGHT))
        canvas.line(margin, margin + 4 * mm, page_w - margin, margin + 4 * mm)
        canvas.drawString(margin, margin + 1 * mm, t("brief.footer", lang))
        canvas.drawRightString(page_w - margin, margin + 1 * mm, brief.generated)
        canvas.restoreState()

    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=margin,
                          bottomMargin=margin, title=t("brief.title", lang, region=brief.name),
                          author="Dasbor Kemiskinan", subject=brief.generated, lang=lang,
                          initialFontName=FONT, creator="Dasbor Kemiskinan")
    frame = Frame(margin, margin + footer_h, body_w, frame_h, leftPadding=0, rightPadding=0, topPadding=0,
                  bottomPadding=0, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=footer)])
    doc.build([fitted])
    scale = getattr(fitted, "_scale", 1.0) or 1.0
    return Rendered(pdf=buffer.getvalue(), scale=float(1.0 / scale if scale > 1 else scale))


def make_brief(inputs: BriefInputs, region_code: str, lang: str) -> Rendered:
    """The PDF of one region in one language."""
    return render(compose(inputs, region_code, lang))


def brief_regions(registry: RegionRegistry) -> list[str]:
    """The regions a brief is made for: the nation, the provinces and the kab/kota (553 today)."""
    frame = registry.frame
    return frame[frame["level"].isin(["nation", "province", "kabkota"])]["code"].astype(str).tolist()


def find_region(registry: RegionRegistry, text: str) -> str:
    """A BPS code, or a region's name as the registry writes it (case and spacing ignored)."""
    text = text.strip()
    if text in registry:
        return text
    wanted = " ".join(text.lower().split())
    names = registry.frame["name"].astype(str).str.lower().str.split().str.join(" ")
    found = registry.frame[(names == wanted) & registry.frame["level"].isin(["nation", "province", "kabkota"])]
    if len(found) == 1:
        return str(found["code"].iloc[0])
    raise UnknownRegion(text)


def inputs_from_store(store: Store, base_url: str = DEFAULT_BASE_URL, today: date | None = None) -> BriefInputs:
    """Read what briefs are made from: the store's current data, as the pages read it."""
    from analytics.catalog import default_catalog

    return BriefInputs(observations=store.observations(down_to="kabkota"), registry=RegionRegistry(store.regions()),
                       catalog=default_catalog(), targets=store.targets(), revision=store.data_version(),
                       base_url=base_url, today=today or date.today(),
                       stamps=provenance.revision_stamps(store.revisions()))
