"""Dated layers over a zone: Sochi's demilitarised zone (17 Sep 2018) and the M4 security
corridor of the Moscow protocol (5 Mar 2020), each on the days it was in force.

``geo/digitise/dated_layers.toml`` gives each layer's dates, depth, sources and the line it is
measured from (schema in ``geo/SCHEMA.md``). A layer's shape on a day is built from the zone's
version of that day (``geo.zone_versions``), so ground the zone had lost is never part of it:

* ``edge-band`` (the demilitarised zone): the zone's ground within ``depth_km`` of its edge,
  the edge left out where it was not a line of contact (the Turkish border, found from the
  country outline, and the ``not_contact`` polygons);
* ``road-band`` (the corridor): the zone's ground within ``depth_km`` of the ``line``.

Distances are measured in UTM zone 37N (metres). Plain Python: no Streamlit.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import LineString, Polygon

from geo import ZONE_IDS
from geo.paths import DIGITISE_DIR
from geo.recipes import read_tables, require_keys
from geo.zone_versions import CITATION_KEYS, Version, version_on

LAYERS_PATH = DIGITISE_DIR / "dated_layers.toml"
KINDS = ("edge-band", "road-band")
BORDER_GAP_KM = 2.0  # the zone's edge this close to the country outline is the Turkish border


class LayerError(Exception):
    """The dated-layer file cannot be used; the message says which layer and what is wrong."""


@dataclass(frozen=True)
class DatedLayer:
    id: str
    zone: str
    kind: str
    valid_from: dt.date
    valid_to: dt.date | None
    in_force_from: dt.date
    depth_km: float
    name_en: str
    summary_en: str
    date_note: str
    sources: tuple[dict[str, str], ...]
    line: Any  # shapely LineString (road-band) or None
    not_contact: Any  # shapely (Multi)Polygon or None

    def covers(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


def _vertices(where: str, ring: Any, keys: set[str]) -> list[tuple[float, float]]:
    if not isinstance(ring, list) or len(ring) < 2:
        raise LayerError(f"{where}: needs a list of at least 2 vertices")
    out = []
    for i, v in enumerate(ring, 1):
        if not isinstance(v, dict) or set(v) != {"lon", "lat", "why"}:
            raise LayerError(f"{where}: vertex {i} must have exactly lon, lat, why")
        if not (35.0 <= float(v["lon"]) <= 43.0 and 32.0 <= float(v["lat"]) <= 37.6):
            raise LayerError(f"{where}: vertex {i} ({v['lon']}, {v['lat']}) is not near Syria; "
                             "is it lat/lon swapped?")
        if not str(v["why"]).strip():
            raise LayerError(f"{where}: vertex {i} has no 'why' note")
        unknown = set(re.findall(r"\[([A-Z0-9][A-Z0-9-]*)\]", v["why"])) - keys
        if unknown:
            raise LayerError(f"{where}: vertex {i} cites {sorted(unknown)}, not in its sources")
        out.append((float(v["lon"]), float(v["lat"])))
    return out


def _date(where: str, value: Any, key: str) -> dt.date:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise LayerError(f"{where}: {key} must be a quoted ISO date, \"YYYY-MM-DD\"")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise LayerError(f"{where}: {key} {value!r} is not a calendar date") from None


def load_layers(path: Path | str = LAYERS_PATH) -> list[DatedLayer]:
    """The dated layers, checked: dates ordered, every layer sourced, lines near Syria."""
    path = Path(path)
    layers = read_tables(path, "layers", LayerError, label=path.name)
    out: list[DatedLayer] = []
    for n, raw in enumerate(layers, 1):
        where = f"{path.name}: layer {n} ({raw.get('id', 'no id')})"
        required = ("id", "zone", "kind", "valid_from", "in_force_from", "depth_km", "name_en",
                    "summary_en", "date_note", "sources")
        require_keys(where, raw, required, LayerError)
        if raw["zone"] not in ZONE_IDS:
            raise LayerError(f"{where}: unknown zone {raw['zone']!r}")
        if raw["kind"] not in KINDS:
            raise LayerError(f"{where}: kind {raw['kind']!r} is unknown; use one of {KINDS}")
        start = _date(where, raw["valid_from"], "valid_from")
        end = _date(where, raw["valid_to"], "valid_to") if raw.get("valid_to") else None
        in_force = _date(where, raw["in_force_from"], "in_force_from")
        if end is not None and end < start:
            raise LayerError(f"{where}: valid_to {end} is before valid_from {start}")
        if in_force < start or (end is not None and in_force > end):
            raise LayerError(f"{where}: in_force_from {in_force} is outside its dates")
        depth = raw["depth_km"]
        if not isinstance(depth, int | float) or not 0 < depth <= 50:
            raise LayerError(f"{where}: depth_km must be a number of km between 0 and 50")
        if not raw["sources"]:
            raise LayerError(f"{where}: has no sources; every layer needs one")
        for s in raw["sources"]:
            if set(s) != set(CITATION_KEYS) or not all(str(s[k]).strip() for k in CITATION_KEYS):
                raise LayerError(f"{where}: each source needs exactly {CITATION_KEYS}")
            if not re.match(r"^https?://[^\s/]+\.[^\s/]+", s["url"]):
                raise LayerError(f"{where}: source {s['key']} has no usable URL")
        keys = {s["key"] for s in raw["sources"]}
        line = not_contact = None
        if raw["kind"] == "road-band":
            line = LineString(_vertices(f"{where} line", raw.get("line"), keys))
        else:
            rings = [Polygon(_vertices(f"{where} not_contact {i}", ring, keys))
                     for i, ring in enumerate(raw.get("not_contact", []), 1)]
            not_contact = shapely.union_all(rings) if rings else None
        for key in ("name_en", "summary_en", "date_note"):
            if not isinstance(raw[key], str) or not raw[key].strip():
                raise LayerError(f"{where}: {key} must be a non-empty string")
        out.append(DatedLayer(raw["id"], raw["zone"], raw["kind"], start, end, in_force,
                              float(depth), raw["name_en"], raw["summary_en"],
                              raw["date_note"], tuple(dict(s) for s in raw["sources"]), line,
                              not_contact))
    ids = [layer.id for layer in out]
    if len(set(ids)) != len(ids):
        raise LayerError(f"{path.name}: a layer id is used twice")
    return out


# --------------------------------------------------------------------------- geometry


def _to_metres() -> tuple[Any, Any]:
    from pyproj import Transformer

    fwd = Transformer.from_crs("EPSG:4326", "EPSG:32637", always_xy=True)
    back = Transformer.from_crs("EPSG:32637", "EPSG:4326", always_xy=True)
    return fwd, back


def _transform(geom: Any, transformer: Any) -> Any:
    return shapely.transform(geom, lambda xy: __import__("numpy").column_stack(
        transformer.transform(xy[:, 0], xy[:, 1])))


def layer_shape(layer: DatedLayer, zone: Any, country: Any = None) -> Any:
    """The layer's ground inside ``zone`` (the zone's shapely geometry that day; None once
    ended gives an empty polygon). ``country`` is Syria's outline (needed for edge bands)."""
    from geo.zone_versions import _polygonal

    if zone is None or zone.is_empty:
        return Polygon()
    fwd, back = _to_metres()
    zone_m = _transform(zone, fwd)
    depth = layer.depth_km * 1000.0
    if layer.kind == "road-band":
        band = _transform(layer.line, fwd).buffer(depth)
    else:
        edge = zone_m.boundary
        if country is not None:
            edge = edge.difference(_transform(country, fwd).boundary.buffer(BORDER_GAP_KM * 1e3))
        if layer.not_contact is not None:
            edge = edge.difference(_transform(layer.not_contact, fwd))
        band = edge.buffer(depth)
    shape_m = _polygonal(zone_m.intersection(band))
    return _polygonal(shapely.make_valid(shapely.set_precision(_transform(shape_m, back), 1e-5)))


def layers_on(layers: list[DatedLayer], versions: dict[str, list[Version]], day: dt.date,
              country: Any = None) -> list[tuple[DatedLayer, Any]]:
    """``(layer, shape)`` for each layer in force on ``day`` with ground left to draw."""
    out = []
    for layer in layers:
        if not layer.covers(day):
            continue
        v = version_on(versions, layer.zone, day)
        shape = layer_shape(layer, v.geometry if v else None, country)
        if not shape.is_empty:
            out.append((layer, shape))
    return out


def load_layer_set(country: Any = None) -> dict[str, Any]:
    """What the layers of any day are drawn from, without the zone versions: ``{"layers":
    load_layers(), "country": ...}`` (the app caches it per file fingerprint). ``country`` is
    Syria's outline (``geo.zones.country_outline``, whose edge the bands leave out: the Turkish
    border), read from the file when not given."""
    if country is None:
        from geo.zones import country_outline

        country = country_outline()
    return {"layers": load_layers(), "country": country}


def dated_layers_on(day: dt.date, versions: dict[str, list[Version]] | None = None,
                    layer_set: dict[str, Any] | None = None) -> list[tuple[DatedLayer, Any]]:
    """``(layer, shape)`` for Sochi's demilitarised zone and the M4 corridor as drawn on ``day``:
    the one source of the map's layers (``geo.ui``) and of the exports' (``geo.export``).
    ``versions`` (``geo.zone_versions.load_versions``) and ``layer_set`` (``load_layer_set``)
    are read from the files when not given."""
    if versions is None:
        from geo.zone_versions import load_versions

        versions = load_versions()
    if layer_set is None:
        layer_set = load_layer_set()
    return layers_on(layer_set["layers"], versions, day, layer_set["country"])


def check_layers(path: Path | str = LAYERS_PATH) -> list[Any]:
    """Problems of the dated-layer file for ``python -m geo validate``: the file's own checks,
    and each layer drawing ground inside its zone on its first day."""
    from geo.problems import Problem
    from geo.zone_versions import load_versions

    name = Path(path).name
    try:
        layers = load_layers(path)
    except LayerError as exc:
        return [Problem(name, "", str(exc), "see the schema in geo/SCHEMA.md")]
    from geo.zones import country_outline

    versions = load_versions()
    country = country_outline()
    problems = []
    for layer in layers:
        v = version_on(versions, layer.zone, layer.valid_from)
        geom = layer_shape(layer, v.geometry if v else None, country)
        if geom.is_empty:
            problems.append(Problem(name, layer.id, f"draws no ground inside {layer.zone!r} on "
                                    f"{layer.valid_from}", "check its line and dates"))
    return problems
