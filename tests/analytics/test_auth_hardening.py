"""Issue 20: the lockout holds under parallel guesses (item 5), writes re-read the account
(item 1), refusals are audited and names normalised (item 4). SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from analytics import audit, auth
from analytics.store import Store

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
