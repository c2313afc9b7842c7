"""Party Lines — overview: what the corpus holds, narrowed by the sidebar filter."""

import streamlit as st

from lib.analysis import overview
from lib.render import charts, palette
from lib.safe import safe_label
from lib.web import urls
from lib.web.ui import (
    UrlState,
    csv_later,
    download_csv,
    empty_state,
    link,
    params_snapshot,
    setup_page,
    show_chart,
    stop_if_no_documents,
    warn,
)

ctx = setup_page("Overview")
docs = ctx.filtered

st.title("Party Lines")
st.caption("Read and compare how political organisations write about one subject.")

head = overview.headline(docs)
c1, c2, c3, c4 = st.columns(4)
c1.metric("Documents", f"{head.documents:,}")
c2.metric("Organisations", f"{head.organisations:,}")
c3.metric("Words", f"{head.words:,}")
# Years in the metric (full dates do not fit a quarter of the page); exact range below.
years = head.first_date[:4] if head.first_date[:4] == head.last_date[:4] else f"{head.first_date[:4]}–{head.last_date[:4]}"
c4.metric("Years", years or "none dated")
if head.first_date:
    exact = head.first_date if head.first_date == head.last_date else f"{head.first_date} to {head.last_date}"
    st.caption(f"Dated documents run from {exact}." if head.first_date != head.last_date else f"Dated: {exact}.")
if head.undated:
    st.caption(f"{head.undated:,} of {head.documents:,} documents have no known date.")

stop_if_no_documents(docs.empty)

st.subheader("Documents")
listing = overview.document_list(docs)
listing.insert(0, "open", [ctx.href("Document", **{urls.DOC: d}) for d in listing["doc_id"]])
st.dataframe(
    listing, hide_index=True, width="stretch",
    column_config={
        "open": st.column_config.LinkColumn("Open", display_text="Read ›", width="small",
                                            help="Open the document in the reader"),
        "doc_id": st.column_config.TextColumn("id"),
        "words": st.column_config.NumberColumn("words", format="%d"),
    },
)
download_csv(listing.drop(columns=["open"]), "documents")
# Links in the same tab (the table's links open a new one), for the first documents listed.
with st.expander(f"Read a document ({min(len(listing), 30)} of {len(listing):,} listed)", expanded=len(listing) <= 10):
    for row in listing.head(30).itertuples():
        link(ctx, "Document", f"{row.title} — {row.organisation}, {row.date}", icon=":material/article:",
             **{urls.DOC: row.doc_id})

colours = palette.colour_map(sorted(ctx.documents["org_short"].unique()))
per_org = overview.per_organisation(docs)
left, right = st.columns(2)
with left:
    show_chart(charts.bar_per_org(per_org, value="documents", title="Documents per organisation", colours=colours),
               key="chart-docs-per-org")
with right:
    show_chart(charts.bar_per_org(per_org, value="words", title="Words per organisation", colours=colours),
               key="chart-words-per-org")
download_csv(per_org, "per-organisation", key="dl-per-org")

st.subheader("Over time")
period_msgs: list[str] = []  # the period is in the address (per=month), as on Terms' trends
period = urls.parse_choice(params_snapshot(), urls.PERIOD, choices=("year", "month"), default="year",
                           messages=period_msgs)
warn(period_msgs)
period_state = UrlState({"timeline-freq": (urls.PERIOD, period)}, {urls.PERIOD: "year"}, arrived=ctx.arrived)
freq = st.radio("Period", ["year", "month"], horizontal=True, key="timeline-freq", on_change=period_state.sync,
                args=("timeline-freq",))
timeline = overview.timeline(docs, freq=freq)
if timeline.empty:
    empty_state("None of these documents is dated.")
else:
    show_chart(charts.timeline_bars(timeline, title=f"Documents per {freq}", colours=colours), key="chart-timeline")
    download_csv(timeline, f"documents-per-{freq}", key="dl-timeline")
if head.undated:
    st.caption(f"Not shown: {head.undated} undated document(s).")

with st.expander("About this corpus", expanded=False):
    st.markdown(
        "The first corpus holds articles on the war in Ukraine by organisations of the left. "
        "Files are kept exactly as received; the text analysed is a cleaned copy (web furniture such as "
        "cookie notices and 'related articles' lists removed, Markdown markup turned into plain text). "
        "Where an article does not name its publisher, the attribution comes from the publisher's page "
        "and the document's card says so. Unknown fields show as 'unknown': nothing is invented."
    )
    for org_short, organisation in sorted(set(zip(docs["org_short"], docs["organisation"]))):
        st.markdown(f"- **{safe_label(org_short)}** — {safe_label(organisation)}")
st.download_button("Download the documents table with texts (CSV)", csv_later(docs), "corpus-documents.csv",
                   mime="text/csv", key="dl-full-docs")
