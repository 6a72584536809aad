"""Real Chromium (Debian's) driven by Playwright against `streamlit run` on a free port."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, require

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"streamlit did not become healthy at {url}")


def start_app(database_url: str, extra_env: dict[str, str] | None = None,
              script: str = "app.py", base: str = "") -> tuple[subprocess.Popen, str]:
    """`streamlit run app.py`, or `server.py` (the served entry point with the remembered sign-in's route);
    under `base` (server.baseUrlPath, "dasbor"), the URL returned is the app's, base included."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url, **(extra_env or {})}
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / script), "--server.headless=true",
         "--server.address=127.0.0.1", f"--server.port={port}", "--browser.gatherUsageStats=false",
         *([f"--server.baseUrlPath={base}"] if base else [])],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}" + (f"/{base.strip('/')}" if base else "")
    wait_healthy(url)
    return process, url


def stop_app(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    require(os.path.exists(CHROMIUM), "Chromium is not installed (apt-get install chromium)")
    return CHROMIUM


# Accounts the browser tests sign in with (created through the real command line).
EDITOR = ("editor.uji", "kata-sandi-editor-1")
ADMIN = ("admin.uji", "kata-sandi-admin-1")


@pytest.fixture(scope="session")
def app_database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    database = tmp_path_factory.mktemp("browser") / "store.sqlite"
    url = f"sqlite:///{database}"
    env = {**os.environ, "DATABASE_URL": url}
    subprocess.run([sys.executable, "-m", "analytics", "seed"], cwd=ROOT, check=True, env=env,
                   stdout=subprocess.DEVNULL)
    for (name, password), role in ((EDITOR, "editor"), (ADMIN, "admin")):
        subprocess.run([sys.executable, "-m", "analytics", "users", "add", name, "--role", role], cwd=ROOT,
                       check=True, env=env, input=password + "\n", text=True, stdout=subprocess.DEVNULL)
    return url


@pytest.fixture(scope="session")
def app_url(app_database_url: str, chromium_path: str) -> Iterator[str]:
    process, address = start_app(app_database_url)
    yield address
    stop_app(process)


@pytest.fixture(scope="session")
def browser(chromium_path: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP, locale="id-ID")
    page = context.new_page()
    yield page
    context.close()


SCRIPT_STATE = "() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState"


def charts_drawn(page, timeout: int = 90_000) -> None:
    """Wait until the page's run is over and every chart in view has been drawn by plotly (a chart in a closed
    tab or expander is not in view), then two frames more: what a screenshot should show, without a fixed sleep."""
    page.wait_for_function(f"({SCRIPT_STATE})() === 'notRunning'", timeout=timeout)
    page.wait_for_function("""() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')]
        .every(chart => chart.offsetParent === null || chart.querySelector('.main-svg'))""", timeout=timeout)
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def click_and_wait(page, locator) -> None:
    """Click, then wait until Streamlit has finished the rerun the click started (a second click
    during a run would interrupt it)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    locator.click()
    with contextlib.suppress(PlaywrightTimeout):  # the run may already be over
        page.wait_for_function(f"({SCRIPT_STATE})() === 'running'", timeout=2_000)
    page.wait_for_function(f"({SCRIPT_STATE})() === 'notRunning'", timeout=45_000)


def download(page, button, attempts: int = 3, wait_s: float = 60.0):
    """Click a download button and return the download. A click can be lost: it landed while the page was
    still settling (a chart finishing its drawing moves the buttons under it), seen now and then with the
    app and the browser on 2 cores. A click that was taken disables the button while the file is built
    (slow under load: over 15 s in CI), so only a click after which nothing came and the button is not busy
    is made again, up to `attempts` times."""
    import time

    got: list = []

    def listener(download) -> None:  # noqa: ANN001  (a playwright Download)
        got.append(download)

    page.on("download", listener)
    try:
        page.wait_for_function(f"({SCRIPT_STATE})() === 'notRunning'", timeout=45_000)
        for _ in range(attempts):
            button.click(timeout=45_000)  # waits while the button is disabled (a file still being built)
            clicked = time.monotonic()
            while not got and time.monotonic() - clicked < wait_s:
                page.wait_for_timeout(250)
                if not got and time.monotonic() - clicked > 5 and button.is_enabled():
                    break  # lost: nothing came, and the button is not building a file
            if got:
                return got[0]
        raise AssertionError(f"no download after {attempts} clicks")
    finally:
        page.remove_listener("download", listener)


def sign_in(page, app_url: str, name: str, password: str) -> None:
    """Sign in through the real form (Data → Masuk)."""
    from playwright.sync_api import expect

    page.goto(f"{app_url}/sign_in")
    expect(page.get_by_role("heading", name="Masuk untuk petugas")).to_be_visible(timeout=45_000)
    page.get_by_label("Nama akun").fill(name)
    page.get_by_label("Kata sandi", exact=True).fill(password)
    page.get_by_role("button", name="Masuk", exact=True).click()
    expect(page.get_by_text(f"Masuk sebagai {name}")).to_be_visible(timeout=45_000)


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# Counts the messages the server sends the page (one per element drawn, and a few per run).
COUNT_RECEIVED = """(() => { const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    if (!this.__counted) { this.__counted = true;
      this.addEventListener('message', () => { window.__received = (window.__received || 0) + 1; }); }
    return send.call(this, data); };
})()"""


def received_during(page, change) -> int:
    """Messages received from the server while `change` runs to its end."""
    page.wait_for_function("() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState"
                           " === 'notRunning'", timeout=90_000)
    before = page.evaluate("() => window.__received || 0")
    change()
    page.wait_for_timeout(500)
    page.wait_for_function("() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState"
                           " === 'notRunning'", timeout=90_000)
    page.wait_for_timeout(1000)
    return page.evaluate("() => window.__received || 0") - before
