"""The one string lookup: every UI text in Bahasa Indonesia (default) and English.

Catalog texts (measure names, definitions) live in data/catalog. The interface's
own words live in analytics/strings/*.yaml (one file per area of the app, so
pages can be worked on side by side); all files form one table and a key may be
defined only once. `t(key, lang, **values)` fills `{placeholders}`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

# libyaml's C loader when the wheel has it (10× faster than the pure-Python one).
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DEFAULT_LANGUAGE = "id"
LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}
# The languages the dashboard speaks, the default first: every list of languages is this one.
LANGUAGES = tuple(LANGUAGE_NAMES)
STRINGS_DIR = Path(__file__).resolve().parent / "strings"


@lru_cache(maxsize=1)
def strings() -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for path in sorted(STRINGS_DIR.glob("*.yaml")):
        with path.open(encoding="utf-8") as handle:
            for key, text in (yaml.load(handle, Loader=_YAML_LOADER) or {}).items():
                if key in table:
                    raise ValueError(f"UI string {key!r} is defined twice ({path.name})")
                table[key] = (str(text["id"]), str(text["en"]))
    return table


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """Look up a UI string; an unknown key is a programming error and raises KeyError."""
    text_id, text_en = strings()[key]
    text = text_en if lang == "en" else text_id
    return text.format(**values) if values else text


def period_label(period: str, lang: str) -> str:
    return t(f"period.{period}", lang)


def when(period: str, year: int, lang: str) -> str:
    """"Maret 2025" for a monthly reference period, plain "2025" for an annual figure."""
    return str(year) if period == "annual" else f"{period_label(period, lang)} {year}"
