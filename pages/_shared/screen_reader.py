"""Streamlit's own words for screen readers in the interface's language (issue #20, item 12).

Streamlit 1.67 names its controls for screen readers in English (aria-label="Show password",
"Help for …", "Clear all"; the selectbox's "No results") and serves <html lang="en">; none of
it has a setting, and CSS cannot change an accessible name given by aria-label. The one way
left that the deployment's Content-Security-Policy (docs/nginx/dasbor-headers.conf: script-src
'self', no inline script) allows is a script file from the app's own origin: server.py serves
screen_reader.js at SCRIPT_ROUTE, and every run puts a <script src> for it at the foot of the
sidebar with the words from the string table (analytics/strings/screen_reader.yaml). Run as
`streamlit run app.py` the route is missing and Streamlit's English words stay.
"""

from __future__ import annotations

import html
import json
from functools import lru_cache
from pathlib import Path

import streamlit as st

from analytics.i18n import strings, t

SCRIPT_FILE = Path(__file__).resolve().parent / "screen_reader.js"
SCRIPT_ROUTE = "/_dasbor/screen-reader.js"
_LABELS = "screen_reader.label."
_TEXTS = "screen_reader.text."


@lru_cache(maxsize=2)
def words(lang: str) -> str:
    """The script's data: Streamlit's English phrase → the phrase in `lang`, {name} kept as is."""
    def pairs(prefix: str) -> list[tuple[str, str]]:
        return [(t(key, "en", name="{name}"), t(key, lang, name="{name}")) for key in strings()
                if key.startswith(prefix)]

    return json.dumps({"labels": pairs(_LABELS), "texts": pairs(_TEXTS)}, ensure_ascii=False)


def speak(lang: str) -> None:
    """At the foot of the sidebar: the script, told the interface's language. In English it only
    sets <html lang="en"> again and restores any word it replaced."""
    with st.sidebar:
        st.html(f'<script src="{SCRIPT_ROUTE}" data-lang="{html.escape(lang)}" '
                f'data-words="{html.escape(words(lang) if lang != "en" else "{}")}"></script>',
                unsafe_allow_javascript=True)
