"""Named actors over the filtered documents: counts, the actor × organisation matrix,
the co-occurrence network and an actor's profile.

Pure functions over the annotation tables (``lib.store.counts``): ``actor_counts``,
``actor_types``, ``cooc``, ``mentions``, ``sentences``, ``tokens`` and the documents table.
Every rate is per 1,000 words of ``documents.n_words``. No Streamlit here.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from lib.analysis.rows import among_unless_all, equal
from lib.analysis.terms import g2, log_ratio
from lib.contracts import ACTOR_TYPES, DEMONYM
from lib.nlp import gazetteer
from lib.store.counts import word_table
from lib.words import normalise_apostrophes

if TYPE_CHECKING:  # networkx is imported where the network is drawn (0.2–0.4 s, one tab of one page)
    import networkx as nx

ACTOR_ORG_COLUMNS = ["actor", "type", "org_short", "count", "words", "per_1000"]
ACTOR_TABLE_COLUMNS = ["actor", "type", "count", "per_1000", "documents", "organisations"]
PAIR_COLUMNS = ["actor_a", "actor_b", "sentences", "documents"]
NODE_COLUMNS = ["actor", "type", "mentions", "x", "y", "degree"]
DOC_COLUMNS = ["doc_id", "org_short", "count", "words", "per_1000"]
SENTENCE_COLUMNS = ["doc_id", "org_short", "sent_id", "start", "end", "text", "named_as", "sent_start"]
# The token columns associated_words reads (a token read of only these is ~40 % quicker): what the
# words layer needs (lib.store.counts.word_table; ``i`` always comes along).
ASSOCIATED_TOKEN_COLUMNS = ["doc_id", "sent_id", "start", "text", "is_stop"]
CONAMED_COLUMNS = ["actor", "type", "sentences", "documents"]
ASSOCIATED_COLUMNS = ["org_short", "word", "count_with", "count_without", "per_1000_with", "per_1000_without", "g2",
                      "log_ratio"]


def actor_key(text: str) -> str:
    """How names are matched: case-folded, apostrophes straightened, spaces collapsed."""
    return " ".join(normalise_apostrophes(str(text)).casefold().split())


# The annotation tables hold names as categoricals with hundreds of thousands of rows;
# ``astype(str)`` on them builds a Python string per row and dominated the page's time.
# These helpers convert each distinct value once, and group on integer codes.
def _codes(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes of ``values`` and the distinct values as ``str`` (``astype(str)`` alike)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    return codes, np.asarray([str(u) for u in uniques], dtype=object)


def _as_str(values: pd.Series) -> np.ndarray:
    """``values.astype(str)`` as an object array, each distinct value converted once."""
    codes, names = _codes(values)
    return names[codes] if len(codes) else np.asarray([], dtype=object)


# ================================================================ resolving a name
def alias_index(actors: Iterable[str], *, gazetteer_path: Path | str | None = None,
                extra_gazetteer: Path | str | None = None, mentions: pd.DataFrame | None = None) -> dict[str, str]:
    """Lookup key → canonical name, for every way a link may name a known actor.

    Keys are case-folded with apostrophes straightened. Sources, weakest first (later ones
    win): the surface forms seen in the mentions (demonyms aside), the gazetteer's aliases
    and canonical names (when a gazetteer is given and readable), and the canonical names
    of the actors in the corpus themselves.

    Args:
        actors: canonical names present in the corpus (``actor_types.actor``).
        gazetteer_path: an actors.yaml (None = the shipped one, if it exists; "" = none).
        extra_gazetteer: a corpus's own actors.yaml, merged over the shipped one.
        mentions: the mention table (``text`` → ``actor``).

    Returns:
        Key → canonical name; only actors present in ``actors`` are targets.
    """
    known = {str(a) for a in actors}
    index: dict[str, str] = {}
    if mentions is not None and len(mentions):
        named = mentions[mentions["label"] != DEMONYM]
        # Count (text, actor) pairs on codes; the pair table is then exactly what a groupby on
        # the strings gives (keys sorted), so the sort by count breaks ties the same way.
        text_codes, texts = _codes(named["text"])
        actor_codes, names = _codes(named["actor"])
        sizes = pd.DataFrame({"t": text_codes, "a": actor_codes}).groupby(["t", "a"], sort=False).size()
        pairs = (pd.DataFrame({"text": texts[sizes.index.get_level_values("t")],
                               "actor": names[sizes.index.get_level_values("a")], "n": sizes.to_numpy()})
                 .sort_values(["text", "actor"]).reset_index(drop=True).sort_values("n"))
        for text, actor in zip(pairs["text"], pairs["actor"], strict=False):
            if actor in known:
                index[actor_key(text)] = actor
    for name, forms in _gazetteer_forms(gazetteer_path, extra_gazetteer).items():
        if name in known:
            for form in forms:
                index.setdefault(actor_key(form), name)
            index[actor_key(name)] = name
    index.update(canonical_index(known))
    return index


def canonical_index(actors: Iterable[str]) -> dict[str, str]:
    """Lookup key → canonical name, for the actors' own names only.

    What :func:`alias_index` gives for these keys too (canonical names win there), without
    reading the gazetteer: the app's own links name actors canonically, so most lookups
    need nothing more.
    """
    return {actor_key(name): str(name) for name in actors}


def _gazetteer_forms(path: Path | str | None, extra: Path | str | None) -> dict[str, list[str]]:
    """Canonical name → aliases (and demonyms) from the gazetteer; {} if unreadable or absent.

    Cached per file state (path, size, modification time), so a page run does not re-read YAML.
    """
    def stamp(p: Path | str | None) -> tuple:
        if p in (None, ""):
            return (p,)
        try:
            st = Path(p).stat()
        except OSError:
            return (str(p),)
        return (str(p), st.st_size, st.st_mtime_ns)

    shipped = Path(__file__).parent / "data" / "actors.yaml"
    return _gazetteer_forms_cached(path, extra, stamp(path if path is not None else shipped), stamp(extra))


@functools.lru_cache(maxsize=8)
def _gazetteer_forms_cached(path: Path | str | None, extra: Path | str | None, _s1: tuple,
                            _s2: tuple) -> dict[str, list[str]]:
    try:
        if path == "":
            return {}
        if path is None:
            entries, _ = gazetteer.merged_actors(extra)
        else:
            if not Path(path).is_file():
                return {}
            entries, _ = gazetteer.read_actor_file(Path(path))
    except Exception:  # a broken gazetteer must not break resolving names
        return {}
    return {a.name: [*a.aliases, *a.demonyms] for a in entries}


def resolve_actor(value: str | None, index: Mapping[str, str]) -> str | None:
    """The canonical name a typed or linked value means, or None.

    Case-insensitive; curly and straight apostrophes alike; canonical names and aliases.
    """
    if not value or not str(value).strip():
        return None
    return index.get(actor_key(value))


# ================================================================ counts
# At 100,000 documents actor_counts has 2.2 million rows (and ~100 distinct actors): the page's
# tables are sums over integer codes (np.bincount), the rows never become strings, and a
# selection of every document takes no mask or copy at all.
def _column_codes(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_codes`, from a categorical's own codes (no pass over the rows but one for missing values).

    Every category gets a code, used or not; a missing value reads "nan" (``astype(str)``) as one more.
    """
    if not isinstance(values.dtype, pd.CategoricalDtype):
        return _codes(values)
    categories = values.cat.categories
    names = (np.asarray(categories, dtype=object) if categories.inferred_type in ("string", "empty")
             else np.asarray([str(c) for c in categories], dtype=object))
    codes = values.cat.codes.to_numpy()
    if values.hasnans:
        codes = np.where(codes < 0, len(names), codes)
        names = np.concatenate([names, np.asarray(["nan"], dtype=object)])
    return codes, names


def _lookup(keys: np.ndarray, documents: pd.DataFrame, columns: Sequence[str]) -> list[np.ndarray]:
    """``documents[column]`` of each doc_id in ``keys``, for each column, as a dict of doc_id → value
    maps them (the last row of a repeated doc_id; NaN for one not there, as ``Series.map`` gives)."""
    ids = pd.Index(documents["doc_id"])
    last = None if ids.is_unique else ~ids.duplicated(keep="last")
    if last is not None:
        ids = ids[last]
    at = ids.get_indexer(keys)
    missing = at < 0
    out = []
    for column in columns:
        values = documents[column].to_numpy()
        if last is not None:
            values = values[last]
        if missing.any():
            values = np.concatenate([values.astype(object), np.asarray([np.nan], dtype=object)])
            if pd.api.types.is_numeric_dtype(documents[column]):
                values = values.astype(float)
        out.append(values[np.where(missing, len(ids), at)])
    return out


def _grouped(major: np.ndarray, minor: np.ndarray | None, width: int, n: int, *, keep: np.ndarray | None = None,
             weights: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray | None]:
    """Rows and summed ``weights`` per group ``major * width + minor`` (codes below ``n``), over the
    rows ``keep`` says (None: all): ``np.bincount`` a million rows at a time, since it makes 8-byte
    copies of its input (100 MB at once for the 4 million co-occurrence rows of 100,000 documents).
    The sums are exact (integers far below 2**53)."""
    rows = np.zeros(n, dtype=np.int64)
    sums = None if weights is None else np.zeros(n, dtype=np.float64)
    for at in range(0, len(major), 1 << 20):
        part = slice(at, at + (1 << 20))
        chosen = None if keep is None else keep[part]
        key = _take(major, part, chosen).astype(np.intp)
        if minor is not None:
            key *= width
            key += _take(minor, part, chosen)
        rows += np.bincount(key, minlength=n)
        if sums is not None:
            sums += np.bincount(key, weights=_take(weights, part, chosen), minlength=n)
    return rows, sums


# Distinct (actor, document) pairs are marked in a bitmap of this many cells at most (10 MB for
# 100 actors × 100,000 documents); beyond, the pair codes are hashed instead.
BITMAP_CELLS = 1 << 25


def _take(values: np.ndarray, part: slice, chosen: np.ndarray | None) -> np.ndarray:
    return values[part] if chosen is None else values[part][chosen]


class ActorRows:
    """The actor count rows of a selection as integer codes: what :func:`select_actor_counts` gives.

    ``doc``, ``actor`` and ``count`` per row; ``doc`` indexes ``doc_ids`` (and ``orgs``, each
    document's organisation), ``actor`` indexes ``names`` (and ``kinds``, each actor's type).
    :func:`actor_table`, :func:`actors_by_org` and :func:`actor_docs` read it through sums
    made once per object (one actor × organisation matrix serves the table and every matrix).
    """

    def __init__(self, doc: np.ndarray, actor: np.ndarray, count: np.ndarray, doc_ids: np.ndarray,
                 orgs: np.ndarray, names: np.ndarray, kinds: np.ndarray) -> None:
        self.doc, self.actor, self.count = doc, actor, np.asarray(count, dtype=np.int64)
        self.doc_ids, self.orgs, self.names, self.kinds = doc_ids, orgs, names, kinds
        self._cache: dict[str, object] = {}

    def __len__(self) -> int:
        return len(self.count)

    @property
    def empty(self) -> bool:
        return not len(self.count)

    @classmethod
    def from_frame(cls, rows: pd.DataFrame) -> ActorRows:
        """From a :func:`select_actor_counts` table (one organisation per document, one type per actor)."""
        doc, doc_ids = _codes(rows["doc_id"])
        actor, names = _codes(rows["actor"])
        first_doc = np.unique(doc, return_index=True)[1] if len(doc) else np.zeros(0, dtype=np.int64)
        first_actor = np.unique(actor, return_index=True)[1] if len(actor) else np.zeros(0, dtype=np.int64)
        return cls(doc, actor, rows["count"].to_numpy(dtype=np.int64), doc_ids,
                   rows["org_short"].to_numpy(dtype=object)[first_doc], names,
                   rows["type"].to_numpy(dtype=object)[first_actor])

    def frame(self) -> pd.DataFrame:
        """The rows as :func:`select_actor_counts` returns them: doc_id, actor, count, type, org_short."""
        return pd.DataFrame({"doc_id": self.doc_ids[self.doc], "actor": self.names[self.actor], "count": self.count,
                             "type": self.kinds[self.actor], "org_short": self.orgs[self.doc]})

    def code(self, name: str) -> int | None:
        """The code of the actor called ``name`` if it has rows here, else None."""
        at = self._cached("codes", lambda: {str(n): i for i, n in enumerate(self.names)}).get(str(name))
        return at if at is not None and self.rows_per_actor()[at] else None

    def _cached(self, key: str, make):
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    def rows_per_actor(self) -> np.ndarray:
        return self._cached("rows", lambda: np.bincount(self.actor, minlength=len(self.names)))

    def org_codes(self) -> tuple[np.ndarray, pd.Index]:
        """Each document's organisation as a code (-1: none, as a groupby drops it) and the organisations."""
        def make():
            codes, uniques = pd.factorize(self.orgs)
            return codes, pd.Index(uniques, dtype=object)
        return self._cached("orgs", make)

    def by_actor_org(self) -> np.ndarray:
        """Mentions per actor (rows) and organisation (columns of :meth:`org_codes`), int64."""
        def make():
            doc_org, orgs = self.org_codes()
            row_org = doc_org[self.doc]
            has = row_org >= 0
            _, sums = _grouped(self.actor, row_org, len(orgs), len(self.names) * len(orgs),
                               keep=None if has.all() else has, weights=self.count)
            return np.rint(sums).astype(np.int64).reshape(len(self.names), len(orgs))
        return self._cached("matrix", make)

    def distinct_per_actor(self, per_row: np.ndarray, n: int) -> np.ndarray:
        """How many distinct values of ``per_row`` (codes below ``n``, -1 left out) each actor has rows with."""
        has = per_row >= 0
        if has.all():
            key = self.actor.astype(np.intp)
            key *= n
            key += per_row
        else:
            key = self.actor[has].astype(np.intp) * n + per_row[has]
        if len(self.names) * n <= BITMAP_CELLS:  # a bitmap of (actor, value) seen
            seen = np.zeros(len(self.names) * n, dtype=bool)
            seen[key] = True
            return np.count_nonzero(seen.reshape(len(self.names), n), axis=1)
        return np.bincount(pd.unique(key) // n, minlength=len(self.names))


def actor_rows(actor_counts: pd.DataFrame, actor_types: pd.DataFrame, documents: pd.DataFrame, *,
               types: Sequence[str] = ACTOR_TYPES, demonyms: bool = True, own: bool = False) -> ActorRows:
    """:func:`select_actor_counts` as integer codes (:class:`ActorRows`), for the tables built on it."""
    keep = among_unless_all(actor_counts["doc_id"], documents["doc_id"])  # None: every document

    def narrow(more: np.ndarray) -> None:
        nonlocal keep
        if not more.all():
            keep = more if keep is None else keep & more

    if not own and "own" in actor_counts:
        narrow(~actor_counts["own"].fillna(False).astype(bool).to_numpy())
    if not demonyms:
        narrow(~equal(actor_counts["label"], DEMONYM))
    type_of = dict(zip(_as_str(actor_types["actor"]), _as_str(actor_types["type"]), strict=False))
    actor, names = _column_codes(actor_counts["actor"])
    kinds = np.asarray([type_of.get(n, "PLACE") for n in names], dtype=object)
    wanted_kind = np.isin(kinds, list(types)) if len(names) else np.zeros(0, dtype=bool)
    if not wanted_kind.all():
        narrow(wanted_kind[actor])
    doc, doc_ids = _column_codes(actor_counts["doc_id"])
    count = actor_counts["count"].to_numpy(dtype=np.int64)
    if keep is not None:  # one take per column, no copy of the frame
        doc, actor, count = doc[keep], actor[keep], count[keep]
    orgs = _lookup(doc_ids, documents, ["org_short"])[0].astype(object)
    return ActorRows(doc, actor, count, doc_ids, orgs, names, kinds)


def select_actor_counts(actor_counts: pd.DataFrame, actor_types: pd.DataFrame, documents: pd.DataFrame, *,
                        types: Sequence[str] = ACTOR_TYPES, demonyms: bool = True, own: bool = False) -> pd.DataFrame:
    """Actor count rows of the filtered documents, with type and organisation attached.

    Args:
        actor_counts: ``lib.contracts.ACTOR_COUNT_COLUMNS``.
        actor_types: ``lib.contracts.ACTOR_TYPE_COLUMNS``.
        documents: the filtered documents.
        types: keep actors of these types.
        demonyms: count DEMONYM mentions ("Russian troops") for their state or bloc.
        own: count a document's own organisation, publication and byline author too (off:
            who a document names leaves out who wrote and published it).

    Returns:
        Columns doc_id, actor, type, org_short, count (plain strings and ints). The page uses
        :func:`actor_rows` (the same rows as codes) instead.
    """
    return actor_rows(actor_counts, actor_types, documents, types=types, demonyms=demonyms, own=own).frame()


def _rows(rows: pd.DataFrame | ActorRows) -> ActorRows:
    return rows if isinstance(rows, ActorRows) else ActorRows.from_frame(rows)


def actor_table(rows: pd.DataFrame | ActorRows, documents: pd.DataFrame) -> pd.DataFrame:
    """Every actor of the selection: mentions, rate, documents and organisations naming them.

    Args:
        rows: :func:`actor_rows` (or :func:`select_actor_counts`) of ``documents``.

    Returns:
        ``ACTOR_TABLE_COLUMNS``, most mentioned first.
    """
    words = float(documents["n_words"].sum())
    if rows.empty or words <= 0:
        return pd.DataFrame(columns=ACTOR_TABLE_COLUMNS)
    rows = _rows(rows)
    _, counts = _grouped(rows.actor, None, 1, len(rows.names), weights=rows.count)
    doc_org, orgs = rows.org_codes()
    named = np.flatnonzero(rows.rows_per_actor())
    out = pd.DataFrame({"actor": rows.names[named], "type": rows.kinds[named],
                        "count": np.rint(counts[named]).astype(np.int64),
                        "documents": rows.distinct_per_actor(rows.doc, len(rows.doc_ids))[named].astype(np.int64),
                        "organisations": rows.distinct_per_actor(doc_org[rows.doc], len(orgs))[named]
                        .astype(np.int64)})
    out["per_1000"] = out["count"] / words * 1000
    # Names are distinct, so (count, actor) orders the rows fully, whatever order they came in.
    return out.sort_values(["count", "actor"], ascending=[False, True]).reset_index(drop=True)[ACTOR_TABLE_COLUMNS]


def actors_by_org(rows: pd.DataFrame | ActorRows, documents: pd.DataFrame, actors: Sequence[str]) -> pd.DataFrame:
    """Mentions of some actors by each organisation, with the rate per 1,000 of its words.

    The rate divides by all the organisation's words in the selection, so an organisation
    with long documents does not look more interested merely by writing more: this is the
    actor × organisation matrix (zeros included).

    Args:
        rows: :func:`actor_rows` (or :func:`select_actor_counts`) of ``documents``.

    Returns:
        ``ACTOR_ORG_COLUMNS``, actors in the order given, organisations alphabetical.
    """
    org_words = documents.groupby("org_short")["n_words"].sum()
    if not len(actors) or org_words.empty:
        return pd.DataFrame(columns=ACTOR_ORG_COLUMNS)
    rows = _rows(rows)
    wanted = [str(a) for a in actors]
    codes = [rows.code(a) for a in wanted]
    _, orgs = rows.org_codes()
    columns = orgs.get_indexer(org_words.index)  # the matrix's column of each organisation (-1: none)
    matrix = rows.by_actor_org()
    counts = np.zeros((len(wanted), len(org_words)), dtype=np.int64)
    for i, code in enumerate(codes):
        if code is not None:
            counts[i] = np.where(columns >= 0, matrix[code][np.maximum(columns, 0)], 0)
    out = pd.DataFrame({"actor": np.repeat(np.asarray(list(actors), dtype=object), len(org_words)),
                        "org_short": np.tile(np.asarray(list(org_words.index), dtype=object), len(wanted)),
                        "count": counts.ravel()})
    out["type"] = np.repeat(np.asarray([rows.kinds[c] if c is not None else "" for c in codes], dtype=object),
                            len(org_words))
    out["words"] = np.tile(org_words.to_numpy(), len(wanted)).astype(int)
    out["per_1000"] = out["count"] / out["words"].clip(lower=1) * 1000
    out["count"] = out["count"].astype(int)
    return out[ACTOR_ORG_COLUMNS]


# ================================================================ network
DENSE_PAIRS = 1 << 20  # up to this many possible (actor_a, actor_b) codes, pairs are counted in arrays that size


def pairs(cooc: pd.DataFrame, documents: pd.DataFrame, *, demonyms: bool = True,
          actors: Iterable[str] | None = None) -> pd.DataFrame:
    """Actor pairs named in the same sentence, summed over the filtered documents.

    Args:
        cooc: ``lib.contracts.COOC_COLUMNS``.
        documents: the filtered documents.
        demonyms: use the counts where demonyms name their state or bloc.
        actors: keep only pairs where both actors are in this set (e.g. of allowed types).

    Returns:
        ``PAIR_COLUMNS``, most sentences first.
    """
    # Summed on the categoricals' own codes: 8 million rows at 100,000 documents, a few thousand
    # possible pairs. No copy of the rows; a selection of every document needs no mask for them.
    # cooc has one row per (document, pair, with_demonyms) (lib.store.counts.cooccurrences), so a
    # pair's rows here are its documents: a count, not a distinct count.
    keep = cooc["with_demonyms"].astype(bool).to_numpy() == demonyms
    in_docs = among_unless_all(cooc["doc_id"], documents["doc_id"])
    if in_docs is not None:
        keep &= in_docs
    a_codes, a_names = _column_codes(cooc["actor_a"])
    b_codes, b_names = _column_codes(cooc["actor_b"])
    sentences = cooc["sentences"].to_numpy()
    n = len(a_names) * len(b_names)
    if n > DENSE_PAIRS:  # too many possible pairs for a count each: number those seen
        key, seen = pd.factorize(a_codes[keep].astype(np.int64) * len(b_names) + b_codes[keep])
        documents_per, sums = _grouped(key, None, 1, len(seen), weights=sentences[keep])
    else:
        seen = None
        documents_per, sums = _grouped(a_codes, b_codes, len(b_names), n, keep=keep, weights=sentences)
    sentences_per = np.rint(sums).astype(np.int64)
    found = np.flatnonzero(documents_per)
    pair = found if seen is None else np.asarray(seen)[found]
    out = pd.DataFrame({"actor_a": a_names[pair // len(b_names)], "actor_b": b_names[pair % len(b_names)],
                        "sentences": sentences_per[found], "documents": documents_per[found].astype(np.int64)})
    if actors is not None:  # whole pairs are kept or dropped, so filtering after summing is the same
        wanted = set(actors)
        out = out[out["actor_a"].isin(wanted) & out["actor_b"].isin(wanted)]
    if out.empty:
        return pd.DataFrame(columns=PAIR_COLUMNS)
    return out.sort_values(["sentences", "actor_a", "actor_b"], ascending=[False, True, True]).reset_index(
        drop=True)[PAIR_COLUMNS]


def keep_pairs(pair_table: pd.DataFrame, actors: Iterable[str]) -> pd.DataFrame:
    """The rows of a :func:`pairs` table whose two actors are both in ``actors``.

    Same as ``pairs(..., actors=actors)`` (the filter is on whole pairs), without summing again.
    """
    keep = set(actors)
    out = pair_table[pair_table["actor_a"].isin(keep) & pair_table["actor_b"].isin(keep)]
    return out.reset_index(drop=True)[PAIR_COLUMNS]


def network(pair_table: pd.DataFrame, actors: pd.DataFrame, *, min_weight: int = 2,
            max_nodes: int = 60) -> nx.Graph:
    """The co-occurrence graph: nodes are actors, an edge's weight the sentences naming both.

    Args:
        pair_table: :func:`pairs` output.
        actors: :func:`actor_table` output (node ``mentions`` and ``type``).
        min_weight: drop edges with fewer sentences; actors left without an edge go too.
        max_nodes: keep the most mentioned actors only (a readable picture).

    Returns:
        A ``networkx.Graph``; nodes carry ``type`` and ``mentions``, edges ``weight``.
    """
    import networkx as nx

    graph = nx.Graph()
    edges = pair_table[pair_table["sentences"] >= max(min_weight, 1)]
    info = actors.set_index("actor")
    for a, b, w in zip(edges["actor_a"], edges["actor_b"], edges["sentences"], strict=False):
        graph.add_edge(a, b, weight=int(w))
    for node in graph.nodes:
        graph.nodes[node]["type"] = str(info["type"].get(node, "")) if node in info.index else ""
        graph.nodes[node]["mentions"] = int(info["count"].get(node, 0)) if node in info.index else 0
    if graph.number_of_nodes() > max_nodes:
        keep = sorted(graph.nodes, key=lambda n: (-graph.nodes[n]["mentions"], n))[:max_nodes]
        graph = graph.subgraph(keep).copy()
        graph.remove_nodes_from([n for n in list(graph.nodes) if graph.degree(n) == 0])
    return graph


def _spread_centre(pos: dict, *, power: float = 0.55) -> dict:
    """Push nodes out from the middle (radius r → r**power, relative to the farthest node).

    A hub-and-spoke network puts its most named actors, and their labels, in one clump at the
    centre while the leaves sit far out; this spends the space on the centre and keeps each
    node's direction, so the picture stays the same shape.
    """
    if len(pos) < 3:
        return pos
    xy = np.array([pos[n] for n in pos], dtype=float)
    centre = np.median(xy, axis=0)
    offset = xy - centre
    radius = np.hypot(offset[:, 0], offset[:, 1])
    far = float(radius.max()) or 1.0
    scale = np.where(radius > 0, (radius / far) ** power * far / np.where(radius > 0, radius, 1.0), 1.0)
    spread = centre + offset * scale[:, None]
    return {n: (float(x), float(y)) for n, (x, y) in zip(pos, spread, strict=False)}


def layout(graph: nx.Graph, *, seed: int = 7) -> pd.DataFrame:
    """Node positions (a seeded spring layout, so the same data gives the same picture).

    Returns:
        ``NODE_COLUMNS``, most mentioned first.
    """
    if graph.number_of_nodes() == 0:
        return pd.DataFrame(columns=NODE_COLUMNS)
    import networkx as nx

    # Kamada–Kawai on hop distances spreads a hub-and-spoke graph evenly (a weighted spring
    # layout pulls the strongest pairs into one unreadable clump); a spring layout refines
    # each component's place, seeded so the picture is stable.
    try:
        start = nx.kamada_kawai_layout(graph, weight=None)
    except Exception:  # scipy missing or a degenerate graph: fall back
        start = None
    k = 2.2 / max(graph.number_of_nodes(), 1) ** 0.5
    pos = nx.spring_layout(graph, pos=start, seed=seed, weight=None, k=k, iterations=15 if start else 100)
    pos = _spread_centre(pos)
    out = pd.DataFrame({
        "actor": list(graph.nodes),
        "type": [graph.nodes[n].get("type", "") for n in graph.nodes],
        "mentions": [graph.nodes[n].get("mentions", 0) for n in graph.nodes],
        "x": [float(pos[n][0]) for n in graph.nodes],
        "y": [float(pos[n][1]) for n in graph.nodes],
        "degree": [int(graph.degree(n)) for n in graph.nodes],
    })
    return out.sort_values(["mentions", "actor"], ascending=[False, True]).reset_index(drop=True)


# ================================================================ an actor's profile
def actor_docs(rows: pd.DataFrame | ActorRows, documents: pd.DataFrame, actor: str) -> pd.DataFrame:
    """An actor's mentions in each filtered document that names them.

    Args:
        rows: :func:`actor_rows` (or :func:`select_actor_counts`) of ``documents``.

    Returns:
        ``DOC_COLUMNS``, most mentions first.
    """
    rows = _rows(rows)
    code = rows.code(actor)
    if code is None:
        return pd.DataFrame(columns=DOC_COLUMNS)
    mine = rows.actor == code
    doc = rows.doc[mine]
    named = np.flatnonzero(np.bincount(doc, minlength=len(rows.doc_ids)))
    sums = np.bincount(doc, weights=rows.count[mine], minlength=len(rows.doc_ids))
    doc_ids, counts = rows.doc_ids[named], np.rint(sums[named]).astype(np.int64)
    # Most mentions first, then by doc_id (distinct: a full order). An argsort of the names and a
    # stable one of the counts: sort_values on the strings took 60 ms for a common actor's 100,000.
    order = np.argsort(doc_ids, kind="stable")
    order = order[np.argsort(-counts[order], kind="stable")]
    doc_ids, counts = doc_ids[order], counts[order]
    orgs, words = _lookup(doc_ids, documents, ["org_short", "n_words"])
    part = pd.DataFrame({"doc_id": doc_ids, "org_short": orgs.astype(object), "count": counts})
    part["words"] = pd.Series(words).astype(int)
    part["per_1000"] = part["count"] / part["words"].clip(lower=1) * 1000
    return part[DOC_COLUMNS]


PROFILE_SAMPLE_DOCS = 120  # documents whose sentences and words an actor's profile reads, at most
PROFILE_MIN_PER_ORG = 5


def sample_docs(per_doc: pd.DataFrame, *, cap: int = PROFILE_SAMPLE_DOCS,
                min_per_org: int = PROFILE_MIN_PER_ORG) -> list[str]:
    """The documents that name an actor most, per organisation, up to a cap in all.

    Reading every document that names a common actor (Russia: nearly the whole corpus)
    costs seconds and gigabytes; the profile's sentences and associated words read these.

    Args:
        per_doc: :func:`actor_docs` output (most mentions first).
        cap: at most this many documents in all (every document when fewer name the actor).
        min_per_org: each organisation gets at least this many (if it has them), even past the cap.

    Returns:
        doc_ids, sorted.
    """
    if per_doc.empty:
        return []
    if len(per_doc) <= cap:
        return sorted(map(str, per_doc["doc_id"]))
    n_orgs = max(int(per_doc["org_short"].nunique()), 1)
    per_org = max(min_per_org, cap // n_orgs)
    ranked = per_doc if _ranked(per_doc) else per_doc.sort_values(["count", "doc_id"], ascending=[False, True])
    chosen = ranked.groupby("org_short", sort=False).head(per_org)
    return sorted(map(str, chosen["doc_id"]))


def _ranked(per_doc: pd.DataFrame) -> bool:
    """Whether the rows are already most mentions first, then by doc_id (as :func:`actor_docs` gives
    them): a pass over neighbours instead of sorting 100,000 strings again."""
    counts, ids = per_doc["count"].to_numpy(), per_doc["doc_id"].to_numpy(dtype=object)
    if len(counts) < 2:
        return True
    if pd.isna(ids).any():
        return False
    before, after = counts[:-1], counts[1:]
    try:
        return bool(np.all((before > after) | ((before == after) & (ids[:-1] < ids[1:]))))
    except TypeError:  # names that do not compare (not strings): sort as before
        return False


def actor_mentions(mentions: pd.DataFrame, documents: pd.DataFrame, actor: str, *,
                   demonyms: bool = True) -> pd.DataFrame:
    """The mention rows of one actor in the filtered documents (plain strings)."""
    # Compared as categoricals (no string per row), converted once the rows are few.
    rows = mentions[(mentions["actor"] == actor) & mentions["doc_id"].isin(list(documents["doc_id"]))]
    if not demonyms:
        rows = rows[rows["label"] != DEMONYM]
    return pd.DataFrame({"doc_id": _as_str(rows["doc_id"]), "sent_id": rows["sent_id"].to_numpy(),
                         "start": rows["start"].to_numpy(), "end": rows["end"].to_numpy(),
                         "text": _as_str(rows["text"]), "label": _as_str(rows["label"])})


def actor_sentences(actor_rows: pd.DataFrame, sentences: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """The sentences that name an actor, once each, in document order.

    Args:
        actor_rows: :func:`actor_mentions` output.
        sentences: sentence rows of (at least) those documents.
        documents: the documents (for the organisation).

    Returns:
        ``SENTENCE_COLUMNS``; ``start`` is the first mention's offset in the cleaned text
        (where a "read" link should open), ``named_as`` the forms used, joined by " · ",
        ``sent_start`` the sentence's offset (``text`` is the sentence as stored).
    """
    if actor_rows.empty or sentences.empty:
        return pd.DataFrame(columns=SENTENCE_COLUMNS)
    ordered = actor_rows.sort_values("start")
    first = ordered.groupby(["doc_id", "sent_id"], as_index=False).agg(start=("start", "first"), end=("end", "first"))
    # The forms of each sentence in order of first use, gathered in one pass (a Python function
    # per group through pandas cost a second for a few thousand sentences).
    forms: dict[tuple, dict[str, None]] = {}
    for doc, sent, text in zip(ordered["doc_id"], ordered["sent_id"], ordered["text"], strict=True):
        forms.setdefault((doc, sent), {})[text] = None
    first["named_as"] = [" · ".join(forms[key]) for key in zip(first["doc_id"], first["sent_id"], strict=True)]
    sents = pd.DataFrame({"doc_id": sentences["doc_id"].astype(str).to_numpy(),
                          "sent_id": sentences["sent_id"].to_numpy(),
                          "sent_start": sentences["start"].to_numpy(),
                          "text": sentences["text"].astype(str).to_numpy()})
    out = first.merge(sents, on=["doc_id", "sent_id"], how="inner")
    out["org_short"] = out["doc_id"].map(dict(zip(documents["doc_id"], documents["org_short"], strict=False)))
    return out.sort_values(["org_short", "doc_id", "start"]).reset_index(drop=True)[SENTENCE_COLUMNS]


def co_named(pair_table: pd.DataFrame, actor: str, actor_types: pd.DataFrame) -> pd.DataFrame:
    """The actors named in the same sentences as ``actor``.

    Args:
        pair_table: :func:`pairs` output.

    Returns:
        ``CONAMED_COLUMNS``, most shared sentences first.
    """
    a = pair_table[pair_table["actor_a"] == actor].rename(columns={"actor_b": "actor"})
    b = pair_table[pair_table["actor_b"] == actor].rename(columns={"actor_a": "actor"})
    both = pd.concat([a[["actor", "sentences", "documents"]], b[["actor", "sentences", "documents"]]])
    if both.empty:
        return pd.DataFrame(columns=CONAMED_COLUMNS)
    type_of = dict(zip(actor_types["actor"].astype(str), actor_types["type"].astype(str), strict=False))
    both["type"] = both["actor"].map(type_of).fillna("")
    return both.sort_values(["sentences", "actor"], ascending=[False, True]).reset_index(drop=True)[CONAMED_COLUMNS]


def _inside_spans(docs: np.ndarray, starts: np.ndarray, span_docs: np.ndarray, span_starts: np.ndarray,
                  span_ends: np.ndarray) -> np.ndarray:
    """True where (doc, start) falls inside one of the spans (doc, start, end); docs as integer codes.

    Positions become one sorted key (document major), so a binary search finds the last span
    starting at or before each position; a running maximum of the span ends says whether any
    span of that document reaching that far covers it.
    """
    if not len(docs) or not len(span_docs):
        return np.zeros(len(docs), dtype=bool)
    width = int(max(np.max(starts), np.max(span_ends))) + 1
    span_keys = np.asarray(span_docs, dtype=np.int64) * width + np.asarray(span_starts, dtype=np.int64)
    order = np.argsort(span_keys, kind="stable")
    # A span's end as a key of its own document: a running maximum never carries past a document
    # (every key of a later document is larger than any of an earlier one).
    reach = np.maximum.accumulate((np.asarray(span_docs, dtype=np.int64) * width
                                   + np.asarray(span_ends, dtype=np.int64))[order])
    keys = np.asarray(docs, dtype=np.int64) * width + np.asarray(starts, dtype=np.int64)
    last = np.searchsorted(span_keys[order], keys, side="right") - 1
    return (last >= 0) & (keys < reach[np.maximum(last, 0)])


def associated_words(tokens: pd.DataFrame, actor_rows: pd.DataFrame, org_counts: pd.DataFrame,
                     documents: pd.DataFrame, *, threshold: float = 3.84, min_count: int = 2,
                     top: int = 15) -> pd.DataFrame:
    """Words each organisation uses more in the sentences naming an actor than elsewhere.

    For each organisation: target = the words (the words layer, in normal form, as the count
    tables count them) of its sentences that name the actor (the mention's own words left out); reference = all its other words in the selection
    (its word counts from the count table minus the target). Scored as :func:`lib.analysis.terms.keyness`
    does (G² and log ratio); only over-used words (more frequent in the target) at or above
    the G² threshold, stop words left out.

    Args:
        tokens: token rows of the documents that name the actor (``ASSOCIATED_TOKEN_COLUMNS`` and ``i``).
        actor_rows: :func:`actor_mentions` output.
        org_counts: word counts (``unit="word"``, ``n=1``, stop words included) of the
            filtered documents, as :func:`lib.analysis.terms.select_counts` returns them.
        documents: the filtered documents.
        threshold: minimum G².
        min_count: minimum count in the actor's sentences.
        top: at most this many words per organisation.

    Returns:
        ``ASSOCIATED_COLUMNS``, organisations alphabetical, strongest G² first (then the word).
    """
    if actor_rows.empty or tokens.empty:
        return pd.DataFrame(columns=ASSOCIATED_COLUMNS)
    tokens = word_table(tokens)
    # The sentences naming the actor, matched on integer (document, sentence) keys; the word
    # and span tests then run on those rows only.
    doc_codes, doc_names = _codes(tokens["doc_id"])
    mention_doc = pd.Index(doc_names).get_indexer(actor_rows["doc_id"])
    known = mention_doc >= 0
    mention_doc = mention_doc[known]
    sent_ids = tokens["sent_id"].to_numpy(dtype=np.int64)
    mention_sent = actor_rows["sent_id"].to_numpy(dtype=np.int64)[known]
    stride = int(max(sent_ids.max(), mention_sent.max(initial=0))) + 1
    in_sentence = np.isin(doc_codes * stride + sent_ids, mention_doc * stride + mention_sent)
    t, t_docs = tokens[in_sentence], doc_codes[in_sentence]
    is_word = t["is_word"].to_numpy(dtype=bool)
    t, t_docs = t[is_word], t_docs[is_word]
    # Tokens inside the actor's own mention spans are the name itself, not what is said of it.
    inside = _inside_spans(t_docs, t["start"].to_numpy(), mention_doc,
                           actor_rows["start"].to_numpy()[known], actor_rows["end"].to_numpy()[known])
    t, t_docs = t[~inside], t_docs[~inside]
    org_of = dict(zip(documents["doc_id"], documents["org_short"], strict=False))
    doc_orgs = pd.Series(doc_names, dtype=object).map(org_of).to_numpy(dtype=object)
    frame = pd.DataFrame({"org_short": doc_orgs[t_docs], "word": t["norm"].to_numpy(dtype=object),
                          "is_stop": t["is_stop"].fillna(False).astype(bool).to_numpy()})
    stop_words = set(frame.loc[frame["is_stop"], "word"])
    target_words = frame.groupby("org_short").size()
    reference_words = documents.groupby("org_short")["n_words"].sum().reindex(target_words.index,
                                                                               fill_value=0) - target_words
    # Every organisation at once: one row per (organisation, word) said near the actor. Words
    # the filters drop anyway (rare, stop words, an organisation with no other words) go first.
    target = frame.groupby(["org_short", "word"]).size()
    orgs = target.index.get_level_values("org_short")
    words = target.index.get_level_values("word")
    target = target[(target.to_numpy() >= min_count) & ~words.isin(stop_words)
                    & (reference_words.reindex(orgs).to_numpy() > 0)]
    if target.empty:
        return pd.DataFrame(columns=ASSOCIATED_COLUMNS)
    orgs, words = target.index.get_level_values("org_short"), target.index.get_level_values("word")
    # The organisation's count of each of these words, from the count table (only those words).
    term_codes, term_names = _codes(org_counts["term"])
    said = set(words)
    needed = np.fromiter((name in said for name in term_names), dtype=bool, count=len(term_names))[term_codes]
    counted = org_counts[needed]
    count_docs, count_doc_names = _codes(counted["doc_id"])
    counts = pd.DataFrame({
        "org_short": pd.Series(count_doc_names, dtype=object).map(org_of).to_numpy(dtype=object)[count_docs],
        "word": term_names[term_codes[needed]], "count": counted["count"].to_numpy(dtype=np.int64),
    }).groupby(["org_short", "word"])["count"].sum()
    a = target.to_numpy(dtype=float)
    b = np.clip(counts.reindex(target.index, fill_value=0).to_numpy(dtype=float) - a, 0, None)
    c = target_words.reindex(orgs).to_numpy(dtype=float)
    d = reference_words.reindex(orgs).to_numpy(dtype=float)
    # The same formulas as lib.analysis.terms.keyness, on every organisation's words in one pass.
    scores = g2(a, b, c, d)
    out = pd.DataFrame({
        "org_short": np.asarray(orgs, dtype=object), "word": np.asarray(words, dtype=object),
        "count_with": a.astype(int), "count_without": b.astype(int), "per_1000_with": a / c * 1000,
        "per_1000_without": b / d * 1000, "g2": scores, "log_ratio": log_ratio(a, b, c, d),
    })
    out = out[(a / c >= b / d) & (scores >= threshold)]
    out = out.sort_values(["org_short", "g2", "word"], ascending=[True, False, True])
    return out.groupby("org_short", sort=False).head(top).reset_index(drop=True)[ASSOCIATED_COLUMNS]


def similar_actors(value: str, index: Mapping[str, str], *, limit: int = 5) -> list[str]:
    """Canonical names whose names or aliases are spelled like ``value`` (for "did you mean")."""
    keys = difflib.get_close_matches(actor_key(value), list(index), n=limit * 3, cutoff=0.7)
    return list(dict.fromkeys(index[k] for k in keys))[:limit]


def find_actor(wanted: str, actor_names: Iterable[str], *, extra_gazetteer: Path | str | None = None,
               mentions: pd.DataFrame | None = None) -> tuple[str | None, list[str]]:
    """The canonical actor a typed name means, or close names ("did you mean").

    The app's links carry canonical names, resolved without reading the gazetteer; an alias
    or a typo needs the full lookup (gazetteer forms and the names as written).

    Returns:
        ``(actor, [])`` when found, ``(None, suggestions)`` when not.
    """
    names = list(actor_names)
    actor = resolve_actor(wanted, canonical_index(names))
    if actor is not None:
        return actor, []
    index = alias_index(names, extra_gazetteer=extra_gazetteer, mentions=mentions)
    actor = resolve_actor(wanted, index)
    return (actor, []) if actor is not None else (None, similar_actors(wanted, index))


ASSOCIATED_STATUS_COLUMNS = ["org_short", "documents", "documents_naming", "sentences", "words_found", "reason"]
MIN_SENTENCES_FOR_WORDS = 3  # fewer sentences naming an actor than this: too few to tell what stands out


def associated_status(organisations: Iterable[str], documents: pd.DataFrame, per_doc: pd.DataFrame,
                      actor_rows: pd.DataFrame, associated: pd.DataFrame, actor: str, *,
                      min_sentences: int = MIN_SENTENCES_FOR_WORDS) -> pd.DataFrame:
    """One row per organisation of the filter for "what each organisation says about" an actor:
    how many of its documents and sentences name the actor, how many words stand out, and, when
    none does, why in words (no document in the selection, never named, too few sentences,
    nothing stands out) — so that no organisation is silently missing.

    Args:
        organisations: the organisations the filter chose (all of the selection's when none chosen).
        documents: the filtered documents.
        per_doc: :func:`actor_docs` (documents naming the actor, with ``org_short``).
        actor_rows: :func:`actor_mentions` of the documents read (``doc_id``, ``sent_id``).
        associated: :func:`associated_words` output.
        actor: the actor's name (for the reasons).
        min_sentences: below this many sentences an organisation's words are not tested.

    Returns:
        ``ASSOCIATED_STATUS_COLUMNS``, in the order of ``organisations``; ``reason`` is '' when
        words were found.
    """
    org_of = dict(zip(documents["doc_id"].astype(str), documents["org_short"].astype(str), strict=False))
    docs_per_org = documents["org_short"].astype(str).value_counts()
    naming = per_doc["org_short"].astype(str).value_counts() if len(per_doc) else pd.Series(dtype=int)
    if len(actor_rows):
        keyed = pd.DataFrame({"org_short": actor_rows["doc_id"].astype(str).map(org_of),
                              "doc_id": actor_rows["doc_id"].astype(str), "sent_id": actor_rows["sent_id"]})
        sentences = keyed.drop_duplicates(["doc_id", "sent_id"]).groupby("org_short").size()
    else:
        sentences = pd.Series(dtype=int)
    found = associated["org_short"].astype(str).value_counts() if len(associated) else pd.Series(dtype=int)
    rows = []
    for org in dict.fromkeys(map(str, organisations)):
        n_docs, n_naming = int(docs_per_org.get(org, 0)), int(naming.get(org, 0))
        n_sent, n_words = int(sentences.get(org, 0)), int(found.get(org, 0))
        if n_words:
            reason = ""
        elif n_docs == 0:
            reason = "has no document in the selection (widen the dates or tags in the sidebar)."
        elif n_naming == 0:
            reason = f"does not name {actor} in its {n_docs:,} selected document{'s' if n_docs != 1 else ''}."
        elif n_sent < min_sentences:
            reason = (f"names {actor} in only {n_sent} sentence{'s' if n_sent != 1 else ''}: too few to tell which "
                      "words stand out.")
        else:
            reason = (f"names {actor} in {n_sent:,} sentences, but no word is used there markedly more than in "
                      "its other writing.")
        rows.append({"org_short": org, "documents": n_docs, "documents_naming": n_naming, "sentences": n_sent,
                     "words_found": n_words, "reason": reason})
    return pd.DataFrame(rows, columns=ASSOCIATED_STATUS_COLUMNS)
