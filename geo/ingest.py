"""``python -m geo ingest PATH [PATH ...]``: add articles to ``seeds/`` safely.

PATH is an article file, a folder (its ``*.txt``, recursively), a ``.zip`` of ``.txt`` files or a
``.jsonl`` file (one ``{"text", "title", "outlet", "url", "published"}`` object per line). One
article at a time (``ingest_text``, used by the browser's single upload) or in bulk
(``ingest_items`` / ``ingest_paths`` / ``ingest_zip_bytes``), the same rules hold:

* The new file's name is derived from its content (``NNN_<sha16>.txt``), never from the name
  it arrived with, so ``../../etc/x``, absolute paths and hidden names cannot place it anywhere.
  Zip entries are read in memory, never extracted; an entry named with ``..``, an absolute path
  or a symbolic link is refused unread.
* Never overwrites: the file is written to a temporary name in ``seeds/`` and then hard-linked
  to its final name, which fails if that name exists (two concurrent ingests cannot clobber
  each other; the loser retries with the next number).
* The duplicate check and the numbering run under an exclusive ``flock`` on the ``seeds/`` folder,
  so two processes ingesting the same text cannot both succeed.
* Refused, with a message: binary data, more than ``MAX_INGEST_BYTES``, empty or
  whitespace-only text, text that is neither UTF-8 nor Windows-1256, and (single article only)
  content already in ``seeds/`` (same normalised text); a bulk import counts those as
  duplicates, so running it again after an interruption adds only the rest. A title-only
  article is accepted with a warning.
* Catalog rows are appended by writing ``catalog.csv`` to a temporary file and
  ``os.replace``-ing it, under the same lock. For one article, if that fails the new article is
  removed again; in bulk the rows are written in batches, and a later run adds the row of any
  article that is there without one.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import fcntl
import hashlib
import io
import itertools
import json
import os
import re
import shutil
import stat
import struct
import sys
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from geo.access import AccessDenied, check_write, granted
from geo.arabic import normalise
from geo.corpus import CATALOG_COLUMNS, ArticleError, article_from_text, clean_text, decode_bytes
from geo.paths import SEEDS_DIR
from geo.progress import TerminalBar

MAX_INGEST_BYTES = 2 * 1024 * 1024
_ID_RE = re.compile(r"^(\d{3,})_[0-9a-f]{16}\.txt$")
_MAX_ATTEMPTS = 50


@dataclass
class IngestResult:
    ok: bool
    message: str
    path: Path | None = None
    article_id: str = ""
    encoding: str = ""
    duplicate_of: str = ""
    warnings: list[str] = field(default_factory=list)


def content_hash(text: str) -> str:
    """SHA-256 of the matching form of the text, so re-encoded, CRLF or re-diacritised copies of
    the same article count as duplicates."""
    return hashlib.sha256(" ".join(normalise(text).split()).encode("utf-8")).hexdigest()


@contextlib.contextmanager
def _locked(seeds_dir: Path) -> Iterator[None]:
    # flock on the directory itself: works across processes and leaves no lock file behind.
    fd = os.open(seeds_dir, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _existing(seeds_dir: Path) -> tuple[int, dict[str, str]]:
    """Highest NNN in use and content hashes of the existing articles."""
    top = -1
    hashes: dict[str, str] = {}
    for p in sorted(seeds_dir.glob("*.txt")):
        m = re.match(r"^(\d+)_", p.name)
        if m:
            top = max(top, int(m.group(1)))
        try:
            raw = p.read_bytes()
            text, _, _ = decode_bytes(raw, str(p))
            text, _ = clean_text(text)
        except (OSError, ArticleError):
            continue  # an unreadable seed is validate's business, not a reason to refuse
        hashes.setdefault(content_hash(text), p.name)
    return top, hashes


def _name_warning(filename: str) -> list[str]:
    name = filename.replace("\\", "/")
    if (name.startswith("/") or ".." in name.split("/") or Path(name).name.startswith(".")
            or re.match(r"^[A-Za-z]:", name)):
        return [f"the given name {filename!r} is unsafe and was ignored; the file is named from "
                "its content"]
    return []


def _append_catalog(seeds_dir: Path, row: dict[str, str]) -> None:
    _append_catalog_rows(seeds_dir, [row])


def _append_catalog_rows(seeds_dir: Path, rows: list[dict[str, str]]) -> None:
    """Add ``rows`` to catalog.csv by writing old bytes + new rows to a temporary file and
    ``os.replace``-ing it: a reader never sees half a catalog. The old part is copied as bytes
    (not parsed), so a batch costs one sequential copy however large the catalog is."""
    path = seeds_dir / "catalog.csv"
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    fd, tmp = tempfile.mkstemp(prefix=".catalog-", suffix=".tmp", dir=seeds_dir)
    try:
        with os.fdopen(fd, "wb") as out:
            last = b""
            if path.exists():
                with path.open("rb") as old:
                    shutil.copyfileobj(old, out, 1024 * 1024)
                    if old.tell():
                        old.seek(-1, os.SEEK_END)
                        last = old.read(1)
            if not last:
                writer.writerow(CATALOG_COLUMNS)
            elif last != b"\n":
                buf.write("\n")
            for row in rows:
                writer.writerow([row.get(c, "") for c in CATALOG_COLUMNS])
            out.write(buf.getvalue().encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


class _Refused(Exception):
    """An article that is not stored: ``code`` names the reason for translation, ``message``
    says it in one English sentence."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def _prepare(data: bytes, where: str, limit: int = MAX_INGEST_BYTES,
             check_article: bool = True) -> tuple[str, str, list[str]]:
    """``(text, encoding, warnings)`` of an upload that may be stored; raises ``_Refused``.
    The same checks for one file and for every article of a bulk import."""
    if len(data) > limit:
        raise _Refused("too_big", f"{len(data):,} bytes is over the {limit:,}-byte limit for "
                                  "one article")
    if not data.strip():
        raise _Refused("empty", "empty (no text, or only whitespace)")
    try:
        text, encoding, warnings = decode_bytes(data, where)
    except ArticleError as exc:
        raise _Refused("not_text", exc.message) from None
    text, clean_warnings = clean_text(text)
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise _Refused("empty", "empty (no text, or only whitespace)")
    warnings = warnings + clean_warnings
    if check_article:
        try:
            art = article_from_text(text, "new", where, encoding)
        except ArticleError as exc:
            raise _Refused("not_text", exc.message) from None
        warnings += [w for w in art.warnings if w not in warnings]
    return text, encoding, warnings


def _store(seeds: Path, payload: bytes, digest: str, top: int) -> Path:
    """Write ``payload`` as ``NNN_<digest16>.txt`` with NNN above ``top``; the caller holds the
    lock. Raises ``_Refused`` when no free name is found."""
    fd, tmp = tempfile.mkstemp(prefix=".ingest-", suffix=".tmp", dir=seeds)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        for n in range(top + 1, top + 1 + _MAX_ATTEMPTS):
            candidate = seeds / f"{n:03d}_{digest[:16]}.txt"
            try:
                os.link(tmp, candidate)  # atomic and refuses to replace an existing name
            except FileExistsError:
                continue
            return candidate
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
    raise _Refused("no_name", "could not find a free file name")


def ingest_text(data: bytes, filename: str, seeds_dir: Path | str = SEEDS_DIR,
                meta: dict[str, str] | None = None,
                existing_hashes: dict[str, str] | None = None) -> IngestResult:
    """Check ``data`` and store it as a new article in ``seeds_dir`` (see module docstring).
    ``existing_hashes`` (content hash -> file name, from the archive index) saves reading every
    article of a large folder for the duplicate check; files it does not name are still read.
    Raises ``geo.access.AccessDenied`` when the serving mode forbids writing."""
    check_write()
    seeds = Path(seeds_dir)
    warnings = _name_warning(filename)
    try:
        text, encoding, more = _prepare(data, filename)
    except _Refused as exc:
        return IngestResult(False, f"refused: {exc.message}")
    warnings += more
    digest = content_hash(text)
    if not seeds.is_dir():
        return IngestResult(False, f"refused: seeds folder {seeds} does not exist")
    with _locked(seeds):
        top, hashes = _existing(seeds) if existing_hashes is None else _scan(seeds,
                                                                            existing_hashes)
        if digest in hashes:
            return IngestResult(False, f"refused: duplicate of existing article {hashes[digest]}",
                                duplicate_of=hashes[digest], encoding=encoding,
                                warnings=warnings)
        try:
            final = _store(seeds, text.encode("utf-8"), digest, top)
        except _Refused as exc:
            return IngestResult(False, f"refused: {exc.message}")
        if meta is not None:
            row = {k: str(v) for k, v in meta.items() if k in CATALOG_COLUMNS}
            unknown = sorted(set(meta) - set(CATALOG_COLUMNS))
            if unknown:
                warnings.append(f"ignored unknown catalog field(s): {', '.join(unknown)}")
            row["article_id"] = final.stem
            row.setdefault("added", dt.date.today().isoformat())
            try:
                _append_catalog(seeds, row)
            except OSError as exc:
                final.unlink()
                return IngestResult(False, f"refused: could not update catalog.csv ({exc}); "
                                           "nothing was saved", warnings=warnings)
    return IngestResult(True, f"saved as {final.name} ({encoding})", final, final.stem,
                        encoding, warnings=warnings)


# --------------------------------------------------------------------------- bulk import


@dataclass(frozen=True)
class Limits:
    """Guards for a bulk import. An archive over ``max_entries`` or ``max_total_bytes``
    (declared, uncompressed) is refused whole before anything is read; an entry over
    ``max_entry_bytes``, or larger than ``ratio_min_bytes`` and compressed more than
    ``max_ratio`` times, is refused on its own. Text deflates 3-6 times; far more is a bomb."""

    max_entries: int = 200_000
    max_entry_bytes: int = MAX_INGEST_BYTES
    max_total_bytes: int = 2 * 1024 ** 3
    max_ratio: float = 100.0
    ratio_min_bytes: int = 64 * 1024


@dataclass
class Item:
    """One thing met in the input. Either an article's bytes still to be checked, or a decision
    already taken at the source: refused (``refused`` is the reason code, ``message`` the English
    reason) or skipped (not a .txt file, hidden, a link to a folder)."""

    where: str
    data: bytes = b""
    meta: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    refused: str = ""
    message: str = ""
    skipped: bool = False


@dataclass(frozen=True)
class Refusal:
    where: str
    code: str  # a key for the interface's wording (``msg.bulk_reason_<code>``)
    message: str  # the reason in one English sentence


@dataclass
class BulkResult:
    added: list[str] = field(default_factory=list)  # article ids, in the order added
    origin: dict[str, str] = field(default_factory=dict)  # article id -> where it came from
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (where, existing file)
    refused: list[Refusal] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (where, message)
    restored_rows: list[str] = field(default_factory=list)  # ids whose missing row was added
    error: str = ""  # a failure that stopped the whole run (see ``ingest_items``)

    @property
    def ok(self) -> bool:
        return not self.refused and not self.error


# Bidi overrides and control characters in a hostile name would rearrange or hide what a
# terminal or a table shows; they are written as escapes instead.
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _shown(name: str) -> str:
    return _UNSHOWABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", name)


def _is_hidden(name: str) -> bool:
    parts = [p for p in name.replace("\\", "/").split("/") if p]
    return any(p.startswith(".") or p == "__MACOSX" for p in parts)


def _unsafe_entry(info: zipfile.ZipInfo) -> str:
    """Why a zip entry must not be touched at all ("" when its name and type are harmless).
    Its name is never used as a path here, but such an entry is a sign of a crafted archive."""
    name = info.orig_filename
    parts = re.split(r"[/\\]", name)
    if "\x00" in name:
        return "its name contains a NUL character"
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        return "its name is an absolute path"
    if ".." in parts:
        return "its name climbs out of the archive ('..')"
    if stat.S_ISLNK(info.external_attr >> 16):
        return "it is a symbolic link"
    return ""


def _entry_count(fp: BinaryIO) -> int | None:
    """Entries the archive declares, read from its end record before ``ZipFile`` builds an
    object per entry (millions of tiny entries would otherwise exhaust memory first). Uses
    zipfile's own end-record reader; None when it is not available."""
    reader = getattr(zipfile, "_EndRecData", None)
    if reader is None:
        return None
    try:
        endrec = reader(fp)
    except (OSError, ValueError, struct.error):
        return None
    finally:
        fp.seek(0)
    return int(endrec[4]) if endrec else None


def _open_zip(source: str | Path | BinaryIO, label: str, limits: Limits
              ) -> tuple[zipfile.ZipFile | None, int, Item | None]:
    """``(archive, entries to visit, refusal)``: a refusal of the whole archive when it is
    corrupt or over a limit, checked before any entry is read."""
    fp: BinaryIO | None = None
    try:
        fp = open(source, "rb") if isinstance(source, (str, Path)) else source
        declared = _entry_count(fp)
        if declared is not None and declared > limits.max_entries:
            raise _Refused("too_many_entries", f"the archive has {declared:,} entries; the "
                                               f"limit is {limits.max_entries:,}")
        zf = zipfile.ZipFile(fp)
    except _Refused as exc:
        if fp is not None:
            fp.close()
        return None, 1, Item(label, refused=exc.code, message=exc.message)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, struct.error) as exc:
        if fp is not None:
            fp.close()
        if isinstance(exc, OSError) and not isinstance(exc, zipfile.BadZipFile):
            return None, 1, Item(label, refused="unreadable",
                                 message=f"cannot be read ({exc.strerror or exc})")
        return None, 1, Item(label, refused="corrupt",
                             message=f"not a readable zip archive, or truncated ({exc})")
    infos = [i for i in zf.infolist() if not i.is_dir()]
    total = sum(i.file_size for i in infos)
    refusal = None
    if len(infos) > limits.max_entries:
        refusal = ("too_many_entries", f"the archive has {len(infos):,} entries; the limit is "
                                       f"{limits.max_entries:,}")
    elif total > limits.max_total_bytes:
        refusal = ("archive_too_big", f"the archive unpacks to {total:,} bytes; the limit is "
                                      f"{limits.max_total_bytes:,}")
    if refusal:
        zf.close()
        return None, 1, Item(label, refused=refusal[0], message=refusal[1])
    return zf, len(infos), None


def _zip_items(zf: zipfile.ZipFile, label: str, limits: Limits) -> Iterator[Item]:
    """Each entry of an open archive, read into memory (never extracted: the entry's name is
    only ever shown, it never becomes a path)."""
    with zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            where = f"{label}:{_shown(info.filename)}"
            reason = _unsafe_entry(info)
            if reason:
                yield Item(where, refused="unsafe_entry", message=reason)
                continue
            if _is_hidden(info.filename) or not info.filename.lower().endswith(".txt"):
                yield Item(where, skipped=True)
                continue
            if info.flag_bits & 0x1:
                yield Item(where, refused="encrypted", message="the entry is encrypted")
                continue
            if info.file_size > limits.max_entry_bytes:
                yield Item(where, refused="too_big",
                           message=f"{info.file_size:,} bytes is over the "
                                   f"{limits.max_entry_bytes:,}-byte limit for one article")
                continue
            if (info.file_size > limits.ratio_min_bytes
                    and info.file_size > limits.max_ratio * max(info.compress_size, 1)):
                yield Item(where, refused="ratio",
                           message=f"compressed {info.file_size / max(info.compress_size, 1):,.0f}"
                                   f" times ({info.compress_size:,} -> {info.file_size:,} bytes); "
                                   "text does not compress like that (zip bomb?)")
                continue
            try:
                with zf.open(info) as fh:
                    data = fh.read(limits.max_entry_bytes + 1)
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError,
                    RuntimeError, ValueError) as exc:
                yield Item(where, refused="corrupt",
                           message=f"cannot be read from the archive ({exc})")
                continue
            yield Item(where, data)


def _folder_files(root: Path) -> list[tuple[Path, bool]]:
    """``(path, skip)`` for everything under ``root``, sorted. Hidden entries and links to
    folders are listed as skipped and not entered (a link can loop; ``.git`` is not articles)."""
    out: list[tuple[Path, bool]] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        keep = []
        for d in sorted(dirnames):
            if d.startswith(".") or d == "__MACOSX" or (here / d).is_symlink():
                out.append((here / d, True))
            else:
                keep.append(d)
        dirnames[:] = keep
        for f in sorted(filenames):
            out.append((here / f, f.startswith(".") or not f.lower().endswith(".txt")))
    return out


def _file_item(path: Path, limits: Limits) -> Item:
    where = _shown(str(path))
    try:
        with path.open("rb") as fh:
            data = fh.read(limits.max_entry_bytes + 1)
    except FileNotFoundError:
        return Item(where, refused="not_found", message="file not found")
    except OSError as exc:
        return Item(where, refused="unreadable", message=f"cannot be read "
                                                         f"({exc.strerror or exc})")
    return Item(where, data)


def _jsonl_meta(obj: dict[str, object]) -> tuple[dict[str, str], list[str]]:
    """Catalog fields of one JSONL record, and a warning for each value that was dropped."""
    meta: dict[str, str] = {}
    warnings: list[str] = []
    outlet = obj.get("outlet")
    if isinstance(outlet, str) and outlet.strip():
        # One outlet field in the feed, two in the catalog: the script says which it is.
        key = "outlet_ar" if re.search("[\u0600-\u06ff]", outlet) else "outlet_en"
        meta[key] = outlet.strip()
    url = obj.get("url")
    if isinstance(url, str) and url.strip():
        if re.match(r"https?://\S+$", url.strip()):
            meta["url"] = url.strip()
        else:
            warnings.append(f"url {url[:80]!r} is not an http(s) URL; dropped")
    published = obj.get("published")
    if published not in (None, ""):
        day = _iso_day(published)
        if day:
            meta["published"] = day
        else:
            warnings.append(f"published {str(published)[:40]!r} is not an ISO date; dropped")
    return meta, warnings


def _iso_day(value: object) -> str:
    """``YYYY-MM-DD`` from an ISO date or date-time string, "" otherwise."""
    if not isinstance(value, str):
        return ""
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(value.strip()).date().isoformat()
    except ValueError:
        return ""


def _jsonl_items(path: Path, limits: Limits) -> Iterator[Item]:
    label = _shown(str(path))
    # A JSON string may write each Arabic letter as a 6-byte \\uXXXX escape.
    max_line = 6 * limits.max_entry_bytes + 64 * 1024
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield Item(label, refused="unreadable", message=f"cannot be read "
                                                        f"({exc.strerror or exc})")
        return
    with fh:
        n = 0
        while True:
            try:
                line = fh.readline(max_line + 1)
            except OSError as exc:
                yield Item(label, refused="unreadable", message=f"cannot be read after line "
                                                                f"{n} ({exc.strerror or exc})")
                return
            if not line:
                return
            n += 1
            where = f"{label}:line {n}"
            if len(line) > max_line and not line.endswith(b"\n"):
                while (rest := fh.readline(1024 * 1024)) and not rest.endswith(b"\n"):
                    pass
                yield Item(where, refused="line_too_long",
                           message=f"the line is longer than {max_line:,} bytes")
                continue
            if not line.strip():
                continue
            yield _jsonl_record(line, where)


def _jsonl_record(line: bytes, where: str) -> Item:
    try:
        obj = json.loads(line)
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError
        return Item(where, refused="bad_json", message=f"not valid JSON ({exc})")
    if not isinstance(obj, dict):
        return Item(where, refused="bad_json", message="not a JSON object")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return Item(where, refused="no_text", message='no "text" (or it is empty)')
    title = obj.get("title")
    if isinstance(title, str) and title.strip() and not text.lstrip().startswith(title.strip()):
        # The first line of an article file is its title.
        text = f"{title.strip()}\n\n{text.lstrip()}"
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        return Item(where, refused="not_text", message="the text contains an invalid character "
                                                       "(a lone UTF-16 surrogate)")
    meta, warnings = _jsonl_meta(obj)
    return Item(where, data, meta, warnings)


def _count_lines(path: Path) -> int:
    n, last = 0, b"\n"
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(1024 * 1024):
                n += chunk.count(b"\n")
                last = chunk[-1:]
    except OSError:
        return 1
    return n + (last != b"\n")


def collect(paths: Iterable[str | Path], limits: Limits | None = None
            ) -> tuple[Iterator[Item], int]:
    """The items of the given files, folders (``*.txt``, recursively), ``.zip`` archives and
    ``.jsonl`` files, read lazily, and how many there are (for a progress bar). A file given by
    name that is neither an archive nor JSON Lines is read as one article, whatever its ending.
    Archives are checked against ``limits`` now, so a refused one is never opened again."""
    lim = limits or Limits()
    plans: list[tuple[int, Callable[[], Iterator[Item]]]] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files = _folder_files(p)
            plans.append((len(files), lambda files=files: (
                Item(_shown(str(f)), skipped=True) if skip else _file_item(f, lim)
                for f, skip in files)))
        elif p.suffix.lower() == ".zip" and p.exists():
            zf, n, refusal = _open_zip(p, _shown(str(p)), lim)
            plans.append((n, lambda zf=zf, p=p, refusal=refusal: (
                iter([refusal]) if zf is None or refusal else _zip_items(zf, _shown(str(p)), lim))))
        elif p.suffix.lower() in (".jsonl", ".ndjson") and p.exists():
            plans.append((_count_lines(p), lambda p=p: _jsonl_items(p, lim)))
        else:
            plans.append((1, lambda p=p: iter([_file_item(p, lim)])))
    return itertools.chain.from_iterable(make() for _, make in plans), sum(n for n, _ in plans)


def _file_hash(path: Path) -> str | None:
    try:
        text, _, _ = decode_bytes(path.read_bytes(), str(path))
    except (OSError, ArticleError):
        return None  # an unreadable seed is validate's business, not a reason to refuse
    text, _ = clean_text(text)
    return content_hash(text)


def _scan(seeds: Path, known: dict[str, str] | None) -> tuple[int, dict[str, str]]:
    """Like ``_existing``, but the files named in ``known`` (content hash -> file name, from an
    index) are trusted instead of read; files it does not name are read, and names it gives
    that are no longer in the folder are dropped."""
    with os.scandir(seeds) as it:
        names = sorted(e.name for e in it
                       if e.name.endswith(".txt") and e.is_file(follow_symlinks=False))
    # The highest number in use, without a regex per file (an archive has a million names).
    top = max((int(head) for n in names
               if (head := n.partition("_")[0]).isdigit() and head.isascii()), default=-1)
    present = set(names)
    hashes = {h: n for h, n in (known or {}).items() if n in present}
    indexed = set(hashes.values())
    for name in names:
        if name in indexed:
            continue
        digest = _file_hash(seeds / name)
        if digest:
            hashes.setdefault(digest, name)
    return top, hashes


def _catalog_ids(seeds: Path) -> set[str]:
    path = seeds / "catalog.csv"
    if not path.exists():
        return set()
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return {(r.get("article_id") or "").strip() for r in csv.DictReader(fh)} - {""}


_ROUTINE = ("line endings converted",)  # said of most files from Windows; not worth a line each


def ingest_items(items: Iterable[Item], seeds_dir: Path | str = SEEDS_DIR, *,
                 meta: Mapping[str, str] | None = None,
                 existing_hashes: dict[str, str] | None = None,
                 batch_size: int = 500, limits: Limits | None = None,
                 total: int | None = None,
                 progress: Callable[[int, int], None] | None = None,
                 progress_every: float = 0.1) -> BulkResult:
    """Store every acceptable item as a new article in ``seeds_dir``, with a catalog row.

    The same checks and safety as ``ingest_text`` (content-derived names, no overwrite, atomic
    writes), made linear for large imports: the folder's content hashes are computed once,
    under the ``flock`` that is held for the whole run (a browser save waits until it ends),
    and kept up to date in memory; catalog rows are written every ``batch_size`` items and at
    the end (also on Ctrl-C). ``existing_hashes`` (content hash -> file name, from an index)
    saves reading the folder; files it does not name are still read.

    Running the same import again is safe: what is already there counts as a duplicate, and a
    duplicate whose catalog row is missing (a run stopped between two catalog writes) gets its
    row. ``meta`` fills every new row; an item's own values (JSONL) take precedence.
    ``progress(done, total)`` is called at most every ``progress_every`` seconds and at the end.
    A failure that stops the run (no such folder, catalog.csv unreadable or not writable) is
    in ``error``; nothing after it was tried, and nothing before it is lost. Raises
    ``geo.access.AccessDenied`` when the serving mode forbids writing."""
    check_write()
    seeds = Path(seeds_dir)
    lim = limits or Limits()
    result = BulkResult()
    base = {k: str(v) for k, v in (meta or {}).items() if k in CATALOG_COLUMNS}
    unknown = sorted(set(meta or {}) - set(CATALOG_COLUMNS))
    if unknown:
        result.warnings.append(("meta", f"ignored unknown catalog field(s): "
                                        f"{', '.join(unknown)}"))
    if base.get("published") and not _iso_day(base["published"]):
        result.warnings.append(("meta", f"published {base['published']!r} is not an ISO date; "
                                        "dropped"))
        del base["published"]
    if not seeds.is_dir():
        result.error = f"seeds folder {seeds} does not exist"
        return result
    today = dt.date.today().isoformat()
    done, last_tick = 0, 0.0

    def tick(force: bool = False) -> None:
        nonlocal last_tick
        now = time.monotonic()
        if progress is not None and (force or now - last_tick >= progress_every):
            last_tick = now
            progress(done, max(total or 0, done))

    def row_for(article_id: str, item: Item) -> dict[str, str]:
        row = {**base, **{k: v for k, v in item.meta.items() if k in CATALOG_COLUMNS}}
        if "published" in item.meta and not base.get("date_method"):
            row["date_method"] = "given in the import file"
        row["article_id"] = article_id
        row.setdefault("added", today)
        return row

    pending: list[dict[str, str]] = []

    def flush() -> bool:
        if not pending:
            return True
        try:
            _append_catalog_rows(seeds, pending)
        except OSError as exc:
            result.error = (f"catalog.csv could not be written ({exc}); the {len(pending)} "
                            "article(s) added since the last write have no catalog row yet: "
                            "run the same import again to add them")
            return False
        pending.clear()
        return True

    with _locked(seeds):
        catalog = seeds / "catalog.csv"
        if catalog.exists() and not catalog.is_file():
            result.error = "catalog.csv is not a file; nothing was imported"
            return result
        try:
            in_catalog = _catalog_ids(seeds)
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            result.error = f"catalog.csv cannot be read ({exc}); nothing was imported"
            return result
        top, hashes = _scan(seeds, existing_hashes)
        tick(force=True)
        try:
            for item in items:
                done += 1
                top = _one(item, seeds, lim, hashes, in_catalog, pending, row_for, result, top)
                if len(pending) >= batch_size and not flush():
                    break
                tick()
        finally:
            flush()
    tick(force=True)
    return result


def _one(item: Item, seeds: Path, lim: Limits, hashes: dict[str, str], in_catalog: set[str],
         pending: list[dict[str, str]], row_for: Callable[[str, Item], dict[str, str]],
         result: BulkResult, top: int) -> int:
    """Decide about one item: skipped, refused, duplicate (restoring a missing catalog row)
    or added. Returns the highest article number now in use."""
    if item.skipped:
        result.skipped.append(item.where)
        return top
    result.warnings += [(item.where, w) for w in item.warnings]
    if item.refused:
        result.refused.append(Refusal(item.where, item.refused, item.message))
        return top
    try:
        text, _, warnings = _prepare(item.data, item.where, lim.max_entry_bytes)
        digest = content_hash(text)
        if digest in hashes:
            name = hashes[digest]
            result.duplicates.append((item.where, name))
            article_id = name[:-4]
            if article_id not in in_catalog:
                pending.append(row_for(article_id, item))
                in_catalog.add(article_id)
                result.restored_rows.append(article_id)
            return top
        try:
            path = _store(seeds, text.encode("utf-8"), digest, top)
        except OSError as exc:
            raise _Refused("write_failed", f"could not be written ({exc.strerror or exc})"
                           ) from None
    except _Refused as exc:
        result.refused.append(Refusal(item.where, exc.code, exc.message))
        return top
    hashes[digest] = path.name
    in_catalog.add(path.stem)
    pending.append(row_for(path.stem, item))
    result.added.append(path.stem)
    result.origin[path.stem] = item.where
    result.warnings += [(item.where, w) for w in warnings if not w.startswith(_ROUTINE)]
    return int(path.name.split("_", 1)[0])


def ingest_paths(paths: Iterable[str | Path], seeds_dir: Path | str = SEEDS_DIR, *,
                 meta: Mapping[str, str] | None = None,
                 existing_hashes: dict[str, str] | None = None, batch_size: int = 500,
                 limits: Limits | None = None,
                 progress: Callable[[int, int], None] | None = None) -> BulkResult:
    """Bulk-import files, folders, ``.zip`` archives and ``.jsonl`` files (see ``collect`` and
    ``ingest_items``)."""
    items, total = collect(paths, limits)
    return ingest_items(items, seeds_dir, meta=meta, existing_hashes=existing_hashes,
                        batch_size=batch_size, limits=limits, total=total, progress=progress)


def ingest_zip_bytes(data: bytes, label: str, seeds_dir: Path | str = SEEDS_DIR, *,
                     meta: Mapping[str, str] | None = None,
                     existing_hashes: dict[str, str] | None = None,
                     limits: Limits | None = None,
                     progress: Callable[[int, int], None] | None = None) -> BulkResult:
    """Bulk-import an uploaded ``.zip`` held in memory; ``label`` names it in the results."""
    lim = limits or Limits()
    shown = _shown(label)
    zf, total, refusal = _open_zip(io.BytesIO(data), shown, lim)
    items = iter([refusal]) if zf is None or refusal else _zip_items(zf, shown, lim)
    return ingest_items(items, seeds_dir, meta=meta, existing_hashes=existing_hashes,
                        limits=lim, total=total, progress=progress)


USAGE = ("usage: python -m geo ingest [--meta KEY=VALUE ...] [--seeds DIR] PATH [PATH ...]\n"
         "  PATH: an article file, a folder (*.txt, recursively), a .zip of .txt files, or a\n"
         "  .jsonl file (one {\"text\", \"title\", \"outlet\", \"url\", \"published\"} per line)\n"
         "  exit status: 0 nothing refused, 1 something refused, 2 usage error")
_LISTED = 10  # added/duplicate/skipped items named one by one up to this many
_WARNINGS_LISTED = 50


def _parse(argv: list[str]) -> tuple[list[str], dict[str, str], Path] | str:
    """``(paths, meta, seeds)``, or a usage error message ("" for --help)."""
    from geo import paths as geo_paths

    files: list[str] = []
    meta: dict[str, str] = {}
    seeds = geo_paths.SEEDS_DIR  # read now, not at import, so tests can point it elsewhere
    it = iter(argv)
    for a in it:
        if a in ("-h", "--help"):
            return ""
        if a == "--":
            files += list(it)
        elif a == "--meta" or a.startswith("--meta="):
            kv = a.split("=", 1)[1] if a.startswith("--meta=") else next(it, "")
            if "=" not in kv:
                return "--meta needs KEY=VALUE"
            k, v = kv.split("=", 1)
            meta[k] = v
        elif a == "--seeds" or a.startswith("--seeds="):
            value = a.split("=", 1)[1] if a.startswith("--seeds=") else next(it, "")
            if not value:
                return "--seeds needs a folder"
            seeds = Path(value)
        elif a.startswith("--"):
            return f"unknown option {a}"
        else:
            files.append(a)
    if not files:
        return "give at least one PATH"
    if not seeds.is_dir():
        return f"--seeds: {seeds} is not a folder"
    return files, meta, seeds


def _summary(result: BulkResult) -> str:
    parts = [f"added {len(result.added):,}", f"duplicates {len(result.duplicates):,}",
             f"refused {len(result.refused):,}"]
    if result.skipped:
        parts.append(f"skipped {len(result.skipped):,} (not .txt, hidden or a link)")
    if result.restored_rows:
        parts.append(f"catalog rows restored {len(result.restored_rows):,}")
    return ", ".join(parts)


def main(argv: list[str]) -> int:
    parsed = _parse(argv)
    if isinstance(parsed, str):
        if not parsed:
            print(USAGE)
            return 0
        print(f"geo ingest: {parsed}\n{USAGE}", file=sys.stderr)
        return 2
    files, meta, seeds = parsed
    from geo.index import ArticleIndex

    idx = ArticleIndex(Path(seeds))
    bar = TerminalBar()
    try:
        # The operator at the command line may write in editors mode; read-only still refuses.
        with granted("command line"):
            result = ingest_paths(files, seeds, meta=meta, progress=bar,
                                  existing_hashes=idx.known_hashes())
    except AccessDenied as exc:
        print(f"geo ingest: {exc}; set ATLAS_MODE=open for this command to import",
              file=sys.stderr)
        return 1
    finally:
        bar.close()
    for where, w in result.warnings[:_WARNINGS_LISTED]:
        print(f"warning: {where}: {w}", file=sys.stderr)
    if len(result.warnings) > _WARNINGS_LISTED:
        print(f"warning: ... and {len(result.warnings) - _WARNINGS_LISTED:,} more warnings",
              file=sys.stderr)
    for r in result.refused:
        print(f"refused: {r.where}: {r.message}", file=sys.stderr)
    if result.error:
        print(f"geo ingest: stopped: {result.error}", file=sys.stderr)
    if len(result.added) <= _LISTED:
        for aid in result.added:
            print(f"added {aid}.txt from {result.origin[aid]}")
    if len(result.duplicates) <= _LISTED:
        for where, name in result.duplicates:
            print(f"duplicate {where} is already {name}")
    if len(result.skipped) <= _LISTED:
        for where in result.skipped:
            print(f"skipped {where}")
    print(_summary(result))
    if result.added and idx.path.exists():
        # Only the new articles are linked; without an index, the app or `geo index` builds it.
        summary = idx.add_files([f"{aid}.txt" for aid in result.added])
        print(f"index: {summary.added:,} linked ({summary.total:,} articles in the index)"
              if not summary.rebuilt else "index: out of date; run python -m geo index")
    return 0 if result.ok else 1
