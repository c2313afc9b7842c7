"""The query language and the words layer on the pages (AppTest from app.py): Terms' concordance
(q, case, width, sort), term views with the reference counts, numbers out of the lists by
default, the Document search and Compare's highlight; the page and ``python -m lib kwic`` agree."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from streamlit.testing.v1 import AppTest

from lib.analysis.query import DEFAULT_WIDTH
from lib.cli.kwic import DEFAULT_WIDTH as CLI_DEFAULT_WIDTH
from lib.ingest.corpus import load_corpus
from tests.analysis.test_reference_counts import reference_count
from tests.conftest import build_store
from tests.pagetest import ROOT, run_page

TERMS, DOCUMENT, COMPARE = "pages/3_Terms.py", "pages/1_Document.py", "pages/2_Compare.py"
WSWS, CPGB = "wsws-2022-03-30-nz-iso-backs-us-nato", "cpgbml-2025-04-05-russia-closes-on-victory"


def run(page: str, **params) -> AppTest:
    at = run_page(page, **params)
    assert not at.exception, at.exception
    return at


def plain(value: str) -> str:
    return value.replace("\\", "")  # safe_label escapes punctuation


def uses(at: AppTest) -> int:
    return int(next(m.value for m in at.metric if m.label == "Uses").replace(",", ""))


def concordance_total(at: AppTest) -> int:
    caption = next(plain(c.value) for c in at.caption if "match(es) in" in plain(c.value))
    return int(re.match(r"(?:at least )?([\d,]+) match", caption).group(1).replace(",", ""))


CORPUS_TEXTS = list(load_corpus(ROOT / "corpus").documents["text"])


class TestTermViewCounts:
    @pytest.mark.parametrize("term", ["US", "us", "non-imperialist", "US-NATO", "pro-Russia", "NATO", "Nato"])
    def test_a_terms_uses_are_its_reference_count(self, term):
        at = run(TERMS, term=term)
        expected = reference_count(CORPUS_TEXTS, term)
        if expected:
            assert uses(at) == expected
        else:
            assert any("does not occur" in plain(w.value) for w in at.warning)

    def test_us_is_75_and_not_the_pronoun(self):
        at = run(TERMS, term="US")
        assert uses(at) == 75
        assert "“US”" in [h.value for h in at.header]


@pytest.mark.slow
def test_held_out_hyphenated_terms(monkeypatch, tmp_path):
    """On held-out text (tests/data/words/texts): secretary-general-style words and US."""
    folder = ROOT / "tests" / "data" / "words" / "texts"
    monkeypatch.setenv("CORPUS_DIR", str(folder))
    monkeypatch.setenv("PARTY_LINES_CACHE", str(tmp_path / "cache"))
    build_store(folder, tmp_path / "cache")  # pages read a built store
    texts = list(load_corpus(folder).documents["text"])
    for term in ("secretary-general", "Secretary-General", "rules-based", "Indo-Pacific", "US", "two-state"):
        at = run(TERMS, term=term)
        assert uses(at) == reference_count(texts, term) > 0, term
    assert reference_count(texts, "secretary-general") == 12  # Terms said 0 before the words layer


class TestConcordance:
    def test_wildcard_query_lists_lines_with_links(self):
        at = run(TERMS, q="provok*")
        assert any("Concordance" in h.value for h in at.header)
        table = next(m.value for m in at.markdown if "pl-kwic" in m.value and "<table" in m.value)
        assert re.search(r">provok\w*</mark>", table) and "Document?doc=" in table and "at=" in table
        assert concordance_total(at) == len(re.findall(r"(?<![\w-])provok\w*(?![\w-])", " ".join(CORPUS_TEXTS),
                                                       re.I))

    def test_settings_come_from_the_address(self):
        at = run(TERMS, q="US", case="1", width="3", sort="1R,node")
        assert at.toggle(key="terms-case").value is True
        assert at.number_input(key="terms-width").value == 3
        assert at.multiselect(key="terms-sort").value == ["1R", "node"]
        assert concordance_total(at) == 75

    def test_old_sort_values_still_work_and_bad_ones_say_so(self):
        at = run(TERMS, q="war", sort="left")
        assert at.multiselect(key="terms-sort").value == ["1L"]
        at = run(TERMS, q="war", sort="zz,1R")
        assert at.multiselect(key="terms-sort").value == ["1R"]
        assert any("not a sort key" in plain(w.value) for w in at.warning)

    @pytest.mark.parametrize("q,message", [("re:(", "not a valid regular expression"),
                                           ("!!!", "no word to look for")])
    def test_invalid_queries_are_messages(self, q, message):
        at = run(TERMS, q=q)
        assert any(message in plain(w.value) for w in at.warning)

    def test_a_phrase_does_not_find_the_hyphenated_word(self):
        at = run(TERMS, q="US NATO")
        assert any("No match" in plain(i.value) for i in at.info) or concordance_total(at) == 0

    def test_the_page_and_the_command_line_give_the_same_lines(self):
        assert DEFAULT_WIDTH == CLI_DEFAULT_WIDTH
        for q in ("US", "lemma:provoke", "non-imperialist"):
            at = run(TERMS, q=q)
            out = subprocess.run([sys.executable, "-m", "lib", "kwic", q], cwd=ROOT, capture_output=True, text=True,
                                 timeout=300, env={**os.environ, "CORPUS_DIR": "corpus"})
            assert out.returncode == 0, out.stderr
            records = [json.loads(line) for line in out.stdout.splitlines()]
            assert len(records) == concordance_total(at), q
            shown = next(m.value for m in at.markdown if "pl-kwic" in m.value and "<table" in m.value)
            assert records[0]["node"] in shown and f"at={records[0]['start']}" in shown


class TestNumbersInLists:
    def test_numbers_and_months_only_with_nums(self):
        options = run(TERMS).selectbox(key="terms-pick-top").options
        assert "2022" not in options and "march" not in options
        options = run(TERMS, nums="1").selectbox(key="terms-pick-top").options
        assert "2022" in options
        assert uses(run(TERMS, term="2022")) >= 1  # a term's own view still finds it


class TestDocumentAndCompare:
    def test_document_search_uses_the_query_language(self):
        at = run(DOCUMENT, doc=WSWS, q="US")
        assert any("'US': 27 hits" in plain(c.value) for c in at.caption) or any(
            re.search(r"'US': \d+ hits", plain(c.value)) for c in at.caption)
        at_case = run(DOCUMENT, doc=WSWS, q="Iso", case="1")
        assert any("'Iso': 0 hits" in plain(c.value) for c in at_case.caption)
        at_bad = run(DOCUMENT, doc=WSWS, q="re:[")
        assert any("not a valid regular expression" in plain(w.value) for w in at_bad.warning)

    def test_document_search_count_is_the_reference(self):
        text = next(t for t in load_corpus(ROOT / "corpus").documents.itertuples() if t.doc_id == WSWS).text
        at = run(DOCUMENT, doc=WSWS, q="US-NATO")
        n = reference_count([text], "US-NATO")
        assert n > 0 and any(f"'US-NATO': {n} hit" in plain(c.value) for c in at.caption)

    def test_compare_highlights_a_typed_query(self):
        at = run(COMPARE, a=WSWS, b=CPGB, term="provok*")
        lines = [plain(c.value) for c in at.caption if "in context" in plain(c.value)]
        assert lines and re.search(r"\d+ line\(s\) in A", lines[0])
        assert any("'provok*':" in plain(m.value) for m in at.markdown)
