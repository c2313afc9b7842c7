"""Uploads in hosted mode (AppTest): each one in a bounded worker of its own; a page run never waits for it;
limits refused up front; the server never imports spaCy for an upload (issue 15)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from lib.ingest.corpus import load_corpus
from lib.store import annotations
from tests.ingest.test_adding import BODY, TXT, snapshot
from tests.pages.test_pages_corpus import PAGE, msgs, pending, submit, upload
from tests.pagetest import run_page, upload_jobs, wait_for_uploads
from tests.store.test_store import FakeAnnotator

ROOT = Path(__file__).resolve().parents[2]
MIB = 1024 * 1024


def long_text(chars: int, title: str = "A long article on the war") -> bytes:
    """An article of about ``chars`` characters (paragraphs of the test body, numbered so none repeats)."""
    paragraphs, n = [title], 0
    while sum(len(p) + 2 for p in paragraphs) < chars:
        n += 1
        paragraphs.append(f"Part {n}. {BODY}")
    return "\n\n".join(paragraphs).encode()


def confirm(at, raw: bytes, org: str = "WPI"):
    """Fill in the organisation and press Add, without waiting for anything (unlike ``submit``)."""
    at.selectbox(key=f"corpus-form-{hashlib.sha256(raw).hexdigest()[:12]}-org").select(org)
    next(b for b in at.button if b.label.startswith("Add ")).click()
    return at.run()


class TestNeverWaits:
    def test_page_runs_return_while_the_worker_analyses(self, tmp_corpus):
        before = snapshot(tmp_corpus)
        raw = long_text(200_000)  # tens of seconds of analysis: far longer than a page run
        at = upload(run_page(PAGE), "long.txt", raw)
        confirm(at, raw)  # the run returns while the worker is still at it
        assert not at.exception, [e.value for e in at.exception]
        (job,) = upload_jobs(at).values()
        assert not job.status().finished, "the page run waited for the worker"
        assert pending(at) and any("is being analysed" in m for m in msgs(at.success))
        assert len(at.dataframe[0].value) == 5  # not in the session before its tables are ready
        at.switch_page("pages/3_Terms.py")  # another page of the same session renders meanwhile
        at.run()
        assert not at.exception and not job.status().finished
        at.switch_page(PAGE)
        wait_for_uploads(at, until="done")
        assert not at.exception
        assert any("Added for this session as wpi-" in m for m in msgs(at.success)), msgs(at.success) + msgs(at.error)
        assert len(at.dataframe[0].value) == 6
        assert snapshot(tmp_corpus) == before  # hosted mode: nothing written to the corpus

    def test_reruns_do_not_check_the_file_again(self, tmp_corpus):
        # Issue 15: a file sitting in the uploader was prepared again on every rerun (80-100 s of CPU
        # each for a 4 MB file of short lines). Now one worker per file, whatever the reruns.
        at = upload(run_page(PAGE), "a.txt", TXT)
        (job,) = upload_jobs(at).values()
        for _ in range(3):
            at.run()
            assert list(upload_jobs(at).values()) == [job]
        assert any(b.label.startswith("Add ") for b in at.button)
        job.cancel()

    def test_leaving_an_unconfirmed_upload_stops_its_worker(self, tmp_corpus):
        at = upload(run_page(PAGE), "long.txt", long_text(200_000))
        (job,) = upload_jobs(at).values()
        at.file_uploader[0].clear()  # the visitor removes the file before confirming it
        at.run()
        assert job.wait(30).stage == "cancelled"
        assert upload_jobs(at) == {}


class TestLimits:
    def test_over_the_file_limit_refused_up_front(self, tmp_corpus):
        at = run_page(PAGE)
        at.file_uploader[0].upload("big.txt", b"word " * (2 * MIB // 5 + 1), "text/plain")
        at.run()
        assert any("the limit for an upload here is 2 MB" in m for m in msgs(at.error))
        assert upload_jobs(at) == {}  # no worker was started

    def test_session_count_cap(self, tmp_corpus, monkeypatch):
        monkeypatch.setenv("PARTY_LINES_SESSION_UPLOADS", "1")
        at = upload(run_page(PAGE), "a.txt", TXT)
        submit(at, TXT, org="WPI")
        assert any("Added for this session" in m for m in msgs(at.success))
        other = TXT.replace(b"Jane Doe", b"John Roe")
        at.file_uploader[0].upload("b.txt", other, "text/plain")
        at.run()
        assert any("already holds 1 uploaded documents" in m for m in msgs(at.error))

    def test_session_size_cap_counts_uploads_still_analysed(self, tmp_corpus, monkeypatch):
        monkeypatch.setenv("PARTY_LINES_SESSION_MB", "1")
        first, second = long_text(600_000), long_text(600_000, "Another long article")
        at = upload(run_page(PAGE), "a.txt", first)
        confirm(at, first)  # its worker is still analysing it
        try:
            assert pending(at)
            at.file_uploader[0].upload("b.txt", second, "text/plain")
            at.run()
            assert any("one session may hold 1 MB" in m for m in msgs(at.error)), msgs(at.error)
        finally:
            for job in upload_jobs(at).values():
                job.cancel()


SCRIPT = """
import json, sys, time
from streamlit.testing.v1 import AppTest
at = AppTest.from_file({app!r}, default_timeout=300)
at.switch_page("pages/5_Corpus.py")
at.run()
at.file_uploader[0].upload("a.txt", {raw!r}, "text/plain")
at.run()
jobs = dict(at.session_state["_pl_upload_jobs"])
for job in jobs.values():
    job.wait(300)
at.run()
k = "corpus-form-" + {sha!r}
at.selectbox(key=k + "-org").select("WPI")
next(b for b in at.button if b.label.startswith("Add ")).click()
at.run()
at.switch_page("pages/4_Actors.py")
at.run()
print(json.dumps({{"exception": [str(e.value) for e in at.exception], "spacy": "spacy" in sys.modules,
                  "docs": len(at.session_state["_pl_session_docs"])}}))
"""


@pytest.mark.slow
def test_the_server_never_imports_spacy_for_an_upload(tmp_corpus):
    # The shared corpus is annotated already (a warm start); only the upload needs the model.
    annotations.load_or_build(load_corpus(tmp_corpus).documents, corpus_dir=tmp_corpus, annotate_fn=FakeAnnotator())
    code = textwrap.dedent(SCRIPT.format(app=str(ROOT / "app.py"), raw=TXT, sha=hashlib.sha256(TXT).hexdigest()[:12]))
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=900,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr[-3000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["exception"] == []
    assert out["docs"] == 1  # uploaded, analysed (by its worker) and shown on the Actors page
    assert out["spacy"] is False
