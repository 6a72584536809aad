"""The shared frame state: language and selected region, both kept in the URL."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analytics.catalog import Catalog
from analytics.i18n import t
from analytics.regions import NATION, RegionRegistry
from pages._shared import data, ui, url_state

LOG = logging.getLogger("dasbor")

# Kota Tangerang: the first city using the dashboard.
DEFAULT_REGION = "3671"


@dataclass(frozen=True)
class Context:
    """What every page needs, computed once per rerun by the frame (app.py)."""

    lang: str
    region: str
    version: int
    registry: RegionRegistry
    catalog: Catalog
    observations: pd.DataFrame  # nation, provinces and kab/kota (data.finer_observations for the rest)
    targets: pd.DataFrame


def _init_from_url(registry: RegionRegistry) -> None:
    """On a session's first run, take the region from the link that opened it."""
    if "region" not in st.session_state:
        region = st.query_params.get("region", DEFAULT_REGION)
        st.session_state["region"] = region if region in registry else DEFAULT_REGION
        province = registry.province_of(st.session_state["region"], scheme="2025")
        st.session_state["province"] = province or NATION


def _on_province_change() -> None:
    province = st.session_state["province"]
    # Choosing a province shows the province itself until a kab/kota is picked.
    st.session_state["region"] = province


def region_selector(registry: RegionRegistry, lang: str) -> str:
    from pages._shared import session

    session.keep_across_language("province", "region")
    # The option lists are worked out once per registry (the same on every run of every session).
    province_options = registry.remembered("frame.provinces", lambda: (
        NATION, *sorted(registry.provinces("2025")["code"], key=registry.name)))

    def province_label(code: str) -> str:
        return t("frame.all_indonesia", lang) if code == NATION else registry.name(code)

    st.sidebar.selectbox(t("frame.province", lang), province_options, key="province",
                         format_func=province_label, on_change=_on_province_change, placeholder=t("ui.choose_one", lang))
    province = st.session_state["province"]
    options = registry.remembered(("frame.regions", province), lambda: tuple(
        registry.frame["code"][registry.frame["level"].isin(["nation", "province", "kabkota"])]
        if province == NATION else [province, *registry.children(province, "kabkota")["code"]]))
    if st.session_state.get("region") not in options:
        st.session_state["region"] = options[0]

    def region_label(code: str) -> str:
        region = registry.get(code)
        if region.level == "nation":
            return "Indonesia"
        if region.level == "province":
            return f"{region.name} ({t('level.province', lang)})"
        parent = registry.province_of(code, scheme="2025")
        return f"{region.name}, {registry.name(parent)}" if parent else region.name

    st.sidebar.selectbox(t("frame.region", lang), options, key="region", format_func=region_label,
                         help=t("frame.region_help", lang), placeholder=t("ui.choose_one", lang))
    return st.session_state["region"]


def build_context(lang: str) -> Context:
    version = data.data_version()
    registry = data.registry(version)
    _init_from_url(registry)
    region = region_selector(registry, lang)
    ui.image_format_switch(lang)
    # Keep the view in the URL so a copied link reproduces it (pages add their own keys).
    url_state.keep({"lang": lang, "region": region})
    return Context(lang=lang, region=region, version=version, registry=registry, catalog=data.catalog(),
                   observations=data.observations(version), targets=data.targets(version))


# The context of the script run under way in this thread (Streamlit runs each session's
# script in its own thread). Set by app.py for exactly one run, so a page can tell whether
# it was reached through app.py or run directly.
_RUN = threading.local()


@contextmanager
def running(context: Context) -> Iterator[None]:
    _RUN.context = context
    try:
        yield
    finally:
        _RUN.context = None


def prepare(lang: str) -> Context:
    """Everything the frame does before a page runs, once the language switch is drawn:
    audit an expired session, build the context (region selector, data), show who is signed in.
    Raises StoreUnavailable with a plain message if the store cannot be used (app.py shows it
    and stops the run; raising rather than stopping here lets the loading placeholder be cleared)."""
    from analytics.errors import DasborError, StoreUnavailable
    from pages._shared import access, navigation

    access.current_user()  # audits a session that expired on this run
    try:
        context = build_context(lang)
    except DasborError as error:
        LOG.exception("store unavailable")
        raise StoreUnavailable(error.message_id, error.message_en) from error
    except Exception as error:  # never show a traceback, a path or SQL to a user
        LOG.exception("store unavailable")
        raise StoreUnavailable(t("frame.store_error", "id"), t("frame.store_error", "en")) from error
    navigation.account_box(context.lang)
    from pages._shared import screen_reader

    screen_reader.speak(context.lang)
    return context


def current() -> Context:
    """The context of this run (pages call this first).

    On the first run of a fresh process, Streamlit runs a deep-linked page file directly
    through its legacy file-based page list (a pages/ folder sits beside app.py), without
    app.py. The page then registers the app's own navigation, which switches the legacy
    list off for the process and resolves this URL to the same page (URL paths are the
    file names), and reruns: the rerun goes through app.py. Widgets drawn in the legacy
    run would not match the real run's, so nothing is drawn there.
    """
    context = getattr(_RUN, "context", None)
    if context is None:
        from pages._shared import navigation

        navigation.register()
        st.rerun()
    return context
