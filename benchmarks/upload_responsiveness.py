"""How long another session waits while a large .xlsx is checked (issue #20, item 8), measured.

In one process, as a Streamlit server holds its sessions: the Overview page (app.py through
Streamlit's AppTest, on the seeded embedded store) is rerun with nothing else running, then again
and again while a dry run (`loading.check_upload`, what the upload page does with a file) of the
largest workbook the parser accepts runs in a thread of the same process. The result is the ratio
of the reruns' median (and worst) during the dry run to the median alone, in the same run (machines
here are shared and noisy: ratios, not absolute times).

Modes: `child` (how the app reads a workbook: in a bounded child process) and `in-process` (the same
reader in the server's own process, holding its GIL: what the child avoids). With `--root` another
checkout is measured (its own way of reading; `--modes in-process` for a checkout without the child).

    .venv/bin/python benchmarks/upload_responsiveness.py --xlsx /tmp/largest.xlsx
    .venv/bin/python benchmarks/upload_memory.py --xlsx-only --files /tmp/f   # makes the workbook

The workbook's rows are synthetic (benchmarks/import_speed.generate) and go only into a throw-away store.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def overview_app(root: Path, store_url: str):  # type: ignore[no-untyped-def]
    """The app as a served session sees it (as tests/app/conftest.py sets it up), on the Overview page."""
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import AppTest, app_test

    class ServedPagesManager(PagesManager):
        def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            super().__init__(*args, **kwargs)
            PagesManager.uses_pages_directory = False

    app_test.PagesManager = ServedPagesManager  # type: ignore[misc]
    os.environ["DATABASE_URL"] = store_url
    app = AppTest.from_file(str(root / "app.py"), default_timeout=300)
    app.run()
    assert not app.exception, app.exception
    return app


def rerun(app) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    app.run()
    assert not app.exception, app.exception
    return time.perf_counter() - started


def during(app, action) -> tuple[list[float], float]:  # type: ignore[no-untyped-def]
    """Rerun the page again and again while `action` runs in a thread; (rerun times, action's time)."""
    result: dict[str, float] = {}

    def work() -> None:
        started = time.perf_counter()
        action()
        result["seconds"] = time.perf_counter() - started

    thread = threading.Thread(target=work)
    thread.start()
    times = []
    while thread.is_alive():
        times.append(rerun(app))
    thread.join()
    return times, result["seconds"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--xlsx", type=Path, required=True, help="the workbook to check")
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout whose app and analytics/ are measured")
    parser.add_argument("--modes", default="child,in-process", help="comma-separated: child, in-process")
    parser.add_argument("--alone", type=int, default=9, help="reruns with nothing else running")
    args = parser.parse_args()
    sys.path.insert(0, str(args.root))
    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)  # AppTest's "missing ScriptRunContext" lines
    from analytics.ingest import parser as ingest
    from analytics.ingest.loading import check_upload, seed
    from analytics.store.store import Store

    content = args.xlsx.read_bytes()
    with tempfile.TemporaryDirectory() as folder:
        store = Store(f"sqlite:///{folder}/store.sqlite")
        seed(store)
        app = overview_app(args.root, store.url)
        for _ in range(2):
            rerun(app)  # caches filled, as in a session that has been open a while
        alone = [rerun(app) for _ in range(args.alone)]
        base = statistics.median(alone)
        print(f"Overview rerun alone: median {base:.3f} s over {len(alone)} (worst {max(alone):.3f} s)", flush=True)
        for mode in args.modes.split(","):
            if mode == "in-process":
                ingest._IN_CHILD = True  # type: ignore[attr-defined]
            check: dict[str, object] = {}
            times, seconds = during(app, lambda check=check: check.update(
                status=check_upload(store, content, file_name=args.xlsx.name).status))
            ingest._IN_CHILD = False  # type: ignore[attr-defined]
            again = statistics.median([rerun(app) for _ in range(3)])
            print(f"{mode}: dry run {check['status']} in {seconds:.1f} s; {len(times)} reruns meanwhile, median "
                  f"{statistics.median(times):.3f} s (ratio {statistics.median(times) / base:.1f}), worst "
                  f"{max(times):.3f} s (ratio {max(times) / base:.1f}); alone again afterwards: median {again:.3f} s",
                  flush=True)
        store.dispose()


if __name__ == "__main__":
    main()
