"""What the dashboard shows, computed without Streamlit.

Each part of the data (zones, base layers, timeline, forces, articles) loads on its own: a broken
file becomes a list of Problems for that part, and every other part keeps working. Pages ask for
the part they need and show its problems when it is missing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from geo import ZONE_IDS
from geo.i18n import digits, format_date, format_iso, format_number, join_words, label
from geo.i18n import t as _t
from geo.i18n import tn as _tn
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
        # "2017-02-31" is in the form asked for: saying it is not would send the reader
        # looking for a typo in the form rather than in the day.
        key = ("msg.no_such_day" if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip())
               else "msg.not_a_date")
        return None, _t(key, lang, value=value[:40])
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
    return None, _t("msg.no_such_zone", lang, value=value[:40], zones=join_words(ZONE_IDS, lang))


# --- words, numbers and dates in the interface language ------------------------------------------

# Columns whose cells are vocabulary ids, dates, numbers or offsets: localise_table turns them into
# the interface language, so the functions that build tables stay language-free where they can.
TABLE_VOCABULARY = {"status": "status.", "kind": "kind.", "stance": "stance.", "what": "force.",
                    "who": "actor.", "confidence": "ui.confidence_"}
TABLE_DATES = {"when", "date", "from", "to", "published", "represents"}
TABLE_NUMBERS = {"area_km2", "articles", "monitor_records"}
TABLE_DIGITS = {"offsets"}
_UNDATED_COLUMNS = {"when", "date", "published"}


SPAN_ARROW = " → "  # between the ISO days of a span in a date cell (geo.fact_views._when)


def date_cell(value: Any) -> str:
    """A date column's cell as the table keeps it: the ISO text (a day, a month ``2017-05``, a
    year, or a span ``2017-05-04 → 2017-07-01``), ``""`` when undated. The form a grid sorts
    (ISO text sorts by date) and its CSV download carries."""
    if value is None or (isinstance(value, float) and value != value):  # missing, or NaN
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def show_date(column: str, value: Any, lang: str) -> str:
    """A date cell as the reader sees it: in Arabic as the interface writes dates
    (``geo.i18n.format_iso``: «٤ أيار (مايو) ٢٠١٧», a month «أيار (مايو) ٢٠١٧», a year
    «٢٠١٧», a span «من … إلى …»); in English the ISO text. An empty cell reads "undated" in the
    columns where that is news (when, date, published), and stays empty otherwise (the open
    end of a status)."""
    cell = date_cell(value)
    if not cell:
        return _t("ui.undated", lang) if column in _UNDATED_COLUMNS else ""
    if lang != "ar":
        return cell
    if "→" in cell:
        start, _, end = (p.strip() for p in cell.partition("→"))
        return _t("msg.span", lang, start=format_iso(start, lang), end=format_iso(end, lang))
    return format_iso(cell, lang)


def localise_value(column: str, value: Any, lang: str) -> Any:
    if column in TABLE_VOCABULARY:
        return label(TABLE_VOCABULARY[column], value, lang) if value else value
    if column in TABLE_DATES:
        return show_date(column, value, lang)
    if column in TABLE_NUMBERS:
        if value is None or value != value:  # missing, or NaN
            return "—"
        # Numbers stay numbers in English (sortable); Arabic shows Arabic-Indic digits.
        return format_number(value, lang) if lang == "ar" else value
    if column in TABLE_DIGITS:
        return digits(value, lang)
    return value


def localise_table(df: Any, lang: str, keep_dates: bool = False) -> Any:
    """A table as the reader sees it: headers from ``col.<name>``, vocabulary ids as words,
    dates as the interface writes them (``show_date``) and numbers in the language's digits.
    The one place tables are localised. With ``keep_dates`` the date columns keep their ISO
    cells (``date_cell``) for ``table_view`` to show."""
    from geo.i18n import translate_table_columns

    out = df.copy()
    for c in out.columns:
        if keep_dates and c in TABLE_DATES:
            out[c] = [date_cell(v) for v in out[c].tolist()]
        elif c in TABLE_VOCABULARY or c in TABLE_DATES or c in TABLE_NUMBERS or c in TABLE_DIGITS:
            out[c] = [localise_value(c, v, lang) for v in out[c].tolist()]
    if out.index.name is not None:
        name = str(out.index.name)
        out.index = [localise_value(name, v, lang) for v in out.index.tolist()]
        out.index.name = translate_table_columns([name], lang, strict=False)[name]
    return out.rename(columns=translate_table_columns([str(c) for c in out.columns], lang,
                                                      strict=False))


def table_view(df: Any, lang: str) -> Any:
    """``localise_table`` for a data grid (``st.dataframe``): in Arabic a pandas Styler whose
    date cells keep the ISO text (``date_cell``) and are shown as the interface writes dates
    (``show_date``), so a click on a date header sorts by date, not by the words, and the grid's
    CSV download keeps ISO dates. In English, and for a table without a date column, the
    localised DataFrame itself (its dates are already ISO: nothing to format)."""
    import functools

    from geo.i18n import translate_table_columns

    dates = [str(c) for c in df.columns if c in TABLE_DATES]
    if lang != "ar" or not dates:
        return localise_table(df, lang)
    out = localise_table(df, lang, keep_dates=True)
    headers = translate_table_columns(dates, lang, strict=False)
    # na_rep: a missing cell of another column (a row with no zone page) shows empty, as in a
    # DataFrame's grid, not as pandas' "nan"
    return out.style.format({headers[c]: functools.partial(show_date, c, lang=lang)
                             for c in dates}, na_rep="")


# --- zones -------------------------------------------------------------------------------------

def legend_row(colour: str, label: str, hollow: bool = False) -> Any:
    """A legend line: a swatch of ``colour`` and its label. ``hollow``: an empty swatch with a
    dashed edge in ``colour``, for what the map draws as a dashed outline with no fill (a zone
    not yet created, ``geo.mapping.NOT_YET_STYLE``)."""
    from geo.escape import TrustedHTML, esc

    look = (f"background:transparent;border:2px dashed {esc(colour)};box-sizing:border-box"
            if hollow else f"background:{esc(colour)}")
    return TrustedHTML(f'<div><span class="legend-swatch" style="{look}">'
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
         join_words(dict.fromkeys(c.get("outlet", "") for c in zone["citations"]), lang)),
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


# --- timeline and monitor forces: geo.fact_views (re-exported: pages and tests use atlas.*) ---

from geo.fact_views import (  # noqa: E402  (the views need nothing above)
    chosen_events,
    chosen_forces,
    event_citations,
    event_kinds,
    event_title,
    events_table,
    force_cards,
    force_citations,
    force_rows,
    forces_matrix,
    forces_table,
    load_forces_table,
    load_timeline,
    records_caption,
    source_says,
    statuses_on,
    timeline_chart,
    zone_events_table,
    zone_lifecycle_table,
)

__all__ = [
    "chosen_events",
    "chosen_forces",
    "event_citations",
    "event_kinds",
    "event_title",
    "events_table",
    "force_cards",
    "force_citations",
    "force_rows",
    "forces_matrix",
    "forces_table",
    "load_forces_table",
    "load_timeline",
    "records_caption",
    "source_says",
    "statuses_on",
    "timeline_chart",
    "zone_events_table",
    "zone_lifecycle_table",
]


# --- articles ---------------------------------------------------------------------------------

def key_figures(zones_value: dict[str, Any], statuses: dict[str, str],
                article_counts: dict[str, int] | None, forces: Part,
                base: dict[str, Any] | None, lang: str = "en",
                day: dt.date | None = None) -> Any:
    """One row per zone. ``article_counts``: articles about each zone
    (``geo.articles.about_counts``, for ``day`` when the figures are for a day), or None when
    the articles cannot be read. With ``day``, the monitor-force records dated on or before
    it (a record without a date is then not counted); without, every record."""
    import pandas as pd

    gdf = zones_value["gdf"]
    force_counts = {z: 0 for z in ZONE_IDS}
    if forces.ok:
        for r in forces.value:
            if day is not None and (r.date is None or r.date > day):
                continue
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
        lambda: _csv(pd.DataFrame([e.to_csv_row() for e in timeline.value["events"]])),
        "deescalation-timeline.csv", "text/csv")
    add(_t("ui.download_forces", lang), forces,
        lambda: _csv(pd.DataFrame([r.to_csv_row() for r in forces.value])),
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
            lines.append(_tn("msg.monitors_deployed", len(deployed), lang,
                             who=join_words(who, lang)))
        if proposed:
            who = sorted({label("actor.", r.actor, lang) for r in proposed})
            lines.append(_tn("msg.monitors_proposed", len(proposed), lang,
                             who=join_words(who, lang)))
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
    shape = join_words(dict.fromkeys(o for o in outlets if o), lang)
    status = join_words(dict.fromkeys(status_src), lang) or _t("ui.not_known", lang)
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
            "skipped": _tn("msg.bulk_skipped", len(result.skipped), lang)
            if result.skipped else "",
            "added": result.added, "refused": pd.DataFrame(rows, columns=["entry", "reason"]),
            "notes_en": ["\n".join(notes)] if notes and lang == "ar" else []}
