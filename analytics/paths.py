"""Every filesystem location the project uses, derived from one root."""

from __future__ import annotations

import os
from pathlib import Path

# The repository root: analytics/ sits directly below it.
ROOT = Path(__file__).resolve().parent.parent

# Embedded, committed data (built by scripts/build_data.py from ../shared/reference).
DATA_DIR = ROOT / "data"
CATALOG_DIR = DATA_DIR / "catalog"
# The matcher's vocabulary (measure titles, units, default periods): hand-edited, not built.
MATCHING_FILE = CATALOG_DIR / "matching.yaml"
REGIONS_FILE = DATA_DIR / "regions.csv"
GEO_DIR = DATA_DIR / "geo"
KABKOTA_GEOJSON = GEO_DIR / "kabkota_2020.geojson"
PROVINCE_34_GEOJSON = GEO_DIR / "provinsi_34.geojson"
PROVINCE_38_GEOJSON = GEO_DIR / "provinsi_38.geojson"

# Runtime state that is never committed (the default SQLite store lives here).
VAR_DIR = Path(os.environ.get("DASBOR_VAR_DIR", ROOT / "var"))
DEFAULT_SQLITE_FILE = VAR_DIR / "dasbor.sqlite"
