"""A deep link as the very first request a freshly started server gets still opens inside the
dashboard's frame (Streamlit's old multipage mode would run the file in pages/ on its own)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import ARTIFACTS, start_server, stop_server, wait_for_health

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("path", "title"), [
    ("zone?zone=south&lang=ar&date=2017-10-15", "الجنوب السوري (درعا والقنيطرة)"),
    ("add", "Add an article"),
])
def test_deep_link_first_request_on_a_fresh_server(browser, path: str, title: str) -> None:
    proc, url = start_server("dashboard.py", None)
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    try:
        wait_for_health(url, proc)
        page = context.new_page()
        page.goto(f"{url}/{path}")
        footer = "المصادر والتراخيص" if "lang=ar" in path else "Sources and licences."
        page.get_by_text(footer, exact=False).first.wait_for(timeout=30_000)
        page.wait_for_function(
            "!document.querySelector('[data-testid=\"stStatusWidget\"]')"
            " && !document.querySelector('[data-stale=\"true\"]')", timeout=30_000)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"first-request-{path.split('?')[0]}.png"))
        assert page.locator("h1").first.inner_text() == title
        assert page.url.startswith(f"{url}/{path.split('?')[0]}")
        # The dashboard's own navigation (eight translated pages), not a list of files.
        links = page.locator('[data-testid="stSidebarNav"] a').all_inner_texts()
        assert len(links) == 8 and "dashboard" not in links
    finally:
        context.close()
        stop_server(proc)
