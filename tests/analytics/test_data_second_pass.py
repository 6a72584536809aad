"""The seeded store holds the second-pass reference files (SOURCES.md §12–20), checked against values
read off the reference rows by hand; the build is reproducible byte for byte."""

from __future__ import annotations

import filecmp
import importlib.util
from pathlib import Path

import pandas as pd
import pytest

from analytics.catalog import default_catalog
from analytics.domain import coverage, provenance
from analytics.regions import RegionRegistry
from tests.conftest import ROOT

CATALOG = default_catalog()
REFERENCE = ROOT.parent / "shared" / "reference"
if not REFERENCE.exists():  # a worktree sits one level deeper than the main checkout
    REFERENCE = ROOT.parent.parent / "shared" / "reference"


def value(obs: pd.DataFrame, region: str, measure: str, year: int, period: str) -> float | None:
    rows = obs[(obs["region_code"] == region) & (obs["measure"] == measure) & (obs["year"] == year)
               & (obs["period"] == period)]
    return None if rows.empty else float(rows["value"].iloc[0])


@pytest.mark.parametrize(("key", "expected", "row"), [
    # file 13 kabkota_p1_p2_2015_2024.csv, first row "1101,Simeulue,11,2015,2.97,0.64"
    (("1101", "p1", 2015, "march"), 2.97, "file 13: Simeulue 2015"),
    (("1101", "p2", 2015, "march"), 0.64, "file 13: Simeulue 2015"),
    # file 14 provinsi_p1_p2_2015_2023.csv "11,ACEH,2015,3.10,0.83"
    (("11", "p1", 2015, "march"), 3.10, "file 14: Aceh 2015"),
    # file 20 provinsi_p1_p2_2024_2025.csv "11,ACEH,2024,September,1.95,0.47"
    (("11", "p2", 2024, "september"), 0.47, "file 20: Aceh September 2024"),
    # file 19 nasional_kemiskinan_2015_2025.csv "00,2017,Maret,10.64,27771.22,374478,..."
    (("00", "p0", 2017, "march"), 10.64, "file 19: March 2017 (file 4 had the September 10.12)"),
    (("00", "poverty_line", 2017, "march"), 374478, "file 19: March 2017 national line (file 4: urban 385,621)"),
    (("00", "p0", 2018, "march"), 9.82, "file 19: March 2018 (blank in file 4)"),
    (("00", "p0", 2021, "september"), 9.71, "file 19: September 2021 (missing in file 4)"),
    (("00", "p0_urban", 2015, "march"), 8.29, "file 19: March 2015 urban"),
    (("00", "p0_rural", 2025, "september"), 10.72, "file 19: September 2025 rural"),
    (("00", "gini", 2015, "march"), 0.408, "file 19: March 2015 Gini"),
    # file 15 kabkota_tpt_tpak_2015_2025.csv "3671,Kota Tangerang,36,2024,5.92,66.02"
    (("3671", "unemployment", 2024, "august"), 5.92, "file 15: Kota Tangerang 2024 TPT"),
    (("3671", "labour_participation", 2024, "august"), 66.02, "file 15: Kota Tangerang 2024 TPAK"),
    # file 16 kabkota_ipm_2015_2024.csv: Kota Tangerang 2024 uhh_lf_sp2020 81.53; Simeulue 2015 old 63.16
    (("3671", "hdi", 2024, "annual"), 81.53, "file 16: Kota Tangerang 2024"),
    (("1101", "hdi_old_series", 2015, "annual"), 63.16, "file 16: Simeulue 2015, metode_baru_lama"),
    # file 17: "3603,Tangerang,2020,2022-04-26,2.75"
    (("3603", "extreme_poverty", 2020, "march"), 2.75, "file 17: Kab. Tangerang 2020"),
    # file 18: RTLH 2019 both sides; 2014 53
    (("3671", "rtlh_units", 2019, "december"), 500, "file 18: TangerangNews 30 Dec 2019"),
    (("3671", "rtlh_units", 2019, "annual"), 387, "file 18: Tempo 2022"),
    (("3671", "rtlh_units", 2014, "annual"), 53, "file 18: Tempo 2022"),
    # file 12 kabkota_kemiskinan_2004_2014.csv: Kota Tangerang 2014 4.91 (also facts.md); Nias 2010 19.97
    (("3671", "p0_history", 2014, "march"), 4.91, "file 12: Kota Tangerang 2014"),
    (("1201", "p0_history", 2010, "march"), 19.97, "file 12: Nias 2010"),
])
def test_known_values_of_the_second_pass(observations, key, expected, row):
    assert value(observations, *key) == pytest.approx(expected), row


def test_the_national_series_has_every_march_and_september_but_september_2023(observations):
    national = observations[(observations["region_code"] == "00") & (observations["measure"] == "p0")]
    held = set(zip(national["year"], national["period"], strict=True))
    expected = {(y, p) for y in range(2015, 2026) for p in ("march", "september")} - {(2023, "september")}
    assert held == expected
    gaps = CATALOG.measure("p0").gaps_for(["00"], ["september"])
    assert [(g.year, g.reason.get("id")[:35]) for g in gaps] == [(2023, "BPS tidak menghitung September 2023")]


def test_p1_p2_cover_every_kabkota_2017_2025_and_every_province(observations):
    kab = observations[(observations["measure"] == "p2") & (observations["region_code"].str.len() == 4)]
    per_year = kab.groupby("year")["region_code"].nunique()
    # 511 in 2015–2016: Muna Barat, Buton Tengah, Buton Selatan were created in 2016 ("-" at BPS).
    assert per_year.loc[2015] == per_year.loc[2016] == 511
    assert (per_year.loc[2017:2025] == 514).all()
    prov = observations[(observations["measure"] == "p1") & (observations["region_code"].str.len() == 2)
                        & (observations["region_code"] != "00") & (observations["period"] == "march")]
    per_year = prov.groupby("year")["region_code"].nunique()
    assert (per_year.loc[2015:2023] == 34).all() and per_year.loc[2024] == per_year.loc[2025] == 38


def test_hdi_of_one_region_and_year_has_one_method_per_measure(observations):
    hdi = observations[observations["measure"].isin(["hdi", "hdi_old_series"])]
    assert not hdi.duplicated(["region_code", "measure", "year", "period"]).any()
    # Jawa Timur 2021–2023 carry both methods, as two measures: Kota Surabaya (3578) 2022.
    both = hdi[(hdi["region_code"] == "3578") & (hdi["year"] == 2022)]
    assert sorted(both["measure"]) == ["hdi", "hdi_old_series"]


def test_no_note_or_catalog_source_names_a_mirror(observations):
    assert not observations["note"].fillna("").str.contains("github|visdati|Jessch22|akbaralqahri",
                                                            case=False).any()
    for source in CATALOG.sources.values():
        assert "github" not in f"{source.title} {source.url} {source.note}".lower(), source.id
        assert not source.via, source.id


def test_citations_read_like_a_reader_would_cite_them():
    label = provenance.citation("bps_kabkota_p0_count", CATALOG, "id", 2025)
    assert label.startswith("BPS, Persentase Penduduk Miskin (P0) Menurut Kabupaten/Kota (tabel 621)")
    assert label.endswith(", 2025")
    assert provenance.citation("tangerangupdate_20220426", CATALOG, "en") == (
        "Tangerangupdate, “Ratusan ribu masyarakat Kabupaten Tangerang alami kemiskinan ekstrem”, 2022-04-26")


def test_coverage_shares_are_regions_over_the_level_total(seeded_store):
    registry = RegionRegistry(seeded_store.regions())
    shares = coverage.coverage_shares(seeded_store.coverage_matrix(), coverage.level_totals(registry), CATALOG)
    row = shares[(shares["measure"] == "p1") & (shares["level"] == "kabkota") & (shares["year"] == 2015)].iloc[0]
    assert (row["regions"], row["total"]) == (511, 514)
    assert row["share"] == pytest.approx(511 / 514)
    assert shares[(shares["measure"] == "p0_history") & (shares["year"] == 2015)].empty


@pytest.mark.skipif(not (REFERENCE / "SOURCES.md").exists(), reason="../shared/reference not present (a fresh clone)")
def test_build_reproduces_the_committed_data_byte_for_byte(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("build_data", ROOT / "scripts" / "build_data.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    monkeypatch.setattr(build, "DATA", tmp_path)
    assert build.main(["--reference", str(REFERENCE)]) == 0
    data = Path(ROOT / "data")
    built = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    # The hand-edited files are read, never written: data/source/ and the matcher's vocabulary.
    hand_edited = {Path("catalog/matching.yaml")}
    committed = sorted(p.relative_to(data) for p in data.rglob("*") if p.is_file()
                       and p.relative_to(data).parts[0] != "source" and p.relative_to(data) not in hand_edited)
    assert built == committed
    for name in built:
        assert filecmp.cmp(tmp_path / name, data / name, shallow=False), name
