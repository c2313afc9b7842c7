"""Realistic token tables for unit tests: the English tokenizer and sentence rules, no model.

``spacy.blank("en")`` tokenizes exactly as the pinned model does (same prefix, suffix, infix
and exception rules), and the rule-based sentencizer with the block-boundary component of
``lib.nlp.engine`` splits sentences. Tests of the words layer, queries and the reader use it,
so a test's "Russia’s" or "secretary-general" is split as real annotation splits it.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from lib import contracts


@cache
def _nlp():
    import spacy

    from lib.nlp.engine import BLOCK_BOUNDARIES

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe(BLOCK_BOUNDARIES, before="sentencizer")
    return nlp


def tokens_of(doc_id: str, text: str, *, stop: frozenset[str] | set[str] = frozenset()) -> pd.DataFrame:
    """The token table (``TOKEN_COLUMNS``) of one text; ``stop``: lower-cased stop words
    (default: spaCy's English stop words)."""
    doc = _nlp()(text)
    rows = []
    for sent_id, sent in enumerate(doc.sents):
        for tok in sent:
            if tok.is_space:
                continue
            rows.append((doc_id, sent_id, tok.i, tok.idx, tok.text, tok.lower_, tok.lower_, "X",
                         tok.lower_ in stop if stop else bool(tok.is_stop), tok.is_alpha))
    return pd.DataFrame(rows, columns=contracts.TOKEN_COLUMNS)


def words_of(doc_id: str, text: str) -> pd.DataFrame:
    """The words layer (``lib.store.counts.word_table``) of one text."""
    from lib.store.counts import word_table

    return word_table(tokens_of(doc_id, text))
