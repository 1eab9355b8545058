"""Reading article files and telling the article body from the page furniture around it.

An ``Article`` keeps the decoded text (CRLF → LF, NUL bytes dropped, both reported) and marks
which character ranges are *body* and which are *furniture*: the site name in the title, the
"related articles" / "اقرأ أيضا" lists, footers, sign-offs and TV studio captions. Matchers
only report mentions inside the body, so a 2024 "related article" under a 2017 story can never
put a date or a zone on it.

The furniture rules are general, line-based rules (documented on each one below), never
per-file offsets.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from geo.arabic import normalise
from geo.paths import CATALOG_PATH, SEEDS_DIR
from geo.problems import Problem, display_path

MAX_ARTICLE_BYTES = 5 * 1024 * 1024
CATALOG_COLUMNS = ("article_id", "outlet_en", "outlet_ar", "url", "published", "date_method",
                   "date_confidence", "date_evidence", "added")

# Outlet names met as title prefixes/suffixes and as lone sign-off lines (normalised on use).
KNOWN_SITES = ("أخبار الآن", "اخبار الان", "سيريانيوز", "سيريا نيوز", "بلدي نيوز", "العربية",
               "العربية نت", "إرنا", "ارنا", "عنب بلدي", "الجزيرة نت", "الدرر الشامية",
               "سبوتنيك", "روسيا اليوم", "It's Over 9000!", "syria.news")


class ArticleError(Exception):
    """An article file that cannot be used at all; ``str(err)`` is one readable sentence."""

    def __init__(self, path: Path | str, message: str):
        self.path = str(path)
        self.message = message
        super().__init__(f"{self.path}: {message}")


@dataclass(frozen=True)
class Furniture:
    start: int
    end: int
    kind: str  # "title-site", "related", "footer", "sign-off", "studio", "nav"


@dataclass(frozen=True)
class CatalogRow:
    article_id: str
    outlet_en: str
    outlet_ar: str
    url: str
    published: dt.date | None
    date_method: str
    date_confidence: float | None
    date_evidence: str
    added: dt.date | None


@dataclass
class Article:
    article_id: str
    path: Path
    text: str
    encoding: str
    title: str
    title_raw: str
    title_span: tuple[int, int]
    body_spans: list[tuple[int, int]]
    furniture: list[Furniture]
    warnings: list[str] = field(default_factory=list)
    catalog: CatalogRow | None = None

    @property
    def published(self) -> dt.date | None:
        return self.catalog.published if self.catalog else None

    def in_body(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` lies entirely inside one body span."""
        return any(a <= start and end <= b for a, b in self.body_spans)

    @property
    def body_text(self) -> str:
        return "\n".join(self.text[a:b] for a, b in self.body_spans)


@dataclass
class Corpus:
    articles: list[Article]
    problems: list[Problem]

    def by_id(self) -> dict[str, Article]:
        return {a.article_id: a for a in self.articles}


# --------------------------------------------------------------------------- decoding


_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def _looks_binary(raw: bytes) -> str | None:
    """A reason if ``raw`` is not text. Looks at the first 64 KiB: known binary signatures, or
    too many control bytes (NUL included; a stray NUL in a text is tolerated and removed)."""
    head = raw[:65536]
    for sig, name in ((b"%PDF", "PDF"), (b"\x89PNG", "PNG image"), (b"PK\x03\x04", "ZIP/Office"),
                      (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"),
                      (b"\x7fELF", "executable")):
        if head.startswith(sig):
            return f"binary file ({name}), not text"
    # Counted by deleting the control bytes in C (a generator over 64 KiB cost more than
    # linking the article).
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if head and controls / len(head) > 0.05:
        return f"binary file ({controls} control bytes in the first {len(head)}), not text"
    return None


def decode_bytes(raw: bytes, where: str = "<bytes>") -> tuple[str, str, list[str]]:
    """``(text, encoding, warnings)``: UTF-8, UTF-8 with BOM, UTF-16 with BOM, then Windows-1256
    (the legacy Arabic code page, which decodes any byte, so it is tried last and reported).
    Raises ArticleError for binary or empty input."""
    warnings: list[str] = []
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "utf-16", ["decoded as UTF-16 (byte-order mark found)"]
        except UnicodeDecodeError:
            raise ArticleError(where, "starts with a UTF-16 byte-order mark but is not "
                                      "valid UTF-16") from None
    reason = _looks_binary(raw)
    if reason:
        raise ArticleError(where, reason)
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            return raw[3:].decode("utf-8"), "utf-8-sig", warnings
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8"), "utf-8", warnings
    except UnicodeDecodeError as exc:
        bad = exc.start
    text = raw.decode("cp1256")
    # Windows-1256 decodes any byte, so judge the result: real Arabic text is mostly core Arabic
    # letters (or Latin); bytes in another encoding come out as rare Persian/Urdu letters.
    letters = [ch for ch in text if ch.isalpha()]
    usual = sum(1 for ch in letters if "\u0621" <= ch <= "\u064a" or ch.isascii())
    if not re.search("[\u0621-\u064a]", text) or usual < 0.8 * len(letters):
        raise ArticleError(where, f"not UTF-8 (invalid byte at offset {bad}) and not Arabic "
                                  "Windows-1256 text either; re-save it as UTF-8")
    warnings.append(f"not valid UTF-8 (invalid byte at offset {bad}); decoded as Windows-1256")
    return text, "cp1256", warnings


def clean_text(text: str) -> tuple[str, list[str]]:
    """CRLF/CR → LF and NUL removal, with a warning for each change made."""
    warnings = []
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        warnings.append("line endings converted from CRLF/CR to LF")
    if "\x00" in text:
        n = text.count("\x00")
        text = text.replace("\x00", "")
        warnings.append(f"removed {n} NUL byte(s)")
    return text, warnings


_HTML_RE = re.compile(r"<\s*/?\s*(script|style|iframe|img|p|div|span|a|br|html|body|head|table|"
                      r"svg|object|embed|form|input)\b[^>]*>", re.I)


# --------------------------------------------------------------------------- furniture

_SITES_NORM = {normalise(s).strip() for s in KNOWN_SITES}
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")
_LATIN_LETTER = re.compile("[A-Za-z]")
# Headers that open a list of links to other articles (normalised forms).
_RELATED_HEADERS = ("مقالات ذات صله", "مواضيع ذات صله", "اخبار ذات صله", "اقرا ايضا",
                    "اقرا المزيد", "اقرا كذلك", "related articles", "related", "read more",
                    "read also", "see also")
_RELATED_RE = re.compile(r"^\s*(" + "|".join(_RELATED_HEADERS) + r")\s*[:：.]?\s*(.*)$")
_FOOTER_RE = re.compile(r"©|\(c\) ?\d{4}|all rights reserved|جميع الحقوق محفوظه|"
                        r"[\w.+-]+@[\w-]+\.[\w.]+|\[email\s*protected\]|^\s*contact( us)?\s*$")
# TV captions naming the studio guest ("معنا من الريحانية ...", "ينضم إلينا ...").
_FOOTER_HINT = re.compile(r"©|@|\[email|rights reserved|الحقوق محفوظة|الحقوق محفوظه", re.I)
_STUDIO_CUES = ("معنا من", "معنا في", "معنا عبر", "ينضم الينا", "ينضم معنا")
_STUDIO_RE = re.compile(r"^\s*(" + "|".join(_STUDIO_CUES) + r")\b")
# A line's normalised head can only start a header or a caption with one of these pairs of
# letters (every header and cue is at least two letters long).
_HEAD_PAIRS = frozenset(w[:2] for w in (*_RELATED_HEADERS, *_STUDIO_CUES))
_LEAD_CACHE: dict[str, bool] = {}


def _may_open_header(raw: str) -> bool:
    """False when the normalised start of ``raw`` (a non-blank line) cannot begin a related
    header or studio caption: its first two visible characters normalise to two letters that
    no header or cue starts with. Saves normalising the head of almost every prose line (a
    first letter alone would not do: "ال" starts most Arabic lines, and "اقرا" too)."""
    pair = (raw.lstrip() if raw[0].isspace() else raw)[:2]
    hit = _LEAD_CACHE.get(pair)
    if hit is None:
        # A character that normalises to nothing, to a space or to several characters (a
        # mark, a format character, a presentation form) hides where the head really starts:
        # then the full head decides.
        plain = len(pair) == 2 and all(len(normalise(c).strip()) == 1 for c in pair)
        hit = _LEAD_CACHE[pair] = not plain or normalise(pair) in _HEAD_PAIRS
    return hit


# Every _FOOTER_HINT match contains one of these (under re.I only "v"/"V" match "v", and
# Arabic letters have no case), so a line without any of them cannot match: a quick test
# that saves the case-insensitive scan of almost every prose line.
_FOOTER_HINT_NEEDS = ("©", "@", "[", "v", "V", "الحقوق محفوظ")
_FOOTER_HINT_CHARS = re.compile("[©@\\[vV]")  # the one-character needs


def _has_footer_hint_char(line: str) -> bool:
    """``bool(_FOOTER_HINT_CHARS.search(line))``, with ``in`` per character: the regex engine
    tests each character of an Arabic line against the class (over ten times slower), and this
    runs on every prose line of every article."""
    return "v" in line or "@" in line or "[" in line or "V" in line or "©" in line


# Likewise every _FOOTER_RE match (no re.I there; the line is normalised, so casefolded).
_FOOTER_NEEDS = ("©", "(", "v", "جميع الحقوق محفوظه", "@", "[", "contact")
_RELATED_ITEM_MAX_WORDS = 20


def _is_site(segment: str) -> bool:
    seg = normalise(segment).strip(" |-–—:")
    if not seg:
        return False
    return seg in _SITES_NORM


_TITLE_HEAD_RE = re.compile(r"^\s*([^|\-–—:]{1,40}?)\s*[|\-–—:]")
_TITLE_TAIL_RE = re.compile(r"\s[|\-–—]\s*([^|\-–—]{1,40})\s*$")


# A dateline standing where a headline should be: "City- Country (Reporter)" or "City - Agency".
_DATELINE_RE = re.compile(
    r"^(?P<place>[^\s\-–—:|()«»\"]+(?:\s[^\s\-–—:|()«»\"]+){0,2})\s*[-–—]\s*"
    r"(?P<rest>[^\-–—:|()«»\"]+?)\s*(?P<by>\([^()]{2,40}\))?\s*$")


def dateline_title(title: str) -> bool:
    """True when an article's first line is a dateline, not a headline (seed 003:
    ``دبي- الإمارات العربية المتحدة (ألفة الجامي)``): place, dash, place or agency, and a
    reporter's name in brackets, or at most two words each side of the dash."""
    m = _DATELINE_RE.match(title.strip())
    if not m:
        return False
    words_rest = len(m.group("rest").split())
    if m.group("by"):
        return words_rest <= 5
    return words_rest <= 2 and len(m.group("place").split()) <= 2


def article_title(title: str, lang: str = "en") -> str:
    """An article's title as every page and citation shows it: the headline, or, when the
    first line is a dateline, the dateline marked as such (never passed off as a headline)."""
    from geo.i18n import t

    if dateline_title(title):
        return t("msg.dateline_title", lang, dateline=title.strip())
    return title


def _split_title(line: str) -> tuple[int, int]:
    """``(a, b)`` offsets of the headline inside the title line, without the site name.

    A leading segment before ``|``/``-`` is furniture when it is a known outlet name
    (``أخبار الآن|``); a trailing segment after `` - ``/``|`` is furniture when it is a known
    outlet or has Latin letters but no Arabic while the rest is Arabic (``- It's Over 9000!``).
    """
    a, b = 0, len(line)
    m = _TITLE_HEAD_RE.match(line)
    if m and _is_site(m.group(1)):
        a = m.end()
    m = _TITLE_TAIL_RE.search(line[a:])
    if m:
        tail = m.group(1)
        head = line[a:a + m.start()]
        latin_tail = (_LATIN_LETTER.search(tail) and not _ARABIC_LETTER.search(tail)
                      and _ARABIC_LETTER.search(head))
        if _is_site(tail) or latin_tail:
            b = a + m.start()
    while a < b and line[a].isspace():
        a += 1
    while b > a and line[b - 1].isspace():
        b -= 1
    return a, b


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        end = pos + len(line)
        out.append((pos, end))
        pos = end + 1
    return out


def find_furniture(text: str) -> tuple[tuple[int, int] | None, list[Furniture]]:
    """The title line's headline span and the furniture spans of ``text`` (line rules)."""
    lines = _lines(text)
    furniture: list[Furniture] = []
    title_span = None
    arabic_text = bool(_ARABIC_LETTER.search(text))
    first = next((k for k, (s, e) in enumerate(lines) if text[s:e].strip()), None)
    if first is not None:
        s, e = lines[first]
        a, b = _split_title(text[s:e])
        title_span = (s + a, s + b)
        if text[s:s + a].strip():
            furniture.append(Furniture(s, s + a, "title-site"))
        if text[s + b:e].strip():
            furniture.append(Furniture(s + b, e, "title-site"))
    k = 0 if first is None else first + 1
    while k < len(lines):
        s, e = lines[k]
        raw = text[s:e]
        k += 1
        if not raw.strip():
            continue
        # Only the start of a line decides headers and captions, and footers/sign-offs/nav
        # lines are short or carry a marker, so long prose lines are never normalised whole
        # (this runs on every article and must stay cheap).
        head = normalise(raw[:40]).strip() if _may_open_header(raw) else ""
        # (Neither pattern matches an empty head: each needs a header or cue word.)
        m = _RELATED_RE.match(head) if head else None
        if m and len(raw.split()) <= 6 + len(m.group(2).split()):
            furniture.append(Furniture(s, e, "related"))
            if not m.group(2):
                # A bare header: the short link titles that follow belong to it, up to the
                # first long (prose-length) line.
                while k < len(lines):
                    s2, e2 = lines[k]
                    words = len(text[s2:e2].split())
                    if words > _RELATED_ITEM_MAX_WORDS:
                        break
                    if words:
                        furniture.append(Furniture(s2, e2, "related"))
                    k += 1
            continue
        if head and _STUDIO_RE.match(head):
            furniture.append(Furniture(s, e, "studio"))
            continue
        # More than 12 words (split stops after 12: only the first words are looked at).
        if len(raw.split(None, 12)) > 12 and not (
                (_has_footer_hint_char(raw) or "الحقوق محفوظ" in raw)
                and _FOOTER_HINT.search(raw)):
            continue
        norm = normalise(raw).strip()
        if any(w in norm for w in _FOOTER_NEEDS) and _FOOTER_RE.search(norm):
            furniture.append(Furniture(s, e, "footer"))
        elif norm.strip(" .-–—|") in _SITES_NORM:
            furniture.append(Furniture(s, e, "sign-off"))
        elif "|" in norm and _is_nav(norm):
            furniture.append(Furniture(s, e, "nav"))
        elif arabic_text and _is_latin_stub(norm):
            furniture.append(Furniture(s, e, "footer"))
    return title_span, furniture


def _is_nav(norm: str) -> bool:
    # "| إرسال مساهمتك | نموذج الاتصال": short segments of words separated by bars. A dateline
    # like "27.05.2017 | 13:29" has no letters and stays in the body for the date extractor.
    segs = [p.strip() for p in norm.split("|") if p.strip()]
    return (len(segs) >= 1 and all(len(p.split()) <= 4 for p in segs)
            and all(any(c.isalpha() for c in p) for p in segs) and len(norm.split()) <= 12)


def _is_latin_stub(norm: str) -> bool:
    # A lone short Latin line ("Contact", "Share") inside an Arabic article is site chrome.
    return (bool(_LATIN_LETTER.search(norm)) and not _ARABIC_LETTER.search(norm)
            and len(norm.split()) <= 3)


def _body_spans(text: str, furniture: list[Furniture]) -> list[tuple[int, int]]:
    cuts = sorted((f.start, f.end) for f in furniture)
    spans, pos = [], 0
    for a, b in cuts:
        if a > pos:
            spans.append((pos, a))
        pos = max(pos, b)
    if pos < len(text):
        spans.append((pos, len(text)))
    # Trim whitespace so spans start and end on text.
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b))
    return out


# --------------------------------------------------------------------------- articles


def article_from_text(text: str, article_id: str, path: Path | str = "<text>",
                      encoding: str = "str", warnings: list[str] | None = None) -> Article:
    """Build an Article from already decoded text (used by ``read_article`` and tests)."""
    warns = list(warnings or [])
    text, more = clean_text(text)
    warns += more
    if not text.strip():
        raise ArticleError(path, "empty: the file has no text (only whitespace)")
    if _HTML_RE.search(text):
        warns.append("contains HTML markup; it is treated as plain text, not rendered or removed")
    title_span, furniture = find_furniture(text)
    assert title_span is not None  # text has a non-empty line
    title_raw_line = _first_nonblank_line(text)
    body = _body_spans(text, furniture)
    title = text[title_span[0]:title_span[1]].strip()
    title_line_end = text.find("\n", title_span[1])
    if title_line_end < 0 or not any(b > title_line_end for _, b in body):
        warns.append("title only: no body text after the title line")
    return Article(article_id=article_id, path=path if isinstance(path, Path) else Path(path),
                   text=text, encoding=encoding,
                   title=title or title_raw_line.strip(), title_raw=title_raw_line.strip(),
                   title_span=title_span, body_spans=body, furniture=furniture, warnings=warns)


def _first_nonblank_line(text: str) -> str:
    """``next(line for line in text.split("\n") if line.strip())`` for a text that has such a
    line, without splitting the whole article (the title is on one of its first lines)."""
    pos = 0
    while True:
        end = text.find("\n", pos)
        if end < 0:
            return text[pos:]
        if text[pos:end].strip():
            return text[pos:end]
        pos = end + 1


def read_article(path: Path | str, catalog: dict[str, CatalogRow] | None = None) -> Article:
    """Read and decode one article file; raises ArticleError with a clear message."""
    p = Path(path)
    raw = _read_plain_file(p)
    if raw is None:
        raw = _read_checked(p)
    if not raw.strip():
        raise ArticleError(display_path(p), "empty: the file has no text")
    try:
        text, encoding, warns = decode_bytes(raw, "")
    except ArticleError as exc:
        raise ArticleError(display_path(p), exc.message) from None
    art = article_from_text(text, p.stem, p, encoding, warns)
    if catalog is not None:
        art.catalog = catalog.get(art.article_id)
    return art


def _read_plain_file(p: Path) -> bytes | None:
    """The bytes of a readable regular file within the size limit, through one descriptor
    (open, fstat, read: cheaper than stat + open() + a buffered reader); None for anything
    else, which ``_read_checked`` then examines and reports."""
    try:
        fd = os.open(p, os.O_RDONLY)
    except (OSError, ValueError):
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_ARTICLE_BYTES:
            return None
        chunks = []
        while chunk := os.read(fd, max(st.st_size, 1 << 16)):
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)


def _read_checked(p: Path) -> bytes:
    """Read ``p`` with every check, raising ArticleError with the reason it cannot be used."""
    # display_path resolves the path (a few syscalls): only error messages need it, so it is
    # computed only when there is one.
    try:
        st = os.stat(p)  # one stat for "is it a directory" and the size
        if stat.S_ISDIR(st.st_mode):
            raise ArticleError(display_path(p), "is a directory, not an article file")
        if st.st_size > MAX_ARTICLE_BYTES:
            raise ArticleError(display_path(p), f"too large ({st.st_size:,} bytes; the limit is "
                                                f"{MAX_ARTICLE_BYTES:,}); is this really one "
                                                "article?")
        with open(p, "rb") as f:
            return f.read()
    except FileNotFoundError:
        raise ArticleError(display_path(p), "file not found") from None
    except PermissionError:
        raise ArticleError(display_path(p), "permission denied") from None
    except OSError as exc:
        raise ArticleError(display_path(p), f"cannot be read ({exc.strerror or exc})") from None


def load_corpus(seeds_dir: Path | str = SEEDS_DIR) -> Corpus:
    """Every ``*.txt`` in ``seeds_dir``; a file that cannot be read becomes a Problem and the
    others still load."""
    d = Path(seeds_dir)
    problems: list[Problem] = []
    catalog_path = d / "catalog.csv"
    catalog: dict[str, CatalogRow] = {}
    if catalog_path.exists():
        catalog = load_catalog(catalog_path)
    articles = []
    for p in sorted(d.glob("*.txt")):
        try:
            articles.append(read_article(p, catalog))
        except ArticleError as exc:
            problems.append(Problem(display_path(p), "", exc.message,
                                    "fix or remove the file"))
    return Corpus(articles, problems)


# --------------------------------------------------------------------------- catalog


def _parse_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _parse_conf(value: str) -> float | None:
    try:
        f = float(value)
    except ValueError:
        return None
    return f if 0.0 <= f <= 1.0 else None


def _read_catalog_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    text = path.read_text(encoding="utf-8-sig")
    reader = csv.DictReader(io.StringIO(text))
    return list(reader.fieldnames or []), list(reader)


def load_catalog(path: Path | str = CATALOG_PATH) -> dict[str, CatalogRow]:
    """Catalog rows by article_id. Lenient: unparsable dates/confidences become None
    (``check_catalog`` reports them)."""
    p = Path(path)
    if not p.exists():
        return {}
    return catalog_from_text(p.read_text(encoding="utf-8-sig"))


def catalog_from_text(text: str) -> dict[str, CatalogRow]:
    """``load_catalog`` on a catalog's text (a header line and any of its rows)."""
    out = {}
    for r in csv.DictReader(io.StringIO(text)):
        aid = (r.get("article_id") or "").strip()
        if not aid:
            continue
        out[aid] = CatalogRow(
            article_id=aid, outlet_en=r.get("outlet_en") or "", outlet_ar=r.get("outlet_ar") or "",
            url=r.get("url") or "", published=_parse_date((r.get("published") or "").strip()),
            date_method=r.get("date_method") or "",
            date_confidence=_parse_conf((r.get("date_confidence") or "").strip()),
            date_evidence=r.get("date_evidence") or "",
            added=_parse_date((r.get("added") or "").strip()))
    return out


def check_catalog(path: Path | str = CATALOG_PATH,
                  seeds_dir: Path | str | None = None) -> list[Problem]:
    """Problems in catalog.csv against SCHEMA.md and the article files next to it."""
    p = Path(path)
    d = Path(seeds_dir) if seeds_dir is not None else p.parent
    where = display_path(p)
    if not p.exists():
        return [Problem(where, "", "catalog not found", "create it with the SCHEMA.md columns")]
    try:
        cols, rows = _read_catalog_rows(p)
    except (UnicodeDecodeError, csv.Error) as exc:
        return [Problem(where, "", f"cannot be parsed ({exc})", "re-save it as UTF-8 CSV")]
    problems: list[Problem] = []
    missing = [c for c in CATALOG_COLUMNS if c not in cols]
    unknown = [c for c in cols if c not in CATALOG_COLUMNS]
    if missing:
        problems.append(Problem(where, "header", f"missing column(s) {', '.join(missing)}",
                                "add them (see geo/SCHEMA.md)"))
    if unknown:
        problems.append(Problem(where, "header", f"unknown column(s) {', '.join(unknown)}",
                                "remove or rename them (see geo/SCHEMA.md)"))
    seen: set[str] = set()
    for n, r in enumerate(rows, start=2):
        aid = (r.get("article_id") or "").strip()
        item = f"line {n} ({aid or 'no id'})"
        if None in r:
            problems.append(Problem(where, item, "more cells than columns",
                                    "quote cells that contain commas"))
        if not aid:
            problems.append(Problem(where, item, "empty article_id", "fill it in"))
            continue
        if aid in seen:
            problems.append(Problem(where, item, "duplicate article_id", "keep one row"))
        seen.add(aid)
        if not (d / f"{aid}.txt").is_file():
            problems.append(Problem(where, item, f"no file {aid}.txt in {display_path(d)}",
                                    "add the article or remove the row"))
        pub = (r.get("published") or "").strip()
        if pub and _parse_date(pub) is None:
            problems.append(Problem(where, item, f"published {pub!r} is not an ISO date",
                                    "write YYYY-MM-DD or leave it empty"))
        conf = (r.get("date_confidence") or "").strip()
        if conf and _parse_conf(conf) is None:
            problems.append(Problem(where, item, f"date_confidence {conf!r} is not a number "
                                    "from 0 to 1", "write e.g. 0.9"))
        if pub and not conf:
            problems.append(Problem(where, item, "published set without date_confidence",
                                    "say how sure the date is (0-1)", "warning"))
        added = (r.get("added") or "").strip()
        if added and _parse_date(added) is None:
            problems.append(Problem(where, item, f"added {added!r} is not an ISO date",
                                    "write YYYY-MM-DD"))
        url = (r.get("url") or "").strip()
        if url and not re.match(r"https?://\S+$", url):
            problems.append(Problem(where, item, f"url {url!r} is not an http(s) URL",
                                    "leave it empty when unknown"))
    for f in sorted(d.glob("*.txt")):
        if f.stem not in seen:
            problems.append(Problem(where, f.stem, "article has no catalog row",
                                    "add a row (outlet, date and how it was established)",
                                    "warning"))
    return problems
