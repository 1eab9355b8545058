"""A mouse on the map in a window shorter than the page: the map's frame (600 px, its top at
432 px) then ends below the window's foot. Pressing the mouse in the map moved focus (Leaflet's
container, then the shape pressed) and each focus scrolled the page until the whole frame
showed, 132 px at 1440x900: the mouse was let go off the zone, the click was lost and a black
focus box stayed round the shape; a drag jumped by as much. ``geo.mapping.PRESS_WITHOUT_SCROLL_JS``
focuses the container without scrolling and keeps a press from focusing a shape."""

from __future__ import annotations

import pytest

from tests.browser.test_dashboard_browser import MAP_FRAME, screenshot, wait_for_app, zone_paths

pytestmark = pytest.mark.browser

WIDTH = 1440
SCROLL_TOP_JS = "document.querySelector('[data-testid=\"stMain\"]').scrollTop"
# The element with focus inside the map's frame, and whether any shape has focus.
FRAME_FOCUS_JS = """() => {
  const a = document.activeElement, cs = getComputedStyle(a);
  return {tag: a.tagName.toLowerCase(), cls: String(a.getAttribute('class') || ''),
          name: a.getAttribute('aria-label') || '', focusVisible: a.matches(':focus-visible'),
          outline: cs.outlineStyle, shapeFocused: !!document.querySelector('path:focus')};
}"""


def open_map(page, app_url: str, height: int):
    page.set_viewport_size({"width": WIDTH, "height": height})
    page.goto(f"{app_url}/")
    wait_for_app(page)
    frame = zone_paths(page)
    box = page.locator(MAP_FRAME).bounding_box()
    # The case of the bug: the frame's foot is below the window's (else nothing scrolls).
    assert box and box["y"] + box["height"] > height, (box, height)
    return frame


def centre(frame, index: int = 0) -> tuple[float, float]:
    box = frame.locator("path.leaflet-interactive").nth(index).bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


@pytest.mark.parametrize("height", [900, 768])
def test_a_click_on_a_zone_opens_its_page_in_a_short_window(page, app_url: str,
                                                            height: int) -> None:
    frame = open_map(page, app_url, height)
    # A real mouse click at the centre of the first zone drawn (Idlib, the largest).
    x, y = centre(frame)
    page.mouse.click(x, y)
    page.get_by_role("heading", name="Idlib", exact=True).wait_for(timeout=30_000)
    page.wait_for_function("location.search.includes('zone=idlib')", timeout=30_000)
    screenshot(page, f"zone-after-click-{WIDTH}x{height}")


def test_a_drag_from_a_zone_pans_the_map_without_scrolling_or_a_focus_box(
        page, app_url: str) -> None:
    frame = open_map(page, app_url, 900)
    pane = frame.locator(".leaflet-map-pane")
    assert pane.evaluate("e => e.style.transform") == "translate3d(0px, 0px, 0px)"
    x, y = centre(frame)
    page.mouse.move(x, y)
    page.mouse.down()
    assert page.evaluate(SCROLL_TOP_JS) == 0, "pressing the mouse on a zone scrolled the page"
    for step in range(1, 11):
        page.mouse.move(x + 12 * step, y + 6 * step)
    # While the button is down Leaflet has moved the map by the mouse's path (each move sets
    # it), 120 px right and 60 px down; it was 132 px further down when the page scrolled under
    # the mouse. (After the button is let go, inertia may carry the map on.)
    assert pane.evaluate("e => e.style.transform") == "translate3d(120px, 60px, 0px)"
    page.mouse.up()
    assert page.evaluate(SCROLL_TOP_JS) == 0
    after_mouse = frame.locator("body").evaluate(FRAME_FOCUS_JS)
    # Focus is on the map (arrow keys pan it), not on the zone: no focus box round the shape.
    assert not after_mouse["shapeFocused"], after_mouse
    assert "leaflet-container" in after_mouse["cls"], after_mouse
    page.mouse.move(WIDTH - 100, 150)  # off the map: its tooltip closes
    screenshot(page, "map-after-drag-1440x900")
    # The keyboard still reaches the zones, with a ring (the browser's) and the tooltip.
    for _ in range(10):
        page.keyboard.press("Tab")
        by_key = frame.locator("body").evaluate(FRAME_FOCUS_JS)
        if by_key["tag"] == "path":
            break
    assert by_key["tag"] == "path" and by_key["name"], by_key
    assert by_key["focusVisible"] and by_key["outline"] != "none", by_key
    frame.locator(".leaflet-tooltip").first.wait_for(timeout=10_000)
    screenshot(page, "map-zone-by-keyboard-1440x900")
