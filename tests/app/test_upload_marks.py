"""Issue #16: a value a member of staff uploaded is marked as uploaded, with its revision, in the
region brief (PDF) and in the source line written into the Program and Bandingkan figures; values
from the embedded data carry no such mark.

The uploads here are ILLUSTRATIVE test data, not real figures: Kota Tangerang P0 March 2025
5.19 → 5.20 (revision 2) and RTLH units 2025 1,000 → 1,001 (revision 3).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from analytics.domain import provenance
from analytics.figures.charts import SOURCE_NAME
from analytics.ingest.loading import import_observations
from analytics.outputs import brief
from tests.app.conftest import open_page
from tests.conftest import ROOT, require

# Illustrative uploads (test data only).
P0_UPLOAD = b"kode_wilayah;indikator;tahun;periode;nilai\n3671;p0;2025;Maret;5,20\n"
RTLH_UPLOAD = b"kode_wilayah;indikator;tahun;periode;nilai\n3671;rtlh_units;2025;tahunan;1001\n"
TODAY = date(2026, 11, 29)


@pytest.fixture
def uploaded_store(writable_store, monkeypatch):
    """The seeded store plus the two illustrative uploads; (store, {revision: day text id/en})."""
    days = {}
    for body, name in ((P0_UPLOAD, "p0_2025.csv"), (RTLH_UPLOAD, "rtlh_2025.csv")):
        result = import_observations(writable_store, body, user="siti", file_name=name)
        assert result.status == "accepted", result.problems
        created = date.fromisoformat(writable_store.revision(result.revision.id).created_at[:10])
        days[result.revision.id] = {lang: provenance.day_text(created, lang) for lang in ("id", "en")}
    assert sorted(days) == [2, 3]
    monkeypatch.setenv("DATABASE_URL", writable_store.url)
    return writable_store, days


def pdf_text(pdf: bytes, tmp_path) -> str:
    require(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) is not installed")
    path = tmp_path / "brief.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True)
    return re.sub(r"\s+", " ", out.stdout)


def source_lines(app: AppTest) -> list[str]:
    """The source line written into each figure of the page (its <br> wrapping undone)."""
    lines = []
    for chart in app.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        for note in spec["layout"].get("annotations", []):
            if note.get("name") == SOURCE_NAME:
                lines.append(note["text"].replace("<br>", " "))
    return lines


@pytest.mark.parametrize(("lang", "mark", "kpi"), [("id", "diunggah petugas, revisi 2", "5,20 % ⬆"),
                                                  ("en", "staff upload, revision 2", "5.20 % ⬆")])
def test_brief_pdf_marks_the_uploaded_value_with_its_revision(uploaded_store, tmp_path, lang, mark, kpi):
    store, days = uploaded_store
    inputs = brief.inputs_from_store(store, "https://dasbor.example.go.id", TODAY)
    content = brief.compose(inputs, "3671", lang)
    p0 = next(r for r in content.headlines if r.measure == "p0")
    assert p0.value == kpi
    text = pdf_text(brief.render(content).pdf, tmp_path)
    day = days[2][lang]
    # the headline value, the note naming the file, and the sources list each carry the mark
    assert kpi in text
    assert f"⬆ {mark}, {day}" in text
    file_word = "berkas" if lang == "id" else "file"
    assert f"{mark}, {day} ({file_word} p0_2025.csv)" in text
    # the RTLH programme box's 2025 figure is revision 3's upload
    assert f"{mark[:-1]}3, {days[3][lang]}" in text
    rtlh = next(b for b in content.programs if any("1.001" in x or "1,001" in x for x in b.lines))
    assert any("⬆" in line for line in rtlh.lines)
    # P0 2024 (seeded, printed as the change's base) is still cited by its BPS table
    assert "Persentase Penduduk Miskin (P0) Menurut Kabupaten/Kota" in text


def test_brief_from_embedded_data_only_shows_no_upload_mark(seeded_store, tmp_path):
    inputs = brief.inputs_from_store(seeded_store, "https://dasbor.example.go.id", TODAY)
    content = brief.compose(inputs, "3671", "id")
    assert all(r.uploaded is None and "⬆" not in r.value for r in content.headlines)
    text = pdf_text(brief.render(content).pdf, tmp_path)
    assert "⬆" not in text and "diunggah" not in text
    assert "5,19 %" in text


def test_program_figure_source_line_marks_the_upload(uploaded_store):
    store, days = uploaded_store
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    open_page(app, "pages/programs.py", program="rtlh")
    assert not app.exception
    lines = source_lines(app)
    assert lines, "no figure source line"
    mark = f"diunggah petugas, revisi 3, {days[3]['id']}"
    # the yearly RTLH figure draws 2025 = 1,001 (revision 3): its source line names the upload
    assert sum(mark in line for line in lines) >= 1
    # revision 2 (P0) is drawn by no programme figure, so no line names it
    assert not any("revisi 2" in line for line in lines)


def test_program_figure_source_lines_of_embedded_data_carry_no_mark(app):
    open_page(app, "pages/programs.py", program="rtlh")
    assert not app.exception
    lines = source_lines(app)
    assert lines and not any("diunggah" in line for line in lines)


def test_compare_figure_source_lines_mark_the_upload(uploaded_store):
    store, days = uploaded_store
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    open_page(app, "pages/compare.py", ind="p0", year="2025", level="kabkota", region="3671", lang="en")
    assert not app.exception
    lines = source_lines(app) + source_lines(side_tab(app, "en"))
    mark = f"staff upload, revision 2, {days[2]['en']}"
    # the map (or ranking bars), the Banten bars and the side-by-side chart all draw 3671's 2025 P0
    assert sum(mark in line for line in lines) >= 3, lines
    assert not any("revision 3" in line for line in lines)


def test_compare_figure_source_lines_of_embedded_data_carry_no_mark(app):
    open_page(app, "pages/compare.py", ind="p0", year="2025", level="kabkota", region="3671", lang="en")
    assert not app.exception
    lines = source_lines(app) + source_lines(side_tab(app, "en"))
    assert len(lines) >= 3 and not any("staff upload" in line for line in lines)


def side_tab(app: AppTest, lang: str) -> AppTest:
    """Bandingkan's side-by-side tab opened (only the open tab is built)."""
    from analytics.i18n import t

    app.session_state["compare_tab"] = t("compare.side.heading", lang)
    app.run()
    assert not app.exception
    return app


def side_by_side_notes(app: AppTest, lang: str) -> str:
    """The source notes under Bandingkan's side-by-side table and small charts (the first source
    caption after the table's reference-mark caption)."""
    from analytics.i18n import t

    captions = [c.value for c in app.caption]
    start = captions.index(t("compare.side.reference_mark", lang))
    notes = next(c for c in captions[start + 1:] if c.startswith(f"**{t('overview.source', lang)}**"))
    return notes.replace("\\", "")  # the Markdown escaping undone (labels are escaped for st.caption)


@pytest.mark.parametrize(("lang", "word"), [("id", "diunggah petugas, revisi 2"), ("en", "staff upload, revision 2")])
def test_compare_side_by_side_notes_mark_the_upload(uploaded_store, lang, word):
    store, days = uploaded_store
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    open_page(app, "pages/compare.py", ind="p0", year="2025", level="kabkota", region="3671", lang=lang, tab="side")
    assert not app.exception
    notes = side_by_side_notes(app, lang)
    # 3671's P0 March 2025 (table and small chart) is revision 2's upload: listed as such, once
    assert notes.count(f"⬆ {word}, {days[2][lang]}") == 1, notes
    # the RTLH upload (revision 3) is not shown here; the seeded years are still cited by their BPS table
    assert ("revisi 3" if lang == "id" else "revision 3") not in notes
    assert "Persentase Penduduk Miskin (P0) Menurut Kabupaten/Kota" in notes


def test_compare_side_by_side_notes_of_embedded_data_carry_no_mark(app):
    open_page(app, "pages/compare.py", ind="p0", year="2025", level="kabkota", region="3671", lang="en", tab="side")
    assert not app.exception
    notes = side_by_side_notes(app, "en")
    assert "⬆" not in notes and "staff upload" not in notes
    assert "Persentase Penduduk Miskin (P0) Menurut Kabupaten/Kota" in notes
