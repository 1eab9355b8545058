"""Find the dates an Arabic news article mentions and resolve them to ISO days.

Two kinds of mention:

* ``explicit``: the text names the month (``27.05.2017``, ``1 أغسطس 2017``, ``6 ايار الجاري``,
  ``التاسع من يوليو/تموز``, ``منتصف تموز/يوليو``). A missing year is taken from the
  publication date (``الجاري`` = this month's year, ``المقبل`` / ``الماضي`` = the next / last
  such month).
* ``relative``: a weekday or "yesterday/today/tomorrow" (``اليوم الخميس``, ``امس الثلاثاء``,
  ``صباح اليوم``, ``اعتبارا من السبت`` = the coming Saturday,
  ``يوم غد الأربعاء``, ``ليلة الأربعاء``, ``الاثنين`` alone). These can only be resolved
  against the publication date; without it ``date`` is ``None``.

Matching runs on ``geo.arabic.normalise_with_map`` output (so hamza/alef and Arabic-Indic digit
variants compare equal) and every span is mapped back: ``text == original[start:end]``.
All regexes are compiled once at import; an article costs one normalisation and a few scans.

Deliberately *not* dates: bare numbers and years (``© 2025``, ``أستانا 4``), durations
(``6 سنوات``), lines that are copyright notices or photo captions.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

import ahocorasick

from geo.arabic import normalise, normalise_with_map, to_original

__all__ = ["DateMention", "extract_dates"]


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    date: str | None  # ISO day, or None when it cannot be resolved
    kind: str  # "explicit" or "relative"
    note: str = ""
    # "day", "month" or "year" (month- and year-level mentions get a representative day)
    precision: str = "day"

    def to_json(self) -> dict[str, object]:
        # Same keys and order as dataclasses.asdict, without its per-field deep copies.
        return {"start": self.start, "end": self.end, "text": self.text, "date": self.date,
                "kind": self.kind, "note": self.note, "precision": self.precision}


# --------------------------------------------------------------------------- vocabularies
# Written in ordinary spelling and normalised here, so the tables stay readable and always
# agree with whatever geo.arabic does to the article text.

_MONTH_NAMES: dict[str, int] = {
    # Egyptian / MSA
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "إبريل": 4, "ابريل": 4, "مايو": 5,
    "يونيو": 6, "يونيه": 6, "يوليو": 7, "يوليه": 7, "أغسطس": 8, "اغسطس": 8, "سبتمبر": 9,
    "أكتوبر": 10, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    # Levantine / Iraqi
    "كانون الثاني": 1, "شباط": 2, "آذار": 3, "نيسان": 4, "أيار": 5, "حزيران": 6, "تموز": 7,
    "آب": 8, "أيلول": 9, "تشرين الأول": 10, "تشرين الثاني": 11, "كانون الأول": 12,
}
MONTHS: dict[str, int] = {normalise(k): v for k, v in _MONTH_NAMES.items()}

_WEEKDAY_NAMES: dict[str, int] = {  # Python weekday(): Monday = 0
    "الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "الأربعاء": 2, "الخميس": 3, "الجمعة": 4,
    "السبت": 5, "الأحد": 6,
}
WEEKDAYS: dict[str, int] = {normalise(k): v for k, v in _WEEKDAY_NAMES.items()}
_WEEKDAY_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

_UNITS = ["الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن",
          "التاسع"]
_TEENS = ["الحادي عشر", "الثاني عشر", "الثالث عشر", "الرابع عشر", "الخامس عشر",
          "السادس عشر", "السابع عشر", "الثامن عشر", "التاسع عشر"]


def _ordinals() -> dict[str, int]:
    words: dict[str, int] = {}
    for i, w in enumerate(_UNITS, start=1):
        words[w] = i
    words["العاشر"] = 10
    for i, w in enumerate(_TEENS, start=11):
        words[w] = i
    words["العشرين"] = 20
    words["الثلاثين"] = 30
    for tens, word in ((20, "العشرين"), (30, "الثلاثين")):
        for i, unit in enumerate(_UNITS, start=1):
            if tens + i > 31:
                break
            unit = "الحادي" if i == 1 else unit
            words[f"{unit} و{word}"] = tens + i
            words[f"{unit} و {word}"] = tens + i  # "الحادي و العشرين": a space after و
    return {normalise(k): v for k, v in words.items()}


ORDINALS: dict[str, int] = _ordinals()


def _alt(words: list[str]) -> str:
    # Longest first, so "كانون الثاني" wins over any shorter prefix and "الحادي عشر" over "الحادي".
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_MON = _alt(list(MONTHS))
_WD = _alt(list(WEEKDAYS))
_ORD = _alt(list(ORDINALS))
# Word boundaries on the normalised text: \w covers Arabic letters and digits.
_L = r"(?<!\w)"
_R = r"(?!\w)"
_MONTH_GROUP = (rf"(?P<m1>{_MON})(?:\s?[/(]\s?(?P<m2>{_MON})\)?)?")
_YEAR_OR_REL = (r"(?:\s?،?\s?(?:(?:من\s)?(?:عام|سنه|العام)\s)?(?P<year>\d{4})(?!\d)"
                r"|\s(?P<rel>الجاري|الماضي|المقبل|القادم|الحالي))?")

# The numeric and "yesterday" patterns start with a digit / literal so the regex engine can skip
# ahead quickly; their left boundary is checked in Python (_left_ok) instead of a lookbehind.
_NUM_DMY = re.compile(r"(?P<d>\d{1,2})(?P<sep>[./])(?P<m>\d{1,2})(?P=sep)"
                      r"(?P<y>\d{4})(?![\w]|[./-]\d)")
_NUM_ISO = re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\w]|[./-]\d)")
_DAY_MONTH = re.compile(
    rf"{_L}(?:(?:ال)?(?P<day>\d{{1,2}})(?:\s?(?:-|–|و|الى|حتى)\s?(?P<day2>\d{{1,2}}))?"
    rf"|(?P<ord>{_ORD})\sمن)\s(?:من\s)?(?:شهر\s)?{_MONTH_GROUP}"
    rf"{_YEAR_OR_REL}{_R}"
)
_MONTH_LEVEL = re.compile(
    rf"{_L}(?:(?P<conj>[وف])?(?P<q>منتصف|اوايل|اواسط|اواخر|مطلع|بدايه|نهايه)\s)?"
    rf"(?:(?P<shahr>شهر)\s)?"
    rf"{_MONTH_GROUP}{_YEAR_OR_REL}{_R}"
)
_RELATIVE = re.compile(
    rf"{_L}(?:(?P<conj>[وف])?"
    rf"(?P<pre>اليوم|اول\sامس|يوم\sامس|امس|يوم\sغد|غدا|غد|ليله|ليل|يوم)\s)?"
    rf"(?P<wd>{_WD}){_R}(?:\s(?P<post>الماضي|المقبل|القادم){_R})?"
)
# "الشهر الماضي", "مطلع الشهر الجاري", "في السادس من الشهر الجاري", "العام المقبل",
# "نهاية السنة الحالية": a month or a year named by its place relative to the dateline.
_PERIOD_REL = ("الجاري", "الحالي", "الماضي", "المقبل", "القادم")
_PERIOD_UNITS = tuple(u + " " for u in ("الشهر", "العام", "السنه"))
_PERIOD = re.compile(
    rf"{_L}(?:(?P<conj>[وف])?(?:(?:ال)?(?P<day>\d{{1,2}})|(?P<ord>{_ORD})|"
    rf"(?P<q>منتصف|اوايل|اواسط|اواخر|مطلع|بدايه|نهايه))\s(?:من\s)?)?"
    rf"(?P<unit>الشهر|العام|السنه)\s(?P<rel>{'|'.join(_PERIOD_REL)})ه?{_R}"
)
# "صباح اليوم", "وفجر اليوم", "مساء اليوم الخميس": a part of the day before "اليوم" makes it
# today, the dateline. (Bare "اليوم" is not taken: "يبلغ عدد سكانها اليوم" is "nowadays",
# "طوال اليوم" is "all day", "اليوم الأول" is "the first day".)
_DAYPARTS = ("صباح", "صبيحه", "فجر", "ظهر", "ظهيره", "عصر", "مساء", "ليل", "ليله")
_DAYPART_TODAY = re.compile(
    rf"(?P<conj>[وف])?(?P<part>{'|'.join(_DAYPARTS)})\sاليوم(?:\s(?P<wd>{_WD}))?{_R}")
_DAYPART_PHRASES = tuple(f"{c}{p} اليوم" for p in _DAYPARTS for c in ("", "و", "ف"))
# "اعتبارا من (منتصف ليل) السبت": a weekday from which something holds is the coming one.
_FROM_ON = re.compile(r"(?:اعتبارا|ابتداء|بدءا)\s(?:من\s)?"
                      r"(?:(?:منتصف|صباح|مساء|فجر|ظهر|عصر|ليل|ليله)\s){0,2}$")
_BARE_YESTERDAY = re.compile(rf"(?P<w>اول\sامس|امس|البارحه){_R}")
# Lines that are not article text about events: copyright footers and photo captions.
_SKIP_LINE = re.compile(r"©|جميع الحقوق|all rights reserved|^[\W\x00]*(?:ال)?صوره(?!\w)"
                        r"|^[\W\x00]*photo", re.IGNORECASE)
_SKIP_HINT = re.compile(r"©|جميع الحقوق|rights reserved|صوره|photo", re.IGNORECASE)
# Every _SKIP_HINT / _SKIP_LINE match holds one of these (under re.I "v" and "p" match only
# themselves and their capitals; Arabic has no case): a line or text without any of them is
# not scanned case-insensitively.
_SKIP_NEEDS = ("©", "جميع الحقوق", "v", "V", "صوره", "p", "P")
_BOTH_BEFORE = re.compile(r"(?:بين|كلا)\s$")  # "بين الاثنين" = "between the two", not Monday

_LINE_BREAK = "\x00"
_QUALIFIER_DAY = {"منتصف": 15, "اواسط": 15, "اوايل": 1, "مطلع": 1, "بدايه": 1}
_QUALIFIER_EN = {"منتصف": "mid", "اواسط": "mid", "اوايل": "early", "مطلع": "early",
                 "بدايه": "early", "اواخر": "late", "نهايه": "end of"}


# --------------------------------------------------------------------------- anchors
# Scanning a whole article with the three word-based patterns above is slow (the engine tries
# every position). Every match of _DAY_MONTH / _MONTH_LEVEL contains a month name, every match
# of _RELATIVE a weekday name, a bounded number of characters after the match start and with
# no letter or digit just before it. So the names are found first with one Aho-Corasick pass,
# and the patterns are tried only at the few positions that can start a match: the same
# matches as re.finditer, found much faster.

_QUALIFIERS = ("منتصف", "اوايل", "اواسط", "اواخر", "مطلع", "بدايه", "نهايه")
_DAY_SEPS = ("-", "–", "و", "الى", "حتى")
_PRE_WORDS = ("اليوم", "اول امس", "يوم امس", "امس", "يوم غد", "غدا", "غد", "ليله", "ليل",
              "يوم")
# Longest possible text before the month / weekday name, from the patterns' optional parts
# (each \s is one character): "<qualifier> شهر ", "<day> - <day2> من شهر ",
# "<ordinal> من من شهر ", "<pre> ".
# (+1: a conjunction attached to the qualifier or the relative word, "ومطلع", "وأمس"; +2: the
# article written against a day number, "الـ18".)
_REACH_MONTH_LEVEL = 1 + max(map(len, _QUALIFIERS)) + 1 + len("شهر") + 1
_REACH_DAY_MONTH = (max(2 + 2 + 1 + max(map(len, _DAY_SEPS)) + 1 + 2, max(map(len, ORDINALS)) + 1
                        + len("من")) + 1 + len("من") + 1 + len("شهر") + 1)
_REACH_RELATIVE = 1 + max(map(len, _PRE_WORDS)) + 1
# (From the start of the unit word, where its anchor is.)
_REACH_PERIOD = 1 + max(4, max(map(len, ORDINALS)), max(map(len, _QUALIFIERS))) + 1 + len("من") + 1


# Anchor names and their kind: 0 = month, 1 = weekday (``geo.linker`` folds them into its own
# automaton, to scan an article once for everything).
# The relative periods ("الشهر الماضي", "العام المقبل" ...) ride with the months (kind 0): they
# are rare, so the month patterns lose nothing by being tried there too, and _period finds its
# anchors among them without a scan of its own.
_PERIOD_PHRASES = [f"{u} {r}" for u in ("الشهر", "العام", "السنه") for r in _PERIOD_REL]
# So do the parts of today ("صباح اليوم", with an attached conjunction too: the anchor must
# start a word).
ANCHOR_KINDS: dict[str, int] = {**dict.fromkeys(MONTHS, 0), **dict.fromkeys(_PERIOD_PHRASES, 0),
                                **dict.fromkeys(_DAYPART_PHRASES, 0),
                                **dict.fromkeys(WEEKDAYS, 1)}


def _anchor_automaton() -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for name, kind in ANCHOR_KINDS.items():
        auto.add_word(name, (len(name), kind))
    auto.make_automaton()
    return auto


_ANCHORS = _anchor_automaton()


def _anchors(norm: str) -> tuple[list[int], list[int]]:
    """Sorted start offsets of month names and of weekday names that start a word."""
    found: tuple[list[int], list[int]] = ([], [])
    for end, (length, kind) in _ANCHORS.iter(norm):
        q = end + 1 - length
        if q == 0 or not norm[q - 1].isalnum():
            found[kind].append(q)
    return sorted(set(found[0])), sorted(set(found[1]))


def _finditer_near(rx: re.Pattern[str], norm: str, anchors: list[int], reach: int,
                   word_start: bool = False) -> list[re.Match[str]]:
    """``list(rx.finditer(norm))`` for a pattern whose every match starts at most ``reach``
    characters before one of ``anchors`` (sorted): only those positions are tried, in order,
    and the scan resumes after each match, as finditer does (no pattern here matches empty).
    ``word_start``: the pattern begins with ``(?<!\\w)``, so positions just after a word
    character are skipped without calling the regex engine (most of them: they are mid-word).
    """
    out: list[re.Match[str]] = []
    pos = 0  # no match may start before this (the end of the last one, or tried already)
    for q in anchors:
        p = max(pos, q - reach)
        while p <= q:
            if word_start and p and (norm[p - 1].isalnum() or norm[p - 1] == "_"):
                p += 1
                continue
            m = rx.match(norm, p)
            if m is None:
                p += 1
            else:
                out.append(m)
                p = pos = m.end()
        pos = max(pos, q + 1)
    return out


# --------------------------------------------------------------------------- resolution


def _year_for(month: int, rel: str | None, year: str | None,
              published: date | None) -> tuple[int | None, str]:
    """The year of a month mention and a note saying how it was chosen."""
    if year:
        return int(year), ""
    if published is None:
        return None, "year not stated and publication date unknown"
    if rel in ("المقبل", "القادم"):
        y = published.year + (1 if month < published.month else 0)
        return y, "year from publication date (next such month)"
    if rel == "الماضي":
        y = published.year - (1 if month > published.month else 0)
        return y, "year from publication date (last such month)"
    if rel in ("الجاري", "الحالي"):
        note = "year from publication date (current month)"
        if month != published.month:
            note += f"; says 'this month' but publication month is {published.month}"
        return published.year, note
    return published.year, "year assumed from publication date"


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _most_recent(weekday: int, on_or_before: date) -> date:
    return on_or_before - timedelta(days=(on_or_before.weekday() - weekday) % 7)


def _weekday_note(stated: int, actual: date) -> str:
    if actual.weekday() == stated:
        return ""
    return (f"text says {_WEEKDAY_EN[stated]} but {actual.isoformat()} is a "
            f"{_WEEKDAY_EN[actual.weekday()]}; date kept")


# --------------------------------------------------------------------------- extraction

_Cand = tuple[int, int, str | None, str, str, str]  # norm start, end, iso, kind, note, precision


def _left_ok(norm: str, i: int, extra: str = "") -> bool:
    """No word character (or one of ``extra``) just before ``i``, except a one-letter proclitic
    (``و`` ``ف`` ``ب`` ``ل``) written against a number: ``و27.05.2017``."""
    if i == 0:
        return True
    ch = norm[i - 1]
    if ch in "وفبل" and norm[i].isdigit():
        return _left_ok(norm, i - 1, extra)
    return not (ch.isalnum() or ch == "_" or ch in extra)


# A numeric date has a separator with a digit on each side: the first "." or "/" of a
# day.month.year one character or two after its start, the first "-" of a year-month-day four
# after. Such separators are rare, so the patterns are tried only just before them (a scan for
# a separator is much cheaper than trying a pattern that starts with \d at every position).
# (The separator comes first in the pattern so the engine can skip to candidates quickly.)
_DIGIT_SEP = re.compile(r"[./-](?<=\d[./-])(?=\d)")
_REACH_DMY = 2
_REACH_ISO = 4


def _numeric(norm: str) -> list[_Cand]:
    out: list[_Cand] = []
    dmy: list[int] = []
    iso: list[int] = []
    for m in _DIGIT_SEP.finditer(norm):
        (iso if m.group() == "-" else dmy).append(m.start())
    for rx, anchors, reach in ((_NUM_DMY, dmy, _REACH_DMY), (_NUM_ISO, iso, _REACH_ISO)):
        if not anchors:
            continue
        for m in _finditer_near(rx, norm, anchors, reach):
            if not _left_ok(norm, m.start(), "./-"):
                continue
            d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
            if d is not None and 1900 <= d.year <= 2100:
                out.append((m.start(), m.end(), d.isoformat(), "explicit", "", "day"))
    return out


def _day_month(norm: str, published: date | None, months: list[int]) -> list[_Cand]:
    out: list[_Cand] = []
    for m in _finditer_near(_DAY_MONTH, norm, months, _REACH_DAY_MONTH, True):
        day = int(m["day"]) if m["day"] else ORDINALS[m["ord"]]
        month = MONTHS[m["m1"]]
        note_parts = []
        if m["m2"] and MONTHS[m["m2"]] != month:
            note_parts.append("the two month names disagree; the first is used")
        if m["day2"]:
            # "14 و15 أيلول": one mention of a span of days, dated by its first day.
            note_parts.append(f"range to day {int(m['day2'])} of the month")
        year, ynote = _year_for(month, m["rel"], m["year"], published)
        if ynote:
            note_parts.append(ynote)
        iso = None
        if year is not None:
            d = _safe_date(year, month, day)
            if d is None:
                # "31 شباط" and similar: report the mention, but do not invent a day.
                note_parts.append("no such day")
            else:
                iso = d.isoformat()
        out.append((m.start(), m.end(), iso, "explicit", "; ".join(note_parts), "day"))
    return out


def _month_level(norm: str, published: date | None, months: list[int]) -> list[_Cand]:
    out: list[_Cand] = []
    for m in _finditer_near(_MONTH_LEVEL, norm, months, _REACH_MONTH_LEVEL, True):
        # A month name alone is too ambiguous ("مارس" is also a verb, "اب" a noun): require a
        # qualifier, the word شهر, a year, الجاري/المقبل/الماضي or a double form تموز/يوليو.
        if not (m["q"] or m["shahr"] or m["year"] or m["rel"] or m["m2"]):
            continue
        month = MONTHS[m["m1"]]
        year, ynote = _year_for(month, m["rel"], m["year"], published)
        q = m["q"]
        note_parts = [f"month-level ({_QUALIFIER_EN[q]} month)" if q else "month-level"]
        if ynote:
            note_parts.append(ynote)
        iso = None
        if year is not None:
            last = calendar.monthrange(year, month)[1]
            day = _QUALIFIER_DAY.get(q or "", 1)
            if q in ("اواخر", "نهايه"):
                day = last
            iso = date(year, month, day).isoformat()
        # An attached conjunction ("ومطلع") is not part of the mention.
        start = m.start("q") if m["conj"] else m.start()
        out.append((start, m.end(), iso, "explicit", "; ".join(note_parts), "month"))
    return out


def _relative(norm: str, published: date | None, weekdays: list[int]) -> list[_Cand]:
    out: list[_Cand] = []
    for m in _finditer_near(_RELATIVE, norm, weekdays, _REACH_RELATIVE, True):
        pre = re.sub(r"\s", " ", m["pre"] or "")
        if not pre and _BOTH_BEFORE.search(norm, max(0, m.start() - 6), m.start()):
            continue
        wd = WEEKDAYS[m["wd"]]
        start = m.start("pre") if m["conj"] else m.start()  # "وأمس الثلاثاء": not the "و"
        if published is None:
            out.append((start, m.end(), None, "relative", "needs the publication date",
                        "day"))
            continue
        note = ""
        post = m["post"]
        if pre == "اليوم":
            d = published
            note = _weekday_note(wd, d)
        elif pre in ("امس", "يوم امس"):
            d = published - timedelta(days=1)
            note = _weekday_note(wd, d)
        elif pre == "اول امس":
            d = published - timedelta(days=2)
            note = _weekday_note(wd, d)
        elif pre in ("غدا", "غد", "يوم غد"):
            d = published + timedelta(days=1)
            note = _weekday_note(wd, d)
        elif post in ("المقبل", "القادم"):
            d = published + timedelta(days=(wd - published.weekday()) % 7 or 7)
            note = "next such weekday after publication"
        elif post == "الماضي":
            d = published - timedelta(days=(published.weekday() - wd) % 7 or 7)
            note = "last such weekday before publication"
        elif _FROM_ON.search(norm, max(0, start - 40), start):
            d = published + timedelta(days=(wd - published.weekday()) % 7)
            note = "from that weekday on: the coming one, on or after publication"
        else:
            d = _most_recent(wd, published)
            note = "most recent such weekday on or before publication"
            if pre in ("ليله", "ليل"):
                note = ("night of that weekday (Arabic usage can also mean the eve, the night "
                        "before); " + note)
        out.append((start, m.end(), d.isoformat(), "relative", note, "day"))
    return out


def _shift_month(y: int, m: int, by: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + by
    return k // 12, k % 12 + 1


_PERIOD_SHIFT = {"الجاري": 0, "الحالي": 0, "الماضي": -1, "المقبل": 1, "القادم": 1}
_PERIOD_EN = {-1: "the {unit} before publication", 0: "the {unit} of publication",
              1: "the {unit} after publication"}


def _period_anchors(norm: str, months: list[int] | None = None) -> list[int]:
    """Starts of "الشهر الماضي"-like phrases (``_PERIOD_PHRASES``) at a word start, among the
    month anchors (``_anchors``): every _PERIOD match holds one, at most _REACH_PERIOD after
    its start."""
    if months is None:
        months = _anchors(norm)[0]
    return [q for q in months if norm.startswith(_PERIOD_UNITS, q)]


def _period(norm: str, published: date | None, months: list[int]) -> list[_Cand]:
    """Months and years relative to the dateline, tried only at their anchors."""
    out: list[_Cand] = []
    anchors = _period_anchors(norm, months)
    if not anchors:
        return out
    for m in _finditer_near(_PERIOD, norm, anchors, _REACH_PERIOD, True):
        is_month = m["unit"] == "الشهر"
        day = int(m["day"]) if m["day"] else ORDINALS[m["ord"]] if m["ord"] else None
        if day is not None and not is_month:
            continue  # "the 5th of last year" is not a date
        start = m.start() + (1 if m["conj"] else 0)
        shift = _PERIOD_SHIFT[m["rel"]]
        q = m["q"]
        unit = "month" if is_month else "year"
        note_parts = [_PERIOD_EN[shift].format(unit=unit)]
        if published is None:
            out.append((start, m.end(), None, "explicit",
                        ("" if day is not None else f"{unit}-level; ")
                        + "needs the publication date", "day" if day is not None else unit))
            continue
        if is_month:
            y, mo = _shift_month(published.year, published.month, shift)
            if day is not None:
                d = _safe_date(y, mo, day)
                if d is None:
                    note_parts.append("no such day")
                out.append((start, m.end(), d.isoformat() if d else None, "explicit",
                            "; ".join(note_parts), "day"))
                continue
            last = calendar.monthrange(y, mo)[1]
            dd = last if q in ("اواخر", "نهايه") else _QUALIFIER_DAY.get(q or "", 1)
            note = f"month-level ({_QUALIFIER_EN[q]} month)" if q else "month-level"
            out.append((start, m.end(), date(y, mo, dd).isoformat(), "explicit",
                        "; ".join([note, *note_parts]), "month"))
        else:
            y = published.year + shift
            if q in ("اواخر", "نهايه"):
                d = date(y, 12, 31)
            elif q in ("منتصف", "اواسط"):
                d = date(y, 7, 1)
            else:
                d = date(y, 1, 1)
            note = f"year-level ({_QUALIFIER_EN[q]} year)" if q else "year-level"
            out.append((start, m.end(), d.isoformat(), "explicit",
                        "; ".join([note, *note_parts]), "year"))
    return out


def _daypart_today(norm: str, published: date | None, anchors: list[int]) -> list[_Cand]:
    """"صباح اليوم" and the like (``_DAYPART_TODAY``), tried only at their own anchors."""
    out: list[_Cand] = []
    for q in anchors:
        m = _DAYPART_TODAY.match(norm, q)
        if m is None:
            continue
        start = m.start("part")  # "وصباح اليوم": not the "و"
        if published is None:
            out.append((start, m.end(), None, "relative", "needs the publication date", "day"))
            continue
        note = _weekday_note(WEEKDAYS[m["wd"]], published) if m["wd"] else ""
        out.append((start, m.end(), published.isoformat(), "relative", note, "day"))
    return out


def _occurrences(text: str, word: str) -> list[int]:
    out = []
    at = text.find(word)
    while at >= 0:
        out.append(at)
        at = text.find(word, at + 1)
    return out


def _bare_yesterday(norm: str, published: date | None) -> list[_Cand]:
    # Every match holds امس (at most len("اول ") after its start) or starts with البارحه, so
    # the pattern is tried only there.
    out: list[_Cand] = []
    # Only where the word starts a word, alone or after a conjunction or "اول ": inside a word
    # ("الخامس", "خمس") no match can pass _left_ok, and most occurrences are there.
    anchors = [at for word in ("امس", "البارحه") for at in _occurrences(norm, word)
               if at == 0 or not norm[at - 1].isalnum()
               or (norm[at - 1] in "وف" and (at == 1 or not norm[at - 2].isalnum()))]
    if not anchors:
        return out
    for m in _finditer_near(_BARE_YESTERDAY, norm, sorted(anchors), len("اول ")):
        at = m.start()
        # An attached conjunction does not make it another word: "والبارحة", "وأمس".
        if not (_left_ok(norm, at) or (norm[at - 1] in "وف" and _left_ok(norm, at - 1))):
            continue
        back = 2 if m["w"].startswith("اول") else 1
        if published is None:
            out.append((m.start(), m.end(), None, "relative", "needs the publication date", "day"))
        else:
            iso = (published - timedelta(days=back)).isoformat()
            out.append((m.start(), m.end(), iso, "relative", "", "day"))
    return out


def _skipped_ranges(norm: str) -> list[tuple[int, int]]:
    # Only lines holding one of _SKIP_NEEDS can match _SKIP_LINE, so only those are tested.
    # (_SKIP_HINT, once a quick test for the whole text, is implied by any _SKIP_LINE match.)
    # (str.find per word: a regex alternation would stop at every ج and ص.)
    lines: set[tuple[int, int]] = set()
    n = len(norm)
    for need in _SKIP_NEEDS:
        at = norm.find(need)
        while at >= 0:
            end = norm.find(_LINE_BREAK, at)
            end = n if end < 0 else end
            lines.add((norm.rfind(_LINE_BREAK, 0, at) + 1, end))
            at = norm.find(need, end)
    return [(a, b) for a, b in sorted(lines) if _skip_line(norm[a:b])]


# _SKIP_LINE taken apart, so that only the parts a line can match are run: its plain words are
# looked for with ``in`` (under re.I they match only themselves), the case-insensitive phrase
# only when the line has a "v", and the caption start with an anchored match.
_RIGHTS = re.compile("all rights reserved", re.IGNORECASE)
_CAPTION_START = re.compile(r"[\W\x00]*(?:ال)?صوره(?!\w)|[\W\x00]*photo", re.IGNORECASE)


def _skip_line(line: str) -> bool:
    """``bool(_SKIP_LINE.search(line))`` for a line (no line break in it)."""
    return ("©" in line or "جميع الحقوق" in line
            or (("v" in line or "V" in line) and _RIGHTS.search(line) is not None)
            or _CAPTION_START.match(line) is not None)


def extract_dates(text: str, published: date | None) -> list[DateMention]:
    """Every date mention in ``text``, in reading order, without overlaps.

    ``published`` anchors relative mentions and year-less months; pass ``None`` when unknown
    (those mentions are still reported, with ``date=None``).
    """
    # Newlines must survive normalisation so lines can be judged (captions, footers), but the
    # normaliser turns them into spaces: swap them for NUL (same length, so offsets hold, and
    # not whitespace, so no pattern runs across a line break).
    norm, index_map = normalise_with_map(text.replace("\n", _LINE_BREAK))
    months, weekdays = _anchors(norm)
    return dates_from_anchors(text, published, norm, index_map, months, weekdays)


def dates_from_anchors(text: str, published: date | None, norm: str, index_map: list[int],
                       months: list[int], weekdays: list[int]) -> list[DateMention]:
    """``extract_dates`` once ``text`` is normalised (line breaks as NUL) and its anchors
    found: sorted, distinct starts of month / weekday names (``ANCHOR_KINDS``) that start a
    word, as ``_anchors`` gives them."""
    dayparts = [q for q in months if norm.startswith(_DAYPART_PHRASES, q)]
    if dayparts:  # (not month names: the month patterns need not be tried there)
        months = [q for q in months if not norm.startswith(_DAYPART_PHRASES, q)]
    cands = (_numeric(norm) + _daypart_today(norm, published, dayparts)
             + _day_month(norm, published, months)
             + _month_level(norm, published, months) + _relative(norm, published, weekdays)
             + _bare_yesterday(norm, published) + _period(norm, published, months))
    skipped = _skipped_ranges(norm)
    # Earliest first, then longest: "اليوم الخميس" beats "الخميس", "6 ايار الجاري" beats
    # the month-level "ايار الجاري".
    cands.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    out: list[DateMention] = []
    last_end = -1
    for s, e, iso, kind, note, precision in cands:
        if s < last_end or (skipped and any(a <= s < b for a, b in skipped)):
            continue
        last_end = e
        start, end = to_original(index_map, s, e, text)
        out.append(DateMention(start, end, text[start:end], iso, kind, note, precision))
    return out
