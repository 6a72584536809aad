"""Issue 20: the lockout holds under parallel guesses (item 5), writes re-read the account
(item 1), refusals are audited and names normalised (item 4). SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from analytics.accounts import audit, auth
from analytics.store.store import Store

PASSWORD = "kata-sandi-rahasia-1"


@pytest.fixture
def accounts(empty_store: Store) -> Store:
    auth.add_user(empty_store, "siti", "editor", PASSWORD, by="test")
    return empty_store


def _count_verifications(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Wrap the argon2 check so the test can count how many guesses reached it."""
    calls = [0]
    guard = threading.Lock()
    real = auth._HASHER

    class Counting:
        def verify(self, stored: str, password: str) -> bool:
            with guard:
                calls[0] += 1
            return real.verify(stored, password)

        def __getattr__(self, name: str) -> object:
            return getattr(real, name)

    monkeypatch.setattr(auth, "_HASHER", Counting())
    return calls


@pytest.mark.parametrize("name", ["siti", "tidak-ada"])
def test_24_parallel_wrong_guesses_reach_the_hash_at_most_five_times_and_lock(accounts, monkeypatch, name):
    calls = _count_verifications(monkeypatch)
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda i: auth.sign_in(accounts, name, f"tebakan-{i:02d}-salah", clock=5000.0),
                                range(24)))
    assert calls[0] == auth.FAILURES_BEFORE_LOCK  # the policy's five, not 17
    assert not any(r.ok for r in results)
    # Four plain failures, the fifth (locks for 60 s), then 19 refused unchecked (61: rounded up).
    assert sorted(r.locked_for for r in results) == [0] * 4 + [60] + [61] * 19
    # Even the right password is refused now.
    assert not auth.sign_in(accounts, name, PASSWORD, clock=5001.0).ok
    outcomes = audit.entries(accounts, action="sign_in")["outcome"].value_counts().to_dict()
    assert outcomes == {"locked": 20, "failed": 5}


def test_the_right_password_after_four_failures_still_signs_in(accounts):
    for i in range(4):
        auth.sign_in(accounts, "siti", "salah-salah-salah", clock=100.0 + i)
    assert auth.sign_in(accounts, "siti", PASSWORD, clock=110.0).ok
    # …and clears the count: four more failures do not lock.
    assert [auth.sign_in(accounts, "siti", "salah-lagi-salah", clock=120.0 + i).locked_for for i in range(4)] == [0] * 4


def test_authorise_refuses_disabled_locked_demoted_and_reset_accounts_and_audits_each(accounts):
    siti = auth.sign_in(accounts, "siti", PASSWORD).user
    assert auth.authorise(accounts, "siti", "editor", action="upload_save", stamp=siti.stamp) == siti
    with pytest.raises(auth.AccessRefused):
        auth.authorise(accounts, "siti", "admin", action="user_add", stamp=siti.stamp)
    auth.reset_password(accounts, "siti", "sandi-baru-panjang-1", by="admin")
    with pytest.raises(auth.AccessRefused):
        auth.authorise(accounts, "siti", "editor", action="upload_save", stamp=siti.stamp)
    fresh = auth.sign_in(accounts, "siti", "sandi-baru-panjang-1").user
    auth.disable_user(accounts, "siti", by="admin")
    with pytest.raises(auth.AccessRefused):
        auth.authorise(accounts, "siti", "editor", action="rollback", stamp=fresh.stamp)
    with pytest.raises(auth.AccessRefused):
        auth.authorise(accounts, "hantu", "editor", action="rollback")
    log = audit.entries(accounts, action="access_refused")
    assert list(zip(log["user_name"].fillna(""), log["detail"], strict=True))[::-1] == [
        ("siti", "user_add: role editor lacks admin"),
        ("siti", "upload_save: password changed since the session began"),
        ("siti", "rollback: disabled"),
        ("", "rollback: unknown account ('hantu')"),
    ]


def test_account_names_are_normalised_everywhere(accounts):
    auth.add_user(accounts, " ED1 ", "editor", PASSWORD, by="test")
    assert "ed1" in set(auth.list_users(accounts)["name"])
    assert auth.writer(accounts, " ED1 ").name == "ed1"
    assert auth.sign_in(accounts, "\tEd1 ", PASSWORD).user == auth.User("ed1", "editor")


@pytest.mark.parametrize("password", ["password12", "qwertyuiop", "1234567890", "3829104756", "0812-3456-7890",
                                      "Qwerty12345", "1q2w3e4r5t", "aaaaaaaaaa"])
def test_common_and_trivially_guessable_passwords_are_refused_with_a_message(accounts, password):
    """Issue 20, item 6 (the list: analytics/common_passwords.txt, from Django's bundled list)."""
    with pytest.raises(auth.AccountError) as refused:
        auth.add_user(accounts, "budi", "editor", password, by="test")
    assert refused.value.message_en.startswith("This password is too common or easy to guess")
    assert refused.value.message_id.startswith("Kata sandi ini terlalu umum atau mudah ditebak")
    with pytest.raises(auth.AccountError):
        auth.reset_password(accounts, "siti", password, by="admin")


def test_the_account_name_with_a_few_characters_added_is_refused(accounts):
    with pytest.raises(auth.AccountError):
        auth.reset_password(accounts, "siti", "Siti-12345", by="admin")


def test_an_uncommon_passphrase_is_accepted_and_stored_as_argon2id(accounts):
    auth.add_user(accounts, "budi", "editor", "mangga-sepeda-hujan-7", by="test")
    assert auth.sign_in(accounts, "budi", "mangga-sepeda-hujan-7").ok
    with accounts.engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT password_hash FROM users WHERE name = 'budi'").scalar_one()
    assert stored.startswith("$argon2id$")


def test_a_disabled_account_takes_the_same_path_as_a_wrong_password(accounts, monkeypatch):
    """No oracle: the right password of a disabled account costs one argon2 check, is audited as
    a failure and counts towards the lock, exactly like a wrong one."""
    calls = _count_verifications(monkeypatch)
    auth.disable_user(accounts, "siti", by="admin")
    right = auth.sign_in(accounts, "siti", PASSWORD, clock=10.0)
    wrong = auth.sign_in(accounts, "siti", "salah-salah-salah", clock=11.0)
    assert (right, wrong) == (auth.SignIn(None, 0), auth.SignIn(None, 0))
    assert calls[0] == 2
    assert audit.entries(accounts, action="sign_in")["outcome"].tolist() == ["failed", "failed"]
    results = [auth.sign_in(accounts, "siti", PASSWORD, clock=12.0 + i) for i in range(3)]
    assert [r.locked_for for r in results] == [0, 0, 60]


def test_a_lock_stops_new_sign_ins_not_a_session_that_signed_in_before_it(accounts):
    """Issue 20 review: the lock answers password guesses; the editor already signed in keeps
    working (audited), a caller without a session (no stamp) is still refused while locked."""
    siti = auth.sign_in(accounts, "siti", PASSWORD, clock=1000.0).user
    for i in range(auth.FAILURES_BEFORE_LOCK):
        auth.sign_in(accounts, "siti", "tebakan-salah-salah", clock=1001.0 + i)
    assert auth.is_locked(accounts, "siti", clock=1010.0)
    assert auth.authorise(accounts, "siti", "editor", action="upload_save", stamp=siti.stamp, clock=1010.0) == siti
    assert auth.authorise(accounts, "siti", "editor", action="upload", stamp=siti.stamp, clock=1010.0,
                          write=False) == siti
    with pytest.raises(auth.AccessRefused):
        auth.authorise(accounts, "siti", "editor", action="upload_save", clock=1010.0)
    assert not auth.sign_in(accounts, "siti", PASSWORD, clock=1011.0).ok  # the lock holds for sign-in
    # Only the write is logged as done under the lock, not the page check.
    log = audit.entries(accounts, user="siti", action="locked_name_write")
    assert log["detail"].tolist() == ["upload_save: signed in before the lock"]
    # Once the lock has run out, nothing more is logged.
    auth.authorise(accounts, "siti", "editor", action="rollback", stamp=siti.stamp, clock=1001.0 + 4 + 3601)
    assert len(audit.entries(accounts, user="siti", action="locked_name_write")) == 1
