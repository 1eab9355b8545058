"""Arabic text normalisation for *matching only*, with a map back to the original offsets.

Every matcher in ``geo`` (zones, places, dates, forces) works on ``normalise(text)`` so that
spelling variants met in the press compare equal (``إدلب`` / ``ادلب``, ``الغوطة`` / ``الغوطه``,
``مناطق_خفض_التوتر`` with diacritics or tatweel, Arabic-Indic digits ...). Spans reported to users
must always be slices of the *original* text, so ``normalise_with_map`` also returns, for each
normalised character, the index of the original character it came from, and ``to_original``
turns a normalised match ``[i, j)`` into exact original offsets.

The normalised form is never shown to anyone and never stored: it loses information on purpose.

Rules (applied per character, then whitespace runs are collapsed):

* alef forms ``أ إ آ ٱ`` → ``ا``; ``ة`` → ``ه``; ``ى`` → ``ي``; ``ؤ`` → ``و``; ``ئ`` → ``ي``
* Persian/Urdu letters ``ک`` → ``ك``, ``ی`` → ``ي``, ``ۀ`` → ``ه``
* removed: tatweel ``ـ``, harakat U+064B–U+0652, superscript alef U+0670, the other Arabic
  combining marks U+0653–U+065F and Quranic marks U+06D6–U+06ED (so a decomposed ``ا`` + hamza
  below matches ``إ``), and invisible format characters (ZWJ/ZWNJ, bidi marks, BOM)
* Arabic-Indic ``٠-٩`` and Eastern Arabic-Indic ``۰-۹`` digits → ``0-9``
* Arabic presentation forms (``ﻹ``, ``ﺇ`` ...) → their NFKC letters, then the rules above
* case folding (Latin, Greek, ...) with ``str.casefold``
* every whitespace character → one space; runs of whitespace → a single space
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable
from itertools import pairwise

__all__ = [
    "PROCLITICS",
    "at_token_end",
    "at_token_start",
    "is_word_char",
    "normalise",
    "normalise_with_map",
    "proclitic_forms",
    "strip_proclitics",
    "to_original",
    "token_bounds",
]

_LETTER_MAP: dict[str, str] = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
    "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي",
    "ک": "ك", "ی": "ي", "ۀ": "ه",
    # Issue 12: more Persian, Urdu and Kurdish letter forms met in Arabic text typed on those
    # keyboards: ae ە, heh goal ہ, heh doachashmee ھ, teh marbuta goal ۃ, yeh barree ے,
    # swash kaf ڪ.
    "ە": "ه", "ہ": "ه", "ھ": "ه", "ۃ": "ه", "ے": "ي", "ڪ": "ك",
}
_DIGITS = {chr(0x0660 + d): str(d) for d in range(10)}
_DIGITS |= {chr(0x06F0 + d): str(d) for d in range(10)}

# Characters that disappear. Marks belong to the preceding letter; format characters are
# invisible and would otherwise split a word in two for the matcher.
_MARK_RANGES = [(0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06ED)]
_MARKS = {chr(c) for lo, hi in _MARK_RANGES for c in range(lo, hi + 1)} | {"ـ"}
_FORMAT = {chr(c) for c in (*range(0x200B, 0x2010), *range(0x202A, 0x202F),
                            *range(0x2066, 0x206A), 0xFEFF, 0x061C, 0x00AD)}


def _simple(ch: str) -> str:
    if ch in _MARKS or ch in _FORMAT:
        return ""
    if ch.isspace():
        return " "
    ch = _LETTER_MAP.get(ch, _DIGITS.get(ch, ch))
    return ch.casefold()


def _is_presentation_form(cp: int) -> bool:
    return 0xFB50 <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFE


def _build_table() -> dict[int, str | None]:
    """One table doing every per-character rule for the BMP, built once at import.

    Import time counts for the link CLI, so the rules are not run on all 65,536 characters:
    only on those some rule can change. A character outside the marks, format characters,
    letter and digit maps and presentation forms changes only if it is whitespace or
    ``casefold`` changes it; those are found a block at a time (a block whose ``casefold`` is
    itself has no such character, since casefold maps each character to one or more).
    """
    candidates = {ord(c) for c in (*_MARKS, *_FORMAT, *_LETTER_MAP, *_DIGITS)}
    candidates.update(range(0xFB50, 0xFE00))
    candidates.update(range(0xFE70, 0xFEFF))
    for lo in range(0, 0x10000, 64):
        block = "".join(map(chr, range(lo, lo + 64)))
        # (Whitespace other than " ", which maps to itself, is never printable.)
        if block.casefold() != block or not block.isprintable():
            candidates.update(lo + k for k, c in enumerate(block)
                              if c.casefold() != c or c.isspace())
    table: dict[int, str | None] = {}
    for cp in sorted(candidates):
        ch = chr(cp)
        nf = unicodedata.normalize("NFKC", ch) if _is_presentation_form(cp) else ch
        out = "".join(_simple(c) for c in nf) if nf != ch else _simple(ch)
        if out != ch:
            table[cp] = out or None
    return table


def _char_class(chars: Iterable[str]) -> str:
    """A regex character class for ``chars``, written as ranges: compiling a class of a
    couple of thousand single characters is a noticeable part of import time."""
    cps = sorted(set(map(ord, chars)))
    parts = []
    k = 0
    while k < len(cps):
        lo = k
        while k + 1 < len(cps) and cps[k + 1] == cps[k] + 1:
            k += 1
        a, b = re.escape(chr(cps[lo])), re.escape(chr(cps[k]))
        parts.append(a if lo == k else f"{a}-{b}")
        k += 1
    return "[" + "".join(parts) + "]"


_TABLE = _build_table()
# Characters whose normalised form is not exactly one character: the only places where the
# offset map is not a plain running index.
_UNEVEN_SET = frozenset(chr(cp) for cp, v in _TABLE.items() if v is None or len(v) != 1)
_SPACES_RE = re.compile(r"  +")

# ``str.translate`` with a dict looks every character up one by one (about 60 ns each on Arabic
# text, the single largest cost of linking an article). Instead, one regex scan finds which of
# the few table characters occur (a handful per article: أ إ ة ى ...) and each is swapped with
# ``str.replace``. Same result as ``translate`` because no replacement contains a character the
# table changes again (checked here, at import), so the order of the swaps does not matter.
_REPLACE: dict[str, str] = {chr(cp): v or "" for cp, v in _TABLE.items()}
_CHANGED_RE = re.compile(_char_class(_REPLACE))
assert not any(c in _REPLACE for v in _REPLACE.values() for c in v), "table not idempotent"


def _translate(text: str, chars: Iterable[str]) -> str:
    """``text.translate(_TABLE)`` for a text whose table characters are among ``chars``."""
    for ch in chars:
        text = text.replace(ch, _REPLACE[ch])
    return text


def normalise(text: str) -> str:
    """The matching form of ``text`` (see module docstring). Idempotent."""
    text = _translate(text, set(_CHANGED_RE.findall(text)))
    return _SPACES_RE.sub(" ", text) if "  " in text else text


# text -> (normalised, map, translated, map): both stages, see ``_normalise_with_map``.
_MAP_CACHE: dict[str, tuple[str, list[int], str, list[int]]] = {}
_MAP_CACHE_SIZE = 4


def normalise_with_map(text: str) -> tuple[str, list[int]]:
    """``(normalise(text), index_map)`` where ``index_map[k]`` is the original index of the
    character that produced normalised character ``k``.

    Built from a copy of the running offsets edited only where a character is removed or
    expanded, rather than a Python loop per character, because the linker maps every article
    and must stay fast. The last few results
    are cached because the linker, ``geo.dates`` and ``geo.forces`` each map the same article
    text in turn; the returned list is shared, so callers must not modify it.
    """
    hit = _stages(text)
    return hit[0], hit[1]


def _stages(text: str) -> tuple[str, list[int], str, list[int]]:
    hit = _MAP_CACHE.get(text)
    if hit is None:
        hit = _normalise_with_map(text)
        if len(_MAP_CACHE) >= _MAP_CACHE_SIZE:
            _MAP_CACHE.pop(next(iter(_MAP_CACHE)))
        _MAP_CACHE[text] = hit
    return hit


LINE_MARK = "\x00"  # what the matchers put for "\n" (normalise leaves it; it is no space)


def normalise_pieces(text: str, cuts: list[int]) -> list[str]:
    """``[normalise(text[a:b]) for a, b in pairwise(cuts)]`` (``cuts`` ascending, inside
    ``text``), from the per-character stage of ``normalise_with_map(text.replace("\n",
    LINE_MARK))`` when that is cached (the linker has just mapped the article), instead of
    normalising the text a second time. Exact: the per-character stage of a slice is the slice
    of the per-character stage, and runs of spaces are then collapsed within each piece, as
    ``normalise`` does."""
    if LINE_MARK in text:  # (the mark would be taken for a line break)
        return [normalise(text[a:b]) for a, b in pairwise(cuts)]
    translated, tmap = _stages(text.replace("\n", LINE_MARK))[2:]
    out = []
    for a, b in pairwise(cuts):
        piece = translated[bisect_left(tmap, a):bisect_left(tmap, b)].replace(LINE_MARK, " ")
        out.append(_SPACES_RE.sub(" ", piece) if "  " in piece else piece)
    return out


# Offsets 0, 1, 2 ... shared by every map: slicing this list only copies references, while
# ``list(range(n))`` allocates a new int object per character (several times slower, and the
# map covers every character of every article). Grown on demand up to a cap, always by
# replacing it with a new complete list (never extended in place), so a thread reading it
# while another grows it still sees a correct one. Longer texts fall back to ``range``.
_RUNNING: list[int] = list(range(4096))
_RUNNING_CAP = 1 << 17


def _running(a: int, b: int) -> list[int]:
    """``list(range(a, b))``, from the shared pool when it is long enough."""
    global _RUNNING
    pool = _RUNNING
    if b > len(pool):
        if b > _RUNNING_CAP:
            return list(range(a, b))
        pool = _RUNNING = list(range(max(b, min(2 * len(pool), _RUNNING_CAP))))
    return pool[a:b]


def _normalise_with_map(text: str) -> tuple[str, list[int], str, list[int]]:
    """(normalised text, its map, the text after stage 1 only, that stage's map)."""
    # Stage 1: per-character rules. One-to-one characters are swapped in place (offsets
    # unchanged); only "uneven" characters (removed or expanding) break the one-to-one
    # correspondence, so copy ranges between them.
    found = set(_CHANGED_RE.findall(text))
    uneven = found & _UNEVEN_SET
    s0 = _translate(text, found - uneven) if found else text
    if not uneven:
        s1, m1 = s0, _running(0, len(text))
    else:
        # Their positions, by str.find per character present (a few per article): cheaper
        # than another regex scan of the whole text.
        where = []
        for ch in uneven:
            at = s0.find(ch)
            while at >= 0:
                where.append(at)
                at = s0.find(ch, at + 1)
        where.sort()
        parts: list[str] = []
        pos = 0
        for k in where:
            parts.append(s0[pos:k])
            parts.append(_REPLACE[s0[k]])
            pos = k + 1
        parts.append(s0[pos:])
        s1 = "".join(parts)
        # The map: the running offsets with each uneven character's entry replaced by one
        # entry per character it became (none for a removed one), from the end backwards so
        # that the positions still to do keep their place: one copy of the running list and
        # a few in-place edits, not a new list per stretch between them.
        m1 = _running(0, len(s0))
        for k in reversed(where):
            n_out = len(_REPLACE[s0[k]])
            if n_out:
                m1[k:k + 1] = [k] * n_out
            else:
                del m1[k]
    # Stage 2: collapse runs of spaces; a run keeps the index of its first character.
    if "  " not in s1:
        return s1, m1, s1, m1
    out_parts: list[str] = []
    m2: list[int] = []
    pos = 0
    for m in _SPACES_RE.finditer(s1):
        a, b = m.span()
        out_parts.append(s1[pos:a + 1])
        m2.extend(m1[pos:a + 1])
        pos = b
    out_parts.append(s1[pos:])
    m2.extend(m1[pos:])
    return "".join(out_parts), m2, s1, m1


def to_original(index_map: list[int], i: int, j: int, original: str) -> tuple[int, int]:
    """Original ``(start, end)`` of the normalised span ``[i, j)``.

    The end is stretched over diacritics and tatweel that follow the last matched letter, so a
    span never cuts a word's marks off (``إدلبَ`` is reported whole). ``original[start:end]``
    is what a user should see highlighted.
    """
    n = len(index_map)
    if not 0 <= i <= j <= n:
        raise ValueError(f"span [{i}, {j}) outside normalised text of length {n}")
    if i == j:
        at = index_map[i] if i < n else len(original)
        return at, at
    start = index_map[i]
    end = index_map[j - 1] + 1
    while end < len(original) and original[end] in _MARKS:
        end += 1
    return start, end


# --------------------------------------------------------------------------- tokens


def is_word_char(ch: str) -> bool:
    """Letters and digits of any script. ``_`` and ``#`` are *not* word characters, so hashtags
    such as ``#مناطق_خفض_التوتر`` split into words the matcher can see."""
    return ch.isalnum()


def at_token_start(norm: str, i: int) -> bool:
    """True when a match may start at ``i`` of normalised text: nothing word-like before it."""
    return i == 0 or not norm[i - 1].isalnum()


def at_token_end(norm: str, j: int) -> bool:
    """True when a match ending at ``j`` (exclusive) ends a word. Strict: no suffix allowed;
    adjective forms (``الإدلبية``) match only when listed as variants themselves."""
    return j >= len(norm) or not norm[j].isalnum()


def token_bounds(norm: str, i: int, j: int) -> bool:
    """Both ends of ``[i, j)`` fall on word boundaries."""
    return at_token_start(norm, i) and at_token_end(norm, j)


# --------------------------------------------------------------------------- proclitics

_CONJ = ("", "و", "ف")
_PREP = ("", "ب", "ل", "ك")


def _prefixes(with_article: bool) -> list[str]:
    out = []
    for c in _CONJ:
        for p in _PREP:
            if with_article:
                # ل + ال is written لل (the alef drops): للغوطة, وللغوطة
                out.append(c + ("لل" if p == "ل" else p + "ال"))
            elif c + p:
                out.append(c + p)
    return out


PROCLITICS: tuple[str, ...] = tuple(
    sorted(set(_prefixes(False)) | set(_prefixes(True)), key=lambda s: (-len(s), s))
)
"""Attachable prefixes in normalised form, longest first: conjunction (و ف), preposition (ب ل ك)
and article (ال, written لل after ل). E.g. ``وبال``, ``فلل``, ``كال``, ``وب``, ``ال``, ``و``."""

_ART = "ال"


def proclitic_forms(name: str) -> list[str]:
    """Every attached form of a normalised name: ``ادلب`` → ``وادلب``, ``بادلب``, ``وبادلب`` ...;
    ``الغوطه الشرقيه`` → ``والغوطه ...``, ``بالغوطه ...``, ``للغوطه ...``, ``وللغوطه ...``.

    Only the first word takes prefixes. A name already carrying the article keeps it (and
    ``ل`` fuses to ``لل``); a name without one is not given an article, because proper names
    such as ``ادلب`` never take it.
    """
    name = normalise(name).strip()
    if not name:
        return []
    forms = [name]
    if name.startswith(_ART) and len(name) > len(_ART):
        rest = name[len(_ART):]
        for c in _CONJ:
            for p in _PREP:
                if not c and not p:
                    continue
                forms.append(c + ("لل" + rest if p == "ل" else p + name))
    else:
        forms.extend(pre + name for pre in _prefixes(False))
    return list(dict.fromkeys(forms))


def strip_proclitics(token: str, min_stem: int = 2) -> list[str]:
    """Candidate stems of a normalised token, the token itself first, then longer-prefix strips.

    Arabic gives no way to know from the letters alone whether an initial ``و`` is a
    conjunction (``وادلب``) or part of the word (``وادي``), so every candidate is returned
    and the caller checks them against its lexicon. ``لل``-forms get their article back:
    ``للغوطه`` → ``الغوطه``.
    """
    out = [token]
    for pre in PROCLITICS:
        if token.startswith(pre) and len(token) - len(pre) >= min_stem:
            stem = token[len(pre):]
            if pre.endswith("لل"):
                out.append(_ART + stem)
            elif pre.endswith(_ART):
                out.append(_ART + stem)
                out.append(stem)
            else:
                out.append(stem)
    return list(dict.fromkeys(out))


def expand_variants(names: Iterable[str]) -> list[str]:
    """Normalised names plus all their proclitic forms, without duplicates (for automata)."""
    seen: dict[str, None] = {}
    for n in names:
        for f in proclitic_forms(n):
            seen.setdefault(f, None)
    return list(seen)
