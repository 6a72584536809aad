"""Issue 20, item 7: the documented reverse proxy (docs/nginx/dasbor.conf) is a real, working file.

It is run as is on 127.0.0.1 in front of `streamlit run server.py` (the served entry point, as
`make run` starts it; only ports, certificate paths and the upstream list are swapped: a throwaway
self-signed certificate), and the test asserts the security headers, HSTS, the HTTP → HTTPS
redirect, that /_stcore/metrics is not public, in Chromium that the Content-Security-Policy lets
the dashboard draw its charts without a single violation, that scripts come compressed and a chart
page's first answer names plotly.js for the browser to fetch at once (issue 18, phones), and that server.py's own route
(/_dasbor/session, the remembered sign-in) answers through the proxy with a Secure, HTTP-only,
SameSite=Strict cookie and the same security headers.
Skips without nginx on a laptop; under CI=true it must run (.ci/run installs nginx-light).
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import signal
import sqlite3
import ssl
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from tests.conftest import ROOT, require

DOCS = ROOT / "docs" / "nginx"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
# Test-only signing key for the remembered sign-in (a deployment sets its own).
SESSION_KEY = "kunci-uji-untuk-proksi-" + "p" * 24


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def fetch(url: str) -> tuple[int, dict[str, str]]:
    """Status and headers (lower-case names) of a GET over TLS, redirects not followed."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=context), _NoRedirect)
    try:
        with opener.open(url, timeout=20) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}


def fetch_body(url: str, *, compressed: bool) -> tuple[dict[str, str], bytes]:
    """Headers (lower-case names) and the body as sent (not decompressed) of a GET over TLS, asking for
    gzip or not."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip" if compressed else "identity"})
    with urllib.request.urlopen(request, timeout=30, context=context) as response:
        return {k.lower(): v for k, v in response.headers.items()}, response.read()


@pytest.fixture(scope="module")
def proxy(tmp_path_factory, app_database_url):
    require(os.path.exists(NGINX), "nginx is not installed (apt-get install nginx-light)")
    from tests.browser.conftest import free_port, start_app, stop_app

    work = tmp_path_factory.mktemp("proxy")
    # A copy of the browser suite's seeded store with its accounts, so the sign-ins here do not
    # count in the audit log the other browser tests read.
    with sqlite3.connect(app_database_url.removeprefix("sqlite:///")) as source, \
            sqlite3.connect(work / "store.sqlite") as copy:
        source.backup(copy)
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                    "/CN=127.0.0.1", "-keyout", str(work / "key.pem"), "-out", str(work / "cert.pem")],
                   check=True, capture_output=True)
    app, app_url = start_app(f"sqlite:///{work / 'store.sqlite'}", {"DASBOR_SESSION_KEY": SESSION_KEY},
                             script="server.py")
    app_port = int(app_url.rsplit(":", 1)[1])
    https, http = free_port(), free_port()
    site = (DOCS / "dasbor.conf").read_text()
    replacements = {
        "    server 127.0.0.1:8501;\n    server 127.0.0.1:8502;\n": f"    server 127.0.0.1:{app_port};\n",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https} ssl http2;",
        "listen 80;": f"listen 127.0.0.1:{http};",
        "/etc/letsencrypt/live/dasbor.example.go.id/fullchain.pem": str(work / "cert.pem"),
        "/etc/letsencrypt/live/dasbor.example.go.id/privkey.pem": str(work / "key.pem"),
    }
    for old, new in replacements.items():
        assert old in site, old  # the documented file still has the shape this test runs
        site = site.replace(old, new)
    (work / "dasbor.conf").write_text(site)
    shutil.copy(DOCS / "dasbor-headers.conf", work / "dasbor-headers.conf")
    temp = {name: work / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    for folder in temp.values():
        folder.mkdir()
    (work / "nginx.conf").write_text(
        # Started as root (CI), nginx's workers would run as nobody and could not write a large
        # answer (plotly's 4.6 MB script) to the temporary folders under pytest's 0700 tmp: the
        # script then arrived cut (ERR_HTTP2_PROTOCOL_ERROR), now and then, whenever Chromium read
        # more slowly than the app answered. Debian's packaged nginx has its own www-data folders.
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"daemon off;\npid {work / 'nginx.pid'};\nerror_log {work / 'error.log'};\nevents {{}}\nhttp {{\n"
        f"  access_log off;\n  client_body_temp_path {temp['body']};\n  proxy_temp_path {temp['proxy']};\n"
        f"  fastcgi_temp_path {temp['fastcgi']};\n  uwsgi_temp_path {temp['uwsgi']};\n"
        f"  scgi_temp_path {temp['scgi']};\n  include dasbor.conf;\n}}\n")
    server = subprocess.Popen([NGINX, "-p", str(work), "-c", str(work / "nginx.conf"), "-e", str(work / "error.log")],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    url = f"https://127.0.0.1:{https}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            if fetch(f"{url}/_stcore/health")[0] == 200:
                break
        except OSError:
            time.sleep(0.2)
    else:
        server.kill()
        stop_app(app)
        pytest.fail(f"nginx did not start: {(work / 'error.log').read_text()[-2000:]}")
    yield {"https": url, "http": f"http://127.0.0.1:{http}", "app": app_url, "work": work}
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=10)
    stop_app(app)


def test_every_answer_carries_the_security_headers(proxy):
    status, headers = fetch(f"{proxy['https']}/")
    assert status == 200
    policy = headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy and "default-src 'self'" in policy and "object-src 'none'" in policy
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert headers["strict-transport-security"] == "max-age=31536000"
    assert "nginx/" not in headers.get("server", "")  # no version given away


def test_metrics_are_not_public_and_plain_http_goes_to_https(proxy):
    assert fetch(f"{proxy['https']}/_stcore/metrics")[0] == 404
    status, headers = fetch(f"{proxy['http']}/poverty")
    assert status == 301 and headers["location"].startswith("https://")
    # A refusal carries the headers too ("always").
    assert "content-security-policy" in fetch(f"{proxy['https']}/_stcore/metrics")[1]


def test_the_dashboard_draws_its_charts_under_the_policy_without_a_violation(proxy, browser):
    # The suite's one Chromium (tests/browser/conftest.py): a second sync_playwright in the same
    # process fails while the first one's loop runs.
    from playwright.sync_api import expect

    violations: list[str] = []
    failed: list[str] = []
    context = browser.new_context(ignore_https_errors=True, viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text else None)
    page.on("requestfailed", lambda request: failed.append(f"{request.url}: {request.failure}"))
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{proxy['https']}/poverty?region=3671&measures=p0")
    try:
        expect(page.locator(".js-plotly-plot .main-svg").first).to_be_visible(timeout=60_000)
    except AssertionError:
        context.close()
        log = (proxy["work"] / "error.log").read_text(errors="replace")[-3000:]
        raise AssertionError(f"no chart drawn; failed requests: {failed}; nginx error.log: {log}") from None
    expect(page.locator(".js-plotly-plot g.trace").first).to_be_attached(timeout=30_000)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    # The screen-reader script (a file from the app's origin, pages/_shared/screen_reader.py) ran
    # under the policy: it sets <html lang> to the interface's language.
    page.wait_for_function("() => document.documentElement.lang === 'id'", timeout=30_000)
    # The page's own inline script (pages/_shared/page_start.js) ran under the policy too: Streamlit asked
    # for the server's health once, at the app's address, not first at /poverty/_stcore/health.
    address = page.evaluate("() => window.__streamlit && window.__streamlit.BACKEND_BASE_URL")
    context.close()
    assert violations == [], "\n".join(violations)
    assert address == f"{proxy['https']}/"
    assert [url for url in requested if "/_stcore/health" in url] == [f"{proxy['https']}/_stcore/health"], requested


def test_bandingkans_map_draws_every_region_under_the_policy(proxy, browser):
    """The map (plotly's geo layout) reads its empty base map from a data: URL (analytics/figures/maps.py):
    under a policy that refused it, the map drew its title and no region at all (found 1 Dec 2026)."""
    from playwright.sync_api import expect

    violations: list[str] = []
    context = browser.new_context(ignore_https_errors=True, viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text else None)
    page.goto(f"{proxy['https']}/compare?region=3674&lang=id")
    regions = page.locator(".js-plotly-plot .choroplethlocation")
    expect(regions.first).to_be_attached(timeout=60_000)
    drawn = regions.count()
    context.close()
    assert violations == [], "\n".join(violations)
    assert drawn >= 500, drawn  # the kab/kota of Indonesia (514 in the 2024 boundaries), each a shape


def test_a_chart_page_names_the_chart_library_and_scripts_come_compressed(proxy):
    """A chart page's HTML carries a prefetch link to Streamlit's plotly.js file (the one the
    installed Streamlit serves, hash and all); through the proxy that file comes gzip-compressed to a
    client that asks (the same bytes once unpacked, under 40 % of the size) and as it is to one that
    does not. Pages without charts name nothing."""
    headers, _ = fetch_body(f"{proxy['https']}/poverty?region=3671", compressed=True)
    assert headers.get("content-encoding") == "gzip"  # the page's HTML too (asked uncompressed from Streamlit)
    found = re.fullmatch(r"</static/js/(PlotlyChart\.[\w-]+\.js)>; rel=prefetch", headers.get("link", ""))
    assert found, headers.get("link")
    with urllib.request.urlopen(f"{proxy['app']}/static/js/{found[1]}", timeout=30) as response:
        plain = response.read()  # from the app itself, uncompressed
    assert len(plain) > 3_000_000  # plotly.js, not an error page
    headers, body = fetch_body(f"{proxy['https']}/static/js/{found[1]}", compressed=True)
    assert headers["content-encoding"] == "gzip" and "accept-encoding" in headers["vary"].lower()
    assert gzip.decompress(body) == plain and len(body) < 0.4 * len(plain)
    headers, body = fetch_body(f"{proxy['https']}/static/js/{found[1]}", compressed=False)
    assert "content-encoding" not in headers and body == plain
    for path in ("/", "/compare?region=3671", "/programs"):
        assert fetch(f"{proxy['https']}{path}")[1]["link"] == f"</static/js/{found[1]}>; rel=prefetch"
    for path in ("/upload", "/sign_in", "/about", "/history"):
        assert "link" not in fetch(f"{proxy['https']}{path}")[1], path


def test_a_shared_link_fetches_the_chart_library_before_the_app_connects(proxy, browser):
    """In Chromium, a shared link to Bandingkan (server.py, as the proxy serves it) asks for plotly.js before
    its first health check (which comes before the websocket) and draws its map. The map's own request for
    the file is then answered from the browser's cache: the file is sent cacheable (on loopback the cached
    copy is taken, transfer size 0; not asserted, as that depends on the prefetch having finished first).
    Its one health check goes to the app's address: the page's HTML has told Streamlit where that is.
    Against the app itself: over the proxy's throwaway certificate Chromium caches nothing."""
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{proxy['app']}/compare?region=3671")
    expect(page.locator(".js-plotly-plot g.trace, .js-plotly-plot canvas.maplibregl-canvas").first
           ).to_be_attached(timeout=60_000)
    context.close()
    library = [number for number, url in enumerate(requested) if "/static/js/PlotlyChart." in url]
    health = [number for number, url in enumerate(requested) if url.endswith("/_stcore/health")]
    assert health and library and library[0] < health[0], requested[:12]
    # One health check, at the app's address (pages/_shared/page_start.js), not first at /compare/_stcore/health.
    assert [requested[number] for number in health] == [f"{proxy['app']}/_stcore/health"], requested[:12]
    with urllib.request.urlopen(requested[library[0]], timeout=30) as response:
        cache = response.headers["cache-control"]
    assert "immutable" in cache and int(re.search(r"max-age=(\d+)", cache)[1]) >= 86_400, cache


def _assert_security_headers(headers: dict[str, str]) -> None:
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert headers["strict-transport-security"] == "max-age=31536000"


def test_the_remembered_sign_in_route_sets_a_secure_cookie_through_the_proxy(proxy, browser):
    """server.py's route behind the documented proxy, as an editor's browser uses it: the
    proxy passes it through, the cookie is Secure (TLS at the proxy, X-Forwarded-Proto), HTTP-only
    and SameSite=Strict, the answer carries the security headers, a reload stays signed in, and
    the ticket the browser used is refused when replayed."""
    from playwright.sync_api import expect

    from tests.browser.conftest import EDITOR, sign_in

    context = browser.new_context(ignore_https_errors=True, viewport={"width": 1366, "height": 900},
                                  locale="id-ID")
    page = context.new_page()
    try:
        with page.expect_response(lambda r: "/_dasbor/session?ticket=" in r.url, timeout=60_000) as answer:
            sign_in(page, proxy["https"], *EDITOR)
        response = answer.value
        assert response.status == 200 and response.url.startswith(proxy["https"])
        headers = response.all_headers()
        _assert_security_headers(headers)
        assert headers["content-type"] == "image/gif" and headers["cache-control"] == "no-store"
        attributes = [part.strip().lower() for part in headers["set-cookie"].split(";")]
        assert attributes[0].startswith("dasbor_session=")
        assert {"httponly", "secure", "samesite=strict", "path=/"} <= set(attributes)
        cookie = next(c for c in context.cookies() if c["name"] == "dasbor_session")
        assert cookie["secure"] and cookie["httpOnly"] and cookie["sameSite"] == "Strict"
        page.reload()
        expect(page.get_by_text(f"Masuk sebagai {EDITOR[0]}")).to_be_visible(timeout=45_000)
        ticket_url = response.url
    finally:
        context.close()
    status, replayed = fetch(ticket_url)
    assert status == 403 and "set-cookie" not in replayed
    _assert_security_headers(replayed)
    status, forgotten = fetch(f"{proxy['https']}/_dasbor/session?forget=1")
    assert status == 200 and "max-age=0" in forgotten["set-cookie"].lower()
    assert "secure" in forgotten["set-cookie"].lower()


def test_an_editor_previews_an_upload_through_the_proxy_under_the_policy(proxy, browser, tmp_path):
    """The upload goes through nginx as a staff member's browser sends it (Streamlit's upload route with
    its XSRF cookie, behind TLS, under the policy): the file arrives and its preview is worked out. Only
    previewed, never saved: the proxy's app shares its store with other tests."""
    from playwright.sync_api import expect

    from tests.browser.conftest import EDITOR, sign_in

    violations: list[str] = []
    context = browser.new_context(ignore_https_errors=True, viewport={"width": 1366, "height": 900},
                                  locale="id-ID")
    page = context.new_page()
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text else None)
    try:
        sign_in(page, proxy["https"], *EDITOR)
        page.get_by_text("Unggah data", exact=True).first.click()
        expect(page.get_by_role("heading", name="Unggah data")).to_be_visible(timeout=45_000)
        upload = tmp_path / "koreksi_p0.csv"
        upload.write_text("kode_wilayah;indikator;tahun;periode;nilai\n3671;p0;2025;Maret;5,20\n", encoding="utf-8")
        page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(upload))
        expect(page.get_by_text("0 baris baru, 1 berubah, 0 tidak berubah")).to_be_visible(timeout=45_000)
        expect(page.get_by_test_id("stException")).to_have_count(0)
    finally:
        context.close()
    assert violations == [], "\n".join(violations)


def test_the_deployment_guide_points_to_the_tested_file():
    guide = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    assert "docs/nginx/dasbor.conf" in guide and "tests/browser/test_proxy.py" in guide
