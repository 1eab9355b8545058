"""First page: Syria with the four zones coloured by their status on the chosen day."""

import streamlit as st

from geo import articles as art
from geo import atlas, ui
from geo.escape import html_table
from geo.i18n import format_number
from geo.mapping import DATED_LAYER_STYLE, LOST_STYLE, STATUS_STYLE, SYRIA_BOUNDS

ui.require_frame()

day = ui.as_of()
st.title(ui.T("ui.title_map"))
st.caption(ui.T("msg.status_as_of", date=ui.day_label(day)))
if st.query_params.get("zone"):  # a link to a zone (?zone=idlib) opens its page; a wrong id
    # is named here
    linked, reason = atlas.parse_zone(st.query_params.get("zone"), ui.lang())
    if linked:
        ui.open_zone_page(linked, day)
    if reason:
        st.warning(reason)

zones, base, timeline = ui.zones_part(), ui.base_part(), ui.timeline_part()
statuses = atlas.statuses_on(timeline.value, day) if timeline.ok else {}
if not timeline.ok:
    ui.show_problems(timeline.problems, ui.T("ui.part_statuses"))
if zones.ok:  # step the date through the dated changes of ground; map and figures follow
    with st.expander(ui.T("ui.play_heading"), expanded=True):
        ui.play_control("play_map", atlas.zone_names(zones, ui.lang()))
        st.caption(ui.T("msg.play_help"))

if not base.ok:
    ui.show_problems(base.problems, ui.T("ui.part_map"))
else:
    col_map, col_side = st.columns([3, 1.1], gap="medium")
    with col_map:
        layers = []
        dated = ui.zones_on(day)
        if zones.ok and dated is not None:
            # The zones as they stood on the day, over the ground each had lost since it began.
            # A click (or Enter) on a zone or on its lost ground opens the zone's page.
            layers = [ui.lost_map_layer(day, opens=True),
                      ui.zones_map_layer(day, statuses, opens=True), *ui.dated_map_layers(day)]
        elif zones.ok:
            ui.show_problems(ui.versions_part().problems, ui.T("ui.part_zones"))
        else:
            ui.show_problems(zones.problems, ui.T("ui.part_zones"))
        result = ui.show_map(SYRIA_BOUNDS, layers, key="overview-map", height=600)
        # The map's text alternative: every zone's status, area and figures, as a table.
        st.caption(ui.T("msg.map_text_alternative"))
        picked = ui.clicked_zone(result, "_overview_click")
        if picked:
            ui.open_zone_page(picked, day)
    with col_side:
        st.markdown(f"**{ui.T('ui.legend')}**")
        for status in ("proposed", "in-force", "agreed-locally", "ended"):
            ui.render_html(atlas.legend_row(STATUS_STYLE[status]["color"],
                                            ui.T(f"status_legend.{status}")))
        ui.render_html(atlas.legend_row(LOST_STYLE["fillColor"], ui.T("ui.lost_ground")))
        for layer in layers:  # Sochi's demilitarised zone, the M4 corridor: when in force
            if layer.legend:
                ui.render_html(atlas.legend_row(DATED_LAYER_STYLE[layer.legend]["fillColor"],
                                                ui.T(f"ui.layer_{layer.legend}")))
        st.caption(ui.T("msg.map_offline_note"))
        if zones.ok:
            names = atlas.zone_names(zones, ui.lang())
            choice = st.selectbox(ui.T("ui.open_zone"), options=list(zones.value["gdf"].index),
                                  format_func=names.get, index=None,
                                  placeholder=ui.T("ui.choose_zone"), key="zone_pick")
            if choice:
                ui.open_zone_page(choice, day)

ui.export_panel(day, None)

if zones.ok:
    st.subheader(ui.T("ui.key_figures"), anchor="key-figures")
    counts = ui.strength_counts(ui.articles_part())
    figures = atlas.key_figures(zones.value, statuses, ui.about_counts(ui.articles_part()),
                                ui.forces_part(),
                                base.value if base.ok else None, ui.lang())
    if counts is not None:  # the figure every page shows, labelled by strength
        at = list(figures.columns).index("articles")
        figures = figures.drop(columns=["articles"])
        figures.insert(at, "articles_about",
                       [art.about_label(counts[z], ui.lang()) for z in figures["id"]])
        figures.insert(at + 1, "articles_weak",
                       [format_number(counts[z]["weak"], ui.lang()) for z in figures["id"]])
    names = atlas.zone_names(zones, ui.lang())
    if dated is not None:  # the area of each zone on the day, not as first drawn
        figures["area_km2"] = [round(float(dated[0].loc[z, "area_km2"])) for z in figures["id"]]
    shown = figures.assign(zone=[names[z] for z in figures["id"]]).drop(columns=["id"])
    if ui.lang() == "ar":
        shown = shown.drop(columns=["name_ar"])
    shown = atlas.localise_table(shown, ui.lang())
    # Escaped HTML rather than st.table: st.table makes the browser fetch and run Streamlit's
    # Arrow/table bundles while the map is still loading, which delayed the first paint.
    ui.render_html(html_table(list(shown.columns), shown.itertuples(index=False),
                              css_class="key-figures"))
