"""Streamlit side of the remembered sign-in (analytics.accounts.session_cookie): resume a session from the
HTTP-only cookie on a session's first run, hand the browser a ticket for a fresh cookie as the
editor works, and remove the cookie when the session ends.

Light until a cookie is present: a public visitor (no cookie) never imports the store here.
"""

from __future__ import annotations

import html
import time

import streamlit as st

from analytics.accounts import session_cookie
from pages._shared import session

# Session-state keys: when this session last handed out a ticket; whether its cookie was looked
# at (st.context.cookies are those of the session's first request, so once is enough); and a
# cookie to remove on the next run (set by session.end).
ISSUED = "_remember_issued"
TRIED = "_remember_tried"
FORGET = session.FORGET_COOKIE


def refresh_seconds() -> float:
    """How old the cookie may get before a run asks for a fresh one: a quarter of the inactivity
    limit, at most five minutes (so a reload ends a session at most that much before the limit)."""
    return min(300.0, session.session_minutes() * 60 / 4)


def resume() -> session.SessionUser | None:
    """On a session's first run: a valid cookie, its account read again from the store (enabled,
    same password, no sign-out since the cookie was issued), signs the editor back in; audited
    either way. A lock on the name (failed password guesses) does not stop it: the lock is against
    guessing passwords, and this browser signed in with the password before (see analytics.accounts.auth)."""
    if st.session_state.get(TRIED):
        return None
    st.session_state[TRIED] = True
    try:
        value = st.context.cookies.get(session_cookie.COOKIE_NAME)
    except Exception:  # no browser request behind this run (tests, bare mode)
        return None
    key = session.session_key()
    if not value or key is None:
        return None
    from analytics.accounts import audit, auth
    from pages._shared import access, data

    claim = session_cookie.read_cookie(key, value, session.session_minutes() * 60)
    if claim is None:  # expired, or signed with another key
        st.session_state[FORGET] = True
        return None
    store = data.store()
    account, reason = auth.session_account(store, claim.name, claim.stamp)
    if account is not None and auth.signed_out_since(store, account.name, claim.issued_at):
        account, reason = None, "signed out since"
    if account is None:
        known = reason != "unknown account"
        audit.record(store, "session_revoked", user=claim.name if known else None, outcome="refused",
                     detail=f"remembered sign-in: {reason}", client=access.client_address())
        st.session_state[FORGET] = True
        return None
    session.start(account.name, account.role, claim.stamp)
    st.session_state[ISSUED] = claim.issued_at
    locked = auth.is_locked(store, account.name)
    audit.record(store, "session_resumed", user=account.name,
                 detail="remembered sign-in" + ("; password sign-in locked for this name" if locked else ""),
                 client=access.client_address())
    return session.user()


def keep() -> None:
    """Ask the browser (with an image, the only request a script can make it send) for a fresh
    cookie when the signed-in session's is older than refresh_seconds, or to remove the cookie of
    a session that ended. Nothing without a configured key or for an SSO session (Streamlit's own
    sign-in cookie remembers that one)."""
    if st.session_state.pop(FORGET, False):
        _request(f"{session_cookie.ROUTE}?forget=1")
        return
    user = session.user()
    key = session.session_key()
    if user is None or user.sso or key is None:
        return
    if time.time() - float(st.session_state.get(ISSUED, 0.0)) < refresh_seconds():
        return
    st.session_state[ISSUED] = time.time()
    _request(f"{session_cookie.ROUTE}?ticket={session_cookie.ticket(key, user.name, user.role, user.stamp)}")


def _request(url: str) -> None:
    st.html(f'<img src="{html.escape(url)}" alt="" width="1" height="1" style="display:none">')
