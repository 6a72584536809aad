"""The one-page region brief: figures worked by hand from data/observations.csv, one page, no empty boxes.

Expected values come from the CSV rows (quoted beside each), not from the program: e.g. Kota
Tangerang P0 March 2024 5.43 and 2025 5.19 → −0.24 points; Banten's eight kab/kota in March 2025,
lowest first: Tangsel 2.39, Cilegon 3.44, Kab. Serang 4.48, Kota Tangerang 5.19, Kota Serang 5.51,
Kab. Tangerang 6.42, Lebak 8.03, Pandeglang 8.51 → Kota Tangerang 4 of 8, Lebak 7 of 8; among the
514 kab/kota 97 are lower than 5.19 and 226 lower than 8.03 → 98 and 227 of 514.
"""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from analytics.errors import UnknownRegion
from analytics.outputs import brief

TODAY = date(2026, 11, 29)
BASE = "https://dasbor.example.go.id"


@pytest.fixture(scope="module")
def inputs(seeded_store) -> brief.BriefInputs:
    return brief.inputs_from_store(seeded_store, BASE, TODAY)


def pdf_text(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), re.sub(r"\s+", " ", text)


def made(inputs, code: str, lang: str) -> tuple[brief.Brief, brief.Rendered, str]:
    content = brief.compose(inputs, code, lang)
    rendered = brief.render(content)
    pages, text = pdf_text(rendered.pdf)
    assert pages == 1
    return content, rendered, text


def row(content: brief.Brief, measure: str) -> brief.Headline:
    return next(r for r in content.headlines if r.measure == measure)


def test_kota_tangerang_in_indonesian_carries_the_hand_worked_figures(inputs):
    content, _, text = made(inputs, "3671", "id")
    p0 = row(content, "p0")
    # 3671 p0 2025 march 5.19, 2024 5.43; poor_count 124.76 / 128.91; poverty_line 838535 / 785113.
    assert (p0.value, p0.period, p0.change) == ("5,19 %", "Maret 2025", "−0,24 poin sejak 2024")
    assert (p0.rank_province, p0.rank_nation) == ("4 dari 8", "98 dari 514")
    assert row(content, "poor_count").change == "−4,15 ribu jiwa sejak 2024"
    line = row(content, "poverty_line")
    assert (line.value, line.change, line.rank_nation) == ("Rp 838.535", "+Rp 53.422 sejak 2024", "–")
    for expected in ("Kota Tangerang", "Kota di Provinsi Banten", "Dibuat 29 November 2026 dari data revisi 1",
                     "5,19 %", "124,76 ribu jiwa", "Rp 838.535", "−0,24 poin sejak 2024", "4 dari 8",
                     "98 dari 514", f"{BASE}/?region=3671&lang=id", "Badan Pusat Statistik (BPS)"):
        assert expected in text, expected
    # data/targets.csv: Kota Tangerang's own P0 target 4.80 % by 2029 (draft RPKD 2025–2029). From 5.19
    # (2025) that needs (4.80 − 5.19) / 4 = −0.0975 → −0,098 points a year; 2024–2025 achieved −0.24: on track.
    heading, sentence, basis = content.targets[0]
    assert heading == "Persentase penduduk miskin (P0): Sesuai lintasan"
    assert "4,80 % pada 2029" in sentence and "−0,098 poin/tahun" in sentence and "−0,240 poin/tahun" in sentence
    assert "RPKD Kota Tangerang 2025–2029" in basis


def test_kota_tangerang_in_english_uses_english_numbers_and_words(inputs):
    content, _, text = made(inputs, "3671", "en")
    for expected in ("City (kota) in Banten province", "Generated November 29, 2026 from data revision 1",
                     "5.19 %", "124.76 thousand", "Rp 838,535", "−0.24 points since 2024", "4 of 8", "98 of 514",
                     "+Rp 53,422 since 2024", f"{BASE}/?region=3671&lang=en"):
        assert expected in text, expected
    assert "5,19" not in text


def test_kota_tangerang_prints_its_four_programmes_latest_and_cumulative(inputs):
    content, _, text = made(inputs, "3671", "id")
    assert [box.name for box in content.programs] == [
        "Bedah Rumah (rehabilitasi RTLH)", "Sekolah swasta gratis", "Job fair (virtual dan tatap muka)",
        "Si Praja (mobil pelatihan kerja keliling)"]
    rtlh = content.programs[0]
    # rtlh_units 2025 annual 1000; rtlh_units_cumulative 2025 annual 10656 (data/observations.csv).
    assert any("1.000 rumah (2025)" in line for line in rtlh.lines)
    assert any("10.656 rumah (s.d. 2025)" in line for line in rtlh.lines)
    assert "Keluaran program daerah" in text


def test_kab_lebak_figures_in_both_languages_and_no_programme_box(inputs):
    content, _, text = made(inputs, "3602", "id")
    # 3602 p0 8.44 → 8.03; poor_count 111.71 → 106.52; poverty_line 440705 → 455831; p1 1.02 (2024, BPS table
    # 622 via kabkota_p1_p2_2015_2024.csv) → 1.01; hdi 68.33 (2024, kabkota_ipm_2015_2024.csv) → 69.24.
    p0 = row(content, "p0")
    assert (p0.value, p0.change, p0.rank_province, p0.rank_nation) == (
        "8,03 %", "−0,41 poin sejak 2024", "7 dari 8", "227 dari 514")
    assert row(content, "poor_count").change == "−5,19 ribu jiwa sejak 2024"
    assert row(content, "poverty_line").change == "+Rp 15.126 sejak 2024"
    assert row(content, "p1").change == "−0,01 poin sejak 2024"
    hdi = row(content, "hdi")
    assert (hdi.value, hdi.period, hdi.change) == ("69,24", "2025", "+0,91 poin sejak 2024")
    assert content.programs == ()
    assert "Keluaran program" not in text
    for expected in ("Kab. Lebak", "8,03 %", "106,52 ribu jiwa", "Rp 455.831", "7 dari 8", "227 dari 514",
                     "6,23 %", "Agustus 2024"):  # TPT from the BPS kab/kota table (file 15)
        assert expected in text, expected
    _, _, english = made(inputs, "3602", "en")
    for expected in ("Regency (kabupaten) in Banten province", "8.03 %", "−0.41 points since 2024",
                     "+Rp 15,126 since 2024", "7 of 8", "227 of 514"):
        assert expected in english, expected
    assert "Local programme outputs" not in english


def test_the_nation_has_no_rank_columns_and_its_gaps_are_named(inputs):
    content, _, text = made(inputs, "00", "id")
    assert content.rank_headers == (None, None) and content.rank_group is None
    p0 = row(content, "p0")
    # 00 p0 march 2024 9.03, 2025 8.47; poor_count 25219.2 → 23854.56; poverty_line 582932 → 609160.
    assert (p0.value, p0.change) == ("8,47 %", "−0,56 poin sejak 2024")
    # 23854.56 − 25219.2 = −1364.64 thousand, read in millions (analytics.fmt, issue #14): −1,36 juta jiwa.
    assert row(content, "poor_count").change == "−1,36 juta jiwa sejak 2024"
    assert row(content, "poverty_line").value == "Rp 609.160"
    # No national HDI row in the store: printed as a gap, not left out or invented.
    assert row(content, "hdi").value == "tidak ada data"
    # March 2017 and 2018, gaps before, come from the national series (nasional_kemiskinan_2015_2025.csv).
    nation = content.trend[0]
    assert (nation.values[2017], nation.values[2018], nation.values[2019]) == (10.64, 9.82, 9.41)
    assert "P0 Maret Indonesia: tidak ada data" not in text  # the March line has no gap any more
    assert "Peringkat" not in text and "Keluaran program" not in text
    _, _, english = made(inputs, "00", "en")
    assert "8.47 %" in english and "−0.56 points since 2024" in english and "Rp 609,160" in english


def test_a_rank_among_almost_no_regions_is_not_printed_as_a_rank(inputs):
    content = brief.compose(inputs, "3671", "id")
    # Only Kota Tangerang has a kab/kota extreme-poverty figure for March 2022: "1 of 1" would read "best".
    extreme = row(content, "extreme_poverty")
    assert (extreme.value, extreme.rank_province, extreme.rank_nation) == ("0,75 %", "– (1/8)", "– (1/514)")


def test_extreme_poverty_row_only_where_a_figure_exists(inputs):
    lebak = brief.compose(inputs, "3602", "en")
    assert "extreme_poverty" not in [r.measure for r in lebak.headlines]
    assert any("no regency/city figure" in n for n in lebak.headline_notes)


def test_a_papua_province_line_is_cut_where_its_territory_changed(inputs):
    # Kab. Merauke (9401) moved from Papua (94) to Papua Selatan (95) in the 2022 split: BPS's Papua
    # figures from 2024 cover a smaller province, so the old line must not run on into them.
    content = brief.compose(inputs, "9401", "id")
    papua = next(s for s in content.trend if s.label == "Papua")
    assert papua.cut_at == (2024,)
    assert any(n.startswith("Papua: wilayah provinsi berubah mulai 2024") for n in content.notes)
    assert "Provinsi Papua Selatan (sampai 2023: Papua)" in content.level_line


def test_fonts_are_embedded_and_nothing_falls_back_to_an_unembedded_font(inputs):
    reader = PdfReader(io.BytesIO(brief.make_brief(inputs, "3671", "id").pdf))
    fonts = {}
    for resource in reader.pages[0]["/Resources"]["/Font"].values():
        font = resource.get_object()
        descriptor = font.get("/FontDescriptor")
        fonts[str(font["/BaseFont"])] = descriptor is not None and "/FontFile2" in descriptor.get_object()
    assert fonts and all(fonts.values()), fonts
    assert all("DejaVuSans" in name for name in fonts)


SAMPLE = ("00", "36", "97", "1612", "3671", "7111", "9401", "9429")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_sample_of_regions_each_fits_one_page(inputs, lang):
    # The nation, provinces (old and new Papua), the longest names (1612 Penukal Abab Lematang Ilir,
    # 7111 Bolaang Mongondow Timur),
    # Kota Tangerang (every measure and programme) and Papua kabupaten (Nduga: the fewest rows).
    for code in SAMPLE:
        rendered = brief.make_brief(inputs, code, lang)
        pages, _ = pdf_text(rendered.pdf)
        assert pages == 1, code
        assert rendered.scale >= 0.85, (code, rendered.scale)


@pytest.mark.slow
def test_every_region_fits_one_page_in_both_languages(inputs):
    codes = brief.brief_regions(inputs.registry)
    assert len(codes) == 553
    for code in codes:
        for lang in ("id", "en"):
            rendered = brief.make_brief(inputs, code, lang)
            assert len(PdfReader(io.BytesIO(rendered.pdf)).pages) == 1, (code, lang)
            assert rendered.scale >= 0.85, (code, lang, rendered.scale)


def test_regions_are_found_by_code_or_name(inputs):
    assert brief.find_region(inputs.registry, "3671") == "3671"
    assert brief.find_region(inputs.registry, "  kota   TANGERANG ") == "3671"
    with pytest.raises(UnknownRegion):
        brief.find_region(inputs.registry, "Kota Atlantis")


def test_file_names_say_region_and_language(inputs):
    region = inputs.registry.get("3671")
    assert brief.file_name(region, "id") == "ringkasan_3671_kota-tangerang_id.pdf"
    assert brief.file_name(region, "en") == "brief_3671_kota-tangerang_en.pdf"


def test_every_character_printed_has_a_glyph_in_the_embedded_fonts(inputs):
    import dataclasses

    from reportlab.pdfbase import pdfmetrics

    brief._register_fonts()
    faces = [pdfmetrics.getFont(name).face.charToGlyph for name in (brief.FONT, brief.FONT_BOLD)]
    texts = ["≤ – − → ⚑ Rp 838.535 5,19 %"]
    for code, lang in (("3671", "id"), ("3671", "en"), ("9401", "id"), ("00", "en")):
        content = brief.compose(inputs, code, lang)
        for value in dataclasses.astuple(content):
            texts.append(repr(value))
    missing = {c for text in texts for c in text for face in faces if ord(c) not in face and c.isprintable()}
    assert not missing
    # And they come out of the PDF as those characters (ToUnicode maps are written).
    special = dataclasses.replace(brief.compose(inputs, "3602", "id"), narrative=("P0 ≤ 5 % – Rp 838.535 −0,24 poin",))
    _, text = pdf_text(brief.render(special).pdf)
    assert "P0 ≤ 5 % – Rp 838.535 −0,24 poin" in text


def test_the_qr_code_carries_the_same_link_as_the_printed_one(inputs):
    content = brief.compose(inputs, "3671", "en")
    assert content.link == f"{BASE}/?region=3671&lang=en"
    widget = brief.qr_drawing(content.link, 60).contents[0]
    assert widget.value == content.link


def test_method_notes_printed_are_those_touching_the_printed_figures(inputs):
    tangerang = brief.compose(inputs, "3671", "en")
    # HDI 2025 is set beside 2024 (81.53, same method): the 2021 break does not touch that change.
    assert row(tangerang, "hdi").change == "+0.88 points since 2024"
    assert not any(n.startswith("HDI: From 2021 BPS computes UHH") for n in tangerang.notes)
    # The number of poor is compared 2024 → 2025: the 2021 SP2020 rebasing is not about that change.
    assert not any(n.startswith("Poor people: From 2021") for n in tangerang.notes)
