"""``python -m geo evaluate``: the linker measured against a labelled set of articles.

The set (``tests/eval/articles.toml`` by default; its header documents the schema) holds
articles about the zones and hard negatives of the kinds that fool a gazetteer linker (a town
that is a personal name or a common word, a namesake abroad, another area with a similar name,
a place named only as a distance reference or someone's origin). Each article is labelled with
its zones, whether it refers to the de-escalation zones in general, and the dates it states.

Measured, for the whole set and for each half (``dev``, looked at while writing rules, and
``held``, never looked at for that):

* zone links at the atlas's threshold (medium or strong, ``geo.articles.ABOUT``): precision and
  recall over (article, zone) pairs, per zone and per kind of article;
* general references: precision and recall over articles;
* span exactness: the share of every reported span (zone mentions, places, general references,
  dates) that is the exact slice ``text[start:end]`` of the original;
* dates: the share of labelled dates found (a day by its ISO day, a month or a year by a
  mention of that precision).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geo import ZONE_IDS
from geo.paths import GEO_DIR
from geo.recipes import read_tables

DEFAULT_SET = GEO_DIR.parent / "tests" / "eval" / "articles.toml"
ABOUT = "medium"  # the same threshold as geo.articles.ABOUT (not imported: no pandas here)
KINDS = ("positive", "person", "word", "abroad", "other-area", "reference")
HALVES = ("dev", "held")


class EvalSetError(ValueError):
    """The labelled set cannot be read; ``str(err)`` says where and why."""


@dataclass(frozen=True)
class Labelled:
    id: str
    half: str
    kind: str
    published: dt.date
    zones: frozenset[str]
    general: bool
    dates: tuple[str, ...]
    text: str


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set[str], found: set[str]) -> None:
        self.tp += len(gold & found)
        self.fp += len(found - gold)
        self.fn += len(gold - found)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def to_json(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4)}


@dataclass
class Report:
    articles: int = 0
    links: Counts = field(default_factory=Counts)
    per_zone: dict[str, Counts] = field(default_factory=lambda: {z: Counts() for z in ZONE_IDS})
    per_kind: dict[str, Counts] = field(default_factory=dict)
    general: Counts = field(default_factory=Counts)
    spans: int = 0
    spans_exact: int = 0
    dates: int = 0
    dates_found: int = 0
    errors: list[str] = field(default_factory=list)  # "id: zone wrongly linked (cue)" ...

    @property
    def span_exactness(self) -> float:
        return self.spans_exact / self.spans if self.spans else 1.0

    @property
    def date_recall(self) -> float:
        return self.dates_found / self.dates if self.dates else 1.0

    def to_json(self) -> dict[str, Any]:
        return {"articles": self.articles, "links": self.links.to_json(),
                "per_zone": {z: c.to_json() for z, c in self.per_zone.items()},
                "per_kind": {k: c.to_json() for k, c in self.per_kind.items()},
                "general": self.general.to_json(), "spans": self.spans,
                "span_exactness": round(self.span_exactness, 4), "dates": self.dates,
                "dates_found": self.dates_found, "date_recall": round(self.date_recall, 4),
                "errors": list(self.errors)}


def _fail(where: str, msg: str) -> EvalSetError:
    return EvalSetError(f"{where}: {msg}")


def load_set(path: Path | str = DEFAULT_SET) -> list[Labelled]:
    """The labelled articles of ``path``; raises EvalSetError with a readable message."""
    p = Path(path)
    rows = read_tables(p, "article", EvalSetError)
    out, seen = [], set()
    for k, r in enumerate(rows, start=1):
        where = f"{p.name}, article {k}"
        if not isinstance(r, dict):
            raise _fail(where, "not a table")
        missing = [f for f in ("id", "half", "kind", "published", "zones", "general", "dates",
                               "text") if f not in r]
        if missing:
            raise _fail(where, f"missing {', '.join(missing)}")
        aid = str(r["id"])
        where = f"{p.name}, article {aid!r}"
        if aid in seen:
            raise _fail(where, "duplicate id")
        seen.add(aid)
        if r["half"] not in HALVES:
            raise _fail(where, f"half must be one of {', '.join(HALVES)}")
        if r["kind"] not in KINDS:
            raise _fail(where, f"kind must be one of {', '.join(KINDS)}")
        try:
            published = dt.date.fromisoformat(str(r["published"]))
        except ValueError:
            raise _fail(where, f"published {r['published']!r} is not an ISO day") from None
        zones = r["zones"]
        if not isinstance(zones, list) or any(z not in ZONE_IDS for z in zones):
            raise _fail(where, f"zones must be a list of {', '.join(ZONE_IDS)}")
        if not isinstance(r["general"], bool):
            raise _fail(where, "general must be true or false")
        dates = r["dates"]
        if not isinstance(dates, list) or any(not _valid_label(d) for d in dates):
            raise _fail(where, "dates must be a list of YYYY-MM-DD, YYYY-MM or YYYY")
        if not isinstance(r["text"], str) or not r["text"].strip():
            raise _fail(where, "text is empty")
        out.append(Labelled(aid, r["half"], r["kind"], published, frozenset(zones),
                            r["general"], tuple(dates), r["text"]))
    return out


def _valid_label(d: Any) -> bool:
    if not isinstance(d, str):
        return False
    try:
        if len(d) == 10:
            dt.date.fromisoformat(d)
        elif len(d) == 7:
            dt.date.fromisoformat(d + "-01")
        elif len(d) == 4:
            int(d)
        else:
            return False
    except ValueError:
        return False
    return True


def _date_found(label: str, found: list[Any]) -> bool:
    if len(label) == 10:
        return any(d.date == label and d.precision == "day" for d in found)
    precision = "month" if len(label) == 7 else "year"
    return any(d.date and d.precision == precision and d.date.startswith(label)
               for d in found)


def evaluate(items: list[Labelled], linker: Any = None) -> dict[str, Report]:
    """Reports for ``all`` and each half present in ``items``."""
    from geo.corpus import CatalogRow, article_from_text
    from geo.linker import default_linker

    lk = linker or default_linker()
    reports = {"all": Report()}
    for item in items:
        reports.setdefault(item.half, Report())
    for item in items:
        art = article_from_text(item.text, item.id, path=f"<eval {item.id}>")
        art.catalog = CatalogRow(item.id, "", "", "", item.published, "evaluation", 1.0, "",
                                 None)
        links = lk.link(art)
        found = set(links.zone_ids(ABOUT))
        spans = [(m.start, m.end, m.text) for z in links.zones for m in z.mentions]
        spans += [(s.start, s.end, s.text) for s in [*links.places, *links.general,
                                                        *links.dates]]
        exact = sum(art.text[a:b] == t for a, b, t in spans)
        dates_ok = [d for d in item.dates if _date_found(d, links.dates)]
        errors = [f"{item.id} ({item.kind}): linked {z} wrongly ({_why(links, z)})"
                  for z in sorted(found - item.zones)]
        errors += [f"{item.id} ({item.kind}): missed {z}" for z in sorted(item.zones - found)]
        errors += [f"{item.id}: date {d} not found" for d in item.dates if d not in dates_ok]
        gold_general = {"general"} if item.general else set()
        found_general = {"general"} if links.general else set()
        if gold_general != found_general:
            errors.append(f"{item.id}: general reference "
                          f"{'missed' if item.general else 'found wrongly'}")
        for rep in (reports["all"], reports[item.half]):
            rep.articles += 1
            rep.links.add(set(item.zones), found)
            for z in ZONE_IDS:
                rep.per_zone[z].add({z} & item.zones, {z} & found)
            rep.per_kind.setdefault(item.kind, Counts()).add(set(item.zones), found)
            rep.general.add(gold_general, found_general)
            rep.spans += len(spans)
            rep.spans_exact += exact
            rep.dates += len(item.dates)
            rep.dates_found += len(dates_ok)
            rep.errors += errors
    return reports


def _why(links: Any, zone_id: str) -> str:
    z = next(z for z in links.zones if z.id == zone_id)
    return "; ".join(f"{m.text!r} {m.kind} {m.strength}"
                     + (f" [{m.cue}]" if getattr(m, "cue", "") else "") for m in z.mentions)


def _pct(x: float) -> str:
    return f"{100 * x:5.1f} %"


def format_report(reports: dict[str, Report], show_errors: bool = True) -> str:
    lines = []
    for name in ("all", *HALVES):
        rep = reports.get(name)
        if rep is None:
            continue
        title = {"all": "whole set", "dev": "dev half", "held": "held-out half"}[name]
        lines.append(f"== {title}: {rep.articles} articles")
        lines.append(f"zone links (medium or strong): precision {_pct(rep.links.precision)}"
                     f"  recall {_pct(rep.links.recall)}  (tp {rep.links.tp}, fp {rep.links.fp},"
                     f" fn {rep.links.fn})")
        lines.append(f"general references:            precision {_pct(rep.general.precision)}"
                     f"  recall {_pct(rep.general.recall)}")
        lines.append(f"span exactness: {_pct(rep.span_exactness)} of {rep.spans} spans")
        lines.append(f"dates found:    {_pct(rep.date_recall)} ({rep.dates_found} of "
                     f"{rep.dates})")
        lines.append("  per zone:")
        for z, c in rep.per_zone.items():
            lines.append(f"    {z:<15} precision {_pct(c.precision)}  recall {_pct(c.recall)}"
                         f"  (tp {c.tp}, fp {c.fp}, fn {c.fn})")
        lines.append("  per kind of article (false links are what a trap costs):")
        for k in KINDS:
            c = rep.per_kind.get(k)
            if c is not None:
                lines.append(f"    {k:<15} precision {_pct(c.precision)}  recall "
                             f"{_pct(c.recall)}  (tp {c.tp}, fp {c.fp}, fn {c.fn})")
        lines.append("")
    if show_errors and reports["all"].errors:
        lines.append("errors:")
        lines += [f"  {e}" for e in reports["all"].errors]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m geo evaluate",
                                 description="Measure the linker on a labelled set of articles.")
    ap.add_argument("set", nargs="?", type=Path, default=DEFAULT_SET,
                    help=f"labelled set (TOML; default {DEFAULT_SET.relative_to(GEO_DIR.parent)})")
    ap.add_argument("--half", choices=HALVES, help="only this half of the set")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--quiet", action="store_true", help="do not list the errors")
    args = ap.parse_args(argv)
    try:
        items = load_set(args.set)
    except EvalSetError as exc:
        print(f"evaluate: {exc}", file=sys.stderr)
        return 1
    if args.half:
        items = [i for i in items if i.half == args.half]
    reports = evaluate(items)
    out = (json.dumps({k: r.to_json() for k, r in reports.items()}, ensure_ascii=False, indent=1)
           if args.json else format_report(reports, show_errors=not args.quiet))
    try:
        print(out)
    except BrokenPipeError:  # "| head": the reader has gone, nothing left to say
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0
