"""Every control reachable and usable by keyboard, with a visible focus (issue 13, item 8).

On each page, in English and Arabic, the test presses Tab from the top of the page until focus
comes round again and checks that

* the main controls are reached, in a sensible order: the skip link, the navigation (in the
  order of the pages), the language switch, the "As of" slider and date box and their step
  buttons, then the page's own controls (play buttons, the map's zoom controls, the zone
  selector, the search box, the briefing's Previous/Next, the download buttons);
* every element that takes focus shows it: the element's box is screenshot with focus and
  after a blur, and at least its perimeter's worth of pixels must change colour by 3:1 (a
  one-pixel ring of WCAG's contrast for a focus indicator; Streamlit's own ring, a
  half-transparent red shadow, changes pixels by 2.2:1 and fails).

Then it uses the key controls with the keyboard only: Enter on a navigation link, arrow keys on
the slider, Enter on the step buttons, the language radio, the date box, the zone selector, the
search box, the briefing's keys and buttons, a download button and the map's zoom control.

Inside the map's frame only Leaflet's controls are checked here. The container takes focus
(arrow keys pan the map); its ring is drawn inside the frame by the map's own CSS
(``geo.mapping.MAP_FOCUS_CSS``, tested in tests/test_mapping.py). The governorates no longer
carry a tooltip (they were 14 unnamed tab stops); the zones and the lost ground, tab stops that
show their tooltip (Leaflet 1.9), are named with ``aria-label`` (tests/test_mapping.py).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from geo import ZONE_IDS
from geo.zones import load_zones
from tests.browser.conftest import DAY, open_page, wait_idle
from tests.browser.keyboard_helpers import focused, indicator_change, same_element
from tests.browser.test_dashboard_browser import screenshot

pytestmark = pytest.mark.browser

MAP_FRAME_TITLE = "streamlit_folium.st_folium"
ZONES = load_zones()
MAX_STOPS = 180

Match = Callable[[dict[str, Any]], bool]


def nav(path: str) -> Match:
    return lambda d: d["testid"] == "stSidebarNavLink" and urlparse(d["href"]).path == path


def key(name: str, tag: str | None = None) -> Match:
    return lambda d: d["key"] == name and (tag is None or d["tag"] == tag)


def by_testid(name: str) -> Match:
    return lambda d: d["testid"] == name


def zoom_in(d: dict[str, Any]) -> bool:
    return d["frame"] == MAP_FRAME_TITLE and "leaflet-control-zoom-in" in d["cls"]


def download(word: str) -> Match:
    return lambda d: d["tag"] == "button" and word in d["name"]


SKIP = by_testid("stSkipToContent")
SIDEBAR: list[tuple[str, Match]] = [
    ("skip link", SKIP),
    ("nav Map", nav("/")), ("nav Zone", nav("/zone")), ("nav Timeline", nav("/timeline")),
    ("nav Forces", nav("/forces")), ("nav Articles", nav("/articles")),
    ("nav Briefing", nav("/briefing")), ("nav Add", nav("/add")), ("nav About", nav("/about")),
    ("language switch", key("lang", "input")),
    ("As-of slider", key("as_of_slider", "input")),
    ("As-of date box", key("as_of_input", "span")),
    ("- 1 day", key("as_of_ui-day_back")), ("+ 1 day", key("as_of_ui-day_forward")),
    ("- 1 month", key("as_of_ui-month_back")), ("+ 1 month", key("as_of_ui-month_forward")),
    ("main region", by_testid("stMain")),
]
PAGES: dict[str, list[tuple[str, Match]]] = {
    "": [*SIDEBAR, ("first change", key("play_map_first")), ("next change", key("play_map_next")),
                   ("map zoom in", zoom_in), ("zone selector", key("zone_pick", "input"))],
    "zone?zone=idlib": [*SIDEBAR, ("zone selector", key("zone_select", "input")),
                                  ("map zoom in", zoom_in)],
    "timeline": [*SIDEBAR, ("zone filter", by_testid("stMultiSelectTagsContainer"))],
    "forces": [*SIDEBAR, ("zone filter", key("forces_zones", "input")),
                         ("actor filter", key("forces_actors", "input")),
                         ("stance filter", key("forces_stances", "input"))],
    "articles": [*SIDEBAR, ("search box", key("article_query", "input")),
                           ("zone filter", by_testid("stMultiSelectTagsContainer"))],
    "add": [*SIDEBAR, ("source switch", key("add_source", "input"))],
    "about": [*SIDEBAR, ("GeoJSON download", download("(GeoJSON)")),
              ("CSV download", download("(CSV)"))],
    "briefing?scene=1": [("skip link", SKIP), ("previous scene", key("prev_scene")),
                         ("next scene", key("next_scene")), ("autoplay", key("autoplay", "input")),
                         ("map zoom in", zoom_in)],
    "briefing?scene=7": [("skip link", SKIP), ("previous scene", key("prev_scene")),
                         ("next scene", key("next_scene")), ("autoplay", key("autoplay", "input")),
                         ("first change", key("play_brief_first")),
                         ("next change", key("play_brief_next"))],
}


def checks_indicator(d: dict[str, Any]) -> bool:
    """Inside the map's frame only Leaflet's own controls are measured (see the docstring)."""
    return not d["frame"] or d["tag"] == "a"


def query(page) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def wait_query(page, name: str, value: str) -> None:
    page.wait_for_function(
        "([k, v]) => new URLSearchParams(location.search).get(k) === v", arg=[name, value],
        timeout=30_000)
    wait_idle(page)


def wait_date_leaves(page, day: str) -> str:
    """Wait until the page's date is no longer ``day`` and its run has ended; the new date."""
    page.wait_for_function("day => new URLSearchParams(location.search).get('date') !== day",
                           arg=day, timeout=30_000)
    wait_idle(page)
    return query(page)["date"]


def tab_to(page, match: Match, limit: int = MAX_STOPS, shift: bool = False) -> dict[str, Any]:
    """Press Tab (Shift+Tab) until ``match`` has focus; fails with the stops passed."""
    passed = []
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if shift else "Tab")
        d = focused(page)
        if d is not None and match(d):
            return d
        passed.append(d and (d["key"] or d["testid"] or d["tag"], d["name"][:20]))
    raise AssertionError(f"not reached by keyboard in {limit} stops: {passed}")


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("path", list(PAGES), ids=[p or "map" for p in PAGES])
def test_tab_reaches_the_controls_in_order_with_a_visible_focus(page, app_url: str, path: str,
                                                                 lang: str) -> None:
    open_page(page, app_url, path, lang)
    stops: list[dict[str, Any]] = []
    unseen: list[str] = []
    for _ in range(MAX_STOPS):
        page.keyboard.press("Tab")
        d = focused(page)
        if d is None:  # past the last control (the browser's own bar is next)
            continue
        if stops and same_element(d, stops[0]):
            break
        stops.append(d)
        if d["grid"] >= 0 and len(stops) > 1 and stops[-2]["grid"] == d["grid"]:
            continue  # still in the same data grid: its ring was measured on the way in
        if not d["focusVisible"]:
            unseen.append(f"{d['tag']} {d['key'] or d['testid']} {d['name']!r}: no :focus-visible")
        elif checks_indicator(d):
            changed, needed = indicator_change(page, d)
            if changed < needed:
                unseen.append(f"{d['tag']} {d['key'] or d['testid']} {d['name']!r} "
                              f"{d['frame']}: {changed} px changed by 3:1, {needed} needed")
    else:
        pytest.fail(f"focus did not come round in {MAX_STOPS} Tab presses")
    order = []
    for label, match in PAGES[path]:
        hits = [i for i, d in enumerate(stops) if match(d)]
        order.append((label, hits[0] if hits else None))
    missing = [label for label, i in order if i is None]
    found = [i for _, i in order if i is not None]
    if missing or unseen or found != sorted(found):
        screenshot(page, f"FAILED-keyboard-{lang}-{(path or 'map').replace('?', '_')}")
    assert missing == [], f"not reachable by Tab: {missing}"
    assert found == sorted(found), f"tab order: {order}"
    assert unseen == [], "focus not visible:\n" + "\n".join(unseen)


def day_after(day: str, days: int = 0, months: int = 0) -> str:
    d = dt.date.fromisoformat(day)
    if months:
        m = d.month - 1 + months
        d = d.replace(year=d.year + m // 12, month=m % 12 + 1)
    return (d + dt.timedelta(days=days)).isoformat()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_sidebar_works_from_the_keyboard(page, app_url: str, lang: str) -> None:
    open_page(page, app_url, "", lang)
    # The slider: one day per arrow key. Its track runs left to right in both languages
    # (its first and last days are labelled so in Arabic too): → is a day later.
    tab_to(page, key("as_of_slider", "input"))
    later, earlier = "ArrowRight", "ArrowLeft"
    page.keyboard.press(later)
    wait_query(page, "date", day_after(DAY, days=1))
    page.keyboard.press(earlier)
    wait_query(page, "date", DAY)
    page.keyboard.press(earlier)
    wait_query(page, "date", day_after(DAY, days=-1))
    # The date box: type the day (year, month, day segments); Streamlit takes it when focus
    # leaves the box (Enter does not).
    tab_to(page, key("as_of_input", "span"))
    page.keyboard.type("20180302")
    tab_to(page, lambda d: d["key"] != "as_of_input")
    wait_query(page, "date", "2018-03-02")
    # The step buttons: Enter and Space.
    tab_to(page, key("as_of_ui-month_forward"))
    page.keyboard.press("Enter")
    wait_query(page, "date", "2018-04-02")
    tab_to(page, key("as_of_ui-day_back"), shift=True)
    page.keyboard.press("Space")
    wait_query(page, "date", "2018-04-01")
    # The language switch: an arrow key selects the other language; the day stays.
    tab_to(page, key("lang", "input"), shift=True)
    page.keyboard.press("ArrowRight" if lang == "en" else "ArrowLeft")
    other = "ar" if lang == "en" else "en"
    wait_query(page, "lang", other)
    assert query(page)["date"] == "2018-04-01"
    page.wait_for_function("dir => getComputedStyle(document.querySelector("
                           "'[data-testid=\"stMain\"]')).direction === dir",
                           arg="rtl" if other == "ar" else "ltr", timeout=30_000)
    # A navigation link: Enter opens its page.
    tab_to(page, nav("/timeline"), shift=True)
    page.keyboard.press("Enter")
    page.wait_for_function("location.pathname.endsWith('/timeline')", timeout=30_000)
    wait_idle(page)
    assert query(page)["date"] == "2018-04-01"


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_map_page_controls_work_from_the_keyboard(page, app_url: str, lang: str) -> None:
    open_page(page, app_url, "", lang)
    # The next change of ground (after 15 Oct 2017): Enter moves the date.
    tab_to(page, key("play_map_next"))
    page.keyboard.press("Enter")
    assert wait_date_leaves(page, DAY) > DAY
    # The map's zoom control: Enter zooms in (the scale bar shows a shorter distance).
    frame = page.frame_locator(f'iframe[title="{MAP_FRAME_TITLE}"]').first
    scale = frame.locator(".leaflet-control-scale-line").first
    before = scale.inner_text()
    tab_to(page, zoom_in)
    page.keyboard.press("Enter")
    page.wait_for_function(
        """([title, before]) => {
             const f = document.querySelector(`iframe[title="${title}"]`);
             const s = f && f.contentDocument.querySelector('.leaflet-control-scale-line');
             return s && s.innerText !== before; }""", arg=[MAP_FRAME_TITLE, before],
        timeout=30_000)
    after = scale.inner_text()
    assert int(re.sub(r"\D", "", after)) < int(re.sub(r"\D", "", before)), (before, after)
    # The zone selector: type to filter, arrow down, Enter opens the zone's page.
    tab_to(page, key("zone_pick", "input"))
    page.keyboard.press("ArrowDown")
    page.get_by_role("option").first.wait_for(timeout=30_000)
    page.keyboard.press("Enter")
    page.wait_for_function("location.pathname.endsWith('/zone')", timeout=30_000)
    wait_idle(page)
    zone_id = query(page).get("zone")
    assert zone_id in ZONE_IDS, page.url
    # In the page's language (a page switch in a run reset the language radio to English).
    assert query(page)["lang"] == lang
    name = str(ZONES.loc[zone_id, "name_ar" if lang == "ar" else "name_en"])
    page.get_by_role("heading", name=name, exact=True).wait_for(timeout=30_000)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_search_box_works_from_the_keyboard(page, app_url: str, lang: str) -> None:
    open_page(page, app_url, "articles", lang)
    tab_to(page, key("article_query", "input"))
    page.keyboard.type("إدلب")
    page.keyboard.press("Enter")
    wait_query(page, "q", "إدلب")
    assert page.locator("mark.hit").count() > 0


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_briefing_steps_from_the_keyboard_alone(page, app_url: str, lang: str) -> None:
    open_page(page, app_url, "briefing?scene=1", lang)
    tab_to(page, key("next_scene"))
    page.keyboard.press("Enter")
    wait_query(page, "scene", "2")
    tab_to(page, key("prev_scene"), shift=True)
    page.keyboard.press("Space")
    wait_query(page, "scene", "1")
    # The shortcuts, with focus on a button (not in a text box): → next, ← previous.
    page.keyboard.press("ArrowRight")
    wait_query(page, "scene", "2")
    page.keyboard.press("ArrowLeft")
    wait_query(page, "scene", "1")
    # The changes of ground: ↓ steps to the next change.
    open_page(page, app_url, "briefing?scene=7", lang)
    tab_to(page, key("play_brief_first"))
    page.keyboard.press("Enter")
    first = wait_date_leaves(page, DAY)
    page.keyboard.press("ArrowDown")
    assert wait_date_leaves(page, first) > first


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_download_buttons_work_from_the_keyboard(page, app_url: str, lang: str) -> None:
    open_page(page, app_url, "about", lang)
    tab_to(page, download("(GeoJSON)"))
    with page.expect_download(timeout=30_000) as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename.endswith(".geojson")
    tab_to(page, download("(CSV)"))
    with page.expect_download(timeout=30_000) as info:
        page.keyboard.press("Space")
    assert info.value.suggested_filename.endswith(".csv")
