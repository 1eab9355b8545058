"""Turning what a journalist types into a full-text query, and showing where it matched.

The index stores each article's title and body in the project's matching form
(``geo.arabic.normalise``, the one the linker uses), split into words by SQLite FTS5. A query is
normalised the same way, then each word is widened to the forms Arabic attaches to it, so that
``ادلب``, ``لإدلب`` and ``وادلب`` all find ``إدلب``:

* a word typed with a proclitic (``لإدلب``) is also searched without it (``strip_proclitics``);
* every candidate is searched with the prefixes the press attaches (``proclitic_forms``: و ف ب ل ك
  and their combinations) and, for a word typed without the article, with it (``غوطة`` finds
  ``الغوطة`` and ``بالغوطة``);
* English names of zones and places (``Idlib``, ``Eastern Ghouta``, ``Khan Sheikhoun``) become
  their Arabic names, from the gazetteer's English names and ``geo/data/search_names_en.csv``.

Several words must all occur (AND); words in double quotes must occur together as a phrase.
Ranking is FTS5's bm25. Nothing the user types reaches FTS5 unquoted, so a query is never
FTS syntax (``NEAR``, ``*``, ``:``) and can never be a syntax error.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from geo.arabic import normalise, normalise_with_map, proclitic_forms, strip_proclitics

MAX_WORDS = 8
_WORD = re.compile(r"[^\W_]+")
_ARABIC = re.compile("[\u0621-\u064a]")
_QUOTED = re.compile(r'"([^"]+)"|«([^»]+)»|“([^”]+)”')
_ART = "ال"


@dataclass(frozen=True)
class Query:
    """A parsed query: the FTS5 expression and the word forms to highlight in snippets."""

    text: str
    expression: str
    forms: frozenset[str] = field(default_factory=frozenset)
    english: tuple[tuple[str, str], ...] = ()  # (English words, Arabic name) understood
    groups: tuple[tuple[str, ...], ...] = ()  # per word: its alternatives (words or phrases)

    def expression_with(self, known: set[str]) -> str:
        """The expression keeping only alternatives whose words all occur in the index
        (``known``): each alternative is a phrase FTS5 ranks row by row, so the dozens of
        attached forms that no article uses would only slow a common word down. A word none
        of whose forms occur leaves the expression empty: nothing can match."""
        out = []
        for alts in self.groups:
            kept = [a for a in alts if all(w in known for w in a.split())]
            if not kept:
                return ""
            out.append(_group(kept))
        return " AND ".join(out)

    def words(self) -> set[str]:
        return {w for alts in self.groups for a in alts for w in a.split()}


def _fold_latin(text: str) -> str:
    """Lower-case ASCII form of an English or transliterated name: ``Ma‘arrat an Nu‘mān`` →
    ``maarrat an numan``."""
    decomposed = unicodedata.normalize("NFKD", text)
    out = "".join(c for c in decomposed if not unicodedata.combining(c))
    out = re.sub(r"[‘’'`ʿʾ]", "", out).lower()
    return " ".join(re.split(r"[\s\-]+", out)).strip()


_ARTICLES = ("al ", "el ", "ad ", "ar ", "as ", "ash ", "at ", "az ", "an ", "adh ", "ath ")


def _without_article(name: str) -> str:
    for art in _ARTICLES:
        if name.startswith(art):
            return name[len(art):]
    return name


@lru_cache(maxsize=1)
def english_names() -> dict[str, str]:
    """Folded English name → Arabic name, from the alias table and the gazetteer."""
    from geo.paths import DATA_DIR, PLACES_PATH

    out: dict[str, str] = {}
    try:
        with (DATA_DIR / "search_names_en.csv").open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                en, ar = (row.get("name_en") or "").strip(), (row.get("name_ar") or "").strip()
                if en and ar:
                    out.setdefault(_fold_latin(en), ar)
    except OSError:
        pass
    try:
        with PLACES_PATH.open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                en, ar = (row.get("name") or "").strip(), (row.get("name_ar") or "").strip()
                if not en or not ar:
                    continue
                folded = _fold_latin(en)
                out.setdefault(folded, ar)
                out.setdefault(_without_article(folded), ar)
    except OSError:
        pass
    return out


def word_forms(word: str) -> list[str]:
    """Every normalised form a query word is searched as (see the module docstring)."""
    word = normalise(word).strip()
    if not word:
        return []
    if not _ARABIC.search(word):
        return [word]
    forms: dict[str, None] = {}
    for stem in strip_proclitics(word, min_stem=3):
        for f in proclitic_forms(stem):
            forms.setdefault(f, None)
        if not stem.startswith(_ART) and len(stem) >= 3:
            for f in proclitic_forms(_ART + stem):
                forms.setdefault(f, None)
    return list(forms)


def fts_string(s: str) -> str:
    return '"' + s.replace('"', '""') + '"'


def _group(alternatives: list[str]) -> str:
    """``("a" OR "b c" ...)``: each alternative is a word or a phrase of normalised words."""
    return "(" + " OR ".join(fts_string(a) for a in dict.fromkeys(alternatives)) + ")"


def parse_query(text: str) -> Query:
    """The FTS5 expression for what the user typed ("" when nothing searchable is left)."""
    raw = (text or "").strip()[:300]
    groups: list[list[str]] = []
    forms: set[str] = set()
    english: list[tuple[str, str]] = []
    # Quoted phrases first: their words must stand together.
    for m in _QUOTED.finditer(raw):
        phrase = next(g for g in m.groups() if g)
        words = _WORD.findall(normalise(phrase))
        if not words:
            continue
        firsts = word_forms(words[0])
        rest = " ".join(words[1:])
        groups.append([f"{f} {rest}".strip() for f in firsts])
        forms.update(firsts)
        forms.update(words[1:])
    raw = _QUOTED.sub(" ", raw)
    words = _WORD.findall(normalise(raw))
    k = 0
    names = english_names()
    while k < len(words) and len(groups) < MAX_WORDS:
        w = words[k]
        if not _ARABIC.search(w):
            # The longest run of Latin words that names a place ("eastern ghouta").
            found = None
            for n in range(min(5, len(words) - k), 0, -1):
                chunk = words[k:k + n]
                if any(_ARABIC.search(c) for c in chunk):
                    continue
                key = _fold_latin(" ".join(chunk))
                ar = names.get(key) or names.get(_without_article(key))
                if ar:
                    found = (n, " ".join(chunk), ar)
                    break
            if found:
                n, en, ar = found
                # Multi-word names take prefixes on their first word only, as in the linker.
                alts = proclitic_forms(ar)
                groups.append([*alts, *_WORD.findall(normalise(en))[:1]] if " " not in en
                              else [*alts, normalise(en)])
                for a in alts:
                    forms.update(a.split())
                forms.add(en)
                english.append((en, ar))
                k += n
                continue
        alts = word_forms(w)
        if alts:
            groups.append(alts)
            forms.update(alts)
        k += 1
    groups = [list(dict.fromkeys(g)) for g in groups[:MAX_WORDS]]
    return Query(raw, " AND ".join(_group(g) for g in groups), frozenset(forms),
                 tuple(english), tuple(tuple(g) for g in groups))


def snippet(text: str, body_spans: list[list[int]] | list[tuple[int, int]], query: Query,
            width: int = 90) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A short passage of the original text around the first match in the body, and the spans
    (in the passage) of every matching word. Falls back to the body's first words."""
    spans = [(int(a), int(b)) for a, b in body_spans] or [(0, len(text))]
    first_hit = None
    for a, b in spans:
        norm, imap = normalise_with_map(text[a:b])
        for m in _WORD.finditer(norm):
            if m.group() in query.forms:
                first_hit = (a + imap[m.start()], a + imap[m.end() - 1] + 1, a, b)
                break
        if first_hit:
            break
    if first_hit is None:
        a, b = spans[0]
        start, stop = a, min(b, a + 2 * width)
    else:
        hit_start, hit_end, a, b = first_hit
        start = max(a, hit_start - width)
        stop = min(b, hit_end + width)
    # Cut on word boundaries so no word is shown half.
    if start > spans[0][0]:
        sp = text.find(" ", start, start + 20)
        start = sp + 1 if sp != -1 else start
    if stop < len(text):
        sp = text.rfind(" ", stop - 20, stop)
        stop = sp if sp > start else stop
    passage = " ".join(text[start:stop].split())
    marks: list[tuple[int, int]] = []
    norm, imap = normalise_with_map(passage)
    for m in _WORD.finditer(norm):
        if m.group() in query.forms:
            marks.append((imap[m.start()], imap[m.end() - 1] + 1))
    prefix = "… " if start > spans[0][0] else ""
    suffix = " …" if stop < spans[-1][1] else ""
    shift = len(prefix)
    return prefix + passage + suffix, tuple((s + shift, e + shift) for s, e in marks)
