"""Adding an article from the browser: every bad upload gets a clear message and writes nothing;
two saves at the same moment both land."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path
from typing import Any

import pytest

from geo import atlas, paths
from geo.ingest import MAX_INGEST_BYTES

ROOT = Path(__file__).resolve().parent.parent
GOOD = "عنوان عن إدلب\nقالت مصادر إن منطقة خفض التصعيد في إدلب شهدت هدوءا.\n".encode()


@pytest.fixture
def seeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for f in (ROOT / "seeds").iterdir():
        if f.is_file() and not f.name.startswith("."):  # not an index the app left there
            shutil.copy2(f, tmp_path / f.name)
    monkeypatch.setattr(paths, "SEEDS_DIR", tmp_path)
    return tmp_path


def snapshot(d: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(d.iterdir())}


@pytest.mark.parametrize(("data", "name", "expect"), [
    (b"", "empty.txt", "empty"),
    (b"   \n\t ", "blank.txt", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "image.txt", "binary"),
    (b"a" * (MAX_INGEST_BYTES + 1), "big.txt", "limit"),
    (GOOD, "../../etc/x", "path"),
    (GOOD, "..\\..\\x.txt", "path"),
    (GOOD, ".hidden.txt", "dot"),
    (bytes([0x81, 0x8d, 0x8e, 0x90]) * 50 + b"\xff\xfe\x00\xd8", "weird.txt", "not utf-8"),
])
def test_bad_uploads_are_refused_and_write_nothing(seeds: Path, data: bytes, name: str,
                                                   expect: str) -> None:
    before = snapshot(seeds)
    preview = atlas.preview_article(data, name)
    result = atlas.save_article(data, name, outlet="x")
    assert not preview["ok"] and not result.ok
    assert expect.lower() in (preview["message"] + " " + result.message).lower()
    assert "Traceback" not in preview["message"] + result.message
    assert snapshot(seeds) == before


def test_windows_1256_upload_is_decoded_and_named(seeds: Path) -> None:
    data = "مقال عن الغوطة الشرقية\nمنطقة خفض التصعيد في الغوطة الشرقية.".encode("cp1256")
    preview = atlas.preview_article(data, "legacy.txt")
    assert preview["ok"]
    assert any("1256" in w for w in preview["warnings"])


def test_duplicate_upload_is_refused(seeds: Path) -> None:
    before = snapshot(seeds)
    data = (ROOT / "seeds" / "003_a90b33b46d004e9f.txt").read_bytes()
    result = atlas.save_article(data, "again.txt")
    assert not result.ok and "duplicate" in result.message.lower()
    assert snapshot(seeds) == before


def test_two_saves_at_the_same_moment_both_land(seeds: Path) -> None:
    texts = [GOOD, GOOD.replace("هدوءا".encode(), "قصفا".encode())]
    results: list = [None, None]
    barrier = threading.Barrier(2)

    def save(i: int) -> None:
        barrier.wait()
        results[i] = atlas.save_article(texts[i], f"u{i}.txt", outlet=f"outlet {i}")

    threads = [threading.Thread(target=save, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r.ok for r in results), [r.message for r in results]
    saved = {r.path.read_bytes() for r in results}
    assert saved == set(texts)
    catalog = (seeds / "catalog.csv").read_text(encoding="utf-8")
    assert "outlet 0" in catalog and "outlet 1" in catalog


def _zip(entries: dict[str, str]) -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in entries.items():
            z.writestr(name, text)
    return buf.getvalue()


ARCHIVE = {"one.txt": GOOD.decode(), "sub/two.txt": GOOD.decode().replace("هدوءا", "قصفا"),
           "copy.txt": GOOD.decode(), "../escape.txt": GOOD.decode() + "x", "notes.md": "x",
           "empty.txt": ""}


def _upload_archive(lang: str) -> Any:
    from tests.app_helpers import run

    at = run("pages/add.py", lang=lang)
    at.file_uploader[0].set_value(("batch.zip", _zip(ARCHIVE), "application/zip")).run()
    assert not at.exception
    return at


def test_a_zip_upload_saves_nothing_until_import_then_reports(seeds: Path) -> None:
    from geo.i18n import t

    before = snapshot(seeds)
    at = _upload_archive("en")
    assert snapshot(seeds) == before, "choosing the file writes nothing"
    at.button(key="import_archive").click().run()
    assert not at.exception
    assert [w.value for w in at.warning] == [t("msg.bulk_summary", "en", added="2",
                                                duplicates="1", refused="2")]
    table = at.dataframe[0].value
    assert dict(zip(table[t("col.entry", "en")], table[t("col.reason", "en")],
                    strict=True)) == {"../escape.txt": "its name climbs out of the archive ('..')",
                                      "empty.txt": "empty (no text, or only whitespace)"}
    assert any("1 file in the archive is not a .txt article" in c.value for c in at.caption)
    new = set(snapshot(seeds)) - set(before)
    assert len(new) == 2 and all(n.endswith(".txt") for n in new)
    assert not (seeds.parent / "escape.txt").exists()
    rows = (seeds / "catalog.csv").read_text(encoding="utf-8")
    assert all(n[:-4] in rows for n in new)


def test_a_zip_upload_reports_in_arabic(seeds: Path) -> None:
    from geo.i18n import t
    from tests.test_arabic_interface import leaks

    at = _upload_archive("ar")
    at.button(key="import_archive").click().run()
    assert not at.exception
    assert [w.value for w in at.warning] == [t("msg.bulk_summary", "ar", added="٢",
                                                duplicates="١", refused="٢")]
    reasons = set(at.dataframe[0].value[t("col.reason", "ar")])
    assert reasons == {t("msg.bulk_reason_unsafe_entry", "ar"), t("msg.bulk_reason_empty", "ar")}
    assert leaks(at) == []
