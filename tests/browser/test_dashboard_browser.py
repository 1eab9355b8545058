"""The dashboard in a real headless Chromium: the map draws offline, every page opens, nothing
leaves the local server, and a hostile article's payloads stay text."""

from __future__ import annotations

import pytest

from tests.browser.conftest import ARTIFACTS, wait_idle

pytestmark = pytest.mark.browser

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
# The first page lives at "/" (st.navigation's default page has no path of its own).
PAGES = ["", "zone?zone=idlib", "zone?zone=south", "timeline", "forces", "articles",
         "articles?article=900_hostile", "about", "zone?zone=atlantis", "?date=not-a-date",
         "briefing?scene=5", "add"]


def wait_for_app(page) -> None:
    """The footer is written after the page body: once it is there, the page has run."""
    page.wait_for_selector('[data-testid="stApp"]', state="attached", timeout=30_000)
    page.get_by_text("Sources and licences.").wait_for(timeout=30_000)
    wait_idle(page)


def zone_paths(page, expected: int = 4):
    """Wait until the map frame shows ``expected`` zone paths; a frame locator re-resolves if
    the map remounts (a new scene or page), where a frame handle would go stale."""
    frame = page.frame_locator(MAP_FRAME).first
    frame.locator(".leaflet-container").wait_for(timeout=30_000)
    frame.locator("path.leaflet-interactive").nth(expected - 1).wait_for(timeout=30_000)
    return frame


def screenshot(page, name: str) -> None:
    wait_idle(page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_first_page_draws_the_four_zones_offline(page, app_url: str) -> None:
    page.goto(f"{app_url}/")
    wait_for_app(page)
    frame = zone_paths(page)
    paths = frame.locator("path.leaflet-interactive").evaluate_all(
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
    screenshot(page, "page-" + (path or "map").replace("?", "_").replace("=", "-"))
    assert page.request_log.outside() == []


def test_hostile_article_shows_as_text_and_runs_nothing(page, app_url: str) -> None:
    page.goto(f"{app_url}/articles?article=900_hostile")
    wait_for_app(page)
    page.locator("div.article-body").wait_for(timeout=30_000)
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


def test_briefing_is_chrome_free_and_steps_with_the_keyboard(browser, app_url: str) -> None:
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    try:
        page.goto(f"{app_url}/?briefing=1")
        page.get_by_role("heading", name="Four de-escalation zones").wait_for(timeout=30_000)
        zone_paths(page)
        assert not page.locator('[data-testid="stSidebar"]').is_visible()
        screenshot(page, "briefing-1-overview")
        page.mouse.click(5, 400)  # focus the page, outside the map frame
        page.keyboard.press("ArrowRight")
        page.get_by_role("heading", name="Idlib", exact=True).wait_for(timeout=30_000)
        page.wait_for_function("location.search.includes('scene=2')", timeout=30_000)
        wait_idle(page)
        zone_paths(page, expected=1)  # zoomed on Idlib: the other zones are off-screen
        screenshot(page, "briefing-2-idlib")
        page.keyboard.press("ArrowLeft")
        page.get_by_role("heading", name="Four de-escalation zones").wait_for(timeout=30_000)
        assert page.get_by_text("Sources for this scene").count() >= 1
    finally:
        context.close()


def test_bad_upload_in_the_browser_shows_a_message_and_writes_nothing(
        page, app_url: str, seeds_with_hostile) -> None:
    before = sorted(p.name for p in seeds_with_hostile.iterdir())
    page.goto(f"{app_url}/add")
    wait_for_app(page)
    page.locator('input[type="file"]').set_input_files(
        files=[{"name": "image.txt", "mimeType": "text/plain",
                "buffer": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8}])
    page.get_by_text("This file cannot be added").wait_for(timeout=30_000)
    assert "binary" in page.locator('[data-testid="stAlert"]').first.inner_text().lower()
    screenshot(page, "upload-binary-refused")
    assert sorted(p.name for p in seeds_with_hostile.iterdir()) == before


def test_arabic_interface_reads_right_to_left_and_map_still_draws(page, app_url: str) -> None:
    page.goto(f"{app_url}/?lang=ar&date=2017-10-15")
    page.get_by_text("المصادر والتراخيص", exact=False).first.wait_for(timeout=30_000)
    wait_idle(page)
    direction = page.evaluate(
        "getComputedStyle(document.querySelector('[data-testid=\"stMain\"]')).direction")
    assert direction == "rtl"
    # Headings start at the right, as the text under them does (Streamlit aligned them left).
    aligns = page.evaluate("[...document.querySelectorAll('[data-testid=\"stMain\"] "
                           ":is(h1, h2, h3, h4)')].map(e => e.tagName + ' ' + "
                           "getComputedStyle(e).textAlign)")
    assert len(aligns) >= 2 and all(a.endswith(" right") for a in aligns), aligns
    frame = zone_paths(page)
    assert frame.locator(".leaflet-container").evaluate(
        "e => getComputedStyle(e).direction") == "ltr"
    screenshot(page, "lang-ar-map")
    page.goto(f"{app_url}/articles?lang=ar&article=004_e62c1ba707bd6d3d")
    page.get_by_text("المصادر والتراخيص", exact=False).first.wait_for(timeout=30_000)
    page.locator("div.article-body").wait_for(timeout=30_000)
    screenshot(page, "lang-ar-reader")
    page.goto(f"{app_url}/?lang=en&date=2017-10-15")
    wait_for_app(page)
    zone_paths(page)
    screenshot(page, "lang-en-map")
    assert page.request_log.outside() == []


AR_PAGES = [("zone?zone=idlib", "map"), ("timeline", "chart"), ("forces", "grid"),
            ("briefing?scene=2", "map"), ("briefing?scene=6", "chart"), ("about", "grid")]


@pytest.mark.parametrize(("path", "signal"), AR_PAGES, ids=[p for p, _ in AR_PAGES])
def test_arabic_pages_draw_with_arabic_dates(page, app_url: str, path: str,
                                             signal: str) -> None:
    sep = "&" if "?" in path else "?"
    page.goto(f"{app_url}/{path}{sep}lang=ar&date=2017-10-15")
    page.get_by_text("المصادر والتراخيص", exact=False).first.wait_for(timeout=30_000)
    wait_idle(page)
    if signal == "map":
        zone_paths(page, 1)
    elif signal == "chart":
        page.locator(".vega-embed").first.wait_for(timeout=30_000)
        labels = page.locator(".vega-embed svg text, .vega-embed canvas").count()
        assert labels > 0
    else:
        page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=30_000)
    if not path.startswith("briefing"):
        # The date control's value reads in Arabic (Levantine month, Arabic-Indic digits).
        thumb = page.locator('[data-testid="stSidebar"] [data-testid="stSlider"]').first
        assert "تشرين الأول" in thumb.inner_text() and "١٥" in thumb.inner_text()
    screenshot(page, "lang-ar-" + path.replace("?", "_").replace("=", "-"))
    assert page.request_log.outside() == []


def test_standalone_html_map_opens_offline_from_a_file(browser, tmp_path) -> None:
    import datetime as dt

    from geo.export import standalone_html

    path = tmp_path / "map.html"
    path.write_text(standalone_html(dt.date(2017, 10, 15)), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1200, "height": 900}, offline=True)
    pg = context.new_page()
    requests: list[str] = []
    pg.on("request", lambda r: requests.append(r.url))
    try:
        pg.goto(path.as_uri())
        pg.locator("path.leaflet-interactive").nth(3).wait_for(timeout=30_000)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        pg.screenshot(path=str(ARTIFACTS / "standalone-html-map.png"))
        assert [u for u in requests if not u.startswith(("file:", "data:"))] == []
    finally:
        context.close()


def test_the_day_survives_a_language_switch_and_steps_by_keyboard(page, app_url: str) -> None:
    """Issue 13: switching the language kept the heading's day but moved the slider to its
    first day, and the next nudge sent that day. Slider, date box, heading and link agree."""
    sidebar = page.locator('[data-testid="stSidebar"]')
    slider = sidebar.locator('input[type="range"]')
    box = sidebar.locator('[data-testid="stDateInput"] input[type="date"]')

    def settle(day: str) -> None:
        page.wait_for_function(f"location.search.includes('date={day}')", timeout=30_000)
        wait_idle(page)
        assert box.input_value() == day

    page.goto(f"{app_url}/?date=2017-10-15")
    wait_for_app(page)
    sidebar.locator("label").filter(has_text="العربية").click()
    page.get_by_text("المصادر والتراخيص", exact=False).first.wait_for(timeout=30_000)
    settle("2017-10-15")
    assert slider.get_attribute("aria-valuetext") == "١٥ تشرين الأول (أكتوبر) ٢٠١٧"
    slider.focus()
    page.keyboard.press("ArrowRight")  # one day on (the slider's keys step by day)
    settle("2017-10-16")
    assert slider.get_attribute("aria-valuetext") == "١٦ تشرين الأول (أكتوبر) ٢٠١٧"
    sidebar.locator("label").filter(has_text="English").click()
    wait_for_app(page)
    settle("2017-10-16")
    assert slider.get_attribute("aria-valuetext") == "16 October 2017"
    sidebar.get_by_role("button", name="+ 1 month").focus()
    page.keyboard.press("Enter")
    settle("2017-11-16")
    caption = page.locator('[data-testid="stCaptionContainer"]').first
    assert "16 November 2017" in caption.inner_text()
    # The exact day typed in the date box, committed when focus leaves it.
    sidebar.locator('[role="spinbutton"][data-type="year"]').focus()
    page.keyboard.type("20190309")
    page.locator("h1").first.click()
    settle("2019-03-09")
    assert slider.get_attribute("aria-valuetext") == "9 March 2019"
    screenshot(page, "date-controls-in-sync")


# Every visible word (text, form values, the chart's SVG labels) of a briefing scene.
SMALL_TEXT_JS = """() => {
  const out = [];
  const seen = (el) => {
    const r = el.getBoundingClientRect(), cs = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0
      && cs.visibility !== 'hidden' && !el.closest('[aria-hidden="true"]');
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const n = walker.currentNode, el = n.parentElement;
    if (!n.textContent.trim() || !seen(el)) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 24) out.push([size, n.textContent.trim().slice(0, 40)]);
  }
  for (const el of document.querySelectorAll('input, textarea')) {
    if (el.type === 'hidden' || el.type === 'file' || !(el.value || el.placeholder) || !seen(el))
      continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 24) out.push([size, 'input: ' + (el.value || el.placeholder).slice(0, 40)]);
  }
  return out;
}"""


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_briefing_scene_is_set_in_big_screen_type(browser, app_url: str,
                                                        lang: str) -> None:
    """Issue 13: at 1920x1080 the timeline scene's axis, legend and sources were 11 to 14 px.
    Everything on every scene (outside the map's own frame) is at least 24 px."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    try:
        scene, total = 1, None
        while total is None or scene <= total:
            page.goto(f"{app_url}/briefing?scene={scene}&lang={lang}&date=2017-10-15")
            page.locator("h1").first.wait_for(timeout=30_000)
            page.locator('[data-testid="stCaptionContainer"] a[href*="scene="]').first.wait_for(
                timeout=30_000)
            wait_idle(page)
            if page.locator(".vega-embed").count():
                page.locator(".vega-embed svg text").first.wait_for(timeout=30_000)
            total = total or page.locator(
                '[data-testid="stCaptionContainer"] a[href*="scene="]').count()
            small = page.evaluate(SMALL_TEXT_JS)
            assert small == [], f"scene {scene} ({lang}): text under 24 px: {small[:10]}"
            text = page.locator('[data-testid="stMainBlockContainer"]').inner_text()
            assert "geo/" not in text and ".csv" not in text, "no file paths on a scene"
            screenshot(page, f"briefing-1920-{lang}-{scene}")
            scene += 1
        assert total >= 6
    finally:
        context.close()


@pytest.mark.parametrize("path", ["", "briefing?scene=1"])
def test_scale_bar_covers_no_zone_on_the_overview(browser, app_url: str, path: str) -> None:
    """Issue 13: bottom left, Leaflet's scale bar covered part of the southern zone."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000} if not path
                                  else {"width": 1920, "height": 1080})
    page = context.new_page()
    try:
        page.goto(f"{app_url}/{path}")
        page.locator("h1").first.wait_for(timeout=30_000)
        frame = zone_paths(page)
        # Both measured inside the map's frame, in the frame's own coordinates.
        rect = ("e => { const r = e.getBoundingClientRect();"
                " return [r.left, r.top, r.right, r.bottom]; }")
        scale = frame.locator(".leaflet-control-scale").evaluate(rect)
        boxes = frame.locator("path.leaflet-interactive").evaluate_all(f"els => els.map({rect})")
        sx0, sy0, sx1, sy1 = scale
        assert sx1 - sx0 > 20 and len(boxes) >= 4
        overlaps = [b for b in boxes if b[0] < sx1 and sx0 < b[2] and b[1] < sy1 and sy0 < b[3]]
        assert overlaps == [], f"the scale bar {scale} covers zones {overlaps}"
        screenshot(page, "scale-bar-" + (path.replace("?", "_").replace("=", "-") or "map"))
    finally:
        context.close()
