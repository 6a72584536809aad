"""Bounded memory for large accepted files (issue #20, item 8): looking for a target header reads
the first rows only. Before, the whole file became a grid of Python strings just to answer "is this
a target file?" (1.2 GB peak for a 63 MB CSV; benchmarks/upload_memory.py measures the whole dry run)."""

from __future__ import annotations

import io
import tracemalloc

import openpyxl

from analytics.ingest import parser as ingest

ROWS = 100_000
CSV = ("kode_wilayah,indikator,tahun,periode,nilai,satuan,status,sumber,catatan\n"
       + "3671000001,rtlh_units,2020,annual,12,count,final,uji,\n" * ROWS).encode()


def peak_bytes(action) -> int:  # type: ignore[no-untyped-def]
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_sniffing_a_large_csv_for_a_target_header_reads_only_its_first_rows():
    assert len(CSV) > 5_000_000
    # A 2 MB prefix decoded and its delimiter sniffed, then 40 rows: about 10 MB. The whole file as
    # a grid (as before) took 94 MB for this 5.4 MB file.
    assert peak_bytes(lambda: ingest.sniff_targets(CSV)) < 16_000_000
    assert peak_bytes(lambda: ingest._target_grid(CSV, None)) > 60_000_000  # what the limit avoids
    assert ingest.sniff_targets(CSV) is False


def test_a_target_file_is_still_recognised_by_its_header():
    header = b"kode_wilayah,indikator,tahun,nilai,dasar_hukum\n3671,p0,2026,4.5,RPJMD 2025-2029\n"
    assert ingest.sniff_targets(b"Target kemiskinan\n\n" + header)


def test_sniffing_a_large_workbook_stops_after_the_header_rows():
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("data")
    sheet.append(["kode_wilayah", "indikator", "tahun", "nilai", "dasar_hukum"])
    for i in range(20_000):
        sheet.append(["3671", "p0", 2000 + i % 26, 5.0, "RPJMD"])
    buffer = io.BytesIO()
    book.save(buffer)
    grid, lines, _ = ingest._xlsx_grid(buffer.getvalue(), None, limit=ingest.HEADER_SEARCH_ROWS)
    assert len(grid) == ingest.HEADER_SEARCH_ROWS and lines[-1] == ingest.HEADER_SEARCH_ROWS
    assert ingest.sniff_targets(buffer.getvalue())
