"""Serving the atlas, in a real headless Chromium against real servers.

* The container's start command (``scripts/serve``, the Dockerfile's CMD) with its defaults
  (read-only) over a temporary articles folder: health, the first page, no Add page in the
  navigation, ``/add`` says read-only (English and Arabic), a forged upload is refused, the
  static folder is not listed, and nothing is written but the index beside the articles.
* Editors mode: the sign-in works, is rate-limited (even the right password waits), and opens
  the Add page where a save lands; a session times out without use.
* A local ``streamlit run dashboard.py`` is unchanged (the conftest's server).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from geo import access
from tests.browser.conftest import ROOT, free_port, stop_server, wait_for_health
from tests.browser.test_dashboard_browser import screenshot, wait_for_app, wait_idle, zone_paths

pytestmark = pytest.mark.browser

PASSWORD = "a long editors' passphrase"
ARTICLE = "عنوان عن إدلب من المحرر\nقالت مصادر إن منطقة خفض التصعيد في إدلب شهدت هدوءا اليوم.\n"
NAV = '[data-testid="stSidebarNav"]'


def _articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("served-articles")
    for f in (ROOT / "seeds").iterdir():
        if f.is_file() and not f.name.startswith("."):  # not an index the app left there
            shutil.copy2(f, d / f.name)
    return d


def serve(articles: Path, **env: str) -> tuple[subprocess.Popen, str]:
    """The container's start command, on a free local port. No ATLAS_INDEX_DIR: the index
    lives beside the articles, as on the container's volume."""
    port = free_port()
    full = {k: v for k, v in os.environ.items() if k != "ATLAS_INDEX_DIR"}
    full.update({"ATLAS_SEEDS_DIR": str(articles), "ATLAS_ADDRESS": "127.0.0.1",
                 "ATLAS_PORT": str(port), **env})
    proc = subprocess.Popen([str(ROOT / "scripts" / "serve")], cwd=ROOT, env=full,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    return proc, f"http://127.0.0.1:{port}"


def snapshot(d: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(d.iterdir())
            if p.is_file() and ".atlas" not in p.parts}


@pytest.fixture(scope="module")
def read_only_articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _articles(tmp_path_factory)


@pytest.fixture(scope="module")
def read_only_url(read_only_articles: Path, chromium_path: str) -> Iterator[str]:
    before = snapshot(read_only_articles)
    proc, url = serve(read_only_articles)  # no ATLAS_MODE: the start command's default
    try:
        wait_for_health(url, proc)
        yield url
    finally:
        stop_server(proc)
    # Nothing any test in this module did wrote an article or a catalog row.
    assert snapshot(read_only_articles) == before


def _nav_links(page) -> list[str]:
    page.locator(NAV).wait_for(timeout=30_000)
    return [t.strip() for t in page.locator(f"{NAV} a").all_inner_texts()]


@pytest.mark.parametrize(("lang", "message"), [
    ("en", "This copy of the atlas is read-only: articles cannot be added here."),
    ("ar", "هذه النسخة من الأطلس للقراءة فقط: لا يمكن إضافة مقالات هنا."),
])
def test_direct_add_url_says_read_only(page, read_only_url: str, lang: str,
                                       message: str) -> None:
    # First in this module: the server's very first page request is this deep link, when
    # Streamlit would still run pages/add.py on its own (see geo.ui.require_frame).
    page.goto(f"{read_only_url}/add?lang={lang}")
    page.get_by_text(message).wait_for(timeout=30_000)
    wait_idle(page)
    assert page.locator('input[type="file"]').count() == 0
    assert page.locator("textarea").count() == 0
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, f"serving-read-only-add-{lang}")


def test_start_command_serves_health_and_a_read_only_first_page(
        page, read_only_url: str, read_only_articles: Path) -> None:
    with urllib.request.urlopen(f"{read_only_url}/_stcore/health", timeout=5) as r:
        assert r.status == 200 and r.read() == b"ok"
    page.goto(f"{read_only_url}/")
    wait_for_app(page)
    zone_paths(page)
    links = _nav_links(page)
    assert "Map" in links and "About & downloads" in links
    assert "Add an article" not in links
    page.get_by_text("Read-only copy").wait_for(timeout=30_000)
    assert page.get_by_text("Editors: sign in").count() == 0
    screenshot(page, "serving-read-only-map")
    # Nothing left this server (the fixture's log knows only the conftest's server).
    assert [u for u in page.request_log.urls
            if not u.startswith((read_only_url, "data:", "blob:", "about:"))] == []
    # The index is derived data: it lives beside the articles, on the volume.
    assert (read_only_articles / ".atlas" / "index.sqlite").is_file()


def test_forged_upload_and_static_listing_are_refused(read_only_url: str) -> None:
    # Streamlit's upload endpoint with no XSRF token (what a cross-site form would send).
    req = urllib.request.Request(
        f"{read_only_url}/_stcore/upload_file/forged-session/forged-file", method="PUT",
        data=b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.txt\"\r\n\r\n"
             b"forged\r\n--b--\r\n",
        headers={"Content-Type": "multipart/form-data; boundary=b"})
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req, timeout=5)
    assert err.value.code == 403
    # The XSRF cookie is handed out (with the health answer the page asks for first).
    with urllib.request.urlopen(f"{read_only_url}/_stcore/health", timeout=5) as r:
        assert "_streamlit_xsrf" in (r.headers.get("Set-Cookie") or "")
    # Static files are served one by one; a folder is never listed.
    with urllib.request.urlopen(f"{read_only_url}/app/static/vendor/leaflet/leaflet.js",
                                timeout=5) as r:
        assert r.status == 200
    for folder in ("app/static/", "app/static/vendor/", "app/static/vendor/leaflet/",
                   "app/static/vendor/leaflet"):
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(f"{read_only_url}/{folder}", timeout=5)
        assert err.value.code == 404
        assert b"leaflet.js" not in err.value.read()


# --- editors mode -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def editors(tmp_path_factory: pytest.TempPathFactory, chromium_path: str
            ) -> Iterator[tuple[str, Path]]:
    articles = _articles(tmp_path_factory)
    proc, url = serve(articles, ATLAS_MODE="editors",
                      ATLAS_EDITOR_PASSWORD_HASH=access.hash_password(PASSWORD))
    try:
        wait_for_health(url, proc)
        yield url, articles
    finally:
        stop_server(proc)


def _try_password(page, password: str, expect: str | re.Pattern) -> str:
    """Submit the sidebar's sign-in form and wait for ``expect``, the answer of this try: the
    last try's message stays on the page until the new run replaces it, so each step expects
    words that differ from the step before. Returns what the sidebar says."""
    field = page.locator('input[type="password"]')
    if not field.is_visible():
        page.get_by_text("Editors: sign in").click()
    field.fill(password)
    page.get_by_role("button", name="Sign in").click()
    outcome = page.get_by_text(expect)
    outcome.first.wait_for(timeout=30_000)
    wait_for_app(page)
    return outcome.first.inner_text()


def test_editors_sign_in_is_rate_limited_then_opens_the_add_page(browser, editors) -> None:
    url, articles = editors
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    page = context.new_page()
    try:
        page.goto(f"{url}/")
        wait_for_app(page)
        assert "Add an article" not in _nav_links(page)
        page.goto(f"{url}/add")
        page.get_by_text("Adding articles needs an editor's sign-in").wait_for(timeout=30_000)
        # Wrong passwords, each tried once the last wait is over: the wait doubles.
        for wait in (1, 2, 4):
            _try_password(page, "not the password",
                          f"Sign-in failed. You can try again in {wait} s.")
            failed_at = time.monotonic()
            if wait < 4:
                time.sleep(wait + 0.2)  # the back-off under test is time itself
        # The right password inside the 4 s wait: refused in the same words (a wait of 1-3 s
        # left, so these are not the last try's words still on the page).
        time.sleep(1.2)
        _try_password(page, PASSWORD,
                      re.compile(r"Sign-in failed\. You can try again in [1-3] s\."))
        assert time.monotonic() - failed_at < 4
        screenshot(page, "serving-sign-in-rate-limited")
        assert "Add an article" not in _nav_links(page)
        # Wait it out, then the right password works.
        time.sleep(max(0.0, 4.5 - (time.monotonic() - failed_at)))
        _try_password(page, PASSWORD, "Signed in as an editor")
        assert "Add an article" in _nav_links(page)
        page.locator(f"{NAV} a", has_text="Add an article").click()
        page.get_by_text("can still save 20 uploads, 100 MB").wait_for(timeout=30_000)
        page.get_by_text("Paste text").click()
        page.locator("textarea").fill(ARTICLE)
        page.locator("textarea").press("Control+Enter")
        page.get_by_role("button", name="Save into the corpus").click()
        page.get_by_text("Saved as").wait_for(timeout=30_000)
        screenshot(page, "serving-editor-saved")
        new = [p for p in articles.glob("*.txt") if ARTICLE.splitlines()[0]
               in p.read_text(encoding="utf-8")]
        assert len(new) == 1
    finally:
        context.close()


@pytest.fixture(scope="module")
def editors_short(tmp_path_factory: pytest.TempPathFactory, chromium_path: str
                  ) -> Iterator[str]:
    proc, url = serve(_articles(tmp_path_factory), ATLAS_MODE="editors",
                      ATLAS_EDITOR_PASSWORD_HASH=access.hash_password(PASSWORD),
                      ATLAS_SESSION_TIMEOUT_MINUTES="0.05")  # 3 s
    try:
        wait_for_health(url, proc)
        yield url
    finally:
        stop_server(proc)


def test_editor_session_times_out(page, editors_short: str) -> None:
    page.goto(f"{editors_short}/timeline")
    wait_for_app(page)
    _try_password(page, PASSWORD, "Signed in as an editor")
    assert "Add an article" in _nav_links(page)
    # Idle past the 3 s time-out (this is the behaviour under test, not a wait for readiness).
    time.sleep(4.5)
    page.locator(f"{NAV} a", has_text="Monitor forces").click()
    page.get_by_text("Your editor session timed out").wait_for(timeout=30_000)
    wait_for_app(page)
    assert "Add an article" not in _nav_links(page)
    screenshot(page, "serving-session-timed-out")


# --- a local run ------------------------------------------------------------------------------

def test_local_run_is_unchanged(page, app_url: str) -> None:
    page.goto(f"{app_url}/")
    wait_for_app(page)
    assert "Add an article" in _nav_links(page)
    assert page.get_by_text("Editors: sign in").count() == 0
    assert page.get_by_text("Read-only copy").count() == 0
    page.goto(f"{app_url}/add")
    wait_for_app(page)
    page.locator('input[type="file"]').wait_for(state="attached", timeout=30_000)
    page.get_by_text("One file up to 50 MB; each article up to 2 MB.").wait_for(timeout=30_000)
