"""Command dispatcher. Each command lives in its own module with a ``main(argv) -> int``."""

from __future__ import annotations

import importlib
import sys

COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("geo.validate", "check the zones, base layers, catalog and tables"),
    "build-zones": ("geo.build_zones", "rebuild geo/zones.geojson from geo/digitise/zones.toml"),
    "link": ("geo.link_cli", "link article files to the zones they mention"),
    "ingest": ("geo.ingest", "add articles (files, folders, .zip, .jsonl) to seeds/ safely"),
    "export": ("geo.export", "export the map of a day as PNG/SVG/PDF or one offline HTML file"),
    "index": ("geo.index_cli:index_main", "build or update the archive index of the articles"),
    "search": ("geo.index_cli:search_main", "search the archive index (ranked, with snippets)"),
    "evaluate": ("geo.evaluate", "measure the linker on a labelled set (precision, recall, dates)"),
    "password": ("geo.access", "print the hash line of a new editors' password (for serving)"),
}


def usage() -> str:
    lines = ["usage: python -m geo COMMAND [ARGS...]", "", "commands:"]
    lines += [f"  {name:<12} {desc}" for name, (_, desc) in COMMANDS.items()]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(usage())
        return 0 if argv else 2
    name, rest = argv[0], argv[1:]
    if name not in COMMANDS:
        print(f"geo: unknown command {name!r}\n\n{usage()}", file=sys.stderr)
        return 2
    module_name, _, func = COMMANDS[name][0].partition(":")
    entry = getattr(importlib.import_module(module_name), func or "main")
    try:
        return int(entry(rest) or 0)
    except KeyboardInterrupt:
        return 130
