"""The one validator: pandera schema plus domain rules, every problem in both languages.

Errors reject the whole load (all or nothing); warnings are shown and do not.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.errors
import pandera.pandas as pa

from analytics.catalog import Catalog
from analytics.contract import KEY, PERIODS, STATUSES, TARGET_KEY
from analytics.errors import Problem
from analytics.i18n import pair
from analytics.ingest.schemas import (
    FIRST_YEAR,
    LAST_YEAR,
    MAX_MEASURE,
    MAX_NOTE,
    MAX_REGION_NAME,
    MAX_SOURCE,
    ObservationSchema,
    TargetSchema,
)
from analytics.store.keys import key_codes
from analytics.text import CONTROL_RE, LINE_CONTROL_RE, control_characters

# A value this many times the previous year's (or its inverse) is the classic
# decimal-comma slip (519 for 5,19): worth a warning, not a rejection.
JUMP_FACTOR = 10.0
# The columns naming a series; with the year they name one observation (keys.KEY).
SERIES = [c for c in KEY if c != "year"]
# Units whose values are shares of a population.
PERCENT_UNITS = {"percent"}
# Units that can never be negative.
NON_NEGATIVE_UNITS = {"thousand_people", "people", "rupiah", "rupiah_per_capita_month", "count"}


def _cell_text(value: object) -> str:
    """A cell as the user wrote it: 519 not 519.0; empty for a missing value."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float):
        return f"{value:.15g}"
    return str(value)


def _problem(row: object, column: str, value: object, message_id: str, message_en: str,
             severity: str = "error") -> Problem:
    line = None if row is None or pd.isna(row) else int(row)  # type: ignore[arg-type]
    return Problem(line, column, _cell_text(value), message_id, message_en, severity)


def _schema_problem(check: str, column: str) -> tuple[str, str]:
    """Translate a pandera check name into plain Indonesian and English."""
    if check.startswith("coerce_dtype") or check.startswith("dtype"):
        if column == "year":
            return pair("message.validate.year_must_whole_number")
        return pair("message.validate.wrong_type_value_column")
    if check.startswith("str_matches"):
        return pair("message.validate.region_code_must_digit_bps")
    if check.startswith("greater_than") or check.startswith("less_than") or check.startswith("in_range"):
        return pair("message.validate.year_out_of_range", first_year=FIRST_YEAR, last_year=LAST_YEAR)
    if check.startswith("isin") and column == "period":
        return pair("message.validate.unknown_period_use_annual_march")
    if check.startswith("isin") and column == "status":
        return pair("message.validate.status_must_final_provisional_illustrative")
    if check.startswith("not_nullable"):
        return pair("message.validate.value_required")
    if check.startswith("str_length"):
        return pair("message.validate.column_must_not_empty")
    if column not in ObservationSchema.to_schema().columns:
        return pair("message.validate.required_column_missing")
    return pair("message.validate.check_failed", check=check)


def _whole_years(frame: pd.DataFrame) -> pd.DataFrame:
    """Year text → int64 in one Arrow cast when every cell is a plain whole number (pandera's
    own coercion of a million strings is slow); otherwise left as it is for pandera to report."""
    years = frame.get("year")
    if years is None or not isinstance(years.dtype, pd.StringDtype):
        return frame
    import pyarrow
    import pyarrow.compute as pc

    try:
        whole = pc.cast(pyarrow.array(years.array), pyarrow.int64())
    except (pyarrow.ArrowInvalid, pyarrow.ArrowNotImplementedError, TypeError):
        return frame
    if whole.null_count:
        return frame
    return frame.assign(year=whole.to_numpy())


def _run_schema(frame: pd.DataFrame, schema: type[pa.DataFrameModel]) -> tuple[pd.DataFrame, list[Problem]]:
    frame = _whole_years(frame)
    try:
        return schema.validate(frame, lazy=True), []
    except pandera.errors.SchemaErrors as errors:
        problems = []
        cases = errors.failure_cases
        typing = cases["check"].astype(str).str.startswith(("coerce_dtype", "dtype"))
        uncoerced = set(cases.loc[typing, "column"])
        for case, is_typing in zip(cases.itertuples(index=False), typing, strict=True):
            column = str(case.column) if case.column is not None else ""
            index = case.index
            if index is None and not is_typing and case.column in uncoerced:
                # A column pandera could not coerce cannot be range-checked either; it reports
                # that as a whole-column TypeError. The cells it could not read are reported.
                continue
            row = frame.loc[index, "row"] if index is not None and index in frame.index else None
            message_id, message_en = _schema_problem(str(case.check), column)
            problems.append(_problem(row, column, case.failure_case, message_id, message_en))
        return frame, problems


def _rows_to_problems(frame: pd.DataFrame, mask: pd.Series, column: str, message_id: str, message_en: str,
                      severity: str = "error") -> list[Problem]:
    """One problem per row where `mask` holds (the frame is only sliced when some row fails)."""
    if not mask.any():
        return []
    rows = frame.loc[mask, ["row", column]]
    return [_problem(line, column, value, message_id, message_en, severity)
            for line, value in zip(rows["row"], rows[column], strict=True)]


def _domain_problems(frame: pd.DataFrame, catalog: Catalog, region_codes: set[str],
                     allow_illustrative: bool) -> list[Problem]:
    """Catalog and registry rules, vectorised (a million-row file must stay fast)."""
    problems: list[Problem] = []
    # Measure facts per distinct measure, spread to the rows by code (a few values, a million rows).
    measure_codes, measures = pd.factorize(frame["measure"], use_na_sentinel=False)
    known = pd.Series(np.isin(measures.astype(object), list(catalog.measures))[measure_codes], index=frame.index)
    problems += _rows_to_problems(
        frame, ~known, "measure",
        *pair("message.validate.unknown_measure_use_catalog_id"))
    # Nation, province and kab/kota codes must be registered; finer codes may be new.
    checked_level = frame["region_code"].str.len().isin([2, 4])
    unknown_region = known & checked_level & ~frame["region_code"].isin(list(region_codes))
    problems += _rows_to_problems(
        frame, unknown_region, "region_code",
        *pair("message.validate.region_code_not_bps_region"))
    unit_of = {m.id: m.unit for m in catalog.measures.values()}
    percent = pd.Series(np.array([unit_of.get(m) in PERCENT_UNITS for m in measures], dtype=bool)[measure_codes],
                        index=frame.index)
    non_negative = pd.Series(np.array([unit_of.get(m) in NON_NEGATIVE_UNITS for m in measures],
                                      dtype=bool)[measure_codes], index=frame.index)
    value = frame["value"]
    bad_percent = known & percent & ~value.between(0, 100)
    problems += _rows_to_problems(
        frame, bad_percent, "value",
        *pair("message.validate.percentage_must_between"))
    negative = known & non_negative & (value < 0)
    problems += _rows_to_problems(
        frame, negative, "value",
        *pair("message.validate.count_money_value_cannot_negative"))
    if "status" in frame and not allow_illustrative:
        problems += _rows_to_problems(
            frame, frame["status"] == "illustrative", "status",
            *pair("message.validate.illustrative_data_may_not_loaded"))
    return sorted(problems, key=lambda p: (p.row or 0, p.column))


def _series_codes(frame: pd.DataFrame) -> np.ndarray:
    """One integer per row naming its series (region, measure, period)."""
    return key_codes(frame, columns=SERIES)[0]


def _duplicate_problems(frame: pd.DataFrame, series: np.ndarray) -> list[Problem]:
    (codes,) = key_codes(frame, columns=["year"], start=[series])
    repeated = pd.Series(codes).duplicated(keep=False).to_numpy()
    if not repeated.any():
        return []
    dup = frame[repeated]
    problems = []
    for _, group in dup.groupby(KEY, sort=False):
        if group["value"].nunique(dropna=False) > 1:
            lines = ", ".join(str(int(r)) for r in group["row"])
            for rec in group.itertuples(index=False):
                problems.append(_problem(
                    rec.row, "value", rec.value,
                    *pair("message.validate.value_twice_different_numbers", lines=lines)))
        else:
            first = group.iloc[1:]
            for rec in first.itertuples(index=False):
                problems.append(_problem(
                    rec.row, "region_code", rec.region_code,
                    *pair("message.validate.duplicate_row_identical_earlier_one"), "warning"))
    return problems


def _jump_warnings(frame: pd.DataFrame, series: np.ndarray) -> list[Problem]:
    """Values ≥ JUMP_FACTOR times (or ≤ 1/JUMP_FACTOR of) the same series' previous value
    within two years: usually a decimal separator slip. Vectorised over the whole file."""
    valued_rows = frame["value"].notna().to_numpy()
    valued, series_codes = (frame, series) if valued_rows.all() else (frame[valued_rows], series[valued_rows])
    order = np.lexsort((valued["year"].to_numpy(), series_codes))
    ordered = valued.iloc[order]
    same_series = pd.Series(series_codes[order], index=ordered.index)
    same_series = same_series == same_series.shift()
    previous_value = ordered["value"].shift()
    previous_year = ordered["year"].shift()
    ratio = (ordered["value"] / previous_value).abs()
    jump = (same_series & (ordered["year"] - previous_year <= 2) & (previous_value != 0) & (ordered["value"] != 0)
            & ((ratio >= JUMP_FACTOR) | (ratio <= 1 / JUMP_FACTOR)))
    return [
        _problem(line, "value", value,
                 *pair("message.validate.implausible_jump", before=before, int_year=int(year)), "warning")
        for line, value, before, year in zip(ordered.loc[jump, "row"], ordered.loc[jump, "value"],
                                             previous_value[jump], previous_year[jump], strict=True)
    ]


# Text columns checked for control characters and length: (column, longest, tabs and line breaks
# refused too). Names, sources and notes may hold a line break (a spreadsheet cell's Alt+Enter):
# pages show it as a space, exports keep it quoted.
TEXT_LIMITS = (("region_code", 10, True), ("region_name", MAX_REGION_NAME, False), ("measure", MAX_MEASURE, True),
               ("period", 16, True), ("status", 16, True), ("source", MAX_SOURCE, False), ("note", MAX_NOTE, False))


def current_year() -> int:
    """The calendar year now (UTC): no observation can be dated later."""
    from datetime import UTC, datetime

    return datetime.now(UTC).year


def _text_problems(frame: pd.DataFrame) -> list[Problem]:
    """Control characters and over-long text, per cell: one rule for the page and the command line.
    A vertical tab in a note once broke the Excel download of every visitor; a NUL or a source
    over 200 characters passed the dry run and then failed the save on PostgreSQL."""
    problems: list[Problem] = []
    for column, longest, one_line in TEXT_LIMITS:
        if column not in frame:
            continue
        text = frame[column].astype("string")
        pattern = LINE_CONTROL_RE if one_line else CONTROL_RE
        bad = text.str.contains(pattern, regex=True).fillna(False).to_numpy(dtype=bool)
        if bad.any():
            rows = frame.loc[bad, ["row", column]]
            for line, value in zip(rows["row"], rows[column], strict=True):
                found = ", ".join(control_characters(str(value)) or ["tab/line break"])
                problems.append(_problem(
                    line, column, pattern.sub("·", str(value))[:80],
                    *pair("message.validate.control_character", found=found)))
        long = (text.str.len().fillna(0) > longest).to_numpy(dtype=bool) & ~bad
        if long.any():
            rows = frame.loc[long, ["row", column]]
            for line, value in zip(rows["row"], rows[column], strict=True):
                problems.append(_problem(
                    line, column, f"{str(value)[:60]}…",
                    *pair("message.validate.text_too_long", length=len(str(value)), longest=longest)))
    return problems


def _future_problems(frame: pd.DataFrame) -> list[Problem]:
    """An observation dated after the current year has not happened yet (targets may be)."""
    now = current_year()
    return _rows_to_problems(
        frame, frame["year"] > now, "year",
        *pair("message.validate.that_year_has_not_happened", now=now))


def validate_observations(frame: pd.DataFrame, catalog: Catalog, region_codes: set[str], *,
                          allow_illustrative: bool = False) -> tuple[pd.DataFrame, list[Problem]]:
    """Check a parsed tidy frame; returns the typed frame and every problem found."""
    if frame.empty:
        return frame, [_problem(None, "", "", *pair("message.validate.file_has_no_data_rows"))]
    text_problems = _text_problems(frame)
    typed, problems = _run_schema(frame, ObservationSchema)
    if problems or text_problems:
        # Domain rules need typed values and sound text; report these problems first.
        return frame, text_problems + problems
    problems += _future_problems(typed)
    problems += _domain_problems(typed, catalog, region_codes, allow_illustrative)
    series = _series_codes(typed)  # computed once for both checks
    problems += _duplicate_problems(typed, series)
    problems += _jump_warnings(typed, series)
    return typed, problems


def validate_targets(frame: pd.DataFrame, catalog: Catalog, region_codes: set[str]
                     ) -> tuple[pd.DataFrame, list[Problem]]:
    if frame.empty:
        return frame, []
    text_problems = _text_problems(frame)
    typed, problems = _run_schema(frame, TargetSchema)
    if problems or text_problems:
        return frame, text_problems + problems
    with_status = typed.assign(status="final")
    problems += _domain_problems(with_status, catalog, region_codes, allow_illustrative=False)
    problems += [p for p in _duplicate_problems(typed, _series_codes(typed)) if p.severity == "error"]
    return typed, problems


# -- targets with ranges and a legal basis (issue #15) ------------------------------------------

# Columns of a target whose numbers are checked like an observation's value.
TARGET_NUMBERS = ("value", "lower", "upper")


def _number(value: float):  # type: ignore[no-untyped-def]
    """7.5 as each language writes it in a message: 7,5 / 7.5 (a value for i18n.pair)."""
    return lambda lang: f"{value:g}".replace(".", ",") if lang == "id" else f"{value:g}"


def _target_number_problems(typed: pd.DataFrame, allow_without_number: bool) -> list[Problem]:
    """A target without any number (unless allowed or explained in a note), with both a value and a
    range, or with its lower bound above its upper one."""
    problems: list[Problem] = []
    has_value, has_lower, has_upper = (typed[c].notna() for c in TARGET_NUMBERS)
    # A target stated only in words (SDG 1.2: "halve poverty") is kept when a note says so.
    explained = typed["note"].fillna("").astype(str).str.strip() != "" if "note" in typed else False
    if not allow_without_number:
        problems += _rows_to_problems(
            typed, ~(has_value | has_lower | has_upper) & ~explained, "value",
            *pair("message.validate.target_without_number_fill_target"))
    problems += _rows_to_problems(
        typed, has_value & (has_lower | has_upper), "value",
        *pair("message.validate.give_target_value_range_lower"))
    inverted = has_lower & has_upper & (typed["lower"] > typed["upper"])
    problems += [_problem(line, "lower", lower,
                          *pair("message.validate.lower_above_upper", lower=_number(lower), upper=_number(upper)))
                 for line, lower, upper in zip(typed.loc[inverted, "row"], typed.loc[inverted, "lower"],
                                               typed.loc[inverted, "upper"], strict=True)]
    return problems


def _target_scale_problems(typed: pd.DataFrame, catalog: Catalog) -> list[Problem]:
    """A percentage outside 0–100, a count or money value below zero."""
    problems: list[Problem] = []
    unit_of = {m.id: m.unit for m in catalog.measures.values()}
    percent = typed["measure"].map(unit_of).isin(PERCENT_UNITS)
    non_negative = typed["measure"].map(unit_of).isin(NON_NEGATIVE_UNITS)
    for column in TARGET_NUMBERS:
        numbers = typed[column]
        problems += _rows_to_problems(
            typed, percent & numbers.notna() & ~numbers.between(0, 100), column,
            *pair("message.validate.target_percentage_between_0_100"))
        problems += _rows_to_problems(
            typed, non_negative & numbers.notna() & (numbers < 0), column,
            *pair("message.validate.count_money_value_cannot_negative"))
    return problems


def _repeated_target_problems(keyed: pd.DataFrame) -> list[Problem]:
    """The same region, measure, year, period and basis given twice with different numbers."""
    problems: list[Problem] = []
    repeated = keyed.duplicated(TARGET_KEY, keep=False)
    for _, group in keyed[repeated].groupby(TARGET_KEY, sort=False):
        numbers = group[list(TARGET_NUMBERS)].astype(str)
        if numbers.drop_duplicates().shape[0] > 1:
            lines = ", ".join(str(int(r)) for r in group["row"])
            problems += [_problem(
                rec.row, "basis", rec.basis,
                *pair("message.validate.target_twice_different_numbers", lines=lines))
                for rec in group.itertuples(index=False)]
    return problems


def validate_target_rows(frame: pd.DataFrame, catalog: Catalog, region_codes: set[str], *,
                         allow_without_number: bool = False) -> tuple[pd.DataFrame, list[Problem]]:
    """Check targets read by ingest.parse_targets: every problem, in both languages, with a fix.

    A target needs a region, a known measure, a year, a legal basis and a number: a single
    value, or a range whose lower bound is not above its upper one, or an upper bound alone
    ("below x"). Percentages lie between 0 and 100. The same region, measure, year, period and
    basis given twice with different numbers is an error; with different bases both are kept
    (conflicting official targets). `allow_without_number` admits a target stated only in words
    (the SDG 1.2 target of the reference set), which is shown but never evaluated."""
    if frame.empty:
        return frame, [_problem(None, "", "", *pair("message.validate.file_has_no_target_rows"))]
    typed, problems = _run_schema(frame.assign(value=frame["value"].fillna(0.0), source=frame["source"].fillna("")),
                                  TargetSchema)
    if problems:
        return frame, problems
    typed = typed.assign(value=frame["value"].to_numpy(), lower=frame["lower"].astype("float64").to_numpy(),
                         upper=frame["upper"].astype("float64").to_numpy())
    problems += [p for p in _domain_problems(typed.assign(status="final", value=typed["value"].fillna(0.0)),
                                             catalog, region_codes, allow_illustrative=False)
                 if p.column != "value"]
    basis = typed["basis"].fillna("").astype(str).str.strip()
    problems += _rows_to_problems(
        typed.assign(basis=basis), basis == "", "basis",
        *pair("message.validate.legal_basis_empty_name_regulation"))
    problems += _target_number_problems(typed, allow_without_number)
    problems += _target_scale_problems(typed, catalog)
    problems += _repeated_target_problems(typed.assign(basis=basis))
    typed = typed.assign(basis=basis)
    return typed, sorted(problems, key=lambda p: (p.row or 0, p.column))


__all__ = ["PERIODS", "STATUSES", "validate_observations", "validate_target_rows", "validate_targets"]
