"""Document: one text read closely — its card, the reader with actors marked, what stands out."""

import streamlit as st

from lib import contracts
from lib.analysis import compare, query, reader
from lib.analysis.rows import equal
from lib.analysis.terms import SIGNIFICANCE, keyness
from lib.ingest.corpus import corpus_dir
from lib.render import charts, html
from lib.safe import safe_label, safe_url, show_invisible
from lib.web import urls
from lib.web.cached import (
    annotated_if_ready,
    rest_totals,
    sentences_for,
    term_counts_for,
    text_of,
    word_cloud,
    words_for,
)
from lib.web.positions import document_section
from lib.web.ui import (
    UrlState,
    concordance,
    csv_later,
    download_csv,
    empty_state,
    link,
    original_text,
    params_snapshot,
    ranked_links,
    setup_page,
    show_chart,
    stop_if_no_documents,
    theme_type,
    url_tabs,
    warn,
    write_params,
)
from lib.web.ui import reader as draw_reader

ctx = setup_page("Document")
HIT_LIST_LIMIT = 200  # hits listed in context (Previous / Next go through every one)
CLOUD_WORDS = 80  # the cloud shares the row with the actors: fewer, larger words
params = params_snapshot()
msgs: list[str] = []

# ---------------------------------------------------------------- which document
requested = urls.get_one(params, urls.DOC, msgs)
choice = reader.choose_document(requested, ctx.documents, ctx.filtered)
if choice.unknown:
    st.title("Document")
    st.error(safe_label(f"Document not found: '{urls.shorten(requested or '')}' is not an id in this corpus."),
             icon=":material/search_off:")
    link(ctx, "Overview", "Back to the list of documents", icon=":material/list:")
    st.stop()
if choice.doc_id is None:
    st.title("Document")
    stop_if_no_documents(True)

labels = reader.document_labels(ctx.documents)


def _pick() -> None:
    # A new document: its own address (the passage, page, search and actor belonged to the old one).
    write_params({urls.DOC: st.session_state["doc-pick"], urls.AT: None, urls.READER_PAGE: None, urls.SEARCH: None,
                  urls.CASE: None, urls.HIT: None,
                  urls.ACTOR: None})
    for key in ("doc-q", "doc-actor", "doc-page", "doc-hit"):
        st.session_state.pop(key, None)


if ctx.arrived or st.session_state.get("doc-pick") not in choice.options:
    st.session_state["doc-pick"] = choice.doc_id
st.selectbox("Document", choice.options, key="doc-pick", on_change=_pick,
             format_func=lambda d: show_invisible(labels.get(d, d)),
             help="The documents the sidebar filter allows. The choice is in the address.")
doc_id = st.session_state["doc-pick"]
doc = ctx.documents.loc[ctx.documents["doc_id"] == doc_id].iloc[0]
if doc_id not in set(ctx.filtered["doc_id"]):
    st.info("This document is outside the sidebar filter; it is shown because the link names it.",
            icon=":material/filter_alt_off:")

# ---------------------------------------------------------------- tables
ann = annotated_if_ready()  # None while the corpus is being annotated: the text can be read already
mentions = ann.mentions[equal(ann.mentions["doc_id"], doc_id)] if ann else reader.no_mentions()
sentences = sentences_for([doc_id]) if ann else None
text = text_of(doc_id)  # read when shown: the documents table holds no texts
source = reader.load_source(corpus_dir(), doc["file"], text)
blocks = source.blocks

# ---------------------------------------------------------------- card
card = reader.card(doc, ann.doc_stats if ann else None)
st.title(safe_label(card.title))
with st.container(border=True):
    left, right = st.columns([3, 2], gap="large")
    with left:
        url = safe_url(card.url)
        source_line = f"[{safe_label(card.url, max_length=90)}]({url})" if url else safe_label(
            card.url or "unknown", max_length=90)
        st.markdown(
            f"**Organisation:** {safe_label(card.organisation)}  \n"
            f"**Publication:** {safe_label(card.publication)}  \n"
            f"**Author:** {safe_label(card.author)}  \n"
            f"**Date:** {safe_label(card.date)}  \n"
            f"**Source:** {source_line}"
        )
        if card.source_note:
            st.caption(":material/info: " + safe_label(card.source_note))
    with right:
        m1, m2 = st.columns(2)
        m1.metric("Words", f"{card.words:,}")
        m2.metric("Sentences", "unknown" if card.sentences is None else f"{card.sentences:,}")
        m3, m4 = st.columns(2)
        m3.metric("Reading time", f"~{card.reading_minutes} min", help=f"At about {reader.WORDS_PER_MINUTE} words a minute.")
        m4.metric("Lexical diversity", "unknown" if card.mattr is None else f"{card.mattr:.2f}",
                  help="Moving-average type-token ratio (MATTR): the share of different words in each window of "
                       "words, averaged. Unlike a plain type-token ratio it does not fall just because a text is long.")

# ---------------------------------------------------------------- reader controls
st.subheader("Read")
types_url, type_msgs = urls.parse_types(urls.get_all(params, urls.TYPES))
msgs += type_msgs
demonyms_url = urls.parse_flag(params, urls.DEMONYMS, default=True, messages=msgs)
query_url = urls.get_one(params, urls.SEARCH, msgs) or ""
case_url = urls.parse_flag(params, urls.CASE, default=False, messages=msgs)
original_url = urls.parse_flag(params, urls.ORIGINAL, default=False, messages=msgs)
doc_actors = reader.document_actors(ann.actor_counts, ann.actor_types, doc_id, n_words=card.words) if ann else \
    reader.no_actors()
actor_options = list(doc_actors["actor"])
actor_url = urls.get_one(params, urls.ACTOR, msgs)
if actor_url and actor_url not in actor_options:
    msgs.append(f"'{urls.shorten(actor_url)}' is not named in this document; no actor is marked.")
    actor_url = None
at = urls.parse_offset(params, urls.AT, length=len(text), messages=msgs)
warn(msgs)

hit_url = urls.parse_int(params, urls.HIT, default=0, lo=0, hi=100_000, messages=msgs)
url_state = UrlState({"doc-types": (urls.TYPES, types_url), "doc-demonyms": (urls.DEMONYMS, demonyms_url),
                      "doc-q": (urls.SEARCH, query_url), "doc-actor": (urls.ACTOR, actor_url),
                      "doc-original": (urls.ORIGINAL, original_url), "doc-case": (urls.CASE, case_url),
                      "doc-hit": (urls.HIT, hit_url)},
                     {urls.TYPES: ",".join(contracts.ACTOR_TYPES), urls.DEMONYMS: "1", urls.ORIGINAL: "0",
                      urls.CASE: "0", urls.HIT: "0"},
                     arrived=ctx.arrived)
sync = url_state.sync


def new_search(key: str) -> None:
    # Another query (or its case): its hits are new, none is current yet.
    st.session_state["doc-hit"] = 0
    sync(key)
    sync("doc-hit")

c1, c2 = st.columns([3, 2], gap="medium")
with c1:
    sc1, sc2 = st.columns([4, 1.3], vertical_alignment="bottom")
    sc1.text_input("Search the text", key="doc-q", placeholder="a word or a phrase, e.g. working class, provok*",
                   on_change=new_search, args=("doc-q",), max_chars=query.MAX_QUERY_CHARS,
                   help="Whole words, as the term lists count them: 'US' is the country, not 'us'; "
                        "'secretary-general' is one word. `*` and `?` inside a word, `lemma:go` for every "
                        "form, `re:` for a regular expression. Curly and straight apostrophes match each other.")
    sc2.toggle("Match case", key="doc-case", on_change=new_search, args=("doc-case",),
               help="On: the spelling exactly as written, capitals included.")
with c2:
    st.selectbox("Mark one actor", actor_options, key="doc-actor", index=None, placeholder="choose an actor",
                 format_func=show_invisible, on_change=sync, args=("doc-actor",),
                 disabled=not actor_options)
c3, c4, c5 = st.columns([3, 1, 1], gap="medium", vertical_alignment="bottom")
with c3:
    st.pills("Highlight", list(contracts.ACTOR_TYPES), key="doc-types", selection_mode="multi",
             format_func=lambda t: contracts.TYPE_NAMES[t], on_change=sync, args=("doc-types",))
with c4:
    st.toggle("Demonyms", key="doc-demonyms", on_change=sync, args=("doc-demonyms",),
              help="Mark words like 'Russian' that name a state or bloc by its people.")
with c5:
    st.toggle("Original file", key="doc-original", on_change=sync, args=("doc-original",),
              help="Show the file exactly as received instead of the cleaned text.")

types = [t for t in contracts.ACTOR_TYPES if t in (st.session_state["doc-types"] or [])]
demonyms = bool(st.session_state["doc-demonyms"])
query_text = (st.session_state["doc-q"] or "").strip()
focus = st.session_state["doc-actor"]

spans = reader.actor_spans(mentions, types=types, demonyms=demonyms, focus=focus)
hits, query_ok = [], True
if query_text and ann is not None:  # the words layer comes with the annotation
    try:
        hits = reader.search_spans(words_for([doc_id]), query.parse_query(query_text,
                                                                          case=bool(st.session_state["doc-case"])))
    except query.QueryError as exc:
        query_ok = False
        st.warning(safe_label(str(exc)), icon=":material/warning:")
focus_spans = [s for s in spans if contracts.FOCUS_CLASS in s.css.split()]
passage = reader.passage_span(at, sentences, blocks) if at >= 0 else None

hits, hit_no = reader.current_hit(hits, st.session_state["doc-hit"]) if st.session_state["doc-hit"] else \
    (sorted(hits, key=lambda h: h.start), 0)
n_pages = reader.page_count(len(blocks))


def go_to_hit(step: int) -> None:
    """Previous (-1) / next (+1) hit, round the end; the reader turns to its page."""
    current = st.session_state["doc-hit"]
    target = (current - 1 + step) % len(hits) + 1 if current else (1 if step > 0 else len(hits))
    st.session_state["doc-hit"] = target
    sync("doc-hit")
    if n_pages > 1 and "doc-page" in url_state.fields:  # not bound while the original file is shown
        st.session_state["doc-page"] = reader.page_of_offset(blocks, hits[target - 1].start) or 1
        sync("doc-page")


if query_text and query_ok:
    found = f"'{query_text}': {len(hits)} hit{'s' if len(hits) != 1 else ''} in the document"
    if hits:
        hc1, hc2, hc3 = st.columns([3, 1, 1], vertical_alignment="center")
        hc1.caption(safe_label(found + (f"; showing hit {hit_no} of {len(hits)}." if hit_no else
                                         ". “Next” shows the first in the text.")))
        hc2.button("Previous", icon=":material/arrow_upward:", key="doc-hit-prev", on_click=go_to_hit, args=(-1,),
                   width="stretch", help="The previous hit (from the first: the last)")
        hc3.button("Next", icon=":material/arrow_downward:", key="doc-hit-next", on_click=go_to_hit, args=(1,),
                   width="stretch", help="The next hit (from the last: the first)")
        with st.expander(f"Every hit in context ({len(hits):,})", expanded=False):
            lines = reader.hit_lines(text, hits, doc_id)
            shown_lines = lines.head(HIT_LIST_LIMIT)
            keep = {**ctx.filter_params(), **urls.query(**url_state.params(exclude=(urls.READER_PAGE, urls.HIT)))}
            hrefs = [urls.page_href("Document", {**keep, **urls.query(**{
                urls.DOC: doc_id, urls.HIT: k + 1,
                urls.READER_PAGE: reader.page_of_offset(blocks, int(start)) if n_pages > 1 else None})})
                for k, start in enumerate(shown_lines["start"])]
            concordance(shown_lines, key="doc-hits", hrefs=hrefs)
            if len(lines) > HIT_LIST_LIMIT:
                st.caption(f"The first {HIT_LIST_LIMIT} of {len(lines):,} hits; “Next” goes through all of them.")
    else:
        st.caption(safe_label(found + "."))
if mentions.empty and ann is not None:
    empty_state("No named actors were found in this document.")

series = {}
if query_text and ann is not None:  # the words layer comes with the annotation
    series[f"search: {query_text}"] = hits
if focus:
    series[f"actor: {focus}"] = focus_spans
strip = reader.positions(series, text)
if not strip.empty:
    show_chart(charts.hits_strip(strip, title="Where they fall in the document",
                                      colours={f"search: {query_text}": "#D55E00", f"actor: {focus}": "#0072B2"}),
               key="doc-strip")
    download_csv(strip, f"{doc_id}-positions", key="dl-doc-strip")

# ---------------------------------------------------------------- the text
if st.session_state["doc-original"]:
    if source.original is None:
        empty_state("The original file is not available for this document.")
    else:
        st.caption(safe_label(f"The file as received ({doc['file']}, {doc['encoding'] or 'unknown encoding'}), "
                              "shown as plain text; invisible characters appear as [U+…]."))
        original_text(source.original, key="doc-original")
else:
    page = 1
    if urls.get_all(params, urls.READER_PAGE):
        page = urls.parse_int(params, urls.READER_PAGE, default=1, lo=1, hi=n_pages, messages=msgs)
    elif hit_no:  # a link to a hit without its page: the hit's page
        page = reader.page_of_offset(blocks, hits[hit_no - 1].start) or 1
    elif passage is not None:
        page = reader.page_of_offset(blocks, passage.start) or 1
    if at >= 0 and passage is None:
        st.warning("The passage the link points to is outside the text; showing the start.")
    url_state.add("doc-page", urls.READER_PAGE, page, default="1")
    if passage is not None:
        on_page = reader.pdf_page(source.pages, passage.start)
        where = f" (page {on_page} of the PDF)" if on_page else ""
        st.info(safe_label(f"Linked passage{where}: “" + reader.passage_quote(text, passage) + "”"),
                icon=":material/format_quote:")
    if n_pages > 1:
        pc1, pc2 = st.columns([1, 4], vertical_alignment="center")
        pc1.number_input("Page", min_value=1, max_value=n_pages, step=1, key="doc-page",
                         on_change=sync, args=("doc-page",))
        lo, hi = reader.page_range(blocks, st.session_state["doc-page"])
        pc2.caption(f"Page {st.session_state['doc-page']} of {n_pages} "
                    f"({reader.PAGE_SIZE} paragraphs a page; characters {lo:,}–{hi:,}).")
    if source.note:
        st.caption(safe_label(source.note))
    shown = reader.page_blocks(blocks, int(st.session_state.get("doc-page", 1)) if n_pages > 1 else 1)
    legend = html.legend_items(types=types, demonyms=demonyms, counts=reader.mention_counts(spans),
                                 search=query_text or None, search_hits=len(hits), focus=focus,
                                 focus_hits=len(focus_spans), passage=passage is not None)
    all_spans = spans + hits + ([passage] if passage else [])
    with st.container(border=True):
        # The page scrolls to the hit chosen with Previous / Next, else to the linked passage.
        on_page = bool(shown) and hit_no and shown[0].start <= hits[hit_no - 1].start < shown[-1].end
        scroll = (contracts.CURRENT_CLASS, f"hit:{query_text}:{hit_no}") if on_page else \
            (contracts.PASSAGE_CLASS, f"at:{at}") if passage is not None else None
        draw_reader(text, shown, all_spans, key="doc", legend=legend, empty="This document has no text.",
                    marks=reader.page_marks(shown, source.pages), scroll_to=scroll)

# ---------------------------------------------------------------- what stands out
if ann is None:
    st.stop()  # the rest needs the annotation; the progress box above redraws the page when it is done
st.subheader("What stands out")
words = term_counts_for([doc_id], "word", 1, content=True)  # this document's rows only (cached)
target = reader.document_terms(words, doc_id)
rest_ids = [d for d in ctx.filtered["doc_id"] if d != doc_id]
rest = rest_totals(ctx.filtered["doc_id"], doc_id, "word", 1, content=True)  # cached total − this document
rest_words = int(ctx.filtered.loc[ctx.filtered["doc_id"] != doc_id, "n_words"].sum())
table = keyness(target, rest, target_words=card.words, reference_words=rest_words, min_count=2)
left, right = st.columns([1, 1], gap="large")
with left:
    # Only the open tab is computed (on_change="rerun"): drawing a word cloud (and, once per
    # process, importing wordcloud and matplotlib) costs more than the rest of the page.
    tab_key, tab_cloud = url_tabs(["Distinctive terms", "Word cloud"], urls.SECTION)
    if tab_key.open:
        with tab_key:
            st.caption("Against the rest of the filtered documents.")
            if table.empty:
                empty_state("There is no other document under the filter to compare this one with."
                            if not rest_ids else "No term is frequent enough to compare.")
            else:
                strong = table[table["g2"] >= SIGNIFICANCE["p < 0.05"]]
                top = compare.top_by_direction(strong, top=12)
                if top.empty:
                    empty_state("No term is significantly more or less frequent here than in the rest "
                                "(p < 0.05).")
                else:
                    show_chart(charts.keyness_diverging(
                        top, target="this document", reference="the rest",
                        title="Terms more (right) and less (left) frequent than in the rest"), key="doc-keyness")
                st.caption(f"Log-likelihood (G² ≥ 3.84, p < 0.05) with log ratio as effect size, content words "
                           f"only, against {len(rest_ids):,} other document(s) ({rest_words:,} words).")
                download_csv(table, f"{doc_id}-terms", label="Download terms (CSV)", key="dl-doc-terms")
    if tab_cloud.open:
        with tab_cloud:
            weights = reader.cloud_weights(words, doc_id, top=CLOUD_WORDS)
            image = word_cloud(weights, width=800, height=560, theme=theme_type())  # PNG bytes, cached per list and theme
            if image is None:
                empty_state("No content words to draw.")
            else:
                st.image(image, width="stretch", caption=f"The {len(weights)} most frequent content words; "
                                                         "size = how often the word occurs.")
                w1, w2 = st.columns(2)
                w1.download_button("Image (PNG)", image, f"{doc_id}-wordcloud.png", mime="image/png",
                                   key="dl-doc-cloud-png", icon=":material/image:")
                with w2:
                    download_csv(reader.weights_table(weights), f"{doc_id}-wordcloud", label="Words (CSV)",
                                 key="dl-doc-cloud")
with right:
    st.markdown("**Actors named**")
    if doc_actors.empty:
        empty_state("No named actors were found in this document.")
    else:
        # A ranked list, not a narrow table: each name whole, its figures after it, a link to its profile.
        ranked_links(list(zip(doc_actors["actor"], [ctx.href("Actors", **{urls.ACTOR: a}) for a in doc_actors["actor"]],
                              [f"{c:,} ({r:.1f} per 1,000 words)" for c, r in zip(doc_actors["count"],
                                                                                  doc_actors["per_1000"], strict=False)],
                              strict=False)), height=420, more="the CSV has them all")
        download_csv(doc_actors, f"{doc_id}-actors", label="Download actors (CSV)", key="dl-doc-actors")

# ---------------------------------------------------------------- positions (the codebook's categories)
document_section(ctx, doc_id)

# ---------------------------------------------------------------- downloads
st.subheader("Downloads")
d1, d2, d3, d4 = st.columns(4)
d1.download_button("Cleaned text", text.encode("utf-8"), f"{doc_id}.txt", mime="text/plain", key="dl-doc-clean",
                   icon=":material/download:")
if source.original is not None:
    d2.download_button("Original text", source.original.encode("utf-8"), f"{doc_id}-original.txt",
                       mime="text/plain", key="dl-doc-original", icon=":material/download:")
else:
    d2.caption("Original not available.")
d3.download_button("Terms (CSV)", csv_later(table), f"{doc_id}-terms.csv", mime="text/csv", key="dl-doc-terms2",
                   icon=":material/download:")
d4.download_button("Actors (CSV)", csv_later(doc_actors), f"{doc_id}-actors.csv", mime="text/csv",
                   key="dl-doc-actors2", icon=":material/download:")
