"""Region brief: time to make one PDF, for every one of the 553 regions, against one Overview run.

In one process, on a freshly seeded SQLite store (or DATABASE_URL):

1. the Overview page is run in Streamlit's AppTest for a few regions (the first run, which pays
   for imports and the data cache, is reported apart; then the median of several reruns);
2. the brief of every region (nation, 38 provinces, 514 kab/kota) is made in each language,
   each checked to be exactly one page and how much it had to shrink to fit.

Prints the per-brief median, 95th percentile and maximum, the ratio of the median brief to
the median Overview run of the same regions, and the process's peak memory (max RSS).

    .venv/bin/python benchmarks/brief.py [--langs id,en] [--limit N]
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OVERVIEW_REGIONS = ("3671", "3602", "00", "9429")
RERUNS = 5


def overview_times(url: str) -> dict[str, tuple[float, float]]:
    """Per region: (first run, median rerun) of the Overview in AppTest, in seconds. Measured before
    and after the briefs, since a shared machine's load drifts over the minutes they take."""
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import AppTest, app_test

    class Served(PagesManager):  # as tests/app/conftest.py: a served app, not the legacy first run
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            PagesManager.uses_pages_directory = False

    app_test.PagesManager = Served
    os.environ["DATABASE_URL"] = url
    out = {}
    for code in OVERVIEW_REGIONS:
        app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        app.query_params["region"] = code
        started = time.perf_counter()
        app.run()
        first = time.perf_counter() - started
        assert not app.exception, app.exception
        reruns = []
        for _ in range(RERUNS):
            started = time.perf_counter()
            app.run()
            reruns.append(time.perf_counter() - started)
        out[code] = (first, statistics.median(reruns))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--langs", default="id,en")
    parser.add_argument("--limit", type=int, help="only the first N regions (a quick look)")
    args = parser.parse_args()

    from pypdf import PdfReader

    from analytics.ingest.loading import seed
    from analytics.outputs import brief
    from analytics.store.store import Store

    url = os.environ.get("DATABASE_URL")
    if not url:
        url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite'}"
        seed(Store(url))
    store = Store(url)

    before = overview_times(url)

    started = time.perf_counter()
    inputs = brief.inputs_from_store(store)
    read = time.perf_counter() - started
    codes = brief.brief_regions(inputs.registry)[:args.limit]
    times: dict[tuple[str, str], float] = {}
    worst_scale = (1.0, "")
    for lang in args.langs.split(","):
        for code in codes:
            started = time.perf_counter()
            rendered = brief.make_brief(inputs, code, lang)
            times[(code, lang)] = time.perf_counter() - started
            pages = len(PdfReader(io.BytesIO(rendered.pdf)).pages)
            if pages != 1:
                raise SystemExit(f"{code}/{lang}: {pages} pages")
            worst_scale = min(worst_scale, (rendered.scale, f"{code}/{lang}"))
    after = overview_times(url)
    overview = {code: (before[code][0], statistics.median([before[code][1], after[code][1]])) for code in before}
    for code in OVERVIEW_REGIONS:
        print(f"Overview {code}: first run {before[code][0]:.3f} s; median of {RERUNS} reruns "
              f"{before[code][1]:.3f} s before the briefs, {after[code][1]:.3f} s after")
    values = sorted(times.values())
    median = statistics.median(values)
    p95 = values[int(0.95 * (len(values) - 1))]
    slowest = max(times, key=times.get)
    print(f"store read once for all briefs: {read:.3f} s")
    print(f"{len(values)} briefs ({len(codes)} regions × {args.langs}), each exactly one page; "
          f"smallest fit scale {worst_scale[0]:.3f} ({worst_scale[1]})")
    print(f"per brief: median {median:.3f} s, mean {statistics.mean(values):.3f} s, p95 {p95:.3f} s, "
          f"max {times[slowest]:.3f} s ({slowest[0]}/{slowest[1]}); total {sum(values):.1f} s")
    for code in OVERVIEW_REGIONS:
        mine = [times[(code, lang)] for lang in args.langs.split(",") if (code, lang) in times]
        if mine:
            print(f"ratio {code}: brief {statistics.mean(mine):.3f} s / Overview rerun (mean of before/after) "
                  f"{overview[code][1]:.3f} s"
                  f" = {statistics.mean(mine) / overview[code][1]:.2f}×")
    overview_median = statistics.median(rerun for _, rerun in overview.values())
    print(f"ratio: median brief / median Overview rerun = {median / overview_median:.2f}×")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS of this process): {peak:.0f} MB")


if __name__ == "__main__":
    main()
