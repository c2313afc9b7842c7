"""Which term index serves a slice: in memory (:mod:`lib.store.term_index`) or queried in
place by DuckDB (:mod:`lib.store.term_duck`), chosen by the slice's size (issue 19).

Both answer the same methods with the same results; the choice is only about memory and
speed. Neither module imports duckdb at import time: only opening an out-of-core index does.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from lib.store.term_duck import DuckTermIndex
from lib.store.term_index import TermIndex

BACKEND_ENV = "PARTY_LINES_TERM_BACKEND"  # numpy | duckdb | auto (default)
# Above this many rows a slice is queried where it lies (lib/store/term_duck.py) instead of held
# in memory. In memory a row costs ~13 bytes of codes, and building the index reads the whole
# slice into pandas first (~4x that at the peak), plus every distinct term as a Python string.
# Chosen from the benchmark (benchmarks/RESULTS_100K.md): 10,000 realistic documents have
# 2.8-4.2M rows per slice and stay in memory, where a sum is a bincount of a few ms; 100,000
# have ~10 times as many (28-42M rows per slice, several GB for the three word slices).
MAX_MEMORY_ROWS = 15_000_000


def slice_rows(path: str | Path) -> int:
    """Rows of a Parquet slice, from its footer (no data read)."""
    import pyarrow.parquet as pq

    return int(pq.ParquetFile(path).metadata.num_rows)


def choose_backend(rows: int) -> str:
    """"numpy" or "duckdb" for a slice of this many rows (``PARTY_LINES_TERM_BACKEND`` forces one)."""
    forced = os.environ.get(BACKEND_ENV, "auto").strip().lower()
    if forced in ("numpy", "duckdb"):
        return forced
    return "duckdb" if rows > MAX_MEMORY_ROWS else "numpy"


def open_index(path: str | Path, read: Callable[[], pd.DataFrame], *, unit: str, n: int,
               backend: str | None = None) -> TermIndex:
    """The index of one slice: in memory (``read()`` gives its rows) or queried in place.

    Args:
        path: the slice's Parquet file.
        read: reads the whole slice as a frame (called only for the in-memory backend).
        unit, n: which slice.
        backend: "numpy" or "duckdb"; default chosen by :func:`choose_backend` from the row count.
    """
    backend = backend or choose_backend(slice_rows(path))
    if backend == "duckdb":
        return DuckTermIndex(path, unit=unit, n=n)
    return TermIndex(read(), unit=unit, n=n)
