"""The build driver (lib/store/build.py): partitions, the manifest commit, resume, the lock, the cheap stamp."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pandas as pd
import pytest

from lib.store import annotations, build
from tests.store.test_store import METADATA, TEXTS, FakeAnnotator, all_tables, write_corpus


@pytest.fixture()
def corpus(tmp_path) -> Path:
    return write_corpus(tmp_path / "corpus", TEXTS, METADATA)


@pytest.fixture()
def cache(tmp_path) -> Path:
    return tmp_path / "cache"


def run(corpus: Path, cache: Path, fake=None, **kwargs) -> build.BuildResult:
    return build.build(corpus, cache_dir=cache, annotate_fn=fake or FakeAnnotator(), **kwargs)


class Interrupted(Exception):
    pass


class DiesAfter(FakeAnnotator):
    """Annotates ``n`` partitions, then fails as a killed build would stop (mid-way, nothing committed)."""

    def __init__(self, n: int) -> None:
        super().__init__()
        self.n = n

    def __call__(self, items):
        if len(self.calls) >= self.n:
            raise Interrupted("killed")
        return super().__call__(items)


def same_tables(a: annotations.Annotated, b: annotations.Annotated) -> None:
    ta, tb = all_tables(a), all_tables(b)
    assert set(ta) == set(tb)
    for name in ta:
        left = ta[name].astype(str).sort_values(list(ta[name].columns)).reset_index(drop=True)
        right = tb[name].astype(str).sort_values(list(tb[name].columns)).reset_index(drop=True)
        pd.testing.assert_frame_equal(left, right, obj=name)


class TestBuild:
    def test_a_build_commits_a_manifest_the_app_reads_without_annotating(self, corpus, cache):
        result = run(corpus, cache)
        assert result.annotated_docs == 3
        manifest = build.current(corpus, cache)
        assert manifest is not None and manifest.matches(corpus) and manifest.documents == 3
        tables = build.load_current(corpus, cache)
        assert set(tables.doc_stats["doc_id"]) == {"a-war", "b-peace", "c-talks"}
        assert set(build.documents_now(corpus, cache).documents["doc_id"]) == {"a-war", "b-peace", "c-talks"}
        assert build.read_status(corpus, cache).state == "done"

    def test_a_second_build_annotates_nothing(self, corpus, cache):
        run(corpus, cache)
        fake = FakeAnnotator()
        again = run(corpus, cache, fake)
        assert again.annotated_docs == 0 and fake.calls == []

    def test_a_new_document_is_the_only_one_annotated(self, corpus, cache):
        run(corpus, cache)
        (corpus / "d.txt").write_text("Ukraine and Russia talk of peace.", encoding="utf-8")
        assert not build.current(corpus, cache).matches(corpus)  # the folder changed: the build is stale
        fake = FakeAnnotator()
        result = run(corpus, cache, fake)
        assert fake.calls == [["d"]] and result.manifest.documents == 4 and result.manifest.matches(corpus)

    def test_partitions_respect_their_size(self, corpus, cache):
        fake = FakeAnnotator()
        run(corpus, cache, fake, partition_docs=1)
        assert sorted(map(len, fake.calls)) == [1, 1, 1]
        assert len(build.current(corpus, cache).partitions) == 3

    def test_the_status_reports_progress(self, corpus, cache):
        seen: list[tuple[str, int, int]] = []
        run(corpus, cache, partition_docs=1, report=lambda s: seen.append((s.state, s.done_docs, s.todo_docs)))
        annotating = [s for s in seen if s[0] == "annotating"]
        assert annotating[-1][1:] == (3, 3) and seen[-1][0] == "done"
        assert [d for _, d, _ in annotating] == sorted(d for _, d, _ in annotating)  # only forwards

    def test_status_words_rate_and_eta(self):
        status = build.Status(state="annotating", todo_docs=10, done_docs=5, todo_words=1000, done_words=500,
                              annotating_since=time.time() - 10)
        assert 45 < status.words_per_s < 55 and 8 < status.eta_s < 12
        assert "5 of 10 documents" in status.describe() and "words/s" in status.describe()
        assert build.Status(state="annotating", todo_words=10).eta_s is None


class TestResume:
    def test_a_killed_build_keeps_its_partitions_and_the_last_manifest(self, corpus, cache, tmp_path):
        run(corpus, cache)
        before = build.current(corpus, cache)
        (corpus / "d.txt").write_text("Russia and NATO. Ukraine waits.", encoding="utf-8")
        (corpus / "e.txt").write_text("Biden speaks of war.", encoding="utf-8")
        with pytest.raises(Interrupted):
            run(corpus, cache, DiesAfter(1), partition_docs=1)
        assert build.current(corpus, cache) == before  # readers still see the last complete build
        assert build.read_status(corpus, cache).state == "failed"
        resumed = FakeAnnotator()
        result = run(corpus, cache, resumed, partition_docs=1)
        assert len(resumed.calls) == 1 and result.manifest.documents == 5  # one partition was kept

    def test_a_resumed_build_ends_with_the_same_tables_as_an_uninterrupted_one(self, corpus, cache, tmp_path):
        with pytest.raises(Interrupted):
            run(corpus, cache, DiesAfter(2), partition_docs=1)
        assert build.current(corpus, cache) is None
        run(corpus, cache, partition_docs=1)
        clean = tmp_path / "clean-cache"
        run(corpus, clean)
        same_tables(build.load_current(corpus, cache), build.load_current(corpus, clean))


class TestLockAndStamp:
    def test_one_build_at_a_time(self, corpus, cache):
        store = build.store_dir(corpus, cache)
        with build.build_lock(store):
            assert build.is_running(corpus, cache)
            with pytest.raises(build.BuildRunning):
                run(corpus, cache)
        assert not build.is_running(corpus, cache)
        assert run(corpus, cache).annotated_docs == 3

    def test_the_stamp_changes_with_the_folder_and_metadata_only(self, corpus):
        stamp = build.corpus_stamp(corpus)
        (corpus / "a.txt").read_bytes()
        assert build.corpus_stamp(corpus) == stamp
        time.sleep(0.01)
        with (corpus / "metadata.csv").open("a", encoding="utf-8") as handle:
            handle.write("d-x,d.txt,D,Alpha Party,AP,2025\n")
        assert build.corpus_stamp(corpus) != stamp
        stamp = build.corpus_stamp(corpus)
        (corpus / "new.txt").write_text("x", encoding="utf-8")
        assert build.corpus_stamp(corpus) != stamp
        assert build.corpus_stamp(corpus.parent / "nowhere") == "missing"

    def test_a_damaged_manifest_reads_as_no_build(self, corpus, cache):
        run(corpus, cache)
        path = build.store_dir(corpus, cache) / build.MANIFEST
        path.write_text("{not json", encoding="utf-8")
        assert build.current(corpus, cache) is None
        path.write_text(json.dumps({"format": 99}), encoding="utf-8")
        assert build.current(corpus, cache) is None
        assert len(build.documents_now(corpus, cache).documents) == 3  # read from the folder instead

    def test_documents_now_reads_no_corpus_file_when_the_build_is_current(self, corpus, cache, monkeypatch):
        run(corpus, cache)
        from lib.store import documents as documents_cache

        def refuse(*args, **kwargs):
            raise AssertionError("the folder was read")

        monkeypatch.setattr(build, "load_corpus_cached", refuse)
        monkeypatch.setattr(documents_cache, "folder_stamp", refuse)
        assert len(build.documents_now(corpus, cache).documents) == 3


def test_start_runs_the_command_in_its_own_process_and_leaves_no_child(corpus, cache, tmp_path):
    # The command line itself (real pipeline) on three tiny documents: the caller never waits on it.
    started = time.time()
    earlier = set(build.started_children())
    assert build.start(corpus, cache)
    assert time.time() - started < 5
    assert not build.start(corpus, cache)  # one build at a time
    (child,) = set(build.started_children()) - earlier
    assert child.wait(timeout=240) == 0, (build.store_dir(corpus, cache) / build.LOG).read_text()
    assert build.current(corpus, cache).matches(corpus)
    assert not build.is_running(corpus, cache)
    build.reap()
    assert child not in build.started_children()  # reaped: no zombie left


def test_the_build_prepares_the_summaries_of_slices_served_out_of_core(corpus, cache, monkeypatch):
    from lib.store import derived, term_backend, term_duck

    monkeypatch.setattr(term_backend, "MAX_MEMORY_ROWS", 0)  # every slice too big to hold
    run(corpus, cache)
    folder = build.load_current(corpus, cache).path
    for unit, n in annotations.TERM_SLICES:
        assert derived.exists(folder, f"{term_duck._SUMMARY}-terms-{unit}-{n}") is not None
    monkeypatch.setattr(term_backend, "MAX_MEMORY_ROWS", 10**9)  # held in memory: nothing to prepare
    assert annotations.prepare_out_of_core(folder) == []
