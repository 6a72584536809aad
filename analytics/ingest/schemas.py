"""pandera contracts for the tidy tables, coerced and checked lazily (all problems at once)."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from analytics.contract import PERIODS, STATUSES

# BPS codes: 2 digits nation/province, 4 kab/kota, 7 kecamatan, 10 kelurahan/desa.
REGION_CODE_PATTERN = r"^(\d{2}|\d{4}|\d{7}|\d{10})$"
# The years a stored row may carry. FIRST_YEAR lies before the first BPS poverty figures (1976), so
# every real series fits. LAST_YEAR only bounds targets (plans reach decades ahead): an observation
# can be no later than the current year, a rule of analytics.ingest.validate (it moves with the calendar,
# so it is not a constant of the schema).
FIRST_YEAR = 1970
LAST_YEAR = 2100
# Longest text each stored column holds (analytics/store/schema.py's column sizes): a value that would not
# fit is a validation problem, so a previewed file always saves, on SQLite and PostgreSQL alike.
MAX_SOURCE = 200
MAX_REGION_NAME = 200
MAX_MEASURE = 64
# A note is free text, but a note is not a document.
MAX_NOTE = 2000


class ObservationSchema(pa.DataFrameModel):
    """One measured value of a region in a period (the observations fact table)."""

    region_code: Series[str] = pa.Field(str_matches=REGION_CODE_PATTERN)
    measure: Series[str] = pa.Field(str_length={"min_value": 1})
    year: Series[int] = pa.Field(ge=FIRST_YEAR, le=LAST_YEAR)
    period: Series[str] = pa.Field(isin=list(PERIODS))
    value: Series[float] = pa.Field(nullable=False)
    status: Series[str] = pa.Field(isin=list(STATUSES))
    source: Series[str]
    note: Series[str] = pa.Field(nullable=True)

    class Config:
        coerce = True
        strict = False


class TargetSchema(pa.DataFrameModel):
    """A target value for a region, measure and year, with its legal or plan source."""

    region_code: Series[str] = pa.Field(str_matches=REGION_CODE_PATTERN)
    measure: Series[str] = pa.Field(str_length={"min_value": 1})
    year: Series[int] = pa.Field(ge=FIRST_YEAR, le=LAST_YEAR)
    period: Series[str] = pa.Field(isin=list(PERIODS))
    value: Series[float] = pa.Field(nullable=False)
    source: Series[str] = pa.Field(str_length={"min_value": 1})
    note: Series[str] = pa.Field(nullable=True)

    class Config:
        coerce = True
        strict = False

