"""``python -m geo export --date D --out F.geojson``: each zone as it stood on D."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from shapely.geometry import Point, shape

ROOT = Path(__file__).resolve().parent.parent


def _export(tmp_path: Path, day: str, *extra: str) -> dict:
    out = tmp_path / f"zones-{day}.geojson"
    r = subprocess.run([sys.executable, "-m", "geo", "export", "--date", day, "--out", str(out),
                        *extra], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    return json.loads(out.read_text(encoding="utf-8"))


def _by_id(fc: dict) -> dict:
    return {f["properties"]["id"]: f for f in fc["features"] if f["properties"]["kind"] == "zone"}


def _layers(fc: dict) -> dict:
    return {f["properties"]["id"]: f for f in fc["features"] if f["properties"]["kind"] == "layer"}


def test_one_feature_per_zone_with_dates_area_and_sources(tmp_path: Path) -> None:
    fc = _by_id(_export(tmp_path, "2019-09-01"))
    assert list(fc) == ["idlib", "northern-homs", "eastern-ghouta", "south"]
    idlib = fc["idlib"]["properties"]
    assert idlib["status"] == "in-force"
    assert (idlib["valid_from"], idlib["valid_to"]) == ("2019-08-30", "2019-12-22")
    assert 5000 < idlib["area_km2"] < 6500
    assert idlib["change"]["id"] == "idlib-2019-08-tamanah"
    assert all(s["url"].startswith("http") and s["outlet"] for s in idlib["sources"])
    idlib_shape = shape(fc["idlib"]["geometry"])
    assert not idlib_shape.contains(Point(36.65095, 35.44208))  # Khan Shaykhun, lost 21 Aug
    assert idlib_shape.contains(Point(36.67693, 35.6483))  # Maarat al-Numan, until Jan 2020
    for zid in ("northern-homs", "eastern-ghouta", "south"):
        p = fc[zid]["properties"]
        assert p["status"] == "ended" and p["area_km2"] == 0 and fc[zid]["geometry"] is None
        assert p["sources"]  # the source of the zone's end


def test_the_shapes_on_the_dates_the_sources_describe(tmp_path: Path) -> None:
    ghouta_25_mar = _by_id(_export(tmp_path, "2018-03-25"))["eastern-ghouta"]
    g = shape(ghouta_25_mar["geometry"])
    assert g.contains(Point(36.4027, 33.57175))  # Douma
    assert not g.contains(Point(36.36515, 33.55869))  # Harasta, handed over 23 Mar
    south_1_jul = shape(_by_id(_export(tmp_path, "2018-07-01"))["south"]["geometry"])
    assert not south_1_jul.contains(Point(36.48163, 32.5174))  # Bosra al-Sham
    assert south_1_jul.contains(Point(36.10093, 32.61234))  # Daraa al-Balad
    idlib_2020 = _by_id(_export(tmp_path, "2020-04-01"))["idlib"]
    assert idlib_2020["properties"]["change"]["id"] == "idlib-2020-03-saraqib"
    assert not shape(idlib_2020["geometry"]).contains(Point(36.80591, 35.86447))  # Saraqib


def test_before_the_memorandum_and_after_the_end(tmp_path: Path) -> None:
    before = _by_id(_export(tmp_path, "2017-05-02"))["idlib"]
    assert before["properties"]["status"] == "none" and before["geometry"] is None
    after = _by_id(_export(tmp_path, "2024-12-01", "--zone", "idlib"))
    assert list(after) == ["idlib"]
    assert after["idlib"]["properties"]["status"] == "ended"
    assert after["idlib"]["properties"]["change"]["kind"] == "ended"


def test_the_dated_layers_of_the_day_are_exported_with_their_sources(tmp_path: Path) -> None:
    # The map draws Sochi's demilitarised zone from 17 Sep 2018 to 4 Mar 2020 and the M4
    # corridor from 5 Mar 2020: the export of a day carries the same layers, inside the zone.
    assert _layers(_export(tmp_path, "2018-09-16")) == {}
    fc = _export(tmp_path, "2019-01-01")
    layers = _layers(fc)
    assert list(layers) == ["sochi-dmz"]
    dmz = layers["sochi-dmz"]["properties"]
    assert (dmz["zone"], dmz["valid_from"], dmz["valid_to"], dmz["in_force_from"]) == (
        "idlib", "2018-09-17", "2020-03-04", "2018-10-15")
    assert dmz["name_ar"] and dmz["name_ar"] != dmz["name_en"]
    assert all(s["url"].startswith("http") and s["outlet"] for s in dmz["sources"])
    band = shape(layers["sochi-dmz"]["geometry"])
    zone = shape(_by_id(fc)["idlib"]["geometry"])
    assert 500 < dmz["area_km2"] < 0.8 * _by_id(fc)["idlib"]["properties"]["area_km2"]
    assert band.difference(zone.buffer(1e-3)).is_empty  # clipped to the zone that day
    m4 = _layers(_export(tmp_path, "2020-04-01", "--zone", "idlib"))
    assert list(m4) == ["m4-corridor"]
    assert _layers(_export(tmp_path, "2020-04-01", "--zone", "south")) == {}
    assert _layers(_export(tmp_path, "2024-12-20")) == {}  # the zone had ended
