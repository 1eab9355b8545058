"""geo.pointinzone gives shapely's answer whenever it gives one, and the linker places every
gazetteer town in the same zone as shapely does."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
import shapely
from shapely.geometry import shape

from geo import linker, pointinzone
from geo.paths import ZONES_PATH

SQUARE_WITH_HOLE = {"type": "Polygon", "coordinates": [
    [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
    [[3, 3], [3, 6], [6, 6], [6, 3], [3, 3]]]}
TWO_PARTS = {"type": "MultiPolygon", "coordinates": [
    [[[0, 0], [4, 0], [4, 4], [0, 0]]], [[[5, 5], [9, 5.5], [7, 9.25], [5, 5]]]]}
BOWTIE = {"type": "Polygon", "coordinates": [[[0, 0], [10, 10], [10, 0], [0, 10], [0, 0]]]}


def _zone_geometries() -> list[dict[str, object]]:
    return [f["geometry"] for f in json.loads(ZONES_PATH.read_text(encoding="utf-8"))["features"]]


@pytest.mark.parametrize("geometry", [SQUARE_WITH_HOLE, TWO_PARTS, BOWTIE, *_zone_geometries()])
def test_same_answer_as_shapely_or_no_answer(geometry: dict[str, object]) -> None:
    segments = pointinzone.ring_segments(geometry)
    assert segments
    geom = shape(geometry)
    shapely.prepare(geom)
    x0, y0, x1, y1 = geom.bounds
    rng = random.Random(7)
    points = [(rng.uniform(x0 - 1, x1 + 1), rng.uniform(y0 - 1, y1 + 1)) for _ in range(3000)]
    # Vertices, edge midpoints and points a hair off them: the boundary and near-boundary.
    for sx, sy, ex, ey in segments[:200]:
        mx, my = (sx + ex) / 2, (sy + ey) / 2
        points += [(sx, sy), (mx, my), (mx + 1e-12, my), (mx, my - 1e-9), (sx, my)]
    undecided = 0
    for x, y in points:
        got = pointinzone.contains(segments, x, y)
        if got is None:
            undecided += 1
        else:
            assert got == bool(shapely.contains_xy(geom, x, y)), (x, y)
    assert undecided < len(points) // 5  # the boundary points, not the bulk


def test_unusual_geometries_are_left_to_shapely() -> None:
    for bad in ({"type": "Point", "coordinates": [1, 2]},
                {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 1]]]},  # not closed
                {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 0]]]},  # too short
                {"type": "Polygon", "coordinates": [[[0, 0], [1, "a"], [1, 1], [0, 0]]]},
                {"type": "Polygon", "coordinates": []},
                {"type": "MultiPolygon", "coordinates": []}, None, "x"):
        assert pointinzone.ring_segments(bad) is None
    segments = pointinzone.ring_segments(SQUARE_WITH_HOLE)
    assert segments is not None
    assert pointinzone.contains(segments, float("nan"), 1.0) is None
    assert pointinzone.contains(segments, 0.0, 5.0) is None  # on the boundary


def _shapely_zone_of(zones_path: Path) -> dict[str, str | None]:
    lk = linker.Linker.__new__(linker.Linker)
    lk.build_warnings, lk.places = [], {}
    shapes = linker._load_zone_shapes(zones_path)[0]
    lk._assign_zones(linker._read_places(linker.PLACES_PATH), shapes)
    return {gid: p.zone_id for gid, p in lk.places.items()}


def test_linker_places_towns_as_shapely_does() -> None:
    lk = linker.Linker()
    assert {gid: p.zone_id for gid, p in lk.places.items()} == _shapely_zone_of(ZONES_PATH)
    assert sum(p.zone_id is not None for p in lk.places.values()) > 50


def test_a_town_on_a_zone_edge_falls_back_to_shapely(tmp_path: Path) -> None:
    data = json.loads(ZONES_PATH.read_text(encoding="utf-8"))
    rows = linker._read_places(linker.PLACES_PATH)
    lat, lon = float(rows[0]["lat"]), float(rows[0]["lon"])
    # A small square zone with the first town exactly on its west edge.
    square = [[lon, lat - 0.1], [lon + 0.2, lat - 0.1], [lon + 0.2, lat + 0.1],
              [lon, lat + 0.1], [lon, lat - 0.1]]
    data["features"][0]["geometry"] = {"type": "Polygon", "coordinates": [square]}
    path = tmp_path / "zones.geojson"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert linker._zones_of_points(rows, linker._load_zones(path)[0]) is None
    lk = linker.Linker(zones_path=path)
    assert {gid: p.zone_id for gid, p in lk.places.items()} == _shapely_zone_of(path)
    assert lk.places[rows[0]["geonameid"]].zone_id != data["features"][0]["properties"]["id"]
