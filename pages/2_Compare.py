"""Compare: two documents side by side — how close, where they differ, what they share."""

import streamlit as st

from lib import contracts
from lib.analysis import compare, query, reader
from lib.analysis.rows import equal
from lib.analysis.terms import SIGNIFICANCE
from lib.ingest.corpus import corpus_dir, corpus_version
from lib.render import charts, html
from lib.safe import safe_label, show_invisible
from lib.web import urls
from lib.web.cached import annotated, compare_tables, text_of, words_for
from lib.web.cached import similarity_matrix as cached_similarity
from lib.web.positions import compare_section
from lib.web.ui import (
    UrlState,
    concordance,
    download_csv,
    empty_state,
    link,
    params_snapshot,
    setup_page,
    show_chart,
    stop_if_no_documents,
    warn,
    write_params,
)
from lib.web.ui import reader as draw_reader

ctx = setup_page("Compare")
params = params_snapshot()
msgs: list[str] = []
st.title("Compare two documents")

# ---------------------------------------------------------------- which documents
a_req = urls.get_one(params, urls.A, msgs)
b_req = urls.get_one(params, urls.B, msgs)
choice_a = reader.choose_document(a_req, ctx.documents, ctx.filtered, default_index=0, extra=[b_req or ""])
choice_b = reader.choose_document(b_req, ctx.documents, ctx.filtered, default_index=1, extra=[a_req or ""])
missing = [(side, value) for side, value, c in (("A", a_req, choice_a), ("B", b_req, choice_b)) if c.unknown]
if missing:
    for side, value in missing:
        st.error(safe_label(f"Document not found: side {side}, '{urls.shorten(value or '')}', is not an id in this "
                            "corpus."), icon=":material/search_off:")
    link(ctx, "Overview", "Back to the list of documents", icon=":material/list:")
    st.stop()
stop_if_no_documents(choice_a.doc_id is None or choice_b.doc_id is None)

options = list(dict.fromkeys(choice_a.options + choice_b.options))
labels = reader.document_labels(ctx.documents)


def _pick(name: str, key: str) -> None:
    write_params({name: st.session_state[key], urls.PAGE_A: None, urls.PAGE_B: None})
    for page_key in ("cmp-page-a", "cmp-page-b"):
        st.session_state.pop(page_key, None)


def _swap() -> None:
    a, b = st.session_state["cmp-a"], st.session_state["cmp-b"]
    st.session_state["cmp-a"], st.session_state["cmp-b"] = b, a
    write_params({urls.A: b, urls.B: a})
    _pick(urls.A, "cmp-a")


for key, value in (("cmp-a", choice_a.doc_id), ("cmp-b", choice_b.doc_id)):
    if ctx.arrived or st.session_state.get(key) not in options:
        st.session_state[key] = value
p1, p2, p3 = st.columns([10, 1, 10], vertical_alignment="bottom")
p1.selectbox("Document A", options, key="cmp-a", format_func=lambda d: show_invisible(labels.get(d, d)),
             on_change=_pick, args=(urls.A, "cmp-a"))
p2.button("", icon=":material/swap_horiz:", key="cmp-swap", on_click=_swap, help="Swap the two sides",
          width="stretch")
p3.selectbox("Document B", options, key="cmp-b", format_func=lambda d: show_invisible(labels.get(d, d)),
             on_change=_pick, args=(urls.B, "cmp-b"))
a_id, b_id = st.session_state["cmp-a"], st.session_state["cmp-b"]
docs = ctx.documents.set_index("doc_id", drop=False)
doc_a, doc_b = docs.loc[a_id], docs.loc[b_id]
allowed = set(ctx.filtered["doc_id"])
outside = [side for side, d in (("A", a_id), ("B", b_id)) if d not in allowed]
if outside:
    st.info(f"Side {' and '.join(outside)} is outside the sidebar filter; shown because the link names it.",
            icon=":material/filter_alt_off:")
if a_id == b_id:
    st.warning("Both sides show the same document: choose another one for a comparison.", icon=":material/info:")

# ---------------------------------------------------------------- tables
ann = annotated()
words_a, words_b = int(doc_a["n_words"]), int(doc_b["n_words"])
# Content counts, differences, shared phrases, actors: one copy for every visitor of this pair (issue 21).
content, diff, shared, actors = compare_tables(a_id, b_id, words_a=words_a, words_b=words_b)
diff_strong = diff[diff["g2"] >= SIGNIFICANCE["p < 0.05"]] if not diff.empty else diff
texts = {a_id: text_of(a_id), b_id: text_of(b_id)}  # read when shown: the documents table holds no texts

# ---------------------------------------------------------------- highlighting controls
types_url, type_msgs = urls.parse_types(urls.get_all(params, urls.TYPES))
msgs += type_msgs
demonyms_url = urls.parse_flag(params, urls.DEMONYMS, default=True, messages=msgs)
term_url = (urls.get_one(params, urls.TERM, msgs) or "").strip() or None
terms = compare.term_candidates(diff_strong, shared, content, a_id, b_id)
if term_url and term_url not in terms:
    terms.append(term_url)
actor_options = list(actors["actor"]) if not actors.empty else []
actor_url = urls.get_one(params, urls.ACTOR, msgs)
if actor_url and actor_url not in actor_options:
    msgs.append(f"'{urls.shorten(actor_url)}' is not named in either document; no actor is marked.")
    actor_url = None
warn(msgs)

url_state = UrlState({"cmp-term": (urls.TERM, term_url), "cmp-actor": (urls.ACTOR, actor_url),
                      "cmp-types": (urls.TYPES, types_url), "cmp-demonyms": (urls.DEMONYMS, demonyms_url)},
                     {urls.TYPES: ",".join(contracts.ACTOR_TYPES), urls.DEMONYMS: "1"}, arrived=ctx.arrived)
sync = url_state.sync
if st.session_state.get("cmp-term") is None:
    st.session_state["cmp-term"] = ""  # a text box holds text, never None


def _suggested() -> None:
    # A suggestion fills the highlight box (and the address), then the list is ready for another.
    if st.session_state.get("cmp-term-pick"):
        st.session_state["cmp-term"] = st.session_state["cmp-term-pick"]
        sync("cmp-term")
    st.session_state["cmp-term-pick"] = None


# A text box and a list of suggestions, not one selectbox taking new options: Streamlit offers a
# typed word as "Add: …", which reads as adding something to the documents.
h1, h1b, h2 = st.columns([1.1, 0.9, 1])
h1.text_input("Highlight a word or phrase", key="cmp-term", placeholder="e.g. provok*, proxy war",
              on_change=sync, args=("cmp-term",), max_chars=query.MAX_QUERY_CHARS,
              help="Any query: a word or phrase (whole words within a sentence, as the term tables count them), "
                   "`*` and `?` inside a word, `lemma:go`, `re:` for a regular expression.")
h1b.selectbox("Suggestions", terms, key="cmp-term-pick", index=None, placeholder="choose a term",
              format_func=show_invisible, on_change=_suggested,
              help="Distinctive terms first, then shared phrases and the most frequent content words.")
h2.selectbox("Highlight an actor", actor_options, key="cmp-actor", index=None, placeholder="choose an actor",
             format_func=show_invisible, on_change=sync, args=("cmp-actor",),
             disabled=not actor_options)
h3, h4 = st.columns([3, 1], vertical_alignment="bottom")
h3.pills("Mark actors", list(contracts.ACTOR_TYPES), key="cmp-types", selection_mode="multi",
         format_func=lambda t: contracts.TYPE_NAMES[t], on_change=sync, args=("cmp-types",))
h4.toggle("Demonyms", key="cmp-demonyms", on_change=sync, args=("cmp-demonyms",),
          help="Mark words like 'Russian' that name a state or bloc by its people.")
term = (st.session_state["cmp-term"] or "").strip()
focus = st.session_state["cmp-actor"]
highlight = None
if term:
    try:
        highlight = query.parse_query(term)
    except query.QueryError as exc:
        st.warning(safe_label(str(exc)), icon=":material/warning:")
side_words = words_for([a_id, b_id]) if highlight is not None else None
types = [t for t in contracts.ACTOR_TYPES if t in (st.session_state["cmp-types"] or [])]
demonyms = bool(st.session_state["cmp-demonyms"])

# ---------------------------------------------------------------- the two readers
# One column per side (stacked in a narrow window); headings clamped to two lines so the readers line up.
mentions = ann.mentions
sides = []
for side, doc_id, doc, words, page_key, page_param in (
        ("A", a_id, doc_a, words_a, "cmp-page-a", urls.PAGE_A), ("B", b_id, doc_b, words_b, "cmp-page-b", urls.PAGE_B)):
    text = texts[doc_id]
    doc_mentions = mentions[equal(mentions["doc_id"], doc_id)]
    spans = reader.actor_spans(doc_mentions, types=types, demonyms=demonyms, focus=focus)
    sides.append(dict(side=side, doc_id=doc_id, doc=doc, words=words, text=text, page_key=page_key,
                      page_param=page_param, source=reader.load_source(corpus_dir(), doc["file"], text), spans=spans,
                      focus=[s for s in spans if contracts.FOCUS_CLASS in s.css.split()], no_actors=doc_mentions.empty,
                      hits=reader.search_spans(side_words[equal(side_words["doc_id"], doc_id)], highlight)
                      if highlight is not None else []))

for s, column in zip(sides, st.columns(2, gap="large")):
    doc, words = s["doc"], s["words"]
    with column:
        st.html(html.side_heading_html(s["side"], reader.card(doc).title, key=f"cmp-{s['side'].lower()}"))
        st.caption(safe_label(f"{doc['org_short']} · {reader.format_date(doc['date'], doc['date_precision'])} · "
                              f"{words:,} words · ~{reader.reading_minutes(words)} min"))
        link(ctx, "Document", "Open in the reader", icon=":material/article:", **{urls.DOC: s["doc_id"]})
        counts = []
        if highlight is not None:
            counts.append(f"'{term}': {len(s['hits'])} ({len(s['hits']) / max(words, 1) * 1000:.1f} per 1,000 words)")
        if focus:
            counts.append(f"{focus}: {len(s['focus'])} ({len(s['focus']) / max(words, 1) * 1000:.1f} per 1,000 words)")
        if counts:
            st.markdown(safe_label(" · ".join(counts)))
        n_pages = reader.page_count(len(s["source"].blocks))
        page = 1
        if n_pages > 1:
            url_state.add(s["page_key"], s["page_param"],
                          urls.parse_int(params, s["page_param"], default=1, lo=1, hi=n_pages, messages=[]), default="1")
            page = int(st.session_state[s["page_key"]])
        legend = html.legend_items(types=types, demonyms=demonyms, counts=reader.mention_counts(s["spans"]),
                                     search=term, search_hits=len(s["hits"]), focus=focus,
                                     focus_hits=len(s["focus"]), search_kind="term")
        shown = reader.page_blocks(s["source"].blocks, page)
        if s["source"].pages and (s["hits"] or s["focus"]):  # a PDF: where the marked passages are
            found = sorted({reader.pdf_page(s["source"].pages, h.start) for h in s["hits"] + s["focus"]})
            st.caption(f"Marked passages on PDF page{'s' if len(found) > 1 else ''} {', '.join(map(str, found))}.")
        with st.container(height=640, border=True):
            draw_reader(s["text"], shown, s["spans"] + s["hits"], key=f"cmp-{s['side'].lower()}", legend=legend,
                        empty="This document has no text.", marks=reader.page_marks(shown, s["source"].pages))
        if n_pages > 1:
            st.number_input(f"Page of {s['side']} (of {n_pages})", min_value=1, max_value=n_pages, step=1,
                            key=s["page_key"], on_change=sync, args=(s["page_key"],))
        if s["no_actors"]:
            st.caption("No named actors were found in this document.")

# ---------------------------------------------------------------- how close
st.subheader("How close are they?")
similarity = compare.cosine(compare.profile(content, a_id), compare.profile(content, b_id))
s1, s2 = st.columns([1, 3], vertical_alignment="center")
s1.metric("Similarity", f"{similarity:.2f}", help="Cosine similarity, 0 to 1.")
s2.markdown(f"**{compare.reading(similarity).capitalize()}.** Cosine similarity of the two documents' word counts "
            "(single words, stop words such as 'the' and 'of' left out): 1 means the same words in the same "
            "proportions, 0 no content word in common. It measures shared vocabulary, not agreement.")
groups, level = compare.matrix_groups(ctx.filtered)
if len(groups) < 2:
    empty_state("The filter allows fewer than two " + ("documents" if level == "document" else "organisations")
                + ": no similarity matrix to draw.")
else:
    matrix = cached_similarity(groups)  # cached per grouping of the filtered documents
    axis = ({d: compare.doc_label(docs.loc[d]) for d in matrix.index} if level == "document"
            else {o: o for o in matrix.index})
    short = ({d: compare.doc_label(docs.loc[d], length=0) for d in matrix.index} if level == "document"
             else axis)
    m1, m2 = st.columns([3, 2], gap="large")
    with m1:
        title = ("Similarity of the filtered documents" if level == "document"
                 else f"Similarity of the organisations (more than {compare.MAX_DOCUMENTS} documents: pooled)")
        show_chart(charts.similarity_heatmap(matrix, title=title, labels=short, hover=axis), key="cmp-heatmap")
        download_csv(matrix.rename(index=axis, columns=axis).reset_index(names=level), "similarity-matrix",
                     key="dl-cmp-matrix")
    with m2:
        closest, furthest = compare.ranked_pairs(matrix, k=5)
        for heading, pairs in (("Closest pairs", closest), ("Furthest pairs", furthest)):
            st.markdown(f"**{heading}**")
            for row in compare.pair_links(pairs, groups).itertuples():
                st.page_link(urls.PAGES["Compare"], icon=":material/compare:",
                             label=safe_label(f"{row.similarity:.2f} · {short.get(row.a, row.a)} ↔ "
                                              f"{short.get(row.b, row.b)}", max_length=80),
                             help=safe_label(f"{axis.get(row.a, row.a)} ↔ {axis.get(row.b, row.b)}"),
                             query_params={**ctx.filter_params(), **urls.query(**{urls.A: row.doc_a, urls.B: row.doc_b})})
            if len(pairs) == 1:
                st.caption("There is only one pair under the filter.")
                break
        if level == "organisation":
            st.caption("Each organisation's documents are pooled; a link compares the first document of each.")

# ---------------------------------------------------------------- where they differ
st.subheader("Where they differ")
if diff_strong.empty:
    empty_state("No term is significantly more frequent on one side than on the other (p < 0.05)."
                if a_id != b_id else "The same document on both sides has no differences.")
else:
    name_a, name_b = f"A ({doc_a['org_short']})", f"B ({doc_b['org_short']})"
    d1, d2 = st.columns(2, gap="large")
    with d1:
        show_chart(charts.keyness_diverging(diff_strong, target=name_a, reference=name_b,
                                            title=f"Terms distinctive of {name_a} (right) and {name_b} (left)"),
                   key="cmp-keyness")
        st.caption("Log-likelihood G² ≥ 3.84 (p < 0.05), bar length = log ratio (+1: twice as frequent on that side), "
                   "up to 15 content words a side. Hover for G² and counts.")
        download_csv(diff, "differences", key="dl-cmp-diff")
    with d2:
        diff_terms = list(diff_strong.sort_values("g2", ascending=False)["term"])

        def _pick_term() -> None:
            st.session_state["cmp-term"] = st.session_state["cmp-kwic-term"]
            sync("cmp-term")

        st.session_state["cmp-kwic-term"] = term if term in diff_terms else None
        st.selectbox("A term in context", diff_terms, key="cmp-kwic-term", index=None, placeholder="choose a term",
                     format_func=show_invisible, on_change=_pick_term,
                     help="Also highlights it in both readers above.")
        if term and term not in diff_terms:
            st.caption(safe_label(f"Showing '{term}', chosen above (not among the distinctive terms)."))
        if highlight is not None:
            lines = query.lines_for(highlight, side_words, texts, width=query.DEFAULT_WIDTH)
            if lines.empty:
                empty_state(f"'{term}' does not occur as a whole term in either document.")
            else:
                st.caption(safe_label(f"'{term}' in context: {int((lines['doc_id'] == a_id).sum())} line(s) in A, "
                                      f"{int((lines['doc_id'] == b_id).sum())} in B."))
                with st.container(height=min(520, 60 + 30 * len(lines)), border=False):
                    concordance(lines, key="cmp-kwic", sides={a_id: "A", b_id: "B"} if a_id != b_id else None)
                download_csv(query.records(lines, ctx.documents, corpus_version=corpus_version(ctx.documents)), "kwic",
                             key="dl-cmp-kwic")
        else:
            st.caption("Choose a term to read its lines from both documents.")

# ---------------------------------------------------------------- what they share
st.subheader("What they share")
c1, c2 = st.columns(2, gap="large")
with c1:
    st.markdown("**Phrases both use** (2–3 words)")
    if shared.empty:
        empty_state("No 2–3-word phrase occurs in both documents.")
    else:
        st.dataframe(shared, hide_index=True, width="stretch", height=min(420, 38 + 35 * len(shared)),
                     column_config={"term": st.column_config.TextColumn("phrase"),
                                    "n": st.column_config.NumberColumn("words", format="%d", width="small"),
                                    "count_a": st.column_config.NumberColumn("A", format="%d", width="small"),
                                    "count_b": st.column_config.NumberColumn("B", format="%d", width="small")})
        download_csv(shared, "shared-phrases", key="dl-cmp-shared")
with c2:
    st.markdown("**Actors named**")
    if actors.empty:
        empty_state("Neither document names an actor.")
    else:
        tabs = st.tabs([f"{where} ({int((actors['where'] == where).sum())})" for where in compare.WHERE])
        for tab, where in zip(tabs, compare.WHERE):
            part = actors[actors["where"] == where]
            with tab:
                if part.empty:
                    st.caption("None.")
                else:
                    st.dataframe(part.drop(columns=["where", "type"]).assign(actor=part["actor"].map(show_invisible)),
                                 hide_index=True, width="stretch", height=min(380, 38 + 35 * len(part)),
                                 column_config={
                                     "actor": st.column_config.TextColumn("actor"),
                                     "count_a": st.column_config.NumberColumn("A", format="%d", width="small"),
                                     "count_b": st.column_config.NumberColumn("B", format="%d", width="small"),
                                     "per_1000_a": st.column_config.NumberColumn("A /1k", format="%.1f", width="small",
                                                                                 help="per 1,000 words of A"),
                                     "per_1000_b": st.column_config.NumberColumn("B /1k", format="%.1f", width="small",
                                                                                 help="per 1,000 words of B")})
        st.caption("Counts include demonyms ('Russian' for Russia); /1k = per 1,000 words of that document.")
        download_csv(actors, "actors-both-only", key="dl-cmp-actors")

# ---------------------------------------------------------------- positions (the codebook's categories)
compare_section(ctx, a_id, b_id)
