"""The archive index: everything derived from the articles, in one SQLite file beside them.

The article files and ``catalog.csv`` stay the source of truth; the index is derived data that can
always be rebuilt. It lives in a hidden folder inside the articles folder,
``.atlas/index.sqlite`` (git ignores it; ``ATLAS_INDEX_DIR`` puts it elsewhere), in WAL mode so the
app reads while an import writes. (Not in the articles folder itself: SQLite's ``-wal``/``-shm``
files and the writer's lock come and go beside the database, and each would change the folder's
modification time, which ``needs_update()`` reads as "articles added or removed".)

* ``ArticleIndex.update()`` brings it up to date incrementally: a file whose size and mtime are
  unchanged is not read; a changed file is re-hashed and linked again only if its text changed;
  a changed catalog row relinks that article; removed files leave the index. A different linker
  (its code or the zone and place data it reads: ``linker_version()``) or index schema relinks
  everything. A missing, truncated or corrupt index is rebuilt, with one line saying why.
* ``needs_update()`` is the cheap check the app makes on every run: the folder's and the
  catalog's modification times and the linker version, against what the last update saw. (Adding
  or removing a file changes the folder's time; an article edited in place is picked up by
  ``python -m geo index``.)
* Writers take an exclusive lock (``<index>.lock``), so two imports and a running app never
  interleave their writes; readers see only committed transactions (WAL).

Queries (counts per zone, paged article lists with filters, full-text search, one article's
record, a zone's evidence and places) read indexed tables only: the corpus is never loaded whole.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geo import ZONE_IDS
from geo.corpus import ArticleError, CatalogRow, catalog_from_text, load_catalog
from geo.problems import Problem
from geo.records import (
    ARTICLE_COLUMNS,
    RECORD_FIELDS,
    STRENGTH_RANK,
    UNDATED_SORT_KEY,
    ArticleRecord,
    IndexRow,
    decompress_text,
    make_index_row,
    search_text,
)
from geo.records import catalog_hash as _catalog_hash

INDEX_DIRNAME = ".atlas"
INDEX_FILENAME = "index.sqlite"
SCHEMA_VERSION = "3"  # 3: no stored search text (made again from the text to delete it)
BATCH_SIZE = 1000  # articles per write transaction: readers see whole articles, never parts
Progress = Callable[[int, int], None]  # (done, total)

# The files whose content decides what the linker finds: a change to any of them makes every
# stored link stale.
_LINKER_SOURCES = ("__init__.py", "arabic.py", "corpus.py", "linker.py", "dates.py", "forces.py",
                   "records.py", "disambiguation.py", "pointinzone.py")


class IndexError_(Exception):
    """The index cannot be used or rebuilt; ``str(err)`` is one readable sentence."""


def _linker_inputs() -> list[Path]:
    from geo.linker import VARIANTS_PATH
    from geo.paths import GEO_DIR, PLACES_PATH, ZONES_PATH

    return [*(GEO_DIR / name for name in _LINKER_SOURCES), ZONES_PATH, PLACES_PATH,
            VARIANTS_PATH]


_VERSION_CACHE: dict[tuple[Any, ...], str] = {}


def linker_version() -> str:
    """A digest of the linker's code and data files: equal digests link articles alike."""
    inputs = _linker_inputs()
    key = tuple((str(p), *_stat_sig(p)) for p in inputs)
    hit = _VERSION_CACHE.get(key)
    if hit is None:
        h = hashlib.sha256(SCHEMA_VERSION.encode())
        for p in inputs:
            h.update(p.name.encode())
            with contextlib.suppress(OSError):
                h.update(p.read_bytes())
        hit = _VERSION_CACHE[key] = h.hexdigest()[:20]
    return hit


def _stat_sig(p: Path) -> tuple[int, int]:
    try:
        st = p.stat()
    except OSError:
        return (-1, -1)
    return (st.st_mtime_ns, st.st_size)


def default_index_path(seeds_dir: Path) -> Path:
    """``<articles folder>/.atlas/index.sqlite``; with ``ATLAS_INDEX_DIR`` set, a file in that
    folder named after the articles folder (for a read-only archive, or tests)."""
    env = os.environ.get("ATLAS_INDEX_DIR")
    if not env:
        return seeds_dir / INDEX_DIRNAME / INDEX_FILENAME
    tag = hashlib.sha256(str(seeds_dir.resolve()).encode()).hexdigest()[:12]
    return Path(env) / f"atlas-index-{tag}.sqlite"


_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    rid INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL UNIQUE,
    file TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    catalog_hash TEXT NOT NULL,
    outlet_en TEXT NOT NULL,
    outlet_ar TEXT NOT NULL,
    url TEXT NOT NULL,
    published TEXT NOT NULL,
    sort_key TEXT NOT NULL,
    date_method TEXT NOT NULL,
    date_confidence REAL,
    date_evidence TEXT NOT NULL,
    added TEXT NOT NULL,
    title TEXT NOT NULL,
    encoding TEXT NOT NULL,
    zones TEXT NOT NULL,          -- zone ids linked at medium or strong, space separated
    text_z BLOB NOT NULL,         -- the article text, zlib-compressed
    article_json TEXT NOT NULL,
    links_z BLOB NOT NULL,        -- the linker's findings (ArticleLinks JSON), compressed
    linker_version TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_order ON articles (sort_key, article_id);
CREATE INDEX IF NOT EXISTS articles_outlet ON articles (outlet_en, sort_key);
-- Covering: duplicate checks at import read this index, not the articles' wide rows (it
-- replaces the plain hash index of earlier indexes, so they need no rebuild).
DROP INDEX IF EXISTS articles_hash;
CREATE INDEX IF NOT EXISTS articles_hash_file ON articles (content_hash, file);
CREATE INDEX IF NOT EXISTS articles_file ON articles (file);
CREATE INDEX IF NOT EXISTS articles_published ON articles (published);
CREATE TABLE IF NOT EXISTS zone_links (
    zone_id TEXT NOT NULL,
    rid INTEGER NOT NULL,
    strength INTEGER NOT NULL,    -- 0 weak, 1 medium, 2 strong
    kinds TEXT NOT NULL,          -- mention kinds, space separated
    mentions INTEGER NOT NULL,
    sort_key TEXT NOT NULL,
    PRIMARY KEY (zone_id, rid)
) WITHOUT ROWID;
-- An article's links by strength: deletes by row id, and the strength filter with no zone
-- picked ("linked to some zone at least this strongly"), read from the index alone. It
-- replaces the plain row-id index (``_NEWEST_INDEX``: an older index gains it at its next
-- update, which ``needs_update`` asks for).
DROP INDEX IF EXISTS zone_links_rid;
CREATE INDEX IF NOT EXISTS zone_links_rid_strength ON zone_links (rid, strength);
CREATE INDEX IF NOT EXISTS zone_links_order ON zone_links (zone_id, strength, sort_key);
CREATE TABLE IF NOT EXISTS places (
    rid INTEGER NOT NULL,
    geonameid TEXT NOT NULL,
    zone_id TEXT,
    name_en TEXT NOT NULL,
    name_ar TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS places_rid ON places (rid);
CREATE INDEX IF NOT EXISTS places_zone ON places (zone_id, geonameid, rid);
CREATE TABLE IF NOT EXISTS problems (
    file TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    message TEXT NOT NULL
);
-- Contentless: snippets are cut from the original text, so FTS keeps only its index.
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5 (title, body, content = '',
                                                   tokenize = 'unicode61');
"""
_NEWEST_INDEX = "zone_links_rid_strength"  # the last index added to _SCHEMA
_TABLES = ("meta", "articles", "zone_links", "places", "problems", "fts")
# Tables of earlier schema versions, dropped when an index is rebuilt.
_OLD_TABLES = ("evidence", "dates", "forces")


@dataclass
class UpdateSummary:
    """What one update did. ``rebuilt`` says why everything was relinked ("" when it was not)."""

    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    rebuilt: str = ""
    seconds: float = 0.0
    total: int = 0

    @property
    def linked(self) -> int:
        return self.added + self.changed

    def line(self) -> str:
        parts = [f"{self.total:,} articles in the index", f"{self.added:,} added",
                 f"{self.changed:,} relinked", f"{self.removed:,} removed",
                 f"{self.unchanged:,} unchanged"]
        if self.problems:
            parts.append(f"{len(self.problems):,} file(s) could not be read")
        return "; ".join(parts) + f" ({self.seconds:.1f} s)"


@dataclass(frozen=True)
class ArticleFilters:
    """What the article list is narrowed to. Empty fields do not filter."""

    zones: tuple[str, ...] = ()
    # The weakest link counted: to one of ``zones``, or with no zone picked to any zone
    # ("medium": linked to some zone at medium or strong). "weak" with no zone: no filter.
    min_strength: str = "weak"
    outlets: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None


@dataclass(frozen=True)
class DatedCounts:
    """Articles linked to each zone by strength, as a running count over publication days
    (``ArticleIndex.dated_zone_counts``); undated articles are not in it."""

    runs: dict[tuple[str, str], tuple[tuple[str, ...], tuple[int, ...]]]

    def on(self, day: dt.date) -> dict[str, dict[str, int]]:
        """``zone_counts(day)``: the articles published on or before ``day``."""
        from bisect import bisect_right

        key = day.isoformat()
        out = {z: {"strong": 0, "medium": 0, "weak": 0} for z in ZONE_IDS}
        for (zone, strength), (days, totals) in self.runs.items():
            k = bisect_right(days, key)
            out[zone][strength] = totals[k - 1] if k else 0
        return out


@dataclass(frozen=True)
class ArticleRow:
    """One line of an article list or of search results."""

    article_id: str
    title: str
    outlet_en: str
    outlet_ar: str
    published: str
    zones: tuple[str, ...]
    snippet: str = ""
    marks: tuple[tuple[int, int], ...] = ()  # highlighted spans of ``snippet``
    score: float = 0.0


@dataclass(frozen=True)
class Page:
    rows: list[ArticleRow]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


@dataclass(frozen=True)
class Evidence:
    """One article's evidence for a zone: its strongest link and the sentences that carry it."""

    record: ArticleRecord
    strength: str
    mentions: list[dict[str, Any]]


class ArticleIndex:
    """The index of one articles folder. Cheap to create; opens connections per thread."""

    def __init__(self, seeds_dir: Path | str, path: Path | str | None = None):
        self.seeds_dir = Path(seeds_dir)
        self.path = Path(path) if path is not None else default_index_path(self.seeds_dir)
        self._local = threading.local()
        self.notes: list[str] = []  # one line per rebuild of a damaged or outdated index

    # ------------------------------------------------------------------ connections

    def _open(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None,
                               check_same_thread=True)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=OFF")
        return conn

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None or getattr(self._local, "inode", None) != _inode(self.path):
            if conn is not None:
                conn.close()
            if not self.path.exists():
                self.ensure()
            conn = self._open()
            self._local.conn = conn
            self._local.inode = _inode(self.path)
        return conn

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    @contextlib.contextmanager
    def _writer(self) -> Iterator[sqlite3.Connection]:
        """The exclusive writer: a lock file beside the index, held for the whole update."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lock_path = self.path.with_name(self.path.name + ".lock")
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            conn = self._healthy_connection()
            try:
                yield conn
            finally:
                conn.close()
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def _healthy_connection(self) -> sqlite3.Connection:
        """A writer's connection to a usable index, rebuilding a damaged file from scratch."""
        reason = self._damage()
        if reason:
            self.notes.append(f"The article index {self.path.name} was {reason}; it is being "
                              "rebuilt from the article files.")
            self.close()
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(str(self.path) + suffix)
        conn = self._open()
        conn.executescript(_SCHEMA)
        return conn

    def _damage(self) -> str:
        """Why the index file cannot be used ("" when it can, or does not exist yet)."""
        if not self.path.exists():
            return ""
        try:
            size = self.path.stat().st_size
            if size == 0:
                return "empty"
            with open(self.path, "rb") as fh:
                head = fh.read(100)
            if not head.startswith(b"SQLite format 3\x00"):
                return "not an SQLite file (damaged or overwritten)"
            page_size = int.from_bytes(head[16:18], "big") or 65536
            pages = int.from_bytes(head[28:32], "big")
            if pages and size < pages * page_size:
                return f"truncated ({size:,} of {pages * page_size:,} bytes)"
            conn = sqlite3.connect(self.path, timeout=30)
            try:
                tables = {r[0] for r in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type IN ('table')")}
                if tables and not set(_TABLES) <= tables:
                    return "written by another version (tables differ)"
                if tables:
                    conn.execute("SELECT count(*) FROM articles").fetchone()
                    conn.execute("SELECT count(*) FROM zone_links").fetchone()
            finally:
                conn.close()
        except sqlite3.DatabaseError as exc:
            return f"damaged ({exc})"
        except OSError as exc:
            return f"unreadable ({exc.strerror or exc})"
        return ""

    def ensure(self) -> None:
        """Create an empty index with the schema (under the writer lock)."""
        with self._writer():
            pass

    # ------------------------------------------------------------------ state

    def _meta(self, conn: sqlite3.Connection) -> dict[str, str]:
        return dict(conn.execute("SELECT key, value FROM meta").fetchall())

    def meta(self) -> dict[str, str]:
        try:
            return self._meta(self._conn())
        except sqlite3.DatabaseError:
            return {}

    def generation(self) -> int:
        """A number that changes with every committed update (a cache key for views)."""
        return int(self.meta().get("generation", "0"))

    def _folder_sig(self) -> str:
        return json.dumps([_stat_sig(self.seeds_dir), _stat_sig(self.seeds_dir / "catalog.csv")])

    def needs_update(self) -> bool:
        """True when the folder, the catalog or the linker changed since the last update, or the
        index is missing, damaged or from another version. Two stats and one small query."""
        if not self.path.exists():
            return True
        try:
            meta = self._meta(self._conn())
        except sqlite3.DatabaseError:
            return True
        return (meta.get("schema_version") != SCHEMA_VERSION
                or meta.get("linker_version") != linker_version()
                or meta.get("folder_sig") != self._folder_sig()
                or not self._has_index(_NEWEST_INDEX))

    def _has_index(self, name: str) -> bool:
        try:
            return self._conn().execute("SELECT 1 FROM sqlite_master WHERE type='index' AND "
                                        "name=?", (name,)).fetchone() is not None
        except sqlite3.DatabaseError:
            return False

    # ------------------------------------------------------------------ updating

    def update(self, progress: Progress | None = None, engine: str = "local",
               scheduler: str | None = None, workers: int = 2) -> UpdateSummary:
        """Bring the index up to date with the folder (see the module docstring).

        ``engine="dask"`` links the articles to (re)link on a Dask cluster (``scheduler``: its
        address; None starts a local cluster of ``workers`` processes) through Parquet shards."""
        t0 = time.perf_counter()
        summary = UpdateSummary()
        if not self.seeds_dir.is_dir():
            raise IndexError_(f"articles folder {self.seeds_dir} does not exist")
        with self._writer() as conn:
            if self.notes:
                summary.rebuilt = self.notes[-1]
            version = linker_version()
            meta = self._meta(conn)
            if meta.get("schema_version") not in (None, SCHEMA_VERSION):
                summary.rebuilt = "the index was written by another version of the atlas"
                _reset(conn)
            elif meta and meta.get("linker_version") not in (None, version):
                summary.rebuilt = "the linker or its zone and place data changed"
                _reset(conn)
            folder_sig = self._folder_sig()  # taken before the scan: later changes show next time
            on_disk = _scan(self.seeds_dir)
            stored = {r[0]: r[1:] for r in conn.execute(
                "SELECT file, rid, size, mtime_ns, content_hash, catalog_hash, article_id "
                "FROM articles")}
            known_problems = {r[0]: (r[1], r[2]) for r in conn.execute(
                "SELECT file, size, mtime_ns FROM problems")}
            catalog_changed = meta.get("catalog_sig") != json.dumps(
                _stat_sig(self.seeds_dir / "catalog.csv"))
            catalog: dict[str, CatalogRow] | None = None

            def get_catalog() -> dict[str, CatalogRow]:
                nonlocal catalog
                if catalog is None:
                    catalog = _read_catalog(self.seeds_dir, summary)
                return catalog

            todo: list[str] = []
            touched: list[str] = []  # stat changed: relinked only if the text or catalog did
            for name, (size, mtime) in on_disk.items():
                old = stored.get(name)
                if old is None:
                    if known_problems.get(name) == (size, mtime):
                        continue  # still the same unreadable file
                    todo.append(name)
                elif (old[1], old[2]) != (size, mtime):
                    touched.append(name)
                elif catalog_changed:
                    if _catalog_hash(get_catalog().get(old[5])) != old[4]:
                        todo.append(name)
                    else:
                        summary.unchanged += 1
                else:
                    summary.unchanged += 1
            restat = []
            for name in touched:
                old = stored[name]
                same = _same_text(self.seeds_dir / name, old[3]) and (
                    not catalog_changed
                    or _catalog_hash(get_catalog().get(old[5])) == old[4])
                if same:
                    restat.append((*on_disk[name], old[0]))
                    summary.unchanged += 1
                else:
                    todo.append(name)
            gone = [name for name in stored if name not in on_disk]
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany("UPDATE articles SET size=?, mtime_ns=? WHERE rid=?", restat)
            for name in gone:
                _delete(conn, stored[name][0])
            conn.executemany("DELETE FROM problems WHERE file=?",
                             [(name,) for name in known_problems if name not in on_disk])
            conn.execute("COMMIT")
            summary.removed = len(gone)
            if todo:
                records = self._link(todo, get_catalog(), version, engine, scheduler, workers,
                                     progress, summary)
                self._store(conn, records, stored, summary)
            conn.execute("BEGIN IMMEDIATE")
            generation = int(self._meta(conn).get("generation", "0")) + 1
            conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", [
                ("schema_version", SCHEMA_VERSION), ("linker_version", version),
                ("folder_sig", folder_sig),
                ("catalog_sig", json.dumps(_stat_sig(self.seeds_dir / "catalog.csv"))),
                ("generation", str(generation)),
                ("updated", dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))])
            conn.execute("COMMIT")
            summary.total = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            summary.problems = [Problem(f, "", m, "fix or remove the file") for f, m in
                                conn.execute("SELECT file, message FROM problems ORDER BY file")]
        summary.seconds = time.perf_counter() - t0
        return summary

    def _link(self, names: list[str], catalog: dict[str, CatalogRow], version: str,
              engine: str, scheduler: str | None, workers: int, progress: Progress | None,
              summary: UpdateSummary) -> Iterator[IndexRow | ProblemRow]:
        if engine == "dask":
            from geo.batch import link_with_dask

            return link_with_dask(self.seeds_dir, names, catalog, version, scheduler=scheduler,
                                  workers=workers, progress=progress)
        if engine != "local":
            raise IndexError_(f"unknown engine {engine!r} (use local or dask)")
        return link_files(self.seeds_dir, names, catalog, version, progress)

    def _store(self, conn: sqlite3.Connection, items: Iterable[IndexRow | ProblemRow],
               stored: dict[str, tuple[Any, ...]], summary: UpdateSummary) -> None:
        """Write the items in transactions of ``BATCH_SIZE`` articles."""
        batch: list[IndexRow | ProblemRow] = []
        for item in items:
            batch.append(item)
            if len(batch) >= BATCH_SIZE:
                _write_batch(conn, batch, stored, summary)
                batch = []
        if batch:
            _write_batch(conn, batch, stored, summary)

    def add_files(self, names: Sequence[str]) -> UpdateSummary:
        """Link just these files of the folder (e.g. the ones an import has just written)
        without scanning the rest: adding one article to a large index stays fast."""
        t0 = time.perf_counter()
        summary = UpdateSummary()
        with self._writer() as conn:
            version = linker_version()
            meta = self._meta(conn)
            if meta.get("linker_version") != version or meta.get(
                    "schema_version") != SCHEMA_VERSION:
                # Stale as a whole: a targeted add would mix linker versions. The caller's
                # next check runs the full update.
                summary.rebuilt = "needs a full update"
                summary.seconds = time.perf_counter() - t0
                return summary
            stored = {}
            for name in names:
                row = conn.execute("SELECT file, rid, size, mtime_ns, content_hash, "
                                   "catalog_hash, article_id FROM articles WHERE file=?",
                                   (name,)).fetchone()
                if row:
                    stored[row[0]] = row[1:]
            folder_sig = self._folder_sig()
            catalog = _catalog_rows_for(self.seeds_dir, [Path(n).stem for n in names])
            rows = link_files(self.seeds_dir, list(names), catalog, version)
            self._store(conn, rows, stored, summary)
            conn.execute("BEGIN IMMEDIATE")
            generation = int(self._meta(conn).get("generation", "0")) + 1
            # The folder changed only by these files (the caller wrote them), so the index now
            # matches it: the app's next cheap check does not rescan a large archive.
            conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", [
                ("generation", str(generation)), ("folder_sig", folder_sig),
                ("catalog_sig", json.dumps(_stat_sig(self.seeds_dir / "catalog.csv")))])
            conn.execute("COMMIT")
            summary.total = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        summary.seconds = time.perf_counter() - t0
        return summary

    # ------------------------------------------------------------------ reading

    def count(self) -> int:
        return self._conn().execute("SELECT count(*) FROM articles").fetchone()[0]

    def problems(self) -> list[Problem]:
        return [Problem(f, "", m, "fix or remove the file") for f, m in self._conn().execute(
            "SELECT file, message FROM problems ORDER BY file")]

    def content_hashes(self) -> dict[str, str]:
        """Content hash → file name, for duplicate checks at import without reading files."""
        return dict(self._conn().execute("SELECT content_hash, file FROM articles"))

    def known_hashes(self) -> dict[str, str] | None:
        """``content_hashes()`` when an index exists (None otherwise). An importer trusts them
        only for files still in the folder and reads every file the index does not know, so a
        stale index costs time, never a missed duplicate."""
        if not self.path.exists():
            return None
        try:
            return self.content_hashes()
        except sqlite3.DatabaseError:
            return None

    def zone_counts(self, published_by: dt.date | None = None) -> dict[str, dict[str, int]]:
        """Zone id → {"strong": n, "medium": n, "weak": n}: articles by their link's strength.

        With ``published_by``, only articles published on or before that day: an article with
        no known publication date is then not counted (``undated_linked`` says how many).
        One range of the (zone, strength, date) index per zone and strength: a millisecond or
        so each at 100,000 articles, whatever the day."""
        out = {z: {"strong": 0, "medium": 0, "weak": 0} for z in ZONE_IDS}
        names = {v: k for k, v in STRENGTH_RANK.items()}
        conn = self._conn()
        if published_by is None:
            for zone, strength, n in conn.execute(
                    "SELECT zone_id, strength, count(*) FROM zone_links "
                    "GROUP BY zone_id, strength"):
                if zone in out:
                    out[zone][names[strength]] = n
            return out
        # An undated article's sort key is UNDATED_SORT_KEY, after every real day.
        for zone in out:
            for strength, name in names.items():
                out[zone][name] = conn.execute(
                    "SELECT count(*) FROM zone_links WHERE zone_id=? AND strength=? "
                    "AND sort_key <= ? AND sort_key != ?",
                    (zone, strength, published_by.isoformat(), UNDATED_SORT_KEY)).fetchone()[0]
        return out

    def dated_zone_counts(self) -> DatedCounts:
        """``zone_counts(day)`` for every day at once: per zone and strength, the days with
        articles and the running count. One walk of the (zone, strength, date) index (tens of
        milliseconds at 100,000 articles); a view keeps it per index generation and then
        answers any day with a few bisections."""
        runs: dict[tuple[str, str], tuple[list[str], list[int]]] = {}
        names = {v: k for k, v in STRENGTH_RANK.items()}
        for zone, strength, day, n in self._conn().execute(
                "SELECT zone_id, strength, sort_key, count(*) FROM zone_links "
                "WHERE sort_key != ? GROUP BY zone_id, strength, sort_key "
                "ORDER BY zone_id, strength, sort_key", (UNDATED_SORT_KEY,)):
            if zone not in ZONE_IDS or strength not in names:
                continue
            days, totals = runs.setdefault((zone, names[strength]), ([], []))
            days.append(day)
            totals.append((totals[-1] if totals else 0) + n)
        return DatedCounts({k: (tuple(d), tuple(t)) for k, (d, t) in runs.items()})

    def undated_linked(self) -> int:
        """Articles with no known publication date that link to some zone at medium or strong
        (the ones a count "published on or before the day" leaves out)."""
        return self._conn().execute(
            "SELECT count(*) FROM articles WHERE published = '' AND zones != ''").fetchone()[0]

    def outlets(self) -> list[tuple[str, str, int]]:
        """(outlet_en, outlet_ar, articles) for every outlet, most articles first."""
        return [(en, ar, n) for en, ar, n in self._conn().execute(
            "SELECT outlet_en, max(outlet_ar), count(*) FROM articles GROUP BY outlet_en "
            "ORDER BY count(*) DESC, outlet_en")]

    def date_range(self) -> tuple[dt.date | None, dt.date | None]:
        lo, hi = self._conn().execute(
            "SELECT min(published), max(published) FROM articles WHERE published != ''"
        ).fetchone()
        return (dt.date.fromisoformat(lo) if lo else None,
                dt.date.fromisoformat(hi) if hi else None)

    def record(self, article_id: str) -> ArticleRecord | None:
        """The article's whole record (its search text included)."""
        row = self._conn().execute(
            f"SELECT {_RECORD_COLUMNS} FROM articles WHERE article_id=?",
            (article_id,)).fetchone()
        return _record(row) if row else None

    def article_ids(self, limit: int = 50) -> list[str]:
        return [r[0] for r in self._conn().execute(
            "SELECT article_id FROM articles ORDER BY sort_key, article_id LIMIT ?", (limit,))]

    def list_articles(self, filters: ArticleFilters = ArticleFilters(), page: int = 1,
                      per_page: int = 20) -> Page:
        where, args = _where(filters)
        conn = self._conn()
        total = conn.execute(f"SELECT count(*) FROM articles a WHERE {where}", args).fetchone()[0]
        page = _clamp_page(page, total, per_page)
        rows = conn.execute(
            f"SELECT a.article_id, a.title, a.outlet_en, a.outlet_ar, a.published, a.zones "
            f"FROM articles a WHERE {where} ORDER BY a.sort_key, a.article_id "
            f"LIMIT ? OFFSET ?", [*args, per_page, (page - 1) * per_page]).fetchall()
        return Page([ArticleRow(r[0], r[1], r[2], r[3], r[4], tuple(r[5].split()))
                     for r in rows], total, page, per_page)

    def search(self, query: str, filters: ArticleFilters = ArticleFilters(), page: int = 1,
               per_page: int = 20, timings: dict[str, float] | None = None) -> Page:
        """Ranked full-text search (bm25, title weighted over body) with a snippet per hit.

        ``timings``, when given, receives the wall time of each stage in milliseconds
        (``parse``, ``known_words``, ``rank``, ``count``, ``fetch``, ``snippets``, ``total``;
        ``count`` runs beside ``rank``, so the stages overlap)."""
        from geo.search import parse_query, snippet

        clock = _Stages(timings)
        q = parse_query(query)
        clock.lap("parse")
        conn = self._conn()
        expression = q.expression_with(self._known_words(conn, q.words())) if q.groups else ""
        clock.lap("known_words")
        if not expression:
            clock.done()
            return Page([], 0, 1, per_page)
        where, args = _match_filters(filters)
        cond, cond_args = f"fts MATCH ?{where}", [expression, *args]
        ranked, total, page = self._ranked("fts", cond, cond_args, page, per_page, clock)
        clock.lap("rank")
        rows = {r[0]: r[1:] for r in conn.execute(
            "SELECT rid, article_id, title, outlet_en, outlet_ar, published, zones, text_z, "
            f"article_json FROM articles WHERE rid IN ({','.join('?' * len(ranked))})",
            [rid for rid, _ in ranked])}
        clock.lap("fetch")
        out = []
        for rid, score in ranked:
            r = rows[rid]
            spans = json.loads(r[7])["body_spans"]
            snip, marks = snippet(decompress_text(r[6]), spans, q)
            out.append(ArticleRow(r[0], r[1], r[2], r[3], r[4], tuple(r[5].split()), snip,
                                  marks, float(score)))
        clock.lap("snippets")
        clock.done()
        return Page(out, total, page, per_page)

    def _ranked(self, source: str, cond: str, args: list[Any], page: int, per_page: int,
                clock: _Stages) -> tuple[list[tuple[int, float]], int, int]:
        """(rowid, bm25) of one page of matches, best first (ties by rowid); the number of
        matches; and the page, clamped to the last one.

        bm25 is computed row by row, so a word found in most of a large archive costs tens of
        milliseconds: it is nearly all the time of a search (``search(timings=...)``).
        The number of matches (``count(*)``, no bm25) is counted on another connection while
        the page is ranked, instead of before it. In an archive of ``SPLIT_RANK_FROM``
        articles or more the rowid range is also cut in two, ranked in parallel (the first
        part by this thread, the second by the helper process, ``_RankHelper``, or a thread
        when it is busy) and merged: the same page, because FTS5 takes bm25's row count and
        document frequencies from the whole table, whatever the rowid bounds."""
        sql = (f"SELECT fts.rowid, bm25(fts, 4.0, 1.0) AS score FROM {source} WHERE {cond} "
               "{bounds} ORDER BY score, fts.rowid LIMIT ? OFFSET ?")
        count_sql = f"SELECT count(*) FROM {source} WHERE {cond}"
        conn = self._conn()
        lo, hi = conn.execute("SELECT min(rowid), max(rowid) FROM articles").fetchone()
        span = (hi - lo + 1) if lo is not None else 0
        page = max(1, int(page))
        parts = _rank_parts() if span >= SPLIT_RANK_FROM else 1

        def count() -> int:
            t0 = time.perf_counter()
            n = self._conn().execute(count_sql, args).fetchone()[0]
            clock.add("count", t0)
            return int(n)

        def rank(offset: int) -> list[tuple[int, float]]:
            if parts < 2:
                return conn.execute(sql.format(bounds=""),
                                    [*args, per_page, offset]).fetchall()
            step = span // parts + 1
            bounded = sql.format(bounds="AND fts.rowid BETWEEN ? AND ?")

            def part_args(k: int) -> list[Any]:
                first = lo + k * step
                return [*args, first, first + step - 1, per_page + offset, 0]

            def part(k: int) -> list[tuple[int, float]]:
                return self._conn().execute(bounded, part_args(k)).fetchall()

            def helped(k: int) -> list[tuple[int, float]]:
                # The helper process when it is free (a thread of this process shares
                # SQLite's locks and allocator with the others: about a fifth more CPU).
                got = _HELPER.rank(self.path, bounded, part_args(k))
                if got is None:
                    return part(k)
                rows, cpu_ms = got
                clock.note("helper_cpu", cpu_ms)
                return rows

            # This thread ranks the first part while the pool ranks the others.
            others = [_rank_pool().submit(helped if k == 1 else part, k)
                      for k in range(1, parts)]
            merged = part(0)
            for fut in others:
                merged.extend(fut.result())
            merged.sort(key=lambda r: (r[1], r[0]))
            return merged[offset:offset + per_page]

        offset = (page - 1) * per_page
        if offset >= span:
            # Past every article: no page this far can exist, so count first and rank the
            # last page (ranking an offset this large would sort every match).
            total = count()
            page = _clamp_page(page, total, per_page)
            return rank((page - 1) * per_page), total, page
        counted = _rank_pool().submit(count)
        ranked = rank(offset)
        total = counted.result()
        last = _clamp_page(page, total, per_page)
        if last != page:  # asked past the last page: show the last one, as before
            page = last
            ranked = rank((page - 1) * per_page)
        return ranked, total, page

    @staticmethod
    def _known_words(conn: sqlite3.Connection, words: set[str]) -> set[str]:
        """Which of ``words`` occur anywhere in the index. One row of each word's doclist is
        enough: FTS5's vocabulary table would count the whole doclist, tens of milliseconds for
        a word in most articles."""
        from geo.search import fts_string

        found: set[str] = set()
        for w in words:
            if conn.execute("SELECT rowid FROM fts WHERE fts MATCH ? LIMIT 1",
                            (fts_string(w),)).fetchone():
                found.add(w)
        return found

    def zone_evidence(self, zone_id: str, min_strength: str = "medium", page: int = 1,
                      per_page: int = 10) -> tuple[list[Evidence], int]:
        """Articles linked to the zone at ``min_strength`` or more, strongest then by date, with
        their mentions of the zone; and how many there are in all."""
        conn = self._conn()
        floor = STRENGTH_RANK[min_strength]
        total = conn.execute("SELECT count(*) FROM zone_links WHERE zone_id=? AND strength>=?",
                             (zone_id, floor)).fetchone()[0]
        page = _clamp_page(page, total, per_page)
        # The page's row ids first (walking the zone_links order index), then their records:
        # sorting whole records would carry every matching article's text through the sort.
        ranked = conn.execute(
            "SELECT z.rid, z.strength FROM zone_links z WHERE z.zone_id=? AND z.strength>=? "
            "ORDER BY z.strength DESC, z.sort_key, z.rid LIMIT ? OFFSET ?",
            (zone_id, floor, per_page, (page - 1) * per_page)).fetchall()
        names = {v: k for k, v in STRENGTH_RANK.items()}
        out = []
        for rid, strength in ranked:
            row = conn.execute(f"SELECT {_RECORD_COLUMNS} FROM articles WHERE rid=?",
                               (rid,)).fetchone()
            rec = _record(row)
            zone = next(z for z in json.loads(rec.links_json)["zones"] if z["id"] == zone_id)
            out.append(Evidence(rec, names[strength], zone["mentions"]))
        return out, total

    def zone_places(self, zone_id: str, limit: int = 400) -> list[tuple[Any, ...]]:
        """Places inside the zone that articles name: (geonameid, name_en, name_ar, lat, lon,
        articles naming it, one such article id), most named first."""
        conn = self._conn()
        # Counted on the (zone, place, article) index alone; names only for the places shown.
        # DISTINCT in a subquery walks the index in order; count(DISTINCT rid) would build a
        # temporary tree per place (over 100 MB of memory at 100,000 articles, never returned).
        top = conn.execute(
            "SELECT geonameid, count(*) AS n, min(rid) FROM (SELECT DISTINCT geonameid, rid "
            "FROM places WHERE zone_id=?) GROUP BY geonameid ORDER BY n DESC, geonameid "
            "LIMIT ?", (zone_id, limit)).fetchall()
        out = []
        for gid, n, rid in top:
            name_en, name_ar, lat, lon = conn.execute(
                "SELECT name_en, name_ar, lat, lon FROM places WHERE rid=? AND geonameid=? "
                "LIMIT 1", (rid, gid)).fetchone()
            article = conn.execute("SELECT article_id FROM articles WHERE rid=?",
                                   (rid,)).fetchone()[0]
            out.append((gid, name_en, name_ar, lat, lon, n, article))
        return out

    def iter_records(self, batch: int = 500) -> Iterator[ArticleRecord]:
        """Every record in list order, a batch at a time (exports; never all in memory)."""
        conn = self._conn()
        last = ("", "")
        while True:
            rows = conn.execute(
                f"SELECT {_RECORD_COLUMNS}, sort_key FROM articles WHERE (sort_key, article_id)"
                f" > (?, ?) ORDER BY sort_key, article_id LIMIT ?", (*last, batch)).fetchall()
            if not rows:
                return
            for row in rows:
                yield _record(row[:-1])
            last = (rows[-1][-1], rows[-1][0])


# ---------------------------------------------------------------------- helpers

_STORED = {"text": "text_z", "links_json": "links_z", "search_title": "NULL",
           "search_body": "NULL"}
_RECORD_COLUMNS = ", ".join(_STORED.get(f, f'"{f}"') for f in RECORD_FIELDS)

def _record(row: Sequence[Any]) -> ArticleRecord:
    data = dict(zip(RECORD_FIELDS, row, strict=True))
    data["text"] = decompress_text(data["text"])
    data["links_json"] = decompress_text(data["links_json"])
    data["search_title"], data["search_body"] = search_text(data["text"], data["title"],
                                                            data["article_json"])
    return ArticleRecord.from_dict(data)


def _inode(path: Path) -> int | None:
    try:
        return path.stat().st_ino
    except OSError:
        return None


# In an archive of this many articles or more, ranking is split across threads.
SPLIT_RANK_FROM = 4000
_RANK_POOL: ThreadPoolExecutor | None = None
_RANK_POOL_LOCK = threading.Lock()


def _rank_parts() -> int:
    return min(2, os.cpu_count() or 1)


def _rank_pool() -> ThreadPoolExecutor:
    global _RANK_POOL
    with _RANK_POOL_LOCK:
        if _RANK_POOL is None:
            _RANK_POOL = ThreadPoolExecutor(_rank_parts(), thread_name_prefix="atlas-rank")
        return _RANK_POOL


# The helper: a small Python process that ranks one part of a split ranking on its own
# connection. It reads requests ([index path, inode, SQL, arguments], one JSON line each) and
# answers [rows, its CPU milliseconds] or ["error", message]. JSON keeps bm25's floats exact.
_HELPER_CODE = r"""
import json, os, sqlite3, sys, time
conns = {}
for line in sys.stdin:
    try:
        path, inode, sql, args = json.loads(line)
        c0 = time.process_time()
        conn, seen = conns.get(path, (None, None))
        if conn is None or seen != inode:
            if conn is not None:
                conn.close()
            conn = sqlite3.connect(path, timeout=30)
            conns[path] = (conn, inode)
        rows = conn.execute(sql, args).fetchall()
        out = [rows, (time.process_time() - c0) * 1000]
    except Exception as exc:
        out = ["error", f"{type(exc).__name__}: {exc}"]
    sys.stdout.write(json.dumps(out) + "\n")
    sys.stdout.flush()
"""


class _RankHelper:
    """One helper process, started on first use, used by one search at a time (``rank``
    returns None when it is busy or unusable: the caller ranks in a thread instead)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.proc: subprocess.Popen[str] | None = None
        self.failures = 0
        self.enabled = os.environ.get("ATLAS_RANK_HELPER", "1") != "0"

    def rank(self, path: Path, sql: str, args: list[Any]
             ) -> tuple[list[tuple[int, float]], float] | None:
        if not self.enabled or self.failures >= 3 or not self.lock.acquire(blocking=False):
            return None
        try:
            proc = self._process()
            assert proc.stdin is not None and proc.stdout is not None
            proc.stdin.write(json.dumps([str(path), _inode(path), sql, args]) + "\n")
            proc.stdin.flush()
            reply = json.loads(proc.stdout.readline() or '["error", "helper exited"]')
            if reply[0] == "error":
                raise OSError(reply[1])
            self.failures = 0
            return [(int(r), float(s)) for r, s in reply[0]], float(reply[1])
        except (OSError, ValueError):
            self.failures += 1
            self.stop()
            return None
        finally:
            self.lock.release()

    def _process(self) -> subprocess.Popen[str]:
        if self.proc is None or self.proc.poll() is not None:
            self.proc = subprocess.Popen(
                [sys.executable, "-c", _HELPER_CODE], stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                encoding="utf-8")
        return self.proc

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is not None:
            with contextlib.suppress(OSError):
                proc.kill()
            proc.wait()


_HELPER = _RankHelper()
atexit.register(_HELPER.stop)


class _Stages:
    """Wall time per stage of one search, in milliseconds, into ``out`` (nothing when None).
    ``add`` may be called from another thread (a stage that overlaps the others)."""

    def __init__(self, out: dict[str, float] | None):
        self.out = out
        self.start = self.last = time.perf_counter()

    def lap(self, stage: str) -> None:
        if self.out is not None:
            now = time.perf_counter()
            self.out[stage] = self.out.get(stage, 0.0) + (now - self.last) * 1000
            self.last = now

    def add(self, stage: str, since: float) -> None:
        if self.out is not None:
            self.out[stage] = self.out.get(stage, 0.0) + (time.perf_counter() - since) * 1000

    def note(self, key: str, value: float) -> None:
        if self.out is not None:
            self.out[key] = self.out.get(key, 0.0) + value

    def done(self) -> None:
        if self.out is not None:
            self.out["total"] = (time.perf_counter() - self.start) * 1000


def _clamp_page(page: int, total: int, per_page: int) -> int:
    last = max(1, -(-total // per_page))
    return min(max(1, int(page)), last)


def _filter_params(f: ArticleFilters) -> tuple[str | None, str, list[str], list[Any]]:
    """What both SQL shapes of the filters (``_where``, ``_match_filters``) are built from: the
    link condition (None when links do not filter; "" for a link to any zone, "?,?" the
    placeholders of the zones picked), the placeholders of the outlet list ("?,?" or ""), the
    comparisons of the dates given (">=" for ``date_from``, "<=" for ``date_to``) and the
    arguments, in the order both put their conditions: zones and the strength floor, outlets,
    then the dates.

    With zones picked, an article counts when it links to one of them at ``min_strength`` or
    more; with none picked, when it links to some zone at ``min_strength`` or more, and "weak"
    (every article, linked or not) does not filter."""
    floor = STRENGTH_RANK[f.min_strength]
    links: str | None = None
    args: list[Any] = []
    if f.zones:
        links, args = ",".join("?" * len(f.zones)), [*f.zones, floor]
    elif floor > 0:
        links, args = "", [floor]
    args += list(f.outlets)
    dates = [(op, day) for op, day in ((">=", f.date_from), ("<=", f.date_to)) if day]
    args += [day.isoformat() for _, day in dates]
    return links, ",".join("?" * len(f.outlets)), [op for op, _ in dates], args


def _link_clause(links: str | None, rid: str) -> str | None:
    """The link condition on the row id ``rid`` (``a.rid``, ``fts.rowid``), or None."""
    if links is None:
        return None
    zones = f"z.zone_id IN ({links}) AND " if links else ""
    return f"EXISTS (SELECT 1 FROM zone_links z WHERE {zones}z.rid = {rid} AND z.strength >= ?)"


def _where(f: ArticleFilters) -> tuple[str, list[Any]]:
    """The filters as a condition on the articles table (``a``), with its arguments."""
    links, outlets, date_ops, args = _filter_params(f)
    clauses = ["1"]
    linked = _link_clause(links, "a.rid")
    if linked:
        clauses.append(linked)
    if outlets:
        clauses.append(f"a.outlet_en IN ({outlets})")
    clauses += [f"a.published != '' AND a.published {op} ?" for op in date_ops]
    return " AND ".join(clauses), args


def _match_filters(f: ArticleFilters) -> tuple[str, list[Any]]:
    """The filters of a search as conditions on ``fts.rowid`` (" AND ..." or ""), the same rows
    as ``_where``'s, without joining the articles: that join read each match's wide row (its
    text) from the table, several times the cost of the ranking itself for a common word. A
    link is looked up in zone_links' indexes per match; outlets and dates are each a set
    of row ids read once per query from a covering index (``articles_outlet``,
    ``articles_published``). The unary ``+`` keeps FTS5 from being asked for them one by
    one."""
    links, outlets, date_ops, args = _filter_params(f)
    clauses = []
    linked = _link_clause(links, "fts.rowid")
    if linked:
        clauses.append(linked)
    if outlets:
        clauses.append(f"+fts.rowid IN (SELECT rid FROM articles WHERE outlet_en IN "
                       f"({outlets}))")
    if date_ops:
        clauses.append("+fts.rowid IN (SELECT rid FROM articles WHERE published != '' AND "
                       + " AND ".join(f"published {op} ?" for op in date_ops) + ")")
    return "".join(" AND " + c for c in clauses), args


def _scan(folder: Path) -> dict[str, tuple[int, int]]:
    """Article files of the folder (``*.txt``, not hidden) with their size and mtime."""
    out = {}
    with os.scandir(folder) as it:
        for entry in it:
            name = entry.name
            if not name.endswith(".txt") or name.startswith("."):
                continue
            try:
                st = entry.stat()
            except OSError:
                continue
            out[name] = (st.st_size, st.st_mtime_ns)
    return out


def _read_catalog(folder: Path, summary: UpdateSummary) -> dict[str, CatalogRow]:
    try:
        return load_catalog(folder / "catalog.csv")
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        summary.problems.append(Problem("catalog.csv", "", f"cannot be read ({exc})",
                                        "articles are indexed without their catalog rows"))
        return {}


def _catalog_rows_for(folder: Path, article_ids: Sequence[str]) -> dict[str, CatalogRow]:
    """The catalog rows of a few articles, without parsing a catalog of a million rows: only
    the header and the lines that start with one of the ids are handed to the CSV reader."""
    try:
        text = (folder / "catalog.csv").read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return {}
    header, _, rest = text.partition("\n")
    wanted = set(article_ids)
    lines = [ln for ln in rest.split("\n") if ln.split(",", 1)[0].strip('"') in wanted]
    return catalog_from_text("\n".join([header, *lines]) + "\n") if lines else {}


def link_files(folder: Path, names: Sequence[str], catalog: dict[str, CatalogRow],
               version: str, progress: Progress | None = None
               ) -> Iterator[IndexRow | ProblemRow]:
    """The index's rows for the named files of ``folder``, in one process: an ``IndexRow`` per
    usable file, ``(file, size, mtime_ns, message)`` for one that cannot be read."""
    from geo.linker import default_linker

    linker = default_linker()
    total = len(names)
    for k, name in enumerate(names, start=1):
        path = folder / name
        try:
            yield make_index_row(path, catalog, linker, version)
        except ArticleError as exc:
            size, mtime = _stat_pair(path)
            yield (name, size, mtime, exc.message)
        if progress is not None and (k % 200 == 0 or k == total):
            progress(k, total)


def _same_text(path: Path, content_hash: str) -> bool:
    """Whether the file still holds the text it was linked from (a copy, a touch or a restore
    changes the stat, not the words): decoding and hashing cost a fraction of linking."""
    from geo.corpus import clean_text, decode_bytes
    from geo.ingest import content_hash as text_hash

    try:
        text, _, _ = decode_bytes(path.read_bytes())
    except (OSError, ArticleError):
        return False
    return text_hash(clean_text(text)[0]) == content_hash


def _stat_pair(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
        return st.st_size, st.st_mtime_ns
    except OSError:
        return -1, -1


def _reset(conn: sqlite3.Connection) -> None:
    """Empty every table (another version's or a stale linker's records)."""
    conn.execute("BEGIN IMMEDIATE")
    for name in (*_TABLES, *_OLD_TABLES):
        conn.execute(f"DROP TABLE IF EXISTS {name}")
    conn.execute("COMMIT")
    conn.executescript(_SCHEMA)


def _delete(conn: sqlite3.Connection, rid: int) -> None:
    for table in ("zone_links", "places"):
        conn.execute(f"DELETE FROM {table} WHERE rid=?", (rid,))
    row = conn.execute("SELECT text_z, title, article_json FROM articles WHERE rid=?",
                       (rid,)).fetchone()
    if row:
        # A contentless FTS table forgets a row only when given the words it was given: made
        # again by the code that made them (any change to it changes the linker version, and
        # a new linker version rebuilds the whole index).
        title, body = search_text(decompress_text(row[0]), row[1], row[2])
        conn.execute("INSERT INTO fts (fts, rowid, title, body) VALUES ('delete', ?, ?, ?)",
                     (rid, title, body))
    conn.execute("DELETE FROM articles WHERE rid=?", (rid,))


ProblemRow = tuple[str, int, int, str]  # (file, size, mtime_ns, message): an unreadable file


_INSERT_ARTICLE = (f"INSERT INTO articles (rid, {', '.join(ARTICLE_COLUMNS)}) "
                   f"VALUES ({', '.join('?' * (len(ARTICLE_COLUMNS) + 1))})")


def _write_batch(conn: sqlite3.Connection, batch: Sequence[IndexRow | ProblemRow],
                 stored: dict[str, tuple[Any, ...]], summary: UpdateSummary) -> None:
    """One transaction: replace what changed, then insert the new rows table by table (one
    ``executemany`` each, row ids given here, so nothing is bound twice or read back)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        new: list[IndexRow] = []
        for item in batch:
            if isinstance(item, tuple):
                name, size, mtime, message = item
                old = stored.get(name)
                if old is not None:
                    _delete(conn, old[0])
                conn.execute("INSERT OR REPLACE INTO problems VALUES (?, ?, ?, ?)",
                             (name, size, mtime, message))
                continue
            old = stored.get(item.file)
            if old is not None and (old[3], old[4]) == item.hashes:
                # Touched but not changed: keep the links, note the new stat.
                conn.execute("UPDATE articles SET size=?, mtime_ns=? WHERE rid=?",
                             (*item.stat, old[0]))
                summary.unchanged += 1
                continue
            if old is not None:
                _delete(conn, old[0])
                summary.changed += 1
            else:
                summary.added += 1
            new.append(item)
        first = conn.execute("SELECT coalesce(max(rid), 0) + 1 FROM articles").fetchone()[0]
        pairs = list(zip(range(first, first + len(new)), new, strict=True))
        conn.executemany(_INSERT_ARTICLE, ((rid, *row.article) for rid, row in pairs))
        conn.executemany("INSERT INTO zone_links VALUES (?,?,?,?,?,?)",
                         ((z[0], rid, *z[1:]) for rid, row in pairs
                          for z in row.zone_links))
        conn.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?)",
                         ((rid, *pl) for rid, row in pairs for pl in row.places))
        conn.executemany("INSERT INTO fts (rowid, title, body) VALUES (?, ?, ?)",
                         ((rid, row.search_title, row.search_body)
                          for rid, row in pairs))
        conn.executemany("DELETE FROM problems WHERE file=?",
                         [(item.file,) for item in batch if not isinstance(item, tuple)])
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


_INDEXES: dict[tuple[str, str], ArticleIndex] = {}
_INDEXES_LOCK = threading.Lock()


def open_index(seeds_dir: Path | str | None = None) -> ArticleIndex:
    """The index of ``seeds_dir`` (default: the configured articles folder), one per process."""
    from geo import paths

    folder = Path(seeds_dir) if seeds_dir is not None else paths.SEEDS_DIR
    key = (str(folder.resolve()), os.environ.get("ATLAS_INDEX_DIR", ""))
    with _INDEXES_LOCK:
        idx = _INDEXES.get(key)
        if idx is None:
            idx = _INDEXES[key] = ArticleIndex(folder)
        return idx
