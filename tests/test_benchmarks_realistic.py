"""Unit tests of the realistic benchmark corpus (benchmarks/realistic.py). The benchmark itself never runs here."""

from __future__ import annotations

from benchmarks import realistic, synth
from lib.ingest.corpus import load_corpus
from tests.test_benchmarks_synth import _hand_annotations


def _substitution(rate: float = 1.0) -> realistic.Substitution:
    _, sentences, tokens, mentions = _hand_annotations()
    tokens = tokens.assign(pos=["PROPN", "CCONJ", "PROPN", "VERB", "PRON", "PUNCT", "NOUN", "VERB", "ADV", "PUNCT"])
    pool = synth.pool_from_annotations(sentences, tokens, mentions)
    # Words of other lengths than the ones they replace: every later offset must move.
    lexicon = realistic.lexicon_from([("a", 0.1), ("extraordinarily", 0.3), ("xy", 0.3), ("quite", 0.3)])
    return realistic.Substitution(pool, lexicon, rate=rate)


class TestSubstitution:
    def test_tables_match_the_written_text(self):
        subs = _substitution()
        plans = [synth.DocPlan(f"d{k}", f"d{k}.txt", "t", "O", "O", "", "", sentences=(1, 0, 1, 0), paragraphs=(2, 2))
                 for k in range(6)]
        texts = {p.doc_id: realistic.render_text(p, subs.document(p.doc_id, p.sentences)) for p in plans}
        out = realistic.Composer(subs, plans)(list(texts.items()))
        assert subs.pool.texts[1] not in "".join(texts.values())  # "Prices rose again." was rewritten
        for row in out.tokens.itertuples():
            assert texts[row.doc_id][row.start:row.start + len(row.text)] == row.text
        for row in out.sentences.itertuples():
            assert texts[row.doc_id][row.start:row.end] == row.text
        # Mentions are never substituted and follow the words before them.
        assert set(out.mentions["text"]) == {"Russia", "Ukraine"}
        for row in out.mentions.itertuples():
            assert texts[row.doc_id][row.start:row.end] == row.text
        changed = out.tokens[out.tokens["lower"].isin(["a", "extraordinarily", "xy", "quite"])]
        assert len(changed) and not changed["is_stop"].any() and (changed["lemma"] == changed["lower"]).all()

    def test_same_document_same_text_other_documents_differ(self):
        subs = _substitution(rate=0.7)
        ks = (0, 1, 0, 1, 1)
        first = subs.document("doc-a", ks).texts
        assert subs.document("doc-a", ks).texts == first  # the writer and the composer agree
        assert any(subs.document(f"doc-{k}", ks).texts != first for k in range(10))

    def test_corpus_folder_loads_with_the_substituted_texts(self, tmp_path):
        subs = _substitution()
        plans = synth.plan_corpus(12, subs.pool.texts, seed=2)
        folder = realistic.write_corpus(tmp_path / "c", plans, subs)
        docs = load_corpus(folder).documents.set_index("doc_id")
        for plan in plans:
            want = realistic.render_text(plan, subs.document(plan.doc_id, plan.sentences))
            assert docs.loc[plan.doc_id, "text"].strip() == want.strip()


class TestHeaps:
    def test_curve_and_fit(self):
        docs = [[f"w{i}" for i in range(k * 10, k * 10 + 10)] + ["the"] * 10 for k in range(50)]
        curve = realistic.heaps_curve(docs, [100, 400, 1000])
        assert curve == [(100, 51), (400, 201), (1000, 501)]
        _, beta = realistic.heaps_fit(curve)
        assert 0.9 < beta < 1.1
        flat = realistic.heaps_curve([["a", "b"]] * 100, [10, 100])
        assert [v for _, v in flat] == [2, 2]
