"""``python -m geo index`` and ``python -m geo search``: the archive index from a terminal.

``index`` builds the index of the articles folder or brings it up to date (only new, changed or
removed files are linked), with a progress bar on a terminal and a one-line summary; ``--engine
dask`` links on Dask (local processes, or ``--scheduler tcp://HOST:8786``).

``search`` prints ranked hits (article id, date, outlet, zones, title and a snippet), or JSON
with ``--json``, a page at a time.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from geo import ZONE_IDS
from geo.progress import TerminalBar


def _folder(value: str | None) -> Path:
    from geo import paths

    return Path(value) if value else paths.SEEDS_DIR


def index_main(argv: list[str]) -> int:
    from geo.batch import BatchError
    from geo.index import ArticleIndex, IndexError_

    ap = argparse.ArgumentParser(prog="python -m geo index",
                                 description="Build or update the archive index.")
    ap.add_argument("--seeds", help="articles folder (default: ATLAS_SEEDS_DIR or seeds/)")
    ap.add_argument("--engine", choices=("local", "dask"), default="local",
                    help="link in this process (local) or on Dask")
    ap.add_argument("--scheduler", help="address of a Dask scheduler (tcp://HOST:8786); "
                                        "default: a local cluster")
    ap.add_argument("--workers", type=int, default=2, help="local Dask worker processes")
    ap.add_argument("--quiet", action="store_true", help="no progress bar")
    args = ap.parse_args(argv)
    if args.scheduler and args.engine != "dask":
        ap.error("--scheduler needs --engine dask")
    idx = ArticleIndex(_folder(args.seeds))
    bar = None if args.quiet else TerminalBar("linking")
    try:
        summary = idx.update(progress=bar, engine=args.engine, scheduler=args.scheduler,
                             workers=max(1, args.workers))
    except (IndexError_, BatchError, OSError) as exc:
        print(f"geo index: {exc}", file=sys.stderr)
        return 1
    finally:
        if bar is not None:
            bar.close()
    for note in idx.notes:
        print(note, file=sys.stderr)
    if summary.rebuilt and summary.rebuilt not in idx.notes:
        print(f"relinked everything: {summary.rebuilt}", file=sys.stderr)
    for p in summary.problems:
        print(f"problem: {p.file}: {p.message}", file=sys.stderr)
    print(summary.line())
    return 0


def search_main(argv: list[str]) -> int:
    from geo.index import ArticleFilters, ArticleIndex, IndexError_

    ap = argparse.ArgumentParser(prog="python -m geo search",
                                 description="Search the archive index (Arabic-normalised).")
    ap.add_argument("query", nargs="+", help="words (Arabic or English names); \"a b\" for a "
                                             "phrase")
    ap.add_argument("--zone", action="append", choices=ZONE_IDS, default=[],
                    help="only articles about this zone (repeatable)")
    ap.add_argument("--strength", choices=("weak", "medium", "strong"), default=None,
                    help="weakest zone link counted: to a --zone, or without --zone to any "
                         "zone (default: medium with --zone; without it, every article)")
    ap.add_argument("--page", type=int, default=1)
    ap.add_argument("--per-page", type=int, default=20)
    ap.add_argument("--json", action="store_true", help="JSON for scripts")
    ap.add_argument("--seeds", help="articles folder (default: ATLAS_SEEDS_DIR or seeds/)")
    args = ap.parse_args(argv)
    idx = ArticleIndex(_folder(args.seeds))
    try:
        if idx.needs_update():
            bar = TerminalBar("indexing")
            summary = idx.update(progress=bar)
            bar.close()
            print(summary.line(), file=sys.stderr)
        result = idx.search(" ".join(args.query),
                            ArticleFilters(zones=tuple(args.zone), min_strength=args.strength
                                           or ("medium" if args.zone else "weak")),
                            page=args.page, per_page=max(1, min(args.per_page, 200)))
    except (IndexError_, OSError) as exc:
        print(f"geo search: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps({
            "query": " ".join(args.query), "total": result.total, "page": result.page,
            "pages": result.pages,
            "hits": [{"article_id": r.article_id, "title": r.title, "published": r.published,
                      "outlet": r.outlet_en, "zones": list(r.zones), "score": r.score,
                      "snippet": r.snippet, "snippet_marks": [list(m) for m in r.marks]}
                     for r in result.rows]}, ensure_ascii=False, indent=1))
        return 0
    if not result.total:
        print("no article matches")
        return 0
    first = (result.page - 1) * result.per_page + 1
    print(f"articles {first:,}-{first + len(result.rows) - 1:,} of {result.total:,} "
          f"(page {result.page} of {result.pages}), best match first")
    bold, plain = ("\033[1m", "\033[0m") if sys.stdout.isatty() else ("[", "]")
    for r in result.rows:
        print(f"\n{r.article_id}  {r.published or 'undated'}  {r.outlet_en or 'unknown'}  "
              f"zones: {', '.join(r.zones) or '-'}")
        print(f"  {r.title}")
        snip, pos = [], 0
        for a, b in r.marks:
            snip += [r.snippet[pos:a], bold, r.snippet[a:b], plain]
            pos = b
        snip.append(r.snippet[pos:])
        print(f"  {''.join(snip)}")
    return 0
