"""The documents' texts left on disk until shown (lib/store/texts.py, issue 19).

The app's documents table has no ``text`` column; ``Texts`` reads a text from the build's
documents table by its row group (or from memory when the corpus was read from its folder), and
gives what the full table holds, byte for byte.
"""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest

from lib.store import build, texts
from tests.store.test_store import METADATA, TEXTS, FakeAnnotator, write_corpus


@pytest.fixture()
def corpus(tmp_path):
    return write_corpus(tmp_path / "corpus", TEXTS, METADATA)


def full_texts(corpus, cache) -> dict[str, str]:
    docs = build.documents_now(corpus, cache).documents
    return dict(zip(docs["doc_id"], docs["text"], strict=True))


def test_the_store_is_read_without_its_texts_and_each_text_on_demand(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(build, "ROW_GROUP_ROWS", 2)  # three documents: two row groups
    cache = tmp_path / "cache"
    build.build(corpus, cache_dir=cache, annotate_fn=FakeAnnotator())
    manifest = build.current(corpus, cache)
    assert pq.ParquetFile(build.store_dir(corpus, cache) / manifest.documents_table).metadata.num_row_groups == 2
    loaded, source = build.documents_without_texts(corpus, cache)
    assert "text" not in loaded.documents.columns
    expected = full_texts(corpus, cache)
    assert list(loaded.documents["doc_id"]) == list(expected)
    for doc_id, text in expected.items():  # each from its own row group
        assert source.get([doc_id]) == {doc_id: text}
    assert source.get([*reversed(expected), "nobody"]) == expected  # all at once; an unknown id left out
    assert source.get([]) == {}


def test_a_corpus_read_from_its_folder_keeps_its_texts_in_memory(corpus, tmp_path):
    cache = tmp_path / "cache"  # no build: the folder is read
    loaded, source = build.documents_without_texts(corpus, cache)
    assert "text" not in loaded.documents.columns
    assert source.get(loaded.documents["doc_id"]) == full_texts(corpus, cache)


def test_a_vanished_store_file_is_said_not_crashed(corpus, tmp_path):
    cache = tmp_path / "cache"
    build.build(corpus, cache_dir=cache, annotate_fn=FakeAnnotator())
    _, source = build.documents_without_texts(corpus, cache)
    (build.store_dir(corpus, cache) / build.current(corpus, cache).documents_table).unlink()
    with pytest.raises(texts.TextsUnreadable):
        source.get(["a-war"])
