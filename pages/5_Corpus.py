"""Corpus: the metadata table, adding documents (upload), exports and citations."""

import streamlit as st

from lib.analysis import exports, reader
from lib.ingest import adding
from lib.ingest.corpus import corpus_dir, display, title_of
from lib.ingest.decoding import RefusedInput
from lib.safe import safe_label, show_invisible
from lib.web import bulk, cached, urls
from lib.web.ui import (
    NO_DOCUMENTS,
    documents_csv_later,
    download_csv,
    empty_state,
    link,
    params_snapshot,
    setup_page,
    write_params,
)

ctx = setup_page("Corpus")
WRITES = adding.writes_allowed()
docs = ctx.documents
params = params_snapshot()
messages: list[str] = []

st.title("Corpus")
st.caption(safe_label(f"{len(docs):,} documents from {docs['organisation'].nunique()} organisations; "
                      f"{len(ctx.filtered):,} shown by the filter."))

# ---------------------------------------------------------------- the metadata table
st.subheader("Documents and their metadata")
table = exports.metadata_table(ctx.filtered)
if table.empty:
    empty_state(NO_DOCUMENTS)
else:
    table.insert(0, "open", [ctx.href("Document", **{urls.DOC: d}) for d in ctx.filtered["doc_id"]])
    st.dataframe(
        table, hide_index=True, width="stretch",
        column_config={
            "open": st.column_config.LinkColumn("Open", display_text="Read ›", width="small"),
            "doc_id": st.column_config.TextColumn("id"),
            "url": st.column_config.TextColumn("url"),  # shown as text: a link column would follow any scheme
            "n_words": st.column_config.NumberColumn("words", format="%d"),
        },
    )
    st.caption("Sort by clicking a column header; search with the magnifier above the table's top right corner.")
    download_csv(table.drop(columns=["open"]), "corpus-metadata", key="dl-corpus-metadata")

# ---------------------------------------------------------------- adding documents
st.subheader("Add documents")
if WRITES:
    st.info(safe_label(f"Writes are on: a document you add is saved to the shared corpus folder "
                       f"({corpus_dir()}) and everyone using this app sees it."), icon=":material/edit_document:")
else:
    st.info("This app is read-only: a document you upload is analysed with the rest on every page, for you only, "
            "until you close the tab. Nothing is saved and other visitors do not see it. (The operator can turn "
            "on saving with PARTY_LINES_ALLOW_WRITES=1.)", icon=":material/lock:")

flash = st.session_state.pop("corpus-added", None)
for news in ([flash] if flash else []) + cached.upload_news():
    if not news.get("ok", True):
        st.error(safe_label(news["message"]), icon=":material/block:")
        continue
    st.success(safe_label(news["message"]), icon=":material/check_circle:")
    for note in news["notes"]:
        st.caption(safe_label(note))
    if news["doc_id"] in set(docs["doc_id"]):
        link(ctx, "Document", f"Open {news['doc_id']}", icon=":material/article:", **{urls.DOC: news["doc_id"]})

upload_n = st.session_state.setdefault("corpus-upload-n", 0)
limits = cached.upload_limits()
uploaded = st.file_uploader(
    f"A text file: .txt, .md or a saved web page (.html, .htm); at most {limits.file_mb} MB",
    type=[s.lstrip(".") for s in adding.UPLOAD_SUFFIXES], key=f"corpus-upload-{upload_n}",
    max_upload_size=limits.file_mb,
    help="Any encoding is accepted. The file is stored exactly as received under a generated name.")

try:  # checked (and, for this session, analysed) by a worker process of its own, never by this page
    job = cached.upload_job(uploaded.getvalue() if uploaded is not None else None,
                            uploaded.name if uploaded is not None else "", writes=WRITES)
except RefusedInput as exc:
    st.error(safe_label(f"Not added: {exc}"), icon=":material/block:")
    job = None
if job is not None:
    prepared = cached.upload_prepared(job)
    if prepared is not None:
        for warning in prepared.warnings:
            st.warning(safe_label(warning), icon=":material/warning:")
        s = prepared.suggestion
        st.caption(safe_label(f"{prepared.fmt.upper()} file, {prepared.n_words:,} words, read as {prepared.encoding}"
                              + (" (guessed)" if prepared.guessed else "") + ". Suggested metadata: "
                              + (", ".join(f"{k} from {v}" for k, v in s.sources.items()) or "none found") + "."))
        with st.expander("Preview of the text as it will be analysed", expanded=False):
            st.text(show_invisible(prepared.cleaned.text[:3000]) + (" …" if len(prepared.cleaned.text) > 3000 else ""))
        known = adding.known_organisations(cached.loaded_corpus().documents.to_dict("records")
                                           + cached.session_rows())
        full_names = dict(known)
        new_org = "\u0000new"  # a sentinel no organisation name can equal (control characters are refused)
        k = f"corpus-form-{prepared.sha256[:12]}"
        with st.form(k):
            st.markdown("**Confirm the metadata** (suggested from the file; empty fields stay unknown)")
            org_choice = st.selectbox(
                "Organisation", [short for short, _ in known] + [new_org], index=None, key=f"{k}-org",
                placeholder="Choose an organisation…",
                format_func=lambda o: "New organisation…" if o == new_org else show_invisible(
                    f"{o} — {full_names[o]}" if full_names.get(o, o) != o else o))
            n1, n2 = st.columns([2, 1])
            new_name = n1.text_input("New organisation's name (if new)", key=f"{k}-neworg", max_chars=120,
                                     help="Spelling variants of a known name (case, apostrophes, spaces) are merged.")
            new_short = n2.text_input("Its short name", key=f"{k}-short", max_chars=30, placeholder="e.g. CPGB-ML",
                                      help="How charts, lists and links name a new organisation. Left empty: an "
                                           "abbreviation the name or the text uses, else the full name.")
            c1, c2 = st.columns(2)
            title = c1.text_input("Title", value=s.get("title"), key=f"{k}-title", max_chars=300)
            author = c2.text_input("Author", value=s.get("author"), key=f"{k}-author", max_chars=200)
            date = c1.text_input("Date (YYYY-MM-DD, YYYY-MM or YYYY)", value=s.get("date"), key=f"{k}-date",
                                 max_chars=40)
            publication = c2.text_input("Publication", value=s.get("publication"), key=f"{k}-pub", max_chars=200)
            url = c1.text_input("Original URL (http or https)", value=s.get("url"), key=f"{k}-url", max_chars=2000)
            language = c2.text_input("Language code", value=s.get("language"), key=f"{k}-lang", max_chars=12)
            submitted = st.form_submit_button("Add to the shared corpus" if WRITES else "Add for this session",
                                              type="primary", icon=":material/add:")
        if submitted:
            organisation = new_name if org_choice in (None, new_org) else full_names.get(org_choice, org_choice)
            metadata = {"organisation": organisation, "org_short": new_short if org_choice in (None, new_org) else "",
                        "title": title, "author": author, "date": date,
                        "publication": publication, "url": url, "language": language}
            try:
                doc_id, notes, message = cached.add_upload(job, metadata, writes=WRITES)
            except RefusedInput as exc:
                st.error(safe_label(f"Not added: {exc}"), icon=":material/block:")
            except OSError as exc:
                st.error(safe_label(f"Not added: the corpus could not be written ({exc.strerror or 'error'}); "
                                    "it is unchanged."), icon=":material/block:")
            else:
                st.session_state["corpus-added"] = {"message": message, "notes": notes, "doc_id": doc_id}
                st.session_state["corpus-upload-n"] = upload_n + 1  # empties the uploader
                st.rerun()

for row, job in cached.pending_uploads():
    st.caption(safe_label(f"Being analysed: {title_of(row)} ({row['doc_id']})"))
    cached.upload_progress(job)
session = cached.session_rows()
if session:
    st.markdown(f"**Your uploads in this session ({len(session)})** — gone when you close the tab")
    for row in session:
        c1, c2, c3 = st.columns([6, 2, 2])
        with c1:
            link(ctx, "Document", f"{title_of(row)} — {display(row.get('org_short'))}, {display(row.get('date'))}",
                 icon=":material/article:", **{urls.DOC: row["doc_id"]})
        c2.download_button("File", row.get("_raw", b""), file_name=row["file"], key=f"dl-session-{row['doc_id']}",
                           icon=":material/download:", help="The file exactly as you uploaded it")
        c3.button("Remove", key=f"rm-session-{row['doc_id']}", icon=":material/delete:",
                  on_click=cached.remove_session_row, args=(row["doc_id"],))

# ---------------------------------------------------------------- several documents at once (issue 18)
bulk.section(writes=WRITES)

# ---------------------------------------------------------------- exports and citations
st.subheader("Export and cite")
version = exports.corpus_version(docs)
base_url = st.context.url
st.caption(safe_label(f"Corpus version {version} (changes whenever a document is added or changed)."))

if st.button("Prepare the whole corpus as a zip (CSV and Parquet)", icon=":material/folder_zip:",
             key="corpus-export-build"):
    with st.spinner("Collecting the documents and their annotations…"):
        data = cached.corpus_zip(docs, overview_link=exports.absolute_link(base_url, urls.page_href("Overview")))
    st.session_state["corpus-export"] = ((version, cached.csv_exact()), data)
export = st.session_state.get("corpus-export")
if export and export[0] == (version, cached.csv_exact()):
    st.download_button(f"Download party-lines-{version}.zip ({len(export[1]) / 1048576:.1f} MB)", export[1],
                       file_name=f"party-lines-{version}.zip", mime="application/zip", key="corpus-export-dl",
                       icon=":material/download:", type="primary")

# A link naming a passage (doc, at, end) opens on its citation.
cite_tab = "Cite a passage" if any(urls.get_all(params, n) for n in (urls.DOC, urls.AT, urls.END)) else None
tab_corpus, tab_view, tab_passage = st.tabs(["Cite the corpus", "Cite this view", "Cite a passage"], default=cite_tab)
with tab_corpus:
    c = exports.cite_corpus(docs, url=exports.absolute_link(base_url, urls.page_href("Overview")), info=cached.corpus_info())
    st.caption("Plain text (copy with the button at the top right of the box)")
    st.code(c.text, language=None, wrap_lines=True)
    st.caption("BibTeX")
    st.code(c.bibtex, language="bibtex")
with tab_view:
    sel = ctx.selection
    view_link = exports.absolute_link(base_url, ctx.href("Overview"))
    c = exports.cite_view(ctx.filtered, corpus=docs, url=view_link,
                          description=exports.view_description(sel.orgs, sel.date_from, sel.date_to), info=cached.corpus_info())
    st.caption("The current view is the sidebar filter; its link reproduces it.")
    st.code(c.text, language=None, wrap_lines=True)
    st.code(c.bibtex, language="bibtex")
with tab_passage:
    if docs.empty:
        empty_state("There are no documents to cite.")
    else:
        ids = list(docs["doc_id"])
        wanted = urls.get_one(params, urls.DOC, messages)
        if wanted is not None and wanted not in ids:
            messages.append(f"Unknown document '{urls.shorten(wanted)}' in the link; choose one below.")
            wanted = None
        if ctx.arrived or "corpus-cite-doc" not in st.session_state:
            st.session_state["corpus-cite-doc"] = wanted or (ctx.filtered["doc_id"].iloc[0] if len(ctx.filtered)
                                                             else ids[0])
        titles = dict(zip(docs["doc_id"], docs.apply(title_of, axis=1), strict=False))
        doc_id = st.selectbox("Document", ids, key="corpus-cite-doc",
                              format_func=lambda d: show_invisible(f"{d} — {titles.get(d, '')}"[:140]),
                              on_change=lambda: write_params({urls.DOC: st.session_state["corpus-cite-doc"]}))
        row = docs.set_index("doc_id", drop=False).loc[doc_id].copy()
        row["text"] = cached.text_of(doc_id)  # the documents table holds no texts
        length = len(row["text"])
        start = urls.parse_int(params, urls.AT, default=0, lo=0, hi=length, messages=messages)
        end = urls.parse_int(params, urls.END, default=min(length, start + 200), lo=0, hi=length, messages=messages)
        if end < start:
            messages.append("The passage's end is before its start; the end was moved to the start.")
            end = start
        if ctx.arrived or "corpus-cite-start" not in st.session_state:
            st.session_state["corpus-cite-start"], st.session_state["corpus-cite-end"] = start, end
        c1, c2 = st.columns(2)
        start = c1.number_input("From character", 0, length, key="corpus-cite-start", step=50,
                                on_change=lambda: write_params({urls.AT: st.session_state["corpus-cite-start"]}))
        end = c2.number_input("To character", 0, length, key="corpus-cite-end", step=50,
                              on_change=lambda: write_params({urls.END: st.session_state["corpus-cite-end"]}))
        passage_link = exports.absolute_link(base_url, ctx.href("Document", **{urls.DOC: doc_id, urls.AT: start}))
        pdf_pages = reader.load_source(corpus_dir(), row["file"], str(row["text"])).pages if row["format"] == "pdf" \
            else []
        c = exports.cite_passage(row, start, end, corpus=docs, url=passage_link,
                                 page=reader.pdf_page(pdf_pages, int(start)), info=cached.corpus_info())
        st.code(c.text, language=None, wrap_lines=True)
        st.code(c.bibtex, language="bibtex")

for message in messages:
    st.warning(safe_label(message), icon=":material/warning:")

with st.expander("Download the documents table with texts (CSV)"):
    st.download_button("Documents with texts (CSV)", documents_csv_later(ctx.filtered), "corpus-documents.csv",
                       mime="text/csv", key="dl-corpus-docs")
