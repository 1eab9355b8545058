"""The one Streamlit adapter in ``geo``: cached loaders, the HTML sink, the map widget, messages.

Caches are keyed on file fingerprints (path, mtime, size), so an edited data file is picked up on
the next rerun, and on primitive values only (never on a GeoDataFrame). The fingerprint argument
must not start with an underscore: Streamlit leaves such arguments out of the cache key.
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import folium
import streamlit as st

from geo import access, atlas, paths
from geo.escape import TrustedHTML
from geo.i18n import LANG_NAMES, LANGS, format_date, format_number, join_words, label, t, tn
from geo.paths import ADM0_PATH, ADM1_PATH, DATA_DIR, ZONES_PATH
from geo.problems import Problem

CSS = TrustedHTML("""<style>
.ar, [lang="ar"] { font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "Geeza Pro",
  "Arial", sans-serif; line-height: 1.9; font-size: 1.12rem; }
div.ar { direction: rtl; text-align: right; unicode-bidi: isolate; }
mark.zone { background: #ffe08a; padding: 0 .15em; border-radius: 3px; }
mark.general { background: #d8ecff; }
mark.place { background: #d9f2d9; }
mark.date { background: #f3d9f2; }
mark.force { background: #ffd2c2; }
mark.weak { background: #eeeeee; }
mark.hit { background: #ffe08a; font-weight: 600; }
div.snippet { font-size: 1.02rem; color: #222; }
/* A query typed in Arabic reads right to left, one typed in English left to right. */
div[data-testid="stTextInput"] input { unicode-bidi: plaintext; text-align: start; }
/* Streamlit draws captions at 60 % opacity: 2.9:1 on white, short of WCAG AA (4.5:1). Opaque
   and a darker grey (6.3:1). */
[data-testid="stCaptionContainer"] { opacity: 1 !important; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] * { color: #605f5b; }
.atlas-footer { font-size: .82rem; color: #555; border-top: 1px solid #ddd; margin-top: 2rem;
  padding-top: .5rem; }
div.en { direction: ltr; text-align: left; unicode-bidi: isolate; font-size: .95rem;
  white-space: pre-line;
  color: #333; }
div.en-label { font-size: .8rem; color: #666; }
table.key-figures { border-collapse: collapse; width: 100%; font-size: .95rem; }
table.key-figures th, table.key-figures td { border-bottom: 1px solid #e6e6e6;
  padding: .35rem .6rem; text-align: start; vertical-align: top; }
table.key-figures thead th { color: #555; font-weight: 600; border-bottom: 1px solid #bbb; }
/* Monitor-force records in full (issue 13): whole quotes, the source's deciding phrase. */
div.force-card { border: 1px solid #d9d9d9; border-radius: 6px; padding: .55rem .8rem;
  margin: .55rem 0; }
div.force-head { font-weight: 600; }
div.force-label { font-size: .8rem; color: #555; margin-top: .35rem; }
blockquote.force-quote, blockquote.force-phrase { margin: .15rem 0; padding: .15rem .7rem;
  border-inline-start: 3px solid #b9b9b9; white-space: pre-wrap; }
blockquote.ar { direction: rtl; text-align: right; unicode-bidi: isolate; }
blockquote.en-quote { direction: ltr; text-align: left; unicode-bidi: isolate; }
div.force-meta { font-size: .92rem; color: #333; }
div.force-note { font-size: .9rem; color: #444; text-align: left; }
div.force-unverified { color: #8a4500; font-size: .95rem; }
/* A citation to copy is prose in a proportional font (its Arabic quotes in the Arabic font),
   and reads right to left when the interface is Arabic. */
[class*="st-key-cite-"] pre, [class*="st-key-cite-"] code {
  font-family: "Source Sans Pro", "Noto Sans", "Noto Naskh Arabic", "Arial", sans-serif;
  white-space: pre-wrap; font-size: 1rem; line-height: 1.8; unicode-bidi: plaintext; }
[class*="st-key-cite-ar-"] pre, [class*="st-key-cite-ar-"] code {
  font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "Arial", sans-serif;
  direction: rtl; text-align: right; font-size: 1.05rem; line-height: 1.9; }
.legend-swatch { display:inline-block; width: 1.1em; height: 1.1em; border-radius: 3px;
  vertical-align: middle; margin-inline-end: .4em; border: 1px solid #555; }
/* Keyboard focus, in one place (issue 13): one dark blue ring on every control (7.6:1 on white,
   6.8:1 on the sidebar's grey). Streamlit draws a half-transparent red shadow (2.2:1 on white)
   or nothing (navigation links, radio buttons, the slider's thumb). A visually hidden input
   (radio, slider) rings the control drawn for it; a text box or select rings its whole box;
   the map's frame is ringed inside (its own controls keep Chromium's ring). tests/browser/
   test_keyboard.py measures it. */
:focus-visible, [data-testid="stRadioOption"]:has(input:focus-visible),
[data-testid="stCheckbox"] label:has(input:focus-visible),
[data-testid="stSlider"] div:has(> div > input[type="range"]:focus-visible),
[data-baseweb="input"]:has(input:focus-visible),
[data-testid="stTextInputRootElement"]:has(input:focus-visible),
[data-testid="stTextAreaRootElement"]:has(textarea:focus-visible),
[data-baseweb="textarea"]:has(textarea:focus-visible),
[data-baseweb="select"] > div:has(input:focus-visible),
[role="group"][data-rac]:has(> input:focus-visible),
[data-testid="stMultiSelect"] [role="group"]:has(input:focus-visible),
[data-testid="stDataFrame"]:focus-within {
  outline: 3px solid #1a4fb5 !important; outline-offset: 2px !important; }
iframe:focus-visible, [data-testid="stMain"]:focus-visible { outline-offset: -3px !important; }
input:focus-visible, textarea:focus-visible { outline: none !important; }
/* A chart's or table's toolbar (data, download, full screen) shows only on hover: its buttons
   took focus unseen. */
[data-testid="stElementToolbar"]:focus-within { opacity: 1 !important; }
</style>""")


def inject_css() -> None:
    st.html(CSS)


def render_html(fragment: TrustedHTML) -> None:
    """The only way HTML reaches the page: it must be built by geo.escape."""
    if not isinstance(fragment, TrustedHTML):
        raise TypeError("render_html takes TrustedHTML built by geo.escape, not a plain str")
    st.html(fragment)


def english_text(text: str, what: str = "") -> None:
    """Prose the sources give only in English (digitisation notes, the memorandum's English
    text, the checker's details): shown left to right and, in the Arabic interface, marked as
    English. Escaped like any data."""
    from geo.escape import html_tag, join_html, ltr_block

    parts = []
    if what:
        tag = f" ({T('ui.in_english')})" if lang() == "ar" else ""
        parts.append(html_tag("div", f"{what}{tag}", class_="en-label", dir="auto"))
    parts.append(ltr_block(text, "en"))
    render_html(join_html(parts))


def english_note(text: str) -> None:
    """A checker's note that exists in English only: an info box in English; in Arabic, marked
    as English and set left to right."""
    if lang() == "ar":
        english_text(text, T("ui.details_in_english"))
    else:
        st.info(text)


def show_problems(problems: list[Problem], what: str) -> None:
    """What cannot be shown and why. The validator's lines (file, feature, fix) are English;
    in the Arabic interface they follow the Arabic message, set left to right."""
    from geo.escape import md_escape

    shown = [str(p) for p in problems[:12]]
    if len(problems) > 12:
        shown.append(TN("msg.and_more", len(problems) - 12))
    if lang() == "ar":
        st.error(f"{T('msg.cannot_show', what=what)}\n\n{T('msg.rest_works')}")
        english_text("\n".join(shown), T("ui.details_in_english"))
        return
    lines = "\n".join(f"- {md_escape(line)}" for line in shown)
    st.error(f"{T('msg.cannot_show', what=what)}\n\n{lines}\n\n{T('msg.rest_works')}")


# --- cached data -----------------------------------------------------------------------------

_FINGERPRINTS = "_atlas_fingerprints"  # this run's fingerprints (emptied by init_state)


def fingerprint(*paths: Any) -> str:
    """(path, mtime, size) of every file at or below ``paths`` as a short digest: the cache
    key of what is loaded from them. Hidden files and folders below a folder are left out: the
    article index's own database (``seeds/.atlas/``, its ``-wal``/``-shm`` written while the app
    runs) made the monitor-force table reload on reruns. Within one run each set of
    paths is looked at once (a rerun reads about thirty keys; stat-ing the files and hashing
    the long tuples each time cost several ms); every run looks again, so an edited file is
    picked up on the next rerun."""
    import hashlib

    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    memo = st.session_state.get(_FINGERPRINTS) if get_script_run_ctx() is not None else None
    if memo is not None and paths in memo:
        return memo[paths]
    digest = hashlib.blake2b(repr(_file_stats(paths)).encode(), digest_size=16).hexdigest()
    if memo is not None:
        memo[paths] = digest
    return digest


def _file_stats(paths: tuple) -> tuple[tuple[str, int, int], ...]:
    import stat
    from pathlib import Path

    out: list[tuple[str, int, int]] = []
    for p in map(Path, paths):
        if p.is_dir():
            files = [f for f in sorted(p.rglob("*"))
                     if not any(part.startswith(".") for part in f.relative_to(p).parts)]
        else:
            files = [p]
        for f in files:
            try:
                s = f.stat()
            except OSError:
                out.append((str(f), -1, -1))
                continue
            if stat.S_ISREG(s.st_mode):
                out.append((str(f), s.st_mtime_ns, s.st_size))
    return tuple(out)


@st.cache_resource(show_spinner=False, max_entries=4)
def _zones(fingerprint: str) -> atlas.Part:
    from geo.zones import load_zones, zone_areas_km2

    def load() -> dict[str, Any]:
        gdf = load_zones(ZONES_PATH)
        return {"gdf": gdf, "areas": zone_areas_km2(gdf)}

    return atlas.load_part("Zones (geo/zones.geojson)", load)


def zones_part() -> atlas.Part:
    return _zones(fingerprint(ZONES_PATH))


@st.cache_resource(show_spinner=False, max_entries=2)
def _versions(fingerprint: str) -> atlas.Part:
    from geo.zone_versions import load_versions

    return atlas.load_part("Zone versions (geo/zone_versions.geojson)", load_versions)


def versions_part() -> atlas.Part:
    """Every zone's dated versions, loaded once per file fingerprint (the status file is in the
    key because the loader checks each zone's end against it)."""
    from geo.timeline import ZONE_STATUS_PATH
    from geo.zone_versions import VERSIONS_PATH

    return _versions(fingerprint(VERSIONS_PATH, ZONE_STATUS_PATH))


@st.cache_resource(show_spinner=False, max_entries=64)
def _as_of(zones_fp: str, versions_fp: str, shown: tuple, _day: Any) -> tuple[Any, Any]:
    from geo.zone_versions import zones_as_of

    return zones_as_of(zones_part().value["gdf"], versions_part().value, _day)


def _dated_key(day: Any) -> tuple | None:
    """What the zones on ``day`` depend on: the zones' and versions' file fingerprints and
    which version of each zone the day shows (None when either file is broken)."""
    from geo.zone_versions import VERSIONS_PATH, version_on

    zones, versions = zones_part(), versions_part()
    if not (zones.ok and versions.ok):
        return None
    shown = tuple(getattr(version_on(versions.value, z, day), "version", -1)
                  for z in zones.value["gdf"].index)
    return fingerprint(ZONES_PATH), fingerprint(VERSIONS_PATH), shown


def zones_on(day: Any) -> tuple[Any, Any] | None:
    """``(current, lost)`` GeoDataFrames of the zones on ``day`` (see
    ``geo.zone_versions.zones_as_of``), or None when the zones or their versions are broken.
    Cached on which version of each zone is shown, so stepping through days that change no
    shape costs nothing (the day itself is left out of the key)."""
    key = _dated_key(day)
    return None if key is None else _as_of(*key, day)


@st.cache_resource(show_spinner=False, max_entries=2)
def _base(fingerprint: str) -> atlas.Part:
    from geo.mapping import screen_simplify
    from geo.zones import load_admin1, load_country

    def load() -> dict[str, Any]:
        adm1 = load_admin1(ADM1_PATH).set_index("ADM1_PCODE", drop=False)
        return {"adm1": adm1, "adm1_screen": screen_simplify(adm1, 0.01),
                "adm0": load_country(ADM0_PATH)}

    return atlas.load_part("Base geography (geo/base)", load)


def base_part() -> atlas.Part:
    return _base(fingerprint(ADM0_PATH, ADM1_PATH))


@st.cache_resource(show_spinner=False, max_entries=2)
def _timeline(fingerprint: str) -> atlas.Part:
    return atlas.load_part("Timeline (geo/data)", atlas.load_timeline)


def timeline_part() -> atlas.Part:
    from geo.zone_versions import CHANGES_PATH  # the timeline's generated ground events

    return _timeline(fingerprint(DATA_DIR, CHANGES_PATH))


@st.cache_resource(show_spinner=False, max_entries=2)
def _forces(fingerprint: str) -> atlas.Part:
    return atlas.load_part("Monitor forces (geo/data/forces.csv)", atlas.load_forces_table)


def forces_part() -> atlas.Part:
    # The table quotes the project's own seed articles, never a newsroom's archive.
    return _forces(fingerprint(DATA_DIR, paths.PROJECT_SEEDS_DIR))


_MAX_PROBLEMS_SHOWN = 5


def articles_part() -> atlas.Part:
    """The archive index of the articles folder, brought up to date first when the folder, the
    catalog or the linker changed (a progress bar while it links). Never loads the corpus."""
    from geo.index import IndexError_, open_index

    idx = open_index(paths.SEEDS_DIR)
    try:
        if idx.needs_update():
            bar = st.progress(0.0, text=T("msg.indexing_start"))

            def progress(done: int, total: int) -> None:
                bar.progress(done / max(total, 1), text=T(
                    "msg.indexing", done=format_number(done, lang()),
                    total=format_number(total, lang())))

            summary = idx.update(progress=progress)
            bar.empty()
            if summary.rebuilt:
                st.info(T("msg.index_rebuilt"))
                english_note(summary.rebuilt)
    except (IndexError_, OSError) as exc:
        return atlas.Part("Articles", None, [Problem(str(paths.SEEDS_DIR), "", str(exc),
                                                     "check the articles folder")])
    return atlas.Part("Articles", idx, idx.problems())


def article_problems(part: atlas.Part) -> None:
    """Files of the articles folder that could not be read: the first few, and how many more."""
    for p in part.problems[:_MAX_PROBLEMS_SHOWN]:
        st.warning(T("msg.article_skipped", problem=p))
    if len(part.problems) > _MAX_PROBLEMS_SHOWN:
        st.warning(TN("msg.more_skipped", len(part.problems) - _MAX_PROBLEMS_SHOWN))


@st.cache_data(show_spinner=False, max_entries=8)
def _strength_counts(folder: str, generation: int) -> dict[str, dict[str, int]]:
    from geo.articles import strength_counts
    from geo.index import open_index

    return strength_counts(open_index(folder))


@st.cache_resource(show_spinner=False, max_entries=4)
def _dated_counts(folder: str, generation: int) -> Any:
    """The running counts over publication days (``ArticleIndex.dated_zone_counts``), once per
    index generation: a day's counts are then a few bisections, whatever the day (the map's
    date slider asks for a new day on every step). Shared between sessions: read only."""
    from geo.index import open_index

    return open_index(folder).dated_zone_counts()


@st.cache_data(show_spinner=False, max_entries=8)
def _undated_linked(folder: str, generation: int) -> int:
    from geo.index import open_index

    return open_index(folder).undated_linked()


@st.cache_data(show_spinner=False, max_entries=8)
def _outlets(folder: str, generation: int, lang: str) -> tuple[list[str], dict[str, str]]:
    from geo.articles import outlet_options
    from geo.index import open_index

    return outlet_options(open_index(folder), lang)


def outlet_options(part: atlas.Part) -> tuple[list[str], dict[str, str]]:
    """Outlets to filter by and their names in the interface language, once per index
    generation (a large archive's outlet list costs a scan)."""
    return _outlets(str(part.value.seeds_dir), part.value.generation(), lang())


@st.cache_data(show_spinner=False, max_entries=16)
def _zone_points(folder: str, generation: int, zone_id: str, lang: str) -> list[Any]:
    from geo.articles import zone_points
    from geo.index import open_index

    return zone_points(open_index(folder), zone_id, lang)


def zone_points(part: atlas.Part, zone_id: str) -> list[Any]:
    """Places inside the zone that its articles name, once per index generation (counting
    them over a large archive takes a while)."""
    if not part.ok:
        return []
    return _zone_points(str(part.value.seeds_dir), part.value.generation(), zone_id, lang())


@st.cache_resource(show_spinner=False, max_entries=32)
def _zone_evidence(folder: str, generation: int, zone_id: str, language: str,
                   names: tuple[tuple[str, str], ...], min_strength: str, page: int
                   ) -> tuple[list[dict[str, Any]], int]:
    from geo.articles import zone_evidence
    from geo.index import open_index

    return zone_evidence(open_index(folder), zone_id, language, dict(names),
                         min_strength=min_strength, page=page)


def zone_evidence(part: atlas.Part, zone_id: str, names: dict[str, str], min_strength: str,
                  page: int) -> tuple[list[dict[str, Any]], int]:
    """A page of the zone's articles with their evidence (``geo.articles.zone_evidence``),
    once per index generation (reading the articles' text took a few ms on every rerun).
    Shared between sessions: read it, never change it."""
    return _zone_evidence(str(part.value.seeds_dir), part.value.generation(), zone_id, lang(),
                          tuple(sorted(names.items())), min_strength, page)


def strength_counts(part: atlas.Part, published_by: dt.date | None = None
                    ) -> dict[str, dict[str, int]] | None:
    """Articles linked to each zone by strength (``geo.articles.strength_counts``), cached per
    index generation and day: the one source of every page's article figures. With
    ``published_by``, only the articles published on or before that day."""
    if not part.ok:
        return None
    folder, generation = str(part.value.seeds_dir), part.value.generation()
    if published_by is None:
        return _strength_counts(folder, generation)
    return _dated_counts(folder, generation).on(published_by)


def undated_linked(part: atlas.Part) -> int | None:
    """Articles about some zone whose publication date is not known (``strength_counts`` for a
    day leaves them out), cached per index generation."""
    if not part.ok:
        return None
    return _undated_linked(str(part.value.seeds_dir), part.value.generation())


def about_counts(part: atlas.Part, published_by: dt.date | None = None) -> dict[str, int] | None:
    """Articles about each zone (medium or strong link), from ``strength_counts``."""
    from geo.articles import about_count

    counts = strength_counts(part, published_by)
    return None if counts is None else {z: about_count(c) for z, c in counts.items()}


def clear_caches() -> None:
    for fn in (_zones, _versions, _as_of, _base, _timeline, _forces, _strength_counts,
               _dated_counts, _undated_linked, _outlets,
               _zone_points, _zone_evidence, _base_map_args):
        fn.clear()
    with _layer_lock:
        _layer_js.clear()


# --- the map widget ----------------------------------------------------------------------------
# st_folium renders the whole map with folium/Jinja on every call (about 50 ms a rerun: the
# base map's GeoJSON, every layer's template compiled from its own output). What it sends is
# strings: the base map's script/header/html, one script per feature group, the CSS/JS links.
# Those strings are built here the way st_folium builds them and cached: the base map on the
# base files' fingerprint and the bounds, each layer on a key naming what it shows (file
# fingerprints, zone versions, statuses, language) and its position. A rerun that shows what a
# cache already holds renders nothing. tests/test_ui_map.py holds the arguments equal to
# st_folium's own for the same map.

_MAP_RETURNED = ("last_active_drawing", "last_object_clicked")


@dataclass(frozen=True, eq=False)
class MapLayer:
    """A layer for ``show_map``: ``key`` names everything the layer shows (hashable: file
    fingerprints, which zone versions, statuses, language...); ``build`` makes its folium
    FeatureGroup and runs only when no layer with that key at that position is cached.
    ``legend`` is a dated layer's id, for the page's legend."""

    key: tuple
    build: Callable[[], folium.FeatureGroup]
    legend: str | None = None


def _links(element: Any) -> tuple[list[str], list[str]]:
    """The CSS and JS links st_folium collects from an element and its children (in order)."""
    import branca
    import folium.elements
    import folium.plugins

    css: list[str] = []
    js: list[str] = []

    def walk(el: Any) -> None:
        if isinstance(el, branca.colormap.ColorMap):  # st_folium adds d3 first for these
            js[:0] = ["https://d3js.org/d3.v4.min.js",
                      "https://cdnjs.cloudflare.com/ajax/libs/d3/3.5.5/d3.min.js"]
        if isinstance(el, folium.plugins.DualMap):
            walk(el.m1)
            walk(el.m2)
        if isinstance(el, (branca.colormap.ColorMap, folium.elements.JSCSSMixin)):
            css.extend(href for _, href in getattr(el, "default_css", []))
            js.extend(src for _, src in getattr(el, "default_js", []))
        for child in getattr(el, "_children", {}).values():
            walk(child)

    walk(element)
    return css, js


@st.cache_resource(show_spinner=False, max_entries=64)
def _base_map_args(fingerprint: str, bounds: tuple) -> dict[str, Any]:
    """The base map's part of the component's arguments, as st_folium makes them (read only)."""
    from streamlit_folium import _get_header, _get_html, _get_map_string, get_full_id

    from geo.mapping import build_map

    base = base_part().value
    m = build_map(base["adm1_screen"], base["adm0"], bounds=bounds)
    m.get_root().render()
    m.render()
    html, header = _get_html(m), _get_header(m)
    script = _get_map_string(m)
    (south, west), (north, east) = m.get_bounds()
    css, js = _links(m)
    return {"script": script, "header": header, "html": html, "id": get_full_id(m),
            "bounds": {"_southWest": {"lat": south, "lng": west},
                       "_northEast": {"lat": north, "lng": east}},
            "zoom": m.options.get("zoom"), "css": tuple(css), "js": tuple(js)}


@functools.lru_cache(maxsize=64)
def _js_hash(script: str, key: str) -> str:
    from streamlit_folium import generate_js_hash

    return generate_js_hash(script, key, False)


_LAYER_JS_MAX = 256
_layer_js: dict[tuple, tuple[str, tuple[str, ...], tuple[str, ...]]] = {}
_layer_lock = threading.Lock()


def _layer_strings(layers: list[MapLayer]) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """Each layer's script (st_folium's ``_get_feature_group_string`` at its position) and its
    CSS/JS links, from the cache or rendered now (all missing ones onto one scratch map)."""
    from streamlit_folium import _get_feature_group_string

    from geo.mapping import OfflineMap, stabilise

    keys = [(layer.key, i) for i, layer in enumerate(layers)]
    with _layer_lock:
        found = {k: _layer_js[k] for k in keys if k in _layer_js}
    missing = [(k, layer) for k, layer in zip(keys, layers, strict=True) if k not in found]
    if missing:
        scratch = OfflineMap(location=None, tiles=None)  # its name is replaced by map_div
        made = {}
        for (key, i), layer in missing:
            group = layer.build()
            stabilise(group)
            script = _get_feature_group_string(group, map=scratch, idx=i)
            css, js = _links(group)
            made[(key, i)] = (script, tuple(css), tuple(js))
        with _layer_lock:
            _layer_js.update(made)
            while len(_layer_js) > _LAYER_JS_MAX:  # oldest first
                del _layer_js[next(iter(_layer_js))]
        found.update(made)
    return [found[k] for k in keys]


def map_component_args(bounds: tuple, layers: list[MapLayer], key: str, height: int
                       ) -> dict[str, Any]:
    """The arguments st_folium would give its component for the base map fitted to ``bounds``
    with ``layers`` added (``use_container_width``, no hover, the clicked zone returned),
    without the ``on_change`` callback."""
    base = _base_map_args(fingerprint(ADM0_PATH, ADM1_PATH),
                          tuple(tuple(float(x) for x in corner) for corner in bounds))
    parts = _layer_strings(layers)
    defaults = {"last_object_clicked": None, "last_active_drawing": None,
                "bounds": base["bounds"], "zoom": base["zoom"]}
    css = list(dict.fromkeys([*base["css"], *(c for p in parts for c in p[1])]))
    js = list(dict.fromkeys([*base["js"], *(j for p in parts for j in p[2])]))
    return dict(
        script=base["script"], header=base["header"], html=base["html"], id=base["id"],
        key=_js_hash(base["script"], key), height=height, width=None,
        returned_objects=list(_MAP_RETURNED),
        default={k: v for k, v in defaults.items() if k in _MAP_RETURNED},
        zoom=None, center=None, feature_group="".join(p[0] for p in parts),
        return_on_hover=False, layer_control=None, pixelated=False, css_links=css,
        js_links=js, wrap_longitude=False)


def show_map(bounds: tuple, layers: list[MapLayer], key: str,
             height: int = 560) -> dict[str, Any] | None:
    """Draw the map; only ``layers`` change between reruns, so changing the date recolours the
    zones without remounting the map (no flicker). What st_folium would send, from the caches
    above (``map_component_args``)."""
    from streamlit_folium import _component_func

    missing = [name for name in ("leaflet.js", "leaflet.css")
               if not (paths.LEAFLET_DIR / name).is_file()]
    if missing:
        # Without Leaflet the frame would stay empty: say what is missing and how to fix it.
        folder = paths.LEAFLET_DIR
        if folder.is_relative_to(paths.ROOT):
            folder = folder.relative_to(paths.ROOT)
        st.error(T("msg.map_js_missing", files=", ".join(f"`{n}`" for n in missing),
                   folder=f"`{folder.as_posix()}/`"))
        return None
    args = map_component_args(bounds, layers, key, height)
    hash_key = args["key"]

    def on_change() -> None:  # as st_folium's: the widget's value also under the page's key
        st.session_state[key] = st.session_state.get(hash_key, {})

    return _component_func(**args, on_change=on_change)


def lost_map_layer(day: Any, opens: bool = False) -> MapLayer | None:
    """The ground each zone had lost by ``day`` (``geo.mapping.lost_layer``), or None when the
    zones or their versions are broken. ``opens``: the page opens the zone clicked."""
    from geo.mapping import lost_layer

    key, language = _dated_key(day), lang()
    if key is None:
        return None
    return MapLayer(("lost", key, language, opens),
                    lambda: lost_layer(_as_of(*key, day)[1], lang=language, opens=opens))


def zones_map_layer(day: Any, statuses: dict[str, str], selected: str | None = None,
                    opens: bool = False) -> MapLayer:
    """The zones as they stood on ``day`` coloured by ``statuses`` (as first drawn when their
    versions are broken), ``selected`` outlined (``geo.mapping.zones_layer``). ``opens``: the
    page opens the zone clicked (``clicked_zone``), so Enter on a zone clicks it."""
    from geo.mapping import zones_layer

    key, language, statuses = _dated_key(day), lang(), dict(statuses)

    def build() -> folium.FeatureGroup:
        current = zones_part().value["gdf"] if key is None else _as_of(*key, day)[0]
        return zones_layer(current, statuses, selected=selected, lang=language, opens=opens)

    return MapLayer(("zones", key or fingerprint(ZONES_PATH),
                     tuple(sorted(statuses.items())), selected, language, opens), build)


def points_map_layer(points: list[Any]) -> MapLayer:
    """Places named in articles (``geo.mapping.points_layer``)."""
    from geo.mapping import points_layer

    points = list(points)
    return MapLayer(("points", tuple(points)), lambda: points_layer(points))


def open_zone_page(zone_id: str, day: dt.date) -> None:
    """Switch to the zone's page on ``day``, in the interface's language: a page switch within a
    run resets the widgets' state, the language radio with it, so the language goes in the
    link like the date."""
    st.switch_page("pages/zone.py", query_params={"zone": zone_id, "lang": lang(),
                                                  "date": day.isoformat()})


def clicked_zone(result: dict[str, Any] | None, state_key: str) -> str | None:
    """The zone id of a new click on the map (each click is acted on once)."""
    if not result:
        return None
    feature = result.get("last_active_drawing") or {}
    click = result.get("last_object_clicked")
    if not click:
        # A map drawn afresh (the page opened again) has no click yet: the next click counts
        # even where it repeats the last one (Enter on a zone clicks the same point each time).
        st.session_state.pop(state_key, None)
        return None
    zid = (feature.get("properties") or {}).get("id")
    token = (zid, str(click))
    if zid and click and st.session_state.get(state_key) != token:
        st.session_state[state_key] = token
        return str(zid)
    return None


# --- shared controls and frame -------------------------------------------------------------

KNOWN_PARAMS = {"zone", "date", "article", "lang", "briefing", "scene", "q"}


def text_direction(key: str, text: str) -> None:
    """Set the text box drawn with ``key`` right to left when ``text`` is Arabic (its first
    strong letter), left to right otherwise, whatever the interface language."""
    from geo.i18n import direction_of

    d = direction_of(text)
    if d is None:
        return
    align = "right" if d == "rtl" else "left"
    st.html(TrustedHTML(f"<style>.st-key-{key} input {{ direction: {d}; text-align: {align}; }}"
                        "</style>"))


def lang() -> str:
    return st.session_state.get("lang", "en")


def T(key: str, **fmt: Any) -> str:
    """Translate a label into the interface language (geo.i18n holds every string)."""
    return t(key, lang(), **fmt)


def TN(key: str, n: int, **fmt: Any) -> str:
    """A counted message in the interface language, in the plural form for ``n``."""
    return tn(key, n, lang(), **fmt)


def day_label(day: Any) -> str:
    return format_date(day, lang())


def words(prefix: str) -> Callable[[Any], str]:
    """A widget's ``format_func`` for ids of one vocabulary (``"kind."``, ``"ui.fmt_"``…).

    The language is fixed when the widget is drawn, so a widget never formats its options in
    a language other than the one it was drawn in (AppTest re-formats old widgets too)."""
    current = lang()
    return lambda value: label(prefix, value, current)


@functools.lru_cache(maxsize=8192)
def _day_label(day: dt.date, language: str) -> str:
    return format_date(day, language)


def day_words() -> Callable[[Any], str]:
    # The date control formats every day to 31 Dec 2024 on each rerun (about 60 ms in Arabic
    # uncached), so the labels are memoised.
    current = lang()
    return lambda day: _day_label(day, current)


FRAME_MARK = "_atlas_frame_run"


def require_frame() -> None:
    """Make sure this page runs inside ``dashboard.py``'s frame (navigation, language, date,
    footer). Called first by every page.

    Streamlit still honours its old multipage mode for a ``pages/`` folder until the main script
    has called ``st.navigation`` once (AppTest even restores it before every run): on a freshly
    started server, a deep link such as ``/zone?zone=south`` as the very first request runs
    ``pages/zone.py`` on its own. Then this ends that mode (as ``st.navigation`` does) and runs
    ``dashboard.py`` in this same run, which opens this page inside the frame (both name a page
    by the hash of its URL path, so page files are named as their URL paths), and stops. In the
    same run, not a rerun, so a button's click or a form's submit is not lost."""
    if st.session_state.get(FRAME_MARK):
        return
    import runpy

    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False
    runpy.run_path(str(paths.ROOT / "dashboard.py"), run_name="__main__")
    st.stop()


def leave_frame() -> None:
    st.session_state.pop(FRAME_MARK, None)


def init_state() -> None:
    """Language and date from the link on a session's first run, before anything is drawn.

    The widgets that change them are drawn by ``sidebar_controls``; their values live in session
    state either way.
    """
    st.session_state[FRAME_MARK] = True
    st.session_state[_FINGERPRINTS] = {}  # files are looked at afresh on every run
    if "lang" not in st.session_state:
        wanted = st.query_params.get("lang", "en")
        st.session_state["lang"] = wanted if wanted in LANGS else "en"
        if wanted not in LANGS:
            st.session_state["_lang_warning"] = wanted[:40]
    if "as_of" not in st.session_state:
        day, reason = atlas.parse_day(st.query_params.get("date"), st.session_state["lang"])
        if reason:
            st.session_state["_date_warning"] = reason
        st.session_state["as_of"] = day or atlas.DEFAULT_DAY
    if st.session_state["lang"] == "ar":
        st.html(RTL_CSS)


def step_day(day: dt.date, days: int = 0, months: int = 0) -> dt.date:
    """``day`` moved by whole days or calendar months (the 31st of a shorter month becomes its
    last day), kept within the atlas's range of days."""
    import calendar

    if months:
        total = day.year * 12 + day.month - 1 + months
        year, month = divmod(total, 12)
        month += 1
        day = dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
    day = day + dt.timedelta(days=days)
    return min(max(day, atlas.FIRST_DAY), atlas.LAST_DAY)


def _day_from(widget_key: str) -> None:
    value = st.session_state.get(widget_key)
    if isinstance(value, dt.date):
        st.session_state["as_of"] = step_day(value)


def _step(days: int = 0, months: int = 0) -> None:
    st.session_state["as_of"] = step_day(as_of(), days=days, months=months)


def sidebar_controls() -> None:
    """English / العربية and the "as of" date, both mirrored in the link.

    The day lives in ``st.session_state["as_of"]``; the slider, the date box and the step
    buttons only change it (callbacks, before the run). Each run hands the day back to both
    widgets: a language switch reformats the slider's options, and the browser would otherwise
    show (and, on the next nudge, send) the slider's first day while the page shows another."""
    st.sidebar.radio("Language · اللغة", LANGS, key="lang", horizontal=True,
                     format_func=LANG_NAMES.get)
    day = as_of()
    st.session_state["as_of_slider"] = day
    st.session_state["as_of_input"] = day
    # A select slider over the days, so the date reads in the interface's own format (the plain
    # slider's date format is English-only). Its arrow keys step one day.
    st.sidebar.select_slider(T("ui.as_of"), options=_DAYS, key="as_of_slider",
                             format_func=day_words(), help=T("ui.as_of_help"),
                             on_change=_day_from, args=("as_of_slider",))
    # 2,800 days over a sidebar's width: an exact day is typed (or picked) here.
    st.sidebar.date_input(T("ui.as_of_exact"), key="as_of_input", min_value=atlas.FIRST_DAY,
                          max_value=atlas.LAST_DAY, format="YYYY-MM-DD",
                          on_change=_day_from, args=("as_of_input",))
    # Keyboard: Tab to a button, Enter or Space (the slider's arrow keys step one day too).
    for row in ((("ui.day_back", -1, 0), ("ui.day_forward", 1, 0)),
                (("ui.month_back", 0, -1), ("ui.month_forward", 0, 1))):
        for col, (key, days, months) in zip(st.sidebar.columns(2, gap="small"), row,
                                            strict=True):
            col.button(T(key), key=f"as_of_{key}", on_click=_step,
                       kwargs={"days": days, "months": months}, width="stretch")
    st.query_params["lang"] = st.session_state["lang"]
    st.query_params["date"] = as_of().isoformat()


_DAYS = [atlas.FIRST_DAY + dt.timedelta(days=n)
         for n in range((atlas.LAST_DAY - atlas.FIRST_DAY).days + 1)]


# The page reads right to left in Arabic, but the map's own frame stays left to right: Leaflet
# misplaces tooltips in RTL documents.
RTL_CSS = TrustedHTML("""<style>
[data-testid="stMain"], [data-testid="stSidebarContent"] { direction: rtl; text-align: right; }
[data-testid="stMain"] .stElementContainer:has(iframe) { direction: ltr; }
/* The data grid and Vega draw on canvas/SVG and lay out wrongly in an RTL box (the grid opens
   scrolled to its far end, chart labels and legend overlap): they keep LTR, Arabic text inside
   still reads right to left. */
[data-testid="stMain"] [data-testid="stDataFrame"],
[data-testid="stMain"] .stElementContainer:has(.vega-embed) { direction: ltr; }
/* The "As of" slider's track runs left to right (→ is a day later): its first and last days are
   labelled at the same ends (in RTL they were swapped, 1 May 2017 under the 2024 end). */
[data-testid="stSliderTickBar"] { direction: ltr; }
/* Streamlit aligns its headings to the left whatever the direction: an Arabic page title sat on
   the far side of the column from the text under it. */
[data-testid="stMain"] h1, [data-testid="stMain"] h2, [data-testid="stMain"] h3,
[data-testid="stMain"] h4, [data-testid="stMain"] h5, [data-testid="stMain"] h6 {
  text-align: right; }
[data-testid="stMain"] h1, [data-testid="stMain"] h2, [data-testid="stMain"] h3,
[data-testid="stMain"] p, [data-testid="stMain"] li, [data-testid="stSidebarContent"] p {
  font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Source Sans Pro", sans-serif; }
</style>""")


def as_of() -> Any:
    return st.session_state.get("as_of", atlas.DEFAULT_DAY)


def link_warnings() -> None:
    """Friendly notes for malformed or unknown link parameters (never an exception)."""
    wanted = st.session_state.pop("_lang_warning", None)
    if wanted is not None:
        from geo.escape import md_escape

        st.warning(T("msg.no_such_lang", value=md_escape(wanted), langs=", ".join(
            f"{code} ({LANG_NAMES[code]})" for code in LANGS)))
    reason = st.session_state.pop("_date_warning", None)
    if reason:
        st.warning(T("msg.date_not_used", reason=reason, date=day_label(as_of())))
    unknown = sorted(k for k in st.query_params if k not in KNOWN_PARAMS)
    if unknown:
        st.info(T("msg.unknown_params", params=join_words((f"`{k[:40]}`" for k in unknown),
                                                             lang())))


def footer() -> None:
    st.divider()
    st.caption(T("msg.footer"))


BRIEFING_CSS = TrustedHTML("""<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
header[data-testid="stHeader"], [data-testid="stToolbar"] { display: none !important; }
[data-testid="stMainBlockContainer"] { max-width: 100% !important;
  padding: 1rem 2.5rem !important; }
[data-testid="stMainBlockContainer"] p, [data-testid="stMainBlockContainer"] li {
  font-size: 1.6rem !important; line-height: 1.45; color: #000; }
[data-testid="stMainBlockContainer"] h1 { font-size: 3.2rem !important; color: #000; }
/* At least 24 px for every word on a scene (1920x1080 seen from the back of a room). */
[data-testid="stCaptionContainer"] p, [data-testid="stMainBlockContainer"] kbd,
[data-testid="stMainBlockContainer"] a, [data-testid="stMainBlockContainer"] button,
[data-testid="stMainBlockContainer"] [data-baseweb="select"] *,
[data-testid="stMainBlockContainer"] input {
  font-size: 1.5rem !important; color: #222 !important; }
.brief-status { font-size: 2rem; font-weight: 700; margin: .4rem 0; color: #000; }
.brief-status .legend-swatch { width: 1.4em; height: 1.4em; }
</style>""")


def briefing_css() -> None:
    """Large type, high contrast and no sidebar or header: legible from the back of a room."""
    st.html(BRIEFING_CSS)


# --- exports and citations --------------------------------------------------------------------

@st.cache_data(show_spinner=False, max_entries=16)
def _map_image(day: Any, zone_id: str | None, fmt: str, lang: str, fingerprint: str) -> bytes:
    from geo.export import render_map_image

    return render_map_image(day, zone_id, fmt=fmt, lang=lang)


@st.cache_data(show_spinner=False, max_entries=4)
def _map_html(day: Any, lang: str, fingerprint: str) -> str:
    from geo.export import standalone_html

    return standalone_html(day, lang)


def export_panel(day: Any, zone_id: str | None) -> None:
    """Map of this view as PNG/SVG/PDF (drawn without a browser) and a standalone HTML map."""
    fp = fingerprint(ZONES_PATH, DATA_DIR, ADM1_PATH)
    stem = f"deescalation-{zone_id or 'syria'}-{day.isoformat()}"
    with st.expander(T("ui.export_view")):
        fmt = st.radio(T("ui.format"), ["png", "svg", "pdf", "html"], horizontal=True,
                       key=f"export_fmt_{zone_id}", format_func=words("ui.fmt_"))
        if st.button(T("ui.prepare_file"), key=f"export_go_{zone_id}"):
            try:
                if fmt == "html":
                    data: bytes | str = _map_html(day, lang(), fp)
                    mime = "text/html"
                else:
                    data = _map_image(day, zone_id, fmt, lang(), fp)
                    mime = {"png": "image/png", "svg": "image/svg+xml",
                            "pdf": "application/pdf"}[fmt]
            except (FileNotFoundError, ValueError, OSError) as exc:
                st.error(T("msg.export_failed", reason=exc))
                return
            st.download_button(T("msg.download_file", name=f"{stem}.{fmt}"), data=data,
                               file_name=f"{stem}.{fmt}",
                               mime=mime, key=f"export_dl_{zone_id}")


def citation_box(label: str, citations: list[tuple[str, str]], key: str) -> None:
    """Pick an item, get a citation to copy (st.code has a copy button)."""
    if not citations:
        return
    with st.expander(label):
        labels = [c[0] for c in citations]
        pick = st.selectbox(T("ui.item"), range(len(labels)), format_func=lambda i: labels[i],
                            key=key)
        # The copy button of st.code; the container's key lets the CSS give an Arabic
        # citation its font and direction.
        with st.container(key=f"cite-{lang()}-{key}"):
            st.code(citations[pick][1], language=None, wrap_lines=True)


# --- serving: read-only, editors' sign-in, upload quotas -----------------------------------------
# The rules live in geo.access (plain Python); this is only their Streamlit glue.

_EDITOR = "_atlas_editor"  # an access.EditorSession while an editor is signed in
_TIMED_OUT = "_atlas_editor_timed_out"
_SIGN_IN_KEY = "_atlas_sign_in_key"  # this browser session's key for the sign-in back-off
_QUOTA = "_atlas_upload_quota"
_logged_problems: set[tuple[str, ...]] = set()


def access_settings() -> access.Settings:
    """The serving settings in force, read on every run (a changed secrets file or variable
    needs no restart). Why a mode was made stricter goes to the server's log, once."""
    s = access.load_settings()
    if s.problems and s.problems not in _logged_problems:
        _logged_problems.add(s.problems)
        import sys

        for p in s.problems:
            print(f"atlas: {p}", file=sys.stderr)
    return s


def can_edit() -> bool:
    """Whether this session may add articles now: always in open mode, never read-only, and
    in editors mode while a signed-in editor's session has not timed out (each run counts as
    activity and keeps it alive)."""
    s = access_settings()
    if s.mode == access.OPEN:
        return True
    if s.mode == access.READ_ONLY:
        return False
    editor = st.session_state.get(_EDITOR)
    if editor is None:
        return False
    if not editor.active(s.timeout_minutes):
        del st.session_state[_EDITOR]
        st.session_state[_TIMED_OUT] = True
        return False
    editor.touch()
    return True


def not_editable() -> None:
    """Stands in for the Add page at its URL when this session may not write: a direct link
    (or a forged request for that page) gets this message, never the page."""
    st.title(T("page.add_article"))
    if access_settings().mode == access.READ_ONLY:
        st.info(T("msg.read_only"))
    else:
        st.info(T("msg.sign_in_to_add"))


def require_editing() -> None:
    """Called by the Add page after ``require_frame``: stop with the message unless this
    session may write (the navigation already hides the page; this holds if it is reached
    some other way)."""
    if not can_edit():
        not_editable()
        st.stop()


def editor_panel() -> None:
    """The sidebar's serving line: "read-only" in that mode; in editors mode the sign-in form,
    or who is signed in and a sign-out button. Nothing in open mode."""
    s = access_settings()
    if s.mode == access.READ_ONLY:
        st.sidebar.caption(T("ui.read_only_badge"))
        return
    if s.mode != access.EDITORS:
        return
    if st.session_state.pop(_TIMED_OUT, False):
        st.sidebar.warning(T("msg.session_timed_out"))
    if st.session_state.get(_EDITOR) is not None:
        st.sidebar.caption(TN("msg.signed_in", s.timeout_minutes))
        if st.sidebar.button(T("ui.sign_out"), key="atlas_sign_out"):
            del st.session_state[_EDITOR]
            st.rerun()
        return
    with st.sidebar.expander(T("ui.editor_sign_in")):
        # clear_on_submit: the password does not stay in the widget's state after a try.
        with st.form("atlas_sign_in", clear_on_submit=True, border=False):
            password = st.text_input(T("ui.password"), type="password", key="atlas_password")
            submitted = st.form_submit_button(T("ui.sign_in"))
        if not submitted:
            return
        import secrets as _secrets

        key = st.session_state.setdefault(_SIGN_IN_KEY, _secrets.token_hex(16))
        result = access.gate().attempt(key, password, s.password_hash)
        if result.ok:
            st.session_state[_EDITOR] = access.EditorSession(key=key)
            st.rerun()
        # The same words whatever was wrong (password, or trying again too soon).
        import math

        st.error(TN("msg.sign_in_failed", max(1, math.ceil(result.retry_after))))


def _quota() -> access.UploadQuota:
    if _QUOTA not in st.session_state:
        st.session_state[_QUOTA] = access.quota_for(access_settings())
    return st.session_state[_QUOTA]


def upload_limits() -> str:
    """What the Add page promises: the size of one file and of one article and, when serving
    to editors, what this session may still save. The same numbers the checks use."""
    from geo.ingest import MAX_INGEST_BYTES

    text = T("msg.upload_limits", file_mb=format_number(access.MAX_UPLOAD_MB, lang()),
             article_mb=format_number(MAX_INGEST_BYTES // (1024 * 1024), lang()))
    if access_settings().mode == access.EDITORS:
        q = _quota()
        text += " " + TN("msg.session_quota", q.left_count,
                         mb=format_number(q.left_mb, lang()))
    return text


def write(action: Callable[[], Any], nbytes: int) -> Any:
    """Run one write of this session (a save or an import of ``nbytes`` uploaded bytes) with
    the grant the domain functions check. Returns None, with the reason shown in the interface
    language, when the session may not write now or its upload quota is spent."""
    s = access_settings()
    if not can_edit():
        st.error(T("msg.write_refused_read_only" if s.mode == access.READ_ONLY
                   else "msg.write_refused_sign_in"))
        return None
    if s.mode == access.EDITORS:
        q = _quota()
        reason = q.refusal(nbytes)
        if reason:
            st.error(T(f"msg.quota_{reason}", count=format_number(q.max_count, lang()),
                       mb=format_number(q.max_bytes // (1024 * 1024), lang())))
            return None
        q.record(nbytes)  # counted when tried: a refused upload was still received and read
    editor = st.session_state.get(_EDITOR)
    try:
        with access.granted(editor.key if editor is not None else "open mode"):
            return action()
    except access.AccessDenied as exc:
        st.error(T(f"msg.write_refused_{exc.code}"))
        return None


# --- zones over time: play and the area chart (issue 11) -------------------------------------

def _set_day(day: Any) -> None:
    if day is not None:
        st.session_state["as_of"] = max(atlas.FIRST_DAY, min(day, atlas.LAST_DAY))


def play_control(key: str, names: dict[str, str], big: bool = False,
                 keyboard: bool = False) -> None:
    """Previous/next change of ground: steps the "as of" date through every dated change (the
    page's map and figures follow on the rerun), with the step's caption (date, what changed,
    source). ``keyboard`` binds ↑/↓ (the briefing's ←/→ step its scenes); ``big`` sets the
    caption for a big screen."""
    from geo import zone_history as zh

    versions = versions_part()
    if not versions.ok:
        show_problems(versions.problems, T("ui.part_zones"))
        return
    value, day = versions.value, as_of()

    def go(delta: int) -> None:
        _set_day(zh.step_day(value, as_of(), delta))

    # Streamlit draws a keyboard shortcut's key inside its button: no arrow added to the label
    # (with one, the big-screen label was cut off).
    cols = st.columns([1, 1, 1, 3] if not big else [1, 1.3, 1.3])
    cols[0].button(T("ui.first_change"), on_click=go_first, args=(value,),
                   key=f"{key}_first", width="stretch")
    cols[1].button(T("ui.prev_change"),
                   on_click=go, args=(-1,), key=f"{key}_prev", width="stretch",
                   disabled=zh.step_day(value, day, -1) is None,
                   shortcut="ArrowUp" if keyboard else None)
    cols[2].button(T("ui.next_change"),
                   on_click=go, args=(1,), key=f"{key}_next", width="stretch",
                   disabled=zh.step_day(value, day, 1) is None,
                   shortcut="ArrowDown" if keyboard else None, type="primary")
    render_html(zh.caption_html(zh.step_caption(value, day, names, lang()), lang(), big=big))


def go_first(value: Any) -> None:
    from geo import zone_history as zh

    days = zh.change_days(value)
    _set_day(days[0] if days else None)


@st.cache_resource(show_spinner=False, max_entries=32)
def _area_spec(versions_fp: str, zone_id: str, language: str) -> dict[str, Any]:
    """The chart's Vega-Lite spec, its datasets already in the Arrow bytes Streamlit sends
    (``st.vega_lite_chart`` takes bytes as they are; converting the rows cost about 5 ms on
    every rerun). Read only: ``with_day`` copies it."""
    from streamlit import dataframe_util

    from geo import zone_history as zh
    from geo.charts import area_step_chart

    series = zh.area_series(versions_part().value, zone_id, language)
    spec = area_step_chart(series, atlas.FIRST_DAY, language).to_dict()
    spec["datasets"] = {name: dataframe_util.convert_anything_to_arrow_bytes(rows)
                        for name, rows in spec.get("datasets", {}).items()}
    return spec


def area_chart(zone_id: str, day: Any, key: str) -> None:
    """Draw a zone's area step chart with the "as of" rule on ``day`` (the spec is built once
    per versions file, zone and language); a click on a step sets the "as of" date to it."""
    from geo.charts import STEP_SELECTION, picked_day, with_day
    from geo.zone_versions import VERSIONS_PATH

    def picked() -> None:
        _set_day(picked_day(st.session_state.get(key)))

    spec = with_day(_area_spec(fingerprint(VERSIONS_PATH), zone_id, lang()), day)
    st.vega_lite_chart(spec, width="stretch", key=key, on_select=picked,
                       selection_mode=STEP_SELECTION)


@st.cache_resource(show_spinner=False, max_entries=64)
def _small_multiples(versions_fp: str, zone_id: str, language: str, shown: int) -> str:
    from geo import zone_history as zh

    versions = versions_part().value
    day = next((v.valid_from for v in versions.get(zone_id, []) if v.version == shown), None)
    return str(zh.small_multiples(versions, zone_id, language, day))


def small_multiples(zone_id: str, day: Any) -> None:
    """The zone's shape at each change (``geo.zone_history.small_multiples``), cached per
    versions file, zone, language and the version the day shows."""
    from geo.zone_versions import VERSIONS_PATH, version_on

    shown = getattr(version_on(versions_part().value, zone_id, day), "version", -1)
    render_html(TrustedHTML(_small_multiples(fingerprint(VERSIONS_PATH), zone_id,
                                             lang(), shown)))


@st.cache_resource(show_spinner=False, max_entries=2)
def _dated_layer_defs(fingerprint: str) -> atlas.Part:
    from geo.dated_layers import load_layer_set

    return atlas.load_part("Dated layers (geo/digitise/dated_layers.toml)", load_layer_set)


@st.cache_resource(show_spinner=False, max_entries=64)
def _dated_shapes(fingerprint: str, versions_fp: str, shown: tuple, _day: Any
                  ) -> list[tuple[Any, Any]]:
    from geo.dated_layers import dated_layers_on

    return dated_layers_on(_day, versions_part().value, _dated_layer_defs(fingerprint).value)


def dated_map_layers(day: Any) -> list[MapLayer]:
    """Sochi's demilitarised zone and the M4 corridor as map layers, on the days they were in
    force (empty otherwise, or with a message when their file is broken). Cached on the files'
    fingerprints and on which layers and zone versions the day shows."""
    from geo.dated_layers import LAYERS_PATH
    from geo.mapping import dated_layer
    from geo.zone_versions import VERSIONS_PATH, version_on

    fp = fingerprint(LAYERS_PATH, ADM0_PATH)
    part, versions = _dated_layer_defs(fp), versions_part()
    if not part.ok:
        show_problems(part.problems, T("ui.part_layers"))
        return []
    if not versions.ok:
        return []
    shown = tuple((layer.id, getattr(version_on(versions.value, layer.zone, day), "version",
                                     -1)) for layer in part.value["layers"] if layer.covers(day))
    versions_fp, language = fingerprint(VERSIONS_PATH), lang()
    shapes = _dated_shapes(fp, versions_fp, shown, day)

    def build(i: int) -> folium.FeatureGroup:
        layer, geom = _dated_shapes(fp, versions_fp, shown, day)[i]
        return dated_layer(layer, geom, language)

    return [MapLayer(("dated", fp, versions_fp, shown, i, language),
                     functools.partial(build, i), legend=layer.id)
            for i, (layer, _geom) in enumerate(shapes)]


# --- the zone page's day-independent parts, cached (issue 11 performance) --------------------
# Stepping the date reruns the whole zone page; these tables and lists do not depend on the
# day, so they are built once per data files' fingerprint, zone and language.

def _zone_fingerprints(kind: str) -> tuple:
    from geo.timeline import ZONE_STATUS_PATH
    from geo.zone_versions import CHANGES_PATH, VERSIONS_PATH

    if kind == "changes":
        return fingerprint(VERSIONS_PATH, ZONE_STATUS_PATH)
    if kind in ("lifecycle", "events", "event_citations"):
        return fingerprint(DATA_DIR, CHANGES_PATH)
    return fingerprint(DATA_DIR, paths.PROJECT_SEEDS_DIR, ZONES_PATH)  # forces


@st.cache_resource(show_spinner=False, max_entries=128)
def _zone_part(kind: str, fingerprint: str, zone_id: str, language: str) -> Any:
    from geo import zone_history as zh

    if kind == "changes":
        return zh.changes_table(versions_part().value, zone_id, language)
    if kind == "lifecycle":
        return atlas.zone_lifecycle_table(timeline_part().value, zone_id)
    if kind == "events":
        return atlas.zone_events_table(timeline_part().value, zone_id, language)
    if kind == "event_citations":
        return atlas.event_citations(timeline_part().value, zone_id, language)
    names = atlas.zone_names(zones_part(), language)
    if kind == "forces":
        return atlas.forces_table(forces_part().value, zone_id, names=names, lang=language)
    if kind == "force_citations":
        return atlas.force_citations(forces_part().value, zone_id, language)
    raise ValueError(f"no such zone page part: {kind}")


def zone_part(kind: str, zone_id: str) -> Any:
    """One of the zone page's parts that do not change with the day, in the interface
    language: the tables ``changes`` (``geo.zone_history.changes_table``), ``lifecycle``,
    ``events`` and ``forces`` (as ``geo.atlas`` builds them; ``zone_table`` shows them), and
    ``event_citations``, ``force_citations``. The caller checks that the part's data loaded
    (``versions_part``, ``timeline_part``, ``forces_part``). Shared between sessions: read it,
    never change it."""
    return _zone_part(kind, _zone_fingerprints(kind), zone_id, lang())


def zone_view(kind: str, table: Any, language: str) -> Any:
    """A zone page table as the grid shows it: the changes of ground through
    ``geo.zone_history.changes_view``, the others through ``geo.atlas.table_view`` (in Arabic
    a Styler: dates as the interface writes them over ISO cells)."""
    from geo import zone_history as zh

    if kind == "changes":
        return zh.changes_view(table, language)
    return atlas.table_view(table, language)


@st.cache_resource(show_spinner=False, max_entries=128)
def _zone_grid(kind: str, fingerprint: str, zone_id: str, language: str) -> None:
    # Drawn once per key: Streamlit records the element this makes and, on a cache hit,
    # replays it (its Arrow cells and a Styler's display values, marshalled once) without
    # running this body.
    st.dataframe(zone_view(kind, _zone_part(kind, fingerprint, zone_id, language), language),
                 hide_index=True, width="stretch",
                 column_config={t("col.source", language): st.column_config.LinkColumn()})


def zone_table(kind: str, zone_id: str) -> None:
    """Draw one of the zone page's tables (``changes``, ``lifecycle``, ``events``, ``forces``)
    as a grid, dates and numbers as the interface writes them (``zone_view``). What Streamlit
    sends for it is made once per data files' fingerprint, zone and language and replayed on
    each rerun: a Styler is marshalled once (about 5-10 ms a table), not at every step of the
    date. Call it in the page's main column (a replayed element goes where it was first
    drawn: st.cache_resource cannot replay into a container made outside it)."""
    _zone_grid(kind, _zone_fingerprints(kind), zone_id, lang())


# --- the Timeline's and Monitor forces' grids, drawn once per choice (as the zone tables) ---
# In Arabic their dates are a Styler's (geo.atlas.table_view): marshalled afresh, the
# Timeline's 80 events cost about 15 ms of CPU a rerun. They depend on the data files, the
# filters and the language only, so the element is recorded once per choice and replayed.

@st.cache_resource(show_spinner=False, max_entries=64)
def _timeline_grid(fingerprint: str, zones: tuple[str, ...], kinds: tuple[str, ...],
                   language: str) -> None:
    names = atlas.zone_names(zones_part(), language)
    events = atlas.events_table(timeline_part().value, list(zones), list(kinds), names,
                                language)
    st.dataframe(atlas.table_view(events, language), hide_index=True, width="stretch",
                 column_config={
                     t("col.source", language): st.column_config.LinkColumn(),
                     t("col.source_says", language): st.column_config.TextColumn(width="large"),
                     t("col.zone_page", language): st.column_config.LinkColumn(
                         display_text=t("ui.open", language))})


def timeline_grid(zones: list[str], kinds: list[str]) -> None:
    """The Timeline's table of the chosen zones' and kinds' events (``geo.atlas.events_table``
    through ``table_view``), drawn in the page's main column; replayed on reruns."""
    from geo.zone_versions import CHANGES_PATH  # the timeline's generated ground events

    _timeline_grid(fingerprint(DATA_DIR, CHANGES_PATH, ZONES_PATH), tuple(zones), tuple(kinds),
                   lang())


@st.cache_resource(show_spinner=False, max_entries=64)
def _forces_grid(fingerprint: str, zones: tuple[str, ...], actors: tuple[str, ...],
                 stances: tuple[str, ...], language: str) -> None:
    names = atlas.zone_names(zones_part(), language)
    table = atlas.forces_table(forces_part().value, None, actors=list(actors), names=names,
                               lang=language, stances=list(stances), zones=list(zones))
    st.dataframe(atlas.table_view(table, language), hide_index=True, width="stretch",
                 column_config={
                     t("col.source", language): st.column_config.LinkColumn(
                         display_text=t("ui.open", language)),
                     t("col.quote", language): st.column_config.TextColumn(width="large"),
                     t("col.source_says", language): st.column_config.TextColumn(width="large")})


def forces_grid(zones: list[str], actors: list[str], stances: list[str]) -> None:
    """Monitor forces' list of the chosen records (``geo.atlas.forces_table`` through
    ``table_view``), drawn in the page's main column; replayed on reruns."""
    _forces_grid(fingerprint(DATA_DIR, paths.PROJECT_SEEDS_DIR, ZONES_PATH), tuple(zones),
                 tuple(actors), tuple(stances), lang())


@st.cache_resource(show_spinner=False, max_entries=64)
def _bounds(fingerprint: str, zone_ids: tuple[str, ...] | None, pad: float) -> tuple:
    from geo.mapping import zones_bounds

    gdf = zones_part().value["gdf"]
    if zone_ids is None:
        return zones_bounds(gdf, pad=pad)
    return zones_bounds(gdf.loc[list(zone_ids)], pad=pad)


def zone_bounds(zone_ids: list[str] | str | None = None, pad: float = 0.08) -> tuple:
    """``geo.mapping.zones_bounds`` of the zones as first drawn (all of them, one id or a
    list), once per zone file fingerprint."""
    ids = (zone_ids,) if isinstance(zone_ids, str) else (tuple(zone_ids) if zone_ids else None)
    return _bounds(fingerprint(ZONES_PATH), ids, pad)
