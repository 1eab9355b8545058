"""The monitor-force extractor on seed sentences and on made-up ones."""

from __future__ import annotations

import json

from geo.forces import ForceCandidate, extract_force_candidates
from tests.conftest import ROOT

SEEDS = ROOT / "seeds"


def _seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def _check_spans(text: str, found: list[ForceCandidate]) -> None:
    for c in found:
        assert text[c.start:c.end] == c.text
        if c.condition:
            assert text[c.condition.start:c.condition.end] == c.condition.text


def _containing(text: str, needle: str) -> ForceCandidate:
    found = extract_force_candidates(text)
    _check_spans(text, found)
    hits = [c for c in found if needle in c.text]
    assert len(hits) == 1, [c.text for c in found]
    return hits[0]


def test_seed_000_iran_offers_forces() -> None:
    c = _containing(_seed("000"), "جاهزة لإرسال قوات")
    assert (c.actor, c.force_type, c.zones, c.stance) == ("iran", "troops", ("all",), "offered")


def test_seed_000_condition_clause() -> None:
    c = _containing(_seed("000"), "إرسال هذه القوات")
    assert c.condition is not None
    assert c.condition.text == "لو اتخذت الأرضيات اللازمة"
    assert c.actor == "guarantors"


def test_seed_001_shamkhani_military_personnel() -> None:
    c = _containing(_seed("001"), "استعداد طهران إرسال عسكريين")
    assert (c.actor, c.force_type, c.stance) == ("iran", "troops", "offered")


def test_seed_002_patrushev_monitors() -> None:
    c = _containing(_seed("002"), "مراقبين لوقف اطلاق النار")
    assert (c.actor, c.force_type, c.stance) == ("russia", "observers", "proposed")


def test_seed_003_nazarbayev_peacekeepers_on_condition() -> None:
    c = _containing(_seed("003"), "قوات سلام")
    assert (c.actor, c.force_type, c.stance) == ("kazakhstan", "peacekeepers", "offered")
    assert c.condition is not None and c.condition.text == "إذا وافق مجلس الأمن على ذلك"


def test_seed_003_russian_military_police_in_idlib() -> None:
    c = _containing(_seed("003"), "الشرطة العسكرية الروسية")
    assert (c.actor, c.force_type, c.zones, c.stance) == (
        "russia", "military-police", ("idlib",), "proposed")


def test_seed_003_ankara_and_tehran_want_the_role() -> None:
    c = _containing(_seed("003"), "أنقرة وطهران")
    assert c.zones == ("idlib",) and c.stance == "proposed"
    assert {"turkey", "iran"} <= set(c.actors)
    assert "إذ تسعى" in c.text and c.condition is None  # "إذ" (since) is not "إذا" (if)


def test_seed_004_memorandum_units() -> None:
    c = _containing(_seed("004"), "وحدات عسكرية")
    assert (c.actor, c.force_type, c.stance) == ("guarantors", "troops", "agreed")


def test_denial() -> None:
    text = "نفت كازاخستان اليوم إجراء أي مباحثات حول إرسال قوات إلى سوريا."
    (c,) = extract_force_candidates(text)
    assert (c.actor, c.stance, c.force_type) == ("kazakhstan", "denied", "troops")


def test_made_up_condition_and_zone_spelling() -> None:
    text = ("قال مسؤول إن أنقرة مستعدة لنشر نقاط مراقبة في ريف إدلب الجنوبي في حال موافقة "
            "موسكو، وأضاف أن العمل سيبدأ قريبا.")
    (c,) = extract_force_candidates(text)
    assert (c.actor, c.force_type, c.zones, c.stance) == (
        "turkey", "observation-posts", ("idlib",), "offered")
    assert c.condition is not None and c.condition.text == "في حال موافقة موسكو"
    _check_spans(text, [c])


def test_made_up_deployment_in_two_zones_with_diacritics() -> None:
    text = "نشرت روسيا الشرطةَ العسكرية في الغوطة الشرقية ودرعا."
    (c,) = extract_force_candidates(text)
    assert (c.actor, c.stance) == ("russia", "deployed")
    assert c.zones == ("eastern-ghouta", "south")


def test_sentences_without_forces_are_ignored() -> None:
    assert extract_force_candidates("بحث الجانبان آخر تطورات مفاوضات أستانا.") == []
    # Fighting forces without any sending/monitoring word are not a monitor-force candidate.
    assert extract_force_candidates("قصفت القوات مواقع في المدينة.") == []


def test_to_json_is_serialisable() -> None:
    text = _seed("003")
    data = [c.to_json() for c in extract_force_candidates(text)]
    json.dumps(data, ensure_ascii=False)
    assert all(text[d["start"]:d["end"]] == d["text"] for d in data)


# --------------------------------------------------------------------------- golden outputs
# Pinned before the extractor was optimised for speed (one scan per article instead of one per
# sentence): a faster extractor must give exactly these results. Each candidate is
# (start, end, actor, actors, force_type, zones, stance, condition, cues), condition being
# (start, end, text) or None; ``text`` is checked as original[start:end].

FORCE_SENTENCES = [
    "نفت كازاخستان اليوم إجراء أي مباحثات حول إرسال قوات إلى سوريا.",
    "قال مسؤول إن أنقرة مستعدة لنشر نقاط مراقبة في ريف إدلب الجنوبي في حال موافقة "
    "موسكو، وأضاف أن العمل سيبدأ قريبا.",
    "نشرت روسيا الشرطةَ العسكرية في الغوطة الشرقية ودرعا.",
    "بحث الجانبان آخر تطورات مفاوضات أستانا.",
    "قصفت القوات مواقع في المدينة.",
    # hashtags, glued sentences, line breaks, tatweel and marks, a bare guarantor + action
    "#قوات_السلام في #إدلب. نشرت_القوات الروسية.,وستراقبها الدول الضامنة",
    "وقواتٌ روسيّة ستُرسَل لمـراقبة الهدنة في الغوطة\nإذا وافقت دمشق، لو كان ذلك ممكنا",
    "الدول الضامنة ستراقبها.\nالقوات! نشرت؟ مراقبين 2.5 كم شرط الانسحاب",
]
GOLDEN_SEEDS = {
    "000": [
        (0, 49, "iran", ("iran",), "troops", ("all",), "offered", None,
         ("جاهزون", "لإرسال", "قوات", "لمراقبة")),
        (52, 439, "iran", ("iran", "turkey", "russia"), "troops", ("all",), "offered", None,
         ("جاهزة", "لإرسال", "قوات", "لمراقبة", "القوات")),
        (715, 871, "guarantors", ("guarantors",), "troops", ("all",), "proposed",
         (723, 748, "لو اتخذت الأرضيات اللازمة"),
         ("ينبغي", "قوات", "المراقبة", "إرسال", "القوات")),
        (1900, 2223, None, (), "observation-posts",
         ("idlib", "northern-homs", "eastern-ghouta", "south"), "agreed", None,
         ("اتفاق", "الحواجز", "ومراكز المراقبة", "المراقبة")),
    ],
    "001": [
        (0, 62, None, (), "troops", ("all",), "offered", None, ("مستعدون", "لإرسال", "عسكريين")),
        (84, 212, "iran", ("iran",), "troops", ("all",), "offered", None,
         ("استعداد", "إرسال", "عسكريين")),
        (214, 491, "iran", ("iran", "russia"), "troops", ("all",), "offered", None,
         ("مستعدة", "ارسال", "عسكريين")),
        (493, 661, "russia", ("russia",), "observers", ("all",), None, None, ("سترسل", "مراقبين")),
    ],
    "002": [
        (1310, 1630, "russia", ("russia",), "observers", ("all",), "proposed", None,
         ("ضرورة", "مراقبين", "والاشراف")),
    ],
    "003": [
        (57, 255, "kazakhstan", ("kazakhstan", "guarantors", "russia", "turkey", "iran"),
         "peacekeepers", ("all",), "offered", (227, 254, "إذا وافق مجلس الأمن على ذلك"),
         ("مستعدة", "لإرسال", "قوات سلام")),
        (257, 509, "guarantors", ("jordan", "guarantors", "russia", "turkey", "iran"),
         "unspecified", ("idlib", "northern-homs", "eastern-ghouta", "south"), "agreed", None,
         ("الاتفاق", "ستراقبها")),
        (953, 1252, "russia", ("russia",), "military-police", ("idlib",), "proposed", None,
         ("تأمل", "عسكريون", "نشر", "الشرطة العسكرية", "لمراقبة")),
        (1650, 1850, "turkey", ("turkey", "iran"), "troops", ("idlib",), "proposed", None,
         ("القوة", "سترسل", "لمراقبة", "تسعى")),
    ],
    "004": [
        (1644, 1869, "guarantors", ("russia", "guarantors"), "troops", ("all",), "agreed", None,
         ("ونصت", "إرسال", "وحدات عسكرية", "الإشراف")),
    ],
}
GOLDEN_SENTENCES = [
    [
        (0, 62, "kazakhstan", ("kazakhstan",), "troops", ("all",), "denied", None,
         ("نفت", "إرسال", "قوات")),
    ],
    [
        (0, 111, "turkey", ("turkey", "russia"), "observation-posts", ("idlib",), "offered",
         (63, 82, "في حال موافقة موسكو"), ("مستعدة", "لنشر", "نقاط مراقبة", "مراقبة")),
    ],
    [
        (0, 52, "russia", ("russia",), "military-police", ("eastern-ghouta", "south"), "deployed",
         None, ("نشرت", "الشرطةَ العسكرية")),
    ],
    [],
    [],
    [
        (23, 43, "russia", ("russia",), "troops", ("all",), "deployed", None, ("نشرت", "القوات")),
        (44, 67, "guarantors", ("guarantors",), "unspecified", ("all",), None, None,
         ("وستراقبها",)),
    ],
    [
        (0, 47, "russia", ("russia",), "troops", ("eastern-ghouta",), None, None,
         ("وقواتٌ", "ستُرسَل", "لمـراقبة")),
    ],
    [
        (0, 23, "guarantors", ("guarantors",), "unspecified", ("all",), None, None, ("ستراقبها",)),
        (38, 65, None, (), "observers", ("all",), None, (53, 65, "شرط الانسحاب"), ("مراقبين",)),
    ],
]


def _pinned(c: ForceCandidate) -> tuple[object, ...]:
    cond = (c.condition.start, c.condition.end, c.condition.text) if c.condition else None
    return (c.start, c.end, c.actor, c.actors, c.force_type, c.zones, c.stance, cond, c.cues)


def test_golden_seeds() -> None:
    assert sorted(GOLDEN_SEEDS) == sorted(p.name[:3] for p in SEEDS.glob("*.txt"))
    for prefix, want in GOLDEN_SEEDS.items():
        text = _seed(prefix)
        found = extract_force_candidates(text)
        _check_spans(text, found)
        assert [_pinned(c) for c in found] == want, prefix


def test_golden_sentences() -> None:
    assert len(GOLDEN_SENTENCES) == len(FORCE_SENTENCES)
    for text, want in zip(FORCE_SENTENCES, GOLDEN_SENTENCES, strict=True):
        found = extract_force_candidates(text)
        _check_spans(text, found)
        assert [_pinned(c) for c in found] == want, text


def test_sentence_end_pattern_and_hit_driven_sentences() -> None:
    """The reordered sentence-end regex matches what the plain one did, and looking only at the
    sentences that hold hits gives the same spans as trimming every sentence."""
    import random
    import re
    from bisect import bisect_right

    from geo import forces as F

    plain = re.compile(r"(?<!\d)[.!?؟](?!\d)|\n")
    rng = random.Random(3)
    parts = [".", "!", "?", "؟", "\n", "1", "22", " ", "،", ",", "قوات", "x", "3.5", "\t"]
    for _ in range(3000):
        text = "".join(rng.choice(parts) for _ in range(rng.randint(0, 25)))
        assert ([m.span() for m in F._SENTENCE_END.finditer(text)]
                == [m.span() for m in plain.finditer(text)]), text
        spans = F._sentences(text)
        starts, _ = F._sentence_cuts(text)
        for k, ch in enumerate(text):
            if ch.isalnum():  # where hits start: the hit-driven lookup finds its sentence
                found = F._trim(text, starts[bisect_right(starts, k) - 1],
                                F._sentence_cuts(text)[1][bisect_right(starts, k) - 1])
                assert found in spans and found[0] <= k < found[1], (text, k)


def test_condition_word_matches_the_look_behind_regex() -> None:
    import random

    from geo import forces as F

    rng = random.Random(8)
    toks = ["اذا", "في حال", "في حاله", "لو", "شرط", "بشرط", "شريطه", "و", "ا", " ", " ", "_",
            "ح", "ال", "،", "x", "9"]
    for _ in range(4000):
        norm = "".join(rng.choice(toks) for _ in range(rng.randint(0, 14)))
        i = rng.randint(0, len(norm))
        j = rng.randint(i, len(norm))
        want, got = F._CONDITION_RX.search(norm, i, j), F._condition_word(norm, i, j)
        assert (want and want.span()) == (got and got.span()), (norm, i, j)


def test_sentence_cuts_by_find_equal_the_regex() -> None:
    """_sentence_cuts finds the matches of _SENTENCE_END with str.find: the same cuts, digits
    of any script included (the regex's \\d is any decimal digit)."""
    import random

    from geo import forces as F

    def plain(text: str) -> tuple[list[int], list[int]]:
        starts, ends = [0], []
        for m in F._SENTENCE_END.finditer(text):
            ends.append(m.end() if m.group() != "\n" else m.start())
            starts.append(m.end())
        ends.append(len(text))
        return starts, ends

    rng = random.Random(12)
    parts = [".", "!", "?", "؟", "\n", "1", "٣", "۴", "\u0967", "²", "½", " ", "قوات", "x", "\r"]
    for _ in range(5000):
        text = "".join(rng.choice(parts) for _ in range(rng.randint(0, 25)))
        assert F._sentence_cuts(text) == plain(text), text
    for p in sorted(F.SEEDS_DIR.glob("*.txt")):
        text = p.read_text(encoding="utf-8")
        assert F._sentence_cuts(text) == plain(text)


def test_condition_span_by_find_equals_the_regex() -> None:
    import random

    from geo import forces as F

    rng = random.Random(9)
    toks = ["اذا", "في حال", "في حاله", "لو", "شرط", "بشرط", "شريطه", "و", "ا", " ", " ", "_",
            "ح", "ال", "،", "x", "9", "ه", "ط"]
    for _ in range(20000):
        norm = "".join(rng.choice(toks) for _ in range(rng.randint(0, 14)))
        i = rng.randint(0, len(norm))
        j = rng.randint(i, len(norm))
        want = F._CONDITION_RX.search(norm, i, j)
        assert (want and want.span()) == F._condition_span(norm, i, j), (norm, i, j)


def test_sentences_looked_up_at_positions_equal_the_full_cuts() -> None:
    import random
    from bisect import bisect_right

    from geo import forces as F

    rng = random.Random(13)
    parts = [".", "!", "?", "؟", "\n", "1", "٣", " ", "قوات", "x", "3.5", "\n\n", ".."]
    for _ in range(4000):
        text = "".join(rng.choice(parts) for _ in range(rng.randint(0, 25)))
        starts, ends = F._sentence_cuts(text)
        positions = sorted(rng.sample(range(len(text)), min(len(text), rng.randint(0, 6))))
        want = [(starts[k], ends[k])
                for k in sorted({bisect_right(starts, q) - 1 for q in positions})]
        assert F._sentences_at(text, positions) == want, (text, positions)


def test_fast_candidate_constructor_equals_the_dataclass_constructor() -> None:
    # candidates_from_hits sets each candidate's instance dict in one go instead of calling
    # the frozen dataclass's __init__: the same objects, fields in field order, still frozen.
    from dataclasses import FrozenInstanceError, fields

    import pytest

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    found = [c for t in texts for c in extract_force_candidates(t)]
    assert len(found) >= 5 and any(c.condition for c in found)
    for fast in found:
        plain = ForceCandidate(**{f.name: getattr(fast, f.name) for f in fields(ForceCandidate)})
        assert fast == plain and hash(fast) == hash(plain) and repr(fast) == repr(plain)
        assert list(vars(fast)) == [f.name for f in fields(ForceCandidate)]
        assert fast.to_json() == plain.to_json()
        with pytest.raises(FrozenInstanceError):
            fast.start = 0  # type: ignore[misc]
