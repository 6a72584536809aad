"""Issue 20: control characters refused at the door and never able to break an export (item 3),
every database limit a validation rule so a previewed file saves on both stores (item 9),
observations from the future refused (item 14). Illustrative values, tests' own stores only."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from analytics.catalog import default_catalog
from analytics.ingest import validate
from analytics.ingest.loading import check_upload, import_observations, save_upload
from analytics.ingest.schemas import MAX_SOURCE
from analytics.outputs import exports

HEADER = "kode_wilayah,indikator,tahun,periode,nilai,sumber,catatan\n"


def csv(*rows: str) -> bytes:
    return (HEADER + "".join(row + "\n" for row in rows)).encode("utf-8")


def problems_of(check) -> list[tuple[int | None, str]]:
    return [(p.row, p.column) for p in check.errors]


@pytest.mark.parametrize(("character", "code"), [("\x0b", "U+000B"), ("\x08", "U+0008"), ("\x1b", "U+001B")])
def test_a_control_character_in_a_note_is_refused_with_its_line_and_code(tiny_store, character, code):
    check = check_upload(tiny_store, csv("3671,p0,2024,Maret,5.43,uji,ok", f"3671,p0,2025,Maret,5.19,uji,a{character}b"),
                         file_name="catatan.csv")
    assert check.status == "rejected"
    assert problems_of(check) == [(3, "note")]
    assert code in check.errors[0].message_en and "invisible control character" in check.errors[0].message_en
    assert check.errors[0].value == "a·b"
    assert tiny_store.data_version() == 0


def test_a_nul_after_the_first_8_kb_is_refused_on_the_command_line_path_too(tiny_store):
    """(A NUL in the first 8 KB makes the file binary, refused as such already.) On SQLite and
    PostgreSQL: PostgreSQL cannot store a NUL, so the preview must refuse it."""
    rows = [f"3671,p0,{year},Maret,5.{year % 10},uji,{'x' * 300}" for year in range(1990, 2025)]
    rows.append("3671,p0,2025,Maret,5.19,uji,akhir\x00catatan")
    content = csv(*rows)
    assert content.index(b"\x00") > 8192
    result = import_observations(tiny_store, content, user="siti", file_name="panjang.csv", note="uji")
    assert result.status == "rejected"
    assert [(p.row, p.column) for p in result.errors] == [(37, "note")]
    assert tiny_store.data_version() == 0


def test_tabs_and_line_breaks_in_a_note_are_kept(tiny_store):
    check = check_upload(tiny_store, csv('3671,p0,2025,Maret,5.19,uji,"baris satu\nbaris\tdua"'), file_name="ok.csv")
    assert check.status == "accepted"


def test_an_excel_download_of_stored_control_characters_does_not_fail():
    """An older store may hold one: the download removes it instead of failing for every visitor."""
    frame = pd.DataFrame({"region_code": ["3671"], "value": [5.19], "note": ["a\x0bb\x00c"]})
    book = openpyxl.load_workbook(io.BytesIO(exports.excel_bytes(frame, pd.DataFrame({"source": []}))))
    assert book["data"]["C2"].value == "abc"
    assert "\x0b" not in exports.csv_bytes(frame).decode("utf-8-sig")


def test_a_revision_note_and_file_name_lose_their_control_characters(tiny_store):
    check = check_upload(tiny_store, csv("3671,p0,2025,Maret,5.19,uji,"), file_name="p0\x07.csv")
    revision = save_upload(tiny_store, check, user="siti", note="koreksi\x0b uji\nbaris dua")
    assert (revision.file_name, revision.note) == ("p0.csv", "koreksi uji\nbaris dua")


@pytest.mark.parametrize(("length", "status"), [(MAX_SOURCE, "accepted"), (MAX_SOURCE + 1, "rejected")])
def test_a_previewed_source_always_saves_and_one_too_long_is_refused_in_the_preview(tiny_store, length, status):
    """Runs on SQLite and PostgreSQL (the 201-character source passed the dry run and then failed
    the save with a raw database error on PostgreSQL)."""
    source = "s" * length
    check = check_upload(tiny_store, csv(f"3671,p0,2025,Maret,5.19,{source},"), file_name="sumber.csv")
    assert check.status == status
    if status == "rejected":
        assert check.errors[0].message_en == f"Text too long: {length} characters, at most {MAX_SOURCE}. Shorten it."
        return
    revision = save_upload(tiny_store, check, user="siti", note="uji")
    assert tiny_store.observations(regions=["3671"])["source"].tolist() == [source]
    assert revision.rows_added == 1


def test_a_kecamatan_name_over_200_characters_is_refused_before_the_save(tiny_store):
    content = ("kode_wilayah,nama_wilayah,indikator,tahun,periode,nilai\n"
               f"3671010,{'n' * 201},rtlh_units,2025,tahunan,5\n").encode()
    check = check_upload(tiny_store, content, file_name="kecamatan.csv")
    assert check.status == "rejected" and problems_of(check) == [(2, "region_name")]


def test_an_observation_from_a_future_year_is_refused_but_a_target_is_not(tiny_store, monkeypatch):
    monkeypatch.setattr(validate, "current_year", lambda: 2026)
    check = check_upload(tiny_store, csv("3671,p0,2026,Maret,5.1,uji,", "3671,p0,2033,Maret,4.0,uji,"),
                         file_name="masa_depan.csv")
    assert check.status == "rejected" and problems_of(check) == [(3, "year")]
    assert check.errors[0].message_en.startswith("That year has not happened yet: observations can be dated 2026")
    targets = pd.DataFrame({"row": [2], "region_code": ["3671"], "measure": ["p0"], "year": ["2033"],
                            "period": ["march"], "value": ["3.5"], "source": ["rpjmd"], "note": [None]})
    _, problems = validate.validate_targets(targets, default_catalog(), {"3671"})
    assert problems == []


def test_a_new_sqlite_store_is_readable_by_its_owner_only(tmp_path):
    """Issue 20, item 10: the file holds password hashes and the audit log."""
    import stat

    from analytics.store.store import Store

    path = tmp_path / "dasbor.sqlite"
    store = Store(f"sqlite:///{path}")
    store.migrate()
    store.dispose()
    for file in [path, *path.parent.glob("dasbor.sqlite-*")]:
        assert stat.S_IMODE(file.stat().st_mode) & 0o077 == 0, file
