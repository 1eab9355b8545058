"""A monitor-force record's outlet, title and URL name one source (issue 5 review, attrib-5).

Records taken from a seed article once gave the article's outlet and headline beside another
site's URL (Al Arabiya with dailysabah.com, Baladi News with tass.com...). The validator now
checks every URL against its outlet's sites (``geo/data/outlet_sites.csv``) and a seed record's
outlet and URL against ``seeds/catalog.csv``; another outlet's report has its own columns and is
shown under its own name everywhere a record shows its source. The CSV downloads write lists
``;``-joined.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
from pathlib import Path

from geo import atlas, fact_views
from geo.citations import cite_force
from geo.corpus import load_catalog
from geo.evidence import Evidence
from geo.forces import FORCES_PATH, ForceRecord, check_files, load_forces
from geo.outlets import host, load_outlet_sites, site_matches
from geo.paths import PROJECT_SEEDS_DIR
from geo.timeline import Event

# What the reviewer found in the downloaded CSV: (force_id, outlet, the other site's URL).
REPORTED = [
    ("seed000-iran-ghasemi", "Al Arabiya",
     "https://www.dailysabah.com/syrian-crisis/2017/05/29/"
     "iran-wants-to-send-peace-force-to-observe-syria-ceasefire"),
    ("seed001-iran-shamkhani", "Syria News",
     "https://noticiabrasil.net.br/20170525/ira-zonas-seguranca-siria-militares-8484719.html"),
    ("seed002-russia-patrushev", "IRNA Arabic",
     "http://www.xebersaati.com/news/77337-iran-calls-on-russia-to-ensure-greater-cooperation"
     "-on-syria/"),
    ("seed004-memorandum-units", "Baladi News", "https://tass.com/politics/944911"),
]


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> Path:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def _changed(tmp_path: Path, **changes: dict[str, str]) -> Path:
    """A copy of the shipped forces.csv with some cells of some rows changed."""
    header, rows = _rows(FORCES_PATH)
    for row in rows:
        row.update(changes.get(row["force_id"], {}))
    return _write(tmp_path / "forces.csv", header, rows)


# --------------------------------------------------------------------------- the shipped files


def test_the_shipped_records_name_one_source_each() -> None:
    sites, problems = load_outlet_sites()
    assert problems == []
    assert check_files() == []
    catalog = load_catalog(PROJECT_SEEDS_DIR / "catalog.csv")
    records = load_forces()
    seeded = [r for r in records if r.article_id]
    assert len(seeded) >= 13
    for r in records:
        if r.url:
            assert site_matches(r.url, sites[r.outlet]), (r.force_id, r.outlet, r.url)
        if r.related_url:
            assert site_matches(r.related_url, sites[r.related_outlet]), r.force_id
    for r in seeded:  # the seed article is the source: its catalog outlet and (unknown) URL
        assert (r.outlet, r.url) == (catalog[r.article_id].outlet_en, catalog[r.article_id].url)
    by_id = {r.force_id: r for r in records}
    for fid, outlet, other_url in REPORTED:
        r = by_id[fid]
        assert r.outlet == outlet and r.url == "" and r.related_url == other_url
    assert by_id["seed000-iran-ghasemi"].related_outlet == "Daily Sabah"
    assert by_id["seed004-memorandum-units"].related_outlet == "TASS"


# --------------------------------------------------------------------------- the validator


def test_the_reported_pairings_are_refused_with_a_readable_message(tmp_path: Path) -> None:
    bad = _changed(tmp_path, **{fid: {"url": url} for fid, _, url in REPORTED})
    msgs = [str(p) for p in check_files(bad, PROJECT_SEEDS_DIR)]
    for fid, outlet, url in REPORTED:
        mine = [m for m in msgs if f"({fid})" in m]
        assert any(f"url is on {host(url)}" in m and f"not on {outlet}'s site" in m
                   and "do not belong together" in m for m in mine), (fid, mine)
        assert any("is not the URL of article" in m for m in mine), (fid, mine)
    daily_sabah = next(m for m in msgs if "(seed000-iran-ghasemi)" in m and "site" in m)
    assert "which is Daily Sabah's site" in daily_sabah and "Fix:" in daily_sabah
    assert "Traceback" not in "\n".join(msgs)


def test_a_seed_record_must_name_its_articles_outlet(tmp_path: Path) -> None:
    bad = _changed(tmp_path, **{"seed004-memorandum-units": {"outlet": "TASS"}})
    msgs = "\n".join(map(str, check_files(bad, PROJECT_SEEDS_DIR)))
    assert "(seed004-memorandum-units): outlet 'TASS' is not the outlet of article" in msgs
    assert "'Baladi News' in seeds/catalog.csv" in msgs


def test_an_ordinary_record_with_another_outlets_url_is_refused(tmp_path: Path) -> None:
    bad = _changed(tmp_path, **{"kz-denial-2017-06": {"url": "https://tass.com/politics/1"},
                                "turkey-posts-idlib": {"outlet": "Unlisted Weekly"}})
    msgs = "\n".join(map(str, check_files(bad, PROJECT_SEEDS_DIR)))
    assert ("(kz-denial-2017-06): url is on tass.com, which is TASS's site, not on "
            "Zee News's") in msgs
    assert "outlet 'Unlisted Weekly' has no web sites listed" in msgs
    assert "outlet_sites.csv" in msgs


def test_a_related_report_must_be_complete_and_on_its_outlets_site(tmp_path: Path) -> None:
    bad = _changed(tmp_path, **{
        "seed000-iran-ghasemi": {"related_outlet": "TASS"},
        "seed002-russia-patrushev": {"related_outlet": ""},
        "seed001-iran-shamkhani": {"related_url": ""},
        "seed003-iran-idlib-role": {"related_url": "tass.com/world/965939"}})
    msgs = "\n".join(map(str, check_files(bad, PROJECT_SEEDS_DIR)))
    assert "(seed000-iran-ghasemi): related_url is on dailysabah.com" in msgs
    assert "(seed002-russia-patrushev): has a related_url but no related_outlet" in msgs
    assert "(seed001-iran-shamkhani): names a related report but gives no related_url" in msgs
    assert "(seed003-iran-idlib-role): related_url 'tass.com/world/965939' is not http" in msgs


def test_outlet_sites_file_problems(tmp_path: Path) -> None:
    path = tmp_path / "outlet_sites.csv"
    path.write_text("outlet,sites,note\nTASS,tass.com,n\nTASS,tass.ru,n\nX,http://x.org/a,n\n"
                    "Y,y.org,\n", encoding="utf-8")
    sites, problems = load_outlet_sites(path)
    msgs = "\n".join(map(str, problems))
    assert sites == {"TASS": ("tass.com",)}
    assert "repeats an outlet" in msgs and "are not host names" in msgs and "has no note" in msgs


def test_hosts_match_the_site_or_a_sub_domain_only() -> None:
    assert host("https://WWW.TASS.com/x") == "tass.com"
    assert site_matches("https://en.inform.kz/news/a", ("inform.kz",))
    assert not site_matches("https://nottass.com/a", ("tass.com",))
    assert not site_matches("https://tass.com.evil.org/a", ("tass.com",))
    assert not site_matches("", ("tass.com",))


# --------------------------------------------------------------------------- where it is shown


def _seed_record() -> ForceRecord:
    return next(r for r in load_forces() if r.force_id == "seed000-iran-ghasemi")


def _meta_lines(html: str) -> list[str]:
    return re.findall(r'<div class="force-meta">(.*?)</div>', html)


def test_cards_show_the_related_report_under_its_own_outlet() -> None:
    for lang in ("en", "ar"):
        lines = _meta_lines(str(fact_views.force_cards([_seed_record()], {}, lang)))
        own = next(m for m in lines if "Al Arabiya" in m)
        other = next(m for m in lines if "Daily Sabah" in m)
        assert "dailysabah.com" not in own and "href" not in own
        assert "href=\"https://www.dailysabah.com/" in other and "peace force" in other
        assert ("URL not known" if lang == "en" else "الرابط غير معروف") in own


def test_the_table_keeps_outlet_and_link_together() -> None:
    table = atlas.forces_table(load_forces(), None)
    rows = table[table["outlet"] == "Al Arabiya"]
    # no link: the seed article's URL is not known; the other reports each under their outlet
    assert not any(isinstance(s, str) for s in rows["source"])
    assert {r.split(": ")[0] for r in rows["related"]} == {"Daily Sabah", "TASS"}
    assert all(r.startswith(("Daily Sabah: https://www.dailysabah.com/",
                             "TASS: https://tass.com/")) for r in rows["related"])
    other = table[table["outlet"] == "Zee News"].iloc[0]
    assert other["related"] == "" and other["source"].startswith("http://zeenews.india.com/")


def test_the_citation_names_the_related_reports_outlet() -> None:
    text = cite_force(_seed_record())
    assert "Source: Al Arabiya (العربية)" in text and "URL not known" not in text
    assert ("Also reported by another outlet: Daily Sabah, “Iran wants to send ‘peace force’ "
            "to observe Syria ceasefire”. URL: https://www.dailysabah.com/") in text
    assert "Related report:" not in text


# --------------------------------------------------------------------------- CSV downloads


def _download(label_key: str, timeline: atlas.Part, forces: atlas.Part) -> list[dict[str, str]]:
    from geo.i18n import t

    none = atlas.load_part("none", lambda: None)
    payload = atlas.downloads(none, timeline, forces, none, "en")[t(label_key, "en")]
    text = payload["data"].decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_forces_csv_pairs_outlet_and_url_and_joins_lists_with_semicolons() -> None:
    records = [*load_forces(), dataclasses.replace(_seed_record(), force_id="two-zones",
                                                   zone_ids=("idlib", "south"))]
    forces = atlas.load_part("forces", lambda: records)
    timeline = atlas.load_part("timeline", lambda: {"events": [], "status": []})
    rows = {r["force_id"]: r for r in _download("ui.download_forces", timeline, forces)}
    assert rows["two-zones"]["zone_ids"] == "idlib;south"
    assert rows["seed000-iran-ghasemi"]["zone_ids"] == "all"
    assert not any(v.startswith("[") for r in rows.values() for v in r.values())
    for fid, outlet, url in REPORTED:
        assert (rows[fid]["outlet"], rows[fid]["url"]) == (outlet, "")
        assert rows[fid]["related_url"] == url
    assert rows["kz-denial-2017-06"]["related_outlet"] == ""


def test_timeline_csv_joins_lists_with_semicolons() -> None:
    event = Event("e1", ("idlib", "south"), "talks", dt.date(2017, 5, 4), None, "T", "", "S",
                  "TASS", "A report", "https://tass.com/a", "", Evidence("w", "", "quoted", ""))
    timeline = atlas.load_part("timeline", lambda: {"events": [event], "status": []})
    forces = atlas.load_part("forces", lambda: [])
    (row,) = _download("ui.download_timeline", timeline, forces)
    assert row["zone_ids"] == "idlib;south" and row["end"] == ""


# --------------------------------------------------------------------------- timeline, lifecycle


def test_timeline_and_lifecycle_rows_name_one_source_each(tmp_path: Path) -> None:
    from geo.timeline import STATUS_COLUMNS, TIMELINE_PATH, ZONE_STATUS_PATH
    from geo.timeline import check_files as check_timeline

    sites, _ = load_outlet_sites()
    assert check_timeline() == []
    for path in (TIMELINE_PATH, ZONE_STATUS_PATH):
        for row in _rows(path)[1]:
            assert site_matches(row["url"], sites[row["outlet"]]), (row["outlet"], row["url"])
    # The fault: an event credited to TASS with Sputnik's page; a status credited to Al Jazeera
    # with TASS's page.
    header, rows = _rows(TIMELINE_PATH)
    for row in rows:
        if row["event_id"] == "memorandum-signed":
            row["url"] = "https://sputniknews.com/middleeast/201705041053358063/"
    events = _write(tmp_path / "timeline.csv", header, rows)
    header, rows = _rows(ZONE_STATUS_PATH)
    assert header == list(STATUS_COLUMNS)
    for row in rows:
        if row["outlet"] == "Al Jazeera":
            row["url"] = "https://tass.com/politics/1"
    status = _write(tmp_path / "zone_status.csv", header, rows)
    msgs = "\n".join(map(str, check_timeline(events, status, PROJECT_SEEDS_DIR)))
    assert ("(memorandum-signed): url is on sputniknews.com, which is Sputnik's site, not on "
            "TASS's site (tass.com)") in msgs
    assert "url is on tass.com, which is TASS's site, not on Al Jazeera's site" in msgs
    assert "related_outlet" not in msgs  # those tables have no related_* columns
