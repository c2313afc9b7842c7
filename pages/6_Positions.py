"""Positions: where each organisation stands on the codebook's categories, every cell leading to
its sentences. Every setting is in the URL (``cat``, ``korg``, ``basis``, ``oa``, ``ob``, ``rate``, ``tab``)."""

import streamlit as st

from lib.analysis import overview, positions
from lib.analysis.codebook import codebook_table
from lib.render import charts, html
from lib.safe import safe_label
from lib.web import urls
from lib.web.cached import org_colours
from lib.web.positions import codebook_state, coded, evidence_labels
from lib.web.ui import (
    UrlState,
    csv_later,
    download_csv,
    download_csv_made,
    empty_state,
    params_snapshot,
    setup_page,
    show_chart,
    stop_if_no_documents,
    url_tabs,
    warn,
)

ctx = setup_page("Positions")
docs = ctx.filtered
params = params_snapshot()
msgs: list[str] = []
EVIDENCE_LIMIT = 100

st.title("Positions")
st.caption("Where each organisation stands: every sentence of the corpus coded by the codebook's rules. "
           "Each cell of the matrix opens the sentences behind it.")

# ------------------------------------------------------------------ the codebook
state = codebook_state()
if state.missing:
    empty_state(f"This corpus has no codebook: add a {state.path.name} to the corpus folder (categories, "
                "definitions and rules; see the design notes), or import a quanteda or LIWC dictionary with "
                "`python -m lib codebook import`.")
    st.stop()
if state.codebook is None:
    st.error(safe_label(f"The codebook ({state.path.name}) cannot be used: {len(state.messages)} problem(s). "
                        "Nothing was coded; fix the file and reload."), icon=":material/rule:")
    for message in state.messages[:50]:
        st.caption(safe_label(message))
    st.stop()
codebook = state.codebook
labels = codebook.labels()
org_options = sorted(ctx.documents["org_short"].astype(str).unique(), key=str.casefold)

# ------------------------------------------------------------------ the address → settings
basis = urls.parse_choice(params, urls.BASIS, choices=positions.BASES, default="rules", messages=msgs)
cat_raw = (urls.get_one(params, urls.CAT, msgs) or "").strip()
cat = cat_raw if codebook.category(cat_raw) else None
if cat_raw and cat is None:
    msgs.append(f"There is no category '{urls.shorten(cat_raw)}' in this codebook; choose one below "
                f"({', '.join(codebook.ids[:12])}{'…' if len(codebook.ids) > 12 else ''}).")


def _org(name: str) -> str | None:
    value = (urls.get_one(params, name, msgs) or "").strip()
    if not value:
        return None
    found = next((o for o in org_options if o.casefold() == value.casefold()), None)
    if found is None:
        msgs.append(f"Unknown organisation '{urls.shorten(value)}' in the link ('{name}') was ignored.")
    return found


korg, org_a, org_b = _org(urls.KEY_ORG), _org(urls.ORG_A), _org(urls.ORG_B)
rate = urls.parse_flag(params, urls.RATE, default=False, messages=msgs)

STATE = {"pos-cat": (urls.CAT, cat), "pos-korg": (urls.KEY_ORG, korg), "pos-basis": (urls.BASIS, basis),
         "pos-oa": (urls.ORG_A, org_a), "pos-ob": (urls.ORG_B, org_b), "pos-rate": (urls.RATE, rate)}
url_state = UrlState(STATE, {urls.BASIS: "rules", urls.RATE: "0"}, arrived=ctx.arrived)
sync = url_state.sync
warn(msgs)

with st.container(border=True):
    c1, c2, c3 = st.columns([2.2, 1.4, 1.2])
    c1.selectbox("Category", codebook.ids, key="pos-cat", index=None, on_change=sync, args=("pos-cat",),
                 format_func=lambda c: labels.get(c, c), placeholder="Choose a category to see its sentences…")
    c2.selectbox("Evidence from", org_options, key="pos-korg", index=None, on_change=sync, args=("pos-korg",),
                 placeholder="All organisations",
                 help="Whose sentences the evidence lists (the sidebar chooses the matrix's organisations).")
    c3.segmented_control("Basis", positions.BASES, key="pos-basis", on_change=sync, args=("pos-basis",),
                         format_func=lambda b: {"rules": "Rules", "reviewed": "Reviewed", "both": "Both"}[b],
                         help="How codings were made. Reviews by people (confirm, reject, add) come later.")
cat, korg = st.session_state["pos-cat"], st.session_state["pos-korg"]
if st.session_state.get("pos-basis") not in (None, "rules"):
    st.info("Reviews of the codings by people come in a later round; until then every view shows the codings "
            "made by the rules.", icon=":material/rate_review:")

stop_if_no_documents(docs.empty)
result = coded(codebook)
for warning in result.warnings:
    st.warning(safe_label(f"Codebook: {warning}"), icon=":material/rule:")


def here(**values: object) -> str:
    """A link to this page with the current settings, some changed."""
    return ctx.href("Positions", **url_state.params(**values))


# ------------------------------------------------------------------ the matrix
table = positions.matrix(result.codings, docs, codebook.ids)
order = positions.category_order(table, codebook.ids)
orgs = sorted(docs["org_short"].astype(str).unique(), key=str.casefold)
st.subheader("Category × organisation")
few = sorted(table.loc[table["few"], "org_short"].unique())
st.caption(f"Each cell: the share of the organisation's documents with at least one sentence coded with the "
           f"category (95% Wilson interval), how many documents, and coded sentences per 1,000 words. The "
           f"categories with the largest differences between organisations come first. Codebook version "
           f"{codebook.version}, basis: rules.")
if few:
    st.caption(safe_label(f"† fewer than {positions.MIN_DOCUMENTS} documents ({', '.join(few)}): shares move by "
                          "whole documents and the intervals are wide; compare with care."))
cell_hrefs = {(c, o): here(**{urls.CAT: c, urls.KEY_ORG: o}) for c in order for o in orgs}
row_hrefs = {c: here(**{urls.CAT: c, urls.KEY_ORG: None}) for c in order}
st.markdown(html.positions_matrix_html(table, categories=order, labels=labels, orgs=orgs, cell_hrefs=cell_hrefs,
                                       row_hrefs=row_hrefs, selected=(cat, korg)), unsafe_allow_html=True)


def export():
    # Built when a download is clicked: the codings of every selected document, with what matched.
    return positions.export_table(result, docs, codebook)


d1, d2, d3, d4 = st.columns(4)
with d1:
    download_csv(positions.matrix_export(table, codebook), "positions-matrix", label="Matrix (CSV)", key="dl-pos-matrix")
with d2:
    download_csv_made(export, "positions-codings", label="Codings (CSV)", key="dl-pos-codings")
d3.download_button("Codings (Parquet)", lambda: positions.parquet_bytes(export()), "positions-codings.parquet",
                   mime="application/vnd.apache.parquet", key="dl-pos-codings-pq", icon=":material/download:")
d4.download_button("Codebook (CSV)", csv_later(codebook_table(codebook)), "codebook.csv", mime="text/csv",
                   key="dl-pos-codebook", icon=":material/download:")

# ------------------------------------------------------------------ one category, two organisations
tab_ev, tab_time, tab_pair = url_tabs(["Evidence", "Over time", "Two organisations"], urls.TAB)
colours = org_colours()

if tab_ev.open:
    with tab_ev:
        if cat is None:
            empty_state("Choose a category above, or click a cell of the matrix, to see the sentences coded with it.")
        else:
            category = codebook.category(cat)
            who = korg or "all organisations"
            st.markdown(f"#### {safe_label(category.label)} — {safe_label(who)}")
            if category.definition:
                with st.expander("Definition (what the coders and the rules look for)"):
                    st.markdown(safe_label(category.definition, one_line=False))
            if korg and korg not in orgs:
                st.info(safe_label(f"{korg} is outside the sidebar filter: its sentences are not listed. "
                                   "Clear the filter or pick another organisation."), icon=":material/filter_alt:")
            rows = positions.evidence(result, docs, cat, org=korg)
            if rows.empty:
                empty_state(f"No sentence of {who} in the selection is coded with this category.")
            else:
                more = f"; the first {EVIDENCE_LIMIT} are listed, the CSV has all" if len(rows) > EVIDENCE_LIMIT else ""
                st.caption(safe_label(f"{len(rows):,} coded sentence(s) in {rows['doc_id'].nunique():,} document(s)"
                                      f"{more}. What matched is outlined (hover for the rule's word); “Read ›” "
                                      "opens the passage."))
                shown = rows.head(EVIDENCE_LIMIT)
                hits = positions.evidence_hits(result, shown, cat)
                hrefs = [ctx.href("Document", **{urls.DOC: d, urls.AT: int(s)})
                         for d, s in zip(shown["doc_id"], shown["start"], strict=False)]
                with st.container(height=520 if len(shown) > 8 else "content"):
                    st.markdown(html.evidence_html(shown, hits, hrefs, labels=evidence_labels(docs),
                                                   limit=EVIDENCE_LIMIT), unsafe_allow_html=True)
                download_csv(rows.drop(columns=["sent_start"]), f"positions-{cat}-evidence",
                             label="Evidence (CSV)", key="dl-pos-evidence")
            if korg:
                st.markdown(f"[All organisations on this category]({here(**{urls.KEY_ORG: None})})")

if tab_time.open:
    with tab_time:
        if cat is None:
            empty_state("Choose a category above to see it over time.")
        else:
            st.toggle("Sentences per 1,000 words", key="pos-rate", on_change=sync, args=("pos-rate",),
                      help="Off: the share of documents expressing the category in each period.")
            freq = positions.time_freq(docs)
            timeline = positions.over_time(result.codings, docs, cat, freq=freq)
            left_out = overview.left_out_note(overview.left_out_of_timeline(docs, freq=freq), total=len(docs))
            if timeline.empty:
                empty_state("No dated document in the selection.")
            else:
                value, title = (("per_1000", "coded sentences per 1,000 words") if st.session_state["pos-rate"]
                                else ("share", "% of documents"))
                shown = timeline.rename(columns={value: title})
                show_chart(charts.lines_over_time(shown, value=title, colours=colours, freq=freq,
                                                  title=f"{labels[cat]}: {title} by {freq}"), key="pos-time")
                st.caption(f"Per {freq} and organisation, over the dated documents of the selection. Few documents "
                           "in a period make a jumpy line: hover for the counts." + (f" {left_out}" if left_out else ""))
                download_csv(timeline, f"positions-{cat}-over-time", key="dl-pos-time")

if tab_pair.open:
    with tab_pair:
        if len(orgs) < 2:
            empty_state("Two organisations are needed: widen the filter in the sidebar.")
        else:
            by_size = docs["org_short"].astype(str).value_counts()
            defaults = [o for o in by_size.index if o in orgs][:2]
            if st.session_state.get("pos-oa") not in orgs:
                st.session_state["pos-oa"] = defaults[0]
            if st.session_state.get("pos-ob") not in orgs:
                st.session_state["pos-ob"] = next(o for o in orgs if o != st.session_state["pos-oa"])
            p1, p2 = st.columns(2)
            p1.selectbox("Organisation A", orgs, key="pos-oa", on_change=sync, args=("pos-oa",))
            p2.selectbox("Organisation B", orgs, key="pos-ob", on_change=sync, args=("pos-ob",))
            a, b = st.session_state["pos-oa"], st.session_state["pos-ob"]
            if a == b:
                empty_state("Choose two different organisations.")
            else:
                side = positions.pair(table, a, b, order)
                show_chart(charts.positions_pair(side, labels=labels, org_a=a, org_b=b, colours=colours,
                                                 title=f"{a} and {b} on every category"), key="pos-pair")
                apart = side[side["apart"]]
                st.caption(safe_label(
                    "Dots: the share of each organisation's documents expressing the category; bars: 95% intervals. "
                    + (f"Clearly apart (intervals do not overlap): {', '.join(labels[c] for c in apart['category'])}."
                       if len(apart) else "No category sets them clearly apart (every pair of intervals overlaps).")))
                download_csv(side, f"positions-{a}-{b}", key="dl-pos-pair")
