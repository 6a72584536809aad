"""Comparing regions: rankings, rank change, gaps, quadrant analysis and "regions like mine".

Pure pandas over the observations frame and the region registry. Gaps stay gaps: a
region without a value is left out of a ranking, an average or a quadrant, never
counted as zero. Population weights are the population *implied* by BPS's own P0 and
number of poor (`indicators.implied_population`), not an official population figure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.catalog import Measure
from analytics.domain import indicators
from analytics.errors import DasborError
from analytics.i18n import pair
from analytics.regions import NATION, RegionRegistry

# From 2024 BPS publishes the four 2022 Papua provinces; before, the 34-province scheme.
NEW_PAPUA_FROM = 2024
# Quadrants in the usual mathematical order: I top right, II top left, III bottom left, IV bottom right.
QUADRANTS = ("I", "II", "III", "IV")
# The reference kinds a quadrant's lines can be drawn at.
REFERENCE_KINDS = ("province", "nation", "peers", "value")
# Features of "regions like mine", in the order the page offers them.
SIMILARITY_FEATURES = ("type", "population", "p0", "poverty_line", "hdi", "province")
# Numeric features; population is compared on a log scale (20 thousand to 5 million people).
NUMERIC_FEATURES = ("population", "p0", "poverty_line", "hdi")


class CompareError(DasborError):
    """A comparison that cannot be made with the data at hand (explained in both languages)."""


def province_scheme(year: int) -> str:
    return "2025" if year >= NEW_PAPUA_FROM else "2020"


def province_map(registry: RegionRegistry, year: int) -> pd.Series:
    """Kab/kota code → its province in the scheme BPS used in `year` (made once per registry and scheme:
    read it, never change it)."""
    scheme = province_scheme(year)
    return registry.remembered(("province_map", scheme), lambda: _province_map(registry, scheme))


def _province_map(registry: RegionRegistry, scheme: str) -> pd.Series:
    kabkota = registry.kabkota()
    if scheme == "2025":
        parent = kabkota["parent_code_2025"].where(kabkota["parent_code_2025"].notna() &
                                                   (kabkota["parent_code_2025"] != ""), kabkota["parent_code"])
    else:
        parent = kabkota["parent_code"]
    return pd.Series(parent.to_numpy(), index=kabkota["code"].to_numpy(), name="province")


def level_codes(registry: RegionRegistry, level: str, year: int, province: str | None = None) -> list[str]:
    """The regions drawn at a level: all kab/kota (or those of one province), or the provinces of the year's scheme
    (worked out once per registry, scheme and province; a new list each time)."""
    within = province if level != "province" and province and province != NATION else None
    return list(registry.remembered(("level_codes", level, province_scheme(year), within),
                                    lambda: tuple(_level_codes(registry, level, year, within))))


def _level_codes(registry: RegionRegistry, level: str, year: int, province: str | None) -> list[str]:
    if level == "province":
        return sorted(registry.provinces(province_scheme(year))["code"])
    parents = province_map(registry, year)
    if province:
        parents = parents[parents == province]
    return sorted(parents.index)


def values_at(obs: pd.DataFrame, measure: str, year: int, period: str, regions: Iterable[str]) -> pd.DataFrame:
    """One value per region (region_code, value, source, note); regions without one are absent."""
    frame = indicators.select(obs, regions=regions, measures=[measure], years=[year], periods=[period])
    frame = frame.dropna(subset=["value"]).drop_duplicates("region_code")
    return frame[["region_code", "value", "source", "note"]].reset_index(drop=True)


def ranking(obs: pd.DataFrame, measure: Measure, year: int, period: str, regions: Iterable[str]) -> pd.DataFrame:
    """Rank 1 = best by the catalog's direction; ties share the best rank. See `indicators.rank_table`."""
    return indicators.rank_table(obs, measure.id, year, period, regions, measure.lower_is_better)


def rank_change(obs: pd.DataFrame, measure: Measure, year_from: int, year_to: int, period: str,
                regions: Iterable[str]) -> pd.DataFrame:
    """Rank in two years among the regions that have a value in *both* (so the ranks are out of the same n).

    Columns: region_code, rank_from, rank_to, places (positive = moved up towards rank 1).
    """
    codes = list(regions)
    both = set(values_at(obs, measure.id, year_from, period, codes)["region_code"]) & set(
        values_at(obs, measure.id, year_to, period, codes)["region_code"])
    if not both:
        return pd.DataFrame(columns=["region_code", "rank_from", "rank_to", "places"])
    start = ranking(obs, measure, year_from, period, sorted(both))[["region_code", "rank"]]
    end = ranking(obs, measure, year_to, period, sorted(both))[["region_code", "rank"]]
    out = start.merge(end, on="region_code", suffixes=("_from", "_to"))
    out["places"] = out["rank_from"] - out["rank_to"]
    return out.sort_values("region_code").reset_index(drop=True)


@dataclass(frozen=True)
class Standing:
    """Where one region stands on one measure in one year: ranks, percentile and gaps."""

    region_code: str
    value: float | None
    source: str | None
    province: str | None
    national_rank: int | None
    national_n: int
    national_percentile: float | None
    province_rank: int | None
    province_n: int
    province_value: float | None
    nation_value: float | None

    @property
    def gap_to_province(self) -> float | None:
        if self.value is None or self.province_value is None:
            return None
        return round(self.value - self.province_value, 10)

    @property
    def gap_to_nation(self) -> float | None:
        if self.value is None or self.nation_value is None:
            return None
        return round(self.value - self.nation_value, 10)


def standing(obs: pd.DataFrame, registry: RegionRegistry, measure: Measure, region: str, year: int,
             period: str, *, ranked: Callable[[str, str | None], pd.DataFrame] | None = None) -> Standing:
    """A kab/kota ranked among all kab/kota and within its province; a province among the provinces.

    `ranked(level, province)`, when given, is `ranking` of the regions `level_codes(registry, level, year,
    province)` for this measure, year and period, kept by the caller: the same tables serve every region
    (ranking the 514 kab/kota again for each region was most of a standing's time)."""
    if ranked is None:
        def ranked(level: str, province: str | None) -> pd.DataFrame:
            return ranking(obs, measure, year, period, level_codes(registry, level, year, province))

    level = registry.get(region).level
    province = None
    if level == "kabkota":
        province = province_map(registry, year).get(region)
        national = ranked("kabkota", None)
        within = ranked("kabkota", province) if province else national.iloc[0:0]
    else:
        national = ranked("province", None)
        within = national.iloc[0:0]
    mine = national[national["region_code"] == region]
    mine_province = within[within["region_code"] == region]

    def official(code: str | None) -> float | None:
        if code is None:
            return None
        point = indicators.value_at(obs, code, measure.id, year, period)
        return None if point is None else point.value

    return Standing(
        region_code=region,
        value=float(mine["value"].iloc[0]) if len(mine) else None,
        source=str(mine["source"].iloc[0]) if len(mine) else None,
        province=province,
        national_rank=int(mine["rank"].iloc[0]) if len(mine) else None,
        national_n=len(national),
        national_percentile=float(mine["percentile"].iloc[0]) if len(mine) else None,
        province_rank=int(mine_province["rank"].iloc[0]) if len(mine_province) else None,
        province_n=len(within),
        province_value=official(province),
        nation_value=official(NATION),
    )


# Quadrant analysis ----------------------------------------------------------------------------


def average(values: pd.Series, weights: pd.Series | None = None) -> float | None:
    """Simple mean, or the weighted mean Σ w·v / Σ w over the regions that have both.

    Both series are indexed by region code. None when nothing is left to average.
    """
    clean = values.dropna()
    if weights is None:
        return float(clean.mean()) if len(clean) else None
    aligned = pd.concat([clean.rename("v"), weights.rename("w")], axis=1, join="inner").dropna()
    aligned = aligned[aligned["w"] > 0]
    if aligned.empty:
        return None
    return float((aligned["v"] * aligned["w"]).sum() / aligned["w"].sum())


def population_weights(obs: pd.DataFrame, year: int, period: str, regions: Iterable[str]) -> pd.Series:
    """Implied population (thousand) by region code: poor_count × 100 / P0 (not an official figure)."""
    pop = indicators.implied_population(obs, year, period, regions)
    return pd.Series(pop["population_thousand"].to_numpy(dtype=float), index=pop["region_code"].to_numpy())


def quadrant_of(x: float, y: float, x_ref: float, y_ref: float) -> str:
    """I: x and y at or above the reference; II: x below, y at/above; III: both below; IV: x at/above, y below.

    A point exactly on a line counts as "at or above" it, so every point has one quadrant.
    """
    right = x >= x_ref
    top = y >= y_ref
    if right and top:
        return "I"
    if top:
        return "II"
    if not right:
        return "III"
    return "IV"


def quadrant_table(points: pd.DataFrame, x_ref: float, y_ref: float) -> pd.DataFrame:
    """`points` (region_code, x, y) with a `quadrant` column; rows missing x or y are dropped, not placed."""
    clean = points.dropna(subset=["x", "y"]).copy()
    clean["quadrant"] = [quadrant_of(x, y, x_ref, y_ref) for x, y in zip(clean["x"], clean["y"], strict=True)]
    return clean.sort_values(["quadrant", "region_code"]).reset_index(drop=True)


def quadrant_counts(table: pd.DataFrame) -> dict[str, int]:
    counts = table["quadrant"].value_counts()
    return {q: int(counts.get(q, 0)) for q in QUADRANTS}


def judgement(above: bool, lower_is_better: bool | None) -> str:
    """Whether being above a reference is "worse", "better" or, for a neutral measure, just "higher"/"lower"."""
    if lower_is_better is None:
        return "higher" if above else "lower"
    return "worse" if above == lower_is_better else "better"


def quadrant_meanings(x_lower_is_better: bool | None, y_lower_is_better: bool | None) -> dict[str, tuple[str, str]]:
    """Quadrant → (judgement of x, judgement of y), e.g. P0 level × P0 change: I = ("worse", "worse")."""
    sides = {"I": (True, True), "II": (False, True), "III": (False, False), "IV": (True, False)}
    return {q: (judgement(x, x_lower_is_better), judgement(y, y_lower_is_better)) for q, (x, y) in sides.items()}


# Regions like mine ----------------------------------------------------------------------------


def similarity_features(obs: pd.DataFrame, registry: RegionRegistry, year: int, hdi_year: int | None,
                        period: str = "march") -> pd.DataFrame:
    """Per kab/kota (index = code): type, province, population (implied, thousand), p0, poverty_line, hdi.

    P0, poverty line and population are of `year`; HDI of `hdi_year` (kab/kota HDI exists for few years).
    Missing values stay NaN.
    """
    kabkota = registry.kabkota()
    frame = pd.DataFrame(index=pd.Index(sorted(kabkota["code"]), name="region_code"))
    frame["type"] = kabkota.set_index("code")["type"].reindex(frame.index)
    frame["province"] = province_map(registry, year).reindex(frame.index)
    frame["population"] = population_weights(obs, year, period, frame.index).reindex(frame.index)
    for measure, at_year, at_period in (("p0", year, period), ("poverty_line", year, period),
                                        ("hdi", hdi_year, "annual")):
        if at_year is None:
            frame[measure] = np.nan
            continue
        values = values_at(obs, measure, at_year, at_period, frame.index).set_index("region_code")["value"]
        frame[measure] = values.reindex(frame.index)
    return frame


def similar_regions(features: pd.DataFrame, target: str, use: Sequence[str], k: int) -> pd.DataFrame:
    """The k kab/kota nearest to `target` on the chosen features.

    Numeric features are standardised (z-score over all regions that have them; population
    on log10), so one standard deviation counts 1; type and province count 0 when equal and
    1 when different. Distance = √Σ d². Regions lacking a chosen numeric feature are left out.
    Columns: region_code, distance, and d_<feature> (each feature's contribution, ≥ 0).
    Ties are broken by region code so the list is stable.
    """
    chosen = [f for f in SIMILARITY_FEATURES if f in use]
    if not chosen:
        raise CompareError(*pair("message.compare.no_features"))
    if target not in features.index:
        raise CompareError(*pair("message.compare.not_kabkota", target=target))
    missing = [f for f in chosen if f in NUMERIC_FEATURES and pd.isna(features.at[target, f])]
    if missing:
        raise CompareError("Wilayah terpilih tidak punya data untuk: " + ", ".join(missing),
                           "The selected region has no data for: " + ", ".join(missing))
    numeric = features[[f for f in chosen if f in NUMERIC_FEATURES]].astype(float)
    if "population" in numeric:
        numeric["population"] = np.log10(numeric["population"])
    numeric = numeric.dropna()
    out = pd.DataFrame(index=numeric.index if len(numeric.columns) else features.index)
    for feature in numeric.columns:
        column = numeric[feature]
        spread = column.std(ddof=0)
        z = (column - column.mean()) / spread if spread > 0 else column * 0
        out[f"d_{feature}"] = (z - z[target]).abs()
    for feature in ("type", "province"):
        if feature in chosen:
            column = features[feature].reindex(out.index)
            out[f"d_{feature}"] = (column != features.at[target, feature]).astype(float)
    out["distance"] = np.sqrt((out[[f"d_{f}" for f in chosen]] ** 2).sum(axis=1))
    out = out.drop(index=target).reset_index(names="region_code")
    out = out.sort_values(["distance", "region_code"]).head(k).reset_index(drop=True)
    return out[["region_code", "distance", *[f"d_{f}" for f in chosen]]]
