"""Staying signed in across a reload (issue #20, item 12), in real Chromium against the served entry
point (`streamlit run server.py`): the HTTP-only cookie is set by server.py's route, read at the
next session's start, and checked against the store (password reset, disabled account, sign-out)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from analytics.accounts import audit
from analytics.store.store import Store
from tests.browser.conftest import (
    ADMIN,
    EDITOR,
    screenshot,
    sign_in,
    start_app,
    stop_app,
)
from tests.conftest import ROOT

pytestmark = pytest.mark.browser
TIMEOUT = 45_000
# Test-only signing key (a deployment sets its own in DASBOR_SESSION_KEY or secrets.toml).
KEY = "kunci-uji-untuk-cookie-sesi-" + "x" * 20


@pytest.fixture(scope="module")
def served(app_database_url, chromium_path):
    process, url = start_app(app_database_url, {"DASBOR_SESSION_KEY": KEY}, script="server.py")
    yield url
    stop_app(process)


def signed_in_as(page, name: str):
    return page.get_by_text(f"Masuk sebagai {name}")


def cli(database: str, *args: str, stdin: str | None = None) -> None:
    subprocess.run([sys.executable, "-m", "analytics", *args], cwd=ROOT, check=True, input=stdin, text=True,
                   env={**os.environ, "DATABASE_URL": database}, stdout=subprocess.DEVNULL)


def test_a_reload_keeps_the_editor_signed_in_with_an_http_only_cookie(page, served, app_database_url):
    from playwright.sync_api import expect

    sign_in(page, served, *EDITOR)
    expect(page.get_by_test_id("stSidebar").get_by_text("Unggah data")).to_be_visible(timeout=TIMEOUT)
    page.wait_for_function("() => performance.getEntriesByType('resource')"
                           ".some(e => e.name.includes('/_dasbor/session?ticket='))", timeout=TIMEOUT)
    cookie = next(c for c in page.context.cookies() if c["name"] == "dasbor_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert "dasbor_session" not in page.evaluate("document.cookie")  # no script can read it
    page.goto(f"{served}/upload")  # a new page load: a new Streamlit session
    expect(page.get_by_role("heading", name="Unggah data")).to_be_visible(timeout=TIMEOUT)
    page.reload()
    expect(page.get_by_role("heading", name="Unggah data")).to_be_visible(timeout=TIMEOUT)
    expect(signed_in_as(page, EDITOR[0])).to_be_visible(timeout=TIMEOUT)
    screenshot(page, "remembered_after_reload")
    log = audit.entries(Store(app_database_url), user=EDITOR[0], action="session_resumed")
    assert len(log) == 2 and set(log["detail"]) == {"remembered sign-in"}


def test_sign_out_removes_the_cookie_and_a_copy_of_it_no_longer_works(page, served, browser):
    from playwright.sync_api import expect

    sign_in(page, served, *EDITOR)
    page.wait_for_function("() => performance.getEntriesByType('resource')"
                           ".some(e => e.name.includes('/_dasbor/session?ticket='))", timeout=TIMEOUT)
    stolen = next(c for c in page.context.cookies() if c["name"] == "dasbor_session")
    page.get_by_role("button", name="Keluar").click()
    expect(page.get_by_test_id("stSidebar").get_by_text("Masuk (petugas)")).to_be_visible(timeout=TIMEOUT)
    page.wait_for_function("() => performance.getEntriesByType('resource')"
                           ".some(e => e.name.includes('/_dasbor/session?forget=1'))", timeout=TIMEOUT)
    assert "dasbor_session" not in {c["name"] for c in page.context.cookies()}
    page.reload()
    expect(page.get_by_test_id("stSidebar").get_by_text("Masuk (petugas)")).to_be_visible(timeout=TIMEOUT)
    # The cookie copied before the sign-out, replayed in another browser: void.
    other = browser.new_context()
    other.add_cookies([stolen])
    thief = other.new_page()
    thief.goto(f"{served}/upload")
    expect(thief.get_by_role("heading", name="Masuk untuk petugas")).to_be_visible(timeout=TIMEOUT)
    expect(signed_in_as(thief, EDITOR[0])).to_have_count(0)
    other.close()


def test_a_password_reset_or_a_disabled_account_voids_the_cookie(page, served, app_database_url):
    from playwright.sync_api import expect

    name = "editor.cookie"
    cli(app_database_url, "users", "add", name, "--role", "editor", stdin="kata-sandi-cookie-1\n")
    sign_in(page, served, name, "kata-sandi-cookie-1")
    page.wait_for_function("() => performance.getEntriesByType('resource')"
                           ".some(e => e.name.includes('/_dasbor/session?ticket='))", timeout=TIMEOUT)
    cli(app_database_url, "users", "reset-password", name, stdin="kata-sandi-cookie-2\n")
    page.reload()
    expect(page.get_by_test_id("stSidebar").get_by_text("Masuk (petugas)")).to_be_visible(timeout=TIMEOUT)
    expect(signed_in_as(page, name)).to_have_count(0)
    log = audit.entries(Store(app_database_url), user=name, action="session_revoked")
    assert log["detail"].tolist()[:1] == ["remembered sign-in: password changed since the session began"]
    # Signed in again with the new password, then disabled: the reload does not bring it back either.
    sign_in(page, served, name, "kata-sandi-cookie-2")
    page.wait_for_function("() => performance.getEntriesByType('resource')"
                           ".some(e => e.name.includes('/_dasbor/session?ticket='))", timeout=TIMEOUT)
    cli(app_database_url, "users", "disable", name)
    page.reload()
    expect(page.get_by_test_id("stSidebar").get_by_text("Masuk (petugas)")).to_be_visible(timeout=TIMEOUT)
    log = audit.entries(Store(app_database_url), user=name, action="session_revoked")
    assert log["detail"].tolist()[0] == "remembered sign-in: disabled"


def test_a_ticket_is_good_once_and_a_forged_one_never(served):
    import urllib.error
    import urllib.request

    for ticket in ("", "bukan-tiket", "eyJ1IjoiYWRtaW4udWppIn0.forged.sig"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{served}/_dasbor/session?ticket={ticket}", timeout=10)
        assert refused.value.code == 403 and "set-cookie" not in {h.lower() for h in refused.value.headers}
    assert ADMIN  # the admin account exists, yet no ticket names it: nothing to forge with
