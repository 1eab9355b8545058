"""One article as the archive index stores it: a typed, serialisable record of the linker's work.

An ``ArticleRecord`` is made once per article file (``make_record``) by reading, decoding and
linking it, and is then only stored and read back. Everything in it is a plain value (strings,
numbers, JSON text), so the same record can travel through a Parquet shard from a Dask worker
and be compared field for field with one made in the main process.

``record_article`` and ``record_links`` rebuild the ``Article`` and ``ArticleLinks`` objects the
reader and the evidence views already know, without touching the file or the linker again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zlib
from dataclasses import dataclass, fields
from itertools import pairwise
from pathlib import Path
from typing import Any

from geo.arabic import normalise, normalise_pieces
from geo.corpus import Article, CatalogRow, Furniture, read_article
from geo.dates import DateMention
from geo.forces import ForceCandidate
from geo.forces import Span as ForceSpan
from geo.linker import ArticleLinks, Linker, Mention, PlaceMention, Span, ZoneLink

STRENGTH_RANK = {"weak": 0, "medium": 1, "strong": 2}
UNDATED_SORT_KEY = "9999-12-31"  # undated articles list after every dated one


def catalog_hash(row: CatalogRow | None) -> str:
    """A short fingerprint of an article's catalog row ("" when it has none): when it changes,
    the article is linked again (its publication date anchors relative dates)."""
    if row is None:
        return ""
    # (Field by field: dataclasses.astuple deep-copies every value, a fifth of this cost.)
    values = [("" if v is None else v.isoformat() if isinstance(v, dt.date) else str(v))
              for v in map(row.__getattribute__, _CATALOG_FIELDS)]
    return hashlib.sha256("\x1f".join(values).encode("utf-8")).hexdigest()[:16]


_CATALOG_FIELDS = tuple(f.name for f in fields(CatalogRow))


@dataclass(frozen=True)
class ArticleRecord:
    """Everything the index keeps for one article file. ``*_json`` fields are JSON text."""

    article_id: str
    file: str  # the file's name inside the articles folder
    size: int
    mtime_ns: int
    content_hash: str
    catalog_hash: str
    outlet_en: str
    outlet_ar: str
    url: str
    published: str  # ISO day, or "" when not known
    date_method: str
    date_confidence: float | None
    date_evidence: str
    added: str
    title: str
    encoding: str
    text: str
    article_json: str  # title line, title span, body spans, furniture, reading warnings
    links_json: str  # ArticleLinks.to_json() without the file path
    search_title: str  # normalised title, for full-text search
    search_body: str  # normalised body (furniture left out), for full-text search
    linker_version: str

    @property
    def sort_key(self) -> str:
        return self.published or UNDATED_SORT_KEY

    @property
    def published_date(self) -> dt.date | None:
        return dt.date.fromisoformat(self.published) if self.published else None

    def zone_strengths(self) -> dict[str, str]:
        """Zone id → the link's strength (strongest mention)."""
        return {z["id"]: z["strength"] for z in json.loads(self.links_json)["zones"]}

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleRecord:
        values = {f.name: data[f.name] for f in fields(cls)}
        values["date_confidence"] = confidence_value(values["date_confidence"])
        values["size"], values["mtime_ns"] = int(values["size"]), int(values["mtime_ns"])
        return cls(**values)


RECORD_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(ArticleRecord))


def confidence_value(conf: float | None) -> float | None:
    """A stored date confidence as the record keeps it: Parquet and SQLite hand back NaN or
    None for a missing float; one spelling, None."""
    return None if conf is None or conf != conf else float(conf)


def make_record(path: Path, catalog: dict[str, CatalogRow], linker: Linker,
                linker_version: str) -> ArticleRecord:
    """Read, decode and link one article file. Raises ``geo.corpus.ArticleError`` (one readable
    sentence) for a file that cannot be used."""
    st = path.stat()
    art = read_article(path, catalog)
    return record_from_article(art, path.name, st.st_size, st.st_mtime_ns, linker,
                               linker_version)


def make_index_row(path: Path, catalog: dict[str, CatalogRow], linker: Linker,
                   linker_version: str) -> IndexRow:
    """``index_row(make_record(...))``, without reading back the findings the record was just
    made from (the JSON text is parsed again only for a record read from storage)."""
    st = path.stat()
    art = read_article(path, catalog)
    rec, data = _record_and_findings(art, path.name, st.st_size, st.st_mtime_ns, linker,
                                     linker_version)
    return index_row(rec, findings=data)


def record_from_article(art: Article, file: str, size: int, mtime_ns: int, linker: Linker,
                        linker_version: str) -> ArticleRecord:
    return _record_and_findings(art, file, size, mtime_ns, linker, linker_version)[0]


def _record_and_findings(art: Article, file: str, size: int, mtime_ns: int, linker: Linker,
                         linker_version: str) -> tuple[ArticleRecord, dict[str, Any]]:
    links = linker.link(art)
    data = links.to_json()
    data.pop("file", None)  # a machine's own path: the index knows the folder
    cat = art.catalog
    search_body, digest = _search_text_and_hash(art)
    return ArticleRecord(
        article_id=art.article_id, file=file, size=size, mtime_ns=mtime_ns,
        content_hash=digest, catalog_hash=catalog_hash(cat),
        outlet_en=cat.outlet_en if cat else "", outlet_ar=cat.outlet_ar if cat else "",
        url=cat.url if cat else "",
        published=cat.published.isoformat() if cat and cat.published else "",
        date_method=cat.date_method if cat else "",
        date_confidence=cat.date_confidence if cat else None,
        date_evidence=cat.date_evidence if cat else "",
        added=cat.added.isoformat() if cat and cat.added else "",
        title=art.title, encoding=art.encoding, text=art.text,
        article_json=json.dumps({
            "title_raw": art.title_raw, "title_span": list(art.title_span),
            "body_spans": [list(s) for s in art.body_spans],
            "furniture": [[f.start, f.end, f.kind] for f in art.furniture],
            "warnings": art.warnings}, ensure_ascii=False, separators=(",", ":")),
        links_json=json.dumps(data, ensure_ascii=False, separators=(",", ":")),
        search_title=normalise(art.title), search_body=search_body,
        linker_version=linker_version), data


def _search_text_and_hash(art: Article) -> tuple[str, str]:
    """The normalised body for search and ``geo.ingest.content_hash(art.text)`` (the hash that
    decides duplicates at import), from one normalising pass:
    the text is cut at the body spans' edges and each piece normalised once. Normalising is
    per character (then spaces collapse), so the pieces joined hash exactly as the whole."""
    text = art.text
    spans = body_without_title(art)
    cuts = sorted({0, len(text), *(x for span in spans for x in span)})
    norm = dict(zip(pairwise(cuts), normalise_pieces(text, cuts), strict=True))
    body = "\n".join(" ".join(norm[k] for k in _pieces(cuts, a, b)) for a, b in spans)
    whole = " ".join(" ".join(norm.values()).split())
    return body, hashlib.sha256(whole.encode("utf-8")).hexdigest()


def search_text(text: str, title: str, article_json: str) -> tuple[str, str]:
    """(search title, search body) of a stored article, as ``record_from_article`` made them:
    the index gives them to full-text search again to delete an article from it."""
    a = json.loads(article_json)
    art = Article(article_id="", path=Path(), text=text, encoding="", title=title,
                  title_raw=a["title_raw"], title_span=(a["title_span"][0], a["title_span"][1]),
                  body_spans=[(s[0], s[1]) for s in a["body_spans"]], furniture=[])
    return normalise(title), _search_text_and_hash(art)[0]


def _pieces(cuts: list[int], a: int, b: int) -> list[tuple[int, int]]:
    inside = [c for c in cuts if a <= c <= b]
    return list(pairwise(inside))


def body_without_title(art: Article) -> list[tuple[int, int]]:
    """The body spans with the title line cut out (the reader shows the title on its own)."""
    out = []
    for a, b in art.body_spans:
        if a <= art.title_span[0] and art.title_span[1] <= b:
            a = max(a, art.title_span[1])
        if b > a and art.text[a:b].strip():
            out.append((a, b))
    return out


SEARCH_SEP = "\x1f"  # between the title and the body in the stored search text


def stored_blobs(rec: ArticleRecord) -> tuple[bytes, bytes]:
    """The compressed text and findings the index stores for the record: made where the
    record is made (a Dask worker, in parallel), not in the process writing SQLite. (The search
    text is not stored: ``search_text`` makes it again from these when it is needed.)"""
    return compress_text(rec.text), compress_text(rec.links_json)


# The ``articles`` columns an IndexRow fills, in order (the row id is given when it is written).
ARTICLE_COLUMNS: tuple[str, ...] = (
    "article_id", "file", "size", "mtime_ns", "content_hash", "catalog_hash", "outlet_en",
    "outlet_ar", "url", "published", "sort_key", "date_method", "date_confidence",
    "date_evidence", "added", "title", "encoding", "zones", "text_z", "article_json",
    "links_z", "linker_version")
ZONE_LINK_COLUMNS = ("zone_id", "strength", "kinds", "mentions", "sort_key")
PLACE_COLUMNS = ("geonameid", "zone_id", "name_en", "name_ar", "lat", "lon", "start", "end")
_COLUMN = {c: k for k, c in enumerate(ARTICLE_COLUMNS)}


@dataclass(frozen=True)
class IndexRow:
    """One article as the index's tables take it: made where the record is made (a Dask worker
    makes them in parallel), so the process writing SQLite only binds values."""

    article: tuple[Any, ...]  # ARTICLE_COLUMNS
    zone_links: tuple[tuple[Any, ...], ...]  # ZONE_LINK_COLUMNS, one per linked zone
    places: tuple[tuple[Any, ...], ...]  # PLACE_COLUMNS, one per place mention
    search_title: str
    search_body: str

    @property
    def file(self) -> str:
        return self.article[_COLUMN["file"]]

    @property
    def hashes(self) -> tuple[str, str]:
        """(content hash, catalog hash): equal hashes mean nothing to relink."""
        return self.article[_COLUMN["content_hash"]], self.article[_COLUMN["catalog_hash"]]

    @property
    def stat(self) -> tuple[int, int]:
        return self.article[_COLUMN["size"]], self.article[_COLUMN["mtime_ns"]]


def index_row(rec: ArticleRecord, blobs: tuple[bytes, bytes] | None = None,
              findings: dict[str, Any] | None = None) -> IndexRow:
    """The index's rows for one record (``blobs``: its ``stored_blobs`` if already made;
    ``findings``: ``json.loads(rec.links_json)`` if at hand)."""
    text_z, links_z = blobs or stored_blobs(rec)
    links = json.loads(rec.links_json) if findings is None else findings
    medium = STRENGTH_RANK["medium"]
    zones = " ".join(z["id"] for z in links["zones"] if STRENGTH_RANK[z["strength"]] >= medium)
    values = {**rec.to_dict(), "sort_key": rec.sort_key, "zones": zones, "text_z": text_z,
              "links_z": links_z}
    return IndexRow(
        tuple(values[c] for c in ARTICLE_COLUMNS),
        tuple((z["id"], STRENGTH_RANK[z["strength"]],
               " ".join(sorted({m["kind"] for m in z["mentions"]})), len(z["mentions"]),
               rec.sort_key) for z in links["zones"]),
        tuple((p["geonameid"], p["zone_id"], p["name_en"], p["name_ar"], p["lat"], p["lon"],
               p["start"], p["end"]) for p in links["places"]),
        rec.search_title, rec.search_body)


def compress_text(text: str) -> bytes:
    # Level 1: a third of level 6's time for a few per cent more bytes; every article pays it.
    return zlib.compress(text.encode("utf-8"), 1)


def decompress_text(blob: bytes) -> str:
    return zlib.decompress(blob).decode("utf-8")


def record_catalog(rec: ArticleRecord) -> CatalogRow | None:
    """The catalog row as it was when the article was linked (None when it had none)."""
    if not rec.catalog_hash:
        return None
    return CatalogRow(article_id=rec.article_id, outlet_en=rec.outlet_en,
                      outlet_ar=rec.outlet_ar, url=rec.url, published=rec.published_date,
                      date_method=rec.date_method, date_confidence=rec.date_confidence,
                      date_evidence=rec.date_evidence,
                      added=dt.date.fromisoformat(rec.added) if rec.added else None)


def record_article(rec: ArticleRecord, folder: Path | None = None) -> Article:
    """The ``Article`` the record was made from (text, title, body and furniture spans)."""
    a = json.loads(rec.article_json)
    return Article(article_id=rec.article_id, path=(folder or Path()) / rec.file, text=rec.text,
                   encoding=rec.encoding, title=rec.title, title_raw=a["title_raw"],
                   title_span=(a["title_span"][0], a["title_span"][1]),
                   body_spans=[(s[0], s[1]) for s in a["body_spans"]],
                   furniture=[Furniture(s, e, k) for s, e, k in a["furniture"]],
                   warnings=list(a["warnings"]), catalog=record_catalog(rec))


def record_links(rec: ArticleRecord, folder: Path | None = None) -> ArticleLinks:
    """The linker's findings as the objects ``geo.linker`` returns."""
    d = json.loads(rec.links_json)
    out = ArticleLinks(rec.article_id, d["title"], file=str((folder or Path()) / rec.file),
                       warnings=list(d["warnings"]))
    out.zones = [ZoneLink(z["id"], [Mention(**m) for m in z["mentions"]]) for z in d["zones"]]
    out.general = [Span(**g) for g in d["general"]]
    out.dates = [DateMention(**x) for x in d["dates"]]
    out.places = [PlaceMention(**p) for p in d["places"]]
    out.forces = [_force(f) for f in d["forces"]]
    out.set_aside = [ZoneLink(z["id"], [Mention(**m) for m in z["mentions"]])
                     for z in d.get("set_aside", ())]  # issue 12; absent in older indexes
    return out


def _force(f: dict[str, Any]) -> ForceCandidate:
    cond = f["condition"]
    return ForceCandidate(start=f["start"], end=f["end"], text=f["text"], actor=f["actor"],
                          actors=tuple(f["actors"]), force_type=f["force_type"],
                          zones=tuple(f["zones"]), stance=f["stance"],
                          condition=ForceSpan(**cond) if cond else None, cues=tuple(f["cues"]))
