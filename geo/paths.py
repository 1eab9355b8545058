"""Where the project's data files live. Everything is relative to the repository itself."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GEO_DIR = ROOT / "geo"
ZONES_PATH = GEO_DIR / "zones.geojson"
BASE_DIR = GEO_DIR / "base"
ADM0_PATH = BASE_DIR / "syria_adm0.geojson"
ADM1_PATH = BASE_DIR / "syria_adm1.geojson"
PLACES_PATH = BASE_DIR / "places.csv"
DATA_DIR = GEO_DIR / "data"
DIGITISE_DIR = GEO_DIR / "digitise"
# ATLAS_SEEDS_DIR lets tests (and a newsroom with its own corpus) point the app at another folder
# of articles without touching the shipped seeds.
SEEDS_DIR = Path(os.environ.get("ATLAS_SEEDS_DIR") or ROOT / "seeds")
# The five articles the project ships. The curated tables (timeline, forces) quote and cite them,
# so their checks read this folder even when the app serves a newsroom's own archive.
PROJECT_SEEDS_DIR = ROOT / "seeds"
CATALOG_PATH = SEEDS_DIR / "catalog.csv"
STATIC_DIR = ROOT / "static"
LEAFLET_DIR = STATIC_DIR / "vendor" / "leaflet"
