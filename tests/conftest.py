"""Shared test set-up. In CI (CI=true) a skipped test is a failure: every layer must really run."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

FIXTURES = ROOT / "tests" / "fixtures"

# The article index is derived data written beside the articles; tests (and the app servers
# they start) keep it in a temporary folder so that no test writes into the repository.
os.environ.setdefault("ATLAS_INDEX_DIR", tempfile.mkdtemp(prefix="atlas-test-index-"))
# The serving settings (geo.access) of the developer's shell or secrets file must not change
# what the tests see: every test, and every server a test starts, begins as a local, editable
# run; the serving tests set their own mode.
for _var in ("ATLAS_MODE", "ATLAS_EDITOR_PASSWORD_HASH", "ATLAS_SESSION_TIMEOUT_MINUTES",
             "ATLAS_SESSION_MAX_UPLOADS", "ATLAS_SESSION_MAX_MB"):
    os.environ.pop(_var, None)
os.environ["ATLAS_SECRETS_FILE"] = os.devnull

_skipped: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if os.environ.get("CI", "").lower() in ("1", "true", "yes") and _skipped:
        print(f"\nCI=true but {len(_skipped)} test(s) were skipped; in CI everything must run:")
        for nodeid in _skipped:
            print(f"  skipped: {nodeid}")
        session.exitstatus = 1


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES
