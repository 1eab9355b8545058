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
from geo.i18n import digits, format_date, format_number, join_words, label
from geo.i18n import t as _t
from geo.problems import DataError, Problem

T = TypeVar("T")

FIRST_DAY = dt.date(2017, 5, 1)
# The Idlib area lasted until the offensive of late Nov 2024 (geo/data/zone_status.csv).
LAST_DAY = dt.date(2024, 12, 31)
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


def parse_day(value: str | None, lang: str = "en") -> tuple[dt.date | None, str]:
    """A ``?date=`` value: (date, "") or (None, reason) for a friendly message."""
    if value is None or value == "":
        return None, ""
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        return None, _t("msg.not_a_date", lang, value=value[:40])
    if not FIRST_DAY <= day <= LAST_DAY:
        return None, _t("msg.date_out_of_range", lang, value=format_date(day, lang),
                        first=format_date(FIRST_DAY, lang), last=format_date(LAST_DAY, lang))
    return day, ""


def parse_zone(value: str | None, lang: str = "en") -> tuple[str | None, str]:
    if value is None or value == "":
        return None, ""
    v = value.strip().lower()
    if v in ZONE_IDS:
        return v, ""
    return None, _t("msg.no_such_zone", lang, value=value[:40], zones=", ".join(ZONE_IDS))


# --- words, numbers and dates in the interface language ------------------------------------------

# Columns whose cells are vocabulary ids, dates, numbers or offsets: localise_table turns them into
# the interface language, so the functions that build tables stay language-free where they can.
TABLE_VOCABULARY = {"status": "status.", "kind": "kind.", "stance": "stance.", "what": "force.",
                    "who": "actor.", "confidence": "ui.confidence_"}
TABLE_DATES = {"when", "date", "from", "to", "published", "represents"}
TABLE_NUMBERS = {"area_km2", "articles", "monitor_records"}
TABLE_DIGITS = {"offsets"}
_UNDATED_COLUMNS = {"when", "date", "published"}


def localise_value(column: str, value: Any, lang: str) -> Any:
    if column in TABLE_VOCABULARY:
        return label(TABLE_VOCABULARY[column], value, lang) if value else value
    if column in TABLE_DATES:
        if value is None or value == "":
            return _t("ui.undated", lang) if column in _UNDATED_COLUMNS else ""
        # A span's arrow points the way the language reads.
        return digits(value, lang).replace("→", "←") if lang == "ar" else value
    if column in TABLE_NUMBERS:
        if value is None or value != value:  # missing, or NaN
            return "—"
        # Numbers stay numbers in English (sortable); Arabic shows Arabic-Indic digits.
        return format_number(value, lang) if lang == "ar" else value
    if column in TABLE_DIGITS:
        return digits(value, lang)
    return value


def localise_table(df: Any, lang: str) -> Any:
    """A table as the reader sees it: headers from ``col.<name>``, vocabulary ids as words, and
    dates and numbers in the language's digits. The one place tables are localised."""
    from geo.i18n import translate_table_columns

    out = df.copy()
    for c in out.columns:
        if c in TABLE_VOCABULARY or c in TABLE_DATES or c in TABLE_NUMBERS or c in TABLE_DIGITS:
            out[c] = [localise_value(c, v, lang) for v in out[c].tolist()]
    if out.index.name is not None:
        name = str(out.index.name)
        out.index = [localise_value(name, v, lang) for v in out.index.tolist()]
        out.index.name = translate_table_columns([name], lang, strict=False)[name]
    return out.rename(columns=translate_table_columns([str(c) for c in out.columns], lang,
                                                      strict=False))


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


def governorate_label(pcodes: list[str], base: dict[str, Any] | None, lang: str = "en") -> str:
    """Governorate names from the OCHA layer (its own Arabic names in Arabic)."""
    if not base:
        return ", ".join(pcodes)
    adm1 = base["adm1"]
    column = "ADM1_AR" if lang == "ar" and "ADM1_AR" in adm1.columns else "ADM1_EN"
    names = []
    for code in pcodes:
        names.append(str(adm1.loc[code, column]) if code in adm1.index else code)
    return join_words(names, lang)


def _represents(zone: Any, lang: str) -> str:
    try:
        return format_date(dt.date.fromisoformat(str(zone["represents_date"])), lang)
    except ValueError:
        return str(zone["represents_date"])


def zone_facts(zones_value: dict[str, Any], zone_id: str, base: dict[str, Any] | None,
               lang: str = "en") -> Any:
    """The zone's facts as (fact, value) rows. The confidence note is English-only prose, so it
    is left to the outline's notes (``zone_notes``) rather than mixed into an Arabic cell."""
    import pandas as pd

    zone = zones_value["gdf"].loc[zone_id]
    rows = [
        (_t("ui.fact_area", lang),
         _t("msg.area_value", lang, area=format_number(zones_value["areas"][zone_id], lang))),
        (_t("ui.fact_governorates", lang),
         governorate_label(list(zone["governorates"]), base, lang)),
        (_t("ui.fact_shape_represents", lang), _represents(zone, lang)),
        (_t("ui.fact_confidence", lang), label("ui.confidence_", zone["confidence"], lang)),
        (_t("ui.fact_sources", lang),
         "; ".join(c.get("outlet", "") for c in zone["citations"])),
    ]
    return pd.DataFrame(rows, columns=["fact", "value"])


def zone_notes(zones_value: dict[str, Any], zone_id: str) -> dict[str, Any]:
    """How the outline was drawn: English-only prose from the digitisation recipe, and sources."""
    zone = zones_value["gdf"].loc[zone_id]
    return {"digitised_from": str(zone["digitised_from"]),
            "confidence_note": str(zone["confidence_note"]),
            "memorandum_wording_en": str(zone["memorandum_wording_en"]),
            "citations": [(c.get("outlet", ""), c.get("title", ""), c.get("url", ""))
                          for c in zone["citations"]]}


def digitisation_table(zones_value: dict[str, Any], lang: str = "en") -> Any:
    import pandas as pd

    gdf = zones_value["gdf"]
    rows = []
    for zid in gdf.index:
        z = gdf.loc[zid]
        rows.append({
            "zone": z["name_ar"] if lang == "ar" else z["name_en"],
            "area_km2": round(zones_value["areas"][zid]),
            "represents": z["represents_date"], "confidence": z["confidence"],
            "digitised_from": z["digitised_from"],
            "sources": "; ".join(f"{c.get('outlet', '')} ({c.get('url', '')})"
                                 for c in z["citations"]),
        })
    return pd.DataFrame(rows, columns=["zone", "area_km2", "represents", "confidence",
                                       "digitised_from", "sources"])


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


def _event_rows(events: list[Any], names: dict[str, str], lang: str = "en"
                ) -> list[dict[str, Any]]:
    from geo.escape import safe_url

    rows = []
    for e in events:
        first_zone = next((z for z in e.zone_ids if z != "all"), None)
        rows.append({
            "when": _when(e.start, e.end), "zones": _zones_label(e.zone_ids, names, lang),
            "kind": e.kind, "event": event_title(e, lang), "summary": e.summary_en,
            "outlet": e.outlet, "source": safe_url(e.url),
            "article": e.article_id or "",
            "zone_page": f"/zone?zone={first_zone}" if first_zone else None,
        })
    return rows


def events_table(timeline: dict[str, Any], zones: list[str], kinds: list[str],
                 names: dict[str, str], lang: str = "en") -> Any:
    import pandas as pd

    chosen = [e for e in timeline["events"]
              if e.kind in kinds and ("all" in e.zone_ids or set(e.zone_ids) & set(zones))]
    return pd.DataFrame(_event_rows(chosen, names, lang),
                        columns=["when", "zones", "kind", "event", "summary", "outlet",
                                 "source", "article", "zone_page"])


def zone_events_table(timeline: dict[str, Any], zone_id: str, lang: str = "en") -> Any:
    import pandas as pd

    events = [e for e in timeline["events"] if e.concerns(zone_id)]
    rows = _event_rows(events, {}, lang)
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


def event_citations(timeline: dict[str, Any], zone_id: str, lang: str = "en"
                    ) -> list[tuple[str, str]]:
    """(label to pick it by, citation to copy) for each event of the zone, both in ``lang``
    (the citation keeps the source's own title, outlet and URL as published)."""
    from geo.citations import cite_event

    return [(f"{_day_or_undated(e.start, lang)} · {event_title(e, lang)}", cite_event(e, lang))
            for e in timeline["events"] if e.concerns(zone_id)]


def force_citations(forces: list[Any], zone_id: str, lang: str = "en") -> list[tuple[str, str]]:
    from geo.citations import cite_force

    return [(f"{_day_or_undated(r.date, lang)} · {label('actor.', r.actor, lang)} · "
             f"{label('stance.', r.stance, lang)} · {label('force.', r.force_type, lang)}",
             cite_force(r, lang=lang))
            for r in forces if zone_id in r.zone_ids or "all" in r.zone_ids]


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
        "outlet": r.outlet, "source": safe_url(r.url), "note": r.note_en,
        "zone_ids": r.zone_ids,
    } for r in forces]


def forces_table(forces: list[Any], zone_id: str | None, actors: list[str] | None = None,
                 names: dict[str, str] | None = None, lang: str = "en") -> Any:
    import pandas as pd

    rows = [r for r in force_rows(forces, names, lang)
            if (zone_id is None or zone_id in r["zone_ids"] or "all" in r["zone_ids"])
            and (actors is None or r["actor"] in actors)]
    cols = ["date", "who", "what", "zones", "stance", "condition", "quote", "article", "outlet",
            "source", "note"]
    return pd.DataFrame(rows, columns=cols)


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


# --- articles ---------------------------------------------------------------------------------

def key_figures(zones_value: dict[str, Any], statuses: dict[str, str],
                article_counts: dict[str, int] | None, forces: Part,
                base: dict[str, Any] | None, lang: str = "en") -> Any:
    """One row per zone. ``article_counts``: articles about each zone
    (``geo.articles.about_counts``), or None when the articles cannot be read."""
    import pandas as pd

    gdf = zones_value["gdf"]
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
            "governorates": governorate_label(list(gdf.loc[zid, "governorates"]), base, lang),
            "articles": article_counts.get(zid) if article_counts is not None else None,
            "monitor_records": force_counts[zid] if forces.ok else None,
        })
    return pd.DataFrame(rows)


def _md(text: str) -> str:
    from geo.escape import md_escape

    return md_escape(text)


# --- downloads --------------------------------------------------------------------------------

def _csv(df: Any) -> bytes:
    return df.to_csv(index=False).encode("utf-8-sig")  # BOM: spreadsheets then read Arabic right


def downloads(zones: Part, timeline: Part, forces: Part, articles: Part,
              lang: str = "en") -> dict[str, Any]:
    """The four downloads, labelled in ``lang``; the files themselves keep their schemas."""
    import pandas as pd

    from geo.paths import ZONES_PATH

    out: dict[str, Any] = {}

    def add(label: str, part: Part, make: Callable[[], bytes], name: str, mime: str,
            lazy: bool = False) -> None:
        if not part.ok:
            out[label] = {"data": None, "why": _t("msg.part_has_problem", lang)}
            return
        # A callable: Streamlit runs it only when the button is clicked, so a large archive's
        # links are not written out on every visit to the page.
        out[label] = {"data": make if lazy else make(), "file_name": name, "mime": mime}

    add(_t("ui.download_zones", lang), zones, lambda: ZONES_PATH.read_bytes(),
        "deescalation-zones.geojson", "application/geo+json")
    add(_t("ui.download_timeline", lang), timeline,
        lambda: _csv(pd.DataFrame([e.to_json() for e in timeline.value["events"]])),
        "deescalation-timeline.csv", "text/csv")
    add(_t("ui.download_forces", lang), forces,
        lambda: _csv(pd.DataFrame([r.to_json() for r in forces.value])),
        "deescalation-monitor-forces.csv", "text/csv")
    from geo.articles import links_csv

    add(_t("ui.download_links", lang), articles, lambda: links_csv(articles.value),
        "deescalation-article-links.csv", "text/csv", lazy=True)
    return out


# --- briefing ---------------------------------------------------------------------------------

def briefing_scenes(names: dict[str, str], lang: str = "en") -> list[dict[str, Any]]:
    scenes: list[dict[str, Any]] = [{"kind": "overview", "title": _t("ui.scene_overview", lang)}]
    scenes += [{"kind": "zone", "zone": z, "title": names.get(z, z)} for z in ZONE_IDS]
    scenes.append({"kind": "timeline", "title": _t("ui.scene_timeline", lang)})
    return scenes


def parse_scene(value: str | None, count: int, lang: str = "en") -> tuple[int, str]:
    """The scene index (0-based) for a link's ``?scene=``, which numbers scenes as the page
    shows them: 1 to ``count`` ("Scene 1 of 6"). Returns ``(0, reason)`` for a bad value."""
    if value is None or value == "":
        return 0, ""
    try:
        number = int(value)
    except ValueError:
        return 0, _t("msg.not_a_scene", lang, value=value[:40])
    if not 1 <= number <= count:
        return 0, _t("msg.no_such_scene", lang, n=digits(number, lang),
                     last=digits(count, lang))
    return number - 1, ""


def briefing_status_line(name: str, colour: str, label: str) -> Any:
    from geo.escape import TrustedHTML, esc

    return TrustedHTML(f'<div class="brief-status"><span class="legend-swatch" '
                       f'style="background:{esc(colour)}"></span>{esc(name)}: '
                       f'<span style="font-weight:400">{esc(label)}</span></div>')


def briefing_facts(zones_value: dict[str, Any], zone_id: str, forces: list[Any] | None,
                   day: dt.date | None = None, lang: str = "en") -> list[str]:
    """Markdown lines for a zone's scene: area, the memorandum's words (English quote: only in
    the English briefing), monitors deployed and proposed by the briefing's date."""
    zone = zones_value["gdf"].loc[zone_id]
    lines = [_t("msg.area_about", lang,
                area=format_number(zones_value["areas"][zone_id], lang),
                date=_represents(zone, lang))]
    if lang != "ar":
        lines.append(_t("msg.memorandum_line", lang, text=_md(zone["memorandum_wording_en"])))
    if forces is not None:
        # Only what had happened by the briefing's date.
        forces = [r for r in forces if day is None or r.date is None or r.date <= day]
        deployed = [r for r in forces if zone_id in r.zone_ids and r.stance == "deployed"]
        # Only records that name this zone: an offer for "all zones" is not listed as if it
        # were about each one.
        proposed = [r for r in forces if zone_id in r.zone_ids
                    and r.stance in ("offered", "proposed")]
        if deployed:
            who = sorted({label("actor.", r.actor, lang) for r in deployed})
            lines.append(_t("msg.monitors_deployed", lang, who=join_words(who, lang),
                            n=digits(len(deployed), lang)))
        if proposed:
            who = sorted({label("actor.", r.actor, lang) for r in proposed})
            lines.append(_t("msg.monitors_proposed", lang, who=join_words(who, lang),
                            n=digits(len(proposed), lang)))
    return lines


def briefing_sources(zones_value: dict[str, Any], timeline: dict[str, Any] | None,
                     zone_id: str | None, day: dt.date, lang: str = "en") -> str:
    """The scene's sources line: who the outlines follow, where the status comes from."""
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
    status = "; ".join(dict.fromkeys(status_src)) or _t("ui.not_known", lang)
    return _t("msg.briefing_sources", lang, outlines=_md(shape), date=format_date(day, lang),
              status=_md(status))


# --- adding an article ------------------------------------------------------------------------

def preview_article(data: bytes, filename: str, names: dict[str, str] | None = None,
                    lang: str = "en") -> dict[str, Any]:
    """What the linker finds in an upload, before anything is written.

    ``message`` (a refusal) and ``warnings`` are in ``lang``; ``notes_en`` are the decoder's and
    the article checks' own notes, which exist in English only."""
    from geo.corpus import ArticleError, article_from_text, clean_text, decode_bytes
    from geo.ingest import MAX_INGEST_BYTES
    from geo.linker import default_linker

    reason = unsafe_upload_name(filename, lang)
    if reason:
        return {"ok": False, "message": reason}
    if len(data) > MAX_INGEST_BYTES:
        return {"ok": False, "message": _t("msg.too_big", lang,
                                           size=format_number(len(data), lang),
                                           limit=format_number(MAX_INGEST_BYTES, lang))}
    if not data.strip():
        return {"ok": False, "message": _t("msg.file_empty", lang)}
    try:
        text, encoding, warnings = decode_bytes(data, filename)
        text, more = clean_text(text)
        art = article_from_text(text, "preview", filename, encoding)
    except ArticleError as exc:
        # The decoder's reasons exist in English only: in Arabic they follow as a note.
        if lang == "ar":
            return {"ok": False, "message": _t("msg.not_readable", lang),
                    "detail_en": exc.message}
        return {"ok": False, "message": exc.message}
    from geo.articles import linker_findings

    links = default_linker().link(art)
    return {"ok": True, "message": "", "title_md": _md(art.title),
            "warnings": [_t("msg.encoding_warning", lang, value=encoding)],
            "notes_en": [*warnings, *more, *art.warnings],
            "findings": linker_findings(links, names or {}, lang)}


def unsafe_upload_name(filename: str, lang: str = "en") -> str:
    """Why an uploaded file's name is refused ("" when it is fine). The saved name never comes
    from the upload, but a name that tries to leave the folder is a sign of a crafted request."""
    name = filename or ""
    if any(sep in name for sep in ("/", "\\", "\x00")) or name.startswith(".") or ".." in name:
        return _t("msg.unsafe_name", lang, name=name[:80])
    return ""


def save_article(data: bytes, filename: str, outlet: str = "", published: dt.date | None = None,
                 url: str = "", date_method: str = "") -> Any:
    from geo import paths
    from geo.access import check_write
    from geo.ingest import ingest_text

    # Before anything is read or the index opened: a forged call in read-only mode stops here.
    check_write()
    reason = unsafe_upload_name(filename)
    if reason:
        from geo.ingest import IngestResult
        return IngestResult(False, f"refused: {reason}")
    meta = {"outlet_en": outlet.strip(), "url": url.strip(),
            "published": published.isoformat() if published else "",
            "date_method": date_method.strip() or ("entered by hand" if published else ""),
            "added": dt.date.today().isoformat()}
    # paths.SEEDS_DIR is read now, not at import, so tests can point it at a temporary folder.
    from geo.index import open_index

    idx = open_index(paths.SEEDS_DIR)
    result = ingest_text(data, filename, seeds_dir=paths.SEEDS_DIR,
                         meta={k: v for k, v in meta.items() if v},
                         existing_hashes=idx.known_hashes())
    if result.ok and result.path is not None:
        # Linked now, alone: it shows everywhere at once, without relinking the archive.
        idx.add_files([result.path.name])
    return result


def import_progress_label(done: int, total: int, lang: str = "en") -> str:
    return _t("msg.importing", lang, done=format_number(done, lang),
              total=format_number(total, lang))


def import_archive(data: bytes, filename: str, lang: str = "en",
                   progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """Bulk-import an uploaded ``.zip`` of articles (``geo.ingest.ingest_zip_bytes``) and say
    what happened in ``lang``: a headline with the counts, the refused files with their reasons
    and, in Arabic, the checker's English details as notes."""
    import pandas as pd

    from geo import paths
    from geo.access import check_write
    from geo.ingest import ingest_zip_bytes

    check_write()  # raises geo.access.AccessDenied when the serving mode forbids writing
    reason = unsafe_upload_name(filename, lang)
    if reason:
        return {"ok": False, "error": reason, "headline": "", "skipped": "", "added": [],
                "refused": pd.DataFrame(columns=["entry", "reason"]), "notes_en": []}
    # paths.SEEDS_DIR is read now, not at import, so tests can point it at a temporary folder.
    from geo.index import open_index

    idx = open_index(paths.SEEDS_DIR)
    result = ingest_zip_bytes(data, filename, paths.SEEDS_DIR,
                              meta={"added": dt.date.today().isoformat()}, progress=progress,
                              existing_hashes=idx.known_hashes())
    if result.added:
        # Only the new files are linked: the rest of the archive is not read again.
        idx.add_files([f"{aid}.txt" for aid in result.added])
    prefix = filename + ":"
    rows, notes = [], []
    for r in result.refused:
        entry = r.where[len(prefix):] if r.where.startswith(prefix) else r.where
        # The checker's reasons exist in English only: Arabic shows the kind of refusal and the
        # English sentence follows as a marked note.
        rows.append({"entry": entry, "reason": r.message if lang != "ar"
                     else _t(f"msg.bulk_reason_{r.code}", lang)})
        notes.append(f"{entry}: {r.message}")
    error = ""
    if result.error:
        error = _t("msg.bulk_stopped", lang,
                   message=result.error if lang != "ar" else _t("msg.see_details", lang))
        notes.append(result.error)
    n = {k: format_number(len(v), lang) for k, v in (("added", result.added), ("duplicates",
         result.duplicates), ("refused", result.refused))}
    return {"ok": result.ok, "error": error, "headline": _t("msg.bulk_summary", lang, **n),
            "skipped": _t("msg.bulk_skipped", lang, n=format_number(len(result.skipped), lang))
            if result.skipped else "",
            "added": result.added, "refused": pd.DataFrame(rows, columns=["entry", "reason"]),
            "notes_en": ["\n".join(notes)] if notes and lang == "ar" else []}
