"""Cold start to first chart drawn in Chromium: this app versus a minimal one-chart app.

Each round starts a fresh `streamlit run` process for each app (alternately, so both
see the same machine load), opens it in Chromium and stops the clock when the first
plotly chart with data is drawn (a trace visible; the dashboard's "loading data"
placeholder chart has none, so it does not count). Prints the medians and their ratio (target ≤ 1.3×).
The store is seeded before timing, as `make run` does.

    .venv/bin/python benchmarks/cold_start.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, free_port, stop_app, wait_healthy  # noqa: E402

CHART = ".js-plotly-plot g.trace"


def cold_start(browser, script: Path, env: dict[str, str]) -> float:
    port = free_port()
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless=true",
         "--server.address=127.0.0.1", f"--server.port={port}", "--browser.gatherUsageStats=false"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_healthy(url)
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        page = context.new_page()
        page.goto(url)
        page.locator(CHART).first.wait_for(state="visible", timeout=60_000)
        elapsed = time.perf_counter() - started
        context.close()
        return elapsed
    finally:
        stop_app(process)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'store.sqlite'}"
        env = {**os.environ, "DATABASE_URL": url}
        subprocess.run([sys.executable, "-m", "analytics", "seed"], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)
        ours, baseline = [], []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            cold_start(browser, ROOT / "benchmarks" / "minimal_app.py", env)  # warm the OS file cache
            for round_number in range(1, args.rounds + 1):
                baseline.append(cold_start(browser, ROOT / "benchmarks" / "minimal_app.py", env))
                ours.append(cold_start(browser, ROOT / "app.py", env))
                print(f"round {round_number}: minimal {baseline[-1]:.2f} s, dashboard {ours[-1]:.2f} s")
            browser.close()
    ratio = statistics.median(ours) / statistics.median(baseline)
    print(f"median minimal app: {statistics.median(baseline):.2f} s")
    print(f"median dashboard:   {statistics.median(ours):.2f} s")
    print(f"ratio dashboard / minimal: {ratio:.2f}x (target <= 1.3x)")


if __name__ == "__main__":
    main()
