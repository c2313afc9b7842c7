"""Independent reference computations the tests hold the app's faster code against."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from lib.analysis.rows import among, equal


def content_words(term_counts: pd.DataFrame) -> pd.DataFrame:
    """Word-unigram rows without stop words (the similarity's input)."""
    rows = term_counts
    if "n" in rows.columns:
        rows = rows[rows["n"].astype(int) == 1]
    if "unit" in rows.columns:
        rows = rows[equal(rows["unit"], "word")]
    return rows[~rows["stop_edge"].astype(bool)]


def rest_terms(term_counts: pd.DataFrame, doc_ids: Iterable[str], doc_id: str) -> pd.Series:
    """Term → count summed over ``doc_ids`` except ``doc_id`` (the keyness reference)."""
    others = {str(d) for d in doc_ids} - {doc_id}
    rows = term_counts[among(term_counts["doc_id"], others)]
    if rows.empty:
        return pd.Series(dtype=int)
    return rows.groupby(rows["term"].astype(str), observed=True)["count"].sum().astype(int)
