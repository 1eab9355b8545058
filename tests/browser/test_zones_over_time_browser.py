"""Issue 11 in a real headless Chromium, in English and Arabic: the map of the "as of" date with
Sochi's demilitarised zone / the M4 corridor, play stepping the date (map and key figures
follow), the zone page's area chart (hover a step, click it to set the date), the small
multiples, and the briefing scene stepped with the keyboard. No request leaves the machine."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import ARTIFACTS
from tests.browser.test_dashboard_browser import MAP_FRAME, wait_idle

pytestmark = pytest.mark.browser

DMZ_FILL, M4_FILL = "#CC79A7", "#D55E00"
FOOTER = {"en": "Sources and licences.", "ar": "المصادر والتراخيص"}
WORDS = {
    "en": {"next": "Next change", "prev": "Previous change", "day1": "23 December 2019",
           "day0": "30 August 2019", "first": "7 January 2018", "second": "21 January 2018",
           "area": "5435", "source": "Source:"},
    "ar": {"next": "التغيّر التالي", "prev": "التغيّر السابق",
           "day1": "٢٣ كانون الأول (ديسمبر) ٢٠١٩", "day0": "٣٠ آب (أغسطس) ٢٠١٩",
           "first": "٧ كانون الثاني (يناير) ٢٠١٨", "second": "٢١ كانون الثاني (يناير) ٢٠١٨",
           "area": "٥٤٣٥", "source": "المصدر:"},
}


def open_page(page, url: str, lang: str) -> None:
    page.goto(url)
    page.get_by_text(FOOTER[lang], exact=False).first.wait_for(timeout=60_000)
    wait_idle(page)


def fills(page) -> list[str]:
    frame = page.frame_locator(MAP_FRAME).first
    frame.locator("path.leaflet-interactive").first.wait_for(timeout=30_000)
    return frame.locator("path.leaflet-interactive").evaluate_all(
        "els => els.map(e => (e.getAttribute('fill') || '').toUpperCase())")


def shot(page, name: str) -> None:
    wait_idle(page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_as_of_map_layers_and_play_step_the_date(page, app_url: str, lang: str) -> None:
    w = WORDS[lang]
    open_page(page, f"{app_url}/?lang={lang}&date=2019-09-01", lang)
    caption = page.locator(".play-caption").first
    assert w["day0"] in caption.inner_text()  # the last change at or before the day
    assert w["source"] in caption.inner_text()
    assert DMZ_FILL in fills(page) and M4_FILL not in fills(page)
    shot(page, f"11-map-2019-09-01-{lang}")
    page.get_by_role("button", name=w["next"]).click()
    page.wait_for_function("location.search.includes('date=2019-12-23')", timeout=30_000)
    wait_idle(page)
    assert w["day1"] in page.locator(".play-caption").first.inner_text()
    figures = re.sub("[,٬]", "", page.locator("table.key-figures").inner_text())
    assert w["area"] in figures  # Idlib's area after the change of 23 Dec 2019 (5,435 km²)
    page.get_by_role("button", name=w["prev"]).click()
    page.wait_for_function("location.search.includes('date=2019-08-30')", timeout=30_000)
    open_page(page, f"{app_url}/?lang={lang}&date=2020-04-01", lang)
    assert M4_FILL in fills(page) and DMZ_FILL not in fills(page)
    assert page.request_log.outside() == []


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_zone_page_chart_hover_click_and_small_multiples(page, app_url: str,
                                                         lang: str) -> None:
    open_page(page, f"{app_url}/zone?zone=eastern-ghouta&lang={lang}&date=2018-03-01", lang)
    steps = page.locator("figure.zone-step")
    assert steps.count() == 10  # the first drawing, eight changes, the end
    loaded = page.locator("figure.zone-step img").evaluate_all(
        "imgs => imgs.map(i => i.complete && i.naturalWidth > 0)")
    assert loaded and all(loaded), "every small multiple is drawn (SVG data URI)"
    chart = page.locator(".vega-embed").first
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    assert box and box["width"] > 300
    steps.first.scroll_into_view_if_needed()
    shot(page, f"11-zone-multiples-{lang}")
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    # Find a step by hovering along the chart: its tooltip names the change and its source.
    tip = page.locator("#vg-tooltip-element")
    found = None
    for fy in [i / 30 for i in range(1, 30)]:
        for fx in [i / 80 for i in range(1, 80)]:
            x, y = box["x"] + box["width"] * fx, box["y"] + box["height"] * fy
            page.mouse.move(x, y)
            if tip.count() and tip.is_visible() and "2018" in re.sub(
                    "[٠-٩]", lambda m: str("٠١٢٣٤٥٦٧٨٩".index(m.group())), tip.inner_text()):
                found = (x, y)
                break
        if found:
            break
    assert found, "no step of the area chart showed a tooltip"
    text = tip.inner_text()
    shot(page, f"11-zone-chart-tooltip-{lang}")
    assert ("Source" if lang == "en" else "المصدر") in text
    before = page.evaluate("location.search")
    page.mouse.click(*found)
    page.wait_for_function(f"location.search !== {before!r}", timeout=30_000)
    wait_idle(page)
    day = re.search(r"date=(\d{4}-\d{2}-\d{2})", page.evaluate("location.search")).group(1)
    assert day.startswith("2018-0"), day  # a Ghouta change of Feb-Apr 2018
    outlined = page.locator(f"figure.zone-step[data-date='{day}']")
    assert outlined.count() == 1 and "rgb(17, 17, 17)" in outlined.evaluate(
        "e => getComputedStyle(e).borderTopColor")
    assert page.request_log.outside() == []


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_briefing_scene_steps_changes_with_the_keyboard(browser, app_url: str,
                                                        lang: str) -> None:
    from urllib.parse import urlparse

    from tests.browser.conftest import RequestLog

    w = WORDS[lang]
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    log = RequestLog(urlparse(app_url).netloc)
    page.on("request", log)
    try:
        page.goto(f"{app_url}/briefing?scene=7&lang={lang}&date=2017-10-15")  # numbered from 1
        page.locator(".play-caption").wait_for(timeout=60_000)
        wait_idle(page)
        page.mouse.click(1900, 1000)  # focus the page, outside the map frame
        page.keyboard.press("ArrowDown")
        page.wait_for_function("location.search.includes('date=2018-01-07')", timeout=30_000)
        wait_idle(page)
        caption = page.locator(".play-caption")
        assert w["first"] in caption.inner_text() and w["source"] in caption.inner_text()
        sizes = caption.evaluate(
            "e => [...e.querySelectorAll('*')].concat([e]).filter(n => n.innerText && "
            "n.innerText.trim()).map(n => parseFloat(getComputedStyle(n).fontSize))")
        assert min(sizes) >= 24, sizes
        assert float(page.locator(".play-keys").evaluate(
            "e => parseFloat(getComputedStyle(e).fontSize)")) >= 24
        page.keyboard.press("ArrowDown")
        page.wait_for_function("location.search.includes('date=2018-01-21')", timeout=30_000)
        wait_idle(page)
        assert w["second"] in page.locator(".play-caption").inner_text()
        fills(page)  # the map of the step is drawn
        shot(page, f"11-briefing-changes-{lang}")
        page.keyboard.press("ArrowUp")
        page.wait_for_function("location.search.includes('date=2018-01-07')", timeout=30_000)
        assert log.outside() == []
    finally:
        context.close()
