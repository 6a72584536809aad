"""AppTest of the Compare page: both languages, and links that must reproduce a view exactly."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import open_page

PAGE = "pages/compare.py"


def open_link(app: AppTest, **params: str) -> AppTest:
    open_page(app, PAGE, **params)
    assert not app.exception
    return app


def widget(elements, key: str):
    return next(e for e in elements if e.key == key)


def open_tab(app: AppTest, tab: str, lang: str = "id") -> AppTest:
    """Open one of the page's tabs, as a click on it does (only the open tab is built)."""
    from analytics.i18n import t
    labels = {"map": "compare.tab.map", "quadrant": "compare.quad.heading", "like": "compare.like.heading",
              "side": "compare.side.heading"}
    app.session_state["compare_tab"] = t(labels[tab], lang)
    app.run()
    assert not app.exception
    return app


def metric(app: AppTest, label_start: str):
    return next(m for m in app.metric if m.label.startswith(label_start))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_compare_page_renders_every_section_in_both_languages(app, lang):
    open_link(app, lang=lang)
    assert not app.error
    assert app.title[0].value == ("Bandingkan wilayah" if lang == "id" else "Compare regions")
    assert len(app.tabs) == 4
    # Each tab builds its own sections only (map and rankings; quadrant; regions like mine; side by side),
    # and the share section is under every one.
    assert len(app.subheader) == 3 and len(app.get("plotly_chart")) == 2
    for tab, charts in (("quadrant", 1), ("like", 0), ("side", 1)):
        open_tab(app, tab, lang)
        assert not app.error and len(app.subheader) == 2 and len(app.get("plotly_chart")) == charts, tab
        assert app.query_params["tab"] == tab
    assert not app.code  # the shareable link is built once its expander is opened
    app.session_state["share_link_open"] = True
    app.run()
    assert len(app.code) == 1


def test_default_view_ranks_kota_tangerang_fourth_of_eight_in_banten(app):
    # P0 March 2025 in Banten: Tangsel 2.39, Cilegon 3.44, Kab. Serang 4.46, Kota Tangerang 5.19, then
    # Kota Serang 5.51, Kab. Tangerang 6.42, Lebak 8.03, Pandeglang 8.51 → 4th of 8.
    open_link(app)
    assert metric(app, "Di Banten (dari 8)").value == "ke-4"
    texts = " ".join(md.value for md in app.markdown)
    # Gap to Banten 5.19 − 5.63 = −0.44 points; to Indonesia 5.19 − 8.47 = −3.28 points.
    assert "Banten: 5,63 % (selisih −0,44 poin)" in texts
    assert "Indonesia: 8,47 % (selisih −3,28 poin)" in texts
    # The rank is named as a rank of the level (Kemiskinan ranks the change: Lebak 2nd there, 7th here).
    assert "Peringkat tingkat (bukan perubahan)" in [h.value for h in app.subheader]
    assert any(c.value.startswith("Peringkat tingkat (nilai Maret 2025), bukan peringkat perubahan")
               for c in app.caption)
    assert "ke-4 dari 8 di Banten" in texts


def test_a_copied_link_reproduces_the_view(app):
    link = dict(lang="en", region="3674", ind="p0", level="kabkota", year="2024", period="march", prov="36",
                chart="bar", classes="equal", ref="peers", weight="weighted", peers="3671,3672", sel="3674,3671",
                qy="change", feat="type,p0", k="4")
    link["from"] = "2020"
    open_link(app, **link)
    assert widget(app.selectbox, "cmp_ind").value == "p0"
    assert widget(app.selectbox, "cmp_year").value == 2024
    assert widget(app.selectbox, "cmp_prov").value == "36"
    assert widget(app.selectbox, "cmp_from").value == 2020
    # Every choice is written back to the URL, unchanged, whichever tab is open: a closed tab's choices
    # are kept though its widgets are not drawn (pages/_shared/compare_state.py).
    for key, value in link.items():
        assert app.query_params[key] == value, key
    open_tab(app, "quadrant", "en")
    assert widget(app.selectbox, "cmp_ref").value == "peers"
    assert widget(app.radio, "cmp_weight").value == "weighted"
    assert widget(app.multiselect, "cmp_peers").value == ["3671", "3672"]
    # The reference says what it averages and how.
    from tests.app.conftest import visible

    captions = visible(" ".join(c.value for c in app.caption))
    assert "peer-group average (3 regions)" in captions
    assert "weighted by implied population" in captions
    open_tab(app, "like", "en")
    assert widget(app.multiselect, "cmp_feat").value == ["type", "p0"]
    assert widget(app.selectbox, "cmp_k").value == 4
    open_tab(app, "side", "en")
    assert widget(app.multiselect, "cmp_sel").value == ["3674", "3671"]
    open_tab(app, "map", "en")
    assert widget(app.selectbox, "cmp_prov").value == "36" and widget(app.selectbox, "cmp_from").value == 2020
    for key, value in link.items():
        assert app.query_params[key] == value, key
    assert "tab" not in app.query_params  # the first tab, the default, is not written


def test_the_link_shown_for_copying_carries_every_parameter(app):
    open_link(app, ind="hdi", year="2025", level="province")
    app.session_state["share_link_open"] = True
    app.run()
    link = app.code[0].value
    assert link.startswith("/compare?")
    for part in ("ind=hdi", "year=2025", "level=province", "period=annual", "region=3671", "chart=map"):
        assert part in link


def test_a_typed_reference_places_the_region_in_the_quadrant_by_hand(app):
    # Kota Tangerang: P0 2025 = 5.19 ≥ 5 (right); change 2024→2025 = 5.19 − 5.43 = −0.24 < 0 (bottom) → IV.
    open_link(app, ref="value", refx="5", refy="0", year="2025", tab="quadrant")
    assert app.query_params["refx"] == "5"  # kept from its box; refy=0 is the default, so not in the link
    texts = " ".join(md.value for md in app.markdown)
    assert "**Kota Tangerang** ada di kuadran **IV**" in texts


def test_province_level_ranks_the_province_of_the_selected_kabkota(app):
    open_link(app, level="province", ind="p0", year="2025")
    assert metric(app, "Nasional (dari 38)").value.startswith("ke-")
    texts = " ".join(md.value for md in app.markdown)
    assert "**Banten**, Maret 2025: **5,63 %**" in texts


def test_a_broken_link_falls_back_to_what_exists_without_error(app):
    open_link(app, ind="nonsense", year="1900", level="moon", k="x", peers="9999,3671", refx="abc", tab="quadrant")
    assert not app.error
    assert widget(app.selectbox, "cmp_ind").value == "p0"
    assert widget(app.selectbox, "cmp_year").value == 2025
    assert widget(app.multiselect, "cmp_peers").value == ["3671"]


def test_adding_similar_regions_fills_the_side_by_side_comparison(app):
    open_link(app, k="3", tab="like")
    app.button(key="cmp_like_add").click().run()
    open_tab(app, "side")
    chosen = widget(app.multiselect, "cmp_sel").value
    assert chosen[0] == "3671" and len(chosen) == 4  # Kota Tangerang and its 3 nearest
    assert app.query_params["sel"] == ",".join(chosen)


@pytest.mark.parametrize("refx", ["1e308", "inf", "nan", "-1e20"])
def test_a_huge_or_impossible_reference_in_a_link_falls_back_instead_of_failing(app, refx):
    """Issue 20, item 10: `?ref=value&refx=1e308` replaced the page with the generic error."""
    open_page(app, "pages/compare.py", ref="value", refx=refx, refy="2", tab="quadrant")
    assert not app.exception and not app.error
    assert app.session_state["cmp_refx"] == 0.0 and app.session_state["cmp_refy"] == 2.0
    assert "refx" not in app.query_params  # the value it could not use is dropped from the link



@pytest.mark.parametrize(("lang", "placeholder"), [("id", "Pilih wilayah"), ("en", "Choose regions")])
def test_every_multiselect_speaks_the_interface_language(app, lang, placeholder):
    """Streamlit's own placeholder, "Choose options", is English; each of the page's multiselects has its own."""
    open_page(app, "pages/compare.py", lang=lang, region="3671")
    boxes = []
    for tab in ("quadrant", "like", "side"):
        boxes += list(open_tab(app, tab, lang).multiselect)
    assert len(boxes) >= 2
    assert all(box.proto.placeholder and box.proto.placeholder != "Choose options" for box in boxes)
    assert placeholder in {box.proto.placeholder for box in boxes}


def test_a_closed_tabs_choices_stay_in_the_link_and_come_back_with_the_tab(app):
    """Only the open tab is drawn (issue #18): a typed reference, the number of similar regions and the
    target column stay in the link and in the session while their tabs are closed."""
    open_link(app, ref="value", refx="5.5", refy="-0.25", k="7", tgt="true", tab="quadrant")
    assert widget(app.number_input, "cmp_refx").value == 5.5
    for tab in ("side", "map", "like"):
        open_tab(app, tab)
        assert (app.query_params["refx"], app.query_params["refy"]) == ("5.5", "-0.25"), tab
        assert app.query_params["k"] == "7" and app.query_params["tgt"] == "true", tab
    assert widget(app.selectbox, "cmp_k").value == 7
    open_tab(app, "quadrant")
    assert (widget(app.number_input, "cmp_refx").value, widget(app.number_input, "cmp_refy").value) == (5.5, -0.25)
    texts = " ".join(md.value for md in app.markdown)
    assert "**Kota Tangerang** ada di kuadran" in texts
    open_tab(app, "map")
    assert next(w for w in app.toggle if w.key == "cmp_tgt").value is True


@pytest.mark.parametrize(("ind", "order"), [("p0", "nilai terendah"), ("hdi", "nilai tertinggi")])
def test_the_bars_caption_says_which_end_rank_1_is_and_the_bars_are_in_that_order(app, ind, order):
    """Under the bars, "peringkat 1 (nilai terendah) di kiri" for P0 (lower is better) and "(nilai
    tertinggi)" for the HDI: checked against the drawn bars, first to last, and the selected one's colour."""
    import base64
    import json

    import numpy as np

    open_link(app, ind=ind, chart="bar", prov="36")
    (spec,) = [json.loads(c.proto.spec) for c in app.get("plotly_chart") if c.proto.id.endswith("cmp_bar_chart")]
    bars, mine = spec["data"]
    values = bars["y"]
    if isinstance(values, dict):  # plotly may send an array as base64 with its dtype
        values = np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    assert len(values) == 8  # Banten's eight kab/kota
    assert values == sorted(values, reverse=order == "nilai tertinggi")
    assert mine["x"] == ["Kota Tangerang"] and mine["marker"]["color"] != bars["marker"]["color"]
    (caption,) = [c.value for c in app.caption if c.value.startswith("Diurutkan menurut peringkat")]
    assert f"peringkat 1 ({order}) di kiri" in caption


def test_no_multiselect_offers_streamlits_english_select_all(app):
    """As on Kemiskinan (tests/app/test_poverty_page.py): no English "Select all" entry in the quadrant's
    peers, the similarity features or the side-by-side regions."""
    open_link(app, lang="id")
    for tab, key in (("quadrant", "cmp_peers"), ("like", "cmp_feat"), ("side", "cmp_sel")):
        open_tab(app, tab)
        assert widget(app.multiselect, key).proto.select_all == 0, key
