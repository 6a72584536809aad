"""The Overview's one-page brief button: the PDF is made only when clicked, and it is the region's brief."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader
from streamlit.runtime.media_file_manager import MediaFileManager

from analytics.outputs import brief
from tests.app.conftest import open_page


def brief_button(app):
    return next(b for b in app.get("download_button") if "PDF" in b.proto.label)


DEFERRED: dict[str, object] = {}


@pytest.fixture(autouse=True)
def deferred(monkeypatch):
    """AppTest's media manager lives for one run only: keep each deferred callable by its file id."""
    real = MediaFileManager.add_deferred

    def add_deferred(self, data_callable, *args, **kwargs):
        file_id = real(self, data_callable, *args, **kwargs)
        DEFERRED[file_id] = data_callable
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    yield
    DEFERRED.clear()


def click(button) -> bytes:
    """What the browser's click makes the server do: run the button's deferred callable."""
    return DEFERRED[button.proto.deferred_file_id]()


def test_overview_offers_the_brief_and_makes_it_only_on_click(app, monkeypatch):
    made = []
    real = brief.make_brief
    monkeypatch.setattr(brief, "make_brief", lambda *a, **k: made.append(a[1:]) or real(*a, **k))
    open_page(app, "pages/overview.py", region="3671", lang="id")
    button = brief_button(app)
    assert button.proto.label == "Unduh ringkasan 1 halaman (PDF)"
    assert button.proto.deferred_file_id  # a callable, not bytes built on this run
    app.run()  # reruns build nothing either
    assert made == []
    pdf = click(brief_button(app))
    assert made == [("3671", "id")]
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    text = re.sub(r"\s+", " ", reader.pages[0].extract_text())
    assert len(reader.pages) == 1
    assert "Kota Tangerang" in text and "5,19 %" in text and "4 dari 8" in text


def test_the_button_follows_the_region_and_language(app):
    open_page(app, "pages/overview.py", region="3602", lang="en")
    button = brief_button(app)
    assert button.proto.label == "Download one-page brief (PDF)"
    text = re.sub(r"\s+", " ", PdfReader(io.BytesIO(click(button))).pages[0].extract_text())
    assert "Kab. Lebak" in text and "8.03 %" in text and "Local programme outputs" not in text
