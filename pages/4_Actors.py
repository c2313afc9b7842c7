"""Actors: who is named, by whom, how often, alongside whom — and one actor's profile.
Every setting is in the URL (``actor``, ``types``, ``demonyms``, ``rate``, ``minw``)."""

from collections.abc import Iterable

import streamlit as st

from lib import contracts
from lib.analysis import actors, terms
from lib.contracts import CORPUS_ACTORS
from lib.ingest.corpus import corpus_dir, title_of
from lib.render import charts, palette
from lib.safe import safe_label
from lib.web import urls
from lib.web.cached import annotated, org_colours, sentences_for, term_counts, term_counts_for, tokens_for
from lib.web.ui import (
    UrlState,
    download_csv,
    empty_state,
    params_snapshot,
    ranked_links,
    sentence_list,
    setup_page,
    show_chart,
    stop_if_no_documents,
    url_tabs,
    warn,
)

ctx = setup_page("Actors")
docs = ctx.filtered
params = params_snapshot()
msgs: list[str] = []

# ------------------------------------------------------------------ the address → settings
types, type_msgs = urls.parse_types(urls.get_all(params, urls.TYPES))
msgs += type_msgs
demonyms = urls.parse_flag(params, urls.DEMONYMS, default=True, messages=msgs)
own = urls.parse_flag(params, urls.OWN, default=False, messages=msgs)
rate = urls.parse_flag(params, urls.RATE, default=False, messages=msgs)
min_weight = urls.parse_int(params, urls.MIN_WEIGHT, default=2, lo=1, hi=10_000, messages=msgs)
actor_raw = urls.get_one(params, urls.ACTOR, msgs) or ""
top_n = urls.parse_int(params, urls.TOP, default=20, lo=5, hi=50, messages=msgs)
matrix_n = urls.parse_int(params, urls.MATRIX_TOP, default=20, lo=5, hi=40, messages=msgs)

STATE = {"actors-types": (urls.TYPES, types), "actors-demonyms": (urls.DEMONYMS, demonyms),
         "actors-own": (urls.OWN, own), "actors-rate": (urls.RATE, rate), "actors-minw": (urls.MIN_WEIGHT, min_weight),
         "actors-actor": (urls.ACTOR, actor_raw), "actors-top-n": (urls.TOP, top_n),
         "actors-matrix-n": (urls.MATRIX_TOP, matrix_n)}
DEFAULTS = {urls.DEMONYMS: "1", urls.OWN: "0", urls.RATE: "0", urls.MIN_WEIGHT: "2",
            urls.TYPES: ",".join(contracts.ACTOR_TYPES), urls.TOP: "20", urls.MATRIX_TOP: "20"}
url_state = UrlState(STATE, DEFAULTS, arrived=ctx.arrived)
sync = url_state.sync


def open_actor(name: str) -> None:
    st.session_state["actors-actor"] = name
    sync("actors-actor")


def pick(key: str) -> None:
    """A 'go to actor' selector beside a chart: open the chosen profile, reset the selector."""
    if st.session_state.get(key):
        open_actor(st.session_state[key])
    st.session_state[key] = None


def settings_params(**extra: object) -> dict[str, object]:
    return url_state.params(exclude=(urls.ACTOR,), **extra)


def actor_href(name: str) -> str:
    return ctx.href("Actors", **settings_params(**{urls.ACTOR: name}))


def doc_hrefs(doc_ids: Iterable[str]) -> list[str]:
    """``ctx.href("Document", doc=d)`` for each document, the filter part worked out once.

    A common actor is named in thousands of documents: one full ``ctx.href`` each took a
    noticeable part of the page's time.
    """
    return urls.page_hrefs("Document", ctx.filter_params(), urls.DOC, doc_ids)


st.title("Actors")
st.caption("Who each organisation names, how often, and alongside whom.")
warn(msgs)

with st.container(border=True):
    c1, c2, c3, c4 = st.columns([2, 1.3, 1.3, 1.3])
    c1.multiselect("Types", list(contracts.ACTOR_TYPES), key="actors-types", on_change=sync, args=("actors-types",),
                   format_func=lambda t: contracts.TYPE_NAMES[t], placeholder="All types")
    c2.toggle("Demonyms count", key="actors-demonyms", on_change=sync, args=("actors-demonyms",),
              help="On: 'Russian troops' counts as naming Russia.")
    c3.toggle("Own names", key="actors-own", on_change=sync, args=("actors-own",),
              help="On: a document's own organisation, its publication and its byline author count among "
                   "the actors it names. Off (default): who wrote and published a text is left out.")
    c4.toggle("Per 1,000 words", key="actors-rate", on_change=sync, args=("actors-rate",),
              help="Rates divide by each organisation's words, so long and short texts compare fairly.")
types = list(st.session_state["actors-types"]) or list(contracts.ACTOR_TYPES)
demonyms, rate = bool(st.session_state["actors-demonyms"]), bool(st.session_state["actors-rate"])
own = bool(st.session_state["actors-own"])
value_col, value_title = ("per_1000", "per 1,000 words") if rate else ("count", "mentions")

stop_if_no_documents(docs.empty)

ann = annotated()
rows = actors.actor_rows(ann.actor_counts, ann.actor_types, docs, types=types, demonyms=demonyms, own=own)
table = actors.actor_table(rows, docs)
all_pairs = actors.pairs(ann.cooc, docs, demonyms=demonyms)  # summed once, filtered below
pair_table = actors.keep_pairs(all_pairs, table["actor"])
colours = org_colours()


def labels_for(doc_ids: Iterable[str]) -> dict[str, str]:
    """"Organisation · title" of these documents: only those shown (a label for each of 100,000
    documents took a tenth of a second)."""
    part = docs[docs["doc_id"].isin(set(doc_ids))]
    return {d: f"{o} · {title_of({'title': t, 'doc_id': d})}" for d, o, t in
            zip(part["doc_id"], part["org_short"], part["title"], strict=False)}


# ------------------------------------------------------------------ an actor's profile
wanted = st.session_state["actors-actor"].strip()
if wanted:
    actor, near = actors.find_actor(wanted, ann.actor_types["actor"], mentions=ann.mentions,
                                    extra_gazetteer=corpus_dir() / CORPUS_ACTORS)
    if actor is None:
        st.warning(safe_label(f"No actor called '{wanted}' is named in the corpus."), icon=":material/person_search:")
        if near:
            st.markdown("Did you mean: " + " · ".join(f"[{safe_label(a)}]({actor_href(a)})" for a in near))
        st.button("Show all actors", icon=":material/arrow_back:", on_click=open_actor, args=("",), key="actors-back0")
    else:
        kind = str(ann.actor_types.set_index("actor")["type"].get(actor, ""))
        st.header(safe_label(actor), anchor="actor-profile")
        aliases = "" if actors.actor_key(wanted) == actors.actor_key(actor) else f" (named in the link as “{wanted}”)"
        st.caption(safe_label(f"{contracts.TYPE_NAMES.get(kind, kind.lower()).rstrip('s') or 'actor'} · profile"
                              f"{aliases}"))
        st.button("Back to all actors", icon=":material/arrow_back:", on_click=open_actor, args=("",),
                  key="actors-back")
        # The profile counts every mention whatever the type filter says.
        all_rows = rows if set(types) == set(contracts.ACTOR_TYPES) else actors.actor_rows(
            ann.actor_counts, ann.actor_types, docs, demonyms=demonyms, own=own)
        per_doc = actors.actor_docs(all_rows, docs, actor)
        if per_doc.empty:
            empty_state(f"{actor} is not named in the selected documents. Widen the filter in the sidebar.")
        else:
            total = int(per_doc["count"].sum())
            m1, m2, m3, m4 = st.columns(4)
            m1.metric("Mentions", f"{total:,}")
            m2.metric("Per 1,000 words", f"{total / max(int(docs['n_words'].sum()), 1) * 1000:.2f}")
            m3.metric("Documents", f"{len(per_doc):,} of {len(docs):,}")
            m4.metric("Organisations", f"{per_doc['org_short'].nunique()} of {docs['org_short'].nunique()}")
            by_org = actors.actors_by_org(all_rows, docs, [actor])
            left, right = st.columns(2)
            with left:
                show_chart(charts.bars_by_org(by_org, item="org_short", value=value_col, colours=colours,
                                              mode="group", value_title=value_title,
                                              title=f"{actor}: {value_title} by organisation"),
                           key="chart-actor-orgs")
                download_csv(by_org, f"actor-{actor}-by-organisation", key="dl-actor-orgs")
            with right:
                st.markdown("**Documents naming them**")
                head = per_doc.head(100)
                labels = labels_for(head["doc_id"])
                ranked_links(list(zip([labels[d] for d in head["doc_id"]], doc_hrefs(head["doc_id"]),
                                      [f"{c:,} ({r:.2f} per 1,000 words)" for c, r in zip(head["count"], head["per_1000"],
                                                                                          strict=False)], strict=False)),
                             height=420)
                if len(per_doc) > len(head):
                    st.caption(f"The first {len(head):,} of {len(per_doc):,}; the CSV has them all.")
                download_csv(per_doc, f"actor-{actor}-documents", key="dl-actor-docs")

            # Bounded reads: the sentences and words of the documents naming them most (per organisation),
            # not of every document naming them (nearly the whole corpus for a common actor).
            named_docs = actors.sample_docs(per_doc)
            sampled = len(named_docs) < len(per_doc)
            sample_docs = docs[docs["doc_id"].isin(set(named_docs))]
            mentions = actors.actor_mentions(ann.mentions, sample_docs, actor, demonyms=demonyms)
            # Only the open tab is computed (on_change="rerun"): the words said about the actor read
            # the tokens of up to 120 documents, the most costly part of the page.
            tab_sents, tab_with, tab_words = url_tabs(
                ["The sentences that name them", "Named alongside them", "What each organisation says about them"],
                urls.SECTION)
            if tab_sents.open:
                with tab_sents:
                    sents = actors.actor_sentences(mentions, sentences_for(named_docs), docs)
                    limit = 60
                    where = (f"Sentences from the {len(named_docs):,} documents that name them most "
                             f"(of {len(per_doc):,}; the top ones of each organisation): " if sampled else "")
                    more = f"; the first {limit} are shown, the CSV has all {len(sents):,}" if len(sents) > limit else ""
                    st.caption(where + f"{len(sents):,} sentence(s){more}. “Read ›” opens the passage in the reader.")
                    hrefs = [ctx.href("Document", **{urls.DOC: d, urls.AT: s})
                             for d, s in zip(sents["doc_id"].head(limit), sents["start"].head(limit), strict=False)]
                    with st.container(height=420 if len(sents) > 8 else "content"):
                        sentence_list(sents, mentions, hrefs, labels=labels_for(sents["doc_id"].head(limit)),
                                      limit=limit)
                    download_csv(sents.drop(columns=["sent_start"]), f"actor-{actor}-sentences", key="dl-actor-sents")

            if tab_with.open:
                with tab_with:
                    together = actors.co_named(all_pairs, actor, ann.actor_types)
                    if together.empty:
                        empty_state("No other actor is named in the same sentences.")
                    else:
                        top_with = together.head(20)
                        cn1, cn2 = st.columns([3, 2])
                        with cn1:
                            show_chart(charts.bars_by_org(top_with.assign(org_short="sentences"), item="actor",
                                                          value="sentences", colours={"sentences": palette.OKABE_ITO[2]},
                                                          value_title="sentences naming both",
                                                          title=f"Actors named in the same sentences as {actor}"),
                                       key="chart-conamed")
                        with cn2:
                            st.selectbox("Open an actor from this chart", top_with["actor"], index=None,
                                         key="actors-pick-conamed", on_change=pick, args=("actors-pick-conamed",),
                                         placeholder="Choose an actor…")
                            shown_with = together.head(100)
                            ranked_links(list(zip(shown_with["actor"], [actor_href(a) for a in shown_with["actor"]],
                                                  [f"{contracts.TYPE_SINGULAR.get(t, str(t).lower())} · {s:,} sentence(s), "
                                                   f"{d:,} document(s)" for t, s, d in
                                                   zip(shown_with["type"], shown_with["sentences"], shown_with["documents"],
                                                       strict=False)], strict=False)), height=420)
                        download_csv(together, f"actor-{actor}-co-named", key="dl-conamed")

            if tab_words.open:
                with tab_words:
                    with st.expander("How these words are found"):
                        st.markdown(
                            "For each organisation, the words of its sentences that name the actor (the name itself "
                            "left out) are compared with all its other words in the selection, with the same keyness "
                            "test as the Terms page: **G²** ≥ 3.84 (p < 0.05) and a positive **log ratio** (more "
                            "frequent near the actor). Stop words are left out. With few sentences, treat these as "
                            "leads to read, not findings: each links to the term's concordance."
                            + (f" When many documents name the actor, only the {actors.PROFILE_SAMPLE_DOCS} or so that "
                               "name them most (the top ones of each organisation) are read, and their other words are "
                               "the comparison." if sampled else ""))
                    if sampled:
                        st.caption(f"Words from the {len(named_docs):,} documents that name them most "
                                   f"(of {len(per_doc):,}).")
                    org_docs = sample_docs if sampled else docs[docs["org_short"].isin(set(per_doc["org_short"]))]
                    # A bounded read: the sampled documents' counts, not the whole slice.
                    source = term_counts_for(named_docs, "word", 1) if sampled else term_counts("word", 1)
                    word_counts = terms.select_counts(source, org_docs["doc_id"], stop=True)
                    assoc = actors.associated_words(tokens_for(named_docs, actors.ASSOCIATED_TOKEN_COLUMNS), mentions,
                                                   word_counts, org_docs)
                    # Every organisation of the filter gets a place, with the reason when it has no words.
                    chosen_orgs = list(ctx.selection.orgs) or sorted(docs["org_short"].astype(str).unique())
                    status = actors.associated_status(chosen_orgs, docs, per_doc, mentions, assoc, actor)
                    cols = st.columns(max(1, min(len(status), 3)))
                    for i, row in enumerate(status.itertuples()):
                        part = assoc[assoc["org_short"] == row.org_short]
                        with cols[i % len(cols)]:
                            st.markdown(f"**{safe_label(row.org_short)}**")
                            if row.reason:
                                st.caption(safe_label(f"{row.org_short} {row.reason}"))
                            else:
                                st.markdown(" · ".join(
                                    f"[{safe_label(w)}]({ctx.href('Terms', **{urls.TERM: w, urls.ORG: row.org_short})})"
                                    f" ({c})" for w, c in zip(part["word"], part["count_with"], strict=False)))
                    download_csv(assoc, f"actor-{actor}-words", key="dl-actor-words")
        st.divider()

# ------------------------------------------------------------------ all actors
st.header("All actors", anchor="all-actors")
if table.empty:
    empty_state("No actors of these types are named in the selected documents.")
    st.stop()
st.selectbox("Open an actor's profile", table["actor"], index=None, key="actors-pick-any", on_change=pick,
             args=("actors-pick-any",), placeholder="Choose or type a name…")
# Only the open tab is computed and drawn (on_change="rerun"), as on the Terms page: the
# network (layout and chart) costs as much as the rest of the page on a large corpus.
tab_top, tab_matrix, tab_net = url_tabs(["Top actors", "Actor × organisation", "Network"], urls.TAB)

if tab_top.open:
    with tab_top:
        top_n = st.slider("Actors shown", 5, 50, step=5, key="actors-top-n", on_change=sync, args=("actors-top-n",))
        top = (table.sort_values([value_col, "actor"], ascending=[False, True]) if rate else table).head(top_n)
        split = actors.actors_by_org(rows, docs, list(top["actor"]))
        a1, a2 = st.columns([3, 1.3])
        with a1:
            show_chart(charts.bars_by_org(split, item="actor", value=value_col, colours=colours,
                                          mode="group" if rate else "stack", value_title=value_title,
                                          title=f"Top {len(top)} actors by organisation ({value_title})"),
                       key="chart-top-actors")
            download_csv(split, "top-actors-by-organisation", key="dl-top-actors")
        with a2:
            st.selectbox("Open an actor from this chart", top["actor"], index=None, key="actors-pick-top",
                         on_change=pick, args=("actors-pick-top",), placeholder="Choose an actor…")
            ranked_links(list(zip(top["actor"], [actor_href(a) for a in top["actor"]],
                                  [f"{contracts.TYPE_SINGULAR.get(t, str(t).lower())} · "
                                   + (f"{v:.2f} per 1,000 words" if rate else f"{int(v):,} mentions")
                                   for t, v in zip(top["type"], top[value_col], strict=False)], strict=False)))
        download_csv(table, "actors", label="Download all actors (CSV)", key="dl-all-actors")

if tab_matrix.open:
    with tab_matrix:
        st.caption("Mentions per 1,000 words of each organisation's selected documents: long and short texts "
                   "compare fairly.")
        m_n = st.slider("Actors", 5, 40, step=5, key="actors-matrix-n", on_change=sync, args=("actors-matrix-n",))
        m_actors = list(table["actor"].head(m_n))
        matrix = actors.actors_by_org(rows, docs, m_actors)
        mx1, mx2 = st.columns([3, 1.2])
        with mx1:
            show_chart(charts.heatmap(matrix, row="actor", column="org_short", value="per_1000", rows=m_actors,
                                      value_title="per 1,000 words", title="Who names whom (mentions per 1,000 words)"),
                       key="chart-actor-org")
        with mx2:
            st.selectbox("Open an actor from this chart", m_actors, index=None, key="actors-pick-matrix", on_change=pick,
                         args=("actors-pick-matrix",), placeholder="Choose an actor…")
        download_csv(matrix, "actor-organisation-matrix", key="dl-actor-org")

if tab_net.open:
    with tab_net:
        top_weight = int(pair_table["sentences"].max()) if len(pair_table) else 1
        if st.session_state["actors-minw"] > max(top_weight, 1):
            st.session_state["actors-minw"] = max(top_weight, 1)
        n1, n2 = st.columns([3, 1.4])
        n1.slider("Minimum sentences per link", 1, max(top_weight, 2), key="actors-minw", on_change=sync,
                  args=("actors-minw",), help="Hide pairs named together in fewer sentences (a readable network).")
        graph = actors.network(pair_table, table, min_weight=int(st.session_state["actors-minw"]))
        nodes = actors.layout(graph)
        shown_pairs = pair_table[(pair_table["sentences"] >= int(st.session_state["actors-minw"]))
                                 & pair_table["actor_a"].isin(set(nodes["actor"]))
                                 & pair_table["actor_b"].isin(set(nodes["actor"]))]
        with n1:
            if nodes.empty:
                empty_state("No pair of actors reaches this many shared sentences: lower the minimum.")
            else:
                # A short title (a plot title does not wrap: a long one was cut on a phone); counts below.
                show_chart(charts.network_figure(nodes, shown_pairs, labelled=15, title="Named in the same sentence"),
                           key="chart-network")
                st.caption(f"{len(nodes)} actors, {len(shown_pairs)} links. Node size: mentions. Colour: type. Line "
                           "width: sentences naming both. Names are written beside the most mentioned where they "
                           "overlap nothing (up to 15); hover for the others.")
        with n2:
            st.selectbox("Open an actor from this network", nodes["actor"] if len(nodes) else [], index=None,
                         key="actors-pick-net", on_change=pick, args=("actors-pick-net",), placeholder="Choose an actor…")
            st.markdown("**Strongest pairs**")
            for a, b, w in zip(shown_pairs["actor_a"].head(12), shown_pairs["actor_b"].head(12),
                               shown_pairs["sentences"].head(12), strict=False):
                st.markdown(f"[{safe_label(a)}]({actor_href(a)}) – [{safe_label(b)}]({actor_href(b)}): {int(w)}")
        download_csv(shown_pairs, "actor-pairs", key="dl-pairs")
        download_csv(nodes, "actor-network-nodes", label="Download nodes (CSV)", key="dl-nodes")
