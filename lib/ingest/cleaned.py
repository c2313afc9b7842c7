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

# Share widgets: a line of sharing targets, with or without "Share (this):" before them.
_SHARE_WORDS = frozenset(
    """share shares this article post story page on via facebook twitter x email e-mail mail print
    whatsapp linkedin reddit telegram line copy link pinterest tumblr mastodon bluesky threads
    flipboard messenger sms""".split()
)
_SHARE_TARGETS = frozenset({"facebook", "twitter", "email", "e-mail", "whatsapp", "linkedin", "reddit",
                            "telegram", "pinterest", "print", "mastodon", "bluesky", "x"})
_MD_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
# Separators between the items of a menu line: a bar, a middle dot, a bullet, or a run of spaces.
_MENU_SEP = re.compile(r"\s*[|·•»›]\s*|\s{2,}|\t+")


def is_share_line(line: str) -> bool:
    """True for a line of share buttons: "Share this: Facebook Twitter Email", "Facebook | X | Print"."""
    words = re.findall(r"[\w-]+", _MD_LINK.sub(r" \1 ", line).lower())
    return (2 <= len(words) <= 16 and all(w in _SHARE_WORDS for w in words)
            and sum(w in _SHARE_TARGETS for w in words) >= 2)


def is_menu_line(line: str) -> bool:
    """True for a navigation line: three or more short items and no prose.

    Items are separated by bars, middle dots, bullets or runs of spaces ("Home | Speeches |
    Press Releases", "Home   News   Politics"), or are Markdown links side by side ("[Advertise](/a)
    [Buy the paper](/b) [Contact us](/c)"). An item is one to four words starting with a capital
    letter; a sentence (a full stop, a verb-sized item) is never a menu.
    """
    text = line.strip().strip("*_#>").strip()
    if not text or len(text) > 200:
        return False
    links = _MD_LINK.findall(text)
    if len(links) >= 3:
        rest = _MD_LINK.sub("", text)
        if not re.sub(r"[\s|·•»›*_\-–—,]+", "", rest):
            return all(0 < len(t.split()) <= 4 for t in links)
    items = [i for i in _MENU_SEP.split(_MD_LINK.sub(r"\1", text)) if i.strip()]
    if len(items) < 3:
        return False
    return all(len(i.split()) <= 4 and i.strip()[:1].isupper() and not i.rstrip().endswith((".", ",", ";", ":", "?", "!"))
               for i in items)


def is_furniture(line: str) -> bool:
    """True if a whole line is web furniture (see the module docstring)."""
    stripped = line.strip().strip("*_#> ").strip()
    if not stripped or len(stripped) >= 300:
        return False
    return bool(_FURNITURE_LINE.match(stripped)) or is_share_line(stripped) or is_menu_line(line)
