"""Gallery: a screenshot of every page at phone (390 px) and desktop (1366 px) width, in both languages.

    python scripts/gallery.py [--out test-artifacts/gallery] [--only poverty]

Starts the app (the store of DATABASE_URL, or the embedded one after `python -m analytics seed`) on a
free loopback port, opens each view in headless Chromium and writes `<view>_<lang>_<width>.png` into
one folder, the whole page at once (the window is made as tall as the page). Look at every shot.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run"]
WIDTHS = (390, 1366)
LANGS = ("id", "en")
# A phone's user agent, as a real phone sends it (the pages fit charts to the width, not to this).
PHONE_AGENT = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
               "Chrome/120.0 Mobile Safari/537.36")
# Every page a visitor can open, and the views of issue #14's examples.
VIEWS = {
    "overview": "/?region=3671",
    "overview_nation": "/?region=00",
    "poverty": "/poverty?region=3671",
    "poverty_p1": "/poverty?region=3671&measures=p1",
    "poverty_poor_compare": "/poverty?region=3671&measures=poor_count&compare=5371&refs=false",
    "poverty_poor_refs": "/poverty?region=3671&measures=poor_count&compare=5371&refs=true",
    "programs": "/programs?region=3671",
    "compare": "/compare?region=3671",
    "compare_banten": "/compare?region=3602&prov=36",
    "compare_province": "/compare?region=36&level=province",
    "about": "/about",
}
MAX_HEIGHT = 16000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_app() -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless=true",
         "--server.address=127.0.0.1", f"--server.port={port}", "--browser.gatherUsageStats=false"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return process, url
        except OSError:
            time.sleep(0.3)
    os.killpg(process.pid, signal.SIGTERM)
    raise SystemExit("the app did not start")


def shoot(browser, url: str, path: str, lang: str, width: int, out: Path, name: str) -> Path:
    context = browser.new_context(viewport={"width": width, "height": 900},
                                  user_agent=PHONE_AGENT if width < 600 else None)
    page = context.new_page()
    separator = "&" if "?" in path else "?"
    page.goto(f"{url}{path}{separator}lang={lang}")
    page.get_by_test_id("stApp").wait_for(timeout=60_000)
    # A page without a chart (About) waits less.
    with contextlib.suppress(Exception):
        page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=5_000 if "about" in path else 30_000)
    page.wait_for_timeout(2500)
    # Streamlit scrolls inside its main block: make the window as tall as that block, then shoot it all.
    height = page.evaluate("() => Math.max(...[...document.querySelectorAll('[data-testid=stMain], "
                           "[data-testid=stAppViewContainer], section')].map(e => e.scrollHeight), 900)")
    page.set_viewport_size({"width": width, "height": min(int(height) + 40, MAX_HEIGHT)})
    page.wait_for_timeout(2500)
    target = out / f"{name}_{lang}_{width}.png"
    page.screenshot(path=str(target), full_page=True)
    context.close()
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "test-artifacts" / "gallery"))
    parser.add_argument("--only", nargs="*", help="view names (default: all)")
    parser.add_argument("--widths", nargs="*", type=int, default=list(WIDTHS))
    parser.add_argument("--langs", nargs="*", default=list(LANGS))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    process, url = start_app()
    # Stopped from outside (SIGTERM): still stop the app it started.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            for name, path in VIEWS.items():
                if args.only and name not in args.only:
                    continue
                for lang in args.langs:
                    for width in args.widths:
                        print(shoot(browser, url, path, lang, width, out, name), flush=True)
            browser.close()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


if __name__ == "__main__":
    main()
