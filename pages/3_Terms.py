"""Terms: recurring and distinctive terms per organisation, word clouds, and one term's view
(keyword in context, positions, collocates, use over time). Every setting is in the URL."""

import streamlit as st

from lib import contracts
from lib.analysis import query, stats, terms
from lib.ingest.corpus import corpus_version, title_of
from lib.render import charts
from lib.safe import safe_label
from lib.web import term_stats, urls
from lib.web.cached import offline_sources, offline_texts, org_colours, term_index, texts_for, word_cloud, words_for
from lib.web.ui import (
    UrlState,
    concordance,
    download_csv,
    download_csv_made,
    empty_state,
    link,
    params_snapshot,
    ranked_links,
    setup_page,
    show_chart,
    stop_if_no_documents,
    theme_type,
    url_tabs,
    warn,
)

ctx = setup_page("Terms")
docs = ctx.filtered
params = params_snapshot()
msgs: list[str] = []

# ------------------------------------------------------------------ the address → settings
unit = urls.parse_choice(params, urls.UNIT, choices=contracts.UNITS, default="word", messages=msgs)
n = urls.parse_int(params, urls.NGRAM, default=1, lo=1, hi=3, messages=msgs)
stop = urls.parse_flag(params, urls.STOP, default=False, messages=msgs)
min_count = urls.parse_int(params, urls.MIN_COUNT, default=2, lo=1, hi=100_000, messages=msgs)
rate = urls.parse_flag(params, urls.RATE, default=False, messages=msgs)
extra_text = urls.get_one(params, urls.EXTRA_STOP, msgs) or ""
sort_keys, sort_msgs = query.parse_sort(urls.get_one(params, urls.KWIC_SORT, msgs))
msgs += sort_msgs
q_raw = urls.get_one(params, urls.SEARCH, msgs) or ""
case = urls.parse_flag(params, urls.CASE, default=False, messages=msgs)
width = urls.parse_int(params, urls.KWIC_WIDTH, default=query.DEFAULT_WIDTH, lo=1, hi=query.MAX_WIDTH, messages=msgs)
nums = urls.parse_flag(params, urls.NUMS, default=False, messages=msgs)
signif_names = {k.removeprefix("p < "): k for k in terms.SIGNIFICANCE}
signif = urls.parse_choice(params, urls.SIGNIF, choices=tuple(signif_names), default="0.01", messages=msgs)
term_raw = urls.get_one(params, urls.TERM, msgs) or ""
cloud_mode = urls.parse_choice(params, urls.CLOUD, choices=urls.CLOUD_MODES, default="freq", messages=msgs)

top_n = urls.parse_int(params, urls.TOP, default=20, lo=5, hi=50, messages=msgs)
matrix_n = urls.parse_int(params, urls.MATRIX_TOP, default=15, lo=5, hi=40, messages=msgs)

DEFAULTS = {urls.UNIT: "word", urls.NGRAM: "1", urls.STOP: "0", urls.MIN_COUNT: "2", urls.RATE: "0",
            urls.SIGNIF: "0.01", urls.CASE: "0", urls.KWIC_WIDTH: str(query.DEFAULT_WIDTH),
            urls.NUMS: "0", urls.TOP: "20", urls.MATRIX_TOP: "15", urls.CLOUD: "freq"}
STATE = {  # session key → (URL name, value from the address)
    "terms-unit": (urls.UNIT, unit), "terms-n": (urls.NGRAM, n), "terms-stop": (urls.STOP, stop),
    "terms-min": (urls.MIN_COUNT, min_count), "terms-rate": (urls.RATE, rate),
    "terms-xstop": (urls.EXTRA_STOP, extra_text), "terms-sort": (urls.KWIC_SORT, sort_keys),
    "terms-signif": (urls.SIGNIF, signif), "terms-term": (urls.TERM, term_raw),
    "terms-q": (urls.SEARCH, q_raw), "terms-case": (urls.CASE, case), "terms-width": (urls.KWIC_WIDTH, width),
    "terms-nums": (urls.NUMS, nums), "terms-cloud": (urls.CLOUD, cloud_mode),
    "terms-top-n": (urls.TOP, top_n), "terms-matrix-n": (urls.MATRIX_TOP, matrix_n),
}
url_state = UrlState(STATE, DEFAULTS, arrived=ctx.arrived)
sync = url_state.sync


def open_term(term: str) -> None:
    """Show a term's view (from a selector, a table row, a word list)."""
    st.session_state["terms-term"] = term
    sync("terms-term")


def pick(key: str) -> None:
    """A 'go to term' selector beside a chart: open the chosen term and reset the selector."""
    choice = st.session_state.get(key)
    if choice:
        open_term(choice)
    st.session_state[key] = None


def settings_params(**extra: object) -> dict[str, object]:
    """The current settings as URL values, for links to other term views."""
    return url_state.params(exclude=(urls.TERM,), **extra)


def term_href(term: str) -> str:
    return ctx.href("Terms", **settings_params(**{urls.TERM: term}))


STOP_LABEL = "Keep common words (the, of, and)"  # says what "on" does; the help says what "off" does
st.title("Terms")
st.caption("Recurring and distinctive words per organisation, and every place a term is used.")
warn(msgs)

# ------------------------------------------------------------------ settings
with st.container(border=True):
    c1, c2, c3, c4, c5 = st.columns([1.1, 1.3, 1.3, 1.6, 2])
    c1.radio("Unit", contracts.UNITS, key="terms-unit", on_change=sync, args=("terms-unit",), horizontal=True,
             format_func=lambda u: {"word": "words", "lemma": "lemmas"}[u],
             help="Lemmas group the forms of a word: 'wars' and 'war' count together.")
    c2.radio("Length", contracts.NGRAMS, key="terms-n", on_change=sync, args=("terms-n",), horizontal=True,
             format_func=lambda k: {1: "1 word", 2: "2 words", 3: "3 words"}[k],
             help="n-grams: runs of 1–3 words inside a sentence.")
    c3.number_input("Minimum count", min_value=1, max_value=100_000, step=1, key="terms-min", on_change=sync,
                    args=("terms-min",), help="Leave out terms used fewer times than this in the selection.")
    c4.toggle(STOP_LABEL, key="terms-stop", on_change=sync, args=("terms-stop",),
              help="Off (the default): common words such as 'the', 'of' and 'and' are left out of the lists, "
                   "clouds and charts, and so are phrases that start or end with one. On: they are counted like "
                   "any other word.")
    c4.toggle("Per 1,000 words", key="terms-rate", on_change=sync, args=("terms-rate",),
              help="Rates divide by the words of each organisation, so long and short texts compare fairly.")
    c4.toggle("Numbers and dates", key="terms-nums", on_change=sync, args=("terms-nums",),
              help="On: keep numbers, dates, months and weekdays ('2022', 'june') in the lists, clouds and "
                   "distinctive terms. A term's own view and the concordance always find them.")
    c5.text_input("Extra stop words", key="terms-xstop", on_change=sync, args=("terms-xstop",),
                  placeholder="e.g. said, also", max_chars=500,
                  help="Comma-separated words to leave out, as well as (or instead of) the usual stop words.")

unit, n = st.session_state["terms-unit"], int(st.session_state["terms-n"])
stop, rate = bool(st.session_state["terms-stop"]), bool(st.session_state["terms-rate"])
min_count = int(st.session_state["terms-min"])
nums = bool(st.session_state["terms-nums"])
extra = terms.parse_stop_words(st.session_state["terms-xstop"])
value_col, value_title = ("per_1000", "per 1,000 words") if rate else ("count", "count")

stop_if_no_documents(docs.empty)

labels = {d: f"{o} · {title_of({'title': t, 'doc_id': d})}" for d, o, t in
          zip(docs["doc_id"], docs["org_short"], docs["title"], strict=False)}
org_of = dict(zip(docs["doc_id"], docs["org_short"], strict=False))
colours = org_colours()

# ------------------------------------------------------------------ the concordance (q=) and its controls
QUERY_HELP = ("A word or phrase, matched as the term lists count it: 'US' is the country, not 'us'; "
              "'secretary-general' is one word. `*` and `?` inside a word (provok\\*, organi?ation), "
              "`lemma:go` for every form of a word, `re:` for a regular expression per word. "
              "Match case: the spelling exactly as written.")
with st.container(border=True):
    qc1, qc2, qc3, qc4 = st.columns([3, 1.4, 1.3, 2.4], vertical_alignment="bottom")
    qc1.text_input("Concordance: find a word or phrase", key="terms-q", on_change=sync, args=("terms-q",),
                   placeholder="e.g. provok*, proxy war, lemma:negotiate, re:anti-.*", max_chars=query.MAX_QUERY_CHARS,
                   help=QUERY_HELP)
    qc2.toggle("Match case", key="terms-case", on_change=sync, args=("terms-case",),
               help="On: 'Nato' does not find 'NATO', 'Secretary' does not find 'secretary'.")
    qc3.number_input("Context (words)", min_value=1, max_value=query.MAX_WIDTH, step=1, key="terms-width",
                     on_change=sync, args=("terms-width",), help="Words shown on each side of a match.")
    qc4.multiselect("Sort lines by", list(query.SORT_KEYS), key="terms-sort", on_change=sync, args=("terms-sort",),
                    max_selections=3, format_func=lambda k: query.SORT_NAMES[k], placeholder="document order",
                    help="Up to three keys, in order, e.g. 1st word right, then 2nd word right.")
case, width = bool(st.session_state["terms-case"]), int(st.session_state["terms-width"])
sort_keys = list(st.session_state["terms-sort"] or [])
version = corpus_version(ctx.documents)


used_indexes: dict = {}


def index_for(unit_name: str, k: int):
    if (unit_name, k) not in used_indexes:
        used_indexes[unit_name, k] = term_index(unit_name, k)
    return used_indexes[unit_name, k]


def find(parsed: query.Query) -> query.Concordance:
    """The lines a page shows (at most KWIC_MAX_LINES, from at most PAGE_DOCS documents) and the true total."""
    return query.concordance(parsed, docs, words_for=words_for, index_for=index_for, width=width,
                             max_lines=terms.KWIC_MAX_LINES, max_docs=query.PAGE_DOCS, texts_for=texts_for)


def show_concordance(parsed: query.Query, conc: query.Concordance, *, key: str, name: str) -> None:
    """A concordance's counts, its lines (sorted as chosen) with links, and the CSV of every line (made on click)."""
    for message in conc.messages:
        st.info(safe_label(message), icon=":material/info:")
    if conc.total == 0:
        empty_state("No match in the selected documents." if conc.exact else
                    "No match in the documents read before the time limit.")
        return
    shown = query.sort_lines(conc.lines, sort_keys, documents=docs)
    total = f"{conc.total:,}" if conc.exact else f"at least {conc.total:,}"
    sorted_note = " (sorted among them)" if sort_keys and conc.truncated else ""
    st.caption(safe_label(f"{total} match(es) in {conc.documents:,} document(s). Showing {len(shown):,} line(s)"
                          f"{sorted_note}; the CSV has every line (up to {query.CSV_LINES:,}), sorted as chosen.")
               + " “Read ›” opens the passage in the reader.")
    hrefs = [ctx.href("Document", **{urls.DOC: d, urls.AT: s}) for d, s in zip(shown["doc_id"], shown["start"],
                                                                               strict=False)]
    concordance(shown, key=key, hrefs=hrefs, labels=org_of, limit=terms.KWIC_MAX_LINES)
    words_offline, index_offline = offline_sources(used_indexes)
    texts_offline = offline_texts()
    keys, chosen, context = list(sort_keys), docs, width
    download_csv_made(lambda: query.all_records(parsed, chosen, words_for=words_offline, index_for=index_offline,
                                                width=context, sort_keys=keys, corpus_version=version,
                                                texts_for=texts_offline),
                      f"kwic-{name}", label="Download every line (CSV)", key=f"dl-{key}")


q_text = (st.session_state["terms-q"] or "").strip()
if q_text:
    st.header(f"Concordance: “{safe_label(q_text, max_length=80)}”", anchor="concordance")
    try:
        parsed = query.parse_query(q_text, case=case)
        with st.spinner("Searching…"):
            conc = find(parsed)
    except query.QueryError as exc:
        st.warning(safe_label(str(exc)), icon=":material/warning:")
    else:
        show_concordance(parsed, conc, key="terms-conc", name=q_text)
    st.divider()

# ------------------------------------------------------------------ one term's view
term = terms.normalise_term(st.session_state["terms-term"] or "")
if term:
    words_in_term = term.split(" ")
    st.header(f"“{safe_label(term, max_length=80)}”", anchor="term-view")
    st.button("Back to all terms", icon=":material/arrow_back:", on_click=open_term, args=("",), key="terms-back")
    if len(words_in_term) > 3:
        st.warning("A term can have at most three words; showing all terms instead.", icon=":material/warning:")
        term = ""
if term:
    found = terms.lookup_term(term, docs, lambda k: term_index(unit, k))
    term, t_rows, per_doc = found.term, found.rows, found.per_doc
    if per_doc.empty:
        where = "these documents" if len(docs) < len(ctx.documents) else "the corpus"
        st.warning(safe_label(f"'{term}' does not occur in {where} (as {unit}s)."), icon=":material/search_off:")
        if found.suggestions:
            st.markdown("Did you mean: " + " · ".join(f"[{safe_label(w)}]({term_href(w)})" for w in found.suggestions))
    else:
        total, n_docs = int(per_doc["count"].sum()), len(per_doc)
        words_total = int(docs["n_words"].sum())
        m1, m2, m3, m4 = st.columns(4)
        m1.metric("Uses", f"{total:,}")
        m2.metric("Per 1,000 words", f"{total / max(words_total, 1) * 1000:.2f}")
        m3.metric("Documents", f"{n_docs:,} of {len(docs):,}")
        m4.metric("Organisations", f"{per_doc['org_short'].nunique()} of {docs['org_short'].nunique()}")

        by_org = terms.terms_by_org(t_rows, docs, [term])
        left, right = st.columns([1, 1])
        with left:
            show_chart(charts.bars_by_org(by_org, item="org_short", value=value_col, colours=colours, mode="group",
                                          title=f"“{term}” by organisation ({value_title})", value_title=value_title),
                       key="chart-term-orgs")
            download_csv(by_org, f"term-{term}-by-organisation", key="dl-term-orgs")
        with right:
            st.markdown("**Documents using it**")
            head = per_doc.head(100)
            ranked_links(list(zip([labels[d] for d in head["doc_id"]],
                                  urls.page_hrefs("Document", ctx.filter_params(), urls.DOC, head["doc_id"]),
                                  [f"{c:,} ({r:.2f} per 1,000 words)" for c, r in zip(head["count"], head["per_1000"],
                                                                                      strict=False)], strict=False)),
                         height=420)
            if len(per_doc) > len(head):
                st.caption(f"The first {len(head):,} of {len(per_doc):,}; the CSV has them all.")
            download_csv(per_doc, f"term-{term}-documents", key="dl-term-docs")

        # Collocates read tokens only for the documents that use the term most (a common term is
        # in thousands of documents; reading all their tokens took tens of seconds).
        sample = terms.sample_documents(per_doc)
        sampled = len(sample) < n_docs
        term_q = query.term_query(term, unit=unit)


        view = term_stats.TermView(ctx, params, url_state, docs, term, unit, stop, t_rows, per_doc, sample, labels,
                                   colours, term_href)
        # Only the open tab is computed (on_change="rerun"), as below: each reads tokens or draws a chart.
        tab_kwic, tab_clusters, tab_where, tab_coll, tab_time = url_tabs(
            ["Keyword in context", "Clusters", "Where it falls in each document", "Collocates", "Use over time"],
            urls.SECTION)
        if tab_kwic.open:
            with tab_kwic:
                st.caption("Context width and sort order are set in the concordance box above.")
                show_concordance(term_q, find(term_q), key="terms-kwic", name=term)

        if tab_where.open:
            with tab_where:
                lines = find(term_q).lines
                if len(lines) < total:
                    st.caption(safe_label(f"The first {len(lines):,} of {total:,} uses, in document order."))
                used = set(lines["doc_id"])
                positions = terms.term_positions(lines, {d: len(t) for d, t in texts_for(used).items()})
                show_chart(charts.positions_strip(positions, title=f"Uses of “{term}” through each document",
                                                  labels=labels, colours=colours, org_of=org_of),
                           key="chart-positions")
                download_csv(positions, f"positions-{term}", key="dl-positions")
                term_stats.dispersion_section(view)

        if tab_clusters.open:
            with tab_clusters:
                term_stats.clusters_section(view)

        if tab_coll.open:
            with tab_coll:
                term_stats.collocates_section(view)

        if tab_time.open:
            with tab_time:
                term_stats.trends_section(view)
    st.divider()

# ------------------------------------------------------------------ all terms
# The tables below are summed inside the slice's index: its rows for the selection (28.7M for
# the single words of 100,000 documents) are never made.
slice_index = term_index(unit, n)
settings = {"stop": stop, "extra_stop": extra, "nums": nums}
table = terms.term_table(slice_index, docs, min_count=min_count, **settings)
st.header("All terms", anchor="all-terms")
look1, look2 = st.columns([2, 3])
# Two widgets, not one selectbox taking new options: Streamlit offers a typed word as "Add: …",
# which reads as adding something to the corpus.
o1, o2 = look1.columns(2)
o1.selectbox("Open a listed term", table["term"].head(500), index=None, key="terms-pick-top", on_change=pick,
             args=("terms-pick-top",), placeholder="Choose a term…",
             help="The terms listed below (type to narrow the list); the view opens at the top of the page.")


def open_typed() -> None:
    typed = (st.session_state.get("terms-open-typed") or "").strip()
    if typed:
        open_term(typed)
    st.session_state["terms-open-typed"] = ""


o2.text_input("Or open any word or phrase", key="terms-open-typed", on_change=open_typed, max_chars=200,
              placeholder="e.g. proxy war", help="Up to three words; press Enter to open its view.")
if table.empty:
    empty_state(f"No terms at these settings. Lower the minimum count or turn on “{STOP_LABEL}”.")
    st.stop()
look2.caption(safe_label(f"{len(table):,} distinct terms ({terms.describe_terms(unit, n)}) in {len(docs):,} document(s), "
                         f"used at least {min_count} time(s)."))

# Only the open tab is computed and drawn (on_change="rerun"): the word clouds and the
# per-organisation keyness charts cost seconds on a large corpus.
tab_top, tab_key, tab_cloud, tab_matrix = url_tabs(["Top terms", "Distinctive terms", "Word clouds",
                                                    "Term × document"], urls.TAB)
if tab_top.open:
    with tab_top:
        top_n = st.slider("Terms shown", 5, 50, step=5, key="terms-top-n", on_change=sync, args=("terms-top-n",))
        top_terms = (table.sort_values([value_col, "term"], ascending=[False, True]) if rate else table).head(top_n)
        split = terms.terms_by_org(slice_index, docs, list(top_terms["term"]), **settings)
        chart_col, list_col = st.columns([3, 1.3])
        with chart_col:
            show_chart(charts.bars_by_org(split, item="term", value=value_col, colours=colours,
                                          mode="group" if rate else "stack", value_title=value_title,
                                          title=f"Top {len(top_terms)} terms by organisation ({value_title})"),
                       key="chart-top-terms")
            download_csv(split, "top-terms-by-organisation", key="dl-top-terms")
        with list_col:
            st.selectbox("Open a term from this chart", top_terms["term"], index=None, key="terms-pick-chart",
                         on_change=pick, args=("terms-pick-chart",), placeholder="Choose a term…")
            ranked_links(list(zip(top_terms["term"], [term_href(t) for t in top_terms["term"]],
                                  [f"{v:.2f} per 1,000 words" if rate else f"{int(v):,} uses"
                                   for v in top_terms[value_col]], strict=False)))
        download_csv(table, "terms", label="Download all terms (CSV)", key="dl-all-terms")

if tab_key.open:
    with tab_key:
        term_stats.keyness_section(ctx=ctx, params=params, url_state=url_state, docs=docs, unit=unit, n=n, stop=stop,
                                   extra_stop=extra, min_count=min_count, signif_names=signif_names,
                                   term_href=term_href, pick=pick)

if tab_cloud.open:
    with tab_cloud:
        cloud_n = 60
        st.radio("Word size follows", urls.CLOUD_MODES, key="terms-cloud", on_change=sync, args=("terms-cloud",),
                 horizontal=True, format_func={"freq": "how often a word is used",
                                               "key": "how distinctive it is of the organisation"}.get,
                 help="Distinctive: each organisation against the rest of the selection, with the keyness test of "
                      "“Distinctive terms” (G², p < 0.05); only the words it uses more than the others, sized by G². "
                      "Organisations writing on one subject share their most frequent words; these differ.")
        theme = theme_type()
        orgs_here = sorted(docs["org_short"].unique())
        if st.session_state["terms-cloud"] == "key":
            st.caption("Word size: how much more the organisation uses a word than the rest of the selection (G²). "
                       "The list beside each cloud links to each term's view.")
            if len(orgs_here) < 2:
                empty_state("Distinctive words compare an organisation with the others: select at least two "
                            "organisations in the sidebar.")
            distinctive = stats.distinctive_terms_by_org(index_for(unit, n), docs, orgs_here, top=cloud_n, stop=stop,
                                                         extra_stop=extra, min_count=min_count,
                                                         nums=nums) if len(orgs_here) >= 2 else {}
            clouds = [(org, part, "weight", f"No word is used by {org} markedly more than by the others (G² ≥ "
                                            f"{stats.CLOUD_THRESHOLD}) at these settings.")
                      for org, part in distinctive.items()]
        else:
            st.caption("Word size follows the same counts as the charts (or rates, with “Per 1,000 words” on). "
                       "The list beside each cloud links to each term's view.")
            overall = (table.sort_values([value_col, "term"], ascending=[False, True]) if rate else table).head(cloud_n)
            org_top = terms.top_terms_per_org(slice_index, docs, top=cloud_n, min_count=min_count, rate=rate,
                                              **settings)
            clouds = [("All selected documents", overall, value_col, "No terms to draw.")] + [
                (org, org_top[org_top["org_short"] == org], value_col, "No terms to draw.") for org in orgs_here]
        for name, part, weight, nothing in clouds:
            st.markdown(f"**{safe_label(name)}**")
            pc1, pc2 = st.columns([3, 2])
            # PNG bytes cached per word list, size and theme (a drawing takes ~0.3 s; twenty organisations…)
            image = word_cloud(dict(zip(part["term"].astype(str), part[weight].astype(float), strict=False)),
                               width=900, height=380, theme=theme)
            if image is None:
                pc1.info(safe_label(nothing))
            else:
                pc1.image(image, width="stretch")
            pc2.markdown(" · ".join(f"[{safe_label(t)}]({term_href(t)})" for t in part["term"].head(40)))
            download_csv(part, f"cloud-{name}", key=f"dl-cloud-{name}")

if tab_matrix.open:
    with tab_matrix:
        m_n = st.slider("Terms", 5, 40, step=5, key="terms-matrix-n", on_change=sync, args=("terms-matrix-n",))
        m_terms = list(table["term"].head(m_n))
        matrix = terms.term_doc_matrix(slice_index, docs, m_terms, **settings)
        max_docs = 40
        shown_docs = list(dict.fromkeys(matrix["doc_id"]))[:max_docs]
        if len(set(matrix["doc_id"])) > max_docs:
            st.caption(f"The first {max_docs} documents are drawn; the CSV has all of them.")
        mc1, mc2 = st.columns([3, 1.2])
        with mc1:
            show_chart(charts.heatmap(matrix[matrix["doc_id"].isin(shown_docs)], row="term", column="doc_id",
                                      value=value_col, rows=m_terms, columns=shown_docs, value_title=value_title,
                                      column_labels={d: labels[d] for d in shown_docs},
                                      title=f"Top terms in each document ({value_title})"), key="chart-term-doc")
        with mc2:
            st.selectbox("Open a term from this chart", m_terms, index=None, key="terms-pick-matrix", on_change=pick,
                         args=("terms-pick-matrix",), placeholder="Choose a term…")
            for d in shown_docs[:15]:
                link(ctx, "Document", labels[d], icon=":material/article:", **{urls.DOC: d})
        download_csv(matrix, "term-document-matrix", key="dl-term-doc")
