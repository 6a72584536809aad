"""Bandingkan's state: every choice read from the link on a session's first visit, validated against
what exists, and written back into the URL so a copied link reproduces the view.

Every choice of the page is kept here, the typed reference values (refx, refy), the number of similar
regions (k) and the target column (tgt) too: the page's parts are tabs of which only the open one is
drawn, and Streamlit takes a widget it binds to the URL (`bind="query-params"`) out of the link as soon
as the widget is not drawn, so those four would have left the link (and the session) on leaving their
tab. They keep the link forms Streamlit wrote (k=4, refx=5.5, tgt=true; absent at their defaults)."""

from __future__ import annotations

import math

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
    "cmp_k": "k", "cmp_refx": "refx", "cmp_refy": "refy", "cmp_tgt": "tgt",
}
# Choices left out of the link at their default, as Streamlit's binding did (k=5, refx=refy=0, tgt off).
OMITTED_AT = {"cmp_k": 5, "cmp_refx": 0.0, "cmp_refy": 0.0, "cmp_tgt": False}
# The typed reference values are in the link only while the reference is a typed value.
TYPED_REFERENCE = ("cmp_refx", "cmp_refy")
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
    elif isinstance(default, bool):
        # true/false as Streamlit wrote it; 1/0 as links written before.
        st.session_state[key] = raw.lower() in ("true", "1")
    elif isinstance(default, int):
        try:
            st.session_state[key] = int(raw)
        except ValueError:
            st.session_state[key] = default
    elif isinstance(default, float):
        st.session_state[key] = _reference(raw, default)
    else:
        st.session_state[key] = raw


def _reference(raw: str, default: float) -> float:
    """A typed reference value from a link: a decimal point or comma (5,19, as older links have); the
    default for anything that is not a finite number within ±REF_LIMIT (1e308, nan, inf once broke the page)."""
    try:
        value = float(raw.replace(",", "."))
    except ValueError:
        return default
    return value if math.isfinite(value) and abs(value) <= REF_LIMIT else default


def _link_form(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return ",".join(value) if isinstance(value, list) else str(value)


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
    typed = st.session_state.get("cmp_ref") == "value"
    for key, param in URL_KEYS.items():
        value = st.session_state.get(key)
        empty = (value is None or value == [] or value == "" or (key in OMITTED_AT and value == OMITTED_AT[key])
                 or (key in TYPED_REFERENCE and not typed))
        values[param] = None if empty else _link_form(value)
    url_state.keep(values)
