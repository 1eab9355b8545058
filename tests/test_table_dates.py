"""Dates in the tables' grids (geo.atlas.table_view): in Arabic as the interface writes dates,
«٤ أيار (مايو) ٢٠١٧», over cells that keep the ISO text, so a click on a date header sorts by
date and the CSV download stays ISO; partial dates and empty cells right; English unchanged."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from geo import atlas
from geo.i18n import format_date, format_iso, t
from tests.app_helpers import run


def _shown(view: object) -> list[list[str]]:
    """The display values of a Styler, as Streamlit reads them for the grid
    (``streamlit.elements.lib.pandas_styler_utils.marshall_styler``)."""
    view._compute()  # type: ignore[attr-defined]
    body = view._translate(False, False)["body"]  # type: ignore[attr-defined]
    return [[c["display_value"] for c in row if c["type"] == "td"] for row in body]


def test_format_iso_writes_days_months_and_years_as_the_arabic_interface() -> None:
    assert format_iso("2017-05-04", "ar") == "٤ أيار (مايو) ٢٠١٧"
    assert format_iso("2017-05-04", "ar") == format_date(dt.date(2017, 5, 4), "ar")
    assert format_iso("2017-10", "ar") == "تشرين الأول (أكتوبر) ٢٠١٧"
    assert format_iso("2018", "ar") == "٢٠١٨"
    # not a day: as written, in Arabic digits (no traceback)
    assert format_iso("2017-02-30", "ar") == "٢٠١٧-٠٢-٣٠"
    assert format_iso("2017-13", "ar") == "٢٠١٧-١٣"
    assert format_iso("late 2017", "ar") == "late ٢٠١٧"
    for iso in ("2017-05-04", "2017-10", "2018", "2017-02-30"):
        assert format_iso(iso, "en") == iso


def test_show_date_spans_and_empty_cells() -> None:
    assert atlas.show_date("when", "2017-05-04 → 2017-07-01", "ar") == \
        "من ٤ أيار (مايو) ٢٠١٧ إلى ١ تموز (يوليو) ٢٠١٧"
    assert atlas.show_date("when", "2017-05-04 → 2017-07-01", "en") == "2017-05-04 → 2017-07-01"
    assert atlas.show_date("when", "", "ar") == t("ui.undated", "ar")
    assert atlas.show_date("published", None, "en") == "undated"
    assert atlas.show_date("to", "", "ar") == ""  # an open end, not an unknown date
    assert atlas.show_date("date", dt.date(2017, 5, 4), "ar") == "٤ أيار (مايو) ٢٠١٧"
    assert atlas.date_cell(dt.date(2017, 5, 4)) == "2017-05-04"
    assert atlas.date_cell(float("nan")) == "" == atlas.date_cell(None)


# Rows out of date order, with a partial date, a span and an undated row.
ROWS = pd.DataFrame({
    "when": ["2018-02-17", "2017-05", "", "2017-05-04 → 2017-07-01", "2017", "2017-11-30"],
    "kind": ["talks"] * 6,
    "event": ["a", "b", "c", "d", "e", "f"],
})
SHOWN_AR = ["١٧ شباط (فبراير) ٢٠١٨", "أيار (مايو) ٢٠١٧", "غير مؤرخ",
            "من ٤ أيار (مايو) ٢٠١٧ إلى ١ تموز (يوليو) ٢٠١٧", "٢٠١٧",
            "٣٠ تشرين الثاني (نوفمبر) ٢٠١٧"]


def test_arabic_grid_shows_words_over_iso_cells_that_sort_by_date() -> None:
    view = atlas.table_view(ROWS, "ar")
    when, kind = t("col.when", "ar"), t("col.kind", "ar")
    cells = view.data  # what the grid sorts and downloads
    assert cells[when].tolist() == ROWS["when"].tolist()
    assert [r[0] for r in _shown(view)] == SHOWN_AR
    assert cells[kind].tolist() == [t("kind.talks", "ar")] * 6  # the rest localised as before
    # a click on the header sorts the cells: by date (undated first, a year before its months)
    order = cells.sort_values(when)[t("col.event", "ar")].tolist()
    assert order == ["c", "e", "b", "d", "f", "a"]
    # sorted by the words shown, the rows would not be in date order
    shown = pd.Series(SHOWN_AR, index=ROWS.index)
    assert ROWS.loc[shown.sort_values().index, "event"].tolist() != order
    # the table itself, cached and shared, is left as it was
    assert ROWS["when"].tolist()[1] == "2017-05"


def test_english_grid_is_the_localised_table_as_before() -> None:
    view = atlas.table_view(ROWS, "en")
    assert isinstance(view, pd.DataFrame)  # nothing to format: no Styler
    assert view[t("col.when", "en")].tolist() == [
        "2018-02-17", "2017-05", "undated", "2017-05-04 → 2017-07-01", "2017", "2017-11-30"]
    pd.testing.assert_frame_equal(view, atlas.localise_table(ROWS, "en"))


def test_a_table_without_dates_is_not_styled() -> None:
    table = pd.DataFrame({"kind": ["talks"], "event": ["a"]})
    assert isinstance(atlas.table_view(table, "ar"), pd.DataFrame)


def test_other_cells_show_as_the_localised_table_did() -> None:
    """The Styler formats dates only: every other cell shows as the plain localised table
    showed it (a missing link shows empty, not pandas' "nan")."""
    from geo import ui

    names = atlas.zone_names(ui.zones_part(), "ar")
    timeline = ui.timeline_part().value
    table = atlas.events_table(timeline, list(atlas.ZONE_IDS), atlas.event_kinds(timeline),
                               names, "ar")
    assert table["zone_page"].isna().any()
    plain, shown = atlas.localise_table(table, "ar"), _shown(atlas.table_view(table, "ar"))
    when = list(table.columns).index("when")
    for i, row in enumerate(shown):
        for j, value in enumerate(row):
            cell = plain.iloc[i, j]
            assert value == ("" if pd.isna(cell) else str(cell)), (i, j)
    assert not any("2017-" in r[when] for r in shown)


def _grid(at: object, i: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The cells and the display values of the page's i-th grid."""
    from streamlit import dataframe_util

    data = at.dataframe[i].proto.arrow_data  # type: ignore[attr-defined]
    cells = dataframe_util.convert_arrow_bytes_to_pandas_df(data.data)
    assert data.styler.display_values, "the grid has no display values"
    shown = dataframe_util.convert_arrow_bytes_to_pandas_df(data.styler.display_values)
    shown.columns = cells.columns
    return cells, shown


def _iso_dates_sorted(values: list[str]) -> bool:
    days = [dt.date.fromisoformat(v[:10]) for v in values if v]
    return days == sorted(days)


def test_arabic_zone_page_grids_show_arabic_dates() -> None:
    at = run("pages/zone.py", zone="idlib", lang="ar", date="2020-04-01")
    # changes, lifecycle, events, forces
    assert len(at.dataframe) == 4
    for i, column in ((1, t("col.from", "ar")), (2, t("col.when", "ar")),
                      (3, t("col.date", "ar"))):
        cells, shown = _grid(at, i)
        assert column in cells.columns
        for cell, text in zip(cells[column], shown[column], strict=True):
            assert text == atlas.show_date({1: "from", 2: "when", 3: "date"}[i], cell, "ar")
            assert not any(ch.isascii() and ch.isdigit() for ch in text), text
            assert cell == "" or cell[:4].isascii()  # ISO under the words
    cells, shown = _grid(at, 1)
    first = cells[t("col.from", "ar")].tolist().index("2017-05-04")
    assert shown[t("col.from", "ar")][first] == "٤ أيار (مايو) ٢٠١٧"


def test_arabic_timeline_grid_shows_arabic_dates_over_sortable_cells() -> None:
    at = run("pages/timeline.py", lang="ar")
    cells, shown = _grid(at, 0)
    when = t("col.when", "ar")
    assert len(cells) > 40 and _iso_dates_sorted(cells[when].tolist())
    row = cells[when].tolist().index("2017-05-04")
    assert shown[when][row] == "٤ أيار (مايو) ٢٠١٧"
    assert not any(ch.isascii() and ch.isdigit() for ch in "".join(shown[when]))


@pytest.mark.parametrize("page", ["pages/timeline.py", "pages/zone.py"])
def test_english_grids_keep_iso_dates(page: str) -> None:
    at = run(page, zone="idlib")
    for el in at.dataframe:
        if page.endswith("zone.py") and el is at.dataframe[0]:
            continue  # the changes of ground: a Styler in both languages (the area's digits)
        assert not el.proto.arrow_data.styler.display_values
    frame = at.dataframe[0].value if page.endswith("timeline.py") else at.dataframe[1].value
    column = "When" if page.endswith("timeline.py") else "From"
    assert "2017-05-04" in frame[column].tolist()
