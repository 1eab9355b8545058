"""geo.disambiguation (issue 12, second pass): the context cues added after the blind and fresh
sets showed their misses. Each rule is tested on sentences written here (not the evaluation
articles), with a sentence on each side of it: the trap the rule catches, and the ordinary
text it must leave alone. (The first rules are tested in tests/test_linker.py.)"""

from __future__ import annotations

import pytest

from geo.corpus import article_from_text
from geo.linker import ArticleLinks, Linker


@pytest.fixture(scope="module")
def lk() -> Linker:
    return Linker.from_repo()


def _link(lk: Linker, body: str) -> ArticleLinks:
    return lk.link(article_from_text("عنوان\n\n" + body + "\n", "t"), with_extractors=False)


def _mentions(r: ArticleLinks, zone: str) -> list[tuple[str, str, str]]:
    return [(m.text, m.strength, m.cue) for z in r.zones if z.id == zone for m in z.mentions]


def _aside(r: ArticleLinks) -> list[tuple[str, str, str]]:
    return [(z.id, m.text, m.cue) for z in r.set_aside for m in z.mentions]


# --------------------------------------------------------------------------- origin, VSO order
# A news sentence puts the verb first and its subject after it: "ولد الراحل في مدينة درعا".


@pytest.mark.parametrize("body, zone, text, cue", [
    ("توفي الكاتب في منفاه. ووُلد الراحل في مدينة درعا عام 1950.", "south", "درعا",
     "origin:ووُلد"),
    ("نشأ الشاعر الراحل في إدلب قبل أن يهاجر.", "idlib", "إدلب", "origin:نشأ"),
    ("يتحدر اللاعب الدولي من مدينة حرستا.", "eastern-ghouta", "حرستا", "origin:يتحدر"),
    ("عاد الفنان إلى مسقط رأسه درعا بعد غياب.", "south", "درعا", "origin:مسقط"),
])
def test_origin_with_the_subject_between_verb_and_preposition(
        lk: Linker, body: str, zone: str, text: str, cue: str) -> None:
    r = _link(lk, body)
    assert zone not in r.zone_ids("medium")
    assert _mentions(r, zone) == [(text, "weak", cue)]


@pytest.mark.parametrize("body, zone", [
    # "ولد" is also "a boy": a conjunction between the word and the preposition is a list of
    # people, not a subject.
    ("أصيب ولد وامرأة في درعا بقصف مدفعي.", "south"),
    # an undefined word between: not a subject of the verb
    ("ولد خوف كبير في إدلب بعد الغارات.", "idlib"),
    # more than two words between: too far to be the verb's subject
    ("ولد الشاعر الكبير الراحل في إدلب.", "idlib"),
])
def test_origin_rule_leaves_other_sentences_alone(lk: Linker, body: str, zone: str) -> None:
    r = _link(lk, body)
    assert zone in r.zone_ids("medium"), _mentions(r, zone)


# --------------------------------------------------------------------------- person: title, nisba


@pytest.mark.parametrize("body, cue", [
    ("بحث وزير الخارجية الكويتي مع نظيره العراقي جاسم الأمور الثنائية.", "person:نظيره"),
    ("استقبل الرئيس اللبناني جاسم وفدا رسميا.", "person:الرئيس"),
    ("التقى وزير النفط العراقي جاسم بالسفير.", "person:وزير"),
    ("زار السفير القطري جاسم المخيم.", "person:السفير"),
])
def test_name_after_a_title_and_a_nationality_nisba(lk: Linker, body: str, cue: str) -> None:
    r = _link(lk, body)
    assert r.zone_ids("weak") == []
    assert _aside(r) == [("south", "جاسم", cue)]


@pytest.mark.parametrize("body, cue", [
    ("وصل شقيقه جاسم إلى المستشفى.", "person:شقيقه"),
    ("واتصل الوزير بنظيره جاسم هاتفيا.", "person:بنظيره"),
])
def test_name_after_a_noun_of_relation(lk: Linker, body: str, cue: str) -> None:
    r = _link(lk, body)
    assert r.zone_ids("weak") == []
    assert _aside(r) == [("south", "جاسم", cue)]


@pytest.mark.parametrize("body, cue", [
    ("وقع العقد جاسم المحمد نيابة عن الشركة.", "person:المحمد"),
    ("فاز جاسم الحسن بالجائزة الأولى.", "person:الحسن"),
])
def test_family_name_made_of_a_first_name(lk: Linker, body: str, cue: str) -> None:
    r = _link(lk, body)
    assert r.zone_ids("weak") == []
    assert _aside(r) == [("south", "جاسم", cue)]


@pytest.mark.parametrize("body", [
    "قصفت القوات الروسية جاسم ونوى.",           # a nisba, but no title before it
    "دخلت الشرطة العسكرية الروسية جاسم صباحا.",  # two definite words and a nisba, no title
    "وصلت التعزيزات إلى جاسم الشمالية.",         # a direction, not a family name
    "وصل الوزير إلى جاسم لتفقد الأضرار.",        # a title, then a preposition ("الي")
    "زار الوزير مستشفى جاسم أمس.",            # a title, then a noun ending in ى
    "زار المحافظ المدينة وجاسم.",              # a title, then a definite word: no nisba
])
def test_person_rules_leave_the_town_alone(lk: Linker, body: str) -> None:
    r = _link(lk, body)
    assert r.zone_ids("medium") == ["south"], (_mentions(r, "south"), _aside(r))
