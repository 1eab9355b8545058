"""Folium map builders that work with no internet and render deterministically.

* Leaflet is the only browser library the maps need; it is served by the app itself from
  ``static/vendor/leaflet`` (installed by ``setup.sh``), never from a CDN.
* Element ids are made deterministic, so the same inputs give byte-identical HTML: streamlit-folium
  keys its component on a hash of the generated JavaScript, and random ids remount (flicker).
* Every string that reaches a tooltip passes through :mod:`geo.escape`.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import folium
import geopandas as gpd
import shapely
from folium.template import Template
from folium.utilities import JsCode

from geo.escape import TrustedHTML, attribute_text, esc, join_html

LEAFLET_URL_PREFIX = "/app/static/vendor/leaflet"

# Okabe-Ito hues, darkened so that each has at least 3:1 contrast against white and the land
# (WCAG 1.4.11; tests/test_contrast.py) and stays apart from the others with deuteranopia and
# protanopia. Was #E69F00 / #009E73 / #0072B2 / #7F7F7F / #BBBBBB (issue 13).
STATUS_STYLE: dict[str, dict[str, str]] = {
    "proposed": {"color": "#B06A00", "label_en": "Proposed (memorandum signed, lines not agreed)"},
    "in-force": {"color": "#006E4F", "label_en": "In force (guarantors' boundaries agreed)"},
    "agreed-locally": {"color": "#0072B2", "label_en": "Agreed locally (own ceasefire deal)"},
    "ended": {"color": "#3A3A3A", "label_en": "Ended (retaken or superseded)"},
    "none": {"color": "#878787", "label_en": "Not yet created"},
}

SYRIA_BOUNDS = ((32.3, 35.7), (37.35, 42.4))  # (south, west), (north, east)


class OfflineMap(folium.Map):
    """A folium Map whose only browser dependency is the locally served Leaflet."""

    default_js: ClassVar[list[tuple[str, str]]] = [("leaflet", f"{LEAFLET_URL_PREFIX}/leaflet.js")]
    default_css: ClassVar[list[tuple[str, str]]] = [
        ("leaflet_css", f"{LEAFLET_URL_PREFIX}/leaflet.css")]


def _stabilise_ids(root: folium.Element) -> None:
    counter = itertools.count(1)

    def walk(el: folium.Element) -> None:
        el._id = f"{next(counter):08x}"
        for child in el._children.values():
            walk(child)

    walk(root)
    # _children is keyed by the old names; rebuild it so rendering sees consistent names.

    def rekey(el: folium.Element) -> None:
        items = list(el._children.values())
        el._children.clear()
        for child in items:
            el._children[child.get_name()] = child
            rekey(child)

    rekey(root)


def _round_coords(geom: Any, ndigits: int) -> Any:
    return shapely.set_precision(geom, 10 ** -ndigits) if ndigits else geom


def feature_collection(gdf: gpd.GeoDataFrame, properties: Mapping[str, Mapping[str, Any]],
                       ndigits: int = 4, inside: bool = False) -> dict[str, Any]:
    """GeoJSON for display: geometry rounded, only the given (already safe) properties. With
    ``inside``, each feature also has an ``inside`` property, ``[lat, lon]`` of a point within
    the shape as drawn (where a key press on the shape clicks: ``OPEN_SHAPE_JS``)."""
    features = []
    for key, geom in zip(gdf.index, gdf.geometry, strict=True):
        drawn = _round_coords(geom, ndigits)
        props = dict(properties.get(str(key), {}))
        if inside and not drawn.is_empty:
            point = shapely.point_on_surface(drawn)
            props["inside"] = [round(point.y, 6), round(point.x, 6)]
        features.append({
            "type": "Feature",
            "id": str(key),
            "properties": props,
            "geometry": shapely.geometry.mapping(drawn),
        })
    return {"type": "FeatureCollection", "features": features}


def screen_simplify(gdf: gpd.GeoDataFrame, tolerance: float) -> gpd.GeoDataFrame:
    """Simplify a coverage (shared edges stay shared) for the screen."""
    out = gdf.copy()
    out["geometry"] = shapely.coverage_simplify(gdf.geometry.values, tolerance)
    return out


def version_line(zone: Mapping[str, Any], lang: str = "en") -> str:
    """"This shape: 7 Jan 2018 – 20 Jan 2018 · 6,736 km²" for a zone row of
    ``geo.zone_versions.zones_as_of`` ("" for a row without version columns)."""
    import datetime as dt

    from geo.i18n import format_date, format_number, t

    start = str(zone.get("valid_from") or "")
    if not start:
        return ""
    end = str(zone.get("valid_to") or "")
    area = float(zone.get("area_km2") or 0.0)
    first = format_date(dt.date.fromisoformat(start), lang)
    if area == 0:
        return t("msg.version_ended", lang, start=first)
    if end:
        return t("msg.version_span", lang, start=first, area=format_number(area, lang),
                 end=format_date(dt.date.fromisoformat(end), lang))
    return t("msg.version_open", lang, start=first, area=format_number(area, lang))


def _shape_js(role: str, keys: str = "") -> JsCode:
    """The script run on each zone, lost-ground or dated-layer shape once drawn: names it for a
    screen reader with the words of its tooltip (the ``aria_label`` property, escaped like every
    property; setAttribute parses no HTML) in ``role``, then runs ``keys`` (with ``el``, ``p``
    and ``layer`` in scope)."""
    return JsCode(
        "function(feature, layer) { layer.on('add', function() {"
        " var el = layer.getElement && layer.getElement(), p = feature.properties;"
        " if (!el || !p.aria_label) { return; }"
        f" el.setAttribute('role', '{role}');"
        " el.setAttribute('aria-label', feature.properties.aria_label);"
        f"{keys} }}); }}")


# Leaflet 1.9 makes a shape that has a tooltip a keyboard stop (focus shows the tooltip): where
# a click opens nothing, the shape is named as an image.
NAME_SHAPE_JS = _shape_js("img")

# Where a click on a shape opens its zone (the first page: ``pages/map.py`` acts on the zone id
# that streamlit-folium reports for a click), the shape is a link, and Enter or Space on it
# clicks it: a click event is dispatched on the shape at a point inside it (the ``inside``
# property), so Leaflet turns it into its own click on the layer as it does a mouse's (or a
# screen reader's) and streamlit-folium reports the same objects. Space does not scroll the
# page; a held key clicks once.
OPEN_SHAPE_JS = _shape_js("link", (
    " if (el.atlasOpens || !p.inside) { return; } el.atlasOpens = true;"
    " el.addEventListener('keydown', function(e) {"
    " if ((e.key !== 'Enter' && e.key !== ' ') || e.altKey || e.ctrlKey || e.metaKey"
    " || e.shiftKey) { return; }"
    " e.preventDefault(); var map = layer._map; if (e.repeat || !map) { return; }"
    " var box = map.getContainer(), r = box.getBoundingClientRect(),"
    " at = map.latLngToContainerPoint(p.inside);"
    " el.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true, view: window,"
    " clientX: r.left + box.clientLeft + at.x, clientY: r.top + box.clientTop + at.y}));"
    " });"))


def _status_label(status: str, lang: str) -> str:
    if lang == "en":
        return STATUS_STYLE.get(status, STATUS_STYLE["none"])["label_en"]
    from geo.i18n import t

    return t(f"status_legend.{status if status in STATUS_STYLE else 'none'}", lang)


def _zone_name(row: Mapping[str, Any], lang: str) -> str:
    """The zone's name in ``lang`` (the English one where the Arabic is missing)."""
    return str(row.get("name_ar" if lang == "ar" else "name_en", "") or row.get("name_en", ""))


def zone_tooltip(zone: Mapping[str, Any], status: str, lang: str = "en") -> TrustedHTML:
    label = _status_label(status, lang)
    return join_html([
        TrustedHTML('<div class="zt" dir="ltr"><b>'), esc(zone.get("name_en", "")),
        TrustedHTML('</b><div dir="rtl" lang="ar" style="font-family:\'Noto Naskh Arabic\','
                    '\'Noto Sans Arabic\',\'Geeza Pro\',Arial,sans-serif;font-size:1.1em">'),
        esc(zone.get("name_ar", "")), TrustedHTML("</div><i>"), esc(label),
        TrustedHTML("</i>"), _line(version_line(zone, lang), lang), TrustedHTML("</div>"),
    ])


def _line(text: str, lang: str) -> TrustedHTML:
    if not text:
        return TrustedHTML("")
    return join_html([TrustedHTML(f'<div dir="{"rtl" if lang == "ar" else "ltr"}">'), esc(text),
                      TrustedHTML("</div>")])


def add_base_layers(m: folium.Map, adm1: gpd.GeoDataFrame, adm0: gpd.GeoDataFrame,
                    online_tiles: bool = False) -> None:
    """Governorates and the country outline: a readable base that needs no tiles."""
    # No tooltip: the governorates are not interactive, so a tooltip never showed to a mouse,
    # and Leaflet 1.9 made each of the 14 shapes an unnamed keyboard stop to show it.
    folium.GeoJson(
        feature_collection(adm1, {}),
        name="Governorates (OCHA)",
        style_function=lambda _f: {"color": "#8a8a8a", "weight": 1, "fillColor": "#f4f1ea",
                                   "fillOpacity": 1.0},
        highlight_function=None,
        control=False,
        interactive=False,
    ).add_to(m)
    folium.GeoJson(
        feature_collection(adm0, {}),
        name="Syria outline",
        style_function=lambda _f: {"color": "#333333", "weight": 2, "fill": False},
        control=False,
        interactive=False,
    ).add_to(m)
    if online_tiles:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap (online only)",
                         overlay=False, control=True, show=False).add_to(m)


def zones_layer(zones: gpd.GeoDataFrame, statuses: Mapping[str, str],
                selected: str | None = None, name: str = "De-escalation zones",
                lang: str = "en", opens: bool = False) -> folium.FeatureGroup:
    """The four zones coloured by status; clicking one reports its id (feature property).
    ``opens``: the page opens the zone clicked, so each shape is a link that Enter and Space
    click (``OPEN_SHAPE_JS``); else an image (``NAME_SHAPE_JS``)."""
    props = {}
    for zid in zones.index:
        row = zones.loc[zid]
        status = statuses.get(str(zid), "none")
        name = _zone_name(row, lang)
        props[str(zid)] = {
            "id": str(zid),
            "status": status,
            "tooltip_html": zone_tooltip(row, status, lang),
            "aria_label": attribute_text(f"{name}: {_status_label(status, lang)}"),
        }

    def style(feature: dict[str, Any]) -> dict[str, Any]:
        p = feature["properties"]
        colour = STATUS_STYLE.get(p["status"], STATUS_STYLE["none"])["color"]
        is_sel = p["id"] == selected
        return {"color": "#111111" if is_sel else colour, "weight": 4 if is_sel else 2,
                "fillColor": colour, "fillOpacity": 0.55 if is_sel else 0.42}

    fg = folium.FeatureGroup(name=name)
    # A zone that has ended has no ground left to draw (its lost ground is lost_layer's).
    drawn = zones[~zones.geometry.is_empty]
    if not len(drawn):  # every zone had ended (from 27 Nov 2024): a tooltip needs features
        return fg
    folium.GeoJson(
        feature_collection(drawn, props, inside=opens),
        name=name,
        style_function=style,
        tooltip=folium.GeoJsonTooltip(fields=["tooltip_html"], labels=False, sticky=False),
        highlight_function=lambda _f: {"weight": 4, "fillOpacity": 0.6},
        on_each_feature=OPEN_SHAPE_JS if opens else NAME_SHAPE_JS,
    ).add_to(fg)
    return fg


LOST_STYLE = {"color": "#555555", "weight": 1, "dashArray": "4 3", "fillColor": "#9a9a9a",
              "fillOpacity": 0.22}


def lost_layer(lost: gpd.GeoDataFrame, lang: str = "en",
               name: str = "Ground lost since the zone began",
               opens: bool = False) -> folium.FeatureGroup:
    """Each zone's ground lost since it began, faded grey with a dashed edge, so the loss
    reads at a glance under the zone's current shape. Clicking it reports the zone's id;
    ``opens`` as in ``zones_layer``."""
    from geo.i18n import format_number, t
    from geo.zones import areas_km2

    shown = lost[~lost.geometry.is_empty]
    if "lost_km2" in shown.columns:  # computed once per version by zones_as_of
        areas = {zid: float(shown.loc[zid, "lost_km2"]) for zid in shown.index}
    else:
        areas = areas_km2(shown.geometry) if len(shown) else {}
    props = {}
    for zid in shown.index:
        row = shown.loc[zid]
        # Said once: "708 km² of ground lost since the zone began", under the zone's names in
        # the tooltip, after its name for a screen reader.
        lost_text = t("msg.lost_area", lang, area=format_number(float(areas[zid]), lang))
        props[str(zid)] = {"id": str(zid), "tooltip_html": join_html([
            TrustedHTML('<div class="zt" dir="ltr"><b>'), esc(row.get("name_en", "")),
            TrustedHTML("</b>"), _line(str(row.get("name_ar", "")), "ar"),
            _line(lost_text, lang), TrustedHTML("</div>")]),
            "aria_label": attribute_text(f"{_zone_name(row, lang)}: {lost_text}")}
    fg = folium.FeatureGroup(name=name)
    if not len(shown):  # nothing lost yet: an empty group (a tooltip needs features)
        return fg
    folium.GeoJson(
        feature_collection(shown, props, inside=opens),
        name=name,
        style_function=lambda _f: dict(LOST_STYLE),
        tooltip=folium.GeoJsonTooltip(fields=["tooltip_html"], labels=False, sticky=False),
        on_each_feature=OPEN_SHAPE_JS if opens else NAME_SHAPE_JS,
    ).add_to(fg)
    return fg


@dataclass(frozen=True)
class MapPoint:
    lat: float
    lon: float
    label_en: str
    label_ar: str = ""
    detail: str = ""


def points_layer(points: Iterable[MapPoint], name: str = "Places named in articles",
                 colour: str = "#B2182B") -> folium.FeatureGroup:
    fg = folium.FeatureGroup(name=name)
    for p in sorted(points, key=lambda p: (p.lat, p.lon, p.label_en)):
        tip = join_html([
            TrustedHTML("<b>"), esc(p.label_en), TrustedHTML("</b>"),
            TrustedHTML('<div dir="rtl" lang="ar">'), esc(p.label_ar), TrustedHTML("</div>"),
            esc(p.detail),
        ])
        folium.CircleMarker(
            location=(round(p.lat, 5), round(p.lon, 5)), radius=6, color="#ffffff", weight=1.5,
            fill=True, fill_color=colour, fill_opacity=0.95,
            tooltip=folium.Tooltip(tip, sticky=False),
        ).add_to(fg)
    return fg


# The map's container takes keyboard focus (arrow keys pan, +/- zoom). The page's focus ring
# (geo/ui.py, same colour) cannot reach inside the map's frame, and the frame would clip a ring
# drawn outside the container: drawn inside it here.
MAP_FOCUS_CSS = ("<style>.leaflet-container:focus-visible{outline:3px solid #1a4fb5;"
                 "outline-offset:-3px}</style>")


# A press of the mouse in the map moved focus twice: Leaflet 1.9's keyboard handler focuses the
# map's container, then the browser focuses the shape pressed (a shape with a tooltip has a focus
# listener, so Chromium makes it focusable). Each focus scrolls the page until the whole map
# frame shows: where the frame's foot was below the window (1440x900), the page moved up by as
# much, the mouse was let go off the shape and the click (which opens the zone) was lost; a black
# focus box stayed round the shape. Before Leaflet's handler runs (capture), the container is
# focused without scrolling (Leaflet then leaves it alone) and a press on a shape does not focus
# it. Tab still reaches each shape (focus opens its tooltip), a drag that starts on a shape
# still pans the map, and the controls (zoom buttons, links) keep their own handling.
PRESS_WITHOUT_SCROLL_JS = (
    "(function(map) { var box = map.getContainer();"
    " box.addEventListener('mousedown', function(e) {"
    " var t = e.target;"
    " if (!t.closest || t.closest('.leaflet-control')) { return; }"
    " if (t.closest('.leaflet-interactive')) { e.preventDefault(); }"
    " if (document.activeElement !== box) { box.focus({preventScroll: true}); }"
    " }, true); })")


class PressWithoutScroll(folium.MacroElement):
    """The map's part of ``PRESS_WITHOUT_SCROLL_JS`` (runs once the map exists)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        + PRESS_WITHOUT_SCROLL_JS + "({{ this._parent.get_name() }});\n"
        "{% endmacro %}")

    def __init__(self) -> None:
        super().__init__()
        self._name = "PressWithoutScroll"


def build_map(adm1: gpd.GeoDataFrame, adm0: gpd.GeoDataFrame,
              bounds: tuple[tuple[float, float], tuple[float, float]] = SYRIA_BOUNDS,
              online_tiles: bool = False) -> OfflineMap:
    """The base map (no zones): deterministic, offline, fitted to ``bounds``."""
    m = OfflineMap(location=None, tiles=None, zoom_control=True, control_scale=False,
                   prefer_canvas=False, attribution_control=True)
    # The scale bar sits bottom right, over the empty desert south-east of Syria's border with
    # Iraq and Jordan; bottom left (Leaflet's default) it covered the southern zone.
    # Kilometres only: every area and distance in the atlas is metric, and miles are not how
    # the region's press measures (the Arabic interface showed "50 mi" under "100 km").
    scale = folium.Control("Scale", position="bottomright", imperial=False)
    scale.args = ()  # folium 0.20's Control leaves the list of valid positions in its args
    scale.add_to(m)
    add_base_layers(m, adm1, adm0, online_tiles=online_tiles)
    m.fit_bounds([list(bounds[0]), list(bounds[1])])
    m.get_root().header.add_child(folium.Element(MAP_FOCUS_CSS), name="atlas_map_focus")
    PressWithoutScroll().add_to(m)
    _stabilise_ids(m)
    return m


def stabilise(*elements: folium.Element) -> None:
    """Give feature groups built outside build_map deterministic ids too."""
    for i, el in enumerate(elements):
        _stabilise_ids(el)
        el._id = f"fg{i:06x}"


def standalone_map(adm1: gpd.GeoDataFrame, adm0: gpd.GeoDataFrame,
                   zones: gpd.GeoDataFrame, statuses: Mapping[str, str],
                   leaflet_js: str, leaflet_css: str, title: str = "", lang: str = "en",
                   lost: gpd.GeoDataFrame | None = None,
                   layers: Iterable[tuple[Any, Any]] = ()) -> str:
    """A single HTML file that opens offline: Leaflet inlined, zones and base drawn (and the
    ground each zone had lost by then, when ``lost`` is given, and the dated layers of the day,
    ``(layer, shape)`` pairs from ``geo.dated_layers.layers_on``)."""
    m = build_map(adm1, adm0)
    if lost is not None:
        lost_layer(lost, lang=lang).add_to(m)
    zones_layer(zones, statuses, lang=lang).add_to(m)
    for layer, shape in layers:
        dated_layer(layer, shape, lang=lang).add_to(m)
    _stabilise_ids(m)
    html_doc = m.get_root().render()
    for url in (f"{LEAFLET_URL_PREFIX}/leaflet.js",):
        html_doc = html_doc.replace(f'<script src="{url}"></script>',
                                    f"<script>{leaflet_js}</script>")
    html_doc = html_doc.replace(
        f'<link rel="stylesheet" href="{LEAFLET_URL_PREFIX}/leaflet.css"/>',
        f"<style>{leaflet_css}</style>")
    if title:
        html_doc = html_doc.replace("<head>", f"<head><title>{esc(title)}</title>", 1)
    html_doc = html_doc.replace("<html>", f'<html lang="{esc(lang)}">', 1)
    return html_doc


def zones_bounds(zones: gpd.GeoDataFrame, zone_id: str | None = None, pad: float = 0.08
                 ) -> tuple[tuple[float, float], tuple[float, float]]:
    geom = zones.geometry if zone_id is None else zones.loc[[zone_id]].geometry
    minx, miny, maxx, maxy = geom.total_bounds
    dx, dy = (maxx - minx) * pad + 0.02, (maxy - miny) * pad + 0.02
    return ((miny - dy, minx - dx), (maxy + dy, maxx + dx))



# Sochi's demilitarised zone and the M4 corridor (geo.dated_layers): hatched-looking outlines
# over the zone, each its own layer, on the days it was in force.
DATED_LAYER_STYLE: dict[str, dict[str, Any]] = {
    "sochi-dmz": {"color": "#CC79A7", "weight": 2, "dashArray": "6 4", "fillColor": "#CC79A7",
                  "fillOpacity": 0.28},
    "m4-corridor": {"color": "#D55E00", "weight": 2, "dashArray": "2 3", "fillColor": "#D55E00",
                    "fillOpacity": 0.32},
}


def dated_layer(layer: Any, shape: Any, lang: str = "en") -> folium.FeatureGroup:
    """One dated layer (``geo.dated_layers.DatedLayer`` and its shape that day), its tooltip
    giving its name, dates, depth and sources in the interface's language. Not clickable as a
    zone (it reports no zone id), so Enter on it does nothing either: a keyboard stop (its
    tooltip) named as an image (``NAME_SHAPE_JS``), never a link."""
    import geopandas as gpd

    from geo.i18n import format_date, format_number, t

    name = t(f"ui.layer_{layer.id}", lang)
    span = (t("msg.span", lang, start=format_date(layer.valid_from, lang),
              end=format_date(layer.valid_to, lang)) if layer.valid_to
            else t("msg.span_open", lang, start=format_date(layer.valid_from, lang)))
    dates = t("msg.layer_dates", lang, span=span, in_force=format_date(layer.in_force_from, lang),
              depth=format_number(layer.depth_km, lang))
    tip = join_html([
        TrustedHTML(f'<div class="zt" dir="{"rtl" if lang == "ar" else "ltr"}"><b>'), esc(name),
        TrustedHTML("</b>"),
        _line(dates, lang),
        _line(t("msg.source_label", lang) + " " + "; ".join(s["outlet"] for s in layer.sources),
              lang),
        TrustedHTML("</div>")])
    gdf = gpd.GeoDataFrame({"geometry": [shape]}, index=[layer.id], crs="EPSG:4326")
    style = DATED_LAYER_STYLE.get(layer.id, {"color": "#555555", "weight": 2,
                                             "fillOpacity": 0.2})
    fg = folium.FeatureGroup(name=layer.name_en)
    fg.atlas_layer_id = layer.id  # for the page's legend
    folium.GeoJson(
        feature_collection(gdf, {layer.id: {"layer": layer.id, "tooltip_html": tip,
                                            "aria_label": attribute_text(f"{name}: {dates}")}}),
        name=layer.name_en,
        style_function=lambda _f: dict(style),
        tooltip=folium.GeoJsonTooltip(fields=["tooltip_html"], labels=False, sticky=False),
        on_each_feature=NAME_SHAPE_JS,
    ).add_to(fg)
    return fg
