"""PDF text (lib/ingest/pdf_text.py): reading order, furniture, hyphenation, page starts, refusals.

Real PDFs (tests/data/pdf/, a few pages of LaTeX-made documentation shipped in Debian packages:
camlidl-doc, gri-pdf-doc, docbook-xsl-doc-pdf, auto-multiple-choice-doc-pdf; see
tests/data/README.md) and generated party papers (benchmarks/pdfpaper.py: two and three
columns, running header, footer, page numbers, words cut at line ends) whose text is known.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from benchmarks.pdfpaper import party_paper
from lib.ingest import adding
from lib.ingest.corpus import load_corpus, source_and_cleaned
from lib.ingest.decoding import RefusedInput
from lib.ingest.pdf_text import clean_pdf

DATA = Path(__file__).resolve().parents[1] / "data" / "pdf"
CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def _paragraphs(n: int, skip: int = 0) -> list[str]:
    out = []
    for f in sorted(CORPUS.glob("*.txt")):
        for p in f.read_text(encoding="utf-8").split("\n\n"):
            p = re.sub(r"\s+", " ", re.sub(r"[#*_>\[\]]", "", p)).strip()
            if len(p.split()) > 30:
                out.append(p)
    return out[skip: skip + n]


def words(text: str) -> list[str]:
    return re.findall(r"\S+", text)


# name → (running header/footer strings that must be gone, a passage that crosses line ends, in order)
REAL = {
    "camlidl-doc-p3-5.pdf": ([], "Constant limited expressions, written const-lexpr below, can only reference "
                                 "identifiers that are bound by the IDL const declaration."),
    "gri-manual-p21-23.pdf": (["Gri", "Chapter 3: Invoking Gri"],
                              "First, the short story. In 90 percent of cases, Gri is run as"),
    "docbook-xsl-reference-p11-12.pdf": ([], "A separate html script element will be generated for each script in "
                                             "the order they are listed in the parameter."),
    "auto-multiple-choice-p11-13.pdf": (["Auto Multiple Choice"],
                                        "The maximum number of students per test is limited to 4,095"),
}


@pytest.fixture(scope="module")
def real():
    return {name: clean_pdf((DATA / name).read_bytes()) for name in REAL}


class TestRealPdfs:
    @pytest.mark.parametrize("name", sorted(REAL))
    def test_no_page_number_or_running_header_is_left(self, real, name):
        _, cleaned = real[name]
        lines = [ln.strip() for ln in cleaned.text.split("\n")]
        assert not [ln for ln in lines if re.fullmatch(r"(?:page\s*)?\d{1,4}(?:\s*/\s*\d+)?", ln, re.I)]
        for furniture in REAL[name][0]:
            assert furniture not in lines, furniture
            assert furniture in cleaned.dropped
        assert cleaned.dropped  # every one of these has page numbers

    @pytest.mark.parametrize("name", sorted(REAL))
    def test_a_passage_across_line_ends_reads_in_order(self, real, name):
        _, cleaned = real[name]
        assert REAL[name][1] in re.sub(r"\s+", " ", cleaned.text)

    @pytest.mark.parametrize("name", sorted(REAL))
    def test_each_page_start_is_recorded_in_order(self, real, name):
        _, cleaned = real[name]
        assert len(cleaned.pages) == (2 if "docbook" in name else 3)
        assert cleaned.pages[0] == 0 and cleaned.pages == sorted(cleaned.pages)
        assert cleaned.pages[-1] < len(cleaned.text)

    def test_a_line_end_hyphen_is_dropped_when_the_joined_form_is_a_word(self, real):
        source, cleaned = real["docbook-xsl-reference-p11-12.pdf"]
        assert "ele-\nment" in source and "element" in cleaned.text and "ele-ment" not in cleaned.text

    @pytest.mark.parametrize("name", sorted(REAL))
    def test_offsets_map_every_word_back_to_the_extracted_source(self, real, name):
        source, cleaned = real[name]
        for m in list(re.finditer(r"[^\W\d_]{3,}", cleaned.text))[::7]:
            a, b = cleaned.offsets.to_source_start(m.start()), cleaned.offsets.to_source_end(m.end())
            assert source[a:b].replace("-\n", "") == m.group(), (m.group(), source[a:b])


class TestPartyPaper:
    @pytest.mark.parametrize("columns,numbers", [(2, "Page {n}"), (3, "{n}"), (2, "- {n} -")])
    def test_words_in_reading_order_and_no_furniture(self, columns, numbers):
        paper = party_paper(_paragraphs(16), columns=columns, page_numbers=numbers)
        assert paper.pages >= 2 and paper.cut_words
        _, cleaned = clean_pdf(paper.pdf)
        assert words(cleaned.text) == words(" ".join(paper.paragraphs))
        lines = {ln.strip() for ln in cleaned.text.split("\n")}
        for furniture in set(paper.furniture):
            assert furniture not in cleaned.text if not re.fullmatch(r"[\d\s-]+", furniture) else furniture not in lines

    def test_paragraphs_are_blocks_and_pages_start_where_their_text_does(self):
        paper = party_paper(_paragraphs(16), columns=2)
        _, cleaned = clean_pdf(paper.pdf)
        blocks = [cleaned.text[b.start:b.end] for b in cleaned.blocks]
        assert blocks == paper.paragraphs
        assert len(cleaned.pages) == paper.pages and cleaned.pages[0] == 0
        assert all(cleaned.text[k - 1] in " \n" for k in cleaned.pages[1:] if 0 < k < len(cleaned.text))

    def test_a_compound_keeps_its_hyphen(self):
        text = ("The anti-imperialist movement " * 3).strip()
        paper = party_paper([("word " * 30) + text + " and more words to fill the line " * 4], columns=1,
                            hyphenate=False)
        _, cleaned = clean_pdf(paper.pdf)
        assert "anti-imperialist" in cleaned.text and "antiimperialist" not in cleaned.text


class TestRefusals:
    def test_a_scan_with_no_text_layer_is_refused(self):
        from PIL import Image
        from reportlab.lib.utils import ImageReader
        from reportlab.pdfgen import canvas

        buffer = io.BytesIO()
        c = canvas.Canvas(buffer)
        image = Image.new("L", (200, 260), 255)
        c.drawImage(ImageReader(image), 50, 300, 400, 500)
        c.showPage()
        c.save()
        with pytest.raises(RefusedInput, match="no text layer.*OCR"):
            clean_pdf(buffer.getvalue())

    def test_an_encrypted_pdf_is_refused(self):
        import pypdf

        writer = pypdf.PdfWriter(clone_from=io.BytesIO(party_paper(_paragraphs(2), columns=1).pdf))
        writer.encrypt(user_password="secret", owner_password="owner")
        out = io.BytesIO()
        writer.write(out)
        with pytest.raises(RefusedInput, match="encrypted"):
            clean_pdf(out.getvalue())

    @pytest.mark.parametrize("raw", [b"just some text, not a PDF", b"%PDF-1.4\n garbage that ends nowhere"])
    def test_not_a_pdf_or_a_damaged_one_is_refused(self, raw):
        with pytest.raises(RefusedInput):
            clean_pdf(raw)


class TestInTheCorpus:
    def test_a_pdf_loads_as_a_document_and_the_reader_gets_its_pages(self, make_corpus):
        paper = party_paper(_paragraphs(8), columns=2)
        folder = make_corpus({"paper.pdf": paper.pdf},
                             "id,file,title,organisation,org_short,date\np,paper.pdf,Stop,Example Party,EP,2024-03\n")
        loaded = load_corpus(folder)
        row = loaded.documents.iloc[0]
        assert row["format"] == "pdf" and row["encoding"] == "pdf" and row["n_words"] > 500
        assert (folder / "paper.pdf").read_bytes() == paper.pdf  # kept as received
        decoded, cleaned = source_and_cleaned(folder, "paper.pdf")
        assert cleaned.text == row["text"] and cleaned.pages and "Workers' Voice" in decoded.text

    def test_adding_checks_a_pdf_like_any_file(self, make_corpus):
        prepared = adding.prepare(party_paper(_paragraphs(3), columns=2).pdf, name="paper.PDF")
        assert prepared.fmt == "pdf" and prepared.n_words > 100
        assert not any("encoded as" in w for w in prepared.warnings)
        with pytest.raises(RefusedInput):
            adding.prepare(b"not a pdf at all", name="x.pdf")
