"""Narrative sentences: the right numbers in both languages, and rank claims only over all peers."""

import pandas as pd
import pytest

from analytics.catalog import default_catalog
from analytics.domain import narrative, targets
from analytics.regions import RegionRegistry
from tests.conftest import TINY_REGIONS

CATALOG = default_catalog()
EXTREME = CATALOG.measure("extreme_poverty")
P0 = CATALOG.measure("p0")


@pytest.fixture(scope="module")
def registry(seeded_store) -> RegionRegistry:
    return RegionRegistry(seeded_store.regions())


def test_extreme_poverty_sentence_for_kota_tangerang_in_indonesian(observations, registry):
    sentences, _ = narrative.measure_sentences(observations, registry, EXTREME, "3671", "id")
    # 1.61 (March 2021) → 0.75 (March 2022): 0.75 − 1.61 = −0.86 points
    assert sentences[0] == ("Persentase penduduk miskin ekstrem di Kota Tangerang turun dari 1,61 % (Maret 2021) "
                            "menjadi 0,75 % (Maret 2022), turun 0,86 poin.")


def test_extreme_poverty_sentence_for_kota_tangerang_in_english(observations, registry):
    sentences, _ = narrative.measure_sentences(observations, registry, EXTREME, "3671", "en")
    assert sentences[0] == ("Extreme poverty rate in Kota Tangerang fell from 1.61 % (March 2021) "
                            "to 0.75 % (March 2022), down 0.86 points.")


def test_no_rank_claim_for_extreme_poverty_because_no_peer_has_figures(observations, registry):
    # The news says "the largest fall in Banten", but the store holds no other Banten kab/kota figures.
    for lang in ("id", "en"):
        sentences, withheld = narrative.measure_sentences(observations, registry, EXTREME, "3671", lang)
        text = " ".join(sentences)
        assert "terbesar" not in text and "terbaik" not in text and "best" not in text and "largest" not in text
        assert withheld
    # Banten itself has 2022 only (1.18 %), so no "same period" comparison either.
    assert "Banten" not in " ".join(narrative.measure_sentences(observations, registry, EXTREME, "3671", "id")[0])


def test_p0_sentence_compares_province_and_nation_over_the_same_period_and_ranks_among_all_8(observations, registry):
    sentences, withheld = narrative.measure_sentences(observations, registry, P0, "3671", "id")
    text = " ".join(sentences)
    # Kota Tangerang 5.43 → 5.19 (−0.24); Banten 5.84 → 5.63 (−0.21); Indonesia 9.03 → 8.47 (−0.56)
    assert "turun dari 5,43 % (Maret 2024) menjadi 5,19 % (Maret 2025), turun 0,24 poin." in text
    assert "Banten turun 0,21 poin dan Indonesia turun 0,56 poin" in text
    assert "lebih baik daripada Banten dan lebih buruk daripada Indonesia" in text
    # Falls 2024→2025 of the 8 Banten kab/kota: Pandeglang 0.67, Lebak 0.41, Cilegon 0.31,
    # Kota Tangerang 0.24, Kota Serang 0.14, Kab. Tangerang 0.13, Serang 0.03, Tangsel +0.03 → 4th of 8.
    assert "Di antara 8 kabupaten/kota di Banten, perubahan ini peringkat ke-4 terbaik" in text
    assert not withheld


def test_p0_sentence_in_english_has_the_same_figures(observations, registry):
    text = " ".join(narrative.measure_sentences(observations, registry, P0, "3671", "en")[0])
    assert "fell from 5.43 % (March 2024) to 5.19 % (March 2025), down 0.24 points." in text
    assert "Banten fell 0.21 points and Indonesia fell 0.56 points" in text
    assert "ranks 4 of 8" in text


def test_hdi_change_is_described_within_the_current_method_only(observations, registry):
    text = " ".join(narrative.measure_sentences(observations, registry, CATALOG.measure("hdi"), "3671", "id")[0])
    # kabkota_ipm_2015_2024.csv row 3671/2024 (uhh_lf_sp2020): 81.53; file 1: 82.41 (2025).
    # 82.41 − 81.53 = +0.88, both current method; never 78.50 (2021, old method) → 82.41 (+3.91).
    assert "dari 81,53 (2024) menjadi 82,41 (2025), naik 0,88 poin" in text
    assert "3,91" not in text and "78,50" not in text


def zero_by_2024(store) -> targets.Target:
    """Kota Tangerang's own extreme-poverty target for 2024 (it adopted Inpres 4/2022's 0 %)."""
    stored = store.targets()
    (row,) = stored[(stored["region_code"] == "3671") & (stored["measure"] == "extreme_poverty")
                    & (stored["year"] == 2024)].itertuples()
    return targets.to_target(row._asdict(), scope="own")


def test_glide_sentence_when_the_target_year_passed_without_data(observations, registry, seeded_store):
    goal = zero_by_2024(seeded_store)
    glide = targets.assess(observations, EXTREME, "3671", goal, as_of=2026)
    text_id = narrative.glide_sentence(glide, EXTREME, "id")
    # Kota Tangerang adopted the Inpres 4/2022 target as its own (target_kemiskinan.csv).
    assert "target 0,00 % pada 2024 sudah lewat" in text_id
    assert "belum ada data 2024; nilai terakhir 0,75 % (Maret 2022)" in text_id
    # At 2022: needed (0 − 0.75) / 2 = −0.375; achieved 2021→2022 −0.86 (one decimal more than values)
    assert "−0,375 poin/tahun" in text_id and "−0,860 poin/tahun" in text_id
    text_en = narrative.glide_sentence(glide, EXTREME, "en")
    assert "target of 0.00 % by 2024 has passed" in text_en
    assert "−0.375 points/year" in text_en


def test_glide_sentence_on_track_as_of_2022(observations, registry, seeded_store):
    goal = zero_by_2024(seeded_store)
    glide = targets.assess(observations, EXTREME, "3671", goal, as_of=2022)
    assert narrative.glide_sentence(glide, EXTREME, "id") == (
        "Untuk mencapai target 0,00 % pada 2024 diperlukan −0,375 poin/tahun sejak 2022; "
        "capaian 2021–2022 −0,860 poin/tahun, jadi sesuai lintasan.")


def tiny(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["region_code", "measure", "year", "period", "value"])
    return frame.assign(status="illustrative", source="s", note=None)


def tiny_registry(*extra: tuple) -> RegionRegistry:
    frame = pd.concat([TINY_REGIONS, pd.DataFrame(list(extra), columns=TINY_REGIONS.columns)])
    return RegionRegistry(frame.assign(parent_code_2025="", code_bps_2025="", code_kemendagri="", scheme="both"))


def test_rank_needs_every_peer_in_the_same_period():
    registry = tiny_registry()
    rows = [("3671", "p0", 2024, "march", 5.43), ("3671", "p0", 2025, "march", 5.19),
            ("3672", "p0", 2024, "march", 3.75), ("3672", "p0", 2025, "march", 3.44)]
    # Kab. Tangerang (3603) lacks 2024 → no rank claim at all
    partial = tiny([*rows, ("3603", "p0", 2025, "march", 6.42)])
    change = narrative.indicators.change_between(partial, "3671", "p0", 2024, 2025, "march")
    assert narrative.peer_rank(partial, registry, P0, change) is None
    # With every peer: falls 0.24 (3671), 0.31 (3672), 0.13 (3603) → Kota Tangerang 2nd of 3
    complete = tiny([*rows, ("3603", "p0", 2024, "march", 6.55), ("3603", "p0", 2025, "march", 6.42)])
    rank = narrative.peer_rank(complete, registry, P0, change)
    assert (rank.rank, rank.n, rank.parent_code) == (2, 3, "36")


def test_a_rise_is_described_as_a_rise():
    data = tiny([("3674", "p0", 2024, "march", 2.36), ("3674", "p0", 2025, "march", 2.39)])
    registry = tiny_registry(("3674", "Kota Tangerang Selatan", "kabkota", "Kota", "36"))
    sentences, _ = narrative.measure_sentences(data, registry, P0, "3674", "id")
    # 2.39 − 2.36 = +0.03
    assert sentences[0].endswith("naik dari 2,36 % (Maret 2024) menjadi 2,39 % (Maret 2025), naik 0,03 poin.")


def test_summary_joins_the_chosen_measures_in_order(observations, registry):
    result = narrative.summary(observations, registry, CATALOG, "3671", ["extreme_poverty", "p0"], "id")
    assert result.text.startswith("Persentase penduduk miskin ekstrem")
    assert "Persentase penduduk miskin (P0)" in result.text
    assert result.rank_withheld  # for extreme poverty


def test_number_of_poor_is_compared_with_province_and_nation_in_percent_change_not_raw_counts(observations, registry):
    poor = CATALOG.measure("poor_count")
    text = " ".join(narrative.measure_sentences(observations, registry, poor, "3671", "id")[0])
    # Kota Tangerang 128.91 → 124.76 thousand: −4.15 / 128.91 = −3.2 %; Banten −18.83 thousand (−2.4 %);
    # Indonesia 25.22 → 23.85 million: −1.36 million (−5.4 %). Raw, the city's fall "is worse than
    # Indonesia's" only because the city is small; in percent it is worse than Indonesia and better than Banten.
    assert "turun 4,15 ribu jiwa (−3,2 %)" in text
    assert "Banten turun 18,83 ribu jiwa (−2,4 %)" in text
    assert "Indonesia turun 1,36 juta jiwa (−5,4 %)" in text
    assert "Dalam persen, perubahan di Kota Tangerang lebih baik daripada Banten dan lebih buruk daripada Indonesia" in text
    # The rank is named as a rank of the change.
    assert "Peringkat perubahan, bukan peringkat tingkat" in text
