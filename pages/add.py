"""Add an article from the browser: upload or paste, preview what the linker finds, then save."""

import datetime as dt

import streamlit as st

from geo import access, atlas, ui

ui.require_frame()
ui.require_editing()

lang = ui.lang()
st.title(ui.T("page.add_article"))
st.caption(ui.T("msg.ingest_caption"))
st.caption(ui.upload_limits())

source = st.radio(ui.T("ui.source"), ["upload_file", "paste_text"], horizontal=True,
                  key="add_source", format_func=ui.words("ui."))
data: bytes | None = None
filename = "pasted.txt"
if source == "upload_file":
    up = st.file_uploader(ui.T("ui.article_file"), type=["txt", "zip"],
                          accept_multiple_files=False, max_upload_size=access.MAX_UPLOAD_MB)
    if up is not None and up.name.lower().endswith(".zip"):
        st.info(ui.T("msg.archive_caption"))
        if st.button(ui.T("ui.import_archive"), type="primary", key="import_archive"):
            bar = st.progress(0.0, text=atlas.import_progress_label(0, 0, lang))
            report = ui.write(lambda: atlas.import_archive(
                up.getvalue(), up.name, lang,
                progress=lambda done, total: bar.progress(
                    done / total if total else 1.0,
                    text=atlas.import_progress_label(done, total, lang))), nbytes=up.size)
            if report is None:
                bar.empty()
                st.stop()
            if report["added"]:
                ui.clear_caches()
            if report["error"]:
                st.error(report["error"])
            if report["headline"]:
                (st.success if report["ok"] else st.warning)(report["headline"])
            if report["skipped"]:
                st.caption(report["skipped"])
            if len(report["refused"]):
                st.subheader(ui.T("ui.refused_items"))
                st.dataframe(atlas.table_view(report["refused"], lang), hide_index=True,
                             width="stretch")
            for note in report["notes_en"]:
                ui.english_note(note)
        st.stop()
    if up is not None:
        data, filename = up.getvalue(), up.name
else:
    pasted = st.text_area(ui.T("ui.article_text"), height=220, max_chars=2_000_000)
    if pasted.strip():
        data = pasted.encode("utf-8")

if data is not None:
    preview = atlas.preview_article(data, filename, atlas.zone_names(ui.zones_part(), lang),
                                    lang)
    if not preview["ok"]:
        st.error(ui.T("msg.cannot_add", message=preview["message"]))
        if preview.get("detail_en"):
            ui.english_note(preview["detail_en"])
        st.stop()
    for w in preview["warnings"]:
        st.info(w)
    for note in preview["notes_en"]:
        ui.english_note(note)
    st.subheader(ui.T("ui.what_linker_found"))
    st.markdown(f"**{ui.T('ui.title')}:** {preview['title_md']}")
    st.dataframe(atlas.table_view(preview["findings"], lang), hide_index=True,
                 width="stretch")

    with st.form("article_meta"):
        c1, c2, c3 = st.columns(3)
        outlet = c1.text_input(ui.T("ui.outlet"), max_chars=120)
        published = c2.date_input(ui.T("ui.publication_date"), value=None,
                                  min_value=dt.date(2010, 1, 1), max_value=dt.date.today())
        url = c3.text_input(ui.T("ui.url_if_known"), max_chars=500)
        how = st.text_input(ui.T("ui.date_method"), max_chars=300,
                            placeholder=ui.T("ui.date_method_placeholder"))
        saved = st.form_submit_button(ui.T("ui.save"), type="primary")
    if saved:
        result = ui.write(lambda: atlas.save_article(data, filename, outlet=outlet,
                                                     published=published, url=url,
                                                     date_method=how), nbytes=len(data))
        if result is None:
            st.stop()
        if result.ok:
            ui.clear_caches()
            st.success(ui.T("msg.saved_as", article_id=result.article_id))
            st.page_link("pages/articles.py", label=ui.T("ui.open_it_in_reader"),
                         query_params={"article": result.article_id})
        else:
            st.error(ui.T("msg.nothing_saved", message=result.message if lang != "ar"
                          else ui.T("msg.see_details")))
            if lang == "ar":
                ui.english_note(result.message)
