"""Riwayat & pemulihan: every revision with its counts and author, what it changed, the data as of
any revision, and rollback (itself a new revision). Editors only."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics import fmt
from analytics.accounts import audit
from analytics.i18n import t
from analytics.outputs import exports
from pages._shared import access, data, frame, tables, targets_view

CHANGES_SHOWN = 1000

# 1. inputs ----------------------------------------------------------------------------------
ctx = frame.current()
lang, catalog, registry = ctx.lang, ctx.catalog, ctx.registry
user = access.require("editor", lang, "history")
store = data.store()

# 2. data ------------------------------------------------------------------------------------
revisions = data.revisions(ctx.version)
latest = int(revisions["id"].max())

# 3. render ----------------------------------------------------------------------------------
st.title(t("history.title", lang))
st.write(t("history.intro", lang))
# The counts are text (fmt.count's separators), set right like the numbers they are.
st.dataframe(tables.revisions_table(revisions, lang), hide_index=True, width="stretch",
             column_config={t(f"history.col.{c}", lang): st.column_config.TextColumn(alignment="right")
                            for c in tables.REVISION_COUNTS})
when = tables.revision_times(revisions)

revision_ids = revisions["id"].astype(int).tolist()
# After a rollback the new revision is chosen: the form (note ticked, box checked) is gone, so it
# cannot be sent a second time by accident.
if "_history_show" in st.session_state:
    st.session_state["history_revision"] = st.session_state.pop("_history_show")
labels = dict(zip(revision_ids, (f"{r} · {u} · {w}" for r, u, w in zip(revision_ids, revisions["user_name"], when,
                                                                       strict=True)), strict=True))
chosen = st.selectbox(t("history.pick", lang), revision_ids, key="history_revision", format_func=labels.get, placeholder=t("ui.choose_one", lang))
changes = data.changes(ctx.version, chosen)
st.subheader(t("history.changes", lang, revision=chosen))
st.dataframe(tables.readable(changes.head(CHANGES_SHOWN), registry, catalog, lang,
                             value_columns=("old_value", "new_value")), hide_index=True, width="stretch")
if len(changes) > CHANGES_SHOWN:
    st.caption(t("history.changes_shown", lang, shown=fmt.count(CHANGES_SHOWN, lang),
                 total=fmt.count(len(changes), lang)))
targets_view.history_block(ctx.version, chosen, registry, catalog, lang)  # targets it changed (issue #15)


def as_of(revision: int) -> pd.DataFrame:
    return exports.tidy(store.observations(revision=revision), registry, catalog)


def csv_file(revision: int = chosen) -> bytes:
    return exports.csv_bytes(as_of(revision))


def excel_file(revision: int = chosen) -> bytes:
    frame = as_of(revision)
    return exports.excel_bytes(frame, exports.sources_table(frame["source"], catalog))


# The whole data as of a revision is read and written only when a button is clicked (Streamlit runs
# the callable then): built on every run, the Excel file of a half-million-row store took minutes.
columns = st.columns(2)
columns[0].download_button(t("history.download_csv", lang, revision=chosen), csv_file,
                           file_name=f"dasbor_revisi_{chosen}.csv", mime="text/csv", on_click="ignore")
rows = data.observation_count(ctx.version, chosen)
# Past exports.EXCEL_DOWNLOAD_ROWS the click would hang for minutes: the button is off and says why,
# pointing to the CSV (which Excel opens too).
too_big = rows > exports.EXCEL_DOWNLOAD_ROWS
columns[1].download_button(t("history.download_xlsx", lang, revision=chosen), excel_file,
                           file_name=f"dasbor_revisi_{chosen}.xlsx", on_click="ignore", disabled=too_big,
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
if too_big:
    columns[1].caption(t("history.xlsx_too_big", lang, rows=fmt.count(rows, lang),
                         limit=fmt.count(exports.EXCEL_DOWNLOAD_ROWS, lang)))

if chosen == latest:
    st.caption(t("history.current", lang))
else:
    with st.form("rollback"):
        st.markdown(f"**{t('history.rollback', lang, revision=chosen)}**")
        note = st.text_input(t("history.rollback_note", lang), max_chars=500)
        confirmed = st.checkbox(t("history.rollback_confirm", lang, revision=chosen))
        if st.form_submit_button(t("history.rollback", lang, revision=chosen), type="primary"):
            if not note.strip() or not confirmed:
                st.error(t("history.need_note_confirm", lang))
            else:
                user = access.authorise(user, "editor", "rollback", lang)
                done = store.rollback(chosen, user=user.name, note=note.strip())
                audit.record(store, "rollback", user=user.name, detail=f"to {chosen} → revision {done.id}",
                             client=access.client_address())
                st.session_state["history_done"] = (done.id, done.rows_changed, done.rows_added, done.rows_removed)
                st.session_state["_history_show"] = done.id
                st.rerun()

done = st.session_state.pop("history_done", None)
if done:
    st.success(t("history.rolled_back", lang, revision=done[0], changed=fmt.count(done[1], lang),
                 added=fmt.count(done[2], lang), removed=fmt.count(done[3], lang)))
