"""Deciding phrases: the short words of a source that decide a fact's date, number and claim.

Every row of the timeline, lifecycle and forces tables, and every dated change of a zone's
extent, carries either

* ``check = "quoted"`` and a ``phrase`` copied verbatim from its source, in the source's own
  language, with ``phrase_url`` saying where the words are when that is not the row's own
  source (another copy of the same report, or ``seed:<article_id>`` for an article in
  ``seeds/``, where the phrase is checked verbatim); or
* ``check = "unverified"`` and a ``check_note`` saying why no such phrase could be found.

A number in the row's own summary (a count, a distance, a share: not a date, a year, a time or
part of a name such as "Astana-6" or "M4") must appear in its phrase, so a figure the source does
not give cannot slip in. ``problems`` says which row breaks which rule.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from geo.problems import Problem

__all__ = [
    "CHECKS",
    "EVIDENCE_COLUMNS",
    "MAX_PHRASE",
    "SEED_PREFIX",
    "Evidence",
    "figures",
    "numbers_in",
    "problems",
]

EVIDENCE_COLUMNS: tuple[str, ...] = ("phrase", "phrase_url", "check", "check_note")
CHECKS: tuple[str, ...] = ("quoted", "unverified")
MAX_PHRASE = 320  # characters: a phrase, not an article
SEED_PREFIX = "seed:"


@dataclass(frozen=True)
class Evidence:
    phrase: str = ""
    phrase_url: str = ""  # "" = the row's own source; or an http(s) URL; or seed:<article_id>
    check: str = ""
    check_note: str = ""

    @property
    def verified(self) -> bool:
        return self.check == "quoted" and bool(self.phrase)

    @property
    def seed_article(self) -> str:
        return self.phrase_url[len(SEED_PREFIX):] if self.phrase_url.startswith(SEED_PREFIX) \
            else ""

    def words_url(self, row_url: str) -> str:
        """Where the phrase can be read: its own URL, else the row's ("" for a seed article)."""
        if self.seed_article:
            return ""
        return self.phrase_url or row_url

    def to_json(self) -> dict[str, str]:
        return {"phrase": self.phrase, "phrase_url": self.phrase_url, "check": self.check,
                "check_note": self.check_note}

    @classmethod
    def from_row(cls, row: Mapping[str, object]) -> Evidence:
        return cls(*(str(row.get(c) or "").strip() for c in EVIDENCE_COLUMNS))


# --------------------------------------------------------------------------- figures

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_NOT_FIGURES = [
    re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),                                  # ISO dates
    re.compile(r"\b[Ss]eeds?\s+\d+"),                                       # seed 004
    re.compile(r"[A-Za-z][\w.]*[-/]?\d[\w/]*"),                   # Astana-6, M4, S/2018/852
    re.compile(r"\b(?:19|20)\d{2}\s*[–-]\s*\d{2}\b"),                         # 2019–20
    re.compile(r"\b\d{1,2}:\d{2}\b"),                                      # times
    re.compile(rf"\b\d{{1,2}}(?:\s*[–-]\s*\d{{1,2}})?\s+{_MONTH}\b"),       # 19 Jul, 14–15 Sep
    re.compile(rf"\b{_MONTH}\s+\d{{1,2}}(?:\s*[–-]\s*\d{{1,2}})?\b"),       # July 9
    re.compile(r"\b(?:19|20)\d{2}\b"),                                     # years
    re.compile(r"\b\d+(?:st|nd|rd|th)\b"),                                 # ordinals
]
_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_THOUSANDS = re.compile(r"(\d+(?:\.\d+)?)\s*(?:thousand|ألف|الف|тысяч\w*)", re.IGNORECASE)
_WORDS = {w: str(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())}
_WORD = re.compile(r"\b(" + "|".join(_WORDS) + r")\b", re.IGNORECASE)


def _plain(number: str) -> str:
    value = number.replace(",", "")
    return value[:-2] if value.endswith(".0") else value


def figures(text: str) -> set[str]:
    """The numbers a summary states as figures (counts, distances, shares), without dates,
    years, times, ordinals or numbers that are part of a name."""
    body = str(text or "").translate(_ARABIC_DIGITS)
    for pattern in _NOT_FIGURES:
        body = pattern.sub(" ", body)
    return {_plain(n) for n in _NUMBER.findall(body)}


def numbers_in(phrase: str) -> set[str]:
    """Every number a phrase gives, however written: digits (Western or Arabic-Indic, with or
    without thousands separators), "147 thousand", and the words one to twenty."""
    body = str(phrase or "").translate(_ARABIC_DIGITS)
    found = {_plain(n) for n in _NUMBER.findall(body)}
    found |= {str(round(float(m.group(1).replace(",", "")) * 1000))
              for m in _THOUSANDS.finditer(body)}
    found |= {_WORDS[w.lower()] for w in _WORD.findall(body)}
    return found


# --------------------------------------------------------------------------- rules

def problems(file: str, item: str, evidence: Evidence, summaries: Mapping[str, str],
             seeds_dir: Path | None = None) -> list[Problem]:
    """What is wrong with a row's deciding phrase: ``summaries`` maps the row's own summary
    columns to their text (their figures must appear in the phrase)."""
    out: list[Problem] = []
    ev = evidence
    if ev.check not in CHECKS:
        return [Problem(file, item, f"check {ev.check!r} is not one of {', '.join(CHECKS)}",
                        "copy a deciding phrase from the source and write 'quoted', or write "
                        "'unverified' and say why in check_note")]
    if ev.check == "unverified":
        if not ev.check_note:
            out.append(Problem(file, item, "is marked unverified without a check_note",
                               "say which source was looked for and not found"))
        if ev.phrase:
            out.append(Problem(file, item, "is marked unverified but has a phrase",
                               "mark it 'quoted' or remove the phrase"))
        return out
    if not ev.phrase:
        return [Problem(file, item, "is marked quoted but has no phrase",
                        "copy the words of the source that decide the row")]
    if len(ev.phrase) > MAX_PHRASE:
        out.append(Problem(file, item, f"phrase has {len(ev.phrase)} characters (at most "
                           f"{MAX_PHRASE})", "keep only the words that decide the row"))
    if ev.phrase_url and not ev.phrase_url.startswith(("http://", "https://", SEED_PREFIX)):
        out.append(Problem(file, item, f"phrase_url {ev.phrase_url!r} is neither http(s) nor "
                           f"{SEED_PREFIX}<article_id>", "give the address the words are at"))
    if ev.seed_article and seeds_dir is not None:
        try:
            text = (seeds_dir / f"{ev.seed_article}.txt").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = None
        if text is None:
            out.append(Problem(file, item, f"phrase_url names seed article "
                               f"{ev.seed_article!r}, which has no readable file in seeds/",
                               "use a seed file's stem"))
        elif ev.phrase not in text:
            out.append(Problem(file, item, f"phrase is not verbatim in seeds/"
                               f"{ev.seed_article}.txt", "copy it exactly from the article"))
    given = numbers_in(ev.phrase)
    for column, text in summaries.items():
        missing = sorted(figures(text) - given, key=lambda n: (len(n), n))
        if missing:
            out.append(Problem(file, item, f"{column} states {', '.join(missing)}, which its "
                               "phrase does not give",
                               "quote the words that give the figure, or take it out"))
    return out
