"""How the zones were drawn, what they rest on, licences, and downloads."""

import streamlit as st

from geo import atlas, ui

st.title("About the atlas")
st.markdown(atlas.ABOUT_MD)

zones = ui.zones_part()
st.subheader("The four outlines")
if zones.ok:
    st.dataframe(atlas.digitisation_table(zones.value), hide_index=True,
                 width="stretch")
else:
    ui.show_problems(zones.problems, "The zones")

st.subheader("Licences and attributions")
st.markdown(atlas.LICENCES_MD)

st.subheader("Downloads")
st.caption("Every download carries the sources of its rows.")
cols = st.columns(4)
downloads = atlas.downloads(zones, ui.timeline_part(), ui.forces_part(), ui.articles_part())
for col, (label, payload) in zip(cols, downloads.items(), strict=False):
    if payload["data"] is None:
        col.warning(f"{label}: not available ({payload['why']})")
    else:
        col.download_button(label, data=payload["data"], file_name=payload["file_name"],
                            mime=payload["mime"], width="stretch")
