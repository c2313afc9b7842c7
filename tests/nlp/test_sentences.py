"""Sentences never cross a block of the cleaned text (lib/nlp/engine.py, block_boundaries)."""

from __future__ import annotations

import pytest

from lib.ingest.corpus import clean_source, read_source
from lib.nlp.engine import annotate
from tests.realtext import annotated_folders

TEXT = ("Ukraine war: the view from Kyiv\n\nTom Peters\n\n30 March 2022\n\nThe International Socialist "
        "Organisation has joined\n\nother groups. A second sentence ends here.")


def crossing(sentences, blocks) -> list[str]:
    """Sentences that overlap more than one block."""
    return [text for start, end, text in zip(sentences["start"], sentences["end"], sentences["text"], strict=True)
            if sum(1 for b in blocks if b.start < end and b.end > start) > 1]


class TestBlockBoundaries:
    def test_blank_pipeline_starts_a_sentence_at_every_block(self, blank_pipeline):
        sents = annotate(blank_pipeline, [("d", TEXT)]).sentences
        assert list(sents["text"]) == ["Ukraine war: the view from Kyiv", "Tom Peters", "30 March 2022",
                                       "The International Socialist Organisation has joined", "other groups.",
                                       "A second sentence ends here."]

    @pytest.mark.slow
    def test_model_starts_a_sentence_at_every_block(self, model_pipeline):
        sents = annotate(model_pipeline, [("d", TEXT)]).sentences
        assert list(sents["text"])[:5] == ["Ukraine war: the view from Kyiv", "Tom Peters", "30 March 2022",
                                           "The International Socialist Organisation has joined", "other groups."]


@pytest.mark.slow
@pytest.mark.parametrize("folder", ["corpus", "heldout", "texts"])
def test_no_stored_sentence_crosses_a_block(folder):
    """Over the corpus, tests/data/heldout and tests/data/words: 46 of 207 crossed in the corpus before."""
    docs, ann = annotated_folders()[folder]
    found = []
    for row in docs.itertuples():
        blocks = clean_source(read_source(row.folder, row.file), file=row.file).blocks
        found += crossing(ann.sentences[ann.sentences["doc_id"] == row.doc_id], blocks)
    assert len(ann.sentences) > 50 and found == []
