"""Unggah data / Upload: read any supported file, show every problem or a cell-by-cell preview,
save only on confirmation with a note (a new revision). Editors only."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from analytics import fmt
from analytics.accounts import audit
from analytics.domain import targets
from analytics.i18n import t
from analytics.ingest import parser as ingest
from analytics.ingest.loading import UploadCheck, check_upload, save_upload
from analytics.outputs import exports
from pages._shared import access, data, frame, tables, targets_view, ui

# Rows shown per preview table; the counts above it are always complete.
PREVIEW_ROWS = 500
# New regions named one by one in the preview (the rest are counted).
REGIONS_LISTED = 20
UPLOAD_TYPES = ("csv", "tsv", "txt", "xlsx")
# Megabytes: the largest file the page reads (the command line has no such limit).
MAX_UPLOAD_MB = 50
TEMPLATE_EXAMPLE = (("3671", "p0"), ("3671", "poor_count"), ("3671", "poverty_line"))



def preview_table(rows, *, changed: bool) -> None:
    """One tab of the preview: its first PREVIEW_ROWS rows (changed ones with the old value beside
    the new, highlighted), a word when it has none, and how many are not shown."""
    if rows.empty:
        st.caption(t("upload.tab_empty", lang))
        return
    if "basis" in rows:  # a target file (issue #15)
        st.dataframe(targets_view.preview_table(rows.head(PREVIEW_ROWS), registry, catalog, lang),
                     hide_index=True, width="stretch")
        return
    shown = tables.readable(rows.head(PREVIEW_ROWS), registry, catalog, lang,
                            value_columns=("old_value", "value") if changed else ("value",))
    if changed:
        shown = shown.style.set_properties(subset=[t("col.value", lang)],
                                           **{"background-color": "#fff3c4", "font-weight": "bold"})
    st.dataframe(shown, hide_index=True, width="stretch")
    if len(rows) > PREVIEW_ROWS:
        st.caption(t("upload.preview_shown", lang, shown=fmt.count(PREVIEW_ROWS, lang),
                     total=fmt.count(len(rows), lang)))


# 1. inputs ----------------------------------------------------------------------------------
ctx = frame.current()
lang, catalog, registry = ctx.lang, ctx.catalog, ctx.registry
# Editors only: anyone else is stopped here (the part below reads the account again on each of its runs).
access.require("editor", lang, "upload")
store = data.store()

st.title(t("upload.title", lang))
st.write(t("upload.intro", lang))

# The template's example rows are real stored figures (Kota Tangerang, March 2025).
# The files are built when a button is clicked (Streamlit's deferred download), not on every rerun: the
# Excel template alone took 0.08–0.4 s of each, a file's preview included (issue #18).
def template_example() -> pd.DataFrame:
    # (Vectorised: a row-wise apply over a store of half a million rows took about a minute.)
    recent = ctx.observations[ctx.observations["year"] == 2025]
    return recent[pd.MultiIndex.from_frame(recent[["region_code", "measure"]]).isin(TEMPLATE_EXAMPLE)]


def template_table(example: pd.DataFrame) -> pd.DataFrame:
    template = exports.tidy(example, registry, catalog)
    template.columns = ["kode_wilayah", "nama_wilayah", "indikator", "tahun", "periode", "nilai", "satuan",
                        "status", "sumber", "catatan"]
    return template


def template_csv() -> bytes:
    return exports.csv_bytes(template_table(template_example()))


def template_excel() -> bytes:
    # The same rows as .xlsx (first sheet: data, then the sources of the example rows): most staff
    # fill it in Excel, and the upload reads the first sheet.
    example = template_example()
    return exports.excel_bytes(template_table(example), exports.sources_table(example["source"], catalog))


def targets_template_csv() -> bytes:
    # Targets (RPJMD/RPD, issue #15) go through the same upload: a file with a legal-basis column
    # is read as targets. Its template's example rows are real stored targets.
    return exports.csv_bytes(targets.template(ctx.targets, registry, catalog))


template_buttons = st.columns(2)
template_buttons[0].download_button(t("upload.template", lang), template_csv, file_name="templat_dasbor.csv",
                                    mime="text/csv", help=t("upload.template_help", lang), on_click="ignore")
template_buttons[1].download_button(
    t("upload.template_xlsx", lang), template_excel, file_name="templat_dasbor.xlsx",
    help=t("upload.template_help", lang), on_click="ignore",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
st.download_button(t("targets.upload.template", lang), targets_template_csv, file_name="templat_target.csv",
                   mime="text/csv", help=t("targets.upload.template_help", lang), on_click="ignore")


def _use_year(year: int) -> None:
    st.session_state["upload_year"] = str(year)


def upload_part() -> None:
    """The file, its options, the check and the preview: a part of the page that reruns on its own (ui.part,
    issue #18) when a file is chosen or an option changed, so the browser redraws these only, not the sidebar,
    the title and the template buttons. A save reruns the whole app (st.rerun), whose data version changed."""
    # The account is read again on every run of the part too, as on every run of the page (a disabled
    # editor's next file is refused, not checked).
    user = access.require("editor", lang, "upload")
    # The size limit is the page's own, a little under Streamlit's server.maxUploadSize
    # (.streamlit/config.toml): the browser refuses a file over Streamlit's with only a red mark and
    # English words in a tooltip, so a file just over this limit still reaches the page, which refuses
    # it with the string table's message (what the limit is and what to do) in the page's language.
    limit_mb = min(MAX_UPLOAD_MB, int(st.get_option("server.maxUploadSize")))
    # A saved file leaves the uploader (its key changes): the page then shows what was saved instead
    # of checking the same file again against the store it has just changed.
    uploaded = st.file_uploader(t("upload.file", lang, mb=limit_mb), type=list(UPLOAD_TYPES),
                                key=f"upload_file_{st.session_state.get('upload_round', 0)}",
                                help=t("upload.file_help", lang, mb=limit_mb))
    ui.file_uploader_words(lang, mb=limit_mb, types=UPLOAD_TYPES)
    if uploaded is not None and uploaded.size > limit_mb * 1024 * 1024:
        st.error(t("upload.too_big", lang, mb=limit_mb))
        uploaded = None
    options = st.columns(3)
    measure_ids = ["", *catalog.measures]
    measure = options[0].selectbox(
        t("upload.measure", lang), measure_ids,
        format_func=lambda m: t("upload.measure_auto", lang) if not m else f"{catalog.measures[m].name.get(lang)} ({m})", placeholder=t("ui.choose_one", lang))
    # Full width under the row: in a third of the page its Indonesian label was cut ("…adalah kod…").
    kemendagri = st.checkbox(t("upload.kemendagri", lang), help=t("upload.kemendagri_help", lang))

    # A BPS table that names no year (found by the check below): the year is asked for here, with the
    # file name's year offered as a button, never filled in unasked (a guess must not become data).
    year: int | None = None
    needs_year = st.session_state.get("upload_needs_year", {})
    if uploaded is not None and uploaded.name in needs_year:
        suggested = needs_year[uploaded.name]
        year_row = st.columns(3)
        year_text = year_row[0].text_input(
            t("upload.year", lang), key="upload_year", max_chars=4,
            # Not the suggested year: grey "2024" in the box read as if it were filled in already.
            placeholder=t("upload.year_placeholder", lang),
            help=t("upload.year_help", lang))
        if suggested:
            year_row[1].button(t("upload.year_use", lang, year=suggested), on_click=_use_year, args=(suggested,))
        if year_text.strip():
            if year_text.strip().isdigit() and len(year_text.strip()) == 4:
                year = int(year_text.strip())
            else:
                st.error(t("upload.year_invalid", lang, value=year_text.strip()))

    # 2. data ------------------------------------------------------------------------------------
    check: UploadCheck | None = None
    if uploaded is not None:
        content = uploaded.getvalue()
        sheet_names = st.session_state.get("upload_sheets", {}).get(uploaded.name, [])
        sheet = options[1].selectbox(t("upload.sheet", lang), sheet_names, placeholder=t("ui.choose_one", lang)) if len(sheet_names) > 1 else None
        # The store's version now, not the page's last full run's: another process may have saved since.
        version = data.data_version()
        key = hashlib.sha256(content + f"|{measure}|{sheet}|{kemendagri}|{year}|{version}".encode()).hexdigest()
        if st.session_state.get("upload_check_key") != key:
            bar = st.progress(0.0)
            check = check_upload(store, content, file_name=uploaded.name, sheet=sheet, measure=measure or None,
                                 region_scheme="kemendagri" if kemendagri else "bps", year=year, catalog=catalog,
                                 progress=lambda fraction, label: bar.progress(min(fraction, 1.0), text=t(label, lang)))
            bar.empty()
            st.session_state["upload_check_key"] = key
            st.session_state["upload_check"] = check
            st.session_state.setdefault("upload_sheets", {})[uploaded.name] = check.parsed.sheet_names
            audit.record(store, "upload_dry_run", user=user.name, outcome=check.status,
                         detail=f"{uploaded.name}: {len(check.errors)} errors, {len(check.warnings)} warnings",
                         client=access.client_address())
            if len(check.parsed.sheet_names) > 1 and not sheet_names:
                st.rerun()  # offer the worksheet choice
            if check.parsed.needs_year and uploaded.name not in needs_year:
                st.session_state.setdefault("upload_needs_year", {})[uploaded.name] = \
                    ingest.year_in_file_name(uploaded.name)
                st.rerun()  # offer the year field
        check = st.session_state["upload_check"]

    # 3. render ----------------------------------------------------------------------------------
    if check is not None and check.status == "rejected":
        st.error(t("upload.rejected", lang, count=len(check.errors), n=fmt.count(len(check.errors), lang)))
        if check.parsed.layout != "tidy" and any(p.column == "measure" for p in check.errors):
            # The measure came from a title (or nowhere): the box above settles it.
            st.info(t("upload.choose_measure", lang))
        if check.parsed.needs_year:
            st.info(t("upload.choose_year", lang))
        st.subheader(t("upload.problems", lang))
        ui.problem_summary(check.errors, lang)
        st.dataframe(tables.problems_table(check.errors, lang), hide_index=True, width="stretch")
    if check is not None and check.warnings:
        st.subheader(t("upload.warnings", lang))
        ui.problem_summary(check.warnings, lang)
        st.dataframe(tables.problems_table(check.warnings, lang), hide_index=True, width="stretch")

    if check is not None and check.status == "accepted" and check.plan is not None:
        plan = check.plan if check.kind != "targets" else targets_view.as_row_plan(check.plan)
        st.subheader(t("upload.preview", lang))
        st.info(t("upload.summary", lang, layout=t(f"upload.layout.{check.parsed.layout}", lang),
                  added=fmt.count(len(plan.added), lang), changed=fmt.count(len(plan.changed), lang),
                  unchanged=fmt.count(len(plan.unchanged), lang)))
        if check.regions is not None:
            # A province's desa are thousands: the first few are named, the rest counted.
            first = check.regions.head(REGIONS_LISTED)
            listed = ", ".join(f"{code} {ui.escape_markdown(name)}"  # names come from the file
                               for code, name in zip(first["code"], first["name"], strict=True))
            if len(check.regions) > REGIONS_LISTED:
                listed += t("upload.more_lines", lang, count=fmt.count(len(check.regions) - REGIONS_LISTED, lang))
            st.info(t("upload.new_regions", lang, count=fmt.count(len(check.regions), lang), regions=listed))
        parts = ((plan.changed, "upload.changed", True), (plan.added, "upload.added", False),
                 (plan.unchanged, "upload.unchanged", False))
        labels = [f"{t(key, lang)} ({fmt.count(len(rows), lang)})" for rows, key, _ in parts]
        # Open on the first tab with rows: a correction file opens on "changed", a file of new years on
        # "added", an unchanged re-upload on "unchanged" (staff walkthrough: an empty first tab read as
        # "nothing in the file").
        opened = next((label for label, (rows, _, _) in zip(labels, parts, strict=True) if len(rows)), labels[0])
        tabs = st.tabs(labels, default=opened)
        for tab, (rows, _, changed) in zip(tabs, parts, strict=True):
            with tab:
                preview_table(rows, changed=changed)

        if plan.rows_added + plan.rows_changed == 0:
            st.success(t("upload.nothing_new", lang))
        else:
            with st.form("save_upload"):
                note = st.text_area(t("upload.note", lang), max_chars=1000)
                if st.form_submit_button(t("upload.save", lang), type="primary"):
                    if not note.strip():
                        st.error(t("upload.need_note", lang))
                    else:
                        saver = access.authorise(user, "editor", "upload_save", lang)
                        with st.spinner(t("loading.progress.save", lang)):
                            revision = save_upload(store, check, user=saver.name, note=note.strip())
                        audit.record(store, "upload_save", user=saver.name,
                                     detail=f"{check.parsed.file_name} → revision {revision.id}",
                                     client=access.client_address())
                        st.session_state.pop("upload_check_key", None)
                        st.session_state.pop("upload_check", None)
                        st.session_state["upload_saved"] = (revision.id, revision.rows_added, revision.rows_changed)
                        st.session_state["upload_round"] = st.session_state.get("upload_round", 0) + 1
                        st.rerun()

    saved = st.session_state.pop("upload_saved", None)
    if saved:
        message = t("upload.saved", lang, revision=saved[0], added=fmt.count(saved[1], lang),
                    changed=fmt.count(saved[2], lang))
        st.success(message)
        st.toast(message)


ui.part(upload_part)
