"""The one place where text becomes HTML.

Everything that comes from articles, the catalog or GeoJSON properties is untrusted. It goes into
HTML only through :func:`esc` (or the helpers built on it). HTML that the project itself writes
is wrapped in :class:`TrustedHTML`; sinks that render HTML (``geo.ui.render_html``, map tooltips)
accept nothing else, so forgetting to escape fails loudly instead of silently.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Beyond html.escape: "$", "`" and "\\" are neutralised too, because folium places some strings
# inside JavaScript template literals, where `${...}` would run and a backtick would end the string.
_EXTRA = str.maketrans({"`": "&#96;", "$": "&#36;", "\\": "&#92;", "\x00": ""})


class TrustedHTML(str):
    """HTML written by this project (never by an article or a data file)."""

    __slots__ = ()


def esc(value: object) -> TrustedHTML:
    """Escape any value for HTML text or a quoted attribute, and for JS template literals."""
    text = "" if value is None else str(value)
    return TrustedHTML(html.escape(text, quote=True).translate(_EXTRA))


_NOT_IN_ATTRIBUTE_TEXT = str.maketrans({c: " " for c in "<>&`$\\\x00"})


def attribute_text(value: object) -> str:
    """Text that the map's own script sets as an attribute (``aria-label``) with
    ``setAttribute``, which parses no HTML: an entity would be read aloud as written, so the
    characters that could end the surrounding script or template literal are dropped instead
    of escaped."""
    text = "" if value is None else str(value)
    return " ".join(text.translate(_NOT_IN_ATTRIBUTE_TEXT).split())


def html_tag(tag: str, content: object, **attrs: object) -> TrustedHTML:
    """``<tag attr="...">content</tag>``; content is escaped unless already TrustedHTML."""
    body = content if isinstance(content, TrustedHTML) else esc(content)
    rendered = "".join(
        f' {name.rstrip("_").replace("_", "-")}="{esc(val)}"'
        for name, val in attrs.items()
        if val is not None
    )
    return TrustedHTML(f"<{tag}{rendered}>{body}</{tag}>")


def join_html(parts: Iterable[object], sep: str = "") -> TrustedHTML:
    """Join fragments; plain strings among them are escaped."""
    return TrustedHTML(
        esc(sep).join(p if isinstance(p, TrustedHTML) else esc(p) for p in parts)
    )


def html_table(header: Sequence[object], rows: Iterable[Sequence[object]],
               css_class: str = "") -> TrustedHTML:
    """A plain ``<table>``: the first cell of each row is its header; a missing value (``None``
    or NaN) shows as a dash.

    Every cell is escaped, so it is safe for values from data files.
    """
    def cell(tag: str, value: object, **attrs: object) -> TrustedHTML:
        missing = value is None or (isinstance(value, float) and value != value)
        return html_tag(tag, "\u2014" if missing else value, **attrs)

    head = join_html(cell("th", h, scope="col") for h in header)
    body = join_html(
        html_tag("tr", join_html([cell("th", row[0], scope="row"),
                                  *(cell("td", v) for v in row[1:])]))
        for row in rows)
    return html_tag("table", TrustedHTML(f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody>"),
                    class_=css_class or None)


@dataclass(frozen=True)
class Highlight:
    start: int
    end: int
    css_class: str
    title: str = ""


def highlight_text(text: str, highlights: Sequence[Highlight], start: int = 0,
                   end: int | None = None) -> TrustedHTML:
    """Escape ``text[start:end]`` and wrap the highlighted spans in ``<mark>``.

    Overlapping highlights are resolved by keeping the earlier (then longer) one, so the output
    is always well-formed and never drops characters.
    """
    stop = len(text) if end is None else end
    chosen: list[Highlight] = []
    last_end = start
    for h in sorted(highlights, key=lambda h: (h.start, -(h.end - h.start))):
        if h.start < start or h.end > stop or h.start < last_end or h.end <= h.start:
            continue
        chosen.append(h)
        last_end = h.end
    out: list[str] = []
    pos = start
    for h in chosen:
        out.append(esc(text[pos:h.start]))
        out.append(html_tag("mark", text[h.start:h.end], class_=h.css_class,
                            title=h.title or None))
        pos = h.end
    out.append(esc(text[pos:stop]))
    return TrustedHTML("".join(out))


def rtl_block(content: TrustedHTML | str, css_class: str = "ar") -> TrustedHTML:
    """An Arabic block that reads right to left, whatever the page direction."""
    body = content if isinstance(content, TrustedHTML) else esc(content)
    return TrustedHTML(f'<div dir="rtl" lang="ar" class="{esc(css_class)}">{body}</div>')


def ltr_block(content: TrustedHTML | str, css_class: str = "en") -> TrustedHTML:
    """An English block that reads left to right, whatever the page direction (English-only
    notes from the sources inside the Arabic interface)."""
    body = content if isinstance(content, TrustedHTML) else esc(content)
    return TrustedHTML(f'<div dir="ltr" lang="en" class="{esc(css_class)}">{body}</div>')


_MD_SPECIAL = set("\\`*_{}[]()<>#+-.!|~$:")


def md_escape(value: object) -> str:
    """Escape untrusted text for Streamlit markdown: no links, images, HTML or formatting."""
    text = "" if value is None else str(value).replace("\x00", "")
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in text).replace("\n", " ")


def safe_url(url: object) -> str | None:
    """Only http(s) URLs become links; ``javascript:``, ``data:`` and the like are dropped."""
    text = "" if url is None else str(url).strip()
    lowered = text.lower()
    if (lowered.startswith("https://") or lowered.startswith("http://")) and not any(
            c in text for c in '<>"\'` \n\t'):
        return text
    return None
