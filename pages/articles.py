"""The Arabic articles: search, filters, a page of the list at a time, and a right-to-left reader
with every finding marked. Everything comes from the archive index."""

import streamlit as st

from geo import ZONE_IDS, atlas, escape, ui
from geo import articles as art
from geo.i18n import join_words, t
from geo.index import ArticleFilters
from geo.search import parse_query

ui.require_frame()

lang = ui.lang()
st.title(ui.T("page.articles"))  # first: a new archive's first indexing shows its progress here
articles = ui.articles_part()
if not articles.ok:
    ui.show_problems(articles.problems, ui.T("ui.part_articles"))
    st.stop()
idx = articles.value
ui.article_problems(articles)
names = atlas.zone_names(ui.zones_part(), lang)

# The query lives in the link (?q=), so a search can be shared and survives a reload.
if "article_query" not in st.session_state:
    st.session_state["article_query"] = (st.query_params.get("q") or "")[:200]
c1, c2, c3 = st.columns([2, 1, 1])
query = c1.text_input(ui.T("ui.search_help"), key="article_query", max_chars=200)
zone_filter = c2.multiselect(ui.T("ui.zones"), list(ZONE_IDS),
                             format_func=lambda z: names.get(z, z),
                             placeholder=ui.T("ui.choose_options"))
outlet_values, outlet_names = ui.outlet_options(articles)
outlet_filter = c3.multiselect(ui.T("ui.outlets"), outlet_values,
                               format_func=lambda o: outlet_names.get(o, o),
                               placeholder=ui.T("ui.choose_options"))
c4, c5, c6 = st.columns([2, 1, 1])
strength = c4.radio(ui.T("ui.link_strength"), ["medium", "strong", "weak"], horizontal=True,
                    format_func=lambda s: t({"medium": "ui.strength_about",
                                             "strong": "ui.strength_strong",
                                             "weak": "ui.strength_any"}[s], lang))
first_day, last_day = idx.date_range()
date_from = c5.date_input(ui.T("ui.published_from"), value=None, min_value=first_day,
                          max_value=last_day, format="YYYY-MM-DD")
date_to = c6.date_input(ui.T("ui.published_to"), value=None, min_value=first_day,
                        max_value=last_day, format="YYYY-MM-DD")
if query.strip():
    st.query_params["q"] = query
else:
    st.query_params.pop("q", None)
# A query in Arabic reads right to left, also in the English interface (the box's own
# direction follows the query once it is submitted).
ui.text_direction("article_query", query)
filters = ArticleFilters(tuple(zone_filter), strength, tuple(outlet_filter), date_from, date_to)

# A new search or filter starts again at its first page.
signature = (query, filters)
if st.session_state.get("_article_filters") != signature:
    st.session_state["_article_filters"] = signature
    st.session_state["article_page"] = 1
table, result = art.article_page(idx, query, filters, st.session_state.get("article_page", 1),
                                 names, lang)
if result.total:
    st.caption(art.page_caption(result, lang))
else:  # an empty result says so, with the query it was for
    st.info(ui.T("msg.no_results_for", query=escape.md_escape(query.strip()))
            if query.strip() else art.page_caption(result, lang))
if zone_filter:
    # The zones' own figures, the same on the map's key figures and each zone's page.
    counts = ui.strength_counts(articles) or {}
    for z in zone_filter:
        st.caption(art.zone_figure(counts.get(z, {}), names.get(z, z), lang))
if query.strip():
    q = parse_query(query)
    if q.english:
        st.caption(ui.T("msg.english_understood", names=join_words(
            (f"{en} → {ar}" for en, ar in q.english), ui.lang())))
    for hit in art.search_hits(result, names, lang):
        with st.container(border=True):
            st.markdown(f"**{hit['title_md']}** · {hit['meta_md']}")
            ui.render_html(hit["snippet_html"])
            st.page_link("pages/articles.py", label=ui.T("ui.open_in_reader"),
                         query_params={"article": hit["article_id"]})
if not query.strip() or result.total:
    st.dataframe(atlas.table_view(table, lang), hide_index=True, width="stretch",
                 column_config={ui.T("col.open"): st.column_config.LinkColumn(
                     display_text=ui.T("ui.read_link"))})
if result.pages > 1:
    st.session_state["article_page"] = min(st.session_state.get("article_page", 1),
                                           result.pages)
    st.number_input(ui.T("ui.page_number"), min_value=1, max_value=result.pages, step=1,
                    key="article_page")

requested = st.query_params.get("article")
view = art.reader_view(idx, requested, names, lang) if requested else None
if requested and view is None:
    st.warning(ui.T("msg.no_such_article"))
    requested = None
ids = [r.article_id for r in result.rows]
if requested and requested not in ids:
    ids.insert(0, requested)
labels = {r.article_id: art.article_label(r, lang) for r in result.rows}
if requested and requested not in labels and view is not None:
    labels[requested] = f"{view['title_en_hint']} · {requested}"
current = st.selectbox(ui.T("ui.read"), [None, *ids],
                       index=(ids.index(requested) + 1) if requested else 0,
                       format_func=lambda a: ui.T("ui.choose_article") if a is None
                       else labels.get(a, a))
if current:
    st.query_params["article"] = current
    if current != requested:
        view = art.reader_view(idx, current, names, lang)
if current and view is not None:
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
        st.dataframe(atlas.table_view(view["findings"], lang), hide_index=True,
                     width="stretch")
    for w in view["warnings"]:
        ui.english_note(w)
