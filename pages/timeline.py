"""All events across the zones on one time axis, with each zone's lifecycle as intervals."""

import streamlit as st

from geo import ZONE_IDS, atlas, ui

ui.require_frame()

st.title(ui.T("ui.title_timeline"))
timeline = ui.timeline_part()
if not timeline.ok:
    ui.show_problems(timeline.problems, ui.T("ui.part_timeline"))
    st.stop()

names = atlas.zone_names(ui.zones_part(), ui.lang())
kinds = atlas.event_kinds(timeline.value)
c1, c2 = st.columns(2)
chosen_zones = c1.multiselect(ui.T("ui.zones"), list(ZONE_IDS), default=list(ZONE_IDS),
                              format_func=lambda z: names.get(z, z),
                              placeholder=ui.T("ui.choose_options"))
chosen_kinds = c2.multiselect(ui.T("ui.kinds"), kinds, default=kinds,
                              format_func=ui.words("kind."),
                              placeholder=ui.T("ui.choose_options"))

chart = atlas.timeline_chart(timeline.value, chosen_zones, chosen_kinds, names, ui.as_of(),
                             ui.lang())
st.altair_chart(chart, width="stretch")
st.caption(ui.T("msg.timeline_caption"))

ui.timeline_grid(chosen_zones, chosen_kinds)
st.caption(ui.T("msg.source_says_caption"))
ui.citation_box(ui.T("ui.cite_event"),
                atlas.event_citations(timeline.value, None, ui.lang(),
                                      events=atlas.chosen_events(timeline.value, chosen_zones,
                                                                 chosen_kinds)),
                key="cite_event_timeline")
