"""Programme outputs: running totals, reported vs summed totals, attainment, dated grant rule, intensity,
gaps, outcomes and the kecamatan breakdown. Expected values are worked out by hand in the comments."""

from __future__ import annotations

import math
import sqlite3
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from analytics.catalog import default_catalog
from analytics.domain import programs as progs
from analytics.ingest import parser as ingest
from analytics.ingest.loading import check_observations
from analytics.regions import RegionRegistry
from analytics.store.store import Store
from tests.conftest import FIXTURES

KECAMATAN_FIXTURE = FIXTURES / "kecamatan_illustrative"
CATALOG = default_catalog()


def frame(*rows: tuple) -> pd.DataFrame:
    """Observations from (region, measure, year, period, value[, source]) tuples."""
    records = []
    for row in rows:
        region, measure, year, period, value, *rest = row
        records.append({"region_code": region, "measure": measure, "year": year, "period": period,
                        "value": float(value), "status": "final", "source": rest[0] if rest else "s",
                        "note": None})
    return pd.DataFrame(records, columns=["region_code", "measure", "year", "period", "value", "status",
                                          "source", "note"])


def targets_frame(*rows: tuple) -> pd.DataFrame:
    return pd.DataFrame([{"region_code": r, "measure": m, "year": y, "period": "annual", "value": float(v),
                          "source": "plan", "note": None} for r, m, y, v in rows])


def load_kecamatan_fixture(store: Store) -> None:
    """Load the illustrative kecamatan registry and rows through the one parser/validator/writer."""
    regions = pd.read_csv(KECAMATAN_FIXTURE / "regions.csv", dtype=str, keep_default_na=False)
    parsed = ingest.parse_tidy(KECAMATAN_FIXTURE / "observations.csv")
    typed, problems = check_observations(store, parsed, allow_illustrative=True, extra_regions=regions)
    assert not [p for p in problems if p.severity == "error"], problems
    store.load(typed, user="test", regions=regions, note="illustrative kecamatan fixture", kind="upload")


def copy_store(seeded: Store, target: Path) -> Store:
    """A private copy of the session's seeded SQLite store, for a test that writes."""
    source = sqlite3.connect(seeded.url.removeprefix("sqlite:///"))
    copy = sqlite3.connect(target)
    source.backup(copy)
    copy.close()
    source.close()
    return Store(f"sqlite:///{target}")


# -- running totals -------------------------------------------------------------------------------

def test_running_total_sums_yearly_figures_from_the_first_year():
    obs = frame(("3671", "rtlh_units", 2021, "annual", 350), ("3671", "rtlh_units", 2022, "annual", 450),
                ("3671", "rtlh_units", 2023, "annual", 700))
    result = progs.running_total(obs, "3671", "rtlh_units")
    # 350; 350 + 450 = 800; 800 + 700 = 1,500
    assert result["value"].tolist() == [350, 800, 1500]
    assert result["first_year"].iloc[0] == 2021


def test_running_total_stops_at_a_missing_year_instead_of_counting_it_as_zero():
    obs = frame(("3671", "rtlh_units", 2020, "annual", 10), ("3671", "rtlh_units", 2022, "annual", 5))
    result = progs.running_total(obs, "3671", "rtlh_units")
    assert result["year"].tolist() == [2020, 2021, 2022]
    assert result["value"].iloc[0] == 10
    # 2021 unknown → the totals for 2021 and 2022 are unknown (not 10 and 15).
    assert result["value"].iloc[1:].isna().all()


def test_a_month_figure_is_not_summed_as_a_year():
    obs = frame(("3671", "rtlh_units", 2021, "annual", 100), ("3671", "rtlh_units", 2022, "may", 40))
    result = progs.running_total(obs, "3671", "rtlh_units")
    assert result["year"].tolist() == [2021]
    assert result["value"].tolist() == [100]


def test_reported_running_total_is_kept_apart_from_report_plus_yearly_figures(observations):
    comparison = progs.cumulative_comparison(observations, "3671", "rtlh_units", "rtlh_units_cumulative")
    by_year = comparison.set_index("year")
    # Reported (kota_tangerang_program_tambahan.csv, facts.md): 6,248 (to 2018), 6,678 (2019),
    # 6,682 (2020), 7,032 (2021), 8,656 (2024), 10,656 (2025).
    assert by_year["reported"].tolist() == [6248, 6678, 6682, 7032, 8656, 10656]
    assert math.isnan(by_year.loc[2018, "computed"])  # nothing earlier to add to
    # 6,248 + 387 (2019, Tempo's year total; TangerangNews' 500 is dated December) = 6,635: 43 apart.
    assert (by_year.loc[2019, "computed"], by_year.loc[2019, "difference"]) == (6635, 43)
    # 6,678 + 0 (2020, halted by COVID-19) = 6,678; reported 6,682: 4 apart.
    assert by_year.loc[2020, "difference"] == 4
    # 7,032 (2021) + 450 + 700 + 474 = 8,656 = reported: the chain of SOURCES.md §18 holds.
    assert (by_year.loc[2024, "base_year"], by_year.loc[2024, "computed"]) == (2021, 8656)
    assert by_year.loc[2024, "difference"] == 0
    # 8,656 (report 2024) + 1,000 (yearly 2025) = 9,656; reported 10,656 − 9,656 = 1,000 apart.
    assert by_year.loc[2025, "base_year"] == 2024
    assert by_year.loc[2025, "added"] == 1000
    assert by_year.loc[2025, "computed"] == 9656
    assert by_year.loc[2025, "difference"] == 1000


def test_report_plus_yearly_is_unknown_when_a_year_between_reports_is_missing():
    obs = frame(("3671", "rtlh_units_cumulative", 2020, "annual", 500),
                ("3671", "rtlh_units_cumulative", 2023, "annual", 900),
                ("3671", "rtlh_units", 2021, "annual", 100), ("3671", "rtlh_units", 2023, "annual", 200))
    comparison = progs.cumulative_comparison(obs, "3671", "rtlh_units", "rtlh_units_cumulative")
    # 2022 has no yearly figure: 500 + 100 + ? + 200 cannot be computed.
    assert math.isnan(comparison.set_index("year").loc[2023, "computed"])


def test_a_running_total_dated_to_a_month_is_listed_but_not_compared(observations):
    comparison = progs.cumulative_comparison(observations, "3671", "jobfair_hires", "jobfair_hires_cumulative")
    # 4,031 to Oct 2021, about 7,000 by 31 May 2022, 18,944 to 5 Dec 2023
    assert comparison["period"].tolist() == ["october", "may", "december"]
    assert comparison["reported"].tolist() == [4031, 7000, 18944]
    assert comparison["computed"].isna().all()


# -- one figure per year, gaps ---------------------------------------------------------------------

def test_yearly_values_prefer_the_annual_figure_over_a_dated_one(observations):
    yearly = progs.yearly_values(observations, "3671", "school_free_count").set_index("year")
    # 2023: 146 for the school year (annual) rather than 143 on 17 May; 2025: only June (138).
    assert yearly.loc[2023, "value"] == 146
    assert yearly.loc[2023, "period"] == "annual"
    assert (yearly.loc[2025, "value"], yearly.loc[2025, "period"]) == (138, "june")


def test_rtlh_2015_is_a_gap_and_2020_a_reported_zero(observations):
    values = progs.yearly_values(observations, "3671", "rtlh_units").set_index("year")["value"].reindex(range(2014, 2026))
    assert math.isnan(values.loc[2015])  # no source gives 2015
    # 2014 53, 2016 1,451, 2017 2,314, 2018 1,323 (news), 2019 387 (Tempo's year total), 2020 0
    # (halted by COVID-19, as reported), then 350, 450, 700, 474, 1,000 (facts.md).
    assert values.drop(2015).tolist() == [53, 1451, 2314, 1323, 387, 0, 350, 450, 700, 474, 1000]


# -- targets ----------------------------------------------------------------------------------------

def test_attainment_is_realised_over_target_and_missing_realisation_is_not_zero(observations):
    targets = targets_frame(("3671", "rtlh_units", 2025, 1000), ("3671", "rtlh_units", 2026, 1000))
    result = progs.attainment(targets, observations, "3671", ["rtlh_units"]).set_index("year")
    assert result.loc[2025, "attainment_pct"] == 100.0  # 1,000 / 1,000 × 100
    assert math.isnan(result.loc[2026, "realised"])
    assert math.isnan(result.loc[2026, "attainment_pct"])  # no figure yet, not 0 %


def test_attainment_below_target():
    obs = frame(("3671", "rtlh_units", 2024, "annual", 600))
    targets = targets_frame(("3671", "rtlh_units", 2024, 800))
    result = progs.attainment(targets, obs, "3671", ["rtlh_units"])
    assert result["attainment_pct"].iloc[0] == 75.0  # 600 / 800 × 100


# -- cost with the dated grant rule -------------------------------------------------------------------

def test_the_grant_per_house_rule_is_dated():
    rules = CATALOG.programs["rtlh"].rules
    assert progs.rule_for(rules, "grant_per_unit", 2014).value == 20_000_000
    assert progs.rule_for(rules, "grant_per_unit", 2024).value == 20_000_000
    assert progs.rule_for(rules, "grant_per_unit", 2025).value == 30_000_000
    assert progs.rule_for(rules, "grant_per_unit", 2025).source == "katafoto_20251215"


def test_implied_outlay_uses_the_rule_in_force_each_year(observations):
    costs = progs.cost_table(CATALOG, CATALOG.programs["rtlh"], observations, "3671").set_index("year")
    # 2024: 474 × Rp 20 juta = Rp 9,48 miliar; 2025: 1,000 × Rp 30 juta = Rp 30 miliar.
    assert costs.loc[2024, "implied_outlay"] == 9_480_000_000
    assert costs.loc[2025, "implied_outlay"] == 30_000_000_000
    assert costs.loc[2021, "implied_outlay"] == 7_000_000_000  # 350 × Rp 20 juta
    # No budget is reported: budget and unit cost stay unknown, never 0.
    assert costs["budget"].isna().all()
    assert costs["unit_cost"].isna().all()


def test_unit_cost_is_budget_over_units_where_a_budget_is_reported():
    catalog = CATALOG
    budget_measure = replace(catalog.measure("rtlh_units"), id="rtlh_budget", unit="rupiah", unit_label=None)
    program = replace(catalog.programs["rtlh"], measures=("rtlh_units", "rtlh_budget"))
    catalog = replace(catalog, measures={**catalog.measures, "rtlh_budget": budget_measure},
                      programs={**catalog.programs, "rtlh": program})
    obs = frame(("3671", "rtlh_units", 2025, "annual", 1000), ("3671", "rtlh_budget", 2025, "annual", 31e9))
    costs = progs.cost_table(catalog, program, obs, "3671")
    # Rp 31 miliar / 1,000 houses = Rp 31 juta per house (beside the Rp 30 juta rule).
    assert costs["unit_cost"].iloc[0] == 31_000_000
    assert costs["rule_value"].iloc[0] == 30_000_000


# -- intensity ---------------------------------------------------------------------------------------

def test_houses_per_1000_poor_uses_the_poor_count_of_the_same_year(observations):
    result = progs.intensity(observations, "3671", "rtlh_units").set_index("year")
    # 2025: 1,000 houses / 124.76 thousand poor (March 2025) = 8.015… ≈ 8.02 per 1,000 poor.
    assert result.loc[2025, "poor_thousand"] == 124.76
    assert result.loc[2025, "poor_period"] == "march"
    assert round(result.loc[2025, "per_1000_poor"], 2) == 8.02


def test_intensity_without_a_poor_count_is_a_gap():
    obs = frame(("3671", "rtlh_units", 2024, "annual", 50), ("3671", "rtlh_units", 2025, "annual", 60),
                ("3671", "poor_count", 2024, "march", 25))
    result = progs.intensity(obs, "3671", "rtlh_units").set_index("year")
    assert result.loc[2024, "per_1000_poor"] == 2.0  # 50 / 25 thousand poor
    assert math.isnan(result.loc[2025, "per_1000_poor"])


# -- programmes beside outcomes -------------------------------------------------------------------

def test_outputs_in_a_span_sum_the_years_with_data_and_say_how_many(observations):
    programs = progs.programs_for_region(CATALOG, observations, RegionRegistry(pd.DataFrame(
        {"code": ["3671"], "name": ["Kota Tangerang"], "level": ["kabkota"], "parent_code": ["36"],
         "parent_code_2025": ["36"]})), "3671")
    outputs = progs.outputs_in_span(CATALOG, programs, observations, "3671", 2021, 2025).set_index("measure")
    # 350 + 450 + 700 + 474 + 1,000 = 2,974 houses, all 5 years have a figure.
    assert outputs.loc["rtlh_units", "value"] == 2974
    assert (outputs.loc["rtlh_units", "how"], outputs.loc["rtlh_units", "years_with_data"]) == ("sum", 5)
    # Hires: 4,036 (2021) + 2,034 (2025) = 6,070, only 2 of the 5 years.
    assert outputs.loc["jobfair_hires", "value"] == 6070
    assert outputs.loc["jobfair_hires", "years_with_data"] == 2
    # Schools are a count at a date, not a yearly flow: the latest figure, not a sum.
    assert (outputs.loc["school_free_count", "how"], outputs.loc["school_free_count", "value"]) == ("latest", 138)
    # Grouped by Inpres strategy in catalog order.
    assert list(dict.fromkeys(outputs["strategy"])) == ["reduce_spending", "raise_income", "reduce_pockets"]


def test_outcome_changes_over_the_same_span(observations):
    changes = {c.measure: c for c in progs.outcome_changes(observations, "3671", 2021, 2025)}
    # P0 March: 5.93 (2021) → 5.19 (2025) = −0.74 points.
    assert changes["p0"].change == pytest.approx(-0.74)
    # Extreme poverty only for 2021–2022: 1.61 → 0.75 = −0.86.
    assert (changes["extreme_poverty"].start.year, changes["extreme_poverty"].end.year) == (2021, 2022)
    assert changes["extreme_poverty"].change == pytest.approx(-0.86)
    # Unemployment (August, BPS kab/kota table, file 15 rows 3671): 9.07 (2021) → 5.92 (2024) = −3.15.
    assert (changes["unemployment"].start.year, changes["unemployment"].end.year) == (2021, 2024)
    assert changes["unemployment"].change == pytest.approx(-3.15)


def test_outcome_without_data_in_the_span_is_none(observations):
    changes = {c.measure: c for c in progs.outcome_changes(observations, "3671", 2024, 2025)}
    assert changes["extreme_poverty"].start is None
    assert changes["extreme_poverty"].change is None


# -- data-driven catalog ------------------------------------------------------------------------------

def test_a_new_programme_is_a_catalog_entry_plus_data():
    template = CATALOG.programs["si_praja"]
    measure = replace(CATALOG.measure("job_training_trainees"), id="pelatihan_trainees", program="pelatihan")
    new = replace(template, id="pelatihan", region="3672", measures=("pelatihan_trainees",), rules=())
    catalog = replace(CATALOG, programs={**CATALOG.programs, "pelatihan": new},
                      measures={**CATALOG.measures, "pelatihan_trainees": measure})
    obs = frame(("3672", "pelatihan_trainees", 2024, "annual", 300))
    registry = RegionRegistry(pd.DataFrame({"code": ["3672"], "name": ["Kota Cilegon"], "level": ["kabkota"],
                                            "parent_code": ["36"], "parent_code_2025": ["36"]}))
    assert [p.id for p in progs.programs_for_region(catalog, obs, registry, "3672")] == ["pelatihan"]
    assert [m.id for m in progs.chart_measures(catalog, new)] == ["pelatihan_trainees"]
    assert progs.running_total(obs, "3672", "pelatihan_trainees")["value"].tolist() == [300]


def test_parts_and_running_totals_come_from_catalog_conventions():
    job_fair = CATALOG.programs["job_fair"]
    assert [m.id for m in progs.parts_of(CATALOG, job_fair, "jobfair_hires")] == [
        "jobfair_hires_resident", "jobfair_hires_nonresident"]
    assert progs.cumulative_partner(CATALOG, "rtlh_units").id == "rtlh_units_cumulative"
    assert progs.cumulative_partner(CATALOG, "school_free_count") is None
    # Parts and partnered running totals get no chart of their own.
    assert [m.id for m in progs.chart_measures(CATALOG, job_fair)] == [
        "jobfair_hires", "jobfair_vacancies", "jobfair_companies", "jobseekers_registered"]


# -- kecamatan ----------------------------------------------------------------------------------------

def test_kecamatan_rows_show_as_a_breakdown_of_their_kabkota(seeded_store, tmp_path):
    store = copy_store(seeded_store, tmp_path / "kecamatan.sqlite")
    try:
        load_kecamatan_fixture(store)
        registry = RegionRegistry(store.regions())
        obs = store.observations()
        assert progs.region_children(registry, "3671") == ["3671010", "3671020", "3671030"]
        breakdown = progs.kecamatan_breakdown(obs, registry, "3671", ["rtlh_units"])
        assert breakdown["region_name"].tolist() == ["Ciledug", "Cipondoh", "Tangerang"]
        assert breakdown["value"].sum() == 100  # 40 + 35 + 25 (illustrative)
        assert set(breakdown["status"]) == {"illustrative"}
        # The city's own figure is untouched: kecamatan rows are a breakdown, not added to it.
        assert progs.yearly_values(obs, "3671", "rtlh_units").set_index("year").loc[2025, "value"] == 1000
    finally:
        store.dispose()


def test_no_kecamatan_rows_means_an_empty_breakdown(observations, seeded_store):
    registry = RegionRegistry(seeded_store.regions())
    assert progs.kecamatan_breakdown(observations, registry, "3671", ["rtlh_units"]).empty


def test_the_default_store_holds_no_kecamatan(seeded_store):
    assert not (seeded_store.regions()["level"] == "kecamatan").any()


def test_intensity_is_offered_for_outputs_that_reach_people_not_for_schools_or_vehicles():
    ids = {p: [m.id for m in progs.intensity_measures(CATALOG, CATALOG.programs[p])] for p in CATALOG.programs}
    assert ids["rtlh"] == ["rtlh_units"]  # additive: a running total is reported
    assert ids["job_fair"] == ["jobfair_hires"]
    assert ids["si_praja"] == ["job_training_trainees"]
    assert ids["sekolah_gratis"] == []
