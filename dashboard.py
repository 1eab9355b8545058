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
    st.Page("pages/briefing.py", title="Briefing", url_path="briefing"),
    st.Page("pages/add_article.py", title="Add an article", url_path="add"),
    st.Page("pages/about.py", title="About & downloads", url_path="about"),
]

page = st.navigation(PAGES)
if st.query_params.get("briefing") == "1" and page.url_path != "briefing":
    st.switch_page("pages/briefing.py", query_params={
        k: v for k, v in st.query_params.to_dict().items() if k != "briefing"})
st.sidebar.markdown("**De-escalation Zones Atlas**  \nSyria, Astana memorandum of 4 May 2017")
ui.as_of_control()
ui.link_warnings()
page.run()
ui.footer()
