"""The shape of a cleaned text (blocks, the offset map) and the furniture test.

Both cleaners, plain/Markdown (:mod:`lib.ingest.cleaning`) and HTML
(:mod:`lib.ingest.html_text`), build these; keeping them here lets ``cleaning`` dispatch to
``html_text`` without the two importing each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePath

from lib.ingest.offsets import OffsetMap

_EXT_FORMAT = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
               ".pdf": "pdf"}


@dataclass(frozen=True)
class Block:
    """A paragraph or heading: ``[start, end)`` in the cleaned text."""

    start: int
    end: int
    kind: str  # "heading" | "paragraph"


@dataclass
class Cleaned:
    """A cleaned text, its map back to the source, its blocks and what was dropped."""

    text: str
    offsets: OffsetMap
    blocks: list[Block] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # furniture lines removed, for the record
    html_meta: dict[str, str] = field(default_factory=dict)  # <title>, <meta> values (HTML; a PDF's title, author)
    pages: list[int] = field(default_factory=list)  # PDF only: where page k+1 starts in ``text``


def detect_format(name: str | PurePath, text: str = "") -> str:
    """Format from the file name's extension; content that starts like HTML counts as HTML."""
    ext = PurePath(str(name)).suffix.lower()
    if ext in _EXT_FORMAT:
        return _EXT_FORMAT[ext]
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html")):
        return "html"
    return "txt"


# --- furniture -----------------------------------------------------------------------

_FURNITURE_LINE = re.compile(
    r"""^(?:
        .*\b(?:uses?|using)\s+cookies\b.*
      | .*\bcookie\s+(?:policy|settings|preferences|consent)\b.*
      | .*\baccept\b.*\bcookies\b.*
      | related\s+(?:articles?|posts?|stories|content|reading)\s*:?
      | (?:read|see)\s+(?:more|also)\s*:?
      | (?:you\s+may\s+also\s+like|more\s+from\s+this\s+author|recommended(?:\s+for\s+you)?)\s*:?
      | continue\s+to\s+the\s+category.*
      | share\s+(?:this(?:\s+(?:article|post|story|page))?|on\s+\w+)\s*:?.*
      | (?:follow\s+us|subscribe|sign\s+up)\b.{0,80}
      | (?:tags?|categories|filed\s+under)\s*:.*
      | (?:print|email)\s+this\s+(?:article|page|post)\s*
      | (?:leave\s+a\s+(?:comment|reply)|\d+\s+comments?|comments?)\s*
      | skip\s+to\s+(?:main\s+)?content
      | back\s+to\s+top
      | (?:to\s+)?contact\s+(?:the\s+|us\b).{0,120}\b(?:visit|at|email|write\s+to)\b.{0,80}:?
    )$""",
    re.I | re.X,
)

def is_furniture(line: str) -> bool:
    """True if a whole line is web furniture (see the module docstring)."""
    stripped = line.strip().strip("*_#> ").strip()
    return bool(stripped) and len(stripped) < 300 and bool(_FURNITURE_LINE.match(stripped))
