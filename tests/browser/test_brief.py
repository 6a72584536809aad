"""The Overview's one-page brief in real Chromium: one click downloads the region's PDF, on desktop and phone."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from tests.browser.conftest import DESKTOP, PHONE, screenshot

pytestmark = pytest.mark.browser
TIMEOUT = 45_000


@pytest.mark.parametrize(("lang", "viewport", "label", "expected"), [
    ("id", DESKTOP, "Unduh ringkasan 1 halaman (PDF)", ("ringkasan_3671_kota-tangerang_id.pdf", "5,19 %")),
    ("en", PHONE, "Download one-page brief (PDF)", ("brief_3671_kota-tangerang_en.pdf", "5.19 %")),
])
def test_the_overview_button_downloads_the_regions_one_page_pdf(browser, app_url, lang, viewport, label, expected):
    from playwright.sync_api import expect

    context = browser.new_context(viewport=viewport, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{app_url}/?region=3671&lang={lang}")
    button = page.get_by_role("button", name=label)
    expect(button).to_be_visible(timeout=TIMEOUT)
    expect(page.locator(".js-plotly-plot g.trace").first).to_be_visible(timeout=TIMEOUT)
    screenshot(page, f"brief_button_{lang}_{viewport['width']}")
    with page.expect_download(timeout=TIMEOUT) as download_info:
        button.click()
    download = download_info.value
    name, figure = expected
    assert download.suggested_filename == name
    pdf = download.path().read_bytes()
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = re.sub(r"\s+", " ", reader.pages[0].extract_text())
    assert "Kota Tangerang" in text and figure in text
    # The link printed on the page leads back to this view, on the address the browser used.
    assert f"{app_url}/?region=3671&lang={lang}" in text
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stDownloadButtonError")).to_have_count(0)
    context.close()
