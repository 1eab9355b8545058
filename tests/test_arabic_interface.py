"""The Arabic interface says everything in Arabic: every page, driven with AppTest in ``?lang=ar``.

Every piece of text a page shows (titles, prose, captions, messages, widget labels and options,
expander labels, table headers and table cells) is scanned for English words. Allowed are:

* Latin words that the Arabic translations in ``geo.i18n`` keep on purpose (GeoJSON, OCHA, CSV…);
* identifiers with digits (article ids, file names) and URLs, inline code and link targets;
* the language switch, which names each language in itself;
* quotes (markdown blockquotes), links to sources named as the source does, and the columns
  that hold source data in its own language: outlets, sources, article ids, quotes, what the
  source says (its deciding phrase), matched
  text, and the prose notes the data tables only have in English (their Arabic headers say so).

A new label added in English only, or a table that shows a raw status/actor/stance id, fails
here with the page, the element and the words.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from streamlit.testing.v1 import AppTest

from geo.i18n import MESSAGES, t
from tests.app_helpers import ROOT, run, table_rows

LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
# Latin words the Arabic translations themselves keep (product names, formats, licences).
# (Placeholders and `code` are not words of the translation.)
ALLOWED = {w.lower() for m in MESSAGES.values()
           for w in LATIN_WORD.findall(re.sub(r"\{\w+\}|`[^`]*`", " ", m["ar"]))}
# Numbers the Arabic translations keep as written (licence and software versions).
ALLOWED_NUMBERS = {n for m in MESSAGES.values()
                   for n in re.findall(r"[0-9][0-9.]*[0-9]", re.sub(r"\{\w+\}", " ", m["ar"]))}
# Columns holding source data in its own language (headers are still checked).
DATA_COLUMNS = {"outlet", "source", "article", "id", "quote", "text", "summary", "note",
                "condition", "digitised_from", "sources", "open", "zone_page", "url",
                "confidence_note", "outlet_en", "entry", "source_says", "related"}
DATA_HEADERS = {t(f"col.{c}", "ar") for c in DATA_COLUMNS if f"col.{c}" in MESSAGES}
# Arabic text from the sources (event and article titles): may hold Western digits as written.
SOURCE_ARABIC_HEADERS = {t(f"col.{c}", "ar") for c in ("event", "title")}
# Outlet names (source data) as they are written in the data files: not interface text.
STRIP = [
    re.compile(r"https?://\S+"),
    re.compile(r"`[^`]*`"),
    re.compile(r"\]\([^)]*\)"),  # markdown link targets
    re.compile(r"\b[\w.-]*[0-9][\w.-]*\b"),  # ids, file names, versions (contain a digit)
]


# A number written with Western digits on its own (not part of an id such as ``ADM1``).
WESTERN_NUMBER = re.compile(r"(?<![\w.-])[0-9][0-9,.:/–-]*(?![\w])")


def english_words(text: str, numbers_allowed: bool = False) -> list[str]:
    """English words, and numbers in Western digits, left in ``text`` once allowed parts go.

    A link to a source (``[title](https://…)``) names it as the source does, so its text is not
    interface text."""
    text = text.replace("\\", "")  # markdown escapes
    text = re.sub(r"\[[^\]]*\]\(https?://[^)]*\)", " ", text)
    text = re.sub(r"https?://\S+|`[^`]*`|\]\([^)]*\)", " ", text)
    numbers = [] if numbers_allowed else [n for n in WESTERN_NUMBER.findall(text)
                                          if n.rstrip(".,:") not in ALLOWED_NUMBERS]
    for pattern in STRIP:
        text = pattern.sub(" ", text)
    return [w for w in LATIN_WORD.findall(text) if w.lower() not in ALLOWED] + numbers


def run_ar(page: str | None, **params: str) -> AppTest:
    return run(page, lang="ar", **params)


def _outlets() -> list[str]:
    """Outlet names as the data files write them (shown in outlet columns and source lines),
    longest first so that a name inside another is not removed before it."""
    import csv
    import json

    names: set[str] = set()
    for name in ("timeline.csv", "zone_status.csv", "forces.csv"):
        with (ROOT / "geo" / "data" / name).open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):  # (forces: another outlet's report, attrib-5)
                names |= {row[c] for c in ("outlet", "related_outlet") if row.get(c)}
    zones = json.loads((ROOT / "geo" / "zones.geojson").read_text(encoding="utf-8"))
    names |= {c["outlet"] for f in zones["features"] for c in f["properties"]["citations"]
              if c.get("outlet")}
    return sorted(names, key=len, reverse=True)


class _HTMLText(HTMLParser):
    """The visible text of an HTML fragment, skipping ``<style>``/``<script>``, blocks marked
    as English (``class="en"``: notes the sources give only in English, labelled as such) and
    elements tagged with a language of their own (``lang="..."``: a source's words)."""

    SKIP_CLASSES = frozenset({"en"})

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._stack: list[bool] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("br", "img", "hr", "meta", "link", "input"):
            return
        classes = set((dict(attrs).get("class") or "").split())
        skipping = bool(self._stack and self._stack[-1])
        # An element with its own ``lang`` holds a source's words in the source's language
        # (quotes, deciding phrases, titles, the English notes): not interface text.
        self._stack.append(skipping or tag in ("style", "script")
                           or bool(classes & self.SKIP_CLASSES) or "lang" in dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag not in ("br", "img", "hr", "meta", "link", "input") and self._stack:
            self._stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self._stack and self._stack[-1]):
            self.parts.append(data)


def html_text(body: str) -> str:
    parser = _HTMLText()
    parser.feed(body)
    return " ".join(parser.parts)


def shown_text(at: AppTest) -> list[tuple[str, str]]:
    """(where, text) for every piece of interface text on the page."""
    out: list[tuple[str, str]] = []
    for kind in ("title", "header", "subheader", "caption", "info", "warning", "error",
                 "success"):
        out += [(kind, e.value) for e in getattr(at, kind)]
    for m in at.markdown:
        # Blockquotes are quotes from sources, shown as written.
        lines = [ln for ln in m.value.splitlines() if not ln.lstrip().startswith(">")]
        out.append(("markdown", "\n".join(lines)))
    for kind in ("selectbox", "multiselect", "radio", "text_input", "text_area", "slider",
                 "select_slider", "button", "checkbox", "toggle", "number_input",
                 "date_input"):
        for w in getattr(at, kind, []):
            if getattr(w, "key", None) == "lang":
                continue  # the language switch names each language in itself, on purpose
            out.append((f"{kind} label", w.label))
            placeholder = getattr(w.proto, "placeholder", "")
            if kind == "multiselect" and not placeholder:
                placeholder = "Choose options"  # what the browser shows when none is given
            if placeholder:
                out.append((f"{kind} placeholder", placeholder))
            for opt in getattr(w, "options", []) or []:
                out.append((f"{kind} option", str(opt)))
    for e in at.get("expander"):
        out.append(("expander label", e.proto.label))
    for i, h in enumerate(at.get("html")):
        body = h.proto.body
        if "<table" not in body:
            # Every other HTML block too (the map's legend rows, status lines, snippets): its
            # text, without style sheets and without prose marked as English on purpose.
            # Article text (class "ar": bodies, snippets, evidence) is the source's own and may
            # carry Latin digits, but no English word.
            text = html_text(body)
            if text.strip():
                source = " source-arabic" if 'class="ar' in body else ""
                out.append((f"html {i}{source}", text))
        if "<table" in body:  # tables drawn as escaped HTML (the first page's key figures)
            header, *rows = table_rows(body)
            for j, c in enumerate(header):
                out.append((f"html table {i} header", c))
                if c not in DATA_HEADERS:
                    out += [(f"html table {i} column {c}", r[j]) for r in rows if j < len(r)]
    for kind in ("table", "dataframe"):
        for i, el in enumerate(getattr(at, kind)):
            df = el.value
            shown = getattr(el.proto, "arrow_data", None)
            if kind == "dataframe" and shown is not None and shown.styler.display_values:
                # A Styler (the zone's changes of ground): the reader sees its display values
                # (dates and numbers in Arabic); the cells under them stay ISO and numbers.
                from streamlit import dataframe_util

                df = dataframe_util.convert_arrow_bytes_to_pandas_df(
                    shown.styler.display_values)
                df.columns = el.value.columns
            frame = df.reset_index() if df.index.name is not None or kind == "table" else df
            for c in frame.columns:
                out.append((f"{kind} {i} header", str(c)))
                if str(c) in DATA_HEADERS:
                    continue
                where = "source-arabic" if str(c) in SOURCE_ARABIC_HEADERS else "column"
                out += [(f"{kind} {i} {where} {c}", str(v)) for v in frame[c].tolist()
                        if v is not None]
    return out


def leaks(at: AppTest) -> list[str]:
    outlets = _outlets()
    found = []
    for where, text in shown_text(at):
        text = text.replace("\\", "")
        for name in outlets:
            text = text.replace(name, " ")
        words = english_words(text, numbers_allowed="source-arabic" in where)
        if words:
            found.append(f"{where}: {sorted(set(words))} in {text[:90]!r}")
    return found


PAGES = [
    ("map", None, {"date": "2017-10-15"}),
    ("zone-idlib", "pages/zone.py", {"zone": "idlib", "date": "2017-10-15"}),
    ("zone-south", "pages/zone.py", {"zone": "south", "date": "2018-08-01"}),
    ("timeline", "pages/timeline.py", {}),
    ("forces", "pages/forces.py", {}),
    ("articles", "pages/articles.py", {}),
    ("reader", "pages/articles.py", {"article": "004_e62c1ba707bd6d3d"}),
    ("about", "pages/about.py", {}),
    # ?scene= numbers scenes as the briefing shows them, from 1 (issue 13).
    ("briefing-overview", "pages/briefing.py", {"scene": "1"}),
    ("briefing-zone", "pages/briefing.py", {"scene": "2", "date": "2017-12-01"}),
    ("briefing-timeline", "pages/briefing.py", {"scene": "6"}),
    ("add", "pages/add.py", {}),
]


@pytest.mark.parametrize(("name", "page", "params"), PAGES, ids=[p[0] for p in PAGES])
def test_arabic_page_has_no_english_interface_text(name: str, page: str | None,
                                                   params: dict[str, str]) -> None:
    at = run_ar(page, **params)
    assert leaks(at) == []


def test_arabic_add_article_preview_is_arabic() -> None:
    at = run_ar("pages/add.py")
    at.radio(key="add_source").set_value("paste_text").run()
    at.text_area[0].set_value("عنوان تجريبي عن الغوطة\nقالت مصادر إن منطقة خفض التصعيد في "
                              "الغوطة الشرقية شهدت هدوءا يوم ١٢ أيار ٢٠١٧.").run()
    assert not at.exception
    assert at.dataframe, "the preview table is shown"
    assert leaks(at) == []


def test_the_checker_catches_english() -> None:
    """The scan itself can fail: English labels, raw ids and Latin digits-free words count."""
    assert english_words("الوضع: in-force") == ["in-force"]
    assert english_words("Area") == ["Area"]
    assert english_words("مصدر GeoJSON و`geo/zones.geojson` https://x.org/a 000_ab12") == []
    assert english_words("المساحة 6,986 كم²") == ["6,986"]
    assert english_words("المساحة ٦٬٩٨٦ كم² · ADM1 v02") == []


def test_reader_lines_use_the_arabic_separator() -> None:
    # A middle dot beside Arabic-Indic digits reads as a zero (٠): Arabic lines join with a bar.
    from geo import articles as art
    from geo import paths
    from geo.index import open_index

    idx = open_index(paths.SEEDS_DIR)  # in the tests' temporary index folder (conftest)
    if idx.needs_update():
        idx.update()
    aid = "004_e62c1ba707bd6d3d"
    file_line = [line for line in art.reader_view(idx, aid, {}, "ar")["meta_md"].splitlines()
                 if aid in line]
    assert file_line and " | " in file_line[0] and "·" not in file_line[0]
    assert " · " in next(line for line in art.reader_view(idx, aid, {}, "en")["meta_md"]
                         .splitlines() if aid in line)
    item = art.article_item(idx.record(aid), idx.seeds_dir)
    places = [h.title for h in art._highlights(item, None, "ar") if h.css_class == "place"]
    assert places and all("·" not in p and " | " in p for p in places)


def test_the_reader_writes_the_publication_date_as_an_editor_would() -> None:
    """«١٤ أيلول (سبتمبر) ٢٠١٧», not ISO in Arabic-Indic digits; and the date's confidence is
    labelled as such (the line read "How the date was established: (confidence 0.95)", its
    method shown only further down)."""
    from geo import articles as art
    from geo import paths
    from geo.index import open_index

    idx = open_index(paths.SEEDS_DIR)
    if idx.needs_update():
        idx.update()
    aid = "003_a90b33b46d004e9f"
    ar = [line.strip() for line in art.reader_view(idx, aid, {}, "ar")["meta_md"].splitlines()]
    assert ar[0] == "**تاريخ النشر:** ١٤ أيلول (سبتمبر) ٢٠١٧"
    assert "**درجة الثقة بالتاريخ:** ٠٫٩٥" in ar
    en = [line.strip() for line in art.reader_view(idx, aid, {}, "en")["meta_md"].splitlines()]
    assert en[0] == "**Published:** 2017-09-14" and "**Confidence in the date:** 0.95" in en
    hits = art.search_hits(idx.search("ادلب", per_page=50), {}, "ar")
    assert any("١٤ أيلول (سبتمبر) ٢٠١٧" in h["meta_md"] for h in hits)
    assert not any("٢٠١٧-" in h["meta_md"] for h in hits)
