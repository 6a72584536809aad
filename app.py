"""Dasbor Kemiskinan: the frame shared by all pages.

Page config, language switch, shared region selector (kept in the URL),
st.navigation and run(). Pages are thin scripts in pages/.

The navigation is registered before anything heavy is imported or read, so a
deep link (/poverty?region=3674) resolves on a cold process instead of
briefly meeting Streamlit's file-based page list.
"""

from __future__ import annotations

import logging

import streamlit as st

from analytics.errors import DasborError, StoreUnavailable
from analytics.i18n import t
from pages._shared import loading, navigation, session, url_state

LOG = logging.getLogger("dasbor")

st.set_page_config(page_title="Dasbor Kemiskinan", page_icon=":material/insights:", layout="wide")


def _is_streamlit_control(error: BaseException) -> bool:
    # st.rerun, st.stop and st.switch_page work by raising; they must pass through.
    return type(error).__module__.startswith("streamlit")


def main() -> None:
    page = navigation.register()
    # A link from before the page's switches were bound to the URL: its old forms rewritten once.
    url_state.upgrade_old_link(page.url_path)

    # Heavy imports and the store come after the navigation is registered. On a session's
    # first chart page a "loading data" placeholder chart goes out before anything else,
    # so the browser loads plotly.js while this run imports the data layer and reads the store.
    try:
        with loading.first_chart(page.url_path, session.language()):
            lang = navigation.language_switch()
            from pages._shared import frame

            context = frame.prepare(lang)
    except StoreUnavailable as error:
        # Shown after the placeholder is cleared (once st.stop() is called nothing more is drawn).
        st.error(error.message(session.language()))
        st.stop()
    lang = context.lang
    try:
        with frame.running(context):
            page.run()
    except DasborError as error:
        st.error(error.message(lang))
    except Exception as error:
        if _is_streamlit_control(error):
            raise
        LOG.exception("page %s failed", page.url_path)
        st.error(t("frame.unexpected_error", lang))


main()
