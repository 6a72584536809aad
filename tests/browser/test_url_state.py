"""Issue 19, item 4, in real Chromium: Kemiskinan's switches that Streamlit keeps in the URL itself
(`bind="query-params"`: refs and long) and Bandingkan's tgt, k, refx and refy (kept by
pages/_shared/compare_state.py in the same forms, since its tabs are drawn one at a time). Links written
before (refs=0, tgt=1, refx=5,5) open the same view; a change goes into the address bar and a reload
restores it; a language switch and a visit to another page keep it; impossible values give a clean page."""

from __future__ import annotations

import contextlib
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.browser.conftest import SCRIPT_STATE, click_and_wait

pytestmark = pytest.mark.browser
TIMEOUT = 60_000
# As the app wrote them before the binding (Kab. Nias, 1201, has the 2004–2014 long series).
OLD_POVERTY = "/poverty?region=1201&measures=p0,poor_count&compare=12&refs=0&long=1&view=chart&lang=id"
OLD_COMPARE = ("/compare?lang=id&region=3671&ind=p0&level=kabkota&year=2024&period=march&prov=36&chart=map"
               "&ref=value&refx=5,5&refy=-0.25&tgt=1&k=4")


def open_tab(page, name: str) -> None:
    """Open one of Bandingkan's tabs (only the open one is built)."""
    page.get_by_role("tab", name=name).click()
    expect(page.get_by_role("tab", name=name)).to_have_attribute("aria-selected", "true", timeout=TIMEOUT)
    settle(page)


def settle(page) -> None:
    page.wait_for_function(f"({SCRIPT_STATE})() === 'notRunning'", timeout=TIMEOUT)


def query(page) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlparse(page.url).query, keep_blank_values=True).items()}


def wait_for_query(page, **expected: str | None) -> None:
    """Until the address bar has each expected parameter (None: has it not)."""
    checks = " && ".join(f"p.get({name!r}) === {value!r}" if value is not None else f"!p.has({name!r})"
                         for name, value in expected.items())
    page.wait_for_function(f"() => {{ const p = new URLSearchParams(window.location.search); return {checks}; }}",
                           timeout=TIMEOUT)


def choose(page, label: str, option: str) -> None:
    """Pick `option` in the select box `label` by typing it, as a keyboard user does (a click on the open
    list can land on a neighbour while the page below is still being laid out)."""
    box = page.get_by_role("combobox", name=label, exact=True)
    box.click()
    box.fill(option)
    expect(page.get_by_role("option", name=option, exact=True)).to_be_visible(timeout=TIMEOUT)
    box.press("Enter")
    with contextlib.suppress(PlaywrightTimeout):  # the run may be over before it is seen
        page.wait_for_function(f"({SCRIPT_STATE})() === 'running'", timeout=2_000)
    settle(page)


def open_poverty(page, app_url: str, link: str, heading: str) -> None:
    page.goto(app_url + link)
    expect(page.get_by_role("heading", name=heading)).to_be_visible(timeout=TIMEOUT)
    settle(page)


def open_compare(page, app_url: str, link: str) -> None:
    page.goto(app_url + link)
    expect(page.get_by_role("heading", name="Bandingkan wilayah")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("combobox", name="Tahun", exact=True)).to_be_visible(timeout=TIMEOUT)
    settle(page)


def test_an_old_kemiskinan_link_opens_with_the_same_choices_and_the_new_form_in_the_address_bar(page, app_url):
    open_poverty(page, app_url, OLD_POVERTY, "Indikator kemiskinan: Kab. Nias")
    expect(page.get_by_role("switch", name="Tampilkan provinsi dan nasional")).not_to_be_checked(timeout=TIMEOUT)
    expect(page.get_by_role("switch", name="Seri panjang 2004–2014")).to_be_checked(timeout=TIMEOUT)
    boxes = page.get_by_test_id("stMain").get_by_test_id("stMultiSelect")
    measures, compare = boxes.nth(0), boxes.nth(1)
    for chosen in ("Persentase penduduk miskin (P0)", "Jumlah penduduk miskin"):
        expect(measures).to_contain_text(chosen, timeout=TIMEOUT)
    expect(compare).to_contain_text("Sumatera Utara", timeout=TIMEOUT)
    # The long series is drawn (its own legend entry), the province line is (as the comparison region).
    expect(page.locator(".js-plotly-plot").first).to_contain_text("Kab. Nias, seri panjang", timeout=TIMEOUT)
    wait_for_query(page, refs="false", long="true", measures="p0,poor_count", compare="12", region="1201")
    # The link offered for copying is the address bar's (built once its expander is opened, issue #18).
    click_and_wait(page, page.get_by_text("Tampilkan tautannya untuk disalin", exact=True))
    expect(page.get_by_test_id("stCode")).to_contain_text("refs=false&long=true", timeout=TIMEOUT)
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_a_kemiskinan_switch_goes_into_the_link_and_survives_reload_language_and_another_page(page, app_url):
    open_poverty(page, app_url, "/poverty?region=3671&measures=p0&lang=id", "Indikator kemiskinan: Kota Tangerang")
    refs = page.get_by_role("switch", name="Tampilkan provinsi dan nasional")
    expect(refs).to_be_checked(timeout=TIMEOUT)
    assert "refs" not in query(page)  # the default is left out of the link
    click_and_wait(page, page.get_by_test_id("stMain").get_by_text("Tampilkan provinsi dan nasional", exact=True))
    wait_for_query(page, refs="false", measures="p0", region="3671")
    # The link offered for copying too (built once its expander is opened, issue #18).
    click_and_wait(page, page.get_by_text("Tampilkan tautannya untuk disalin", exact=True))
    expect(page.get_by_test_id("stCode")).to_contain_text("refs=false", timeout=TIMEOUT)
    page.reload()
    expect(page.get_by_role("heading", name="Indikator kemiskinan: Kota Tangerang")).to_be_visible(timeout=TIMEOUT)
    settle(page)
    expect(refs).not_to_be_checked(timeout=TIMEOUT)
    # Issue 20, item 13: a language switch keeps the choice and the link.
    click_and_wait(page, page.get_by_test_id("stSidebar").get_by_text("English", exact=True))
    expect(page.get_by_role("switch", name="Show province and nation")).not_to_be_checked(timeout=TIMEOUT)
    wait_for_query(page, refs="false", measures="p0", lang="en")
    # Away to Compare (the parameter leaves with the page) and back: the choice and the link return.
    click_and_wait(page, page.get_by_test_id("stSidebar").get_by_role("link", name="Compare regions"))
    expect(page.get_by_role("heading", name="Compare regions")).to_be_visible(timeout=TIMEOUT)
    assert "refs" not in query(page)
    click_and_wait(page, page.get_by_test_id("stSidebar").get_by_role("link", name="Poverty indicators"))
    expect(page.get_by_role("switch", name="Show province and nation")).not_to_be_checked(timeout=TIMEOUT)
    wait_for_query(page, refs="false")
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_an_old_bandingkan_link_opens_with_the_same_choices(page, app_url):
    open_compare(page, app_url, OLD_COMPARE)
    expect(page.get_by_role("combobox", name="Tahun", exact=True)).to_have_value("2024", timeout=TIMEOUT)
    expect(page.get_by_role("combobox", name="Wilayah peta")).to_have_value("Banten", timeout=TIMEOUT)
    # The target column's switch sits in the ranking table's expander.
    page.get_by_test_id("stExpander").filter(has_text="Tabel peringkat").get_by_text("Tabel peringkat").click()
    expect(page.get_by_role("switch", name="Tampilkan status terhadap target")).to_be_checked(timeout=TIMEOUT)
    open_tab(page, "Wilayah yang mirip")
    expect(page.get_by_role("combobox", name="Jumlah", exact=True)).to_have_value("4", timeout=TIMEOUT)
    open_tab(page, "Analisis kuadran")
    reference = page.get_by_test_id("stNumberInput").locator("input")
    expect(reference.nth(0)).to_have_value("5.50", timeout=TIMEOUT)
    expect(reference.nth(1)).to_have_value("-0.25", timeout=TIMEOUT)
    # The old forms rewritten once into Streamlit's; every hand-kept choice unchanged.
    wait_for_query(page, refx="5.5", refy="-0.25", tgt="true", k="4", year="2024", prov="36", ind="p0",
                   ref="value", region="3671")
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_a_bandingkan_choice_goes_into_the_link_survives_reload_and_a_language_switch(page, app_url):
    open_compare(page, app_url, "/compare?lang=id&region=3671&ref=value&refx=5&tab=like")
    choose(page, "Jumlah", "7")
    wait_for_query(page, k="7", refx="5")
    open_tab(page, "Analisis kuadran")
    x = page.get_by_test_id("stNumberInput").locator("input").first
    x.fill("6.25")
    click_and_wait(page, page.get_by_role("heading", name="Bandingkan wilayah"))  # leaving the box commits it
    wait_for_query(page, k="7", refx="6.25")
    open_compare(page, "", page.url)  # the address bar's link, opened again (on the quadrant's tab)
    expect(x).to_have_value("6.25", timeout=TIMEOUT)
    # Issue 20, item 13 (both ways, for every page's link: tests/browser/test_language_switch.py).
    before = query(page)
    click_and_wait(page, page.get_by_test_id("stSidebar").get_by_text("English", exact=True))
    expect(x).to_have_value("6.25", timeout=TIMEOUT)
    wait_for_query(page, lang="en")
    assert query(page) == {**before, "lang": "en"}
    open_tab(page, "Regions like mine")
    expect(page.get_by_role("combobox", name="How many", exact=True)).to_have_value("7", timeout=TIMEOUT)
    wait_for_query(page, k="7", refx="6.25", tab="like")
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_impossible_values_in_a_link_give_a_clean_page(page, app_url):
    # AppTest covers 1e308, inf, nan and -1e20 one by one (tests/app/test_compare_page.py) and Kemiskinan's
    # switches (tests/app/test_url_state.py); what only a browser shows is the address bar cleaned.
    page.goto(app_url + "/compare?lang=id&region=9999&ref=value&refx=1e308&refy=nan&k=99&tgt=maybe&tab=like")
    expect(page.get_by_role("heading", name="Bandingkan wilayah")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("combobox", name="Jumlah", exact=True)).to_have_value("5", timeout=TIMEOUT)
    settle(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_text("Terjadi kesalahan tak terduga")).to_have_count(0)
    open_tab(page, "Analisis kuadran")
    expect(page.get_by_test_id("stNumberInput").locator("input").first).to_have_value("0.00", timeout=TIMEOUT)
    # What could not be used is dropped from the link.
    assert not {"refx", "refy", "tgt", "k"} & set(query(page))
