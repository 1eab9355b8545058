"""A zone's history of ground: the steps of its area, the list of its changes with their sources,
small multiples of its shape at each change, and the "play" steps through every dated change.

Everything here reads the versions of ``geo.zone_versions`` (already loaded and cached by the
caller) and returns plain data, DataFrames or escaped HTML/SVG: no Streamlit, no network.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from geo import ZONE_IDS
from geo.escape import TrustedHTML, esc, html_tag, join_html
from geo.i18n import digits, format_date, format_number, join_meta, join_words, label, t
from geo.mapping import STATUS_STYLE
from geo.zone_versions import Version

# Colours of the small multiples: the shape that day, the ground lost before, the ground this
# change moved (lost or handed over: red; regained: blue). The shape is the map's "in force"
# green (geo.mapping.STATUS_STYLE; was the old #009E73, 2.2:1 against the grey beneath it, 4.1
# now); the red is Tol's #CC3311 (was #B2182B: beside the darker green a protanope saw the two
# 13.6 apart, 28.9 now, and it keeps 3:1 against the grey). Checked in tests/test_contrast.py.
SHAPE_FILL = STATUS_STYLE["in-force"]["color"]
SHAPE_STROKE = "#003D2C"
LOST_FILL = "#d0d0d0"
MOVED_RED = "#CC3311"
MOVED_FILL = {"lost": MOVED_RED, "handed-over": MOVED_RED, "ended": MOVED_RED,
              "regained": "#0072B2"}


# --------------------------------------------------------------------------- steps and changes


def zone_steps(versions: Mapping[str, list[Version]], zone_id: str) -> list[Version]:
    """The zone's versions in date order: the first drawing, then one per sourced change."""
    return sorted(versions.get(zone_id, []), key=lambda v: v.valid_from)


def what_changed(v: Version, lang: str) -> str:
    """What changed and where, in the reader's language: "lost: Sinjar, villages west of
    Sinjar"; in Arabic the verb with its places, «خسرت سنجار، قرى غرب سنجار» (``places_ar``,
    joined with the Arabic comma). A version without places (the first drawing) gives the kind
    word alone."""
    places = v.places_ar if lang == "ar" else v.places_en
    if not places:
        return label("ground.", v.kind, lang)
    return t(f"msg.ground_places_{v.kind}", lang, places=join_words(places, lang))


def source_of(v: Version) -> dict[str, str]:
    """The source whose date the version uses (its first source for the first drawing)."""
    return v.decided_source or (v.sources[0] if v.sources else
                                {"key": "", "outlet": "", "title": "", "url": ""})


def area_series(versions: Mapping[str, list[Version]], zone_id: str, lang: str = "en",
                last_day: dt.date | None = None) -> Any:
    """One row per step of the zone's area: ``start``/``end`` (timestamps; the end of the last
    step is ``last_day``), ``area_km2``, preformatted ``date_text``/``to_text``/``area_text``,
    ``what`` (kind and places), ``outlet``, ``title`` and ``url`` of the deciding source, and
    ``valid_from`` (ISO) to set the date from a click. For a zone that ended, the last step
    runs 75 days past its end (unless ``last_day`` says otherwise)."""
    import pandas as pd

    from geo.atlas import LAST_DAY

    steps = zone_steps(versions, zone_id)
    end_of_axis = last_day or LAST_DAY
    if last_day is None and steps and steps[-1].geometry is None:
        # A zone that ended: the axis stops a little after its end, so a story of weeks
        # (Eastern Ghouta, Feb-Apr 2018) is not squeezed against six empty years.
        end_of_axis = min(LAST_DAY, steps[-1].valid_from + dt.timedelta(days=75))
    rows = []
    for v in steps:
        src = source_of(v)
        end = v.valid_to or end_of_axis
        rows.append({
            "version": v.version, "valid_from": v.valid_from.isoformat(),
            "start": pd.Timestamp(v.valid_from), "end": pd.Timestamp(max(end, v.valid_from)),
            "area_km2": round(v.area_km2, 1),
            "area_text": format_number(v.area_km2, lang),
            "date_text": format_date(v.valid_from, lang),
            "to_text": format_date(v.valid_to, lang) if v.valid_to else "",
            "what": what_changed(v, lang), "outlet": src["outlet"], "title": src["title"],
            "url": src["url"]})
    return pd.DataFrame(rows, columns=["version", "valid_from", "start", "end", "area_km2",
                                       "area_text", "date_text", "to_text", "what", "outlet",
                                       "title", "url"])


def changes_table(versions: Mapping[str, list[Version]], zone_id: str, lang: str = "en") -> Any:
    """The zone's changes (first drawing included) as a table with localised headers: date,
    change, area after, the places and what happened, the source whose date is used (outlet,
    link), every source, why that date. Places, summary and note are the sources' English.

    The date (ISO, ``2018-02-18``) and the area (km², a number) stay machine-readable: the
    table sorts by them and Streamlit's CSV download gives them. :func:`changes_view` writes
    them as the reader's language does."""
    import pandas as pd

    from geo.escape import safe_url

    rows = []
    for v in zone_steps(versions, zone_id):
        src = source_of(v)
        places = "; ".join(v.places_en)
        rows.append({
            t("col.date", lang): v.valid_from.isoformat(),
            t("col.change", lang): label("ground.", v.kind, lang),
            t("col.area_after", lang): round(v.area_km2, 1),
            # English prose from the sources: the places, then what happened.
            t("col.summary", lang): f"{places}: {v.summary_en}" if places else v.summary_en,
            t("col.outlet", lang): src["outlet"],
            t("col.source", lang): safe_url(src["url"]),
            t("col.sources", lang): "; ".join(f"{s['outlet']}: {s['title']}"
                                              for s in v.sources),
            t("col.note", lang): v.date_note,
        })
    return pd.DataFrame(rows)


def changes_view(table: Any, lang: str = "en") -> Any:
    """``changes_table``'s table as the reader sees it (a pandas Styler for ``st.dataframe``):
    the date as the interface writes dates (``geo.atlas.show_date``, as every table: in Arabic
    «١٨ شباط (فبراير) ٢٠١٨»; ISO in English, as the zone page's other tables), the area with
    the language's digits and separators. Only what is shown changes: the cells keep the ISO
    date and the number, so a click on a header sorts by date and by area, not by the words,
    and the table's CSV download stays machine-readable. Builds a new Styler each call (the
    table, cached and shared, is not changed)."""
    from geo.atlas import show_date

    date_col, area_col = t("col.date", lang), t("col.area_after", lang)
    formats = {c: f for c, f in ((date_col, lambda iso: show_date("date", iso, lang)),
                                 (area_col, lambda a: format_number(a, lang)))
               if c in table.columns}
    return table.style.format(formats)


def version_facts(facts: Any, v: Version | None, lang: str = "en") -> Any:
    """The zone's facts table as it stood on the day: the area of that day's shape, and the
    dates this shape holds instead of the date the 2017 outline represents (which stays, named
    as the first drawing's). ``facts`` is ``geo.atlas.zone_facts``' (fact, value) table."""
    import pandas as pd

    if v is None:
        return facts
    rows = []
    for fact, value in facts.itertuples(index=False):
        if fact == t("ui.fact_area", lang):
            rows.append((t("ui.fact_area_on", lang),
                         t("msg.area_value", lang, area=format_number(v.area_km2, lang))
                         if v.geometry is not None else t("msg.version_ended", lang,
                                                          start=format_date(v.valid_from,
                                                                            lang))))
            rows.append((t("ui.fact_shape_from", lang), shape_span(v, lang)))
            rows.append((t("col.change", lang), what_changed(v, lang)))
        elif fact == t("ui.fact_shape_represents", lang):
            rows.append((t("ui.fact_first_drawing", lang), value))
        else:
            rows.append((fact, value))
    return pd.DataFrame(rows, columns=list(facts.columns))


def shape_span(v: Version, lang: str) -> str:
    start = format_date(v.valid_from, lang)
    if v.valid_to is None:
        return t("msg.span_open", lang, start=start)
    return t("msg.span", lang, start=start, end=format_date(v.valid_to, lang))


# --------------------------------------------------------------------------- small multiples


def _frame(geom: Any, width: int, height: int, pad: float = 0.06
           ) -> tuple[float, float, float, float]:
    """(x0, y1, scale, cos_lat): longitude/latitude to SVG pixels for ``geom``'s bounds, equal
    scale on both axes at the shape's mean latitude."""
    import math

    minx, miny, maxx, maxy = geom.bounds
    k = math.cos(math.radians((miny + maxy) / 2))
    w, h = (maxx - minx) * k, maxy - miny
    scale = min(width / (w * (1 + 2 * pad)), height / (h * (1 + 2 * pad)))
    x0 = minx - (width / scale / k - (maxx - minx)) / 2
    y1 = maxy + (height / scale - h) / 2
    return x0, y1, scale, k


def _path(geom: Any, frame: tuple[float, float, float, float]) -> str:
    """An SVG path ``d`` for a (Multi)Polygon (holes included; even-odd fill)."""
    if geom is None or geom.is_empty:
        return ""
    x0, y1, scale, k = frame
    polys = list(getattr(geom, "geoms", [geom]))
    parts = []
    for p in polys:
        if p.geom_type != "Polygon":
            continue
        for ring in [p.exterior, *p.interiors]:
            pts = [f"{(x - x0) * k * scale:.1f},{(y1 - y) * scale:.1f}" for x, y in ring.coords]
            parts.append("M" + "L".join(pts) + "Z")
    return "".join(parts)


def shape_svg(first: Any, current: Any, moved: Any, kind: str, width: int = 150,
              height: int = 130, title: str = "") -> TrustedHTML:
    """One small multiple: the first drawing in grey, the shape of the day in green, the ground
    this change moved in red (blue when regained). Drawn from the geometry, no tiles."""
    frame = _frame(first, width, height)
    layers = [(first, LOST_FILL, "#9a9a9a"), (current, SHAPE_FILL, SHAPE_STROKE),
              (moved, MOVED_FILL.get(kind, MOVED_RED), "#6b0f1a")]
    paths = [f'<path d="{d}" fill="{fill}" stroke="{stroke}" stroke-width="0.8" '
             'fill-rule="evenodd"/>'
             for geom, fill, stroke in layers if (d := _path(geom, frame))]
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}">')
    return TrustedHTML(head + f"<title>{esc(title)}</title>" + "".join(paths) + "</svg>")


def svg_img(svg: TrustedHTML, title: str, width: int, height: int) -> TrustedHTML:
    """The SVG as an ``<img>`` with a data URI: the page's HTML sanitiser drops inline SVG."""
    import base64

    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return TrustedHTML(f'<img src="data:image/svg+xml;base64,{data}" width="{width}" '
                       f'height="{height}" alt="{esc(title)}" title="{esc(title)}">')


def small_multiples(versions: Mapping[str, list[Version]], zone_id: str, lang: str = "en",
                    day: dt.date | None = None, width: int = 150, height: int = 130
                    ) -> TrustedHTML:
    """The zone's shape at each change, in date order, as a grid of SVG figures captioned with
    the date, the change and the area; the version of ``day`` is outlined."""
    from geo.zone_versions import _polygonal

    steps = zone_steps(versions, zone_id)
    if not steps or steps[0].geometry is None:
        return TrustedHTML("")
    first = steps[0].geometry
    figures = []
    previous = first
    for v in steps:
        current = v.geometry
        if current is None:
            moved = previous
        elif v.kind == "regained":
            moved = _polygonal(current.difference(previous))
        else:
            moved = _polygonal(previous.difference(current))
        caption = [html_tag("b", format_date(v.valid_from, lang)),
                   html_tag("span", label("ground.", v.kind, lang)),
                   html_tag("span", t("msg.km2", lang, area=format_number(v.area_km2, lang)))]
        title = join_meta([format_date(v.valid_from, lang), what_changed(v, lang)], lang)
        on_day = day is not None and v.covers(day)
        style = ("margin:0;padding:4px;border:2px solid " + ("#111" if on_day else "#e3e3e3")
                 + ";border-radius:6px;background:#fff;text-align:center;"
                 "font-size:.82rem;line-height:1.25")
        figures.append(join_html([
            TrustedHTML(f'<figure class="zone-step" data-version="{v.version}" '
                        f'data-date="{v.valid_from.isoformat()}" style="{style}">'),
            svg_img(shape_svg(first, current, moved if v.version else None, v.kind, width,
                              height, title), title, width, height),
            TrustedHTML('<figcaption style="display:flex;flex-direction:column">'),
            *caption, TrustedHTML("</figcaption></figure>")]))
        if current is not None:
            previous = current
    return join_html([
        TrustedHTML('<div class="zone-steps" style="display:grid;grid-template-columns:'
                    f'repeat(auto-fill,minmax({width + 14}px,1fr));gap:8px" '
                    f'dir="{"rtl" if lang == "ar" else "ltr"}">'),
        *figures, TrustedHTML("</div>"),
        html_tag("div", t("msg.small_multiples_key", lang),
                 style="font-size:.82rem;color:#444;margin-top:.3rem")])


# --------------------------------------------------------------------------- play


def change_days(versions: Mapping[str, list[Version]]) -> list[dt.date]:
    """Every day on which some zone's ground changed (sorted, each once)."""
    return sorted({v.valid_from for vs in versions.values() for v in vs if v.change_id})


def changes_on(versions: Mapping[str, list[Version]], day: dt.date) -> list[Version]:
    """The versions that begin on ``day`` (zone order)."""
    return [v for z in ZONE_IDS for v in versions.get(z, [])
            if v.change_id and v.valid_from == day]


def step_day(versions: Mapping[str, list[Version]], day: dt.date, delta: int) -> dt.date | None:
    """The change day after (``delta`` > 0) or before (< 0) ``day``; the last change at or
    before ``day`` for ``delta == 0``. None when there is none that way."""
    days = change_days(versions)
    if delta == 0:
        earlier = [d for d in days if d <= day]
        return earlier[-1] if earlier else None
    if delta > 0:
        later = [d for d in days if d > day]
        return later[min(delta, len(later)) - 1] if later else None
    earlier = [d for d in days if d < day]
    return earlier[max(len(earlier) + delta, 0)] if earlier else None


def step_caption(versions: Mapping[str, list[Version]], day: dt.date,
                 names: Mapping[str, str], lang: str = "en") -> dict[str, Any]:
    """What the "as of" date shows in a play step: the last change day at or before ``day``,
    its position among all change days, and per change the zone, what changed, the area after,
    the English summary and its deciding source. ``{"day": None, ...}`` before any change."""
    days = change_days(versions)
    shown = step_day(versions, day, 0)
    items = []
    for v in changes_on(versions, shown) if shown else []:
        src = source_of(v)
        steps = zone_steps(versions, v.zone)
        k = steps.index(v)
        before = steps[k - 1] if k > 0 and steps[k - 1].geometry is not None else None
        items.append({"zone": v.zone, "zone_name": names.get(v.zone, v.zone),
                      "what": what_changed(v, lang), "summary_en": v.summary_en,
                      "area": (format_number(v.area_km2, lang) if v.geometry is not None
                               else ""),
                      # The zone's own change: a place's size in the sources (a pocket "over
                      # 1,100 km²" of which 180 km² lay in the zone) must not read as the loss.
                      "change": (signed_area(v.area_km2 - before.area_km2, lang)
                                 if before is not None and v.geometry is not None else ""),
                      "outlet": src["outlet"], "title": src["title"], "url": src["url"],
                      "date_note": v.date_note})
    return {"day": shown, "index": days.index(shown) + 1 if shown else 0, "total": len(days),
            "items": items}


def signed_area(km2: float, lang: str) -> str:
    """A change of area with its sign: "−180" (a minus sign, not a hyphen), "+40", "0"."""
    whole = round(km2)
    sign = "\u2212" if whole < 0 else "+" if whole > 0 else ""
    return sign + format_number(abs(whole), lang)


def _sep(lang: str) -> str:
    """Between parts of a caption: a middle dot beside an Arabic-Indic number reads as the
    digit zero, so Arabic uses a bar (as ``geo.i18n.join_meta``)."""
    return " | " if lang == "ar" else " · "


def caption_html(caption: Mapping[str, Any], lang: str, big: bool = False) -> TrustedHTML:
    """The caption of a play step: date, step n of N, then per change the zone and what
    changed, the area after, the summary (English, marked so in Arabic) and the source as a
    link. ``big`` sets the type for a briefing screen (28 px and up)."""
    from geo.escape import safe_url

    size = "28px" if big else "1rem"
    head_size = "36px" if big else "1.15rem"
    if not caption["day"]:
        return html_tag("div", t("msg.play_before_changes", lang), class_="play-caption",
                        style=f"font-size:{size}")
    parts = [html_tag("div", join_html([
        html_tag("b", format_date(caption["day"], lang)), esc(_sep(lang)),
        esc(t("msg.step_of", lang, n=digits(caption["index"], lang),
              total=digits(caption["total"], lang)))]),
        style=f"font-size:{head_size};margin-bottom:.3em")]
    dir_attr = "rtl" if lang == "ar" else "ltr"
    for item in caption["items"]:
        line = [html_tag("b", item["zone_name"]), TrustedHTML(": "), esc(item["what"])]
        if item["area"] and item.get("change"):
            line += [esc(_sep(lang)), esc(t("msg.area_step", lang, change=item["change"],
                                            area=item["area"]))]
        elif item["area"]:
            line += [esc(_sep(lang)), esc(t("msg.area_now", lang, area=item["area"]))]
        # No area: the zone ended, which "what" already says («انتهت المنطقة في دوما»).
        url = safe_url(item["url"])
        source = (html_tag("a", f"{item['outlet']}: {item['title']}", href=url,
                           target="_blank", rel="noopener noreferrer")
                  if url else esc(f"{item['outlet']}: {item['title']}"))
        english_tag = f" ({t('ui.in_english', lang)})" if lang == "ar" else ""
        parts.append(join_html([
            TrustedHTML(f'<div class="play-item" dir="{dir_attr}" style="margin:.2em 0 .5em">'),
            html_tag("div", join_html(line)),
            html_tag("div", item["summary_en"] + english_tag, dir="ltr", lang="en",
                     style="color:#222"),
            html_tag("div", join_html([esc(t("msg.source_label", lang)), TrustedHTML(" "),
                                       source]), style="color:#333"),
            TrustedHTML("</div>")]))
    return join_html([TrustedHTML(f'<div class="play-caption" dir="{dir_attr}" '
                                  f'style="font-size:{size};line-height:1.4">'),
                      *parts, TrustedHTML("</div>")])


def keys_hint(lang: str) -> TrustedHTML:
    """The briefing scene's keys, in large type."""
    return html_tag("div", t("msg.scene_changes_keys", lang), class_="play-keys",
                    style="font-size:26px;color:#333;margin-top:.6em")


def step_zones(versions: Mapping[str, list[Version]], day: dt.date) -> list[str]:
    """The zones whose ground changed at the play step shown on ``day``."""
    shown = step_day(versions, day, 0)
    return [v.zone for v in changes_on(versions, shown)] if shown else []
