"""Speed of the article linking pipeline over 2,000 synthetic articles, against a baseline.

The articles are made by recombining paragraphs of the seed articles and swapping in varied
place names, so the linker meets realistic text and realistic hit rates. Each measure is one
subprocess over the same files, timed from start to exit (start-up included), pinned to the
CPU this script runs on when the OS allows it:

* ``pipeline``: what the archive indexer runs per file, ``Linker.link(read_article(path,
  catalog)).to_json()`` (read, decode, furniture, normalise, zones, places, general
  references, dates, force candidates, JSON-ready dicts); the target applies to this one;
* ``cli``: the whole ``python -m geo link --json`` (the same plus one JSON text for all);
* ``links only``: the pipeline without geo.dates / geo.forces, to show where the time goes;
* ``baseline``: a process that only reads, decodes and normalises the same files;
* ``start-up``: the pipeline's process given no files (interpreter, imports, building the
  linker, loading the catalog), to tell the per-article cost from the fixed one: the
  pipeline's rate with start-up subtracted is printed too.

``--compare DIR`` also times the pipeline in another checkout (e.g. the code before a change,
``git worktree add DIR <commit>``), alternating with this one, for a speed-up measured in one
session. ``--runs N`` repeats everything (default 3).

``--corpus generated`` times the same on ``benchmarks/gen_corpus.py``'s articles (the corpus of
bench_index.py: longer, many more places, dates and force sentences), with their catalog.

Run by hand: ``python3 benchmarks/bench_link.py [N] [--runs 3] [--compare DIR] [--corpus C]``.
Target: 3,000 articles/s or more for the pipeline (CPU time, one core).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
PLACES = ["إدلب", "الغوطة الشرقية", "ريف حمص الشمالي", "درعا", "القنيطرة", "الرستن",
          "تلبيسة", "دوما", "حرستا", "سراقب", "خان شيخون", "حماة", "حلب", "جنوب سوريا",
          "مدينة حمص", "جسر الشغور", "معرة النعمان", "بصرى الشام", "جاسم", "نوى"]
SWAP = ["إدلب", "الغوطة الشرقية", "درعا", "حماة"]

BASELINE = """
import sys
from pathlib import Path
from geo.arabic import normalise
n = 0
for f in sys.argv[1:]:
    raw = Path(f).read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1256")
    n += len(normalise(text))
print(n)
"""


# The brief of the archive indexer: per file, read, link (dates and forces included) and
# to_json(). Files whose name is not in the catalog simply get no publication date.
PIPELINE = """
import sys
from geo.corpus import ArticleError, load_catalog, read_article
from geo.linker import Linker
lk = Linker.from_repo()
catalog = load_catalog()
n = 0
for f in sys.argv[1:]:
    try:
        n += len(lk.link(read_article(f, catalog)).to_json())
    except ArticleError:
        pass
print(n)
"""

# The same minus geo.dates / geo.forces, to attribute the time (not a replacement for the
# full figure, which is the one the target applies to).
LINK_ONLY = PIPELINE.replace("lk.link(read_article(f, catalog))",
                             "lk.link(read_article(f, catalog), with_extractors=False)")
assert LINK_ONLY != PIPELINE

def make_articles(out: Path, n: int, seed: int = 2017) -> list[Path]:
    rng = random.Random(seed)
    paragraphs: list[str] = []
    titles: list[str] = []
    for p in sorted(SEEDS.glob("*.txt")):
        lines = [ln for ln in p.read_text(encoding="utf-8").split("\n") if ln.strip()]
        titles.append(lines[0])
        paragraphs += [ln for ln in lines[1:] if len(ln.split()) > 8]
    files = []
    for k in range(n):
        body = rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(4, 9)))
        body = [_swap(par, rng) for par in body]
        text = rng.choice(titles) + "\n\n" + "\n\n".join(body) + "\n"
        f = out / f"{k:05d}.txt"
        f.write_text(text, encoding="utf-8")
        files.append(f)
    return files


def _swap(par: str, rng: random.Random) -> str:
    for name in SWAP:
        if name in par and rng.random() < 0.7:
            par = par.replace(name, rng.choice(PLACES), 1)
    return par


def generated_articles(out: Path, n: int, seed: int = 2017) -> list[Path]:
    """``n`` articles of ``benchmarks/gen_corpus.py`` (the corpus of bench_index.py) and their
    catalog.csv in ``out``."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import gen_corpus

    gen_corpus.write_corpus(n, out, seed)
    return sorted(out.glob("*.txt"))


def timed(cmd: list[str], cwd: Path = ROOT, env_extra: dict[str, str] | None = None
          ) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run; CPU time is steadier than wall time
    when the machine is shared with other jobs. Raises if the run fails."""
    env = dict(os.environ, PYTHONPATH=str(cwd), **(env_extra or {}))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    res = subprocess.run(cmd, cwd=cwd, capture_output=True, env=env)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if res.returncode not in (0, 1):  # the CLI exits 1 when a file cannot be read
        raise RuntimeError(f"{cmd[:3]} failed: {res.stderr.decode()[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", nargs="?", type=int, default=2000, help="number of articles")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--compare", type=Path, help="another checkout to time the pipeline in")
    ap.add_argument("--corpus", choices=("recombined", "generated"), default="recombined",
                    help="recombined seed paragraphs (default) or benchmarks/gen_corpus.py's "
                         "articles with their catalog (publication dates known)")
    args = ap.parse_args(argv)
    n = args.n
    py = sys.executable
    runs: dict[str, list[tuple[float, float]]] = {}
    env_extra: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as d:
        if args.corpus == "generated":
            files = [str(f) for f in generated_articles(Path(d), n)]
            env_extra["ATLAS_SEEDS_DIR"] = d  # load_catalog() reads the corpus's catalog
        else:
            files = [str(f) for f in make_articles(Path(d), n)]
        size = sum(Path(f).stat().st_size for f in files)
        measures = [("baseline", [py, "-c", BASELINE, *files], ROOT),
                    ("start-up", [py, "-c", PIPELINE], ROOT),
                    ("pipeline", [py, "-c", PIPELINE, *files], ROOT),
                    ("cli", [py, "-m", "geo", "link", "--json", *files], ROOT),
                    ("links only", [py, "-c", LINK_ONLY, *files], ROOT)]
        if args.compare:
            measures.insert(2, ("pipeline, --compare", [py, "-c", PIPELINE, *files],
                                args.compare.resolve()))
        for _ in range(args.runs):
            for name, cmd, cwd in measures:
                runs.setdefault(name, []).append(timed(cmd, cwd, env_extra))
    print(f"{n} {args.corpus} articles, {size / 1e6:.1f} MB, one process each, start-up included, "
          f"{args.runs} runs (load average {os.getloadavg()[0]:.1f} at the end)")
    cpu = {name: statistics.median(c for _, c in r) for name, r in runs.items()}
    for name, r in runs.items():
        walls = " / ".join(f"{w:.2f}" for w, _ in r)
        cpus = " / ".join(f"{c:.2f}" for _, c in r)
        if name == "start-up":  # (no articles: a fixed cost)
            print(f"  {name:20s} wall {walls} s | CPU {cpus} s (no articles linked)")
            continue
        print(f"  {name:20s} wall {walls} s | CPU {cpus} s = {n / cpu[name]:,.0f} articles/s "
              f"(median CPU), {cpu[name] / cpu['baseline']:.1f}x baseline")
    rate = n / cpu["pipeline"]
    print(f"pipeline: {rate:,.0f} articles/s of CPU; target >= 3,000: "
          f"{'met' if rate >= 3000 else 'NOT met'}")
    work = cpu["pipeline"] - cpu["start-up"]
    if work > 0:
        share = cpu["start-up"] / cpu["pipeline"]
        print(f"of which start-up {cpu['start-up']:.2f} s ({share:.0%}); per article without "
              f"it: {work / n * 1e3:.3f} ms = {n / work:,.0f} articles/s")
    if args.compare:
        old = cpu["pipeline, --compare"]
        print(f"ratio to the old code (--compare): {old / cpu['pipeline']:.2f}x faster "
              f"(median CPU {old:.2f} s -> {cpu['pipeline']:.2f} s; "
              f"{n / old:,.0f} -> {rate:,.0f} articles/s)")
    else:
        print("(the baseline uses today's geo.arabic.normalise, itself about 3x faster than "
              "before 2026-12-03; time the old code with --compare DIR for a speed-up)")
    return 0


if __name__ == "__main__":
    if hasattr(os, "sched_getaffinity") and len(os.sched_getaffinity(0)) > 1:
        print("note: not pinned to one core; run under `taskset -c 0` for the target figure")
    sys.exit(main(sys.argv[1:]))
