"""Every HTML builder of the app and its stylesheet: the reader, the concordance, sentence lists.

Each builder takes plain data (texts, :class:`lib.safe.Span` lists, tables) and returns one
HTML string in which every piece of untrusted text went through :mod:`lib.safe` once
(``escape_html`` / ``highlight_html``); the only tags are our own. No Streamlit here: the
pages hand the string to ``st.html`` / ``st.markdown`` (through :mod:`lib.web.ui`).

One stylesheet for highlights: an actor is a translucent wash of its type colour with a
solid underline, a search hit or concordance keyword is outlined in vermilion, the chosen
term or actor in blue, a linked passage has a yellow wash; what a codebook rule matched (the
Positions evidence) has a blue wash and outline. Text colour is inherited, so the
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
    CODED_CLASS,
    CURRENT_CLASS,
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
        # A hit is a wash and an outline: an outline alone was lost among the actors' washes,
        # and in the dark theme. The current hit (previous / next) is filled more and ringed.
        f"{scope} mark.{SEARCH_CLASS} {{outline: 2px solid {HIT_COLOUR}; outline-offset: 0;"
        f" background-color: {_rgba(HIT_COLOUR, 0.22)};}}",
        f"{scope} mark.{CURRENT_CLASS} {{background-color: {_rgba(HIT_COLOUR, 0.5)}; outline-width: 3px;"
        f" box-shadow: 0 0 0 5px {_rgba(HIT_COLOUR, 0.25)}; scroll-margin: 35vh 0;}}",
        f"{scope} mark.{PASSAGE_CLASS} {{scroll-margin: 30vh 0;}}",
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


def reader_id(key: str) -> str:
    """The element id of the reader drawn with ``key``."""
    return _ident("pl-reader", key)


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
    ident = reader_id(key)
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


#: The one script of the app (served by the app itself, so it runs under the README's
#: Content-Security-Policy, script-src 'self'): scrolls the reader to an element once per address.
SCROLL_SCRIPT = "app/static/scroll_to.js"


def scroll_to_html(selector: str, key: str) -> str:
    """A ``<script src>`` that scrolls the first element matching ``selector`` into view, once
    for each ``key`` (a new passage or hit scrolls; redrawing the same one does not)."""
    return (f'<script src="{SCROLL_SCRIPT}" data-target="{escape_html(selector)}" '
            f'data-key="{escape_html(key)}"></script>')


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
    # A phone (or a narrow column): one table row left 2-3 characters of left context. Each line
    # becomes a block of three lines instead: the left context filling the width and ending at the
    # keyword; the right context and "Read ›"; the source, small.
    " @media (max-width: 640px) {"
    " table.pl-kwic, table.pl-kwic tbody {display: block; width: 100%; border: none;}"
    " table.pl-kwic tr {display: flex; flex-wrap: wrap; align-items: baseline; padding: 5px 0;"
    " border-bottom: 1px solid rgba(128,128,128,0.3); background: none;}"
    " table.pl-kwic td {display: block; border: none; padding: 0 2px; background: none;}"
    " table.pl-kwic td.pl-s {flex: 0 0 auto; width: auto; order: 1;}"
    " table.pl-kwic td.pl-l {flex: 1 1 calc(100% - 4em); min-width: 0; width: auto; max-width: none; overflow: hidden;"
    " order: 2;}"
    " table.pl-kwic td.pl-k {flex: 0 0 auto; order: 3;}"
    " table.pl-kwic td.pl-r {flex: 1 1 calc(100% - 5em); min-width: 0; width: auto; max-width: none; order: 4;}"
    " table.pl-kwic td.pl-a {flex: 0 0 auto; order: 5;}"
    " table.pl-kwic td.pl-d {flex: 1 1 100%; white-space: normal; order: 6;}"
    "}"
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


# ---------------------------------------------------------------- positions (codebook)

#: The category × organisation matrix: a cell's wash grows with the share of documents
#: expressing the category (blue, translucent: readable on both themes); the chosen cell is
#: outlined; organisations with few documents are marked with a dagger in the header.
POSITIONS_CSS = (
    "div.pl-pos-wrap {overflow-x: auto; max-width: 100%;}"
    " table.pl-pos {border-collapse: separate; border-spacing: 3px; font-size: 0.9rem; width: 100%;}"
    " table.pl-pos th {font-weight: 650; text-align: left; vertical-align: bottom; padding: 4px 6px;}"
    " table.pl-pos th.pl-org {text-align: center; white-space: nowrap; min-width: 5.5em;}"
    " table.pl-pos th.pl-cat {min-width: 11em; max-width: 22em; font-weight: 600;}"
    " table.pl-pos th.pl-cat a, table.pl-pos td a {color: inherit; text-decoration: none; display: block;}"
    " table.pl-pos th.pl-cat small {display: block; font-weight: 400; opacity: 0.7; font-family: monospace;}"
    " table.pl-pos td {text-align: center; padding: 4px 6px; border-radius: 4px; vertical-align: middle;"
    " border: 1px solid rgba(128,128,128,0.25);}"
    " table.pl-pos td b {font-size: 1.02rem;} table.pl-pos td small {display: block; opacity: 0.78; font-size: 0.74rem;"
    " white-space: nowrap;}"
    " table.pl-pos td.pl-sel {outline: 3px solid #D55E00; outline-offset: -1px;}"
    " table.pl-pos tr.pl-sel-row th.pl-cat {text-decoration: underline; text-decoration-color: #D55E00;}"
    " table.pl-pos td.pl-spread {font-size: 0.8rem; opacity: 0.85; border: none;}"
    " table.pl-pos td:hover {outline: 2px solid #0072B2;}"
    " table.pl-pos td.pl-spread:hover {outline: none;}"
    # A phone: the details go to the tooltip, so more organisations fit before the table scrolls.
    " @media (max-width: 640px) {table.pl-pos {font-size: 0.8rem; border-spacing: 2px;}"
    " table.pl-pos th.pl-cat {min-width: 7.5em;} table.pl-pos th.pl-org {min-width: 3.4em;}"
    " table.pl-pos th.pl-cat small, table.pl-pos td small {display: none;} table.pl-pos td {padding: 6px 3px;}}"
)


def _attr(value: object) -> str:
    """An attribute value: escaped, and "=" written as a character reference, so that not even a
    naive scanner reads an escaped ``onerror=`` inside a tooltip as an attribute."""
    return escape_html(value).replace("=", "&#61;")


def _wash(share: float) -> str:
    if share != share:  # NaN: no documents
        return "background: none;"
    return f"background-color: {_rgba('#0072B2', round(0.06 + 0.5 * max(0.0, min(1.0, share)), 3))};"


def positions_matrix_html(table: pd.DataFrame, *, categories: Sequence[str], labels: Mapping[str, str],
                          orgs: Sequence[str], cell_hrefs: Mapping[tuple[str, str], str],
                          row_hrefs: Mapping[str, str], selected: tuple[str | None, str | None] = (None, None),
                          key: str = "matrix") -> str:
    """The category × organisation matrix as an escaped HTML table in which every cell is a link.

    Args:
        table: ``lib.analysis.positions.MATRIX_COLUMNS`` rows.
        categories: category ids, in the order to show (largest differences first).
        labels: category id → label (untrusted: escaped).
        orgs: organisations (columns), in order.
        cell_hrefs: (category, organisation) → the link that opens that cell's evidence.
        row_hrefs: category → the link that opens the category's evidence for every organisation.
        selected: the (category, organisation) whose evidence is shown (outlined).
        key: element id suffix.

    Returns:
        HTML of our own tags around ``escape_html``ed text ("" when there is nothing to show).
    """
    if table.empty or not categories or not orgs:
        return ""
    cells = {(r.category, r.org_short): r for r in table.itertuples(index=False)}
    few = {r.org_short: bool(r.few) for r in table.itertuples(index=False)}
    n_docs = {r.org_short: int(r.documents) for r in table.itertuples(index=False)}
    head = ['<th scope="col">Category</th>']
    for org in orgs:
        mark = " †" if few.get(org) else ""
        title = f"{org}: {n_docs.get(org, 0):,} document(s)" + (" — too few to compare with confidence" if mark else "")
        head.append(f'<th scope="col" class="pl-org" title="{_attr(title)}">{escape_html(org)}{mark}</th>')
    head.append('<th scope="col" class="pl-org" title="largest minus smallest share">spread</th>')
    body = []
    sel_cat, sel_org = selected
    for cat in categories:
        label = labels.get(cat, cat)
        row_cls = ' class="pl-sel-row"' if cat == sel_cat else ""
        tds = [f'<th scope="row" class="pl-cat"><a href="{escape_html(row_hrefs.get(cat, "#"))}" target="_self">'
               f"{escape_html(label)}<small>{escape_html(cat)}</small></a></th>"]
        shares = []
        for org in orgs:
            r = cells.get((cat, org))
            if r is None:
                tds.append("<td>–</td>")
                continue
            if r.share == r.share:
                shares.append(float(r.share))
            pct = "–" if r.share != r.share else f"{r.share * 100:.0f}%"
            ci = "" if r.share != r.share else f"{r.share_lo * 100:.0f}–{r.share_hi * 100:.0f}%"
            rate = "–" if r.per_1000 != r.per_1000 else f"{r.per_1000:.2f}"
            rate_ci = "" if r.per_1000 != r.per_1000 else f" (95% interval {r.per_1000_lo:.2f}–{r.per_1000_hi:.2f})"
            title = (f"{label} — {org}: {r.docs_with} of {r.documents} document(s) ({pct}; 95% interval {ci}); "
                     f"{r.sentences} sentence(s), {rate} per 1,000 words{rate_ci}")
            cls = ' class="pl-sel"' if (cat == sel_cat and org == sel_org) else ""
            tds.append(f'<td{cls} style="{_wash(float(r.share))}" title="{_attr(title)}">'
                       f'<a href="{escape_html(cell_hrefs.get((cat, org), "#"))}" target="_self"><b>{pct}</b>'
                       f"<small>{escape_html(ci)}</small><small>{r.docs_with}/{r.documents} docs · {rate}/1k</small></a></td>")
        spread = f"{(max(shares) - min(shares)) * 100:.0f} pts" if len(shares) > 1 else "–"
        tds.append(f'<td class="pl-spread">{spread}</td>')
        body.append(f"<tr{row_cls}>" + "".join(tds) + "</tr>")
    ident = _ident("pl-pos", key)
    return (_style(POSITIONS_CSS) + f'<div class="pl-pos-wrap"><table class="pl-pos" id="{ident}">'
            + "<thead><tr>" + "".join(head) + "</tr></thead><tbody>" + "".join(body) + "</tbody></table></div>")


#: Coded sentences (the evidence): the source, the sentence with what matched outlined in blue (a
#: search hit is vermilion: on the Document page both can be on screen), the rules.
EVIDENCE_CSS = (
    f"mark.{CODED_CLASS} {{color: inherit; background-color: {_rgba('#0072B2', 0.16)}; outline: 2px solid #0072B2;"
    " border-radius: 3px; padding: 0 2px;}"
    " ul.pl-evid {padding-left: 1.1rem;} ul.pl-evid li {margin-bottom: 0.5rem; line-height: 1.5;}"
    " span.pl-src {font-size: 0.8rem; opacity: 0.75; margin-right: 0.3rem;}"
    " span.pl-rule {font-size: 0.72rem; opacity: 0.7; margin-left: 0.3rem; white-space: nowrap;}"
)


def evidence_html(rows: pd.DataFrame, hits: pd.DataFrame, hrefs: Sequence[str], *, labels: Mapping[str, str],
                  limit: int = 100, rule_label: str = "rule") -> str:
    """Escaped HTML list of coded sentences, what matched marked (its query as the tooltip), each
    with a link to the passage.

    Args:
        rows: sentences (``doc_id, sent_id, sent_start, text``; ``rules`` and ``org_short`` if known).
        hits: ``lib.analysis.positions.HIT_COLUMNS`` rows (those of other sentences are ignored).
        hrefs: one link per row (``Document?doc=…&at=…``; built by the page).
        labels: doc_id → document label (shown before each sentence).
        limit: at most this many sentences.
        rule_label: the word before the rule numbers.
    """
    spans: dict[tuple[str, int], list[Span]] = {}
    for doc, sent, s, e, match in zip(hits["doc_id"].astype(str), hits["sent_id"], hits["start"], hits["end"],
                                      hits["match"].astype(str), strict=False):
        spans.setdefault((doc, int(sent)), []).append(Span(int(s), int(e), CODED_CLASS, f"matched: {match}"))
    items = []
    has_rules = "rules" in rows.columns
    for row, href in zip(rows.head(limit).itertuples(index=False), hrefs, strict=False):
        doc = str(row.doc_id)
        body = highlight_html(str(row.text), spans.get((doc, int(row.sent_id)), []), offset=int(row.sent_start))
        body = " ".join(body.split())  # line breaks inside a sentence would start Markdown paragraphs
        source = labels.get(doc, f"{getattr(row, 'org_short', '')} · {doc}")
        rules = (f'<span class="pl-rule">{escape_html(rule_label)} {escape_html(row.rules)}</span>'
                 if has_rules and str(row.rules) else "")
        items.append(f'<li><span class="pl-src">{escape_html(source)}</span> {body}{rules} '
                     f'<a href="{escape_html(href)}" target="_self">Read ›</a></li>')
    if not items:
        return ""
    return _style(EVIDENCE_CSS) + '<ul class="pl-evid">' + "".join(items) + "</ul>"
