"""What a page's first answer (its HTML) carries, so that a shared link draws sooner (issue #18).

An ASGI middleware (server.py) changes two things in the answer to a page's URL, nothing else:

1. **The chart library, fetched from the first answer, not from the first chart.** Streamlit's front
   end asks for plotly.js (one file of 4.7 MB, uncompressed) only when the first chart arrives over
   the websocket: after the page's own scripts have loaded, the websocket is open and the server has
   run the page. On a phone network that download then starts seconds after the link was opened, and
   the chart waits for it. A chart page's HTML answers with a `Link: <…/PlotlyChart.….js>; rel=prefetch`
   header, so the browser fetches it at the lowest priority while the websocket opens and the server
   runs the page; when the first chart asks for it, it comes from the browser's cache (Streamlit serves
   it as immutable for a year). Measured on an emulated 4G phone through the documented nginx, which
   compresses it (1 Dec 2026, Program for Kota Tangerang, three rounds): the first chart at 5.3 s
   instead of 6.2 s (Bandingkan 6.1 instead of 7.1 s); the page's first text about 0.5 s later (3.5
   instead of 3.0 s), as the file shares the phone's bandwidth with the page's own scripts.
   `rel=modulepreload` (fetched at the scripts' priority) held the first text back as long or longer,
   for no earlier chart; starting the prefetch from the page's load event kept the first text where it
   was but brought the chart no sooner (the load event comes about when the first chart does). Pages
   without charts (sign-in, upload, staff pages) get no header: a staff member on the upload page
   does not download the chart library for nothing. The file name carries a hash that changes with
   each Streamlit release: it is read from the installed package's static folder; if there is not
   exactly one such file, no header is sent (the page works as before, only without the head start).

2. **The server's address, so the page's first connection is not a failed one.** Streamlit's front end
   does not know under which path the app is served, so on a page below the root (`/programs`) it first
   asks `/programs/_stcore/health`, gets a 404, waits 100 ms and only then asks `/_stcore/health`: a
   wasted round trip and a timer before every shared link to a page other than the Overview (about 0.12
   s on this machine, 0.3 s on the emulated phone network). Streamlit reads the address from
   `window.__streamlit.BACKEND_BASE_URL` when a page has set it before Streamlit's scripts run; a short
   inline script (page_start.js), put in the HTML just before Streamlit's own, sets it to the folder of
   the page's URL (`https://host/dasbor/programs` → `https://host/dasbor/`), which is right whatever
   path a proxy serves the app under, since every page's path is one segment below the app's. It does
   so only when the URL ends with the page's own path (given in the tag; not at the root, where
   Streamlit asks once already), and never when something else set `window.__streamlit`. The
   deployment's Content-Security-Policy allows the script by its hash (docs/nginx/dasbor-headers.conf;
   tests/app/test_page_start.py says when it changes); where a policy does not allow it, the browser
   does not run it and the page connects as before. To change the HTML, the request is passed to
   Streamlit without its Accept-Encoding (Streamlit would otherwise compress it; the documented nginx
   compresses HTML itself) and the answer's validators (ETag, Last-Modified: Streamlit's, of its file,
   not of this answer) are dropped, so a browser never keeps an answer of another version.

Run as `streamlit run app.py` (without server.py) neither is added and everything works as before.
"""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

import streamlit
from streamlit import config

from pages._shared.navigation import CHART_PAGES

STATIC_JS = Path(streamlit.__file__).resolve().parent / "static" / "static" / "js"
CHART_LIBRARY_GLOB = "PlotlyChart.*.js"
SCRIPT = (Path(__file__).resolve().parent / "page_start.js").read_text(encoding="utf-8")
# Where the script goes: before Streamlit's first script (its module entry point), which reads the address.
STREAMLIT_SCRIPT = b'<script type="module"'
# Request and answer headers this middleware takes away when it changes the HTML (see the module's text).
_REQUEST_DROPPED = (b"accept-encoding", b"if-none-match", b"if-modified-since", b"range")
_ANSWER_DROPPED = (b"content-length", b"etag", b"last-modified", b"content-encoding")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def chart_library(folder: Path = STATIC_JS) -> str | None:
    """The chart library's file name in Streamlit's static folder, or None when it is not exactly one file."""
    found = sorted(path.name for path in folder.glob(CHART_LIBRARY_GLOB))
    return found[0] if len(found) == 1 else None


def base_path() -> str:
    """Streamlit's server.baseUrlPath as a prefix: "" or "/dasbor"."""
    base = str(config.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}" if base else ""


def page_of(path: str, base: str) -> str | None:
    """The page's url_path of a request path ("" for the app's root), or None outside the app's base."""
    if base and not (path == base or path.startswith(base + "/")):
        return None
    return path[len(base):].strip("/")


def link_header(name: str, base: str) -> str:
    return f"<{base}/static/js/{name}>; rel=prefetch"


def script_tag(page: str) -> bytes:
    """The inline script (page_start.js) with the page's own path."""
    return f'<script data-page="{html.escape(page)}">{SCRIPT}</script>\n    '.encode()


def with_script(body: bytes, page: str) -> bytes:
    """The HTML with the script put before Streamlit's first one; unchanged if there is none."""
    at = body.find(STREAMLIT_SCRIPT)
    return body if at < 0 else body[:at] + script_tag(page) + body[at:]


def _is_html(headers: list[tuple[bytes, bytes]]) -> bool:
    return any(key.lower() == b"content-type" and value.startswith(b"text/html") for key, value in headers)


class PageStart:
    """ASGI middleware: the HTML of a page below the root gets the address script; a chart page's HTML the
    chart library's link."""

    def __init__(self, app: ASGIApp, library: str | None = None) -> None:
        self.app = app
        self.library = library if library is not None else chart_library()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        base = base_path()
        page = page_of(scope.get("path", ""), base) if scope["type"] == "http" else None
        # Pages only: one segment below the app's base at most (Streamlit's own routes are deeper or not HTML),
        # never a file beside index.html (favicon.png, manifest.json keep their compression and validators).
        if page is None or "/" in page or "." in page or scope.get("method") != "GET":
            await self.app(scope, receive, send)
            return
        link = link_header(self.library, base).encode("latin-1") if self.library and page in CHART_PAGES else None
        if not page:  # the root: Streamlit asks for its address once already; only the link is added
            await self.app(scope, receive, self._linking(send, link))
        else:
            headers = [(key, value) for key, value in scope.get("headers", []) if key.lower() not in _REQUEST_DROPPED]
            await self.app({**scope, "headers": headers}, receive, self._rewriting(send, page, link))

    @staticmethod
    def _linking(send: Send, link: bytes | None) -> Send:
        async def sending(message: Message) -> None:
            if (link is not None and message["type"] == "http.response.start" and message.get("status") == 200
                    and _is_html(list(message.get("headers", [])))):
                message = {**message, "headers": [*message.get("headers", []), (b"link", link)]}
            await send(message)

        return sending

    @staticmethod
    def _rewriting(send: Send, page: str, link: bytes | None) -> Send:
        start: Message | None = None
        chunks: list[bytes] = []

        async def sending(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                if message.get("status") == 200 and _is_html(list(message.get("headers", []))):
                    start = message  # held until the whole body is here
                    return
            elif start is not None and message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if message.get("more_body"):
                    return
                body = with_script(b"".join(chunks), page)
                kept = [(k, v) for k, v in start.get("headers", []) if k.lower() not in _ANSWER_DROPPED]
                kept.append((b"content-length", str(len(body)).encode("latin-1")))
                if link is not None:
                    kept.append((b"link", link))
                await send({**start, "headers": kept})
                await send({"type": "http.response.body", "body": body})
                return
            await send(message)

        return sending
