"""Would compiling the linker reach 3,000 articles/s per core? Measured, not guessed.

Copies ``geo/`` and ``seeds/`` into a temporary folder twice, compiles the modules of the
linking pipeline (``arabic``, ``corpus``, ``linker``, ``dates``, ``forces``,
``disambiguation``) in one copy with Cython as they are (no source change: Cython compiles
plain Python), and then, in one run, alternating:

* checks that both copies give byte-identical ``to_json()`` output on the same articles;
* times the pipeline of ``bench_link.py`` (read, link, ``to_json``) in each copy, CPU time of
  the linking loop only (start-up excluded), and prints the ratio.

Nothing is written into the repository. Needs ``Cython`` (``pip install Cython==3.3.1``, a
build tool, not a dependency of the atlas) and a C compiler with the Python headers; the
compile takes about two minutes on this machine.

Run by hand: ``python3 benchmarks/bench_compiled.py [--corpus DIR] [--n 2000] [--runs 3]``
(``--corpus``: a folder of ``.txt`` articles, e.g. one made by ``gen_corpus.py``; default:
2,000 articles generated here with ``gen_corpus.py``).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = ("arabic", "corpus", "linker", "dates", "forces", "disambiguation")

BUILD = """
from setuptools import setup
from Cython.Build import cythonize
mods = [f"geo/{{m}}.py" for m in {modules!r}]
setup(name="atlas-linker-compiled", packages=[], py_modules=[],
      ext_modules=cythonize(mods, compiler_directives={{"language_level": 3}}, quiet=True),
      script_args=["build_ext", "--inplace"])
"""

# Prints the CPU seconds of the linking loop and a digest of every output.
TIMED = """
import hashlib, json, sys, time
from pathlib import Path
import geo.linker
from geo.corpus import ArticleError, read_article
from geo.linker import Linker
lk = Linker.from_repo()
files = sorted(Path(sys.argv[1]).glob("*.txt"))[:int(sys.argv[2])]
h = hashlib.sha256()
t = time.process_time()
for f in files:
    try:
        h.update(json.dumps(lk.link(read_article(f)).to_json(), ensure_ascii=False).encode())
    except ArticleError as exc:
        h.update(str(exc).encode())
cpu = time.process_time() - t
print(cpu, h.hexdigest(), geo.linker.__file__.endswith(".so"))
"""


def _copy(dest: Path) -> None:
    shutil.copytree(ROOT / "geo", dest / "geo", ignore=shutil.ignore_patterns(
        "__pycache__", "*.so", "*.c"))
    shutil.copytree(ROOT / "seeds", dest / "seeds", ignore=shutil.ignore_patterns(".atlas"))


def _time(tree: Path, corpus: Path, n: int) -> tuple[float, str, bool]:
    out = subprocess.run([sys.executable, "-c", TIMED, str(corpus), str(n)], cwd=tree,
                         capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), out[1], out[2] == "True"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path)
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    try:
        import Cython  # noqa: F401
    except ImportError:
        print("needs Cython: pip install Cython==3.3.1 (a build tool, not an atlas dependency)")
        return 2
    with tempfile.TemporaryDirectory(prefix="atlas-compiled-") as tmp:
        work = Path(tmp)
        corpus = args.corpus
        if corpus is None:
            corpus = work / "corpus"
            subprocess.run([sys.executable, str(ROOT / "benchmarks" / "gen_corpus.py"),
                            str(args.n), str(corpus)], check=True, capture_output=True)
        plain, compiled = work / "plain", work / "compiled"
        _copy(plain)
        _copy(compiled)
        print("compiling with Cython (about two minutes) ...", flush=True)
        build = subprocess.run([sys.executable, "-c", BUILD.format(modules=MODULES)],
                               cwd=compiled, capture_output=True, text=True)
        if build.returncode:
            print("the build failed:\n" + build.stderr[-2000:])
            return 1
        rows = []
        for _ in range(args.runs):
            rows.append((_time(plain, corpus, args.n), _time(compiled, corpus, args.n)))
        (_, d_plain, so_plain), (_, d_comp, so_comp) = rows[0]
        assert not so_plain and so_comp, "the compiled copy did not load its extension modules"
        n = len(list(corpus.glob("*.txt"))[:args.n])
        for (cp, _, _), (cc, _, _) in rows:
            print(f"  plain {n / cp:,.0f} articles/s | compiled {n / cc:,.0f} articles/s "
                  f"| {cp / cc:.2f}x")
        best_p = min(r[0][0] for r in rows)
        best_c = min(r[1][0] for r in rows)
        same = "byte-identical" if d_plain == d_comp else "DIFFERENT"
        print(f"{n} articles, CPU of the linking loop, best of {args.runs}: plain "
              f"{n / best_p:,.0f}/s, compiled {n / best_c:,.0f}/s = {best_p / best_c:.2f}x; "
              f"output {same} (digest {d_plain[:12]})")
        return 0 if d_plain == d_comp else 1


if __name__ == "__main__":
    sys.exit(main())
