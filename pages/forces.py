"""Who proposed, offered, agreed, deployed or denied monitor forces, for which zone."""

import streamlit as st

from geo import ZONE_IDS, atlas, ui
from geo.forces import STANCES

ui.require_frame()

st.title(ui.T("page.forces"))
st.caption(ui.T("msg.forces_caption"))
forces = ui.forces_part()
if not forces.ok:
    ui.show_problems(forces.problems, ui.T("ui.part_forces"))
    st.stop()

names = atlas.zone_names(ui.zones_part(), ui.lang())
st.subheader(ui.T("ui.who_for_which_zone"))
st.dataframe(atlas.table_view(atlas.forces_matrix(forces.value, names, ui.lang()), ui.lang()),
             width="stretch")
st.caption(ui.T("msg.matrix_caption"))

st.subheader(ui.T("ui.every_record"))
records = forces.value
actors = sorted({r.actor for r in records})
stances = [s for s in STANCES if any(r.stance == s for r in records)]
c1, c2, c3 = st.columns(3)
chosen_zones = c1.multiselect(ui.T("ui.zones"), list(ZONE_IDS), default=list(ZONE_IDS),
                              format_func=lambda z: names.get(z, z),
                              placeholder=ui.T("ui.choose_options"), key="forces_zones")
chosen_actors = c2.multiselect(ui.T("ui.actors"), actors, default=actors,
                               format_func=ui.words("actor."),
                               placeholder=ui.T("ui.choose_options"), key="forces_actors")
chosen_stances = c3.multiselect(ui.T("ui.stances"), stances, default=stances,
                                format_func=ui.words("stance."),
                                placeholder=ui.T("ui.choose_options"), key="forces_stances")
chosen = atlas.chosen_forces(records, chosen_zones, chosen_actors, chosen_stances)
st.caption(atlas.records_caption(len(chosen), len(records), ui.lang()))
if not chosen:
    st.info(ui.T("msg.no_matching_records"))
    st.stop()

ui.forces_grid(chosen_zones, chosen_actors, chosen_stances)
st.caption(ui.T("msg.source_says_caption"))
with st.expander(ui.T("ui.records_in_full"), expanded=True):
    ui.render_html(atlas.force_cards(chosen, names, ui.lang()))
ui.citation_box(ui.T("ui.cite_force"), atlas.force_citations(chosen, None, ui.lang()),
                key="cite_force_page")
