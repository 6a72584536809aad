"""Reliability figures for issue 20 (hardening), measured, not claimed.

Per family of attack: attempts, how many were refused, how many refusals are in the audit log,
and whether the store was left unchanged; for parallel guesses, argon2 checks against the policy;
for replayed single-use sign-in tickets, cookies given out against one per ticket;
for hostile files, each one's message, its time, and the worst latency a second session's reads
saw meanwhile. Runs on SQLite, and on PostgreSQL too when TEST_DATABASE_URL is set (as
`scripts/test.sh` sets it). Values written are illustrative and go to throwaway stores only.

    .venv/bin/python benchmarks/hardening_figures.py          # SQLite
    TEST_DATABASE_URL=postgresql+psycopg://… .venv/bin/python benchmarks/hardening_figures.py  # and PostgreSQL
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import plotly.graph_objects as go  # noqa: E402

from analytics import text  # noqa: E402
from analytics.accounts import audit, auth, session_cookie  # noqa: E402
from analytics.ingest.loading import check_upload  # noqa: E402
from analytics.outputs import exports  # noqa: E402
from analytics.store.store import Store  # noqa: E402
from tests.analytics.ingest.test_hostile_files import zip_bomb  # noqa: E402
from tests.conftest import TINY_REGIONS, _reset  # noqa: E402

PASSWORD = "kata-sandi-rahasia-1"
HOSTILE = ["[klik](https://x.id)", "https://phish.example", "www.phish.id", ":red[merah]", "$\\LaTeX$",
           '<a href="https://x.id">a</a>', "<img src=x>", "**tebal**", "a@phish.id", "=HYPERLINK(\"x\")",
           "catatan\x0bvertikal"]


def fresh_store(url: str | None) -> Store:
    if url is None:
        url = f"sqlite:///{tempfile.mkdtemp()}/figures.sqlite"
    else:
        _reset(url)  # the test suite's own emptying of a PostgreSQL database
    store = Store(url)
    store.migrate()
    with store.engine.begin() as conn:
        store._upsert_regions(conn, TINY_REGIONS)
    rows = pd.DataFrame({"region_code": ["3671"], "measure": ["p0"], "year": [2024], "period": ["march"],
                         "value": [5.43], "status": ["final"], "source": ["uji"], "note": [None]})
    store.load(rows, user="system", kind="seed")
    auth.add_user(store, "siti", "editor", PASSWORD, by="figures")
    auth.add_user(store, "kepala", "admin", "admin-kata-sandi-99", by="figures")
    return store


def access_control(store: Store) -> dict[str, object]:
    """Revoked sessions and command-line attempts: refused, audited, store unchanged."""
    version = store.data_version()
    before = len(audit.entries(store, action="access_refused", limit=None))
    session = auth.sign_in(store, "siti", PASSWORD).user
    attempts, refused = 0, 0

    def attempt(call) -> None:  # type: ignore[no-untyped-def]
        nonlocal attempts, refused
        attempts += 1
        try:
            call()
        except (auth.AccessRefused, auth.AccountError):
            refused += 1

    attempt(lambda: auth.authorise(store, "siti", "admin", action="user_add", stamp=session.stamp))
    attempt(lambda: auth.authorise(store, "hantu", "editor", action="upload_save"))
    attempt(lambda: auth.authorise(store, None, "editor", action="rollback"))
    auth.reset_password(store, "siti", "sandi-baru-yang-panjang-2", by="kepala")
    attempt(lambda: auth.authorise(store, "siti", "editor", action="upload_save", stamp=session.stamp))
    fresh = auth.sign_in(store, "siti", "sandi-baru-yang-panjang-2").user
    auth.disable_user(store, "siti", by="kepala")
    attempt(lambda: auth.authorise(store, "siti", "editor", action="rollback", stamp=fresh.stamp))
    env = {**os.environ, "DATABASE_URL": store.url}
    upload = Path(tempfile.mkdtemp()) / "p0.csv"
    upload.write_text("kode_wilayah,indikator,tahun,periode,nilai\n3671,p0,2025,Maret,5.2\n", encoding="utf-8")
    for args in (["import", str(upload), "--dry-run", "--user", "hantu"],
                 ["import", str(upload), "--user", "siti", "--note", "x"],
                 ["rollback", "1", "--user", " SITI "]):
        attempts += 1
        result = subprocess.run([sys.executable, "-m", "analytics", *args], cwd=ROOT, env=env,
                                capture_output=True, text=True, timeout=120)
        refused += result.returncode != 0
    audited = len(audit.entries(store, action="access_refused", limit=None)) - before
    return {"attempts": attempts, "refused": refused, "audited": audited,
            "store unchanged": store.data_version() == version}


# Another app process on the same database replays a ticket (prints whether it got a cookie).
_REPLAY = ("import sys\nfrom analytics.accounts import session_cookie as sc\nfrom analytics.store.store import Store\n"
           "print(sum(sc.cookie_for_ticket(sys.argv[2], t, Store(sys.argv[1])) is not None for t in sys.argv[3:]))")


def ticket_replays(store: Store, tickets: int = 10) -> dict[str, object]:
    """Single-use sign-in tickets across app processes: each used once, then replayed by three
    other connection pools in parallel and by another process; cookies given out vs allowed."""
    key = "kunci-angka-keandalan-" + "k" * 20
    issued = [session_cookie.ticket(key, "siti", "editor", "a" * 32) for _ in range(tickets)]
    first = sum(session_cookie.cookie_for_ticket(key, t, store) is not None for t in issued)
    others = [Store(store.url) for _ in range(3)]
    try:
        with ThreadPoolExecutor(max_workers=3) as pool:
            again = sum(pool.map(lambda s: sum(session_cookie.cookie_for_ticket(key, t, s) is not None
                                               for t in issued), others))
    finally:
        for other in others:
            other.dispose()
    process = subprocess.run([sys.executable, "-c", _REPLAY, store.url, key, *issued], cwd=ROOT,
                             capture_output=True, text=True, timeout=120, check=True)
    replays = tickets * 4
    accepted = again + int(process.stdout.strip())
    return {"tickets": tickets, "first use accepted": first, "replays (3 pools + 1 process)": replays,
            "replays refused": replays - accepted, "cookies given out": first + accepted, "allowed": tickets}


def hostile_text() -> dict[str, object]:
    """Every hostile string through the Markdown helper, a chart and both exports."""
    raw_markdown = [h for h in HOSTILE if h in text.markdown_literal(h) and any(c in h for c in "[]:<$*@w")]
    figure = go.Figure(go.Bar(x=HOSTILE, y=list(range(len(HOSTILE))), customdata=HOSTILE, name=HOSTILE[5],
                              hovertemplate="<b>%{customdata}</b><extra></extra>"))
    spec = text.plain_figure(figure).to_json()
    frame = pd.DataFrame({"note": HOSTILE})
    csv_text = exports.csv_bytes(frame).decode("utf-8-sig")
    try:
        exports.excel_bytes(frame, pd.DataFrame({"source": []}))
        excel_ok = True
    except Exception:  # noqa: BLE001 - the figure reports it
        excel_ok = False
    return {"strings": len(HOSTILE), "live in Markdown": len(raw_markdown),
            "live tags in chart": sum(tag in spec for tag in ("<a ", "<img", "<span")),
            "formula cells in CSV": sum(line.startswith("=") for line in csv_text.splitlines()),
            "control characters in CSV": sum(ch in csv_text for ch in "\x0b\x00"), "Excel built": excel_ok}


def parallel_guesses(store: Store, name: str) -> dict[str, object]:
    checks = [0]
    guard = threading.Lock()
    real = auth._HASHER

    class Counting:
        def verify(self, stored: str, password: str) -> bool:
            with guard:
                checks[0] += 1
            return real.verify(stored, password)

        def __getattr__(self, attribute: str) -> object:
            return getattr(real, attribute)

    auth._HASHER = Counting()  # type: ignore[assignment]
    errors = 0
    try:
        def guess(i: int) -> None:
            nonlocal errors
            try:
                auth.sign_in(store, name, f"tebakan-{i:02d}-salah")
            except Exception:  # noqa: BLE001 - counted: the old code failed on a uniqueness error
                errors += 1
        with ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(guess, range(24)))
    finally:
        auth._HASHER = real
    return {"guesses": 24, "threads": 8, "checked against the hash": checks[0],
            "allowed": auth.FAILURES_BEFORE_LOCK, "errors": errors}


HOSTILE_FILES = {
    "zip bomb (400 MB unpacked)": ("bom.xlsx", lambda: zip_bomb(400)),
    "16,384 columns": ("lebar.csv", lambda: (",".join("k" * 16_384) + "\n" + ",".join("1" * 16_384) + "\n").encode()),
    "one 50 MB line": ("baris.csv", lambda: b"kode_wilayah,indikator,tahun,periode,nilai\n" + b"1," * (25 << 20)),
    "control character in a note": ("catatan.csv", lambda: b"kode_wilayah,indikator,tahun,periode,nilai,catatan\n"
                                    b"3671,p0,2025,Maret,5.19,a\x0bb\n"),
    "NUL after 8 KB": ("nul.csv", lambda: b"kode_wilayah,indikator,tahun,periode,nilai,catatan\n"
                       + b"".join(b"3671,p0,%d,Maret,5.1,%s\n" % (y, b"x" * 300) for y in range(1990, 2025))
                       + b"3671,p0,2025,Maret,5.2,a\x00b\n"),
    "source over 200 characters": ("sumber.csv", lambda: b"kode_wilayah,indikator,tahun,periode,nilai,sumber\n"
                                   b"3671,p0,2025,Maret,5.19," + b"s" * 201 + b"\n"),
    "mixed UTF-8 and cp1252": ("campur.csv", lambda: "kode_wilayah,nama_wilayah,indikator,tahun,periode,nilai\n"
                               "3671010,Pinang é,rtlh_units,2025,tahunan,5\n".encode()
                               + "3671020,Cipondoh é,rtlh_units,2025,tahunan,6\n".encode("cp1252")),
    "UTF-16 (readable: accepted)": ("utf16.csv", lambda: "kode_wilayah,indikator,tahun,periode,nilai\n"
                                    "3671,p0,2025,Maret,5.19\n".encode("utf-16")),
}


def hostile_files(store: Store) -> list[dict[str, object]]:
    rows = []
    for label, (name, build) in HOSTILE_FILES.items():
        content = build()
        version = store.data_version()
        latencies: list[float] = []
        stop = threading.Event()
        reader = Store(store.url)

        def other_session(stop: threading.Event = stop, reader: Store = reader,
                          latencies: list[float] = latencies) -> None:
            while not stop.is_set():
                started = time.perf_counter()
                reader.observations(regions=["3671"])
                latencies.append(time.perf_counter() - started)
                time.sleep(0.05)

        thread = threading.Thread(target=other_session)
        thread.start()
        started = time.perf_counter()
        check = check_upload(store, content, file_name=name)
        elapsed = time.perf_counter() - started
        stop.set()
        thread.join()
        reader.dispose()
        message = check.errors[0].message_en if check.errors else "(accepted)"
        rows.append({"file": label, "size": f"{len(content) / 1e6:.1f} MB", "status": check.status,
                     "seconds": round(elapsed, 2), "other session worst read (s)": round(max(latencies, default=0), 3),
                     "store unchanged": store.data_version() == version, "message": message[:90]})
    return rows


def table(frame: pd.DataFrame, index: bool = False) -> str:
    """A Markdown table (without pandas' optional tabulate)."""
    frame = frame.reset_index() if index else frame
    head = "| " + " | ".join(map(str, frame.columns)) + " |"
    rule = "|" + "---|" * len(frame.columns)
    body = ["| " + " | ".join(str(v).replace("|", "\\|") for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([head, rule, *body])


def main() -> None:
    urls = [None] + ([os.environ["TEST_DATABASE_URL"]] if os.environ.get("TEST_DATABASE_URL") else [])
    print("## Hostile text (store-independent)\n")
    print(table(pd.DataFrame([hostile_text()])))
    for url in urls:
        store = fresh_store(url)
        print(f"\n# {store.dialect}\n\n## Access control (revoked sessions, command line)\n")
        print(table(pd.DataFrame([access_control(store)])))
        print("\n## Parallel wrong passwords\n")
        print(table(pd.DataFrame([parallel_guesses(store, "kepala"), parallel_guesses(store, "tidak-ada")],
                                 index=pd.Index(["real account", "unknown name"], name="name")), index=True))
        print("\n## Sign-in ticket replays across app processes\n")
        print(table(pd.DataFrame([ticket_replays(store)])))
        print("\n## Hostile files\n")
        print(table(pd.DataFrame(hostile_files(store))))
        store.dispose()


if __name__ == "__main__":
    main()
