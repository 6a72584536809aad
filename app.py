"""Dasbor Kemiskinan: the frame shared by all pages.

Page config, language switch, shared region selector (kept in the URL),
st.navigation and run(). Pages are thin scripts in pages/.
"""

from __future__ import annotations

import logging

import streamlit as st

from analytics.errors import DasborError
from analytics.i18n import t
from pages._shared import frame

LOG = logging.getLogger("dasbor")

st.set_page_config(page_title="Dasbor Kemiskinan", page_icon=":material/insights:", layout="wide")


def _is_streamlit_control(error: BaseException) -> bool:
    # st.rerun, st.stop and st.switch_page work by raising; they must pass through.
    return type(error).__module__.startswith("streamlit")


def main() -> None:
    try:
        context = frame.build_context()
    except DasborError as error:
        LOG.exception("store unavailable")
        st.error(error.message(st.session_state.get("lang", "id")))
        st.stop()
    except Exception:  # never show a traceback, a path or SQL to a user
        LOG.exception("store unavailable")
        st.error(t("frame.store_error", st.session_state.get("lang", "id")))
        st.stop()
    st.session_state["_context"] = context
    lang = context.lang

    pages = {
        t("nav.section.summary", lang): [
            st.Page("pages/overview.py", title=t("nav.overview", lang), url_path="ikhtisar",
                    icon=":material/dashboard:", default=True),
        ],
        t("nav.section.programs", lang): [
            st.Page("pages/programs.py", title=t("programs.nav", lang), url_path="program",
                    icon=":material/volunteer_activism:"),
        ],
        t("nav.section.data", lang): [
            st.Page("pages/about.py", title=t("nav.about", lang), url_path="tentang-data",
                    icon=":material/info:"),
        ],
    }
    page = st.navigation(pages)
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
