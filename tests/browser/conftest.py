"""Real-browser fixtures: the dashboard served by ``streamlit run`` and Debian's Chromium driven by
Playwright. Waits are on real signals (the health endpoint, DOM elements), never fixed sleeps."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "artifacts" / "browser"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic", "--disable-dev-shm-usage"]

# A hostile article: every payload sets a flag if it ever runs.
HOSTILE_ARTICLE = """مقال عدائي <script>window.top.__pwned = "script-title"</script> عن إدلب

قالت مصادر إن منطقة خفض التصعيد في إدلب <img src=x onerror="window.top.__pwned='img'"> شهدت هدوءا.
وأضافت ${window.top.__pwned='template'} أن `backtick ${1+1}` في ريف حمص الشمالي.
<b onmouseover="window.top.__pwned='hover'">bold</b> <svg onload="window.top.__pwned='svg'"></svg>
Latin payload: <script>window.top.__pwned='latin'</script>
<iframe src="javascript:window.top.__pwned='iframe'"></iframe>
"""

pytestmark = pytest.mark.browser

DAY = "2017-10-15"  # the day open_page shows unless told
# The footer is written after the page body: once it is there, the page has run.
FOOTER = {"en": "Sources and licences.", "ar": "المصادر والتراخيص"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_health(url: str, proc: subprocess.Popen, timeout: float = 60.0) -> float:
    """Poll the health endpoint; returns seconds waited. Fails fast if the server died."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
                if r.status == 200:
                    return time.monotonic() - start
        except OSError:
            pass
        time.sleep(0.05)  # polling interval of a readiness loop, not a fixed wait
    raise TimeoutError(f"{url} not healthy after {timeout}s")


def start_server(entry: str, seeds_dir: Path | None, cwd: Path = ROOT
                 ) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = dict(os.environ)
    if seeds_dir is not None:
        env["ATLAS_SEEDS_DIR"] = str(seeds_dir)
    cmd = [sys.executable, "-m", "streamlit", "run", entry, "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true",
           "--browser.gatherUsageStats", "false"]
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    return proc, f"http://127.0.0.1:{port}"


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def wait_idle(page: Page) -> None:
    """Streamlit keeps the previous run's elements (marked stale) until the new run ends."""
    page.wait_for_function(
        "!document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && !document.querySelector('[data-stale=\"true\"]')"
        " && !document.querySelector('[data-testid^=\"stSkeleton\"]')", timeout=30_000)


def open_page(page: Page, app_url: str, path: str, lang: str, day: str = DAY,
              timeout: float = 60_000) -> None:
    """Open the app's ``path`` (``""`` is the map; it may carry its own query) in ``lang`` on
    ``day``, and wait until the page has run: its footer shown (within ``timeout`` ms), no
    element stale."""
    sep = "&" if "?" in path else "?"
    page.goto(f"{app_url}/{path}{sep}lang={lang}&date={day}")
    page.get_by_text(FOOTER[lang], exact=False).first.wait_for(timeout=timeout)
    wait_idle(page)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (run ./setup.sh --dev)")
    return CHROMIUM


@pytest.fixture(scope="session")
def seeds_with_hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("seeds")
    for f in (ROOT / "seeds").iterdir():
        if f.is_file() and not f.name.startswith("."):  # not an index the app left there
            shutil.copy2(f, d / f.name)
    (d / "900_hostile.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    return d


@pytest.fixture(scope="session")
def app_url(seeds_with_hostile: Path, chromium_path: str) -> Iterator[str]:
    proc, url = start_server("dashboard.py", seeds_with_hostile)
    try:
        wait_for_health(url, proc)
        yield url
    finally:
        stop_server(proc)


@pytest.fixture(scope="session")
def browser(chromium_path: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, f"rep_{rep.when}", rep)


class RequestLog:
    def __init__(self, allowed_netloc: str):
        self.allowed = allowed_netloc
        self.urls: list[str] = []

    def __call__(self, request) -> None:
        self.urls.append(request.url)

    def outside(self) -> list[str]:
        bad = []
        for u in self.urls:
            p = urlparse(u)
            if p.scheme in ("data", "blob", "about", "javascript"):
                continue
            if p.netloc != self.allowed:
                bad.append(u)
        return bad


@pytest.fixture
def page(browser, app_url: str, request: pytest.FixtureRequest):
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="en-GB")
    pg = context.new_page()
    log = RequestLog(urlparse(app_url).netloc)
    pg.on("request", log)
    pg.request_log = log  # type: ignore[attr-defined]
    yield pg
    rep = getattr(request.node, "rep_call", None)
    if rep is not None and rep.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        name = request.node.name.replace("/", "_").replace("[", "_").replace("]", "")
        pg.screenshot(path=str(ARTIFACTS / f"FAILED-{name}.png"), full_page=True)
    context.close()
