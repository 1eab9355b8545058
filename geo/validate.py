"""``python -m geo validate``: check the zone layer, the base geography and the other tables.

Every finding is a ``Problem`` printed as one line naming the file, the item and the fix. The
checker never lets an exception escape: anything unexpected becomes a Problem line too.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import shape

from geo import ZONE_IDS
from geo.paths import ADM0_PATH, ADM1_PATH, PLACES_PATH, ZONES_PATH
from geo.problems import DataError, Problem, display_path
from geo.zones import (
    SYRIA_LAEA,
    WGS84,
    load_admin1,
    load_country,
    load_places,
    read_geojson,
)

ALLOWED_GEOMETRIES = ("Polygon", "MultiPolygon")
CONFIDENCE_LEVELS = ("low", "medium", "high")
CITATION_KEYS = ("key", "outlet", "title", "url")
# Hand-digitised outlines may graze the simplified (~200 m) border; 0.02° (about 2 km) of
# slack, or at most 1% of the zone's area outside it, is noise, not an error.
BORDER_BUFFER_DEG = 0.02
MAX_OUTSIDE_SHARE = 0.01
# Shared edges between zones produce floating-point slivers; one hectare is far below any
# real overlap yet far above numerical noise.
MIN_OVERLAP_KM2 = 0.01
# Generous lon/lat box around Syria, used only when the outline itself cannot be loaded.
SYRIA_BBOX = (35.5, 32.2, 42.5, 37.4)
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EXPECTED_GOVERNORATES = 14
OTHER_CHECKERS = (
    ("geo.corpus", "check_catalog"),
    ("geo.timeline", "check_files"),
    ("geo.forces", "check_files"),
    ("geo.validate", "check_change_phrases"),
    ("geo.dated_layers", "check_layers"),
)
# what the summary line calls each checker's subject
CHECKER_LABELS = {"geo.corpus": "catalog", "geo.timeline": "timeline", "geo.forces": "forces",
                  "geo.validate": "zone-change phrases", "geo.dated_layers": "dated layers"}

# the zone properties of geo/SCHEMA.md, grouped by their expected type
STR_PROPS = ("id", "name_en", "name_ar", "memorandum_wording_en", "digitised_from",
             "represents_date", "confidence", "confidence_note")
STR_LIST_PROPS = ("name_variants_ar", "governorates")
REQUIRED_PROPS = (*STR_PROPS, *STR_LIST_PROPS, "citations")


@functools.cache
def _laea_transformer() -> Any:
    from pyproj import Transformer

    return Transformer.from_crs(WGS84, SYRIA_LAEA, always_xy=True)


def area_km2(geom: Any) -> float:
    """Area in km² of one WGS84 shapely geometry, in the Syria-centred equal-area projection."""
    tr = _laea_transformer()
    projected = shapely.transform(
        geom, lambda c: np.column_stack(tr.transform(c[:, 0], c[:, 1])))
    return float(projected.area / 1e6)


def _country_geometry(country: Any) -> Any:
    """Accept a shapely geometry, a GeoDataFrame/GeoSeries, or None (load the shipped outline)."""
    if country is None:
        return shapely.union_all(list(load_country().geometry))
    if hasattr(country, "geometry") and hasattr(country.geometry, "values"):
        return shapely.union_all(list(country.geometry))
    if hasattr(country, "union_all"):
        return country.union_all()
    return country


def _nice_reason(reason: str) -> str:
    """'Self-intersection[36.7 35.9]' -> 'Self-intersection at (36.7, 35.9)'."""
    m = re.match(r"^(.*?)\[\s*([-\d.eE+]+)\s+([-\d.eE+]+)\s*\]$", reason)
    if not m:
        return reason
    x, y = float(m.group(2)), float(m.group(3))
    return f"{m.group(1)} at ({x:.4g}, {y:.4g})"


def _swap_xy(geom: Any) -> Any:
    return shapely.transform(geom, lambda c: c[:, ::-1])


def _in_bbox(geom: Any) -> bool:
    minx, miny, maxx, maxy = geom.bounds
    bx0, by0, bx1, by1 = SYRIA_BBOX
    return bx0 <= minx and maxx <= bx1 and by0 <= miny and maxy <= by1


class _ZoneChecker:
    """Collects the problems of one zone file; counts the features it saw for the summary."""

    def __init__(self, path: Path | str, country: Any, known_pcodes: Iterable[str] | None):
        self.path = Path(path)
        self.file = display_path(path)
        self.country_arg = country
        self.known_pcodes_arg = known_pcodes
        self.problems: list[Problem] = []
        self.n_features = 0

    def add(self, item: str, message: str, fix: str = "", severity: str = "error") -> None:
        self.problems.append(Problem(self.file, item, message, fix, severity))

    def _country(self) -> Any:
        try:
            return _country_geometry(self.country_arg)
        except DataError:
            # The base check reports a broken outline; here fall back to a bounding box.
            return None

    def _pcodes(self) -> set[str] | None:
        if self.known_pcodes_arg is not None:
            return set(self.known_pcodes_arg)
        try:
            return set(load_admin1()["ADM1_PCODE"])
        except DataError:
            return None

    def run(self) -> list[Problem]:
        try:
            data = read_geojson(self.path)
        except DataError as exc:
            return list(exc.problems)
        features = data["features"]
        self.n_features = len(features)
        country = self._country()
        pcodes = self._pcodes()
        ids: list[str] = []
        geoms: list[tuple[str, Any]] = []
        for i, feat in enumerate(features):
            label = self._label(i, feat)
            if not isinstance(feat, dict) or feat.get("type") != "Feature":
                self.add(label, "is not a GeoJSON Feature",
                         'give it "type": "Feature", "geometry" and "properties"')
                continue
            props = feat.get("properties")
            if isinstance(props, dict):
                self._check_properties(label, props, pcodes)
            else:
                self.add(label, "has no properties object",
                         "add the properties listed in geo/SCHEMA.md")
                props = {}
            if isinstance(props.get("id"), str):
                ids.append(props["id"])
            geom = self._check_geometry(label, feat.get("geometry"), country)
            if geom is not None:
                geoms.append((label, geom))
        self._check_ids(ids)
        self._check_overlaps(geoms)
        return self.problems

    @staticmethod
    def _label(i: int, feat: Any) -> str:
        fid = None
        if isinstance(feat, dict) and isinstance(feat.get("properties"), dict):
            fid = feat["properties"].get("id")
        return f"feature '{fid}'" if isinstance(fid, str) and fid else f"feature #{i}"

    # -- geometry --------------------------------------------------------------------------

    def _check_geometry(self, label: str, g: Any, country: Any) -> Any:
        """Report geometry problems; return the shapely geometry if fit for overlap checks."""
        if not isinstance(g, dict):
            self.add(label, "has no geometry", "draw the zone as a Polygon or MultiPolygon")
            return None
        gtype = g.get("type")
        if gtype not in ALLOWED_GEOMETRIES:
            self.add(label, f"geometry is a {gtype}, not a Polygon or MultiPolygon",
                     "draw the zone as a closed Polygon (or MultiPolygon)")
            return None
        try:
            geom = shape(g)
        except Exception as exc:  # shapely raises several types for malformed coordinates
            self.add(label, f"geometry coordinates are malformed ({exc})",
                     "each ring must be a closed list of [lon, lat] pairs with 4+ points")
            return None
        if geom.is_empty:
            self.add(label, "geometry is empty", "draw the zone's outline")
            return None
        minx, miny, maxx, maxy = geom.bounds
        if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
            self.add(label, f"coordinates are not lon/lat degrees (bounds {minx:.6g}, "
                     f"{miny:.6g}, {maxx:.6g}, {maxy:.6g})",
                     "export in WGS84 (EPSG:4326) longitude/latitude")
            return None
        valid = shapely.is_valid(geom)
        if not valid:
            reason = _nice_reason(shapely.is_valid_reason(geom))
            self.add(label, f"geometry is invalid: {reason}",
                     "redraw the outline so its edges do not cross or touch "
                     "(or run shapely.make_valid)")
        if not self._check_location(label, geom, country):
            return None
        polys = list(geom.geoms) if geom.geom_type == "MultiPolygon" else [geom]
        wrong = [p.exterior for p in polys if not p.exterior.is_ccw]
        holes = [r for p in polys for r in p.interiors if r.is_ccw]
        if wrong or holes:
            what = "exterior ring is clockwise" if wrong else "hole is counter-clockwise"
            self.add(label, f"{what}; it will be normalised to RFC 7946 winding "
                     "(exteriors counter-clockwise) on load",
                     "none needed; to silence this, reverse the ring's point order",
                     severity="warning")
        return geom if valid else None

    def _check_location(self, label: str, geom: Any, country: Any) -> bool:
        """True when the geometry lies in Syria (within tolerance)."""
        if country is None:
            if _in_bbox(geom):
                return True
            if _in_bbox(_swap_xy(geom)):
                self.add(label, "coordinates look like lat/lon swapped",
                         "write each point as [longitude, latitude]")
            else:
                self.add(label, "lies outside Syria", "check the coordinates")
            return False
        outside_share = self._outside_share(geom, country)
        if outside_share <= MAX_OUTSIDE_SHARE:
            return True
        swapped = _swap_xy(geom)
        if self._outside_share(swapped, country) <= MAX_OUTSIDE_SHARE:
            self.add(label, "coordinates look like lat/lon swapped (swapping them puts the "
                     "zone inside Syria)", "write each point as [longitude, latitude]")
            return False
        c = geom.representative_point() if geom.is_valid else geom.centroid
        self.add(label, f"{outside_share:.0%} of the zone lies outside Syria's outline "
                 f"(near {c.x:.4g}, {c.y:.4g})",
                 "check the coordinates against geo/base/syria_adm0.geojson")
        return False

    @staticmethod
    def _outside_share(geom: Any, country: Any) -> float:
        g = geom if geom.is_valid else shapely.make_valid(geom)
        if g.area == 0:
            return 0.0 if country.buffer(BORDER_BUFFER_DEG).covers(g) else 1.0
        outside = g.difference(country.buffer(BORDER_BUFFER_DEG))
        return float(outside.area / g.area)

    # -- properties ------------------------------------------------------------------------

    def _check_properties(self, label: str, props: dict[str, Any],
                          pcodes: set[str] | None) -> None:
        for key in REQUIRED_PROPS:
            if key not in props:
                self.add(label, f"missing required property '{key}'",
                         f"add '{key}' (see geo/SCHEMA.md)")
        for key in STR_PROPS:
            if key in props and (not isinstance(props[key], str) or not props[key].strip()):
                self.add(label, f"property '{key}' must be a non-empty string, "
                         f"got {props[key]!r:.40}", f"set '{key}' to a text value")
        for key in STR_LIST_PROPS:
            val = props.get(key)
            if key in props and not (isinstance(val, list)
                                     and all(isinstance(v, str) for v in val)):
                self.add(label, f"property '{key}' must be a list of strings, "
                         f"got {val!r:.40}", 'write it as ["...", "..."]')
        conf = props.get("confidence")
        if isinstance(conf, str) and conf.strip() and conf not in CONFIDENCE_LEVELS:
            self.add(label, f"confidence {conf!r} is not one of {', '.join(CONFIDENCE_LEVELS)}",
                     "use low, medium or high")
        date = props.get("represents_date")
        if isinstance(date, str) and date.strip():
            try:
                if not ISO_DATE.match(date):
                    raise ValueError
                dt.date.fromisoformat(date)
            except ValueError:
                self.add(label, f"represents_date {date!r} is not a valid ISO date",
                         "write it as YYYY-MM-DD, e.g. 2017-05-04")
        govs = props.get("governorates")
        if isinstance(govs, list) and pcodes is not None:
            if not govs:
                self.add(label, "governorates is empty",
                         "list the OCHA P-codes (SY01…SY14) the zone touches")
            for code in govs:
                if isinstance(code, str) and code not in pcodes:
                    self.add(label, f"unknown governorate code {code!r}",
                             f"use one of {min(pcodes)}…{max(pcodes)} from "
                             "geo/base/syria_adm1.geojson ADM1_PCODE" if pcodes else
                             "use an ADM1_PCODE from geo/base/syria_adm1.geojson")
        self._check_citations(label, props)

    def _check_citations(self, label: str, props: dict[str, Any]) -> None:
        if "citations" not in props:
            return
        cites = props["citations"]
        if not isinstance(cites, list):
            self.add(label, "property 'citations' must be a list",
                     'write it as [{"key", "outlet", "title", "url"}, ...]')
            return
        if not cites:
            self.add(label, "citations is empty", "cite the sources the outline was drawn from")
        for j, c in enumerate(cites):
            if not isinstance(c, dict):
                self.add(label, f"citation #{j} is not an object",
                         'write it as {"key", "outlet", "title", "url"}')
                continue
            for k in CITATION_KEYS:
                if not isinstance(c.get(k), str) or not c[k].strip():
                    self.add(label, f"citation #{j} lacks a text '{k}'", f"add its '{k}'")
            url = c.get("url")
            if isinstance(url, str) and url.strip() and not re.match(r"^https?://\S+$", url):
                self.add(label, f"citation #{j} url {url!r} is not an http(s) URL",
                         "give the full address starting with https://")

    # -- collection-level ------------------------------------------------------------------

    def _check_ids(self, ids: list[str]) -> None:
        for zid, n in Counter(ids).items():
            if n > 1:
                self.add(f"feature '{zid}'", f"duplicate id {zid!r} ({n} features)",
                         "keep one feature per zone (use a MultiPolygon for several parts)")
        for zid in dict.fromkeys(ids):
            if zid not in ZONE_IDS:
                self.add(f"feature '{zid}'", f"unknown zone id {zid!r}",
                         f"use one of {', '.join(ZONE_IDS)}")
        missing = [z for z in ZONE_IDS if z not in ids]
        if missing:
            self.add("", f"missing zone(s) {', '.join(missing)}",
                     "add one feature for each of the four zones")

    def _check_overlaps(self, geoms: list[tuple[str, Any]]) -> None:
        for i in range(len(geoms)):
            for j in range(i + 1, len(geoms)):
                (la, a), (lb, b) = geoms[i], geoms[j]
                if not a.intersects(b):
                    continue
                km2 = area_km2(a.intersection(b))
                if km2 > MIN_OVERLAP_KM2:
                    self.add(f"{la} and {lb}", f"zones overlap by {km2:.3g} km²",
                             "redraw the shared edge so the zones only touch")


def validate_zones(path: Path | str = ZONES_PATH, country: Any = None,
                   known_pcodes: Iterable[str] | None = None) -> list[Problem]:
    """Problems in a zone GeoJSON file (errors and warnings), one per finding."""
    return _validate_zones_counted(path, country, known_pcodes)[0]


def _validate_zones_counted(path: Path | str, country: Any = None,
                            known_pcodes: Iterable[str] | None = None
                            ) -> tuple[list[Problem], int]:
    checker = _ZoneChecker(path, country, known_pcodes)
    try:
        problems = checker.run()
    except Exception as exc:  # a checker bug must still come out as one readable line
        problems = [*checker.problems, _unexpected(path, exc)]
    return problems, checker.n_features


def validate_versions(path: Path | str | None = None, country: Any = None,
                      status_path: Path | str | None = None) -> list[Problem]:
    """Problems in the zones' dated versions (``geo/zone_versions.geojson``): every version
    valid, inside Syria and sourced; each zone's dates contiguous from the memorandum; no two
    zones overlapping on any day; ground added only by a change that says so ('regained'); and
    each zone's end on the day its lifecycle (``geo/data/zone_status.csv``) ends it."""
    return _validate_versions_counted(path, country, status_path)[0]


def _validate_versions_counted(path: Path | str | None = None, country: Any = None,
                               status_path: Path | str | None = None
                               ) -> tuple[list[Problem], int]:
    from geo.zone_versions import (
        CHANGE_KINDS,
        SIGNING_DATE,
        VERSION_KEYS,
        VERSIONS_PATH,
        places_ar_problem,
    )

    path = Path(path or VERSIONS_PATH)
    file = display_path(path)
    problems: list[Problem] = []

    def add(item: str, message: str, fix: str = "") -> None:
        problems.append(Problem(file, item, message, fix))

    try:
        data = read_geojson(path)
    except DataError as exc:
        return list(exc.problems), 0
    try:
        outline = _country_geometry(country)
    except DataError:
        outline = None
    by_zone: dict[str, list[tuple[dict[str, Any], Any, str]]] = {}
    for i, feat in enumerate(data["features"]):
        props = feat.get("properties") if isinstance(feat, dict) else None
        if not isinstance(props, dict):
            add(f"feature {i}", "has no properties", "rebuild with `python -m geo build-zones`")
            continue
        label = f"{props.get('zone', '?')} version {props.get('version', '?')} " \
                f"({props.get('valid_from', '?')}, {props.get('kind', '?')})"
        missing = [k for k in VERSION_KEYS if k not in props]
        if missing:
            add(label, f"missing {', '.join(missing)}", "rebuild with `python -m geo build-zones`")
            continue
        if props["zone"] not in ZONE_IDS:
            add(label, f"zone {props['zone']!r} is unknown", f"use one of {', '.join(ZONE_IDS)}")
            continue
        bad_dates = [k for k in ("valid_from", "valid_to") if props[k] is not None
                     and not (isinstance(props[k], str) and ISO_DATE.match(props[k]))]
        if bad_dates or props["valid_from"] is None:
            add(label, f"{', '.join(bad_dates) or 'valid_from'} is not an ISO date",
                "write YYYY-MM-DD")
            continue
        if props["kind"] not in ("drawn", *CHANGE_KINDS):
            add(label, f"kind {props['kind']!r} is unknown",
                f"use drawn (first version) or one of {', '.join(CHANGE_KINDS)}")
        places_problem = places_ar_problem(props["places_en"], props["places_ar"])
        if places_problem:
            add(label, places_problem, "write places_ar in geo/digitise/zone_changes.toml and "
                "rebuild with `python -m geo build-zones`")
        sources = props["sources"] if isinstance(props["sources"], list) else []
        if not sources or not all(isinstance(s, dict) and str(s.get("url", "")).startswith(
                ("http://", "https://")) and s.get("outlet") for s in sources):
            add(label, "is not sourced (each version needs sources with an outlet and a URL)",
                "add its sources in geo/digitise/zone_changes.toml and rebuild")
        elif props["kind"] != "drawn" and props["decided_by"] not in {s.get("key")
                                                                       for s in sources}:
            add(label, f"decided_by {props['decided_by']!r} is not one of its sources",
                "name the source whose date was used")
        geom = None
        g = feat.get("geometry")
        if g is None:
            if props["kind"] != "ended":
                add(label, "has no geometry", "only an 'ended' version may have none")
        else:
            try:
                geom = shape(g)
            except Exception as exc:
                add(label, f"geometry is malformed ({exc})", "rebuild the layer")
            if geom is not None and (geom.geom_type not in ALLOWED_GEOMETRIES or geom.is_empty):
                add(label, f"geometry is an empty or non-polygon {geom.geom_type}",
                    "a zone's version is a Polygon or MultiPolygon")
                geom = None
            elif geom is not None and not geom.is_valid:
                add(label, f"geometry is invalid: {_nice_reason(shapely.is_valid_reason(geom))}",
                    "rebuild the layer (the build makes versions valid)")
                geom = None
            elif geom is not None and outline is not None \
                    and _ZoneChecker._outside_share(geom, outline) > MAX_OUTSIDE_SHARE:
                add(label, "lies partly outside Syria's outline", "check the change's areas")
            if geom is not None and props["kind"] == "ended":
                add(label, "an 'ended' version still has ground", "give it no geometry")
        by_zone.setdefault(props["zone"], []).append((props, geom, label))
    problems += _check_version_sequences(file, by_zone, SIGNING_DATE)
    problems += _check_version_overlaps(file, by_zone)
    problems += _check_version_ends(file, by_zone, status_path)
    return problems, len(data["features"])


def _check_version_sequences(file: str, by_zone: dict[str, list[tuple[dict[str, Any], Any, str]]],
                             signing: dt.date) -> list[Problem]:
    problems: list[Problem] = []
    for zid in ZONE_IDS:
        own = by_zone.get(zid, [])
        if not own:
            problems.append(Problem(file, zid, "has no versions",
                                    "rebuild with `python -m geo build-zones`"))
            continue
        own.sort(key=lambda t: t[0]["valid_from"])
        first = own[0][0]
        if first["valid_from"] != signing.isoformat() or first["kind"] != "drawn":
            problems.append(Problem(file, zid, f"first version starts {first['valid_from']} "
                                    f"({first['kind']}), not on the memorandum's day {signing} "
                                    "as drawn", "rebuild the layer"))
        for n, (props, geom, label) in enumerate(own):
            if props["version"] != n:
                problems.append(Problem(file, label, f"is numbered {props['version']}, "
                                        f"expected {n} in date order", "rebuild the layer"))
            if props["valid_to"] is not None and props["valid_to"] < props["valid_from"]:
                problems.append(Problem(file, label, f"ends {props['valid_to']}, before it "
                                        "starts", "dates must be ordered"))
            if n + 1 < len(own):
                nxt = own[n + 1][0]["valid_from"]
                want = (dt.date.fromisoformat(nxt) - dt.timedelta(days=1)).isoformat()
                if props["valid_to"] != want:
                    problems.append(Problem(file, label, f"ends {props['valid_to']} but the next "
                                            f"version starts {nxt}", f"end it on {want}"))
            elif props["valid_to"] is not None:
                problems.append(Problem(file, label, "the last version has an end date",
                                        "leave valid_to empty (null)"))
            if n and geom is not None and own[n - 1][1] is not None:
                before, after = area_km2(own[n - 1][1]), area_km2(geom)
                if after > before + MIN_OVERLAP_KM2 and props["kind"] != "regained":
                    problems.append(Problem(
                        file, label, f"adds {after - before:.1f} km² of ground, but its kind is "
                        f"{props['kind']!r}", "a change that adds ground (a town retaken) must "
                        "be 'regained' and say which places"))
    return problems


def _check_version_overlaps(file: str, by_zone: dict[str, list[tuple[dict[str, Any], Any, str]]]
                            ) -> list[Problem]:
    days = sorted({p["valid_from"] for own in by_zone.values() for p, _, _ in own})
    problems: list[Problem] = []
    reported: set[tuple[str, str]] = set()
    for day in days:
        on = [(p["zone"], g) for own in by_zone.values() for p, g, _ in own if g is not None
              and p["valid_from"] <= day and (p["valid_to"] is None or day <= p["valid_to"])]
        for i in range(len(on)):
            for j in range(i + 1, len(on)):
                pair = (on[i][0], on[j][0])
                if pair in reported or not on[i][1].intersects(on[j][1]):
                    continue
                overlap = area_km2(on[i][1].intersection(on[j][1]))
                if overlap > MIN_OVERLAP_KM2:
                    reported.add(pair)
                    problems.append(Problem(file, f"{pair[0]} / {pair[1]}", f"overlap by "
                                            f"{overlap:.2f} km² on {day}",
                                            "zones may touch but not overlap on any day"))
    return problems


def _check_version_ends(file: str, by_zone: dict[str, list[tuple[dict[str, Any], Any, str]]],
                        status_path: Path | str | None) -> list[Problem]:
    """A zone's ground ends the day its lifecycle says it ended, so map and status agree."""
    from geo.timeline import ZONE_STATUS_PATH, load_zone_status

    try:
        intervals = load_zone_status(status_path or ZONE_STATUS_PATH)
    except DataError:
        return []  # the timeline checker reports a broken status file
    problems: list[Problem] = []
    for zid, own in by_zone.items():
        ended = next((i.start.isoformat() for i in intervals
                      if i.zone_id == zid and i.status == "ended"), None)
        last = own[-1][0] if own else None
        ends = last["valid_from"] if last and last["kind"] == "ended" else None
        if ended != ends:
            problems.append(Problem(
                file, zid, f"its ground ends {ends or 'never'} but geo/data/zone_status.csv "
                f"ends the zone {ended or 'never'}",
                "give the zone's 'ended' change the date of its 'ended' status interval"))
    return problems


def _unexpected(path: Path | str, exc: BaseException, item: str = "") -> Problem:
    return Problem(display_path(path), item,
                   f"unexpected {type(exc).__name__} while checking: {exc}",
                   "report this to the team with the file attached")


# -- base layers ---------------------------------------------------------------------------

def _geometry_problems(path: Path | str, gdf: Any, label_col: str | None) -> list[Problem]:
    out: list[Problem] = []
    for i, row in gdf.iterrows():
        item = f"feature {row[label_col]!r}" if label_col else f"feature #{i}"
        geom = row.geometry
        if geom is None or geom.geom_type not in ALLOWED_GEOMETRIES:
            kind = geom.geom_type if geom is not None else "missing geometry"
            out.append(Problem(display_path(path), item, f"geometry is {kind}",
                               "restore the file from git"))
        elif not geom.is_valid:
            reason = _nice_reason(shapely.is_valid_reason(geom))
            out.append(Problem(display_path(path), item, f"geometry is invalid: {reason}",
                               "restore the file from git or repair it with shapely.make_valid"))
    return out


def _check_adm0(path: Path | str) -> list[Problem]:
    return _geometry_problems(path, load_country(path), None)


def _check_adm1(path: Path | str) -> tuple[list[Problem], int]:
    gdf = load_admin1(path)
    f = display_path(path)
    out = _geometry_problems(path, gdf, "ADM1_PCODE")
    if len(gdf) != EXPECTED_GOVERNORATES:
        out.append(Problem(f, "", f"has {len(gdf)} governorates, expected "
                           f"{EXPECTED_GOVERNORATES}", "restore the file from git"))
    for code, n in Counter(gdf["ADM1_PCODE"]).items():
        if n > 1:
            out.append(Problem(f, f"feature {code!r}", f"duplicate ADM1_PCODE {code!r}",
                               "keep one feature per governorate"))
    return out, len(gdf)


def _check_places(path: Path | str, pcodes: set[str] | None) -> tuple[list[Problem], int]:
    df = load_places(path)
    f = display_path(path)
    out: list[Problem] = []
    bx0, by0, bx1, by1 = SYRIA_BBOX
    outside = df[~(df["lon"].between(bx0, bx1) & df["lat"].between(by0, by1))]
    for i, row in outside.head(5).iterrows():
        out.append(Problem(f, f"row {i + 2} ({row['name']})",
                           f"lat/lon {row['lat']}, {row['lon']} is outside Syria",
                           "check the coordinates (lat and lon columns may be swapped)"))
    for gid, n in Counter(df["geonameid"]).items():
        if n > 1:
            out.append(Problem(f, f"geonameid {gid}", f"appears {n} times",
                               "keep one row per place"))
    if pcodes is not None:
        unknown = df[~df["ocha_adm1_pcode"].isin(pcodes)]
        for i, row in unknown.head(5).iterrows():
            out.append(Problem(f, f"row {i + 2} ({row['name']})",
                               f"unknown ocha_adm1_pcode {row['ocha_adm1_pcode']!r}",
                               "use an ADM1_PCODE from geo/base/syria_adm1.geojson"))
    return out, len(df)


def _validate_base_counted(adm0: Path | str = ADM0_PATH, adm1: Path | str = ADM1_PATH,
                           places: Path | str = PLACES_PATH
                           ) -> tuple[list[Problem], dict[str, int]]:
    problems: list[Problem] = []
    counts: dict[str, int] = {}
    pcodes: set[str] | None = None

    def guarded(path: Path | str, check: Callable[[], list[Problem]]) -> None:
        try:
            problems.extend(check())
        except DataError as exc:
            problems.extend(exc.problems)
        except Exception as exc:  # never a traceback from the validator
            problems.append(_unexpected(path, exc))

    def adm1_check() -> list[Problem]:
        nonlocal pcodes
        found, counts["governorates"] = _check_adm1(adm1)
        pcodes = set(load_admin1(adm1)["ADM1_PCODE"])
        return found

    def places_check() -> list[Problem]:
        found, counts["places"] = _check_places(places, pcodes)
        return found

    guarded(adm0, lambda: _check_adm0(adm0))
    guarded(adm1, adm1_check)
    guarded(places, places_check)
    return problems, counts


def validate_base(adm0: Path | str = ADM0_PATH, adm1: Path | str = ADM1_PATH,
                  places: Path | str = PLACES_PATH) -> list[Problem]:
    """Problems in Syria's outline, the governorates and the gazetteer."""
    return _validate_base_counted(adm0, adm1, places)[0]


# -- deciding phrases ------------------------------------------------------------------------
# The tables (timeline, lifecycle, forces) are checked row by row where they are read
# (geo.timeline, geo.forces, with geo.evidence's rules); the zone changes here.

def check_change_phrases(path: Path | str | None = None) -> list[Problem]:
    """Each dated change in ``geo/digitise/zone_changes.toml`` has a deciding phrase taken from
    one of its own sources (``phrase_source`` names its key) or an explicit
    ``check = "unverified"`` with a ``check_note``; a figure in its ``summary_en`` must be in
    the phrase (``geo.evidence``)."""
    import tomllib

    from geo.evidence import Evidence
    from geo.evidence import problems as evidence_problems
    from geo.zone_versions import CHANGES_PATH

    path = Path(path) if path is not None else CHANGES_PATH
    file = display_path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return [Problem(file, "", f"cannot be read ({exc})", "restore it from git")]
    out: list[Problem] = []
    for n, change in enumerate(data.get("changes") or [], 1):
        if not isinstance(change, dict):
            continue
        item = f"change {change.get('id') or n}"
        keys = {s.get("key") for s in change.get("sources") or [] if isinstance(s, dict)}
        if not keys:
            out.append(Problem(file, item, "has no sources", "cite the report the change is "
                               "based on"))
        evidence = Evidence.from_row(change)
        if evidence.check == "quoted" and change.get("phrase_source") not in keys:
            out.append(Problem(file, item, f"phrase_source {change.get('phrase_source')!r} is "
                               "not one of its sources",
                               "add the page the phrase is from to sources and name its key"))
        out += evidence_problems(file, item, evidence,
                                 {"summary_en": str(change.get("summary_en") or "")})
    return out


def phrase_counts() -> dict[str, int]:
    """How many rows and changes carry a quoted phrase and how many are marked unverified
    (tables and changes that cannot be read are left out: their own checks report them)."""
    import tomllib

    from geo.evidence import EVIDENCE_COLUMNS, Evidence
    from geo.forces import FORCES_PATH
    from geo.timeline import TIMELINE_PATH, ZONE_STATUS_PATH, read_table
    from geo.zone_versions import CHANGES_PATH

    checks: list[str] = []
    for table in (TIMELINE_PATH, ZONE_STATUS_PATH, FORCES_PATH):
        rows, _ = read_table(table, EVIDENCE_COLUMNS)
        checks += [Evidence.from_row(r).check for _, r in rows]
    try:
        changes = tomllib.loads(CHANGES_PATH.read_text(encoding="utf-8")).get("changes") or []
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        changes = []
    checks += [Evidence.from_row(c).check for c in changes if isinstance(c, dict)]
    return {"rows": len(checks), "quoted": checks.count("quoted"),
            "unverified": checks.count("unverified")}


# -- everything ----------------------------------------------------------------------------

def _run_other_checkers() -> tuple[list[Problem], list[str]]:
    problems: list[Problem] = []
    ran: list[str] = []
    for module_name, func_name in OTHER_CHECKERS:
        try:
            func = getattr(importlib.import_module(module_name), func_name)
        except (ImportError, AttributeError):
            continue  # that part of the project is not written yet
        try:
            found = func()
            ran.append(module_name)
            for p in found or []:
                problems.append(p if isinstance(p, Problem)
                                else Problem(module_name, "", str(p)))
        except DataError as exc:
            ran.append(module_name)
            problems += exc.problems
        except Exception as exc:
            problems.append(Problem(f"{module_name}.{func_name}()", "",
                                    f"crashed with {type(exc).__name__}: {exc}",
                                    "fix the checker or the data it reads"))
    return problems, ran


def _validate_all_counted() -> tuple[list[Problem], list[str]]:
    zone_problems, n_zones = _validate_zones_counted(ZONES_PATH)
    base_problems, counts = _validate_base_counted()
    version_problems, n_versions = _validate_versions_counted()
    other_problems, ran = _run_other_checkers()
    parts = [f"{n_zones} zones"]
    if "governorates" in counts:
        parts.append(f"{counts['governorates']} governorates")
    if "places" in counts:
        parts.append(f"{counts['places']} places")
    parts.append(f"{n_versions} zone versions")
    parts += [CHECKER_LABELS.get(m, m) for m in ran]
    try:
        counts_ = phrase_counts()
        parts.append(f"{counts_['rows']} sourced facts ({counts_['quoted']} with a deciding "
                     f"phrase, {counts_['unverified']} marked unverified)")
    except Exception as exc:  # the tables' own checks say what is wrong
        other_problems.append(_unexpected("phrase counts", exc))
    return [*zone_problems, *version_problems, *base_problems, *other_problems], parts


def validate_all() -> list[Problem]:
    """Zones, base layers and every other checker that exists in the project."""
    return _validate_all_counted()[0]


def summary(problems: list[Problem], parts: list[str]) -> str:
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if errors:
        return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    tail = f", {warnings} warning{'s' * (warnings != 1)}" if warnings else ""
    return f"OK: {', '.join(parts)} checked{tail}"


def main(argv: list[str]) -> int:
    """``python -m geo validate [FILE ...]``: print one line per problem and a summary."""
    if any(a in ("-h", "--help") for a in argv):
        print("usage: python -m geo validate [ZONES.geojson ...]\n"
              "With no file: check the zones, base layers, catalog and tables.")
        return 0
    problems: list[Problem] = []
    if not argv:
        try:
            problems, parts = _validate_all_counted()
        except Exception as exc:
            problems, parts = [_unexpected("geo", exc)], []
    else:
        n_zones = 0
        for arg in argv:
            try:
                found, n = _validate_zones_counted(arg)
            except Exception as exc:
                found, n = [_unexpected(arg, exc)], 0
            problems += found
            n_zones += n
        parts = [f"{len(argv)} file{'s' * (len(argv) != 1)}", f"{n_zones} zones"]
    for p in problems:
        print(p)
    print(summary(problems, parts))
    sys.stdout.flush()
    return 1 if any(p.severity == "error" for p in problems) else 0
