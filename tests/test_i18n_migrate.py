"""scripts/i18n_migrate.py: moves inline ``_m(en, ar)`` entries of geo/i18n.py into the Arabic
.po, rewrites them English-only, keeps translators' work, and changes nothing on a second run.
Every test works on copies in tmp_path."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("i18n_migrate", ROOT / "scripts" / "i18n_migrate.py")
mig = importlib.util.module_from_spec(_spec)
sys.modules["i18n_migrate"] = mig
_spec.loader.exec_module(mig)

# A table as another branch leaves it: new keys with inline Arabic, one-line and multi-line,
# a keyword argument, a trailing comma, escapes, a comment for the translator.
BRANCH = '''"""A fake geo/i18n.py."""

def _m(en, ar=None):
    return (en, ar)


def _p(one, many):
    return (one, many)


SOURCE = {
    # --- navigation ---------------------------------------------------------------
    "page.map": _m("Map"),
    # --- issue 99: zone comparison --------------------------------------------------
    # shown above the two maps side by side
    "ui.compare": _m("Compare zones", "قارن المناطق"),
    "msg.compare_note": _m(
        "Both maps use the same scale; "
        "{n} zones are shown.",
        "الخريطتان بالمقياس نفسه؛ "
        "والمناطق المعروضة: {n}.",
    ),
    "ui.upload": _m("Upload a .txt file", ar="ارفع ملف \\u200e.txt"),
    "msg.files": _p("{n} file", "{n} files"),
}


def after():
    return SOURCE["page.map"]  # code after the table is left alone
'''

PO_START = '''msgid ""
msgstr ""
"Language: ar\\n"
"Plural-Forms: nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
"n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);\\n"
"Content-Type: text/plain; charset=utf-8\\n"

#. A translator's own note
# reviewed by the editor
msgctxt "page.map"
msgid "Map"
msgstr "خريطة المناطق"

#. this key left the code
msgctxt "ui.gone"
msgid "Gone"
msgstr "ذهب"
'''


def _setup(tmp_path: Path, source: str = BRANCH, po: str | None = PO_START) -> tuple[Path, Path]:
    src = tmp_path / "i18n.py"
    src.write_text(source, encoding="utf-8")
    po_path = tmp_path / "locale" / "ar" / "LC_MESSAGES" / "atlas.po"
    if po is not None:
        po_path.parent.mkdir(parents=True)
        po_path.write_text(po, encoding="utf-8")
    return src, po_path


def _entries(po: Path) -> dict[str, object]:
    with po.open("rb") as fh:
        cat = read_po(fh, locale="ar")
    return {m.context: m for m in cat if m.id}


def _obsolete(po: Path) -> set[str]:
    with po.open("rb") as fh:
        cat = read_po(fh, locale="ar")
    return {m.context for m in cat.obsolete.values()}


def test_inline_arabic_moves_into_the_catalog_and_the_code_keeps_the_english(
        tmp_path: Path) -> None:
    src, po = _setup(tmp_path)
    report = mig.migrate(src, po)
    assert sorted(report.moved) == ["msg.compare_note", "ui.compare", "ui.upload"]
    got = _entries(po)
    assert got["ui.compare"].string == "قارن المناطق"
    assert got["msg.compare_note"].id == "Both maps use the same scale; {n} zones are shown."
    assert got["msg.compare_note"].string == "الخريطتان بالمقياس نفسه؛ والمناطق المعروضة: {n}."
    assert got["ui.upload"].string == "ارفع ملف \u200e.txt"
    # the translator comment says where the entry is and what it is
    assert "Where: issue 99: zone comparison." in got["ui.compare"].auto_comments
    assert "shown above the two maps side by side" in got["ui.compare"].auto_comments
    text = src.read_text(encoding="utf-8")
    assert '"ui.compare": _m("Compare zones"),' in text
    assert '"ui.upload": _m("Upload a .txt file"),' in text
    assert "ا" not in text.split("SOURCE = {")[1]  # no Arabic letter left in the table
    assert text.split("SOURCE = {")[0] == BRANCH.split("SOURCE = {")[0]
    assert text.endswith(BRANCH.split("}\n\n\ndef after")[1])
    compile(text, "i18n.py", "exec")  # still Python
    assert [(e.key, e.en) for e in mig.parse_source(text)] == \
        [(e.key, e.en) for e in mig.parse_source(BRANCH)]


def test_translators_work_is_kept(tmp_path: Path) -> None:
    src, po = _setup(tmp_path)
    mig.migrate(src, po)
    got = _entries(po)
    assert got["page.map"].string == "خريطة المناطق"
    assert got["page.map"].auto_comments == ["A translator's own note"]
    assert got["page.map"].user_comments == ["reviewed by the editor"]
    assert "ui.gone" in _obsolete(po)  # a key gone from the code stays, as #~


def test_a_second_run_changes_nothing(tmp_path: Path) -> None:
    src, po = _setup(tmp_path)
    mig.migrate(src, po)
    before = (src.read_bytes(), po.read_bytes())
    report = mig.migrate(src, po)
    assert not report.po_changed and not report.source_changed
    assert (src.read_bytes(), po.read_bytes()) == before
    assert mig.main(["--source", str(src), "--po", str(po), "--check"]) == 0


def test_inline_arabic_never_overwrites_a_translation_the_catalog_has(tmp_path: Path) -> None:
    src, po = _setup(tmp_path, BRANCH.replace('_m("Map")', '_m("Map", "الخارطة")'))
    report = mig.migrate(src, po)
    assert report.kept_catalog == ["page.map"]
    assert _entries(po)["page.map"].string == "خريطة المناطق"
    assert '"page.map": _m("Map"),' in src.read_text(encoding="utf-8")


def test_prefer_inline_takes_a_branch_s_deliberate_correction(tmp_path: Path) -> None:
    src, po = _setup(tmp_path, BRANCH.replace('_m("Map")', '_m("Map", "الخارطة")'))
    assert mig.main(["--source", str(src), "--po", str(po), "--prefer-inline"]) == 0
    entry = _entries(po)["page.map"]
    assert entry.string == "الخارطة" and entry.user_comments == ["reviewed by the editor"]


def test_with_a_base_each_key_goes_to_whichever_side_changed_it(tmp_path: Path) -> None:
    """The branch started from a table where page.map was «الخريطة» and ui.compare «قارن»:
    it left page.map alone (the catalog's newer «خريطة المناطق» wins) and corrected
    ui.compare (its text wins over the catalog's copy of the old one); msg.compare_note was
    changed on both sides (reported, catalog kept)."""
    base = tmp_path / "base.py"
    base.write_text(
        'MESSAGES = {\n'
        '    "page.map": _m("Map", "الخريطة"),\n'
        '    "ui.compare": _m("Compare zones", "قارن"),\n'
        '    "msg.compare_note": _m("Both maps use the same scale; {n} zones are shown.",\n'
        '                           "قديم {n}"),\n'
        '}\n', encoding="utf-8")
    po_text = PO_START.replace('msgstr "خريطة المناطق"', 'msgstr "خريطة المناطق"\n\n'
                               'msgctxt "ui.compare"\nmsgid "Compare zones"\nmsgstr "قارن"\n\n'
                               'msgctxt "msg.compare_note"\n'
                               'msgid "Both maps use the same scale; {n} zones are shown."\n'
                               'msgstr "نص المترجم {n}"')
    src, po = _setup(tmp_path, BRANCH.replace('_m("Map")', '_m("Map", "الخريطة")'), po_text)
    report = mig.migrate(src, po, base=base)
    got = _entries(po)
    assert got["page.map"].string == "خريطة المناطق" and report.superseded == ["page.map"]
    assert got["ui.compare"].string == "قارن المناطق" and "ui.compare" in report.moved
    assert got["msg.compare_note"].string == "نص المترجم {n}"
    assert report.kept_catalog == ["msg.compare_note"]


def test_changed_english_keeps_the_old_arabic_as_fuzzy_for_review(tmp_path: Path) -> None:
    src, po = _setup(tmp_path)
    mig.migrate(src, po)
    src.write_text(src.read_text(encoding="utf-8").replace('_m("Map")', '_m("The map")'),
                   encoding="utf-8")
    report = mig.migrate(src, po)
    assert report.fuzzy == ["page.map"]
    entry = _entries(po)["page.map"]
    assert entry.id == "The map" and entry.string == "خريطة المناطق"
    assert "fuzzy" in entry.flags
    assert '#| msgid "Map"\nmsgctxt "page.map"\nmsgid "The map"' in po.read_text(encoding="utf-8")
    before = po.read_bytes()
    assert not mig.migrate(src, po).po_changed and po.read_bytes() == before  # idempotent


def test_a_counted_message_gets_six_empty_forms_to_translate(tmp_path: Path) -> None:
    src, po = _setup(tmp_path)
    report = mig.migrate(src, po)
    assert "msg.files" in report.untranslated and "msg.files" in report.added
    entry = _entries(po)["msg.files"]
    assert entry.id == ("{n} file", "{n} files") and entry.string == ("",) * 6
    assert "nplurals=6;" in po.read_text(encoding="utf-8")


def test_a_new_catalog_is_made_when_there_is_none(tmp_path: Path) -> None:
    src, po = _setup(tmp_path, po=None)
    mig.migrate(src, po)
    got = _entries(po)
    assert set(got) == {"page.map", "ui.compare", "msg.compare_note", "ui.upload", "msg.files"}
    assert got["page.map"].string == ""  # no Arabic anywhere yet: left for the translator
    with po.open("rb") as fh:
        assert read_po(fh).fuzzy is False


def test_check_mode_writes_nothing_and_says_so(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    src, po = _setup(tmp_path)
    before = (src.read_bytes(), po.read_bytes())
    assert mig.main(["--source", str(src), "--po", str(po), "--check"]) == 1
    assert (src.read_bytes(), po.read_bytes()) == before
    assert "would change" in capsys.readouterr().out


@pytest.mark.parametrize(("source", "message"), [
    ('SOURCE = {"ui.x": _m(f"{a}", "ع")}', "not a plain string literal"),
    ('SOURCE = {"ui.x": _m("A"), "ui.x": _m("B")}', "appears twice"),
    ('MESSAGES = {"ui.x": _m("A")}', "no `SOURCE"),
    ('SOURCE = {"ui.x": _m(', "never closed"),
])
def test_bad_input_gets_a_clear_message(tmp_path: Path, source: str, message: str,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    src, po = _setup(tmp_path, source)
    before = po.read_bytes()
    assert mig.main(["--source", str(src), "--po", str(po)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert po.read_bytes() == before


def test_the_repository_is_migrated(tmp_path: Path) -> None:
    """geo/i18n.py and the catalog as committed: a run would change neither."""
    src = tmp_path / "i18n.py"
    shutil.copy(ROOT / "geo" / "i18n.py", src)
    po = tmp_path / "atlas.po"
    shutil.copy(mig.PO_FILE, po)
    report = mig.migrate(src, po, write=False)
    assert not report.po_changed and not report.source_changed, report.lines()
