"""`python -m analytics`: help, one-line errors, export in the tidy columns."""

from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd
import pytest

from analytics.accounts import audit, auth
from analytics.store.store import Store
from tests.conftest import ROOT


@pytest.fixture(autouse=True)
def tester(request: pytest.FixtureRequest) -> None:
    """Imports (dry runs too) need an enabled account: `tester`, an editor of the seeded store."""
    if "seeded_store" not in request.fixturenames:
        return
    store: Store = request.getfixturevalue("seeded_store")
    if "tester" not in set(auth.list_users(store)["name"]):
        auth.add_user(store, "tester", "editor", "kata-sandi-uji-panjang-1", by="test")


@pytest.fixture
def empty_cli_store(writable_store: Store) -> Store:
    """A private copy of the seeded store with an empty audit log."""
    with writable_store.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM audit_log")
        conn.exec_driver_sql("DELETE FROM users")
    return writable_store


def cli(*args: str, database: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analytics", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "DATABASE_URL": database}, timeout=120)


def test_help_explains_each_command(tmp_path):
    result = cli("--help", database=f"sqlite:///{tmp_path / 's.sqlite'}")
    assert result.returncode == 0
    for command in ("seed", "export", "history", "import", "rollback"):
        assert command in result.stdout


def test_bad_arguments_give_one_line_and_no_traceback(tmp_path):
    result = cli("exprot", "x.csv", database=f"sqlite:///{tmp_path / 's.sqlite'}")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_unreachable_database_is_one_line_not_a_traceback(tmp_path):
    result = cli("history", database="postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_export_writes_the_tidy_columns_with_real_values(seeded_store, tmp_path):
    out = tmp_path / "export.csv"
    result = cli("export", str(out), database=seeded_store.url)
    assert result.returncode == 0, result.stderr
    frame = pd.read_csv(out, dtype={"region_code": str})
    assert list(frame.columns) == ["region_code", "region_name", "measure", "year", "period", "value", "unit",
                                   "status", "source", "note"]
    row = frame[(frame.region_code == "3671") & (frame.measure == "p0") & (frame.year == 2025)]
    assert row[["region_name", "period", "value", "unit"]].values.tolist() == [
        ["Kota Tangerang", "march", 5.19, "percent"]]


def test_import_dry_run_json_reports_a_rejection_with_exit_2(seeded_store, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("kode_wilayah,indikator,tahun,periode,nilai\n3671,p0,2025,Maret,519\n", encoding="utf-8")
    result = cli("import", str(bad), "--dry-run", "--json", "--user", "tester", database=seeded_store.url)
    assert result.returncode == 2
    import json

    report = json.loads(result.stdout)
    assert report["status"] == "rejected"
    assert report["problems"][0]["row"] == 2
    assert report["problems"][0]["column"] == "value"
    assert report["problems"][0]["message_en"] == "A percentage must be between 0 and 100."


def test_users_add_reads_the_password_from_stdin_never_from_arguments(tmp_path):
    database = f"sqlite:///{tmp_path / 's.sqlite'}"
    with_argv = cli("users", "add", "siti", "--role", "editor", "--password", "x" * 12, database=database)
    assert with_argv.returncode == 2  # there is no --password option
    added = subprocess.run([sys.executable, "-m", "analytics", "users", "add", "siti", "--role", "editor"],
                           cwd=ROOT, input="rahasia-panjang-1\n", capture_output=True, text=True,
                           env={**os.environ, "DATABASE_URL": database}, timeout=120)
    assert added.returncode == 0, added.stderr
    listed = cli("users", "list", database=database)
    assert "siti" in listed.stdout and "editor" in listed.stdout
    assert "rahasia-panjang-1" not in listed.stdout
    log = cli("audit", "--action", "user_add", database=database)
    assert "siti (editor)" in log.stdout


def test_import_of_an_unreadable_number_names_it_once_with_the_column_it_is_in(seeded_store, tmp_path):
    import json

    # Measures as columns: the problem names the column title; the validator does not add
    # "a value is required" for the same cell.
    bad = ROOT / "tests" / "fixtures" / "uploads" / "bad_measures_as_columns_not_a_number.csv"
    result = cli("import", str(bad), "--dry-run", "--json", "--user", "tester", database=seeded_store.url)
    assert result.returncode == 2, result.stderr
    report = json.loads(result.stdout)
    assert [(p["row"], p["column"], p["value"], p["message_en"]) for p in report["problems"]] == [
        (3, "Persentase Penduduk Miskin (%)", "lima koma sembilan belas",
         "Not a number. Write a number such as 5.19 or 1,234.56.")]


def test_import_json_lists_the_kecamatan_it_registers(seeded_store, tmp_path):
    import json

    upload = tmp_path / "rtlh_kecamatan.csv"  # illustrative numbers; a dry run writes nothing
    upload.write_text("kode_kecamatan;kecamatan;tahun;Jumlah RTLH diperbaiki\n3671010;Ciledug;2023;120\n",
                      encoding="utf-8")
    result = cli("import", str(upload), "--dry-run", "--json", "--user", "tester", database=seeded_store.url)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["status"], report["rows_added"]) == ("accepted", 1)
    assert report["regions_added"] == [{"code": "3671010", "name": "Ciledug"}]


def test_a_dry_run_by_an_unknown_account_is_refused_and_audited_as_a_refusal(empty_cli_store, tmp_path):
    """Issue 20, item 4: not audited as if `hantu` had acted, but as a refused attempt."""
    upload = tmp_path / "p0.csv"
    upload.write_text("kode_wilayah,indikator,tahun,periode,nilai\n3671,p0,2025,Maret,5.2\n", encoding="utf-8")
    result = cli("import", str(upload), "--dry-run", "--user", "hantu", database=empty_cli_store.url)
    assert result.returncode == 1 and "hantu is not an enabled editor/admin account" in result.stderr
    log = audit.entries(empty_cli_store)
    assert list(zip(log["action"], log["user_name"].fillna(""), log["detail"], strict=True)) == [
        ("access_refused", "", "import_dry_run (cli): unknown account ('hantu')")]


def test_a_disabled_account_cannot_import_or_roll_back_and_each_refusal_is_audited(empty_cli_store, tmp_path):
    auth.add_user(empty_cli_store, "siti", "editor", "kata-sandi-uji-panjang-1", by="test")
    auth.disable_user(empty_cli_store, "siti", by="test")
    upload = tmp_path / "p0.csv"
    upload.write_text("kode_wilayah,indikator,tahun,periode,nilai\n3671,p0,2025,Maret,5.2\n", encoding="utf-8")
    assert cli("import", str(upload), "--user", "siti", "--note", "x", database=empty_cli_store.url).returncode == 1
    assert cli("rollback", "1", "--user", "Siti", database=empty_cli_store.url).returncode == 1
    log = audit.entries(empty_cli_store, action="access_refused")
    assert log["detail"].tolist()[::-1] == ["import (cli): disabled", "rollback (cli): disabled"]
    assert set(log["user_name"]) == {"siti"}
    assert empty_cli_store.data_version() == 1


def test_the_user_name_is_normalised_and_an_unchanged_import_writes_no_revision(empty_cli_store, tmp_path):
    auth.add_user(empty_cli_store, "ed1", "editor", "kata-sandi-uji-panjang-1", by="test")
    upload = tmp_path / "p0.csv"  # illustrative value, this test's store only
    upload.write_text("kode_wilayah,indikator,tahun,periode,nilai\n3671,p0,2025,Maret,5.2\n", encoding="utf-8")
    first = cli("import", str(upload), "--user", " ED1 ", "--note", "uji", database=empty_cli_store.url)
    assert first.returncode == 0, first.stderr
    assert empty_cli_store.revision(2).user_name == "ed1"
    again = cli("import", str(upload), "--user", "ed1", "--note", "uji", database=empty_cli_store.url)
    assert again.returncode == 0 and "+0 ~0 =1" in again.stdout
    assert empty_cli_store.data_version() == 2  # no empty revision 3
    assert audit.entries(empty_cli_store, action="upload_save")["user_name"].tolist() == ["ed1", "ed1"]


def test_brief_writes_the_regions_one_page_pdf_and_refuses_an_unknown_region(seeded_store, tmp_path):
    import io

    from pypdf import PdfReader

    target = tmp_path / "lebak.pdf"
    result = cli("brief", "Kab. Lebak", "--lang", "en", "--out", str(target), "--url", "https://dasbor.example",
                 database=seeded_store.url)
    assert result.returncode == 0, result.stderr
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    text = reader.pages[0].extract_text()
    assert len(reader.pages) == 1
    assert "Kab. Lebak" in text and "8.03 %" in text and "https://dasbor.example/?region=3602&lang=en" in text
    unknown = cli("brief", "9999", database=seeded_store.url)
    assert unknown.returncode == 1
    assert unknown.stderr.strip() == "kesalahan: Wilayah tidak dikenal: 9999 / error: Unknown region: 9999"
    both = cli("brief", "3671", "--all", "--out", str(tmp_path), database=seeded_store.url)
    assert both.returncode == 1 and "Give one REGION or --all" in both.stderr
