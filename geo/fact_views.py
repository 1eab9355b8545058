"""The timeline's and the monitor forces' views, computed without Streamlit (moved out of
``geo.atlas``, which re-exports them): tables, the time chart, the copyable citations and the
records shown in full. Every fact row carries the deciding phrase of its source
(``geo.evidence``), shown next to its citation, or says it is unverified.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from geo import ZONE_IDS
from geo.i18n import digits, format_date, join_meta, join_words, label
from geo.i18n import t as _t

# --- timeline ---------------------------------------------------------------------------------

def load_timeline() -> dict[str, Any]:
    from geo.timeline import (
        ground_change_events,
        load_events,
        load_zone_status,
        with_ground_changes,
    )

    # The curated events, and one per sourced change of a zone's ground (issue 11).
    return {"events": with_ground_changes(load_events(), ground_change_events()),
            "status": load_zone_status()}


def statuses_on(timeline: dict[str, Any] | None, day: dt.date) -> dict[str, str]:
    """Each zone's status on ``day`` ("none" before it existed)."""
    out = {z: "none" for z in ZONE_IDS}
    if not timeline:
        return out
    for interval in timeline["status"]:
        if interval.zone_id in out and interval.covers(day):
            out[interval.zone_id] = interval.status
    return out


def _zones_label(zone_ids: tuple[str, ...] | list[str], names: dict[str, str],
                 lang: str = "en") -> str:
    if "all" in zone_ids:
        return _t("zone.all", lang)
    return join_words((names.get(z, z) for z in zone_ids), lang)


def _when(start: dt.date | None, end: dt.date | None) -> str:
    """ISO day or span ("" when undated; localise_table says so in the reader's language)."""
    if start is None:
        return ""
    if end and end != start:
        return f"{start.isoformat()} → {end.isoformat()}"
    return start.isoformat()


def event_title(event: Any, lang: str) -> str:
    """The atlas's own headline for the event (not a quote), so its digits follow the
    interface."""
    return digits(event.title_ar or event.title_en, lang) if lang == "ar" else event.title_en


def event_kinds(timeline: dict[str, Any]) -> list[str]:
    return sorted({e.kind for e in timeline["events"]})


def source_says(evidence: Any, lang: str = "en") -> str:
    """What the row's source says, in its own words and language, or that nobody has checked:
    the "Source says" column beside every citation."""
    if evidence is None or not getattr(evidence, "check", ""):
        return ""
    if evidence.verified:
        return f"«{evidence.phrase}»" if lang == "ar" else f"“{evidence.phrase}”"
    return _t("msg.unverified_mark", lang, note=evidence.check_note)


def _event_rows(events: list[Any], names: dict[str, str], lang: str = "en"
                ) -> list[dict[str, Any]]:
    from geo.escape import safe_url

    rows = []
    for e in events:
        first_zone = next((z for z in e.zone_ids if z != "all"), None)
        rows.append({
            "when": _when(e.start, e.end), "zones": _zones_label(e.zone_ids, names, lang),
            "kind": e.kind, "event": event_title(e, lang), "summary": e.summary_en,
            "source_says": source_says(e.evidence, lang),
            "outlet": e.outlet, "source": safe_url(e.url),
            "article": e.article_id or "",
            "zone_page": f"/zone?zone={first_zone}" if first_zone else None,
        })
    return rows


def chosen_events(timeline: dict[str, Any], zones: list[str], kinds: list[str]) -> list[Any]:
    """The events of the chosen kinds about any chosen zone (or about every zone), by date."""
    return [e for e in timeline["events"] if e.kind in kinds and _concerns(e.zone_ids, zones)]


def events_table(timeline: dict[str, Any], zones: list[str], kinds: list[str],
                 names: dict[str, str], lang: str = "en") -> Any:
    import pandas as pd

    chosen = chosen_events(timeline, zones, kinds)
    return pd.DataFrame(_event_rows(chosen, names, lang),
                        columns=["when", "zones", "kind", "event", "summary", "source_says",
                                 "outlet", "source", "article", "zone_page"])


def zone_events_table(timeline: dict[str, Any], zone_id: str, lang: str = "en") -> Any:
    import pandas as pd

    events = [e for e in timeline["events"] if e.concerns(zone_id)]
    rows = _event_rows(events, {}, lang)
    return pd.DataFrame(rows, columns=["when", "kind", "event", "summary", "source_says",
                                       "outlet", "source", "article"])


def zone_lifecycle_table(timeline: dict[str, Any], zone_id: str, lang: str = "en") -> Any:
    import pandas as pd

    from geo.escape import safe_url

    rows = [{"status": i.status, "from": i.start.isoformat(),
             "to": i.end.isoformat() if i.end else "", "note": i.note_en,
             "source_says": source_says(i.evidence, lang), "outlet": i.outlet,
             "source": safe_url(i.url)}
            for i in timeline["status"] if i.zone_id == zone_id]
    return pd.DataFrame(rows, columns=["status", "from", "to", "note", "source_says", "outlet",
                                       "source"])


def _chart_locale(lang: str) -> Any:
    """Vega's time locale for the axis: Arabic month names (the Levantine ones, as in the
    interface's dates). Digits are swapped on the labels (``_AXIS_DIGITS``)."""
    import altair as alt

    from geo.i18n import MONTHS_AR_LEVANTINE

    days = ["الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"]
    return alt.Locale(time=alt.TimeLocale(
        dateTime="%A %e %B %Y %X", date="%d/%m/%Y", time="%H:%M:%S", periods=["ص", "م"],
        days=days, shortDays=days, months=list(MONTHS_AR_LEVANTINE),
        shortMonths=list(MONTHS_AR_LEVANTINE)))


# A Vega expression that writes an axis label's Western digits as Arabic-Indic ones (Vega's time
# locale has no numerals setting).
_AXIS_DIGITS = "timeFormat(datum.value, '%b %Y')"
for _d, _a in zip("0123456789", "٠١٢٣٤٥٦٧٨٩", strict=True):
    _AXIS_DIGITS = f"replace({_AXIS_DIGITS}, /{_d}/g, '{_a}')"


def timeline_chart(timeline: dict[str, Any], zones: list[str], kinds: list[str],
                   names: dict[str, str], day: dt.date, lang: str = "en") -> Any:
    """Lifecycle bars per zone plus dated events, with the "as of" day as a rule (Altair).

    Every word and date on the chart (legend, axis, tooltips) is in ``lang``; tooltip dates are
    preformatted text so they follow the interface's date format."""
    import altair as alt
    import pandas as pd

    from geo.atlas import FIRST_DAY, LAST_DAY
    from geo.mapping import STATUS_STYLE

    def col(name: str) -> str:
        return _t(f"col.{name}", lang)

    bars = pd.DataFrame([
        {"zone": names.get(i.zone_id, i.zone_id), "status": label("status.", i.status, lang),
         "start": pd.Timestamp(i.start), "end": pd.Timestamp(i.end or LAST_DAY),
         "from_text": format_date(i.start, lang),
         "to_text": format_date(i.end, lang) if i.end else "",
         "note": i.note_en}
        for i in timeline["status"] if i.zone_id in zones])
    events = []
    for e in timeline["events"]:
        if e.kind not in kinds:
            continue
        targets = list(zones) if "all" in e.zone_ids else [z for z in e.zone_ids if z in zones]
        events += [{"zone": names.get(z, z), "date": pd.Timestamp(e.start),
                    "date_text": format_date(e.start, lang), "event": event_title(e, lang),
                    "kind": label("kind.", e.kind, lang), "outlet": e.outlet} for z in targets]
    ev = pd.DataFrame(events, columns=["zone", "date", "date_text", "event", "kind", "outlet"])
    statuses = [s for s in STATUS_STYLE if s != "none"]
    colour = alt.Color("status:N", scale=alt.Scale(
        domain=[label("status.", s, lang) for s in statuses],
        range=[STATUS_STYLE[s]["color"] for s in statuses]),
        legend=alt.Legend(title=col("status"), orient="bottom"))
    order = [names.get(z, z) for z in ZONE_IDS if z in zones]
    y = alt.Y("zone:N", sort=order, title=None,
              axis=alt.Axis(labelLimit=480, orient="right" if lang == "ar" else "left"))
    x_axis = alt.Axis(labelExpr=_AXIS_DIGITS) if lang == "ar" else alt.Axis()
    layers = []
    if not bars.empty:
        layers.append(alt.Chart(bars).mark_bar(height=26, opacity=0.8).encode(
            x=alt.X("start:T", title=None, axis=x_axis, scale=alt.Scale(
                domain=[pd.Timestamp(FIRST_DAY).isoformat(), pd.Timestamp(LAST_DAY).isoformat()])),
            x2="end:T", y=y, color=colour,
            tooltip=[alt.Tooltip("zone", title=col("zone")),
                     alt.Tooltip("status", title=col("status")),
                     alt.Tooltip("from_text", title=col("from")),
                     alt.Tooltip("to_text", title=col("to")),
                     alt.Tooltip("note", title=col("note"))]))
    if not ev.empty:
        layers.append(alt.Chart(ev).mark_point(filled=True, size=70, color="#111",
                                               shape="diamond").encode(
            x=alt.X("date:T", axis=x_axis), y=y,
            tooltip=[alt.Tooltip("date_text", title=col("date")),
                     alt.Tooltip("zone", title=col("zone")),
                     alt.Tooltip("kind", title=col("kind")),
                     alt.Tooltip("event", title=col("event")),
                     alt.Tooltip("outlet", title=col("outlet"))]))
    rule = pd.DataFrame({"date": [pd.Timestamp(day)]})
    layers.append(alt.Chart(rule).mark_rule(color="#B2182B", strokeDash=[4, 3]).encode(
        x=alt.X("date:T", axis=x_axis)))
    chart = alt.layer(*layers).properties(height=70 * max(1, len(order)) + 40)
    return chart.configure(locale=_chart_locale(lang)) if lang == "ar" else chart


def _day_or_undated(day: dt.date | None, lang: str) -> str:
    return digits(day.isoformat(), lang) if day else _t("ui.undated", lang)


def event_citations(timeline: dict[str, Any], zone_id: str | None, lang: str = "en",
                    events: list[Any] | None = None) -> list[tuple[str, str]]:
    """(label to pick it by, citation to copy) for each event of the zone, both in ``lang``
    (the citation keeps the source's own title, outlet and URL as published)."""
    from geo.citations import cite_event

    if events is None:
        events = [e for e in timeline["events"] if zone_id is None or e.concerns(zone_id)]
    return [(join_meta([_day_or_undated(e.start, lang), event_title(e, lang)], lang),
             cite_event(e, lang)) for e in events]


def force_citations(forces: list[Any], zone_id: str | None, lang: str = "en"
                    ) -> list[tuple[str, str]]:
    from geo.citations import cite_force

    return [(join_meta([_day_or_undated(r.date, lang), label("actor.", r.actor, lang),
                        label("stance.", r.stance, lang), label("force.", r.force_type, lang)],
                       lang),
             cite_force(r, lang=lang))
            for r in chosen_forces(forces, None if zone_id is None else [zone_id])]


# --- monitor forces ---------------------------------------------------------------------------

def load_forces_table() -> list[Any]:
    from geo.forces import load_forces

    return load_forces()


def force_rows(forces: list[Any], names: dict[str, str] | None = None,
               lang: str = "en") -> list[dict[str, Any]]:
    """One row per record; ``who``/``what``/``stance`` are ids (localise_table words them)."""
    from geo.escape import safe_url

    names = names or {}
    return [{
        "date": r.date.isoformat() if r.date else "", "actor": r.actor,
        "who": r.actor, "what": r.force_type,
        "zones": _zones_label(r.zone_ids, names, lang), "stance": r.stance,
        "condition": r.condition_en, "quote": r.quote, "article": r.article_id,
        "source_says": source_says(r.evidence, lang),
        "outlet": r.outlet, "source": safe_url(r.url), "note": r.note_en,
        # another outlet's report: its outlet and link in one cell, never in "outlet"/"source"
        "related": (f"{r.related_outlet}: {r.related_url}" if r.related_url else ""),
        "zone_ids": r.zone_ids, "record": r,
    } for r in forces]


def _concerns(zone_ids: tuple[str, ...], zones: list[str] | None) -> bool:
    """A record about "all" zones concerns each of them."""
    if zones is None:
        return True
    return bool(zones) and ("all" in zone_ids or bool(set(zone_ids) & set(zones)))


def chosen_forces(forces: list[Any], zones: list[str] | None = None,
                  actors: list[str] | None = None, stances: list[str] | None = None
                  ) -> list[Any]:
    """The records the filters keep, in date order (undated ones last, then file order)."""
    kept = [r for r in forces if _concerns(r.zone_ids, zones)
            and (actors is None or r.actor in actors)
            and (stances is None or r.stance in stances)]
    return sorted(kept, key=lambda r: (r.date is None, r.date or dt.date.min))


def forces_table(forces: list[Any], zone_id: str | None, actors: list[str] | None = None,
                 names: dict[str, str] | None = None, lang: str = "en",
                 stances: list[str] | None = None, zones: list[str] | None = None) -> Any:
    """The monitor-force grid, in date order: ``zone_id`` (one zone's page) or ``zones`` (the
    Monitor forces page's filter), ``actors`` and ``stances`` narrow it; ``None`` keeps all."""
    import pandas as pd

    if zone_id is not None:
        zones = [zone_id]
    records = chosen_forces(forces, zones, actors, stances)
    rows = force_rows(records, names, lang)
    cols = ["date", "who", "what", "zones", "stance", "condition", "quote", "source_says",
            "outlet", "source", "related", "note"]
    return pd.DataFrame(rows, columns=cols)


def records_caption(shown: int, total: int, lang: str = "en") -> str:
    from geo.i18n import format_number, tn

    return tn("msg.records_count", total, lang, shown=format_number(shown, lang))


def force_cards(forces: list[Any], names: dict[str, str], lang: str = "en") -> Any:
    """Each record in full, for reading and checking: who did what for which zones and when,
    the whole quote, the source's deciding phrase (Arabic right to left, in the Arabic font),
    the outlet with its link, the condition and note. Escaped HTML (``geo.escape``)."""
    from geo.escape import TrustedHTML, esc, html_tag, join_html, safe_url

    def text_block(text: str, css: str) -> TrustedHTML:
        arabic = any("\u0600" <= ch <= "\u06ff" for ch in text)
        attrs = {"dir": "rtl", "lang": "ar", "class_": f"{css} ar"} if arabic else \
            {"dir": "ltr", "lang": "und", "class_": f"{css} en-quote"}
        return html_tag("blockquote", text, **attrs)

    cards = []
    for r in forces:
        day = format_date(r.date, lang) if r.date else _t("ui.undated", lang)
        head = _t("msg.force_card_head", lang, date=day,
                  who=label("actor.", r.actor, lang), stance=label("stance.", r.stance, lang),
                  what=label("force.", r.force_type, lang),
                  zones=_zones_label(r.zone_ids, names, lang))
        parts = [html_tag("div", head, class_="force-head")]
        if r.quote:
            parts += [html_tag("div", _t("col.quote", lang), class_="force-label"),
                      text_block(r.quote, "force-quote")]
        ev = r.evidence
        parts.append(html_tag("div", _t("col.source_says", lang), class_="force-label"))
        if ev.verified and r.quote and ev.phrase == r.quote:
            parts.append(html_tag("div", _t("msg.phrase_is_quote", lang), class_="force-meta"))
        elif ev.verified:
            parts.append(text_block(ev.phrase, "force-phrase"))
            where = ev.words_url(r.url)
            if where and where != r.url and safe_url(where):
                parts.append(html_tag("div", join_html([
                    esc(_t("msg.phrase_from", lang) + " "),
                    html_tag("a", where, href=safe_url(where), target="_blank",
                             rel="noopener")]), class_="force-meta"))
        else:
            parts.append(html_tag("div", source_says(ev, lang), class_="force-unverified"))
        parts.append(_source_line(r.outlet, r.source_title, r.url, lang,
                                  not_known=bool(r.article_id)))
        if r.related_url:  # another outlet's report, under that outlet's own name
            parts.append(_source_line(r.related_outlet, r.related_title, r.related_url, lang,
                                      lead=_t("ui.also_reported_by", lang)))
        # The condition and note are the atlas's English notes: labelled in the interface's
        # language, the text itself left to right.
        for column, text in (("condition", r.condition_en), ("note", r.note_en)):
            if text:
                parts += [html_tag("div", _t(f"col.{column}", lang), class_="force-label"),
                          html_tag("div", text, class_="force-note", dir="ltr", lang="en")]
        cards.append(html_tag("div", join_html(parts), class_="force-card"))
    return join_html(cards)


def _source_line(outlet: str, title: str, url: str, lang: str, lead: str = "",
                 not_known: bool = False) -> Any:
    """One source as a card line: outlet — its own title · link (the three always one
    source's). ``not_known``: say "URL not known" when there is no link (a seed article)."""
    from geo.escape import esc, html_tag, join_html, safe_url

    sep = esc(" | " if lang == "ar" else " · ")
    source = [esc(f"{lead} ")] if lead else []
    source.append(esc(outlet))
    if title:  # the source's own title, in its language
        source += [esc(" — "), html_tag("span", title, lang="und")]
    link = safe_url(url)
    if link:
        # Kept on one line: a link broken over two lines gets its focus ring in two pieces,
        # too little of it to see (the keyboard test measured 982 of 1,845 px).
        source += [sep, html_tag("a", _t("ui.open_source", lang), href=link, target="_blank",
                                 rel="noopener", style="white-space:nowrap")]
    elif not_known:
        source += [sep, esc(_t("ui.cite_url_not_known", lang))]
    return html_tag("div", join_html(source), class_="force-meta")


def forces_matrix(forces: list[Any], names: dict[str, str], lang: str = "en") -> Any:
    """Actors (rows, ids: localise_table words them) by zone, each cell the stances recorded."""
    import pandas as pd

    columns = [*ZONE_IDS, "all"]
    cells: dict[str, dict[str, list[str]]] = {}
    for r in forces:
        for z in r.zone_ids:
            cells.setdefault(r.actor, {}).setdefault(z, []).append(r.stance)
    data = {}
    for actor, by_zone in sorted(cells.items()):
        row = {}
        for z in columns:
            stances = by_zone.get(z, [])
            header = _t("zone.all", lang) if z == "all" else names.get(z, z)
            row[header] = join_words(
                (label("stance.", s, lang) + (f" ×{digits(stances.count(s), lang)}"
                                              if stances.count(s) > 1 else "")
                 for s in sorted(set(stances))), lang)
        data[actor] = row
    matrix = pd.DataFrame.from_dict(data, orient="index")
    matrix.index.name = "who"
    return matrix
