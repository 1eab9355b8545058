"""Plain-text citations a journalist can paste: outlet, title, date, URL and the quoted words.

Nothing is invented: a source without a known URL gives the best locator there is instead (its
outlet, date and title, and the catalog's note on where copies were found), an undated one says
"date not known". Each fact carries the words of its source that decide it ("The source says:
…", ``geo.evidence``), or says it has not been verified. Quotes are copied verbatim (Arabic
kept as written, in its own logical order) between “ ” marks (« » in Arabic). Dates are
given both ways: ``15 October 2017 (2017-10-15)``.

Each ``cite_*`` function takes ``lang``: the words around the source's own data (labels, dates,
the atlas's headline and vocabulary) come from ``geo.i18n``; titles, outlets, URLs and quotes
stay as the source published them.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from typing import Any

from geo import i18n
from geo.corpus import Article, CatalogRow, article_title
from geo.forces import ForceRecord
from geo.i18n import label
from geo.i18n import t as _t
from geo.timeline import Event

URL_NOT_KNOWN = "URL not known"
DATE_NOT_KNOWN = "date not known"



def _long(day: dt.date, lang: str) -> str:
    return i18n.format_date(day, lang)


def format_date(day: dt.date | None, lang: str = "en") -> str:
    """``15 October 2017 (2017-10-15)``, or "date not known" (the ISO form stays as is)."""
    if day is None:
        return DATE_NOT_KNOWN if lang == "en" else _t("ui.cite_date_not_known", lang)
    return f"{_long(day, lang)} ({day.isoformat()})"


def _date_range(start: dt.date, end: dt.date | None, lang: str = "en") -> str:
    if end is None or end == start:
        return format_date(start, lang)
    iso = _t("msg.cite_iso_span", lang, start=start.isoformat(), end=end.isoformat())
    return f"{_long(start, lang)} – {_long(end, lang)} ({iso})"


def _url(url: object, lang: str = "en") -> str:
    text = "" if url is None else str(url).strip()
    if lang == "en":
        return f"URL: {text}" if text else URL_NOT_KNOWN
    return _t("msg.cite_url", lang, url=text) if text else _t("ui.cite_url_not_known", lang)


def _locator(outlet: str, day: dt.date | None, title: str, note: str, lang: str = "en") -> str:
    """In place of a missing URL: how to find the original (outlet, date, title) and the
    catalog's note on the copies found, as recorded."""
    text = _t("msg.cite_locator", lang, outlet=outlet or _t("ui.cite_outlet_not_known", lang),
              date=format_date(day, lang), title=_quoted(title, lang) if title else "—")
    if note:
        text += ". " + _t("msg.cite_archive_note", lang, note=_one_line(note))
    return text


def _evidence(evidence: Any, row_url: str, lang: str = "en", skip: str = "") -> list[str]:
    """The deciding phrase (and where its words are, when not at the cited URL), or the
    unverified mark with its reason. ``skip``: a quote already given (not repeated)."""
    if evidence is None or not getattr(evidence, "check", ""):
        return []
    if not evidence.verified:
        return [_t("msg.cite_unverified", lang, note=_one_line(evidence.check_note))]
    if skip and evidence.phrase.strip() == skip.strip():
        return []
    parts = [_t("msg.cite_phrase", lang, phrase=_verbatim(evidence.phrase, lang))]
    where = evidence.words_url(row_url)
    if where and where.strip() != (row_url or "").strip():
        parts.append(_t("msg.cite_phrase_at", lang, url=where))
    return parts


def _quoted(text: str, lang: str = "en") -> str:
    return f"«{_one_line(text)}»" if lang == "ar" else f"“{_one_line(text)}”"


def _verbatim(text: str, lang: str = "en") -> str:
    """A quote exactly as written (only the surrounding blanks trimmed)."""
    body = str(text or "").strip()
    return f"«{body}»" if lang == "ar" else f"“{body}”"


def _one_line(text: object) -> str:
    return " ".join(str(text or "").split())


def _join(parts: list[str]) -> str:
    return ". ".join(p.rstrip(". ") for p in parts if p) + "."


def cite_event(event: Event, lang: str = "en") -> str:
    """A timeline event: what happened, when, and the report it is sourced to."""
    source = _one_line(event.outlet) or _t("ui.cite_source_not_named", lang)
    if event.source_title:
        source += f"{_comma(lang)}{_quoted(event.source_title, lang)}"
    title = (event.title_ar or event.title_en) if lang == "ar" else event.title_en
    parts = [f"{_one_line(title)} — {_date_range(event.start, event.end, lang)}",
             _t("msg.cite_source", lang, source=source), _url(event.url, lang),
             *_evidence(getattr(event, "evidence", None), event.url, lang)]
    if event.article_id:
        parts.append(_t("msg.cite_also_reported", lang, article=event.article_id))
    return _join(parts)


def _comma(lang: str) -> str:
    return i18n.join_words(["", ""], lang)


def _catalog(article: Article | CatalogRow | None) -> CatalogRow | None:
    if isinstance(article, CatalogRow):
        return article
    if isinstance(article, Article):
        return article.catalog
    return None


def _catalog_row(article_id: str) -> CatalogRow | None:
    """The project seeds' catalog row for an article the curated tables cite, or None when the
    catalog cannot be read. The project's own ``seeds/``, not the configured archive: the
    tables cite the seeds, and an archive's catalog can hold a million rows."""
    from geo.paths import PROJECT_SEEDS_DIR
    from geo.problems import DataError

    path = PROJECT_SEEDS_DIR / "catalog.csv"
    try:
        st = path.stat()
        return _seed_catalog(str(path), st.st_mtime_ns, st.st_size).get(article_id)
    except (DataError, OSError, ValueError):
        return None


@functools.lru_cache(maxsize=2)
def _seed_catalog(path: str, mtime_ns: int, size: int) -> dict[str, CatalogRow]:
    from geo.corpus import load_catalog

    return load_catalog(path)


def cite_force(record: ForceRecord, article: Article | CatalogRow | None = None,
               lang: str = "en") -> str:
    """A monitor-force statement with its verbatim quote.

    When the record's quote comes from a seed article, the citation gives the article's own
    outlet, date and URL ("URL not known" when the catalog has none); another outlet's report of
    the same statement (``related_outlet``, ``related_title``, ``related_url``) is listed
    separately, under its own outlet's name. The article's catalog row is
    taken from ``article`` (an Article or CatalogRow) when given, else read from the catalog.
    """
    # Words, never the table's ids ("Russia: military police, proposed", not
    # "russia: military-police, proposed").
    what = [label("force.", record.force_type, lang), label("stance.", record.stance, lang)]
    if lang == "en":
        what = [w.lower() for w in what]
    who = f"{label('actor.', record.actor, lang)}: " + i18n.join_words(what, lang)
    zones = i18n.join_words((label("zone.", z, lang) for z in record.zone_ids), lang)
    head = _t("msg.cite_force_head", lang, who=who, zones=zones,
              date=format_date(record.date, lang))
    parts = [head]
    if record.condition_en:
        # The condition is the atlas's English summary: in Arabic the quote below gives it.
        parts.append(_t("msg.cite_condition", lang, text=_one_line(record.condition_en)))
    cat = _catalog(article)
    if cat is None and record.article_id:
        cat = _catalog_row(record.article_id)
    title = _one_line(article_title(article.title, lang)) if isinstance(article, Article) else \
        _one_line(record.source_title)
    if cat is not None:
        outlet = (_one_line(cat.outlet_en) or _one_line(record.outlet)
                  or _t("ui.cite_outlet_not_known", lang))
        if cat.outlet_ar:
            outlet += f" ({_one_line(cat.outlet_ar)})"
        source = outlet + (f"{_comma(lang)}{_quoted(title, lang)}" if title else "")
        parts += [_t("msg.cite_source", lang, source=source),
                  _t("msg.cite_published", lang, date=format_date(cat.published, lang)),
                  _url(cat.url, lang) if (cat.url or "").strip() else
                  _locator(outlet, cat.published, title, cat.date_evidence, lang)]
        if record.url and record.url.strip() != (cat.url or "").strip():
            # (a table the validator refuses: a URL that is not the article's own)
            parts.append(_t("msg.cite_related", lang, url=record.url.strip()))
    else:
        source = _one_line(record.outlet) or _t("ui.cite_outlet_not_known", lang)
        source += f"{_comma(lang)}{_quoted(title, lang)}" if title else ""
        parts += [_t("msg.cite_source", lang, source=source), _url(record.url, lang)]
    related_url = getattr(record, "related_url", "").strip()
    if related_url:
        # Another outlet's report, named with its own outlet and title: never the record's
        # source (issue 5 review).
        related = _one_line(record.related_outlet) or _t("ui.cite_outlet_not_known", lang)
        if record.related_title:
            related += f"{_comma(lang)}{_quoted(_one_line(record.related_title), lang)}"
        parts.append(_t("msg.cite_related_report", lang, source=related, url=related_url))
    parts += _evidence(getattr(record, "evidence", None), record.url, lang, skip=record.quote)
    if record.article_id:
        parts.append(_t("msg.cite_atlas_article", lang, article=record.article_id))
    text = _join(parts)
    if record.quote:
        text += " " + _t("msg.cite_quote", lang, quote=_verbatim(record.quote, lang))
    return text


def cite_article_link(item_or_article: Mapping[str, Any] | Article, mention_text: str,
                      sentence: str, lang: str = "en") -> str:
    """An article's mention of a zone: the article's source and the sentence it is in.

    ``item_or_article`` is an :class:`~geo.corpus.Article` or an item of
    ``geo.atlas.load_linked_corpus()`` (a dict holding ``"article"``).
    """
    if isinstance(item_or_article, Article):
        article = item_or_article
    else:
        article = item_or_article["article"]
    cat = article.catalog
    outlet = _t("ui.cite_outlet_not_known", lang)
    if cat is not None and cat.outlet_en:
        outlet = _one_line(cat.outlet_en) + (f" ({_one_line(cat.outlet_ar)})"
                                             if cat.outlet_ar else "")
    url = (cat.url or "").strip() if cat else ""
    parts = [f"{outlet}{_comma(lang)}{_quoted(article_title(article.title, lang), lang)}",
             _t("msg.cite_published", lang,
                date=format_date(cat.published if cat else None, lang)),
             _url(url, lang) if url else
             _locator(outlet, cat.published if cat else None, article_title(article.title, lang),
                      cat.date_evidence if cat else "", lang),
             _t("msg.cite_atlas_article", lang, article=article.article_id)]
    text = _join(parts)
    text += " " + _t("msg.cite_mention", lang, mention=_verbatim(mention_text, lang),
                     sentence=_verbatim(sentence, lang))
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
