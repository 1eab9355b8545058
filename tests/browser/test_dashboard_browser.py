"""The dashboard in a real headless Chromium: the map draws offline, every page opens, nothing
leaves the local server, and a hostile article's payloads stay text."""

from __future__ import annotations

import pytest

from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.browser

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
PAGES = ["map", "zone?zone=idlib", "zone?zone=south", "timeline", "forces", "articles",
         "articles?article=900_hostile", "about", "zone?zone=atlantis", "map?date=not-a-date"]


def wait_for_app(page) -> None:
    """The footer is written after the page body: once it is there, the page has run."""
    page.wait_for_selector('[data-testid="stApp"]', state="attached", timeout=30_000)
    page.get_by_text("Sources and licences.").wait_for(timeout=30_000)


def zone_paths(page, expected: int = 4):
    frame_el = page.wait_for_selector(MAP_FRAME, state="attached", timeout=30_000)
    frame = frame_el.content_frame()
    frame.wait_for_selector(".leaflet-container", timeout=30_000)
    frame.wait_for_function(
        f"document.querySelectorAll('path.leaflet-interactive').length >= {expected}",
        timeout=30_000)
    return frame


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_first_page_draws_the_four_zones_offline(page, app_url: str) -> None:
    page.goto(f"{app_url}/")
    wait_for_app(page)
    frame = zone_paths(page)
    paths = frame.eval_on_selector_all(
        "path.leaflet-interactive",
        "els => els.map(e => [e.getAttribute('fill'), e.getBBox().width, e.getBBox().height])")
    assert len(paths) == 4, paths
    assert all(w > 2 and h > 2 for _, w, h in paths), "every zone has a visible size"
    box = page.locator(MAP_FRAME).bounding_box()
    assert box and box["height"] > 300
    screenshot(page, "01-map")
    assert page.request_log.outside() == []


@pytest.mark.parametrize("path", PAGES)
def test_every_page_opens_without_an_exception(page, app_url: str, path: str) -> None:
    page.goto(f"{app_url}/{path}")
    wait_for_app(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, "page-" + path.replace("?", "_").replace("=", "-"))
    assert page.request_log.outside() == []


def test_hostile_article_shows_as_text_and_runs_nothing(page, app_url: str) -> None:
    page.goto(f"{app_url}/articles?article=900_hostile")
    wait_for_app(page)
    page.get_by_text("window.top.__pwned", exact=False).first.wait_for(timeout=30_000)
    for el in page.locator("mark").all()[:5]:
        el.hover()
    flags = [f.evaluate("() => window.top.__pwned || null") for f in page.frames]
    assert flags == [None] * len(flags)
    body = page.locator('[data-testid="stMainBlockContainer"]').inner_text()
    assert "<script>" in body and "onerror=" in body and "${" in body
    screenshot(page, "hostile-article")
    assert page.request_log.outside() == []


def test_clicking_a_zone_opens_its_page(page, app_url: str) -> None:
    page.goto(f"{app_url}/")
    wait_for_app(page)
    frame = zone_paths(page)
    # A real mouse click at the centre of the first zone drawn (Idlib, the largest).
    box = frame.locator("path.leaflet-interactive").first.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.get_by_role("heading", name="Idlib", exact=True).wait_for(timeout=30_000)
    page.wait_for_function("location.search.includes('zone=idlib')", timeout=30_000)
    screenshot(page, "zone-after-click")
