"""PDF documents and tags on the pages: the reader labels PDF pages, a linked passage names its page,
Compare says on which pages the marked passages are, and ``tag=`` filters every page."""

from __future__ import annotations

import re

import pytest

from benchmarks.pdfpaper import party_paper
from lib.analysis import exports, reader
from lib.ingest.cleaned import Block
from tests.conftest import build_store
from tests.ingest.test_pdf_text import _paragraphs
from tests.pagetest import run_page

METADATA = """id,file,title,organisation,org_short,date,tags
paper,paper.pdf,Stop the war drive,Example Party,EP,2024-03,strike;editorial
note,note.txt,A short note,Other League,OL,2024-04,editorial
plain,plain.txt,Untagged,Other League,OL,2024-05,
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pdfpages") / "corpus"
    folder.mkdir()
    paper = party_paper(_paragraphs(14), columns=2)
    (folder / "paper.pdf").write_bytes(paper.pdf)
    (folder / "note.txt").write_text("Workers in Britain oppose the war. NATO and Russia.\n", encoding="utf-8")
    (folder / "plain.txt").write_text("A plain text about peace and Ukraine.\n", encoding="utf-8")
    (folder / "metadata.csv").write_text(METADATA, encoding="utf-8")
    build_store(folder, folder.parent / "cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CORPUS_DIR", str(folder))
        mp.setenv("PARTY_LINES_CACHE", str(folder.parent / "cache"))
        yield folder


def html_of(at) -> str:
    return "\n".join(str(getattr(getattr(el, "proto", None), "body", "")) for el in at.get("html"))


class TestPdfPages:
    def test_the_reader_labels_pdf_pages_and_a_linked_passage_names_its_page(self, corpus):
        source = reader.load_source(corpus, "paper.pdf", reader_text(corpus))
        assert len(source.pages) >= 2
        at_offset = source.pages[1] + 800  # well inside page 2: its sentence starts there too
        assert len(source.pages) == 2 or at_offset < source.pages[2]
        at = run_page("pages/1_Document.py", doc="paper", at=str(at_offset))
        assert not at.exception
        assert any("(page 2 of the PDF)" in re.sub(r"\\(.)", r"\1", str(i.value)) for i in at.info)
        assert re.search(r'class="pl-pdfpage">p\. \d', html_of(at))

    def test_compare_says_where_the_marked_passages_are(self, corpus):
        at = run_page("pages/2_Compare.py", a="paper", b="note", term="war")
        assert not at.exception
        assert any("Marked passages on PDF page" in str(c.value) for c in at.caption)
        assert "pl-pdfpage" in html_of(at)

    def test_page_marks_and_pages(self):
        blocks = [Block(0, 50, "paragraph"), Block(52, 120, "paragraph"), Block(122, 200, "paragraph"),
                  Block(302, 310, "paragraph")]
        assert reader.page_marks(blocks, [0, 100, 250]) == {0: 1, 122: 2, 302: 3}
        assert reader.page_marks(blocks, []) == {}
        assert [reader.pdf_page([0, 100], k) for k in (0, 99, 100, 500)] == [1, 1, 2, 2]

    def test_a_cited_passage_carries_its_page(self):
        row = {"doc_id": "paper", "text": "x" * 300, "title": "T", "organisation": "Example Party", "date": "2024"}
        corpus = __import__("pandas").DataFrame([{"doc_id": "paper", "sha256": "0"}])
        cited = exports.cite_passage(row, 120, 160, corpus=corpus, url="https://example.org/x", page=2)
        assert "Passage at p. 2, characters 120–160" in cited.text


def reader_text(folder) -> str:
    from lib.ingest.corpus import load_corpus

    docs = load_corpus(folder).documents
    return str(docs.loc[docs["doc_id"] == "paper", "text"].iloc[0])


class TestTags:
    def test_tag_in_the_address_filters_every_page(self, corpus):
        at = run_page(None, tag="strike")
        assert not at.exception
        assert [m.value for m in at.metric][:1] == ["1"]
        assert at.multiselect(key="flt_tags").value == ["strike"]
        both = run_page(None, tag=["Strike", "editorial"])  # case ignored; any tag passes
        assert [m.value for m in both.metric][:1] == ["2"]
        terms = run_page("pages/3_Terms.py", tag="editorial")
        assert not terms.exception and terms.multiselect(key="flt_tags").value == ["editorial"]

    def test_an_unknown_tag_is_said_and_ignored(self, corpus):
        at = run_page(None, tag="<b>nope</b>")
        assert not at.exception
        assert any("Unknown tag" in str(w.value) for w in at.warning)
        assert [m.value for m in at.metric][:1] == ["3"]

    def test_links_carry_the_tag(self, corpus):
        at = run_page(None, tag="editorial")
        listing = at.dataframe[0].value
        assert "tags" in listing.columns and set(listing["doc_id"]) == {"paper", "note"}
        assert all("tag=editorial" in href for href in listing["open"])
