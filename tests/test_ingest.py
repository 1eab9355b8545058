"""geo.ingest: refusals, safe names, no overwrite, concurrency, atomic catalog update."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from geo.ingest import MAX_INGEST_BYTES, ingest_text
from geo.paths import ROOT, SEEDS_DIR

ARTICLE = "عنوان تجريبي\n\nوصلت قوات إلى إدلب في إطار مناطق خفض التصعيد.\n"


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    d = tmp_path / "seeds"
    d.mkdir()
    for p in sorted(SEEDS_DIR.glob("*.txt"))[:2]:
        shutil.copy(p, d / p.name)
    return d


def _listing(d: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() if p.is_file() else b"<dir>" for p in d.iterdir()}


def test_saves_with_content_derived_name(seeds: Path) -> None:
    r = ingest_text(ARTICLE.encode(), "whatever.txt", seeds)
    assert r.ok, r.message
    assert r.path is not None and r.path.parent == seeds
    assert r.path.name.startswith("002_") and len(r.path.stem) == 3 + 1 + 16
    assert r.path.read_text(encoding="utf-8") == ARTICLE


@pytest.mark.parametrize(
    ("data", "needle"),
    [(b"", "empty"), (b"   \n\t\n", "empty"), (bytes(range(256)) * 10, "binary"),
     (b"\x89PNG\r\n\x1a\n....", "PNG"), (b"\x81\x8d junk \xff only", "not UTF-8"),
     (b"x" * (MAX_INGEST_BYTES + 1), "limit")],
)
def test_refusals_leave_seeds_unchanged(seeds: Path, data: bytes, needle: str) -> None:
    before = _listing(seeds)
    r = ingest_text(data, "a.txt", seeds)
    assert not r.ok and needle in r.message
    assert _listing(seeds) == before


def test_cp1256_is_accepted_and_stored_as_utf8(seeds: Path) -> None:
    r = ingest_text(ARTICLE.encode("cp1256"), "a.txt", seeds)
    assert r.ok and r.encoding == "cp1256"
    assert any("Windows-1256" in w for w in r.warnings)
    assert r.path is not None and r.path.read_text(encoding="utf-8") == ARTICLE


def test_duplicates_are_refused_by_normalised_content(seeds: Path) -> None:
    existing = sorted(seeds.glob("*.txt"))[0]
    again = existing.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8-sig")
    r = ingest_text(again, "copy.txt", seeds)
    assert not r.ok and r.duplicate_of == existing.name
    assert existing.name in r.message
    assert ingest_text(ARTICLE.encode(), "a.txt", seeds).ok
    r2 = ingest_text(ARTICLE.replace("إدلب", "إدْلِب").encode(), "b.txt", seeds)
    assert not r2.ok and "duplicate" in r2.message


def _tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


@pytest.mark.parametrize("name", ["../../etc/x", "../etc/x.txt", "/etc/passwd", ".hidden",
                                  "..\\..\\win.txt", "sub/../../x.txt"])
def test_unsafe_names_are_ignored(tmp_path: Path, name: str) -> None:
    """An upload's name never decides where it is written: the seeds folder sits two levels
    down, so a ``../..`` escape would land inside ``tmp_path``, where every new file is seen
    (the folder checked before, ``seeds.parent / "etc"``, was not where ``../../etc`` goes)."""
    seeds = tmp_path / "a" / "b" / "seeds"
    seeds.mkdir(parents=True)
    before = _tree(tmp_path)
    r = ingest_text(ARTICLE.encode(), name, seeds)
    assert r.ok and r.path is not None and r.path.parent == seeds
    assert any("unsafe" in w for w in r.warnings)
    assert _tree(tmp_path) - before == {str(r.path.relative_to(tmp_path))}


@pytest.mark.parametrize("name", ["file.txt", "/some/path/file.txt", "C:/Users/me/file.txt",
                                  "some/path/file.txt"])
def test_ordinary_names_and_paths_draw_no_unsafe_warning(tmp_path: Path, name: str) -> None:
    """Issue 13: ``python -m geo ingest /some/path/file.txt`` warned that an ordinary path was
    an "unsafe name". The CLI names files by their path on disk (the operator's own), and
    uploads by a plain name."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    src = tmp_path / "some" / "path" / "file.txt"
    src.parent.mkdir(parents=True)
    src.write_text(ARTICLE, encoding="utf-8")
    res = _cli(seeds, tmp_path, str(src))
    assert res.returncode == 0 and "added 1," in res.stdout, res.stderr
    assert "unsafe" not in res.stdout + res.stderr
    if "/" not in name:
        assert not [w for w in ingest_text(ARTICLE.replace("إدلب", "حمص").encode(), name,
                                           seeds).warnings if "unsafe" in w]


def test_title_only_is_accepted_with_warning(seeds: Path) -> None:
    r = ingest_text("عنوان وحيد\n".encode(), "t.txt", seeds)
    assert r.ok and any("title only" in w for w in r.warnings)


def test_concurrent_threads_never_clobber(seeds: Path) -> None:
    texts = [f"عنوان {k}\n\nنص رقم {k} عن الغوطة الشرقية.\n" for k in range(8)]
    results = []
    barrier = threading.Barrier(len(texts))

    def work(t: str) -> None:
        barrier.wait()
        results.append(ingest_text(t.encode(), "x.txt", seeds))

    threads = [threading.Thread(target=work, args=(t,)) for t in texts]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert all(r.ok for r in results), [r.message for r in results]
    saved = {r.path.read_text(encoding="utf-8") for r in results if r.path}
    assert saved == set(texts)
    assert len({r.path for r in results}) == len(texts)


def test_concurrent_processes_same_content_only_one_wins(seeds: Path, tmp_path: Path) -> None:
    src = tmp_path / "same.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    code = ("import sys; from geo.ingest import ingest_text; "
            "r = ingest_text(open(sys.argv[1], 'rb').read(), 'same.txt', sys.argv[2]); "
            "print(r.ok)")
    procs = [subprocess.Popen([sys.executable, "-c", code, str(src), str(seeds)], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True) for _ in range(4)]
    outs = [p.communicate(timeout=60)[0].strip() for p in procs]
    assert sorted(outs) == ["False", "False", "False", "True"]
    assert len(list(seeds.glob("*.txt"))) == 3
    assert not list(seeds.glob(".ingest-*"))  # no temp files left behind


def test_catalog_row_is_appended(seeds: Path) -> None:
    r = ingest_text(ARTICLE.encode(), "a.txt", seeds,
                    meta={"outlet_en": "Test", "url": "", "published": "2017-05-04",
                          "colour": "red"})
    assert r.ok
    rows = list(csv.DictReader((seeds / "catalog.csv").open(encoding="utf-8")))
    assert rows[-1]["article_id"] == r.article_id and rows[-1]["outlet_en"] == "Test"
    assert any("colour" in w for w in r.warnings)


def test_failed_catalog_write_leaves_seeds_unchanged(seeds: Path) -> None:
    (seeds / "catalog.csv").mkdir()  # cannot be read or replaced as a file
    before = _listing(seeds)
    r = ingest_text(ARTICLE.encode(), "a.txt", seeds, meta={"outlet_en": "X"})
    assert not r.ok and "nothing was saved" in r.message
    assert _listing(seeds) == before


def _cli(seeds: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real command line, with every folder it could write to outside the repository: the
    articles (``--seeds``), ``ATLAS_SEEDS_DIR`` and the index (``ATLAS_INDEX_DIR``)."""
    env = dict(os.environ, ATLAS_SEEDS_DIR=str(seeds), ATLAS_INDEX_DIR=str(tmp_path / "index"),
               ATLAS_MODE="open")
    return subprocess.run([sys.executable, "-m", "geo", "ingest", "--seeds", str(seeds), *args],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


def _repo_state() -> dict[str, tuple[int, int]]:
    """Every file of the repository's own seeds folder (hidden ones too), with size and time."""
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in SEEDS_DIR.iterdir()}


def test_cli(tmp_path: Path, seeds: Path) -> None:
    repo_before = _repo_state()

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return _cli(seeds, tmp_path, *args)

    before = _listing(seeds)
    empty = tmp_path / "e.txt"
    empty.write_bytes(b"")
    res = cli(str(empty))
    assert res.returncode == 1 and "empty" in res.stderr and "Traceback" not in res.stderr
    assert cli(str(tmp_path / "missing.txt")).returncode == 1
    assert _listing(seeds) == before
    dup = sorted(seeds.glob("*.txt"))[0]
    res = cli(str(dup))
    # Already a seed: nothing written, and not a failure (a re-run of an import is all
    # duplicates and must succeed).
    assert res.returncode == 0 and dup.name in res.stdout and "duplicates 1" in res.stdout
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    res = cli(str(good))
    assert res.returncode == 0 and "added 1," in res.stdout
    assert len(list(seeds.glob("*.txt"))) == 3
    assert _repo_state() == repo_before, "the command line wrote into the repository's seeds/"
