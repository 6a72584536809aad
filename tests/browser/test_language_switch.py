"""Issue 20, item 13: every choice survives a language switch, both ways, in real Chromium.

The browser sends a choice back as the label it showed; after a switch Streamlit could no longer
match it and dropped it (Kemiskinan's measures emptied on the way back and its charts went).
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import EDITOR, SCRIPT_STATE, click_and_wait, sign_in

LANGUAGE_LABEL = {"id": "Bahasa Indonesia", "en": "English"}
# A link per page choosing something other than each default (a province as the region, so the
# region selector's translated labels are exercised too).
LINKS = {
    "poverty": "/poverty?region=3674&measures=p0,hdi&compare=3603&refs=0&view=chart",
    "compare": "/compare?region=3671&ind=hdi&level=kabkota&chart=bar&ref=province&weight=weighted&qy=p0",
    "programs": "/programs?region=3671&program=rtlh&from=2022",
    "overview": "/?region=36",
}


def params(url: str) -> dict[str, list[str]]:
    query = parse_qs(urlparse(url).query, keep_blank_values=True)
    query.pop("lang", None)
    return query


def settle(page) -> None:
    page.wait_for_function(f"({SCRIPT_STATE})() === 'notRunning'", timeout=60_000)


@pytest.mark.parametrize("first", ["id", "en"])
@pytest.mark.parametrize("name", list(LINKS))
def test_every_choice_survives_switching_language_and_back(page, app_url, name, first):
    other = "en" if first == "id" else "id"
    page.goto(f"{app_url}{LINKS[name]}&lang={first}")
    settle(page)
    expect(page.get_by_test_id("stMain").get_by_role("heading").first).to_be_visible(timeout=60_000)
    before = params(page.url)
    for lang in (other, first):
        click_and_wait(page, page.get_by_test_id("stSidebar").get_by_text(LANGUAGE_LABEL[lang], exact=True))
        assert params(page.url) == before, (name, lang)
        assert page.get_by_test_id("stException").count() == 0
    if name in ("poverty", "overview", "compare", "programs"):
        expect(page.locator(".js-plotly-plot .main-svg").first).to_be_visible(timeout=30_000)
    if name == "poverty":  # both measures' charts are back (the target section may add its own)
        expect(page.locator(".js-plotly-plot").nth(1)).to_be_visible(timeout=30_000)


def test_the_revision_chosen_on_history_survives_a_switch(page, app_url):
    sign_in(page, app_url, *EDITOR)
    click_and_wait(page, page.get_by_role("link", name="Riwayat"))
    settle(page)
    box = page.get_by_test_id("stSelectbox").filter(has_text="Revisi")
    expect(box).to_be_visible(timeout=30_000)
    chosen = box.inner_text()
    for lang in ("en", "id"):
        click_and_wait(page, page.get_by_test_id("stSidebar").get_by_text(LANGUAGE_LABEL[lang], exact=True))
    assert page.get_by_test_id("stSelectbox").filter(has_text="Revisi").inner_text() == chosen
    expect(page.get_by_text("Masuk sebagai")).to_be_visible()
