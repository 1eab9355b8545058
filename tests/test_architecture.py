"""Rules about the shape of the code that a reviewer would otherwise have to remember."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI_ADAPTER = ROOT / "geo" / "ui.py"


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_only_the_ui_adapter_in_geo_imports_streamlit() -> None:
    offenders = []
    for path in sorted((ROOT / "geo").rglob("*.py")):
        if path == UI_ADAPTER:
            continue
        mods = _imported_modules(path)
        if any(m == "streamlit" or m.startswith("streamlit.") or m.startswith("streamlit_")
               for m in mods):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == [], f"only geo/ui.py may import Streamlit; also found in {offenders}"


def test_the_rule_detects_a_streamlit_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from streamlit_folium import st_folium\nimport streamlit as st\n")
    assert {"streamlit_folium", "streamlit"} <= _imported_modules(bad)


def test_project_never_reads_the_shared_folder() -> None:
    pattern = re.compile(r"\.\./shared|/work/shared")
    offenders = []
    for path in ROOT.rglob("*"):
        if (not path.is_file() or ".git" in path.parts or "node_modules" in path.parts
                or path.suffix not in {".py", ".sh", ".toml", ".cfg", ".txt", ".json", ""}):
            continue
        if path == Path(__file__):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        if pattern.search(text):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    blocks = re.findall(r"```(?:bash|sh)\n(.*?)```", readme, flags=re.S)
    test_cmds = [b.strip() for b in blocks if "pytest" in b]
    assert len(test_cmds) == 1, "README shows exactly one test command block"
    assert test_cmds[0] in ci, ".ci/run must run the README's test command verbatim"
