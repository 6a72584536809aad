"""A BPS table export that names no year (issue #20, item 11): refused with a message that says what,
where and how (both languages), loaded once the year is given (page, `--year`), the file name's
year offered as a suggestion only. Values are real BPS figures (P0 March 2024, data/observations.csv)."""

from __future__ import annotations

import datetime
import shutil

import pytest

from analytics.accounts import audit, auth
from analytics.cli import main
from analytics.ingest import parser as ingest
from analytics.ingest.loading import import_observations
from tests.conftest import FIXTURES

NO_YEAR = FIXTURES / "uploads" / "bps_p0_banten_no_year_2024.xlsx"
# (code, year, period) → value: BANTEN 5.84, bare "Tangerang" under BANTEN = Kab. Tangerang 6.55,
# Kota Tangerang 5.43, Kota Cilegon 3.75 (BPS, March 2024).
EXPECTED = {("36", 2024, "march"): 5.84, ("3603", 2024, "march"): 6.55, ("3671", 2024, "march"): 5.43,
            ("3672", 2024, "march"): 3.75}


def stored(store) -> dict[tuple[str, int, str], float]:
    rows = store.observations(measures=["p0"])
    return {(c, int(y), p): v for c, y, p, v in zip(rows["region_code"], rows["year"], rows["period"],
                                                     rows["value"], strict=True)}


def test_a_bps_table_without_a_year_is_refused_in_both_languages_saying_where_and_how(tiny_store):
    version = tiny_store.data_version()
    result = import_observations(tiny_store, NO_YEAR, user="siti", note="uji")
    assert result.status == "rejected" and result.revision is None
    (problem,) = result.errors
    assert problem.message_id.startswith("Tabel BPS tanpa tahun: berkas ini tampak seperti tabel BPS")
    assert problem.message_en.startswith("BPS table without a year: this file looks like a BPS table")
    # Where: the region column, the value column and the line of the column titles (line 3).
    assert "kolom A (Kabupaten/Kota)" in problem.message_id and "baris 3" in problem.message_id
    assert "values in column(s) B (Persentase Penduduk Miskin (P0) (Persen))" in problem.message_en
    assert (problem.row, problem.column) == (3, "year")
    # How: the page's box and the command line, with the file name's year as a suggestion.
    assert '"Tahun data"' in problem.message_id and "--year TAHUN" in problem.message_id
    assert "--year 2024" in problem.message_en and "The file name says 2024" in problem.message_en
    assert "Layout not recognised" not in problem.message_en
    assert tiny_store.data_version() == version and stored(tiny_store) == {}


def test_with_the_year_given_the_same_file_loads_its_real_values(tiny_store):
    result = import_observations(tiny_store, NO_YEAR, user="siti", note="uji", year=2024)
    assert result.status == "accepted", [p.message_en for p in result.errors]
    assert stored(tiny_store) == EXPECTED
    rows = tiny_store.observations(measures=["p0"])
    assert set(rows["source"]) == {"Badan Pusat Statistik"}  # the file's "Sumber:" footnote


def test_a_file_name_without_a_year_says_so_instead_of_suggesting_one(tmp_path):
    renamed = tmp_path / "tabel_bps_banten.xlsx"
    shutil.copy(NO_YEAR, renamed)
    parsed = ingest.parse(renamed)
    assert parsed.needs_year and parsed.layout == "bps"
    assert "does not name one clear year" in parsed.problems[0].message_en
    assert "--year 20" not in parsed.problems[0].message_en


@pytest.mark.parametrize(("name", "year"), [
    ("bps_p0_banten_no_year_2024.xlsx", 2024),
    ("Persentase Penduduk Miskin (P0) Menurut Kabupaten_Kota (Persen), 2023 (1).xlsx", 2023),
    ("P0-2019.csv", 2019),
    ("p0_2023_2024.xlsx", None),  # two years: which one?
    ("export_20230115.xlsx", None),  # a date stamp, not a year on its own
    ("tabel_621.xlsx", None),
    ("P0_2099.xlsx", None),  # observations cannot lie in the future
    ("", None),
])
def test_the_year_suggested_from_the_file_name(name, year):
    assert ingest.year_in_file_name(name) == year


def test_a_file_in_the_future_is_not_suggested_even_next_year():
    assert ingest.year_in_file_name(f"p0_{datetime.date.today().year + 1}.xlsx") is None
    assert ingest.year_in_file_name(f"p0_{datetime.date.today().year}.xlsx") == datetime.date.today().year


def test_a_file_that_names_its_years_keeps_them_whatever_year_is_given():
    parsed = ingest.parse(FIXTURES / "uploads" / "bps_p0_kabkota_banten.csv", year=2019)
    assert sorted(set(parsed.frame["year"])) == ["2023", "2024", "2025"]


def test_an_implausible_year_is_a_clear_problem_not_a_loop():
    parsed = ingest.parse(NO_YEAR, year=1800)
    (problem,) = parsed.problems
    assert problem.message_en.startswith("The year 1800 is not plausible")
    assert problem.message_id.startswith("Tahun 1800 tidak masuk akal")


def test_a_future_year_given_for_the_table_is_refused_by_the_validator(tiny_store):
    result = import_observations(tiny_store, NO_YEAR, user="siti", year=datetime.date.today().year + 1)
    assert result.status == "rejected" and stored(tiny_store) == {}


def test_the_command_line_suggests_year_then_loads_with_it(tiny_store, monkeypatch, capsys):
    auth.add_user(tiny_store, "siti", "editor", "kata-sandi-uji-panjang-1", by="test")
    monkeypatch.setenv("DATABASE_URL", tiny_store.url)
    assert main(["import", str(NO_YEAR), "--user", "siti", "--note", "uji"]) == 2
    out = capsys.readouterr().out
    assert "Tabel BPS tanpa tahun" in out and "BPS table without a year" in out and "--year 2024" in out
    assert out.strip().endswith("rejected: +0 ~0 =0")
    assert stored(tiny_store) == {}
    assert main(["import", str(NO_YEAR), "--user", "siti", "--note", "uji", "--year", "2024"]) == 0
    assert "accepted: +4 ~0 =0" in capsys.readouterr().out
    assert stored(tiny_store) == EXPECTED
    assert audit.entries(tiny_store, action="upload_save")["outcome"].tolist() == ["accepted", "rejected"]
