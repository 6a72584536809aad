"""Charts in real Chromium at phone (390 px) and desktop (1366 px) width, checked by bounding boxes:
every chart title inside the window and clear of plotly's toolbar; the national kab/kota map showing
Aceh's western tip and Papua's eastern border, and the Banten map showing Pandeglang; the PNG
download carrying the source line; plotly's toolbar in Indonesian."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser
TIMEOUT = 90_000
PHONE_AGENT = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36"
# Aceh's western tip (Pulau Breueh, 95.01° E) and Papua's eastern border (141.02° E) from the kab/kota layer;
# Kab. Pandeglang reaches 105.12° E (Ujung Kulon).
ACEH_WEST, PAPUA_EAST, PANDEGLANG_WEST = 95.02, 141.0, 105.12
WIDTHS = {"phone": 390, "desktop": 1366}

MAP_BOUNDS = """() => {
  const gd = [...document.querySelectorAll('.js-plotly-plot')].find(g => g._fullLayout && g._fullLayout.map);
  const map = gd._fullLayout.map._subplot.map;
  const b = map.getBounds();
  return {west: b.getWest(), east: b.getEast(), south: b.getSouth(), north: b.getNorth()};
}"""

TITLES_AND_TOOLBARS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(gd => {
  const title = gd.querySelector('.gtitle');
  const bar = gd.querySelector('.modebar');
  const box = e => { if (!e) return null; const r = e.getBoundingClientRect();
                     return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width}; };
  return {title: box(title), subtitle: box(gd.querySelector('.gtitle-subtitle')), bar: box(bar),
          text: title ? title.textContent : ''};
})"""


def open_page(browser, app_url: str, path: str, width: int):
    from playwright.sync_api import expect

    # A tall window: Streamlit scrolls inside the page, so every chart is laid out and drawn.
    context = browser.new_context(viewport={"width": width, "height": 5000}, locale="id-ID",
                                  user_agent=PHONE_AGENT if width < 600 else None)
    page = context.new_page()
    page.goto(app_url + path)
    expect(page.locator(".js-plotly-plot .main-svg").first).to_be_visible(timeout=TIMEOUT)
    page.keyboard.press("Escape")
    page.wait_for_timeout(2500)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    return context, page


def overlaps(a: dict, b: dict) -> bool:
    return not (a["right"] <= b["left"] or b["right"] <= a["left"] or a["bottom"] <= b["top"] or b["bottom"] <= a["top"])


@pytest.mark.parametrize("size", list(WIDTHS))
@pytest.mark.parametrize("path", ["/poverty?lang=id&region=3671&measures=poor_count,p1&compare=5371",
                                  "/compare?lang=en&region=3671"])
def test_chart_titles_are_inside_the_window_and_clear_of_the_toolbar(browser, app_url, path, size):
    width = WIDTHS[size]
    context, page = open_page(browser, app_url, path, width)
    charts = page.locator(".js-plotly-plot")
    for index in range(charts.count()):
        # A chart in a tab not opened (the target section's other tabs) is not laid out: nothing to check.
        if not charts.nth(index).is_visible():
            continue
        # The toolbar shows on hover: hover each chart, then compare the boxes.
        charts.nth(index).hover(position={"x": 20, "y": 120})
        page.wait_for_timeout(150)
        box = page.evaluate(TITLES_AND_TOOLBARS)[index]
        if box["title"] is None or not box["text"]:
            continue
        assert box["title"]["left"] >= 0 and box["title"]["right"] <= width, (path, size, box)
        if box["subtitle"]:
            assert box["subtitle"]["right"] <= width + 1, (path, size, box)
        if box["bar"] and box["bar"]["width"] > 0:
            assert not overlaps(box["title"], box["bar"]), (path, size, box)
    screenshot(page, f"charts_{path.strip('/').split('?')[0] or 'overview'}_{size}")
    context.close()


@pytest.mark.parametrize("size", list(WIDTHS))
def test_national_map_shows_aceh_to_papua_and_banten_map_shows_pandeglang(browser, app_url, size):
    width = WIDTHS[size]
    context, page = open_page(browser, app_url, "/compare?lang=id&region=3671&ind=p0&level=kabkota", width)
    page.locator(".maplibregl-canvas").first.wait_for(timeout=TIMEOUT)
    page.wait_for_timeout(1500)
    bounds = page.evaluate(MAP_BOUNDS)
    assert bounds["west"] <= ACEH_WEST and bounds["east"] >= PAPUA_EAST, bounds
    # All five legend classes are drawn, inside the window.
    ticks = page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot .colorbar .cbaxis text')]
        .map(t => { const r = t.getBoundingClientRect(); return {left: r.left, right: r.right}; })""")
    assert len(ticks) == 5 and all(t["left"] >= 0 and t["right"] <= width for t in ticks), ticks
    context.close()
    context, page = open_page(browser, app_url, "/compare?lang=id&region=3601&prov=36&ind=p0&level=kabkota", width)
    page.locator(".maplibregl-canvas").first.wait_for(timeout=TIMEOUT)
    page.wait_for_timeout(1500)
    bounds = page.evaluate(MAP_BOUNDS)
    assert bounds["west"] <= PANDEGLANG_WEST and bounds["east"] >= 106.78, bounds
    screenshot(page, f"charts_banten_map_{size}")
    context.close()


def test_png_download_carries_the_source_line_and_toolbar_speaks_indonesian(browser, app_url):
    context, page = open_page(browser, app_url, "/poverty?lang=id&region=3671&measures=p0", 1366)
    chart = page.locator(".js-plotly-plot").first
    chart.hover(position={"x": 20, "y": 120})
    camera = chart.locator(".modebar-btn[data-title='Unduh grafik sebagai PNG']")
    camera.wait_for(timeout=TIMEOUT)
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
    context.close()
