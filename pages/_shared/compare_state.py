"""Bandingkan's state: every choice read from the link on a session's first visit, validated against
what exists, and written back into the URL so a copied link reproduces the view.

The typed reference values (refx, refy), the number of similar regions (k) and the target column (tgt)
are kept in the URL by Streamlit itself (`bind="query-params"` in pages/compare.py); the choices here
are not, because a bound widget writes its translated label or a region's name into the link, or drops
a data-dependent default year from it (pages/_shared/url_state.py says which and why)."""

from __future__ import annotations

import streamlit as st

from analytics.regions import NATION
from pages._shared import data, session, url_state

# Largest reference value a link or the box may set (poverty lines in rupiah stay far below it). A link
# with refx=1e308 (or nan, inf) once replaced the page with the generic error; the bound number boxes
# now drop any value outside these bounds, and the formatter never meets one.
REF_LIMIT = 1e12
# Session key → query parameter. Lists are comma-separated.
URL_KEYS = {
    "cmp_ind": "ind", "cmp_level": "level", "cmp_year": "year", "cmp_period": "period", "cmp_prov": "prov",
    "cmp_chart": "chart", "cmp_classes": "classes", "cmp_from": "from", "cmp_qy": "qy", "cmp_ref": "ref",
    "cmp_weight": "weight", "cmp_peers": "peers", "cmp_sel": "sel", "cmp_feat": "feat",
}
LIST_KEYS = {"cmp_peers", "cmp_sel", "cmp_feat"}


# State: from the link on a session's first visit, validated against what exists ------------------


def from_url(key: str, default: object) -> None:
    session.keep_across_language(key)
    if key in st.session_state:
        return
    raw = st.query_params.get(URL_KEYS[key])
    if raw is None or raw == "":
        st.session_state[key] = default
    elif key in LIST_KEYS:
        st.session_state[key] = [part for part in raw.split(",") if part]
    elif isinstance(default, int) and not isinstance(default, bool):
        try:
            st.session_state[key] = int(raw)
        except ValueError:
            st.session_state[key] = default
    else:
        st.session_state[key] = raw


def choose(key: str, options: list, default: object) -> None:
    """Make the session value one of `options` (an old link may name something that no longer exists)."""
    from_url(key, default)
    if key in LIST_KEYS:
        st.session_state[key] = [v for v in st.session_state[key] if v in options]
    elif st.session_state[key] not in options:
        st.session_state[key] = default if default in options else options[0]


def _select_region(code: str) -> None:
    """Make `code` the frame's selected region (and its province the sidebar's province)."""
    registry = data.registry(data.data_version())
    if code not in registry:
        return
    st.session_state["region"] = code
    st.session_state["province"] = registry.province_of(code, scheme="2025") or NATION


def on_map_select() -> None:
    for key in ("cmp_map_chart", "cmp_bar_chart"):
        event = st.session_state.get(key)
        points = (event or {}).get("selection", {}).get("points", []) if event else []
        if points and points[0].get("customdata"):
            _select_region(str(points[0]["customdata"][0]))
            return


def on_list_select() -> None:
    _select_region(st.session_state["cmp_pick"])


def add_to(key: str, codes: list[str], limit: int | None = None) -> None:
    current = list(st.session_state.get(key, []))
    for code in codes:
        if code not in current and (limit is None or len(current) < limit):
            current.append(code)
    st.session_state[key] = current


def write_url() -> None:
    """Every choice into the URL (call it after the page has drawn every widget)."""
    values: dict[str, str | None] = {}
    for key, param in URL_KEYS.items():
        value = st.session_state.get(key)
        empty = value is None or value == [] or value == ""
        values[param] = None if empty else ",".join(value) if isinstance(value, list) else str(value)
    url_state.keep(values)
