"""Render the built zone layer over the governorates to PNGs, for eyeballing the digitisation.

``python3 scripts/render_zones.py [--out artifacts/zones.png]`` writes the overview to ``--out``
and one zoomed map per zone next to it (``zone-<id>.png``). Each zoomed map also draws the raw
hand-drawn outline (dashed, before the clip to the border) and labels the gazetteer towns listed
in the zone's ``label_places`` in ``geo/digitise/zones.toml``. Offline: matplotlib Agg only.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib import rcParams
from shapely.geometry import shape

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from geo.build_zones import (  # noqa: E402
    geodesic_area_km2,
    load_recipe,
    outline_polygon,
)
from geo.paths import ADM1_PATH, PLACES_PATH, ZONES_PATH  # noqa: E402

rcParams["font.family"] = ["Noto Sans", "Noto Sans Arabic", "DejaVu Sans"]
COLOURS = {"idlib": "#d95f02", "northern-homs": "#7570b3", "eastern-ghouta": "#e7298a",
           "south": "#1b9e77"}
DEFAULT_OUT = ROOT / "artifacts" / "zones.png"


def _parts(geom: Any) -> list[Any]:
    return list(geom.geoms) if hasattr(geom, "geoms") else [geom]


def _draw_polygon(ax: Any, geom: Any, **kw: Any) -> None:
    for poly in _parts(geom):
        x, y = poly.exterior.xy
        ax.fill(x, y, **kw)
        for hole in poly.interiors:
            hx, hy = hole.xy
            ax.fill(hx, hy, color="white")


def _draw_adm1(ax: Any, adm1: list[dict[str, Any]], labels: bool) -> None:
    for f in adm1:
        g = shape(f["geometry"])
        for poly in _parts(g):
            x, y = poly.exterior.xy
            ax.plot(x, y, color="#888888", linewidth=0.5, zorder=1)
        if labels:
            c = g.representative_point()
            ax.text(c.x, c.y, f["properties"]["ADM1_EN"], fontsize=6, color="#666666",
                    ha="center", va="center", zorder=2)


def _places() -> dict[str, tuple[float, float]]:
    with PLACES_PATH.open(encoding="utf-8", newline="") as fh:
        return {r["name"]: (float(r["lon"]), float(r["lat"])) for r in csv.DictReader(fh)}


def render(out: Path = DEFAULT_OUT) -> list[Path]:
    zones = json.loads(ZONES_PATH.read_text(encoding="utf-8"))["features"]
    adm1 = json.loads(ADM1_PATH.read_text(encoding="utf-8"))["features"]
    recipe = {z["id"]: z for z in load_recipe()}
    places = _places()
    out.parent.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    fig, ax = plt.subplots(figsize=(9, 8), dpi=110)
    _draw_adm1(ax, adm1, labels=True)
    for f in zones:
        zid = f["properties"]["id"]
        g = shape(f["geometry"])
        _draw_polygon(ax, g, color=COLOURS[zid], alpha=0.55, zorder=3)
        c = g.representative_point()
        ax.annotate(f"{f['properties']['name_en']}\n{f['properties']['name_ar']}",
                    (c.x, c.y), xytext=(8, 8), textcoords="offset points", fontsize=7,
                    zorder=5)
    ax.set_aspect(1 / 0.82)
    ax.set_title("De-escalation zones, mid-2017 (hand-digitised)", fontsize=10)
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)
    written.append(out)

    for f in zones:
        zid = f["properties"]["id"]
        g = shape(f["geometry"])
        raw = outline_polygon(recipe[zid])
        fig, ax = plt.subplots(figsize=(8, 8), dpi=110)
        _draw_adm1(ax, adm1, labels=False)
        _draw_polygon(ax, g, color=COLOURS[zid], alpha=0.45, zorder=3)
        for poly in _parts(raw):
            x, y = poly.exterior.xy
            ax.plot(x, y, color="black", linewidth=0.7, linestyle="--", zorder=4)
        for v in recipe[zid]["outline"]:
            ax.plot(v["lon"], v["lat"], "k.", markersize=2, zorder=4)
        for name in recipe[zid].get("label_places", []):
            if name in places:
                lon, lat = places[name]
                inside = g.contains(shape({"type": "Point", "coordinates": [lon, lat]}))
                ax.plot(lon, lat, "o", color="black" if inside else "red", markersize=2.5,
                        zorder=6)
                ax.text(lon, lat, f" {name}", fontsize=6, zorder=6,
                        color="black" if inside else "red")
        minx, miny, maxx, maxy = g.bounds
        pad = max(maxx - minx, maxy - miny) * 0.25
        ax.set_xlim(minx - pad, maxx + pad)
        ax.set_ylim(miny - pad, maxy + pad)
        ax.set_aspect(1 / 0.82)
        ax.set_title(f"{f['properties']['name_en']} — {geodesic_area_km2(g):.0f} km² "
                     "(dashed: raw outline; red: town outside)", fontsize=9)
        fig.tight_layout()
        path = out.parent / f"zone-{zid}.png"
        fig.savefig(path)
        plt.close(fig)
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    out = DEFAULT_OUT
    if argv[:1] == ["--out"] and len(argv) == 2:
        out = Path(argv[1])
    elif argv:
        print("usage: python3 scripts/render_zones.py [--out PNG]", file=sys.stderr)
        return 2
    for p in render(out):
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
