"""AppTest: the programme page in both languages with each programme, links that carry the programme
and the span, gaps read "tidak ada data", and the kecamatan breakdown only when such rows exist."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.analytics.domain.test_programs import copy_store, load_kecamatan_fixture
from tests.app.conftest import open_page
from tests.conftest import ROOT

PAGE = "pages/programs.py"
PROGRAMS = ["rtlh", "sekolah_gratis", "job_fair", "si_praja"]


def make_app(url: str, monkeypatch) -> AppTest:
    monkeypatch.setenv("DATABASE_URL", url)
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


@pytest.fixture
def app(seeded_store, monkeypatch) -> AppTest:
    return make_app(seeded_store.url, monkeypatch)


def texts(app: AppTest) -> str:
    parts = [m.value for m in app.markdown] + [c.value for c in app.caption] + [w.value for w in app.warning]
    parts += [i.value for i in app.info]
    return "\n".join(parts)


def table_text(app: AppTest) -> str:
    return "\n".join(df.value.to_csv(index=False) for df in app.dataframe)


@pytest.mark.parametrize("program", PROGRAMS)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_each_programme_renders_in_both_languages(app, program, lang):
    open_page(app, PAGE, lang=lang, program=program)
    assert not app.exception
    assert not app.error
    title = "Program penanggulangan kemiskinan, Kota Tangerang" if lang == "id" else \
        "Poverty programmes: Kota Tangerang"
    assert app.title[0].value == title
    assert app.selectbox(key="programs_program").value == program
    assert app.query_params["program"] == program
    assert len(app.get("plotly_chart")) >= 1
    # Strategy and agency of the programme are on screen; every chart has its sources under it.
    assert ("Strategi Inpres 4/2022" if lang == "id" else "Inpres 4/2022 strategy") in texts(app)
    assert ("Sumber" if lang == "id" else "Source") in texts(app)
    # Downloads: CSV and Excel of the programme's figures.
    assert len(app.get("download_button")) == 2


def test_rtlh_shows_reported_and_summed_running_totals_and_their_difference(app):
    open_page(app, PAGE, program="rtlh", tab="details")
    warning = " ".join(w.value for w in app.warning)
    # 8.656 (report 2024) + 1.000 (2025) = 9.656, while 10.656 is reported for 2025.
    assert "dilaporkan 10.656 rumah" in warning
    assert "8.656 (laporan 2024) + 1.000 (angka tahunan 2025) = 9.656 rumah" in warning
    assert "selisih 1.000 rumah" in warning


def test_rtlh_target_attainment_and_a_target_without_realisation(app):
    open_page(app, PAGE, program="rtlh", tab="details")
    tables = table_text(app)
    assert "2025,1.000 rumah,1.000 rumah,\"100,0 %\"" in tables  # 1,000 / 1,000 × 100
    assert "2026,1.000 rumah,tidak ada data,tidak ada data" in tables  # not 0 rumah, not 0 %


def test_rtlh_implied_outlay_follows_the_dated_grant_rule(app):
    open_page(app, PAGE, program="rtlh", tab="details")
    tables = table_text(app)
    # 2024: 474 × Rp 20.000.000 = Rp 9.480.000.000; 2025: 1.000 × Rp 30.000.000 = Rp 30.000.000.000.
    assert "2024,Rp 9.480.000.000,474 rumah,Rp 20.000.000,tidak ada data,tidak ada data" in tables
    assert "2025,Rp 30.000.000.000,1.000 rumah,Rp 30.000.000,tidak ada data,tidak ada data" in tables
    assert "s.d. 2024" in tables and "sejak 2025" in tables


def test_rtlh_houses_per_1000_poor(app):
    open_page(app, PAGE, program="rtlh", tab="details")
    # 1.000 houses / 124,76 thousand poor = 8,02 per 1.000 poor.
    assert "2025,\"8,02\",1.000 rumah,\"124,76 ribu jiwa\",RTLH direhabilitasi" in table_text(app)


def test_english_numbers_use_english_separators(app):
    open_page(app, PAGE, program="rtlh", lang="en", tab="details")
    assert "2025,8.02,\"1,000 houses\",124.76 thousand,Houses renovated" in table_text(app)


def test_outcome_view_sets_programmes_beside_p0_with_the_association_caveat(app):
    open_page(app, PAGE, program="rtlh", tab="outcomes")
    assert "bukan dampak yang terukur" in texts(app)
    p0 = next(m for m in app.metric if m.label == "Persentase penduduk miskin (P0)")
    assert p0.value == "5,19 %"
    assert p0.delta == "-0,74 poin"  # 5,19 (2025) − 5,93 (2021)
    assert app.query_params["from"] == "2021" and app.query_params["to"] == "2025"


def test_a_link_with_a_span_reproduces_it(app):
    open_page(app, PAGE, program="job_fair", tab="outcomes", **{"from": "2020", "to": "2022"})
    assert app.select_slider(key="programs_span").value == (2020, 2022)
    tables = table_text(app)
    # Hires 2020–2022: 1.090 + 4.036 = 5.126, with data for 2 of the 3 years (2022 has none).
    assert "5.126 jiwa,jumlah angka tahunan (2 dari 3 tahun ada datanya)" in tables


def test_an_unknown_programme_in_a_link_falls_back_to_the_first(app):
    open_page(app, PAGE, program="nope")
    assert not app.exception
    assert app.selectbox(key="programs_program").value == "rtlh"


def test_a_region_without_programmes_says_so(app):
    open_page(app, PAGE, region="3672")
    assert not app.exception
    assert "Belum ada data program untuk Kota Cilegon" in texts(app)


def test_no_kecamatan_section_without_kecamatan_rows(app):
    open_page(app, PAGE, program="rtlh")
    assert "Per kecamatan" not in [s.value for s in app.subheader]


def test_kecamatan_rows_show_as_a_bar_and_a_table(seeded_store, tmp_path, monkeypatch):
    store = copy_store(seeded_store, tmp_path / "kecamatan.sqlite")
    try:
        load_kecamatan_fixture(store)
        app = open_page(make_app(store.url, monkeypatch), PAGE, program="rtlh", tab="details")
        assert not app.exception
        assert "Per kecamatan" in [s.value for s in app.subheader]
        tables = table_text(app)
        assert "Ciledug,2025,40 rumah,illustrative" in tables
        # Illustrative rows are flagged on screen.
        assert any("ilustrasi" in w.value for w in app.warning)
        assert any("kecamatan" in (c.proto.spec or "") for c in app.get("plotly_chart"))
    finally:
        store.dispose()


def test_about_the_data_counts_kecamatan_rows_in_its_coverage(seeded_store, tmp_path, monkeypatch):
    # Pages read kecamatan rows per region; the coverage table is counted by the store, so the
    # three illustrative kecamatan rows (2025) join the twelve seeded kab/kota rows (2014, 2016-2018,
    # 2019 twice (500 in December, 387 for the year: two sources), 2020-2025).
    store = copy_store(seeded_store, tmp_path / "kecamatan.sqlite")
    try:
        load_kecamatan_fixture(store)
        app = open_page(make_app(store.url, monkeypatch), "pages/about.py")
        assert not app.exception
        coverage = next(d.value for d in app.dataframe if "Jumlah nilai" in d.value.columns).set_index("Nama")
        assert coverage.loc["RTLH direhabilitasi", "Jumlah nilai"] == 15
        assert coverage.loc["RTLH direhabilitasi", "Tahun"] == "2014–2025"
    finally:
        store.dispose()


def test_the_programme_csv_is_built_when_clicked_and_holds_the_programmes_figures(app, monkeypatch):
    """The downloads are deferred (built on a click, not on every rerun): the click's call brings the
    file. Kota Tangerang RTLH 2019, two sources that disagree, both kept: 387 houses for the year (Tempo)
    and 500 by December (TangerangNews, 30 Dec 2019)."""
    import csv
    import io

    from streamlit.testing.v1 import app_test

    from tests.app.test_provenance import _KeptManager, _KeptStorage, download_bytes

    monkeypatch.setattr(app_test, "MemoryMediaFileStorage", _KeptStorage)
    monkeypatch.setattr(app_test, "MediaFileManager", _KeptManager)
    open_page(app, PAGE, program="rtlh", lang="id")
    button = next(b for b in app.get("download_button") if "CSV" in b.proto.label)
    assert button.proto.deferred_file_id  # nothing built until asked
    rows = list(csv.DictReader(io.StringIO(download_bytes(button).decode("utf-8-sig"))))
    rtlh_2019 = [r for r in rows if r["Tahun"] == "2019" and r["Kode wilayah (BPS)"] == "3671"
                 and r["Kode indikator"] == "rtlh_units"]
    assert sorted((r["Periode"], float(r["Nilai"])) for r in rtlh_2019) == [("Desember", 500.0), ("tahunan", 387.0)]
