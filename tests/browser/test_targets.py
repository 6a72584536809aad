"""'Are we on track?' in real Chromium (issue #15): on a 390 px phone, both status cards of the
Overview (P0 and extreme poverty) answer with their status and whose target before any
scrolling, for Kota Tangerang, Kab. Lebak and a Papua kabupaten, in both languages."""

from __future__ import annotations

import pytest

from tests.browser.conftest import PHONE, screenshot

pytestmark = pytest.mark.browser
TIMEOUT = 45_000


@pytest.mark.parametrize(("region", "lang", "p0_status", "whose"), [
    ("3671", "id", "Sesuai lintasan", "target sendiri: 4,80 % pada 2029"),
    ("3602", "en", "Off track", "Banten province target: 2.42–3.42 % by 2029"),
    ("9401", "id", "Belum sesuai lintasan", "target nasional: 6,50–7,50 % pada 2026"),
])
def test_both_status_cards_answer_on_a_phone_without_scrolling(browser, app_url, region, lang, p0_status, whose):
    from playwright.sync_api import expect

    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(f"{app_url}/?region={region}&lang={lang}")
        heading = "Apakah sesuai target?" if lang == "id" else "Are we on track?"
        expect(page.get_by_role("heading", name=heading)).to_be_visible(timeout=TIMEOUT)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        extreme = "Persentase penduduk miskin ekstrem" if lang == "id" else "Extreme poverty rate"
        conflict = "3 target resmi berbeda" if lang == "id" else "3 official targets differ"
        for text in (p0_status, whose, extreme, conflict):
            locator = page.get_by_text(text, exact=False).first
            expect(locator).to_be_visible(timeout=TIMEOUT)
            box = locator.bounding_box()
            # Inside the first screen: nothing to scroll to.
            assert box is not None and box["y"] + box["height"] <= PHONE["height"], (text, box)
        screenshot(page, f"targets_overview_{region}_{lang}_phone")
    finally:
        context.close()
