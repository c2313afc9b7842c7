"""Codebook coding and its statistics (lib/analysis/positions.py), on the blank pipeline's tables."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from lib.analysis import positions
from lib.analysis.codebook import parse_codebook
from lib.nlp.engine import annotate

BOOK = parse_codebook("""
categories:
  - id: blame
    label: NATO blamed
    rules:
      - words: ["provok*"]
        near_actor: [NATO]
      - phrases: ["proxy war"]
        exclude: ["no proxy war"]
    exclude: ["no excuse for"]
  - id: talks
    label: Talks
    rules:
      - words: [ceasefire, "peace talks"]
  - id: sanctions
    label: Sanctions criticised
    rules:
      - words: ["sanction*"]
        near: [hurt, "hit workers"]
  - id: russia
    label: Russia named
    rules:
      - actors: [Russia]
""")

TEXTS = {
    "a": "NATO provoked this war. We want peace talks now!\n\nThe sanctions hurt workers.",
    "b": "Provocations everywhere. It is a proxy war. There is no proxy war here, says the minister.",
    "c": "NATO provoked nothing; there is no excuse for NATO. Russian troops advance.\n\nSanctions work.",
}


@pytest.fixture(scope="module")
def tables(blank_pipeline):
    return annotate(blank_pipeline, sorted(TEXTS.items()))


@pytest.fixture(scope="module")
def coded(tables):
    return positions.code_tables(BOOK, tables.sentences, tables.tokens, tables.mentions)


def codes(coded) -> set[tuple[str, str, str]]:
    return {(d, c, t) for d, c, t in zip(coded.codings["doc_id"], coded.codings["category"], coded.codings["text"],
                                         strict=False)}


class TestCoding:
    def test_rules_fire_where_they_should(self, coded):
        assert codes(coded) == {
            ("a", "blame", "NATO provoked this war."),
            ("a", "talks", "We want peace talks now!"),
            ("a", "sanctions", "The sanctions hurt workers."),
            ("b", "blame", "It is a proxy war."),
            ("c", "russia", "Russian troops advance."),  # a demonym names the actor
        }

    def test_near_actor_is_needed(self, coded):
        # "Provocations" matches provok* but no NATO in the sentence.
        assert not any(t.startswith("Provocations") for _, _, t in codes(coded))

    def test_rule_and_category_exclusions(self, coded):
        texts = {t for _, _, t in codes(coded)}
        assert "There is no proxy war here, says the minister." not in texts  # the rule's exclude
        assert not any("no excuse" in t for t in texts)  # the category's exclude vetoes every rule

    def test_near_words_are_needed(self, coded):
        assert not any(t == "Sanctions work." for _, _, t in codes(coded))

    def test_offsets_text_and_rule_numbers(self, coded):
        row = coded.codings[(coded.codings["doc_id"] == "b") & (coded.codings["category"] == "blame")].iloc[0]
        assert TEXTS["b"][row["start"]:row["end"]] == row["text"]
        assert row["rules"] == "2"
        assert list(coded.codings.columns) == positions.CODING_COLUMNS

    def test_every_rule_that_fired_is_named(self, tables):
        book = parse_codebook("categories:\n  - id: w\n    label: W\n    rules:\n      - words: [war]\n"
                              "      - words: [proxy]\n      - words: [NATO]\n")
        result = positions.code_tables(book, tables.sentences, tables.tokens, tables.mentions)
        rules = dict(zip(result.codings["text"], result.codings["rules"], strict=False))
        assert rules["It is a proxy war."] == "1,2" and rules["NATO provoked this war."] == "1,3"
        assert rules["NATO provoked nothing; there is no excuse for NATO."] == "3"

    def test_hits_mark_what_matched(self, coded):
        hits = coded.hits[coded.hits["doc_id"] == "a"]
        found = {(TEXTS["a"][s:e], m) for s, e, m in zip(hits["start"], hits["end"], hits["match"], strict=False)}
        assert ("provoked", "provok*") in found and ("NATO", "NATO") in found
        assert ("peace talks", "peace talks") in found and ("hurt", "hurt") in found
        assert list(coded.hits.columns) == positions.HIT_COLUMNS

    def test_lemmas_and_wildcards_use_the_query_language(self):
        book = parse_codebook("categories:\n  - id: go\n    label: Go\n    rules:\n      - lemmas: [go]\n")
        sentences = pd.DataFrame({"doc_id": ["d"], "sent_id": [0], "start": [0], "end": [15], "text": ["They went home."]})
        tokens = pd.DataFrame({"doc_id": ["d"] * 4, "sent_id": [0] * 4, "i": [0, 1, 2, 3], "start": [0, 5, 10, 14],
                               "text": ["They", "went", "home", "."], "lemma": ["they", "go", "home", "."],
                               "is_stop": [True, False, False, False]})
        result = positions.code_tables(book, sentences, tokens, None)
        assert list(result.codings["category"]) == ["go"]
        assert list(result.hits["start"]) == [5]

    def test_also_near_needs_a_word_of_both_lists(self, blank_pipeline):
        book = parse_codebook("categories:\n  - id: p\n    label: P\n    rules:\n      - words: [socialists]\n"
                              "        near: [betray*]\n        also_near: [NATO, war]\n")
        text = "The socialists betray the workers. The socialists betray us in this war. The socialists won."
        ann = annotate(blank_pipeline, [("d", text)])
        result = positions.code_tables(book, ann.sentences, ann.tokens, ann.mentions)
        assert list(result.codings["text"]) == ["The socialists betray us in this war."]
        assert set(result.hits["match"]) == {"socialists", "betray*", "war"}

    def test_after_reads_the_sentence_before(self, blank_pipeline):
        book = parse_codebook(
            "categories:\n  - id: p\n    label: P\n    rules:\n      - phrases: [pseudo-left]\n"
            "      - words: [mistaken, betray*]\n        after: [p]\n"
            "  - id: q\n    label: Q\n    rules:\n      - words: [wrong]\n        after: [p]\n")
        text = ("This is mistaken. The pseudo-left backs NATO. This is mistaken. They betray us. It is wrong.\n\n"
                "The pseudo-left again. It is wrong.")
        ann = annotate(blank_pipeline, [("d", text), ("e", "They betray us. The pseudo-left.")])
        result = positions.code_tables(book, ann.sentences, ann.tokens, ann.mentions)
        got = [(d, c, t) for d, c, t in zip(result.codings["doc_id"], result.codings["category"],
                                             result.codings["text"], strict=False)]
        # the first "mistaken" has no polemic before it; "They betray us." follows a sentence coded
        # only by an after-rule, so it is not coded (no chains); a document's first sentence has none
        assert ("d", "p", "This is mistaken.") in got and ("d", "p", "They betray us.") not in got
        assert [t for d, c, t in got if d == "d" and c == "p"].count("This is mistaken.") == 1
        assert ("d", "q", "It is wrong.") in got and ("e", "p", "They betray us.") not in got
        assert ("e", "p", "The pseudo-left.") in got

    def test_a_pattern_too_slow_is_left_out_with_a_warning(self, tables, monkeypatch):
        from lib.analysis import query

        book = parse_codebook("categories:\n  - id: x\n    label: X\n    rules:\n      - words: ['re:(a+)+$', war]\n")

        def slow(self, q, **kw):
            if q.words[0].kind == "regex":
                raise query.QueryError("The pattern takes too long to match; write a simpler one.")
            return original(self, q, **kw)

        original = query.WordsIndex.match_starts
        monkeypatch.setattr(query.WordsIndex, "match_starts", slow)
        result = positions.code_tables(book, tables.sentences, tables.tokens, tables.mentions)
        assert any("re:(a+)+$" in w for w in result.warnings)
        assert set(result.codings["text"]) == {"NATO provoked this war.", "It is a proxy war.",
                                               "There is no proxy war here, says the minister."}

    def test_empty_input(self):
        result = positions.code_tables(BOOK, pd.DataFrame(columns=["doc_id", "sent_id", "start", "end", "text"]),
                                       pd.DataFrame(), None)
        assert result.codings.empty and result.hits.empty

    def test_batches_give_the_same_codings(self, tables, coded):
        class Store:
            mentions = tables.mentions.assign(doc_id=tables.mentions["doc_id"].astype("category"),
                                              actor=tables.mentions["actor"].astype("category"))

            def sentences(self, ids):
                return tables.sentences[tables.sentences["doc_id"].isin(set(ids))]

            def tokens(self, ids, columns=None):
                return tables.tokens[tables.tokens["doc_id"].isin(set(ids))]

        calls = []
        result = positions.code_store(Store(), BOOK, ["a", "b", "c"], batch_docs=1,
                                       progress=lambda f, m: calls.append(f))
        key = ["doc_id", "sent_id", "category"]
        assert result.codings.sort_values(key).reset_index(drop=True).equals(
            coded.codings.sort_values(key).reset_index(drop=True))
        assert calls == pytest.approx([1 / 3, 2 / 3, 1.0])


DOCS = pd.DataFrame({
    "doc_id": ["a1", "a2", "a3", "b1", "b2"],
    "org_short": ["A", "A", "A", "B", "B"],
    "title": ["t1", "t2", "t3", "t4", "t5"],
    "date": ["2024-01-05", "2024-02-01", "2025-03-01", "2024-01-20", ""],
    "date_precision": ["day", "day", "day", "day", ""],
    "n_words": [1000, 1000, 2000, 500, 500],
})
CODINGS = pd.DataFrame({
    "doc_id": ["a1", "a1", "a2", "b1", "b1", "b2"],
    "sent_id": [0, 3, 1, 0, 2, 0],
    "start": [0, 50, 10, 0, 40, 0],
    "end": [20, 80, 30, 30, 60, 25],
    "category": ["x", "x", "x", "y", "x", "y"],
    "rules": ["1"] * 6,
    "text": ["s"] * 6,
})


class TestStatistics:
    def test_wilson_known_values(self):
        lo, hi = positions.wilson(np.array([0, 5, 10]), np.array([10, 10, 10]))
        assert lo[0] == 0 and hi[0] == pytest.approx(0.2775, abs=1e-4)
        assert lo[1] == pytest.approx(0.2366, abs=1e-4) and hi[1] == pytest.approx(0.7634, abs=1e-4)
        assert hi[2] == pytest.approx(1) and lo[2] == pytest.approx(0.7225, abs=1e-4)
        lo, hi = positions.wilson(0, 0)
        assert math.isnan(float(lo)) or float(lo) == 0  # no documents: no interval to speak of

    def test_poisson_interval_is_exact(self):
        # Garwood's exact interval (chi-square quantiles), as tabulated.
        lo, hi = positions.poisson_interval(np.array([0, 1, 10, 400]))
        assert lo[0] == 0 and hi[0] == pytest.approx(3.689, abs=0.001)
        assert lo[1] == pytest.approx(0.0253, abs=0.0001) and hi[1] == pytest.approx(5.572, abs=0.001)
        assert lo[2] == pytest.approx(4.795, abs=0.001) and hi[2] == pytest.approx(18.390, abs=0.001)
        assert lo[3] == pytest.approx(361.8, abs=0.3) and hi[3] == pytest.approx(441.2, abs=0.3)

    def test_matrix(self):
        table = positions.matrix(CODINGS, DOCS, ["x", "y"], min_documents=3)
        assert list(table.columns) == positions.MATRIX_COLUMNS
        cell = table.set_index(["category", "org_short"])
        assert cell.loc[("x", "A"), "docs_with"] == 2 and cell.loc[("x", "A"), "documents"] == 3
        assert cell.loc[("x", "A"), "share"] == pytest.approx(2 / 3)
        assert cell.loc[("x", "A"), "sentences"] == 3 and cell.loc[("x", "A"), "words"] == 4000
        assert cell.loc[("x", "A"), "per_1000"] == pytest.approx(0.75)
        assert cell.loc[("x", "A"), "per_1000_lo"] < 0.75 < cell.loc[("x", "A"), "per_1000_hi"]
        assert cell.loc[("y", "A"), "docs_with"] == 0 and cell.loc[("y", "A"), "per_1000"] == 0
        assert cell.loc[("y", "A"), "per_1000_hi"] > 0  # zero seen is not zero proven
        assert not cell.loc[("x", "A"), "few"] and cell.loc[("x", "B"), "few"]
        assert cell.loc[("y", "B"), "share"] == 1.0

    def test_order_puts_the_largest_difference_first(self):
        table = positions.matrix(CODINGS, DOCS, ["x", "y"], min_documents=1)
        # x: A 2/3, B 1/2 (spread 0.17); y: A 0, B 1 (spread 1)
        assert positions.category_order(table, ["x", "y"]) == ["y", "x"]

    def test_order_ignores_organisations_with_few_documents(self):
        docs = pd.concat([DOCS, DOCS.assign(doc_id=DOCS["doc_id"] + "z", org_short=["C", "C", "C", "D", "D"])])
        table = positions.matrix(CODINGS, docs, ["x", "y"], min_documents=3)
        # only A and C have 3 documents: x spreads (2/3 vs 0), y does not (0 vs 0)
        assert positions.category_order(table, ["y", "x"]) == ["x", "y"]

    def test_pair(self):
        table = positions.matrix(CODINGS, DOCS, ["x", "y"])
        side = positions.pair(table, "A", "B", ["y", "x"])
        assert list(side["category"]) == ["y", "x"]
        assert side.loc[0, "share_a"] == 0 and side.loc[0, "share_b"] == 1
        assert side.loc[0, "difference"] == -1

    def test_over_time(self):
        table = positions.over_time(CODINGS, DOCS, "x", freq="year")
        rows = {(p, o): r for p, o, r in zip(table["period"], table["org_short"], table.itertuples(), strict=False)}
        assert rows[("2024", "A")].docs_with == 2 and rows[("2024", "A")].share == 100
        assert rows[("2025", "A")].docs_with == 0 and rows[("2025", "A")].documents == 1
        assert ("2024", "B") in rows and all(p != "" for p in table["period"])  # the undated document is left out
        assert positions.time_freq(DOCS) == "month"

    def test_evidence_and_document_views(self):
        coded = positions.Coded("v", CODINGS, pd.DataFrame(columns=positions.HIT_COLUMNS))
        rows = positions.evidence(coded, DOCS, "x")
        assert list(rows["doc_id"]) == ["a1", "a1", "a2", "b1"]
        assert list(positions.evidence(coded, DOCS, "x", org="B")["doc_id"]) == ["b1"]
        doc = positions.document_categories(coded, "b1", ["y", "x"])
        assert list(doc["category"]) == ["y", "x"]
        sets = positions.compare_categories(coded, "a1", "b1", ["x", "y"])
        assert sets.both == ["x"] and sets.only_a == [] and sets.only_b == ["y"]
        assert sets.sentences_a == {"x": 2}

    def test_export(self):
        hits = pd.DataFrame({"doc_id": ["a1", "a1"], "sent_id": [0, 0], "category": ["x", "x"], "start": [0, 5],
                             "end": [4, 9], "match": ["war", "NATO"]})
        coded = positions.Coded("v1", CODINGS, hits)
        book = parse_codebook("categories:\n  - id: x\n    label: Ex\n  - id: y\n    label: Why\n")
        table = positions.export_table(coded, DOCS[DOCS["org_short"] == "A"], book)
        assert list(table.columns) == positions.EXPORT_COLUMNS
        assert len(table) == 3 and set(table["organisation"]) == {"A"}
        first = table.iloc[0]
        assert first["matched"] == "war; NATO" and first["label"] == "Ex" and first["codebook_version"] == "v1"
        assert pd.read_parquet(__import__("io").BytesIO(positions.parquet_bytes(table))).equals(table)


class TestCache:
    def test_codings_are_kept_per_codebook_version(self, tmp_path, blank_pipeline):
        from lib.ingest.corpus import load_corpus
        from lib.store import annotations

        corpus = tmp_path / "corpus"
        corpus.mkdir()
        for name, text in TEXTS.items():
            (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
        docs = load_corpus(corpus).documents
        ann = annotations.load_or_build(docs, corpus_dir=corpus, cache_dir=tmp_path / "cache",
                                        pipeline=blank_pipeline)
        assert positions.cached_codings_path(ann, BOOK) is None
        first = positions.coded_corpus(ann, BOOK)
        assert positions.cached_codings_path(ann, BOOK) is not None
        again = positions.cached_codings(ann, BOOK)
        assert again.codings.equals(first.codings) and again.hits.equals(first.hits)
        assert len(first.codings) == 5
        other = parse_codebook("categories:\n  - id: t\n    label: T\n    rules:\n      - words: [war]\n")
        assert positions.cached_codings_path(ann, other) is None  # another version: coded anew
        assert set(positions.coded_corpus(ann, other).codings["category"]) == {"t"}


class TestWordsIndex:
    """The coder's indexed matching gives exactly what the query language's match_starts gives."""

    def test_same_rows_as_match_starts(self, blank_pipeline):
        from pathlib import Path

        from lib.analysis import query
        from lib.store.counts import word_table

        folder = Path(__file__).resolve().parents[1] / "data" / "positions" / "texts"
        texts = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))[:12]]
        words = word_table(annotate(blank_pipeline, texts).tokens)
        from lib.analysis.codebook import load_codebook

        typed = load_codebook("corpus/codebook.yaml").queries() + [
            "re:war(s)?", "re:.*ism the", "lemma:war", "NATO", "nato", "US", "the war", "of the", "a", "’s", "?ar",
            "*", "self-determination", "Russia's war", "no such phrase here"]
        cache: dict = {}
        halves = (words.iloc[: len(words) // 2], words.iloc[len(words) // 2:].reset_index(drop=True))
        indexes = [query.WordsIndex(half, pattern_cache=cache) for half in halves]
        matched = 0
        for text in typed:
            q = query.parse_query(text)
            for half, index in zip(halves, indexes, strict=True):
                expected = query.match_starts(q, half)
                assert np.array_equal(index.match_starts(q), expected), text
                matched += len(expected)
        assert matched > 500
        case = query.parse_query("Nato", case=True)
        assert np.array_equal(indexes[0].match_starts(case), query.match_starts(case, halves[0]))
