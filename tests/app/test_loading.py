"""The "loading data" placeholder chart a session's first chart page shows while the frame
imports the data layer and reads the store (pages/_shared/loading.py)."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT


def _placeholder_app(page_url_path: str, lang: str, runs_before: int = 0) -> AppTest:
    """A script that draws the placeholder and never clears it, so the test can see it."""

    def script(page_url_path: str, lang: str) -> None:
        import streamlit as st

        from pages._shared import loading

        slot = st.empty()
        if loading.wanted(page_url_path):
            loading.show_placeholder(slot, lang)

    app = AppTest.from_function(script, args=(page_url_path, lang), default_timeout=30)
    app.run()
    for _ in range(runs_before):
        app.run()
    return app


def _spec(app: AppTest) -> dict:
    return json.loads(app.get("plotly_chart")[0].proto.spec)


@pytest.fixture(autouse=True)
def project_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.syspath_prepend(str(ROOT))


@pytest.mark.parametrize(("lang", "text"), [("id", "Memuat data…"), ("en", "Loading data…")])
def test_a_chart_page_shows_an_empty_chart_that_says_data_is_loading(lang, text):
    app = _placeholder_app("", lang)
    spec = _spec(app)
    assert spec["data"] == []  # no traces: nothing that could be read as a figure
    assert [a["text"] for a in spec["layout"]["annotations"]] == [text]
    assert spec["layout"]["xaxis"]["visible"] is False
    assert app.session_state["_plotly_loaded"] is True


@pytest.mark.parametrize("page", ["overview", "poverty", "programs", "compare"])
def test_every_chart_page_gets_it(page):
    assert len(_placeholder_app(page, "id").get("plotly_chart")) == 1


@pytest.mark.parametrize("page", ["about", "sign_in", "upload", "history", "admin"])
def test_pages_without_charts_do_not(page):
    app = _placeholder_app(page, "id")
    assert len(app.get("plotly_chart")) == 0
    assert "_plotly_loaded" not in app.session_state


def test_only_a_sessions_first_chart_page_gets_it():
    # The second run of the same session: its browser has plotly.js already.
    app = _placeholder_app("", "id", runs_before=1)
    assert len(app.get("plotly_chart")) == 0


def test_a_store_that_cannot_be_opened_leaves_a_plain_message_and_no_placeholder(monkeypatch, tmp_path):
    # A SQLite file inside a directory that does not exist: the store cannot be created.
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'missing' / 'store.sqlite'}")
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.run()
    assert not app.exception
    assert [e.value for e in app.error] == ["Penyimpanan data tidak dapat dibuka. Hubungi pengelola dasbor."]
    assert len(app.get("plotly_chart")) == 0
