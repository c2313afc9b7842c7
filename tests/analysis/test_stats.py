"""lib/analysis/stats.py: dispersion, clusters, collocation measures, trends, keyness against a
reference — every number checked against its published definition by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from lib.analysis import filters, stats, terms
from tests.analysis.test_terms import COUNTS, DOCS, counts_table, docs_table, make_tokens


def node(text: str, term: str, *, doc_id: str = "d", stop: tuple[str, ...] = ()) -> stats.Node:
    return stats.find_node(make_tokens(doc_id, text, stop=stop), term)


def word_counts(*texts: str) -> pd.Series:
    """Word → frequency over texts, as the unigram count table holds them."""
    words = [w.lower() for t in texts for w in t.replace(".", " ").split()]
    return pd.Series(words).value_counts()


# ---------------------------------------------------------------- dispersion (Gries 2008)
class TestDP:
    def test_toy_corpus_by_hand(self):
        # Four parts of 10, 20, 30 and 40 words (expected shares .1 .2 .3 .4); the term is used
        # 2, 0, 3, 5 times (observed shares .2 0 .3 .5): DP = 0.5·(.1 + .2 + 0 + .1) = 0.2;
        # DP_norm = 0.2 / (1 − 0.1) = 0.2222…
        value, norm = stats.dp([2, 0, 3, 5], [10, 20, 30, 40])
        assert value == pytest.approx(0.2)
        assert norm == pytest.approx(0.2 / 0.9)

    def test_extremes(self):
        assert stats.dp([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx((0.0, 0.0))  # spread as the sizes
        # All in the smallest part: 0.5·(.9 + .2 + .3 + .4) = 0.9, the largest DP these parts allow → norm 1.
        assert stats.dp([5, 0, 0, 0], [10, 20, 30, 40]) == pytest.approx((0.9, 1.0))

    def test_equal_parts_match_the_published_formula(self):
        # Gries's formula with equal parts: DP = 0.5 · Σ |count_i / total − 1/n|.
        rng = np.random.default_rng(3)
        counts = rng.integers(0, 9, size=7)
        counts[0] += 1
        direct = 0.5 * sum(abs(c / counts.sum() - 1 / 7) for c in counts)
        assert stats.dp(counts, [100] * 7)[0] == pytest.approx(direct)

    def test_undefined_cases(self):
        assert all(math.isnan(v) for v in stats.dp([3], [100]))  # one part
        assert all(math.isnan(v) for v in stats.dp([0, 0], [10, 10]))  # no use
        assert all(math.isnan(v) for v in stats.dp([3, 0], [100, 0]))  # an empty part does not count


class TestDispersionByOrg:
    def test_one_article_against_spread_use(self):
        docs = docs_table([("a1", "A", 100, ""), ("a2", "A", 100, ""), ("a3", "A", 100, ""),
                           ("b1", "B", 100, ""), ("b2", "B", 100, ""), ("b3", "B", 100, "")])
        # A uses the term 9 times, all in one article; B 9 times, 3 in each.
        per_doc = pd.DataFrame({"doc_id": ["a1", "b1", "b2", "b3"], "count": [9, 3, 3, 3]})
        out = stats.dispersion_by_org(per_doc, docs).set_index(["scope", "parts"])
        a, b = out.loc[("A", "documents")], out.loc[("B", "documents")]
        assert a["count"] == b["count"] == 9 and a["range"] == 1 and b["range"] == 3
        # A: observed (1, 0, 0), expected (⅓, ⅓, ⅓): 0.5·(⅔ + ⅓ + ⅓) = ⅔; normalised ⅔ / ⅔ = 1.
        assert a["dp"] == pytest.approx(2 / 3) and a["dp_norm"] == pytest.approx(1.0)
        assert b["dp"] == pytest.approx(0.0)
        # Over all six documents: observed (.5, 0, 0, 1/6, 1/6, 1/6), expected 1/6 each.
        every = out.loc[(stats.ALL, "documents")]
        assert every["dp"] == pytest.approx(0.5 * (1 / 3 + 1 / 6 + 1 / 6))
        assert every["n_parts"] == 6 and every["per_1000"] == pytest.approx(18 / 600 * 1000)
        # Over the two organisations, 9 and 9 in equal halves: perfectly even.
        assert out.loc[(stats.ALL, "organisations"), "dp"] == pytest.approx(0.0)

    def test_parts_sized_by_their_words(self):
        docs = docs_table([("a1", "A", 900, ""), ("a2", "A", 100, "")])
        per_doc = pd.DataFrame({"doc_id": ["a1", "a2"], "count": [9, 1]})
        row = stats.dispersion_by_org(per_doc, docs).iloc[0]
        assert row["dp"] == pytest.approx(0.0)  # 90 % of the uses in 90 % of the words

    def test_one_document_is_not_measured(self):
        docs = docs_table([("a1", "A", 100, "")])
        row = stats.dispersion_by_org(pd.DataFrame({"doc_id": ["a1"], "count": [4]}), docs).iloc[0]
        assert math.isnan(row["dp"]) and row["count"] == 4


class TestDispersionInDocuments:
    def test_all_uses_at_the_start(self):
        text = "war war " + " ".join(f"w{k}" for k in range(18)) + "."
        out = stats.dispersion_in_documents(node(text, "war"), parts=10)
        row = out.iloc[0]
        # 20 words in ten stretches of two; both uses in the first: 0.5·(0.9 + 9·0.1) = 0.9 → norm 1.
        assert (row["count"], row["words"], row["parts"], row["range"]) == (2, 20, 10, 1)
        assert row["dp"] == pytest.approx(0.9) and row["dp_norm"] == pytest.approx(1.0)

    def test_even_spread_and_short_documents(self):
        text = " ".join("war" if k % 2 == 0 else "x" for k in range(20)) + "."
        assert stats.dispersion_in_documents(node(text, "war"), parts=10).iloc[0]["dp"] == pytest.approx(0.0)
        short = stats.dispersion_in_documents(node("war peace now.", "war"), parts=10).iloc[0]
        assert short["parts"] == 3  # never more stretches than words


# ---------------------------------------------------------------- clusters
class TestClusters:
    TEXT = "the war in ukraine. the war in gaza. war in ukraine, war. war war."

    def test_frequency_and_range(self):
        toks = pd.concat([make_tokens("d1", self.TEXT), make_tokens("d2", "war in ukraine.")], ignore_index=True)
        n = stats.find_node(toks, "war")
        out = stats.clusters(n, min_freq=1, org_of={"d1": "A", "d2": "B"}).set_index("cluster")
        assert out.loc["war in", "frequency"] == 4 and out.loc["war in", "documents"] == 2
        assert out.loc["war in ukraine", "frequency"] == 3 and out.loc["war in ukraine", "organisations"] == 2
        assert out.loc["the war in", "frequency"] == 2 and out.loc["the war in", "words"] == 3
        assert out.loc["the war in ukraine", "frequency"] == 1
        # "ukraine, war": a comma between is not a run; "war war" holds the node twice, counted once.
        assert "ukraine war" not in out.index
        assert out.loc["war war", "frequency"] == 1

    def test_sizes_min_freq_and_a_two_word_node(self):
        n = node(self.TEXT, "war in")
        out = stats.clusters(n, sizes=(2, 3), min_freq=2)
        assert set(out["cluster"]) == {"the war in", "war in ukraine"}  # 2-word clusters = the node itself: none
        assert stats.clusters(node("a b.", "zzz")).empty


# ---------------------------------------------------------------- collocates
class TestCollocationMeasures:
    TEXT = "a x b. c a x b a."

    def table(self, **options) -> pd.DataFrame:
        return stats.collocation_table(node(self.TEXT, "x"), frequencies=word_counts(self.TEXT), stop=True,
                                       min_cooc=1, **options).set_index("collocate")

    def test_by_hand(self):
        out = self.table(left=1, right=1)
        # N = 8 words; f(x) = 2; 'a': f(y) = 3, both times at L1 → O = 2; span = 2;
        # E = 2·3·2 / 8 = 1.5.
        a = out.loc["a"]
        assert (a["f_xy"], a["f_x"], a["f_y"]) == (2, 2, 3) and a["expected"] == pytest.approx(1.5)
        assert a["mi"] == pytest.approx(math.log2(2 / 1.5))
        assert a["t_score"] == pytest.approx((2 - 1.5) / math.sqrt(2))
        assert a["log_dice"] == pytest.approx(14 + math.log2(2 * 2 / (2 + 3)))
        # 2×2 table: window slots R1 = 2·2 = 4, collocate C1 = 3, N = 8:
        # O = (2, 2 / 1, 3), E = (4·3/8, 4·5/8 / 4·3/8, 4·5/8) = (1.5, 2.5 / 1.5, 2.5).
        g2 = 2 * (2 * math.log(2 / 1.5) + 2 * math.log(2 / 2.5) + 1 * math.log(1 / 1.5) + 3 * math.log(3 / 2.5))
        assert a["log_likelihood"] == pytest.approx(g2)
        assert (a["L1"], a["R1"]) == (2, 0) and (out.loc["b", "L1"], out.loc["b", "R1"]) == (0, 2)

    def test_left_and_right_windows_apart(self):
        out = self.table(left=0, right=2)
        assert list(out.columns[-2:]) == ["R1", "R2"] and "L1" not in out.columns
        # 'b' right after both; 'a' two after the second only ("x b a"): the first sentence ends sooner.
        assert (out.loc["b", "R1"], out.loc["a", "R1"], out.loc["a", "R2"]) == (2, 0, 1)
        assert out.loc["b", "expected"] == pytest.approx(2 * 2 * 2 / 8)
        wide = self.table(left=3, right=0)
        # L3 of the first x is before the text; of the second: "b" in the first sentence — another sentence.
        assert set(wide.index) == {"a", "c"} and wide.loc["c", "L2"] == 1

    def test_below_expected_is_negative_log_likelihood(self):
        # 'the' is everywhere but near the node once only: O < E.
        text = "the the the the the the the the the x b."
        out = stats.collocation_table(node(text, "x"), frequencies=word_counts(text), left=1, right=1, stop=True,
                                      min_cooc=1, corpus_words=1000).set_index("collocate")
        assert out.loc["the", "log_likelihood"] > 0  # in 1,000 words 'the' would be rare: attracted
        small = stats.collocation_table(node(text, "x"), frequencies=word_counts(text), left=1, right=1,
                                        stop=True, min_cooc=1).set_index("collocate")
        # N = 11, f(the) = 9, O = 1 < E = 1·9·2/11.
        assert small.loc["the", "expected"] == pytest.approx(18 / 11) and small.loc["the", "log_likelihood"] < 0

    def test_minimum_frequencies_stop_words_and_sentences(self):
        text = "the war. peace now."
        out = stats.collocation_table(node(text, "war", stop=("the",)), frequencies=word_counts(text), left=3,
                                      right=3, stop=False, min_cooc=1)
        assert out.empty  # 'the' is a stop word; 'peace' is in the next sentence
        assert self.table(left=1, right=1, min_freq=3).index.tolist() == ["a"]  # f(b) = 2 < 3
        assert stats.collocation_table(node(self.TEXT, "x"), frequencies=word_counts(self.TEXT), min_cooc=4).empty
        assert stats.collocation_table(node("a b.", "zzz"), frequencies={}).empty

    def test_log_dice_formula(self):
        assert float(stats.log_dice(2, 2, 2)) == pytest.approx(14.0)
        assert float(stats.log_dice(1, 4, 4)) == pytest.approx(14 + math.log2(2 / 8))

    def test_sorting_by_each_measure(self):
        out = stats.collocation_table(node(self.TEXT, "x"), frequencies=word_counts(self.TEXT), left=2, right=2,
                                      stop=True, min_cooc=1)
        for measure in stats.MEASURES:
            ranked = stats.sort_collocates(out, by=measure)
            assert ranked[measure].is_monotonic_decreasing


class TestCollocatesByOrg:
    def test_each_organisation_on_its_own_counts(self):
        t1, t2 = "a x b. a x c.", "d x b."
        toks = pd.concat([make_tokens("d1", t1), make_tokens("d2", t2)], ignore_index=True)
        n = stats.find_node(toks, "x")
        out = stats.collocates_by_org(n, org_of={"d1": "A", "d2": "B"},
                                      frequencies={"A": word_counts(t1), "B": word_counts(t2)}, left=1, right=1,
                                      stop=True, min_cooc=1)
        a = out[out["org_short"] == "A"].set_index("collocate")
        assert a.loc["a", "f_x"] == 2 and a.loc["a", "f_xy"] == 2 and "d" not in a.index
        # B's N is its own 3 words: E(b) = 1·1·2/3.
        b = out[out["org_short"] == "B"].set_index("collocate")
        assert b.loc["b", "expected"] == pytest.approx(2 / 3)
        wide = stats.side_by_side(out, measure="log_dice", top=5)
        assert list(wide.columns) == ["rank", "A", "B"] and wide.loc[0, "A"].startswith("a (")
        assert wide["B"].iloc[-1] == ""  # B has fewer collocates than A: an empty cell
        with_c = stats.side_by_side(out, orgs=["A", "B", "C"])
        assert list(with_c.columns) == ["rank", "A", "B", "C"] and set(with_c["C"]) == {""}


# ---------------------------------------------------------------- trends
class TestTrends:
    def rows(self, term: str) -> pd.DataFrame:
        return terms.select_term_counts(COUNTS, ["a1", "a2", "b1"], term)

    def test_several_terms_by_org_and_pooled(self):
        out = stats.trends({"war": self.rows("war"), "peace": self.rows("peace")}, DOCS)
        assert list(dict.fromkeys(out["term"])) == ["war", "peace"]
        war = out[out["term"] == "war"]
        assert list(zip(war["period"], war["org_short"], war["count"])) == [
            ("2024", "A", 6), ("2025", "A", 4), ("2025", "B", 5)]
        assert str(war["date"].dtype).startswith("datetime64") and war["date"].iloc[0] == pd.Timestamp("2024-01-01")
        pooled = stats.trends({"war": self.rows("war")}, DOCS, pooled=True)
        assert list(zip(pooled["period"], pooled["count"], pooled["words"])) == [("2024", 6, 1000),
                                                                                 ("2025", 9, 3000)]
        assert set(pooled["org_short"]) == {stats.ALL}
        assert pooled["per_1000"].tolist() == pytest.approx([6.0, 3.0])

    def test_months_and_undated(self):
        month = stats.trends({"war": self.rows("war")}, DOCS, freq="month")
        assert month["date"].tolist() == [pd.Timestamp("2024-01-01"), pd.Timestamp("2025-03-01")]
        assert stats.undated_count(DOCS, freq="month") == 1  # b1 is dated to the year only
        assert stats.undated_count(DOCS.assign(date=["", "2025", ""]), freq="year") == 2
        assert stats.trends({"war": self.rows("war")}, DOCS.assign(date="")).empty


# ---------------------------------------------------------------- keyness against a reference
THREE = docs_table([("a1", "A", 1000, ""), ("a2", "A", 1000, ""), ("b1", "B", 2000, ""), ("c1", "C", 4000, "")]) \
    .assign(organisation=lambda d: d["org_short"].map({"A": "Alpha Party", "B": "Beta League", "C": "Gamma"}))
THREE_COUNTS = counts_table([("a1", "war", 6, False), ("a2", "war", 4, False), ("b1", "war", 5, False),
                             ("c1", "war", 2, False), ("b1", "peace", 12, False), ("c1", "peace", 3, False),
                             ("a1", "the", 50, True), ("c1", "the", 200, True)])


class TestKeynessSides:
    def test_references(self):
        rest = stats.keyness_sides(THREE, ["A"], "rest")
        assert (rest.target_ids, rest.reference_ids, rest.target_words, rest.reference_words) == (
            ["a1", "a2"], ["b1", "c1"], 2000, 6000)
        every = stats.keyness_sides(THREE, ["A"], "all")
        assert every.reference_ids == ["a1", "a2", "b1", "c1"] and every.reference_name == "the whole selection"
        one = stats.keyness_sides(THREE, ["A"], "C")
        assert one.reference_ids == ["c1"] and one.reference_words == 4000 and one.reference_name == "C"
        groups = stats.keyness_sides(THREE, ["A", "B"], ["C"])
        assert groups.target_ids == ["a1", "a2", "b1"] and groups.target_name == "A + B"

    def test_refusals_say_why(self):
        with pytest.raises(stats.SidesError, match="both sides"):
            stats.keyness_sides(THREE, ["A"], ["A", "B"])
        with pytest.raises(stats.SidesError, match="not in the selection"):
            stats.keyness_sides(THREE, ["A"], "Z")
        with pytest.raises(stats.SidesError, match="no documents"):
            stats.keyness_sides(THREE[THREE["org_short"] == "A"], ["A"], "rest")
        with pytest.raises(stats.SidesError, match="at least one"):
            stats.keyness_sides(THREE, [], "rest")

    def test_match_orgs(self):
        assert filters.match_orgs(THREE, ["alpha party", "B", "b", "Nope"]) == (["A", "B"], ["Nope"])


class TestKeynessAgainst:
    def test_rest_equals_the_distinctive_terms(self):
        sides = stats.keyness_sides(DOCS, ["A"], "rest")
        out = stats.keyness_against(COUNTS, sides).set_index("term")
        old = terms.distinctive_terms(terms.select_counts(COUNTS, ["a1", "a2", "b1"]), DOCS, threshold=0.0)
        old = old[old["org_short"] == "A"].set_index("term")
        for col in ("g2", "p", "log_ratio", "count_target", "count_reference"):
            assert out.loc[old.index, col].tolist() == pytest.approx(old[col].tolist())

    def test_one_organisation_as_reference_by_hand(self):
        out = stats.keyness_against(THREE_COUNTS, stats.keyness_sides(THREE, ["A"], "C")).set_index("term")
        # war: 10 in A's 2,000 words, 2 in C's 4,000: E1 = 2000·12/6000 = 4, E2 = 8;
        # G² = 2(10 ln(10/4) + 2 ln(2/8)); log ratio = log2((10/2000)/(2/4000)) = log2(10).
        assert out.loc["war", "g2"] == pytest.approx(2 * (10 * math.log(10 / 4) + 2 * math.log(2 / 8)))
        assert out.loc["war", "log_ratio"] == pytest.approx(math.log2(10))
        assert out.loc["war", "reading"].startswith("10.0× as frequent in A as in C; very unlikely to be chance")
        assert out.loc["peace", "reading"].startswith("never in A, 3× in C")
        assert "the" not in out.index  # stop words off by default

    def test_pooled_groups_and_threshold(self):
        sides = stats.keyness_sides(THREE, ["A", "C"], ["B"])
        out = stats.keyness_against(THREE_COUNTS, sides, stop=True, threshold=3.84)
        assert (out["g2"] >= 3.84).all()
        peace = out.set_index("term").loc["peace"]
        # 3 in A + C's 6,000 words against 12 in B's 2,000: B uses it 12× as often.
        assert peace["direction"] == "reference" and peace["log_ratio"] == pytest.approx(math.log2(0.5 / 6))
        assert peace["reading"].startswith("12.0× as frequent in B as in A + C")

    def test_reading_words(self):
        assert stats.significance_words(0.2) == "could well be chance"
        assert stats.reading("target", 1.0, 0.03, 4, 2, target="A", reference="B") == \
            "2.0× as frequent in A as in B; probably not chance (p = 0.030)"
        assert stats.reading("target", 3.0, 0.0001, 4, 0, target="A", reference="B").startswith("only in A (4×)")


class TestDPReading:
    def test_words(self):
        assert stats.dp_reading(0.05, 5, 10) == "spread evenly"
        assert stats.dp_reading(0.9, 5, 10) == "concentrated in a few parts"
        assert stats.dp_reading(math.nan, 1, 4) == "one part only: not measurable"
        assert stats.dp_reading(math.nan, 3, 0) == "not used"
