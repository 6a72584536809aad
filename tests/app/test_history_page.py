"""Riwayat & pemulihan in AppTest: the revision list reads who, what kind, why and how much
first; what a revision changed; rollback needs a reason and a confirmation."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import as_editor
from tests.app.test_access import refused
from tests.conftest import ROOT

# An upload as staff would send it (a correction of Kota Tangerang P0 2025 and one new
# figure): illustrative numbers, in this test's own store only.
UPLOAD = pd.DataFrame({"region_code": ["3671", "3603"], "measure": ["p0", "p0"], "year": [2025, 2026],
                       "period": ["march", "march"], "value": [5.20, 6.10], "status": ["final", "final"],
                       "source": ["uji", "uji"], "note": [None, None]})


@pytest.fixture
def app(writable_store, monkeypatch) -> AppTest:
    monkeypatch.setenv("DATABASE_URL", writable_store.url)
    writable_store.load(UPLOAD, user="siti", file_name="koreksi.csv", sha256="a" * 64, note="Koreksi P0 (uji)")
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    return app


def test_anonymous_visitors_cannot_reach_the_history_page(app):
    app.run()
    refused(app, "pages/history.py")


def test_revisions_are_listed_newest_first_with_kind_note_and_counts_before_the_fingerprint(app, writable_store):
    as_editor(app, "pages/history.py")
    assert not app.exception
    revisions = app.dataframe[0].value
    assert list(revisions.columns) == ["Revisi", "Waktu (UTC)", "Oleh", "Jenis", "Catatan", "Baru", "Berubah",
                                       "Tetap", "Dihapus", "Berkas", "SHA-256"]
    assert revisions["Revisi"].tolist() == [2, 1]
    assert revisions["Jenis"].tolist() == ["unggahan", "data awal"]
    newest = revisions.iloc[0]
    assert (newest["Oleh"], newest["Catatan"], newest["Baru"], newest["Berubah"], newest["Berkas"]) == (
        "siti", "Koreksi P0 (uji)", "1", "1", "koreksi.csv")
    # Counts carry the language's thousands separator (issue #14): the seed's tens of thousands of rows
    # read "12.345" in Indonesian, never "12345".
    seeded = writable_store.revision(1).rows_added
    assert seeded > 9999 and revisions.iloc[1]["Baru"] == f"{seeded:,}".replace(",", ".")
    assert "T" not in newest["Waktu (UTC)"] and "+00:00" not in newest["Waktu (UTC)"]
    # The newest revision is chosen: what it changed, old value beside new.
    changes = app.dataframe[1].value.set_index("Kode")
    assert changes.loc["3671", "Nilai lama"] == "5,19 %" and changes.loc["3671", "Nilai baru"] == "5,20 %"
    assert changes.loc["3603", "Nilai lama"] == "tidak ada data"


def test_revision_counts_read_with_english_separators_in_english(app, writable_store):
    app.query_params["lang"] = "en"
    as_editor(app, "pages/history.py")
    revisions = app.dataframe[0].value
    seeded = writable_store.revision(1).rows_added
    assert revisions.iloc[1]["Added"] == f"{seeded:,}" and revisions.iloc[0]["Unchanged"] == "0"


def test_a_rollback_needs_a_reason_and_a_confirmation_then_is_a_new_revision(app, writable_store):
    as_editor(app, "pages/history.py")
    app.selectbox(key="history_revision").set_value(1)
    app.run()
    rollback = next(b for b in app.button if b.label == "Pulihkan ke revisi 1")
    rollback.click()
    app.run()
    assert app.error and writable_store.data_version() == 2  # no reason, no confirmation: nothing written
    app.text_input[0].input("Koreksi ditarik (uji)")
    app.checkbox[0].check()
    next(b for b in app.button if b.label == "Pulihkan ke revisi 1").click()
    app.run()
    assert writable_store.data_version() == 3
    assert writable_store.revision(3).kind == "rollback"
    assert writable_store.observations(regions=["3671"], measures=["p0"], years=[2025])["value"].tolist() == [5.19]
    assert any(s.value.startswith("Dipulihkan sebagai revisi 3") for s in app.success)
    # Issue 20, item 12: the form is gone (the new revision is chosen), so it cannot be sent twice.
    assert app.selectbox(key="history_revision").value == 3
    assert not [b for b in app.button if b.label.startswith("Pulihkan ke revisi")]
    # A rollback reads no file: its file and fingerprint cells are empty, not "None" (the staff
    # walkthrough read it as a file named None).
    newest = app.dataframe[0].value.iloc[0]
    assert (newest["Jenis"], newest["Berkas"], newest["SHA-256"]) == ("pemulihan", "", "")


def test_excel_download_is_offered_only_up_to_its_row_limit(app, monkeypatch):
    from analytics.outputs import exports

    as_editor(app, "pages/history.py")
    excel = next(b for b in app.get("download_button") if "(Excel)" in b.proto.label)
    assert not excel.proto.disabled
    # As of revision 2 the store holds the seeded rows (data/observations.csv) plus the upload's
    # one new row; with the limit below that, the CSV stays and the Excel button is off with the
    # reason, which counts them in Indonesian digits.
    rows = len(pd.read_csv(ROOT / "data" / "observations.csv", dtype=str)) + 1
    monkeypatch.setattr(exports, "EXCEL_DOWNLOAD_ROWS", 1000)
    app.run()
    excel = next(b for b in app.get("download_button") if "(Excel)" in b.proto.label)
    csv = next(b for b in app.get("download_button") if "(CSV)" in b.proto.label)
    assert excel.proto.disabled and not csv.proto.disabled
    count = f"{rows:,}".replace(",", ".")
    assert any(f"Excel hanya untuk paling banyak 1.000 baris; revisi ini punya {count} baris" in c.value
               for c in app.caption)
