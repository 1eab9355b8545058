"""AppTest of every page: what each shows, query parameters, the date control, bad input."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from geo.i18n import t

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


def col(name: str, lang: str = "en") -> str:
    return t(f"col.{name}", lang)


class _TableCells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("th", "td"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def key_figures(at: AppTest) -> pd.DataFrame:
    """The first page's key figures (an escaped HTML table) as a frame indexed by zone name."""
    body = next(h.value for h in at.html if 'class="key-figures"' in h.value)
    parser = _TableCells()
    parser.feed(body)
    header, *rows = parser.rows
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
    assert {col(c) for c in ("status", "area_km2", "governorates", "articles",
                             "monitor_records")} <= set(figures.columns)
    assert (figures[col("area_km2")] > 0).all()
    assert (figures[col("articles")] >= 1).all()


def test_date_control_changes_statuses() -> None:
    at = run(date="2017-06-01")
    assert statuses_shown(at)["Idlib"] == t("status.proposed", "en")
    at.sidebar.slider[0].set_value(__import__("datetime").date(2018, 6, 1)).run()
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
    assert all("Eastern Ghouta" in z or "All zones" in z for z in only[col("zones")])


def test_forces_page_has_matrix_and_quotes() -> None:
    at = run("pages/forces.py")
    matrix = at.dataframe[0].value
    assert "Iran" in " ".join(map(str, matrix.index)) or "iran" in " ".join(map(str, matrix.index))
    records = at.dataframe[1].value
    assert (records[col("quote")].str.len() > 0).any()


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


def test_briefing_steps_through_scenes_and_wraps() -> None:
    at = run("pages/briefing.py")
    assert at.title[0].value == "Four de-escalation zones"
    titles = []
    for _ in range(6):
        at.button(key="next_scene").click().run()
        assert not at.exception
        titles.append(at.title[0].value)
    assert titles[:4] == ["Idlib", "Northern Homs countryside", "Eastern Ghouta",
                          "Southern Syria (Daraa and Quneitra)"]
    assert titles[4] == "How the zones began and ended" and titles[5] == "Four de-escalation zones"
    at.button(key="prev_scene").click().run()
    assert at.title[0].value == "How the zones began and ended"
    assert any("Sources for this scene" in c.value for c in at.caption)


def test_briefing_link_opens_a_scene_and_bad_scene_is_explained() -> None:
    at = run(None, briefing="1", scene="2")
    assert at.title[0].value == "Northern Homs countryside"
    at = run("pages/briefing.py", scene="99")
    assert any("no scene" in w.value for w in at.warning)


@pytest.fixture
def temp_seeds(tmp_path, monkeypatch):
    import shutil

    from geo import paths

    for f in (ROOT / "seeds").iterdir():
        shutil.copy2(f, tmp_path / f.name)
    monkeypatch.setattr(paths, "SEEDS_DIR", tmp_path)
    return tmp_path


def test_add_article_by_paste_previews_then_saves(temp_seeds) -> None:
    before = sorted(p.name for p in temp_seeds.iterdir())
    at = run("pages/add_article.py")
    at.radio[0].set_value("Paste text").run()
    at.text_area[0].set_value("عنوان تجريبي عن الغوطة\nقالت مصادر إن منطقة خفض التصعيد في "
                              "الغوطة الشرقية شهدت هدوءا اليوم الخميس.").run()
    findings = at.dataframe[0].value
    assert "zone eastern-ghouta" in set(findings["finding"])
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
    at = run("pages/add_article.py")
    at.radio[0].set_value("Paste text").run()
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
