"""The least this stack can do: one st_folium map of four small squares, Leaflet served locally.

Used by ``bench_dashboard.py`` as the floor for the dashboard's cold start. It imports nothing
from ``geo`` so that it measures Streamlit + folium + streamlit-folium + Leaflet alone. Run it
from a folder whose ``static/`` holds ``vendor/leaflet`` (the benchmark symlinks the repo's), with
``--server.enableStaticServing true``.
"""

from typing import ClassVar

import folium
from streamlit_folium import st_folium

LEAFLET = "/app/static/vendor/leaflet"


class LocalMap(folium.Map):
    default_js: ClassVar[list[tuple[str, str]]] = [("leaflet", f"{LEAFLET}/leaflet.js")]
    default_css: ClassVar[list[tuple[str, str]]] = [("leaflet_css", f"{LEAFLET}/leaflet.css")]


def square(i: int, lon: float, lat: float, d: float = 0.4) -> dict:
    ring = [[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]
    return {"type": "Feature", "id": str(i), "properties": {"id": str(i)},
            "geometry": {"type": "Polygon", "coordinates": [ring]}}


SQUARES = {"type": "FeatureCollection",
           "features": [square(i, 36.0 + 1.2 * i, 33.0 + 0.8 * i) for i in range(4)]}

m = LocalMap(location=[34.8, 38.0], zoom_start=6, tiles=None)
folium.GeoJson(SQUARES, name="squares").add_to(m)
st_folium(m, key="minimal-map", height=600, use_container_width=True, returned_objects=[])
