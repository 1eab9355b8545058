"""Loading the zone layer and the base geography into (Geo)DataFrames.

Plain Python (no Streamlit). Every loader raises ``geo.problems.DataError`` with readable
``Problem`` lines instead of letting a JSON, encoding or geometry error escape as a traceback.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely

from geo import ZONE_IDS
from geo.paths import ADM0_PATH, ADM1_PATH, PLACES_PATH, ZONES_PATH
from geo.problems import DataError, Problem, display_path

WGS84 = "EPSG:4326"
# Lambert azimuthal equal-area centred on Syria: areas are exact in any equal-area projection,
# and centring it here keeps shape distortion (which affects buffers, not areas) negligible.
SYRIA_LAEA = "+proj=laea +lat_0=35 +lon_0=38.5 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs"

ADM1_COLUMNS = ("ADM1_PCODE", "ADM1_EN", "ADM1_AR")
PLACES_COLUMNS = (
    "geonameid", "name", "name_ar", "alternatenames_ar", "lat", "lon",
    "geonames_admin1", "geonames_admin1_name", "ocha_adm1_pcode", "population",
)


def _problem(path: Path | str, message: str, fix: str, item: str = "") -> Problem:
    return Problem(display_path(path), item, message, fix)


def read_text_utf8(path: Path | str) -> str:
    """Read a whole text file as UTF-8, raising DataError for missing/empty/non-UTF-8 files."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise DataError([_problem(p, "file not found", "create it or check the path")]) from None
    except IsADirectoryError:
        raise DataError([_problem(p, "is a directory, not a file", "pass a file")]) from None
    except OSError as exc:
        raise DataError([_problem(p, f"cannot be read ({exc.strerror or exc})",
                                  "check the file's permissions")]) from None
    if not raw.strip():
        raise DataError([_problem(p, "file is empty", "write the data into it or restore it "
                                  "from git")])
    try:
        # utf-8-sig: a BOM left by a Windows editor is harmless, so accept it silently.
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = raw[exc.start:exc.start + 4].hex(" ")
        raise DataError([_problem(
            p, f"not UTF-8: invalid byte(s) {bad} at byte offset {exc.start}",
            "re-save the file as UTF-8 (it may be Windows-1256 or another legacy encoding)",
        )]) from None


def read_geojson(path: Path | str) -> dict[str, Any]:
    """Parse a GeoJSON FeatureCollection, raising DataError with one clear Problem on failure."""
    p = Path(path)
    text = read_text_utf8(p)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError([_problem(
            p, f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}",
            "fix the JSON syntax at that position",
        )]) from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        found = data.get("type") if isinstance(data, dict) else type(data).__name__
        raise DataError([_problem(
            p, f"not a GeoJSON FeatureCollection (top-level type is {found!r})",
            'wrap the features in {"type": "FeatureCollection", "features": [...]}',
        )])
    if not isinstance(data.get("features"), list):
        raise DataError([_problem(p, "FeatureCollection has no 'features' list",
                                  'add "features": [...]')])
    return data


def _orient_ccw(geom: Any) -> Any:
    # RFC 7946 wants counter-clockwise exteriors; a hand-digitised ring going the other way is
    # the same shape, so it is normalised instead of rejected.
    return shapely.orient_polygons(geom, exterior_cw=False)


def load_zones(path: Path | str = ZONES_PATH) -> gpd.GeoDataFrame:
    """The zones as a GeoDataFrame indexed by zone id in ``geo.ZONE_IDS`` order, CCW rings."""
    # Imported here because geo.validate imports this module's readers.
    from geo.validate import validate_zones

    problems = validate_zones(path)
    errors = [pr for pr in problems if pr.severity == "error"]
    if errors:
        raise DataError(errors)
    data = read_geojson(path)
    gdf = gpd.GeoDataFrame.from_features(data["features"], crs=WGS84)
    gdf["geometry"] = _orient_ccw(gdf.geometry.values)
    gdf = gdf.set_index("id", drop=True)
    gdf.index.name = "id"
    gdf = gdf.loc[[z for z in ZONE_IDS if z in gdf.index]]
    props = [c for c in gdf.columns if c != "geometry"]
    return gdf[[*props, "geometry"]]


def areas_km2(geoms: gpd.GeoSeries) -> pd.Series:
    """Areas in km² of WGS84 geometries, computed in the Syria-centred equal-area projection."""
    series = geoms if geoms.crs is not None else geoms.set_crs(WGS84)
    return series.to_crs(SYRIA_LAEA).area / 1e6


def zone_areas_km2(gdf: gpd.GeoDataFrame) -> dict[str, float]:
    """Each zone's area in km² (equal-area projection), keyed by the GeoDataFrame's index."""
    areas = areas_km2(gdf.geometry)
    return {str(k): float(v) for k, v in areas.items()}


def load_admin1(path: Path | str = ADM1_PATH) -> gpd.GeoDataFrame:
    """Syria's 14 governorates (OCHA ADM1), sorted by P-code."""
    data = read_geojson(path)
    gdf = gpd.GeoDataFrame.from_features(data["features"], crs=WGS84)
    missing = [c for c in ADM1_COLUMNS if c not in gdf.columns]
    if missing:
        raise DataError([_problem(path, f"missing column(s) {', '.join(missing)}",
                                  "use the OCHA COD-AB ADM1 properties")])
    return gdf.sort_values("ADM1_PCODE").reset_index(drop=True)


def load_country(path: Path | str = ADM0_PATH) -> gpd.GeoDataFrame:
    """Syria's outline (OCHA ADM0) as a one-row GeoDataFrame."""
    data = read_geojson(path)
    if not data["features"]:
        raise DataError([_problem(path, "has no features", "restore the outline from git")])
    return gpd.GeoDataFrame.from_features(data["features"], crs=WGS84)


def outline_of(country: gpd.GeoDataFrame, path: Path | str = ADM0_PATH) -> Any:
    """The outline ``load_country`` read (from ``path``) as one valid shapely geometry: each
    feature made valid, then their union. An outline with no area (null or collapsed
    geometries) is a ``DataError``, never an empty outline: the zones would be clipped to
    nothing and the dated layers' edge bands would run along the Turkish border."""
    outline = shapely.union_all(shapely.make_valid(list(country.geometry)))
    if outline.is_empty or outline.area == 0:
        raise DataError([_problem(path, "has no polygon with an area",
                                  "restore the outline from git")])
    return outline


def country_outline(path: Path | str = ADM0_PATH) -> Any:
    """Syria's outline as one valid shapely geometry: the one reading of it for the zones'
    clip (``geo.build_zones``) and the dated layers' border (``geo.dated_layers``). Raises
    ``DataError`` for a missing, unreadable, empty or area-less file."""
    return outline_of(load_country(path), path)


def load_places(path: Path | str = PLACES_PATH) -> pd.DataFrame:
    """The GeoNames gazetteer; ``pcode_nearest`` is True where the P-code came from the nearest
    governorate (coastal points just outside the simplified polygons, marked ``*`` in the CSV)."""
    import io

    text = read_text_utf8(path)
    try:
        df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, ValueError) as exc:
        raise DataError([_problem(path, f"not a readable CSV ({exc})",
                                  "fix the CSV syntax")]) from None
    missing = [c for c in PLACES_COLUMNS if c not in df.columns]
    if missing:
        raise DataError([_problem(path, f"missing column(s) {', '.join(missing)}",
                                  f"the header must be {','.join(PLACES_COLUMNS)}")])
    bad: list[Problem] = []
    for col in ("lat", "lon", "population", "geonameid"):
        nums = pd.to_numeric(df[col], errors="coerce")
        for i in df.index[nums.isna()][:5]:
            bad.append(_problem(path, f"{col} {df.at[i, col]!r} is not a number",
                                "write a plain decimal number", item=f"row {i + 2}"))
        df[col] = nums
    if bad:
        raise DataError(bad)
    df["geonameid"] = df["geonameid"].astype("int64")
    df["population"] = df["population"].astype("int64")
    df["pcode_nearest"] = df["ocha_adm1_pcode"].str.endswith("*")
    df["ocha_adm1_pcode"] = df["ocha_adm1_pcode"].str.rstrip("*")
    return df


def governorate_names(path: Path | str = ADM1_PATH) -> dict[str, tuple[str, str]]:
    """``{P-code: (English name, Arabic name)}`` for the 14 governorates."""
    gdf = load_admin1(path)
    return {r.ADM1_PCODE: (r.ADM1_EN, r.ADM1_AR) for r in gdf.itertuples()}
