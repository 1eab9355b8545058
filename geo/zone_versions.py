"""Each zone's extent over time: dated versions built from sourced changes.

``geo/digitise/zone_changes.toml`` lists, per zone, the dated changes of its ground (places lost,
handed over or regained, and the zone's end), each with its sources and the polygons of ground
that changed hands, drawn vertex by vertex with a ``why`` like the zones themselves. The first
version of each zone is its shape in ``geo/zones.geojson``; each change makes the next version
(``previous - areas`` for a loss or handover, ``previous + (areas inside the first version)`` for
ground regained, nothing for the end). ``python -m geo build-zones`` writes the versions to
``geo/zone_versions.geojson`` (schema in ``geo/SCHEMA.md``); this module builds, checks and reads
them. Plain Python: no Streamlit.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping, shape

from geo import ZONE_IDS
from geo.paths import DIGITISE_DIR, GEO_DIR
from geo.recipes import read_tables, require_keys

CHANGES_PATH = DIGITISE_DIR / "zone_changes.toml"
VERSIONS_PATH = GEO_DIR / "zone_versions.geojson"
SIGNING_DATE = dt.date(2017, 5, 4)  # the first version of every zone is valid from the memorandum
CHANGE_KINDS: tuple[str, ...] = ("lost", "handed-over", "regained", "ended")
REMOVES = ("lost", "handed-over")
CITATION_KEYS: tuple[str, ...] = ("key", "outlet", "title", "url")
# A change must move at least this much ground: less means its polygon missed the zone (a typo in
# a coordinate), not a real change. One km² is a village's fields.
MIN_CHANGE_KM2 = 1.0
VERSION_KEYS: tuple[str, ...] = (
    "zone", "version", "valid_from", "valid_to", "change_id", "kind", "places_en", "places_ar",
    "summary_en", "decided_by", "date_note", "sources",
)
_KEY_REF = re.compile(r"\[([A-Z0-9][A-Z0-9-]*)\]")


class ChangeError(Exception):
    """The change recipe cannot be built; the message says which change and what is wrong."""


# --------------------------------------------------------------------------- reading the recipe


def load_changes(path: Path = CHANGES_PATH) -> list[dict[str, Any]]:
    """The changes, checked, in file order (which must be date order within each zone)."""
    changes = read_tables(path, "changes", ChangeError)
    seen: set[str] = set()
    last: dict[str, tuple[dt.date, str]] = {}
    for n, c in enumerate(changes, 1):
        where = f"{path.name}: change {n} ({c.get('id', 'no id')})"
        _check_change(where, c)
        if c["id"] in seen:
            raise ChangeError(f"{where}: the id is used twice")
        seen.add(c["id"])
        day = dt.date.fromisoformat(c["date"])
        prev = last.get(c["zone"])
        if prev and prev[1] == "ended":
            raise ChangeError(f"{where}: comes after the zone's end ({prev[0]})")
        if prev and day <= prev[0]:
            raise ChangeError(f"{where}: date {day} is not after the zone's previous change "
                              f"({prev[0]}); keep each zone's changes in date order, one a day")
        last[c["zone"]] = (day, c["kind"])
    return changes


def _check_change(where: str, c: dict[str, Any]) -> None:
    required = ("id", "zone", "date", "kind", "places_en", "places_ar", "summary_en",
                "decided_by", "date_note", "sources", "areas")
    require_keys(where, c, required, ChangeError)
    if c["zone"] not in ZONE_IDS:
        raise ChangeError(f"{where}: unknown zone {c['zone']!r}; use one of {ZONE_IDS}")
    if not isinstance(c["date"], str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", c["date"]):
        raise ChangeError(f"{where}: date must be a quoted ISO date, \"YYYY-MM-DD\"")
    try:
        day = dt.date.fromisoformat(c["date"])
    except ValueError:
        raise ChangeError(f"{where}: {c['date']!r} is not a calendar date") from None
    if day <= SIGNING_DATE:
        raise ChangeError(f"{where}: a change must come after the memorandum ({SIGNING_DATE})")
    if c["kind"] not in CHANGE_KINDS:
        raise ChangeError(f"{where}: kind {c['kind']!r} is unknown; use one of {CHANGE_KINDS}")
    for key in ("summary_en", "date_note", "decided_by"):
        if not isinstance(c[key], str) or not c[key].strip():
            raise ChangeError(f"{where}: {key} must be a non-empty string")
    if not c["places_en"] or not all(isinstance(p, str) and p.strip() for p in c["places_en"]):
        raise ChangeError(f"{where}: places_en must name the places (a list of strings)")
    problem = places_ar_problem(c["places_en"], c["places_ar"])
    if problem:
        raise ChangeError(f"{where}: {problem}")
    keys = set()
    if not c["sources"]:
        raise ChangeError(f"{where}: has no sources; every change needs one")
    for s in c["sources"]:
        if set(s) != set(CITATION_KEYS) or not all(str(s[k]).strip() for k in CITATION_KEYS):
            raise ChangeError(f"{where}: each source needs exactly {CITATION_KEYS}")
        if not re.match(r"^https?://[^\s/]+\.[^\s/]+", s["url"]):
            raise ChangeError(f"{where}: source {s['key']} has no usable URL")
        keys.add(s["key"])
    if c["decided_by"] not in keys:
        raise ChangeError(f"{where}: decided_by {c['decided_by']!r} is not one of its sources")
    areas = c["areas"]
    if c["kind"] == "ended":
        if areas:
            raise ChangeError(f"{where}: an 'ended' change takes all the ground; give no areas")
        return
    if not isinstance(areas, list) or not areas:
        raise ChangeError(f"{where}: a {c['kind']!r} change needs at least one area")
    for a, ring in enumerate(areas, 1):
        if not isinstance(ring, list) or len(ring) < 3:
            raise ChangeError(f"{where}: area {a} needs at least 3 vertices")
        for i, v in enumerate(ring, 1):
            if not isinstance(v, dict) or set(v) != {"lon", "lat", "why"}:
                raise ChangeError(f"{where}: area {a} vertex {i} must have exactly lon, lat, why")
            if not (35.0 <= v["lon"] <= 43.0 and 32.0 <= v["lat"] <= 37.6):
                raise ChangeError(f"{where}: area {a} vertex {i} ({v['lon']}, {v['lat']}) is "
                                  "not near Syria; is it lat/lon swapped?")
            if not str(v["why"]).strip():
                raise ChangeError(f"{where}: area {a} vertex {i} has no 'why' note")
            unknown = set(_KEY_REF.findall(v["why"])) - keys
            if unknown:
                raise ChangeError(f"{where}: area {a} vertex {i} cites {sorted(unknown)}, "
                                  "not in its sources")


def places_ar_problem(places_en: Any, places_ar: Any) -> str:
    """What is wrong with a change's Arabic places ("" when nothing): one non-empty Arabic
    phrase for each ``places_en`` entry, in the same order."""
    if not isinstance(places_ar, list) or not all(isinstance(p, str) and p.strip()
                                                  for p in places_ar):
        return "places_ar must be a list of non-empty strings (the places in Arabic)"
    n_en = len(places_en) if isinstance(places_en, list) else 0
    if len(places_ar) != n_en:
        return (f"places_ar has {len(places_ar)} entries but places_en has {n_en}; give one "
                "Arabic phrase per place, in the same order")
    latin = [p for p in places_ar if not re.search("[\u0600-\u06FF]", p)]
    if latin:
        return f"places_ar {latin[0]!r} has no Arabic letters; write the place in Arabic"
    return ""


# --------------------------------------------------------------------------- building


def _polygonal(geom: Any) -> Polygon | MultiPolygon:
    from geo.build_zones import _polygonal as keep_polygons

    return keep_polygons(geom)


def _area_geometry(change: dict[str, Any]) -> Polygon | MultiPolygon:
    rings = [Polygon([(float(v["lon"]), float(v["lat"])) for v in ring])
             for ring in change["areas"]]
    return _polygonal(shapely.make_valid(shapely.union_all([shapely.make_valid(r)
                                                             for r in rings])))


def _snap(geom: Any) -> Polygon | MultiPolygon:
    """Same grid and orientation as the zones themselves (build_zones' recipe, steps 4)."""
    from geo.build_zones import GRID

    geom = _polygonal(shapely.make_valid(shapely.set_precision(geom, GRID)))
    return shapely.orient_polygons(geom, exterior_cw=False)


def build_versions(zones_collection: dict[str, Any],
                   changes: list[dict[str, Any]]) -> dict[str, Any]:
    """Every version of every zone as a FeatureCollection (zone order, then date order).

    ``zones_collection`` is the built ``geo/zones.geojson`` (each zone's first version). Raises
    ChangeError when a change moves no ground, or a loss would add ground."""
    from geo.build_zones import CITATION_KEYS as ZONE_CITATION_KEYS
    from geo.build_zones import _round_coords, geodesic_area_km2

    first = {f["properties"]["id"]: f for f in zones_collection["features"]}
    features: list[dict[str, Any]] = []
    for zid in ZONE_IDS:
        base_props = first[zid]["properties"]
        base = shape(first[zid]["geometry"])
        own = [c for c in changes if c["zone"] == zid]
        versions: list[tuple[dict[str, Any], Any]] = [({
            "change_id": None, "kind": "drawn", "valid_from": SIGNING_DATE.isoformat(),
            "places_en": [], "places_ar": [], "decided_by": None,
            "summary_en": "The zone as first drawn: " + base_props["digitised_from"],
            "date_note": f"The shape represents {base_props['represents_date']}; it is shown "
                         f"from the memorandum ({SIGNING_DATE.isoformat()}) until the first "
                         "sourced change.",
            "sources": [{k: c[k] for k in ZONE_CITATION_KEYS}
                        for c in base_props["citations"]],
        }, base)]
        current = base
        for c in own:
            where = f"change {c['id']}"
            if c["kind"] == "ended":
                new: Any = None
            else:
                area = _area_geometry(c)
                if c["kind"] in REMOVES:
                    new = _snap(current.difference(area))
                else:
                    new = _snap(current.union(area.intersection(base)))
                moved = geodesic_area_km2(_polygonal(new.symmetric_difference(current)))
                if moved < MIN_CHANGE_KM2:
                    raise ChangeError(f"{where}: its areas move only {moved:.2f} km² of the "
                                      f"zone's ground (less than {MIN_CHANGE_KM2} km²); check "
                                      "that they overlap the zone as it stood then (for "
                                      "'regained': ground the zone had lost)")
                before, after = geodesic_area_km2(current), geodesic_area_km2(new)
                if c["kind"] in REMOVES and after > before:
                    raise ChangeError(f"{where}: a {c['kind']!r} change adds ground")
                if c["kind"] == "regained" and after <= before:
                    raise ChangeError(f"{where}: a 'regained' change adds no ground (is the "
                                      "area inside ground the zone had lost?)")
                if new.is_empty:
                    raise ChangeError(f"{where}: leaves the zone no ground; use kind 'ended'")
            versions.append(({
                "change_id": c["id"], "kind": c["kind"], "valid_from": c["date"],
                "places_en": list(c["places_en"]), "places_ar": list(c["places_ar"]),
                "decided_by": c["decided_by"],
                "summary_en": c["summary_en"], "date_note": c["date_note"],
                "sources": [{k: s[k] for k in CITATION_KEYS} for s in c["sources"]],
            }, new))
            if new is not None:
                current = new
        for n, (props, geom) in enumerate(versions):
            nxt = versions[n + 1][0]["valid_from"] if n + 1 < len(versions) else None
            valid_to = ((dt.date.fromisoformat(nxt) - dt.timedelta(days=1)).isoformat()
                        if nxt else None)
            full = {"zone": zid, "version": n, "valid_from": props["valid_from"],
                    "valid_to": valid_to, **{k: props[k] for k in
                                             ("change_id", "kind", "places_en", "places_ar",
                                              "summary_en", "decided_by", "date_note",
                                              "sources")}}
            geometry = None
            if geom is not None:
                m = mapping(geom)
                geometry = {"type": m["type"], "coordinates": _round_coords(m["coordinates"])}
            features.append({"type": "Feature",
                             "properties": {k: full[k] for k in VERSION_KEYS},
                             "geometry": geometry})
    check_overlaps(features)
    return {"type": "FeatureCollection", "features": features}


def check_overlaps(features: list[dict[str, Any]]) -> None:
    """No two zones overlap on any day (checked on every day a version starts)."""
    from geo.build_zones import MAX_OVERLAP_KM2, geodesic_area_km2

    days = sorted({f["properties"]["valid_from"] for f in features})
    for day in days:
        on = [(f["properties"]["zone"], shape(f["geometry"])) for f in features
              if f["geometry"] and _covers(f["properties"], day)]
        for i in range(len(on)):
            for j in range(i + 1, len(on)):
                inter = _polygonal(on[i][1].intersection(on[j][1]))
                if not inter.is_empty and geodesic_area_km2(inter) > MAX_OVERLAP_KM2:
                    raise ChangeError(f"on {day} zones {on[i][0]!r} and {on[j][0]!r} overlap")


def _covers(props: dict[str, Any], day: str) -> bool:
    return props["valid_from"] <= day and (props["valid_to"] is None or day <= props["valid_to"])


def serialise(collection: dict[str, Any]) -> str:
    """Deterministic text, one version per line (same style as geo/zones.geojson)."""
    feats = [json.dumps(f, ensure_ascii=False, separators=(",", ":"))
             for f in collection["features"]]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(feats) + "\n]}\n"


# --------------------------------------------------------------------------- reading the layer


@dataclass(frozen=True)
class Version:
    """One zone's extent over a span of days (``valid_to`` inclusive; None = open-ended)."""

    zone: str
    version: int
    valid_from: dt.date
    valid_to: dt.date | None
    change_id: str | None
    kind: str
    places_en: tuple[str, ...]
    places_ar: tuple[str, ...]  # the same places in Arabic, same order
    summary_en: str
    decided_by: str | None
    date_note: str
    sources: tuple[dict[str, str], ...]
    geometry: Any  # shapely (Multi)Polygon, or None once the zone has ended
    area_km2: float

    def covers(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    @property
    def decided_source(self) -> dict[str, str] | None:
        return next((s for s in self.sources if s["key"] == self.decided_by), None)


def load_versions(path: Path | str = VERSIONS_PATH) -> dict[str, list[Version]]:
    """Every zone's versions in date order, with areas (km², equal-area projection).

    Raises ``geo.problems.DataError`` with readable lines when the file is broken."""
    from geo.problems import DataError
    from geo.validate import area_km2, validate_versions
    from geo.zones import read_geojson

    problems = [p for p in validate_versions(path) if p.severity == "error"]
    if problems:
        raise DataError(problems)
    out: dict[str, list[Version]] = {z: [] for z in ZONE_IDS}
    for f in read_geojson(path)["features"]:
        p = f["properties"]
        geom = shape(f["geometry"]) if f["geometry"] else None
        out[p["zone"]].append(Version(
            p["zone"], int(p["version"]), dt.date.fromisoformat(p["valid_from"]),
            dt.date.fromisoformat(p["valid_to"]) if p["valid_to"] else None,
            p["change_id"], p["kind"], tuple(p["places_en"]), tuple(p["places_ar"]),
            p["summary_en"],
            p["decided_by"], p["date_note"], tuple(p["sources"]), geom,
            area_km2(geom) if geom is not None else 0.0))
    for z in out:
        out[z].sort(key=lambda v: v.valid_from)
    return out


def version_on(versions: dict[str, list[Version]], zone_id: str,
               day: dt.date) -> Version | None:
    """The zone's version on ``day``; None before the memorandum."""
    return next((v for v in versions.get(zone_id, []) if v.covers(day)), None)


def lost_ground(versions: dict[str, list[Version]], zone_id: str, day: dt.date) -> Any:
    """The ground the zone had at the start but not on ``day`` (empty before any loss); the
    whole first shape once the zone has ended."""
    own = versions.get(zone_id) or []
    current = version_on(versions, zone_id, day)
    if not own or current is None:
        return Polygon()
    first = own[0].geometry
    if current.geometry is None:
        return first
    return _polygonal(first.difference(current.geometry))


def changes(versions: dict[str, list[Version]], zone_id: str | None = None) -> list[Version]:
    """The versions made by a change (not the first drawing), by date."""
    ids = [zone_id] if zone_id else list(ZONE_IDS)
    out = [v for z in ids for v in versions.get(z, []) if v.change_id]
    return sorted(out, key=lambda v: (v.valid_from, ZONE_IDS.index(v.zone)))


def zones_as_of(zones: Any, versions: dict[str, list[Version]], day: dt.date
                ) -> tuple[Any, Any]:
    """``(current, lost)``: copies of the zones GeoDataFrame (index = zone id) with each zone's
    geometry as it stood on ``day`` (empty once ended; the first drawing before the memorandum)
    and the ground it had lost since the start. ``current`` gains ``valid_from``, ``valid_to``
    and ``area_km2`` columns (ISO strings; "" when open-ended); ``lost`` gains ``lost_km2``."""
    current, lost = zones.copy(), zones.copy()
    geoms, lost_geoms, starts, ends, areas = [], [], [], [], []
    for zid in zones.index:
        v = version_on(versions, str(zid), day)
        if v is None:  # before the memorandum: the shape as first drawn, nothing lost
            v = (versions.get(str(zid)) or [None])[0]
        geoms.append(v.geometry if v is not None and v.geometry is not None else Polygon())
        lost_geoms.append(lost_ground(versions, str(zid), day))
        starts.append(v.valid_from.isoformat() if v else "")
        ends.append(v.valid_to.isoformat() if v and v.valid_to else "")
        areas.append(v.area_km2 if v else 0.0)
    current["geometry"] = geoms
    lost["geometry"] = lost_geoms
    # Computed here, where the caller caches the result, not on every draw of the map.
    from geo.validate import area_km2

    lost["lost_km2"] = [area_km2(g) if not g.is_empty else 0.0 for g in lost_geoms]
    current["valid_from"], current["valid_to"], current["area_km2"] = starts, ends, areas
    return current, lost
