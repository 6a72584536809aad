"""pages/_shared/url_state.py: links written before Streamlit's own URL binding still open the same view."""

from __future__ import annotations

import pytest

from pages._shared.url_state import upgraded
from tests.app.conftest import open_page


@pytest.mark.parametrize(("params", "expected"), [
    # The app wrote refs and long as 1/0; Streamlit's binding reads true/false.
    ({"refs": "0", "long": "1"}, {"refs": "false", "long": "true"}),
    ({"refs": "1", "long": "0"}, {"refs": "true", "long": "false"}),
    # The old reader took anything but 0 as "references on" and anything but 1 as "long series off".
    ({"refs": "yes", "long": "yes"}, {"refs": "true", "long": "false"}),
    # Links in the new form are left alone, whatever their case.
    ({"refs": "false", "long": "true"}, {}),
    ({"refs": "FALSE"}, {"refs": "false"}),
    # Parameters the page does not bind are not touched.
    ({"measures": "p0,p1", "compare": "3603", "view": "table", "region": "3674"}, {}),
])
def test_kemiskinan_old_switches_become_true_or_false(params, expected):
    assert upgraded("poverty", params) == expected


def test_bandingkan_old_target_switch_and_decimal_commas_are_rewritten():
    params = {"tgt": "1", "refx": "5,19", "refy": "-0.5", "ind": "p0", "year": "2024", "k": "4"}
    assert upgraded("compare", params) == {"tgt": "true", "refx": "5.19"}


def test_pages_without_bound_widgets_have_nothing_to_rewrite():
    assert upgraded("programs", {"program": "rtlh", "from": "2021", "to": "2025"}) == {}
    assert upgraded("", {"region": "3671", "lang": "en"}) == {}


def test_an_old_kemiskinan_link_with_the_long_series_on_opens_with_it_on(app):
    # Kab. Deli Serdang (1201) has the 2004–2014 kab/kota series; the link is as the app wrote it.
    open_page(app, "pages/poverty.py", region="1201", measures="p0,poor_count", compare="12", refs="0", long="1")
    assert not app.exception and not app.error
    assert app.toggle(key="refs").value is False
    assert app.toggle(key="long").value is True
    assert app.multiselect(key="poverty_measures").value == ["p0", "poor_count"]
    assert app.multiselect(key="poverty_compare").value == ["12"]
    assert (app.query_params["refs"], app.query_params["long"]) == ("false", "true")


def test_an_old_bandingkan_link_with_a_decimal_comma_places_the_reference_there(app):
    open_page(app, "pages/compare.py", ref="value", refx="5,5", refy="0,25", year="2025", tab="quadrant")
    assert not app.exception and not app.error
    assert (app.session_state["cmp_refx"], app.session_state["cmp_refy"]) == (5.5, 0.25)
    assert (app.query_params["refx"], app.query_params["refy"]) == ("5.5", "0.25")


def test_impossible_switch_values_in_a_kemiskinan_link_read_as_the_old_reader_did(app):
    open_page(app, "pages/poverty.py", region="abc", refs="maybe", long="2", measures="zzz")
    assert not app.exception and not app.error
    assert app.toggle(key="refs").value is True and app.toggle(key="long").value is False
    assert app.title[0].value == "Indikator kemiskinan: Kota Tangerang"  # the unknown region: the default
