"""The Compare page in real Chromium: a shared link opens the map and the quadrant with the right region
highlighted; changing the year redraws the map and updates the link; desktop and phone screenshots."""

from __future__ import annotations

import pytest

from tests.browser.conftest import COUNT_RECEIVED, PHONE, charts_drawn, received_during, screenshot

pytestmark = pytest.mark.browser
TIMEOUT = 90_000
SHARED = "/compare?lang=id&region=3674&ind=p0&year=2025&period=march&peers=3671,3672&sel=3674,3671"
# A phone browser's user agent (the page no longer reads it: the map fits any width by itself).
TALL_DESKTOP = {"width": 1366, "height": 5600}
PHONE_AGENT = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36"


def open_shared_link(page, app_url: str) -> None:
    from playwright.sync_api import expect

    page.goto(app_url + SHARED)
    expect(page.get_by_role("heading", name="Bandingkan wilayah")).to_be_visible(timeout=TIMEOUT)
    # The map: plotly's geo subplot draws each region as an SVG path; its title names indicator and period.
    expect(page.locator(".js-plotly-plot path.choroplethlocation").first).to_be_attached(timeout=TIMEOUT)
    expect(page.locator(".js-plotly-plot .gtitle").first).to_contain_text("Maret 2025", timeout=TIMEOUT)
    # Streamlit may show a "page not found" notice on the first session after the server starts; close it.
    page.keyboard.press("Escape")


def open_tab(page, name: str) -> None:
    """Open one of the page's tabs (only the open one is built, issue #18) and wait for its run."""
    from playwright.sync_api import expect

    page.get_by_role("tab", name=name).click()
    expect(page.get_by_role("tab", name=name)).to_have_attribute("aria-selected", "true", timeout=TIMEOUT)
    page.wait_for_function("() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState"
                           " === 'notRunning'", timeout=TIMEOUT)


def test_a_shared_link_shows_the_map_and_the_quadrant_with_the_region_highlighted(browser, app_url):
    from playwright.sync_api import expect

    # A tall window: Streamlit scrolls inside the page, so this is how the whole page gets into the screenshot.
    context = browser.new_context(viewport=TALL_DESKTOP, locale="id-ID")
    page = context.new_page()
    open_shared_link(page, app_url)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    # The selected region: chosen in the list, ranked first of eight in Banten (P0 2.39 %, the lowest).
    expect(page.get_by_role("combobox", name="Pilih wilayah dari daftar")).to_have_value("Kota Tangerang Selatan")
    expect(page.get_by_text("Di Banten (dari 8)")).to_be_visible(timeout=TIMEOUT)
    charts_drawn(page)
    screenshot(page, "compare_shared_link_desktop")
    # The quadrant chart labels the selected region and the two peers by name.
    open_tab(page, "Analisis kuadran")
    quadrant = page.locator(".js-plotly-plot").filter(has_text="terhadap")
    expect(quadrant.first).to_be_visible(timeout=TIMEOUT)
    for name in ("Kota Tangerang Selatan", "Kota Tangerang", "Kota Cilegon"):
        expect(quadrant.locator("text", has_text=name).first).to_be_attached()
    assert "tab=quadrant" in page.url and "peers=3671%2C3672" in page.url
    # Side by side: the table and each chosen region's small chart.
    open_tab(page, "Berdampingan")
    expect(page.get_by_test_id("stDataFrame").last).to_be_visible(timeout=TIMEOUT)
    expect(page.locator(".js-plotly-plot")).to_have_count(2, timeout=TIMEOUT)
    charts_drawn(page)
    screenshot(page, "compare_side_by_side_desktop")
    context.close()


def test_changing_the_year_redraws_the_map_and_updates_the_link(page, app_url):
    from playwright.sync_api import expect

    open_shared_link(page, app_url)
    page.get_by_test_id("stSelectbox").filter(has_text="Tahun").first.click()
    page.get_by_role("option", name="2024", exact=True).click()
    expect(page.locator(".js-plotly-plot .gtitle").first).to_contain_text("Maret 2024", timeout=TIMEOUT)
    page.wait_for_function("() => window.location.search.includes('year=2024')", timeout=TIMEOUT)
    assert "region=3674" in page.url and "peers=3671%2C3672" in page.url
    expect(page.get_by_test_id("stException")).to_have_count(0)
    screenshot(page, "compare_year_2024_desktop")


def test_compare_page_at_phone_width(browser, app_url):
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": PHONE["width"], "height": 9000}, device_scale_factor=1,
                                  is_mobile=True, has_touch=True, user_agent=PHONE_AGENT)
    page = context.new_page()
    open_shared_link(page, app_url)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    charts_drawn(page)
    screenshot(page, "compare_shared_link_phone")
    # Four tab names do not fit in 390 px: they wrap, every one in view, none scrolled out behind an arrow
    # (before, "Berdampingan" began at x = 400 and the list scrolled, 451 px in 358).
    tabs = page.get_by_role("tab")
    expect(tabs).to_have_count(4)
    for index in range(4):
        box = tabs.nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (index, box)
    assert page.get_by_role("tablist").evaluate("e => e.scrollWidth <= e.clientWidth")
    open_tab(page, "Analisis kuadran")
    expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=TIMEOUT)
    charts_drawn(page)
    screenshot(page, "compare_quadrant_phone")
    context.close()


def test_clicking_a_region_on_the_map_selects_it(page, app_url):
    from playwright.sync_api import expect

    # Banten zoomed in: the lower left of the map is Kab. Pandeglang (3601), the largest kab/kota there.
    page.goto(app_url + "/compare?lang=id&region=3671&prov=36")
    expect(page.locator(".js-plotly-plot path.choroplethlocation").first).to_be_attached(timeout=TIMEOUT)
    page.keyboard.press("Escape")
    page.wait_for_timeout(3000)  # let the map finish its first paint before clicking into it
    # A point inside Pandeglang's drawn shape (its path's own geometry, not a guessed screen position).
    point = page.evaluate("""() => {
      const path = [...document.querySelectorAll('.js-plotly-plot path.choroplethlocation')]
        .find(p => p.__data__ && p.__data__.loc === '3601');
      const box = path.getBBox(), svg = path.ownerSVGElement, m = path.getScreenCTM();
      for (let fy = 0.5; fy < 0.95; fy += 0.05) for (let fx = 0.3; fx < 0.8; fx += 0.05) {
        const p = svg.createSVGPoint(); p.x = box.x + box.width * fx; p.y = box.y + box.height * fy;
        if (path.isPointInFill(p)) { const s = p.matrixTransform(m); return {x: s.x, y: s.y}; }
      }
      return null; }""")
    assert point, "no point inside Pandeglang's shape"
    page.mouse.click(point["x"], point["y"])
    page.wait_for_function("() => window.location.search.includes('region=3601')", timeout=TIMEOUT)
    expect(page.get_by_role("combobox", name="Pilih wilayah dari daftar")).to_have_value("Kab. Pandeglang")
    # The whole page follows (the map tab reruns on its own, but a region is the page's): the sidebar's region
    # and the rankings name Pandeglang.
    expect(page.get_by_test_id("stSidebar").get_by_role("combobox", name="Wilayah")).to_have_value(
        "Kab. Pandeglang, Banten", timeout=TIMEOUT)
    expect(page.get_by_test_id("stMarkdown").filter(has_text="Kab. Pandeglang, Maret 2025:").first).to_be_visible(timeout=TIMEOUT)


def test_switching_map_and_bars_redraws_only_that_chart(page, app_url):
    """The chart below the map (the province bars) stays the drawn one when the map is switched to bars and
    back: the page keeps its elements in place, so the browser does not draw it again (it drew the charts
    below again while the bars had no caption: issue #18)."""
    from playwright.sync_api import expect

    open_shared_link(page, app_url)
    page.locator(".js-plotly-plot").nth(1).wait_for(timeout=TIMEOUT)  # the map and the province bars
    page.wait_for_timeout(1500)
    for target, drawn in (("Diagram batang", ".js-plotly-plot g.trace.bars"),
                          ("Peta", ".js-plotly-plot path.choroplethlocation")):
        count = page.evaluate("() => { let i = 0; for (const el of document.querySelectorAll('.js-plotly-plot'))"
                              " el.__drawn = 'chart' + (i++); return i; }")
        assert count == 2
        page.get_by_test_id("stButtonGroup").filter(has_text="Tampilan").get_by_text(target, exact=True).click()
        expect(page.locator(drawn).first).to_be_attached(timeout=TIMEOUT)
        page.wait_for_function("() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState"
                               " === 'notRunning'", timeout=TIMEOUT)
        page.wait_for_timeout(1000)
        kept = page.evaluate("() => [...document.querySelectorAll('.js-plotly-plot')].map(el => el.__drawn || 'new')")
        assert kept == ["new", "chart1"], (target, kept)
    expect(page.get_by_test_id("stException")).to_have_count(0)


def choose(page, label: str, option: str) -> None:
    page.get_by_test_id("stSelectbox").filter(has_text=label).first.click()
    page.get_by_role("option", name=option, exact=True).click()


def test_a_choice_inside_the_map_tab_reruns_only_that_tab(page, app_url):
    """The map area, map or bars and the colour classes are the map tab's own: a change reruns the tab alone
    (ui.part), so the server sends its elements only, not the sidebar's and the page's head again (issue #18),
    and the tab still draws the new choice and writes it into the link; map or bars reruns the chart alone. A year change (the page's) sends
    everything again: the measure of "everything"."""
    from playwright.sync_api import expect

    page.add_init_script(COUNT_RECEIVED)
    page.goto(app_url + "/compare?lang=id&region=3671&prov=00")
    expect(page.locator(".js-plotly-plot path.choroplethlocation").first).to_be_attached(timeout=TIMEOUT)
    page.keyboard.press("Escape")
    whole = received_during(page, lambda: choose(page, "Tahun", "2024"))
    expect(page.locator(".js-plotly-plot .gtitle").first).to_contain_text("Maret 2024", timeout=TIMEOUT)
    alone = received_during(page, lambda: choose(page, "Wilayah peta", "Banten"))
    page.wait_for_function("() => window.location.search.includes('prov=36')", timeout=TIMEOUT)
    drawn = page.evaluate("() => [...new Set([...document.querySelectorAll('.js-plotly-plot path.choroplethlocation')]"
                          ".map(p => p.__data__ && p.__data__.loc))]")
    # Banten's eight kab/kota (the selected one's outline is drawn over its own shape).
    assert sorted(drawn) == ["3601", "3602", "3603", "3604", "3671", "3672", "3673", "3674"], drawn
    # Seen: 41 against 68 (the tab is most of the page); both were about 64 while every change reran the page.
    assert 0 < alone < whole * 0.75, (alone, whole)
    # Map or bars is a part within the tab: the switch sends the chart and its controls, not the rankings.
    switch = received_during(page, lambda: page.get_by_test_id("stButtonGroup").filter(has_text="Tampilan").get_by_text(
        "Diagram batang", exact=True).click())
    expect(page.locator(".js-plotly-plot g.trace.bars").first).to_be_attached(timeout=TIMEOUT)
    # Seen: 13 against the tab's 41.
    assert 0 < switch < alone / 2, (switch, alone)
    page.wait_for_function("() => window.location.search.includes('chart=bar')", timeout=TIMEOUT)
    # The page's own choices were kept: the year chosen before, the region.
    assert "year=2024" in page.url and "region=3671" in page.url
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_the_share_link_follows_a_choice_inside_the_map_tab(page, app_url):
    """While the share link is shown (outside the map tab), a change inside the tab reruns the whole page, so
    the link shown is the view's (with the tab rerun alone, it would still show the map)."""
    from playwright.sync_api import expect

    open_shared_link(page, app_url)
    page.get_by_text("Tampilkan tautannya untuk disalin").click()
    shown = page.get_by_test_id("stCode")
    expect(shown).to_contain_text("chart=map", timeout=TIMEOUT)
    page.get_by_test_id("stButtonGroup").filter(has_text="Tampilan").get_by_text("Diagram batang", exact=True).click()
    expect(page.locator(".js-plotly-plot g.trace.bars").first).to_be_attached(timeout=TIMEOUT)
    expect(shown).to_contain_text("chart=bar", timeout=TIMEOUT)
    page.wait_for_function("() => window.location.search.includes('chart=bar')", timeout=TIMEOUT)
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_the_colour_classes_survive_a_switch_to_the_bars_and_back(page, app_url):
    """The colour classes are not drawn while the bars are shown; switching back to the map shows the classes
    chosen before, still in the link (once lost when the map or bars became a part of its own: none chosen)."""
    from playwright.sync_api import expect

    page.goto(app_url + "/compare?lang=id&region=3671")
    expect(page.locator(".js-plotly-plot path.choroplethlocation").first).to_be_attached(timeout=TIMEOUT)
    page.keyboard.press("Escape")
    classes = page.get_by_test_id("stButtonGroup").filter(has_text="Kelas warna")
    views = page.get_by_test_id("stButtonGroup").filter(has_text="Tampilan")
    classes.get_by_role("radio", name="Interval sama", exact=True).click()
    page.wait_for_function("() => window.location.search.includes('classes=equal')", timeout=TIMEOUT)
    views.get_by_role("radio", name="Diagram batang", exact=True).click()
    expect(page.locator(".js-plotly-plot g.trace.bars").first).to_be_attached(timeout=TIMEOUT)
    expect(classes).to_have_count(0, timeout=TIMEOUT)
    views.get_by_role("radio", name="Peta", exact=True).click()
    expect(page.locator(".js-plotly-plot path.choroplethlocation").first).to_be_attached(timeout=TIMEOUT)
    expect(classes.get_by_role("radio", name="Interval sama", exact=True)).to_have_attribute(
        "aria-checked", "true", timeout=TIMEOUT)
    expect(classes.get_by_role("radio", name="Kuantil", exact=True)).to_have_attribute("aria-checked", "false")
    page.wait_for_timeout(1000)
    assert "classes=equal" in page.url
    expect(page.get_by_test_id("stException")).to_have_count(0)
