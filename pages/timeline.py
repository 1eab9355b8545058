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

events = atlas.events_table(timeline.value, chosen_zones, chosen_kinds, names, ui.lang())
st.dataframe(atlas.table_view(events, ui.lang()), hide_index=True, width="stretch",
             column_config={ui.T("col.source"): st.column_config.LinkColumn(),
                            ui.T("col.source_says"): st.column_config.TextColumn(width="large"),
                            ui.T("col.zone_page"): st.column_config.LinkColumn(
                                display_text=ui.T("ui.open"))})
st.caption(ui.T("msg.source_says_caption"))
ui.citation_box(ui.T("ui.cite_event"),
                atlas.event_citations(timeline.value, None, ui.lang(),
                                      events=atlas.chosen_events(timeline.value, chosen_zones,
                                                                 chosen_kinds)),
                key="cite_event_timeline")
