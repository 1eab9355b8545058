"""geo.linker: golden links for the five seeds, and the rules behind them.

Golden results (what I would defend to an editor):

* 000 (Iran ready to send forces): the closing list names the four zones: "محافظة إدلب",
  "الغوطة الشرقية", "محافظة درعا" (medium: Daraa governorate is only mostly the zone), plus the
  partly-overlapping governorates "حماة", "واللاذقية" (weak → idlib) and "وحمص" (weak →
  northern-homs, only because "محافظات" precedes it: it is the province, not the city).
* 001 (Shamkhani): only general references. "والجنوب السوري" is about US interventions in the
  Syrian south, with no zone word in its sentence → kept as *weak* only; not a link an editor
  would make, so it is below the medium threshold the atlas uses.
* 002 (IRNA): general references only ("مناطق خفض التوتر"); no zone is named.
* 003 (Astana-6): all four zones, strong: "جنوب سوريا" (sentence about delimiting zones),
  "وريف حمص الشمالي", "والغوطة الشرقية", "إدلب"/"ادلب".
* 004 (memorandum signed): all four zones, strong ("إدلب، وشمال حمص، والغوطة الشرقية، وجنوب
  سوريا"); "حماة ودرعا" (civilian areas shelled) add weak/medium evidence. The "حلب" in the
  2024 related-articles block is furniture and must not appear.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from geo import linker as linker_mod
from geo.corpus import CatalogRow, article_from_text, read_article
from geo.linker import ArticleLinks, Linker
from geo.paths import SEEDS_DIR

SEED = {p.stem[:3]: p for p in SEEDS_DIR.glob("*.txt")}


@pytest.fixture(scope="module")
def lk() -> Linker:
    return Linker.from_repo()


def _link(lk: Linker, prefix: str) -> ArticleLinks:
    return lk.link(read_article(SEED[prefix]))


def _texts(links: ArticleLinks, zone: str) -> list[str]:
    return [m.text for z in links.zones if z.id == zone for m in z.mentions]


def test_seed_000(lk: Linker) -> None:
    r = _link(lk, "000")
    assert r.zone_ids("medium") == ["idlib", "eastern-ghouta", "south"]
    assert r.zone_ids() == ["idlib", "northern-homs", "eastern-ghouta", "south"]
    assert "محافظة إدلب" in _texts(r, "idlib")
    assert {"حماة", "واللاذقية"} <= set(_texts(r, "idlib"))
    assert _texts(r, "northern-homs") == ["وحمص"]
    assert _texts(r, "south") == ["محافظة درعا"]
    assert "#مناطق_خفض_التوتر" in [g.text for g in r.general]


def test_seed_001_south_is_weak_only(lk: Linker) -> None:
    r = _link(lk, "001")
    assert r.zone_ids("medium") == []
    south = [z for z in r.zones if z.id == "south"]
    assert len(south) == 1 and south[0].strength == "weak"
    assert south[0].mentions[0].text == "والجنوب السوري"
    general = [g.text for g in r.general]
    assert 'مناطق "خفض التصعيد' in general and "مناطق تخفيف التوتر" in general


def test_seed_002_general_only(lk: Linker) -> None:
    r = _link(lk, "002")
    assert r.zones == []
    assert [g.text for g in r.general] == ["مناطق خفض التوتر", "مناطق خفض التوتر"]
    # "تصعيد التوتر" (escalating tension) is the opposite of de-escalation.
    assert all("تصعيد التوتر" not in g.text for g in r.general)


def test_seed_003_all_four_strong(lk: Linker) -> None:
    r = _link(lk, "003")
    assert r.zone_ids("strong") == ["idlib", "northern-homs", "eastern-ghouta", "south"]
    assert "وريف حمص الشمالي" in _texts(r, "northern-homs")
    assert "والغوطة الشرقية" in _texts(r, "eastern-ghouta")
    assert "جنوب سوريا" in _texts(r, "south")
    assert "منطقة تهدئة التوتر" in [g.text for g in r.general]


def test_seed_004_all_four_and_no_furniture(lk: Linker) -> None:
    r = _link(lk, "004")
    assert r.zone_ids("strong") == ["idlib", "northern-homs", "eastern-ghouta", "south"]
    assert "وشمال حمص" in _texts(r, "northern-homs")
    assert "وجنوب سوريا" in _texts(r, "south")
    assert "حلب" not in [p.text for p in r.places]  # only in the 2024 related block
    assert 'مناطق "تحفيف التصعيد' in [g.text for g in r.general]  # the typo
    art = read_article(SEED["004"])
    for d in r.dates:
        assert art.in_body(d.start, d.end)


def test_every_span_is_an_exact_slice(lk: Linker) -> None:
    for p in SEED.values():
        art = read_article(p)
        r = lk.link(art)
        spans = [m for z in r.zones for m in z.mentions] + r.general + r.places + r.dates
        assert spans
        for s in spans:
            assert art.text[s.start:s.end] == s.text
            assert art.in_body(s.start, s.end)
        for z in r.zones:
            for m in z.mentions:
                assert m.sentence_start <= m.start < m.end <= m.sentence_end


def _adhoc(lk: Linker, body: str) -> ArticleLinks:
    return lk.link(article_from_text("عنوان\n\n" + body + "\n", "t"), with_extractors=False)


def test_homs_city_is_not_northern_homs(lk: Linker, fixtures_dir: Path) -> None:
    r = lk.link(read_article(fixtures_dir / "articles" / "homs_city.txt"))
    assert "northern-homs" not in r.zone_ids()
    assert "northern-homs" in _adhoc(lk, "قصف في ريف حمص الشمالي").zone_ids("strong")
    prov = _adhoc(lk, "اشتباكات في محافظة حمص")
    assert prov.zones[0].id == "northern-homs" and prov.zones[0].strength == "weak"


def test_south_context_rule(lk: Linker) -> None:
    with_ctx = _adhoc(lk, "تم الاتفاق على منطقة خفض التصعيد في الجنوب السوري.")
    assert with_ctx.zones[0].strength == "strong"
    without = _adhoc(lk, "انتقد التدخلات في الجنوب السوري.")
    assert without.zones[0].strength == "weak"


def test_proclitics_hashtags_and_boundaries(lk: Linker) -> None:
    r = _adhoc(lk, "وصلت وإدلب بالغوطة الشرقية و#ريف_حمص_الشمالي وللغوطة الشرقية")
    assert r.zone_ids("strong") == ["idlib", "northern-homs", "eastern-ghouta"]
    assert _texts(r, "eastern-ghouta") == ["بالغوطة الشرقية", "وللغوطة الشرقية"]
    assert _adhoc(lk, "أسلوب إدلبي وطبخة ادلبية").zones == []  # no silent suffixes
    assert _adhoc(lk, "وصل إلى إدْلِبَ").zones[0].mentions[0].text == "إدْلِبَ"


def test_common_word_place_names_are_not_places(lk: Linker) -> None:
    r = _adhoc(lk, "أغلق الباب وقامت الثورة على التل")
    assert r.places == []


def test_places_inside_a_zone_polygon(tmp_path: Path) -> None:
    square = {"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {"id": "northern-homs", "name_variants_ar": []},
        "geometry": {"type": "Polygon", "coordinates": [[[36.5, 34.8], [37.0, 34.8],
                                                         [37.0, 35.0], [36.5, 35.0],
                                                         [36.5, 34.8]]]}}]}
    zones = tmp_path / "zones.geojson"
    zones.write_text(json.dumps(square), encoding="utf-8")
    lk = Linker(zones_path=zones)
    r = lk.link(article_from_text("عنوان\n\nقصف على الرستن وتلبيسة ومدينة حماة\n", "t"),
                with_extractors=False)
    nh = next(z for z in r.zones if z.id == "northern-homs")
    assert {m.text for m in nh.mentions} == {"الرستن", "وتلبيسة"}
    assert all(m.kind == "place" and m.strength == "medium" for m in nh.mentions)
    assert {p.zone_id for p in r.places if p.text == "حماة"} == {None}


def test_missing_zone_file_is_a_build_warning(tmp_path: Path) -> None:
    lk = Linker(zones_path=tmp_path / "none.geojson")
    assert any("not found" in w for w in lk.build_warnings)
    assert _adhoc(lk, "في إدلب").zone_ids() == ["idlib"]


def test_missing_extractors_give_empty_lists_and_a_warning(monkeypatch: pytest.MonkeyPatch,
                                                           lk: Linker) -> None:
    monkeypatch.setattr(linker_mod, "_EXTRACTORS", (None, None, ["dates not extracted: test"]))
    r = _link(lk, "001")
    assert r.dates == [] and r.forces == []
    assert "dates not extracted: test" in r.warnings


def test_to_json_shape(lk: Linker) -> None:
    d = _link(lk, "003").to_json()
    assert {"file", "title", "zones", "general", "dates", "places", "forces",
            "warnings"} <= set(d)
    m = d["zones"][0]["mentions"][0]
    assert {"start", "end", "text", "kind"} <= set(m)
    json.dumps(d, ensure_ascii=False)


def _mixed_texts() -> list[str]:
    """The seeds, and the seeds cut and recombined with odd spacing, marks and line breaks."""
    import random

    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS_DIR.glob("*.txt"))]
    rng = random.Random(11)
    lines = [ln for t in seeds for ln in t.split("\n")]
    mixed = ["\n".join(rng.sample(lines, k=12)).replace(" ", rng.choice([" ", "  ", "\u064e "]))
             for _ in range(40)]
    return seeds + mixed


def test_shared_scan_gives_what_the_extractors_give(lk: Linker) -> None:
    """link() hands geo.dates / geo.forces its own scan of the article instead of letting them
    normalise and scan it again: the results must be theirs, kept to the body."""
    from datetime import date

    from geo.dates import extract_dates
    from geo.forces import extract_force_candidates

    for k, text in enumerate(_mixed_texts()):
        art = article_from_text(text, f"t{k}")
        art.catalog = None
        links = lk.link(art)
        want_dates = [d for d in extract_dates(art.text, None) if art.in_body(d.start, d.end)]
        want_forces = [f for f in extract_force_candidates(art.text)
                       if art.in_body(f.start, f.end)]
        assert links.dates == want_dates
        assert links.forces == want_forces
        assert lk.link(art, with_extractors=False).zones == links.zones
        # Relative dates resolve the same way too.
        art.catalog = CatalogRow(art.article_id, "", "", "", date(2017, 5, 4), "", None, "", None)
        assert lk.link(art).dates == [d for d in extract_dates(art.text, date(2017, 5, 4))
                                      if art.in_body(d.start, d.end)]


def test_replaced_extractors_are_called_and_their_failures_reported(
        monkeypatch: pytest.MonkeyPatch, lk: Linker) -> None:
    def broken(*_args: object) -> list[object]:
        raise RuntimeError("boom")

    monkeypatch.setattr(linker_mod, "_EXTRACTORS", (broken, broken, []))
    r = _link(lk, "001")
    assert r.dates == [] and r.forces == [] and r.zones
    assert "date extraction failed: RuntimeError: boom" in r.warnings
    assert "force extraction failed: RuntimeError: boom" in r.warnings


def test_noun_lookback_shortcut_matches_the_plain_search() -> None:
    import random

    rng = random.Random(4)
    toks = ["مناطق", "منطقه", "منطقتي", "نقاط", "#", "و", "ف", "ب", "ل", "ك", "ال", "بال", "لل",
            "وبال", "كال", " ", " ", "_", '"', "«", "»", "x", "خفض", "منط", "ق"]
    for _ in range(4000):
        norm = "".join(rng.choice(toks) for _ in range(rng.randint(0, 16)))
        for i in range(len(norm) + 1):
            want = linker_mod._GENERAL_NOUN_BEFORE.search(
                norm, max(0, i - linker_mod._GENERAL_LOOKBACK), i)
            got = linker_mod._noun_before(norm, i)
            assert (want and want.span()) == (got and got.span()), (norm, i)


# --------------------------------------------------------------------------- issue 12
# Context decisions (geo.disambiguation). Each test names the rule it guards; each was seen
# red with its rule removed.


def _zones(links: ArticleLinks, min_strength: str = "medium") -> list[str]:
    return links.zone_ids(min_strength)


def _aside(links: ArticleLinks) -> list[tuple[str, str, str]]:
    return [(z.id, m.text, m.cue) for z in links.set_aside for m in z.mentions]


def _cues(links: ArticleLinks) -> list[str]:
    return [m.cue for z in links.zones for m in z.mentions]


@pytest.mark.parametrize("body, cue", [
    ("قال الشيخ جاسم الصباح إن المؤتمر سيعقد قريبا.", "person:الشيخ"),   # title
    ("فاز الفريق، وقال جاسم إن اللاعبين قدموا أداء جيدا.", "person:وقال"),  # speech verb
    ("توفي الشاعر القطري جاسم بن علي.", "person:بن"),                      # patronymic
    ("قتل القيادي أبو جاسم في انفجار.", "person:أبو"),                      # kunya
    ("افتتح الفنان محمد جاسم معرضه.", "person:محمد"),                      # first name
    ("استدعي جاسم الخالدي إلى المعسكر.", "person:الخالدي"),               # family nisba
])
def test_town_that_is_a_personal_name(lk: Linker, body: str, cue: str) -> None:
    r = _adhoc(lk, body)
    assert _zones(r, "weak") == []
    assert _aside(r) == [("south", "جاسم", cue)]


def test_town_word_keeps_a_town_that_is_also_a_name(lk: Linker) -> None:
    r = _adhoc(lk, "اندلعت اشتباكات في بلدة جاسم بريف درعا الشمالي.")
    assert _zones(r) == ["south"]
    assert "place-word:بلدة" in _cues(r)
    r = _adhoc(lk, "وصلت التعزيزات إلى جاسم أمس.")  # nothing either way: kept, said so
    assert _zones(r) == ["south"] and _cues(r) == ["no-person-cue:"]
    r = _adhoc(lk, "دخلت القوات جاسم وطفس.")  # another town of the zone says which
    assert _zones(r) == ["south"] and _cues(r)[0] == "same-zone:وطفس"


@pytest.mark.parametrize("body, zone, cue", [
    ("أكد ناشطو الحراك الشعبي أنهم سيواصلون التظاهر.", "south", "movement:الشعبي"),
    ("قال أحد منظمي الحراك إن التظاهرات ستتواصل.", "south", "movement:الحراك"),
    ("شكل المتظاهرون درعا بشريا حول المستشفى.", "south", "common-noun:بشريا"),
    ("طورت الشركة درعاً خفيفاً للجنود.", "south", "common-noun:درعاً"),
    ("ليكون درعا لهم.", "south", "common-noun:ليكون"),
    ("صوت نواب دوما الدولة على القانون.", "eastern-ghouta", "institution:نواب"),
    ("ناقش رئيس دوما الدولة القانون.", "eastern-ghouta", "institution:رئيس"),
])
def test_common_noun_movement_institution(lk: Linker, body: str, zone: str, cue: str) -> None:
    r = _adhoc(lk, body)
    assert zone not in _zones(r, "weak")
    assert (zone, cue) in [(z, c) for z, _, c in _aside(r)]


def test_movement_name_kept_as_the_town_on_evidence(lk: Linker) -> None:
    r = _adhoc(lk, "قصفت قوات النظام بلدة الحراك شرقي درعا.")
    assert _zones(r) == ["south"] and "place-word:بلدة" in _cues(r)
    r = _adhoc(lk, "تقدمت القوات نحو الحراك وبصرى الشام.")  # another town of the zone
    assert _zones(r) == ["south"] and "same-zone:وبصرى الشام" in _cues(r)
    r = _adhoc(lk, "نظم ناشطو الحراك المدني وقفة في مدينة دوما.")  # a town of another zone
    assert _zones(r) == ["eastern-ghouta"]
    r = _adhoc(lk, "وصلت قافلة إلى مدينة درعا ودوما.")
    assert set(_zones(r)) == {"south", "eastern-ghouta"}


@pytest.mark.parametrize("body, zone, cue", [
    ("انطلق المهرجان في مدينة القنيطرة المغربية.", "south", "abroad:المغربية"),
    # the nisba after the name decides, not the first foreign word of the sentence
    ("قالت الحكومة التركية إن مهرجان القنيطرة المغربية بدأ.", "south", "abroad:المغربية"),
    ("اندلع حريق في بلدة دوما اللبنانية.", "eastern-ghouta", "abroad:اللبنانية"),
    ("بدأت العودة إلى قضاء سنجار.", "idlib", "abroad:قضاء"),
    ("أصيب ثلاثة في مواجهات في أريحا بالضفة الغربية.", "idlib", "abroad:بالضفة"),
    ("عاد النازحون إلى سنجار شمال العراق.", "idlib", "abroad:العراق"),
])
def test_namesake_abroad(lk: Linker, body: str, zone: str, cue: str) -> None:
    r = _adhoc(lk, body)
    assert zone not in _zones(r, "weak")
    assert (zone, cue) in [(z, c) for z, _, c in _aside(r)]


def test_namesake_kept_with_a_place_of_its_zone_despite_a_foreign_word(lk: Linker) -> None:
    r = _adhoc(lk, "نزح المدنيون من سنجار في ريف إدلب نحو الحدود التركية.")
    assert _zones(r) == ["idlib"]
    assert "same-zone:ريف إدلب" in _cues(r)


def test_one_sense_per_article(lk: Linker) -> None:
    # The title line says nothing; the body says Jericho: the title's أريحا is set aside too.
    r = lk.link(article_from_text("مواجهات في أريحا\nأصيب شبان في أريحا بالضفة الغربية.\n", "t"),
                with_extractors=False)
    assert _zones(r, "weak") == []
    assert [c for _, _, c in _aside(r)] == ["same-article:بالضفة", "abroad:بالضفة"]
    # ... unless the name was confirmed as the town somewhere.
    r = lk.link(article_from_text("قصف على أريحا\nقصف على مدينة أريحا بريف إدلب، قرب "
                                  "مخيمات على الحدود التركية.\n", "t"), with_extractors=False)
    assert _zones(r) == ["idlib"] and _aside(r) == []


@pytest.mark.parametrize("body, zone, cue", [
    ("أعلنت الفصائل في بيت جن بالغوطة الغربية موافقتها.", "eastern-ghouta",
     "other-area:الغربية"),
    ("أطلقت مشاريع في غوطة دمشق الغربية.", "eastern-ghouta", "other-area:الغربية"),
    ("القوات في قاعدة التنف جنوب سوريا داخل منطقة الـ55 كيلومترا.", "south",
     "other-area:التنف"),
    ("غارة في البادية جنوب سوريا في تصعيد جديد.", "south", "other-area:البادية"),
    ("هدنة بين القبائل في الجنوب الغربي الليبي.", "south", "abroad:الليبي"),
    ("صاروخ على جازان في الجنوب الغربي للمملكة في تصعيد جديد.", "south", "abroad:جازان"),
])
def test_other_area_with_a_similar_name(lk: Linker, body: str, zone: str, cue: str) -> None:
    r = _adhoc(lk, body)
    assert zone not in _zones(r, "weak")
    assert (zone, cue) in [(z, c) for z, _, c in _aside(r)]


def test_the_south_zone_is_still_linked(lk: Linker) -> None:
    r = _adhoc(lk, "اتفقت الدول على منطقة خفض التصعيد في جنوب سوريا قرب الحدود الأردنية.")
    assert _zones(r, "strong") == ["south"] and _cues(r) == ["zone-word:"]
    r = _adhoc(lk, "وصلت التعزيزات إلى الغوطة الشرقية.")
    assert _zones(r, "strong") == ["eastern-ghouta"]


@pytest.mark.parametrize("body, zone, text, cue", [
    ("ضرب زلزال ولاية هاتاي وحدد مركزه على بعد 60 كيلومترا شمال إدلب.", "idlib", "إدلب",
     "distance:كيلومترا"),
    ("افتتح مستشفى في الرمثا التي تبعد نحو 5 كيلومترات عن درعا.", "south", "درعا",
     "distance:كيلومترات"),
    ("افتتح اللاجئ أحمد، المنحدر من مدينة درعا، مطعما في برلين.", "south", "درعا",
     "origin:المنحدر"),
    ("معرض للفنان الذي ولد في إدلب عام 1965.", "idlib", "إدلب", "origin:ولد"),
    ("سجل اللاعب، ابن مدينة حرستا، هدفين.", "eastern-ghouta", "حرستا", "origin:ابن"),
])
def test_distance_reference_or_origin_is_weak(lk: Linker, body: str, zone: str, text: str,
                                              cue: str) -> None:
    r = _adhoc(lk, body)
    assert zone not in _zones(r)  # below the atlas's threshold
    link = next(z for z in r.zones if z.id == zone)
    assert [(m.text, m.strength, m.cue) for m in link.mentions] == [(text, "weak", cue)]


def test_events_near_a_town_are_still_evidence(lk: Linker) -> None:
    r = _adhoc(lk, "قصفت الطائرات مدينة إدلب، وسقطت قذائف على بعد كيلومترين من المشفى.")
    assert _zones(r, "strong") == ["idlib"]
    r = _adhoc(lk, "نزح آلاف من مدينة درعا بعد القصف.")
    assert _zones(r) == ["south"]


def test_cue_survives_json(lk: Linker) -> None:
    from geo.linker import Mention

    r = _adhoc(lk, "قال الشيخ جاسم الصباح. وقصفت الطائرات بلدة جاسم.")
    d = r.to_json()
    assert d["set_aside"][0]["mentions"][0]["cue"] == "person:الشيخ"
    kept = d["zones"][0]["mentions"][0]
    assert kept["cue"] == "place-word:بلدة" and Mention(**kept) == r.zones[0].mentions[0]
    assert "cue" not in _adhoc(lk, "في إدلب").to_json()["zones"][0]["mentions"][0]


def test_findings_table_shows_the_cue(lk: Linker) -> None:
    from geo.articles import linker_findings

    r = _adhoc(lk, "قال الشيخ جاسم الصباح. وقصفت الطائرات بلدة جاسم.")
    names = {"south": "South"}
    en = linker_findings(r, names, "en")
    assert list(en.columns) == ["finding", "text", "detail", "cue", "note", "offsets"]
    rows = en.to_dict("records")
    assert [(x["finding"], x["text"], x["cue"]) for x in rows] == [
        ("zone: South", "جاسم", "a town word before it (\u2068بلدة\u2069)"),
        ("not linked to South", "جاسم", "a person's name (\u2068الشيخ\u2069)"),
        ("place: Jāsim", "جاسم", "")]  # the person is not listed as the place
    ar = linker_findings(r, {"south": "الجنوب"}, "ar").to_dict("records")
    assert ar[1]["finding"] == "لم يُربط بـالجنوب"
    assert ar[1]["cue"] == "اسم شخص (\u2068الشيخ\u2069)"
    zone_word = linker_findings(_adhoc(lk, "منطقة خفض التصعيد في جنوب سوريا"), names, "en")
    assert zone_word.to_dict("records")[0]["cue"] == "a word about the zones in the sentence"


def test_strongest_sentence_is_the_evidence_and_agrees_with_the_strength(lk: Linker) -> None:
    from geo.disambiguation import strongest_first
    from geo.evaluate import load_set

    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS_DIR.glob("*.txt"))]
    texts += [i.text for i in load_set()]
    texts.append("عنوان\nولد في إدلب. وبعد سنوات قصفت الطائرات سراقب. ثم قصفت إدلب.\n")
    seen_weak_first_candidate = False
    for k, text in enumerate(texts):
        r = lk.link(article_from_text(text, f"t{k}"), with_extractors=False)
        for z in r.zones:
            first = strongest_first(z.mentions)[0]
            assert first.strength == z.strength, (k, z.id)
            if z.mentions[0].strength == "weak" and z.strength != "weak":
                seen_weak_first_candidate = True
    assert seen_weak_first_candidate  # the case the order exists for did occur
    # At equal strength a name of the zone comes before a town inside it.
    r = _adhoc(lk, "قصفت الطائرات سراقب. وقال مسؤول إن محافظة إدلب تشهد تصعيدا.")
    ordered = strongest_first(r.zones[0].mentions)
    assert ordered[0].text == "محافظة إدلب"
    r = _adhoc(lk, "قصفت الطائرات سراقب. ووصلت التعزيزات إلى ريف حماة الشمالي.")
    assert {m.strength for m in r.zones[0].mentions} == {"medium"}
    assert strongest_first(r.zones[0].mentions)[0].text == "ريف حماة الشمالي"


def test_persian_letters_whole_article(lk: Linker) -> None:
    """An article typed on a Persian keyboard: ی ک ە and Persian digits, in names and in the
    words that anchor dates."""
    from datetime import date

    text = ("هدنة فی الغوطە الشرقیە\n"
            "بدأت الیوم الثلاثاء هدنة یومیة فی الغوطە الشرقیە، بعد قرار صدر یوم ۲۴ شباط ۲۰۱۸، "
            "ثم وصلت قافلة فی الثامن عشر من کانون الثانی. وقال سکان إن القصف توقف.\n")
    art = article_from_text(text, "fa")
    art.catalog = CatalogRow("fa", "", "", "", date(2018, 2, 27), "", None, "", None)
    r = lk.link(art)
    assert _zones(r, "strong") == ["eastern-ghouta"]
    assert [m.text for m in r.zones[0].mentions] == ["الغوطە الشرقیە"] * 2
    assert [(d.text, d.date) for d in r.dates] == [
        ("الیوم الثلاثاء", "2018-02-27"), ("۲۴ شباط ۲۰۱۸", "2018-02-24"),
        ("الثامن عشر من کانون الثانی", "2018-01-18")]
    assert all(text[s.start:s.end] == s.text for s in [*r.dates, *r.zones[0].mentions])


def test_every_cue_code_is_worded_in_both_languages() -> None:
    from geo.disambiguation import CUE_CODES, cue_label

    for code in CUE_CODES:
        en, ar = cue_label(f"{code}:كلمة", "en"), cue_label(f"{code}:كلمة", "ar")
        assert en != f"{code}:كلمة" and ar != en and "{" not in en + ar, code
    assert cue_label("", "en") == ""
# --------------------------------------------------------------------------- fast paths
# Each shortcut in Linker.link against the plain computation it replaced.


def _plain_zone_links(lk: Linker, art) -> tuple[list[object], list[object]]:
    """Zones and places as link() computed them per hit before the per-spelling plans: from
    the payload sets, with to_original, Article.in_body and the regex sentence ends."""
    import bisect

    from geo.arabic import normalise_with_map, to_original

    text = art.text
    norm, imap = normalise_with_map(text.replace("\n", "\x00"))
    hits = []
    for end_idx, key in _iter_keys(lk, norm):
        i, j = end_idx + 1 - len(key), end_idx + 1
        payloads = lk._patterns.get(key)
        if not payloads or (i > 0 and norm[i - 1].isalnum()) or (j < len(norm)
                                                                  and norm[j].isalnum()):
            continue
        payloads = tuple(payloads)
        if payloads[0][0] != "general":
            hits.append((i, j, payloads))
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    kept, last_end = [], -1
    for h in hits:
        if h[0] >= last_end:
            kept.append(h)
            last_end = h[1]
    bounds = [m.end() for m in linker_mod._SENTENCE_END.finditer(text)]
    places, zones = [], {}
    for i, j, payloads in kept:
        start, end = to_original(imap, i, j, text)
        if not art.in_body(start, end):
            continue
        k = bisect.bisect_right(bounds, start)
        s_start = bounds[k - 1] if k > 0 else 0
        s_end = bounds[k] if k < len(bounds) else len(text)
        matched = text[start:end]
        zone_payloads = [p for p in payloads if p[0] == "zone"]
        for p in payloads:
            if p[0] == "place" and (pl := lk.places.get(p[1])) is not None:
                places.append(linker_mod.PlaceMention(start, end, matched, pl.geonameid,
                                                      pl.name_en, pl.name_ar, pl.lat, pl.lon,
                                                      pl.zone_id))
        for _, zid, kind, strength, ctx in zone_payloads:
            if ctx and not linker_mod._has_context(norm, imap, s_start, s_end):
                strength = "weak"
            zones.setdefault(zid, []).append(
                linker_mod.Mention(start, end, matched, kind, strength, s_start, s_end))
        if zone_payloads:
            continue
        if (any(p[0] == "place" for p in payloads)
                and linker_mod._stem(norm[i:j]) == linker_mod.HOMS):
            if linker_mod._province_cue_before(norm, i):
                zones.setdefault("northern-homs", []).append(
                    linker_mod.Mention(start, end, matched, "region", "weak", s_start, s_end))
            continue
        for p in payloads:
            if p[0] == "place":
                pl = lk.places.get(p[1])
                if pl is not None and pl.zone_id is not None:
                    zones.setdefault(pl.zone_id, []).append(
                        linker_mod.Mention(start, end, matched, "place", "medium", s_start,
                                           s_end))
                    break
    from geo import ZONE_IDS

    return [linker_mod.ZoneLink(z, zones[z]) for z in ZONE_IDS if z in zones], places


def _iter_keys(lk: Linker, norm: str):
    """(end index, matched spelling) of every automaton hit."""
    for end_idx, value in lk._automaton.iter(norm):
        yield end_idx, norm[end_idx + 1 - value[0]:end_idx + 1]


def _generated_texts(n: int) -> list[str]:
    import importlib.util
    import sys

    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("gen_corpus", root / "benchmarks" /
                                                  "gen_corpus.py")
    assert spec and spec.loader
    module = sys.modules.get("gen_corpus") or importlib.util.module_from_spec(spec)
    if "gen_corpus" not in sys.modules:
        sys.modules["gen_corpus"] = module
        spec.loader.exec_module(module)
    return [a.text for a in module.generate(n, seed=5)]


def test_zone_links_equal_the_plain_per_hit_computation(lk: Linker, monkeypatch) -> None:
    # The per-hit loop against its plain form, before the context decisions (issue 12) that
    # both feed: those are tested on their own above.
    monkeypatch.setattr(linker_mod, "review_mentions", lambda zones, *a: (zones, []))
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEED.values())]
    texts += _mixed_texts() + _generated_texts(150)
    texts += ["عنوان\nقصف على حمص ومدينة حمص ومحافظة حمص ووحمص. محافظات حماة وحمص واللاذقية، "
              "وفي جنوب سوريا منطقة خفض التصعيد؛ #ريف_حمص_الشمالي والرستن وتلبيسة.\n"
              "اقرأ أيضا:\nحلب وإدلب"]
    n_places = 0
    for k, text in enumerate(texts):
        art = article_from_text(text, f"g{k}")
        got = lk.link(art, with_extractors=False)
        zones, places = _plain_zone_links(lk, art)
        assert got.zones == zones, k
        assert got.places == places, k
        n_places += len(places)
    assert n_places > 1000  # the generated articles name many places


def test_sentence_bounds_equal_the_regex() -> None:
    import random

    rng = random.Random(11)
    parts = [".", "!", "?", "؟", "\n", "ادلب", " ", "،", "\u06d4", "x", "3.5", "\r", "…"]
    texts = ["".join(rng.choice(parts) for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    texts += [p.read_text(encoding="utf-8") for p in SEED.values()]
    for text in texts:
        want = [m.end() for m in linker_mod._SENTENCE_END.finditer(text)]
        assert linker_mod._sentence_bounds(text) == want, text


def test_bare_homs_check_only_for_spellings_ending_in_homs(lk: Linker) -> None:
    # The plans test _stem(key) == HOMS only for keys ending in HOMS.
    stems = [k for k in lk._patterns if linker_mod._stem(k) == linker_mod.HOMS]
    assert stems and all(k.endswith(linker_mod.HOMS) for k in stems)
    assert "وحمص" in stems


def test_fast_mention_constructors_equal_the_dataclass_constructors(lk: Linker) -> None:
    from dataclasses import fields

    pl = next(p for p in lk.places.values() if p.zone_id)
    a = linker_mod._place_mention(3, 9, "وإدلب", pl)
    b = linker_mod.PlaceMention(3, 9, "وإدلب", pl.geonameid, pl.name_en, pl.name_ar, pl.lat,
                                pl.lon, pl.zone_id)
    c = linker_mod._mention(3, 9, "وإدلب", "place", "medium", 0, 20)
    d = linker_mod.Mention(3, 9, "وإدلب", "place", "medium", 0, 20)
    for fast, plain in ((a, b), (c, d)):
        assert type(fast) is type(plain)
        assert fast == plain and hash(fast) == hash(plain) and repr(fast) == repr(plain)
        assert vars(fast) == vars(plain) and fast.to_json() == plain.to_json()
        assert [f.name for f in fields(plain)] == list(vars(fast))
        # to_json copies the instance dict: every field, in field order (key order shows in
        # the stored JSON)
        assert list(fast.to_json()) == list(plain.to_json()) == [
            f.name for f in fields(plain) if f.name != "cue"]
        assert not hasattr(type(plain), "__post_init__")
        with pytest.raises(AttributeError):  # still frozen
            fast.start = 0  # type: ignore[misc]


def test_links_do_not_depend_on_the_hash_seed(lk: Linker) -> None:
    """Spellings shared by several gazetteer towns (or a town and a zone) are linked the same
    in every process: the first place decides the zone, so the order of a spelling's payloads
    must not follow the hash seed (the index's Dask workers are other processes)."""
    import subprocess
    import sys

    shared = sorted(k for k, v in lk._patterns.items()
                    if sum(1 for p in v if p[0] == "place") > 1 and " " not in k)
    assert len(shared) > 20
    text = "عنوان\n" + " ".join(f"قصفت الطائرات {k}." for k in shared) + "\n"
    code = ("import sys, json; from geo.corpus import article_from_text; "
            "from geo.linker import default_linker; "
            "print(json.dumps(default_linker().link(article_from_text(sys.stdin.read(), 'x'))"
            ".to_json(), ensure_ascii=False, sort_keys=True))")
    outs = {subprocess.run([sys.executable, "-c", code], input=text, capture_output=True,
                           text=True, check=True, cwd=Path(__file__).resolve().parent.parent,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout
            for seed in ("1", "2", "3", "4")}
    assert len(outs) == 1


def test_to_json_from_the_instance_dict_equals_the_fields() -> None:
    # Span/Mention/PlaceMention.to_json copy the instance dict; the optional "kind"/"cue" only
    # when set, last, as the spelled-out dicts had them.
    from dataclasses import fields

    span = linker_mod.Span(1, 4, "abc")
    assert list(span.to_json().items()) == [("start", 1), ("end", 4), ("text", "abc")]
    assert list(linker_mod.Span(1, 4, "abc", "k").to_json().items())[-1] == ("kind", "k")
    m = linker_mod.Mention(3, 9, "وإدلب", "place", "medium", 0, 20, cue="distance:كم")
    assert list(m.to_json()) == [f.name for f in fields(m)]
    assert m.to_json()["cue"] == "distance:كم"
    for obj in (span, m):  # a copy: changing it leaves the mention alone
        obj.to_json()["start"] = -1
        assert obj.start != -1


def test_article_reading_shortcuts_equal_the_plain_forms() -> None:
    # geo.corpus: the title line found with str.find (not by splitting the whole text), and
    # the header/caption patterns skipped on an empty head (neither can match one).
    import random

    from geo import corpus

    assert corpus._RELATED_RE.match("") is None and corpus._STUDIO_RE.match("") is None
    rng = random.Random(3)
    parts = ["\n", " ", "\t", "\u00a0", "عنوان", "x", "\n\n", "  \n"]
    for _ in range(3000):
        text = "".join(rng.choice(parts) for _ in range(rng.randint(1, 12)))
        if not text.strip():
            continue
        want = next(line for line in text.split("\n") if line.strip())
        assert corpus._first_nonblank_line(text) == want, repr(text)


def test_a_longer_place_outside_every_zone_keeps_the_zone_name_it_starts_with(lk: Linker
                                                                             ) -> None:
    # "درعا البلد" is a gazetteer variant of Daraa city, whose point lies just outside the
    # south's line: the longer name wins the overlap, but it still names درعا (blind set b04).
    text = ("اشتباكات في درعا\n\nتجددت الاشتباكات صباح الثلاثاء في أحياء درعا البلد بين فصائل "
            "المعارضة وقوات النظام، وفق ناشطين.\n")
    links = lk.link(article_from_text(text, "t-daraa-balad"))
    south = [m for z in links.zones if z.id == "south" for m in z.mentions]
    assert [m.text for m in south if m.start > 20] == ["درعا"]
    assert south[-1].kind == "zone-name" and south[-1].strength == "medium"
    assert [p.text for p in links.places if p.start > 20] == ["درعا البلد"]
    # A longer name that has a zone of its own still takes the whole overlap, once.
    homs = lk.link(article_from_text("قصف\n\nقصف مدفعي على ريف حمص الشمالي اليوم.\n", "t-homs"))
    assert [m.text for z in homs.zones for m in z.mentions] == ["ريف حمص الشمالي"]
