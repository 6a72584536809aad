"""What a screen reader hears of Streamlit's own controls in the Indonesian interface (issue #20,
item 12), read from Chromium's own accessibility tree (DevTools protocol), against the served
entry point (server.py serves the small script that renames them, pages/_shared/screen_reader.py);
and the upload size limit refused in the reader's language."""

from __future__ import annotations

import pytest

from tests.browser.conftest import EDITOR, click_and_wait, screenshot, sign_in, start_app, stop_app

pytestmark = pytest.mark.browser
TIMEOUT = 45_000
# Streamlit 1.67's English names on the sign-in page (sidebar, selectboxes, help, password field).
ENGLISH = {"Show password", "Hide password", "Help for Wilayah", "Main menu", "Sidebar", "App pages", "Open",
           "Skip to main content", "No results"}
# Streamlit's "File must be 55.0MB or smaller." in the string table's words (its number is its own
# limit, above the page's 50 MB, so the Indonesian names none).
TOO_LARGE = ("Berkas terlalu besar. Pecah berkasnya (mis. per tahun atau per provinsi), atau minta admin memuatnya "
             "lewat baris perintah.")


@pytest.fixture(scope="module")
def served(app_database_url, chromium_path):
    process, url = start_app(app_database_url, script="server.py")
    yield url
    stop_app(process)


def spoken(page) -> set[str]:
    """Every accessible name and text in Chromium's accessibility tree (what a screen reader reads)."""
    session = page.context.new_cdp_session(page)
    try:
        nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        session.detach()
    return {node["name"]["value"].strip() for node in nodes
            if not node.get("ignored") and node.get("name", {}).get("value", "").strip()}


def wait_for_language(page, lang: str) -> None:
    page.wait_for_function(f"() => document.documentElement.lang === '{lang}'", timeout=TIMEOUT)


def test_streamlits_own_controls_are_named_in_indonesian_and_back_in_english(page, served):
    from playwright.sync_api import expect

    page.goto(f"{served}/sign_in")
    expect(page.get_by_role("heading", name="Masuk untuk petugas")).to_be_visible(timeout=TIMEOUT)
    wait_for_language(page, "id")  # was <html lang="en">: Indonesian read with English pronunciation
    expect(page.get_by_role("button", name="Tampilkan kata sandi")).to_be_attached(timeout=TIMEOUT)
    names = spoken(page)
    assert {"Tampilkan kata sandi", "Bantuan untuk Wilayah", "Menu utama", "Bilah samping", "Halaman dasbor",
            "Buka pilihan", "Lompat ke isi utama"} <= names
    assert not names & ENGLISH, names & ENGLISH
    page.get_by_role("button", name="Tampilkan kata sandi").click()  # React sets "Hide password" now
    expect(page.get_by_role("button", name="Sembunyikan kata sandi")).to_be_attached(timeout=TIMEOUT)
    # A search in a selectbox that finds nothing.
    page.get_by_role("combobox", name="Provinsi").click()
    page.keyboard.type("zzzz")
    expect(page.get_by_text("Tidak ada hasil", exact=True)).to_be_visible(timeout=TIMEOUT)
    assert "No results" not in spoken(page)
    screenshot(page, "screen_reader_no_results_id")
    page.keyboard.press("Escape")
    # Back in English: Streamlit's own words again, and <html lang="en">.
    click_and_wait(page, page.get_by_text("English", exact=True))
    expect(page.get_by_role("heading", name="Staff sign-in")).to_be_visible(timeout=TIMEOUT)
    wait_for_language(page, "en")
    expect(page.get_by_role("button", name="Main menu")).to_be_attached(timeout=TIMEOUT)
    names = spoken(page)
    assert {"Main menu", "Sidebar", "App pages", "Help for Region"} <= names
    assert not {"Menu utama", "Bilah samping", "Halaman dasbor", "Buka pilihan"} & names


def _csv_of_megabytes(path, megabytes: int):
    """An illustrative CSV just over `megabytes` (one real-looking row repeated)."""
    row = b"3671,p0,2025,Maret,5.19\n"
    path.write_bytes(b"kode_wilayah,indikator,tahun,periode,nilai\n" + row * (megabytes * 1024 * 1024 // len(row) + 1))
    return path


def test_a_file_over_the_limit_is_refused_in_indonesian_even_past_streamlits_own_limit(page, served, tmp_path):
    from playwright.sync_api import expect

    sign_in(page, served, *EDITOR)
    page.get_by_test_id("stSidebarNav").get_by_text("Unggah data").click()
    dropzone = page.get_by_test_id("stFileUploaderDropzoneInput")
    expect(page.get_by_test_id("stFileUploaderDropzone")).to_be_visible(timeout=TIMEOUT)
    # 52 MB: over the page's 50 MB, under Streamlit's 55: the page's own message, what to do included.
    dropzone.set_input_files(str(_csv_of_megabytes(tmp_path / "besar.csv", 52)))
    expect(page.get_by_text("Berkas lebih dari 50 MB, jadi tidak dibaca")).to_be_visible(timeout=90_000)
    expect(page.get_by_text("Pecah berkasnya").first).to_be_visible()
    screenshot(page, "upload_over_limit_id")
    page.get_by_test_id("stFileChipDeleteBtn").get_by_role("button").click()
    expect(page.get_by_text("Berkas lebih dari 50 MB, jadi tidak dibaca")).to_have_count(0, timeout=TIMEOUT)
    # 56 MB: the browser refuses it before sending (Streamlit's limit); its words, in the tooltip and
    # for screen readers, are Indonesian.
    dropzone.set_input_files(str(_csv_of_megabytes(tmp_path / "sangat_besar.csv", 56)))
    alert = page.get_by_test_id("stFileUploader").get_by_role("alert")
    expect(alert).to_have_text(f"Galat: {TOO_LARGE}", timeout=TIMEOUT)
    box = alert.bounding_box()  # shown under the file (Streamlit keeps it for screen readers only)
    assert box["width"] > 100 and box["height"] > 10
    page.get_by_test_id("stFileChip").hover()
    expect(page.get_by_text(TOO_LARGE, exact=True)).to_be_visible(timeout=TIMEOUT)  # the tooltip
    assert not any("File must be" in name for name in spoken(page))
    screenshot(page, "upload_over_streamlit_limit_id")
