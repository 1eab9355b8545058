"""Which zone outline contains a point, in plain Python, or "cannot tell" (then use shapely).

The linker places ~300 gazetteer towns in four zone polygons once per process. Importing
shapely and numpy for that cost more start-up time than linking a few hundred articles, so
the common case is decided here, with the same rule as GEOS's point locator (which
``shapely.contains_xy`` uses on a prepared polygon): count the crossings of a ray from the
point to +x with every ring segment (shells and holes alike), upward edges including their
start and downward edges their end; an odd count is inside, a point on a segment is on the
boundary, which ``contains`` excludes.

The result is only given when it is certain: each orientation is decided by GEOS's own
floating-point filter (Shewchuk's, which returns a sign only when rounding cannot flip it), so
it is the exact sign. A point on or numerically too close to a segment, a non-finite
coordinate, or a geometry that is not a plainly well-formed GeoJSON Polygon/MultiPolygon gives
``None``, and the caller falls back to shapely for the whole assignment.
"""

from __future__ import annotations

import math
from itertools import pairwise
from typing import Any

Segment = tuple[float, float, float, float]
# GEOS's DP_SAFE_EPSILON, the relative error bound of its orientation filter.
_SAFE_EPSILON = 1e-15


def ring_segments(geometry: Any) -> list[Segment] | None:
    """Every ring segment ``(x1, y1, x2, y2)`` of a GeoJSON Polygon or MultiPolygon, or
    ``None`` for anything else or anything shapely might read differently (unclosed or short
    rings, non-numeric or non-finite coordinates, empty parts)."""
    if not isinstance(geometry, dict):
        return None
    kind, coords = geometry.get("type"), geometry.get("coordinates")
    if kind == "Polygon":
        polygons = [coords]
    elif kind == "MultiPolygon" and isinstance(coords, list):
        polygons = coords
    else:
        return None
    segments: list[Segment] = []
    if not polygons:
        return None
    for rings in polygons:
        if not isinstance(rings, list) or not rings:
            return None
        for ring in rings:
            points = _ring_points(ring)
            if points is None:
                return None
            segments += [(*a, *b) for a, b in pairwise(points)]
    return segments


def _ring_points(ring: Any) -> list[tuple[float, float]] | None:
    if not isinstance(ring, list) or len(ring) < 4:
        return None
    points = []
    for pos in ring:
        if (not isinstance(pos, list) or len(pos) not in (2, 3)
                or not all(type(c) in (int, float) and math.isfinite(c) for c in pos)):
            return None
        points.append((float(pos[0]), float(pos[1])))
    return points if points[0] == points[-1] else None


def contains(segments: list[Segment], x: float, y: float) -> bool | None:
    """True if ``(x, y)`` is in the interior, False if outside, None when it lies on the
    boundary or cannot be decided exactly in floating point."""
    if not (math.isfinite(x) and math.isfinite(y)):
        return None
    crossings = 0
    for x1, y1, x2, y2 in segments:
        if x1 < x and x2 < x:
            continue
        if x == x2 and y == y2:
            return None
        if y1 == y and y2 == y:
            if min(x1, x2) <= x <= max(x1, x2):
                return None
            continue
        if (y1 > y and y2 <= y) or (y2 > y and y1 <= y):
            orient = _orientation(x1, y1, x2, y2, x, y)
            if not orient:  # collinear (on the segment) or too close to call
                return None
            if y2 < y1:
                orient = -orient
            if orient > 0:
                crossings += 1
    return crossings % 2 == 1


def _orientation(ax: float, ay: float, bx: float, by: float, cx: float, cy: float) -> int:
    """1 if c is left of a→b, -1 if right, 0 if collinear or undecidable in floating point."""
    detleft = (ax - cx) * (by - cy)
    detright = (ay - cy) * (bx - cx)
    det = detleft - detright
    if detleft > 0.0:
        if detright <= 0.0:
            return _sign(det)
        detsum = detleft + detright
    elif detleft < 0.0:
        if detright >= 0.0:
            return _sign(det)
        detsum = -detleft - detright
    else:
        return _sign(det)
    errbound = _SAFE_EPSILON * detsum
    if det >= errbound or -det >= errbound:
        return _sign(det)
    return 0


def _sign(v: float) -> int:
    return (v > 0.0) - (v < 0.0)
