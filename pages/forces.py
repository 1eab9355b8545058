"""Who proposed, offered, agreed, deployed or denied monitor forces, for which zone."""

import streamlit as st

from geo import atlas, ui
from geo.i18n import translate_table_columns

st.title(ui.T("page.forces"))
st.caption(ui.T("msg.forces_caption"))
forces = ui.forces_part()
if not forces.ok:
    ui.show_problems(forces.problems, ui.T("ui.part_forces"))
    st.stop()

names = atlas.zone_names(ui.zones_part(), ui.lang())
st.subheader(ui.T("ui.who_for_which_zone"))
st.dataframe(atlas.forces_matrix(forces.value, names), width="stretch")
st.caption(ui.T("msg.matrix_caption"))

st.subheader(ui.T("ui.every_record"))
actors = sorted({r["actor"] for r in atlas.force_rows(forces.value)})
chosen = st.multiselect(ui.T("ui.actors"), actors, default=actors,
                        format_func=lambda a: ui.T(f"actor.{a}"))
table = atlas.forces_table(forces.value, None, actors=chosen, names=names)
table = table.rename(columns=translate_table_columns(list(table.columns), ui.lang(),
                                                   strict=False))
st.dataframe(table, hide_index=True, width="stretch",
             column_config={ui.T("col.source"): st.column_config.LinkColumn()})
