"""lib.ingest.decoding: bytes → text, or a clear refusal."""

from __future__ import annotations

import codecs

import pytest

from lib.ingest.decoding import RefusedInput, decode_bytes


class TestDecodeBytes:
    def test_utf8_without_bom(self):
        d = decode_bytes("Zelensky’s “peace”".encode())
        assert d.text == "Zelensky’s “peace”" and d.encoding == "utf-8" and not d.guessed

    def test_utf8_bom_is_removed_from_text(self):
        d = decode_bytes(codecs.BOM_UTF8 + b"NATO")
        assert d.text == "NATO" and d.encoding == "utf-8-sig"

    def test_utf16_with_bom(self):
        d = decode_bytes(codecs.BOM_UTF16_LE + "Kyiv – Київ".encode("utf-16-le"))
        assert d.text == "Kyiv – Київ" and d.encoding == "utf-16-le"

    def test_declared_latin1_is_read_as_cp1252(self):
        raw = b'<meta charset="iso-8859-1"><p>\x93quoted\x94 caf\xe9</p>'
        d = decode_bytes(raw)
        assert "“quoted” café" in d.text and d.encoding == "cp1252"

    def test_undeclared_legacy_bytes_are_guessed_and_said_so(self):
        d = decode_bytes("Le café était fermé à Paris, disait-il, pendant la grève générale.".encode("cp1252"))
        assert "café" in d.text and d.guessed and "guess" in d.note

    def test_crlf_is_not_translated(self):
        assert decode_bytes(b"a\r\nb").text == "a\r\nb"

    @pytest.mark.parametrize("raw, words", [
        (b"", "empty"),
        (b"   \n\t  ", "whitespace"),
        (b"%PDF-1.7 binary", "PDF"),
        (b"\x89PNG\r\n\x1a\n....", "PNG"),
        (b"abc\x00def", "does not look like text"),
    ])
    def test_refusals_say_why(self, raw, words):
        with pytest.raises(RefusedInput, match=words):
            decode_bytes(raw)

    def test_size_limit_is_named(self):
        with pytest.raises(RefusedInput, match="limit is 1 MB"):
            decode_bytes(b"a" * (1024 * 1024 + 1), max_bytes=1024 * 1024)


class TestGuessing:
    @pytest.mark.parametrize("text, encoding", [
        ("Le colonel Goïta a reçu la délégation à Bamako, où la junte gouverne depuis 2021.", "cp1252"),
        ("Война в Украине продолжается, заявил министр обороны России в понедельник.", "cp1251"),
    ])
    def test_legacy_code_pages(self, text, encoding):
        d = decode_bytes(text.encode(encoding))
        assert d.text == text and d.guessed
