"""Per-document count tables: the precomputed sums every page filters over.

Pure functions, tables in, tables out (no spaCy, no Streamlit). They take the
annotation tables of ``lib/nlp/engine.py`` (``sentences``, ``tokens``, ``mentions``, column
lists below) and return small per-document tables, so that a filter on the sidebar is a
sum over rows, never a rescan of text. Everything is vectorised over integer codes
(``pd.factorize``) because at 10,000 documents the token table has ~15 million rows.

Conventions shared by every table here:

* ``doc_id`` is a pandas ``category``; counts are ``int32``.
* Terms are words of the words layer (:func:`word_table`, i.e. :func:`lib.words.words_from_tokens`):
  "secretary-general" is one word, punctuation and dangling hyphens ("long-") are none.
* Word and lemma forms are normal forms (:func:`lib.words.normal_form`): lower case with
  apostrophes and hyphens straightened, acronyms in capitals kept ("US" is not "us").
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from lib.contracts import (
    DEMONYM,
    NGRAMS,
    OWN_ROLES,
    TERM_COUNT_COLUMNS,
    UNITS,
)
from lib.nlp import gazetteer
from lib.words import words_from_tokens

MATTR_WINDOW = 500

# Tie-break for actor_types when two labels are equally frequent (a state is more often
# mis-read as a place than the other way round).
_TYPE_PRIORITY = {"STATE": 0, "ORG": 1, "PERSON": 2, "PLACE": 3, DEMONYM: 4}


# ================================================================ helpers


def _cat(values: Iterable, categories: Iterable | None = None) -> pd.Categorical:
    return pd.Categorical(values, categories=categories)


def _doc_codes(doc_ids: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Integer document codes whose order is the sorted order of the ids (cheap for categoricals)."""
    if isinstance(doc_ids.dtype, pd.CategoricalDtype):
        names = doc_ids.cat.categories.astype(str)
        order = np.argsort(np.asarray(names, dtype=object), kind="stable")
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order))
        return rank[doc_ids.cat.codes.to_numpy()], pd.Index(np.asarray(names, dtype=object)[order], dtype=object)
    codes, names = pd.factorize(doc_ids.astype(str), sort=True)
    return codes.astype(np.int64), pd.Index(names, dtype=object)


def _first_index(ids: np.ndarray, size: int) -> np.ndarray:
    """Position of the first occurrence of each id in ``0..size-1``."""
    first = np.full(size, -1, dtype=np.int64)
    first[ids[::-1]] = np.arange(len(ids) - 1, -1, -1)  # last write wins: reversed = first
    return first


def empty_term_counts() -> pd.DataFrame:
    """A term-count table with the contract's columns and dtypes and no rows."""
    return pd.DataFrame({
        "doc_id": _cat([]), "unit": _cat([], UNITS), "n": pd.Series(dtype="int8"),
        "term": _cat([]), "count": pd.Series(dtype="int32"), "stop_edge": pd.Series(dtype="bool"),
    })


# ================================================================ term counts
def word_table(tokens: pd.DataFrame) -> pd.DataFrame:
    """The words layer of a token table with the app's acronym vocabulary (the one every view uses).

    Returns:
        ``lib.words.WORD_COLUMNS`` (see :func:`lib.words.words_from_tokens`).
    """
    return words_from_tokens(tokens, gazetteer.acronyms())


def iter_term_counts(tokens: pd.DataFrame, *, units: Iterable[str] = UNITS, ns: Iterable[int] = NGRAMS,
                     words: pd.DataFrame | None = None) -> Iterator[tuple[str, int, pd.DataFrame]]:
    """Yield the term counts one ``(unit, n)`` slice at a time (see :func:`term_counts`).

    The disk cache stores each slice in its own file so a view reads only the slice it
    shows; yielding them one by one keeps peak memory at one slice.

    Args:
        tokens: the token table (``TOKEN_COLUMNS``; ``doc_id``, ``sent_id``, ``i``,
            ``start``, ``text``, ``lemma``, ``is_stop`` are used).
        units: any of ``"word"``, ``"lemma"``.
        ns: n-gram lengths.
        words: :func:`word_table` of ``tokens`` when the caller has it already.

    Yields:
        ``(unit, n, table)`` with ``TERM_COUNT_COLUMNS``, sorted by ``doc_id``.
    """
    units, ns = tuple(units), tuple(ns)
    for unit in units:
        if unit not in UNITS:
            raise ValueError(f"unknown unit {unit!r}; expected one of {UNITS}")
    if tokens.empty:
        for unit in units:
            for n in ns:
                out = empty_term_counts()
                yield unit, n, out
        return
    words = word_table(tokens) if words is None else words
    doc_codes, doc_names = pd.factorize(words["doc_id"], sort=True)
    doc_names = pd.Index(doc_names, dtype=object)
    sent = words["sent_id"].to_numpy()
    keep = np.flatnonzero(words["is_word"].to_numpy(dtype=bool))
    # A run of consecutive words ends at a non-word (punctuation: adjacent rows only) or at
    # a sentence or document boundary.
    doc_k, sent_k = doc_codes[keep].astype(np.int64), sent[keep]
    brk = np.ones(len(keep), dtype=bool)
    brk[1:] = (np.diff(keep) != 1) | (doc_k[1:] != doc_k[:-1]) | (sent_k[1:] != sent_k[:-1])
    run = np.cumsum(brk)
    stop = words["is_stop"].to_numpy(dtype=bool)[keep]

    for unit in units:
        codes_all, vocab = pd.factorize(words["norm" if unit == "word" else "lemma"])
        vocab = np.asarray(vocab, dtype=object)
        codes = codes_all[keep].astype(np.int64)
        if unit == "word":
            # A word is a stop word if spaCy flagged it (it flags by lower-case form, so every
            # row of one normal form agrees).
            vocab_stop = np.bincount(codes, weights=stop, minlength=len(vocab)) > 0
        else:
            # A lemma is a stop word if the lemma itself is one, by spaCy's own rule (lower-case
            # form in its list). Not "if any word read as it was": that depended on which
            # documents shared a partition, so a resumed or two-worker build could differ.
            vocab_stop = lemma_is_stop(vocab)
        for n in ns:
            yield unit, n, _ngram_counts(codes, vocab, vocab_stop, run, doc_k, doc_names, unit, n)


# spaCy's English stop words (spacy.lang.en.stop_words.STOP_WORDS of the pinned spaCy, one per
# line; tests/store check the copy against it): read here so that counting, which also runs in the
# app's process for session uploads, never imports spaCy.
STOP_WORDS_FILE = Path(__file__).resolve().parents[1] / "data" / "stop_words_en.txt"


@functools.cache
def stop_words() -> frozenset[str]:
    """spaCy's English stop words (lower case; straight and curly apostrophes as spaCy lists them)."""
    return frozenset(w for w in STOP_WORDS_FILE.read_text(encoding="utf-8").splitlines() if w)


def lemma_is_stop(lemmas: np.ndarray) -> np.ndarray:
    """Per lemma form: is it a stop word (spaCy's rule: its lower-case form is in the list)."""
    stops = stop_words()
    return np.fromiter((str(v).lower() in stops for v in lemmas), dtype=bool, count=len(lemmas))


def _ngram_counts(codes: np.ndarray, vocab: np.ndarray, vocab_stop: np.ndarray, run: np.ndarray,
                  doc: np.ndarray, doc_names: pd.Index, unit: str, n: int) -> pd.DataFrame:
    m = len(codes) - n + 1
    if m <= 0:
        return empty_term_counts()
    starts = np.flatnonzero(run[: m] == run[n - 1:])  # all n words in one run
    if len(starts) == 0:
        return empty_term_counts()
    # Build n-gram ids by repeated factorising of (id so far, next code): never overflows,
    # whatever the vocabulary size.
    gram = codes[starts]
    n_grams = len(vocab)
    for step in range(1, n):
        gram, uniq = pd.factorize(gram * len(vocab) + codes[starts + step])
        n_grams = len(uniq)
    if n == 1:
        gram, uniq = pd.factorize(gram)
        n_grams = len(uniq)
    pair, counts = np.unique(doc[starts] * np.int64(n_grams) + gram, return_counts=True)
    row_doc, row_gram = pair // n_grams, pair % n_grams
    # Strings only for distinct n-grams, taken from each one's first occurrence.
    first = starts[_first_index(gram, n_grams)]
    if n == 1:
        terms = vocab[codes[first]]
    else:  # arrow joins strings in C; object-array "+" would call Python per n-gram
        pa_vocab = pa.array(vocab, type=pa.string())
        parts = [pa_vocab.take(pa.array(codes[first + step])) for step in range(n)]
        terms = pc.binary_join_element_wise(*parts, " ").to_numpy(zero_copy_only=False)
    gram_stop = vocab_stop[codes[first]] | vocab_stop[codes[first + n - 1]]
    used_docs = np.unique(row_doc)
    doc_cat = pd.Categorical.from_codes(np.searchsorted(used_docs, row_doc),
                                        categories=pd.Index(doc_names[used_docs], dtype=object))
    return pd.DataFrame({
        "doc_id": doc_cat,
        "unit": pd.Categorical.from_codes(np.full(len(pair), UNITS.index(unit), dtype=np.int8), categories=list(UNITS)),
        "n": np.full(len(pair), n, dtype=np.int8),
        "term": pd.Categorical.from_codes(row_gram, dtype=pd.CategoricalDtype(pd.Index(terms, dtype=object))),
        "count": counts.astype(np.int32),
        "stop_edge": gram_stop[row_gram],
    })


def term_counts(tokens: pd.DataFrame, *, units: Iterable[str] = UNITS, ns: Iterable[int] = NGRAMS) -> pd.DataFrame:
    """Count words, lemmas and their 2- and 3-grams per document.

    N-grams are built from runs of consecutive words (:func:`word_table`) inside one
    sentence: punctuation or any other non-word ends a run, so "Ukraine. The" is never a
    bigram. A term is its words' normal forms joined by one space (``workers’`` ==
    ``workers'``, "US" ≠ "us", "secretary-general" one word). The "stop words off" view
    drops rows whose ``stop_edge`` is true: the first or last word of the n-gram is a stop
    word (for n = 1, the word itself), so "war in ukraine" stays and "of the" goes.

    Args:
        tokens: the token table (``TOKEN_COLUMNS``).
        units: ``"word"`` (the word's normal form) and/or ``"lemma"`` (its lemma's normal
            form; a word without a lemma counts as its word form).
        ns: n-gram lengths (default 1, 2, 3).

    Returns:
        ``TERM_COUNT_COLUMNS``: ``doc_id`` (category), ``unit`` (category), ``n`` (int8),
        ``term`` (category), ``count`` (int32, > 0), ``stop_edge`` (bool); one row per
        (document, unit, n, term).
    """
    parts = [frame for _, _, frame in iter_term_counts(tokens, units=units, ns=ns)]
    return concat_term_counts(parts)


def concat_term_counts(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate term-count tables, keeping ``doc_id``/``term`` categorical (union of categories)."""
    parts = [p for p in parts if len(p)]
    if not parts:
        return empty_term_counts()
    out = {}
    for col in TERM_COUNT_COLUMNS:
        if col in ("doc_id", "term", "unit"):
            out[col] = pd.api.types.union_categoricals([p[col] for p in parts], ignore_order=True)
        else:
            out[col] = np.concatenate([p[col].to_numpy() for p in parts])
    frame = pd.DataFrame(out)
    frame["unit"] = frame["unit"].cat.set_categories(list(UNITS))
    return frame


# ================================================================ actors
def _named(mentions: pd.DataFrame) -> pd.DataFrame:
    """Mentions that name an actor (rows without a canonical name cannot be grouped)."""
    actor = mentions["actor"]
    return mentions[actor.notna() & (actor.astype(str).str.strip() != "")]


def actor_counts(mentions: pd.DataFrame) -> pd.DataFrame:
    """How often each document names each actor, per label.

    DEMONYM mentions ("Russian") keep their own rows (label DEMONYM, actor = the state or
    bloc), so a view can include or exclude them by filtering on ``label``.

    Args:
        mentions: the mention table (``MENTION_COLUMNS``).

    Returns:
        ``ACTOR_COUNT_COLUMNS``: ``doc_id``, ``actor``, ``label`` (categories), ``count``
        (int32), ``own`` (bool: the document's own organisation, publication or byline author,
        see ``MENTION_COLUMNS``' ``role``), sorted by doc_id, actor, label.
    """
    named = _named(mentions)
    if named.empty:
        return pd.DataFrame({"doc_id": _cat([]), "actor": _cat([]), "label": _cat([]),
                             "count": pd.Series(dtype="int32"), "own": pd.Series(dtype=bool)})
    role = named["role"].astype(str) if "role" in named else pd.Series("", index=named.index)
    grouped = (named.assign(doc_id=named["doc_id"].astype(str), actor=named["actor"].astype(str),
                            label=named["label"].astype(str), own=role.isin(OWN_ROLES).to_numpy())
               .groupby(["doc_id", "actor", "label"], sort=True)
               .agg(count=("own", "size"), own=("own", "max")).reset_index())
    return pd.DataFrame({
        "doc_id": _cat(grouped["doc_id"]), "actor": _cat(grouped["actor"]), "label": _cat(grouped["label"]),
        "count": grouped["count"].astype("int32"), "own": grouped["own"].astype(bool),
    })


def actor_types(mentions: pd.DataFrame, *, known_types: Mapping[str, str] | None = None) -> pd.DataFrame:
    """One type per actor: the label it is most often named with, DEMONYM mentions aside.

    Args:
        mentions: the mention table (``MENTION_COLUMNS``).
        known_types: canonical name → gazetteer type (PERSON, ORG, STATE, PLACE). Breaks
            ties, and types actors only ever met as a demonym ("Russian" with no "Russia").
            Without it such actors get the label seen, DEMONYM.

    Returns:
        ``ACTOR_TYPE_COLUMNS`` (strings), one row per actor, sorted by actor.
    """
    known = dict(known_types or {})
    named = _named(mentions)
    if named.empty:
        return pd.DataFrame({"actor": pd.Series(dtype=object), "type": pd.Series(dtype=object)})
    sizes = (named.assign(actor=named["actor"].astype(str), label=named["label"].astype(str))
             .groupby(["actor", "label"], sort=False).size().reset_index(name="count"))
    sizes["demonym"] = sizes["label"] == DEMONYM
    sizes["known"] = [known.get(a) == lab for a, lab in zip(sizes["actor"], sizes["label"], strict=False)]
    sizes["priority"] = sizes["label"].map(_TYPE_PRIORITY).fillna(len(_TYPE_PRIORITY))
    # Non-demonym labels first, then the most frequent, then the gazetteer's, then priority.
    sizes = sizes.sort_values(["actor", "demonym", "count", "known", "priority", "label"],
                              ascending=[True, True, False, False, True, True])
    best = sizes.drop_duplicates("actor")[["actor", "label", "demonym"]]
    types = [known.get(a, lab) if dem else lab for a, lab, dem in zip(best["actor"], best["label"], best["demonym"], strict=False)]
    return pd.DataFrame({"actor": best["actor"].to_numpy(dtype=object), "type": np.asarray(types, dtype=object)})


def cooccurrences(mentions: pd.DataFrame) -> pd.DataFrame:
    """In how many sentences of each document two actors are both named.

    Computed twice: ``with_demonyms`` False ignores DEMONYM mentions ("Russian troops"
    does not name Russia); True counts them as naming their state or bloc. An actor
    named twice in a sentence counts once; pairs are ordered ``actor_a < actor_b``.

    Args:
        mentions: the mention table (``MENTION_COLUMNS``).

    Returns:
        ``COOC_COLUMNS``: ``doc_id``, ``actor_a``, ``actor_b`` (categories), ``sentences``
        (int32), ``with_demonyms`` (bool).
    """
    named = _named(mentions)
    base = pd.DataFrame({"doc_id": named["doc_id"].astype(str).to_numpy(), "sent_id": named["sent_id"].to_numpy(),
                         "actor": named["actor"].astype(str).to_numpy(),
                         "demonym": (named["label"].astype(str) == DEMONYM).to_numpy()})
    parts = []
    for with_demonyms in (False, True):
        rows = base if with_demonyms else base[~base["demonym"]]
        rows = rows[["doc_id", "sent_id", "actor"]].drop_duplicates()
        pairs = rows.merge(rows, on=["doc_id", "sent_id"], suffixes=("_a", "_b"))
        pairs = pairs[pairs["actor_a"] < pairs["actor_b"]]
        grouped = pairs.groupby(["doc_id", "actor_a", "actor_b"], sort=True).size().reset_index(name="sentences")
        grouped["with_demonyms"] = with_demonyms
        parts.append(grouped)
    out = pd.concat(parts, ignore_index=True)
    return pd.DataFrame({
        "doc_id": _cat(out["doc_id"]), "actor_a": _cat(out["actor_a"]), "actor_b": _cat(out["actor_b"]),
        "sentences": out["sentences"].astype("int32"), "with_demonyms": out["with_demonyms"].astype(bool),
    })


# ================================================================ document statistics
def mattr(words: Iterable[str], window: int = MATTR_WINDOW) -> float:
    """Moving-average type-token ratio (Covington & McFall 2010).

    The mean, over every window of ``window`` consecutive words, of (distinct words in
    the window / window). Unlike the plain type-token ratio it does not fall just because
    a text is longer, so documents of different lengths compare. A text shorter than the
    window uses its own length as the window (= its plain type-token ratio).

    Args:
        words: the words in order, already normalised as they should be compared
            (doc_stats passes lower-cased words with straight apostrophes).
        window: window length in words.

    Returns:
        The MATTR in (0, 1], or NaN for no words.
    """
    codes, _ = pd.factorize(pd.Index(list(words), dtype=object))
    if len(codes) == 0:
        return float("nan")
    return float(_mattr_codes(np.zeros(len(codes), dtype=np.int64), codes.astype(np.int64), window)[0])


def _mattr_codes(doc: np.ndarray, codes: np.ndarray, window: int) -> np.ndarray:
    """MATTR of every document at once; ``doc`` codes 0..D-1 must be grouped and in order.

    Counting window by window is O(N·w). Instead each token counts for every window that
    contains it and in which it is the first of its type (its previous occurrence lies
    before the window's start); the sum over tokens is the sum of the windows' type counts.
    """
    n_docs = int(doc.max()) + 1
    length = np.bincount(doc, minlength=n_docs)
    offset = np.concatenate([[0], np.cumsum(length)[:-1]])
    pos = np.arange(len(doc)) - offset[doc]  # position inside the document
    w = np.minimum(window, length)
    # Previous position of the same type in the same document (-1 if none).
    key = doc * np.int64(codes.max() + 1) + codes
    order = np.argsort(key, kind="stable")
    prev = np.full(len(doc), -1, dtype=np.int64)
    same = key[order][1:] == key[order][:-1]
    prev[order[1:][same]] = pos[order[:-1][same]]
    w_t, n_t = w[doc], length[doc]
    first_start = np.maximum(np.maximum(pos - w_t + 1, prev + 1), 0)
    last_start = np.minimum(pos, n_t - w_t)
    contrib = np.clip(last_start - first_start + 1, 0, None)
    total = np.bincount(doc, weights=contrib, minlength=n_docs)
    windows = (length - w + 1).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(length > 0, total / (w * windows), np.nan)


def _sizes(table: pd.DataFrame) -> pd.Series:
    """Rows per doc_id (index: str ids)."""
    if table.empty:
        return pd.Series(dtype=np.int64)
    codes, names = _doc_codes(table["doc_id"])
    counts = np.bincount(codes, minlength=len(names))
    return pd.Series(counts, index=names)[counts > 0]


def doc_stats(sentences: pd.DataFrame, tokens: pd.DataFrame, *, words: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per-document size and lexical variety.

    Args:
        sentences: the sentence table (``SENTENCE_COLUMNS``).
        tokens: the token table (``TOKEN_COLUMNS``).
        words: :func:`word_table` of ``tokens`` when the caller has it already.

    Returns:
        ``DOC_STAT_COLUMNS``: ``doc_id`` (str), ``n_sentences`` and ``n_tokens`` (int32;
        tokens include punctuation — word counts for rates are ``documents.n_words``),
        ``mattr`` (float64, :func:`mattr` over the normal forms of the words, window 500 or
        the document's length; NaN without words). One row per document seen in either
        table, sorted by doc_id.
    """
    n_sent = _sizes(sentences)
    n_tok = _sizes(tokens)
    ids = sorted(set(n_sent.index) | set(n_tok.index))
    mattr_by_doc = pd.Series(np.nan, index=pd.Index(ids, dtype=object))
    if len(tokens):
        words = word_table(tokens) if words is None else words
        words = words[words["is_word"].to_numpy(dtype=bool)]
        if len(words):
            codes, _ = pd.factorize(words["norm"])
            # Words are grouped by document (word_table sorts them); renumber to 0..D-1 in run order.
            run_codes, run_docs = pd.factorize(words["doc_id"])
            values = _mattr_codes(run_codes.astype(np.int64), codes.astype(np.int64), MATTR_WINDOW)
            mattr_by_doc.loc[list(run_docs)] = values
    return pd.DataFrame({
        "doc_id": pd.Series(ids, dtype=object),
        "n_sentences": n_sent.reindex(ids, fill_value=0).to_numpy(dtype=np.int32),
        "n_tokens": n_tok.reindex(ids, fill_value=0).to_numpy(dtype=np.int32),
        "mattr": mattr_by_doc.to_numpy(dtype=float),
    })
