"""Comparing documents: similarity of term profiles, what differs, what is shared.

* **Similarity** is the cosine of two documents' word-unigram count vectors with stop
  words left out (``stop_edge`` rows dropped): 1 = the same words in the same
  proportions, 0 = no content word in common. It measures shared vocabulary, not shared
  opinions: two texts can use the same words to say opposite things.
* **Differences** use the one keyness implementation (:func:`lib.analysis.terms.keyness`), A as
  target and B as reference.
* **Shared** phrases are 2–3-word n-grams both documents use; actors are split into
  named by both / only A / only B, with rates per 1,000 words (``documents.n_words``).

Pure functions, tables in and tables out; no Streamlit.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from lib.analysis.rows import among, equal
from lib.analysis.terms import keyness
from lib.ingest.corpus import display, title_of
from lib.store.term_index import TermIndex

MAX_DOCUMENTS = 50  # above this the matrix pools documents per organisation
PAIR_COLUMNS = ["a", "b", "similarity"]
SHARED_COLUMNS = ["term", "n", "count_a", "count_b"]
SOURCE_COLUMNS = ["doc_id", "n", "term", "count", "stop_edge"]
ACTOR_SET_COLUMNS = ["actor", "type", "where", "count_a", "count_b", "per_1000_a", "per_1000_b"]
WHERE = ("both", "only A", "only B")
READINGS = ((0.8, "very similar vocabulary"), (0.6, "similar vocabulary"), (0.4, "some overlap in vocabulary"),
            (float("-inf"), "different vocabulary"))


def profile(term_counts: pd.DataFrame, doc_ids: Sequence[str] | str) -> pd.Series:
    """Term → count summed over one document or several (the term profile)."""
    ids = {doc_ids} if isinstance(doc_ids, str) else {str(d) for d in doc_ids}
    rows = term_counts[among(term_counts["doc_id"], ids)]
    if rows.empty:
        return pd.Series(dtype=float)
    return rows.groupby(rows["term"].astype(str), observed=True)["count"].sum().astype(float)


def cosine(a: Mapping[str, float] | pd.Series, b: Mapping[str, float] | pd.Series) -> float:
    """Cosine similarity of two sparse count vectors (term → count).

    Returns:
        Σ aᵢbᵢ / (‖a‖ ‖b‖), in [0, 1] for counts; 0.0 when either vector is empty or all zero.
    """
    a = pd.Series(a, dtype=float)
    b = pd.Series(b, dtype=float)
    na, nb = math.sqrt(float((a**2).sum())), math.sqrt(float((b**2).sum()))
    if na == 0 or nb == 0:
        return 0.0
    dot = float((a * b.reindex(a.index).fillna(0.0)).sum())
    return min(1.0, max(0.0, dot / (na * nb)))


def reading(similarity: float) -> str:
    """The number in words: ≥ 0.8 very similar, 0.6–0.8 similar, 0.4–0.6 some overlap, < 0.4 different."""
    for threshold, words in READINGS:
        if similarity >= threshold:
            return words
    return READINGS[-1][1]


def similarity_matrix(term_counts: pd.DataFrame, groups: Mapping[str, Sequence[str]]) -> pd.DataFrame:
    """Pairwise cosine similarity of groups of documents (each group's summed profile).

    Args:
        term_counts: content-word rows (:func:`content_words`) of at least these documents.
        groups: label → doc_ids (one document per label, or an organisation's documents).

    Returns:
        A square DataFrame, labels on both axes in the order given, 1.0 on the diagonal
        (0.0 for a group with no words).
    """
    # Every row given counts (the caller chose content words); lib.web.cached uses its index directly.
    return cosine_matrix(TermIndex(term_counts).profiles(groups, stop=True), list(groups))


def cosine_matrix(profiles: np.ndarray, labels: Sequence[str]) -> pd.DataFrame:
    """Pairwise cosine similarity of the rows of a (groups × terms) count matrix.

    Returns:
        A square DataFrame over ``labels``, 1.0 on the diagonal (0.0 for a row with no words).
    """
    labels = list(labels)
    if not labels:
        return pd.DataFrame(dtype=float)
    matrix = np.asarray(profiles, dtype=float).reshape(len(labels), -1)
    norms = np.sqrt((matrix**2).sum(axis=1))
    safe = np.where(norms == 0, 1.0, norms)
    unit = matrix / safe[:, None]
    sims = np.clip(unit @ unit.T, 0.0, 1.0)
    np.fill_diagonal(sims, np.where(norms == 0, 0.0, 1.0))
    return pd.DataFrame(sims, index=labels, columns=labels)


def matrix_groups(documents: pd.DataFrame, *, max_documents: int = MAX_DOCUMENTS) -> tuple[dict[str, list[str]], str]:
    """How to group the filtered documents for the matrix.

    Returns:
        ``(groups, level)``: up to ``max_documents`` documents → one group per doc_id,
        level "document"; more → one group per ``org_short``, level "organisation".
    """
    if len(documents) <= max_documents:
        return {str(d): [str(d)] for d in documents["doc_id"]}, "document"
    groups: dict[str, list[str]] = {}
    for org, doc in zip(documents["org_short"].astype(str), documents["doc_id"].astype(str)):
        groups.setdefault(org, []).append(doc)
    return dict(sorted(groups.items(), key=lambda kv: kv[0].casefold())), "organisation"


def ranked_pairs(matrix: pd.DataFrame, *, k: int = 5) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``k`` closest and ``k`` furthest distinct pairs of a similarity matrix.

    Returns:
        ``(closest, furthest)``, each ``PAIR_COLUMNS`` (each unordered pair once, ``a`` before
        ``b`` in the matrix's order), ties broken by label.
    """
    labels = list(matrix.index)
    rows = [(labels[i], labels[j], float(matrix.iat[i, j])) for i in range(len(labels))
            for j in range(i + 1, len(labels))]
    pairs = pd.DataFrame(rows, columns=PAIR_COLUMNS)
    if pairs.empty:
        return pairs, pairs.copy()
    closest = pairs.sort_values(["similarity", "a", "b"], ascending=[False, True, True]).head(k)
    furthest = pairs.sort_values(["similarity", "a", "b"], ascending=[True, True, True]).head(k)
    return closest.reset_index(drop=True), furthest.reset_index(drop=True)


def differences(term_counts: pd.DataFrame, a: str, b: str, *, words_a: int, words_b: int, top: int = 15,
                min_count: int = 2) -> pd.DataFrame:
    """The terms most distinctive of each side, A as target against B (``lib.analysis.terms.keyness``).

    Args:
        term_counts: content-word rows (:func:`content_words`).
        a, b: doc_ids.
        words_a, words_b: ``documents.n_words`` of each.
        top: at most this many terms per side, by G².
        min_count: combined frequency a term needs.

    Returns:
        ``KEYNESS_COLUMNS`` rows (``direction`` "target" = more in A, "reference" = more in B),
        the ``top`` of each direction, sorted by log ratio (B's strongest first, A's last).
    """
    table = keyness(profile(term_counts, a), profile(term_counts, b), target_words=words_a,
                    reference_words=words_b, min_count=min_count)
    return top_by_direction(table, top=top)


def top_by_direction(table: pd.DataFrame, *, top: int = 15) -> pd.DataFrame:
    """The ``top`` rows by G² of each direction of a keyness table, sorted by log ratio.

    Args:
        table: ``lib.analysis.terms.KEYNESS_COLUMNS`` rows (sorted by G² descending, as keyness returns them).
        top: rows per direction.

    Returns:
        At most ``2 * top`` rows, the reference side's strongest first, the target's last.
    """
    if table.empty:
        return table
    table = table.sort_values(["g2", "term"], ascending=[False, True])
    keep = pd.concat([table[table["direction"] == "target"].head(top),
                      table[table["direction"] == "reference"].head(top)])
    return keep.sort_values(["log_ratio", "term"]).reset_index(drop=True)


def shared_ngrams(term_counts: pd.DataFrame | Sequence[pd.DataFrame], a: str, b: str, *, top: int = 30,
                  keep_stop_edges: bool = False) -> pd.DataFrame:
    """2–3-word n-grams both documents use.

    Args:
        term_counts: n-gram rows (``doc_id, n, term, count, stop_edge``) with n = 2 and/or 3,
            as one table or several (the 2-gram and the 3-gram slices).
        a, b: doc_ids.
        top: at most this many, the most used by both first (by the smaller count, then the total).
        keep_stop_edges: keep n-grams that start or end with a stop word ("of the").

    Returns:
        ``SHARED_COLUMNS``.
    """
    if not isinstance(term_counts, pd.DataFrame):
        parts = [p[among(p["doc_id"], (a, b))] for p in term_counts]
        parts = [pd.DataFrame({c: p[c].astype(str) if c in ("doc_id", "term") else p[c] for c in SOURCE_COLUMNS})
                 for p in parts if len(p)]
        term_counts = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=SOURCE_COLUMNS)
    rows = term_counts[term_counts["n"].astype(int).isin((2, 3))]
    if not keep_stop_edges:
        rows = rows[~rows["stop_edge"].astype(bool)]
    side_a = rows[equal(rows["doc_id"], a)]
    side_b = rows[equal(rows["doc_id"], b)]
    left = pd.DataFrame({"term": side_a["term"].astype(str).to_numpy(), "n": side_a["n"].astype(int).to_numpy(),
                         "count_a": side_a["count"].astype(int).to_numpy()})
    right = pd.DataFrame({"term": side_b["term"].astype(str).to_numpy(), "count_b": side_b["count"].astype(int).to_numpy()})
    both = left.merge(right, on="term", how="inner")
    if both.empty:
        return pd.DataFrame(columns=SHARED_COLUMNS)
    both = both.assign(_low=both[["count_a", "count_b"]].min(axis=1), _sum=both["count_a"] + both["count_b"])
    both = both.sort_values(["_low", "_sum", "n", "term"], ascending=[False, False, False, True]).head(top)
    return both[SHARED_COLUMNS].reset_index(drop=True)


def actor_sets(actor_counts: pd.DataFrame, actor_types: pd.DataFrame, a: str, b: str, *, words_a: int,
               words_b: int, demonyms: bool = True) -> pd.DataFrame:
    """Actors named by both documents, only by A, only by B, with counts and rates.

    Args:
        actor_counts: ``doc_id, actor, label, count``.
        actor_types: ``actor, type``.
        a, b: doc_ids.
        words_a, words_b: ``documents.n_words`` (rates per 1,000 words).
        demonyms: count demonym mentions ("Russian") as naming the actor.

    Returns:
        ``ACTOR_SET_COLUMNS``, ordered both → only A → only B, then by total count.
    """
    rows = actor_counts if demonyms else actor_counts[~equal(actor_counts["label"], "DEMONYM")]

    def side(doc: str) -> pd.Series:
        part = rows[equal(rows["doc_id"], doc)]
        return part.groupby(part["actor"].astype(str), observed=True)["count"].sum().astype(int)

    ca, cb = side(a), side(b)
    actors = sorted(set(ca.index) | set(cb.index))
    if not actors:
        return pd.DataFrame(columns=ACTOR_SET_COLUMNS)
    types = dict(zip(actor_types["actor"].astype(str), actor_types["type"].astype(str)))
    table = pd.DataFrame({"actor": actors})
    table["type"] = [types.get(x, "") for x in actors]
    table["count_a"] = [int(ca.get(x, 0)) for x in actors]
    table["count_b"] = [int(cb.get(x, 0)) for x in actors]
    table["where"] = np.where((table["count_a"] > 0) & (table["count_b"] > 0), "both",
                              np.where(table["count_a"] > 0, "only A", "only B"))
    table["per_1000_a"] = (table["count_a"] / words_a * 1000).round(2) if words_a > 0 else 0.0
    table["per_1000_b"] = (table["count_b"] / words_b * 1000).round(2) if words_b > 0 else 0.0
    order = {w: i for i, w in enumerate(WHERE)}
    table = table.assign(_w=table["where"].map(order), _t=-(table["count_a"] + table["count_b"]))
    table = table.sort_values(["_w", "_t", "actor"]).drop(columns=["_w", "_t"]).reset_index(drop=True)
    return table[ACTOR_SET_COLUMNS]


def doc_label(row: Mapping[str, object], *, length: int = 34) -> str:
    """A short label for a document on a chart axis: 'ORG date · title…' ('ORG date' for length 0)."""
    title = title_of(dict(row))
    if len(title) > length:
        title = title[: length - 1].rstrip() + "…"
    date = display(row.get("date"))
    head = f"{display(row.get('org_short'))}{'' if date == 'unknown' else ' ' + date}"
    return f"{head} · {title}" if length > 0 else head


def pair_links(pairs: pd.DataFrame, groups: Mapping[str, Sequence[str]]) -> pd.DataFrame:
    """For each pair of matrix labels, the two documents a comparison link opens.

    A document label maps to itself; an organisation (pooled matrix) to its first document.

    Returns:
        ``pairs`` with ``doc_a`` and ``doc_b`` added.
    """
    first = {label: (list(ids) or [""])[0] for label, ids in groups.items()}
    return pairs.assign(doc_a=[first.get(x, x) for x in pairs["a"]], doc_b=[first.get(x, x) for x in pairs["b"]])


def term_candidates(differences_table: pd.DataFrame, shared: pd.DataFrame, term_counts: pd.DataFrame, a: str, b: str,
                    *, top: int = 40) -> list[str]:
    """Terms offered by the Compare page's term picker: the distinctive ones, shared phrases,
    then the most frequent content words of the two documents (each once, in that order)."""
    both = profile(term_counts, [a, b]).sort_values(ascending=False).head(top)
    out = list(differences_table["term"]) if not differences_table.empty else []
    out += list(shared["term"]) if not shared.empty else []
    out += sorted(both.index, key=lambda t: (-both[t], t))
    return list(dict.fromkeys(str(t) for t in out))
