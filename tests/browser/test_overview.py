"""The overview in a real browser: chart drawn, no error, language switch, shared links."""

from __future__ import annotations

import pytest

from tests.browser.conftest import PHONE, screenshot

pytestmark = pytest.mark.browser
TIMEOUT = 45_000


def wait_for_chart(page) -> None:
    """The trend chart drawn with its lines (the "loading data" placeholder a session's first
    view shows meanwhile has none), and the placeholder gone."""
    from playwright.sync_api import expect

    expect(page.locator(".js-plotly-plot g.trace").first).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("Memuat data…")).to_have_count(0)
    expect(page.get_by_text("Loading data…")).to_have_count(0)


def test_overview_draws_the_p0_chart_for_kota_tangerang_without_error(page, app_url):
    from playwright.sync_api import expect

    page.goto(app_url)
    expect(page.get_by_role("heading", name="Ikhtisar Kota Tangerang")).to_be_visible(timeout=TIMEOUT)
    wait_for_chart(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    # Real figures on screen: the 2025 P0 and the count of poor people.
    expect(page.get_by_text("5,19 %").first).to_be_visible()
    expect(page.get_by_text("124,76 ribu jiwa").first).to_be_visible()
    assert "region=3671" in page.url
    screenshot(page, "overview_id_desktop")
    # The figures table is sent only when its expander is opened.
    expect(page.get_by_test_id("stDataFrame")).to_have_count(0)
    page.get_by_text("Tabel angka", exact=True).click()
    expect(page.get_by_test_id("stDataFrame")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    # The chart survives the rerun the expander made.
    expect(page.locator(".js-plotly-plot g.trace").first).to_be_visible()
    screenshot(page, "overview_id_table_open")


def test_switching_to_english_translates_the_page_and_numbers(page, app_url):
    from playwright.sync_api import expect

    page.goto(app_url)
    wait_for_chart(page)
    page.get_by_text("English", exact=True).click()
    expect(page.get_by_role("heading", name="Overview: Kota Tangerang")).to_be_visible(timeout=TIMEOUT)
    wait_for_chart(page)
    expect(page.get_by_text("5.19 %").first).to_be_visible()
    assert "lang=en" in page.url
    screenshot(page, "overview_en_desktop")


def test_a_shared_link_opens_the_region_it_names(page, app_url):
    from playwright.sync_api import expect

    page.goto(f"{app_url}/?region=3674&lang=en")
    expect(page.get_by_role("heading", name="Overview: Kota Tangerang Selatan")).to_be_visible(timeout=TIMEOUT)
    wait_for_chart(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    screenshot(page, "overview_shared_link_tangsel")


def test_overview_is_usable_at_phone_width(browser, app_url):
    from playwright.sync_api import expect

    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(app_url)
    expect(page.get_by_role("heading", name="Ikhtisar Kota Tangerang")).to_be_visible(timeout=TIMEOUT)
    wait_for_chart(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    screenshot(page, "overview_id_phone")
    context.close()


def test_about_page_lists_sources(page, app_url):
    from playwright.sync_api import expect

    page.goto(f"{app_url}/about")
    expect(page.get_by_role("heading", name="Tentang data")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("Badan Pusat Statistik").first).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    screenshot(page, "about_id_desktop")


def test_a_deep_link_works_on_a_freshly_started_server(browser, app_database_url):
    """The first session of a new process must not meet Streamlit's "Page not found" dialog
    (a pages/ folder beside app.py makes Streamlit's first run use its legacy page list)."""
    from playwright.sync_api import expect

    from tests.browser.conftest import start_app, stop_app

    process, address = start_app(app_database_url)
    try:
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        page = context.new_page()
        page.goto(f"{address}/poverty?region=3674&lang=en")
        expect(page.get_by_role("heading", name="Poverty indicators: Kota Tangerang Selatan")).to_be_visible(
            timeout=TIMEOUT)
        expect(page.get_by_text("Page not found")).to_have_count(0)
        assert "/poverty" in page.url and "region=3674" in page.url
        # A cold process's first session: the "loading data" placeholder went out first and is
        # gone once the page's charts are drawn.
        expect(page.locator(".js-plotly-plot g.trace").first).to_be_visible(timeout=TIMEOUT)
        expect(page.get_by_text("Loading data…")).to_have_count(0)
        context.close()
    finally:
        stop_app(process)
