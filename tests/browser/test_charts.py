"""Charts in real Chromium at phone (390 px) and desktop (1366 px) width, checked by bounding boxes:
every chart title inside the window and clear of plotly's toolbar; the national kab/kota map showing
Aceh's western tip and Papua's eastern border, and the Banten map showing Pandeglang; the PNG
download carrying the source line; plotly's toolbar in Indonesian.

Every window here has a desktop browser's user agent, also at 390 px (a narrow desktop window, or a
phone asking for the desktop site): the page must fit its charts to the width it gets, never to what
the browser says it is."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import SCRIPT_STATE, screenshot

pytestmark = pytest.mark.browser
TIMEOUT = 90_000
DESKTOP_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"
# Aceh's western tip (Pulau Breueh, 95.01° E) and Papua's eastern border (141.02° E) from the kab/kota layer;
# Kab. Pandeglang reaches 105.12° E (Ujung Kulon).
ACEH_WEST, PAPUA_EAST, PANDEGLANG_WEST = 95.02, 141.0, 105.12
WIDTHS = {"phone": 390, "desktop": 1366}

# The map as drawn: the screen box of the geo subplot's frame, of every region's path (by code), and the
# geo view's longitude and latitude ranges as plotly laid them out.
MAP_DRAWN = """() => {
  const gd = [...document.querySelectorAll('.js-plotly-plot')].find(g => g._fullLayout && g._fullLayout.geo);
  const box = e => { const r = e.getBoundingClientRect();
                     return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
  const geo = gd._fullLayout.geo;
  const paths = {};
  for (const p of gd.querySelectorAll('path.choroplethlocation')) {
    if (p.__data__ && p.__data__.loc && !(p.__data__.loc in paths)) paths[p.__data__.loc] = box(p);
  }
  return {frame: box(geo._subplot.bgRect.node()), paths: paths,
          lon: geo.lonaxis.range, lat: geo.lataxis.range};
}"""

TITLES_AND_TOOLBARS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(gd => {
  const title = gd.querySelector('.gtitle');
  const bar = gd.querySelector('.modebar');
  const box = e => { if (!e) return null; const r = e.getBoundingClientRect();
                     return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width}; };
  return {title: box(title), subtitle: box(gd.querySelector('.gtitle-subtitle')), bar: box(bar),
          text: title ? title.textContent : ''};
})"""


# Opens what hides the index-th chart: the tab whose panel holds it, the expander around it.
REVEAL = """index => {
  const chart = document.querySelectorAll('.js-plotly-plot')[index];
  for (let el = chart; el; el = el.parentElement) {
    if (el.getAttribute && el.getAttribute('role') === 'tabpanel') {
      const tab = document.getElementById(el.getAttribute('aria-labelledby'))
        || document.querySelector(`[role=tab][aria-controls="${el.id}"]`);
      if (tab) tab.click();
    }
    if (el.tagName === 'DETAILS' && !el.open) el.querySelector('summary').click();
  }
}"""


def toolbar_button(page, title: str):
    """The first chart and its toolbar button of this title, once hovering the chart has shown the toolbar."""
    chart = page.locator(".js-plotly-plot").first
    chart.hover(position={"x": 20, "y": 120})
    button = chart.locator(f".modebar-btn[data-title='{title}']")
    button.wait_for(timeout=TIMEOUT)
    return chart, button


def open_page(browser, app_url: str, path: str, width: int):
    from playwright.sync_api import expect

    # A tall window: Streamlit scrolls inside the page, so every chart is laid out and drawn.
    context = browser.new_context(viewport={"width": width, "height": 5000}, locale="id-ID",
                                  user_agent=DESKTOP_AGENT)
    page = context.new_page()
    page.goto(app_url + path)
    expect(page.locator(".js-plotly-plot .main-svg").first).to_be_visible(timeout=TIMEOUT)
    page.keyboard.press("Escape")
    # The run over (a session's first chart page first shows a placeholder chart while its run goes on);
    # each test then waits for the charts it measures.
    page.wait_for_function(f"({SCRIPT_STATE})() === 'notRunning'", timeout=TIMEOUT)
    page.wait_for_timeout(300)
    page.wait_for_function(f"({SCRIPT_STATE})() === 'notRunning'", timeout=TIMEOUT)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    return context, page


def overlaps(a: dict, b: dict) -> bool:
    return not (a["right"] <= b["left"] or b["right"] <= a["left"] or a["bottom"] <= b["top"] or b["bottom"] <= a["top"])


@pytest.mark.parametrize("size", list(WIDTHS))
@pytest.mark.parametrize("path", ["/poverty?lang=id&region=3671&measures=poor_count,p1&compare=5371",
                                  "/compare?lang=en&region=3671"])
def test_chart_titles_are_inside_the_window_and_clear_of_the_toolbar(browser, app_url, path, size):
    from playwright.sync_api import expect

    width = WIDTHS[size]
    context, page = open_page(browser, app_url, path, width)
    charts = page.locator(".js-plotly-plot")
    count = charts.count()
    assert count >= 2, count
    for index in range(count):
        chart = charts.nth(index)
        if not chart.is_visible():
            # A chart in a tab not opened (the target section's other tabs) or a closed expander: open it.
            page.evaluate(REVEAL, index)
        # Streamlit draws a chart only once its frame is scrolled near the view (the page scrolls inside
        # its main block, not the window): scroll its frame into view and wait until plotly has drawn it.
        page.get_by_test_id("stPlotlyChart").nth(index).evaluate("e => e.scrollIntoView({block: 'center'})")
        expect(chart.locator(".gtitle").first).to_be_visible(timeout=TIMEOUT)
        # The toolbar shows on hover: hover each chart, then compare the boxes.
        chart.hover(position={"x": 20, "y": 120})
        page.wait_for_timeout(150)
        box = page.evaluate(TITLES_AND_TOOLBARS)[index]
        assert box["title"] and box["text"], (path, size, index, box)
        assert box["title"]["left"] >= 0 and box["title"]["right"] <= width, (path, size, box)
        if box["subtitle"]:
            assert box["subtitle"]["right"] <= width + 1, (path, size, box)
        if box["bar"] and box["bar"]["width"] > 0:
            assert not overlaps(box["title"], box["bar"]), (path, size, box)
    screenshot(page, f"charts_{path.strip('/').split('?')[0] or 'overview'}_{size}")
    context.close()


def inside(inner: dict, outer: dict, slack: float = 1.0) -> bool:
    return (inner["left"] >= outer["left"] - slack and inner["right"] <= outer["right"] + slack
            and inner["top"] >= outer["top"] - slack and inner["bottom"] <= outer["bottom"] + slack)


def union(boxes: list[dict]) -> dict:
    return {"left": min(b["left"] for b in boxes), "right": max(b["right"] for b in boxes),
            "top": min(b["top"] for b in boxes), "bottom": max(b["bottom"] for b in boxes)}


def drawn_map(page) -> dict:
    page.locator(".js-plotly-plot path.choroplethlocation").first.wait_for(state="attached", timeout=TIMEOUT)
    page.wait_for_timeout(1000)
    return page.evaluate(MAP_DRAWN)


@pytest.mark.parametrize("size", list(WIDTHS))
def test_national_map_shows_aceh_to_papua_and_banten_map_shows_pandeglang(browser, app_url, size):
    width = WIDTHS[size]
    window = {"left": 0, "right": width, "top": 0, "bottom": 5000}
    context, page = open_page(browser, app_url, "/compare?lang=id&region=3671&ind=p0&level=kabkota", width)
    drawn = drawn_map(page)
    # The view plotly laid out spans Aceh's western tip to Papua's eastern border, Rote to Miangas.
    assert drawn["lon"][0] <= ACEH_WEST and drawn["lon"][1] >= PAPUA_EAST, drawn["lon"]
    assert drawn["lat"][0] <= -11.0 and drawn["lat"][1] >= 5.9, drawn["lat"]
    # ... and every one of the 514 regions is drawn inside the map's frame and the window: nothing clipped.
    assert len(drawn["paths"]) == 514
    frame = drawn["frame"]
    assert inside(frame, window), (frame, width)
    outside = {code: b for code, b in drawn["paths"].items() if not inside(b, frame)}
    assert not outside, outside
    # Aceh (11xx) is the westernmost drawn region and Papua (9xxx) the easternmost: both ends are there.
    west = min(drawn["paths"], key=lambda code: drawn["paths"][code]["left"])
    east = max(drawn["paths"], key=lambda code: drawn["paths"][code]["right"])
    assert west.startswith("11") and east.startswith("9"), (west, east)
    # The country fills the frame's width (fitted to it, not a small map in a wide frame).
    extent = union(list(drawn["paths"].values()))
    assert extent["right"] - extent["left"] >= 0.9 * (frame["right"] - frame["left"]) or \
        extent["bottom"] - extent["top"] >= 0.9 * (frame["bottom"] - frame["top"]), (extent, frame)
    # All five legend classes are drawn, inside the window.
    ticks = page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot .colorbar .cbaxis text')]
        .map(t => { const r = t.getBoundingClientRect(); return {left: r.left, right: r.right}; })""")
    assert len(ticks) == 5 and all(t["left"] >= 0 and t["right"] <= width for t in ticks), ticks
    screenshot(page, f"charts_national_map_{size}")
    context.close()
    context, page = open_page(browser, app_url, "/compare?lang=id&region=3601&prov=36&ind=p0&level=kabkota", width)
    drawn = drawn_map(page)
    assert drawn["lon"][0] <= PANDEGLANG_WEST and drawn["lon"][1] >= 106.78, drawn["lon"]
    assert sorted(drawn["paths"]) == ["3601", "3602", "3603", "3604", "3671", "3672", "3673", "3674"]
    assert all(inside(b, drawn["frame"]) and inside(b, window) for b in drawn["paths"].values()), drawn
    screenshot(page, f"charts_banten_map_{size}")
    context.close()


def test_png_and_svg_downloads_carry_the_source_line_and_toolbar_speaks_indonesian(browser, app_url):
    context, page = open_page(browser, app_url, "/poverty?lang=id&region=3671&measures=p0", 1366)
    chart, camera = toolbar_button(page, "Unduh grafik sebagai PNG")
    # What the PNG is drawn from: the figure's own layout, which carries the source line and the title.
    layout = page.evaluate("""() => { const gd = document.querySelector('.js-plotly-plot');
        return {annotations: gd._fullLayout.annotations.map(a => a.text), title: gd._fullLayout.title.text}; }""")
    assert any(text.startswith("Sumber: Badan Pusat Statistik") for text in layout["annotations"]), layout
    assert "Persentase penduduk miskin" in layout["title"]
    with page.expect_download(timeout=TIMEOUT) as download:
        camera.click()
    path = download.value.path()
    with open(path, "rb") as handle:
        assert handle.read(8) == b"\x89PNG\r\n\x1a\n"
    # SVG through the same button once chosen in the sidebar: the file is text, so read what it says.
    page.get_by_test_id("stSidebar").get_by_text("SVG", exact=True).click()
    page.wait_for_timeout(1500)
    chart, camera = toolbar_button(page, "Unduh grafik")
    with page.expect_download(timeout=TIMEOUT) as download:
        camera.click()
    assert download.value.suggested_filename.endswith(".svg")
    with open(download.value.path(), encoding="utf-8") as handle:
        svg = handle.read()
    assert svg.startswith("<svg")
    # The title whole (plotly writes each wrapped line as a tspan) and the source line with its table.
    for text in ("Persentase penduduk miskin", "Sumber: Badan Pusat Statistik", "Dasbor Kemiskinan, dibuat"):
        assert text in svg, text
    title = re.search(r'class="gtitle"[^>]*>(.*?)</text>', svg, re.S)
    assert title and re.sub(r"<[^>]+>", "", title.group(1)) == re.sub(r"<[^>]+>", "", layout["title"]), title
    context.close()
