"""Map builders rendered to HTML: offline, deterministic, escaped."""

from __future__ import annotations

import re

import geopandas as gpd
import pytest
import shapely

from geo.mapping import (
    STATUS_STYLE,
    MapPoint,
    build_map,
    points_layer,
    screen_simplify,
    stabilise,
    zones_layer,
)
from geo.paths import ADM0_PATH, ADM1_PATH

HOSTILE_EN = "Idlib <script>alert('en')</script> ${alert(1)} `x`"
HOSTILE_AR = "إدلب <img src=x onerror=alert(2)> ${alert(3)}"


@pytest.fixture(scope="module")
def base() -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    adm1 = gpd.read_file(ADM1_PATH).set_index("ADM1_PCODE")
    adm0 = gpd.read_file(ADM0_PATH)
    return screen_simplify(adm1, 0.01), adm0


@pytest.fixture(scope="module")
def hostile_zones() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"name_en": [HOSTILE_EN, "South"], "name_ar": [HOSTILE_AR, "الجنوب"]},
        geometry=[shapely.box(36.3, 35.5, 36.9, 36.2), shapely.box(35.9, 32.6, 36.4, 33.1)],
        index=["idlib", "south"], crs=4326)


def _decode_json_escapes(html: str) -> str:
    # folium embeds GeoJSON with \uXXXX escapes for <, > and &: undo them so asserts see the text
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), html)


def _render(base, zones, statuses, selected=None, points=()):
    m = build_map(*base)
    layers = [zones_layer(zones, statuses, selected=selected)]
    if points:
        layers.append(points_layer(points))
    stabilise(*layers)
    for layer in layers:
        layer.add_to(m)
    return _decode_json_escapes(m.get_root().render())


def test_map_loads_nothing_from_outside(base, hostile_zones) -> None:
    html = _render(base, hostile_zones, {"idlib": "proposed"},
                   points=[MapPoint(35.93, 36.63, "Idlib city", "إدلب")])
    urls = set(re.findall(r'(?:src|href)\s*=\s*["\']([^"\']+)', html))
    assert urls == {"/app/static/vendor/leaflet/leaflet.js",
                    "/app/static/vendor/leaflet/leaflet.css"}
    assert "cdn" not in html.lower() and "https://" not in html


def test_same_inputs_give_identical_html(base, hostile_zones) -> None:
    a = _render(base, hostile_zones, {"idlib": "in-force"}, selected="idlib")
    b = _render(base, hostile_zones, {"idlib": "in-force"}, selected="idlib")
    assert a == b


def test_status_changes_the_colour(base, hostile_zones) -> None:
    proposed = _render(base, hostile_zones, {"idlib": "proposed"})
    ended = _render(base, hostile_zones, {"idlib": "ended"})
    assert STATUS_STYLE["proposed"]["color"] in proposed
    assert STATUS_STYLE["ended"]["color"] in ended
    assert STATUS_STYLE["proposed"]["color"] not in ended


def test_hostile_names_are_escaped_in_tooltips(base, hostile_zones) -> None:
    html = _render(base, hostile_zones, {}, points=[MapPoint(35.9, 36.6, HOSTILE_EN, HOSTILE_AR)])
    assert "<script>alert(" not in html
    assert "${alert" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=alert(2)&gt;" in html


def test_arabic_names_are_in_rtl_blocks(base, hostile_zones) -> None:
    html = _render(base, hostile_zones, {"south": "agreed-locally"})
    assert re.search(r'dir=\\?"rtl\\?" lang=\\?"ar\\?"', html)
    assert "الجنوب" in html


def test_the_map_shows_its_keyboard_focus_and_has_no_hidden_tab_stops(base) -> None:
    # Keyboard users: the container's focus ring is drawn inside the map's frame; the
    # governorates (not interactive) carry no tooltip, which in Leaflet 1.9 made each an unnamed
    # tab stop that only a keyboard could open.
    from geo.mapping import build_map

    adm1, adm0 = base
    html = _decode_json_escapes(build_map(adm1, adm0).get_root().render())
    assert ".leaflet-container:focus-visible{outline:3px solid #1a4fb5;outline-offset:-3px}" in html
    assert "bindTooltip" not in html
    for name in adm1["ADM1_EN"]:
        assert f"{name} · " not in html


def test_each_zone_and_lost_shape_is_named_for_a_screen_reader(base, hostile_zones) -> None:
    # Leaflet makes a shape with a tooltip a keyboard stop; the map's script names it with the
    # aria_label property (set with setAttribute: plain text, nothing that could end a script).
    from geo.escape import attribute_text
    from geo.mapping import NAME_SHAPE_JS, build_map, lost_layer, zones_layer

    html = _decode_json_escapes(_render(base, hostile_zones, {"south": "agreed-locally"}))
    assert '"aria_label": "South: Agreed locally (own ceasefire deal)"' in html
    assert str(NAME_SHAPE_JS) in html
    assert "setAttribute('aria-label', feature.properties.aria_label)" in html
    hostile = attribute_text(f"{HOSTILE_EN}: x")
    assert not set("<>&`$\\") & set(hostile) and "script" in hostile
    m = build_map(*base)
    zones_layer(hostile_zones, {"south": "agreed-locally"}, lang="ar").add_to(m)
    lost_layer(hostile_zones.assign(lost_km2=[12.0, 3.0]), lang="ar").add_to(m)
    ar_html = _decode_json_escapes(m.get_root().render())
    assert '"aria_label": "الجنوب: متفق عليها محلياً' in ar_html
    assert '"aria_label": "الجنوب: خسرت المنطقة ٣ كم² منذ إنشائها"' in ar_html
    assert ar_html.count(str(NAME_SHAPE_JS)) == 2  # the zones' layer and the lost ground's


def test_where_a_click_opens_a_zone_its_shapes_are_links_that_enter_clicks(
        base, hostile_zones) -> None:
    # The behaviour is tested in Chromium (tests/browser/test_zone_keys_browser.py); here, that
    # the first page's layers carry the script and a point inside each shape, and others do not.
    from geo.mapping import NAME_SHAPE_JS, OPEN_SHAPE_JS, feature_collection, lost_layer
    from geo.zones import load_zones

    for opens, script, other in ((True, OPEN_SHAPE_JS, NAME_SHAPE_JS),
                                 (False, NAME_SHAPE_JS, OPEN_SHAPE_JS)):
        m = build_map(*base)
        zones_layer(hostile_zones, {}, opens=opens).add_to(m)
        lost_layer(hostile_zones.assign(lost_km2=[12.0, 3.0]), opens=opens).add_to(m)
        html = m.get_root().render()
        assert html.count(str(script)) == 2 and str(other) not in html
        assert ('"inside": [' in html) == opens
    for needed in ("setAttribute('role', 'link')", "e.key !== 'Enter' && e.key !== ' '",
                   "e.preventDefault()", "new MouseEvent('click'", "p.inside"):
        assert needed in str(OPEN_SHAPE_JS)
    # The point is inside the shape as drawn, also where the centre of its box is not (Idlib's
    # outlines are not convex; a ring's centre falls outside it).
    ring = shapely.box(0, 0, 4, 4).difference(shapely.box(1, 1, 3, 3))
    zones = load_zones()
    gdf = gpd.GeoDataFrame(geometry=[*zones.geometry, ring], index=[*zones.index, "ring"])
    features = feature_collection(gdf, {}, inside=True)["features"]
    assert len(features) == len(gdf)
    for feature in features:
        lat, lon = feature["properties"]["inside"]
        drawn = shapely.geometry.shape(feature["geometry"])
        assert drawn.contains(shapely.Point(lon, lat)), feature["id"]
    assert all("inside" not in f["properties"]
               for f in feature_collection(gdf, {})["features"])


def test_a_dated_layer_is_a_named_image_never_a_link(base) -> None:
    # Sochi's zone and the M4 corridor report no zone id when clicked: Enter does nothing there.
    import datetime as dt

    from geo.dated_layers import dated_layers_on
    from geo.i18n import t
    from geo.mapping import NAME_SHAPE_JS, OPEN_SHAPE_JS, dated_layer

    pairs = [*dated_layers_on(dt.date(2019, 6, 1)), *dated_layers_on(dt.date(2020, 4, 1))]
    assert [layer.id for layer, _ in pairs] == ["sochi-dmz", "m4-corridor"]
    for lang in ("en", "ar"):
        m = build_map(*base)
        for layer, shape in pairs:
            dated_layer(layer, shape, lang=lang).add_to(m)
        html = _decode_json_escapes(m.get_root().render())
        assert html.count(str(NAME_SHAPE_JS)) == 2 and str(OPEN_SHAPE_JS) not in html
        assert '"inside"' not in html
        assert len(re.findall(r'"aria_label": "[^"<>&]+: [^"<>&]+"', html)) == 2
        for layer, _ in pairs:  # named as in its tooltip: the layer, then its dates
            assert f'"aria_label": "{t(f"ui.layer_{layer.id}", lang)}: ' in html


def test_a_mouse_press_in_the_map_moves_focus_without_scrolling_the_page(base) -> None:
    # The behaviour is tested in Chromium (tests/browser/test_map_click_browser.py); here, that
    # the map's script runs it on the map itself, in the page and in what st_folium sends.
    from streamlit_folium import _get_map_string

    from geo.mapping import PRESS_WITHOUT_SCROLL_JS

    assert "focus({preventScroll: true})" in PRESS_WITHOUT_SCROLL_JS
    assert "e.preventDefault()" in PRESS_WITHOUT_SCROLL_JS
    m = build_map(*base)
    html = m.get_root().render()
    assert f"var {m.get_name()} = L.map(" in html
    assert html.count(f"{PRESS_WITHOUT_SCROLL_JS}({m.get_name()});") == 1
    assert f"{PRESS_WITHOUT_SCROLL_JS}(map_div);" in _get_map_string(build_map(*base))


@pytest.mark.parametrize(("lang", "words"), [
    ("en", "3 km² of ground lost since the zone began"),
    ("ar", "خسرت المنطقة ٣ كم² منذ إنشائها")])
def test_lost_ground_says_what_it_is_once(hostile_zones, lang: str, words: str) -> None:
    """The lost ground's tooltip (the zone's names, then one line) and its screen-reader name
    (the zone's name, then the same line) say "lost since the zone began" once; it read
    "Ground lost since the zone began, Lost since it began: 3 km²"."""
    from geo.mapping import lost_layer

    layer = lost_layer(hostile_zones.assign(lost_km2=[12.0, 3.0]), lang=lang)
    (geojson,) = layer._children.values()
    south = next(f["properties"] for f in geojson.data["features"]
                 if f["properties"]["id"] == "south")
    name = "الجنوب" if lang == "ar" else "South"
    assert south["aria_label"] == f"{name}: {words}"
    lines = [s for s in re.split(r"<[^>]+>", str(south["tooltip_html"])) if s.strip()]
    assert lines == ["South", "الجنوب", words]
    said = "خسر" if lang == "ar" else "lost"
    assert south["aria_label"].lower().count(said) == 1
    assert sum(line.lower().count(said) for line in lines) == 1


def test_the_scale_bar_is_in_kilometres_only(base) -> None:
    """Areas and distances in the atlas are metric; the bar said "50 mi" under "100 km"."""
    html = build_map(*base).get_root().render()
    scale = re.search(r"new L\.Control\.Scale\(\s*(\{.*?\})", html, re.S)
    assert scale and '"imperial": false' in scale.group(1)
    assert '"position": "bottomright"' in scale.group(1)
