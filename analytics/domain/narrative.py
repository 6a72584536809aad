"""Narrative summary: a few sentences a speech writer can use, generated from the data.

Every figure in the text is formatted by analytics.fmt from the same points the
charts draw, in the current language. A claim of rank ("the best change in
Banten") is made only when it was computed over *all* peers (the other regions
of the same level in the same province, or all provinces) with values for the
same years and period; otherwise no rank is claimed at all.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pandas as pd

from analytics import fmt
from analytics.catalog import EXTENSIVE_UNITS, Catalog, Measure
from analytics.domain import indicators
from analytics.domain.indicators import Change, Point
from analytics.domain.targets import GlidePath, Status
from analytics.i18n import t, when
from analytics.regions import NATION, RegionRegistry

# Changes smaller than this are "unchanged" (values carry at most 3 decimals).
UNCHANGED = 1e-9


@dataclass(frozen=True)
class PeerRank:
    """Rank of a region's improvement among all its peers over the same years and period (1 = best)."""

    rank: int
    n: int
    parent_code: str
    level: str


@dataclass(frozen=True)
class Narrative:
    paragraphs: tuple[str, ...]  # one per measure, in the order the measures were chosen
    # True when a rank could not be claimed because some peers lack values for the same period.
    rank_withheld: bool

    @property
    def text(self) -> str:
        return " ".join(self.paragraphs)


def region_label(registry: RegionRegistry, code: str) -> str:
    return "Indonesia" if code == NATION else registry.name(code)


def rate_change(rate: float | None, measure: Measure, lang: str) -> str:
    """A yearly rate's change with one decimal more than the values ("−0,537 poin"), so small needs show."""
    finer = dataclasses.replace(measure, decimals=measure.decimals + 1)
    return fmt.change(rate, finer, lang)


def rate_text(rate: float | None, measure: Measure, lang: str) -> str:
    """"−0,537 poin/tahun"; missing → "tidak ada data"."""
    if fmt.is_missing(rate):
        return fmt.NO_DATA.get(lang, fmt.NO_DATA["id"])
    return t("poverty.per_year", lang, change=rate_change(rate, measure, lang))


def latest_change(obs: pd.DataFrame, region_code: str, measure_id: str) -> tuple[Point | None, Point | None]:
    """The latest value in the region's main period and the previous available one (gaps skipped)."""
    point = indicators.latest(obs, region_code, measure_id)
    return point, (indicators.previous(obs, point) if point is not None else None)


def is_count(measure: Measure) -> bool:
    """Counts grow with a region's size: regions are compared by percent change, never by raw change."""
    return measure.unit in EXTENSIVE_UNITS


def improvement(change: Change, measure: Measure) -> float:
    """Signed improvement: a fall is an improvement when lower is better. For a count it is the
    relative change (a fall of 4 thousand in a city of 125 thousand poor is −3.2 %, comparable with
    Indonesia's −5.4 %; the raw 4 thousand against 1.36 million is not)."""
    delta = -change.points if measure.lower_is_better else change.points
    if is_count(measure):
        return delta / abs(change.start.value) if change.start.value else 0.0
    return delta


def relative(change: Change) -> float | None:
    return change.points / abs(change.start.value) if change.start.value else None


def change_text(change: Change, measure: Measure, lang: str) -> str:
    """The size of a change: "0,18 poin" for a rate; "4,15 ribu jiwa (−3,2 %)" for a count."""
    text = fmt.change(abs(change.points), measure, lang, signed=False)
    if is_count(measure) and relative(change) is not None:
        text += f" ({fmt.percent_change(relative(change), lang)})"
    return text


def peer_rank(obs: pd.DataFrame, registry: RegionRegistry, measure: Measure, change: Change) -> PeerRank | None:
    """Rank of the region's improvement among all peers, or None unless every peer has both values.

    Peers of a kab/kota are the kab/kota of its province; peers of a province are all provinces.
    """
    region = registry.get(change.end.region_code)
    if measure.lower_is_better is None or region.level not in ("kabkota", "province"):
        return None
    peers = [region.code, *registry.siblings(region.code)["code"].tolist()]
    if len(peers) < 2:
        return None
    # Every peer's two values in one selection (as change_between would find them: a region's first row
    # of the year), not two selections per peer (38 peers in Jawa Timur).
    years = (change.start.year, change.end.year)
    rows = indicators.select(obs, regions=peers, measures=[measure.id], years=years, periods=[change.end.period])
    points = {(p.region_code, p.year): p for p in
              map(indicators.point_of, (row for _, row in rows.drop_duplicates(["region_code", "year"]).iterrows()))}
    scores = {}
    for code in peers:
        start, end = points.get((code, years[0])), points.get((code, years[1]))
        peer_change = None if start is None or end is None else Change(start, end)
        if peer_change is None or not indicators.comparable(measure, peer_change.start, peer_change.end):
            return None
        scores[code] = improvement(peer_change, measure)
    mine = scores[region.code]
    rank = 1 + sum(1 for value in scores.values() if value > mine + UNCHANGED)
    parent = NATION if region.level == "province" else (region.parent_code or NATION)
    return PeerRank(rank=rank, n=len(peers), parent_code=parent, level=region.level)


def _direction(delta: float) -> str:
    if abs(delta) < UNCHANGED:
        return "same"
    return "down" if delta < 0 else "up"


def change_sentence(measure: Measure, region_name: str, start: Point, end: Point, lang: str) -> str:
    """"Persentase penduduk miskin ekstrem Kota Tangerang turun dari 1,61 % (Maret 2021) menjadi …"."""
    delta = round(end.value - start.value, 10)
    return t(f"poverty.narr.change.{_direction(delta)}", lang,
             measure=measure.name.get(lang), region=region_name,
             start=fmt.value(start.value, measure, lang), start_when=when(start.period, start.year, lang),
             end=fmt.value(end.value, measure, lang), end_when=when(end.period, end.year, lang),
             delta=change_text(Change(start, end), measure, lang))


def _join(parts: list[str], lang: str) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + t("poverty.narr.and", lang) + parts[-1]


def reference_sentences(obs: pd.DataFrame, registry: RegionRegistry, measure: Measure, change: Change,
                        lang: str) -> list[str]:
    """How the province and the nation moved over exactly the same years and period, and the pace."""
    moves, paces = [], []
    mine = improvement(change, measure)
    for code in registry.references(change.end.region_code):
        ref = indicators.change_between(obs, code, measure.id, change.start.year, change.end.year, change.end.period)
        if ref is None or not indicators.comparable(measure, ref.start, ref.end):
            continue
        name = region_label(registry, code)
        moves.append(t(f"poverty.narr.ref.{_direction(ref.points)}", lang, region=name,
                       delta=change_text(ref, measure, lang)))
        if measure.lower_is_better is not None:
            theirs = improvement(ref, measure)
            pace = "same" if abs(mine - theirs) < UNCHANGED else ("better" if mine > theirs else "worse")
            paces.append(t(f"poverty.narr.pace.{pace}", lang, region=name))
    sentences = []
    if moves:
        sentences.append(t("poverty.narr.same_period", lang, moves=_join(moves, lang)))
    if paces:
        # Counts are compared by percent change (regions differ in size), and the sentence says so.
        key = "poverty.narr.pace_percent" if is_count(measure) else "poverty.narr.pace"
        sentences.append(t(key, lang, region=region_label(registry, change.end.region_code),
                           clauses=_join(paces, lang)))
    return sentences


def rank_sentence(rank: PeerRank, registry: RegionRegistry, lang: str) -> str:
    peers = t(f"poverty.narr.peers.{rank.level}", lang)
    parent = region_label(registry, rank.parent_code)
    if rank.rank == 1:
        text = t("poverty.narr.rank.best", lang, n=rank.n, peers=peers, parent=parent)
    else:
        text = t("poverty.narr.rank", lang, rank=rank.rank, n=rank.n, peers=peers, parent=parent)
    # Name the kind of rank: of the change (not of the level, which Bandingkan ranks).
    return text + " " + t("poverty.narr.rank_kind", lang)


def target_label(glide: GlidePath, measure: Measure, lang: str) -> str:
    """"target nasional 0,00 % pada 2024" / "target 5,00 % pada 2026"."""
    from analytics.domain import target_text  # here: target_text builds on this module's rate_text

    target = glide.target
    key = "poverty.target.own" if not target.inherited else (
        "targets.narr.province" if target.scope == "province" else "poverty.target.national")
    return t(key, lang, value=target_text.value_text(target, measure, lang), year=target.year)


def glide_sentence(glide: GlidePath, measure: Measure, lang: str) -> str:
    target = target_label(glide, measure, lang)
    latest = glide.latest
    if glide.status in (Status.ON_TRACK, Status.OFF_TRACK) and latest is not None and glide.previous is not None:
        return t(f"poverty.narr.glide.{glide.status.value}", lang, target=target,
                 needed=rate_text(glide.needed_per_year, measure, lang), latest_year=latest.year,
                 achieved=rate_text(glide.achieved_per_year, measure, lang),
                 start_year=glide.previous.year)
    if glide.status in (Status.MET, Status.MISSED) and glide.observed_at_target is not None:
        point = glide.observed_at_target
        return t(f"poverty.narr.glide.{glide.status.value}", lang, target=target,
                 value=fmt.value(point.value, measure, lang), when=when(point.period, point.year, lang))
    if glide.status is Status.PASSED_NO_OBSERVATION and latest is not None:
        text = t("poverty.narr.glide.passed", lang, target=target, year=glide.target.year,
                 value=fmt.value(latest.value, measure, lang), when=when(latest.period, latest.year, lang))
        if glide.previous is not None and glide.needed_per_year is not None:
            text += " " + t("poverty.narr.glide.passed_context", lang, latest_year=latest.year,
                            needed=rate_text(glide.needed_per_year, measure, lang),
                            achieved=rate_text(glide.achieved_per_year, measure, lang),
                            start_year=glide.previous.year)
        return text
    return t("poverty.narr.glide.no_data", lang, target=target)


def measure_sentences(obs: pd.DataFrame, registry: RegionRegistry, measure: Measure, region_code: str,
                      lang: str, glide: GlidePath | None = None) -> tuple[list[str], bool]:
    """Sentences about one measure, and whether a rank claim was withheld for lack of peer data."""
    name = region_label(registry, region_code)
    point, before = latest_change(obs, region_code, measure.id)
    sentences: list[str] = []
    withheld = False
    if point is None:
        return sentences, withheld
    if before is None:
        sentences.append(t("poverty.narr.single", lang, measure=measure.name.get(lang), region=name,
                           value=fmt.value(point.value, measure, lang), when=when(point.period, point.year, lang)))
    elif not indicators.comparable(measure, before, point):
        sentences.append(t("poverty.narr.not_comparable", lang, measure=measure.name.get(lang), region=name,
                           value=fmt.value(point.value, measure, lang), when=when(point.period, point.year, lang),
                           year=before.year))
    else:
        change = Change(before, point)
        sentences.append(change_sentence(measure, name, before, point, lang))
        sentences.extend(reference_sentences(obs, registry, measure, change, lang))
        rank = peer_rank(obs, registry, measure, change)
        if rank is not None:
            sentences.append(rank_sentence(rank, registry, lang))
        else:
            withheld = measure.lower_is_better is not None and registry.get(region_code).level != "nation"
    if glide is not None:
        sentences.append(glide_sentence(glide, measure, lang))
    return sentences, withheld


def summary(obs: pd.DataFrame, registry: RegionRegistry, catalog: Catalog, region_code: str,
            measure_ids: list[str], lang: str, glides: dict[str, GlidePath] | None = None) -> Narrative:
    """The narrative for the chosen measures of a region, in the order they were chosen."""
    paragraphs: list[str] = []
    withheld = False
    for measure_id in measure_ids:
        sentences, held = measure_sentences(obs, registry, catalog.measure(measure_id), region_code, lang,
                                            (glides or {}).get(measure_id))
        if sentences:
            paragraphs.append(" ".join(sentences))
        withheld = withheld or held
    return Narrative(paragraphs=tuple(paragraphs), rank_withheld=withheld)
