"""Matching names and codes to the registry and the catalog: never a guess, always a way to fix it."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics import paths
from analytics.catalog import default_catalog
from analytics.ingest import matching
from analytics.ingest import parser as ingest
from analytics.regions import RegionRegistry


@pytest.fixture(scope="module")
def registry() -> RegionRegistry:
    return RegionRegistry(pd.read_csv(paths.REGIONS_FILE, dtype=str, keep_default_na=False))


@pytest.fixture(scope="module")
def regions(registry: RegionRegistry) -> matching.RegionMatcher:
    return matching.RegionMatcher(registry)


@pytest.fixture(scope="module")
def measures() -> matching.MeasureMatcher:
    return matching.MeasureMatcher(default_catalog())


def resolve(text: str, registry: RegionRegistry, **kwargs: str) -> matching.Resolution:
    parsed = ingest.parse(text.encode("utf-8"), file_name="t.csv", **kwargs)  # type: ignore[arg-type]
    assert not [p for p in parsed.problems if p.severity == "error"], parsed.problems
    return matching.resolve(parsed.frame, registry, default_catalog())


@pytest.mark.parametrize("name", ["KOTA TANGERANG", "Kota Tangerang", "Tangerang (Kota)", "Tangerang, Kota",
                                  "  kota   tangerang. ", "Kota  Tangerang"])
def test_the_ways_staff_write_kota_tangerang_all_mean_3671(name: str, regions: matching.RegionMatcher):
    assert regions.resolve_name(name, None) == ("3671", [])


@pytest.mark.parametrize("name", ["Kab. Tangerang", "Kabupaten Tangerang", "Kab Tangerang", "KAB. TANGERANG",
                                  "Tangerang (Kab.)"])
def test_the_ways_staff_write_kabupaten_tangerang_all_mean_3603(name: str, regions: matching.RegionMatcher):
    assert regions.resolve_name(name, None) == ("3603", [])


def test_a_bare_tangerang_is_ambiguous_without_a_province_header(regions: matching.RegionMatcher):
    assert regions.resolve_name("Tangerang", None) == (None, ["3603", "3671"])


def test_a_bare_name_under_a_bps_province_header_is_the_kabupaten(regions: matching.RegionMatcher):
    # BPS tables write kabupaten bare and cities as "Kota X": under BANTEN (36), "Tangerang" is 3603.
    assert regions.resolve_name("Tangerang", "36") == ("3603", [])
    assert regions.resolve_name("Gorontalo", "75") == ("7502", [])


def test_provinces_and_the_nation_by_name(regions: matching.RegionMatcher):
    assert regions.resolve_name("BANTEN", None) == ("36", [])
    assert regions.resolve_name("Prov. Banten", None) == ("36", [])
    assert regions.resolve_name("Provinsi Banten", None) == ("36", [])
    assert regions.resolve_name("D.I. Yogyakarta", None) == ("34", [])
    assert regions.resolve_name("Kep. Bangka Belitung", None) == ("19", [])
    assert regions.resolve_name("INDONESIA", None) == ("00", [])
    assert regions.resolve_name("Nasional", None) == ("00", [])


def test_a_province_in_capitals_is_the_province_but_in_mixed_case_it_is_ambiguous(regions: matching.RegionMatcher):
    # JAMBI is how BPS writes the province; "Jambi" could be the province or Kota Jambi (1571).
    assert regions.resolve_name("JAMBI", None) == ("15", [])
    assert regions.resolve_name("Jambi", None) == (None, ["15", "1571"])


def test_bps_spelling_quirks(regions: matching.RegionMatcher):
    assert regions.resolve_name("Kota Baru", None) == ("6302", [])  # BPS's name for the Kabupaten Kotabaru
    assert regions.resolve_name("Tanjungbalai", None) == ("1272", [])  # spaces do not matter
    assert regions.resolve_name("Kota Administrasi Jakarta Pusat", None) == ("3173", [])
    assert regions.resolve_name("Lima Puluh Kota", None) == ("1308", [])  # "Kota" here is part of the name


def test_unmatched_names_get_the_closest_suggestions_first(regions: matching.RegionMatcher):
    assert regions.resolve_name("Tangerng Selatan", None) == (None, [])
    assert regions.suggestions("Tangerng Selatan")[0] == "3674"


def test_an_unknown_name_says_that_kecamatan_and_desa_are_matched_by_code(registry: RegionRegistry):
    result = resolve("kecamatan;tahun;indikator;nilai\nCiledug;2023;rtlh_units;120\n", registry)
    [problem] = result.problems
    assert (problem.row, problem.column, problem.value) == (2, "region_name", "Ciledug")
    assert problem.message_en.endswith("A kecamatan or desa/kelurahan is recognised by its BPS code (7 or 10 "
                                       "digits), not by its name.")
    assert "Kecamatan dan desa/kelurahan dikenali dari kode BPS-nya" in problem.message_id


def test_kemendagri_codes_go_through_the_crosswalk(regions: matching.RegionMatcher):
    # Kemendagri 3171 = Jakarta Pusat = BPS 3173; BPS 3171 = Jakarta Selatan.
    assert regions.resolve_code("3171", "kemendagri") == "3173"
    assert regions.resolve_code("3171", "bps") == "3171"
    # Provinces: Kemendagri 91 is Papua (BPS 94), 92 is Papua Barat (BPS 91).
    assert regions.resolve_code("91", "kemendagri") == "94"
    assert regions.resolve_code("92", "kemendagri") == "91"
    assert regions.resolve_code("00", "kemendagri") == "00"


def test_bps_2025_codes_of_the_moved_papua_kabupaten_are_understood(regions: matching.RegionMatcher):
    # Kab. Sorong is 9107 in the 2020 scheme and 9202 (Papua Barat Daya) in 2025.
    assert regions.resolve_code("9202", "bps") == "9107"


def test_a_kemendagri_code_in_a_bps_column_is_caught_by_its_name(registry: RegionRegistry):
    result = resolve("kode_wilayah,nama_wilayah,indikator,tahun,periode,nilai\n"
                     "3171,Kota Jakarta Pusat,p0,2025,march,4.70\n", registry)
    [problem] = result.problems
    assert (problem.row, problem.column, problem.value) == (2, "region_code", "3171")
    assert "Kota Jakarta Selatan (3171)" in problem.message_en
    assert "Kota Jakarta Pusat (3173)" in problem.message_en and "kode_kemendagri" in problem.message_id
    assert result.frame["region_code"].tolist() == ["3171"]  # kept as written


def test_the_kemendagri_scheme_can_be_chosen_instead_of_a_column_title(registry: RegionRegistry):
    result = resolve("kode_wilayah,indikator,tahun,periode,nilai\n3171,p0,2025,march,4.70\n", registry,
                     region_scheme="kemendagri")
    assert result.problems == []
    assert result.frame["region_code"].tolist() == ["3173"]


def test_codes_written_with_dots_or_as_excel_floats(registry: RegionRegistry):
    result = resolve("kode_wilayah,indikator,tahun,periode,nilai\n36.71,p0,2025,march,5.19\n"
                     "3672.0,p0,2025,march,3.44\n", registry)
    assert result.problems == []
    assert result.frame["region_code"].tolist() == ["3671", "3672"]


def test_an_unknown_code_names_the_code_and_what_the_name_would_be(registry: RegionRegistry):
    result = resolve("kode_wilayah,nama_wilayah,indikator,tahun,periode,nilai\n3699,Kota Tangerang,p0,2025,march,5.19\n",
                     registry)
    [problem] = result.problems
    assert problem.value == "3699" and "Kota Tangerang (3671)" in problem.message_en


def test_one_problem_per_distinct_bad_value_naming_its_lines(registry: RegionRegistry):
    lines = "".join(f"Tangerang,p0,{year},march,5.0\n" for year in range(2015, 2025))
    result = resolve("nama_wilayah,indikator,tahun,periode,nilai\n" + lines, registry)
    [problem] = result.problems
    # 10 rows on lines 2..11: the first five are named, "and 5 more".
    assert problem.row == 2 and "lines 2, 3, 4, 5, 6 and 5 more" in problem.message_en


@pytest.mark.parametrize(("text", "measure_id"), [
    ("p0", "p0"),
    ("P0", "p0"),
    ("Persentase Penduduk Miskin", "p0"),
    ("Persentase Penduduk Miskin (P0) Menurut Kabupaten/Kota (Persen)", "p0"),
    ("Poverty rate (P0)", "p0"),
    ("Jumlah Penduduk Miskin (ribu jiwa)", "poor_count"),
    ("Jumlah Penduduk Miskin (Ribu Jiwa) Menurut Kabupaten/Kota", "poor_count"),
    ("Garis Kemiskinan (Rupiah/Kapita/Bulan)", "poverty_line"),
    ("Indeks Kedalaman Kemiskinan (P1)", "p1"),
    ("Indeks Keparahan Kemiskinan (P2)", "p2"),
    ("Tingkat Pengangguran Terbuka", "unemployment"),
    ("Indeks Pembangunan Manusia", "hdi"),
    ("Human Development Index (HDI)", "hdi"),
    ("RTLH direhabilitasi", "rtlh_units"),
    ("Jumlah RTLH diperbaiki", "rtlh_units"),
    ("Jumlah Rumah Tidak Layak Huni yang Diperbaiki", "rtlh_units"),
    ("Bedah Rumah", "rtlh_units"),
    ("RTLH direhabilitasi, kumulatif sejak 2014", "rtlh_units_cumulative"),
])
def test_measures_by_id_name_and_bps_title(text: str, measure_id: str, measures: matching.MeasureMatcher):
    assert measures.match(text) == (measure_id, ())


def test_ambiguous_measure_words_list_the_candidates(measures: matching.MeasureMatcher):
    assert measures.match("Kemiskinan") == (None, ("p0", "p1", "p2", "poor_count", "poverty_line"))
    # Two catalog measures share the English short name "Trainees".
    assert measures.match("Trainees") == (None, ("job_training_trainees", "sipraja_trainees_cumulative"))
    assert measures.match("Angka Harapan Hidup") == (None, ())


def test_a_title_in_people_for_a_measure_in_thousands_is_refused(registry: RegionRegistry):
    parsed = ingest.parse(b"Kabupaten/Kota,Jumlah Penduduk Miskin (Jiwa) - Maret 2025\nKota Tangerang,124760\n")
    result = matching.resolve(parsed.frame, registry, default_catalog())
    assert [p.column for p in result.problems] == ["measure"]
    assert "poor_count" in result.problems[0].message_en


def test_a_unit_column_that_contradicts_the_measure_is_refused_and_synonyms_are_normalised(registry: RegionRegistry):
    result = resolve("kode_wilayah,indikator,tahun,periode,nilai,satuan\n3671,p0,2025,march,5.19,persen\n"
                     "3671,poor_count,2025,march,124760,jiwa\n", registry)
    assert [(p.row, p.column, p.value) for p in result.problems] == [(3, "unit", "jiwa")]
    assert result.frame["unit"].tolist() == ["percent", "jiwa"]


def test_unstated_kabkota_poverty_periods_are_bps_march_with_a_warning(registry: RegionRegistry):
    result = resolve("kode_wilayah,2024,2025\n3671,5.43,5.19\n", registry, measure="p0")
    assert result.frame["period"].tolist() == ["march", "march"]
    assert [p.severity for p in result.problems] == ["warning"]


def test_unstated_province_poverty_periods_are_asked_for(registry: RegionRegistry):
    result = resolve("kode_wilayah,2024,2025\n36,5.84,5.63\n", registry, measure="p0")
    assert [(p.column, p.severity) for p in result.problems] == [("period", "error")]


def test_annual_measures_need_no_period(registry: RegionRegistry):
    result = resolve("kode_wilayah,2024\n3671,81.6\n", registry, measure="hdi")
    assert result.problems == [] and result.frame["period"].tolist() == ["annual"]


def test_empty_region_names_are_filled_from_the_registry(registry: RegionRegistry):
    result = resolve("kode_wilayah,indikator,tahun,periode,nilai\n3671,p0,2025,march,5.19\n", registry)
    assert result.frame["region_name"].tolist() == ["Kota Tangerang"]


def test_resolving_a_million_rows_works_per_distinct_value(registry: RegionRegistry):
    # 1,000,000 rows of 4 distinct (code, name) pairs: the per-value work is 4 look-ups, not a million.
    frame = pd.DataFrame({
        "row": range(2, 1_000_002),
        "region_code": ["3671", "3672", "3603", "36"] * 250_000,
        "region_name": "",
        "measure": "p0",
        "year": "2025",
        "period": "march",
        "value": 5.0,
        "unit": "",
        "status": "final",
        "source": "",
        "note": "",
    })
    result = matching.resolve(frame, registry, default_catalog())
    assert result.problems == []
    assert result.frame["region_name"].iloc[:4].tolist() == ["Kota Tangerang", "Kota Cilegon", "Kab. Tangerang",
                                                            "Banten"]


def test_the_matching_vocabulary_names_only_catalog_measures_units_and_periods():
    """data/catalog/matching.yaml is hand-edited: every alias must lead to something that exists."""
    from analytics.catalog import UNITS
    from analytics.contract import PERIODS

    measures = set(default_catalog().measures)
    assert set(matching.MEASURE_ALIASES.values()) <= measures
    assert {m for ids in matching.AMBIGUOUS_MEASURES.values() for m in ids} <= measures
    assert set(matching.UNIT_ALIASES.values()) <= set(UNITS)
    assert set(matching.KABKOTA_DEFAULT_PERIODS) <= measures
    assert set(matching.KABKOTA_DEFAULT_PERIODS.values()) <= set(PERIODS)
    assert matching.MEASURE_ALIASES["tingkat pengangguran terbuka"] == "unemployment"
    assert matching.KABKOTA_DEFAULT_PERIODS["p0"] == "march"
