"""Build the embedded data of Dasbor Kemiskinan from the reference files.

Reads the read-only reference set (default ``<repo>/../shared/reference``; its
``SOURCES.md`` and ``facts.md`` give origin, licence and known defects of every
file) and the hand-edited source data in ``<repo>/data/source`` (catalog entries,
programme rules, crosswalks from reference columns to measures, typed-in facts and
targets with their evidence, the README text), and writes into ``<repo>/data``:

    regions.csv             nation, 38 provinces (34 of 2020 + 4 new of 2025), 514 kab/kota
    observations.csv        tidy values, one row per value, each with its source id
    targets.csv             official targets with their legal basis (all of target_kemiskinan.csv;
                            Kota Tangerang RTLH)
    catalog/sources.yaml    one entry per origin                             } generated, with a header
    catalog/measures.yaml   measure definitions (Indonesian / English)       } saying so: edit data/source
    catalog/programs.yaml   Kota Tangerang programmes, strategies and dated rules
    geo/*.geojson           boundaries, coordinates rounded to 3 decimals
    README.md               contents, coverage, defects, omissions

Rules kept here:
  * no invented numbers: every value is copied from a reference file and carries a
    source id; values typed in (data/source/extra_facts.yaml, targets.yaml: facts from
    ``facts.md``) must be found verbatim in the reference text (``evidence``), otherwise
    the build fails; the catalog it writes must load (analytics.catalog: no unknown id,
    no overlapping dated rule);
  * gaps stay gaps (no row); values the reference blanked stay out;
  * deterministic output: sorted rows, values written as in the source (parsed and
    re-written with ``repr``, whole numbers without ``.0``).

Usage::

    .venv/bin/python scripts/build_data.py [--reference ../shared/reference]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

# --------------------------------------------------------------------------- paths

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from analytics import catalog, contract  # noqa: E402  (the period vocabulary is defined once, there)
from analytics.ingest import parser as ingest  # noqa: E402  (the period vocabulary is defined once, there)

DEFAULT_REFERENCE = REPO.parent / "shared" / "reference"
DATA = REPO / "data"
# The hand-edited source data (catalog entries, programme rules, crosswalks, typed-in facts, with their
# references): YAML the build reads and never writes. This script is code only.
SOURCE_DIR = DATA / "source"
# The fields of a typed-in fact or target (data/source/extra_facts.yaml, targets.yaml).
FACT_FIELDS = ("region", "measure", "year", "period", "value", "source", "note", "proof")


def t(text_id: str, text_en: str) -> Bilingual:
    """A text in Indonesian and English."""
    return Bilingual(id=text_id, en=text_en)


class Bilingual(dict):
    """{id, en} pair; short ones are written in YAML flow style."""


def _bilingual(value):
    """Source YAML as the build's objects: every {id, en} mapping becomes a Bilingual."""
    if isinstance(value, dict):
        value = {k: _bilingual(v) for k, v in value.items()}
        return Bilingual(value) if set(value) == {"id", "en"} else value
    if isinstance(value, list):
        return [_bilingual(v) for v in value]
    return value


def source_data(name: str):
    """data/source/<name>.yaml."""
    with (SOURCE_DIR / f"{name}.yaml").open(encoding="utf-8") as handle:
        return _bilingual(yaml.safe_load(handle))


def source_records(name: str, fields: tuple[str, ...]) -> list[tuple]:
    """A list of records, each as the tuple of `fields` (every field required)."""
    records = []
    for number, record in enumerate(source_data(name), start=1):
        if set(record) != set(fields):
            raise SystemExit(f"data/source/{name}.yaml record {number}: fields {sorted(record)}, expected {fields}")
        records.append(tuple(record[f] for f in fields))
    return records


def source_lookup(name: str, key_fields: tuple[str, ...], value_fields: tuple[str, ...] | None = None) -> dict:
    """A table keyed by `key_fields`; the value is `value_fields` as a tuple, else the row's `then`."""
    table: dict = {}
    for row in source_data(name):
        key = tuple(row[f] for f in key_fields)
        if key in table:
            raise SystemExit(f"data/source/{name}.yaml: {key} is listed twice")
        then = [row[f] for f in value_fields] if value_fields else row["then"]
        table[key] = tuple(then) if isinstance(then, list) else then
    return table

F_KABKOTA_2025 = "kabkota_kemiskinan_2025.csv"  # SOURCES.md file 1
F_KABKOTA_2021 = "kabkota_kemiskinan_2021.csv"  # file 2
F_PROV_POVERTY = "provinsi_kemiskinan_2015_2025.csv"  # file 4
F_PROV_INDICATORS = "provinsi_indikator_2015_2025.csv"  # file 5
F_CROSSWALK = "kode_wilayah_bps_kemendagri_2020.csv"  # file 8
F_CODES_2025 = "kode_bps_2025.csv"  # file 9
F_TANGERANG = "kota_tangerang_fakta.csv"  # file 10
F_FACTS_MD = "facts.md"  # file 10
F_PANEL = "kabkota_kemiskinan_panel_2015_2025.csv"  # file 11
F_TARGETS = "target_kemiskinan.csv"  # file 21

# reference file -> (output file, property holding the BPS code)
GEO_FILES = {
    "kabkota_2020_bps_simplified.geojson": ("kabkota_2020.geojson", "kode_bps"),
    "provinsi_34_bps_simplified.geojson": ("provinsi_34.geojson", "kode_prov"),
    "provinsi_38_bps2025_simplified.geojson": ("provinsi_38.geojson", "kode_prov_2025"),
}
GEO_DECIMALS = 3

# --------------------------------------------------------------------------- schema

REGION_COLUMNS = [
    "code",
    "name",
    "name_bps",
    "level",
    "type",
    "parent_code",
    "code_bps_2025",
    "parent_code_2025",
    "code_kemendagri",
    "scheme",
]
OBS_COLUMNS = list(contract.TIDY_COLUMNS)  # the tidy template, defined once
TARGET_COLUMNS = list(ingest.TARGET_FILE_COLUMNS)  # the target template, defined once
PERIODS = contract.PERIODS  # the project's period vocabulary, one definition
PERIOD_FROM_SOURCE = {"Maret": "march", "September": "september"}
STATUS = "final"

NATION_CODE = "00"
NEW_PROVINCES_2025 = ("92", "95", "96", "97")  # Papua provinces of 2022, BPS codes
SPLIT_PROVINCES = ("91", "94")  # same code in both schemes, territory changed in 2022

LICENCE_BPS = "none stated; data are BPS's — cite 'Sumber: Badan Pusat Statistik'"

# --------------------------------------------------------------------------- sources

SOURCES = source_data("sources")

# --------------------------------------------------------------------------- measures


def _note(year, text_id, text_en):
    return {"year": year, "id": text_id, "en": text_en}


POVERTY_MEASURES = source_data("poverty_measures")


PROGRAM_MEASURES = source_data("program_measures")

# Measures of the second pass (SOURCES.md §13–20), defined with their loaders further below.
MEASURES = POVERTY_MEASURES + PROGRAM_MEASURES  # extended by the second-pass block
MEASURE_BY_ID = {m["id"]: m for m in MEASURES}

# --------------------------------------------------------------------------- programmes

STRATEGIES = source_data("strategies")


TANGERANG = "3671"

PROGRAMS = source_data("programs")

# --------------------------------------------------------------------------- panel (file 11)

PANEL_VALUE_COLUMNS = {
    "p0_persen": "p0",
    "jumlah_miskin_ribu": "poor_count",
    "garis_kemiskinan_rp": "poverty_line",
    "p1": "p1",
    "p2": "p2",
}
PANEL_TAG_KEYS = {"p0": "p0", "jumlah": "poor_count", "gk": "poverty_line", "p1": "p1", "p2": "p2"}
# (measure, sumber tag) -> source id
PANEL_SOURCE_TAGS = source_lookup("panel_source_tags", ("measure", "panel_tag"))
# catatan prefix -> measures it concerns (catatan not listed here concern every measure)
PANEL_NOTE_SCOPE = {
    "lonjakan jumlah": ("poor_count",),
    "P1=0.04/P2=0.00": ("p1", "p2"),
}
KABKOTA_HDI_NOTE = "metode baru (UHH dari Long Form SP2020)"

# --------------------------------------------------------------------------- file 2 (2021)

# kab/kota whose TPT 0.0 means "no data" (SOURCES.md file 2)
KAGGLE_TPT_NO_DATA = ("9429", "9430")  # Nduga, Lanny Jaya

# --------------------------------------------------------------------------- file 4 / file 5

# Values of file 4 left out although not blanked by the reference: (code, column, year, periode).
# The national rows of file 4 are all replaced by file 19 (second pass), which also fixes its
# March 2017 P0 (10.12 there is the September value; March is 10.64).
PROV_POVERTY_EXCLUDED: dict[tuple[str, str, str, str], str] = {}
PROV_INDICATOR_MEASURES = {"tpt_aug_pct": ("unemployment", "august"), "hdi": ("hdi", "annual")}
TERRITORY_BEFORE = "wilayah sebelum pemekaran Papua 2022 (skema 34 provinsi)"
TERRITORY_AFTER = "wilayah sesudah pemekaran Papua 2022 (tanpa 92/95/96/97)"

# --------------------------------------------------------------------------- Kota Tangerang

# kota_tangerang_fakta.csv: (indikator, tahun or "*", nilai or "*") -> (measure, period, note)
# note None = keep the row's keterangan as the note. Rows mapped to VERIFY are compared with
# data that the panel / file 2 already hold and are not written again.
VERIFY = "verify"
TANGERANG_CSV_MAP = source_lookup("tangerang_csv_map", ("indicator", "year", "value"))

# Values typed in from facts.md or from the keterangan text of kota_tangerang_fakta.csv.
# Each needs an `evidence` string found verbatim in that reference text.
# (region, measure, year, period, value, source, note, evidence)
EXTRA_FACTS = source_records("extra_facts", FACT_FIELDS)
# facts.md section C, "18 provinces below 1 %" (March 2023): abbreviation -> BPS code
EXTREME_POVERTY_18_PROVINCES = source_data("extreme_poverty_18_provinces")
EXTREME_POVERTY_18_NOTE = (
    "Maret 2023; daftar 18 provinsi dengan kemiskinan ekstrem di bawah "
    "1% (juga Harian Jogja 19 Nov 2023)"
)

# Programme targets typed in from facts (region, measure, year, period, value, source, note,
# evidence or None). Poverty targets come from target_kemiskinan.csv (build_official_targets).
PROGRAM_TARGET_BASIS = "Target program Pemkot Tangerang (Disperkimtan)"
TARGETS = source_records("targets", FACT_FIELDS)

# Official poverty targets (SOURCES.md §21). BPS kab/kota poverty is measured in March, so a
# target for year t is read against March of t, except where the target's own source compares
# it with another period (Banten's RPJMD 2016: "realisasi 5,36 = BPS September 2016").
TARGET_PERIOD = "march"
TARGET_PERIOD_EXCEPTIONS = {("36", "p0", "2016"): ("september", "BPS September 2016")}
# A plan period written in the legal basis ("RPJMN 2025-2029", "RPJMD ... 2012-2017").
PLAN_PERIOD = re.compile(r"(?<!\d)((?:19|20)\d\d)-((?:19|20)\d\d)(?!\d)")
# SOURCES.md §21: the province ranges were read from a text conversion of the RPJMN PDF and their
# assignment to provinces inferred from the table layout: flagged until checked against the Perpres.
VERIFY_BASIS_PREFIX = "Perpres 12/2025"
TARGET_REFERENCE_ROWS = 62  # SOURCES.md §21


# =========================================================================== second pass
# SOURCES.md §12–20 (added 2026-11-29, issue #16): new measures, sources and loaders. Kept in one
# block so that other changes to this script (targets, #15) merge cleanly.

F_LONG_HISTORY = "kabkota_kemiskinan_2004_2014.csv"  # file 12
F_KABKOTA_P1P2 = "kabkota_p1_p2_2015_2024.csv"  # file 13
F_PROV_P1P2_OLD = "provinsi_p1_p2_2015_2023.csv"  # file 14
F_LABOUR = "kabkota_tpt_tpak_2015_2025.csv"  # file 15
F_KABKOTA_HDI = "kabkota_ipm_2015_2024.csv"  # file 16
F_EXTREME_NEWS = "kabkota_kemiskinan_ekstrem_berita.csv"  # file 17
F_PROGRAM_EXTRA = "kota_tangerang_program_tambahan.csv"  # file 18
F_NATIONAL = "nasional_kemiskinan_2015_2025.csv"  # file 19
F_PROV_P1P2_NEW = "provinsi_p1_p2_2024_2025.csv"  # file 20

# A note starting with this word says that another source gives a different figure for the same
# thing; the Program page turns such rows into a sentence (analytics.domain.programs.disagreements).
DISAGREEMENT = "BERTENTANGAN"
# A note starting with this marks a break in the long kab/kota series (file 12): the territory or
# the survey changed, so the line is cut there (analytics.domain.indicators.comparability_segments).
COMPARABILITY_BREAK = "jeda keterbandingan"
HDI_CURRENT_NOTE = "metode UHH LF SP2020 (metode sekarang)"

LONG_SERIES_BREAK_NOTE = _note(
    2008,
    "Metode dan sampel Susenas berubah antara 2007 dan 2008: banyak kota melonjak (mis. Kota "
    "Tasikmalaya 9,30→26,08). Nilai 2004–2007 tidak sebanding dengan 2008 dan sesudahnya.",
    "Susenas method and sampling changed between 2007 and 2008: many cities jump (e.g. Kota "
    "Tasikmalaya 9.30→26.08). Values of 2004–2007 are not comparable with 2008 onwards.",
)

SECOND_PASS_POVERTY_MEASURES = source_data("second_pass_poverty_measures")

SECOND_PASS_PROGRAM_MEASURES = source_data("second_pass_program_measures")

# Catalog order: the poverty measures first (P0 leads), programme measures after.
MEASURES[:] = POVERTY_MEASURES + SECOND_PASS_POVERTY_MEASURES + PROGRAM_MEASURES + SECOND_PASS_PROGRAM_MEASURES
MEASURE_BY_ID.update({m["id"]: m for m in MEASURES})
for _program in PROGRAMS:
    _program["measures"] += [
        m["id"] for m in SECOND_PASS_PROGRAM_MEASURES if m["program"] == _program["id"]
    ]

# Known gaps: a period the reference has no value for, with the reason shown beside the chart.
# (region, year, period, measures, reason)
NATIONAL_SEPT_2023 = t(
    "BPS tidak menghitung September 2023 (tabel BPS menampilkan \"-\" untuk semester 2 2023).",
    "BPS did not compute September 2023 (the BPS tables show \"-\" for the second half of 2023).",
)
# Known gaps: a period the reference has no value for, with the reason shown beside the chart.
KNOWN_GAPS = source_records("known_gaps", ("region", "year", "period", "measures", "reason"))


def _add_gaps(measures: list[dict]) -> None:
    """Write the known gaps into the measures they concern (catalog field `gaps`)."""
    for region, year, period, measure_ids, reason in KNOWN_GAPS:
        for measure_id in measure_ids:
            MEASURE_BY_ID[measure_id].setdefault("gaps", []).append(
                {"region": region, "year": year, "period": period, "id": reason["id"], "en": reason["en"]}
            )


_add_gaps(MEASURES)

# -- province urban/rural P1/P2 (file 20) and file 12's count and poverty-line columns (#16) ------
# Self-contained: the measures, their known gaps, the rows and the checks of these columns.

URBAN_RURAL_COLUMNS = {"p1_kota": "p1_urban", "p1_desa": "p1_rural", "p2_kota": "p2_urban", "p2_desa": "p2_rural"}
# file 12 column -> the long-series measure it loads (P0 itself is `p0_history`, above)
HISTORY_COLUMNS = {"jumlah_miskin_ribu": "poor_count_history", "garis_kemiskinan_rp": "poverty_line_history"}
HISTORY_SOURCES = {"poor_count_history": "bps_kabkota_p0_count", "poverty_line_history": "bps_kabkota_gk"}
DKI = "31"
NO_RURAL_DKI = t(
    "DKI Jakarta tidak punya daerah perdesaan (tabel BPS menulis \"-\").",
    "DKI Jakarta has no rural area (the BPS table shows \"-\").",
)


URBAN_RURAL_MEASURES = source_data("urban_rural_measures")
HISTORY_MEASURES = source_data("history_measures")


def _insert_poverty_measures(new: list[dict]) -> None:
    """Put measures after the last poverty measure (catalog order: poverty first, programmes after)."""
    at = max(i for i, m in enumerate(MEASURES) if not m["program"]) + 1
    MEASURES[at:at] = new
    MEASURE_BY_ID.update({m["id"]: m for m in new})


_insert_poverty_measures(URBAN_RURAL_MEASURES + HISTORY_MEASURES)
for _year, _period in ((2024, "march"), (2024, "september"), (2025, "march")):
    for _mid in ("p1_rural", "p2_rural"):
        MEASURE_BY_ID[_mid].setdefault("gaps", []).append(
            {"region": DKI, "year": _year, "period": _period, "id": NO_RURAL_DKI["id"], "en": NO_RURAL_DKI["en"]})

# -- sources of the second pass (citations as a reader would give them) ------------------------

SECOND_PASS_SOURCES = source_data("second_pass_sources")
SOURCES += SECOND_PASS_SOURCES
# The number of poor is its own BPS table (619); the first pass cited it together with P0 (621).
SOURCES.append({
    "id": "bps_kabkota_poor_count",
    "publisher": "Badan Pusat Statistik (BPS)",
    "title": "Jumlah Penduduk Miskin (Ribu Jiwa) Menurut Kabupaten/Kota (tabel 619)",
    "url": "",
    "date": "Susenas Maret 2004–2025",
    "licence": LICENCE_BPS,
    "note": "2021 SP2020 rebasing: counts jump in some regions while P0 barely moves.",
})
PANEL_SOURCE_TAGS[("poor_count", "bps_tabel_621_619(visdati)")] = "bps_kabkota_poor_count"

# How each file reached us (public mirrors): written to data/README.md only, never to the
# catalog, the pages or the downloads (a reader cites the publisher, not the mirror).
SECOND_PASS_PROVENANCE = source_data("second_pass_provenance")

# -- citations for the first-pass sources (item 3 of issue #16) -------------------------------
# The catalog names the publisher and the table as a reader would cite them; the mirror that
# delivered the file (the old `via`) moves to data/README.md's provenance table.
CITATIONS = source_data("citations")
FIRST_PASS_PROVENANCE = {s["id"]: s["via"] for s in SOURCES if s.get("via")}
for _source in SOURCES:
    _source.update(CITATIONS.get(_source["id"], {}))
    _source.pop("via", None)
PROVENANCE = {**FIRST_PASS_PROVENANCE, **SECOND_PASS_PROVENANCE}

# Rows of file 18 that the second pass loads: (indikator, tahun) -> (measure, year, period, note).
# note None keeps the reference's keterangan.
PROGRAM_EXTRA_MAP = source_lookup("program_extra_map", ("indicator", "year"), ("measure", "as_year", "period", "note"))
# The 2019 unit count: two sources disagree and both are kept. The December 2019 report is a
# dated figure (period december); the retrospective 2022 figure is the year's total (annual).
RTLH_2019 = {
    "500": ("december", DISAGREEMENT + ": 500 rumah menurut TangerangNews (30 Des 2019); Tempo (2022) "
            "menyebut 387 untuk 2019"),
    "387": ("annual", DISAGREEMENT + ": 387 rumah menurut Tempo (2022, angka retrospektif); "
            "TangerangNews (30 Des 2019) menyebut 500"),
}
# Rows of file 18 left out, with the reason (written to data/README.md).
PROGRAM_EXTRA_LEFT_OUT = source_data("program_extra_left_out")


def _source_by_url() -> dict[str, str]:
    return {s["url"]: s["id"] for s in SOURCES if s["url"]}


def kabkota_p1p2_observations(ref: Path, names) -> list[dict]:
    """Kab/kota P1 and P2 2015–2024 (file 13, BPS tables 622/623), Susenas March."""
    out = []
    for r in read_csv(ref / F_KABKOTA_P1P2):
        note = r["catatan"]
        for measure in ("p1", "p2"):
            if r[measure]:
                out.append(observation(r["kode_bps"], measure, r["tahun"], "march", r[measure],
                                       "bps_kabkota_p1p2", note, names))
    return out


def province_p1p2_observations(ref: Path, names) -> list[dict]:
    """Province P1/P2: 2015–2023 March (file 14); 2024–2025 March/September (file 20)."""
    out = []
    for r in read_csv(ref / F_PROV_P1P2_OLD):
        year = int(r["tahun"])
        note = territory_note(r["kode_bps"], year, 9999)
        for measure in ("p1", "p2"):
            if r[measure]:
                out.append(observation(r["kode_bps"], measure, year, "march", r[measure],
                                       "bps_prov_p1p2_2015_2023", note, names))
    for r in read_csv(ref / F_PROV_P1P2_NEW):
        year = int(r["tahun"])
        source = "bps_prov_p1p2_news_sep2025" if r["sumber"].startswith("BRS") else "bps_prov_p1p2"
        note = territory_note(r["kode_bps"], year, 2024)
        if source == "bps_prov_p1p2_news_sep2025":
            note = join_notes(note, "tiga desimal sebagaimana dikutip berita dari BRS BPS provinsi")
        for measure in ("p1", "p2"):
            if r[measure]:
                out.append(observation(r["kode_bps"], measure, year, PERIOD_FROM_SOURCE[r["periode"]],
                                       r[measure], source, note, names))
    return out


def national_observations(ref: Path, names) -> list[dict]:
    """The national series March/September 2015–2025 (file 19), replacing file 4's rows."""
    columns = {
        "p0_persen": ("p0", "bps_national_poverty"),
        "jumlah_miskin_ribu": ("poor_count", "bps_national_poverty"),
        "garis_kemiskinan_rp": ("poverty_line", "bps_national_poverty"),
        "p1": ("p1", "bps_national_poverty"),
        "p2": ("p2", "bps_national_poverty"),
        "p0_kota": ("p0_urban", "bps_national_poverty"),
        "p0_desa": ("p0_rural", "bps_national_poverty"),
        "gini": ("gini", "bps_gini_news"),
    }
    out = []
    for r in read_csv(ref / F_NATIONAL):
        gini_note = next((part.strip().removeprefix("Gini: ") for part in r["sumber"].split("|")
                          if part.strip().startswith("Gini:")), "")
        for column, (measure, source) in columns.items():
            if not r[column]:
                continue
            note = gini_note if measure == "gini" else ""
            out.append(observation(NATION_CODE, measure, r["tahun"], PERIOD_FROM_SOURCE[r["periode"]],
                                   r[column], source, note, names))
    return out


def labour_observations(ref: Path, names) -> list[dict]:
    """Kab/kota TPT and TPAK, Sakernas August (file 15)."""
    out = []
    for r in read_csv(ref / F_LABOUR):
        for column, measure in (("tpt", "unemployment"), ("tpak", "labour_participation")):
            if r[column]:
                note = r["catatan"] if r["catatan"] != 'sumber "-"' else ""
                out.append(observation(r["kode_bps"], measure, r["tahun"], "august", r[column],
                                       "bps_kabkota_tpt_tpak", note, names))
    return out


def kabkota_hdi_observations(ref: Path, names) -> list[dict]:
    """Kab/kota HDI (file 16): current method -> `hdi`, the pre-2024 series -> `hdi_old_series`."""
    out = []
    for r in read_csv(ref / F_KABKOTA_HDI):
        if r["metode"] == "uhh_lf_sp2020":
            measure, note = "hdi", join_notes(HDI_CURRENT_NOTE, r["catatan"])
        elif r["metode"] == "metode_baru_lama":
            measure, note = "hdi_old_series", r["catatan"]
        else:
            raise SystemExit(f"unknown HDI method {r['metode']!r}")
        out.append(observation(r["kode_bps"], measure, r["tahun"], "annual", r["ipm"],
                               "bps_kabkota_hdi", note, names))
    return out


def extreme_news_observations(ref: Path, names) -> tuple[list[dict], list[str]]:
    """Kab. Tangerang extreme poverty 2020 (file 17). Kota Tangerang's rows are already loaded
    from facts.md (checked equal here); the Lombok rows are a different concept and stay out."""
    out, left_out = [], []
    for r in read_csv(ref / F_EXTREME_NEWS):
        if r["kode_bps"] == TANGERANG:
            continue  # the same figures as kota_tangerang_fakta.csv (checked in verify_second_pass)
        if not r["konsep"].startswith("BPS"):
            left_out.append(f"{r['nama']} ({r['kode_bps']}): {r['ekstrem_persen'] or r['ekstrem_jiwa']} — "
                            f"{r['konsep']}")
            continue
        out.append(observation(
            r["kode_bps"], "extreme_poverty", r["tahun_data"], "march", r["ekstrem_persen"],
            _source_by_url()[r["sumber_url"]],
            f"{r['konsep']}; sekitar 106 ribu orang; periode survei tidak disebut (angka kemiskinan "
            "ekstrem BPS memakai Susenas Maret); garis disebut Rp435 ribu/kapita/bulan",
            names))
    return out, left_out


def program_extra_observations(ref: Path, names) -> list[dict]:
    """More Kota Tangerang programme figures (file 18); both sides of a disagreement are kept."""
    by_url = _source_by_url()
    out = []
    for r in read_csv(ref / F_PROGRAM_EXTRA):
        source = by_url.get(r["sumber_url"])
        if r["indikator"] == "rtlh_unit" and r["tahun"] == "2019":
            period, note = RTLH_2019[r["nilai"]]
            out.append(observation(TANGERANG, "rtlh_units", 2019, period, r["nilai"], source, note, names))
            continue
        mapping = PROGRAM_EXTRA_MAP.get((r["indikator"], r["tahun"]))
        if mapping is None:
            key = f"{r['indikator']}/{r['tahun']}"
            if r["indikator"] not in PROGRAM_EXTRA_LEFT_OUT and key not in PROGRAM_EXTRA_LEFT_OUT:
                raise SystemExit(f"unmapped row of {F_PROGRAM_EXTRA}: {key}")
            continue
        if source is None:
            raise SystemExit(f"no source for {r['sumber_url']}")
        measure, year, period, note = mapping
        out.append(observation(TANGERANG, measure, year, period, r["nilai"], source,
                               r["keterangan"] if note is None else note, names))
    return out


def long_history_observations(ref: Path, names) -> list[dict]:
    """Kab/kota P0 2004–2014 (file 12) as `p0_history`, each row with its comparability flag."""
    out = []
    for r in read_csv(ref / F_LONG_HISTORY):
        if not r["p0_persen"]:
            continue
        year = int(r["tahun"])
        notes = []
        if r["catatan"]:
            notes.append(f"{COMPARABILITY_BREAK}: {r['catatan']}")
        if year < LONG_SERIES_BREAK_NOTE["year"]:
            notes.append("sebelum perubahan metode/sampel Susenas 2008")
        out.append(observation(r["kode_bps"], "p0_history", year, "march", r["p0_persen"],
                               "bps_kabkota_p0_count", join_notes(*notes), names))
    return out


def second_pass_observations(ref: Path, names, rows: list[dict]) -> tuple[list[dict], dict]:
    """Replace superseded first-pass rows and add the second-pass files; returns rows and checks."""
    key = lambda r: (r["region_code"], r["measure"], r["year"], r["period"])  # noqa: E731
    kab_p1p2 = kabkota_p1p2_observations(ref, names)
    labour = labour_observations(ref, names)
    new_keys = {key(r): r for r in kab_p1p2 + labour}
    # Panel P1/P2 before 2025 (Jabar, Aceh, Banten 2015) and the Kaggle TPT 2021 are superseded by
    # the BPS tables of files 13 and 15; where both hold a value they must agree (SOURCES.md).
    # A superseded value with no replacement stays (Pegunungan Arfak TPT 2021: "-" in file 15,
    # 0.7 in the Kaggle file).
    superseded = [r for r in rows if (r["measure"] in ("p1", "p2") and len(r["region_code"]) == 4
                                      and r["year"] < 2025) or r["source"] == "kaggle_kemiskinan_2021"]
    replaced = [r for r in superseded if key(r) in new_keys]
    missing = len(superseded) - len(replaced)
    agree = differ = 0
    differences = []
    for r in replaced:
        other = new_keys[key(r)]
        if abs(float(other["value"]) - float(r["value"])) <= 0.005 + 1e-9:
            agree += 1  # equal, or bantenprov's 3 decimals rounding to BPS's 2 (SOURCES.md §13)
        else:
            differ += 1
            differences.append(f"{r['region_code']} {r['measure']} {r['year']}: "
                               f"{r['value']} ({r['source']}) vs {other['value']}")
    replaced_ids = {id(r) for r in replaced}
    kept = [r for r in rows if id(r) not in replaced_ids]
    added = (kab_p1p2 + labour + province_p1p2_observations(ref, names) + national_observations(ref, names)
             + kabkota_hdi_observations(ref, names) + program_extra_observations(ref, names)
             + long_history_observations(ref, names))
    extreme, extreme_left_out = extreme_news_observations(ref, names)
    info = {"replaced": len(replaced), "agree": agree, "differ": differ, "missing": missing,
            "differences": differences, "extreme_left_out": extreme_left_out}
    return kept + added + extreme, info


def verify_second_pass(observations: list[dict], info: dict) -> None:
    """Known values of every second-pass file, worked from the reference by hand (row cited)."""
    value = {(r["region_code"], r["measure"], r["year"], r["period"]): r["value"] for r in observations}
    source = {(r["region_code"], r["measure"], r["year"], r["period"]): r["source"] for r in observations}
    expect = {
        ("1101", "p1", 2015, "march"): "2.97",  # file 13 first row: Simeulue 2015 P1 2.97
        ("1101", "p2", 2015, "march"): "0.64",
        # file 14 first row: Aceh 2015 P1 3.10, P2 0.83
        ("11", "p1", 2015, "march"): "3.1",
        ("11", "p2", 2015, "march"): "0.83",
        # file 20 first rows: Aceh March 2024 P1 2.62, September 2024 P2 0.47
        ("11", "p1", 2024, "march"): "2.62",
        ("11", "p2", 2024, "september"): "0.47",
        # file 19: March 2017 10.64 (file 4 had 10.12), March 2018 9.82 (blank in file 4)
        (NATION_CODE, "p0", 2017, "march"): "10.64",
        (NATION_CODE, "p0", 2017, "september"): "10.12",
        (NATION_CODE, "p0", 2018, "march"): "9.82",
        (NATION_CODE, "poverty_line", 2017, "march"): "374478",
        (NATION_CODE, "poverty_line", 2022, "march"): "505469",
        (NATION_CODE, "p0", 2020, "september"): "10.19",
        (NATION_CODE, "poor_count", 2024, "september"): "24054.72",
        (NATION_CODE, "p0_urban", 2025, "september"): "6.6",
        (NATION_CODE, "p0_rural", 2015, "march"): "14.21",
        (NATION_CODE, "gini", 2025, "september"): "0.363",
        # file 15: Kota Tangerang 2023 TPT 6.76 (= facts.md), TPAK 63.39
        (TANGERANG, "unemployment", 2023, "august"): "6.76",
        (TANGERANG, "labour_participation", 2023, "august"): "63.39",
        # file 16: Simeulue 2015 old series 63.16
        ("1101", "hdi_old_series", 2015, "annual"): "63.16",
        # file 17: Kab. Tangerang 2020 extreme poverty 2.75 %
        ("3603", "extreme_poverty", 2020, "march"): "2.75",
        # file 18: RTLH 2019 both figures; 2014 53; cumulative to 2021 7,032
        (TANGERANG, "rtlh_units", 2019, "december"): "500",
        (TANGERANG, "rtlh_units", 2019, "annual"): "387",
        (TANGERANG, "rtlh_units", 2014, "annual"): "53",
        (TANGERANG, "rtlh_units_cumulative", 2021, "annual"): "7032",
        (TANGERANG, "sipraja_trainees_cumulative", 2023, "december"): "1069",
        (TANGERANG, "pupils_free_total", 2025, "annual"): "18734",
        # file 12: Simeulue 2004 34.26; Kota Tangerang 2014 4.91 (facts.md, bantenprov)
        ("1101", "p0_history", 2004, "march"): "34.26",
        (TANGERANG, "p0_history", 2014, "march"): "4.91",
    }
    for k, v in expect.items():
        assert value.get(k) == v, f"{k}: expected {v}, got {value.get(k)}"
    assert source[(NATION_CODE, "p0", 2017, "march")] == "bps_national_poverty"
    # every period of the national series except September 2023 (BPS did not compute it)
    for year in range(2015, 2026):
        for period in ("march", "september"):
            present = (NATION_CODE, "p0", year, period) in value
            assert present == ((year, period) != (2023, "september")), (year, period)
    # the RTLH chain of SOURCES.md §18: 7,032 + 450 + 700 + 474 = 8,656 (facts.md, to 2024)
    chain = float(value[(TANGERANG, "rtlh_units_cumulative", 2021, "annual")]) + sum(
        float(value[(TANGERANG, "rtlh_units", y, "annual")]) for y in (2022, 2023, 2024))
    assert chain == float(value[(TANGERANG, "rtlh_units_cumulative", 2024, "annual")]) == 8656
    # Kota Tangerang's extreme poverty of file 17 equals what facts.md gave (1.61, 0.75)
    assert value[(TANGERANG, "extreme_poverty", 2021, "march")] == "1.61"
    assert value[(TANGERANG, "extreme_poverty", 2022, "march")] == "0.75"
    # coverage: P1/P2 for every kab/kota 2017–2025 and 511 in 2015–2016 (three created in 2016)
    kab_years = Counter(r["year"] for r in observations
                        if r["measure"] == "p1" and len(r["region_code"]) == 4)
    assert all(kab_years[y] == 514 for y in range(2017, 2026)), kab_years
    assert kab_years[2015] == kab_years[2016] == 511, kab_years
    prov_years = Counter((r["year"], r["period"]) for r in observations
                         if r["measure"] == "p2" and len(r["region_code"]) == 2 and r["region_code"] != "00")
    assert all(prov_years[(y, "march")] == 34 for y in range(2015, 2024)), prov_years
    assert prov_years[(2024, "march")] == prov_years[(2025, "march")] == 38, prov_years
    # superseded values agree with their replacements (SOURCES.md §13 and §15 checks), except
    # Labuhan Batu Utara (1223) TPT 2021 (5.71 at BPS, 5.74 in the Kaggle file: flagged in file 15)
    assert info["differ"] == 1 and info["differences"][0].startswith("1223 unemployment 2021"), info
    # HDI: no region-year holds both methods under one measure
    for r in observations:
        if r["measure"] == "hdi" and r["source"] == "bps_kabkota_hdi":
            assert r["note"].startswith(HDI_CURRENT_NOTE), r
    # no mirror names reach a note (they belong to data/README.md only)
    for r in observations:
        assert "github" not in r["note"].lower() and "@" not in r["note"].replace("@30", ""), r


def long_history_flags(r: dict[str, str]) -> str:
    """The comparability flags of a file 12 row, worded as p0_history's (one wording for every column)."""
    notes = []
    if r["catatan"]:
        notes.append(f"{COMPARABILITY_BREAK}: {r['catatan']}")
    if int(r["tahun"]) < LONG_SERIES_BREAK_NOTE["year"]:
        notes.append("sebelum perubahan metode/sampel Susenas 2008")
    return join_notes(*notes)


def history_count_line_observations(ref: Path, names) -> list[dict]:
    """File 12's number of poor (2004–2014) and poverty line (2011–2014 only: the GK table has no
    earlier years) as long-series measures, each row with the same flags as its P0."""
    out = []
    for r in read_csv(ref / F_LONG_HISTORY):
        for column, measure in HISTORY_COLUMNS.items():
            if r[column]:  # an empty cell is a gap (GK before 2011), never a value
                out.append(observation(r["kode_bps"], measure, r["tahun"], "march", r[column],
                                       HISTORY_SOURCES[measure], long_history_flags(r), names))
    return out


def urban_rural_p1p2_observations(ref: Path, names) -> list[dict]:
    """Province P1/P2 by urban/rural area (file 20, BPS tables 503/504): March 2024, September 2024,
    March 2025. DKI's rural cells are "-" (no rural area: a known gap); no province has them for
    September 2025 (the news quotes give totals only)."""
    out = []
    for r in read_csv(ref / F_PROV_P1P2_NEW):
        year = int(r["tahun"])
        note = territory_note(r["kode_bps"], year, 2024)
        for column, measure in URBAN_RURAL_COLUMNS.items():
            if r[column]:
                out.append(observation(r["kode_bps"], measure, year, PERIOD_FROM_SOURCE[r["periode"]], r[column],
                                       "bps_prov_p1p2", note, names))
    return out


def verify_history_and_urban_rural(observations: list[dict]) -> None:
    """Known values of the columns added for #16, worked from the reference by hand (row cited)."""
    value = {(r["region_code"], r["measure"], r["year"], r["period"]): r for r in observations}
    expect = {
        # file 12, Kota Kupang (5371): 2004 27.80 thousand poor; 2011 GK Rp 337,181; 2014 33.30 / 413,905
        ("5371", "poor_count_history", 2004, "march"): "27.8",
        ("5371", "poverty_line_history", 2011, "march"): "337181",
        ("5371", "poor_count_history", 2014, "march"): "33.3",
        ("5371", "poverty_line_history", 2014, "march"): "413905",
        # file 12 first row: Simeulue 2004, 24.30 thousand poor
        ("1101", "poor_count_history", 2004, "march"): "24.3",
        # file 20: NTT (53) March 2024 P1 urban 1.19, rural 4.21; September 2024 P2 urban 0.29, rural 1.21
        ("53", "p1_urban", 2024, "march"): "1.19",
        ("53", "p1_rural", 2024, "march"): "4.21",
        ("53", "p2_urban", 2024, "september"): "0.29",
        ("53", "p2_rural", 2024, "september"): "1.21",
        # file 20: Banten (36) March 2025 P1 urban 0.86, rural 0.81; DKI March 2025 P2 urban 0.11
        ("36", "p1_urban", 2025, "march"): "0.86",
        ("36", "p1_rural", 2025, "march"): "0.81",
        (DKI, "p2_urban", 2025, "march"): "0.11",
    }
    for k, v in expect.items():
        assert k in value and value[k]["value"] == v, f"{k}: expected {v}, got {value.get(k, {}).get('value')}"
    counts = Counter((r["measure"], r["year"]) for r in observations if r["measure"] in HISTORY_COLUMNS.values())
    # SOURCES.md §12: P0 (and the count beside it) 415 kab/kota in 2004 … 497 in 2010–2014; GK 2011–2014 only
    assert counts[("poor_count_history", 2004)] == 415 and counts[("poor_count_history", 2014)] == 497, counts
    assert sum(n for (m, _), n in counts.items() if m == "poverty_line_history") == 1988, counts
    assert not any(m == "poverty_line_history" and y < 2011 for m, y in counts), counts
    # the same flags as P0's long series, row by row
    for (code, measure, year, period), r in value.items():
        if measure in HISTORY_COLUMNS.values():
            p0 = value[(code, "p0_history", year, period)]
            assert r["note"] == p0["note"], (code, measure, year)
    # urban/rural: 38 provinces in each of the three periods, DKI without rural (its known gap)
    areas = Counter((r["measure"], r["year"], r["period"]) for r in observations
                    if r["measure"] in URBAN_RURAL_COLUMNS.values())
    for (year, period) in ((2024, "march"), (2024, "september"), (2025, "march")):
        assert areas[("p1_urban", year, period)] == areas[("p2_urban", year, period)] == 38, areas
        assert areas[("p1_rural", year, period)] == areas[("p2_rural", year, period)] == 37, areas
        assert (DKI, "p1_rural", year, period) not in value
    assert not any(y == 2025 and p == "september" for _, y, p in areas), areas
    # an area index never exceeds its P0-side ordering: P2 < P1 in every area row
    for (code, measure, year, period), r in value.items():
        if measure in ("p1_urban", "p1_rural"):
            p2 = value.get((code, measure.replace("p1", "p2"), year, period))
            assert p2 is not None and float(p2["value"]) < float(r["value"]), (code, measure, year, period)


PROVINCE_GAP_MEASURES = ("p0", "poor_count", "poverty_line")  # the province rows of file 4
PROVINCE_NOT_IN_REFERENCE = t(
    "BPS menerbitkannya, tetapi tabel provinsi yang tersedia bagi dasbor ini (berkas rujukan 4) tidak "
    "memuatnya: September hanya 2015–2018 dan 2024–2025, GK mulai Maret 2017.",
    "BPS published it, but the province table available to this dashboard (reference file 4) does not "
    "hold it: September only 2015–2018 and 2024–2025, the poverty line from March 2017.",
)


def add_province_gaps(observations: list[dict], regions: list[dict]) -> None:
    """Every province period of file 4's measures without a value gets its reason in the catalog
    (one entry per measure, period, years and reason, listing the provinces), so a chart's hole is
    explained: September 2023 was not computed by BPS; the rest is missing from the reference."""
    held = {(r["region_code"], r["measure"], r["year"], r["period"]) for r in observations}
    both = sorted(r["code"] for r in regions if r["level"] == "province" and r["scheme"] == "both")
    current = sorted(r["code"] for r in regions if r["level"] == "province")
    for measure in PROVINCE_GAP_MEASURES:
        for period in ("march", "september"):
            groups: dict[tuple, list[str]] = {}
            for code in current:
                for year in range(2015, 2026):
                    if code not in (both if year < 2024 else current) or (code, measure, year, period) in held:
                        continue
                    reason = NATIONAL_SEPT_2023 if (year, period) == (2023, "september") else PROVINCE_NOT_IN_REFERENCE
                    groups.setdefault((reason["id"], code), []).append(year)
            entries: dict[tuple, list[str]] = {}
            for (reason_id, code), years in groups.items():
                entries.setdefault((reason_id, tuple(years)), []).append(code)
            for (reason_id, years), codes in sorted(entries.items(), key=lambda e: (e[0][1], e[1])):
                reason = NATIONAL_SEPT_2023 if reason_id == NATIONAL_SEPT_2023["id"] else PROVINCE_NOT_IN_REFERENCE
                MEASURE_BY_ID[measure].setdefault("gaps", []).append(
                    {"regions": codes, "years": list(years), "period": period, "id": reason["id"], "en": reason["en"]})
    # self-check: NTT (53) has no P0 for September 2019–2022 in file 4, and none is claimed held
    ntt = [g for g in MEASURE_BY_ID["p0"]["gaps"] if "53" in g.get("regions", [])]
    assert any(g["years"] == [2019, 2020, 2021, 2022] and g["period"] == "september" for g in ntt), ntt
    for measure in PROVINCE_GAP_MEASURES:
        for g in MEASURE_BY_ID[measure]["gaps"]:
            for code in g.get("regions", [g.get("region")]):
                for year in g.get("years", [g.get("year")]):
                    assert (code, measure, year, g["period"]) not in held, (code, measure, year, g["period"])


def provenance_table() -> str:
    lines = ["| source id | citation in the dashboard | delivered by (public mirror) |", "|---|---|---|"]
    for s in SOURCES:
        via = PROVENANCE.get(s["id"])
        if via:
            lines.append(f"| `{s['id']}` | {s['publisher']}, {s['title']} | {via} |")
    return "\n".join(lines)


# =========================================================================== helpers


def read_csv(path: Path) -> list[dict[str, str]]:
    """All rows as dicts of stripped strings (nothing parsed, codes keep leading zeros)."""
    with path.open(encoding="utf-8", newline="") as f:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


def fmt_value(text: str) -> str:
    """Source number -> stable text: whole numbers without '.0', else repr of the float."""
    number = float(text.replace(",", "."))
    if number != number:  # NaN
        raise ValueError(f"not a number: {text!r}")
    if number.is_integer():
        return str(int(number))
    return repr(number)


def write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in columns})


# The first lines of every catalog file the build writes.
GENERATED_HEADER = ("# Generated by scripts/build_data.py (`make data`) from data/source/*.yaml: edit those,\n"
                    "# not this file (the next build would overwrite it).\n")


def write_yaml(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = GENERATED_HEADER + yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
    path.write_text(text, encoding="utf-8")


class _Dumper(yaml.SafeDumper):
    """SafeDumper without anchors/aliases (shared Python objects are written out in full)."""

    def ignore_aliases(self, data):
        return True


def _represent_bilingual(dumper, data):
    flow = len(data["id"]) + len(data["en"]) <= 90
    return dumper.represent_mapping("tag:yaml.org,2002:map", dict(data), flow_style=flow)


_Dumper.add_representer(Bilingual, _represent_bilingual)


class Evidence:
    """Reference text that typed-in values must be found in."""

    def __init__(self, reference: Path):
        self.text = "\n".join(
            (reference / name).read_text(encoding="utf-8") for name in (F_FACTS_MD, F_TANGERANG)
        )

    def check(self, evidence: str | None, what: str) -> None:
        if evidence is not None and evidence not in self.text:
            raise SystemExit(f"evidence not found in reference text for {what}: {evidence!r}")


def observation(region, measure, year, period, value, source, note="", names=None):
    if measure not in MEASURE_BY_ID:
        raise SystemExit(f"unknown measure {measure}")
    if period not in PERIODS:
        raise SystemExit(f"unknown period {period}")
    return {
        "region_code": region,
        "region_name": names[region] if names else "",
        "measure": measure,
        "year": int(year),
        "period": period,
        "value": fmt_value(value),
        "unit": MEASURE_BY_ID[measure]["unit"],
        "status": STATUS,
        "source": source,
        "note": note,
    }


def sort_key(row):
    return (row["region_code"], row["measure"], row["year"], PERIODS.index(row["period"]))


# =========================================================================== regions


def build_regions(ref: Path) -> list[dict]:
    """Nation, 34 + 4 provinces and the 514 kab/kota (BPS 2020 codes)."""
    prov_poverty = read_csv(ref / F_PROV_POVERTY)
    codes_2025 = read_csv(ref / F_CODES_2025)
    crosswalk = read_csv(ref / F_CROSSWALK)
    kabkota = read_csv(ref / F_KABKOTA_2025)

    prov_names = {r["kode_bps"]: r["provinsi"] for r in prov_poverty if r["level"] == "provinsi"}
    prov_names_bps = {
        r["kode_prov_2025"]: r["nama_bps_2025"] for r in codes_2025 if r["level"] == "provinsi"
    }
    kemendagri = {r["kode_bps"]: r["kode_kemendagri"] for r in crosswalk}
    if set(prov_names) != set(prov_names_bps) or len(prov_names) != 38:
        raise SystemExit("province lists of file 4 and file 9 differ")

    regions = [
        {
            "code": NATION_CODE,
            "name": "Indonesia",
            "name_bps": "INDONESIA",
            "level": "nation",
            "type": "",
            "parent_code": "",
            "code_bps_2025": NATION_CODE,
            "parent_code_2025": "",
            "code_kemendagri": "",
            "scheme": "both",
        }
    ]
    for code, name in prov_names.items():
        new = code in NEW_PROVINCES_2025
        regions.append(
            {
                "code": code,
                "name": name,
                "name_bps": prov_names_bps[code],
                "level": "province",
                "type": "",
                "parent_code": NATION_CODE,
                "code_bps_2025": code,
                "parent_code_2025": NATION_CODE,
                "code_kemendagri": "" if new else kemendagri[code],  # crosswalk is 2020 only
                "scheme": "2025" if new else "both",
            }
        )
    for r in kabkota:
        display = r["nama"] if r["tipe"] == "Kota" else f"Kab. {r['nama']}"
        if r["tipe"] == "Kota" and not r["nama"].startswith("Kota "):
            raise SystemExit(f"Kota without 'Kota' prefix: {r['nama']}")
        regions.append(
            {
                "code": r["kode_bps"],
                "name": display,
                "name_bps": r["nama"],
                "level": "kabkota",
                "type": r["tipe"],
                "parent_code": r["kode_prov_bps"],
                "code_bps_2025": r["kode_bps_2025"],
                "parent_code_2025": r["kode_bps_2025"][:2],
                "code_kemendagri": kemendagri[r["kode_bps"]],
                "scheme": "both",
            }
        )
    return sorted(regions, key=lambda r: r["code"])


def kemendagri_disagreements(ref: Path) -> list[tuple[str, str, str]]:
    """(kode_bps, file 1 kode_kemendagri, crosswalk kode_kemendagri) where they differ."""
    crosswalk = {r["kode_bps"]: r["kode_kemendagri"] for r in read_csv(ref / F_CROSSWALK)}
    return [
        (r["kode_bps"], r["kode_kemendagri"], crosswalk.get(r["kode_bps"], ""))
        for r in read_csv(ref / F_KABKOTA_2025)
        if r["kode_kemendagri"] != crosswalk.get(r["kode_bps"], "")
    ]


# =========================================================================== observations


def panel_observations(ref: Path, names) -> list[dict]:
    """(a) kab/kota P0, count, GK, P1, P2 2015–2025 (Susenas March) from file 11."""
    out = []
    for r in read_csv(ref / F_PANEL):
        if r["periode"] != "Maret":
            raise SystemExit(f"unexpected periode {r['periode']}")
        sources = {}
        for part in filter(None, (p.strip() for p in r["sumber"].split(";"))):
            keys, tag = part.split(":", 1)
            for key in keys.split("+"):
                measure = PANEL_TAG_KEYS[key]
                sources[measure] = PANEL_SOURCE_TAGS[(measure, tag)]
        catatan = r["catatan"]
        scope = next(
            (m for prefix, m in PANEL_NOTE_SCOPE.items() if catatan.startswith(prefix)), None
        )
        for column, measure in PANEL_VALUE_COLUMNS.items():
            if not r[column]:
                continue
            if measure not in sources:
                raise SystemExit(f"no source tag for {measure} of {r['kode_bps']} {r['tahun']}")
            note = catatan if scope is None or measure in scope else ""
            out.append(
                observation(
                    r["kode_bps"],
                    measure,
                    r["tahun"],
                    "march",
                    r[column],
                    sources[measure],
                    note,
                    names,
                )
            )
    return out


def kabkota_2025_observations(ref: Path, names) -> list[dict]:
    """(b) kab/kota IPM 2025 (new method) from file 1."""
    return [
        observation(
            r["kode_bps"],
            "hdi",
            r["tahun"],
            "annual",
            r["ipm"],
            "bps_kabkota_2025",
            KABKOTA_HDI_NOTE,
            names,
        )
        for r in read_csv(ref / F_KABKOTA_2025)
        if r["ipm"]
    ]


def kabkota_2021_observations(ref: Path, names) -> list[dict]:
    """(c) kab/kota TPT 2021 (Sakernas August) from file 2, without the 'no data' zeros."""
    out = []
    for r in read_csv(ref / F_KABKOTA_2021):
        value = r["tpt_persen"]
        if r["kode_bps"] in KAGGLE_TPT_NO_DATA:
            if float(value) != 0:
                raise SystemExit(f"expected TPT 0.0 (no data) for {r['kode_bps']}")
            continue
        if not value or float(value) == 0:
            raise SystemExit(f"unexpected empty/zero TPT for {r['kode_bps']}")
        out.append(
            observation(
                r["kode_bps"],
                "unemployment",
                r["tahun"],
                "august",
                value,
                "kaggle_kemiskinan_2021",
                "",
                names,
            )
        )
    return out


def first_year_of_new_provinces(rows, value_column) -> int:
    """First year in which one of the 2022 Papua provinces has a value."""
    years = [
        int(r["tahun"]) for r in rows if r["kode_bps"] in NEW_PROVINCES_2025 and r[value_column]
    ]
    return min(years)


def territory_note(code: str, year: int, first_new_year: int) -> str:
    if code not in SPLIT_PROVINCES:
        return ""
    return TERRITORY_AFTER if year >= first_new_year else TERRITORY_BEFORE


def join_notes(*notes: str) -> str:
    return "; ".join(n for n in notes if n)


def province_poverty_observations(ref: Path, names) -> tuple[list[dict], list[str]]:
    """(d) province and national P0, count, GK (March/September) from file 4."""
    rows = read_csv(ref / F_PROV_POVERTY)
    first_new = min(int(r["tahun"]) for r in rows if r["kode_bps"] in NEW_PROVINCES_2025)
    columns = {
        "p0_persen": "p0",
        "jumlah_miskin_ribu": "poor_count",
        "garis_kemiskinan_rp": "poverty_line",
    }
    out, excluded = [], []
    for r in rows:
        if r["kode_bps"] == NATION_CODE:
            continue  # replaced by file 19 (national_observations)
        year = int(r["tahun"])
        for column, measure in columns.items():
            key = (r["kode_bps"], column, r["tahun"], r["periode"])
            if not r[column]:
                continue
            if key in PROV_POVERTY_EXCLUDED:
                excluded.append(PROV_POVERTY_EXCLUDED[key])
                continue
            out.append(
                observation(
                    r["kode_bps"],
                    measure,
                    year,
                    PERIOD_FROM_SOURCE[r["periode"]],
                    r[column],
                    "bps_prov_poverty",
                    territory_note(r["kode_bps"], year, first_new),
                    names,
                )
            )
    if len(excluded) != len(PROV_POVERTY_EXCLUDED):
        raise SystemExit("an excluded file-4 value was not found")
    return out, excluded


def province_indicator_observations(ref: Path, names) -> list[dict]:
    """(e) province TPT (August) and IPM from Statistik Indonesia (file 5)."""
    rows = read_csv(ref / F_PROV_INDICATORS)
    out = []
    for indicator, (measure, period) in PROV_INDICATOR_MEASURES.items():
        selected = [r for r in rows if r["indikator"] == indicator]
        first_new = first_year_of_new_provinces(selected, "nilai")
        for r in selected:
            if not r["nilai"]:
                continue
            year = int(r["tahun"])
            citation = f"{r['publikasi']}, tabel {r['tabel']}, hlm. {r['halaman_pdf']}"
            note = join_notes(
                citation, r["catatan"], territory_note(r["kode_bps"], year, first_new)
            )
            out.append(
                observation(
                    r["kode_bps"],
                    measure,
                    year,
                    period,
                    r["nilai"],
                    "bps_statistik_indonesia",
                    note,
                    names,
                )
            )
    return out


def tangerang_observations(ref: Path, names, source_by_url, held) -> tuple[list[dict], list[str]]:
    """(f) Kota Tangerang facts from kota_tangerang_fakta.csv; checks rows already held."""
    out, verified = [], []
    for r in read_csv(ref / F_TANGERANG):
        ind, year, value = r["indikator"], r["tahun"], r["nilai"]
        mapping = (
            TANGERANG_CSV_MAP.get((ind, year, value))
            or TANGERANG_CSV_MAP.get((ind, year, "*"))
            or TANGERANG_CSV_MAP.get((ind, "*", "*"))
        )
        if mapping is None:
            raise SystemExit(f"unmapped Kota Tangerang row {ind} {year} {value}")
        if mapping[0] == VERIFY:
            measure = mapping[1]
            expected = float(value) / 1000 if r["satuan"] == "jiwa" else float(value)
            key = (
                TANGERANG,
                measure,
                int(year),
                "march" if measure != "unemployment" else "august",
            )
            if key not in held or abs(float(held[key]) - expected) > 1e-6:
                raise SystemExit(f"fact {ind} {year}={value} disagrees with data {held.get(key)}")
            verified.append(f"{ind} {year} = {value}")
            continue
        measure, period, note = mapping
        source = source_by_url[r["sumber_url"]]
        out.append(
            observation(
                TANGERANG,
                measure,
                year,
                period,
                value,
                source,
                note if note is not None else r["keterangan"],
                names,
            )
        )
    return out, verified


def extra_fact_observations(ref: Path, names, evidence: Evidence) -> list[dict]:
    """(f, g) figures typed in from facts.md / keterangan, each checked against that text."""
    out = []
    for region, measure, year, period, value, source, note, proof in EXTRA_FACTS:
        evidence.check(proof, f"{region} {measure} {year}")
        evidence.check(value if "." in value else None, f"{region} {measure} {year}")
        out.append(observation(region, measure, year, period, value, source, note, names))
    for abbreviation, code in EXTREME_POVERTY_18_PROVINCES.items():
        match = re.search(rf"\b{abbreviation} (\d+\.\d+)", evidence.text)
        if match is None:
            raise SystemExit(f"{abbreviation} not found in facts.md")
        out.append(
            observation(
                code,
                "extreme_poverty",
                2023,
                "march",
                match.group(1),
                "katadata_20231120",
                EXTREME_POVERTY_18_NOTE,
                names,
            )
        )
    return out


def build_observations(ref: Path, names) -> tuple[list[dict], dict]:
    source_by_url = {s["url"]: s["id"] for s in SOURCES if s["url"]}
    evidence = Evidence(ref)
    rows = panel_observations(ref, names)
    rows += kabkota_2025_observations(ref, names)
    rows += kabkota_2021_observations(ref, names)
    province_rows, excluded = province_poverty_observations(ref, names)
    rows += province_rows
    rows += province_indicator_observations(ref, names)
    rows, second_pass = second_pass_observations(ref, names, rows)
    held = {(r["region_code"], r["measure"], r["year"], r["period"]): r["value"] for r in rows}
    tangerang_rows, verified = tangerang_observations(ref, names, source_by_url, held)
    rows += tangerang_rows
    rows += extra_fact_observations(ref, names, evidence)
    rows += history_count_line_observations(ref, names) + urban_rural_p1p2_observations(ref, names)
    info = {"excluded": excluded, "verified": verified, "second_pass": second_pass}
    return sorted(rows, key=sort_key), info


def build_targets(ref: Path, names) -> list[dict]:
    evidence = Evidence(ref)
    rows = []
    for region, measure, year, period, value, source, note, proof in TARGETS:
        evidence.check(proof, f"target {region} {measure} {year}")
        row = observation(region, measure, year, period, value, source, note, names)
        del row["status"]
        row.update(basis=PROGRAM_TARGET_BASIS, year_stated="yes", verify="no")
        rows.append(row)
    rows += build_official_targets(ref, names)
    return sorted(rows, key=target_sort_key)


def target_sort_key(row):
    return (*sort_key(row), row["basis"])


def build_official_targets(ref: Path, names) -> list[dict]:
    """Every row of target_kemiskinan.csv (SOURCES.md §21) as a target with its legal basis.

    A single value stays in `value`; a range in `lower`/`upper` ("below x" is `upper` alone);
    a target with no number (SDG 1.2, a relative target) is kept with all three empty. A row
    without a target year (Kota Tangerang's 4.8 % "in the coming years") is dated to the end of
    its plan period, with `year_stated` = no so the dashboard says so. Conflicting targets for
    the same year are all kept: the basis is part of a target's key."""
    source_rows = read_csv(ref / F_TARGETS)
    if len(source_rows) != TARGET_REFERENCE_ROWS:
        raise SystemExit(f"{F_TARGETS}: {len(source_rows)} rows, SOURCES.md says {TARGET_REFERENCE_ROWS}")
    rows = []
    for line, source_row in enumerate(source_rows, start=2):
        region, measure = source_row["kode_bps"], source_row["indikator"]
        if region not in names:
            raise SystemExit(f"{F_TARGETS} line {line}: unknown region {region}")
        if measure not in MEASURE_BY_ID:
            raise SystemExit(f"{F_TARGETS} line {line}: unknown measure {measure}")
        basis = source_row["dasar_hukum"]
        if not basis:
            raise SystemExit(f"{F_TARGETS} line {line}: no legal basis")
        plan = PLAN_PERIOD.search(basis)
        plan_period = f"{plan.group(1)}-{plan.group(2)}" if plan else ""
        year, year_stated = source_row["tahun_target"], "yes"
        if not year:
            if not plan:
                raise SystemExit(f"{F_TARGETS} line {line}: no target year and no plan period")
            year, year_stated = plan.group(2), "no"
        period = TARGET_PERIOD
        exception = TARGET_PERIOD_EXCEPTIONS.get((region, measure, year))
        if exception is not None:
            period, proof = exception
            if proof not in source_row["catatan"]:
                raise SystemExit(f"{F_TARGETS} line {line}: period exception without its evidence {proof!r}")
        value, lower, upper = (fmt_value(source_row[c]) if source_row[c] else ""
                               for c in ("nilai_target", "nilai_bawah", "nilai_atas"))
        if value and (lower or upper):
            raise SystemExit(f"{F_TARGETS} line {line}: both a value and a range")
        if lower and upper and float(lower) > float(upper):
            raise SystemExit(f"{F_TARGETS} line {line}: lower bound above upper bound")
        verify = region != NATION_CODE and basis.startswith(VERIFY_BASIS_PREFIX)
        rows.append({
            "region_code": region, "region_name": names[region], "measure": measure, "year": int(year),
            "period": period, "value": value, "lower": lower, "upper": upper,
            "unit": MEASURE_BY_ID[measure]["unit"], "basis": basis, "plan_period": plan_period,
            "year_stated": year_stated, "verify": "yes" if verify else "no", "source": source_row["sumber"],
            "source_url": source_row["sumber_url"], "note": source_row["catatan"],
        })
    return rows


# =========================================================================== catalog


def build_sources() -> list[dict]:
    return [dict(s) for s in SOURCES]


def build_programs(ref: Path) -> dict:
    evidence = Evidence(ref)
    programs = []
    for p in PROGRAMS:
        rules = []
        for rule in p["rules"]:
            evidence.check(rule["_evidence"], f"rule {p['id']}.{rule['id']}")
            rules.append({k: v for k, v in rule.items() if not k.startswith("_")})
        programs.append({**p, "rules": rules})
    return {"strategies": STRATEGIES, "programs": programs}


# =========================================================================== geo


def _round(value: float) -> float:
    rounded = round(value, GEO_DECIMALS)
    return 0.0 if rounded == 0 else rounded  # no "-0.0"


def round_ring(ring: list) -> list:
    """Round a linear ring and drop consecutive duplicates; keep it closed and >= 4 points."""
    rounded = [[_round(p[0]), _round(p[1])] for p in ring]
    deduped = [rounded[0]]
    for point in rounded[1:]:
        if point != deduped[-1]:
            deduped.append(point)
    if deduped[0] != deduped[-1]:
        deduped.append(deduped[0])
    return deduped if len(deduped) >= 4 else rounded


def round_geometry(geometry: dict) -> dict:
    kind = geometry["type"]
    if kind == "Polygon":
        coordinates = [round_ring(ring) for ring in geometry["coordinates"]]
    elif kind == "MultiPolygon":
        coordinates = [
            [round_ring(ring) for ring in polygon] for polygon in geometry["coordinates"]
        ]
    else:
        raise SystemExit(f"unexpected geometry type {kind}")
    return {"type": kind, "coordinates": coordinates}


def build_geo(ref: Path) -> dict[str, list[str]]:
    """Copy the three layers at reduced precision, each feature with a string kode_bps."""
    codes = {}
    for source_name, (target_name, code_property) in GEO_FILES.items():
        layer = json.loads((ref / source_name).read_text(encoding="utf-8"))
        features = []
        for feature in layer["features"]:
            properties = {"kode_bps": str(feature["properties"][code_property])}
            properties.update({k: v for k, v in feature["properties"].items() if k != "kode_bps"})
            features.append(
                {
                    "type": "Feature",
                    "properties": properties,
                    "geometry": round_geometry(feature["geometry"]),
                }
            )
        features.sort(key=lambda f: f["properties"]["kode_bps"])
        text = json.dumps(
            {"type": "FeatureCollection", "features": features},
            ensure_ascii=False,
            separators=(",", ":"),
        )
        (DATA / "geo").mkdir(parents=True, exist_ok=True)
        (DATA / "geo" / target_name).write_text(text + "\n", encoding="utf-8")
        codes[target_name] = [f["properties"]["kode_bps"] for f in features]
    return codes


# =========================================================================== checks


def verify(regions, observations, targets, geo_codes) -> None:
    """Fail loudly if the output breaks the data contract."""
    levels = Counter(r["level"] for r in regions)
    assert levels == {"nation": 1, "province": 38, "kabkota": 514}, levels
    codes = {r["code"] for r in regions}
    source_ids = {s["id"] for s in SOURCES}
    assert len(source_ids) == len(SOURCES), "duplicate source id"
    assert len(MEASURE_BY_ID) == len(MEASURES), "duplicate measure id"
    for name, rows in (("observations", observations), ("targets", targets)):
        keys = Counter((r["region_code"], r["measure"], r["year"], r["period"], r.get("basis")) for r in rows)
        duplicates = [k for k, n in keys.items() if n > 1]
        assert not duplicates, f"duplicate keys in {name}: {duplicates[:5]}"
        # Official targets cite their source in words (SOURCES.md §21 gives no source ids).
        cited = {r["source"] for r in rows if name == "observations" or r["basis"] == PROGRAM_TARGET_BASIS}
        assert cited <= source_ids, f"unknown source in {name}"
        assert {r["measure"] for r in rows} <= set(MEASURE_BY_ID), f"unknown measure in {name}"
        assert {r["region_code"] for r in rows} <= codes, f"unknown region in {name}"
    for p in PROGRAMS:
        assert set(p["measures"]) <= set(MEASURE_BY_ID)
        assert {r["source"] for r in p["rules"]} <= source_ids
    assert {m["program"] for m in MEASURES if m["program"]} == {p["id"] for p in PROGRAMS}
    value = {
        (r["region_code"], r["measure"], r["year"], r["period"]): r["value"] for r in observations
    }
    assert value[(TANGERANG, "p0", 2021, "march")] == "5.93"
    assert value[(TANGERANG, "p0", 2025, "march")] == "5.19"
    assert value[(NATION_CODE, "p0", 2025, "march")] == "8.47"
    verify_targets(targets)
    kabkota = sorted(r["code"] for r in regions if r["level"] == "kabkota")
    provinces_2020 = sorted(
        r["code"] for r in regions if r["level"] == "province" and r["scheme"] == "both"
    )
    provinces_2025 = sorted(r["code"] for r in regions if r["level"] == "province")
    assert geo_codes["kabkota_2020.geojson"] == kabkota
    assert geo_codes["provinsi_34.geojson"] == provinces_2020
    assert geo_codes["provinsi_38.geojson"] == provinces_2025


def verify_targets(targets) -> None:
    """The official targets the dashboard's answers rest on, checked against SOURCES.md §21."""
    official = [r for r in targets if r["basis"] != PROGRAM_TARGET_BASIS]
    assert len(official) == TARGET_REFERENCE_ROWS, len(official)
    by_key = defaultdict(list)
    for r in official:
        by_key[(r["region_code"], r["measure"], r["year"])].append(r)
    banten_2025 = by_key[("36", "p0", 2025)]
    assert [(r["lower"], r["upper"], r["verify"]) for r in banten_2025] == [("4.5", "5.5", "yes")], banten_2025
    # Conflicting official targets are all kept: extreme poverty 2025 (RPJMN range, budget law 0)
    # and 2026 (RPJMN below 0.5, draft budget 0-0.5, presidential directive 0).
    assert len(by_key[(NATION_CODE, "extreme_poverty", 2025)]) == 2
    assert len(by_key[(NATION_CODE, "extreme_poverty", 2026)]) == 3
    below = [r for r in by_key[(NATION_CODE, "extreme_poverty", 2026)] if r["basis"].startswith("Perpres 12/2025")]
    assert [(r["value"], r["lower"], r["upper"]) for r in below] == [("", "", "0.5")], below
    tangerang = by_key[(TANGERANG, "p0", 2029)]
    assert [(r["value"], r["year_stated"], r["plan_period"]) for r in tangerang] == [("4.8", "no", "2025-2029")]
    assert sum(r["verify"] == "yes" for r in official) == 38  # 19 provinces × (2025, 2029)


# =========================================================================== README


def coverage_table(observations, regions) -> str:
    level_of = {r["code"]: r["level"] for r in regions}
    groups = defaultdict(list)
    for r in observations:
        groups[(r["measure"], level_of[r["region_code"]])].append(r)
    order = {m["id"]: i for i, m in enumerate(MEASURES)}
    level_order = {"nation": 0, "province": 1, "kabkota": 2}
    lines = [
        "| measure | level | rows | regions | years | periods | sources |",
        "|---|---|---:|---:|---|---|---|",
    ]
    for measure, level in sorted(groups, key=lambda k: (order[k[0]], level_order[k[1]])):
        rows = groups[(measure, level)]
        years = sorted({r["year"] for r in rows})
        span = _year_span(years)
        periods = ", ".join(sorted({r["period"] for r in rows}, key=PERIODS.index))
        sources = ", ".join(sorted({r["source"] for r in rows}))
        lines.append(
            f"| {measure} | {level} | {len(rows)} | "
            f"{len({r['region_code'] for r in rows})} | {span} | {periods} | {sources} |"
        )
    return "\n".join(lines)


def _year_span(years: list[int]) -> str:
    """2015–2025 when contiguous, else a list."""
    if len(years) > 1 and years == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}–{years[-1]}"
    return ", ".join(str(y) for y in years)


def per_year_counts(observations, regions, measure, level) -> str:
    level_of = {r["code"]: r["level"] for r in regions}
    counts = Counter(
        r["year"]
        for r in observations
        if r["measure"] == measure and level_of[r["region_code"]] == level
    )
    return ", ".join(f"{y}: {n}" for y, n in sorted(counts.items()))


def second_pass_readme(info: dict) -> str:
    """The data/README.md paragraph on the second-pass files and their checks."""
    left_out_extreme = "\n".join(f"  - {text}" for text in info["extreme_left_out"])
    left_out_program = "\n".join(f"  - `{key}`: {why}" for key, why in PROGRAM_EXTRA_LEFT_OUT.items())
    # S608: the words "where ... and" in this Markdown text look like SQL to the linter.
    return f"""Second pass (SOURCES.md §12–20):

- **P1/P2**: kab/kota 2015–2024 from BPS tables 622/623 (file 13) replace the partial Open Data
  Jabar, Aceh and bantenprov values; where both exist they agree ({info['agree']} of
  {info['replaced']} superseded values equal, or equal after rounding bantenprov's 3 decimals;
  the one difference is Labuhan Batu Utara TPT 2021, 5.71 at BPS vs 5.74 in the Kaggle file).
  Provinces: 2015–2023 March (34, file 14), March/September 2024 and March 2025 (38, file 20);
  September 2025 only Banten, Jawa Tengah and Kalimantan Barat (three decimals, news).
- **National**: P0, number of poor, GK, P1, P2, urban and rural P0 (`p0_urban`, `p0_rural`) and the
  Gini ratio (`gini`, BPS releases quoted in the news, outlets in each note), March and September.
- **Labour**: TPT and TPAK (`labour_participation`) by kab/kota, Sakernas August (file 15).
- **HDI** by kab/kota with its method (file 16): see the IPM caveat below.
- **Extreme poverty**: Kab. Tangerang 2020 = 2.75 % (head of BPS Kab. Tangerang, Tangerangupdate,
  26 Apr 2022). Left out, a different concept (households on the P3KE/Regsosek by-name list, not a
  Susenas rate):
{left_out_extreme}
- **Kota Tangerang programmes** (file 18): RTLH units 2014–2020 and running totals to 2018–2021;
  virtual job-fair hires to Oct 2021 and to 5 Dec 2023; registered job-seekers; Si Praja, BLK and
  entrepreneurship trainees; free-schooling pupils. **Where sources disagree both figures are kept
  and the note starts with `BERTENTANGAN`** (the Program page says so in words): RTLH 2019 is 500
  (TangerangNews, Dec 2019: period `december`) and 387 (Tempo 2022: `annual`); the 2025 running
  total 10,656 vs 8,656 + 1,000; the pupils' total 18,734 vs 16,622 + 8,600 = 25,222; 4,031 hires
  2020–Oct 2021 vs 1,090 + 4,036. Left out:
{left_out_program}
- **Long series** (`p0_history`, file 12): kab/kota P0 2004–2014. A row whose note starts with
  `jeda keterbandingan` follows a change of territory (implied population ±30 % or more); rows
  before 2008 precede the Susenas method change. Pages cut the line at both and never join it to
  the 2015–2025 `p0` series."""  # noqa: S608


def file_size(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1_000_000:.2f} MB" if size >= 100_000 else f"{size / 1000:.1f} kB"


def build_readme(regions, observations, targets, info) -> str:
    geo = DATA / "geo"
    geo_total = sum((geo / name).stat().st_size for name, _ in GEO_FILES.values())
    # What the build writes (the hand-edited inputs in data/source and catalog/matching.yaml are not counted).
    data_total = sum(
        p.stat().st_size for p in DATA.rglob("*") if p.is_file() and p.name != "README.md"
        and SOURCE_DIR not in p.parents and p.name != "matching.yaml"
    )
    sources_used = sorted({r["source"] for r in observations}
                          | {r["source"] for r in targets if r["basis"] == PROGRAM_TARGET_BASIS})
    excluded = "\n".join(f"  - {text}" for text in info["excluded"])
    verified = "\n".join(f"- {text}" for text in info["verified"])
    return README_TEMPLATE.format(
        regions_rows=len(regions),
        regions_size=file_size(DATA / "regions.csv"),
        obs_rows=len(observations),
        obs_size=file_size(DATA / "observations.csv"),
        targets_rows=len(targets),
        targets_size=file_size(DATA / "targets.csv"),
        sources_count=len(SOURCES),
        sources_used=len(sources_used),
        measures_count=len(MEASURES),
        programs_count=len(PROGRAMS),
        kabkota_geo_size=file_size(geo / "kabkota_2020.geojson"),
        prov34_geo_size=file_size(geo / "provinsi_34.geojson"),
        prov38_geo_size=file_size(geo / "provinsi_38.geojson"),
        geo_total=f"{geo_total / 1_000_000:.2f} MB",
        data_total=f"{data_total / 1_000_000:.2f} MB",
        coverage=coverage_table(observations, regions),
        p1_years=per_year_counts(observations, regions, "p1", "kabkota"),
        p2_years=per_year_counts(observations, regions, "p2", "kabkota"),
        excluded=excluded or "  - (none)",
        verified=verified,
        provenance=provenance_table(),
        second_pass=second_pass_readme(info["second_pass"]),
        hdi_years=per_year_counts(observations, regions, "hdi", "kabkota"),
        tpt_years=per_year_counts(observations, regions, "unemployment", "kabkota"),
        history_years=per_year_counts(observations, regions, "p0_history", "kabkota"),
    )


# The text of data/README.md around the tables the build fills in (str.format fields in braces).
README_TEMPLATE = (SOURCE_DIR / "README.template.md").read_text(encoding="utf-8")


# =========================================================================== main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--reference",
        type=Path,
        default=DEFAULT_REFERENCE,
        help="reference directory (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    ref = args.reference.resolve()
    if not (ref / F_PANEL).exists():
        raise SystemExit(f"reference files not found in {ref}")

    regions = build_regions(ref)
    names = {r["code"]: r["name"] for r in regions}
    observations, info = build_observations(ref, names)
    targets = build_targets(ref, names)
    geo_codes = build_geo(ref)
    verify(regions, observations, targets, geo_codes)
    verify_second_pass(observations, info["second_pass"])
    verify_history_and_urban_rural(observations)
    add_province_gaps(observations, regions)

    write_csv(DATA / "regions.csv", REGION_COLUMNS, regions)
    write_csv(DATA / "observations.csv", OBS_COLUMNS, observations)
    write_csv(DATA / "targets.csv", TARGET_COLUMNS, targets)
    write_yaml(DATA / "catalog" / "sources.yaml", build_sources())
    write_yaml(DATA / "catalog" / "measures.yaml", MEASURES)
    write_yaml(DATA / "catalog" / "programs.yaml", build_programs(ref))
    catalog.load_catalog(DATA / "catalog")  # self-check: the catalog written must load (CatalogError otherwise)
    (DATA / "README.md").write_text(
        build_readme(regions, observations, targets, info), encoding="utf-8"
    )

    disagreements = kemendagri_disagreements(ref)
    print(f"regions {len(regions)}, observations {len(observations)}, targets {len(targets)}")
    print(f"Kemendagri code disagreements file 1 vs crosswalk: {len(disagreements)}")
    for code, file1, crosswalk in disagreements:
        print(f"  {code}: file 1 {file1}, crosswalk {crosswalk} (crosswalk kept)")
    for text in info["excluded"]:
        print(f"left out: {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
