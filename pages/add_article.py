"""Add an article from the browser: upload or paste, preview what the linker finds, then save."""

import datetime as dt

import streamlit as st

from geo import atlas, ui

st.title(ui.T("page.add_article"))
st.caption("The file is checked like `python -m geo ingest`: never overwrites, written atomically, "
           "encoding detected (UTF-8, or Windows-1256 with a note), size-limited, duplicates "
           "refused. Nothing is saved until you press Save.")

source = st.radio("Source", ["Upload a .txt file", "Paste text"], horizontal=True)
data: bytes | None = None
filename = "pasted.txt"
if source == "Upload a .txt file":
    up = st.file_uploader("Article file (.txt)", type=["txt"], accept_multiple_files=False)
    if up is not None:
        data, filename = up.getvalue(), up.name
else:
    pasted = st.text_area("Article text (first line is the title)", height=220,
                          max_chars=2_000_000)
    if pasted.strip():
        data = pasted.encode("utf-8")

if data is not None:
    preview = atlas.preview_article(data, filename)
    if not preview["ok"]:
        st.error(f"This file cannot be added: {preview['message']}")
        st.stop()
    for w in preview["warnings"]:
        st.info(w)
    st.subheader("What the linker found")
    st.markdown(f"**Title:** {preview['title_md']}")
    st.dataframe(preview["findings"], hide_index=True, width="stretch")

    with st.form("article_meta"):
        c1, c2, c3 = st.columns(3)
        outlet = c1.text_input("Outlet", max_chars=120)
        published = c2.date_input("Publication date", value=None,
                                  min_value=dt.date(2010, 1, 1), max_value=dt.date.today())
        url = c3.text_input("URL (if known)", max_chars=500)
        how = st.text_input("How the date was established", max_chars=300,
                            placeholder="e.g. printed in the article")
        saved = st.form_submit_button("Save into the corpus", type="primary")
    if saved:
        result = atlas.save_article(data, filename, outlet=outlet, published=published,
                                    url=url, date_method=how)
        if result.ok:
            ui.clear_caches()
            st.success(f"Saved as {result.article_id}. It now appears on every page.")
            st.page_link("pages/articles.py", label="Open it in the reader",
                         query_params={"article": result.article_id})
        else:
            st.error(f"Nothing was saved: {result.message}")
