"""Links written before some widgets were bound to the URL by Streamlit itself (`bind="query-params"`):
their old parameter forms rewritten once, on a session's first run of the page, into the framework's.

Which widgets are bound, and why the others are not: a bound widget writes the *label* it shows into
the URL (the `format_func` text, not the option), and drops the parameter when the value equals the
widget's default. So binding fits a widget whose label is the value itself and whose default is a fixed
constant: Kemiskinan's switches (refs, long). Bandingkan's target switch (tgt), typed reference values
(refx, refy) and number of similar regions (k) were bound too; pages/_shared/compare_state.py keeps them
now, in the same link forms, because Bandingkan draws one tab at a time and Streamlit takes a bound widget
out of the link as soon as it is not drawn. Binding does not fit:
- options shown by translated labels (measures, view, ind, level, period, chart, classes, qy, ref,
  weight, feat, program, and the tabs of Kemiskinan and Program: tab): the link would hold Indonesian
  or English words, and a link would stop working when the language or a label's wording changed;
- regions (region, compare, prov, peers, sel): the link would hold names (which BPS changes and which
  are not unique) instead of codes, and every link written so far uses codes;
- years (year, from on Bandingkan; from/to on Program): their default is the latest year with data,
  so a link made today would carry no year and open on next year's figures once they are loaded;
- the language (lang): read before any widget is drawn, by the navigation and the loading placeholder.
Those stay in pages/_shared/frame.py, compare_state.py, ui.py (lazy_tabs), pages/poverty.py and
pages/programs.py.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import streamlit as st

# Old switch values: 1/0. Streamlit's: true/false (and nothing when the switch is at its default).
_SWITCH = {"1": "true", "0": "false"}


def _switch(default: bool) -> Callable[[str], str]:
    """The old reading of a switch: Kemiskinan's refs was on unless "0", long and tgt off unless "1"."""
    def upgrade(value: str) -> str:
        if value.lower() in ("true", "false"):
            return value.lower()
        return _SWITCH.get(value, "true" if default else "false")
    return upgrade


def _decimal(value: str) -> str:
    """A typed reference value: the old reader also took a decimal comma (5,19)."""
    return value.replace(",", ".")


# URL path of the page → its bound parameters' old forms → the framework's form (Bandingkan's are read
# in either form by compare_state; rewriting them keeps its links in one form).
OLD_FORMS: dict[str, dict[str, Callable[[str], str]]] = {
    "poverty": {"refs": _switch(True), "long": _switch(False)},
    "compare": {"tgt": _switch(False), "refx": _decimal, "refy": _decimal},
}
# Session flag: this page's link has been looked at (the rewrite happens at most once per page).
_DONE = "_url_state_upgraded"


def upgraded(page: str, params: Mapping[str, str]) -> dict[str, str]:
    """The parameters of `params` that `page` reads in an old form, each in the framework's form."""
    forms = OLD_FORMS.get(page, {})
    changed = {}
    for name, upgrade in forms.items():
        if name in params and (new := upgrade(params[name])) != params[name]:
            changed[name] = new
    return changed


def upgrade_old_link(page: str) -> None:
    """On a session's first run of `page`, rewrite its old-form parameters and run again: Streamlit seeds
    bound widgets from the URL the run started with, so the rewritten URL must start a run of its own
    (before anything is drawn: the extra run costs nothing visible)."""
    done = st.session_state.setdefault(_DONE, set())
    if page in done or page not in OLD_FORMS:
        return
    done.add(page)
    changed = upgraded(page, st.query_params.to_dict())
    if changed:
        st.query_params.update(changed)
        st.rerun()


def keep(values: Mapping[str, str | None]) -> None:
    """Put a view's hand-kept choices in the URL (None: the parameter goes), in one message and only when
    one changed. Every write sends the browser a message that rewrites its address bar and history entry;
    written on every rerun, unchanged, that was five to seven such messages per widget change. The URL
    the run started with is what Streamlit's st.query_params holds (it clears a page's parameters on
    navigation, so after a page switch they differ and are written again)."""
    changed = {name: value for name, value in values.items() if value is not None and st.query_params.get(name) != value}
    gone = [name for name, value in values.items() if value is None and name in st.query_params]
    if changed:
        st.query_params.update(changed)
    for name in gone:
        del st.query_params[name]
