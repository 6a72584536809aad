"""Who sees what: anonymous visitors, editors and admins (AppTest)."""

from __future__ import annotations

import time

from streamlit.testing.v1 import AppTest

from analytics.i18n import t
from tests.app.conftest import signed_in


def refused(app: AppTest, page: str) -> None:
    """A page that is not registered for this person never renders: either AppTest cannot find
    it at all, or Streamlit falls back to the default page."""
    try:
        app.switch_page(page)
        app.run()
    except ValueError as error:
        assert "Could not find a navigation page" in str(error)
        return
    assert not app.exception
    titles = [title.value for title in app.title]
    assert titles == ["Ikhtisar Kota Tangerang"] or (
        titles == [] and [e.value for e in app.error] == [t("access.denied", "id")])


def test_anonymous_visitors_get_the_sign_in_page_but_not_the_admin_page(app):
    app.run()
    app.switch_page("pages/sign_in.py")
    app.run()
    assert app.title[0].value == "Masuk untuk petugas"
    refused(app, "pages/admin.py")


def test_an_editor_cannot_open_account_administration(app):
    signed_in(app, "siti", "editor").run()
    refused(app, "pages/admin.py")


def test_an_admin_sees_accounts_and_the_audit_log(app):
    signed_in(app, "admin", "admin").run()
    app.switch_page("pages/admin.py")
    app.run()
    assert not app.exception
    assert app.title[0].value == "Akun dan log audit"
    assert "Masuk sebagai **admin** (admin)" in [m.value for m in app.sidebar.markdown]


def test_a_session_ends_after_inactivity(app, monkeypatch):
    monkeypatch.setenv("DASBOR_SESSION_MINUTES", "30")
    app.session_state["user"] = {"name": "siti", "role": "editor", "last_seen": time.time() - 31 * 60}
    app.run()
    assert "user" not in app.session_state
    assert not any("Masuk sebagai" in m.value for m in app.sidebar.markdown)


def test_wrong_password_shows_one_message_that_does_not_reveal_the_account(app):
    app.run()
    app.switch_page("pages/sign_in.py")
    app.run()
    app.text_input[0].input("tidak-ada-akun")
    app.text_input[1].input("salah-sekali-123")
    app.button[0].click()
    app.run()
    assert [e.value for e in app.error] == ["Nama akun atau kata sandi salah."]
