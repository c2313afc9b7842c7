"""Positions: every sentence of the corpus coded by the codebook's rules, and what the codes add up to.

Coding (:func:`code_tables`, :func:`code_store`, :func:`coded_corpus`) reads the store — the
words layer of the tokens, the sentences, the mentions — and applies each category's rules
(:mod:`lib.analysis.codebook`) sentence by sentence. It is vectorised: each distinct query of
the codebook is matched once over a batch of documents with the one matcher of the query
language (:class:`lib.analysis.query.WordsIndex`: the same matching as ``match_starts``, with
each field factorised once per batch and each pattern tried once per distinct form, so a query
costs what it matches), every match becomes a sentence key, and the rules are set
operations on those keys. The result is kept on disk per corpus state and codebook version
(:mod:`lib.store.derived`), so the Positions page reads a small table, not the tokens.

Two tables come out (:class:`Coded`):

* ``codings`` (:data:`CODING_COLUMNS`) — one row per sentence and category it is coded with:
  the sentence's offsets and text, and the numbers of the rules that fired ("1,3").
* ``hits`` (:data:`HIT_COLUMNS`) — what matched in those sentences (offsets into the
  cleaned text and the query or actor), for highlighting the evidence.

The statistics (:func:`matrix`, :func:`over_time`, :func:`pair`) count per organisation the
share of documents that express a category (a Wilson 95% interval) and the coded sentences per
1,000 words (an interval that is the wider of a Poisson interval on the count and a
document-clustered one, since documents differ more than sentences). Tables in, tables out: no
Streamlit, no plotly.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from lib.analysis import rows
from lib.analysis.codebook import Codebook
from lib.analysis.filters import dated_periods
from lib.analysis.query import Query, QueryError, WordsIndex, parse_query
from lib.store import counts, derived

CODING_COLUMNS = ["doc_id", "sent_id", "start", "end", "category", "rules", "text"]
HIT_COLUMNS = ["doc_id", "sent_id", "category", "start", "end", "match"]
MATRIX_COLUMNS = ["category", "org_short", "documents", "docs_with", "share", "share_lo", "share_hi", "sentences",
                  "words", "per_1000", "per_1000_lo", "per_1000_hi", "few"]
OVER_TIME_COLUMNS = ["period", "org_short", "documents", "docs_with", "share", "sentences", "words", "per_1000"]
EXPORT_COLUMNS = ["codebook_version", "basis", "doc_id", "organisation", "date", "sent_id", "start", "end",
                  "category", "label", "rules", "matched", "text"]

BASES = ("rules", "reviewed", "both")  # how a coding was made: rules now; people's reviews come later
MIN_DOCUMENTS = 5  # an organisation with fewer documents is flagged: its shares say little
BATCH_DOCS = 500  # documents coded at a time (their tokens are read together)
Z95 = 1.959963984540054
_SENT_BITS = 24  # sentence key = document code << 24 | sent_id

Progress = Callable[[float, str], None]


@dataclass
class Coded:
    """The codings of some documents under one codebook version (see the module docstring)."""

    version: str
    codings: pd.DataFrame
    hits: pd.DataFrame
    warnings: list[str] = field(default_factory=list)


def empty_codings() -> pd.DataFrame:
    return pd.DataFrame({"doc_id": pd.Series(dtype=object), "sent_id": pd.Series(dtype="int64"),
                         "start": pd.Series(dtype="int64"), "end": pd.Series(dtype="int64"),
                         "category": pd.Series(dtype=object), "rules": pd.Series(dtype=object),
                         "text": pd.Series(dtype=object)})


def empty_hits() -> pd.DataFrame:
    return pd.DataFrame({"doc_id": pd.Series(dtype=object), "sent_id": pd.Series(dtype="int64"),
                         "category": pd.Series(dtype=object), "start": pd.Series(dtype="int64"),
                         "end": pd.Series(dtype="int64"), "match": pd.Series(dtype=object)})


# ---------------------------------------------------------------- coding

@dataclass
class _Compiled:
    """A codebook's queries parsed once; queries that cannot run are dropped with a warning."""

    queries: dict[str, Query]
    warnings: list[str]
    pattern_cache: dict = field(default_factory=dict)  # WordsIndex verdicts on forms, across batches


def _compile(codebook: Codebook) -> _Compiled:
    parsed: dict[str, Query] = {}
    warnings: list[str] = []
    for text in codebook.queries():
        try:
            parsed[text] = parse_query(text)
        except QueryError as exc:  # the strict reader refused these already; a hand-made Codebook may not
            warnings.append(f"'{text[:60]}' was left out: {exc}")
    return _Compiled(parsed, warnings)


@dataclass
class _Hits:
    """Matches of one query or actor: sentence keys and offsets (parallel arrays)."""

    keys: np.ndarray
    starts: np.ndarray
    ends: np.ndarray

    @staticmethod
    def none() -> _Hits:
        z = np.zeros(0, dtype=np.int64)
        return _Hits(z, z, z)


def _keys(doc_codes: np.ndarray, sent_ids: np.ndarray) -> np.ndarray:
    return (doc_codes.astype(np.int64) << _SENT_BITS) | sent_ids.astype(np.int64)


def _doc_codes(column: pd.Series, doc_index: pd.Index) -> np.ndarray:
    """Each row's position in ``doc_index`` (-1 if absent), converting each distinct id once."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        lookup = doc_index.get_indexer(column.cat.categories.astype(str))
        codes = column.cat.codes.to_numpy()
        return np.where(codes >= 0, lookup[np.clip(codes, 0, None)] if len(lookup) else -1, -1)
    return doc_index.get_indexer(column.astype(str))


def _query_hits(compiled: _Compiled, words: pd.DataFrame, keys: np.ndarray,
                warnings: list[str]) -> dict[str, _Hits]:
    out: dict[str, _Hits] = {}
    begins, ends = words["start"].to_numpy(np.int64), words["end"].to_numpy(np.int64)
    index = WordsIndex(words, pattern_cache=compiled.pattern_cache)
    for text, query in list(compiled.queries.items()):
        try:
            starts = index.match_starts(query)
        except QueryError as exc:
            warnings.append(f"'{text[:60]}' was left out: {exc}")
            del compiled.queries[text]  # not tried again on the next batch
            continue
        out[text] = _Hits(keys[starts], begins[starts], ends[starts + query.n - 1])
    return out


def _actor_hits(mentions: pd.DataFrame, doc_index: pd.Index, wanted: Sequence[str]) -> dict[str, _Hits]:
    if not len(wanted) or mentions is None or mentions.empty:
        return {}
    mask = rows.among(mentions["actor"], wanted)
    part = mentions[mask]
    codes = _doc_codes(part["doc_id"], doc_index)
    keep = codes >= 0
    part, codes = part[keep], codes[keep]
    keys = _keys(codes, part["sent_id"].to_numpy())
    actors = part["actor"].astype(str).to_numpy()
    s, e = part["start"].to_numpy(np.int64), part["end"].to_numpy(np.int64)
    return {a: _Hits(keys[actors == a], s[actors == a], e[actors == a]) for a in wanted}


def _union(hits: Iterable[_Hits]) -> np.ndarray:
    parts = [h.keys for h in hits]
    return np.unique(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.int64)


def code_tables(codebook: Codebook, sentences: pd.DataFrame, tokens: pd.DataFrame,
                mentions: pd.DataFrame | None) -> Coded:
    """Code every sentence of these tables with the codebook (see the module docstring).

    Args:
        codebook: a validated codebook.
        sentences: ``contracts.SENTENCE_COLUMNS`` rows (the sentences coded).
        tokens: their tokens (``doc_id, sent_id, i, start, text``, ``lemma``, ``is_stop``).
        mentions: their actor mentions (``doc_id, sent_id, start, end, actor``), or None.

    Returns:
        A :class:`Coded`; ``warnings`` names queries that could not run (too slow a pattern).
    """
    compiled = _compile(codebook)
    return _code(codebook, compiled, sentences, tokens, mentions)


def _code(codebook: Codebook, compiled: _Compiled, sentences: pd.DataFrame, tokens: pd.DataFrame,
          mentions: pd.DataFrame | None) -> Coded:
    warnings = list(compiled.warnings)
    if sentences is None or sentences.empty:
        return Coded(codebook.version, empty_codings(), empty_hits(), warnings)
    doc_index = pd.Index(pd.unique(sentences["doc_id"].astype(str)))
    words = counts.word_table(tokens) if tokens is not None and len(tokens) else None
    q_hits: dict[str, _Hits] = {}
    if words is not None and len(words):
        w_keys = _keys(_doc_codes(words["doc_id"], doc_index), words["sent_id"].to_numpy())
        q_hits = _query_hits(compiled, words, w_keys, warnings)
    a_hits = _actor_hits(mentions, doc_index, codebook.actors())

    def get(name: str, actor: bool = False) -> _Hits:
        return (a_hits if actor else q_hits).get(name) or _Hits.none()

    fired_rows: list[tuple[np.ndarray, str, int]] = []  # (keys, category, rule number)
    hit_parts: list[tuple[str, _Hits, np.ndarray, str]] = []  # (category, hits, allowed keys, match)
    # Rules with ``after`` look at the previous sentence's codes, so they run once every rule
    # without it has run (they never feed each other: no order between categories matters).
    for context_pass in (False, True):
        coded_by: dict[str, np.ndarray] = {}
        if context_pass:
            for keys, category, _ in fired_rows:
                coded_by[category] = np.union1d(coded_by.get(category, keys[:0]), keys)
        for cat in codebook.categories:
            cat_excluded = _union(get(q) for q in cat.exclude)
            for number, rule in enumerate(cat.rules, start=1):
                if bool(rule.after) != context_pass:
                    continue
                triggers = [(q, get(q)) for q in rule.triggers] + [(a, get(a, True)) for a in rule.actors]
                keys = _union(h for _, h in triggers)
                near = [(q, get(q)) for q in rule.near]
                also_near = [(q, get(q)) for q in rule.also_near]
                near_actor = [(a, get(a, True)) for a in rule.near_actor]
                if near:
                    keys = keys[np.isin(keys, _union(h for _, h in near))]
                if also_near:
                    keys = keys[np.isin(keys, _union(h for _, h in also_near))]
                if near_actor:
                    keys = keys[np.isin(keys, _union(h for _, h in near_actor))]
                if rule.after:
                    before = np.concatenate([coded_by.get(c, keys[:0]) for c in rule.after])
                    # the key of a document's sentence n - 1 is key - 1; sentence 0 has none
                    first = (keys & ((1 << _SENT_BITS) - 1)) == 0
                    keys = keys[~first & np.isin(keys - 1, before)]
                if rule.exclude:
                    keys = keys[~np.isin(keys, _union(get(q) for q in rule.exclude))]
                if len(cat_excluded):
                    keys = keys[~np.isin(keys, cat_excluded)]
                if not len(keys):
                    continue
                fired_rows.append((keys, cat.id, number))
                for name, h in (*triggers, *near, *also_near, *near_actor):
                    if len(h.keys):
                        hit_parts.append((cat.id, h, keys, name))

    if not fired_rows:
        return Coded(codebook.version, empty_codings(), empty_hits(), warnings)
    fired = pd.DataFrame({
        "key": np.concatenate([k for k, _, _ in fired_rows]),
        "category": np.concatenate([np.full(len(k), c, dtype=object) for k, c, _ in fired_rows]),
        "rule": np.concatenate([np.full(len(k), n, dtype=np.int64) for k, _, n in fired_rows]),
    })
    fired = fired.drop_duplicates().sort_values(["key", "category", "rule"], kind="stable")
    fired["rules"] = fired["rule"].astype(str)
    several = fired.duplicated(["key", "category"], keep=False).to_numpy()
    # Most sentences fire one rule of a category: only the others need a join (a Python call per group).
    joined = (fired[several].groupby(["key", "category"], sort=False)["rules"].agg(",".join).reset_index()
              if several.any() else fired.iloc[:0][["key", "category", "rules"]])
    coded = pd.concat([fired.loc[~several, ["key", "category", "rules"]], joined], ignore_index=True)
    s_keys = _keys(_doc_codes(sentences["doc_id"], doc_index), sentences["sent_id"].to_numpy())
    sent = pd.DataFrame({"key": s_keys, "doc_id": sentences["doc_id"].astype(str).to_numpy(),
                         "sent_id": sentences["sent_id"].to_numpy(np.int64),
                         "start": sentences["start"].to_numpy(np.int64), "end": sentences["end"].to_numpy(np.int64),
                         "text": sentences["text"].astype(str).to_numpy()})
    codings = coded.merge(sent, on="key", how="inner")
    order = {c: k for k, c in enumerate(codebook.ids)}
    codings = (codings.assign(_c=codings["category"].map(order))
               .sort_values(["doc_id", "sent_id", "_c"], kind="stable")[CODING_COLUMNS].reset_index(drop=True))

    # One frame from concatenated arrays: a frame per (rule, match) cost more than the matching.
    h_keys, h_cats, h_starts, h_ends, h_names = [], [], [], [], []
    for category, h, allowed, name in hit_parts:
        keep = np.isin(h.keys, allowed)
        n = int(keep.sum())
        if n:
            h_keys.append(h.keys[keep])
            h_starts.append(h.starts[keep])
            h_ends.append(h.ends[keep])
            h_cats.append(np.full(n, category, dtype=object))
            h_names.append(np.full(n, name, dtype=object))
    if not h_keys:
        return Coded(codebook.version, codings, empty_hits(), warnings)
    hits = pd.DataFrame({"key": np.concatenate(h_keys), "category": np.concatenate(h_cats),
                         "start": np.concatenate(h_starts), "end": np.concatenate(h_ends),
                         "match": np.concatenate(h_names)}).drop_duplicates(["key", "category", "start", "end"])
    hits = hits.merge(sent[["key", "doc_id", "sent_id"]], on="key", how="inner")
    hits = hits.sort_values(["doc_id", "sent_id", "start", "end"], kind="stable")[HIT_COLUMNS].reset_index(drop=True)
    return Coded(codebook.version, codings, hits, warnings)


_WORD_TOKEN_COLUMNS = ("sent_id", "start", "text", "lemma", "is_stop")


def _batches(ann, doc_ids: Sequence[str], size: int) -> list[list[str]]:
    """Documents in groups of ``size``, those of one store chunk together (fewer file reads)."""
    wanted = set(map(str, doc_ids))
    doc_map = getattr(ann, "doc_map", None)
    if doc_map is not None and len(doc_map) and {"doc_id", "chunk"} <= set(doc_map.columns):
        ordered = doc_map[rows.among(doc_map["doc_id"], wanted)].sort_values(["chunk", "doc_id"])
        ids = [str(d) for d in ordered["doc_id"]]
        ids += sorted(wanted - set(ids))
    else:
        ids = sorted(wanted)
    return [ids[k:k + size] for k in range(0, len(ids), size)]


def code_store(ann, codebook: Codebook, doc_ids: Sequence[str], *, progress: Progress | None = None,
               batch_docs: int = BATCH_DOCS) -> Coded:
    """Code the sentences of these documents, reading the store a batch of documents at a time.

    Args:
        ann: the store (``lib.store.annotations.Annotated`` or an ``Overlay``).
        codebook: a validated codebook.
        doc_ids: the documents to code.
        progress: called as ``progress(fraction, message)`` after each batch.
        batch_docs: documents per batch.
    """
    compiled = _compile(codebook)
    batches = _batches(ann, doc_ids, batch_docs)
    codings, hits, warnings = [], [], list(compiled.warnings)
    compiled.warnings.clear()
    done = 0
    for batch in batches:
        mentions = ann.mentions[rows.among(ann.mentions["doc_id"], batch)] if len(ann.mentions) else ann.mentions
        part = _code(codebook, compiled, ann.sentences(batch), ann.tokens(batch, _WORD_TOKEN_COLUMNS), mentions)
        codings.append(part.codings)
        hits.append(part.hits)
        warnings += [w for w in part.warnings if w not in warnings]
        done += len(batch)
        if progress is not None:
            progress(done / max(len(doc_ids), 1), f"Coding sentences with the codebook: {done:,} of "
                                                  f"{len(doc_ids):,} documents")
    codings = [c for c in codings if len(c)]
    hits = [h for h in hits if len(h)]
    return Coded(codebook.version,
                 pd.concat(codings, ignore_index=True) if codings else empty_codings(),
                 pd.concat(hits, ignore_index=True) if hits else empty_hits(), warnings)


def _cache_name(codebook: Codebook) -> str:
    return f"positions-{codebook.version}"


def cached_codings_path(ann, codebook: Codebook):
    """Where the shared corpus's codings under this codebook are kept, if they were written (nothing read)."""
    return derived.exists(ann.shared.path, _cache_name(codebook))


def cached_codings(ann, codebook: Codebook, doc_ids: Sequence[str] | None = None) -> Coded | None:
    """The shared corpus's codings under this codebook, if they are on disk already (only those
    of ``doc_ids`` when given)."""
    shared = ann.shared
    tables = derived.read_tables(shared.path, _cache_name(codebook), ("codings", "hits", "warnings"), doc_ids=doc_ids)
    if tables is None:
        return None
    return Coded(codebook.version, tables["codings"], tables["hits"], list(tables["warnings"]["message"]))


def coded_corpus(ann, codebook: Codebook, *, progress: Progress | None = None) -> Coded:
    """Every sentence of the corpus coded with the codebook: read from disk, or coded and kept.

    The shared corpus's codings are kept beside its annotation, keyed by the codebook's version
    (a changed rule codes again; a changed label does not). A visitor's uploaded documents
    (``ann.session_ids``) are coded here each time and never written.
    """
    shared = ann.shared
    coded = cached_codings(ann, codebook)
    if coded is None:
        ids = [str(d) for d in shared.doc_stats["doc_id"]]
        coded = code_store(shared, codebook, ids, progress=progress)
        derived.write_tables(shared.path, _cache_name(codebook), {
            "codings": coded.codings, "hits": coded.hits,
            "warnings": pd.DataFrame({"message": pd.Series(coded.warnings, dtype=object)})})
    own = sorted(getattr(ann, "session_ids", ()) or ())
    if own:
        extra = code_store(ann, codebook, own)
        coded = Coded(coded.version, pd.concat([coded.codings, extra.codings], ignore_index=True),
                      pd.concat([coded.hits, extra.hits], ignore_index=True),
                      coded.warnings + [w for w in extra.warnings if w not in coded.warnings])
    return coded


# ---------------------------------------------------------------- intervals

def wilson(k: np.ndarray | float, n: np.ndarray | float, z: float = Z95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval of a proportion ``k / n`` (0..1; ``n == 0`` gives NaN)."""
    k = np.asarray(k, dtype=float)
    n = np.asarray(n, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        denom = 1 + z * z / n
        centre = (p + z * z / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return np.clip(centre - half, 0, 1), np.clip(centre + half, 0, 1)


_LOG_FACTORIALS = np.concatenate([[0.0], np.cumsum(np.log(np.arange(1, 402)))])  # log(i!) for i ≤ 401
EXACT_POISSON_MAX = 200  # above this count Byar's approximation is as good as exact
_GARWOOD: dict[float, dict[int, tuple[float, float]]] = {}  # tail → count → interval, computed once per process


def _poisson_cdf(k: np.ndarray, mu: np.ndarray) -> np.ndarray:
    """P(X ≤ k) for X ~ Poisson(mu), elementwise (k ≤ 400), summed in log space."""
    i = np.arange(int(k.max()) + 1 if len(k) else 1)
    log_mu = np.log(np.maximum(mu, 1e-300))
    terms = i[None, :] * log_mu[:, None] - mu[:, None] - _LOG_FACTORIALS[None, : len(i)]
    terms = np.where(i[None, :] <= k[:, None], terms, -np.inf)
    top = terms.max(axis=1)
    return np.minimum(1.0, np.exp(top) * np.exp(terms - top[:, None]).sum(axis=1))


def _solve(k: np.ndarray, target: float) -> np.ndarray:
    """For each k, the mu with P(X ≤ k | mu) = target (the CDF falls as mu grows), by bisection."""
    lo, hi = np.zeros(len(k)), 10.0 * k + 20
    for _ in range(45):  # the bracket shrinks to ~1e-10 of its width
        mid = (lo + hi) / 2
        above = _poisson_cdf(k, mid) > target
        lo, hi = np.where(above, mid, lo), np.where(above, hi, mid)
    return (lo + hi) / 2


def poisson_interval(k: np.ndarray | float, z: float = Z95) -> tuple[np.ndarray, np.ndarray]:
    """95% interval of a Poisson count: exact (Garwood) up to :data:`EXACT_POISSON_MAX`, Byar's
    approximation above (within a fraction of a percent there)."""
    k = np.atleast_1d(np.asarray(k, dtype=float))
    lo, hi = np.full(len(k), np.nan), np.full(len(k), np.nan)
    tail = (1 - math.erf(z / math.sqrt(2))) / 2  # 0.025 for z = 1.96
    known = ~np.isnan(k)
    values = np.unique(k[known]).astype(np.int64)
    small, large = values[values <= EXACT_POISSON_MAX], values[values > EXACT_POISSON_MAX]
    memo = _GARWOOD.setdefault(round(tail, 12), {})
    todo = np.asarray([n for n in small.tolist() if n not in memo], dtype=np.int64)
    if len(todo):
        upper = _solve(todo, tail)
        positive = todo[todo > 0]
        lower = dict(zip(positive.tolist(), _solve(positive - 1, 1 - tail).tolist(), strict=True)) if len(positive) else {}
        memo.update({int(n): (lower.get(int(n), 0.0), float(u)) for n, u in zip(todo, upper, strict=True)})
    table: dict[int, tuple[float, float]] = {n: memo[n] for n in small.tolist()}
    for n in large.tolist():
        table[n] = (n * (1 - 1 / (9 * n) - z / (3 * math.sqrt(n))) ** 3,
                    (n + 1) * (1 - 1 / (9 * (n + 1)) + z / (3 * math.sqrt(n + 1))) ** 3)
    for n, (a, b) in table.items():
        lo[k == n], hi[k == n] = max(a, 0.0), b
    return lo, hi


# ---------------------------------------------------------------- per organisation

def doc_counts(codings: pd.DataFrame, doc_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Coded sentences per document and category: ``doc_id, category, sentences``."""
    frame = codings if doc_ids is None else codings[rows.among(codings["doc_id"], doc_ids)]
    if frame.empty:
        return pd.DataFrame({"doc_id": pd.Series(dtype=object), "category": pd.Series(dtype=object),
                             "sentences": pd.Series(dtype="int64")})
    out = frame.groupby(["doc_id", "category"], sort=False, observed=True).size().rename("sentences").reset_index()
    out["doc_id"] = out["doc_id"].astype(str)
    out["category"] = out["category"].astype(str)
    return out


def matrix(codings: pd.DataFrame, documents: pd.DataFrame, categories: Sequence[str], *,
           min_documents: int = MIN_DOCUMENTS) -> pd.DataFrame:
    """The category × organisation table (:data:`MATRIX_COLUMNS`), one row per pair.

    ``share`` (and its Wilson interval ``share_lo``/``share_hi``) is the fraction of the
    organisation's documents with at least one sentence coded with the category; ``per_1000``
    the coded sentences per 1,000 words of its documents, with an interval that is the wider of
    a Poisson interval on the count and a document-clustered (ratio estimator) one. ``few``
    flags organisations with fewer than ``min_documents`` documents. Every category appears for
    every organisation (zeros included), categories in the order given, organisations sorted.
    """
    docs = documents[["doc_id", "org_short", "n_words"]].copy()
    docs["doc_id"] = docs["doc_id"].astype(str)
    docs["n_words"] = docs["n_words"].astype("int64")
    cats = list(categories)
    orgs = sorted(docs["org_short"].astype(str).unique(), key=str.casefold)
    if not cats or not orgs:
        return pd.DataFrame(columns=MATRIX_COLUMNS)
    docs["w2"] = docs["n_words"].astype(float) ** 2
    per_org = docs.groupby("org_short", observed=True).agg(documents=("doc_id", "size"), words=("n_words", "sum"),
                                                           w2=("w2", "sum"))
    per_doc = doc_counts(codings, docs["doc_id"])
    per_doc = per_doc[per_doc["category"].isin(cats)].merge(docs, on="doc_id")
    per_doc["kw"] = per_doc["sentences"] * per_doc["n_words"].astype(float)
    per_doc["k2"] = per_doc["sentences"].astype(float) ** 2
    sums = per_doc.groupby(["category", "org_short"]).agg(docs_with=("doc_id", "size"), sentences=("sentences", "sum"),
                                                          kw=("kw", "sum"), k2=("k2", "sum"))
    grid = pd.MultiIndex.from_product([cats, orgs], names=["category", "org_short"])
    out = sums.reindex(grid, fill_value=0).reset_index()
    out = out.merge(per_org.reset_index(), on="org_short", how="left")
    n = out["documents"].to_numpy(float)
    k = out["docs_with"].to_numpy(float)
    out["share"] = np.where(n > 0, k / np.maximum(n, 1), np.nan)
    out["share_lo"], out["share_hi"] = wilson(k, n)
    big_k = out["sentences"].to_numpy(float)
    w = out["words"].to_numpy(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        r = np.where(w > 0, big_k / w, np.nan)
        # Ratio estimator with documents as clusters: Σ(k_i − r·w_i)² = Σk² − 2rΣkw + r²Σw².
        ss = np.maximum(out["k2"].to_numpy(float) - 2 * r * out["kw"].to_numpy(float) + r * r * out["w2"].to_numpy(float), 0)
        se = np.where(n > 1, np.sqrt(n / np.maximum(n - 1, 1) * ss) / w, np.nan)
        p_lo, p_hi = poisson_interval(big_k)
        lo = np.fmin(np.where(np.isnan(se), np.inf, r - Z95 * se), p_lo / w)
        hi = np.fmax(np.where(np.isnan(se), -np.inf, r + Z95 * se), p_hi / w)
    out["per_1000"] = r * 1000
    out["per_1000_lo"] = np.maximum(lo, 0) * 1000
    out["per_1000_hi"] = hi * 1000
    out["few"] = out["documents"] < min_documents
    for col in ("documents", "docs_with", "sentences", "words"):
        out[col] = out[col].astype("int64")
    return out[MATRIX_COLUMNS]


def category_order(table: pd.DataFrame, categories: Sequence[str]) -> list[str]:
    """Categories with the largest difference between organisations first.

    The difference is the range of ``share`` across the organisations not flagged ``few`` (all
    organisations when fewer than two have enough documents); ties keep the codebook's order.
    """
    cats = list(categories)
    if table.empty:
        return cats
    enough = table[~table["few"]]
    if enough["org_short"].nunique() < 2:
        enough = table
    spread = enough.groupby("category")["share"].agg(lambda s: float(s.max() - s.min()) if s.notna().any() else 0.0)
    rank = {c: k for k, c in enumerate(cats)}
    return sorted(cats, key=lambda c: (-round(float(spread.get(c, 0.0)), 9), rank[c]))


def pair(table: pd.DataFrame, org_a: str, org_b: str, categories: Sequence[str]) -> pd.DataFrame:
    """Two organisations side by side on every category (rows in ``categories`` order).

    Columns: ``category``, then ``share``, ``share_lo``, ``share_hi``, ``per_1000``, ``docs_with``,
    ``documents`` suffixed ``_a`` and ``_b``; ``difference`` (share A − share B, in points of 0..1)
    and ``apart`` (the two Wilson intervals do not overlap).
    """
    keep = ["category", "share", "share_lo", "share_hi", "per_1000", "docs_with", "documents"]
    a = table[table["org_short"] == org_a][keep].set_index("category")
    b = table[table["org_short"] == org_b][keep].set_index("category")
    out = a.join(b, lsuffix="_a", rsuffix="_b", how="outer").reindex(list(categories)).reset_index()
    out["difference"] = out["share_a"] - out["share_b"]
    out["apart"] = (out["share_lo_a"] > out["share_hi_b"]) | (out["share_lo_b"] > out["share_hi_a"])
    return out


def over_time(codings: pd.DataFrame, documents: pd.DataFrame, category: str, *, freq: str = "year") -> pd.DataFrame:
    """A category per period and organisation (:data:`OVER_TIME_COLUMNS`), over the dated documents.

    ``share`` is in percent of the period's documents; every period with documents appears (0
    where none expresses the category).
    """
    dated, periods = dated_periods(documents, freq=freq)
    if dated.empty:
        return pd.DataFrame(columns=OVER_TIME_COLUMNS)
    frame = pd.DataFrame({"doc_id": dated["doc_id"].astype(str).to_numpy(), "period": periods.to_numpy(),
                          "org_short": dated["org_short"].astype(str).to_numpy(),
                          "n_words": dated["n_words"].astype("int64").to_numpy()})
    per_doc = doc_counts(codings[codings["category"].astype(str) == category], frame["doc_id"])
    frame = frame.merge(per_doc[["doc_id", "sentences"]], on="doc_id", how="left")
    frame["sentences"] = frame["sentences"].fillna(0).astype("int64")
    out = frame.groupby(["period", "org_short"], as_index=False).agg(
        documents=("doc_id", "size"), docs_with=("sentences", lambda s: int((s > 0).sum())),
        sentences=("sentences", "sum"), words=("n_words", "sum"))
    out["share"] = out["docs_with"] / out["documents"] * 100
    out["per_1000"] = np.where(out["words"] > 0, out["sentences"] / out["words"].clip(lower=1) * 1000, 0.0)
    return out.sort_values(["period", "org_short"]).reset_index(drop=True)[OVER_TIME_COLUMNS]


def time_freq(documents: pd.DataFrame) -> str:
    """"month" when the dated documents span at most two years (and are dated to the month), else "year"."""
    dated = documents[documents["date"].fillna("") != ""]
    if dated.empty:
        return "year"
    years = dated["date"].str[:4]
    if years.nunique() <= 2 and (dated["date_precision"] != "year").any():
        return "month"
    return "year"


# ---------------------------------------------------------------- evidence

def evidence(coded: Coded, documents: pd.DataFrame, category: str, *, org: str | None = None) -> pd.DataFrame:
    """The sentences coded with ``category`` in these documents (one organisation's, if given).

    Returns:
        ``doc_id, sent_id, sent_start, start, end, text, rules, org_short, title, date``: in
        organisation, date, document and text order (``sent_start`` == ``start``, for the
        sentence-list builder).
    """
    docs = documents if org is None else documents[documents["org_short"].astype(str) == org]
    codings = coded.codings
    part = codings[(codings["category"].astype(str) == category) & rows.among(codings["doc_id"], docs["doc_id"])]
    meta = docs[["doc_id", "org_short", "title", "date"]].assign(doc_id=lambda d: d["doc_id"].astype(str))
    out = part.assign(doc_id=part["doc_id"].astype(str)).merge(meta, on="doc_id", how="inner")
    out = out.assign(sent_start=out["start"], date=out["date"].fillna("").astype(str))
    out = out.sort_values(["org_short", "date", "doc_id", "start"], kind="stable").reset_index(drop=True)
    return out[["doc_id", "sent_id", "sent_start", "start", "end", "text", "rules", "org_short", "title", "date"]]


def evidence_hits(coded: Coded, sentences: pd.DataFrame, category: str | None = None) -> pd.DataFrame:
    """The hits inside these sentences (``doc_id, sent_id`` rows), of one category if given."""
    hits = coded.hits if category is None else coded.hits[coded.hits["category"].astype(str) == category]
    if hits.empty or sentences.empty:
        return empty_hits()
    keys = set(zip(sentences["doc_id"].astype(str), sentences["sent_id"].astype(int), strict=False))
    mask = [(d, int(s)) in keys for d, s in zip(hits["doc_id"].astype(str), hits["sent_id"], strict=False)]
    return hits[np.asarray(mask, dtype=bool)].reset_index(drop=True)


def document_categories(coded: Coded, doc_id: str, categories: Sequence[str]) -> pd.DataFrame:
    """One document's coded sentences, categories in the codebook's order, then text order.

    Returns:
        ``category, doc_id, sent_id, sent_start, start, end, text, rules``.
    """
    part = coded.codings[rows.equal(coded.codings["doc_id"], doc_id)]
    order = {c: k for k, c in enumerate(categories)}
    part = part[part["category"].astype(str).isin(order)]
    part = part.assign(_c=part["category"].astype(str).map(order), sent_start=part["start"],
                       doc_id=part["doc_id"].astype(str), category=part["category"].astype(str))
    part = part.sort_values(["_c", "start"], kind="stable").reset_index(drop=True)
    return part[["category", "doc_id", "sent_id", "sent_start", "start", "end", "text", "rules"]]


@dataclass(frozen=True)
class CategorySets:
    """The categories two documents express: both, only A, only B (codebook order), with counts."""

    both: list[str]
    only_a: list[str]
    only_b: list[str]
    sentences_a: dict[str, int]
    sentences_b: dict[str, int]


def compare_categories(coded: Coded, a: str, b: str, categories: Sequence[str]) -> CategorySets:
    """Which categories documents ``a`` and ``b`` express (at least one coded sentence)."""
    per_doc = doc_counts(coded.codings, (a, b))
    count_a = dict(zip(per_doc.loc[per_doc["doc_id"] == str(a), "category"],
                       per_doc.loc[per_doc["doc_id"] == str(a), "sentences"].astype(int), strict=False))
    count_b = dict(zip(per_doc.loc[per_doc["doc_id"] == str(b), "category"],
                       per_doc.loc[per_doc["doc_id"] == str(b), "sentences"].astype(int), strict=False))
    cats = list(categories)
    return CategorySets([c for c in cats if c in count_a and c in count_b],
                        [c for c in cats if c in count_a and c not in count_b],
                        [c for c in cats if c in count_b and c not in count_a], count_a, count_b)


# ---------------------------------------------------------------- export

def export_table(coded: Coded, documents: pd.DataFrame, codebook: Codebook, *, basis: str = "rules") -> pd.DataFrame:
    """The codings as one flat table (:data:`EXPORT_COLUMNS`) for CSV and Parquet.

    One row per coded sentence and category, of the documents given: the codebook version and
    basis, the document and its organisation and date, offsets into the cleaned text, the
    category and its label, the rules that fired, what matched ("; "-separated) and the sentence.
    """
    docs = documents[["doc_id", "org_short", "date"]].assign(doc_id=lambda d: d["doc_id"].astype(str))
    codings = coded.codings[rows.among(coded.codings["doc_id"], docs["doc_id"])]
    if codings.empty:
        return pd.DataFrame(columns=EXPORT_COLUMNS)
    frame = codings.assign(doc_id=codings["doc_id"].astype(str), category=codings["category"].astype(str))
    hits = coded.hits.assign(doc_id=coded.hits["doc_id"].astype(str), category=coded.hits["category"].astype(str))
    matched = (hits.groupby(["doc_id", "sent_id", "category"], sort=False)["match"]
               .agg(lambda m: "; ".join(dict.fromkeys(map(str, m)))).rename("matched").reset_index())
    frame = frame.merge(matched, on=["doc_id", "sent_id", "category"], how="left")
    frame = frame.merge(docs.rename(columns={"org_short": "organisation"}), on="doc_id", how="left")
    labels = codebook.labels()
    frame["label"] = frame["category"].map(labels).fillna("")
    frame["matched"] = frame["matched"].fillna("")
    frame["date"] = frame["date"].fillna("").astype(str)
    frame["codebook_version"] = coded.version
    frame["basis"] = basis
    return frame[EXPORT_COLUMNS].reset_index(drop=True)


def matrix_export(table: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """The matrix as a download: labels added, shares and intervals in percent, rounded."""
    out = table.copy()
    out.insert(1, "label", out["category"].map(codebook.labels()).fillna(""))
    for col in ("share", "share_lo", "share_hi"):
        out[col] = (out[col] * 100).round(1)
    for col in ("per_1000", "per_1000_lo", "per_1000_hi"):
        out[col] = out[col].round(3)
    return out.rename(columns={"share": "share_pct", "share_lo": "share_pct_lo", "share_hi": "share_pct_hi"})


def format_share(share: float, lo: float, hi: float) -> str:
    """"42% (30–55)" — a share and its interval in whole percent; "–" when undefined."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "–"
    return f"{share * 100:.0f}% ({lo * 100:.0f}–{hi * 100:.0f})"


def parquet_bytes(frame: pd.DataFrame) -> bytes:
    """A table as Parquet file bytes (a download of the codings or the matrix)."""
    import io

    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()
