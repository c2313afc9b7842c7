"""The reader model: blocks and pages of a document, highlight spans, positions, card facts.

Everything the Document and Compare pages show *inside* the reader is computed here as
plain data (blocks, :class:`lib.safe.Span` lists, small tables); :func:`lib.web.ui.reader`
turns it into escaped HTML with :func:`lib.safe.highlight_html`. Offsets are those of the
cleaned text (``documents.text``), like every annotation table.

No Streamlit here: usable from a notebook or a test.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from lib.analysis import query as queries
from lib.analysis.query import Query
from lib.analysis.rows import equal
from lib.analysis.terms import normalise_term
from lib.contracts import (
    ACTOR_CLASS,
    ACTOR_TYPES,
    CURRENT_CLASS,
    DEMONYM,
    FOCUS_CLASS,
    MENTION_COLUMNS,
    PASSAGE_CLASS,
    SEARCH_CLASS,
    TYPE_SINGULAR,
    type_class,
)
from lib.ingest.cleaned import Block
from lib.ingest.corpus import display, source_and_cleaned, title_of
from lib.safe import Span

WORDS_PER_MINUTE = 230
PAGE_SIZE = 30  # blocks per reader page
POSITION_COLUMNS = ["series", "position", "start", "end", "text"]
DOC_ACTOR_COLUMNS = ["actor", "type", "count", "named", "demonym", "per_1000"]

def blocks_from_text(text: str) -> list[Block]:
    """Paragraph blocks of a text split on blank lines (when the cleaned source is not at hand).

    Args:
        text: the cleaned text.

    Returns:
        One paragraph :class:`Block` per run of text between blank lines, with its offsets
        (surrounding whitespace trimmed); none for an empty text.
    """
    blocks = []
    for m in re.finditer(r"\S(?:.*?\S)?(?=\s*\n\s*\n|\s*\Z)", text or "", flags=re.S):
        blocks.append(Block(m.start(), m.end(), "paragraph"))
    return blocks


def page_count(n_blocks: int, *, page_size: int = PAGE_SIZE) -> int:
    """Pages needed for ``n_blocks`` (at least 1, so an empty document has one empty page)."""
    return max(1, math.ceil(n_blocks / max(page_size, 1)))


def page_blocks(blocks: Sequence[Block], page: int, *, page_size: int = PAGE_SIZE) -> list[Block]:
    """The blocks on ``page`` (1-based; clamped to the pages there are)."""
    page = min(max(page, 1), page_count(len(blocks), page_size=page_size))
    return list(blocks[(page - 1) * page_size : page * page_size])


def block_at(blocks: Sequence[Block], offset: int) -> int | None:
    """Index of the block containing ``offset`` (or the next block after it, for an offset in a
    gap between blocks); None when the offset lies beyond the last block or is negative."""
    if offset < 0:
        return None
    for index, block in enumerate(blocks):
        if offset < block.end:
            return index
    return None


def page_of_offset(blocks: Sequence[Block], offset: int, *, page_size: int = PAGE_SIZE) -> int | None:
    """The 1-based reader page holding ``offset``, or None if the offset is outside the text."""
    index = block_at(blocks, offset)
    return None if index is None else index // max(page_size, 1) + 1


def page_range(blocks: Sequence[Block], page: int, *, page_size: int = PAGE_SIZE) -> tuple[int, int]:
    """``[start, end)`` offsets covered by a page (0, 0 for an empty page)."""
    shown = page_blocks(blocks, page, page_size=page_size)
    return (shown[0].start, shown[-1].end) if shown else (0, 0)


# ---------------------------------------------------------------- spans

def actor_spans(mentions: pd.DataFrame, *, types: Iterable[str] = ACTOR_TYPES, demonyms: bool = True,
                focus: str | None = None) -> list[Span]:
    """Highlight spans for actor mentions, one per mention, coloured by the mention's label.

    Args:
        mentions: mention rows of one document (``start, end, label, actor``, optionally ``text``).
        types: labels to show (of PERSON, ORG, STATE, PLACE).
        demonyms: also show DEMONYM mentions ("Russian" for Russia).
        focus: a canonical actor name whose mentions are also marked ``pl-focus`` and shown
            whatever the type toggles say.

    Returns:
        :class:`Span` list in text order; css ``pl-actor pl-t-<LABEL>`` (+ ``pl-focus``),
        title "Actor · type".
    """
    if mentions is None or mentions.empty:
        return []
    shown = {str(t).upper() for t in types} | ({DEMONYM} if demonyms else set())
    spans = []
    for start, end, label, actor in zip(mentions["start"], mentions["end"], mentions["label"], mentions["actor"]):
        label, actor = str(label), "" if actor is None or (isinstance(actor, float) and math.isnan(actor)) else str(actor)
        focused = focus is not None and actor == focus
        if label not in shown and not focused:
            continue
        css = f"{ACTOR_CLASS} {type_class(label)}" + (f" {FOCUS_CLASS}" if focused else "")
        kind = TYPE_SINGULAR.get(label, label.lower())
        spans.append(Span(int(start), int(end), css, f"{actor or 'actor'} · {kind}"))
    return sorted(spans, key=lambda s: (s.start, s.end))


def search_spans(words: pd.DataFrame, query: Query) -> list[Span]:
    """Spans of every match of a query in one document's words (``lib.store.counts.word_table``),
    as the concordance finds them (:func:`lib.analysis.query.spans`)."""
    if words is None or words.empty:
        return []
    return [Span(s, e, SEARCH_CLASS, "search hit") for s, e in queries.spans(query, words)]


def term_spans(words: pd.DataFrame, term: str, *, unit: str = "word") -> list[Span]:
    """Spans of a term as the count tables count it (words in normal form, within a sentence),
    so the number of spans equals the term's count in the document."""
    query = queries.term_query(term, unit=unit)
    if query is None or words is None or words.empty:
        return []
    return [Span(s, e, SEARCH_CLASS, f"term: {normalise_term(term)}") for s, e in queries.spans(query, words)]


def current_hit(hits: Sequence[Span], wanted: int) -> tuple[list[Span], int]:
    """The hits with the ``wanted``-th (1-based, clamped to the hits) marked as the current one.

    Returns:
        ``(spans, index)``: the spans in text order, the current one carrying ``CURRENT_CLASS``
        as well, and its 1-based index (0 when there are no hits).
    """
    ordered = sorted(hits, key=lambda s: (s.start, s.end))
    if not ordered:
        return [], 0
    index = min(max(int(wanted), 1), len(ordered))
    marked = [Span(s.start, s.end, f"{s.css} {CURRENT_CLASS}", s.title) if k == index - 1 else s
              for k, s in enumerate(ordered)]
    return marked, index


def hit_lines(text: str, hits: Sequence[Span], doc_id: str, *, context: int = 70) -> pd.DataFrame:
    """Each hit with the text around it, in the concordance's columns (``doc_id, start, end, left,
    keyword, right``), for the list of hits under the Document's search box.

    The context is cut at a word boundary and its line breaks and runs of spaces folded, so a
    line reads as a sentence fragment.
    """
    rows = []
    for span in sorted(hits, key=lambda s: (s.start, s.end)):
        a, b = max(0, span.start - context), min(len(text), span.end + context)
        left, right = text[a : span.start], text[span.end : b]
        if a > 0 and " " in left:
            left = left[left.index(" ") + 1 :]  # no half word at the cut
        if b < len(text) and " " in right:
            right = right[: right.rindex(" ")]
        rows.append((doc_id, span.start, span.end, " ".join(left.split()) + (" " if left[-1:].isspace() else ""),
                     text[span.start : span.end], (" " if right[:1].isspace() else "") + " ".join(right.split())))
    return pd.DataFrame(rows, columns=["doc_id", "start", "end", "left", "keyword", "right"])


def passage_span(at: int, sentences: pd.DataFrame | None, blocks: Sequence[Block]) -> Span | None:
    """The passage an ``at=<offset>`` link points to: its sentence (within its block), else its block.

    Args:
        at: an offset into the cleaned text.
        sentences: sentence rows of the document (``start``, ``end``), or None.
        blocks: the document's blocks (the fallback when no sentence contains ``at``).

    Returns:
        A :class:`Span` with css ``pl-at``, or None when ``at`` is outside the text.
    """
    index = block_at(blocks, at)
    if index is None:
        return None
    block = blocks[index]
    if sentences is not None and not sentences.empty:
        hit = sentences[(sentences["start"] <= at) & (sentences["end"] > at)]
        if not hit.empty:
            # A sentence the splitter ran across a paragraph break is cut to the paragraph.
            start = max(int(hit["start"].iloc[0]), block.start)
            end = min(int(hit["end"].iloc[0]), block.end)
            if start < end:
                return Span(start, end, PASSAGE_CLASS, "the passage the link points to")
    return Span(block.start, block.end, PASSAGE_CLASS, "the passage the link points to")


def mention_counts(spans: Sequence[Span]) -> dict[str, int]:
    """How many actor spans of each type are shown (type → count), for the legend."""
    out: dict[str, int] = {}
    for span in spans:
        for css in span.css.split():
            if css.startswith("pl-t-"):
                out[css[5:]] = out.get(css[5:], 0) + 1
    return out


# ---------------------------------------------------------------- positions strip

def positions(series: dict[str, Sequence[Span]], text: str, *, context: int = 40) -> pd.DataFrame:
    """Where each series of spans falls across the document, for the strip chart.

    Args:
        series: a name (e.g. 'search: nato', 'actor: Russia') → spans.
        text: the cleaned text (its length is 100 %).
        context: characters of text shown around each hit in the hover.

    Returns:
        ``POSITION_COLUMNS``: ``position`` is the span's start as a percentage of the
        text's length (0–100), ``text`` a short plain snippet around it.
    """
    length = max(len(text or ""), 1)
    rows = []
    for name, spans in series.items():
        for span in spans:
            a, b = max(0, span.start - context), min(len(text), span.end + context)
            snippet = " ".join(text[a:b].split())
            rows.append((name, round(100.0 * span.start / length, 2), span.start, span.end, snippet))
    return pd.DataFrame(rows, columns=POSITION_COLUMNS)


# ---------------------------------------------------------------- card and side tables

def reading_minutes(n_words: int, *, wpm: int = WORDS_PER_MINUTE) -> int:
    """Reading time in whole minutes at ``wpm`` words a minute (at least 1 for any text)."""
    if n_words <= 0:
        return 0
    return max(1, round(n_words / wpm))


def format_date(date: object, precision: object) -> str:
    """A date with its precision spelled out: '2025-08 (month only)', 'unknown'."""
    text = display(date)
    if text == "unknown":
        return text
    precision = str(precision or "")
    if precision in ("year", "month"):
        return f"{text} ({precision} only)"
    return text


@dataclass(frozen=True)
class Card:
    """The facts of a document's metadata card (plain strings; the page escapes them)."""

    title: str
    organisation: str
    publication: str
    author: str
    date: str
    url: str  # the raw value; the page shows it as a link only through lib.safe.safe_url
    words: int
    sentences: int | None
    reading_minutes: int
    mattr: float | None
    source_note: str


def card(document: pd.Series | dict, stats: pd.DataFrame | None = None) -> Card:
    """The metadata card of one document row.

    Args:
        document: a documents-table row.
        stats: ``doc_stats`` rows (``doc_id, n_sentences, n_tokens, mattr``); may be None.

    Returns:
        A :class:`Card`; empty fields read 'unknown', sentences/MATTR None when not known.
    """
    row = dict(document)
    n_words = int(row.get("n_words") or 0)
    sentences = mattr = None
    if stats is not None and not stats.empty:
        hit = stats[equal(stats["doc_id"], row.get("doc_id"))]
        if not hit.empty:
            sentences = int(hit["n_sentences"].iloc[0])
            value = float(hit["mattr"].iloc[0])
            mattr = None if math.isnan(value) else value
    organisation = display(row.get("organisation"))
    short = str(row.get("org_short") or "").strip()
    if short and short != organisation and organisation != "unknown":
        organisation = f"{organisation} ({short})"
    return Card(title=title_of(row), organisation=organisation, publication=display(row.get("publication")),
                author=display(row.get("author")), date=format_date(row.get("date"), row.get("date_precision")),
                url=str(row.get("url") or "").strip(), words=n_words, sentences=sentences,
                reading_minutes=reading_minutes(n_words), mattr=mattr,
                source_note=str(row.get("source_note") or "").strip())


def document_actors(actor_counts: pd.DataFrame, actor_types: pd.DataFrame, doc_id: str, *,
                    n_words: int) -> pd.DataFrame:
    """The actors one document names, most named first.

    Args:
        actor_counts: ``doc_id, actor, label, count`` (all documents).
        actor_types: ``actor, type``.
        doc_id: the document.
        n_words: its length in words (``documents.n_words``), the rate's denominator.

    Returns:
        ``DOC_ACTOR_COLUMNS``: ``count`` = all mentions, ``named`` = by name,
        ``demonym`` = by demonym ("Russian"), ``per_1000`` = count per 1,000 words.
    """
    rows = actor_counts[equal(actor_counts["doc_id"], doc_id)]
    if rows.empty:
        return pd.DataFrame(columns=DOC_ACTOR_COLUMNS)
    labels = rows["label"].astype(str)
    table = pd.DataFrame({"actor": rows["actor"].astype(str).to_numpy(),
                          "named": rows["count"].where(labels != DEMONYM, 0).astype(int).to_numpy(),
                          "demonym": rows["count"].where(labels == DEMONYM, 0).astype(int).to_numpy()})
    table = table.groupby("actor", as_index=False, sort=True)[["named", "demonym"]].sum()
    table["count"] = table["named"] + table["demonym"]
    types = dict(zip(actor_types["actor"].astype(str), actor_types["type"].astype(str)))
    table["type"] = [types.get(a, "") for a in table["actor"]]
    table["per_1000"] = (table["count"] / n_words * 1000).round(2) if n_words > 0 else 0.0
    table = table.sort_values(["count", "actor"], ascending=[False, True]).reset_index(drop=True)
    return table[DOC_ACTOR_COLUMNS]


def no_actors() -> pd.DataFrame:
    """:func:`document_actors` of a document not annotated yet: no rows."""
    return pd.DataFrame(columns=DOC_ACTOR_COLUMNS)


def no_mentions() -> pd.DataFrame:
    """The mention rows of a document not annotated yet: none (``MENTION_COLUMNS``)."""
    return pd.DataFrame(columns=MENTION_COLUMNS)


def cloud_weights(term_counts: pd.DataFrame, doc_id: str, *, top: int = 120) -> dict[str, float]:
    """Word-cloud input: a document's most frequent words, stop words left out.

    Args:
        term_counts: word unigram rows (``doc_id, term, count, stop_edge``).
        doc_id: the document.
        top: at most this many words.

    Returns:
        term → count, heaviest first.
    """
    rows = term_counts[equal(term_counts["doc_id"], doc_id) & ~term_counts["stop_edge"].astype(bool).to_numpy()]
    rows = rows[rows["term"].astype(str).str.contains(r"[^\W\d_]", regex=True)]  # numbers alone are not topics
    rows = rows.sort_values(["count", "term"], ascending=[False, True]).head(top)
    return {str(t): float(c) for t, c in zip(rows["term"], rows["count"])}


def document_terms(term_counts: pd.DataFrame, doc_id: str) -> pd.Series:
    """A document's term → count (every row of the slice given)."""
    rows = term_counts[equal(term_counts["doc_id"], doc_id)]
    return pd.Series(rows["count"].to_numpy(int), index=rows["term"].astype(str).to_numpy(), dtype=int)


def passage_quote(text: str, span: Span | None, *, limit: int = 400) -> str:
    """The plain text of a passage for the callout (whitespace collapsed, long ones cut)."""
    if span is None:
        return ""
    quote = " ".join((text or "")[span.start : span.end].split())
    return quote if len(quote) <= limit else quote[: limit - 1].rstrip() + "…"


# ---------------------------------------------------------------- which document

@dataclass(frozen=True)
class Choice:
    """A document asked for by the address, resolved against the corpus and the filter.

    ``doc_id`` None with ``unknown`` True: the id names no document. ``doc_id`` None with
    ``unknown`` False: nothing to show (the filter leaves no document). ``outside_filter``:
    an explicit id the filter does not allow (shown anyway, with a notice).
    """

    doc_id: str | None
    options: list[str]
    unknown: bool = False
    outside_filter: bool = False


def choose_document(requested: str | None, documents: pd.DataFrame, filtered: pd.DataFrame, *,
                    default_index: int = 0, extra: Iterable[str] = ()) -> Choice:
    """Resolve a ``doc``/``a``/``b`` value.

    Args:
        requested: the id from the address, or None/'' for the default.
        documents: the whole corpus.
        filtered: the documents the filter allows (their order is the pickers' order).
        default_index: which filtered document is the default (0 = first; clamped to the last).
        extra: ids to add to the options (the other side's explicit choice on Compare).

    Returns:
        A :class:`Choice`; ``options`` = filtered ids, then known ``extra``/requested ids
        outside the filter.
    """
    known = set(documents["doc_id"].astype(str))
    options = [str(d) for d in filtered["doc_id"]]
    for doc in [*extra, requested]:
        if doc and doc in known and doc not in options:
            options.append(doc)
    if requested:
        if requested not in known:
            return Choice(None, options, unknown=True)
        return Choice(requested, options, outside_filter=requested not in set(filtered["doc_id"].astype(str)))
    if filtered.empty:
        return Choice(None, options)
    index = min(max(default_index, 0), len(filtered) - 1)
    return Choice(str(filtered["doc_id"].iloc[index]), options)


def document_labels(documents: pd.DataFrame) -> dict[str, str]:
    """doc_id → 'title — ORG, date' (plain text; pickers show it through a safe format function)."""
    # Column by column (not to_dict("records"), which copies every text: ~0.4 s at 10,000 documents).
    column = documents.get
    out = {}
    for doc_id, title, org, date in zip(documents["doc_id"], column("title", [None] * len(documents)),
                                        column("org_short", [None] * len(documents)),
                                        column("date", [None] * len(documents)), strict=True):
        out[str(doc_id)] = f"{title_of({'title': title, 'doc_id': doc_id})} — {display(org)}, {display(date)}"
    return out


@dataclass(frozen=True)
class Source:
    """A document's file as received (None if unavailable) and the reader's blocks."""

    original: str | None
    blocks: list[Block]
    note: str = ""
    pages: list[int] = field(default_factory=list)  # a PDF: where page k+1 starts in the cleaned text


def load_source(directory, file: str, text: str) -> Source:
    """The original file and the blocks of the cleaned ``text``.

    Blocks come from re-cleaning the file (:func:`lib.ingest.corpus.clean_source`) when that
    reproduces ``text`` exactly; otherwise (a session upload, a file changed or missing)
    the text is split on blank lines and the note says why.

    Shared between visitors (issue 21: reading, decoding and cleaning the file again was a
    tenth of a Document or Compare view): kept per folder, file, the file's size and time,
    and ``text``; the Source is read-only for its callers.
    """
    try:
        info = (Path(directory) / str(file or "")).stat()
        stamp: tuple[int, int] | None = (info.st_mtime_ns, info.st_size)
    except (OSError, ValueError):
        stamp = None
    return _load_source(str(directory), str(file or ""), text, stamp)


@functools.lru_cache(maxsize=32)
def _load_source(directory: str, file: str, text: str, stamp: tuple[int, int] | None) -> Source:
    try:
        decoded, cleaned = source_and_cleaned(directory, str(file or ""))
    except Exception:  # missing, refused or unreadable: the reader still works
        return Source(None, blocks_from_text(text), "The original file is not available.")
    if cleaned.text != text:
        return Source(decoded.text, blocks_from_text(text), "The file changed since it was loaded; paragraphs are approximate.")
    return Source(decoded.text, list(cleaned.blocks) or blocks_from_text(text), pages=list(cleaned.pages))


def pdf_page(pages: Sequence[int], offset: int) -> int | None:
    """The 1-based PDF page holding ``offset`` of the cleaned text; None for a document with no pages."""
    if not pages or offset < 0:
        return None
    return max(1, bisect.bisect_right(list(pages), offset))


def page_marks(blocks: Sequence[Block], pages: Sequence[int]) -> dict[int, int]:
    """Block start → PDF page number, for the first shown block and each block where a new page begins
    (the reader labels them "p. N", so every passage can be cited with its page)."""
    marks: dict[int, int] = {}
    last = None
    for block in blocks:  # a page that begins inside a block is labelled at the next block
        page = pdf_page(pages, block.start)
        if page is not None and page != last:
            marks[block.start] = page
        last = page
    return marks


def weights_table(weights: dict[str, float]) -> pd.DataFrame:
    """The word cloud's data as a table (term, count), for its CSV download."""
    return pd.DataFrame({"term": list(weights), "count": [int(v) if float(v).is_integer() else v
                                                          for v in weights.values()]})


