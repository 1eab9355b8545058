"""The Arabic gettext catalog (geo/locale/ar/LC_MESSAGES/atlas.po): complete, with the English
of the code, Arabic's six plural forms, the same placeholders, one rendering per glossary term,
and read even when its compiled .mo is missing or older than a translator's edit."""

from __future__ import annotations

import csv
import gettext
import logging
import os
import re
import shutil
import string
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from geo import i18n
from geo.i18n import SOURCE, catalog_path, load_translations, plural_forms, t, tn

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "geo" / "locale" / "ar" / "LC_MESSAGES" / "atlas.po"
GLOSSARY = ROOT / "geo" / "locale" / "glossary.csv"
COUNTS = (0, 1, 2, 3, 11, 100)


def _catalog():
    with PO.open("rb") as fh:
        return read_po(fh, locale="ar")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


# --- complete -------------------------------------------------------------------------------

def test_every_message_of_the_code_is_translated_in_the_catalog() -> None:
    """No key shows English in the Arabic interface: each has a non-fuzzy, non-empty entry
    for its current English (every plural form too)."""
    assert i18n.untranslated("ar") == []


def test_the_catalog_ships_no_fuzzy_empty_or_stray_entry() -> None:
    cat = _catalog()
    assert cat.fuzzy is False  # the header itself
    fuzzy, empty, seen = [], [], set()
    for msg in cat:
        if not msg.id:
            continue
        seen.add(msg.context)
        strings = msg.string if isinstance(msg.string, tuple) else (msg.string,)
        if "fuzzy" in msg.flags:
            fuzzy.append(msg.context)
        if not all(s.strip() for s in strings):
            empty.append(msg.context)
    assert fuzzy == [] and empty == []
    assert seen == set(SOURCE), "catalog and code differ: run python scripts/i18n_migrate.py"


def test_no_arabic_is_left_inline_in_the_code() -> None:
    inline = [k for k, e in SOURCE.items() if e.ar]
    assert inline == [], f"run python scripts/i18n_migrate.py to move {inline} into the catalog"


def test_every_entry_has_a_translator_comment() -> None:
    assert [m.context for m in _catalog() if m.id and not m.auto_comments] == []


# --- plurals ----------------------------------------------------------------------------------

def test_the_catalog_declares_gettext_s_arabic_plural_rule() -> None:
    cat = _catalog()
    assert cat.num_plurals == 6
    translations = load_translations("ar")
    # one n from each Arabic class: zero, one, two, few (3-10), many (11-99), other (100-102)
    forms = [translations.plural(n) for n in (0, 1, 2, 3, 10, 11, 99, 100, 102, 103, 111, 1000)]
    assert forms == [0, 1, 2, 3, 3, 4, 4, 5, 5, 3, 4, 5]


@pytest.mark.parametrize(("n", "ar", "en"), [
    (0, "كل ٠ ثانية", "every 0 s"),
    (1, "كل ثانية", "every 1 s"),
    (2, "كل ثانيتين", "every 2 s"),
    (3, "كل ٣ ثوانٍ", "every 3 s"),
    (11, "كل ١١ ثانية", "every 11 s"),
    (100, "كل ١٠٠ ثانية", "every 100 s"),
])
def test_seconds_take_the_arabic_plural_of_their_number(n: int, ar: str, en: str) -> None:
    assert tn("msg.every_n_s", n, "ar") == ar
    assert tn("msg.every_n_s", n, "en") == en


@pytest.mark.parametrize(("n", "ar", "en"), [
    (0, "(لا سجلات)", "(0 records)"),
    (1, "(سجل واحد)", "(1 record)"),
    (2, "(سجلان)", "(2 records)"),
    (3, "(٣ سجلات)", "(3 records)"),
    (11, "(١١ سجلاً)", "(11 records)"),
    (100, "(١٠٠ سجل)", "(100 records)"),
])
def test_record_counts_read_right_in_both_languages(n: int, ar: str, en: str) -> None:
    assert tn("msg.monitors_deployed", n, "ar", who="روسيا").endswith(ar)
    assert tn("msg.monitors_deployed", n, "en", who="Russia").endswith(en)


def test_every_counted_message_has_six_arabic_forms_that_differ_where_arabic_does() -> None:
    counted = [k for k, e in SOURCE.items() if e.plural is not None]
    assert len(counted) >= 10
    for key in counted:
        forms = plural_forms(key, "ar")
        assert len(forms) == 6, key
        # the «few» (3-10) form is never the one for 11-99 or for 1 (it takes a plural noun)
        assert forms[3] != forms[1] and forms[3] != forms[4], key
        english = plural_forms(key, "en")
        assert len(english) == 2 and all("{n}" in f for f in english), key


def test_t_on_a_counted_message_counts_by_n_and_asks_for_tn_without_it() -> None:
    assert t("msg.every_n_s", "ar", n="٣") == "كل ٣ ثوانٍ"
    assert t("msg.every_n_s", "ar", n=2) == "كل ثانيتين"
    with pytest.raises(TypeError, match="tn"):
        t("msg.every_n_s", "ar")
    with pytest.raises(TypeError, match="not a counted message"):
        tn("page.map", 2, "ar")


# --- placeholders -----------------------------------------------------------------------------

def test_every_arabic_form_keeps_the_placeholders_of_its_english() -> None:
    """A placeholder missing or renamed in Arabic is a crash or a lost value. Only the forms
    for 0, 1 and 2 may spell the number out (سجلان) instead of writing {n}."""
    bad = []
    for key, entry in SOURCE.items():
        want = _fields(entry.en) | (_fields(entry.plural) if entry.plural else set())
        for i, form in enumerate(plural_forms(key, "ar")):
            have = _fields(form)
            allowed = [want, want - {"n"}] if entry.plural and i <= 2 else [want]
            if have not in allowed:
                bad.append(f"{key}[{i}]: {sorted(have)} != {sorted(want)}")
    assert bad == []


# --- the review's corrections -------------------------------------------------------------------

def test_the_save_button_the_caption_names_exists() -> None:
    for lang in ("en", "ar"):
        quoted = re.findall(r"[“«]([^”»]+)[”»]", t("msg.ingest_caption", lang))
        assert quoted == [t("ui.save", lang)], lang
        quoted = re.findall(r"[“«]([^”»]+)[”»]", t("msg.archive_caption", lang))
        assert quoted == [t("ui.import_archive", lang)], lang


def test_zone_names_read_well_after_the_word_zone() -> None:
    assert t("msg.finding_zone", "ar", name=t("zone.idlib", "ar")) == "منطقة: إدلب"
    assert "(درعا والقنيطرة)" in t("zone.south", "ar")
    assert "منطقة خفض التصعيد" in t("msg.export_title_zone", "ar", name="إدلب", date="")


def test_the_in_english_tag_is_not_doubled() -> None:
    """geo.ui.english_text adds «(بالإنجليزية)» after its label itself."""
    assert t("ui.in_english", "ar") not in t("ui.details_in_english", "ar")


def test_a_linker_detail_agrees_in_gender() -> None:
    from geo.articles import mention_detail

    assert mention_detail("region", "weak", "ar") == "ذكر المحافظة، والصلة ضعيفة"
    assert mention_detail("region", "weak", "en") == "province named, weak"


# --- glossary -------------------------------------------------------------------------------------

def _glossary() -> list[dict[str, str]]:
    with GLOSSARY.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_the_glossary_is_well_formed() -> None:
    rows = _glossary()
    assert len(rows) >= 8
    for row in rows:
        assert row["term"] and row["arabic"] and row["note"], row
        for col in ("match_en", "accept_ar", "avoid_ar", "reserved_ar"):
            re.compile(row[col] or "x")
        assert re.search(row["accept_ar"], row["arabic"]), row["term"]


def glossary_violations(rows: list[dict[str, str]],
                        messages: dict[str, tuple[str, str]]) -> list[str]:
    """Messages (key -> (English, Arabic)) that use a glossary term without its Arabic, with a
    rendering the glossary rules out, or with a reserved Arabic word for another meaning."""
    out = []
    for row in rows:
        match = re.compile(row["match_en"], re.IGNORECASE)
        for key, (en, ar) in messages.items():
            if match.search(en):
                if not re.search(row["accept_ar"], ar):
                    out.append(f"{key}: “{row['term']}” is not rendered as «{row['arabic']}»")
                if row["avoid_ar"] and (bad := re.search(row["avoid_ar"], ar)):
                    out.append(f"{key}: “{row['term']}” rendered as «{bad.group(0)}»")
            elif row["reserved_ar"] and (bad := re.search(row["reserved_ar"], ar)):
                out.append(f"{key}: «{bad.group(0)}» is kept for “{row['term']}”")
    return out


def _all_messages() -> dict[str, tuple[str, str]]:
    return {key: (" ".join(plural_forms(key, "en")), " ".join(plural_forms(key, "ar")))
            for key in SOURCE}


def test_every_glossary_term_is_rendered_the_same_way_in_every_message() -> None:
    messages = _all_messages()
    rows = _glossary()
    for row in rows:  # each term is actually used, so its rule checks something
        assert any(re.search(row["match_en"], en, re.IGNORECASE)
                   for en, _ in messages.values()), row["term"]
    assert glossary_violations(rows, messages) == []


def test_the_glossary_check_catches_the_old_renderings() -> None:
    rows = _glossary()
    old = {
        "x.guarantors": ("In force (guarantors' boundaries agreed)", "سارية (اتفق الضامنون)"),
        "x.corpus": ("Save into the corpus", "احفظ في المجموعة"),
        "x.reader": ("Open in the reader", "افتح في القارئ"),
        "x.outline": ("The four outlines", "حدود المناطق الأربع"),
        "x.view": ("Export this view", "تصدير هذا العرض"),
        "x.ocha": ("Governorate boundary (OCHA)", "حدود المحافظات (OCHA)"),
    }
    found = glossary_violations(rows, old)
    assert {f.split(":")[0] for f in found} == set(old)


# --- loading: .mo, stale .mo, no .mo, a broken .po ------------------------------------------------

def _copy_locale(tmp_path: Path) -> Path:
    locale = tmp_path / "locale"
    (locale / "ar" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy(PO, catalog_path("ar", locale))
    return locale


def _edit(po: Path, old: str, new: str) -> None:
    text = po.read_text(encoding="utf-8")
    assert text.count(old) == 1
    po.write_text(text.replace(old, new), encoding="utf-8")


def test_without_a_mo_the_po_is_read(tmp_path: Path) -> None:
    locale = _copy_locale(tmp_path)
    assert not catalog_path("ar", locale, ".mo").exists()
    tr = load_translations("ar", locale)
    assert tr.pgettext("page.map", "Map") == "الخريطة"
    assert tr.npgettext("msg.every_n_s", "every {n} s", "every {n} s", 2) == "كل ثانيتين"


def test_a_translator_s_edit_shows_after_a_restart_even_with_an_older_mo(tmp_path: Path) -> None:
    locale = _copy_locale(tmp_path)
    po, mo = catalog_path("ar", locale), catalog_path("ar", locale, ".mo")
    mo.write_bytes(i18n.compile_po(po, "ar"))
    assert load_translations("ar", locale).pgettext("page.map", "Map") == "الخريطة"
    old = os.stat(mo).st_mtime
    _edit(po, 'msgid "Map"\nmsgstr "الخريطة"', 'msgid "Map"\nmsgstr "خريطة المناطق"')
    os.utime(po, (old + 10, old + 10))  # the .po is now newer than the .mo
    assert load_translations("ar", locale).pgettext("page.map", "Map") == "خريطة المناطق"
    # once compiled again (setup.sh), the .mo is used
    mo.write_bytes(i18n.compile_po(po, "ar"))
    os.utime(mo, (old + 20, old + 20))
    _edit(po, 'msgstr "خريطة المناطق"', 'msgstr "ليست هذه"')
    os.utime(po, (old + 15, old + 15))
    assert load_translations("ar", locale).pgettext("page.map", "Map") == "خريطة المناطق"


def test_a_fuzzy_entry_is_not_shown(tmp_path: Path) -> None:
    locale = _copy_locale(tmp_path)
    po = catalog_path("ar", locale)
    _edit(po, 'msgctxt "page.map"\n', '#, fuzzy\nmsgctxt "page.map"\n')
    assert load_translations("ar", locale).pgettext("page.map", "Map") == "Map"


def test_a_broken_or_missing_catalog_falls_back_to_english_with_a_warning(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    locale = _copy_locale(tmp_path)
    po = catalog_path("ar", locale)
    po.write_text('msgctxt "page.map"\nmsgid "Map"\nthis line is not gettext\n', encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="geo.i18n"):
        tr = load_translations("ar", locale)
    assert type(tr) is gettext.NullTranslations
    assert tr.pgettext("page.map", "Map") == "Map"
    assert str(po.parent) in caplog.text
    assert type(load_translations("ar", tmp_path / "nowhere")) is gettext.NullTranslations
