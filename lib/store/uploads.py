"""A visitor's uploads, kept in their session only, analysed with the shared corpus (hosted mode).

When the operator has not allowed writes (``PARTY_LINES_ALLOW_WRITES``), an upload becomes a
*session document*: a documents-table row (built by :func:`lib.ingest.corpus.document_row`) held in
the visitor's ``st.session_state``. Every page sees it because ``lib.web.cached.documents_table``
appends these rows. Its annotations are computed in a bounded worker process
(:mod:`lib.store.upload_worker`), kept in the session (:func:`compact`, one
:class:`SessionAnnotations` per document, joined by :func:`combine` for the pages) and laid *over* the
shared corpus's annotation (:class:`Overlay`) — never written to the disk cache nor to a shared
``st.cache_data`` entry, so no other visitor can see it, and it is gone when the session ends.

Pure library (no Streamlit): ``lib/web/cached.py`` does the session-state plumbing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any

import pandas as pd

from lib.contracts import DOCUMENT_COLUMNS
from lib.store import annotations, counts


def with_session(documents: pd.DataFrame, rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """The corpus documents plus this session's uploads (sorted like ``load_corpus``).

    A session row whose content (sha256) or id is now in the corpus — the operator added the
    same file meanwhile — is dropped: the corpus copy wins.

    Args:
        documents: the shared corpus's documents table.
        rows: session document rows (``lib.contracts.DOCUMENT_COLUMNS``).

    Returns:
        A new table; ``documents`` is never mutated.
    """
    if not rows:
        return documents
    taken_ids, taken_sha = set(documents["doc_id"].astype(str)), set(documents["sha256"].astype(str))
    keep = [r for r in rows if str(r.get("doc_id")) not in taken_ids and str(r.get("sha256")) not in taken_sha]
    if not keep:
        return documents
    # The corpus table's columns: the app's has no texts (lib.web.cached.texts_for reads those).
    columns = [c for c in DOCUMENT_COLUMNS if c in documents.columns] if len(documents.columns) else DOCUMENT_COLUMNS
    extra = pd.DataFrame([{c: r.get(c, "") for c in columns} for r in keep], columns=columns)
    frame = pd.concat([documents, extra], ignore_index=True) if len(documents) else extra
    frame["n_words"] = frame["n_words"].astype("int64")
    return frame.sort_values(["org_short", "date", "doc_id"], kind="stable").reset_index(drop=True)


def session_key(rows: Iterable[Mapping[str, Any]], version: str = "") -> str:
    """Key of a set of session documents (ids + content hashes) and a pipeline version."""
    h = hashlib.sha256(version.encode())
    for row in sorted(rows, key=lambda r: str(r.get("doc_id"))):
        h.update(f"{row.get('doc_id')}:{row.get('sha256')}\n".encode())
    return h.hexdigest()[:16]


@dataclass
class SessionAnnotations:
    """The annotation tables of session documents, held in memory (never on disk)."""

    key: str
    sentences: pd.DataFrame
    tokens: pd.DataFrame
    mentions: pd.DataFrame
    term_counts: pd.DataFrame  # every unit and n
    actor_counts: pd.DataFrame
    actor_types: pd.DataFrame
    cooc: pd.DataFrame
    doc_stats: pd.DataFrame
    doc_ids: frozenset[str] = field(default_factory=frozenset)


def annotate_session(documents: pd.DataFrame, *, annotate: Any, key: str) -> SessionAnnotations:
    """Annotate session documents in memory.

    Args:
        documents: the session documents (``doc_id``, ``text``).
        annotate: called with ``[(doc_id, text), ...]``; returns an object with
            ``sentences``, ``tokens``, ``mentions`` (e.g. ``lambda items: lib.nlp.engine.annotate(p, items)``).
        key: :func:`session_key` of these documents.

    Returns:
        :class:`SessionAnnotations` with the same per-document count tables the disk cache holds.
    """
    items = list(zip(documents["doc_id"].astype(str), documents["text"].fillna("").astype(str), strict=False))
    result = annotate(items)
    mentions = result.mentions
    return SessionAnnotations(
        key=key, sentences=result.sentences, tokens=result.tokens, mentions=mentions,
        term_counts=counts.term_counts(result.tokens), actor_counts=counts.actor_counts(mentions),
        actor_types=counts.actor_types(mentions), cooc=counts.cooccurrences(mentions),
        doc_stats=counts.doc_stats(result.sentences, result.tokens), doc_ids=frozenset(d for d, _ in items))


_TEXT_COLUMNS = {"tokens": ("text", "lower", "lemma", "pos"), "sentences": (),
                 "mentions": ("text", "label", "actor", "source")}
_DOC_TABLES = ("sentences", "tokens", "mentions", "term_counts", "actor_counts", "cooc", "doc_stats")


def compact(tables: SessionAnnotations) -> SessionAnnotations:
    """The same tables with repeated strings stored once (categoricals): what a session keeps.

    A 2 MB upload has ~400,000 token rows; as plain strings they take ~130 MB of the server's
    memory per session, as categories a tenth of it. :class:`Overlay` hands them out as plain
    strings again.
    """
    out = {}
    for name in _TEXT_COLUMNS:
        frame = getattr(tables, name).copy()
        for col in ("doc_id", *_TEXT_COLUMNS[name]):
            frame[col] = frame[col].astype("category")
        out[name] = frame
    return replace(tables, **out)


def with_doc_id(tables: SessionAnnotations, doc_id: str, *, key: str | None = None) -> SessionAnnotations:
    """The tables of ONE document under another id (the worker annotates before the visitor names it)."""
    out = {}
    for name in _DOC_TABLES:
        frame = getattr(tables, name).copy()
        frame["doc_id"] = pd.Categorical([doc_id] * len(frame), categories=[doc_id])
        out[name] = frame
    return replace(tables, **out, doc_ids=frozenset({doc_id}), key=key or tables.key)


def combine(parts: Sequence[SessionAnnotations], *, key: str) -> SessionAnnotations:
    """The tables of several session documents as one :class:`SessionAnnotations`."""
    if len(parts) == 1:
        return replace(parts[0], key=key)

    def joined(name: str) -> pd.DataFrame:
        frames = [getattr(p, name) for p in parts]
        if name == "term_counts":
            return counts.concat_term_counts(frames)
        frame = pd.concat(frames, ignore_index=True)
        for col in frame.columns:  # categories of different documents: plain strings again, then categories
            if isinstance(frames[0][col].dtype, pd.CategoricalDtype):
                frame[col] = frame[col].astype(str).astype("category")
        return frame

    return SessionAnnotations(key=key, **{f.name: joined(f.name) for f in fields(SessionAnnotations)
                                          if f.name not in ("key", "doc_ids")},
                              doc_ids=frozenset().union(*(p.doc_ids for p in parts)))


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Categorical string columns as plain strings (what the shared store's readers return)."""
    cats = [c for c in frame.columns if isinstance(frame[c].dtype, pd.CategoricalDtype)]
    return frame.astype({c: object for c in cats}) if cats else frame


def _concat(base: pd.DataFrame, extra: pd.DataFrame) -> pd.DataFrame:
    if not len(extra):
        return base
    if not len(base):
        return extra.reset_index(drop=True)
    return pd.concat([base, extra[list(base.columns)] if set(base.columns) <= set(extra.columns) else extra],
                     ignore_index=True)


@dataclass
class Overlay(annotations.Annotated):
    """The shared corpus's :class:`lib.store.annotations.Annotated` with session documents laid over it.

    The same interface as the shared object, method for method and signature for signature
    (a test holds them together), so a reader never asks which one it holds. In-memory
    tables are concatenations; :meth:`term_counts`, :meth:`tokens` and :meth:`sentences`
    read the shared part from the disk cache and append the session's rows. :attr:`shared`
    is the shared object (what may be cached across sessions), :attr:`session_ids` the
    documents only this session sees.
    """

    base: annotations.Annotated | None = None
    session: SessionAnnotations | None = None

    @property
    def shared(self) -> annotations.Annotated:
        return self.base

    @property
    def session_ids(self) -> frozenset[str]:
        return self.session.doc_ids

    def term_counts(self, unit: str = "word", n: int = 1, *, doc_ids: Sequence[str] | None = None) -> pd.DataFrame:
        own = self.session.term_counts
        own = own[(own["unit"] == unit) & (own["n"] == n)]
        if doc_ids is None:
            return _concat(self.base.term_counts(unit, n), own)
        shared, mine = self._split(doc_ids)
        base = self.base.term_counts(unit, n, doc_ids=shared) if shared or not mine else own.iloc[:0]
        return _concat(base, own[own["doc_id"].isin(set(mine))])

    def tokens(self, doc_ids: Iterable[str], columns: Sequence[str] | None = None) -> pd.DataFrame:
        shared, mine = self._split(doc_ids)
        frame = self.base.tokens(shared, columns)
        own = self.session.tokens
        return _concat(frame, _plain(own[own["doc_id"].isin(set(mine))][list(frame.columns)]))

    def sentences(self, doc_ids: Iterable[str]) -> pd.DataFrame:
        shared, mine = self._split(doc_ids)
        frame = self.base.sentences(shared)
        own = self.session.sentences
        return _concat(frame, _plain(own[own["doc_id"].isin(set(mine))][list(frame.columns)]))

    def invalidate(self) -> None:
        self.base.invalidate()

    def _split(self, doc_ids: Iterable[str]) -> tuple[list[str], list[str]]:
        ids = list(map(str, doc_ids))
        return [d for d in ids if d not in self.session.doc_ids], [d for d in ids if d in self.session.doc_ids]


def overlay(base: annotations.Annotated, session: SessionAnnotations) -> Overlay:
    """Lay session annotations over the shared corpus's (see :class:`Overlay`)."""
    types = session.actor_types[~session.actor_types["actor"].astype(str).isin(
        set(base.actor_types["actor"].astype(str)))]
    values = {f.name: getattr(base, f.name) for f in fields(annotations.Annotated)}
    values.update(
        fingerprint=f"{base.fingerprint}+session-{session.key}",
        mentions=_concat(base.mentions, session.mentions),
        actor_counts=_concat(base.actor_counts, session.actor_counts),
        actor_types=_concat(base.actor_types, types),
        cooc=_concat(base.cooc, session.cooc),
        doc_stats=_concat(base.doc_stats, session.doc_stats),
    )
    return Overlay(**values, base=base, session=session)
