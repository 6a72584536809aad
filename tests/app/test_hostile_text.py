"""Issue 20, item 2: text from data, files, links and people is never rendered as Markdown or HTML.

Hostile strings are put straight into a store (as an older store, or one written before the door
refused them, may hold them: region names, sources, notes, file names, revision notes) and into
links; every page is opened and every Markdown element and every chart is checked: the hostile
forms appear only escaped (AppTest sees the Markdown source; tests/browser/test_hostile_text.py
checks what Chromium draws)."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analytics.text import markdown_literal
from tests.app.conftest import as_editor, open_page, signed_in
from tests.conftest import ROOT

# One of each way Markdown, Streamlit or plotly could turn text into a link, styling or an image.
HOSTILE = ["[klik](https://x.id)", "https://phish.example", "www.phish.id", ":red[merah]", "$\\LaTeX$",
           '<a href="https://x.id">a</a>', "<img src=x>", "**tebal**", "a@phish.id"]
HOSTILE_TEXT = " ".join(HOSTILE)
# What must not appear unescaped in any Markdown element (the raw forms above, and their parts
# that Markdown or Streamlit would act on; the catalog's own source links are real links).
RAW_MARKDOWN = re.compile("|".join([
    *(re.escape(part) for part in [*HOSTILE, "](https://x.id)", "https://x.id", "phish.example", "www.phish",
                                   ":red[", "**tebal", "@phish"]),
    r"(?<!\\)<a ", r"(?<!\\)<img", r"(?<!\\)\$\\"]))  # unescaped tag or LaTeX opener
# Tags plotly would draw (links, styled spans, images): in a chart only as &lt;…
RAW_PLOTLY = re.compile(r"<a[ >]|<img|<span")
KECAMATAN = "3671010"


@pytest.fixture
def hostile_store(writable_store):
    """Illustrative values, this test's store only: a kecamatan named with every hostile form, a
    P0 value and a programme value whose source and note are hostile, and a revision note."""
    regions = pd.DataFrame({"code": [KECAMATAN], "name": [HOSTILE_TEXT[:200]], "level": ["kecamatan"],
                            "type": [None], "parent_code": ["3671"], "scheme": ["bps"]})
    rows = pd.DataFrame({
        "region_code": ["3671", KECAMATAN, "3671"], "measure": ["p0", "rtlh_units", "rtlh_units"],
        "year": [2026, 2025, 2025], "period": ["march", "annual", "annual"], "value": [5.0, 40.0, 120.0],
        "status": ["final", "final", "final"], "source": [HOSTILE_TEXT[:200]] * 3, "note": [HOSTILE_TEXT] * 3})
    writable_store.load(rows, user="siti", file_name=f"{HOSTILE[0]}.csv", sha256="b" * 64, note=HOSTILE_TEXT,
                        regions=regions)
    return writable_store


@pytest.fixture
def app(hostile_store, monkeypatch) -> AppTest:
    monkeypatch.setenv("DATABASE_URL", hostile_store.url)
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)


MARKDOWN_ELEMENTS = ("markdown", "caption", "info", "warning", "error", "success", "title", "header",
                     "subheader", "toast")


def markdown_texts(app: AppTest) -> list[str]:
    texts = []
    for kind in MARKDOWN_ELEMENTS:
        texts += [str(element.value) for element in app.get(kind)]
    texts += [str(m.label) for m in app.get("metric")]
    return texts


def chart_specs(app: AppTest) -> list[str]:
    return [json.dumps(json.loads(chart.proto.spec)) for chart in app.get("plotly_chart")]


def assert_plain(app: AppTest, page: str) -> None:
    assert not app.exception, page
    texts = markdown_texts(app)
    bad = [text for text in texts if RAW_MARKDOWN.search(text)]
    assert bad == [], page
    for spec in chart_specs(app):
        assert not RAW_PLOTLY.search(spec), (page, RAW_PLOTLY.search(spec))


@pytest.mark.parametrize("page", ["pages/overview.py", "pages/poverty.py", "pages/programs.py", "pages/compare.py",
                                  "pages/about.py"])
def test_public_pages_show_hostile_data_as_plain_text(app, page):
    open_page(app, page, region="3671", measures="p0,rtlh_units")
    assert_plain(app, page)


def test_the_hostile_source_reaches_the_kpi_caption_only_escaped(app):
    open_page(app, "pages/overview.py", region="3671")
    escaped = markdown_literal(HOSTILE_TEXT[:200])
    assert any(escaped in caption.value for caption in app.caption)


def test_the_hostile_kecamatan_name_reaches_the_chart_only_as_text(app):
    open_page(app, "pages/programs.py", region="3671")
    specs = "".join(chart_specs(app))
    assert "&lt;a href=\\\"https://x.id\\\"&gt;a&lt;/a&gt;" in specs
    assert_plain(app, "pages/programs.py")


def test_a_hostile_link_parameter_is_shown_escaped(app):
    open_page(app, "pages/poverty.py", region="3671", measures="p0,[klik](https://x.id)")
    assert_plain(app, "pages/poverty.py")


@pytest.mark.parametrize("page", ["pages/history.py", "pages/upload.py"])
def test_staff_pages_show_hostile_notes_and_file_names_as_plain_text(app, page):
    as_editor(app, page)
    assert_plain(app, page)


def test_the_admin_page_shows_hostile_audit_details_as_plain_text(app):
    signed_in(app, "kepala", "admin").run()
    app.switch_page("pages/admin.py")
    app.run()
    assert_plain(app, "pages/admin.py")


def test_a_hostile_upload_is_previewed_as_plain_text(app):
    as_editor(app, "pages/upload.py")
    upload = (b"kode_wilayah;nama_wilayah;indikator;tahun;periode;nilai;sumber\n"
              b"3671020;[klik](https://x.id) www.phish.id;rtlh_units;2025;tahunan;5;"
              b"https://phish.example\n")
    app.file_uploader[0].set_value(("[x](https://x.id).csv", upload, "text/csv"))
    app.run()
    assert_plain(app, "pages/upload.py")
