"""WCAG colour contrast of the zone status colours (issue 13, item 8).

Every status colour is a graphical object (a zone's outline, a legend swatch, a bar of the
timeline chart): WCAG 2.1 SC 1.4.11 asks 3:1 against what it is drawn on, white (the page, the
legend) and the base map's land. Text drawn on a status colour (the zone names of the exported
map, on the zone's fill) needs 4.5:1 (SC 1.4.3). The colours must also stay apart for readers
with the common colour-vision deficiencies: told apart after simulating deuteranopia and
protanopia (Machado, Oliveira and Fernandes 2009, severity 1).
"""

from __future__ import annotations

import itertools
import math

import geopandas as gpd
import pytest

from geo.mapping import STATUS_STYLE, build_map
from geo.paths import ADM0_PATH, ADM1_PATH

WHITE = "#FFFFFF"
# Zone names on the exported map (geo/export.py, ``ax.annotate(..., color="#111111")``).
ZONE_LABEL_TEXT = "#111111"
# The web map fills a zone with its colour at this opacity (0.55 when selected) over the land.
WEB_FILL_OPACITIES = (0.42, 0.55)
# Smallest colour difference (CIE76 Delta E) between two statuses, also after simulation: about
# what tells two flat map areas apart at a glance (the Okabe-Ito green and the old grey were 10
# apart for a deuteranope).
MIN_DELTA_E = 15.0

# Machado et al. 2009, severity 1.0, on linear RGB.
CVD_MATRICES = {
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
}


def rgb(colour: str) -> tuple[int, int, int]:
    h = colour.lstrip("#")
    assert len(h) == 6, colour
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def linear(channel: float) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: tuple[float, float, float]) -> float:
    r, g, b = (linear(c) for c in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def over(colour: str, background: str, alpha: float) -> tuple[float, float, float]:
    """``colour`` at opacity ``alpha`` composited over an opaque ``background``."""
    return tuple(alpha * c + (1 - alpha) * b
                 for c, b in zip(rgb(colour), rgb(background), strict=True))


def lab(linear_rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = linear_rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def seen_as(colour: str, vision: str) -> tuple[float, float, float]:
    lin = tuple(linear(c) for c in rgb(colour))
    if vision != "normal":
        m = CVD_MATRICES[vision]
        lin = tuple(min(1.0, max(0.0, sum(m[i][j] * lin[j] for j in range(3))))
                    for i in range(3))
    return lab(lin)


@pytest.fixture(scope="module")
def land() -> str:
    """The base map's land colour, read from the map the app draws (the governorates' fill)."""
    adm1 = gpd.read_file(ADM1_PATH).set_index("ADM1_PCODE")
    m = build_map(adm1, gpd.read_file(ADM0_PATH))
    fills = {child.style_function({})["fillColor"] for child in m._children.values()
             if getattr(child, "layer_name", "") == "Governorates (OCHA)"}
    assert len(fills) == 1, fills
    return fills.pop()


def test_the_contrast_formula_gives_wcag_reference_values() -> None:
    assert contrast(rgb("#000000"), rgb(WHITE)) == pytest.approx(21.0)
    assert contrast(rgb("#777777"), rgb(WHITE)) == pytest.approx(4.48, abs=0.01)
    assert contrast(rgb("#767676"), rgb(WHITE)) == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("status", sorted(STATUS_STYLE))
def test_status_colour_has_3_to_1_against_white_and_the_land(status: str, land: str) -> None:
    colour = rgb(STATUS_STYLE[status]["color"])
    figures = {"white": contrast(colour, rgb(WHITE)), f"land {land}": contrast(colour, rgb(land))}
    assert min(figures.values()) >= 3.0, (status, STATUS_STYLE[status]["color"], figures)


@pytest.mark.parametrize("status", sorted(STATUS_STYLE))
def test_text_on_a_status_fill_has_4_5_to_1(status: str, land: str) -> None:
    from geo.export import zone_fill

    colour = STATUS_STYLE[status]["color"]
    text = rgb(ZONE_LABEL_TEXT)
    fills = {"export fill": tuple(255 * c for c in zone_fill(status))}
    fills |= {f"web fill {a}": over(colour, land, a) for a in WEB_FILL_OPACITIES}
    figures = {name: round(contrast(text, fill), 2) for name, fill in fills.items()}
    assert min(figures.values()) >= 4.5, (status, colour, figures)


@pytest.mark.parametrize("vision", ["normal", "deuteranopia", "protanopia"])
def test_statuses_stay_apart_with_colour_vision_deficiencies(vision: str) -> None:
    close = []
    for a, b in itertools.combinations(sorted(STATUS_STYLE), 2):
        d = math.dist(seen_as(STATUS_STYLE[a]["color"], vision),
                      seen_as(STATUS_STYLE[b]["color"], vision))
        if d < MIN_DELTA_E:
            close.append((a, b, round(d, 1)))
    assert close == [], close


# --- a zone's history of ground: the area chart and the small multiples -----------------------

def test_zone_history_uses_the_maps_in_force_green() -> None:
    """The area chart's line and the small multiples' shape of the day are the map's "in force"
    green, not the green it replaced (#009E73), in the chart as drawn too."""
    import inspect
    import json

    import shapely

    from geo import zone_history as zh
    from geo.atlas import FIRST_DAY
    from geo.charts import area_step_chart
    from geo.zone_versions import load_versions

    green = STATUS_STYLE["in-force"]["color"]
    assert zh.SHAPE_FILL == green
    assert inspect.signature(area_step_chart).parameters["colour"].default == green
    spec = area_step_chart(zh.area_series(load_versions(), "idlib"), FIRST_DAY).to_dict()
    assert f'"color": "{green}"' in json.dumps(spec) and "#009E73" not in json.dumps(spec)
    svg = zh.shape_svg(shapely.box(0, 0, 2, 2), shapely.box(0, 0, 1, 2),
                       shapely.box(1, 0, 2, 2), "lost")
    assert f'fill="{green}"' in svg and f'fill="{zh.MOVED_RED}"' in svg


def test_zone_history_colours_read_against_what_they_are_drawn_on() -> None:
    """3:1 (WCAG 1.4.11) for the chart's line on white, for the shape of the day on the
    figure's white and on the grey first drawing beneath it (the old green: 2.2:1), and for the
    moved ground on the grey; the moved ground stays apart from the shape of the day with
    deuteranopia and protanopia (the old red beside the new green: 13.6 for a protanope)."""
    from geo import zone_history as zh
    from geo.charts import AREA_LINE

    figures = {
        "chart line / white": contrast(rgb(AREA_LINE), rgb(WHITE)),
        "shape / white": contrast(rgb(zh.SHAPE_FILL), rgb(WHITE)),
        "shape / first drawing": contrast(rgb(zh.SHAPE_FILL), rgb(zh.LOST_FILL)),
    }
    figures |= {f"{kind} / first drawing": contrast(rgb(c), rgb(zh.LOST_FILL))
                for kind, c in zh.MOVED_FILL.items()}
    low = {k: round(v, 2) for k, v in figures.items() if v < 3.0}
    assert low == {}, low
    close = [(kind, vision, round(d, 1)) for kind, c in zh.MOVED_FILL.items()
             for vision in ("normal", "deuteranopia", "protanopia")
             if (d := math.dist(seen_as(c, vision), seen_as(zh.SHAPE_FILL, vision)))
             < MIN_DELTA_E]
    assert close == [], close
