"""Who proposed, offered, agreed, deployed or denied monitor forces, for which zone."""

import streamlit as st

from geo import atlas, ui

st.title("Monitor forces")
st.caption("Who would watch the zones? Offers, proposals, agreements, deployments and denials, "
           "each with its quote or source.")
forces = ui.forces_part()
if not forces.ok:
    ui.show_problems(forces.problems, "Monitor forces")
    st.stop()

names = atlas.zone_names(ui.zones_part())
st.subheader("Who, for which zone")
st.dataframe(atlas.forces_matrix(forces.value, names), width="stretch")
st.caption("Each cell lists the stances recorded (number of records). “All zones” covers "
           "statements about the zones in general.")

st.subheader("Every record")
actors = sorted({r["actor"] for r in atlas.force_rows(forces.value)})
chosen = st.multiselect("Actors", actors, default=actors)
table = atlas.forces_table(forces.value, None, actors=chosen, names=names)
st.dataframe(table, hide_index=True, width="stretch",
             column_config={"source": st.column_config.LinkColumn("Source")})
