"""The upload flow in AppTest: valid → preview → save; invalid → problem table; anonymous → no access."""

from __future__ import annotations

import time

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.test_access import refused
from tests.conftest import ROOT

GOOD = b"kode_wilayah;indikator;tahun;periode;nilai\n3671;p0;2025;Maret;5,20\n3671;p0;2024;Maret;5,43\n"
BAD = b"kode_wilayah,indikator,tahun,periode,nilai\n3671,p0,2025,Maret,519\n9999,p0,2025,Maret,5\n"


@pytest.fixture
def app(writable_store, monkeypatch) -> AppTest:
    monkeypatch.setenv("DATABASE_URL", writable_store.url)
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


def as_editor(app: AppTest) -> AppTest:
    app.session_state["user"] = {"name": "siti", "role": "editor", "last_seen": time.time()}
    app.run()
    app.switch_page("pages/upload.py")
    app.run()
    return app


def test_anonymous_visitors_cannot_reach_the_upload_page(app):
    app.run()
    refused(app, "pages/upload.py")


def test_a_valid_file_is_previewed_then_saved_as_a_revision(app, writable_store):
    as_editor(app)
    assert app.title[0].value == "Unggah data"
    app.file_uploader[0].set_value(("p0_2025.csv", GOOD, "text/csv"))
    app.run()
    assert not app.exception
    # 2025 changes 5.19 → 5.20; 2024 (5.43) is already stored.
    assert any("0 baris baru, 1 berubah, 1 tidak berubah" in i.value for i in app.info)
    assert writable_store.data_version() == 1  # the preview wrote nothing
    app.text_area[0].input("Koreksi uji")
    next(b for b in app.button if b.label == "Simpan sebagai revisi baru").click()
    app.run()
    assert writable_store.data_version() == 2
    revision = writable_store.revision(2)
    assert (revision.user_name, revision.file_name, revision.rows_changed, revision.note) == (
        "siti", "p0_2025.csv", 1, "Koreksi uji")
    value = writable_store.observations(regions=["3671"], measures=["p0"], years=[2025])["value"].tolist()
    assert value == [5.2]


def test_an_invalid_file_shows_every_problem_and_saves_nothing(app, writable_store):
    as_editor(app)
    app.file_uploader[0].set_value(("salah.csv", BAD, "text/csv"))
    app.run()
    assert app.error[0].value.startswith("Berkas ditolak: 2 kesalahan")
    problems = app.dataframe[0].value
    assert problems["Baris"].tolist() == ["2", "3"]
    assert problems["Kolom"].tolist() == ["value", "region_code"]
    assert problems["Nilai"].tolist() == ["519", "9999"]
    assert writable_store.data_version() == 1
