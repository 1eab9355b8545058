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
  first name (``محمد جاسم``) or a noun of relation (``شقيقه``), after a title and a nationality
  nisba (``نظيره العراقي جاسم``, ``وزير النفط العراقي جاسم``), or followed by a patronymic
  (``بن``), a first name, a family nisba (``الخالدي``) or a family name made of a first name
  (``المحمد``); ``place-word`` (kept) when a town word comes first (``بلدة جاسم``).
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
  مدينة درعا", "ولد في إدلب", "ابن مدينة حرستا", with the subject between verb and
  preposition: "ولد الراحل في مدينة درعا"; "مسقط رأسه درعا").
* ``same-zone`` (kept): the other place of the zone that settled an ambiguous name.
* ``zone-word`` / ``no-zone-word``: the existing rule for the generic "south" names (strong
  with a zone word in the sentence, weak without), now with its cue; ``province``: ``حمص``
  after ``محافظة``/``محافظات``.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

import ahocorasick

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
    "المخرج الممثل المطرب المغني الروائي الباحث الفنانة الشاعرة الكاتبة المدير السفير "
    "المستشار القائد المبعوث المحافظ الأمين الوزيرة الرئيسة السفيرة"))
# Titles written without the article, as the head of a construct ("وزير النفط", "سفير
# بلاده"), and nouns of relation with their pronoun ("نظيره", "شقيقه"): a name right after
# them, or after them and a nationality nisba ("نظيره العراقي جاسم"), is a person.
_ROLE_HEADS = _forms(_n(
    "وزير وزيرة رئيس رئيسة سفير سفيرة نائب مستشار قائد مدير محافظ أمين مبعوث ممثل متحدث"))
_RELATIONS = _forms([normalise(n + s) for n in ("نظير", "شقيق", "شقيقت", "نجل", "زميل",
                                                 "مستشار", "نائب", "والد", "زوج", "ابن",
                                                 "مساعد", "صديق")
                     for s in ("ه", "ها", "هم", "هما")])
_KUNYA = _forms(_n("أبو أبي أبا أم"))
_LINEAGE = _forms(_n("بن ابن بنت"))
_SPEECH = _forms(_n(
    "قال أكد صرح أعلن أضاف أوضح أشار ذكر يقول يؤكد يضيف لفت اعتبر رأى أفاد كشف نفى دعا "
    "طالب يرى قالت"))
_FIRST_NAMES = _forms(_n(
    "محمد أحمد علي حسن حسين خالد عمر عمرو يوسف إبراهيم سعد محمود مصطفى سامي فيصل ناصر سالم "
    "عبدالله عبدالرحمن عادل طارق ماجد فهد حمد راشد سعيد كريم وليد زياد رامي باسل بشار مازن "
    "فاضل كاظم عباس جعفر صالح"))
# A family name made of a first name with the article ("جاسم المحمد", "جاسم العلي").
_FAMILY_FROM_FIRST = frozenset("ال" + w for w in _n(
    "محمد أحمد علي حسن حسين خالد عمر يوسف إبراهيم محمود مصطفى سالم صالح عباس جعفر حمد "
    "سعيد ناصر خليل حمود عيسى موسى"))
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
# A nisba right after a name agrees with it and takes no proclitic: bare forms only.
_FOREIGN_NISBA = frozenset(w for w in _FOREIGN_WORDS if w.startswith("ال")
                           and (w.endswith("ي") or w.endswith("يه")))
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
    "ولدت المولود المولودة أصله أصلها أصلهم القادم القادمة القادمين نشأ نشأت ترعرع ترعرعت"))
_ORIGIN_NOUNS = _forms(_n("ابن ابنة أبناء بنات مواليد"))
_ORIGIN_PREPS = _forms(_n("من في"))
# "مسقط رأسه درعا" (his birthplace): the word before the name, after مسقط.
_BIRTHPLACE = frozenset(_n("رأسه رأسها رأسهم"))
_BIRTHPLACE_HEAD = _forms(_n("مسقط"))

_TOKEN = re.compile(r"[^\W_]+|[^\w\s]")  # words, and each punctuation mark as its own token
_WINDOW = 64  # characters looked at before and after a mention

CUE_CODES = ("person", "place-word", "no-person-cue", "movement", "common-noun", "institution",
             "abroad", "same-zone", "other-area", "distance", "origin", "zone-word",
             "no-zone-word", "province", "same-article")


_DISTRICT_WORD = normalise("قضاء")
# The last word before a name that _reference can start from (it returns None otherwise).
_REF_LAST = _ORIGIN_NOUNS | _ORIGIN_PREPS | _DIRECTIONS | _PLACE_WORDS | _BIRTHPLACE


def _sentence_automaton() -> ahocorasick.Automaton:
    """The words looked for anywhere in a mention's sentence (foreign, desert, Syrian), in one
    automaton: a sentence is scanned once, in C, instead of being split into tokens."""
    auto = ahocorasick.Automaton()
    for w in _FOREIGN | _DESERT | _SYRIAN:
        auto.add_word(w, (len(w), w))
    auto.make_automaton()
    return auto


_SENTENCE_WORDS = _sentence_automaton()
_FIRST_TOKEN = re.compile(r"\s*([^\W_]+|[^\w\s])")


def review(zone_mentions: dict[str, list[Any]], norm: str, imap: list[int],
           text: str) -> tuple[dict[str, list[Any]], list[tuple[str, Any]]]:
    """Decide each zone mention from its context. Returns the mentions kept (some made weak),
    each with its cue when a rule decided, and the ones set aside as ``(zone id, mention)``
    (their ``cue`` says why). ``norm``/``imap`` are ``geo.arabic.normalise_with_map`` of the
    article (line breaks as NUL), the mentions ``geo.linker.Mention``s.

    Runs for every linked article, so most mentions take a short path: a name no rule is about
    (not in ``_BASE``) with no ``قضاء`` and no reference cue before it and no foreign nisba
    after it is kept as it is, for a few bisections and set lookups."""
    decided = []
    changed = False
    sentences: dict[int, tuple[int, list[str] | None]] = {}  # shared by a sentence's mentions
    # (Locals: this loop runs for every zone mention of every article.)
    bisect_left, base_names, ref_last = bisect.bisect_left, _BASE, _REF_LAST
    first_token, nisbas, district = _FIRST_TOKEN.match, _FOREIGN_NISBA, _DISTRICT_WORD
    for zid, ms in zone_mentions.items():
        for m in ms:
            a = bisect_left(imap, m.start)
            b = bisect_left(imap, m.end)
            sent = sentences.get(m.sentence_start)
            if sent is None:
                sent = sentences[m.sentence_start] = (bisect_left(imap, m.sentence_start), None)
            window = norm[max(sent[0], a - _WINDOW):a]
            words = window.split()
            if norm[a:b] not in base_names and district not in window:
                if not words or words[-1] not in ref_last or _reference(words) is None:
                    # (Unbounded by the sentence's end: a token across it would be the
                    # punctuation that ends it, as within it.) Every foreign nisba starts "ال".
                    mt = first_token(norm, b, b + _WINDOW) if norm.startswith(" ال", b) else None
                    if mt is None or mt.group(1) not in nisbas:
                        decided.append((zid, m, "keep", ""))
                        continue
            verdict, cue = _Decision(zid, m, a, b, words, norm, imap, text, zone_mentions,
                                     sentences).decide()
            changed = changed or verdict != "keep" or bool(cue)
            decided.append((zid, m, verdict, cue))
    if not changed:
        return zone_mentions, []
    kept: dict[str, list[Any]] = {}
    aside: list[tuple[str, Any]] = []
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
            aside.append((zid, _with(m, m.strength, cue)))
            continue
        if verdict == "weak" or cue:
            m = _with(m, "weak" if verdict == "weak" else m.strength, cue)
        kept.setdefault(zid, []).append(m)
    return kept, aside


def _with(m: Any, strength: str, cue: str) -> Any:
    """``dataclasses.replace(m, strength=strength, cue=cue)``, without its generic overhead."""
    return type(m)(start=m.start, end=m.end, text=m.text, kind=m.kind, strength=strength,
                   sentence_start=m.sentence_start, sentence_end=m.sentence_end, cue=cue)


class _Decision:
    """The context of one mention and the rules applied to it, in order. Tokens are plain
    normalised strings (cheap: ``findall``); where a cue's word stands in the original text is
    looked up only when a cue is made."""

    def __init__(self, zid: str, m: Any, a: int, b: int, words: list[str], norm: str,
                 imap: list[int], text: str, zone_mentions: dict[str, list[Any]],
                 sentences: dict[int, tuple[int, list[str] | None]]):
        self.zid, self.m, self.norm, self.imap, self.text = zid, m, norm, imap, text
        self.zone_mentions, self.sentences = zone_mentions, sentences
        # The mention and its sentence in ``norm``; the words before it (split on spaces).
        self.a, self.b = a, b
        self.lo = sentences[m.sentence_start][0]
        self.hi = bisect.bisect_left(imap, m.sentence_end)
        self.words = words
        self.name = norm[self.a:self.b]
        self.base = _BASE.get(self.name)
        self._before: list[str] | None = None
        self._next: str | None = None
        self._sentence: list[str] | None = None

    def orig(self, tok: str) -> str:
        """The original text of ``tok``, the nearest such whole token to the mention in its
        sentence (cues quote the article, not the matcher's form of it)."""
        norm, n = self.norm, len(tok)

        def whole(at: int) -> bool:
            return ((at == 0 or not norm[at - 1].isalnum())
                    and (at + n >= len(norm) or not norm[at + n].isalnum()))

        before = norm.rfind(tok, self.lo, self.a)
        while before >= 0 and not whole(before):
            before = norm.rfind(tok, self.lo, before + n - 1)
        after = norm.find(tok, self.b, self.hi)
        while after >= 0 and not whole(after):
            after = norm.find(tok, after + 1, self.hi)
        cands = [at for at in (before, after) if at >= 0]
        if not cands:
            return tok
        at = min(cands, key=lambda k: abs(k - self.a))
        return self.text[self.imap[at]:self.imap[at + n - 1] + 1]

    def cue(self, code: str, tok: str = "", quoted: bool = True) -> str:
        return f"{code}:{self.orig(tok) if tok and quoted else tok}"

    @property
    def before(self) -> list[str]:
        """Tokens before the mention in its sentence (punctuation marks as tokens)."""
        if self._before is None:
            self._before = _TOKEN.findall(self.norm, max(self.lo, self.a - _WINDOW), self.a)
        return self._before

    @property
    def prev(self) -> str:
        # The last space-split word is the last token unless punctuation is attached to it.
        w = self.words[-1] if self.words else ""
        if w.isalnum():
            return w
        return self.before[-1] if self.before else ""

    @property
    def next(self) -> str:
        if self._next is None:
            mt = _FIRST_TOKEN.match(self.norm, self.b, self.hi)
            self._next = mt.group(1) if mt else ""
        return self._next

    def in_sentence(self, words: frozenset[str]) -> str:
        """The first whole token of the sentence that is one of ``words``, or ""."""
        if self._sentence is None:
            lo, toks = self.sentences[self.m.sentence_start]
            if toks is None:  # the sentence's foreign/desert/Syrian words, in order
                norm, hi = self.norm, self.hi
                found = []
                for end, (n, w) in _SENTENCE_WORDS.iter(norm, lo, hi):
                    at = end + 1 - n
                    if ((at == 0 or not norm[at - 1].isalnum())
                            and (end + 1 >= len(norm) or not norm[end + 1].isalnum())):
                        found.append((at, -n, w))
                toks = [w for _, _, w in sorted(found)]
                self.sentences[self.m.sentence_start] = (lo, toks)
            self._sentence = toks
        return next((t for t in self._sentence if t in words), "")

    def same_zone(self) -> str:
        """Another mention of the same zone in the sentence, not of the same name (its text)."""
        m = self.m
        for other in self.zone_mentions[self.zid]:
            if (other.sentence_start == m.sentence_start and other.start != m.start
                    and other.strength != "weak"
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
                    return "keep", cue("same-zone", other, quoted=False)
                adj = self.next
                return "aside", (cue("movement", adj) if adj in _MOVEMENT_ADJ
                                 else cue("movement", self.m.text, quoted=False))
            if base == _SHIELD:
                # Tanween: a proper name never takes it ("درعاً", "a shield").
                if "\u064b" in self.text[self.m.start:self.m.end + 1]:
                    return "aside", cue("common-noun", self.m.text, quoted=False)
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
                    return "keep", cue("same-zone", other, quoted=False)
                return "aside", cue("abroad", foreign)
        ref = _reference(self.words)
        if ref is not None:
            return "weak", cue(*ref)
        if base in _SOUTH_GENERIC and self.m.kind == "zone-name":
            return "keep", cue("no-zone-word" if self.m.strength == "weak" else "zone-word")
        if base == _HOMS and self.m.kind == "region":
            return "keep", cue("province", next((t for t in reversed(self.before)
                                                 if "محافظ" in t), ""))
        return "keep", ""

    def _role_before(self) -> str:
        """A title or a relation before a nationality nisba just before the name ("نظيره
        العراقي جاسم", "الرئيس اللبناني جاسم"), with at most one definite word of a construct
        between ("وزير النفط العراقي جاسم"): the title, or ""."""
        before = self.before
        if len(before) < 2:
            return ""
        nisba = before[-1]
        # (Five letters at least: "إلى" normalises to "الي", "الحي" is "the quarter".)
        if not (nisba.startswith("ال") and nisba.endswith("ي") and len(nisba) >= 5):
            return ""
        for k in (2, 3):
            if len(before) < k:
                break
            head = before[-k]
            if head in _TITLES or head in _ROLE_HEADS or head in _RELATIONS:
                return head
            if not head.startswith("ال"):
                break
        return ""

    def _person(self) -> tuple[str, str]:
        prev, cue = self.prev, self.cue
        if prev in _PLACE_WORDS:
            return "keep", cue("place-word", prev)
        nxt = self.next
        for tok, words in ((prev, _TITLES), (prev, _KUNYA), (prev, _SPEECH),
                           (prev, _FIRST_NAMES), (prev, _RELATIONS), (nxt, _LINEAGE),
                           (nxt, _FIRST_NAMES)):
            if tok in words:
                return "aside", cue("person", tok)
        if role := self._role_before():
            return "aside", cue("person", role)
        if nxt.startswith("ال") and nxt.endswith("ي") and nxt not in _DIRECTION_ADJ:
            return "aside", cue("person", nxt)  # a family nisba: "جاسم الخالدي"
        if nxt in _FAMILY_FROM_FIRST:
            return "aside", cue("person", nxt)  # a family name: "جاسم المحمد"
        if other := self.same_zone():
            return "keep", cue("same-zone", other, quoted=False)
        return "keep", cue("no-person-cue")


_WEST = normalise("الغربية")


def _reference(words: list[str]) -> tuple[str, str] | None:
    """A distance-reference or origin cue in the words just before a name (the sentence's text
    before it split on spaces: a word with punctuation attached matches nothing), or None."""
    toks = words[-7:]
    if not toks:
        return None
    # Skip one town word: "المنحدر من مدينة درعا", "ابن مدينة حرستا".
    core = toks[:-1] if toks[-1] in _PLACE_WORDS else toks
    if not core:
        return None
    p1 = core[-1]
    if p1 in _ORIGIN_NOUNS:
        return "origin", p1
    if p1 in _ORIGIN_PREPS and len(core) > 1:
        if core[-2] in _ORIGIN_VERBS:
            return "origin", core[-2]
        # Verb, subject, preposition (the usual order of a news sentence): "ولد الراحل في
        # مدينة درعا", "نشأ الشاعر الراحل في إدلب". One or two definite words between, no
        # conjunction: "ولد وامرأة في ..." (a boy and a woman) is not an origin.
        for k in (3, 4):
            if (len(core) >= k and core[-k] in _ORIGIN_VERBS
                    and all(w.startswith("ال") and w.isalpha() for w in core[1 - k:-1])):
                return "origin", core[-k]
    if p1 in _BIRTHPLACE and len(core) > 1 and core[-2] in _BIRTHPLACE_HEAD:
        return "origin", core[-2]
    if p1 in _DIRECTIONS:
        window = core[-6:-1]
        for found in (_DISTANCE_UNITS, _DISTANCE_VERBS):  # the unit is the clearer cue
            for t in window:
                if t in found:
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
    if not word:
        return t(_cue_key(code), lang, word="").replace(" ()", "")
    # The quoted word is isolated (FSI … PDI) so an Arabic word keeps its place and letter
    # order inside an English sentence, and the parentheses stay where they belong.
    return t(_cue_key(code), lang, word=f"\u2068{word}\u2069")


def _cue_key(code: str) -> str:
    return "msg.cue_" + code.replace("-", "_")
