"""The one number formatter: values, changes and units per language (babel)."""

from __future__ import annotations

import math
from datetime import date

from babel.dates import format_date
from babel.numbers import format_decimal

from analytics.catalog import Measure

# Babel locale per UI language: Indonesian uses "," for decimals and "." for thousands.
LOCALES = {"id": "id_ID", "en": "en_US"}

# A typographic minus reads better than a hyphen in KPI deltas and narrative text.
MINUS = "\u2212"

NO_DATA = {"id": "tidak ada data", "en": "no data"}

UNIT_SUFFIX = {
    "percent": {"id": " %", "en": " %"},
    # "124.76 thousand": short enough for a KPI card; the measure's name says "people".
    "thousand_people": {"id": " ribu jiwa", "en": " thousand"},
    "people": {"id": " jiwa", "en": " people"},
    "rupiah_per_capita_month": {"id": "", "en": ""},
    "rupiah": {"id": "", "en": ""},
    "index": {"id": "", "en": ""},
    "count": {"id": "", "en": ""},
}

AXIS_LABEL = {
    "percent": {"id": "persen (%)", "en": "percent (%)"},
    "thousand_people": {"id": "ribu jiwa", "en": "thousand people"},
    "people": {"id": "jiwa", "en": "people"},
    "rupiah_per_capita_month": {"id": "Rp/kapita/bulan", "en": "Rp/capita/month"},
    "rupiah": {"id": "rupiah", "en": "rupiah"},
    "index": {"id": "indeks", "en": "index"},
    "count": {"id": "jumlah", "en": "number"},
}

# How a difference between two values of a unit is named ("poin" for rates).
CHANGE_UNIT = {
    "percent": {"id": " poin", "en": " points"},
    "index": {"id": " poin", "en": " points"},
}


def is_missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return math.isnan(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return True


def number(value: float | None, decimals: int, lang: str) -> str:
    """`5.19` → "5,19" (id) / "5.19" (en); missing → "tidak ada data" / "no data"."""
    if is_missing(value):
        return NO_DATA.get(lang, NO_DATA["id"])
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    text = format_decimal(float(value), format=pattern, locale=LOCALES.get(lang, "id_ID"))  # type: ignore[arg-type]
    return text.replace("-", MINUS)


def count(n: int, lang: str) -> str:
    """A count of rows or regions: 500000 → "500.000" (id) / "500,000" (en)."""
    return number(n, 0, lang)


def value(value: float | None, measure: Measure, lang: str) -> str:
    """A value with its unit: "5,19 %", "124,76 ribu jiwa" / "124.76 thousand", "Rp 838.535", "8.656 rumah"."""
    if is_missing(value):
        return NO_DATA.get(lang, NO_DATA["id"])
    text = number(value, measure.decimals, lang)
    if measure.unit in ("rupiah", "rupiah_per_capita_month"):
        return f"Rp {text}"
    if measure.unit == "count" and measure.unit_label is not None:
        return f"{text} {measure.unit_label.get(lang)}"
    return text + UNIT_SUFFIX[measure.unit].get(lang, "")


def change(delta: float | None, measure: Measure, lang: str, *, signed: bool = True) -> str:
    """A difference in the measure's own unit: "−0,74 poin", "+3,51 ribu jiwa", "+Rp 45.000"."""
    if is_missing(delta):
        return NO_DATA.get(lang, NO_DATA["id"])
    sign = "+" if signed and float(delta) > 0 else ""  # type: ignore[arg-type]
    text = number(delta, measure.decimals, lang)
    if measure.unit in ("rupiah", "rupiah_per_capita_month"):
        if text.startswith(MINUS):
            return f"{MINUS}Rp {text[1:]}"
        return f"{sign}Rp {text}"
    if measure.unit in CHANGE_UNIT:
        return sign + text + CHANGE_UNIT[measure.unit][lang if lang in ("id", "en") else "id"]
    if measure.unit == "count" and measure.unit_label is not None:
        return f"{sign}{text} {measure.unit_label.get(lang)}"
    return sign + text + UNIT_SUFFIX[measure.unit].get(lang, "")


def percent_change(relative: float | None, lang: str) -> str:
    """A relative change given as a fraction: -0.1248 → "−12,5 %"."""
    if is_missing(relative):
        return NO_DATA.get(lang, NO_DATA["id"])
    sign = "+" if float(relative) > 0 else ""  # type: ignore[arg-type]
    return sign + number(float(relative) * 100, 1, lang) + " %"  # type: ignore[arg-type]


def axis_label(measure: Measure, lang: str) -> str:
    """The y-axis title for a measure: "persen (%)", "ribu jiwa", "rumah"."""
    if measure.unit == "count" and measure.unit_label is not None:
        return measure.unit_label.get(lang)
    return AXIS_LABEL[measure.unit].get(lang, AXIS_LABEL[measure.unit]["id"])


def long_date(day: date, lang: str) -> str:
    """A calendar date in words: "29 November 2026" (id) / "November 29, 2026" (en)."""
    return format_date(day, format="long", locale=LOCALES.get(lang, "id_ID"))
