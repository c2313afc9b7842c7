"""lib.ingest.cleaning and lib.ingest.html_text: cleaned text, structure, furniture, offsets back to the source."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lib.ingest.cleaned import detect_format, is_furniture
from lib.ingest.cleaning import clean_text

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"


def roundtrip_ok(source: str, cleaned) -> bool:
    """Every word of the cleaned text maps back to the identical source slice."""
    for m in re.finditer(r"\w+", cleaned.text):
        s, e = cleaned.offsets.to_source_start(m.start()), cleaned.offsets.to_source_end(m.end())
        if source[s:e] != m.group():
            return False
    return True


class TestCleanText:
    def test_markdown_markup_becomes_plain_text(self):
        src = "# A *bold* title\n\nSee [the WSWS](https://wsws.org) and \\*not emphasis\\*.\n"
        c = clean_text(src, fmt="md")
        assert c.text == "A bold title\n\nSee the WSWS and *not emphasis*."
        assert [b.kind for b in c.blocks] == ["heading", "paragraph"]
        assert roundtrip_ok(src, c)

    def test_paragraph_structure_is_kept(self):
        c = clean_text("First para.\nSecond line.\n\n\nThird.", fmt="txt")
        assert c.text.split("\n\n") == ["First para.", "Second line.", "Third."]

    def test_furniture_lines_are_dropped_and_recorded(self):
        src = ("Body text here.\n\nRelated articles\n\nContinue to the category\n\n"
               "This website uses cookies. By continuing to use this site, you accept our use of cookies.\n")
        c = clean_text(src)
        assert c.text == "Body text here."
        assert len(c.dropped) == 3

    def test_contact_footer_and_its_link_are_dropped(self):
        src = "Text.\n\nTo contact the WSWS and the Socialist Equality Party visit:\n\n**[wsws.org/contact](https://wsws.org/contact)**\n"
        assert clean_text(src).text == "Text."

    def test_leading_date_line_is_metadata_not_prose(self):
        c = clean_text(" date 2025-02-14 AS the world crisis develops.")
        assert c.text == "AS the world crisis develops."
        assert c.offsets.to_source_start(0) == 17

    def test_crlf_source_maps_back_exactly(self):
        src = "Trump met Putin.\r\n\r\nMerz did not.\r\n"
        c = clean_text(src)
        assert c.text == "Trump met Putin.\n\nMerz did not."
        i = c.text.index("Merz")
        assert src[c.offsets.to_source_start(i): c.offsets.to_source_end(i + 4)] == "Merz"

    def test_underscores_inside_words_are_not_emphasis(self):
        assert clean_text("snake_case_name stays").text == "snake_case_name stays"


class TestHtml:
    def test_scripts_styles_nav_are_dropped_entities_mapped(self):
        src = ("<html><head><title>T</title><style>p{}</style></head><body><nav><a href=/>Home</a></nav>"
               "<h1>Bush &amp; Putin</h1><p>NATO&#8217;s  expansion\n  continues.</p>"
               "<script>alert(1)</script><footer>Contact</footer></body></html>")
        c = clean_text(src, fmt="html")
        assert c.text == "Bush & Putin\n\nNATO’s expansion continues."
        assert c.blocks[0].kind == "heading"
        assert c.html_meta["title"] == "T"
        i = c.text.index("’")
        s, e = c.offsets.to_source_start(i), c.offsets.to_source_end(i + 1)
        assert src[s:e] == "&#8217;"
        j = c.text.index("Putin")
        assert src[c.offsets.to_source_start(j): c.offsets.to_source_end(j + 5)] == "Putin"

    def test_link_menus_are_furniture(self):
        src = "<table><tr><td><a href=a>Home</a> <a href=b>News</a></td><td><p>The election crisis in Ukraine.</p></td></tr></table>"
        assert clean_text(src, fmt="html").text == "The election crisis in Ukraine."

    @pytest.mark.parametrize("name", ["19_socialistworker-us-ukraine-election-crisis-2004.html",
                                      "20_socialistworker-us-bush-meddles-ukraine-2004.html"])
    def test_real_saved_pages(self, name):
        path = SAMPLES / name
        src = path.read_bytes().decode("cp1252")
        c = clean_text(src, fmt="html")
        assert "Yushchenko" in c.text and "<" not in c.text
        assert roundtrip_ok(src, c)


class TestIsFurniture:
    @pytest.mark.parametrize("line", ["Related articles", "Share this article", "We use cookies to improve your experience",
                                      "Continue to the category", "Tags: war, NATO"])
    def test_furniture(self, line):
        assert is_furniture(line)

    @pytest.mark.parametrize("line", ["Related to this, NATO expanded eastward in 1999 and again in 2004.",
                                      "The cookie industry was nationalised."])
    def test_prose_is_not_furniture(self, line):
        assert not is_furniture(line)


class TestDetectFormat:
    def test_by_extension_and_content(self):
        assert detect_format("a.MD") == "md"
        assert detect_format("page.htm") == "html"
        assert detect_format("noext", "<!DOCTYPE html><html>") == "html"
        assert detect_format("notes.txt", "plain") == "txt"


class TestMenuAndShareLines:
    @pytest.mark.parametrize("line", [
        "Home   News   Politics   Opinion   Video", "Home | Speeches | Press Releases | Parliament | About",
        "[Advertise](/a) [Buy the paper](/b) [Contact us](/c) [Shop](/d)",
        "[America Times](https://a.example/) · [World](https://a.example/w) · [Politics](https://a.example/p)",
        "Share: Facebook | X | Line | Print", "Facebook   Twitter   Reddit", "Share this: Facebook Twitter Email",
    ])
    def test_furniture(self, line):
        assert is_furniture(line)

    @pytest.mark.parametrize("line", [
        "Peace Talks Now – No to the War in Ukraine – No to the Russian Invasion – No to NATO.",
        "Russia, China and Iran", "Sendai, Addis, New York and Paris",
        "In thanking Member States, Mr. Francis said:  “My heart is truly full.”  Education brought him here.",
        "Twitter said on Monday that it would leave the EU code.",
    ])
    def test_prose_is_kept(self, line):
        assert not is_furniture(line)
