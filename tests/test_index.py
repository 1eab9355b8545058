"""The archive index: exact results on the seeds, incremental updates, damage, concurrency, search,
and the Dask path giving the single process's records article for article."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from geo import index as index_mod
from geo.index import ArticleFilters, ArticleIndex
from geo.records import record_links
from geo.search import parse_query, word_forms

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

# Zones of each seed (medium or strong links), as the linker finds them today.
SEED_ZONES = {
    "000": ("idlib", "eastern-ghouta", "south"),
    "001": (),
    "002": (),
    "003": ("idlib", "northern-homs", "eastern-ghouta", "south"),
    "004": ("idlib", "northern-homs", "eastern-ghouta", "south"),
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "articles"
    d.mkdir()
    for p in SEEDS.iterdir():
        if p.is_file() and not p.name.startswith("."):
            shutil.copy(p, d / p.name)
    return d


@pytest.fixture
def idx(folder: Path, tmp_path: Path) -> ArticleIndex:
    index = ArticleIndex(folder, tmp_path / "index.sqlite")
    index.update()
    yield index
    index.close()


def ids(page) -> list[str]:
    return sorted(r.article_id[:3] for r in page.rows)


def test_the_index_holds_each_seeds_zones(idx: ArticleIndex) -> None:
    assert idx.count() == 5
    page = idx.list_articles(per_page=50)
    assert {r.article_id[:3]: r.zones for r in page.rows} == SEED_ZONES
    # Counts by strength: weak links are kept, apart from the medium/strong ones.
    assert idx.zone_counts()["northern-homs"] == {"strong": 2, "medium": 0, "weak": 1}
    assert idx.zone_counts()["south"] == {"strong": 2, "medium": 1, "weak": 1}


def test_a_record_read_back_equals_the_linker_on_the_file(idx: ArticleIndex,
                                                          folder: Path) -> None:
    from geo.corpus import load_catalog, read_article
    from geo.linker import default_linker

    catalog = load_catalog(folder / "catalog.csv")
    for p in sorted(folder.glob("*.txt")):
        links = default_linker().link(read_article(p, catalog)).to_json()
        back = record_links(idx.record(p.stem), folder).to_json()
        links.pop("file")
        back.pop("file")
        assert back == links, p.name


@pytest.mark.parametrize("spelling", ["ادلب", "إدلب", "لإدلب", "وادلب", "بإدلب", "Idlib",
                                      "IDLEB"])
def test_search_finds_the_three_seeds_that_name_idlib(idx: ArticleIndex, spelling: str) -> None:
    assert ids(idx.search(spelling)) == ["000", "003", "004"]


def test_search_phrases_and_english_place_names(idx: ArticleIndex) -> None:
    assert ids(idx.search('"الغوطة الشرقية"')) == ["000", "003", "004"]
    assert ids(idx.search("Eastern Ghouta")) == ["000", "003", "004"]
    assert ids(idx.search("غوطة")) == ["000", "003", "004"]  # without the article
    assert idx.search("كلمةلاتوجد").total == 0
    # Words are ANDed.
    both = idx.search("ادلب كازاخستان")
    assert set(ids(both)) <= {"000", "003", "004"}


@pytest.mark.parametrize("hostile", ['NEAR(ادلب', '"', "*", "title:ادلب", "ادلب OR",
                                     "AND", "'; DROP TABLE articles; --", "^ادلب", "(((", ""])
def test_fts_syntax_typed_by_a_user_is_only_ever_words(idx: ArticleIndex, hostile: str) -> None:
    page = idx.search(hostile)  # never raises
    assert page.total >= 0
    assert idx.count() == 5


def test_search_results_are_paged_and_ranked_with_a_marked_snippet(idx: ArticleIndex) -> None:
    first = idx.search("ادلب", per_page=2)
    second = idx.search("ادلب", page=2, per_page=2)
    assert (first.total, first.pages, len(first.rows), len(second.rows)) == (3, 2, 2, 1)
    assert not {r.article_id for r in first.rows} & {r.article_id for r in second.rows}
    assert [r.score for r in first.rows] == sorted(r.score for r in first.rows)
    for r in first.rows:
        assert r.marks, r.article_id
        for a, b in r.marks:
            assert r.snippet[a:b] in ("إدلب", "ادلب", "لإدلب", "بإدلب", "وإدلب"), r.snippet[a:b]


def test_filters_narrow_the_list(idx: ArticleIndex) -> None:
    import datetime as dt

    assert ids(idx.list_articles(ArticleFilters(zones=("northern-homs",)))) == ["003", "004"]
    weak = ArticleFilters(zones=("northern-homs",), min_strength="weak")
    assert ids(idx.list_articles(weak)) == ["000", "003", "004"]
    may = ArticleFilters(date_from=dt.date(2017, 5, 1), date_to=dt.date(2017, 5, 31))
    assert ids(idx.list_articles(may)) == ["000", "001", "004"]
    outlet = idx.record("000_cee0218ed6e239c9").outlet_en
    assert ids(idx.list_articles(ArticleFilters(outlets=(outlet,)))) == ["000"]
    assert ids(idx.search("ادلب", ArticleFilters(zones=("northern-homs",)))) == ["003", "004"]


def test_update_links_only_new_changed_and_removed_files(idx: ArticleIndex, folder: Path) -> None:
    assert not idx.needs_update()
    calls: list[str] = []
    real = index_mod.make_index_row

    def counting(path, *a, **k):
        calls.append(path.name)
        return real(path, *a, **k)

    index_mod.make_index_row = counting
    try:
        new = folder / "900_new.txt"
        new.write_text("عنوان\n\nقصفت الطائرات مدينة سراقب في ريف إدلب أمس.\n", encoding="utf-8")
        changed = folder / "001_35c3fa49a389bad8.txt"
        changed.write_text(changed.read_text(encoding="utf-8") + "\nوفي إدلب قتل ثلاثة.\n",
                           encoding="utf-8")
        (folder / "002_724befe74aa1e00f.txt").unlink()
        # Touched or re-saved with other line endings, same words: not relinked.
        touched = next(folder.glob("000_*.txt"))
        os.utime(touched, ns=(10**18, 10**18))
        crlf = next(folder.glob("003_*.txt"))
        crlf.write_bytes(crlf.read_bytes().replace(b"\n", b"\r\n"))
        os.utime(folder)  # some filesystems keep the folder's time within one tick
        assert idx.needs_update()
        summary = idx.update()
        again = idx.update()
    finally:
        index_mod.make_index_row = real
    assert sorted(calls) == ["001_35c3fa49a389bad8.txt", "900_new.txt"]
    assert (summary.added, summary.changed, summary.removed, summary.unchanged) == (1, 1, 1, 3)
    assert (again.added, again.changed, again.unchanged) == (0, 0, 5)
    stat = idx._conn().execute("SELECT size, mtime_ns FROM articles WHERE file=?",
                               (crlf.name,)).fetchone()
    assert stat == (crlf.stat().st_size, crlf.stat().st_mtime_ns)  # the new stat is kept
    assert idx.record("002_724befe74aa1e00f") is None
    assert "idlib" in idx.record("900_new").zone_strengths()
    assert "900" in ids(idx.search("سراقب"))
    assert not idx.needs_update()


def _fts_terms(idx: ArticleIndex) -> dict[str, int]:
    """Every word full-text search holds, with the number of articles holding it."""
    conn = idx._conn()
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.terms USING fts5vocab(main, fts, row)")
    return dict(conn.execute("SELECT term, doc FROM temp.terms"))


def test_a_changed_or_removed_article_leaves_no_word_behind_in_search(
        idx: ArticleIndex, folder: Path) -> None:
    # Full-text search keeps no copy of the words (contentless), so it forgets an article
    # only when given exactly the words it was given; they are made again from the stored
    # text. A word given wrongly stays in the index for ever.
    files = sorted(folder.glob("*.txt"))
    assert "سراقب" not in _fts_terms(idx)
    files[1].write_text("عنوان جديد\n\nقصفت الطائرات مدينة سراقب.\n", encoding="utf-8")
    for f in files[2:]:
        f.unlink()
    os.utime(folder)
    idx.update()
    terms = _fts_terms(idx)
    assert terms["سراقب"] == 1
    expected = idx.search("ادلب", per_page=50).total
    assert expected == 1 and terms["ادلب"] == 1  # the one seed left names Idlib, once
    files[0].unlink()
    files[1].unlink()
    os.utime(folder)
    idx.update()
    assert idx.count() == 0
    assert _fts_terms(idx) == {}


def test_a_changed_catalog_row_relinks_that_article(idx: ArticleIndex, folder: Path) -> None:
    cat = folder / "catalog.csv"
    text = cat.read_text(encoding="utf-8")
    assert "2017-05-27" in text
    cat.write_text(text.replace("2017-05-27", "2017-06-02"), encoding="utf-8")
    summary = idx.update()
    assert summary.changed == 1
    assert idx.record("001_35c3fa49a389bad8").published == "2017-06-02"


def test_a_new_linker_version_relinks_everything(idx: ArticleIndex, monkeypatch) -> None:
    monkeypatch.setattr(index_mod, "linker_version", lambda: "another-linker")
    assert idx.needs_update()
    summary = idx.update()
    assert summary.rebuilt and summary.added == 5 and summary.unchanged == 0


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty", "other-schema"])
def test_a_damaged_index_is_rebuilt_with_one_line(folder: Path, tmp_path: Path,
                                                  damage: str) -> None:
    path = tmp_path / "index.sqlite"
    idx = ArticleIndex(folder, path)
    idx.update()
    idx.close()
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    if damage == "truncate":
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 3])
    elif damage == "garbage":
        path.write_bytes(b"not a database at all" * 100)
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        path.unlink()
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE articles (x)")
        conn.commit()
        conn.close()
    fresh = ArticleIndex(folder, path)
    assert fresh.needs_update()
    summary = fresh.update()
    assert summary.added == 5
    if damage != "empty":  # an empty file is simply a new database to SQLite
        assert len(fresh.notes) == 1 and "rebuilt" in fresh.notes[0], fresh.notes
    assert ids(fresh.search("ادلب")) == ["000", "003", "004"]


def test_an_unreadable_file_is_a_listed_problem_and_the_rest_loads(folder: Path,
                                                                   tmp_path: Path) -> None:
    (folder / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    idx = ArticleIndex(folder, tmp_path / "i.sqlite")
    summary = idx.update()
    assert idx.count() == 5
    assert [p.file for p in idx.problems()] == ["bad.txt"]
    assert "PNG" in summary.problems[0].message
    # Not retried while it stays the same file; gone from the list once removed.
    assert idx.update().linked == 0
    (folder / "bad.txt").unlink()
    assert idx.update().problems == [] and idx.problems() == []


def test_adding_one_file_links_it_alone_and_the_app_check_stays_quiet(
        idx: ArticleIndex, folder: Path) -> None:
    from geo.ingest import ingest_text

    result = ingest_text("خبر\n\nوصلت قوات روسية إلى دوما في الغوطة الشرقية.\n".encode(),
                         "x.txt", seeds_dir=folder, meta={"outlet_en": "Test"})
    assert result.ok
    summary = idx.add_files([result.path.name])
    assert (summary.added, summary.total) == (1, 6)
    assert idx.record(result.article_id).outlet_en == "Test"
    assert not idx.needs_update()


WRITER = textwrap.dedent("""
    import sys
    sys.path.insert(0, {root!r})
    from pathlib import Path
    from geo.index import ArticleIndex
    idx = ArticleIndex(Path({folder!r}), Path({path!r}))
    for k in range(3):
        idx.update()
    print(idx.count())
""")


def test_concurrent_updates_lose_nothing(folder: Path, tmp_path: Path) -> None:
    """Two processes updating while files arrive: the index ends equal to the folder."""
    path = tmp_path / "shared.sqlite"
    script = WRITER.format(root=str(ROOT), folder=str(folder), path=str(path))
    procs = [subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for k in range(20):
        (folder / f"7{k:02d}_x.txt").write_text(f"عنوان {k}\n\nخبر عن درعا رقم {k}.\n",
                                                encoding="utf-8")
    for p in procs:
        _out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    idx = ArticleIndex(folder, path)
    idx.update()
    assert idx.count() == 25
    assert idx.search("درعا").total >= 20


def test_query_forms_come_from_the_linkers_normalisation() -> None:
    assert "ادلب" in word_forms("لإدلب") and "وادلب" in word_forms("ادلب")
    assert "بالغوطه" in word_forms("غوطة")
    q = parse_query("Idlib")
    assert q.english == (("idlib", "إدلب"),)
    assert parse_query("   ").expression == ""


def test_dask_engine_gives_the_single_process_records(folder: Path, tmp_path: Path) -> None:
    """Two local worker processes (the default engine's LocalCluster, reached by its address
    as a cluster would be), small chunks so both work: same records."""
    from distributed import Client

    from geo import batch
    from geo.corpus import load_catalog

    for k in range(30):
        src = sorted(SEEDS.glob("*.txt"))[k % 5]
        text = src.read_text(encoding="utf-8").replace("إدلب", ["درعا", "دوما", "الرستن"][k % 3],
                                                      k % 4)
        (folder / f"8{k:02d}_copy.txt").write_text(f"نسخة {k}\n{text}", encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"%PDF-1.4 binary")
    single = ArticleIndex(folder, tmp_path / "single.sqlite")
    single.update()
    names = sorted(p.name for p in folder.glob("*.txt"))
    catalog = load_catalog(folder / "catalog.csv")
    version = index_mod.linker_version()
    with batch.local_cluster(2) as cluster:
        with Client(cluster) as client:
            # No dashboard: the workers' 10 ms stack sampler would run for nobody.
            sampling = client.run(lambda dask_worker: "profile" in dask_worker.periodic_callbacks)
            assert len(sampling) == 2 and not any(sampling.values())
        out = list(batch.link_with_dask(folder, names, catalog, version,
                                        scheduler=cluster.scheduler_address, chunk=3))
    rows = {r.file: r for r in out if not isinstance(r, tuple)}
    problems = [r for r in out if isinstance(r, tuple)]
    assert len(rows) == 35 and [p[0] for p in problems] == ["bad.txt"]
    from geo.linker import default_linker
    from geo.records import index_row, make_record

    for name, row in rows.items():
        # Every value the index stores (text, findings, blobs, zone links, places, search
        # text) equals the single process's, article for article.
        assert row == index_row(make_record(folder / name, catalog, default_linker(),
                                            version)), name
        aid = row.article[0]
        assert index_row(single.record(aid)) == row, aid
    # And through the index, end to end.
    via_dask = ArticleIndex(folder, tmp_path / "dask.sqlite")
    summary = via_dask.update(engine="dask", workers=2)
    assert summary.added == 35
    assert ids(via_dask.search("ادلب", per_page=100)) == ids(single.search("ادلب", per_page=100))
    tables = ("SELECT a.file, z.zone_id, z.strength, z.kinds, z.mentions, z.sort_key FROM "
              "zone_links z JOIN articles a USING (rid) ORDER BY 1, 2",
              "SELECT a.file, p.geonameid, p.start, p.\"end\", p.lat FROM places p "
              "JOIN articles a USING (rid) ORDER BY 1, 3")
    for sql in tables:
        assert via_dask._conn().execute(sql).fetchall() == single._conn().execute(sql).fetchall()


def test_a_bulk_import_from_the_cli_links_only_what_it_adds(folder: Path, tmp_path: Path,
                                                             monkeypatch, capsys) -> None:
    from geo import ingest

    monkeypatch.setenv("ATLAS_INDEX_DIR", str(tmp_path / "indexes"))
    (tmp_path / "indexes").mkdir()
    idx = ArticleIndex(folder)  # at its default place, where the CLI looks
    idx.update()
    src = tmp_path / "incoming"
    src.mkdir()
    for k in range(3):
        (src / f"n{k}.txt").write_text(f"خبر {k}\n\nقصف على بلدة تلبيسة في ريف حمص الشمالي {k}.\n",
                                       encoding="utf-8")
    (src / "dup.txt").write_bytes((folder / "004_e62c1ba707bd6d3d.txt").read_bytes())
    calls: list[str] = []
    real = index_mod.make_index_row

    def counting(path, *a, **k):
        calls.append(path.name)
        return real(path, *a, **k)

    monkeypatch.setattr(index_mod, "make_index_row", counting)
    code = ingest.main(["--seeds", str(folder), str(src)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert len(calls) == 3 and "index: 3 linked (8 articles in the index)" in out
    assert idx.list_articles(ArticleFilters(zones=("northern-homs",)), per_page=50).total == 5
    assert not idx.needs_update()
    idx.close()


def test_the_one_pass_search_text_hashes_as_the_import_duplicate_check(folder: Path) -> None:
    """Records hash the text while normalising it for search; the hash must stay the one
    ``geo.ingest`` decides duplicates by, or an index-fed import would miss duplicates."""
    from geo.corpus import article_from_text, read_article
    from geo.ingest import content_hash
    from geo.records import _search_text_and_hash

    texts = [read_article(p).text for p in sorted(folder.glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "fixtures" /
                                                              "articles").glob("*.txt"))]
    # Whitespace runs and marks across the body's edges, presentation forms, tatweel, CRLF.
    texts.append("عنوان\r\n\r\n  بدأت   المعارك في إدلـــب  \u064e\n\nاقرأ أيضا\nﻹدلب\t\t اليوم\n")
    for text in texts:
        art = article_from_text(text, "x")
        assert _search_text_and_hash(art)[1] == content_hash(art.text), text[:40]


def test_ranking_split_across_threads_gives_the_same_pages(tmp_path: Path, monkeypatch) -> None:
    """A common word's ranking is cut into rowid ranges ranked in parallel and merged: every
    page, with and without filters, equals the one-query ranking (same rows, scores, order)."""
    from benchmarks.gen_corpus import write_corpus

    folder = write_corpus(300, tmp_path / "gen", seed=11)
    index = ArticleIndex(folder, tmp_path / "gen.sqlite")
    index.update()
    parts_used = []
    real_pool = index_mod._rank_pool
    monkeypatch.setattr(index_mod, "_rank_parts", lambda: 2)
    monkeypatch.setattr(index_mod, "_rank_pool",
                        lambda: parts_used.append(1) or real_pool())
    filters = [ArticleFilters(), ArticleFilters(zones=("idlib",)),
               ArticleFilters(outlets=(index.outlets()[0][0],))]
    compared = 0
    for query in ("ادلب", "الشرطة العسكرية", "درعا", "وقف إطلاق النار"):
        for f in filters:
            for page, per_page in ((1, 7), (2, 7), (4, 7), (1, 400)):  # 400: every match
                monkeypatch.setattr(index_mod, "SPLIT_RANK_FROM", 10**9)
                one = index.search(query, f, page=page, per_page=per_page)
                monkeypatch.setattr(index_mod, "SPLIT_RANK_FROM", 0)
                two = index.search(query, f, page=page, per_page=per_page)
                assert two == one, (query, f, page)
                compared += bool(one.rows)
    index.close()
    assert compared >= 20 and parts_used  # the split path really ran, on pages with hits


def _plain_page(index: ArticleIndex, query: str, f: ArticleFilters, page: int,
                per_page: int) -> tuple[int, int, list[tuple[int, float]]]:
    """The search page computed the plain way: count, clamp the page, one ORDER BY query."""
    q = parse_query(query)
    conn = index._conn()
    expression = q.expression_with(index._known_words(conn, q.words()))
    where, args = index_mod._where(f)
    source = "fts JOIN articles a ON a.rid = fts.rowid"
    cond_args = [expression, *args]
    total = conn.execute(f"SELECT count(*) FROM {source} WHERE fts MATCH ? AND {where}",
                         cond_args).fetchone()[0]
    page = index_mod._clamp_page(page, total, per_page)
    rows = conn.execute(f"SELECT fts.rowid, bm25(fts, 4.0, 1.0) AS s FROM {source} WHERE "
                        f"fts MATCH ? AND {where} ORDER BY s, fts.rowid LIMIT ? OFFSET ?",
                        [*cond_args, per_page, (page - 1) * per_page]).fetchall()
    return total, page, rows


def test_search_pages_equal_the_plain_ranking(tmp_path: Path, monkeypatch) -> None:
    """The count runs beside the ranking, a page past the last is clamped afterwards and the
    filters are conditions on the FTS row id: every page (totals, page numbers, rows, scores,
    order), split or not, equals the plain query's (the articles joined, filtered by
    ``_where``), including pages past the end."""
    import datetime as dt

    from benchmarks.gen_corpus import write_corpus

    folder = write_corpus(200, tmp_path / "gen", seed=5)
    index = ArticleIndex(folder, tmp_path / "gen.sqlite")
    index.update()
    articles = index.count()
    rids = dict(index._conn().execute("SELECT article_id, rid FROM articles"))
    # Edge dates for the filters: undated articles, and one on the first day of the range.
    index._conn().execute("UPDATE articles SET published = '' WHERE rid % 9 = 0")
    index._conn().execute("UPDATE articles SET published = '2018-01-01' WHERE rid % 9 = 1")

    filters = [ArticleFilters(), ArticleFilters(zones=("idlib", "south"), min_strength="strong"),
               ArticleFilters(outlets=(index.outlets()[0][0],)),
               ArticleFilters(date_from=dt.date(2018, 1, 1), date_to=dt.date(2019, 6, 30)),
               ArticleFilters(zones=("idlib", "eastern-ghouta"), min_strength="weak",
                              outlets=tuple(o for o, _, _ in index.outlets()[:3]),
                              date_to=dt.date(2019, 1, 1))]
    checked = 0
    for split in (10**9, 0):
        monkeypatch.setattr(index_mod, "SPLIT_RANK_FROM", split)
        for query in ("ادلب", "درعا", "وقف إطلاق النار", "Eastern Ghouta"):
            for f in filters:
                for page, per_page in ((1, 6), (3, 6), (40, 6), (articles // 6 + 1, 6),
                                       (10**6, 6), (1, 500)):
                    got = index.search(query, f, page=page, per_page=per_page)
                    total, want_page, want = _plain_page(index, query, f, page, per_page)
                    assert (got.total, got.page) == (total, want_page), (query, f, page)
                    assert [(rids[r.article_id], r.score) for r in got.rows] == want
                    checked += len(want) > 0 and page > 1
    index.close()
    assert checked >= 20  # pages past the first, with hits, really compared


def test_the_ranking_helper_process_is_used_and_replaceable(tmp_path: Path,
                                                           monkeypatch) -> None:
    """Part of a split ranking runs in a helper process: same pages as one query; a helper
    killed in between (started again), one that cannot start (a thread ranks), or an index
    rebuilt under it (a new file at the same path) changes nothing."""
    from benchmarks.gen_corpus import write_corpus

    folder = write_corpus(150, tmp_path / "gen", seed=3)
    path = tmp_path / "gen.sqlite"
    index = ArticleIndex(folder, path)
    index.update()

    def both(query: str) -> tuple[object, object, dict[str, float]]:
        monkeypatch.setattr(index_mod, "SPLIT_RANK_FROM", 10**9)
        one = index.search(query, per_page=50)
        monkeypatch.setattr(index_mod, "SPLIT_RANK_FROM", 0)
        timings: dict[str, float] = {}
        return one, index.search(query, per_page=50, timings=timings), timings

    one, two, timings = both("ادلب")
    assert two == one and one.total > 10 and "helper_cpu" in timings  # the helper ranked
    index_mod._HELPER.proc.kill()
    one, two, timings = both("وقف إطلاق النار")
    assert two == one and one.total > 10 and "helper_cpu" in timings  # started again
    index_mod._HELPER.stop()
    with monkeypatch.context() as m:  # a helper that cannot start: a thread ranks instead
        m.setattr(index_mod.sys, "executable", str(tmp_path / "no-python"))
        one, two, timings = both("وقف إطلاق النار")
        assert two == one and one.total > 10 and "helper_cpu" not in timings
    assert "helper_cpu" in both("ادلب")[2]  # a helper again, its connection on the old file
    index.close()
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    (folder / "catalog.csv").unlink()
    for f in sorted(folder.glob("*.txt"))[::2]:
        f.unlink()
    rebuilt = ArticleIndex(folder, path)
    rebuilt.update()
    index = rebuilt
    one, two, timings = both("ادلب")
    assert two == one and "helper_cpu" in timings
    assert one.total == len(rebuilt.search("ادلب", per_page=500).rows) < 150
    index.close()


def test_search_reports_its_stages(idx: ArticleIndex) -> None:
    timings: dict[str, float] = {}
    idx.search("ادلب", timings=timings)
    assert {"parse", "known_words", "rank", "count", "fetch", "snippets", "total"} <= set(timings)
    assert all(v >= 0 for v in timings.values())
    assert timings["total"] >= timings["rank"] + timings["snippets"]


def test_every_module_that_links_is_in_the_linker_version() -> None:
    """Editing any module the linking imports must relink a stored index: each one is digested
    (a new module such as geo.disambiguation, left out, would keep stale links)."""
    code = textwrap.dedent("""
        import sys
        from pathlib import Path
        from geo.corpus import load_catalog
        from geo.linker import default_linker
        from geo.records import make_record
        seeds = Path(sys.argv[1])
        catalog = load_catalog(seeds / "catalog.csv")
        for path in sorted(seeds.glob("*.txt")):
            make_record(path, catalog, default_linker(), "v")
        print(" ".join(sorted(m for m in sys.modules if m == "geo" or m.startswith("geo."))))
    """)
    out = subprocess.run([sys.executable, "-c", code, str(SEEDS)], capture_output=True,
                         text=True, check=True, cwd=ROOT).stdout.split()
    # Loaded, but they only name paths, shape error messages or check the curated tables.
    not_linking = {"geo.paths", "geo.problems", "geo.evidence"}
    digested = {"geo" if f == "__init__.py" else "geo." + f.removesuffix(".py")
                for f in index_mod._LINKER_SOURCES}
    assert set(out) - not_linking <= digested, set(out) - not_linking - digested


def test_the_index_in_its_default_place_does_not_make_itself_look_stale(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # In the articles folder itself, SQLite's -wal/-shm and the writer's lock changed the
    # folder's modification time, so needs_update() was true after every update: the app then
    # re-scanned the whole archive on every run (about 0.9 s at 100,000 articles).
    import shutil
    import sqlite3

    from geo.index import ArticleIndex, default_index_path

    monkeypatch.delenv("ATLAS_INDEX_DIR", raising=False)
    folder = tmp_path / "articles"
    folder.mkdir()
    for f in [*sorted((ROOT / "seeds").glob("*.txt")), ROOT / "seeds" / "catalog.csv"]:
        shutil.copy(f, folder / f.name)
    path = default_index_path(folder)
    assert path.parent.parent == folder and path.parent.name.startswith(".")
    idx = ArticleIndex(folder, path)
    idx.update()
    assert not idx.needs_update()
    idx.search("ادلب")
    other = sqlite3.connect(path)
    other.execute("SELECT count(*) FROM articles").fetchall()
    other.close()
    ArticleIndex(folder, path).update()
    assert not idx.needs_update()
    (folder / "900_new.txt").write_text("عنوان\n\nقصف على ريف إدلب اليوم.\n", encoding="utf-8")
    assert idx.needs_update()


def test_a_small_dask_job_is_cut_so_both_workers_stay_busy() -> None:
    from geo.batch import CHUNK, chunk_size

    # 1,000 files on two workers were 400 + 400 + 200: one worker idle for the last third.
    assert chunk_size(1000, 2) == 125
    assert -(-1000 // chunk_size(1000, 2)) >= 4 * 2
    assert chunk_size(100_000, 2) == CHUNK  # a large job keeps chunks that amortise scheduling
    assert chunk_size(10, 2) >= 1 and chunk_size(35, 2, 3) == 3
