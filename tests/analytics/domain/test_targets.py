"""Glide paths and targets, with every expected value worked out by hand in a comment."""

import pandas as pd
import pytest

from analytics.catalog import default_catalog
from analytics.domain import targets
from analytics.domain.targets import Status, Target

EXTREME = default_catalog().measure("extreme_poverty")  # lower is better
HDI = default_catalog().measure("hdi")  # higher is better, method break 2021


def obs(rows: list[tuple]) -> pd.DataFrame:
    # Illustrative rows shaped like the store's observations (real Kota Tangerang values where named).
    frame = pd.DataFrame(rows, columns=["region_code", "measure", "year", "period", "value"])
    return frame.assign(status="illustrative", source="s", note=None)


def target(value: float, year: int, *, measure: str = "extreme_poverty", region: str = "00") -> Target:
    return Target(region_code=region, measure=measure, year=year, period="march", value=value,
                  source="inpres_4_2022", note=None, inherited=region != "3671")


TANGERANG_EXTREME = obs([("3671", "extreme_poverty", 2021, "march", 1.61),
                         ("3671", "extreme_poverty", 2022, "march", 0.75)])
NATIONAL_ZERO_BY_2024 = target(0.0, 2024)


def test_from_1_61_in_2021_to_zero_by_2024_needs_minus_0_537_points_a_year():
    # (0 − 1.61) / (2024 − 2021) = −1.61 / 3 = −0.53667
    assert targets.required_rate(1.61, 2021, 0.0, 2024) == pytest.approx(-0.536667, abs=1e-6)


def test_achieving_minus_0_86_against_a_need_of_minus_0_537_is_on_track():
    # 2021→2022: 0.75 − 1.61 = −0.86 a year, a faster fall than the −0.537 needed
    assert targets.on_track(-1.61 / 3, 0.75 - 1.61, lower_is_better=True)
    assert not targets.on_track(-1.61 / 3, -0.20, lower_is_better=True)


def test_glide_path_for_kota_tangerang_as_of_2022_is_on_track():
    glide = targets.assess(TANGERANG_EXTREME, EXTREME, "3671", NATIONAL_ZERO_BY_2024, as_of=2022)
    assert glide.status is Status.ON_TRACK
    # Path set at the previous observation: (0 − 1.61) / 3 = −0.537 a year (the example).
    assert glide.baseline_needed_per_year == pytest.approx(-0.536667, abs=1e-6)
    # Still needed from the latest observation: (0 − 0.75) / (2024 − 2022) = −0.375 a year.
    assert glide.needed_per_year == pytest.approx(-0.375)
    # Achieved over the last interval: (0.75 − 1.61) / 1 = −0.86 a year.
    assert glide.achieved_per_year == pytest.approx(-0.86)
    assert (glide.previous.year, glide.latest.year) == (2021, 2022)


def test_as_of_2021_only_one_observation_gives_no_data_but_still_the_need():
    glide = targets.assess(TANGERANG_EXTREME, EXTREME, "3671", NATIONAL_ZERO_BY_2024, as_of=2021)
    assert glide.status is Status.NO_DATA
    assert glide.needed_per_year == pytest.approx(-0.536667, abs=1e-6)  # −1.61 / 3
    assert glide.achieved_per_year is None


def test_target_year_passed_without_an_observation_for_it_shows_the_last_known_value():
    # Today (2026): 2024 has passed, the store has no 2024 figure for Kota Tangerang.
    glide = targets.assess(TANGERANG_EXTREME, EXTREME, "3671", NATIONAL_ZERO_BY_2024, as_of=2026)
    assert glide.status is Status.PASSED_NO_OBSERVATION
    assert glide.target_passed
    assert (glide.latest.year, glide.latest.value) == (2022, 0.75)
    assert glide.observed_at_target is None


def test_target_year_observed_is_compared_with_the_observed_value():
    data = obs([("3671", "extreme_poverty", 2022, "march", 0.75), ("3671", "extreme_poverty", 2024, "march", 0.10),
                ("3672", "extreme_poverty", 2023, "march", 0.40), ("3672", "extreme_poverty", 2024, "march", 0.0)])
    missed = targets.assess(data, EXTREME, "3671", NATIONAL_ZERO_BY_2024, as_of=2026)
    assert missed.status is Status.MISSED  # 0.10 % in 2024 > 0 %
    assert missed.observed_at_target.value == 0.10
    met = targets.assess(data, EXTREME, "3672", NATIONAL_ZERO_BY_2024, as_of=2026)
    assert met.status is Status.MET  # 0.00 % in 2024 ≤ 0 %


def test_a_slower_fall_than_needed_is_off_track():
    data = obs([("3671", "extreme_poverty", 2022, "march", 1.00), ("3671", "extreme_poverty", 2023, "march", 0.90)])
    glide = targets.assess(data, EXTREME, "3671", NATIONAL_ZERO_BY_2024, as_of=2023)
    # needed (0 − 0.90) / 1 = −0.90 a year; achieved 0.90 − 1.00 = −0.10 a year → off track
    assert glide.needed_per_year == pytest.approx(-0.90)
    assert glide.achieved_per_year == pytest.approx(-0.10)
    assert glide.status is Status.OFF_TRACK


def test_higher_is_better_rises_fast_enough():
    data = obs([("3671", "hdi", 2022, "march", 80.0), ("3671", "hdi", 2024, "march", 81.0)])
    goal = target(82.0, 2026, measure="hdi", region="3671")
    glide = targets.assess(data, HDI, "3671", goal, as_of=2024)
    # needed (82 − 81) / 2 = +0.5 a year; achieved (81 − 80) / 2 = +0.5 a year → exactly on track
    assert glide.status is Status.ON_TRACK


def test_no_observation_is_no_data():
    glide = targets.assess(obs([]), EXTREME, "3671", NATIONAL_ZERO_BY_2024, as_of=2022)
    assert glide.status is Status.NO_DATA
    assert glide.latest is None


def test_september_values_are_not_mixed_into_a_march_target():
    data = obs([("36", "extreme_poverty", 2022, "march", 1.18), ("36", "extreme_poverty", 2022, "september", 0.90)])
    glide = targets.assess(data, EXTREME, "36", NATIONAL_ZERO_BY_2024, as_of=2022)
    assert glide.latest.period == "march"
    assert glide.status is Status.NO_DATA  # one March value only
