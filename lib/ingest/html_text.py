"""Main text of a saved web page, with every character mapped back to the HTML source.

We parse with the standard library's tokenizer (``html.parser``) rather than a DOM
library because it reports where each piece of text sits in the source, which is what
lets ``python -m lib annotate page.html`` give offsets into the HTML and lets the
reader show a passage in the page as received. Nothing in the page is ever executed:
scripts, styles, frames and forms are skipped, and the result is plain text.

Furniture is dropped by structure (``nav``, ``header``, ``footer``, ``aside``, forms,
scripts) and by content: blocks that are mostly link text (menus, "related" lists in
old table layouts) and lines that :func:`lib.ingest.cleaned.is_furniture` recognises.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from lib.ingest.cleaned import Block, Cleaned, is_furniture
from lib.ingest.offsets import TextBuilder

_SKIP = {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
         "button", "select", "option", "svg", "iframe", "object", "embed", "head", "textarea", "canvas"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
         "track", "wbr"}
_BLOCK = {"p", "div", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "table", "tr", "td",
          "th", "section", "article", "main", "blockquote", "pre", "dd", "dt", "dl", "figure", "figcaption",
          "address", "center", "body", "html", "caption", "tbody", "thead"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_WS = re.compile(r"\s+")


class _Extractor(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0]
        for m in re.finditer("\n", source):
            self.line_starts.append(m.end())
        self.skip_depth = 0
        self.skip_stack: list[str] = []
        self.blocks: list[list[tuple[str, int, int, bool]]] = [[]]  # pieces: (text, src, src_len, in_link)
        self.block_kinds: list[str] = ["paragraph"]
        self.link_depth = 0
        self.heading_depth = 0
        self.meta: dict[str, str] = {}
        self.in_title = False
        self.title_parts: list[str] = []

    def _abs(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _new_block(self, kind: str = "paragraph") -> None:
        if self.blocks[-1]:
            self.blocks.append([])
            self.block_kinds.append(kind)
        else:
            self.block_kinds[-1] = kind

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            a = {k.lower(): (v or "") for k, v in attrs}
            key = (a.get("name") or a.get("property") or "").lower()
            if key and a.get("content"):
                self.meta[key] = a["content"]
        if tag == "title":
            self.in_title = True
        if tag in _SKIP and tag not in _VOID:
            self.skip_stack.append(tag)
            return
        if self.skip_stack:
            return
        if tag in _BLOCK:
            self._new_block("heading" if tag in _HEADINGS else "paragraph")
        if tag in _HEADINGS:
            self.heading_depth += 1
        if tag == "a":
            self.link_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if self.skip_stack:
            if tag == self.skip_stack[-1]:
                self.skip_stack.pop()
            elif tag in self.skip_stack:  # unbalanced markup: close up to the match
                while self.skip_stack and self.skip_stack.pop() != tag:
                    pass
            return
        if tag in _HEADINGS and self.heading_depth:
            self.heading_depth -= 1
        if tag == "a" and self.link_depth:
            self.link_depth -= 1
        if tag in _BLOCK:
            self._new_block()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(html.unescape(data))
        if self.skip_stack or not data:
            return
        self.blocks[-1].append((data, self._abs(), len(data), self.link_depth > 0))
        if self.heading_depth:
            self.block_kinds[-1] = "heading"

    def _ref(self, text: str, length: int) -> None:
        if self.in_title:
            self.title_parts.append(text)
        if self.skip_stack:
            return
        self.blocks[-1].append((text, self._abs(), length, self.link_depth > 0))

    def handle_entityref(self, name: str) -> None:
        raw = f"&{name};"
        start = self._abs()
        length = len(raw) if self.source.startswith(raw, start) else len(raw) - 1
        self._ref(html.unescape(self.source[start : start + length]), length)

    def handle_charref(self, name: str) -> None:
        raw = f"&#{name};"
        start = self._abs()
        length = len(raw) if self.source.startswith(raw, start) else len(raw) - 1
        self._ref(html.unescape(self.source[start : start + length]), length)


def _is_link_menu(pieces: list[tuple[str, int, int, bool]]) -> bool:
    """A block whose visible text is mostly links is navigation, not prose."""
    total = sum(len(t.strip()) for t, *_ in pieces)
    linked = sum(len(t.strip()) for t, _, _, in_link in pieces if in_link)
    return total > 0 and linked / total > 0.6


def clean_html(source: str) -> Cleaned:
    """Extract the main text of an HTML document (see the module docstring)."""
    parser = _Extractor(source)
    parser.feed(source)
    parser.close()
    builder = TextBuilder()
    blocks: list[Block] = []
    dropped: list[str] = []
    for pieces, kind in zip(parser.blocks, parser.block_kinds):
        visible = "".join(t for t, *_ in pieces)
        if not visible.strip():
            continue
        if _is_link_menu(pieces) or is_furniture(_WS.sub(" ", visible)):
            dropped.append(_WS.sub(" ", visible).strip())
            continue
        if blocks:
            builder.replace("\n\n", pieces[0][1], 0)
        start = builder.length
        pending_space: tuple[int, int] | None = None  # (src_start, src_len) of a whitespace run
        for text, src, src_len, _ in pieces:
            if len(text) != src_len:  # an entity: one replacement
                if pending_space and builder.length > start:
                    builder.replace(" ", *pending_space)
                pending_space = None
                if text.isspace():
                    pending_space = (src, src_len)
                else:
                    builder.replace(text, src, src_len)
                continue
            k = 0
            for m in _WS.finditer(text):
                if m.start() > k:
                    if pending_space and builder.length > start:
                        builder.replace(" ", *pending_space)
                    pending_space = None
                    builder.copy(source, src + k, src + m.start())
                pending_space = (src + m.start(), m.end() - m.start()) if pending_space is None else (
                    pending_space[0], src + m.end() - pending_space[0])
                k = m.end()
            if k < len(text):
                if pending_space and builder.length > start:
                    builder.replace(" ", *pending_space)
                pending_space = None
                builder.copy(source, src + k, src + len(text))
        if builder.length > start:
            blocks.append(Block(start, builder.length, kind))
    meta = {k: _WS.sub(" ", v).strip() for k, v in parser.meta.items()}
    title = _WS.sub(" ", "".join(parser.title_parts)).strip()
    if title:
        meta["title"] = title
    return Cleaned(builder.text(), builder.map, blocks, dropped, meta)
