"""The remembered sign-in's signed values (analytics.accounts.session_cookie): a ticket is good once and
for a minute, a cookie only with its key and within its age; nothing forged or altered passes."""

from __future__ import annotations

import time

import pytest

from analytics.accounts import session_cookie as sc

KEY = "kunci-uji-" + "k" * 30
OTHER_KEY = "kunci-lain-" + "k" * 30


def test_a_ticket_gives_one_cookie_that_names_the_account_and_its_credential_stamp():
    ticket = sc.ticket(KEY, "siti", "editor", "a" * 32)
    cookie = sc.cookie_for_ticket(KEY, ticket)
    assert cookie is not None
    claim = sc.read_cookie(KEY, cookie, 1800)
    assert (claim.name, claim.role, claim.stamp) == ("siti", "editor", "a" * 32)
    assert abs(claim.issued_at - time.time()) < 5
    assert sc.cookie_for_ticket(KEY, ticket) is None  # used: a copied ticket is worthless


def signed_ago(monkeypatch, seconds: float, make):  # type: ignore[no-untyped-def]
    """A value signed `seconds` ago (itsdangerous stamps it with time.time())."""
    import itsdangerous.timed

    real = time.time
    with monkeypatch.context() as patch:
        patch.setattr(itsdangerous.timed.time, "time", lambda: real() - seconds)
        return make()


def test_an_old_a_forged_or_a_foreign_ticket_gives_no_cookie(monkeypatch):
    ticket = sc.ticket(KEY, "siti", "editor", "a" * 32)
    assert sc.cookie_for_ticket(OTHER_KEY, ticket) is None
    payload, stamp, signature = ticket.rsplit(".", 2)
    assert sc.cookie_for_ticket(KEY, f"{payload}.{stamp}.{signature[::-1]}") is None
    assert sc.cookie_for_ticket(KEY, "") is None and sc.cookie_for_ticket(KEY, "bukan.tiket.sama.sekali") is None
    old = signed_ago(monkeypatch, sc.TICKET_SECONDS + 1, lambda: sc.ticket(KEY, "siti", "editor", "a" * 32))
    assert sc.cookie_for_ticket(KEY, old) is None
    recent = signed_ago(monkeypatch, sc.TICKET_SECONDS - 5, lambda: sc.ticket(KEY, "siti", "editor", "a" * 32))
    assert sc.cookie_for_ticket(KEY, recent) is not None


def test_a_cookie_is_refused_after_its_age_with_another_key_or_altered(monkeypatch):
    cookie = sc.cookie_for_ticket(KEY, sc.ticket(KEY, "siti", "editor", "a" * 32))
    assert sc.read_cookie(KEY, cookie, 1800) is not None
    assert sc.read_cookie(OTHER_KEY, cookie, 1800) is None
    payload, stamp, signature = cookie.rsplit(".", 2)
    assert sc.read_cookie(KEY, f"{payload}.{stamp}.{signature[::-1]}", 1800) is None
    # A ticket turned into a cookie is not a cookie (another salt), nor the reverse.
    assert sc.read_cookie(KEY, sc.ticket(KEY, "siti", "editor", "a" * 32), 1800) is None
    assert sc.cookie_for_ticket(KEY, cookie) is None
    old = signed_ago(monkeypatch, 1801, lambda: sc.cookie_for_ticket(KEY, sc.ticket(KEY, "siti", "editor", "a" * 32)))
    assert old is not None
    assert sc.read_cookie(KEY, old, 1800) is None
    assert sc.read_cookie(KEY, old, 3600) is not None


@pytest.mark.parametrize(("key", "usable"), [(None, False), ("", False), ("pendek", False), ("k" * 31, False),
                                             ("k" * 32, True), ("  " + "k" * 40 + "\n", True),
                                             ("CHANGE-ME-to-a-long-random-string-of-48-characters", False)])
def test_a_short_key_switches_the_feature_off_rather_than_signing_weakly(key, usable):
    assert (sc.usable_key(key) is not None) == usable
