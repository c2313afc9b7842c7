"""lib.ingest.offsets: cleaned → source mapping for copies, replacements and insertions."""

from __future__ import annotations

from lib.ingest.offsets import TextBuilder


class TestOffsetMap:
    def test_copy_replace_insert(self):
        src = "AT&amp;T  rocks"
        b = TextBuilder()
        b.copy(src, 0, 2)           # "AT"
        b.replace("&", 2, 5)        # "&amp;"
        b.copy(src, 7, 8)           # "T"
        b.replace(" ", 8, 2)        # two spaces → one
        b.replace("\n\n", 10, 0)    # inserted break, no source
        b.copy(src, 10, 15)         # "rocks"
        assert b.text() == "AT&T \n\nrocks"
        m = b.map
        assert (m.to_source_start(0), m.to_source_end(4)) == (0, 8)     # "AT&T" ↔ "AT&amp;T"
        assert (m.to_source_start(2), m.to_source_end(3)) == (2, 7)     # "&" ↔ "&amp;"
        i = b.text().index("rocks")
        assert src[m.to_source_start(i): m.to_source_end(i + 5)] == "rocks"

    def test_to_clean_inverse_for_copied_text(self):
        b = TextBuilder()
        b.copy("xxHello", 2, 7)
