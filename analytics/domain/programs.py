"""Programme outputs over the tidy observations: per year, cumulative, targets, cost, intensity, outcomes.

Pure pandas. Programmes and their measures come from the catalog, so every function
works for any programme (adding one is a catalog entry plus data). Two conventions
of the catalog are read here instead of programme names:

- a measure `X_cumulative` is the reported running total of the yearly measure `X`
  (so `X` is additive: its yearly figures may be summed);
- a measure `X_<part>` with the unit of `X` (and not cumulative) is a part of `X`
  (e.g. hires by residents / non-residents).

A gap stays a gap: a missing year is NaN (shown as "tidak ada data"), never 0, and
a running sum stops at the first missing year.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.catalog import Catalog, Measure, Program, ProgramRule
from analytics.contract import PERIOD_ORDER
from analytics.domain import indicators
from analytics.regions import RegionRegistry

# Suffix of a measure holding a reported running total of another measure.
CUMULATIVE_SUFFIX = "_cumulative"
# Suffix of a rupiah rule paid per unit of the programme's headline output (e.g. grant per house).
PER_UNIT_SUFFIX = "_per_unit"
# The poverty outcomes a programme is set beside, in the order officials read them.
OUTCOME_MEASURES = ("p0", "extreme_poverty", "unemployment")
# Poor people are counted in thousands (poor_count); intensity is per 1,000 poor.
POOR_MEASURE = "poor_count"
MONEY_UNITS = ("rupiah",)
_FRAME_COLUMNS = ["year", "period", "value", "source", "note"]


# -- which programmes and measures -------------------------------------------------------------

def programs_for_region(catalog: Catalog, obs: pd.DataFrame, registry: RegionRegistry, region: str
                        ) -> list[Program]:
    """Programmes of a region: those the catalog assigns to it or with data for it (or its kecamatan)."""
    codes = {region, *region_children(registry, region)}
    present = set(obs.loc[obs["region_code"].isin(codes), "measure"])
    return [p for p in catalog.programs.values() if p.region == region or present & set(p.measures)]


def region_children(registry: RegionRegistry, region: str) -> list[str]:
    """Kecamatan codes registered under a kab/kota (empty for other levels)."""
    if region not in registry:
        return []
    return registry.children(region, "kecamatan")["code"].astype(str).tolist()


def cumulative_partner(catalog: Catalog, measure_id: str) -> Measure | None:
    """The reported running total of a yearly measure, if the catalog has one."""
    partner = catalog.measures.get(measure_id + CUMULATIVE_SUFFIX)
    return partner if partner is not None and partner.cumulative else None


def is_additive(catalog: Catalog, measure_id: str) -> bool:
    """Yearly figures may be summed only where a source reports a running total of them."""
    return cumulative_partner(catalog, measure_id) is not None


def parts_of(catalog: Catalog, program: Program, measure_id: str) -> list[Measure]:
    """Measures of the programme that break `measure_id` down (same unit, id `measure_id_<part>`)."""
    whole = catalog.measure(measure_id)
    return [m for m in catalog.program_measures(program.id)
            if m.id.startswith(measure_id + "_") and not m.cumulative and m.unit == whole.unit]


def chart_measures(catalog: Catalog, program: Program) -> list[Measure]:
    """The measures that get their own chart: all but running totals with a partner and parts."""
    measures = catalog.program_measures(program.id)
    part_ids = {p.id for m in measures for p in parts_of(catalog, program, m.id)}
    partnered = {m.id + CUMULATIVE_SUFFIX for m in measures if is_additive(catalog, m.id)}
    return [m for m in measures if m.id not in part_ids and m.id not in partnered]


def intensity_measures(catalog: Catalog, program: Program) -> list[Measure]:
    """Outputs that reach people or households, where a rate per 1,000 poor people means something:
    counts of people, and additive outputs (houses renovated), not schools or vehicles."""
    return [m for m in chart_measures(catalog, program)
            if not m.cumulative and (m.unit == "people" or is_additive(catalog, m.id))]


def headline_measure(catalog: Catalog, program: Program) -> Measure | None:
    """The programme's main output: its first measure that is not a running total."""
    return next((m for m in catalog.program_measures(program.id) if not m.cumulative), None)


# -- values by year ---------------------------------------------------------------------------

def measure_rows(obs: pd.DataFrame, region: str, measure_id: str) -> pd.DataFrame:
    """Every row of one measure for a region, in calendar order (year, then month)."""
    frame = indicators.select(obs, regions=[region], measures=[measure_id])
    frame = frame.assign(_month=frame["period"].map(PERIOD_ORDER))
    return frame.sort_values(["year", "_month"]).drop(columns="_month").reset_index(drop=True)


def yearly_values(obs: pd.DataFrame, region: str, measure_id: str) -> pd.DataFrame:
    """One figure per year: the annual figure, else the latest dated one of that year.

    Columns year, period, value, source, note. Years without a figure are absent here;
    the charts put a gap (NaN) in their place.
    """
    rows = measure_rows(obs, region, measure_id)
    if rows.empty:
        return pd.DataFrame(columns=_FRAME_COLUMNS).astype({"year": "int64", "value": "float64"})
    rows = rows.assign(_annual=rows["period"].eq("annual"), _month=rows["period"].map(PERIOD_ORDER))
    best = rows.sort_values(["year", "_annual", "_month"]).groupby("year").tail(1)
    # `rev_from` (which revision wrote the row) travels along, so a staff upload stays marked.
    columns = [*_FRAME_COLUMNS, *(["rev_from"] if "rev_from" in best else [])]
    return best[columns].sort_values("year").reset_index(drop=True)


def annual_values(obs: pd.DataFrame, region: str, measure_id: str) -> pd.Series:
    """Annual-period figures by year (a month's figure is a point in time, not a year's output)."""
    rows = measure_rows(obs, region, measure_id)
    rows = rows[rows["period"] == "annual"]
    return pd.Series(rows["value"].to_numpy(dtype=float), index=rows["year"].astype(int).to_numpy(), name="value")


def running_total(obs: pd.DataFrame, region: str, measure_id: str) -> pd.DataFrame:
    """Sum of annual figures from the first one; NaN from the first missing year on.

    Columns year, value, first_year. The sum covers only years with yearly figures,
    so it is not a programme's total since it began unless the data start then.
    """
    values = annual_values(obs, region, measure_id)
    if values.empty:
        return pd.DataFrame({"year": pd.Series(dtype="int64"), "value": pd.Series(dtype="float64"),
                             "first_year": pd.Series(dtype="int64")})
    first, last = int(values.index.min()), int(values.index.max())
    full = values.reindex(range(first, last + 1))
    summed = full.cumsum(skipna=False)  # a gap makes every later sum unknown
    return pd.DataFrame({"year": full.index.astype("int64"), "value": summed.to_numpy(), "first_year": first})


def cumulative_comparison(obs: pd.DataFrame, region: str, measure_id: str, cumulative_id: str
                          ) -> pd.DataFrame:
    """Reported running totals beside what the previous report plus the yearly figures give.

    For each reported annual total at year Y, with an earlier reported annual total at A:
    computed = reported(A) + annual figures A+1..Y (NaN if any of those years is missing).
    Columns year, period, reported, source, note, base_year, base_value, added, computed,
    difference (reported − computed). Reported totals dated to a month are listed but not
    compared (the rest of that year would be counted twice).
    """
    reported = measure_rows(obs, region, cumulative_id)
    yearly = annual_values(obs, region, measure_id)
    rows = []
    previous: pd.Series | None = None
    for _, row in reported.iterrows():
        base_year = base_value = added = computed = np.nan
        if row["period"] == "annual" and previous is not None:
            base_year, base_value = int(previous["year"]), float(previous["value"])
            span = yearly.reindex(range(int(base_year) + 1, int(row["year"]) + 1))
            added = float(span.sum()) if span.notna().all() and len(span) else np.nan
            computed = base_value + added
        rows.append({"year": int(row["year"]), "period": row["period"], "reported": float(row["value"]),
                     "source": row["source"], "note": row["note"], "base_year": base_year,
                     "base_value": base_value, "added": added, "computed": computed,
                     "difference": float(row["value"]) - computed})
        if row["period"] == "annual":
            previous = row
    columns = ["year", "period", "reported", "source", "note", "base_year", "base_value", "added", "computed",
               "difference"]
    return pd.DataFrame(rows, columns=columns)


# -- targets, cost, intensity -----------------------------------------------------------------

def attainment(targets: pd.DataFrame, obs: pd.DataFrame, region: str, measure_ids: list[str]) -> pd.DataFrame:
    """Target against realisation per measure and year; attainment % = realised / target × 100.

    Columns measure, year, target, target_source, realised, realised_period, realised_source,
    attainment_pct. No realisation yet → realised and attainment NaN (not 0 %).
    """
    frame = indicators.select(targets, regions=[region], measures=measure_ids)
    rows = []
    for _, target in frame.sort_values(["measure", "year"]).iterrows():
        yearly = yearly_values(obs, region, str(target["measure"]))
        match = yearly[yearly["year"] == int(target["year"])]
        realised = float(match["value"].iloc[0]) if not match.empty else np.nan
        value = float(target["value"])
        rows.append({
            "measure": target["measure"], "year": int(target["year"]), "target": value,
            "target_source": target["source"], "realised": realised,
            "realised_period": match["period"].iloc[0] if not match.empty else None,
            "realised_source": match["source"].iloc[0] if not match.empty else None,
            "attainment_pct": realised / value * 100 if value and not np.isnan(realised) else np.nan,
        })
    columns = ["measure", "year", "target", "target_source", "realised", "realised_period", "realised_source",
               "attainment_pct"]
    return pd.DataFrame(rows, columns=columns)


def rule_for(rules: tuple[ProgramRule, ...], rule_id: str, year: int) -> ProgramRule | None:
    """The dated rule in force in `year` (None when no rule covers that year)."""
    return next((r for r in rules if r.id == rule_id and r.applies_to(year)), None)


def unit_rules(program: Program) -> list[str]:
    """Ids of rupiah rules paid per unit of the headline output (one id may have several dated values)."""
    ids = [r.id for r in program.rules if r.unit in MONEY_UNITS and r.id.endswith(PER_UNIT_SUFFIX)]
    return list(dict.fromkeys(ids))


def cost_table(catalog: Catalog, program: Program, obs: pd.DataFrame, region: str) -> pd.DataFrame:
    """Per year of the headline output: units, the per-unit rule in force, the outlay it implies,
    and the reported budget and unit cost where a money measure has a figure.

    Columns year, units, units_source, rule_id, rule_value, rule_source, implied_outlay,
    budget, budget_source, unit_cost. `implied_outlay` = units × rule value: implied by the
    rule, not a reported budget.
    """
    headline = headline_measure(catalog, program)
    columns = ["year", "units", "units_source", "rule_id", "rule_value", "rule_source", "implied_outlay",
               "budget", "budget_source", "unit_cost"]
    if headline is None:
        return pd.DataFrame(columns=columns)
    units = annual_values(obs, region, headline.id)
    sources = measure_rows(obs, region, headline.id).query("period == 'annual'").set_index("year")["source"]
    money = [m for m in catalog.program_measures(program.id) if m.unit in MONEY_UNITS and not m.cumulative]
    budgets = {m.id: annual_values(obs, region, m.id) for m in money}
    budget_sources = {m.id: measure_rows(obs, region, m.id).set_index("year")["source"] for m in money}
    years = sorted(set(units.index) | {int(y) for b in budgets.values() for y in b.index})
    rule_ids = unit_rules(program)
    rows = []
    for year in years:
        count = float(units.get(year, np.nan))
        rule = rule_for(program.rules, rule_ids[0], year) if rule_ids else None
        budget, budget_source = np.nan, None
        for measure_id, series in budgets.items():
            if year in series.index:
                budget, budget_source = float(series[year]), budget_sources[measure_id].get(year)
                break
        rows.append({
            "year": year, "units": count, "units_source": sources.get(year),
            "rule_id": rule.id if rule else None, "rule_value": rule.value if rule else np.nan,
            "rule_source": rule.source if rule else None,
            "implied_outlay": count * rule.value if rule else np.nan,
            "budget": budget, "budget_source": budget_source,
            "unit_cost": budget / count if count else np.nan,
        })
    return pd.DataFrame(rows, columns=columns)


def intensity(obs: pd.DataFrame, region: str, measure_id: str) -> pd.DataFrame:
    """A measure's yearly figures per 1,000 poor people of the same region and year.

    poor_count is in thousands, so per 1,000 poor = value / poor_count. Uses the
    region's main poverty period (March for kab/kota). Columns year, period, value,
    source, poor_thousand, poor_period, poor_source, per_1000_poor.
    """
    yearly = yearly_values(obs, region, measure_id)
    poor_period = indicators.main_period(obs, region, POOR_MEASURE)
    poor = indicators.series(obs, region, POOR_MEASURE, poor_period).set_index("year") if poor_period else None
    out = yearly.copy()
    out["poor_thousand"] = [float(poor["value"].get(y, np.nan)) if poor is not None else np.nan for y in out["year"]]
    out["poor_period"] = poor_period
    out["poor_source"] = [poor["source"].get(y) if poor is not None else None for y in out["year"]]
    out["per_1000_poor"] = out["value"] / out["poor_thousand"].where(out["poor_thousand"] > 0)
    return out.drop(columns="note")


# -- programmes beside outcomes ---------------------------------------------------------------

@dataclass(frozen=True)
class OutcomeChange:
    """A poverty outcome at the first and last year with data inside a span."""

    measure: str
    period: str | None
    start: indicators.Point | None
    end: indicators.Point | None

    @property
    def change(self) -> float | None:
        if self.start is None or self.end is None or self.start.year == self.end.year:
            return None
        return round(self.end.value - self.start.value, 10)


def outcome_changes(obs: pd.DataFrame, region: str, first: int, last: int,
                    measures: tuple[str, ...] = OUTCOME_MEASURES) -> list[OutcomeChange]:
    """P0, extreme poverty and unemployment at the first and last year with data in [first, last]."""
    out = []
    for measure_id in measures:
        period = indicators.main_period(obs, region, measure_id)
        frame = indicators.series(obs, region, measure_id, period) if period else pd.DataFrame()
        if not frame.empty:
            frame = frame[(frame["year"] >= first) & (frame["year"] <= last)]
        if frame.empty:
            out.append(OutcomeChange(measure_id, period, None, None))
            continue
        start = indicators.value_at(obs, region, measure_id, int(frame["year"].iloc[0]), str(period))
        end = indicators.value_at(obs, region, measure_id, int(frame["year"].iloc[-1]), str(period))
        out.append(OutcomeChange(measure_id, period, start, end))
    return out


def outputs_in_span(catalog: Catalog, programs: list[Program], obs: pd.DataFrame, region: str, first: int,
                    last: int) -> pd.DataFrame:
    """Each programme's outputs over [first, last], grouped by Inpres strategy.

    Additive measures: the sum of the annual figures present, with how many of the
    span's years have one (a missing year is not counted as 0). Other measures (counts
    of schools, vehicles): the latest figure in the span. Columns strategy, program,
    measure, how ("sum" | "latest"), value, years_with_data, years_in_span, year, period, sources.
    """
    rows = []
    order = list(catalog.strategies)
    for program in sorted(programs, key=lambda p: (order.index(p.strategy), list(catalog.programs).index(p.id))):
        for measure in chart_measures(catalog, program):
            rows_in_span = measure_rows(obs, region, measure.id)
            rows_in_span = rows_in_span[(rows_in_span["year"] >= first) & (rows_in_span["year"] <= last)]
            if rows_in_span.empty:
                rows.append({"strategy": program.strategy, "program": program.id, "measure": measure.id,
                             "how": None, "value": np.nan, "years_with_data": 0,
                             "years_in_span": last - first + 1, "year": None, "period": None, "sources": ""})
                continue
            if is_additive(catalog, measure.id) and not measure.cumulative:
                annual = rows_in_span[rows_in_span["period"] == "annual"]
                how, value = "sum", float(annual["value"].sum()) if not annual.empty else np.nan
                years_with_data, year, period = annual["year"].nunique(), None, None
                used = annual
            else:
                latest = rows_in_span.iloc[-1]
                how, value = "latest", float(latest["value"])
                years_with_data, year, period = rows_in_span["year"].nunique(), int(latest["year"]), latest["period"]
                used = rows_in_span.iloc[[-1]]
            rows.append({"strategy": program.strategy, "program": program.id, "measure": measure.id, "how": how,
                         "value": value, "years_with_data": int(years_with_data),
                         "years_in_span": last - first + 1, "year": year, "period": period,
                         "sources": ";".join(sorted(set(used["source"])))})
    columns = ["strategy", "program", "measure", "how", "value", "years_with_data", "years_in_span", "year",
               "period", "sources"]
    return pd.DataFrame(rows, columns=columns)


def year_span(obs: pd.DataFrame, region: str, measure_ids: list[str]) -> tuple[int, int] | None:
    """First and last year with any figure of these measures for the region."""
    frame = indicators.select(obs, regions=[region], measures=measure_ids)
    return None if frame.empty else (int(frame["year"].min()), int(frame["year"].max()))


# -- below the kab/kota ---------------------------------------------------------------------

def kecamatan_breakdown(obs: pd.DataFrame, registry: RegionRegistry, region: str, measure_ids: list[str]
                        ) -> pd.DataFrame:
    """Programme rows recorded for the kecamatan of a kab/kota, with their names.

    Columns region_code, region_name, measure, year, period, value, status, source, note;
    empty when no kecamatan rows exist (the page then shows nothing).
    """
    children = region_children(registry, region)
    frame = indicators.select(obs, regions=children, measures=measure_ids)
    frame = frame.assign(region_name=frame["region_code"].map(registry.frame["name"]))
    columns = ["region_code", "region_name", "measure", "year", "period", "value", "status", "source", "note"]
    return frame.reindex(columns=columns).sort_values(["measure", "year", "region_code"]).reset_index(drop=True)


def program_rows(catalog: Catalog, program: Program, obs: pd.DataFrame, registry: RegionRegistry, region: str
                 ) -> pd.DataFrame:
    """Every observation of a programme for a region and its kecamatan (for tables and downloads)."""
    codes = [region, *region_children(registry, region)]
    return indicators.select(obs, regions=codes, measures=list(program.measures)).reset_index(drop=True)


# -- sources that disagree ----------------------------------------------------------------------

# A note starting with this word says another source gives a different figure (data/README.md).
DISAGREEMENT_MARK = "BERTENTANGAN"


def disagreements(obs: pd.DataFrame, region: str, program: Program) -> pd.DataFrame:
    """The programme's rows whose note says that sources disagree, in calendar order: both sides of
    a disagreement are stored (e.g. RTLH 2019: 500 in December 2019 and 387 for the year), and a
    page must say so in words rather than show one silently. Columns measure, year, period, value,
    source, note (without the mark)."""
    frame = indicators.select(obs, regions=[region], measures=program.measures)
    notes = frame["note"].fillna("").astype(str)
    flagged = frame[notes.str.startswith(DISAGREEMENT_MARK)]
    flagged = flagged.assign(note=flagged["note"].str.removeprefix(DISAGREEMENT_MARK).str.lstrip(": "),
                             _month=flagged["period"].map(PERIOD_ORDER))
    order = {m: i for i, m in enumerate(program.measures)}
    flagged = flagged.assign(_measure=flagged["measure"].map(order))
    columns = ["measure", "year", "period", "value", "source", "note"]
    return flagged.sort_values(["_measure", "year", "_month"])[columns].reset_index(drop=True)
