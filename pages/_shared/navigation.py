"""The app's navigation: which pages exist for this person, registered with st.navigation.

Light on purpose (Streamlit, the string table and the session only), so app.py can
register it before anything heavy is imported or read.
"""

from __future__ import annotations

import streamlit as st

from analytics.i18n import DEFAULT_LANGUAGE, LANGUAGE_NAMES, t
from pages._shared import session

# The default page's URL path is "" (the app's root); its file is this one.
DEFAULT_PAGE = "overview"
# URL paths of the pages made mostly of charts ("" is the default page): a session's first
# run of one shows the loading placeholder (pages/_shared/loading.py).
CHART_PAGES = frozenset({"", DEFAULT_PAGE, "poverty", "programs", "compare"})


# Staff pages and the role each needs. For someone without it, the page's URL leads to a hidden
# gate instead: the attempt is audited, and a signed-out visitor (a bookmarked link) is taken to
# the sign-in page and, once signed in, back to the page.
RESTRICTED = {"upload": "editor", "history": "editor", "admin": "admin"}
AFTER_SIGN_IN = "_after_sign_in"


def _gate(path: str, role: str):  # type: ignore[no-untyped-def]
    def gate() -> None:
        from pages._shared import access

        access.refuse_link(path, role, session.language())

    gate.__name__ = f"gate_{path}"
    return gate


def data_pages(lang: str, user: session.SessionUser | None) -> list[st.Page]:
    """The Data section: only the pages this person may use are listed and run; the others'
    URLs lead to a hidden gate (see RESTRICTED)."""
    pages = [st.Page("pages/about.py", title=t("nav.about", lang), icon=":material/info:")]
    if user is None:
        pages.append(st.Page("pages/sign_in.py", title=t("nav.sign_in", lang), icon=":material/login:"))
    if user is not None and user.can("editor"):
        pages.append(st.Page("pages/upload.py", title=t("nav.upload", lang), icon=":material/upload_file:"))
        pages.append(st.Page("pages/history.py", title=t("nav.history", lang), icon=":material/history:"))
    if user is not None and user.can("admin"):
        pages.append(st.Page("pages/admin.py", title=t("nav.admin", lang), icon=":material/admin_panel_settings:"))
    for path, role in RESTRICTED.items():
        if user is None or not user.can(role):
            pages.append(st.Page(_gate(path, role), title=t(f"nav.{path}", lang), url_path=path, visibility="hidden"))
    return pages


def register() -> st.Page:
    """Register the navigation for this run and return the page to run.

    URL paths are the page files' names (Streamlit's inference), the same names its
    legacy file-based page list uses, so a deep link resolves either way.
    """
    lang, user = session.language(), session.user()
    if user is None:
        from pages._shared import remember

        user = remember.resume()  # a reload within the inactivity limit (HTTP-only cookie)
    page = st.navigation({
        t("nav.section.summary", lang): [
            st.Page(f"pages/{DEFAULT_PAGE}.py", title=t("nav.overview", lang), icon=":material/dashboard:",
                    default=True),
        ],
        t("nav.section.poverty", lang): [
            st.Page("pages/poverty.py", title=t("poverty.nav", lang), icon=":material/trending_down:"),
        ],
        t("nav.section.programs", lang): [
            st.Page("pages/programs.py", title=t("programs.nav", lang), icon=":material/volunteer_activism:"),
        ],
        t("nav.section.compare", lang): [
            st.Page("pages/compare.py", title=t("compare.nav", lang), icon=":material/compare_arrows:"),
        ],
        t("nav.section.data", lang): data_pages(lang, user),
    })
    target = st.session_state.get(AFTER_SIGN_IN)
    if target and user is not None:
        # Signed in after following a staff link: on to that page (if the role allows it).
        del st.session_state[AFTER_SIGN_IN]
        if user.can(RESTRICTED[target]):
            st.switch_page(f"pages/{target}.py")
    return page


def language_switch() -> str:
    """The language radio at the top of the sidebar; a session's first value comes from the
    link that opened it. Drawn before the data layer is imported: it needs none of it."""
    if "lang" not in st.session_state:
        # A run that ends in st.switch_page before this radio is drawn (back to a page after
        # signing in) loses the radio's state and the link's parameters: the saved copy holds.
        lang = st.session_state.get(session.SAVED_LANGUAGE) or st.query_params.get("lang", DEFAULT_LANGUAGE)
        st.session_state["lang"] = lang if lang in LANGUAGE_NAMES else DEFAULT_LANGUAGE
    st.sidebar.radio(
        t("frame.language", st.session_state["lang"]),
        options=list(LANGUAGE_NAMES),
        format_func=LANGUAGE_NAMES.get,
        key="lang",
        horizontal=True,
        on_change=session.restore_choices,
    )
    st.session_state[session.SAVED_LANGUAGE] = st.session_state["lang"]
    return st.session_state["lang"]


def account_box(lang: str) -> None:
    """Who is signed in, and the sign-out button, at the foot of the sidebar (with the request
    that renews or removes the remembered sign-in's cookie)."""
    from pages._shared import remember

    with st.sidebar:
        remember.keep()
    user = session.user()
    if user is None:
        return
    with st.sidebar:
        st.divider()
        from analytics.text import markdown_literal

        st.markdown(t("access.signed_in_as", lang, name=markdown_literal(user.name),
                      role=t(f"access.role.{user.role}", lang)))
        if st.button(t("access.sign_out", lang), key="sign_out"):
            from pages._shared import access

            access.sign_out(lang)
            st.rerun()
