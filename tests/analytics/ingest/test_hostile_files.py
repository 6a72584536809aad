"""Issue 20, item 8: hostile files are refused with a clear message in bounded time, before the
expensive reading starts, and the store is unchanged (files built here; values illustrative)."""

from __future__ import annotations

import datetime
import io
import time
import zipfile

import openpyxl
import pytest

from analytics.ingest import parser as ingest
from analytics.ingest.loading import check_upload

# Seconds a refusal may take here (the machine is shared and slow; main took minutes).
BOUND = 10.0


def refused(content: bytes, name: str = "berkas.csv", **options):
    started = time.perf_counter()
    parsed = ingest.parse(content, file_name=name, **options)
    elapsed = time.perf_counter() - started
    assert parsed.frame.empty and [p.severity for p in parsed.problems] == ["error"], parsed.problems
    assert elapsed < BOUND, elapsed
    return parsed.problems[0]


def zip_bomb(expanded_mb: int = 400) -> bytes:
    """An .xlsx-looking zip whose one sheet unpacks to `expanded_mb` MB of blanks (about 0.4 MB)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            chunk = b" " * (1024 * 1024)
            for _ in range(expanded_mb):
                sheet.write(chunk)
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    bomb = zip_bomb()
    assert len(bomb) < 2 * 1024 * 1024
    problem = refused(bomb, "bom.xlsx")
    assert problem.message_en.startswith("File refused: this Excel file is too large once unpacked (400 MB; at most")


def test_a_workbook_with_too_many_columns_is_refused():
    book = openpyxl.Workbook()
    book.active.append([f"k{i}" for i in range(ingest.MAX_COLUMNS + 100)])
    book.active.append(list(range(ingest.MAX_COLUMNS + 100)))
    buffer = io.BytesIO()
    book.save(buffer)
    problem = refused(buffer.getvalue(), "lebar.xlsx")
    assert problem.message_en == "File refused: too many columns (600; at most 500). " \
                                 "Delete empty columns or split the table."
    assert problem.message_id.startswith("Berkas ditolak: terlalu banyak kolom (600; paling banyak 500).")


def test_16k_columns_of_csv_are_refused():
    header = ",".join("k" * 16_384)
    problem = refused(f"{header}\n{','.join('1' * 16_384)}\n".encode())
    assert "too many columns (16,384" in problem.message_en


def test_one_50_mb_line_is_refused_in_bounded_time_naming_the_line():
    content = b"kode_wilayah,indikator,tahun,periode,nilai\n" + b"1," * (25 * 1024 * 1024) + b"\n"
    problem = refused(content)
    assert (problem.row, problem.message_en.split(":")[0]) == (2, "File refused")
    assert "line 2 is 52,428,800 characters long" in problem.message_en
    assert "baris 2 panjangnya 52.428.800 karakter" in problem.message_id


def test_too_many_rows_are_refused(monkeypatch):
    monkeypatch.setattr(ingest, "MAX_ROWS", 10)
    rows = "".join(f"3671,p0,{2000 + i},Maret,5\n" for i in range(20))
    problem = refused(("kode_wilayah,indikator,tahun,periode,nilai\n" + rows).encode())
    assert "too many rows" in problem.message_en


def test_a_file_mixing_utf8_and_windows_encodings_names_the_garbled_lines():
    content = ("kode_wilayah,nama_wilayah,indikator,tahun,periode,nilai\n"
               "3671010,Cipondoh,rtlh_units,2025,tahunan,5\n"
               "3671020,Karawaci Baru Ã©,rtlh_units,2025,tahunan,6\n").encode() + \
              "3671030,Pinang é,rtlh_units,2025,tahunan,7\n".encode("cp1252")
    problem = refused(content)
    assert problem.row == 4
    assert problem.message_en.startswith("The file mixes two text encodings: line 4 is not UTF-8")


@pytest.mark.parametrize("encoding", ["utf-16", "cp1252"])
def test_whole_files_in_utf16_or_windows_encoding_are_still_read(encoding):
    content = ("kode_wilayah,nama_wilayah,indikator,tahun,periode,nilai\n"
               "3671010,Pinang é,rtlh_units,2025,tahunan,7\n").encode(encoding)
    parsed = ingest.parse(content, file_name="baik.csv")
    assert parsed.frame["region_name"].tolist() == ["Pinang é"]


def test_the_store_is_unchanged_after_a_hostile_upload(tiny_store):
    check = check_upload(tiny_store, zip_bomb(50 + ingest.MAX_XLSX_EXPANDED // (1024 * 1024)), file_name="bom.xlsx")
    assert check.status == "rejected" and tiny_store.data_version() == 0


@pytest.mark.parametrize(("written", "period"), [
    ("03", "march"), ("3", "march"), ("Mar", "march"), ("Mrt", "march"), ("Sem 1", "march"),
    ("Semester 2 (September)", "september"), ("semester II", "september"), ("9", "september"), ("Agt", "august"),
])
def test_periods_as_staff_write_them_are_read_as_the_period_they_mean(written, period):
    """Issue 20, item 11 (illustrative value)."""
    content = f"kode_wilayah;indikator;tahun;periode;nilai\n3671;p0;2024;{written};5,43\n".encode()
    assert ingest.parse(content, file_name="p0.csv").frame["period"].tolist() == [period]


@pytest.mark.parametrize("written", ["13", "Semester 2 (Maret)"])
def test_an_impossible_period_is_left_for_the_validator_to_name(tiny_store, written):
    content = f"kode_wilayah;indikator;tahun;periode;nilai\n3671;p0;2024;{written};5,43\n".encode()
    check = check_upload(tiny_store, content, file_name="p0.csv")
    assert check.status == "rejected" and {(p.row, p.column) for p in check.errors} == {(2, "period")}


def workbook(cells: dict[str, object]) -> bytes:
    book = openpyxl.Workbook()
    for reference, value in cells.items():
        book.active[reference] = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_two_cells_far_apart_are_refused_for_memory_without_ending_the_server():
    # 6 KB: calamine would hold A1:XFD1048576 (17 billion cells) and Rust ends a process whose
    # allocation fails. Read in a bounded child, the child ends and this process goes on.
    problem = refused(workbook({"A1": "kode_wilayah", "XFD1048576": 1}), "jauh.xlsx")
    assert problem.message_en.startswith(
        f"File refused: reading this Excel file needs more than {ingest.MAX_XLSX_MEMORY // 2**20:,} MB of memory")
    assert problem.message_id.startswith("Berkas ditolak: membaca berkas Excel ini memerlukan lebih dari")
    assert ingest.parse(workbook({"A1": "x"}), file_name="kecil.xlsx").problems[0].message_en.startswith("Layout not")


def test_a_workbook_that_takes_too_long_is_refused_and_not_read_twice_at_once(monkeypatch, tiny_store):
    monkeypatch.setattr(ingest, "MAX_XLSX_SECONDS", 0.01)
    monkeypatch.setattr(ingest, "_REFUSED_XLSX", {})
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("data")
    sheet.append(["kode_wilayah", "indikator", "tahun", "nilai"])
    for i in range(20_000):
        sheet.append(["3671", "rtlh_units", 2000 + i % 25, i])
    buffer = io.BytesIO()
    book.save(buffer)
    started = time.perf_counter()
    check = check_upload(tiny_store, buffer.getvalue(), file_name="lambat.xlsx")  # looks for targets, then parses
    assert time.perf_counter() - started < BOUND
    assert check.status == "rejected" and tiny_store.data_version() == 0
    assert [p.message_en for p in check.errors] == [
        "File refused: reading this Excel file took more than 0 seconds. Save only the data sheet as CSV or a "
        "new .xlsx, or split the file into several parts."]
    assert len(ingest._REFUSED_XLSX) == 1


def test_a_workbook_read_in_the_child_reports_progress_and_keeps_dates_as_written():
    calls: list[tuple[float, str]] = []
    content = workbook({"A1": "kode_wilayah", "B1": "indikator", "C1": "tahun", "D1": "nilai", "E1": "catatan",
                        "A2": "3671", "B2": "p0", "C2": 2024, "D2": 5.43, "E2": datetime.datetime(2024, 3, 1)})
    parsed = ingest.parse(content, file_name="t.xlsx", progress=lambda f, label: calls.append((f, label)))
    assert parsed.frame["note"].tolist() == ["2024-03-01T00:00:00"] and parsed.frame["value"].tolist() == [5.43]
    fractions = [f for f, _ in calls]
    assert fractions[0] == 0.0 and fractions[-1] == 1.0 and fractions == sorted(fractions) and len(calls) >= 4
