"""Issue 20, item 8: hostile files are refused with a clear message in bounded time, before the
expensive reading starts, and the store is unchanged (files built here; values illustrative)."""

from __future__ import annotations

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
