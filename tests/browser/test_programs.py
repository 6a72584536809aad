"""The programme page in real Chromium: every programme of Kota Tangerang draws its charts, at desktop
and phone width, with screenshots to look at (test-artifacts/screenshots/programs_*)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import SCRIPT_STATE, click_and_wait, screenshot

pytestmark = pytest.mark.browser
TIMEOUT = 45_000
PROGRAMS = ["rtlh", "sekolah_gratis", "job_fair", "si_praja"]
# Tall viewports: Streamlit scrolls inside its own container, so a full-page shot is one screen.
DESKTOP_TALL = {"width": 1366, "height": 3800}
PHONE_TALL = {"width": 390, "height": 6400}


def open_programme(browser, app_url: str, program: str, viewport: dict, **context_args):
    from playwright.sync_api import expect

    context = browser.new_context(viewport=viewport, locale="id-ID", **context_args)
    page = context.new_page()
    page.goto(f"{app_url}/programs?region=3671&program={program}")
    expect(page.get_by_role("heading", name="Program penanggulangan kemiskinan, Kota Tangerang")).to_be_visible(
        timeout=TIMEOUT)
    # A chart with data drawn (not the "loading data" placeholder of a session's first view).
    expect(page.locator(".js-plotly-plot g.trace").first).to_be_visible(timeout=TIMEOUT)
    # Every chart on the page drawn (a chart is an empty placeholder until plotly has rendered it).
    charts = page.get_by_test_id("stPlotlyChart")
    for index in range(charts.count()):
        charts.nth(index).scroll_into_view_if_needed()
        expect(charts.nth(index).locator(".main-svg").first).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_text("Page not found")).to_have_count(0)
    return context, page


@pytest.mark.parametrize("program", PROGRAMS)
def test_each_programme_draws_its_charts_at_desktop_width(browser, app_url, program):
    from playwright.sync_api import expect

    context, page = open_programme(browser, app_url, program, DESKTOP_TALL)
    # The first output chart has drawn its bars or markers (plotly puts them in .plot groups).
    expect(page.locator(".js-plotly-plot .trace path").first).to_be_attached(timeout=TIMEOUT)
    assert f"program={program}" in page.url
    screenshot(page, f"programs_{program}_desktop")
    # The details' tab: running totals, targets, cost; drawn once opened, no chart of the outputs left.
    click_and_wait(page, page.get_by_role("tab", name="Rincian dan biaya"))
    expect(page.get_by_text("semua angka program ini ada di tabel paling bawah", exact=False)).to_be_visible(
        timeout=TIMEOUT)
    expect(page.get_by_text("Semua angka program ini", exact=True)).to_be_visible()
    expect(page.locator(".js-plotly-plot")).to_have_count(0)
    if program == "rtlh":
        expect(page.get_by_test_id("stDataFrame")).to_have_count(5, timeout=TIMEOUT)
        # 8,656 reported to 2024 + 1,000 in 2025 = 9,656, while 10,656 is reported for 2025.
        expect(page.get_by_text("selisih 1.000 rumah", exact=False)).to_be_visible()
        expect(page.get_by_role("heading", name="Target dan capaian")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    screenshot(page, f"programs_{program}_desktop_details")
    # Programmes beside outcomes, with the caveat that it is an association in time.
    click_and_wait(page, page.get_by_role("tab", name="Program dan hasil"))
    expect(page.get_by_text("Ini menunjukkan keterkaitan waktu, bukan dampak yang terukur", exact=False)).to_be_visible(
        timeout=TIMEOUT)
    assert "tab=outcomes" in page.url and f"program={program}" in page.url
    expect(page.get_by_test_id("stException")).to_have_count(0)
    screenshot(page, f"programs_{program}_desktop_outcomes")
    if program == "rtlh":
        # Another page and back through the navigation (the link then carries no tab): the same tab is open.
        click_and_wait(page, page.get_by_role("link", name="Ikhtisar"))
        click_and_wait(page, page.get_by_role("link", name="Keluaran program"))
        expect(page.locator("[role=tab][aria-selected=true]")).to_have_text("Program dan hasil", timeout=TIMEOUT)
        expect(page.get_by_text("Ini menunjukkan keterkaitan waktu, bukan dampak yang terukur", exact=False)
               ).to_be_visible(timeout=TIMEOUT)
    context.close()


@pytest.mark.parametrize("program", PROGRAMS)
def test_each_programme_is_usable_at_phone_width(browser, app_url, program):
    context, page = open_programme(browser, app_url, program, PHONE_TALL, device_scale_factor=1, is_mobile=True,
                                   has_touch=True)
    screenshot(page, f"programs_{program}_phone")
    context.close()


def test_choosing_another_programme_puts_it_in_the_link(browser, app_url):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import expect

    context, page = open_programme(browser, app_url, "rtlh", {"width": 1366, "height": 900})

    option = page.get_by_role("option").filter(has_text="Job fair (virtual dan tatap muka)")
    for _ in range(5):  # a rerun still settling can close the list just opened: open it again
        # Open the list once the page's run is over, and choose in the same try: on a loaded machine the
        # settling rerun could close the list between the option showing and the click.
        page.wait_for_function(f"({SCRIPT_STATE})() === 'notRunning'", timeout=TIMEOUT)
        page.get_by_role("combobox", name="Program").click()
        try:
            option.click(timeout=5_000)
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    else:
        raise AssertionError("the programme list never stayed open long enough to choose Job fair")
    expect(page.get_by_role("heading", name="Job fair (virtual dan tatap muka)")).to_be_visible(timeout=TIMEOUT)
    page.wait_for_url("**program=job_fair**", timeout=TIMEOUT)
    context.close()
