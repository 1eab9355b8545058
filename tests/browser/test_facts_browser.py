"""Quotes and sources you can check, in a real browser (issue 13 item 3, issue 15): the Monitor
forces page filters by zone, keeps date order, shows whole quotes right to left in the Arabic font
and each source's deciding phrase; an Arabic citation to copy reads right to left."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_dashboard_browser import screenshot, wait_for_app, wait_idle

pytestmark = pytest.mark.browser


def _count(page) -> tuple[int, int]:
    text = page.get_by_text(re.compile(r"\d+ of \d+ records, in date order")).inner_text()
    shown, total = re.findall(r"\d+", text)[:2]
    return int(shown), int(total)


def test_forces_page_filters_by_zone_and_shows_whole_quotes(page, app_url: str) -> None:
    page.goto(f"{app_url}/forces")
    wait_for_app(page)
    shown, total = _count(page)
    assert shown == total > 0
    cards = page.locator("div.force-card")
    assert cards.count() == total
    # date order: the cards' headings start with their dates, earliest first
    first, last = cards.first.locator(".force-head").inner_text(), \
        cards.last.locator(".force-head").inner_text()
    assert first.startswith("4 May 2017") and "2018" in last
    # a whole Arabic quote, right to left in a proportional Arabic font
    quote = cards.locator("blockquote.force-quote[dir=rtl]").first
    style = quote.evaluate("e => [getComputedStyle(e).direction, getComputedStyle(e).fontFamily]")
    assert style[0] == "rtl" and "Naskh" in style[1]
    assert page.locator("div.force-card", has_text="Source says").count() == total
    # remove "Idlib" from the zone filter: the Idlib-only records go
    page.locator('[data-testid="stMultiSelect"]').first.get_by_role(
        "button", name=re.compile("Remove Idlib|Idlib")).first.click()
    # the caption changes when the page has rerun with the new filter
    expect(page.get_by_text(f"{total} of {total} records, in date order")).to_have_count(
        0, timeout=30_000)
    wait_idle(page)
    narrowed, _ = _count(page)
    assert 0 < narrowed < total
    assert page.locator("div.force-head", has_text="for Idlib").count() == 0
    screenshot(page, "facts-forces-en")


def test_arabic_citation_reads_right_to_left_in_an_arabic_font(page, app_url: str) -> None:
    page.goto(f"{app_url}/forces?lang=ar")
    page.wait_for_selector("div.force-card", timeout=30_000)  # (the Arabic footer differs)
    wait_idle(page)
    page.get_by_text("انسخ إحالة إلى سجل قوات المراقبة").click()
    code = page.locator('[class*="st-key-cite-ar-"] code').first
    code.wait_for(timeout=30_000)
    style = code.evaluate("e => [getComputedStyle(e).direction, getComputedStyle(e).fontFamily]")
    assert style[0] == "rtl" and "Naskh" in style[1]
    assert "يقول المصدر" in code.inner_text() or "الاقتباس" in code.inner_text()
    screenshot(page, "facts-forces-ar-citation")
