"""The region registry and its hierarchy: nation → province → kab/kota (→ kecamatan)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import TypeVar

import pandas as pd

from analytics.errors import UnknownRegion

NATION = "00"
T = TypeVar("T")


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: str
    type: str | None
    parent_code: str | None
    parent_code_2025: str | None


class RegionRegistry:
    """Lookups over the `regions` table (a DataFrame indexed by BPS code)."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame.set_index("code", drop=False).rename_axis(None)
        # A registry is read-only once built (the app holds one per data-version, shared by every
        # session), so lookups are remembered: a page formats hundreds of region labels per rerun
        # (the region and comparison pickers), and a pandas row lookup costs about a millisecond.
        self._regions: dict[str, Region] = {}
        self._provinces: dict[tuple[str, str], str | None] = {}
        self._remembered: dict[Hashable, object] = {}

    def remembered(self, key: Hashable, make: Callable[[], T]) -> T:
        """What `make()` works out from this registry, made once per `key` (the registry never changes):
        e.g. each year's kab/kota → province table, asked several times on every Bandingkan run. Shared by
        every caller: read it, never change it."""
        if key not in self._remembered:
            self._remembered[key] = make()
        return self._remembered[key]  # type: ignore[return-value]

    def __contains__(self, code: object) -> bool:
        return code in self._regions or code in self.frame.index

    def get(self, code: str) -> Region:
        region = self._regions.get(code)
        if region is None:
            region = self._regions[code] = self._read(code)
        return region

    def _read(self, code: str) -> Region:
        if code not in self.frame.index:
            raise UnknownRegion(code)
        row = self.frame.loc[code]

        def clean(value: object) -> str | None:
            return None if value is None or (isinstance(value, float) and pd.isna(value)) or value == "" else str(value)

        return Region(
            code=str(row["code"]), name=str(row["name"]), level=str(row["level"]),
            type=clean(row.get("type")), parent_code=clean(row.get("parent_code")),
            parent_code_2025=clean(row.get("parent_code_2025")),
        )

    def name(self, code: str) -> str:
        return self.get(code).name

    def province_of(self, code: str, *, scheme: str = "2020") -> str | None:
        """The province a region belongs to (itself for a province, None for the nation).

        `scheme="2025"` gives the 38-province parent (the 2022 Papua provinces).
        """
        key = (code, scheme)
        if key not in self._provinces:
            self._provinces[key] = self._province_of(code, scheme)
        return self._provinces[key]

    def _province_of(self, code: str, scheme: str) -> str | None:
        region = self.get(code)
        if region.level == "nation":
            return None
        if region.level == "province":
            return region.code
        parent = region.parent_code_2025 if scheme == "2025" and region.parent_code_2025 else region.parent_code
        while parent is not None and self.get(parent).level not in ("province", "nation"):
            parent = self.get(parent).parent_code
        return parent

    def references(self, code: str) -> list[str]:
        """The comparison lines for a region: its province(s) and the nation, most local first.

        A kab/kota that moved to a 2022 Papua province gets both provinces, since BPS
        publishes the old one until 2023 and the new one from 2024.
        """
        region = self.get(code)
        if region.level == "nation":
            return []
        out = []
        if region.level != "province":
            for scheme in ("2020", "2025"):
                province = self.province_of(code, scheme=scheme)
                if province and province not in out and province in self:
                    out.append(province)
        out.append(NATION)
        return out

    def children(self, code: str, level: str | None = None) -> pd.DataFrame:
        frame = self.frame[(self.frame["parent_code"] == code) | (self.frame["parent_code_2025"] == code)]
        if code == NATION:
            frame = self.frame[self.frame["level"] == "province"]
        if level:
            frame = frame[frame["level"] == level]
        return frame.sort_values("code")

    def siblings(self, code: str) -> pd.DataFrame:
        """Other regions of the same level in the same province (kab/kota) or all provinces."""
        region = self.get(code)
        parent = NATION if region.level == "province" else region.parent_code
        return self.children(parent or NATION, region.level).query("code != @code")

    def kabkota(self) -> pd.DataFrame:
        return self.frame[self.frame["level"] == "kabkota"]

    def provinces(self, scheme: str | None = None) -> pd.DataFrame:
        frame = self.frame[self.frame["level"] == "province"]
        if scheme == "2020":
            frame = frame[frame["scheme"].isin(["both", "2020"])]
        elif scheme == "2025":
            frame = frame[frame["scheme"].isin(["both", "2025"])]
        return frame
