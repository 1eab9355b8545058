"""Where the project's data files live. Everything is relative to the repository itself."""

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
SEEDS_DIR = ROOT / "seeds"
CATALOG_PATH = SEEDS_DIR / "catalog.csv"
STATIC_DIR = ROOT / "static"
LEAFLET_DIR = STATIC_DIR / "vendor" / "leaflet"
