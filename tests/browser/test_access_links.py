"""Issue 20, items 4 and 12: a staff page's link opened without the right account is audited;
signed out, it leads to the sign-in page and, once signed in, back to the page. Real Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from analytics.accounts import audit
from analytics.store.store import Store
from tests.browser.conftest import EDITOR, click_and_wait, screenshot, sign_in

pytestmark = pytest.mark.browser
TIMEOUT = 45_000


def refusals(database_url: str, detail: str) -> int:
    store = Store(database_url)
    try:
        log = audit.entries(store, action="access_refused")
    finally:
        store.dispose()
    return int((log["detail"] == detail).sum())


def test_a_bookmarked_upload_link_leads_to_sign_in_and_back(page, app_url, app_database_url):
    before = refusals(app_database_url, "upload (link): not signed in")
    page.goto(f"{app_url}/upload")
    expect(page.get_by_role("heading", name="Masuk untuk petugas")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("Halaman Unggah data hanya untuk petugas")).to_be_visible()
    expect(page.get_by_text("Page not found")).to_have_count(0)
    screenshot(page, "access_link_sign_in_first")
    assert refusals(app_database_url, "upload (link): not signed in") == before + 1
    page.get_by_label("Nama akun").fill(EDITOR[0])
    page.get_by_label("Kata sandi").fill(EDITOR[1])
    click_and_wait(page, page.get_by_role("button", name="Masuk", exact=True))
    expect(page.get_by_role("heading", name="Unggah data")).to_be_visible(timeout=TIMEOUT)
    assert page.url.rstrip("/").endswith("/upload") or "/upload?" in page.url


def test_an_editor_on_the_admin_link_is_refused_and_audited(page, app_url, app_database_url):
    sign_in(page, app_url, *EDITOR)
    before = refusals(app_database_url, "admin (link): role editor lacks admin")
    # Within the session (a reload would start a new one): the address bar, as a client would.
    page.evaluate("() => { window.history.pushState({}, '', '/admin'); window.dispatchEvent(new PopStateEvent('popstate')); }")
    expect(page.get_by_text("Halaman ini hanya untuk petugas yang berwenang")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("heading", name="Akun dan log audit")).to_have_count(0)
    assert refusals(app_database_url, "admin (link): role editor lacks admin") == before + 1


def test_the_language_of_the_link_is_kept_through_sign_in(page, app_url):
    page.goto(f"{app_url}/history?lang=en")
    expect(page.get_by_role("heading", name="Staff sign-in")).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("textbox", name="Account name").fill(EDITOR[0])
    page.get_by_role("textbox", name="Password").fill(EDITOR[1])
    click_and_wait(page, page.get_by_role("button", name="Sign in", exact=True))
    expect(page.get_by_role("heading", name="Revision history and rollback")).to_be_visible(timeout=TIMEOUT)
