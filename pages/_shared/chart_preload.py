"""The chart library fetched from the first response of a shared link, not from its first chart.

Streamlit's front end asks for plotly.js (one file of 4.7 MB, uncompressed) only when the first chart
arrives over the websocket: after the page's own scripts have loaded, the websocket is open and the
server has run the page. On a phone network that download then starts seconds after the link was
opened, and the chart waits for it. This ASGI middleware (server.py) adds a
`Link: <…/PlotlyChart.….js>; rel=prefetch` header to the HTML of a chart page, so the browser
fetches it at the lowest priority while the websocket opens and the server runs the page; when the
first chart asks for it, it comes from the browser's cache (Streamlit serves it as immutable for a
year). Measured on an emulated 4G phone through the documented nginx, which compresses it (1 Dec
2026, Program for Kota Tangerang, three rounds): the first chart at 5.3 s instead of 6.2 s
(Bandingkan 6.1 instead of 7.1 s); the page's first text about 0.5 s later (3.5 instead of 3.0 s), as
the file shares the phone's bandwidth with the page's own scripts. `rel=modulepreload` (fetched at the
scripts' priority) held the first text back as long or longer, for no earlier chart.

Pages without charts (sign-in, upload, staff pages) get no header: a staff member on the upload page
does not download the chart library for nothing. The file name carries a hash that changes with each
Streamlit release: it is read from the installed package's static folder; if there is not exactly one
such file, no header is sent (the page works as before, only without the head start).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

import streamlit
from streamlit import config

from pages._shared.navigation import CHART_PAGES

STATIC_JS = Path(streamlit.__file__).resolve().parent / "static" / "static" / "js"
CHART_LIBRARY_GLOB = "PlotlyChart.*.js"

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


class PrefetchChartLibrary:
    """ASGI middleware: a chart page's HTML answers with a prefetch link to the chart library."""

    def __init__(self, app: ASGIApp, library: str | None = None) -> None:
        self.app = app
        self.library = library if library is not None else chart_library()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "GET" or self.library is None:
            await self.app(scope, receive, send)
            return
        base = base_path()
        if page_of(scope.get("path", ""), base) not in CHART_PAGES:
            await self.app(scope, receive, send)
            return
        link = link_header(self.library, base).encode("latin-1")

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start" and message.get("status") == 200:
                headers = list(message.get("headers", []))
                if any(key.lower() == b"content-type" and value.startswith(b"text/html") for key, value in headers):
                    message = {**message, "headers": [*headers, (b"link", link)]}
            await send(message)

        await self.app(scope, receive, sending)
