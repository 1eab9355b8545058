"""The zones' dated versions (geo/digitise/zone_changes.toml → geo/zone_versions.geojson).

Town positions are GeoNames' (geo/base/places.csv) copied here, and each (town, date, in/out)
comes from the dated changes' sources, so a redrawn change area that misses or swallows a town
fails here rather than on a journalist's map.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from shapely.geometry import Point

from geo import zone_versions as zv
from geo.build_zones import build_collection
from geo.validate import validate_versions

ROOT = Path(__file__).resolve().parent.parent
D = dt.date.fromisoformat

TOWNS = {
    "Sinjar": (37.00472, 35.59011), "Abu al-Duhur": (37.0448, 35.74058),
    "Qalaat al-Madiq": (36.39085, 35.41465), "Khan Shaykhun": (36.65095, 35.44208),
    "Morek": (36.6897, 35.37615), "Kafr Zita": (36.6033, 35.37425),
    "al-Tamanah": (36.74816, 35.45846), "Maarat al-Numan": (36.67693, 35.6483),
    "Saraqib": (36.80591, 35.86447), "Huraytan": (37.08527, 36.28861),
    "Kafranbel": (36.56449, 35.61376), "Idlib": (36.63393, 35.93062),
    "al-Atarib": (36.82504, 36.13907), "Jisr al-Shughur": (36.31983, 35.81418),
    "an-Nashabiyah": (36.48569, 33.51051), "Kafr Batna": (36.37273, 33.51168),
    "Harasta": (36.36515, 33.55869), "Arbin": (36.36635, 33.53719), "Douma": (36.4027, 33.57175),
    "Rastan": (36.73241, 34.92667), "Talbiseh": (36.73092, 34.84072),
    "al-Hirak": (36.30582, 32.74948), "Dael": (36.13076, 32.75355),
    "al-Jizah": (36.31544, 32.57034), "Bosra al-Sham": (36.48163, 32.5174),
    "Inkhil": (36.12828, 33.01809), "Daraa al-Balad (Omari Mosque)": (36.10093, 32.61234),
    "Nawa": (36.03905, 32.88646), "Kafr Shams": (36.10626, 33.11807),
}

# (zone, town, day, inside?): what the dated sources say.
DATED = [
    ("idlib", "Sinjar", "2018-01-06", True), ("idlib", "Sinjar", "2018-01-07", False),
    ("idlib", "Abu al-Duhur", "2018-01-20", True), ("idlib", "Abu al-Duhur", "2018-01-21", False),
    ("idlib", "Qalaat al-Madiq", "2019-05-08", True),
    ("idlib", "Qalaat al-Madiq", "2019-05-09", False),
    ("idlib", "Khan Shaykhun", "2019-08-20", True), ("idlib", "Khan Shaykhun", "2019-08-21", False),
    ("idlib", "Khan Shaykhun", "2019-09-01", False),
    ("idlib", "Morek", "2019-08-22", True), ("idlib", "Morek", "2019-08-23", False),
    ("idlib", "Kafr Zita", "2019-08-23", False),
    ("idlib", "al-Tamanah", "2019-08-29", True), ("idlib", "al-Tamanah", "2019-08-30", False),
    ("idlib", "Maarat al-Numan", "2019-09-01", True),
    ("idlib", "Maarat al-Numan", "2020-01-27", True),
    ("idlib", "Maarat al-Numan", "2020-01-28", False),
    ("idlib", "Saraqib", "2020-02-07", True), ("idlib", "Saraqib", "2020-02-08", False),
    ("idlib", "Saraqib", "2020-02-27", True), ("idlib", "Saraqib", "2020-03-02", False),
    ("idlib", "Huraytan", "2020-02-16", True), ("idlib", "Huraytan", "2020-02-17", False),
    ("idlib", "Kafranbel", "2020-02-25", True), ("idlib", "Kafranbel", "2020-02-26", False),
    ("idlib", "Idlib", "2020-04-01", True), ("idlib", "al-Atarib", "2020-04-01", True),
    ("idlib", "Jisr al-Shughur", "2024-11-26", True),
    ("idlib", "Idlib", "2024-11-27", False),
    ("eastern-ghouta", "an-Nashabiyah", "2018-03-01", True),
    ("eastern-ghouta", "an-Nashabiyah", "2018-03-04", False),
    ("eastern-ghouta", "Kafr Batna", "2018-03-17", True),
    ("eastern-ghouta", "Kafr Batna", "2018-03-18", False),
    ("eastern-ghouta", "Harasta", "2018-03-22", True),
    ("eastern-ghouta", "Harasta", "2018-03-25", False),
    ("eastern-ghouta", "Arbin", "2018-03-25", True),
    ("eastern-ghouta", "Arbin", "2018-03-31", False),
    ("eastern-ghouta", "Douma", "2018-04-13", True),
    ("eastern-ghouta", "Douma", "2018-04-14", False),
    ("northern-homs", "Rastan", "2018-05-15", True),
    ("northern-homs", "Rastan", "2018-05-16", False),
    ("northern-homs", "Talbiseh", "2018-03-01", True),
    ("south", "al-Hirak", "2018-06-28", True), ("south", "al-Hirak", "2018-06-29", False),
    ("south", "Dael", "2018-06-29", False), ("south", "al-Jizah", "2018-06-30", False),
    ("south", "Bosra al-Sham", "2018-06-30", True), ("south", "Bosra al-Sham", "2018-07-01", False),
    ("south", "Daraa al-Balad (Omari Mosque)", "2018-07-01", True),
    ("south", "Daraa al-Balad (Omari Mosque)", "2018-07-12", False),
    ("south", "Inkhil", "2018-07-01", True), ("south", "Inkhil", "2018-07-12", False),
    ("south", "Nawa", "2018-07-18", True), ("south", "Nawa", "2018-07-19", False),
    ("south", "Kafr Shams", "2018-07-11", True),
]


@pytest.fixture(scope="module")
def versions() -> dict[str, list[zv.Version]]:
    return zv.load_versions()


@pytest.mark.parametrize(("zone", "town", "day", "inside"), DATED,
                         ids=[f"{z}-{t}-{d}-{'in' if i else 'out'}" for z, t, d, i in DATED])
def test_dated_towns_in_or_out(versions: dict, zone: str, town: str, day: str,
                               inside: bool) -> None:
    v = zv.version_on(versions, zone, D(day))
    assert v is not None
    got = v.geometry is not None and v.geometry.contains(Point(*TOWNS[town]))
    assert got == inside, f"{town} on {day}: {v.change_id or 'first version'} ({v.valid_from})"


def test_every_version_sourced_and_contiguous(versions: dict) -> None:
    for zone, own in versions.items():
        assert own[0].valid_from == zv.SIGNING_DATE and own[0].kind == "drawn"
        assert own[-1].valid_to is None
        for a, b in itertools.pairwise(own):
            assert a.valid_to == b.valid_from - dt.timedelta(days=1), (zone, a.valid_from)
        for v in own:
            assert v.sources and all(s["url"].startswith("http") for s in v.sources)
            if v.change_id:
                assert v.decided_source is not None


def test_idlib_lasts_until_the_2024_offensive(versions: dict) -> None:
    own = versions["idlib"]
    assert own[-1].kind == "ended" and own[-1].valid_from == D("2024-11-27")
    # The line frozen by the Moscow protocol holds with no change of ground until then.
    frozen = zv.version_on(versions, "idlib", D("2020-03-06"))
    assert frozen is zv.version_on(versions, "idlib", D("2024-11-26"))
    assert 3000 < frozen.area_km2 < own[0].area_km2


def test_lost_ground_grows_as_the_zone_shrinks(versions: dict) -> None:
    assert zv.lost_ground(versions, "idlib", D("2017-10-15")).is_empty
    early = zv.lost_ground(versions, "idlib", D("2018-03-01")).area
    late = zv.lost_ground(versions, "idlib", D("2020-04-01")).area
    assert 0 < early < late
    # An ended zone has lost all its first shape.
    assert zv.lost_ground(versions, "south", D("2018-10-01")).equals(versions["south"][0].geometry)


def test_the_committed_layer_is_what_the_recipe_gives() -> None:
    r = subprocess.run([sys.executable, "-m", "geo", "build-zones", "--check"], cwd=ROOT,
                       capture_output=True, text=True, timeout=180)
    assert r.returncode == 0, r.stderr
    assert "zone_versions.geojson matches" in r.stdout


# --------------------------------------------------------------------------- broken recipes

CHANGE = """
[[changes]]
id = "t-1"
zone = "eastern-ghouta"
date = "{date}"
kind = "{kind}"
places_en = ["Douma"]
places_ar = {{places_ar}}
summary_en = "test"
decided_by = "SRC"
date_note = "test"
sources = [{{ key = "SRC", outlet = "O", title = "T", url = "https://example.org/a" }}]
areas = {areas}
"""
DOUMA = ('[[{ lon = 36.39, lat = 33.56, why = "a [SRC]" }, { lon = 36.42, lat = 33.56, why = "b" },'
         ' { lon = 36.42, lat = 33.59, why = "c" }, { lon = 36.39, lat = 33.59, why = "d" }]]')
FAR = ('[[{ lon = 38.0, lat = 35.0, why = "a" }, { lon = 38.1, lat = 35.0, why = "b" },'
       ' { lon = 38.1, lat = 35.1, why = "c" }]]')


def _build(tmp_path: Path, body: str) -> dict:
    body = body.replace("{places_ar}", '["دوما"]')
    path = tmp_path / "changes.toml"
    path.write_text("schema = 1\n" + body, encoding="utf-8")
    return zv.build_versions(build_collection(), zv.load_changes(path))


def test_a_good_change_builds(tmp_path: Path) -> None:
    fc = _build(tmp_path, CHANGE.format(date="2018-03-01", kind="lost", areas=DOUMA))
    ghouta = [f for f in fc["features"] if f["properties"]["zone"] == "eastern-ghouta"]
    assert [f["properties"]["valid_to"] for f in ghouta] == ["2018-02-28", None]


def test_a_change_that_misses_the_zone_is_refused(tmp_path: Path) -> None:
    with pytest.raises(zv.ChangeError, match="move only"):
        _build(tmp_path, CHANGE.format(date="2018-03-01", kind="lost", areas=FAR))


def test_regaining_ground_never_lost_is_refused(tmp_path: Path) -> None:
    with pytest.raises(zv.ChangeError, match="ground the zone had lost"):
        _build(tmp_path, CHANGE.format(date="2018-03-01", kind="regained", areas=DOUMA))


def test_changes_out_of_date_order_are_refused(tmp_path: Path) -> None:
    body = (CHANGE.format(date="2018-03-05", kind="lost", areas=DOUMA)
            + CHANGE.format(date="2018-03-01", kind="lost", areas=DOUMA).replace('"t-1"', '"t-2"'))
    with pytest.raises(zv.ChangeError, match="not after"):
        _build(tmp_path, body)


def test_an_unsourced_vertex_key_is_refused(tmp_path: Path) -> None:
    with pytest.raises(zv.ChangeError, match="cites"):
        _build(tmp_path, CHANGE.format(date="2018-03-01", kind="lost",
                                       areas=DOUMA.replace("[SRC]", "[NOPE]")))


@pytest.mark.parametrize("places_ar, message", [
    (None, "missing places_ar"),
    ('[]', "places_ar has 0 entries but places_en has 1"),
    ('["دوما", "حرستا"]', "places_ar has 2 entries but places_en has 1"),
    ('["Douma"]', "'Douma' has no Arabic letters"),
    ('[""]', "places_ar must be a list of non-empty strings"),
])
def test_the_arabic_places_must_match_the_english_ones(tmp_path: Path, places_ar: str | None,
                                                       message: str) -> None:
    body = CHANGE.format(date="2018-03-01", kind="lost", areas=DOUMA, places_ar="{places_ar}")
    body = (body.replace("places_ar = {places_ar}\n", "") if places_ar is None
            else body.replace("{places_ar}", places_ar))
    with pytest.raises(zv.ChangeError, match=re.escape(message)) as err:
        _build(tmp_path, body)
    assert "change 1 (t-1)" in str(err.value)


def test_every_shipped_change_names_its_places_in_arabic(versions: dict) -> None:
    # One Arabic phrase per English place, in the same order (spot-checked pairs), for every
    # change; the first drawing has neither.
    changed = zv.changes(versions)
    assert len(changed) == 38
    for v in changed:
        assert len(v.places_ar) == len(v.places_en) > 0, v.change_id
    pairs = {(en, ar) for v in changed for en, ar in zip(v.places_en, v.places_ar,
                                                                   strict=True)}
    assert {("Abu al-Duhur airbase", "مطار أبو الظهور العسكري"), ("Douma", "دوما"),
            ("Nawa", "نوى"), ("Kafr Nabudah", "كفرنبودة")} <= pairs
    assert all(v.places_ar == () for z in versions.values() for v in z if not v.change_id)


# --------------------------------------------------------------------------- the validator


def _edited(tmp_path: Path, edit) -> Path:
    data = json.loads(zv.VERSIONS_PATH.read_text(encoding="utf-8"))
    edit(data["features"])
    out = tmp_path / "versions.geojson"
    out.write_text(json.dumps(data), encoding="utf-8")
    return out


def _messages(path: Path) -> list[str]:
    return [str(p) for p in validate_versions(path) if p.severity == "error"]


def test_validator_passes_the_shipped_layer() -> None:
    assert _messages(zv.VERSIONS_PATH) == []


def test_validator_flags_a_loss_that_adds_ground(tmp_path: Path) -> None:
    def grow(features: list) -> None:
        # Give Ghouta's second version the first version's (bigger) shape.
        ghouta = [f for f in features if f["properties"]["zone"] == "eastern-ghouta"]
        ghouta[2]["geometry"] = ghouta[0]["geometry"]

    msgs = _messages(_edited(tmp_path, grow))
    assert any("adds" in m and "must be 'regained'" in m for m in msgs), msgs


def test_validator_flags_an_unsourced_version(tmp_path: Path) -> None:
    def strip(features: list) -> None:
        features[3]["properties"]["sources"] = []

    msgs = _messages(_edited(tmp_path, strip))
    assert any("not sourced" in m for m in msgs), msgs


def test_validator_flags_missing_or_misaligned_arabic_places(tmp_path: Path) -> None:
    def edit(features: list) -> None:
        features[1]["properties"]["places_ar"] = features[1]["properties"]["places_ar"][:1]
        del features[2]["properties"]["places_ar"]

    msgs = _messages(_edited(tmp_path, edit))
    assert any("idlib version 1 (2018-01-07, lost)" in m and "places_ar has 1 entries but "
               "places_en has 2" in m and "zone_changes.toml" in m for m in msgs), msgs
    assert any("idlib version 2" in m and "missing places_ar" in m for m in msgs), msgs


def test_validator_flags_overlap_and_gaps(tmp_path: Path) -> None:
    def move(features: list) -> None:
        homs = next(f for f in features if f["properties"]["zone"] == "northern-homs")
        south = next(f for f in features if f["properties"]["zone"] == "south")
        homs["geometry"] = south["geometry"]
        homs["properties"]["valid_to"] = "2018-01-01"

    msgs = _messages(_edited(tmp_path, move))
    assert any("overlap" in m for m in msgs), msgs
    assert any("ends 2018-01-01 but the next version starts" in m for m in msgs), msgs


def test_validator_ties_the_end_to_the_lifecycle(tmp_path: Path) -> None:
    status = tmp_path / "zone_status.csv"
    text = (ROOT / "geo/data/zone_status.csv").read_text(encoding="utf-8")
    status.write_text(text.replace("idlib,ended,2024-11-27", "idlib,ended,2024-11-28")
                      .replace("idlib,in-force,2020-03-06,2024-11-26",
                               "idlib,in-force,2020-03-06,2024-11-27"), encoding="utf-8")
    msgs = [str(p) for p in validate_versions(zv.VERSIONS_PATH, status_path=status)]
    assert any("ends 2024-11-27" in m and "2024-11-28" in m for m in msgs), msgs


def test_no_slivers_left_between_change_areas(versions: dict) -> None:
    # A piece of a few hectares cut off from its zone is a gap between two drawn change areas,
    # not ground any source describes.
    from geo.validate import area_km2

    for zone, own in versions.items():
        for v in own:
            if v.geometry is not None and v.geometry.geom_type == "MultiPolygon":
                small = [round(area_km2(p), 2) for p in v.geometry.geoms if area_km2(p) < 1.0]
                assert not small, (zone, v.change_id, small)
