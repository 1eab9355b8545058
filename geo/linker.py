"""Which de-escalation zones, places, dates and monitor forces an Arabic article mentions.

``Linker.from_repo()`` is built once: it reads the zones, the gazetteer and the extra spellings,
decides once which gazetteer towns lie inside which zone (in plain Python, ``geo.pointinzone``,
with shapely only when a town lies on or too near a zone edge), and compiles one
Aho-Corasick automaton over the normalised names in all their attached forms (``وإدلب``,
``بالغوطة``, ``للغوطة`` ...). ``link(article)`` then costs one normalisation and one automaton pass
per article; no regex is compiled and no geometry is touched per article.

Mention kinds and grades:

* ``zone-name``: a name of the zone itself (``إدلب``, ``الغوطة الشرقية``, ``ريف حمص الشمالي``,
  ``شمال حمص``, ``جنوب سوريا``, ``درعا``, ``القنيطرة``) → strong, or medium for names that are
  mostly but not only the zone (``الغوطة`` alone, ``درعا``, ``القنيطرة``, ``ريف حماة الشمالي``).
* ``place``: a gazetteer town whose point lies inside the zone polygon → medium.
* ``region``: a governorate only partly inside a zone (``حماة``, ``اللاذقية``, ``حلب``, and
  ``حمص`` only as a province: ``محافظة حمص`` / ``محافظات حماة وحمص``) → weak.

Context rule (documented, tested): "the south" names (``جنوب سوريا``, ``الجنوب السوري``) are also
used for things that are not the zone (seed 001: US "interventions in the Syrian south").
They are strong only when the same sentence has a zone word (``منطقة``/``مناطق``, ``خفض``,
``تخفيف``, ``تهدئة``, ``هدنة``, ``ترسيم``, ``التصعيد``/``التوتر``); otherwise weak.

Not linked at all: ``حمص`` alone and ``مدينة حمص`` (Homs city is outside the northern-Homs zone),
and gazetteer names that are ordinary words (``الباب`` "the door", ``الثورة`` "the revolution",
``جديدة`` "new" ...; see ``COMMON_WORD_PLACES``).
"""

from __future__ import annotations

import bisect
import csv
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ahocorasick

from geo import ZONE_IDS, pointinzone
from geo.arabic import (
    _MARKS,
    normalise,
    normalise_with_map,
    proclitic_forms,
    strip_proclitics,
    to_original,
)
from geo.corpus import Article
from geo.disambiguation import review as review_mentions
from geo.paths import DATA_DIR, PLACES_PATH, ZONES_PATH

VARIANTS_PATH = DATA_DIR / "place_variants.csv"
STRENGTH_ORDER = {"weak": 0, "medium": 1, "strong": 2}
_LINE = "\x00"  # stands in for "\n" while matching so no name runs across a line break

# (zone id, spelling, kind, strength, needs sentence context). Spellings are written normally
# and normalised at build time.
ZONE_NAMES: list[tuple[str, str, str, str, bool]] = [
    ("idlib", "إدلب", "zone-name", "strong", False),
    ("idlib", "محافظة إدلب", "zone-name", "strong", False),
    ("idlib", "ريف إدلب", "zone-name", "strong", False),
    ("idlib", "ريف حماة الشمالي", "zone-name", "medium", False),
    ("idlib", "ريف اللاذقية الشمالي", "zone-name", "medium", False),
    ("idlib", "ريف حلب الغربي", "zone-name", "medium", False),
    ("idlib", "حماة", "region", "weak", False),
    ("idlib", "محافظة حماة", "region", "weak", False),
    ("idlib", "اللاذقية", "region", "weak", False),
    ("idlib", "محافظة اللاذقية", "region", "weak", False),
    ("idlib", "حلب", "region", "weak", False),
    ("idlib", "محافظة حلب", "region", "weak", False),
    ("northern-homs", "ريف حمص الشمالي", "zone-name", "strong", False),
    ("northern-homs", "شمال حمص", "zone-name", "strong", False),
    ("northern-homs", "شمالي حمص", "zone-name", "strong", False),
    ("northern-homs", "محافظة حمص", "region", "weak", False),
    ("eastern-ghouta", "الغوطة الشرقية", "zone-name", "strong", False),
    ("eastern-ghouta", "غوطة دمشق الشرقية", "zone-name", "strong", False),
    ("eastern-ghouta", "الغوطة", "zone-name", "medium", False),
    ("south", "جنوب سوريا", "zone-name", "strong", True),
    ("south", "جنوبي سوريا", "zone-name", "strong", True),
    ("south", "جنوب سورية", "zone-name", "strong", True),
    ("south", "جنوب غرب سوريا", "zone-name", "strong", True),
    ("south", "جنوب غربي سوريا", "zone-name", "strong", True),
    ("south", "الجنوب السوري", "zone-name", "strong", True),
    ("south", "الجنوب الغربي السوري", "zone-name", "strong", True),
    ("south", "درعا", "zone-name", "medium", False),
    ("south", "محافظة درعا", "zone-name", "medium", False),
    ("south", "القنيطرة", "zone-name", "medium", False),
    ("south", "محافظة القنيطرة", "zone-name", "medium", False),
]
# Spellings that must never link a zone even if a data file lists them (Homs city, "the south").
NEVER_ZONE = {normalise(s) for s in ("حمص", "مدينة حمص", "الجنوب", "الشمال", "سوريا")}
# Cue words before "حمص" that make it the province (→ weak region) rather than the city.
_PROVINCE_CUES = {normalise(s) for s in ("محافظة", "محافظات")}
_PROVINCE_CUE_WINDOW = 5  # tokens looked back, enough for "محافظات حماة وحمص واللاذقية"
HOMS = normalise("حمص")
CONTEXT_WORDS = {normalise(s) for s in (
    "منطقة", "مناطق", "منطقتي", "خفض", "تخفيف", "تحفيف", "تهدئة", "التهدئة", "هدنة", "الهدنة",
    "ترسيم", "التصعيد", "التوتر", "تصعيد")}

# Gazetteer names that are ordinary Arabic words or too short to be safe; never matched as
# places. Found by reading geo/base/places.csv, not by trial on the seeds.
COMMON_WORD_PLACES = {normalise(s) for s in (
    "الباب", "التل", "الثورة", "ثورة", "الكرامة", "المنصورة", "الحمراء", "الحمرة", "جديدة",
    "قارة", "حديدة", "الناصرة", "ناصرة", "خريبة", "شين", "الحاضر", "الهادر", "الحاجب", "بنان",
    "بلبل", "نوا", "نوى", "جبا", "عوج", "ايو", "الزيارة", "الشجرة", "الجيزة", "جيزا", "ربيعة",
    "السبخة", "سلوك", "سلوق", "الغانية", "الكرمة", "الزيتية", "الطبقة", "عجمي", "الراعي",
    "السفيرة", "سفيرة", "جنية", "السجن", "المزرعة", "ملح", "قنوات", "الجلاء", "السودا",
    "السوداء", "السودة", "الروضة", "الكريمة", "كريمة", "برقية", "التبني", "الحول", "سبة",
    "الكسرة", "كشفة", "رسم", "معدن جديد", "الحميدية", "حميدية", "اليرموك", "مدينة حمص",
    "بالس", "مسكنة", "الغارية", "الصورة الصغرى", "الصورة الصغيرة", "ايوبية", "الدالية",
)}
_MIN_PLACE_LETTERS = 3

# General references to "the de-escalation zones". The core phrases go into the automaton
# (with proclitic and "_" forms); a preceding zone noun, quote or hashtag is then taken in by
# looking back a few characters. "تحفيف" is a typo met in the press (seed 004); "تصعيد التوتر"
# (escalating tension) is the opposite and is not a core phrase.
_N = normalise
GENERAL_CORE = [f"{v} {o}" for v in ("خفض", "تخفيف", "تحفيف", "وقف", "تهدئة")
                for o in ("التصعيد", "التوتر")]
GENERAL_CORE += [f"{n} {c}" for n in ("مناطق", "منطقة") for c in ("تهدئة", "التهدئة")]
_GENERAL_LOOKBACK = 24
_GENERAL_NOUNS = tuple(_N(w) for w in ("مناطق", "منطقة", "منطقتي", "نقاط"))
_GENERAL_NOUN_BEFORE = re.compile(
    r"(?:#?(?:[وفبلك]{{0,2}}|[وف]?(?:بال|لل|كال|ال))?(?:{nouns})[\s_]*[\"'«»“”‘’]?[\s_]*#?)$"
    .format(nouns="|".join(_GENERAL_NOUNS)))
# The longest text _GENERAL_NOUN_BEFORE allows before its noun: "#" and "وبال".
_GENERAL_PREFIX_MAX = 5
# A sentence ends after any of these. (Once written r"[.!?؟\n]|\.,": the second alternative
# could never match, the first one always taking the ".".)
_SENTENCE_END = re.compile(r"[.!?؟\n]")
_TOKEN_SPLIT = re.compile(r"[\W_]+")
_CONTEXT_FORMS = {f for w in CONTEXT_WORDS for f in proclitic_forms(w)}
_CLAUSE_SPLIT = re.compile(r"[.,،؛:()\-\x00]")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str
    kind: str = ""

    def to_json(self) -> dict[str, Any]:
        # The fields in their order, "kind" only when set: a copy of the instance dict, which
        # holds exactly the fields in field order however the span was made (tested).
        d: dict[str, Any] = self.__dict__.copy()
        if not d["kind"]:
            del d["kind"]
        return d


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    kind: str  # "zone-name", "place", "region"
    strength: str  # "strong", "medium", "weak"
    sentence_start: int
    sentence_end: int
    cue: str = ""  # why geo.disambiguation decided as it did, "code:word" (issue 12)

    def to_json(self) -> dict[str, Any]:
        # Every field in field order, "cue" (the last) only when set; see Span.to_json.
        d: dict[str, Any] = self.__dict__.copy()
        if not d["cue"]:
            del d["cue"]
        return d


@dataclass
class ZoneLink:
    id: str
    mentions: list[Mention]

    @property
    def strength(self) -> str:
        return max((m.strength for m in self.mentions), key=STRENGTH_ORDER.__getitem__)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "strength": self.strength,
                "mentions": [m.to_json() for m in self.mentions]}


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    text: str
    geonameid: str
    name_en: str
    name_ar: str
    lat: float
    lon: float
    zone_id: str | None

    def to_json(self) -> dict[str, Any]:
        # Every field, in field order; see Span.to_json.
        return self.__dict__.copy()


def _place_mention(start: int, end: int, text: str, pl: _Place) -> PlaceMention:
    """``PlaceMention(start, end, text, <pl's fields>)``, built without the frozen dataclass's
    ``__init__`` (one ``object.__setattr__`` call per field, over twice as slow): a generated
    article names a dozen places or more. Same object (tested against the constructor)."""
    return _place_mention_from(start, end, text, _place_fields(pl))


def _place_fields(pl: _Place) -> dict[str, Any]:
    """The fields a PlaceMention takes from its gazetteer place, in field order (worked out
    once per place when the automaton is built)."""
    return {"geonameid": pl.geonameid, "name_en": pl.name_en, "name_ar": pl.name_ar,
            "lat": pl.lat, "lon": pl.lon, "zone_id": pl.zone_id}


def _place_mention_from(start: int, end: int, text: str, fields: dict[str, Any]
                        ) -> PlaceMention:
    """``_place_mention`` from ``_place_fields(pl)``: the instance dict is set in one go."""
    m = _new(PlaceMention)
    _setattr(m, "__dict__", {"start": start, "end": end, "text": text, **fields})
    return m


def _mention(start: int, end: int, text: str, kind: str, strength: str, sentence_start: int,
             sentence_end: int) -> Mention:
    """``Mention(...)`` without the frozen dataclass's ``__init__`` (see ``_place_mention``)."""
    m = _new(Mention)
    _setattr(m, "__dict__", {"start": start, "end": end, "text": text, "kind": kind,
                             "strength": strength, "sentence_start": sentence_start,
                             "sentence_end": sentence_end, "cue": ""})
    return m


_new = object.__new__
_setattr = object.__setattr__  # (a frozen dataclass's own __setattr__ refuses)


@dataclass
class ArticleLinks:
    article_id: str
    title: str
    file: str = ""
    zones: list[ZoneLink] = field(default_factory=list)
    general: list[Span] = field(default_factory=list)
    dates: list[Any] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    forces: list[Any] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Zone mentions geo.disambiguation decided are not the zone (each with its cue).
    set_aside: list[ZoneLink] = field(default_factory=list)

    def zone_ids(self, min_strength: str = "weak") -> list[str]:
        floor = STRENGTH_ORDER[min_strength]
        return [z.id for z in self.zones if STRENGTH_ORDER[z.strength] >= floor]

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "article_id": self.article_id, "title": self.title,
                "zones": [z.to_json() for z in self.zones],
                "general": [g.to_json() for g in self.general],
                "dates": [d.to_json() for d in self.dates],
                "places": [p.to_json() for p in self.places],
                "forces": [f.to_json() for f in self.forces],
                "warnings": list(self.warnings),
                "set_aside": [z.to_json() for z in self.set_aside]}


@dataclass(frozen=True)
class _Place:
    geonameid: str
    name_en: str
    name_ar: str
    lat: float
    lon: float
    zone_id: str | None


# Payloads of a spelling: ("zone", zone_id, kind, strength, needs_context), ("place",
# geonameid) or ("general",).
Payload = tuple
# What the automaton stores for a name spelling instead of its payloads, worked out once by
# ``Linker._plan``: (the gazetteer places it names, in payload order, as their
# ``_place_fields``; its zone payloads;
# whether it is a form of bare "حمص" (the city unless a province cue precedes it); the zone of
# the first of its places that has one, or None). General-reference phrases store _GENERAL.
_NamePlan = tuple[tuple[dict[str, Any], ...], tuple[Payload, ...], bool, "str | None"]
_GENERAL = "general"


def _read_places(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _load_zones(path: Path) -> tuple[dict[str, Any], dict[str, list[str]], list[str], bool]:
    """Zone outlines and name variants: ``(outlines, variants, warnings, plain)``. Outlines are
    ring segments for ``geo.pointinzone`` when every zone is a plain Polygon/MultiPolygon
    (``plain``); otherwise, or if the file has any problem, shapely geometries and warnings
    exactly as ``_load_zone_shapes`` reads them."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        outlines, variants = {}, {}
        for feat in data.get("features", []):
            props = feat.get("properties") or {}
            zid = props.get("id")
            if zid not in ZONE_IDS:
                continue
            segments = pointinzone.ring_segments(feat["geometry"])
            if segments is None:
                raise ValueError("not a plain polygon")
            outlines[zid] = segments
            variants[zid] = [v for v in props.get("name_variants_ar") or [] if isinstance(v, str)]
        return outlines, variants, [], True
    except Exception:  # whatever it is, shapely's reader decides what to make of it, as before
        return (*_load_zone_shapes(path), False)


def _load_zone_shapes(path: Path) -> tuple[dict[str, Any], dict[str, list[str]], list[str]]:
    """Zone geometries and name variants straight from the GeoJSON. Plain json + shapely (not
    geopandas) because the link CLI's start-up time is part of its speed budget."""
    import shapely
    from shapely.geometry import shape

    if not path.exists():
        return {}, {}, [f"{path.name} not found: places are not assigned to zones"]
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        shapes, variants = {}, {}
        for feat in data.get("features", []):
            props = feat.get("properties") or {}
            zid = props.get("id")
            if zid not in ZONE_IDS:
                continue
            geom = shape(feat["geometry"])
            shapely.prepare(geom)
            shapes[zid] = geom
            variants[zid] = [v for v in props.get("name_variants_ar") or [] if isinstance(v, str)]
        return shapes, variants, []
    except (ValueError, KeyError, TypeError, AttributeError, shapely.errors.ShapelyError) as exc:
        return {}, {}, [f"{path.name} could not be read ({exc}); places are not assigned to zones"]


def _coordinates(rows: list[dict[str, str]]) -> tuple[list[float], list[float], list[bool]]:
    lats, lons, ok = [], [], []
    for r in rows:
        try:
            lats.append(float(r["lat"]))
            lons.append(float(r["lon"]))
            ok.append(True)
        except (KeyError, ValueError):
            lats.append(0.0)
            lons.append(0.0)
            ok.append(False)
    return lats, lons, ok


def _zones_of_points(rows: list[dict[str, str]],
                     outlines: dict[str, list[pointinzone.Segment]]) -> list[str | None] | None:
    """The zone of each gazetteer row (first in ZONE_IDS order), in plain Python; None when
    some town cannot be placed with certainty (see ``geo.pointinzone``)."""
    lats, lons, ok = _coordinates(rows)
    zone_of: list[str | None] = [None] * len(rows)
    for zid in ZONE_IDS:
        segments = outlines.get(zid)
        if not segments:
            continue
        xs = [c for seg in segments for c in (seg[0], seg[2])]
        ys = [c for seg in segments for c in (seg[1], seg[3])]
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        for k in range(len(rows)):
            if not ok[k] or zone_of[k] is not None:
                continue
            x, y = lons[k], lats[k]
            if x0 <= x <= x1 and y0 <= y <= y1:  # outside the bounding box is outside
                inside = pointinzone.contains(segments, x, y)
                if inside is None:
                    return None
                if inside:
                    zone_of[k] = zid
            elif not (math.isfinite(x) and math.isfinite(y)):
                return None
    return zone_of


def _zones_with_shapely(rows: list[dict[str, str]], shapes: dict[str, Any], lats: list[float],
                        lons: list[float], ok: list[bool]) -> list[str | None]:
    import numpy as np
    import shapely

    zone_of: list[str | None] = [None] * len(rows)
    if rows and shapes:
        xs, ys = np.array(lons), np.array(lats)
        for zid in ZONE_IDS:
            if zid not in shapes:
                continue
            inside = shapely.contains_xy(shapes[zid], xs, ys)
            for k in np.flatnonzero(inside):
                if ok[k] and zone_of[k] is None:
                    zone_of[k] = zid
    return zone_of


def _add_zone_payloads(zone_mentions: dict[str, list[Mention]], payloads: tuple[Payload, ...],
                       context: dict[int, bool], norm: str, imap: list[int], start: int,
                       end: int, matched: str, s_start: int, s_end: int) -> None:
    """The zone mentions of one name hit; a name that needs context in its sentence (``ctx``)
    is weak without it (one answer per sentence, kept in ``context``)."""
    for _, zid, kind, strength, ctx in payloads:
        if ctx:
            has = context.get(s_start)
            if has is None:
                has = context[s_start] = _has_context(norm, imap, s_start, s_end)
            if not has:
                strength = "weak"
        zone_mentions.setdefault(zid, []).append(
            _mention(start, end, matched, kind, strength, s_start, s_end))


class Linker:
    """Built once, then ``link()`` any number of articles."""

    def __init__(self, zones_path: Path | str = ZONES_PATH, places_path: Path | str = PLACES_PATH,
                 variants_path: Path | str = VARIANTS_PATH):
        self.build_warnings: list[str] = []
        shapes, geo_variants, warns, plain = _load_zones(Path(zones_path))
        self.build_warnings += warns
        self.places: dict[str, _Place] = {}
        self._automaton = ahocorasick.Automaton()
        # Spelling -> its payloads in the order the rules and data files give them (a dict,
        # not a set: a set's order of strings changes with the process's hash seed, and the
        # first place of a shared spelling decides its zone).
        self._patterns: dict[str, dict[Payload, None]] = {}

        for zid, name, kind, strength, ctx in ZONE_NAMES:
            self._add(name, ("zone", zid, kind, strength, ctx))
        for zid, names in geo_variants.items():
            for name in names:
                n = normalise(name).strip()
                # Data-file spellings never override the rules above (Homs city, "the south").
                if n and n not in NEVER_ZONE and n not in self._patterns:
                    # "The south" words are generic, so they get the sentence-context rule.
                    self._add(name, ("zone", zid, "zone-name", "strong", zid == "south"))

        rows = _read_places(Path(places_path)) if Path(places_path).exists() else []
        if not rows:
            self.build_warnings.append("gazetteer not found or empty: no place mentions")
        zone_of = _zones_of_points(rows, shapes) if plain else None
        if plain and zone_of is None:  # a town on (or too near) a zone edge: GEOS decides
            shapes = _load_zone_shapes(Path(zones_path))[0]
        self._assign_zones(rows, shapes, zone_of)
        variants_file = Path(variants_path)
        extra: dict[str, list[str]] = {}
        if variants_file.exists():
            for r in _read_places(variants_file):
                extra.setdefault((r.get("place_key") or "").strip(), []).append(
                    r.get("variant_ar") or "")
        for r in rows:
            gid = r["geonameid"]
            names = [r.get("name_ar") or "", *(r.get("alternatenames_ar") or "").split("|")]
            names += extra.get(gid, [])
            for name in names:
                n = normalise(name).strip()
                if (len(n.replace(" ", "")) < _MIN_PLACE_LETTERS or n in COMMON_WORD_PLACES
                        or not re.search("[\u0621-\u064a]", n)):
                    continue
                self._add(name, ("place", gid))
        for phrase in GENERAL_CORE:
            self._add(phrase, ("general",))
        # An article is scanned once for everything: the names above and, when geo.dates and
        # geo.forces are there, their month/weekday anchors and word lists (each part filters
        # the hits by its own word-boundary rule in ``link``).
        self._dates_mod, self._forces_mod = _extractor_modules()
        anchors = self._dates_mod.ANCHOR_KINDS if self._dates_mod else {}
        words = self._forces_mod.ENTRIES if self._forces_mod else {}
        plans: dict[tuple[Payload, ...], Any] = {}  # the forms of one name share one plan
        for key in dict.fromkeys([*self._patterns, *words, *anchors]):
            payloads = self._patterns.get(key)
            plan = None
            if payloads:
                # "حمص" (the city) depends on the key itself, not only on its payloads.
                homs = key.endswith(HOMS) and _stem(key) == HOMS
                payloads = tuple(payloads)
                plan = plans.get((homs, payloads))
                if plan is None:
                    plan = plans[homs, payloads] = self._plan(payloads, homs)
            self._automaton.add_word(key, (len(key), plan, words.get(key), anchors.get(key)))
        self._automaton.make_automaton()

    @classmethod
    def from_repo(cls) -> Linker:
        return cls()

    def _add(self, name: str, payload: Payload) -> None:
        base = normalise(name).strip()
        forms = proclitic_forms(base)
        # Hashtags join words with "_" (#ريف_حمص_الشمالي).
        if " " in base:
            forms += [f.replace(" ", "_") for f in forms]
        for f in forms:
            self._patterns.setdefault(f, {})[payload] = None

    def _plan(self, payloads: tuple[Payload, ...], homs_form: bool) -> _NamePlan | str:
        """What ``link`` does with a word-bounded hit of a spelling with these payloads (in
        this order), worked out once: ``_GENERAL`` for a general-reference phrase, else a
        ``_NamePlan`` (see there). ``homs_form``: the spelling is a form of bare "حمص"."""
        if payloads[0][0] == "general":
            return _GENERAL
        places = tuple(pl for p in payloads if p[0] == "place"
                       if (pl := self.places.get(p[1])) is not None)
        zone_payloads = tuple(p for p in payloads if p[0] == "zone")
        homs = homs_form and any(p[0] == "place" for p in payloads)
        place_zone = next((pl.zone_id for pl in places if pl.zone_id is not None), None)
        return (tuple(map(_place_fields, places)), zone_payloads, homs, place_zone)

    def _assign_zones(self, rows: list[dict[str, str]], shapes: dict[str, Any],
                      zone_of: list[str | None] | None = None) -> None:
        """Point-in-polygon for every gazetteer town, once: ``zone_of`` when already decided
        in plain Python, else vectorised with shapely."""
        lats, lons, ok = _coordinates(rows)
        if zone_of is None:
            zone_of = _zones_with_shapely(rows, shapes, lats, lons, ok)
        for k, r in enumerate(rows):
            if not ok[k]:
                self.build_warnings.append(f"gazetteer row {r.get('geonameid')} has no lat/lon")
                continue
            self.places[r["geonameid"]] = _Place(r["geonameid"], r.get("name") or "",
                                                 r.get("name_ar") or "", lats[k], lons[k],
                                                 zone_of[k])

    # ------------------------------------------------------------------ linking

    def link(self, article: Article, with_extractors: bool = True) -> ArticleLinks:
        text = article.text
        norm, imap = normalise_with_map(text.replace("\n", _LINE))
        out = ArticleLinks(article.article_id, article.title, file=str(article.path),
                           warnings=list(article.warnings))

        n = len(norm)
        hits, general = [], []
        # For geo.dates: starts of month / weekday names with a word boundary before them.
        anchors: tuple[list[int], list[int]] = ([], [])
        # For geo.forces: its words with a word boundary on both sides, per word list.
        words = self._forces_mod.new_found() if with_extractors and self._forces_mod else None
        for end_idx, value in self._automaton.iter(norm):
            i = end_idx + 1 - value[0]
            if i > 0 and norm[i - 1].isalnum():  # (most hits end here: unpack only after)
                continue
            _, plan, word, anchor = value
            if anchor is not None:
                anchors[anchor].append(i)
            j = end_idx + 1
            if j < n and norm[j].isalnum():
                continue
            if plan is not None:
                if plan is _GENERAL:
                    general.append((i, j))
                else:
                    hits.append((i, -j, plan))
            if word is not None and words is not None:
                for k, label in word:
                    words[k].append((i, -j, label))
        zone_mentions = self._zone_mentions(hits, norm, imap, article, out.places)
        # --- issue 12: context decisions (geo.disambiguation), one call per article with zones
        if zone_mentions:
            zone_mentions, aside = review_mentions(zone_mentions, norm, imap, article.text)
            if aside:
                out.set_aside = [ZoneLink(z, [m for zz, m in aside if zz == z])
                                 for z in ZONE_IDS if any(zz == z for zz, _ in aside)]
                # A name that is not the place (a person, a namesake abroad) is no place mention.
                spans = {(m.start, m.end) for _, m in aside}
                out.places = [p for p in out.places if (p.start, p.end) not in spans]
        # --- end issue 12
        out.zones = [ZoneLink(z, zone_mentions[z]) for z in ZONE_IDS if z in zone_mentions]
        out.general = self._general_spans(general, norm, imap, article)

        if with_extractors:
            self._run_extractors(article, out, norm, imap, anchors, words)
        return out

    @staticmethod
    def _zone_mentions(hits: list[tuple[int, int, _NamePlan]], norm: str, imap: list[int],
                       article: Article, places_out: list[PlaceMention]
                       ) -> dict[str, list[Mention]]:
        """Zone mentions by zone (and, into ``places_out``, place mentions) from word-bounded
        name hits ``(start, -end, plan)`` in normalised offsets. ``to_original``,
        ``Article.in_body`` and the sentence lookup are written out here: this runs for every
        name in every article."""
        if not hits:
            return {}
        # Longest match wins where names overlap ("ريف حمص الشمالي" over "حمص"): leftmost
        # first, and at one start the longest (ends are negated). No two hits share both ends
        # (that would be one key found twice), so plans are never compared.
        hits.sort()
        text = article.text
        n_text = len(text)
        body = article.body_spans
        bounds: list[int] | None = None
        zone_mentions: dict[str, list[Mention]] = {}
        context: dict[int, bool] = {}
        last_end = -1
        # A longer name that is a place outside every zone keeps the zone name it starts with:
        # "درعا البلد" (Daraa's old city, whose gazetteer point lies just outside the south's
        # line) still names درعا. Only that name's zone payloads are taken, not its places.
        zoneless_from = s_start = s_end = -1
        for i, neg_j, plan in hits:
            if i < last_end:
                if i == zoneless_from and plan[1]:
                    zoneless_from = -1
                    # (the longer hit was in the body and its sentence is s_start..s_end)
                    start, end = imap[i], imap[-neg_j - 1] + 1
                    _add_zone_payloads(zone_mentions, plan[1], context, norm, imap, start, end,
                                       text[start:end], s_start, s_end)
                continue
            j = last_end = -neg_j
            start = imap[i]
            end = imap[j - 1] + 1
            while end < n_text and text[end] in _MARKS:
                end += 1
            for a, b in body:
                if a <= start and end <= b:
                    break
            else:
                continue
            if bounds is None:
                bounds = _sentence_bounds(text)
            k = bisect.bisect_right(bounds, start)
            s_start = bounds[k - 1] if k > 0 else 0
            s_end = bounds[k] if k < len(bounds) else n_text
            matched = text[start:end]
            places, zone_payloads, homs, place_zone = plan
            for fields in places:
                places_out.append(_place_mention_from(start, end, matched, fields))
            if zone_payloads:
                _add_zone_payloads(zone_mentions, zone_payloads, context, norm, imap, start, end,
                                   matched, s_start, s_end)
                continue
            # A bare "حمص" is the city unless a province cue precedes it.
            if homs:
                if _province_cue_before(norm, i):
                    zone_mentions.setdefault("northern-homs", []).append(
                        _mention(start, end, matched, "region", "weak", s_start, s_end))
                continue
            if place_zone is not None:
                zone_mentions.setdefault(place_zone, []).append(
                    _mention(start, end, matched, "place", "medium", s_start, s_end))
            elif places:
                zoneless_from = i
        return zone_mentions

    @staticmethod
    def _general_spans(core: list[tuple[int, int]], norm: str, imap: list[int],
                       article: Article) -> list[Span]:
        spans: list[list[int]] = []
        for i, j in sorted(core):
            m = _noun_before(norm, i)
            if m and m.start() < i and (m.start() == 0 or not norm[m.start() - 1].isalnum()):
                i = m.start()
            if spans and i <= spans[-1][1]:  # overlapping phrases form one reference
                spans[-1][1] = max(spans[-1][1], j)
            else:
                spans.append([i, j])
        text = article.text
        out = []
        for i, j in spans:
            start, end = to_original(imap, i, j, text)
            if article.in_body(start, end):
                out.append(Span(start, end, text[start:end]))
        return out

    def _run_extractors(self, article: Article, out: ArticleLinks, norm: str, imap: list[int],
                        anchors: tuple[list[int], list[int]],
                        words: list[list[tuple[int, int, str | None]]] | None) -> None:
        # The extractors' own entry points would normalise and scan the article again; when
        # they are the real geo.dates / geo.forces functions, they are given this scan instead.
        dates_fn, forces_fn, warns = _extractors()
        out.warnings += warns
        text = article.text
        if dates_fn is not None:
            try:
                if self._dates_mod is not None and dates_fn is self._dates_mod.extract_dates:
                    found = self._dates_mod.dates_from_anchors(
                        text, article.published, norm, imap, sorted(set(anchors[0])),
                        sorted(set(anchors[1])))
                else:
                    found = dates_fn(text, article.published)
                out.dates = [d for d in found if article.in_body(d.start, d.end)]
            except Exception as exc:  # a bug there must not lose the zone links
                out.warnings.append(f"date extraction failed: {type(exc).__name__}: {exc}")
        if forces_fn is not None:
            try:
                forces = self._forces_mod
                if (forces is not None and words is not None
                        and forces_fn is forces.extract_force_candidates):
                    found = forces.candidates_from_hits(text, norm, imap,
                                                        forces.lexicon_hits(words))
                else:
                    found = forces_fn(text)
                out.forces = [f for f in found if article.in_body(f.start, f.end)]
            except Exception as exc:
                out.warnings.append(f"force extraction failed: {type(exc).__name__}: {exc}")


_EXTRACTORS: tuple[Any, Any, list[str]] | None = None


def _extractor_modules() -> tuple[Any, Any]:
    """geo.dates and geo.forces (None when one cannot be imported), for their vocabularies."""
    try:
        from geo import dates
    except ImportError:
        dates = None
    try:
        from geo import forces
    except ImportError:
        forces = None
    return dates, forces


def _extractors() -> tuple[Any, Any, list[str]]:
    """geo.dates / geo.forces are optional collaborators, imported lazily and once."""
    global _EXTRACTORS
    if _EXTRACTORS is None:
        warns = []
        try:
            from geo.dates import extract_dates
        except ImportError as exc:
            extract_dates = None
            warns.append(f"dates not extracted: geo.dates unavailable ({exc})")
        try:
            from geo.forces import extract_force_candidates
        except ImportError as exc:
            extract_force_candidates = None
            warns.append(f"forces not extracted: geo.forces unavailable ({exc})")
        _EXTRACTORS = (extract_dates, extract_force_candidates, warns)
    return _EXTRACTORS


def _noun_before(norm: str, i: int) -> re.Match[str] | None:
    """``_GENERAL_NOUN_BEFORE.search(norm, max(0, i - _GENERAL_LOOKBACK), i)``. A match starts
    at most _GENERAL_PREFIX_MAX before its noun, so the regex is only tried from there, and not
    at all without a noun in reach."""
    lo = max(0, i - _GENERAL_LOOKBACK)
    first = min((at for at in (norm.find(w, lo, i) for w in _GENERAL_NOUNS) if at >= 0),
                default=-1)
    if first < 0:
        return None
    return _GENERAL_NOUN_BEFORE.search(norm, max(lo, first - _GENERAL_PREFIX_MAX), i)


_SENTENCE_END_CHARS = ".!?؟\n"


def _sentence_bounds(text: str) -> list[int]:
    """Sorted offsets where a sentence ends (exclusive): ``[m.end() for m in
    _SENTENCE_END.finditer(text)]``, found with ``str.find`` per character (the regex engine
    tests every character of the article against the class, several times slower)."""
    out = []
    for ch in _SENTENCE_END_CHARS:
        at = text.find(ch)
        while at >= 0:
            out.append(at + 1)
            at = text.find(ch, at + 1)
    out.sort()
    return out


def _norm_range(imap: list[int], start: int, end: int) -> tuple[int, int]:
    return bisect.bisect_left(imap, start), bisect.bisect_left(imap, end)


def _has_context(norm: str, imap: list[int], s_start: int, s_end: int) -> bool:
    a, b = _norm_range(imap, s_start, s_end)
    return any(tok in _CONTEXT_FORMS for tok in _TOKEN_SPLIT.split(norm[a:b]))


def _stem(token: str) -> str:
    for cand in strip_proclitics(token):
        if cand == HOMS:
            return HOMS
    return token


def _province_cue_before(norm: str, i: int) -> bool:
    # Look back a few tokens inside the same clause (stop at punctuation other than spaces).
    window = norm[max(0, i - 60):i]
    clause = _CLAUSE_SPLIT.split(window)[-1]
    toks = clause.split()[-_PROVINCE_CUE_WINDOW:]
    return any(t in _PROVINCE_CUES for t in toks)


_DEFAULT: Linker | None = None


def default_linker() -> Linker:
    """The repository's linker, built on first use and reused."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Linker.from_repo()
    return _DEFAULT
