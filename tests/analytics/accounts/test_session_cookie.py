"""The remembered sign-in's signed values (analytics.accounts.session_cookie): a ticket is good once and
for a minute, a cookie only with its key and within its age; nothing forged or altered passes.
"Once" holds across app processes sharing the store (SQLite and PostgreSQL)."""

from __future__ import annotations

import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa

from analytics.accounts import session_cookie as sc
from analytics.store.schema import used_tickets_table
from analytics.store.store import Store
from tests.conftest import ROOT

KEY = "kunci-uji-" + "k" * 30
OTHER_KEY = "kunci-lain-" + "k" * 30
# Another app process on the same database uses a ticket (prints whether it got a cookie).
OTHER_PROCESS = """
import sys
from analytics.accounts import session_cookie as sc
from analytics.store.store import Store
print("cookie" if sc.cookie_for_ticket(sys.argv[2], sys.argv[3], Store(sys.argv[1])) else "refused")
"""


@pytest.fixture
def tickets(empty_store: Store) -> Store:
    """The store that records used tickets (SQLite and PostgreSQL)."""
    return empty_store


def _in_another_process(store: Store, ticket: str) -> str:
    done = subprocess.run([sys.executable, "-c", OTHER_PROCESS, store.url, KEY, ticket], cwd=ROOT, check=True,
                          capture_output=True, text=True, timeout=60)
    return done.stdout.strip()


def _used_ids(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return sorted(conn.execute(sa.select(used_tickets_table.c.nonce)).scalars())


def test_a_ticket_gives_one_cookie_that_names_the_account_and_its_credential_stamp(tickets):
    ticket = sc.ticket(KEY, "siti", "editor", "a" * 32)
    cookie = sc.cookie_for_ticket(KEY, ticket, tickets)
    assert cookie is not None
    claim = sc.read_cookie(KEY, cookie, 1800)
    assert (claim.name, claim.role, claim.stamp) == ("siti", "editor", "a" * 32)
    assert abs(claim.issued_at - time.time()) < 5
    assert sc.cookie_for_ticket(KEY, ticket, tickets) is None  # used: a copied ticket is worthless


def signed_ago(monkeypatch, seconds: float, make):  # type: ignore[no-untyped-def]
    """A value signed `seconds` ago (itsdangerous stamps it with time.time())."""
    import itsdangerous.timed

    real = time.time
    with monkeypatch.context() as patch:
        patch.setattr(itsdangerous.timed.time, "time", lambda: real() - seconds)
        return make()


def test_an_old_a_forged_or_a_foreign_ticket_gives_no_cookie(tickets, monkeypatch):
    ticket = sc.ticket(KEY, "siti", "editor", "a" * 32)
    assert sc.cookie_for_ticket(OTHER_KEY, ticket, tickets) is None
    payload, stamp, signature = ticket.rsplit(".", 2)
    assert sc.cookie_for_ticket(KEY, f"{payload}.{stamp}.{signature[::-1]}", tickets) is None
    assert sc.cookie_for_ticket(KEY, "", tickets) is None
    assert sc.cookie_for_ticket(KEY, "bukan.tiket.sama.sekali", tickets) is None
    old = signed_ago(monkeypatch, sc.TICKET_SECONDS + 1, lambda: sc.ticket(KEY, "siti", "editor", "a" * 32))
    assert sc.cookie_for_ticket(KEY, old, tickets) is None
    recent = signed_ago(monkeypatch, sc.TICKET_SECONDS - 5, lambda: sc.ticket(KEY, "siti", "editor", "a" * 32))
    assert sc.cookie_for_ticket(KEY, recent, tickets) is not None


def test_a_cookie_is_refused_after_its_age_with_another_key_or_altered(tickets, monkeypatch):
    cookie = sc.cookie_for_ticket(KEY, sc.ticket(KEY, "siti", "editor", "a" * 32), tickets)
    assert sc.read_cookie(KEY, cookie, 1800) is not None
    assert sc.read_cookie(OTHER_KEY, cookie, 1800) is None
    payload, stamp, signature = cookie.rsplit(".", 2)
    assert sc.read_cookie(KEY, f"{payload}.{stamp}.{signature[::-1]}", 1800) is None
    # A ticket turned into a cookie is not a cookie (another salt), nor the reverse.
    assert sc.read_cookie(KEY, sc.ticket(KEY, "siti", "editor", "a" * 32), 1800) is None
    assert sc.cookie_for_ticket(KEY, cookie, tickets) is None
    old = signed_ago(monkeypatch, 1801,
                     lambda: sc.cookie_for_ticket(KEY, sc.ticket(KEY, "siti", "editor", "a" * 32), tickets))
    assert old is not None
    assert sc.read_cookie(KEY, old, 1800) is None
    assert sc.read_cookie(KEY, old, 3600) is not None


@pytest.mark.parametrize(("key", "usable"), [(None, False), ("", False), ("pendek", False), ("k" * 31, False),
                                             ("k" * 32, True), ("  " + "k" * 40 + "\n", True),
                                             ("CHANGE-ME-to-a-long-random-string-of-48-characters", False)])
def test_a_short_key_switches_the_feature_off_rather_than_signing_weakly(key, usable):
    assert (sc.usable_key(key) is not None) == usable


def test_a_ticket_used_by_one_app_process_is_refused_by_every_other(tickets):
    """Two app processes behind the proxy share one database: a ticket copied from the first
    (a proxy log, a browser history) is refused by the second and by this one."""
    ticket = sc.ticket(KEY, "siti", "editor", "a" * 32)
    assert _in_another_process(tickets, ticket) == "cookie"
    assert _in_another_process(tickets, ticket) == "refused"
    assert sc.cookie_for_ticket(KEY, ticket, tickets) is None
    assert sc.cookie_for_ticket(KEY, sc.ticket(KEY, "siti", "editor", "a" * 32), tickets) is not None  # a new one


def test_eight_processes_racing_with_one_ticket_get_exactly_one_cookie(tickets):
    ticket = sc.ticket(KEY, "siti", "editor", "a" * 32)
    stores = [Store(tickets.url) for _ in range(8)]  # eight connection pools, as eight processes hold
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            cookies = list(pool.map(lambda s: sc.cookie_for_ticket(KEY, ticket, s), stores))
    finally:
        for store in stores:
            store.dispose()
    assert sum(c is not None for c in cookies) == 1
    assert len(_used_ids(tickets)) == 1


def test_used_ticket_ids_are_forgotten_once_their_tickets_cannot_be_valid(tickets):
    first = sc.ticket(KEY, "siti", "editor", "a" * 32)
    now = time.time()
    assert sc.cookie_for_ticket(KEY, first, tickets, clock=now) is not None
    # Still kept just before KEEP_USED_SECONDS (clocks of app machines may disagree) ...
    assert sc.cookie_for_ticket(KEY, sc.ticket(KEY, "budi", "editor", "b" * 32), tickets,
                                clock=now + sc.KEEP_USED_SECONDS - 1) is not None
    assert len(_used_ids(tickets)) == 2
    # ... and pruned after it, when the next ticket is used: only the newest id is left.
    last = sc.ticket(KEY, "ani", "editor", "c" * 32)
    assert sc.cookie_for_ticket(KEY, last, tickets, clock=now + sc.KEEP_USED_SECONDS + 1) is not None
    assert len(_used_ids(tickets)) == 2
    assert sc.cookie_for_ticket(KEY, last, tickets, clock=now + sc.KEEP_USED_SECONDS + 2) is None  # still once
