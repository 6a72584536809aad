"""Who is signed in, for how long, and what they may see (Streamlit side of analytics.auth)."""

from __future__ import annotations

import logging
import os
import time

import streamlit as st

from analytics import audit, auth
from analytics.auth import User
from analytics.i18n import t
from pages._shared import data

LOG = logging.getLogger("dasbor.access")
# Minutes of inactivity before a signed-in session ends (DASBOR_SESSION_MINUTES overrides).
DEFAULT_SESSION_MINUTES = 30


def session_minutes() -> float:
    raw = os.environ.get("DASBOR_SESSION_MINUTES", "")
    try:
        return float(raw) if raw else float(_secret("session_minutes", DEFAULT_SESSION_MINUTES))
    except ValueError:
        return DEFAULT_SESSION_MINUTES


def _secret(key: str, default: object = None) -> object:
    try:
        return st.secrets.get("dasbor", {}).get(key, default)
    except (FileNotFoundError, KeyError, AttributeError):
        return default
    except Exception:  # a malformed secrets.toml must not take the public dashboard down
        LOG.exception("could not read secrets")
        return default


def client_address() -> str | None:
    try:
        address = st.context.ip_address
    except Exception:
        return None
    return address if isinstance(address, str) else None


def current_user() -> User | None:
    """The signed-in account, or None; ends the session after the configured inactivity."""
    session = st.session_state.get("user")
    if not session:
        return None
    now = time.time()
    if now - session["last_seen"] > session_minutes() * 60:
        audit.record(data.store(), "session_expired", user=session["name"], client=client_address())
        del st.session_state["user"]
        st.session_state["_expired"] = True
        return None
    session["last_seen"] = now
    return User(session["name"], session["role"])


def start_session(user: User) -> None:
    st.session_state["user"] = {"name": user.name, "role": user.role, "last_seen": time.time()}
    st.session_state.pop("_expired", None)


def sign_out(lang: str) -> None:
    user = current_user()
    if user is not None:
        audit.record(data.store(), "sign_out", user=user.name, client=client_address())
    st.session_state.pop("user", None)
    if sso_configured():
        try:
            if st.user.is_logged_in:
                st.logout()
        except Exception:
            LOG.exception("SSO logout failed")


def require(role: str, lang: str) -> User:
    """Stop the page unless the signed-in account has `role` (pages that write call this first)."""
    user = current_user()
    if user is None or not user.can(role):
        st.error(t("access.denied", lang))
        st.stop()
    return user  # type: ignore[return-value]


def sso_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:
        return False


def sso_user() -> User | None:
    """An SSO identity mapped to a role by `[dasbor.sso_roles]`, or None."""
    if not sso_configured():
        return None
    try:
        if not st.user.is_logged_in:
            return None
        email = st.user.get("email")
    except Exception:
        return None
    mapping = _secret("sso_roles", {}) or {}
    role = auth.sso_role(str(email) if email else None, mapping)  # type: ignore[arg-type]
    return User(str(email).lower(), role) if role else None
