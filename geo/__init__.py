"""Domain package of the De-escalation Zones Atlas.

Plain Python: loading and validating the zone data, linking Arabic articles to zones, timelines
and map building. Only ``geo.ui`` may import Streamlit (``tests/test_architecture.py`` enforces it).
"""

ZONE_IDS: tuple[str, ...] = ("idlib", "northern-homs", "eastern-ghouta", "south")
