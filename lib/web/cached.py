"""The ``st.cache_*`` wrappers around the plain library (the only other Streamlit importer is ui.py).

Caches are keyed by the corpus folder and a cheap stamp of its files (names, sizes,
modification times), so a document added by the command line shows up on the next run
without restarting the app. Entries are bounded.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from lib import contracts
from lib.analysis import compare, exports
from lib.contracts import CORPUS_ACTORS
from lib.ingest import adding
from lib.ingest.corpus import LoadedCorpus, Notice, corpus_dir
from lib.render import charts
from lib.store import annotations, counts, uploads
from lib.store.documents import folder_stamp, load_corpus_cached
from lib.store.term_index import TermIndex


def corpus_stamp(directory: Path) -> str:
    """Cheap change detector for a corpus folder (not a content hash)."""
    # The same stamp the documents disk cache keys on (lib.store.documents.folder_stamp).
    return folder_stamp(directory) if directory.is_dir() else "missing"


# ---------------------------------------------------------------- one script run's memo (issue 7)
# A page asks for the corpus and its annotation many times per run. Each ask used to scan the
# corpus folder for its stamp (10,000 stat calls), hash every doc_id for the fingerprint and
# copy the cached tables: ~1.5 s per view at 10,000 documents. Within one run the answer
# cannot change, so it is looked up once; setup_page() starts every run with an empty memo.
_RUN = threading.local()


def begin_run() -> None:
    """Forget what the previous run of this thread looked up (``lib.web.ui.setup_page`` calls it first)."""
    _RUN.memo = {}


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
def _load(directory: str, stamp: str) -> LoadedCorpus:
    # Through the disk cache: a second start reads one Parquet file instead of decoding and
    # cleaning every document again (17 s at 1,000 documents, minutes at 10,000).
    return load_corpus_cached(Path(directory))


def loaded_corpus() -> LoadedCorpus:
    """The corpus folder as loaded (shared across sessions; never mutated by pages)."""
    directory = corpus_dir()
    return _once_per_run(("corpus", str(directory)), lambda: _load(str(directory), corpus_stamp(directory)))


def documents_table() -> pd.DataFrame:
    """The documents table of the corpus, plus this session's uploaded documents (if any)."""
    # Issue 6 (hosted mode): a visitor's uploads live in their st.session_state only and join
    # the shared corpus here, outside every cache, so each page analyses them with the rest.
    return uploads.with_session(loaded_corpus().documents, session_rows())


# ---------------------------------------------------------------- session documents (issue 6)
SESSION_DOCS_KEY = "_pl_session_docs"  # list of documents-table rows (lib.ingest.adding.session_document)
_SESSION_ANN_KEY = "_pl_session_annotations"  # SessionAnnotations of those rows, computed in-session


def session_rows() -> list[dict]:
    """This visitor's uploaded documents (rows of the documents table); [] outside a session."""
    try:
        return list(st.session_state.get(SESSION_DOCS_KEY, []))
    except Exception:  # no script run context, e.g. a bare import in a test
        return []


def add_session_row(row: dict) -> None:
    """Keep an uploaded document in this session (never written anywhere)."""
    st.session_state[SESSION_DOCS_KEY] = [*session_rows(), row]


def add_upload(prepared: adding.Prepared, raw: bytes, *, name: str, metadata: dict[str, str],
               writes: bool) -> tuple[str, list[str], str]:
    """Add an uploaded file: to the shared corpus when the operator allowed writes, else to
    this session only (the hosted default).

    Returns:
        ``(doc_id, notes, message)`` for the page to show.

    Raises:
        RefusedInput: the file or its metadata was refused (nothing was written).
        OSError: the corpus could not be written (it is unchanged).
    """
    if writes:
        added = adding.add_document(corpus_dir(), raw, name=name, metadata=metadata)
        return added.doc_id, list(added.messages), f"Added to the shared corpus as {added.doc_id}."
    row, notes = adding.session_document(prepared, metadata, documents=loaded_corpus().documents,
                                         session_rows=session_rows())
    row["_raw"] = raw  # for the download of this session's files; never written anywhere
    add_session_row(row)
    return row["doc_id"], notes, (f"Added for this session as {row['doc_id']}: it now appears on every page, "
                                  "for you only.")


def remove_session_row(doc_id: str) -> None:
    """Forget one of this session's uploaded documents."""
    st.session_state[SESSION_DOCS_KEY] = [r for r in session_rows() if r.get("doc_id") != doc_id]


def _with_session_annotations(result: annotations.Annotated) -> annotations.Annotated:
    # Session documents are annotated here, in the session, and laid over the shared tables;
    # nothing about them enters the disk cache or a shared st.cache_data entry.
    rows = session_rows()
    if not rows:
        return result
    directory = corpus_dir()
    session = uploads.with_session(loaded_corpus().documents.iloc[:0], rows)
    session = session[~session["doc_id"].isin(set(loaded_corpus().documents["doc_id"]))]
    if session.empty:
        return result
    key = uploads.session_key(session.to_dict("records"), result.pipeline_version)
    cached_ann = st.session_state.get(_SESSION_ANN_KEY)
    if cached_ann is None or cached_ann.key != key:
        from lib.nlp import engine  # deferred: only when a visitor uploaded something

        with st.spinner("Analysing your uploaded documents…"):
            pipeline = _pipeline_for(directory)
            cached_ann = uploads.annotate_session(session, annotate=lambda items: engine.annotate(pipeline, items),
                                                       key=key)
        st.session_state[_SESSION_ANN_KEY] = cached_ann
    return uploads.overlay(result, cached_ann)


def corpus_notices() -> list[Notice]:
    """What went wrong or was assumed while loading the corpus."""
    return loaded_corpus().notices


# ---------------------------------------------------------------- annotation (lib/store/annotations.py)
# The Annotated tables are keyed by the corpus fingerprint (every doc_id + file sha256 +
# pipeline version), so a changed file or actors.yaml is a new entry. The documents table
# is passed unhashed (leading underscore): hashing every text on each rerun would cost more
# than the lookup it guards.

_BUILD_LOCK = threading.Lock()  # one annotation run per process, however many sessions start it


@st.cache_resource(show_spinner="Loading the language model…", max_entries=2)
def nlp_pipeline(corpus_actors: str | None = None, actors_stamp: str = "") -> Any:
    """The spaCy pipeline (``lib.nlp.engine.Pipeline``), loaded once per process and gazetteer.

    Only called when something must be annotated: a warm start never imports spaCy.
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
def _annotated(directory: str, fingerprint: str, _documents: pd.DataFrame) -> annotations.Annotated:
    # Reached warm (annotated() builds first, outside the cache, with a progress bar).
    return annotations.load_or_build(_documents, corpus_dir=Path(directory),
                               pipeline=lambda: _pipeline_for(Path(directory)))


def annotated() -> annotations.Annotated:
    """The annotation tables of the current corpus (mentions, counts, doc stats).

    First start: annotates with a progress bar, caching to disk. Later starts read the
    disk cache without spaCy. If the pipeline runs without its model, says so once per session.
    Never raises: an unusable cache is rebuilt; if annotation is impossible the page stops
    with a message.
    """
    directory = corpus_dir()
    return _once_per_run(("annotated", str(directory)), lambda: _annotated_now(directory))


def _annotated_now(directory: Path) -> annotations.Annotated:
    documents = loaded_corpus().documents  # the shared corpus only; session documents are laid over below
    fingerprint = _fingerprint(directory, documents)
    try:
        if not annotations.is_warm(documents, directory):
            _build_with_progress(directory, documents)
        result = _annotated(str(directory), fingerprint, documents)
    except Exception as exc:  # a page must show a message, never a traceback
        st.error(f"The documents could not be annotated ({type(exc).__name__}). Names and term counts are "
                 "unavailable; the reader still works. Check that the pinned requirements are installed.")
        st.stop()
    if result.warning and not st.session_state.get(f"_pl_warned_{result.fingerprint}"):
        st.session_state[f"_pl_warned_{result.fingerprint}"] = True
        st.warning(result.warning)
    return _with_session_annotations(result)  # issue 6: this session's uploads, if any


def _build_with_progress(directory: Path, documents: pd.DataFrame) -> None:
    with _BUILD_LOCK:
        if annotations.is_warm(documents, directory):  # another session finished it while we waited
            return
        bar = st.progress(0.0, text="Preparing the corpus (first start only)…")
        try:
            annotations.load_or_build(documents, corpus_dir=directory, n_process=_processes(len(documents)),
                                pipeline=lambda: _pipeline_for(directory),
                                progress=lambda fraction, message: bar.progress(min(max(fraction, 0.0), 1.0),
                                                                                text=message))
        finally:
            bar.empty()


def _processes(n_documents: int) -> int:
    # Worker processes pay a model load each: only worth it for more than a few documents.
    return 1 if n_documents < 50 else max(1, min(2, os.cpu_count() or 1))


def _recover(exc: annotations.StoreError) -> annotations.Annotated:
    """An unreadable cache file: drop the cache entry and rebuild it (with a notice)."""
    annotated().invalidate()
    _annotated.clear()
    _term_index.clear()
    _tokens.clear()
    _sentences.clear()
    begin_run()  # the memo holds the broken tables
    st.info("The annotation cache was incomplete and has been rebuilt.")
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
    the Document search and Compare's highlight match queries against."""
    return counts.word_table(tokens_for(doc_ids, columns=_WORD_TOKEN_COLUMNS))


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


def sentences_for(doc_ids: Iterable[str]) -> pd.DataFrame:
    """Sentence rows (``lib.contracts.SENTENCE_COLUMNS``) of these documents only, read from the disk cache."""
    return _rows_for("sentences", _sentences, doc_ids)


# ---------------------------------------------------------------- term sums and slices (issue 7)
# Every sum or slice of the term counts goes through one in-memory TermIndex per unit and n
# (integer codes, lib/store/term_index.py): summing 10,000 documents is a bincount of a few ms, so
# nothing derived needs a cache of its own. This session's uploaded documents (issue 6) are
# not in the shared index; with uploads present the visitor gets an index of their own.

@st.cache_resource(max_entries=4, show_spinner=False)
def _term_index(fingerprint: str, unit: str, n: int, _annotated: annotations.Annotated) -> TermIndex:
    return TermIndex(_annotated.term_counts(unit, n), unit=unit, n=n)


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
    return term_index(unit, n).frame(doc_ids, stop=not content)


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
def word_cloud(weights: dict[str, float], *, width: int = 900, height: int = 420) -> bytes | None:
    """The PNG of ``lib.render.charts.word_cloud_image`` of these weights (None: nothing to draw), cached per
    word list and size (a drawing takes ~0.3 s, its PNG encoding a few hundredths)."""
    image = charts.word_cloud_image(weights, width=width, height=height, max_words=max(len(weights), 1))
    return None if image is None else charts.image_png(image)


# ---------------------------------------------------------------- exports

def corpus_zip(docs: pd.DataFrame, *, overview_link: str) -> bytes:
    """The whole corpus as a zip: every table (CSV and Parquet), the files as received, the
    metadata, a citation; this session's uploads included and said so
    (:func:`lib.analysis.exports.corpus_zip`)."""
    ann = annotated()
    ids = list(docs["doc_id"])
    term_parts = [term_counts(unit, n) for unit in contracts.UNITS for n in contracts.NGRAMS]
    tables = {"documents": docs, "sentences": sentences_for(ids), "tokens": tokens_for(ids),
              "mentions": ann.mentions, "term_counts": exports.concat_tables(term_parts),
              "actor_counts": ann.actor_counts, "actor_types": ann.actor_types, "cooc": ann.cooc,
              "doc_stats": ann.doc_stats}
    folder = corpus_dir()
    session = session_rows()
    raw_files = exports.corpus_files(folder, docs["file"])
    raw_files.update({r["file"]: r.get("_raw", b"") for r in session})
    citation = exports.cite_corpus(docs, url=overview_link)
    notes = (f"Includes {len(session)} document(s) uploaded in the exporting browser session only "
             "(not in the shared corpus).") if session else ""
    return exports.corpus_zip(tables, corpus=docs, citation=citation, raw_files=raw_files, notes=notes,
                              metadata_csv=exports.read_if_file(folder / contracts.METADATA_FILE))
