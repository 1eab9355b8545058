"""First page: Syria with the four zones coloured by their status on the chosen day."""

import streamlit as st

from geo import atlas, ui
from geo.mapping import STATUS_STYLE, SYRIA_BOUNDS, stabilise, zones_layer

day = ui.as_of()
st.title("De-escalation zones of Syria")
st.caption(f"Status as of **{day:%d %B %Y}** · click a zone, or pick one below, to open its page.")

zones, base, timeline = ui.zones_part(), ui.base_part(), ui.timeline_part()
statuses = atlas.statuses_on(timeline.value, day) if timeline.ok else {}
if not timeline.ok:
    ui.show_problems(timeline.problems, "Zone statuses")

if not base.ok:
    ui.show_problems(base.problems, "The map")
else:
    col_map, col_side = st.columns([3, 1.1], gap="medium")
    with col_map:
        layers = []
        if zones.ok:
            layers = [zones_layer(zones.value["gdf"], statuses)]
            stabilise(*layers)
        else:
            ui.show_problems(zones.problems, "The zones")
        result = ui.show_map(SYRIA_BOUNDS, layers, key="overview-map", height=600)
        picked = ui.clicked_zone(result, "_overview_click")
        if picked:
            st.switch_page("pages/zone.py", query_params={"zone": picked,
                                                          "date": day.isoformat()})
    with col_side:
        st.markdown("**Legend**")
        for status in ("proposed", "in-force", "agreed-locally", "ended"):
            style = STATUS_STYLE[status]
            ui.render_html(atlas.legend_row(style["color"], style["label_en"]))
        st.caption("Governorates (grey lines) and the country outline are drawn from shipped "
                   "OCHA data: the map needs no internet.")
        if zones.ok:
            choice = st.selectbox("Open a zone", options=list(zones.value["gdf"].index),
                                  format_func=lambda z: zones.value["gdf"].loc[z, "name_en"],
                                  index=None, placeholder="Choose a zone…", key="zone_pick")
            if choice:
                st.switch_page("pages/zone.py", query_params={"zone": choice,
                                                              "date": day.isoformat()})

if zones.ok:
    st.subheader("Key figures")
    figures = atlas.key_figures(zones.value, statuses, ui.articles_part(), ui.forces_part(),
                                base.value if base.ok else None)
    st.dataframe(figures, hide_index=True, width="stretch",
                 column_config={"area_km2": st.column_config.NumberColumn("Area (km²)",
                                                                          format="%d")})
