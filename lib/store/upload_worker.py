"""One bounded worker process per upload: a visitor's file is checked, cleaned and annotated
outside the server (issue 15).

Everything an upload costs — decoding, cleaning, metadata detection and (in hosted mode) the
annotation — runs in a child process, ``python -m lib.store.upload_worker``, which is fed the
bytes on its standard input (they are never written to the corpus or to any cache) and limits
itself before it imports anything heavy: address space (``RLIMIT_AS``), CPU seconds
(``RLIMIT_CPU``), no core files, a lower priority (``nice``), one thread for the numeric
libraries. A worker that runs over its memory stops with a ``MemoryError`` (or is killed by the
kernel's limit), one over its time is killed; either way the visitor gets a plain message.

The server side is :class:`UploadJob`. A background thread starts the worker, writes the bytes,
reads its messages and kills it on its time limit, on :meth:`UploadJob.cancel`, or when nobody
has asked about it for a while (the visitor left before confirming it). A page's script thread
only reads :meth:`UploadJob.status` — never a pipe — so a stopped or rerun page waits for
nothing, and another visitor's pages are not held up. At most ``workers`` processes run at once
per server (:class:`UploadLimits`); later jobs queue, and past ``queue`` waiting jobs a new upload
is refused ("the server is busy").

Messages from the worker are length-prefixed pickles on its standard output (the worker's own
prints go to standard error): progress, the checked file (:class:`lib.ingest.adding.Prepared`
without its bytes, which the server holds already), a refusal, the annotation tables
(:class:`lib.store.uploads.SessionAnnotations`). Pickle is safe here: the worker runs our code
with the server's own rights, fed by the server.

Pure library (no Streamlit): ``lib/web/cached.py`` keeps a session's jobs.
"""

from __future__ import annotations

import atexit
import dataclasses
import hashlib
import os
import pickle
import select
import signal
import struct
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lib.ingest.decoding import RefusedInput

if TYPE_CHECKING:
    from lib.ingest.adding import Prepared

# Nothing heavy is imported at the top of this module: the worker process runs it as its main
# module and must limit itself (main) before pandas, spaCy and the model take their memory.

MIB = 1024 * 1024
ROOT = Path(__file__).resolve().parents[2]  # the project: the worker runs ``-m lib.store.upload_worker`` from it

# One document's placeholder id while it is annotated: the visitor names it afterwards
# (lib.store.uploads.with_doc_id).
PLACEHOLDER_ID = "upload"

_HEADER = struct.Struct(">Q")
_MAX_FRAME = 1 << 31  # no message of ours comes near 2 GB; a larger length is a broken stream


# ---------------------------------------------------------------- limits
@dataclass(frozen=True)
class UploadLimits:
    """What one visitor's uploads may cost (README, "Hosted mode: limits").

    Attributes:
        file_bytes: largest file the page accepts (``.streamlit/config.toml``'s
            ``server.maxUploadSize`` is the same, in MB); larger documents go in with
            ``python -m lib add`` (5 MB).
        session_files: documents one browser session may upload.
        session_bytes: their total size.
        memory_mb: address space of one worker process.
        seconds: wall-clock time of one worker process (its CPU time is limited to the same).
        workers: worker processes running at once on the server; later uploads wait.
        queue: uploads that may wait for a worker; past it, new uploads are refused.
        idle_seconds: a job nobody has asked about for this long, and not yet confirmed by the
            visitor, is stopped (the visitor left).
    """

    file_bytes: int = 2 * MIB
    session_files: int = 10
    session_bytes: int = 5 * MIB
    memory_mb: int = 1200
    seconds: int = 600
    workers: int = 1
    queue: int = 8
    idle_seconds: int = 300
    # Several files or a zip at once (the Corpus page's bulk import, issue 18): each file and each
    # zip entry is held to ``file_bytes``; a zip to this many entries and unpacked bytes in all.
    batch_entries: int = 2000
    batch_bytes: int = 64 * MIB

    # Environment variables an operator may set (whole numbers; anything else keeps the default).
    ENV = {"memory_mb": "PARTY_LINES_UPLOAD_MEMORY_MB", "seconds": "PARTY_LINES_UPLOAD_SECONDS",
           "workers": "PARTY_LINES_UPLOAD_WORKERS", "session_files": "PARTY_LINES_SESSION_UPLOADS",
           "session_bytes": "PARTY_LINES_SESSION_MB"}

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> UploadLimits:
        """The defaults, with the operator's settings from the environment (see :attr:`ENV`)."""
        env = os.environ if env is None else env
        values: dict[str, int] = {}
        for name, var in cls.ENV.items():
            raw = str(env.get(var, "")).strip()
            if raw.isascii() and raw.isdigit() and 0 < int(raw) < 10**9:
                values[name] = int(raw) * (MIB if name == "session_bytes" else 1)
        return cls(**values)

    @property
    def file_mb(self) -> int:
        return self.file_bytes // MIB


def _duration(seconds: int) -> str:
    return f"{seconds} second{'' if seconds == 1 else 's'}" if seconds < 120 else f"{seconds // 60} minutes"


def session_refusal(size: int, *, held: list[int], limits: UploadLimits) -> str | None:
    """Why one more upload of ``size`` bytes is refused in a session that holds files of ``held``
    sizes (uploaded or being analysed), or None if it is accepted."""
    if size > limits.file_bytes:
        return (f"The file is {size / MIB:.1f} MB; the limit for an upload here is {limits.file_mb} MB. "
                "Larger documents can be added by the operator with `python -m lib add`.")
    if len(held) >= limits.session_files:
        return (f"This session already holds {len(held)} uploaded documents, the most one session may add. "
                "Remove one on the Corpus page to add another.")
    if sum(held) + size > limits.session_bytes:
        return (f"Your uploads in this session would come to {(sum(held) + size) / MIB:.1f} MB; one session may "
                f"hold {limits.session_bytes / MIB:.0f} MB. Remove one on the Corpus page to add this one.")
    return None


# ---------------------------------------------------------------- the work (in the worker process)
Report = Callable[..., None]
"""``report(kind, **payload)``: what the work tells the server as it goes."""


def process_upload(raw: bytes, *, name: str, max_bytes: int, annotate: bool, corpus_actors: str | None,
                   report: Report) -> None:
    """Check, clean and (``annotate``) annotate one uploaded file, reporting as it goes.

    Runs in the worker process (:func:`main`); a plain function, so a test can call it directly.

    Reports, in order: ``progress`` (``fraction``, ``message``) now and then; ``prepared``
    (``prepared``: the :class:`Prepared` file without its bytes) or ``refused`` (``message``);
    with ``annotate``, ``annotated`` (``tables``: compact :class:`lib.store.uploads.SessionAnnotations`
    under :data:`PLACEHOLDER_ID`, ``warning``: the pipeline's, if it ran without its model).
    """
    from lib.ingest.adding import prepare

    report("progress", fraction=0.01, message="Reading the file…")
    try:
        prepared = prepare(raw, name=name, max_bytes=max_bytes)
    except RefusedInput as exc:
        report("refused", message=str(exc))
        return
    report("prepared", prepared=dataclasses.replace(prepared, raw=b""))
    if not annotate:
        return
    report("progress", fraction=0.03, message="Loading the language model…")
    import pandas as pd

    from lib.nlp import engine  # here only: the server never imports spaCy for an upload
    from lib.store import uploads

    pipeline = engine.load_pipeline(corpus_actors=corpus_actors)
    said = [-1]

    def chars(done: int, total: int) -> None:
        percent = int(100 * done / max(total, 1))
        if percent != said[0]:
            said[0] = percent
            report("progress", fraction=0.05 + 0.9 * done / max(total, 1),
                   message=f"Finding names and counting words: {percent}% of {total:,} characters…")

    frame = pd.DataFrame({"doc_id": [PLACEHOLDER_ID], "text": [prepared.cleaned.text]})
    tables = uploads.annotate_session(frame, key=prepared.sha256,
                                      annotate=lambda items: engine.annotate(pipeline, items, char_progress=chars))
    report("annotated", tables=uploads.compact(tables), warning=pipeline.warning)


def process_import(files: list[tuple[str, bytes]], *, corpus: str, org: str, tags: str, dry_run: bool,
                   max_bytes: int, batch_entries: int, batch_bytes: int, report: Report) -> None:
    """Check several uploaded files (a zip among them is opened) and, unless ``dry_run``, add those that
    pass to the corpus in one commit (:mod:`lib.ingest.importing`, as ``python -m lib import``).

    Runs in the worker process. Reports ``progress`` per document, then ``imported`` (``summary``:
    :class:`lib.ingest.importing.Summary`) or ``refused`` (``message``: the whole batch was refused).
    """
    from lib.ingest import importing

    limits = importing.ZipLimits(entries=batch_entries, total_bytes=batch_bytes, file_bytes=max_bytes)
    report("progress", fraction=0.01, message="Opening the files…")

    def progress(done: int, total: int | None, name: str) -> None:
        report("progress", fraction=done / max(total or done, 1),
               message=f"Checked {done:,} of {total or done:,} documents ({name})…")

    try:
        source = importing.uploaded_sources(files, zip_limits=limits)
        summary = importing.run_import(corpus, source, org=org, tags=tags, dry_run=dry_run, max_bytes=max_bytes,
                                       progress=progress)
    except RefusedInput as exc:
        report("refused", message=f"{exc} Nothing was added.")
        return
    except OSError as exc:
        report("refused", message=f"The corpus could not be written ({exc.strerror or 'error'}); it is unchanged.")
        return
    report("imported", summary=summary)


def _limit_self(memory_mb: int, seconds: int) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (memory_mb * MIB, memory_mb * MIB))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 5))  # SIGXCPU, then SIGKILL
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    os.nice(10)  # interactive page runs first


def main(argv: list[str] | None = None) -> int:
    """The worker process: ``python -m lib.store.upload_worker MEMORY_MB SECONDS``, request on stdin."""
    argv = sys.argv[1:] if argv is None else argv
    _limit_self(int(argv[0]), int(argv[1]))
    channel = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything a library prints goes to stderr, never into the message stream

    def report(kind: str, **payload: Any) -> None:
        data = pickle.dumps({"kind": kind, **payload}, protocol=pickle.HIGHEST_PROTOCOL)
        channel.write(_HEADER.pack(len(data)) + data)
        channel.flush()

    try:
        request = pickle.loads(sys.stdin.buffer.read())
        if request.get("task") == "import":
            process_import(request["files"], corpus=request["corpus"], org=request["org"], tags=request["tags"],
                           dry_run=request["dry_run"], max_bytes=request["max_bytes"],
                           batch_entries=request["batch_entries"], batch_bytes=request["batch_bytes"], report=report)
            return 0
        process_upload(request["raw"], name=request["name"], max_bytes=request["max_bytes"],
                       annotate=request["annotate"], corpus_actors=request["corpus_actors"], report=report)
    except MemoryError:
        os._exit(EXIT_MEMORY)  # nothing more can be allocated safely, not even a message
    except Exception as exc:  # a message for the server; the traceback stays in the log
        import traceback

        traceback.print_exc()
        report("error", message=type(exc).__name__)
        return 1
    return 0


EXIT_MEMORY = 3


# ---------------------------------------------------------------- the job (in the server)
STAGES = ("queued", "preparing", "annotating", "done", "refused", "failed", "cancelled")
FINISHED = ("done", "refused", "failed", "cancelled")


@dataclass(frozen=True)
class JobStatus:
    """What a job has got to, for a page to show.

    Attributes:
        stage: ``queued`` (waiting for a worker), ``preparing`` (checking the file), ``annotating``
            (checked: :attr:`prepared` is set), ``done``, ``refused`` (the file was refused:
            :attr:`message` says why), ``failed`` (stopped over a limit or broken: :attr:`message`),
            ``cancelled``.
        fraction: 0–1, for a progress bar.
        message: what is happening, or why it stopped, for a person.
        prepared: the checked file (with its bytes) once known.
        tables: the annotation tables (under :data:`PLACEHOLDER_ID`) when done with ``annotate``.
        warning: the pipeline's degradation message, if any.
    """

    stage: str
    fraction: float = 0.0
    message: str = ""
    prepared: Prepared | None = None
    tables: Any = None
    warning: str | None = None
    summary: Any = None  # a bulk import's lib.ingest.importing.Summary (ImportJob)

    @property
    def finished(self) -> bool:
        return self.stage in FINISHED


_LIVE: weakref.WeakSet[UploadJob] = weakref.WeakSet()
_SLOTS_LOCK = threading.Lock()
_SLOTS: dict[int, threading.BoundedSemaphore] = {}
_WAITING = [0]


def _slots(n: int) -> threading.BoundedSemaphore:
    with _SLOTS_LOCK:
        return _SLOTS.setdefault(n, threading.BoundedSemaphore(n))


class UploadJob:
    """One upload's worker process, run from a background thread (see the module docstring).

    Args:
        raw: the file's bytes as received.
        name: the name it came with (only its extension is used).
        annotate: annotate it too (hosted mode); otherwise only check it (writes mode: the shared
            build annotates what is added to the corpus).
        corpus_actors: the corpus's own ``actors.yaml``, if any.
        limits: default :meth:`UploadLimits.from_env`.

    Raises:
        RefusedInput: the server is busy (too many uploads waiting for a worker).
    """

    def __init__(self, raw: bytes, *, name: str, annotate: bool, corpus_actors: Path | str | None = None,
                 limits: UploadLimits | None = None) -> None:
        self.raw = raw
        self.name = name
        self.annotate = annotate
        self.corpus_actors = str(corpus_actors) if corpus_actors else None
        self.limits = limits or UploadLimits.from_env()
        self.sha256 = hashlib.sha256(raw).hexdigest()
        self.keep = False  # confirmed by the visitor: never stopped for being idle
        self._status = JobStatus("queued", 0.0, "Waiting for a free worker…")
        self._lock = threading.Lock()
        self._cancel = threading.Event()
        self._seen = time.monotonic()
        self._proc: subprocess.Popen | None = None
        with _SLOTS_LOCK:
            if _WAITING[0] >= self.limits.queue:
                raise RefusedInput("The server is busy analysing other visitors' uploads; try again in a few minutes.")
            _WAITING[0] += 1
        self._thread = threading.Thread(target=self._run, name=f"upload-{self.sha256[:8]}", daemon=True)
        _LIVE.add(self)
        self._thread.start()

    # ------------------------------------------------------------ for pages (never block)
    def status(self) -> JobStatus:
        """The job's status now (also tells the job someone is still waiting for it)."""
        with self._lock:
            self._seen = time.monotonic()
            return self._status

    def cancel(self) -> None:
        """Stop the job (its worker is killed by the job's thread; returns at once)."""
        self._cancel.set()

    # ------------------------------------------------------------ for tests and the benchmark
    def wait(self, timeout: float | None = None) -> JobStatus:
        """Block until the job has finished (or ``timeout`` seconds): never from a page."""
        self._thread.join(timeout)
        return self.status()

    @property
    def pid(self) -> int | None:
        """The worker's process id while it runs."""
        proc = self._proc
        return proc.pid if proc is not None and proc.poll() is None else None

    # ------------------------------------------------------------ the thread
    def _set(self, stage: str | None = None, **changes: Any) -> None:
        with self._lock:
            if self._status.finished:
                return
            self._status = dataclasses.replace(self._status, stage=stage or self._status.stage, **changes)

    def _run(self) -> None:
        slots = _slots(self.limits.workers)
        try:
            while not slots.acquire(timeout=0.25):
                if self._stop_reason() is not None:
                    self._set("cancelled", message=self._stop_reason())
                    return
        finally:
            with _SLOTS_LOCK:
                _WAITING[0] -= 1
        try:
            self._work()
        except Exception as exc:  # the thread never dies silently: the page gets a message
            self._kill()
            self._set("failed", message=f"The upload could not be analysed ({type(exc).__name__}).")
        finally:
            slots.release()

    def _stop_reason(self) -> str | None:
        if self._cancel.is_set():
            return "Stopped."
        if not self.keep and time.monotonic() - self._seen > self.limits.idle_seconds:
            return "Stopped: nobody was waiting for it any more."
        return None

    def _work(self) -> None:
        limits = self.limits
        self._set("preparing", fraction=0.0, message="Starting…")
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p),
               # one thread each and few malloc arenas: the address-space limit measures data, not reserves
               "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "MALLOC_ARENA_MAX": "2"}
        self._proc = proc = subprocess.Popen(
            [sys.executable, "-m", "lib.store.upload_worker", str(limits.memory_mb), str(limits.seconds)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=os.getcwd(), env=env, close_fds=True)
        request = pickle.dumps(self._request())
        started = time.monotonic()
        try:
            ended = self._talk(proc, memoryview(request), deadline=started + limits.seconds)
            if ended is None:  # it closed its output: let it finish exiting, so its exit code tells why
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    pass
        finally:
            self._kill()
        with self._lock:
            finished = self._status.finished
        if finished:
            return
        code = proc.returncode
        if ended is not None:
            self._set("cancelled" if ended != "time" else "failed", message=ended if ended != "time" else (
                f"Stopped: analysing this file took longer than the {_duration(limits.seconds)} one upload may "
                "take on this server. A shorter text will go through."))
        elif code == EXIT_MEMORY or code == -signal.SIGSEGV or code == -signal.SIGABRT:
            self._set("failed", message=(
                f"Stopped: analysing this file needed more than the {limits.memory_mb:,} MB of memory one upload may "
                "use on this server. A shorter text will go through."))
        elif code == -signal.SIGXCPU:
            self._set("failed", message=(
                f"Stopped: analysing this file took longer than the {_duration(limits.seconds)} of processor time "
                "one upload may take on this server. A shorter text will go through."))
        elif code == -signal.SIGKILL:  # the CPU limit's second step, or the system ran out of memory
            self._set("failed", message=(
                f"Stopped: analysing this file went over what one upload may use on this server ({limits.memory_mb:,} MB "
                f"of memory, {_duration(limits.seconds)}). A shorter text will go through."))
        else:
            self._set("failed", message=f"The upload could not be analysed (the worker ended with code {code}).")

    def _talk(self, proc: subprocess.Popen, pending: memoryview, *, deadline: float) -> str | None:
        """Feed the request and read messages until the worker closes its output.

        Returns None when the worker ended by itself, else why it was stopped ("time" or a message).
        """
        out_fd, in_fd = proc.stdout.fileno(), proc.stdin.fileno()
        os.set_blocking(out_fd, False)
        os.set_blocking(in_fd, False)
        buffer = bytearray()
        while True:
            if (reason := self._stop_reason()) is not None:
                return reason
            if time.monotonic() > deadline:
                return "time"
            writing = [in_fd] if pending else []
            readable, writable, _ = select.select([out_fd], writing, [], 0.25)
            if writable:
                try:
                    sent = os.write(in_fd, pending[: 1 << 16])
                except BrokenPipeError:  # the worker is gone; its output says why (or its exit code)
                    sent = len(pending)
                pending = pending[sent:]
                if not pending:
                    proc.stdin.close()
            if readable:
                chunk = os.read(out_fd, 1 << 20)
                if not chunk:
                    return None
                buffer += chunk
                while len(buffer) >= _HEADER.size:
                    (size,) = _HEADER.unpack_from(buffer)
                    if size > _MAX_FRAME:
                        raise ValueError("broken message stream")
                    if len(buffer) < _HEADER.size + size:
                        break
                    self._receive(pickle.loads(bytes(buffer[_HEADER.size: _HEADER.size + size])))
                    del buffer[: _HEADER.size + size]

    def _request(self) -> dict:
        return {"raw": self.raw, "name": self.name, "max_bytes": self.limits.file_bytes,
                "annotate": self.annotate, "corpus_actors": self.corpus_actors}

    def _receive(self, message: dict) -> None:
        kind = message.get("kind")
        if kind == "imported":
            self._set("done", summary=message["summary"], fraction=1.0, message="Done.")
        elif kind == "progress":
            self._set(fraction=float(message["fraction"]), message=str(message["message"]))
        elif kind == "prepared":
            prepared = dataclasses.replace(message["prepared"], raw=self.raw)
            if self.annotate:
                self._set("annotating", prepared=prepared, fraction=0.03, message="Checked; analysing…")
            else:
                self._set("done", prepared=prepared, fraction=1.0, message="Checked.")
        elif kind == "refused":
            self._set("refused", message=str(message["message"]))
        elif kind == "annotated":
            self._set("done", tables=message["tables"], warning=message.get("warning"), fraction=1.0,
                      message="Analysed.")
        elif kind == "error":
            self._set("failed", message=f"The upload could not be analysed ({message.get('message')}).")

    def _kill(self) -> None:
        proc = self._proc
        if proc is None:
            return
        if proc.poll() is None:
            proc.kill()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover - a killed process is reaped at once
            pass
        for stream in (proc.stdin, proc.stdout):
            if stream is not None and not stream.closed:
                stream.close()


class ImportJob(UploadJob):
    """Several uploaded files (or a zip) checked and imported in one bounded worker process (issue 18).

    The same limits, queue and messages as :class:`UploadJob`; the worker runs
    :func:`process_import`. When done, :attr:`JobStatus.summary` holds the
    :class:`lib.ingest.importing.Summary`.

    Args:
        files: ``(name, bytes)`` as received.
        corpus: the corpus folder.
        org: organisation of documents whose metadata names none.
        tags: tags for every document.
        dry_run: check only, write nothing.
        limits: default :meth:`UploadLimits.from_env`.

    Raises:
        RefusedInput: the server is busy.
    """

    def __init__(self, files: list[tuple[str, bytes]], *, corpus: Path | str, org: str = "", tags: str = "",
                 dry_run: bool = False, limits: UploadLimits | None = None) -> None:
        self.files = [(str(name), bytes(data)) for name, data in files]
        self.corpus, self.org, self.tags, self.dry_run = str(corpus), org, tags, dry_run
        digest = hashlib.sha256(f"{org}\0{tags}\0{dry_run}".encode())
        for name, data in self.files:
            digest.update(f"{name}\0{len(data)}\0".encode() + hashlib.sha256(data).digest())
        self.key = digest.hexdigest()
        super().__init__(b"", name="import", annotate=False, limits=limits)
        self.keep = not dry_run  # a commit is never stopped for want of a visitor

    def _request(self) -> dict:
        return {"task": "import", "files": self.files, "corpus": self.corpus, "org": self.org, "tags": self.tags,
                "dry_run": self.dry_run, "max_bytes": self.limits.file_bytes,
                "batch_entries": self.limits.batch_entries, "batch_bytes": self.limits.batch_bytes}


@atexit.register
def _stop_all() -> None:
    # A server that stops takes its workers with it (their CPU limit would end them later anyway).
    for job in list(_LIVE):
        job.cancel()
        proc = job._proc
        if proc is not None and proc.poll() is None:
            proc.kill()


if __name__ == "__main__":
    sys.exit(main())
