"""Tests of lib/nlp/evaluate.py: metric functions on tiny hand-computed inputs."""

from __future__ import annotations

import pytest

from lib.nlp.evaluate import Mention, bcubed, detection, in_scope, label_score, match_pairs, prf, score


def m(start, end, label="PERSON", actor="A", doc="d"):
    return Mention(doc, start, end, label, actor)


class TestPRF:
    def test_f1(self):
        assert prf(1, 2, 1, 4).f1 == pytest.approx(2 * 0.5 * 0.25 / 0.75)

    def test_empty_sides(self):
        assert prf(0, 0, 0, 0).f1 == 1.0
        assert prf(0, 0, 0, 3).f1 == 0.0


class TestDetection:
    gold = [m(0, 5), m(10, 15), m(20, 25)]
    pred = [m(1, 5), m(10, 15), m(30, 35)]

    def test_overlap(self):
        r = detection(self.gold, self.pred, exact=False)
        assert (r.precision, r.recall) == pytest.approx((2 / 3, 2 / 3))

    def test_exact(self):
        r = detection(self.gold, self.pred, exact=True)
        assert (r.precision, r.recall) == pytest.approx((1 / 3, 1 / 3))

    def test_other_document_never_overlaps(self):
        assert detection([m(0, 5, doc="a")], [m(0, 5, doc="b")], exact=False).f1 == 0.0


class TestLabel:
    def test_one_to_one_pairs(self):
        gold = [m(0, 10, "ORG")]
        pred = [m(0, 6, "ORG"), m(7, 10, "PERSON")]
        pairs = match_pairs(gold, pred)
        assert len(pairs) == 1 and pairs[0][1] == pred[0]  # largest overlap wins
        r = label_score(gold, pred)
        assert (r.precision, r.recall) == pytest.approx((1 / 2, 1.0))

    def test_wrong_label(self):
        assert label_score([m(0, 5, "ORG")], [m(0, 5, "PERSON")]).f1 == 0.0


class TestBCubed:
    def test_perfect(self):
        r = bcubed([("x", "1"), ("x", "1"), ("y", "2")])
        assert (r.precision, r.recall) == (1.0, 1.0)

    def test_split_cluster(self):
        # gold x has 2 items predicted as two clusters: recall 1/2 for each of them.
        r = bcubed([("x", "1"), ("x", "2")])
        assert r.precision == 1.0 and r.recall == pytest.approx(0.5)

    def test_merged_clusters(self):
        # predicted cluster 1 holds x, x, y: precision 2/3, 2/3, 1/3 -> 5/9.
        r = bcubed([("x", "1"), ("x", "1"), ("y", "1")])
        assert r.precision == pytest.approx(5 / 9) and r.recall == 1.0


def test_scope_and_furniture():
    gold = [m(0, 5, "PERSON"), m(10, 15, "DEMONYM"), m(100, 105, "ORG")]
    regions = {"d": [(98, 110)]}
    kept = in_scope(gold, regions)
    assert kept == [gold[0]]
    s = score(gold, [m(0, 5, "PERSON"), m(100, 104, "ORG")], regions)
    assert s.n_gold == 1 and s.n_pred == 1 and s.detection_exact.f1 == 1.0


class TestMetadataScoring:
    def test_titles_and_authors_compare_as_issue_14_says(self):
        from lib.nlp.evaluate import same_date, same_text

        assert same_text("Starmer’s Israel U-turn", "starmer's israel u turn")  # NFKC, case, punctuation runs
        assert same_text("", "") and not same_text("", "F P Report")  # an absent author must stay absent
        assert not same_text("Pre-summit press conference", "NATO - Opinion: Pre-summit press conference")
        assert same_date("2025-08", "2025-08") and same_date("2024-06-03", "2024-06-03T14:12:25+01:00")
        assert not same_date("2024-06-03", "2024-06")

    def test_score_counts_each_field(self):
        from lib.nlp.evaluate import MetadataScore

        score = MetadataScore()
        score.add("a.html", {"title": "A", "author": "", "date": "2024-01-02"}, {"title": "A | Site", "author": "",
                                                                                "date": "2024-01-02"})
        assert (score.n, score.titles, score.authors, score.dates) == (1, 0, 1, 1)
        assert score.misses == [("a.html", "title", "A", "A | Site")]
