"""Monitor forces: the curated table (``geo/data/forces.csv``) and an extractor for new articles.

The table records who offered, proposed, agreed, deployed or denied monitor forces for which
zone, each row sourced; rows taken from a seed article carry a verbatim quote, which
``check_files`` finds in ``seeds/<article_id>.txt`` (and reports where).

``extract_force_candidates`` is a transparent, rule-based reader for articles not in the table:
it finds sentences that talk about sending / deploying / monitoring forces and fills in actor,
force type, zones, stance and condition from word lists. Matching runs on
``geo.arabic.normalise`` text; every reported span is a slice of the original text.
It proposes candidates for a human to check, it does not decide facts.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import ahocorasick

from geo import ZONE_IDS
from geo.arabic import expand_variants, normalise, normalise_with_map, to_original
from geo.evidence import EVIDENCE_COLUMNS, Evidence
from geo.evidence import problems as evidence_problems
from geo.paths import DATA_DIR
from geo.paths import PROJECT_SEEDS_DIR as SEEDS_DIR
from geo.problems import DataError, Problem, display_path

__all__ = [
    "ACTORS",
    "FORCES_PATH",
    "FORCE_COLUMNS",
    "FORCE_TYPES",
    "STANCES",
    "ForceCandidate",
    "ForceRecord",
    "Span",
    "check_files",
    "extract_force_candidates",
    "load_forces",
    "quote_spans",
]

FORCES_PATH = DATA_DIR / "forces.csv"
FORCE_COLUMNS: tuple[str, ...] = (
    "force_id", "actor", "force_type", "zone_ids", "stance", "condition_en", "date", "quote",
    "article_id", "outlet", "source_title", "url", "note_en",
    "related_outlet", "related_title", "related_url", *EVIDENCE_COLUMNS,
)
ACTORS: tuple[str, ...] = ("iran", "russia", "turkey", "kazakhstan", "kyrgyzstan", "guarantors",
                           "us", "jordan", "other")
FORCE_TYPES: tuple[str, ...] = ("troops", "military-police", "observers", "peacekeepers",
                                "observation-posts", "checkpoints", "unspecified")
STANCES: tuple[str, ...] = ("offered", "proposed", "agreed", "deployed", "denied")
ALL = "all"


@dataclass(frozen=True)
class ForceRecord:
    force_id: str
    actor: str
    force_type: str
    zone_ids: tuple[str, ...]
    stance: str
    condition_en: str
    date: date | None
    quote: str
    article_id: str
    outlet: str
    source_title: str
    url: str
    note_en: str
    # Another outlet's report of the same statement (never the record's own source): set on
    # records whose source is a seed article, whose own URL the catalog may not know.
    related_outlet: str = ""
    related_title: str = ""
    related_url: str = ""
    # the source's deciding phrase, or why there is none
    evidence: Evidence = field(default_factory=Evidence)

    def to_json(self) -> dict[str, object]:
        d = asdict(self)
        d.pop("evidence")
        d["zone_ids"] = list(self.zone_ids)
        d["date"] = self.date.isoformat() if self.date else None
        return d | self.evidence.to_json()

    def to_csv_row(self) -> dict[str, object]:
        """``to_json`` for a CSV download: lists ``;``-joined, as in the project's own CSVs."""
        from geo.timeline import csv_cells

        return csv_cells(self.to_json())


# --------------------------------------------------------------------------- the table


def _seed_text(seeds_dir: Path, article_id: str) -> str | None:
    try:
        return (seeds_dir / f"{article_id}.txt").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _parse(path: Path, seeds_dir: Path) -> tuple[list[ForceRecord], list[Problem],
                                                 dict[str, tuple[int, int]]]:
    from geo.corpus import load_catalog
    from geo.outlets import load_outlet_sites
    from geo.timeline import read_table  # here: extracting candidates never needs it

    file = display_path(path)
    rows, problems = read_table(path, FORCE_COLUMNS)
    sites, site_file_problems = load_outlet_sites()
    problems += site_file_problems
    catalog = load_catalog(seeds_dir / "catalog.csv") if rows else {}
    records: list[ForceRecord] = []
    spans: dict[str, tuple[int, int]] = {}
    seen: set[str] = set()
    for line, row in rows:
        fid = row["force_id"]
        item = f"line {line} ({fid or 'no force_id'})"
        bad: list[Problem] = []
        if not fid:
            bad.append(Problem(file, item, "has no force_id", "give it a unique slug"))
        elif fid in seen:
            bad.append(Problem(file, item, "repeats a force_id", "make force_id unique"))
        seen.add(fid)
        for col, allowed in (("actor", ACTORS), ("force_type", FORCE_TYPES),
                             ("stance", STANCES)):
            if row[col] not in allowed:
                bad.append(Problem(file, item, f"{col} {row[col]!r} is unknown",
                                   f"use one of {', '.join(allowed)}"))
        zones = tuple(z.strip() for z in row["zone_ids"].split(";") if z.strip())
        if not zones or any(z not in (*ZONE_IDS, ALL) for z in zones):
            bad.append(Problem(file, item, f"zone_ids {row['zone_ids']!r} has unknown or no "
                               "zone ids", f"use {', '.join((*ZONE_IDS, ALL))}"))
        day = None
        if row["date"]:
            try:
                day = date.fromisoformat(row["date"])
            except ValueError:
                bad.append(Problem(file, item, f"date {row['date']!r} is not an ISO date",
                                   "write YYYY-MM-DD or leave it empty"))
        if not row["outlet"]:
            bad.append(Problem(file, item, "outlet is empty", "name the source"))
        if row["url"] and not row["url"].startswith(("http://", "https://")):
            bad.append(Problem(file, item, f"URL {row['url']!r} is not http(s)",
                               "give the full address"))
        if not row["url"] and not row["article_id"]:
            bad.append(Problem(file, item, "has neither a URL nor an article_id",
                               "cite the source"))
        bad += _check_sources(file, item, row, sites, catalog)
        if row["article_id"]:
            bad += _check_quote(file, item, row, seeds_dir, spans)
        evidence = Evidence.from_row(row)
        bad += evidence_problems(file, item, evidence, {"condition_en": row["condition_en"],
                                                        "note_en": row["note_en"]}, seeds_dir)
        problems += bad
        if bad:
            continue
        records.append(ForceRecord(fid, row["actor"], row["force_type"], zones, row["stance"],
                                   row["condition_en"], day, row["quote"], row["article_id"],
                                   row["outlet"], row["source_title"], row["url"],
                                   row["note_en"], row["related_outlet"], row["related_title"],
                                   row["related_url"], evidence))
    return records, problems, spans


def _check_sources(file: str, item: str, row: dict[str, str],
                   sites: dict[str, tuple[str, ...]], catalog: dict[str, Any]) -> list[Problem]:
    """The record's outlet, title and URL name one source, and so does its related report.

    A record taken from a seed article cites that article: the catalog's outlet and URL (empty
    while the catalog does not know it); another outlet's page goes in ``related_*``."""
    from geo.outlets import site_problems

    bad = site_problems(file, item, row["outlet"], row["url"], sites)
    cat = catalog.get(row["article_id"]) if row["article_id"] else None
    if cat is not None:
        if cat.outlet_en.strip() and row["outlet"].strip() != cat.outlet_en.strip():
            bad.append(Problem(file, item, f"outlet {row['outlet']!r} is not the outlet of "
                               f"article {row['article_id']} ({cat.outlet_en!r} in "
                               "seeds/catalog.csv)", "name the seed article's outlet"))
        if row["url"].strip() != cat.url.strip():
            have = cat.url.strip() or "no URL"
            bad.append(Problem(file, item, f"url {row['url']!r} is not the URL of article "
                               f"{row['article_id']} (seeds/catalog.csv has {have})",
                               "give the seed article's own URL (empty while unknown); another "
                               "outlet's report goes in related_outlet/related_title/related_url"))
    rel_url, rel_outlet = row["related_url"], row["related_outlet"]
    if rel_url and not rel_url.startswith(("http://", "https://")):
        bad.append(Problem(file, item, f"related_url {rel_url!r} is not http(s)",
                           "give the full address"))
    elif rel_url and not rel_outlet.strip():
        bad.append(Problem(file, item, "has a related_url but no related_outlet",
                           "name the outlet whose report it is"))
    elif (rel_outlet or row["related_title"]) and not rel_url:
        bad.append(Problem(file, item, "names a related report but gives no related_url",
                           "give its address, or leave the three related_* cells empty"))
    else:
        bad += site_problems(file, item, rel_outlet, rel_url, sites, what="related_url")
    return bad


def _check_quote(file: str, item: str, row: dict[str, str], seeds_dir: Path,
                 spans: dict[str, tuple[int, int]]) -> list[Problem]:
    text = _seed_text(seeds_dir, row["article_id"])
    if text is None:
        return [Problem(file, item, f"article_id {row['article_id']!r} has no readable file in "
                        "seeds/", "use a seed file's stem")]
    quote = row["quote"]
    if not quote:
        return [Problem(file, item, "has an article_id but no quote",
                        "copy the sentence verbatim from the article")]
    at = text.find(quote)
    if at >= 0:
        spans[row["force_id"]] = (at, at + len(quote))
        return []
    # Say *how* it differs: a quote that only matches after normalisation was retyped, not
    # copied (hamza, ta marbuta, spaces), and the offsets show where to copy it from.
    norm, imap = normalise_with_map(text)
    k = norm.find(normalise(quote))
    if k >= 0:
        s, e = to_original(imap, k, k + len(normalise(quote)), text)
        return [Problem(file, item, f"quote is not verbatim; the article has {text[s:e]!r} at "
                        f"offsets {s}-{e}", "copy that text exactly")]
    return [Problem(file, item, f"quote not found in seeds/{row['article_id']}.txt",
                    "copy the quote verbatim from the article")]


def load_forces(path: Path | str = FORCES_PATH,
                seeds_dir: Path | str = SEEDS_DIR) -> list[ForceRecord]:
    """All monitor-force records, in file order. Raises ``DataError`` when the file has errors
    (including a quote that is not verbatim in its article)."""
    records, problems, _ = _parse(Path(path), Path(seeds_dir))
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise DataError(errors)
    return records


def quote_spans(path: Path | str = FORCES_PATH,
                seeds_dir: Path | str = SEEDS_DIR) -> dict[str, tuple[int, int]]:
    """``force_id -> (start, end)`` of each verbatim quote in its seed article."""
    return _parse(Path(path), Path(seeds_dir))[2]


def check_files(path: Path | str = FORCES_PATH,
                seeds_dir: Path | str = SEEDS_DIR) -> list[Problem]:
    """Every problem in the forces table; empty when it is clean."""
    return _parse(Path(path), Path(seeds_dir))[1]


# --------------------------------------------------------------------------- extraction


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class ForceCandidate:
    start: int
    end: int
    text: str  # the sentence, == original[start:end]
    actor: str | None  # best guess; None when no actor word is in the sentence
    actors: tuple[str, ...]  # every actor named in the sentence, in order
    force_type: str
    zones: tuple[str, ...]  # ("all",) when the sentence names no zone
    stance: str | None  # None when no stance word is found
    condition: Span | None
    cues: tuple[str, ...]  # the (original-text) words that triggered the candidate

    def to_json(self) -> dict[str, object]:
        # Spelled out (same keys, same order as dataclasses.asdict) because asdict deep-copies
        # every field and the link CLI serialises thousands of these.
        return {"start": self.start, "end": self.end, "text": self.text, "actor": self.actor,
                "actors": list(self.actors), "force_type": self.force_type,
                "zones": list(self.zones), "stance": self.stance,
                "condition": self.condition.to_json() if self.condition else None,
                "cues": list(self.cues)}


# Word lists, in ordinary spelling; normalised and given proclitic forms at import.
_FORCE_NOUNS: dict[str, tuple[str, ...]] = {
    # order = priority when a sentence names several
    "peacekeepers": ("قوات سلام", "قوات السلام", "قوات حفظ السلام", "قوات حفظ سلام",
                     "قوة سلام", "قوة حفظ سلام", "قوات لحفظ السلام", "حفظ السلام"),
    "military-police": ("شرطة عسكرية", "الشرطة العسكرية"),
    "observation-posts": ("نقاط مراقبة", "نقاط المراقبة", "نقطة مراقبة", "مراكز مراقبة",
                          "مراكز المراقبة", "مراكز للمراقبة", "نقاط للمراقبة"),
    "checkpoints": ("حواجز", "الحواجز", "نقاط تفتيش"),
    "observers": ("مراقبين", "المراقبين", "مراقبون", "المراقبون"),
    "troops": ("قوات", "القوات", "قوة", "القوة", "عسكريين", "العسكريين", "عسكريون",
               "العسكريون", "جنود", "الجنود", "وحدات عسكرية", "قوات فصل", "قوات عسكرية"),
}
# Force nouns that are about monitoring by themselves; the others need an action word too.
_SELF_SUFFICIENT = {"peacekeepers", "military-police", "observation-posts", "observers"}
_ACTIONS = ("إرسال", "ارسال", "يرسل", "ترسل", "سترسل", "سيرسل", "أرسلت", "نشر", "ينشر", "تنشر",
            "نشرت", "انتشار", "انتشرت", "تنتشر", "مراقبة", "لمراقبة", "المراقبة", "تراقب",
            "ستراقب", "ستراقبها", "يراقب", "الإشراف", "الاشراف", "للإشراف", "إشراف", "نشرها")
_GUARANTORS = ("الدول الضامنة", "الدول الثلاث", "الدول الضامنة الثلاث", "الضامنين")
_ACTOR_WORDS: dict[str, tuple[str, ...]] = {
    "iran": ("إيران", "طهران", "الإيراني", "الإيرانية", "إيراني", "إيرانية", "الإيرانيين"),
    "russia": ("روسيا", "موسكو", "الروسي", "الروسية", "روسي", "روسية", "روس", "الروس"),
    "turkey": ("تركيا", "أنقرة", "التركي", "التركية", "تركي", "تركية", "الأتراك"),
    "kazakhstan": ("كازاخستان", "الكازاخستاني", "الكازاخستانية", "كازاخية", "كازاخي",
                   "كازاخستانية"),
    "kyrgyzstan": ("قرغيزستان", "قيرغيزستان", "القرغيزي", "القيرغيزي"),
    "guarantors": _GUARANTORS,
    "us": ("واشنطن", "الولايات المتحدة", "أمريكا", "أميركا", "الأمريكي", "الأمريكية",
           "الأميركي", "الأميركية", "الامريكية"),
    "jordan": ("الأردن", "الأردني", "الأردنية"),
}
_ZONE_WORDS: dict[str, tuple[str, ...]] = {
    "idlib": ("إدلب", "ادلب"),
    "northern-homs": ("حمص", "ريف حمص الشمالي", "شمال حمص", "الرستن", "تلبيسة", "الحولة"),
    "eastern-ghouta": ("الغوطة الشرقية", "الغوطة", "دوما"),
    "south": ("درعا", "القنيطرة", "جنوب سوريا", "الجنوب السوري", "جنوب غرب سوريا",
              "الجنوب الغربي", "السويداء"),
}
# Stance cues, checked in this order: a denial or an offer says more than a passing "اتفاق";
# a past-tense deployment beats a mention of an agreement; "تريد نشر" is a proposal, not a
# deployment, so the bare verbal noun نشر comes last.
_STANCE_CUES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("denied", ("نفى", "نفت", "تنفي", "ينفي", "تنفيان", "ينفيان", "نفيا", "نفي")),
    ("offered", ("مستعد", "مستعدة", "مستعدون", "جاهز", "جاهزة", "جاهزون", "استعداد",
                 "استعدادها", "استعداده")),
    ("deployed", ("نشرت", "انتشرت", "أرسلت", "تنتشر", "انتشر", "نشر الجيش", "أقامت")),
    ("proposed", ("اقتراح", "اقترح", "اقترحت", "مقترح", "المقترح", "تقترح", "يقترح", "تريد",
                  "يريد", "تسعى", "يسعى", "تأمل", "ضرورة", "يتعين", "ينبغي", "دعا", "طالب")),
    ("agreed", ("وقع", "وقعت", "اتفاق", "الاتفاق", "اتفقت", "اتفق", "نصت", "تنص", "ينص",
                "المذكرة", "مذكرة")),
    ("deployed", ("نشر", "انتشار")),
)
_CONDITIONS = ("إذا", "اذا", "في حال", "في حالة", "لو", "شرط", "بشرط", "شريطة", "إن")
_CLAUSE_END = re.compile(r"[،,;:؛\"«»“”]|\.(?!\d)|\x00")
# A sentence ends at ".!?؟" not between digits, or at a line break. Written with the character
# first (and the digit tests after it) so the regex engine can skip ahead to candidates; the
# same matches as r"(?<!\d)[.!?؟](?!\d)|\n".
_SENTENCE_END = re.compile(r"[.!?؟\n](?:(?<=\n)|(?<!\d.)(?!\d))")
_LEADING = re.compile(r"[\s,،]*")


def _forms(words: list[str], proclitics: bool = True) -> list[str]:
    return expand_variants(words) if proclitics else [normalise(w) for w in words]


def _lexicon_regex(words: list[str], proclitics: bool = True) -> re.Pattern[str]:
    alt = "|".join(re.escape(f) for f in sorted(set(_forms(words, proclitics)), key=len,
                                                  reverse=True))
    # A word boundary that treats "_" as a separator, so hashtags (#مناطق_خفض) split.
    return re.compile(rf"(?<![^\W_])(?:{alt})(?![^\W_])")


def _labels(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    labels: dict[str, str] = {}
    for label, words in table.items():
        for f in expand_variants(words):
            labels.setdefault(f, label)
    return labels


# The word lists, one per "lexicon" (force nouns, action words, actors, zones, then each stance
# group in checking order): form -> label (None where only the presence counts).
_FORCE, _ACTION, _ACTOR, _ZONE, _STANCE0 = range(5)
_LEXICONS: list[dict[str, str | None]] = [
    _labels(_FORCE_NOUNS),
    dict.fromkeys(_forms(list(_ACTIONS))),
    _labels(_ACTOR_WORDS),
    _labels(_ZONE_WORDS),
    *(dict.fromkeys(_forms(list(words))) for _, words in _STANCE_CUES),
]
_STANCE_NAMES = [stance for stance, _ in _STANCE_CUES]
# "إن" ("if"/"that") is too ambiguous without a following verb; only the clear forms count.
_CONDITION_RX = _lexicon_regex([c for c in _CONDITIONS if c != "إن"], proclitics=False)
# The same without its leading look-behind, which made the engine try every position; the
# left boundary is checked in _condition instead (same matches).
_CONDITION_BODY = re.compile(_CONDITION_RX.pattern.removeprefix("(?<![^\\W_])"))
assert _CONDITION_BODY.pattern != _CONDITION_RX.pattern
_FORCE_PRIORITY = list(_FORCE_NOUNS)


def _entries() -> dict[str, tuple[tuple[int, str | None], ...]]:
    """Every form of every lexicon with its ``(lexicon, label)`` pairs."""
    entries: dict[str, list[tuple[int, str | None]]] = {}
    for k, lex in enumerate(_LEXICONS):
        for form, label in lex.items():
            entries.setdefault(form, []).append((k, label))
    return {form: tuple(payload) for form, payload in entries.items()}


def _build_automaton() -> ahocorasick.Automaton:
    """One Aho-Corasick automaton over every form of every lexicon, so an article is scanned
    once instead of once per word list and sentence. (``geo.linker`` folds the same entries
    into its own automaton, to scan an article once for everything.)"""
    auto = ahocorasick.Automaton()
    for form, payload in ENTRIES.items():
        auto.add_word(form, (len(form), payload))
    auto.make_automaton()
    return auto


ENTRIES = _entries()
# Built on first use: the linker scans with its own automaton (ENTRIES folded in), so a process
# that only links never needs this one.
_AUTOMATON: ahocorasick.Automaton | None = None

_Hit = tuple[int, int, str | None]


def _scan(norm: str) -> list[list[_Hit]]:
    """Per lexicon, its matches in ``norm`` exactly as ``re.finditer`` would give them for the
    alternation ``(?<![^\\W_])(?:form|...)(?![^\\W_])`` (longest form first): at each position
    the longest form with a word boundary on both sides ("_" counts as a boundary), scanning
    left to right without overlaps."""
    # Hits are collected as (start, -end, label) so that a plain sort puts them leftmost first
    # and, at one start, longest first (no key function); a lexicon never has two forms with
    # the same span, so labels are never compared.
    found = new_found()
    n = len(norm)
    global _AUTOMATON
    if _AUTOMATON is None:
        _AUTOMATON = _build_automaton()
    for end, (length, payload) in _AUTOMATON.iter(norm):
        e = end + 1
        s = e - length
        if (s and norm[s - 1].isalnum()) or (e < n and norm[e].isalnum()):
            continue
        for k, label in payload:
            found[k].append((s, -e, label))
    return lexicon_hits(found)


def new_found() -> list[list[tuple[int, int, str | None]]]:
    """Empty per-lexicon lists for ``(start, -end, label)`` of word-bounded hits of
    ``ENTRIES`` (any order), to pass to ``lexicon_hits``."""
    return [[] for _ in _LEXICONS]


def lexicon_hits(found: list[list[tuple[int, int, str | None]]]) -> list[list[_Hit]]:
    """Per lexicon, leftmost-longest non-overlapping hits from what ``new_found`` collected."""
    out: list[list[_Hit]] = []
    for hits in found:
        if len(hits) > 1:
            hits.sort()
        kept, last = [], -1
        for s, neg_e, label in hits:
            if s >= last:
                last = -neg_e
                kept.append((s, last, label))
        out.append(kept)
    return out


def _sentences(text: str) -> list[tuple[int, int]]:
    starts, ends = _sentence_cuts(text)
    spans = []
    for a, b in zip(starts, ends, strict=True):
        a, b = _trim(text, a, b)
        if b > a:
            spans.append((a, b))
    return spans


def _sentence_cuts(text: str) -> tuple[list[int], list[int]]:
    """Untrimmed sentence starts and ends, in order (a line break is not part of a sentence).

    The matches of ``_SENTENCE_END`` (each one character), found with ``str.find`` per
    character instead of the regex engine, which tests every character of the article against
    the class and the look-arounds (several times slower): a line break always ends a
    sentence, ``.!?؟`` only with no decimal digit (``\\d``) on either side."""
    n = len(text)
    cuts = []  # (position, end of the sentence it closes)
    at = text.find("\n")
    while at >= 0:
        cuts.append((at, at))
        at = text.find("\n", at + 1)
    for ch in ".!?؟":
        at = text.find(ch)
        while at >= 0:
            if not ((at and text[at - 1].isdecimal()) or (at + 1 < n and text[at + 1].isdecimal())):
                cuts.append((at, at + 1))
            at = text.find(ch, at + 1)
    cuts.sort()
    starts = [0]
    starts += [p + 1 for p, _ in cuts]
    ends = [e for _, e in cuts]
    ends.append(n)
    return starts, ends


def _is_cut(text: str, at: int) -> bool:
    """A ``.!?؟`` at ``at`` ends a sentence (no decimal digit on either side)."""
    return not ((at and text[at - 1].isdecimal())
                or (at + 1 < len(text) and text[at + 1].isdecimal()))


def _sentences_at(text: str, positions: list[int]) -> list[tuple[int, int]]:
    """The untrimmed sentences (``_sentence_cuts``) holding these sorted positions, each once,
    in order: ``(starts[k], ends[k])`` for ``k = bisect_right(starts, q) - 1``. Looked up
    around each position (the last cut before it, the first at or after it) rather than by
    cutting the whole article: an article has a few sentences with force words, and dozens."""
    out: list[tuple[int, int]] = []
    n = len(text)
    end = -1
    for q in positions:
        if q < end:  # inside the sentence found last (positions are sorted)
            continue
        start = text.rfind("\n", 0, q) + 1
        end = text.find("\n", q)
        if end < 0:
            end = n
        for ch in ".!?؟":
            at = text.rfind(ch, start, q)
            while at >= 0 and not _is_cut(text, at):
                at = text.rfind(ch, start, at)
            if at >= 0:
                start = at + 1
            at = text.find(ch, q, end)
            while at >= 0 and not _is_cut(text, at):
                at = text.find(ch, at + 1, end)
            if at >= 0:
                end = at + 1
        if not out or out[-1] != (start, end):  # (q on the line break that ends it)
            out.append((start, end))
    return out


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    # Some outlets glue sentences with ".," so a sentence may start with a stray comma.
    # (\s and str.rstrip both mean str.isspace characters.)
    a = _LEADING.match(text, a, b).end()
    return a, a + len(text[a:b].rstrip())


def _within(hits: list[_Hit], starts: list[int], i: int, j: int) -> list[_Hit]:
    return hits[bisect_left(starts, i):bisect_left(starts, j)]


def extract_force_candidates(text: str) -> list[ForceCandidate]:
    """Sentences of ``text`` about sending, deploying or monitoring forces, with what the
    word lists can tell about them. See the module docstring for the limits.

    The word lists are matched once over the whole normalised article and the matches are
    then shared out to sentences. That gives the same matches as matching each sentence on its
    own: no form contains a sentence end (``.!?؟`` or a line break), and the character just
    before or after a sentence in the normalised text is never a letter or digit.
    """
    norm, imap = normalise_with_map(text.replace("\n", "\x00"))
    return candidates_from_hits(text, norm, imap, _scan(norm))


def candidates_from_hits(text: str, norm: str, imap: list[int],
                         lex: list[list[_Hit]]) -> list[ForceCandidate]:
    """``extract_force_candidates`` once ``text`` is normalised (line breaks as NUL) and
    scanned (``_scan``, or ``lexicon_hits`` when the caller scanned for ``ENTRIES`` itself)."""
    forces_all, actions_all, actors_all = lex[_FORCE], lex[_ACTION], lex[_ACTOR]
    # Only sentences holding a force noun or a guarantor word can become candidates.
    if not forces_all and not any(lbl == "guarantors" for _, _, lbl in actors_all):
        return []
    starts = [[h[0] for h in hits] for hits in lex]
    out: list[ForceCandidate] = []
    # Only sentences holding a force noun or an actor word are looked at, so find those from
    # the hits rather than walking every sentence. A hit starts on a letter, which lies inside
    # its sentence's trimmed span, never in the punctuation or spaces between sentences.
    # A sentence with no force noun can only qualify through a guarantor word (see below), so
    # other actor words do not make a sentence worth reading.
    wanted = _sentences_at(text, sorted(
        imap[h[0]] for h in (*forces_all, *(h for h in actors_all if h[2] == "guarantors"))))
    for cut_start, cut_end in wanted:
        a, b = _trim(text, cut_start, cut_end)
        # The normalised slice of this sentence: index_map is non-decreasing.
        i, j = bisect_left(imap, a), bisect_left(imap, b)
        forces = [(s - i, e - i, lbl) for s, e, lbl in _within(forces_all, starts[_FORCE], i, j)]
        actor_in = _within(actors_all, starts[_ACTOR], i, j)
        if not forces and not actor_in:
            continue
        actions = [(s - i, e - i) for s, e, _ in _within(actions_all, starts[_ACTION], i, j)]
        actor_hits = [(s - i, lbl) for s, _, lbl in actor_in]
        has_guarantors = any(lbl == "guarantors" for _, lbl in actor_hits)
        self_sufficient = any(lbl in _SELF_SUFFICIENT for _, _, lbl in forces)
        if not (self_sufficient or ((forces or has_guarantors) and actions)):
            continue
        labels = {lbl for _, _, lbl in forces}
        force_type = next((t for t in _FORCE_PRIORITY if t in labels), "unspecified")
        actors = tuple(dict.fromkeys(lbl for _, lbl in actor_hits))
        zone_labels = ({lbl for _, _, lbl in _within(lex[_ZONE], starts[_ZONE], i, j)}
                       if lex[_ZONE] else ())
        zones = tuple(z for z in ZONE_IDS if z in zone_labels)
        stance = None
        stance_cue = None
        for k, name in enumerate(_STANCE_NAMES, start=_STANCE0):
            hit = lex[k] and _within(lex[k], starts[k], i, j)  # (most stance lists are empty)
            if hit:
                stance, stance_cue = name, (hit[0][0] - i, hit[0][1] - i)
                break
        verbs = actions + ([stance_cue] if stance_cue else [])
        actor = _main_actor(forces, sorted(verbs), actor_hits)
        cues = [(s, e) for s, e, _ in forces] + verbs
        cue_texts = tuple(dict.fromkeys(
            text[slice(*to_original(imap, i + s, i + e, text))] for s, e in sorted(cues)))
        c = _new(ForceCandidate)  # ForceCandidate(...) without its frozen __init__ (tested)
        _setattr(c, "__dict__", {
            "start": a, "end": b, "text": text[a:b], "actor": actor, "actors": actors,
            "force_type": force_type, "zones": zones or (ALL,), "stance": stance,
            "condition": _condition(text, norm, imap, i, j), "cues": cue_texts})
        out.append(c)
    return out


_new = object.__new__
_setattr = object.__setattr__  # (a frozen dataclass's own __setattr__ refuses)


def _main_actor(forces: list[tuple[int, int, str]], verbs: list[tuple[int, int]],
                actor_hits: list[tuple[int, str]]) -> str | None:
    """Who the force belongs to, by position in the normalised sentence.

    1. an actor right after a force noun owns it ("الشرطة العسكرية الروسية", "وحدات عسكرية
       للدول الضامنة");
    2. else an actor right after an action or stance verb is its subject (Arabic is often
       verb-first: "ستراقبها الدول الضامنة", "تسعى كل من أنقرة");
    3. else the first actor named, usually the speaker or subject of the sentence.
    """
    for window, spans in ((20, [(s, e) for s, e, _ in forces]), (12, verbs)):
        for _, end in spans:
            for pos, lbl in actor_hits:
                if end <= pos <= end + window:
                    return lbl
    return actor_hits[0][1] if actor_hits else None


def _condition_word(norm: str, i: int, j: int) -> re.Match[str] | None:
    """``_CONDITION_RX.search(norm, i, j)``, with its left word boundary checked here."""
    m = _CONDITION_BODY.search(norm, i, j)
    while m is not None and m.start() and norm[m.start() - 1].isalnum():
        m = _CONDITION_BODY.search(norm, m.start() + 1, j)
    return m


# The condition words as _CONDITION_RX tries them (longest first; two words of one length
# can never both match at one position, so their order does not matter).
_CONDITION_WORDS = sorted(set(_forms([c for c in _CONDITIONS if c != "إن"], proclitics=False)),
                          key=len, reverse=True)


def _condition_span(norm: str, i: int, j: int) -> tuple[int, int] | None:
    """The span of ``_CONDITION_RX.search(norm, i, j)``, found with ``str.find`` per word: the
    leftmost position where a word starts a word and ends one (the end of the range counts as
    an end), the longest word there. The regex engine would try the alternation at every
    position of the sentence that starts with one of its first letters (ا and ل: most)."""
    best: tuple[int, int] | None = None
    for w in _CONDITION_WORDS:
        at = norm.find(w, i, j)
        while at >= 0 and (best is None or at < best[0]):
            e = at + len(w)
            if (not at or not norm[at - 1].isalnum()) and (e >= j or not norm[e].isalnum()):
                best = (at, e)
                break
            at = norm.find(w, at + 1, j)
    return best


def _condition(text: str, norm: str, imap: list[int], i: int, j: int) -> Span | None:
    found = _condition_span(norm, i, j)
    if found is None:
        return None
    start, stop_at = found
    stop = _CLAUSE_END.search(norm, stop_at, j)
    end = stop.start() if stop else j
    while end > start and norm[end - 1] == " ":
        end -= 1
    s, e = to_original(imap, start, end, text)
    return Span(s, e, text[s:e])
