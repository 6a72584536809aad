"""AppTest of the poverty page: both languages, links that carry region and indicators, glide-path badge."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import open_page

PAGE = "pages/poverty.py"


def open_poverty(app: AppTest, **params: str) -> AppTest:
    open_page(app, PAGE, **params)
    assert not app.exception
    return app


def markdown(app: AppTest) -> str:
    from tests.app.conftest import visible

    return visible("\n".join(m.value for m in app.markdown))


@pytest.mark.parametrize(("lang", "title"), [("id", "Indikator kemiskinan: Kota Tangerang"),
                                             ("en", "Poverty indicators: Kota Tangerang")])
def test_page_renders_in_both_languages_with_default_indicators(app, lang, title):
    open_poverty(app, lang=lang)
    assert not app.error
    assert app.title[0].value == title
    assert app.multiselect(key="poverty_measures").value == ["p0", "extreme_poverty"]
    assert app.query_params["measures"] == "p0,extreme_poverty"


def test_link_with_region_and_indicators_reproduces_the_view(app):
    open_poverty(app, region="3674", lang="en", measures="unemployment,hdi", compare="3671,36", refs="0",
              view="table")
    assert app.title[0].value == "Poverty indicators: Kota Tangerang Selatan"
    assert app.multiselect(key="poverty_measures").value == ["unemployment", "hdi"]
    assert app.multiselect(key="poverty_compare").value == ["3671", "36"]
    assert app.toggle(key="refs").value is False
    assert app.radio(key="poverty_view").value == "table"
    # One figures table per indicator (the targets tables, with their legal basis, are apart).
    assert len([d for d in app.dataframe if "Legal basis" not in d.value.columns]) == 2
    # The page writes its state back, so the address bar keeps the view; the old refs=0 is rewritten once
    # into the form of Streamlit's binding (pages/_shared/url_state.py).
    assert (app.query_params["measures"], app.query_params["compare"], app.query_params["refs"],
            app.query_params["view"]) == ("unemployment,hdi", "3671,36", "false", "table")


def test_narrative_for_kota_tangerang_has_the_extreme_poverty_figures(app):
    open_poverty(app, measures="extreme_poverty")
    text = markdown(app)
    # 1.61 (2021) → 0.75 (2022): −0.86 points; no rank claim without peer data
    assert ("Persentase penduduk miskin ekstrem di Kota Tangerang turun dari 1,61 % (Maret 2021) menjadi "
            "0,75 % (Maret 2022), turun 0,86 poin.") in text
    assert "terbesar" not in text and "terbaik" not in text


def test_narrative_in_english_has_the_same_figures(app):
    open_poverty(app, measures="extreme_poverty", lang="en")
    assert "fell from 1.61 % (March 2021) to 0.75 % (March 2022), down 0.86 points." in markdown(app)


def test_kota_tangerang_own_2024_target_passed_without_a_2024_figure(app):
    open_poverty(app, measures="extreme_poverty", tab="targets")
    # P0 and extreme poverty both have targets, whichever is chosen; each table is built once opened.
    app.session_state["target_all_p0"] = app.session_state["target_all_extreme_poverty"] = True
    app.run()
    tables = [d.value for d in app.dataframe if "Dasar hukum" in d.value.columns]
    assert len(tables) == 2
    extreme = tables[1]
    own = extreme[extreme["Target dari"] == "target sendiri"].iloc[0]
    # Inpres 4/2022 adopted by Kota Tangerang: 0 % by 2024; the store has no 2024 figure.
    assert (own["Tahun target"], own["Target"], own["Status"]) == ("2024", "0,00 %", "Tahun target lewat, belum ada data")
    assert own["Keterangan"] == "Tahun target 2024 sudah lewat; nilai terakhir 0,75 % (Maret 2022)."


def test_p0_has_its_target_section_and_no_upload_hint(app):
    open_poverty(app, measures="p0", tab="targets")
    from tests.app.conftest import visible

    assert "#### Persentase penduduk miskin (P0)" in [visible(m.value) for m in app.markdown]
    assert not any("RPJMD" in i.value for i in app.info)


def test_unknown_values_in_a_link_are_ignored_with_a_bilingual_warning(app):
    open_poverty(app, measures="p0,nonsense", compare="9999,3674,3603,3601,3602,3604,3672")
    assert app.multiselect(key="poverty_measures").value == ["p0"]
    assert app.multiselect(key="poverty_compare").value == ["3674", "3603", "3601", "3602", "3604"]  # at most 5
    assert "nonsense" in app.warning[0].value and "9999" in app.warning[0].value


def test_glossary_lists_every_indicator_with_its_catalog_definition(app):
    open_poverty(app, lang="en", tab="glossary")
    labels = [e.label for e in app.expander]
    for name in ("Poverty rate (P0)", "Poverty gap index (P1)", "Poverty severity index (P2)", "Poverty line (GK)",
                 "Extreme poverty rate", "Number of poor people", "Open unemployment rate",
                 "Human Development Index (HDI)"):
        assert name in labels
    assert "GK = food poverty line (GKM" in markdown(app)
    assert "US$1.9 PPP (2011)" in markdown(app)
    assert "US\\$1\\.9" in "\n".join(m.value for m in app.markdown)  # $ escaped: never LaTeX


def test_download_buttons_for_every_chart(app):
    open_poverty(app, measures="p0,extreme_poverty")
    # Two explorer charts, each with CSV and Excel; in the targets tab, a CSV of each measure's targets.
    assert [b.proto.label for b in app.get("download_button")] == ["Unduh CSV", "Unduh Excel"] * 2
    app.session_state["poverty_tab"] = "Target dan lintasan"  # the tab chosen
    app.run()
    assert [b.proto.label for b in app.get("download_button")] == ["Unduh daftar target (CSV)"] * 2
    assert app.query_params["tab"] == "targets"  # kept in the link by id


def test_the_nation_and_a_province_render_without_error(app):
    for region in ("00", "36", "91"):
        open_poverty(app, region=region, measures=",".join(
            ["p0", "poor_count", "p1", "p2", "poverty_line", "extreme_poverty", "unemployment", "hdi"]))
        assert not app.error



def test_no_multiselect_offers_streamlits_english_select_all(app):
    """Streamlit adds a "Select all" entry to a multiselect of up to 1,000 options, in English only: on the
    Indonesian page it would be the one English line in the list (and "all" of 550 regions where five are
    allowed). The page's multiselects are sent without it (Bandingkan's: tests/app/test_compare_page.py)."""
    open_poverty(app, lang="id")
    boxes = list(app.multiselect)
    assert {box.key for box in boxes} == {"poverty_measures", "poverty_compare"}
    assert [box.proto.select_all for box in boxes] == [0, 0]
