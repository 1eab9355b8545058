"""geo.arabic: matching normalisation, offset maps, proclitics and word boundaries."""

from __future__ import annotations

import random
import sys
from itertools import pairwise

import pytest

from geo import arabic
from geo.arabic import (
    PROCLITICS,
    at_token_end,
    at_token_start,
    normalise,
    normalise_with_map,
    proclitic_forms,
    strip_proclitics,
    to_original,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("إدلب", "ادلب"),
        ("أستانا", "استانا"),
        ("آخر", "اخر"),
        ("ٱلله", "الله"),
        ("الغوطة الشرقية", "الغوطه الشرقيه"),
        ("مستشفى", "مستشفي"),
        ("مؤتمر", "موتمر"),
        ("رئيس", "رييس"),
        ("كازاخستانـــ", "كازاخستان"),
        ("مُذَكِّرَةٌ", "مذكره"),
        ("هٰذا", "هذا"),
        ("کرمانشاه ایران", "كرمانشاه ايران"),
        ("٤ أيار ٢٠١٧", "4 ايار 2017"),
        ("۱۴ سپتامبر", "14 سپتامبر"),
        ("Astana IV", "astana iv"),
        ("ريف\u00a0حمص\n\tالشمالي", "ريف حمص الشمالي"),
        ("خفض\u200cالتوتر", "خفضالتوتر"),
        ("\ufeffإدلب", "ادلب"),
        ("ﻹدلب", "لادلب"),  # presentation-form lam-alef with hamza below → ل + ا
    ],
)
def test_normalise_rules(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


def test_normalise_is_idempotent_and_keeps_hashtag_text() -> None:
    t = "#مناطق_خفض_التوتر و #وقف_إطلاق_النار"
    assert normalise(normalise(t)) == normalise(t)
    assert "#مناطق_خفض_التوتر" in normalise(t)


def test_decomposed_hamza_below_matches_composed() -> None:
    decomposed = "ا\u0655دلب"  # alef + combining hamza below
    assert normalise(decomposed) == normalise("إدلب")


def _check_map(text: str) -> None:
    norm, m = normalise_with_map(text)
    assert norm == normalise(text)
    assert len(m) == len(norm)
    assert m == sorted(m), "offsets never go backwards"
    for k, orig_index in enumerate(m):
        # Each normalised char comes from the original char it claims to.
        assert normalise(text[orig_index]).strip() != "" or norm[k] == " "


def test_map_on_seed_like_text() -> None:
    t = "وأكّد  قاسمـي\r\nفي #مناطق_خفض_التوتر، ٢٠١٧ ـ ß"
    _check_map(t)


def test_map_random_strings() -> None:
    rng = random.Random(1234)
    alphabet = [*"ادلبإأآةىؤئ ـ\u064e\u0651\u0670\u200c\n\t ٤۴ßİAbﻹ_#", "  "]
    for _ in range(300):
        t = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        _check_map(t)
        norm, m = normalise_with_map(t)
        # Any span maps back to a slice that normalises to the same text (modulo the edge
        # spaces that collapsing can merge).
        for _ in range(5):
            if not norm:
                break
            # Spans from a matcher start and end on whole original characters (never inside
            # the "ss" that "ß" expands to), so draw only such spans.
            cuts = [k for k in range(len(norm) + 1)
                    if k in (0, len(norm)) or m[k] != m[k - 1]]
            i = rng.choice(cuts)
            j = rng.choice([c for c in cuts if c >= i])
            s, e = to_original(m, i, j, t)
            assert 0 <= s <= e <= len(t)
            assert normalise(t[s:e]).strip() == norm[i:j].strip()


def test_to_original_includes_trailing_marks_and_survives_tatweel() -> None:
    t = "في إدلبَ وبالغوطـــة الشرقيّة."
    norm, m = normalise_with_map(t)
    i = norm.index("ادلب")
    s, e = to_original(m, i, i + 4, t)
    assert t[s:e] == "إدلبَ"
    i = norm.index("الغوطه الشرقيه")
    s, e = to_original(m, i, i + len("الغوطه الشرقيه"), t)
    assert t[s:e] == "الغوطـــة الشرقيّة"


def test_to_original_rejects_bad_span() -> None:
    _, m = normalise_with_map("abc")
    with pytest.raises(ValueError):
        to_original(m, 2, 5, "abc")
    assert to_original(m, 3, 3, "abc") == (3, 3)


def test_proclitic_forms_of_plain_name() -> None:
    forms = proclitic_forms("إدلب")
    for f in ("ادلب", "وادلب", "بادلب", "لادلب", "فادلب", "وبادلب", "ولادلب", "كادلب"):
        assert f in forms
    assert "الادلب" not in forms, "proper names without the article are not given one"


def test_proclitic_forms_of_name_with_article() -> None:
    forms = proclitic_forms("الغوطة الشرقية")
    for f in ("الغوطه الشرقيه", "والغوطه الشرقيه", "بالغوطه الشرقيه", "للغوطه الشرقيه",
              "وللغوطه الشرقيه", "فالغوطه الشرقيه", "كالغوطه الشرقيه", "وبالغوطه الشرقيه"):
        assert f in forms
    assert "لالغوطه الشرقيه" not in forms, "ل + ال is written لل"
    assert "وريف حمص الشمالي" in proclitic_forms("ريف حمص الشمالي")


def test_proclitics_table() -> None:
    for p in ("و", "ف", "ب", "ل", "ك", "ال", "وال", "بال", "لل", "فال", "وب", "ول", "كال", "ولل"):
        assert p in PROCLITICS
    assert list(PROCLITICS) == sorted(PROCLITICS, key=lambda s: (-len(s), s))


def test_strip_proclitics() -> None:
    assert "ادلب" in strip_proclitics("وادلب")
    assert "الغوطه" in strip_proclitics("للغوطه")
    assert "الغوطه" in strip_proclitics("بالغوطه")
    assert strip_proclitics("وادي")[0] == "وادي", "the token itself is always the first candidate"
    assert strip_proclitics("و") == ["و"]


def test_word_boundaries() -> None:
    norm = normalise("#مناطق_خفض_التوتر في ادلبيه وادلب")
    i = norm.index("مناطق")
    assert at_token_start(norm, i)
    j = norm.index("التوتر") + len("التوتر")
    assert at_token_end(norm, j)
    k = norm.index("ادلبيه")
    assert at_token_start(norm, k) and not at_token_end(norm, k + 4), "no silent suffixes"
    w = norm.index("وادلب")
    assert not at_token_start(norm, w + 1), "a bare name inside a word is not a token start"


def test_no_casefold_expansion_outside_bmp_breaks_the_map() -> None:
    # The translate table covers the BMP; characters beyond it pass through unchanged, which
    # is only safe if none of them changes length under the rules. Check that assumption.
    for cp in range(0x10000, sys.maxunicode + 1, 7):
        ch = chr(cp)
        assert len(ch.casefold()) == 1
    assert arabic.normalise("𐐀") == "𐐀"  # Deseret is not folded: documented BMP-only folding


def test_cached_map_is_correct_for_each_text() -> None:
    texts = [f"إدلب {k} ـ الغوطة" for k in range(10)]
    first = [normalise_with_map(t) for t in texts]
    again = [normalise_with_map(t) for t in reversed(texts)][::-1]
    assert first == again
    assert all(n == normalise(t) for t, (n, _) in zip(texts, first, strict=True))


def _reference_with_map(text: str) -> tuple[str, list[int]]:
    """The rules applied one character at a time with ``str.translate`` (slow, obviously right):
    what the fast normaliser must reproduce exactly."""
    chars: list[str] = []
    index: list[int] = []
    for k, ch in enumerate(text):
        for out in ch.translate(arabic._TABLE):
            if out == " " and chars and chars[-1] == " ":
                continue  # a run of spaces keeps its first character's index
            chars.append(out)
            index.append(k)
    return "".join(chars), index


def test_fast_normalisation_equals_per_character_translate() -> None:
    rng = random.Random(2024)
    table_chars = [chr(cp) for cp in arabic._TABLE]
    plain = [*"ادلبحمصغوطهالشرقيه 0123456789abc.,،\x00_#", "\U00010400", "\U0001d400"]
    for n in range(600):
        size = rng.randint(0, 60 if n % 10 else 6000)  # some long enough to grow the pool
        t = "".join(rng.choice(table_chars) if rng.random() < 0.3 else rng.choice(plain)
                    for _ in range(size))
        norm, m = _reference_with_map(t)
        assert normalise(t) == norm
        assert arabic._normalise_with_map(t)[:2] == (norm, m)


def test_map_beyond_the_shared_offset_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(arabic, "_RUNNING", list(range(10)))
    monkeypatch.setattr(arabic, "_RUNNING_CAP", 50)
    for t in ("إدلب" * 5, "إدلبَ  ـ" * 9, "ادلب" * 30):
        assert arabic._normalise_with_map(t)[:2] == _reference_with_map(t)


def test_table_built_from_candidates_equals_rules_on_every_bmp_character() -> None:
    import unicodedata

    full: dict[int, str | None] = {}
    for cp in range(0x10000):  # the rules on every character, as the table once was built
        ch = chr(cp)
        nf = unicodedata.normalize("NFKC", ch) if arabic._is_presentation_form(cp) else ch
        out = "".join(arabic._simple(c) for c in nf) if nf != ch else arabic._simple(ch)
        if out != ch:
            full[cp] = out or None
    assert list(arabic._TABLE.items()) == list(full.items())
    every = "".join(map(chr, range(0x10000)))
    assert arabic._CHANGED_RE.findall(every) == [chr(cp) for cp in full]
    assert arabic._UNEVEN_SET == {chr(cp) for cp, v in full.items() if v is None or len(v) != 1}


def test_offset_pool_is_replaced_whole_when_it_grows(monkeypatch: pytest.MonkeyPatch) -> None:
    # Threads may map texts at once: the pool is never extended in place, so a slice always
    # holds the right offsets even while another thread grows it.
    monkeypatch.setattr(arabic, "_RUNNING", list(range(8)))
    before = arabic._RUNNING
    assert arabic._running(3, 20) == list(range(3, 20))
    assert before == list(range(8)) and arabic._RUNNING is not before
    assert arabic._RUNNING == list(range(len(arabic._RUNNING)))


def test_map_edits_leave_the_shared_offset_pool_alone() -> None:
    # The map of a text with removed and expanded characters is the running offsets edited in
    # place: on a copy, never on the pool that every map is sliced from.
    for t in ("إدلبَ  ـ\u200cﻹ" * 40, "ﻻ" * 3000, "ـ" * 10):
        assert arabic._normalise_with_map(t)[:2] == _reference_with_map(t)
        assert arabic._RUNNING == list(range(len(arabic._RUNNING)))


def test_pieces_normalised_from_the_cached_map_equal_each_piece_normalised() -> None:
    # geo.records normalises an article's body pieces from the map the linker has just made
    # (same cache key), instead of normalising the text again: the pieces must be exactly
    # normalise(piece), spaces, line breaks, removed and expanded characters included.
    rng = random.Random(7)
    table_chars = [chr(cp) for cp in arabic._TABLE]
    plain = [*"ادلبحمصغوطهالشرقيه 0123456789abc.,،_#", "\n", "\n\n", "  ", "\t"]
    for n in range(400):
        size = rng.randint(0, 300)
        t = "".join(rng.choice(table_chars) if rng.random() < 0.3 else rng.choice(plain)
                    for _ in range(size))
        if n % 7 == 0:
            t += "\x00"  # the line mark itself in a text: the slow path, same result
        cuts = sorted({0, len(t), *(rng.randint(0, len(t)) for _ in range(rng.randint(0, 6)))})
        expected = [normalise(t[a:b]) for a, b in pairwise(cuts)]
        if n % 2:
            arabic.normalise_with_map(t.replace("\n", arabic.LINE_MARK))  # as the linker does
        assert arabic.normalise_pieces(t, cuts) == expected, (t, cuts)
