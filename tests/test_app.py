"""AppTest of every page: what each shows, query parameters, the date control, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

TIMEOUT = 60
ROOT = Path(__file__).resolve().parent.parent


def run(page: str | None = None, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def markdown_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [t.value for t in at.title] + [h.value for h in at.subheader]
    return "\n".join(parts)


def test_map_page_shows_the_four_zones_and_key_figures() -> None:
    at = run()
    assert at.title[0].value == "De-escalation zones of Syria"
    figures = at.dataframe[0].value
    assert list(figures["zone"]) == ["Idlib", "Northern Homs", "Eastern Ghouta", "South"][
        :len(figures)] or len(figures) == 4
    assert len(figures) == 4
    assert {"status", "area_km2", "governorates", "articles", "monitor_records"} <= set(
        figures.columns)
    assert (figures["area_km2"] > 0).all()


def test_date_control_changes_statuses() -> None:
    at = run(date="2017-06-01")
    early = dict(zip(at.dataframe[0].value["id"], at.dataframe[0].value["status"], strict=True))
    assert early["idlib"] == "proposed"
    at.sidebar.slider[0].set_value(__import__("datetime").date(2018, 6, 1)).run()
    assert not at.exception
    late = dict(zip(at.dataframe[0].value["id"], at.dataframe[0].value["status"], strict=True))
    assert late["eastern-ghouta"] == "ended"


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
    assert "The memorandum's wording" in text
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
    assert all("Eastern Ghouta" in z or "All zones" in z for z in only["zones"])


def test_forces_page_has_matrix_and_quotes() -> None:
    at = run("pages/forces.py")
    matrix = at.dataframe[0].value
    assert "Iran" in " ".join(map(str, matrix.index)) or "iran" in " ".join(map(str, matrix.index))
    records = at.dataframe[1].value
    assert (records["quote"].str.len() > 0).any()


def test_articles_page_search_is_arabic_normalised() -> None:
    at = run("pages/articles.py")
    total = len(at.dataframe[0].value)
    at.text_input[0].set_value("ادلب").run()
    hits = at.dataframe[0].value
    assert 0 < len(hits) <= total
    at.text_input[0].set_value("كلمةلاتوجد").run()
    assert len(at.dataframe[0].value) == 0


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
