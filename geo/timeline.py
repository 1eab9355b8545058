"""The zones' timeline (``geo/data/timeline.csv``) and lifecycle (``geo/data/zone_status.csv``).

Both tables are hand-curated and sourced (see ``geo/SCHEMA.md``). Loaders validate the whole
file first and raise ``DataError`` carrying readable ``Problem`` lines, so a typo in a CSV shows
up as "row 7: end before start", never as a traceback from deep inside a page.

Status intervals are *inclusive* of both ends: ``2017-05-04 → 2017-09-14`` followed by
``2017-09-15 → (open)`` has neither a gap nor an overlap.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

from geo import ZONE_IDS
from geo.evidence import EVIDENCE_COLUMNS, Evidence
from geo.evidence import problems as evidence_problems
from geo.paths import DATA_DIR
from geo.paths import PROJECT_SEEDS_DIR as SEEDS_DIR
from geo.problems import DataError, Problem, display_path

__all__ = [
    "EVENT_COLUMNS",
    "KINDS",
    "SIGNING_DATE",
    "STATUSES",
    "STATUS_COLUMNS",
    "TIMELINE_PATH",
    "ZONE_STATUS_PATH",
    "Event",
    "StatusInterval",
    "check_files",
    "csv_cells",
    "events_for_zone",
    "load_events",
    "load_zone_status",
    "read_table",
    "zone_status_on",
]

TIMELINE_PATH = DATA_DIR / "timeline.csv"
ZONE_STATUS_PATH = DATA_DIR / "zone_status.csv"
SIGNING_DATE = date(2017, 5, 4)  # the Astana memorandum; no zone existed before it

EVENT_COLUMNS: tuple[str, ...] = (
    "event_id", "zone_ids", "kind", "start", "end", "title_en", "title_ar", "summary_en",
    "outlet", "source_title", "url", "article_id", *EVIDENCE_COLUMNS,
)
STATUS_COLUMNS: tuple[str, ...] = ("zone_id", "status", "start", "end", "note_en", "outlet", "url",
                                   *EVIDENCE_COLUMNS)
KINDS: frozenset[str] = frozenset({
    "talks", "signing", "entry-into-force", "local-agreement", "deployment", "proposal",
    "offensive", "end", "other",
})
STATUSES: frozenset[str] = frozenset({"proposed", "in-force", "agreed-locally", "ended"})
ALL = "all"


@dataclass(frozen=True)
class Event:
    event_id: str
    zone_ids: tuple[str, ...]
    kind: str
    start: date
    end: date | None
    title_en: str
    title_ar: str
    summary_en: str
    outlet: str
    source_title: str
    url: str
    article_id: str
    # the source's deciding phrase, or why there is none
    evidence: Evidence = field(default_factory=Evidence)

    @property
    def last_day(self) -> date:
        return self.end or self.start

    def concerns(self, zone_id: str) -> bool:
        return ALL in self.zone_ids or zone_id in self.zone_ids

    def to_json(self) -> dict[str, object]:
        d = asdict(self)
        d.pop("evidence")
        d["zone_ids"] = list(self.zone_ids)
        d["start"] = self.start.isoformat()
        d["end"] = self.end.isoformat() if self.end else None
        return d | self.evidence.to_json()

    def to_csv_row(self) -> dict[str, object]:
        """``to_json`` for a CSV download: lists ``;``-joined, as in the project's own CSVs."""
        return csv_cells(self.to_json())


def csv_cells(row: dict[str, object]) -> dict[str, object]:
    """A record's JSON form made fit for CSV cells: a list or tuple joined with ``;`` (as
    ``zone_ids`` is written in ``geo/data/*.csv``; never Python's ``['all']``), ``None`` as an
    empty cell."""
    return {k: ";".join(str(x) for x in v) if isinstance(v, (list, tuple))
            else "" if v is None else v for k, v in row.items()}


@dataclass(frozen=True)
class StatusInterval:
    zone_id: str
    status: str
    start: date
    end: date | None  # inclusive; None = open-ended
    note_en: str
    outlet: str
    url: str
    evidence: Evidence = field(default_factory=Evidence)

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def to_json(self) -> dict[str, object]:
        d = asdict(self)
        d.pop("evidence")
        d["start"] = self.start.isoformat()
        d["end"] = self.end.isoformat() if self.end else None
        return d | self.evidence.to_json()


# --------------------------------------------------------------------------- reading


def read_table(path: Path, columns: Iterable[str]) -> tuple[list[tuple[int, dict[str, str]]],
                                                            list[Problem]]:
    """Rows of a UTF-8 CSV as ``(line_number, row)`` plus the problems that stop or mar it.

    Shared with ``geo.forces``: both tables want the same "missing column / ragged row"
    messages.
    """
    file = display_path(path)
    columns = tuple(columns)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return [], [Problem(file, "", "file is missing", "restore it from git")]
    except UnicodeDecodeError as exc:
        return [], [Problem(file, "", f"not UTF-8 ({exc.reason} at byte {exc.start})",
                            "save the file as UTF-8")]
    except OSError as exc:
        return [], [Problem(file, "", f"cannot be read ({exc.strerror})")]
    reader = csv.DictReader(text.splitlines())
    header = tuple(reader.fieldnames or ())
    missing = [c for c in columns if c not in header]
    if missing:
        return [], [Problem(file, "header", f"missing column(s) {', '.join(missing)}",
                            f"the header must be: {','.join(columns)}")]
    problems: list[Problem] = []
    extra = [c for c in header if c not in columns]
    if extra:
        problems.append(Problem(file, "header", f"unknown column(s) {', '.join(extra)}",
                                "remove them or document them in geo/SCHEMA.md", "warning"))
    rows: list[tuple[int, dict[str, str]]] = []
    for row in reader:
        line = reader.line_num
        if None in row or any(row.get(c) is None for c in header):
            problems.append(Problem(file, f"line {line}",
                                    f"has a different number of cells than the header's "
                                    f"{len(header)}", "quote cells that contain commas"))
            continue
        if not any((v or "").strip() for v in row.values()):
            continue  # blank line
        rows.append((line, {c: (row.get(c) or "").strip() for c in columns}))
    return rows, problems


def _parse_day(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _check_url(file: str, item: str, url: str) -> list[Problem]:
    if not url:
        return [Problem(file, item, "has no source URL", "cite the source the row is based on")]
    if not url.startswith(("http://", "https://")):
        return [Problem(file, item, f"URL {url!r} is not http(s)", "give the full address")]
    return []


def _dates(file: str, item: str, row: dict[str, str]) -> tuple[date | None, date | None,
                                                               list[Problem]]:
    problems = []
    start = _parse_day(row["start"])
    if start is None:
        problems.append(Problem(file, item, f"start {row['start']!r} is not an ISO date",
                                "write YYYY-MM-DD"))
    end = None
    if row["end"]:
        end = _parse_day(row["end"])
        if end is None:
            problems.append(Problem(file, item, f"end {row['end']!r} is not an ISO date",
                                    "write YYYY-MM-DD or leave it empty"))
        elif start is not None and end < start:
            problems.append(Problem(file, item, f"end {end} is before start {start}",
                                    "swap them or fix the typo"))
    return start, end, problems


def _outlet_sites() -> dict[str, tuple[str, ...]]:
    """``geo/data/outlet_sites.csv`` (its own problems are reported with the forces table's)."""
    from geo.outlets import load_outlet_sites

    return load_outlet_sites()[0]


def _parse_events(path: Path, seeds_dir: Path) -> tuple[list[Event], list[Problem]]:
    from geo.outlets import site_problems

    file = display_path(path)
    rows, problems = read_table(path, EVENT_COLUMNS)
    sites = _outlet_sites() if rows else {}
    events: list[Event] = []
    seen: set[str] = set()
    for line, row in rows:
        item = f"line {line} ({row['event_id'] or 'no event_id'})"
        bad: list[Problem] = []
        if not row["event_id"]:
            bad.append(Problem(file, item, "has no event_id", "give it a unique slug"))
        elif row["event_id"] in seen:
            bad.append(Problem(file, item, "repeats an event_id", "make event_id unique"))
        seen.add(row["event_id"])
        zones = tuple(z.strip() for z in row["zone_ids"].split(";") if z.strip())
        unknown = [z for z in zones if z not in (*ZONE_IDS, ALL)]
        if not zones or unknown:
            bad.append(Problem(file, item, f"zone_ids {row['zone_ids']!r} has unknown or no "
                               f"zone ids", f"use {', '.join((*ZONE_IDS, ALL))}"))
        elif ALL in zones and len(zones) > 1:
            bad.append(Problem(file, item, "mixes 'all' with single zones", "use one or the other"))
        if row["kind"] not in KINDS:
            bad.append(Problem(file, item, f"kind {row['kind']!r} is unknown",
                               f"use one of {', '.join(sorted(KINDS))}"))
        start, end, date_problems = _dates(file, item, row)
        bad += date_problems
        for col in ("title_en", "summary_en", "outlet"):
            if not row[col]:
                bad.append(Problem(file, item, f"{col} is empty", "fill it in"))
        bad += _check_url(file, item, row["url"]) or site_problems(
            file, item, row["outlet"], row["url"], sites, related_columns=False)
        if row["article_id"] and not (seeds_dir / f"{row['article_id']}.txt").is_file():
            bad.append(Problem(file, item, f"article_id {row['article_id']!r} has no file in "
                               "seeds/", "use a seed file's stem or leave it empty"))
        evidence = Evidence.from_row(row)
        bad += evidence_problems(file, item, evidence, {"summary_en": row["summary_en"]},
                                 seeds_dir)
        problems += bad
        if bad or start is None:
            continue
        events.append(Event(row["event_id"], zones, row["kind"], start, end, row["title_en"],
                            row["title_ar"], row["summary_en"], row["outlet"],
                            row["source_title"], row["url"], row["article_id"], evidence))
    events.sort(key=lambda e: (e.start, e.last_day, e.event_id))
    return events, problems


def _parse_status(path: Path) -> tuple[list[StatusInterval], list[Problem]]:
    from geo.outlets import site_problems

    file = display_path(path)
    rows, problems = read_table(path, STATUS_COLUMNS)
    sites = _outlet_sites() if rows else {}
    intervals: list[StatusInterval] = []
    for line, row in rows:
        item = f"line {line} ({row['zone_id'] or 'no zone'} {row['status']})"
        bad: list[Problem] = []
        if row["zone_id"] not in ZONE_IDS:
            bad.append(Problem(file, item, f"zone_id {row['zone_id']!r} is unknown",
                               f"use one of {', '.join(ZONE_IDS)}"))
        if row["status"] not in STATUSES:
            bad.append(Problem(file, item, f"status {row['status']!r} is unknown",
                               f"use one of {', '.join(sorted(STATUSES))}"))
        start, end, date_problems = _dates(file, item, row)
        bad += date_problems + (_check_url(file, item, row["url"]) or site_problems(
            file, item, row["outlet"], row["url"], sites, related_columns=False))
        if not row["outlet"]:
            bad.append(Problem(file, item, "outlet is empty", "name the source"))
        evidence = Evidence.from_row(row)
        bad += evidence_problems(file, item, evidence, {"note_en": row["note_en"]}, SEEDS_DIR)
        problems += bad
        if bad or start is None:
            continue
        intervals.append(StatusInterval(row["zone_id"], row["status"], start, end,
                                        row["note_en"], row["outlet"], row["url"], evidence))
    intervals.sort(key=lambda s: (ZONE_IDS.index(s.zone_id), s.start))
    problems += _check_coverage(file, intervals)
    return intervals, problems


def _check_coverage(file: str, intervals: list[StatusInterval]) -> list[Problem]:
    """Per zone: starts on the signing day, no gaps, no overlaps, open-ended last interval."""
    problems = []
    for zone in ZONE_IDS:
        own = [s for s in intervals if s.zone_id == zone]
        if not own:
            problems.append(Problem(file, zone, "has no status rows",
                                    f"add intervals from {SIGNING_DATE} onward"))
            continue
        if own[0].start != SIGNING_DATE:
            problems.append(Problem(file, zone, f"first interval starts {own[0].start}, not on "
                                    f"the signing day {SIGNING_DATE}",
                                    f"start the first interval on {SIGNING_DATE}"))
        for prev, nxt in pairwise(own):
            item = f"{zone} {prev.status}→{nxt.status}"
            if prev.end is None:
                problems.append(Problem(file, item, f"open-ended {prev.status} interval is "
                                        f"followed by another from {nxt.start}",
                                        "give the earlier interval an end"))
                continue
            expected = prev.end + timedelta(days=1)
            if nxt.start > expected:
                problems.append(Problem(file, item, f"gap from {expected} to "
                                        f"{nxt.start - timedelta(days=1)}",
                                        f"start the next interval on {expected}"))
            elif nxt.start < expected:
                problems.append(Problem(file, item, f"overlap: {nxt.start} is on or before "
                                        f"the previous end {prev.end}",
                                        f"start the next interval on {expected}"))
        if own[-1].end is not None:
            problems.append(Problem(file, zone, f"last interval ends {own[-1].end}; later days "
                                    "have no status", "leave the last interval's end empty"))
    return problems


# --------------------------------------------------------------------------- public API

_cache: dict[tuple[str, str, int], list[Any]] = {}


def _cached(kind: str, path: Path, build: Callable[[], list[Any]]) -> list[Any]:
    # Pages call these on every rerun; re-read only when the file changed.
    try:
        mtime = Path(path).stat().st_mtime_ns
    except OSError:
        mtime = -1
    key = (kind, str(Path(path).resolve()), mtime)
    if key not in _cache:
        _cache[key] = build()
    return _cache[key]


def _raise_on_errors(items: list[Any], problems: list[Problem]) -> list[Any]:
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise DataError(errors)
    return items


def load_events(path: Path | str = TIMELINE_PATH,
                seeds_dir: Path | str = SEEDS_DIR) -> list[Event]:
    """All timeline events, sorted by date. Raises ``DataError`` if the file has errors."""
    path, seeds_dir = Path(path), Path(seeds_dir)
    return list(_cached(f"events:{seeds_dir.resolve()}", path,
                        lambda: _raise_on_errors(*_parse_events(path, seeds_dir))))


def load_zone_status(path: Path | str = ZONE_STATUS_PATH) -> list[StatusInterval]:
    """All status intervals, by zone then date. Raises ``DataError`` if the file has errors."""
    path = Path(path)
    return list(_cached("status", path, lambda: _raise_on_errors(*_parse_status(path))))


def zone_status_on(zone_id: str, day: date,
                   path: Path | str = ZONE_STATUS_PATH) -> str | None:
    """The zone's status on ``day``; ``None`` before the memorandum was signed (4 May 2017)
    or for an unknown zone id."""
    if day < SIGNING_DATE or zone_id not in ZONE_IDS:
        return None
    for interval in load_zone_status(path):
        if interval.zone_id == zone_id and interval.covers(day):
            return interval.status
    return None


def events_for_zone(zone_id: str, path: Path | str = TIMELINE_PATH) -> list[Event]:
    """Events about ``zone_id`` (including those about every zone), by date.
    ``zone_id='all'`` returns every event."""
    events = load_events(path)
    if zone_id == ALL:
        return events
    return [e for e in events if e.concerns(zone_id)]


def check_files(timeline_path: Path | str = TIMELINE_PATH,
                status_path: Path | str = ZONE_STATUS_PATH,
                seeds_dir: Path | str = SEEDS_DIR) -> list[Problem]:
    """Every problem in the two tables (errors and warnings); empty when both are clean."""
    _, p1 = _parse_events(Path(timeline_path), Path(seeds_dir))
    _, p2 = _parse_status(Path(status_path))
    return p1 + p2


# --------------------------------------------------------------------------- generated events

GROUND_KIND = "ground"  # events made from geo/digitise/zone_changes.toml, never in the CSV


def ground_change_events(changes: list[dict[str, Any]] | None = None) -> list[Event]:
    """One timeline event per dated change of a zone's ground, made from the change recipe
    (``geo.zone_versions.load_changes``): kind ``ground``, titled with the zone and what
    changed, summarised and sourced as the change is (its deciding source). Kept apart from
    ``load_events`` so the hand-curated ``timeline.csv`` is never rewritten."""
    from geo.i18n import join_words, label, t
    from geo.zone_versions import load_changes

    out = []
    for c in load_changes() if changes is None else changes:
        src = next((s for s in c["sources"] if s["key"] == c["decided_by"]), c["sources"][0])

        def title(lang: str, c: dict[str, Any] = c) -> str:
            zone = t(f"zone.{c['zone']}", lang)
            if lang == "ar":  # the verb with the places in Arabic, as the Play caption
                # "zone: what", as the caption (geo.zone_history.caption_html) writes it.
                return f"{zone}: " + t(f"msg.ground_places_{c['kind']}", lang,
                                       places=join_words(c["places_ar"], lang))
            return t("msg.ground_event_title", lang, zone=zone,
                     kind=label("ground.", c["kind"], lang),
                     places=join_words(c["places_en"], "en"))

        out.append(Event(
            event_id=f"ground-{c['id']}", zone_ids=(c["zone"],), kind=GROUND_KIND,
            start=date.fromisoformat(c["date"]), end=None, title_en=title("en"),
            title_ar=title("ar"),
            summary_en=f"{join_words(c['places_en'], 'en')}: {c['summary_en']} "
                       f"({c['date_note']})",
            outlet=src["outlet"], source_title=src["title"], url=src["url"], article_id=""))
    return out


def with_ground_changes(events: list[Event], generated: list[Event]) -> list[Event]:
    """The curated events and the generated ones in one list by date (a stable sort: on one
    day, the curated events come first)."""
    return sorted([*events, *generated], key=lambda e: (e.start is None, e.start or date.min))
