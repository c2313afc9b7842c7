"""Streamlit glue of the Positions feature: the corpus's codebook and codings, cached; the small
sections the Compare and Document pages show (the Positions page itself is pages/6_Positions.py).

The codebook is read from ``CORPUS_DIR/codebook.yaml`` (re-read when the file changes). The
codings of the shared corpus are computed once per corpus state and codebook version and kept
on disk (``lib.analysis.positions.coded_corpus``); a first computation shows a progress bar,
later views read the small table. A visitor's uploaded documents are coded in their session.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import streamlit as st

from lib.analysis import positions
from lib.analysis.codebook import Codebook, CodebookError, load_codebook
from lib.contracts import CODEBOOK_FILE, CORPUS_ACTORS
from lib.ingest.corpus import corpus_dir, title_of
from lib.render import html
from lib.safe import safe_label
from lib.web import urls
from lib.web.cached import annotated
from lib.web.ui import PageContext, empty_state

_CODING_LOCK = threading.Lock()  # one coding run per process, however many sessions ask
_SESSION_CODED = "_pl_session_codings"


@dataclass
class CodebookState:
    """The corpus's codebook, or why there is none (``messages`` name the lines)."""

    path: Path
    codebook: Codebook | None
    messages: list[str] = field(default_factory=list)

    @property
    def missing(self) -> bool:
        return self.codebook is None and not self.messages


def _stamp(path: Path) -> str:
    try:
        stat = path.stat()
    except OSError:
        return "missing"
    return f"{stat.st_size}:{stat.st_mtime_ns}"


@st.cache_resource(max_entries=8, show_spinner=False)
def _load(path: str, stamp: str, fingerprint: str, _known: tuple[str, ...]) -> Codebook | CodebookError:
    try:
        return load_codebook(path, known_actors=_known)
    except CodebookError as exc:
        return exc


@st.cache_resource(max_entries=4, show_spinner=False)
def _known_actors(fingerprint: str, extra: str, extra_stamp: str, _ann) -> tuple[str, ...]:
    # One tuple for every session (it was worked out and kept per session, YAML read included: issue 21).
    from lib.nlp.gazetteer import merged_actors  # reads the YAML only (no spaCy)

    actors, _ = merged_actors(Path(extra))
    return tuple(sorted({a.name for a in actors} | set(_ann.actor_types["actor"].astype(str))))


def codebook_state() -> CodebookState:
    """The corpus's codebook as loaded now (cached per file state and corpus state)."""
    path = corpus_dir() / CODEBOOK_FILE
    if not path.is_file():
        return CodebookState(path, None)
    ann = annotated()
    stamp = _stamp(path)
    fingerprint = ann.shared.fingerprint
    extra = corpus_dir() / CORPUS_ACTORS
    known = _known_actors(fingerprint, str(extra), _stamp(extra), ann.shared)
    result = _load(str(path), stamp, fingerprint, known)
    if isinstance(result, CodebookError):
        return CodebookState(path, None, list(result.messages))
    return CodebookState(path, result)


# The shared corpus's codings, per (corpus state, codebook version): one object for every session
# (a few MB at 10,000 documents), the last few kept. Not st.cache_resource: the first computation
# shows a progress bar, which a cached function would replay on every later hit.
_CODED: OrderedDict[tuple[str, str], positions.Coded] = OrderedDict()
_KEEP = 4


def _shared_codings(shared, codebook: Codebook) -> positions.Coded:
    key = (shared.fingerprint, codebook.version)
    with _CODING_LOCK:
        if key in _CODED:
            _CODED.move_to_end(key)
            return _CODED[key]
        if positions.cached_codings_path(shared, codebook) is None:
            bar = st.progress(0.0, text="Coding every sentence with the codebook (once per codebook version)…")
            try:
                result = positions.coded_corpus(shared, codebook, progress=lambda f, m: bar.progress(
                    min(max(f, 0.0), 1.0), text=m))
            finally:
                bar.empty()
        else:
            result = positions.coded_corpus(shared, codebook)
        _CODED[key] = result
        while len(_CODED) > _KEEP:
            _CODED.popitem(last=False)
        return result


def coded(codebook: Codebook) -> positions.Coded:
    """Every sentence of the corpus (and of this session's uploads) coded with ``codebook``."""
    full = annotated()
    base = _shared_codings(full.shared, codebook)
    own = sorted(full.session_ids)
    if not own:
        return base
    key = (full.shared.fingerprint, codebook.version, tuple(own))
    kept = st.session_state.get(_SESSION_CODED)
    if kept is None or kept[0] != key:
        kept = (key, positions.code_store(full, codebook, own))
        st.session_state[_SESSION_CODED] = kept
    extra = kept[1]
    return positions.Coded(base.version, pd.concat([base.codings, extra.codings], ignore_index=True),
                           pd.concat([base.hits, extra.hits], ignore_index=True), base.warnings)


def coded_for(codebook: Codebook, doc_ids: list[str]) -> positions.Coded:
    """What :func:`coded` holds for a few documents (the Document and Compare sections): from
    the shared codings when this process holds them, else only these documents' rows read from
    disk (all codings of 100,000 documents take 2 s to read; the Positions page reads them once)."""
    full = annotated()
    key = (full.shared.fingerprint, codebook.version)
    with _CODING_LOCK:
        held = key in _CODED
    if held or any(d in full.session_ids for d in doc_ids):
        return coded(codebook)
    part = positions.cached_codings(full, codebook, doc_ids=doc_ids)
    return part if part is not None else coded(codebook)


def _labels(documents: pd.DataFrame) -> dict[str, str]:
    return {d: f"{o} · {title_of({'title': t, 'doc_id': d})}" for d, o, t in
            zip(documents["doc_id"], documents["org_short"], documents["title"], strict=False)}


def _ready() -> Codebook | None:
    """The codebook when it loads, else None (the sections then say nothing: the Positions
    page is where a broken codebook is explained)."""
    state = codebook_state()
    return state.codebook


def document_section(ctx: PageContext, doc_id: str) -> None:
    """Document page: this document's categories, each with its coded sentences (linked to the passage)."""
    codebook = _ready()
    if codebook is None:
        return
    result = coded_for(codebook, [doc_id])
    rows = positions.document_categories(result, doc_id, codebook.ids)
    st.subheader("Positions")
    if rows.empty:
        st.caption("No sentence of this document is coded with a category of the codebook.")
        return
    st.caption(safe_label(f"Sentences coded by the codebook's rules ({len(rows):,} coding(s), "
                          f"{rows['category'].nunique()} of {len(codebook.ids)} categories). "
                          "Each category opens on the Positions page; “Read ›” opens the passage."))
    labels = codebook.labels()
    hits = positions.evidence_hits(result, rows)
    for category in dict.fromkeys(rows["category"]):
        part = rows[rows["category"] == category]
        with st.expander(f"{safe_label(labels.get(category, category))} ({len(part)})"):
            st.page_link(urls.PAGES["Positions"], label="All organisations on this category", icon=":material/fact_check:",
                         query_params={**ctx.filter_params(), **urls.query(**{urls.CAT: category})})
            hrefs = [ctx.href("Document", **{urls.DOC: doc_id, urls.AT: int(s)}) for s in part["start"]]
            st.markdown(html.evidence_html(part, hits[hits["category"] == category], hrefs, labels={doc_id: ""},
                                           limit=50), unsafe_allow_html=True)


def compare_section(ctx: PageContext, a: str, b: str) -> None:
    """Compare page: the categories both documents express, only A, only B."""
    codebook = _ready()
    if codebook is None:
        return
    sets = positions.compare_categories(coded_for(codebook, [a, b]), a, b, codebook.ids)
    st.subheader("Positions")
    if not (sets.both or sets.only_a or sets.only_b):
        empty_state("Neither document has a sentence coded with a category of the codebook.")
        return
    labels = codebook.labels()

    def item(category: str) -> str:
        counts = f"A {sets.sentences_a.get(category, 0)}, B {sets.sentences_b.get(category, 0)}"
        href = ctx.href("Positions", **{urls.CAT: category})
        return f"- [{safe_label(labels.get(category, category))}]({href}) ({counts} sentences)"

    c1, c2, c3 = st.columns(3)
    for column, title, cats in ((c1, "Both", sets.both), (c2, "Only A", sets.only_a), (c3, "Only B", sets.only_b)):
        with column:
            st.markdown(f"**{title}** ({len(cats)})")
            st.markdown("\n".join(item(c) for c in cats) if cats else "—")
    st.caption("Categories of the codebook with at least one sentence coded by its rules in the document.")


def evidence_labels(documents: pd.DataFrame) -> dict[str, str]:
    """doc_id → "ORG · title" for the evidence lists."""
    return _labels(documents)
