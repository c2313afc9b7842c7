"""Turn received bytes into text, refusing what is not text.

Order (DESIGN.md "Decoding"): UTF-8 (with or without BOM) → UTF-16/32 by BOM →
UTF-16/32 without a BOM, recognised by its zero bytes (otherwise NUL bytes mean binary) →
charset-normalizer's best guess → cp1252. A declared iso-8859-1/latin-1 is read as
cp1252, as browsers do (the two differ only in 0x80–0x9F, where latin-1 has control
characters nobody means). The encoding used is recorded, and whether it was guessed.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

MAX_BYTES = 5 * 1024 * 1024  # refuse files over 5 MiB: far above any article, below memory trouble

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Magic numbers of common binary formats that may arrive with a text extension.
_MAGIC = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or a Word/OpenDocument file)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x7fELF": "an executable program",
    b"MZ": "a Windows executable",
    b"\x1f\x8b": "a gzip archive",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office file",
    b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
}

_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_LATIN1_NAMES = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii", "iso_8859-1"}


class RefusedInput(ValueError):
    """Input that cannot be accepted as a document; the message says why, for a person."""


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, with the encoding used and whether it was a guess."""

    text: str
    encoding: str
    guessed: bool = False

    @property
    def note(self) -> str:
        """A sentence for the user when the encoding was not certain, else ''."""
        if not self.guessed:
            return ""
        if self.encoding.startswith(("utf-16", "utf-32")):
            return (f"The file is {self.encoding.upper()} text without a byte-order mark; it was read as such "
                    "(recognised by its zero bytes).")
        return f"The encoding was not declared; it was read as {self.encoding} (a best guess)."


# What a person is told when bytes are not text (zero bytes, control characters): the cause in
# their words, not the byte values (the upload form's users are not programmers).
NOT_TEXT = ("This file does not look like text: it may be a picture, a word-processor document or a program. "
            "Save it as plain text (.txt), Markdown (.md) or a web page (.html) and add that. It was not added.")


def _refuse_binary(raw: bytes) -> None:
    for magic, what in _MAGIC.items():
        if raw.startswith(magic):
            raise RefusedInput(f"This file is {what}, not text; it was not added.")


def decode_bytes(raw: bytes, *, max_bytes: int = MAX_BYTES) -> Decoded:
    """Decode ``raw`` to text, recording how.

    Args:
        raw: the file's bytes as received.
        max_bytes: refuse anything larger (the message names the limit).

    Returns:
        A :class:`Decoded` with the byte-order mark removed and no newline translation.

    Raises:
        RefusedInput: empty, whitespace-only, too large, or binary content.
    """
    if len(raw) > max_bytes:
        raise RefusedInput(
            f"The file is {len(raw) / 1048576:.1f} MB; the limit is {max_bytes / 1048576:.0f} MB."
        )
    if not raw:
        raise RefusedInput("The file is empty.")
    for bom, name in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw[len(bom) :].decode(name.replace("-sig", ""))
            except UnicodeDecodeError as exc:
                raise RefusedInput(f"The file says it is {name.upper().replace('-SIG', '')} text but is not: it may "
                                   "be damaged. It was not added.") from exc
            return _checked(Decoded(text, name))
    _refuse_binary(raw)
    if b"\x00" in raw:
        wide = _wide_without_bom(raw)
        if wide is not None:
            return _checked(wide)
        raise RefusedInput(NOT_TEXT)
    try:
        return _checked(Decoded(raw.decode("utf-8"), "utf-8"))
    except UnicodeDecodeError:
        pass
    declared = _DECLARED_CHARSET.search(raw[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "replace").lower()
        if name in _LATIN1_NAMES:
            name = "cp1252"
        try:
            return _checked(Decoded(raw.decode(name), name))
        except (LookupError, UnicodeDecodeError):
            pass
    return _checked(_guess(raw))


# (encoding, bytes per code unit, positions of the bytes that are zero for Latin text)
_WIDE = (("utf-32-le", 4, (1, 2, 3)), ("utf-32-be", 4, (0, 1, 2)), ("utf-16-le", 2, (1,)), ("utf-16-be", 2, (0,)))


def _wide_without_bom(raw: bytes) -> Decoded | None:
    """UTF-16/32 text saved without a byte-order mark (Windows tools do), recognised by its
    zero bytes: in text that is mostly Latin script, the high byte of most code units is 0."""
    for name, width, zeros in _WIDE:
        if len(raw) % width:
            continue
        sample = raw[: 8192 - 8192 % width]
        units = len(sample) // width
        high_zero = sum(all(sample[i * width + z] == 0 for z in zeros) for i in range(units))
        empty = sum(sample[i * width: (i + 1) * width] == bytes(width) for i in range(units))
        if units == 0 or high_zero < 0.5 * units or empty > 0.01 * units:
            continue
        try:
            text = raw.decode(name)
        except UnicodeDecodeError:
            continue
        printable = sum(1 for ch in text[:4096] if ch.isprintable() or ch in "\t\n\r\f")
        if printable >= 0.95 * len(text[:4096]):
            return Decoded(text, name, guessed=True)
    return None


_COMMON_NON_ASCII = set("“”‘’–—…«»°£€§©®•·\u00a0")


def _plausibility(text: str) -> float:
    """Share of non-ASCII characters that are letters or common typographic marks."""
    extra = [ch for ch in text if ord(ch) > 127]
    if not extra:
        return 1.0
    return sum(1 for ch in extra if ch.isalpha() or ch in _COMMON_NON_ASCII) / len(extra)


def _accented_share(text: str) -> float:
    """Share of letters that are not ASCII."""
    letters = [ch for ch in text if ch.isalpha()]
    return sum(1 for ch in letters if ord(ch) > 127) / len(letters) if letters else 0.0


_RARE_PAGES = ("mac", "cp4", "cp8", "cp7", "ptcp", "hp-", "tis")


def _guess(raw: bytes) -> Decoded:
    candidates: list[tuple[str, str]] = []
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(raw).best()
        if best is not None and best.encoding:
            name = best.encoding.replace("_", "-")
            candidates.append(("cp1252" if name in _LATIN1_NAMES else name, ""))
    except Exception:  # the detector is a nicety; cp1252 below always decodes
        pass
    # On short texts the detector picks exotic code pages (mac-latin2 for French);
    # cp1252, the usual legacy encoding of Western web text, wins when it reads as well.
    try:
        cp = raw.decode("cp1252")
        candidates.insert(0, ("cp1252", cp))
    except UnicodeDecodeError:
        pass
    scored = []
    for name, text in candidates:
        try:
            text = text or raw.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
        # Ties go to cp1252 when it reads as a Western text (few accented letters: French,
        # German, English with a name or two); otherwise to the detector (Cyrillic, Greek
        # read as cp1252 would be nearly all accented letters), unless it chose a rare page.
        western = name == "cp1252" and _accented_share(text) < 0.3
        preferred = western or (name != "cp1252" and not name.startswith(_RARE_PAGES))
        scored.append((_plausibility(text), preferred, western, name, text))
    if scored:
        *_, name, text = max(scored)
        return Decoded(text, name, guessed=True)
    return Decoded(raw.decode("cp1252", errors="replace"), "cp1252", guessed=True)


def _checked(decoded: Decoded) -> Decoded:
    if not decoded.text.strip():
        raise RefusedInput("The file holds only whitespace: there is no text to add.")
    # Control characters other than tab/newline/CR/form feed in bulk mean binary data.
    controls = sum(1 for ch in decoded.text[:20000] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > max(8, len(decoded.text[:20000]) // 100):
        raise RefusedInput(NOT_TEXT)
    return decoded
