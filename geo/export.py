"""Maps you can print or send: a PNG/SVG/PDF drawn by matplotlib, or one offline HTML file.

Plain Python (no Streamlit, no browser, no internet). ``python -m geo export`` is the command
line; the dashboard can call :func:`render_map_image` and :func:`standalone_html` directly.

The static map draws each zone with an *opaque* fill: the status colour of
``geo.mapping.STATUS_STYLE`` mixed with white in a fixed proportion (:func:`zone_fill`), so the
same status always prints the same colour and a test can look for it pixel by pixel.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import math
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from geo import ZONE_IDS

FORMATS: tuple[str, ...] = ("png", "svg", "pdf")
ALL_FORMATS: tuple[str, ...] = (*FORMATS, "html", "geojson")
LANGS: tuple[str, ...] = ("en", "ar")

ATTRIBUTION_LINES: tuple[str, ...] = (
    "Zones: De-escalation Zones Atlas, hand-digitised from cited sources",
    "Boundaries: UN OCHA / UNCS COD-AB, CC BY-IGO",
    "Places: GeoNames, CC BY 4.0",
)
ATTRIBUTION = " · ".join(ATTRIBUTION_LINES)

FONT_FAMILY: list[str] = ["Noto Sans", "Noto Sans Arabic", "DejaVu Sans"]
FILL_WHITE_SHARE = 0.35  # a zone's fill = 65 % status colour + 35 % white (opaque)

# Every word on the exported map comes from geo.i18n, the interface's one translation table.
def _tx(key: str, lang: str, **fmt: Any) -> str:
    from geo.i18n import t

    return t(key, lang, **fmt)


# --------------------------------------------------------------------------- small helpers


def long_date(day: dt.date, lang: str = "en") -> str:
    """``15 October 2017``; in Arabic ``١٥ تشرين الأول (أكتوبر) ٢٠١٧``, as in the interface."""
    from geo.i18n import format_date

    return format_date(day, lang)


def zone_fill(status: str) -> tuple[float, float, float]:
    """The opaque RGB (0–1) fill of a zone with this status: its colour lightened with white."""
    from matplotlib.colors import to_rgb

    from geo.mapping import STATUS_STYLE

    r, g, b = to_rgb(STATUS_STYLE.get(status, STATUS_STYLE["none"])["color"])
    w = FILL_WHITE_SHARE
    return (r * (1 - w) + w, g * (1 - w) + w, b * (1 - w) + w)


def km_per_degree_lon(lat: float) -> float:
    """Kilometres in one degree of longitude at latitude ``lat`` (WGS84 sphere approximation)."""
    return 111.32 * math.cos(math.radians(lat))


def nice_scale_km(map_width_km: float) -> int:
    """A round scale-bar length of roughly a fifth of the map's width."""
    target = map_width_km / 5
    for n in (200, 100, 50, 25, 20, 10, 5, 2, 1):
        if n <= target:
            return n
    return 1


def _check_zone(zone_id: str | None) -> None:
    if zone_id is not None and zone_id not in ZONE_IDS:
        raise ValueError(f"unknown zone id {zone_id!r}; the zones are: {', '.join(ZONE_IDS)}")


def _check_args(fmt: str, lang: str, dpi: int) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown image format {fmt!r}; use one of: {', '.join(FORMATS)}")
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; use one of: {', '.join(LANGS)}")
    if not 30 <= int(dpi) <= 1200:
        raise ValueError(f"dpi {dpi} is out of range (30–1200)")


# --------------------------------------------------------------------------- the static map


def _draw_geoms(ax: Any, geoms: Any, **kwargs: Any) -> None:
    """Draw (Multi)Polygons as patches without geopandas' plotting (keeps styles exact)."""
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MplPath

    for geom in geoms:
        if geom is None or geom.is_empty:
            continue
        polys = list(geom.geoms) if geom.geom_type == "MultiPolygon" else [geom]
        for poly in polys:
            verts: list[tuple[float, float]] = []
            codes: list[int] = []
            for ring in (poly.exterior, *poly.interiors):
                xy = list(ring.coords)
                verts += xy
                codes += [MplPath.MOVETO] + [MplPath.LINETO] * (len(xy) - 2) + [MplPath.CLOSEPOLY]
            ax.add_patch(PathPatch(MplPath(verts, codes), **kwargs))


def _dashes(dash_array: str) -> tuple[float, ...]:
    """A Leaflet ``dashArray`` ("6 4", in pixels) as a matplotlib dash pattern (in points)."""
    return tuple(float(x) * 0.75 for x in dash_array.replace(",", " ").split())


def _halo(width: float = 3.0, colour: str = "white") -> list[Any]:
    from matplotlib import patheffects

    return [patheffects.withStroke(linewidth=width, foreground=colour)]


def _scale_bar(ax: Any, x0: float, x1: float, y0: float, y1: float, lang: str) -> None:
    mid_lat = (y0 + y1) / 2
    kpd = km_per_degree_lon(mid_lat)
    width_km = (x1 - x0) * kpd
    n = nice_scale_km(width_km)
    seg_deg = n / kpd / 2  # two alternating halves
    bx = x1 - (x1 - x0) * 0.05 - 2 * seg_deg  # bottom right: outside Syria, nothing to hide
    by = y0 + (y1 - y0) * 0.04
    h = (y1 - y0) * 0.008
    from matplotlib.patches import Rectangle

    for i, colour in enumerate(("#222222", "#ffffff")):
        ax.add_patch(Rectangle((bx + i * seg_deg, by), seg_deg, h, facecolor=colour,
                               edgecolor="#222222", linewidth=0.8, zorder=20))
    from geo.i18n import format_number

    ax.text(bx, by + h * 2.2, format_number(0, lang), ha="center", va="bottom", fontsize=8,
            zorder=20, path_effects=_halo())
    ax.text(bx + 2 * seg_deg, by + h * 2.2, _tx("msg.export_km", lang, n=format_number(n, lang)),
            ha="center", va="bottom", fontsize=8, zorder=20, path_effects=_halo())


def _north_arrow(ax: Any, lang: str) -> None:
    ax.annotate(_tx("ui.export_north", lang), xy=(0.045, 0.965), xytext=(0.045, 0.875),
                xycoords="axes fraction", textcoords="axes fraction", ha="center", va="top",
                fontsize=11, fontweight="bold", zorder=20,
                arrowprops={"arrowstyle": "-|>", "color": "#222222", "lw": 1.5})


def _view_bounds(zones: Any, adm0: Any, zone_id: str | None, box_aspect: float
                 ) -> tuple[float, float, float, float]:
    """(west, east, south, north) of the map, widened so that, drawn with the local
    degrees-to-km correction, it fills an axes box of width/height ``box_aspect`` exactly."""
    if zone_id is None:
        minx, miny, maxx, maxy = adm0.total_bounds
        pad = 0.08
    else:
        minx, miny, maxx, maxy = zones.loc[[zone_id]].geometry.total_bounds
        pad = 0.35 if max(maxx - minx, maxy - miny) > 0.5 else 0.9
    dx, dy = (maxx - minx) * (1 + pad) + 0.06, (maxy - miny) * (1 + pad) + 0.06
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    coslat = math.cos(math.radians(cy))
    if dx * coslat / dy < box_aspect:
        dx = dy * box_aspect / coslat
    else:
        dy = dx * coslat / box_aspect
    return cx - dx / 2, cx + dx / 2, cy - dy / 2, cy + dy / 2


def _zone_label_positions(zones: Any, zone_id: str | None) -> dict[str, tuple[float, float,
                                                                             float, float]]:
    """For each zone: anchor (x, y) and label offset in points (0, 0 = label on the zone)."""
    from geo.zones import zone_areas_km2

    areas = zone_areas_km2(zones)
    out = {}
    for zid in zones.index:
        pt = zones.loc[zid].geometry.representative_point()
        small = zone_id is None and areas[str(zid)] < 3000
        # Small zones are labelled beside themselves (to the east, where the map is empty).
        offset = {"northern-homs": (70.0, 10.0), "eastern-ghouta": (70.0, 26.0),
                  "south": (34.0, -50.0)}.get(str(zid), (50.0, 0.0)) if small else (0.0, 0.0)
        out[str(zid)] = (pt.x, pt.y, *offset)
    return out


def render_map_image(day: dt.date, zone_id: str | None = None, fmt: str = "png",
                     lang: str = "en", dpi: int = 150) -> bytes:
    """The map of all of Syria (or of one zone) on ``day``, coloured by each zone's status.

    Rendered with matplotlib's Agg/SVG/PDF back ends: no browser, no internet. ``fmt`` is
    ``png``, ``svg`` or ``pdf``; ``lang`` ``en`` or ``ar`` (Arabic zone names and title). The
    figure is A4 landscape (11.69 × 8.27 in) with fonts of at least 8 pt. Raises ``ValueError``
    for an unknown zone, format or language.
    """
    _check_zone(zone_id)
    _check_args(fmt, lang, dpi)

    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    from geo.atlas import load_timeline, statuses_on
    from geo.dated_layers import dated_layers_on, load_layer_set
    from geo.mapping import DATED_LAYER_STYLE, STATUS_STYLE
    from geo.zone_versions import load_versions, zones_as_of
    from geo.zones import load_admin1, load_country, load_zones, outline_of

    zones = load_zones()
    adm1 = load_admin1()
    adm0 = load_country()
    statuses = statuses_on(load_timeline(), day)
    # Each zone as it stood on the day; the ground it had lost since the start is hatched.
    versions = load_versions()
    current, lost = zones_as_of(zones, versions, day)
    name_col = "name_ar" if lang == "ar" else "name_en"

    def zone_name(zid: str) -> str:
        name = str(zones.loc[zid].get(name_col) or "")
        return name or str(zones.loc[zid, "name_en"])

    rc = {"font.family": FONT_FAMILY, "font.size": 9, "svg.fonttype": "none",
          "pdf.fonttype": 42, "axes.unicode_minus": False}
    with matplotlib.rc_context(rc):
        fig = Figure(figsize=(11.69, 8.27), dpi=dpi, facecolor="white")
        FigureCanvasAgg(fig)  # no pyplot, no GUI: the Agg canvas (SVG/PDF switch on save)
        box = (0.025, 0.085, 0.62, 0.82)
        ax = fig.add_axes(box)
        box_aspect = (box[2] * 11.69) / (box[3] * 8.27)
        west, east, south, north = _view_bounds(zones, adm0, zone_id, box_aspect)
        mid_lat = (south + north) / 2
        ax.set_aspect(1 / math.cos(math.radians(mid_lat)), adjustable="box")
        ax.set_facecolor("#eef2f5")
        ax.set_xlim(west, east)
        ax.set_ylim(south, north)
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_edgecolor("#666666")
            spine.set_linewidth(0.8)

        _draw_geoms(ax, adm1.geometry, facecolor="#f4f1ea", edgecolor="#9a9a9a",
                    linewidth=0.6, zorder=1)
        for zid in zones.index:
            status = statuses.get(str(zid), "none")
            selected = zone_id is None or zid == zone_id
            edge = STATUS_STYLE.get(status, STATUS_STYLE["none"])["color"]
            _draw_geoms(ax, [lost.loc[zid].geometry], facecolor="none", edgecolor="#8a8a8a",
                        hatch="////", linewidth=0.5, zorder=2)
            _draw_geoms(ax, [current.loc[zid].geometry], facecolor=zone_fill(status),
                        edgecolor=edge, linewidth=1.6 if selected else 0.9, zorder=3)
        # The outline read above is the one the layers' edge bands leave out (read once).
        layer_set = load_layer_set(outline_of(adm0))
        layers = [(layer, shape) for layer, shape in dated_layers_on(day, versions, layer_set)
                  if zone_id is None or layer.zone == zone_id]
        for layer, shape in layers:
            style = DATED_LAYER_STYLE[layer.id]
            _draw_geoms(ax, [shape], facecolor=style["fillColor"], alpha=style["fillOpacity"],
                        edgecolor="none", zorder=3.5)
            _draw_geoms(ax, [shape], facecolor="none", edgecolor=style["color"],
                        linestyle=(0, _dashes(style["dashArray"])), linewidth=1.2, zorder=3.6)
        _draw_geoms(ax, adm0.geometry, facecolor="none", edgecolor="#333333", linewidth=1.4,
                    zorder=4)

        # The aspect adjustment may have widened the limits: read them back.
        ax.apply_aspect()
        x0, x1 = ax.get_xlim()
        y0, y1 = ax.get_ylim()

        # Governorate names: grey, small, under the zone labels.
        gov_col = "ADM1_AR" if lang == "ar" else "ADM1_EN"
        zone_geoms = zones.geometry.union_all()
        for geom, name in zip(adm1.geometry, adm1[gov_col], strict=True):
            pt = geom.representative_point()
            if not (x0 < pt.x < x1 and y0 < pt.y < y1) or zone_geoms.contains(pt):
                continue
            if zone_id is None and name in ("Damascus", "دمشق", "Quneitra", "القنيطرة"):
                continue  # too small to name at country scale
            ax.text(pt.x, pt.y, str(name), fontsize=8, color="#7a7a7a", ha="center",
                    va="center", style="italic" if lang == "en" else "normal", zorder=5,
                    clip_on=True, path_effects=_halo(2.5, "#f4f1ea"))

        for zid, (ax_x, ax_y, ox, oy) in _zone_label_positions(zones, zone_id).items():
            if not (x0 < ax_x < x1 and y0 < ax_y < y1):
                continue
            weight = "bold" if zone_id is None or zid == zone_id else "normal"
            size = 10 if zone_id is None else (12 if zid == zone_id else 9)
            kwargs: dict[str, Any] = {}
            if ox or oy:
                kwargs["arrowprops"] = {"arrowstyle": "-", "color": "#333333", "lw": 0.8,
                                        "shrinkA": 0, "shrinkB": 2}
            ax.annotate(zone_name(zid), xy=(ax_x, ax_y), xytext=(ox, oy),
                        textcoords="offset points", ha="center" if not ox else
                        ("left" if ox > 0 else "right"), va="center", fontsize=size,
                        fontweight=weight, color="#111111", path_effects=_halo(3.5),
                        zorder=10, annotation_clip=True, **kwargs)

        _scale_bar(ax, x0, x1, y0, y1, lang)
        _north_arrow(ax, lang)

        # Title and date.
        date_text = long_date(day, lang)
        if zone_id is None:
            title = _tx("msg.export_title_all", lang, date=date_text)
        else:
            title = _tx("msg.export_title_zone", lang, name=zone_name(zone_id), date=date_text)
        fig.text(0.025 if lang == "en" else 0.975, 0.955, title, fontsize=16,
                 fontweight="bold", ha="left" if lang == "en" else "right", va="center")

        # Legend (right-hand panel).
        present = [s for s in ("proposed", "in-force", "agreed-locally", "ended")]
        if "none" in statuses.values():
            present.append("none")
        handles = []
        for s in present:
            label = _tx(f"status_legend.{s}", lang)
            handles.append(Patch(facecolor=zone_fill(s), edgecolor=STATUS_STYLE[s]["color"],
                                 linewidth=1.4, label=label))
        handles.append(Patch(facecolor="none", edgecolor="#8a8a8a", hatch="////",
                             linewidth=0.5, label=_tx("ui.lost_ground", lang)))
        for layer, _shape in layers:
            style = DATED_LAYER_STYLE[layer.id]
            handles.append(Patch(facecolor=style["fillColor"], alpha=style["fillOpacity"] + 0.3,
                                 edgecolor=style["color"], linestyle="--", linewidth=1.2,
                                 label=_tx(f"ui.layer_{layer.id}", lang)))
        handles.append(Line2D([], [], color="#9a9a9a", lw=0.8,
                              label=_tx("ui.export_governorate", lang)))
        handles.append(Line2D([], [], color="#333333", lw=1.6,
                              label=_tx("ui.export_country", lang)))
        fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.665, 0.9),
                   title=_tx("msg.export_legend", lang, date=date_text), fontsize=9,
                   title_fontsize=10,
                   frameon=False, alignment="left" if lang == "en" else "right",
                   markerfirst=lang == "en", handlelength=2.2, borderaxespad=0)

        # Each zone's status, spelled out (what the colours mean for this day).
        lines = []
        for zid in ([zone_id] if zone_id else zones.index):
            s = statuses.get(str(zid), "none")
            lines.append(f"{zone_name(str(zid))}: {_tx(f'status.{s}', lang)}")
        fig.text(0.665 if lang == "en" else 0.975, 0.58, "\n".join(lines), fontsize=9,
                 ha="left" if lang == "en" else "right", va="top", linespacing=1.6)
        fig.text(0.665 if lang == "en" else 0.975, 0.40, _wrap(_tx("msg.export_note", lang), 46),
                 fontsize=8, color="#444444", ha="left" if lang == "en" else "right", va="top",
                 linespacing=1.4)

        # Attribution (always in English: licence names are cited as published).
        fig.text(0.025, 0.045, "\n".join(ATTRIBUTION_LINES[:1]) + " · " +
                 " · ".join(ATTRIBUTION_LINES[1:]), fontsize=8, color="#333333", ha="left",
                 va="center")
        fig.text(0.025 if lang == "en" else 0.975, 0.02,
                 _tx("msg.export_made_by", lang, date=long_date(day, lang)),
                 fontsize=8, color="#666666", ha="left" if lang == "en" else "right",
                 va="center")

        buf = io.BytesIO()
        metadata: dict[str, Any] = {"Title": title}
        if fmt == "png":
            metadata = {"Title": title, "Description": ATTRIBUTION}
        elif fmt == "pdf":
            metadata = {"Title": title, "Subject": ATTRIBUTION}
        else:
            metadata = {"Title": title, "Description": ATTRIBUTION}
        fig.savefig(buf, format=fmt, dpi=dpi, facecolor="white", metadata=metadata)
    return buf.getvalue()


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width))


# --------------------------------------------------------------------------- offline HTML

_REMOTE = re.compile(r"<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//",
                     re.I)


def remote_references(html_doc: str) -> list[str]:
    """The ``<script>``/``<link>`` tags of ``html_doc`` that would fetch from the internet."""
    return [m.group(0) for m in _REMOTE.finditer(html_doc)]


def standalone_html(day: dt.date, lang: str = "en") -> str:
    """One HTML file that opens offline from disk: Leaflet inlined, zones coloured for ``day``,
    its title and the zones' tooltips in ``lang``.

    Raises ``FileNotFoundError`` when Leaflet has not been installed (run ``./setup.sh``).
    """
    from geo.atlas import load_timeline, statuses_on
    from geo.dated_layers import dated_layers_on, load_layer_set
    from geo.mapping import screen_simplify, standalone_map
    from geo.paths import LEAFLET_DIR
    from geo.zones import load_admin1, load_country, load_zones, outline_of

    js_path, css_path = LEAFLET_DIR / "leaflet.js", LEAFLET_DIR / "leaflet.css"
    missing = [p for p in (js_path, css_path) if not p.is_file()]
    if missing:
        raise FileNotFoundError(
            f"Leaflet is not installed ({', '.join(str(p) for p in missing)} missing); "
            "run ./setup.sh to install the map's browser assets")
    adm1 = load_admin1().set_index("ADM1_PCODE", drop=False)
    from geo.zone_versions import load_versions, zones_as_of

    versions = load_versions()
    current, lost = zones_as_of(load_zones(), versions, day)
    adm0 = load_country()  # drawn, and the outline the layers' edge bands leave out (read once)
    layers = dated_layers_on(day, versions, load_layer_set(outline_of(adm0)))
    html_doc = standalone_map(screen_simplify(adm1, 0.01), adm0, current,
                              statuses_on(load_timeline(), day),
                              js_path.read_text(encoding="utf-8"),
                              css_path.read_text(encoding="utf-8"),
                              title=_tx("msg.export_title_all", lang, date=long_date(day, lang)),
                              lang=lang, lost=lost, layers=layers)
    remote = remote_references(html_doc)
    if remote:
        raise RuntimeError("the exported map would load files from the internet: "
                           + "; ".join(remote[:3]))
    return html_doc


# --------------------------------------------------------------------------- GeoJSON


def zones_geojson(day: dt.date, zone_id: str | None = None) -> dict[str, Any]:
    """The zones as they stood on ``day``: one Feature per zone (``kind`` "zone") with its
    status, the dates and area of the version shown, the change that made it and that version's
    sources, then one Feature per dated layer drawn that day (``kind`` "layer": Sochi's
    demilitarised zone, the M4 corridor) with its dates and sources (schema in
    ``geo/SCHEMA.md``). Raises ``ValueError`` for an unknown zone."""
    from shapely.geometry import mapping

    from geo.atlas import load_timeline, statuses_on
    from geo.build_zones import _round_coords, geodesic_area_km2
    from geo.dated_layers import dated_layers_on
    from geo.zone_versions import load_versions, version_on
    from geo.zones import load_zones

    _check_zone(zone_id)
    zones, versions = load_zones(), load_versions()
    statuses = statuses_on(load_timeline(), day)
    features = []
    for zid in [zone_id] if zone_id else ZONE_IDS:
        v = version_on(versions, zid, day)
        change = None
        if v is not None and v.change_id:
            change = {"id": v.change_id, "kind": v.kind, "places_en": list(v.places_en),
                      "summary_en": v.summary_en, "decided_by": v.decided_by,
                      "date_note": v.date_note}
        geometry = None
        if v is not None and v.geometry is not None:
            m = mapping(v.geometry)
            geometry = {"type": m["type"], "coordinates": _round_coords(m["coordinates"])}
        features.append({"type": "Feature", "properties": {
            "kind": "zone", "id": zid, "name_en": str(zones.loc[zid, "name_en"]),
            "name_ar": str(zones.loc[zid, "name_ar"]), "status": statuses.get(zid, "none"),
            "valid_from": v.valid_from.isoformat() if v else None,
            "valid_to": v.valid_to.isoformat() if v and v.valid_to else None,
            "area_km2": round(v.area_km2, 1) if v else 0.0,
            "change": change, "sources": [dict(s) for s in v.sources] if v else [],
        }, "geometry": geometry})
    for layer, shape in dated_layers_on(day, versions):
        if zone_id and layer.zone != zone_id:
            continue
        m = mapping(shape)
        features.append({"type": "Feature", "properties": {
            "kind": "layer", "id": layer.id, "zone": layer.zone, "name_en": layer.name_en,
            "name_ar": _tx(f"ui.layer_{layer.id}", "ar"),
            "valid_from": layer.valid_from.isoformat(),
            "valid_to": layer.valid_to.isoformat() if layer.valid_to else None,
            "in_force_from": layer.in_force_from.isoformat(), "depth_km": layer.depth_km,
            "area_km2": round(geodesic_area_km2(shape), 1), "summary_en": layer.summary_en,
            "date_note": layer.date_note, "sources": [dict(s) for s in layer.sources],
        }, "geometry": {"type": m["type"], "coordinates": _round_coords(m["coordinates"])}})
    return {"type": "FeatureCollection", "as_of": day.isoformat(),
            "attribution": ATTRIBUTION, "features": features}


# --------------------------------------------------------------------------- command line


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse would exit 2 with a usage dump
        raise _UsageError(message)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m geo export",
                description="Export the map of a day as an image (PNG/SVG/PDF) or one offline "
                            "HTML file.")
    p.add_argument("--date", required=True, help="the day, YYYY-MM-DD (2017-05-01…2024-12-31)")
    p.add_argument("--zone", default=None, help=f"one zone: {', '.join(ZONE_IDS)}")
    p.add_argument("--format", dest="fmt", default=None, choices=ALL_FORMATS,
                   help="output format (default: from --out's extension, else png)")
    p.add_argument("--lang", default="en", choices=LANGS, help="label language (images)")
    p.add_argument("--dpi", type=int, default=150, help="resolution of a PNG (default 150)")
    p.add_argument("--out", required=True, help="the file to write")
    return p


def main(argv: Sequence[str]) -> int:
    """``python -m geo export --date 2017-10-15 [--zone idlib] [--format png] --out FILE``."""
    from geo.atlas import parse_day, parse_zone
    from geo.problems import DataError

    def fail(message: str) -> int:
        print(f"geo export: {message}", file=sys.stderr)
        return 1

    try:
        args = _parser().parse_args(list(argv))
    except _UsageError as exc:
        return fail(f"{exc}\n{_parser().format_usage().strip()}")
    day, why = parse_day(args.date)
    if day is None:
        return fail(why or "--date is empty; give a day as YYYY-MM-DD")
    zone_id, why = parse_zone(args.zone)
    if why:
        return fail(why)
    out = Path(args.out)
    fmt = args.fmt or (out.suffix.lower().lstrip(".") if out.suffix.lower().lstrip(".")
                       in ALL_FORMATS else "png")
    if not out.parent.is_dir():
        return fail(f"the folder {out.parent} does not exist")
    if out.is_dir():
        return fail(f"{out} is a folder; give a file name")
    try:
        if fmt == "geojson":
            import json

            data = (json.dumps(zones_geojson(day, zone_id), ensure_ascii=False, indent=1)
                    + "\n").encode("utf-8")
        elif fmt == "html":
            if zone_id is not None:
                return fail("--zone is not supported with --format html (the HTML map shows "
                            "all zones)")
            data = standalone_html(day, args.lang).encode("utf-8")
        else:
            data = render_map_image(day, zone_id, fmt=fmt, lang=args.lang, dpi=args.dpi)
    except DataError as exc:
        return fail("the data could not be loaded:\n" + str(exc))
    except (ValueError, FileNotFoundError, RuntimeError) as exc:
        return fail(str(exc))
    tmp = out.with_name(out.name + ".tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        return fail(f"cannot write {out}: {exc.strerror or exc}")
    print(f"wrote {out} ({fmt}, {len(data):,} bytes)")
    return 0
