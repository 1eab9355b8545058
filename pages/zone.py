"""One page for every zone, chosen by ``?zone=<id>``: map, facts, timeline, forces, articles."""

import streamlit as st

from geo import ZONE_IDS, atlas, escape, ui, zone_history
from geo import articles as art
from geo.escape import rtl_block
from geo.i18n import format_number
from geo.mapping import version_line
from geo.zone_versions import version_on

ui.require_frame()

day = ui.as_of()
zones = ui.zones_part()
if not zones.ok:
    st.title(ui.T("page.zone"))
    ui.show_problems(zones.problems, ui.T("ui.part_zones"))
    st.stop()

gdf = zones.value["gdf"]
zone_id, reason = atlas.parse_zone(st.query_params.get("zone"), ui.lang())
if reason:
    st.warning(reason)
options = list(gdf.index)
# The link decides the zone when it names a new one (or when the page is opened afresh); after
# that the selector does. A keyed widget keeps the two from fighting on reruns.
if "zone_select" not in st.session_state or (zone_id and zone_id != st.session_state.get(
        "_zone_from_link")):
    st.session_state["zone_select"] = zone_id or st.session_state.get("_zone_from_link") \
        or ZONE_IDS[0]
zone_id = st.selectbox(ui.T("page.zone"), options, key="zone_select",
                       format_func=(lambda z: gdf.loc[z, "name_ar"]) if ui.lang() == "ar"
                       else (lambda z: f"{gdf.loc[z, 'name_en']} · {gdf.loc[z, 'name_ar']}"))
st.session_state["_zone_from_link"] = zone_id
st.query_params["zone"] = zone_id
zone = gdf.loc[zone_id]

timeline, forces, articles, base = (ui.timeline_part(), ui.forces_part(), ui.articles_part(),
                                    ui.base_part())
statuses = atlas.statuses_on(timeline.value, day) if timeline.ok else {}
status = statuses.get(zone_id, "none")

st.title(zone["name_ar"] if ui.lang() == "ar" else zone["name_en"])
if ui.lang() != "ar":
    ui.render_html(rtl_block(zone["name_ar"], "ar zone-title"))
st.markdown(ui.T("msg.status_on", date=ui.day_label(day), status=ui.T(f"status_legend.{status}")))

col_map, col_facts = st.columns([1.5, 1], gap="medium")
with col_map:
    if base.ok:
        lost = ui.lost_map_layer(day)  # ground lost since the zones began, under the day's
        layers = [*([lost] if lost else []), ui.zones_map_layer(day, statuses, selected=zone_id)]
        layers += ui.dated_map_layers(day) if zone_id == "idlib" else []
        points = ui.zone_points(articles, zone_id)
        if points:
            layers.append(ui.points_map_layer(points))
        ui.show_map(ui.zone_bounds(zone_id), layers, key=f"zone-map-{zone_id}", height=480)
        if points:
            st.caption(ui.TN("msg.places_inside", len(points)))
    else:
        ui.show_problems(base.problems, ui.T("ui.part_map"))
with col_facts:
    notes = atlas.zone_notes(zones.value, zone_id)
    ui.english_text(notes["memorandum_wording_en"], ui.T("ui.memorandum_wording"))
    dated_value = zones.value
    if ui.zones_on(day) is not None:  # the area on the "as of" date, not as first drawn
        current_zones = ui.zones_on(day)[0]
        dated_value = {**zones.value, "areas": {
            str(z): float(current_zones.loc[z, "area_km2"]) for z in current_zones.index}}
        ui.render_html(escape.html_tag("div", version_line(current_zones.loc[zone_id],
                                                            ui.lang()), dir="auto"))
    facts = atlas.zone_facts(dated_value, zone_id, base.value if base.ok else None, ui.lang())
    versions = ui.versions_part()
    if versions.ok:  # the shape of the "as of" date: its dates and change, not 2017's alone
        facts = zone_history.version_facts(
            facts, version_on(versions.value, zone_id, day), ui.lang())
    # A plain table: five rows that wrap, and read right to left in Arabic.
    st.table(atlas.localise_table(facts, ui.lang()).set_index(ui.T("col.fact")))
    with st.expander(ui.T("ui.how_drawn"), expanded=False):
        ui.english_text(notes["digitised_from"], ui.T("ui.digitised_from"))
        ui.english_text(notes["confidence_note"], ui.T("ui.confidence"))
        for outlet, title, url in notes["citations"]:
            link = escape.safe_url(url)
            text = f"{escape.md_escape(outlet)}: {escape.md_escape(title)}"
            st.markdown(f"- [{text}]({link})" if link else f"- {text}")

if versions.ok:
    # The zone's history of ground: area steps, the changes with their sources, the shapes.
    st.subheader(ui.T("ui.area_over_time"))
    ui.area_chart(zone_id, day, key=f"area_chart_{zone_id}")
    st.caption(f"{ui.T('msg.area_over_time_note')} {ui.T('msg.area_chart_click')}")
    st.subheader(ui.T("ui.changes_heading"))
    ui.zone_table("changes", zone_id)
    st.subheader(ui.T("ui.shapes_heading"))
    ui.small_multiples(zone_id, day)
else:
    ui.show_problems(versions.problems, ui.T("ui.part_zones"))

ui.export_panel(day, zone_id)

st.subheader(ui.T("ui.timeline"))
if timeline.ok:
    ui.zone_table("lifecycle", zone_id)
    ui.zone_table("events", zone_id)
    ui.citation_box(ui.T("ui.cite_event"), ui.zone_part("event_citations", zone_id),
                    key=f"cite_event_{zone_id}")
else:
    ui.show_problems(timeline.problems, ui.T("ui.part_timeline"))

st.subheader(ui.T("ui.forces_heading"))
if forces.ok:
    if ui.zone_part("forces", zone_id).empty:
        st.info(ui.T("msg.no_force_records"))
    else:
        ui.zone_table("forces", zone_id)
    ui.citation_box(ui.T("ui.cite_force"), ui.zone_part("force_citations", zone_id),
                    key=f"cite_force_{zone_id}")
else:
    ui.show_problems(forces.problems, ui.T("ui.part_forces"))

st.subheader(ui.T("ui.articles_heading"))
if articles.ok:
    counts = ui.strength_counts(articles)[zone_id]  # the figure every page shows
    st.caption(ui.T("msg.zone_articles_count", n=art.about_label(counts, ui.lang()),
                    weak=format_number(counts["weak"], ui.lang())))
    with_weak = st.toggle(ui.T("ui.include_weak"), key=f"weak_{zone_id}") if counts["weak"] \
        else False
    page_key = f"evidence_page_{zone_id}"
    items, total = ui.zone_evidence(articles, zone_id, atlas.zone_names(zones, ui.lang()),
                                    min_strength="weak" if with_weak else art.ABOUT,
                                    page=st.session_state.get(page_key, 1))
    if not items:
        st.info(ui.T("msg.no_zone_articles"))
    for item in items:
        with st.container(border=True):
            st.markdown(f"**{item['title_md']}** · {item['meta_md']}")
            st.page_link("pages/articles.py", label=ui.T("ui.open_in_reader"),
                         query_params={"article": item["article_id"]})
            for sentence in item["sentences"]:
                ui.render_html(sentence)
            st.code(item["citation"], language=None, wrap_lines=True)
    pages = max(1, -(-total // 10))
    if pages > 1:
        st.session_state[page_key] = min(st.session_state.get(page_key, 1), pages)
        st.number_input(ui.T("ui.page_number"), min_value=1, max_value=pages, step=1,
                        key=page_key)
else:
    ui.show_problems(articles.problems, ui.T("ui.part_articles"))
