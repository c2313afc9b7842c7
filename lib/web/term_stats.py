"""The statistics sections of the Terms page: a term's clusters, dispersion, collocates and
trend, and the distinctive terms against a chosen reference.

Each function lays out one section the way a page does: it reads its settings from the
address (``lib.web.urls``, a message for a bad value), binds its widgets with the page's
:class:`~lib.web.ui.UrlState`, calls :mod:`lib.analysis.stats` and draws. They live here rather
than in ``pages/3_Terms.py`` so that page stays a short table of contents that several people
edit (the concordance, the layout) while the statistics change on their own; the page calls
each one inside its (lazily computed) tab.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from lib.analysis import filters, stats, terms
from lib.render import charts, palette
from lib.safe import safe_label, show_invisible
from lib.web import urls
from lib.web.cached import term_index, term_totals, tokens_for
from lib.web.ui import (
    PageContext,
    UrlState,
    download_csv,
    empty_state,
    show_chart,
    url_tabs,
    warn,
    write_params,
)

MAX_TREND_TERMS = 5  # other terms on one trend chart
TOP_CHART = 20  # bars in a ranking chart; the table and the CSV hold every row


@dataclass
class TermView:
    """What every section of one term's view starts from (built once per run by the page)."""

    ctx: PageContext
    params: dict[str, list[str]]
    url_state: UrlState
    docs: pd.DataFrame  # the selection
    term: str  # the form found in the count tables
    unit: str
    stop: bool
    rows: pd.DataFrame  # the term's count rows in the selection (terms.lookup_term)
    per_doc: pd.DataFrame  # its count per document using it
    sample: list[str]  # the documents whose tokens are read (terms.sample_documents)
    labels: dict[str, str]  # doc_id → "ORG · title"
    colours: dict[str, str]  # organisation → colour
    term_href: Callable[[str], str]  # link to another term's view with the same settings
    _node: stats.Node | None = field(default=None, init=False, repr=False)

    @property
    def sampled(self) -> bool:
        return len(self.sample) < len(self.per_doc)

    @property
    def total(self) -> int:
        return int(self.per_doc["count"].sum())

    @property
    def org_of(self) -> dict[str, str]:
        return dict(zip(self.docs["doc_id"].astype(str), self.docs["org_short"].astype(str)))

    def node(self) -> stats.Node:
        """Where the term occurs in the sampled documents' words (read once per run)."""
        if self._node is None:
            self._node = stats.find_node(tokens_for(self.sample), self.term, unit=self.unit)
        return self._node

    def counted_ids(self) -> list[str]:
        """The documents every frequency is counted in: the sample when there is one, else the selection."""
        return list(self.sample) if self.sampled else list(self.docs["doc_id"].astype(str))

    def sample_note(self, what: str) -> None:
        if self.sampled:
            st.caption(safe_label(
                f"{what} the {len(self.sample)} document(s) that use “{self.term}” most (of {len(self.per_doc):,}); "
                "every frequency is counted in those documents only."))

    def bind(self, key: str, name: str, value: object, default: str) -> Callable[[str], None]:
        """Bind a widget's session key to a URL name; returns the ``on_change`` callback."""
        self.url_state.add(key, name, value, default=default)
        return self.url_state.sync


def _plain_docs(view: TermView, table: pd.DataFrame) -> pd.DataFrame:
    return table.assign(document=[view.labels.get(d, d) for d in table["doc_id"]])


# ================================================================ clusters
def clusters_section(view: TermView) -> None:
    """Runs of 2–4 words around the term, with their frequency and range."""
    msgs: list[str] = []
    length = urls.parse_choice(view.params, urls.CLUSTER_LEN, choices=("all", "2", "3", "4"), default="all",
                               messages=msgs)
    minimum = urls.parse_int(view.params, urls.CLUSTER_MIN, default=2, lo=1, hi=100_000, messages=msgs)
    warn(msgs)
    sync_len = view.bind("terms-clen", urls.CLUSTER_LEN, length, "all")
    sync_min = view.bind("terms-clmin", urls.CLUSTER_MIN, minimum, "2")
    c1, c2, c3 = st.columns([2.2, 1, 2])
    c1.radio("Cluster length", ("all", "2", "3", "4"), key="terms-clen", horizontal=True, on_change=sync_len,
             args=("terms-clen",), format_func=lambda v: "2–4 words" if v == "all" else f"{v} words",
             help="Runs of consecutive words in one sentence that contain the term.")
    c2.number_input("Minimum frequency", min_value=1, max_value=100_000, step=1, key="terms-clmin",
                    on_change=sync_min, args=("terms-clmin",))
    length = st.session_state["terms-clen"]
    sizes = stats.CLUSTER_SIZES if length == "all" else (int(length),)
    table = stats.clusters(view.node(), sizes=sizes, min_freq=int(st.session_state["terms-clmin"]),
                           org_of=view.org_of)
    with c3:
        view.sample_note("Counted in")
        st.caption("“documents” and “organisations”: how many use the cluster (its range). A cluster used "
                   "often in one document only is that document's habit, not the organisation's.")
    if table.empty:
        empty_state("No cluster at these settings: lower the minimum frequency or choose another length.")
        return
    top = table.head(TOP_CHART)
    show_chart(charts.bars_by_org(top.assign(org_short="frequency"), item="cluster", value="frequency",
                                  title=f"Clusters of “{view.term}”", colours={"frequency": palette.OKABE_ITO[2]},
                                  value_title="frequency"), key="chart-clusters")
    shown = table.assign(view=[view.term_href(c) if len(c.split(" ")) <= 3 else None for c in table["cluster"]])
    st.dataframe(shown[["view", "cluster", "words", "frequency", "documents", "organisations"]], hide_index=True,
                 width="stretch", height=min(420, 40 + 35 * len(shown)),
                 column_config={"view": st.column_config.LinkColumn("Term", display_text="Open ›", width="small")})
    download_csv(table, f"clusters-{view.term}", key="dl-clusters")


# ================================================================ dispersion
def dispersion_section(view: TermView) -> None:
    """Gries's DP per organisation (whole selection, from the counts) and within each document."""
    st.subheader("How evenly it is used: dispersion (DP)", anchor="dispersion")
    by_org = stats.dispersion_by_org(view.per_doc, view.docs)
    by_org.insert(2, "reading", [stats.dp_reading(d, p, c) for d, p, c in
                                 zip(by_org["dp_norm"], by_org["n_parts"], by_org["count"])])
    by_org.insert(3, "used_in", [f"{r} of {p}" for r, p in zip(by_org["range"], by_org["n_parts"])])
    with st.expander("What DP means", expanded=False):
        st.markdown(
            "**DP** (Gries 2008) compares where a term is used with how big each part is: "
            "DP = ½ · Σ |share of the term's uses in a part − share of the words in that part|. "
            "**0** = used exactly in proportion to the parts' sizes; close to **1** = all uses in one small "
            "part. **DP norm** = DP / (1 − the smallest part's share) runs from 0 to 1 whatever the number "
            "and sizes of the parts, so organisations with different numbers of documents compare. "
            "The parts are an organisation's documents (sized by their words); “All selected” also "
            "treats the organisations as the parts. With a single document there is nothing to compare: "
            "DP cannot be measured (an empty cell). The readings in words are a rough guide: under 0.2 "
            "even, 0.2–0.45 fairly even, 0.45–0.7 uneven, above concentrated.")
    st.markdown("**Per organisation** (all selected documents)")
    pooled = by_org["scope"] == stats.ALL
    shown = pd.concat([by_org[pooled], by_org[~pooled]])  # the whole selection first
    st.dataframe(shown[["scope", "parts", "reading", "used_in", "dp_norm", "dp", "count", "per_1000"]],
                 hide_index=True, width="stretch",
                 column_config={"scope": st.column_config.TextColumn("organisation"),
                                "parts": st.column_config.TextColumn("spread over"),
                                "used_in": st.column_config.TextColumn("used in"),
                                "dp_norm": st.column_config.NumberColumn("DP norm", format="%.2f"),
                                "dp": st.column_config.NumberColumn("DP", format="%.2f"),
                                "per_1000": st.column_config.NumberColumn("per 1,000", format="%.2f")})
    download_csv(by_org, f"dispersion-{view.term}-organisations", key="dl-dp-orgs")
    node = view.node()
    in_docs = stats.dispersion_in_documents(node)
    st.markdown("**Within each document** (its words cut into ten equal stretches)")
    view.sample_note("Measured in")
    if in_docs.empty:
        empty_state("No use found in the documents read.")
        return
    in_docs = _plain_docs(view, in_docs)
    in_docs["reading"] = [stats.dp_reading(d, p, c) for d, p, c in
                          zip(in_docs["dp_norm"], in_docs["parts"], in_docs["count"])]
    in_docs["used_in"] = [f"{r} of {p}" for r, p in zip(in_docs["range"], in_docs["parts"])]
    st.dataframe(in_docs[["document", "count", "reading", "used_in", "dp_norm", "dp", "words"]], hide_index=True,
                 width="stretch", height=min(420, 40 + 35 * len(in_docs)),
                 column_config={"used_in": st.column_config.TextColumn("stretches used"),
                                "dp_norm": st.column_config.NumberColumn("DP norm", format="%.2f"),
                                "dp": st.column_config.NumberColumn("DP", format="%.2f")})
    download_csv(in_docs.drop(columns=["document"]), f"dispersion-{view.term}-documents", key="dl-dp-docs")


# ================================================================ collocates
def collocates_section(view: TermView) -> None:
    """Collocates with log-Dice, MI, t-score and log-likelihood, the window set per side, minimum
    frequencies, the position profile; each organisation side by side on request."""
    msgs: list[str] = []
    both = urls.parse_int(view.params, urls.WINDOW, default=5, lo=1, hi=stats.MAX_WINDOW, messages=msgs)
    left = urls.parse_int(view.params, urls.WINDOW_LEFT, default=both, lo=0, hi=stats.MAX_WINDOW, messages=msgs)
    right = urls.parse_int(view.params, urls.WINDOW_RIGHT, default=both, lo=0, hi=stats.MAX_WINDOW, messages=msgs)
    if urls.WINDOW in view.params:  # an older link's one window: written as the two sides from now on
        write_params({urls.WINDOW: None, urls.WINDOW_LEFT: None if left == 5 else left,
                      urls.WINDOW_RIGHT: None if right == 5 else right})
    measure = urls.parse_choice(view.params, urls.MEASURE, choices=tuple(stats.MEASURES), default="log_dice",
                                messages=msgs)
    # A rarely used term gets every co-occurrence by default; a common one those seen twice.
    cooc_default = 2 if view.total > 5 else 1
    min_cooc = urls.parse_int(view.params, urls.MIN_COOC, default=cooc_default, lo=1, hi=100_000, messages=msgs)
    min_freq = urls.parse_int(view.params, urls.MIN_FREQ, default=1, lo=1, hi=10_000_000, messages=msgs)
    by_org = urls.parse_flag(view.params, urls.BY_ORG, default=False, messages=msgs)
    warn(msgs)
    sync = view.bind("terms-wl", urls.WINDOW_LEFT, left, "5")
    view.bind("terms-wr", urls.WINDOW_RIGHT, right, "5")
    view.bind("terms-cmin", urls.MIN_COOC, min_cooc, str(cooc_default))
    view.bind("terms-fmin", urls.MIN_FREQ, min_freq, "1")
    view.bind("terms-stat", urls.MEASURE, measure, "log_dice")
    view.bind("terms-byorg", urls.BY_ORG, by_org, "0")

    c1, c2, c3, c4 = st.columns(4)
    c1.select_slider("Words to the left", options=list(range(0, stats.MAX_WINDOW + 1)), key="terms-wl",
                     on_change=sync, args=("terms-wl",))
    c2.select_slider("Words to the right", options=list(range(0, stats.MAX_WINDOW + 1)), key="terms-wr",
                     on_change=sync, args=("terms-wr",))
    c3.number_input("Minimum co-occurrences", min_value=1, max_value=100_000, step=1, key="terms-cmin",
                    on_change=sync, args=("terms-cmin",), help="How often a word must stand near the term.")
    c4.number_input("Minimum collocate frequency", min_value=1, max_value=10_000_000, step=1, key="terms-fmin",
                    on_change=sync, args=("terms-fmin",),
                    help="How often a word must occur in the selection at all (MI favours rare words).")
    r1, r2 = st.columns([3, 1.4])
    r1.radio("Rank by", tuple(stats.MEASURES), key="terms-stat", on_change=sync, args=("terms-stat",),
             horizontal=True, format_func=stats.MEASURES.get)
    r2.toggle("Each organisation side by side", key="terms-byorg", on_change=sync, args=("terms-byorg",))
    left, right = int(st.session_state["terms-wl"]), int(st.session_state["terms-wr"])
    measure, by_org = st.session_state["terms-stat"], bool(st.session_state["terms-byorg"])
    options = dict(left=left, right=right, stop=view.stop, min_cooc=int(st.session_state["terms-cmin"]),
                   min_freq=int(st.session_state["terms-fmin"]))
    with st.expander("How collocates are scored"):
        st.markdown(
            "A collocate is a word within the window left and right of the term, in the same sentence "
            "(common words such as 'the' only with “Keep common words” on). **O** = f(xy), how often it stands there; f(x) = the "
            "term's uses; f(y) = the word's frequency in the selected documents; N = their words. Expected "
            "co-occurrence **E = f(x) · f(y) · (left + right) / N**: the window-size (span) convention of "
            "surface co-occurrence (Cobuild, Clear 1993; Evert 2008; the R package *corpora*). Sketch "
            "Engine's documented formulas leave the span out, so its MI is ours + log₂(left + right).\n\n"
            "- **log-Dice** = 14 + log₂(2·O / (f(x) + f(y))): at most 14, each point less halves the "
            "association; does not grow with corpus size (Rychlý 2008).\n"
            "- **MI** = log₂(O / E): how much more often than chance; favours rare words (set a minimum "
            "frequency). 3 or more is the usual bar.\n"
            "- **t-score** = (O − E) / √O: how sure the association is; favours frequent words. 2 or more is "
            "the usual bar.\n"
            "- **log-likelihood** (G²) of the window × collocate table (Dunning 1993), negative when the word "
            "is rarer near the term than elsewhere; 3.84 ↔ p < 0.05, 6.63 ↔ p < 0.01.\n\n"
            "**L5 … L1, R1 … R5**: how many of the co-occurrences stand at each position (L1 = just before).")
    view.sample_note("Computed over")
    if left + right == 0:
        empty_state("The window is empty: choose at least one word on the left or the right.")
        return
    ids = view.counted_ids()
    node = view.node()
    positions = stats.profile_columns(left, right)
    if by_org:
        counted = set(ids)
        org_of = {d: o for d, o in view.org_of.items() if d in counted}
        members: dict[str, list[str]] = {}
        for doc_id, org in org_of.items():
            members.setdefault(org, []).append(doc_id)
        index = term_index(view.unit, 1)
        counts = index.profiles(members, stop=True)  # one pass over the rows for every organisation
        freqs = {org: pd.Series(counts[g], index=index.term_names) for g, org in enumerate(members)}
        table = stats.collocates_by_org(node, org_of=org_of, frequencies=freqs, **options)
        if table.empty:
            empty_state("No collocates at these settings (try a wider window or lower minimums).")
            return
        st.markdown("**" + safe_label(f"Strongest collocates of “{view.term}” in each organisation") + "** "
                    + safe_label(f"(by {stats.MEASURES[measure]}; each scored on its own documents; an empty "
                                 "column: nothing passes the minimums there)"))
        st.dataframe(stats.side_by_side(table, measure=measure, top=15, orgs=sorted(members)), hide_index=True,
                     width="stretch")
        download_csv(table, f"collocates-{view.term}-by-organisation", key="dl-collocates-orgs")
        return
    table = stats.sort_collocates(stats.collocation_table(node, frequencies=term_totals(ids, view.unit, 1),
                                                          **options), by=measure)
    if table.empty:
        empty_state("No collocates at these settings (try a wider window, lower minimums or turning stop words on).")
        return
    top = table.head(TOP_CHART)
    name = stats.MEASURES[measure]
    g1, g2 = st.columns([1, 1])
    with g1:
        show_chart(charts.ranked_dots(top, item="collocate", value=measure, count="f_xy", value_title=name,
                                      title=f"Collocates of “{view.term}” ({name})", colour=palette.OKABE_ITO[4]),
                   key="chart-collocates")
    with g2:
        profile = top.head(12).melt(id_vars="collocate", value_vars=positions, var_name="position", value_name="count")
        show_chart(charts.heatmap(profile, row="collocate", column="position", value="count",
                                  rows=list(top.head(12)["collocate"]), columns=positions,
                                  value_title="co-occurrences", title="Where they stand (L = left, R = right)"),
                   key="chart-collocate-positions")
    formats = {m: st.column_config.NumberColumn(label, format="%.2f") for m, label in stats.MEASURES.items()}
    st.dataframe(table.assign(view=[view.term_href(c) for c in table["collocate"]])[
        ["view", "collocate", *stats.MEASURES, "f_xy", "f_y", "expected", *positions]],
        hide_index=True, width="stretch", height=min(420, 40 + 35 * len(table)),
        column_config={"view": st.column_config.LinkColumn("Term", display_text="Open ›", width="small"),
                       "f_xy": st.column_config.NumberColumn("O", help="co-occurrences"),
                       "f_y": st.column_config.NumberColumn("f(y)", help="the word's frequency"),
                       "expected": st.column_config.NumberColumn("E", format="%.2f", help="expected co-occurrences"),
                       **formats})
    download_csv(table, f"collocates-{view.term}", key="dl-collocates")


# ================================================================ trends
def _other_terms(text: str, main: str) -> tuple[list[str], list[str]]:
    found, notes = [], []
    for raw in (text or "").split(","):
        term = terms.normalise_term(raw)
        if not term or term == main or term in found:
            continue
        if len(term.split(" ")) > 3:
            notes.append(f"“{term}” has more than three words and was left out.")
        elif len(found) >= MAX_TREND_TERMS:
            notes.append(f"At most {MAX_TREND_TERMS} other terms: “{term}” and later ones were left out.")
            break
        else:
            found.append(term)
    return found, notes


def trends_section(view: TermView) -> None:
    """The term and up to five others over time, per 1,000 words, by organisation or pooled."""
    msgs: list[str] = []
    period = urls.parse_choice(view.params, urls.PERIOD, choices=("year", "month"), default="year", messages=msgs)
    others_text = urls.get_one(view.params, urls.TREND_TERMS, msgs) or ""
    pooled = urls.parse_flag(view.params, urls.POOLED, default=False, messages=msgs)
    warn(msgs)
    sync = view.bind("terms-freq", urls.PERIOD, period, "year")
    view.bind("terms-vs", urls.TREND_TERMS, others_text, "")
    view.bind("terms-pool", urls.POOLED, pooled, "0")
    c1, c2, c3 = st.columns([1, 2.4, 1.3])
    c1.radio("Period", ["year", "month"], horizontal=True, key="terms-freq", on_change=sync, args=("terms-freq",))
    c2.text_input("Compare with", key="terms-vs", on_change=sync, args=("terms-vs",), max_chars=200,
                  placeholder="other terms, e.g. nato, russia",
                  help=f"Up to {MAX_TREND_TERMS} terms of one to three words, separated by commas.")
    c3.toggle("All organisations together", key="terms-pool", on_change=sync, args=("terms-pool",),
              help="Off: one panel per organisation. On: one line per term over every selected document.")
    period, pooled = st.session_state["terms-freq"], bool(st.session_state["terms-pool"])
    others, notes = _other_terms(st.session_state["terms-vs"], view.term)
    rows_by_term = {view.term: view.rows}
    for other in others:
        found = terms.lookup_term(other, view.docs, lambda k: term_index(view.unit, k))
        if found.per_doc.empty:
            hint = f" Did you mean: {', '.join(found.suggestions[:3])}?" if found.suggestions else ""
            notes.append(f"“{other}” does not occur in these documents (as {view.unit}s).{hint}")
        else:
            rows_by_term[found.term] = found.rows
    for note in notes:
        st.caption(safe_label(note))
    table = stats.trends(rows_by_term, view.docs, freq=period, pooled=pooled)
    undated = stats.undated_count(view.docs, freq=period)
    what = "no date" if period == "year" else "no date or no month"
    if table.empty:
        empty_state(f"None of these documents is dated{' to the month' if period == 'month' else ''}, so there is "
                    "no timeline.")
        return
    term_colours = {t: palette.OKABE_ITO[(4 + k) % len(palette.OKABE_ITO)] for k, t in enumerate(rows_by_term)}
    # A short title: the terms are in the panel titles or the legend, and a long title is cut on a phone.
    show_chart(charts.trends(table, title=f"Uses per 1,000 words, per {period}", term_colours=term_colours,
                             org_colours=view.colours, freq=period), key="chart-over-time")
    st.caption(safe_label(
        (f"{undated} of {len(view.docs):,} selected document(s) have {what} and are not on this chart. "
         if undated else "Every selected document is on this chart. ")
        + "Each point divides the uses by the words of the documents of that period (and organisation)."))
    download_csv(table, f"trend-{view.term}", key="dl-over-time")


# ================================================================ keyness against a reference
def keyness_section(*, ctx: PageContext, params: dict[str, list[str]], url_state: UrlState, docs: pd.DataFrame,
                    unit: str, n: int, stop: bool, extra_stop: list[str], min_count: int,
                    signif_names: dict[str, str], term_href: Callable[[str], str],
                    pick: Callable[[str], None]) -> None:
    """Distinctive terms: each organisation against a reference (the rest, the whole selection or
    one organisation), or two pooled groups; log ratio next to G² and p, with a reading in words.

    Args:
        signif_names: "0.01" → the ``terms.SIGNIFICANCE`` key (the page binds ``terms-signif``).
        pick: the page's "open a term" callback for a selectbox key.
    """
    orgs = sorted(docs["org_short"].astype(str).unique())
    msgs: list[str] = []
    mode = urls.parse_choice(params, urls.KEY_MODE, choices=("org", "groups"), default="org", messages=msgs)
    ref_raw = urls.get_one(params, urls.REFERENCE, msgs) or stats.REFERENCE_REST
    if ref_raw.lower() in (stats.REFERENCE_REST, stats.REFERENCE_ALL):
        reference = ref_raw.lower()
    else:
        matched, unknown = filters.match_orgs(docs, [ref_raw])
        reference = matched[0] if matched else stats.REFERENCE_REST
        if unknown:
            msgs.append(f"The reference '{urls.shorten(ref_raw)}' is not an organisation of the selection; "
                        "comparing with the rest of the selection.")
    group_a, unknown_a = filters.match_orgs(docs, urls.get_all(params, urls.GROUP_A))
    group_b, unknown_b = filters.match_orgs(docs, urls.get_all(params, urls.GROUP_B))
    for name in unknown_a + unknown_b:
        msgs.append(f"The organisation '{urls.shorten(name)}' in a group is not in the selection and was left out.")
    warn(msgs)
    sync = url_state.sync
    url_state.add("terms-kmode", urls.KEY_MODE, mode, default="org")
    url_state.add("terms-ref", urls.REFERENCE, reference, default=stats.REFERENCE_REST)
    url_state.add("terms-ga", urls.GROUP_A, group_a)
    url_state.add("terms-gb", urls.GROUP_B, group_b)

    k1, k2, k3 = st.columns([1.6, 1.3, 2])
    k1.radio("Compare", ("org", "groups"), key="terms-kmode", on_change=sync, args=("terms-kmode",),
             format_func={"org": "each organisation with a reference", "groups": "two groups of organisations"}.get)
    k2.selectbox("Significance", list(signif_names), key="terms-signif", on_change=sync, args=("terms-signif",),
                 format_func=lambda p: f"p < {p} (G² ≥ {terms.SIGNIFICANCE[signif_names[p]]})")
    with k3.expander("How distinctive terms are found"):
        st.markdown(
            "One side's documents are compared with a **reference**: the rest of the selection (the usual "
            "choice), the whole selection (the side included, as WordSmith does), one organisation, or a "
            "group. **G²** (log-likelihood) tests whether the difference in relative frequency could be "
            "chance; the threshold sets how sure we must be (G² ≥ 3.84 ↔ p < 0.05, 6.63 ↔ 0.01, 10.83 ↔ "
            "0.001). **Log ratio** is the size of the difference (Hardie 2014): +1 = twice as frequent on this "
            "side as in the reference, −1 = half as frequent (0.5 stands in for a zero count). A big G² with "
            "a small log ratio is a sure but small difference; read both. Many terms are tested at once, so a "
            "strict threshold is wiser on a small corpus.")
    threshold = terms.SIGNIFICANCE[signif_names[st.session_state["terms-signif"]]]
    index = term_index(unit, n)
    options = dict(stop=stop, extra_stop=extra_stop, min_count=min_count, threshold=threshold)

    if st.session_state["terms-kmode"] == "groups":
        g1, g2 = st.columns(2)
        g1.multiselect("Group A", orgs, key="terms-ga", on_change=sync, args=("terms-ga",),
                       format_func=show_invisible, placeholder="Choose organisations…")
        g2.multiselect("Group B", orgs, key="terms-gb", on_change=sync, args=("terms-gb",),
                       format_func=show_invisible, placeholder="Empty: the rest of the selection")
        chosen_a, chosen_b = list(st.session_state["terms-ga"]), list(st.session_state["terms-gb"])
        if not chosen_a:
            empty_state("Choose the organisations of group A (and of group B, or leave B empty to compare with "
                        "the rest of the selection).")
            return
        _keyness_view(index, docs, chosen_a, chosen_b or stats.REFERENCE_REST, key="groups", options=options,
                      term_href=term_href, pick=pick)
        return

    references = [stats.REFERENCE_REST, stats.REFERENCE_ALL, *orgs]
    if st.session_state["terms-ref"] not in references:
        st.session_state["terms-ref"] = stats.REFERENCE_REST
    st.selectbox("Reference", references, key="terms-ref", on_change=sync, args=("terms-ref",),
                 format_func=lambda r: {"rest": "the rest of the selection",
                                        "all": "the whole selection"}.get(r, show_invisible(r)))
    if len(orgs) < 2 and st.session_state["terms-ref"] != stats.REFERENCE_ALL:
        empty_state("Distinctive terms compare one organisation with the others: select at least two "
                    "organisations, or choose “the whole selection” as the reference.")
        return
    org_tabs = url_tabs([safe_label(o) for o in orgs], urls.KEY_ORG)
    for org_tab, org in zip(org_tabs, orgs, strict=False):
        if not org_tab.open:
            continue
        with org_tab:
            n_org_docs = int((docs["org_short"] == org).sum())
            if n_org_docs <= 2:
                st.info(safe_label(f"{org} has only {n_org_docs} document(s) in this selection: its “distinctive "
                                   f"terms” are those of {'one document' if n_org_docs == 1 else 'two documents'}, "
                                   "not necessarily of the organisation."), icon=":material/info:")
            if st.session_state["terms-ref"] == org:
                empty_state(f"{org} is the reference: choose another organisation's tab, or another reference.")
                continue
            _keyness_view(index, docs, [org], st.session_state["terms-ref"], key=org, options=options,
                          term_href=term_href, pick=pick)


def _keyness_view(index, docs: pd.DataFrame, target: list[str], reference: str | list[str], *, key: str,
                  options: dict, term_href: Callable[[str], str], pick: Callable[[str], None]) -> None:
    try:
        sides = stats.keyness_sides(docs, target, reference)
    except stats.SidesError as exc:
        empty_state(str(exc))
        return
    table = stats.keyness_against(index, sides, **options)
    st.caption(safe_label(f"{sides.target_name} ({len(sides.target_ids):,} document(s), {sides.target_words:,} "
                          f"words) against {sides.reference_name} ({len(sides.reference_ids):,} document(s), "
                          f"{sides.reference_words:,} words)."))
    if table.empty:
        empty_state("No term passes the significance threshold at these settings. Try a lower threshold or a "
                    "lower minimum count.")
        return
    p1, p2 = st.columns([3, 1.3])
    with p1:
        show_chart(charts.keyness_bars(table, reference=sides.reference_name,
                                       title=f"{sides.target_name}: over-used (right) and under-used (left)"),
                   key=f"chart-key-{key}")
    with p2:
        st.selectbox("Open a term from this chart", table["term"].head(50), index=None, key=f"terms-pick-key-{key}",
                     on_change=pick, args=(f"terms-pick-key-{key}",), placeholder="Choose a term…")
        st.caption("Each row: the effect (log ratio: how many times as frequent) next to how sure it is (G², p), "
                   "then both in words.")
    shown = table.assign(view=[term_href(t) for t in table["term"]])
    st.dataframe(shown[["view", "term", "log_ratio", "g2", "p", "reading", "count_target", "count_reference"]],
                 hide_index=True, width="stretch", height=min(420, 40 + 35 * len(table)),
                 column_config={
                     "view": st.column_config.LinkColumn("", display_text="Open ›", width="small"),
                     "reading": st.column_config.TextColumn("in words", width="large"),
                     "log_ratio": st.column_config.NumberColumn("log ratio", format="%.2f",
                                                                help="effect size: +1 = twice as frequent"),
                     "g2": st.column_config.NumberColumn("G²", format="%.2f", help="significance"),
                     "p": st.column_config.NumberColumn("p", format="%.2g"),
                     # plain text (a column header is not Markdown)
                     "count_target": st.column_config.NumberColumn(show_invisible(f"uses: {sides.target_name}")),
                     "count_reference": st.column_config.NumberColumn("uses: reference")})
    download_csv(table.assign(target=sides.target_name, reference=sides.reference_name),
                 f"distinctive-{sides.target_name}-vs-{sides.reference_name}", key=f"dl-key-{key}")
