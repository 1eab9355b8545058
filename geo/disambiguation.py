"""Is this word the place? Context decisions on the linker's zone mentions (issue 12).

A gazetteer match is not yet evidence: ``جاسم`` is a town in Daraa and a first name, ``الحراك``
a town and "the (protest) movement", ``درعا`` the governorate and ``درعاً`` "a shield", ``أريحا``
a town in Idlib and Jericho, ``الغوطة الغربية`` is not the Eastern Ghouta, and a place named
only as a distance reference ("60 km north of Idlib") or as someone's origin ("born in Idlib")
says nothing about the zone's events. ``review`` looks at the words around each zone mention
and either keeps it, keeps it as *weak* (shown, not counted: a reference or an origin), or sets
it aside (not the zone at all). Every decision carries its **cue**, ``"code:word"`` (the kind
of evidence and the word in the text that made it), which the reader's "What the linker found"
table shows (``cue_label``).

The rules work on the normalised text (``geo.arabic``) and look only at the mention's own
sentence: the words just before and after it, and the other zone mentions of that sentence.
They are written for kinds of text, not for particular articles:

* ``person`` (set aside): a town that is also a personal name (``PERSON_NAMES``) preceded by
  a title or a kunya (``الشيخ``, ``اللاعب``, ``أبو``), a speech verb (``وقال جاسم``) or a
  first name (``محمد جاسم``), or followed by a patronymic (``بن``), a first name or a family
  nisba (``الخالدي``); ``place-word`` (kept) when a town word comes first (``بلدة جاسم``).
* ``movement`` / ``common-noun`` / ``institution`` (set aside): ``الحراك`` is the town only
  after a town word or with another place of its zone in the sentence; ``درعا`` written with
  tanween, followed by an indefinite adjective (``درعا بشريا``) or after a verb of making is
  "a shield"; ``دوما`` after ``مجلس`` or before ``الدولة``/``الروسي`` is the Russian Duma.
* ``abroad`` (set aside): a name followed by a foreign nisba (``القنيطرة المغربية``) or after
  ``قضاء`` (the district word of Iraq and Lebanon); for names shared with places abroad
  (``NAMESAKES``), a foreign country or region in the sentence with no other place of the zone
  in it; for the generic "south" names, a foreign word and no Syrian one in the sentence.
* ``other-area`` (set aside): the Ghouta followed by ``الغربية`` (the Western Ghouta); the
  generic "south" names in a sentence about the south-east desert (``التنف``, ``البادية``).
* ``distance`` / ``origin`` (weak): a distance and a direction or ``عن`` just before the name
  ("على بعد 60 كيلومترا شمال إدلب", "تبعد 5 كيلومترات عن درعا"); an origin phrase ("المنحدر من
  مدينة درعا", "ولد في إدلب", "ابن مدينة حرستا").
* ``same-zone`` (kept): the other place of the zone that settled an ambiguous name.
* ``zone-word`` / ``no-zone-word``: the existing rule for the generic "south" names (strong
  with a zone word in the sentence, weak without), now with its cue; ``province``: ``حمص``
  after ``محافظة``/``محافظات``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from typing import Any

from geo.arabic import normalise, proclitic_forms

__all__ = ["CUE_CODES", "NAMESAKES", "PERSON_NAMES", "cue_label", "review", "strongest_first"]


def _n(words: str) -> list[str]:
    return [normalise(w) for w in words.split()]


def _forms(words: list[str]) -> frozenset[str]:
    """Every attached form (``و``, ``ب``, ``لل`` ...) of each word, for O(1) membership."""
    return frozenset(f for w in words for f in proclitic_forms(w))


# Names (as the gazetteer or the zone table writes them) that the rules below are about.
PERSON_NAMES = frozenset(_n("جاسم"))
NAMESAKES = frozenset(_n("أريحا سنجار القنيطرة دوما الحولة"))  # also names of places abroad
_MOVEMENT = normalise("الحراك")
_SHIELD = normalise("درعا")
_DUMA = normalise("دوما")
_GHOUTA = frozenset(normalise(w) for w in ("الغوطة", "غوطة دمشق", "الغوطة الشرقية"))
# The "south" names that need a zone word in their sentence (geo.linker ZONE_NAMES, ctx=True,
# and the zone file's variants of the south that are not a governorate).
_SOUTH_GENERIC = frozenset(normalise(w) for w in (
    "جنوب سوريا", "جنوبي سوريا", "جنوب سورية", "جنوب غرب سوريا", "جنوب غربي سوريا",
    "الجنوب السوري", "الجنوب الغربي السوري", "الجنوب الغربي"))
_HOMS = normalise("حمص")

# Every attached form of a name → the name, for the names above.
_BASE: dict[str, str] = {}
for _name in (*PERSON_NAMES, *NAMESAKES, _MOVEMENT, _SHIELD, _DUMA, *_GHOUTA, *_SOUTH_GENERIC,
              _HOMS):
    for _f in proclitic_forms(_name):
        _BASE.setdefault(_f, _name)
        _BASE.setdefault(_f.replace(" ", "_"), _name)

_PLACE_WORDS = _forms(_n("بلدة مدينة قرية بلدات مدن قرى ناحية منطقة مخيم ريف بلدتي مدينتي"))
_TITLES = _forms(_n(
    "الشيخ السيد السيدة الرئيس الوزير النائب اللاعب الفنان الشاعر الكاتب الدكتور د المدرب "
    "الصحفي الزميل القيادي العميد اللواء العقيد المقدم الرائد النقيب المهندس الأستاذ الحاج "
    "الأمير الملك المواطن الطفل الشاب الشهيد الناشط المتحدث الإعلامي المحامي القاضي الطبيب "
    "المخرج الممثل المطرب المغني الروائي الباحث الفنانة الشاعرة الكاتبة المدير"))
_KUNYA = _forms(_n("أبو أبي أبا أم"))
_LINEAGE = _forms(_n("بن ابن بنت"))
_SPEECH = _forms(_n(
    "قال أكد صرح أعلن أضاف أوضح أشار ذكر يقول يؤكد يضيف لفت اعتبر رأى أفاد كشف نفى دعا "
    "طالب يرى قالت"))
_FIRST_NAMES = _forms(_n(
    "محمد أحمد علي حسن حسين خالد عمر عمرو يوسف إبراهيم سعد محمود مصطفى سامي فيصل ناصر سالم "
    "عبدالله عبدالرحمن عادل طارق ماجد فهد حمد راشد سعيد كريم وليد زياد رامي باسل بشار مازن "
    "فاضل كاظم عباس جعفر صالح"))
_DIRECTION_ADJ = frozenset(_n(
    "الشمالي الجنوبي الشرقي الغربي الشمالية الجنوبية الشرقية الغربية الأوسط الوسطى"))
_MOVEMENT_ADJ = frozenset(_n(
    "الشعبي المدني الجنوبي السلمي الثوري الشبابي الطلابي الاحتجاجي الجماهيري الشعبية"))
_SHIELD_VERBS = _forms(_n(
    "شكل شكلت شكلوا يشكل تشكل يشكلون بمثابة اتخذ اتخذت اتخذوا استخدم استخدمت استخدموا "
    "يستخدم تستخدم طور طورت يطور صنع ليكون لتكون"))
_DUMA_AFTER = frozenset(_n("الدولة الروسي الروسية"))
_DUMA_BEFORE = _forms(_n("مجلس نواب رئيس رئيسة"))
# Countries, their nisbas and regions that put a namesake abroad. Syria's neighbours and the
# Arab world, where the press meets the same Arabic place names.
_FOREIGN_WORDS = _n(
    "العراق العراقي العراقية نينوى الموصل كردستان الإيزيديين الإيزيدية الأنبار "
    "لبنان اللبناني اللبنانية البترون عكار البقاع "
    "المغرب المغربي المغربية الرباط "
    "فلسطين الفلسطيني الفلسطينية الفلسطينيين الضفة الإسرائيلي الإسرائيلية إسرائيل "
    "الأردن الأردني الأردنية "
    "ليبيا الليبي الليبية اليمن اليمني اليمنية السعودية السعودي المملكة جازان "
    "مصر المصري المصرية الجزائر الجزائري الجزائرية تونس التونسي التونسية "
    "السودان السوداني السودانية تركيا التركي التركية")
_FOREIGN = _forms(_FOREIGN_WORDS)
_FOREIGN_NISBA = _forms([w for w in _FOREIGN_WORDS if w.startswith("ال")
                         and (w.endswith("ي") or w.endswith("يه"))])
_DISTRICT = _forms(_n("قضاء"))
_SYRIAN = _forms(_n("سوريا سورية السوري السورية درعا القنيطرة"))
_DESERT = _forms(_n("التنف الركبان البادية البوكمال الميادين تدمر"))
# Distance: a number and a unit (or a verb of distance) shortly before, then a direction or
# "عن"/"من" just before the name.
_DISTANCE_UNITS = _forms(_n("كم كيلومتر كيلومترا كيلومترات كيلو ميل أميال ميلا متر مترا"))
_DISTANCE_VERBS = _forms(_n("بعد تبعد يبعد بعيدا"))
_DIRECTIONS = _forms(_n("شمال جنوب شرق غرب شمالي جنوبي شرقي غربي عن من"))
# Origin: "<verb> من|في [town word] NAME", "ابن|أبناء [town word] NAME", "مواليد NAME".
_ORIGIN_VERBS = _forms(_n(
    "المنحدر المتحدر ينحدر يتحدر تنحدر تتحدر المنحدرة المتحدرة المنحدرين المتحدرين ولد "
    "ولدت المولود المولودة أصله أصلها أصلهم القادم القادمة القادمين"))
_ORIGIN_NOUNS = _forms(_n("ابن ابنة أبناء بنات مواليد"))
_ORIGIN_PREPS = frozenset(_n("من في"))

_TOKEN = re.compile(r"[^\W_]+|[^\w\s]")  # words, and each punctuation mark as its own token
_WINDOW = 64  # characters looked at before and after a mention

CUE_CODES = ("person", "place-word", "no-person-cue", "movement", "common-noun", "institution",
             "abroad", "same-zone", "other-area", "distance", "origin", "zone-word",
             "no-zone-word", "province", "same-article")


class _Tok(str):
    """A normalised token that remembers where it is, so a cue can quote the original."""

    start: int
    end: int


def _tokens(norm: str, lo: int, hi: int) -> list[_Tok]:
    out = []
    for mt in _TOKEN.finditer(norm, lo, hi):
        tok = _Tok(mt.group())
        tok.start, tok.end = mt.span()
        out.append(tok)
    return out


_NONE = _Tok("")
_NONE.start = _NONE.end = 0


def review(zone_mentions: dict[str, list[Any]], norm: str, imap: list[int],
           text: str) -> tuple[dict[str, list[Any]], list[tuple[str, Any]]]:
    """Decide each zone mention from its context. Returns the mentions kept (some made weak),
    each with its cue when a rule decided, and the ones set aside as ``(zone id, mention)``
    (their ``cue`` says why). ``norm``/``imap`` are ``geo.arabic.normalise_with_map`` of the
    article (line breaks as NUL), the mentions ``geo.linker.Mention``s."""
    kept: dict[str, list[Any]] = {}
    aside: list[tuple[str, Any]] = []
    # Every mention's zone by sentence, for "another place of the zone in the sentence".
    by_sentence: dict[tuple[int, int], list[tuple[str, Any]]] = {}
    for zid, ms in zone_mentions.items():
        for m in ms:
            by_sentence.setdefault((m.sentence_start, m.sentence_end), []).append((zid, m))
    decided = [(zid, m, *_Decision(zid, m, norm, imap, text, by_sentence).decide())
               for zid, ms in zone_mentions.items() for m in ms]
    # One sense per article: an ambiguous name whose own sentence says nothing (a title line,
    # "وسنجار من البلدات ...") takes the sense a cue gave it elsewhere in the article, unless
    # some mention of it was kept on positive evidence (a town word, a place of its zone).
    if any(v == "aside" for _, _, v, _ in decided):
        asides: dict[str, str] = {}
        confirmed: set[str] = set()
        for _, m, verdict, cue in decided:
            base = _BASE.get(normalise(m.text))
            if base is None:
                continue
            if verdict == "aside":
                asides.setdefault(base, cue)
            elif cue.startswith(("place-word:", "same-zone:")):
                confirmed.add(base)
        for k, (zid, m, verdict, cue) in enumerate(decided):
            base = _BASE.get(normalise(m.text))
            if (verdict == "keep" and base in asides and base not in confirmed
                    and cue in ("", "no-person-cue:")):
                decided[k] = (zid, m, "aside", "same-article:" + asides[base].partition(":")[2])
    for zid, m, verdict, cue in decided:
        if verdict == "aside":
            aside.append((zid, replace(m, cue=cue)))
            continue
        if verdict == "weak":
            m = replace(m, strength="weak", cue=cue)
        elif cue:
            m = replace(m, cue=cue)
        kept.setdefault(zid, []).append(m)
    return kept, aside


class _Decision:
    """The context of one mention and the rules applied to it, in order."""

    def __init__(self, zid: str, m: Any, norm: str, imap: list[int], text: str,
                 by_sentence: dict[tuple[int, int], list[tuple[str, Any]]]):
        self.zid, self.m, self.norm, self.imap, self.text = zid, m, norm, imap, text
        self.by_sentence = by_sentence
        self.a = bisect.bisect_left(imap, m.start)
        self.b = bisect.bisect_left(imap, m.end)
        self.lo = bisect.bisect_left(imap, m.sentence_start)
        self.hi = bisect.bisect_left(imap, m.sentence_end)
        self.name = norm[self.a:self.b]
        self.base = _BASE.get(self.name)
        self.before = _tokens(norm, max(self.lo, self.a - _WINDOW), self.a)
        self.prev = self.before[-1] if self.before else _NONE
        self._after: list[_Tok] | None = None
        self._sentence: list[_Tok] | None = None

    def orig(self, tok: _Tok) -> str:
        """The original text of a normalised token (cues quote the article, not the matcher's
        form of it)."""
        if not tok:
            return ""
        return self.text[self.imap[tok.start]:self.imap[tok.end - 1] + 1]

    def cue(self, code: str, tok: _Tok | str = "") -> str:
        word = self.orig(tok) if isinstance(tok, _Tok) else tok
        return f"{code}:{word}"

    @property
    def next(self) -> _Tok:
        if self._after is None:
            self._after = _tokens(self.norm, self.b, min(self.hi, self.b + _WINDOW))
        return self._after[0] if self._after else _NONE

    def in_sentence(self, words: frozenset[str]) -> _Tok:
        if self._sentence is None:
            self._sentence = _tokens(self.norm, self.lo, self.hi)
        return next((t for t in self._sentence if t in words), _NONE)

    def same_zone(self) -> str:
        """Another mention of the same zone in the sentence, not of the same name (its text)."""
        m = self.m
        for z, other in self.by_sentence.get((m.sentence_start, m.sentence_end), ()):
            if (z == self.zid and other.start != m.start and other.strength != "weak"
                    and _BASE.get(normalise(other.text)) != self.base):
                return other.text
        return ""

    def decide(self) -> tuple[str, str]:
        """``(verdict, cue)``: verdict "keep", "weak" or "aside"."""
        base, prev, cue = self.base, self.prev, self.cue
        if base is not None:
            if base in PERSON_NAMES:
                return self._person()
            if base == _MOVEMENT:
                if prev in _PLACE_WORDS:
                    return "keep", cue("place-word", prev)
                if other := self.same_zone():
                    return "keep", cue("same-zone", other)
                adj = self.next
                return "aside", (cue("movement", adj) if adj in _MOVEMENT_ADJ
                                 else cue("movement", self.m.text))
            if base == _SHIELD:
                # Tanween: a proper name never takes it ("درعاً", "a shield").
                if "\u064b" in self.text[self.m.start:self.m.end + 1]:
                    return "aside", cue("common-noun", self.m.text)
                adj = self.next
                if adj.endswith("يا") and len(adj) > 3:
                    return "aside", cue("common-noun", adj)
                if prev in _SHIELD_VERBS:
                    return "aside", cue("common-noun", prev)
            if base == _DUMA:
                if prev in _DUMA_BEFORE:
                    return "aside", cue("institution", prev)
                if self.next in _DUMA_AFTER:
                    return "aside", cue("institution", self.next)
            if base in _GHOUTA and self.next == _WEST:
                return "aside", cue("other-area", self.next)
            if base in _SOUTH_GENERIC:
                desert = self.in_sentence(_DESERT)
                if desert:
                    return "aside", cue("other-area", desert)
                foreign = self.in_sentence(_FOREIGN)
                if foreign and not self.in_sentence(_SYRIAN) and "سوري" not in self.name:
                    return "aside", cue("abroad", foreign)
        # Rules for every name.
        if self.next in _FOREIGN_NISBA:
            return "aside", cue("abroad", self.next)
        if prev in _DISTRICT:
            return "aside", cue("abroad", prev)
        if base in NAMESAKES:
            foreign = self.in_sentence(_FOREIGN)
            if foreign:
                if other := self.same_zone():
                    return "keep", cue("same-zone", other)
                return "aside", cue("abroad", foreign)
        ref = _reference(self.before)
        if ref is not None:
            return "weak", cue(ref[0], ref[1])
        if base in _SOUTH_GENERIC and self.m.kind == "zone-name":
            return "keep", cue("no-zone-word" if self.m.strength == "weak" else "zone-word")
        if base == _HOMS and self.m.kind == "region":
            word = next((t for t in reversed(self.before) if "محافظ" in t), _NONE)
            return "keep", cue("province", word)
        return "keep", ""

    def _person(self) -> tuple[str, str]:
        prev, cue = self.prev, self.cue
        if prev in _PLACE_WORDS:
            return "keep", cue("place-word", prev)
        nxt = self.next
        for tok, words in ((prev, _TITLES), (prev, _KUNYA), (prev, _SPEECH),
                           (prev, _FIRST_NAMES), (nxt, _LINEAGE), (nxt, _FIRST_NAMES)):
            if tok in words:
                return "aside", cue("person", tok)
        if nxt.startswith("ال") and nxt.endswith("ي") and nxt not in _DIRECTION_ADJ:
            return "aside", cue("person", nxt)  # a family nisba: "جاسم الخالدي"
        if other := self.same_zone():
            return "keep", cue("same-zone", other)
        return "keep", cue("no-person-cue")


_WEST = normalise("الغربية")


def _reference(before: list[_Tok]) -> tuple[str, _Tok] | None:
    """A distance-reference or origin cue in the tokens just before a name: (code, word)."""
    toks = before[-7:]
    if not toks:
        return None
    # Skip one town word: "المنحدر من مدينة درعا", "ابن مدينة حرستا".
    core = toks[:-1] if toks[-1] in _PLACE_WORDS else toks
    if not core:
        return None
    p1 = core[-1]
    if p1 in _ORIGIN_NOUNS:
        return "origin", p1
    if p1 in _ORIGIN_PREPS and len(core) > 1 and core[-2] in _ORIGIN_VERBS:
        return "origin", core[-2]
    if p1 in _DIRECTIONS:
        window = core[-6:-1]
        for words in (_DISTANCE_UNITS, _DISTANCE_VERBS):  # the unit is the clearer cue
            for t in window:
                if t in words:
                    return "distance", t
    return None


def strongest_first(mentions: list[Any]) -> list[Any]:
    """Mentions in the order evidence is shown: strongest first; at equal strength a name of
    the zone before a town inside it before a partly overlapping governorate, then a sentence
    holding more of the zone's mentions, then reading order. The first one is the evidence."""
    rank = {"strong": 2, "medium": 1, "weak": 0}
    kind_rank = {"zone-name": 2, "place": 1, "region": 0}
    per_sentence: dict[tuple[int, int], int] = {}
    for m in mentions:
        key = (m.sentence_start, m.sentence_end)
        per_sentence[key] = per_sentence.get(key, 0) + 1
    return sorted(mentions, key=lambda m: (-rank.get(m.strength, 0), -kind_rank.get(m.kind, 0),
                                           -per_sentence[(m.sentence_start, m.sentence_end)],
                                           m.start))


def cue_label(cue: str, lang: str = "en") -> str:
    """A cue as the reader's findings table words it (``""`` for none)."""
    from geo.i18n import t

    if not cue:
        return ""
    code, _, word = cue.partition(":")
    if code not in CUE_CODES:
        return cue
    text = t(f"cue.{code}", lang, word=word)
    return text.replace(" ()", "") if not word else text
