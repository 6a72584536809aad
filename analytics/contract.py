"""The data contract: the columns, keys and vocabularies every layer agrees on.

The tidy template's columns (what files are parsed into, what exports write), the key of a fact row
and of a target, the longest region code at each level, and the periods and statuses a row may
carry. The parser, the validator, the store and the exports import them from here, so a change to
the contract is one edit in one file.
"""

from __future__ import annotations

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

KEY = ["region_code", "measure", "year", "period"]

TARGET_KEY = [*KEY, "basis"]

# Longest region code at each level (BPS: 2-digit nation and provinces, 4 kab/kota, 7 kecamatan, 10 desa).
CODE_LENGTH = {"nation": 2, "province": 2, "kabkota": 4, "kecamatan": 7, "desa": 10}
# The levels below kab/kota that uploads may add, each with the level its codes begin with (a kecamatan
# code is its kab/kota's code and three digits; a desa code its kecamatan's and three more).
FINER_LEVELS = {"kecamatan": "kabkota", "desa": "kecamatan"}

# Reference periods, in calendar order. Kab/kota poverty is March (Susenas),
# provinces also September; unemployment is August (Sakernas); HDI and most
# programme outputs are annual. March and September are never merged.
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)

PERIODS = ("annual", *MONTHS)

# Sorting key: a year's annual figure first, then its months in calendar order.
PERIOD_ORDER = {period: index for index, period in enumerate(PERIODS)}

STATUSES = ("final", "provisional", "illustrative")
