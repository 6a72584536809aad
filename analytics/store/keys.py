"""The key of a fact row (region, measure, year, period) as one integer per row.

Merging, de-duplicating and ordering a million rows by four text columns is slow; by one
int64 per row it is quick. Used by the validator (duplicates, jumps) and the store (diff).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.contract import KEY


def key_codes(*frames: pd.DataFrame, columns: list[str] | None = None,
              start: list[np.ndarray] | None = None) -> list[np.ndarray]:
    """One int64 per row naming its key (region, measure, year, period by default), comparable
    across the given frames, so a million-row merge or duplicate check compares one integer
    column instead of four text columns. `start` extends codes already computed for the same
    frames (a series' codes plus `year` name an observation's key)."""
    columns = KEY if columns is None else columns
    sizes = [len(frame) for frame in frames]
    combined = np.concatenate(start).astype("int64") if start is not None else np.zeros(sum(sizes), dtype="int64")
    for column in columns:
        codes, distinct = _shared_codes([frame[column] for frame in frames])
        if combined.max(initial=0) > (2**62) // (distinct + 1):
            combined = pd.factorize(combined)[0].astype("int64")  # renumber densely: no overflow
        combined = combined * (distinct + 1) + codes
    return np.split(combined, np.cumsum(sizes)[:-1])


def _shared_codes(columns: list[pd.Series]) -> tuple[np.ndarray, int]:
    """Codes of several columns' values on one numbering (each column factorized in its own
    dtype, so a million Arrow strings are never turned into Python objects)."""
    codes, uniques = pd.factorize(columns[0], use_na_sentinel=False)
    known = pd.Index(uniques)
    parts, distinct = [codes.astype("int64")], len(uniques)
    for column in columns[1:]:
        position = known.get_indexer(column) if len(column) else np.empty(0, dtype="int64")
        missing = position < 0
        if missing.any():
            extra, extra_uniques = pd.factorize(column[missing], use_na_sentinel=False)
            position[missing] = distinct + extra
            distinct += len(extra_uniques)
        parts.append(position.astype("int64"))
    return np.concatenate(parts), distinct
