"""Dates in the Arabic interface's grids, in a real browser: the zone page's lifecycle grid
paints «٤ أيار (مايو) ٢٠١٧», not an ISO date; a click on its date header sorts by date; its CSV
download keeps ISO dates.

Streamlit's grid (glide-data-grid) paints its cells on a canvas. What it paints is read by
recording the canvas's ``fillText`` calls (an init script, before the page's own scripts);
the grid's accessible table (``td`` cells, offscreen) carries the cells' values, ISO here."""

from __future__ import annotations

import pytest

from tests.browser.test_dashboard_browser import screenshot, wait_idle

pytestmark = pytest.mark.browser

RECORD_FILL_TEXT = """
(() => {
  const drawn = new WeakMap();
  window.__drawnOn = c => (drawn.get(c) || []).slice();
  const fill = CanvasRenderingContext2D.prototype.fillText;
  CanvasRenderingContext2D.prototype.fillText = function (text, x, y, ...rest) {
    const list = drawn.get(this.canvas) || [];
    // where, in the canvas's CSS pixels (the grid scales its context by the pixel ratio)
    const at = this.getTransform().transformPoint(new DOMPoint(x, y));
    const r = window.devicePixelRatio || 1;
    list.push({text: String(text), x: at.x / r, y: at.y / r});
    drawn.set(this.canvas, list);
    return fill.call(this, text, x, y, ...rest);
  };
})();
"""

LIFECYCLE = 1  # the zone page's grids: changes of ground, lifecycle, events, monitor forces


def _painted(grid) -> list[dict]:
    """Each text the grid's canvas painted, with where (x, y in the canvas's CSS pixels)."""
    return grid.locator("canvas").first.evaluate("c => window.__drawnOn(c)")


def _column(grid, col: int) -> list[str]:
    """The cells of a column, from the grid's accessible table (the cells' values)."""
    return grid.locator(f'td[aria-colindex="{col}"]').all_inner_texts()


def test_arabic_lifecycle_grid_paints_arabic_dates_sorts_by_date_and_downloads_iso(
        page, app_url: str) -> None:
    page.add_init_script(RECORD_FILL_TEXT)
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{app_url}/zone?zone=idlib&lang=ar&date=2020-04-01")
    page.get_by_text("المصادر والتراخيص", exact=False).first.wait_for(timeout=30_000)
    wait_idle(page)
    grid = page.locator('[data-testid="stDataFrame"]').nth(LIFECYCLE)
    grid.scroll_into_view_if_needed()
    header = grid.locator('th[aria-colindex="2"]')
    assert header.inner_text() == "من"
    page.wait_for_function("c => window.__drawnOn(c).some(d => d.text.includes('أيار'))",
                           arg=grid.locator("canvas").first.element_handle(), timeout=30_000)
    painted = [d["text"] for d in _painted(grid)]
    assert "٤ أيار (مايو) ٢٠١٧" in painted, painted
    assert "٢٧ تشرين الثاني (نوفمبر) ٢٠٢٤" in painted
    # no date painted as ISO, in either digits
    assert not [t for t in painted if "2017-05-04" in t or "٢٠١٧-٠٥-٠٤" in t], painted
    cells = _column(grid, 2)
    assert cells[0] == "2017-05-04" and cells == sorted(cells)  # ISO under the words
    screenshot(page, "table-dates-zone-ar")

    # a click on the header sorts ascending, a second descending: by date, not by the words
    # (by the words, «٦ آذار (مارس) ٢٠٢٠» would come first)
    # the header row is above the first row (35 px rows), over the column of its date cells
    cell = next(d for d in _painted(grid) if d["text"] == "٤ أيار (مايو) ٢٠١٧")
    box = grid.locator("canvas").first.bounding_box()
    header_at = (box["x"] + cell["x"] - 10, box["y"] + cell["y"] - 35)
    page.mouse.click(*header_at)
    page.wait_for_function(
        "g => g.querySelector('td[aria-colindex=\"2\"]').innerText === '2017-05-04'",
        arg=grid.element_handle(), timeout=10_000)
    page.mouse.click(*header_at)
    page.wait_for_function(
        "g => g.querySelector('td[aria-colindex=\"2\"]').innerText === '2024-11-27'",
        arg=grid.element_handle(), timeout=10_000)
    cells = _column(grid, 2)
    assert cells == sorted(cells, reverse=True), cells

    # the CSV download: ISO dates (Streamlit's toolbar, shown on hover; without the File
    # System Access API, which headless Chromium cannot answer, it is an ordinary download)
    page.evaluate("() => { delete window.showSaveFilePicker; "
                  "window.showSaveFilePicker = undefined; }")
    grid.hover()
    with page.expect_download(timeout=15_000) as info:
        grid.get_by_role("button", name="Download as CSV").click()
    text = open(info.value.path(), encoding="utf-8-sig").read()
    assert "2017-05-04" in text and "أيار" not in text
