"""Data tests on the shipped zone layer and base geography (not on fixtures)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from geo import ZONE_IDS
from geo.paths import ZONES_PATH
from geo.zones import (
    governorate_names,
    load_admin1,
    load_country,
    load_places,
    load_zones,
    zone_areas_km2,
)

ROOT = Path(__file__).resolve().parent.parent


def test_geo_validate_passes_on_the_repository_data() -> None:
    r = subprocess.run([sys.executable, "-m", "geo", "validate"], cwd=ROOT,
                       capture_output=True, text=True, timeout=300)
    assert "Traceback" not in r.stdout + r.stderr
    assert r.returncode == 0, r.stdout
    assert r.stdout.strip().splitlines()[-1].startswith(
        "OK: 4 zones, 14 governorates, 308 places"), r.stdout


def test_the_four_zone_ids_in_canonical_order() -> None:
    raw = json.loads(ZONES_PATH.read_text(encoding="utf-8"))
    assert sorted(f["properties"]["id"] for f in raw["features"]) == sorted(ZONE_IDS)
    assert ZONE_IDS == ("idlib", "northern-homs", "eastern-ghouta", "south")
    assert list(load_zones().index) == list(ZONE_IDS)


def test_every_zone_cites_its_sources_with_urls() -> None:
    zones = load_zones()
    for zid, cites in zones["citations"].items():
        assert cites, f"{zid} has no citations"
        for c in cites:
            assert re.match(r"^https?://[^\s/]+\.[^\s/]+", c["url"]), (zid, c)
            assert c["outlet"].strip() and c["title"].strip(), (zid, c)


def test_zone_shapes_are_valid_ccw_and_inside_syria() -> None:
    zones = load_zones()
    syria = load_country().union_all().buffer(0.02)
    for zid, geom in zones.geometry.items():
        assert geom.is_valid, zid
        parts = geom.geoms if geom.geom_type == "MultiPolygon" else [geom]
        assert all(p.exterior.is_ccw for p in parts), zid
        assert geom.difference(syria).area <= 0.01 * geom.area, zid


def test_listed_governorates_match_the_geometry() -> None:
    # The linker and the map's labels trust `governorates`; it must agree with the outline.
    zones = load_zones()
    adm1 = load_admin1().set_index("ADM1_PCODE")
    for zid, row in zones.iterrows():
        for code in row["governorates"]:
            assert row.geometry.intersects(adm1.geometry[code]), f"{zid} lists {code}"
        for code, gov in adm1.geometry.items():
            share = row.geometry.intersection(gov).area / row.geometry.area
            if share > 0.05:
                assert code in row["governorates"], f"{zid} is {share:.0%} in {code}"


def test_zone_areas_are_plausible() -> None:
    areas = zone_areas_km2(load_zones())
    assert set(areas) == set(ZONE_IDS)
    # Eastern Ghouta was a ~100 km² enclave; Idlib the largest zone by far. Generous bounds
    # catch a unit slip (degrees² or m²) or a zone drawn at the wrong scale.
    assert 20 < areas["eastern-ghouta"] < 1_000
    assert all(10 < a < 30_000 for a in areas.values()), areas
    assert areas["eastern-ghouta"] == min(areas.values())
    assert areas["idlib"] == max(areas.values())


def test_base_layers_load() -> None:
    adm1 = load_admin1()
    assert len(adm1) == 14
    assert list(adm1["ADM1_PCODE"]) == [f"SY{i:02d}" for i in range(1, 15)]
    names = governorate_names()
    assert len(names) == 14 and all(en and ar for en, ar in names.values())
    assert names["SY07"] == ("Idleb", "إدلب")
    places = load_places()
    assert len(places) == 308
    assert places["geonameid"].is_unique
    assert set(places["ocha_adm1_pcode"]) <= set(adm1["ADM1_PCODE"])
    assert places["lat"].between(32.0, 37.5).all() and places["lon"].between(35.5, 42.5).all()
    assert len(load_country()) == 1


@pytest.mark.parametrize("zid", ZONE_IDS)
def test_each_zone_has_arabic_names_for_the_linker(zid: str) -> None:
    row = load_zones().loc[zid]
    assert re.search(r"[\u0600-\u06FF]", row["name_ar"])
    assert row["name_variants_ar"], zid
