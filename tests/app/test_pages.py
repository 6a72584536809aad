"""AppTest: every registered page in both languages, and links that carry the view."""

from __future__ import annotations

import pytest

from tests.app.conftest import open_page

PAGES = ["pages/overview.py", "pages/about.py"]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_page_renders_without_exception(app, page, lang):
    open_page(app, page, lang=lang)
    assert not app.exception
    assert not app.error
    assert app.title


def test_overview_defaults_to_kota_tangerang_in_indonesian(app):
    open_page(app, PAGES[0])
    assert app.title[0].value == "Ikhtisar Kota Tangerang"
    values = [m.value for m in app.metric]
    assert "5,19 %" in values  # P0 March 2025
    assert "124,76 ribu jiwa" in values


def test_overview_shows_the_p0_change_from_the_previous_year(app):
    open_page(app, PAGES[0])
    p0 = next(m for m in app.metric if m.value == "5,19 %")
    assert p0.delta == "-0,24 poin"  # 5.19 − 5.43 (2024)


def test_a_link_with_region_and_language_reproduces_the_view(app):
    open_page(app, PAGES[0], region="3674", lang="en")
    assert app.title[0].value == "Overview: Kota Tangerang Selatan"
    assert app.query_params["region"] == "3674"


def test_an_unknown_region_in_a_link_falls_back_to_the_default(app):
    open_page(app, PAGES[0], region="9999")
    assert app.title[0].value == "Ikhtisar Kota Tangerang"


def test_the_nation_has_no_province_line_and_no_error(app):
    open_page(app, PAGES[0], region="00")
    assert not app.exception
    assert app.title[0].value == "Ikhtisar Indonesia"
    # The nation is reported in March and September; the KPI follows March, like kab/kota.
    assert "8,47 %" in [m.value for m in app.metric]


def test_hdi_is_compared_with_2024_of_the_same_method_not_with_2021(app):
    open_page(app, PAGES[0])
    hdi = next(m for m in app.metric if m.value == "82,41")
    # 2024 81.53 (kabkota_ipm_2015_2024.csv, current method) → 2025 82.41: +0.88. The 2021 value
    # (78.50, old method) would have given +3.91.
    assert hdi.delta == "+0,88 poin"


def test_programme_cards_show_the_latest_dated_figure(app):
    open_page(app, PAGES[0])
    texts = " ".join(md.value for md in app.markdown)
    assert "**1.000 rumah** (2025)" in texts
    assert "**138 sekolah** (Juni 2025)" in texts


def test_overview_builds_its_data_table_only_while_the_expander_is_open(app):
    open_page(app, PAGES[0])
    assert len(app.dataframe) == 0  # closed: no table sent
    app.session_state["overview_table"] = True
    app.run()
    assert not app.exception
    table = app.dataframe[0].value
    assert list(table.columns) == ["Seri", "Tahun", "Nilai", "Sumber"]
    # Kota Tangerang's own line, March 2025 (as in the KPI).
    row = table[(table["Seri"] == "Kota Tangerang") & (table["Tahun"] == 2025)]
    assert row["Nilai"].tolist() == ["5,19 %"]


def test_the_loading_placeholder_is_gone_once_the_overview_has_drawn(app):
    open_page(app, PAGES[0])
    # Only the real trend chart is left: it has traces, the placeholder had none.
    charts = app.get("plotly_chart")
    assert len(charts) == 1
    assert '"type":"scatter"' in charts[0].proto.spec.replace(" ", "")
    assert app.session_state["_plotly_loaded"] is True


def test_about_lists_coverage_in_catalog_order_and_revisions_as_the_history_page_does(app):
    open_page(app, "pages/about.py")
    coverage = next(d.value for d in app.dataframe if "Jumlah nilai" in d.value.columns)
    assert coverage["Nama"].iloc[0] == "Persentase penduduk miskin (P0)"  # the catalog's first measure
    revisions = next(d.value for d in app.dataframe if "Revisi" in d.value.columns)
    assert list(revisions.columns)[:5] == ["Revisi", "Waktu (UTC)", "Oleh", "Jenis", "Catatan"]
    seed = revisions.iloc[-1]
    assert (seed["Jenis"], seed["Oleh"]) == ("data awal", "system")
    assert "T" not in seed["Waktu (UTC)"] and "+00:00" not in seed["Waktu (UTC)"]
