"""Akun & audit: admins manage editor/admin accounts and read (never edit) the audit log."""

from __future__ import annotations

import streamlit as st

from analytics.accounts import audit, auth
from analytics.accounts.auth import AccountError
from analytics.i18n import t
from analytics.outputs import exports
from pages._shared import access, data, frame, ui

# 1. inputs ----------------------------------------------------------------------------------
ctx = frame.current()
lang = ctx.lang
admin = access.require("admin", lang, "admin")
store = data.store()

# 3. render ----------------------------------------------------------------------------------
st.title(t("admin.title", lang))

st.subheader(t("admin.accounts", lang))
accounts = auth.list_users(store)
st.dataframe(accounts.rename(columns=lambda c: t(f"admin.col.{c}", lang)), hide_index=True, width="stretch")

left, right = st.columns(2)
with left, st.form("add_user", clear_on_submit=True):
    st.markdown(f"**{t('admin.add', lang)}**")
    new_name = st.text_input(t("access.name", lang), max_chars=64)
    new_role = st.selectbox(t("admin.role", lang), list(auth.ROLES), format_func=lambda r: t(f"access.role.{r}", lang), placeholder=t("ui.choose_one", lang))
    new_password = st.text_input(t("admin.new_password", lang), type="password", max_chars=200,
                                 autocomplete="new-password")
    if st.form_submit_button(t("admin.create", lang)):
        admin = access.authorise(admin, "admin", "user_add", lang)
        try:
            created = auth.add_user(store, new_name, new_role, new_password, by=admin.name)
            st.success(t("admin.created", lang, name=ui.escape_markdown(created.name)))
        except AccountError as error:
            st.error(error.message(lang))

with right, st.form("manage_user"):
    st.markdown(f"**{t('admin.manage', lang)}**")
    names = accounts["name"].tolist()
    target = st.selectbox(t("admin.account", lang), names, placeholder=t("ui.choose_one", lang)) if names else None
    reset_to = st.text_input(t("admin.new_password", lang), type="password", max_chars=200,
                             autocomplete="new-password")
    disable_clicked = st.form_submit_button(t("admin.disable", lang))
    reset_clicked = st.form_submit_button(t("admin.reset", lang))
    if (disable_clicked or reset_clicked) and target:
        admin = access.authorise(admin, "admin", "user_disable" if disable_clicked else "user_reset_password", lang)
    try:
        if disable_clicked and target:
            auth.disable_user(store, target, by=admin.name)
            st.success(t("admin.disabled", lang, name=ui.escape_markdown(target)))
        if reset_clicked and target:
            stamp = auth.reset_password(store, target, reset_to, by=admin.name)
            if target == admin.name:  # the admin's own session stays open on the new password
                access.start_session(auth.User(admin.name, admin.role, stamp))
            st.success(t("admin.reset_done", lang, name=ui.escape_markdown(target)))
    except AccountError as error:
        st.error(error.message(lang))

st.subheader(t("admin.audit", lang))
st.caption(t("admin.audit_note", lang))
everything = t("admin.all", lang)
columns = st.columns(2)
user_filter = columns[0].selectbox(t("admin.filter_user", lang), [everything, *names], placeholder=t("ui.choose_one", lang))
action_filter = columns[1].selectbox(t("admin.filter_action", lang), [everything, *audit.ACTIONS], placeholder=t("ui.choose_one", lang))
log = audit.entries(store, user=None if user_filter == everything else user_filter,
                    action=None if action_filter == everything else action_filter, limit=5000)
st.dataframe(log.drop(columns=["id"]).rename(columns=lambda c: t(f"admin.col.{c}", lang)), hide_index=True,
             width="stretch")
st.download_button(t("admin.download", lang), exports.csv_bytes(log), file_name="audit_log.csv",
                   mime="text/csv", on_click="ignore")
