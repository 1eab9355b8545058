"""Bulk import (geo.ingest): folders, zip archives and JSON Lines, resumable, with hostile
archives refused unread and a catalog row for every article added."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from geo import ingest
from geo.ingest import (
    Item,
    Limits,
    content_hash,
    ingest_items,
    ingest_paths,
    ingest_zip_bytes,
)
from geo.paths import ROOT


def article(k: int) -> str:
    return f"عنوان الخبر رقم {k}\n\nقالت مصادر إن منطقة خفض التصعيد في إدلب شهدت حدثا رقم {k}.\n"


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    d = tmp_path / "seeds"
    d.mkdir()
    return d


def catalog(seeds: Path) -> list[dict[str, str]]:
    path = seeds / "catalog.csv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def article_ids(seeds: Path) -> set[str]:
    return {p.stem for p in seeds.glob("*.txt")}


def assert_catalog_complete(seeds: Path) -> None:
    ids = [r["article_id"] for r in catalog(seeds)]
    assert sorted(ids) == sorted(article_ids(seeds)), "one row per article, no more, no less"


def make_zip(entries: dict[str, bytes | str], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buf.getvalue()


# --- sources ------------------------------------------------------------------------------------

def test_folder_is_read_recursively_with_exact_counts(tmp_path: Path, seeds: Path) -> None:
    src = tmp_path / "in"
    (src / "sub" / "deeper").mkdir(parents=True)
    (src / ".git").mkdir()
    for k in range(3):
        (src / f"a{k}.txt").write_text(article(k), encoding="utf-8")
    (src / "sub" / "deeper" / "b.TXT").write_text(article(10), encoding="utf-8")
    (src / "sub" / "copy.txt").write_text(article(0), encoding="utf-8")  # duplicate
    (src / "sub" / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (src / ".git" / "x.txt").write_text(article(20), encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    result = ingest_paths([src], seeds)
    assert len(result.added) == 4
    assert len(result.duplicates) == 1 and result.duplicates[0][0].endswith("copy.txt")
    assert [r.code for r in result.refused] == ["empty"]
    assert sorted(Path(s).name for s in result.skipped) == [".git", "photo.jpg"]
    assert set(result.added) == article_ids(seeds)
    assert_catalog_complete(seeds)


def test_zip_entries_are_read_in_memory_with_exact_counts(tmp_path: Path, seeds: Path) -> None:
    archive = tmp_path / "batch.zip"
    archive.write_bytes(make_zip({
        "one.txt": article(1), "dir/two.txt": article(2).encode("cp1256"),
        "dir/again.txt": article(1), "readme.md": "x", "__MACOSX/dir/._two.txt": b"\x00\x05",
        "dir/": b"",
    }))
    result = ingest_paths([archive], seeds)
    assert len(result.added) == 2 and len(result.duplicates) == 1
    assert result.refused == []
    assert sorted(result.skipped) == [f"{archive}:__MACOSX/dir/._two.txt", f"{archive}:readme.md"]
    assert result.origin[result.added[0]] == f"{archive}:one.txt"
    texts = {p.read_text(encoding="utf-8") for p in seeds.glob("*.txt")}
    assert texts == {article(1), article(2)}  # the cp1256 entry is stored as UTF-8
    assert not (tmp_path / "one.txt").exists() and not (tmp_path / "dir").exists()
    assert_catalog_complete(seeds)


def test_jsonl_records_titles_metadata_and_broken_lines(tmp_path: Path, seeds: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"text": "نص الخبر عن درعا.", "title": "عنوان درعا", "outlet": "عنب بلدي",
                    "url": "https://example.org/1", "published": "2017-05-04"},
                   ensure_ascii=False),
        "{not json",
        "",
        json.dumps({"title": "no text here"}),
        json.dumps({"text": "Homs title\nbody about Homs", "title": "Homs title",
                    "outlet": "Enab Baladi", "published": "May 2017"}),
        json.dumps(["a list"]),
        json.dumps({"text": "نص الخبر عن درعا.", "title": "عنوان درعا"}, ensure_ascii=True),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = ingest_paths([path], seeds, meta={"date_evidence": "feed"})
    assert len(result.added) == 2 and len(result.duplicates) == 1  # line 7 = line 1 (escaped)
    assert [(r.where, r.code) for r in result.refused] == [
        (f"{path}:line 2", "bad_json"), (f"{path}:line 4", "no_text"),
        (f"{path}:line 6", "bad_json")]
    first, second = (seeds / f"{a}.txt" for a in result.added)
    assert first.read_text(encoding="utf-8") == "عنوان درعا\n\nنص الخبر عن درعا."
    assert second.read_text(encoding="utf-8") == "Homs title\nbody about Homs"  # not doubled
    rows = {r["article_id"]: r for r in catalog(seeds)}
    r1, r2 = rows[first.stem], rows[second.stem]
    assert (r1["outlet_ar"], r1["url"], r1["published"]) == ("عنب بلدي", "https://example.org/1",
                                                             "2017-05-04")
    assert r1["date_method"] and r1["date_evidence"] == "feed"
    assert r2["outlet_en"] == "Enab Baladi" and r2["published"] == ""
    assert any(w == f"{path}:line 5" and "not an ISO date" in m for w, m in result.warnings)


def test_duplicates_within_one_batch_are_stored_once(seeds: Path) -> None:
    items = [Item(f"item {k}", article(k % 2).encode()) for k in range(6)]
    items.append(Item("crlf copy", article(0).replace("\n", "\r\n").encode("utf-8-sig")))
    result = ingest_items(items, seeds)
    assert len(result.added) == 2 and len(result.duplicates) == 5
    assert len(list(seeds.glob("*.txt"))) == 2
    assert_catalog_complete(seeds)


def test_rows_are_written_in_batches_and_every_article_has_one(
        seeds: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writes: list[int] = []
    real = ingest._append_catalog_rows

    def counting(seeds_dir: Path, rows: list[dict[str, str]]) -> None:
        writes.append(len(rows))
        real(seeds_dir, rows)

    monkeypatch.setattr(ingest, "_append_catalog_rows", counting)
    result = ingest_items((Item(str(k), article(k).encode()) for k in range(7)), seeds,
                          meta={"outlet_en": "Wire", "colour": "red"}, batch_size=3)
    assert writes == [3, 3, 1]
    assert len(result.added) == 7
    assert_catalog_complete(seeds)
    assert {r["outlet_en"] for r in catalog(seeds)} == {"Wire"}
    assert any("colour" in m for _, m in result.warnings)


def test_progress_is_reported_up_to_the_total(tmp_path: Path, seeds: Path) -> None:
    calls: list[tuple[int, int]] = []
    archive = tmp_path / "p.zip"
    archive.write_bytes(make_zip({f"{k}.txt": article(k) for k in range(5)}))
    ingest_paths([archive], seeds, progress=lambda d, t: calls.append((d, t)))
    assert calls[0] == (0, 5) and calls[-1] == (5, 5)


# --- resuming -----------------------------------------------------------------------------------

def test_rerun_after_half_adds_only_the_rest(tmp_path: Path, seeds: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for k in range(10):
        (src / f"{k:02d}.txt").write_text(article(k), encoding="utf-8")
    first = ingest_paths(sorted(src.glob("*.txt"))[:5], seeds)
    assert len(first.added) == 5
    second = ingest_paths([src], seeds)
    assert len(second.added) == 5 and len(second.duplicates) == 5 and second.ok
    assert set(first.added).isdisjoint(second.added)
    assert len(article_ids(seeds)) == 10
    assert_catalog_complete(seeds)


def test_ctrl_c_still_writes_the_rows_of_what_was_added(seeds: Path) -> None:
    def interrupted() -> Iterator[Item]:
        for k in range(4):
            yield Item(str(k), article(k).encode())
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest_items(interrupted(), seeds, batch_size=100)
    assert len(article_ids(seeds)) == 4
    assert_catalog_complete(seeds)
    assert not list(seeds.glob(".*.tmp"))


def test_a_hard_stop_between_catalog_writes_is_repaired_by_the_rerun(
        seeds: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    items = [Item(str(k), article(k).encode(), meta={"outlet_en": f"o{k}"}) for k in range(6)]
    real = ingest._append_catalog_rows
    calls = []

    def killed_on_second_write(seeds_dir: Path, rows: list[dict[str, str]]) -> None:
        calls.append(len(rows))
        if len(calls) >= 2:  # as if the process died here: files linked, rows never written
            raise OSError("simulated crash")
        real(seeds_dir, rows)

    monkeypatch.setattr(ingest, "_append_catalog_rows", killed_on_second_write)
    first = ingest_items(items, seeds, batch_size=3)
    assert "catalog.csv could not be written" in first.error and not first.ok
    assert len(article_ids(seeds)) == 6 and len(catalog(seeds)) == 3
    monkeypatch.setattr(ingest, "_append_catalog_rows", real)
    second = ingest_items(items, seeds, batch_size=3)
    assert second.added == [] and len(second.duplicates) == 6 and second.ok
    assert sorted(second.restored_rows) == sorted(first.added[3:])
    assert_catalog_complete(seeds)
    assert {r["outlet_en"] for r in catalog(seeds)} == {f"o{k}" for k in range(6)}


def test_an_index_replaces_reading_the_folder(seeds: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    first = ingest_items([Item(str(k), article(k).encode()) for k in range(3)], seeds)
    index = {content_hash(article(k)): f"{aid}.txt" for k, aid in enumerate(first.added)}
    (seeds / "900_0000000000000000.txt").write_text(article(99), encoding="utf-8")  # not indexed
    read: list[str] = []
    real = ingest._file_hash
    monkeypatch.setattr(ingest, "_file_hash", lambda p: read.append(p.name) or real(p))
    again = ingest_items([Item(str(k), article(k).encode()) for k in (0, 1, 2, 99, 5)], seeds,
                         existing_hashes=index)
    assert read == ["900_0000000000000000.txt"], "only the file the index does not name is read"
    assert len(again.duplicates) == 4 and len(again.added) == 1
    assert again.added[0].startswith("901_")


# --- hostile and broken input -------------------------------------------------------------------

@pytest.mark.parametrize("name", ["../evil.txt", "a/../../evil.txt", "/etc/evil.txt",
                                  "..\\evil.txt", "C:/evil.txt"])
def test_zip_names_that_leave_the_archive_are_refused(tmp_path: Path, seeds: Path,
                                                      name: str) -> None:
    data = make_zip({name: article(1), "fine.txt": article(2)})
    result = ingest_zip_bytes(data, "up.zip", seeds)
    assert [(r.code, r.where) for r in result.refused] == [("unsafe_entry", f"up.zip:{name}")]
    assert len(result.added) == 1
    assert {p.read_text(encoding="utf-8") for p in seeds.glob("*.txt")} == {article(2)}
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == sorted(
        p.name for p in seeds.iterdir()), "nothing written outside the seeds folder"


def test_zip_symlink_entries_are_refused(seeds: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        link = zipfile.ZipInfo("link.txt")
        link.create_system = 3
        link.external_attr = 0o120777 << 16
        z.writestr(link, "/etc/passwd")
    result = ingest_zip_bytes(buf.getvalue(), "l.zip", seeds)
    assert [r.code for r in result.refused] == ["unsafe_entry"] and result.added == []
    assert "symbolic link" in result.refused[0].message


def test_hostile_names_are_shown_escaped(seeds: Path) -> None:
    result = ingest_zip_bytes(make_zip({"a\u202eexe.txt": b""}), "x.zip", seeds)
    assert result.refused[0].where == "x.zip:a\\u202eexe.txt"


@pytest.mark.parametrize(("limits", "code"), [
    (Limits(max_entries=3), "too_many_entries"),
    (Limits(max_total_bytes=500), "archive_too_big"),
])
def test_archive_limits_refuse_the_whole_archive_unread(seeds: Path, limits: Limits,
                                                        code: str) -> None:
    data = make_zip({f"{k}.txt": article(k) for k in range(5)})
    result = ingest_zip_bytes(data, "big.zip", seeds, limits=limits)
    assert [(r.where, r.code) for r in result.refused] == [("big.zip", code)]
    assert result.added == [] and not list(seeds.glob("*.txt"))


def test_entry_count_is_checked_before_the_archive_is_parsed(
        seeds: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Millions of tiny entries would exhaust memory while ZipFile builds its list, so the
    declared count is read from the end record first; the list is checked again after."""
    data = make_zip({f"{k}.txt": article(k) for k in range(5)})

    def no_parsing(*_: object) -> None:
        raise AssertionError("ZipFile was built for an archive over the entry limit")

    with monkeypatch.context() as m:
        m.setattr(ingest.zipfile, "ZipFile", no_parsing)
        result = ingest_zip_bytes(data, "many.zip", seeds, limits=Limits(max_entries=4))
    assert [r.code for r in result.refused] == ["too_many_entries"]
    monkeypatch.setattr(ingest, "_entry_count", lambda fp: None)  # no end-record reader
    result = ingest_zip_bytes(data, "many.zip", seeds, limits=Limits(max_entries=4))
    assert [r.code for r in result.refused] == ["too_many_entries"] and result.added == []


def test_an_overlong_jsonl_line_is_refused_and_the_next_one_read(tmp_path: Path,
                                                                 seeds: Path) -> None:
    path = tmp_path / "long.jsonl"
    path.write_text(json.dumps({"text": "x" * 80_000}) + "\n" + json.dumps({"text": article(1)})
                    + "\n", encoding="utf-8")
    result = ingest_paths([path], seeds, limits=Limits(max_entry_bytes=1000))
    assert [(r.where, r.code) for r in result.refused] == [(f"{path}:line 1", "line_too_long")]
    assert len(result.added) == 1 and result.origin[result.added[0]] == f"{path}:line 2"


def test_entry_limits_refuse_one_entry(seeds: Path) -> None:
    data = make_zip({"big.txt": article(1) + "x" * 5000, "bomb.txt": "ب" * 200_000,
                     "ok.txt": article(2)})
    result = ingest_zip_bytes(data, "z.zip", seeds,
                              limits=Limits(max_entry_bytes=4000, ratio_min_bytes=1000))
    assert {r.where: r.code for r in result.refused} == {"z.zip:big.txt": "too_big",
                                                          "z.zip:bomb.txt": "too_big"}
    result = ingest_zip_bytes(data, "z.zip", seeds,
                              limits=Limits(max_ratio=50, ratio_min_bytes=1000))
    assert {r.where: r.code for r in result.refused} == {"z.zip:bomb.txt": "ratio"}
    assert len(result.added) == 1  # big.txt (now within the size limit); ok.txt was added above


@pytest.mark.parametrize("damage", ["garbage", "truncated", "bad-crc"])
def test_corrupt_archives_say_so(tmp_path: Path, seeds: Path, damage: str) -> None:
    data = make_zip({"a.txt": article(1) * 20, "b.txt": article(2) * 20},
                    method=zipfile.ZIP_STORED)
    if damage == "garbage":
        data = b"PK\x03\x04 this is not really a zip"
    elif damage == "truncated":
        data = data[: len(data) // 2]
    else:
        i = data.index("عنوان".encode()) + 4  # inside the first entry's stored bytes
        data = data[:i] + bytes([data[i] ^ 0xFF]) + data[i + 1:]
    path = tmp_path / "broken.zip"
    path.write_bytes(data)
    result = ingest_paths([path], seeds)
    assert [r.code for r in result.refused] == ["corrupt"]
    expected = f"{path}:a.txt" if damage == "bad-crc" else str(path)
    assert result.refused[0].where == expected
    assert len(result.added) == (1 if damage == "bad-crc" else 0)


def test_unreadable_and_missing_files_are_listed(tmp_path: Path, seeds: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "loop.txt").symlink_to("loop.txt")  # unreadable even for root (ELOOP)
    (src / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (src / "ok.txt").write_text(article(1), encoding="utf-8")
    result = ingest_paths([src, tmp_path / "gone.txt"], seeds)
    assert [(Path(r.where).name, r.code) for r in result.refused] == [
        ("dangling.txt", "not_found"), ("loop.txt", "unreadable"), ("gone.txt", "not_found")]
    assert "symbolic links" in result.refused[1].message
    assert len(result.added) == 1


def test_every_reason_code_has_words_in_both_languages() -> None:
    import re

    from geo.i18n import MESSAGES

    source = (ROOT / "geo" / "ingest.py").read_text(encoding="utf-8")
    codes = set(re.findall(r'(?:refused=|_Refused\(|refusal = \()"(\w+)"', source))
    assert len(codes) > 10
    assert sorted(c for c in codes if f"msg.bulk_reason_{c}" not in MESSAGES) == []


# --- command line -------------------------------------------------------------------------------

def cli(seeds: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "geo", "ingest", "--seeds", str(seeds), *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_cli_summary_and_exit_codes(tmp_path: Path, seeds: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for k in range(3):
        (src / f"{k}.txt").write_text(article(k), encoding="utf-8")
    archive = tmp_path / "a.zip"
    archive.write_bytes(make_zip({"../up.txt": article(7), "ok.txt": article(8)}))
    feed = tmp_path / "f.jsonl"
    feed.write_text(json.dumps({"text": article(9)}) + "\nnot json\n", encoding="utf-8")

    res = cli(seeds, "--meta", "outlet_en=Wire", str(src), str(archive), str(feed))
    assert res.returncode == 1
    assert res.stdout.strip().splitlines()[-1] == "added 5, duplicates 0, refused 2"
    refused = [ln for ln in res.stderr.splitlines() if ln.startswith("refused: ")]
    assert refused == [f"refused: {archive}:../up.txt: its name climbs out of the archive ('..')",
                       f"refused: {feed}:line 2: not valid JSON (Expecting value: line 1 "
                       "column 1 (char 0))"]
    assert "Traceback" not in res.stderr and "\r" not in res.stderr  # no bar when not a TTY
    assert {r["outlet_en"] for r in catalog(seeds)} == {"Wire"}

    res = cli(seeds, str(src))  # all duplicates: a successful re-run
    assert res.returncode == 0
    assert res.stdout.strip().splitlines()[-1] == "added 0, duplicates 3, refused 0"

    assert cli(seeds).returncode == 2
    assert cli(seeds, "--meta", "novalue", str(src)).returncode == 2
    assert cli(seeds, "--frobnicate", str(src)).returncode == 2
    res = cli(tmp_path / "no-such-seeds", str(src))
    assert res.returncode == 2 and "not a folder" in res.stderr
    assert len(article_ids(seeds)) == 5


def test_two_bulk_imports_at_once_store_each_article_once(tmp_path: Path, seeds: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    for k in range(40):
        (a / f"{k}.txt").write_text(article(k), encoding="utf-8")
        (b / f"{k}.txt").write_text(article(k + 20), encoding="utf-8")  # 20..59: half shared
    procs = [subprocess.Popen([sys.executable, "-m", "geo", "ingest", "--seeds", str(seeds),
                               str(src)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
             for src in (a, b)]
    outs = [p.communicate(timeout=120)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert len(article_ids(seeds)) == 60
    assert len({p.read_text(encoding="utf-8") for p in seeds.glob("*.txt")}) == 60
    assert_catalog_complete(seeds)
