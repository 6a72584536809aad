"""Targets and glide paths: is a region on track to reach its target by the target year?

Targets are data in the store (region, measure, year, period, value, source). A
kab/kota or province without its own target for a measure falls back to the
national target, labelled as inherited.

The rule, in the order it is applied (``evaluate``), with ``as_of`` the year of
evaluation (the page passes today's year; tests pass a fixed year):

1. Observations after ``as_of`` are ignored, so an evaluation can be replayed.
   Only the target's period is used (March for BPS poverty): March and
   September are never mixed.
2. No observation at all → ``NO_DATA``.
3. The target year is at or before the latest observation → compare the value
   observed *in the target year* with the target (``MET`` / ``MISSED``); if the
   target year itself was not observed → ``PASSED_NO_OBSERVATION``.
4. The target year is before ``as_of`` but after the latest observation (the
   year has passed and its figure is not in the store) → ``PASSED_NO_OBSERVATION``
   with the last known value; the glide path as it stood at that last
   observation is still computed, for context.
5. Otherwise the glide path: the average yearly change *needed* from the latest
   observation to reach the target by its year, beside the average yearly
   change *achieved* over the last available interval (the previous
   observation → the latest, skipping gaps). No previous comparable
   observation (fewer than two, or a method break in between) → ``NO_DATA``.
   On track when the achieved change, continued from the latest value to the
   target year, reaches the target (equivalently: the achieved rate is at least
   as good as the needed rate).

A projection is only ever a straight line fitted by least squares to the
observed, comparable values (at least two), and carries the years it was
fitted on so the chart can say so.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import pandas as pd

from analytics import indicators
from analytics.catalog import Measure
from analytics.indicators import Point
from analytics.regions import NATION

# Rounding slack when comparing rates and values (values carry at most 3 decimals).
TOLERANCE = 1e-9


class Status(StrEnum):
    ON_TRACK = "on_track"
    OFF_TRACK = "off_track"
    NO_DATA = "no_data"
    MET = "met"
    MISSED = "missed"
    PASSED_NO_OBSERVATION = "passed_no_observation"


@dataclass(frozen=True)
class Target:
    """A target value for a measure by a year, with its legal or plan source."""

    region_code: str  # the region the target was set for (the nation when inherited)
    measure: str
    year: int
    period: str
    value: float
    source: str
    note: str | None
    inherited: bool  # True when a region uses the national target because it has none of its own


@dataclass(frozen=True)
class Trend:
    """A least-squares straight line through observed values; only a labelled projection."""

    slope: float  # per year
    intercept: float
    fitted_years: tuple[int, ...]

    def at(self, year: float) -> float:
        return self.slope * year + self.intercept


@dataclass(frozen=True)
class GlidePath:
    target: Target
    as_of: int
    status: Status
    latest: Point | None  # the latest observation in the target's period up to as_of
    previous: Point | None  # the start of the last available comparable interval
    needed_per_year: float | None  # (target − latest) / (target year − latest year)
    achieved_per_year: float | None  # (latest − previous) / (latest year − previous year)
    baseline_needed_per_year: float | None  # the need as it stood at `previous` (the path set then)
    observed_at_target: Point | None  # the value in the target year, when it has passed and was observed

    @property
    def target_passed(self) -> bool:
        return self.status in (Status.MET, Status.MISSED, Status.PASSED_NO_OBSERVATION)


def required_rate(start_value: float, start_year: int, target_value: float, target_year: int) -> float:
    """Average change per year needed to go from a value to the target by the target year."""
    if target_year <= start_year:
        raise ValueError("the target year must come after the start year")
    return (target_value - start_value) / (target_year - start_year)


def _lower_is_better(measure: Measure, latest_value: float, target_value: float) -> bool:
    if measure.lower_is_better is not None:
        return measure.lower_is_better
    # A measure without a good direction (e.g. the poverty line): the target's side decides.
    return target_value <= latest_value


def meets(value: float, target_value: float, lower_is_better: bool) -> bool:
    return value <= target_value + TOLERANCE if lower_is_better else value >= target_value - TOLERANCE


def on_track(needed_per_year: float, achieved_per_year: float, lower_is_better: bool) -> bool:
    """The achieved yearly change is at least as good as the needed one."""
    if lower_is_better:
        return achieved_per_year <= needed_per_year + TOLERANCE
    return achieved_per_year >= needed_per_year - TOLERANCE


def targets_for(targets: pd.DataFrame, region_code: str, measure: str) -> list[Target]:
    """The region's own targets for a measure, else the national ones (marked inherited), by year."""
    if targets.empty:
        return []
    own = targets[(targets["region_code"] == region_code) & (targets["measure"] == measure)]
    frame = own
    if own.empty and region_code != NATION:
        frame = targets[(targets["region_code"] == NATION) & (targets["measure"] == measure)]
    out = []
    for _, row in frame.sort_values("year").iterrows():
        note = row.get("note")
        out.append(Target(region_code=str(row["region_code"]), measure=measure, year=int(row["year"]),
                          period=str(row["period"]), value=float(row["value"]), source=str(row["source"]),
                          note=None if pd.isna(note) or note == "" else str(note),
                          inherited=str(row["region_code"]) != region_code))
    return out


def target_for(targets: pd.DataFrame, region_code: str, measure: str, as_of: int) -> Target | None:
    """The target that matters now: the first whose year is not before `as_of`, else the latest one."""
    found = targets_for(targets, region_code, measure)
    if not found:
        return None
    upcoming = [t for t in found if t.year >= as_of]
    return upcoming[0] if upcoming else found[-1]


def _point(row: pd.Series) -> Point:
    note = row.get("note")
    return Point(str(row["region_code"]), str(row["measure"]), int(row["year"]), str(row["period"]),
                 float(row["value"]), str(row["source"]), None if pd.isna(note) else str(note))


def _observed(obs: pd.DataFrame, region_code: str, measure: str, period: str, as_of: int) -> pd.DataFrame:
    frame = indicators.series(obs, region_code, measure, period)
    return frame[frame["year"] <= as_of].dropna(subset=["value"])


def evaluate(obs: pd.DataFrame, measure: Measure, region_code: str, target: Target, as_of: int) -> GlidePath:
    """Apply the rule in the module docstring to one region, measure and target."""
    frame = _observed(obs, region_code, measure.id, target.period, as_of)

    def result(status: Status, **values: object) -> GlidePath:
        fields: dict[str, object] = {"latest": None, "previous": None, "needed_per_year": None,
                                     "achieved_per_year": None, "baseline_needed_per_year": None,
                                     "observed_at_target": None, **values}
        return GlidePath(target=target, as_of=as_of, status=status, **fields)  # type: ignore[arg-type]

    if frame.empty:
        return result(Status.NO_DATA)
    latest = _point(frame.iloc[-1])
    lower = _lower_is_better(measure, latest.value, target.value)

    if target.year <= latest.year:
        at_target = indicators.value_at(obs, region_code, measure.id, target.year, target.period)
        if at_target is None:
            return result(Status.PASSED_NO_OBSERVATION, latest=latest)
        status = Status.MET if meets(at_target.value, target.value, lower) else Status.MISSED
        return result(status, latest=latest, observed_at_target=at_target)

    previous = indicators.previous(obs, latest)
    if previous is not None and not indicators.comparable(measure, previous, latest):
        previous = None
    needed = required_rate(latest.value, latest.year, target.value, target.year)
    achieved = None if previous is None else (latest.value - previous.value) / (latest.year - previous.year)
    baseline = None if previous is None else required_rate(previous.value, previous.year, target.value, target.year)
    values = {"latest": latest, "previous": previous, "needed_per_year": needed, "achieved_per_year": achieved,
              "baseline_needed_per_year": baseline}
    if target.year < as_of:
        return result(Status.PASSED_NO_OBSERVATION, **values)
    if achieved is None:
        return result(Status.NO_DATA, **values)
    return result(Status.ON_TRACK if on_track(needed, achieved, lower) else Status.OFF_TRACK, **values)


def comparable_tail(frame: pd.DataFrame, measure: Measure) -> pd.DataFrame:
    """The values after the last method break (and not flagged old-method): those a line may join."""
    frame = frame.sort_values("year")
    breaks = measure.break_years()
    if breaks:
        last_break = max(b for b in breaks)
        if (frame["year"] >= last_break).any() and (frame["year"] < last_break).any():
            frame = frame[frame["year"] >= last_break]
    notes = frame["note"].fillna("").str.lower() if "note" in frame else pd.Series("", index=frame.index)
    return frame[~notes.str.startswith(indicators.OLD_METHOD_MARKER)]


def linear_trend(frame: pd.DataFrame, measure: Measure) -> Trend | None:
    """A straight line through the comparable observed values; None with fewer than two of them."""
    usable = comparable_tail(frame.dropna(subset=["value"]), measure)
    if usable["year"].nunique() < 2:
        return None
    years = usable["year"].astype(float).to_numpy()
    slope, intercept = np.polyfit(years, usable["value"].astype(float).to_numpy(), 1)
    return Trend(slope=float(slope), intercept=float(intercept),
                 fitted_years=tuple(int(y) for y in sorted(usable["year"].unique())))
