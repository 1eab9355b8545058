"""The English / Arabic translation table (geo/i18n.py): complete, consistent with the data
vocabularies, and formatting dates and numbers the way each language writes them."""

from __future__ import annotations

import ast
import json
import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from geo import ZONE_IDS, atlas, i18n
from geo.i18n import (
    MESSAGES,
    digits,
    direction,
    format_date,
    format_number,
    join_words,
    label,
    missing_translations,
    placeholder_mismatches,
    t,
    to_arabic_digits,
    translate_table_columns,
)

ROOT = Path(__file__).resolve().parent.parent
ARABIC_LETTER = re.compile("[\u0621-\u064a]")
PREFIXES = ("status.", "status_legend.", "kind.", "force.", "stance.", "actor.", "zone.", "col.",
            "page.", "ui.", "msg.", "mention.", "strength.", "datekind.", "ground.")


# --- completeness -------------------------------------------------------------------------------

def test_every_key_has_english_and_arabic() -> None:
    assert missing_translations() == []
    assert len(MESSAGES) > 150


def test_the_checker_reports_a_label_without_arabic() -> None:
    table = {
        "ui.ok": {"en": "Fine", "ar": "جيد"},
        "ui.no_ar": {"en": "Only English"},
        "ui.blank_ar": {"en": "Blank Arabic", "ar": "   "},
        "ui.no_en": {"ar": "عربي فقط"},
    }
    assert missing_translations(table) == ["ui.no_ar (ar)", "ui.blank_ar (ar)", "ui.no_en (en)"]


def test_both_languages_use_the_same_placeholders() -> None:
    assert placeholder_mismatches() == []
    bad = {"msg.x": {"en": "There is no zone {value}", "ar": "لا توجد منطقة {zone}"}}
    assert len(placeholder_mismatches(bad)) == 1


def test_keys_use_the_agreed_prefixes() -> None:
    assert [k for k in MESSAGES if not k.startswith(PREFIXES)] == []


def test_arabic_strings_contain_arabic_letters() -> None:
    assert [k for k, v in MESSAGES.items() if not ARABIC_LETTER.search(v["ar"])] == []


def test_no_arabic_message_puts_a_middle_dot_beside_a_value() -> None:
    """A value may be a number, and in Arabic-Indic digits a middle dot beside it reads as the
    digit zero (٠): «٢٠١٨ · ٦٬٩٨٦» looks like one number. Source lines use ``join_meta``."""
    beside = re.compile(r"\}\**\s*·|·\s*\**\{")
    assert [k for k, v in MESSAGES.items() if beside.search(v["ar"])] == []


def test_source_lines_separate_parts_without_a_middle_dot_in_arabic() -> None:
    assert i18n.join_meta(["Al Arabiya", "2017-05-29", ""], "en") == "Al Arabiya · 2017-05-29"
    ar = i18n.join_meta(["العربية", digits("2017-05-29", "ar")], "ar")
    assert ar == "العربية | ٢٠١٧-٠٥-٢٩" and "·" not in ar


def test_english_strings_are_not_arabic() -> None:
    # The search hint quotes two Arabic spellings on purpose; nothing else should be Arabic.
    quoting_arabic = {"ui.search_help"}
    assert [k for k, v in MESSAGES.items()
            if k not in quoting_arabic and ARABIC_LETTER.search(v["en"])] == []


# --- every data vocabulary is translated ---------------------------------------------------------

def _schema_list(field: str) -> list[str]:
    """The allowed values of ``field`` as geo/SCHEMA.md lists them (`field` ∈ `a, b, c`)."""
    text = (ROOT / "geo" / "SCHEMA.md").read_text(encoding="utf-8")
    found = re.search(rf"`{re.escape(field)}` ∈ `([^`]+)`", text.replace("\n", " "))
    assert found, f"SCHEMA.md lists no values for {field}"
    return [v.strip() for v in found.group(1).split(",")]


def test_every_status_has_a_short_and_a_legend_label() -> None:
    from geo.mapping import STATUS_STYLE
    from geo.timeline import STATUSES

    assert set(STATUSES) <= set(STATUS_STYLE)
    for status, style in STATUS_STYLE.items():
        assert f"status.{status}" in MESSAGES, status
        assert f"status_legend.{status}" in MESSAGES, status
        # The legend form says what the map legend says today.
        assert t(f"status_legend.{status}", "en") == style["label_en"]


def test_every_event_kind_is_translated() -> None:
    from geo.timeline import KINDS

    assert sorted(k for k in KINDS if f"kind.{k}" not in MESSAGES) == []
    assert set(_schema_list("kind")) == set(KINDS)


@pytest.mark.parametrize(("prefix", "constant", "schema_field"), [
    ("actor", "ACTORS", "actor"),
    ("force", "FORCE_TYPES", "force_type"),
    ("stance", "STANCES", "stance"),
])
def test_every_force_vocabulary_value_is_translated(prefix: str, constant: str,
                                                    schema_field: str) -> None:
    from geo import forces

    values = set(getattr(forces, constant)) | set(_schema_list(schema_field))
    assert sorted(v for v in values if f"{prefix}.{v}" not in MESSAGES) == []


def test_force_tables_word_actors_stances_and_types_in_each_language() -> None:
    from geo.forces import load_forces

    records = load_forces()
    for lang in ("en", "ar"):
        shown = atlas.localise_table(atlas.forces_table(records, None, lang=lang), lang)
        assert set(shown[t("col.who", lang)]) == {t(f"actor.{r.actor}", lang) for r in records}
        assert set(shown[t("col.stance", lang)]) == {t(f"stance.{r.stance}", lang)
                                                     for r in records}
        assert set(shown[t("col.what", lang)]) == {t(f"force.{r.force_type}", lang)
                                                   for r in records}
    matrix = atlas.localise_table(atlas.forces_matrix(records, {}, "ar"), "ar")
    assert t("actor.iran", "ar") in set(matrix.index)
    assert t("zone.all", "ar") in matrix.columns


def test_a_value_the_table_does_not_know_shows_as_written() -> None:
    assert label("actor.", "egypt", "ar") == "egypt"
    assert label("actor.", "iran", "ar") == "إيران"
    assert join_words(["a", "b"], "ar") == "a، b" and join_words(["a", "b"], "en") == "a, b"
    assert digits(2017, "ar") == "٢٠١٧" and digits(2017, "en") == "2017"


def test_every_zone_is_named_as_in_the_zone_file() -> None:
    data = json.loads((ROOT / "geo" / "zones.geojson").read_text(encoding="utf-8"))
    by_id = {f["properties"]["id"]: f["properties"] for f in data["features"]}
    assert set(by_id) == set(ZONE_IDS)
    assert sorted(z for z in ZONE_IDS if f"zone.{z}" not in MESSAGES) == []
    for zid in ZONE_IDS:
        assert t(f"zone.{zid}", "en") == by_id[zid]["name_en"]
        assert t(f"zone.{zid}", "ar") == by_id[zid]["name_ar"]
    assert t("zone.all", "en") == "All zones"
    assert t("zone.all", "ar") == "جميع المناطق"


def test_every_navigation_page_has_a_translated_title() -> None:
    """Each st.Page in dashboard.py takes its title from a page.* key that exists."""
    tree = ast.parse((ROOT / "dashboard.py").read_text(encoding="utf-8"))
    keys, plain = [], []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "Page"):
            continue
        for kw in node.keywords:
            if kw.arg != "title":
                continue
            v = kw.value
            if (isinstance(v, ast.Call) and getattr(v.func, "attr", "") == "T" and v.args
                    and isinstance(v.args[0], ast.Constant)):
                keys.append(v.args[0].value)
            else:
                plain.append(ast.unparse(v))
    assert plain == [], f"untranslated page titles: {plain}"
    assert "page.map" in keys and len(keys) == 8
    assert [k for k in keys if k not in MESSAGES] == []


# --- table columns -----------------------------------------------------------------------------

def _fake_zones() -> dict:
    gdf = pd.DataFrame({
        "name_en": ["Idlib"], "name_ar": ["منطقة إدلب"], "governorates": [["SY07"]],
        "represents_date": ["2017-07-01"], "confidence": ["medium"], "confidence_note": ["n"],
        "digitised_from": ["d"], "citations": [[{"outlet": "o", "url": "https://x"}]],
    }, index=["idlib"])
    return {"gdf": gdf, "areas": {"idlib": 1234.5}}


def _empty_article_page() -> pd.DataFrame:
    import tempfile
    from pathlib import Path

    from geo.articles import article_page
    from geo.index import ArticleIndex

    with tempfile.TemporaryDirectory() as folder:
        idx = ArticleIndex(Path(folder))
        idx.update()
        table = article_page(idx)[0]
        idx.close()
    return table


def _atlas_table_columns() -> set[str]:
    empty_timeline = {"events": [], "status": []}
    frames = [
        atlas.events_table(empty_timeline, list(ZONE_IDS), [], {}),
        atlas.zone_events_table(empty_timeline, "idlib"),
        atlas.zone_lifecycle_table(empty_timeline, "idlib"),
        atlas.forces_table([], None),
        _empty_article_page(),
        atlas.zone_facts(_fake_zones(), "idlib", None),
        atlas.digitisation_table(_fake_zones()),
        atlas.key_figures(_fake_zones(), {}, None, atlas.Part("f"), None),
    ]
    cols = {str(c) for f in frames for c in f.columns}
    # reader_view's findings table needs a linked article; its columns are fixed.
    return cols | {"finding", "text", "detail", "cue", "offsets"}


def test_every_column_of_the_atlas_tables_has_a_header() -> None:
    cols = _atlas_table_columns()
    assert {"area_km2", "monitor_records", "when", "stance", "offsets"} <= cols
    assert sorted(c for c in cols if f"col.{c}" not in MESSAGES) == []
    headers = translate_table_columns(sorted(cols), "ar")
    assert all(ARABIC_LETTER.search(h) for h in headers.values())


def test_translate_table_columns() -> None:
    assert translate_table_columns(["zone", "area_km2"], "en") == {
        "zone": "Zone", "area_km2": "Area (km²)"}
    assert translate_table_columns(["area_km2"], "ar") == {"area_km2": "المساحة (كم²)"}
    with pytest.raises(KeyError, match="no_such_column"):
        translate_table_columns(["zone", "no_such_column"], "en")
    assert translate_table_columns(["zone", "no_such_column"], "ar", strict=False) == {
        "zone": "المنطقة", "no_such_column": "no_such_column"}


# --- t() and direction() -----------------------------------------------------------------------

def test_t_looks_up_and_formats() -> None:
    assert t("page.map", "en") == "Map"
    assert t("page.map", "ar") == "الخريطة"
    assert t("msg.no_such_zone", "en", value="x", zones="a, b") == \
        "There is no zone “x”. The zones are: a, b."
    assert t("msg.no_such_zone", "ar", value="x", zones="a") == \
        "لا توجد منطقة باسم «x». المناطق هي: a."
    assert t("msg.not_a_date", "en", value="2017-13-01") == \
        "“2017-13-01” is not a date in the form YYYY-MM-DD"


def test_t_english_messages_match_what_the_atlas_says_today() -> None:
    """What a reader sees for a bad link, written out (comparing ``t()`` with the ``t()`` call
    the atlas makes compared the message with itself: a reworded or emptied message passed)."""
    assert atlas.parse_zone("nowhere") == (
        None, "There is no zone “nowhere”. The zones are: idlib, northern-homs, eastern-ghouta, "
              "south.")
    assert atlas.parse_zone("nowhere", "ar") == (
        None, "لا توجد منطقة باسم «nowhere». المناطق هي: idlib، northern-homs، eastern-ghouta، "
              "south.")
    assert atlas.parse_day("15/10/2017") == (
        None, "“15/10/2017” is not a date in the form YYYY-MM-DD")
    assert atlas.parse_day("15/10/2017", "ar") == (
        None, "«15/10/2017» ليس تاريخاً بالصيغة YYYY-MM-DD")
    # In the form, but no such day: the message must not blame the form.
    assert atlas.parse_day("2017-02-31") == (None, "“2017-02-31” is not a day of the calendar")
    assert atlas.parse_day("2017-02-31", "ar") == (None, "«2017-02-31» ليس يوماً في التقويم")
    assert atlas.parse_zone("idlib") == ("idlib", "")


def test_t_unknown_language_falls_back_to_english() -> None:
    assert t("page.zone", "fr") == "Zone"
    assert direction("fr") == "ltr"


def test_t_unknown_key_and_missing_argument_raise_clear_errors() -> None:
    with pytest.raises(KeyError, match=r"page\.nowhere"):
        t("page.nowhere", "en")
    with pytest.raises(KeyError, match="zones"):
        t("msg.no_such_zone", "ar", value="x")


def test_direction() -> None:
    assert direction("ar") == "rtl"
    assert direction("en") == "ltr"
    assert i18n.LANGS == ("en", "ar")


# --- formatting --------------------------------------------------------------------------------

def test_format_date() -> None:
    assert format_date(date(2017, 10, 15), "en") == "15 October 2017"
    assert format_date(date(2017, 10, 15), "ar") == "١٥ تشرين الأول (أكتوبر) ٢٠١٧"
    assert format_date(date(2017, 5, 4), "ar") == "٤ أيار (مايو) ٢٠١٧"
    assert format_date(date(2018, 1, 31), "ar") == "٣١ كانون الثاني (يناير) ٢٠١٨"
    assert format_date(date(2018, 12, 1), "ar") == "١ كانون الأول (ديسمبر) ٢٠١٨"
    months_ar = {format_date(date(2017, m, 1), "ar") for m in range(1, 13)}
    assert len(months_ar) == 12
    assert not any(re.search("[0-9]", s) for s in months_ar)


def test_format_number() -> None:
    assert format_number(1234567, "en") == "1,234,567"
    assert format_number(1234567, "ar") == "١٬٢٣٤٬٥٦٧"
    assert format_number(12345.678, "en", decimals=2) == "12,345.68"
    assert format_number(12345.678, "ar", decimals=2) == "١٢٬٣٤٥٫٦٨"
    assert format_number(6023.4, "ar") == "٦٬٠٢٣"
    assert format_number(0, "ar") == "٠"
    assert format_number(-1500, "en") == "-1,500"
    assert format_number(0.5, "ar", decimals=1) == "٠٫٥"
    assert format_number(float("nan"), "en") == "—"
    with pytest.raises(ValueError):
        format_number(1, "en", decimals=-1)


def test_to_arabic_digits() -> None:
    assert to_arabic_digits("2017-10-15") == "٢٠١٧-١٠-١٥"
    assert to_arabic_digits("Astana 6") == "Astana ٦"
    assert to_arabic_digits("٣") == "٣"


def test_the_arabic_timeline_chart_speaks_arabic() -> None:
    """Legend, tooltips and axis of the Altair spec: Arabic words, Levantine months and a label
    expression that writes the axis years in Arabic-Indic digits."""
    import datetime as dt

    timeline = atlas.load_timeline()
    names = {z: t(f"zone.{z}", "ar") for z in ZONE_IDS}
    spec = atlas.timeline_chart(timeline, list(ZONE_IDS), atlas.event_kinds(timeline), names,
                                dt.date(2017, 10, 15), "ar").to_dict()
    assert spec["config"]["locale"]["time"]["months"][9] == "تشرين الأول"
    text = json.dumps(spec, ensure_ascii=False)
    assert "'٢'" in text and "labelExpr" in text
    assert t("status.in-force", "ar") in text and t("col.status", "ar") in text
    assert "In force" not in text and '"title": "Status"' not in text
    english = atlas.timeline_chart(timeline, list(ZONE_IDS), atlas.event_kinds(timeline),
                                   {}, dt.date(2017, 10, 15), "en").to_dict()
    assert "locale" not in english.get("config", {})


def test_the_arabic_area_chart_writes_thousands_as_an_editor_does() -> None:
    # «٧٬٠٠٠ كم²», not «٧,٠٠٠»: the y axis swaps digits and the Latin comma.
    from geo.charts import area_step_chart
    from geo.zone_history import area_series
    from geo.zone_versions import load_versions

    series = area_series(load_versions(), "idlib")
    spec = area_step_chart(series, atlas.FIRST_DAY, "ar").to_dict()
    text = json.dumps(spec, ensure_ascii=False)
    assert "format(datum.value, ',')" in text and "/,/g, '٬'" in text
    english = json.dumps(area_step_chart(series, atlas.FIRST_DAY, "en").to_dict())
    assert "/,/g" not in english
