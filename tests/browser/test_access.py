"""Trying to get in where one should not, as an outsider would, in real Chromium."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from tests.browser.conftest import ADMIN, EDITOR, click_and_wait, screenshot, sign_in

pytestmark = pytest.mark.browser
TIMEOUT = 45_000


def test_an_outsider_typing_the_admin_url_does_not_get_the_admin_page(page, app_url):
    from playwright.sync_api import expect

    page.goto(f"{app_url}/admin")
    # The admin URL leads to the sign-in page (the attempt is audited); the admin page never renders.
    expect(page.get_by_role("heading", name="Masuk untuk petugas")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("heading", name="Akun dan log audit")).to_have_count(0)
    expect(page.get_by_test_id("stSidebarNav").get_by_text("Akun & audit")).to_have_count(0)
    screenshot(page, "access_outsider_admin_url")


def test_five_wrong_passwords_lock_the_name_without_saying_whether_it_exists(page, app_url):
    from playwright.sync_api import expect

    page.goto(f"{app_url}/sign_in")
    expect(page.get_by_role("heading", name="Masuk untuk petugas")).to_be_visible(timeout=TIMEOUT)
    for attempt in range(5):
        page.get_by_label("Nama akun").fill("tebak-tebakan")
        page.get_by_label("Kata sandi").fill(f"salah-{attempt}-xxxxxx")
        click_and_wait(page, page.get_by_role("button", name="Masuk", exact=True))
        if attempt < 4:
            expect(page.get_by_text("Nama akun atau kata sandi salah.")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("Terlalu banyak percobaan gagal")).to_be_visible(timeout=TIMEOUT)
    screenshot(page, "access_locked")


def test_an_editor_signs_in_but_gets_no_account_administration(page, app_url):
    from playwright.sync_api import expect

    sign_in(page, app_url, *EDITOR)
    expect(page.get_by_text("Akun & audit")).to_have_count(0)
    page.goto(f"{app_url}/admin")
    expect(page.get_by_role("heading", name="Akun dan log audit")).to_have_count(0)
    screenshot(page, "access_editor")


def test_an_admin_sees_the_audit_log_with_the_failed_attempts(page, app_url):
    from playwright.sync_api import expect

    sign_in(page, app_url, *ADMIN)
    page.get_by_text("Akun & audit").click()
    expect(page.get_by_role("heading", name="Akun dan log audit")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    screenshot(page, "access_admin_audit")


def test_uploads_without_the_xsrf_token_are_refused(app_url):
    request = urllib.request.Request(f"{app_url}/_stcore/upload_file/abc/def", data=b"x", method="PUT")
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(request, timeout=10)
    assert error.value.code in (400, 403)
