"""The documents' texts, read when a page shows them, not when the app starts (issue 19).

At 100,000 documents the texts are 600 MB as Python strings: reading them with the documents
table was 5 of the 6 seconds of a start and 1.2 GB of its memory, for pages that show one or
two texts (the reader, Compare, a concordance's few documents, the corpus page's detail).
The store's documents table is written in row groups of :data:`ROW_GROUP_ROWS` rows
(:func:`lib.store.build._commit`), so one text costs reading its row group's texts, not all.
"""

from __future__ import annotations

import bisect
import itertools
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path

import pyarrow.parquet as pq

# Rows per row group of the store's documents table: a text is read with its neighbours (256
# texts of ~5 KB: ~1 MB, a few ms); smaller groups make the footer and the metadata grow.
ROW_GROUP_ROWS = 256


class TextsUnreadable(Exception):
    """The documents table's texts cannot be read (moved, damaged): build again."""


class Texts:
    """doc_id → cleaned text, from memory or from the store's documents table on demand.

    Args:
        held: texts kept in memory (a corpus read from its folder, not from a build's store).
        path: the store's documents table (``doc_id`` and ``text`` columns), read by row group.
        doc_ids: the table's doc_ids in file order (the row of each), when ``path`` is given.
    """

    def __init__(self, held: Mapping[str, str] | None = None, *, path: Path | None = None,
                 doc_ids: Iterable[str] = ()) -> None:
        self._held = dict(held or {})
        self._path = path
        self._row = {str(d): i for i, d in enumerate(doc_ids)} if path is not None else {}
        self._starts: list[int] | None = None  # first row of each row group, from the footer
        self._lock = threading.Lock()

    def get(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """The texts of these documents; an unknown doc_id is left out.

        Raises:
            TextsUnreadable: the store's file cannot be read.
        """
        wanted = list(dict.fromkeys(map(str, doc_ids)))
        out = {d: self._held[d] for d in wanted if d in self._held}
        rows = sorted(self._row[d] for d in wanted if d not in out and d in self._row)
        if rows:
            out.update(self._read(rows))
        return out

    def _read(self, rows: list[int]) -> dict[str, str]:
        try:
            file = pq.ParquetFile(self._path)
            meta = file.metadata
            with self._lock:
                if self._starts is None:
                    sizes = [meta.row_group(g).num_rows for g in range(meta.num_row_groups)]
                    self._starts = [0, *itertools.accumulate(sizes)][:-1] if sizes else []
            groups = sorted({bisect.bisect_right(self._starts, r) - 1 for r in rows})
            table = file.read_row_groups(groups, columns=["doc_id", "text"])
        except (OSError, ValueError, KeyError) as exc:  # pyarrow's errors subclass these
            raise TextsUnreadable(f"the store's documents table is unreadable: {exc}") from exc
        # The row number of each row read (groups in order), to keep only the rows asked for.
        numbers = [n for g in groups for n in range(self._starts[g], self._starts[g] + meta.row_group(g).num_rows)]
        want = set(rows)
        return {str(d): "" if t is None else str(t)
                for n, d, t in zip(numbers, table.column("doc_id").to_pylist(), table.column("text").to_pylist(),
                                   strict=True) if n in want}
