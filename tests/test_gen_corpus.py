"""The synthetic corpus generator (benchmarks/gen_corpus.py): deterministic, unique, in the
project's own formats, and realistic enough that the linker finds every zone, dates and forces.
Everything is written under tmp_path."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import sys
from pathlib import Path

import pytest

from geo import ZONE_IDS
from geo.corpus import CATALOG_COLUMNS, check_catalog, load_catalog, read_article
from geo.dates import extract_dates
from geo.ingest import content_hash
from geo.linker import Linker

ROOT = Path(__file__).resolve().parent.parent


def _load_generator():
    # benchmarks/ is not a package; load the script as a module once.
    spec = importlib.util.spec_from_file_location("gen_corpus", ROOT / "benchmarks" /
                                                  "gen_corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["gen_corpus"] = module
    spec.loader.exec_module(module)
    return module


gen = _load_generator()


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    a = _tree(gen.write_corpus(40, tmp_path / "a", seed=7))
    b = _tree(gen.write_corpus(40, tmp_path / "b", seed=7))
    c = _tree(gen.write_corpus(40, tmp_path / "c", seed=8))
    assert a == b
    assert len(a) == 41  # 40 articles + catalog.csv
    assert a["catalog.csv"] != c["catalog.csv"]
    assert not set(a) & set(c) - {"catalog.csv"}


def test_a_longer_run_extends_a_shorter_one() -> None:
    short = [art.text for art in gen.generate(15, 3)]
    longer = [art.text for art in gen.generate(30, 3)]
    assert longer[:15] == short


def test_jsonl_is_deterministic_and_has_the_import_fields(tmp_path: Path) -> None:
    p1 = gen.write_jsonl(25, tmp_path / "one.jsonl", seed=5)
    p2 = gen.write_jsonl(25, tmp_path / "two.jsonl", seed=5)
    assert p1.read_bytes() == p2.read_bytes()
    rows = [json.loads(line) for line in p1.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 25
    for row in rows:
        assert set(row) == {"text", "title", "outlet", "url", "published"}
        assert row["title"] in row["text"].split("\n")[0]
        dt.date.fromisoformat(row["published"])


def test_500_articles_have_distinct_hashes_and_ingest_style_names() -> None:
    arts = list(gen.generate(500))
    hashes = [content_hash(a.text) for a in arts]
    assert len(set(hashes)) == 500
    for k, (art, digest) in enumerate(zip(arts, hashes, strict=True)):
        # The piecewise hash the generator uses must equal geo.ingest's, for every article.
        assert art.article_id == f"{k:06d}_{digest[:16]}"
    lengths = [len(a.text) for a in arts]
    assert min(lengths) >= 800 and max(lengths) <= 6000
    assert 2000 <= sum(lengths) / len(lengths) <= 3000


def test_catalog_rows_match_the_files(tmp_path: Path) -> None:
    folder = gen.write_corpus(60, tmp_path / "corpus")
    header = (folder / "catalog.csv").read_text(encoding="utf-8").split("\n")[0]
    assert tuple(header.split(",")) == CATALOG_COLUMNS
    assert check_catalog(folder / "catalog.csv", folder) == []
    catalog = load_catalog(folder / "catalog.csv")
    stems = {p.stem for p in folder.glob("*.txt")}
    assert set(catalog) == stems and len(stems) == 60
    for row in catalog.values():
        assert row.date_method == "synthetic"
        assert row.published is not None
        assert gen.FIRST_DAY <= row.published <= gen.LAST_DAY
        assert row.url.startswith("https://example.org/synthetic/")
        assert row.date_confidence is not None
        art = read_article(folder / f"{row.article_id}.txt", catalog)
        assert art.catalog == row
        assert content_hash(art.text)[:16] == row.article_id.split("_")[1]


def test_refuses_a_folder_that_already_holds_a_corpus(tmp_path: Path) -> None:
    gen.write_corpus(3, tmp_path)
    with pytest.raises(FileExistsError):
        gen.write_corpus(3, tmp_path)


def test_the_linker_finds_every_zone_dates_and_forces_in_300_articles(tmp_path: Path) -> None:
    folder = gen.write_corpus(300, tmp_path / "corpus")
    catalog = load_catalog(folder / "catalog.csv")
    lk = Linker.from_repo()
    seen: set[str] = set()
    no_zone = with_dates = with_forces = 0
    for p in sorted(folder.glob("*.txt")):
        links = lk.link(read_article(p, catalog))
        zones = links.zone_ids("medium")
        seen.update(zones)
        no_zone += not zones
        with_dates += any(d.date for d in links.dates)
        with_forces += bool(links.forces)
    assert seen == set(ZONE_IDS)
    assert 0.25 <= no_zone / 300 <= 0.55  # realistic hit rate: most, not all, name a zone
    assert with_dates / 300 > 0.8
    assert with_forces / 300 > 0.3


@pytest.mark.parametrize("month", range(1, 13))
def test_month_names_taken_from_geo_dates_read_back(month: int) -> None:
    # The generator assumes geo.dates lists Egyptian names before the Levantine one.
    egyptian, levantine = gen.MONTHS[month]
    assert egyptian and levantine not in egyptian
    for text in (f"في 5 {levantine}/{egyptian[0]} 2018", f"في 5 {egyptian[-1]} 2018"):
        found = extract_dates(text, None)
        assert [d.date for d in found] == [f"2018-{month:02d}-05"], text


def test_counted_nouns_follow_arabic_number_agreement() -> None:
    forms = ("مدنيين", "مدنياً", "مدني")
    assert gen.counted(3, *forms) == "3 مدنيين"
    assert gen.counted(10, *forms) == "10 مدنيين"
    assert gen.counted(11, *forms) == "11 مدنياً"
    assert gen.counted(200, *forms) == "200 مدني"
    assert gen.counted(102, *forms) == "104 مدنيين"  # 1 and 2 need other constructions


def test_cli_writes_and_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert gen.main(["20", str(tmp_path / "out"), "--seed", "11", "--sample", "20"]) == 0
    out = capsys.readouterr().out
    assert "articles/s" in out and "sanity report" in out
    assert len(list((tmp_path / "out").glob("*.txt"))) == 20
    assert gen.main(["5", str(tmp_path / "unused"), "--jsonl", str(tmp_path / "x.jsonl"),
                     "--sample", "0"]) == 0
    assert len((tmp_path / "x.jsonl").read_text(encoding="utf-8").splitlines()) == 5
    assert not (tmp_path / "unused").exists()
