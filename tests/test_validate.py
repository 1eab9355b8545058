"""Unit tests of geo.validate and geo.zones against the small fixtures in tests/fixtures/zones/."""

from __future__ import annotations

import json
import math
import subprocess
import sys
import types
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import Polygon, box

from geo import ZONE_IDS
from geo import validate as v
from geo.problems import DataError, Problem
from geo.zones import load_places, load_zones, read_geojson, zone_areas_km2

ROOT = Path(__file__).resolve().parent.parent
ZF = ROOT / "tests" / "fixtures" / "zones"
VALID = ZF / "valid.geojson"


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def fixture_copy(tmp_path: Path, edit) -> Path:
    """The valid fixture with one edit applied, written to tmp_path."""
    data = json.loads(VALID.read_text(encoding="utf-8"))
    edit(data)
    out = tmp_path / "edited.geojson"
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return out


# Each broken fixture breaks exactly one thing, so exactly one error is expected, and its line
# must carry the specific diagnosis (and name the feature where there is one).
BROKEN = [
    ("bowtie.geojson", ["feature 'idlib'", "Self-intersection at (36.6, 35.9)"]),
    ("swapped.geojson", ["feature 'idlib'", "lat/lon swapped"]),
    ("duplicate_id.geojson", ["feature 'idlib'", "duplicate id 'idlib'"]),
    ("missing_property.geojson", ["feature 'northern-homs'", "'represents_date'"]),
    ("point.geojson", ["feature 'eastern-ghouta'", "Point", "Polygon or MultiPolygon"]),
    ("empty.geojson", ["empty.geojson", "file is empty"]),
    ("not_json.geojson", ["not valid JSON", "line 196, column 11"]),
    ("not_utf8.geojson", ["not UTF-8", "byte offset"]),
    ("overlap.geojson", ["feature 'eastern-ghouta' and feature 'south'", "overlap", "km²"]),
    ("outside_syria.geojson", ["feature 'south'", "outside Syria"]),
    ("unknown_governorate.geojson", ["feature 'idlib'", "unknown governorate code 'SY99'"]),
]


@pytest.mark.parametrize(("name", "fragments"), BROKEN, ids=[b[0] for b in BROKEN])
def test_each_broken_fixture_gives_one_specific_error(name: str, fragments: list[str]) -> None:
    errs = errors(v.validate_zones(ZF / name))
    assert len(errs) == 1, [str(e) for e in errs]
    line = str(errs[0])
    for frag in fragments:
        assert frag in line, line
    assert "Fix:" in line and "\n" not in line


def test_valid_fixture_has_no_problem_at_all() -> None:
    assert v.validate_zones(VALID) == []


def test_swapped_coordinates_are_not_reported_as_merely_outside() -> None:
    line = str(errors(v.validate_zones(ZF / "swapped.geojson"))[0])
    assert "outside Syria" not in line


def test_not_utf8_names_the_real_offset_of_the_first_bad_byte() -> None:
    raw = (ZF / "not_utf8.geojson").read_bytes()
    first_bad = next(i for i, b in enumerate(raw) if b >= 0x80)
    with pytest.raises(DataError) as exc:
        read_geojson(ZF / "not_utf8.geojson")
    assert f"byte offset {first_bad}" in str(exc.value)


def test_read_geojson_missing_file_and_not_a_collection(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="file not found"):
        read_geojson(tmp_path / "nope.geojson")
    feat = tmp_path / "feature.geojson"
    feat.write_text('{"type": "Feature", "geometry": null, "properties": {}}', encoding="utf-8")
    with pytest.raises(DataError, match=r"not a GeoJSON FeatureCollection.*'Feature'"):
        read_geojson(feat)
    arr = tmp_path / "list.geojson"
    arr.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(DataError, match="FeatureCollection"):
        read_geojson(arr)


def test_whitespace_only_file_counts_as_empty(tmp_path: Path) -> None:
    p = tmp_path / "blank.geojson"
    p.write_text("  \n\n", encoding="utf-8")
    assert "file is empty" in str(v.validate_zones(p)[0])


@pytest.mark.parametrize("geometry", [
    {"type": "LineString", "coordinates": [[36.5, 35.8], [36.7, 36.0]]},
    {"type": "GeometryCollection", "geometries": []},
])
def test_non_polygon_geometries_are_named(tmp_path: Path, geometry: dict) -> None:
    def edit(d: dict) -> None:
        d["features"][0]["geometry"] = geometry
    errs = errors(v.validate_zones(fixture_copy(tmp_path, edit)))
    assert len(errs) == 1 and f"geometry is a {geometry['type']}" in str(errs[0])


def test_null_geometry_and_malformed_coordinates(tmp_path: Path) -> None:
    def edit(d: dict) -> None:
        d["features"][0]["geometry"] = None
        d["features"][1]["geometry"]["coordinates"] = [[[36.7, 34.9], [36.8, 34.9]]]
    lines = [str(e) for e in errors(v.validate_zones(fixture_copy(tmp_path, edit)))]
    assert any("'idlib'" in s and "has no geometry" in s for s in lines)
    assert any("'northern-homs'" in s and "malformed" in s for s in lines)


def test_projected_coordinates_are_not_taken_for_degrees(tmp_path: Path) -> None:
    def edit(d: dict) -> None:
        d["features"][0]["geometry"]["coordinates"] = [[[4.07e6, 4.0e6], [4.08e6, 4.0e6],
                                                        [4.08e6, 4.01e6], [4.07e6, 4.0e6]]]
    errs = errors(v.validate_zones(fixture_copy(tmp_path, edit)))
    assert len(errs) == 1 and "not lon/lat degrees" in str(errs[0])


def test_id_set_must_be_exactly_the_four_zones(tmp_path: Path) -> None:
    def edit(d: dict) -> None:
        d["features"][3]["properties"]["id"] = "daraa"
    lines = [str(e) for e in errors(v.validate_zones(fixture_copy(tmp_path, edit)))]
    assert any("unknown zone id 'daraa'" in s for s in lines)
    assert any("missing zone(s) south" in s for s in lines)
    assert len(lines) == 2


@pytest.mark.parametrize(("key", "value", "fragment"), [
    ("represents_date", "2017-02-30", "not a valid ISO date"),
    ("represents_date", "04/05/2017", "not a valid ISO date"),
    ("represents_date", "20170504", "not a valid ISO date"),
    ("confidence", "certain", "confidence 'certain' is not one of"),
    ("name_en", 42, "'name_en' must be a non-empty string"),
    ("name_variants_ar", "ادلب", "'name_variants_ar' must be a list of strings"),
    ("governorates", [], "governorates is empty"),
    ("citations", [], "citations is empty"),
    ("citations", [{"key": "k", "outlet": "o", "title": "t", "url": "example.org/x"}],
     "is not an http(s) URL"),
    ("citations", [{"key": "k", "outlet": "o", "url": "https://example.org"}],
     "citation #0 lacks a text 'title'"),
])
def test_property_types_and_values(tmp_path: Path, key: str, value: object,
                                   fragment: str) -> None:
    def edit(d: dict) -> None:
        d["features"][2]["properties"][key] = value
    errs = errors(v.validate_zones(fixture_copy(tmp_path, edit)))
    assert len(errs) == 1, [str(e) for e in errs]
    assert fragment in str(errs[0]) and "feature 'eastern-ghouta'" in str(errs[0])


def test_feature_without_id_is_named_by_index(tmp_path: Path) -> None:
    def edit(d: dict) -> None:
        del d["features"][1]["properties"]["id"]
    lines = [str(e) for e in errors(v.validate_zones(fixture_copy(tmp_path, edit)))]
    assert any("feature #1" in s and "missing required property 'id'" in s for s in lines)


def test_country_and_known_pcodes_can_be_passed_in() -> None:
    # An "outline" around Idlib only: the three other squares are outside it.
    only_idlib = box(36.0, 35.5, 37.0, 36.5)
    lines = [str(e) for e in v.validate_zones(VALID, country=only_idlib,
                                              known_pcodes={"SY07"})]
    assert sum("outside Syria" in s for s in lines) == 3
    assert sum("unknown governorate code" in s for s in lines) == 3


def test_small_graze_of_the_border_is_tolerated_but_not_a_real_crossing(
        tmp_path: Path) -> None:
    # Walk the Idlib square north until it first pokes over the Turkish border: a
    # hand-digitised outline grazing the simplified border is noise, not an error.
    country = v._country_geometry(None)
    lon, lat = 36.66, 36.0
    while country.contains(box(lon - 0.05, lat - 0.05, lon + 0.05, lat + 0.05)):
        lat += 0.005

    def with_idlib_at(lat_c: float) -> Path:
        sq = box(lon - 0.05, lat_c - 0.05, lon + 0.05, lat_c + 0.05)
        def edit(d: dict) -> None:
            d["features"][0]["geometry"]["coordinates"] = [list(map(list, sq.exterior.coords))]
        return fixture_copy(tmp_path, edit)

    graze = box(lon - 0.05, lat - 0.05, lon + 0.05, lat + 0.05)
    assert graze.difference(country).area > 0
    assert errors(v.validate_zones(with_idlib_at(lat))) == []
    errs = errors(v.validate_zones(with_idlib_at(lat + 0.06)))
    assert len(errs) == 1 and "lies outside Syria's outline" in str(errs[0])


def test_clockwise_is_a_warning_and_load_zones_normalises_it() -> None:
    problems = v.validate_zones(ZF / "clockwise.geojson")
    assert problems and all(p.severity == "warning" for p in problems)
    assert all("clockwise" in str(p) and "normalised" in str(p) for p in problems)
    gdf = load_zones(ZF / "clockwise.geojson")
    assert list(gdf.index) == list(ZONE_IDS)
    assert all(geom.exterior.is_ccw for geom in gdf.geometry)


def test_counter_clockwise_hole_is_a_warning_and_normalised(tmp_path: Path) -> None:
    def edit(d: dict) -> None:
        ring = d["features"][0]["geometry"]["coordinates"][0]
        hole = [[36.58, 35.88], [36.62, 35.88], [36.62, 35.92], [36.58, 35.92], [36.58, 35.88]]
        d["features"][0]["geometry"]["coordinates"] = [ring, hole]
    path = fixture_copy(tmp_path, edit)
    problems = v.validate_zones(path)
    assert [p.severity for p in problems] == ["warning"]
    assert "hole is counter-clockwise" in str(problems[0])
    idlib = load_zones(path).geometry["idlib"]
    assert idlib.exterior.is_ccw and not idlib.interiors[0].is_ccw


def test_missing_properties_object_is_one_line(tmp_path: Path) -> None:
    def edit(d: dict) -> None:
        d["features"][1]["properties"] = None
    lines = [str(e) for e in errors(v.validate_zones(fixture_copy(tmp_path, edit)))]
    assert any("feature #1: has no properties object" in s for s in lines)
    assert any("missing zone(s) northern-homs" in s for s in lines)
    assert len(lines) == 2


def test_load_zones_shape_order_and_columns(tmp_path: Path) -> None:
    def edit(d: dict) -> None:
        d["features"].reverse()
        # a MultiPolygon with a clockwise part must be normalised part by part
        d["features"][0]["geometry"] = {"type": "MultiPolygon", "coordinates": [
            d["features"][0]["geometry"]["coordinates"],
            [[[36.2, 32.9], [36.2, 32.95], [36.25, 32.95], [36.25, 32.9], [36.2, 32.9]]],
        ]}
    gdf = load_zones(fixture_copy(tmp_path, edit))
    assert isinstance(gdf, gpd.GeoDataFrame)
    assert list(gdf.index) == list(ZONE_IDS) and gdf.index.name == "id"
    assert gdf.columns[-1] == "geometry" and "citations" in gdf.columns
    assert str(gdf.crs) == "EPSG:4326"
    assert all(part.exterior.is_ccw for part in gdf.geometry["south"].geoms)


def test_load_zones_raises_with_the_problems() -> None:
    with pytest.raises(DataError) as exc:
        load_zones(ZF / "bowtie.geojson")
    assert [p.severity for p in exc.value.problems] == ["error"]
    assert "Self-intersection" in str(exc.value)


def test_area_of_a_tenth_degree_square_near_35n() -> None:
    sq = gpd.GeoDataFrame({"geometry": [box(38.0, 35.0, 38.1, 35.1)]}, index=["sq"],
                          crs="EPSG:4326")
    # spherical approximation: width 0.1° of longitude at 35.05°N, height 0.1° of latitude
    width_km = 0.1 * 111.32 * math.cos(math.radians(35.05))
    height_km = 0.1 * 110.95
    assert 9.0 < width_km < 9.2 and 11.0 < height_km < 11.2
    area = zone_areas_km2(sq)["sq"]
    assert area == pytest.approx(width_km * height_km, rel=0.02)
    assert area == pytest.approx(101, rel=0.02)


def test_zone_areas_follow_latitude_not_degrees() -> None:
    # Equal degree-squares shrink towards the pole; a planar lon/lat area would not notice.
    sq = gpd.GeoDataFrame({"geometry": [box(36, 32.5, 36.1, 32.6), box(36, 37, 36.1, 37.1)]},
                          index=["s", "n"], crs="EPSG:4326")
    areas = zone_areas_km2(sq)
    ratio = math.cos(math.radians(37.05)) / math.cos(math.radians(32.55))
    assert areas["n"] / areas["s"] == pytest.approx(ratio, rel=0.005)


def test_overlap_area_is_reported_in_km2() -> None:
    line = str(errors(v.validate_zones(ZF / "overlap.geojson"))[0])
    km2 = float(line.split("overlap by ")[1].split(" km²")[0])
    # the two squares overlap by 0.07° × 0.07° around 33.565°N
    expected = (0.07 * 111.32 * math.cos(math.radians(33.565))) * (0.07 * 110.9)
    assert km2 == pytest.approx(expected, rel=0.03)


def test_touching_zones_do_not_overlap(tmp_path: Path) -> None:
    def edit(d: dict) -> None:
        d["features"][3]["geometry"]["coordinates"] = [list(map(list, box(
            36.5, 33.5, 36.6, 33.6).exterior.coords))]
    assert errors(v.validate_zones(fixture_copy(tmp_path, edit))) == []


def test_nice_reason_formats_the_point() -> None:
    assert v._nice_reason("Self-intersection[36.7 35.9]") == "Self-intersection at (36.7, 35.9)"
    assert v._nice_reason("Ring Self-intersection[1e-05 2]") == \
        "Ring Self-intersection at (1e-05, 2)"
    assert v._nice_reason("Too few points") == "Too few points"
    bowtie = Polygon([(0, 0), (1, 1), (1, 0), (0, 1)])
    assert "at (0.5, 0.5)" in v._nice_reason(v.shapely.is_valid_reason(bowtie))


def test_unexpected_checker_error_becomes_a_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(self: object) -> list[Problem]:
        raise RuntimeError("kaboom")
    monkeypatch.setattr(v._ZoneChecker, "run", boom)
    problems = v.validate_zones(VALID)
    assert len(problems) == 1 and "unexpected RuntimeError" in str(problems[0])


# -- base layers and validate_all ----------------------------------------------------------

def test_base_layers_validate_clean() -> None:
    assert v.validate_base() == []


def test_validate_base_reports_broken_files(tmp_path: Path) -> None:
    adm1 = tmp_path / "adm1.geojson"
    adm1.write_text(json.dumps({"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {"ADM1_PCODE": "SY01", "ADM1_EN": "x", "ADM1_AR": "y"},
        "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1],
                                                         [0, 0]]]}}]}), encoding="utf-8")
    places = tmp_path / "places.csv"
    places.write_text("geonameid,name,lat\n1,x,35\n", encoding="utf-8")
    lines = [str(p) for p in v.validate_base(adm0=tmp_path / "none.geojson", adm1=adm1,
                                             places=places)]
    assert any("none.geojson" in s and "file not found" in s for s in lines)
    assert any("'SY01'" in s and "Self-intersection" in s for s in lines)
    assert any("has 1 governorates, expected 14" in s for s in lines)
    assert any("places.csv" in s and "missing column(s)" in s and "lon" in s for s in lines)


def test_places_bad_rows_are_named(tmp_path: Path) -> None:
    src = (ROOT / "geo" / "base" / "places.csv").read_text(encoding="utf-8").splitlines()
    header, row = src[0], src[1].split(",")
    lat, lon = header.split(",").index("lat"), header.split(",").index("lon")
    row[lat], row[lon] = row[lon], row[lat]
    bad = tmp_path / "places.csv"
    bad.write_text("\n".join([header, ",".join(row), src[2]]) + "\n", encoding="utf-8")
    lines = [str(p) for p in v.validate_base(places=bad)]
    assert len(lines) == 1 and "row 2" in lines[0] and "outside Syria" in lines[0]


def test_load_places_splits_the_nearest_marker() -> None:
    raw = (ROOT / "geo" / "base" / "places.csv").read_text(encoding="utf-8")
    df = load_places()
    assert int(df["pcode_nearest"].sum()) == raw.count("*,")
    assert not df["ocha_adm1_pcode"].str.contains("*", regex=False).any()
    assert df["geonames_admin1"].str.len().eq(2).all()  # leading zeros kept


def _fake_module(monkeypatch: pytest.MonkeyPatch, name: str, func_name: str, func) -> None:
    mod = types.ModuleType(name)
    setattr(mod, func_name, func)
    monkeypatch.setitem(sys.modules, name, mod)


def test_other_checkers_are_optional_and_contained(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(v, "OTHER_CHECKERS", (
        ("geo.fake_missing_module", "check"),
        ("geo.fake_ok", "check_files"),
        ("geo.fake_crash", "check_files"),
        ("geo.fake_noattr", "check_files"),
    ))
    _fake_module(monkeypatch, "geo.fake_ok", "check_files",
                 lambda: [Problem("x.csv", "row 2", "bad", severity="warning")])

    def crash() -> list[Problem]:
        raise KeyError("zone_ids")
    _fake_module(monkeypatch, "geo.fake_crash", "check_files", crash)
    _fake_module(monkeypatch, "geo.fake_noattr", "something_else", lambda: [])
    problems, ran = v._run_other_checkers()
    lines = [str(p) for p in problems]
    assert ran == ["geo.fake_ok"]
    assert "WARNING x.csv: row 2: bad." in lines
    assert any("geo.fake_crash.check_files()" in s and "KeyError" in s for s in lines)
    assert len(lines) == 2


def test_summary_line() -> None:
    warn = Problem("f", "", "w", severity="warning")
    err = Problem("f", "", "e")
    assert v.summary([], ["4 zones"]) == "OK: 4 zones checked"
    assert v.summary([warn], ["4 zones"]) == "OK: 4 zones checked, 1 warning"
    assert v.summary([err, err, warn], ["4 zones"]) == "2 errors, 1 warning"


# -- command line --------------------------------------------------------------------------

def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "geo", "validate", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_cli_bowtie_is_one_clear_line_and_exit_1() -> None:
    r = run_cli("tests/fixtures/zones/bowtie.geojson")
    assert r.returncode == 1
    assert "Traceback" not in r.stdout + r.stderr
    lines = r.stdout.strip().splitlines()
    assert lines == [
        "ERROR tests/fixtures/zones/bowtie.geojson: feature 'idlib': geometry is invalid: "
        "Self-intersection at (36.6, 35.9). Fix: redraw the outline so its edges do not "
        "cross or touch (or run shapely.make_valid)",
        "1 error, 0 warnings",
    ]


def test_cli_valid_and_clockwise_exit_0() -> None:
    r = run_cli("tests/fixtures/zones/valid.geojson")
    assert (r.returncode, r.stdout.strip()) == (0, "OK: 1 file, 4 zones checked")
    r = run_cli("tests/fixtures/zones/clockwise.geojson")
    assert r.returncode == 0 and r.stdout.strip().endswith("4 warnings")


def test_cli_several_files_and_unreadable_ones_never_traceback(tmp_path: Path) -> None:
    r = run_cli("tests/fixtures/zones/not_utf8.geojson", "tests/fixtures/zones/empty.geojson",
                str(tmp_path / "missing.geojson"), str(tmp_path),
                "tests/fixtures/zones/valid.geojson")
    out = r.stdout + r.stderr
    assert r.returncode == 1 and "Traceback" not in out
    assert "not UTF-8" in out and "file is empty" in out and "file not found" in out
    assert "is a directory" in out
    assert r.stdout.strip().splitlines()[-1] == "4 errors, 0 warnings"


def test_without_an_outline_a_bounding_box_still_catches_swaps(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # If syria_adm0.geojson is broken, validate_base reports it; the zone check degrades to
    # a bounding box rather than failing or silently accepting anything.
    def broken_outline() -> None:
        raise DataError([Problem("geo/base/syria_adm0.geojson", "", "file is empty")])
    monkeypatch.setattr(v, "load_country", broken_outline)

    def edit(d: dict) -> None:
        ring = d["features"][3]["geometry"]["coordinates"][0]
        d["features"][3]["geometry"]["coordinates"] = [[[y, x] for x, y in ring]]
        d["features"][2]["geometry"]["coordinates"] = [list(map(list, box(
            44.3, 33.2, 44.4, 33.3).exterior.coords))]
    lines = [str(e) for e in errors(v.validate_zones(fixture_copy(tmp_path, edit)))]
    assert len(lines) == 2
    assert any("'south'" in s and "lat/lon swapped" in s for s in lines)
    assert any("'eastern-ghouta'" in s and "lies outside Syria" in s for s in lines)
