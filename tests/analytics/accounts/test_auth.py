"""Accounts, sign-in lockout and the audit log, on SQLite and PostgreSQL."""

from __future__ import annotations

import logging

import pytest
import sqlalchemy as sa

from analytics.accounts import audit, auth
from analytics.accounts.auth import AccountError
from analytics.store.store import Store

PASSWORD = "kata-sandi-rahasia-1"


@pytest.fixture
def accounts(empty_store: Store) -> Store:
    auth.add_user(empty_store, "siti", "editor", PASSWORD, by="test")
    auth.add_user(empty_store, "admin", "admin", "admin-password-99", by="test")
    return empty_store


def test_the_stored_hash_is_argon2id_and_the_clear_password_is_nowhere(accounts: Store, caplog):
    caplog.set_level(logging.DEBUG)
    auth.sign_in(accounts, "siti", PASSWORD)
    auth.sign_in(accounts, "siti", "wrong-password-1")
    with accounts.engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT password_hash FROM users WHERE name = 'siti'").scalar_one()
        dump = " ".join(str(row) for table in ("users", "login_attempts", "audit_log")
                        for row in conn.exec_driver_sql(f"SELECT * FROM {table}").all())
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in dump and "wrong-password-1" not in dump
    assert PASSWORD not in caplog.text


def test_right_password_signs_in_with_the_role_and_wrong_one_does_not(accounts: Store):
    assert auth.sign_in(accounts, "Siti ", PASSWORD).user == auth.User("siti", "editor")
    wrong = auth.sign_in(accounts, "siti", "not-the-password")
    assert not wrong.ok and wrong.locked_for == 0


def test_five_failures_lock_the_account_and_the_lock_releases_after_the_delay(accounts: Store):
    for attempt in range(4):
        assert auth.sign_in(accounts, "siti", "nope-nope-nope", clock=1000.0 + attempt).locked_for == 0
    fifth = auth.sign_in(accounts, "siti", "nope-nope-nope", clock=1004.0)
    assert fifth.locked_for == 60  # first lock: 60 s
    # Even the right password is refused while locked (t = 1030 < 1064).
    locked = auth.sign_in(accounts, "siti", PASSWORD, clock=1030.0)
    assert not locked.ok and locked.locked_for == 35  # 1064 − 1030 = 34 s, rounded up
    # A sixth failure after the lock doubles it: 120 s.
    assert auth.sign_in(accounts, "siti", "nope-nope-nope", clock=1065.0).locked_for == 120
    assert auth.sign_in(accounts, "siti", PASSWORD, clock=1186.0).ok  # 1065 + 120 = 1185 < 1186


def test_lock_delay_grows_and_is_capped():
    assert [auth.lock_seconds(n) for n in (4, 5, 6, 7, 20)] == [0, 60, 120, 240, 3600]


def test_an_unknown_name_is_treated_exactly_like_a_wrong_password(accounts: Store):
    results = [auth.sign_in(accounts, "tidak-ada", "whatever-123", clock=2000.0 + i) for i in range(5)]
    assert [r.locked_for for r in results] == [0, 0, 0, 0, 60]
    assert all(not r.ok for r in results)


def test_a_disabled_account_cannot_sign_in(accounts: Store):
    auth.disable_user(accounts, "siti", by="admin")
    assert not auth.sign_in(accounts, "siti", PASSWORD).ok


def test_reset_password_replaces_the_old_one_and_clears_the_lock(accounts: Store):
    for i in range(5):
        auth.sign_in(accounts, "siti", "nope-nope-nope", clock=3000.0 + i)
    auth.reset_password(accounts, "siti", "yang-baru-sekali", by="admin")
    assert auth.sign_in(accounts, "siti", "yang-baru-sekali", clock=3010.0).ok
    assert not auth.sign_in(accounts, "siti", PASSWORD, clock=3011.0).ok


@pytest.mark.parametrize(("name", "role", "password"), [
    ("Bad Name!", "editor", "long-enough-password"),
    ("budi", "superuser", "long-enough-password"),
    ("budi", "editor", "short"),
])
def test_bad_account_requests_are_refused_with_a_message(empty_store: Store, name, role, password):
    with pytest.raises(AccountError) as error:
        auth.add_user(empty_store, name, role, password)
    assert error.value.message_id and error.value.message_en


def test_every_account_action_and_sign_in_is_audited(accounts: Store):
    auth.sign_in(accounts, "siti", PASSWORD, client="127.0.0.1")
    auth.sign_in(accounts, "siti", "nope-nope-nope", client="127.0.0.1")
    auth.disable_user(accounts, "siti", by="admin")
    auth.reset_password(accounts, "siti", "yang-baru-sekali", by="admin")
    log = audit.entries(accounts)
    seen = list(zip(log["action"], log["outcome"], strict=True))[::-1]
    assert seen == [("user_add", "ok"), ("user_add", "ok"), ("sign_in", "ok"), ("sign_in", "failed"),
                    ("user_disable", "ok"), ("user_reset_password", "ok")]
    assert log[log["action"] == "sign_in"]["client"].tolist() == ["127.0.0.1", "127.0.0.1"]
    assert audit.entries(accounts, action="sign_in", user="siti")["outcome"].tolist() == ["failed", "ok"]


def test_the_audit_module_offers_no_way_to_edit_or_delete():
    public = {name for name in dir(audit) if not name.startswith("_")}
    assert not any(word in name for name in public for word in ("delete", "update", "edit", "remove", "clear"))


def test_unknown_audit_actions_are_a_programming_error(empty_store: Store):
    with pytest.raises(ValueError):
        audit.record(empty_store, "drop_everything", user="x")
    with empty_store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT COUNT(*) FROM audit_log")).scalar_one() == 0


@pytest.mark.parametrize(("email", "role"), [
    ("kepala@tangerangkota.go.id", "admin"),       # exact admin address wins over the domain rule
    ("Staf.Data@TangerangKota.go.id", "editor"),   # domain rule, any case
    ("someone@gmail.com", None),
    (None, None),
])
def test_sso_roles_come_from_configuration(email, role):
    mapping = {"admin": ["kepala@tangerangkota.go.id"], "editor": ["@tangerangkota.go.id"]}
    assert auth.sso_role(email, mapping) == role


def test_sso_mapping_accepts_a_single_string():
    assert auth.sso_role("a@b.id", {"editor": "@b.id"}) == "editor"
