"""Peak memory of checking the largest files the upload accepts (issue #20, item 8), measured.

For each file: the peak memory a dry run (`loading.check_upload`: parse, match, validate, diff
against the store; what an upload page session holds while showing the preview) adds to its
process and the processes it starts (an .xlsx is read in a child process: their proportional set
size, sampled every 50 ms, counts shared pages once; the fork server started by the first
workbook counts too), against `pandas.read_csv(dtype=str)` of the same file in its own process (the baseline of
this run: machines here are shared and noisy, so ratios, not absolute numbers, are the result).
Files: a tidy CSV of the page's size limit (server.maxUploadSize, 50 MB) and one of MAX_ROWS rows,
the most the parser accepts from the command line (a bigger file is refused with a message that
says the limit and how to split it). Each measurement runs in a fresh process.

    .venv/bin/python benchmarks/upload_memory.py                 # this checkout
    .venv/bin/python benchmarks/upload_memory.py --root /work/main   # another checkout ("before")
    .venv/bin/python benchmarks/upload_memory.py --before /work/main # both, and the ratio after/before

The rows are synthetic (desa codes under Kota Tangerang, benchmarks/import_speed.generate) and go
only into throw-away stores made for this run.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.import_speed import generate  # noqa: E402

# Bytes per row of benchmarks/import_speed.generate's CSV (measured: 62.9 MB for 1,000,000 rows).
BYTES_PER_ROW = 62.9
# Bytes of sheet XML per row of the same rows written by openpyxl (measured: 299.7 MiB for 640,000).
XLSX_XML_BYTES_PER_ROW = 491.0


def write_xlsx(csv: Path, path: Path) -> None:
    """The same rows as an .xlsx sheet (year and value as numbers, as Excel would hold them)."""
    import openpyxl
    import pandas as pd

    frame = pd.read_csv(csv, dtype=str, keep_default_na=False)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("data")
    sheet.append(list(frame.columns))
    numeric = {frame.columns.get_loc("year"), frame.columns.get_loc("value")}
    for record in frame.itertuples(index=False):
        sheet.append([float(v) if i in numeric else v for i, v in enumerate(record)])
    book.save(path)

CHILD = """
import json, os, resource, sys, threading, time
sys.path.insert(0, {root!r})
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
def tree_mb():
    # Proportional memory (Pss) of this process and every descendant: an .xlsx is read in a child
    # forked from a fork server, sharing pages with it, so Pss and not RSS adds up without counting twice.
    parents = {{}}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                parents[int(entry)] = int(open(f"/proc/{{entry}}/stat").read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                pass
    tree, grown = {{os.getpid()}}, True
    while grown:
        more = {{pid for pid, parent in parents.items() if parent in tree}} - tree
        tree |= more
        grown = bool(more)
    total = 0
    for pid in tree:
        try:
            for line in open(f"/proc/{{pid}}/smaps_rollup"):
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024
peak_tree, done = 0.0, threading.Event()
def sample():
    global peak_tree
    while not done.is_set():
        peak_tree = max(peak_tree, tree_mb())
        time.sleep(0.05)
if sys.argv[1] == "read_csv":
    import pandas as pd
    before, before_tree = rss(), tree_mb()
    threading.Thread(target=sample, daemon=True).start()
    started = time.perf_counter()
    frame = pd.read_csv(sys.argv[2], dtype=str, keep_default_na=False)
else:
    from analytics.ingest.loading import check_upload, read_regions
    from analytics.store.store import Store
    store = Store(sys.argv[1]); store.migrate()
    with store.engine.begin() as conn:
        store._upsert_regions(conn, read_regions())
    before, before_tree = rss(), tree_mb()
    threading.Thread(target=sample, daemon=True).start()
    started = time.perf_counter()
    check = check_upload(store, sys.argv[2])
    assert check.status == "accepted", [p.message_en for p in check.errors[:3]]
seconds = time.perf_counter() - started
done.set()
peak_tree = max(peak_tree, tree_mb())
added = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - before, peak_tree - before_tree)
print(json.dumps({{"before_mb": before, "peak_mb": before + added, "added_mb": added, "seconds": seconds}}))
"""


def measure(root: Path, what: str, path: Path) -> dict:
    result = subprocess.run([sys.executable, "-c", CHILD.format(root=str(root)), what, str(path)],
                            capture_output=True, text=True, cwd=root)
    if result.returncode != 0:
        raise SystemExit(result.stderr[-2000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def line(label: str, size: float, check: dict, baseline: dict) -> str:
    """One case: what the dry run adds and takes, against read_csv of the same rows."""
    return (f"{label}: {size:.0f} MB file; dry run adds {check['added_mb']:.0f} MB (peak {check['peak_mb']:.0f} MB) "
            f"in {check['seconds']:.1f} s; read_csv of the same rows adds {baseline['added_mb']:.0f} MB in "
            f"{baseline['seconds']:.2f} s; ratio dry run / read_csv: memory {check['added_mb'] / baseline['added_mb']:.1f}, "
            f"time {check['seconds'] / baseline['seconds']:.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout whose analytics/ is measured")
    parser.add_argument("--before", type=Path, help="also measure this checkout's dry run; print after/before")
    parser.add_argument("--xlsx", action="store_true",
                        help="also the largest .xlsx accepted (MAX_XLSX_EXPANDED of sheet XML; about 3 minutes)")
    parser.add_argument("--xlsx-only", action="store_true", help="only the largest .xlsx")
    parser.add_argument("--files", type=Path, help="folder to keep the generated files in and reuse them from")
    args = parser.parse_args()
    from analytics.ingest import parser as ingest

    limit_mb = 50
    cases = {f"page limit ({limit_mb} MB)": int(limit_mb * 1024 * 1024 / BYTES_PER_ROW),
             f"MAX_ROWS ({ingest.MAX_ROWS:,} rows)": ingest.MAX_ROWS - 1}
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.files or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for label, rows in ({} if args.xlsx_only else cases).items():
            path = Path(folder) / f"rows_{rows}.csv"
            if not path.exists():
                generate(path, rows)
            size = path.stat().st_size / 1024 / 1024
            baseline = measure(args.root, "read_csv", path)
            check = measure(args.root, f"sqlite:///{scratch}/store_{rows}.sqlite", path)
            print(line(label, size, check, baseline), flush=True)
            if args.before:
                old = measure(args.before, f"sqlite:///{scratch}/before_{rows}.sqlite", path)
                print(line(f"  before ({args.before})", size, old, baseline), flush=True)
        if args.xlsx or args.xlsx_only:
            rows = int(ingest.MAX_XLSX_EXPANDED * 0.99 / XLSX_XML_BYTES_PER_ROW)
            csv, path = Path(folder) / f"xlsx_rows_{rows}.csv", Path(folder) / f"largest_{rows}.xlsx"
            if not path.exists():
                generate(csv, rows)
                write_xlsx(csv, path)
            baseline = measure(args.root, "read_csv", csv)
            check = measure(args.root, f"sqlite:///{scratch}/store_xlsx.sqlite", path)
            label = f"largest .xlsx ({rows:,} rows)"
            print(line(label, path.stat().st_size / 1024 / 1024, check, baseline), flush=True)
            if args.before:
                old = measure(args.before, f"sqlite:///{scratch}/before_xlsx.sqlite", path)
                print(line(f"  before ({args.before})", path.stat().st_size / 1024 / 1024, old, baseline), flush=True)


if __name__ == "__main__":
    main()
