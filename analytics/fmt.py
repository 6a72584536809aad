"""The one number formatter: values, changes and units per language (babel)."""

from __future__ import annotations

import math
from datetime import date

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal

from analytics.catalog import UNITS, Measure
from analytics.i18n import DEFAULT_LANGUAGE, LANGUAGES, t

# Babel locale per UI language: Indonesian uses "," for decimals and "." for thousands. Parsed once:
# given a locale's name, babel looks its data up on every call behind one process-wide lock, which a
# class of 30 sessions formatting thousands of numbers at once queued on (py-spy: a third of the
# server's samples waiting there).
LOCALES = {"id": Locale.parse("id_ID"), "en": Locale.parse("en_US")}

# A typographic minus reads better than a hyphen in KPI deltas and narrative text.
MINUS = "\u2212"


def _in_each_language(key: str) -> dict[str, str]:
    return {lang: t(key, lang) for lang in LANGUAGES}


NO_DATA = _in_each_language("fmt.no_data")
# Unit words come from analytics/strings/units.yaml; "124.76 thousand" is short enough for a KPI card
# (the measure's name says "people").
UNIT_SUFFIX = {unit: _in_each_language(f"fmt.unit_suffix.{unit}") for unit in UNITS}
AXIS_LABEL = {unit: _in_each_language(f"fmt.axis.{unit}") for unit in UNITS}

THOUSAND = 1000
MILLION_SUFFIX = _in_each_language("fmt.million_people")
# Short magnitude words for axis ticks of people counts: "24 juta", "124,8 ribu" / "24 million".
MAGNITUDE_WORDS = {lang: (t("fmt.magnitude.million", lang), t("fmt.magnitude.thousand", lang)) for lang in LANGUAGES}

# How a difference between two values of a unit is named ("poin" for rates).
CHANGE_UNIT = {unit: _in_each_language(f"fmt.change_unit.{unit}") for unit in ("percent", "index")}


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
    text = format_decimal(float(value), format=pattern, locale=LOCALES.get(lang, LOCALES["id"]))  # type: ignore[arg-type]
    return text.replace("-", MINUS)


def count(n: int, lang: str) -> str:
    """A count of rows or regions: 500000 → "500.000" (id) / "500,000" (en)."""
    return number(n, 0, lang)


def value(value: float | None, measure: Measure, lang: str) -> str:
    """A value with its unit: "5,19 %", "124,76 ribu jiwa" / "124.76 thousand", "Rp 838.535", "8.656 rumah"."""
    if is_missing(value):
        return NO_DATA.get(lang, NO_DATA["id"])
    if measure.unit == "thousand_people" and abs(float(value)) >= THOUSAND:  # type: ignore[arg-type]
        # 24.064,1 thousand is read as "24,06 juta jiwa" / "24.06 million", not "24.064,1 ribu jiwa".
        return number(float(value) / THOUSAND, 2, lang) + MILLION_SUFFIX.get(lang, MILLION_SUFFIX["id"])  # type: ignore[arg-type]
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
    if measure.unit == "thousand_people" and abs(float(delta)) >= THOUSAND:  # type: ignore[arg-type]
        return sign + number(float(delta) / THOUSAND, 2, lang) + MILLION_SUFFIX.get(lang, MILLION_SUFFIX["id"])  # type: ignore[arg-type]
    text = number(delta, measure.decimals, lang)
    if measure.unit in ("rupiah", "rupiah_per_capita_month"):
        if text.startswith(MINUS):
            return f"{MINUS}Rp {text[1:]}"
        return f"{sign}Rp {text}"
    if measure.unit in CHANGE_UNIT:
        return sign + text + CHANGE_UNIT[measure.unit][lang if lang in LANGUAGES else DEFAULT_LANGUAGE]
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


def people(count_of_people: float | None, lang: str, decimals: int = 1) -> str:
    """An axis tick of a people count in natural words: 24064100 → "24,1 juta" / "24.1 million",
    124760 → "124,8 ribu" / "124.8 thousand", 850 → "850". Trailing ",0" is dropped ("30 ribu")."""
    if is_missing(count_of_people):
        return NO_DATA.get(lang, NO_DATA["id"])
    million, thousand = MAGNITUDE_WORDS.get(lang, MAGNITUDE_WORDS["id"])
    value = float(count_of_people)  # type: ignore[arg-type]
    for scale, word in ((1e6, million), (1e3, thousand)):
        if abs(value) >= scale:
            text = number(value / scale, decimals, lang)
            decimal_mark = "," if lang == "id" else "."
            if decimals and text.endswith(decimal_mark + "0" * decimals):
                text = text[: -(decimals + 1)]
            return text + word
    return number(value, 0, lang)


def long_date(day: date, lang: str) -> str:
    """A calendar date in words: "29 November 2026" (id) / "November 29, 2026" (en)."""
    return format_date(day, format="long", locale=LOCALES.get(lang, LOCALES["id"]))
