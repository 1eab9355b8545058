"""``python -m geo link``: every bad input gives a clear per-file entry, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from geo.paths import ROOT, SEEDS_DIR

SEED = sorted(SEEDS_DIR.glob("*.txt"))


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "geo", "link", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("bad")
    files = {
        "empty": b"",
        "binary": bytes(range(256)) * 40,
        "cp1256": "عنوان\n\nمناطق خفض التوتر في إدلب\n".encode("cp1256"),
        "crlf": "عنوان\r\n\r\nقصف على الغوطة الشرقية\r\n".encode(),
        "nul": "عنوان\n\nنص\x00 عن درعا\n".encode(),
        "title_only": "عنوان فقط\n".encode(),
        "html": ("عنوان <img src=x onerror=alert(1)>\n\n<script>alert(1)</script> "
                 "في إدلب ${alert(1)} `rm -rf /` <p>Latin `x` ${y}</p>\n").encode(),
    }
    out = {}
    for name, data in files.items():
        p = d / f"{name}.txt"
        p.write_bytes(data)
        out[name] = p
    huge = d / "huge.txt"
    with huge.open("wb") as fh:  # 50 MB, sparse: cheap to create, refused by size
        fh.truncate(50 * 1024 * 1024)
    out["huge"] = huge
    out["missing"] = d / "missing.txt"
    sub = d / "folder"
    sub.mkdir()
    out["dir"] = sub
    return out


def test_all_bad_inputs_in_one_run_json(bad_files: dict[str, Path]) -> None:
    names = list(bad_files)
    res = run("--json", *[str(bad_files[n]) for n in names], str(SEED[3]))
    assert "Traceback" not in res.stderr
    assert res.returncode == 1  # some files could not be read
    entries = {Path(e["file"]).stem if Path(e["file"]).name != "folder" else "dir": e
               for e in json.loads(res.stdout)}
    assert len(entries) == len(names) + 1
    err = {k: e.get("error", "") for k, e in entries.items()}
    assert "empty" in err["empty"]
    assert "binary" in err["binary"]
    assert "too large" in err["huge"]
    assert "not found" in err["missing"]
    assert "directory" in err["dir"]
    ok = {k: e for k, e in entries.items() if not e.get("error")}
    assert {"cp1256", "crlf", "nul", "title_only", "html", SEED[3].stem} <= set(ok)
    assert any("Windows-1256" in w for w in ok["cp1256"]["warnings"])
    assert [z["id"] for z in ok["cp1256"]["zones"]] == ["idlib"]
    assert any("CRLF" in w for w in ok["crlf"]["warnings"])
    assert any("NUL" in w for w in ok["nul"]["warnings"])
    assert any("title only" in w for w in ok["title_only"]["warnings"])
    assert any("HTML" in w for w in ok["html"]["warnings"])
    assert [z["id"] for z in ok[SEED[3].stem]["zones"]] == [
        "idlib", "northern-homs", "eastern-ghouta", "south"]


def test_hostile_markup_is_plain_text(bad_files: dict[str, Path]) -> None:
    res = run("--json", str(bad_files["html"]))
    assert res.returncode == 0, res.stderr
    entry = json.loads(res.stdout)[0]
    assert entry["title"].startswith("عنوان <img src=x onerror=alert(1)>")
    mention = entry["zones"][0]["mentions"][0]
    text = bad_files["html"].read_text(encoding="utf-8")
    assert text[mention["start"]:mention["end"]] == mention["text"] == "إدلب"
    human = run(str(bad_files["html"]))
    assert "<img src=x onerror=alert(1)>" in human.stdout  # printed as is, nothing executed


def test_human_readable_summary_and_exit_zero() -> None:
    res = run(*map(str, SEED))
    assert res.returncode == 0, res.stderr
    assert res.stdout.count("== ") == len(SEED)
    assert "zone idlib [strong]" in res.stdout


def test_usage_errors() -> None:
    assert run().returncode == 2
    assert run("--bogus", str(SEED[0])).returncode == 2
