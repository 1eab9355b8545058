"""Search, old code against new: identical results, then latency measured A/B in one run.

Run by hand from the repository root, with the old code checked out beside it (for example
``git worktree add /work/wt-base main``) and an index built beforehand (``bench_index.py``)::

    python3 benchmarks/search_ab.py --old /work/wt-base --new . \\
        --folder /tmp/benchwork/corpus-100000 --index /tmp/copy-of-the-100k-index.sqlite

Each side runs in its own process on the same index file (read only: use a copy). First every
result is compared: the 30 queries of ``bench_index.QUERIES`` and a few odd ones, under seven
filter sets and four pages each (totals, page numbers, article ids, titles, zones, snippets,
marks and scores, scores compared exactly). Then the latency: each query is sent to one side,
then the other (the order alternating, ABBA), never both at once, for ``--rounds`` rounds;
wall time per query and CPU time of the side's process (all threads) plus its ranking helper
process's, with the load average before and after each round. Nothing is written.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_index import QUERIES, pct

WORKER = r'''
import datetime as dt, json, sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from geo.index import ArticleFilters, ArticleIndex
idx = ArticleIndex(Path(sys.argv[2]), Path(sys.argv[3]))
FILTERS = {
    "none": ArticleFilters(),
    "idlib": ArticleFilters(zones=("idlib",), min_strength="medium"),
    "strong2": ArticleFilters(zones=("eastern-ghouta", "south"), min_strength="strong"),
    "weak": ArticleFilters(zones=("northern-homs",), min_strength="weak"),
    "outlet": ArticleFilters(outlets=("Al Arabiya", "RT Arabic")),
    "dates": ArticleFilters(date_from=dt.date(2018, 1, 1), date_to=dt.date(2018, 6, 30)),
    "all": ArticleFilters(zones=("idlib", "south"), min_strength="medium",
                          outlets=("Enab Baladi",),
                          date_from=dt.date(2017, 9, 1)),
}
idx.search("ادلب")
print("ready", flush=True)
for line in sys.stdin:
    kind, payload = json.loads(line)
    if kind == "results":
        out = {}
        for q in payload:
            for name, f in FILTERS.items():
                for page, per in ((1, 20), (3, 20), (10**6, 20), (1, 3)):
                    p = idx.search(q, f, page=page, per_page=per)
                    out[f"{q}|{name}|{page}|{per}"] = [
                        p.total, p.page, [[r.article_id, r.title, list(r.zones), r.snippet,
                                           [list(m) for m in r.marks], repr(r.score)]
                                          for r in p.rows]]
        print(json.dumps(out), flush=True)
        continue
    timings = {}
    t0, c0 = time.perf_counter(), time.process_time()
    try:
        p = idx.search(payload, timings=timings)
    except TypeError:  # code from before search(timings=...)
        p = idx.search(payload)
    wall = (time.perf_counter() - t0) * 1000
    cpu = (time.process_time() - c0) * 1000 + timings.get("helper_cpu", 0.0)
    print(json.dumps([wall, cpu, p.total, [r.article_id for r in p.rows]]), flush=True)
'''

ODD = ["ادلب كازاخستان", "Eastern Ghouta درعا", "كلمةلاتوجد", "", "\"وقف إطلاق\"", "NEAR*:"]


def ask(proc: subprocess.Popen[str], kind: str, payload: Any) -> Any:
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(json.dumps([kind, payload]) + "\n")
    proc.stdin.flush()
    return json.loads(proc.stdout.readline())


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--old", required=True, help="checkout of the code before")
    ap.add_argument("--new", default=".", help="checkout of the code after")
    ap.add_argument("--folder", required=True, help="the articles folder of the index")
    ap.add_argument("--index", required=True, help="the index file (a copy)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--skip-results", action="store_true")
    args = ap.parse_args()
    sides = {"old": args.old, "new": args.new}
    procs = {k: subprocess.Popen([sys.executable, "-c", WORKER, str(Path(v).resolve()),
                                  args.folder, args.index], stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, text=True, encoding="utf-8")
             for k, v in sides.items()}
    for p in procs.values():
        assert p.stdout is not None and p.stdout.readline().strip() == "ready"
    ok = True
    if not args.skip_results:
        got = {k: ask(p, "results", QUERIES + ODD) for k, p in procs.items()}
        differ = [key for key in got["old"] if got["old"][key] != got["new"].get(key)]
        ok = not differ and got["old"].keys() == got["new"].keys()
        print(f"results: {len(got['old'])} searches compared, {len(differ)} differ")
        for key in differ[:5]:
            print("  differs:", key)
    res: dict[str, list[list[float]]] = {k: [] for k in sides}
    loads = [os.getloadavg()[0]]
    for r in range(args.rounds):
        for i, q in enumerate(QUERIES):
            answers = {}
            for k in (["old", "new"] if (i + r) % 2 == 0 else ["new", "old"]):
                answers[k] = ask(procs[k], "time", q)
                res[k].append(answers[k][:2])
            ok &= answers["old"][2:] == answers["new"][2:]
        loads.append(os.getloadavg()[0])
    for p in procs.values():
        assert p.stdin is not None
        p.stdin.close()
        p.wait()
    n = len(QUERIES) * args.rounds
    print(f"latency: {args.rounds} rounds x {len(QUERIES)} queries per side, alternated")
    for k, v in res.items():
        wall, cpu = [x[0] for x in v], [x[1] for x in v]
        print(f"  {k}: wall p50 {statistics.median(wall):6.1f}  p95 {pct(wall, 95):6.1f} | "
              f"CPU p50 {statistics.median(cpu):6.1f}  p95 {pct(cpu, 95):6.1f} ms ({n} queries)")
    print("  load average (1 min) before and after each round: "
          + " ".join(f"{x:.2f}" for x in loads))
    print("identical results" if ok else "RESULTS DIFFER")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
