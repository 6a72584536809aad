"""The chart library named in a chart page's first answer (pages/_shared/chart_preload.py, server.py).

The middleware is driven through the ASGI protocol around a small app that answers as Streamlit does
(HTML for a page path, JavaScript for a static file); the proxy test (tests/browser/test_proxy.py)
checks the same header on the real server behind nginx and the order of requests in Chromium.
"""

from __future__ import annotations

import asyncio
import threading

import pytest
from streamlit import config

from pages._shared import chart_preload
from pages._shared.navigation import CHART_PAGES


def answer(path: str, *, base: str = "", method: str = "GET", status: int = 200) -> dict[bytes, bytes]:
    """The headers the middleware sends for a request to `path` (an inner app answering like Streamlit)."""
    async def inner(scope, receive, send):  # type: ignore[no-untyped-def]
        kind = b"application/javascript" if "/static/" in scope["path"] else b"text/html; charset=utf-8"
        await send({"type": "http.response.start", "status": status, "headers": [(b"content-type", kind)]})
        await send({"type": "http.response.body", "body": b"<html></html>"})

    sent: list[dict] = []

    async def send(message):  # type: ignore[no-untyped-def]
        sent.append(message)

    async def receive():  # type: ignore[no-untyped-def]
        return {"type": "http.request", "body": b""}

    middleware = chart_preload.PrefetchChartLibrary(inner, library="PlotlyChart.Abc123.js")
    scope = {"type": "http", "method": method, "path": path, "headers": []}
    previous = config.get_option("server.baseUrlPath")
    config.set_option("server.baseUrlPath", base)
    try:
        # In a thread of its own: in the whole suite the browser tests' Playwright keeps an event loop
        # running in the main thread, where asyncio.run refuses to start another.
        failures: list[BaseException] = []
        worker = threading.Thread(target=lambda: _run(middleware(scope, receive, send), failures))
        worker.start()
        worker.join(timeout=30)
        assert not worker.is_alive() and not failures, failures
    finally:
        config.set_option("server.baseUrlPath", previous)
    assert sent[1]["body"] == b"<html></html>"  # the body passes untouched
    return dict(sent[0]["headers"])


def _run(coroutine, failures: list[BaseException]) -> None:  # type: ignore[no-untyped-def]
    try:
        asyncio.run(coroutine)
    except BaseException as error:  # reported to the test's thread
        failures.append(error)


def test_every_chart_page_and_only_chart_pages_name_the_library():
    link = b"</static/js/PlotlyChart.Abc123.js>; rel=prefetch"
    for page in sorted(CHART_PAGES):
        assert answer(f"/{page}").get(b"link") == link, page
    assert answer("/compare/").get(b"link") == link
    for path in ("/upload", "/history", "/admin", "/sign_in", "/about", "/compare/extra"):
        assert b"link" not in answer(path), path


def test_scripts_errors_and_other_methods_are_left_alone():
    assert b"link" not in answer("/static/js/index.js")
    assert b"link" not in answer("/poverty", status=404)
    assert b"link" not in answer("/poverty", method="HEAD")


def test_under_a_base_path_the_link_carries_it():
    assert answer("/dasbor/poverty", base="dasbor")[b"link"] == b"</dasbor/static/js/PlotlyChart.Abc123.js>; rel=prefetch"
    assert answer("/dasbor", base="/dasbor/")[b"link"].startswith(b"</dasbor/static/js/")
    assert b"link" not in answer("/poverty", base="dasbor")  # outside the app's base


@pytest.mark.parametrize(("names", "expected"), [([], None), (["PlotlyChart.X1.js"], "PlotlyChart.X1.js"),
                                                 (["PlotlyChart.X1.js", "PlotlyChart.Y2.js"], None)])
def test_the_library_is_named_only_when_it_is_one_file(tmp_path, names, expected):
    for name in [*names, "index.Q.js", "PlotlyChart.X1.css"]:
        (tmp_path / name).write_text("")
    assert chart_preload.chart_library(tmp_path) == expected


def test_the_installed_streamlit_has_the_library():
    # If a Streamlit upgrade renames the file, the header silently goes away: this says so instead.
    name = chart_preload.chart_library()
    assert name is not None and (chart_preload.STATIC_JS / name).stat().st_size > 3_000_000
