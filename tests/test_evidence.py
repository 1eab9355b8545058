"""Deciding phrases (issue 15): every fact row quotes the words of its source that decide it, or
says it is unverified; a figure in a summary must be in its phrase; the rows found wrong stay
corrected."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from geo import evidence as E
from geo import forces as F
from geo import timeline as T
from geo.paths import ROOT as PROJECT_ROOT
from geo.validate import check_change_phrases
from geo.zone_versions import CHANGES_PATH

# --------------------------------------------------------------------------- figures


@pytest.mark.parametrize("text, expected", [
    ("84 settlements and more than 147,000 people from noon on 3 August", {"84", "147000"}),
    ("Astana-6 (UN document S/2018/852) on 14–15 Sep 2017", set()),
    ("a ceasefire from 00:01 on 6 March along the M4, 6 km either side", {"6"}),
    ("the 2019 and 2019–20 offensives; seed 004 says so", set()),
    ("the 11th post; July 9; 2018-07-19", set()),
    ("more than 13,500 people left Douma", {"13500"}),
])
def test_figures_are_counts_not_dates_or_names(text: str, expected: set[str]) -> None:
    assert E.figures(text) == expected


def test_numbers_in_a_phrase_however_written() -> None:
    assert {"84", "147000"} <= E.numbers_in("84 inhabited areas with more than 147 thousand")
    assert "500" in E.numbers_in("يمكن أن ترسل كل منها ٥٠٠ مراقب")
    assert "8" in E.numbers_in("the deployment is planned of eight observation posts")
    assert "27000" in E.numbers_in("more than 27,000 civilians")


# --------------------------------------------------------------------------- the rule


def _msgs(ev: E.Evidence, summary: str = "", seeds: Path | None = None) -> str:
    return "\n".join(str(p) for p in E.problems("t.csv", "line 2 (x)", ev, {"summary_en": summary},
                                               seeds))


def test_a_quoted_row_needs_its_phrase_and_an_unverified_one_says_why() -> None:
    assert "has no phrase" in _msgs(E.Evidence("", "", "quoted", ""))
    assert "without a check_note" in _msgs(E.Evidence("", "", "unverified", ""))
    assert "not one of quoted, unverified" in _msgs(E.Evidence("words", "", "", ""))
    assert "ftp://x" in _msgs(E.Evidence("words", "ftp://x", "quoted", ""))
    assert "characters" in _msgs(E.Evidence("w" * (E.MAX_PHRASE + 1), "", "quoted", ""))
    assert _msgs(E.Evidence("", "", "unverified", "page not found")) == ""
    assert _msgs(E.Evidence("the army took it on Sunday", "", "quoted", "")) == ""


def test_a_figure_the_phrase_does_not_give_is_named() -> None:
    ev = E.Evidence("Russia reports the state flag over Douma", "", "quoted", "")
    msgs = _msgs(ev, "after more than 13,500 people left Douma on 14 April")
    assert "line 2 (x)" in msgs and "summary_en states 13500" in msgs
    ok = E.Evidence("more than 27,000 civilians and gunmen have left", "", "quoted", "")
    assert _msgs(ok, "more than 27,000 had left by 15 May") == ""


def test_a_seed_phrase_must_be_verbatim_in_the_article(tmp_path: Path) -> None:
    (tmp_path / "001_x.txt").write_text("العنوان\nنص المقال كما هو.", encoding="utf-8")
    assert _msgs(E.Evidence("نص المقال", "seed:001_x", "quoted", ""), seeds=tmp_path) == ""
    assert "not verbatim" in _msgs(E.Evidence("نص مقال", "seed:001_x", "quoted", ""),
                                   seeds=tmp_path)
    assert "no readable file" in _msgs(E.Evidence("نص", "seed:999_y", "quoted", ""),
                                       seeds=tmp_path)


# --------------------------------------------------------------------------- the shipped data


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.open(encoding="utf-8")))


@pytest.mark.parametrize("path", [T.TIMELINE_PATH, T.ZONE_STATUS_PATH, F.FORCES_PATH])
def test_every_shipped_row_has_a_phrase_or_an_unverified_mark(path: Path) -> None:
    rows = _rows(path)
    assert rows and all(r["check"] in E.CHECKS for r in rows)
    assert all(r["phrase"] for r in rows if r["check"] == "quoted")
    assert all(r["check_note"] for r in rows if r["check"] == "unverified")


def test_the_shipped_tables_and_changes_pass_the_rule() -> None:
    problems = T.check_files() + F.check_files() + check_change_phrases()
    assert [str(p) for p in problems if p.severity == "error"] == []


def test_the_loaders_carry_the_phrase_to_the_app() -> None:
    sochi = next(e for e in T.load_events() if e.event_id == "sochi-memorandum")
    assert sochi.evidence.verified and "17 September 2018" in sochi.evidence.phrase
    assert sochi.to_json()["phrase"] == sochi.evidence.phrase
    seed = next(r for r in F.load_forces() if r.force_id == "seed000-iran-ghasemi")
    assert seed.evidence.seed_article == "000_cee0218ed6e239c9"


def test_validate_names_the_row_that_breaks_the_rule(tmp_path: Path) -> None:
    """``python -m geo validate`` path: a change with neither phrase nor mark, a table row with
    a figure its phrase lacks."""
    text = CHANGES_PATH.read_text(encoding="utf-8")
    broken = text.replace('check = "quoted"', 'check = "maybe"', 1)
    path = tmp_path / "zone_changes.toml"
    path.write_text(broken, encoding="utf-8")
    (p,) = [p for p in check_change_phrases(path) if p.severity == "error"]
    assert p.item == "change idlib-2018-01-sinjar" and "not one of quoted" in p.message
    wrong_key = text.replace('phrase_source = "PAKTODAY-SINJAR"', 'phrase_source = "NOPE"', 1)
    path.write_text(wrong_key, encoding="utf-8")
    assert any("'NOPE' is not one of its sources" in str(p) for p in check_change_phrases(path))

    rows = _rows(T.TIMELINE_PATH)
    row = next(r for r in rows if r["event_id"] == "ghouta-end")
    row["summary_en"] = row["summary_en"].replace("after the last fighters",
                                                  "after more than 13,500 fighters")
    bad = tmp_path / "timeline.csv"
    with bad.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    msgs = [str(p) for p in T.check_files(bad, T.ZONE_STATUS_PATH)]
    assert any("(ghouta-end)" in m and "states 13500" in m for m in msgs), msgs


def test_validate_cli_reports_the_counts() -> None:
    out = subprocess.run([sys.executable, "-m", "geo", "validate"], cwd=PROJECT_ROOT,
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "sourced facts (" in out.stdout and "marked unverified" in out.stdout


# --------------------------------------------------------------------------- the rows corrected


def test_the_rows_issue_15_found_wrong_stay_corrected() -> None:
    events = {e.event_id: e for e in T.load_events()}
    assert "idlib-maps" not in events  # "approved in Ankara on 8 Sep 2017": no source found
    assert not any("13,500" in e.summary_en for e in events.values())
    assert "27,000" in events["homs-end"].summary_en
    assert not any("34,500" in e.summary_en for e in events.values())
    assert events["daraa-quneitra-deals"].end.isoformat() == "2018-07-19"
    assert events["golan-posts"].kind == "proposal"
    status = {(s.zone_id, s.status): s for s in T.load_zone_status()}
    assert status[("south", "ended")].start.isoformat() == "2018-07-19"
    assert status[("idlib", "ended")].start.isoformat() == "2024-11-27"
    forces = {r.force_id: r for r in F.load_forces()}
    assert forces["russia-golan-posts-2018"].stance == "proposed"
    assert "planned" in forces["russia-golan-posts-2018"].evidence.phrase
    assert forces["russia-golan-first-post-2018"].stance == "deployed"
