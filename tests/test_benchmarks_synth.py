"""Unit tests of the benchmark corpus builder (benchmarks/synth.py). The benchmark itself never runs here."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from benchmarks import synth
from lib.ingest.corpus import load_corpus

POOL = [
    "Russia and Ukraine signed nothing.",
    "The workers of Europe pay for the war.",
    "NATO met in Brussels on Tuesday.",
    "Prices rose again.",
    "Nobody asked the soldiers.",
]


class TestOrganisations:
    def test_twenty_distinct(self):
        orgs = synth.organisations()
        assert len(orgs) == 20
        assert len({s for s, _ in orgs}) == 20
        assert len({name for _, name in orgs}) == 20
        assert orgs[0][0] == "ORG01"


class TestPlanCorpus:
    def test_size_and_unique_ids(self):
        plans = synth.plan_corpus(300, POOL)
        assert len(plans) == 300
        assert len({p.doc_id for p in plans}) == 300
        assert len({p.file for p in plans}) == 300

    def test_deterministic_for_a_seed(self):
        assert synth.plan_corpus(50, POOL, seed=3) == synth.plan_corpus(50, POOL, seed=3)
        assert synth.plan_corpus(50, POOL, seed=3) != synth.plan_corpus(50, POOL, seed=4)

    def test_metadata_spread(self):
        plans = synth.plan_corpus(1000, POOL)
        orgs = pd.Series([p.org_short for p in plans])
        assert orgs.nunique() == 20  # every organisation appears
        assert orgs.value_counts().iloc[0] > 3 * orgs.value_counts().iloc[-1]  # Zipf-like, not uniform
        dates = [p.date for p in plans]
        dated = [d for d in dates if d]
        assert 0.02 < dates.count("") / len(dates) < 0.10  # ~5 % undated
        assert {len(d) for d in dated} == {4, 7, 10}  # year, month and day precision
        years = {d[:4] for d in dated}
        assert min(years) == "2014" and max(years) == "2025"

    def test_lengths_and_paragraphs(self):
        plans = synth.plan_corpus(500, POOL)
        lengths = np.array([len(p.sentences) for p in plans])
        assert lengths.min() >= synth.MIN_SENTENCES and lengths.max() <= synth.MAX_SENTENCES
        assert 18 < lengths.mean() < 30
        for p in plans:
            assert sum(p.paragraphs) == len(p.sentences)
            assert all(0 <= k < len(POOL) for k in p.sentences)

    def test_empty_pool_refused(self):
        with pytest.raises(ValueError):
            synth.plan_corpus(3, [])


class TestRenderText:
    def test_sentences_and_paragraphs(self):
        plan = synth.DocPlan("d", "d.txt", "t", "O", "O", "", "", sentences=(0, 3, 1), paragraphs=(2, 1))
        assert synth.render_text(plan, POOL) == f"{POOL[0]} {POOL[3]}\n\n{POOL[1]}\n"


class TestWriteCorpus:
    def test_real_corpus_folder_loads_as_written(self, tmp_path):
        plans = synth.plan_corpus(40, POOL, seed=5)
        folder = synth.write_corpus(tmp_path / "bench-40", plans, POOL)
        loaded = load_corpus(folder)
        assert not [n for n in loaded.notices if n.level == "warning"]
        docs = loaded.documents.set_index("doc_id")
        assert len(docs) == 40
        for plan in plans:
            row = docs.loc[plan.doc_id]
            assert row["org_short"] == plan.org_short
            assert row["date"] == plan.date
            assert row["text"].strip() == synth.render_text(plan, POOL).strip()

    def test_rewrite_replaces(self, tmp_path):
        synth.write_corpus(tmp_path / "c", synth.plan_corpus(10, POOL), POOL)
        synth.write_corpus(tmp_path / "c", synth.plan_corpus(4, POOL), POOL)
        assert len(list((tmp_path / "c").glob("*.txt"))) == 4
        assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


class TestLongText:
    def test_at_least_min_chars(self):
        text = synth.long_text(POOL, min_chars=5_000)
        assert len(text) >= 5_000
        assert "\n\n" in text


def _hand_annotations():
    """Two documents' tables as lib.nlp.engine.annotate would give them (hand-made)."""
    text = "Russia and Ukraine signed nothing. Prices rose again."
    sentences = pd.DataFrame({"doc_id": ["x", "x"], "sent_id": [0, 1], "start": [0, 35], "end": [34, 53],
                              "text": [text[0:34], text[35:53]]})
    words = [(0, "Russia"), (7, "and"), (11, "Ukraine"), (19, "signed"), (26, "nothing"), (33, "."),
             (35, "Prices"), (42, "rose"), (47, "again"), (52, ".")]
    tokens = pd.DataFrame({"doc_id": "x", "sent_id": [0] * 6 + [1] * 4, "i": range(10),
                           "start": [s for s, _ in words], "text": [w for _, w in words],
                           "lower": [w.lower() for _, w in words], "lemma": [w.lower() for _, w in words],
                           "pos": "X", "is_stop": False, "is_alpha": [w.isalpha() for _, w in words]})
    mentions = pd.DataFrame({"doc_id": ["x", "x"], "sent_id": [0, 0], "start": [0, 11], "end": [6, 18],
                             "text": ["Russia", "Ukraine"], "label": ["STATE", "STATE"],
                             "actor": ["Russia", "Ukraine"], "source": ["gazetteer", "gazetteer"]})
    return text, sentences, tokens, mentions


class TestComposer:
    def test_offsets_shift_to_each_sentence(self):
        _, sentences, tokens, mentions = _hand_annotations()
        pool = synth.pool_from_annotations(sentences, tokens, mentions)
        assert pool.texts == ["Russia and Ukraine signed nothing.", "Prices rose again."]
        plan = synth.DocPlan("d1", "d1.txt", "t", "O", "O", "", "", sentences=(1, 0, 1), paragraphs=(2, 1))
        text = synth.render_text(plan, pool.texts)
        out = synth.Composer(pool, [plan])([("d1", text)])
        assert list(out.sentences["sent_id"]) == [0, 1, 2]
        for row in out.sentences.itertuples():
            assert text[row.start:row.end] == row.text
        for row in out.tokens.itertuples():
            assert text[row.start:row.start + len(row.text)] == row.text
        assert list(out.tokens["i"]) == list(range(14))
        assert [(r.text, r.sent_id) for r in out.mentions.itertuples()] == [("Russia", 1), ("Ukraine", 1)]
        for row in out.mentions.itertuples():
            assert text[row.start:row.end] == row.text

    def test_token_index_restarts_per_document_and_misses_counted(self):
        _, sentences, tokens, mentions = _hand_annotations()
        pool = synth.pool_from_annotations(sentences, tokens, mentions)
        a = synth.DocPlan("a", "a.txt", "t", "O", "O", "", "", sentences=(0,), paragraphs=(1,))
        b = synth.DocPlan("b", "b.txt", "t", "O", "O", "", "", sentences=(1, 1), paragraphs=(2,))
        composer = synth.Composer(pool, [a, b])
        out = composer([("a", synth.render_text(a, pool.texts)), ("b", "Prices rose again. Something else.")])
        assert list(out.tokens.loc[out.tokens["doc_id"] == "b", "i"]) == [0, 1, 2, 3]
        assert composer.missed == 1  # b's second sentence is not in its text
        assert composer.placed == 2
