"""Upload in real Chromium: sign in, upload, preview, save, see it on the Overview, roll back;
and two app processes on one PostgreSQL see each other's uploads."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.browser.conftest import (
    EDITOR,
    SCRIPT_STATE,
    click_and_wait,
    screenshot,
    sign_in,
    start_app,
    stop_app,
)
from tests.conftest import ROOT, _reset, require

pytestmark = pytest.mark.browser
TIMEOUT = 45_000
CORRECTION = "kode_wilayah;indikator;tahun;periode;nilai\n3671;p0;2025;Maret;5,20\n"


def prepare(url: str) -> None:
    env = {**os.environ, "DATABASE_URL": url}
    subprocess.run([sys.executable, "-m", "analytics", "seed"], cwd=ROOT, check=True, env=env,
                   stdout=subprocess.DEVNULL)
    subprocess.run([sys.executable, "-m", "analytics", "users", "add", EDITOR[0], "--role", "editor"], cwd=ROOT,
                   check=True, env=env, input=EDITOR[1] + "\n", text=True, stdout=subprocess.DEVNULL)


@pytest.fixture
def own_app(tmp_path, chromium_path):
    """A private app and store: this test writes."""
    url = f"sqlite:///{tmp_path / 'upload.sqlite'}"
    prepare(url)
    process, address = start_app(url)
    yield address
    stop_app(process)


def upload_correction(page, app_url: str, tmp_path, shot: str | None = None) -> None:
    from playwright.sync_api import expect

    sign_in(page, app_url, *EDITOR)
    page.get_by_text("Unggah data", exact=True).first.click()
    expect(page.get_by_role("heading", name="Unggah data")).to_be_visible(timeout=TIMEOUT)
    upload = tmp_path / "koreksi_p0.csv"
    upload.write_text(CORRECTION, encoding="utf-8")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(upload))
    expect(page.get_by_text("0 baris baru, 1 berubah, 0 tidak berubah")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible()
    if shot:
        screenshot(page, f"{shot}_preview")
    page.get_by_label("Catatan revisi (wajib: apa dan mengapa)").fill("Koreksi P0 2025 (uji)")
    click_and_wait(page, page.get_by_role("button", name="Simpan sebagai revisi baru"))
    expect(page.get_by_text("Tersimpan sebagai revisi 2").first).to_be_visible(timeout=TIMEOUT)
    if shot:
        screenshot(page, f"{shot}_saved")


def test_upload_preview_save_show_and_roll_back(page, own_app, tmp_path):
    from playwright.sync_api import expect

    upload_correction(page, own_app, tmp_path, shot="upload")
    page.get_by_text("Ikhtisar", exact=True).first.click()
    expect(page.get_by_text("5,20 %").first).to_be_visible(timeout=TIMEOUT)
    screenshot(page, "upload_overview_after_save")

    page.get_by_text("Riwayat & pemulihan", exact=True).first.click()
    expect(page.get_by_role("heading", name="Riwayat revisi dan pemulihan")).to_be_visible(timeout=TIMEOUT)
    page.get_by_label("Revisi", exact=True).click()
    page.get_by_role("option").filter(has_text="1 · system").click()
    expect(page.get_by_role("button", name="Pulihkan ke revisi 1")).to_be_visible(timeout=TIMEOUT)
    # The data as of revision 1 is built only when its button is clicked (a deferred download).
    with page.expect_download(timeout=TIMEOUT) as download_info:
        page.get_by_role("button", name="Unduh data per revisi 1 (CSV)").click()
    download = download_info.value
    assert download.suggested_filename == "dasbor_revisi_1.csv"
    as_of = download.path().read_text(encoding="utf-8-sig")
    assert as_of.startswith("region_code,region_name,measure,year,period,value")
    assert "3671,Kota Tangerang,p0,2025,march,5.19," in as_of
    page.get_by_label("Alasan pemulihan (wajib)").fill("Uji pemulihan")
    page.get_by_text("Saya paham").click()
    click_and_wait(page, page.get_by_role("button", name="Pulihkan ke revisi 1"))
    expect(page.get_by_text("Dipulihkan sebagai revisi 3").first).to_be_visible(timeout=TIMEOUT)
    screenshot(page, "upload_rolled_back")
    page.get_by_text("Ikhtisar", exact=True).first.click()
    expect(page.get_by_text("5,19 %").first).to_be_visible(timeout=TIMEOUT)


@pytest.mark.postgres
def test_two_app_processes_on_one_postgresql_see_each_others_uploads(browser, chromium_path, tmp_path):
    from playwright.sync_api import expect

    url = os.environ.get("TEST_DATABASE_URL", "")
    require(bool(url), "TEST_DATABASE_URL is not set (PostgreSQL)")
    _reset(url)
    prepare(url)
    first, first_url = start_app(url)
    second, second_url = start_app(url)
    try:
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        reader = context.new_page()
        reader.goto(second_url)
        expect(reader.get_by_text("5,19 %").first).to_be_visible(timeout=TIMEOUT)
        writer = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
        upload_correction(writer, first_url, tmp_path)
        # The other process: its next rerun (here a reload) reads the new data version.
        reader.reload()
        expect(reader.get_by_text("5,20 %").first).to_be_visible(timeout=TIMEOUT)
        screenshot(reader, "upload_seen_by_second_process")
        context.close()
    finally:
        stop_app(first)
        stop_app(second)


def elements_sent(page, received: list, change, done) -> list[tuple[int, str, str]]:
    """(root container, element kind, heading text) of every element the server sends while `change` runs to
    its end (`received`: the websocket's frames, collected by a listener): 0 the page's main area, 1 the
    sidebar, 2 the container of style and script elements."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    received.clear()
    change()
    done()
    page.wait_for_function(f"({SCRIPT_STATE})() === 'notRunning'", timeout=TIMEOUT)
    page.wait_for_timeout(1000)
    found = []
    for payload in received:
        message = ForwardMsg()
        message.ParseFromString(payload if isinstance(payload, bytes) else payload.encode("latin-1"))
        if message.WhichOneof("type") == "delta" and message.delta.WhichOneof("type") == "new_element":
            element = message.delta.new_element
            kind = element.WhichOneof("type")
            found.append((message.metadata.delta_path[0], kind, element.heading.body if kind == "heading" else ""))
    return found


def test_the_excel_template_uploads_back_as_nothing_new_rerunning_only_the_upload_part(browser, app_url, tmp_path):
    """The Excel template downloaded from the page uploads back as nothing new. Choosing a file reruns the
    page's part (ui.part, issue #18) alone: the server sends the preview and none of the sidebar, the title or the
    template buttons again (read from the websocket's own messages); a region change in the sidebar still
    reruns everything (the check that the reading can tell them apart)."""
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID", accept_downloads=True)
    page = context.new_page()
    received: list[bytes] = []
    page.on("websocket", lambda socket: socket.on("framereceived", lambda payload: received.append(payload)))
    sign_in(page, app_url, *EDITOR)
    page.get_by_text("Unggah data", exact=True).first.click()
    expect(page.get_by_role("heading", name="Unggah data")).to_be_visible(timeout=TIMEOUT)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Unduh templat Excel (dengan contoh terisi)").click()
    download = download_info.value
    assert download.suggested_filename == "templat_dasbor.xlsx"
    template = tmp_path / "templat_dasbor.xlsx"
    download.save_as(template)
    page.wait_for_function(f"({SCRIPT_STATE})() === 'notRunning'", timeout=TIMEOUT)
    page.wait_for_timeout(1000)
    # A CSV file (one sheet: an Excel file of several first reruns the app to offer the sheet choice).
    correction = tmp_path / "koreksi_p0.csv"
    correction.write_text(CORRECTION, encoding="utf-8")
    with_file = elements_sent(
        page, received, lambda: page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(correction)),
        lambda: expect(page.get_by_text("0 baris baru, 1 berubah, 0 tidak berubah")).to_be_visible(timeout=TIMEOUT))
    assert {"file_uploader", "alert", "dataframe"} <= {kind for _, kind, _ in with_file}, with_file  # the preview
    assert not [e for e in with_file if e[0] == 1], with_file  # nothing of the sidebar
    assert "Unggah data" not in {body for _, _, body in with_file}  # nor the page's title
    assert "download_button" not in {kind for _, kind, _ in with_file}  # nor the template buttons
    # The example rows are Kota Tangerang's stored March 2025 figures: already there, unchanged.
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(template))
    expect(page.get_by_text("Templat dasbor: 0 baris baru, 0 berubah, 3 tidak berubah")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("Semua nilai dalam berkas sudah tersimpan persis sama")).to_be_visible()
    screenshot(page, "upload_excel_template_round_trip")

    page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").filter(has_text="Wilayah").first.click()
    region = elements_sent(page, received,
                           lambda: page.get_by_role("option", name="Kota Serang, Banten", exact=True).click(),
                           lambda: None)
    assert [e for e in region if e[0] == 1], region  # a full run: the sidebar is sent again
    assert "Unggah data" in {body for _, _, body in region}
    context.close()
