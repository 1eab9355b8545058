"""Plain-text citations: outlet, dates, URL (or the best locator when none is recorded), the
source's deciding phrase and quotes copied verbatim."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from geo.citations import (
    URL_NOT_KNOWN,
    cite_article_link,
    cite_event,
    cite_force,
    cite_zone,
    format_date,
)
from geo.corpus import CatalogRow, article_from_text, load_corpus
from geo.forces import ForceRecord, load_forces
from geo.timeline import Event, load_events
from geo.zones import load_zones

ARTICLE_TEXT = ("إيران: جاهزون لإرسال قوات\n\n"
                "أعلن المتحدث أن بلاده جاهزة لإرسال قوات إلى  #سوريا لمراقبة الهدنة في "
                "#مناطق_خفض_التوتر. وقال إن ذلك مشروط.\n")
SENTENCE = ("أعلن المتحدث أن بلاده جاهزة لإرسال قوات إلى  #سوريا لمراقبة الهدنة في "
            "#مناطق_خفض_التوتر.")


def _catalog(url: str = "", published: dt.date | None = dt.date(2017, 5, 29)) -> CatalogRow:
    return CatalogRow(article_id="t001", outlet_en="Al Arabiya", outlet_ar="العربية", url=url,
                      published=published, date_method="printed", date_confidence=0.9,
                      date_evidence="", added=None)


def _article(url: str = "", published: dt.date | None = dt.date(2017, 5, 29)) -> object:
    art = article_from_text(ARTICLE_TEXT, "t001")
    art.catalog = _catalog(url, published)
    return art


def _event(url: str = "https://tass.com/politics/944911", end: dt.date | None = None) -> Event:
    return Event(event_id="e1", zone_ids=("all",), kind="signing", start=dt.date(2017, 5, 4),
                 end=end, title_en="Memorandum signed", title_ar="توقيع المذكرة",
                 summary_en="", outlet="TASS", source_title="Memorandum on zones", url=url,
                 article_id="")


def _force(url: str = "", article_id: str = "", quote: str = "جاهزون  لإرسال قوات") -> ForceRecord:
    return ForceRecord(force_id="f1", actor="iran", force_type="troops", zone_ids=("all",),
                       stance="offered", condition_en="if a roadmap is agreed",
                       date=dt.date(2017, 5, 29), quote=quote, article_id=article_id,
                       outlet="Al Arabiya", source_title="إيران: جاهزون", url=url, note_en="")


def test_format_date_gives_both_forms() -> None:
    assert format_date(dt.date(2017, 10, 15)) == "15 October 2017 (2017-10-15)"
    assert format_date(None) == "date not known"


def test_event_citation_has_outlet_title_dates_and_url() -> None:
    text = cite_event(_event())
    for part in ("TASS", "“Memorandum on zones”", "Memorandum signed", "4 May 2017",
                 "2017-05-04", "https://tass.com/politics/944911"):
        assert part in text
    assert URL_NOT_KNOWN not in text


def test_event_without_url_says_so() -> None:
    text = cite_event(_event(url=""))
    assert URL_NOT_KNOWN in text
    assert "http" not in text


def test_event_range_gives_both_ends() -> None:
    text = cite_event(_event(end=dt.date(2017, 5, 6)))
    assert "4 May 2017 – 6 May 2017" in text and "2017-05-04 to 2017-05-06" in text


def test_force_citation_quotes_verbatim_and_gives_url() -> None:
    rec = _force(url="https://www.alarabiya.net/x")
    text = cite_force(rec)
    assert "“جاهزون  لإرسال قوات”" in text  # double space kept: verbatim
    assert "Al Arabiya" in text and "29 May 2017" in text and "2017-05-29" in text
    assert "URL: https://www.alarabiya.net/x" in text
    assert "if a roadmap is agreed" in text


def test_force_with_article_uses_the_articles_own_source() -> None:
    rec = dataclasses.replace(_force(article_id="t001"), related_outlet="Daily Sabah",
                              related_title="Iran wants peace force",
                              related_url="https://www.dailysabah.com/x")
    text = cite_force(rec, _article(url=""))
    # The article has no known URL: the citation says how to find it (outlet, date, title);
    # another outlet's report of it is named with that outlet and title (attrib-5).
    assert URL_NOT_KNOWN not in text
    assert ("The original's URL was not recorded: look for Al Arabiya (العربية), 29 May 2017 "
            "(2017-05-29), “إيران: جاهزون لإرسال قوات”") in text
    assert ("Also reported by another outlet: Daily Sabah, “Iran wants peace force”. "
            "URL: https://www.dailysabah.com/x") in text
    assert "العربية" in text and "Published 29 May 2017 (2017-05-29)" in text


def test_a_table_url_that_is_not_the_articles_is_not_given_as_its_source() -> None:
    # (the validator refuses such a row; the citation still never gives it as the article's)
    text = cite_force(_force(url="https://www.dailysabah.com/x", article_id="t001"),
                      _article(url=""))
    assert "URL: https://www.dailysabah.com/x" not in text
    assert "Related report: https://www.dailysabah.com/x" in text


def test_force_with_catalog_row_and_known_url() -> None:
    text = cite_force(_force(), _catalog(url="https://www.alarabiya.net/a"))
    assert "URL: https://www.alarabiya.net/a" in text
    assert URL_NOT_KNOWN not in text


def test_force_without_any_url() -> None:
    assert URL_NOT_KNOWN in cite_force(_force(url=""))


def test_article_link_citation_quotes_sentence_verbatim() -> None:
    art = _article()
    text = cite_article_link(art, "#مناطق_خفض_التوتر", SENTENCE)
    assert f"“{SENTENCE}”" in text
    assert "“#مناطق_خفض_التوتر”" in text
    assert "Al Arabiya" in text and "“إيران: جاهزون لإرسال قوات”" in text
    assert "29 May 2017" in text and "2017-05-29" in text
    assert "URL was not recorded: look for Al Arabiya" in text and URL_NOT_KNOWN not in text


def test_article_link_accepts_a_linked_corpus_item_with_url() -> None:
    art = _article(url="https://example.org/story")
    text = cite_article_link({"article": art, "title": art.title}, "سوريا", SENTENCE)
    assert "URL: https://example.org/story" in text


def test_article_without_catalog_or_date() -> None:
    art = article_from_text(ARTICLE_TEXT, "t002")
    text = cite_article_link(art, "سوريا", SENTENCE)
    assert "outlet not known" in text and "date not known" in text
    assert "URL was not recorded" in text


def test_a_missing_url_gives_the_catalogs_note_on_the_copies_found() -> None:
    cat = dataclasses.replace(_catalog(), date_evidence="a copy on albainah.net, archived 31 May")
    text = cite_force(_force(article_id="t001"), cat)
    assert "Catalog note on the copies found: a copy on albainah.net, archived 31 May" in text


def test_force_citation_reads_as_prose_without_the_tables_ids() -> None:
    rec = dataclasses.replace(_force(), actor="russia", force_type="military-police",
                              stance="proposed", zone_ids=("eastern-ghouta", "south"))
    text = cite_force(rec)
    assert "Russia: military police, proposed" in text
    assert "Eastern Ghouta" in text
    for internal in ("russia:", "military-police", "eastern-ghouta"):
        assert internal not in text


def test_zone_citation_lists_every_outline_source() -> None:
    zones = load_zones()
    for zid in zones.index:
        row = zones.loc[zid]
        text = cite_zone(row)
        assert str(row["name_en"]) in text and str(row["name_ar"]) in text
        for c in row["citations"]:
            assert c["outlet"] in text
            assert (c.get("url") or URL_NOT_KNOWN) in text
        assert text.count("\n") == len(row["citations"]) + 1


def test_zone_citation_from_properties_without_url() -> None:
    props = {"id": "south", "name_en": "South", "name_ar": "الجنوب",
             "represents_date": "2017-07-09", "confidence": "medium",
             "citations": [{"key": "K", "outlet": "Some Paper", "title": "A report", "url": ""}]}
    text = cite_zone(props)
    assert "1. Some Paper, “A report”. URL not known" in text
    assert "9 July 2017 (2017-07-09)" in text


def test_shipped_data_cites_cleanly() -> None:
    """Every shipped event and force record gives a citation with a URL or 'URL not known',
    and each force record's quote appears verbatim."""
    for e in load_events():
        text = cite_event(e)
        assert (f"URL: {e.url}" if e.url else URL_NOT_KNOWN) in text
        assert e.start.isoformat() in text
        # the words of the source that decide the event, or why there are none
        assert (f"The source says: “{e.evidence.phrase}”" in text if e.evidence.verified
                else f"Not verified against its source: {e.evidence.check_note}" in text)
    articles = load_corpus().by_id()
    for r in load_forces():
        text = cite_force(r, articles.get(r.article_id))
        if r.quote.strip():
            assert f"“{r.quote.strip()}”" in text
        else:
            assert "Quote:" not in text
        assert "URL: " in text or "URL was not recorded: look for" in text
        assert f"({r.actor}: {r.force_type}" not in text  # words, not the table's ids
        if r.evidence.verified and r.evidence.phrase != r.quote:
            assert f"The source says: “{r.evidence.phrase}”" in text


@pytest.mark.parametrize("field", ["outlet", "source_title"])
def test_missing_fields_do_not_crash(field: str) -> None:
    e = dataclasses.replace(_event(), **{field: ""})
    assert "Memorandum signed" in cite_event(e)


def test_arabic_citations_word_their_labels_in_arabic_and_keep_the_sources_words() -> None:
    event = next(e for e in load_events() if e.title_ar and e.url)
    text = cite_event(event, "ar")
    assert text.startswith(event.title_ar) and "المصدر: " in text and "الرابط: " in text
    assert event.url in text and "Source:" not in text and "URL:" not in text
    assert f"({event.start.isoformat()})" in text  # the ISO date kept, for machines

    record = _force(article_id="t001")
    art = _article()
    text = cite_force(record, art, lang="ar")
    assert "قوات المراقبة (إيران: قوات، عرض؛ المناطق: جميع المناطق)" in text
    assert f"الاقتباس: «{record.quote.strip()}»" in text and "لم يُسجَّل رابط الأصل" in text
    assert "Monitor forces" not in text and "Quote:" not in text

    text = cite_article_link(art, "مناطق_خفض_التوتر", SENTENCE, "ar")
    assert f"«{SENTENCE}»" in text and "الإشارة: «مناطق_خفض_التوتر»" in text
    assert "نُشر في ٢٩ أيار (مايو) ٢٠١٧ (2017-05-29)" in text


def test_force_citations_read_the_project_seeds_catalog_not_the_archives(tmp_path) -> None:
    """With ATLAS_SEEDS_DIR on a newsroom's archive, the curated forces still cite the project's
    seeds: their catalog rows come from seeds/catalog.csv (the archive's catalog, here one
    that names none of them, was read in full for every citation: 200 MB at 100,000 rows)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    archive = tmp_path / "archive"
    archive.mkdir()
    import csv

    with open(Path(__file__).resolve().parent.parent / "seeds" / "catalog.csv",
              encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    with open(archive / "catalog.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()  # the seeds' ids, another outlet: what a wrong catalog would give
        w.writerows({**r, "outlet_en": "Elsewhere"} for r in rows)
    code = ("from geo.fact_views import load_forces_table, force_citations\n"
            "cites = force_citations(load_forces_table(), 'idlib', 'en')\n"
            "print(sum('Elsewhere' in c for _, c in cites), sum('(' in c for _, c in cites),"
            " len(cites))\n")
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=root,
                         env={**os.environ, "ATLAS_SEEDS_DIR": str(archive)}).stdout.split()
    from geo.citations import _catalog_row

    assert _catalog_row("003_a90b33b46d004e9f") is not None  # the seeds' own catalog
    assert int(out[0]) == 0 and int(out[2]) > 0
