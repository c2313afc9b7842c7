"""The real texts the words-layer tests run over: the corpus, tests/data/heldout, tests/data/words/texts.

Each folder is loaded as the app loads it (decoding, cleaning) and annotated once per test
session with the pinned model (``annotated_folders``), so the sentence and reference-count
tests see exactly what the store would hold.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = (ROOT / "corpus", ROOT / "tests" / "data" / "heldout", ROOT / "tests" / "data" / "words" / "texts")


@cache
def annotated_folders() -> dict[str, tuple[pd.DataFrame, object]]:
    """folder name → (documents table, ``lib.nlp.engine.Annotations``) with the real model."""
    from lib.ingest.corpus import load_corpus
    from lib.nlp.engine import annotate, load_pipeline

    pipeline = load_pipeline()
    assert pipeline.warning is None, pipeline.warning
    out = {}
    for folder in FOLDERS:
        docs = load_corpus(folder).documents
        assert len(docs), folder
        out[folder.name] = (docs.assign(folder=str(folder)),
                            annotate(pipeline, list(zip(docs["doc_id"], docs["text"], strict=True))))
    return out
