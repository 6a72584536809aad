"""Interaction latency and deep links in Chromium: every page's main interactions versus a bare app.

For each interaction the clock starts at the click (or key press, or file set) that changes the
widget and stops when the run it started has finished and what the page draws has changed: a
chart title, a chart's trace or point count, a bar's colour (the selected region), a line's path, a
map canvas, a headline figure,
or a table appeared or went (read from
the DOM, so it is the drawn page, not the server's reply). Each interaction is done back and forth
(two values), once untimed per value (as on a server other participants have warmed), then
--rounds times alternately with the same change in a bare Streamlit app redrawing one figure of
the same kind and size (benchmarks/bare_redraw.py). Prints median and p95 per interaction and
their ratios to the baseline (targets: median ≤ 1.5×, p95 ≤ 2×).

Deep links: a fresh browser context (a new session, an empty cache) opens a shared link to each
chart page on the already running app, at desktop (1366 px) and phone (390 px, a phone's user
agent) size; the clock stops at the first chart with data drawn (the loading placeholder has no
trace and no map). Against the bare app's first chart in a fresh context, the same way (target ≤ 1.3×).
`--network phone` opens the deep links (both apps') over an emulated phone network (Chromium's own
throttling: 150 ms round trip, 1.2 MB/s down, 0.2 MB/s up), served directly, uncompressed, as on loopback.

    .venv/bin/python benchmarks/interactions.py [--rounds 6] [--only compare] [--no-deeplinks] [--floor 2,4]

With --floor, the floor of a page that must redraw N charts at once is measured too: the bare app with N
trend charts (`?charts=N`) redrawn and drawn cold, against the same app with one; `--floor frame,frame+40` measures
the floor of a page in the dashboard's frame: one chart with a navigation of six pages and the sidebar's four
controls around it (the change made in the sidebar, as the region is), and with forty captions that change too;
`--floor page`: one chart in that frame with Ringkasan's kinds of element (status cards, metrics, captions).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    EDITOR,
    free_port,
    stop_app,
    wait_healthy,
)

TIMEOUT = 120_000
# Seconds within which a change must start a run, else it was lost and is made again.
RUN_START_S = 15
# A chart with data drawn: a trace, or a map's canvas (a choropleth map draws no SVG trace).
CHART = ".js-plotly-plot g.trace, .js-plotly-plot canvas.maplibregl-canvas"
STATE = "document.querySelector('[data-testid=stApp]')?.dataset.testScriptState"
# What the page draws, as a string: per chart its title, traces (by kind: a map and its bars may have as many
# traces under the same title), points, map canvas and map regions (a map area drawn on its own); per table
# its rows.
# Not the uploader's file chip: it shows before the run the file starts (a preview is timed to its table).
DRAWN = """() => JSON.stringify([
  [...document.querySelectorAll('.js-plotly-plot')].map(el => {
     const points = el.querySelectorAll('path.point, .scatterlayer path.js-line');
     return [(el.querySelector('.gtitle') || {}).textContent || '',
             [...el.querySelectorAll('g.trace')].map(g => g.getAttribute('class')).join(),
             points.length, el.querySelectorAll('canvas.maplibregl-canvas').length,
             el.querySelectorAll('path.choroplethlocation').length,
             points.length <= 600 ? [...points].map(p => p.style.fill).join() : '',
             [...el.querySelectorAll('.scatterlayer path.js-line')].map(p => p.getAttribute('d') || '').join()];}),
  [...document.querySelectorAll('[data-testid=stMetricValue]')].map(el => el.textContent),
  [...document.querySelectorAll('[data-testid=stDataFrame]')].map(el =>
     (el.querySelector('[aria-rowcount]') || {getAttribute: () => null}).getAttribute('aria-rowcount')
     || el.querySelectorAll('[role=row]').length)])"""
# Counts the messages the page sends to the server: a widget change sends one (the rerun request), so a
# change that sent nothing was lost (a click on a menu a late redraw had just closed). Watching the
# page's run state instead missed fast runs: when the whole run fits in one batch of messages, the
# page never shows "running" (the bare app's redraw, ~0.15 s on a quiet machine, never did).
COUNT_SENT = """(() => { const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) { window.__sent = (window.__sent || 0) + 1; return send.call(this, data); };
})()"""
SENT = "(window.__sent || 0)"
PHONE_UA = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/126.0 Mobile Safari/537.36")
VIEWPORTS = {"desktop": ({"width": 1366, "height": 900}, None), "phone": ({"width": 390, "height": 844}, PHONE_UA)}
# `--network phone`: Chromium's network throttling for the deep links (a 4G phone: 9.6 Mbit/s down).
NETWORKS = {"phone": {"offline": False, "latency": 150, "downloadThroughput": 1.2e6, "uploadThroughput": 0.2e6}}
NETWORK: dict | None = None


def start(script: Path, env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless=true",
         "--server.address=127.0.0.1", f"--server.port={port}", "--browser.gatherUsageStats=false",
         "--server.fileWatcherType=none"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    wait_healthy(url)
    return process, url


def settle(page) -> None:
    with contextlib.suppress(Exception):
        page.wait_for_function(f"() => {STATE} === 'running'", timeout=1_500)
    page.wait_for_function(f"() => {STATE} === 'notRunning'", timeout=TIMEOUT)


def timed(page, prepare, commit, attempts: int = 3) -> float:
    """prepare() opens a menu (untimed); commit() makes the change; seconds until redrawn.

    On the loaded machine a click now and then lands on a menu that a late redraw has just closed, and
    nothing is sent: when nothing has gone to the server RUN_START_S after the change, the change is made
    again and the clock restarted (a lost click is not a slow page). The page is brought to the front first: the
    app's page and the bare app's are open side by side, and Chromium throttles a page in the background."""
    page.bring_to_front()
    page.wait_for_function(f"() => {STATE} === 'notRunning'", timeout=TIMEOUT)
    for attempt in range(attempts):
        prepare()
        before = page.evaluate(DRAWN)
        sent = page.evaluate(f"() => {SENT}")
        started = time.perf_counter()
        commit()
        try:
            page.wait_for_function(f"(sent) => {SENT} > sent", arg=sent, timeout=RUN_START_S * 1000, polling=20)
        except Exception:  # noqa: BLE001  (nothing sent: the change was lost)
            if attempt == attempts - 1:
                raise
            page.keyboard.press("Escape")
            settle(page)
            continue
        break
    page.wait_for_function(f"(before) => {STATE} === 'notRunning' && ({DRAWN})() !== before",
                           arg=before, timeout=TIMEOUT, polling=20)
    return time.perf_counter() - started


# Widget moves, each as (prepare, commit) -----------------------------------------------------------


def selectbox(page, label: str, option: str, *, sidebar: bool = False, search: str | None = None):
    scope = page.get_by_test_id("stSidebar") if sidebar else page
    box = scope.get_by_test_id("stSelectbox").filter(has_text=label).first

    def prepare() -> None:
        box.click()
        if search:
            page.keyboard.type(search)
        page.get_by_role("option", name=option, exact=True).wait_for(state="visible", timeout=TIMEOUT)

    return prepare, lambda: page.get_by_role("option", name=option, exact=True).click()


def multiselect_add(page, label: str, option: str, search: str):
    box = page.get_by_test_id("stMultiSelect").filter(has_text=label).first

    def prepare() -> None:
        box.locator("input").click()
        page.keyboard.type(search)
        page.get_by_role("option", name=option, exact=True).wait_for(state="visible", timeout=TIMEOUT)

    return prepare, lambda: page.get_by_role("option", name=option, exact=True).click()


def multiselect_remove_last(page, label: str):
    box = page.get_by_test_id("stMultiSelect").filter(has_text=label).first

    def prepare() -> None:
        box.locator("input").click()
        # Search text left in the box (the add typed it) would take the Backspace instead of the last region.
        page.keyboard.press("Control+A")
        page.keyboard.press("Delete")

    def commit() -> None:
        page.keyboard.press("Backspace")

    return prepare, commit


def radio(page, label: str, option: str):
    group = page.get_by_test_id("stRadio").filter(has_text=label).first
    return (lambda: None), lambda: group.get_by_text(option, exact=True).click()


def segmented(page, label: str, option: str):
    group = page.get_by_test_id("stButtonGroup").filter(has_text=label).first
    # Streamlit 1.67 draws a segmented control as a radio group of buttons (role "radio").
    return (lambda: None), lambda: group.get_by_role("radio", name=option, exact=True).click()


def upload(page, path: Path):
    """The file is removed (untimed) and set again. Streamlit 1.67 shows an uploaded file as a "chip"."""
    def prepare() -> None:
        remove = page.get_by_test_id("stFileChipDeleteBtn")
        if remove.count():
            remove.first.click()
            settle(page)
            page.wait_for_function("() => !document.querySelector('[data-testid=stFileChip]')",
                                   timeout=TIMEOUT)

    return prepare, lambda: page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))


# The interactions: (name, page path and link, baseline kind, [move for value 0, move for value 1]) ----

REGIONS = ("Kota Tangerang, Banten", "Kota Serang, Banten")


def _names() -> tuple[dict[str, str], str]:
    from analytics.catalog import default_catalog
    from analytics.i18n import t

    catalog = default_catalog()
    return {m: catalog.measure(m).name.get("id") for m in ("p0", "p1")}, t("frame.all_indonesia", "id")


MEASURE_NAMES, ALL_INDONESIA = _names()


def region_moves(page):
    return [selectbox(page, "Wilayah", name, sidebar=True, search=name.split(",")[0]) for name in REGIONS[::-1]]


def interactions(upload_file: Path):
    link = "lang=id&region=3671"
    return [
        ("Ringkasan: wilayah", f"?{link}", "trend", region_moves),
        ("Kemiskinan: wilayah", f"poverty?{link}", "trend", region_moves),
        ("Kemiskinan: indikator", f"poverty?{link}&measures=p0", "trend", lambda p: [
            multiselect_add(p, "Indikator", MEASURE_NAMES["p1"], "Kedalaman"),
            multiselect_remove_last(p, "Indikator")]),
        ("Kemiskinan: pembanding", f"poverty?{link}&compare=", "trend", lambda p: [
            multiselect_add(p, "Wilayah pembanding", "Kota Serang, Banten", "Kota Serang"),
            multiselect_remove_last(p, "Wilayah pembanding")]),
        ("Kemiskinan: tabel/grafik", f"poverty?{link}&view=chart", "table", lambda p: [
            radio(p, "Tampilan", "Tabel"), radio(p, "Tampilan", "Grafik")]),
        ("Program: wilayah", f"programs?{link}", "trend", region_moves),
        ("Program: program", f"programs?{link}", "trend", None),
        ("Bandingkan: wilayah", f"compare?{link}", "map", region_moves),
        ("Bandingkan: wilayah peta", f"compare?{link}&prov=00", "map", lambda p: [
            selectbox(p, "Wilayah peta", "Banten", search="Banten"),
            selectbox(p, "Wilayah peta", ALL_INDONESIA, search=ALL_INDONESIA.split()[0])]),
        ("Bandingkan: tahun", f"compare?{link}&year=2025", "map", lambda p: [
            selectbox(p, "Tahun", "2024"), selectbox(p, "Tahun", "2025")]),
        ("Bandingkan: indikator", f"compare?{link}&ind=p0", "map", lambda p: [
            selectbox(p, "Indikator", MEASURE_NAMES["p1"], search="Kedalaman"),
            selectbox(p, "Indikator", MEASURE_NAMES["p0"], search="Persentase")]),
        ("Bandingkan: peta/batang", f"compare?{link}&chart=map", "mapbar", lambda p: [
            segmented(p, "Tampilan", "Diagram batang"), segmented(p, "Tampilan", "Peta")]),
        ("Unggah: pratinjau 1.000 baris", "upload?lang=id", "upload", lambda p: [
            upload(p, upload_file), upload(p, other_name(upload_file))]),
    ]


def program_moves(page):
    """The first two programmes in the selector, whatever they are called."""
    box = page.get_by_test_id("stSelectbox").filter(has_text="Program").first
    box.click()
    names = [option.inner_text() for option in page.get_by_role("option").all()[:2]]
    page.keyboard.press("Escape")
    return [selectbox(page, "Program", names[1]), selectbox(page, "Program", names[0])]


def bare_moves(page):
    return [selectbox(page, "Pilihan", "B"), selectbox(page, "Pilihan", "A")]


def sign_in(page, url: str) -> None:
    page.goto(f"{url}/sign_in?lang=id")
    page.get_by_label("Nama akun", exact=True).fill(EDITOR[0])
    page.get_by_label("Kata sandi", exact=True).fill(EDITOR[1])
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.get_by_text(f"Masuk sebagai {EDITOR[0]}").wait_for(timeout=TIMEOUT)


def open_view(browser, url: str, path: str, *, editor: bool = False):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID")
    context.add_init_script(COUNT_SENT)
    page = context.new_page()
    if editor:
        sign_in(page, url)
        page.get_by_role("link", name="Unggah data").first.click()
        page.get_by_test_id("stFileUploaderDropzoneInput").wait_for(state="attached", timeout=TIMEOUT)
    else:
        page.goto(f"{url}/{path}")
        drawn = "[data-testid=stDataFrame]" if "kind=table" in path else CHART
        page.locator(drawn).first.wait_for(state="visible", timeout=TIMEOUT)
    settle(page)
    page.keyboard.press("Escape")
    return context, page


def alternate(page, moves, other_page, other_moves, rounds: int) -> tuple[list[float], list[float]]:
    """Each page's two moves once untimed (warm, as on a server others have used), then `rounds` timed
    moves on each page in turn, back and forth; the seconds of each page's moves."""
    for index in range(2):
        timed(page, *moves[index])
        timed(other_page, *other_moves[index])
    ours, theirs = [], []
    for round_number in range(rounds):
        ours.append(timed(page, *moves[round_number % 2]))
        theirs.append(timed(other_page, *other_moves[round_number % 2]))
    return ours, theirs


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]


def measure_interactions(browser, bare_browser, app_url: str, bare_url: str, upload_file: Path, rounds: int,
                         only: str | None) -> list[tuple]:
    """The bare app runs in its own Chromium: two pages of one browser take turns in the foreground, and
    the one behind was throttled (its widget changes then started no run)."""
    rows = []
    for chosen, url, path in ((browser, app_url, "?lang=id&region=3671"), (bare_browser, bare_url, "?kind=trend")):
        context, _ = open_view(chosen, url, path)  # both processes' first run
        context.close()
    for name, path, kind, moves_of in interactions(upload_file):
        if only and not any(part.strip().lower() in name.lower() for part in only.split(",")):
            continue
        try:
            context, page = open_view(browser, app_url, path, editor=kind == "upload")
            bare_context, bare_page = open_view(
                bare_browser, bare_url, f"?kind={kind}" + ("&rows=1000" if kind == "table" else ""),
                editor=False) if kind != "upload" else open_bare_upload(bare_browser, bare_url)
            moves = (moves_of or program_moves)(page)
            bare = bare_moves(bare_page) if kind != "upload" else [upload(bare_page, upload_file),
                                                                      upload(bare_page, other_name(upload_file))]
            ours, base = alternate(page, moves, bare_page, bare, rounds)
            context.close()
            bare_context.close()
        except Exception as error:  # reported, the other interactions go on
            print(f"{name}: FAILED {type(error).__name__}: {str(error).splitlines()[0][:160]}")
            rows.append((name, kind, None, None, None, None))
            with contextlib.suppress(Exception):
                context.close()
                bare_context.close()
            continue
        row = (name, kind, statistics.median(ours), percentile(ours, 0.95), statistics.median(base),
               percentile(base, 0.95))
        rows.append(row)
        print(f"{name:32s} median {row[2]:5.2f} s p95 {row[3]:5.2f} s | bare {kind:6s} median {row[4]:5.2f} s "
              f"p95 {row[5]:5.2f} s | ratio median {row[2] / row[4]:4.2f}x p95 {row[3] / row[5]:4.2f}x", flush=True)
        # Each direction on its own: a move may draw more one way than the other (Program's region change
        # draws Kota Tangerang's programme charts one way and a notice the other), and with an odd number of
        # rounds the median of both is the slower direction's or the faster's by the count alone.
        there, back, bare_there, bare_back = (statistics.median(moves) for moves in (
            ours[0::2], ours[1::2], base[0::2], base[1::2]))
        print(f"{'':32s} there {there:5.2f} s vs {bare_there:5.2f} s ({there / bare_there:4.2f}x), back {back:5.2f} s "
              f"vs {bare_back:5.2f} s ({back / bare_back:4.2f}x) (medians of {len(ours[0::2])} and {len(ours[1::2])})",
              flush=True)
    return rows


def open_bare_upload(browser, bare_url: str):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID")
    context.add_init_script(COUNT_SENT)
    page = context.new_page()
    page.goto(f"{bare_url}/?kind=upload")
    page.get_by_test_id("stFileUploaderDropzoneInput").wait_for(state="attached", timeout=TIMEOUT)
    settle(page)
    return context, page


def first_chart(browser, url: str, viewport: str) -> float:
    size, agent = VIEWPORTS[viewport]
    context = browser.new_context(viewport=size, locale="id-ID", user_agent=agent, is_mobile=agent is not None,
                                  has_touch=agent is not None)
    page = context.new_page()
    if NETWORK:
        session = context.new_cdp_session(page)
        session.send("Network.enable")
        session.send("Network.emulateNetworkConditions", NETWORK)
    started = time.perf_counter()
    page.goto(url)
    page.locator(CHART).first.wait_for(state="visible", timeout=TIMEOUT)
    elapsed = time.perf_counter() - started
    context.close()
    return elapsed


def measure_deep_links(browser, app_url: str, bare_url: str, rounds: int, only: str | None = None) -> list[tuple]:
    """Each page's cold first chart against the bare app's cold trend chart (the issue's baseline) and, where the
    page's first chart is of another kind (Bandingkan opens on its map), against the bare app's cold first chart
    of that kind and size too: both are printed."""
    links = {"Ringkasan": ("?lang=id&region=3674", "trend"), "Kemiskinan": ("poverty?lang=id&region=3674", "trend"),
             "Program": ("programs?lang=id&region=3671", "trend"), "Bandingkan": ("compare?lang=id&region=3674", "map")}
    if only:
        links = {name: link for name, link in links.items()
                 if any(part.strip().lower() in name.lower() for part in only.split(","))}
    rows = []
    for viewport in VIEWPORTS:
        for name, (link, kind) in links.items():
            first_chart(browser, f"{app_url}/{link}", viewport)  # the process's caches for this page filled
            ours, base, same_kind = [], [], []
            for _ in range(rounds):
                base.append(first_chart(browser, f"{bare_url}/?kind=trend", viewport))
                if kind != "trend":
                    same_kind.append(first_chart(browser, f"{bare_url}/?kind={kind}", viewport))
                ours.append(first_chart(browser, f"{app_url}/{link}", viewport))
            kind_base = statistics.median(same_kind) if same_kind else None
            row = (name, viewport, statistics.median(ours), statistics.median(base), kind, kind_base)
            rows.append(row)
            print(f"deep link {name:11s} {viewport:7s} median {row[2]:5.2f} s | bare trend {row[3]:5.2f} s | "
                  f"ratio {row[2] / row[3]:4.2f}x" + (f" | bare {kind} {kind_base:5.2f} s, ratio {row[2] / kind_base:4.2f}x"
                                                       if kind_base else ""), flush=True)
    return rows


def floor_query(token: str) -> tuple[str, int, str]:
    """A --floor entry as (the bare app's query, charts drawn, words): "3" is three trend charts; "frame" one inside
    the dashboard-like frame (navigation and sidebar); "frame+40" that with forty captions changing with it;
    "frame2+40" two charts so; "page" one chart in the frame with Ringkasan's kinds of element (two status cards,
    six metrics, twenty captions)."""
    if token == "page":
        return ("?kind=trend&frame=1&cards=2&metrics=6&notes=20", 1,
                "1 chart in the frame with 2 status cards, 6 metrics and 20 captions (Ringkasan's kinds)")
    if token.startswith("frame"):
        charts, _, notes = token.removeprefix("frame").partition("+")
        count, notes = int(charts or 1), int(notes or 0)
        return (f"?kind=trend&frame=1&charts={count}&notes={notes}", count,
                f"{count} chart{'s' if count > 1 else ''} in the frame"
                + (f" with {notes} changing captions" if notes else ""))
    return f"?kind=trend&charts={int(token)}", int(token), f"{int(token)} charts"


def measure_floor(browser, one_browser, bare_url: str, tokens: list[str], rounds: int, link_rounds: int) -> list[tuple]:
    """The floor of a page that must redraw N charts at once: the bare app redrawing N trend charts on a
    change (and drawing them on a cold deep link), against the same app with one, alternately (each in
    its own Chromium: a page behind another of the same browser is throttled). And the floor of a page in the
    dashboard's frame: one chart, with the navigation and sidebar around it, and with captions beside it that
    change with the choice, against the bare one chart."""
    rows = []
    for token in tokens:
        query, count, words = floor_query(token)
        context, page = open_view(browser, bare_url, query)
        one_context, one_page = open_view(one_browser, bare_url, "?kind=trend")
        many, one = bare_moves(page), bare_moves(one_page)
        ours, base = alternate(page, many, one_page, one, rounds)
        context.close()
        one_context.close()
        cold = [first_chart_all(browser, f"{bare_url}/{query}", count) for _ in range(link_rounds)]
        cold_one = [first_chart_all(browser, f"{bare_url}/?kind=trend", 1) for _ in range(link_rounds)]
        row = (words, statistics.median(ours) / statistics.median(base), percentile(ours, 0.95) / percentile(base, 0.95),
               statistics.median(cold) / statistics.median(cold_one))
        rows.append(row)
        print(f"floor: bare app, {words}: redraw median {row[1]:4.2f}x p95 {row[2]:4.2f}x; cold, all drawn "
              f"{row[3]:4.2f}x the one-chart app's", flush=True)
    return rows


def first_chart_all(browser, url: str, count: int) -> float:
    """Seconds from a fresh context's page load until `count` charts have data drawn (desktop)."""
    context = browser.new_context(viewport=VIEWPORTS["desktop"][0], locale="id-ID")
    page = context.new_page()
    started = time.perf_counter()
    page.goto(url)
    page.wait_for_function("(n) => document.querySelectorAll('.js-plotly-plot g.trace').length >= 3 * n",
                           arg=count, timeout=TIMEOUT, polling=50)
    elapsed = time.perf_counter() - started
    context.close()
    return elapsed


def other_name(path: Path) -> Path:
    """The same file under another name: Chromium sends no change when the file input is set again to
    the file it last held (even after Streamlit removed it), so the moves alternate between two names."""
    other = path.with_name(f"{path.stem}_2{path.suffix}")
    if not other.exists():
        other.write_bytes(path.read_bytes())
    return other


def upload_file(env: dict[str, str], folder: Path) -> Path:
    """1,000 rows of the store's own current data, as the export writes them (re-uploading them changes nothing)."""
    exported = folder / "export.csv"
    subprocess.run([sys.executable, "-m", "analytics", "export", str(exported)], cwd=ROOT, env=env,
                   check=True, stdout=subprocess.DEVNULL)
    lines = exported.read_text(encoding="utf-8").splitlines()
    target = folder / "seribu_baris.csv"
    target.write_text("\n".join(lines[:1001]) + "\n", encoding="utf-8")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--link-rounds", type=int, default=3)
    parser.add_argument("--only", help="only interactions (and deep links) whose name contains one of these "
                        "(comma-separated)")
    parser.add_argument("--no-deeplinks", action="store_true")
    parser.add_argument("--no-interactions", action="store_true")
    parser.add_argument("--floor", help="also measure the floor: the bare app with these numbers of charts "
                        "(comma-separated, e.g. 2,4), and 'frame', 'frame+40' or 'frame2+40' (one chart, or two, in a frame like the "
                        "dashboard's, with 40 captions changing with it), 'page' (one chart so with Ringkasan's kinds of "
                        "element), against one chart, redrawn and cold")
    parser.add_argument("--network", choices=sorted(NETWORKS), help="deep links over an emulated network")
    args = parser.parse_args()
    global NETWORK  # read by first_chart
    NETWORK = NETWORKS.get(args.network) if args.network else None

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{Path(tmp) / 'store.sqlite'}"}
        subprocess.run([sys.executable, "-m", "analytics", "seed"], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)
        subprocess.run([sys.executable, "-m", "analytics", "users", "add", EDITOR[0], "--role", "editor"], cwd=ROOT,
                       check=True, env=env, input=EDITOR[1] + "\n", text=True, stdout=subprocess.DEVNULL)
        file_1000 = upload_file(env, Path(tmp))
        # What `make run` serves (server.py: app.py plus the cookie route and the screen-reader script, which in
        # the Indonesian interface watches the page's changes).
        app, app_url = start(ROOT / "server.py", env)
        bare, bare_url = start(ROOT / "benchmarks" / "bare_redraw.py", env)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
                bare_browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
                rows = ([] if args.no_interactions else
                        measure_interactions(browser, bare_browser, app_url, bare_url, file_1000, args.rounds,
                                             args.only))
                floors = (measure_floor(bare_browser, browser, bare_url, args.floor.split(","), args.rounds,
                                        args.link_rounds) if args.floor else [])
                bare_browser.close()
                links = ([] if args.no_deeplinks else
                         measure_deep_links(browser, app_url, bare_url, args.link_rounds, args.only))
                browser.close()
        finally:
            stop_app(app)
            stop_app(bare)
    print("\nInteractions (target: median <= 1.5x, p95 <= 2x the bare app's)")
    for name, kind, median, p95, base_median, base_p95 in rows:
        if median is None:
            print(f"  {name:32s} failed")
            continue
        ok = median / base_median <= 1.5 and p95 / base_p95 <= 2
        print(f"  {name:32s} {median:5.2f}/{p95:5.2f} s vs {kind} {base_median:5.2f}/{base_p95:5.2f} s: "
              f"{median / base_median:4.2f}x / {p95 / base_p95:4.2f}x {'met' if ok else 'NOT met'}")
    for words, median, p95, cold in floors:
        print(f"Floor, the bare app with {words} against one chart: redraw {median:4.2f}x / {p95:4.2f}x, "
              f"cold (all drawn) {cold:4.2f}x")
    if links:
        print("Deep links, cold first chart (target <= 1.3x the bare app's)")
        for name, viewport, median, base, kind, kind_base in links:
            print(f"  {name:11s} {viewport:7s} {median:5.2f} s vs {base:5.2f} s: {median / base:4.2f}x "
                  f"{'met' if median / base <= 1.3 else 'NOT met'}"
                  + (f"; vs the bare {kind} {kind_base:5.2f} s: {median / kind_base:4.2f}x "
                     f"{'met' if median / kind_base <= 1.3 else 'NOT met'}" if kind_base else ""))


if __name__ == "__main__":
    main()
