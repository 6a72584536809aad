"""Coverage at a glance: which measure has values for how many regions of each level, per year.

The counts come from the store (`Store.coverage_matrix`, counted by the database); this module
turns them into shares of the regions of each level (drawn as one heatmap by
analytics/figures/coverage_charts.py), so a reader sees the gaps before hunting for them.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from analytics.catalog import Catalog
from analytics.regions import RegionRegistry

LEVELS = ("nation", "province", "kabkota", "kecamatan", "desa")


def level_totals(registry: RegionRegistry) -> dict[str, int]:
    """How many regions each level has in the registry (the denominator of a share)."""
    counts = registry.frame["level"].value_counts()
    return {level: int(counts.get(level, 0)) for level in LEVELS}


def coverage_shares(matrix: pd.DataFrame, totals: dict[str, int], catalog: Catalog,
                    measures: Iterable[str] | None = None) -> pd.DataFrame:
    """The store's counts with `total` and `share` (regions / total), rows in catalog order, then
    level order. Measures not in `measures` (when given) are left out."""
    order = {m: i for i, m in enumerate(catalog.measures)}
    frame = matrix.copy()
    if measures is not None:
        frame = frame[frame["measure"].isin(list(measures))]
    frame = frame.assign(total=frame["level"].map(totals).fillna(0).astype(int))
    frame = frame.assign(share=np.where(frame["total"] > 0, frame["regions"] / frame["total"].clip(lower=1), np.nan))
    frame = frame.assign(_m=frame["measure"].map(order).fillna(len(order)), _l=frame["level"].map(LEVELS.index))
    return frame.sort_values(["_m", "_l", "year"]).drop(columns=["_m", "_l"]).reset_index(drop=True)
