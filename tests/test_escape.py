"""Escaping in one place: hostile text must come out inert, in Arabic and Latin alike."""

from __future__ import annotations

import pytest

from geo.escape import (
    Highlight,
    TrustedHTML,
    esc,
    highlight_text,
    html_table,
    html_tag,
    join_html,
    rtl_block,
)

PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "${alert(1)}",
    "`;alert(1);`",
    "إدلب <script>alert('x')</script> ${document.cookie}",
    'مقال "قسم" <b onmouseover=alert(1)>',
    "back\\`slash",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_esc_leaves_no_markup_or_template_syntax(payload: str) -> None:
    out = esc(payload)
    assert "<" not in out and ">" not in out
    assert "${" not in out and "`" not in out and "\\" not in out
    assert '"' not in out


def test_esc_keeps_arabic_text_readable() -> None:
    assert esc("منطقة خفض التصعيد في إدلب") == "منطقة خفض التصعيد في إدلب"


def test_trusted_fragments_are_not_escaped_twice() -> None:
    inner = html_tag("b", "<x>")
    assert inner == "<b>&lt;x&gt;</b>"
    assert html_tag("div", inner) == "<div><b>&lt;x&gt;</b></div>"
    assert join_html([inner, "<y>"]) == "<b>&lt;x&gt;</b>&lt;y&gt;"
    assert isinstance(join_html([]), TrustedHTML)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_html_table_escapes_every_cell_and_marks_missing_values(payload: str) -> None:
    out = html_table(["zone", payload], [[payload, 3, None], ["b", float("nan"), payload]],
                     css_class="t")
    assert isinstance(out, TrustedHTML)
    assert out.startswith('<table class="t"><thead><tr><th scope="col">zone</th>')
    assert "<script" not in out and "<img" not in out and "<b " not in out and "${" not in out
    assert out.count("<tr>") == 3 and out.count('<th scope="row">') == 2
    assert out.count("<td>\u2014</td>") == 2 and "<td>3</td>" in out


def test_highlight_text_marks_spans_and_escapes_everything_else() -> None:
    text = "قال <script>x</script> إن إدلب منطقة"
    start = text.index("إدلب")
    out = highlight_text(text, [Highlight(start, start + 4, "zone", title='a"b')])
    assert '<mark class="zone" title="a&quot;b">إدلب</mark>' in out
    assert "&lt;script&gt;" in out and "<script>" not in out


def test_highlight_text_drops_overlaps_without_losing_characters() -> None:
    text = "abcdefgh"
    out = highlight_text(text, [Highlight(1, 5, "a"), Highlight(3, 7, "b"), Highlight(6, 8, "c")])
    assert out == 'a<mark class="a">bcde</mark>f<mark class="c">gh</mark>'


def test_rtl_block_sets_direction_and_language() -> None:
    assert rtl_block("نص") == '<div dir="rtl" lang="ar" class="ar">نص</div>'


def test_md_escape_neutralises_links_images_and_html() -> None:
    from geo.escape import md_escape

    out = md_escape("![x](http://evil.example/x.png) [a](javascript:alert(1)) <b>**bold**</b>")
    assert "](" not in out.replace("\\]\\(", "")
    assert "\\!\\[x\\]\\(http\\:" in out
    assert "\\<b\\>" in out and "\\*\\*bold" in out


def test_safe_url_keeps_only_http() -> None:
    from geo.escape import safe_url

    assert safe_url("https://tass.com/politics/944911") == "https://tass.com/politics/944911"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("data:text/html,<script>") is None
    assert safe_url('https://x.example/"onmouseover=alert(1)') is None
    assert safe_url("") is None


def test_attribute_text_is_plain_text_with_nothing_that_ends_a_script() -> None:
    from geo.escape import attribute_text

    assert attribute_text("Idlib: In force (guarantors' boundaries agreed)") == \
        "Idlib: In force (guarantors' boundaries agreed)"  # an entity would be read aloud
    hostile = attribute_text('</script><img src=x onerror=alert(1)>`${alert(2)}`\\ &amp;')
    assert not set("<>&`$\\") & set(hostile)
    assert attribute_text(None) == "" and attribute_text("a \n  b") == "a b"
