"""All events across the zones on one time axis, with each zone's lifecycle as intervals."""

import streamlit as st

from geo import ZONE_IDS, atlas, ui

st.title("Timeline, May 2017 – 2018")
timeline = ui.timeline_part()
if not timeline.ok:
    ui.show_problems(timeline.problems, "The timeline")
    st.stop()

names = atlas.zone_names(ui.zones_part())
kinds = atlas.event_kinds(timeline.value)
c1, c2 = st.columns(2)
chosen_zones = c1.multiselect("Zones", list(ZONE_IDS), default=list(ZONE_IDS),
                              format_func=lambda z: names.get(z, z))
chosen_kinds = c2.multiselect("Kinds of event", kinds, default=kinds)

chart = atlas.timeline_chart(timeline.value, chosen_zones, chosen_kinds, names, ui.as_of())
st.altair_chart(chart, width="stretch")
st.caption("Bars: each zone's status over time. Dots: dated events (hover for the summary and "
           "source). The vertical line is the “as of” date.")

events = atlas.events_table(timeline.value, chosen_zones, chosen_kinds, names)
st.dataframe(events, hide_index=True, width="stretch",
             column_config={"source": st.column_config.LinkColumn("Source"),
                            "zone_page": st.column_config.LinkColumn(
                                "Zone page", display_text="open")})
