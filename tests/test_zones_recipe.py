"""Tests of the zone recipe (geo/digitise/zones.toml → geo/zones.geojson) against the sources.

Town positions are copied here (not looked up from the layer under test) so that a redrawn
outline that drops a town the sources put inside a zone, or swallows one they put outside, fails.
Unless marked otherwise, coordinates are GeoNames' as shipped in geo/base/places.csv.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import numpy as np
import pytest
import shapely
from pyproj import Transformer
from shapely.geometry import Point, shape

from geo import ZONE_IDS
from geo import build_zones as bz
from geo.paths import ADM0_PATH, ZONES_PATH
from geo.zones import country_outline

ROOT = Path(__file__).resolve().parent.parent

# (zone, name, lon, lat): the sources put the town inside the zone.
INSIDE: list[tuple[str, str, float, float]] = [
    ("idlib", "Idlib", 36.63393, 35.93062),
    ("idlib", "Jisr al-Shughur", 36.31983, 35.81418),
    ("idlib", "Darkush", 36.39361, 35.9918),
    ("idlib", "Harem", 36.52078, 36.21176),
    ("idlib", "Salqin", 36.45244, 36.13865),
    ("idlib", "Saraqib", 36.80591, 35.86447),
    ("idlib", "Ariha", 36.60964, 35.81374),
    ("idlib", "Maarat al-Numan", 36.67693, 35.6483),
    ("idlib", "Khan Shaykhun", 36.65095, 35.44208),
    ("idlib", "Abu al-Duhur", 37.0448, 35.74058),
    ("idlib", "al-Atarib", 36.82504, 36.13907),
    ("idlib", "Darat Izza", 36.85216, 36.28247),
    ("idlib", "Haritan (north of Aleppo, next to Anadan)", 37.08527, 36.28861),
    ("idlib", "Kafr Zita", 36.6033, 35.37425),
    ("idlib", "Morek", 36.6897, 35.37615),
    ("idlib", "Qalaat al-Madiq", 36.39085, 35.41465),
    ("idlib", "al-Ziyara (northern al-Ghab)", 36.33867, 35.68482),
    # Kabani: not in places.csv; coordinates from its Wikipedia infobox [WIKI-KABANI].
    ("idlib", "Kabani (Jabal al-Akrad, Latakia)", 36.23361, 35.71833),
    ("northern-homs", "Rastan", 36.73241, 34.92667),
    ("northern-homs", "Talbiseh", 36.73092, 34.84072),
    ("northern-homs", "al-Ghantu", 36.69613, 34.82202),
    ("northern-homs", "Kafr Laha", 36.49582, 34.89469),
    ("northern-homs", "Taldou", 36.524, 34.87632),
    ("northern-homs", "Harbnafsah (south Hama fringe)", 36.62243, 34.93745),
    ("eastern-ghouta", "Douma", 36.4027, 33.57175),
    ("eastern-ghouta", "Harasta", 36.36515, 33.55869),
    ("eastern-ghouta", "Arbin", 36.36635, 33.53719),
    ("eastern-ghouta", "Kafr Batna", 36.37273, 33.51168),
    ("eastern-ghouta", "an-Nashabiyah", 36.48569, 33.51051),
    ("south", "Nawa", 36.03905, 32.88646),
    ("south", "Jasim", 36.06093, 32.99125),
    ("south", "Inkhil", 36.12828, 33.01809),
    ("south", "Tafas", 36.06654, 32.73709),
    ("south", "Kafr Shams", 36.10626, 33.11807),
    ("south", "Kafr Nasij", 36.03877, 33.15051),
    ("south", "al-Muzayrib", 36.02751, 32.71084),
    ("south", "al-Hirak", 36.30582, 32.74948),
    ("south", "Bosra al-Sham", 36.48163, 32.5174),
    ("south", "al-Musayfirah", 36.33977, 32.63263),
    ("south", "Ghasm", 36.37541, 32.54583),
    ("south", "old Quneitra (UNDOF zone)", 35.82461, 33.12595),
    # PennCHC syria.geojson point for the Omari Mosque, Daraa al-Balad (rebel half of the city).
    ("south", "Daraa al-Balad (Omari Mosque)", 36.10093, 32.61234),
]

# (zone, name, lon, lat): the sources (or the 2017 front lines) put the town outside the zone.
OUTSIDE: list[tuple[str, str, float, float]] = [
    ("idlib", "Aleppo city (government since Dec 2016)", 37.16117, 36.20124),
    ("idlib", "Afrin (SDF)", 36.86954, 36.51194),
    ("idlib", "Jindayris (Afrin canton)", 36.6889, 36.39496),
    ("idlib", "Azaz (Euphrates Shield area)", 37.04628, 36.58662),
    ("idlib", "al-Bab (Euphrates Shield area)", 37.5157, 36.37051),
    ("idlib", "Nubl (government)", 36.99294, 36.37867),
    ("idlib", "Kinsabba (government since Feb 2016)", 36.164, 35.7441),
    ("idlib", "Rabia (government since Jan 2016)", 36.03825, 35.78656),
    # Salma: not in places.csv; approximate position of the town (general knowledge).
    ("idlib", "Salma (government since Jan 2016)", 36.13, 35.70),
    ("idlib", "Hama city", 36.75783, 35.13179),
    ("idlib", "Halfaya (government since Apr 2017)", 36.60581, 35.26014),
    ("idlib", "Souran (government since Apr 2017)", 36.74848, 35.29193),
    ("idlib", "Mhardeh", 36.5725, 35.2479),
    ("idlib", "al-Suqaylabiyah", 36.39359, 35.36674),
    ("idlib", "Shathah (western al-Ghab, government)", 36.24377, 35.50509),
    ("idlib", "Latakia", 35.79088, 35.53125),
    ("northern-homs", "Homs city", 36.72559, 34.72405),
    ("northern-homs", "al-Qabu (government)", 36.45493, 34.84324),
    ("northern-homs", "Shin", 36.42366, 34.77863),
    ("northern-homs", "Hama city", 36.75783, 35.13179),
    ("northern-homs", "Kafr Buhum", 36.69905, 35.05965),
    ("eastern-ghouta", "Jaramana", 36.34614, 33.4862),
    ("eastern-ghouta", "al-Maliha", 36.37561, 33.48522),
    ("eastern-ghouta", "Deir al-Asafir", 36.42044, 33.46585),
    ("eastern-ghouta", "Damascus (old city)", 36.29128, 33.5102),
    ("south", "Izra", 36.25072, 32.86709),
    ("south", "Izra mosque (PennCHC)", 36.249856, 32.845403),
    ("south", "Sheikh Miskin", 36.16052, 32.82666),
    ("south", "as-Sanamayn", 36.18316, 33.07186),
    ("south", "Ghabaghib", 36.22534, 33.18235),
    ("south", "al-Mismiyah", 36.39402, 33.12902),
    ("south", "Khirbet Ghazaleh", 36.20455, 32.73376),
    ("south", "Sweida city", 36.56951, 32.70896),
    ("south", "Khan Arnabah", 35.89158, 33.18378),
    # Madinat al-Baath: not in places.csv; Wikipedia infobox (33.17 N, 35.87 E).
    ("south", "Madinat al-Baath (Quneitra government centre)", 35.87, 33.17),
    ("south", "Tasil (Yarmouk basin, IS affiliate)", 35.96973, 32.83395),
    ("south", "al-Shajara (Yarmouk basin)", 35.88202, 32.77411),
    ("south", "Majdal Shams (occupied Golan)", 35.7716, 33.27029),
    ("south", "Mas'ada (occupied Golan)", 35.75572, 33.23203),
    ("south", "Buq'ata (occupied Golan)", 35.77917, 33.20111),
    ("south", "Kanakir", 36.09625, 33.26664),
    # Daraa al-Mahatta, the government half of the city (approximate, general knowledge).
    ("south", "Daraa al-Mahatta", 36.1000, 32.6260),
]


@pytest.fixture(scope="module")
def zones() -> dict[str, shapely.Geometry]:
    raw = json.loads(ZONES_PATH.read_text(encoding="utf-8"))
    return {f["properties"]["id"]: shape(f["geometry"]) for f in raw["features"]}


def _km2(geom: shapely.Geometry) -> float:
    laea = Transformer.from_crs(
        "EPSG:4326", "+proj=laea +lat_0=34.5 +lon_0=37 +datum=WGS84 +units=m", always_xy=True)
    projected = shapely.transform(
        geom, lambda xy: np.column_stack(laea.transform(xy[:, 0], xy[:, 1])))
    return projected.area / 1e6


def test_exactly_the_four_ids_in_order() -> None:
    raw = json.loads(ZONES_PATH.read_text(encoding="utf-8"))
    assert [f["properties"]["id"] for f in raw["features"]] == list(ZONE_IDS)
    recipe = tomllib.loads((ROOT / "geo" / "digitise" / "zones.toml").read_text("utf-8"))
    assert [z["id"] for z in recipe["zones"]] == list(ZONE_IDS)


def test_committed_layer_matches_the_recipe() -> None:
    r = subprocess.run([sys.executable, "-m", "geo", "build-zones", "--check"], cwd=ROOT,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr


def test_check_fails_when_the_file_differs(tmp_path: Path) -> None:
    stale = tmp_path / "zones.geojson"
    stale.write_text(ZONES_PATH.read_text(encoding="utf-8").replace("36.", "37.", 1),
                     encoding="utf-8")
    assert bz.main(["--check", "--out", str(stale)]) == 1
    assert bz.main(["--out", str(stale)]) == 0  # rebuilding repairs it
    assert bz.main(["--check", "--out", str(stale)]) == 0
    assert stale.read_text(encoding="utf-8") == ZONES_PATH.read_text(encoding="utf-8")


def test_properties_are_exactly_the_schema() -> None:
    raw = json.loads(ZONES_PATH.read_text(encoding="utf-8"))
    assert raw["type"] == "FeatureCollection"
    for f in raw["features"]:
        assert list(f["properties"]) == list(bz.PROPERTY_KEYS)
        assert f["geometry"]["type"] in ("Polygon", "MultiPolygon")
        for c in f["properties"]["citations"]:
            assert list(c) == ["key", "outlet", "title", "url"]


@pytest.mark.parametrize(("zid", "name", "lon", "lat"), INSIDE,
                         ids=[f"{z}:{n}" for z, n, *_ in INSIDE])
def test_town_inside_its_zone(zones: dict[str, shapely.Geometry], zid: str, name: str,
                              lon: float, lat: float) -> None:
    assert zones[zid].contains(Point(lon, lat)), f"{name} should be inside {zid}"


@pytest.mark.parametrize(("zid", "name", "lon", "lat"), OUTSIDE,
                         ids=[f"{z}:{n}" for z, n, *_ in OUTSIDE])
def test_town_outside_its_zone(zones: dict[str, shapely.Geometry], zid: str, name: str,
                               lon: float, lat: float) -> None:
    assert not zones[zid].intersects(Point(lon, lat)), f"{name} should be outside {zid}"


def test_no_two_zones_overlap(zones: dict[str, shapely.Geometry]) -> None:
    ids = list(zones)
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            assert _km2(zones[a].intersection(zones[b])) < 0.01, (a, b)


def test_every_zone_inside_the_country_outline(zones: dict[str, shapely.Geometry]) -> None:
    raw = json.loads(ADM0_PATH.read_text(encoding="utf-8"))
    country = shapely.union_all([shape(f["geometry"]) for f in raw["features"]])
    for zid, g in zones.items():
        assert g.is_valid, zid
        assert _km2(g.difference(country)) < 0.01, zid


def test_exterior_rings_are_counter_clockwise(zones: dict[str, shapely.Geometry]) -> None:
    for zid, g in zones.items():
        parts = g.geoms if g.geom_type == "MultiPolygon" else [g]
        assert all(p.exterior.is_ccw for p in parts), zid


def test_eastern_ghouta_is_about_100_km2(zones: dict[str, shapely.Geometry]) -> None:
    area = _km2(zones["eastern-ghouta"])
    assert 60 < area < 160, area
    # The equal-area projection and the geodesic area must agree (catches a projection slip).
    assert abs(area - bz.geodesic_area_km2(zones["eastern-ghouta"])) < 0.01 * area


def test_zone_sizes_are_in_proportion(zones: dict[str, shapely.Geometry]) -> None:
    areas = {zid: _km2(g) for zid, g in zones.items()}
    assert areas["idlib"] > areas["south"] > areas["northern-homs"] > areas["eastern-ghouta"]


def test_vertex_counts_and_notes() -> None:
    recipe = bz.load_recipe()
    bounds = {"idlib": (25, 60), "south": (25, 60), "northern-homs": (12, 30),
              "eastern-ghouta": (12, 30)}
    for z in recipe:
        lo, hi = bounds[z["id"]]
        assert lo <= len(z["outline"]) <= hi, z["id"]
        for v in z["outline"]:
            assert round(v["lon"], 5) == v["lon"] and round(v["lat"], 5) == v["lat"]
            assert len(v["why"]) > 10


def test_recipe_rejects_a_why_citing_an_unknown_key(tmp_path: Path) -> None:
    src = (ROOT / "geo" / "digitise" / "zones.toml").read_text(encoding="utf-8")
    bad = tmp_path / "zones.toml"
    bad.write_text(src.replace("[WIKI-KABANI]", "[NO-SUCH-SOURCE]", 1), encoding="utf-8")
    with pytest.raises(bz.RecipeError, match="NO-SUCH-SOURCE"):
        bz.load_recipe(bad)


def test_overlap_check_detects_overlapping_zones() -> None:
    zones = bz.load_recipe()
    country = country_outline()
    geoms = [bz.build_geometry(z, country) for z in zones]
    geoms[3] = shapely.union_all([geoms[3], geoms[2]])  # south swallows eastern-ghouta
    problems = bz.check_layer(zones, geoms, bz.load_governorates())
    assert any("overlap" in p for p in problems), problems


def test_governorate_check_detects_a_missing_code() -> None:
    zones = bz.load_recipe()
    country = country_outline()
    geoms = [bz.build_geometry(z, country) for z in zones]
    zones[0] = {**zones[0], "governorates": ["SY02", "SY05", "SY06"]}  # drop Idlib itself
    problems = bz.check_layer(zones, geoms, bz.load_governorates())
    assert any("SY07" in p for p in problems), problems
