"""How the zones were drawn, what they rest on, licences, and downloads."""

import streamlit as st

from geo import atlas, ui

ui.require_frame()

st.title(ui.T("ui.title_about"))
st.markdown(ui.T("msg.about_md"))

zones = ui.zones_part()
st.subheader(ui.T("ui.four_outlines"))
if zones.ok:
    st.dataframe(atlas.table_view(atlas.digitisation_table(zones.value, ui.lang()),
                                 ui.lang()), hide_index=True, width="stretch")
else:
    ui.show_problems(zones.problems, ui.T("ui.part_zones"))

st.subheader(ui.T("ui.licences"))
st.markdown(ui.T("msg.licences_md"))

st.subheader(ui.T("ui.downloads"))
st.caption(ui.T("msg.downloads_caption"))
st.caption(ui.T("msg.downloads_lists"))
cols = st.columns(4)
downloads = atlas.downloads(zones, ui.timeline_part(), ui.forces_part(), ui.articles_part(),
                            ui.lang())
for col, (label, payload) in zip(cols, downloads.items(), strict=False):
    if payload["data"] is None:
        col.warning(ui.T("msg.download_unavailable", label=label, why=payload["why"]))
    else:
        col.download_button(label, data=payload["data"], file_name=payload["file_name"],
                            mime=payload["mime"], width="stretch")
