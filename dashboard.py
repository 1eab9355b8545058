"""Placeholder entry point until the dashboard lands."""

import streamlit as st

st.set_page_config(page_title="De-escalation Zones Atlas", layout="wide")
st.title("De-escalation Zones Atlas")
