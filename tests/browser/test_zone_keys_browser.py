"""A zone on the first page opens from the keyboard (CHANGELOG: "Map: a zone opens from the
keyboard").

A mouse click on a zone (or on the ground it has lost) opens the zone's page: streamlit-folium
reports the clicked shape's feature and ``pages/map.py`` switches page. Tab reaches each shape
(Leaflet 1.9); ``geo.mapping.OPEN_SHAPE_JS`` makes it a link named for a screen reader, and Enter
or Space on it dispatches a click on the shape at a point inside it, which Leaflet and
streamlit-folium handle as a mouse's. Here, in a real Chromium: Tab to Idlib, press Enter (and
Space, in English and Arabic), the Idlib page opens in the page's language; the key is taken (a
Space would scroll); back on the map Enter opens the zone again (the same point clicked twice);
Enter on lost ground opens its zone; and axe-core, run inside the map's frame, accepts the links.
"""

from __future__ import annotations

from typing import Any

import pytest

from geo.mapping import LOST_STYLE
from geo.zones import load_zones
from tests.browser.conftest import ROOT, open_page
from tests.browser.test_accessibility import AXE_JS
from tests.browser.test_dashboard_browser import MAP_FRAME, wait_idle
from tests.browser.test_keyboard import MAP_FRAME_TITLE, query, tab_to

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "artifacts" / "keys"
DAY = "2017-10-15"  # the four zones drawn, no ground lost yet
LOST_DAY = "2019-06-01"  # Idlib's lost ground drawn under it (and Sochi's demilitarised zone)
ZONES = load_zones()

# Every key press that reaches the top of the frame's window, and whether it was taken: a Space
# whose default is not prevented scrolls (where the browser carries the scroll out of the frame
# to the page: in this Chromium the page did not move even then, so the default is checked).
# Kept in the page's window: the frame goes when the zone's page opens.
MARK_KEYS_JS = """() => { window.top.__keys = [];
  window.addEventListener('keydown', e => window.top.__keys.push([e.key, e.defaultPrevented]));
}"""


def zone_name(zone_id: str, lang: str) -> str:
    return str(ZONES.loc[zone_id, "name_ar" if lang == "ar" else "name_en"])


def tab_to_shape(page, name: str, lost: bool = False) -> dict[str, Any]:
    """Tab from the top of the page to the shape named ``name``; it is a link with its name,
    and its tooltip opens."""
    frame = page.frame_locator(MAP_FRAME).first

    def match(d: dict[str, Any]) -> bool:
        if d["frame"] != MAP_FRAME_TITLE or d["tag"] != "path":
            return False
        fill = frame.locator("path:focus").get_attribute("fill")
        return d["name"].startswith(name + ":") and (fill == LOST_STYLE["fillColor"]) == lost

    d = tab_to(page, match)
    assert d["role"] == "link", d
    assert d["focusVisible"], d
    frame.locator(".leaflet-tooltip").first.wait_for(timeout=10_000)
    return d


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def wait_zone_page(page, zone_id: str, lang: str) -> None:
    page.wait_for_function("z => new URLSearchParams(location.search).get('zone') === z"
                           " && location.pathname.endsWith('/zone')", arg=zone_id,
                           timeout=30_000)
    wait_idle(page)
    page.get_by_role("heading", name=zone_name(zone_id, lang), exact=True).wait_for(
        timeout=30_000)
    assert query(page)["zone"] == zone_id


@pytest.mark.parametrize("press", ["Enter", "Space"])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_key_on_a_focused_zone_opens_its_page(page, app_url: str, lang: str,
                                                press: str) -> None:
    open_page(page, app_url, "", lang)
    tab_to_shape(page, zone_name("idlib", lang))
    shot(page, f"idlib-focused-{lang}")
    page.frame_locator(MAP_FRAME).first.locator("body").evaluate(MARK_KEYS_JS)
    page.keyboard.press(press)
    wait_zone_page(page, "idlib", lang)
    shot(page, f"idlib-opened-by-{press.lower()}-{lang}")
    assert query(page)["date"] == DAY
    # The key reached the shape once and was taken (a Space's default would scroll).
    assert page.evaluate("window.__keys") == [[" " if press == "Space" else press, True]]


def test_enter_opens_the_zone_again_after_coming_back(page, app_url: str) -> None:
    """Enter clicks the same point of the shape each time: the second visit's click counts."""
    open_page(page, app_url, "", "en")
    for visit in range(2):
        tab_to_shape(page, "Idlib")
        page.keyboard.press("Enter")
        wait_zone_page(page, "idlib", "en")
        if visit == 0:  # back to the map by its link in the navigation
            page.locator('[data-testid="stSidebarNavLink"]').first.click()
            page.wait_for_function("!location.pathname.endsWith('/zone')", timeout=30_000)
            wait_idle(page)
            page.frame_locator(MAP_FRAME).first.locator(
                "path.leaflet-interactive").nth(3).wait_for(timeout=30_000)
            page.get_by_text("Sources and licences.").first.wait_for(timeout=30_000)


def test_enter_on_lost_ground_opens_its_zone(page, app_url: str) -> None:
    page.goto(f"{app_url}/?lang=en&date={LOST_DAY}")
    page.get_by_text("Sources and licences.").first.wait_for(timeout=60_000)
    wait_idle(page)
    d = tab_to_shape(page, "Idlib", lost=True)
    assert "ground lost" in d["name"].lower(), d
    shot(page, "idlib-lost-focused-en")
    page.keyboard.press("Enter")
    wait_zone_page(page, "idlib", "en")


RUN_AXE_IN_FRAME = """async () => {
  const r = await axe.run(document, {resultTypes: ['violations', 'passes']});
  const bad = r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({id: v.id, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
  const named = r.passes.filter(v => v.id === 'aria-command-name')
    .flatMap(v => v.nodes.map(n => n.target.join(' ')));
  const links = [...document.querySelectorAll('path[role="link"]')].length;
  return {bad, named: named.length, links};
}"""


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_axe_accepts_the_zone_links_in_the_map(page, app_url: str, lang: str) -> None:
    """axe-core in the map's frame (the page-wide run in test_accessibility does not enter it):
    no serious or critical violation, and every zone and lost-ground link has a name."""
    if not AXE_JS.is_file():
        pytest.fail(f"axe-core is not installed ({AXE_JS}): run ./setup.sh --dev")
    page.goto(f"{app_url}/?lang={lang}&date={LOST_DAY}")
    page.get_by_text("Sources and licences." if lang == "en" else "المصادر والتراخيص",
                     exact=False).first.wait_for(timeout=60_000)
    wait_idle(page)
    frame = page.locator(MAP_FRAME).element_handle().content_frame()
    frame.locator("path.leaflet-interactive").nth(4).wait_for(timeout=30_000)
    frame.add_script_tag(path=str(AXE_JS))
    result = frame.evaluate(RUN_AXE_IN_FRAME)
    # Four lost-ground shapes and Idlib (the other zones had ended by then).
    assert result["links"] == 5, result
    assert result["named"] == result["links"], result
    assert result["bad"] == [], result
