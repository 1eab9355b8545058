"""The timeline's and monitor forces' views (issue 13 item 3, issue 15): date order, filters by
zone, actor and stance, the source's deciding phrase beside each citation, whole quotes."""

from __future__ import annotations

import dataclasses
import datetime as dt

from geo import atlas, fact_views
from geo.evidence import Evidence
from geo.forces import ForceRecord, load_forces
from geo.timeline import load_events, load_zone_status


def _record(fid: str, day: dt.date | None, actor: str = "russia", stance: str = "proposed",
            zones: tuple[str, ...] = ("south",), quote: str = "") -> ForceRecord:
    return ForceRecord(force_id=fid, actor=actor, force_type="military-police", zone_ids=zones,
                       stance=stance, condition_en="", date=day, quote=quote, article_id="",
                       outlet="Some Outlet", source_title="A report",
                       url="https://example.org/r", note_en="",
                       evidence=Evidence("the words that decide it", "", "quoted", ""))


def test_forces_come_in_date_order_and_filter_by_zone_actor_and_stance() -> None:
    records = [_record("b", dt.date(2018, 1, 2)), _record("none", None),
               _record("a", dt.date(2017, 5, 4), actor="iran", zones=("all",)),
               _record("c", dt.date(2017, 9, 1), stance="deployed", zones=("idlib",))]
    assert [r.force_id for r in fact_views.chosen_forces(records)] == ["a", "c", "b", "none"]
    # a record about every zone concerns each zone; an empty choice keeps nothing
    assert [r.force_id for r in fact_views.chosen_forces(records, ["idlib"])] == ["a", "c"]
    assert fact_views.chosen_forces(records, []) == []
    assert [r.force_id for r in fact_views.chosen_forces(records, actors=["iran"])] == ["a"]
    assert [r.force_id for r in fact_views.chosen_forces(records, stances=["deployed"])] == ["c"]
    table = atlas.forces_table(records, None, zones=["south"], stances=["proposed"])
    assert list(table["date"]) == ["2017-05-04", "2018-01-02", ""]
    assert "source_says" in table.columns and "article" not in table.columns


def test_the_shipped_forces_grid_is_in_date_order() -> None:
    dates = [d for d in atlas.forces_table(load_forces(), None)["date"] if d]
    assert dates == sorted(dates)


def test_every_table_row_shows_what_its_source_says() -> None:
    events = atlas.events_table({"events": load_events()}, ["south"], ["end"], {})
    row = events[events["event"].str.startswith("Daraa city")].iloc[0]
    assert row["source_says"].startswith("“Syrian rebels have reached an agreement")
    life = atlas.zone_lifecycle_table({"status": load_zone_status()}, "south", "ar")
    assert life["source_says"].iloc[-1].startswith("«Syrian rebels")
    unverified = next(e for e in load_events() if not e.evidence.verified)
    says = fact_views.source_says(unverified.evidence)
    assert says.startswith("Not verified: ") and unverified.evidence.check_note in says


def test_records_in_full_give_the_whole_quote_right_to_left_and_the_source() -> None:
    quote = "أن بلاده مستعدة لإرسال قوات سلام إلى سوريا إذا وافق مجلس الأمن على ذلك " * 3
    rec = _record("q", dt.date(2017, 9, 14), quote=quote.strip())
    html = fact_views.force_cards([rec], {"south": "South"}, "en")
    assert quote.strip() in html  # whole, not cut
    assert '<blockquote dir="rtl" lang="ar"' in html
    assert "the words that decide it" in html and 'href="https://example.org/r"' in html
    assert "14 September 2017" in html and "Russia — Proposed: Military police" in html
    hostile = dataclasses.replace(rec, quote="<script>x</script>", outlet="<b>o</b>")
    html = fact_views.force_cards([hostile], {}, "en")
    assert "<script>" not in html and "&lt;b&gt;o&lt;/b&gt;" in html


def test_records_caption_counts_the_noun_by_the_total() -> None:
    # "(1 records)" read as careless on the forces page; Arabic counts the noun by the total.
    from geo.fact_views import records_caption

    assert records_caption(1, 1, "en") == "1 of 1 record, in date order"
    assert records_caption(3, 5, "en") == "3 of 5 records, in date order"
    assert records_caption(1, 1, "ar").startswith("١ من سجل واحد")
    assert records_caption(2, 2, "ar").startswith("٢ من سجلين")
    assert records_caption(3, 5, "ar").startswith("٣ من ٥ سجلات")
    assert records_caption(11, 11, "ar").startswith("١١ من ١١ سجلاً")
    assert records_caption(40, 100, "ar").startswith("٤٠ من ١٠٠ سجل،")
