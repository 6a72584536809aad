"""Targets and glide paths: is a region on track to reach its target by the target year, by whose target?

Public API (used by the Overview, the Kemiskinan page, Bandingkan and the region brief):

    answer = targets.evaluate(obs, stored_targets, registry, catalog, region_code, "p0", as_of=2026)
    answer.headline   # the target(s) that count now, each a GlidePath (conflicting ones side by side)
    answer.scope      # "own" | "province" | "nation" | None: whose target the headline is
    answer.others     # every other target that applies (own, province's, nation's), each evaluated

    targets.evaluate_all(obs, stored_targets, registry, catalog, region_codes, "p0", as_of=2026)
                      # one headline status per region, as a DataFrame (for ranking tables)

Everything returned is a frozen dataclass (or a DataFrame); nothing is formatted here except the
short legal-basis label (`short_basis`). Pure pandas: no Streamlit, no SQL.

Targets are data (the store's `targets` table): a single value, a range (`lower`/`upper`) or
"below x" (`upper` alone), each with its legal basis. Several targets may exist for the same
year (RPJMN vs budget law vs a presidential directive): all are evaluated, none is picked.

Which target counts now (`evaluate`), with `as_of` the year of evaluation (the page passes
today's year; tests pass a fixed year):

1. The region's own targets, then its province's (2025 scheme first, then 2020), then the
   nation's: the first level with a numeric target whose year is not before `as_of` gives the
   headline: all of that level's targets for its earliest such year. Inherited targets say so.
2. When no level has one, the latest past target of the nearest level that has any.

The rule for one target (`assess`):

1. Observations after ``as_of`` are ignored, so an evaluation can be replayed. Only the
   target's period is used (March for BPS poverty): March and September are never mixed.
2. A target stated only in words → ``NO_DATA`` (missing: ``no_number``). No observation at all
   → ``NO_DATA`` (missing: ``no_observation``).
3. The target year is at or before the latest observation → the value observed *in the
   target year* is compared with the target (``MET`` / ``MISSED``, and for a range whether it
   lies below, inside or above it); if that year itself was not observed →
   ``PASSED_NO_OBSERVATION``.
4. The target year is before ``as_of`` but after the latest observation →
   ``PASSED_NO_OBSERVATION`` with the last known value and year.
5. Otherwise the glide path: the average yearly change *needed* from the latest value to the
   target's threshold (a range's upper edge when lower is better, its lower edge otherwise) by
   the target year, beside the average yearly change *achieved* over the last interval (the
   previous observation in the same period → the latest). No previous observation →
   ``NO_DATA`` (``one_observation``); a method break between them → ``NO_DATA``
   (``method_break``): a pace is never measured across a break. On track when the achieved
   change is at least as good as the needed one.

A projection is only ever a straight line fitted by least squares to the observed, comparable
values (at least two), and carries the years it was fitted on so the chart can say so.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

import pandas as pd

from analytics.catalog import Catalog, Measure
from analytics.domain import indicators
from analytics.domain.indicators import Point
from analytics.regions import NATION, RegionRegistry

# Rounding slack when comparing rates and values (values carry at most 3 decimals).
TOLERANCE = 1e-9
# The levels a target can come from, nearest first.
SCOPES = ("own", "province", "nation")


class Status(StrEnum):
    ON_TRACK = "on_track"
    OFF_TRACK = "off_track"
    NO_DATA = "no_data"
    MET = "met"
    MISSED = "missed"
    PASSED_NO_OBSERVATION = "passed_no_observation"


class Missing(StrEnum):
    """What is missing when the answer is "not enough data"."""

    NO_NUMBER = "no_number"  # the target is stated in words only
    NO_OBSERVATION = "no_observation"  # no value of the measure in the target's period
    ONE_OBSERVATION = "one_observation"  # one value only: no pace achieved
    METHOD_BREAK = "method_break"  # the last two values straddle a method break


@dataclass(frozen=True)
class Target:
    """A target for a measure by a year, with its legal basis.

    `value` is a single target; `lower`/`upper` a range; `upper` alone means "below x" (and
    `lower` alone "above x"). All three empty: a target stated in words only."""

    region_code: str  # the region the target was set for (the province or nation when inherited)
    measure: str
    year: int
    period: str
    value: float | None
    source: str
    note: str | None
    inherited: bool  # True when a region uses a higher level's target because it has none of its own
    lower: float | None = None
    upper: float | None = None
    basis: str = ""
    source_url: str | None = None
    plan_period: str | None = None  # "2025-2029" when the basis names one
    year_stated: bool = True  # False: the source gives no year; `year` is the end of the plan period
    verify: bool = False  # still to be checked against the original document
    scope: str = "own"  # own | province | nation, seen from the region evaluated

    @property
    def kind(self) -> str:
        """value | range | below | above | words."""
        if self.value is not None:
            return "value"
        if self.lower is not None and self.upper is not None:
            return "range"
        if self.upper is not None:
            return "below"
        if self.lower is not None:
            return "above"
        return "words"

    @property
    def has_number(self) -> bool:
        return self.kind != "words"

    def threshold(self, lower_is_better: bool) -> float | None:
        """The value that must be reached: a range's upper edge when lower is better (its lower
        edge otherwise), the bound of "below x", or the single value."""
        if self.value is not None:
            return self.value
        if lower_is_better:
            return self.upper if self.upper is not None else self.lower
        return self.lower if self.lower is not None else self.upper

    @property
    def plan_start(self) -> int | None:
        if not self.plan_period:
            return None
        match = re.match(r"(\d{4})", self.plan_period)
        return int(match.group(1)) if match else None


@dataclass(frozen=True)
class GlidePath:
    """One target evaluated against one region's observations (see the module docstring)."""

    target: Target
    as_of: int
    status: Status
    latest: Point | None  # the latest observation in the target's period up to as_of
    previous: Point | None  # the start of the last comparable interval
    needed_per_year: float | None  # (threshold − latest) / (target year − latest year)
    achieved_per_year: float | None  # (latest − previous) / (latest year − previous year)
    baseline_needed_per_year: float | None  # the need as it stood at `previous` (the path set then)
    observed_at_target: Point | None  # the value in the target year, when it has passed and was observed
    missing: Missing | None = None  # why the answer is "not enough data"
    position: str | None = None  # below | inside | above the target, for an observed value compared
    lower_is_better: bool = True
    method_break: int | None = None  # the break year between `previous` and `latest`, if any
    # The glide path drawn to the target year: (year, value) from the latest observation to the
    # threshold; for a range also the paths to both edges (the band).
    glide_path: tuple[tuple[int, float], ...] = ()
    band: tuple[tuple[int, float, float], ...] = ()  # (year, lower, upper) along the path to a range
    baseline_before_plan: bool = False  # the latest value predates the plan that set the target

    @property
    def target_passed(self) -> bool:
        return self.status in (Status.MET, Status.MISSED, Status.PASSED_NO_OBSERVATION)

    @property
    def threshold(self) -> float | None:
        return self.target.threshold(self.lower_is_better)


@dataclass(frozen=True)
class TargetAnswer:
    """A region's answer for one measure: the target(s) that count now and all others."""

    region_code: str
    measure: str
    as_of: int
    scope: str | None  # whose targets the headline is: own | province | nation; None: no target anywhere
    scope_region: str | None  # the region code that set the headline targets
    headline: tuple[GlidePath, ...]  # one, or several conflicting targets for the same year
    others: tuple[GlidePath, ...]  # every other target that applies, nearest level first, by year

    @property
    def status(self) -> Status | None:
        """The headline's status when its targets agree; None when there is no target or they differ."""
        statuses = {glide.status for glide in self.headline}
        return statuses.pop() if len(statuses) == 1 else None

    @property
    def conflicting(self) -> bool:
        return len(self.headline) > 1

    @property
    def all(self) -> tuple[GlidePath, ...]:
        return self.headline + self.others


# --- small rules ----------------------------------------------------------------------------


def required_rate(start_value: float, start_year: int, target_value: float, target_year: int) -> float:
    """Average change per year needed to go from a value to the target by the target year."""
    if target_year <= start_year:
        raise ValueError("the target year must come after the start year")
    return (target_value - start_value) / (target_year - start_year)


def _lower_is_better(measure: Measure, latest_value: float | None, target: Target) -> bool:
    if measure.lower_is_better is not None:
        return measure.lower_is_better
    # A measure without a good direction (e.g. the poverty line): the target's side decides.
    goal = target.value if target.value is not None else target.upper if target.upper is not None else target.lower
    return latest_value is None or goal is None or goal <= latest_value


def position(value: float, target: Target) -> str:
    """Where a value lies against a target: below, inside or above (a single value: inside when equal)."""
    low = target.value if target.value is not None else target.lower
    high = target.value if target.value is not None else target.upper
    if high is not None and (value > high + TOLERANCE or (target.kind == "below" and value >= high - TOLERANCE)):
        return "above"
    if low is not None and value < low - TOLERANCE:
        return "below"
    return "inside"


def meets_target(value: float, target: Target, lower_is_better: bool) -> bool:
    """Met when inside the target, or beyond it on the good side (below a range when lower is better)."""
    where = position(value, target)
    return where == "inside" or where == ("below" if lower_is_better else "above")


def on_track(needed_per_year: float, achieved_per_year: float, lower_is_better: bool) -> bool:
    """The achieved yearly change is at least as good as the needed one."""
    if lower_is_better:
        return achieved_per_year <= needed_per_year + TOLERANCE
    return achieved_per_year >= needed_per_year - TOLERANCE


# Cut a legal basis at the first of these to get its short label.
_BASIS_CUTS = (" tentang ", " sebagaimana ", " - ", "; disahkan", " (")
_ACRONYM = re.compile(r"^\([A-Z]{2,8}\)")


def short_basis(basis: str) -> str:
    """A legal basis shortened for a card: "Perpres 12/2025 (RPJMN 2025–2029)", "Inpres 4/2022",
    "UU APBN 2025". The full text is shown beside it on hover or below."""
    text = basis.strip()
    rpjmn = re.match(r"^(Perpres \d+/\d{4}) tentang (RPJMN) (\d{4})-(\d{4})", text)
    if rpjmn:
        return f"{rpjmn.group(1)} ({rpjmn.group(2)} {rpjmn.group(3)}–{rpjmn.group(4)})"
    # "Rancangan Rencana Penanggulangan Kemiskinan Daerah (RPKD) Kota Tangerang 2025-2029" →
    # "Rancangan RPKD Kota Tangerang 2025–2029": a plan named in full is known by its acronym.
    named = re.match(r"^(Rancangan )?[A-Z][^()]*? \(([A-Z]{2,8})\)(.*)$", text)
    if named:
        text = f"{named.group(1) or ''}{named.group(2)}{named.group(3)}"
    cut = len(text)
    for marker in _BASIS_CUTS:
        start = 0
        while True:
            found = text.find(marker, start)
            if found <= 0:
                break
            # "(RPKD) Kota Tangerang …": an acronym in brackets belongs to the name.
            if marker == " (" and _ACRONYM.match(text[found + 1:]):
                start = found + 2
                continue
            cut = min(cut, found)
            break
    return re.sub(r"(\d{4})-(\d{4})", r"\1–\2", text[:cut].strip())


# --- one target -----------------------------------------------------------------------------


def _observed(obs: pd.DataFrame, region_code: str, measure: str, period: str, as_of: int) -> pd.DataFrame:
    """The region's values of the measure in one period up to `as_of`, by year (one mask, one sort:
    evaluate_all runs this for every region)."""
    mask = ((obs["region_code"] == region_code) & (obs["measure"] == measure) & (obs["period"] == period)
            & (obs["year"] <= as_of) & obs["value"].notna())
    return obs[mask].sort_values("year")


def _break_between(measure: Measure, previous: Point, latest: Point) -> int | None:
    if indicators.comparable(measure, previous, latest):
        return None
    breaks = [y for y in measure.break_years() if previous.year < y <= latest.year]
    return breaks[-1] if breaks else latest.year


def assess(obs: pd.DataFrame, measure: Measure, region_code: str, target: Target, as_of: int, *,
           observed: dict[str, pd.DataFrame] | None = None) -> GlidePath:
    """Apply the rule in the module docstring to one region, measure and target. `observed`, when given,
    keeps the region's series per period for the next target of the same region and measure (a region
    has a score of targets from its own, its province's and the nation's plans: the same series was
    selected and sorted again for each, about two thirds of a Kemiskinan page's targets when first seen)."""
    if observed is None:
        frame = _observed(obs, region_code, measure.id, target.period, as_of)
    else:
        frame = observed.get(target.period)
        if frame is None:
            frame = observed[target.period] = _observed(obs, region_code, measure.id, target.period, as_of)
    latest = indicators.point_of(frame.iloc[-1]) if not frame.empty else None
    lower = _lower_is_better(measure, latest.value if latest else None, target)

    def result(status: Status, **values: object) -> GlidePath:
        fields: dict[str, object] = {"latest": latest, "previous": None, "needed_per_year": None,
                                     "achieved_per_year": None, "baseline_needed_per_year": None,
                                     "observed_at_target": None, "lower_is_better": lower, **values}
        return GlidePath(target=target, as_of=as_of, status=status, **fields)  # type: ignore[arg-type]

    if not target.has_number:
        return result(Status.NO_DATA, missing=Missing.NO_NUMBER)
    if latest is None:
        return result(Status.NO_DATA, missing=Missing.NO_OBSERVATION)
    threshold = target.threshold(lower)
    assert threshold is not None  # a target with a number has a threshold

    if target.year <= latest.year:
        in_year = frame[frame["year"] == target.year]
        at_target = indicators.point_of(in_year.iloc[0]) if not in_year.empty else None
        if at_target is None:
            return result(Status.PASSED_NO_OBSERVATION)
        status = Status.MET if meets_target(at_target.value, target, lower) else Status.MISSED
        return result(status, observed_at_target=at_target, position=position(at_target.value, target))

    # The previous value of the same series (the frame is one period, by year; gaps skipped).
    earlier = frame[frame["year"] < latest.year]
    previous = indicators.point_of(earlier.iloc[-1]) if not earlier.empty else None
    broken = _break_between(measure, previous, latest) if previous is not None else None
    if broken is not None:
        previous = None
    needed = required_rate(latest.value, latest.year, threshold, target.year)
    achieved = None if previous is None else (latest.value - previous.value) / (latest.year - previous.year)
    baseline = (None if previous is None
                else required_rate(previous.value, previous.year, threshold, target.year))
    path = ((latest.year, latest.value), (target.year, threshold))
    band: tuple[tuple[int, float, float], ...] = ()
    if target.kind == "range":
        assert target.lower is not None and target.upper is not None
        band = ((latest.year, latest.value, latest.value), (target.year, target.lower, target.upper))
    start = target.plan_start
    values = {"previous": previous, "needed_per_year": needed, "achieved_per_year": achieved,
              "baseline_needed_per_year": baseline, "method_break": broken, "glide_path": path, "band": band,
              "position": position(latest.value, target),
              "baseline_before_plan": start is not None and latest.year < start}
    if target.year < as_of:
        return result(Status.PASSED_NO_OBSERVATION, **values)
    if achieved is None:
        missing = Missing.METHOD_BREAK if broken is not None else Missing.ONE_OBSERVATION
        return result(Status.NO_DATA, missing=missing, **values)
    return result(Status.ON_TRACK if on_track(needed, achieved, lower) else Status.OFF_TRACK, **values)


# --- which targets apply --------------------------------------------------------------------


def _optional(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)  # type: ignore[arg-type]


def _text(value: object) -> str | None:
    return None if value is None or (isinstance(value, float) and pd.isna(value)) or value == "" else str(value)


def to_target(row: Mapping[str, Any] | pd.Series, *, scope: str = "own") -> Target:
    """A stored target row as a Target, seen from a region at `scope`."""
    get = row.get
    return Target(
        region_code=str(row["region_code"]), measure=str(row["measure"]), year=int(row["year"]),
        period=str(row["period"]), value=_optional(get("value")), source=str(row["source"]),
        note=_text(get("note")), inherited=scope != "own", lower=_optional(get("lower")),
        upper=_optional(get("upper")), basis=_text(get("basis")) or str(row["source"]),
        source_url=_text(get("source_url")), plan_period=_text(get("plan_period")),
        year_stated=bool(get("year_stated", True)) if get("year_stated") is not None else True,
        verify=bool(get("verify", False)) if get("verify") is not None else False, scope=scope)


def levels(registry: RegionRegistry, region_code: str) -> list[tuple[str, str]]:
    """(scope, region code) to look for targets in, nearest first: the region, its province(s)
    (the 2025 scheme first: the RPJMN 2025–2029 names 38 provinces), the nation."""
    region = registry.get(region_code)
    out = [("own", region_code)]
    if region.level == "nation":
        return out
    if region.level != "province":
        for scheme in ("2025", "2020"):
            province = registry.province_of(region_code, scheme=scheme)
            if province and province in registry and ("province", province) not in out:
                out.append(("province", province))
    out.append(("nation", NATION))
    return out


# `_by_region` per stored frame and measure, with a weak reference to the frame (an entry goes with it): the
# app's frame is shared per data-version, and every region's first Kemiskinan view reads 13 measures.
_BY_REGION: dict[tuple[int, str], tuple[weakref.ref, int, dict[str, list[Target]]]] = {}


def _by_region(stored: pd.DataFrame, measure: str) -> dict[str, list[Target]]:
    """A measure's stored targets as Targets (scope "own"), per region code, by year and basis (read, never
    change: the answer is kept for the next call on the same frame)."""
    key = (id(stored), measure)
    kept = _BY_REGION.get(key)
    if kept is not None and kept[0]() is stored and kept[1] == len(stored):
        return kept[2]
    out = _read_by_region(stored, measure)
    _BY_REGION[key] = (weakref.ref(stored, lambda _ref, key=key: _BY_REGION.pop(key, None)), len(stored), out)
    return out


def _read_by_region(stored: pd.DataFrame, measure: str) -> dict[str, list[Target]]:
    if stored.empty:
        return {}
    rows = stored[stored["measure"] == measure]
    rows = rows.sort_values(["region_code", "year", "basis"] if "basis" in rows else ["region_code", "year"])
    out: dict[str, list[Target]] = {}
    for record in rows.to_dict("records"):
        out.setdefault(str(record["region_code"]), []).append(to_target(record))
    return out


def _applicable(by_region: dict[str, list[Target]], registry: RegionRegistry, region_code: str) -> list[Target]:
    out: list[Target] = []
    for scope, code in levels(registry, region_code):
        out += [replace(t, scope=scope, inherited=scope != "own") for t in by_region.get(code, [])]
    return out


def applicable(stored: pd.DataFrame, registry: RegionRegistry, region_code: str, measure: str
               ) -> list[Target]:
    """Every target that applies to a region for a measure, nearest level first, then by year and basis."""
    return _applicable(_by_region(stored, measure), registry, region_code)


def headline_targets(found: list[Target], as_of: int) -> list[Target]:
    """The targets that count now (rule 1–2 of `evaluate` in the module docstring)."""
    numeric = [t for t in found if t.has_number]
    for scope in SCOPES:
        at_level = [t for t in numeric if t.scope == scope]
        upcoming = [t for t in at_level if t.year >= as_of]
        if upcoming:
            # The nearest province first (a kab/kota has one, or two in new Papua provinces).
            code = upcoming[0].region_code
            year = min(t.year for t in upcoming if t.region_code == code)
            return [t for t in upcoming if t.region_code == code and t.year == year]
    for scope in SCOPES:
        at_level = [t for t in numeric if t.scope == scope]
        if at_level:
            code = at_level[0].region_code
            year = max(t.year for t in at_level if t.region_code == code)
            return [t for t in at_level if t.region_code == code and t.year == year]
    return []


def evaluate(obs: pd.DataFrame, stored: pd.DataFrame, registry: RegionRegistry, catalog: Catalog,
             region_code: str, measure_id: str, *, as_of: int) -> TargetAnswer:
    """A region's answer for a measure: its headline target(s) and every other that applies, each
    evaluated against the region's own observations (see the module docstring)."""
    measure = catalog.measure(measure_id)
    found = applicable(stored, registry, region_code, measure_id)
    chosen = headline_targets(found, as_of)
    own = indicators.select(obs, regions=[region_code], measures=[measure_id])  # once, not per target
    observed: dict[str, pd.DataFrame] = {}  # and its series once per period
    headline = tuple(assess(own, measure, region_code, t, as_of, observed=observed) for t in chosen)
    others = tuple(assess(own, measure, region_code, t, as_of, observed=observed) for t in found if t not in chosen)
    return TargetAnswer(region_code=region_code, measure=measure_id, as_of=as_of,
                        scope=chosen[0].scope if chosen else None,
                        scope_region=chosen[0].region_code if chosen else None,
                        headline=headline, others=others)


def evaluate_all(obs: pd.DataFrame, stored: pd.DataFrame, registry: RegionRegistry, catalog: Catalog,
                 region_codes: Iterable[str], measure_id: str, *, as_of: int) -> pd.DataFrame:
    """One row per region: region_code, status (the headline's, or "conflict" when its targets
    disagree, "none" without a target), scope, target_year, basis (the first headline target's)."""
    measure = catalog.measure(measure_id)
    # One pass over the measure's rows: each region is then assessed on its own few rows.
    by_region = dict(tuple(indicators.select(obs, measures=[measure_id]).groupby("region_code", sort=False)))
    empty = obs.iloc[0:0]
    by_target_region = _by_region(stored, measure_id)
    rows = []
    for code in region_codes:
        chosen = headline_targets(_applicable(by_target_region, registry, code), as_of)
        observed: dict[str, pd.DataFrame] = {}
        glides = [assess(by_region.get(code, empty), measure, code, t, as_of, observed=observed) for t in chosen]
        first = chosen[0] if chosen else None
        statuses = {g.status.value for g in glides}
        status = statuses.pop() if len(statuses) == 1 else ("conflict" if glides else "none")
        rows.append({"region_code": code, "status": status, "scope": first.scope if first else None,
                     "target_year": first.year if first else None, "basis": first.basis if first else None})
    return pd.DataFrame(rows, columns=["region_code", "status", "scope", "target_year", "basis"])


# --- the upload template --------------------------------------------------------------------

# The target template's Indonesian headers, in TARGET_FILE_COLUMNS order (English ones work too:
# region_code, measure, year, period, value, lower, upper, unit, basis, plan_period, year_stated,
# verify, source, source_url, note).
TEMPLATE_HEADERS = ("kode_wilayah", "nama_wilayah", "indikator", "tahun_target", "periode", "nilai_target",
                    "nilai_bawah", "nilai_atas", "satuan", "dasar_hukum", "periode_rencana", "tahun_disebut",
                    "perlu_verifikasi", "sumber", "sumber_url", "catatan")
# Example rows of the template: real stored targets, one of each kind (single value, range, "below x").
TEMPLATE_EXAMPLES = (("3671", "p0", 2029, "value"), ("36", "p0", 2029, "range"), ("00", "extreme_poverty", 2026, "below"))


def template(stored: pd.DataFrame, registry: RegionRegistry, catalog: Catalog) -> pd.DataFrame:
    """The target template with real stored targets as examples (one value, one range, one "below x")."""
    rows = []
    for code, measure_id, year, kind in TEMPLATE_EXAMPLES:
        candidates = stored[(stored["region_code"] == code) & (stored["measure"] == measure_id)
                            & (stored["year"] == year)] if not stored.empty else stored
        for _, row in candidates.iterrows():
            target = to_target(row)
            if target.kind != kind:
                continue
            def number(x: float | None) -> str:
                return "" if x is None else f"{x:g}".replace(".", ",")
            rows.append((code, registry.name(code) if code in registry else "", measure_id, year, "maret",
                         number(target.value), number(target.lower), number(target.upper),
                         catalog.measure(measure_id).unit, target.basis, target.plan_period or "",
                         "ya" if target.year_stated else "tidak", "ya" if target.verify else "tidak",
                         target.source, target.source_url or "", target.note or ""))
            break
    return pd.DataFrame(rows, columns=list(TEMPLATE_HEADERS))
