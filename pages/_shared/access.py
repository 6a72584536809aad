"""Who is signed in, for how long, and what they may see (Streamlit side of analytics.auth)."""

from __future__ import annotations

import logging

import streamlit as st

from analytics import audit, auth
from analytics.auth import User
from analytics.i18n import t
from pages._shared import data, session

LOG = logging.getLogger("dasbor.access")


def _secret(key: str, default: object = None) -> object:
    try:
        return st.secrets.get("dasbor", {}).get(key, default)
    except Exception:  # a missing or malformed secrets.toml must not take the dashboard down
        return default


def client_address() -> str | None:
    try:
        address = st.context.ip_address
    except Exception:
        return None
    return address if isinstance(address, str) else None


def current_user() -> User | None:
    """The signed-in account (see session.user); audits a session that just expired."""
    found = session.user()
    expired = st.session_state.pop("_expired_user", None)
    if expired:
        audit.record(data.store(), "session_expired", user=expired, client=client_address())
    return User(found.name, found.role) if found else None


def start_session(user: User) -> None:
    session.start(user.name, user.role)


def sign_out(lang: str) -> None:
    user = current_user()
    if user is not None:
        audit.record(data.store(), "sign_out", user=user.name, client=client_address())
    session.end()
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
