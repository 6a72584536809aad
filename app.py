"""Dasbor Kemiskinan: the frame shared by all pages.

Page config, language switch, shared region selector (kept in the URL),
st.navigation and run(). Pages are thin scripts in pages/.

The navigation is registered before anything heavy is imported or read, so a
deep link (/kemiskinan?region=3674) resolves on a cold process instead of
briefly meeting Streamlit's file-based page list.
"""

from __future__ import annotations

import logging

import streamlit as st

from analytics.i18n import t
from pages._shared import session

LOG = logging.getLogger("dasbor")

st.set_page_config(page_title="Dasbor Kemiskinan", page_icon=":material/insights:", layout="wide")


def _is_streamlit_control(error: BaseException) -> bool:
    # st.rerun, st.stop and st.switch_page work by raising; they must pass through.
    return type(error).__module__.startswith("streamlit")


def data_pages(lang: str, user: session.SessionUser | None) -> list[st.Page]:
    """The Data section: only the pages this person may use are registered, so the others
    are neither in the navigation nor reachable by their URL."""
    pages = [st.Page("pages/about.py", title=t("nav.about", lang), url_path="tentang-data",
                     icon=":material/info:")]
    if user is None:
        pages.append(st.Page("pages/sign_in.py", title=t("nav.sign_in", lang), url_path="masuk",
                             icon=":material/login:"))
    if user is not None and user.can("editor"):
        pages.append(st.Page("pages/upload.py", title=t("nav.upload", lang), url_path="unggah",
                             icon=":material/upload_file:"))
        pages.append(st.Page("pages/history.py", title=t("nav.history", lang), url_path="riwayat",
                             icon=":material/history:"))
    if user is not None and user.can("admin"):
        pages.append(st.Page("pages/admin.py", title=t("nav.admin", lang), url_path="akun",
                             icon=":material/admin_panel_settings:"))
    return pages


def navigation(lang: str, user: session.SessionUser | None) -> st.navigation:
    return st.navigation({
        t("nav.section.summary", lang): [
            st.Page("pages/overview.py", title=t("nav.overview", lang), url_path="ikhtisar",
                    icon=":material/dashboard:", default=True),
        ],
        t("nav.section.poverty", lang): [
            st.Page("pages/poverty.py", title=t("poverty.nav", lang), url_path="kemiskinan",
                    icon=":material/trending_down:"),
        ],
        t("nav.section.programs", lang): [
            st.Page("pages/programs.py", title=t("programs.nav", lang), url_path="program",
                    icon=":material/volunteer_activism:"),
        ],
        t("nav.section.compare", lang): [
            st.Page("pages/compare.py", title=t("compare.nav", lang), url_path="bandingkan",
                    icon=":material/compare_arrows:"),
        ],
        t("nav.section.data", lang): data_pages(lang, user),
    })


def account_box(lang: str, user: session.SessionUser | None) -> None:
    if user is None:
        return
    from pages._shared import access

    with st.sidebar:
        st.divider()
        st.markdown(t("access.signed_in_as", lang, name=user.name, role=t(f"access.role.{user.role}", lang)))
        if st.button(t("access.sign_out", lang), key="sign_out"):
            access.sign_out(lang)
            st.rerun()


def main() -> None:
    user = session.user()
    page = navigation(session.language(), user)

    # Heavy imports and the store come after the navigation is known.
    from analytics.errors import DasborError
    from pages._shared import access, frame

    access.current_user()  # audits a session that expired on this run
    try:
        context = frame.build_context()
    except DasborError as error:
        LOG.exception("store unavailable")
        st.error(error.message(session.language()))
        st.stop()
    except Exception:  # never show a traceback, a path or SQL to a user
        LOG.exception("store unavailable")
        st.error(t("frame.store_error", session.language()))
        st.stop()
    st.session_state["_context"] = context
    lang = context.lang
    account_box(lang, user)
    try:
        page.run()
    except DasborError as error:
        st.error(error.message(lang))
    except Exception as error:
        if _is_streamlit_control(error):
            raise
        LOG.exception("page %s failed", page.url_path)
        st.error(t("frame.unexpected_error", lang))


main()
