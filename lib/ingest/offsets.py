"""A map from offsets in a cleaned text back to the source it was cleaned from.

The cleaned text is assembled from pieces: slices copied from the source (one cleaned
character per source character) and replacements (an entity ``&amp;`` → ``&``, a CRLF or a
run of spaces → one character, an inserted paragraph break with no source at all). Each
piece is a segment ``(clean_start, clean_len, src_start, src_len)``; copied segments map
linearly, replacements map their start to the replaced source's start and their end to
its end, so a span never cuts an entity in half.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass
class OffsetMap:
    """Segments of a cleaned text and where each came from in the source."""

    clean_starts: list[int] = field(default_factory=list)
    clean_lens: list[int] = field(default_factory=list)
    src_starts: list[int] = field(default_factory=list)
    src_lens: list[int] = field(default_factory=list)

    def add(self, clean_start: int, clean_len: int, src_start: int, src_len: int) -> None:
        """Append a segment; segments must be added in cleaned-text order."""
        if clean_len <= 0:
            return
        self.clean_starts.append(clean_start)
        self.clean_lens.append(clean_len)
        self.src_starts.append(src_start)
        self.src_lens.append(src_len)

    def _segment(self, clean_offset: int) -> int:
        return max(0, bisect.bisect_right(self.clean_starts, clean_offset) - 1)

    def to_source_start(self, clean_offset: int) -> int:
        """Source offset where a span starting at ``clean_offset`` starts."""
        if not self.clean_starts:
            return clean_offset
        k = self._segment(clean_offset)
        c0, cl, s0, sl = self.clean_starts[k], self.clean_lens[k], self.src_starts[k], self.src_lens[k]
        if clean_offset >= c0 + cl:  # past the end of the text
            return s0 + sl
        return s0 + (clean_offset - c0) if cl == sl else s0

    def to_source_end(self, clean_offset: int) -> int:
        """Source offset (exclusive) where a span ending at ``clean_offset`` ends."""
        if not self.clean_starts:
            return clean_offset
        if clean_offset <= 0:
            return self.src_starts[0]
        k = self._segment(clean_offset - 1)
        c0, cl, s0, sl = self.clean_starts[k], self.clean_lens[k], self.src_starts[k], self.src_lens[k]
        if clean_offset > c0 + cl:
            return s0 + sl
        return s0 + (clean_offset - c0) if cl == sl else s0 + sl

class TextBuilder:
    """Builds a cleaned text and its :class:`OffsetMap` piece by piece."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.map = OffsetMap()

    def copy(self, source: str, start: int, end: int) -> None:
        """Append ``source[start:end]`` unchanged."""
        if end > start:
            self._emit(source[start:end], start, end - start)

    def replace(self, text: str, src_start: int, src_len: int) -> None:
        """Append ``text`` standing for ``src_len`` source characters at ``src_start``."""
        if text:
            self._emit(text, src_start, src_len)

    def _emit(self, text: str, src_start: int, src_len: int) -> None:
        # Merge with the previous copied segment when contiguous, to keep the map small.
        m = self.map
        if (
            m.clean_starts
            and len(text) == src_len
            and m.clean_lens[-1] == m.src_lens[-1]
            and m.src_starts[-1] + m.src_lens[-1] == src_start
        ):
            m.clean_lens[-1] += len(text)
            m.src_lens[-1] += src_len
        else:
            m.add(self.length, len(text), src_start, src_len)
        self.parts.append(text)
        self.length += len(text)

    def text(self) -> str:
        return "".join(self.parts)
