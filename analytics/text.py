"""Text from files and people, made safe to store and to show: the one rule for control characters.

A control character (a vertical tab, a NUL, an escape...) in a stored note once made the Excel
download fail for every visitor of a page (openpyxl refuses them; PostgreSQL refuses NUL). The
validator refuses them in uploaded cells (`control_characters`), names and free-text notes from
forms are cleaned (`clean_name`, `clean_note`), and exports clean whatever an older store may
still hold (`clean_cells`), so no stored text can break a page or a download.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

# C0 controls except tab, line feed and carriage return, DEL, and the C1 block: what spreadsheets
# (openpyxl's ILLEGAL_CHARACTERS_RE is the C0 part) and PostgreSQL (NUL) refuse, and what no
# name, source or note legitimately holds. Also the Unicode line/paragraph separators and
# bidirectional overrides, which reorder what a reader sees.
_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
CONTROL_RE = re.compile(f"[{_CONTROL}]")
# In a one-line value (a name, a code, a source) tabs and line breaks are controls too.
LINE_CONTROL_RE = re.compile(f"[{_CONTROL}\t\n\r]")


def control_characters(text: str) -> list[str]:
    """The distinct control characters in `text`, as U+XXXX (empty when there are none)."""
    return sorted({f"U+{ord(c):04X}" for c in CONTROL_RE.findall(text)})


def clean_name(text: str) -> str:
    """A one-line value without control characters or line breaks (account names, file names)."""
    return LINE_CONTROL_RE.sub("", text)


def clean_note(text: str) -> str:
    """Free text (a revision note) without control characters; line breaks and tabs are kept."""
    return CONTROL_RE.sub("", text)


def has_control(values: pd.Series) -> np.ndarray:
    """Which cells of a text column hold a control character (missing cells do not)."""
    text = values.astype("string")
    return text.str.contains(CONTROL_RE, regex=True).fillna(False).to_numpy(dtype=bool)


def clean_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with control characters removed from its text cells (only cells that hold one
    are touched: a whole store is a million rows)."""
    out = frame
    for position in range(frame.shape[1]):
        values = frame.iloc[:, position]
        if not (values.dtype == object or pd.api.types.is_string_dtype(values)):
            continue
        bad = has_control(values)
        if bad.any():
            if out is frame:
                out = frame.copy()
            fixed = values.astype(object).copy()
            fixed[bad] = [clean_note(v) if isinstance(v, str) else v for v in fixed[bad]]
            out.isetitem(position, fixed.astype(values.dtype) if isinstance(values.dtype, pd.StringDtype) else fixed)
    return out


# --- shown as plain text ----------------------------------------------------------------------
# Streamlit renders st.markdown, captions, alerts, titles and widget labels as Markdown with its own
# additions (`:red[…]` colours, `:material/…:` icons, `$…$` LaTeX) and GitHub's autolinks (bare
# `https://…`, `www.…`, e-mail addresses). A backslash before every ASCII punctuation character is
# valid CommonMark and turns each of those back into the characters themselves.
_MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
# Streamlit finds bare links in the text *after* Markdown is parsed, so escapes do not stop them: a
# word joiner (U+2060, invisible, no width) inside "http:", "www." and around "@" does.
_AUTOLINK = re.compile(r"(?i)(?<=http)(?=s?:)|(?<=www)(?=\.)|(?=@)|(?<=@)")
WORD_JOINER = "\u2060"
# Tags plotly draws in labels and hover text: code-authored charts use these harmless ones; any
# other (<a href> is a live link, <span style> colours) is shown as text.
PLOTLY_CODE_TAGS = frozenset({"b", "i", "em", "br", "sup", "sub", "extra"})
_TAG = re.compile(r"<(/?)([A-Za-z]*)([^<>]*)(>?)")
# Trace properties that carry data (names, values, sources), never markup written by the code.
PLOTLY_DATA_KEYS = frozenset({"x", "y", "z", "text", "hovertext", "customdata", "labels", "ids", "locations",
                              "parents", "ticktext", "header", "cells"})
_PLOTLY_SKIP = frozenset({"geojson", "template"})
# In the layout, `text` is a title's or an annotation's (subtitle, source line): written by the code,
# wrapped with <br>, with data (names) inside it, so it keeps the harmless tags like a title does.
_LAYOUT_DATA_KEYS = PLOTLY_DATA_KEYS - {"text"}


def markdown_literal(text: object) -> str:
    """`text` for a Markdown sink, shown exactly as written: no link, colour, icon, LaTeX, emphasis
    or HTML. Line breaks become spaces (a name or a note is shown on its line)."""
    plain = LINE_CONTROL_RE.sub(" ", text if isinstance(text, str) else str(text))
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", _AUTOLINK.sub(WORD_JOINER, plain))


def plotly_literal(text: str) -> str:
    """Data text for a plotly label or hover: every `<`/`>` shown as itself (idempotent)."""
    return text.replace("<", "&lt;").replace(">", "&gt;")


def plotly_markup_safe(text: str) -> str:
    """Code-authored plotly text (titles, templates) that may embed data: keeps the harmless tags
    the charts use (<b>, <br>…, without attributes) and shows any other tag as text."""
    def keep_or_show(match: re.Match[str]) -> str:
        _closing, name, attributes, end = match.groups()
        if end and name.lower() in PLOTLY_CODE_TAGS and not attributes.strip():
            return match.group(0)
        return "&lt;" + match.group(0)[1:].replace(">", "&gt;")
    return _TAG.sub(keep_or_show, text) if "<" in text else text.replace(">", "&gt;") if ">" in text else text


def _literal_values(value: object) -> object:
    if isinstance(value, str):
        return plotly_literal(value) if ("<" in value or ">" in value) else value
    if isinstance(value, np.ndarray):
        if value.dtype != object:
            return value
        flat = value.ravel()
        risky = [i for i, v in enumerate(flat) if isinstance(v, str) and ("<" in v or ">" in v)]
        if risky:
            value = value.copy()
            flat = value.ravel()
            for i in risky:
                flat[i] = plotly_literal(flat[i])
        return value
    if isinstance(value, (list, tuple)):
        return type(value)(_literal_values(v) for v in value)
    if isinstance(value, dict):
        return {k: _literal_values(v) for k, v in value.items()}
    return value


def _plain_node(node: object, data_keys: frozenset[str] = PLOTLY_DATA_KEYS) -> object:
    if isinstance(node, str):
        return plotly_markup_safe(node)
    if isinstance(node, dict):
        for key in list(node):
            if key in _PLOTLY_SKIP:
                continue
            node[key] = _literal_values(node[key]) if key in data_keys else _plain_node(node[key], data_keys)
        return node
    if isinstance(node, list):
        for position, item in enumerate(node):
            node[position] = _plain_node(item, data_keys)
        return node
    return node


def plain_figure(figure):  # type: ignore[no-untyped-def]
    """A plotly figure (or its dict) with every text from data shown as plain text: data arrays
    (categories, hover data, labels) escaped in full, titles, legend names and templates stripped
    of every tag but the harmless ones. Idempotent and in place (figures are cached and reused);
    the figure's raw dicts are walked without plotly's validation, the map's GeoJSON skipped."""
    if isinstance(figure, dict):
        for trace in figure.get("data", []):
            _plain_node(trace)
        _plain_node(figure.get("layout", {}), _LAYOUT_DATA_KEYS)
        return figure
    for trace in figure._data:
        _plain_node(trace)
    _plain_node(figure._layout, _LAYOUT_DATA_KEYS)
    return figure
