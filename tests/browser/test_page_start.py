"""A shared link to a page of the app served under a path of its own (server.baseUrlPath, as a city may
serve it at https://host/dasbor/), in Chromium against `streamlit run server.py`: the page's HTML gives
Streamlit's front end the address with the path (pages/_shared/page_start.py), so it asks for the
server's health once, there, and draws the page's chart; the chart library comes from under the path too.
(The unit tests drive the middleware itself: tests/app/test_page_start.py; behind nginx:
tests/browser/test_proxy.py.)"""

from __future__ import annotations

import pytest

from tests.browser.conftest import start_app, stop_app

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app_under_a_path(app_database_url, chromium_path):
    process, url = start_app(app_database_url, script="server.py", base="dasbor")
    yield url
    stop_app(process)


@pytest.mark.parametrize("page_path", ["programs", "poverty"])
def test_a_link_under_the_apps_own_path_connects_once_and_draws(app_under_a_path, browser, page_path):
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{app_under_a_path}/{page_path}?region=3671&lang=id")
    expect(page.locator(".js-plotly-plot g.trace").first).to_be_attached(timeout=60_000)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    address = page.evaluate("() => window.__streamlit && window.__streamlit.BACKEND_BASE_URL")
    context.close()
    assert address == f"{app_under_a_path}/"
    assert [url for url in requested if "/_stcore/health" in url] == [f"{app_under_a_path}/_stcore/health"]
    library = [url for url in requested if "/static/js/PlotlyChart." in url]
    assert library and all(url.startswith(f"{app_under_a_path}/static/js/") for url in library), library
