"""Match what a file says to what the dashboard knows: regions to BPS codes, measures to catalog ids.

Regions are matched by BPS code (2020 codes, and the 2025 codes of the Papua
kab/kota that moved), by Kemendagri code when the file says so (through the
crosswalk in the registry: about 180 codes mean different places in the two
schemes), and by name, normalised ("KOTA TANGERANG", "Kab. Tangerang",
"Tangerang (Kota)", "Prov. Banten"). A bare name shared by several regions
("Tangerang") is decided only by the file itself: the BPS province header row it
sits under (BPS writes kabupaten bare and "Kota X" for cities). Otherwise it is
a Problem listing the candidates; unmatched names list the closest suggestions.

Measures are matched by catalog id, by the Indonesian or English name or short
name, and by the titles of BPS tables (data/catalog/matching.yaml). A title that fits
several measures is a Problem, never a guess. Everything works per distinct
value, so a million-row file costs a few dictionary look-ups per distinct value.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import yaml

from analytics import paths
from analytics.catalog import Catalog
from analytics.contract import CODE_LENGTH, FINER_LEVELS, TIDY_COLUMNS
from analytics.errors import Problem
from analytics.i18n import Both, pair, period_label
from analytics.ingest.parser import PERIOD_ALIASES
from analytics.regions import NATION, RegionRegistry

# The matcher's vocabulary is data: data/catalog/matching.yaml (hand-edited, with its comments).
_VOCABULARY = yaml.load(paths.MATCHING_FILE.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
# Titles of BPS tables and other common names → catalog id.
MEASURE_ALIASES: dict[str, str] = _VOCABULARY["measure_aliases"]
# Words that fit several measures: asking is better than guessing.
AMBIGUOUS_MEASURES: dict[str, tuple[str, ...]] = {
    words: tuple(ids) for words, ids in _VOCABULARY["ambiguous_measures"].items()}
# Units written in titles or the unit column → catalog unit.
UNIT_ALIASES: dict[str, str] = _VOCABULARY["unit_aliases"]
# The period a kab/kota figure refers to when the file does not say (BPS: March Susenas, August Sakernas).
KABKOTA_DEFAULT_PERIODS: dict[str, str] = _VOCABULARY["kabkota_default_periods"]

_NAME_PREFIXES = (
    ("kabupaten administrasi ", "kabupaten"),
    ("kab adm ", "kabupaten"),
    ("kabupaten ", "kabupaten"),
    ("kab ", "kabupaten"),
    ("kota administrasi ", "kota"),
    ("kota adm ", "kota"),
    ("kota ", "kota"),
    ("provinsi ", "province"),
    ("propinsi ", "province"),
    ("prov ", "province"),
)
_NAME_SUFFIX = re.compile(r"^(.*?)\s*(?:\(|,)\s*(kota|kab|kabupaten|prov|provinsi)\.?\s*\)?$")
_NAME_SYNONYMS = (
    (re.compile(r"\bkep\b"), "kepulauan"),
    (re.compile(r"\bd\s*i\s+yogyakarta\b|\bdaerah istimewa yogyakarta\b"), "di yogyakarta"),
    (re.compile(r"\bdaerah khusus ibu ?kota jakarta\b|\bdaerah khusus jakarta\b"), "dki jakarta"),
    (re.compile(r"^(nasional|national|indonesia total|total indonesia)$"), "indonesia"),
)
_KINDS = {"nation": "nation", "province": "province", "Kabupaten": "kabupaten", "Kota": "kota"}


@dataclass
class Resolution:
    """The frame with BPS region codes and catalog measure ids, and what could not be matched."""

    frame: pd.DataFrame
    problems: list[Problem]


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return text.lower().strip()


def name_key(text: str) -> tuple[str | None, str]:
    """(kind, base key) of a region name: kind is kabupaten/kota/province or None, the key has no spaces."""
    folded = _fold(text)
    kind: str | None = None
    suffix = _NAME_SUFFIX.match(folded)
    if suffix:
        folded = suffix.group(1)
        kind = {"kota": "kota", "prov": "province", "provinsi": "province"}.get(suffix.group(2), "kabupaten")
    folded = re.sub(r"[’'`]", "", folded)
    folded = re.sub(r"[^a-z0-9]+", " ", folded).strip()
    for pattern, replacement in _NAME_SYNONYMS:
        folded = pattern.sub(replacement, folded)
    if kind is None:
        for prefix, prefix_kind in _NAME_PREFIXES:
            if folded.startswith(prefix):
                folded, kind = folded[len(prefix):], prefix_kind
                break
    return kind, folded.replace(" ", "")


def _full_key(text: str) -> str:
    folded = re.sub(r"[^a-z0-9]+", " ", _fold(text)).strip()
    for pattern, replacement in _NAME_SYNONYMS:
        folded = pattern.sub(replacement, folded)
    return folded.replace(" ", "")


def measure_key(text: str) -> list[str]:
    """Keys to try for a measure text, most specific first."""
    folded = _fold(text)
    candidates = []

    def add(value: str) -> None:
        value = re.sub(r"[^a-z0-9%]+", " ", value).strip()
        if value and value not in candidates:
            candidates.append(value)

    add(folded)
    tail_cut = re.split(r"\bmenurut\b|\bby (?:regency|province|district)\b|,", folded)[0]
    add(tail_cut)
    add(re.sub(r"\([^)]*\)?", " ", tail_cut))
    without_years = re.sub(r"\b(19|20)\d\d\b", " ", tail_cut)
    add(without_years)
    add(re.sub(r"\([^)]*\)?", " ", without_years))
    return candidates


def unit_in_text(text: str) -> str | None:
    """The unit a title states in parentheses ("(Ribu Jiwa)", "(Persen)"), if any."""
    for inside in re.findall(r"\(([^)]*)\)", _fold(text)):
        key = re.sub(r"[^a-z%]+", " ", inside).strip()
        if key in UNIT_ALIASES:
            return UNIT_ALIASES[key]
    return None


def _unit_of(text: str) -> str | None:
    key = re.sub(r"[^a-z%_]+", " ", _fold(text)).strip()
    return UNIT_ALIASES.get(key) or UNIT_ALIASES.get(key.replace(" ", "_"))


class MeasureMatcher:
    """Catalog ids, names and BPS titles → measure id (or the candidates when it is ambiguous)."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        table: dict[str, set[str]] = {}

        def add(text: str, measure_id: str) -> None:
            for key in measure_key(text)[:1]:
                table.setdefault(key, set()).add(measure_id)

        for measure in catalog.measures.values():
            add(measure.id, measure.id)
            add(measure.id.replace("_", " "), measure.id)
            for text in (measure.name.id, measure.name.en, measure.short.id, measure.short.en):
                add(text, measure.id)
                add(re.sub(r"\([^)]*\)", " ", text), measure.id)
        for alias, measure_id in MEASURE_ALIASES.items():
            if measure_id in catalog.measures:
                table.setdefault(alias, set()).add(measure_id)
        for word, ids in AMBIGUOUS_MEASURES.items():
            known = {m for m in ids if m in catalog.measures}
            if len(known) > 1 and word not in table:  # the catalog's own names win
                table[word] = known
        self.table = table

    def match(self, text: str) -> tuple[str | None, tuple[str, ...]]:
        """(measure id, ()) when one fits; (None, candidates) when several fit; (None, ()) when none."""
        if text in self.catalog.measures:
            return text, ()
        for key in measure_key(text):
            found = self.table.get(key)
            if found:
                if len(found) == 1:
                    return next(iter(found)), ()
                return None, tuple(sorted(found))
        return None, ()

    def suggestions(self, text: str) -> list[str]:
        keys = difflib.get_close_matches(measure_key(text)[0] if measure_key(text) else "", list(self.table),
                                         n=5, cutoff=0.6)
        out: list[str] = []
        for key in keys:
            for measure_id in sorted(self.table[key]):
                if measure_id not in out:
                    out.append(measure_id)
        return out[:3]


class RegionMatcher:
    """Codes and names of a registry → BPS codes."""

    def __init__(self, registry: RegionRegistry) -> None:
        frame = registry.frame
        self.registry = registry
        self.codes = set(frame["code"].astype(str))
        self.kind = {str(c): _KINDS.get(str(t) if lv == "kabkota" else str(lv), str(lv))
                     for c, lv, t in zip(frame["code"], frame["level"], frame.get("type", frame["level"]),
                                         strict=True)}
        self.display = dict(zip(frame["code"].astype(str), frame["name"].astype(str), strict=True))
        parents = frame.get("parent_code", pd.Series("", index=frame.index)).fillna("").astype(str)
        parents_2025 = frame.get("parent_code_2025", pd.Series("", index=frame.index)).fillna("").astype(str)
        self.parents = {str(c): {p for p in (a, b) if p}
                        for c, a, b in zip(frame["code"], parents, parents_2025, strict=True)}
        self.kemendagri: dict[str, str] = {}
        if "code_kemendagri" in frame:
            for code, other in zip(frame["code"], frame["code_kemendagri"].fillna("").astype(str), strict=True):
                if other:
                    self.kemendagri[other] = str(code)
        self.kemendagri.setdefault(NATION, NATION)
        self.bps_2025: dict[str, str] = {}
        if "code_bps_2025" in frame:
            for code, new in zip(frame["code"], frame["code_bps_2025"].fillna("").astype(str), strict=True):
                if new and new != code and new not in self.codes:
                    self.bps_2025[new] = str(code)
        self.by_base: dict[str, set[str]] = {}
        self.by_full: dict[str, set[str]] = {}
        self.suggest_names: dict[str, str] = {}
        name_columns = [c for c in ("name", "name_bps") if c in frame]
        for column in name_columns:
            for code, text in zip(frame["code"].astype(str), frame[column].fillna("").astype(str), strict=True):
                if not text:
                    continue
                kind, base = name_key(text)
                if kind is not None and kind != self.kind[code]:
                    base = _full_key(text)  # "Kota Baru" is the Kabupaten Kotabaru
                self.by_base.setdefault(base, set()).add(code)
                if column == "name":
                    self.by_full.setdefault(_full_key(text), set()).add(code)
                self.suggest_names.setdefault(_fold(text), code)

    def resolve_code(self, code: str, scheme: str) -> str | None:
        if scheme == "kemendagri":
            return self.kemendagri.get(code)
        if code in self.codes:
            return code
        return self.bps_2025.get(code)

    def candidates(self, name: str) -> set[str]:
        kind, base = name_key(name)
        found = set(self.by_base.get(base, set()))
        if kind is not None:
            typed = {c for c in found if self.kind[c] == kind}
            if not typed:  # "Kota Baru" is how BPS writes the Kabupaten Kotabaru
                typed = set(self.by_full.get(_full_key(name), set())) or set(self.by_base.get(_full_key(name), set()))
            return typed
        return found

    def province(self, text: str) -> str | None:
        """The province (or nation) a group row names, if it names exactly one."""
        if not text:
            return None
        found = {c for c in self.candidates(text) if self.kind[c] in ("province", "nation")}
        return next(iter(found)) if len(found) == 1 else None

    def resolve_name(self, name: str, context: str | None) -> tuple[str | None, list[str]]:
        """(code, []) when the name fits one region; (None, candidates) when it is ambiguous."""
        found = self.candidates(name)
        if len(found) == 1:
            return next(iter(found)), []
        if len(found) > 1:
            kind, _ = name_key(name)
            if context and context != NATION:
                inside = {c for c in found if context in self.parents.get(c, set())}
                if kind is None:
                    # BPS tables write a kabupaten bare and a city as "Kota X".
                    bare = {c for c in inside if self.kind[c] == "kabupaten"}
                    inside = bare or inside
                if len(inside) == 1:
                    return next(iter(inside)), []
            provinces = {c for c in found if self.kind[c] == "province"}
            if kind is None and name.isupper() and len(provinces) == 1:
                return next(iter(provinces)), []  # BPS writes provinces in capitals
            return None, sorted(found)
        return None, []

    def suggestions(self, name: str) -> list[str]:
        close = difflib.get_close_matches(_fold(name), list(self.suggest_names), n=6, cutoff=0.6)
        codes: list[str] = []
        for text in close:
            code = self.suggest_names[text]
            if code not in codes:
                codes.append(code)
        return codes[:3]

    def label(self, code: str) -> str:
        return f"{self.display.get(code, code)} ({code})"


def _lines_text(lines: list[int]) -> tuple[str, str]:
    shown = ", ".join(str(n) for n in lines[:5])
    more = len(lines) - 5
    if more > 0:
        return pair("message.lines_and_more", shown=shown, count=more)
    return pair("message.lines", shown=shown, count=len(lines))


def problem_on_lines(lines: list[int], column: str, value: str, message_id: str, message_en: str,
                     severity: str = "error") -> Problem:
    """One problem for a value on many lines: at the first line, the lines named in the message."""
    lines = sorted(set(lines))
    where_id, where_en = _lines_text(lines)
    first = lines[0] if lines else None
    if len(lines) > 1:
        message_id, message_en = f"{message_id} ({where_id})", f"{message_en} ({where_en})"
    return Problem(first, column, value, message_id, message_en, severity)


_DOTTED_CODE = re.compile(r"\d{2}(\.\d{2})(\.\d{3}){0,2}")


def _clean_code(code: str) -> str:
    """'3671.0' (from Excel) → '3671'; '36.71' (Kemendagri style) → '3671'."""
    code = code.strip()
    if "." in code:
        code = re.sub(r"\.0$", "", code)
        if _DOTTED_CODE.fullmatch(code):
            code = code.replace(".", "")
    return code


def _resolve_regions(frame: pd.DataFrame, matcher: RegionMatcher) -> tuple[pd.Series, list[Problem]]:
    """BPS code per row (the original text where unresolved) and the problems, per distinct combination."""
    # Distinct combinations are found on the text as written, then cleaned one by one
    # (a million rows, a few thousand places).
    codes = frame["region_code"]
    names = frame["region_name"]
    schemes = frame["region_scheme"].fillna("bps").astype(str) if "region_scheme" in frame else \
        pd.Series("bps", index=frame.index)
    raw_context = frame["region_context"].fillna("").astype(str) if "region_context" in frame else None
    if raw_context is not None and (raw_context != "").any():
        context_codes = {text: matcher.province(text) for text in raw_context.unique()}
        context = raw_context.map(context_codes).ffill().fillna("")
    else:
        context = pd.Series("", index=frame.index)
    group_ids, uniques = _factorize_rows([codes, names, schemes, context])
    lines = frame["row"].to_numpy()
    first_rows: dict[int, list[int]] = {}
    problems: list[Problem] = []
    results: list[str] = []
    problem_for: dict[int, tuple[str, str, str, str]] = {}
    for k, (code, name, scheme, ctx) in enumerate(uniques):
        resolved, issue = _resolve_one(matcher, _clean_code(code), name.strip(), scheme, ctx or None)
        results.append(resolved)
        if issue is not None:
            problem_for[k] = issue
    if problem_for:
        positions = np.flatnonzero(np.isin(group_ids, list(problem_for)))
        for position in positions:
            first_rows.setdefault(int(group_ids[position]), []).append(int(lines[position]))
        merged: dict[tuple[str, str, str, str], list[int]] = {}
        for k, issue in problem_for.items():
            merged.setdefault(issue, []).extend(first_rows.get(k, []))
        for (column, value, message_id, message_en), rows in merged.items():
            problems.append(problem_on_lines(sorted(rows), column, value, message_id, message_en))
    if results == [row[0] for row in uniques] and codes.dtype == "str":
        return codes, problems  # every code was already a clean BPS code
    out = pd.Series(pd.array(results, dtype="str").take(group_ids), index=frame.index)
    return out, problems


def map_values(values: pd.Series, lookup: dict[str, str] | Callable[[str], str]) -> pd.Series:
    """`values.map(lookup)` computed once per distinct value (a million rows, a few hundred values)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    get = lookup.get if isinstance(lookup, dict) else None
    mapped = [str(get(u, u) if get else lookup(u)) for u in uniques]  # type: ignore[operator]
    if mapped == [str(u) for u in uniques] and values.dtype == "str":
        return values  # nothing changes (the usual case for a clean tidy file)
    return pd.Series(pd.array(mapped, dtype="str").take(codes), index=values.index)


def _factorize_rows(columns: list[pd.Series]) -> tuple[np.ndarray, list[tuple[str, ...]]]:
    """Distinct rows of several columns, fast on a million rows: (group id per row, distinct rows)."""
    combined = np.zeros(len(columns[0]), dtype="int64")
    for column in columns:
        if len(column) and (column == column.iloc[0]).all():
            continue  # a constant column (the code scheme, an empty context) adds nothing
        codes, uniques = pd.factorize(column, use_na_sentinel=False)
        combined = combined * (len(uniques) + 1) + codes
    group_ids, distinct = pd.factorize(combined)
    positions = np.empty(len(distinct), dtype="int64")
    positions[group_ids[::-1]] = np.arange(len(group_ids) - 1, -1, -1)  # first row of each group
    # A missing cell (None or NaN, which is not equal to itself) reads as empty text.
    values = [["" if v is None or v != v else str(v) for v in column.take(positions).tolist()]
              for column in columns]
    rows = list(zip(*values, strict=True)) if values else []
    return group_ids, rows


def _resolve_one(matcher: RegionMatcher, code: str, name: str, scheme: str, context: str | None
                 ) -> tuple[str, tuple[str, str, str, str] | None]:
    """One distinct (code, name, scheme, context): the BPS code (or the text as written) and a problem."""
    if code:
        if not re.fullmatch(r"\d+", code):
            return code, ("region_code", code,
                          *pair("message.matching.region_code_not_digits"))
        if len(code) in {CODE_LENGTH[level] for level in FINER_LEVELS} and scheme != "kemendagri":
            return code, None  # kecamatan and desa codes may be new; the validator decides
        resolved = matcher.resolve_code(code, scheme)
        if resolved is None:
            if scheme == "kemendagri":
                return code, ("region_code", code,
                              *pair("message.matching.kemendagri_unknown", code=code))
            hint = _name_hint(matcher, name, context)
            return code, ("region_code", code,
                          *pair("message.matching.region_code_not_bps", code=code, hint=hint))
        if name:
            by_name, _ = matcher.resolve_name(name, context)
            if by_name is not None and by_name != resolved:
                return code, _code_name_conflict(matcher, code, name, resolved, by_name, scheme)
        return resolved, None
    if not name:
        return "", ("region_name", "", *pair("message.matching.region_empty"))
    resolved, candidates = matcher.resolve_name(name, context)
    if resolved is not None:
        return resolved, None
    if candidates:
        listed = "; ".join(matcher.label(c) for c in candidates)
        return name, ("region_name", name,
                      *pair("message.matching.region_name_ambiguous", name=name, listed=listed))
    suggestions = matcher.suggestions(name)
    listed = "; ".join(matcher.label(c) for c in suggestions)
    if listed:
        return name, ("region_name", name,
                      *pair("message.matching.region_name_close", name=name, listed=listed))
    return name, ("region_name", name,
                  *pair("message.matching.region_name_unknown", name=name))


def _name_hint(matcher: RegionMatcher, name: str, context: str | None) -> Both:
    if not name:
        return Both("", "")
    by_name, _ = matcher.resolve_name(name, context)
    if by_name is None:
        return Both("", "")
    return pair("message.matching.name_hint", name=name, region=matcher.label(by_name))


def _code_name_conflict(matcher: RegionMatcher, code: str, name: str, by_code: str, by_name: str,
                        scheme: str) -> tuple[str, str, str, str]:
    if scheme != "kemendagri" and matcher.kemendagri.get(code) == by_name:
        return ("region_code", code,
                *pair("message.matching.kemendagri_code_given", code=code, matcher_label_by_code=matcher.label(by_code), name=name, matcher_label_by_name=matcher.label(by_name)))
    return ("region_code", code,
            *pair("message.matching.code_name_mismatch", code=code, matcher_label_by_code=matcher.label(by_code), name=name, matcher_label_by_name=matcher.label(by_name)))


def _resolve_measures(frame: pd.DataFrame, matcher: MeasureMatcher) -> tuple[pd.Series, list[Problem]]:
    texts = frame["measure"].fillna("").astype(str).str.strip()
    uniques = texts.unique()
    lookup: dict[str, str] = {}
    issues: dict[str, tuple[str, str]] = {}
    for text in uniques:
        measure_id, candidates = matcher.match(text)
        if measure_id is not None:
            stated = unit_in_text(text)
            unit = matcher.catalog.measures[measure_id].unit
            if stated is not None and stated != unit and text not in matcher.catalog.measures:
                issues[text] = pair("message.matching.title_unit_differs", text=text, measure_id=measure_id, unit=unit)
                lookup[text] = text
            else:
                lookup[text] = measure_id
            continue
        lookup[text] = text
        if not text:
            issues[text] = pair("message.matching.measure_empty")
        elif candidates:
            listed = ", ".join(candidates)
            issues[text] = pair("message.matching.measure_ambiguous", text=text, listed=listed)
        else:
            close = matcher.suggestions(text)
            hint = pair("message.matching.did_you_mean", close=", ".join(close)) if close else Both("", "")
            issues[text] = pair("message.matching.measure_unknown", text=text, hint=hint)
    resolved = map_values(texts, lookup)
    problems: list[Problem] = []
    for text, (message_id, message_en) in issues.items():
        rows = frame.loc[texts == text, "row"].astype(int).tolist()
        problems.append(problem_on_lines(rows, "measure", text, message_id, message_en))
    return resolved, problems


def _resolve_periods(frame: pd.DataFrame, registry: RegionRegistry) -> tuple[pd.Series, list[Problem]]:
    """Fill the periods a wide file did not state, where BPS's own practice settles them."""
    periods = frame["period"].fillna("").astype(str)
    periods = map_values(periods, lambda p: PERIOD_ALIASES.get(p.lower(), p) if p else p)
    empty = periods == ""
    if not empty.any():
        return periods, []
    levels = map_values(frame["region_code"], lambda c: str(registry.frame.at[c, "level"]) if c in registry else "")
    problems: list[Problem] = []
    assumed: dict[str, tuple[list[str], list[int]]] = {}  # period → measures and lines read as it
    unset = frame[empty]
    for measure_id, by_measure in unset.groupby(frame["measure"][empty], sort=False):
        measure_levels = levels[by_measure.index]
        # A table "by kab/kota" (table 621 and the like) is the March Susenas for every row,
        # its province and national rows included; a province table alone does not say.
        kabkota_table = (measure_levels == "kabkota").any()
        if measure_id in KABKOTA_DEFAULT_PERIODS and kabkota_table:
            period = KABKOTA_DEFAULT_PERIODS[measure_id]
        elif measure_id in KABKOTA_DEFAULT_PERIODS:
            known = by_measure[measure_levels != ""]
            if not known.empty:
                problems.append(problem_on_lines(
                    known["row"].astype(int).tolist(), "period", "",
                    *pair("message.matching.period_missing", measure_id=measure_id)))
            continue
        else:
            period = "annual"
        periods[by_measure.index] = period
        if period != "annual":
            measures, lines = assumed.setdefault(period, ([], []))
            measures.append(str(measure_id))
            lines += by_measure["row"].astype(int).tolist()
    # One warning per period assumed, naming every measure it was assumed for (a file with P0
    # and the number of poor side by side gets one line, not one that hides the other).
    for period, (measures, lines) in assumed.items():
        named = ", ".join(measures)
        problems.append(problem_on_lines(
            lines, "period", "",
            *pair("message.matching.period_assumed_kabkota", named=named, count=len(measures),
                  month=lambda lang, period=period: period_label(period, lang)),
            "warning"))
    return periods, problems



def _check_units(frame: pd.DataFrame, catalog: Catalog) -> tuple[pd.Series, list[Problem]]:
    units = frame["unit"].fillna("").astype(str).str.strip()
    catalog_units = map_values(frame["measure"], {m.id: m.unit for m in catalog.measures.values()} | {"": ""})
    catalog_units = catalog_units.where(frame["measure"].isin(list(catalog.measures)), "")
    problems: list[Problem] = []
    _, pairs = _factorize_rows([units, catalog_units])
    agreeing: list[str] = []
    for unit, expected in pairs:
        if not unit or not expected:
            continue
        stated = _unit_of(unit)
        if stated == expected:
            if unit != expected:
                agreeing.append(unit)
        elif stated is not None:
            rows = frame.loc[(units == unit) & (catalog_units == expected), "row"].astype(int).tolist()
            problems.append(problem_on_lines(
                rows, "unit", unit,
                *pair("message.matching.unit_differs", unit=unit, expected=expected)))
    # Empty or a synonym of the catalog unit ("persen", "Rp/kapita/bulan") → the catalog's unit id.
    replace = units == ""
    if agreeing:
        replace |= units.isin(agreeing)
    filled = units.mask(replace, catalog_units) if replace.any() else units
    return filled, problems


def resolve(frame: pd.DataFrame, registry: RegionRegistry, catalog: Catalog) -> Resolution:
    """Regions → BPS codes, measures → catalog ids, unstated periods and units filled where certain.

    Rows that cannot be matched keep their text and get a Problem (one per distinct
    value, naming its lines). The output has `row` and the tidy columns only.
    """
    out = frame.copy()
    if out.empty:
        return Resolution(out.reindex(columns=["row", *TIDY_COLUMNS]), [])
    for column in TIDY_COLUMNS:
        if column not in out:
            out[column] = ""
    region_matcher = RegionMatcher(registry)
    measure_matcher = MeasureMatcher(catalog)
    out["region_code"], region_problems = _resolve_regions(out, region_matcher)
    out["measure"], measure_problems = _resolve_measures(out, measure_matcher)
    out["period"], period_problems = _resolve_periods(out, registry)
    out["unit"], unit_problems = _check_units(out, catalog)
    names = out["region_name"].fillna("").astype(str)
    if (names == "").any():
        display = map_values(out["region_code"], lambda c: region_matcher.display.get(c, ""))
        out["region_name"] = names.where(names != "", display)
    problems = region_problems + measure_problems + period_problems + unit_problems
    problems.sort(key=lambda p: (p.row or 0, p.column))
    return Resolution(out[["row", *TIDY_COLUMNS]].reset_index(drop=True), problems)
