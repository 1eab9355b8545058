"""``python -m geo link [--json] FILE...``: zones, places, dates and forces each article mentions.

Every file is handled on its own: a missing, empty, binary or oversized file becomes an error
entry for that file and the others are still linked. Exit status: 0 when every file was read,
1 when any file could not be read, 2 for a usage error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

USAGE = "usage: python -m geo link [--json] FILE..."


def _error_entry(path: str, message: str) -> dict[str, Any]:
    return {"file": path, "error": message, "title": "", "zones": [], "general": [], "dates": [],
            "places": [], "forces": [], "warnings": []}


def _summary(entry: dict[str, Any]) -> str:
    lines = [f"== {entry['file']}"]
    if entry.get("error"):
        lines.append(f"   ERROR: {entry['error']}")
        return "\n".join(lines)
    lines.append(f"   title: {entry['title']}")
    if not entry["zones"]:
        lines.append("   zones: none")
    for z in entry["zones"]:
        words = ", ".join(f"{m['text']} ({m['kind']}, {m['strength']})" for m in z["mentions"])
        lines.append(f"   zone {z['id']} [{z['strength']}]: {words}")
    if entry["general"]:
        lines.append(f"   general references: {len(entry['general'])} "
                     f"(e.g. {entry['general'][0]['text']})")
    if entry["places"]:
        lines.append("   places: " + ", ".join(
            f"{p['text']}={p['name_en']}" + (f"→{p['zone_id']}" if p["zone_id"] else "")
            for p in entry["places"]))
    if entry["dates"]:
        lines.append("   dates: " + ", ".join(f"{d['text']}={d.get('date')}"
                                             for d in entry["dates"]))
    if entry["forces"]:
        lines.append(f"   force candidates: {len(entry['forces'])}")
    for w in entry["warnings"]:
        lines.append(f"   warning: {w}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    args = list(argv)
    as_json = False
    files: list[str] = []
    for a in args:
        if a == "--json":
            as_json = True
        elif a in ("-h", "--help"):
            print(USAGE)
            return 0
        elif a.startswith("--") and a != "--":
            print(f"geo link: unknown option {a}\n{USAGE}", file=sys.stderr)
            return 2
        else:
            files.append(a)
    if not files:
        print(USAGE, file=sys.stderr)
        return 2

    from geo.corpus import ArticleError, load_catalog, read_article
    from geo.linker import Linker
    from geo.paths import CATALOG_PATH, SEEDS_DIR

    linker = Linker.from_repo()
    try:
        catalog = load_catalog(CATALOG_PATH)
    except (OSError, UnicodeDecodeError, ValueError):
        catalog = {}
    seeds = SEEDS_DIR.resolve()
    failed = False
    entries: list[dict[str, Any]] = []
    out = sys.stdout
    in_seeds_by_dir: dict[Path, bool] = {}  # one resolve() per folder, not per file
    for f in files:
        try:
            p = Path(f)
            # The catalog describes seeds only; an outside file with a seed's name gets no date.
            in_seeds = in_seeds_by_dir.get(p.parent)
            if in_seeds is None:
                in_seeds = p.parent.resolve() == seeds if p.parent.exists() else False
                in_seeds_by_dir[p.parent] = in_seeds
            art = read_article(p, catalog if in_seeds else None)
            entry = linker.link(art).to_json()
            entry["file"] = f
            entry["warnings"] = [*linker.build_warnings, *entry["warnings"]]
        except ArticleError as exc:
            failed = True
            entry = _error_entry(f, exc.message)
        except Exception as exc:  # never a traceback for one bad file; say what happened
            failed = True
            entry = _error_entry(f, f"internal error while linking: {type(exc).__name__}: {exc}")
        if as_json:
            entries.append(entry)
        else:
            out.write(_summary(entry) + "\n")
    if as_json:
        # json.dumps, not json.dump: dump streams through the pure-Python encoder, dumps uses
        # the C one (same text, several times faster on thousands of entries).
        out.write(json.dumps(entries, ensure_ascii=False))
        out.write("\n")
    out.flush()
    return 1 if failed else 0
