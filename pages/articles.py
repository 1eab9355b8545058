"""The Arabic articles: search, filters, and a right-to-left reader with every finding marked."""

import streamlit as st

from geo import ZONE_IDS, atlas, ui

ui.require_frame()

articles = ui.articles_part()
st.title(ui.T("page.articles"))
if not articles.ok:
    ui.show_problems(articles.problems, ui.T("ui.part_articles"))
    st.stop()

corpus = articles.value
for p in corpus["problems"]:
    st.warning(ui.T("msg.article_skipped", problem=p))

names = atlas.zone_names(ui.zones_part(), ui.lang())
c1, c2, c3 = st.columns([2, 1, 1])
query = c1.text_input(ui.T("ui.search_help"),
                      key="article_query", max_chars=200)
zone_filter = c2.multiselect(ui.T("ui.zones"), list(ZONE_IDS),
                             format_func=lambda z: names.get(z, z),
                             placeholder=ui.T("ui.choose_options"))
outlets = atlas.outlets(corpus)
outlet_names = {i["outlet"]: atlas.outlet_name(i, ui.lang()) for i in corpus["items"]}
outlet_filter = c3.multiselect(ui.T("ui.outlets"), outlets,
                               format_func=lambda o: outlet_names.get(o, o),
                               placeholder=ui.T("ui.choose_options"))
listing = atlas.article_list(corpus, query=query, zones=zone_filter, outlets=outlet_filter,
                             names=names, lang=ui.lang())
st.dataframe(atlas.localise_table(listing, ui.lang()), hide_index=True, width="stretch",
             column_config={ui.T("col.open"): st.column_config.LinkColumn(
                 display_text=ui.T("ui.read_link"))})

ids = [a["article_id"] for a in corpus["items"]]
requested = st.query_params.get("article")
if requested and requested not in ids:
    st.warning(ui.T("msg.no_such_article"))
    requested = None
choose, lang = ui.T("ui.choose_article"), ui.lang()
current = st.selectbox(ui.T("ui.read"), [None, *ids],
                       index=(ids.index(requested) + 1) if requested else 0,
                       format_func=lambda a: choose if a is None
                       else atlas.article_label(corpus, a, lang))
if current:
    st.query_params["article"] = current
    view = atlas.reader_view(corpus, current, names, ui.lang())
    st.subheader(view["title_en_hint"])
    ui.render_html(view["title_html"])
    st.markdown(view["meta_md"])
    if view["meta_note_en"]:
        ui.english_text(view["meta_note_en"], ui.T("ui.date_method"))
    st.markdown(view["legend_md"])
    ui.render_html(view["body_html"])
    if view["furniture_html"]:
        with st.expander(ui.T("ui.furniture")):
            ui.render_html(view["furniture_html"])
    with st.expander(ui.T("ui.linker_found"), expanded=True):
        st.dataframe(atlas.localise_table(view["findings"], ui.lang()), hide_index=True,
                     width="stretch")
    for w in view["warnings"]:
        ui.english_note(w)
