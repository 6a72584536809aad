"""Poverty indicators over the tidy observations frame: selection, change, rank, aggregation.

Pure pandas. Every function takes the observations frame (as the store returns
it) and plain values, and never fills a gap: a missing year stays missing.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analytics.catalog import Measure
from analytics.contract import PERIOD_ORDER
from analytics.regions import NATION, RegionRegistry

# Rows whose note starts like this were published under the method a catalog break
# replaced (e.g. Kota Tangerang HDI 2021 as first published, before UHH from SP2020).
OLD_METHOD_MARKER = "metode lama"


# A note starting like this marks a row after a change of territory (long kab/kota P0 series,
# data/README.md): the series is not comparable across it.
COMPARABILITY_BREAK = "jeda keterbandingan"


def comparability_segments(frame: pd.DataFrame, break_years: Iterable[int]) -> pd.Series:
    """A segment number per row (rows sorted by year): it grows at every catalog break year and at
    every row flagged COMPARABILITY_BREAK, so a line drawn per segment never joins values across
    a method or territory change."""
    years = frame["year"].astype(int)
    breaks = sorted(break_years)
    by_method = years.map(lambda year: sum(year >= b for b in breaks))
    flagged = frame["note"].fillna("").astype(str).str.startswith(COMPARABILITY_BREAK) if "note" in frame else \
        pd.Series(False, index=frame.index)
    return by_method * 10_000 + flagged.astype(int).cumsum()


@dataclass(frozen=True)
class Point:
    """One observed value with where it came from."""

    region_code: str
    measure: str
    year: int
    period: str
    value: float
    source: str
    note: str | None


@dataclass(frozen=True)
class Change:
    start: Point
    end: Point

    @property
    def points(self) -> float:
        """Absolute change in the measure's unit (percentage points for rates)."""
        return round(self.end.value - self.start.value, 10)

    @property
    def relative(self) -> float | None:
        """Change as a fraction of the start value; None when the start is zero."""
        if self.start.value == 0:
            return None
        return self.end.value / self.start.value - 1

    @property
    def years(self) -> int:
        return self.end.year - self.start.year


@dataclass(frozen=True)
class _Index:
    """Row positions of a frame by region, by measure and by (region, measure), and the selections made."""

    length: int
    by_region: dict[str, np.ndarray]
    by_measure: dict[str, np.ndarray]
    by_pair: dict[tuple[str, str], np.ndarray]
    selections: dict[tuple, pd.DataFrame] = field(default_factory=dict)


# Frames marked by `indexed`, by id, with a weak reference (an entry goes with its frame).
_INDEXES: dict[int, tuple[weakref.ref, _Index]] = {}
# Selections kept per marked frame; past this many the kept ones are dropped and kept anew.
KEPT_SELECTIONS = 4096


def text_as_objects(obs: pd.DataFrame) -> pd.DataFrame:
    """The frame with its text columns held as Python strings, each distinct text one object (through a
    categorical), missing texts NaN as before. For a frame read many times: pandas' Arrow-backed strings
    cost 0.18 ms for each small take of rows against 0.07 ms, and 0.36 against 0.15 ms for a comparison on a
    region's rows, and those were a fifth of a class's server time (issue #18); the embedded store's rows
    take 2.6 MB more this way (18 MB if every cell were its own string)."""
    texts = [column for column in obs.columns if pd.api.types.is_string_dtype(obs[column].dtype)
             and obs[column].dtype != object]
    return obs.assign(**{column: obs[column].astype("category").astype(object) for column in texts})


def indexed(obs: pd.DataFrame) -> pd.DataFrame:
    """Mark a frame that is read many times and never changed (the app's observations, shared by every
    session for a data-version) and return it. `select`, and everything built on it, then takes a region's
    or measure's rows by position instead of comparing strings on every row, and keeps each selection to
    hand out again (as a shallow copy: a caller that changes its copy changes nothing else). Selecting
    compared strings over all 53,000 embedded rows, about 2 ms a time, and it was most of the server's time
    under a class of 30. The result is the same frame, rows in the same order with the same labels. A frame
    whose length changed after marking is read the slow way."""
    key = id(obs)
    index = _Index(length=len(obs),
                   by_region=obs.groupby("region_code", sort=False).indices,
                   by_measure=obs.groupby("measure", sort=False).indices,
                   by_pair=obs.groupby(["region_code", "measure"], sort=False).indices)
    _INDEXES[key] = (weakref.ref(obs, lambda _ref, key=key: _INDEXES.pop(key, None)), index)
    return obs


def _index_of(obs: pd.DataFrame) -> _Index | None:
    entry = _INDEXES.get(id(obs))
    if entry is None or entry[0]() is not obs or entry[1].length != len(obs):
        return None
    return entry[1]


def _positions(index: _Index, regions: list[str] | None, measures: list[str] | None) -> np.ndarray:
    if regions is not None and measures is not None:
        parts = [index.by_pair.get((r, m)) for r in dict.fromkeys(regions) for m in dict.fromkeys(measures)]
    elif regions is not None:
        parts = [index.by_region.get(r) for r in dict.fromkeys(regions)]
    else:
        parts = [index.by_measure.get(m) for m in dict.fromkeys(measures or [])]
    found = [p for p in parts if p is not None]
    return np.sort(np.concatenate(found)) if found else np.empty(0, dtype=np.intp)


def _masked(obs: pd.DataFrame, regions: list | None, measures: list | None, years: list | None,
            periods: list | None) -> pd.DataFrame:
    mask = pd.Series(True, index=obs.index)
    if regions is not None:
        mask &= obs["region_code"].isin(regions)
    if measures is not None:
        mask &= obs["measure"].isin(measures)
    if years is not None:
        mask &= obs["year"].isin(years)
    if periods is not None:
        mask &= obs["period"].isin(periods)
    return obs[mask]


def select(obs: pd.DataFrame, *, regions: Iterable[str] | None = None, measures: Iterable[str] | None = None,
           years: Iterable[int] | None = None, periods: Iterable[str] | None = None) -> pd.DataFrame:
    """The rows of the given regions, measures, years and periods (None: all), in the frame's order."""
    asked = [None if values is None else list(values) for values in (regions, measures, years, periods)]
    index = _index_of(obs)
    if index is None:
        return _masked(obs, *asked)
    key = tuple(None if values is None else tuple(values) for values in asked)
    kept = index.selections.get(key)
    if kept is None:
        regions_, measures_, years_, periods_ = asked
        if regions_ is not None or measures_ is not None:
            kept = obs.take(_positions(index, regions_, measures_))
            kept = kept if years_ is None and periods_ is None else _masked(kept, None, None, years_, periods_)
        else:
            kept = _masked(obs, None, None, years_, periods_)
        if len(index.selections) >= KEPT_SELECTIONS:
            index.selections.clear()
        index.selections[key] = kept
    return kept.copy(deep=False)


def series(obs: pd.DataFrame, region: str, measure: str, period: str | None = None) -> pd.DataFrame:
    """A region's values of one measure by year (one period), sorted by year."""
    frame = select(obs, regions=[region], measures=[measure])
    if period is not None:
        frame = frame[frame["period"] == period]
    return frame.sort_values(["year", "period"]).reset_index(drop=True)


def trend_roles(registry: RegionRegistry, region_code: str, *, references: bool = True,
                compare: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(code, role) of every line of a region's trend, in drawing order: the region ("region"), its
    province(s) ("province") and the nation ("nation") when `references`, then comparison regions ("peer")."""
    refs = registry.references(region_code) if references else []
    return [(region_code, "region"), *[(c, "nation" if c == NATION else "province") for c in refs],
            *[(c, "peer") for c in compare]]


def trend_rows(obs: pd.DataFrame, roles: list[tuple[str, str]], measure: str,
               period: str | None = None) -> pd.DataFrame:
    """The rows of one measure for each (code, role) of `trend_roles`, in that order, each region's sorted
    by year, with a `role` column; one period, or all when `period` is None. A region without values
    has no rows (a gap, never a zero). The Overview, Kemiskinan and Bandingkan's side by side all draw
    their region-plus-references trend from this frame."""
    parts = [series(obs, code, measure, period).dropna(subset=["value"]).assign(role=role) for code, role in roles]
    return pd.concat(parts, ignore_index=True) if parts else obs.iloc[:0].assign(role=pd.Series(dtype=object))


def main_period(obs: pd.DataFrame, region: str, measure: str) -> str | None:
    """The period a region's measure is mostly reported in (March for BPS poverty)."""
    frame = select(obs, regions=[region], measures=[measure])
    if frame.empty:
        return None
    counts = frame["period"].value_counts()
    # Prefer March on a tie: it is the period kab/kota, provinces and the nation share.
    best = counts[counts == counts.max()].index
    return "march" if "march" in best else str(best[0])


def point_of(row: pd.Series) -> Point:
    """An observation row as a Point."""
    note = row.get("note")
    return Point(str(row["region_code"]), str(row["measure"]), int(row["year"]), str(row["period"]),
                 float(row["value"]), str(row["source"]), None if pd.isna(note) else str(note))


def latest(obs: pd.DataFrame, region: str, measure: str, period: str | None = None) -> Point | None:
    frame = series(obs, region, measure, period or main_period(obs, region, measure))
    return None if frame.empty else point_of(frame.iloc[-1])


def value_at(obs: pd.DataFrame, region: str, measure: str, year: int, period: str) -> Point | None:
    frame = select(obs, regions=[region], measures=[measure], years=[year], periods=[period])
    return None if frame.empty else point_of(frame.iloc[0])


def previous(obs: pd.DataFrame, point: Point) -> Point | None:
    """The latest value of the same region, measure and period before `point` (skipping gaps)."""
    frame = series(obs, point.region_code, point.measure, point.period)
    frame = frame[frame["year"] < point.year]
    return None if frame.empty else point_of(frame.iloc[-1])


def latest_dated(obs: pd.DataFrame, region: str, measure: str) -> Point | None:
    """The most recent value in any period (by year, then month): for programme outputs."""
    frame = select(obs, regions=[region], measures=[measure])
    if frame.empty:
        return None
    order = frame.assign(_month=frame["period"].map(PERIOD_ORDER))
    return point_of(order.sort_values(["year", "_month"]).iloc[-1])


def comparable(measure: Measure, start: Point, end: Point) -> bool:
    """Whether two values of a measure may be compared (no method break between them)."""
    low, high = sorted((start.year, end.year))
    if any(low < year <= high for year in measure.break_years()):
        return False
    def old(point: Point) -> bool:
        return (point.note or "").lower().startswith(OLD_METHOD_MARKER)
    return old(start) == old(end)


def change_between(obs: pd.DataFrame, region: str, measure: str, year_from: int, year_to: int,
                   period: str) -> Change | None:
    start = value_at(obs, region, measure, year_from, period)
    end = value_at(obs, region, measure, year_to, period)
    return None if start is None or end is None else Change(start, end)


def rank_table(obs: pd.DataFrame, measure: str, year: int, period: str, regions: Iterable[str],
               lower_is_better: bool | None) -> pd.DataFrame:
    """Rank regions on one measure: rank 1 is best; ties share the best rank ("min").

    Columns: region_code, value, rank, n, percentile (share of the others this region is
    at least as good as, 0–100). Regions without a value are left out (and not counted).
    """
    frame = select(obs, regions=regions, measures=[measure], years=[year], periods=[period])
    frame = frame[["region_code", "value", "source"]].dropna(subset=["value"]).copy()
    ascending = lower_is_better is not False
    frame["rank"] = frame["value"].rank(method="min", ascending=ascending).astype(int)
    n = len(frame)
    frame["n"] = n
    # Percentile: how many regions are strictly worse, as a share of the other regions. The regions
    # at least as good as (or tied with) a value are its "max" rank, so the rest are worse: n − that
    # (one vectorised rank instead of comparing every value with every other, O(n²) for 514 kab/kota).
    worse = n - frame["value"].rank(method="max", ascending=ascending).astype(int)
    frame["percentile"] = (worse / (n - 1) * 100) if n > 1 else 100.0
    return frame.sort_values(["rank", "region_code"]).reset_index(drop=True)


def implied_population(obs: pd.DataFrame, year: int, period: str, regions: Iterable[str] | None = None
                       ) -> pd.DataFrame:
    """Population implied by BPS's own figures: poor_count (thousand) × 100 / P0.

    Not an official population figure; used only as weights and for "regions like mine".
    """
    frame = select(obs, regions=regions, measures=["p0", "poor_count"], years=[year], periods=[period])
    wide = frame.pivot_table(index="region_code", columns="measure", values="value", aggfunc="first")
    if not {"p0", "poor_count"} <= set(wide.columns):
        return pd.DataFrame(columns=["region_code", "population_thousand"])
    return population_from_poverty(wide).rename("population_thousand").reset_index()


def population_from_poverty(wide: pd.DataFrame) -> pd.Series:
    """poor_count (thousand) × 100 / P0 for each row of a frame with columns p0 and poor_count,
    where both are present and P0 is above zero (other rows are left out)."""
    usable = wide.dropna(subset=["p0", "poor_count"])
    usable = usable[usable["p0"] > 0]
    return usable["poor_count"] * 100 / usable["p0"]
