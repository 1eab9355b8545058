"""Map export: static images drawn by matplotlib, the offline HTML file and the command line."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from geo import ZONE_IDS
from geo.atlas import load_timeline, statuses_on
from geo.export import (
    ATTRIBUTION_LINES,
    km_per_degree_lon,
    long_date,
    nice_scale_km,
    remote_references,
    render_map_image,
    standalone_html,
    zone_fill,
)
from geo.paths import LEAFLET_DIR, ROOT

DAY = dt.date(2017, 10, 15)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _rgb(png: bytes) -> np.ndarray:
    import matplotlib.image as mpimg

    img = mpimg.imread(io.BytesIO(png), format="png")
    return img[..., :3]


def _pixels_near(img: np.ndarray, colour: tuple[float, float, float], tol: float = 0.02) -> int:
    return int((np.abs(img - np.array(colour)).max(axis=-1) <= tol).sum())


@pytest.fixture(scope="module")
def syria_png() -> bytes:
    return render_map_image(DAY)


def test_png_opens_and_is_print_sized(syria_png: bytes) -> None:
    assert syria_png.startswith(PNG_SIGNATURE)
    img = _rgb(syria_png)
    height, width = img.shape[:2]
    assert width > 800 and height > 500
    assert width > height  # landscape


def test_statuses_on_the_day_are_the_expected_ones() -> None:
    statuses = statuses_on(load_timeline(), DAY)
    assert statuses == {"idlib": "in-force", "northern-homs": "agreed-locally",
                        "eastern-ghouta": "agreed-locally", "south": "agreed-locally"}


def test_png_shows_zones_in_their_status_colours(syria_png: bytes) -> None:
    img = _rgb(syria_png)
    green, blue = zone_fill("in-force"), zone_fill("agreed-locally")
    # Idlib (in force) is the biggest zone; the three others are agreed locally.
    assert _pixels_near(img, green) > 2000
    assert _pixels_near(img, blue) > 2000
    # No zone is "proposed" that day: orange appears only as its small legend swatch.
    # (Grey "ended" is not checked: anti-aliased grey boundary lines share its colour.)
    assert _pixels_near(img, zone_fill("proposed")) < 1500


def test_before_the_memorandum_the_map_has_no_in_force_zone() -> None:
    img = _rgb(render_map_image(dt.date(2017, 6, 1), dpi=60))
    # On 1 June 2017 every zone is only "proposed".
    assert _pixels_near(img, zone_fill("in-force")) < 300
    assert _pixels_near(img, zone_fill("proposed")) > 500


def test_zone_fill_is_lightened_status_colour() -> None:
    g = zone_fill("in-force")
    # the in-force green (#006E4F) mixed with white: lighter, same hue order (green > blue > red).
    assert g[1] > g[2] > g[0]
    assert all(0.3 < c < 1.0 for c in g)
    assert zone_fill("in-force") != zone_fill("agreed-locally")


def test_svg_has_text_and_attribution() -> None:
    svg = render_map_image(DAY, fmt="svg").decode("utf-8")
    assert "<svg" in svg
    for line in ATTRIBUTION_LINES:
        assert line in svg
    assert "15 October 2017" in svg
    for name in ("Idlib", "Eastern Ghouta"):
        assert name in svg


def test_svg_draws_and_names_the_dated_layers_of_the_day() -> None:
    import datetime as dt

    from geo.dated_layers import dated_layers_on

    name = "Demilitarised zone (Sochi memorandum, 17 Sep 2018)"
    before = render_map_image(dt.date(2018, 9, 1), fmt="svg").decode("utf-8")
    during = render_map_image(dt.date(2019, 1, 1), fmt="svg").decode("utf-8")
    assert name not in before and name in during
    assert [layer.id for layer, _ in dated_layers_on(dt.date(2019, 1, 1))] == ["sochi-dmz"]
    # the layer's fill colour is drawn (matplotlib writes it in lower case)
    assert "#cc79a7" in during.lower() and "#cc79a7" not in before.lower()


@pytest.mark.parametrize("export", ["svg", "html"])
def test_each_export_reads_the_country_outline_once(monkeypatch: pytest.MonkeyPatch,
                                                    export: str) -> None:
    # The outline is drawn and is the border the dated layers' edge bands leave out: one read
    # serves both (the day has Sochi's band, so the layers do use it). The zones and versions
    # are loaded beforehand: their loaders validate against the outline, reads not counted here.
    import geo.zone_versions
    import geo.zones
    from geo.paths import ADM0_PATH

    zones, versions = geo.zones.load_zones(), geo.zone_versions.load_versions()
    monkeypatch.setattr(geo.zones, "load_zones", lambda: zones)
    monkeypatch.setattr(geo.zone_versions, "load_versions", lambda: versions)
    reads: list[Path] = []
    real = geo.zones.read_text_utf8

    def counting(path: Path | str) -> str:
        reads.append(Path(path))
        return real(path)

    monkeypatch.setattr(geo.zones, "read_text_utf8", counting)
    day = dt.date(2019, 1, 1)
    if export == "svg":
        assert "Sochi" in render_map_image(day, fmt="svg").decode("utf-8")
    else:
        if not (LEAFLET_DIR / "leaflet.js").is_file():
            pytest.fail("Leaflet is not installed: run ./setup.sh")
        standalone_html(day)
    assert reads.count(ADM0_PATH) == 1, reads


def test_pdf_is_a_pdf() -> None:
    pdf = render_map_image(DAY, fmt="pdf", dpi=72)
    assert pdf.startswith(b"%PDF")
    assert len(pdf) > 10_000


def test_zone_view_renders_and_is_zoomed() -> None:
    png = render_map_image(DAY, zone_id="eastern-ghouta", dpi=80)
    assert png.startswith(PNG_SIGNATURE)
    img = _rgb(png)
    # Zoomed on a 115 km² zone, its fill covers much of the map, unlike on the country map.
    whole = _rgb(render_map_image(DAY, dpi=80))
    blue = zone_fill("agreed-locally")
    assert _pixels_near(img, blue) > 3 * _pixels_near(whole, blue)


def test_arabic_title_uses_arabic_names() -> None:
    svg = render_map_image(DAY, fmt="svg", lang="ar").decode("utf-8")
    assert "مناطق خفض التصعيد في سوريا — الوضع في ١٥ تشرين الأول (أكتوبر) ٢٠١٧" in svg
    assert "الغوطة الشرقية" in svg
    # The legend is Arabic too (the scale bar's labels are drawn as outlines, not text).
    assert "سارية المفعول (اتفقت الدول الضامنة على حدودها)" in svg and "حدود المحافظات" in svg
    assert "Governorate" not in svg


def test_arabic_html_map_has_arabic_tooltips_and_title() -> None:
    doc = standalone_html(DAY, "ar")
    assert "<title>مناطق خفض التصعيد في سوريا" in doc and '<html lang="ar">' in doc
    assert json.dumps("الغوطة الشرقية")[1:-1] in doc  # in the zones' GeoJSON, JSON-escaped


@pytest.mark.parametrize("bad", ["nowhere", "Idlib ", "", "all"])
def test_bad_zone_raises_value_error(bad: str) -> None:
    with pytest.raises(ValueError, match="unknown zone id"):
        render_map_image(DAY, zone_id=bad)


def test_bad_format_or_language_raises() -> None:
    with pytest.raises(ValueError, match="format"):
        render_map_image(DAY, fmt="gif")
    with pytest.raises(ValueError, match="language"):
        render_map_image(DAY, lang="fr")


def test_scale_helpers() -> None:
    assert km_per_degree_lon(0) == pytest.approx(111.32)
    assert km_per_degree_lon(35) == pytest.approx(91.2, abs=0.1)
    assert nice_scale_km(650) == 100
    assert nice_scale_km(30) == 5
    assert long_date(DAY) == "15 October 2017"
    assert long_date(DAY, "ar") == "١٥ تشرين الأول (أكتوبر) ٢٠١٧"


def test_remote_reference_check_finds_cdn_tags() -> None:
    assert remote_references('<script src="https://cdn.example/x.js"></script>')
    assert remote_references("<link rel='stylesheet' href='//cdn.example/x.css'>")
    assert not remote_references("<script>var u = 'https://example.org';</script>")


@pytest.mark.skipif(not (LEAFLET_DIR / "leaflet.js").is_file(),
                    reason="static/vendor/leaflet is missing: run ./setup.sh (CI installs it)")
def test_standalone_html_is_offline_and_has_the_zones() -> None:
    doc = standalone_html(DAY)
    tags = re.findall(r"<(?:script|link)\b[^>]*>", doc, flags=re.I)
    assert tags, "expected script tags"
    assert not [t for t in tags if "http://" in t or "https://" in t]
    assert "/app/static" not in doc  # Leaflet inlined, not served
    for zid in ZONE_IDS:
        assert f'"{zid}"' in doc
    assert "L.map(" in doc or "L.map (" in doc


def test_standalone_html_draws_the_dated_layers_of_the_day() -> None:
    import datetime as dt

    from geo.mapping import DATED_LAYER_STYLE

    dmz = DATED_LAYER_STYLE["sochi-dmz"]["color"]
    assert dmz not in standalone_html(dt.date(2018, 9, 1))
    during = standalone_html(dt.date(2019, 1, 1), lang="en")
    assert dmz in during and "Demilitarised zone (Sochi memorandum" in during
    assert DATED_LAYER_STYLE["m4-corridor"]["color"] in standalone_html(dt.date(2020, 4, 1))


def test_standalone_html_without_leaflet_says_run_setup(monkeypatch: pytest.MonkeyPatch,
                                                        tmp_path: Path) -> None:
    import geo.paths

    monkeypatch.setattr(geo.paths, "LEAFLET_DIR", tmp_path / "nothing")
    with pytest.raises(FileNotFoundError, match=r"\./setup\.sh"):
        standalone_html(DAY)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "geo", "export", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=180)


def test_cli_writes_a_png(tmp_path: Path) -> None:
    out = tmp_path / "map.png"
    r = _cli("--date", "2017-10-15", "--zone", "idlib", "--dpi", "60", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert out.read_bytes().startswith(PNG_SIGNATURE)


def test_cli_format_from_extension(tmp_path: Path) -> None:
    out = tmp_path / "map.svg"
    r = _cli("--date", "2017-10-15", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert "<svg" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("args, message", [
    (("--date", "2017-13-45"), "not a day of the calendar"),
    (("--date", "15/10/2017"), "not a date"),
    (("--date", "2030-01-01"), "outside"),
    (("--date", "2017-10-15", "--zone", "aleppo"), "no zone"),
    (("--date", "2017-10-15", "--format", "gif"), "invalid choice"),
    (("--zone", "idlib"), "required"),
])
def test_cli_bad_input_exits_1_without_traceback(tmp_path: Path, args: tuple[str, ...],
                                                 message: str) -> None:
    out = tmp_path / "map.png"
    r = _cli(*args, "--out", str(out))
    assert r.returncode == 1
    assert "Traceback" not in r.stderr + r.stdout
    assert message in r.stderr
    assert not out.exists()


def test_cli_missing_folder_exits_1(tmp_path: Path) -> None:
    r = _cli("--date", "2017-10-15", "--out", str(tmp_path / "no" / "map.png"))
    assert r.returncode == 1
    assert "does not exist" in r.stderr
    assert "Traceback" not in r.stderr
