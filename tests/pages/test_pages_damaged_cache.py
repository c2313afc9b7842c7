"""Every page renders on a damaged cache (issue 15 item 7): a cache file that reads as Parquet but
lacks the contract's columns is rebuilt with a notice, never a ``KeyError 'doc_id'``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from lib.store import build
from lib.web import urls
from tests.pagetest import run_page
from tests.store.test_store import FakeAnnotator

ROOT = Path(__file__).resolve().parents[2]
DOC = "rcg-2025-08-ukraine-negotiations-stalemate"
PAGES = {  # page → (parameters, reads the annotation tables)
    None: ({}, False),
    "pages/1_Document.py": ({urls.DOC: DOC}, True),
    "pages/2_Compare.py": ({}, True),
    "pages/3_Terms.py": ({urls.TERM: "war"}, True),
    "pages/4_Actors.py": ({}, True),
    "pages/5_Corpus.py": ({}, False),
}
# Files of the corpus-level cache, each replaced by valid Parquet without a doc_id column.
DAMAGED = ("mentions.parquet", "doc_stats.parquet", "actor_counts.parquet", "cooc.parquet", "terms-word-1.parquet")


@pytest.fixture()
def damaged(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    cache = tmp_path / "cache"
    monkeypatch.setenv("CORPUS_DIR", str(corpus))
    monkeypatch.setenv("PARTY_LINES_CACHE", str(cache))
    monkeypatch.delenv("PARTY_LINES_ALLOW_WRITES", raising=False)
    build.build(corpus, cache_dir=cache, annotate_fn=FakeAnnotator(), block=True)  # what the app reads
    built = build.load_current(corpus, cache)
    for name in DAMAGED:
        pd.DataFrame({"something": ["else"]}).to_parquet(built.path / name)
    return built


@pytest.mark.parametrize("page", list(PAGES), ids=lambda p: p or "app.py")
def test_page_renders_and_says_the_cache_was_rebuilt(damaged, page):
    params, reads_annotations = PAGES[page]
    at = run_page(page, **params)
    assert not at.exception, [e.value for e in at.exception]
    notes = " ".join(str(w.value) for w in [*at.warning, *at.info, *at.markdown, *at.caption])
    # Damaged tables are never served: the page says so, or (the build's store) rebuilds them in the
    # background, saying what it waits for while it runs. Pages that do not read them say nothing.
    said = ("annotation cache was damaged" in notes and "rebuilt" in notes) or "Preparing names, terms and counts" in notes
    if not reads_annotations:
        assert not said
