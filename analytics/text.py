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
