"""De-escalation Zones Atlas: the router and the frame shared by every page."""

import streamlit as st

from geo import ui

st.set_page_config(page_title="De-escalation Zones Atlas", layout="wide",
                   initial_sidebar_state="expanded")
ui.inject_css()

PAGES = [
    st.Page("pages/map.py", title="Map", url_path="map", default=True),
    st.Page("pages/zone.py", title="Zone", url_path="zone"),
    st.Page("pages/timeline.py", title="Timeline", url_path="timeline"),
    st.Page("pages/forces.py", title="Monitor forces", url_path="forces"),
    st.Page("pages/articles.py", title="Articles", url_path="articles"),
    st.Page("pages/about.py", title="About & downloads", url_path="about"),
]

page = st.navigation(PAGES)
st.sidebar.markdown("**De-escalation Zones Atlas**  \nSyria, Astana memorandum of 4 May 2017")
ui.as_of_control()
ui.link_warnings()
page.run()
ui.footer()
