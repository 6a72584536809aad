"""Masuk / Sign in: staff accounts (argon2, lockout) and, if configured, single sign-on."""

from __future__ import annotations

import streamlit as st

from analytics.accounts import audit, auth
from analytics.i18n import t
from pages._shared import access, data, frame

# 1. inputs ----------------------------------------------------------------------------------
ctx = frame.current()
lang = ctx.lang

# 3. render ----------------------------------------------------------------------------------
st.title(t("access.title", lang))
st.write(t("access.intro", lang))
if st.session_state.pop("_expired", False):
    st.warning(t("access.expired", lang))
if st.session_state.pop("_revoked", False):
    st.warning(t("access.revoked", lang))
wanted = st.session_state.get("_sign_in_for")
if wanted:
    st.info(t("access.sign_in_for", lang, page=t(f"nav.{wanted}", lang)))

with st.form("sign_in", enter_to_submit=True):
    name = st.text_input(t("access.name", lang), max_chars=100, autocomplete="username")
    password = st.text_input(t("access.password", lang), type="password", max_chars=200,
                             autocomplete="current-password")
    submitted = st.form_submit_button(t("access.submit", lang), type="primary")

if submitted:
    result = auth.sign_in(data.store(), name, password, client=access.client_address())
    if result.ok:
        access.start_session(result.user)  # type: ignore[arg-type]
        st.rerun()
    elif result.locked_for:
        st.error(t("access.locked", lang, seconds=result.locked_for))
    else:
        st.error(t("access.failed", lang))

if access.sso_configured():
    st.divider()
    sso = access.sso_user()
    if sso is not None:
        access.start_session(sso, sso=True)
        audit.record(data.store(), "sso_sign_in", user=sso.name, client=access.client_address())
        st.rerun()
    try:
        logged_in = st.user.is_logged_in
    except Exception:
        logged_in = False
    if logged_in:
        st.warning(t("access.sso_no_role", lang))
    else:
        st.button(t("access.sso", lang), on_click=st.login)
