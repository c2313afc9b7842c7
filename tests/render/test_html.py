"""The HTML builders (lib/render/html.py): escaped text, our own tags only."""

from __future__ import annotations

import pandas as pd

from lib.ingest.cleaned import Block
from lib.render import html as html_mod
from lib.safe import Span


class TestReaderCss:
    def test_balanced_and_theme_neutral(self):
        css = html_mod.reader_css("#x")
        assert css.count("{") == css.count("}")
        assert "color: inherit" in css
        for label in ("PERSON", "ORG", "STATE", "PLACE", "DEMONYM"):
            assert f"mark.pl-t-{label}" in css



class TestLegendItems:
    def test_order_and_extras(self):
        items = html_mod.legend_items(types=["STATE", "PERSON"], demonyms=True, counts={"STATE": 4},
                                    search="nato", search_hits=2, focus="Russia", focus_hits=3, passage=True)
        assert [(i.css, i.label, i.count) for i in items] == [
            ("pl-actor pl-t-PERSON", "people", 0), ("pl-actor pl-t-STATE", "states", 4),
            ("pl-actor pl-t-DEMONYM", "demonyms", 0), ("pl-hit", "search: nato", 2), ("pl-focus", "Russia", 3),
            ("pl-at", "linked passage", None)]



class TestReaderHtml:
    def test_escapes_text_and_keeps_only_our_tags(self):
        text = '<script>alert("x")</script> Russia\u202e\n\n<img src=x onerror=alert(1)>'
        split = text.index("\n\n")
        blocks = [Block(0, split, "heading"), Block(split + 2, len(text), "paragraph")]
        russia = text.index("Russia")
        html = html_mod.reader_html(text, blocks, [Span(russia, russia + 6, "pl-actor pl-t-STATE", "Russia <b>")],
                                  key="A b",
                                  legend=html_mod.legend_items(types=["STATE"], demonyms=False))
        assert "<script>" not in html and "<img" not in html
        assert "&lt;script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
        assert '<mark class="pl-actor pl-t-STATE" title="Russia &lt;b&gt;">Russia</mark>' in html
        assert "[U+202E]" in html and "\u202e" not in html  # the invisible override is shown, not obeyed
        assert 'id="pl-reader-a-b"' in html
        assert html.count("<h4") == 1 and html.count("<p ") == 1

    def test_empty_page_says_so(self):
        assert "Nothing here." in html_mod.reader_html("", [], [], key="x", empty="Nothing here.")



class TestOriginalHtml:
    def test_preformatted_and_escaped(self):
        html = html_mod.original_html("<b>bold</b>\u200b\r\nline", key="doc")
        assert "<pre" in html and "&lt;b&gt;bold&lt;/b&gt;" in html and "[U+200B]" in html



class TestConcordanceHtml:
    def test_escapes_text_label_and_link(self):
        lines = pd.DataFrame({"doc_id": ["d"], "start": [0], "end": [3], "left": ["<b>"], "keyword": ["war"],
                              "right": [" & <script>alert(1)</script> <img src=x onerror=alert(2)>"]})
        html = html_mod.concordance_html(lines, key="t", hrefs=["./Document?doc=d&at=0"], labels={"d": "<i>X</i>"})
        assert "<b>" not in html and "&lt;script&gt;" in html and "&lt;i&gt;X" in html
        assert "<script" not in html and "<img" not in html and "&lt;img src=x onerror" in html
        assert 'href="./Document?doc=d&amp;at=0"' in html

    def test_escaped_lines_with_sides(self):
        lines = pd.DataFrame({"doc_id": ["a", "b"], "start": [0, 0], "end": [1, 1], "left": ["<i>", "x"],
                              "keyword": ["war", "War"], "right": [" & peace", ""]})
        html = html_mod.concordance_html(lines, key="k", sides={"a": "A", "b": "B"})
        assert "&lt;i&gt;" in html and "&amp; peace" in html and "<i>" not in html
        assert html.count("<tr>") == 2 and '<td class="pl-s">A</td>' in html
        assert 'id="pl-kwic-k"' in html and "Read" not in html  # no links asked for



class TestSideHeadingHtml:
    def test_escaped_and_clamped(self):
        html = html_mod.side_heading_html("A", '<b>"Title"</b>\u202e', key="cmp-a")
        assert 'id="pl-side-cmp-a"' in html and "-webkit-line-clamp: 2" in html
        assert "&lt;b&gt;" in html and "<b>" not in html and "[U+202E]" in html
        assert 'title="&lt;b&gt;' not in html  # the title is not repeated in a tag attribute


class TestNewUser:
    """Issue 16: the concordance on a phone, the reader's scroll script, hits marked."""

    def test_concordance_stacks_on_a_phone(self):
        from lib.render import html as h

        assert "@media (max-width: 640px)" in h.CONCORDANCE_CSS and "flex-wrap: wrap" in h.CONCORDANCE_CSS

    def test_scroll_script_is_ours_and_escaped(self):
        from lib.render import html as h

        tag = h.scroll_to_html('#pl-reader-doc mark.pl-at', 'at:"><script>alert(1)</script>')
        assert tag.startswith(f'<script src="{h.SCROLL_SCRIPT}"') and tag.count("<script") == 1
        assert "&quot;&gt;&lt;script&gt;" in tag

    def test_hits_have_a_wash_and_the_current_one_more(self):
        from lib.render import html as h

        css = h.reader_css("#r")
        assert "mark.pl-hit {outline: 2px solid #D55E00; outline-offset: 0; background-color: rgba(213, 94, 0, 0.22)" in css
        assert "mark.pl-current {background-color: rgba(213, 94, 0, 0.5)" in css
