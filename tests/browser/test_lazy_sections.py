"""Issue #18 in real Chromium: a first view of Kemiskinan sends no table and no share link (so the browser
loads neither the data grid nor the syntax highlighter before the charts); opening them draws the right
content and leaves the charts drawn."""

from __future__ import annotations

import pytest

from tests.browser.conftest import click_and_wait, screenshot

pytestmark = pytest.mark.browser
TIMEOUT = 45_000


def test_kemiskinan_builds_its_tables_and_share_link_when_opened(page, app_url):
    from playwright.sync_api import expect

    page.goto(app_url + "/poverty?lang=id&region=3671&measures=p0,extreme_poverty&tab=targets")
    expect(page.locator(".js-plotly-plot g.trace").first).to_be_visible(timeout=TIMEOUT)
    expect(page.locator(".js-plotly-plot")).to_have_count(2, timeout=TIMEOUT)  # the targets' tab: two glide paths
    expect(page.get_by_test_id("stDataFrame")).to_have_count(0)
    expect(page.get_by_test_id("stCode")).to_have_count(0)
    # P0's table of every target (its content is asserted in tests/app/test_lazy_sections.py: the grid is a canvas).
    click_and_wait(page, page.get_by_text("Semua target yang berlaku untuk wilayah ini").first)
    table = page.get_by_test_id("stDataFrame")
    expect(table).to_have_count(1, timeout=TIMEOUT)
    expect(table).to_be_visible()
    click_and_wait(page, page.get_by_text("Tampilkan tautannya untuk disalin"))
    code = page.get_by_test_id("stCode")
    expect(code).to_be_visible(timeout=TIMEOUT)
    expect(code).to_contain_text("region=3671")
    expect(code).to_contain_text("measures=p0%2Cextreme_poverty")
    expect(code).to_contain_text("tab=targets")
    expect(page.locator(".js-plotly-plot")).to_have_count(2)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    screenshot(page, "poverty_lazy_sections_open")
