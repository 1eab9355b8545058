"""Which web sites belong to which outlet (``geo/data/outlet_sites.csv``), so a cited source's
outlet and URL can be checked to belong together.

A record that names one outlet and links another's page credits the wrong outlet (issue 5
review: seed records named the seed article's outlet beside another site's report). The
curated tables check each ``(outlet, url)`` pair with :func:`site_problems`: the URL's host must
be one of the outlet's sites or a sub-domain of one (``www.``, ``ar.``, ``en.``).
"""

from __future__ import annotations

import functools
from pathlib import Path
from urllib.parse import urlsplit

from geo.paths import DATA_DIR
from geo.problems import Problem, display_path

__all__ = ["OUTLET_SITES_PATH", "host", "load_outlet_sites", "site_matches", "site_problems"]

OUTLET_SITES_PATH = DATA_DIR / "outlet_sites.csv"
COLUMNS = ("outlet", "sites", "note")


def host(url: str) -> str:
    """The URL's host name, lower case, without a leading ``www.`` ("" when there is none)."""
    try:
        name = (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return ""
    return name.removeprefix("www.")


def site_matches(url: str, sites: tuple[str, ...]) -> bool:
    """The URL is on one of ``sites`` (the site itself or a sub-domain of it)."""
    h = host(url)
    return bool(h) and any(h == s or h.endswith("." + s) for s in sites)


def _parse(path: Path) -> tuple[dict[str, tuple[str, ...]], list[Problem]]:
    from geo.timeline import read_table

    file = display_path(path)
    rows, problems = read_table(path, COLUMNS)
    out: dict[str, tuple[str, ...]] = {}
    for line, row in rows:
        outlet = row["outlet"].strip()
        item = f"line {line} ({outlet or 'no outlet'})"
        sites = tuple(s.strip().lower().removeprefix("www.") for s in row["sites"].split(";")
                      if s.strip())
        if not outlet:
            problems.append(Problem(file, item, "has no outlet", "name the outlet"))
        elif outlet in out:
            problems.append(Problem(file, item, "repeats an outlet",
                                    "give each outlet one row, its sites joined with ';'"))
        elif not sites or any("/" in s or " " in s or "." not in s for s in sites):
            problems.append(Problem(file, item, f"sites {row['sites']!r} are not host names",
                                    "write host names such as tass.com, joined with ';'"))
        elif not row["note"].strip():
            problems.append(Problem(file, item, "has no note",
                                    "say where the outlet's address comes from"))
        else:
            out[outlet] = sites
    return out, problems


@functools.lru_cache(maxsize=4)
def _cached(path: str, mtime_ns: int, size: int) -> tuple[dict[str, tuple[str, ...]],
                                                           list[Problem]]:
    return _parse(Path(path))


def load_outlet_sites(path: Path | str = OUTLET_SITES_PATH
                      ) -> tuple[dict[str, tuple[str, ...]], list[Problem]]:
    """``outlet -> sites`` and the problems of the file (cached on its size and time)."""
    p = Path(path)
    try:
        st = p.stat()
    except OSError:
        return _parse(p)  # read_table reports the missing file
    return _cached(str(p), st.st_mtime_ns, st.st_size)


def site_problems(file: str, item: str, outlet: str, url: str,
                  sites: dict[str, tuple[str, ...]], what: str = "url",
                  related_columns: bool = True) -> list[Problem]:
    """A problem when ``url``'s site is not one of ``outlet``'s (none for an empty URL).

    ``what`` names the URL's column in the message (``url``, ``related_url``);
    ``related_columns``: the table has ``related_*`` columns for another outlet's report."""
    if not url.strip():
        return []
    registry = display_path(OUTLET_SITES_PATH)
    known = sites.get(outlet.strip())
    if known is None:
        return [Problem(file, item, f"outlet {outlet!r} has no web sites listed, so its {what} "
                        f"({host(url) or url}) cannot be checked",
                        f"add the outlet and its sites to {registry}, or correct the outlet")]
    if site_matches(url, known):
        return []
    owners = [o for o, ss in sites.items() if site_matches(url, ss)]
    whose = f", which is {owners[0]}'s site" if owners else ""
    fix = "name the outlet whose page the URL is, with that page's title"
    if related_columns:
        fix += (" (another outlet's report of the same statement goes in "
                "related_outlet/related_title/related_url)")
    return [Problem(file, item, f"{what} is on {host(url) or url}{whose}, not on "
                    f"{outlet}'s site ({'; '.join(known)}): the outlet and the link do not belong "
                    "together", fix)]
