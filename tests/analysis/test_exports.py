"""Exports (lib/analysis/exports.py): the corpus zip and the citations."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pandas as pd
import pytest

from lib.analysis.exports import (
    Citation,
    absolute_link,
    bibtex_escape,
    cite_corpus,
    cite_passage,
    cite_view,
    corpus_zip,
    csv_bytes,
    passage,
    spreadsheet_safe,
)
from lib.ingest.corpus import corpus_version, load_corpus

DAY = dt.date(2025, 3, 1)


@pytest.fixture()
def docs(make_corpus):
    meta = ("id,file,title,organisation,org_short,publication,author,date,url,language,source_note\n"
            "a-1,a.txt,First {title} & 100% _x_,Org <b>One</b>,O1,Paper,Ann Author,2024-01-02,https://o1.example/a,en,\n"
            "b-1,b.txt,Second,Org Two,O2,,,2025-02,,en,\n")
    folder = make_corpus({"a.txt": "Alpha beta gamma delta. The second sentence here.",
                          "b.txt": "Another text with words."}, meta)
    return load_corpus(folder).documents


class TestAbsoluteLink:
    def test_join(self):
        assert absolute_link("https://app.example/Corpus", "./Terms?org=RCG") == "https://app.example/Terms?org=RCG"
        assert absolute_link("https://app.example/", "./?org=RCG") == "https://app.example/?org=RCG"
        assert absolute_link("https://h.example/sub/Corpus", "./Document?doc=x") == "https://h.example/sub/Document?doc=x"

    def test_unknown_base(self):
        assert absolute_link(None, "./Terms") == "./Terms"
        assert absolute_link("javascript:alert(1)", "./Terms") == "./Terms"


class TestBibtexEscape:
    def test_specials(self):
        assert bibtex_escape("A {b} & 100% #1 $x_2^3~ \\") == \
            r"A \{b\} \& 100\% \#1 \$x\_2\^{}3\~{} \textbackslash{}"

    def test_newlines(self):
        assert bibtex_escape("a\n}\n@misc{x,") == r"a \} @misc\{x,"


class TestCiteCorpus:
    def test_text_and_bibtex(self, docs):
        c = cite_corpus(docs, url="https://app.example/", accessed=DAY)
        v = corpus_version(docs)
        assert c.text == (f"Party Lines corpus: 2 documents from 2 organisations (2024-01-02 to 2025-02). "
                          f"Corpus version {v}. https://app.example/ (accessed 2025-03-01).")
        assert c.bibtex.startswith(f"@misc{{partylines-{v},")
        assert r"\url{https://app.example/}" in c.bibtex and c.bibtex.endswith("}")


class TestCiteView:
    def test_view(self, docs):
        view = docs[docs["org_short"] == "O2"]
        c = cite_view(view, corpus=docs, url="https://app.example/?org=O2", description="organisations O2",
                      accessed=DAY)
        assert "view of the corpus: organisations O2 (1 documents, 2025-02)" in c.text
        assert f"Corpus version {corpus_version(docs)}" in c.text
        assert "https://app.example/?org=O2" in c.bibtex


class TestPassage:
    def test_clamp(self):
        assert passage("abcdef", 2, 4) == (2, 4, "cd")
        assert passage("abcdef", -5, 99) == (0, 6, "abcdef")
        assert passage("abcdef", 5, 2) == (5, 5, "")


class TestCitePassage:
    def test_passage(self, docs):
        row = docs.set_index("doc_id", drop=False).loc["a-1"]
        c = cite_passage(row, 0, 23, corpus=docs, url="https://app.example/Document?doc=a-1&at=0", accessed=DAY)
        assert c.text.startswith("Ann Author (2024-01-02). First {title} & 100% _x_. Paper. "
                                 "Passage at characters 0–23: “Alpha beta gamma delta.”")
        assert "document a-1" in c.text and "Original: https://o1.example/a" in c.text
        assert r"title = {First \{title\} \& 100\% \_x\_}" in c.bibtex
        assert "year = {2024}" in c.bibtex

    def test_no_author_uses_organisation(self, docs):
        row = docs.set_index("doc_id", drop=False).loc["b-1"]
        c = cite_passage(row, 0, 7, corpus=docs, url="u")
        assert c.text.startswith("Org Two (2025-02). Second. Org Two.")


class TestCorpusZip:
    def test_contents(self, docs):
        tables = {"documents": docs,
                  "mentions": pd.DataFrame({"doc_id": pd.Categorical(["a-1"]), "start": [0], "end": [5],
                                            "actor": ["Alpha"]}),
                  "term_counts": pd.DataFrame({"doc_id": ["a-1"], "term": ["alpha"], "count": [1]})}
        data = corpus_zip(tables, corpus=docs, citation=Citation("cite me", "@misc{x}"), metadata_csv=b"id,file\n",
                          raw_files={"a.txt": b"raw a", "../evil": b"x"}, notes="includes session documents")
        zf = zipfile.ZipFile(io.BytesIO(data))
        names = set(zf.namelist())
        assert {"csv/documents.csv", "parquet/documents.parquet", "csv/mentions.csv", "parquet/mentions.parquet",
                "csv/term_counts.csv", "metadata.csv", "files/a.txt", "files/.._evil", "README.txt",
                "CITATION.txt", "CITATION.bib"} <= names
        back = pd.read_parquet(io.BytesIO(zf.read("parquet/documents.parquet")))
        assert list(back["doc_id"]) == list(docs["doc_id"]) and list(back["text"]) == list(docs["text"])
        csv_docs = pd.read_csv(io.BytesIO(zf.read("csv/documents.csv")), encoding="utf-8-sig")
        assert list(csv_docs["title"]) == list(docs["title"])
        readme = zf.read("README.txt").decode()
        assert corpus_version(docs) in readme and "includes session documents" in readme and "cite me" in readme
        assert zf.read("files/a.txt") == b"raw a"


FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


class TestSpreadsheetSafe:
    """Issue 15: CSV cells a spreadsheet would run are neutralised by default (OWASP, "CSV Injection")."""

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame({"text": FORMULAS + ["plain", "a=b", None],
                             "n": [-1, 2, -3, 4, 5, 6, -7, 8, 9],
                             "cat": pd.Categorical(["=x", "y", "=x", "y", "y", "y", "y", "y", "y"])})

    def test_formula_cells_get_a_quote_and_the_rest_is_unchanged(self):
        safe = spreadsheet_safe(self.frame())
        assert list(safe["text"][:6]) == ["'" + f for f in FORMULAS]
        assert list(safe["text"][6:8]) == ["plain", "a=b"] and pd.isna(safe["text"][8])
        assert list(safe["n"]) == [-1, 2, -3, 4, 5, 6, -7, 8, 9]  # numbers are numbers, not formulas
        assert list(safe["cat"][:3]) == ["'=x", "y", "'=x"]

    def test_the_frame_itself_is_not_changed(self):
        frame = self.frame()
        spreadsheet_safe(frame)
        assert list(frame["text"][:6]) == FORMULAS

    def test_csv_by_default_safe_and_exact_on_request(self):
        back = pd.read_csv(io.BytesIO(csv_bytes(self.frame())), encoding="utf-8-sig", keep_default_na=False)
        assert list(back["text"][:6]) == ["'" + f for f in FORMULAS]
        exact = pd.read_csv(io.BytesIO(csv_bytes(self.frame(), exact=True)), encoding="utf-8-sig",
                            keep_default_na=False)
        assert list(exact["text"][:6]) == FORMULAS
        assert list(exact["n"]) == list(back["n"]) == [-1, 2, -3, 4, 5, 6, -7, 8, 9]

    def test_a_carriage_return_inside_a_cell_is_quoted(self):
        data = csv_bytes(pd.DataFrame({"text": ["one\rtwo", "three"]}), exact=True)
        assert data.decode("utf-8-sig") == 'text\r\n"one\rtwo"\r\nthree\r\n'

    def test_zip_csv_safe_by_default_parquet_exact_and_the_readme_says_so(self, docs):
        tables = {"documents": docs.assign(title=FORMULAS[0])}
        for exact in (False, True):
            zf = zipfile.ZipFile(io.BytesIO(corpus_zip(tables, corpus=docs, citation=Citation("c", "@misc{x}"),
                                                       exact=exact)))
            csv_docs = pd.read_csv(io.BytesIO(zf.read("csv/documents.csv")), encoding="utf-8-sig")
            assert set(csv_docs["title"]) == {FORMULAS[0] if exact else "'" + FORMULAS[0]}
            assert set(pd.read_parquet(io.BytesIO(zf.read("parquet/documents.parquet")))["title"]) == {FORMULAS[0]}
            readme = zf.read("README.txt").decode()
            assert ("exactly as it is" in readme) == exact and ("single" in readme) != exact
