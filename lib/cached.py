"""The ``st.cache_*`` wrappers around the plain library (the only other Streamlit importer is ui.py).

Caches are keyed by the corpus folder and a cheap stamp of its files (names, sizes,
modification times), so a document added by the command line shows up on the next run
without restarting the app. Entries are bounded.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import streamlit as st

from lib.corpus import LoadedCorpus, Notice, corpus_dir, load_corpus


def corpus_stamp(directory: Path) -> str:
    """Cheap change detector for a corpus folder (not a content hash)."""
    if not directory.is_dir():
        return "missing"
    parts = []
    for entry in sorted(os.scandir(directory), key=lambda e: e.name):
        if entry.is_file():
            stat = entry.stat()
            parts.append(f"{entry.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return "|".join(parts)


@st.cache_data(max_entries=4, show_spinner="Loading the corpus…")
def _load(directory: str, stamp: str) -> LoadedCorpus:
    return load_corpus(Path(directory))


def loaded_corpus() -> LoadedCorpus:
    """The corpus folder as loaded (shared across sessions; never mutated by pages)."""
    directory = corpus_dir()
    return _load(str(directory), corpus_stamp(directory))


def documents_table() -> pd.DataFrame:
    """The documents table of the corpus."""
    return loaded_corpus().documents


def corpus_notices() -> list[Notice]:
    """What went wrong or was assumed while loading the corpus."""
    return loaded_corpus().notices
