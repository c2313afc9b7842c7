"""Term statistics shared by every page: keyness, keyword in context.

Keyness follows the corpus-linguistics standard (Rayson & Garside 2000; Hardie 2014):

* **G²** (log-likelihood) for a term with frequency ``a`` in the target (``c`` words) and
  ``b`` in the reference (``d`` words): with expected values ``E1 = c(a+b)/(c+d)`` and
  ``E2 = d(a+b)/(c+d)``, ``G² = 2 (a ln(a/E1) + b ln(b/E2))`` (a zero term contributes 0).
  Under the null hypothesis G² follows χ² with one degree of freedom, so ``p = erfc(√(G²/2))``;
  3.84 ↔ p < 0.05, 6.63 ↔ 0.01, 10.83 ↔ 0.001, 15.13 ↔ 0.0001.
* **Log ratio** (effect size): ``log2((a/c) / (b/d))``, with 0.5 in place of a zero
  frequency so a term absent on one side gets a finite value. +1 = twice as frequent
  in the target, −1 = half as frequent.

Significance says a difference is unlikely to be chance; log ratio says how big it is.
Pages show both and let the user set the G² threshold.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lib.analysis.filters import dated_periods
from lib.analysis.rows import among
from lib.contracts import TERM_COUNT_COLUMNS
from lib.nlp.gazetteer import acronym_form
from lib.store.counts import word_table
from lib.store.term_index import TermIndex

KEYNESS_COLUMNS = ["term", "count_target", "count_reference", "per_1000_target", "per_1000_reference", "g2", "p",
                   "log_ratio", "direction"]
SIGNIFICANCE = {"p < 0.05": 3.84, "p < 0.01": 6.63, "p < 0.001": 10.83, "p < 0.0001": 15.13}


def g2(a: np.ndarray | float, b: np.ndarray | float, c: float, d: float) -> np.ndarray:
    """Log-likelihood G² for frequencies ``a`` (target of size ``c``) and ``b`` (reference of size ``d``)."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    total = c + d
    e1 = c * (a + b) / total
    e2 = d * (a + b) / total
    with np.errstate(divide="ignore", invalid="ignore"):
        t1 = np.where(a > 0, a * np.log(np.where(a > 0, a, 1) / np.where(e1 > 0, e1, 1)), 0.0)
        t2 = np.where(b > 0, b * np.log(np.where(b > 0, b, 1) / np.where(e2 > 0, e2, 1)), 0.0)
    return 2.0 * (t1 + t2)


def log_ratio(a: np.ndarray | float, b: np.ndarray | float, c: float, d: float) -> np.ndarray:
    """Hardie's log ratio: log2 of the ratio of relative frequencies, 0.5 for a zero count."""
    a = np.where(np.asarray(a, dtype=float) == 0, 0.5, a)
    b = np.where(np.asarray(b, dtype=float) == 0, 0.5, b)
    return np.log2((a / c) / (b / d))


def p_value(g2_values: np.ndarray) -> np.ndarray:
    """p for G² under χ² with 1 degree of freedom: erfc(sqrt(G²/2))."""
    return np.array([math.erfc(math.sqrt(max(v, 0.0) / 2.0)) for v in np.atleast_1d(g2_values)])


def keyness(target: pd.Series, reference: pd.Series, *, target_words: int, reference_words: int,
            min_count: int = 1) -> pd.DataFrame:
    """Keyness of every term in a target against a reference.

    Args:
        target: term → frequency in the target (a document, an organisation, side A).
        reference: term → frequency in the reference (the rest of the filtered corpus, side B).
        target_words, reference_words: sizes in words (``documents.n_words`` sums), the
            denominators of every rate.
        min_count: drop terms whose combined frequency is below this.

    Returns:
        One row per term (``KEYNESS_COLUMNS``), sorted by G² descending; ``direction`` is
        "target" where the term is relatively more frequent in the target, else "reference".
        Empty if either side has no words.
    """
    if target_words <= 0 or reference_words <= 0:
        return pd.DataFrame(columns=KEYNESS_COLUMNS)
    both = pd.concat([target.rename("a"), reference.rename("b")], axis=1).fillna(0)
    both = both[(both["a"] + both["b"]) >= max(min_count, 1)]
    if both.empty:
        return pd.DataFrame(columns=KEYNESS_COLUMNS)
    a, b = both["a"].to_numpy(float), both["b"].to_numpy(float)
    c, d = float(target_words), float(reference_words)
    scores = g2(a, b, c, d)
    out = pd.DataFrame({
        "term": both.index.astype(str),
        "count_target": a.astype(int),
        "count_reference": b.astype(int),
        "per_1000_target": a / c * 1000,
        "per_1000_reference": b / d * 1000,
        "g2": scores,
        "p": p_value(scores),
        "log_ratio": log_ratio(a, b, c, d),
    })
    out["direction"] = np.where(a / c >= b / d, "target", "reference")
    return out.sort_values(["g2", "term"], ascending=[False, True]).reset_index(drop=True)[KEYNESS_COLUMNS]


def normalise_term(term: str) -> str:
    """How a typed term is matched: each word's normal form (``lib.words.normal_form`` with the
    gazetteer's acronyms), spaces collapsed — "US" stays "US", "Secretary-General" becomes
    "secretary-general", curly apostrophes straight."""
    return " ".join(acronym_form(w) for w in str(term or "").split())


# ================================================================ term tables over the filter
# Every view below is a sum over per-document count rows (``lib.contracts.TERM_COUNT_COLUMNS``)
# of the filtered documents: no text is rescanned. Rates divide by ``documents.n_words``.

TERM_TABLE_COLUMNS = ["term", "count", "per_1000", "documents"]
TERM_ORG_COLUMNS = ["term", "org_short", "count", "words", "per_1000"]
TERM_DOC_COLUMNS = ["term", "doc_id", "org_short", "count", "words", "per_1000"]
DISTINCTIVE_COLUMNS = ["org_short", "org_documents", *KEYNESS_COLUMNS]
POSITION_COLUMNS = ["doc_id", "start", "position"]
OVER_TIME_COLUMNS = ["period", "org_short", "count", "words", "per_1000", "documents"]
MAX_EXTRA_STOP = 100


def select_term_counts(counts: pd.DataFrame | TermIndex, doc_ids: Iterable[str], term: str) -> pd.DataFrame:
    """The count rows of one term in some documents (stop words kept), as :func:`select_counts`.

    Args:
        counts: per-document term counts (``TERM_COUNT_COLUMNS``) of one unit and n, or their index.
        doc_ids: the filtered documents.
        term: the term (normalised with :func:`normalise_term`).

    Returns:
        The term's rows, as :func:`select_counts`.
    """
    return _index(counts).select(doc_ids, stop=True, term=normalise_term(term))


def describe_terms(unit: str, n: int) -> str:
    """What a term list holds, as a person says it: "single words", "two-word phrases",
    "lemmas (dictionary forms)", "three-word phrases of lemmas" (never "2-word words")."""
    if n <= 1:
        return "lemmas (dictionary forms)" if unit == "lemma" else "single words"
    size = {2: "two", 3: "three"}.get(n, str(n))
    return f"{size}-word phrases" + (" of lemmas" if unit == "lemma" else "")


def parse_stop_words(text: str | None) -> list[str]:
    """The user's extra stop words: comma- or space-separated, normalised like terms.

    Args:
        text: what was typed (or the URL value), e.g. ``"russia, ukraine’s"``.

    Returns:
        Distinct normalised words in the order given, at most ``MAX_EXTRA_STOP``.
    """
    out: list[str] = []
    for raw in (text or "").replace(",", " ").split():
        word = normalise_term(raw)
        if word and word not in out:
            out.append(word)
    return out[:MAX_EXTRA_STOP]


def select_counts(counts: pd.DataFrame | TermIndex, doc_ids: Iterable[str], *, stop: bool = False,
                  extra_stop: Iterable[str] = (), nums: bool = True) -> pd.DataFrame:
    """The count rows of some documents, with the stop-word settings applied.

    Args:
        counts: per-document term counts (``TERM_COUNT_COLUMNS``) of one unit and n, or their
            :class:`~lib.store.term_index.TermIndex` (``lib.web.cached.term_index``: no conversion per view).
        doc_ids: the filtered documents.
        stop: True keeps stop words; False drops rows whose first or last word is one
            (``stop_edge``), so "war in ukraine" stays and "of the" goes.
        extra_stop: more words to drop (normalised); a term goes if its first or last word
            is one of them, as with ``stop_edge``.
        nums: False drops terms whose first or last word is a number, date, month or weekday
            (``TermIndex.numeric_terms``; the Terms page's default, URL ``nums=1`` keeps them).

    Returns:
        One row per (document, term): ``doc_id`` and ``term`` as categoricals of the values
        present (millions of rows stay cheap), ``count`` int64. The functions below group
        with ``observed=True`` and turn keys into plain strings once grouped.
    """
    return _index(counts).select(doc_ids, stop=stop, extra_stop=extra_stop, nums=nums)


def _index(counts: pd.DataFrame | TermIndex) -> TermIndex:
    return counts if isinstance(counts, TermIndex) else TermIndex(counts)


def _plain(rows: pd.DataFrame) -> pd.DataFrame:
    """A few rows with ``doc_id`` and ``term`` as plain strings (for reindexing and sorting by name)."""
    return rows.assign(**{c: rows[c].astype(str) for c in ("doc_id", "term") if c in rows})


# The four tables below take either the rows of :func:`select_counts` or the slice's
# :class:`TermIndex` itself. Given the index they select ``documents`` with the settings
# ``stop``, ``extra_stop``, ``nums`` (as :func:`select_counts`; ignored for rows, which have them
# applied) and sum inside it (``TermIndex.term_stats``, ``TermIndex.group_sums``): only sums come
# out, where the rows were 28.7M for the single words of 100,000 documents (47 s and 4 GB for
# the Terms page). Both give the same table; each function ends in one code path for both.


def term_table(rows: pd.DataFrame | TermIndex, documents: pd.DataFrame, *, min_count: int = 1, stop: bool = False,
               extra_stop: Iterable[str] = (), nums: bool = True) -> pd.DataFrame:
    """Every term of the selection with its count, rate per 1,000 words and document count.

    Args:
        rows: :func:`select_counts` output, or the slice's index (see above).
        documents: the filtered documents (``n_words`` is the rate's denominator).
        min_count: drop terms counted fewer times than this.
        stop, extra_stop, nums: the settings of :func:`select_counts`, for an index.

    Returns:
        ``TERM_TABLE_COLUMNS``, most frequent first (ties alphabetical).
    """
    words = float(documents["n_words"].sum())
    if isinstance(rows, TermIndex):
        settings = {"stop": stop, "extra_stop": extra_stop, "nums": nums}
        out = rows.term_stats(documents["doc_id"], min_count=max(min_count, 1), **settings) if words > 0 else None
        # No term as frequent as min_count: the rows give a typed empty table if the selection has
        # terms at all, an untyped one if not; a second query (in this case only) tells which.
        if out is not None and out.empty and (min_count <= 1 or rows.term_stats(documents["doc_id"], **settings).empty):
            out = None
    elif len(rows) and words > 0:
        # One row per (document, term) (select_counts), so a term's row count is its document count.
        out = rows.groupby("term", sort=False, observed=True).agg(count=("count", "sum"), documents=("doc_id", "size"))
        out = out.reset_index()
    else:
        out = None
    if out is None:
        return pd.DataFrame(columns=TERM_TABLE_COLUMNS)
    out = out[out["count"] >= max(min_count, 1)]
    out["term"] = out["term"].astype(str)  # sorted by name below, not by category code
    out["per_1000"] = out["count"] / words * 1000
    return out.sort_values(["count", "term"], ascending=[False, True]).reset_index(drop=True)[TERM_TABLE_COLUMNS]


def _summed(sums: pd.DataFrame, names: list[str]) -> pd.Series:
    """``TermIndex.group_sums`` output as the row versions group it: counts indexed by (term, group)."""
    return pd.Series(sums["count"].to_numpy(dtype=np.int64), name="count",
                     index=pd.MultiIndex.from_arrays([sums["term"].to_numpy(dtype=object),
                                                      sums["group"].to_numpy(dtype=object)], names=names))


def _org_of(documents: pd.DataFrame) -> dict:
    """doc_id → org_short, documents without an organisation left out (as grouping by it leaves them out)."""
    known = documents[documents["org_short"].notna()]
    return dict(zip(known["doc_id"], known["org_short"], strict=False))


def _org_words(documents: pd.DataFrame) -> pd.Series:
    return documents.groupby("org_short")["n_words"].sum()


def terms_by_org(rows: pd.DataFrame | TermIndex, documents: pd.DataFrame, terms: Sequence[str], *, stop: bool = False,
                 extra_stop: Iterable[str] = (), nums: bool = True) -> pd.DataFrame:
    """Counts and rates of some terms in each organisation of the selection.

    Args:
        rows: :func:`select_counts` output, or the slice's index (see above :func:`term_table`).
        documents: the filtered documents.
        terms: the terms to show (e.g. the top of :func:`term_table`).
        stop, extra_stop, nums: the settings of :func:`select_counts`, for an index.

    Returns:
        ``TERM_ORG_COLUMNS``: one row per (term, organisation), zeros included, terms in
        the order given; ``per_1000`` divides by the organisation's words.
    """
    orgs = _org_words(documents)
    if not len(terms) or orgs.empty:
        return pd.DataFrame(columns=TERM_ORG_COLUMNS)
    org_of = _org_of(documents)
    if isinstance(rows, TermIndex):
        counted = _summed(rows.group_sums(org_of, terms=terms, stop=stop, extra_stop=extra_stop, nums=nums),
                          ["term", "org_short"])
    else:
        part = rows[among(rows["term"], terms)]
        # Grouped on the categoricals (a top term is in most documents: 100,000s of rows at 10,000
        # documents); only the grouped result becomes plain strings, for the reindex below.
        counted = pd.DataFrame({"term": part["term"], "org_short": part["doc_id"].map(org_of),
                                "count": part["count"]}).groupby(["term", "org_short"], observed=True)["count"].sum()
        counted.index = pd.MultiIndex.from_arrays([counted.index.get_level_values(0).astype(str),
                                                   counted.index.get_level_values(1).astype(str)],
                                                  names=["term", "org_short"])
    index = pd.MultiIndex.from_product([list(terms), list(orgs.index)], names=["term", "org_short"])
    out = counted.reindex(index, fill_value=0).reset_index()
    out["words"] = out["org_short"].map(orgs).astype(int)
    out["per_1000"] = np.where(out["words"] > 0, out["count"] / out["words"].clip(lower=1) * 1000, 0.0)
    out["count"] = out["count"].astype(int)
    return out[TERM_ORG_COLUMNS]


def top_terms_per_org(rows: pd.DataFrame | TermIndex, documents: pd.DataFrame, *, top: int = 15, min_count: int = 1,
                      rate: bool = False, stop: bool = False, extra_stop: Iterable[str] = (),
                      nums: bool = True) -> pd.DataFrame:
    """Each organisation's own most frequent terms (for its word cloud and list).

    Args:
        rows: :func:`select_counts` output, or the slice's index (see above :func:`term_table`).
        stop, extra_stop, nums: the settings of :func:`select_counts`, for an index.

    Returns:
        ``TERM_ORG_COLUMNS`` with at most ``top`` rows per organisation, highest first.
    """
    orgs = _org_words(documents)
    if orgs.empty or (not isinstance(rows, TermIndex) and rows.empty):
        return pd.DataFrame(columns=TERM_ORG_COLUMNS)
    org_of = _org_of(documents)
    if isinstance(rows, TermIndex):
        # The index keeps each organisation's top terms by count (every term of every organisation
        # stays inside it); ordering by rate instead picks the same ones, the organisation's words
        # being one divisor for all its terms.
        settings = {"stop": stop, "extra_stop": extra_stop, "nums": nums}
        sums = rows.group_sums(org_of, min_count=max(min_count, 1), top=max(top, 1), **settings)
        # None as frequent as min_count: typed empty if the selection has terms at all, as the rows
        # give it; untyped if not (a second query, in this case only, tells which).
        if sums.empty and (min_count <= 1 or rows.group_sums(org_of, top=1, **settings).empty):
            return pd.DataFrame(columns=TERM_ORG_COLUMNS)
        out = pd.DataFrame({"org_short": sums["group"], "term": sums["term"], "count": sums["count"]})
    else:
        out = (rows.assign(org_short=rows["doc_id"].map(org_of))
               .groupby(["org_short", "term"], as_index=False, observed=True)["count"].sum())
    out = out[out["count"] >= max(min_count, 1)]
    out = out.assign(org_short=out["org_short"].astype(str), term=out["term"].astype(str))  # ties sort by name
    out["words"] = out["org_short"].map(orgs).astype(int)
    out["per_1000"] = out["count"] / out["words"].clip(lower=1) * 1000
    key = "per_1000" if rate else "count"
    out = out.sort_values(["org_short", key, "term"], ascending=[True, False, True])
    return out.groupby("org_short", sort=True).head(top).reset_index(drop=True)[TERM_ORG_COLUMNS]


def term_doc_matrix(rows: pd.DataFrame | TermIndex, documents: pd.DataFrame, terms: Sequence[str], *,
                    stop: bool = False, extra_stop: Iterable[str] = (), nums: bool = True) -> pd.DataFrame:
    """Counts and rates of some terms in each filtered document (zeros included).

    Args:
        rows: :func:`select_counts` output, or the slice's index (see above :func:`term_table`).
        stop, extra_stop, nums: the settings of :func:`select_counts`, for an index.

    Returns:
        ``TERM_DOC_COLUMNS`` in the order (terms as given, documents by organisation then id).
    """
    if not len(terms) or documents.empty:
        return pd.DataFrame(columns=TERM_DOC_COLUMNS)
    docs = documents.sort_values(["org_short", "doc_id"])
    if isinstance(rows, TermIndex):  # each document its own group
        part = _summed(rows.group_sums({d: d for d in docs["doc_id"]}, terms=terms, stop=stop, extra_stop=extra_stop,
                                       nums=nums), ["term", "doc_id"])
    else:
        part = _plain(rows[among(rows["term"], terms)]).groupby(["term", "doc_id"])["count"].sum()
    index = pd.MultiIndex.from_product([list(terms), list(docs["doc_id"])], names=["term", "doc_id"])
    out = part.reindex(index, fill_value=0).reset_index()
    out["org_short"] = out["doc_id"].map(dict(zip(docs["doc_id"], docs["org_short"], strict=False)))
    out["words"] = out["doc_id"].map(dict(zip(docs["doc_id"], docs["n_words"], strict=False))).astype(int)
    out["per_1000"] = out["count"] / out["words"].clip(lower=1) * 1000
    out["count"] = out["count"].astype(int)
    return out[TERM_DOC_COLUMNS]


def distinctive_terms(rows: pd.DataFrame, documents: pd.DataFrame, *, threshold: float = 3.84,
                      min_count: int = 1) -> pd.DataFrame:
    """Each organisation's distinctive terms against the rest of the filtered documents.

    Keyness (:func:`keyness`: G² with log ratio) of every term in one organisation's
    documents (target) against all other filtered documents (reference), both directions:
    ``direction`` "target" = used relatively more by the organisation (over-used),
    "reference" = relatively less (under-used).

    Args:
        rows: :func:`select_counts` output.
        documents: the filtered documents (at least two organisations are needed).
        threshold: keep terms with G² at or above this (see ``SIGNIFICANCE``).
        min_count: drop terms whose combined count is below this.

    Returns:
        ``DISTINCTIVE_COLUMNS`` (``org_documents`` = how many documents the organisation
        has in the selection), organisations in alphabetical order, strongest G² first.
    """
    orgs = _org_words(documents)
    if rows.empty or len(orgs) < 2:
        return pd.DataFrame(columns=DISTINCTIVE_COLUMNS)
    org_of = dict(zip(documents["doc_id"], documents["org_short"], strict=False))
    n_docs = documents.groupby("org_short")["doc_id"].size()
    per_org = (rows.assign(org_short=rows["doc_id"].map(org_of))
               .groupby(["org_short", "term"], observed=True)["count"].sum())
    per_org.index = pd.MultiIndex.from_arrays([per_org.index.get_level_values(i).astype(str) for i in (0, 1)],
                                              names=["org_short", "term"])  # plain names from here on
    totals = per_org.groupby(level="term").sum()
    total_words = int(orgs.sum())
    parts = []
    for org in orgs.index:
        target = per_org.xs(org, level="org_short") if org in per_org.index.get_level_values(0) else pd.Series(
            dtype=float)
        reference = totals.sub(target, fill_value=0)
        reference = reference[reference > 0]
        table = keyness(target, reference, target_words=int(orgs[org]), reference_words=total_words - int(orgs[org]),
                        min_count=min_count)
        table = table[table["g2"] >= threshold]
        table.insert(0, "org_documents", int(n_docs.get(org, 0)))
        table.insert(0, "org_short", org)
        parts.append(table)
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame(columns=DISTINCTIVE_COLUMNS)
    return pd.concat(parts, ignore_index=True)[DISTINCTIVE_COLUMNS]


def term_rows(rows: pd.DataFrame, documents: pd.DataFrame, term: str) -> pd.DataFrame:
    """One term's count and rate in each filtered document that uses it.

    Returns:
        ``TERM_DOC_COLUMNS`` (only documents with the term), most frequent first.
    """
    wanted = normalise_term(term)
    part = rows[rows["term"] == wanted]
    if part.empty:
        return pd.DataFrame(columns=TERM_DOC_COLUMNS)
    out = term_doc_matrix(part, documents[documents["doc_id"].isin(set(part["doc_id"]))], [wanted])
    return out.sort_values(["count", "doc_id"], ascending=[False, True]).reset_index(drop=True)


def term_over_time(rows: pd.DataFrame, documents: pd.DataFrame, term: str, *, freq: str = "year") -> pd.DataFrame:
    """Use of a term per period and organisation, over the dated filtered documents.

    A document dated only to a year is left out of the month view (its month is unknown).

    Args:
        rows: :func:`select_counts` output (or any rows with doc_id, term, count).
        documents: the filtered documents (``date``, ``date_precision``, ``n_words``).
        term: the term (normalised with :func:`normalise_term`).
        freq: "year" or "month".

    Returns:
        ``OVER_TIME_COLUMNS``; ``words`` = words of that organisation's documents in the
        period (so a period with documents but no use shows 0), sorted by period.
    """
    dated, periods = dated_periods(documents, freq=freq)
    if dated.empty:
        return pd.DataFrame(columns=OVER_TIME_COLUMNS)
    wanted = normalise_term(term)
    used = _plain(rows[rows["term"] == wanted]).groupby("doc_id")["count"].sum()
    frame = pd.DataFrame({"period": periods.to_numpy(), "org_short": dated["org_short"].to_numpy(),
                          "words": dated["n_words"].to_numpy(), "count": dated["doc_id"].map(used).fillna(0).to_numpy()})
    out = frame.groupby(["period", "org_short"], as_index=False).agg(count=("count", "sum"), words=("words", "sum"),
                                                                     documents=("words", "size"))
    out["per_1000"] = out["count"] / out["words"].clip(lower=1) * 1000
    out["count"] = out["count"].astype(int)
    return out.sort_values(["period", "org_short"]).reset_index(drop=True)[OVER_TIME_COLUMNS]


def similar_terms(term: str, vocabulary: Iterable[str], *, limit: int = 5) -> list[str]:
    """Known terms spelled like ``term`` (for "did you mean"), closest first."""
    return difflib.get_close_matches(normalise_term(term), list(vocabulary), n=limit, cutoff=0.75)


# ================================================================ token-level views (a term's page)
def _word_stream(tokens: pd.DataFrame, unit: str) -> pd.DataFrame:
    """Words in order (the words layer, :func:`lib.store.counts.word_table`) with their normal form
    or lemma as ``value``; ``i`` is the word's row in the layer, so consecutive words with only
    spaces between them have consecutive ``i`` (punctuation leaves a gap)."""
    words = word_table(tokens)
    words = words.assign(i=np.arange(len(words), dtype=np.int64))[words["is_word"].to_numpy(dtype=bool)]
    return pd.DataFrame({"doc_id": words["doc_id"].astype(str).to_numpy(), "sent_id": words["sent_id"].to_numpy(),
                         "i": words["i"].to_numpy(), "value": words["norm" if unit == "word" else "lemma"].to_numpy(),
                         "is_stop": words["is_stop"].to_numpy(dtype=bool)})


def _run_starts(values: np.ndarray, docs: np.ndarray, sents: np.ndarray, idx: np.ndarray,
                wanted: list[str]) -> list[int]:
    """Positions where the words of ``wanted`` start, consecutive words of one sentence."""
    n = len(wanted)
    m = len(values) - n + 1
    if m <= 0:
        return []
    ok = values[:m] == wanted[0]
    for j in range(1, n):
        ok &= values[j:j + m] == wanted[j]
        ok &= (docs[j:j + m] == docs[:m]) & (sents[j:j + m] == sents[:m]) & (idx[j:j + m] == idx[:m] + j)
    return np.flatnonzero(ok).tolist()


def _matches(stream: pd.DataFrame, wanted: list[str]) -> list[int]:
    """Indexes (into ``stream``) where the n words of ``wanted`` start, consecutive in one sentence."""
    return _run_starts(stream["value"].to_numpy(dtype=object), stream["doc_id"].to_numpy(dtype=object),
                       stream["sent_id"].to_numpy(), stream["i"].to_numpy(), wanted)


KWIC_MAX_LINES = 200
KWIC_MAX_DOCS = 100


def sample_documents(per_doc: pd.DataFrame, *, max_lines: int = KWIC_MAX_LINES,
                     max_docs: int = KWIC_MAX_DOCS) -> list[str]:
    """The documents whose tokens a term's view reads: those that use it most.

    Documents are taken most uses first (ties by doc_id) until their uses fill ``max_lines``
    lines, and never more than ``max_docs`` documents, so a common term does not load the
    tokens of every document that uses it.

    Args:
        per_doc: :func:`term_rows` output (doc_id, count), one row per document using the term.
        max_lines: stop once the chosen documents hold at least this many uses.
        max_docs: at most this many documents.

    Returns:
        doc_ids, most uses first.
    """
    if per_doc.empty:
        return []
    ordered = per_doc.sort_values(["count", "doc_id"], ascending=[False, True])
    counts = ordered["count"].to_numpy(dtype=np.int64)
    filled = np.cumsum(counts) >= max_lines
    take = int(np.argmax(filled)) + 1 if filled.any() else len(ordered)
    return [str(d) for d in ordered["doc_id"].head(min(take, max_docs))]


def term_positions(lines: pd.DataFrame, lengths: Mapping[str, int]) -> pd.DataFrame:
    """Where each occurrence falls in its document, as a fraction of the text (0 = start, 1 = end).

    Args:
        lines: concordance lines (``lib.analysis.query.lines_for``: ``doc_id``, ``start``).
        lengths: doc_id → length of the cleaned text in characters.

    Returns:
        ``POSITION_COLUMNS``.
    """
    if lines.empty:
        return pd.DataFrame(columns=POSITION_COLUMNS)
    size = lines["doc_id"].map(lambda d: max(int(lengths.get(d, 0)), 1))
    return pd.DataFrame({"doc_id": lines["doc_id"].to_numpy(), "start": lines["start"].to_numpy(),
                         "position": (lines["start"] / size).clip(0, 1).to_numpy()})


_CLITIC = re.compile(r"(?<=\w)('s|'re|'ve|'ll|'d|'m)(?=\s|$)")


def term_forms(term: str) -> list[str]:
    """The ways a typed term can appear in the count tables, most literal first.

    The tokenizer splits clitics off at their apostrophe ("Imperialism’s" → "imperialism 's"),
    so a term typed with one is also looked up in that split form ("don't" stays one word:
    the words layer joins "do" + "n't"). Curly and straight apostrophes alike
    (:func:`normalise_term`).
    """
    first = normalise_term(term)
    split = normalise_term(_CLITIC.sub(r" \1", first))
    return list(dict.fromkeys(f for f in (first, split) if f))


@dataclass(frozen=True)
class TermLookup:
    """What a typed term found: the form counted, its rows per document, or suggestions."""

    term: str  # the form found (or the normalised term when nothing was found)
    rows: pd.DataFrame  # :func:`select_term_counts` of the form (what the term's charts sum)
    per_doc: pd.DataFrame  # :func:`term_rows` of the form; empty when not found
    suggestions: list[str]  # close spellings in the selection ("did you mean"), when not found


def lookup_term(term: str, documents: pd.DataFrame, index_for: Callable[[int], TermIndex]) -> TermLookup:
    """Find a typed term in some documents, as the count tables hold it.

    The term's own view keeps stop words (asking for "the" must find "the"); a typed
    "Imperialism’s" is also looked for as the tokenizer split it, "imperialism 's"
    (:func:`term_forms`). Nothing found: up to five close spellings of the selection's terms.

    Args:
        term: as typed (at most three words once normalised).
        documents: the selection (``doc_id``, ``org_short``, ``n_words``).
        index_for: n → the :class:`TermIndex` of the unit wanted and n-gram length n.
    """
    doc_ids = list(documents["doc_id"])
    term = normalise_term(term)
    rows, per_doc = pd.DataFrame(columns=TERM_COUNT_COLUMNS), pd.DataFrame(columns=TERM_DOC_COLUMNS)
    for form in term_forms(term):
        n = len(form.split(" "))
        if n > 3:
            continue
        rows = select_term_counts(index_for(n), doc_ids, form)
        per_doc = term_rows(rows, documents, form)
        if not per_doc.empty:
            return TermLookup(form, rows, per_doc, [])
    vocab = term_table(index_for(min(len(term.split(" ")), 3)), documents, stop=True)["term"].head(20_000)
    return TermLookup(term, rows, per_doc, similar_terms(term, vocab))
