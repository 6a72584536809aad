"""The catalog: measures, programmes and sources, loaded from YAML into typed objects.

The catalog is data (data/catalog/*.yaml; measures, programmes and sources are
written by scripts/build_data.py from the hand-edited data/source/*.yaml, as their
header says). Chart titles, units, tooltips, the glossary and the "About the data"
page all come from it, so adding a measure or a programme is a catalog entry plus
data, not new code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from analytics import paths

# libyaml's C loader when the wheel has it (10× faster than the pure-Python one).
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Units the formatter knows how to print (analytics.fmt).
UNITS = (
    "percent",
    "thousand_people",
    "people",
    "rupiah_per_capita_month",
    "rupiah",
    "index",
    "count",
)


# Units that count things (people, houses, rupiah), so a large region's value dwarfs a small one's:
# their series are compared in separate panels and described as totals, never averaged as rates.
EXTENSIVE_UNITS = ("thousand_people", "people", "count", "rupiah")


class CatalogError(ValueError):
    """The catalog files are inconsistent (a developer error, caught by tests)."""


@dataclass(frozen=True)
class Text:
    """A string in both languages."""

    id: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.id

    @classmethod
    def from_yaml(cls, raw: object) -> Text:
        if raw is None:
            return cls("", "")
        if isinstance(raw, str):
            return cls(raw, raw)
        if isinstance(raw, dict):
            return cls(str(raw.get("id", "")), str(raw.get("en", raw.get("id", ""))))
        raise CatalogError(f"expected a text with 'id' and 'en', got {raw!r}")


@dataclass(frozen=True)
class MethodNote:
    """A method note; with a `year`, a series break: earlier values are not comparable with later ones."""

    year: int | None
    text: Text


@dataclass(frozen=True)
class KnownGap:
    """A period with no value, and why (e.g. BPS did not compute the national September 2023)."""

    region: str
    year: int
    period: str
    reason: Text


@dataclass(frozen=True)
class GapGroup:
    """The known gaps of one region and period with the same reason: one sentence under a chart."""

    region: str
    period: str
    years: tuple[int, ...]
    reason: Text

    def years_text(self) -> str:
        """"2019–2022" for consecutive years, "2015, 2017" otherwise."""
        runs: list[list[int]] = []
        for year in self.years:
            if runs and year == runs[-1][-1] + 1:
                runs[-1].append(year)
            else:
                runs.append([year])
        return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def grouped_gaps(gaps: Iterable[KnownGap]) -> list[GapGroup]:
    """Gaps grouped by region, period and reason (years ascending), in the order first met."""
    groups: dict[tuple, list[int]] = {}
    reasons: dict[tuple, Text] = {}
    for gap in gaps:
        key = (gap.region, gap.period, gap.reason.get("id"), gap.reason.get("en"))
        groups.setdefault(key, []).append(gap.year)
        reasons[key] = gap.reason
    return [GapGroup(key[0], key[1], tuple(sorted(set(years))), reasons[key]) for key, years in groups.items()]


@dataclass(frozen=True)
class Measure:
    id: str
    name: Text
    short: Text
    unit: str
    unit_label: Text | None
    decimals: int
    lower_is_better: bool | None
    definition: Text
    program: str | None
    cumulative: bool
    method_notes: tuple[MethodNote, ...] = ()
    gaps: tuple[KnownGap, ...] = ()

    def gaps_for(self, regions: Iterable[str], periods: Iterable[str] | None = None) -> list[KnownGap]:
        """The known gaps of these regions (and periods), in the order the catalog gives them."""
        codes, wanted = set(regions), None if periods is None else set(periods)
        return [g for g in self.gaps if g.region in codes and (wanted is None or g.period in wanted)]

    def break_years(self) -> list[int]:
        return sorted(note.year for note in self.method_notes if note.year is not None)


@dataclass(frozen=True)
class Strategy:
    id: str
    name: Text


@dataclass(frozen=True)
class ProgramRule:
    """A dated programme rule (e.g. the grant per house), valid in [valid_from, valid_to]."""

    id: str
    value: float
    unit: str
    valid_from: int | None
    valid_to: int | None
    source: str
    note: Text

    def applies_to(self, year: int) -> bool:
        return (self.valid_from is None or year >= self.valid_from) and (
            self.valid_to is None or year <= self.valid_to
        )


@dataclass(frozen=True)
class Program:
    id: str
    name: Text
    agency: Text
    agency_short: str
    strategy: str
    region: str | None
    description: Text
    measures: tuple[str, ...]
    rules: tuple[ProgramRule, ...] = ()


@dataclass(frozen=True)
class Source:
    id: str
    publisher: str
    title: str
    url: str
    date: str
    licence: str
    via: str
    note: str


@dataclass(frozen=True)
class Catalog:
    measures: dict[str, Measure]
    programs: dict[str, Program]
    strategies: dict[str, Strategy]
    sources: dict[str, Source] = field(default_factory=dict)

    def measure(self, measure_id: str) -> Measure:
        try:
            return self.measures[measure_id]
        except KeyError:
            raise CatalogError(f"unknown measure {measure_id!r}") from None

    def poverty_measures(self) -> list[Measure]:
        return [m for m in self.measures.values() if m.program is None]

    def program_measures(self, program_id: str) -> list[Measure]:
        return [self.measures[m] for m in self.programs[program_id].measures]


def _int_or_none(raw: object) -> int | None:
    return None if raw in (None, "") else int(raw)  # type: ignore[arg-type]


def _measure(raw: dict) -> Measure:
    unit = raw["unit"]
    if unit not in UNITS:
        raise CatalogError(f"measure {raw['id']}: unknown unit {unit!r}")
    return Measure(
        id=raw["id"],
        name=Text.from_yaml(raw["name"]),
        short=Text.from_yaml(raw.get("short") or raw["name"]),
        unit=unit,
        unit_label=Text.from_yaml(raw["unit_label"]) if raw.get("unit_label") else None,
        decimals=int(raw.get("decimals", 2)),
        lower_is_better=raw.get("lower_is_better"),
        definition=Text.from_yaml(raw.get("definition")),
        program=raw.get("program"),
        cumulative=bool(raw.get("cumulative", False)),
        method_notes=tuple(
            MethodNote(_int_or_none(n.get("year")), Text.from_yaml(n)) for n in raw.get("method_notes") or []
        ),
        # A gap entry names one region and year, or lists `regions` and `years` (the same reason for each).
        gaps=tuple(
            KnownGap(str(region), int(year), str(g["period"]), Text.from_yaml(g))
            for g in raw.get("gaps") or []
            for region in g.get("regions") or [g["region"]]
            for year in g.get("years") or [g["year"]]
        ),
    )


def _program(raw: dict) -> Program:
    rules = tuple(
        ProgramRule(
            id=r["id"],
            value=float(r["value"]),
            unit=r.get("unit", "rupiah"),
            valid_from=_int_or_none(r.get("valid_from")),
            valid_to=_int_or_none(r.get("valid_to")),
            source=r["source"],
            note=Text.from_yaml(r.get("note")),
        )
        for r in raw.get("rules") or []
    )
    return Program(
        id=raw["id"],
        name=Text.from_yaml(raw["name"]),
        agency=Text.from_yaml(raw["agency"]),
        agency_short=str(raw.get("agency_short", "")),
        strategy=raw["strategy"],
        region=str(raw["region"]) if raw.get("region") is not None else None,
        description=Text.from_yaml(raw.get("description")),
        measures=tuple(raw.get("measures") or []),
        rules=rules,
    )


def check_rules_do_not_overlap(program: Program) -> None:
    """A rule's dated values must not overlap: with two values for one year, which one holds would
    depend on the order of the file (PolicyEngine-style dated parameters have one value per date)."""
    by_id: dict[str, list[ProgramRule]] = {}
    for rule in program.rules:
        if rule.valid_from is not None and rule.valid_to is not None and rule.valid_from > rule.valid_to:
            raise CatalogError(f"programme {program.id}, rule {rule.id}: valid_from {rule.valid_from} "
                               f"is after valid_to {rule.valid_to}")
        by_id.setdefault(rule.id, []).append(rule)
    for rule_id, rules in by_id.items():
        ordered = sorted(rules, key=lambda r: -10**9 if r.valid_from is None else r.valid_from)
        for earlier, later in zip(ordered, ordered[1:], strict=False):
            if earlier.valid_to is None or later.valid_from is None or earlier.valid_to >= later.valid_from:
                raise CatalogError(
                    f"programme {program.id}, rule {rule_id}: {_span(earlier)} and {_span(later)} overlap")


def _span(rule: ProgramRule) -> str:
    return f"{rule.valid_from or '…'}–{rule.valid_to or '…'} ({rule.value:g} {rule.unit})"


def _source(raw: dict) -> Source:
    return Source(
        id=raw["id"],
        publisher=str(raw.get("publisher") or ""),
        title=str(raw.get("title") or ""),
        url=str(raw.get("url") or ""),
        date=str(raw.get("date") or ""),
        licence=str(raw.get("licence") or ""),
        via=str(raw.get("via") or ""),
        note=str(raw.get("note") or ""),
    )


def _read_yaml(path: Path) -> object:
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_YAML_LOADER)


def load_catalog(directory: Path | None = None) -> Catalog:
    """Read measures.yaml, programs.yaml and sources.yaml and check they agree."""
    directory = directory or paths.CATALOG_DIR
    measures = {m.id: m for m in map(_measure, _read_yaml(directory / "measures.yaml"))}
    raw_programs = _read_yaml(directory / "programs.yaml")
    strategies = {
        s["id"]: Strategy(s["id"], Text.from_yaml(s["name"])) for s in raw_programs["strategies"]
    }
    programs = {p.id: p for p in map(_program, raw_programs["programs"])}
    sources = {s.id: s for s in map(_source, _read_yaml(directory / "sources.yaml"))}
    for program in programs.values():
        if program.strategy not in strategies:
            raise CatalogError(f"programme {program.id}: unknown strategy {program.strategy!r}")
        for measure_id in program.measures:
            if measure_id not in measures:
                raise CatalogError(f"programme {program.id}: unknown measure {measure_id!r}")
        for rule in program.rules:
            if rule.source not in sources:
                raise CatalogError(f"programme {program.id}: unknown source {rule.source!r}")
        check_rules_do_not_overlap(program)
    for measure in measures.values():
        if measure.program is not None and measure.program not in programs:
            raise CatalogError(f"measure {measure.id}: unknown programme {measure.program!r}")
    return Catalog(measures=measures, programs=programs, strategies=strategies, sources=sources)


@lru_cache(maxsize=1)
def default_catalog() -> Catalog:
    """The embedded catalog, read once per process (it only changes with a deploy)."""
    return load_catalog()
