"""What geo.ui caches for the reruns of the zone page and the briefing (issue 11 performance)
is what the page built before on every rerun: the same tables, citations, bounds, evidence and
chart data on the wire."""

from __future__ import annotations

import copy
import datetime as dt

import pandas as pd
import pytest

from geo import atlas, paths, ui
from geo import zone_history as zh
from geo.mapping import zones_bounds


@pytest.fixture(params=["en", "ar"])
def lang(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(ui, "lang", lambda: request.param)
    return request.param


@pytest.mark.parametrize("zone_id", ["idlib", "south"])
def test_zone_parts_are_what_the_page_built(lang: str, zone_id: str) -> None:
    timeline, forces = ui.timeline_part().value, ui.forces_part().value
    names = atlas.zone_names(ui.zones_part(), lang)
    expected = {
        "changes": zh.changes_table(ui.versions_part().value, zone_id, lang),
        "lifecycle": atlas.zone_lifecycle_table(timeline, zone_id),
        "events": atlas.zone_events_table(timeline, zone_id, lang),
        "forces": atlas.forces_table(forces, zone_id, names=names, lang=lang),
        "event_citations": atlas.event_citations(timeline, zone_id, lang),
        "force_citations": atlas.force_citations(forces, zone_id, lang),
    }
    for _ in range(2):  # built, then from the cache
        for kind, want in expected.items():
            got = ui.zone_part(kind, zone_id)
            if isinstance(want, pd.DataFrame):
                pd.testing.assert_frame_equal(got, want)
                assert not want.empty or kind == "forces"
            else:
                assert got == want and want, kind


def test_zone_parts_follow_the_language_and_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ui, "lang", lambda: "en")
    english = ui.zone_part("changes", "idlib")
    assert not english.equals(ui.zone_part("changes", "south"))
    monkeypatch.setattr(ui, "lang", lambda: "ar")
    assert list(ui.zone_part("changes", "idlib").columns) != list(english.columns)
    with pytest.raises(ValueError, match="no such zone page part"):
        ui.zone_part("nonsense", "idlib")


def test_zone_bounds_are_zones_bounds() -> None:
    gdf = ui.zones_part().value["gdf"]
    assert ui.zone_bounds("idlib") == zones_bounds(gdf, "idlib")
    assert ui.zone_bounds("south", pad=0.25) == zones_bounds(gdf, "south", pad=0.25)
    assert ui.zone_bounds(["idlib", "northern-homs"], pad=0.3) == zones_bounds(
        gdf.loc[["idlib", "northern-homs"]], pad=0.3)
    assert ui.zone_bounds([], pad=0.3) == zones_bounds(gdf, pad=0.3)
    assert ui.zone_bounds(None) == zones_bounds(gdf)


def test_the_area_chart_sends_the_same_data(lang: str) -> None:
    """The cached spec carries its datasets as Arrow bytes: Streamlit puts exactly the bytes
    (and spec) on the wire that it made from the rows before."""
    from streamlit.elements.vega_charts import _marshall_chart_data
    from streamlit.proto.VegaLiteChart_pb2 import VegaLiteChart

    from geo.charts import area_step_chart, with_day
    from geo.zone_versions import VERSIONS_PATH

    series = zh.area_series(ui.versions_part().value, "idlib", lang)
    rows_spec = area_step_chart(series, atlas.FIRST_DAY, lang).to_dict()
    cached = ui._area_spec(ui.fingerprint(VERSIONS_PATH), "idlib", lang)
    assert rows_spec["datasets"] and all(isinstance(v, bytes)
                                         for v in cached["datasets"].values())
    day = dt.date(2019, 9, 1)
    before, after = VegaLiteChart(), VegaLiteChart()
    spec_before, spec_after = with_day(rows_spec, day), with_day(cached, day)
    _marshall_chart_data(before, spec_before)
    _marshall_chart_data(after, spec_after)
    assert len(before.datasets) == len(rows_spec["datasets"])
    assert before == after and spec_before == spec_after
    assert "datasets" in cached  # with_day copied it: the cached spec is untouched
    assert copy.deepcopy(cached) == ui._area_spec(ui.fingerprint(VERSIONS_PATH), "idlib", lang)


def test_zone_evidence_is_the_index_query(lang: str) -> None:
    from geo import articles as art
    from geo.index import open_index

    idx = open_index(paths.SEEDS_DIR)
    if idx.needs_update():
        idx.update()
    part = atlas.Part("Articles", idx, [])
    names = atlas.zone_names(ui.zones_part(), lang)
    for zone_id in ("idlib", "south"):
        for strength in (art.ABOUT, "weak"):
            want = art.zone_evidence(idx, zone_id, lang, names, min_strength=strength, page=1)
            assert ui.zone_evidence(part, zone_id, names, strength, 1) == want
    assert ui.zone_evidence(part, "idlib", names, "weak", 1)[1] > 0


ZONE_TABLES = ("changes", "lifecycle", "events", "forces")


def _draw_both() -> None:  # an AppTest script: each zone table made afresh, then as the page does
    import streamlit as st

    from geo import ui

    for kind in ("changes", "lifecycle", "events", "forces"):
        st.dataframe(ui.zone_view(kind, ui.zone_part(kind, "idlib"), ui.lang()),
                     hide_index=True, width="stretch",
                     column_config={ui.T("col.source"): st.column_config.LinkColumn()})
        ui.zone_table(kind, "idlib")


def _arrow(data: bytes) -> pd.DataFrame:
    from streamlit import dataframe_util

    return dataframe_util.convert_arrow_bytes_to_pandas_df(data)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_zone_tables_reach_the_browser_as_a_fresh_table_would(language: str) -> None:
    """``ui.zone_table`` draws once and Streamlit replays the element: on the first run and on
    the rerun that replays it, the grid gets the cells, display values and column settings a
    table made afresh on the page gets. In Arabic the dates show as the interface writes them
    over ISO cells (the changes of ground and the lifecycle, events and forces alike)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_draw_both, default_timeout=60)
    at.session_state["lang"] = language
    for _ in range(2):  # drawn (or found in the cache), then replayed
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        assert len(at.dataframe) == 2 * len(ZONE_TABLES)
        for i, kind in enumerate(ZONE_TABLES):
            fresh, drawn = at.dataframe[2 * i].proto, at.dataframe[2 * i + 1].proto
            assert drawn.arrow_data.data and drawn.arrow_data.data == fresh.arrow_data.data
            assert drawn.columns == fresh.columns and drawn.columns, kind
            assert drawn.arrow_data.styler.display_values == \
                fresh.arrow_data.styler.display_values, kind
            styled = bool(drawn.arrow_data.styler.display_values)
            assert styled == (language == "ar" or kind == "changes"), kind
        lifecycle = at.dataframe[2].proto.arrow_data
        cells = _arrow(lifecycle.data)
        if language == "ar":
            shown = _arrow(lifecycle.styler.display_values)
            assert "2017-05-04" in cells.iloc[:, 1].tolist()
            assert "٤ أيار (مايو) ٢٠١٧" in shown.iloc[:, 1].tolist()
            changes = at.dataframe[1].proto.arrow_data
            assert "شباط (فبراير) ٢٠٢٠".encode() in changes.styler.display_values
            assert b"2020-02-17" in changes.data
        else:
            assert "2017-05-04" in cells.iloc[:, 1].tolist()


def test_fingerprint_follows_files_not_the_index_beside_them(tmp_path) -> None:
    """An article edited, added or removed changes the key; the article index's database in
    the same folder (hidden, written while the app runs) does not."""
    import os

    folder = tmp_path / "seeds"
    folder.mkdir()
    article = folder / "001_a.txt"
    article.write_text("نص", encoding="utf-8")
    (folder / ".atlas-index.sqlite-wal").write_bytes(b"1")
    first = ui.fingerprint(folder)
    (folder / ".atlas-index.sqlite-wal").write_bytes(b"12")
    os.utime(folder / ".atlas-index.sqlite-wal", ns=(1, 2))
    assert ui.fingerprint(folder) == first
    article.write_text("نص آخر", encoding="utf-8")
    assert ui.fingerprint(folder) != first
    second = ui.fingerprint(folder)
    (folder / "sub").mkdir()
    (folder / "sub" / "002_b.txt").write_text("x", encoding="utf-8")
    assert ui.fingerprint(folder) != second
    (folder / "sub" / "002_b.txt").unlink()
    assert ui.fingerprint(folder) == second
    assert ui.fingerprint(article) != ui.fingerprint(folder / "missing.txt")


def _draw_page_grids() -> None:  # an AppTest script: the Timeline's and forces' grids, both ways
    import streamlit as st

    from geo import ZONE_IDS, atlas, ui

    lang = ui.lang()
    names = atlas.zone_names(ui.zones_part(), lang)
    timeline, records = ui.timeline_part().value, ui.forces_part().value
    zones, kinds = ["idlib", "south"], atlas.event_kinds(timeline)[:3]
    st.dataframe(atlas.table_view(atlas.events_table(timeline, zones, kinds, names, lang), lang),
                 hide_index=True, width="stretch",
                 column_config={ui.T("col.source"): st.column_config.LinkColumn(),
                                ui.T("col.source_says"): st.column_config.TextColumn(
                                    width="large"),
                                ui.T("col.zone_page"): st.column_config.LinkColumn(
                                    display_text=ui.T("ui.open"))})
    ui.timeline_grid(zones, kinds)
    actors, stances = sorted({r.actor for r in records})[:3], ["offered", "agreed", "denied"]
    table = atlas.forces_table(records, None, actors=actors, names=names, lang=lang,
                               stances=stances, zones=list(ZONE_IDS))
    st.dataframe(atlas.table_view(table, lang), hide_index=True, width="stretch",
                 column_config={ui.T("col.source"): st.column_config.LinkColumn(
                                    display_text=ui.T("ui.open")),
                                ui.T("col.quote"): st.column_config.TextColumn(width="large"),
                                ui.T("col.source_says"): st.column_config.TextColumn(
                                    width="large")})
    ui.forces_grid(list(ZONE_IDS), actors, stances)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_timeline_and_forces_grids_replay_what_the_page_made(language: str) -> None:
    """The Timeline's and Monitor forces' grids, drawn once per choice and replayed, carry the
    cells, display values and column settings of a table made afresh with the same choice."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_draw_page_grids, default_timeout=60)
    at.session_state["lang"] = language
    for _ in range(2):  # drawn (or found in the cache), then replayed
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        assert len(at.dataframe) == 4
        for i in (0, 2):
            fresh, drawn = at.dataframe[i].proto, at.dataframe[i + 1].proto
            assert drawn.arrow_data.data == fresh.arrow_data.data and drawn.arrow_data.data
            assert drawn.columns == fresh.columns
            assert drawn.arrow_data.styler.display_values == \
                fresh.arrow_data.styler.display_values
            assert bool(drawn.arrow_data.styler.display_values) == (language == "ar")
            assert 0 < at.dataframe[i + 1].value.shape[0] < (80 if i == 0 else 33)
