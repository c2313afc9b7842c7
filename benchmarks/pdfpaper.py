"""PDFs that look like a party paper, with a known text: two columns, a running header, page
numbers in the footer, words hyphenated at line ends. For the PDF tests and ``benchmarks/pdf.py``.

Drawn line by line with reportlab's canvas (a test dependency), so the ground truth is exact:
:func:`party_paper` returns the PDF bytes and what a reader should get back — the paragraphs
in reading order, the furniture strings that must not be left, and the words that were cut.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

HEADER = "Workers' Voice · Paper of the Example Party · No. 214"
FOOTER_NOTE = "workersvoice.example.org"


@dataclass
class Paper:
    pdf: bytes
    paragraphs: list[str]
    furniture: list[str]
    cut_words: list[str] = field(default_factory=list)  # words split across lines with a hyphen
    pages: int = 0


def _split(word: str) -> tuple[str, str] | None:
    """A cut of a long word after a vowel near its middle (a plausible hyphenation point)."""
    core = re.match(r"^([A-Za-z]+)(\W*)$", word)
    if not core or len(core.group(1)) < 8:
        return None
    letters = core.group(1)
    for k in range(len(letters) // 2, len(letters) - 3):
        if letters[k - 1] in "aeiou" and letters[k] not in "aeiou":
            return letters[:k], letters[k:] + core.group(2)
    return None


def party_paper(paragraphs: list[str], *, columns: int = 2, title: str = "Stop the war drive",
                hyphenate: bool = True, page_numbers: str = "Page {n}") -> Paper:
    """Draw ``paragraphs`` in ``columns`` columns under a headline on A4 pages."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    width, height = A4
    margin, gutter, size, leading = 50.0, 24.0, 10.0, 13.0
    col_w = (width - 2 * margin - (columns - 1) * gutter) / columns
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    c.setTitle(title)
    c.setAuthor("Example Party")
    furniture: list[str] = [HEADER, FOOTER_NOTE]
    cut: list[str] = []
    page = 1
    col = 0
    top = height - margin - 60  # room for the headline on page 1
    y = top

    def furnish() -> None:
        c.setFont("Helvetica", 8)
        c.drawString(margin, height - 30, HEADER)
        number = page_numbers.format(n=page)
        c.drawRightString(width - margin, 28, number)
        c.drawString(margin, 28, FOOTER_NOTE)
        furniture.append(number)

    def next_column() -> None:
        nonlocal col, y, page, top
        col += 1
        if col == columns:
            furnish()
            c.showPage()
            page += 1
            col = 0
            top = height - margin - 10
        y = top

    furnish_title = True
    for para in paragraphs:
        if furnish_title:
            c.setFont("Helvetica-Bold", 20)
            c.drawString(margin, height - margin - 30, title)
            furnish_title = False
        c.setFont("Times-Roman", size)
        words = para.split()
        line: list[str] = []
        first = True

        def emit(text: str, indent: float) -> None:
            nonlocal y
            if y < margin + 20:
                next_column()
            x = margin + col * (col_w + gutter) + indent
            c.setFont("Times-Roman", size)
            c.drawString(x, y, text)
            y -= leading

        k = 0
        while k < len(words):
            word = words[k]
            indent = 12.0 if first else 0.0
            candidate = " ".join([*line, word])
            if stringWidth(candidate, "Times-Roman", size) <= col_w - indent:
                line.append(word)
                k += 1
                continue
            parts = _split(word) if hyphenate else None
            if parts and stringWidth(" ".join([*line, parts[0] + "-"]), "Times-Roman", size) <= col_w - indent:
                emit(" ".join([*line, parts[0] + "-"]), indent)
                cut.append(re.sub(r"\W+$", "", word))
                words[k] = parts[1]
                line, first = [], False
                continue
            emit(" ".join(line), indent)
            line, first = [], False
        if line:
            emit(" ".join(line), 12.0 if first else 0.0)
        y -= leading * 0.8  # paragraph space
    furnish()
    c.showPage()
    c.save()
    return Paper(pdf=buffer.getvalue(), paragraphs=[title, *paragraphs], furniture=furniture, cut_words=cut,
                 pages=page)
