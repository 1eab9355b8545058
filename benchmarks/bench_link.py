"""Speed of ``python -m geo link --json`` over 2,000 synthetic articles, against a baseline.

The articles are made by recombining paragraphs of the seed articles and swapping in varied
place names, so the linker meets realistic text and realistic hit rates. Both runs are one
subprocess each over the same files, timed from start to exit (start-up included):

* ``link``: the whole CLI (read, decode, furniture, normalise, zones, places, general
  references, dates and forces when available, JSON output);
* ``baseline``: a process that only reads, decodes and normalises the same files.

Run by hand: ``python3 benchmarks/bench_link.py [N]``. Target: at least 1,000 articles/s.
"""

from __future__ import annotations

import random
import resource
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


# The same CLI work minus geo.dates / geo.forces, to attribute the time (not a replacement for
# the full CLI figure, which is the one the target applies to).
LINK_ONLY = """
import json, sys
from geo.corpus import ArticleError, read_article
from geo.linker import Linker
lk = Linker.from_repo()
out = []
for f in sys.argv[1:]:
    try:
        out.append(lk.link(read_article(f), with_extractors=False).to_json())
    except ArticleError as exc:
        out.append({"file": f, "error": exc.message})
sys.stdout.write(json.dumps(out, ensure_ascii=False))
"""


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


def timed(cmd: list[str]) -> tuple[float, float, subprocess.CompletedProcess[bytes]]:
    """Wall time and CPU time (user + system) of one run. CPU time is steadier than wall time
    when the machine is shared with other jobs; the target applies to wall time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    res = subprocess.run(cmd, cwd=ROOT, capture_output=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, res


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 2000
    with tempfile.TemporaryDirectory() as d:
        files = [str(f) for f in make_articles(Path(d), n)]
        size = sum(Path(f).stat().st_size for f in files)
        t_base, cpu_base, base = timed([sys.executable, "-c", BASELINE, *files])
        t_link, cpu_link, link = timed([sys.executable, "-m", "geo", "link", "--json", *files])
        t_only, cpu_only, only = timed([sys.executable, "-c", LINK_ONLY, *files])
    if base.returncode or link.returncode or only.returncode:
        print("a run failed:", base.stderr.decode()[-500:], link.stderr.decode()[-500:])
        return 1
    print(f"{n} articles, {size / 1e6:.1f} MB, one process each, start-up included")
    print(f"baseline (read + normalise): {t_base:.2f} s = {n / t_base:,.0f} articles/s")
    print(f"geo link --json:             {t_link:.2f} s = {n / t_link:,.0f} articles/s")
    print(f"ratio link/baseline time:    {t_link / t_base:.1f}x")
    print(f"zones/places/general only:   {t_only:.2f} s = {n / t_only:,.0f} articles/s "
          f"(ratio {t_only / t_base:.1f}x; the rest is geo.dates + geo.forces)")
    print(f"target >= 1,000 articles/s:  {'met' if n / t_link >= 1000 else 'NOT met'} (wall)")
    print(f"CPU time (user+sys): baseline {cpu_base:.2f} s, link {cpu_link:.2f} s = "
          f"{n / cpu_link:,.0f} articles/s (ratio {cpu_link / cpu_base:.1f}x), "
          f"zones/places/general only {cpu_only:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
