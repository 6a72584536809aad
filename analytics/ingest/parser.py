"""The one parser: turn a file (path, bytes or upload) into a tidy frame.

It never writes and never judges values: it recognises the layout (the tidy
template, a wide table with years as columns, a BPS table export), finds the
header, maps Indonesian or English column names to the project's tidy columns,
normalises periods, statuses and numbers, and records where each row came from
(`row`, the line number the user sees, or the spreadsheet row of an .xlsx).
Everything it cannot read becomes a Problem; names and codes are matched to the
registry and catalog by analytics.ingest.matching, values judged by analytics.ingest.validate.

`parse` is the entry point of the upload page and the command line (through
analytics.ingest.loading.check_upload); `parse_tidy` is the strict tidy-template reader it
builds on, which the seeding calls directly for data/observations.csv.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import itertools
import re
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd

from analytics.contract import MONTHS, TIDY_COLUMNS
from analytics.errors import Problem
from analytics.i18n import Both, pair

# The target template (issue #15): a single value, or a range (lower/upper; "below x" is upper
# alone), with its legal basis; plan period, whether the year was stated, and a flag for figures
# still to be checked against the original document.
TARGET_FILE_COLUMNS = ("region_code", "region_name", "measure", "year", "period", "value", "lower", "upper",
                       "unit", "basis", "plan_period", "year_stated", "verify", "source", "source_url", "note")
REQUIRED_COLUMNS = ("region_code", "measure", "year", "value")
# Helper columns `parse` adds for analytics.ingest.matching (dropped by matching.resolve):
# which code scheme region_code is written in, and the group row (e.g. a BPS
# province header row) the row sits under.
CONTEXT_COLUMNS = ("region_scheme", "region_context")

# Header names staff use, in Indonesian and English, mapped to the tidy column.
HEADER_ALIASES = {
    "region_code": "region_code",
    "kode_wilayah": "region_code",
    "kode": "region_code",
    "kode_bps": "region_code",
    "kode_wilayah_bps": "region_code",
    "kode_kab_kota": "region_code",
    "kode_kabupaten_kota": "region_code",
    "kode_provinsi": "region_code",
    "region_name": "region_name",
    "nama_wilayah": "region_name",
    "wilayah": "region_name",
    "nama": "region_name",
    "region": "region_name",
    "kabupaten_kota": "region_name",
    "kab_kota": "region_name",
    "provinsi_kabupaten_kota": "region_name",
    "provinsi": "region_name",
    "nama_kabupaten_kota": "region_name",
    "kecamatan": "region_name",
    "nama_kecamatan": "region_name",
    "desa": "region_name",
    "kelurahan": "region_name",
    "desa_kelurahan": "region_name",
    "kelurahan_desa": "region_name",
    "kode_kecamatan": "region_code",
    "kode_desa": "region_code",
    "kode_kelurahan": "region_code",
    "measure": "measure",
    "indikator": "measure",
    "indicator": "measure",
    "year": "year",
    "tahun": "year",
    "period": "period",
    "periode": "period",
    "value": "value",
    "nilai": "value",
    "unit": "unit",
    "satuan": "unit",
    "status": "status",
    "source": "source",
    "sumber": "source",
    "note": "note",
    "catatan": "note",
    "keterangan": "note",
}
# A code column under one of these names holds Kemendagri codes (translated through the crosswalk).
KEMENDAGRI_HEADERS = {
    "kode_kemendagri",
    "kode_wilayah_kemendagri",
    "kode_dagri",
    "kode_permendagri",
    "kemendagri_code",
    "code_kemendagri",
}
REGION_SCHEMES = ("bps", "kemendagri")

# Period words in either language (and common abbreviations) → period id.
PERIOD_ALIASES = {
    "": "annual",
    "annual": "annual",
    "tahunan": "annual",
    "year": "annual",
    "tahun": "annual",
    "januari": "january",
    "january": "january",
    "jan": "january",
    "februari": "february",
    "february": "february",
    "feb": "february",
    "maret": "march",
    "march": "march",
    "mar": "march",
    "april": "april",
    "apr": "april",
    "mei": "may",
    "may": "may",
    "juni": "june",
    "june": "june",
    "jun": "june",
    "juli": "july",
    "july": "july",
    "jul": "july",
    "agustus": "august",
    "august": "august",
    "agu": "august",
    "aug": "august",
    "september": "september",
    "sep": "september",
    "oktober": "october",
    "october": "october",
    "okt": "october",
    "oct": "october",
    "november": "november",
    "nov": "november",
    "desember": "december",
    "december": "december",
    "des": "december",
    "dec": "december",
}
# In BPS poverty tables semester 1 is the March Susenas, semester 2 the September one.
_SEMESTER_PERIODS = {"1": "march", "i": "march", "2": "september", "ii": "september"}
# How staff write periods besides full month names: month numbers ("03", "3"), Indonesian
# abbreviations ("Mrt", "Agt", "Nop"), semesters ("Sem 1", "Semester 2 (September)").
_PERIOD_ABBREVIATIONS = {"mrt": "march", "ags": "august", "agt": "august", "agst": "august", "sept": "september",
                         "nop": "november", "nopember": "november", "peb": "february", "pebruari": "february"}
_SEMESTER_WORD = re.compile(r"^(?:sem(?:ester)?\.?)\s*(1|2|i{1,2})\b\s*(?:\((\w+)\))?$")


def period_word(text: str) -> str | None:
    """A period id for the ways staff write one beyond PERIOD_ALIASES, or None."""
    key = text.strip().lower().rstrip(".")
    if key.isdigit() and 1 <= int(key) <= 12:
        return MONTHS[int(key) - 1]
    if key in _PERIOD_ABBREVIATIONS:
        return _PERIOD_ABBREVIATIONS[key]
    semester = _SEMESTER_WORD.match(key)
    if semester:
        period = _SEMESTER_PERIODS[semester.group(1)]
        named = semester.group(2)
        named_period = PERIOD_ALIASES.get(named or "") or _PERIOD_ABBREVIATIONS.get(named or "")
        # "Semester 2 (Maret)" contradicts itself: left as written, so the validator names it.
        return period if named is None or named_period == period else None
    return None

STATUS_ALIASES = {
    "": "final",
    "final": "final",
    "tetap": "final",
    "provisional": "provisional",
    "sementara": "provisional",
    "illustrative": "illustrative",
    "ilustrasi": "illustrative",
    "ilustratif": "illustrative",
}

# What BPS tables and spreadsheets write for "no value".
MISSING_MARKERS = {"", "-", "–", "—", "...", "…", "na", "n/a", "nan", "null", "none", "#n/a"}

ENCODINGS = ("utf-8-sig", "cp1252")

# First words of the footnote block under a BPS table (everything from there on is not data).
FOOTNOTE_WORDS = ("keterangan", "sumber", "catatan", "note", "notes", "source", "ket.", "ket:", "*")

# A currency prefix and a percent sign around a number ("Rp 838.535", "Rp.1.234", "5,19%").
_SYMBOLS = r"^[Rr][Pp]\.?\s*|\s*%$"
_SYMBOL_HINT = r"%|^[Rr][Pp]"
_PLAIN_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$")
_COMMA_DECIMAL = re.compile(r"^[+-]?\d+,\d+$")
_DOT_THOUSANDS_COMMA_DECIMAL = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")
_COMMA_THOUSANDS_DOT_DECIMAL = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_YEAR = re.compile(r"(?<![\d.,])(19[5-9]\d|20\d\d)(?![\d.,]*\d)")
_YEAR_CELL_NUMBER = re.compile(r"^\s*(19[5-9]\d|20\d\d)(\.0+)?\s*$")
_MONTH_WORDS = re.compile(
    r"\b(januari|january|februari|february|maret|march|april|mei|may|juni|june|juli|july|agustus|august|"
    r"september|oktober|october|november|desember|december)\b"
)
_SEMESTER = re.compile(r"\bsemester\s*(1|2|i{1,2})\b")
_CODE = re.compile(r"^\d{2}(\.?\d{2}){0,1}(\.?\d{3})?(\.?\d{3})?$")
# How far down the header of a file is looked for.
HEADER_SEARCH_ROWS = 40
# Bytes of a CSV decoded to look for a target header (40 rows of any real table fit many times).
SNIFF_BYTES = 2_000_000
# Bounds on a hostile or broken file, each refused with its own message before the expensive
# reading starts (a 1.2 MB zip bomb kept a server busy 264 s; a 48 MB one-line CSV took 118 s and
# 670 MB). Generous for real files: the biggest real upload is a province's desa, about a million
# rows of ten columns, and no table staff keep is wider than a few hundred columns.
MAX_XLSX_EXPANDED = 300 * 1024 * 1024  # bytes of XML inside an .xlsx
MAX_XLSX_RATIO = 200  # expanded ÷ compressed, beyond any real workbook (zip bombs are 1000×+)
MAX_ROWS = 1_500_000
MAX_COLUMNS = 500
MAX_CELLS = 20_000_000
MAX_LINE = 100_000  # characters on one line of a CSV
# An .xlsx is read in a child process (analytics.ingest.child), ended when it takes longer or needs
# more memory than this. The largest workbook the limits above accept (634,271 rows) took 30–75 s
# and about 550 MB above the child's start there on a 2-core machine shared with a dozen busy processes
# (benchmarks/upload_memory.py --xlsx); a file beyond these bounds is refused with a message.
MAX_XLSX_SECONDS = 120.0
MAX_XLSX_MEMORY = 3 * 1024 * 1024 * 1024  # bytes of address space the reading may add
# The limits the child reads with: the parent's, as tests may have lowered them.
_CHILD_SETTINGS = ("MAX_XLSX_EXPANDED", "MAX_XLSX_RATIO", "MAX_ROWS", "MAX_COLUMNS", "MAX_CELLS", "MAX_LINE",
                   "HEADER_SEARCH_ROWS")
# True in the child process that reads a workbook (which reads it itself).
_IN_CHILD = False
# The latest workbooks refused for time or memory, by (sha256, sheet), with when: the upload first
# looks for a target header, then parses; a workbook that took the whole time is not read again at
# once (a minute later it is, in case the machine was only busy).
_REFUSED_XLSX: dict[tuple[str, str | None], tuple[float, Problem]] = {}

Progress = Callable[[float, str], None]
# `parse` leaves a period the file does not state empty: analytics.ingest.matching fills it where BPS's
# practice settles it (kab/kota poverty is March) and asks otherwise. `parse_tidy` reads it as annual.
_OPEN_PERIODS = {**PERIOD_ALIASES, "": ""}


@dataclass
class ParsedFile:
    """A file read into tidy columns plus what could not be read.

    `frame` has `row` and the tidy columns; `parse` adds the CONTEXT_COLUMNS for
    analytics.ingest.matching. `layout` is "tidy", "wide" or "bps"; `sheet_names` lists
    an .xlsx file's sheets (the page offers them); `needs_measure` says a wide
    file did not say its measure and one must be chosen; `needs_year` says it is
    a BPS table that names no year, so one must be given (`parse(year=...)`); `target_template`
    says a workbook is in the target template (a header names a legal basis or a bound): it is not
    read as observations, parse_targets reads it (one child process reads a workbook once for both).
    """

    frame: pd.DataFrame
    file_name: str
    sha256: str
    problems: list[Problem] = field(default_factory=list)
    layout: str = "tidy"
    sheet_names: list[str] = field(default_factory=list)
    needs_measure: bool = False
    needs_year: bool = False
    target_template: bool = False


class _Refused(Exception):
    """The file cannot be read at all; carries the one Problem that says why."""

    def __init__(self, problem: Problem, *, needs_year: bool = False) -> None:
        super().__init__(problem.message_en)
        self.problem = problem
        self.needs_year = needs_year

    def __reduce__(self) -> tuple[object, ...]:  # raised in a child process, raised again in the parent
        return (type(self), (self.problem,), {"needs_year": self.needs_year})


def _file_problem(message_id: str, message_en: str, *, column: str = "", value: str = "",
                  row: int | None = None, severity: str = "error") -> Problem:
    return Problem(row, column, value, message_id, message_en, severity)


def _read_bytes(source: str | Path | bytes | BinaryIO) -> tuple[bytes, str]:
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source), "upload"
    if isinstance(source, (str, Path)):
        path = Path(source)
        return path.read_bytes(), path.name
    data = source.read()
    if isinstance(data, str):
        data = data.encode("utf-8")
    return data, Path(str(getattr(source, "name", "upload"))).name


def _decode(data: bytes) -> str:
    return _decode_named(data)[0]


def _decode_named(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was read with."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    # cp1252 leaves five bytes undefined; latin-1 decodes everything.
    return data.decode("latin-1"), "latin-1"


def _sniff_delimiter(text: str) -> str:
    first_lines = "\n".join(text[:200_000].splitlines()[:20])
    try:
        return csv.Sniffer().sniff(first_lines, delimiters=",;\t").delimiter
    except csv.Error:
        counts = {d: first_lines.count(d) for d in ",;\t"}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


def _header_key(name: object) -> str:
    text = str(name).strip().lower().lstrip("\ufeff").strip()
    text = re.sub(r"[\s\-/.()\[\]:]+", "_", text).strip("_")
    return text


def _normalise_header(name: object) -> str:
    text = _header_key(name)
    return HEADER_ALIASES.get(text, text)


def parse_number(text: str, decimal: str = ".") -> float | None:
    """Read one number written the Indonesian or English way; None when it is not a number.

    `decimal` is the file's decimal separator where the text alone is ambiguous
    ("1,234" is 1.234 in an Indonesian file and 1234 in an English one).
    """
    raw = re.sub(_SYMBOLS, "", text.strip()).replace("\u2212", "-").replace(" ", "").replace("\u00a0", "")
    if _PLAIN_NUMBER.match(raw):
        if decimal == "," and re.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+", raw):
            return float(raw.replace(".", ""))
        return float(raw)
    if _COMMA_DECIMAL.match(raw):
        if decimal == "." and re.fullmatch(r"[+-]?\d{1,3},\d{3}", raw):
            return float(raw.replace(",", ""))
        return float(raw.replace(",", "."))
    if _DOT_THOUSANDS_COMMA_DECIMAL.match(raw):
        return float(raw.replace(".", "").replace(",", "."))
    if _COMMA_THOUSANDS_DOT_DECIMAL.match(raw):
        return float(raw.replace(",", ""))
    return None


def _percent_marked(values: pd.Series) -> pd.Series:
    """Cells written with a percent sign ("5,19%"): the number is read without it, and the sign
    is kept as the row's stated unit so a percentage given for a count is caught."""
    if values.dtype != object and not isinstance(values.dtype, pd.StringDtype):
        return pd.Series(False, index=values.index)
    text = values.where(values.map(lambda v: isinstance(v, str)), "") if values.dtype == object else values
    return text.fillna("").str.strip().str.endswith("%")


def _with_percent_unit(units: pd.Series, values: pd.Series) -> pd.Series:
    """A percent sign on a value states the unit where the row states none (then checked
    against the measure's unit like any stated unit)."""
    marked = _percent_marked(values)
    if not marked.any():
        return units
    return units.mask(marked & units.fillna("").astype(str).str.strip().eq(""), "%")


def _decimal_separator(values: pd.Series) -> str:
    """Guess a column's decimal separator from the values that say it unambiguously."""
    texts = pd.Series(values.dropna().astype(str).str.strip().unique())
    if len(texts) > 200_000:
        texts = texts.sample(200_000, random_state=0)
    says_comma = texts.str.fullmatch(r"[+-]?\d+,\d{1,2}|[+-]?\d+,\d{4,}|.*\.\d{3},\d+").sum()
    says_dot = texts.str.fullmatch(r"[+-]?\d+\.\d{1,2}|[+-]?\d+\.\d{4,}|.*,\d{3}\.\d+").sum()
    return "," if says_comma > says_dot else "."


def parse_numbers(values: pd.Series, decimal: str | None = None) -> tuple[pd.Series, pd.Series]:
    """`parse_number` over a whole column, vectorised: (numbers with NaN, missing-marker mask).

    A value that is neither a number nor a missing marker is NaN with missing False.
    Cells that already hold numbers (from an .xlsx) are taken as they are.
    """
    index = values.index
    numbers = pd.Series(np.nan, index=index, dtype="float64")
    missing = pd.Series(False, index=index)
    if values.dtype == object:
        is_number = values.map(lambda v: isinstance(v, (int, float, np.number)) and not isinstance(v, bool))
        numbers[is_number] = values[is_number].astype("float64")
        missing[is_number] = numbers[is_number].isna()
        text_mask = ~is_number & values.notna()
        missing[values.isna()] = True
    else:
        text_mask = values.notna()
        missing[values.isna()] = True
    if not text_mask.any():
        return numbers, missing
    fast = _arrow_numbers(values) if values.dtype != object and text_mask.all() else None
    if fast is not None:
        decimal = decimal or _decimal_separator(values)
        if decimal == ".":
            return pd.Series(fast, index=index), missing
    text = values[text_mask].astype(str).str.strip()
    if text.str.contains(_SYMBOL_HINT, regex=True).any():
        text = text.str.replace(_SYMBOLS, "", regex=True)  # "Rp 838.535", "5,19%"
    if text.str.contains("[\u2212\u00a0 ]", regex=True).any():
        text = text.str.replace("\u2212", "-", regex=False).str.replace(r"[\s\u00a0]", "", regex=True)
    is_missing = text.str.lower().isin(MISSING_MARKERS)
    missing[text.index[is_missing]] = True
    text = text[~is_missing]
    if text.empty:
        return numbers, missing
    decimal = decimal or _decimal_separator(text)
    direct = pd.to_numeric(text, errors="coerce")
    direct = direct.where(np.isfinite(direct))
    if decimal == ",":
        dotted = direct.notna() & text.str.contains(".", regex=False)
        if dotted.any():
            thousands = dotted & text.str.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+")
            direct[thousands] = pd.to_numeric(text[thousands].str.replace(".", "", regex=False))
    rest = direct.isna()
    if rest.any():
        left = text[rest]
        if decimal == ",":
            ok = left.str.fullmatch(r"[+-]?\d+,\d+|[+-]?\d{1,3}(\.\d{3})+(,\d+)?")
            converted = left[ok].str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
        else:
            ok = left.str.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")
            converted = left[ok].str.replace(",", "", regex=False)
        direct[converted.index] = pd.to_numeric(converted, errors="coerce")
        still = direct.isna()
        if still.any():
            leftovers = text[still]
            lookup = {u: parse_number(u, decimal) for u in leftovers.unique()}
            direct[leftovers.index] = leftovers.map(lookup).astype("float64")
    numbers[direct.index] = direct.to_numpy(dtype="float64", na_value=np.nan)
    return numbers, missing


def _arrow_numbers(values: pd.Series) -> np.ndarray | None:
    """All of a clean string column as floats in one Arrow cast, or None when any cell needs care."""
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        numbers = pc.cast(pa.array(values), pa.float64()).to_numpy(zero_copy_only=False)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, TypeError, ValueError):
        return None
    return numbers if np.isfinite(numbers).all() else None


def read_table(source: str | Path | bytes | BinaryIO) -> tuple[pd.DataFrame, str, str]:
    """Read CSV text (any of , ; tab; UTF-8 with/without BOM or Windows-1252) as strings."""
    data, name = _read_bytes(source)
    text = _decode(data)
    delimiter = _sniff_delimiter(text)
    frame = pd.read_csv(
        io.StringIO(text),
        sep=delimiter,
        dtype=str,
        keep_default_na=False,
        skip_blank_lines=True,
    )
    return frame, name, hashlib.sha256(data).hexdigest()


def _missing_columns_problem(missing: list[str]) -> Problem:
    names_id = {"region_code": "kode_wilayah", "measure": "indikator", "year": "tahun", "value": "nilai"}
    return Problem(
        row=1,
        column=", ".join(missing),
        value="",
        message_id="Kolom wajib tidak ada: "
        + ", ".join(names_id.get(c, c) for c in missing)
        + ". Gunakan templat (kode_wilayah, indikator, tahun, periode, nilai, ...).",
        message_en="Required column(s) missing: "
        + ", ".join(missing)
        + ". Use the template (region_code, measure, year, period, value, ...).",
    )


def _value_problems(frame: pd.DataFrame, numbers: pd.Series, missing: pd.Series,
                    columns: pd.Series | None = None) -> list[Problem]:
    """Empty and non-numeric values; `columns` names each row's value column when it is not
    "value" (a table with measures as columns)."""
    bad = numbers.isna() & ~missing
    if not missing.any() and not bad.any():
        return []
    labels = columns if columns is not None else pd.Series("value", index=frame.index)
    problems = [
        Problem(int(line), str(column), str(text), *pair("message.ingest.value_empty_fill_number_delete"))
        for line, text, column in zip(frame.loc[missing, "row"], frame.loc[missing, "value"], labels[missing],
                                      strict=True)
    ]
    problems += [
        Problem(int(line), str(column), str(text), *pair("message.ingest.not_a_number"))
        for line, text, column in zip(frame.loc[bad, "row"], frame.loc[bad, "value"], labels[bad], strict=True)
    ]
    return sorted(problems, key=lambda p: p.row or 0)


def _skipped_cells_problem(count: int) -> Problem:
    return _file_problem(
        *pair("message.ingest.empty_cells_skipped", count=count),
        severity="warning")


def _is_measure_title(title: object) -> bool:
    """A column title that could name a measure: some words, not a blank column's stand-in name."""
    text = str(title).strip()
    return not re.match(r"^.*_column_\d+$", text) and len(re.sub(r"[^A-Za-z]", "", text)) >= 3


def _melt_measures(raw: pd.DataFrame, lines: np.ndarray, measure_columns: list[str], titles: dict[str, str],
                   chosen: str | None) -> tuple[pd.DataFrame, np.ndarray, pd.Series, int]:
    """A table with a region, a year and one column per measure ("Tingkat Pengangguran Terbuka
    (%)") → one row per filled cell, with the column title as the measure (matched to the
    catalog later, like any title) and the title named in problems. Empty cells ('-', '...')
    are no data: skipped and counted. A measure chosen on the page or the command line names
    the column when there is only one. Returns (rows, their lines, each row's column title,
    cells skipped)."""
    filled = {c: ~raw[c].fillna("").astype(str).str.strip().str.lower().isin(MISSING_MARKERS).to_numpy()
              for c in measure_columns}
    # Rows with neither a year nor a value are not data: footnotes ("Sumber: BPS") and spacers.
    # A source they name is the source of the rows.
    no_data = raw["year"].fillna("").astype(str).str.strip().eq("").to_numpy() & ~np.any(list(filled.values()), axis=0)
    if no_data.any():
        source = _source_from_footnotes([list(row) for row in raw[no_data].itertuples(index=False)])
        if source and "source" not in raw.columns:
            raw = raw.assign(source=source)
        raw, lines = raw[~no_data], lines[~no_data]
        filled = {c: present[~no_data] for c, present in filled.items()}
    keep = [c for c in raw.columns if c not in measure_columns]
    parts, part_lines, labels, skipped = [], [], [], 0
    for position, column in enumerate(measure_columns):
        cells = raw[column]
        present = filled[column]
        skipped += int((~present).sum())
        name = chosen if chosen and len(measure_columns) == 1 else titles[column]
        parts.append(raw.loc[present, keep].assign(measure=name, value=cells[present]))
        part_lines.append(lines[present])
        labels.append(np.full(int(present.sum()), position))
    melted = pd.concat(parts, ignore_index=True)
    order = np.argsort(np.concatenate(part_lines), kind="stable")  # back in the file's order
    melted = melted.iloc[order].reset_index(drop=True)
    named = np.array([titles[c] for c in measure_columns], dtype=object)
    return melted, np.concatenate(part_lines)[order], pd.Series(named[np.concatenate(labels)[order]]), skipped


def _rename_headers(raw: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str], str]:
    """The table with its columns named by their tidy names (the first of duplicates kept), each
    name's title as written, and the region scheme a Kemendagri code column implies."""
    originals = [str(c) for c in raw.columns]
    keys = [_header_key(c) for c in raw.columns]
    scheme = "bps"
    renamed: list[str] = []
    for key in keys:
        if key in KEMENDAGRI_HEADERS:
            renamed.append("kode_kemendagri")
        else:
            renamed.append(HEADER_ALIASES.get(key, key))
    titles = dict(zip(reversed(renamed), reversed(originals), strict=True))  # the first of duplicates
    raw = raw.set_axis(renamed, axis=1)
    raw = raw.loc[:, ~raw.columns.duplicated()]
    if "region_code" not in raw.columns and "kode_kemendagri" in raw.columns:
        raw = raw.rename(columns={"kode_kemendagri": "region_code"})
        titles["region_code"] = titles["kode_kemendagri"]
        scheme = "kemendagri"
    return raw, titles, scheme


def _tidy_columns(raw: pd.DataFrame, lines: np.ndarray, columns: tuple[str, ...], *, clean: bool) -> pd.DataFrame:
    """The tidy columns as text, trimmed unless `clean` says they are; a column not given is empty."""
    frame = pd.DataFrame(index=raw.index)
    frame["row"] = lines
    for column in columns:
        if column in raw.columns:
            values = raw[column]
            frame[column] = values if column == "value" or clean else values.astype(str).str.strip()
        else:
            frame[column] = ""
    return frame


def _normalise_tidy(frame: pd.DataFrame, columns: tuple[str, ...], period_aliases: dict[str, str] | None
                    ) -> pd.DataFrame:
    """Codes, years, periods, status and unit as the store writes them (values still as written)."""
    codes = frame["region_code"]
    if codes.str.endswith(".0").any():
        codes = codes.str.replace(r"\.0$", "", regex=True)
    frame["region_code"] = codes
    years = frame["year"]
    if years.str.contains(".", regex=False).any():  # 2025.0, as spreadsheets export a number column
        frame["year"] = years.str.replace(r"^(\d{4})\.0+$", r"\1", regex=True)
    frame["period"] = _map_small(frame["period"], period_aliases or PERIOD_ALIASES, period_word)
    if "status" in columns:
        frame["status"] = _map_small(frame["status"], STATUS_ALIASES)
    frame["unit"] = _with_percent_unit(frame["unit"], frame["value"])
    return frame


def _tidy_frame(raw: pd.DataFrame, lines: np.ndarray, columns: tuple[str, ...], *,
                measure: str | None = None, require_code: bool = True, clean: bool = False,
                period_aliases: dict[str, str] | None = None, measures_as_columns: bool = False,
                progress: Progress | None = None) -> tuple[pd.DataFrame, list[Problem], str, str]:
    """Map a table with a tidy header to the tidy columns: (frame, problems, region scheme,
    layout). With `measures_as_columns`, a header with a region and a year but neither
    measure nor value has its other columns read as one measure each ("measures" layout)."""
    raw, titles, scheme = _rename_headers(raw)
    layout, value_titles, pre_problems = "tidy", None, []
    if measures_as_columns and "value" not in raw.columns and "measure" not in raw.columns and "year" in raw.columns:
        known = {*TIDY_COLUMNS, *CONTEXT_COLUMNS, "kode_kemendagri"}
        measure_columns = [c for c in raw.columns if c not in known and _is_measure_title(titles[c])]
        if measure_columns:
            raw, lines, value_titles, skipped = _melt_measures(raw, lines, measure_columns, titles, measure)
            layout = "measures"
            if skipped:
                pre_problems.append(_skipped_cells_problem(skipped))
    if "measure" not in raw.columns and measure:
        raw = raw.assign(measure=measure)
    required = list(REQUIRED_COLUMNS)
    if not require_code and "region_name" in raw.columns:
        required.remove("region_code")
    missing_columns = [c for c in required if c not in raw.columns]
    if missing_columns:
        return pd.DataFrame(columns=["row", *columns]), [_missing_columns_problem(missing_columns)], scheme, layout

    frame = _tidy_columns(raw, lines, columns, clean=clean)
    if progress:
        progress(0.5, "ingest.progress.columns")
    frame = _normalise_tidy(frame, columns, period_aliases)
    numbers, missing = parse_numbers(frame["value"])
    problems = pre_problems + _value_problems(frame, numbers, missing, value_titles)
    frame["value"] = numbers
    if progress:
        progress(0.9, "ingest.progress.values")
    return frame.reset_index(drop=True), problems, scheme, layout


def _map_small(values: pd.Series, table: dict[str, str], fallback=None) -> pd.Series:  # type: ignore[no-untyped-def]
    """Map the (few) distinct values of a column through `table` (case-insensitively), then
    `fallback(text)` if given, leaving unknown ones as written."""
    uniques = values.unique()
    lookup = {u: table.get(str(u).strip().lower(), (fallback and fallback(str(u))) or u) for u in uniques}
    if all(k == v for k, v in lookup.items()):
        return values
    return values.map(lookup)


def parse_tidy(
    source: str | Path | bytes | BinaryIO,
    *,
    file_name: str | None = None,
    columns: tuple[str, ...] = TIDY_COLUMNS,
) -> ParsedFile:
    """Parse a file in the tidy template (observations, or targets with `TARGET_COLUMNS`)."""
    raw, name, digest = read_table(source)
    name = file_name or name
    # Line numbers as the user sees them in a spreadsheet: header is line 1.
    lines = raw.index.to_numpy() + 2
    frame, problems, _, _ = _tidy_frame(raw, lines, columns)
    return ParsedFile(frame, name, digest, problems)


# ---------------------------------------------------------------------------------------------
# parse(): any supported file


def _empty_result(name: str, digest: str, problems: list[Problem], layout: str = "tidy",
                  sheet_names: list[str] | None = None, needs_measure: bool = False,
                  needs_year: bool = False) -> ParsedFile:
    frame = pd.DataFrame(columns=["row", *TIDY_COLUMNS, *CONTEXT_COLUMNS])
    return ParsedFile(frame, name, digest, problems, layout, sheet_names or [], needs_measure, needs_year)


def _refuse_binary(data: bytes) -> None:
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise _Refused(_file_problem(
            *pair("message.ingest.old_excel_files_xls_are")))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return
    head = data[:8192]
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 13))
    if b"\x00" in head or controls > max(2, len(head) // 100):
        raise _Refused(_file_problem(
            *pair("message.ingest.file_not_readable_text_csv")))


def _too_big(what: Both, found: int, limit: int, fix: Both, unit: str = "") -> _Refused:
    from analytics.fmt import count

    return _Refused(_file_problem(
        *pair("message.ingest.file_too_big", what=what, found=lambda lang: count(found, lang), unit=unit,
              limit=lambda lang: count(limit, lang), fix=fix),
        value=str(found)))


def _check_xlsx_size(data: bytes) -> None:
    """Refuse a zip bomb before openpyxl expands it: the sizes its directory declares (a forged
    directory is caught by openpyxl's own checks of the same sizes while reading)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            expanded = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # openpyxl says it cannot open the file
    if expanded > MAX_XLSX_EXPANDED or expanded > MAX_XLSX_RATIO * max(len(data), 1) + 10 * 1024 * 1024:
        raise _too_big(
            pair("message.ingest.excel_file_too_large_once"),
            expanded // (1024 * 1024), MAX_XLSX_EXPANDED // (1024 * 1024),
            pair("message.ingest.save_only_data_sheet_as"), unit=" MB")


def _check_grid_size(rows: int, columns: int) -> None:
    if columns > MAX_COLUMNS:
        raise _too_big(pair("message.ingest.too_many_columns"), columns, MAX_COLUMNS,
                       pair("message.ingest.delete_empty_columns_split_table"))
    if rows > MAX_ROWS:
        raise _too_big(pair("message.ingest.too_many_rows"), rows, MAX_ROWS,
                       pair("message.ingest.split_file_into_several_parts"))
    if rows * columns > MAX_CELLS:
        raise _too_big(pair("message.ingest.too_many_cells"), rows * columns, MAX_CELLS,
                       pair("message.ingest.split_file_into_several_parts"))


def _check_text_shape(data: bytes) -> None:
    """Lines and their length, counted on the bytes (no decoding, no copy of a 50 MB line)."""
    newline = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 10)
    bounds = np.concatenate(([-1], newline, [len(data)]))
    longest = int(np.diff(bounds).max()) - 1
    if longest > MAX_LINE:
        from analytics.fmt import count

        line = int(np.argmax(np.diff(bounds))) + 1
        raise _Refused(_file_problem(
            *pair("message.ingest.line_too_long", line=line, length=lambda lang: count(longest, lang),
                  limit=lambda lang: count(MAX_LINE, lang)), row=line,
            value=str(longest)))
    if len(newline) > MAX_ROWS:
        _check_grid_size(len(newline), 1)


def _mixed_encoding_lines(data: bytes) -> list[int]:
    """Lines that are not UTF-8 in a file whose other non-ASCII lines are: a file pasted together
    from two sources. Read as one legacy encoding it would store the UTF-8 names as mojibake."""
    bad, utf8 = [], 0
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8 += 1
        except UnicodeDecodeError:
            bad.append(number)
    return bad if utf8 and bad else []


def _xlsx_in_child(function: str, kwargs: dict[str, object], sheet: str | None,
                   progress: Progress | None = None) -> object:
    """`function(**kwargs)` of this module for a workbook, run in a bounded child process; a child
    ended for its time or memory is a refusal that says which bound and how to make the file smaller."""
    from analytics.fmt import count
    from analytics.ingest import child

    data = kwargs["data" if "data" in kwargs else "source"]
    key = (hashlib.sha256(data).hexdigest(), sheet)  # type: ignore[arg-type]
    if key in _REFUSED_XLSX and time.monotonic() - _REFUSED_XLSX[key][0] < 60:
        raise _Refused(_REFUSED_XLSX[key][1])
    settings: dict[str, object] = {name: globals()[name] for name in _CHILD_SETTINGS} | {"_IN_CHILD": True}
    try:
        return child.run_bounded(__name__, function, kwargs, seconds=MAX_XLSX_SECONDS, memory=MAX_XLSX_MEMORY,
                                 settings=settings, progress=progress)
    except child.ChildTimedOut:
        problem = _file_problem(*pair("message.ingest.xlsx_too_slow",
                                      seconds=lambda lang: count(MAX_XLSX_SECONDS, lang)))
    except child.ChildOutOfMemory:
        problem = _file_problem(*pair("message.ingest.xlsx_too_much_memory",
                                      memory=lambda lang: count(MAX_XLSX_MEMORY // (1024 * 1024), lang)))
    while len(_REFUSED_XLSX) >= 16:
        _REFUSED_XLSX.pop(next(iter(_REFUSED_XLSX)))
    _REFUSED_XLSX[key] = (time.monotonic(), problem)
    raise _Refused(problem)


def _xlsx_grid(data: bytes, sheet: str | None,
               limit: int | None = None) -> tuple[list[list[object]], list[int], list[str]]:
    """Cells of one sheet (numbers stay numbers), their spreadsheet row numbers, and all sheet names;
    with `limit`, only the first `limit` non-empty rows (enough to find a header).

    Read by calamine (Rust): the largest workbook accepted (634,271 rows) took 97 s and 793 MB with
    openpyxl's streaming reader building a Python object per cell. Calamine holds a sheet's cells in
    one dense block from A1 to its last cell: a few cells far apart ask for more memory than any
    machine has, and Rust ends the process when an allocation fails, so outside a child process
    (`_xlsx_in_child`) this is called only on workbooks made by the program itself (tests)."""
    from python_calamine import CalamineWorkbook

    _check_xlsx_size(data)
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = list(book.sheet_names)
    except Exception as error:  # noqa: BLE001 - calamine's errors (zip, XML, password) all mean "cannot open"
        raise _Refused(_file_problem(
            *pair("message.ingest.excel_file_cannot_opened_corrupt"), value=type(error).__name__)) from None
    try:
        if sheet is not None and sheet not in names:
            raise _Refused(_file_problem(
                *pair("message.ingest.no_such_sheet", sheet=sheet, join_names=', '.join(names)),
                column="sheet", value=sheet))
        name = sheet if sheet is not None else names[0]
        worksheet = book.get_sheet_by_name(name)
        first_column = worksheet.start[1] if worksheet.height else 0
        _check_grid_size(worksheet.end[0] + 1 if worksheet.height else 0, first_column + worksheet.width)
        percent, errors = _marked_cells(data, name)
        grid: list[list[object]] = []
        lines: list[int] = []
        seen: dict[str, str] = {}
        # iter_rows starts at row 1 but at the sheet's first used column: cells keep their letters.
        lead: list[object] = [""] * first_column
        for number, row in enumerate(worksheet.iter_rows(), start=1):
            cells = [*lead, *row] if lead else list(row)
            for column, text in errors.get(number, {}).items():
                cells.extend([""] * (column + 1 - len(cells)))
                cells[column] = text
            while cells and cells[-1] == "":
                cells.pop()
            if cells:
                if percent:
                    for column in percent.get(number, ()):
                        if column < len(cells):
                            cells[column] = _percent_text(cells[column])
                # Text and numbers inline (a call per cell was a third of the largest workbook's time);
                # a text met before is kept once (indicator, period, unit, source repeat on every row).
                grid.append([(seen.setdefault(text, text) if len(seen) < _SHARED_TEXTS else seen.get(text, text))
                             if type(v) is str and (text := v.strip()) is not None
                             else v if type(v) is float else _cell(v) for v in cells])
                lines.append(number)
                if limit is not None and len(grid) >= limit:
                    break
        return grid, lines, names
    finally:
        book.close()


# Distinct texts of a workbook kept once each while reading (beyond, a text is kept as read): the
# largest workbook's repeated texts took about 150 MB as separate objects.
_SHARED_TEXTS = 200_000
# Excel's built-in number formats that show a percentage (0% and 0.00%).
_PERCENT_FORMAT_IDS = {9, 10}
# One start tag of a cell and its reference: <c r="B7" s="3" t="n">.
_CELL_TAG = re.compile(rb'<c\s[^>]*>')
_CELL_REF = re.compile(rb'\sr="([A-Z]{1,3})(\d{1,7})"')


def _xlsx_member(archive: zipfile.ZipFile, sheet: str) -> str | None:
    """The path inside the archive of the named sheet's XML (through workbook.xml and its rels)."""
    import xml.etree.ElementTree as ET  # noqa: N817 - the usual name

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    try:
        book = ET.fromstring(archive.read("xl/workbook.xml"))
        rels = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ET.ParseError):
        return None
    ids = {s.get("name"): s.get(f"{rel}id") for s in book.iter(f"{main}sheet")}
    targets = {r.get("Id"): str(r.get("Target")) for r in rels}
    target = targets.get(ids.get(sheet) or "")
    if not target:
        return None
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def _sheet_xml_chunks(data: bytes, sheet: str, overlap: int = 4096) -> Iterator[tuple[bytes, int]]:
    """The sheet's XML in pieces of a few MB (never the whole 300 MB at once), each with how far
    in it a tag may start and still be whole; a tag across a boundary comes again in the next piece."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        member = _xlsx_member(archive, sheet)
        stream = archive.open(member) if member else None
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return
    if stream is None:
        return
    with archive, stream:
        carried = b""
        while True:
            piece = stream.read(8 * 1024 * 1024)
            buffer = carried + piece
            if not piece:
                if buffer:
                    yield buffer, len(buffer)
                return
            yield buffer, len(buffer) - overlap
            carried = buffer[max(0, len(buffer) - overlap):]


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _percent_styles(data: bytes) -> re.Pattern[bytes] | None:
    """A pattern for the start tags of cells Excel shows as a percentage, or None when the workbook
    has no percent format. Calamine gives values without their formats, so the formats come from
    styles.xml and the cells' style numbers from the sheet's XML."""
    import xml.etree.ElementTree as ET  # noqa: N817 - the usual name

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            styles = ET.fromstring(archive.read("xl/styles.xml"))
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, ET.ParseError):
        return None
    percent_ids = set(_PERCENT_FORMAT_IDS)
    for number_format in styles.iter(f"{main}numFmt"):
        if "%" in re.sub(r'"[^"]*"', "", number_format.get("formatCode") or ""):
            percent_ids.add(int(number_format.get("numFmtId") or -1))
    cell_formats = styles.find(f"{main}cellXfs")
    styled = [str(i) for i, xf in enumerate(cell_formats if cell_formats is not None else [])
              if int(xf.get("numFmtId") or 0) in percent_ids]
    if not styled:
        return None
    return re.compile(rb'<c\s[^>]*?\bs="(?:' + "|".join(styled).encode() + rb')"[^>]*>')


_ERROR_CELL = re.compile(rb'<c\s[^>]*?\bt="e"[^>]*>\s*(?:<f[^>]*/>|<f[^>]*>[^<]*</f>)?\s*<v>([^<]{1,32})</v>')


def _marked_cells(data: bytes, sheet: str) -> tuple[dict[int, list[int]], dict[int, dict[int, str]]]:
    """In one pass over the sheet's XML: the cells Excel shows as a percentage ({row: [0-based
    columns]}) and Excel's error cells ({row: {column: "#DIV/0!"}}). Calamine reads an error cell as
    empty, which would tell staff "value is empty" for a cell that shows #DIV/0!; the XML names it."""
    percent_tag = _percent_styles(data)
    percent: dict[int, list[int]] = {}
    errors: dict[int, dict[int, str]] = {}
    for buffer, end in _sheet_xml_chunks(data, sheet):
        if percent_tag is not None:
            for match in percent_tag.finditer(buffer, 0):
                if match.start() >= end:
                    break
                if ref := _CELL_REF.search(match.group(0)):
                    percent.setdefault(int(ref.group(2)), []).append(_column_number(ref.group(1)) - 1)
        if b't="e"' in buffer:
            for match in _ERROR_CELL.finditer(buffer, 0):
                if match.start() >= end:
                    break
                if ref := _CELL_REF.search(match.group(0)):
                    text = match.group(1).decode("utf-8", "replace")
                    errors.setdefault(int(ref.group(2)), {})[_column_number(ref.group(1)) - 1] = text
    return percent, errors


def _percent_text(value: object) -> object:
    """A number Excel shows as a percentage (0.0519 formatted "0.00%" shows 5,19 %) is read
    as the reader sees it, with its percent sign ("5.19%"); any other cell as stored."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value * 100:.10g}%"
    return value


def _cell(value: object) -> object:
    """An .xlsx cell as text, except numbers, which stay numbers (no separator guessing). A date is
    written as a date and time, as Excel holds it (2024-03-01T00:00:00)."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return datetime.datetime.combine(value, datetime.time()).isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()  # type: ignore[union-attr]
    return str(value).strip()


def _text(value: object) -> str:
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()


def _texts(cells: pd.Series) -> pd.Series:
    """`_text` over a column of .xlsx cells: a text column as it is, a column of numbers converted
    at once (a Python call per cell took 9 s of the largest workbook's 15), a mixed one cell by cell."""
    kind = pd.api.types.infer_dtype(cells, skipna=False)
    if kind == "string":
        return cells  # stripped as read (_xlsx_grid)
    if kind != "floating":
        return cells.map(_text)
    numbers = cells.to_numpy(dtype="float64")
    whole = np.isfinite(numbers) & (numbers == np.round(numbers)) & (np.abs(numbers) < 2**53)
    texts = np.empty(len(numbers), dtype=object)
    texts[whole] = numbers[whole].astype(np.int64).astype(str)
    texts[~whole] = [_text(float(n)) for n in numbers[~whole]]
    return pd.Series(texts, index=cells.index, dtype=object)


def _csv_grid(text: str, delimiter: str, limit: int | None = None) -> tuple[list[list[object]], list[int]]:
    """Rows of a CSV text as cells, with the line number each row starts on (blank rows left out)."""
    grid: list[list[object]] = []
    lines: list[int] = []
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    line = 1
    for row in reader:
        cells: list[object] = [c.strip() for c in row]
        while cells and cells[-1] == "":
            cells.pop()
        if cells:
            grid.append(cells)
            lines.append(line)
            if limit is not None and len(grid) >= limit:
                break
        line = reader.line_num + 1
    return grid, lines


def _tidy_header_score(cells: list[object]) -> tuple[int, bool]:
    keys = [_header_key(c) for c in cells if isinstance(c, str)]
    mapped = {HEADER_ALIASES.get(k, "kode_kemendagri" if k in KEMENDAGRI_HEADERS else "") for k in keys}
    mapped.discard("")
    has_region = bool(mapped & {"region_code", "region_name", "kode_kemendagri"})
    is_tidy = has_region and {"year", "value"} <= mapped
    return len(mapped & {"region_code", "region_name", "kode_kemendagri", "measure", "year", "value",
                         "period"}), is_tidy


def _year_of(cell: object) -> int | None:
    """The year a column title names ("2024", "Maret 2024", "P0 - Maret 2024"), else None."""
    if isinstance(cell, float):
        return int(cell) if cell.is_integer() and 1950 <= cell <= 2099 else None
    text = str(cell)
    if _YEAR_CELL_NUMBER.match(text):
        return int(float(text))
    bare = re.fullmatch(r"\W*(19[5-9]\d|20\d\d)\W*", text)  # "2024*)", "(2024)"
    if bare:
        return int(bare.group(1))
    if not re.search(r"[A-Za-z]", text):
        return None
    years = _YEAR.findall(text)
    return int(years[0]) if len(years) == 1 else None


def _year_columns(cells: list[object]) -> int:
    """How many cells after the first name a year, in a row that could be the year row of a wide
    table: none when another cell holds a plain number ("Ciledug;2023;120" is data, not titles)."""
    years = 0
    for cell in cells[1:]:
        if _year_of(cell) is not None:
            years += 1
        elif isinstance(cell, float) or (isinstance(cell, str) and parse_number(cell) is not None):
            return 0
    return years


def _period_of(text: str) -> str | None:
    lower = text.lower()
    semester = _SEMESTER.search(lower)
    month = _MONTH_WORDS.search(lower)
    if month:
        return PERIOD_ALIASES[month.group(1)]
    if semester:
        return _SEMESTER_PERIODS[semester.group(1)]
    return None


def _measure_text_of(title: str) -> str:
    """What is left of a column title once year, period and separators are taken out."""
    # "Tahun 2024", "Periode Maret 2024": the word that introduces the period goes with it.
    text = re.sub(r"\b(tahun|year|periode|period)\s+(?=((januari|februari|maret|april|mei|juni|juli|agustus|"
                  r"september|oktober|november|desember|semester)\b|(19|20)\d\d))", " ", title, flags=re.IGNORECASE)
    text = _YEAR.sub(" ", text)
    text = re.sub(_SEMESTER.pattern, " ", text, flags=re.IGNORECASE)
    text = re.sub(_MONTH_WORDS.pattern, " ", text, flags=re.IGNORECASE)
    text = re.sub(r"[*]+\)?", " ", text)
    text = re.sub(r"\(\s*\)", " ", text)
    text = re.sub(r"\s+", " ", text).strip(" -–—,:;/|")
    return text if len(re.sub(r"[^A-Za-z]", "", text)) >= 3 else ""


def _is_footnote(cell: object) -> bool:
    text = _text(cell).lower()
    return any(text.startswith(word) for word in FOOTNOTE_WORDS)


def _source_from_footnotes(rows: list[list[object]]) -> str:
    for cells in rows:
        for cell in cells:
            match = re.match(r"^\s*(sumber|source)\s*[:.]?\s*(.+)$", _text(cell), flags=re.IGNORECASE)
            if match:
                return match.group(2).strip().rstrip(".")
    return ""


def _is_code_column(values: list[str]) -> bool:
    present = [v for v in values if v]
    return bool(present) and sum(bool(_CODE.match(v)) for v in present) >= 0.8 * len(present)


def year_in_file_name(name: str | None) -> int | None:
    """The one plausible year a file name holds ("P0 Banten_2023.xlsx" → 2023), else None: none,
    two different years, or a year after the current one (observations cannot lie ahead). Digits
    run together with others ("20230115", "tabel_62123") are not read as a year."""
    if not name:
        return None
    stem = Path(str(name)).stem
    found = {int(y) for y in re.findall(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)", stem)}
    if len(found) != 1:
        return None
    year = found.pop()
    return year if year <= datetime.date.today().year else None


def _number_cell(cell: object) -> bool:
    return isinstance(cell, float) or (isinstance(cell, str) and parse_number(cell) is not None)


def _yearless_bps_table(grid: list[list[object]]) -> tuple[int, list[int]] | None:
    """A BPS table export whose year is written nowhere (the year is chosen on BPS's site and not
    always written into the file): a header row whose first cell names the regions
    ("Kabupaten/Kota", "Provinsi"), then rows of a name and numbers. Returns the header row and
    the value columns, or None."""
    for k, cells in enumerate(grid[:HEADER_SEARCH_ROWS]):
        if not cells or not isinstance(cells[0], str) \
                or HEADER_ALIASES.get(_header_key(cells[0])) not in ("region_name", "region_code"):
            continue
        if any(_number_cell(c) for c in cells[1:]):
            continue
        body: list[list[object]] = []
        for row in grid[k + 1:k + 1 + HEADER_SEARCH_ROWS]:
            if row and _is_footnote(row[0]):
                break
            body.append(row)
        width = max((len(row) for row in body), default=0)
        value_cols = []
        for i in range(1, width):
            filled = [row[i] for row in body
                      if i < len(row) and _text(row[i]).lower() not in MISSING_MARKERS]
            if filled and sum(_number_cell(c) for c in filled) >= 0.8 * len(filled):
                value_cols.append(i)
        if value_cols and any(_text(row[0]) for row in body if row):
            return k, value_cols
    return None


def _bps_without_year(grid: list[list[object]], lines: list[int], found: tuple[int, list[int]],
                      year: int | None, file_name: str | None) -> list[list[object]]:
    """With `year`, the grid with the year written into the header's value columns (then read as
    any BPS table); without, the refusal that names the table, where it is and how to give the year."""
    header, value_cols = found
    from analytics.i18n import t

    if year is not None and _year_of(str(year)) is None:
        raise _Refused(_file_problem(t("ingest.year_implausible", "id", year=year),
                                     t("ingest.year_implausible", "en", year=year), column="year",
                                     value=str(year)), needs_year=True)
    if year is not None:
        cells = list(grid[header]) + [""] * (max(value_cols) + 1 - len(grid[header]))
        for i in value_cols:
            cells[i] = f"{_text(cells[i])} {year}".strip()
        return [*grid[:header], cells, *grid[header + 1:]]
    titles = grid[header]
    values = ", ".join(_column_label(i, titles[i] if i < len(titles) else "").replace(" ()", "")
                       for i in value_cols[:3]) + (" …" if len(value_cols) > 3 else "")
    suggested = year_in_file_name(file_name)
    words = {"column": _column_label(0, titles[0]), "values": values, "line": lines[header]}
    message = {lang: t("ingest.bps_without_year", lang, **words)
               + (t("ingest.bps_year_from_name", lang, year=suggested) if suggested else
                  t("ingest.bps_year_none_in_name", lang))
               for lang in ("id", "en")}
    raise _Refused(_file_problem(message["id"], message["en"], column="year", row=lines[header],
                                 value=str(suggested or "")), needs_year=True)


@dataclass
class _WideHeader:
    """Where a table with years as columns keeps what it says about its value columns."""

    header: int  # index in the grid of the row of years
    width: int  # cells in the widest row
    year_row: list[object]  # the row of years, padded to `width`
    first_year_col: int
    years: dict[int, int]  # value column → year
    periods: dict[int, str] = field(default_factory=dict)  # value column → period id, where stated
    data_start: int = 0  # index in the grid of the first row under the header
    column_measure: dict[int, str] = field(default_factory=dict)  # value column → measure title
    left_headers: dict[int, str] = field(default_factory=dict)  # column left of the years → its title
    file_title: str = ""

    @property
    def value_cols(self) -> list[int]:
        return sorted(self.years)


def _parse_wide(grid: list[list[object]], lines: list[int], *, measure: str | None, region_scheme: str,
                progress: Progress | None, year: int | None = None,
                file_name: str | None = None) -> tuple[pd.DataFrame, list[Problem], str, bool]:
    """A table with years as columns (a BPS export or a staff spreadsheet) → tidy rows, in steps:
    the row of years, a period row under it, titles above it, the body and its footnotes, the role
    of each column left of the years, the measure of each value column, then one row per value."""
    header = _year_header_row(grid)
    if header is None:
        yearless = _yearless_bps_table(grid)
        if yearless is not None:
            grid = _bps_without_year(grid, lines, yearless, year, file_name)
            return _parse_wide(grid, lines, measure=measure, region_scheme=region_scheme, progress=progress)
        raise _Refused(_file_problem(
            *pair("message.ingest.layout_not_recognised_no_header"),
            row=None))
    wide = _wide_header(grid, header)
    _read_period_row(grid, wide)
    _read_titles_above(grid, wide)
    layout = "bps" if header > 0 or any(wide.column_measure.values()) else "wide"
    title_measure = _measure_text_of(wide.file_title) if wide.file_title else ""
    if wide.file_title and not wide.periods:
        found = _period_of(wide.file_title)
        if found:
            wide.periods = dict.fromkeys(wide.value_cols, found)
    body, body_lines, source = _wide_body(grid, lines, wide)
    roles, scheme = _left_column_roles(body, wide, region_scheme)
    needs_measure, problems = False, []
    if "measure" not in roles.values():
        needs_measure, problems = _measure_per_column(wide, measure, title_measure)
    records, value_texts, empty_cells, nameless = _wide_records(body, body_lines, roles, wide, source)
    if progress:
        progress(0.6, "ingest.progress.columns")
    frame, value_problems = _wide_frame(records, value_texts, scheme)
    problems += value_problems
    problems += [
        Problem(line, "region_name", "", *pair("message.ingest.row_has_numbers_but_no"))
        for line in nameless
    ]
    if empty_cells:
        problems.append(_skipped_cells_problem(empty_cells))
    return frame, problems, layout, needs_measure


def _year_header_row(grid: list[list[object]]) -> int | None:
    """The row (of the first HEADER_SEARCH_ROWS) naming the most years, or None when none does."""
    counts = [_year_columns(cells) for cells in grid[:HEADER_SEARCH_ROWS]]
    best = max(counts, default=0)
    return counts.index(best) if best else None


def _wide_header(grid: list[list[object]], header: int) -> _WideHeader:
    width = max(len(cells) for cells in grid)
    year_row = grid[header] + [""] * (width - len(grid[header]))
    year_cols = [i for i, c in enumerate(year_row) if i > 0 and _year_of(c) is not None]
    return _WideHeader(header, width, year_row, year_cols[0], {i: int(_year_of(year_row[i]) or 0) for i in year_cols},
                       data_start=header + 1)


def _read_period_row(grid: list[list[object]], wide: _WideHeader) -> None:
    """A period row right under the years ("Maret", "September", "Semester 1 (Maret)"), where a year
    cell may be merged over its periods; else a period written in the year's own title."""
    periods, years = wide.periods, wide.years
    if wide.data_start < len(grid):
        below = grid[wide.data_start] + [""] * (wide.width - len(grid[wide.data_start]))
        below_periods = {i: _period_of(_text(c)) for i, c in enumerate(below)
                         if i >= wide.first_year_col and _text(c)}
        if below_periods and all(p is not None for p in below_periods.values()):
            last_year = None
            for i in range(wide.first_year_col, wide.width):
                if i in years:
                    last_year = years[i]
                elif i in below_periods and last_year is not None:
                    years[i] = last_year  # a year cell merged over its periods
                if i in below_periods and i in years:
                    periods[i] = str(below_periods[i])
            wide.data_start += 1
    for i in wide.value_cols:
        if i not in periods:
            found = _period_of(_text(wide.year_row[i]))
            if found:
                periods[i] = found


def _read_titles_above(grid: list[list[object]], wide: _WideHeader) -> None:
    """Titles above the year row: a measure (and period) over the value columns, carried right over
    merged cells; titles of the columns left of the years; or a file title in the first cell."""
    wide.column_measure = {i: _measure_text_of(_text(wide.year_row[i])) for i in wide.value_cols}
    wide.left_headers = {i: _text(wide.year_row[i]) for i in range(wide.first_year_col)}
    for cells in reversed(grid[:wide.header]):
        texts = [_text(c) for c in cells + [""] * (wide.width - len(cells))]
        if any(texts[wide.first_year_col:]):
            carried = ""
            for i in range(wide.first_year_col, wide.width):
                carried = texts[i] or carried
                if i in wide.column_measure and not wide.column_measure[i] and carried:
                    wide.column_measure[i] = _measure_text_of(carried) or carried
                    if i not in wide.periods and _period_of(carried):
                        wide.periods[i] = str(_period_of(carried))
            for i in range(wide.first_year_col):
                if texts[i] and not wide.left_headers[i]:
                    wide.left_headers[i] = texts[i]
        elif texts[0] and not wide.file_title:
            wide.file_title = texts[0]


def _wide_body(grid: list[list[object]], lines: list[int],
               wide: _WideHeader) -> tuple[list[list[object]], list[int], str]:
    """The rows under the header up to the footnotes (padded to the table's width), their lines, and
    the source a "Sumber:" footnote names."""
    body = [cells + [""] * (wide.width - len(cells)) for cells in grid[wide.data_start:]]
    body_lines = lines[wide.data_start:]
    footer_at = next((k for k, cells in enumerate(body) if _is_footnote(cells[0])), len(body))
    return body[:footer_at], body_lines[:footer_at], _source_from_footnotes(body[footer_at:])


def _left_column_roles(body: list[list[object]], wide: _WideHeader,
                       region_scheme: str) -> tuple[dict[int, str], str]:
    """What each column left of the years holds (region code, region name, or a per-row measure,
    period, unit, note, source, status), and the code scheme (a Kemendagri title says so)."""
    roles: dict[int, str] = {}
    scheme = region_scheme
    for i in range(wide.first_year_col):
        key = _header_key(wide.left_headers[i])
        column_values = [_text(cells[i]) for cells in body]
        if key in KEMENDAGRI_HEADERS:
            roles[i] = "region_code"
            scheme = "kemendagri"
        elif HEADER_ALIASES.get(key) in ("measure", "period", "unit", "note", "source", "status"):
            roles[i] = str(HEADER_ALIASES[key])
        elif _is_code_column(column_values) and "region_code" not in roles.values():
            roles[i] = "region_code"
        elif "region_name" not in roles.values():
            roles[i] = "region_name"
    return roles, scheme


def _measure_per_column(wide: _WideHeader, measure: str | None, title_measure: str) -> tuple[bool, list[Problem]]:
    """The measure of each value column when no column names it per row: its title, else the file's
    title; the measure chosen on the page or the command line wins. (needs_measure, problems)."""
    for i in wide.value_cols:
        if not wide.column_measure[i]:
            wide.column_measure[i] = measure or title_measure
    if measure:
        wide.column_measure = dict.fromkeys(wide.value_cols, measure)
    if all(wide.column_measure.values()):
        return False, []
    return True, [_file_problem(*pair("message.ingest.file_has_years_as_columns"), column="measure")]


def _wide_records(body: list[list[object]], body_lines: list[int], roles: dict[int, str], wide: _WideHeader,
                  source: str) -> tuple[list[tuple[object, ...]], list[object], int, list[int]]:
    """One record per filled value cell: (records, their cells, empty cells skipped, lines with
    values but no region). Group rows (a name and no values, or a name in capitals as BPS writes
    provinces) give the rows under them their context."""
    code_col = next((i for i, r in roles.items() if r == "region_code"), None)
    name_col = next((i for i, r in roles.items() if r == "region_name"), None)
    records: list[tuple[object, ...]] = []
    value_texts: list[object] = []
    context = ""
    empty_cells = 0
    nameless: list[int] = []
    for cells, line in zip(body, body_lines, strict=True):
        code = _text(cells[code_col]) if code_col is not None else ""
        name = _text(cells[name_col]) if name_col is not None else ""
        if not code and not name and not any(_text(cells[i]) for i in wide.value_cols):
            continue
        has_value = False
        row_extra = {role: _text(cells[i]) for i, role in roles.items() if role not in ("region_code", "region_name")}
        for i in wide.value_cols:
            cell = cells[i]
            if isinstance(cell, str) and cell.strip().lower() in MISSING_MARKERS:
                empty_cells += 1
                continue
            has_value = True
            records.append((
                line, _column_label(i, wide.year_row[i]), code, name,
                row_extra.get("measure", wide.column_measure.get(i, "")), wide.years[i],
                row_extra.get("period", "") or wide.periods.get(i, ""),
                row_extra.get("unit", ""), row_extra.get("status", ""),
                row_extra.get("source", "") or source, row_extra.get("note", ""), context,
            ))
            value_texts.append(cell)
        if not code and not name and has_value:
            nameless.append(line)
        if name and (not has_value or (name.isupper() and len(name) > 2)):
            context = name
        elif code and not has_value:
            context = code
    return records, value_texts, empty_cells, nameless


def _wide_frame(records: list[tuple[object, ...]], value_texts: list[object],
                scheme: str) -> tuple[pd.DataFrame, list[Problem]]:
    """The records as tidy columns, periods and statuses read, values as numbers; the cells that are
    not numbers as problems naming their column."""
    frame = pd.DataFrame(records, columns=["row", "column", "region_code", "region_name", "measure", "year",
                                           "period", "unit", "status", "source", "note", "region_context"])
    frame["value"] = pd.Series(value_texts, dtype=object)
    frame["period"] = _map_small(frame["period"].astype(str), {**PERIOD_ALIASES, "": ""}, period_word)
    frame["status"] = _map_small(frame["status"].astype(str), STATUS_ALIASES)
    frame["year"] = frame["year"].astype(str)
    frame["unit"] = _with_percent_unit(frame["unit"], frame["value"])
    numbers, missing = parse_numbers(frame["value"])
    bad = numbers.isna() & ~missing
    problems = [
        Problem(int(line), str(column), _text(value), *pair("message.ingest.not_a_number"))
        for line, column, value in zip(frame.loc[bad, "row"], frame.loc[bad, "column"], frame.loc[bad, "value"],
                                       strict=True)
    ]
    frame["value"] = numbers
    frame["region_scheme"] = scheme
    frame = frame.drop(columns="column")
    return frame[["row", *TIDY_COLUMNS, *CONTEXT_COLUMNS]], problems


def _column_label(index: int, title: object) -> str:
    letters = ""
    number = index + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters} ({_text(title)})"


def _grid_tidy(grid: list[list[object]], lines: list[int], header: int, *, measure: str | None,
               progress: Progress | None) -> tuple[pd.DataFrame, list[Problem], str, str]:
    width = max(len(cells) for cells in grid[header:])
    names: list[str] = []
    for i in range(width):
        title = _text(grid[header][i]) if i < len(grid[header]) else ""
        names.append(title if title and title not in names else f"{title}_column_{i + 1}")
    # Short rows are padded by pandas (None, then ""), not by a copy of every row.
    raw = pd.DataFrame(grid[header + 1:], dtype=object).reindex(columns=range(width)).fillna("")
    raw.columns = names
    for column in raw.columns:
        if _normalise_header(column) != "value":
            raw[column] = _texts(raw[column])
    return _tidy_frame(raw, np.asarray(lines[header + 1:], dtype="int64"), TIDY_COLUMNS, measure=measure,
                       require_code=False, measures_as_columns=True, progress=progress)


def _read_tidy_csv(data: bytes, text: str, encoding: str, delimiter: str, header_line: int,
                   header_cells: list[object]) -> tuple[pd.DataFrame, np.ndarray, bool]:
    """The rows under a tidy header as strings, with their line numbers: (frame, lines, stripped).

    Arrow's CSV reader is several times faster than pandas' for all-string columns; it
    cannot read ragged rows (a line of only blanks among them), so those files take pandas.
    """
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    # Excel often ends every line with a separator: count the fields of the first rows as written.
    sample = csv.reader(io.StringIO(text[:2_000_000]), delimiter=delimiter)
    width = max([len(header_cells)] + [len(row) for row in itertools.islice(sample, header_line + 200)])
    names: list[str] = []
    for i in range(width):
        title = _text(header_cells[i]) if i < len(header_cells) else ""
        names.append(title if title and title not in names else f"{title}_column_{i + 1}")
    try:
        payload = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
        if encoding != "utf-8-sig":
            payload = text.encode("utf-8")
        # Blank lines are kept as rows (null cells), so a row's position is its line.
        # A line of only blanks is ragged for Arrow: that file takes pandas below.
        table = pacsv.read_csv(
            io.BytesIO(payload),
            read_options=pacsv.ReadOptions(skip_rows=header_line, column_names=names),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.large_string()), strings_can_be_null=False,
                quoted_strings_can_be_null=False),
        )
        row_numbers = np.arange(table.num_rows, dtype="int64") + header_line + 1
        # Blanks around a value are trimmed; a file without any blank in it needs no look.
        padded = b" " in payload or (delimiter != "\t" and b"\t" in payload)
        columns = [pc.fill_null(c, "") for c in table.columns]
        if padded:
            columns = [_trimmed(c) for c in columns]
        blank = None
        for column in columns:
            empty = pc.equal(column, "")
            blank = empty if blank is None else pc.and_(blank, empty)
        if blank is not None and pc.any(blank).as_py():
            keep = pc.invert(blank)
            columns = [pc.filter(c, keep) for c in columns]
            row_numbers = row_numbers[~blank.to_numpy(zero_copy_only=False)]
        raw = pa.table(columns, names=names).to_pandas()
        return raw, row_numbers, True
    except (pa.ArrowInvalid, ValueError):
        pass
    raw = pd.read_csv(io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False, header=None,
                      names=names, skip_blank_lines=False, skiprows=header_line, index_col=False, engine="c").fillna("")
    row_numbers = raw.index.to_numpy() + header_line + 1
    blank = raw.apply(lambda column: column.str.strip() == "").all(axis=1).to_numpy()
    if blank.any():
        raw, row_numbers = raw[~blank], row_numbers[~blank]
    return raw, row_numbers, False


def _trimmed(column: object) -> object:
    """An Arrow string column without surrounding blanks (checked first: trimming is the slow part)."""
    import pyarrow.compute as pc

    for pattern in (" ", "\t"):
        if pc.any(pc.starts_with(column, pattern)).as_py() or pc.any(pc.ends_with(column, pattern)).as_py():
            return pc.utf8_trim_whitespace(column)
    return column


def _overflow_problems(raw: pd.DataFrame, lines: np.ndarray, header_width: int, delimiter: str
                       ) -> list[Problem]:
    """Cells beyond the header's last column: harmless when empty (Excel's trailing separators),
    a shifted row otherwise, most often a decimal comma in a comma-separated file ("5,19")."""
    extra = raw.iloc[:, header_width:]
    if extra.empty:
        return []
    filled = (extra != "").any(axis=1).to_numpy()
    problems = []
    for position in np.flatnonzero(filled)[:100]:
        cells = [str(c) for c in extra.iloc[position] if str(c) != ""]
        hint_id = hint_en = ""
        if delimiter == ",":
            hint_id = " Angka dengan koma desimal (5,19) dalam berkas berpemisah koma harus diberi tanda kutip, atau pakai ';'."
            hint_en = " A decimal comma (5,19) in a comma-separated file must be quoted, or use ';' as separator."
        problems.append(Problem(
            int(lines[position]), "", ", ".join(cells),
            "Baris ini punya sel lebih banyak daripada judul kolom, jadi kolomnya bergeser." + hint_id,
            "This row has more cells than the header, so its columns are shifted." + hint_en))
    return problems


def _finish(frame: pd.DataFrame, scheme: str) -> pd.DataFrame:
    if "region_scheme" not in frame.columns:
        frame["region_scheme"] = scheme
    if "region_context" not in frame.columns:
        frame["region_context"] = ""
    return frame[["row", *TIDY_COLUMNS, *CONTEXT_COLUMNS]].reset_index(drop=True)


def _text_grid(data: bytes) -> tuple[str, str, str, list[list[object]], list[int]]:
    """A text file's (text, encoding, delimiter) and the grid of its first rows; refuses a binary,
    oddly shaped, mixed-encoding or empty file."""
    _refuse_binary(data)
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        _check_text_shape(data)
        mixed = _mixed_encoding_lines(data)
        if mixed:
            shown = ", ".join(map(str, mixed[:10])) + (f" (+{len(mixed) - 10})" if len(mixed) > 10 else "")
            raise _Refused(_file_problem(
                *pair("message.ingest.file_mixes_two_text_encodings", shown=shown, count=len(mixed)), row=mixed[0], value=shown))
    text, encoding = _decode_named(data)
    if text.isspace():
        raise _Refused(_file_problem(*pair("message.ingest.file_empty_has_no_content")))
    delimiter = _sniff_delimiter(text)
    grid, lines = _csv_grid(text[:2_000_000], delimiter, limit=HEADER_SEARCH_ROWS)
    _check_grid_size(text.count("\n") + 1, max((len(row) for row in grid), default=0))
    return text, encoding, delimiter, grid, lines


def _find_tidy_header(grid: list[list[object]]) -> int | None:
    """The row of a tidy header (the template's, or the best row naming at least two of its columns
    and no years); None: a table with years as columns."""
    header = None
    best_score = 0
    for k, cells in enumerate(grid[:HEADER_SEARCH_ROWS]):
        score, is_tidy = _tidy_header_score(cells)
        if is_tidy:
            return k
        if score >= 2 and score > best_score and not any(_year_of(c) for c in cells[1:]):
            header, best_score = k, score
    return header


def _csv_tidy(data: bytes, text: str, encoding: str, delimiter: str, grid: list[list[object]], lines: list[int],
              header: int, *, measure: str | None, progress: Progress | None
              ) -> tuple[pd.DataFrame, list[Problem], str, str]:
    """A CSV file's tidy rows, the cells beyond the header's last column reported first."""
    raw, row_numbers, clean = _read_tidy_csv(data, text, encoding, delimiter, lines[header], grid[header])
    overflow = _overflow_problems(raw, row_numbers, len(grid[header]), delimiter)
    raw = raw.iloc[:, :len(grid[header])]
    frame, problems, found_scheme, layout = _tidy_frame(
        raw, row_numbers, TIDY_COLUMNS, measure=measure, require_code=False, clean=clean,
        progress=progress, period_aliases=_OPEN_PERIODS, measures_as_columns=True)
    return frame, overflow + problems, found_scheme, layout


def _parse_table(data: bytes, name: str, digest: str, *, sheet: str | None, measure: str | None, scheme: str,
                 year: int | None, progress: Progress | None, sheet_names: list[str]) -> ParsedFile:
    """`parse` once the bytes are read: raises _Refused (or anything) for a file that cannot be read.
    `sheet_names` is filled in as soon as the workbook's are known, for the caller's messages."""
    if not data or data.isspace():
        raise _Refused(_file_problem(*pair("message.ingest.file_empty_has_no_content")))
    if data.startswith(b"PK\x03\x04"):
        grid, lines, names = _xlsx_grid(data, sheet)
        sheet_names[:] = names
        if any(is_target_header(cells) for cells in grid[:HEADER_SEARCH_ROWS]):
            return ParsedFile(_empty_result(name, digest, []).frame, name, digest, [], "targets", sheet_names,
                              target_template=True)
        if not grid:
            raise _Refused(_file_problem(
                *pair("message.ingest.worksheet_empty_choose_another_sheet"), column="sheet"))
        text = None
    else:
        text, encoding, delimiter, grid, lines = _text_grid(data)
    if progress:
        progress(0.2, "ingest.progress.read")
    header = _find_tidy_header(grid)
    if header is None:
        if text is not None:
            grid, lines = _csv_grid(text, delimiter)
        frame, problems, layout, needs_measure = _parse_wide(grid, lines, measure=measure,
                                                             region_scheme=scheme, progress=progress,
                                                             year=year, file_name=name)
        return ParsedFile(frame.reset_index(drop=True), name, digest, problems, layout, sheet_names,
                          needs_measure)
    if text is None:
        frame, problems, found_scheme, layout = _grid_tidy(grid, lines, header, measure=measure,
                                                           progress=progress)
    else:
        frame, problems, found_scheme, layout = _csv_tidy(data, text, encoding, delimiter, grid, lines, header,
                                                          measure=measure, progress=progress)
    if found_scheme == "kemendagri":
        scheme = found_scheme
    return ParsedFile(_finish(frame, scheme), name, digest, problems, layout, sheet_names)


def parse(source: str | Path | bytes | BinaryIO, *, file_name: str | None = None, sheet: str | None = None,
          measure: str | None = None, region_scheme: str = "bps", year: int | None = None,
          progress: Progress | None = None) -> ParsedFile:
    """Read any supported file into tidy rows; never raises for a bad file.

    Layouts: the tidy template (English or Indonesian headers), a table with years
    as columns (`measure` says which measure when the file does not), a BPS table
    export (measure and period from the titles, names instead of codes, footnotes).
    .xlsx by content (first sheet or `sheet`), CSV otherwise. `region_scheme=
    "kemendagri"` (or a column named kode_kemendagri) marks codes as Kemendagri codes.
    `year` is the year of a BPS table that names none (the page's year field, `--year`);
    a file that names its years is read with its own.
    `progress(fraction, label)` gets an i18n key as label (ingest.progress.*).
    """
    if progress:
        progress(0.0, "ingest.progress.read")
    try:
        data, name = _read_bytes(source)
    except OSError as error:
        problem = _file_problem(*pair("message.ingest.file_cannot_read"), value=type(error).__name__)
        fallback = Path(source).name if isinstance(source, (str, Path)) else "upload"
        return _empty_result(file_name or fallback, "", [problem])
    name = file_name or name
    digest = hashlib.sha256(data).hexdigest()
    if data.startswith(b"PK\x03\x04") and not _IN_CHILD:
        try:
            return _xlsx_in_child("parse", {"source": data, "file_name": name, "sheet": sheet, "measure": measure,
                                            "region_scheme": region_scheme, "year": year}, sheet, progress)  # type: ignore[return-value]
        except _Refused as refused:
            return _empty_result(name, digest, [refused.problem])
    scheme = region_scheme if region_scheme in REGION_SCHEMES else "bps"
    sheet_names: list[str] = []
    try:
        result = _parse_table(data, name, digest, sheet=sheet, measure=measure, scheme=scheme, year=year,
                              progress=progress, sheet_names=sheet_names)
    except _Refused as refused:
        return _empty_result(name, digest, [refused.problem], layout="bps" if refused.needs_year else "tidy",
                             sheet_names=sheet_names, needs_year=refused.needs_year)
    except (csv.Error, pd.errors.ParserError, UnicodeError, ValueError) as error:
        problem = _file_problem(
            *pair("message.ingest.file_cannot_read_as_table"), value=str(error)[:200])
        return _empty_result(name, digest, [problem], sheet_names=sheet_names)
    except Exception as error:  # noqa: BLE001 - whatever the file, a message, never a traceback
        problem = _file_problem(
            *pair("message.ingest.file_cannot_read_save_table"),
            value=type(error).__name__)
        return _empty_result(name, digest, [problem], sheet_names=sheet_names)
    if progress and not result.target_template:
        progress(1.0, "ingest.progress.done")
    return result


# ---------------------------------------------------------------------------------------------
# Targets (issue #15): the target template, read by the same upload path as observations


# Target template headers, Indonesian and English, mapped to TARGET_FILE_COLUMNS (the region,
# measure, source and note names of HEADER_ALIASES are understood too).
TARGET_HEADER_ALIASES = {
    "tahun_target": "year",
    "target_year": "year",
    "nilai_target": "value",
    "target_value": "value",
    "target": "value",
    "nilai_bawah": "lower",
    "batas_bawah": "lower",
    "lower": "lower",
    "lower_bound": "lower",
    "target_lower": "lower",
    "nilai_atas": "upper",
    "batas_atas": "upper",
    "upper": "upper",
    "upper_bound": "upper",
    "target_upper": "upper",
    "dasar_hukum": "basis",
    "legal_basis": "basis",
    "basis": "basis",
    "periode_rencana": "plan_period",
    "periode_dokumen": "plan_period",
    "plan_period": "plan_period",
    "tahun_disebut": "year_stated",
    "year_stated": "year_stated",
    "perlu_verifikasi": "verify",
    "verifikasi": "verify",
    "verify": "verify",
    "sumber_url": "source_url",
    "url_sumber": "source_url",
    "source_url": "source_url",
}
# A header holding any of these is a target file, not observations.
TARGET_MARKERS = {"basis", "lower", "upper"}
_YES = {"yes", "ya", "y", "true", "benar", "1"}
_NO = {"no", "tidak", "t", "n", "false", "salah", "0", ""}
# "< 0,5", "kurang dari 0,5", "below 0.5", "di bawah 0,5": an upper bound alone.
_BELOW = re.compile(r"^\s*(?:<|≤|<=|kurang\s+dari|di\s*bawah|below|under|less\s+than|maks(?:imal)?\.?|max\.?)\s*(.+)$",
                    re.IGNORECASE)
# "4,5–5,5", "4.5 - 5.5", "4,5 s.d. 5,5", "4.5 to 5.5": a range in one cell.
_RANGE = re.compile(r"^\s*([^–—\s]+?)\s*(?:–|—|-|s\.?/?d\.?|sampai|hingga|to)\s*([^–—\s]+)\s*%?\s*$",
                    re.IGNORECASE)
# Periods poverty targets are read against when the file leaves the period empty (BPS kab/kota
# poverty is measured in March); other measures (programme outputs) default to the year.
MARCH_MEASURES = ("p0", "extreme_poverty", "poor_count", "p1", "p2", "poverty_line")


def _target_key(name: object) -> str:
    key = _header_key(name)
    return TARGET_HEADER_ALIASES.get(key) or HEADER_ALIASES.get(key, key)


def is_target_header(cells: list[object]) -> bool:
    """Whether a header row is the target template's (it names a legal basis or a bound)."""
    return bool({_target_key(c) for c in cells} & TARGET_MARKERS)


def _target_grid(data: bytes, sheet: str | None,
                 limit: int | None = None) -> tuple[list[list[object]], list[int], list[str]]:
    if data.startswith(b"PK\x03\x04"):
        if _IN_CHILD:
            return _xlsx_grid(data, sheet, limit=limit)
        return _xlsx_in_child("_target_grid", {"data": data, "sheet": sheet, "limit": limit}, sheet)  # type: ignore[return-value]
    text, _ = _decode_named(data if limit is None else data[:SNIFF_BYTES])
    grid, lines = _csv_grid(text, _sniff_delimiter(text), limit=limit)
    return grid, lines, []


def sniff_targets(source: bytes, sheet: str | None = None) -> bool:
    """Whether a file (its bytes) is in the target template: a header row within the first
    HEADER_SEARCH_ROWS rows names a legal basis or a bound. Never raises. Reads only those rows
    (the whole file as a grid of Python strings took 1.2 GB for a 63 MB CSV: issue #20, item 8)."""
    try:
        grid, _, _ = _target_grid(source, sheet, limit=HEADER_SEARCH_ROWS)
    except Exception:  # noqa: BLE001 - an unreadable file is not a target file; parse() explains it
        return False
    return any(is_target_header(cells) for cells in grid[:HEADER_SEARCH_ROWS])


def _split_target_cell(text: str) -> tuple[str, str, str]:
    """A value cell as (value, lower, upper) texts: "4,8" → value; "< 0,5" → upper; "4,5–5,5" → range."""
    below = _BELOW.match(text)
    if below:
        return "", "", below.group(1).strip()
    span = _RANGE.match(text)
    if span and parse_number(span.group(1)) is not None and parse_number(span.group(2)) is not None:
        return "", span.group(1), span.group(2)
    return text, "", ""


def _flag(values: pd.Series, default: bool, column: str, rows: pd.Series) -> tuple[pd.Series, list[Problem]]:
    problems, out = [], []
    for line, text in zip(rows, values, strict=True):
        word = str(text).strip().lower()
        if word == "":
            out.append(default)
        elif word in _YES:
            out.append(True)
        elif word in _NO:
            out.append(False)
        else:
            out.append(default)
            problems.append(Problem(int(line), column, str(text), *pair("message.ingest.write_yes_no")))
    return pd.Series(out, index=values.index, dtype=bool), problems


def _target_records(grid: list[list[object]], lines: list[int], header: int, keys: list[str]) -> pd.DataFrame:
    """The rows under the target header as TARGET_FILE_COLUMNS cells as written (plus `row`); a blank
    row is skipped and the first of duplicate columns wins."""
    body = grid[header + 1:]
    rows = []
    for line, cells in zip(lines[header + 1:], body, strict=True):
        if all(_text(c) == "" for c in cells):
            continue
        record = {"row": line}
        for key, cell in zip(keys, cells, strict=False):
            if key in TARGET_FILE_COLUMNS and key not in record:
                record[key] = cell
        rows.append(record)
    return pd.DataFrame(rows, columns=["row", *TARGET_FILE_COLUMNS])


def _missing_target_columns(keys: list[str]) -> Problem | None:
    missing = [c for c in ("region_code", "measure", "year") if c not in keys]
    if "basis" not in keys:
        missing.append("basis")
    if not missing:
        return None
    names_id = {"region_code": "kode_wilayah", "measure": "indikator", "year": "tahun_target",
                "basis": "dasar_hukum"}
    return Problem(1, ", ".join(missing), "",
                   "Kolom wajib tidak ada: " + ", ".join(names_id[c] for c in missing)
                   + ". Gunakan templat target.",
                   "Required column(s) missing: " + ", ".join(missing) + ". Use the target template.")


def _target_numbers(frame: pd.DataFrame) -> list[Problem]:
    """Value, lower and upper read as numbers in place (a range or "below x" in one cell split
    first); a cell that is no number is a problem."""
    problems: list[Problem] = []
    split = [_split_target_cell(v) if v and not (lo or up) else (v, lo, up)
             for v, lo, up in zip(frame["value"], frame["lower"], frame["upper"], strict=True)]
    for position, column in enumerate(("value", "lower", "upper")):
        texts = pd.Series([s[position] for s in split], index=frame.index, dtype=object)
        numbers = pd.Series([np.nan if t_ == "" else (parse_number(t_) if parse_number(t_) is not None else np.nan)
                             for t_ in texts], index=frame.index, dtype="float64")
        unread = (texts != "") & numbers.isna()
        problems += [Problem(int(line), column, str(text), *pair("message.ingest.not_a_number_target"))
                     for line, text in zip(frame.loc[unread, "row"], texts[unread], strict=True)]
        frame[column] = numbers
    return problems


def _target_frame(raw: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """The target rows as the validator takes them, and the cells that could not be read."""
    frame = pd.DataFrame({"row": raw["row"].astype(int)})
    for column in TARGET_FILE_COLUMNS:
        frame[column] = raw[column].map(lambda c: "" if c is None or (isinstance(c, float) and pd.isna(c))
                                        else _text(c))
    frame["region_code"] = frame["region_code"].str.replace(r"\.0$", "", regex=True)
    frame["measure"] = frame["measure"].str.strip().str.lower()
    frame["period"] = _map_small(frame["period"], _OPEN_PERIODS)
    frame.loc[frame["period"] == "", "period"] = np.where(
        frame.loc[frame["period"] == "", "measure"].isin(MARCH_MEASURES), "march", "annual")
    problems = _target_numbers(frame)
    frame["year_stated"], stated_problems = _flag(frame["year_stated"], True, "year_stated", frame["row"])
    frame["verify"], verify_problems = _flag(frame["verify"], False, "verify", frame["row"])
    return frame, problems + stated_problems + verify_problems


def parse_targets(source: str | Path | bytes | BinaryIO, *, file_name: str | None = None,
                  sheet: str | None = None) -> ParsedFile:
    """Read a file in the target template into TARGET_FILE_COLUMNS (plus `row`); never raises.

    A target is a single value (`nilai_target`), a range (`nilai_bawah`, `nilai_atas`) or
    "below x" (`nilai_atas` alone, or "< x" written in `nilai_target`); a range may also be
    written in one cell ("4,5–5,5"). Numbers are read the Indonesian or English way."""
    try:
        data, name = _read_bytes(source)
    except OSError as error:
        problem = _file_problem(*pair("message.ingest.file_cannot_read"), value=type(error).__name__)
        return ParsedFile(pd.DataFrame(columns=["row", *TARGET_FILE_COLUMNS]), file_name or "upload", "", [problem],
                          "targets")
    name = file_name or name
    digest = hashlib.sha256(data).hexdigest()
    empty = pd.DataFrame(columns=["row", *TARGET_FILE_COLUMNS])
    try:
        grid, lines, sheet_names = _target_grid(data, sheet)
    except _Refused as refused:
        return ParsedFile(empty, name, digest, [refused.problem], "targets")
    except Exception as error:  # noqa: BLE001 - whatever the file, a message, never a traceback
        problem = _file_problem(
            *pair("message.ingest.file_cannot_read_save_table"),
            value=type(error).__name__)
        return ParsedFile(empty, name, digest, [problem], "targets")
    header = next((k for k, cells in enumerate(grid[:HEADER_SEARCH_ROWS]) if is_target_header(cells)), None)
    if header is None:
        problem = _file_problem(
            *pair("message.ingest.not_target_template_there_no"), row=1)
        return ParsedFile(empty, name, digest, [problem], "targets", sheet_names)
    keys = [_target_key(c) for c in grid[header]]
    raw = _target_records(grid, lines, header, keys)
    missing = _missing_target_columns(keys)
    if missing is not None:
        return ParsedFile(empty, name, digest, [missing], "targets", sheet_names)
    frame, problems = _target_frame(raw)
    return ParsedFile(frame.reset_index(drop=True), name, digest, sorted(problems, key=lambda p: p.row or 0),
                      "targets", sheet_names)
