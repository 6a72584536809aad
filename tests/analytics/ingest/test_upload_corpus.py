"""The upload corpus: real-looking files staff have, each with its expected outcome.

Every file in tests/fixtures/uploads/ goes through the parser, the matcher and the
validator an upload goes through (ingest.parse → matching.resolve →
validate.validate_observations), without a store: loading.check_upload's further
steps (the diff, new kecamatan/desa, the P0-versus-count check) are tested in
test_input_hardening, test_new_regions and test_target_upload. Each file must end as EXPECTED says: accepted with these rows, or rejected with this message. Values
in the good files are real BPS figures from data/observations.csv (e.g. Kota
Tangerang P0 March 2024 5.43, 2025 5.19). tests/fixtures/uploads/EXPECTED.md
describes each file in words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest

from analytics import contract, paths
from analytics.catalog import default_catalog
from analytics.errors import Problem
from analytics.ingest import matching
from analytics.ingest import parser as ingest
from analytics.ingest.validate import validate_observations
from analytics.regions import RegionRegistry

UPLOADS = Path(__file__).resolve().parents[2] / "fixtures" / "uploads"


@dataclass(frozen=True)
class Expected:
    status: str  # "accepted" | "rejected"
    rows: int
    layout: str = "tidy"
    message: str = ""  # part of the English message of an error (rejected) or warning
    column: str = ""  # the column that error names
    values: dict[tuple[str, str, int, str], float] = field(default_factory=dict)  # (measure, code, year, period)
    kwargs: dict[str, str] = field(default_factory=dict)


KT = "3671"  # Kota Tangerang
EXPECTED: dict[str, Expected] = {
    "tidy_en.csv": Expected("accepted", 4, values={("p0", KT, 2024, "march"): 5.43, ("p0", KT, 2025, "march"): 5.19}),
    # "8,51" with a decimal comma is 8.51, not 851.
    "tidy_id_semicolon_decimal_comma_bom_crlf.csv": Expected(
        "accepted", 4, values={("p0", "3601", 2025, "march"): 8.51, ("p0", KT, 2025, "march"): 5.19}),
    # "838.535,00" is 838535 (Indonesian thousands dot).
    "tidy_id_tab_cp1252.tsv": Expected("accepted", 2, values={("poverty_line", KT, 2025, "march"): 838535.0}),
    # "838,535.00" is 838535 (English thousands comma).
    "tidy_en_thousands_separator.csv": Expected("accepted", 3, values={("poverty_line", KT, 2025, "march"): 838535.0}),
    # "5,19%" is 5.19 (the sign states the unit, which agrees with P0); "Rp 838.535" is 838535.
    "tidy_id_rupiah_and_percent_signs.csv": Expected(
        "accepted", 3, values={("p0", KT, 2025, "march"): 5.19, ("poverty_line", KT, 2025, "march"): 838535.0,
                               ("p0", "3674", 2025, "march"): 2.39}),
    # Excel stores 5,19 % as 0.0519 with a percent format: read as the reader sees it, 5.19.
    "tidy_excel_percent_format.xlsx": Expected("accepted", 3, values={("p0", KT, 2024, "march"): 5.43,
                                                                      ("p0", "3674", 2025, "march"): 2.39}),
    "tidy_template_second_sheet.xlsx": Expected("accepted", 2, values={("p0", KT, 2024, "march"): 5.43},
                                                kwargs={"sheet": "data"}),
    # 4 regions × 3 years = 12 rows; kab/kota P0 without a month is BPS's March.
    "wide_years_as_columns.csv": Expected("accepted", 12, layout="wide", message="read as that period",
                                          values={("p0", "3674", 2023, "march"): 2.57}, kwargs={"measure": "p0"}),
    # BANTEN 3 + 8 kab/kota × 3 − 1 cell "..." = 26; bare "Tangerang" under BANTEN is the Kabupaten.
    "bps_p0_kabkota_banten.csv": Expected(
        "accepted", 26, layout="bps", message="1 empty cell ",
        values={("p0", "36", 2023, "march"): 6.17, ("p0", "3603", 2025, "march"): 6.42, ("p0", KT, 2025, "march"): 5.19}),
    # 5 rows (4 provinces + INDONESIA) × 2 years × 2 semesters = 20.
    "bps_p0_provinsi_semester.csv": Expected(
        "accepted", 20, layout="bps",
        values={("p0", "15", 2024, "september"): 7.26, ("p0", "00", 2025, "march"): 8.47, ("p0", "75", 2025, "september"): 12.62}),
    # 3 regions × (P0 2024, P0 2025, poor 2025) = 9; "265,90" ribu jiwa = 265.9.
    "bps_column_titles_semicolon.csv": Expected(
        "accepted", 9, layout="bps", values={("p0", "3603", 2025, "march"): 6.42, ("p0", "3674", 2024, "march"): 2.36,
                                             ("poor_count", "3603", 2025, "march"): 265.9}),
    # BANTEN 2 + Pandeglang 2 + Tangerang 2 + Kota Tangerang 2 + Cilegon 1 ("-" in 2025) = 9; spreadsheet rows.
    "bps_p0_banten.xlsx": Expected("accepted", 9, layout="bps", message="1 empty cell ",
                                   values={("p0", "3601", 2024, "march"): 9.18, ("p0", "3672", 2024, "march"): 3.75}),
    # The year is chosen on BPS's site and not written in this export: refused until it is given.
    "bps_p0_banten_no_year_2024.xlsx": Expected("rejected", 0, layout="bps", column="year",
                                                message="BPS table without a year"),
    "bps_p0_banten_no_year_2024.xlsx#year": Expected(
        "accepted", 4, layout="bps", values={("p0", "3603", 2024, "march"): 6.55, ("p0", KT, 2024, "march"): 5.43},
        kwargs={"year": 2024}),  # type: ignore[dict-item]
    "names_instead_of_codes.csv": Expected(
        "accepted", 6, values={("p0", "3674", 2025, "march"): 2.39, ("p0", "36", 2025, "march"): 5.63, ("p0", "00", 2025, "march"): 8.47}),
    # Kemendagri 3171 is Jakarta Pusat = BPS 3173 (4.70); Kemendagri 3174 is Jakarta Selatan = BPS 3171 (3.23).
    "kemendagri_codes.csv": Expected("accepted", 3, values={("p0", "3173", 2025, "march"): 4.70,
                                                            ("p0", "3175", 2025, "march"): 6.33,
                                                            ("p0", "3171", 2025, "march"): 3.23}),
    # Measures as columns: 4 rows × 2 measures − 1 cell "-" = 7; poor_count "265,90" ribu jiwa = 265.9.
    "measures_as_columns_semicolon.csv": Expected(
        "accepted", 7, layout="measures", message="1 empty cell ",
        values={("p0", KT, 2024, "march"): 5.43, ("poor_count", KT, 2025, "march"): 124.76,
                ("poor_count", "3603", 2025, "march"): 265.9, ("p0", "3674", 2024, "march"): 2.36}),
    # 3 rows; the "Sumber:" row under the table is the source, not a row of data.
    "measures_as_columns_hdi.xlsx": Expected("accepted", 3, layout="measures",
                                             values={("hdi", "3674", 2025, "annual"): 84.81}),
    "wide_years_as_columns.csv#no-measure": Expected("rejected", 12, layout="wide", column="measure",
                                                     message="does not say which measure"),
    "bad_kemendagri_code_in_bps_column.csv": Expected("rejected", 1, column="region_code",
                                                      message="whose Kemendagri code is 3171"),
    "bad_unknown_measure.csv": Expected("rejected", 1, column="measure", message="is not known"),
    "bad_ambiguous_measure.csv": Expected("rejected", 1, column="measure", message="fits more than one measure"),
    "bad_ambiguous_region.csv": Expected("rejected", 1, column="region_name",
                                         message="Kab. Tangerang (3603); Kota Tangerang (3671)"),
    "bad_unmatched_region.csv": Expected("rejected", 1, column="region_name",
                                         message="Did you mean: Kota Tangerang Selatan (3674)"),
    "bad_binary.csv": Expected("rejected", 0, message="not readable text"),
    "empty.csv": Expected("rejected", 0, message="The file is empty"),
    "bad_not_a_number.csv": Expected("rejected", 2, column="value", message="Not a number"),
    "bad_measures_as_columns_not_a_number.csv": Expected("rejected", 2, layout="measures",
                                                         column="Persentase Penduduk Miskin (%)",
                                                         message="Not a number"),
    "bad_percent_sign_on_count.csv": Expected("rejected", 1, column="unit",
                                              message="Unit '%' does not match the measure's unit (thousand_people)"),
    "bad_decimal_slip_519.csv": Expected("rejected", 1, column="value", message="between 0 and 100"),
    "bad_missing_year_column.csv": Expected("rejected", 0, column="year", message="Required column(s) missing: year"),
    "bad_corrupt.xlsx": Expected("rejected", 0, message="cannot be opened"),
    "bad_old_excel.xls": Expected("rejected", 0, message="(.xls) are not supported"),
    "bad_poor_count_in_people.csv": Expected("rejected", 1, layout="bps", column="measure",
                                             message="states a unit other than"),
    "bad_province_without_period.csv": Expected("rejected", 4, layout="bps", column="period",
                                                message="No period stated for p0 at province/national level"),
    "bad_conflicting_duplicates.csv": Expected("rejected", 2, column="value", message="different values"),
    "bad_layout_prose.txt": Expected("rejected", 0, message="Layout not recognised"),
}


@pytest.fixture(scope="module")
def registry() -> RegionRegistry:
    return RegionRegistry(pd.read_csv(paths.REGIONS_FILE, dtype=str, keep_default_na=False))


def run_upload(path: Path, registry: RegionRegistry, **kwargs: str) -> tuple[ingest.ParsedFile, pd.DataFrame,
                                                                             list[Problem]]:
    """The upload path up to the store: parse, resolve, and validate when nothing is wrong yet."""
    catalog = default_catalog()
    parsed = ingest.parse(path, **kwargs)  # type: ignore[arg-type]
    resolution = matching.resolve(parsed.frame, registry, catalog)
    problems = parsed.problems + resolution.problems
    if not any(p.severity == "error" for p in problems):
        _, checked = validate_observations(resolution.frame, catalog, set(registry.frame["code"]))
        problems += checked
    return parsed, resolution.frame, problems


def test_every_file_in_the_corpus_has_an_expected_outcome():
    files = {p.name for p in UPLOADS.iterdir() if p.name != "EXPECTED.md"}
    listed = {name.split("#")[0] for name in EXPECTED}
    assert files == listed
    described = (UPLOADS / "EXPECTED.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in described for name in files)


@pytest.mark.parametrize("case", list(EXPECTED))
def test_corpus_file_ends_as_expected(case: str, registry: RegionRegistry):
    expected = EXPECTED[case]
    parsed, frame, problems = run_upload(UPLOADS / case.split("#")[0], registry, **expected.kwargs)
    errors = [p for p in problems if p.severity == "error"]
    status = "rejected" if errors else "accepted"
    assert status == expected.status, [p.message_en for p in problems]
    assert len(frame) == expected.rows
    assert parsed.layout == expected.layout
    if expected.message:
        pool = errors if expected.status == "rejected" else problems
        matches = [p for p in pool if expected.message in p.message_en]
        assert matches, [p.message_en for p in problems]
        if expected.column:
            assert any(p.column == expected.column for p in matches)
    for problem in problems:  # every problem is explained in both languages
        assert problem.message_id and problem.message_en and problem.message_id != problem.message_en
    for (measure, code, year, period), value in expected.values.items():
        row = frame[(frame["measure"] == measure) & (frame["region_code"] == code)
                    & (frame["year"].astype(int) == year) & (frame["period"] == period)]
        assert row["value"].tolist() == [pytest.approx(value)], (measure, code, year, period)


def test_accepted_files_leave_only_catalog_ids_and_bps_codes(registry: RegionRegistry):
    catalog = default_catalog()
    for case, expected in EXPECTED.items():
        if expected.status != "accepted":
            continue
        _, frame, _ = run_upload(UPLOADS / case.split("#")[0], registry, **expected.kwargs)
        assert set(frame["measure"]) <= set(catalog.measures), case
        assert set(frame["region_code"]) <= set(registry.frame["code"]), case
        assert list(frame.columns) == ["row", *contract.TIDY_COLUMNS], case


def test_bps_export_rows_point_at_the_lines_of_the_file(registry: RegionRegistry):
    # Line 1 is the title, line 2 the years, BANTEN is line 3 and Kota Tangerang line 8.
    _, frame, _ = run_upload(UPLOADS / "bps_p0_kabkota_banten.csv", registry)
    assert frame.loc[frame["region_code"] == "36", "row"].unique().tolist() == [3]
    assert frame.loc[frame["region_code"] == KT, "row"].unique().tolist() == [8]
    assert set(frame["source"]) == {"Badan Pusat Statistik"}  # from the "Sumber:" footnote


def test_xlsx_rows_are_spreadsheet_rows_and_sheets_are_listed(registry: RegionRegistry):
    parsed, frame, _ = run_upload(UPLOADS / "bps_p0_banten.xlsx", registry)
    # A1 title, B3 merged measure title, B4:C4 years, BANTEN in row 5, Kota Tangerang in row 8.
    assert frame.loc[frame["region_code"] == KT, "row"].unique().tolist() == [8]
    assert parsed.sheet_names == ["Tabel", "Catatan"]


def test_a_table_with_measures_as_columns_keeps_lines_and_takes_its_source_from_the_footnote(
        registry: RegionRegistry):
    parsed, frame, problems = run_upload(UPLOADS / "measures_as_columns_semicolon.csv", registry)
    # Line 2 (Kota Tangerang 2024) gives two rows, P0 first as in the file; line 5 only P0.
    assert frame.loc[frame["row"] == 2, "measure"].tolist() == ["p0", "poor_count"]
    assert frame.loc[frame["row"] == 5, "measure"].tolist() == ["p0"]
    assert frame["row"].is_monotonic_increasing
    # Both measures were read as March: one warning names both.
    assumed = [p.message_en for p in problems if p.column == "period"]
    assert assumed == ["No period stated; BPS kab/kota p0, poor_count refer to March, so they are read as that "
                       "period. (lines 2, 3, 4, 5)"]
    _, hdi, _ = run_upload(UPLOADS / "measures_as_columns_hdi.xlsx", registry)
    assert hdi["row"].tolist() == [3, 4, 5]  # spreadsheet rows under the title and header
    assert set(hdi["source"]) == {"BPS, Indeks Pembangunan Manusia 2025"}


def test_a_measure_chosen_for_a_single_measure_column_wins_over_its_title(registry: RegionRegistry):
    # "Tingkat kemiskinan" alone fits several measures; chosen as p0 it is read as p0.
    data = b"Wilayah,Tahun,Tingkat kemiskinan\nKota Tangerang,2025,5.19\n"
    parsed = ingest.parse(data, file_name="kemiskinan.csv", measure="p0")
    assert parsed.layout == "measures"
    assert parsed.frame["measure"].tolist() == ["p0"]
