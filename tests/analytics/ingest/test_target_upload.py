"""Regional targets from staff (issue #15) through the one upload path: the target template in
Indonesian and English, a range, a single value and "below x"; bad rows rejected with line,
column, value and a fix in both languages, the store unchanged. The targets are illustrative."""

from __future__ import annotations

import math

import pytest

from analytics.ingest import loading
from analytics.ingest import parser as ingest

# Illustrative RPJMD targets (not real documents): Kab. Lebak a range, Kota Cilegon a single value
# written the Indonesian way, Kota Serang "below x" written in the value cell.
GOOD_ID = (
    b"kode_wilayah;indikator;tahun_target;nilai_target;nilai_bawah;nilai_atas;dasar_hukum;sumber\n"
    b"3602;p0;2029;;6,5;7,0;Perda Kab. Lebak 1/2025 tentang RPJMD 2025-2029 (ilustrasi);uji\n"
    b"3672;p0;2029;3,1;;;Perda Kota Cilegon 2/2025 tentang RPJMD 2025-2029 (ilustrasi);uji\n"
    b"3673;extreme_poverty;2026;< 0,5;;;Perwal Kota Serang 3/2025 (ilustrasi);uji\n"
)
GOOD_EN = (
    b"region_code,measure,target_year,target_value,lower,upper,legal_basis\n"
    b"3602,p0,2029,,6.5,7.0,Perda Kab. Lebak 1/2025 tentang RPJMD 2025-2029 (ilustrasi)\n"
)
# Line 2: lower above upper; line 3: no legal basis; line 4: 480 is not a percentage.
BAD = (
    b"kode_wilayah,indikator,tahun_target,nilai_target,nilai_bawah,nilai_atas,dasar_hukum\n"
    b"3602,p0,2029,,7.5,6.5,Perda 1/2025 (ilustrasi)\n"
    b"3672,p0,2029,3.1,,,\n"
    b"3673,p0,2029,480,,,Perwal 3/2025 (ilustrasi)\n"
)


def test_a_target_file_is_recognised_and_read_with_all_three_kinds():
    parsed = ingest.parse_targets(GOOD_ID, file_name="target.csv")
    assert not parsed.problems
    rows = {r.region_code: r for r in parsed.frame.itertuples()}
    assert (rows["3602"].lower, rows["3602"].upper) == (6.5, 7.0) and math.isnan(rows["3602"].value)
    assert rows["3672"].value == 3.1  # "3,1"
    assert math.isnan(rows["3673"].value) and rows["3673"].upper == 0.5  # "< 0,5" is below 0.5
    assert set(parsed.frame["period"]) == {"march"}  # BPS poverty is March when the file says nothing


def test_target_upload_is_previewed_saved_and_rolled_back(writable_store):
    before = len(writable_store.targets())
    check = loading.check_upload(writable_store, GOOD_ID, file_name="target_rpjmd.csv")
    assert (check.status, check.kind) == ("accepted", "targets")
    assert (len(check.plan.targets_added), len(check.plan.targets_changed)) == (3, 0)
    assert len(writable_store.targets()) == before  # the preview wrote nothing
    revision = loading.save_upload(writable_store, check, user="siti", note="RPJMD (uji)")
    assert (revision.rows_added, revision.file_name) == (3, "target_rpjmd.csv")
    stored = writable_store.targets(regions=["3602"])
    assert (stored["lower"].tolist(), stored["upper"].tolist()) == ([6.5], [7.0])
    # The English template re-sends Lebak's range unchanged: nothing new.
    again = loading.check_upload(writable_store, GOOD_EN, file_name="target_en.csv")
    assert (again.status, again.plan.rows_added, again.plan.rows_unchanged) == ("accepted", 0, 1)
    undone = writable_store.rollback(revision.id - 1, user="siti")
    assert len(writable_store.targets()) == before
    assert writable_store.targets(regions=["3602"]).empty
    # The rollback revision lists the three targets it removed, with what they were.
    removed = writable_store.target_changes(undone.id).set_index("region_code")
    assert removed["change"].tolist() == ["removed"] * 3
    assert (removed.at["3602", "lower"], removed.at["3602", "upper"]) == (6.5, 7.0)


def test_bad_target_rows_are_rejected_with_line_column_value_and_a_fix_in_both_languages(writable_store):
    version = writable_store.data_version()
    check = loading.check_upload(writable_store, BAD, file_name="salah.csv")
    assert (check.status, check.kind) == ("rejected", "targets")
    found = {(p.row, p.column, p.value): p for p in check.errors}
    inverted = found[(2, "lower", "7.5")]
    assert inverted.message_id == "Batas bawah 7,5 lebih besar dari batas atas 6,5. Tukar kedua nilainya."
    assert inverted.message_en == "The lower bound 7.5 is above the upper bound 6.5. Swap the two values."
    empty_basis = found[(3, "basis", "")]
    assert "Dasar hukum kosong" in empty_basis.message_id and "legal basis is empty" in empty_basis.message_en
    percent = found[(4, "value", "480")]
    assert "antara 0 dan 100" in percent.message_id and "between 0 and 100" in percent.message_en
    assert len(check.errors) == 3
    assert writable_store.data_version() == version  # store unchanged


@pytest.mark.parametrize(("cell", "expected"), [("4,5–5,5", (None, 4.5, 5.5)), ("kurang dari 0,5", (None, None, 0.5)),
                                                ("below 0.5", (None, None, 0.5)), ("4,8", (4.8, None, None))])
def test_a_target_written_in_one_cell(cell, expected):
    data = f"kode_wilayah;indikator;tahun_target;nilai_target;dasar_hukum\n3671;p0;2029;{cell};Perda (ilustrasi)\n"
    row = ingest.parse_targets(data.encode()).frame.iloc[0]
    def clean(x):
        return None if math.isnan(x) else x
    assert (clean(row["value"]), clean(row["lower"]), clean(row["upper"])) == expected


def test_the_committed_targets_file_goes_through_the_same_upload_path_unchanged(seeded_store):
    # data/targets.csv (built from target_kemiskinan.csv) re-sent to the store seeded from it: all
    # 64 targets (62 official, 2 programme) known, none new or changed, the SDG 1.2 target without a
    # number accepted because its note says why.
    from analytics import paths

    check = loading.check_upload(seeded_store, paths.DATA_DIR / "targets.csv")
    assert (check.status, check.kind) == ("accepted", "targets")
    assert (check.plan.rows_added, check.plan.rows_changed, check.plan.rows_unchanged) == (0, 0, 64)


def test_a_target_without_a_number_or_a_note_is_rejected(writable_store):
    data = b"kode_wilayah;indikator;tahun_target;nilai_target;dasar_hukum\n3671;p0;2029;;Perda 1/2025 (ilustrasi)\n"
    check = loading.check_upload(writable_store, data, file_name="kosong.csv")
    assert check.status == "rejected"
    assert [(p.row, p.column) for p in check.errors] == [(2, "value")]
    assert "jelaskan di catatan" in check.errors[0].message_id


def test_a_target_workbook_is_read_once_and_checked_as_targets(writable_store):
    """A workbook is read in one child process: parse says it holds the target template (issue #20,
    item 8: looking for the header first read the largest workbook twice)."""
    import io

    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Target RPJMD (ilustrasi)"])
    for line in GOOD_ID.decode().splitlines():
        book.active.append(line.split(";"))
    buffer = io.BytesIO()
    book.save(buffer)
    parsed = ingest.parse(buffer.getvalue(), file_name="target.xlsx")
    assert (parsed.target_template, parsed.layout, parsed.frame.empty, parsed.problems) == (True, "targets", True, [])
    check = loading.check_upload(writable_store, buffer.getvalue(), file_name="target.xlsx")
    assert (check.status, check.kind, len(check.plan.targets_added)) == ("accepted", "targets", 3)
    assert check.frame.set_index("region_code").at["3672", "value"] == 3.1
