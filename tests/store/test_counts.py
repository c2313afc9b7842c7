"""Per-document count tables (lib/store/counts.py), on small hand-built tables with hand-checked counts."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from lib import contracts
from lib.store import counts

STOP = {"the", "of", "in", "and", "a", "to", "is"}


def toks(doc_id: str, sentences: list[str], *, lemmas: dict[str, str] | None = None,
         start_i: int = 0) -> pd.DataFrame:
    """Token rows for whitespace-separated sentences (each piece is one token, one space apart)."""
    lemmas = lemmas or {}
    rows, i, pos = [], start_i, 0
    for sent_id, sentence in enumerate(sentences):
        for piece in sentence.split():
            rows.append({"doc_id": doc_id, "sent_id": sent_id, "i": i, "start": pos, "text": piece,
                         "lower": piece.lower(), "lemma": lemmas.get(piece, piece.lower()), "pos": "X",
                         "is_stop": piece.lower() in STOP, "is_alpha": piece.isalpha()})
            i += 1
            pos += len(piece) + 1
    return pd.DataFrame(rows, columns=contracts.TOKEN_COLUMNS)


def mentions(rows: list[tuple]) -> pd.DataFrame:
    """Mention rows from (doc_id, sent_id, actor, label)."""
    return pd.DataFrame([{"doc_id": d, "sent_id": s, "start": k, "end": k + 1, "text": a, "label": lab,
                          "actor": a, "source": "gazetteer"} for k, (d, s, a, lab) in enumerate(rows)],
                        columns=contracts.MENTION_COLUMNS)


def as_dict(table: pd.DataFrame, unit: str, n: int, doc_id: str | None = None) -> dict[str, int]:
    rows = table[(table["unit"] == unit) & (table["n"] == n)]
    if doc_id is not None:
        rows = rows[rows["doc_id"] == doc_id]
    return {str(t): int(c) for t, c in zip(rows["term"], rows["count"], strict=True)}


class TestLemmaStopWords:
    def test_the_copy_of_spacys_list_is_the_pinned_spacys(self):
        from spacy.lang.en.stop_words import STOP_WORDS

        assert counts.stop_words() == frozenset(STOP_WORDS)

    def test_a_lemma_is_a_stop_word_by_its_own_form_whatever_shares_its_partition(self):
        # "further" is a stop word and spaCy may read it as the lemma "far"; "far" is not one.
        # The flag of "far" must not depend on whether a document with "further" was counted with it.
        a = toks("a", ["far away"], lemmas={"far": "far"})
        b = toks("b", ["further away"], lemmas={"further": "far"})
        b["is_stop"] = b["lower"].isin({"further"})
        def flags(table: pd.DataFrame) -> dict[str, bool]:
            return {str(t): bool(s) for t, s in zip(table["term"], table["stop_edge"], strict=True)}

        alone = flags(counts.term_counts(a, units=["lemma"], ns=[1]))
        together = flags(counts.term_counts(pd.concat([a, b], ignore_index=True), units=["lemma"], ns=[1]))
        assert alone["far"] is False and together["far"] is False
        took = flags(counts.term_counts(toks("c", ["she took peace"], lemmas={"took": "take"}), units=["lemma"], ns=[1]))
        assert took == {"she": True, "take": True, "peace": False}  # "take" and "she" are on spaCy's list


class TestBalancedPartitions:
    @pytest.mark.parametrize("n,max_words,max_docs", [(150, 25_000, 250), (1000, 25_000, 250), (30, 4000, 4),
                                                      (7, 10, 250), (600, 10**9, 250), (1, 25_000, 250)])
    def test_batches_are_consecutive_within_the_limits_and_about_equal(self, n, max_words, max_docs):
        from lib.store.annotations import _batches

        words = np.random.default_rng(n).integers(200, 1200, n)
        frame = pd.DataFrame({"doc_id": [f"d{k}" for k in range(n)], "n_words": words})
        batches = list(_batches(frame, max_words=max_words, max_docs=max_docs))
        assert pd.concat(batches)["doc_id"].tolist() == frame["doc_id"].tolist()  # all, in order, once
        sizes = [int(b["n_words"].sum()) for b in batches]
        assert all(len(b) <= max_docs for b in batches)
        assert all(s <= max_words or len(b) == 1 for s, b in zip(sizes, batches, strict=True))
        if len(batches) > 1 and max_docs >= 250 and max_words >= 2000:  # sizes set by words, not a document cap
            assert min(sizes) >= 0.75 * max(sizes), sizes  # no small batch left at the end


class TestTermCounts:
    def test_exact_ngram_counts_and_punctuation_ends_a_run(self):
        table = counts.term_counts(toks("d", ["The war in Ukraine , the war goes on ."]))
        assert as_dict(table, "word", 1) == {"the": 2, "war": 2, "in": 1, "ukraine": 1, "goes": 1, "on": 1}
        assert as_dict(table, "word", 2) == {"the war": 2, "war in": 1, "in ukraine": 1, "war goes": 1,
                                             "goes on": 1}  # no "ukraine the": the comma ends the run
        assert as_dict(table, "word", 3) == {"the war in": 1, "war in ukraine": 1, "the war goes": 1,
                                             "war goes on": 1}

    def test_no_ngram_across_sentences_or_documents(self):
        tokens = pd.concat([toks("a", ["peace now", "war later"]), toks("b", ["never again"])], ignore_index=True)
        bigrams = counts.term_counts(tokens, units=["word"], ns=[2])
        assert sorted(map(str, bigrams["term"])) == ["never again", "peace now", "war later"]

    def test_stop_edge_keeps_content_ngrams_and_drops_function_ones(self):
        table = counts.term_counts(toks("d", ["the end of the war in Ukraine"]), units=["word"])
        edge = {str(t): bool(s) for t, s in zip(table["term"], table["stop_edge"], strict=True)}
        assert edge["war in ukraine"] is False  # inner stop word is fine
        assert edge["end of the"] is True  # last word "the" is a stop word
        assert edge["of the"] is True and edge["the war"] is True
        assert edge["war"] is False and edge["the"] is True
        kept = table[~table["stop_edge"]]
        assert "war in ukraine" in set(map(str, kept["term"]))
        assert "of the" not in set(map(str, kept["term"]))

    def test_curly_and_straight_apostrophes_are_one_term(self):
        table = counts.term_counts(toks("d", ["workers’ rights", "workers' rights"]), units=["word"])
        assert as_dict(table, "word", 1) == {"workers'": 2, "rights": 2}
        assert as_dict(table, "word", 2) == {"workers' rights": 2}

    def test_lemma_unit_uses_lower_cased_lemma_and_falls_back_to_the_word(self):
        tokens = toks("d", ["Wars were Wars"], lemmas={"Wars": "War", "were": "be"})
        tokens.loc[2, "lemma"] = ""  # no lemma (gazetteer-only pipeline): counts as its word
        table = counts.term_counts(tokens, units=["lemma"], ns=[1, 2])
        assert as_dict(table, "lemma", 1) == {"war": 1, "be": 1, "wars": 1}
        assert as_dict(table, "lemma", 2) == {"war be": 1, "be wars": 1}

    def test_counts_are_per_document(self):
        tokens = pd.concat([toks("a", ["war war"]), toks("b", ["war"])], ignore_index=True)
        table = counts.term_counts(tokens, units=["word"], ns=[1])
        assert as_dict(table, "word", 1, "a") == {"war": 2}
        assert as_dict(table, "word", 1, "b") == {"war": 1}

    def test_row_order_of_input_does_not_matter(self):
        tokens = pd.concat([toks("a", ["the war in Ukraine"]), toks("b", ["peace in our time"])], ignore_index=True)
        shuffled = tokens.sample(frac=1, random_state=3)
        key = ["doc_id", "unit", "n", "term"]
        left = counts.term_counts(tokens).astype({"doc_id": str, "unit": str, "term": str}).sort_values(key)
        right = counts.term_counts(shuffled).astype({"doc_id": str, "unit": str, "term": str}).sort_values(key)
        pd.testing.assert_frame_equal(left.reset_index(drop=True), right.reset_index(drop=True))

    def test_schema_and_compact_dtypes(self):
        table = counts.term_counts(toks("d", ["a war"]))
        assert list(table.columns) == contracts.TERM_COUNT_COLUMNS
        assert {c: str(t) for c, t in table.dtypes.items()} == {
            "doc_id": "category", "unit": "category", "n": "int8", "term": "category", "count": "int32",
            "stop_edge": "bool"}

    def test_empty_input_gives_empty_table_with_schema(self):
        table = counts.term_counts(pd.DataFrame(columns=contracts.TOKEN_COLUMNS))
        assert table.empty and list(table.columns) == contracts.TERM_COUNT_COLUMNS

    def test_unknown_unit_is_refused(self):
        with pytest.raises(ValueError):
            counts.term_counts(toks("d", ["war"]), units=["stem"])


class TestActorCounts:
    def test_counts_per_document_actor_and_label_with_demonyms_apart(self):
        table = counts.actor_counts(mentions([
            ("a", 0, "Russia", "STATE"), ("a", 1, "Russia", "STATE"), ("a", 1, "Russia", "DEMONYM"),
            ("b", 0, "Russia", "STATE"), ("b", 0, "", "ORG"),  # no canonical name: not counted
        ]))
        got = {(str(d), str(a), str(lab)): int(c) for d, a, lab, c, _ in table.itertuples(index=False)}
        assert got == {("a", "Russia", "STATE"): 2, ("a", "Russia", "DEMONYM"): 1, ("b", "Russia", "STATE"): 1}
        assert list(table.columns) == contracts.ACTOR_COUNT_COLUMNS and str(table["count"].dtype) == "int32"
        assert not table["own"].any()  # no role column: nothing is the document's own

    def test_own_names_are_flagged_per_document(self):
        frame = mentions([("a", 0, "WSWS", "ORG"), ("a", 1, "NATO", "ORG"), ("b", 0, "WSWS", "ORG")])
        frame["role"] = ["self", "", ""]
        table = counts.actor_counts(frame)
        own = {(str(d), str(a)): bool(o) for d, a, _, _, o in table.itertuples(index=False)}
        assert own == {("a", "WSWS"): True, ("a", "NATO"): False, ("b", "WSWS"): False}

    def test_empty(self):
        table = counts.actor_counts(pd.DataFrame(columns=contracts.MENTION_COLUMNS))
        assert table.empty and list(table.columns) == contracts.ACTOR_COUNT_COLUMNS


class TestActorTypes:
    def test_most_frequent_label_wins_and_demonyms_do_not_vote(self):
        table = counts.actor_types(mentions([
            ("a", 0, "Georgia", "STATE"), ("a", 1, "Georgia", "STATE"), ("a", 2, "Georgia", "PLACE"),
            ("a", 3, "Georgia", "DEMONYM"), ("a", 4, "Georgia", "DEMONYM"), ("a", 5, "Georgia", "DEMONYM"),
        ]))
        assert dict(zip(table["actor"], table["type"], strict=True)) == {"Georgia": "STATE"}

    def test_demonym_only_actor_takes_gazetteer_type_else_demonym(self):
        rows = mentions([("a", 0, "Russia", "DEMONYM"), ("a", 0, "Atlantis", "DEMONYM")])
        with_gaz = counts.actor_types(rows, known_types={"Russia": "STATE"})
        assert dict(zip(with_gaz["actor"], with_gaz["type"], strict=True)) == {"Atlantis": "DEMONYM",
                                                                                "Russia": "STATE"}

    def test_tie_broken_by_gazetteer(self):
        rows = mentions([("a", 0, "Kyiv", "PLACE"), ("a", 1, "Kyiv", "STATE")])
        table = counts.actor_types(rows, known_types={"Kyiv": "PLACE"})
        assert table.set_index("actor")["type"]["Kyiv"] == "PLACE"


class TestCooccurrences:
    ROWS = [
        ("a", 0, "Russia", "STATE"), ("a", 0, "Ukraine", "STATE"), ("a", 0, "Russia", "STATE"),  # twice: once
        ("a", 1, "Russia", "DEMONYM"), ("a", 1, "Ukraine", "STATE"),
        ("a", 2, "NATO", "ORG"), ("a", 2, "Ukraine", "STATE"), ("a", 2, "Russia", "STATE"),
        ("b", 0, "NATO", "ORG"),
    ]

    def table(self, with_demonyms: bool) -> dict[tuple[str, str, str], int]:
        out = counts.cooccurrences(mentions(self.ROWS))
        out = out[out["with_demonyms"] == with_demonyms]
        return {(str(d), str(a), str(b)): int(n) for d, a, b, n, _ in out.itertuples(index=False)}

    def test_without_demonyms(self):
        assert self.table(False) == {("a", "Russia", "Ukraine"): 2, ("a", "NATO", "Ukraine"): 1,
                                     ("a", "NATO", "Russia"): 1}

    def test_with_demonyms_the_adjective_names_its_state(self):
        assert self.table(True) == {("a", "Russia", "Ukraine"): 3, ("a", "NATO", "Ukraine"): 1,
                                    ("a", "NATO", "Russia"): 1}

    def test_pairs_are_ordered_and_schema(self):
        out = counts.cooccurrences(mentions(self.ROWS))
        assert list(out.columns) == contracts.COOC_COLUMNS
        assert (out["actor_a"].astype(str) < out["actor_b"].astype(str)).all()
        # One row per (document, pair, setting): lib.analysis.actors.pairs counts a pair's documents by its rows.
        assert not out.duplicated(["doc_id", "actor_a", "actor_b", "with_demonyms"]).any()

    def test_empty(self):
        assert counts.cooccurrences(pd.DataFrame(columns=contracts.MENTION_COLUMNS)).empty


def naive_mattr(words: list[str], window: int) -> float:
    w = min(window, len(words))
    ratios = [len(set(words[s:s + w])) / w for s in range(len(words) - w + 1)]
    return sum(ratios) / len(ratios)


class TestMattr:
    def test_hand_computed(self):
        # windows of 3 over a b a c a b: {a,b}=2, {a,b,c}=3, {a,c}=2, {a,b,c}=3 → 10 / 12
        assert counts.mattr("a b a c a b".split(), window=3) == pytest.approx(10 / 12)

    def test_shorter_than_window_is_the_type_token_ratio(self):
        assert counts.mattr(["war", "war", "peace", "war"], window=500) == pytest.approx(2 / 4)

    def test_empty_is_nan(self):
        assert math.isnan(counts.mattr([]))

    def test_matches_the_definition_on_random_text(self):
        rng = np.random.default_rng(1)
        words = [f"w{k}" for k in rng.zipf(1.5, 1200) % 300]
        assert counts.mattr(words, window=100) == pytest.approx(naive_mattr(words, 100))


class TestDocStats:
    def test_counts_and_mattr_per_document(self):
        tokens = pd.concat([toks("a", ["War , war .", "Peace"]), toks("b", ["one two"])], ignore_index=True)
        sentences = pd.DataFrame({"doc_id": ["a", "a", "b"], "sent_id": [0, 1, 0], "start": 0, "end": 1,
                                  "text": ""})
        stats = counts.doc_stats(sentences, tokens).set_index("doc_id")
        assert stats.loc["a", "n_sentences"] == 2 and stats.loc["a", "n_tokens"] == 5  # punctuation included
        assert stats.loc["a", "mattr"] == pytest.approx(2 / 3)  # words: war war peace (window = 3)
        assert stats.loc["b", "mattr"] == pytest.approx(1.0)

    def test_long_documents_use_a_500_word_window(self):
        rng = np.random.default_rng(7)
        words = [f"w{k}" for k in rng.zipf(1.4, 1500) % 800]
        tokens = toks("d", [" ".join(words)])
        stats = counts.doc_stats(pd.DataFrame(columns=contracts.SENTENCE_COLUMNS), tokens)
        assert stats["mattr"].iloc[0] == pytest.approx(naive_mattr(words, 500))

    def test_document_without_words_has_nan_mattr(self):
        stats = counts.doc_stats(pd.DataFrame(columns=contracts.SENTENCE_COLUMNS), toks("p", [". ; !"]))
        assert stats["n_tokens"].iloc[0] == 3 and math.isnan(stats["mattr"].iloc[0])
        assert list(stats.columns) == contracts.DOC_STAT_COLUMNS
