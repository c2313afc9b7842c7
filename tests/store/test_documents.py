"""Unit tests of lib/store/documents.py (the disk cache of the loaded documents table)."""

from __future__ import annotations

import os

import pandas as pd
import pytest

from lib.ingest.corpus import load_corpus
from lib.store import documents

META = (
    "id,file,title,organisation,org_short,publication,author,date,url,language,source_note\n"
    "a-1,a.txt,First,Org A,A,,,2024-01-02,,en,\n"
    "b-1,b.txt,Second,Org B,B,,,2023,,en,\n"
)
FILES = {"a.txt": "Russia and Ukraine.\n\nSecond paragraph here.\n", "b.txt": "Caf\u00e9 workers\u2019 strike.\n",
         "c.txt": "No metadata row for this one.\n"}


@pytest.fixture()
def corpus(make_corpus):
    return make_corpus(FILES, META)


def _fail(*_args, **_kwargs):
    raise AssertionError("load_corpus should not be called: the cache should serve this")


class TestLoadCorpusCached:
    def test_same_as_load_corpus(self, corpus, tmp_path):
        fresh = load_corpus(corpus)
        first = documents.load_corpus_cached(corpus, cache_dir=tmp_path / "cache")
        second = documents.load_corpus_cached(corpus, cache_dir=tmp_path / "cache")
        for got in (first, second):
            pd.testing.assert_frame_equal(got.documents, fresh.documents)
            assert got.notices == fresh.notices
        assert any(n.level == "info" for n in second.notices)  # c.txt has no metadata row

    def test_second_load_reads_the_cache(self, corpus, tmp_path, monkeypatch):
        documents.load_corpus_cached(corpus, cache_dir=tmp_path / "cache")
        monkeypatch.setattr(documents, "load_corpus", _fail)
        assert len(documents.load_corpus_cached(corpus, cache_dir=tmp_path / "cache").documents) == 3

    def test_changed_file_is_reloaded(self, corpus, tmp_path):
        documents.load_corpus_cached(corpus, cache_dir=tmp_path / "cache")
        (corpus / "a.txt").write_text("A different text altogether, longer than before.\n", encoding="utf-8")
        got = documents.load_corpus_cached(corpus, cache_dir=tmp_path / "cache").documents.set_index("doc_id")
        assert got.loc["a-1", "text"].startswith("A different text")
        assert len(list((tmp_path / "cache" / documents.SUBDIR).iterdir())) == 1  # old entry dropped

    def test_added_file_is_seen(self, corpus, tmp_path):
        documents.load_corpus_cached(corpus, cache_dir=tmp_path / "cache")
        (corpus / "d.txt").write_text("Another one.\n", encoding="utf-8")
        assert len(documents.load_corpus_cached(corpus, cache_dir=tmp_path / "cache").documents) == 4

    def test_unreadable_cache_falls_back(self, corpus, tmp_path):
        documents.load_corpus_cached(corpus, cache_dir=tmp_path / "cache")
        for parquet in (tmp_path / "cache").rglob("documents.parquet"):
            parquet.write_bytes(b"not parquet")
        got = documents.load_corpus_cached(corpus, cache_dir=tmp_path / "cache")
        pd.testing.assert_frame_equal(got.documents, load_corpus(corpus).documents)

    def test_unwritable_cache_still_loads(self, corpus, tmp_path):
        blocker = tmp_path / "file-not-folder"
        blocker.write_text("x")
        assert len(documents.load_corpus_cached(corpus, cache_dir=blocker).documents) == 3

    def test_missing_folder(self, tmp_path):
        got = documents.load_corpus_cached(tmp_path / "nope", cache_dir=tmp_path / "cache")
        assert got.documents.empty and got.notices

    def test_entries_are_bounded(self, make_corpus, tmp_path, monkeypatch):
        monkeypatch.setattr(documents, "MAX_ENTRIES", 2)
        for k in range(4):
            folder = tmp_path / f"c{k}"
            folder.mkdir()
            (folder / "a.txt").write_text(f"Text {k}.\n", encoding="utf-8")
            os.utime(folder / "a.txt", ns=(k, k))
            documents.load_corpus_cached(folder, cache_dir=tmp_path / "cache")
        assert len(list((tmp_path / "cache" / documents.SUBDIR).iterdir())) == 2


class TestCacheKey:
    def test_stable_and_sensitive(self, corpus):
        folder, state = documents.cache_key(corpus)
        assert documents.cache_key(corpus) == (folder, state)
        (corpus / "b.txt").write_text("Changed.\n", encoding="utf-8")
        assert documents.cache_key(corpus)[0] == folder
        assert documents.cache_key(corpus)[1] != state


class TestFolderStamp:
    def test_names_sizes_times(self, corpus):
        stamp = documents.folder_stamp(corpus)
        assert stamp.count("|") == 3  # four files: a, b, c, metadata.csv
        assert stamp.startswith("a.txt:")
