"""The upload flow in AppTest: valid → preview → save; invalid → problem table; anonymous → no access."""

from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from analytics.domain import provenance
from tests.app.conftest import as_editor, visible
from tests.app.test_access import refused
from tests.conftest import ROOT

GOOD = b"kode_wilayah;indikator;tahun;periode;nilai\n3671;p0;2025;Maret;5,20\n3671;p0;2024;Maret;5,43\n"
BAD = b"kode_wilayah,indikator,tahun,periode,nilai\n3671,p0,2025,Maret,519\n9999,p0,2025,Maret,5\n"


@pytest.fixture
def app(writable_store, monkeypatch) -> AppTest:
    monkeypatch.setenv("DATABASE_URL", writable_store.url)
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


def test_anonymous_visitors_cannot_reach_the_upload_page(app):
    app.run()
    refused(app, "pages/upload.py")


def test_a_valid_file_is_previewed_then_saved_as_a_revision(app, writable_store):
    as_editor(app, "pages/upload.py")
    assert app.title[0].value == "Unggah data"
    app.file_uploader[0].set_value(("p0_2025.csv", GOOD, "text/csv"))
    app.run()
    assert not app.exception
    # 2025 changes 5.19 → 5.20; 2024 (5.43) is already stored.
    assert any("0 baris baru, 1 berubah, 1 tidak berubah" in i.value for i in app.info)
    assert writable_store.data_version() == 1  # the preview wrote nothing
    # The "new rows" tab is empty and says so instead of showing an empty grid.
    assert [c.value for c in app.caption if c.value == "Tidak ada baris di sini."] == ["Tidak ada baris di sini."]
    assert len(app.dataframe) == 2  # changed and unchanged
    app.text_area[0].input("Koreksi uji")
    next(b for b in app.button if b.label == "Simpan sebagai revisi baru").click()
    app.run()
    assert writable_store.data_version() == 2
    # The saved file leaves the uploader: the page says what was saved, and checks nothing again.
    assert any(s.value.startswith("Tersimpan sebagai revisi 2") for s in app.success)
    assert not any("baris baru" in i.value for i in app.info)
    revision = writable_store.revision(2)
    assert (revision.user_name, revision.file_name, revision.rows_changed, revision.note) == (
        "siti", "p0_2025.csv", 1, "Koreksi uji")
    value = writable_store.observations(regions=["3671"], measures=["p0"], years=[2025])["value"].tolist()
    assert value == [5.2]
    # The file named no source, so it is its own; the Overview says so in words under the KPIs.
    assert writable_store.observations(regions=["3671"], measures=["p0"], years=[2025])["source"].tolist() == [
        "upload:p0_2025.csv"]
    app.switch_page("pages/overview.py")
    app.run()
    # The KPI and the source lines mark the value as a staff upload, with revision and day.
    day = provenance.day_text(date.fromisoformat(revision.created_at[:10]), "id")
    assert any(f"⬆ diunggah petugas, revisi 2, {day} (berkas p0_2025.csv)" in visible(c.value) for c in app.caption)


def test_an_invalid_file_shows_every_problem_and_saves_nothing(app, writable_store):
    as_editor(app, "pages/upload.py")
    app.file_uploader[0].set_value(("salah.csv", BAD, "text/csv"))
    app.run()
    assert app.error[0].value.startswith("Berkas ditolak: 2 kesalahan")
    problems = app.dataframe[0].value
    assert problems["Baris"].tolist() == ["2", "3"]
    assert problems["Kolom"].tolist() == ["value", "region_code"]
    assert problems["Nilai"].tolist() == ["519", "9999"]
    # Above the table (whose cells cut long text off) each explanation is written out in full.
    summary = next(m.value for m in app.markdown if m.value.startswith("- **"))
    assert visible(summary).splitlines() == [
        "- **Baris 2 · kolom value · nilai “519”**: Persentase harus antara 0 dan 100.",
        "- **Baris 3 · kolom region_code · nilai “9999”**: Kode wilayah 9999 tidak ada dalam daftar wilayah BPS."]
    assert writable_store.data_version() == 1


def test_the_problem_summary_groups_lines_and_never_renders_file_text_as_markdown(app, writable_store):
    as_editor(app, "pages/upload.py")
    rows = "".join(f"3671,p0,{year},Maret,{value}\n" for year, value in
                   [(2015, 519), (2016, 520), (2017, 521), (2018, 522), (2019, 523), (2020, 524), (2021, 525)])
    bad = ("kode_wilayah,indikator,tahun,periode,nilai\n" + rows + "3671,**[x](http://a)**,2022,Maret,5\n").encode()
    app.file_uploader[0].set_value(("salah.csv", bad, "text/csv"))
    app.run()
    lines = next(m.value for m in app.markdown if m.value.startswith("- **")).splitlines()
    # Seven percentages over 100 are one kind of problem: five lines named, then how many more.
    assert visible(lines[0]) == (
        "- **Baris 2, 3, 4, 5, 6 dan 2 lainnya · kolom value**: Persentase harus antara 0 dan 100.")
    # Every Markdown character of the file's text is escaped, and the bare link broken.
    assert lines[1].startswith("- **Baris 9 · kolom measure · nilai “\\*\\*\\[x\\]\\(http\u2060\\:\\/\\/a\\)\\*\\*”**")
    assert writable_store.data_version() == 1


def test_a_table_whose_title_names_no_known_measure_asks_for_the_measure_then_reads_it(app, writable_store):
    import io

    from openpyxl import Workbook

    # A staff spreadsheet: a title row that is not a catalog measure, years as columns
    # (illustrative numbers, in this test's own store only).
    book = Workbook()
    sheet = book.active
    sheet.append(["Rekapitulasi Perbaikan RTLH Kota Tangerang"])
    sheet.append(["Wilayah", 2022, 2023])
    sheet.append(["KOTA TANGERANG", 950, 1003])
    content = io.BytesIO()
    book.save(content)
    as_editor(app, "pages/upload.py")
    app.file_uploader[0].set_value(("rekap_rtlh.xlsx", content.getvalue(),
                                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    app.run()
    assert app.error[0].value.startswith("Berkas ditolak")
    assert any("Pilih indikatornya di kotak 'Indikator'" in i.value for i in app.info)
    app.selectbox[0].set_value("rtlh_units")
    app.run()
    assert not app.error
    # A title row above the years reads as a BPS-style table; the store holds Kota Tangerang's
    # real RTLH figures for both years, so both are changes.
    assert any(i.value == "Tabel unduhan BPS: 0 baris baru, 2 berubah, 0 tidak berubah." for i in app.info)
    assert writable_store.data_version() == 1


def test_a_file_over_the_size_limit_is_refused_with_the_limit_and_what_to_do(app, writable_store):
    import streamlit as st

    as_editor(app, "pages/upload.py")
    limit = 50  # the page's own limit, under Streamlit's (which the browser enforces in English)
    assert int(st.get_option("server.maxUploadSize")) > limit
    assert f"paling besar {limit} MB" in app.get("file_uploader")[0].proto.label
    too_big = b"kode_wilayah,indikator,tahun,periode,nilai\n" + b"3671,p0,2025,Maret,5.19\n" * (limit * 1024 * 1024 // 24 + 1)
    app.file_uploader[0].set_value(("besar.csv", too_big, "text/csv"))
    app.run()
    assert app.error[0].value.startswith(f"Berkas lebih dari {limit} MB, jadi tidak dibaca")
    assert "Pecah berkasnya" in app.error[0].value
    assert not app.dataframe and writable_store.data_version() == 1


def test_a_long_preview_shows_its_first_rows_and_says_how_many_more_are_saved(app):
    # 1,001 new desa-level rows (10-digit codes under Kota Tangerang; illustrative numbers, this
    # test's store only): the tab shows 500 and says all 1,001 are saved, counts grouped the
    # Indonesian way.
    rows = "".join(f"{3671000000 + i},rtlh_units,2025,tahunan,{i % 7}\n" for i in range(1001))
    as_editor(app, "pages/upload.py")
    app.file_uploader[0].set_value(("desa.csv", ("kode_wilayah,indikator,tahun,periode,nilai\n" + rows).encode(),
                                    "text/csv"))
    app.run()
    assert any("1.001 baris baru" in i.value for i in app.info)
    assert "Baris baru (1.001)" in [tab.label for tab in app.tabs]
    assert len(app.dataframe[-1].value) == 500  # after the warning that the desa codes have no names
    assert any(c.value == "Menampilkan 500 baris pertama dari 1.001; semuanya disimpan." for c in app.caption)


def test_kecamatan_named_in_a_file_are_listed_before_saving(app):
    as_editor(app, "pages/upload.py")
    app.file_uploader[0].set_value(("rtlh_kecamatan.csv", b"kode_kecamatan;kecamatan;tahun;Jumlah RTLH diperbaiki\n"
                                    b"3671010;Ciledug_*x*;2023;120\n", "text/csv"))
    app.run()
    # The name comes from the file: shown escaped, never as Markdown.
    assert any(i.value == "Wilayah baru yang ikut didaftarkan saat disimpan (1): 3671010 Ciledug\\_\\*x\\*."
               for i in app.info)


def test_thousands_of_new_desa_are_named_twenty_at_a_time_and_counted(app):
    # 1,025 named desa under Kota Tangerang (illustrative names and numbers, this test's store only).
    rows = "".join(f"{3671000000 + i},Desa {i},rtlh_units,2025,tahunan,{i % 7}\n" for i in range(1025))
    as_editor(app, "pages/upload.py")
    app.file_uploader[0].set_value(("desa.csv", ("kode_wilayah,nama_wilayah,indikator,tahun,periode,nilai\n"
                                                 + rows).encode(), "text/csv"))
    app.run()
    listed = next(i.value for i in app.info if i.value.startswith("Wilayah baru"))
    assert listed.startswith("Wilayah baru yang ikut didaftarkan saat disimpan (1.025): 3671000000 Desa 0, ")
    assert listed.endswith("3671000019 Desa 19 dan 1.005 lainnya.")


NO_YEAR = ROOT / "tests" / "fixtures" / "uploads" / "bps_p0_banten_no_year_2024.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def store_without_banten_2024(tmp_path):
    """The embedded data minus the four March 2024 P0 figures the BPS table below holds, so that
    loading it adds them back (the figures are real; nothing is invented)."""
    import shutil

    import pandas as pd

    from analytics import paths
    from analytics.ingest.loading import seed
    from analytics.store.store import Store

    data = tmp_path / "data"
    data.mkdir()
    for name in ("regions.csv", "targets.csv"):
        shutil.copy(paths.DATA_DIR / name, data / name)
    rows = pd.read_csv(paths.DATA_DIR / "observations.csv", dtype=str, keep_default_na=False)
    held = (rows["region_code"].isin(["36", "3603", "3671", "3672"]) & (rows["measure"] == "p0")
            & (rows["year"] == "2024") & (rows["period"] == "march"))
    assert held.sum() == 4
    rows[~held].to_csv(data / "observations.csv", index=False)
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    seed(store, data_dir=data)
    yield store
    store.dispose()


def test_a_bps_table_without_a_year_offers_a_year_field_with_the_file_names_year_then_loads(
        store_without_banten_2024, monkeypatch):
    store = store_without_banten_2024
    monkeypatch.setenv("DATABASE_URL", store.url)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    as_editor(app, "pages/upload.py")
    assert not [w for w in app.text_input if w.label == "Tahun data"]  # only for a file that needs it
    app.file_uploader[0].set_value((NO_YEAR.name, NO_YEAR.read_bytes(), XLSX))
    app.run()
    assert not app.exception
    assert app.error[0].value.startswith("Berkas ditolak: 1 kesalahan")
    summary = next(m.value for m in app.markdown if m.value.startswith("- **"))
    assert "Tabel BPS tanpa tahun" in visible(summary) and "Baris 3" in visible(summary)
    assert any("Isi kotak 'Tahun data' di atas" in i.value for i in app.info)
    (year,) = [w for w in app.text_input if w.label == "Tahun data"]
    assert year.value == "" and year.placeholder == "empat angka"  # offered by the button, never filled in unasked
    next(b for b in app.button if b.label == "Pakai 2024 (dari nama berkas)").click()
    app.run()
    assert not app.error
    assert [w.value for w in app.text_input if w.label == "Tahun data"] == ["2024"]
    assert any(i.value == "Tabel unduhan BPS: 4 baris baru, 0 berubah, 0 tidak berubah." for i in app.info), (
        [i.value for i in app.info], [w.value for w in app.warning])
    assert store.data_version() == 1  # the preview wrote nothing
    app.text_area[0].input("P0 Maret 2024 dari tabel BPS")
    next(b for b in app.button if b.label == "Simpan sebagai revisi baru").click()
    app.run()
    assert store.data_version() == 2 and store.revision(2).file_name == NO_YEAR.name
    rows = store.observations(regions=["36", "3603", "3671", "3672"], measures=["p0"], years=[2024])
    rows = rows[rows["period"] == "march"]
    assert sorted(zip(rows["region_code"], rows["year"], rows["period"], rows["value"], strict=True)) == [
        ("36", 2024, "march", 5.84), ("3603", 2024, "march", 6.55), ("3671", 2024, "march", 5.43),
        ("3672", 2024, "march", 3.75)]


def test_a_year_typed_in_the_field_is_read_and_a_bad_one_is_named(app, writable_store):
    app.query_params["lang"] = "en"
    as_editor(app, "pages/upload.py")
    app.file_uploader[0].set_value(("tabel_bps.xlsx", NO_YEAR.read_bytes(), XLSX))
    app.run()
    assert "does not name one clear year" in visible(next(m.value for m in app.markdown
                                                          if m.value.startswith("- **")))
    assert not [b for b in app.button if "from the file name" in b.label]  # nothing to suggest
    (year,) = [w for w in app.text_input if w.label == "Data year"]
    year.input("24").run()
    assert any(e.value == "The year “24” cannot be read. Write the year in four digits, e.g. 2024." for e in app.error)
    [w for w in app.text_input if w.label == "Data year"][0].input("2024").run()
    # Read as March 2024, the four figures are exactly the stored ones.
    assert any(i.value.endswith(": 0 new rows, 0 changed, 4 unchanged.") for i in app.info), [i.value for i in app.info]
    assert writable_store.data_version() == 1


def test_the_preview_opens_on_its_first_tab_with_rows(app, writable_store):
    """A file of new years opens on "new rows", not on an empty "changed" tab (staff walkthrough)."""
    as_editor(app, "pages/upload.py")
    # One new desa row (illustrative number, this test's store only).
    new_row = b"kode_wilayah,indikator,tahun,periode,nilai\n3671000001,rtlh_units,2025,tahunan,3\n"
    app.file_uploader[0].set_value(("desa.csv", new_row, "text/csv"))
    app.run()
    assert not app.exception
    def tab_containers(node):
        # The preview is in the page's part (a fragment), a block of its own inside the main area.
        if getattr(node, "type", None) == "tab_container":
            return [node]
        return [found for child in getattr(node, "children", {}).values() for found in tab_containers(child)]

    containers = tab_containers(app._tree.children[0])
    assert len(containers) == 1
    labels = [tab.label for tab in app.tabs]
    assert labels == ["Berubah (lama → baru) (0)", "Baris baru (1)", "Tidak berubah (0)"]
    assert [c.proto.tab_container.default_tab_index for c in containers] == [1]  # "Baris baru (1)"


def test_the_templates_are_built_when_clicked_and_hold_the_stored_example_rows(app, writable_store, monkeypatch):
    """The three template files are deferred (issue #18: the Excel template alone took 0.08–0.4 s of every
    rerun, a file's preview included) and, when clicked, hold Kota Tangerang's stored March 2025 P0, number
    of poor and poverty line, and the stored example targets."""
    import csv
    import io

    from openpyxl import load_workbook
    from streamlit.testing.v1 import app_test

    from tests.app.test_provenance import _KeptManager, _KeptStorage, download_bytes

    monkeypatch.setattr(app_test, "MemoryMediaFileStorage", _KeptStorage)
    monkeypatch.setattr(app_test, "MediaFileManager", _KeptManager)
    as_editor(app, "pages/upload.py")
    buttons = {b.proto.label: b for b in app.get("download_button")}
    names = ["Unduh templat CSV (dengan contoh terisi)", "Unduh templat Excel (dengan contoh terisi)",
             "Unduh templat target (CSV)"]
    assert all(buttons[name].proto.deferred_file_id for name in names)  # nothing built until asked
    stored = writable_store.observations(regions=["3671"], measures=["p0", "poor_count", "poverty_line"],
                                         years=[2025])
    stored = stored[stored["period"] == "march"].set_index("measure")["value"]
    rows = list(csv.DictReader(io.StringIO(download_bytes(buttons[names[0]]).decode("utf-8-sig"))))
    assert sorted((r["kode_wilayah"], r["indikator"], r["tahun"], r["periode"]) for r in rows) == [
        ("3671", m, "2025", "march") for m in ("p0", "poor_count", "poverty_line")]
    assert {r["indikator"]: float(r["nilai"]) for r in rows} == stored.to_dict()
    sheet = load_workbook(io.BytesIO(download_bytes(buttons[names[1]]))).worksheets[0]
    header, *cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert header[:6] == ["kode_wilayah", "nama_wilayah", "indikator", "tahun", "periode", "nilai"]
    assert {r[2]: float(r[5]) for r in cells if r[0]} == stored.to_dict()
    targets_rows = list(csv.DictReader(io.StringIO(download_bytes(buttons[names[2]]).decode("utf-8-sig"))))
    assert len(targets_rows) == 3 and all(r["dasar_hukum"] for r in targets_rows)
