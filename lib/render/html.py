"""Every HTML builder of the app and its stylesheet: the reader, the concordance, sentence lists.

Each builder takes plain data (texts, :class:`lib.safe.Span` lists, tables) and returns one
HTML string in which every piece of untrusted text went through :mod:`lib.safe` once
(``escape_html`` / ``highlight_html``); the only tags are our own. No Streamlit here: the
pages hand the string to ``st.html`` / ``st.markdown`` (through :mod:`lib.web.ui`).

One stylesheet for highlights: an actor is a translucent wash of its type colour with a
solid underline, a search hit or concordance keyword is outlined in vermilion, the chosen
term or actor in blue, a linked passage has a yellow wash. Text colour is inherited, so the
light and the dark theme both read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from lib.contracts import (
    ACTOR_CLASS,
    ACTOR_TYPES,
    DEMONYM,
    FOCUS_CLASS,
    PASSAGE_CLASS,
    SEARCH_CLASS,
    TYPE_NAMES,
    type_class,
)
from lib.ingest.cleaned import Block
from lib.render.palette import TYPE_COLOURS
from lib.safe import Span, escape_html, highlight_html

HIT_COLOUR = "#D55E00"  # vermilion (Okabe–Ito): search hits, concordance keywords


def _ident(prefix: str, key: str) -> str:
    """An element id from a caller's key (two readers or concordances side by side)."""
    return f"{prefix}-" + (re.sub(r"[^a-z0-9-]", "-", key.lower()) or "x")


def _style(css: str) -> str:
    return f"<style>{css}</style>"


# ---------------------------------------------------------------- the reader

def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r}, {g}, {b}, {alpha})"


def reader_css(scope: str = ".pl-reader") -> str:
    """The reader's stylesheet: text colour inherited (light and dark theme), actors as a
    translucent wash of their type colour with a solid underline, search hits and the chosen
    term outlined, the ``at`` passage with a yellow wash and a left rule."""
    rules = [
        f"{scope} {{line-height: 1.65; font-size: 1rem; overflow-wrap: anywhere;}}",
        f"{scope} p {{margin: 0 0 0.9em 0;}}",
        f"{scope} h4.pl-h {{margin: 0.4em 0 0.6em 0; font-size: 1.15rem; font-weight: 650; line-height: 1.35;}}",
        f"{scope} mark {{color: inherit; background: none; padding: 0 1px; border-radius: 3px;}}",
        f"{scope} .pl-legend {{display: flex; flex-wrap: wrap; gap: 6px 12px; font-size: 0.85rem;"
        " margin: 0 0 0.8em 0; padding-bottom: 0.5em; border-bottom: 1px solid rgba(128,128,128,0.35);}",
        f"{scope} .pl-legend mark {{padding: 1px 6px;}}",
        f"{scope} .pl-pdfpage {{font-size: 0.75rem; opacity: 0.7; margin: 0.2em 0; border-top: 1px dotted"
        " rgba(128,128,128,0.5); text-align: right;}",
        f"{scope} .pl-ctl {{font-family: monospace; font-size: 0.8em; color: #D55E00; border: 1px dashed #D55E00;"
        " border-radius: 3px; padding: 0 2px;}",
        f"{scope} mark.{SEARCH_CLASS} {{outline: 2px solid {HIT_COLOUR}; outline-offset: 0;}}",
        f"{scope} mark.{FOCUS_CLASS} {{font-weight: 650; outline: 2px solid #0072B2;}}",
        f"{scope} mark.{PASSAGE_CLASS} {{background-color: {_rgba('#F0E442', 0.32)};"
        f" text-decoration: underline dotted {_rgba('#E69F00', 0.9)}; text-underline-offset: 4px;}}",
        f"{scope} .pl-empty {{opacity: 0.75; font-style: italic;}}",
    ]
    for label, colour in TYPE_COLOURS.items():
        wash = _rgba(colour, 0.30)
        # background-image, not background-color, so the passage's wash still shows under it.
        rules.append(f"{scope} mark.{type_class(label)} {{background-image: linear-gradient({wash}, {wash});"
                     f" border-bottom: 2px solid {colour};}}")
    return "<style>" + "\n".join(rules) + "</style>"


@dataclass(frozen=True)
class LegendItem:
    """One legend chip: the css classes of the highlight it explains, its label, a count."""

    css: str
    label: str
    count: int | None = None


def legend_items(*, types: Iterable[str], demonyms: bool, counts: dict[str, int] | None = None,
                 search: str | None = None, search_hits: int | None = None, focus: str | None = None,
                 focus_hits: int | None = None, passage: bool = False, search_kind: str = "search") -> list[LegendItem]:
    """The legend for what a reader highlights (types in the fixed order, then extras);
    ``search_kind`` names the outlined hits ("search" on Document, "term" on Compare)."""
    counts = counts or {}
    shown = {str(t).upper() for t in types}
    items = [LegendItem(f"{ACTOR_CLASS} {type_class(t)}", TYPE_NAMES[t], counts.get(t, 0))
             for t in ACTOR_TYPES if t in shown]
    if demonyms:
        items.append(LegendItem(f"{ACTOR_CLASS} {type_class(DEMONYM)}", TYPE_NAMES[DEMONYM], counts.get(DEMONYM, 0)))
    if search:
        items.append(LegendItem(SEARCH_CLASS, f"{search_kind}: {search}", search_hits))
    if focus:
        items.append(LegendItem(FOCUS_CLASS, focus, focus_hits))
    if passage:
        items.append(LegendItem(PASSAGE_CLASS, "linked passage"))
    return items


def reader_html(text: str, blocks: Sequence[Block], spans: Sequence[Span], *, key: str,
                legend: Sequence[LegendItem] = (), empty: str = "No text to show.",
                marks: Mapping[int, int] | None = None) -> str:
    """The reader as one HTML string: every piece of document text escaped by
    :func:`lib.safe.highlight_html`; the only tags are our own (div, p, h4, mark, span).

    Args:
        text: the cleaned text.
        blocks: the blocks to show (a page), in the text's coordinates.
        spans: highlights in the text's coordinates (those outside the blocks are ignored).
        key: a prefix making the element id unique (two readers side by side).
        legend: chips shown above the text.
        empty: the message when there are no blocks.
        marks: block start → PDF page number, labelled "p. N" before that block.
    """
    ident = _ident("pl-reader", key)
    marks = marks or {}
    parts = [reader_css(f"#{ident}"), f'<div class="pl-reader" id="{ident}">']
    if legend:
        chips = []
        for item in legend:
            count = "" if item.count is None else f" ({item.count:,})"
            chips.append(f'<span><mark class="{escape_html(item.css)}">{escape_html(item.label)}</mark>'
                         f"{escape_html(count)}</span>")
        parts.append('<div class="pl-legend" aria-label="legend">' + "".join(chips) + "</div>")
    ordered = sorted(spans, key=lambda s: s.start)
    for block in blocks:
        inner = [s for s in ordered if s.start < block.end and s.end > block.start]
        body = highlight_html(text[block.start : block.end], inner, offset=block.start)
        if block.start in marks:
            parts.append(f'<div class="pl-pdfpage">p. {int(marks[block.start])}</div>')
        if block.kind == "heading":
            parts.append(f'<h4 class="pl-h" data-offset="{block.start}">{body}</h4>')
        else:
            parts.append(f'<p data-offset="{block.start}">{body}</p>')
    if not blocks:
        parts.append(f'<p class="pl-empty">{escape_html(empty)}</p>')
    parts.append("</div>")
    return "".join(parts)


def original_html(source: str, *, key: str) -> str:
    """The file as received, escaped, preformatted, invisible characters shown."""
    ident = _ident("pl-orig", key)
    style = (f"<style>#{ident} {{white-space: pre-wrap; overflow-wrap: anywhere; max-height: 640px; overflow: auto;"
             " font-size: 0.85rem; padding: 0.8em; border: 1px solid rgba(128,128,128,0.4); border-radius: 6px;}"
             f" #{ident} .pl-ctl {{color: #D55E00; border: 1px dashed #D55E00;}}</style>")
    return f'{style}<pre id="{ident}">{highlight_html(source, [])}</pre>'


def side_heading_html(side: str, title: str, *, key: str, lines: int = 2) -> str:
    """A side's heading on Compare: 'A · title', escaped, clamped to ``lines`` lines with a
    matching minimum height so the two readers below start at the same height (the full
    title is on the document's own page, linked below the heading)."""
    ident = _ident("pl-side", key)
    css = (f"<style>#{ident} {{font-size: 1.3rem; font-weight: 650; line-height: 1.3; min-height: {1.3 * lines}em;"
           f" display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: {lines}; overflow: hidden;"
           " margin: 0.2em 0 0.3em 0;}</style>")
    return (css + f'<div id="{ident}" class="pl-side" role="heading" aria-level="4">'
            f"{escape_html(side)} · {highlight_html(title, [])}</div>")


# ---------------------------------------------------------------- concordance

#: A hit outside the reader (concordance keyword, a name in a sentence list): the reader's
#: search-hit look, so a keyword looks the same on every page.
HIGHLIGHT_CSS = (
    f"mark.{SEARCH_CLASS} {{color: inherit; background-color: {_rgba(HIT_COLOUR, 0.18)};"
    f" outline: 2px solid {HIT_COLOUR}; border-radius: 3px; padding: 0 2px;}} "
)

#: The concordance's stylesheet (Terms, Compare, exports): left context right-aligned and
#: clipped on the left, the keyword outlined like a search hit, right context clipped.
CONCORDANCE_CSS = (
    "table.pl-kwic {border-collapse: collapse; width: 100%; font-size: 0.92rem; table-layout: auto;}"
    " table.pl-kwic td {padding: 2px 6px; vertical-align: top; border-bottom: 1px solid rgba(128,128,128,0.2);}"
    " td.pl-s {font-weight: 650; opacity: 0.8; white-space: nowrap; width: 1.6em;}"
    " td.pl-l {width: 42%; max-width: 0; overflow: hidden;}"
    " td.pl-l > span {float: right; white-space: nowrap;}"
    " td.pl-k {white-space: nowrap; font-weight: 650;}"
    " td.pl-r {width: 42%; max-width: 0; overflow: hidden; white-space: nowrap; text-overflow: ellipsis;}"
    " td.pl-d {font-size: 0.8rem; opacity: 0.75; white-space: nowrap;} td.pl-a {white-space: nowrap;}"
    " table.pl-kwic .pl-ctl {color: #D55E00; font-family: monospace; font-size: 0.8em;}"
)


def concordance_html(lines: pd.DataFrame, *, key: str, hrefs: Sequence[str] | None = None,
                     labels: Mapping[str, str] | None = None, sides: Mapping[str, str] | None = None,
                     limit: int | None = None) -> str:
    """The one concordance builder: keyword-in-context lines as an escaped HTML table.

    Args:
        lines: ``lib.analysis.terms.KWIC_COLUMNS`` rows, in the order to show.
        key: element id suffix (``pl-kwic-<key>``).
        hrefs: one link per line (to ``Document?doc=…&at=…``; built by the page), or none.
        labels: doc_id → a document label shown after the line, or none.
        sides: doc_id → a short side label shown first ("A", "B"), or none.
        limit: at most this many lines.

    Returns:
        HTML made only of our own tags around escaped text ("" when there are no lines).
    """
    shown = lines if limit is None else lines.head(limit)
    links = list(hrefs) if hrefs is not None else [None] * len(shown)
    rows = []
    for row, href in zip(shown.itertuples(index=False), links, strict=False):
        doc = str(row.doc_id)
        side = (sides or {}).get(doc)
        cells = [f'<td class="pl-s">{highlight_html(side, [])}</td>' if side else "",
                 f'<td class="pl-l"><span>{highlight_html(str(row.left), [])}</span></td>',
                 f'<td class="pl-k"><mark class="{SEARCH_CLASS}">{highlight_html(str(row.keyword), [])}</mark></td>',
                 f'<td class="pl-r">{highlight_html(str(row.right), [])}</td>']
        if labels is not None:
            cells.append(f'<td class="pl-d">{highlight_html(labels.get(doc, doc), [])}</td>')
        if href is not None:
            cells.append(f'<td class="pl-a"><a href="{escape_html(href)}" target="_self">Read ›</a></td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    if not rows:
        return ""
    return _style(HIGHLIGHT_CSS + CONCORDANCE_CSS) + f'<table class="pl-kwic" id="{_ident("pl-kwic", key)}">' + "".join(rows) + "</table>"


# ---------------------------------------------------------------- sentence lists

#: Sentences naming an actor (Actors): the source before each, the names marked like search hits.
LIST_CSS = (
    "ul.pl-sents {padding-left: 1.1rem;} ul.pl-sents li {margin-bottom: 0.45rem;}"
    " span.pl-src {font-size: 0.8rem; opacity: 0.75; margin-right: 0.3rem;}"
)


def sentences_html(rows: pd.DataFrame, actor_rows: pd.DataFrame, hrefs: Sequence[str], *, labels: Mapping[str, str],
                   limit: int = 100) -> str:
    """Escaped HTML list of the sentences naming an actor, the names marked, each with a link.

    Args:
        rows: :func:`lib.analysis.actors.actor_sentences` output.
        actor_rows: :func:`lib.analysis.actors.actor_mentions` output (every mention is marked).
        hrefs: one link per row (to the passage in the Document page; built by the page).
        labels: doc_id → document label (shown before each sentence).
        limit: at most this many sentences.

    Returns:
        HTML made only of our own tags around ``escape_html``ed text.
    """
    spans: dict[tuple[str, int], list[Span]] = {}
    for doc, sent, s, e in zip(actor_rows["doc_id"], actor_rows["sent_id"], actor_rows["start"], actor_rows["end"],
                               strict=False):
        spans.setdefault((doc, int(sent)), []).append(Span(int(s), int(e), SEARCH_CLASS))
    items = []
    for row, href in zip(rows.head(limit).itertuples(index=False), hrefs, strict=False):
        body = highlight_html(row.text, spans.get((row.doc_id, int(row.sent_id)), []), offset=int(row.sent_start))
        body = " ".join(body.split())  # line breaks inside a sentence (headings) would start Markdown paragraphs
        label = escape_html(labels.get(row.doc_id, f"{row.org_short} · {row.doc_id}"))
        items.append(f'<li><span class="pl-src">{label}</span> {body} '
                     f'<a href="{escape_html(href)}" target="_self">Read ›</a></li>')
    return (_style(HIGHLIGHT_CSS + LIST_CSS) + '<ul class="pl-sents">' + "".join(items) + "</ul>") if items else ""
