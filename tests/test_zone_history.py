"""Issue 11: a zone's history of ground (steps, changes, small multiples), play steps, the
timeline's generated ground events, Sochi's demilitarised zone and the M4 corridor, and the
exported shapes on the dates the issue names."""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from shapely.geometry import Point, shape

from geo import zone_history as zh
from geo import zone_versions as zv
from geo.dated_layers import LayerError, layer_shape, layers_on, load_layers

ROOT = Path(__file__).resolve().parent.parent
D = dt.date.fromisoformat

# GeoNames town centres (lon, lat), as in the reference notes and tests/test_zone_versions.py.
TOWNS = {
    "Sinjar": (37.00472, 35.59011), "Abu al-Duhur": (37.0448, 35.74058),
    "Khan Shaykhun": (36.65095, 35.44208), "Morek": (36.6897, 35.37615),
    "al-Tamanah": (36.74816, 35.45846), "Qalaat al-Madiq": (36.39085, 35.41465),
    "Maarat al-Numan": (36.67693, 35.6483), "Saraqib": (36.80591, 35.86447),
    "Kafranbel": (36.56449, 35.61376), "Huraytan": (37.08527, 36.28861),
    "Idlib": (36.63393, 35.93062), "al-Atarib": (36.82504, 36.13907),
    "Jisr al-Shughur": (36.31983, 35.81418), "Ariha": (36.60964, 35.81374),
    "an-Nashabiyah": (36.48569, 33.51051), "Kafr Batna": (36.37273, 33.51168),
    "Harasta": (36.36515, 33.55869), "Arbin": (36.36635, 33.53719),
    "Douma": (36.4027, 33.57175), "Rastan": (36.73241, 34.92667),
    "Talbiseh": (36.73092, 34.84072), "al-Hirak": (36.30582, 32.74948),
    "al-Jizah": (36.31544, 32.57034), "Bosra al-Sham": (36.48163, 32.5174),
    "Daraa al-Balad": (36.10093, 32.61234), "Inkhil": (36.12828, 33.01809),
    "Nawa": (36.03905, 32.88646),
}

# The five dates: (zone, town, inside?) from the dated reference rows.
EXPORT_CHECKS = {
    "2018-03-01": [("idlib", "Sinjar", False), ("idlib", "Abu al-Duhur", False),
                   ("idlib", "Khan Shaykhun", True), ("idlib", "Saraqib", True),
                   ("eastern-ghouta", "an-Nashabiyah", True),
                   ("eastern-ghouta", "Kafr Batna", True), ("eastern-ghouta", "Douma", True),
                   ("northern-homs", "Rastan", True), ("northern-homs", "Talbiseh", True),
                   ("south", "al-Hirak", True), ("south", "Bosra al-Sham", True),
                   ("south", "Nawa", True)],
    "2018-03-25": [("eastern-ghouta", "an-Nashabiyah", False),
                   ("eastern-ghouta", "Kafr Batna", False),
                   ("eastern-ghouta", "Harasta", False), ("eastern-ghouta", "Arbin", True),
                   ("eastern-ghouta", "Douma", True), ("northern-homs", "Rastan", True),
                   ("idlib", "Maarat al-Numan", True)],
    "2018-07-01": [("eastern-ghouta", "Douma", False), ("northern-homs", "Rastan", False),
                   ("south", "al-Hirak", False), ("south", "al-Jizah", False),
                   ("south", "Bosra al-Sham", False), ("south", "Daraa al-Balad", True),
                   ("south", "Inkhil", True), ("south", "Nawa", True),
                   ("idlib", "Khan Shaykhun", True)],
    "2019-09-01": [("idlib", "Khan Shaykhun", False), ("idlib", "Morek", False),
                   ("idlib", "al-Tamanah", False), ("idlib", "Qalaat al-Madiq", False),
                   ("idlib", "Maarat al-Numan", True), ("idlib", "Saraqib", True),
                   ("idlib", "Kafranbel", True), ("south", "Nawa", False)],
    "2020-04-01": [("idlib", "Maarat al-Numan", False), ("idlib", "Saraqib", False),
                   ("idlib", "Kafranbel", False), ("idlib", "Huraytan", False),
                   ("idlib", "Idlib", True), ("idlib", "al-Atarib", True),
                   ("idlib", "Jisr al-Shughur", True), ("idlib", "Ariha", True)],
}


@pytest.fixture(scope="module")
def versions() -> dict[str, list[zv.Version]]:
    return zv.load_versions()


# --------------------------------------------------------------------------- the export


@pytest.mark.parametrize("day", sorted(EXPORT_CHECKS))
def test_exported_shapes_put_dated_towns_in_or_out(day: str) -> None:
    from geo.export import zones_geojson

    feats = {f["properties"]["id"]: f for f in zones_geojson(D(day))["features"]}
    for zone, town, inside in EXPORT_CHECKS[day]:
        geom = feats[zone]["geometry"]
        got = geom is not None and shape(geom).contains(Point(*TOWNS[town]))
        assert got == inside, f"{town} ({zone}) on {day}: expected inside={inside}"
        assert feats[zone]["properties"]["sources"], f"{zone} on {day} has no sources"


def test_export_command_writes_the_dated_shape(tmp_path: Path) -> None:
    out = tmp_path / "z.geojson"
    proc = subprocess.run([sys.executable, "-m", "geo", "export", "--date", "2019-09-01",
                           "--out", str(out)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    idlib = next(f for f in json.loads(out.read_text())["features"]
                 if f["properties"]["id"] == "idlib")
    assert idlib["properties"]["valid_from"] == "2019-08-30"
    assert not shape(idlib["geometry"]).contains(Point(*TOWNS["Khan Shaykhun"]))


# --------------------------------------------------------------------------- steps and play


def test_area_series_has_one_sourced_step_per_version(versions: dict) -> None:
    s = zh.area_series(versions, "eastern-ghouta")
    assert len(s) == len(versions["eastern-ghouta"]) == 10
    assert list(s["area_km2"]) == sorted(s["area_km2"], reverse=True)  # only losses there
    assert s["area_km2"].iloc[-1] == 0  # ended
    assert all(u.startswith("http") for u in s["url"])
    assert (s["end"] >= s["start"]).all()


def test_step_day_walks_the_change_days(versions: dict) -> None:
    days = zh.change_days(versions)
    assert days == sorted(set(days)) and len(days) >= 30
    assert zh.step_day(versions, D("2017-10-15"), 1) == days[0] == D("2018-01-07")
    assert zh.step_day(versions, D("2017-10-15"), -1) is None
    assert zh.step_day(versions, D("2017-10-15"), 0) is None
    assert zh.step_day(versions, D("2019-09-01"), 0) == D("2019-08-30")
    assert zh.step_day(versions, D("2019-08-30"), 1) == D("2019-12-23")
    assert zh.step_day(versions, D("2019-08-30"), -1) == D("2019-08-23")
    assert zh.step_day(versions, days[-1], 1) is None
    # Stepping forward from the first day visits every change day once, in order.
    seen, day = [], D("2017-05-04")
    while (day := zh.step_day(versions, day, 1)) is not None:
        seen.append(day)
    assert seen == days


def test_step_caption_names_the_change_and_its_source(versions: dict) -> None:
    cap = zh.step_caption(versions, D("2019-09-01"), {"idlib": "Idlib"}, "en")
    assert cap["day"] == D("2019-08-30") and cap["total"] == len(zh.change_days(versions))
    [item] = cap["items"]
    assert "al-Tamanah" in item["what"] and item["outlet"] == "Jusoor for Studies"
    html = zh.caption_html(cap, "en", big=True)
    assert "30 August 2019" in html and "Jusoor for Studies" in html
    assert 'href="https://jusoor.co/' in html and "font-size:28px" in html
    ar = zh.caption_html(zh.step_caption(versions, D("2019-09-01"), {}, "ar"), "ar")
    assert "٣٠ آب (أغسطس) ٢٠١٩" in ar and "المصدر:" in ar
    assert "·" not in ar  # beside an Arabic-Indic number a middle dot reads as the digit zero
    # The zone's own change beside what is left: the pocket "over 1,100 km²" took 180 km²
    # of Idlib (6,459 -> 6,279 km² in the zone versions).
    pocket = zh.step_caption(versions, D("2018-02-10"), {"idlib": "Idlib"}, "en")
    [item] = pocket["items"]
    steps = zh.zone_steps(versions, "idlib")
    k = next(i for i, v in enumerate(steps) if v.valid_from == D("2018-02-10"))
    lost = round(steps[k - 1].area_km2 - steps[k].area_km2)
    assert lost == 180 and item["change"] == "\u2212180"
    assert "zone \u2212180 km², 6,279 km² left" in zh.caption_html(pocket, "en")
    ar = zh.caption_html(zh.step_caption(versions, D("2018-02-10"), {}, "ar"), "ar")
    assert "المنطقة \u2212١٨٠ كم²، بقي منها ٦٬٢٧٩ كم²" in ar
    before = zh.step_caption(versions, D("2017-06-01"), {}, "en")
    assert before["day"] is None and "No zone had lost ground" in zh.caption_html(before, "en")


@pytest.mark.parametrize("day, zone, en, ar", [
    ("2018-01-21", "idlib", "lost: Abu al-Duhur airbase, Abu al-Duhur",
     "خسرت مطار أبو الظهور العسكري، أبو الظهور"),
    ("2018-04-14", "eastern-ghouta", "zone ended: Douma", "انتهت المنطقة في دوما"),
    ("2018-03-31", "eastern-ghouta", "handed over: Arbin, Zamalka, Ain Tarma, Jobar",
     "سُلّمت عربين، زملكا، عين ترما، جوبر"),
    ("2019-05-22", "idlib", "regained: Kafr Nabudah", "استعادت كفرنبودة"),
])
def test_the_play_caption_names_the_places_in_the_readers_language(
        versions: dict, day: str, zone: str, en: str, ar: str) -> None:
    names = {"en": {zone: "Z"}, "ar": {zone: "م"}}
    for lang, want in (("en", en), ("ar", ar)):
        cap = zh.step_caption(versions, D(day), names[lang], lang)
        [item] = cap["items"]
        assert cap["day"] == D(day) and item["what"] == want
        html = zh.caption_html(cap, lang, big=True)
        assert f"<b>{names[lang][zone]}</b>: {want}" in html
        # Said once: an ended zone's line does not add "zone ended" after its places.
        assert html.count(zh.t("ground.ended", lang)) == (1 if "2018-04-14" == day else 0)
    # The first drawing has no places: the kind word alone, in both languages.
    first = zh.zone_steps(versions, zone)[0]
    assert zh.what_changed(first, "ar") == "كما رُسمت أولاً"
    assert zh.what_changed(first, "en") == "as first drawn"


def test_changes_table_sources_every_row(versions: dict) -> None:
    table = zh.changes_table(versions, "south", "en")
    assert len(table) == len(versions["south"])
    assert table["Source"].str.startswith("http").all()
    assert table["Outlet"].str.len().gt(0).all()
    assert "Bosra al-Sham" in " ".join(table["Summary"])


def _shown(view: object) -> list[list[str]]:
    """What ``st.dataframe`` shows of a Styler: its display values, read as Streamlit reads
    them (``streamlit.elements.lib.pandas_styler_utils.marshall_styler``)."""
    view._compute()  # type: ignore[attr-defined]
    body = view._translate(False, False)["body"]  # type: ignore[attr-defined]
    return [[c["display_value"] for c in row if c["type"] == "td"] for row in body]


def test_changes_table_writes_dates_as_the_arabic_interface_and_sorts_by_iso(
        versions: dict) -> None:
    """Arabic shows «١٨ شباط (فبراير) ٢٠١٨» (geo.i18n.format_date, as every Arabic date of the
    interface), English keeps ISO; the cells keep the ISO date and the number, so the table
    sorts by date and by area and its CSV download is machine-readable."""
    from geo.i18n import format_date, t

    for lang in ("ar", "en"):
        table = zh.changes_table(versions, "idlib", lang)
        date, area = t("col.date", lang), t("col.area_after", lang)
        cells = list(table[date])
        assert all(re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", c) for c in cells), cells[:3]
        assert cells == sorted(cells) and "2020-02-17" in cells
        assert table[area].dtype.kind == "f" and table[area].iloc[0] == 6986.4
        shown = _shown(zh.changes_view(table, lang))
        i, j = list(table.columns).index(date), list(table.columns).index(area)
        row = cells.index("2020-02-17")
        if lang == "ar":
            assert shown[row][i] == "١٧ شباط (فبراير) ٢٠٢٠" == format_date(D("2020-02-17"), "ar")
            assert [r[i] for r in shown] == [format_date(D(c), "ar") for c in cells]
            assert shown[0][j] == "٦٬٩٨٦"
            assert not re.search(r"[0-9]", "".join(r[i] + r[j] for r in shown))
            # sorted as words the dates would not be in date order: the cells must stay ISO
            assert sorted(r[i] for r in shown) != [r[i] for r in shown]
        else:
            assert [r[i] for r in shown] == cells and shown[0][j] == "6,986"
    # the view shows, it does not change the (cached, shared) table
    table = zh.changes_table(versions, "south", "ar")
    before = table.copy()
    _shown(zh.changes_view(table, "ar"))
    assert table.equals(before)


def test_facts_give_the_as_of_shape_not_only_2017(versions: dict) -> None:
    import pandas as pd

    facts = pd.DataFrame([("Area", "6,986 km²"), ("Shape represents", "1 July 2017")],
                         columns=["fact", "value"])
    out = dict(zh.version_facts(facts, zv.version_on(versions, "idlib", D("2019-09-01")), "en")
               .itertuples(index=False))
    assert out["This shape holds"] == "30 August 2019 – 22 December 2019"
    assert out["Area on this date"].startswith("5,767 km²")
    assert out["First drawing represents"] == "1 July 2017" and "Shape represents" not in out


def _svgs(html: str) -> list[str]:
    return [base64.b64decode(b).decode() for b in
            re.findall(r'src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"', html)]


def test_small_multiples_draw_each_version_offline(versions: dict) -> None:
    html = zh.small_multiples(versions, "idlib", "en", D("2019-09-01"))
    svgs = _svgs(html)
    assert len(svgs) == len(versions["idlib"]) == html.count('class="zone-step"')
    assert "http" not in html.replace("http://www.w3.org/2000/svg", "")  # nothing to fetch
    # The first drawing: one shape; every change: the first shape, the day's and what moved.
    assert svgs[0].count("<path") == 2  # grey under green, nothing moved yet
    assert all(s.count("<path") == 3 for s in svgs[1:-1])
    assert svgs[-1].count("<path") == 2 and zh.SHAPE_FILL not in svgs[-1]  # ended: no green
    outlined = re.findall(r'data-date="([0-9-]+)" style="[^"]*border:2px solid #111', html)
    assert outlined == ["2019-08-30"]


# --------------------------------------------------------------------------- timeline events


def test_ground_events_are_generated_one_per_change() -> None:
    from geo.atlas import load_timeline
    from geo.timeline import GROUND_KIND, ground_change_events, load_events

    changes = zv.load_changes()
    generated = ground_change_events()
    assert len(generated) == len(changes)
    assert {e.event_id for e in generated} == {f"ground-{c['id']}" for c in changes}
    first = next(e for e in generated if e.event_id == "ground-idlib-2018-01-sinjar")
    assert first.start == D("2018-01-07") and first.kind == GROUND_KIND
    assert first.outlet == "Pakistan Today" and first.url.startswith("https://")
    assert "Sinjar" in first.title_en and not re.search(r"[A-Za-z]", first.title_ar)
    # The Arabic title names the places in Arabic, as the Play caption does.
    assert first.title_ar == "إدلب: خسرت سنجار، قرى غرب سنجار"
    douma = next(e for e in generated if e.event_id == "ground-eastern-ghouta-2018-04-end")
    assert douma.title_ar == "الغوطة الشرقية: انتهت المنطقة في دوما"
    merged = load_timeline()["events"]
    assert len(merged) == len(load_events()) + len(generated)
    assert [e.start for e in merged] == sorted(e.start for e in merged)


# --------------------------------------------------------------------------- dated layers


@pytest.fixture(scope="module")
def country():
    from geo.zones import country_outline

    return country_outline()


def _on(layers, versions, day: str, country) -> dict:
    return {layer.id: geom for layer, geom in layers_on(layers, versions, D(day), country)}


def test_layers_are_drawn_only_on_their_dates(versions: dict, country) -> None:
    layers = load_layers()
    assert set(_on(layers, versions, "2018-09-16", country)) == set()
    assert set(_on(layers, versions, "2018-09-17", country)) == {"sochi-dmz"}
    assert set(_on(layers, versions, "2020-03-04", country)) == {"sochi-dmz"}
    assert set(_on(layers, versions, "2020-03-05", country)) == {"m4-corridor"}
    assert set(_on(layers, versions, "2024-11-26", country)) == {"m4-corridor"}
    assert set(_on(layers, versions, "2024-11-27", country)) == set()  # the zone ended
    for layer in layers:
        assert layer.sources and all(s["url"].startswith("http") for s in layer.sources)


def test_dmz_is_a_band_inside_the_zone_along_the_contact_line(versions: dict,
                                                             country) -> None:
    dmz = _on(load_layers(), versions, "2018-10-15", country)["sochi-dmz"]
    zone = zv.version_on(versions, "idlib", D("2018-10-15")).geometry
    assert dmz.difference(zone).area < 1e-6  # never outside the zone's ground of the day
    # Towns a few km inside the government-facing edge are in the band; the zone's heart, over
    # 15 km from any contact line, is not.
    for town in ("Khan Shaykhun", "Morek", "Jisr al-Shughur"):
        assert dmz.contains(Point(*TOWNS[town])), town
    assert not dmz.contains(Point(*TOWNS["Idlib"]))
    # The Turkish border is not a line of contact: no band along it.
    assert not dmz.contains(Point(36.55, 36.20))  # just inside the border, north of Harem
    later = _on(load_layers(), versions, "2019-09-01", country)["sochi-dmz"]
    assert not later.contains(Point(*TOWNS["Khan Shaykhun"]))  # lost ground leaves the band
    assert later.area < dmz.area


def test_m4_corridor_follows_the_road(versions: dict, country) -> None:
    corridor = _on(load_layers(), versions, "2020-04-01", country)["m4-corridor"]
    for town in ("Ariha", "Jisr al-Shughur"):
        assert corridor.contains(Point(*TOWNS[town])), town
    assert not corridor.contains(Point(*TOWNS["Idlib"]))  # about 13 km north of the road
    assert not corridor.contains(Point(*TOWNS["Saraqib"]))  # government-held by then


def test_broken_layer_file_gives_a_clear_message(tmp_path: Path) -> None:
    text = (ROOT / "geo/digitise/dated_layers.toml").read_text(encoding="utf-8")
    bad = tmp_path / "layers.toml"
    bad.write_text(text.replace('valid_to = "2020-03-04"', 'valid_to = "2018-01-01"'),
                   encoding="utf-8")
    with pytest.raises(LayerError, match="before valid_from"):
        load_layers(bad)
    bad.write_text(text.replace("[TASS-MOSCOW]", "[NOPE]"), encoding="utf-8")
    with pytest.raises(LayerError, match="NOPE"):
        load_layers(bad)
    bad.write_text(text.replace("lon = 36.47210, lat = 35.78735", "lon = 36.47210, lat = 3.578735"),
                   encoding="utf-8")
    with pytest.raises(LayerError, match="not near Syria"):
        load_layers(bad)


def test_an_ended_zone_has_no_layer_ground() -> None:
    [layer] = [x for x in load_layers() if x.id == "m4-corridor"]
    assert layer_shape(layer, None).is_empty


def test_map_draws_when_every_zone_has_ended(versions: dict) -> None:
    """From 27 Nov 2024 no zone has ground: the zones layer is empty, not an error (the play
    control's last step lands there)."""
    from streamlit_folium import _get_feature_group_string

    from geo.mapping import build_map, lost_layer, stabilise, zones_layer
    from geo.paths import ADM0_PATH, ADM1_PATH, ZONES_PATH
    from geo.zones import load_admin1, load_country, load_zones

    current, lost = zv.zones_as_of(load_zones(ZONES_PATH), versions, D("2024-12-01"))
    assert current.geometry.is_empty.all()
    groups = [lost_layer(lost), zones_layer(current, {})]
    stabilise(*groups)
    m = build_map(load_admin1(ADM1_PATH), load_country(ADM0_PATH))
    m.get_root().render()
    strings = [_get_feature_group_string(g, map=m, idx=i) for i, g in enumerate(groups)]
    assert "idlib" in strings[0]  # the whole first shape, faded, as lost ground


def test_validate_reports_dated_layer_problems(tmp_path: Path) -> None:
    from geo.dated_layers import check_layers

    assert check_layers() == []
    text = (ROOT / "geo/digitise/dated_layers.toml").read_text(encoding="utf-8")
    bad = tmp_path / "layers.toml"
    # The corridor's road moved to Damascus: no ground of the Idlib zone within 6 km of it.
    moved = re.sub(r"lat = 35\.(\d+), why", r"lat = 33.\1, why", text)
    bad.write_text(moved, encoding="utf-8")
    [problem] = check_layers(bad)
    assert "m4-corridor" in str(problem) and "no ground" in str(problem)
    bad.write_text(text.replace('kind = "road-band"', 'kind = "road"'), encoding="utf-8")
    assert "kind 'road' is unknown" in str(check_layers(bad)[0])


def test_an_empty_country_outline_is_refused_not_drawn_along(tmp_path: Path) -> None:
    # The DMZ band leaves out the zone's edge along Syria's outline (the Turkish border); with
    # an empty outline it would run along the border. One readable problem instead.
    from geo.problems import DataError
    from geo.zones import country_outline

    empty = tmp_path / "adm0.geojson"
    empty.write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    with pytest.raises(DataError, match="has no features"):
        country_outline(empty)
    assert not country_outline().is_empty


def _outline_file(path: Path, *geometries: dict | None) -> Path:
    features = [{"type": "Feature", "properties": {}, "geometry": g} for g in geometries]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}),
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("geometry", [
    None,  # a feature without geometry
    {"type": "Polygon", "coordinates": [[[36, 33], [37, 34], [38, 35], [36, 33]]]},  # a line
], ids=["null", "collapsed"])
def test_an_outline_with_no_area_is_refused_by_its_one_reader(tmp_path: Path,
                                                             geometry: dict | None) -> None:
    # geo.zones.country_outline serves the zones' clip (build_zones) and the dated layers: an
    # outline with features but no area is the same readable problem for both, not an empty
    # geometry (zones clipped to nothing, bands along the border) nor a traceback.
    from geo import build_zones as bz
    from geo.problems import DataError
    from geo.zones import country_outline

    bad = _outline_file(tmp_path / "adm0.geojson", geometry)
    with pytest.raises(DataError, match="has no polygon with an area"):
        country_outline(bad)
    with pytest.raises(DataError, match="has no polygon with an area"):
        bz.build_collection(country_path=bad)


def test_a_self_intersecting_outline_is_made_valid(tmp_path: Path) -> None:
    # A bow-tie ring (crossing at 37, 34) is made valid, as build_zones did: its two triangles.
    from geo.zones import country_outline

    bowtie = {"type": "Polygon",
              "coordinates": [[[36, 33], [38, 35], [38, 33], [36, 35], [36, 33]]]}
    outline = country_outline(_outline_file(tmp_path / "adm0.geojson", bowtie))
    assert outline.is_valid and outline.area == pytest.approx(2.0)
