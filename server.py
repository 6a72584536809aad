"""The served entry point: `streamlit run server.py` (or `uvicorn server:app`).

The app itself is app.py (Streamlit 1.67's `st.App` runs it as it would run `streamlit run
app.py`, with .streamlit/config.toml). This file adds the one HTTP route a Streamlit script
cannot provide: setting and removing the remembered sign-in's HTTP-only cookie
(analytics.accounts.session_cookie), which the signed-in page requests as an image; the file of
the small script that names Streamlit's own controls for screen readers in the interface's
language (pages/_shared/screen_reader.py); and what a page's HTML carries for a shared link to draw
sooner (pages/_shared/page_start.py): a chart page's HTML names plotly.js for the browser to fetch
at once, and the HTML of a page below the root tells Streamlit's front end the server's address. Run as
`streamlit run app.py` everything works the same except that a reload ends the session, plotly.js is
fetched only when the first chart arrives and a link to a page first asks the server at a wrong address.
"""

from __future__ import annotations

import base64
from pathlib import Path

import streamlit as st
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from analytics.accounts import session_cookie
from pages._shared import screen_reader, session
from pages._shared.page_start import PageStart

# A transparent 1×1 GIF: the route answers the page's <img> with an image, not an error icon.
_PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
_HEADERS = {"Cache-Control": "no-store", "Content-Type": "image/gif"}


def _secure(request: Request) -> bool:
    """Behind the documented TLS proxy (X-Forwarded-Proto https) the cookie is Secure."""
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto", "") == "https"


def _cookie_for_ticket(key: str, ticket: str) -> str | None:
    from pages._shared import data  # the store records which tickets any app process has used

    return session_cookie.cookie_for_ticket(key, ticket, data.store())


async def remembered_sign_in(request: Request) -> Response:
    """?ticket=… → the cookie (200 with a pixel); ?forget=1 → the cookie removed; otherwise 403."""
    response = Response(_PIXEL, headers=_HEADERS)
    if request.query_params.get("forget"):
        response.delete_cookie(session_cookie.COOKIE_NAME, path="/", secure=_secure(request), httponly=True,
                               samesite="strict")
        return response
    key = session.session_key()
    # The store is blocking I/O: off the event loop, which serves every session's websocket.
    value = await run_in_threadpool(_cookie_for_ticket, key, request.query_params.get("ticket", "")) if key else None
    if value is None:
        return Response(_PIXEL, status_code=403, headers=_HEADERS)
    response.set_cookie(session_cookie.COOKIE_NAME, value, max_age=int(session.session_minutes() * 60), path="/",
                        secure=_secure(request), httponly=True, samesite="strict")
    return response


async def screen_reader_script(_request: Request) -> Response:
    """The script that gives Streamlit's own controls their names in the interface's language
    (pages/_shared/screen_reader.py): a file from this origin, which the CSP's script-src allows."""
    return FileResponse(screen_reader.SCRIPT_FILE, media_type="text/javascript", headers={"Cache-Control": "no-cache"})


app = st.App(str(Path(__file__).resolve().parent / "app.py"),
             routes=[Route(session_cookie.ROUTE, remembered_sign_in, methods=["GET"]),
                     Route(screen_reader.SCRIPT_ROUTE, screen_reader_script, methods=["GET"])],
             middleware=[Middleware(PageStart)])
