"""Text of a PDF in reading order, without its page furniture (benchmarks/PDF.md says why pdfplumber).

A PDF holds glyphs at positions, not paragraphs. From pdfplumber's words (text with boxes):

1. **Lines**: words on the same baseline, cut where a wide gap opens (two columns side by side
   share a baseline but not a line).
2. **Columns**: a page's gutters are the vertical strips, away from the edges, that no line
   piece crosses while text lies on both sides. A piece spanning a gutter (a headline over two
   columns) closes a band; inside a band the columns are read left to right, each top to
   bottom.
3. **Furniture**: a line at the top or bottom edge of a page that is a page number ("7",
   "Page 7", "7 / 12", "vii") or that repeats, digits aside, at the edge of other pages (a
   running header or footer) is dropped and kept in ``Cleaned.dropped``.
4. **Paragraphs**: a vertical gap clearly larger than the column's line spacing, or an
   indented first line, starts a new block. Lines are joined with a space; a line ending in
   a hyphen is joined without one, and the hyphen is dropped when the joined form is a word
   (:mod:`lib.ingest.vocabulary` and the document's own other spellings), else kept
   ("anti-" + "imperialist").

The "source" of a PDF (what offsets map back to, and what "the original" shows as text) is
every extracted line in reading order, furniture included, a blank line between pages; the
file itself is kept as received. ``Cleaned.pages`` holds where each page starts in the
cleaned text, so a passage can be cited with its page. Scanned PDFs (no text layer) and
PDFs that need a password are refused with a message; there is no OCR.
"""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from lib.ingest.cleaned import Block, Cleaned
from lib.ingest.decoding import RefusedInput
from lib.ingest.offsets import TextBuilder
from lib.ingest.vocabulary import is_word

MAX_PDF_BYTES = 20 * 1024 * 1024  # PDFs run larger than text for the same words (fonts, images)
MAX_PAGES = 2_000
MIN_CHARS_PER_PAGE = 20  # below this on average the PDF has no usable text layer (a scan)
EDGE = 0.09  # the top and bottom share of a page where headers, footers and page numbers sit
_PAGE_NUMBER = re.compile(
    r"^(?:(?:page|p\.|seite|página|pagina)\s*)?(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s*(?:/|of|sur|de|von)\s*\d{1,4})?$",
    re.I)
_DASHED_NUMBER = re.compile(r"^[-–—]\s*\d{1,4}\s*[-–—]$")


@dataclass
class _Line:
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    text: str
    size: float = 0.0
    furniture: bool = False
    edge: bool = False  # at the top or bottom edge of its page
    column: int = 0
    band: int = 0


@dataclass
class PdfLayout:
    """A PDF's lines in reading order, page by page (furniture marked, not yet removed)."""

    pages: list[list[_Line]] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)


def _open(raw: bytes):
    import pdfplumber  # deferred: only PDFs need it (pdfminer.six underneath)
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    if not raw.lstrip()[:1024].startswith(b"%PDF") and b"%PDF" not in raw[:1024]:
        raise RefusedInput("This file does not start like a PDF (no %PDF header); it was not added.")
    if len(raw) > MAX_PDF_BYTES:
        raise RefusedInput(f"The PDF is {len(raw) / 1024 / 1024:.1f} MB; the limit is "
                           f"{MAX_PDF_BYTES // 1024 // 1024} MB.")
    try:
        return pdfplumber.open(io.BytesIO(raw))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise RefusedInput("This PDF is encrypted and needs a password to be read; it was not added. "
                           "Save a copy without a password and add that.") from exc
    except (PDFSyntaxError, ValueError, TypeError, KeyError) as exc:
        raise RefusedInput(f"This PDF could not be read ({type(exc).__name__}); it may be damaged. "
                           "It was not added.") from exc


def _is_password_error(exc: BaseException) -> bool:
    """pdfplumber wraps pdfminer's password errors (in ``args`` or as the cause)."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    seen = [exc, exc.__cause__, exc.__context__, *getattr(exc, "args", ())]
    return any(isinstance(e, (PDFPasswordIncorrect, PDFEncryptionError)) for e in seen)


def read_layout(raw: bytes) -> PdfLayout:
    """The lines of every page in reading order, furniture marked.

    Raises:
        RefusedInput: not a PDF, damaged, encrypted with a password, too large, too many pages,
            or no text layer (a scan).
    """
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    layout = PdfLayout()
    try:
        with _open(raw) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise RefusedInput(f"The PDF has {len(pdf.pages):,} pages; the limit is {MAX_PAGES:,}.")
            layout.meta = _meta(pdf.metadata or {})
            for number, page in enumerate(pdf.pages, start=1):
                words = page.extract_words(x_tolerance=1.5, y_tolerance=2.5, keep_blank_chars=False,
                                           use_text_flow=False, extra_attrs=["size"])
                layout.pages.append(_order(_lines(words, number), float(page.width)))
                page.flush_cache()  # pdfplumber keeps every object of a page otherwise
                _mark_page_edges(layout.pages[-1], float(page.height))
    except RefusedInput:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise RefusedInput("This PDF is encrypted and needs a password to be read; it was not added. "
                           "Save a copy without a password and add that.") from exc
    except Exception as exc:  # pdfminer raises many kinds on damaged files: the message is what matters
        if _is_password_error(exc):
            raise RefusedInput("This PDF is encrypted and needs a password to be read; it was not added. "
                               "Save a copy without a password and add that.") from exc
        raise RefusedInput(f"This PDF could not be read ({type(exc).__name__}); it may be damaged. "
                           "It was not added.") from exc
    chars = sum(len(line.text.strip()) for page in layout.pages for line in page)
    if chars < MIN_CHARS_PER_PAGE * max(len(layout.pages), 1):
        raise RefusedInput("This PDF has no text layer (it looks like a scan or a set of images): there is no "
                           "text to read, and text recognition (OCR) is not done here. Add a PDF that contains "
                           "text, or the text itself.")
    _mark_running(layout.pages)
    return layout


def _meta(info: dict) -> dict[str, str]:
    out = {}
    for key, name in (("Title", "title"), ("Author", "author"), ("CreationDate", "pdf:created")):
        value = info.get(key)
        if isinstance(value, bytes):
            value = value.decode("utf-8", "replace")
        if isinstance(value, str) and value.strip():
            out[name] = value.strip()
    return out


# ---------------------------------------------------------------- lines and columns
def _lines(words: list[dict], page: int) -> list[_Line]:
    """Words → line pieces: same baseline, no wide gap inside."""
    words = sorted(words, key=lambda w: (round(float(w["bottom"]), 0), float(w["x0"])))
    rows: list[list[dict]] = []
    for w in words:
        if rows and abs(float(rows[-1][-1]["bottom"]) - float(w["bottom"])) <= 2.0:
            rows[-1].append(w)
        else:
            rows.append([w])
    lines = []
    for row in rows:
        row.sort(key=lambda w: float(w["x0"]))
        size = statistics.median(float(w.get("size") or (float(w["bottom"]) - float(w["top"]))) for w in row)
        gap_limit = max(2.2 * size, 12.0)  # wider than any word space: a column gutter
        piece = [row[0]]
        for w in row[1:]:
            if float(w["x0"]) - float(piece[-1]["x1"]) > gap_limit:
                lines.append(_piece(piece, page, size))
                piece = [w]
            else:
                piece.append(w)
        lines.append(_piece(piece, page, size))
    return lines


def _piece(words: list[dict], page: int, size: float) -> _Line:
    return _Line(page=page, top=min(float(w["top"]) for w in words), bottom=max(float(w["bottom"]) for w in words),
                 x0=float(words[0]["x0"]), x1=float(words[-1]["x1"]), text=" ".join(w["text"] for w in words),
                 size=size)


def _gutters(lines: list[_Line], width: float) -> list[float]:
    """x positions of column gutters: interior strips no piece crosses, with text on both sides."""
    if len(lines) < 6:
        return []
    # Body text only: headlines (another size) and full-width pieces may span the gutters.
    size = statistics.median(ln.size for ln in lines)
    body = [ln for ln in lines if ln.x1 - ln.x0 < 0.7 * width and abs(ln.size - size) <= 1.0]
    if len(body) < 6:
        return []
    allowed = len(body) // 50  # a stray piece (a wide formula, a pull quote) does not close a gutter
    step = 2.0
    cells = int(width / step) + 1
    cover = [0] * cells
    for ln in body:
        for k in range(int(ln.x0 / step), min(int(ln.x1 / step) + 1, cells)):
            cover[k] += 1
    gutters, k = [], int(0.2 * width / step)
    end = int(0.8 * width / step)
    while k < end:
        if cover[k] <= allowed:
            j = k
            while j < end and cover[j] <= allowed:
                j += 1
            x = (k + j) / 2 * step
            left = sum(1 for ln in body if ln.x1 <= k * step)
            right = sum(1 for ln in body if ln.x0 >= j * step)
            if (j - k) * step >= 6 and left >= 3 and right >= 3:
                gutters.append(x)
            k = j
        k += 1
    return gutters


def _order(lines: list[_Line], width: float) -> list[_Line]:
    """Reading order: bands split by pieces that span a gutter; columns left to right inside a band."""
    gutters = _gutters(lines, width)
    if not gutters:
        return sorted(lines, key=lambda ln: (ln.top, ln.x0))
    ordered: list[_Line] = []
    band: list[_Line] = []
    band_no = 0

    def flush() -> None:
        nonlocal band_no
        for ln in band:
            ln.column = sum(1 for g in gutters if ln.x0 >= g)
            ln.band = band_no
        ordered.extend(sorted(band, key=lambda ln: (ln.column, ln.top, ln.x0)))
        band.clear()
        band_no += 1

    for ln in sorted(lines, key=lambda ln: (ln.top, ln.x0)):
        if any(ln.x0 < g < ln.x1 for g in gutters):  # spans the columns: a band of its own
            flush()
            band.append(ln)
            flush()
        else:
            band.append(ln)
    flush()
    return ordered


# ---------------------------------------------------------------- furniture
def _edge_lines(page: list[_Line], height: float) -> list[_Line]:
    """Lines in the top or bottom band of the page, and the topmost and bottommost lines wherever
    the margins put them (a page number may sit well inside a wide margin)."""
    if not page:
        return []
    first = min(ln.top for ln in page)
    last = max(ln.bottom for ln in page)
    return [ln for ln in page if ln.bottom <= EDGE * height or ln.top >= (1 - EDGE) * height
            or ln.top <= first + 1.0 or ln.bottom >= last - 1.0]


def _mark_page_edges(page: list[_Line], height: float) -> None:
    edges = _edge_lines(page, height)
    for ln in edges:
        ln.furniture = ln.furniture or _is_page_number(ln.text)
        ln.edge = True
    # What shares its baseline with a page number is the running header or footer ("6  Gri",
    # "Chapter 3: Invoking Gri  7"), even on a page whose neighbours are not at hand.
    numbers = [ln.bottom for ln in edges if ln.furniture]
    for ln in edges:
        if any(abs(ln.bottom - b) <= 2.0 for b in numbers):
            ln.furniture = True


def _is_page_number(text: str) -> bool:
    t = text.strip()
    return bool(_PAGE_NUMBER.match(t) or _DASHED_NUMBER.match(t))


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text.strip().casefold()))


def _mark_running(pages: list[list[_Line]]) -> None:
    """Edge lines whose shape (digits aside) recurs at the edge of other pages: running heads and feet.

    A header that carries its page number ("6 Gri", "AutoMultipleChoice 2 / 92") has the same
    shape on every page; a chapter title in the header recurs on the pages of its chapter.
    """
    if len(pages) < 2:
        return
    seen = Counter()
    for page in pages:
        for shape in {_shape(ln.text) for ln in page if ln.edge}:
            seen[shape] += 1
    for page in pages:
        for ln in page:
            if ln.edge and seen[_shape(ln.text)] >= 2:
                ln.furniture = True


# ---------------------------------------------------------------- text, blocks, pages
# Prefixes written with a hyphen before a word ("anti-war", "non-aligned", "pro-Russian").
_PREFIXES = frozenset({"anti", "pro", "non", "neo", "post", "pre", "self", "ex", "co", "counter", "semi", "ultra",
                       "inter", "intra", "multi", "pan", "quasi", "re", "sub", "super", "trans", "un", "mid"})
_HYPHEN_END = re.compile(r"(?<=[^\W\d_])-$")
_WORD_START = re.compile(r"^([^\W\d_]+)")
_WORD_END = re.compile(r"([^\W\d_]+)-$")


def clean_pdf(raw: bytes) -> tuple[str, Cleaned]:
    """Extract and clean a PDF.

    Returns:
        ``(source, cleaned)``: the source text (every line in reading order, pages separated
        by a blank line) and the :class:`~lib.ingest.cleaned.Cleaned` text mapped into it,
        with ``pages`` (where each page starts in the cleaned text), ``dropped`` (the
        furniture) and ``html_meta`` (the PDF's own title and author, if any).

    Raises:
        RefusedInput: see :func:`read_layout`.
    """
    layout = read_layout(raw)
    # The source text and where each line sits in it.
    parts: list[str] = []
    spans: list[tuple[_Line, int]] = []
    pos = 0
    for k, page in enumerate(layout.pages):
        if k:
            parts.append("\n\n")
            pos += 2
        for j, ln in enumerate(page):
            if j:
                parts.append("\n")
                pos += 1
            spans.append((ln, pos))
            parts.append(ln.text)
            pos += len(ln.text)
    source = "".join(parts)
    kept = [(ln, at) for ln, at in spans if not ln.furniture]
    known = _document_words(ln.text for ln, _ in kept)
    builder = TextBuilder()
    blocks: list[Block] = []
    page_starts: dict[int, int] = {}
    block_start = None
    previous: _Line | None = None
    spacing = _line_spacing(kept)
    extents = _extents(kept)
    for ln, at in kept:
        text = ln.text
        if previous is not None and _new_block(previous, ln, spacing, extents):
            blocks.append(Block(block_start, builder.length, "paragraph"))
            builder.replace("\n\n", at, 0)
            block_start = None
        elif previous is not None:
            joined = _join(previous.text, text, known)
            if joined == "drop-hyphen":
                # The hyphen (copied last) goes: rebuild the previous line without it.
                _drop_last_char(builder)
            elif joined == "space":
                builder.replace(" ", at - 1, 1)  # the newline before this line stands for the space
        if block_start is None:
            block_start = builder.length
        page_starts.setdefault(ln.page, builder.length)
        builder.copy(source, at, at + len(text))
        previous = ln
    if block_start is not None and builder.length > block_start:
        blocks.append(Block(block_start, builder.length, "paragraph"))
    return source, Cleaned(builder.text(), builder.map, blocks, [ln.text for ln, _ in spans if ln.furniture],
                           dict(layout.meta), _page_list(page_starts, len(layout.pages), builder.length))


def _page_list(starts: dict[int, int], n_pages: int, end: int) -> list[int]:
    """Start offset of pages 1..n (a page with no kept text starts where the next one does)."""
    out = [0] * n_pages
    following = end
    for page in range(n_pages, 0, -1):
        following = starts.get(page, following)
        out[page - 1] = following
    return out


def _drop_last_char(builder: TextBuilder) -> None:
    text = builder.parts[-1]
    builder.parts[-1] = text[:-1]
    builder.length -= 1
    m = builder.map
    m.clean_lens[-1] -= 1
    m.src_lens[-1] -= 1
    if m.clean_lens[-1] == 0:
        for seq in (m.clean_starts, m.clean_lens, m.src_starts, m.src_lens):
            seq.pop()


def _document_words(texts) -> set[str]:
    words: set[str] = set()
    for text in texts:
        words.update(w.casefold() for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", text))
    return words


def _join(previous: str, text: str, known: set[str]) -> str:
    """How two lines of a paragraph meet: "space", "hyphen" (kept, no space) or "drop-hyphen"."""
    if not _HYPHEN_END.search(previous):
        return "space"
    head = _WORD_END.search(previous)
    tail = _WORD_START.match(text)
    if not head or not tail or not tail.group(1)[0].islower():
        return "hyphen"  # "pro-" + "Russian", "1917-" + "1921": the hyphen is part of the word
    first, second = head.group(1), tail.group(1)
    joined = (first + second).casefold()
    if f"{first}-{second}".casefold() in known:  # spelled with a hyphen elsewhere in the text
        return "hyphen"
    if joined in known or is_word(joined):
        return "drop-hyphen"
    if (is_word(first) or first.casefold() in _PREFIXES) and is_word(second):
        return "hyphen"  # both halves are words: a compound ("long-" + "term", "anti-" + "war")
    return "drop-hyphen"  # a half is no word on its own ("protecto-" + "rate"): a word cut at the line end


def _line_spacing(lines: list[tuple[_Line, int]]) -> float:
    gaps = [b.top - a.top for (a, _), (b, _) in zip(lines, lines[1:], strict=False)
            if a.page == b.page and a.column == b.column and a.band == b.band and 0 < b.top - a.top < 4 * max(a.size, 1)]
    return statistics.median(gaps) if gaps else 0.0


def _extents(lines: list[tuple[_Line, int]]) -> dict[tuple[int, int, int], tuple[float, float]]:
    """(page, band, column) → (left edge, right edge) of its text."""
    out: dict[tuple[int, int, int], tuple[float, float]] = {}
    for ln, _ in lines:
        key = (ln.page, ln.band, ln.column)
        lo, hi = out.get(key, (ln.x0, ln.x1))
        out[key] = (min(lo, ln.x0), max(hi, ln.x1))
    return out


def _new_block(previous: _Line, line: _Line, spacing: float,
               extents: dict[tuple[int, int, int], tuple[float, float]]) -> bool:
    if line.page != previous.page or line.column != previous.column or line.band != previous.band:
        # A new column or page: a new paragraph if this line is indented, or if the last line
        # ended a sentence short of its column's right edge (a full line runs on).
        left = extents.get((line.page, line.band, line.column), (line.x0, line.x1))[0]
        if line.x0 - left > 0.8 * max(line.size, 6):
            return True
        lo, hi = extents.get((previous.page, previous.band, previous.column), (previous.x0, previous.x1))
        finished = bool(re.search(r"[.!?:\"”)]$", previous.text.strip()))
        return finished and previous.x1 < hi - 0.2 * (hi - lo)  # ragged lines fall short by a word
    gap = line.top - previous.top
    if gap < 0 or (spacing and gap > 1.45 * spacing):
        return True
    if abs(line.size - previous.size) > 1.5:
        return True  # a heading and its text
    return line.x0 - previous.x0 > 0.8 * max(line.size, 6) and bool(re.search(r"[.!?:\"”)]$", previous.text))
