"""De-escalation Zones Atlas: the router and the frame shared by every page."""

import streamlit as st

from geo import ui

st.set_page_config(page_title="De-escalation Zones Atlas", layout="wide",
                   initial_sidebar_state="expanded")
ui.inject_css()

ui.init_state()
# Read-only or signed-out: the Add page leaves the navigation, and its URL (or a request forged
# for it) opens a message instead of the page. A local run (no ATLAS_MODE) is editable.
EDITABLE = ui.can_edit()
PAGES = [
    st.Page("pages/map.py", title=ui.T("page.map"), url_path="map", default=True),
    st.Page("pages/zone.py", title=ui.T("page.zone"), url_path="zone"),
    st.Page("pages/timeline.py", title=ui.T("page.timeline"), url_path="timeline"),
    st.Page("pages/forces.py", title=ui.T("page.forces"), url_path="forces"),
    st.Page("pages/articles.py", title=ui.T("page.articles"), url_path="articles"),
    st.Page("pages/briefing.py", title=ui.T("page.briefing"), url_path="briefing"),
    st.Page("pages/add.py" if EDITABLE else ui.not_editable, title=ui.T("page.add_article"),
            url_path="add", visibility="visible" if EDITABLE else "hidden"),
    st.Page("pages/about.py", title=ui.T("page.about"), url_path="about"),
]

page = st.navigation(PAGES)
if st.query_params.get("briefing") == "1" and page.url_path != "briefing":
    st.switch_page("pages/briefing.py", query_params={
        k: v for k, v in st.query_params.to_dict().items() if k != "briefing"})
st.sidebar.markdown(f"**{ui.T('ui.app_name')}**  \n{ui.T('ui.app_tagline')}")
ui.link_warnings()
# Before the page: the slider's and radio's bundles then download while the server loads the
# data and builds the map. Drawn after the page they were requested together with the map
# component's own files and delayed them (measured: first paint about 0.1 s later).
ui.sidebar_controls()
ui.editor_panel()
try:
    page.run()
finally:
    # In `finally` so a page that stops early (st.stop on a broken data file) keeps the footer.
    ui.footer()
    ui.leave_frame()
