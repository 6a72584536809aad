"""The one validator: pandera schema plus domain rules, every problem in both languages.

Errors reject the whole load (all or nothing); warnings are shown and do not.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.errors
import pandera.pandas as pa

from analytics.catalog import PERIODS, STATUSES, Catalog
from analytics.errors import Problem
from analytics.keys import KEY, key_codes
from analytics.schemas import (
    FIRST_YEAR,
    LAST_YEAR,
    MAX_MEASURE,
    MAX_NOTE,
    MAX_REGION_NAME,
    MAX_SOURCE,
    ObservationSchema,
    TargetSchema,
)
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
            return ("Tahun harus bilangan bulat, misalnya 2024.", "Year must be a whole number, e.g. 2024.")
        return ("Jenis data salah untuk kolom ini.", "Wrong type of value for this column.")
    if check.startswith("str_matches"):
        return (
            "Kode wilayah harus kode BPS 2, 4, 7 atau 10 angka (mis. 3671 untuk Kota Tangerang).",
            "Region code must be a 2-, 4-, 7- or 10-digit BPS code (e.g. 3671 for Kota Tangerang).",
        )
    if check.startswith("greater_than") or check.startswith("less_than") or check.startswith("in_range"):
        return (
            f"Tahun harus antara {FIRST_YEAR} dan {LAST_YEAR}.",
            f"Year must be between {FIRST_YEAR} and {LAST_YEAR}.",
        )
    if check.startswith("isin") and column == "period":
        return (
            "Periode tidak dikenal. Pakai tahunan, Maret, September, Agustus, atau nama bulan lain.",
            "Unknown period. Use annual, March, September, August or another month name.",
        )
    if check.startswith("isin") and column == "status":
        return (
            "Status harus final, sementara (provisional) atau ilustrasi.",
            "Status must be final, provisional or illustrative.",
        )
    if check.startswith("not_nullable"):
        return ("Nilai wajib diisi.", "A value is required.")
    if check.startswith("str_length"):
        return ("Kolom ini tidak boleh kosong.", "This column must not be empty.")
    if column not in ObservationSchema.to_schema().columns:
        return ("Kolom wajib tidak ada.", "Required column is missing.")
    return (f"Pemeriksaan gagal: {check}.", f"Check failed: {check}.")


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
        "Indikator tidak dikenal. Pakai id katalog seperti p0, poor_count, extreme_poverty.",
        "Unknown measure. Use a catalog id such as p0, poor_count, extreme_poverty.")
    # Nation, province and kab/kota codes must be registered; finer codes may be new.
    checked_level = frame["region_code"].str.len().isin([2, 4])
    unknown_region = known & checked_level & ~frame["region_code"].isin(list(region_codes))
    problems += _rows_to_problems(
        frame, unknown_region, "region_code",
        "Kode wilayah tidak ada dalam daftar wilayah BPS.", "Region code is not in the BPS region list.")
    unit_of = {m.id: m.unit for m in catalog.measures.values()}
    percent = pd.Series(np.array([unit_of.get(m) in PERCENT_UNITS for m in measures], dtype=bool)[measure_codes],
                        index=frame.index)
    non_negative = pd.Series(np.array([unit_of.get(m) in NON_NEGATIVE_UNITS for m in measures],
                                      dtype=bool)[measure_codes], index=frame.index)
    value = frame["value"]
    bad_percent = known & percent & ~value.between(0, 100)
    problems += _rows_to_problems(
        frame, bad_percent, "value",
        "Persentase harus antara 0 dan 100.", "A percentage must be between 0 and 100.")
    negative = known & non_negative & (value < 0)
    problems += _rows_to_problems(
        frame, negative, "value",
        "Jumlah atau nilai uang tidak boleh negatif.", "A count or money value cannot be negative.")
    if "status" in frame and not allow_illustrative:
        problems += _rows_to_problems(
            frame, frame["status"] == "illustrative", "status",
            "Data ilustrasi tidak boleh masuk ke penyimpanan utama.",
            "Illustrative data may not be loaded into the main store.")
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
                    f"Wilayah, indikator, tahun dan periode yang sama muncul dengan nilai berbeda (baris {lines}).",
                    f"Same region, measure, year and period appear with different values (lines {lines})."))
        else:
            first = group.iloc[1:]
            for rec in first.itertuples(index=False):
                problems.append(_problem(
                    rec.row, "region_code", rec.region_code,
                    "Baris ganda (sama persis dengan baris sebelumnya); hanya satu yang disimpan.",
                    "Duplicate row (identical to an earlier one); only one is kept.", "warning"))
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
                 f"Lonjakan tidak wajar dari {before:g} ({int(year)}); periksa pemisah desimal.",
                 f"Implausible jump from {before:g} ({int(year)}); check the decimal separator.", "warning")
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
                    f"Teks berisi karakter kendali tak terlihat ({found}; ditandai ·). Hapus karakter itu "
                    "(sering terbawa saat menyalin dari program lain) lalu unggah lagi.",
                    f"The text holds an invisible control character ({found}; marked ·). Remove it (it often "
                    "comes along when copying from another program) and upload again."))
        long = (text.str.len().fillna(0) > longest).to_numpy(dtype=bool) & ~bad
        if long.any():
            rows = frame.loc[long, ["row", column]]
            for line, value in zip(rows["row"], rows[column], strict=True):
                problems.append(_problem(
                    line, column, f"{str(value)[:60]}…",
                    f"Teks terlalu panjang: {len(str(value))} karakter, paling banyak {longest}. Persingkat.",
                    f"Text too long: {len(str(value))} characters, at most {longest}. Shorten it."))
    return problems


def _future_problems(frame: pd.DataFrame) -> list[Problem]:
    """An observation dated after the current year has not happened yet (targets may be)."""
    now = current_year()
    return _rows_to_problems(
        frame, frame["year"] > now, "year",
        f"Tahun ini belum lewat: nilai pengamatan paling akhir untuk tahun {now}. Periksa tahunnya; "
        "sasaran (target) untuk tahun mendatang diunggah sebagai target.",
        f"That year has not happened yet: observations can be dated {now} at the latest. Check the year; "
        "targets for future years are uploaded as targets.")


def validate_observations(frame: pd.DataFrame, catalog: Catalog, region_codes: set[str], *,
                          allow_illustrative: bool = False) -> tuple[pd.DataFrame, list[Problem]]:
    """Check a parsed tidy frame; returns the typed frame and every problem found."""
    if frame.empty:
        return frame, [_problem(None, "", "", "Berkas tidak berisi baris data.", "The file has no data rows.")]
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
TARGET_KEY = [*KEY, "basis"]


def _id_number(value: float) -> str:
    """7.5 as Indonesian text writes it: 7,5."""
    return f"{value:g}".replace(".", ",")


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
        return frame, [_problem(None, "", "", "Berkas tidak berisi baris target.", "The file has no target rows.")]
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
        "Dasar hukum kosong. Tulis peraturan atau dokumen rencananya, mis. \"Perda 3/2025 tentang RPJMD "
        "2025-2029\".", "The legal basis is empty. Name the regulation or plan document, e.g. \"Perda 3/2025 on "
        "the RPJMD 2025-2029\".")
    has_value, has_lower, has_upper = (typed[c].notna() for c in TARGET_NUMBERS)
    # A target stated only in words (SDG 1.2: "halve poverty") is kept when a note says so.
    explained = typed["note"].fillna("").astype(str).str.strip() != "" if "note" in typed else False
    if not allow_without_number:
        problems += _rows_to_problems(
            typed, ~(has_value | has_lower | has_upper) & ~explained, "value",
            "Target tanpa angka. Isi nilai_target, atau nilai_bawah dan nilai_atas untuk rentang, atau nilai_atas "
            "saja untuk \"di bawah x\"; bila target memang berupa kalimat, jelaskan di catatan.",
            "Target without a number. Fill in the target value, or lower and upper for a range, or upper alone "
            "for \"below x\"; if the target is stated only in words, say so in the note.")
    problems += _rows_to_problems(
        typed, has_value & (has_lower | has_upper), "value",
        "Isi nilai_target ATAU rentang (nilai_bawah/nilai_atas), bukan keduanya.",
        "Give a target value OR a range (lower/upper), not both.")
    inverted = has_lower & has_upper & (typed["lower"] > typed["upper"])
    problems += [_problem(line, "lower", lower,
                          f"Batas bawah {_id_number(lower)} lebih besar dari batas atas {_id_number(upper)}. "
                          "Tukar kedua nilainya.",
                          f"The lower bound {lower:g} is above the upper bound {upper:g}. Swap the two values.")
                 for line, lower, upper in zip(typed.loc[inverted, "row"], typed.loc[inverted, "lower"],
                                               typed.loc[inverted, "upper"], strict=True)]
    unit_of = {m.id: m.unit for m in catalog.measures.values()}
    percent = typed["measure"].map(unit_of).isin(PERCENT_UNITS)
    non_negative = typed["measure"].map(unit_of).isin(NON_NEGATIVE_UNITS)
    for column in TARGET_NUMBERS:
        numbers = typed[column]
        problems += _rows_to_problems(
            typed, percent & numbers.notna() & ~numbers.between(0, 100), column,
            "Persentase harus antara 0 dan 100 (tulis 4,8 untuk 4,8 %, bukan 0,048 atau 480).",
            "A percentage must be between 0 and 100 (write 4.8 for 4.8 %, not 0.048 or 480).")
        problems += _rows_to_problems(
            typed, non_negative & numbers.notna() & (numbers < 0), column,
            "Jumlah atau nilai uang tidak boleh negatif.", "A count or money value cannot be negative.")
    keyed = typed.assign(basis=basis)
    repeated = keyed.duplicated(TARGET_KEY, keep=False)
    for _, group in keyed[repeated].groupby(TARGET_KEY, sort=False):
        numbers = group[list(TARGET_NUMBERS)].astype(str)
        if numbers.drop_duplicates().shape[0] > 1:
            lines = ", ".join(str(int(r)) for r in group["row"])
            problems += [_problem(
                rec.row, "basis", rec.basis,
                f"Target yang sama (wilayah, indikator, tahun, dasar hukum) muncul dengan angka berbeda "
                f"(baris {lines}). Hapus salah satu, atau bedakan dasar hukumnya bila keduanya resmi.",
                f"The same target (region, measure, year, legal basis) appears with different numbers "
                f"(lines {lines}). Delete one, or tell their legal bases apart if both are official.")
                for rec in group.itertuples(index=False)]
    typed = typed.assign(basis=basis)
    return typed, sorted(problems, key=lambda p: (p.row or 0, p.column))


__all__ = ["PERIODS", "STATUSES", "validate_observations", "validate_target_rows", "validate_targets"]
