"""Cleaned text for analysis: furniture dropped, Markdown markup removed, structure kept.

The cleaned text is a sequence of blocks (paragraphs and headings) separated by a blank
line. Every character of it maps back to the source (:mod:`lib.ingest.offsets`), so a passage
found in the cleaned text can be shown in the file as received.

Rules are general, not a list of one site's lines: a line is furniture when it *is* a
cookie notice, a "related articles" / "continue to the category" / share / subscribe
widget, or a "to contact us visit" footer (with the bare link that follows it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lib.ingest.cleaned import Block, Cleaned, is_furniture
from lib.ingest.html_text import clean_html
from lib.ingest.lexicon import is_english_word
from lib.ingest.offsets import TextBuilder
from lib.words import iter_words

# A line that is nothing but a link/URL (the target of a "contact us" footer, a lone share link).
_BARE_LINK = re.compile(r"^[\s*_]*(?:\[[^\]]*\]\([^)]*\)|<?https?://\S+>?|(?:www\.)?[\w-]+(?:\.[\w-]+)+/\S*)[\s*_]*$")
# A date line such as "date 2025-02-14", "Published: 2023-11-02", "Posted on 12/05/2024";
# the date is metadata, not prose. Only a leading occurrence is stripped.
DATE_LINE = re.compile(
    r"""^\s*(?:date|dated|published(?:\s+on)?|posted(?:\s+on)?|updated(?:\s+on)?)\s*:?\s*
        (?P<date>\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|[A-Z][a-z]+\s+\d{1,2},?\s+\d{4})
        \b[\s.,:|-]*""",
    re.X | re.I,
)


# --- Markdown / plain text -------------------------------------------------------------

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+")
_HEADING_TAIL = re.compile(r"\s+#+\s*$")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_BULLET = re.compile(r"^\s{0,3}[-*+]\s+")
_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
_LINK = re.compile(r"(!?\[)([^\]\n]*)(\]\([^)\s]*(?:\s+\"[^\"]*\")?\))")
_AUTOLINK = re.compile(r"(<)(https?://[^>\s]+)(>)")
_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,3})(?=\S)(.+?)(?<=\S)\1(?![\w*])|(?<![\w_])(_{1,3})(?=\S)(.+?)(?<=\S)\3(?![\w_])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")
_CODE = re.compile(r"(`+)([^`\n]+?)\1")


def _markup_mask(line: str) -> list[bool]:
    """Which characters of a line are Markdown markup to drop (True = drop)."""
    drop = [False] * len(line)

    def mark(a: int, b: int) -> None:
        for k in range(a, b):
            drop[k] = True

    for pattern in (_HEADING, _QUOTE, _BULLET):
        m = pattern.match(line)
        if m:
            mark(0, m.end())
    m = _HEADING_TAIL.search(line) if _HEADING.match(line) else None
    if m:
        mark(m.start(), m.end())
    for m in _LINK.finditer(line):
        mark(m.start(1), m.end(1))
        mark(m.start(3), m.end(3))
    for m in _AUTOLINK.finditer(line):
        mark(m.start(1), m.end(1))
        mark(m.start(3), m.end(3))
    for m in _CODE.finditer(line):
        mark(m.start(1), m.end(1))
        mark(m.end(2), m.end())
    escaped = set()
    for m in _ESCAPE.finditer(line):
        drop[m.start()] = True
        escaped.add(m.start() + 1)
    # Emphasis is matched on the line with markup blanked and escaped characters replaced
    # by a placeholder, so `\*` stays a literal asterisk.
    masked = "".join("\x00" if d else "\x01" if k in escaped else ch for k, (ch, d) in enumerate(zip(line, drop)))
    for m in _EMPHASIS.finditer(masked):
        g = 1 if m.group(1) else 3
        mark(m.start(g), m.end(g))
        mark(m.end(g + 1), m.end())
    return drop


_MARKUP_CHARS = re.compile(r"[#>*_\[`<\\+-]")


def _kept_runs(line: str, offset: int) -> list[tuple[int, int]]:
    """Runs ``[a, b)`` of the line to keep: markup dropped, outer whitespace trimmed."""
    if _MARKUP_CHARS.search(line):  # the per-character mask only where markup may be
        drop = _markup_mask(line)
        keep = [k for k in range(offset, len(line)) if not drop[k]]
    else:
        keep = list(range(offset, len(line)))
    while keep and line[keep[0]].isspace():
        keep.pop(0)
    while keep and line[keep[-1]].isspace():
        keep.pop()
    runs: list[tuple[int, int]] = []
    for k in keep:
        if runs and runs[-1][1] == k:
            runs[-1] = (runs[-1][0], k + 1)
        else:
            runs.append((k, k + 1))
    return runs


@dataclass
class _Line:
    """A kept source line before it is emitted: where it is and what of it is kept."""

    index: int  # position among the source's lines (consecutive lines may be one paragraph)
    start: int  # source offset of the line
    runs: list[tuple[int, int]]  # kept runs, relative to the line
    kind: str  # "heading" | "paragraph"
    line: str  # the line without its newline

    @property
    def kept(self) -> str:
        return "".join(self.line[a:b] for a, b in self.runs)


# Line-end hyphenation: a line ending in letters + one hyphen, the next starting with a letter.
_BROKEN_END = re.compile(r"([^\W\d_]+)-$")
_LETTERS_START = re.compile(r"[^\W\d_]+")
# A line that ends a sentence or a clause (the next line is not its continuation).
_TERMINAL = re.compile(r"[.!?:;]['\"”’)\]*_]*$")
# Words that follow a suspended hyphen ("long-" / "and short-term"): never part of the broken word.
_SUSPENDED = frozenset({"and", "or", "nor", "to", "as", "than", "versus", "vs"})
_STRUCTURE = (_HEADING, _BULLET, _QUOTE)
_WRAPPED_TITLE = 60  # a first line at least this long that runs on in lower case is wrapped prose
_BYLINE = re.compile(r"by\b", re.I)
HYPHEN_DROP, HYPHEN_KEEP, SOFT_WRAP = "drop", "keep", "wrap"


def _collect_lines(source: str, dropped: list[str]) -> list[_Line]:
    """The lines to keep (furniture, rules and a leading date line left out), with their runs."""
    lines: list[_Line] = []
    pos = 0
    after_contact = False
    for index, raw_line in enumerate(source.splitlines(keepends=True)):
        line_start = pos
        pos += len(raw_line)
        line = raw_line.rstrip("\r\n")
        if not line.strip() or _RULE.match(line):
            continue
        if is_furniture(line):
            dropped.append(line.strip())
            after_contact = bool(re.search(r"\b(?:visit|at)\s*:?\s*$", line.strip(), re.I))
            continue
        if after_contact and _BARE_LINK.match(line):
            dropped.append(line.strip())
            continue
        after_contact = False
        offset = 0
        if not lines:
            m = DATE_LINE.match(line)
            if m:
                offset = m.end()
                dropped.append(line[: m.end()].strip())
                if not line[offset:].strip():
                    continue
        runs = _kept_runs(line, offset)
        if not runs:
            continue
        kind = "heading" if _HEADING.match(line) or _looks_like_title(line, not lines) else "paragraph"
        lines.append(_Line(index, line_start, runs, kind, line))
    return lines


class _DocumentWords:
    """The document's own words, lower-cased (read only when a line ends in a hyphen)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._words: set[str] | None = None

    def __contains__(self, word: str) -> bool:
        if self._words is None:
            self._words = {m.group().lower() for m in iter_words(self.source)}
        return word.lower() in self._words


def _join(prev: _Line, line: _Line, words: _DocumentWords) -> str | None:
    """How ``line`` continues ``prev`` (the line just before it in the source), or None.

    * HYPHEN_DROP: "govern-" + "ment" → "government", when the joined letters are a word
      (:func:`lib.ingest.lexicon.is_english_word`, or used unbroken elsewhere in the text)
      and the hyphenated spelling is not used elsewhere ("co-operation" keeps its hyphen);
    * HYPHEN_KEEP: "non-" + "imperialist" → "non-imperialist", "Indo-" + "Pacific";
    * SOFT_WRAP: a line that neither ends a sentence nor starts with a capital, digit or
      Markdown marker is the rest of the previous one (a hard-wrapped paragraph);
    * None: a new block. Headings, bullets, quotes and Markdown hard breaks (two trailing
      spaces, a trailing backslash) always start one, so a headline, byline or date line
      stays its own unit.
    """
    if line.index != prev.index + 1 or _HEADING.match(prev.line) or any(p.match(line.line) for p in _STRUCTURE):
        return None
    if prev.line.endswith(("  ", "\\")):
        return None
    before, after = prev.kept, line.kept
    broken = _BROKEN_END.search(before)
    first = _LETTERS_START.match(after)
    if broken and first:  # no title ends in a broken word: a first line may be joined too
        left, right = broken.group(1), first.group()
        if right.lower() in _SUSPENDED:
            return SOFT_WRAP if right[0].islower() else None
        if right[0].islower() and f"{left}-{right}" not in words and (
                is_english_word(left + right) or (left + right) in words):
            return HYPHEN_DROP
        return HYPHEN_KEEP
    if not after[:1].islower() or _TERMINAL.search(before):
        return None
    # A short first line read as the title stays one ("Ukraine war" / "by Tom Peters"); a long
    # one that runs on in lower case is the start of a wrapped paragraph.
    if prev.kind == "heading" and (len(before) < _WRAPPED_TITLE or _BYLINE.match(after)):
        return None
    return SOFT_WRAP


def _clean_lines(source: str) -> Cleaned:
    builder = TextBuilder()
    blocks: list[Block] = []
    dropped: list[str] = []
    lines = _collect_lines(source, dropped)
    words = _DocumentWords(source)
    joins = [None] + [_join(a, b, words) for a, b in zip(lines, lines[1:])]
    block_start, block_kind = 0, "paragraph"
    prev_end = 0  # source offset just after the last character emitted
    for k, line in enumerate(lines):
        join = joins[k]
        runs = list(line.runs)
        if k + 1 < len(lines) and joins[k + 1] == HYPHEN_DROP:
            a, b = runs[-1]  # the hyphen is the line's last kept character: leave it out
            runs[-1:] = [(a, b - 1)] if b - 1 > a else []
        if join is None:
            if k:
                blocks.append(Block(block_start, builder.length, block_kind))
                builder.replace("\n\n", line.start, 0)
            block_start, block_kind = builder.length, line.kind
        else:
            block_kind = "paragraph"  # a line that runs on is prose, whatever its first line looked like
        if join == SOFT_WRAP:
            # One space stands for the line break (and any indentation) it replaces.
            first = line.start + runs[0][0] if runs else line.start
            builder.replace(" ", prev_end, max(first - prev_end, 0))
        for a, b in runs:
            builder.copy(source, line.start + a, line.start + b)
        if runs:
            prev_end = line.start + runs[-1][1]
    if lines:
        blocks.append(Block(block_start, builder.length, block_kind))
    return Cleaned(builder.text(), builder.map, blocks, dropped)


def _looks_like_title(line: str, first_block: bool) -> bool:
    # A short opening line without sentence-final punctuation reads as the title.
    s = line.strip()
    return first_block and 0 < len(s) <= 140 and not s.endswith((".", ",", ";", ":")) and len(s.split()) >= 2


def clean_text(text: str, *, fmt: str = "txt") -> Cleaned:
    """Clean a decoded document for analysis.

    Args:
        text: the decoded source text (BOM removed, newlines as received).
        fmt: "txt", "md" or "html". Plain text is read as Markdown too: saved articles
            often carry ``#`` headings and ``*emphasis*`` in a ``.txt`` file.

    Returns:
        A :class:`Cleaned` whose ``offsets`` map cleaned offsets to ``text`` offsets.
    """
    if fmt == "html":
        return clean_html(text)
    return _clean_lines(text)
