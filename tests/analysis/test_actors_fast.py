"""The fast paths of lib/analysis/actors.py give exactly what the straightforward computations give.

The functions group on integer codes and convert each distinct name once (the annotation
tables hold names as categoricals of hundreds of thousands of rows). Each test here compares
one of them with the plain pandas version it replaced (kept below as ``ref_*``) on a small
random corpus shaped like the real tables, with categorical and plain-string inputs, and on
an empty selection.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lib import contracts
from lib.analysis import actors
from lib.analysis.terms import keyness
from lib.store.counts import word_table

ORGS = ["RCG", "WSWS", "CPGB-ML", "WPI", "WRP"]
NAMES = ["Russia", "Ukraine", "NATO", "Joe Biden", "Vladimir Putin", "Workers' Party", "Europe", "Kyiv",
         "United States", "Unlisted Place"]
TYPES = {"Russia": "STATE", "Ukraine": "STATE", "NATO": "ORG", "Joe Biden": "PERSON", "Vladimir Putin": "PERSON",
         "Workers' Party": "ORG", "Europe": "PLACE", "Kyiv": "PLACE", "United States": "STATE"}  # one left out
FORMS = {"Russia": ["Russia", "Russian", "Moscow"], "Ukraine": ["Ukraine", "Ukrainian"], "NATO": ["NATO", "Nato"],
         "Joe Biden": ["Biden", "Joe Biden"], "Vladimir Putin": ["Putin"], "Workers' Party": ["Workers’ Party"],
         "Europe": ["Europe"], "Kyiv": ["Kyiv", "Kiev"], "United States": ["US", "America"],
         "Unlisted Place": ["Nowhere"]}
VOCAB = ["the", "war", "imperialism", "peace", "of", "sanctions", "expansion", "workers", "and", "army", "oil",
         "they", "profits", "troops", "said", "’s", "o’clock", "Peace", ",", "."]
STOP = {"the", "of", "and", "they", "’s"}


def corpus(seed: int = 3, n_docs: int = 24) -> dict[str, pd.DataFrame]:
    """Documents, tokens, mentions and the count tables derived from them, like lib.store.counts makes."""
    rng = np.random.default_rng(seed)
    docs, tokens, mentions = [], [], []
    for k in range(n_docs):
        doc = f"{ORGS[k % len(ORGS)].lower()}-{k:03d}"
        pos, n_words = 0, 0
        for sent in range(int(rng.integers(2, 7))):
            for i in range(int(rng.integers(4, 14))):
                if rng.random() < 0.25:
                    actor = NAMES[int(rng.integers(len(NAMES)))]
                    text = FORMS[actor][int(rng.integers(len(FORMS[actor])))]
                    label = "DEMONYM" if text in {"Russian", "Ukrainian"} else TYPES.get(actor, "PLACE")
                    mentions.append((doc, sent, pos, pos + len(text), text, label, actor, "gazetteer"))
                else:
                    text = VOCAB[int(rng.integers(len(VOCAB)))]
                    if text in {",", "."} and i:
                        pos -= 1  # written against the word before: starts where a name may end
                tokens.append((doc, sent, i, pos, text, text.lower(), text.lower(), "X", text.lower() in STOP,
                               text.isalpha()))
                pos += len(text) + 1
                n_words += 1
        docs.append((doc, ORGS[k % len(ORGS)], f"Title {k}", n_words))
    documents = pd.DataFrame(docs, columns=["doc_id", "org_short", "title", "n_words"])
    tokens = pd.DataFrame(tokens, columns=["doc_id", "sent_id", "i", "start", "text", "lower", "lemma", "pos",
                                           "is_stop", "is_alpha"])
    mentions = pd.DataFrame(mentions, columns=["doc_id", "sent_id", "start", "end", "text", "label", "actor",
                                               "source"])
    counts = mentions.groupby(["doc_id", "actor", "label"]).size().reset_index(name="count")
    named = mentions.drop_duplicates(["doc_id", "sent_id", "actor"])
    pairs = named.merge(named, on=["doc_id", "sent_id"], suffixes=("_a", "_b"))
    pairs = pairs[pairs["actor_a"] < pairs["actor_b"]]
    cooc = pd.concat([
        pairs.groupby(["doc_id", "actor_a", "actor_b"]).size().reset_index(name="sentences").assign(
            with_demonyms=flag) for flag in (True, False)], ignore_index=True)
    words = word_table(tokens)
    word_counts = (words[words["is_word"]].rename(columns={"norm": "term"}).groupby(["doc_id", "term"]).size()
                   .reset_index(name="count"))
    return {"documents": documents, "tokens": tokens, "mentions": mentions, "actor_counts": counts, "cooc": cooc,
            "actor_types": pd.DataFrame({"actor": list(TYPES), "type": list(TYPES.values())}),
            "word_counts": word_counts}


def categorical(frame: pd.DataFrame) -> pd.DataFrame:
    """Text columns as categoricals with unsorted categories, as the Parquet cache returns them."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object:
            values = list(dict.fromkeys(out[column]))[::-1]
            out[column] = pd.Categorical(out[column], categories=values)
    return out


@pytest.fixture(scope="module")
def data():
    return corpus()


def both_kinds(data, name):
    return [data[name], categorical(data[name])]


# ---------------------------------------------------------------- the computations replaced
def ref_select_actor_counts(actor_counts, actor_types, documents, *, types=contracts.ACTOR_TYPES, demonyms=True,
                            own=False):
    rows = actor_counts[actor_counts["doc_id"].isin(list(documents["doc_id"]))]
    if not own and "own" in rows:
        rows = rows[~rows["own"].fillna(False).astype(bool)]
    if not demonyms:
        rows = rows[rows["label"].astype(str) != actors.DEMONYM]
    type_of = dict(zip(actor_types["actor"].astype(str), actor_types["type"].astype(str), strict=False))
    org_of = dict(zip(documents["doc_id"], documents["org_short"], strict=False))
    out = pd.DataFrame({"doc_id": rows["doc_id"].astype(str).to_numpy(), "actor": rows["actor"].astype(str).to_numpy(),
                        "count": rows["count"].to_numpy(dtype=np.int64)})
    out["type"] = out["actor"].map(type_of).fillna("PLACE")
    out["org_short"] = out["doc_id"].map(org_of)
    return out[out["type"].isin(list(types))].reset_index(drop=True)


# The groupbys on names that ActorRows' bincounts replaced (lib/analysis/actors.py before).
def ref_actor_table(rows, documents):
    words = float(documents["n_words"].sum())
    if rows.empty or words <= 0:
        return pd.DataFrame(columns=actors.ACTOR_TABLE_COLUMNS)
    out = rows.groupby(["actor", "type"], as_index=False).agg(count=("count", "sum"), documents=("doc_id", "nunique"),
                                                              organisations=("org_short", "nunique"))
    out["per_1000"] = out["count"] / words * 1000
    return out.sort_values(["count", "actor"], ascending=[False, True]).reset_index(drop=True)[
        actors.ACTOR_TABLE_COLUMNS]


def ref_actors_by_org(rows, documents, wanted):
    org_words = documents.groupby("org_short")["n_words"].sum()
    if not len(wanted) or org_words.empty:
        return pd.DataFrame(columns=actors.ACTOR_ORG_COLUMNS)
    part = rows[rows["actor"].isin(list(wanted))]
    counted = part.groupby(["actor", "org_short"])["count"].sum()
    index = pd.MultiIndex.from_product([list(wanted), list(org_words.index)], names=["actor", "org_short"])
    out = counted.reindex(index, fill_value=0).reset_index()
    type_of = dict(zip(part["actor"], part["type"], strict=False))
    out["type"] = out["actor"].map(type_of).fillna("")
    out["words"] = out["org_short"].map(org_words).astype(int)
    out["per_1000"] = out["count"] / out["words"].clip(lower=1) * 1000
    out["count"] = out["count"].astype(int)
    return out[actors.ACTOR_ORG_COLUMNS]


def ref_actor_docs(rows, documents, actor):
    part = rows[rows["actor"] == actor].groupby("doc_id", as_index=False)["count"].sum()
    if part.empty:
        return pd.DataFrame(columns=actors.DOC_COLUMNS)
    words = dict(zip(documents["doc_id"], documents["n_words"], strict=False))
    orgs = dict(zip(documents["doc_id"], documents["org_short"], strict=False))
    part["org_short"] = part["doc_id"].map(orgs)
    part["words"] = part["doc_id"].map(words).astype(int)
    part["per_1000"] = part["count"] / part["words"].clip(lower=1) * 1000
    return part.sort_values(["count", "doc_id"], ascending=[False, True]).reset_index(drop=True)[actors.DOC_COLUMNS]


def ref_sample_docs(per_doc, *, cap=actors.PROFILE_SAMPLE_DOCS, min_per_org=actors.PROFILE_MIN_PER_ORG):
    if per_doc.empty:
        return []
    if len(per_doc) <= cap:
        return sorted(map(str, per_doc["doc_id"]))
    per_org = max(min_per_org, cap // max(int(per_doc["org_short"].nunique()), 1))
    ranked = per_doc.sort_values(["count", "doc_id"], ascending=[False, True])
    return sorted(map(str, ranked.groupby("org_short", sort=False).head(per_org)["doc_id"]))


def ref_pairs(cooc, documents, *, demonyms=True, actors_=None):
    rows = cooc[cooc["doc_id"].isin(list(documents["doc_id"])) & (cooc["with_demonyms"].astype(bool) == demonyms)]
    frame = pd.DataFrame({"doc_id": rows["doc_id"].astype(str).to_numpy(),
                          "actor_a": rows["actor_a"].astype(str).to_numpy(),
                          "actor_b": rows["actor_b"].astype(str).to_numpy(),
                          "sentences": rows["sentences"].to_numpy(dtype=np.int64)})
    if actors_ is not None:
        keep = set(actors_)
        frame = frame[frame["actor_a"].isin(keep) & frame["actor_b"].isin(keep)]
    if frame.empty:
        return pd.DataFrame(columns=actors.PAIR_COLUMNS)
    out = frame.groupby(["actor_a", "actor_b"], as_index=False).agg(sentences=("sentences", "sum"),
                                                                    documents=("doc_id", "nunique"))
    return out.sort_values(["sentences", "actor_a", "actor_b"], ascending=[False, True, True]).reset_index(
        drop=True)[actors.PAIR_COLUMNS]


def ref_alias_index(known, mentions):
    index = {}
    named = mentions[mentions["label"].astype(str) != actors.DEMONYM]
    pairs = (named.assign(text=named["text"].astype(str), actor=named["actor"].astype(str))
             .groupby(["text", "actor"]).size().reset_index(name="n").sort_values("n"))
    for text, actor in zip(pairs["text"], pairs["actor"], strict=False):
        if actor in known:
            index[actors.actor_key(text)] = actor
    for name in known:
        index[actors.actor_key(name)] = name
    return index


def ref_actor_mentions(mentions, documents, actor, *, demonyms=True):
    rows = mentions[(mentions["actor"].astype(str) == actor) & mentions["doc_id"].isin(list(documents["doc_id"]))]
    if not demonyms:
        rows = rows[rows["label"].astype(str) != actors.DEMONYM]
    return pd.DataFrame({"doc_id": rows["doc_id"].astype(str).to_numpy(), "sent_id": rows["sent_id"].to_numpy(),
                         "start": rows["start"].to_numpy(), "end": rows["end"].to_numpy(),
                         "text": rows["text"].astype(str).to_numpy(), "label": rows["label"].astype(str).to_numpy()})


def ref_actor_sentences(actor_rows, sentences, documents):
    if actor_rows.empty or sentences.empty:
        return pd.DataFrame(columns=actors.SENTENCE_COLUMNS)
    first = actor_rows.sort_values("start").groupby(["doc_id", "sent_id"], as_index=False).agg(
        start=("start", "first"), end=("end", "first"), named_as=("text", lambda s: " · ".join(dict.fromkeys(s))))
    sents = pd.DataFrame({"doc_id": sentences["doc_id"].astype(str).to_numpy(),
                          "sent_id": sentences["sent_id"].to_numpy(),
                          "sent_start": sentences["start"].to_numpy(),
                          "text": sentences["text"].astype(str).to_numpy()})
    out = first.merge(sents, on=["doc_id", "sent_id"], how="inner")
    out["org_short"] = out["doc_id"].map(dict(zip(documents["doc_id"], documents["org_short"], strict=False)))
    return out.sort_values(["org_short", "doc_id", "start"]).reset_index(drop=True)[actors.SENTENCE_COLUMNS]


def ref_inside_spans(docs, starts, spans):
    return np.array([any(d == sd and s <= p < e for sd, s, e in zip(spans["doc_id"], spans["start"], spans["end"],
                                                                     strict=True))
                     for d, p in zip(docs, starts, strict=True)], dtype=bool)


def ref_associated_words(tokens, actor_rows, org_counts, documents, *, threshold=3.84, min_count=2, top=15):
    """Per organisation: lib.analysis.terms.keyness of its words near the actor against all its other words."""
    if actor_rows.empty or tokens.empty:
        return pd.DataFrame(columns=actors.ASSOCIATED_COLUMNS)
    t = word_table(tokens[tokens["doc_id"].astype(str).isin(set(actor_rows["doc_id"]))])
    t = t[t["is_word"]]
    key = pd.MultiIndex.from_arrays([t["doc_id"].astype(str), t["sent_id"]])
    in_sentence = key.isin(pd.MultiIndex.from_arrays([actor_rows["doc_id"], actor_rows["sent_id"]]))
    inside = ref_inside_spans(t["doc_id"].astype(str).to_numpy(), t["start"].to_numpy(), actor_rows)
    target_rows = t[in_sentence & ~inside]
    frame = pd.DataFrame({"doc_id": target_rows["doc_id"].astype(str).to_numpy(),
                          "word": target_rows["norm"].to_numpy(dtype=object),
                          "is_stop": target_rows["is_stop"].astype(bool).to_numpy()})
    org_of = dict(zip(documents["doc_id"], documents["org_short"], strict=False))
    frame["org_short"] = frame["doc_id"].map(org_of)
    org_words = documents.groupby("org_short")["n_words"].sum()
    counts = (org_counts.assign(org_short=org_counts["doc_id"].astype(str).map(org_of), term=org_counts["term"]
                                .astype(str)).groupby(["org_short", "term"])["count"].sum())
    stop_words = set(frame.loc[frame["is_stop"], "word"])
    parts = []
    for org, part in frame.groupby("org_short", sort=True):
        target = part.groupby("word").size()
        all_org = counts.xs(org, level="org_short") if org in counts.index.get_level_values(0) else pd.Series(
            dtype=float)
        reference = all_org.sub(target, fill_value=0).clip(lower=0)
        target_words = len(part)
        reference_words = int(org_words.get(org, 0)) - target_words
        if reference_words <= 0:
            continue
        table = keyness(target, reference, target_words=target_words, reference_words=reference_words)
        table = table[(table["direction"] == "target") & (table["g2"] >= threshold)
                      & (table["count_target"] >= min_count) & ~table["term"].isin(stop_words)].head(top)
        parts.append(pd.DataFrame({
            "org_short": org, "word": table["term"], "count_with": table["count_target"],
            "count_without": table["count_reference"], "per_1000_with": table["per_1000_target"],
            "per_1000_without": table["per_1000_reference"], "g2": table["g2"], "log_ratio": table["log_ratio"],
        }))
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame(columns=actors.ASSOCIATED_COLUMNS)
    return pd.concat(parts, ignore_index=True)[actors.ASSOCIATED_COLUMNS]


def same(fast: pd.DataFrame, ref: pd.DataFrame) -> None:
    if ref.empty:
        assert fast.empty and list(fast.columns) == list(ref.columns)
    else:
        pd.testing.assert_frame_equal(fast, ref, check_exact=True)


# ---------------------------------------------------------------- the comparisons
SETTINGS = [dict(), dict(demonyms=False), dict(types=["PERSON", "ORG"]), dict(types=["PLACE"], demonyms=False),
            dict(own=True), dict(own=True, demonyms=False, types=["STATE", "PLACE"]), dict(types=[])]


def with_own(counts: pd.DataFrame, seed: int = 5) -> pd.DataFrame:
    """The count rows with an ``own`` flag (a document's own organisation or author), as the store has them."""
    return counts.assign(own=np.random.default_rng(seed).random(len(counts)) < 0.2)


def selections(docs: pd.DataFrame) -> list[pd.DataFrame]:
    """Every document (the fast path with no mask), some, one, none, and every document plus one never named."""
    extra = pd.DataFrame({"doc_id": ["zz-unnamed"], "org_short": ["ZZ"], "title": ["None"], "n_words": [40]})
    return [docs, docs[docs["org_short"].isin(["RCG", "WPI"])], docs.iloc[[3]], docs.iloc[:0],
            pd.concat([extra, docs], ignore_index=True), docs.iloc[::-1]]


def same_columns(fast: pd.DataFrame, ref: pd.DataFrame) -> None:
    """Same columns, values and, unless empty, dtypes."""
    pd.testing.assert_frame_equal(fast, ref, check_exact=True, check_dtype=not ref.empty,
                                  check_index_type=not ref.empty)


@pytest.mark.parametrize("settings", SETTINGS)
def test_select_actor_counts_and_tables(data, settings):
    docs = data["documents"]
    for counts in both_kinds(data, "actor_counts") + [with_own(data["actor_counts"]),
                                                       categorical(with_own(data["actor_counts"]))]:
        for selection in selections(docs):
            ref = ref_select_actor_counts(counts, data["actor_types"], selection, **settings)
            rows = actors.select_actor_counts(counts, data["actor_types"], selection, **settings)
            same_columns(rows, ref)
            assert set(rows["type"]) <= set(settings.get("types", contracts.ACTOR_TYPES))
            coded = actors.actor_rows(counts, data["actor_types"], selection, **settings)
            same_columns(coded.frame(), ref)
            chosen = list(dict.fromkeys(ref["actor"]))[:4] + ["Nobody", "Kyiv"]
            for given in (rows, coded):  # a table or the codes, the same answers as the groupbys on names
                same_columns(actors.actor_table(given, selection), ref_actor_table(ref, selection))
                for wanted in (chosen, chosen[:1], []):
                    same_columns(actors.actors_by_org(given, selection, wanted),
                                 ref_actors_by_org(ref, selection, wanted))
                for actor in NAMES + ["Nobody"]:
                    per_doc = actors.actor_docs(given, selection, actor)
                    same_columns(per_doc, ref_actor_docs(ref, selection, actor))
                    for cap, least in ((3, 1), (5, 2), (120, 5)):
                        assert actors.sample_docs(per_doc, cap=cap, min_per_org=least) == ref_sample_docs(
                            per_doc, cap=cap, min_per_org=least)


def test_sample_docs_of_rows_in_any_order(data):
    rows = ref_select_actor_counts(data["actor_counts"], data["actor_types"], data["documents"])
    per_doc = ref_actor_docs(rows, data["documents"], "Russia")
    tied = per_doc.assign(count=1)  # every count equal: doc_id decides
    for frame in (per_doc, per_doc.iloc[::-1], per_doc.sample(frac=1, random_state=2), tied, tied.iloc[::-1]):
        for cap, least in ((3, 1), (4, 2), (7, 1)):
            assert actors.sample_docs(frame, cap=cap, min_per_org=least) == ref_sample_docs(frame, cap=cap,
                                                                                              min_per_org=least)


@pytest.mark.parametrize("bitmap", [True, False])
def test_actor_counts_of_a_larger_corpus(bitmap, monkeypatch):
    """More documents than actors and ties in the counts: the orders break as the groupbys did."""
    if not bitmap:  # distinct documents and organisations counted by hashing, as for many actors
        monkeypatch.setattr(actors, "BITMAP_CELLS", 0)
    big = corpus(seed=8, n_docs=300)
    docs = big["documents"]
    counts = categorical(with_own(big["actor_counts"], seed=9))
    for selection in (docs, docs[docs["org_short"] != "WSWS"]):
        for settings in SETTINGS[:4]:
            ref = ref_select_actor_counts(counts, big["actor_types"], selection, **settings)
            coded = actors.actor_rows(counts, big["actor_types"], selection, **settings)
            same_columns(actors.actor_table(coded, selection), ref_actor_table(ref, selection))
            top = list(ref_actor_table(ref, selection)["actor"])
            same_columns(actors.actors_by_org(coded, selection, top), ref_actors_by_org(ref, selection, top))
            for actor in top:
                same_columns(actors.actor_docs(coded, selection, actor), ref_actor_docs(ref, selection, actor))


@pytest.mark.parametrize("dense", [True, False])
@pytest.mark.parametrize("demonyms", [True, False])
def test_pairs(data, demonyms, dense, monkeypatch):
    if not dense:  # the path for more possible pairs than DENSE_PAIRS
        monkeypatch.setattr(actors, "DENSE_PAIRS", 0)
    docs = data["documents"]
    for cooc in both_kinds(data, "cooc"):
        for selection in selections(docs):
            for keep in (None, ["Russia", "NATO", "Joe Biden", "Kyiv"], []):
                fast = actors.pairs(cooc, selection, demonyms=demonyms, actors=keep)
                ref = ref_pairs(cooc, selection, demonyms=demonyms, actors_=keep)
                same(fast, ref)
                if keep is None and len(ref):
                    assert fast["sentences"].dtype == np.int64 and fast["documents"].dtype == np.int64


def test_alias_index_ties_break_as_before(data):
    known = set(TYPES)  # "Unlisted Place" is not a known actor: its forms must not resolve
    for mentions in both_kinds(data, "mentions"):
        assert actors.alias_index(known, gazetteer_path="", mentions=mentions) == ref_alias_index(known, mentions)
    # Equal counts: one key ("moscow") seen once for each of two actors; the later one in the old order wins.
    tied = pd.DataFrame({"doc_id": ["d", "d"], "sent_id": [0, 1], "start": [0, 0], "end": [6, 6],
                         "text": ["Moscow", "moscow"], "label": ["STATE", "PLACE"], "actor": ["Russia", "Kyiv"],
                         "source": ["gazetteer"] * 2})
    for mentions in (tied, categorical(tied)):
        assert actors.alias_index(known, gazetteer_path="", mentions=mentions) == ref_alias_index(known, mentions)


@pytest.mark.parametrize("demonyms", [True, False])
def test_actor_mentions(data, demonyms):
    docs = data["documents"]
    for mentions in both_kinds(data, "mentions"):
        for actor in ("Russia", "Workers' Party", "Nobody"):
            for selection in (docs, docs.iloc[::3], docs.iloc[:0]):
                fast = actors.actor_mentions(mentions, selection, actor, demonyms=demonyms)
                ref = ref_actor_mentions(mentions, selection, actor, demonyms=demonyms)
                pd.testing.assert_frame_equal(fast, ref, check_exact=True, check_dtype=not ref.empty)


def sentences_of(tokens):
    """Sentence rows made from the tokens (start, end, the words joined)."""
    grouped = tokens.groupby(["doc_id", "sent_id"], as_index=False)
    return grouped.agg(start=("start", "min"), end=("start", "max"), text=("text", " ".join))


@pytest.mark.parametrize("actor", ["Russia", "Ukraine", "Workers' Party", "Nobody"])
def test_actor_sentences(data, actor):
    docs, sentences = data["documents"], sentences_of(data["tokens"])
    # Two mentions at one offset (overlapping annotations) keep their order as before.
    doubled = pd.concat([data["mentions"], data["mentions"].iloc[::5].assign(text="again")], ignore_index=True)
    for mentions in (data["mentions"], doubled):
        for demonyms in (True, False):
            rows = actors.actor_mentions(mentions, docs, actor, demonyms=demonyms)
            for sents in (sentences, sentences.iloc[::2], sentences.iloc[:0]):
                fast = actors.actor_sentences(rows, sents, docs)
                ref = ref_actor_sentences(rows, sents, docs)
                same(fast, ref)
                if actor != "Nobody" and len(sents) == len(sentences):
                    assert len(fast) and fast["named_as"].str.len().min() > 0


def test_inside_spans_against_a_loop(data):
    tokens, mentions = data["tokens"], data["mentions"]
    codes, names = pd.factorize(tokens["doc_id"])
    span_docs = pd.Index(names).get_indexer(mentions["doc_id"])
    fast = actors._inside_spans(codes, tokens["start"].to_numpy(), span_docs, mentions["start"].to_numpy(),
                                mentions["end"].to_numpy())
    ref = ref_inside_spans(tokens["doc_id"].to_numpy(), tokens["start"].to_numpy(), mentions)
    assert fast.tolist() == ref.tolist() and fast.sum() > 0
    assert not actors._inside_spans(codes[:0], np.array([], dtype=int), span_docs, mentions["start"].to_numpy(),
                                    mentions["end"].to_numpy()).any()


@pytest.mark.parametrize("actor", ["Russia", "NATO", "Joe Biden", "Kyiv", "Nobody"])
@pytest.mark.parametrize("threshold,min_count", [(3.84, 2), (0.0, 1)])
def test_associated_words(data, actor, threshold, min_count):
    big = corpus(seed=11, n_docs=60)  # enough words for several organisations to pass the G² test
    for frames in (data, big):
        docs = frames["documents"]
        for selection in (docs, docs[docs["org_short"] != "RCG"]):
            for demonyms in (True, False):
                rows = ref_actor_mentions(frames["mentions"], selection, actor, demonyms=demonyms)
                counts = frames["word_counts"][frames["word_counts"]["doc_id"].isin(set(selection["doc_id"]))]
                for kind in (lambda f: f, categorical):
                    fast = actors.associated_words(kind(frames["tokens"]), rows, kind(counts), selection,
                                                   threshold=threshold, min_count=min_count, top=4)
                    ref = ref_associated_words(frames["tokens"], rows, counts, selection, threshold=threshold,
                                               min_count=min_count, top=4)
                    same(fast, ref)


def test_associated_words_finds_words(data):
    """The comparisons above are not all empty."""
    big = corpus(seed=11, n_docs=60)
    rows = ref_actor_mentions(big["mentions"], big["documents"], "Russia")
    out = actors.associated_words(big["tokens"], rows, big["word_counts"], big["documents"], threshold=0.0,
                                  min_count=1)
    assert len(out) > 5 and out["org_short"].nunique() > 2
