"""AppTest of every page: what each shows, query parameters, the date control, bad input."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from geo.i18n import format_number, t
from tests.app_helpers import ROOT, run, table_rows


def markdown_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [t.value for t in at.title] + [h.value for h in at.subheader]
    return "\n".join(parts)


def col(name: str, lang: str = "en") -> str:
    return t(f"col.{name}", lang)


def key_figures(at: AppTest) -> pd.DataFrame:
    """The first page's key figures (an escaped HTML table) as a frame indexed by zone name."""
    body = next(h.value for h in at.html if 'class="key-figures"' in h.value)
    header, *rows = table_rows(body)
    df = pd.DataFrame(rows, columns=header).set_index(header[0])
    for name in df.columns:
        if df[name].str.fullmatch(r"-?\d+").all():
            df[name] = df[name].astype(int)
    return df


def statuses_shown(at: AppTest, lang: str = "en") -> dict[str, str]:
    df = key_figures(at)
    return dict(zip(df.index, df[col("status", lang)], strict=True))


def test_map_page_shows_the_four_zones_and_key_figures() -> None:
    at = run()
    assert at.title[0].value == "De-escalation zones of Syria"
    figures = key_figures(at)
    assert figures.index.name == col("zone")
    assert list(figures.index) == ["Idlib", "Northern Homs countryside", "Eastern Ghouta",
                                          "Southern Syria (Daraa and Quneitra)"]
    assert {col(c) for c in ("status", "area_km2", "governorates", "articles_about",
                             "articles_weak", "monitor_records")} <= set(figures.columns)
    assert (figures[col("area_km2")] > 0).all()
    assert figures[col("articles_about")].str.fullmatch(
        r"[1-9]\d* \(\d+ strong, \d+ medium\)").all()


def test_date_control_changes_statuses() -> None:
    at = run(date="2017-06-01")
    assert statuses_shown(at)["Idlib"] == t("status.proposed", "en")
    at.sidebar.select_slider[0].set_value(__import__("datetime").date(2018, 6, 1)).run()
    assert not at.exception
    assert statuses_shown(at)["Eastern Ghouta"] == t("status.ended", "en")


def test_arabic_interface_translates_the_map_page() -> None:
    at = run(lang="ar", date="2017-10-15")
    assert at.title[0].value == t("ui.title_map", "ar")
    shown = statuses_shown(at, "ar")
    assert shown[t("zone.idlib", "ar")] == t("status.in-force", "ar")
    assert "١٥" in at.caption[0].value  # Arabic-Indic digits in the date
    at.sidebar.radio[0].set_value("en").run()
    assert at.title[0].value == "De-escalation zones of Syria"


def test_malformed_date_gives_a_friendly_warning() -> None:
    at = run(date="31/13/2017")
    assert any("not a date" in w.value for w in at.warning)


def test_unknown_parameter_is_named_not_fatal() -> None:
    at = run(colour="<script>")
    assert any("colour" in i.value for i in at.info)


@pytest.mark.parametrize("zone_id", ["idlib", "northern-homs", "eastern-ghouta", "south"])
def test_zone_page_shows_facts_timeline_forces_articles(zone_id: str) -> None:
    at = run("pages/zone.py", zone=zone_id)
    assert at.selectbox[0].value == zone_id
    text = markdown_text(at)
    html = " ".join(h.proto.body for h in at.get("html"))
    assert "The memorandum&#x27;s wording" in html or "The memorandum's wording" in html
    for heading in ("Timeline", "Monitor forces proposed or deployed",
                    "Articles that mention this zone"):
        assert heading in text


def test_unknown_zone_id_is_explained() -> None:
    at = run("pages/zone.py", zone="atlantis")
    assert any("no zone" in w.value.lower() for w in at.warning)


def test_timeline_page_filters_by_zone() -> None:
    at = run("pages/timeline.py")
    full = at.dataframe[0].value
    at.multiselect[0].set_value(["eastern-ghouta"]).run()
    only = at.dataframe[0].value
    assert 0 < len(only) < len(full)
    assert all("Eastern Ghouta" in z or "All zones" in z for z in only[col("zones")])


def test_forces_page_has_matrix_and_quotes() -> None:
    at = run("pages/forces.py")
    matrix = at.dataframe[0].value
    assert "Iran" in " ".join(map(str, matrix.index)) or "iran" in " ".join(map(str, matrix.index))
    records = at.dataframe[1].value
    assert (records[col("quote")].str.len() > 0).any()


def test_articles_page_search_is_arabic_normalised() -> None:
    at = run("pages/articles.py")
    assert len(at.dataframe[0].value) == 5
    for spelling in ("ادلب", "لإدلب", "وادلب", "Idlib"):
        at.text_input[0].set_value(spelling).run()
        hits = at.dataframe[0].value
        # Exactly the three seeds that name Idlib in their body (000, 003, 004), best first.
        assert sorted(hits[col("id")].str[:3]) == ["000", "003", "004"], spelling
        assert at.query_params["q"] == spelling
    at.text_input[0].set_value("كلمةلاتوجد").run()
    assert not at.dataframe, "an empty result shows no empty table"
    assert [i.value for i in at.info] == [t("msg.no_results_for", "en", query="كلمةلاتوجد")]


def test_search_query_from_the_link_is_kept() -> None:
    at = run("pages/articles.py", q="الغوطة الشرقية")
    assert at.text_input[0].value == "الغوطة الشرقية"
    assert sorted(at.dataframe[0].value[col("id")].str[:3]) == ["000", "003", "004"]


def test_article_reader_via_query_parameter() -> None:
    at = run("pages/articles.py", article="004_e62c1ba707bd6d3d")
    assert at.selectbox[0].value == "004_e62c1ba707bd6d3d"
    assert any("Published" in m.value for m in at.markdown)


def test_unknown_article_id_is_explained() -> None:
    at = run("pages/articles.py", article="../../etc/passwd")
    assert any("no article" in w.value.lower() for w in at.warning)


def test_about_page_offers_downloads() -> None:
    at = run("pages/about.py")
    text = markdown_text(at)
    assert "CC BY-IGO" in text and "GeoNames" in text
    assert len(at.get("download_button")) == 4


def test_briefing_steps_through_scenes_and_wraps() -> None:
    at = run("pages/briefing.py")
    assert at.title[0].value == "Four de-escalation zones"
    titles = []
    for _ in range(7):
        at.button(key="next_scene").click().run()
        assert not at.exception
        titles.append(at.title[0].value)
    assert titles[:4] == ["Idlib", "Northern Homs countryside", "Eastern Ghouta",
                          "Southern Syria (Daraa and Quneitra)"]
    assert titles[4] == "How the zones began and ended"
    assert titles[5] == "How the zones shrank, change by change"  # issue 11's scene, last
    assert titles[6] == "Four de-escalation zones"
    at.button(key="prev_scene").click().run()
    assert at.title[0].value == "How the zones shrank, change by change"
    assert any("Sources for this scene" in c.value for c in at.caption)


def test_briefing_link_opens_a_scene_and_bad_scene_is_explained() -> None:
    at = run(None, briefing="1", scene="3")  # numbered as the page shows: "Scene 3 of 6"
    assert at.title[0].value == "Northern Homs countryside"
    total = len(next(c for c in at.caption if "scene=" in c.value).value.split("scene=")) - 1
    assert any(t("msg.scene_of", "en", n="3", total=str(total)) in m.value for m in at.markdown)
    assert at.query_params["scene"] == "3"
    at = run("pages/briefing.py", scene="99")
    assert [w.value for w in at.warning] == [t("msg.no_such_scene", "en", n="99",
                                               last=str(total))]
    assert at.title[0].value == "Four de-escalation zones"
    for first_and_last in ("1", str(total)):
        assert not run("pages/briefing.py", scene=first_and_last).warning
    assert run("pages/briefing.py", scene="0").warning  # the first scene is 1, as shown


def test_a_link_to_a_zone_opens_its_page() -> None:
    """``/?zone=idlib`` (the README's example of a link) used to stay on the map, saying
    nothing; it opens the zone's page, on the link's day and in its language."""
    at = run(None, zone="idlib", date="2018-03-01", lang="ar")
    assert not at.exception and not at.warning
    assert at.title[0].value == t("zone.idlib", "ar")
    assert (at.query_params["zone"], at.query_params["date"]) == ("idlib", "2018-03-01")
    at = run(None, zone="nowhere")
    assert [w.value for w in at.warning] == [atlas_zone_message("nowhere")]
    assert at.title[0].value == t("ui.title_map", "en")


def atlas_zone_message(value: str) -> str:
    from geo import atlas

    return atlas.parse_zone(value)[1]


@pytest.fixture
def temp_seeds(tmp_path, monkeypatch):
    import shutil

    from geo import paths

    for f in (ROOT / "seeds").iterdir():
        # The articles and the catalog only: a checkout where the app has run also holds the
        # index (seeds/.atlas/, hidden), which is no article.
        if f.is_file() and not f.name.startswith("."):
            shutil.copy2(f, tmp_path / f.name)
    monkeypatch.setattr(paths, "SEEDS_DIR", tmp_path)
    return tmp_path


def test_add_article_by_paste_previews_then_saves(temp_seeds) -> None:
    before = sorted(p.name for p in temp_seeds.iterdir())
    at = run("pages/add.py")
    at.radio(key="add_source").set_value("paste_text").run()
    at.text_area[0].set_value("عنوان تجريبي عن الغوطة\nقالت مصادر إن منطقة خفض التصعيد في "
                              "الغوطة الشرقية شهدت هدوءا اليوم الخميس.").run()
    findings = at.dataframe[0].value
    assert t("msg.finding_zone", "en", name="Eastern Ghouta") in set(findings[col("finding")])
    assert sorted(p.name for p in temp_seeds.iterdir()) == before, "preview writes nothing"
    at.text_input[0].set_value("Test outlet")
    at.get("form_submit_button")[0].click().run()
    assert not at.exception
    assert any("Saved as" in s.value for s in at.success), [e.value for e in at.error]
    new = sorted(set(p.name for p in temp_seeds.iterdir()) - set(before))
    assert len(new) == 1 and new[0].endswith(".txt")
    assert "Test outlet" in (temp_seeds / "catalog.csv").read_text(encoding="utf-8")


def test_add_article_refuses_a_duplicate_and_writes_nothing(temp_seeds) -> None:
    before = {p.name: p.read_bytes() for p in temp_seeds.iterdir()}
    at = run("pages/add.py")
    at.radio(key="add_source").set_value("paste_text").run()
    at.text_area[0].set_value((ROOT / "seeds" / "004_e62c1ba707bd6d3d.txt").read_text(
        encoding="utf-8")).run()
    at.get("form_submit_button")[0].click().run()
    assert any("Nothing was saved" in e.value and "duplicate" in e.value.lower()
               for e in at.error), [e.value for e in at.error]
    assert {p.name: p.read_bytes() for p in temp_seeds.iterdir()} == before


def test_zone_page_exports_a_png_and_offers_citations() -> None:
    at = run("pages/zone.py", zone="eastern-ghouta", date="2017-10-15")
    codes = [c.value for c in at.code]
    assert any("URL" in c and "“" in c for c in codes), "article citations with their quote"
    at.button(key="export_go_eastern-ghouta").click().run()
    assert not at.exception
    buttons = at.get("download_button")
    assert buttons, "a download appears once the file is prepared"
    assert any("deescalation-eastern-ghouta-2017-10-15.png" in str(b.proto) for b in buttons)


def test_zone_selector_changes_the_zone_and_keeps_it() -> None:
    at = run("pages/zone.py", zone="idlib")
    at.selectbox(key="zone_select").set_value("south").run()
    assert at.title[0].value == "Southern Syria (Daraa and Quneitra)"
    at.run()
    assert at.title[0].value == "Southern Syria (Daraa and Quneitra)"
    at.selectbox(key="zone_select").set_value("eastern-ghouta").run()
    assert at.title[0].value == "Eastern Ghouta"


@pytest.mark.parametrize("page", [None, "pages/zone.py", "pages/timeline.py", "pages/forces.py",
                                  "pages/articles.py", "pages/about.py", "pages/briefing.py",
                                  "pages/add.py"])
def test_every_page_runs_inside_the_frame(page: str | None) -> None:
    """Language, date and footer come from dashboard.py, however the page was reached (AppTest,
    like a fresh server, would otherwise run a file in pages/ on its own)."""
    at = run(page, lang="ar")
    assert any(c.value.startswith(t("msg.footer", "ar")[:20]) for c in at.caption)
    if page != "pages/briefing.py":  # the briefing hides the sidebar, but it is still drawn
        assert at.sidebar.select_slider[0].label == t("ui.as_of", "ar")
    assert len(at.sidebar.radio) == 1


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_broken_zone_file_is_explained_and_the_rest_works(tmp_path, monkeypatch,
                                                            lang: str) -> None:
    from geo import ui

    broken = tmp_path / "zones.geojson"
    broken.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    monkeypatch.setattr(ui, "ZONES_PATH", broken)
    at = run(None, lang=lang)
    assert any(t("msg.cannot_show", lang, what=t("ui.part_zones", lang)) in e.value
               for e in at.error), [e.value for e in at.error]
    if lang == "ar":  # the validator's own words follow, marked as English
        html = " ".join(h.proto.body for h in at.get("html"))
        assert "zones.geojson" in html and t("ui.details_in_english", lang) in html
    else:
        assert any("zones.geojson" in e.value.replace("\\", "") for e in at.error)
    at.switch_page("pages/timeline.py")
    at.run()
    assert not at.exception and len(at.dataframe) == 1


def test_an_edited_data_file_is_picked_up_without_a_restart(tmp_path, monkeypatch) -> None:
    import json
    import os

    from geo import ui

    zones = tmp_path / "zones.geojson"
    zones.write_bytes((ROOT / "geo" / "zones.geojson").read_bytes())
    monkeypatch.setattr(ui, "ZONES_PATH", zones)
    at = run()
    assert "Idlib" in list(key_figures(at).index)
    data = json.loads(zones.read_text(encoding="utf-8"))
    data["features"][0]["properties"]["name_en"] = "Idlib (edited)"
    zones.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    stat = zones.stat()
    os.utime(zones, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    at.run()
    assert "Idlib (edited)" in list(key_figures(at).index)


# --- issue 13: the date never lies ------------------------------------------------------------

def test_date_controls_and_link_agree_after_a_language_switch() -> None:
    import datetime as dt

    at = run(date="2017-10-15")
    at.sidebar.radio[0].set_value("ar").run()
    day = dt.date(2017, 10, 15)
    assert at.sidebar.select_slider[0].value == day
    assert at.sidebar.date_input[0].value == day
    assert at.query_params["date"] == "2017-10-15"
    at.sidebar.date_input[0].set_value(dt.date(2019, 3, 9)).run()
    assert at.sidebar.select_slider[0].value == dt.date(2019, 3, 9)
    assert at.query_params["date"] == "2019-03-09"
    assert "٩ آذار (مارس) ٢٠١٩" in at.caption[0].value
    at.sidebar.select_slider[0].set_value(dt.date(2019, 3, 10)).run()
    assert at.sidebar.date_input[0].value == dt.date(2019, 3, 10)
    at.sidebar.button(key="as_of_ui.month_forward").click().run()
    assert at.query_params["date"] == "2019-04-10"
    at.sidebar.button(key="as_of_ui.day_back").click().run()
    assert at.sidebar.select_slider[0].value == dt.date(2019, 4, 9)
    assert at.sidebar.date_input[0].value == dt.date(2019, 4, 9)


def test_day_steps_keep_to_the_calendar_and_the_atlas_range() -> None:
    import datetime as dt

    from geo import atlas
    from geo.ui import step_day

    assert step_day(dt.date(2018, 1, 31), months=1) == dt.date(2018, 2, 28)
    assert step_day(dt.date(2017, 12, 15), months=1) == dt.date(2018, 1, 15)
    assert step_day(dt.date(2018, 1, 15), months=-1) == dt.date(2017, 12, 15)
    assert step_day(dt.date(2017, 12, 31), days=1) == dt.date(2018, 1, 1)
    assert step_day(atlas.FIRST_DAY, days=-1) == atlas.FIRST_DAY
    assert step_day(atlas.LAST_DAY, months=1) == atlas.LAST_DAY


# --- issue 13: one number everywhere --------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "ar"])
def test_each_zone_shows_the_same_labelled_article_figure_on_every_page(lang: str) -> None:
    """Key figures, the zone page and the article list filtered by the zone show one figure,
    counted once by strength; it is the number of articles the zone page lists."""
    from geo import articles as art
    from geo import paths
    from geo.index import ArticleFilters, open_index

    idx = open_index(paths.SEEDS_DIR)
    if idx.needs_update():
        idx.update()
    counts = art.strength_counts(idx)
    at = run(lang=lang)
    figures = key_figures(at)
    names = {z: t(f"zone.{z}", lang) for z in counts}
    for z, c in counts.items():
        label = art.about_label(c, lang)
        # The count is what the zone page and the list really hold, strongest links included.
        assert art.zone_evidence(idx, z, lang)[1] == art.about_count(c)
        assert idx.list_articles(ArticleFilters((z,), art.ABOUT)).total == art.about_count(c)
        assert figures.loc[names[z], col("articles_about", lang)] == label
        zone = run("pages/zone.py", zone=z, lang=lang)
        assert any(label in cap.value and t("msg.zone_articles_count", lang, n=label,
                                            weak=format_number(c["weak"], lang)) == cap.value
                   for cap in zone.caption), [cap.value for cap in zone.caption]
        listed = run("pages/articles.py", lang=lang)
        listed.multiselect[0].set_value([z]).run()
        assert art.zone_figure(c, names[z], lang) in [cap.value for cap in listed.caption]
    # The seeds hold links of every strength, so the labels are not trivially alike.
    assert {s for c in counts.values() for s in ("strong", "medium", "weak") if c[s]} == \
        {"strong", "medium", "weak"}


# --- issue 13: one title per article -------------------------------------------------------

def test_a_dateline_is_shown_as_a_dateline_with_one_title_everywhere() -> None:
    from geo import articles as art
    from geo import paths
    from geo.citations import cite_article_link
    from geo.corpus import article_title, dateline_title
    from geo.index import ArticleFilters, open_index

    idx = open_index(paths.SEEDS_DIR)
    if idx.needs_update():
        idx.update()
    titles = {r.article_id: r.title for r in idx.list_articles(ArticleFilters(), 1, 50).rows}
    # Seed 003 opens with a dateline; the four others with headlines.
    assert [a for a, title in titles.items() if dateline_title(title)] == ["003_a90b33b46d004e9f"]
    for lang in ("en", "ar"):
        shown = article_title(titles["003_a90b33b46d004e9f"], lang)
        assert shown == t("msg.dateline_title", lang,
                          dateline="دبي- الإمارات العربية المتحدة (ألفة الجامي)")
        table, result = art.article_page(idx, "", ArticleFilters(), 1, {}, lang)
        row = next(r for r in result.rows if r.article_id == "003_a90b33b46d004e9f")
        assert shown in table["title"].tolist()
        assert shown[:70] in art.article_label(row, lang)
        hits = art.search_hits(art.article_page(idx, "كازاخستان", ArticleFilters(
            min_strength="weak"), 1, {}, lang)[1], {}, lang)
        assert any(h["title_md"].replace("\\", "") == shown for h in hits)
        view = art.reader_view(idx, "003_a90b33b46d004e9f", {}, lang)
        assert t("ui.dateline", lang) in view["title_html"]
        assert "article-dateline" in view["title_html"]
        item = art.article_item(idx.record("003_a90b33b46d004e9f"), idx.seeds_dir)
        assert shown in cite_article_link(item, "إدلب", "…", lang)
        evidence, _ = art.zone_evidence(idx, "northern-homs", lang)
        assert shown in [e["title_md"].replace("\\", "") for e in evidence]
    # A headline stays itself.
    view = art.reader_view(idx, "004_e62c1ba707bd6d3d", {}, "en")
    assert "article-title" in view["title_html"] and t("ui.dateline", "en") not in \
        view["title_html"]


# --- issue 13: links that name something unknown say so -----------------------------------

def test_unknown_zone_on_the_map_and_unknown_language_are_named() -> None:
    at = run(zone="atlantis")
    assert [w.value for w in at.warning] == [
        t("msg.no_such_zone", "en", value="atlantis", zones=", ".join(
            ["idlib", "northern-homs", "eastern-ghouta", "south"]))]
    assert not run(zone="idlib").warning
    at = run(lang="fr")
    assert len(at.warning) == 1 and "“fr”" in at.warning[0].value
    assert at.title[0].value == "De-escalation zones of Syria"
    at.run()  # said once, not on every rerun
    assert not at.warning
    assert not run(lang="ar").warning


def test_search_box_follows_the_query_direction_and_an_empty_result_says_so() -> None:
    from geo.i18n import direction_of

    assert direction_of("إدلب police") == "rtl" and direction_of("Idlib إدلب") == "ltr"
    assert direction_of("2017 ") is None

    def box_direction(at: AppTest) -> str | None:
        styles = [h.proto.body for h in at.get("html") if "st-key-article_query" in h.proto.body]
        return styles[-1].split("direction: ")[1].split(";")[0] if styles else None

    at = run("pages/articles.py", lang="en", q="ادلب")
    assert box_direction(at) == "rtl"
    assert at.query_params["q"] == "ادلب"
    at.text_input(key="article_query").set_value("Idlib").run()
    assert box_direction(at) == "ltr"
    at.text_input(key="article_query").set_value("zzzqqq").run()
    assert at.query_params["q"] == "zzzqqq"
    assert [i.value for i in at.info] == [t("msg.no_results_for", "en", query="zzzqqq")]
    assert not at.dataframe  # no empty table under the message


# --- issue 13: the briefing's words ---------------------------------------------------------

def test_briefing_lists_actors_only_for_zones_their_records_name() -> None:
    import datetime as dt

    from geo import atlas
    from geo.paths import ZONES_PATH
    from geo.zones import load_zones, zone_areas_km2

    gdf = load_zones(ZONES_PATH)
    zones = atlas.Part("zones", {"gdf": gdf, "areas": zone_areas_km2(gdf)}, [])
    forces = atlas.load_forces_table()
    day = dt.date(2024, 12, 31)
    for zid in zones.value["gdf"].index:
        named = {t(f"actor.{r.actor}", "en") for r in forces if zid in r.zone_ids
                 and r.stance in ("offered", "proposed") and r.date and r.date <= day}
        lines = atlas.briefing_facts(zones.value, zid, forces, day, "en")
        proposed = [ln for ln in lines if ln.startswith("Monitors offered or proposed")]
        shown = set(proposed[0].split("**")[1].split(", ")) if proposed else set()
        assert shown == named, zid
        for ln in lines:  # "(1 record)", "(3 records)": the count agrees with its noun
            for n, noun in re.findall(r"\((\d+) (records?)\)", ln):
                assert (noun == "record") == (n == "1"), ln
    # An offer for all zones (Kazakhstan's peacekeepers) is not shown under each zone.
    assert any("all" in r.zone_ids and r.actor == "kazakhstan" for r in forces)
    assert all("Kazakhstan" not in ln for zid in zones.value["gdf"].index
               for ln in atlas.briefing_facts(zones.value, zid, forces, day, "en"))


# --- issue 13: the map without its JavaScript ------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "ar"])
def test_missing_map_javascript_is_explained_instead_of_an_empty_frame(
        tmp_path, monkeypatch, lang: str) -> None:
    from geo import paths

    monkeypatch.setattr(paths, "LEAFLET_DIR", tmp_path / "vendor" / "leaflet")
    at = run(lang=lang)
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and "./setup.sh" in errors[0] and "leaflet.js" in errors[0], errors
    assert errors[0].startswith(t("msg.map_js_missing", lang, files="", folder="")[:20])
    assert not at.get("iframe") and not [c for c in at.get("component_instance")]
    # The rest of the page still works: legend, zone picker, key figures.
    assert any('class="key-figures"' in h.value for h in at.html)
    assert at.selectbox(key="zone_pick")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_map_links_to_its_text_alternative(lang: str) -> None:
    at = run(lang=lang)
    assert any("](#key-figures)" in c.value and c.value == t("msg.map_text_alternative", lang)
               for c in at.caption)
    heading = next(h for h in at.subheader if h.value == t("ui.key_figures", lang))
    assert heading.proto.anchor == "key-figures"
    assert any('class="key-figures"' in h.value for h in at.html)


# --- issue 13: housekeeping -----------------------------------------------------------------

def test_no_page_uses_a_deprecated_streamlit_argument() -> None:
    """Streamlit logs a deprecation (``use_container_width`` and others) on each call; no
    page may trigger one, in either language, the briefing's chart scene included."""
    import logging

    seen: list[str] = []

    class Catch(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(record.getMessage())

    logger = logging.getLogger("streamlit.deprecation_util")
    handler = Catch(level=logging.WARNING)
    logger.addHandler(handler)
    try:
        for lang in ("en", "ar"):
            for page in (None, "pages/zone.py", "pages/timeline.py", "pages/forces.py",
                         "pages/articles.py", "pages/about.py", "pages/add.py"):
                run(page, lang=lang)
            run("pages/briefing.py", lang=lang, scene="1")
            run("pages/briefing.py", lang=lang, scene="6")
    finally:
        logger.removeHandler(handler)
    assert seen == []
