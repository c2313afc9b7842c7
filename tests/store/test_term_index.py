"""lib/store/term_index.py: the coded term counts give exactly what the plain pandas computations give."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lib.analysis import compare, terms
from lib.store.term_index import TermIndex

# Rows deliberately not in document order, with a term only one document uses and a stop-edged n-gram.
ROWS = pd.DataFrame({
    "doc_id": ["b", "a", "a", "c", "b", "a", "c", "b"],
    "unit": ["word"] * 8, "n": [1] * 8,
    "term": ["war", "war", "the", "peace", "nato", "nato", "war", "the"],
    "count": [3, 2, 7, 1, 4, 1, 5, 2],
    "stop_edge": [False, False, True, False, False, False, False, True],
})


def reference_totals(frame: pd.DataFrame, ids: set[str], *, stop: bool) -> pd.Series:
    rows = frame[frame["doc_id"].astype(str).isin(ids)]
    if not stop:
        rows = rows[~rows["stop_edge"]]
    return rows.groupby(rows["term"].astype(str))["count"].sum().astype(np.int64)


@pytest.fixture(params=["strings", "categories"])
def frame(request) -> pd.DataFrame:
    if request.param == "strings":
        return ROWS.copy()
    return ROWS.astype({"doc_id": "category", "term": "category", "unit": "category"})


class TestTermIndex:
    @pytest.mark.parametrize("ids", [{"a"}, {"a", "b"}, {"a", "b", "c"}, {"c", "unknown"}])
    @pytest.mark.parametrize("stop", [True, False])
    def test_totals_match_a_plain_group_sum(self, frame, ids, stop):
        got = TermIndex(frame).totals(ids, stop=stop)
        expected = reference_totals(frame, ids, stop=stop)
        assert got.to_dict() == expected.to_dict()
        assert list(got.index) == sorted(got.index)  # sorted by term, like a groupby

    def test_nothing_selected_gives_empty_results(self, frame):
        index = TermIndex(frame)
        assert index.totals(["nope"]).empty
        assert index.select([], stop=True).empty
        assert index.frame(["nope"]).empty
        assert list(index.frame(["nope"]).columns) == ["doc_id", "unit", "n", "term", "count", "stop_edge"]

    def test_select_keeps_each_document_and_term_once_in_document_order(self, frame):
        rows = TermIndex(frame).select(["b", "a"], stop=False)
        assert list(zip(rows["doc_id"].astype(str), rows["term"].astype(str), rows["count"])) == [
            ("a", "war", 2), ("a", "nato", 1), ("b", "war", 3), ("b", "nato", 4)]
        # Only the values present are categories: a grouping never meets terms of other documents.
        assert set(rows["term"].cat.categories) == {"war", "nato"}

    def test_extra_stop_words_drop_terms_by_their_edge_words(self):
        grams = pd.DataFrame({"doc_id": ["a", "a", "a"], "unit": ["word"] * 3, "n": [2] * 3,
                              "term": ["war in ukraine", "peace talks", "russia and ukraine"],
                              "count": [1, 2, 3], "stop_edge": [False, False, False]})
        rows = TermIndex(grams).select(["a"], extra_stop=["ukraine"])
        assert list(rows["term"].astype(str)) == ["peace talks"]

    def test_one_term(self, frame):
        rows = TermIndex(frame).select(["a", "b", "c"], stop=True, term="war")
        assert dict(zip(rows["doc_id"].astype(str), rows["count"])) == {"a": 2, "b": 3, "c": 5}
        assert TermIndex(frame).select(["a"], term="absent").empty

    def test_frame_is_the_slice_as_stored(self, frame):
        got = TermIndex(frame).frame(["c", "a"], stop=False)
        expected = frame[frame["doc_id"].astype(str).isin({"a", "c"}) & ~frame["stop_edge"]]
        key = lambda f: sorted(zip(f["doc_id"].astype(str), f["term"].astype(str), f["count"].astype(int)))  # noqa: E731
        assert key(got) == key(expected)
        assert set(got["unit"].astype(str)) == {"word"} and set(got["n"]) == {1}
        assert str(got["count"].dtype) == "int32" and str(got["n"].dtype) == "int8"

    def test_group_profiles_give_the_cosine_of_summed_documents(self, frame):
        groups = {"A": ["a"], "BC": ["b", "c"]}
        sims = compare.cosine_matrix(TermIndex(frame).profiles(groups, stop=False), list(groups))
        # Content rows: A = war 2, nato 1; B+C = war 8, nato 4, peace 1.
        a, bc = np.array([2, 1, 0]), np.array([8, 4, 1])
        assert sims.loc["A", "BC"] == pytest.approx(a @ bc / np.linalg.norm(a) / np.linalg.norm(bc))
        assert sims.loc["A", "A"] == 1.0


class TestTermsOnCategories:
    """lib.analysis.terms on select_counts output (categoricals) gives what it gave on plain strings."""

    def test_term_table_counts_documents_and_sorts_ties_by_name(self):
        docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "org_short": ["X", "Y", "Y"], "n_words": [100, 100, 100]})
        table = terms.term_table(terms.select_counts(ROWS, ["a", "b", "c"], stop=True), docs)
        assert list(table["term"]) == ["war", "the", "nato", "peace"]  # 10, 9, 5, 1
        assert dict(zip(table["term"], table["documents"])) == {"war": 3, "the": 2, "nato": 2, "peace": 1}

    def test_top_terms_per_org_ties_sort_by_name_not_category_code(self):
        docs = pd.DataFrame({"doc_id": ["a", "b"], "org_short": ["X", "X"], "n_words": [10, 10]})
        rows = terms.select_counts(pd.DataFrame({
            "doc_id": ["a", "a", "b"], "unit": ["word"] * 3, "n": [1] * 3, "term": ["zeta", "alpha", "mid"],
            "count": [2, 2, 2], "stop_edge": [False] * 3}), ["a", "b"])
        top = terms.top_terms_per_org(rows, docs, top=3)
        assert list(top["term"]) == ["alpha", "mid", "zeta"]


class TestNumbers:
    FRAME = pd.DataFrame({
        "doc_id": ["a"] * 6, "unit": ["word"] * 6, "n": [2] * 6,
        "term": ["war 2022", "in june", "june war", "g7 summit", "the war", "1,000 troops"],
        "count": [1, 2, 3, 4, 5, 6], "stop_edge": [False, True, False, False, True, False],
    })

    def test_numbers_dates_and_months_at_either_end_are_left_out(self):
        index = TermIndex(self.FRAME)
        kept = set(index.select(["a"], stop=True, nums=False)["term"].astype(str))
        assert kept == {"g7 summit", "the war"}
        assert len(index.select(["a"], stop=True, nums=True)) == 6
        assert list(index.numeric_terms()) == [n in {"war 2022", "in june", "june war", "1,000 troops"}
                                               for n in index.term_names]
