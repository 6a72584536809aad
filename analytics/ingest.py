"""The one parser: turn a file (path, bytes or upload) into a tidy frame of strings.

It never writes and never judges values: it finds the header, maps Indonesian or
English column names to the project's tidy columns, normalises periods, statuses
and numbers, and records where each row came from (`row`, the line number the
user sees). Everything it cannot read becomes a Problem; analytics.validate
decides what is acceptable.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import pandas as pd

from analytics.errors import Problem

# The tidy template, in the order exports write it.
TIDY_COLUMNS = (
    "region_code",
    "region_name",
    "measure",
    "year",
    "period",
    "value",
    "unit",
    "status",
    "source",
    "note",
)
TARGET_COLUMNS = tuple(c for c in TIDY_COLUMNS if c != "status")
REQUIRED_COLUMNS = ("region_code", "measure", "year", "value")

# Header names staff use, in Indonesian and English, mapped to the tidy column.
HEADER_ALIASES = {
    "region_code": "region_code",
    "kode_wilayah": "region_code",
    "kode": "region_code",
    "kode_bps": "region_code",
    "region_name": "region_name",
    "nama_wilayah": "region_name",
    "wilayah": "region_name",
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
MISSING_MARKERS = {"", "-", "...", "…", "na", "n/a", "nan", "null", "none"}

ENCODINGS = ("utf-8-sig", "cp1252")

_PLAIN_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$")
_COMMA_DECIMAL = re.compile(r"^[+-]?\d+,\d+$")
_DOT_THOUSANDS_COMMA_DECIMAL = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")
_COMMA_THOUSANDS_DOT_DECIMAL = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")


@dataclass
class ParsedFile:
    """A file read into tidy string columns plus what could not be read."""

    frame: pd.DataFrame
    file_name: str
    sha256: str
    problems: list[Problem] = field(default_factory=list)


def _read_bytes(source: str | Path | bytes | BinaryIO) -> tuple[bytes, str]:
    if isinstance(source, bytes):
        return source, "upload"
    if isinstance(source, (str, Path)):
        path = Path(source)
        return path.read_bytes(), path.name
    data = source.read()
    return data, getattr(source, "name", "upload")


def _decode(data: bytes) -> str:
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    # cp1252 leaves five bytes undefined; latin-1 decodes everything.
    return data.decode("latin-1")


def _sniff_delimiter(text: str) -> str:
    first_lines = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(first_lines, delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def _normalise_header(name: object) -> str:
    text = str(name).strip().lower().lstrip("\ufeff")
    text = re.sub(r"[\s\-/]+", "_", text)
    return HEADER_ALIASES.get(text, text)


def parse_number(text: str, decimal: str = ".") -> float | None:
    """Read one number written the Indonesian or English way; None when it is not a number.

    `decimal` is the file's decimal separator where the text alone is ambiguous
    ("1,234" is 1.234 in an Indonesian file and 1234 in an English one).
    """
    raw = text.strip().replace("\u2212", "-").replace(" ", "").replace("\u00a0", "")
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


def _decimal_separator(values: pd.Series) -> str:
    """Guess a column's decimal separator from the values that say it unambiguously."""
    texts = values.dropna().astype(str).str.strip()
    says_comma = texts.str.fullmatch(r"[+-]?\d+,\d{1,2}|[+-]?\d+,\d{4,}|.*\.\d{3},\d+").sum()
    says_dot = texts.str.fullmatch(r"[+-]?\d+\.\d{1,2}|[+-]?\d+\.\d{4,}|.*,\d{3}\.\d+").sum()
    return "," if says_comma > says_dot else "."


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


def parse_tidy(
    source: str | Path | bytes | BinaryIO,
    *,
    file_name: str | None = None,
    columns: tuple[str, ...] = TIDY_COLUMNS,
) -> ParsedFile:
    """Parse a file in the tidy template (observations, or targets with `TARGET_COLUMNS`)."""
    raw, name, digest = read_table(source)
    name = file_name or name
    raw.columns = [_normalise_header(c) for c in raw.columns]
    problems: list[Problem] = []
    missing = [c for c in REQUIRED_COLUMNS if c not in raw.columns]
    if missing:
        problems.append(
            Problem(
                row=1,
                column=", ".join(missing),
                value="",
                message_id="Kolom wajib tidak ada: "
                + ", ".join(missing)
                + ". Gunakan templat (kode_wilayah, indikator, tahun, periode, nilai, ...).",
                message_en="Required column(s) missing: "
                + ", ".join(missing)
                + ". Use the template (region_code, measure, year, period, value, ...).",
            )
        )
        return ParsedFile(pd.DataFrame(columns=["row", *columns]), name, digest, problems)

    frame = pd.DataFrame(index=raw.index)
    # Line numbers as the user sees them in a spreadsheet: header is line 1.
    frame["row"] = raw.index.to_numpy() + 2
    for column in columns:
        frame[column] = raw[column].astype(str).str.strip() if column in raw.columns else ""

    frame["region_code"] = frame["region_code"].str.replace(r"\.0$", "", regex=True)
    frame["measure"] = frame["measure"].str.strip()
    frame["period"] = frame["period"].str.lower().map(lambda p: PERIOD_ALIASES.get(p, p))
    if "status" in columns:
        frame["status"] = frame["status"].str.lower().map(lambda s: STATUS_ALIASES.get(s, s))

    decimal = _decimal_separator(frame["value"])
    parsed_values = []
    for line, text in zip(frame["row"], frame["value"], strict=True):
        if text.lower() in MISSING_MARKERS:
            parsed_values.append(None)
            problems.append(
                Problem(
                    row=int(line),
                    column="value",
                    value=text,
                    message_id="Nilai kosong. Isi angkanya atau hapus barisnya.",
                    message_en="Value is empty. Fill in the number or delete the row.",
                )
            )
            continue
        number = parse_number(text, decimal)
        if number is None:
            problems.append(
                Problem(
                    row=int(line),
                    column="value",
                    value=text,
                    message_id="Bukan angka. Tulis angka seperti 5,19 atau 1.234,56.",
                    message_en="Not a number. Write a number such as 5.19 or 1,234.56.",
                )
            )
        parsed_values.append(number)
    frame["value"] = pd.Series(parsed_values, index=frame.index, dtype="float64")
    return ParsedFile(frame.reset_index(drop=True), name, digest, problems)
