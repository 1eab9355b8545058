"""The Arabic articles: search, filters, and a right-to-left reader with every finding marked."""

import streamlit as st

from geo import ZONE_IDS, atlas, ui

articles = ui.articles_part()
st.title("Articles")
if not articles.ok:
    ui.show_problems(articles.problems, "Articles")
    st.stop()

corpus = articles.value
for p in corpus["problems"]:
    st.warning(f"An article file was skipped: {p}")

names = atlas.zone_names(ui.zones_part())
c1, c2, c3 = st.columns([2, 1, 1])
query = c1.text_input("Search (Arabic spellings are matched loosely: ادلب finds إدلب)",
                      key="article_query", max_chars=200)
zone_filter = c2.multiselect("Zones", list(ZONE_IDS), format_func=lambda z: names.get(z, z))
outlets = atlas.outlets(corpus)
outlet_filter = c3.multiselect("Outlets", outlets)
listing = atlas.article_list(corpus, query=query, zones=zone_filter, outlets=outlet_filter)
st.dataframe(listing, hide_index=True, width="stretch",
             column_config={"open": st.column_config.LinkColumn("Reader", display_text="read")})

ids = [a["article_id"] for a in corpus["items"]]
requested = st.query_params.get("article")
if requested and requested not in ids:
    st.warning("There is no article with that id in the corpus; showing the list instead.")
    requested = None
current = st.selectbox("Read", [None, *ids], index=(ids.index(requested) + 1) if requested else 0,
                       format_func=lambda a: "Choose an article…" if a is None
                       else atlas.article_label(corpus, a))
if current:
    st.query_params["article"] = current
    view = atlas.reader_view(corpus, current, names)
    st.subheader(view["title_en_hint"])
    ui.render_html(view["title_html"])
    st.markdown(view["meta_md"])
    st.markdown(view["legend_md"])
    ui.render_html(view["body_html"])
    if view["furniture_html"]:
        with st.expander("Site furniture (footers, related-article lists): not used as evidence"):
            ui.render_html(view["furniture_html"])
    with st.expander("What the linker found, explained", expanded=True):
        st.dataframe(view["findings"], hide_index=True, width="stretch")
    for w in view["warnings"]:
        st.info(w)
