"""geo.evaluate and ``python -m geo evaluate`` (issue 12): the linker measured on the labelled
set in tests/eval/articles.toml, and the floors it must not fall below."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from geo.evaluate import DEFAULT_SET, EvalSetError, Labelled, evaluate, load_set
from geo.linker import Linker

ROOT = Path(__file__).resolve().parent.parent

# The figures reached on the set (see CHANGELOG, issue 12); a change that loses any fails here.
FLOORS = {"precision": 1.0, "recall": 1.0, "span_exactness": 1.0, "date_recall": 1.0}


@pytest.fixture(scope="module")
def items() -> list[Labelled]:
    return load_set()


@pytest.fixture(scope="module")
def reports(items: list[Labelled]) -> dict:
    return evaluate(items, Linker.from_repo())


def test_the_set_is_what_the_issue_asks(items: list[Labelled]) -> None:
    assert len(items) >= 60
    negatives = [i for i in items if i.kind != "positive"]
    assert len(negatives) * 2 >= len(items)
    kinds = {i.kind for i in negatives}
    assert kinds == {"person", "word", "abroad", "other-area", "reference"}
    for kind in kinds:  # every trap kind in both halves
        assert {i.half for i in negatives if i.kind == kind} == {"dev", "held"}
    assert abs(sum(i.half == "dev" for i in items) - len(items) / 2) <= 1
    assert sum(len(i.dates) for i in items) >= 60


@pytest.mark.parametrize("half", ["all", "dev", "held"])
def test_floors(reports: dict, half: str) -> None:
    rep = reports[half]
    assert rep.links.precision >= FLOORS["precision"], rep.errors
    assert rep.links.recall >= FLOORS["recall"], rep.errors
    assert rep.span_exactness >= FLOORS["span_exactness"]
    assert rep.date_recall >= FLOORS["date_recall"], rep.errors
    assert rep.general.precision == 1.0 and rep.general.recall == 1.0


def test_every_trap_kind_costs_nothing(reports: dict) -> None:
    for kind, c in reports["all"].per_kind.items():
        assert c.fp == 0, (kind, reports["all"].errors)


def test_evaluation_counts_what_it_says(items: list[Labelled]) -> None:
    """The measure itself can fail: a linker that links every zone everywhere is caught."""

    class Everywhere:
        def __init__(self) -> None:
            self.inner = Linker.from_repo()

        def link(self, article):  # type: ignore[no-untyped-def]
            from geo.linker import Mention, ZoneLink

            out = self.inner.link(article)
            out.zones = [ZoneLink(z, [Mention(0, 1, article.text[0], "zone-name", "strong", 0, 1)])
                         for z in ("idlib", "northern-homs", "eastern-ghouta", "south")]
            out.dates = []
            return out

    rep = evaluate(items, Everywhere())["all"]
    assert rep.links.recall == 1.0 and rep.links.precision < 0.2
    assert rep.date_recall == 0.0
    assert rep.per_kind["person"].fp > 0


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "set.toml"
    p.write_text(text, encoding="utf-8")
    return p


@pytest.mark.parametrize("text, message", [
    ("[[article]]\nid = 1\n", "missing half"),
    ("not toml [", "not valid TOML"),
    ("x = 1\n", "no [[article]] tables"),
    ('[[article]]\nid="a"\nhalf="dev"\nkind="positive"\npublished="2017-13-01"\nzones=[]\n'
     'general=false\ndates=[]\ntext="x"\n', "is not an ISO day"),
    ('[[article]]\nid="a"\nhalf="dev"\nkind="positive"\npublished="2017-01-01"\n'
     'zones=["aleppo"]\ngeneral=false\ndates=[]\ntext="x"\n', "zones must be a list of"),
    ('[[article]]\nid="a"\nhalf="test"\nkind="positive"\npublished="2017-01-01"\n'
     'zones=[]\ngeneral=false\ndates=[]\ntext="x"\n', "half must be one of"),
    ('[[article]]\nid="a"\nhalf="dev"\nkind="positive"\npublished="2017-01-01"\n'
     'zones=[]\ngeneral=false\ndates=["5 May"]\ntext="x"\n', "dates must be a list of"),
])
def test_bad_set_is_a_clear_message(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(EvalSetError) as err:
        load_set(_write(tmp_path, text))
    assert message in str(err.value)


def test_cli(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "geo", "evaluate", "--half", "held", "--quiet"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "held-out half: 35 articles" in run.stdout
    assert "precision 100.0 %  recall 100.0 %" in run.stdout
    assert "dates found:    100.0 %" in run.stdout and "per kind of article" in run.stdout
    bad = subprocess.run([sys.executable, "-m", "geo", "evaluate", str(tmp_path / "none.toml")],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert "cannot be read" in bad.stderr


def test_default_set_lives_in_tests() -> None:
    assert DEFAULT_SET == ROOT / "tests" / "eval" / "articles.toml" and DEFAULT_SET.exists()


def test_fresh_set_floors() -> None:
    """tests/eval/fresh.toml was written after the first rules and run once (see its header):
    precision 8/9 then, the miss "نظيره العراقي جاسم المحمد" (a person after a relation noun
    and a nationality nisba, before a family name made of a first name). The second pass
    (linking-12c) added both cues: either one sets it aside, so only the removal of both turns
    this red (each alone is caught by articles.toml n41 / n42 and tests/test_disambiguation)."""
    rep = evaluate(load_set(ROOT / "tests" / "eval" / "fresh.toml"), Linker.from_repo())["all"]
    assert rep.articles == 16
    assert rep.links.precision == 1.0 and rep.links.recall == 1.0, rep.errors
    assert rep.date_recall == 1.0 and rep.span_exactness == 1.0, rep.errors
    assert rep.general.precision == 1.0 and rep.general.recall == 1.0, rep.errors


def test_blind_set_floors() -> None:
    """tests/eval/blind.toml was written by a separate writer who had not seen the rules (see
    its header; only the trap kinds of its negatives were filled in afterwards) and run once on
    2026-12-03: precision and recall 17/18, dates 38/44, general recall 1/5. The second pass
    (linking-12c) looked at its misses, so these figures are no longer a blind measure:
    precision 17/17, recall 17/18, dates 43/44, general 1/1 (four general labels corrected to
    the schema, see the header). Left: b04 "أحياء درعا البلد" (the longer place name, whose
    point lies just outside the south polygon, hides the zone name درعا: a linker matter) and
    b27 a bare "اليوم" (not taken: it is as often "nowadays"). Then b04 was fixed in the
    linker (a longer place outside every zone keeps the zone name it starts with): recall 18/18."""
    rep = evaluate(load_set(ROOT / "tests" / "eval" / "blind.toml"), Linker.from_repo())["all"]
    assert rep.articles == 30
    assert rep.links.precision == 1.0 and rep.links.recall == 1.0, rep.errors
    assert rep.date_recall >= 43 / 44 and rep.span_exactness == 1.0, rep.errors
    assert rep.general.precision == 1.0 and rep.general.recall == 1.0, rep.errors


def test_second_blind_set_floors() -> None:
    """tests/eval/blind2.toml: 40 articles (20 hard negatives) by a writer who read no linker
    code, run blind once on main after the merge of linking-12c: zone links 21/21 precision and
    recall, spans all exact, dates 94 of 98 (see its header; six general labels corrected to the
    schema). These floors keep those figures."""
    rep = evaluate(load_set(ROOT / "tests" / "eval" / "blind2.toml"), Linker.from_repo())["all"]
    assert rep.articles == 40
    assert rep.links.precision == 1.0 and rep.links.recall == 1.0, rep.errors
    assert rep.date_recall >= 94 / 98 and rep.span_exactness == 1.0, rep.errors
    assert rep.general.precision == 1.0 and rep.general.recall == 1.0, rep.errors
