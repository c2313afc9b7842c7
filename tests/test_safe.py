"""lib.safe: hostile strings stay inert in Markdown, HTML and plotly."""

from __future__ import annotations

import pytest

from lib.safe import Span, escape_html, highlight_html, plot_text, safe_label, safe_url, show_invisible

PAYLOADS = ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "[click](javascript:alert(1))",
            "$x^2$", ":red[alarm]", "**bold** _it_ # head", '<iframe srcdoc="<script>alert(1)</script>">']


class TestSafeLabel:
    @pytest.mark.parametrize("payload", PAYLOADS)
    def test_every_markdown_significant_character_is_escaped(self, payload):
        out = safe_label(payload)
        for ch in "<>[]()$:*_#`":
            assert ch not in out.replace("\\" + ch, ""), (payload, out)

    def test_invisible_characters_are_shown(self):
        out = safe_label("abc\u202edef\u200b")
        assert "U\\+202E" in out and "\u202e" not in out and "\u200b" not in out  # renders as [U+202E]

    def test_length_and_newlines(self):
        assert safe_label("a\nb", max_length=None) == "a b"
        assert safe_label("x" * 50, max_length=10).endswith("…")


class TestEscapeHtml:
    def test_quotes_and_tags(self):
        assert escape_html('<a href="x">') == "&lt;a href=&quot;x&quot;&gt;"


class TestPlotText:
    def test_plotly_markup_is_inert(self):
        assert plot_text("<b>NATO</b><br><a href='javascript:x'>") == "&lt;b&gt;NATO&lt;/b&gt;&lt;br&gt;&lt;a href='javascript:x'&gt;"

    def test_long_labels_are_shortened(self):
        assert len(plot_text("w" * 200, max_length=30)) == 30


class TestSafeUrl:
    def test_only_http(self):
        assert safe_url("https://wsws.org/en/x") == "https://wsws.org/en/x"
        assert safe_url("javascript:alert(1)") is None
        assert safe_url("data:text/html,<script>") is None
        assert safe_url('https://x.org/"onmouseover=') is None


class TestHighlightHtml:
    def test_text_is_escaped_and_only_our_marks_are_added(self):
        text = "Trump <script>alert(1)</script> met Putin"
        out = highlight_html(text, [Span(0, 5, "pl-PERSON", "PERSON: Donald Trump"),
                                    Span(text.index("Putin"), len(text), "pl-PERSON", "<b>x</b>")])
        assert "<script>" not in out and "&lt;script&gt;" in out
        assert out.count("<mark") == 2
        assert 'title="&lt;b&gt;x&lt;/b&gt;"' in out

    def test_overlapping_spans_combine_classes(self):
        out = highlight_html("United States", [Span(0, 13, "pl-STATE"), Span(7, 13, "pl-hit")])
        assert '<mark class="pl-STATE" title="">United </mark>' in out
        assert '<mark class="pl-STATE pl-hit" title="">States</mark>' in out

    def test_offset_for_blocks(self):
        out = highlight_html("Merz spoke", [Span(100, 104, "pl-PERSON")], offset=100)
        assert out.startswith('<mark class="pl-PERSON" title="">Merz</mark>')

    def test_invisible_characters_visible_in_reader(self):
        out = highlight_html("a\u202eb", [])
        assert "[U+202E]" in out and "\u202e" not in out

    def test_show_invisible(self):
        assert show_invisible("x\u200by") == "x[U+200B]y"
