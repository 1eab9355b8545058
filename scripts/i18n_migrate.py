"""Move inline Arabic out of geo/i18n.py into the gettext catalog, and keep the catalog in step
with the English source texts.

    python scripts/i18n_migrate.py            # rewrite geo/i18n.py and the Arabic .po
    python scripts/i18n_migrate.py --check    # change nothing; exit 1 if a run would change files
    python scripts/i18n_migrate.py --prefer-inline   # inline Arabic replaces the catalog's
    git show "$(git merge-base HEAD other-branch)":geo/i18n.py > /tmp/base.py
    python scripts/i18n_migrate.py --base /tmp/base.py  # three-way: see below

For every entry of ``SOURCE = {...}`` in geo/i18n.py (``"key": _m("English")``,
``"key": _m("English", "Arabic")`` written by a branch before the catalogs, or a counted message
``"key": _p("{n} thing", "{n} things")``), the catalog gets one entry with ``msgctxt`` = the key
and ``msgid`` = the English:

* an entry the catalog already has (same key, same English) is kept as the translator left it;
  inline Arabic that differs from it is reported, not written over (unless ``--prefer-inline``:
  for a branch that deliberately corrected an existing key's Arabic in the code). With
  ``--base`` (geo/i18n.py as it was where the branch started) it is decided key by key: Arabic
  the branch left as it found it yields to the catalog; Arabic the branch changed replaces the
  catalog's when the catalog still holds the old text, and is reported when both changed;
* inline Arabic for a key the catalog lacks, or whose English changed, becomes the translation;
* English that changed with no inline Arabic keeps the old translation marked fuzzy (with the
  previous English), for a translator to review; a new key without Arabic is added empty;
* catalog entries whose key left the code are kept as obsolete (``#~``) entries.

Then every ``_m(en, ar)`` call is rewritten as ``_m(en)`` in place (the rest of the file is left
byte for byte). Running it again changes nothing.
"""

from __future__ import annotations

import argparse
import ast
import io
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, unescape, write_po

ROOT = Path(__file__).resolve().parent.parent
SOURCE_FILE = ROOT / "geo" / "i18n.py"
PO_FILE = ROOT / "geo" / "locale" / "ar" / "LC_MESSAGES" / "atlas.po"
# gettext's Arabic rule: 0, 1, 2, 3-10, 11-99, 100-102 (and every n%100 that way).
AR_PLURAL_FORMS = ("nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
                   "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);")
NPLURALS = 6

ROLES = {
    "page": "Navigation title of a page.",
    "ui": "Heading, control label, caption or short word.",
    "msg": "Sentence or message shown to the reader.",
    "col": "Table column header.",
    "status": "A zone's status (short form, in tables and the timeline).",
    "status_legend": "A zone's status as the map legend explains it.",
    "kind": "Kind of a timeline event.",
    "force": "Kind of monitor force.",
    "stance": "What a party did about monitor forces (offered, deployed...).",
    "actor": "A party named in the monitor-force records.",
    "zone": "Name of a de-escalation zone (as in geo/zones.geojson).",
    "mention": "The article linker: how an article names a zone.",
    "strength": "The article linker: how strongly an article is linked to a zone.",
    "datekind": "The article linker: how a date in an article was read.",
    "ground": "How a zone's ground changed (zones over time).",
}


class MigrationError(Exception):
    """The source file or the catalog cannot be migrated safely (nothing was written)."""


@dataclass
class Entry:
    key: str
    en: str
    plural: str | None = None
    ar: str | None = None
    notes: list[str] = field(default_factory=list)
    # byte span of the inline Arabic to delete from the source, if any
    cut: tuple[int, int] | None = None


@dataclass
class Report:
    added: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)
    kept_catalog: list[str] = field(default_factory=list)  # inline Arabic differed: catalog kept
    superseded: list[str] = field(default_factory=list)  # inline was the base's: catalog newer
    fuzzy: list[str] = field(default_factory=list)
    untranslated: list[str] = field(default_factory=list)
    obsolete: list[str] = field(default_factory=list)
    po_changed: bool = False
    source_changed: bool = False

    def lines(self) -> list[str]:
        out = []
        for label, keys in (("Arabic moved from the code into the catalog", self.moved),
                            ("new entries", self.added),
                            ("inline Arabic differs from the catalog's (catalog kept; "
                             "review by hand)", self.kept_catalog),
                            ("inline Arabic was the base's old text (catalog's newer one kept)",
                             self.superseded),
                            ("English changed: old Arabic kept as fuzzy, to review",
                             self.fuzzy),
                            ("no Arabic yet (translate in the .po)", self.untranslated),
                            ("keys gone from the code, kept as obsolete", self.obsolete)):
            if keys:
                out.append(f"{label} ({len(keys)}): {', '.join(keys)}")
        return out


def _section_notes(lines: list[str], lineno: int) -> list[str]:
    """The section heading (``# --- zone page ---``) above line ``lineno`` and the comment
    lines right above the entry, as notes for the translator."""
    notes: list[str] = []
    i = lineno - 2
    while i >= 0 and lines[i].strip().startswith("#"):
        text = lines[i].strip().lstrip("#").strip()
        if text and not text.startswith("---"):
            notes.insert(0, text)
        i -= 1
    for j in range(lineno - 2, -1, -1):
        head = re.match(r"\s*#\s*---\s*(.*?)\s*-*\s*$", lines[j])
        if head and head.group(1):
            notes.insert(0, f"Where: {head.group(1)}.")
            break
    return notes


def _str(node: ast.AST, key: str) -> str:
    try:
        value = ast.literal_eval(node)
    except ValueError:
        value = None
    if not isinstance(value, str):
        raise MigrationError(f"{key}: the text is not a plain string literal "
                             f"(line {node.lineno}); write it as one")
    return value


def parse_source(text: str, tables: tuple[str, ...] = ("SOURCE",)) -> list[Entry]:
    """The entries of the ``SOURCE = {...}`` table (or another of ``tables``), in order."""
    tree = ast.parse(text)
    raw = text.encode("utf-8")
    starts = [0]
    for line in raw.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    lines = text.splitlines()

    def offset(lineno: int, col: int) -> int:
        return starts[lineno - 1] + col  # ast columns are UTF-8 byte offsets

    table = None
    for node in tree.body:
        targets = (node.targets if isinstance(node, ast.Assign)
                   else [node.target] if isinstance(node, ast.AnnAssign) else [])
        if any(isinstance(tg, ast.Name) and tg.id in tables for tg in targets):
            table = node.value
    if not isinstance(table, ast.Dict):
        raise MigrationError("no `SOURCE = {...}` table found in the source file")
    entries: list[Entry] = []
    seen: set[str] = set()
    for k, v in zip(table.keys, table.values, strict=True):
        if k is None:
            raise MigrationError(f"line {v.lineno}: `**` inside SOURCE is not supported")
        key = _str(k, "key")
        if key in seen:
            raise MigrationError(f"{key}: the key appears twice in SOURCE (line {k.lineno})")
        seen.add(key)
        notes = _section_notes(lines, k.lineno)
        if isinstance(v, ast.Constant):
            entries.append(Entry(key, _str(v, key), notes=notes))
            continue
        if not (isinstance(v, ast.Call) and isinstance(v.func, ast.Name)
                and v.func.id in ("_m", "_p")):
            raise MigrationError(f"{key}: expected _m(...) or _p(...) (line {v.lineno})")
        args = list(v.args)
        kw = {a.arg: a.value for a in v.keywords}
        if v.func.id == "_p":
            if len(args) != 2 or kw:
                raise MigrationError(f"{key}: _p takes (singular, plural) (line {v.lineno})")
            entries.append(Entry(key, _str(args[0], key), plural=_str(args[1], key),
                                 notes=notes))
            continue
        ar_node = args[1] if len(args) > 1 else kw.get("ar")
        if not args or len(args) > 2 or set(kw) - {"ar"} or (len(args) == 2 and kw):
            raise MigrationError(f"{key}: expected _m(english) or _m(english, arabic) "
                                 f"(line {v.lineno})")
        entry = Entry(key, _str(args[0], key), notes=notes)
        if ar_node is not None:
            entry.ar = _str(ar_node, key)
            last = ar_node if len(args) > 1 else v.keywords[0].value
            entry.cut = (offset(args[0].end_lineno, args[0].end_col_offset),
                         offset(last.end_lineno, last.end_col_offset))
        entries.append(entry)
    return entries


def rewrite_source(text: str, entries: list[Entry]) -> str:
    """``text`` with the inline Arabic of ``entries`` removed (``_m(en, ar)`` -> ``_m(en)``)."""
    raw = text.encode("utf-8")
    for entry in sorted((e for e in entries if e.cut), key=lambda e: e.cut[0], reverse=True):
        a, b = entry.cut
        tail = raw[b:]
        # a trailing comma inside the call (`_m(en, ar,)`) goes with the Arabic
        stripped = tail.lstrip()
        if stripped.startswith(b","):
            tail = stripped[1:]
        raw = raw[:a] + tail
    return raw.decode("utf-8")


def new_catalog() -> Catalog:
    cat = Catalog(locale="ar", domain="atlas", project="De-escalation Zones Atlas",
                  version="1", fuzzy=False,
                  header_comment="# Arabic interface of the De-escalation Zones Atlas.\n"
                                 "# msgctxt is the key used in the code (geo/i18n.py), msgid the "
                                 "English source text.\n"
                                 "# Glossary: geo/locale/glossary.csv. After editing, restart "
                                 "the app.")
    return cat


def _previous_ids(text: str) -> dict[str, list[str]]:
    """``#| msgid`` lines (the English a fuzzy entry was translated from), by msgctxt: Babel
    writes them but does not read them back."""
    out = {}
    for block in text.split("\n\n"):
        ctxt = re.search(r'^msgctxt "(.*)"$', block, re.MULTILINE)
        parts, inside = [], False
        for line in block.splitlines():
            m = re.match(r'#\| (msgid |msgctxt |msgid_plural )?"(.*)"$', line)
            if not m:
                continue
            if m.group(1):
                inside = m.group(1) == "msgid "
            if inside:
                parts.append(unescape(f'"{m.group(2)}"'))
        if ctxt and parts:
            out[unescape(f'"{ctxt.group(1)}"')] = ["".join(parts)]
    return out


def load_catalog(po: Path) -> Catalog:
    if not po.exists():
        return new_catalog()
    try:
        with po.open("rb") as fh:
            cat = read_po(fh, locale="ar", abort_invalid=True)
        previous = _previous_ids(po.read_text(encoding="utf-8"))
    except Exception as exc:  # babel raises PoFileError and others
        raise MigrationError(f"{po}: cannot be read as a .po file: {exc}") from None
    for msg in cat:
        # Babel reads `#| msgid` lines back as translator comments: they are previous ids
        msg.user_comments = [c for c in msg.user_comments if not c.startswith("| ")]
        if msg.context in previous and not msg.previous_id:
            msg.previous_id = previous[msg.context]
    return cat


def _msg_id(entry: Entry) -> str | tuple[str, str]:
    return (entry.en, entry.plural) if entry.plural is not None else entry.en


def _translated(msg: Message) -> bool:
    strings = msg.string if isinstance(msg.string, (list, tuple)) else [msg.string]
    return all(s for s in strings) and "fuzzy" not in msg.flags


def _inline_string(entry: Entry) -> str | tuple[str, ...]:
    if entry.plural is not None:
        return ("",) * NPLURALS
    return entry.ar or ""


def migrate_catalog(entries: list[Entry], old: Catalog, report: Report,
                    prefer_inline: bool = False,
                    base: dict[str, Entry] | None = None) -> Catalog:
    """A new catalog holding one message per entry, in the code's order."""
    by_key: dict[str, Message] = {}
    for msg in list(old) + list(old.obsolete.values()):
        if msg.id and msg.context and msg.context not in by_key:
            by_key[msg.context] = msg
    cat = Catalog(locale="ar", domain=old.domain or "atlas", project=old.project,
                  version=old.version, copyright_holder=old.copyright_holder,
                  msgid_bugs_address=old.msgid_bugs_address,
                  creation_date=old.creation_date, revision_date=old.revision_date,
                  last_translator=old.last_translator, language_team=old.language_team,
                  header_comment=old.header_comment, fuzzy=False)
    cat.mime_headers = [("Plural-Forms", AR_PLURAL_FORMS)]  # gettext's rule, not CLDR's text
    keys = {e.key for e in entries}
    for entry in entries:
        mid = _msg_id(entry)
        prev = by_key.get(entry.key)
        comments = (prev.auto_comments if prev and prev.auto_comments
                    else [*entry.notes, ROLES.get(entry.key.split(".")[0], "")])
        comments = [c for c in comments if c]
        msg = Message(mid, _inline_string(entry), context=entry.key, auto_comments=comments)
        if prev is not None and prev.id == mid:
            msg = Message(mid, prev.string, context=entry.key, flags=prev.flags,
                          auto_comments=comments, user_comments=prev.user_comments,
                          previous_id=prev.previous_id)
            was = base.get(entry.key) if base else None
            base_ar = was.ar if was is not None and was.en == entry.en else None
            differs = bool(entry.ar and prev.string and prev.string != entry.ar)
            if differs and (prefer_inline or (base_ar is not None and entry.ar != base_ar
                                              and prev.string == base_ar)):
                msg.string, msg.flags = entry.ar, set(prev.flags) - {"fuzzy"}
                report.moved.append(entry.key)
            elif differs and base_ar is not None and entry.ar == base_ar:
                report.superseded.append(entry.key)
            elif differs:
                report.kept_catalog.append(entry.key)
            elif entry.ar and not _translated(prev):
                msg.string, msg.flags = entry.ar, set(prev.flags) - {"fuzzy"}
                report.moved.append(entry.key)
            elif entry.ar:
                report.moved.append(entry.key)
        elif prev is not None:  # the English changed
            if entry.ar:
                report.moved.append(entry.key)
                msg.user_comments = prev.user_comments
            elif (entry.plural is None) == (not isinstance(prev.id, tuple)) and prev.string:
                msg = Message(mid, prev.string, context=entry.key, flags={"fuzzy"},
                              auto_comments=comments, user_comments=prev.user_comments,
                              previous_id=[prev.id] if isinstance(prev.id, str)
                              else list(prev.id))
                report.fuzzy.append(entry.key)
        else:
            (report.moved if entry.ar else report.added).append(entry.key)
        if not _translated(msg) and "fuzzy" not in msg.flags:
            report.untranslated.append(entry.key)
        cat[mid] = msg  # Catalog.__setitem__ keys by (id, context) from the message
    for key, msg in by_key.items():
        if key not in keys:
            cat.obsolete[(msg.id if isinstance(msg.id, str) else msg.id[0], key)] = msg
            report.obsolete.append(key)
    return cat


def render_po(cat: Catalog) -> bytes:
    buf = io.BytesIO()
    write_po(buf, cat, no_location=True, include_previous=True, width=79)
    return buf.getvalue()


def migrate(source: Path = SOURCE_FILE, po: Path = PO_FILE, write: bool = True,
            prefer_inline: bool = False, base: Path | None = None) -> Report:
    """Bring ``po`` in step with ``source`` and strip the inline Arabic from ``source``."""
    text = source.read_text(encoding="utf-8")
    entries = parse_source(text)
    report = Report()
    base_entries = None
    if base is not None:
        base_entries = {e.key: e for e in parse_source(base.read_text(encoding="utf-8"),
                                                       ("SOURCE", "MESSAGES"))}
    cat = migrate_catalog(entries, load_catalog(po), report, prefer_inline, base_entries)
    po_bytes = render_po(cat)
    new_text = rewrite_source(text, entries)
    # the rewrite must leave the same keys and English, and no inline Arabic
    after = parse_source(new_text)
    if [(e.key, e.en, e.plural) for e in after] != [(e.key, e.en, e.plural) for e in entries] \
            or any(e.ar for e in after):
        raise MigrationError("rewriting the source would change its English; nothing written")
    report.po_changed = not po.exists() or po.read_bytes() != po_bytes
    report.source_changed = new_text != text
    if write:
        if report.po_changed:
            po.parent.mkdir(parents=True, exist_ok=True)
            tmp = po.with_suffix(".po.tmp")
            tmp.write_bytes(po_bytes)
            tmp.replace(po)
        if report.source_changed:
            tmp = source.with_suffix(".py.tmp")
            tmp.write_text(new_text, encoding="utf-8")
            tmp.replace(source)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=SOURCE_FILE)
    parser.add_argument("--po", type=Path, default=PO_FILE)
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 if a run would change a file")
    parser.add_argument("--prefer-inline", action="store_true",
                        help="inline Arabic replaces a different translation in the catalog")
    parser.add_argument("--base", type=Path,
                        help="geo/i18n.py where the merged branch started: decide key by key "
                             "whether the branch or the catalog changed the Arabic")
    args = parser.parse_args(argv)
    try:
        report = migrate(args.source, args.po, write=not args.check,
                         prefer_inline=args.prefer_inline, base=args.base)
    except (MigrationError, OSError, SyntaxError) as exc:
        print(f"i18n_migrate: {exc}", file=sys.stderr)
        return 2
    for line in report.lines():
        print(line)
    changed = [str(p) for p, c in ((args.po, report.po_changed),
                                   (args.source, report.source_changed)) if c]
    verb = "would change" if args.check else "changed"
    print(f"{verb}: {', '.join(changed)}" if changed else "up to date: nothing to change")
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
