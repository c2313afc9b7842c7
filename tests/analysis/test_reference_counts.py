"""Reference counts (../shared/DESIGN.md "Words, normal forms and queries") over real text.

For every word W of the corpus, tests/data/heldout and tests/data/words (ordinary and
hyphenated words with at least one letter, as the words layer writes them), the concordance
lines for W equal the matches of ``(?<![\\w-])W(?![\\w-])`` in the cleaned text —
case-insensitive, or case-sensitive for an acronym — and so does the term's count on the
Terms page (``lookup_term``). Two consequences of the normal forms are part of the reference:
a dotted spelling counts as its acronym ("U.S." is "US"), and a case-insensitive match spelled
as an acronym is not the word ("US" is not "us").
"""

from __future__ import annotations

import re

import pytest

from lib.analysis import query, terms
from lib.nlp.gazetteer import acronym_form
from lib.store import counts
from lib.store.term_index import TermIndex
from tests.realtext import annotated_folders

pytestmark = pytest.mark.slow
WORD = re.compile(r"(?=.*[^\W\d_])[^\W_]+(?:[-'’][^\W_]+)*")


def reference_count(texts, word: str) -> int:
    form = acronym_form(word)
    acronym = form != form.lower()
    patterns = [re.escape(word)]
    if acronym and word.isalpha():
        dotted = r"\.".join(word)
        patterns += [dotted + r"\.", dotted + r"(?!\.)"]
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(patterns) + r")(?![\w-])", 0 if acronym else re.I)
    return sum(1 for text in texts for m in pattern.finditer(text) if acronym or acronym_form(m.group()) == form)


@pytest.fixture(scope="module", params=["corpus", "heldout", "texts"])
def folder(request):
    docs, ann = annotated_folders()[request.param]
    table = counts.term_counts(ann.tokens)
    indexes = {(u, n): TermIndex(table[(table["unit"] == u) & (table["n"] == n)], unit=u, n=n)
               for u in ("word", "lemma") for n in (1, 2, 3)}
    words = counts.word_table(ann.tokens)
    return docs, words, indexes


def test_every_word_has_its_reference_count(folder):
    docs, words, indexes = folder
    texts = list(docs["text"])
    vocabulary = sorted({w for w in words.loc[words["is_word"], "text"] if WORD.fullmatch(w)})
    assert len(vocabulary) > 100
    wrong = []
    for word in vocabulary:
        expected = reference_count(texts, word)
        conc = query.concordance(query.parse_query(word), docs, words_for=lambda ids: words[words["doc_id"].isin(ids)],
                                 index_for=lambda u, n: indexes[u, n], max_lines=None)
        term = terms.lookup_term(word, docs, lambda n: indexes["word", n])
        uses = int(term.per_doc["count"].sum()) if not term.per_doc.empty else 0
        if not conc.total == len(conc.lines) == uses == expected:
            wrong.append((word, conc.total, len(conc.lines), uses, expected))
    assert wrong == []


def test_hyphenated_words_and_acronyms_by_scanning_too(folder):
    docs, words, indexes = folder
    texts = list(docs["text"])
    chosen = sorted({w for w in words.loc[words["is_word"], "text"] if WORD.fullmatch(w)
                     and ("-" in w or acronym_form(w) != acronym_form(w).lower())})
    assert chosen
    for word in chosen:
        conc = query.concordance(query.parse_query(word), docs, words_for=lambda ids: words[words["doc_id"].isin(ids)],
                                 index_for=None, max_lines=None)
        assert (word, conc.total) == (word, reference_count(texts, word))


def test_the_figures_of_the_issue(folder):
    docs, words, indexes = folder
    texts = list(docs["text"])
    for word in ("US", "us", "secretary-general", "Secretary-General", "NATO", "rules-based", "Indo-Pacific"):
        term = terms.lookup_term(word, docs, lambda n: indexes["word", n])
        uses = int(term.per_doc["count"].sum()) if not term.per_doc.empty else 0
        assert uses == reference_count(texts, word), word
