"""The Corpus page's bulk import: several files or a zip at once (issue 18).

The files go to one bounded worker process (:class:`lib.store.upload_worker.ImportJob`, the
upload worker's limits and queue), which checks every document as ``add`` does and, unless the
visitor only asked for a check, adds those that pass in ONE commit
(:mod:`lib.ingest.importing`, the code of ``python -m lib import``). The page run never waits
for it: a small fragment polls the job once a second and the page is drawn again when it ends,
with the same summary as the command: added, refused (file → reason), warnings.

Writing to the corpus is the operator's choice (``PARTY_LINES_ALLOW_WRITES``); without it the
section says how a visitor can add documents (one at a time, for their session).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.ingest import adding
from lib.ingest.corpus import corpus_dir
from lib.ingest.decoding import RefusedInput
from lib.safe import safe_label
from lib.store import upload_worker
from lib.web import cached

_JOB_KEY = "_pl_import_job"  # the session's latest ImportJob
_N_KEY = "corpus-bulk-n"  # bumped to empty the uploader after an import
BULK_SUFFIXES = (*adding.UPLOAD_SUFFIXES, ".zip")


def job() -> upload_worker.ImportJob | None:
    """This session's latest bulk import job (running or finished), if any."""
    return st.session_state.get(_JOB_KEY)


def start(files: list[tuple[str, bytes]], *, org: str, tags: str, dry_run: bool) -> upload_worker.ImportJob:
    """Start checking (``dry_run``) or importing ``files`` in a worker; an unfinished check is stopped first.

    Raises:
        RefusedInput: no file, too many files, or the server is busy; nothing was started.
    """
    limits = cached.upload_limits()
    if not files:
        raise RefusedInput("Choose the files (or a zip) to import first.")
    if len(files) > limits.batch_entries:
        raise RefusedInput(f"{len(files):,} files were chosen; one import here may hold {limits.batch_entries:,}. "
                           "The operator can import more with `python -m lib import`.")
    old = job()
    if old is not None and not old.status().finished and old.dry_run:
        old.cancel()
    new = upload_worker.ImportJob(files, corpus=corpus_dir(), org=org, tags=tags, dry_run=dry_run, limits=limits)
    st.session_state[_JOB_KEY] = new
    return new


def section(*, writes: bool) -> None:
    """Draw the section: the multi-file uploader, the organisation and tags, Check and Import, the summary."""
    st.markdown("**Several documents at once, or a zip of them**")
    if not writes:
        st.caption("Importing several documents at once saves them to the shared corpus, which this read-only app "
                   "does not do. Add files one at a time above (for this session), or ask the operator to run "
                   "`python -m lib import` on a folder, a zip or a table.")
        return
    limits = cached.upload_limits()
    n = st.session_state.setdefault(_N_KEY, 0)
    uploaded = st.file_uploader(
        f"Text files (.txt, .md, .html, .htm, .pdf) or a .zip of them; at most {limits.file_mb} MB each",
        type=[s.lstrip(".") for s in BULK_SUFFIXES], accept_multiple_files=True, key=f"corpus-bulk-{n}",
        max_upload_size=limits.file_mb,
        help="Each document gets the same checks as a single upload. A zip may hold folders and its own "
             "metadata.csv (columns as in the corpus's metadata.csv, with 'file' naming the file in the zip).")
    c1, c2 = st.columns(2)
    org = c1.text_input("Organisation (for documents whose metadata names none)", key="corpus-bulk-org",
                        max_chars=120, help="A known organisation in any spelling, or a new name.")
    tags = c2.text_input("Tags for every document (separated by ;)", key="corpus-bulk-tags", max_chars=500)
    files = [(f.name, f.getvalue()) for f in (uploaded or [])]
    b1, b2 = st.columns(2)
    check = b1.button("Check only (nothing is saved)", key="corpus-bulk-check", icon=":material/fact_check:",
                      disabled=not files)
    go = b2.button(f"Import {len(files)} file{'' if len(files) == 1 else 's'} to the shared corpus",
                   key="corpus-bulk-import", type="primary", icon=":material/library_add:", disabled=not files)
    if check or go:
        try:
            start(files, org=org, tags=tags, dry_run=bool(check))
        except RefusedInput as exc:
            st.error(safe_label(f"Not imported: {exc}"), icon=":material/block:")
    current = job()
    if current is None:
        return
    status = current.status()
    if not status.finished:
        _progress(current, status.stage)
        return
    if status.stage != "done" or status.summary is None:
        st.error(safe_label(f"Not imported: {status.message}"), icon=":material/block:")
        return
    show_summary(status.summary)
    if not current.dry_run and not st.session_state.get(f"{_N_KEY}-done-{current.key}"):
        st.session_state[f"{_N_KEY}-done-{current.key}"] = True
        st.session_state[_N_KEY] = n + 1  # empties the uploader; the summary stays until the next import
        st.rerun()


def show_summary(summary) -> None:
    """An import's summary: the headline, notes, then the refused files and the warnings as tables."""
    (st.success if summary.added and not summary.refused else st.warning)(
        safe_label(summary.headline), icon=":material/checklist:")
    if summary.unknown_columns:
        st.caption(safe_label(summary.lines()[1]))
    for note in summary.notes:
        st.caption(safe_label(note))
    if summary.refused:
        st.markdown(f"**Refused ({len(summary.refused):,})**")
        st.dataframe(pd.DataFrame(summary.refused, columns=["file", "reason"]), hide_index=True, width="stretch")
    if summary.warnings:
        with st.expander(f"Warnings ({len(summary.warnings):,})"):
            st.dataframe(pd.DataFrame(summary.warnings, columns=["file", "warning"]), hide_index=True,
                         width="stretch")
    if summary.added:
        with st.expander(f"{'Would be added' if summary.dry_run else 'Added'} ({len(summary.added):,})",
                         expanded=summary.dry_run):
            st.dataframe(pd.DataFrame([(a.name, a.doc_id) for a in summary.added], columns=["file", "id"]),
                         hide_index=True, width="stretch")


@st.fragment(run_every=1.0)
def _progress(current: upload_worker.ImportJob, drawn: str) -> None:
    # Only this box polls; the page is drawn again when the job ends (its summary, the new documents).
    status = current.status()
    if status.finished or status.stage != drawn:
        st.rerun()
    st.progress(min(max(status.fraction, 0.0), 1.0), text=safe_label(status.message))
