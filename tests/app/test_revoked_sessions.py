"""Revoked and demoted accounts lose their powers in sessions opened before (issue 20, item 1),
and every refusal is in the audit log (item 4). AppTest, each test on its own store."""

from __future__ import annotations

import pandas as pd
import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from analytics.accounts import audit, auth
from analytics.store.schema import users_table
from tests.app.conftest import TEST_PASSWORD, as_editor, signed_in
from tests.conftest import ROOT

GOOD = b"kode_wilayah;indikator;tahun;periode;nilai\n3671;p0;2025;Maret;5,20\n"
# A correction to roll back (illustrative value, this test's store only).
UPLOAD = pd.DataFrame({"region_code": ["3671"], "measure": ["p0"], "year": [2025], "period": ["march"],
                       "value": [5.20], "status": ["final"], "source": ["uji"], "note": [None]})


@pytest.fixture
def app(writable_store, monkeypatch) -> AppTest:
    monkeypatch.setenv("DATABASE_URL", writable_store.url)
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


def refusals(store, user: str | None = None) -> list[str]:
    log = audit.entries(store, action="access_refused")
    if user is not None:
        log = log[log["user_name"] == user]
    return log["detail"].tolist()


def test_an_editor_disabled_while_previewing_cannot_save_and_the_attempt_is_audited(app, writable_store):
    as_editor(app, "pages/upload.py")
    app.file_uploader[0].set_value(("p0_2025.csv", GOOD, "text/csv"))
    app.run()
    app.text_area[0].input("Koreksi uji")
    auth.disable_user(writable_store, "siti", by="admin")  # from the command line, meanwhile
    next(b for b in app.button if b.label == "Simpan sebagai revisi baru").click()
    app.run()
    assert not app.exception
    assert writable_store.data_version() == 1  # nothing saved
    assert "user" not in app.session_state  # the session is over
    assert audit.entries(writable_store, action="session_revoked", user="siti")["detail"].tolist() == ["disabled"]
    # The page run that followed is refused too; no account is named (the session had ended).
    log = audit.entries(writable_store, action="access_refused")
    assert list(zip(log["user_name"].fillna(""), log["detail"], strict=True)) == [("", "upload: not signed in")]
    assert app.error[0].value == t_revoked("id")


def t_revoked(lang: str) -> str:
    from analytics.i18n import t

    return t("access.revoked", lang)


def test_a_password_reset_ends_the_accounts_other_sessions(app, writable_store):
    writable_store.load(UPLOAD, user="siti", file_name="koreksi.csv", sha256="a" * 64, note="uji")
    as_editor(app, "pages/history.py")
    assert app.title[0].value == "Riwayat revisi dan pemulihan"
    auth.reset_password(writable_store, "siti", "sandi-baru-yang-panjang", by="admin")
    app.selectbox(key="history_revision").set_value(1)
    app.run()
    assert "user" not in app.session_state
    assert writable_store.data_version() == 2  # no rollback possible
    assert audit.entries(writable_store, action="session_revoked")["detail"].tolist() == [
        "password changed since the session began"]


def test_a_new_sign_in_after_the_reset_works_again(writable_store):
    auth.add_user(writable_store, "budi", "editor", TEST_PASSWORD, by="test")
    old = auth.sign_in(writable_store, "budi", TEST_PASSWORD).user
    auth.reset_password(writable_store, "budi", "sandi-baru-yang-panjang", by="admin")
    new = auth.sign_in(writable_store, "budi", "sandi-baru-yang-panjang").user
    assert auth.session_account(writable_store, "budi", old.stamp)[0] is None
    assert auth.session_account(writable_store, "budi", new.stamp)[0] == auth.User("budi", "editor")


def test_a_disabled_admin_cannot_create_an_account_from_an_open_session(app, writable_store):
    signed_in(app, "kepala", "admin").run()
    app.switch_page("pages/admin.py")
    app.run()
    assert app.title[0].value == "Akun dan log audit"
    auth.disable_user(writable_store, "kepala", by="cli")
    app.text_input[0].input("penyusup")
    app.text_input[1].input("sandi-penyusup-panjang")
    next(b for b in app.button if b.label == "Buat akun").click()
    app.run()
    assert not app.exception
    assert "penyusup" not in set(auth.list_users(writable_store)["name"])
    assert not audit.entries(writable_store, action="user_add")["detail"].str.startswith("penyusup").any()
    assert audit.entries(writable_store, action="session_revoked", user="kepala")["detail"].tolist() == ["disabled"]


def test_an_admin_demoted_to_editor_loses_the_admin_page_at_once(app, writable_store):
    signed_in(app, "kepala", "admin").run()
    app.switch_page("pages/admin.py")
    app.run()
    with writable_store.engine.begin() as conn:
        conn.execute(users_table.update().where(users_table.c.name == "kepala").values(role="editor"))
    app.text_input[0].input("penyusup")
    app.text_input[1].input("sandi-penyusup-panjang")
    next(b for b in app.button if b.label == "Buat akun").click()
    app.run()
    assert "penyusup" not in set(auth.list_users(writable_store)["name"])
    assert refusals(writable_store, "kepala") == ["admin: role editor lacks admin"]
    assert app.session_state["user"]["role"] == "editor"  # still signed in, as what the store says


def test_a_password_guesser_locks_new_sign_ins_but_not_the_editor_already_at_work(app, writable_store):
    """Issue 20 review: the lock answers password guesses. It must not let anyone who knows an
    editor's name stop that editor's work for up to an hour: a session that signed in before the
    lock keeps writing (audited as such); a new password sign-in stays locked."""
    writable_store.load(UPLOAD, user="siti", file_name="koreksi.csv", sha256="a" * 64, note="uji")
    as_editor(app, "pages/history.py")
    for _ in range(auth.FAILURES_BEFORE_LOCK):  # someone guesses the password meanwhile
        auth.sign_in(writable_store, "siti", "tebakan-yang-salah")
    assert auth.is_locked(writable_store, "siti")
    app.selectbox(key="history_revision").set_value(1)
    app.run()
    app.text_input[0].input("Koreksi ditarik (uji)")
    app.checkbox[0].check()
    next(b for b in app.button if b.label == "Pulihkan ke revisi 1").click()
    app.run()
    assert writable_store.data_version() == 3 and writable_store.revision(3).kind == "rollback"
    assert writable_store.revision(3).user_name == "siti"
    assert refusals(writable_store, "siti") == []
    # The audit log shows the work done under the lock, next to the lock itself.
    log = audit.entries(writable_store, user="siti")
    assert "lock" in set(log["action"])
    # (one entry for the write; the checks on each run of the page are not logged)
    assert log.loc[log["action"] == "locked_name_write", "detail"].tolist() == ["rollback: signed in before the lock"]
    # The right password does not open a new session while the name is locked.
    assert not auth.sign_in(writable_store, "siti", TEST_PASSWORD).ok


def test_an_anonymous_run_of_a_write_page_is_refused_and_audited(app, writable_store):
    """A write page run without a session (a stale tab, a hand-made request) is refused and the
    refusal logged with no account name."""
    app.run()
    with pytest.raises(ValueError):  # not registered for anonymous visitors at all
        app.switch_page("pages/upload.py")
    # The check inside the page itself, for a session that lost its account mid-run:
    signed_in(app, "siti", "editor").run()
    with writable_store.engine.begin() as conn:
        conn.execute(sa.delete(users_table).where(users_table.c.name == "siti"))
    app.switch_page("pages/upload.py")
    app.run()
    assert writable_store.data_version() == 1
    assert audit.entries(writable_store, action="session_revoked")["detail"].tolist() == ["unknown account"]
