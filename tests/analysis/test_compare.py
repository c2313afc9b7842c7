"""lib.analysis.compare: similarity, matrix, pairs, differences, shared n-grams, actor sets (hand-computed)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from lib.analysis import compare
from tests.reference import content_words


def _tc(rows: list[tuple[str, str, int]], *, n: int = 1, stop: set[str] = frozenset()) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": [r[0] for r in rows], "unit": "word", "n": n, "term": [r[1] for r in rows],
                         "count": [r[2] for r in rows], "stop_edge": [r[1] in stop for r in rows]})


# a = (war 3, nato 4), b = (war 4, nato 3, peace 0) → cos = (12 + 12) / (5 · 5) = 0.96
TC = _tc([("a", "war", 3), ("a", "nato", 4), ("a", "the", 50), ("b", "war", 4), ("b", "nato", 3),
          ("c", "peace", 2), ("d", "war", 1)], stop={"the"})


class TestContentWords:
    def test_drops_stop_words_and_other_slices(self):
        mixed = pd.concat([TC, _tc([("a", "war in", 1)], n=2)], ignore_index=True)
        assert sorted(content_words(mixed)["term"].unique()) == ["nato", "peace", "war"]


class TestProfile:
    def test_one_and_several(self):
        assert compare.profile(TC, "a").to_dict() == {"nato": 4.0, "the": 50.0, "war": 3.0}
        assert compare.profile(TC, ["b", "d"]).to_dict() == {"nato": 3.0, "war": 5.0}
        assert compare.profile(TC, "zzz").empty


class TestCosine:
    def test_hand_computed(self):
        assert compare.cosine({"war": 3, "nato": 4}, {"war": 4, "nato": 3}) == pytest.approx(24 / 25)

    def test_identical_orthogonal_empty(self):
        assert compare.cosine({"x": 2, "y": 1}, {"x": 4, "y": 2}) == pytest.approx(1.0)
        assert compare.cosine({"x": 1}, {"y": 1}) == 0.0
        assert compare.cosine({}, {"y": 1}) == 0.0
        assert compare.cosine({"x": 0}, {"x": 0}) == 0.0

    def test_partial_overlap(self):
        # (1,1,0)·(0,1,1) = 1; norms √2 · √2 → 0.5
        assert compare.cosine({"a": 1, "b": 1}, {"b": 1, "c": 1}) == pytest.approx(0.5)


class TestReading:
    @pytest.mark.parametrize(("value", "words"), [
        (1.0, "very similar vocabulary"), (0.8, "very similar vocabulary"), (0.79, "similar vocabulary"),
        (0.6, "similar vocabulary"), (0.5, "some overlap in vocabulary"), (0.39, "different vocabulary"),
        (0.0, "different vocabulary")])
    def test_thresholds(self, value, words):
        assert compare.reading(value) == words


class TestSimilarityMatrix:
    def test_documents(self):
        words = content_words(TC)
        m = compare.similarity_matrix(words, {"a": ["a"], "b": ["b"], "c": ["c"]})
        assert list(m.index) == ["a", "b", "c"] == list(m.columns)
        assert m.loc["a", "b"] == pytest.approx(0.96) and m.loc["b", "a"] == pytest.approx(0.96)
        assert m.loc["a", "c"] == 0.0
        assert [m.loc[x, x] for x in "abc"] == [1.0, 1.0, 1.0]

    def test_pooled_groups(self):
        # Org X pools a + c = (war 3, nato 4, peace 2); org Y pools b + d = (war 5, nato 3).
        # dot = 15 + 12 = 27; |X| = √29, |Y| = √34.
        words = content_words(TC)
        m = compare.similarity_matrix(words, {"X": ["a", "c"], "Y": ["b", "d"]})
        assert m.loc["X", "Y"] == pytest.approx(27 / math.sqrt(29 * 34))

    def test_group_without_words(self):
        m = compare.similarity_matrix(content_words(TC), {"a": ["a"], "empty": ["nothing"]})
        assert m.loc["empty", "empty"] == 0.0 and m.loc["a", "empty"] == 0.0

    def test_no_groups(self):
        assert compare.similarity_matrix(TC, {}).empty


class TestMatrixGroups:
    DOCS = pd.DataFrame({"doc_id": ["d1", "d2", "d3"], "org_short": ["b", "A", "b"]})

    def test_documents_up_to_the_limit(self):
        assert compare.matrix_groups(self.DOCS, max_documents=3) == ({"d1": ["d1"], "d2": ["d2"], "d3": ["d3"]},
                                                                     "document")

    def test_pooled_beyond_it(self):
        assert compare.matrix_groups(self.DOCS, max_documents=2) == ({"A": ["d2"], "b": ["d1", "d3"]}, "organisation")


class TestRankedPairs:
    def test_closest_and_furthest(self):
        m = pd.DataFrame([[1, 0.9, 0.1], [0.9, 1, 0.5], [0.1, 0.5, 1]], index=list("xyz"), columns=list("xyz"))
        closest, furthest = compare.ranked_pairs(m, k=2)
        assert closest.values.tolist() == [["x", "y", 0.9], ["y", "z", 0.5]]
        assert furthest.values.tolist() == [["x", "z", 0.1], ["y", "z", 0.5]]

    def test_single_document(self):
        closest, furthest = compare.ranked_pairs(pd.DataFrame([[1.0]], index=["x"], columns=["x"]))
        assert closest.empty and furthest.empty


class TestPairLinks:
    def test_documents_and_organisations(self):
        pairs = pd.DataFrame({"a": ["X"], "b": ["d9"], "similarity": [0.5]})
        out = compare.pair_links(pairs, {"X": ["d1", "d2"], "d9": ["d9"]})
        assert out[["doc_a", "doc_b"]].values.tolist() == [["d1", "d9"]]


class TestDifferences:
    def test_both_directions_from_keyness(self):
        tc = _tc([("a", "war", 20), ("a", "peace", 1), ("a", "nato", 10), ("b", "war", 2), ("b", "peace", 30),
                  ("b", "nato", 10)])
        table = compare.differences(tc, "a", "b", words_a=1000, words_b=1000, top=1, min_count=2)
        # war: 20 vs 2 → A; peace: 1 vs 30 → B; nato equal → neither side's top 1.
        assert table["term"].tolist() == ["peace", "war"]
        assert table["direction"].tolist() == ["reference", "target"]
        assert table.loc[1, "log_ratio"] == pytest.approx(math.log2(10))

    def test_empty_side(self):
        assert compare.differences(TC, "a", "b", words_a=0, words_b=10).empty


class TestTopByDirection:
    def test_keeps_top_of_each(self):
        table = pd.DataFrame({"term": list("abcd"), "g2": [9, 8, 7, 6], "log_ratio": [2, -1, 1, -3],
                              "direction": ["target", "reference", "target", "reference"]})
        assert compare.top_by_direction(table, top=1)["term"].tolist() == ["b", "a"]


NGRAMS = pd.concat([
    _tc([("a", "working class", 2), ("a", "of the", 9), ("a", "proxy war", 1), ("b", "working class", 5),
         ("b", "of the", 7), ("b", "proxy war", 1), ("b", "only b", 3)], n=2, stop={"of the"}),
    _tc([("a", "war in ukraine", 1), ("b", "war in ukraine", 2), ("a", "only a here", 4)], n=3),
], ignore_index=True)


class TestSharedNgrams:
    def test_shared_sorted_by_the_smaller_count(self):
        shared = compare.shared_ngrams(NGRAMS, "a", "b")
        assert shared.values.tolist() == [["working class", 2, 2, 5], ["war in ukraine", 3, 1, 2],
                                          ["proxy war", 2, 1, 1]]

    def test_stop_edges_on_request(self):
        assert "of the" in compare.shared_ngrams(NGRAMS, "a", "b", keep_stop_edges=True)["term"].tolist()

    def test_slices_given_separately(self):
        two = NGRAMS[NGRAMS["n"] == 2].assign(doc_id=lambda f: f["doc_id"].astype("category"))
        three = NGRAMS[NGRAMS["n"] == 3]
        assert compare.shared_ngrams([two, three], "a", "b").equals(compare.shared_ngrams(NGRAMS, "a", "b"))

    def test_nothing_shared(self):
        assert compare.shared_ngrams(NGRAMS, "a", "zzz").empty


ACTOR_COUNTS = pd.DataFrame({
    "doc_id": ["a", "a", "a", "b", "b", "b"],
    "actor": ["Russia", "Russia", "NATO", "Russia", "China", "Ukraine"],
    "label": ["STATE", "DEMONYM", "ORG", "STATE", "STATE", "DEMONYM"],
    "count": [4, 1, 2, 6, 3, 1],
})
ACTOR_TYPES = pd.DataFrame({"actor": ["Russia", "NATO", "China", "Ukraine"], "type": ["STATE", "ORG", "STATE", "STATE"]})


class TestActorSets:
    def test_both_only_a_only_b_with_rates(self):
        table = compare.actor_sets(ACTOR_COUNTS, ACTOR_TYPES, "a", "b", words_a=500, words_b=2000)
        assert table.values.tolist() == [
            ["Russia", "STATE", "both", 5, 6, 10.0, 3.0],
            ["NATO", "ORG", "only A", 2, 0, 4.0, 0.0],
            ["China", "STATE", "only B", 0, 3, 0.0, 1.5],
            ["Ukraine", "STATE", "only B", 0, 1, 0.0, 0.5],
        ]

    def test_without_demonyms(self):
        table = compare.actor_sets(ACTOR_COUNTS, ACTOR_TYPES, "a", "b", words_a=500, words_b=2000, demonyms=False)
        assert "Ukraine" not in table["actor"].tolist()
        assert table.loc[table["actor"] == "Russia", "count_a"].item() == 4

    def test_no_actors(self):
        assert compare.actor_sets(ACTOR_COUNTS, ACTOR_TYPES, "x", "y", words_a=1, words_b=1).empty


class TestDocLabel:
    def test_labels(self):
        row = {"doc_id": "d", "title": "A very long title that goes on", "org_short": "RCG", "date": "2025-08"}
        assert compare.doc_label(row, length=10) == "RCG 2025-08 · A very lo…"
        assert compare.doc_label({**row, "date": ""}, length=0) == "RCG"


class TestTermCandidates:
    def test_order_and_uniqueness(self):
        diff = pd.DataFrame({"term": ["nato", "peace"]})
        shared = pd.DataFrame({"term": ["working class", "nato"]})
        out = compare.term_candidates(diff, shared, content_words(TC), "a", "b", top=2)
        assert out == ["nato", "peace", "working class", "war"]  # war 7 and nato 7: ties by name
