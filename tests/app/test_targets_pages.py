"""AppTest of the target answers (issue #15): the Overview's status cards, the Kemiskinan target
section and a target file through the upload page, for Kota Tangerang, Kab. Lebak and regions
with too little data. Figures are the seeded store's; expected numbers worked by hand in
tests/analytics/domain/test_target_answers.py. Evaluated as of today's year (2026 when written)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from tests.analytics.ingest.test_target_upload import GOOD_ID
from tests.app.conftest import as_editor, open_page, visible
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(date.today().year != 2026, reason="statuses worked out as of 2026")


def texts(app: AppTest) -> list[str]:
    """What a reader sees: Markdown written through ui.escape_markdown, unescaped."""
    return [visible(m.value) for m in app.markdown] + [visible(c.value) for c in app.caption]


def test_overview_kota_tangerang_cards_say_own_p0_target_and_three_national_extreme_targets(app):
    open_page(app, "pages/overview.py", region="3671", lang="id")
    assert not app.exception
    markdown = [visible(m.value) for m in app.markdown]
    captions = [visible(c.value) for c in app.caption]
    # First under the title: the question, then one card per headline measure, status in words.
    assert markdown[:5] == [
        "#### Apakah sesuai target?",
        "**Persentase penduduk miskin (P0)** :green-badge[:material/trending_down: Sesuai lintasan]",
        "target sendiri: 4,80 % pada 2029",
        "**Persentase penduduk miskin ekstrem** :green-badge[:material/trending_down: Sesuai lintasan]",
        "target nasional 2026: 3 target resmi berbeda"]
    # needed (4.80 − 5.19) / 4 = −0.0975 → "−0,098"; achieved 5.19 − 5.43 = −0.24; the basis below
    assert ("Terakhir: 5,19 % (Maret 2025). Perlu −0,098 poin/tahun (2025→2029); dicapai −0,240 poin/tahun "
            "(2024–2025).  \nDasar hukum: Rancangan RPKD Kota Tangerang 2025–2029; tanpa tahun target; dinilai pada "
            "akhir periode (2029)") in captions
    # Three conflicting national 2026 targets side by side, each with its legal basis and its need:
    # (0 − 0.75) / 4 = −0.1875 → "−0,188"; (0.5 − 0.75) / 4 = −0.0625 → "−0,062".
    assert ("**0,00 %** · Arahan Presiden Prabowo; Inpres 8/2025: perlu −0,188 poin/tahun  \n"
            "**di bawah 0,50 %** · Perpres 12/2025 (RPJMN 2025–2029): perlu −0,062 poin/tahun  \n"
            "**0,00–0,50 %** · RKP 2026 / RAPBN 2026: perlu −0,062 poin/tahun  \n"
            "Terakhir: 0,75 % (Maret 2022); dicapai −0,860 poin/tahun (2021–2022).  \n"
            "⚠ Target ini memakai garis US$2,15 PPP, data di sini US$1,9 PPP: tidak sepenuhnya sebanding.") in captions
    # "$" escaped, so Markdown never reads it as LaTeX
    assert any("US\\$2\\,15 PPP" in c.value for c in app.caption)


def test_overview_lebak_cards_in_english_inherited_range_and_too_little_data(app):
    open_page(app, "pages/overview.py", region="3602", lang="en")
    assert not app.exception
    markdown = [visible(m.value) for m in app.markdown]
    captions = [visible(c.value) for c in app.caption]
    assert markdown[1:5] == [
        "**Poverty rate (P0)** :red-badge[:material/warning: Off track]",
        "Banten province target: 2.42–3.42 % by 2029",
        "**Extreme poverty rate** :gray-badge[:material/help: Not enough data]",
        "national target 2026: 3 official targets differ"]
    assert ("Latest: 8.03 % (March 2025). Needs −1.152 points/year (2025→2029); achieved −0.410 points/year "
            "(2024–2025).  \nLegal basis: Perpres 12/2025 (RPJMN 2025–2029); ⚠ figure to be verified against the "
            "original document") in captions
    # Extreme poverty: no figure for Lebak at all → not enough data, and what is missing.
    assert any("Not enough data: there is no extreme poverty figure (March) for this region." in c for c in captions)


def test_kemiskinan_target_section_shows_p0_and_extreme_poverty_with_every_target(app):
    open_page(app, "pages/poverty.py", region="3602", lang="id", tab="targets")
    assert not app.exception
    headings = [visible(m.value) for m in app.markdown if m.value.startswith("#### ")]
    assert "#### Persentase penduduk miskin (P0)" in headings  # P0 is no longer left out
    assert "#### Persentase penduduk miskin ekstrem" in headings
    # Each measure's table of every target is built only while its expander is open: none on a first view.
    assert not [d for d in app.dataframe if "Dasar hukum" in d.value.columns]
    app.session_state["target_all_p0"] = True
    app.run()
    assert not app.exception
    tables = [d.value for d in app.dataframe if "Dasar hukum" in d.value.columns]
    assert len(tables) == 1  # only the opened one
    p0 = tables[0]
    # Banten's RPJMN range first (the headline), then Banten's past targets, then the nation's.
    assert p0["Target dari"].iloc[0] == "target provinsi Banten"
    assert (p0["Tahun target"].iloc[0], p0["Target"].iloc[0], p0["Status"].iloc[0]) == (
        "2029", "2,42–3,42 %", "Belum sesuai lintasan")
    row_2025 = p0[(p0["Target dari"] == "target provinsi Banten") & (p0["Tahun target"] == "2025")].iloc[0]
    assert (row_2025["Status"], row_2025["Keterangan"]) == ("Tidak tercapai", "Maret 2025: 8,03 %, di atas rentang target.")
    assert p0["Dasar hukum"].str.contains("Perpres 12/2025 tentang RPJMN 2025-2029").any()
    # The glide chart: Lebak's observed line, the band to the range and the path to its upper edge.
    figures = [json.loads(c.proto.spec) for c in app.get("plotly_chart")]
    glide = next(f for f in figures if "lintasan menuju target 2029" in f["layout"]["title"]["text"])
    traces = {trace["name"]: trace for trace in glide["data"]}
    band = traces["Rentang target"]
    assert (band["fill"], band["x"], band["y"]) == ("toself", [2025, 2029, 2029, 2025, 2025],
                                                   [8.03, 2.42, 3.42, 8.03, 8.03])
    path = traces["Lintasan yang diperlukan: −1,152 poin/tahun"]
    assert (path["x"], path["y"]) == ([2025, 2029], [8.03, 3.42])
    observed = traces["Kab. Lebak (nilai teramati)"]
    assert observed["x"][-1] == 2025 and observed["y"][-1] == 8.03


def test_a_papua_kabupaten_gets_the_national_target_labelled_inherited(app):
    open_page(app, "pages/overview.py", region="9401", lang="en")
    shown = texts(app)
    assert "national target: 6.50–7.50 % by 2026" in shown
    assert "**Poverty rate (P0)** :red-badge[:material/warning: Off track]" in shown


@pytest.fixture
def upload_app(writable_store, monkeypatch) -> AppTest:
    monkeypatch.setenv("DATABASE_URL", writable_store.url)
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


def test_a_target_file_is_previewed_and_saved_through_the_upload_page(upload_app, writable_store):
    app = upload_app
    as_editor(app, "pages/upload.py")
    before = len(writable_store.targets())
    app.file_uploader[0].set_value(("target_rpjmd.csv", GOOD_ID, "text/csv"))
    app.run()
    assert not app.exception
    assert any("templat target" in i.value and "3 baris baru" in i.value for i in app.info)
    preview = app.dataframe[0].value
    assert preview["Target"].tolist() == ["6,50–7,00 %", "3,10 %", "di bawah 0,50 %"]
    assert len(writable_store.targets()) == before  # the preview wrote nothing
    app.text_area[0].input("RPJMD (uji)")
    next(b for b in app.button if b.label == "Simpan sebagai revisi baru").click()
    app.run()
    assert len(writable_store.targets()) == before + 3
    # The History page lists what the revision did to targets.
    app.switch_page("pages/history.py")
    app.run()
    assert not app.exception
    assert "**Target yang diubah revisi 2**" in [visible(m.value) for m in app.markdown]
    changed = next(d.value for d in app.dataframe if "Dasar hukum" in d.value.columns)
    assert changed["Perubahan"].tolist() == ["baru", "baru", "baru"]
    assert changed["Target"].tolist() == ["6,50–7,00 %", "3,10 %", "di bawah 0,50 %"]
    # Lebak's own (illustrative) range now replaces Banten's as its headline.
    app.session_state["province"] = "36"
    app.session_state["region"] = "3602"
    app.switch_page("pages/overview.py")
    app.run()
    assert "target sendiri: 6,50–7,00 % pada 2029" in texts(app)


def test_bandingkan_ranking_table_gets_an_optional_status_vs_target_column(app):
    open_page(app, "pages/compare.py", prov="36", lang="id")
    assert not app.exception
    ranking = next(d.value for d in app.dataframe if "Wilayah" in d.value.columns and "Persentil" in d.value.columns)
    assert "Status vs target" not in ranking.columns  # optional: off by default
    switch = next(w for w in app.toggle if w.key == "cmp_tgt")
    assert "tgt" not in app.query_params  # off, the default: not in the link
    switch.set_value(True)
    app.run()
    assert app.query_params["tgt"] == "true"  # kept in the link (pages/_shared/compare_state.py)
    ranking = next(d.value for d in app.dataframe if "Status vs target" in d.value.columns)
    status = dict(zip(ranking["Wilayah"], ranking["Status vs target"], strict=True))
    # Kota Tangerang against its own 4.8 %: on track; Lebak against Banten's 2029 range: off track.
    assert status["Kota Tangerang"] == "Sesuai lintasan · sendiri"
    assert status["Kab. Lebak"] == "Belum sesuai lintasan · provinsi"


def test_an_old_link_with_tgt_1_opens_bandingkan_with_the_target_column(app):
    open_page(app, "pages/compare.py", prov="36", lang="id", tgt="1")
    assert not app.exception
    assert next(w for w in app.toggle if w.key == "cmp_tgt").value is True
    assert any("Status vs target" in d.value.columns for d in app.dataframe)
    assert app.query_params["tgt"] == "true"
