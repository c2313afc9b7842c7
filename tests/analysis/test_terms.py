"""lib/analysis/terms.py: keyness, KWIC, term tables over the filter, collocates — hand-checked inputs."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest

from lib.analysis import terms

# ---------------------------------------------------------------- small hand-built tables
from lib.web import urls


def make_tokens(doc_id: str, text: str, *, stop: tuple[str, ...] = ()) -> pd.DataFrame:
    """Tokens of a text: words and punctuation; a '.' ends a sentence."""
    rows, sent = [], 0
    for i, m in enumerate(re.finditer(r"[\w’']+|[^\w\s]", text)):
        word = m.group()
        rows.append({"doc_id": doc_id, "sent_id": sent, "i": i, "start": m.start(), "text": word,
                     "lower": word.lower(), "lemma": word.lower().rstrip("s"), "pos": "X",
                     "is_stop": word.lower() in stop, "is_alpha": word.isalpha()})
        if word == ".":
            sent += 1
    return pd.DataFrame(rows)


def docs_table(rows: list[tuple[str, str, int, str]]) -> pd.DataFrame:
    return pd.DataFrame([{"doc_id": d, "org_short": o, "n_words": w, "date": date,
                          "date_precision": "day" if len(date) == 10 else ("month" if len(date) == 7 else "year")}
                         for d, o, w, date in rows])


def counts_table(rows: list[tuple[str, str, int, bool]]) -> pd.DataFrame:
    return pd.DataFrame([{"doc_id": d, "unit": "word", "n": len(t.split()), "term": t, "count": c, "stop_edge": s}
                         for d, t, c, s in rows])


DOCS = docs_table([("a1", "A", 1000, "2024-01-05"), ("a2", "A", 1000, "2025-03-01"), ("b1", "B", 2000, "2025")])
COUNTS = counts_table([
    ("a1", "war", 6, False), ("a2", "war", 4, False), ("b1", "war", 5, False),
    ("a1", "the", 50, True), ("b1", "the", 90, True),
    ("b1", "peace", 12, False), ("a1", "peace", 1, False),
    ("a1", "war in ukraine", 2, False), ("b1", "of the", 3, True),
])


class TestKeyness:
    def test_g2_and_log_ratio_by_hand(self):
        # a=10 in 1,000 words, b=5 in 2,000: E1 = 1000·15/3000 = 5, E2 = 10;
        # G² = 2(10 ln 2 + 5 ln 0.5) = 10 ln 2 = 6.9315; log ratio = log2(0.01/0.0025) = 2.
        out = terms.keyness(pd.Series({"war": 10}), pd.Series({"war": 5}), target_words=1000, reference_words=2000)
        row = out.iloc[0]
        assert row["g2"] == pytest.approx(10 * math.log(2), rel=1e-9)
        assert row["log_ratio"] == pytest.approx(2.0)
        assert row["direction"] == "target"
        assert row["p"] == pytest.approx(math.erfc(math.sqrt(10 * math.log(2) / 2)))


class TestNormaliseTerm:
    def test_normal_forms_acronyms_keep_capitals(self):
        assert terms.normalise_term("  The  US ") == "the US"
        assert terms.normalise_term("Secretary‑General") == "secretary-general"  # non-breaking hyphen
        assert terms.normalise_term("U.S. policy") == "US policy"
        assert terms.normalise_term("Workers’ party") == "workers' party"
        assert terms.normalise_term("Us") == "us"


class TestParseStopWords:
    def test_commas_spaces_case_and_curly_apostrophes(self):
        assert terms.parse_stop_words("Said, also  workers’ ,said") == ["said", "also", "workers'"]
        assert terms.parse_stop_words(None) == []


class TestSelectCounts:
    def test_stop_words_off_drops_stop_edge_rows(self):
        rows = terms.select_counts(COUNTS, ["a1", "b1"], stop=False)
        assert set(rows["term"]) == {"war", "peace", "war in ukraine"}
        assert set(rows["doc_id"]) == {"a1", "b1"}

    def test_stop_words_on_keeps_them(self):
        assert "the" in set(terms.select_counts(COUNTS, ["a1"], stop=True)["term"])

    def test_extra_stop_words_match_first_or_last_word(self):
        rows = terms.select_counts(COUNTS, ["a1", "a2", "b1"], extra_stop=["ukraine", "peace"])
        assert set(rows["term"]) == {"war"}


class TestTermTable:
    def test_sums_over_filtered_docs_with_rate_and_min_count(self):
        rows = terms.select_counts(COUNTS, ["a1", "a2", "b1"])
        table = terms.term_table(rows, DOCS, min_count=3).set_index("term")
        assert table.loc["war", "count"] == 15 and table.loc["war", "documents"] == 3
        assert table.loc["war", "per_1000"] == pytest.approx(15 / 4000 * 1000)
        assert "war in ukraine" not in table.index  # 2 < min 3
        assert list(table.index) == ["war", "peace"]


class TestTermsByOrg:
    def test_rates_divide_by_each_org_words_and_zeros_are_kept(self):
        rows = terms.select_counts(COUNTS, ["a1", "a2", "b1"])
        out = terms.terms_by_org(rows, DOCS, ["war", "war in ukraine"]).set_index(["term", "org_short"])
        assert out.loc[("war", "A"), "count"] == 10 and out.loc[("war", "A"), "per_1000"] == pytest.approx(5.0)
        assert out.loc[("war", "B"), "per_1000"] == pytest.approx(2.5)
        assert out.loc[("war in ukraine", "B"), "count"] == 0
        # The same table from plain string columns as from the categoricals select_counts gives.
        plain = rows.assign(doc_id=rows["doc_id"].astype(str), term=rows["term"].astype(str))
        pd.testing.assert_frame_equal(terms.terms_by_org(plain, DOCS, ["war", "war in ukraine"]),
                                      terms.terms_by_org(rows, DOCS, ["war", "war in ukraine"]))


class TestTopTermsPerOrg:
    def test_each_org_its_own_top(self):
        rows = terms.select_counts(COUNTS, ["a1", "a2", "b1"])
        out = terms.top_terms_per_org(rows, DOCS, top=1)
        assert dict(zip(out["org_short"], out["term"], strict=True)) == {"A": "war", "B": "peace"}


class TestTermDocMatrix:
    def test_one_cell_per_term_and_document(self):
        rows = terms.select_counts(COUNTS, ["a1", "a2", "b1"])
        out = terms.term_doc_matrix(rows, DOCS, ["peace"])
        assert len(out) == 3
        assert dict(zip(out["doc_id"], out["count"], strict=True)) == {"a1": 1, "a2": 0, "b1": 12}
        assert out.set_index("doc_id").loc["b1", "per_1000"] == pytest.approx(6.0)


class TestDistinctiveTerms:
    def test_org_against_the_rest_both_directions(self):
        rows = terms.select_counts(COUNTS, ["a1", "a2", "b1"])
        out = terms.distinctive_terms(rows, DOCS, threshold=0.0)
        a = out[out["org_short"] == "A"].set_index("term")
        # war: 10 of A's 2,000 words vs 5 of B's 2,000 → the same G² as computed by hand below.
        e1 = 2000 * 15 / 4000
        expected = 2 * (10 * math.log(10 / e1) + 5 * math.log(5 / e1))
        assert a.loc["war", "g2"] == pytest.approx(expected)
        assert a.loc["war", "direction"] == "target" and a.loc["peace", "direction"] == "reference"
        assert set(out["org_documents"]) == {2, 1}

    def test_threshold_filters_and_one_org_gives_nothing(self):
        rows = terms.select_counts(COUNTS, ["a1", "a2", "b1"])
        strict = terms.distinctive_terms(rows, DOCS, threshold=terms.SIGNIFICANCE["p < 0.05"])
        assert (strict["g2"] >= 3.84).all()
        only_a = DOCS[DOCS["org_short"] == "A"]
        assert terms.distinctive_terms(terms.select_counts(COUNTS, ["a1", "a2"]), only_a).empty


class TestTermOverTime:
    def test_per_year_and_month(self):
        rows = terms.select_counts(COUNTS, ["a1", "a2", "b1"])
        year = terms.term_over_time(rows, DOCS, "War")
        assert list(zip(year["period"], year["org_short"], year["count"], strict=True)) == [
            ("2024", "A", 6), ("2025", "A", 4), ("2025", "B", 5)]
        month = terms.term_over_time(rows, DOCS, "war", freq="month")
        assert "B" not in set(month["org_short"])  # dated to the year only

    def test_undated_is_empty(self):
        undated = DOCS.assign(date="")
        assert terms.term_over_time(COUNTS, undated, "war").empty


class TestTermPositions:
    def test_fraction_of_text(self):
        lines = pd.DataFrame({"doc_id": ["d"], "start": [50], "end": [53], "left": [""], "keyword": ["war"],
                              "right": [""]})
        out = terms.term_positions(lines, {"d": 200})
        assert out.iloc[0]["position"] == pytest.approx(0.25)


class TestSimilarTerms:
    def test_close_spelling(self):
        assert terms.similar_terms("imperialsm", ["imperialism", "war"]) == ["imperialism"]


class TestUrlNames:
    def test_new_names_are_distinct_and_round_trip(self):
        names = [urls.EXTRA_STOP, urls.KWIC_SORT, urls.WINDOW, urls.SIGNIF, urls.MIN_WEIGHT]
        existing = [urls.ORG, urls.DATE_FROM, urls.DATE_TO, urls.DOC, urls.AT, urls.A, urls.B, urls.TERM, urls.UNIT,
                    urls.NGRAM, urls.STOP, urls.MIN_COUNT, urls.RATE, urls.ACTOR, urls.TYPES, urls.DEMONYMS]
        assert len(set(names)) == len(names) and not set(names) & set(existing)
        href = urls.page_href("Terms", urls.query(**{urls.TERM: "war", urls.EXTRA_STOP: "said, also",
                                                    urls.WINDOW: 4}))
        assert href == "./Terms?term=war&xstop=said%2C+also&window=4"


class TestTermForms:
    def test_clitics_split_like_the_tokenizer(self):
        assert terms.term_forms("Imperialism’s") == ["imperialism's", "imperialism 's"]
        assert terms.term_forms("don't stop") == ["don't stop"]  # the words layer joins "do" + "n't"
        assert terms.term_forms("war") == ["war"]


class TestSampleDocuments:
    PER_DOC = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "count": [5, 120, 90, 90]})

    def test_most_uses_first_until_the_lines_are_filled(self):
        # b (120) + c (90) = 210 >= 200: two documents; c before d on a tie (doc_id).
        assert terms.sample_documents(self.PER_DOC) == ["b", "c"]

    def test_all_when_they_do_not_fill_the_lines(self):
        assert terms.sample_documents(self.PER_DOC, max_lines=1000) == ["b", "c", "d", "a"]

    def test_document_cap(self):
        assert terms.sample_documents(self.PER_DOC, max_lines=1000, max_docs=3) == ["b", "c", "d"]

    def test_exact_fill_and_empty(self):
        assert terms.sample_documents(self.PER_DOC, max_lines=120) == ["b"]
        assert terms.sample_documents(self.PER_DOC.iloc[:0]) == []


class TestSelectTermCounts:
    def test_one_term_in_the_chosen_documents_stop_words_kept(self):
        counts = pd.DataFrame({"doc_id": ["a", "b", "c", "a"], "unit": "word", "n": 1,
                               "term": ["the", "the", "the", "war"], "count": [4, 2, 9, 1],
                               "stop_edge": [True, True, True, False]})
        out = terms.select_term_counts(counts, ["a", "b"], "The")
        assert out.to_dict("list") == {"doc_id": ["a", "b"], "term": ["the", "the"], "count": [4, 2]}


class TestTablesFromTheIndex:
    """term_table, terms_by_org, top_terms_per_org, term_doc_matrix given the slice's index (sums made
    inside it, in memory or by DuckDB) give exactly what they give on select_counts' rows."""

    @pytest.fixture(params=["numpy", "duckdb"])
    def index(self, request, tmp_path):
        from lib.store import annotations
        from lib.store.term_backend import open_index
        from tests.store.test_term_duck import random_slice

        frame = pd.concat([random_slice(2, docs=30, seed=11), COUNTS.astype({"n": "int8", "count": "int32"})],
                          ignore_index=True).astype({"doc_id": "category", "unit": "category", "term": "category"})
        path = tmp_path / "terms-word-2.parquet"
        annotations._write_parquet(frame, path, row_group_size=40)
        return open_index(path, lambda: pd.read_parquet(path), unit="word", n=2, backend=request.param)

    @staticmethod
    def documents() -> pd.DataFrame:
        ids = [f"doc-{d:03d}" for d in range(30)]
        made = pd.DataFrame({"doc_id": ids, "org_short": [("B", "A", "C")[i % 3] for i in range(30)],
                             "n_words": [0 if i == 4 else 300 + 7 * i for i in range(30)], "date": "2024",
                             "date_precision": "year"})
        return pd.concat([made, DOCS], ignore_index=True)

    def test_same_tables_as_from_the_rows(self, index):
        everyone = self.documents()
        selections = [everyone, everyone[everyone["org_short"] != "C"], everyone.iloc[[1, 4, 30]], DOCS,
                      everyone.iloc[:0]]
        settings = [{}, {"stop": True}, {"extra_stop": ["war", "nato"]}, {"nums": False, "stop": True}]
        for docs in selections:
            for kwargs in settings:
                rows = terms.select_counts(index, docs["doc_id"], **kwargs)
                for min_count in (1, 3, 10**6):
                    pd.testing.assert_frame_equal(terms.term_table(index, docs, min_count=min_count, **kwargs),
                                                  terms.term_table(rows, docs, min_count=min_count))
                shown = list(terms.term_table(rows, docs)["term"].head(6)) + ["the", "not a term"]
                for wanted in (shown, ["not a term"], []):
                    pd.testing.assert_frame_equal(terms.terms_by_org(index, docs, wanted, **kwargs),
                                                  terms.terms_by_org(rows, docs, wanted))
                    pd.testing.assert_frame_equal(terms.term_doc_matrix(index, docs, wanted, **kwargs),
                                                  terms.term_doc_matrix(rows, docs, wanted))
                for top, min_count, rate in ((3, 1, False), (3, 1, True), (60, 4, True), (1, 10**6, False),
                                             (0, 1, False)):
                    pd.testing.assert_frame_equal(
                        terms.top_terms_per_org(index, docs, top=top, min_count=min_count, rate=rate, **kwargs),
                        terms.top_terms_per_org(rows, docs, top=top, min_count=min_count, rate=rate))
