"""What the dashboard shows, computed without Streamlit.

Each part of the data (zones, base layers, timeline, forces, articles) loads on its own: a broken
file becomes a list of Problems for that part, and every other part keeps working. Pages ask for
the part they need and show its problems when it is missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from geo import ZONE_IDS
from geo.problems import DataError, Problem

T = TypeVar("T")

FIRST_DAY = dt.date(2017, 5, 1)
LAST_DAY = dt.date(2018, 12, 31)
DEFAULT_DAY = dt.date(2017, 10, 15)


@dataclass
class Part:
    """One loaded part of the data, or the problems that stopped it from loading."""

    name: str
    value: Any = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.value is not None


def load_part(name: str, loader: Callable[[], T]) -> Part:
    try:
        return Part(name, loader())
    except DataError as exc:
        return Part(name, None, exc.problems)
    except Exception as exc:  # a bug or an unforeseen file state must not take the app down
        return Part(name, None, [Problem(name, "", f"could not be loaded: {type(exc).__name__}: "
                                         f"{exc}", "run `python -m geo validate` for details")])


def file_fingerprint(*paths: Path) -> tuple[tuple[str, int, int], ...]:
    """(path, mtime_ns, size) for each file below the given paths: a cache key that changes
    when a data file is edited, added or removed."""
    out: list[tuple[str, int, int]] = []
    for p in paths:
        files = sorted(p.rglob("*")) if p.is_dir() else [p]
        for f in files:
            try:
                st = f.stat()
            except OSError:
                out.append((str(f), -1, -1))
                continue
            if f.is_file():
                out.append((str(f), st.st_mtime_ns, st.st_size))
    return tuple(out)


def parse_day(value: str | None) -> tuple[dt.date | None, str]:
    """A ``?date=`` value: (date, "") or (None, reason) for a friendly message."""
    if value is None or value == "":
        return None, ""
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        return None, f"“{value}” is not a date in the form YYYY-MM-DD"
    if not FIRST_DAY <= day <= LAST_DAY:
        return None, (f"{day.isoformat()} is outside the atlas's range "
                      f"({FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()})")
    return day, ""


def parse_zone(value: str | None) -> tuple[str | None, str]:
    if value is None or value == "":
        return None, ""
    v = value.strip().lower()
    if v in ZONE_IDS:
        return v, ""
    return None, (f"There is no zone “{value}”. The zones are: {', '.join(ZONE_IDS)}.")


# --- zones -------------------------------------------------------------------------------------

def legend_row(colour: str, label: str) -> Any:
    from geo.escape import TrustedHTML, esc

    return TrustedHTML(f'<div><span class="legend-swatch" style="background:{esc(colour)}">'
                       f"</span>{esc(label)}</div>")


def zone_names(zones_part: Part, lang: str = "en") -> dict[str, str]:
    """Display names by id (falls back to the id when the zone file is broken)."""
    if not zones_part.ok:
        return {z: z for z in ZONE_IDS}
    gdf = zones_part.value["gdf"]
    return {str(z): str(gdf.loc[z, f"name_{lang}"]) for z in gdf.index}


def governorate_label(pcodes: list[str], base: dict[str, Any] | None) -> str:
    if not base:
        return ", ".join(pcodes)
    adm1 = base["adm1"]
    names = []
    for code in pcodes:
        names.append(str(adm1.loc[code, "ADM1_EN"]) if code in adm1.index else code)
    return ", ".join(names)


def zone_facts(zones_value: dict[str, Any], zone_id: str, base: dict[str, Any] | None) -> Any:
    import pandas as pd

    zone = zones_value["gdf"].loc[zone_id]
    rows = [
        ("Area", f"{zones_value['areas'][zone_id]:,.0f} km² (computed, equal-area projection)"),
        ("Governorates", governorate_label(list(zone["governorates"]), base)),
        ("Shape represents", str(zone["represents_date"])),
        ("Confidence", f"{zone['confidence']}: {zone['confidence_note']}"),
        ("Sources of the outline", "; ".join(c.get("outlet", "") for c in zone["citations"])),
    ]
    return pd.DataFrame(rows, columns=["fact", "value"])


def digitisation_table(zones_value: dict[str, Any]) -> Any:
    import pandas as pd

    gdf = zones_value["gdf"]
    rows = []
    for zid in gdf.index:
        z = gdf.loc[zid]
        rows.append({
            "zone": z["name_en"], "area_km2": round(zones_value["areas"][zid]),
            "represents": z["represents_date"], "confidence": z["confidence"],
            "digitised_from": z["digitised_from"],
            "sources": "; ".join(f"{c.get('outlet', '')} ({c.get('url', '')})"
                                 for c in z["citations"]),
        })
    return pd.DataFrame(rows)


# --- timeline ---------------------------------------------------------------------------------

def load_timeline() -> dict[str, Any]:
    from geo.timeline import load_events, load_zone_status

    return {"events": load_events(), "status": load_zone_status()}


def statuses_on(timeline: dict[str, Any] | None, day: dt.date) -> dict[str, str]:
    """Each zone's status on ``day`` ("none" before it existed)."""
    out = {z: "none" for z in ZONE_IDS}
    if not timeline:
        return out
    for interval in timeline["status"]:
        if interval.zone_id in out and interval.covers(day):
            out[interval.zone_id] = interval.status
    return out


def _zones_label(zone_ids: tuple[str, ...] | list[str], names: dict[str, str]) -> str:
    if "all" in zone_ids:
        return "All zones"
    return ", ".join(names.get(z, z) for z in zone_ids)


def _when(start: dt.date | None, end: dt.date | None) -> str:
    if start is None:
        return "undated"
    if end and end != start:
        return f"{start.isoformat()} → {end.isoformat()}"
    return start.isoformat()


def event_kinds(timeline: dict[str, Any]) -> list[str]:
    return sorted({e.kind for e in timeline["events"]})


def _event_rows(events: list[Any], names: dict[str, str]) -> list[dict[str, Any]]:
    from geo.escape import safe_url

    rows = []
    for e in events:
        first_zone = next((z for z in e.zone_ids if z != "all"), None)
        rows.append({
            "when": _when(e.start, e.end), "zones": _zones_label(e.zone_ids, names),
            "kind": e.kind, "event": e.title_en, "summary": e.summary_en,
            "outlet": e.outlet, "source": safe_url(e.url),
            "article": e.article_id or "",
            "zone_page": f"/zone?zone={first_zone}" if first_zone else None,
        })
    return rows


def events_table(timeline: dict[str, Any], zones: list[str], kinds: list[str],
                 names: dict[str, str]) -> Any:
    import pandas as pd

    chosen = [e for e in timeline["events"]
              if e.kind in kinds and ("all" in e.zone_ids or set(e.zone_ids) & set(zones))]
    return pd.DataFrame(_event_rows(chosen, names),
                        columns=["when", "zones", "kind", "event", "summary", "outlet",
                                 "source", "article", "zone_page"])


def zone_events_table(timeline: dict[str, Any], zone_id: str) -> Any:
    import pandas as pd

    events = [e for e in timeline["events"] if e.concerns(zone_id)]
    rows = _event_rows(events, {})
    return pd.DataFrame(rows, columns=["when", "kind", "event", "summary", "outlet", "source",
                                       "article"])


def zone_lifecycle_table(timeline: dict[str, Any], zone_id: str) -> Any:
    import pandas as pd

    from geo.escape import safe_url

    rows = [{"status": i.status, "from": i.start.isoformat(),
             "to": i.end.isoformat() if i.end else "", "note": i.note_en, "outlet": i.outlet,
             "source": safe_url(i.url)}
            for i in timeline["status"] if i.zone_id == zone_id]
    return pd.DataFrame(rows, columns=["status", "from", "to", "note", "outlet", "source"])


def timeline_chart(timeline: dict[str, Any], zones: list[str], kinds: list[str],
                   names: dict[str, str], day: dt.date) -> Any:
    """Lifecycle bars per zone plus dated events, with the "as of" day as a rule (Altair)."""
    import altair as alt
    import pandas as pd

    from geo.mapping import STATUS_STYLE

    bars = pd.DataFrame([
        {"zone": names.get(i.zone_id, i.zone_id), "status": i.status,
         "start": pd.Timestamp(i.start), "end": pd.Timestamp(i.end or LAST_DAY),
         "note": i.note_en}
        for i in timeline["status"] if i.zone_id in zones])
    events = []
    for e in timeline["events"]:
        if e.kind not in kinds:
            continue
        targets = list(zones) if "all" in e.zone_ids else [z for z in e.zone_ids if z in zones]
        events += [{"zone": names.get(z, z), "date": pd.Timestamp(e.start), "event": e.title_en,
                    "kind": e.kind, "outlet": e.outlet} for z in targets]
    ev = pd.DataFrame(events, columns=["zone", "date", "event", "kind", "outlet"])
    statuses = [s for s in STATUS_STYLE if s != "none"]
    colour = alt.Color("status:N", scale=alt.Scale(
        domain=statuses, range=[STATUS_STYLE[s]["color"] for s in statuses]),
        legend=alt.Legend(title="Status", orient="bottom"))
    order = [names.get(z, z) for z in ZONE_IDS if z in zones]
    y = alt.Y("zone:N", sort=order, title=None, axis=alt.Axis(labelLimit=260))
    layers = []
    if not bars.empty:
        layers.append(alt.Chart(bars).mark_bar(height=26, opacity=0.8).encode(
            x=alt.X("start:T", title=None, scale=alt.Scale(
                domain=[pd.Timestamp(FIRST_DAY).isoformat(), pd.Timestamp(LAST_DAY).isoformat()])),
            x2="end:T", y=y, color=colour,
            tooltip=["zone", "status", alt.Tooltip("start:T", title="from"),
                     alt.Tooltip("end:T", title="to"), "note"]))
    if not ev.empty:
        layers.append(alt.Chart(ev).mark_point(filled=True, size=70, color="#111",
                                               shape="diamond").encode(
            x="date:T", y=y, tooltip=["date:T", "zone", "kind", "event", "outlet"]))
    rule = pd.DataFrame({"date": [pd.Timestamp(day)]})
    layers.append(alt.Chart(rule).mark_rule(color="#B2182B", strokeDash=[4, 3]).encode(x="date:T"))
    return alt.layer(*layers).properties(height=70 * max(1, len(order)) + 40)


def event_citations(timeline: dict[str, Any], zone_id: str) -> list[tuple[str, str]]:
    from geo.citations import cite_event

    return [(f"{e.start.isoformat()} · {e.title_en}", cite_event(e))
            for e in timeline["events"] if e.concerns(zone_id)]


def force_citations(forces: list[Any], zone_id: str) -> list[tuple[str, str]]:
    from geo.citations import cite_force

    return [(f"{r.date.isoformat() if r.date else 'undated'} · {ACTOR_LABELS.get(r.actor, r.actor)}"
             f" · {r.stance} {r.force_type}", cite_force(r))
            for r in forces if zone_id in r.zone_ids or "all" in r.zone_ids]


# --- monitor forces ---------------------------------------------------------------------------

ACTOR_LABELS = {"iran": "Iran", "russia": "Russia", "turkey": "Turkey",
                "kazakhstan": "Kazakhstan", "kyrgyzstan": "Kyrgyzstan",
                "guarantors": "The guarantors", "us": "United States", "jordan": "Jordan",
                "other": "Other"}


def load_forces_table() -> list[Any]:
    from geo.forces import load_forces

    return load_forces()


def force_rows(forces: list[Any], names: dict[str, str] | None = None) -> list[dict[str, Any]]:
    from geo.escape import safe_url

    names = names or {}
    return [{
        "date": r.date.isoformat() if r.date else "", "actor": r.actor,
        "who": ACTOR_LABELS.get(r.actor, r.actor), "what": r.force_type,
        "zones": _zones_label(r.zone_ids, names), "stance": r.stance,
        "condition": r.condition_en, "quote": r.quote, "article": r.article_id,
        "outlet": r.outlet, "source": safe_url(r.url), "note": r.note_en,
        "zone_ids": r.zone_ids,
    } for r in forces]


def forces_table(forces: list[Any], zone_id: str | None, actors: list[str] | None = None,
                 names: dict[str, str] | None = None) -> Any:
    import pandas as pd

    rows = [r for r in force_rows(forces, names)
            if (zone_id is None or zone_id in r["zone_ids"] or "all" in r["zone_ids"])
            and (actors is None or r["actor"] in actors)]
    cols = ["date", "who", "what", "zones", "stance", "condition", "quote", "article", "outlet",
            "source", "note"]
    return pd.DataFrame(rows, columns=cols)


def forces_matrix(forces: list[Any], names: dict[str, str]) -> Any:
    import pandas as pd

    columns = [*ZONE_IDS, "all"]
    cells: dict[str, dict[str, list[str]]] = {}
    for r in forces:
        who = ACTOR_LABELS.get(r.actor, r.actor)
        for z in r.zone_ids:
            cells.setdefault(who, {}).setdefault(z, []).append(r.stance)
    data = {}
    for who, by_zone in sorted(cells.items()):
        row = {}
        for z in columns:
            stances = by_zone.get(z, [])
            row[names.get(z, "All zones") if z != "all" else "All zones"] = ", ".join(
                f"{s} ×{stances.count(s)}" if stances.count(s) > 1 else s
                for s in sorted(set(stances))) if stances else ""
        data[who] = row
    return pd.DataFrame.from_dict(data, orient="index")


# --- articles ---------------------------------------------------------------------------------

def load_linked_corpus() -> dict[str, Any]:
    """Every article with its links; a file that cannot be read is a problem, not a failure."""
    from geo import paths
    from geo.arabic import normalise
    from geo.corpus import load_corpus
    from geo.linker import Linker

    corpus = load_corpus(paths.SEEDS_DIR)
    linker = Linker.from_repo()
    items = []
    for art in corpus.articles:
        links = linker.link(art)
        cat = art.catalog
        items.append({
            "article_id": art.article_id, "article": art, "links": links,
            "title": art.title, "outlet": (cat.outlet_en if cat and cat.outlet_en else "unknown"),
            "published": art.published,
            # Weak mentions (a province named in passing) are shown in the reader but do not
            # count as the article being about the zone.
            "zone_ids": links.zone_ids("medium"),
            "search": normalise(art.title + "\n" + art.text),
        })
    items.sort(key=lambda i: (i["published"] or dt.date.max, i["article_id"]))
    return {"items": items, "problems": corpus.problems,
            "by_id": {i["article_id"]: i for i in items},
            "build_warnings": list(getattr(linker, "build_warnings", []))}


def article_counts(articles: dict[str, Any] | None) -> dict[str, int]:
    counts = {z: 0 for z in ZONE_IDS}
    for item in (articles or {}).get("items", []):
        for z in item["zone_ids"]:
            if z in counts:
                counts[z] += 1
    return counts


def key_figures(zones_value: dict[str, Any], statuses: dict[str, str], articles: Part,
                forces: Part, base: dict[str, Any] | None) -> Any:
    import pandas as pd

    gdf = zones_value["gdf"]
    counts = article_counts(articles.value) if articles.ok else {}
    force_counts = {z: 0 for z in ZONE_IDS}
    if forces.ok:
        for r in forces.value:
            for z in ZONE_IDS:
                if z in r.zone_ids or "all" in r.zone_ids:
                    force_counts[z] += 1
    rows = []
    for zid in gdf.index:
        rows.append({
            "id": zid, "zone": gdf.loc[zid, "name_en"], "name_ar": gdf.loc[zid, "name_ar"],
            "status": statuses.get(zid, "none"),
            "area_km2": round(zones_value["areas"][zid]),
            "governorates": governorate_label(list(gdf.loc[zid, "governorates"]), base),
            "articles": counts.get(zid) if articles.ok else None,
            "monitor_records": force_counts[zid] if forces.ok else None,
        })
    return pd.DataFrame(rows)


def zone_points(articles: dict[str, Any] | None, zone_id: str) -> list[Any]:
    """Places named in the articles that fall inside the zone (one point per place)."""
    from geo.mapping import MapPoint

    seen: dict[str, Any] = {}
    for item in (articles or {}).get("items", []):
        for p in item["links"].places:
            if p.zone_id == zone_id and p.geonameid not in seen:
                seen[p.geonameid] = MapPoint(p.lat, p.lon, p.name_en, p.name_ar,
                                             f" named in {item['article_id']}")
    return list(seen.values())


def _highlights(item: dict[str, Any], zone_id: str | None = None) -> list[Any]:
    from geo.escape import Highlight

    links = item["links"]
    out = []
    for z in links.zones:
        if zone_id and z.id != zone_id:
            continue
        for m in z.mentions:
            cls = "zone" if m.strength != "weak" else "weak"
            out.append(Highlight(m.start, m.end, cls, f"{z.id}: {m.kind} ({m.strength})"))
    if zone_id is None:
        out += [Highlight(g.start, g.end, "general", "the de-escalation zones in general")
                for g in links.general]
        out += [Highlight(p.start, p.end, "place", f"{p.name_en} ({p.zone_id or 'no zone'})")
                for p in links.places]
        out += [Highlight(d.start, d.end, "date", f"date: {d.date or 'unresolved'} ({d.kind})")
                for d in links.dates]
        for f in links.forces:
            if f.condition is not None:
                out.append(Highlight(f.condition.start, f.condition.end, "force",
                                     "condition attached to a monitor-force statement"))
    return out


def zone_evidence(articles: dict[str, Any] | None, zone_id: str) -> list[dict[str, Any]]:
    """For each article that mentions the zone: its evidence sentences, mention highlighted."""
    from geo.escape import highlight_text, rtl_block

    out = []
    for item in (articles or {}).get("items", []):
        link = next((z for z in item["links"].zones if z.id == zone_id), None)
        if link is None:
            continue
        text = item["article"].text
        highlights = _highlights(item, zone_id)
        sentences, seen = [], set()
        for m in link.mentions:
            key = (m.sentence_start, m.sentence_end)
            if key in seen:
                continue
            seen.add(key)
            sentences.append(rtl_block(highlight_text(text, highlights, m.sentence_start,
                                                      m.sentence_end), "ar evidence"))
        from geo.citations import cite_article_link

        first = link.mentions[0]
        citation = cite_article_link(item["article"], first.text,
                                     text[first.sentence_start:first.sentence_end])
        out.append({"article_id": item["article_id"], "title_md": _md(item["title"]),
                    "citation": citation,
                    "meta_md": _meta_md(item) + f" · strength: {link.strength}",
                    "sentences": sentences})
    return out


def _md(text: str) -> str:
    from geo.escape import md_escape

    return md_escape(text)


def _meta_md(item: dict[str, Any]) -> str:
    pub = item["published"].isoformat() if item["published"] else "date unknown"
    return f"{_md(item['outlet'])} · {pub}"


def outlets(articles: dict[str, Any]) -> list[str]:
    return sorted({i["outlet"] for i in articles["items"]})


def article_list(articles: dict[str, Any], query: str = "", zones: list[str] | None = None,
                 outlets: list[str] | None = None) -> Any:
    import pandas as pd

    from geo.arabic import normalise

    needle = normalise(query).strip() if query else ""
    rows = []
    for i in articles["items"]:
        if needle and needle not in i["search"]:
            continue
        if zones and not set(zones) & set(i["zone_ids"]):
            continue
        if outlets and i["outlet"] not in outlets:
            continue
        rows.append({"published": i["published"].isoformat() if i["published"] else "unknown",
                     "title": i["title"], "outlet": i["outlet"],
                     "zones": ", ".join(i["zone_ids"]), "id": i["article_id"],
                     "open": f"/articles?article={i['article_id']}"})
    return pd.DataFrame(rows, columns=["published", "title", "outlet", "zones", "id", "open"])


def article_label(articles: dict[str, Any], article_id: str) -> str:
    i = articles["by_id"][article_id]
    pub = i["published"].isoformat() if i["published"] else "undated"
    return f"{pub} · {i['outlet']} · {i['title'][:70]}"


def reader_view(articles: dict[str, Any], article_id: str, names: dict[str, str],
                lang: str = "en") -> dict[str, Any]:
    """Everything the reader shows for one article, HTML already escaped."""
    import pandas as pd

    from geo.escape import TrustedHTML, esc, highlight_text, join_html, rtl_block

    item = articles["by_id"][article_id]
    art, links = item["article"], item["links"]
    text = art.text
    hl = _highlights(item)
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
        from geo.i18n import t

        return t(key, lang, **fmt)

    pub = item["published"].isoformat() if item["published"] else tr("ui.date_unknown")
    meta = [f"**{tr('ui.published')}:** {pub}"]
    if cat:
        meta.append(f"**{tr('ui.outlet')}:** {_md(cat.outlet_en)} ({_md(cat.outlet_ar)})")
        conf = f"{cat.date_confidence:.2f}" if cat.date_confidence is not None else "n/a"
        meta.append(f"**{tr('ui.date_method')}:** {_md(cat.date_method)} "
                    f"{tr('msg.date_confidence', value=conf)}. {_md(cat.date_evidence)}")
        from geo.escape import safe_url
        url = safe_url(cat.url)
        meta.append(f"**{tr('ui.url')}:** {url}" if url else
                    f"**{tr('ui.url')}:** {tr('ui.not_known')}")
    else:
        meta.append(f"**{tr('ui.catalog')}:** {tr('msg.no_catalog')}")
    meta.append(f"**{tr('ui.file')}:** {_md(art.article_id)}.txt · "
                f"{tr('msg.encoding', value=_md(art.encoding))}")
    findings = []
    for z in links.zones:
        for m in z.mentions:
            findings.append({"finding": f"zone: {names.get(z.id, z.id)}", "text": m.text,
                             "detail": f"{m.kind}, {m.strength}", "offsets": f"{m.start}–{m.end}"})
    for g in links.general:
        findings.append({"finding": "the zones in general", "text": g.text, "detail": "",
                         "offsets": f"{g.start}–{g.end}"})
    for p in links.places:
        findings.append({"finding": f"place: {p.name_en}", "text": p.text,
                         "detail": f"inside {names.get(p.zone_id, p.zone_id)}" if p.zone_id
                         else "outside every zone", "offsets": f"{p.start}–{p.end}"})
    for d in links.dates:
        findings.append({"finding": f"date: {d.date or 'unresolved'}", "text": d.text,
                         "detail": f"{d.kind}{'; ' + d.note if d.note else ''}",
                         "offsets": f"{d.start}–{d.end}"})
    for f in links.forces:
        cond = f" if: {f.condition.text}" if f.condition else ""
        findings.append({"finding": f"monitor force: {f.actor or 'unknown actor'}",
                         "text": f.text[:160], "detail": f"{f.force_type}, {f.stance or 'stance?'}"
                         f", zones {', '.join(f.zones)}{cond}", "offsets": f"{f.start}–{f.end}"})
    legend = tr("msg.reader_legend")
    return {
        "title_en_hint": f"{item['outlet']} · {pub}",
        "title_html": rtl_block(highlight_text(text, hl, *art.title_span), "ar article-title"),
        "body_html": body,
        "furniture_html": join_html(furniture) if furniture else None,
        "meta_md": "  \n".join(meta),
        "legend_md": legend,
        "findings": pd.DataFrame(findings, columns=["finding", "text", "detail", "offsets"]),
        "warnings": list(links.warnings),
    }


# --- downloads --------------------------------------------------------------------------------

def _csv(df: Any) -> bytes:
    return df.to_csv(index=False).encode("utf-8-sig")  # BOM: spreadsheets then read Arabic right


def links_table(articles: dict[str, Any]) -> Any:
    """One row per zone mention, with its evidence sentence and the article's source."""
    import pandas as pd

    rows = []
    for item in articles["items"]:
        art, cat = item["article"], item["article"].catalog
        for z in item["links"].zones:
            for m in z.mentions:
                rows.append({
                    "article_id": item["article_id"], "title": item["title"],
                    "outlet": item["outlet"],
                    "published": item["published"].isoformat() if item["published"] else "",
                    "url": cat.url if cat else "", "zone_id": z.id, "kind": m.kind,
                    "strength": m.strength, "start": m.start, "end": m.end, "text": m.text,
                    "sentence": art.text[m.sentence_start:m.sentence_end].strip()})
    return pd.DataFrame(rows)


def downloads(zones: Part, timeline: Part, forces: Part, articles: Part) -> dict[str, Any]:
    import pandas as pd

    from geo.paths import ZONES_PATH

    out: dict[str, Any] = {}

    def add(label: str, part: Part, make: Callable[[], bytes], name: str, mime: str) -> None:
        if not part.ok:
            out[label] = {"data": None, "why": "its data file has a problem"}
            return
        out[label] = {"data": make(), "file_name": name, "mime": mime}

    add("Zones (GeoJSON)", zones, lambda: ZONES_PATH.read_bytes(), "deescalation-zones.geojson",
        "application/geo+json")
    add("Timeline (CSV)", timeline,
        lambda: _csv(pd.DataFrame([e.to_json() for e in timeline.value["events"]])),
        "deescalation-timeline.csv", "text/csv")
    add("Monitor forces (CSV)", forces,
        lambda: _csv(pd.DataFrame([r.to_json() for r in forces.value])),
        "deescalation-monitor-forces.csv", "text/csv")
    add("Article links (CSV)", articles, lambda: _csv(links_table(articles.value)),
        "deescalation-article-links.csv", "text/csv")
    return out


# --- briefing ---------------------------------------------------------------------------------

def briefing_scenes(names: dict[str, str]) -> list[dict[str, Any]]:
    scenes: list[dict[str, Any]] = [{"kind": "overview", "title": "Four de-escalation zones"}]
    scenes += [{"kind": "zone", "zone": z, "title": names.get(z, z)} for z in ZONE_IDS]
    scenes.append({"kind": "timeline", "title": "How the zones began and ended"})
    return scenes


def parse_scene(value: str | None, count: int) -> tuple[int, str]:
    if value is None or value == "":
        return 0, ""
    try:
        idx = int(value)
    except ValueError:
        return 0, f"“{value[:40]}” is not a scene number; starting at the first scene."
    if not 0 <= idx < count:
        return 0, f"There is no scene {idx}; scenes run from 0 to {count - 1}."
    return idx, ""


def briefing_status_line(name: str, colour: str, label: str) -> Any:
    from geo.escape import TrustedHTML, esc

    return TrustedHTML(f'<div class="brief-status"><span class="legend-swatch" '
                       f'style="background:{esc(colour)}"></span>{esc(name)}: '
                       f'<span style="font-weight:400">{esc(label)}</span></div>')


def briefing_facts(zones_value: dict[str, Any], zone_id: str, forces: list[Any] | None,
                   day: dt.date | None = None) -> list[str]:
    zone = zones_value["gdf"].loc[zone_id]
    lines = [f"Area about **{zones_value['areas'][zone_id]:,.0f} km²** "
             f"(shape as of {zone['represents_date']})",
             f"Memorandum: *{_md(zone['memorandum_wording_en'])}*"]
    if forces is not None:
        # Only what had happened by the briefing's date.
        forces = [r for r in forces if day is None or r.date is None or r.date <= day]
        deployed = [r for r in forces if zone_id in r.zone_ids and r.stance == "deployed"]
        proposed = [r for r in forces if (zone_id in r.zone_ids or "all" in r.zone_ids)
                    and r.stance in ("offered", "proposed")]
        if deployed:
            who = sorted({ACTOR_LABELS.get(r.actor, r.actor) for r in deployed})
            lines.append(f"Monitors deployed: **{', '.join(who)}** ({len(deployed)} records)")
        if proposed:
            who = sorted({ACTOR_LABELS.get(r.actor, r.actor) for r in proposed})
            lines.append(f"Offers and proposals: {', '.join(who)}")
    return lines


def briefing_sources(zones_value: dict[str, Any], timeline: dict[str, Any] | None,
                     zone_id: str | None, day: dt.date) -> str:
    gdf = zones_value["gdf"]
    ids = [zone_id] if zone_id else list(gdf.index)
    outlets: list[str] = []
    for z in ids:
        outlets += [c.get("outlet", "") for c in gdf.loc[z, "citations"]][:3]
    status_src = []
    if timeline:
        for i in timeline["status"]:
            if i.zone_id in ids and i.covers(day):
                status_src.append(f"{i.outlet}")
    shape = "; ".join(dict.fromkeys(o for o in outlets if o))
    status = "; ".join(dict.fromkeys(status_src)) or "n/a"
    return (f"Outlines: {_md(shape)}. Status on {day.isoformat()}: {_md(status)}. "
            "Boundaries: UN OCHA / UNCS COD-AB, CC BY-IGO.")


# --- adding an article ------------------------------------------------------------------------

def preview_article(data: bytes, filename: str) -> dict[str, Any]:
    """What the linker finds in an upload, before anything is written."""
    import pandas as pd

    from geo.corpus import ArticleError, article_from_text, clean_text, decode_bytes
    from geo.ingest import MAX_INGEST_BYTES
    from geo.linker import default_linker

    reason = unsafe_upload_name(filename)
    if reason:
        return {"ok": False, "message": reason}
    if len(data) > MAX_INGEST_BYTES:
        return {"ok": False, "message": f"{len(data):,} bytes is over the "
                                        f"{MAX_INGEST_BYTES:,}-byte limit"}
    if not data.strip():
        return {"ok": False, "message": "the file is empty"}
    try:
        text, encoding, warnings = decode_bytes(data, filename)
        text, more = clean_text(text)
        art = article_from_text(text, "preview", filename, encoding)
    except ArticleError as exc:
        return {"ok": False, "message": exc.message}
    links = default_linker().link(art)
    rows = []
    for z in links.zones:
        for m in z.mentions:
            rows.append({"finding": f"zone {z.id}", "text": m.text,
                         "detail": f"{m.kind}, {m.strength}"})
    rows += [{"finding": "the zones in general", "text": g.text, "detail": ""}
             for g in links.general]
    rows += [{"finding": f"place {p.name_en}", "text": p.text, "detail": p.zone_id or "no zone"}
             for p in links.places]
    rows += [{"finding": f"date {d.date or '?'}", "text": d.text, "detail": d.kind}
             for d in links.dates]
    rows += [{"finding": f"monitor force ({f.actor or '?'})", "text": f.text[:160],
              "detail": f"{f.force_type}, {f.stance or '?'}"} for f in links.forces]
    return {"ok": True, "message": "", "title_md": _md(art.title),
            "warnings": [f"Encoding: {encoding}", *warnings, *more, *art.warnings],
            "findings": pd.DataFrame(rows, columns=["finding", "text", "detail"])}


def unsafe_upload_name(filename: str) -> str:
    """Why an uploaded file's name is refused ("" when it is fine). The saved name never comes
    from the upload, but a name that tries to leave the folder is a sign of a crafted request."""
    name = filename or ""
    if any(sep in name for sep in ("/", "\\", "\x00")) or name.startswith(".") or ".." in name:
        return (f"the file name “{name[:80]}” contains a path or starts with a dot; upload a "
                "plain .txt file")
    return ""


def save_article(data: bytes, filename: str, outlet: str = "", published: dt.date | None = None,
                 url: str = "", date_method: str = "") -> Any:
    from geo import paths
    from geo.ingest import ingest_text

    reason = unsafe_upload_name(filename)
    if reason:
        from geo.ingest import IngestResult
        return IngestResult(False, f"refused: {reason}")
    meta = {"outlet_en": outlet.strip(), "url": url.strip(),
            "published": published.isoformat() if published else "",
            "date_method": date_method.strip() or ("entered by hand" if published else ""),
            "added": dt.date.today().isoformat()}
    # paths.SEEDS_DIR is read now, not at import, so tests can point it at a temporary folder.
    return ingest_text(data, filename, seeds_dir=paths.SEEDS_DIR,
                       meta={k: v for k, v in meta.items() if v})
