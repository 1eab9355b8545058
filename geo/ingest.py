"""``python -m geo ingest FILE``: add an article to ``seeds/`` safely.

* The new file's name is derived from its content (``NNN_<sha16>.txt``), never from the name
  it arrived with, so ``../../etc/x``, absolute paths and hidden names cannot place it anywhere.
* Never overwrites: the file is written to a temporary name in ``seeds/`` and then hard-linked
  to its final name, which fails if that name exists (two concurrent ingests cannot clobber
  each other; the loser retries with the next number).
* The duplicate check and the numbering run under an exclusive ``flock`` on the ``seeds/`` folder,
  so two processes ingesting the same text cannot both succeed.
* Refused, with a message and exit status 1: binary data, more than ``MAX_INGEST_BYTES``, empty
  or whitespace-only text, text that is neither UTF-8 nor Windows-1256, and content already in
  ``seeds/`` (same normalised text). A title-only article is accepted with a warning.
* Optional catalog row: appended by rewriting ``catalog.csv`` to a temporary file and
  ``os.replace``-ing it, under the same lock. If that fails the new article is removed again,
  so a failed save leaves ``seeds/`` as it was.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import fcntl
import hashlib
import io
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from geo.arabic import normalise
from geo.corpus import CATALOG_COLUMNS, ArticleError, article_from_text, clean_text, decode_bytes
from geo.paths import SEEDS_DIR

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
                meta: dict[str, str] | None = None) -> IngestResult:
    """Check ``data`` and store it as a new article in ``seeds_dir`` (see module docstring)."""
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
        top, hashes = _existing(seeds)
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


def main(argv: list[str]) -> int:
    usage = "usage: python -m geo ingest [--meta KEY=VALUE ...] FILE"
    files: list[str] = []
    meta: dict[str, str] = {}
    it = iter(argv)
    for a in it:
        if a in ("-h", "--help"):
            print(usage)
            return 0
        if a == "--meta":
            kv = next(it, "")
            if "=" not in kv:
                print(f"geo ingest: --meta needs KEY=VALUE\n{usage}", file=sys.stderr)
                return 2
            k, v = kv.split("=", 1)
            meta[k] = v
        elif a.startswith("--"):
            print(f"geo ingest: unknown option {a}\n{usage}", file=sys.stderr)
            return 2
        else:
            files.append(a)
    if len(files) != 1:
        print(usage, file=sys.stderr)
        return 2
    p = Path(files[0])
    try:
        if p.is_dir():
            raise IsADirectoryError(str(p))
        with p.open("rb") as fh:
            data = fh.read(MAX_INGEST_BYTES + 1)
    except FileNotFoundError:
        print(f"geo ingest: {p}: file not found", file=sys.stderr)
        return 1
    except IsADirectoryError:
        print(f"geo ingest: {p}: is a directory, not a file", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"geo ingest: {p}: cannot be read ({exc.strerror or exc})", file=sys.stderr)
        return 1
    result = ingest_text(data, files[0], meta=meta or None)
    for w in result.warnings:
        print(f"warning: {w}", file=sys.stderr)
    print(("geo ingest: " if not result.ok else "") + result.message,
          file=sys.stdout if result.ok else sys.stderr)
    return 0 if result.ok else 1
