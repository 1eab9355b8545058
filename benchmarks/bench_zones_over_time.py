"""Zones over time (issue 11): warm reruns when the date steps through the changes of ground,
and the map payload of one date.

    python3 benchmarks/bench_zones_over_time.py [--reruns 20] [--lang ar]

1. AppTest on ``dashboard.py`` (warm: every change day visited once first, untimed): the map
   page's "Next change" button (play) stepped through ``--reruns`` change days; the zone page
   (Idlib: map, area chart, changes table, small multiples) at each of those days; the
   briefing's changes scene stepped with its next button. Target < 100 ms each.
2. The map component's payload on each change day, built as ``pages/map.py`` builds it (base
   map script + the lost-ground, zones and dated layers' feature groups, with streamlit-folium's
   own functions; Leaflet not counted). Target < 250 kB.
3. Loading the dated layers: the versions file (``load_versions``) and the dated-layer file, cold,
   against a warm rerun that finds them in the cache keyed on their file fingerprints.

``--lang ar`` runs the pages in the Arabic interface (their grids' dates are Stylers there).
Prints a table and writes ``artifacts/bench_zones_over_time.json`` (``…_ar.json`` in Arabic).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def stats(ms: list[float]) -> dict[str, float]:
    s = sorted(ms)
    return {"n": len(s), "median": round(statistics.median(s), 1),
            "p90": round(s[min(len(s) - 1, int(0.9 * len(s)))], 1), "max": round(s[-1], 1)}


_SCRIPT_CPU = [0.0]  # CPU seconds of the script thread (AppTest runs the page in its own thread)


def _count_script_cpu() -> None:
    """Add each script run's own CPU time (``time.thread_time`` in the thread that runs it) to
    ``_SCRIPT_CPU``: the page's cost without the AppTest driver's, and without other processes'
    load on a shared machine."""
    from streamlit.runtime.scriptrunner import script_runner

    run = script_runner.ScriptRunner._run_script

    def timed(self: Any, rerun_data: Any) -> None:
        start = time.thread_time()
        try:
            return run(self, rerun_data)
        finally:
            _SCRIPT_CPU[0] += time.thread_time() - start

    script_runner.ScriptRunner._run_script = timed


class Clock:
    """Wall and CPU milliseconds of each timed rerun (CPU: the whole process, so the AppTest
    driver is included; script: the script thread alone; on a shared, loaded machine the wall
    time mostly measures waiting)."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []
        self.script: list[float] = []

    def __enter__(self) -> Clock:
        self._w, self._c, self._s = time.perf_counter(), time.process_time(), _SCRIPT_CPU[0]
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall.append((time.perf_counter() - self._w) * 1000)
        self.cpu.append((time.process_time() - self._c) * 1000)
        self.script.append((_SCRIPT_CPU[0] - self._s) * 1000)


def apptest(n: int, lang: str = "en") -> dict[str, Any]:
    from streamlit.testing.v1 import AppTest

    from geo import zone_history as zh
    from geo.zone_versions import load_versions

    os.chdir(ROOT)
    _count_script_cpu()
    days = zh.change_days(load_versions())
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.session_state["lang"] = lang
    at.run()
    out: dict[str, Any] = {}
    for d in days:  # warm-up: every change day's shapes and layers, not timed
        at.session_state["as_of"] = d
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    at.session_state["as_of"] = days[0]
    at.run()
    play = Clock()
    for _ in range(min(n, len(days) - 1)):
        with play:
            at.button(key="play_map_next").click().run()
        assert not at.exception, [e.value for e in at.exception]
    out["map_play_next_ms"], out["map_play_next_cpu_ms"] = play.wall, play.cpu
    out["map_play_next_script_ms"] = play.script
    out["map_last_day"] = at.session_state["as_of"].isoformat()

    at.switch_page("pages/zone.py")
    at.session_state["zone_select"] = "idlib"
    at.run()
    for d in days:  # warm-up
        at.session_state["as_of"] = d
        at.run()
    zone = Clock()
    for d in days[:n]:
        at.session_state["as_of"] = d
        with zone:
            at.run()
        assert not at.exception, [e.value for e in at.exception]
    out["zone_page_date_ms"], out["zone_page_date_cpu_ms"] = zone.wall, zone.cpu
    out["zone_page_date_script_ms"] = zone.script

    if lang != "en":
        # AppTest (Streamlit 1.67) cannot rerun the Arabic briefing: reading its autoplay
        # selectbox's state fails ("'off' is not in list"); the briefing is timed in English.
        return out
    at.switch_page("pages/briefing.py")
    at.session_state["scene"] = 6
    at.session_state["as_of"] = days[0]
    at.run()
    brief = Clock()
    for _ in range(min(n, len(days) - 1)):
        with brief:
            at.button(key="play_brief_next").click().run()
        assert not at.exception, [e.value for e in at.exception]
    out["briefing_step_ms"], out["briefing_step_cpu_ms"] = brief.wall, brief.cpu
    out["briefing_step_script_ms"] = brief.script
    return out


def payloads() -> dict[str, Any]:
    from streamlit_folium import (
        _get_feature_group_string,
        _get_header,
        _get_html,
        _get_map_string,
    )

    from geo import atlas
    from geo import zone_history as zh
    from geo.dated_layers import layers_on, load_layers
    from geo.mapping import (
        SYRIA_BOUNDS,
        build_map,
        dated_layer,
        lost_layer,
        screen_simplify,
        stabilise,
        zones_layer,
    )
    from geo.paths import ADM0_PATH, ADM1_PATH, ZONES_PATH
    from geo.zone_versions import load_versions, zones_as_of
    from geo.zones import load_admin1, load_country, load_zones, outline_of

    adm1 = load_admin1(ADM1_PATH).set_index("ADM1_PCODE", drop=False)
    adm1_screen, adm0 = screen_simplify(adm1, 0.01), load_country(ADM0_PATH)
    zones, versions, timeline = load_zones(ZONES_PATH), load_versions(), atlas.load_timeline()
    layers, country = load_layers(), outline_of(adm0, ADM0_PATH)
    sizes = {}
    for day in [atlas.DEFAULT_DAY, *zh.change_days(versions)]:
        current, lost = zones_as_of(zones, versions, day)
        groups = [lost_layer(lost), zones_layer(current, atlas.statuses_on(timeline, day)),
                  *[dated_layer(layer, geom) for layer, geom in
                    layers_on(layers, versions, day, country)]]
        stabilise(*groups)
        m = build_map(adm1_screen, adm0, bounds=SYRIA_BOUNDS)
        m.get_root().render()
        m.render()
        total = len(_get_map_string(m).encode()) + len(_get_html(m).encode()) + len(
            _get_header(m).encode())
        total += sum(len(_get_feature_group_string(g, map=m, idx=i).encode())
                     for i, g in enumerate(groups))
        sizes[day.isoformat()] = total
    worst = max(sizes, key=sizes.get)
    return {"bytes_by_day": sizes, "max_day": worst, "max_bytes": sizes[worst],
            "min_bytes": min(sizes.values())}


def loading() -> dict[str, Any]:
    from geo.dated_layers import load_layers
    from geo.zone_versions import load_versions

    t0 = time.perf_counter()
    load_versions()
    t1 = time.perf_counter()
    load_layers()
    t2 = time.perf_counter()
    return {"load_versions_cold_ms": round((t1 - t0) * 1000, 1),
            "load_layers_cold_ms": round((t2 - t1) * 1000, 1)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reruns", type=int, default=20)
    ap.add_argument("--lang", choices=["en", "ar"], default="en")
    args = ap.parse_args()
    result: dict[str, Any] = {"loading": loading(), "payload": payloads(), "lang": args.lang}
    result["apptest"] = apptest(args.reruns, args.lang)
    print(f"load average before: {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores)")
    for key in ("map_play_next", "zone_page_date", "briefing_step"):
        if f"{key}_ms" not in result["apptest"]:
            continue
        s, c = stats(result["apptest"][f"{key}_ms"]), stats(result["apptest"][f"{key}_cpu_ms"])
        t = stats(result["apptest"][f"{key}_script_ms"])
        result["apptest"][f"{key}_stats"], result["apptest"][f"{key}_cpu_stats"] = s, c
        result["apptest"][f"{key}_script_stats"] = t
        print(f"{key:16} wall median {s['median']} ms, p90 {s['p90']} ms | CPU median "
              f"{c['median']} ms, p90 {c['p90']} ms | script thread CPU median {t['median']} "
              f"ms (n={s['n']}; target < 100 ms)")
    p = result["payload"]
    print(f"map payload: max {p['max_bytes']:,} B on {p['max_day']}, min {p['min_bytes']:,} B "
          "(target < 250 kB; Leaflet not counted)")
    print(f"cold loads: {result['loading']}")
    suffix = "" if args.lang == "en" else f"_{args.lang}"
    out = ROOT / "artifacts" / f"bench_zones_over_time{suffix}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
