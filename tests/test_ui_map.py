"""The map widget's cached arguments (geo.ui.map_component_args) are exactly what st_folium
would send for the same map, on every day and page, whatever the caches already hold."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import streamlit_folium

from geo import atlas, ui
from geo.mapping import SYRIA_BOUNDS, MapPoint, build_map, stabilise, zones_bounds

DAYS = [dt.date(2017, 7, 1), dt.date(2018, 3, 1), dt.date(2018, 3, 25), dt.date(2018, 7, 1),
        dt.date(2019, 9, 1), dt.date(2020, 4, 1), dt.date(2024, 12, 1)]
POINTS = [MapPoint(35.93, 36.63, "Idlib city", "إدلب", "3 articles"),
          MapPoint(35.65, 36.65, "Maarat al-Numan", "معرة النعمان")]


def _st_folium_args(monkeypatch: pytest.MonkeyPatch, bounds: tuple, layers: list[ui.MapLayer],
                    key: str, height: int) -> dict[str, Any]:
    """What st_folium itself gives its component: the map built afresh, every layer built."""
    captured: dict[str, Any] = {}
    monkeypatch.setattr(streamlit_folium, "_component_func", lambda **kw: captured.update(kw))
    groups = [layer.build() for layer in layers]
    stabilise(*groups)
    base = ui.base_part().value
    streamlit_folium.st_folium(build_map(base["adm1_screen"], base["adm0"], bounds=bounds),
                               feature_group_to_add=groups, key=key, height=height,
                               use_container_width=True,
                               returned_objects=["last_active_drawing", "last_object_clicked"])
    captured.pop("on_change")
    return captured


def _pages(day: dt.date) -> list[tuple[tuple, list[ui.MapLayer], str]]:
    statuses = atlas.statuses_on(ui.timeline_part().value, day)
    gdf = ui.zones_part().value["gdf"]
    return [  # (bounds, layers, key) as pages/map.py, zone.py and briefing.py draw them
        (SYRIA_BOUNDS, [ui.lost_map_layer(day, opens=True),
                        ui.zones_map_layer(day, statuses, opens=True),
                        *ui.dated_map_layers(day)], "overview-map"),
        (zones_bounds(gdf, "idlib"), [ui.lost_map_layer(day),
                                      ui.zones_map_layer(day, statuses, selected="idlib"),
                                      *ui.dated_map_layers(day), ui.points_map_layer(POINTS)],
         "zone-map-idlib"),
        (zones_bounds(gdf, "south"), [ui.lost_map_layer(day),
                                      ui.zones_map_layer(day, statuses, selected="south")],
         "zone-map-south"),
        (SYRIA_BOUNDS, [], "empty"),
    ]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_cached_arguments_equal_st_folium(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    monkeypatch.setattr(ui, "lang", lambda: lang)
    ui.clear_caches()
    seen_scripts = set()
    for day in [*DAYS, *reversed(DAYS)]:  # the second pass reads what the first one cached
        for bounds, layers, key in _pages(day):
            mine = ui.map_component_args(bounds, layers, key, 480)
            assert mine == _st_folium_args(monkeypatch, bounds, layers, key, 480), (day, key)
            seen_scripts.add(mine["feature_group"])
    assert len(seen_scripts) > 2 * len(DAYS)  # the days and pages really differ


def test_a_warm_rerun_builds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ui, "lang", lambda: "en")
    day = dt.date(2019, 9, 1)
    built: list[tuple] = []

    def counted(layers: list[ui.MapLayer]) -> list[ui.MapLayer]:
        def wrap(layer: ui.MapLayer) -> ui.MapLayer:
            return ui.MapLayer(layer.key, lambda: built.append(layer.key) or layer.build(),
                               layer.legend)
        return [wrap(layer) for layer in layers]

    bounds, layers, key = _pages(day)[0]
    first = ui.map_component_args(bounds, counted(layers), key, 600)
    assert built, "the first run builds the layers"
    built.clear()
    again = ui.map_component_args(bounds, counted(_pages(day)[0][1]), key, 600)
    assert again == first and built == []
    # Another day with the same shapes and statuses is the same map: nothing is built either.
    # (1 Sep 2019 and 2 Sep 2019 show the same versions and statuses.)
    next_day = day + dt.timedelta(days=1)
    assert ui.map_component_args(bounds, counted(_pages(next_day)[0][1]), key, 600) == first
    assert built == []


def test_a_layer_moved_to_another_position_is_rendered_there(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A group's script names its position (``feature_group_<i>``): the same layer at another
    place in the list is another cache entry."""
    monkeypatch.setattr(ui, "lang", lambda: "en")
    day = dt.date(2018, 3, 25)
    zones = ui.zones_map_layer(day, {})
    first = ui.map_component_args(SYRIA_BOUNDS, [zones], "k", 500)
    second = ui.map_component_args(SYRIA_BOUNDS, [ui.lost_map_layer(day), zones], "k", 500)
    assert "feature_group_0" in first["feature_group"]
    assert "feature_group_1" in second["feature_group"]
    assert second == _st_folium_args(monkeypatch, SYRIA_BOUNDS,
                                     [ui.lost_map_layer(day), zones], "k", 500)


def test_the_zones_layer_follows_statuses_and_selection(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same shapes coloured by other statuses, or with another zone outlined, are another
    layer: each is drawn as st_folium would draw it, never an earlier one from the cache."""
    monkeypatch.setattr(ui, "lang", lambda: "en")
    day = dt.date(2019, 9, 1)
    bounds = SYRIA_BOUNDS
    scripts = set()
    for statuses, selected in [({}, None), ({"idlib": "in-force"}, None),
                               ({"idlib": "proposed"}, None), ({"idlib": "proposed"}, "idlib"),
                               ({}, None)]:
        layers = [ui.zones_map_layer(day, statuses, selected=selected)]
        mine = ui.map_component_args(bounds, layers, "k", 500)
        assert mine == _st_folium_args(monkeypatch, bounds, layers, "k", 500)
        scripts.add(mine["feature_group"])
    assert len(scripts) == 4


@pytest.mark.parametrize("day", [dt.date(2018, 9, 16), dt.date(2018, 10, 15),
                                 dt.date(2019, 1, 1), dt.date(2020, 4, 1),
                                 dt.date(2021, 1, 1), dt.date(2024, 12, 20)])
def test_the_map_draws_the_dated_layers_the_exports_carry(
        monkeypatch: pytest.MonkeyPatch, day: dt.date) -> None:
    """Sochi's demilitarised zone and the M4 corridor on the app's map are the exported GeoJSON's
    ``layer`` features of the day: the same layers, the same ground (the export keeps 5
    decimals, the map 4)."""
    import folium
    import shapely
    from shapely.geometry import shape

    from geo.export import zones_geojson

    monkeypatch.setattr(ui, "lang", lambda: "en")
    exported = {f["properties"]["id"]: shapely.set_precision(shape(f["geometry"]), 1e-4)
                for f in zones_geojson(day)["features"] if f["properties"]["kind"] == "layer"}
    drawn = {}
    for layer in ui.dated_map_layers(day):
        (geojson,) = [c for c in layer.build()._children.values()
                      if isinstance(c, folium.GeoJson)]
        (feature,) = geojson.data["features"]
        drawn[layer.legend] = shape(feature["geometry"])
    assert list(drawn) == list(exported)
    for layer_id, geom in drawn.items():
        assert geom.normalize().equals_exact(exported[layer_id].normalize(), tolerance=1e-9), (
            day, layer_id)


def test_a_click_that_repeats_the_last_counts_on_a_map_drawn_afresh(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Enter on a zone clicks the same point each time: back on the first page (the map drawn
    afresh, no click yet), the same click opens the zone again; on the same map it counts once."""
    import streamlit as st

    monkeypatch.setattr(st, "session_state", {})
    click = {"last_active_drawing": {"properties": {"id": "idlib"}},
             "last_object_clicked": {"lat": 35.9, "lng": 36.6}}
    assert ui.clicked_zone(click, "k") == "idlib"
    assert ui.clicked_zone(click, "k") is None  # a rerun of the same map: acted on once
    assert ui.clicked_zone({"last_active_drawing": None, "last_object_clicked": None}, "k") is None
    assert ui.clicked_zone(click, "k") == "idlib"
    dated = {"last_active_drawing": {"properties": {"layer": "sochi-dmz"}},
             "last_object_clicked": {"lat": 35.8, "lng": 36.7}}
    assert ui.clicked_zone(dated, "k") is None  # a dated layer opens no zone
