"""The ``st.cache_*`` wrappers around the plain library (the only other Streamlit importer is ui.py).

Caches are keyed by the corpus folder and a cheap stamp (:func:`lib.store.build.app_stamp`: the
folder's and ``metadata.csv``'s modification times and the build manifest's — a handful of
``stat`` calls, not one per file), so a document added by the command line shows up on the
next run without restarting the app. Entries are bounded.

The shared corpus is annotated by ``python -m lib build`` in its own process, never in a page
run (:func:`annotated`): a page that needs the annotation says what it waits for, with
progress and time left, and the overview and each document's text can be read meanwhile.
"""

from __future__ import annotations

import gc
import hashlib
import os
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from lib import contracts
from lib.analysis import compare, exports
from lib.contracts import CORPUS_ACTORS, CORPUS_INFO_FILE
from lib.ingest import adding
from lib.ingest.corpus import LoadedCorpus, Notice, corpus_dir
from lib.ingest.corpus_info import CorpusInfo, organisation_order, read_corpus_info
from lib.ingest.decoding import RefusedInput
from lib.render import charts, palette
from lib.safe import safe_label
from lib.store import annotations, build, counts, upload_worker, uploads
from lib.store.term_index import TermIndex
from lib.store.texts import Texts, TextsUnreadable


def corpus_stamp(directory: Path) -> str:
    """Cheap change detector for a corpus folder and its last build (not a content hash)."""
    return build.app_stamp(directory)


# ---------------------------------------------------------------- one script run's memo (issue 7)
# A page asks for the corpus and its annotation many times per run. Each ask used to scan the
# corpus folder for its stamp (10,000 stat calls), hash every doc_id for the fingerprint and
# copy the cached tables: ~1.5 s per view at 10,000 documents. Within one run the answer
# cannot change, so it is looked up once; setup_page() starts every run with an empty memo.
_RUN = threading.local()


def begin_run(page: str | None = None) -> None:
    """Forget what the previous run of this thread looked up (``lib.web.ui.setup_page`` calls it first).

    ``page``: the page being drawn; its first run in this process puts what it loaded for good
    (modules, plotly's validators) out of the collector's way (:func:`_settle_long_lived`).
    """
    _RUN.memo = {}
    if page is not None and page not in _PAGES_SEEN:
        _PAGES_SEEN.add(page)
        _LONG_LIVED_PENDING.set()
    _settle_long_lived()


# ---------------------------------------------------------------- the collector (issue 21)
# Streamlit runs a full garbage collection after every script run (runner.postScriptGC), which walks
# every container object in the process: ~150,000 from the imports alone (Streamlit, pandas, plotly),
# 0.06-0.1 s of CPU on every page view, a quarter of a view's server time. What a process loads once
# and keeps (modules, the shared tables, plotly's validators) is moved out of its reach with
# gc.freeze() after it was loaded: the first run of each page, and each load of a shared table, mark
# the next run to collect once and freeze what survived. Every run's own garbage is still collected
# after it. Bounded: a process freezes at most _MAX_FREEZES times (a cycle frozen and later dropped is
# never collected, so freezes stay rare; a reference count still frees everything else).
_PAGES_SEEN: set[str] = set()
_LONG_LIVED_PENDING = threading.Event()
_FREEZE_LOCK = threading.Lock()
_MAX_FREEZES = 32
_freezes = 0


def _long_lived_loaded() -> None:
    """Something shared was loaded for good (a cache_resource entry): freeze it at the next run."""
    _LONG_LIVED_PENDING.set()


def _settle_long_lived() -> None:
    global _freezes
    if not _LONG_LIVED_PENDING.is_set():
        return
    with _FREEZE_LOCK:
        if not _LONG_LIVED_PENDING.is_set() or _freezes >= _MAX_FREEZES:
            return
        _LONG_LIVED_PENDING.clear()
        gc.collect()  # the garbage first: only what is alive is frozen
        gc.freeze()
        _freezes += 1


def _once_per_run(key: tuple, compute: Callable[[], Any]) -> Any:
    memo = getattr(_RUN, "memo", None)
    if memo is None:  # outside a page run (command line, a bare test): no memo
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


# Shared, read-only tables are st.cache_resource: one object for every session and call, not
# a pickled copy per call (st.cache_data), which cost seconds and doubled memory at 10,000
# documents. Pages and lib/ derive new frames from them and never modify them in place
# (tests/test_cached_shared.py renders every page and checks).
@st.cache_resource(max_entries=4, show_spinner="Loading the corpus…")
def _load(directory: str, stamp: str) -> tuple[LoadedCorpus, Texts]:
    # The last build's documents table while the folder looks as it did then (one Parquet
    # file, its texts left on disk until shown); otherwise the folder itself, through the
    # documents disk cache.
    _long_lived_loaded()
    return build.documents_without_texts(Path(directory))


def _loaded() -> tuple[LoadedCorpus, Texts]:
    directory = corpus_dir()
    return _once_per_run(("corpus", str(directory)), lambda: _load(str(directory), corpus_stamp(directory)))


def loaded_corpus() -> LoadedCorpus:
    """The corpus folder as loaded (shared across sessions; never mutated by pages), without the
    documents' texts: :func:`texts_for` reads those a page shows."""
    return _loaded()[0]


def texts_for(doc_ids: Iterable[str]) -> dict[str, str]:
    """doc_id → cleaned text of these documents (this session's uploads included); unknown ids left out.

    Texts are not in :func:`documents_table` (issue 19: 600 MB at 100,000 documents); a page
    asks for the few it shows. If the store's file became unreadable, the corpus is loaded
    again (from its folder if need be) and asked once more.
    """
    rows = session_rows()
    try:
        return _texts(_loaded()[1], rows, doc_ids)
    except TextsUnreadable:
        _load.clear()
        begin_run()  # the memo holds the old pair
        return _texts(_loaded()[1], rows, doc_ids)


def _texts(source: Texts, rows: Sequence[Mapping], doc_ids: Iterable[str]) -> dict[str, str]:
    # The shared texts, then this session's uploads; the corpus's copy wins over an upload of the
    # same id (as in uploads.with_session). No Streamlit call: offline_texts uses it too.
    wanted = list(dict.fromkeys(map(str, doc_ids)))
    shared = source.get(wanted)
    rest = set(wanted) - set(shared)
    return {**shared, **{str(r["doc_id"]): str(r.get("text") or "") for r in rows if str(r["doc_id"]) in rest}}


def text_of(doc_id: str) -> str:
    """One document's cleaned text ("" when unknown)."""
    return texts_for([doc_id]).get(str(doc_id), "")


@st.cache_data(max_entries=8, show_spinner=False)
def _corpus_info(directory: str, stamp: tuple[int, int]) -> CorpusInfo | None:
    return read_corpus_info(directory)


def corpus_info() -> CorpusInfo | None:
    """The corpus's ``corpus.yaml`` (None when it has none), read again when the file changes."""
    path = corpus_dir() / CORPUS_INFO_FILE
    try:
        st_ = path.stat()
        stamp = (st_.st_mtime_ns, st_.st_size)
    except OSError:
        stamp = (0, -1)
    return _once_per_run(("corpus-info", str(path)), lambda: _corpus_info(str(corpus_dir()), stamp))


@st.cache_data(max_entries=8, show_spinner=False)
def _org_order(directory: str, stamp: str) -> list[str]:
    return organisation_order(directory)


def org_colours() -> dict[str, str]:
    """Organisation → colour for every chart of every page (:func:`lib.render.palette.org_colours`):
    the corpus's organisations in ``metadata.csv`` order, then any others (files with no row, this
    session's uploads) alphabetically, so no filter and no later addition moves a colour."""
    def compute() -> dict[str, str]:
        directory = corpus_dir()
        order = _org_order(str(directory), corpus_stamp(directory))
        rest = sorted(set(documents_table()["org_short"].astype(str)) - set(order))
        return palette.org_colours([*order, *rest])

    return _once_per_run(("org-colours", str(corpus_dir())), compute)


def documents_table() -> pd.DataFrame:
    """The documents table of the corpus, plus this session's uploaded documents (if any)."""
    # Issue 6 (hosted mode): a visitor's uploads live in their st.session_state only and join
    # the shared corpus here, outside every cache, so each page analyses them with the rest.
    settle_uploads()  # issue 15: those whose worker has finished since the last run
    return uploads.with_session(loaded_corpus().documents, session_rows())  # no texts: texts_for reads those


# ---------------------------------------------------------------- session documents (issues 6 and 15)
# A visitor's upload is checked (and, in hosted mode, annotated) by its own bounded worker process
# (lib.store.upload_worker.UploadJob); this session keeps the job, and when the visitor has confirmed
# the metadata and the worker is done, the row and its tables join the session together. A page run
# only reads a job's status: it never waits for a worker.
SESSION_DOCS_KEY = "_pl_session_docs"  # list of documents-table rows (lib.ingest.adding.session_document)
_SESSION_TABLES_KEY = "_pl_session_tables"  # doc_id → its SessionAnnotations (from its worker)
_SESSION_ANN_KEY = "_pl_session_annotations"  # the combined SessionAnnotations of the rows shown
_JOBS_KEY = "_pl_upload_jobs"  # sha256 → UploadJob of this session
_PENDING_KEY = "_pl_upload_pending"  # confirmed rows waiting for their worker: [(row, sha256, notes)]
_NEWS_KEY = "_pl_upload_news"  # what became of confirmed uploads since the Corpus page last showed it


def session_rows() -> list[dict]:
    """This visitor's uploaded documents (rows of the documents table); [] outside a session."""
    try:
        return list(st.session_state.get(SESSION_DOCS_KEY, []))
    except Exception:  # no script run context, e.g. a bare import in a test
        return []


def add_session_row(row: dict, tables: uploads.SessionAnnotations) -> None:
    """Keep an uploaded document and its annotation tables in this session (never written anywhere)."""
    st.session_state[_SESSION_TABLES_KEY] = {**st.session_state.get(_SESSION_TABLES_KEY, {}),
                                             row["doc_id"]: uploads.with_doc_id(tables, row["doc_id"])}
    st.session_state[SESSION_DOCS_KEY] = [*session_rows(), row]


def remove_session_row(doc_id: str) -> None:
    """Forget one of this session's uploaded documents."""
    st.session_state[SESSION_DOCS_KEY] = [r for r in session_rows() if r.get("doc_id") != doc_id]
    st.session_state[_SESSION_TABLES_KEY] = {d: t for d, t in st.session_state.get(_SESSION_TABLES_KEY, {}).items()
                                             if d != doc_id}


def upload_limits() -> upload_worker.UploadLimits:
    """What one visitor's uploads may cost (the operator's environment, else the defaults)."""
    return upload_worker.UploadLimits.from_env()


def _jobs() -> dict[str, upload_worker.UploadJob]:
    return st.session_state.setdefault(_JOBS_KEY, {})


def upload_job(raw: bytes | None, name: str = "", *, writes: bool) -> upload_worker.UploadJob | None:
    """The job checking (and in hosted mode annotating) the file in the uploader; started on first sight.

    A rerun finds the same job (keyed by the file's content), so nothing is done twice. An upload
    the visitor has not confirmed yet is stopped when the uploader holds another file or none
    (``raw`` None: returns None).

    Raises:
        RefusedInput: over a limit (file size; in hosted mode the session's count or total size),
            or the server is busy; nothing was started.
    """
    jobs = _jobs()
    sha = hashlib.sha256(raw).hexdigest() if raw is not None else None
    for other, job in list(jobs.items()):
        if other != sha and not job.keep:
            job.cancel()
            del jobs[other]
    if raw is None:
        return None
    job = jobs.get(sha)
    if job is not None and job.status().stage != "cancelled":
        return job
    existing = adding.held_as(raw, loaded_corpus().documents, session_rows())
    if existing is not None:  # before the form is filled in, not after
        raise RefusedInput(adding.already_held_message(existing))
    limits = upload_limits()
    # In hosted mode a session's uploads count, those still being analysed too (the operator's are not capped).
    held = [] if writes else [len(r.get("_raw", b"")) for r in session_rows() + [row for row, _, _ in _pending()]]
    refusal = upload_worker.session_refusal(len(raw), held=held, limits=limits)
    if refusal:
        raise RefusedInput(refusal)
    directory = corpus_dir()
    actors = directory / CORPUS_ACTORS
    jobs[sha] = upload_worker.UploadJob(raw, name=name, annotate=not writes, limits=limits,
                                        corpus_actors=actors if actors.is_file() else None)
    return jobs[sha]


def upload_prepared(job: upload_worker.UploadJob) -> adding.Prepared | None:
    """The checked file once its worker has read it; meanwhile its progress (the page redraws itself
    when it is ready), or why it was refused or stopped (None)."""
    status = job.status()
    if status.stage in ("queued", "preparing"):
        _job_progress(job, status.stage)
        return None
    if status.stage in ("refused", "failed", "cancelled"):
        st.error(safe_label(f"Not added: {status.message}"), icon=":material/block:")
        return None
    if status.stage == "annotating":
        _job_progress(job, status.stage, redraw=False)
    return status.prepared


@st.fragment(run_every=1.0)
def _job_progress(job: upload_worker.UploadJob, drawn: str, *, redraw: bool = True) -> None:
    # Only this box polls, once a second; the page itself is drawn again when the job's stage
    # changes (redraw), so the run that started the job never waits for it.
    status = job.status()
    if redraw and status.stage != drawn:
        st.rerun()
    if status.finished:
        if status.stage == "done":
            st.caption("Analysed.")
        return
    st.progress(min(max(status.fraction, 0.0), 1.0), text=safe_label(status.message))


def _pending() -> list[tuple[dict, str, list[str]]]:
    return list(st.session_state.get(_PENDING_KEY, []))


def add_upload(job: upload_worker.UploadJob, metadata: dict[str, str], *, writes: bool) -> tuple[str, list[str], str]:
    """Add a checked upload with the metadata the visitor confirmed: to the shared corpus when the
    operator allowed writes, else to this session only (the hosted default) — at once if its worker
    is done, otherwise when it is (:func:`settle_uploads`; the Corpus page shows the progress).

    Returns:
        ``(doc_id, notes, message)`` for the page to show.

    Raises:
        RefusedInput: the file or its metadata was refused (nothing was written).
        OSError: the corpus could not be written (it is unchanged).
    """
    if writes:
        added = adding.add_document(corpus_dir(), job.raw, name=job.name, metadata=metadata)
        return added.doc_id, list(added.messages), f"Added to the shared corpus as {added.doc_id}."
    status = job.status()
    if status.prepared is None or status.stage in ("refused", "failed", "cancelled"):
        raise RefusedInput(status.message or "The file has not been checked yet.")
    waiting = [row for row, _, _ in _pending()]
    row, notes = adding.session_document(status.prepared, metadata, documents=loaded_corpus().documents,
                                         session_rows=session_rows() + waiting)
    row["_raw"] = job.raw  # for the download of this session's files; never written anywhere
    job.keep = True
    if status.stage == "done":
        add_session_row(row, status.tables)
        _jobs().pop(job.sha256, None)
        return row["doc_id"], notes, (f"Added for this session as {row['doc_id']}: it now appears on every page, "
                                      "for you only.")
    st.session_state[_PENDING_KEY] = [*_pending(), (row, job.sha256, notes)]
    return row["doc_id"], [], (f"Checked. {row['doc_id']} is being analysed; it will appear on every page, "
                               "for you only, when that is done (progress below).")


def settle_uploads() -> None:
    """Confirmed uploads whose worker has finished: added to the session, or reported as stopped."""
    pending = _pending()
    if not pending:
        return
    jobs, left, news = _jobs(), [], []
    for row, sha, notes in pending:
        job = jobs.get(sha)
        status = job.status() if job is not None else None
        if status is not None and not status.finished:
            left.append((row, sha, notes))
            continue
        jobs.pop(sha, None)
        if status is not None and status.stage == "done":
            add_session_row(row, status.tables)
            news.append({"ok": True, "doc_id": row["doc_id"], "notes": notes,
                         "message": f"Added for this session as {row['doc_id']}: it now appears on every page, "
                                    "for you only."})
        else:
            news.append({"ok": False, "doc_id": row["doc_id"], "notes": [],
                         "message": f"Not added: {row['doc_id']}: {status.message if status else 'stopped.'}"})
    st.session_state[_PENDING_KEY] = left
    st.session_state[_NEWS_KEY] = [*st.session_state.get(_NEWS_KEY, []), *news]


def pending_uploads() -> list[tuple[dict, upload_worker.UploadJob]]:
    """Confirmed uploads still being analysed: (row, job)."""
    jobs = _jobs()
    return [(row, jobs[sha]) for row, sha, _ in _pending() if sha in jobs]


def upload_progress(job: upload_worker.UploadJob) -> None:
    """A confirmed upload's progress; the page is drawn again when it is done."""
    _job_progress(job, "annotating")


def upload_news() -> list[dict]:
    """What became of confirmed uploads since last asked (``ok``, ``doc_id``, ``message``, ``notes``)."""
    return st.session_state.pop(_NEWS_KEY, [])


def _with_session_annotations(result: annotations.Annotated) -> annotations.Annotated:
    # This session's uploads, annotated by their workers, laid over the shared tables; nothing
    # about them enters the disk cache or a shared st.cache_data entry.
    rows = session_rows()
    if not rows:
        return result
    shared = loaded_corpus().documents
    taken_ids, taken_sha = set(shared["doc_id"].astype(str)), set(shared["sha256"].astype(str))
    own = [r for r in rows if str(r["doc_id"]) not in taken_ids and str(r.get("sha256")) not in taken_sha]
    tables = st.session_state.get(_SESSION_TABLES_KEY, {})
    parts = [tables[r["doc_id"]] for r in own if r["doc_id"] in tables]
    if not parts:
        return result
    key = uploads.session_key(own, result.pipeline_version)
    combined = st.session_state.get(_SESSION_ANN_KEY)
    if combined is None or combined.key != key:
        combined = uploads.combine(parts, key=key)
        st.session_state[_SESSION_ANN_KEY] = combined
    return uploads.overlay(result, combined)


def corpus_notices() -> list[Notice]:
    """What went wrong or was assumed while loading the corpus."""
    return loaded_corpus().notices


# ---------------------------------------------------------------- annotation (lib/store/build.py)
# The tables of the last complete build, keyed by its fingerprint (every doc_id + file sha256 +
# pipeline version). A page run never annotates the shared corpus: when the build is missing
# or stale it is started in its own process (lib.store.build.start) and the page says so.


@st.cache_resource(show_spinner="Loading the language model…", max_entries=2)
def nlp_pipeline(corpus_actors: str | None = None, actors_stamp: str = "") -> Any:
    """The spaCy pipeline (``lib.nlp.engine.Pipeline``), loaded once per process and gazetteer.

    Only called when a visitor's upload must be annotated: a warm start never imports spaCy.
    """
    from lib.nlp import engine  # deferred: importing spaCy takes seconds

    return engine.load_pipeline(corpus_actors=corpus_actors)


def _pipeline_for(directory: Path) -> Any:
    actors = directory / CORPUS_ACTORS
    if actors.is_file():
        return nlp_pipeline(str(actors), annotations.pipeline_components(directory)["corpus_actors"])
    return nlp_pipeline(None, "")


def _fingerprint(directory: Path, documents: pd.DataFrame) -> str:
    return annotations.corpus_fingerprint(documents, annotations.pipeline_version(directory))


@st.cache_resource(max_entries=2, show_spinner=False)
def _annotated(fingerprint: str, version: str) -> annotations.Annotated:
    _long_lived_loaded()
    return build.load_tables(fingerprint, version)


def annotated() -> annotations.Annotated:
    """The annotation tables of the current corpus (mentions, counts, doc stats).

    Read from the last complete build, without spaCy. While the corpus has no build matching
    it, the build runs in its own process and the page stops after saying what it waits
    for (progress, time left); it redraws itself when the build is done. If the pipeline ran
    without its model, says so once per session.
    """
    result = annotated_if_ready()
    if result is None:
        st.stop()
    return result


def annotated_if_ready() -> annotations.Annotated | None:
    """:func:`annotated`, or None (with the progress shown) while the build runs: for a page that has
    something to show before the annotation, such as a document's text."""
    directory = corpus_dir()
    return _once_per_run(("annotated", str(directory)), lambda: _annotated_now(directory))


def _annotated_now(directory: Path) -> annotations.Annotated | None:
    documents = loaded_corpus().documents  # the shared corpus only; session documents are laid over below
    manifest = build.current(directory)
    result = None
    if manifest is not None and (manifest.matches(directory) or manifest.fingerprint == _fingerprint(directory, documents)):
        try:
            result = _annotated(manifest.fingerprint, manifest.pipeline_version)
        except annotations.StoreError:
            _annotated.clear()
        else:
            if not manifest.matches(directory):
                _start_build(directory)  # same content, a new stamp: record it (no annotation)
    if result is None:
        _wait_for_build(directory)
        return None
    if result.warning and not st.session_state.get(f"_pl_warned_{result.fingerprint}"):
        st.session_state[f"_pl_warned_{result.fingerprint}"] = True
        st.warning(result.warning)
    return _with_session_annotations(result)  # issue 6: this session's uploads, if any


def _workers() -> int:
    # Each worker loads the model (~300 MB); two use both cores here.
    return max(1, min(2, os.cpu_count() or 1))


def _wait_for_build(directory: Path) -> None:
    """Start the build if none runs (unless the last one failed on this very corpus state) and show its progress."""
    status = build.read_status(directory)
    if not build.is_running(directory):
        if status is not None and status.state == "failed" and status.stamp == build.corpus_stamp(directory):
            st.error("The documents could not be annotated, so names and term counts are unavailable; the "
                     "overview and the texts still work. The operator can run `python -m lib build` to see why "
                     "(the last attempt said: " + _plain(status.message) + ").", icon=":material/error:")
            return
        if not _start_build(directory):
            return
    _build_progress(str(directory))


def _start_build(directory: Path) -> bool:
    """Start the build in its own process; False (with a message) if it cannot even start."""
    try:
        build.start(directory, workers=_workers())
    except OSError as exc:  # e.g. a read-only cache folder: say so, never a traceback
        st.error("The annotation could not be started (" + _plain(exc.strerror or str(exc)) + "). The operator "
                 "can run `python -m lib build` where the app's cache folder is writable.", icon=":material/error:")
        return False
    return True


def _plain(text: str) -> str:
    from lib.safe import safe_label

    return safe_label(text, max_length=300)


@st.fragment(run_every=2.0)
def _build_progress(directory: str) -> None:
    # A fragment on a timer: the page run itself ends at once, and only this box polls.
    folder = Path(directory)
    manifest = build.current(folder)
    if manifest is not None and manifest.matches(folder) and not build.is_running(folder):
        build.reap()
        st.rerun()  # done: draw the whole page with its tables
    status = build.read_status(folder) or build.Status()
    with st.container(border=True):
        st.markdown("**Preparing names, terms and counts for this corpus**")
        st.progress(status.fraction, text=_plain(status.describe()))
        st.caption("The annotation runs in the background (it is done once; later visits read it at once). "
                   "This page fills in by itself when it is ready. The overview and each document's text "
                   "can be read meanwhile.")


def _recover(exc: annotations.StoreError) -> annotations.Annotated:
    """An unreadable store file: drop the tables and have the build make them again (with a notice)."""
    current = annotated_if_ready()
    if current is not None:
        current.invalidate()
    _annotated.clear()
    _term_index.clear()
    _tokens.clear()
    _sentences.clear()
    begin_run()  # the memo holds the broken tables
    st.info("The annotation store was incomplete; it is being rebuilt.")
    return annotated()


def term_counts(unit: str = "word", n: int = 1) -> pd.DataFrame:
    """Per-document term counts of one unit ("word"/"lemma") and n-gram length (1–3), all documents.

    Columns ``lib.contracts.TERM_COUNT_COLUMNS``. Meant for exports and small corpora: a page that
    sums or filters should use :func:`term_index` (or the functions below), which convert nothing.
    """
    full = annotated()
    frame = _shared_index(unit, n).frame(None)
    if not full.session_ids:
        return frame
    own = full.term_counts(unit, n, doc_ids=sorted(full.session_ids))
    return pd.concat([frame, own[list(frame.columns)]], ignore_index=True) if len(own) else frame


# Token and sentence reads are the largest objects the app holds (millions of rows for a
# corpus-wide read); each cache_data entry is a pickled copy, so keep few of them.
@st.cache_data(max_entries=6, show_spinner=False)
def _tokens(fingerprint: str, doc_ids: tuple[str, ...], _annotated: annotations.Annotated,
            columns: tuple[str, ...] | None = None) -> pd.DataFrame:
    return _annotated.tokens(doc_ids, columns)


@st.cache_data(max_entries=6, show_spinner=False)
def _sentences(fingerprint: str, doc_ids: tuple[str, ...], _annotated: annotations.Annotated) -> pd.DataFrame:
    return _annotated.sentences(doc_ids)


def _rows_for(kind: str, read, doc_ids: Iterable[str], columns: Sequence[str] | None = None) -> pd.DataFrame:
    # One path for tokens and sentences: shared rows from the cached disk read, this session's
    # uploaded documents added after (issue 6), and a corrupt cache file rebuilt once.
    full, wanted = annotated(), sorted(set(map(str, doc_ids)))
    result, key = full.shared, tuple(d for d in wanted if d not in full.session_ids)
    extra = () if columns is None else (tuple(columns),)
    try:
        frame = read(result.fingerprint, key, result, *extra)
    except annotations.StoreError as exc:
        full = _recover(exc)
        result = full.shared
        frame = read(result.fingerprint, key, result, *extra)
    own = [d for d in wanted if d in full.session_ids]
    if not own:
        return frame
    rows = getattr(full, kind)(own, *extra)  # the session's rows only (no shared id asked for)
    return pd.concat([frame, rows[list(frame.columns)]], ignore_index=True) if len(rows) else frame


def tokens_for(doc_ids: Iterable[str], columns: Sequence[str] | None = None) -> pd.DataFrame:
    """Token rows (``lib.contracts.TOKEN_COLUMNS``) of these documents only, read from the disk cache.

    ``columns``: only these (with ``doc_id`` and ``i``), for a view that needs few: the string
    columns are most of the read.
    """
    return _rows_for("tokens", _tokens, doc_ids, columns)


# The token columns the words layer reads (lib.words.words_from_tokens).
_WORD_TOKEN_COLUMNS = ("sent_id", "start", "text", "lemma", "is_stop")


def words_for(doc_ids: Iterable[str]) -> pd.DataFrame:
    """The words layer (``lib.store.counts.word_table``) of these documents: what the concordance,
    the Document search and Compare's highlight match queries against.

    Shared by every visitor asking for the same shared documents (issue 21: rebuilding it was a
    fifth of a Terms view), keyed by a digest of the ids; read-only for callers.
    """
    wanted = sorted(set(map(str, doc_ids)))
    full = annotated()
    if full.session_ids.isdisjoint(wanted):
        return _shared_words(full.shared.fingerprint, _ids_digest(wanted), tuple(wanted))
    return counts.word_table(tokens_for(wanted, columns=_WORD_TOKEN_COLUMNS))


def _ids_digest(doc_ids: Sequence[str]) -> str:
    # A cheap cache key: Streamlit's own hashing of a long tuple of ids costs more than this.
    return hashlib.blake2b("\0".join(doc_ids).encode("utf-8"), digest_size=16).hexdigest()


@st.cache_resource(max_entries=8, show_spinner=False)
def _shared_words(fingerprint: str, ids_digest: str, _doc_ids: tuple[str, ...]) -> pd.DataFrame:
    return counts.word_table(tokens_for(_doc_ids, columns=_WORD_TOKEN_COLUMNS))


def compare_tables(a_id: str, b_id: str, *, words_a: int, words_b: int) -> tuple[pd.DataFrame, ...]:
    """Compare's tables of two documents: ``(content, differences, shared phrases, actors)``
    (``lib.analysis.compare``), worked out once for every visitor comparing the same two
    shared documents (issue 21); read-only for callers."""
    full = annotated()
    if full.session_ids.isdisjoint((a_id, b_id)):
        return _shared_compare_tables(full.shared.fingerprint, str(a_id), str(b_id), int(words_a), int(words_b))
    return _compare_tables(str(a_id), str(b_id), int(words_a), int(words_b))


@st.cache_resource(max_entries=32, show_spinner=False)
def _shared_compare_tables(fingerprint: str, a_id: str, b_id: str, words_a: int, words_b: int) -> tuple[pd.DataFrame, ...]:
    return _compare_tables(a_id, b_id, words_a, words_b)


def _compare_tables(a_id: str, b_id: str, words_a: int, words_b: int) -> tuple[pd.DataFrame, ...]:
    ann = annotated()
    pair = [a_id, b_id]
    content = term_counts_for(pair, "word", 1, content=True)  # the two documents' rows only
    diff = compare.differences(content, a_id, b_id, words_a=words_a, words_b=words_b, top=15)
    shared = compare.shared_ngrams([term_counts_for(pair, "word", 2), term_counts_for(pair, "word", 3)], a_id, b_id,
                                   top=30)
    actors = compare.actor_sets(ann.actor_counts, ann.actor_types, a_id, b_id, words_a=words_a, words_b=words_b)
    return content, diff, shared, actors


def offline_sources(indexes: dict[tuple[str, int], TermIndex]) -> tuple[Callable[[list[str]], pd.DataFrame],
                                                                       Callable[[str, int], TermIndex]]:
    """``(words_for, index_for)`` for ``lib.analysis.query.concordance`` that call no Streamlit.

    For work done when a download button is clicked (outside the page's run): words are read
    from this visitor's annotation object directly, term indexes are those the page already
    used (``indexes``, filled as the page asked for them), any other one is built from its Parquet slice.
    """
    full = annotated()
    known = dict(indexes)

    def words(doc_ids: list[str]) -> pd.DataFrame:
        return counts.word_table(full.tokens(sorted(set(map(str, doc_ids))), list(_WORD_TOKEN_COLUMNS)))

    def index(unit: str, n: int) -> TermIndex:
        if (unit, n) not in known:
            known[unit, n] = TermIndex(full.term_counts(unit, n), unit=unit, n=n)
        return known[unit, n]

    return words, index


def offline_texts() -> Callable[[list[str]], dict[str, str]]:
    """:func:`texts_for` that calls no Streamlit (for a download made when clicked, as :func:`offline_sources`)."""
    source, rows = _loaded()[1], list(session_rows())
    return lambda doc_ids: _texts(source, rows, doc_ids)


def sentences_for(doc_ids: Iterable[str]) -> pd.DataFrame:
    """Sentence rows (``lib.contracts.SENTENCE_COLUMNS``) of these documents only, read from the disk cache."""
    return _rows_for("sentences", _sentences, doc_ids)


# ---------------------------------------------------------------- term sums and slices (issue 7)
# Every sum or slice of the term counts goes through one in-memory TermIndex per unit and n
# (integer codes, lib/store/term_index.py): summing 10,000 documents is a bincount of a few ms, so
# nothing derived needs a cache of its own. This session's uploaded documents (issue 6) are
# not in the shared index; with uploads present the visitor gets an index of their own.

# (fingerprint, unit, n) of the shared indexes this process has built (an entry may outlive its cache
# entry: then the index is simply built again).
_BUILT_INDEXES: set[tuple[str, str, int]] = set()
# A few documents' rows from a slice this big whose index nobody has built yet are queried where
# they lie (DuckDB) instead of building the index first: Compare's first view at 10,000 realistic
# documents built the word 2- and 3-gram indexes (2.0 s and 3.6 s on a quiet machine) for two
# documents' rows, which DuckDB reads in 0.01 s each. Small corpora build their indexes in
# milliseconds and never load DuckDB.
FEW_DOCS, BIG_SLICE_ROWS = 20, 1_000_000


@st.cache_resource(max_entries=4, show_spinner=False)
def _term_index(fingerprint: str, unit: str, n: int, _annotated: annotations.Annotated) -> TermIndex:
    _long_lived_loaded()
    index = _annotated.term_index(unit, n)  # in memory, or out of core for a slice too big to hold
    _BUILT_INDEXES.add((fingerprint, unit, n))
    return index


_SESSION_INDEX_KEY = "_pl_session_term_index"


def _shared_index(unit: str, n: int) -> TermIndex:
    result = annotated().shared
    try:
        return _term_index(result.fingerprint, unit, n, result)
    except annotations.StoreError as exc:
        result = _recover(exc).shared
        return _term_index(result.fingerprint, unit, n, result)


def term_index(unit: str = "word", n: int = 1) -> TermIndex:
    """The term counts of one unit ("word"/"lemma") and n-gram length (1–3) of every document, indexed."""
    full = annotated()
    if not full.session_ids:
        return _shared_index(unit, n)
    # Uploads in this session: an index over the corpus and them, kept in the session only.
    key = (full.fingerprint, unit, n)
    kept = st.session_state.get(_SESSION_INDEX_KEY, {})
    if key not in kept:
        kept = {k: v for k, v in kept.items() if k[0] == full.fingerprint}
        kept[key] = TermIndex(term_counts(unit, n), unit=unit, n=n)
        st.session_state[_SESSION_INDEX_KEY] = kept
    return kept[key]


def term_counts_for(doc_ids: Iterable[str], unit: str = "word", n: int = 1, *,
                    content: bool = False) -> pd.DataFrame:
    """The term-count rows of some documents (``content``: stop words left out).

    Returns:
        Columns ``lib.contracts.TERM_COUNT_COLUMNS``.
    """
    ids = list(map(str, doc_ids))
    full = annotated()
    if not full.session_ids and len(ids) <= FEW_DOCS and (full.shared.fingerprint, unit, n) not in _BUILT_INDEXES:
        shared = full.shared
        if shared.slice_rows(unit, n) > BIG_SLICE_ROWS:
            return shared.term_index(unit, n, backend="duckdb").frame(ids, stop=not content)
    return term_index(unit, n).frame(ids, stop=not content)


def term_totals(doc_ids: Iterable[str], unit: str = "word", n: int = 1, *, content: bool = False) -> pd.Series:
    """Term → count summed over a set of documents (e.g. the filtered corpus).

    Returns:
        int Series indexed by term (sorted).
    """
    return term_index(unit, n).totals(doc_ids, stop=not content)


def rest_totals(doc_ids: Iterable[str], doc_id: str, unit: str = "word", n: int = 1, *,
                content: bool = False) -> pd.Series:
    """Term → count over ``doc_ids`` except ``doc_id``.

    Same values as ``lib.analysis.reader.rest_terms`` over the same rows (terms whose count drops to 0 are left out).
    """
    return term_totals(set(map(str, doc_ids)) - {str(doc_id)}, unit, n, content=content)


def similarity_matrix(groups: dict[str, list[str]]) -> pd.DataFrame:
    """``lib.analysis.compare.similarity_matrix`` of content words for these groups."""
    return compare.cosine_matrix(term_index("word", 1).profiles(groups, stop=False), list(groups))


@st.cache_data(max_entries=32, show_spinner=False)
def word_cloud(weights: dict[str, float], *, width: int = 900, height: int = 420, theme: str | None = None) -> bytes | None:
    """The PNG of ``lib.render.charts.word_cloud_image`` of these weights (None: nothing to draw), cached per
    word list and size (a drawing takes ~0.3 s, its PNG encoding a few hundredths)."""
    image = charts.word_cloud_image(weights, width=width, height=height, max_words=max(len(weights), 1), theme=theme)
    return None if image is None else charts.image_png(image)


# ---------------------------------------------------------------- exports
CSV_EXACT_KEY = "_pl_csv_exact"  # the visitor's choice of exact CSV values (lib.web.ui draws the switch)


def csv_exact() -> bool:
    """True if this visitor asked for CSV downloads with exact values; by default they are
    spreadsheet-safe (:func:`lib.analysis.exports.csv_bytes`)."""
    try:
        return bool(st.session_state.get(CSV_EXACT_KEY, False))
    except Exception:  # no script run context
        return False


def corpus_zip(docs: pd.DataFrame, *, overview_link: str) -> bytes:
    """The whole corpus as a zip: every table (CSV and Parquet), the files as received, the
    metadata, a citation; this session's uploads included and said so
    (:func:`lib.analysis.exports.corpus_zip`)."""
    ann = annotated()
    ids = list(docs["doc_id"])
    texts = texts_for(ids)  # the export carries the texts the app's table leaves on disk
    docs = docs.assign(text=[texts.get(str(d), "") for d in ids])
    docs = docs[[*contracts.DOCUMENT_COLUMNS, *(c for c in docs.columns if c not in contracts.DOCUMENT_COLUMNS)]]
    term_parts = [term_counts(unit, n) for unit in contracts.UNITS for n in contracts.NGRAMS]
    tables = {"documents": docs, "sentences": sentences_for(ids), "tokens": tokens_for(ids),
              "mentions": ann.mentions, "term_counts": exports.concat_tables(term_parts),
              "actor_counts": ann.actor_counts, "actor_types": ann.actor_types, "cooc": ann.cooc,
              "doc_stats": ann.doc_stats}
    folder = corpus_dir()
    session = session_rows()
    raw_files = exports.corpus_files(folder, docs["file"])
    raw_files.update({r["file"]: r.get("_raw", b"") for r in session})
    citation = exports.cite_corpus(docs, url=overview_link, info=corpus_info())
    info_file = folder / CORPUS_INFO_FILE
    if info_file.is_file():  # the corpus's description travels with it, as written
        raw_files = {**raw_files, CORPUS_INFO_FILE: exports.read_if_file(info_file) or b""}
    notes = (f"Includes {len(session)} document(s) uploaded in the exporting browser session only "
             "(not in the shared corpus).") if session else ""
    return exports.corpus_zip(tables, corpus=docs, citation=citation, raw_files=raw_files, notes=notes,
                              metadata_csv=exports.read_if_file(folder / contracts.METADATA_FILE), exact=csv_exact())
