"""One slice of the per-document term counts held as integer codes: fast sums and selections.

A slice (one unit and n-gram length) of a 10,000-document corpus has millions of
(document, term) rows. Converting them to Python strings, or matching doc_ids as strings,
on every view cost seconds and hundreds of MB. Here every row is three int32 codes and a
flag, sorted by document; a selection of documents is a boolean lookup per row, a sum is
``np.bincount``, and strings are made only for what a view returns (its rows as
categoricals, or one total per distinct term).

Pure (no Streamlit); ``lib/web/cached.py`` keeps one index per slice in memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from lib.contracts import TERM_COUNT_COLUMNS, UNITS
from lib.words import is_numeric_word

SELECT_COLUMNS = ["doc_id", "term", "count"]
STATS_COLUMNS = ["term", "count", "documents"]  # TermIndex.term_stats
GROUP_COLUMNS = ["group", "term", "count"]  # TermIndex.group_sums


class TermIndex:
    """The rows of one term-count slice (``lib.contracts.TERM_COUNT_COLUMNS``) as codes.

    Invariant used throughout: a slice has at most one row per (document, term) — the
    counts are per document — so the number of rows of a term in a selection is the number
    of documents using it.
    """

    def __init__(self, frame: pd.DataFrame, *, unit: str | None = None, n: int | None = None) -> None:
        # The slice's unit and n (for frame()): given, else read from the rows.
        self.unit = unit if unit is not None else (str(frame["unit"].iloc[0]) if len(frame) and "unit" in frame
                                                   else "word")
        self.n = int(n if n is not None else (frame["n"].iloc[0] if len(frame) and "n" in frame else 1))
        doc = frame["doc_id"].astype("category")
        term = frame["term"].astype("category")
        doc_codes = doc.cat.codes.to_numpy().astype(np.int32)
        order = None if _is_sorted(doc_codes) else np.argsort(doc_codes, kind="stable")
        take = (lambda a: a) if order is None else (lambda a: a[order])
        self.doc_names = pd.Index(doc.cat.categories.astype(str), dtype=object)
        self.term_names = pd.Index(term.cat.categories.astype(str), dtype=object)
        self.doc = take(doc_codes)
        self.term = take(term.cat.codes.to_numpy().astype(np.int32))
        self.count = take(frame["count"].to_numpy(dtype=np.int32))
        self.stop_edge = take(frame["stop_edge"].to_numpy(dtype=bool)) if "stop_edge" in frame else \
            np.zeros(len(frame), dtype=bool)
        self._numeric: np.ndarray | None = None
        self._rank: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.doc)

    @property
    def nbytes(self) -> int:
        """Memory held by the row arrays (the name indexes are small beside them)."""
        return int(self.doc.nbytes + self.term.nbytes + self.count.nbytes + self.stop_edge.nbytes)

    # ------------------------------------------------------------ row masks
    def _docs_selected(self, doc_ids: Iterable[str]) -> np.ndarray:
        wanted = np.zeros(len(self.doc_names), dtype=bool)
        codes = self.doc_names.get_indexer(pd.Index(list(map(str, doc_ids)), dtype=object).unique())
        wanted[codes[codes >= 0]] = True
        return wanted

    def _terms_dropped(self, extra_stop: Iterable[str]) -> np.ndarray | None:
        """Terms whose first or last word is one of ``extra_stop`` (as ``stop_edge`` does for stop words)."""
        extra = set(extra_stop)
        if not extra:
            return None
        words = self.term_names.str.split(" ")
        return np.asarray(words.str[0].isin(extra) | words.str[-1].isin(extra), dtype=bool)

    def numeric_terms(self) -> np.ndarray:
        """Per term name: its first or last word is a number, date, month or weekday
        (:func:`lib.words.is_numeric_word`). Computed once per index (the index is shared)."""
        if self._numeric is None:
            self._numeric = numeric_flags(self.term_names)
        return self._numeric

    def mask(self, doc_ids: Iterable[str] | None, *, stop: bool = True, extra_stop: Iterable[str] = (),
             term: str | None = None, nums: bool = True) -> np.ndarray:
        """Which rows belong to these documents and pass the settings.

        Args:
            doc_ids: the documents (unknown ids select nothing); None = every document.
            stop: False drops rows whose ``stop_edge`` is set (a stop word first or last).
            extra_stop: also drop terms whose first or last word is one of these.
            term: only this term's rows.
            nums: False drops terms whose first or last word is a number, date or month
                (:meth:`numeric_terms`).
        """
        rows = np.ones(len(self.doc), dtype=bool) if doc_ids is None else self._docs_selected(doc_ids)[self.doc]
        if not stop:
            rows &= ~self.stop_edge
        if not nums:
            rows &= ~self.numeric_terms()[self.term]
        dropped = self._terms_dropped(extra_stop)
        if dropped is not None:
            rows &= ~dropped[self.term]
        if term is not None:
            code = self.term_names.get_indexer([term])[0]
            rows &= self.term == code if code >= 0 else False
        return rows

    # ------------------------------------------------------------ results
    def select(self, doc_ids: Iterable[str], *, stop: bool = False, extra_stop: Iterable[str] = (),
               term: str | None = None, nums: bool = True) -> pd.DataFrame:
        """The rows of some documents with the stop-word settings applied (``lib.analysis.terms.select_counts``).

        Returns:
            ``doc_id``, ``term`` (categoricals holding only the values present), ``count``
            (int64), in document order.
        """
        rows = self.mask(doc_ids, stop=stop, extra_stop=extra_stop, term=term, nums=nums)
        return pd.DataFrame({
            "doc_id": _categorical(self.doc[rows], self.doc_names),
            "term": _categorical(self.term[rows], self.term_names),
            "count": self.count[rows].astype(np.int64),
        }, columns=SELECT_COLUMNS)

    def frame(self, doc_ids: Iterable[str] | None, *, stop: bool = True) -> pd.DataFrame:
        """The rows of some documents as the count tables hold them (``lib.contracts.TERM_COUNT_COLUMNS``).

        ``stop``: False leaves out ``stop_edge`` rows. ``doc_id``, ``unit``, ``term``
        categorical; ``n`` int8; ``count`` int32; ``stop_edge`` bool.
        """
        rows = self.mask(doc_ids, stop=stop)
        size = int(rows.sum())
        return pd.DataFrame({
            "doc_id": _categorical(self.doc[rows], self.doc_names),
            "unit": pd.Categorical([self.unit] * size, categories=list(UNITS)),
            "n": np.full(size, self.n, dtype=np.int8),
            "term": _categorical(self.term[rows], self.term_names),
            "count": self.count[rows],
            "stop_edge": self.stop_edge[rows],
        }, columns=TERM_COUNT_COLUMNS)

    def totals(self, doc_ids: Iterable[str], *, stop: bool = True, extra_stop: Iterable[str] = (),
               nums: bool = True) -> pd.Series:
        """Term → count summed over these documents (``stop``: False leaves out ``stop_edge`` rows;
        ``extra_stop`` and ``nums`` as in :meth:`mask`).

        Returns:
            int64 Series named "count", indexed by term (sorted); terms with no use left out.
        """
        rows = self.mask(doc_ids, stop=stop, extra_stop=extra_stop, nums=nums)
        sums = np.bincount(self.term[rows], weights=self.count[rows], minlength=len(self.term_names))
        used = np.flatnonzero(sums)
        out = pd.Series(sums[used].astype(np.int64), index=self.term_names[used], name="count")
        out.index.name = "term"
        return out.sort_index()

    def term_stats(self, doc_ids: Iterable[str] | None, *, stop: bool = True, extra_stop: Iterable[str] = (),
                   nums: bool = True, min_count: int = 1) -> pd.DataFrame:
        """Per term of a selection: its summed count and the number of documents using it.

        What a term list needs, without handing the selection's rows out (28.7M of them for the
        single words of 100,000 documents). Settings as in :meth:`mask`; ``min_count`` leaves
        out terms summing to less (most three-word phrases occur once: 5.2M distinct ones at
        100,000 documents, 0.7M used twice or more).

        Returns:
            ``term`` (str), ``count`` (int64 sum), ``documents`` (int64: rows, one per document
            using the term, see the class invariant), one row per term with a row in the
            selection, sorted by term.
        """
        rows = self.mask(doc_ids, stop=stop, extra_stop=extra_stop, nums=nums)
        codes = self.term[rows]
        width = len(self.term_names)
        sums = np.bincount(codes, weights=self.count[rows], minlength=width)
        docs = np.bincount(codes, minlength=width)
        used = np.flatnonzero((docs > 0) & (sums >= min_count))
        used = used[np.argsort(self._term_rank()[used], kind="stable")]
        return pd.DataFrame({"term": self.term_names[used].to_numpy(dtype=object),
                             "count": sums[used].astype(np.int64), "documents": docs[used].astype(np.int64)},
                            columns=STATS_COLUMNS)

    def group_sums(self, group_of: Mapping[str, str], *, terms: Iterable[str] | None = None, stop: bool = True,
                   extra_stop: Iterable[str] = (), nums: bool = True, min_count: int = 1,
                   top: int | None = None) -> pd.DataFrame:
        """Counts summed per (group, term), over the documents of a document → group mapping.

        A group is what the caller makes it: an organisation (``{doc_id: org}``) or each document
        itself (``{doc_id: doc_id}``). Only the sums come back, never the rows.

        Args:
            group_of: doc_id → group name; the selection is its documents (unknown ids select nothing).
            terms: only these terms; None = every term.
            stop, extra_stop, nums: the settings of :meth:`mask`.
            min_count: leave out sums below this.
            top: keep only each group's ``top`` highest sums (ties: the term first in
                alphabetical order); None = all.

        Returns:
            ``group``, ``term`` (str), ``count`` (int64), one row per (group, term) with a row in
            the selection, sorted by group, then count descending, then term.
        """
        keys = pd.Index(list(map(str, group_of.keys())), dtype=object)
        codes, names = pd.factorize(pd.Index(list(map(str, group_of.values())), dtype=object), sort=True)
        owner = np.full(len(self.doc_names), -1, dtype=np.int64)
        at = self.doc_names.get_indexer(keys)
        owner[at[at >= 0]] = codes[at >= 0]
        rows = self.mask(None, stop=stop, extra_stop=extra_stop, nums=nums)
        rows &= owner[self.doc] >= 0
        if terms is not None:
            rows &= self._terms_wanted(terms)[self.term]
        width = max(len(self.term_names), 1)
        # One key per (group, term), hashed (not sorted: millions of rows) and summed per key.
        key_codes, key_values = pd.factorize(owner[self.doc[rows]] * width + self.term[rows])
        sums = np.bincount(key_codes, weights=self.count[rows], minlength=len(key_values)).astype(np.int64)
        key_values = np.asarray(key_values, dtype=np.int64)
        enough = sums >= min_count
        group, term, sums = key_values[enough] // width, key_values[enough] % width, sums[enough]
        order = np.lexsort((self._term_rank()[term], -sums, group))  # group names are coded in sorted order
        group, term, sums = group[order], term[order], sums[order]
        if top is not None:  # each row's place in its group, kept if under top
            starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
            place = np.arange(len(group)) - np.repeat(starts, np.diff(np.r_[starts, len(group)]))
            keep = place < top
            group, term, sums = group[keep], term[keep], sums[keep]
        return pd.DataFrame({"group": np.asarray(names, dtype=object)[group],
                             "term": self.term_names[term].to_numpy(dtype=object), "count": sums},
                            columns=GROUP_COLUMNS)

    def _term_rank(self) -> np.ndarray:
        """Per term code, its place in the alphabetical order of the names (``term_names`` is in
        the order the slice met them). Computed once per index (the index is shared)."""
        if self._rank is None:
            rank = np.empty(len(self.term_names), dtype=np.int64)
            rank[np.argsort(self.term_names.to_numpy(dtype=object), kind="stable")] = np.arange(len(self.term_names))
            self._rank = rank
        return self._rank

    def doc_sums(self, doc_ids: Iterable[str] | None, terms: Iterable[str]) -> pd.Series:
        """Per document, the summed counts of these terms (stop words kept): int64 Series indexed by
        doc_id, documents without any left out. What the concordance counts its matches with."""
        rows = self.mask(doc_ids) & self._terms_wanted(terms)[self.term]
        sums = np.bincount(self.doc[rows], weights=self.count[rows], minlength=len(self.doc_names))
        used = np.flatnonzero(sums)
        return pd.Series(sums[used].astype(np.int64), index=self.doc_names[used])

    def docs_using(self, doc_ids: Iterable[str] | None, terms: Iterable[str]) -> set[str]:
        """The documents (among ``doc_ids``; None = all) with a row of one of these terms."""
        rows = self.mask(doc_ids) & self._terms_wanted(terms)[self.term]
        return set(self.doc_names[np.unique(self.doc[rows])])

    def _terms_wanted(self, terms: Iterable[str]) -> np.ndarray:
        wanted = np.zeros(len(self.term_names), dtype=bool)
        codes = self.term_names.get_indexer(pd.Index(list(map(str, terms)), dtype=object).unique())
        wanted[codes[codes >= 0]] = True
        return wanted

    def profiles(self, groups: Mapping[str, Sequence[str]], *, stop: bool = False) -> np.ndarray:
        """Each group's summed term counts: a (groups × terms) float matrix, rows in ``groups`` order.

        A document in two groups counts in the first only (the groups of the app never overlap).
        """
        owner = np.full(len(self.doc_names), -1, dtype=np.int64)
        for g, ids in reversed(list(enumerate(groups.values()))):
            codes = self.doc_names.get_indexer(pd.Index(list(map(str, ids)), dtype=object))
            owner[codes[codes >= 0]] = g
        group_of_row = owner[self.doc]
        rows = group_of_row >= 0
        if not stop:
            rows &= ~self.stop_edge
        width = len(self.term_names)
        flat = np.bincount(group_of_row[rows] * width + self.term[rows], weights=self.count[rows],
                           minlength=len(groups) * width)
        return flat.reshape(len(groups), width)


def numeric_flags(terms: Iterable[str]) -> np.ndarray:
    """Per term: its first or last word is a number, date, month or weekday (:func:`lib.words.is_numeric_word`,
    tested once per distinct word)."""
    names = [str(t) for t in terms]
    if not names:
        return np.zeros(0, dtype=bool)
    # Plain str methods, not pandas' .str (three times faster on the 150,000 terms of a term list).
    ends = np.array([t.partition(" ")[0] for t in names] + [t.rpartition(" ")[2] for t in names], dtype=object)
    codes, uniques = pd.factorize(ends, use_na_sentinel=False)
    flags = np.fromiter((is_numeric_word(str(u)) for u in uniques), dtype=bool, count=len(uniques))[codes]
    return flags[:len(names)] | flags[len(names):]


def _is_sorted(codes: np.ndarray) -> bool:
    return bool(len(codes) < 2 or (codes[1:] >= codes[:-1]).all())


def _categorical(codes: np.ndarray, names: pd.Index) -> pd.Categorical:
    # Only the values present: a grouping then never meets the (possibly 100,000) unused ones.
    # What np.unique(codes, return_inverse=True) gives, by a lookup table instead of a sort
    # (millions of rows at 10,000 documents).
    present = np.zeros(len(names), dtype=bool)
    present[codes] = True
    used = np.flatnonzero(present)
    renumber = np.zeros(len(names), dtype=np.int32)
    renumber[used] = np.arange(len(used), dtype=np.int32)
    return pd.Categorical.from_codes(renumber[codes], categories=names[used])
