"""Build the shared corpus's store: annotate what it lacks, in partitions, and commit a manifest.

``python -m lib build`` (``lib/cli/build.py``) and the app (``lib/web/cached.py``, which starts
the command in its own process) both come here. Layout, per corpus folder, under the cache
folder (:func:`lib.store.annotations.cache_root`)::

    stores/<folder key>/
        current.json          the manifest: the last complete build (written to a temporary
                              name, then ``os.replace``: a reader sees a whole manifest or the
                              one before it, never half of one)
        documents-<fp>.parquet, notices-<fp>.json   the documents table that build read
        status.json           what a running build is doing (documents, words/s, ETA)
        build.lock            held (``fcntl.flock``) by the one running build
        build.log             stderr of a build the app started
    annotations/<pipeline version>/<partition>/   per-document tables (lib.store.annotations)
    corpus/<fingerprint>/                          corpus-level tables (lib.store.annotations)

A partition is a set of documents annotated together; :func:`run_partition` turns one
:class:`PartitionTask` into its Parquet parts (a folder renamed into place when complete)
and is a pure function of its task apart from that folder, so a Dask task (or any pool)
can call it. A document is keyed by (doc_id, content sha256) inside a pipeline version:
a killed build keeps every finished partition and the next build annotates only the rest;
the app keeps reading the last complete manifest meanwhile.

The corpus fingerprint the app trusts comes from the manifest and a cheap stamp
(:func:`corpus_stamp`: the corpus folder's modification time, which changes whenever a file
is added, removed or renamed into it, and ``metadata.csv``'s size and time) — three
``stat`` calls, not one per file. Files in the corpus are never modified in place (they
are kept as received); a build hashes every file and picks up anything that was.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from lib.contracts import CORPUS_ACTORS, DOCUMENT_COLUMNS, METADATA_FILE
from lib.ingest.corpus import LoadedCorpus, Notice, about_documents
from lib.store import annotations
from lib.store.annotations import StoreError
from lib.store.cluster import ClusterError  # noqa: F401 — raised by builds on Dask; this module imports no Dask
from lib.store.documents import load_corpus_cached
from lib.store.texts import ROW_GROUP_ROWS, Texts

FORMAT = 1
STORES = "stores"
MANIFEST = "current.json"
STATUS = "status.json"
LOCK = "build.lock"
LOG = "build.log"
PARTITION_WORDS = 25_000  # a partition is a few seconds of annotation: progress moves, a kill loses little
PARTITION_DOCS = 250
# The same partitions whatever the number of workers: a lemma term's stop flag is worked out per
# partition (lib.store.counts.iter_term_counts: "any word read as that form was flagged"), so other
# partitions can flag a few lemma terms otherwise (cutting four per worker did: benchmarks/BUILD.md),
# and the tables must not depend on --workers. Each partition costs ~0.1 s of CPU of its own.
STATUS_EVERY_S = 0.5  # the status file is rewritten at most this often

Report = Callable[["Status"], None]


class BuildRunning(RuntimeError):
    """Another process is building this corpus's store (its pid is in the message)."""




# ================================================================ where things are
def store_dir(corpus_dir: Path | str, cache_dir: Path | str | None = None) -> Path:
    """The store folder of one corpus folder (keyed by its absolute path)."""
    key = hashlib.sha256(str(Path(corpus_dir).resolve()).encode()).hexdigest()[:12]
    return annotations.cache_root(cache_dir) / STORES / key


def _stat_part(path: Path) -> str:
    try:
        st = path.stat()
    except OSError:
        return "-"
    return f"{st.st_size}:{st.st_mtime_ns}"


def corpus_stamp(corpus_dir: Path | str) -> str:
    """The cheap change detector of a corpus folder: three ``stat`` calls.

    The folder's own modification time changes when a file is added, removed or renamed in
    (every write path does one of these); ``metadata.csv`` and ``actors.yaml`` are edited in
    place, so their size and time count too.
    """
    directory = Path(corpus_dir)
    try:
        folder = str(directory.stat().st_mtime_ns)
    except OSError:
        return "missing"
    return f"{folder}|{_stat_part(directory / METADATA_FILE)}|{_stat_part(directory / CORPUS_ACTORS)}"


# ================================================================ the manifest
@dataclass(frozen=True)
class Manifest:
    """The last complete build of a corpus folder (``current.json``)."""

    stamp: str  # corpus_stamp() as it was when the build read the folder
    fingerprint: str  # the corpus-level folder (lib.store.annotations.corpus_fingerprint)
    pipeline_version: str
    documents_table: str  # file name inside the store folder
    notices_file: str
    documents: int
    words: int
    partitions: list[str] = field(default_factory=list)
    built_at: float = 0.0
    seconds: float = 0.0

    def matches(self, corpus_dir: Path | str) -> bool:
        """True if the corpus folder looks as it did when this build read it (cheap)."""
        return self.stamp == corpus_stamp(corpus_dir)


def app_stamp(corpus_dir: Path | str, cache_dir: Path | str | None = None) -> str:
    """What the app keys its tables on: :func:`corpus_stamp` and the manifest's own stat (four ``stat`` calls)."""
    return f"{corpus_stamp(corpus_dir)}|{_stat_part(store_dir(corpus_dir, cache_dir) / MANIFEST)}"


def current(corpus_dir: Path | str, cache_dir: Path | str | None = None) -> Manifest | None:
    """The manifest of the last complete build, or None (none yet, or unreadable)."""
    path = store_dir(corpus_dir, cache_dir) / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.pop("format", None) != FORMAT:
            return None
        return Manifest(**data)
    except (OSError, ValueError, TypeError):
        return None


def _write_json(path: Path, data: Any) -> None:
    tmp = path.parent / f".{path.name}.{uuid.uuid4().hex[:8]}.tmp"
    tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
    os.replace(tmp, path)


def documents_of(manifest: Manifest, corpus_dir: Path | str, cache_dir: Path | str | None = None, *,
                 text: bool = True) -> LoadedCorpus:
    """The documents table (and notices) the build read.

    Args:
        text: False leaves the ``text`` column out (see :func:`documents_without_texts`).

    Raises:
        StoreError: the file is missing or unreadable (build again).
    """
    store = store_dir(corpus_dir, cache_dir)
    columns = DOCUMENT_COLUMNS if text else [c for c in DOCUMENT_COLUMNS if c != "text"]
    try:
        documents = pq.read_table(store / manifest.documents_table, columns=columns).to_pandas()
        notices = json.loads((store / manifest.notices_file).read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, pa.ArrowException) as exc:
        raise StoreError(f"the store's documents table is unreadable: {exc}") from exc
    if list(documents.columns) != columns:
        raise StoreError("the store's documents table has other columns than lib.contracts.DOCUMENT_COLUMNS")
    documents["n_words"] = documents["n_words"].astype("int64")
    return LoadedCorpus(documents, [Notice(n["message"], n["level"]) for n in notices])


def documents_now(corpus_dir: Path | str, cache_dir: Path | str | None = None) -> LoadedCorpus:
    """The documents table of a corpus folder, as cheaply as it can be known.

    The last build's table while the folder looks as it did then (one Parquet read, no file
    of the corpus opened or stat'ed); otherwise the folder itself, through the documents disk
    cache (:func:`lib.store.documents.load_corpus_cached`).
    """
    manifest = current(corpus_dir, cache_dir)
    if manifest is not None and manifest.matches(corpus_dir):
        with contextlib.suppress(StoreError):
            return documents_of(manifest, corpus_dir, cache_dir)
    return load_corpus_cached(corpus_dir, cache_dir=cache_dir)


def documents_without_texts(corpus_dir: Path | str, cache_dir: Path | str | None = None) -> tuple[LoadedCorpus, Texts]:
    """:func:`documents_now` without the ``text`` column, and where each text is read when asked for.

    The app's start (issue 19): the last build's table is read without its texts (at 100,000
    documents 1 s and ~100 MB instead of 6 s and 1.2 GB) and :class:`~lib.store.texts.Texts`
    reads a text from that file when a page shows it. A corpus read from its folder keeps its
    texts in memory (there is no store file to read them from).
    """
    manifest = current(corpus_dir, cache_dir)
    if manifest is not None and manifest.matches(corpus_dir):
        path = store_dir(corpus_dir, cache_dir) / manifest.documents_table
        with contextlib.suppress(StoreError):
            loaded = documents_of(manifest, corpus_dir, cache_dir, text=False)
            return loaded, Texts(path=path, doc_ids=loaded.documents["doc_id"].astype(str))
    loaded = load_corpus_cached(corpus_dir, cache_dir=cache_dir)
    docs = loaded.documents
    texts = Texts(dict(zip(docs["doc_id"].astype(str), docs["text"].fillna("").astype(str), strict=False)))
    return LoadedCorpus(docs.drop(columns=["text"]), loaded.notices), texts


def load_tables(fingerprint: str, version: str, cache_dir: Path | str | None = None) -> annotations.Annotated:
    """The corpus-level tables a manifest names, read without spaCy.

    Raises:
        StoreError: they are missing or unreadable (build again).
    """
    root = annotations.cache_root(cache_dir)
    return annotations._load_corpus_level(annotations._corpus_path(root, fingerprint), version)


def load_current(corpus_dir: Path | str, cache_dir: Path | str | None = None) -> annotations.Annotated | None:
    """The annotation tables of the last complete build; None if there is none.

    Raises:
        StoreError: the manifest names tables that are missing or unreadable.
    """
    manifest = current(corpus_dir, cache_dir)
    return None if manifest is None else load_tables(manifest.fingerprint, manifest.pipeline_version, cache_dir)


# ================================================================ status of a running build
@dataclass
class Status:
    """What a build is doing, for a progress bar (stderr) or a page (``status.json``)."""

    state: str = "starting"  # starting | loading | loading model | annotating | assembling | done | failed
    pid: int = 0
    stamp: str = ""
    documents: int = 0  # in the corpus
    todo_docs: int = 0  # to annotate in this build
    done_docs: int = 0
    todo_words: int = 0
    done_words: int = 0
    started_at: float = 0.0
    annotating_since: float = 0.0
    updated_at: float = 0.0
    message: str = ""
    dashboard: str = ""  # the Dask dashboard's address while a cluster build runs (when bokeh serves one)

    @property
    def words_per_s(self) -> float:
        elapsed = time.time() - self.annotating_since if self.annotating_since else 0.0
        return self.done_words / elapsed if elapsed > 0 and self.done_words else 0.0

    @property
    def eta_s(self) -> float | None:
        """Seconds left at the current speed; None until there is a speed."""
        rate = self.words_per_s
        return (self.todo_words - self.done_words) / rate if rate else None

    @property
    def fraction(self) -> float:
        return min(self.done_words / self.todo_words, 1.0) if self.todo_words else 0.0

    def describe(self) -> str:
        """One sentence for a person: what is happening, how far, how long still."""
        if self.state in ("starting", "loading"):
            return "Reading the corpus files…"
        if self.state == "loading model":
            return f"Loading the language model to annotate {self.todo_docs:,} documents…"
        if self.state == "assembling":
            return "Counting terms and actors over the whole corpus…"
        if self.state == "failed":
            return f"The build failed: {self.message}"
        if self.state == "done":
            return "Done."
        eta = self.eta_s
        left = "estimating the time left" if eta is None else f"about {_duration(eta)} left"
        speed = f", {self.words_per_s:,.0f} words/s" if self.words_per_s else ""
        return (f"Annotating {self.done_docs:,} of {self.todo_docs:,} documents "
                f"({self.done_words:,} of {self.todo_words:,} words{speed}); {left}.")


def _duration(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    if seconds < 90:
        return f"{seconds} s"
    if seconds < 5400:
        return f"{round(seconds / 60)} min"
    return f"{seconds / 3600:.1f} h"


def read_status(corpus_dir: Path | str, cache_dir: Path | str | None = None) -> Status | None:
    """The status a build last wrote (a finished or failed one too), or None."""
    try:
        data = json.loads((store_dir(corpus_dir, cache_dir) / STATUS).read_text(encoding="utf-8"))
        return Status(**data)
    except (OSError, ValueError, TypeError):
        return None


def is_running(corpus_dir: Path | str, cache_dir: Path | str | None = None) -> bool:
    """True while some process holds this store's build lock (never blocks)."""
    path = store_dir(corpus_dir, cache_dir) / LOCK
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # closing releases a lock we took
    return False


@contextlib.contextmanager
def build_lock(store: Path, *, block: bool = False) -> Iterator[None]:
    """Hold this store's build lock; raise :class:`BuildRunning` if another build holds it."""
    store.mkdir(parents=True, exist_ok=True)
    fd = os.open(store / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if block else fcntl.LOCK_NB))
        except OSError:
            status = read_status_at(store)
            raise BuildRunning(f"another build of this corpus is running (pid {status.pid if status else '?'})") from None
        yield
    finally:
        os.close(fd)


def read_status_at(store: Path) -> Status | None:
    try:
        return Status(**json.loads((store / STATUS).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


# ================================================================ partitions
@dataclass(frozen=True)
class PartitionTask:
    """One partition to annotate: everything :func:`run_partition` needs, all picklable."""

    doc_ids: tuple[str, ...]
    sha256s: tuple[str, ...]
    texts: tuple[str, ...]
    chunk_root: str  # annotations/<pipeline version>/ under the cache folder
    version: str
    corpus_dir: str  # for its actors.yaml
    # Per document, its own names and author (lib.ingest.corpus.ABOUT_FIELDS) as (field, value)
    # pairs: the annotation marks them with a role (self/author).
    about: tuple[tuple[tuple[str, str], ...], ...] = ()

    @property
    def words(self) -> int:
        return sum(len(t.split()) for t in self.texts)


@dataclass(frozen=True)
class PartitionResult:
    name: str  # the partition's folder under chunk_root
    version: str  # the pipeline version it was written under (+"-nomodel" without the model)
    documents: int
    warning: str | None = None


# The loaded pipeline of this process (a Dask worker's too: the model is loaded once per worker
# process, not per task), keyed by pipeline version. One only: a long-lived worker serving builds
# of several corpora keeps the last one's (~300 MB each), not all of them.
_PIPELINES: dict[str, Any] = {}
_LOADS = [0]  # pipelines this process has loaded (read by tests through a Dask worker)


def _pipeline(corpus_dir: str, expect: str | None = None) -> Any:
    actors = Path(corpus_dir) / CORPUS_ACTORS
    key = annotations.pipeline_version(corpus_dir)  # the same gazetteer, the same pipeline
    if expect is not None and key != expect:
        # A worker on another machine with other package versions or without the corpus's
        # actors.yaml would annotate differently under the same version: refuse instead.
        raise StoreError(f"this worker's annotation pipeline ({key}) is not the build's ({expect}): workers need "
                         f"the same requirements.txt and the corpus folder at the same path ({corpus_dir})")
    if key not in _PIPELINES:
        from lib.nlp import engine  # deferred: only a process that annotates loads spaCy

        _PIPELINES.clear()
        _PIPELINES[key] = engine.load_pipeline(corpus_actors=actors if actors.is_file() else None)
        _LOADS[0] += 1
    return _PIPELINES[key]


def run_partition(task: PartitionTask, *, pipeline: Any = None,
                  annotate_fn: annotations.AnnotateFn | None = None,
                  progress: Callable[[int, int], None] | None = None) -> PartitionResult:
    """Annotate one partition and write its Parquet parts (a folder renamed into place).

    Pure apart from that folder: same task, same tables; safe to run twice (the second copy
    is ignored). This is the function a Dask task calls.

    Args:
        task: the partition.
        pipeline: a loaded ``lib.nlp.engine.Pipeline``; default: loaded once per process.
        annotate_fn: replaces the pipeline (tests, benchmarks).
        progress: ``progress(done, total)`` per finished document.
    """
    items = list(zip(task.doc_ids, task.texts, strict=True))
    batch = pd.DataFrame({"doc_id": list(task.doc_ids), "sha256": list(task.sha256s)})
    if annotate_fn is not None:
        result, warning = annotate_fn(items), None
    else:
        from lib.nlp import engine  # deferred: only a process that annotates loads spaCy

        loaded = pipeline if pipeline is not None else _pipeline(task.corpus_dir, expect=task.version)
        warning = getattr(loaded, "warning", None)
        # One process per worker: spaCy's own n_process pool is what hung a stopped page (issue 15).
        about = {d: dict(a) for d, a in zip(task.doc_ids, task.about, strict=True)} if task.about else None
        result = engine.annotate(loaded, items, n_process=1, progress=progress, about=about)
    version = f"{task.version}-nomodel" if warning else task.version
    chunk_root = Path(task.chunk_root).parent / version
    name = annotations._write_chunk(chunk_root, batch, result, version=version, warning=warning)
    return PartitionResult(name=name, version=version, documents=len(items), warning=warning)


def _tasks(missing: pd.DataFrame, *, chunk_root: Path, version: str, corpus_dir: Path,
           max_words: int, max_docs: int) -> list[PartitionTask]:
    tasks = []
    for b in annotations._batches(missing, max_words=max_words, max_docs=max_docs):
        about = about_documents(b)
        tasks.append(PartitionTask(doc_ids=tuple(b["doc_id"].astype(str)), sha256s=tuple(b["sha256"].astype(str)),
                                   texts=tuple(b["text"].fillna("").astype(str)), chunk_root=str(chunk_root),
                                   version=version, corpus_dir=str(corpus_dir),
                                   about=tuple(tuple(about.get(d, {}).items()) for d in b["doc_id"].astype(str))))
    return tasks


# ================================================================ the build
@dataclass(frozen=True)
class BuildResult:
    manifest: Manifest
    annotated_docs: int  # documents annotated by this build (0: everything was there)
    seconds: float
    annotation_s: float = 0.0  # of which annotating (after the model load in one process; after the cluster's start on Dask)


def build(corpus_dir: Path | str, *, cache_dir: Path | str | None = None, workers: int = 1,
          scheduler: str | None = None, report: Report | None = None, pipeline: Any = None, annotate_fn: annotations.AnnotateFn | None = None,
          partition_words: int = PARTITION_WORDS, partition_docs: int = PARTITION_DOCS,
          block: bool = False) -> BuildResult:
    """Annotate every document the store lacks and commit a new manifest.

    Args:
        corpus_dir: the corpus folder.
        cache_dir: the cache folder; default :func:`lib.store.annotations.cache_root`.
        workers: processes annotating partitions: 1, this process; more, a local Dask cluster
            of that many single-threaded worker processes (:mod:`lib.store.cluster`).
        scheduler: the address of an existing Dask scheduler (``tcp://host:8786``) whose
            workers annotate the partitions instead (``workers`` is then ignored).
        report: called with the :class:`Status` as it changes (progress bars).
        pipeline: a loaded pipeline for this process (tests; annotates here, whatever ``workers`` says).
        annotate_fn: replaces the pipeline (tests, benchmarks; on Dask it must be picklable).
        partition_words, partition_docs: size limits of a partition.
        block: wait for another running build instead of raising :class:`BuildRunning`.

    Returns:
        A :class:`BuildResult`.

    Raises:
        BuildRunning: another build of this corpus is running (and ``block`` is False).
        StoreError: the store could not be written.
        ClusterError: the Dask cluster could not be had or could not finish a partition.
    """
    corpus_dir = Path(corpus_dir)
    root = annotations.cache_root(cache_dir)
    store = store_dir(corpus_dir, root)
    with build_lock(store, block=block):
        return _build_locked(corpus_dir, root, store, workers=workers, scheduler=scheduler, report=report,
                             pipeline=pipeline,
                             annotate_fn=annotate_fn, partition_words=partition_words,
                             partition_docs=partition_docs)


def _build_locked(corpus_dir: Path, root: Path, store: Path, *, workers: int, scheduler: str | None,
                  report: Report | None,
                  pipeline: Any, annotate_fn: annotations.AnnotateFn | None, partition_words: int,
                  partition_docs: int) -> BuildResult:
    started = time.time()
    status = Status(state="loading", pid=os.getpid(), started_at=started)
    last_write = [0.0]

    def publish(force: bool = False) -> None:
        status.updated_at = time.time()
        if force or status.updated_at - last_write[0] >= STATUS_EVERY_S:
            last_write[0] = status.updated_at
            with contextlib.suppress(OSError):
                _write_json(store / STATUS, asdict(status))
        if report:
            report(status)

    try:
        publish(force=True)
        status.stamp = corpus_stamp(corpus_dir)  # before reading: a change meanwhile makes the result stale
        loaded = load_corpus_cached(corpus_dir, cache_dir=root)
        documents = loaded.documents.drop_duplicates("doc_id").reset_index(drop=True)
        status.documents = len(documents)
        version = annotations.pipeline_version(corpus_dir)
        annotated_now, names, version, annotation_s = _annotate_missing(
            documents, corpus_dir=corpus_dir, root=root, version=version, workers=workers, scheduler=scheduler,
            status=status,
            publish=publish, pipeline=pipeline, annotate_fn=annotate_fn, partition_words=partition_words,
            partition_docs=partition_docs)
        status.state = "assembling"
        publish(force=True)
        fingerprint = annotations.corpus_fingerprint(documents, version)
        manifest = _commit(store, root, loaded, documents, version=version, fingerprint=fingerprint,
                           partitions=names, stamp=status.stamp, started=started)
        # After the commit: the app can already serve; a build killed here leaves summaries to
        # be made on first need (lib/store/term_duck.py), nothing broken.
        annotations.prepare_out_of_core(annotations._corpus_path(annotations.cache_root(root), fingerprint))
        status.state = "done"
        publish(force=True)
        _prune(store, keep=manifest)
        return BuildResult(manifest=manifest, annotated_docs=annotated_now, seconds=time.time() - started,
                           annotation_s=annotation_s)
    except BaseException as exc:  # a failure (not a kill) is said in the status for the app to show
        status.state, status.message = "failed", f"{type(exc).__name__}: {exc}"[:500]
        with contextlib.suppress(Exception):
            publish(force=True)
        raise


def _annotate_missing(documents: pd.DataFrame, *, corpus_dir: Path, root: Path, version: str, workers: int,
                      scheduler: str | None, status: Status, publish: Callable[..., None], pipeline: Any,
                      annotate_fn: annotations.AnnotateFn | None, partition_words: int,
                      partition_docs: int) -> tuple[int, list[str], str, float]:
    """Annotate the documents no partition holds; returns (documents annotated, partitions, version, seconds annotating)."""
    keys = [annotations.doc_key(d, s) for d, s in zip(documents["doc_id"].astype(str),
                                                      documents["sha256"].astype(str), strict=True)]
    annotated_now, annotation_s = 0, 0.0
    for _attempt in range(3):
        chunk_root = annotations._chunk_root(root, version)
        _remove_stale_temporaries(chunk_root)
        known = annotations._known_chunks(chunk_root)
        # A partition written without the model serves until the model is back: look there too.
        nomodel = annotations._known_chunks(annotations._chunk_root(root, f"{version}-nomodel"))
        missing = documents[[k not in known for k in keys]]
        if len(missing) and nomodel and all(k in nomodel for k in keys) and _model_missing(pipeline, annotate_fn):
            version, known, missing = f"{version}-nomodel", nomodel, missing.iloc[:0]
            chunk_root = annotations._chunk_root(root, version)
        if len(missing):
            tasks = _tasks(missing, chunk_root=chunk_root, version=version, corpus_dir=corpus_dir,
                           max_words=partition_words, max_docs=partition_docs)
            version = _run_tasks(tasks, workers=workers, scheduler=scheduler, status=status, publish=publish,
                                 pipeline=pipeline, annotate_fn=annotate_fn, version=version)
            annotation_s += time.time() - status.annotating_since
            annotated_now += len(missing)
            chunk_root = annotations._chunk_root(root, version)
            known = annotations._known_chunks(chunk_root)
        placement = pd.DataFrame({"doc_id": documents["doc_id"].astype(str).to_numpy(),
                                  "chunk": [known.get(k, "") for k in keys]})
        if (placement["chunk"] == "").any():
            continue  # a partition vanished meanwhile: annotate its documents again
        path = annotations._corpus_path(root, annotations.corpus_fingerprint(documents, version))
        if annotations._try_warm(root, documents, version) is not None:  # assembled before
            return annotated_now, sorted(set(placement["chunk"])), version, annotation_s
        status.state = "assembling"
        publish(force=True)
        try:
            annotations._assemble(path, chunk_root, placement, version=version, corpus_dir=corpus_dir)
            annotations._load_corpus_level(path, version)  # readable, or removed below
            return annotated_now, sorted(set(placement["chunk"])), version, annotation_s
        except annotations._BadChunk as bad:
            shutil.rmtree(chunk_root / bad.chunk, ignore_errors=True)
        except StoreError:
            shutil.rmtree(path, ignore_errors=True)
    raise StoreError(f"could not build the store in {root}")


def _model_missing(pipeline: Any, annotate_fn: Any) -> bool:
    if annotate_fn is not None:
        return False
    if pipeline is not None:
        return bool(getattr(pipeline, "warning", None))
    import importlib.util

    return not any(importlib.util.find_spec(name.replace("-", "_")) for name in annotations.MODEL_PACKAGES)


def _run_tasks(tasks: list[PartitionTask], *, workers: int, scheduler: str | None, status: Status,
               publish: Callable[..., None], pipeline: Any, annotate_fn: annotations.AnnotateFn | None,
               version: str) -> str:
    """Run the partitions, updating the status; returns the version they were written under.

    In this process when one worker is asked for (or one partition is left, or a loaded
    pipeline is given); otherwise on Dask (:mod:`lib.store.cluster`): a local cluster of
    ``workers`` processes, or the cluster at ``scheduler``.
    """
    status.todo_docs = sum(len(t.doc_ids) for t in tasks)
    status.todo_words = sum(t.words for t in tasks)
    status.done_docs = status.done_words = 0
    in_process = pipeline is not None or (scheduler is None and (workers <= 1 or len(tasks) == 1))
    loaded = pipeline
    if in_process and loaded is None and annotate_fn is None and tasks:
        status.state = "loading model"
        publish(force=True)
        loaded = _pipeline(tasks[0].corpus_dir)
    used = {version}

    def annotating() -> None:
        status.state = "annotating"
        status.annotating_since = time.time()  # the rate counts annotation, not the model load or the cluster's start
        publish(force=True)

    def finished(task: PartitionTask, result: PartitionResult, base: tuple[int, int] | None = None) -> None:
        used.add(result.version)
        if base is None:
            status.done_docs += len(task.doc_ids)
            status.done_words += task.words
        else:
            status.done_docs, status.done_words = base[0] + len(task.doc_ids), base[1] + task.words
        publish()

    if in_process:
        annotating()
        for task in tasks:
            base = (status.done_docs, status.done_words)
            words = [len(t.split()) for t in task.texts]

            def step(done: int, _total: int, base: tuple[int, int] = base, words: list[int] = words) -> None:
                status.done_docs, status.done_words = base[0] + done, base[1] + sum(words[:done])
                publish()

            result = run_partition(task, pipeline=loaded, annotate_fn=annotate_fn, progress=step)
            finished(task, result, base)
    else:
        from lib.store import cluster

        status.state = "loading model"  # the workers start and each loads the model
        publish(force=True)

        def dashboard(address: str) -> None:
            status.dashboard = address
            publish(force=True)

        cluster.run(tasks, run_partition, workers=workers, scheduler=scheduler, done=finished, annotate_fn=annotate_fn,
                    on_dashboard=dashboard, on_ready=annotating)
    nomodel = f"{version}-nomodel"
    return nomodel if nomodel in used else version


def _remove_stale_temporaries(chunk_root: Path, *, older_than_s: float = 600) -> None:
    """Remove half-written partition folders of killed builds (kept a while: another writer may be busy)."""
    if not chunk_root.is_dir():
        return
    now = time.time()
    for tmp in chunk_root.glob(".tmp-*"):
        with contextlib.suppress(OSError):
            if now - tmp.stat().st_mtime > older_than_s:
                shutil.rmtree(tmp, ignore_errors=True)


def _commit(store: Path, root: Path, loaded: LoadedCorpus, documents: pd.DataFrame, *, version: str,
            fingerprint: str, partitions: list[str], stamp: str, started: float) -> Manifest:
    """Write the documents table the build read, then the manifest (the commit point)."""
    state = hashlib.sha256(f"{fingerprint}\n{stamp}".encode()).hexdigest()[:16]
    table, notices = f"documents-{state}.parquet", f"notices-{state}.json"
    frame = documents.astype({c: object for c in DOCUMENT_COLUMNS if c != "n_words"})
    tmp = store / f".{table}.{uuid.uuid4().hex[:8]}.tmp"
    # Small row groups: the app reads the table without its texts and a text with its group only (lib/store/texts.py).
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), tmp, compression="zstd",
                   row_group_size=ROW_GROUP_ROWS)
    os.replace(tmp, store / table)
    _write_json(store / notices, [{"message": n.message, "level": n.level} for n in loaded.notices])
    manifest = Manifest(stamp=stamp, fingerprint=fingerprint, pipeline_version=version, documents_table=table,
                        notices_file=notices, documents=len(documents), words=int(documents["n_words"].sum()),
                        partitions=partitions, built_at=time.time(), seconds=round(time.time() - started, 3))
    _write_json(store / MANIFEST, {"format": FORMAT, **asdict(manifest)})
    return manifest


def _prune(store: Path, *, keep: Manifest) -> None:
    """Documents tables no manifest names any more (a reader that still holds one read it already)."""
    for path in [*store.glob("documents-*.parquet"), *store.glob("notices-*.json")]:
        if path.name not in (keep.documents_table, keep.notices_file):
            with contextlib.suppress(OSError):
                if time.time() - path.stat().st_mtime > 60:
                    path.unlink()


# ================================================================ started from the app
_CHILDREN: list[subprocess.Popen] = []  # builds this process started (reaped in start())
_START_LOCK = threading.Lock()  # sessions of one app process start at most one build


def start(corpus_dir: Path | str, cache_dir: Path | str | None = None, *, workers: int = 1) -> bool:
    """Start ``python -m lib build`` in its own process unless a build is running.

    The child runs in its own session with its output in ``build.log``: the caller never
    waits on it, never reads its pipes, and a stopped page leaves it working.

    Returns:
        True if a build was started now.
    """
    with _START_LOCK:
        reap()
        if _CHILDREN or is_running(corpus_dir, cache_dir):  # ours may not hold the lock yet
            return False
        return _spawn(corpus_dir, cache_dir, workers)


def _spawn(corpus_dir: Path | str, cache_dir: Path | str | None, workers: int) -> bool:
    store = store_dir(corpus_dir, cache_dir)
    store.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "CORPUS_DIR": str(Path(corpus_dir).resolve()),
           annotations.CACHE_ENV: str(annotations.cache_root(cache_dir).resolve())}
    cwd = Path(__file__).resolve().parents[2]  # where ``python -m lib`` resolves
    with open(store / LOG, "ab") as log:
        child = subprocess.Popen([sys.executable, "-m", "lib", "build", "--workers", str(workers)],
                                 cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                 start_new_session=True, close_fds=True)
    _CHILDREN.append(child)
    return True


def reap() -> None:
    """Collect the exit status of builds this process started that have finished (no zombie left)."""
    for child in list(_CHILDREN):
        if child.poll() is not None:
            _CHILDREN.remove(child)


def started_children() -> Sequence[subprocess.Popen]:
    """The build processes this process started and has not reaped yet (for tests)."""
    return tuple(_CHILDREN)
