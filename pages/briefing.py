"""Briefing mode: scenes to step through on a big screen, large type, no chrome."""

import streamlit as st

from geo import atlas, ui, zone_history
from geo.i18n import digits, join_meta
from geo.mapping import STATUS_STYLE, SYRIA_BOUNDS

ui.require_frame()

ui.briefing_css()
day = ui.as_of()
lang = ui.lang()
zones, timeline, forces = ui.zones_part(), ui.timeline_part(), ui.forces_part()
names = atlas.zone_names(zones, lang)
# Issue 11: the changes of ground, stepped with ↑/↓ (added last so scene numbers stay).
scenes = [*atlas.briefing_scenes(names, lang), {"kind": "changes",
                                                "title": ui.T("ui.scene_changes")}]

if "scene" not in st.session_state:
    idx, reason = atlas.parse_scene(st.query_params.get("scene"), len(scenes), lang)
    if reason:
        st.warning(reason)
    st.session_state["scene"] = idx


def step(delta: int) -> None:
    st.session_state["scene"] = (st.session_state["scene"] + delta) % len(scenes)


def autoplay_label(seconds: int) -> str:
    return ui.T("ui.autoplay_off") if seconds == 0 else ui.TN("msg.every_n_s", seconds)


# In Arabic the arrows point the way the scenes run (right to left); the keys stay the same.
prev_arrow, next_arrow = ("▶", "◀") if lang == "ar" else ("◀", "▶")
nav = st.columns([1, 1, 4, 2])
nav[0].button(f"{prev_arrow} {ui.T('ui.previous')}", on_click=step, args=(-1,),
              shortcut="ArrowLeft", width="stretch", key="prev_scene")
nav[1].button(f"{ui.T('ui.next')} {next_arrow}", on_click=step, args=(1,),
              shortcut="ArrowRight", width="stretch", key="next_scene")
autoplay = nav[3].selectbox(ui.T("ui.autoplay"), [0, 10, 20, 30, 60], key="autoplay",
                            format_func=autoplay_label)
scene = scenes[st.session_state["scene"]]
st.query_params["scene"] = str(st.session_state["scene"] + 1)  # numbered as shown
scene_of = ui.T("msg.scene_of", n=digits(st.session_state["scene"] + 1, lang),
                total=digits(len(scenes), lang))
# join_meta: in Arabic a middle dot beside a number reads as the digit zero.
nav[2].markdown(join_meta([f"**{scene_of}**", scene["title"],
                           ui.T("msg.status_on_short", date=ui.day_label(day))], lang))

if autoplay:
    @st.fragment(run_every=autoplay)
    def _advance() -> None:
        if st.session_state.get("_autoplay_armed"):
            step(1)
            st.rerun(scope="app")
        st.session_state["_autoplay_armed"] = True

    _advance()
else:
    st.session_state["_autoplay_armed"] = False

statuses = atlas.statuses_on(timeline.value, day) if timeline.ok else {}
st.title(scene["title"])
footer = ""

if scene["kind"] in ("overview", "zone"):
    if not zones.ok:
        ui.show_problems(zones.problems, ui.T("ui.part_zones"))
        st.stop()
    gdf, zid = zones.value["gdf"], scene.get("zone")
    left, right = st.columns([1.6, 1], gap="large")
    with left:
        lost = ui.lost_map_layer(day)
        layers = [*([lost] if lost else []), ui.zones_map_layer(day, statuses, selected=zid)]
        bounds = ui.zone_bounds(zid, pad=0.25) if zid else SYRIA_BOUNDS
        ui.show_map(bounds, layers, key=f"briefing-map-{zid or 'all'}", height=640)
    with right:
        for z in ([zid] if zid else list(gdf.index)):
            s = statuses.get(z, "none")
            ui.render_html(atlas.briefing_status_line(names[z], STATUS_STYLE[s]["color"],
                                                      ui.T(f"status_legend.{s}")))
        if zid:
            for line in atlas.briefing_facts(zones.value, zid, forces.value if forces.ok
                                             else None, day, lang):
                st.markdown(f"- {line}")
        footer = atlas.briefing_sources(zones.value, timeline.value if timeline.ok else None,
                                        zid, day, lang)
elif scene["kind"] == "changes":
    if not zones.ok:
        ui.show_problems(zones.problems, ui.T("ui.part_zones"))
        st.stop()
    left, right = st.columns([1.3, 1], gap="large")
    with left:
        dated = ui.zones_on(day)
        if dated is not None:
            layers = [ui.lost_map_layer(day), ui.zones_map_layer(day, statuses),
                      *ui.dated_map_layers(day)]
            # Zoomed on the zone(s) whose ground changed at this step (all zones before).
            changed = zone_history.step_zones(ui.versions_part().value, day)
            bounds = ui.zone_bounds(changed, pad=0.3)
            ui.show_map(bounds, layers, key="briefing-map-changes", height=720)
    with right:
        ui.play_control("play_brief", names, big=True, keyboard=True)
        ui.render_html(zone_history.keys_hint(lang))
    footer = ui.T("msg.briefing_changes_sources")
else:
    if timeline.ok:
        chart = atlas.timeline_chart(timeline.value, list(names), atlas.event_kinds(
            timeline.value), names, day, lang)
        # Axis, legend and labels in big-screen type (24 px and up at 1920x1080).
        chart = chart.properties(height=560).configure_axis(
            labelFontSize=24, titleFontSize=26, labelLimit=480).configure_legend(
            labelFontSize=24, titleFontSize=26, symbolSize=320, labelLimit=480)
        st.altair_chart(chart, width="stretch")
        footer = ui.T("msg.briefing_timeline_sources")
    else:
        ui.show_problems(timeline.problems, ui.T("ui.part_timeline"))

st.caption(ui.T("msg.scene_sources", sources=footer))
links = join_meta((f"[{digits(i + 1, lang)}. {s['title']}]"
                   f"(/briefing?scene={i + 1}&date={day.isoformat()}&lang={lang})"
                   for i, s in enumerate(scenes)), lang)
st.caption(ui.T("msg.scenes_nav", links=links))
