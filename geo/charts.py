"""Charts of a zone's history (Altair; rendered by Vega-Lite, which Streamlit bundles: no CDN)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from geo.i18n import ARABIC_THOUSANDS_SEP, t
from geo.mapping import STATUS_STYLE

# The selection a click on a step makes; the page reads the step's ``valid_from`` from it.
STEP_SELECTION = "step"
RULE_NAME = "as-of-rule"  # the layer that marks the "as of" date (``with_day`` moves it)


# The step line: the map's "in force" green (6.3:1 against the chart's white; was #009E73).
AREA_LINE = STATUS_STYLE["in-force"]["color"]


def area_step_chart(series: Any, day: dt.date, lang: str = "en", colour: str = AREA_LINE,
                    height: int = 260) -> Any:
    """The zone's area over time as a step line in km² (``geo.zone_history.area_series``), one
    point per sourced change to hover (date, change, area, source) or click (a point selection
    named ``STEP_SELECTION`` over ``valid_from``), and the "as of" date as a rule. Every word
    and date is in ``lang``."""
    import altair as alt
    import pandas as pd

    from geo.fact_views import _AXIS_DIGITS, _chart_locale

    def col(name: str) -> str:
        return t(f"col.{name}", lang)

    x_axis = alt.Axis(labelExpr=_AXIS_DIGITS, title=None) if lang == "ar" else alt.Axis(
        title=None)
    y_axis = alt.Axis(title=t("col.area_km2", lang), orient="right" if lang == "ar" else "left")
    if lang == "ar":
        # Arabic-Indic digits and the Arabic thousands separator (٬, as geo.i18n writes numbers).
        digits = _AXIS_DIGITS.replace("timeFormat(datum.value, '%b %Y')",
                                      "format(datum.value, ',')")
        y_axis = alt.Axis(title=t("col.area_km2", lang), orient="right",
                          labelExpr=f"replace({digits}, /,/g, '{ARABIC_THOUSANDS_SEP}')")
    # The step line: each version from its first to its last day (a horizontal run), joined.
    line_rows = []
    for r in series.itertuples(index=False):
        line_rows += [{"date": r.start, "area_km2": r.area_km2},
                      {"date": r.end, "area_km2": r.area_km2}]
    line = pd.DataFrame(line_rows, columns=["date", "area_km2"])
    x = alt.X("date:T", axis=x_axis)
    base = alt.Chart(line).mark_line(color=colour, strokeWidth=2.5).encode(
        x=x, y=alt.Y("area_km2:Q", axis=y_axis, scale=alt.Scale(zero=True)))
    pick = alt.selection_point(name=STEP_SELECTION, fields=["valid_from"], on="click",
                               nearest=False, empty=False)
    points = alt.Chart(series.rename(columns={"start": "date"})).mark_point(
        filled=True, size=140, color="#111", cursor="pointer").encode(
        x=alt.X("date:T", axis=x_axis), y="area_km2:Q",
        size=alt.condition(pick, alt.value(320), alt.value(140)),
        tooltip=[alt.Tooltip("date_text", title=col("date")),
                 alt.Tooltip("what", title=col("change")),
                 alt.Tooltip("area_text", title=col("area_km2")),
                 alt.Tooltip("outlet", title=col("source")),
                 alt.Tooltip("title", title=col("source_title"))],
    ).add_params(pick)
    rule = alt.Chart(pd.DataFrame({"date": [pd.Timestamp(day)]}), name=RULE_NAME).mark_rule(
        color="#B2182B", strokeDash=[4, 3]).encode(x=alt.X("date:T", axis=x_axis))
    chart = alt.layer(base, points, rule).properties(height=height)
    return chart.configure(locale=_chart_locale(lang)) if lang == "ar" else chart


def picked_day(event: Any) -> dt.date | None:
    """The ``valid_from`` of the step a click selected (from ``st.altair_chart``'s selection
    state), or None."""
    try:
        picked = event["selection"][STEP_SELECTION]
    except (KeyError, TypeError):
        return None
    if not picked:
        return None
    value = picked[0].get("valid_from") if isinstance(picked, list) else None
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def with_day(spec: dict[str, Any], day: dt.date) -> dict[str, Any]:
    """A copy of a chart's Vega-Lite spec (``area_step_chart(...).to_dict()``, built once and
    cached) with its "as of" rule moved to ``day``: a date change costs a dict copy, not a new
    Altair chart (about 60 + 20 ms)."""
    import copy

    out = copy.deepcopy(spec)
    for layer in out.get("layer", []):
        if layer.get("name") == RULE_NAME:
            layer["data"] = {"values": [{"date": day.isoformat()}]}
            return out
    raise ValueError("the chart has no 'as of' rule layer")
