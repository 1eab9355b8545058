"""geo.corpus: decoding, clean-up warnings, body vs furniture, catalog checks."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from geo.corpus import (
    MAX_ARTICLE_BYTES,
    ArticleError,
    check_catalog,
    load_catalog,
    load_corpus,
    read_article,
)
from geo.paths import CATALOG_PATH, SEEDS_DIR

SEED = {p.stem[:3]: p for p in SEEDS_DIR.glob("*.txt")}


def _body(path: Path) -> str:
    return read_article(path).body_text


def test_seeds_load_without_problems_and_catalog_is_clean() -> None:
    corpus = load_corpus()
    assert corpus.problems == []
    assert len(corpus.articles) >= 5
    assert [p for p in check_catalog() if p.severity == "error"] == []
    by_id = corpus.by_id()
    assert by_id[SEED["001"].stem].published == dt.date(2017, 5, 27)
    assert by_id[SEED["004"].stem].catalog.outlet_en == "Baladi News"


def test_catalog_dates_match_the_reference_dating() -> None:
    cat = load_catalog(CATALOG_PATH)
    expected = {"000": ("2017-05-29", 0.6), "001": ("2017-05-27", 0.99),
                "002": ("2017-07-05", 0.9), "003": ("2017-09-14", 0.95),
                "004": ("2017-05-04", 0.97)}
    for prefix, (day, conf) in expected.items():
        row = cat[SEED[prefix].stem]
        assert row.published == dt.date.fromisoformat(day)
        assert row.date_confidence == conf
        assert row.date_method and row.date_evidence
        assert row.added == dt.date(2026, 11, 24)


def test_title_site_names_are_furniture_but_raw_title_is_kept() -> None:
    a = read_article(SEED["004"])
    assert a.title == 'اتفاق في أستانا على إنشاء مناطق "تخفيف التصعيد" في سوريا'
    assert a.title_raw.endswith("It's Over 9000!")
    assert not a.in_body(*_span(a.text, "It's Over 9000!"))
    b = read_article(SEED["003"])
    assert b.title_raw.startswith("أخبار الآن|")
    assert not b.title.startswith("أخبار")
    assert not b.in_body(*_span(b.text, "أخبار الآن"))


def _span(text: str, needle: str) -> tuple[int, int]:
    i = text.index(needle)
    return i, i + len(needle)


def test_related_articles_block_is_furniture() -> None:
    a = read_article(SEED["004"])
    assert "ردع العدوان" not in a.body_text  # 2024 links under a 2017 story
    assert "الاقتراحات من جانب روسيا الاتحادية" in a.body_text  # last real paragraph stays
    c = read_article(SEED["003"])
    assert "واشنطن قلقة" not in c.body_text
    assert "معنا من الريحانية" not in c.body_text  # studio caption
    assert "منطقة تهدئة التوتر في جنوب سوريا" in c.body_text


def test_footer_and_sign_off_are_furniture_but_dateline_stays() -> None:
    a = read_article(SEED["001"])
    body = a.body_text
    assert "© 2025" not in body and "All Rights Reserved" not in body
    assert "Contact" not in body and "نموذج الاتصال" not in body
    assert "سيريانيوز" not in body
    assert "27.05.2017 | 13:29" in body  # the printed date is content the date extractor needs
    assert "زافيدوفا" in body


def test_related_header_mid_article_stops_at_prose(fixtures_dir: Path) -> None:
    a = read_article(fixtures_dir / "articles" / "related_mid.txt")
    assert "عنوان قصير عن حلب" not in a.body_text
    assert "الغوطة الشرقية ما يزال هادئا" in a.body_text


def test_crlf_nul_bom_and_cp1256(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes("عنوان\r\n\r\nنص\x00 عن إدلب\r\n".encode())
    a = read_article(p)
    assert "\r" not in a.text and "\x00" not in a.text
    assert any("CRLF" in w for w in a.warnings) and any("NUL" in w for w in a.warnings)
    p.write_bytes(b"\xef\xbb\xbf" + "عنوان\n\nنص".encode())
    a = read_article(p)
    assert a.encoding == "utf-8-sig" and a.text.startswith("عنوان")
    p.write_bytes("عنوان\n\nنص عن إدلب".encode("cp1256"))
    a = read_article(p)
    assert a.encoding == "cp1256" and "إدلب" in a.text
    assert any("Windows-1256" in w for w in a.warnings)


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"  \n\t ", "empty"), (bytes(range(256)) * 20, "binary"),
     (b"%PDF-1.4 ...", "PDF"), (b"\x80\x81\x82 latin junk \xff", "not UTF-8")],
)
def test_unusable_files_raise_article_error(tmp_path: Path, content: bytes, message: str) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(ArticleError, match=message):
        read_article(p)


def test_missing_directory_and_oversized(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="not found"):
        read_article(tmp_path / "nope.txt")
    with pytest.raises(ArticleError, match="directory"):
        read_article(tmp_path)
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(MAX_ARTICLE_BYTES + 1)
    with pytest.raises(ArticleError, match="too large"):
        read_article(big)


def test_html_is_kept_as_text_with_a_warning(tmp_path: Path) -> None:
    p = tmp_path / "h.txt"
    p.write_text("عنوان <b>\n\n<script>alert(1)</script> نص عن إدلب\n", encoding="utf-8")
    a = read_article(p)
    assert "<script>alert(1)</script>" in a.text
    assert any("HTML" in w for w in a.warnings)


def test_title_only_warns(tmp_path: Path) -> None:
    p = tmp_path / "t.txt"
    p.write_text("\n\nعنوان فقط\n\n", encoding="utf-8")
    a = read_article(p)
    assert a.title == "عنوان فقط"
    assert any("title only" in w for w in a.warnings)
    assert not any("title only" in w for w in read_article(SEED["002"]).warnings)


def test_one_bad_file_does_not_stop_the_corpus(tmp_path: Path) -> None:
    shutil.copy(SEED["000"], tmp_path / SEED["000"].name)
    (tmp_path / "zz_bad.txt").write_bytes(b"")
    corpus = load_corpus(tmp_path)
    assert [a.article_id for a in corpus.articles] == [SEED["000"].stem]
    assert len(corpus.problems) == 1 and "empty" in corpus.problems[0].message


def test_check_catalog_reports_schema_problems(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("عنوان\n\nنص", encoding="utf-8")
    (tmp_path / "orphan.txt").write_text("عنوان\n\nنص", encoding="utf-8")
    cat = tmp_path / "catalog.csv"
    cat.write_text(
        "article_id,outlet_en,outlet_ar,url,published,date_method,date_confidence,"
        "date_evidence,added,colour\n"
        "a,X,س,ftp://x,2017-13-01,printed,1.5,e,2026-11-24,red\n"
        "missing,X,س,,2017-05-04,printed,0.5,e,yesterday,\n"
        "a,X,س,,,,,,2026-11-24,\n", encoding="utf-8")
    msgs = [str(p) for p in check_catalog(cat, tmp_path)]
    joined = "\n".join(msgs)
    for needle in ("unknown column(s) colour", "not an ISO date", "from 0 to 1",
                   "no file missing.txt", "duplicate article_id", "not an http(s) URL",
                   "orphan: article has no catalog row"):
        assert needle in joined, needle


def test_footer_hint_shortcut_cannot_miss_a_match() -> None:
    # find_furniture only runs the case-insensitive _FOOTER_HINT on lines holding one of
    # _FOOTER_HINT_NEEDS. Sound only if, under re.I, those characters match nothing else.
    from geo import corpus

    chars = "".join(sorted(set("".join(corpus._FOOTER_HINT_NEEDS))))
    everything = "".join(map(chr, range(0x110000)))
    found = set(re.findall("[" + re.escape(chars) + "]", everything, re.I))
    assert found == set(chars)
    for alt in corpus._FOOTER_HINT.pattern.replace("\\[", "[").split("|"):
        assert any(n in alt for n in corpus._FOOTER_HINT_NEEDS), alt
    assert set(corpus._FOOTER_HINT_CHARS.findall(everything)) == set(
        n for n in corpus._FOOTER_HINT_NEEDS if len(n) == 1)
    # (_FOOTER_RE is case-sensitive and runs on normalised lines.)
    for alt in ["©", "(c", "all rights reserved", "جميع الحقوق محفوظه", "@", "[email", "contact"]:
        assert corpus._FOOTER_RE.pattern.count(alt.replace("(", "\\(").replace("[", "\\["))
    assert len(corpus._FOOTER_RE.pattern.split("|")) == 7


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("\u200cاقرأ أيضا:", "related"),  # invisible character before the header
        ("\u064eاقرأ أيضا:", "related"),  # a stray mark before it
        ("   \tمعنا من الريحانية الزميل", "studio"),
        ("ﹰمعنا من الريحانية", "studio"),  # spacing presentation form, normalised to a space
        ("ﻣﻌﻨﺎ من الريحانية", "studio"),  # presentation forms of the letters themselves
        ("Read more: x", "related"),
        ("إقرأ أيضا:", "related"),  # alef + combining hamza: the mark hides the pair
        ("الرئيس قال", None),
        ("نص طويل " * 8 + "ALL RIGHTS RESERVED", "footer"),
        ("نص طويل " * 8 + "all rights reſerved", "footer"),  # re.I and casefold: ſ = s
        ("نص طويل " * 8 + "الحقوق محفوظة", None),  # the footer rule wants جميع before it
    ],
)
def test_header_and_footer_lines_with_odd_starts(tmp_path: Path, line: str,
                                                 kind: str | None) -> None:
    p = tmp_path / "a.txt"
    p.write_text("عنوان عن إدلب\n\nفقرة أولى طويلة عن الغوطة الشرقية.\n" + line + "\n",
                 encoding="utf-8")
    a = read_article(p)
    start = a.text.index(line)
    kinds = [f.kind for f in a.furniture if f.start == start]
    assert kinds == ([kind] if kind else [])


def test_footer_hint_char_test_equals_the_regex() -> None:
    import random

    from geo import corpus

    rng = random.Random(5)
    chars = "©@[vVwuW]ـ ابكﻻ" + "".join(corpus._FOOTER_HINT_NEEDS)
    for _ in range(5000):
        line = "".join(rng.choice(chars) for _ in range(rng.randint(0, 12)))
        assert corpus._has_footer_hint_char(line) == bool(
            corpus._FOOTER_HINT_CHARS.search(line)), line
