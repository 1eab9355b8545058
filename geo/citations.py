"""Plain-text citations a journalist can paste: outlet, title, date, URL and the quoted words.

Nothing is invented: a source without a known URL says "URL not known", an undated one says
"date not known". Quotes are copied verbatim (Arabic kept as written, in its own logical order)
between “ ” marks. Dates are given both ways: ``15 October 2017 (2017-10-15)``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from geo.corpus import Article, CatalogRow
from geo.forces import ForceRecord
from geo.timeline import Event

URL_NOT_KNOWN = "URL not known"
DATE_NOT_KNOWN = "date not known"

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def format_date(day: dt.date | None) -> str:
    """``15 October 2017 (2017-10-15)``, or "date not known"."""
    if day is None:
        return DATE_NOT_KNOWN
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year} ({day.isoformat()})"


def _date_range(start: dt.date, end: dt.date | None) -> str:
    if end is None or end == start:
        return format_date(start)
    return (f"{start.day} {_MONTHS[start.month - 1]} {start.year} – "
            f"{end.day} {_MONTHS[end.month - 1]} {end.year} "
            f"({start.isoformat()} to {end.isoformat()})")


def _url(url: object) -> str:
    text = "" if url is None else str(url).strip()
    return f"URL: {text}" if text else URL_NOT_KNOWN


def _quoted(text: str) -> str:
    return f"“{_one_line(text)}”"


def _verbatim(text: str) -> str:
    """A quote exactly as written (only the surrounding blanks trimmed)."""
    return f"“{str(text or '').strip()}”"


def _one_line(text: object) -> str:
    return " ".join(str(text or "").split())


def _join(parts: list[str]) -> str:
    return ". ".join(p.rstrip(". ") for p in parts if p) + "."


def cite_event(event: Event) -> str:
    """A timeline event: what happened, when, and the report it is sourced to."""
    source = _one_line(event.outlet) or "source not named"
    if event.source_title:
        source += f", {_quoted(event.source_title)}"
    parts = [f"{_one_line(event.title_en)} — {_date_range(event.start, event.end)}",
             f"Source: {source}", _url(event.url)]
    if event.article_id:
        parts.append(f"Also reported in the atlas's article {event.article_id}")
    return _join(parts)


def _catalog(article: Article | CatalogRow | None) -> CatalogRow | None:
    if isinstance(article, CatalogRow):
        return article
    if isinstance(article, Article):
        return article.catalog
    return None


def _catalog_row(article_id: str) -> CatalogRow | None:
    """The seed catalog's row for an article, or None when the catalog cannot be read."""
    from geo.corpus import load_catalog
    from geo.problems import DataError

    try:
        return load_catalog().get(article_id)
    except (DataError, OSError, ValueError):
        return None


def cite_force(record: ForceRecord, article: Article | CatalogRow | None = None) -> str:
    """A monitor-force statement with its verbatim quote.

    When the record's quote comes from a seed article, the citation gives the article's own
    outlet, date and URL ("URL not known" when the catalog has none), and the forces table's
    URL, which may be another outlet's report of the same statement, is listed separately as a
    related report. The article's catalog row is
    taken from ``article`` (an Article or CatalogRow) when given, else read from the catalog.
    """
    who = f"{record.actor}: {record.force_type}, {record.stance}"
    zones = ", ".join(record.zone_ids)
    head = f"Monitor forces ({who}; zones: {zones}) — statement of {format_date(record.date)}"
    parts = [head]
    if record.condition_en:
        parts.append(f"Condition: {_one_line(record.condition_en)}")
    cat = _catalog(article)
    if cat is None and record.article_id:
        cat = _catalog_row(record.article_id)
    title = _one_line(article.title) if isinstance(article, Article) else \
        _one_line(record.source_title)
    if cat is not None:
        outlet = _one_line(cat.outlet_en) or _one_line(record.outlet) or "outlet not known"
        if cat.outlet_ar:
            outlet += f" ({_one_line(cat.outlet_ar)})"
        source = f"Source: {outlet}"
        if title:
            source += f", {_quoted(title)}"
        parts += [source, f"Published {format_date(cat.published)}", _url(cat.url)]
        if record.url and record.url.strip() != (cat.url or "").strip():
            parts.append(f"Related report: {record.url.strip()}")
    else:
        source = f"Source: {_one_line(record.outlet) or 'outlet not known'}"
        if title:
            source += f", {_quoted(title)}"
        parts += [source, _url(record.url)]
    if record.article_id:
        parts.append(f"Atlas article: {record.article_id}")
    text = _join(parts)
    if record.quote:
        text += f" Quote: {_verbatim(record.quote)}"
    return text


def cite_article_link(item_or_article: Mapping[str, Any] | Article, mention_text: str,
                      sentence: str) -> str:
    """An article's mention of a zone: the article's source and the sentence it is in.

    ``item_or_article`` is an :class:`~geo.corpus.Article` or an item of
    ``geo.atlas.load_linked_corpus()`` (a dict holding ``"article"``).
    """
    if isinstance(item_or_article, Article):
        article = item_or_article
    else:
        article = item_or_article["article"]
    cat = article.catalog
    outlet = "outlet not known"
    if cat is not None and cat.outlet_en:
        outlet = _one_line(cat.outlet_en) + (f" ({_one_line(cat.outlet_ar)})"
                                             if cat.outlet_ar else "")
    parts = [f"{outlet}, {_quoted(article.title)}",
             f"Published {format_date(cat.published if cat else None)}",
             _url(cat.url if cat else None),
             f"Atlas article: {article.article_id}"]
    text = _join(parts)
    text += f" Mention: {_verbatim(mention_text)} in the sentence: {_verbatim(sentence)}"
    return text


def _field(row: Any, key: str, default: Any = "") -> Any:
    try:
        value = row[key]
    except (KeyError, IndexError, TypeError):
        return default
    return default if value is None else value


def cite_zone(zone_row: Any) -> str:
    """A zone's outline and the sources it was digitised from (one numbered line each).

    ``zone_row`` is a row of ``geo.zones.load_zones()`` (``gdf.loc[zone_id]``) or a GeoJSON
    feature's ``properties`` dict.
    """
    name_en = _one_line(_field(zone_row, "name_en")) or _one_line(_field(zone_row, "id"))
    name_ar = _one_line(_field(zone_row, "name_ar"))
    name = f"{name_en} ({name_ar})" if name_ar else name_en
    represents = _field(zone_row, "represents_date")
    try:
        rep_day = dt.date.fromisoformat(str(represents)) if represents else None
    except ValueError:
        rep_day = None
    head = (f"Outline of the {name} de-escalation zone: De-escalation Zones Atlas, "
            f"hand-digitised from cited sources; represents {format_date(rep_day)}")
    confidence = _one_line(_field(zone_row, "confidence"))
    parts = [head]
    if confidence:
        parts.append(f"Confidence: {confidence}")
    lines = [_join(parts)]
    citations = list(_field(zone_row, "citations", []) or [])
    if not citations:
        lines.append("Sources: none listed.")
    else:
        lines.append("Sources:")
        for i, c in enumerate(citations, 1):
            outlet = _one_line(c.get("outlet")) or "outlet not known"
            title = _one_line(c.get("title"))
            entry = outlet + (f", {_quoted(title)}" if title else "")
            lines.append(f"{i}. {entry}. {_url(c.get('url'))}")
    return "\n".join(lines)
