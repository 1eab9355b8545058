"""The shipped timeline, zone-status and forces tables, and the loaders' handling of bad files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from geo import ZONE_IDS
from geo import forces as F
from geo import timeline as T
from geo.problems import DataError

SEED_IDS = {p.stem for p in (T.SEEDS_DIR).glob("*.txt")}


# --------------------------------------------------------------------------- shipped files


def test_shipped_tables_have_no_problems() -> None:
    problems = T.check_files() + F.check_files()
    assert problems == [], "\n".join(map(str, problems))


def test_every_seed_quote_is_verbatim() -> None:
    records = F.load_forces()
    spans = F.quote_spans()
    quoted = [r for r in records if r.article_id]
    assert len(quoted) >= 7
    for r in quoted:
        # Read here, byte for byte, without the loader: the spans the loader found are checked
        # against plain string search on the raw file (comparing them with the text they
        # were found in would pass whatever the loader matched).
        raw = (T.SEEDS_DIR / f"{r.article_id}.txt").read_bytes().decode("utf-8")
        assert raw.count(r.quote) >= 1, r.force_id  # verbatim: no normalisation anywhere
        start = raw.index(r.quote)
        assert spans[r.force_id] == (start, start + len(r.quote)), r.force_id


def test_every_seed_is_reported_by_the_tables() -> None:
    in_events = {e.article_id for e in T.load_events() if e.article_id}
    in_forces = {r.article_id for r in F.load_forces() if r.article_id}
    assert in_events == SEED_IDS
    assert in_forces == SEED_IDS


@pytest.mark.parametrize("zone, day, status", [
    ("idlib", date(2017, 6, 1), "proposed"),
    ("idlib", date(2017, 9, 14), "proposed"),
    ("idlib", date(2017, 9, 15), "in-force"),
    ("idlib", date(2018, 9, 17), "in-force"),
    ("idlib", date(2020, 3, 6), "in-force"),
    ("idlib", date(2024, 11, 26), "in-force"),
    ("idlib", date(2024, 11, 27), "ended"),
    ("eastern-ghouta", date(2017, 8, 1), "agreed-locally"),
    ("eastern-ghouta", date(2018, 5, 1), "ended"),
    ("northern-homs", date(2017, 8, 3), "agreed-locally"),
    ("northern-homs", date(2018, 5, 16), "ended"),
    ("south", date(2018, 1, 1), "agreed-locally"),
    ("south", date(2017, 5, 4), "proposed"),
])
def test_zone_status_on(zone: str, day: date, status: str) -> None:
    assert T.zone_status_on(zone, day) == status


def test_no_status_before_signing_or_for_unknown_zone() -> None:
    assert T.zone_status_on("idlib", date(2017, 5, 3)) is None
    assert T.zone_status_on("aleppo", date(2017, 6, 1)) is None


def test_every_zone_has_a_status_every_day() -> None:
    day = T.SIGNING_DATE
    while day <= date(2019, 1, 1):
        for zone in ZONE_IDS:
            assert T.zone_status_on(zone, day) is not None, (zone, day)
        day = date.fromordinal(day.toordinal() + 7)


def test_events_for_zone_include_all_zone_events_in_date_order() -> None:
    ghouta = T.events_for_zone("eastern-ghouta")
    ids = [e.event_id for e in ghouta]
    assert "memorandum-signed" in ids and "ghouta-cairo-deal" in ids
    assert "south-ceasefire" not in ids
    assert [e.start for e in ghouta] == sorted(e.start for e in ghouta)
    assert len(T.events_for_zone("all")) == len(T.load_events())


def test_entry_into_force_disagreement_is_stated() -> None:
    (ev,) = [e for e in T.load_events() if e.kind == "entry-into-force" and "all" in e.zone_ids]
    assert "5 May" in ev.summary_en and "6 May" in ev.summary_en


# --------------------------------------------------------------------------- broken files


def _write(path: Path, header: str, *rows: str) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


EV_HEADER = ",".join(T.EVENT_COLUMNS)
ST_HEADER = ",".join(T.STATUS_COLUMNS)
UNCHECKED = ",,,unverified,test row"  # phrase, phrase_url, check, check_note
NO_RELATED = ",,,"  # forces.csv: empty related_outlet, related_title, related_url (after note_en)


def test_broken_timeline_gives_clear_problems(tmp_path: Path) -> None:
    bad = _write(tmp_path / "timeline.csv", EV_HEADER,
                 "a,idlib,talks,2017-05-10,2017-05-01,T,,S,O,ST,https://x.org," + UNCHECKED,
                 "b,aleppo,parade,2017-13-01,,T,,S,O,ST,," + UNCHECKED,
                 "a,all,talks,2017-05-10,,T,,S,O,ST,https://x.org,999_missing" + UNCHECKED)
    problems = T.check_files(bad, T.ZONE_STATUS_PATH)
    text = "\n".join(map(str, problems))
    assert "end 2017-05-01 is before start 2017-05-10" in text
    assert "zone_ids 'aleppo'" in text
    assert "kind 'parade' is unknown" in text
    assert "start '2017-13-01' is not an ISO date" in text
    assert "has no source URL" in text
    assert "repeats an event_id" in text
    assert "999_missing" in text
    with pytest.raises(DataError) as exc:
        T.load_events(bad)
    assert exc.value.problems and all(p.file.endswith("timeline.csv") for p in exc.value.problems)


def test_missing_column_and_ragged_row(tmp_path: Path) -> None:
    bad = _write(tmp_path / "timeline.csv", "event_id,zone_ids,kind,start")
    (p,) = T.check_files(bad, T.ZONE_STATUS_PATH)
    assert p.item == "header" and "missing column(s) end" in p.message
    ragged = _write(tmp_path / "t2.csv", EV_HEADER, "a,idlib,talks,2017-05-10,,T,,S with, comma")
    assert any("different number of cells" in str(p)
               for p in T.check_files(ragged, T.ZONE_STATUS_PATH))


def test_missing_file_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="file is missing"):
        T.load_zone_status(tmp_path / "nope.csv")


def _status_rows(**override: str) -> list[str]:
    rows = []
    for zone in ZONE_IDS:
        # (an outlet and its own site: geo/data/outlet_sites.csv, attrib-5)
        rows.append(f"{zone},proposed,2017-05-04,2017-07-21,n,TASS,https://tass.com/x{UNCHECKED}")
        rows.append(f"{zone},{override.get(zone, 'agreed-locally,2017-07-22')},,n,TASS,"
                    f"https://tass.com/x{UNCHECKED}")
    return rows


def test_status_gap_and_overlap_are_reported(tmp_path: Path) -> None:
    good = _write(tmp_path / "ok.csv", ST_HEADER, *_status_rows())
    assert T.check_files(T.TIMELINE_PATH, good) == []
    gap = _write(tmp_path / "gap.csv", ST_HEADER,
                 *_status_rows(idlib="in-force,2017-08-01"))
    msgs = [str(p) for p in T.check_files(T.TIMELINE_PATH, gap)]
    assert any("idlib" in m and "gap from 2017-07-22 to 2017-07-31" in m for m in msgs), msgs
    overlap = _write(tmp_path / "overlap.csv", ST_HEADER,
                     *_status_rows(south="ended,2017-07-01"))
    msgs = [str(p) for p in T.check_files(T.TIMELINE_PATH, overlap)]
    assert any("south" in m and "overlap" in m for m in msgs), msgs


def test_status_must_start_on_signing_day_and_stay_open(tmp_path: Path) -> None:
    rows = _status_rows()
    rows[0] = rows[0].replace("2017-05-04", "2017-05-06")
    rows[1] = rows[1].replace(",,n,", ",2018-01-01,n,")
    bad = _write(tmp_path / "s.csv", ST_HEADER, *rows,
                 "homs,ended,2018-01-01,,n,TASS,https://tass.com/x" + UNCHECKED)
    msgs = "\n".join(map(str, T.check_files(T.TIMELINE_PATH, bad)))
    assert "not on the signing day 2017-05-04" in msgs
    assert "later days have no status" in msgs
    assert "zone_id 'homs' is unknown" in msgs


def test_forces_quote_not_verbatim_reports_offsets(tmp_path: Path) -> None:
    (seed,) = T.SEEDS_DIR.glob("003_*.txt")
    header = ",".join(F.FORCE_COLUMNS)
    # Retyped with a plain alef for إذا: the normalised text still matches, so the check can
    # point at the exact original wording.
    bad = _write(tmp_path / "forces.csv", header,
                 f"k,kazakhstan,peacekeepers,all,offered,,2017-09-14,"
                 f"مستعدة لإرسال قوات سلام إلى سوريا اذا وافق,{seed.stem},O,ST,,"
                 f"{NO_RELATED}{UNCHECKED}",
                 "z,martians,troops,all,offered,,2017-09-14,,,O,ST,," + NO_RELATED + UNCHECKED)
    msgs = "\n".join(map(str, F.check_files(bad)))
    assert "quote is not verbatim" in msgs and "offsets" in msgs
    assert "actor 'martians' is unknown" in msgs
    assert "neither a URL nor an article_id" in msgs
    with pytest.raises(DataError):
        F.load_forces(bad)
