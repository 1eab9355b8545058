"""Dashboard speed and size: cold start to first paint, warm reruns, bytes sent for the map.

Run by hand from the repository root (needs ``./setup.sh --dev``: Chromium, Playwright, Leaflet in
``static/vendor``)::

    python3 benchmarks/bench_dashboard.py [--rounds 3] [--reruns 10]

1. Cold start: seconds from ``Popen(python -m streamlit run ENTRY)`` to the four zone polygons
   drawn in Chromium (the st_folium iframe has ``.leaflet-container`` and at least four
   ``path.leaflet-interactive``), for ``dashboard.py`` and for ``benchmarks/minimal_app.py`` (one
   st_folium map of four squares, the floor of this stack), alternated a/b/a/b, each with a fresh
   server and a fresh browser context (one Chromium process, launched before timing starts).
   Target: dashboard / minimal <= 1.3 (medians).
2. Warm reruns, in process with ``streamlit.testing.v1.AppTest``: date changes on the map page and
   zone changes on the zone page (median and p90, target < 100 ms); and in the real browser on a
   warm dashboard server: ArrowRight on the date slider's thumb (a range input), to the zones' new
   fill colour and to the app idle again (new date in the caption, ``stApp`` script state
   ``notRunning``).
3. Bytes: websocket frames received and HTTP responses on the dashboard's first page load, the
   map component's payload computed in Python with streamlit-folium's own functions (target
   < 250 kB, Leaflet not included), and Leaflet's JS + CSS separately.

Prints a table and writes the same figures to ``artifacts/bench_dashboard.json``. Waits are on
real signals (health endpoint, DOM state), never fixed sleeps.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    start_server,
    stop_server,
    wait_for_health,
)

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
LEAFLET_DIR = ROOT / "static" / "vendor" / "leaflet"
OUT = ROOT / "artifacts" / "bench_dashboard.json"
COLD_TARGET_RATIO = 1.3
RERUN_TARGET_MS = 100.0
PAYLOAD_TARGET_BYTES = 250_000
TIMEOUT_MS = 90_000
FILLS_JS = ("() => Array.from(document.querySelectorAll('path.leaflet-interactive'))"
            ".map(e => e.getAttribute('fill')).join(',')")
IDLE_JS = """(text) => {
  const app = document.querySelector('[data-testid="stApp"]');
  return app && app.getAttribute('data-test-script-state') === 'notRunning'
    && document.body.innerText.includes(text);
}"""


def pct(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(-(-q * len(s) // 100)) - 1))
    return s[k]


# --- 1 and 3: cold start, bytes on the wire ------------------------------------------------------

def minimal_dir() -> Path:
    """A temp folder with minimal_app.py and the repo's static/ symlinked next to it."""
    d = Path(tempfile.mkdtemp(prefix="bench-minimal-"))
    shutil.copy2(ROOT / "benchmarks" / "minimal_app.py", d / "minimal_app.py")
    (d / "static").symlink_to(ROOT / "static", target_is_directory=True)
    return d


def start(kind: str, mdir: Path) -> tuple[subprocess.Popen, str, float]:
    """Launch the server; returns the process, its URL and the monotonic time of Popen."""
    if kind == "dashboard":
        t0 = time.monotonic()
        proc, url = start_server("dashboard.py", None, cwd=ROOT)
        return proc, url, t0
    from tests.browser.conftest import free_port

    port = free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", "minimal_app.py", "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true",
           "--server.enableStaticServing", "true", "--browser.gatherUsageStats", "false"]
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=mdir, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            env=dict(os.environ))
    return proc, f"http://127.0.0.1:{port}", t0


def wait_for_zones(page) -> Any:
    frame_el = page.wait_for_selector(MAP_FRAME, state="attached", timeout=TIMEOUT_MS)
    frame = frame_el.content_frame()
    frame.wait_for_selector(".leaflet-container", timeout=TIMEOUT_MS)
    frame.wait_for_function("document.querySelectorAll('path.leaflet-interactive').length >= 4",
                            timeout=TIMEOUT_MS)
    return frame


def classify(url: str) -> str:
    if "/app/static/vendor/leaflet/" in url:
        return "leaflet"
    if "/component/streamlit_folium" in url:
        return "st_folium component frontend"
    if "/static/" in url:
        return "streamlit frontend"
    return "other (/_stcore, host-config, favicon…)"


def cold_run(browser, kind: str, mdir: Path, record: bool) -> dict[str, Any]:
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="en-GB")
    page = context.new_page()
    frames: list[tuple[float, int, bytes | str]] = []
    requests: list[Any] = []

    def on_ws(ws) -> None:
        ws.on("framereceived", lambda payload: frames.append(
            (time.monotonic(), len(payload) if isinstance(payload, bytes)
             else len(payload.encode("utf-8")), payload)))

    page.on("websocket", on_ws)
    page.on("requestfinished", lambda req: requests.append(req))
    proc, url, t0 = start(kind, mdir)
    try:
        health = wait_for_health(url, proc, timeout=120)
        page.goto(f"{url}/", timeout=TIMEOUT_MS)
        frame = wait_for_zones(page)
        t_paint = time.monotonic()
        out: dict[str, Any] = {"kind": kind, "first_paint_s": t_paint - t0,
                               "server_healthy_s": health}
        if record:
            # The whole first page: the footer is written last, then the script goes idle.
            if kind == "dashboard":
                page.get_by_text("Sources and licences.").wait_for(timeout=TIMEOUT_MS)
            page.wait_for_function(IDLE_JS, arg="", timeout=TIMEOUT_MS)
            t_idle = time.monotonic()
            out["first_page_idle_s"] = t_idle - t0
            out["fills"] = frame.evaluate(FILLS_JS)
            ws_total = sum(n for _, n, _ in frames)
            ws_to_paint = sum(n for t, n, _ in frames if t <= t_paint)
            comp = [n for _, n, p in frames
                    if (p if isinstance(p, bytes) else p.encode()).find(b"map_div") >= 0]
            http: dict[str, dict[str, int]] = {}
            for req in requests:
                resp = req.response()
                if resp is None:
                    continue
                try:
                    body = len(resp.body())
                except Exception:  # redirects and 304s have no body
                    body = 0
                wire = max(req.sizes().get("responseBodySize", 0), 0)
                c = http.setdefault(classify(req.url), {"requests": 0, "wire_bytes": 0,
                                                        "decoded_bytes": 0})
                c["requests"] += 1
                c["wire_bytes"] += wire
                c["decoded_bytes"] += body
            out["bytes"] = {
                "websocket_frames": len(frames), "websocket_bytes_first_page": ws_total,
                "websocket_bytes_to_first_paint": ws_to_paint,
                "websocket_frames_with_map_component": comp,
                "http_by_kind": http,
                "http_decoded_total": sum(c["decoded_bytes"] for c in http.values()),
                "http_wire_total": sum(c["wire_bytes"] for c in http.values()),
            }
        return out
    finally:
        context.close()
        stop_server(proc)


# --- 2b: warm rerun in the browser ---------------------------------------------------------------

def transition_days(n: int) -> list[dt.date]:
    """Days after which some zone's status changes, so ArrowRight gives a new fill colour."""
    from geo import atlas

    timeline = atlas.load_timeline()
    days, d = [], atlas.FIRST_DAY
    prev = atlas.statuses_on(timeline, d)
    while d < atlas.LAST_DAY:
        nxt = atlas.statuses_on(timeline, d + dt.timedelta(days=1))
        if nxt != prev:
            days.append(d)
        prev, d = nxt, d + dt.timedelta(days=1)
    return days[:n]


def browser_reruns(browser, n: int) -> dict[str, Any]:
    days = transition_days(n)
    proc, url, _ = start("dashboard", Path())
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="en-GB")
    page = context.new_page()
    to_fill, to_idle = [], []
    try:
        wait_for_health(url, proc, timeout=120)
        page.goto(f"{url}/", timeout=TIMEOUT_MS)  # warm the server: caches, first run
        wait_for_zones(page)
        page.wait_for_function(IDLE_JS, arg="", timeout=TIMEOUT_MS)
        for day in days:
            # "/" not "/map": a fresh session's deep link to /map opens a "Page not found" modal
            # (which makes the app inert) before falling back to the main page.
            page.goto(f"{url}/?date={day.isoformat()}", timeout=TIMEOUT_MS)
            frame = wait_for_zones(page)
            page.wait_for_function(IDLE_JS, arg=f"Status as of {day.day} {day:%B %Y}",
                                   timeout=TIMEOUT_MS)
            before = frame.evaluate(FILLS_JS)
            # Streamlit 1.67's react-aria slider: the thumb is a visually hidden range input.
            thumb = page.locator('[data-testid="stSlider"] [role="slider"], '
                                 '[data-testid="stSlider"] input[type="range"]').first
            thumb.focus()
            nxt = day + dt.timedelta(days=1)
            t0 = time.monotonic()
            page.keyboard.press("ArrowRight")
            frame.wait_for_function(
                f"() => ({FILLS_JS})() !== {json.dumps(before)} "
                "&& document.querySelectorAll('path.leaflet-interactive').length >= 4",
                timeout=TIMEOUT_MS)
            t1 = time.monotonic()
            page.wait_for_function(IDLE_JS, arg=f"Status as of {nxt.day} {nxt:%B %Y}",
                                   timeout=TIMEOUT_MS)
            t2 = time.monotonic()
            to_fill.append((t1 - t0) * 1000)
            to_idle.append((t2 - t0) * 1000)
    finally:
        context.close()
        stop_server(proc)
    return {"days": [d.isoformat() for d in days], "to_new_fill_ms": to_fill,
            "to_idle_ms": to_idle}


# --- 2a: warm reruns with AppTest ----------------------------------------------------------------

def apptest_reruns(n: int) -> dict[str, Any]:
    from streamlit.testing.v1 import AppTest

    from geo import ZONE_IDS, atlas

    os.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    span = (atlas.LAST_DAY - atlas.FIRST_DAY).days
    # The date is set through the slider's session-state key ("as_of"): in Streamlit 1.67's
    # AppTest the sidebar's widgets are missing from the tree after the second run under
    # st.navigation, so at.sidebar.slider[0] cannot be reused; the rerun is the same.
    for d in (atlas.FIRST_DAY, atlas.LAST_DAY, atlas.DEFAULT_DAY):  # warm-up, not timed
        at.session_state["as_of"] = d
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    dates = [atlas.FIRST_DAY + dt.timedelta(days=7 + (span - 14) * i // max(n - 1, 1))
             for i in range(n)]
    date_ms = []
    for d in dates:
        at.session_state["as_of"] = d
        t0 = time.perf_counter()
        at.run()
        date_ms.append((time.perf_counter() - t0) * 1000)
        assert not at.exception, [e.value for e in at.exception]
        assert f"{d.day} {d:%B %Y}" in at.caption[0].value, at.caption[0].value
    at.switch_page("pages/zone.py")
    at.run()

    def zone_box():
        return next(b for b in at.selectbox if b.label.startswith("Zone"))

    for z in ZONE_IDS:  # warm-up of every zone page (articles, points), not timed
        zone_box().set_value(z).run()
    zone_ms, titles = [], []
    for i in range(n):
        z = ZONE_IDS[i % len(ZONE_IDS)]
        if zone_box().value == z:
            z = ZONE_IDS[(i + 1) % len(ZONE_IDS)]
        zone_box().set_value(z)
        t0 = time.perf_counter()
        at.run()
        zone_ms.append((time.perf_counter() - t0) * 1000)
        assert not at.exception, [e.value for e in at.exception]
        titles.append(at.title[0].value)
    return {"date_change_ms": date_ms, "zone_change_ms": zone_ms, "zone_titles": titles,
            "dates": [d.isoformat() for d in dates]}


# --- 3: the map component's payload, as st_folium builds it -------------------------------------

def map_payload() -> dict[str, Any]:
    from streamlit_folium import (
        _get_feature_group_string,
        _get_header,
        _get_html,
        _get_map_string,
    )

    from geo import atlas
    from geo.mapping import SYRIA_BOUNDS, build_map, screen_simplify, stabilise, zones_layer
    from geo.paths import ADM0_PATH, ADM1_PATH, ZONES_PATH
    from geo.zones import load_admin1, load_country, load_zones

    # As geo.ui._base / _zones / _timeline load them, and as pages/map.py builds the map.
    adm1 = load_admin1(ADM1_PATH).set_index("ADM1_PCODE", drop=False)
    adm1_screen, adm0 = screen_simplify(adm1, 0.01), load_country(ADM0_PATH)
    statuses = atlas.statuses_on(atlas.load_timeline(), atlas.DEFAULT_DAY)
    layer = zones_layer(load_zones(ZONES_PATH), statuses)
    stabilise(layer)
    m = build_map(adm1_screen, adm0, bounds=SYRIA_BOUNDS)
    # st_folium(render=True): root render, map render, then html/header/script, then groups.
    m.get_root().render()
    m.render()
    html, header = _get_html(m), _get_header(m)
    script = _get_map_string(m)
    group = _get_feature_group_string(layer, map=m, idx=0)
    parts = {"script (base map: governorates + outline)": len(script.encode()),
             "feature_group (the four zones)": len(group.encode()),
             "header": len(header.encode()), "html": len(html.encode())}
    as_json = len(json.dumps({"script": script, "header": header, "html": html,
                              "feature_group": group}).encode())
    leaflet = {p.name: p.stat().st_size for p in (LEAFLET_DIR / "leaflet.js",
                                                  LEAFLET_DIR / "leaflet.css")}
    return {"parts": parts, "payload_bytes": sum(parts.values()),
            "payload_json_bytes": as_json, "leaflet_bytes": leaflet,
            "leaflet_total_bytes": sum(leaflet.values())}


# --- report ------------------------------------------------------------------------------------

def commit() -> str:
    """HEAD, and whether the tree had uncommitted changes (others work in it too)."""
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, text=True,
                          capture_output=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                           text=True, capture_output=True).stdout.strip()
    return head + (" (+ uncommitted changes)" if dirty else "")


def ok(flag: bool) -> str:
    return "met" if flag else "NOT met"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=3, help="a/b cold-start rounds (default 3)")
    ap.add_argument("--reruns", type=int, default=10, help="timed reruns of each kind (10)")
    args = ap.parse_args()
    if not (LEAFLET_DIR / "leaflet.js").exists():
        print("static/vendor/leaflet is missing: run ./setup.sh first", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    print(f"bench_dashboard at {commit()}: {args.rounds} cold rounds, {args.reruns} reruns; "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}", flush=True)
    payload = map_payload()
    mdir = minimal_dir()
    cold: dict[str, list[float]] = {"dashboard": [], "minimal": []}
    runs: list[dict[str, Any]] = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for r in range(args.rounds):
                    for kind in ("dashboard", "minimal"):
                        res = cold_run(browser, kind, mdir, record=(r == 0))
                        res["round"] = r + 1
                        runs.append(res)
                        cold[kind].append(res["first_paint_s"])
                        print(f"  round {r + 1} {kind:9s} first paint {res['first_paint_s']:.2f} s"
                              f" (server healthy after {res['server_healthy_s']:.2f} s)",
                              flush=True)
                browser_rr = browser_reruns(browser, args.reruns)
            finally:
                browser.close()
    finally:
        shutil.rmtree(mdir, ignore_errors=True)
    at = apptest_reruns(args.reruns)

    med_d, med_m = statistics.median(cold["dashboard"]), statistics.median(cold["minimal"])
    ratio = med_d / med_m
    first = next(r for r in runs if r["kind"] == "dashboard" and "bytes" in r)
    first_min = next(r for r in runs if r["kind"] == "minimal" and "bytes" in r)
    b = first["bytes"]

    def stats(ms: list[float]) -> dict[str, float]:
        return {"median_ms": statistics.median(ms), "p90_ms": pct(ms, 90),
                "min_ms": min(ms), "max_ms": max(ms)} if ms else {}

    rr = {"apptest_date_change": stats(at["date_change_ms"]),
          "apptest_zone_change": stats(at["zone_change_ms"]),
          "browser_arrowright_to_new_fill": stats(browser_rr["to_new_fill_ms"]),
          "browser_arrowright_to_idle": stats(browser_rr["to_idle_ms"])}
    result = {
        "date": dt.date.today().isoformat(), "cores": os.cpu_count(), "commit": commit(),
        "load_average_1min_at_end": os.getloadavg()[0],
        "cold_start": {"runs": runs, "median_dashboard_s": med_d, "median_minimal_s": med_m,
                       "ratio": ratio, "target_ratio": COLD_TARGET_RATIO,
                       "met": ratio <= COLD_TARGET_RATIO},
        "warm_rerun": {**rr, "raw": {**at, **browser_rr}, "target_ms": RERUN_TARGET_MS},
        "bytes": {"first_page_dashboard": b, "first_page_minimal": first_min["bytes"],
                  "map_payload": payload, "target_payload_bytes": PAYLOAD_TARGET_BYTES,
                  "leaflet_counted_in_payload": False,
                  "met": payload["payload_bytes"] < PAYLOAD_TARGET_BYTES},
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2, default=str), encoding="utf-8")

    kb = 1000
    print("\nCold start to first paint (Popen -> 4 zone paths in Chromium), seconds")
    print("| round | dashboard | minimal |")
    print("|---|---|---|")
    for i in range(args.rounds):
        print(f"| {i + 1} | {cold['dashboard'][i]:.2f} | {cold['minimal'][i]:.2f} |")
    print(f"| median | {med_d:.2f} | {med_m:.2f} |")
    print("\nWarm reruns, ms (n each)")
    print("| what | n | median | p90 | min | max |")
    print("|---|---|---|---|---|---|")
    for name, key in (("AppTest date change, map page", "apptest_date_change"),
                      ("AppTest zone change, zone page", "apptest_zone_change"),
                      ("Chromium ArrowRight -> new zone fill", "browser_arrowright_to_new_fill"),
                      ("Chromium ArrowRight -> app idle", "browser_arrowright_to_idle")):
        s = rr[key]
        n = len(at["date_change_ms"] if key == "apptest_date_change"
                else at["zone_change_ms"] if key == "apptest_zone_change"
                else browser_rr["to_idle_ms"])
        if s:
            print(f"| {name} | {n} | {s['median_ms']:.0f} | {s['p90_ms']:.0f} "
                  f"| {s['min_ms']:.0f} | {s['max_ms']:.0f} |")
    print("\nBytes, dashboard first page (fresh context, no cache)")
    print(f"  websocket received: {b['websocket_bytes_first_page']:,} B in "
          f"{b['websocket_frames']} frames ({b['websocket_bytes_to_first_paint']:,} B by first "
          f"paint); frames carrying the map component: "
          f"{', '.join(f'{n:,} B' for n in b['websocket_frames_with_map_component'])}")
    for k, c in sorted(b["http_by_kind"].items()):
        print(f"  HTTP {k}: {c['requests']} responses, {c['decoded_bytes']:,} B decoded, "
              f"{c['wire_bytes']:,} B on the wire")
    mb = first_min["bytes"]
    print(f"  (minimal app: websocket {mb['websocket_bytes_first_page']:,} B, "
          f"HTTP {mb['http_decoded_total']:,} B decoded)")
    print("  map component payload (Python, streamlit-folium's own functions, Leaflet NOT "
          "included):")
    for k, n in payload["parts"].items():
        print(f"    {k}: {n:,} B")
    print(f"    total {payload['payload_bytes']:,} B; as JSON args "
          f"{payload['payload_json_bytes']:,} B")
    print("  Leaflet (served once from /app/static, cacheable): "
          + ", ".join(f"{k} {v:,} B" for k, v in payload["leaflet_bytes"].items())
          + f" = {payload['leaflet_total_bytes']:,} B")
    print("\nSummary")
    print("| measure | value | target | |")
    print("|---|---|---|---|")
    print(f"| cold start dashboard / minimal (medians) | {ratio:.2f} "
          f"({med_d:.2f} s / {med_m:.2f} s) | <= {COLD_TARGET_RATIO} | "
          f"{ok(ratio <= COLD_TARGET_RATIO)} |")
    for name, key in (("AppTest date change", "apptest_date_change"),
                      ("AppTest zone change", "apptest_zone_change")):
        s = rr[key]
        print(f"| {name} median / p90 | {s['median_ms']:.0f} / {s['p90_ms']:.0f} ms | "
              f"< {RERUN_TARGET_MS:.0f} ms | median {ok(s['median_ms'] < RERUN_TARGET_MS)}, "
              f"p90 {ok(s['p90_ms'] < RERUN_TARGET_MS)} |")
    s = rr["browser_arrowright_to_idle"]
    if s:
        print(f"| browser date change to idle, median | {s['median_ms']:.0f} ms | "
              f"(no target; shown) | |")
    print(f"| map payload (Leaflet not counted) | {payload['payload_bytes'] / kb:.1f} kB | "
          f"< {PAYLOAD_TARGET_BYTES / kb:.0f} kB | "
          f"{ok(payload['payload_bytes'] < PAYLOAD_TARGET_BYTES)} |")
    print(f"| map payload + Leaflet JS/CSS | "
          f"{(payload['payload_bytes'] + payload['leaflet_total_bytes']) / kb:.1f} kB | "
          f"(for reference) | |")
    print(f"\nwrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
