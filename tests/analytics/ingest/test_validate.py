"""The validator reports every problem at once, with line, column, value and both languages."""

import pandas as pd

from analytics.catalog import default_catalog
from analytics.ingest import parser as ingest
from analytics.ingest.validate import validate_observations

REGIONS = {"00", "36", "3671", "3672"}


def check(text: str) -> list:
    parsed = ingest.parse_tidy(text.encode(), file_name="t.csv")
    _, problems = validate_observations(parsed.frame, default_catalog(), REGIONS)
    return parsed.problems + problems


def test_a_good_file_has_no_problem():
    assert check("kode_wilayah,indikator,tahun,periode,nilai\n3671,p0,2025,Maret,5.19\n") == []


def test_all_domain_problems_come_back_together():
    problems = check(
        "kode_wilayah,indikator,tahun,periode,nilai\n"
        "3671,p0,2025,Maret,519\n"          # line 2: percentage over 100
        "9999,p0,2025,Maret,5.1\n"          # line 3: unknown region
        "3671,kemiskinan,2025,Maret,5.1\n"  # line 4: unknown measure
        "3672,poor_count,2025,Maret,-3\n"   # line 5: negative count
    )
    found = {(p.row, p.column) for p in problems if p.severity == "error"}
    assert found == {(2, "value"), (3, "region_code"), (4, "measure"), (5, "value")}
    assert all(p.message_id and p.message_en for p in problems)


def test_schema_problems_name_line_column_and_value():
    problems = check("kode_wilayah,indikator,tahun,periode,nilai\n3671,p0,dua ribu,Maret,5.19\n36x,p0,2025,Maret,5\n")
    cells = {(p.row, p.column, p.value) for p in problems}
    assert (2, "year", "dua ribu") in cells
    assert (3, "region_code", "36x") in cells


def test_a_year_that_is_not_a_number_is_named_on_its_line_and_nowhere_else():
    # pandera cannot range-check a year column it could not coerce and says so with a
    # whole-column TypeError; the user sees only the cell that is wrong.
    problems = check("kode_wilayah,indikator,tahun,periode,nilai\n3671,p0,2024*,Maret,5.43\n3671,p0,2025,Maret,5.19\n")
    assert {(p.row, p.column, p.value, p.message_en) for p in problems} == {
        (2, "year", "2024*", "Year must be a whole number, e.g. 2024.")}


def test_conflicting_duplicates_are_errors_identical_ones_warnings():
    problems = check("kode_wilayah,indikator,tahun,periode,nilai\n"
                     "3671,p0,2025,Maret,5.19\n3671,p0,2025,Maret,5.20\n"
                     "3672,p0,2025,Maret,3.44\n3672,p0,2025,Maret,3.44\n")
    assert {(p.row, p.severity) for p in problems} == {(2, "error"), (3, "error"), (5, "warning")}


def test_a_hundredfold_jump_is_a_warning_not_a_rejection():
    problems = check("kode_wilayah,indikator,tahun,periode,nilai\n"
                     "3671,poverty_line,2024,Maret,785113\n3671,poverty_line,2025,Maret,8385350000\n")
    assert [(p.row, p.severity) for p in problems] == [(3, "warning")]


def test_illustrative_rows_are_refused_for_the_main_store():
    parsed = ingest.parse_tidy(b"kode_wilayah,indikator,tahun,nilai,status\n3671,p0,2025,5.19,ilustrasi\n")
    _, problems = validate_observations(parsed.frame, default_catalog(), REGIONS)
    assert [(p.row, p.column) for p in problems] == [(2, "status")]
    _, allowed = validate_observations(parsed.frame, default_catalog(), REGIONS, allow_illustrative=True)
    assert allowed == []


def test_empty_frame_is_one_problem():
    _, problems = validate_observations(pd.DataFrame(), default_catalog(), REGIONS)
    assert len(problems) == 1
