"""axe-core on every page in both languages: no serious or critical violation (issue 13).

axe-core comes from the npm registry at the version pinned in ``tests/browser/axe/``
(``./setup.sh --dev`` installs it; git ignores ``node_modules``) and is injected by the test into
the page after it has run; the app never serves it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import open_page
from tests.browser.test_dashboard_browser import screenshot

pytestmark = pytest.mark.browser

AXE_JS = Path(__file__).resolve().parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
PAGES = ["", "zone?zone=idlib", "zone?zone=south", "timeline", "forces", "articles",
         "articles?q=%D8%A5%D8%AF%D9%84%D8%A8", "articles?article=004_e62c1ba707bd6d3d",
         "briefing?scene=1", "briefing?scene=2", "briefing?scene=6", "add", "about"]
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': '
                                                + (n.failureSummary || '').slice(0, 200))}));
}"""


def axe_violations(page) -> list[dict]:
    if not AXE_JS.is_file():
        pytest.fail(f"axe-core is not installed ({AXE_JS}): run ./setup.sh --dev")
    page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(RUN_AXE)


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("path", PAGES, ids=[p or "map" for p in PAGES])
def test_no_serious_accessibility_violation(page, app_url: str, path: str, lang: str) -> None:
    open_page(page, app_url, path, lang, timeout=30_000)
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')",
                           timeout=30_000)
    violations = axe_violations(page)
    if violations:
        screenshot(page, f"FAILED-axe-{lang}-{(path or 'map').replace('?', '_')[:40]}")
    assert violations == [], violations
