"""The remembered sign-in: a signed, expiring, HTTP-only cookie that lets a reload keep an editor
signed in within the inactivity limit (issue #20, item 12).

Streamlit talks to the browser over a websocket and cannot set a cookie from a script. The
cookie is set by a small HTTP route (server.py, Streamlit 1.67's `st.App`) that the page asks
for with an image: the signed-in script hands the browser a *ticket* (signed, valid for
TICKET_SECONDS, usable once by any app process sharing the store), and the route answers with the cookie. The
cookie holds the account name, its role and the credential stamp of the session (a digest of
the password hash, analytics.accounts.auth.credential_stamp), signed with a key from the deployment's
configuration (DASBOR_SESSION_KEY or `[dasbor] session_key` in secrets.toml; never committed),
and its signature carries the time it was issued. It is HttpOnly (no script can read it),
SameSite=Strict, Secure behind TLS, and expires after the inactivity limit; the page asks for a
fresh one as the editor works. On a session's start the cookie is only a claim: the account is
read again from the store (enabled, same password, role) before the session is resumed, and a
sign-out since the cookie was issued voids it. The ids of used tickets are kept in the store
(used_tickets), so "once" holds across all app processes on one database. No Streamlit.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

if TYPE_CHECKING:  # the store (pandas, SQLAlchemy) is imported only when a ticket is used
    from analytics.store.store import Store

COOKIE_NAME = "dasbor_session"
# The path of the route that turns a ticket into the cookie (and, with ?forget=1, removes it).
ROUTE = "/_dasbor/session"
# A ticket is used by the browser within a second of being handed out; a minute covers slow
# networks and leaves a copied ticket (a proxy log) useless soon after.
TICKET_SECONDS = 60
# How long a used ticket's id is kept: past its validity, plus room for the clocks of several
# app machines disagreeing (a process whose clock runs ahead must not forget an id that a
# process whose clock runs behind would still accept a ticket for).
KEEP_USED_SECONDS = TICKET_SECONDS + 300
# A key shorter than this is refused: the cookie would be forgeable by guessing.
MIN_KEY_LENGTH = 32
_TICKET_SALT = "dasbor.session.ticket"
_COOKIE_SALT = "dasbor.session.cookie"


@dataclass(frozen=True)
class Remembered:
    """What a valid cookie claims (to be checked against the store before it is believed)."""

    name: str
    role: str
    stamp: str
    issued_at: float  # Unix time the cookie was signed


def usable_key(key: str | None) -> str | None:
    """The key if it is long enough to sign with, else None (the feature is then off)."""
    key = (key or "").strip()
    if key.upper().startswith("CHANGE-ME"):  # the example's placeholder, copied unchanged
        return None
    return key if len(key) >= MIN_KEY_LENGTH else None


def _serializer(key: str, salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(key, salt=salt)


def ticket(key: str, name: str, role: str, stamp: str) -> str:
    """A one-time ticket for the cookie of the signed-in account `name`."""
    return _serializer(key, _TICKET_SALT).dumps({"u": name, "r": role, "s": stamp, "n": secrets.token_urlsafe(12)})


def cookie_for_ticket(key: str, value: str, store: Store, *, clock: float | None = None) -> str | None:
    """The cookie's value for a valid, fresh ticket that no app process on `store` has used, else
    None. Using it records its id in the store."""
    now = time.time() if clock is None else clock
    try:
        claim = _serializer(key, _TICKET_SALT).loads(value, max_age=TICKET_SECONDS)
    except (BadSignature, SignatureExpired, ValueError, TypeError):
        return None
    if not isinstance(claim, dict) or not all(isinstance(claim.get(k), str) for k in ("u", "r", "s", "n")):
        return None
    if not _first_use(store, claim["n"], now):
        return None
    return _serializer(key, _COOKIE_SALT).dumps({"u": claim["u"], "r": claim["r"], "s": claim["s"]})


def _first_use(store: Store, nonce: str, now: float) -> bool:
    """Record the ticket id `nonce` as used; False if any process recorded it before. One insert
    against the primary key, ignored on conflict: of two processes racing with the same ticket,
    the database lets exactly one row in. Ids whose tickets can no longer be valid are pruned."""
    from analytics.store.schema import used_tickets_table

    if not nonce or len(nonce) > used_tickets_table.c.nonce.type.length:
        return False
    if store.dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    with store.engine.begin() as conn:
        conn.execute(used_tickets_table.delete().where(used_tickets_table.c.forget_after < now))
        # RETURNING says whether the row went in (the driver's rowcount is not reliable here).
        inserted = conn.execute(insert(used_tickets_table).values(nonce=nonce, forget_after=now + KEEP_USED_SECONDS)
                                .on_conflict_do_nothing(index_elements=["nonce"])
                                .returning(used_tickets_table.c.nonce)).first()
        return inserted is not None


def read_cookie(key: str, value: str, max_age_seconds: float) -> Remembered | None:
    """The claim of a cookie signed with `key` no longer ago than `max_age_seconds`, else None."""
    try:
        claim, issued = _serializer(key, _COOKIE_SALT).loads(value, max_age=int(max_age_seconds),
                                                              return_timestamp=True)
    except (BadSignature, SignatureExpired, ValueError, TypeError):
        return None
    if not isinstance(claim, dict) or not all(isinstance(claim.get(k), str) for k in ("u", "r", "s")):
        return None
    return Remembered(claim["u"], claim["r"], claim["s"], issued.timestamp())
