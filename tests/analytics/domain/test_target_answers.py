"""'Are we on track, by whose target?' (issue #15): every expected number worked out by hand.

Real figures from the seeded store (BPS March P0; extreme poverty from the news quoting BPS) and
the official targets of target_kemiskinan.csv, evaluated as of 2026. Edge cases use small
illustrative frames, marked as such.
"""

import pandas as pd
import pytest

from analytics.catalog import default_catalog
from analytics.domain import target_text, targets
from analytics.domain.targets import Missing, Status, Target
from analytics.regions import RegionRegistry

CATALOG = default_catalog()
P0 = CATALOG.measure("p0")
EXTREME = CATALOG.measure("extreme_poverty")
HDI = CATALOG.measure("hdi")  # higher is better, method break 2021
AS_OF = 2026
RPJMN_2025 = "Perpres 12/2025 tentang RPJMN 2025-2029"


@pytest.fixture(scope="module")
def world(seeded_store):
    return (seeded_store.observations(), seeded_store.targets(), RegionRegistry(seeded_store.regions()))


def answer(world, region: str, measure: str, as_of: int = AS_OF) -> targets.TargetAnswer:
    obs, stored, registry = world
    return targets.evaluate(obs, stored, registry, CATALOG, region, measure, as_of=as_of)


def find(result: targets.TargetAnswer, region: str, year: int, basis_start: str) -> targets.GlidePath:
    found = [g for g in result.all if g.target.region_code == region and g.target.year == year
             and g.target.basis.startswith(basis_start)]
    assert len(found) == 1, [(g.target.region_code, g.target.year, g.target.basis) for g in result.all]
    return found[0]


# -- Kota Tangerang (3671): own 4.8 %, Banten's RPJMN ranges, national ranges ---------------------


def test_kota_tangerang_p0_headline_is_its_own_4_8_percent_and_on_track(world):
    result = answer(world, "3671", "p0")
    assert result.scope == "own" and len(result.headline) == 1
    glide = result.headline[0]
    # No year stated in the RPKD: dated to the end of its plan period 2025–2029, and said so.
    assert (glide.target.value, glide.target.year, glide.target.year_stated) == (4.8, 2029, False)
    # needed (4.80 − 5.19) / (2029 − 2025) = −0.39 / 4 = −0.0975 points a year
    assert glide.needed_per_year == pytest.approx(-0.0975)
    # achieved March 2024 → March 2025: 5.19 − 5.43 = −0.24 points a year, faster than needed
    assert glide.achieved_per_year == pytest.approx(-0.24)
    assert glide.status is Status.ON_TRACK
    assert glide.glide_path == ((2025, 5.19), (2029, 4.8))


def test_kota_tangerang_against_banten_rpjmn_ranges(world):
    result = answer(world, "3671", "p0")
    met = find(result, "36", 2025, RPJMN_2025)
    # Banten 2025: 4.50–5.50 %; Kota Tangerang March 2025 = 5.19 → inside the range, met
    assert (met.status, met.position, met.observed_at_target.value) == (Status.MET, "inside", 5.19)
    assert met.target.verify  # SOURCES.md: province ranges still to be checked against the Perpres
    off = find(result, "36", 2029, RPJMN_2025)
    # Banten 2029: 2.42–3.42 %; upper edge to reach: (3.42 − 5.19) / 4 = −1.77 / 4 = −0.4425 a year;
    # achieved −0.24 a year → off track
    assert off.needed_per_year == pytest.approx(-0.4425)
    assert off.status is Status.OFF_TRACK
    assert off.band == ((2025, 5.19, 5.19), (2029, 2.42, 3.42))


def test_kota_tangerang_against_national_ranges(world):
    result = answer(world, "3671", "p0")
    below = find(result, "00", 2025, RPJMN_2025)
    # National 2025: 7.0–8.0 %; 5.19 lies below the range (better): met
    assert (below.status, below.position) == (Status.MET, "below")
    rpjmn_2029 = find(result, "00", 2029, RPJMN_2025)
    # National 2029: 4.5–5.0 %: (5.0 − 5.19) / 4 = −0.0475 a year needed; −0.24 achieved → on track
    assert rpjmn_2029.needed_per_year == pytest.approx(-0.0475)
    assert rpjmn_2029.status is Status.ON_TRACK
    # The SDG 1.2 target has no number: shown, never evaluated.
    sdg = find(result, "00", 2030, "Target TPB/SDGs 1.2")
    assert (sdg.status, sdg.missing, sdg.target.kind) == (Status.NO_DATA, Missing.NO_NUMBER, "words")


def test_kota_tangerang_extreme_poverty_three_conflicting_2026_targets_all_evaluated(world):
    result = answer(world, "3671", "extreme_poverty")
    # Its own target (Inpres 4/2022 adopted, 2024) has passed, so the nation's 2026 targets count.
    assert (result.scope, result.conflicting, len(result.headline)) == ("nation", True, 3)
    by_basis = {g.target.basis.split(" ")[0]: g for g in result.headline}
    # Presidential directive 0 %: (0 − 0.75) / (2026 − 2022) = −0.1875 a year
    assert by_basis["Arahan"].needed_per_year == pytest.approx(-0.1875)
    # RPJMN "below 0.5" and RKP "0–0.5": (0.5 − 0.75) / 4 = −0.0625 a year
    assert by_basis["Perpres"].target.kind == "below"
    assert by_basis["Perpres"].needed_per_year == pytest.approx(-0.0625)
    assert by_basis["RKP"].target.kind == "range"
    assert by_basis["RKP"].needed_per_year == pytest.approx(-0.0625)
    # achieved 2021 → 2022: 0.75 − 1.61 = −0.86 a year, faster than any of them → all on track
    assert {g.status for g in result.headline} == {Status.ON_TRACK}
    assert result.status is Status.ON_TRACK
    # The RPJMN 2025–2029 was set after the latest figure (2022): the card says so.
    assert by_basis["Perpres"].baseline_before_plan
    own = find(result, "3671", 2024, "Inpres 4/2022")
    # Target year 2024 passed without a 2024 figure: last known value 0.75 % (March 2022)
    assert own.status is Status.PASSED_NO_OBSERVATION
    assert (own.latest.year, own.latest.value) == (2022, 0.75)


# -- Kab. Lebak (3602): only inherited targets ------------------------------------------------


def test_lebak_p0_inherits_banten_range_and_is_off_track(world):
    result = answer(world, "3602", "p0")
    assert (result.scope, result.scope_region) == ("province", "36")
    glide = result.headline[0]
    assert glide.target.inherited and (glide.target.lower, glide.target.upper, glide.target.year) == (2.42, 3.42, 2029)
    # needed (3.42 − 8.03) / (2029 − 2025) = −4.61 / 4 = −1.1525 a year
    assert glide.needed_per_year == pytest.approx(-1.1525)
    # achieved 8.03 − 8.44 = −0.41 a year → off track
    assert glide.achieved_per_year == pytest.approx(-0.41)
    assert glide.status is Status.OFF_TRACK
    missed = find(result, "36", 2025, RPJMN_2025)
    # Banten 2025 4.50–5.50 %; Lebak March 2025 8.03 → above the range: missed
    assert (missed.status, missed.position) == (Status.MISSED, "above")


def test_lebak_card_words_in_both_languages(world):
    glide = answer(world, "3602", "p0").headline[0]
    registry = world[2]
    assert target_text.headline_label(glide.target, P0, registry, "id") == (
        "target provinsi Banten: 2,42–3,42 % pada 2029")
    assert target_text.headline_label(glide.target, P0, registry, "en") == "Banten province target: 2.42–3.42 % by 2029"
    assert target_text.detail_text(glide, P0, "id") == (
        "Terakhir: 8,03 % (Maret 2025). Perlu −1,152 poin/tahun (2025→2029); dicapai −0,410 poin/tahun (2024–2025).")
    assert target_text.basis_text(glide.target, "en") == (
        "Perpres 12/2025 (RPJMN 2025–2029); ⚠ figure to be verified against the original document")


def test_lebak_extreme_poverty_has_too_little_data_and_says_what_is_missing(world):
    result = answer(world, "3602", "extreme_poverty")
    assert result.scope == "nation" and len(result.headline) == 3
    assert {(g.status, g.missing) for g in result.headline} == {(Status.NO_DATA, Missing.NO_OBSERVATION)}
    assert target_text.detail_text(result.headline[0], EXTREME, "en") == (
        "Not enough data: there is no extreme poverty figure (March) for this region.")


def test_nation_extreme_poverty_one_value_gives_the_need_but_no_pace(world):
    result = answer(world, "00", "extreme_poverty")
    below = next(g for g in result.headline if g.target.kind == "below")
    # One value, 1.12 % (March 2023): needed (0.5 − 1.12) / (2026 − 2023) = −0.62 / 3 = −0.20667
    assert below.needed_per_year == pytest.approx(-0.206667, abs=1e-6)
    assert (below.status, below.missing, below.achieved_per_year) == (Status.NO_DATA, Missing.ONE_OBSERVATION, None)


def test_papua_kabupaten_without_province_targets_inherits_the_national_one(world):
    result = answer(world, "9401", "p0")  # Kab. Merauke: no RPJMN range for its provinces
    assert (result.scope, result.scope_region) == ("nation", "00")
    glide = result.headline[0]
    # National 2026 (RKP/RAPBN 6.5–7.5 %): (7.5 − 11.31) / 1 = −3.81 needed; 11.31 − 10.19 = +1.12 achieved
    assert glide.needed_per_year == pytest.approx(-3.81)
    assert glide.achieved_per_year == pytest.approx(1.12)
    assert glide.status is Status.OFF_TRACK


def test_evaluate_all_gives_each_region_its_headline_status(world):
    obs, stored, registry = world
    table = targets.evaluate_all(obs, stored, registry, CATALOG, ["3671", "3602", "9401"], "p0", as_of=AS_OF)
    assert table.set_index("region_code")["status"].to_dict() == {
        "3671": "on_track", "3602": "off_track", "9401": "off_track"}
    assert table.set_index("region_code")["scope"].to_dict() == {"3671": "own", "3602": "province", "9401": "nation"}


def test_an_answer_is_every_target_assessed_on_its_own(world):
    """`evaluate` keeps a region's series per period for its next target (a kab/kota has a score of them,
    from its own, its province's and the nation's plans): every glide path is exactly the one assessed alone,
    for regions with their own targets, inherited ones, targets in March and in other periods, and none."""
    obs, stored, registry = world
    for region in ("3671", "3602", "9401", "36", "00"):
        for measure_id in ("p0", "extreme_poverty", "unemployment", "hdi", "gini"):
            result = answer(world, region, measure_id)
            own = obs[(obs["region_code"] == region) & (obs["measure"] == measure_id)]
            alone = tuple(targets.assess(own, CATALOG.measure(measure_id), region, glide.target, AS_OF)
                          for glide in result.all)
            assert result.all == alone, (region, measure_id)
    assert len(answer(world, "3671", "p0").all) > 3  # several targets share one series: the case kept


# -- edge cases on illustrative frames ------------------------------------------------------------


def obs(rows: list[tuple]) -> pd.DataFrame:
    # Illustrative rows shaped like the store's observations.
    frame = pd.DataFrame(rows, columns=["region_code", "measure", "year", "period", "value"])
    return frame.assign(status="illustrative", source="s", note=None)


def goal(*, value=None, lower=None, upper=None, year=2025, measure="p0", plan=None) -> Target:
    return Target(region_code="9999", measure=measure, year=year, period="march", value=value, source="s",
                  note=None, inherited=False, lower=lower, upper=upper, basis="Perda 1/2025 (illustrative)",
                  plan_period=plan)


@pytest.mark.parametrize(("observed", "status", "where"), [
    (5.00, Status.MET, "inside"),  # 4.5 ≤ 5.00 ≤ 5.5
    (6.00, Status.MISSED, "above"),  # 6.00 > 5.5
    (4.00, Status.MET, "below"),  # 4.00 < 4.5: better than the range, still met
])
def test_range_target_with_the_value_inside_above_and_below(observed, status, where):
    data = obs([("9999", "p0", 2024, "march", 6.5), ("9999", "p0", 2025, "march", observed)])
    glide = targets.assess(data, P0, "9999", goal(lower=4.5, upper=5.5), as_of=2026)
    assert (glide.status, glide.position, glide.observed_at_target.value) == (status, where, observed)


def test_below_x_is_not_met_by_exactly_x():
    data = obs([("9999", "extreme_poverty", 2026, "march", 0.5)])
    glide = targets.assess(data, EXTREME, "9999", goal(upper=0.5, year=2026, measure="extreme_poverty"), as_of=2026)
    assert (glide.status, glide.position) == (Status.MISSED, "above")


def test_a_method_break_between_the_last_two_values_gives_no_pace():
    data = obs([("9999", "hdi", 2020, "annual", 78.0), ("9999", "hdi", 2021, "annual", 78.5)])
    target = Target(region_code="9999", measure="hdi", year=2026, period="annual", value=80.0, source="s",
                    note=None, inherited=False, basis="Perda 1/2025 (illustrative)")
    glide = targets.assess(data, HDI, "9999", target, as_of=2026)
    # HDI's method changed in 2021: 2020 → 2021 is no pace. The need still shows: (80 − 78.5) / 5 = +0.3
    assert (glide.status, glide.missing, glide.method_break) == (Status.NO_DATA, Missing.METHOD_BREAK, 2021)
    assert glide.achieved_per_year is None and glide.previous is None
    assert glide.needed_per_year == pytest.approx(0.3)


def test_a_target_set_after_the_latest_observation_is_flagged_and_still_assessed():
    data = obs([("9999", "p0", 2021, "march", 9.0), ("9999", "p0", 2022, "march", 8.5)])
    glide = targets.assess(data, P0, "9999", goal(value=6.0, year=2029, plan="2025-2029"), as_of=2026)
    # (6.0 − 8.5) / (2029 − 2022) = −2.5 / 7 = −0.35714; achieved −0.5 → on track
    assert glide.needed_per_year == pytest.approx(-0.357143, abs=1e-6)
    assert glide.status is Status.ON_TRACK and glide.baseline_before_plan


def test_target_year_passed_and_observed_is_judged_on_the_target_year_not_the_latest():
    data = obs([("9999", "p0", 2024, "march", 5.4), ("9999", "p0", 2025, "march", 6.0)])
    glide = targets.assess(data, P0, "9999", goal(value=5.5, year=2024), as_of=2026)
    assert (glide.status, glide.observed_at_target.year) == (Status.MET, 2024)  # 5.4 ≤ 5.5 in 2024


def test_target_year_passed_without_an_observation_names_the_last_value():
    data = obs([("9999", "p0", 2022, "march", 7.0)])
    glide = targets.assess(data, P0, "9999", goal(value=5.0, year=2024), as_of=2026)
    assert glide.status is Status.PASSED_NO_OBSERVATION
    assert target_text.detail_text(glide, P0, "en") == (
        "The target year 2024 has passed; the last known value is 7.00 % (March 2022).")


@pytest.mark.parametrize(("basis", "short"), [
    ("Perpres 12/2025 tentang RPJMN 2025-2029 (Lampiran/Narasi) - Sasaran Utama PN 6", "Perpres 12/2025 (RPJMN 2025–2029)"),
    ("Inpres 4/2022 tentang Percepatan Penghapusan Kemiskinan Ekstrem (ditandatangani 08-06-2022)", "Inpres 4/2022"),
    ("UU APBN 2025 (sasaran pembangunan)", "UU APBN 2025"),
    ("Rancangan Rencana Penanggulangan Kemiskinan Daerah (RPKD) Kota Tangerang 2025-2029",
     "Rancangan RPKD Kota Tangerang 2025–2029"),
    ("Perda RPJMD Provinsi Banten 2012-2017", "Perda RPJMD Provinsi Banten 2012–2017"),
])
def test_short_legal_basis(basis, short):
    assert targets.short_basis(basis) == short


def test_a_target_on_another_poverty_line_is_flagged_not_silently_compared(world):
    result = answer(world, "3671", "extreme_poverty")
    rpjmn = find(result, "00", 2026, "Perpres 12/2025")
    # RPJMN 2025–2029: US$2.15 PPP 2017; the stored extreme-poverty figures: US$1.9 PPP 2011.
    assert target_text.line_caution(rpjmn.target, EXTREME, "id") == (
        "⚠ Target ini memakai garis US$2,15 PPP, data di sini US$1,9 PPP: tidak sepenuhnya sebanding.")
    # The 2025 RPJMN note names US$1.9 only to say it is *not* used: still flagged.
    assert target_text.line_caution(find(result, "00", 2025, "Perpres 12/2025").target, EXTREME, "en") == (
        "⚠ This target uses the US$2.15 PPP line, the data here US$1.9 PPP: not fully comparable.")
    # SDG 1.1 is worded "1,25 dolar Amerika": flagged too; a target naming no line is not.
    assert "US$1.25" in target_text.line_caution(find(result, "00", 2030, "Target TPB/SDGs 1.1").target, EXTREME, "en")
    assert target_text.line_caution(find(result, "00", 2026, "RKP 2026").target, EXTREME, "en") is None
