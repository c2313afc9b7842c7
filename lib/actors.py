"""Named actors over the filtered documents: counts, the actor × organisation matrix,
the co-occurrence network and an actor's profile.

Pure functions over the annotation tables (``lib.counts``): ``actor_counts``,
``actor_types``, ``cooc``, ``mentions``, ``sentences``, ``tokens`` and the documents table.
Every rate is per 1,000 words of ``documents.n_words``. No Streamlit here.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

from lib.terms import keyness, normalised_forms, word_mask
from lib.words import normalise_apostrophes

TYPES = ("PERSON", "STATE", "ORG", "PLACE")
TYPE_NAMES = {"PERSON": "people", "STATE": "states", "ORG": "organisations", "PLACE": "places"}
DEMONYM = "DEMONYM"
ACTOR_ORG_COLUMNS = ["actor", "type", "org_short", "count", "words", "per_1000"]
ACTOR_TABLE_COLUMNS = ["actor", "type", "count", "per_1000", "documents", "organisations"]
PAIR_COLUMNS = ["actor_a", "actor_b", "sentences", "documents"]
NODE_COLUMNS = ["actor", "type", "mentions", "x", "y", "degree"]
DOC_COLUMNS = ["doc_id", "org_short", "count", "words", "per_1000"]
SENTENCE_COLUMNS = ["doc_id", "org_short", "sent_id", "start", "end", "text", "named_as", "sent_start"]
CONAMED_COLUMNS = ["actor", "type", "sentences", "documents"]
ASSOCIATED_COLUMNS = ["org_short", "word", "count_with", "count_without", "per_1000_with", "per_1000_without", "g2",
                      "log_ratio"]


def actor_key(text: str) -> str:
    """How names are matched: case-folded, apostrophes straightened, spaces collapsed."""
    return " ".join(normalise_apostrophes(str(text)).casefold().split())


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
        named = mentions[mentions["label"].astype(str) != DEMONYM]
        pairs = (named.assign(text=named["text"].astype(str), actor=named["actor"].astype(str))
                 .groupby(["text", "actor"]).size().reset_index(name="n").sort_values("n"))
        for text, actor in zip(pairs["text"], pairs["actor"], strict=False):
            if actor in known:
                index[actor_key(text)] = actor
    for name, forms in _gazetteer_forms(gazetteer_path, extra_gazetteer).items():
        if name in known:
            for form in forms:
                index.setdefault(actor_key(form), name)
            index[actor_key(name)] = name
    for name in known:
        index[actor_key(name)] = name
    return index


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
        from lib import gazetteer
    except ImportError:  # pragma: no cover - the NLP engineer's module is part of the app
        return {}
    try:
        if path == "":
            return {}
        if path is None:
            gaz = gazetteer.load_gazetteer(extra)
            entries = gaz.actors
        else:
            if not Path(path).is_file():
                return {}
            entries, _ = gazetteer.read_actor_file(Path(path))
    except Exception:  # noqa: BLE001  (a broken gazetteer must not break resolving names)
        return {}
    return {a.name: [*a.aliases, *a.demonyms] for a in entries}


def parse_types(values: Sequence[str]) -> tuple[list[str], list[str]]:
    """Actor types from URL values: repeated or comma-separated, labels or plain names.

    ``types=PERSON,STATE``, ``types=people&types=states`` and ``types=person`` all work.

    Returns:
        ``(types, messages)``: known types in ``TYPES`` order (all of them when none is
        given or none is valid), and one message per value not understood.
    """
    names = {**{t.casefold(): t for t in TYPES}, **{v.casefold(): k for k, v in TYPE_NAMES.items()},
             "people": "PERSON", "person": "PERSON", "state": "STATE", "organisation": "ORG",
             "organization": "ORG", "organizations": "ORG", "orgs": "ORG", "place": "PLACE"}
    chosen: set[str] = set()
    messages: list[str] = []
    for value in values:
        for part in str(value).split(","):
            part = part.strip()
            if not part:
                continue
            kind = names.get(part.casefold())
            if kind is None:
                shown = part if len(part) <= 40 else part[:39] + "…"
                messages.append(f"Unknown actor type '{shown}' in the link was ignored "
                                "(use people, states, organisations, places).")
            else:
                chosen.add(kind)
    return ([t for t in TYPES if t in chosen] or list(TYPES)), messages


def resolve_actor(value: str | None, index: Mapping[str, str]) -> str | None:
    """The canonical name a typed or linked value means, or None.

    Case-insensitive; curly and straight apostrophes alike; canonical names and aliases.
    """
    if not value or not str(value).strip():
        return None
    return index.get(actor_key(value))


# ================================================================ counts
def select_actor_counts(actor_counts: pd.DataFrame, actor_types: pd.DataFrame, documents: pd.DataFrame, *,
                        types: Sequence[str] = TYPES, demonyms: bool = True) -> pd.DataFrame:
    """Actor count rows of the filtered documents, with type and organisation attached.

    Args:
        actor_counts: ``lib.counts.ACTOR_COUNT_COLUMNS``.
        actor_types: ``lib.counts.ACTOR_TYPE_COLUMNS``.
        documents: the filtered documents.
        types: keep actors of these types.
        demonyms: count DEMONYM mentions ("Russian troops") for their state or bloc.

    Returns:
        Columns doc_id, actor, type, org_short, count (plain strings and ints).
    """
    rows = actor_counts[actor_counts["doc_id"].isin(list(documents["doc_id"]))]
    if not demonyms:
        rows = rows[rows["label"].astype(str) != DEMONYM]
    type_of = dict(zip(actor_types["actor"].astype(str), actor_types["type"].astype(str), strict=False))
    org_of = dict(zip(documents["doc_id"], documents["org_short"], strict=False))
    out = pd.DataFrame({"doc_id": rows["doc_id"].astype(str).to_numpy(), "actor": rows["actor"].astype(str).to_numpy(),
                        "count": rows["count"].to_numpy(dtype=np.int64)})
    out["type"] = out["actor"].map(type_of).fillna("PLACE")
    out["org_short"] = out["doc_id"].map(org_of)
    return out[out["type"].isin(list(types))].reset_index(drop=True)


def actor_table(rows: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Every actor of the selection: mentions, rate, documents and organisations naming them.

    Returns:
        ``ACTOR_TABLE_COLUMNS``, most mentioned first.
    """
    words = float(documents["n_words"].sum())
    if rows.empty or words <= 0:
        return pd.DataFrame(columns=ACTOR_TABLE_COLUMNS)
    out = rows.groupby(["actor", "type"], as_index=False).agg(count=("count", "sum"), documents=("doc_id", "nunique"),
                                                              organisations=("org_short", "nunique"))
    out["per_1000"] = out["count"] / words * 1000
    return out.sort_values(["count", "actor"], ascending=[False, True]).reset_index(drop=True)[ACTOR_TABLE_COLUMNS]


def actors_by_org(rows: pd.DataFrame, documents: pd.DataFrame, actors: Sequence[str]) -> pd.DataFrame:
    """Mentions of some actors by each organisation, with the rate per 1,000 of its words.

    The rate divides by all the organisation's words in the selection, so an organisation
    with long documents does not look more interested merely by writing more: this is the
    actor × organisation matrix (zeros included).

    Returns:
        ``ACTOR_ORG_COLUMNS``, actors in the order given, organisations alphabetical.
    """
    org_words = documents.groupby("org_short")["n_words"].sum()
    if not len(actors) or org_words.empty:
        return pd.DataFrame(columns=ACTOR_ORG_COLUMNS)
    part = rows[rows["actor"].isin(list(actors))]
    counted = part.groupby(["actor", "org_short"])["count"].sum()
    index = pd.MultiIndex.from_product([list(actors), list(org_words.index)], names=["actor", "org_short"])
    out = counted.reindex(index, fill_value=0).reset_index()
    type_of = dict(zip(rows["actor"], rows["type"], strict=False))
    out["type"] = out["actor"].map(type_of).fillna("")
    out["words"] = out["org_short"].map(org_words).astype(int)
    out["per_1000"] = out["count"] / out["words"].clip(lower=1) * 1000
    out["count"] = out["count"].astype(int)
    return out[ACTOR_ORG_COLUMNS]


# ================================================================ network
def pairs(cooc: pd.DataFrame, documents: pd.DataFrame, *, demonyms: bool = True,
          actors: Iterable[str] | None = None) -> pd.DataFrame:
    """Actor pairs named in the same sentence, summed over the filtered documents.

    Args:
        cooc: ``lib.counts.COOC_COLUMNS``.
        documents: the filtered documents.
        demonyms: use the counts where demonyms name their state or bloc.
        actors: keep only pairs where both actors are in this set (e.g. of allowed types).

    Returns:
        ``PAIR_COLUMNS``, most sentences first.
    """
    rows = cooc[cooc["doc_id"].isin(list(documents["doc_id"])) & (cooc["with_demonyms"].astype(bool) == demonyms)]
    frame = pd.DataFrame({"doc_id": rows["doc_id"].astype(str).to_numpy(),
                          "actor_a": rows["actor_a"].astype(str).to_numpy(),
                          "actor_b": rows["actor_b"].astype(str).to_numpy(),
                          "sentences": rows["sentences"].to_numpy(dtype=np.int64)})
    if actors is not None:
        keep = set(actors)
        frame = frame[frame["actor_a"].isin(keep) & frame["actor_b"].isin(keep)]
    if frame.empty:
        return pd.DataFrame(columns=PAIR_COLUMNS)
    out = frame.groupby(["actor_a", "actor_b"], as_index=False).agg(sentences=("sentences", "sum"),
                                                                    documents=("doc_id", "nunique"))
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


def layout(graph: nx.Graph, *, seed: int = 7) -> pd.DataFrame:
    """Node positions (a seeded spring layout, so the same data gives the same picture).

    Returns:
        ``NODE_COLUMNS``, most mentioned first.
    """
    if graph.number_of_nodes() == 0:
        return pd.DataFrame(columns=NODE_COLUMNS)
    # Kamada–Kawai on hop distances spreads a hub-and-spoke graph evenly (a weighted spring
    # layout pulls the strongest pairs into one unreadable clump); a spring layout refines
    # each component's place, seeded so the picture is stable.
    try:
        start = nx.kamada_kawai_layout(graph, weight=None)
    except Exception:  # noqa: BLE001  (scipy missing or a degenerate graph: fall back)
        start = None
    k = 2.2 / max(graph.number_of_nodes(), 1) ** 0.5
    pos = nx.spring_layout(graph, pos=start, seed=seed, weight=None, k=k, iterations=15 if start else 100)
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
def actor_docs(rows: pd.DataFrame, documents: pd.DataFrame, actor: str) -> pd.DataFrame:
    """An actor's mentions in each filtered document that names them.

    Returns:
        ``DOC_COLUMNS``, most mentions first.
    """
    part = rows[rows["actor"] == actor].groupby("doc_id", as_index=False)["count"].sum()
    if part.empty:
        return pd.DataFrame(columns=DOC_COLUMNS)
    words = dict(zip(documents["doc_id"], documents["n_words"], strict=False))
    orgs = dict(zip(documents["doc_id"], documents["org_short"], strict=False))
    part["org_short"] = part["doc_id"].map(orgs)
    part["words"] = part["doc_id"].map(words).astype(int)
    part["per_1000"] = part["count"] / part["words"].clip(lower=1) * 1000
    return part.sort_values(["count", "doc_id"], ascending=[False, True]).reset_index(drop=True)[DOC_COLUMNS]


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
    ranked = per_doc.sort_values(["count", "doc_id"], ascending=[False, True])
    chosen = ranked.groupby("org_short", sort=False).head(per_org)
    return sorted(map(str, chosen["doc_id"]))


def actor_mentions(mentions: pd.DataFrame, documents: pd.DataFrame, actor: str, *,
                   demonyms: bool = True) -> pd.DataFrame:
    """The mention rows of one actor in the filtered documents (plain strings)."""
    rows = mentions[(mentions["actor"].astype(str) == actor) & mentions["doc_id"].isin(list(documents["doc_id"]))]
    if not demonyms:
        rows = rows[rows["label"].astype(str) != DEMONYM]
    return pd.DataFrame({"doc_id": rows["doc_id"].astype(str).to_numpy(), "sent_id": rows["sent_id"].to_numpy(),
                         "start": rows["start"].to_numpy(), "end": rows["end"].to_numpy(),
                         "text": rows["text"].astype(str).to_numpy(), "label": rows["label"].astype(str).to_numpy()})


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
    first = actor_rows.sort_values("start").groupby(["doc_id", "sent_id"], as_index=False).agg(
        start=("start", "first"), end=("end", "first"), named_as=("text", lambda s: " · ".join(dict.fromkeys(s))))
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


def _inside_spans(docs: np.ndarray, starts: np.ndarray, spans: pd.DataFrame) -> np.ndarray:
    """True where (doc, start) falls inside one of the (doc_id, start, end) spans."""
    if not len(docs) or spans.empty:
        return np.zeros(len(docs), dtype=bool)
    left = pd.DataFrame({"doc_id": docs, "pos": np.asarray(starts, dtype=np.int64), "row": np.arange(len(docs))})
    right = pd.DataFrame({"doc_id": spans["doc_id"].astype(str).to_numpy(),
                          "pos": spans["start"].to_numpy(dtype=np.int64), "end": spans["end"].to_numpy(dtype=np.int64)})
    merged = pd.merge_asof(left.sort_values("pos"), right.sort_values("pos"), on="pos", by="doc_id",
                           direction="backward")
    hit = merged["end"].notna() & (merged["pos"] < merged["end"].fillna(-1))
    out = np.zeros(len(docs), dtype=bool)
    out[merged.loc[hit, "row"].to_numpy()] = True
    return out


def associated_words(tokens: pd.DataFrame, actor_rows: pd.DataFrame, org_counts: pd.DataFrame,
                     documents: pd.DataFrame, *, threshold: float = 3.84, min_count: int = 2,
                     top: int = 15) -> pd.DataFrame:
    """Words each organisation uses more in the sentences naming an actor than elsewhere.

    For each organisation: target = the words of its sentences that name the actor (the
    mention's own words left out); reference = all its other words in the selection
    (its word counts from the count table minus the target). Scored with :func:`keyness`
    (G² and log ratio); only over-used words (direction "target") at or above the G²
    threshold, stop words left out.

    Args:
        tokens: token rows of the documents that name the actor.
        actor_rows: :func:`actor_mentions` output.
        org_counts: word counts (``unit="word"``, ``n=1``, stop words included) of the
            filtered documents, as :func:`lib.terms.select_counts` returns them.
        documents: the filtered documents.
        threshold: minimum G².
        min_count: minimum count in the actor's sentences.
        top: at most this many words per organisation.

    Returns:
        ``ASSOCIATED_COLUMNS``, organisations alphabetical, strongest G² first.
    """
    if actor_rows.empty or tokens.empty:
        return pd.DataFrame(columns=ASSOCIATED_COLUMNS)
    t = tokens[tokens["doc_id"].astype(str).isin(set(actor_rows["doc_id"]))]
    t = t[word_mask(t["text"])]
    key = pd.MultiIndex.from_arrays([t["doc_id"].astype(str), t["sent_id"]])
    named = pd.MultiIndex.from_arrays([actor_rows["doc_id"], actor_rows["sent_id"]])
    in_sentence = key.isin(named)
    # Tokens inside the actor's own mention spans are the name itself, not what is said of it.
    inside = _inside_spans(t["doc_id"].astype(str).to_numpy(), t["start"].to_numpy(), actor_rows)
    target_rows = t[in_sentence & ~inside]
    words = pd.Series(normalised_forms(target_rows["lower"]), dtype=object)
    frame = pd.DataFrame({"doc_id": target_rows["doc_id"].astype(str).to_numpy(), "word": words.to_numpy(),
                          "is_stop": target_rows["is_stop"].fillna(False).astype(bool).to_numpy()})
    org_of = dict(zip(documents["doc_id"], documents["org_short"], strict=False))
    frame["org_short"] = frame["doc_id"].map(org_of)
    org_words = documents.groupby("org_short")["n_words"].sum()
    counts = org_counts.assign(org_short=org_counts["doc_id"].map(org_of)).groupby(["org_short", "term"])["count"].sum()
    stop_words = set(frame.loc[frame["is_stop"], "word"])
    parts = []
    for org, part in frame.groupby("org_short", sort=True):
        target = part.groupby("word").size()
        all_org = counts.xs(org, level="org_short") if org in counts.index.get_level_values(0) else pd.Series(
            dtype=float)
        reference = all_org.sub(target, fill_value=0).clip(lower=0)
        target_words = int(len(part))
        reference_words = int(org_words.get(org, 0)) - target_words
        if reference_words <= 0:
            continue
        table = keyness(target, reference, target_words=target_words, reference_words=reference_words)
        table = table[(table["direction"] == "target") & (table["g2"] >= threshold)
                      & (table["count_target"] >= min_count) & ~table["term"].isin(stop_words)]
        table = table.head(top)
        parts.append(pd.DataFrame({
            "org_short": org, "word": table["term"], "count_with": table["count_target"],
            "count_without": table["count_reference"], "per_1000_with": table["per_1000_target"],
            "per_1000_without": table["per_1000_reference"], "g2": table["g2"], "log_ratio": table["log_ratio"],
        }))
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame(columns=ASSOCIATED_COLUMNS)
    return pd.concat(parts, ignore_index=True)[ASSOCIATED_COLUMNS]


def sentences_html(rows: pd.DataFrame, actor_rows: pd.DataFrame, hrefs: Sequence[str], *, labels: Mapping[str, str],
                   limit: int = 100) -> str:
    """Escaped HTML list of the sentences naming an actor, the names marked, each with a link.

    Args:
        rows: :func:`actor_sentences` output.
        actor_rows: :func:`actor_mentions` output (every mention is marked).
        hrefs: one link per row (to the passage in the Document page; built by the page).
        labels: doc_id → document label (shown before each sentence).
        limit: at most this many sentences.

    Returns:
        HTML made only of our own tags around ``escape_html``ed text.
    """
    from lib.safe import Span, escape_html, highlight_html

    spans: dict[tuple[str, int], list[Span]] = {}
    for doc, sent, s, e in zip(actor_rows["doc_id"], actor_rows["sent_id"], actor_rows["start"], actor_rows["end"],
                               strict=False):
        spans.setdefault((doc, int(sent)), []).append(Span(int(s), int(e), "pl-hit"))
    items = []
    for row, href in zip(rows.head(limit).itertuples(index=False), hrefs, strict=False):
        body = highlight_html(row.text, spans.get((row.doc_id, int(row.sent_id)), []), offset=int(row.sent_start))
        body = " ".join(body.split())  # line breaks inside a sentence (headings) would start Markdown paragraphs
        label = escape_html(labels.get(row.doc_id, f"{row.org_short} · {row.doc_id}"))
        items.append(f'<li><span class="pl-src">{label}</span> {body} '
                     f'<a href="{escape_html(href)}" target="_self">Read ›</a></li>')
    return ('<ul class="pl-sents">' + "".join(items) + "</ul>") if items else ""


def similar_actors(value: str, index: Mapping[str, str], *, limit: int = 5) -> list[str]:
    """Canonical names whose names or aliases are spelled like ``value`` (for "did you mean")."""
    import difflib

    keys = difflib.get_close_matches(actor_key(value), list(index), n=limit * 3, cutoff=0.7)
    return list(dict.fromkeys(index[k] for k in keys))[:limit]
