"""Who proposed, offered, agreed, deployed or denied monitor forces, for which zone."""

import streamlit as st

from geo import atlas, ui

ui.require_frame()

st.title(ui.T("page.forces"))
st.caption(ui.T("msg.forces_caption"))
forces = ui.forces_part()
if not forces.ok:
    ui.show_problems(forces.problems, ui.T("ui.part_forces"))
    st.stop()

names = atlas.zone_names(ui.zones_part(), ui.lang())
st.subheader(ui.T("ui.who_for_which_zone"))
st.dataframe(atlas.localise_table(atlas.forces_matrix(forces.value, names, ui.lang()), ui.lang()),
             width="stretch")
st.caption(ui.T("msg.matrix_caption"))

st.subheader(ui.T("ui.every_record"))
actors = sorted({r["actor"] for r in atlas.force_rows(forces.value)})
chosen = st.multiselect(ui.T("ui.actors"), actors, default=actors,
                        format_func=ui.words("actor."), placeholder=ui.T("ui.choose_options"))
table = atlas.forces_table(forces.value, None, actors=chosen, names=names, lang=ui.lang())
st.dataframe(atlas.localise_table(table, ui.lang()), hide_index=True, width="stretch",
             column_config={ui.T("col.source"): st.column_config.LinkColumn()})
