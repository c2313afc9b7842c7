"""Session documents (lib/store/uploads.py + the session path of lib/web/cached.py): analysed with the
corpus, never written to the shared caches."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from lib.ingest.adding import prepare, session_document
from lib.ingest.corpus import load_corpus
from lib.store import annotations, uploads
from tests.conftest import build_store
from tests.store.test_store import METADATA, TEXTS, FakeAnnotator, write_corpus

ROOT = Path(__file__).resolve().parents[2]
UPLOAD = b"Upload title\n\nBy Jane Doe | 3 March 2024\n\nRussia and Ukraine talk. NATO waits. The war goes on.\n"


@pytest.fixture()
def corpus(tmp_path):
    folder = write_corpus(tmp_path / "corpus", TEXTS, METADATA)
    return folder, load_corpus(folder).documents


@pytest.fixture()
def session_row(corpus):
    row, _ = session_document(prepare(UPLOAD, name="u.txt"), {"organisation": "Gamma Group"}, documents=corpus[1])
    return row


class TestWithSession:
    def test_appends_sorted_without_mutating(self, corpus, session_row):
        _, docs = corpus
        combined = uploads.with_session(docs, [session_row])
        assert len(combined) == 4 and len(docs) == 3
        assert list(combined.columns) == list(docs.columns)
        assert session_row["doc_id"] in set(combined["doc_id"])
        assert combined["n_words"].dtype == "int64"

    def test_no_rows_is_identity(self, corpus):
        assert uploads.with_session(corpus[1], []) is corpus[1]

    def test_corpus_copy_wins(self, corpus, session_row):
        _, docs = corpus
        dup = {**session_row, "sha256": docs["sha256"].iloc[0]}
        assert len(uploads.with_session(docs, [dup])) == 3


class TestSessionKey:
    def test_order_free_and_version_bound(self, session_row):
        other = {**session_row, "doc_id": "z"}
        assert uploads.session_key([session_row, other], "v") == uploads.session_key([other, session_row], "v")
        assert uploads.session_key([session_row], "v1") != uploads.session_key([session_row], "v2")


class TestOverlay:
    def test_tables_and_readers(self, corpus, session_row, tmp_path):
        folder, docs = corpus
        fake = FakeAnnotator()
        base = annotations.load_or_build(docs, corpus_dir=folder, cache_dir=tmp_path / "cache", annotate_fn=fake)
        frame = uploads.with_session(docs.iloc[:0], [session_row])
        ann = uploads.annotate_session(frame, annotate=fake, key="k")
        over = uploads.overlay(base, ann)
        sid = session_row["doc_id"]
        assert over.shared is base and base.shared is base
        assert over.session_ids == {sid} and base.session_ids == frozenset()
        assert over.fingerprint != base.fingerprint
        assert sid in set(over.mentions["doc_id"].astype(str)) and sid in set(over.doc_stats["doc_id"].astype(str))
        assert sid not in set(base.mentions["doc_id"].astype(str))
        words = over.term_counts("word", 1)
        assert {"a-war", sid} <= set(words["doc_id"].astype(str))
        assert set(over.tokens([sid, "a-war"])["doc_id"].astype(str)) == {sid, "a-war"}
        assert set(over.sentences([sid])["doc_id"].astype(str)) == {sid}
        assert set(over.term_counts("word", 1, doc_ids=[sid])["doc_id"].astype(str)) == {sid}
        assert list(over.tokens([sid], ["lower"]).columns) == list(base.tokens(["a-war"], ["lower"]).columns)
        # nothing about the session document reached the disk cache
        blob = b"".join(p.read_bytes() for p in (tmp_path / "cache").rglob("*") if p.is_file())
        assert sid.encode() not in blob

    def test_same_interface_as_the_shared_store(self):
        # Issue 13: the overlay once had a tokens() of its own signature; readers had to ask which they held.
        import inspect

        for name, member in inspect.getmembers(annotations.Annotated):
            if name.startswith("_"):
                continue
            theirs = getattr(uploads.Overlay, name)
            if callable(member):
                assert inspect.signature(theirs) == inspect.signature(member), name
            else:
                assert type(theirs) is type(member), name


SCRIPT = """
import pandas as pd
import streamlit as st
from lib.web import cached
from lib.ingest.adding import prepare, session_document
from lib.store import uploads
from tests.store.test_store import FakeAnnotator
raw = {upload!r}
row, _ = session_document(prepare(raw, name="u.txt"), {{"organisation": "Gamma Group"}},
                          documents=cached.loaded_corpus().documents)
if not cached.session_rows():  # as the upload's worker hands them over: compact, under a placeholder id
    tables = uploads.annotate_session(pd.DataFrame({{"doc_id": ["upload"], "text": [row["text"]]}}),
                                      annotate=FakeAnnotator(), key="k")
    cached.add_session_row(row, uploads.compact(tables))
docs = cached.documents_table()
a = cached.annotated()
words = cached.term_counts("word", 1)
tokens = cached.tokens_for([row["doc_id"], "a-war"])
st.text(f"docs={{len(docs)}} id={{row['doc_id']}}")
st.text(f"in_mentions={{row['doc_id'] in set(a.mentions['doc_id'].astype(str))}}")
st.text(f"in_words={{row['doc_id'] in set(words['doc_id'].astype(str))}}")
st.text(f"token_docs={{sorted(set(tokens['doc_id'].astype(str)))}}")
few = cached.tokens_for([row["doc_id"], "a-war"], ["lower"])
st.text(f"few={{list(few.columns)}} same={{few.reset_index(drop=True).equals(tokens[list(few.columns)].reset_index(drop=True))}}")
"""

RUNNER = """
import json
from streamlit.testing.v1 import AppTest
at = AppTest.from_string({script!r}, default_timeout=300).run()
print(json.dumps({{"exception": [str(e.value) for e in at.exception], "text": [t.value for t in at.text]}}))
"""


class TestCachedSessionPath:
    def test_session_document_on_every_reader_and_not_in_shared_cache(self, tmp_path):
        folder = write_corpus(tmp_path / "corpus", TEXTS, METADATA)
        cache = tmp_path / "cache"
        env = {**os.environ, "CORPUS_DIR": str(folder), "PARTY_LINES_CACHE": str(cache)}
        build_store(folder, cache)  # the app reads the shared corpus's build; it never annotates it itself
        code = RUNNER.format(script=textwrap.dedent(SCRIPT.format(upload=UPLOAD)))
        done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=600)
        out = json.loads(done.stdout.strip().splitlines()[-1])
        assert out["exception"] == []
        text = "\n".join(out["text"])
        sid = "gamma-group-2024-03-03-upload-title"
        assert f"docs=4 id={sid}" in text
        assert "in_mentions=True" in text and "in_words=True" in text
        assert f"token_docs=['a-war', '{sid}']" in text
        assert "few=['doc_id', 'i', 'lower'] same=True" in text  # the session's rows too, same columns
        blob = b"".join(p.read_bytes() for p in cache.rglob("*") if p.is_file())
        assert sid.encode() not in blob  # the shared disk cache never saw it
        assert len(list((cache / "corpus").iterdir())) == 1  # one corpus state: the shared one


class TestSessionTables:
    """What a session keeps of an upload's tables (issue 15): compact, renamed, combined."""

    def tables(self, doc_id: str, text: str) -> uploads.SessionAnnotations:
        import pandas as pd

        frame = pd.DataFrame({"doc_id": [doc_id], "text": [text]})
        return uploads.annotate_session(frame, annotate=FakeAnnotator(), key=doc_id)

    def test_compact_keeps_values_in_categories(self):
        full = self.tables("upload", "Russia and Ukraine talk. NATO waits. NATO waits.")
        small = uploads.compact(full)
        assert small.tokens["lower"].dtype == "category" and small.mentions["actor"].dtype == "category"
        assert small.tokens.astype(str).equals(full.tokens.astype(str))

    def test_with_doc_id_renames_every_table(self):
        renamed = uploads.with_doc_id(uploads.compact(self.tables("upload", "Russia and NATO. Ukraine.")), "mine")
        for name in ("sentences", "tokens", "mentions", "term_counts", "actor_counts", "cooc", "doc_stats"):
            frame = getattr(renamed, name)
            assert set(frame["doc_id"].astype(str)) <= {"mine"}, name
        assert renamed.doc_ids == {"mine"}

    def test_combine_and_overlay_read_plain_strings(self, corpus, tmp_path):
        folder, docs = corpus
        base = annotations.load_or_build(docs, corpus_dir=folder, cache_dir=tmp_path / "cache",
                                         annotate_fn=FakeAnnotator())
        one = uploads.with_doc_id(uploads.compact(self.tables("upload", "Russia and NATO. Ukraine.")), "one")
        two = uploads.with_doc_id(uploads.compact(self.tables("upload", "NATO waits for Russia.")), "two")
        both = uploads.combine([one, two], key="k")
        assert both.doc_ids == {"one", "two"} and set(both.mentions["doc_id"].astype(str)) == {"one", "two"}
        over = uploads.overlay(base, both)
        tokens = over.tokens(["one", "two", "a-war"])
        assert set(tokens["doc_id"]) == {"one", "two", "a-war"}
        assert tokens["lower"].dtype == object and tokens["doc_id"].dtype == object  # as the shared store's
        assert over.sentences(["two"])["text"].tolist() == ["NATO waits for Russia."]
