"""The archive's articles as the pages show them, read from the index (``geo.index``).

Every function here asks the index for what one page needs: counts per zone, a page of the list
or of search results, one article for the reader, a zone's evidence a page at a time, the places
a zone's articles name. Nothing loads the whole corpus, so a page costs the same with five
articles or a hundred thousand.

Counts are defined once: an article *is about* a zone when its link is medium or strong
(``ABOUT``); weak links (a province named in passing) are shown in the reader, and counted
separately where a page shows them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from geo import ZONE_IDS
from geo.corpus import article_title, dateline_title
from geo.i18n import format_iso, format_number, join_meta, join_words, label
from geo.i18n import t as _t
from geo.i18n import tn as _tn
from geo.index import ArticleFilters, ArticleIndex, Page
from geo.records import ArticleRecord, record_article, record_links

ABOUT = "medium"  # the weakest link that counts an article as being about a zone
PER_PAGE = 20


def article_item(rec: ArticleRecord, folder: Path | None = None) -> dict[str, Any]:
    """One article with its links, in the shape the reader and the citations use."""
    links = record_links(rec, folder)
    return {"article_id": rec.article_id, "article": record_article(rec, folder),
            "links": links, "title": rec.title, "outlet": rec.outlet_en or "unknown",
            "published": rec.published_date, "zone_ids": links.zone_ids(ABOUT)}


def strength_counts(idx: ArticleIndex | None) -> dict[str, dict[str, int]]:
    """How many articles link to each zone, by the strength of the link: the counts every page
    shows (an article counts once per zone, at its link's strength). For a day, the app reads
    ``ArticleIndex.dated_zone_counts`` (``geo.ui.strength_counts``)."""
    counts = idx.zone_counts() if idx is not None else {}
    return {z: {s: int(counts.get(z, {}).get(s, 0)) for s in ("strong", "medium", "weak")}
            for z in ZONE_IDS}


def about_count(counts: dict[str, int]) -> int:
    """Articles about a zone: a link of strength ``ABOUT`` or stronger."""
    return counts.get("strong", 0) + counts.get("medium", 0)


def about_counts(idx: ArticleIndex | None) -> dict[str, int]:
    """Articles about each zone (medium or strong link): the one figure every page shows."""
    return {z: about_count(c) for z, c in strength_counts(idx).items()}


def about_label(counts: dict[str, int], lang: str = "en") -> str:
    """The figure as every page shows it, labelled by strength: ``3 (2 strong, 1 medium)``."""
    return _t("msg.about_figure", lang, n=format_number(about_count(counts), lang),
              strong=format_number(counts.get("strong", 0), lang),
              medium=format_number(counts.get("medium", 0), lang))


def zone_figure(counts: dict[str, int], zone_name: str, lang: str = "en") -> str:
    """One zone's figure in a sentence (zone page, filtered article list)."""
    return _t("msg.zone_figure", lang, zone=zone_name, about=about_label(counts, lang),
              weak=format_number(counts.get("weak", 0), lang))


def zone_points(idx: ArticleIndex | None, zone_id: str, lang: str = "en") -> list[Any]:
    """Places inside the zone that its articles name (one point per place)."""
    from geo.mapping import MapPoint

    if idx is None:
        return []
    out = []
    for _gid, name_en, name_ar, lat, lon, n, first in idx.zone_places(zone_id):
        note = (_t("msg.named_in", lang, article=first) if n == 1 else
                _tn("msg.named_in_many", n, lang, article=first))
        out.append(MapPoint(lat, lon, name_en, name_ar, " " + note))
    return out


def mention_detail(kind: str, strength: str, lang: str) -> str:
    return _t("msg.mention_detail", lang, mention=label("mention.", kind, lang),
              strength=label("strength.", strength, lang))


def _date_value(d: Any, lang: str) -> str:
    """The day a date mention resolves to, as the interface writes dates (ISO in English)."""
    return format_iso(d.date, lang) if d.date else _t("ui.unresolved", lang)


def _highlights(item: dict[str, Any], zone_id: str | None = None, lang: str = "en",
                names: dict[str, str] | None = None) -> list[Any]:
    """What each highlight in the reader marks, worded for its hover text in ``lang``."""
    from geo.escape import Highlight

    names = names or {}
    links = item["links"]
    out = []
    for z in links.zones:
        if zone_id and z.id != zone_id:
            continue
        for m in z.mentions:
            cls = "zone" if m.strength != "weak" else "weak"
            out.append(Highlight(m.start, m.end, cls, _t("msg.finding_zone", lang,
                                                         name=names.get(z.id, z.id))
                                 + f" ({mention_detail(m.kind, m.strength, lang)})"))
    if zone_id is None:
        out += [Highlight(g.start, g.end, "general", _t("ui.finding_general", lang))
                for g in links.general]
        out += [Highlight(p.start, p.end, "place", join_meta([
                    _t("msg.finding_place", lang,
                       name=p.name_ar if lang == "ar" and p.name_ar else p.name_en),
                    _t("msg.inside_zone", lang, name=names.get(p.zone_id, p.zone_id))
                    if p.zone_id else _t("ui.outside_every_zone", lang)], lang))
                for p in links.places]
        out += [Highlight(d.start, d.end, "date", _t("msg.finding_date", lang,
                                                     value=_date_value(d, lang)))
                for d in links.dates]
        for f in links.forces:
            if f.condition is not None:
                out.append(Highlight(f.condition.start, f.condition.end, "force",
                                     _t("ui.force_condition_hint", lang)))
    return out


def zone_evidence(idx: ArticleIndex, zone_id: str, lang: str = "en",
                  names: dict[str, str] | None = None, min_strength: str = ABOUT,
                  page: int = 1, per_page: int = 10) -> tuple[list[dict[str, Any]], int]:
    """A page of the articles linked to the zone (strongest first, then by date), each with
    its evidence sentences, mention highlighted; and how many such articles there are."""
    from geo.citations import cite_article_link
    from geo.disambiguation import strongest_first
    from geo.escape import highlight_text, rtl_block

    found, total = idx.zone_evidence(zone_id, min_strength, page, per_page)
    out = []
    for ev in found:
        item = article_item(ev.record, idx.seeds_dir)
        link = next(z for z in item["links"].zones if z.id == zone_id)
        text = item["article"].text
        highlights = _highlights(item, zone_id, lang, names)
        # The strongest mention's sentence first: it is the one that makes the link (issue 12:
        # at equal strength a zone name before a town before a governorate).
        ordered = strongest_first(link.mentions)
        sentences, seen = [], set()
        for m in ordered:
            key = (m.sentence_start, m.sentence_end)
            if key in seen:
                continue
            seen.add(key)
            sentences.append(rtl_block(highlight_text(text, highlights, m.sentence_start,
                                                      m.sentence_end), "ar evidence"))
        first = ordered[0]
        citation = cite_article_link(item["article"], first.text,
                                     text[first.sentence_start:first.sentence_end], lang)
        out.append({"article_id": item["article_id"],
                    "title_md": _md(article_title(item["title"], lang)),
                    "citation": citation, "strength": link.strength,
                    "meta_md": join_meta([_meta_md(item, lang), _t(
                        "msg.strength", lang, value=label("strength.", link.strength, lang))],
                        lang),
                    "sentences": sentences})
    return out, total


def _md(text: str) -> str:
    from geo.escape import md_escape

    return md_escape(text)


def outlet_name(item: dict[str, Any], lang: str) -> str:
    """The outlet as the catalog names it in ``lang`` (its Arabic name when it has one)."""
    cat = item["article"].catalog
    if lang == "ar" and cat is not None and getattr(cat, "outlet_ar", ""):
        return str(cat.outlet_ar)
    return item["outlet"] if item["outlet"] != "unknown" else _t("ui.unknown", lang)


def shown_date(day: dt.date | str | None, lang: str) -> str:
    """A publication date (a date or ISO text) as the reader, the search results and the
    article picker write it (``geo.i18n.format_iso``, as the tables): in Arabic «١٤ أيلول
    (سبتمبر) ٢٠١٧», as an editor would; ISO in English."""
    if not day:
        return _t("ui.date_unknown", lang)
    return format_iso(day if isinstance(day, str) else day.isoformat(), lang)


def _pub(item: dict[str, Any], lang: str) -> str:
    return shown_date(item["published"], lang)


def _meta_md(item: dict[str, Any], lang: str = "en") -> str:
    return join_meta([_md(outlet_name(item, lang)), _pub(item, lang)], lang)


def linker_findings(links: Any, names: dict[str, str], lang: str = "en") -> Any:
    """What the linker found in one article, one row per finding, worded in ``lang``. ``text`` is
    the matched source text; ``note`` holds the date resolver's English notes and conditions."""
    import pandas as pd

    from geo.disambiguation import cue_label

    findings = []
    for z in links.zones:
        for m in z.mentions:
            findings.append({"finding": _t("msg.finding_zone", lang,
                                           name=names.get(z.id, z.id)),
                             "text": m.text, "detail": mention_detail(m.kind, m.strength, lang),
                             "cue": cue_label(m.cue, lang), "note": "",
                             "offsets": f"{m.start}–{m.end}"})
    # Issue 12: the names the linker decided are not the zone, with the cue that decided.
    for z in getattr(links, "set_aside", ()):
        for m in z.mentions:
            findings.append({"finding": _t("msg.finding_set_aside", lang,
                                           name=names.get(z.id, z.id)),
                             "text": m.text, "detail": label("mention.", m.kind, lang),
                             "cue": cue_label(m.cue, lang), "note": "",
                             "offsets": f"{m.start}–{m.end}"})
    for g in links.general:
        findings.append({"finding": _t("ui.finding_general", lang), "text": g.text, "detail": "",
                         "note": "", "offsets": f"{g.start}–{g.end}"})
    for p in links.places:
        place = p.name_ar if lang == "ar" and p.name_ar else p.name_en
        findings.append({"finding": _t("msg.finding_place", lang, name=place), "text": p.text,
                         "detail": _t("msg.inside_zone", lang,
                                      name=names.get(p.zone_id, p.zone_id))
                         if p.zone_id else _t("ui.outside_every_zone", lang),
                         "note": "", "offsets": f"{p.start}–{p.end}"})
    for d in links.dates:
        findings.append({"finding": _t("msg.finding_date", lang, value=_date_value(d, lang)),
                         "text": d.text, "detail": label("datekind.", d.kind, lang),
                         "note": d.note, "offsets": f"{d.start}–{d.end}"})
    for f in links.forces:
        actor = label("actor.", f.actor, lang) if f.actor else _t("ui.unknown_actor", lang)
        detail = [label("force.", f.force_type, lang),
                  label("stance.", f.stance, lang) if f.stance else _t("ui.stance_unknown", lang),
                  _t("msg.for_zones", lang, zones=_zones_label(f.zones, names, lang))
                  if f.zones else ""]
        findings.append({"finding": _t("msg.finding_force", lang, actor=actor),
                         "text": f.text[:160],
                         "detail": join_words((x for x in detail if x), lang),
                         "note": _t("msg.force_condition", lang, text=f.condition.text)
                         if f.condition else "", "offsets": f"{f.start}–{f.end}"})
    for row in findings:
        row.setdefault("cue", "")  # only zone decisions have one
    return pd.DataFrame(findings,
                        columns=["finding", "text", "detail", "cue", "note", "offsets"])


def _title_html(art: Any, text: str, highlights: Any, lang: str) -> Any:
    """The reader's title line; a dateline standing in for a headline is labelled as one."""
    from geo.escape import highlight_text, html_tag, join_html, rtl_block

    line = highlight_text(text, highlights, *art.title_span)
    if not dateline_title(art.title):
        return rtl_block(line, "ar article-title")
    return join_html([html_tag("div", _t("ui.dateline", lang), class_="en-label dateline-label"),
                      rtl_block(line, "ar article-dateline")])


def reader_view(idx: ArticleIndex, article_id: str, names: dict[str, str],
                lang: str = "en") -> dict[str, Any] | None:
    """Everything the reader shows for one article, HTML already escaped (None: no such
    article in the index)."""
    from geo.escape import TrustedHTML, esc, highlight_text, join_html, rtl_block

    rec = idx.record(article_id)
    if rec is None:
        return None
    item = article_item(rec, idx.seeds_dir)
    art = item["article"]
    text = art.text
    hl = _highlights(item, None, lang, names)
    paragraphs = []
    for a, b in art.body_spans:
        if a <= art.title_span[0] and art.title_span[1] <= b:
            a = max(a, art.title_span[1])
        if b > a and text[a:b].strip():
            paragraphs.append(join_html([TrustedHTML("<p>"), highlight_text(text, hl, a, b),
                                         TrustedHTML("</p>")]))
    body = rtl_block(join_html(paragraphs), "ar article-body")
    furniture = [rtl_block(esc(text[f.start:f.end]), "ar furniture") for f in art.furniture
                 if f.kind != "title-site" and text[f.start:f.end].strip()]
    cat = art.catalog

    def tr(key: str, **fmt: Any) -> str:
        return _t(key, lang, **fmt)

    pub = _pub(item, lang)
    meta = [f"**{tr('ui.published')}:** {pub}"]
    if cat:
        outlet = (f"{_md(cat.outlet_ar)} ({_md(cat.outlet_en)})" if lang == "ar" and cat.outlet_ar
                  else f"{_md(cat.outlet_en)} ({_md(cat.outlet_ar)})")
        meta.append(f"**{tr('ui.outlet')}:** {outlet}")
        conf = (format_number(cat.date_confidence, lang, 2)
                if cat.date_confidence is not None else tr("ui.not_known"))
        # The catalog's method and evidence are English notes: marked as such in Arabic.
        note = f"{cat.date_method}. {cat.date_evidence}"  # plain text: shown escaped, as HTML
        # The method itself is the English note shown under these lines, with its label.
        meta.append(f"**{tr('ui.date_confidence')}:** {conf}")
        meta_note = note
    else:
        meta.append(f"**{tr('ui.catalog')}:** {tr('msg.no_catalog')}")
        meta_note = ""
    if cat:
        from geo.escape import safe_url
        url = safe_url(cat.url)
        meta.append(f"**{tr('ui.url')}:** {url}" if url else
                    f"**{tr('ui.url')}:** {tr('ui.not_known')}")
    # Isolated left to right, so an id that starts with digits keeps its order in Arabic.
    meta.append(join_meta([f"**{tr('ui.file')}:** `\u2066{art.article_id}.txt\u2069`",
                           tr("msg.encoding", value="`" + art.encoding.replace("`", "") + "`")],
                          lang))
    legend = tr("msg.reader_legend")
    return {
        "title_en_hint": join_meta([outlet_name(item, lang), pub], lang),
        "title_html": _title_html(art, text, hl, lang),
        "body_html": body,
        "furniture_html": join_html(furniture) if furniture else None,
        "meta_md": "  \n".join(meta),
        # English-only notes from the catalog (how the date was established).
        "meta_note_en": meta_note,
        "legend_md": legend,
        "findings": linker_findings(item["links"], names, lang),
        "warnings": list(item["links"].warnings),
    }



def outlet_options(idx: ArticleIndex, lang: str = "en") -> tuple[list[str], dict[str, str]]:
    """Outlets to filter by (most articles first) and how each is named in ``lang``."""
    values, shown = [], {}
    for en, ar, _n in idx.outlets():
        values.append(en)
        shown[en] = ar if lang == "ar" and ar else (en or _t("ui.unknown", lang))
    return values, shown


def _row_outlet(row: Any, lang: str) -> str:
    if lang == "ar" and row.outlet_ar:
        return str(row.outlet_ar)
    return row.outlet_en or _t("ui.unknown", lang)


def article_page(idx: ArticleIndex, query: str = "", filters: ArticleFilters | None = None,
                 page: int = 1, names: dict[str, str] | None = None, lang: str = "en",
                 per_page: int = PER_PAGE) -> tuple[Any, Page]:
    """One page of the article list (by date) or of search results (best first), as a table
    with a reader link per row, and the page's place in the whole result."""
    import pandas as pd

    filters = filters or ArticleFilters()
    result = (idx.search(query, filters, page, per_page) if query.strip()
              else idx.list_articles(filters, page, per_page))
    rows = [{"published": r.published, "title": article_title(r.title, lang),
             "outlet": _row_outlet(r, lang),
             "zones": _zones_label(r.zones, names or {}, lang), "id": r.article_id,
             "open": f"/articles?article={r.article_id}"} for r in result.rows]
    table = pd.DataFrame(rows, columns=["published", "title", "outlet", "zones", "id", "open"])
    return table, result


def search_hits(result: Page, names: dict[str, str] | None = None,
                lang: str = "en") -> list[dict[str, Any]]:
    """Search results as cards: title, source line and the snippet with its matches marked."""
    from geo.escape import Highlight, highlight_text, rtl_block

    out = []
    for r in result.rows:
        marks = [Highlight(a, b, "hit") for a, b in r.marks]
        pub = shown_date(r.published, lang)
        out.append({"article_id": r.article_id, "title_md": _md(article_title(r.title, lang)),
                    "meta_md": join_meta([_md(_row_outlet(r, lang)), pub,
                                          _zones_label(r.zones, names or {}, lang)], lang),
                    "snippet_html": rtl_block(highlight_text(r.snippet, marks), "ar snippet")})
    return out


def page_caption(result: Page, lang: str = "en") -> str:
    """"Articles 21–40 of 5,558" (or that nothing matched)."""
    if result.total == 0:
        return _t("msg.no_results", lang)
    first = (result.page - 1) * result.per_page + 1
    last = first + len(result.rows) - 1
    return _t("msg.results_range", lang, first=format_number(first, lang),
              last=format_number(last, lang), total=format_number(result.total, lang))


def _zones_label(zone_ids: Any, names: dict[str, str], lang: str = "en") -> str:
    if "all" in zone_ids:
        return _t("zone.all", lang)
    return join_words((names.get(z, z) for z in zone_ids), lang)


def article_label(row: Any, lang: str = "en") -> str:
    """How an article is named in a picker: date · outlet · title."""
    pub = shown_date(row.published, lang)
    return join_meta([pub, _row_outlet(row, lang), article_title(row.title, lang)[:70]], lang)


LINK_COLUMNS = ["article_id", "title", "outlet", "published", "url", "zone_id", "kind",
                "strength", "start", "end", "text", "sentence"]


def links_csv(idx: ArticleIndex) -> bytes:
    """One CSV row per zone mention with its evidence sentence and the article's source,
    written a batch of articles at a time."""
    import csv
    import io

    buf = io.StringIO()
    buf.write("\ufeff")  # BOM: spreadsheets then read Arabic right
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(LINK_COLUMNS)
    for rec in idx.iter_records():
        links = record_links(rec)
        for z in links.zones:
            for m in z.mentions:
                writer.writerow([rec.article_id, article_title(rec.title),
                                 rec.outlet_en or "unknown", rec.published, rec.url, z.id,
                                 m.kind, m.strength, m.start, m.end, m.text,
                                 rec.text[m.sentence_start:m.sentence_end].strip()])
    return buf.getvalue().encode("utf-8")
