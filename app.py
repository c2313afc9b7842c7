"""Party Lines — overview: what the corpus is about, what it holds, and where to start."""

import streamlit as st

from lib.analysis import overview
from lib.contracts import CODEBOOK_FILE
from lib.ingest.corpus import corpus_dir
from lib.render import charts
from lib.safe import safe_label
from lib.web import start, urls
from lib.web.cached import corpus_info, org_colours
from lib.web.ui import (
    UrlState,
    documents_csv_later,
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
info = corpus_info()  # corpus/corpus.yaml; None when the corpus has none (no section, no message)

# ------------------------------------------------------------------ what the corpus is about
TAGLINE = "Party Lines: read and compare how political organisations write about one subject."
if info is not None and not info.empty:
    st.title(safe_label(info.title) if info.title else "Party Lines", anchor="about")
    if info.subject:
        st.markdown(f"**Subject:** {safe_label(info.subject)}")
    if info.description:
        for paragraph in [p for p in info.description.split("\n\n") if p.strip()]:
            st.markdown(safe_label(paragraph))
    credits = [f"Curated by {info.curator}" if info.curator else "", f"Licence: {info.licence}" if info.licence else ""]
    st.caption(safe_label(" · ".join(c for c in credits if c)) + ("  \n" if any(credits) else "") + safe_label(TAGLINE))
else:
    st.title("Party Lines")
    st.caption(safe_label(TAGLINE))
if info is not None and info.problems:
    warn([f"The corpus description: {p}" for p in info.problems])

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

# ------------------------------------------------------------------ where to start
st.subheader("Where to start", anchor="start")
steps = start.next_steps(docs, has_codebook=(corpus_dir() / CODEBOOK_FILE).is_file())
# Two per row: a question stays whole on a laptop, and the grid stacks on a phone.
for row in range(0, len(steps), 2):
    for col, step in zip(st.columns(2), steps[row:row + 2], strict=False):
        with col, st.container(border=True):
            link(ctx, step.page, step.question, icon=step.icon, **step.params)

# ------------------------------------------------------------------ per organisation
colours = org_colours()
per_org = overview.per_organisation(docs)
st.subheader("Organisations", anchor="organisations")
left, right = st.columns(2)
with left:
    show_chart(charts.bar_per_org(per_org, value="words", title="Words per organisation (and documents)",
                                  colours=colours), key="chart-words-per-org")
with right:
    show_chart(charts.org_date_spans(per_org, title="When each organisation wrote", colours=colours),
               key="chart-org-dates")
download_csv(per_org, "per-organisation", key="dl-per-org")

# ------------------------------------------------------------------ over time
st.subheader("Over time", anchor="over-time")
period_msgs: list[str] = []  # the period is in the address (per=month), as on Terms' trends
period = urls.parse_choice(params_snapshot(), urls.PERIOD, choices=("year", "month"), default="year",
                           messages=period_msgs)
warn(period_msgs)
period_state = UrlState({"timeline-freq": (urls.PERIOD, period)}, {urls.PERIOD: "year"}, arrived=ctx.arrived)
freq = st.radio("Period", ["year", "month"], horizontal=True, key="timeline-freq", on_change=period_state.sync,
                args=("timeline-freq",))
timeline = overview.timeline(docs, freq=freq)
left_out = overview.left_out_note(overview.left_out_of_timeline(docs, freq=freq), total=len(docs))
if timeline.empty:
    empty_state("None of these documents is dated." if freq == "year" else "None of these documents is dated to the month.")
else:
    show_chart(charts.timeline_bars(timeline, title=f"Documents per {freq}", colours=colours, freq=freq),
               key="chart-timeline")
    download_csv(timeline, f"documents-per-{freq}", key="dl-timeline")
if left_out:
    st.caption(left_out)

# ------------------------------------------------------------------ the documents, once
st.subheader("Documents", anchor="documents")
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

with st.expander("About the texts and their metadata", expanded=False):
    st.markdown(
        "Files are kept exactly as received; the text analysed is a cleaned copy (web furniture such as "
        "cookie notices and 'related articles' lists removed, Markdown markup turned into plain text). "
        "Where an article does not name its publisher, the attribution comes from the publisher's page "
        "and the document's card says so. Unknown fields show as 'unknown': nothing is invented."
    )
    for org_short, organisation in sorted(set(zip(docs["org_short"], docs["organisation"]))):
        st.markdown(f"- **{safe_label(org_short)}** — {safe_label(organisation)}")
st.download_button("Download the documents table with texts (CSV)", documents_csv_later(docs), "corpus-documents.csv",
                   mime="text/csv", key="dl-full-docs")
