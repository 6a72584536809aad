"""The signed-in account held in the browser session, with inactivity expiry.

Deliberately light (Streamlit and the standard library only): app.py reads it
before anything heavy is imported, so st.navigation is registered at once and a
deep link such as /poverty works even on a process's first, cold run.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

import streamlit as st

from analytics.i18n import DEFAULT_LANGUAGE, LANGUAGES

# Minutes of inactivity before a signed-in session ends (DASBOR_SESSION_MINUTES or
# `[dasbor] session_minutes` in secrets.toml override).
DEFAULT_SESSION_MINUTES = 30.0


@dataclass(frozen=True)
class SessionUser:
    name: str
    role: str
    stamp: str = ""  # the credential stamp the session was opened with (analytics.accounts.auth)
    sso: bool = False

    def can(self, role: str) -> bool:
        """Admins can do everything editors can."""
        return self.role == "admin" or self.role == role


def session_minutes() -> float:
    raw = os.environ.get("DASBOR_SESSION_MINUTES", "")
    if not raw:
        try:
            raw = str(st.secrets.get("dasbor", {}).get("session_minutes", ""))
        except Exception:  # no or unreadable secrets.toml: the default applies
            raw = ""
    try:
        return float(raw) if raw else DEFAULT_SESSION_MINUTES
    except ValueError:
        return DEFAULT_SESSION_MINUTES


def session_key() -> str | None:
    """The key that signs the remembered sign-in cookie (analytics.accounts.session_cookie):
    DASBOR_SESSION_KEY or `[dasbor] session_key` in secrets.toml, at least 32 characters; None
    (sessions then end on reload, as without the cookie) when neither is set."""
    from analytics.accounts.session_cookie import usable_key

    key = os.environ.get("DASBOR_SESSION_KEY", "")
    if not key:
        try:
            key = str(st.secrets.get("dasbor", {}).get("session_key", ""))
        except Exception:  # no or unreadable secrets.toml: no remembered sign-in
            key = ""
    return usable_key(key)


# A remembered sign-in cookie to remove on the next run (pages/_shared/remember.py).
FORGET_COOKIE = "_remember_forget"


# A copy of the language switch's value that outlives the widget (see navigation.language_switch).
SAVED_LANGUAGE = "_lang_saved"


def language() -> str:
    """The UI language: the switch's value, else the link's `lang`, else Indonesian."""
    lang = (st.session_state.get("lang") or st.session_state.get(SAVED_LANGUAGE)
            or st.query_params.get("lang", "id"))
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def user() -> SessionUser | None:
    """The signed-in account, or None; ends the session after the configured inactivity
    (the expired name is kept in `_expired_user` so it can be audited)."""
    session = st.session_state.get("user")
    if not session:
        return None
    now = time.time()
    if now - session["last_seen"] > session_minutes() * 60:
        st.session_state["_expired_user"] = session["name"]
        st.session_state["_expired"] = True
        st.session_state[FORGET_COOKIE] = True
        del st.session_state["user"]
        return None
    session["last_seen"] = now
    return SessionUser(session["name"], session["role"], session.get("stamp", ""), bool(session.get("sso")))


# Widget keys whose choices must survive a language switch (see keep_across_language).
_LANGUAGE_STABLE = "_language_stable_keys"


def keep_across_language(*keys: str) -> None:
    """Register widget keys (select boxes, multiselects, radios…) whose choice must survive a switch
    of language. Their options are ids and only the labels are translated, but the browser sends a
    choice back as the label it showed: after a switch the label no longer matches and Streamlit
    dropped the choice (the chosen measures of Kemiskinan emptied on the way back)."""
    st.session_state.setdefault(_LANGUAGE_STABLE, set()).update(keys)


def restore_choices() -> None:
    """The language switch's on_change: runs before the page, while the widgets still read the
    browser's labels in the old language, and sets each registered choice to its id again, which
    the new run's widgets then take as their value."""
    for key in st.session_state.get(_LANGUAGE_STABLE, ()):
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def start(name: str, role: str, stamp: str = "", *, sso: bool = False) -> None:
    st.session_state["user"] = {"name": name, "role": role, "last_seen": time.time(), "stamp": stamp, "sso": sso}
    st.session_state.pop("_expired", None)
    st.session_state.pop("_revoked", None)
    st.session_state.pop("_sign_in_for", None)


def set_role(role: str) -> None:
    """The account's role as the store now says (a demotion takes effect at once)."""
    if st.session_state.get("user"):
        st.session_state["user"]["role"] = role


def end() -> None:
    """End the session (sign-out, revoked account): its remembered sign-in goes too."""
    if st.session_state.pop("user", None) is not None:
        st.session_state[FORGET_COOKIE] = True
