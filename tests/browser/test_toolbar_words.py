"""The chart toolbar's tooltips in the Indonesian interface, as Chromium draws them: plotly's own buttons
through the config's locale, Streamlit's full-screen button (fixed English title) through CSS."""

from __future__ import annotations

from tests.browser.test_charts import TIMEOUT, open_page, toolbar_button

AFTER = "(b) => getComputedStyle(b, '::after').content"


def test_every_toolbar_tooltip_reads_indonesian(browser, app_url):
    context, page = open_page(browser, app_url, "/programs?lang=id&region=3671", 1366)
    chart, _ = toolbar_button(page, "Unduh grafik sebagai PNG")
    titles = chart.locator(".modebar-btn").evaluate_all("(bs) => bs.map(b => b.getAttribute('data-title'))")
    assert titles == ["Unduh grafik sebagai PNG", "Kembalikan sumbu", "Fullscreen"], titles
    # What the tooltip shows is the ::after content drawn from data-title; for the full-screen button it is
    # the string table's Indonesian instead of Streamlit's fixed English title.
    drawn = chart.locator(".modebar-btn").evaluate_all(f"(bs) => bs.map({AFTER})")
    assert drawn == ['"Unduh grafik sebagai PNG"', '"Kembalikan sumbu"', '"Layar penuh"'], drawn
    context.close()
    # English stays plotly's and Streamlit's own.
    context, page = open_page(browser, app_url, "/programs?lang=en&region=3671", 1366)
    chart = page.locator(".js-plotly-plot").first
    chart.hover(position={"x": 20, "y": 120})
    chart.locator(".modebar-btn").first.wait_for(timeout=TIMEOUT)
    drawn = chart.locator(".modebar-btn").evaluate_all(f"(bs) => bs.map({AFTER})")
    # (plotly.js writes "png" or "PNG" depending on its version; the string table carries both.)
    assert [text.lower() for text in drawn] == ['"download plot as a png"', '"reset axes"', '"fullscreen"'], drawn
    context.close()
