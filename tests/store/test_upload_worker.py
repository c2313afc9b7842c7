"""The bounded upload worker (lib/store/upload_worker.py): limits, messages, and a job that never blocks its caller."""

from __future__ import annotations

import os
import signal
import time

import pytest

from lib.ingest.adding import Prepared
from lib.store import upload_worker
from lib.store.upload_worker import MIB, UploadJob, UploadLimits, process_upload, session_refusal
from tests.ingest.test_adding import TXT

FAST = UploadLimits(seconds=300)


def collect(**kwargs) -> list[dict]:
    got: list[dict] = []
    process_upload(report=lambda kind, **payload: got.append({"kind": kind, **payload}), **kwargs)
    return got


def gone(pid: int) -> bool:
    """True if no such process is running (a reaped child, or one never started)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    with open(f"/proc/{pid}/stat") as f:  # a zombie is not running either, but it is not reaped
        return f.read().split()[2] == "Z"


class TestLimits:
    def test_defaults_match_the_readme(self):
        limits = UploadLimits()
        assert (limits.file_bytes, limits.session_files, limits.session_bytes) == (2 * MIB, 10, 5 * MIB)
        assert (limits.memory_mb, limits.seconds, limits.workers) == (1200, 600, 1)

    def test_environment_overrides_and_junk_is_ignored(self):
        env = {"PARTY_LINES_UPLOAD_MEMORY_MB": "900", "PARTY_LINES_UPLOAD_SECONDS": "-5",
               "PARTY_LINES_UPLOAD_WORKERS": "two", "PARTY_LINES_SESSION_UPLOADS": "3"}
        limits = UploadLimits.from_env(env)
        assert (limits.memory_mb, limits.seconds, limits.workers, limits.session_files) == (900, 600, 1, 3)

    @pytest.mark.parametrize(("size", "held", "fragment"), [
        (2 * MIB + 1, [], "the limit for an upload here is 2 MB"),
        (10, [1] * 10, "already holds 10 uploaded documents"),
        (2 * MIB, [2 * MIB, 1 * MIB + 1], "one session may hold 5 MB"),
    ])
    def test_refusals_say_which_limit(self, size, held, fragment):
        assert fragment in session_refusal(size, held=held, limits=UploadLimits())

    def test_within_limits(self):
        assert session_refusal(2 * MIB, held=[2 * MIB], limits=UploadLimits()) is None


class TestProcessUpload:
    def test_checked_without_annotation(self):
        got = collect(raw=TXT, name="a.txt", max_bytes=MIB, annotate=False, corpus_actors=None)
        kinds = [m["kind"] for m in got]
        assert kinds[-1] == "prepared" and "annotated" not in kinds
        prepared = got[-1]["prepared"]
        assert isinstance(prepared, Prepared) and prepared.raw == b""  # the server holds the bytes already
        assert prepared.suggestion.get("author") == "Jane Doe"

    def test_refused_says_why(self):
        got = collect(raw=b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, name="a.txt", max_bytes=MIB, annotate=False,
                      corpus_actors=None)
        assert got[-1]["kind"] == "refused" and "PNG image" in got[-1]["message"]

    def test_size_limit_is_the_uploads(self):
        got = collect(raw=b"word " * 300, name="a.txt", max_bytes=1000, annotate=False, corpus_actors=None)
        assert got[-1]["kind"] == "refused"

    @pytest.mark.slow
    def test_annotated_tables_are_compact_and_under_a_placeholder(self):
        got = collect(raw=TXT, name="a.txt", max_bytes=MIB, annotate=True, corpus_actors=None)
        assert [m["kind"] for m in got if m["kind"] != "progress"] == ["prepared", "annotated"]
        tables = got[-1]["tables"]
        assert set(tables.tokens["doc_id"].astype(str)) == {upload_worker.PLACEHOLDER_ID}
        assert tables.tokens["lower"].dtype == "category"
        assert "Jane" in set(tables.tokens["text"].astype(str))
        fractions = [m["fraction"] for m in got if m["kind"] == "progress"]
        assert fractions == sorted(fractions) and fractions[-1] > 0.9


class TestJob:
    def test_check_only_job(self):
        job = UploadJob(TXT, name="a.txt", annotate=False, limits=FAST)
        status = job.wait(120)
        assert status.stage == "done", status.message
        assert status.prepared.raw == TXT and status.tables is None
        assert job.pid is None

    def test_refused_file(self):
        job = UploadJob(b"", name="a.txt", annotate=False, limits=FAST)
        status = job.wait(120)
        assert status.stage == "refused" and "empty" in status.message

    def test_status_never_waits_for_the_worker(self):
        job = UploadJob(TXT, name="a.txt", annotate=True, limits=FAST)
        status = job.status()  # returns at once, whatever the worker is doing
        assert not status.finished and status.stage in ("queued", "preparing")
        job.cancel()
        assert job.wait(30).stage == "cancelled"

    def test_over_its_memory_the_worker_stops_with_a_message(self):
        # 400 MB of address space cannot hold the language model (~500 MB): a MemoryError in the worker.
        job = UploadJob(TXT, name="a.txt", annotate=True, limits=UploadLimits(memory_mb=400, seconds=300))
        status = job.wait(300)
        assert status.stage == "failed"
        assert "needed more than the 400 MB of memory" in status.message
        assert status.prepared is not None  # checking the file fitted; the analysis did not

    def test_over_its_time_the_worker_is_killed(self):
        # One second: loading the language model alone takes longer (two seconds was not always enough).
        job = UploadJob(TXT, name="a.txt", annotate=True, limits=UploadLimits(seconds=1))
        status = job.wait(120)
        assert status.stage == "failed" and "took longer than the 1 second" in status.message

    def test_cancelled_worker_is_killed_and_reaped(self):
        job = UploadJob(TXT, name="a.txt", annotate=True, limits=FAST)
        deadline = time.monotonic() + 60
        while job.pid is None and time.monotonic() < deadline:
            time.sleep(0.05)
        pid = job.pid
        assert pid is not None
        job.cancel()
        assert job.wait(30).stage == "cancelled"
        assert gone(pid)

    def test_a_job_nobody_asks_about_is_stopped(self):
        job = UploadJob(TXT, name="a.txt", annotate=True, limits=UploadLimits(idle_seconds=1, seconds=300))
        status = job.wait(60)  # wait() asks only at the end
        assert status.stage == "cancelled" and "nobody was waiting" in status.message

    def test_a_confirmed_job_is_kept_while_nobody_asks(self):
        job = UploadJob(TXT, name="a.txt", annotate=False, limits=UploadLimits(idle_seconds=1, seconds=300))
        job.keep = True
        time.sleep(1.5)
        assert job.wait(120).stage == "done"

    def test_busy_server_refuses_up_front(self):
        limits = UploadLimits(workers=1, queue=1, seconds=300)
        # a slot for this test alone: one worker busy, one upload waiting, the next refused
        first = UploadJob(TXT, name="a.txt", annotate=True, limits=limits)
        deadline = time.monotonic() + 60
        while first.status().stage == "queued" and time.monotonic() < deadline:
            time.sleep(0.05)
        second = UploadJob(TXT + b" ", name="b.txt", annotate=True, limits=limits)
        try:
            with pytest.raises(upload_worker.RefusedInput, match="busy"):
                UploadJob(TXT + b"  ", name="c.txt", annotate=True, limits=limits)
            assert second.status().stage == "queued"
        finally:
            first.cancel()
            second.cancel()
            assert first.wait(30).finished and second.wait(30).finished


def test_worker_sets_its_limits_before_anything_heavy(tmp_path):
    """The worker module imports nothing heavy at the top (the limits come first)."""
    import ast

    tree = ast.parse(open(upload_worker.__file__, encoding="utf-8").read())
    top = {alias.name.split(".")[0] for node in tree.body if isinstance(node, ast.Import) for alias in node.names}
    top |= {node.module.split(".")[0] for node in tree.body if isinstance(node, ast.ImportFrom) and node.module}
    assert not top & {"pandas", "numpy", "spacy", "pyarrow"}
    heavy = [node.module for node in tree.body if isinstance(node, ast.ImportFrom) and node.module
             and node.module.startswith("lib.") and node.module != "lib.ingest.decoding"]
    assert heavy == []
    assert signal.SIGXCPU  # the CPU limit's signal exists on this platform
