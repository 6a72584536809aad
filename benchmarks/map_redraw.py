"""Map redraw: time from a change of year to the chart redrawn in Chromium, map versus bar chart.

The Compare page shows the same 514 kab/kota values either as a choropleth map or as a
bar chart (the page's own "Peta / Diagram batang" switch). For each view, the year is
switched back and forth in the real page (selectbox, like a user) and the clock stops
when the chart's title shows the new year (plotly draws the title with the figure).
The two views are measured alternately in one run, so both see the same machine load.
The first switch of each year fills the page's figure cache and is reported apart.
Prints the medians and their ratio (target ≤ 2×).

    .venv/bin/python benchmarks/map_redraw.py [--rounds 6]
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

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, start_app, stop_app  # noqa: E402

TITLE = ".js-plotly-plot .gtitle"
YEARS = (2024, 2025)
TIMEOUT = 120_000


def open_view(browser, url: str, chart: str):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID")
    page = context.new_page()
    page.goto(f"{url}/compare?lang=id&region=3671&ind=p0&level=kabkota&prov=00&period=march"
              f"&year={YEARS[-1]}&chart={chart}")
    page.locator(TITLE).first.wait_for(state="visible", timeout=TIMEOUT)
    page.wait_for_function(f"() => document.querySelector('{TITLE}').textContent.includes('{YEARS[-1]}')",
                           timeout=TIMEOUT)
    page.keyboard.press("Escape")  # a "page not found" notice may show on the first session
    return context, page


def switch_year(page, year: int) -> float:
    """Choose `year` in the Tahun selectbox; seconds until the chart title shows it."""
    page.get_by_test_id("stSelectbox").filter(has_text="Tahun").first.click()
    option = page.get_by_role("option", name=str(year), exact=True)
    option.wait_for(state="visible", timeout=TIMEOUT)
    started = time.perf_counter()
    option.click()
    page.wait_for_function(
        f"() => document.querySelector('{TITLE}').textContent.includes('Maret {year}')", timeout=TIMEOUT)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=6)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        database = f"sqlite:///{Path(tmp) / 'store.sqlite'}"
        subprocess.run([sys.executable, "-m", "analytics", "seed"], cwd=ROOT, check=True,
                       env={**os.environ, "DATABASE_URL": database}, stdout=subprocess.DEVNULL)
        process, url = start_app(database)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
                views = {chart: open_view(browser, url, chart) for chart in ("map", "bar")}
                first = {chart: switch_year(page, YEARS[0]) for chart, (_, page) in views.items()}
                timings: dict[str, list[float]] = {"map": [], "bar": []}
                for round_number in range(1, args.rounds + 1):
                    year = YEARS[round_number % 2]
                    for chart in ("map", "bar"):
                        timings[chart].append(switch_year(views[chart][1], year))
                    print(f"round {round_number} (→ {year}): map {timings['map'][-1]:.2f} s, "
                          f"bar {timings['bar'][-1]:.2f} s")
                for context, _ in views.values():
                    context.close()
                browser.close()
        finally:
            stop_app(process)
    map_median, bar_median = statistics.median(timings["map"]), statistics.median(timings["bar"])
    print(f"first switch (fills the figure cache): map {first['map']:.2f} s, bar {first['bar']:.2f} s")
    print(f"median redraw, bar chart of 514 values: {bar_median:.2f} s")
    print(f"median redraw, choropleth of 514 kab/kota: {map_median:.2f} s")
    print(f"ratio map / bar: {map_median / bar_median:.2f}x (target <= 2x)")


if __name__ == "__main__":
    main()
