"""Briefing mode: scenes to step through on a big screen, large type, no chrome."""

import streamlit as st

from geo import atlas, ui
from geo.mapping import STATUS_STYLE, SYRIA_BOUNDS, stabilise, zones_bounds, zones_layer

ui.briefing_css()
day = ui.as_of()
zones, timeline, forces = ui.zones_part(), ui.timeline_part(), ui.forces_part()
names = atlas.zone_names(zones)
scenes = atlas.briefing_scenes(names)

if "scene" not in st.session_state:
    idx, reason = atlas.parse_scene(st.query_params.get("scene"), len(scenes))
    if reason:
        st.warning(reason)
    st.session_state["scene"] = idx


def step(delta: int) -> None:
    st.session_state["scene"] = (st.session_state["scene"] + delta) % len(scenes)


nav = st.columns([1, 1, 4, 2])
nav[0].button("◀ Previous", on_click=step, args=(-1,), shortcut="ArrowLeft",
              use_container_width=True, key="prev_scene")
nav[1].button("Next ▶", on_click=step, args=(1,), shortcut="ArrowRight",
              use_container_width=True, key="next_scene")
autoplay = nav[3].selectbox("Autoplay", [0, 10, 20, 30, 60], key="autoplay",
                            format_func=lambda s: "off" if s == 0 else f"every {s} s")
scene = scenes[st.session_state["scene"]]
st.query_params["scene"] = str(st.session_state["scene"])
nav[2].markdown(f"**Scene {st.session_state['scene'] + 1} of {len(scenes)}** · "
                f"{scene['title']} · status on **{day:%d %B %Y}**")

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

if scene["kind"] in ("overview", "zone"):
    if not zones.ok:
        ui.show_problems(zones.problems, "The zones")
        st.stop()
    gdf, zid = zones.value["gdf"], scene.get("zone")
    left, right = st.columns([1.6, 1], gap="large")
    with left:
        layers = [zones_layer(gdf, statuses, selected=zid)]
        stabilise(*layers)
        bounds = zones_bounds(gdf, zid, pad=0.25) if zid else SYRIA_BOUNDS
        ui.show_map(bounds, layers, key=f"briefing-map-{zid or 'all'}", height=640)
    with right:
        if zid is None:
            for z in gdf.index:
                s = statuses.get(z, "none")
                ui.render_html(atlas.briefing_status_line(names[z], STATUS_STYLE[s]["color"],
                                                          STATUS_STYLE[s]["label_en"]))
            footer = atlas.briefing_sources(zones.value, timeline.value if timeline.ok else None,
                                            None, day)
        else:
            s = statuses.get(zid, "none")
            ui.render_html(atlas.briefing_status_line(names[zid], STATUS_STYLE[s]["color"],
                                                      STATUS_STYLE[s]["label_en"]))
            for line in atlas.briefing_facts(zones.value, zid, forces.value if forces.ok
                                             else None, day):
                st.markdown(f"- {line}")
            footer = atlas.briefing_sources(zones.value, timeline.value if timeline.ok else None,
                                            zid, day)
else:
    if timeline.ok:
        chart = atlas.timeline_chart(timeline.value, list(names), atlas.event_kinds(
            timeline.value), names, day)
        st.altair_chart(chart.properties(height=520), use_container_width=True)
        footer = "Sources: each bar and dot carries its source on the Timeline page " \
                 "(geo/data/zone_status.csv, geo/data/timeline.csv)."
    else:
        ui.show_problems(timeline.problems, "The timeline")
        footer = ""

st.caption(f"**Sources for this scene.** {footer}")
links = " · ".join(f"[{i + 1}. {s['title']}](/briefing?scene={i}&date={day.isoformat()})"
                   for i, s in enumerate(scenes))
st.caption(f"Scenes: {links} · ←/→ keys step through.")
