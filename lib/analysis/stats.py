"""Corpus statistics a corpus linguist expects: dispersion, clusters, collocation measures,
trends over time and keyness against a chosen reference. Tables in, tables out.

Every function takes either per-document counts (the term index: works at any corpus size,
no text read) or a :class:`Node` — where a term occurs in a stream of word tokens — so
they keep working whatever decides what a term or a match is (:func:`find_node` is the one
place that turns a typed term into matches).

Formulas (each checked by hand in ``tests/analysis/test_stats.py``):

* **DP** (Gries 2008, "Dispersions and adjusted frequencies in corpora"): for a term with
  ``v_i`` = share of its uses in corpus part ``i`` and ``s_i`` = share of the corpus's words
  in part ``i``, ``DP = 0.5 · Σ |v_i − s_i|``: 0 = spread exactly as the parts' sizes, near 1 =
  all in one small part. ``DP_norm = DP / (1 − min s_i)`` (Lijffijt & Gries 2012) scales it
  to 0–1 whatever the number and sizes of the parts. Undefined (NaN) with fewer than two
  parts or no use.
* **Collocation measures**, for a node x (f(x) occurrences), a collocate y (f(y) in the
  corpus), f(xy) = times y falls in a window of L words left and R words right of x (same
  sentence), N = words in the corpus. Expected co-occurrence with the window-size (span)
  correction of surface co-occurrence — Cobuild's collocation statistics (Clear 1993: the node's
  frequency times the span times the collocate's relative frequency), Evert 2008, the
  ``span.size`` of the R package ``corpora``'s ``am.score``: ``E = f(x) · f(y) · (L + R) / N``.
  (AntConc does not publish its formulas; its author refers to the standard literature.)
  ``MI = log2(O / E)``, ``t = (O − E) / √O``, ``log-Dice = 14 + log2(2·f(xy) / (f(x) + f(y)))``
  (Rychlý 2008), and **log-likelihood** G² (Dunning 1993) of the 2×2 table whose first row
  is the window slots (R1 = f(x)·(L + R)) and first column the collocate (C1 = f(y)),
  ``E_ij = R_i·C_j / N``, ``G² = 2 Σ O_ij ln(O_ij / E_ij)``, given a minus sign when
  O < E (the word is rarer near the node than elsewhere). Sketch Engine's documented
  formulas leave the span out (``E = f(x)·f(y) / N``): its MI is ours plus ``log2(L + R)``.
* **Keyness**: :func:`lib.analysis.terms.keyness` (G², p, Hardie's log ratio), against the
  reference chosen here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lib.analysis import terms
from lib.analysis.filters import dated_periods
from lib.store.term_index import TermIndex

ALL = "All selected"  # the organisation label of a pooled row


# ================================================================ where a node occurs
@dataclass(frozen=True)
class Node:
    """Where a node occurs in a stream of word tokens.

    ``stream``: word tokens in document order (``doc_id, sent_id, i, value, is_stop``; the
    row number is the position); ``starts``/``ends``: stream positions of each occurrence
    (``ends`` exclusive), sorted.
    """

    stream: pd.DataFrame
    starts: np.ndarray
    ends: np.ndarray

    @property
    def count(self) -> int:
        return len(self.starts)

    def only(self, doc_ids: Iterable[str]) -> Node:
        """The occurrences in these documents (the stream is shared)."""
        keep = np.isin(self.stream["doc_id"].to_numpy(dtype=object)[self.starts], list(map(str, doc_ids)))
        return Node(self.stream, self.starts[keep], self.ends[keep])


def find_node(tokens: pd.DataFrame, term: str, *, unit: str = "word") -> Node:
    """The occurrences of a term (one to three words) in some documents' tokens.

    The one place a typed term becomes matches: words and units as the count tables hold
    them (``lib.analysis.terms``), consecutive words of one sentence.

    Args:
        tokens: token rows (``TOKEN_COLUMNS``) of the documents to search.
        term: the term as typed.
        unit: "word" or "lemma".
    """
    # The word stream and run matcher are terms' own (private) helpers: a second definition of
    # "a word" or "a match" here would drift from the counts and the concordance.
    stream = terms._word_stream(tokens, unit) if len(tokens) else pd.DataFrame(
        columns=["doc_id", "sent_id", "i", "value", "is_stop"])
    wanted = terms.normalise_term(term).split(" ")
    if not len(stream) or wanted == [""]:
        empty = np.zeros(0, dtype=np.int64)
        return Node(stream.reset_index(drop=True), empty, empty)
    starts = np.asarray(terms._matches(stream, wanted), dtype=np.int64)
    return Node(stream.reset_index(drop=True), starts, starts + len(wanted))


# ================================================================ dispersion
def dp(counts: Sequence[float] | np.ndarray, sizes: Sequence[float] | np.ndarray) -> tuple[float, float]:
    """Gries's DP and its normalised form over corpus parts.

    Args:
        counts: the term's frequency in each part.
        sizes: each part's size in words (parts of size 0 are left out).

    Returns:
        ``(dp, dp_norm)``; NaN for both with fewer than two parts or no use.
    """
    c, s = np.asarray(counts, dtype=float), np.asarray(sizes, dtype=float)
    keep = s > 0
    c, s = c[keep], s[keep]
    if len(s) < 2 or c.sum() <= 0:
        return math.nan, math.nan
    observed, expected = c / c.sum(), s / s.sum()
    value = 0.5 * float(np.abs(observed - expected).sum())
    return value, value / (1.0 - float(expected.min()))


DISPERSION_COLUMNS = ["scope", "parts", "n_parts", "count", "words", "per_1000", "range", "dp", "dp_norm"]


def dispersion_by_org(per_doc: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """How evenly a term is spread: over each organisation's documents, over all selected
    documents, and over the organisations.

    From the count tables (no text read), so it covers the whole selection.

    Args:
        per_doc: ``doc_id, count`` of the documents using the term (``terms.term_rows``).
        documents: the selection (``doc_id``, ``org_short``, ``n_words``).

    Returns:
        ``DISPERSION_COLUMNS``: one row per organisation (parts = its documents), then
        ``ALL`` with parts = documents and ``ALL`` with parts = organisations. ``range`` =
        parts using the term; ``dp``/``dp_norm`` NaN where there are fewer than two parts.
    """
    if documents.empty:
        return pd.DataFrame(columns=DISPERSION_COLUMNS)
    used = per_doc.assign(doc_id=per_doc["doc_id"].astype(str)).groupby("doc_id")["count"].sum()
    frame = pd.DataFrame({"doc_id": documents["doc_id"].astype(str).to_numpy(),
                          "org_short": documents["org_short"].astype(str).to_numpy(),
                          "words": documents["n_words"].to_numpy(dtype=float)})
    frame["count"] = frame["doc_id"].map(used).fillna(0).to_numpy(dtype=float)

    def row(scope: str, parts: str, counts: pd.Series, sizes: pd.Series) -> dict:
        value, norm = dp(counts, sizes)
        total, words = float(counts.sum()), float(sizes.sum())
        return {"scope": scope, "parts": parts, "n_parts": int((sizes > 0).sum()), "count": int(total),
                "words": int(words), "per_1000": total / words * 1000 if words else 0.0,
                "range": int((counts > 0).sum()), "dp": value, "dp_norm": norm}

    rows = [row(org, "documents", part["count"], part["words"])
            for org, part in frame.groupby("org_short", sort=True)]
    rows.append(row(ALL, "documents", frame["count"], frame["words"]))
    by_org = frame.groupby("org_short", sort=True)[["count", "words"]].sum()
    rows.append(row(ALL, "organisations", by_org["count"], by_org["words"]))
    return pd.DataFrame(rows, columns=DISPERSION_COLUMNS)


def dp_reading(dp_norm: float, n_parts: int, count: int) -> str:
    """A rough reading of DP_norm in words (the cut-offs are a guide, not a test)."""
    if count <= 0:
        return "not used"
    if n_parts < 2 or math.isnan(dp_norm):
        return "one part only: not measurable"
    if dp_norm < 0.2:
        return "spread evenly"
    if dp_norm < 0.45:
        return "fairly evenly spread"
    if dp_norm < 0.7:
        return "unevenly spread"
    return "concentrated in a few parts"


DOC_DISPERSION_COLUMNS = ["doc_id", "count", "words", "parts", "range", "dp", "dp_norm"]


def dispersion_in_documents(node: Node, *, parts: int = 10) -> pd.DataFrame:
    """How evenly a term is spread through each document that uses it.

    Each document's words are cut into ``parts`` stretches as equal as can be (the stretches
    of today's positions plot), and DP is computed over them.

    Returns:
        ``DOC_DISPERSION_COLUMNS``, one row per document using the term, in stream order;
        ``range`` = stretches using the term.
    """
    if not node.count:
        return pd.DataFrame(columns=DOC_DISPERSION_COLUMNS)
    docs = node.stream["doc_id"].to_numpy(dtype=object)
    codes, names = pd.factorize(docs)
    _, first = np.unique(codes, return_index=True)  # a document's words are contiguous in the stream
    words = np.bincount(codes, minlength=len(names))
    rows = []
    for code in np.unique(codes[node.starts]):
        size = int(words[code])
        k = max(1, min(parts, size))
        # stretch of every word: floor(position · k / size); the node is where it starts
        stretch_of_word = (np.arange(size) * k) // size
        sizes = np.bincount(stretch_of_word, minlength=k)
        hits = node.starts[codes[node.starts] == code] - first[code]
        counts = np.bincount(stretch_of_word[hits], minlength=k)
        value, norm = dp(counts, sizes)
        rows.append({"doc_id": str(names[code]), "count": int(len(hits)), "words": size, "parts": k,
                     "range": int((counts > 0).sum()), "dp": value, "dp_norm": norm})
    return pd.DataFrame(rows, columns=DOC_DISPERSION_COLUMNS)


# ================================================================ clusters
CLUSTER_COLUMNS = ["cluster", "words", "frequency", "documents", "organisations"]
CLUSTER_SIZES = (2, 3, 4)


def clusters(node: Node, *, sizes: Iterable[int] = CLUSTER_SIZES, min_freq: int = 2,
             org_of: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Clusters: runs of 2–4 words that contain the node, with their frequency and range.

    A cluster is a run of consecutive words of one sentence (as the n-gram counts are) that
    contains a whole occurrence of the node. Each run is counted once, even when it holds
    the node twice.

    Args:
        node: :func:`find_node` (or any matches over a word stream).
        sizes: cluster lengths in words; lengths not longer than the node are skipped.
        min_freq: leave out clusters seen fewer times than this.
        org_of: doc_id → organisation (for the ``organisations`` range).

    Returns:
        ``CLUSTER_COLUMNS``: ``words`` = the cluster's length, ``documents`` and
        ``organisations`` = how many use it; most frequent first, then alphabetical.
    """
    if not node.count:
        return pd.DataFrame(columns=CLUSTER_COLUMNS)
    s = node.stream
    values = s["value"].to_numpy(dtype=object)
    docs, sents, idx = s["doc_id"].to_numpy(dtype=object), s["sent_id"].to_numpy(), s["i"].to_numpy()
    total = len(s)
    codes, vocab = pd.factorize(values)
    doc_codes, doc_names = pd.factorize(docs)
    orgs = np.asarray([(org_of or {}).get(str(d), "") for d in doc_names], dtype=object)
    org_codes = pd.factorize(orgs)[0] if len(orgs) else np.zeros(0, dtype=np.int64)
    lengths = node.ends - node.starts
    parts = []
    for n in sorted(set(int(v) for v in sizes)):
        found: list[np.ndarray] = []
        for length in np.unique(lengths):
            if n <= length:
                continue
            begin = node.starts[lengths == length]
            for offset in range(n - int(length) + 1):
                c = begin - offset
                ok = (c >= 0) & (c + n <= total)
                c = c[ok]
                for j in range(1, n):  # consecutive tokens of one sentence, no punctuation between
                    ok = (docs[c + j] == docs[c]) & (sents[c + j] == sents[c]) & (idx[c + j] == idx[c] + j)
                    c = c[ok]
                found.append(c)
        if not found:
            continue
        first = np.unique(np.concatenate(found))  # one run counted once
        if not len(first):
            continue
        table = pd.DataFrame({f"w{j}": codes[first + j] for j in range(n)})
        table["doc"] = doc_codes[first]
        table["org"] = org_codes[doc_codes[first]] if len(org_codes) else 0
        grouped = table.groupby([f"w{j}" for j in range(n)], sort=False).agg(
            frequency=("doc", "size"), documents=("doc", "nunique"), organisations=("org", "nunique")).reset_index()
        grouped = grouped[grouped["frequency"] >= max(1, min_freq)]
        if grouped.empty:
            continue
        words = [vocab[grouped[f"w{j}"].to_numpy()] for j in range(n)]
        grouped["cluster"] = [" ".join(map(str, w)) for w in zip(*words)]
        grouped["words"] = n
        parts.append(grouped[CLUSTER_COLUMNS])
    if not parts:
        return pd.DataFrame(columns=CLUSTER_COLUMNS)
    out = pd.concat(parts, ignore_index=True)
    return out.sort_values(["frequency", "cluster"], ascending=[False, True]).reset_index(drop=True)


# ================================================================ collocates
MEASURES = {"log_dice": "log-Dice", "mi": "MI", "t_score": "t-score", "log_likelihood": "log-likelihood"}
COLLOCATE_COLUMNS = ["collocate", "f_xy", "f_x", "f_y", "expected", *MEASURES]
MAX_WINDOW = 10


def profile_columns(left: int, right: int) -> list[str]:
    """The position-profile columns of a window: ``L{left}``…``L1``, ``R1``…``R{right}``."""
    return [f"L{k}" for k in range(left, 0, -1)] + [f"R{k}" for k in range(1, right + 1)]


def log_dice(f_xy: np.ndarray | float, f_x: np.ndarray | float, f_y: np.ndarray | float) -> np.ndarray:
    """Rychlý's log-Dice: ``14 + log2(2·f(xy) / (f(x) + f(y)))`` (at most 14)."""
    f_xy, f_x, f_y = (np.asarray(v, dtype=float) for v in (f_xy, f_x, f_y))
    return 14 + np.log2(2 * f_xy / (f_x + f_y))


def expected(f_x: np.ndarray | float, f_y: np.ndarray | float, *, span: int, n: float) -> np.ndarray:
    """Expected co-occurrences in a window of ``span`` words: ``f(x)·f(y)·span / N``."""
    return np.asarray(f_x, dtype=float) * np.asarray(f_y, dtype=float) * span / float(n)


def mutual_information(o: np.ndarray | float, e: np.ndarray | float) -> np.ndarray:
    """``MI = log2(O / E)``."""
    return np.log2(np.asarray(o, dtype=float) / np.asarray(e, dtype=float))


def t_score(o: np.ndarray | float, e: np.ndarray | float) -> np.ndarray:
    """``t = (O − E) / √O``."""
    o = np.asarray(o, dtype=float)
    return (o - np.asarray(e, dtype=float)) / np.sqrt(o)


def log_likelihood(f_xy: np.ndarray | float, f_x: np.ndarray | float, f_y: np.ndarray | float, *, span: int,
                   n: float) -> np.ndarray:
    """Signed G² of the window-slot × collocate 2×2 table (see the module notes)."""
    o11 = np.asarray(f_xy, dtype=float)
    r1 = np.asarray(f_x, dtype=float) * span
    c1 = np.asarray(f_y, dtype=float)
    n = float(n)
    o12, o21 = np.maximum(r1 - o11, 0), np.maximum(c1 - o11, 0)
    o22 = np.maximum(n - r1 - c1 + o11, 0)
    r2, c2 = n - r1, n - c1
    cells = ((o11, r1 * c1 / n), (o12, r1 * c2 / n), (o21, r2 * c1 / n), (o22, r2 * c2 / n))
    total = np.zeros_like(o11)
    with np.errstate(divide="ignore", invalid="ignore"):
        for o, e in cells:
            total = total + np.where((o > 0) & (e > 0), o * np.log(np.where(o > 0, o, 1) / np.where(e > 0, e, 1)), 0.0)
    return np.where(o11 >= r1 * c1 / n, 1.0, -1.0) * 2.0 * total


def collocation_table(node: Node, *, frequencies: Mapping[str, int] | pd.Series, left: int = 5, right: int = 5,
                      stop: bool = False, min_cooc: int = 2, min_freq: int = 1,
                      corpus_words: int | None = None) -> pd.DataFrame:
    """Words that keep company with a node, with four association measures and where they stand.

    A collocate is a word within ``left`` words before or ``right`` words after an occurrence
    of the node, in the same sentence (the node's own words are not counted). ``f(y)`` comes
    from the count table of the selection (``frequencies``), so only the documents holding
    the node need their tokens read.

    Args:
        node: :func:`find_node`.
        frequencies: word → count in the selection (same unit, n = 1, stop words included).
        left, right: window sizes (0–``MAX_WINDOW`` each, at least one word in all).
        stop: False leaves out stop-word collocates.
        min_cooc: leave out collocates with ``f(xy)`` below this.
        min_freq: leave out collocates with ``f(y)`` below this.
        corpus_words: N; default the sum of ``frequencies`` (the words those counts come from).

    Returns:
        ``COLLOCATE_COLUMNS`` then the position profile (:func:`profile_columns`: how many
        of the ``f(xy)`` stand at each position), strongest log-Dice first.
    """
    left, right = max(0, min(int(left), MAX_WINDOW)), max(0, min(int(right), MAX_WINDOW))
    positions = profile_columns(left, right)
    columns = [*COLLOCATE_COLUMNS, *positions]
    if not node.count or left + right == 0:
        return pd.DataFrame(columns=columns)
    s = node.stream
    docs, sents = s["doc_id"].to_numpy(dtype=object), s["sent_id"].to_numpy()
    values, stops = s["value"].to_numpy(dtype=object), s["is_stop"].to_numpy(dtype=bool)
    inside = np.zeros(len(s), dtype=bool)
    lengths = node.ends - node.starts
    for offset in range(int(lengths.max())):
        inside[node.starts[lengths > offset] + offset] = True
    hit_pos: list[np.ndarray] = []
    hit_slot: list[np.ndarray] = []
    # Each window position, left (L1 is the word before the node) and right (R1 the word after).
    for name in positions:
        d = int(name[1:])
        anchor = node.starts if name[0] == "L" else node.ends - 1
        j = anchor - d if name[0] == "L" else anchor + d
        ok = (j >= 0) & (j < len(s))
        k, j = anchor[ok], j[ok]
        keep = ~inside[j] & (docs[j] == docs[k]) & (sents[j] == sents[k])
        if not stop:
            keep &= ~stops[j]
        hit_pos.append(j[keep])
        hit_slot.append(np.full(int(keep.sum()), positions.index(name)))
    near = np.concatenate(hit_pos)
    if not len(near):
        return pd.DataFrame(columns=columns)
    words = values[near].astype(str)
    slots = np.concatenate(hit_slot)
    grid = pd.crosstab(words, slots).reindex(columns=range(len(positions)), fill_value=0)
    grid.columns = pd.Index(positions)
    out = grid.assign(f_xy=grid.sum(axis=1)).rename_axis("collocate").reset_index()
    freq = frequencies if isinstance(frequencies, pd.Series) else pd.Series(dict(frequencies), dtype=float)
    n_words = float(corpus_words if corpus_words is not None else freq.sum())
    out["f_x"] = node.count
    # A collocate is at least as frequent as its co-occurrences (guards a stale count table).
    out["f_y"] = np.maximum(out["collocate"].map(freq).fillna(0).to_numpy(), out["f_xy"].to_numpy()).astype(int)
    out = out[(out["f_xy"] >= max(1, min_cooc)) & (out["f_y"] >= max(1, min_freq))]
    if out.empty or n_words <= 0:
        return pd.DataFrame(columns=columns)
    span = left + right
    e = expected(out["f_x"], out["f_y"], span=span, n=n_words)
    out = out.assign(expected=e, log_dice=log_dice(out["f_xy"], out["f_x"], out["f_y"]),
                     mi=mutual_information(out["f_xy"], e), t_score=t_score(out["f_xy"], e),
                     log_likelihood=log_likelihood(out["f_xy"], out["f_x"], out["f_y"], span=span, n=n_words))
    return sort_collocates(out[columns].reset_index(drop=True), by="log_dice")


def sort_collocates(table: pd.DataFrame, *, by: str = "log_dice") -> pd.DataFrame:
    """Strongest first by one measure (``MEASURES``), then by ``f_xy``, then alphabetical."""
    if table.empty:
        return table
    return table.sort_values([by, "f_xy", "collocate"], ascending=[False, False, True]).reset_index(drop=True)


def collocates_by_org(node: Node, *, org_of: Mapping[str, str], frequencies: Mapping[str, pd.Series],
                      words: Mapping[str, int] | None = None, **options: object) -> pd.DataFrame:
    """:func:`collocation_table` for each organisation on its own (its occurrences, its counts).

    Args:
        org_of: doc_id → organisation.
        frequencies: organisation → its word counts (as :func:`collocation_table` wants them).
        words: organisation → N (default: the sum of its counts).
        options: passed on (``left``, ``right``, ``stop``, ``min_cooc``, ``min_freq``).

    Returns:
        ``org_short`` then the columns of :func:`collocation_table`, organisations alphabetical.
    """
    parts = []
    for org in sorted(frequencies):
        ids = [d for d, o in org_of.items() if o == org]
        table = collocation_table(node.only(ids), frequencies=frequencies[org],
                                  corpus_words=(words or {}).get(org), **options)
        if len(table):
            parts.append(table.assign(org_short=org))
    if not parts:
        left, right = int(options.get("left", 5)), int(options.get("right", 5))
        return pd.DataFrame(columns=["org_short", *COLLOCATE_COLUMNS, *profile_columns(left, right)])
    out = pd.concat(parts, ignore_index=True)
    return out[["org_short", *[c for c in out.columns if c != "org_short"]]]


def side_by_side(by_org: pd.DataFrame, *, measure: str = "log_dice", top: int = 15,
                 orgs: Sequence[str] | None = None) -> pd.DataFrame:
    """Each organisation's strongest collocates in its own column: ``rank`` then one column per
    organisation holding "word (score)"; empty cells where an organisation has fewer.

    ``orgs``: the columns, in order (an organisation with no collocate gets an empty column);
    default the organisations of ``by_org``, alphabetical.
    """
    names = list(orgs) if orgs is not None else sorted(by_org["org_short"].astype(str).unique())
    columns: dict[str, list[str]] = {org: [] for org in names}
    for org, part in by_org.groupby("org_short", sort=True):
        if str(org) in columns:
            best = sort_collocates(part, by=measure).head(top)
            columns[str(org)] = [f"{w} ({v:.2f})" for w, v in zip(best["collocate"], best[measure])]
    if not columns:
        return pd.DataFrame(columns=["rank"])
    depth = max(1, max(len(v) for v in columns.values()))
    out = pd.DataFrame({"rank": range(1, depth + 1)})
    for org, cells in columns.items():
        out[org] = cells + [""] * (depth - len(cells))
    return out


# ================================================================ trends
TREND_COLUMNS = ["period", "date", "term", "org_short", "count", "words", "per_1000", "documents"]


def trends(rows_by_term: Mapping[str, pd.DataFrame], documents: pd.DataFrame, *, freq: str = "year",
           pooled: bool = False) -> pd.DataFrame:
    """Several terms' use per period, by organisation or pooled, on a real date axis.

    Args:
        rows_by_term: term → its count rows (``doc_id, term, count``; ``terms.select_term_counts``).
        documents: the selection (``date``, ``date_precision``, ``n_words``, ``org_short``).
        freq: "year" or "month" (a document dated to the year only is left out by month).
        pooled: one series per term over all organisations (``org_short`` = ``ALL``).

    Returns:
        ``TREND_COLUMNS``: ``date`` = the period's first day (a Timestamp, for a time axis),
        ``words`` = words of the documents in that period (and organisation), so a period with
        documents but no use shows 0. Sorted by term (as given), organisation, date.
    """
    parts = []
    for term, rows in rows_by_term.items():
        over = terms.term_over_time(rows.assign(term=rows["term"].astype(str)) if len(rows) else rows, documents,
                                    term, freq=freq)
        if over.empty:
            continue
        if pooled:
            over = over.groupby("period", as_index=False)[["count", "words", "documents"]].sum()
            over["org_short"] = ALL
            over["per_1000"] = over["count"] / over["words"].clip(lower=1) * 1000
        parts.append(over.assign(term=term))
    if not parts:
        return pd.DataFrame(columns=TREND_COLUMNS)
    out = pd.concat(parts, ignore_index=True)
    out["date"] = pd.to_datetime(out["period"].astype(str), format="%Y" if freq == "year" else "%Y-%m")
    order = {t: k for k, t in enumerate(rows_by_term)}
    out = out.assign(_o=out["term"].map(order)).sort_values(["_o", "org_short", "date"]).drop(columns="_o")
    return out.reset_index(drop=True)[TREND_COLUMNS]


def undated_count(documents: pd.DataFrame, *, freq: str = "year") -> int:
    """Documents a time chart leaves out: no date, or (by month) a date without its month."""
    dated, _ = dated_periods(documents, freq=freq)
    return int(len(documents) - len(dated))


# ================================================================ keyness against a chosen reference
REFERENCE_REST, REFERENCE_ALL = "rest", "all"
KEYNESS_REF_COLUMNS = ["term", "reading", *[c for c in terms.KEYNESS_COLUMNS if c != "term"]]


class SidesError(ValueError):
    """The two sides of a comparison cannot be formed (the message says why, in plain words)."""


@dataclass(frozen=True)
class Sides:
    """The target and reference of a keyness comparison, as documents of the selection."""

    target_ids: list[str]
    reference_ids: list[str]
    target_name: str
    reference_name: str
    target_words: int
    reference_words: int


def keyness_sides(documents: pd.DataFrame, target: Sequence[str], reference: str | Sequence[str]) -> Sides:
    """The documents on each side: the target organisations (pooled) against a reference.

    Args:
        documents: the selection.
        target: one or more organisation short names (pooled).
        reference: ``"rest"`` (the selection without the target), ``"all"`` (the whole
            selection, target included), or one or more organisation short names (pooled).

    Raises:
        SidesError: an empty side, an organisation not in the selection, or both sides sharing
            an organisation.
    """
    present = set(documents["org_short"].astype(str))
    target = list(dict.fromkeys(map(str, target)))
    if not target:
        raise SidesError("Choose at least one organisation to compare.")
    missing = [o for o in target if o not in present]
    if missing:
        raise SidesError(f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} not in the selection.")
    orgs = documents["org_short"].astype(str)
    in_target = orgs.isin(target).to_numpy()
    if isinstance(reference, str) and reference in (REFERENCE_REST, REFERENCE_ALL):
        ref_mask = ~in_target if reference == REFERENCE_REST else np.ones(len(documents), dtype=bool)
        ref_name = "the rest of the selection" if reference == REFERENCE_REST else "the whole selection"
    else:
        ref_orgs = [reference] if isinstance(reference, str) else list(dict.fromkeys(map(str, reference)))
        if not ref_orgs:
            raise SidesError("Choose at least one organisation for the reference.")
        missing = [o for o in ref_orgs if o not in present]
        if missing:
            raise SidesError(f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} not in the selection.")
        shared = [o for o in ref_orgs if o in target]
        if shared:
            raise SidesError(f"{', '.join(shared)} cannot be on both sides of the comparison.")
        ref_mask = orgs.isin(ref_orgs).to_numpy()
        ref_name = " + ".join(ref_orgs)
    ids = documents["doc_id"].astype(str).to_numpy()
    words = documents["n_words"].to_numpy(dtype=np.int64)
    if not ref_mask.any():
        raise SidesError("The reference has no documents in the selection: widen the filter or choose another.")
    return Sides(list(ids[in_target]), list(ids[ref_mask]), " + ".join(target), ref_name,
                 int(words[in_target].sum()), int(words[ref_mask].sum()))


def keyness_against(index: TermIndex | pd.DataFrame, sides: Sides, *, stop: bool = False,
                    extra_stop: Iterable[str] = (), min_count: int = 1, threshold: float = 0.0,
                    nums: bool = True) -> pd.DataFrame:
    """Keyness of every term of the target against the reference (:func:`terms.keyness`),
    with a plain-language reading of each row.

    Args:
        index: the term counts of one unit and n (``lib.web.cached.term_index``) or their rows.
        sides: :func:`keyness_sides`.
        stop, extra_stop: stop-word settings, as ``terms.select_counts``.
        min_count: leave out terms whose combined count is below this.
        threshold: keep rows with G² at or above this (``terms.SIGNIFICANCE``).
        nums: False leaves numbers, dates and months out (as ``terms.select_counts``).

    Returns:
        ``KEYNESS_REF_COLUMNS``, strongest G² first.
    """
    index = index if isinstance(index, TermIndex) else TermIndex(index)
    target = _totals(index, sides.target_ids, stop=stop, extra_stop=extra_stop, nums=nums)
    reference = _totals(index, sides.reference_ids, stop=stop, extra_stop=extra_stop, nums=nums)
    table = terms.keyness(target, reference, target_words=sides.target_words,
                          reference_words=sides.reference_words, min_count=min_count)
    table = table[table["g2"] >= threshold].reset_index(drop=True)
    table.insert(1, "reading", [reading(r, lr, p, ct, cr, target=sides.target_name, reference=sides.reference_name)
                                for r, lr, p, ct, cr in zip(table["direction"], table["log_ratio"], table["p"],
                                                            table["count_target"], table["count_reference"])])
    return table[KEYNESS_REF_COLUMNS]


def _totals(index: TermIndex, doc_ids: Sequence[str], *, stop: bool, extra_stop: Iterable[str],
            nums: bool = True) -> pd.Series:
    # Summed where the rows are (a bincount, or a query out of core), not as a frame of every row.
    sums = index.totals(doc_ids, stop=stop, extra_stop=extra_stop, nums=nums)
    return sums if len(sums) else pd.Series(dtype=float)


CLOUD_THRESHOLD = 3.84  # G² of p < 0.05: a word sized by its keyness must at least pass this


def distinctive_terms(index: TermIndex | pd.DataFrame, documents: pd.DataFrame, org: str, *, top: int = 60,
                      stop: bool = False, extra_stop: Iterable[str] = (), min_count: int = 1, nums: bool = True,
                      threshold: float = CLOUD_THRESHOLD) -> pd.DataFrame:
    """The terms an organisation uses markedly more than the rest of the selection, strongest
    first: what a word cloud sized by distinctiveness draws (``weight`` = G²), so that clouds
    of organisations writing on one subject differ where they differ.

    Args:
        index: the term counts of one unit and n.
        documents: the selection (``org`` and at least one other organisation).
        org: the organisation's short name.
        top: at most this many terms.
        stop, extra_stop, min_count, nums: as the Terms page's lists.
        threshold: minimum G² (default p < 0.05).

    Returns:
        ``term, weight, g2, log_ratio, count_target, count_reference`` — over-used terms only.

    Raises:
        SidesError: ``org`` is not in the selection, or nothing else is.
    """
    sides = keyness_sides(documents, [org], REFERENCE_REST)
    table = keyness_against(index, sides, stop=stop, extra_stop=extra_stop, min_count=min_count,
                            threshold=threshold, nums=nums)
    over = table[table["direction"] == "target"].head(top)
    return pd.DataFrame({"term": over["term"].astype(str), "weight": over["g2"], "g2": over["g2"],
                         "log_ratio": over["log_ratio"], "count_target": over["count_target"],
                         "count_reference": over["count_reference"]}).reset_index(drop=True)


def distinctive_terms_by_org(index: TermIndex | pd.DataFrame, documents: pd.DataFrame, orgs: Sequence[str], *,
                             top: int = 60, stop: bool = False, extra_stop: Iterable[str] = (), min_count: int = 1,
                             nums: bool = True, threshold: float = CLOUD_THRESHOLD) -> dict[str, pd.DataFrame]:
    """:func:`distinctive_terms` of several organisations, the selection's totals summed once
    (each organisation's reference is the whole selection minus its own counts: the same
    numbers as against "the rest", without summing the rest again for every organisation).

    Raises:
        SidesError: fewer than two organisations in the selection.
    """
    index = index if isinstance(index, TermIndex) else TermIndex(index)
    present = documents["org_short"].astype(str)
    if present.nunique() < 2:
        raise SidesError("Distinctive terms compare an organisation with the others: select at least two.")
    # One read of the selection's rows, summed per organisation and term in one group-by.
    rows = index.select(list(documents["doc_id"].astype(str)), stop=stop, extra_stop=extra_stop, nums=nums)
    org_of = dict(zip(documents["doc_id"].astype(str), present, strict=False))
    per_org = (pd.DataFrame({"org": rows["doc_id"].astype(str).map(org_of).to_numpy(),
                             "term": rows["term"].astype(str).to_numpy(), "count": rows["count"].to_numpy()})
               .groupby(["org", "term"])["count"].sum())
    whole = per_org.groupby(level="term").sum()
    words = documents["n_words"].to_numpy(dtype=np.int64)
    out = {}
    for org in orgs:
        mask = (present == str(org)).to_numpy()
        target = per_org.xs(str(org), level="org") if str(org) in per_org.index.get_level_values("org") else \
            pd.Series(dtype=float)
        reference = whole.sub(target, fill_value=0)
        reference = reference[reference > 0]
        table = terms.keyness(target, reference, target_words=int(words[mask].sum()),
                              reference_words=int(words[~mask].sum()), min_count=min_count)
        over = table[(table["g2"] >= threshold) & (table["direction"] == "target")].head(top)
        out[str(org)] = pd.DataFrame({"term": over["term"].astype(str), "weight": over["g2"], "g2": over["g2"],
                                      "log_ratio": over["log_ratio"], "count_target": over["count_target"],
                                      "count_reference": over["count_reference"]}).reset_index(drop=True)
    return out


def significance_words(p: float) -> str:
    """How sure a difference is, in words (p under the χ² approximation of G²)."""
    if p < 0.001:
        return "very unlikely to be chance"
    if p < 0.01:
        return "unlikely to be chance"
    if p < 0.05:
        return "probably not chance"
    return "could well be chance"


def reading(direction: str, log_ratio: float, p: float, count_target: int, count_reference: int, *,
            target: str, reference: str) -> str:
    """One row of a keyness table in plain words, effect first, then how sure it is."""
    sure = f"{significance_words(p)} (p {'< 0.001' if p < 0.001 else f'= {p:.3f}'})"
    if count_reference == 0:
        return f"only in {target} ({count_target}×); {sure}"
    if count_target == 0:
        return f"never in {target}, {count_reference}× in {reference}; {sure}"
    ratio = 2.0 ** float(log_ratio)
    if direction == "target":
        return f"{ratio:.1f}× as frequent in {target} as in {reference}; {sure}"
    return f"{1 / ratio:.1f}× as frequent in {reference} as in {target}; {sure}"
