"""Damaged or wrong-schema cache files are rebuilt with a notice, never a crash (issue 15 item 7).

A file that reads as Parquet but lacks a column of its contract (lib/contracts.py) used to pass
the warm load and raise ``KeyError 'doc_id'`` in the pages (tests/pages/test_pages_damaged_cache.py).
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from lib.ingest.corpus import load_corpus
from lib.store import annotations, documents
from tests.store.test_documents import FILES, META
from tests.store.test_store import FakeAnnotator, build, cache, corpus  # noqa: F401 (fixtures)

WRONG = pd.DataFrame({"something": ["else"], "count": [1]})
CORPUS_FILES = ["doc_map.parquet", "mentions.parquet", "actor_counts.parquet", "actor_types.parquet",
                "cooc.parquet", "doc_stats.parquet", "terms-word-1.parquet", "terms-lemma-3.parquet"]


class TestAnnotationCache:
    @pytest.mark.parametrize("name", CORPUS_FILES)
    def test_wrong_schema_corpus_file_is_rebuilt_without_reannotating(self, corpus, cache, name):  # noqa: F811
        first = build(corpus, cache)
        WRONG.to_parquet(first.path / name)
        fake = FakeAnnotator()
        second = build(corpus, cache, fake)
        assert second.built and fake.calls == []  # rebuilt from the chunks, which were still good
        assert second.warning and "annotation cache was damaged" in second.warning and "rebuilt" in second.warning
        pd.testing.assert_frame_equal(first.mentions, second.mentions)
        assert len(second.term_counts("word", 1)) == len(first.term_counts("word", 1))
        third = build(corpus, cache)
        assert not third.built and third.warning is None  # said once, by the rebuild

    @pytest.mark.parametrize("table", ["tokens", "sentences"])
    def test_wrong_schema_chunk_file_is_reannotated(self, corpus, cache, table):  # noqa: F811
        first = build(corpus, cache)
        chunk = first.doc_map["chunk"].iloc[0]
        WRONG.to_parquet(cache / "annotations" / first.pipeline_version / chunk / f"{table}.parquet")
        # Checked when read, not at every load (4,600 footers at 100,000 documents): the read
        # fails and drops the chunk; the page then invalidates and builds (lib.web.cached._recover).
        loaded = build(corpus, cache)
        assert not loaded.built
        with pytest.raises(annotations.StoreError, match="no column doc_id"):
            getattr(loaded, table)(["a-war"])
        loaded.invalidate()
        fake = FakeAnnotator()
        second = build(corpus, cache, fake)
        assert sorted(fake.calls[0]) == ["a-war", "b-peace", "c-talks"]
        assert len(second.tokens(["a-war"])) > 0 and len(second.sentences(["a-war"])) > 0

    @pytest.mark.parametrize("table", ["tokens", "sentences"])
    def test_wrong_schema_chunk_file_is_reannotated_when_assembled(self, corpus, cache, table):  # noqa: F811
        first = build(corpus, cache)
        chunk = first.doc_map["chunk"].iloc[0]
        WRONG.to_parquet(cache / "annotations" / first.pipeline_version / chunk / f"{table}.parquet")
        first.invalidate()  # the corpus-level folder is assembled again: it checks every chunk it points at
        fake = FakeAnnotator()
        second = build(corpus, cache, fake)
        assert sorted(fake.calls[0]) == ["a-war", "b-peace", "c-talks"]
        assert len(second.tokens(["a-war"])) > 0 and len(second.sentences(["a-war"])) > 0

    def test_a_read_on_demand_checks_the_schema(self, corpus, cache):  # noqa: F811
        first = build(corpus, cache)
        WRONG.to_parquet(first.path / "terms-word-2.parquet")
        with pytest.raises(annotations.StoreError, match="no column doc_id"):
            first.term_counts("word", 2)  # a page's wrapper catches this, invalidates, rebuilds

    def test_wrong_schema_chunk_list_is_dropped(self, corpus, cache):  # noqa: F811
        first = build(corpus, cache)
        chunk = first.doc_map["chunk"].iloc[0]
        WRONG.to_parquet(cache / "annotations" / first.pipeline_version / chunk / "docs.parquet")
        first.invalidate()
        fake = FakeAnnotator()
        build(corpus, cache, fake)  # used to raise KeyError 'doc_key'
        assert sorted(fake.calls[0]) == ["a-war", "b-peace", "c-talks"]


class TestDocumentsCache:
    @pytest.fixture()
    def folder(self, make_corpus):
        return make_corpus(FILES, META)

    def _entry(self, folder, cache_dir):
        documents.load_corpus_cached(folder, cache_dir=cache_dir)
        return next((cache_dir / documents.SUBDIR).iterdir())

    @pytest.mark.parametrize("damage", ["columns", "types", "nulls", "garbage", "notices"])
    def test_damaged_entry_is_rebuilt_with_a_notice(self, folder, tmp_path, damage):
        cache_dir = tmp_path / "cache"
        entry = self._entry(folder, cache_dir)
        fresh = load_corpus(folder)
        table = pq.read_table(entry / "documents.parquet")
        if damage == "columns":
            WRONG.to_parquet(entry / "documents.parquet")
        elif damage == "types":
            pq.write_table(table.set_column(table.schema.get_field_index("title"), "title",
                                            pa.array(range(table.num_rows))), entry / "documents.parquet")
        elif damage == "nulls":
            pq.write_table(table.set_column(table.schema.get_field_index("doc_id"), "doc_id",
                                            pa.array([None] * table.num_rows, pa.string())), entry / "documents.parquet")
        elif damage == "garbage":
            (entry / "documents.parquet").write_bytes(b"not parquet")
        else:
            (entry / "notices.json").write_text('["a list, not an object"]')
        got = documents.load_corpus_cached(folder, cache_dir=cache_dir)
        pd.testing.assert_frame_equal(got.documents, fresh.documents)
        assert any("documents cache was damaged" in n.message for n in got.notices)
        again = documents.load_corpus_cached(folder, cache_dir=cache_dir)
        assert not any("damaged" in n.message for n in again.notices)  # rebuilt: said once

    def test_empty_corpus_cache_is_not_called_damaged(self, tmp_path):
        empty = tmp_path / "empty"
        empty.mkdir()
        documents.load_corpus_cached(empty, cache_dir=tmp_path / "cache")
        got = documents.load_corpus_cached(empty, cache_dir=tmp_path / "cache")
        assert got.documents.empty and not any("damaged" in n.message for n in got.notices)
