"""Benchmark corpora built from the real corpus, and their annotation tables by composition.

A synthetic document is a sequence of real sentences (drawn with a fixed seed from the
sentences of ``corpus/``), in paragraphs of two to six sentences, with metadata spread
over ~20 organisations and twelve years of dates (some dated only to the month or the
year, some undated). :func:`write_corpus` writes a real corpus folder — one ``.txt``
file per document and a ``metadata.csv`` — that the app opens with ``CORPUS_DIR``.

Annotating 10,000 documents with spaCy would take most of an hour on two cores, so the
render benchmarks assemble the tables from annotated sentences instead: the real
sentences are annotated once (:func:`pool_from_annotations`), and :class:`Composer`
places each sentence's tokens and mentions at the offset where the sentence sits in the
document's cleaned text. It is an ``annotate_fn`` for :func:`lib.store.build.build`,
so the tables are written by the store's own code and read by the app as a normal
warm cache.

Pure Python + NumPy/pandas; no spaCy and no Streamlit imports.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd

from lib.contracts import METADATA_COLUMNS, METADATA_FILE

N_ORGS = 20
FIRST_DAY = dt.date(2014, 2, 1)
LAST_DAY = dt.date(2025, 12, 31)
# Share of documents dated to the day / month / year only / undated.
DATE_PRECISION_SHARES = (("day", 0.85), ("month", 0.07), ("year", 0.03), ("", 0.05))
MEAN_SENTENCES = 24  # ~28 words per real sentence: ~670 words per document on average
MIN_SENTENCES, MAX_SENTENCES = 3, 150
TOKEN_POOL_COLUMNS = ["k", "rel", "text", "lower", "lemma", "pos", "is_stop", "is_alpha"]
MENTION_POOL_COLUMNS = ["k", "rel_start", "rel_end", "text", "label", "actor", "source"]

_ORG_WORDS = ("Workers", "Socialist", "Communist", "Revolutionary", "Labour", "Peoples", "Left", "Red",
              "Democratic", "Internationalist")
_ORG_KINDS = ("Party", "League", "Group", "Alliance", "Union", "Front", "Movement", "Committee", "Federation",
              "Organisation")
_AUTHORS = ("A. Byrne", "M. Okafor", "J. Lindqvist", "S. Patel", "R. Moreau", "K. Nowak", "T. Gallagher",
            "L. Ferreira", "D. Haddad", "E. Kowalczyk", "P. Mensah", "C. Rossi")


@dataclass(frozen=True)
class DocPlan:
    """One synthetic document: its metadata and which pool sentences make it up."""

    doc_id: str
    file: str
    title: str
    organisation: str
    org_short: str
    author: str
    date: str
    sentences: tuple[int, ...]  # indices into the sentence pool, in order
    paragraphs: tuple[int, ...]  # sentences per paragraph (sums to len(sentences))


def organisations(n: int = N_ORGS) -> list[tuple[str, str]]:
    """``n`` made-up organisations as ``(org_short, organisation)``, e.g. ``("ORG01", "Workers Party 01")``."""
    return [(f"ORG{k + 1:02d}", f"{_ORG_WORDS[k % len(_ORG_WORDS)]} {_ORG_KINDS[(k // 2) % len(_ORG_KINDS)]} {k + 1:02d}")
            for k in range(n)]


def _date(rng: np.random.Generator) -> str:
    day = FIRST_DAY + dt.timedelta(days=int(rng.integers(0, (LAST_DAY - FIRST_DAY).days + 1)))
    kinds, shares = zip(*DATE_PRECISION_SHARES, strict=True)
    kind = kinds[int(rng.choice(len(kinds), p=np.asarray(shares) / sum(shares)))]
    return {"day": day.isoformat(), "month": day.isoformat()[:7], "year": day.isoformat()[:4], "": ""}[kind]


def plan_corpus(n_docs: int, pool: Sequence[str], *, seed: int = 7, n_orgs: int = N_ORGS,
                mean_sentences: float = MEAN_SENTENCES) -> list[DocPlan]:
    """Plan ``n_docs`` documents drawn from a sentence pool (deterministic for a seed).

    Organisations get Zipf-like shares (a few publish much more than others, each at
    least one document when ``n_docs >= n_orgs``); lengths are log-normal around
    ``mean_sentences``; sentences are drawn with replacement.

    Args:
        n_docs: number of documents.
        pool: the sentence texts to draw from (only its length and first words are used).
        seed: random seed.
        n_orgs: number of organisations.
        mean_sentences: mean number of sentences per document.

    Returns:
        One :class:`DocPlan` per document, ids unique, files ``00000.txt`` ….
    """
    if not pool:
        raise ValueError("the sentence pool is empty")
    rng = np.random.default_rng(seed)
    orgs = organisations(n_orgs)
    weights = 1.0 / np.arange(1, n_orgs + 1) ** 0.8
    org_of = rng.choice(n_orgs, size=n_docs, p=weights / weights.sum())
    if n_docs >= n_orgs:  # every organisation appears
        org_of[rng.choice(n_docs, size=n_orgs, replace=False)] = np.arange(n_orgs)
    sigma = 0.6
    lengths = rng.lognormal(np.log(mean_sentences) - sigma**2 / 2, sigma, size=n_docs)
    lengths = np.clip(np.rint(lengths), MIN_SENTENCES, MAX_SENTENCES).astype(int)
    plans = []
    for n in range(n_docs):
        org_short, organisation = orgs[org_of[n]]
        date = _date(rng)
        picks = tuple(int(k) for k in rng.integers(0, len(pool), size=lengths[n]))
        paragraphs, left = [], len(picks)
        while left:
            size = min(left, int(rng.integers(2, 7)))
            paragraphs.append(size)
            left -= size
        first_words = " ".join(pool[picks[0]].split()[:7]).strip(" .,;:")
        author = _AUTHORS[int(rng.integers(0, len(_AUTHORS)))] if rng.random() < 0.6 else ""
        plans.append(DocPlan(doc_id=f"{org_short.lower()}-{date or 'undated'}-{n:05d}", file=f"{n:05d}.txt",
                             title=first_words or f"Document {n}", organisation=organisation, org_short=org_short,
                             author=author, date=date, sentences=picks, paragraphs=tuple(paragraphs)))
    return plans


def render_text(plan: DocPlan, pool: Sequence[str]) -> str:
    """The document's text: sentences joined by a space, paragraphs by a blank line."""
    paragraphs, pos = [], 0
    for size in plan.paragraphs:
        paragraphs.append(" ".join(pool[k] for k in plan.sentences[pos:pos + size]))
        pos += size
    return "\n\n".join(paragraphs) + "\n"


def write_corpus(directory: Path | str, plans: Sequence[DocPlan], pool: Sequence[str], *,
                 render: Callable[[DocPlan, Sequence[str]], str] | None = None) -> Path:
    """Write a corpus folder (one UTF-8 ``.txt`` per document + ``metadata.csv``), replacing any old one.

    Written into a temporary sibling and renamed into place, so a half-written corpus is
    never left behind.

    ``render`` makes a plan's text (default :func:`render_text`; the realistic corpus
    substitutes words, :mod:`benchmarks.realistic`).

    Returns:
        The corpus folder.
    """
    directory = Path(directory)
    directory.parent.mkdir(parents=True, exist_ok=True)
    tmp = directory.parent / f".tmp-{directory.name}-{uuid.uuid4().hex[:8]}"
    tmp.mkdir()
    try:
        for plan in plans:
            (tmp / plan.file).write_text((render or render_text)(plan, pool), encoding="utf-8")
        with open(tmp / METADATA_FILE, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=METADATA_COLUMNS)
            writer.writeheader()
            for plan in plans:
                writer.writerow({"id": plan.doc_id, "file": plan.file, "title": plan.title,
                                 "organisation": plan.organisation, "org_short": plan.org_short,
                                 "publication": "", "author": plan.author, "date": plan.date, "url": "",
                                 "language": "en", "source_note": "Synthetic benchmark document (real sentences, resampled)."})
        old = directory.parent / f".old-{directory.name}-{uuid.uuid4().hex[:8]}"
        if directory.exists():
            os.replace(directory, old)
        os.replace(tmp, directory)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return directory


def long_text(pool: Sequence[str], *, min_chars: int, seed: int = 11) -> str:
    """One text of at least ``min_chars`` characters made of pool sentences in paragraphs."""
    rng = np.random.default_rng(seed)
    paragraphs, total = [], 0
    while total < min_chars:
        para = " ".join(pool[int(k)] for k in rng.integers(0, len(pool), size=int(rng.integers(2, 7))))
        paragraphs.append(para)
        total += len(para) + 2
    return "\n\n".join(paragraphs)


# ================================================================ annotation by composition
@dataclass
class AnnotatedPool:
    """Real sentences with their annotations, offsets relative to each sentence's start.

    Attributes:
        texts: sentence ``k``'s text.
        tokens: ``TOKEN_POOL_COLUMNS`` sorted by ``k``; ``tok_ptr[k]:tok_ptr[k+1]`` are sentence k's rows.
        mentions: ``MENTION_POOL_COLUMNS`` sorted by ``k``, with ``men_ptr`` likewise.
    """

    texts: list[str]
    tokens: pd.DataFrame
    tok_ptr: np.ndarray
    mentions: pd.DataFrame
    men_ptr: np.ndarray


def _ptr(keys: np.ndarray, n: int) -> np.ndarray:
    return np.concatenate([[0], np.cumsum(np.bincount(keys, minlength=n))]).astype(np.int64)


def pool_from_annotations(sentences: pd.DataFrame, tokens: pd.DataFrame, mentions: pd.DataFrame) -> AnnotatedPool:
    """Cut annotated documents into single-line sentences with sentence-relative offsets.

    Args:
        sentences, tokens, mentions: tables of ``lib.nlp.engine.annotate`` (DESIGN.md columns).

    Returns:
        An :class:`AnnotatedPool` of every sentence without a line break inside.
    """
    sents = sentences[~sentences["text"].astype(str).str.contains("\n", regex=False)].reset_index(drop=True)
    sents = sents[sents["text"].astype(str).str.strip() != ""].reset_index(drop=True)
    key = pd.MultiIndex.from_arrays([sents["doc_id"].astype(str), sents["sent_id"].astype(int)])
    k_of = pd.Series(np.arange(len(sents)), index=key)
    starts = sents["start"].to_numpy(np.int64)
    ends = sents["end"].to_numpy(np.int64)

    def locate(frame: pd.DataFrame, start_col: str, end_col: str) -> tuple[pd.DataFrame, np.ndarray]:
        idx = pd.MultiIndex.from_arrays([frame["doc_id"].astype(str), frame["sent_id"].astype(int)])
        k = k_of.reindex(idx).to_numpy()
        ok = ~np.isnan(k)
        frame, k = frame[ok], k[ok].astype(np.int64)
        inside = (frame[start_col].to_numpy() >= starts[k]) & (frame[end_col].to_numpy() <= ends[k])
        return frame[inside], k[inside]

    tok, tk = locate(tokens, "start", "start")
    tok = pd.DataFrame({"k": tk, "rel": tok["start"].to_numpy(np.int64) - starts[tk], "i": tok["i"].to_numpy(),
                        **{c: tok[c].to_numpy() for c in TOKEN_POOL_COLUMNS[2:]}})
    tok = tok.sort_values(["k", "i"], kind="stable").drop(columns="i").reset_index(drop=True)
    men, mk = locate(mentions, "start", "end")
    men = pd.DataFrame({"k": mk, "rel_start": men["start"].to_numpy(np.int64) - starts[mk],
                        "rel_end": men["end"].to_numpy(np.int64) - starts[mk],
                        **{c: men[c].astype(object).to_numpy() for c in MENTION_POOL_COLUMNS[3:]}})
    men = men.sort_values(["k", "rel_start"], kind="stable").reset_index(drop=True)
    return AnnotatedPool(texts=sents["text"].astype(str).tolist(), tokens=tok, tok_ptr=_ptr(tok["k"].to_numpy(), len(sents)),
                         mentions=men, men_ptr=_ptr(men["k"].to_numpy(), len(sents)))


def _gather(ptr: np.ndarray, ks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Row indices of the pool rows of sentences ``ks`` (in order), and the placement each belongs to."""
    counts = ptr[ks + 1] - ptr[ks]
    placement = np.repeat(np.arange(len(ks)), counts)
    first = np.repeat(ptr[ks], counts)
    within = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    return first + within, placement


class Composer:
    """An ``annotate_fn`` for :func:`lib.store.build.build` that composes pool annotations.

    For each ``(doc_id, text)`` it finds the planned sentences, in order, in the cleaned
    text and shifts their tokens and mentions there. A sentence that cleaning changed
    (not found) is left unannotated and counted in :attr:`missed`.
    """

    def __init__(self, pool: AnnotatedPool, plans: Iterable[DocPlan]) -> None:
        self.pool = pool
        self.plans = {p.doc_id: p for p in plans}
        self.missed = 0
        self.placed = 0

    def __call__(self, items: list[tuple[str, str]]) -> SimpleNamespace:
        doc_of, sent_of, k_of, start_of = [], [], [], []
        for doc_id, text in items:
            plan = self.plans.get(doc_id)
            if plan is None:
                continue
            pos, sent_id = 0, 0
            for k in plan.sentences:
                found = text.find(self.pool.texts[k], pos)
                if found < 0:
                    self.missed += 1
                    continue
                doc_of.append(doc_id)
                sent_of.append(sent_id)
                k_of.append(k)
                start_of.append(found)
                pos = found + len(self.pool.texts[k])
                sent_id += 1
        self.placed += len(k_of)
        ks = np.asarray(k_of, dtype=np.int64)
        starts = np.asarray(start_of, dtype=np.int64)
        docs = np.asarray(doc_of, dtype=object)
        sent_ids = np.asarray(sent_of, dtype=np.int64)
        lengths = np.fromiter((len(self.pool.texts[k]) for k in k_of), dtype=np.int64, count=len(k_of))
        sentences = pd.DataFrame({"doc_id": docs, "sent_id": sent_ids, "start": starts, "end": starts + lengths,
                                  "text": [self.pool.texts[k] for k in k_of]})

        rows, placement = _gather(self.pool.tok_ptr, ks)
        pt = self.pool.tokens
        tok_docs = docs[placement]
        # Token index i counts from 0 in each document.
        doc_change = np.ones(len(placement), dtype=bool)
        if len(placement):
            doc_change[1:] = tok_docs[1:] != tok_docs[:-1]
        run_start = np.maximum.accumulate(np.where(doc_change, np.arange(len(placement)), 0))
        tokens = pd.DataFrame({"doc_id": tok_docs, "sent_id": sent_ids[placement],
                               "i": np.arange(len(placement)) - run_start,
                               "start": pt["rel"].to_numpy()[rows] + starts[placement],
                               **{c: pt[c].to_numpy()[rows] for c in TOKEN_POOL_COLUMNS[2:]}})

        rows, placement = _gather(self.pool.men_ptr, ks)
        pm = self.pool.mentions
        mentions = pd.DataFrame({"doc_id": docs[placement], "sent_id": sent_ids[placement],
                                 "start": pm["rel_start"].to_numpy()[rows] + starts[placement],
                                 "end": pm["rel_end"].to_numpy()[rows] + starts[placement],
                                 **{c: pm[c].to_numpy()[rows] for c in MENTION_POOL_COLUMNS[3:]}})
        return SimpleNamespace(sentences=sentences, tokens=tokens, mentions=mentions)
