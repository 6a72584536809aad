"""What a page's first answer carries (pages/_shared/page_start.py, server.py): the chart library's link
on a chart page, the server's address script in the HTML of a page below the root.

The middleware is driven through the ASGI protocol around a small app that answers as Streamlit does
(its index.html for a page path, JavaScript for a static file, compressed when asked, with its file's
validators); the proxy test (tests/browser/test_proxy.py) checks the same on the real server behind
nginx, in Chromium: the order of requests, one health check, no Content-Security-Policy violation.
"""

from __future__ import annotations

import asyncio
import base64
import gzip
import hashlib
import re
import threading
from pathlib import Path

import pytest
from streamlit import config

from pages._shared import page_start
from pages._shared.navigation import CHART_PAGES
from tests.conftest import ROOT

STREAMLIT_HTML = (page_start.STATIC_JS.parent.parent / "index.html").read_bytes()
LIBRARY_LINK = b"</static/js/PlotlyChart.Abc123.js>; rel=prefetch"


class Answer:
    """What the middleware sent for one request, and what the inner app was asked."""

    def __init__(self, messages: list[dict], asked: dict) -> None:
        self.status = messages[0]["status"]
        self.headers = dict(messages[0]["headers"])
        self.body = b"".join(m.get("body", b"") for m in messages[1:])
        self.asked = asked  # the request headers the inner app saw
        self.chunks = len(messages) - 1


def answer(path: str, *, base: str = "", method: str = "GET", status: int = 200,
           request_headers: tuple[tuple[bytes, bytes], ...] = (), chunked: bool = False) -> Answer:
    """The middleware's answer to `path`, around an inner app answering like Streamlit: the real
    index.html (in two pieces if `chunked`), gzip-compressed when the request accepts it, with an ETag."""
    asked: dict = {}

    async def inner(scope, receive, send):  # type: ignore[no-untyped-def]
        asked.update(dict(scope["headers"]))
        script = "/static/" in scope["path"]
        body = b"console.log(1)" if script else STREAMLIT_HTML
        headers = [(b"content-type", b"application/javascript" if script else b"text/html; charset=utf-8"),
                   (b"etag", b'"streamlit-file"'), (b"last-modified", b"Tue, 01 Dec 2026 07:00:00 GMT")]
        if b"gzip" in asked.get(b"accept-encoding", b""):
            body = gzip.compress(body)
            headers.append((b"content-encoding", b"gzip"))
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        if chunked:
            await send({"type": "http.response.body", "body": body[:1000], "more_body": True})
            await send({"type": "http.response.body", "body": body[1000:]})
        else:
            await send({"type": "http.response.body", "body": body})

    sent: list[dict] = []

    async def send(message):  # type: ignore[no-untyped-def]
        sent.append(message)

    async def receive():  # type: ignore[no-untyped-def]
        return {"type": "http.request", "body": b""}

    middleware = page_start.PageStart(inner, library="PlotlyChart.Abc123.js")
    scope = {"type": "http", "method": method, "path": path, "headers": list(request_headers)}
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
    return Answer(sent, asked)


def _run(coroutine, failures: list[BaseException]) -> None:  # type: ignore[no-untyped-def]
    try:
        asyncio.run(coroutine)
    except BaseException as error:  # reported to the test's thread
        failures.append(error)


def inline_scripts(body: bytes) -> list[tuple[str, str]]:
    """(attributes, text) of every <script> with text in the HTML."""
    return re.findall(r"<script([^>]*)>(.+?)</script>", body.decode(), flags=re.S)


def test_every_chart_page_and_only_chart_pages_name_the_library():
    for page in sorted(CHART_PAGES):
        assert answer(f"/{page}").headers.get(b"link") == LIBRARY_LINK, page
    assert answer("/compare/").headers.get(b"link") == LIBRARY_LINK
    for path in ("/upload", "/history", "/admin", "/sign_in", "/about", "/compare/extra"):
        assert b"link" not in answer(path).headers, path


def test_a_page_below_the_root_gets_the_address_script_before_streamlits_own():
    for page in ("poverty", "programs", "compare", "upload", "sign_in", "about"):
        got = answer(f"/{page}", request_headers=((b"accept-encoding", b"gzip, br"),))
        assert got.status == 200
        assert b"accept-encoding" not in got.asked  # asked uncompressed, so that it can be changed
        assert b"content-encoding" not in got.headers
        scripts = inline_scripts(got.body)
        ours = [s for s in scripts if "BACKEND_BASE_URL" in s[1]]
        assert len(ours) == 1 and ours[0] == (f' data-page="{page}"', page_start.SCRIPT), page
        # Before Streamlit's module entry point, which reads the address when it runs; otherwise as Streamlit sent it.
        assert got.body.index(b"BACKEND_BASE_URL") < got.body.index(page_start.STREAMLIT_SCRIPT)
        assert got.body.replace(page_start.script_tag(page), b"") == STREAMLIT_HTML
        assert int(got.headers[b"content-length"]) == len(got.body)
        # Streamlit's validators are its file's, not this answer's: dropped, and a conditional request is
        # answered in full (never a 304 that would keep an answer of another version).
        assert b"etag" not in got.headers and b"last-modified" not in got.headers


def test_a_body_sent_in_pieces_is_changed_whole():
    got = answer("/programs", chunked=True)
    assert got.chunks == 1 and got.body == page_start.with_script(STREAMLIT_HTML, "programs")
    assert got.body.count(b"BACKEND_BASE_URL") == 1


def test_conditional_requests_are_asked_in_full():
    got = answer("/poverty", request_headers=((b"if-none-match", b'"streamlit-file"'), (b"range", b"bytes=0-10")))
    assert b"if-none-match" not in got.asked and b"range" not in got.asked


def test_the_root_keeps_streamlits_answer_and_gets_only_the_link():
    got = answer("/", request_headers=((b"accept-encoding", b"gzip"),))
    assert got.asked.get(b"accept-encoding") == b"gzip"
    assert gzip.decompress(got.body) == STREAMLIT_HTML and got.headers[b"etag"] == b'"streamlit-file"'
    assert got.headers[b"link"] == LIBRARY_LINK


def test_scripts_errors_and_other_methods_are_left_alone():
    script = answer("/static/js/index.js")
    assert script.body == b"console.log(1)" and b"link" not in script.headers
    for got in (answer("/poverty", status=404), answer("/poverty", method="HEAD")):
        assert got.body == STREAMLIT_HTML and b"link" not in got.headers and got.headers[b"etag"] == b'"streamlit-file"'
    deeper = answer("/compare/extra")
    assert deeper.body == STREAMLIT_HTML  # not a page: Streamlit's routes below a page are left alone
    # Files beside index.html are not pages: asked and answered as the browser and Streamlit would.
    beside = answer("/manifest.json", request_headers=((b"accept-encoding", b"gzip"), (b"if-none-match", b'"x"')))
    assert beside.asked == {b"accept-encoding": b"gzip", b"if-none-match": b'"x"'}


def test_under_a_base_path_the_link_carries_it():
    assert answer("/dasbor/poverty", base="dasbor").headers[b"link"] == \
        b"</dasbor/static/js/PlotlyChart.Abc123.js>; rel=prefetch"
    assert answer("/dasbor", base="/dasbor/").headers[b"link"].startswith(b"</dasbor/static/js/")
    assert b'data-page="poverty"' in answer("/dasbor/poverty", base="dasbor").body
    outside = answer("/poverty", base="dasbor")  # outside the app's base
    assert b"link" not in outside.headers and outside.body == STREAMLIT_HTML


def test_streamlits_page_still_has_the_place_for_the_script():
    # If a Streamlit upgrade changes how index.html loads its scripts, the script silently goes away: this says so.
    assert STREAMLIT_HTML.count(page_start.STREAMLIT_SCRIPT) == 1
    assert page_start.with_script(STREAMLIT_HTML, "poverty") != STREAMLIT_HTML


def test_the_deployments_policy_allows_the_script_by_its_hash():
    digest = base64.b64encode(hashlib.sha256(page_start.SCRIPT.encode()).digest()).decode()
    policy = (ROOT / "docs" / "nginx" / "dasbor-headers.conf").read_text(encoding="utf-8")
    assert f"'sha256-{digest}'" in policy, f"add 'sha256-{digest}' to script-src in docs/nginx/dasbor-headers.conf"


@pytest.mark.parametrize(("names", "expected"), [([], None), (["PlotlyChart.X1.js"], "PlotlyChart.X1.js"),
                                                 (["PlotlyChart.X1.js", "PlotlyChart.Y2.js"], None)])
def test_the_library_is_named_only_when_it_is_one_file(tmp_path: Path, names, expected):
    for name in [*names, "index.Q.js", "PlotlyChart.X1.css"]:
        (tmp_path / name).write_text("")
    assert page_start.chart_library(tmp_path) == expected


def test_the_installed_streamlit_has_the_library():
    # If a Streamlit upgrade renames the file, the header silently goes away: this says so instead.
    name = page_start.chart_library()
    assert name is not None and (page_start.STATIC_JS / name).stat().st_size > 3_000_000
