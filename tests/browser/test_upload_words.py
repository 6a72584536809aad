"""The upload page in real Chromium (issue #20): Streamlit's own English words on the file uploader
are drawn over in Indonesian; a BPS table without a year asks for it and offers the file name's."""

from __future__ import annotations

import pytest

from tests.browser.conftest import EDITOR, PHONE, click_and_wait, screenshot, sign_in
from tests.conftest import FIXTURES

pytestmark = pytest.mark.browser
TIMEOUT = 45_000
NO_YEAR = FIXTURES / "uploads" / "bps_p0_banten_no_year_2024.xlsx"
BUTTON = '[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"]'
BUTTON_TEXT = f"{BUTTON} p"
LIMIT_TEXT = '[data-testid="stFileUploaderDropzoneInstructions"] span'


def drawn(page, selector: str) -> tuple[str, str]:
    """What the reader sees of an element: its own text's size and the text drawn after it."""
    return tuple(page.eval_on_selector(selector, "e => [getComputedStyle(e).fontSize, "
                                                 "getComputedStyle(e, '::after').content]"))


def spoken_name(page, selector: str) -> str:
    """The accessible name Chromium itself computes for the element (DevTools protocol)."""
    session = page.context.new_cdp_session(page)
    try:
        found = session.send("Runtime.evaluate", {"expression": f"document.querySelector({selector!r}).closest('button')"})
        node = session.send("DOM.describeNode", {"objectId": found["result"]["objectId"]})
        tree = session.send("Accessibility.getPartialAXTree", {"backendNodeId": node["node"]["backendNodeId"],
                                                               "fetchRelatives": False})
    finally:
        session.detach()
    return tree["nodes"][0]["name"]["value"]


def open_upload(page, app_url: str, lang: str) -> None:
    from playwright.sync_api import expect

    sign_in(page, app_url, *EDITOR)
    page.get_by_test_id("stSidebarNav").get_by_text("Unggah data").click()
    expect(page.get_by_test_id("stFileUploaderDropzone")).to_be_visible(timeout=TIMEOUT)
    if lang == "en":
        click_and_wait(page, page.get_by_text("English", exact=True))
        expect(page.get_by_role("heading", name="Upload data")).to_be_visible(timeout=TIMEOUT)


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_the_file_uploader_speaks_indonesian_in_the_indonesian_interface(page, app_url, viewport):
    open_upload(page, app_url, "id")
    if viewport == "phone":  # after signing in (the phone's sidebar starts closed)
        page.set_viewport_size(PHONE)
    assert drawn(page, BUTTON_TEXT)[0] == "0px" and drawn(page, BUTTON)[1] == '"Pilih berkas"'
    assert drawn(page, LIMIT_TEXT) == ("0px", '"Paling besar 50 MB per berkas • CSV, TSV, TXT, XLSX"')
    # What a screen reader hears (Chromium's accessibility tree): the drawn words only; before, the
    # shrunk English was still read ("UploadPilih berkas").
    assert spoken_name(page, BUTTON) == "Pilih berkas"
    screenshot(page, f"upload_words_id_{viewport}")


def test_the_english_interface_keeps_streamlits_own_words(page, app_url):
    open_upload(page, app_url, "en")
    assert drawn(page, BUTTON)[1] == "none" and drawn(page, BUTTON_TEXT)[0] != "0px"
    assert page.inner_text(BUTTON_TEXT) == "Upload"
    # The limit is the page's own (50 MB, under Streamlit's 55), drawn in English too.
    assert drawn(page, LIMIT_TEXT) == ("0px", '"50MB per file • CSV, TSV, TXT, XLSX"')
    screenshot(page, "upload_words_en_desktop")


def test_a_bps_table_without_a_year_asks_for_it_then_reads_it(page, app_url):
    from playwright.sync_api import expect

    open_upload(page, app_url, "id")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(NO_YEAR))
    expect(page.get_by_text("Tabel BPS tanpa tahun").first).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("textbox", name="Tahun data")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    screenshot(page, "upload_no_year_asked")
    click_and_wait(page, page.get_by_role("button", name="Pakai 2024 (dari nama berkas)"))
    # Read as March 2024, the four figures equal those already stored (real BPS figures).
    expect(page.get_by_text("Tabel unduhan BPS: 0 baris baru, 0 berubah, 4 tidak berubah.")).to_be_visible(
        timeout=TIMEOUT)
    expect(page.get_by_role("textbox", name="Tahun data")).to_have_value("2024")
    screenshot(page, "upload_no_year_read")
