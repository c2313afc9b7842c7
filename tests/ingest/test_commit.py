"""The one commit protocol (lib/ingest/commit.py): all or nothing, across a crash at any step.

A crash is a forked child leaving with ``os._exit`` at a named step (what ``kill -9`` does to
the files: nothing is tidied); the kills of real ``python -m lib add`` processes are in
tests/ingest/test_commit_kills.py.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from lib.contracts import METADATA_COLUMNS
from lib.ingest import commit
from lib.ingest.corpus import UNKNOWN, load_corpus
from lib.ingest.decoding import RefusedInput
from lib.ingest.metadata_file import parse_metadata
from tests.ingest.test_adding import BODY

HEADER = ",".join(c for c in METADATA_COLUMNS if c != "tags") + "\n"  # a corpus written before tags
OLD = {"000_old.txt": f"Old\n\n{BODY} Old."}
OLD_META = HEADER + "old-doc,000_old.txt,Old,Org A,A,,,2024-01-02,,en,\n"
NEW_FILES = {"001_new.txt": f"New one\n\n{BODY} One.".encode(), "002_new.md": f"# New two\n\n{BODY} Two.".encode()}
NEW_ROWS = [{"id": "new-one", "file": "001_new.txt", "title": "New one", "organisation": "Org A", "org_short": "A"},
            {"id": "new-two", "file": "002_new.md", "title": "New two", "organisation": "Org B", "org_short": "B"}]
STEPS = ["locked", "staged", "journal written", "committed", "moved 001_new.txt", "moved 002_new.md",
         "metadata replaced", "journal removed", "done"]
BEFORE_COMMIT_POINT = {"locked", "staged", "journal written"}


@pytest.fixture()
def corpus(make_corpus) -> Path:
    return make_corpus(OLD, OLD_META)


def visible(folder: Path) -> dict[str, bytes]:
    """What a reader that does not recover sees: the files of the folder (not the hidden staging)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") or p.suffix == ".part")


def crash_at(step: str, folder: Path, files=NEW_FILES, rows=NEW_ROWS) -> int:
    """Commit in a forked child that dies (no clean-up, like kill -9) when it reaches ``step``."""
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            commit._step = lambda name: os._exit(9) if name == step else None
            commit.commit(folder, files, rows)
        except BaseException:
            code = 3
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


class TestCommit:
    def test_several_documents_at_once(self, corpus):
        done = commit.commit(corpus, NEW_FILES, NEW_ROWS)
        assert done.files == ("001_new.txt", "002_new.md") and done.rows == 2
        docs = load_corpus(corpus).documents.set_index("doc_id")
        assert list(docs.sort_index().index) == ["new-one", "new-two", "old-doc"]
        assert docs.loc["new-two", "organisation"] == "Org B" and docs.loc["new-two", "format"] == "md"
        assert leftovers(corpus) == []
        assert (corpus / "metadata.csv").read_bytes().startswith(OLD_META.encode())

    def test_exception_in_the_block_leaves_the_corpus_exactly(self, corpus):
        before = visible(corpus)
        with pytest.raises(RuntimeError), commit.transaction(corpus) as tx:
            tx.stage("001_new.txt", NEW_FILES["001_new.txt"])
            tx.append(NEW_ROWS[0])
            raise RuntimeError("the caller changed its mind")
        assert visible(corpus) == before and leftovers(corpus) == []

    def test_new_folder_gets_a_metadata_file(self, tmp_path):
        commit.commit(tmp_path / "fresh", NEW_FILES, NEW_ROWS)
        assert parse_metadata((tmp_path / "fresh" / "metadata.csv").read_bytes()).rows[1]["id"] == "new-two"

    def test_rows_for_files_already_there(self, corpus):
        (corpus / "003_by_hand.txt").write_text(f"By hand\n\n{BODY}")
        commit.commit(corpus, {}, [{"id": "by-hand", "file": "003_by_hand.txt", "organisation": "Org C"}])
        assert load_corpus(corpus).documents.set_index("doc_id").loc["by-hand", "organisation"] == "Org C"

    @pytest.mark.parametrize("name", ["../x.txt", "a/b.txt", ".hidden.txt", "metadata.csv", "", "000_old.txt"])
    def test_bad_or_taken_names_refused(self, corpus, name):
        with pytest.raises(ValueError):
            commit.commit(corpus, {name: b"x"}, [])
        assert leftovers(corpus) == []

    @pytest.mark.parametrize("row", [{"id": "", "file": "000_old.txt"}, {"id": "old-doc", "file": "000_old.txt"},
                                     {"id": "x", "file": "nowhere.txt"}])
    def test_bad_rows_refused(self, corpus, row):
        before = visible(corpus)
        with pytest.raises(ValueError):
            commit.commit(corpus, {}, [row])
        assert visible(corpus) == before

    def test_metadata_that_cannot_be_read_exactly_blocks_every_write(self, corpus):
        (corpus / "metadata.csv").write_bytes(OLD_META.encode() + b'bad,"000_x.txt\n')
        before = visible(corpus)
        with pytest.raises(RefusedInput, match="line 3"):
            commit.commit(corpus, NEW_FILES, NEW_ROWS)
        assert visible(corpus) == before and leftovers(corpus) == []

    def test_a_file_dropped_by_hand_still_loads_as_unknown(self, corpus):
        (corpus / "dropped.txt").write_text(f"Dropped\n\n{BODY}")
        loaded = load_corpus(corpus)
        assert loaded.documents.set_index("file").loc["dropped.txt", "organisation"] == UNKNOWN
        assert any("'dropped.txt' has no row" in n.message for n in loaded.notices)


class TestCrashAtEveryStep:
    @pytest.mark.parametrize("step", STEPS)
    def test_old_or_new_never_half(self, corpus, step):
        old = visible(corpus)
        assert crash_at(step, corpus) == 9
        if step in BEFORE_COMMIT_POINT:  # nothing visible yet, even to a reader that does not recover
            assert visible(corpus) == old
        loaded = load_corpus(corpus)  # recovers first
        ids = sorted(loaded.documents["doc_id"])
        assert ids == (["old-doc"] if step in BEFORE_COMMIT_POINT else ["new-one", "new-two", "old-doc"])
        assert UNKNOWN not in set(loaded.documents["organisation"])
        assert leftovers(corpus) == []
        assert parse_metadata((corpus / "metadata.csv").read_bytes()).exact
        if step not in BEFORE_COMMIT_POINT and step not in ("journal removed", "done"):
            assert any("interrupted write was completed" in n.message for n in loaded.notices)

    def test_the_next_write_recovers_first(self, corpus):
        assert crash_at("moved 001_new.txt", corpus) == 9
        done = commit.commit(corpus, {"003_more.txt": f"More\n\n{BODY}".encode()},
                             [{"id": "more", "file": "003_more.txt", "organisation": "Org A"}])
        assert any("completed" in note for note in done.notes)
        assert sorted(load_corpus(corpus).documents["doc_id"]) == ["more", "new-one", "new-two", "old-doc"]

    def test_metadata_edited_after_the_crash_is_never_overwritten(self, corpus):
        assert crash_at("moved 001_new.txt", corpus) == 9
        edited = OLD_META.replace("Old,Org A", "Old (edited),Org A")
        (corpus / "metadata.csv").write_text(edited, encoding="utf-8")
        loaded = load_corpus(corpus)
        assert (corpus / "metadata.csv").read_text(encoding="utf-8") == edited
        assert sorted(loaded.documents["doc_id"]) == ["old-doc"]  # the half-placed write was undone
        assert any("undone" in n.message and n.level == "warning" for n in loaded.notices)
        assert leftovers(corpus) == []

    def test_recovery_that_cannot_write_says_so(self, corpus, monkeypatch):
        assert crash_at("moved 001_new.txt", corpus) == 9

        def denied(*_args, **_kwargs):
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(commit.os, "replace", denied)
        results = commit.recover(corpus)
        assert results and results[0].level == "warning" and "permission denied" in results[0].message
        monkeypatch.undo()
        assert sorted(load_corpus(corpus).documents["doc_id"]) == ["new-one", "new-two", "old-doc"]

    def test_journal_lost_is_discarded_with_a_warning(self, corpus):
        assert crash_at("committed", corpus) == 9
        entry = next((corpus / ".commit").iterdir())
        (entry / "journal.json").write_text("{ truncated")
        loaded = load_corpus(corpus)
        assert sorted(loaded.documents["doc_id"]) == ["old-doc"] and leftovers(corpus) == []
        assert any("no readable journal" in n.message for n in loaded.notices)


class TestReadersNeverSeeHalfAWrite:
    def test_loads_during_many_commits(self, corpus):
        # A writer process commits 12 documents one by one, pausing at every step so that
        # the loads below land inside commits; no load may see a document without its row.
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                os.environ[commit.PAUSE_ENV] = "0.01"
                commit.sys.stderr = open(os.devnull, "w")  # noqa: SIM115 (the child exits below)
                for i in range(12):
                    name = f"{i + 10:03d}_doc.txt"
                    commit.commit(corpus, {name: f"Doc {i}\n\n{BODY} {i}.".encode()},
                                  [{"id": f"doc-{i}", "file": name, "organisation": "Org A"}])
            except BaseException:
                code = 3
            finally:
                os._exit(code)
        seen = set()
        try:
            while True:
                loaded = load_corpus(corpus)
                assert UNKNOWN not in set(loaded.documents["organisation"]), loaded.notices
                assert not any("not in the corpus folder" in n.message for n in loaded.notices)
                seen.add(len(loaded.documents))
                done, status = os.waitpid(pid, os.WNOHANG)
                if done:
                    assert os.waitstatus_to_exitcode(status) == 0
                    break
                time.sleep(0.01)
        finally:
            if not done:
                os.waitpid(pid, 0)
        assert len(load_corpus(corpus).documents) == 13
        assert len(seen) > 2  # the loads did happen while the writer was at work

    def test_settled_sees_a_commit_in_between(self, corpus):
        before = commit.visible_state(corpus)
        assert commit.settled(before, corpus)
        commit.commit(corpus, {"001_new.txt": NEW_FILES["001_new.txt"]}, [NEW_ROWS[0]])
        assert not commit.settled(before, corpus)


class TestRecover:
    def test_nothing_to_do(self, corpus):
        assert commit.recover(corpus) == [] and commit.recover(corpus.parent / "missing") == []

    def test_stale_staging_of_a_killed_writer_is_removed(self, corpus):
        assert crash_at("staged", corpus) == 9
        assert commit.pending(corpus)
        results = commit.recover(corpus)
        assert len(results) == 1 and "removed" in results[0].message
        assert not commit.pending(corpus) and leftovers(corpus) == []

    def test_an_empty_commit_folder_is_removed(self, corpus):
        (corpus / ".commit").mkdir()  # a writer killed between removing its journal and the folder
        assert commit.pending(corpus)
        load_corpus(corpus)
        assert leftovers(corpus) == []

    def test_a_live_writers_staging_is_left_alone(self, corpus):
        with commit.transaction(corpus) as tx:
            tx.stage("001_new.txt", NEW_FILES["001_new.txt"])
            assert commit.recover(corpus, wait=False) == []  # the lock is held: not stale
            assert commit.pending(corpus)
            tx.append(NEW_ROWS[0])
        assert "new-one" in set(load_corpus(corpus).documents["doc_id"])

    def test_copy_of_a_corpus_with_a_pending_commit(self, corpus, tmp_path):
        # A backup taken mid-crash recovers in its new place too (the journal holds names, not paths).
        assert crash_at("moved 001_new.txt", corpus) == 9
        copy = tmp_path / "copy"
        shutil.copytree(corpus, copy)
        assert sorted(load_corpus(copy).documents["doc_id"]) == ["new-one", "new-two", "old-doc"]
