"""Build ``geo/zones.geojson`` from the hand-digitised outlines in ``geo/digitise/zones.toml``.

``python -m geo build-zones [--check] [--toml PATH] [--out PATH]``

The recipe, in order: read the TOML; turn each zone's ordered vertices into a polygon; make it
valid; clip it to Syria's outline (``geo/base/syria_adm0.geojson``), so edges drawn outside the
Turkish or Jordanian border take the border's shape; orient exterior rings counter-clockwise
(RFC 7946); round to 5 decimals; check that no two zones overlap and that each zone's listed
governorates match its shape; write a deterministic FeatureCollection atomically.

``--check`` rebuilds in memory and exits 1 if the file on disk differs, so a test can prove the
committed layer is exactly what the recipe produces.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

import shapely
from pyproj import Geod
from shapely.geometry import MultiPolygon, Polygon, mapping, shape

from geo import ZONE_IDS
from geo import zone_versions as zv
from geo.paths import ADM0_PATH, ADM1_PATH, DIGITISE_DIR, ZONES_PATH
from geo.problems import DataError
from geo.recipes import read_tables, require_keys
from geo.zones import country_outline, read_geojson

TOML_PATH = DIGITISE_DIR / "zones.toml"
PRECISION = 5
GRID = 10.0 ** -PRECISION
PROPERTY_KEYS: tuple[str, ...] = (
    "id", "name_en", "name_ar", "name_variants_ar", "memorandum_wording_en", "governorates",
    "digitised_from", "represents_date", "confidence", "confidence_note", "citations",
)
CITATION_KEYS: tuple[str, ...] = ("key", "outlet", "title", "url")
CONFIDENCE = ("low", "medium", "high")
# Zones may touch but not overlap; 1 ha absorbs rounding slivers, far below any real overlap.
MAX_OVERLAP_KM2 = 0.01
# A governorate holding more than this share of a zone must be listed (same rule as the tests).
GOVERNORATE_SHARE = 0.05
_GEOD = Geod(ellps="WGS84")
_KEY_REF = re.compile(r"\[([A-Z0-9][A-Z0-9-]*)\]")


USAGE = ("usage: python -m geo build-zones [--check] [--toml PATH] [--out PATH] "
         "[--changes PATH] [--versions-out PATH]")


class RecipeError(Exception):
    """The TOML cannot be built into a zone layer; the message says what and where."""


def geodesic_area_km2(geom: Polygon | MultiPolygon) -> float:
    """Area on the WGS84 ellipsoid (exact, projection-free), in km²."""
    return abs(_GEOD.geometry_area_perimeter(geom)[0]) / 1e6


def load_recipe(path: Path = TOML_PATH) -> list[dict[str, Any]]:
    """Read the zone recipes, checked and in the canonical id order."""
    zones = read_tables(path, "zones", RecipeError)
    by_id: dict[str, dict[str, Any]] = {}
    for z in zones:
        zid = z.get("id")
        if zid not in ZONE_IDS:
            raise RecipeError(f"{path}: unknown zone id {zid!r}; use one of {ZONE_IDS}")
        if zid in by_id:
            raise RecipeError(f"{path}: zone {zid!r} appears twice")
        _check_zone(path, z)
        by_id[zid] = z
    missing = [zid for zid in ZONE_IDS if zid not in by_id]
    if missing:
        raise RecipeError(f"{path}: missing zones {missing}")
    return [by_id[zid] for zid in ZONE_IDS]


def _check_zone(path: Path, z: dict[str, Any]) -> None:
    zid = z["id"]
    where = f"{path}: zone {zid!r}"
    require_keys(where, z, PROPERTY_KEYS, RecipeError)
    for key in ("name_en", "name_ar", "memorandum_wording_en", "digitised_from",
                "confidence_note"):
        if not isinstance(z[key], str) or not z[key].strip():
            raise RecipeError(f"{where}: {key!r} must be a non-empty string")
    if z["confidence"] not in CONFIDENCE:
        raise RecipeError(f"{where}: confidence must be one of {CONFIDENCE}")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(z["represents_date"])):
        raise RecipeError(f"{where}: represents_date must be an ISO date string (quote it)")
    if not all(re.fullmatch(r"SY(0[1-9]|1[0-4])", c) for c in z["governorates"]):
        raise RecipeError(f"{where}: governorates must be OCHA P-codes SY01…SY14")
    if not z["name_variants_ar"] or not all(isinstance(v, str) and v.strip()
                                            for v in z["name_variants_ar"]):
        raise RecipeError(f"{where}: name_variants_ar must be a non-empty list of strings")
    keys = set()
    for c in z["citations"]:
        if set(c) != set(CITATION_KEYS) or not all(str(c[k]).strip() for k in CITATION_KEYS):
            raise RecipeError(f"{where}: each citation needs exactly {CITATION_KEYS}")
        if not re.match(r"^https?://[^\s/]+\.[^\s/]+", c["url"]):
            raise RecipeError(f"{where}: citation {c['key']} has no usable URL")
        keys.add(c["key"])
    if not keys:
        raise RecipeError(f"{where}: no citations")
    outline = z.get("outline")
    if not isinstance(outline, list) or len(outline) < 4:
        raise RecipeError(f"{where}: outline needs at least 4 vertices")
    for i, v in enumerate(outline, 1):
        if set(v) != {"lon", "lat", "why"}:
            raise RecipeError(f"{where}: vertex {i} must have exactly lon, lat, why")
        if not (-180 <= v["lon"] <= 180 and -90 <= v["lat"] <= 90):
            raise RecipeError(f"{where}: vertex {i} is not a lon/lat pair")
        if not str(v["why"]).strip():
            raise RecipeError(f"{where}: vertex {i} has no 'why' note")
        unknown = set(_KEY_REF.findall(v["why"])) - keys
        if unknown:
            raise RecipeError(f"{where}: vertex {i} cites {sorted(unknown)}, not in citations")


def _polygonal(geom: Any) -> Polygon | MultiPolygon:
    """Keep only the polygon parts (a clip or make_valid can add lines or points)."""
    if isinstance(geom, Polygon | MultiPolygon):
        return geom
    parts: list[Polygon] = []
    for g in getattr(geom, "geoms", []):
        if isinstance(g, Polygon):
            parts.append(g)
        elif isinstance(g, MultiPolygon):
            parts.extend(g.geoms)
    return MultiPolygon(parts) if len(parts) > 1 else (parts[0] if parts else Polygon())


def load_governorates(path: Path = ADM1_PATH) -> dict[str, Any]:
    raw = read_geojson(path)
    return {f["properties"]["ADM1_PCODE"]: shapely.make_valid(shape(f["geometry"]))
            for f in raw["features"]}


def outline_polygon(zone: dict[str, Any]) -> Polygon | MultiPolygon:
    """The raw hand-drawn outline as a valid polygon (before the clip)."""
    ring = [(float(v["lon"]), float(v["lat"])) for v in zone["outline"]]
    return _polygonal(shapely.make_valid(Polygon(ring)))


def build_geometry(zone: dict[str, Any], country: Any) -> Polygon | MultiPolygon:
    """Outline → valid → clipped to the country → CCW → rounded to 5 decimals."""
    geom = _polygonal(outline_polygon(zone).intersection(country))
    geom = shapely.set_precision(geom, GRID)  # snaps to the 5-decimal grid, stays valid
    geom = _polygonal(shapely.make_valid(geom))
    geom = shapely.orient_polygons(geom, exterior_cw=False)
    if geom.is_empty or not geom.is_valid:
        raise RecipeError(f"zone {zone['id']!r}: the outline is empty or invalid after the clip")
    return geom


def _round_coords(obj: Any) -> Any:
    if isinstance(obj, float):
        return round(obj, PRECISION)
    if isinstance(obj, list | tuple):
        return [_round_coords(x) for x in obj]
    return obj


def check_layer(zones: list[dict[str, Any]], geoms: list[Polygon | MultiPolygon],
                governorates: dict[str, Any]) -> list[str]:
    """Problems with the built layer: overlaps between zones, governorate lists that disagree."""
    problems: list[str] = []
    for i in range(len(geoms)):
        for j in range(i + 1, len(geoms)):
            inter = _polygonal(geoms[i].intersection(geoms[j]))
            if not inter.is_empty and geodesic_area_km2(inter) > MAX_OVERLAP_KM2:
                problems.append(f"zones {zones[i]['id']!r} and {zones[j]['id']!r} overlap by "
                                f"{geodesic_area_km2(inter):.3f} km²")
    for z, g in zip(zones, geoms, strict=True):
        listed = set(z["governorates"])
        for code in sorted(listed - set(governorates)):
            problems.append(f"zone {z['id']!r} lists unknown governorate {code}")
        for code, gov in sorted(governorates.items()):
            share = _polygonal(g.intersection(gov)).area / g.area
            if code in listed and share == 0:
                problems.append(f"zone {z['id']!r} lists {code} but does not touch it")
            if code not in listed and share > GOVERNORATE_SHARE:
                problems.append(f"zone {z['id']!r} is {share:.0%} in {code}, which it "
                                "does not list")
    return problems


def build_collection(recipe_path: Path = TOML_PATH, country_path: Path = ADM0_PATH,
                     adm1_path: Path = ADM1_PATH) -> dict[str, Any]:
    """The whole FeatureCollection, in memory. Raises RecipeError on any problem."""
    zones = load_recipe(recipe_path)
    country = country_outline(country_path)
    geoms = [build_geometry(z, country) for z in zones]
    problems = check_layer(zones, geoms, load_governorates(adm1_path))
    if problems:
        raise RecipeError("\n".join(problems))
    features = []
    for z, g in zip(zones, geoms, strict=True):
        props: dict[str, Any] = {k: z[k] for k in PROPERTY_KEYS}
        props["represents_date"] = str(z["represents_date"])
        props["citations"] = [{k: c[k] for k in CITATION_KEYS} for c in z["citations"]]
        geometry = mapping(g)
        features.append({
            "type": "Feature",
            "properties": props,
            "geometry": {"type": geometry["type"],
                         "coordinates": _round_coords(geometry["coordinates"])},
        })
    return {"type": "FeatureCollection", "features": features}


def serialise(collection: dict[str, Any]) -> str:
    """Deterministic text: fixed key order, UTF-8 Arabic kept readable, one feature per line."""
    feats = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in
             collection["features"]]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(feats) + "\n]}\n"


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _parse(argv: list[str]) -> dict[str, Any] | None:
    opts: dict[str, Any] = {"check": False, "toml": TOML_PATH, "out": ZONES_PATH,
                            "changes": zv.CHANGES_PATH, "versions-out": zv.VERSIONS_PATH}
    args = list(argv)
    while args:
        a = args.pop(0)
        if a == "--check":
            opts["check"] = True
        elif a.startswith("--") and a[2:] in opts and a != "--check" and args:
            opts[a[2:]] = Path(args.pop(0))
        else:
            return None
    return opts


def main(argv: list[str]) -> int:
    if argv and argv[0] in ("-h", "--help"):
        print(USAGE)
        return 0
    parsed = _parse(argv)
    if parsed is None:
        print(USAGE,
              file=sys.stderr)
        return 2
    check, toml_path, out = parsed["check"], parsed["toml"], parsed["out"]
    changes_path, versions_out = parsed["changes"], parsed["versions-out"]
    try:
        collection = build_collection(toml_path)
    except RecipeError as exc:
        print(f"build-zones: {exc}", file=sys.stderr)
        return 1
    except DataError as exc:  # a broken base layer: one readable line per problem
        print(f"build-zones: {exc}", file=sys.stderr)
        return 1
    text = serialise(collection)
    areas = ", ".join(f"{f['properties']['id']} {geodesic_area_km2(shape(f['geometry'])):.0f} km²"
                      for f in collection["features"])
    # The dated versions start from these shapes, so they are built (and checked) with them.
    try:
        versions = zv.build_versions(collection, zv.load_changes(changes_path))
    except zv.ChangeError as exc:
        print(f"build-zones: {exc}", file=sys.stderr)
        return 1
    versions_text = zv.serialise(versions)
    n_versions = len(versions["features"])
    if check:
        stale = []
        for path, want in ((out, text), (versions_out, versions_text)):
            try:
                current = path.read_text(encoding="utf-8")
            except OSError:
                current = None
            if current != want:
                stale.append(str(path))
        if stale:
            print(f"build-zones --check: {' and '.join(stale)} differ(s) from the recipe; run "
                  "`python -m geo build-zones` and commit the result", file=sys.stderr)
            return 1
        print(f"OK: {out.name} matches {toml_path.name} ({areas}); {versions_out.name} "
              f"matches {changes_path.name} ({n_versions} versions)")
        return 0
    write_atomic(out, text)
    write_atomic(versions_out, versions_text)
    print(f"wrote {out} ({areas})")
    print(f"wrote {versions_out} ({n_versions} versions)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
