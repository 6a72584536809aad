"""A class at once: N concurrent sessions doing the class exercise, at Streamlit's protocol level.

Each simulated participant is a small asyncio client that speaks the browser's own websocket
protocol (ws://127.0.0.1:PORT/_stcore/stream, subprotocol "streamlit", BackMsg/ForwardMsg
protobufs from streamlit.proto), so no browser and no page rendering sit on the client side:
the time measured is the server's. Like the browser, a client keeps the full widget-state dict
(every widget the last run drew, initialised from its element's default or set value, dropped
when a run no longer draws it), follows the query string the server writes (page_info_changed)
and finds pages by their URL path in the navigation message. Widget changes are real widget-state
changes, found by their label in the deltas.

The exercise, per participant, each on its own kab/kota:
  1. open   : a shared deep link to Bandingkan for its region (/compare?lang=id&region=CODE)
  2. year   : choose another year in "Tahun"
  3. measure: choose another indicator in "Indikator"
  4. poverty: open Kemiskinan from the navigation (page change: the query string is dropped,
              as the browser does; the region stays in the session)
  5. compare: add a comparison region in "Wilayah pembanding" (in the trends tab, a part that reruns alone:
              the client asks for that fragment's run, as the browser does)
Each step's time runs from the BackMsg sent to the run's script_finished. A run that draws an
exception or an error alert, times out or loses its connection counts as an error.

The app runs as `make run` serves it (server.py). Levels: 1, 10 and 30 sessions on one app process
(SQLite store), then (with --postgres, when PostgreSQL's server binaries are installed) 30 sessions on
one process and 30 spread over two processes sharing one throwaway PostgreSQL cluster. Every level
starts fresh app processes and warms them with one exercise (caches filled, as on a server that has
been up) before timing.
Server CPU: the app processes' CPU time (all threads) while the sessions ran, a steadier measure of the work
the exercise costs than a p95 on a shared machine.
Server memory per session: the app process's RSS after the N sessions finished (still connected)
minus its RSS after the warm-up, over N.

Reports p50/p95 per step and overall, errors, and the ratios the issue targets (at 30 sessions
p95 ≤ 3× the single-session p50; ≤ 30 MB per extra session; two processes' p95 below one's).
Loopback only; every wait is bounded (--step-timeout) and the whole run has a deadline.

With --floor the same levels also run against benchmarks/bare_class.py: the exercise's widgets and pages
in a bare app whose figures are built once and shared by every session, so each step costs only what
Streamlit does per session (script run, figure encoding, sending). Its p95 at 30 over its own single-
session p50 is the floor of the ratio the issue targets on this machine.

    .venv/bin/python benchmarks/class_load.py [--levels 1,10,30] [--postgres] [--floor] [--think 0]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import free_port, stop_app, wait_healthy  # noqa: E402

STEPS = ("open", "year", "measure", "poverty", "compare")
WIDGET_KINDS = ("selectbox", "radio", "multiselect", "button_group", "checkbox", "number_input")


class StepError(Exception):
    pass


@dataclass
class RunResult:
    seconds: float
    received_bytes: int
    errors: list[str] = field(default_factory=list)


class Client:
    """One browser tab, at the protocol level."""

    def __init__(self, port: int, timeout: float) -> None:
        self.uri = f"ws://127.0.0.1:{port}/_stcore/stream"
        self.timeout = timeout
        self.ws = None
        self.query_string = ""
        self.page_hash = ""
        self.pages: dict[str, str] = {}  # url path -> page script hash
        self.states: dict[str, object] = {}  # widget id -> WidgetState (what the browser sends back)
        self.elements: dict[str, tuple[str, object]] = {}  # widget id -> (kind, element proto) of the last run
        self.by_label: dict[str, str] = {}
        self.fragment_of: dict[str, str] = {}  # widget id -> the fragment (a part that reruns alone) it is in

    async def connect(self) -> None:
        from websockets.asyncio.client import connect

        self.ws = await connect(self.uri, subprotocols=["streamlit"], max_size=None, open_timeout=self.timeout,
                                ping_interval=None)

    async def close(self) -> None:
        if self.ws is not None:
            with contextlib.suppress(Exception):
                await self.ws.close()

    def _track_widget(self, kind: str, element, seen: set[str], fragment_id: str) -> None:
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        wid = element.id
        seen.add(wid)
        self.fragment_of[wid] = fragment_id
        self.elements[wid] = (kind, element)
        self.by_label[element.label] = wid
        if wid in self.states and not element.set_value:
            return
        state = WidgetState(id=wid)
        if kind in ("selectbox", "radio"):
            if element.set_value:
                state.string_value = element.raw_value
            elif 0 <= element.default < len(element.options):
                state.string_value = element.options[element.default]
            else:
                return
        elif kind == "multiselect":
            values = (list(element.raw_values) if element.set_value
                      else [element.options[i] for i in element.default])
            state.string_array_value.data.extend(values)
        elif kind == "button_group":
            values = (list(element.raw_values) if element.set_value
                      else [element.options[i].content for i in element.default])
            state.string_array_value.data.extend(values)
        elif kind == "checkbox":
            state.bool_value = element.value if element.set_value else element.default
        elif kind == "number_input":
            if element.data_type == element.INT:
                state.int_value = int(element.value if element.set_value else element.default)
            else:
                state.double_value = element.value if element.set_value else element.default
        self.states[wid] = state

    async def run(self, *, page_hash: str | None = None, page_name: str = "",
                  query_string: str | None = None, fragment_id: str = "") -> RunResult:
        """Send a rerun as the browser does and read until the run has finished. A change of a widget inside a
        fragment (a part of the page that reruns alone, pages/_shared/ui.part) reruns that fragment only, as the
        browser asks: `fragment_id` (see changed_fragment)."""
        from streamlit.proto.Alert_pb2 import Alert
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        if page_hash is not None:
            self.page_hash = page_hash
        if query_string is not None:
            self.query_string = query_string
        msg = BackMsg()
        client_state = msg.rerun_script
        client_state.query_string = self.query_string
        client_state.page_script_hash = self.page_hash
        client_state.page_name = page_name
        client_state.fragment_id = fragment_id
        client_state.widget_states.widgets.extend(self.states.values())
        client_state.context_info.timezone = "Asia/Jakarta"
        client_state.context_info.locale = "id-ID"
        started = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        received, errors, seen = 0, [], set()
        new_session_seen = False
        deadline = started + self.timeout
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise StepError(f"no script_finished within {self.timeout:.0f} s")
            data = await asyncio.wait_for(self.ws.recv(), remaining)
            received += len(data)
            forward = ForwardMsg()
            forward.ParseFromString(data)
            kind = forward.WhichOneof("type")
            if kind == "new_session":
                new_session_seen = True
                seen = set()  # a rerun within the chain (st.rerun) draws everything again
            elif kind == "navigation":
                self.pages = {page.url_pathname: page.page_script_hash for page in forward.navigation.app_pages}
                self.page_hash = forward.navigation.page_script_hash
            elif kind == "page_info_changed":
                self.query_string = forward.page_info_changed.query_string
            elif kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                element_kind = element.WhichOneof("type")
                if element_kind in WIDGET_KINDS:
                    self._track_widget(element_kind, getattr(element, element_kind), seen, forward.delta.fragment_id)
                elif element_kind == "exception":
                    errors.append(f"exception: {element.exception.type}: {element.exception.message[:120]}")
                elif element_kind == "alert" and element.alert.format == Alert.ERROR:
                    errors.append(f"error alert: {element.alert.body[:120]}")
            elif kind == "script_finished" and new_session_seen:
                status = forward.script_finished
                if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    errors.append("script compile error")
                if status in (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
                              ForwardMsg.FINISHED_WITH_COMPILE_ERROR):
                    break
        elapsed = time.perf_counter() - started
        # The browser forgets the state of widgets the run no longer drew (a fragment's run: of that fragment's).
        kept = {wid for wid in self.elements if wid in seen or (fragment_id and self.fragment_of.get(wid) != fragment_id)}
        self.states = {wid: state for wid, state in self.states.items() if wid in kept}
        self.elements = {wid: value for wid, value in self.elements.items() if wid in kept}
        self.by_label = {label: wid for label, wid in self.by_label.items() if wid in kept}
        return RunResult(elapsed, received, errors)

    def widget(self, label: str):
        wid = self.by_label.get(label)
        if wid is None:
            raise StepError(f"no widget labelled {label!r} in the last run")
        return wid, self.elements[wid][1]

    def choose_other(self, label: str, rng: random.Random) -> str:
        """Pick another option in a selectbox, as a click would."""
        wid, element = self.widget(label)
        current = self.states[wid].string_value if wid in self.states else ""
        others = [option for option in element.options if option != current]
        if not others:
            raise StepError(f"{label!r} has no other option")
        choice = rng.choice(others[:6])
        self.states[wid].string_value = choice
        return choice

    def changed_fragment(self, label: str) -> str:
        """The fragment the widget is in ("" when in none): the browser reruns only it on a change."""
        return self.fragment_of.get(self.widget(label)[0], "")

    def add_to_multiselect(self, label: str, option_index: int) -> str:
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        wid, element = self.widget(label)
        state = self.states.setdefault(wid, WidgetState(id=wid))
        chosen = set(state.string_array_value.data)
        options = [option for option in element.options if option not in chosen]
        option = options[option_index % len(options)]
        state.string_array_value.data.append(option)
        return option


async def exercise(port: int, region: str, index: int, args, results: dict[str, list], errors: list[str],
                   received: list[int], start_gate: asyncio.Event | None) -> Client | None:
    """One participant's exercise; returns its (still connected) client."""
    from analytics.i18n import t

    rng = random.Random(index)
    client = Client(port, args.step_timeout)
    step = "connect"
    try:
        await client.connect()
        if start_gate is not None:
            await start_gate.wait()
        for step in STEPS:
            if step == "open":
                run = client.run(page_name="compare", query_string=urlencode({"lang": "id", "region": region}))
            elif step == "year":
                client.choose_other(t("compare.year", "id"), rng)
                run = client.run()
            elif step == "measure":
                client.choose_other(t("compare.indicator", "id"), rng)
                run = client.run()
            elif step == "poverty":
                if "poverty" not in client.pages:
                    raise StepError("no Kemiskinan page in the navigation")
                run = client.run(page_hash=client.pages["poverty"], query_string="")
            else:
                client.add_to_multiselect(t("poverty.compare", "id"), index * 7 + 3)
                run = client.run(fragment_id=client.changed_fragment(t("poverty.compare", "id")))
            result = await run
            results[step].append(result.seconds)
            received.append(result.received_bytes)
            errors.extend(f"session {index} {step}: {error}" for error in result.errors)
            if args.think > 0:
                await asyncio.sleep(args.think * rng.uniform(0.5, 1.5))
        return client
    except Exception as error:  # counted and reported, never raised: the other sessions go on
        errors.append(f"session {index} {step}: {type(error).__name__}: {error}")
        await client.close()
        return None


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def start_server(database_url: str, script: Path = ROOT / "server.py") -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url}
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless=true",
         "--server.address=127.0.0.1", f"--server.port={port}", "--browser.gatherUsageStats=false",
         "--server.fileWatcherType=none"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    wait_healthy(f"http://127.0.0.1:{port}")
    return process, port


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system, all threads) the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]


async def run_level(label: str, database_url: str, sessions: int, processes: int, regions: list[str],
                    args, script: Path = ROOT / "server.py") -> dict:
    servers = [start_server(database_url, script) for _ in range(processes)]
    try:
        ports = [port for _, port in servers]
        # Warm-up: one exercise per process (imports done, caches filled), then disconnect.
        for port in ports:
            warm_results = {step: [] for step in STEPS}
            warm_errors: list[str] = []
            client = await exercise(port, regions[-1], 999, args, warm_results, warm_errors, [], None)
            if client is not None:
                await client.close()
            if warm_errors:
                print(f"  warm-up errors: {warm_errors[:3]}")
        await asyncio.sleep(1.0)
        rss_before = [rss_mb(process.pid) for process, _ in servers]
        cpu_before = sum(cpu_seconds(process.pid) for process, _ in servers)
        results: dict[str, list[float]] = {step: [] for step in STEPS}
        errors: list[str] = []
        received: list[int] = []
        gate = asyncio.Event()
        tasks = [asyncio.create_task(exercise(ports[i % processes], regions[i % len(regions)], i, args, results,
                                              errors, received, gate)) for i in range(sessions)]
        await asyncio.sleep(0.5)  # every client connected and waiting: they start together
        started = time.perf_counter()
        gate.set()
        clients = await asyncio.wait_for(asyncio.gather(*tasks), timeout=args.level_timeout)
        wall = time.perf_counter() - started
        cpu = sum(cpu_seconds(process.pid) for process, _ in servers) - cpu_before
        await asyncio.sleep(1.0)
        rss_after = [rss_mb(process.pid) for process, _ in servers]
        for client in clients:
            if client is not None:
                await client.close()
    finally:
        for process, _ in servers:
            stop_app(process)
    every = [value for step in STEPS for value in results[step]]
    per_session = (sum(rss_after) - sum(rss_before)) / sessions
    report = {"label": label, "sessions": sessions, "processes": processes, "results": results, "errors": errors,
              "cpu": cpu,
              "wall": wall, "rss_before": rss_before, "rss_after": rss_after, "mb_per_session": per_session,
              "p50": statistics.median(every) if every else float("nan"), "p95": percentile(every, 0.95),
              "kb_per_run": statistics.mean(received) / 1024 if received else float("nan")}
    print(f"\n{label}: {sessions} session(s) on {processes} process(es), wall {wall:.1f} s, "
          f"{len(errors)} error(s), {report['kb_per_run']:.0f} kB received per run")
    for step in STEPS:
        values = results[step]
        print(f"  {step:8s} n={len(values):3d}  p50 {statistics.median(values) if values else float('nan'):6.2f} s"
              f"  p95 {percentile(values, 0.95):6.2f} s")
    print(f"  all steps  p50 {report['p50']:.2f} s  p95 {report['p95']:.2f} s")
    # Less noisy than the p95 on a shared machine: the work the exercise cost the server, whoever waited for it.
    print(f"  server CPU {cpu:.1f} s while the sessions ran ({cpu / sessions:.2f} s per session)")
    print(f"  server RSS {' + '.join(f'{v:.0f}' for v in rss_before)} MB after warm-up -> "
          f"{' + '.join(f'{v:.0f}' for v in rss_after)} MB with {sessions} session(s): "
          f"{per_session:.1f} MB per session")
    for error in errors[:10]:
        print(f"  ERROR {error}")
    return report


@contextlib.contextmanager
def postgres_cluster():
    """A throwaway PostgreSQL cluster on a free loopback port (as scripts/test.sh starts one)."""
    bins = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if not bins:
        raise RuntimeError("PostgreSQL server binaries not installed")
    pgbin = bins[-1].parent
    workdir = Path(tempfile.mkdtemp(prefix="dasbor-bench-pg."))
    as_pg = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if os.geteuid() == 0:
        shutil.chown(workdir, "postgres", "postgres")
    port = free_port()
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "check": True}
    subprocess.run([*as_pg, str(pgbin / "initdb"), "-D", str(workdir / "data"), "-U", "postgres", "--auth=trust",
                    "-E", "UTF8", "--locale=C.UTF-8"], **quiet)
    try:
        subprocess.run([*as_pg, str(pgbin / "pg_ctl"), "-D", str(workdir / "data"), "-l", str(workdir / "log"),
                        "-w", "-t", "30", "-o", f"-c listen_addresses=127.0.0.1 -p {port} -k {workdir}", "start"],
                       **quiet)
        subprocess.run([*as_pg, str(pgbin / "psql"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-q",
                        "-c", "CREATE DATABASE dasbor_bench"], **quiet)
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/dasbor_bench"
    finally:
        subprocess.run([*as_pg, str(pgbin / "pg_ctl"), "-D", str(workdir / "data"), "-m", "fast", "stop"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        shutil.rmtree(workdir, ignore_errors=True)


def seed(database_url: str) -> list[str]:
    """Seed the store as `make run` does; return kab/kota codes with poverty data (the class's regions)."""
    env = {**os.environ, "DATABASE_URL": database_url}
    subprocess.run([sys.executable, "-m", "analytics", "seed"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    from analytics.store.store import Store

    store = Store(database_url)
    observations = store.observations(down_to="kabkota")
    kabkota = observations[(observations["measure"] == "p0") & (observations["region_code"].str.len() == 4)]
    codes = sorted(set(kabkota["region_code"]))
    store.dispose()
    return random.Random(18).sample(codes, 40)


def summary(reports: list[dict]) -> None:
    print("\nTargets")
    single = next((r for r in reports if r["sessions"] == 1 and r["label"] == "sqlite"), None)
    floor_single = next((r for r in reports if r["sessions"] == 1 and r["label"] == "floor"), None)
    for report in reports:
        if report["label"] == "floor":
            if floor_single and report["sessions"] >= 30:
                print(f"  floor (bare app, every figure shared) {report['sessions']}x{report['processes']}p: p95 "
                      f"{report['p95']:.2f} s = {report['p95'] / floor_single['p50']:.1f}x its single-session p50 "
                      f"{floor_single['p50']:.2f} s")
            continue
        if single and report["sessions"] >= 30:
            ratio = report["p95"] / single["p50"]
            print(f"  {report['label']} {report['sessions']}x{report['processes']}p: p95 {report['p95']:.2f} s = "
                  f"{ratio:.1f}x the single-session p50 {single['p50']:.2f} s (target <= 3x); "
                  f"{len(report['errors'])} errors (target 0); {report['mb_per_session']:.1f} MB/session "
                  f"(target <= 30)")
    one = next((r for r in reports if r["label"] == "postgres" and r["processes"] == 1), None)
    two = next((r for r in reports if r["label"] == "postgres" and r["processes"] == 2), None)
    if one and two:
        print(f"  PostgreSQL 30 sessions: p95 one process {one['p95']:.2f} s, two processes {two['p95']:.2f} s "
              f"(target: two lower) -> ratio two/one {two['p95'] / one['p95']:.2f}")


async def main_async(args) -> None:
    reports = []
    levels = [int(v) for v in args.levels.split(",") if v]
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'store.sqlite'}"
        regions = seed(url)
        for sessions in levels:
            reports.append(await run_level("sqlite", url, sessions, 1, regions, args))
    if args.floor:
        # The same exercise on a bare app whose figures are all shared: what Streamlit alone costs per session.
        for sessions in levels:
            reports.append(await run_level("floor", "sqlite://", sessions, 1, ["0000"], args,
                                           ROOT / "benchmarks" / "bare_class.py"))
    if args.postgres:
        with postgres_cluster() as url:
            regions = seed(url)
            reports.append(await run_level("postgres", url, 30, 1, regions, args))
            reports.append(await run_level("postgres", url, 30, 2, regions, args))
    summary(reports)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", default="1,10,30", help="session counts on one process (SQLite store)")
    parser.add_argument("--postgres", action="store_true", help="also 30 sessions on 1 and on 2 processes, PostgreSQL")
    parser.add_argument("--floor", action="store_true",
                        help="also the same levels on benchmarks/bare_class.py (a bare app, every figure shared)")
    parser.add_argument("--think", type=float, default=0.0,
                        help="mean seconds a participant pauses between steps (0: everyone clicks at once)")
    parser.add_argument("--step-timeout", type=float, default=120.0)
    parser.add_argument("--level-timeout", type=float, default=900.0)
    args = parser.parse_args()
    asyncio.run(main_async(args))


if __name__ == "__main__":
    main()
