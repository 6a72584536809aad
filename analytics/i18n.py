"""The one string lookup: every UI text in Bahasa Indonesia (default) and English.

Catalog texts (measure names, definitions) live in data/catalog. The interface's
own words live in analytics/strings/*.yaml (one file per area of the app, so
pages can be worked on side by side); all files form one table and a key may be
defined only once. `t(key, lang, **values)` fills `{placeholders}`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import yaml

# libyaml's C loader when the wheel has it (10× faster than the pure-Python one).
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DEFAULT_LANGUAGE = "id"
LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}
# The languages the dashboard speaks, the default first: every list of languages is this one.
LANGUAGES = tuple(LANGUAGE_NAMES)
STRINGS_DIR = Path(__file__).resolve().parent / "strings"


# A text is a string, or its plural forms by CLDR category ("one", "other", ...), chosen by `count`.
Text = str | dict[str, str]


@lru_cache(maxsize=1)
def strings() -> dict[str, tuple[Text, Text]]:
    table: dict[str, tuple[Text, Text]] = {}
    for path in sorted(STRINGS_DIR.glob("*.yaml")):
        with path.open(encoding="utf-8") as handle:
            for key, text in (yaml.load(handle, Loader=_YAML_LOADER) or {}).items():
                if key in table:
                    raise ValueError(f"UI string {key!r} is defined twice ({path.name})")
                table[key] = (_text(text["id"]), _text(text["en"]))
    return table


def _text(raw: object) -> Text:
    return {str(k): str(v) for k, v in raw.items()} if isinstance(raw, dict) else str(raw)


@lru_cache(maxsize=8)
def _plural_rule(lang: str):  # type: ignore[no-untyped-def]
    from babel import Locale

    return Locale.parse(lang).plural_form


def plural(forms: dict[str, str], count: float, lang: str) -> str:
    """The form of `forms` that CLDR's plural rule of `lang` picks for `count` (babel): English
    "one"/"other", Indonesian "other" only; a missing category falls back to "other"."""
    return forms.get(_plural_rule(lang)(abs(count)), forms["other"])


def _pick(key: str, lang: str, values: dict[str, object]) -> str:
    text_id, text_en = strings()[key]
    text = text_en if lang == "en" else text_id
    return plural(text, values["count"], lang) if isinstance(text, dict) else text  # type: ignore[arg-type]


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """Look up a UI string; an unknown key is a programming error and raises KeyError.
    A text with plural forms takes its form from the `count` value."""
    text = _pick(key, lang, values)
    return text.format(**values) if values else text


class Both(NamedTuple):
    """A text in Indonesian and English (what `pair` returns; it unpacks as (id, en))."""

    id: str
    en: str


def pair(key: str, **values: object) -> Both:
    """A message in Indonesian and English, for the records that carry both (a Problem, a
    DasborError, the command line's JSON). The text is always formatted, so "{{" is a brace.
    A value that differs by language is given as a Both (a fragment made by `pair`) or as a
    function of the language (a number written the Indonesian or the English way)."""
    return Both(*(_pick(key, lang, values).format(**_in_language(values, lang)) for lang in LANGUAGES))


def _in_language(values: dict[str, object], lang: str) -> dict[str, object]:
    return {name: _value_in(value, lang) for name, value in values.items()}


def _value_in(value: object, lang: str) -> object:
    if isinstance(value, Both):
        return value.en if lang == "en" else value.id
    return value(lang) if callable(value) else value


def period_label(period: str, lang: str) -> str:
    return t(f"period.{period}", lang)


def when(period: str, year: int, lang: str) -> str:
    """"Maret 2025" for a monthly reference period, plain "2025" for an annual figure."""
    return str(year) if period == "annual" else f"{period_label(period, lang)} {year}"
