"""The Streamlit cache wrappers for annotations (lib/web/cached.py), run through AppTest in a fresh process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from lib.store import annotations, build
from tests.store.test_store import METADATA, TEXTS, FakeAnnotator, write_corpus

ROOT = Path(__file__).resolve().parents[2]

# A page-like script: everything a page would ask of lib.web.cached, then what was imported.
SCRIPT = """
import sys
import streamlit as st
from lib.web import cached
a = cached.annotated()
words = cached.term_counts("word", 1)
tokens = cached.tokens_for(["a-war"])
sentences = cached.sentences_for(["a-war", "c-talks"])
st.text(f"mentions={len(a.mentions)} words={len(words)} tokens={len(tokens)} sentences={len(sentences)}")
st.text(f"spacy={'spacy' in sys.modules}")
"""

RUNNER = """
import json, sys
from streamlit.testing.v1 import AppTest
at = AppTest.from_string({script!r}, default_timeout=120).run()
print(json.dumps({{"exception": [str(e.value) for e in at.exception], "text": [t.value for t in at.text],
                  "warning": [w.value for w in at.warning], "error": [e.value for e in at.error]}}))
"""


def run_app(corpus: Path, cache: Path) -> dict:
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(RUNNER.format(script=SCRIPT))], cwd=ROOT,
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "CORPUS_DIR": str(corpus),
                               "PARTY_LINES_CACHE": str(cache)})
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


class TestAnnotated:
    def test_warm_start_serves_every_table_without_importing_spacy(self, tmp_path):
        corpus = write_corpus(tmp_path / "corpus", TEXTS, METADATA)
        cache = tmp_path / "cache"
        build.build(corpus, cache_dir=cache, annotate_fn=FakeAnnotator())
        built = build.load_current(corpus, cache)
        report = run_app(corpus, cache)
        assert report["exception"] == [] and report["error"] == []
        assert report["text"][0] == (f"mentions={len(built.mentions)} words={len(built.term_counts('word', 1))} "
                                     f"tokens={len(built.tokens(['a-war']))} sentences=5")
        assert report["text"][1] == "spacy=False"

    @pytest.mark.slow
    def test_unreadable_store_file_is_rebuilt_not_a_traceback(self, tmp_path):
        corpus = write_corpus(tmp_path / "corpus", TEXTS, METADATA)
        cache = tmp_path / "cache"
        build.build(corpus, cache_dir=cache, annotate_fn=FakeAnnotator())
        built = build.load_current(corpus, cache)
        (built.path / "terms-word-1.parquet").write_bytes(b"broken")  # the manifest still lists it
        report = run_app(corpus, cache)
        assert report["exception"] == [] and report["error"] == []
        assert report["text"] == []  # the page waits for the build it started in its own process
        wait_for_build(corpus, cache)
        report = run_app(corpus, cache)
        assert report["exception"] == [] and report["text"][0].startswith("mentions=")
        assert report["text"][1] == "spacy=False"

    @pytest.mark.slow
    @pytest.mark.skipif(not any(annotations._package_version(n) for n in annotations.MODEL_PACKAGES), reason="no spaCy model")
    def test_cold_start_builds_in_its_own_process_and_the_next_run_is_warm(self, tmp_path):
        corpus = write_corpus(tmp_path / "corpus", TEXTS, METADATA)
        cache = tmp_path / "cache"
        report = run_app(corpus, cache)
        assert report["exception"] == [] and report["error"] == [], report
        assert report["text"] == []  # the page run did not annotate: it stopped after saying what it waits for
        wait_for_build(corpus, cache)
        assert build.current(corpus, cache).matches(corpus)
        again = run_app(corpus, cache)
        assert again["text"][1] == "spacy=False" and again["text"][0].startswith("mentions=")  # read, not annotated


def wait_for_build(corpus: Path, cache: Path, timeout: float = 240) -> None:
    """Wait for the build an app run started (a grandchild in its own session) to finish."""
    deadline = time.time() + timeout
    time.sleep(1.0)
    while build.is_running(corpus, cache) and time.time() < deadline:
        time.sleep(0.5)
    status = build.read_status(corpus, cache)
    assert status is not None and status.state == "done", status


# The cached sums and slices (issue 7) against the direct computation over term_counts().
DERIVED = """
import json
import streamlit as st
from lib.web import cached
from lib.analysis import compare, reader
from tests.reference import content_words, rest_terms
words = content_words(cached.term_counts("word", 1))
ids = sorted(set(words["doc_id"].astype(str)))
doc = ids[0]
direct_rest = rest_terms(words, ids, doc)
rest = cached.rest_totals(ids, doc, "word", 1, content=True)
rest_again = cached.rest_totals(ids, doc, "word", 1, content=True)
own = cached.term_counts_for([doc], "word", 1, content=True)
groups = {d: [d] for d in ids}
st.text(json.dumps({
    "rest_equal": direct_rest.sort_index().to_dict() == rest.sort_index().to_dict() == rest_again.to_dict(),
    "rest_nonempty": len(rest) > 0,
    "own_equal": reader.document_terms(own, doc).sort_index().to_dict()
                 == reader.document_terms(words, doc).sort_index().to_dict(),
    "total_equal": cached.term_totals(ids, "word", 1, content=True).to_dict()
                   == compare.profile(words, ids).astype(int).to_dict(),
    "matrix_equal": cached.similarity_matrix(groups).equals(compare.similarity_matrix(words, groups)),
    "cloud": cached.word_cloud({"war": 3.0, "peace": 1.0})[1:4] == b"PNG",
}))
"""


class TestDerivedCaches:
    def test_cached_sums_equal_direct_computation(self, tmp_path):
        corpus = write_corpus(tmp_path / "corpus", TEXTS, METADATA)
        cache = tmp_path / "cache"
        build.build(corpus, cache_dir=cache, annotate_fn=FakeAnnotator())
        proc = subprocess.run([sys.executable, "-c", textwrap.dedent(RUNNER.format(script=DERIVED))], cwd=ROOT,
                              capture_output=True, text=True, timeout=300,
                              env={**os.environ, "PYTHONPATH": str(ROOT), "CORPUS_DIR": str(corpus),
                                   "PARTY_LINES_CACHE": str(cache)})
        assert proc.returncode == 0, proc.stderr
        report = json.loads(proc.stdout.strip().splitlines()[-1])
        assert report["exception"] == [], report["exception"]
        assert json.loads(report["text"][0]) == {"rest_equal": True, "rest_nonempty": True, "own_equal": True,
                                                 "total_equal": True, "matrix_equal": True, "cloud": True}
