"""Who is signed in, for how long, and what they may see (Streamlit side of analytics.accounts.auth)."""

from __future__ import annotations

import logging

import streamlit as st

from analytics.accounts import audit, auth
from analytics.accounts.auth import User
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
    """The signed-in account (see session.user), read again from the store on every run: a
    session whose account was disabled, removed or given a new password since it began ends
    here (audited), and a changed role takes effect at once. Audits a session that just expired."""
    found = session.user()
    expired = st.session_state.pop("_expired_user", None)
    if expired:
        audit.record(data.store(), "session_expired", user=expired, client=client_address())
    if found is None:
        return None
    if found.sso:
        identity = sso_user()
        account, reason = (identity, None) if identity is not None and identity.name == found.name else (
            None, "SSO identity or role gone")
    else:
        account, reason = auth.session_account(data.store(), found.name, found.stamp)
    if account is None:
        audit.record(data.store(), "session_revoked", user=found.name, outcome="refused", detail=reason,
                     client=client_address())
        session.end()
        st.session_state["_revoked"] = True
        return None
    if account.role != found.role:
        session.set_role(account.role)
    return User(account.name, account.role, found.stamp)


def is_sso_session() -> bool:
    found = session.user()
    return bool(found and found.sso)


def start_session(user: User, *, sso: bool = False) -> None:
    session.start(user.name, user.role, user.stamp, sso=sso)


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


def refuse(lang: str, action: str, user: User | None, reason: str) -> None:
    """Audit a refused page or action and stop the run with the message."""
    auth.record_refusal(data.store(), user.name if user else None, action, reason, client=client_address())
    st.error(t("access.revoked" if st.session_state.pop("_revoked", False) else "access.denied", lang))
    st.stop()


def refuse_link(path: str, role: str, lang: str) -> None:
    """A staff page's URL opened by someone who may not use it (a bookmark while signed out, an
    editor trying the admin page): audited; a signed-out visitor goes to the sign-in page and,
    once signed in, comes back (navigation.AFTER_SIGN_IN)."""
    from pages._shared import navigation

    user = current_user()
    reason = "not signed in" if user is None else f"role {user.role} lacks {role}"
    auth.record_refusal(data.store(), user.name if user else None, f"{path} (link)", reason,
                        client=client_address())
    if user is None:
        st.session_state[navigation.AFTER_SIGN_IN] = path
        st.session_state["_sign_in_for"] = path
        st.switch_page("pages/sign_in.py")
    st.error(t("access.denied", lang))


def authorise(user: User, role: str, action: str, lang: str, *, write: bool = True) -> User:
    """Just before a write (and on every run of a write page): the account read again from the
    store must still be enabled, unlocked, allowed `role` and on the password the session began
    with; otherwise the attempt is audited and the run stops with a message."""
    if is_sso_session():
        identity = sso_user()
        if identity is None or identity.name != user.name or not identity.can(role):
            refuse(lang, action, user, "SSO identity or role gone")
        return identity  # type: ignore[return-value]
    try:
        return auth.authorise(data.store(), user.name, role, action=action, stamp=user.stamp,
                              client=client_address(), write=write)
    except auth.AccessRefused as error:
        st.error(error.message(lang))
        st.stop()
        raise  # st.stop raises; this line is for type checkers


def require(role: str, lang: str, action: str) -> User:
    """Stop the page unless the signed-in account, read again from the store, has `role` (pages
    that write call this first); a refusal is audited."""
    user = current_user()
    if user is None:
        refuse(lang, action, None, "not signed in")
    if not user.can(role):  # type: ignore[union-attr]
        refuse(lang, action, user, f"role {user.role} lacks {role}")  # type: ignore[union-attr]
    return authorise(user, role, action, lang, write=False)  # type: ignore[arg-type]


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
