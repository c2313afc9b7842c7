"""The term index out of core: DuckDB over one Parquet term slice, within a memory limit (issue 19).

:class:`lib.store.term_index.TermIndex` holds a slice as int32 codes in memory: ~13 bytes
a row plus every distinct term as a Python string. A realistic archive of 100,000
documents has tens of millions of rows per slice and millions of distinct bigrams and
trigrams: gigabytes, over a hosted app's memory. :class:`DuckTermIndex` answers the same
questions (same methods, same results — tests/store/test_term_duck.py compares them on a
small store) by running each one as a query over the slice's Parquet file, which DuckDB
reads column by column and row group by row group (doc_id filters skip row groups by
their statistics); what stays in memory is only what a query returns. The one DuckDB
connection of the process has a ``memory_limit`` (``PARTY_LINES_DUCKDB_MEMORY``, default
``DEFAULT_MEMORY``) and spills to a temporary folder past it.

duckdb is imported here only, and only when an index of this kind is opened
(``lib.store.term_index.open_index`` picks the backend by the slice's size).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import threading
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from lib.contracts import TERM_COUNT_COLUMNS, UNITS
from lib.store import derived
from lib.store.term_index import GROUP_COLUMNS, SELECT_COLUMNS, STATS_COLUMNS, TermIndex, numeric_flags
from lib.words import is_numeric_word

DEFAULT_MEMORY = "700MB"
_CONNECTION: Any = None
_CONNECTION_LOCK = threading.Lock()


def connection() -> Any:
    """The process's DuckDB connection (each query runs on a cursor of it: Streamlit runs
    sessions in threads, and one cursor must not be shared between them)."""
    global _CONNECTION
    with _CONNECTION_LOCK:
        if _CONNECTION is None:
            import duckdb  # deferred: only a process that opens an out-of-core index pays for it

            spill = Path(tempfile.gettempdir()) / "party-lines-duckdb"
            spill.mkdir(exist_ok=True)
            _CONNECTION = duckdb.connect(config={
                "memory_limit": os.environ.get("PARTY_LINES_DUCKDB_MEMORY", DEFAULT_MEMORY),
                "threads": max(1, min(4, os.cpu_count() or 1)),
                "temp_directory": str(spill),
                # Results come back in file order where a query does not sort (select keeps document order).
                "preserve_insertion_order": True,
            })
        return _CONNECTION


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


_LAST_WORD = "string_split(term, ' ')[-1]"
_ALL_DOCS_CHECK = 1000  # from this many ids on, a selection is checked for holding every document
_FIRST_WORD = "split_part(term, ' ', 1)"
# The slice's summary (lib.store.derived, beside the slice): one row per term over every document,
# and the document list. Bump when what it holds changes.
_SUMMARY = "slice-summary-1"
_FEW_DOCS = 16  # at most this many documents are read one scan each (_source_for)
_HELD_TERMS = 1_000_000  # a slice with at most this many terms has its whole totals held (_whole_totals)
_KEEP_PROFILES = 8  # groupings whose profiles are kept beside a slice (TermIndex.profiles)


class DuckTermIndex(TermIndex):
    """One term slice (a ``terms-<unit>-<n>.parquet`` file) queried in place.

    A subclass of :class:`TermIndex` so that everything typed against it accepts it; it
    shares none of its arrays (``doc``, ``term``, ``count`` do not exist here) and
    overrides every public method with a query.
    """

    def __init__(self, path: Path | str, *, unit: str, n: int) -> None:  # noqa: D107 (no super().__init__: no arrays)
        self.path = Path(path)
        self.unit, self.n = unit, int(n)
        self._src = f"read_parquet({_quote(self.path)}, file_row_number = true)"
        self._term_names: pd.Index | None = None
        self._doc_names: pd.Index | None = None
        self._numeric_words: list[str] | None = None
        self._numeric: np.ndarray | None = None
        self._lock = threading.Lock()  # the lazily computed name lists
        self._summary_path: Path | None | bool = None  # None: not looked for yet; False: cannot be had
        self._whole: dict[bool, pd.Series | None] = {}  # _whole_totals, per stop flag
        import pyarrow.parquet as pq

        self._rows = pq.ParquetFile(self.path).metadata.num_rows

    def __len__(self) -> int:
        return self._rows

    @property
    def nbytes(self) -> int:
        return 0  # nothing held per row: the rows stay on disk

    # ------------------------------------------------------------ running queries
    def _query(self, sql: str, tables: Mapping[str, pa.Table] | None = None,
               params: Sequence[Any] | None = None) -> pd.DataFrame:
        cur = connection().cursor()
        try:
            for name, table in (tables or {}).items():
                cur.register(name, table)
            return cur.execute(sql, list(params or [])).df()
        finally:
            cur.close()

    def _filters(self, doc_ids: Iterable[str] | None, *, stop: bool, extra_stop: Iterable[str] = (),
                 term: str | None = None, nums: bool = True,
                 terms: Iterable[str] | None = None) -> tuple[str, dict[str, pa.Table], list[Any]]:
        """The WHERE clause of :meth:`TermIndex.mask`'s settings, its tables and parameters."""
        where, tables, params = ["TRUE"], {}, []
        wanted = None if doc_ids is None else set(map(str, doc_ids))
        # Every document of the slice (the Terms page with no filter): no filter at all. Matching
        # 100,000 ids cost 0.3 s a query; a few ids are matched without asking for the slice's
        # document list (one more query, the first time).
        if wanted is not None and not (len(wanted) >= _ALL_DOCS_CHECK and wanted.issuperset(self.doc_names)):
            tables["sel_docs"] = pa.table({"d": pa.array(sorted(wanted), pa.string())})
            where.append("doc_id IN (SELECT d FROM sel_docs)")
        if not stop:
            where.append("NOT stop_edge")
        words, word_tables = self._word_filters(extra_stop=extra_stop, nums=nums)
        where += words
        tables.update(word_tables)
        if term is not None:
            where.append("term = ?")
            params.append(str(term))
        if terms is not None:
            tables["sel_terms"] = pa.table({"t": pa.array(sorted(set(map(str, terms))), pa.string())})
            where.append("term IN (SELECT t FROM sel_terms)")
        return " AND ".join(where), tables, params

    # ------------------------------------------------------------ the slice's summary
    def _summary_unlocked(self) -> Path | None:
        """The summary's folder, made on first need (one GROUP BY over the slice: ~1 s for the
        words of 100,000 documents, 7 s for their trigrams, once per corpus state); None when it
        cannot be written (a read-only cache: every query then reads the slice)."""
        if self._summary_path is None:
            base = self.path.parent
            name = f"{_SUMMARY}-{self.path.stem}"
            found = derived.exists(base, name)
            if found is None or not (found / "terms.parquet").is_file():
                found = derived.write_folder(base, name, self._write_summary)
            self._summary_path = found or False
        return self._summary_path or None

    def prepare(self) -> bool:
        """Make the slice's summary now (the build calls this, so no page view pays for it);
        False when it cannot be written."""
        return self._summary() is not None

    def _summary(self) -> Path | None:
        with self._lock:
            return self._summary_unlocked()

    def _write_summary(self, folder: Path) -> None:
        import duckdb

        cur = connection().cursor()
        try:
            cur.execute(f"COPY (SELECT term, sum(count)::BIGINT AS count, count(*)::BIGINT AS documents, "
                        f"bool_or(stop_edge) AS stop_edge FROM {self._src} GROUP BY term ORDER BY term) "
                        f"TO {_quote(folder / 'terms.parquet')} (FORMAT PARQUET)")
            cur.execute(f"COPY (SELECT DISTINCT doc_id FROM {self._src} ORDER BY doc_id) "
                        f"TO {_quote(folder / 'docs.parquet')} (FORMAT PARQUET)")
        except duckdb.Error as exc:  # e.g. a read-only folder: no summary, not a failure
            raise OSError(str(exc)) from exc
        finally:
            cur.close()

    def _complement(self, doc_ids: Iterable[str] | None) -> list[str] | None:
        """The slice's documents outside a large selection, when summing over them and taking
        that from the summary reads less than summing the selection (Document's keyness against
        the rest of 100,000 documents: one document's rows instead of 28.7M); else None."""
        if doc_ids is None:
            return [] if self._summary() is not None else None
        wanted = set(map(str, doc_ids))
        if len(wanted) < _ALL_DOCS_CHECK:
            return None
        names = self.doc_names
        outside = [d for d in names if d not in wanted]
        if len(outside) >= len(names) - len(outside) or self._summary() is None:
            return None
        return outside

    def _from_summary(self, outside: list[str], *, stop: bool, extra_stop: Iterable[str],
                      nums: bool, having: str) -> pd.DataFrame:
        """term, count, documents over every document but ``outside``: the summary's rows minus
        the sums of ``outside``, under the same term filters (they depend on the term alone)."""
        summary = self._summary()
        assert summary is not None
        words, tables = self._word_filters(extra_stop=extra_stop, nums=nums)
        term_where = " AND ".join(["TRUE", *([] if stop else ["NOT stop_edge"]), *words])
        tables = {**tables, "outside_docs": pa.table({"d": pa.array(sorted(outside), pa.string())})}
        return self._query(
            f"WITH whole AS (SELECT term, count, documents FROM read_parquet({_quote(summary / 'terms.parquet')}) "
            f"WHERE {term_where}), "
            f"part AS (SELECT term, sum(count)::BIGINT AS count, count(*)::BIGINT AS documents FROM {self._src} "
            f"WHERE doc_id IN (SELECT d FROM outside_docs) AND {term_where} GROUP BY term) "
            f"SELECT w.term AS term, (w.count - coalesce(p.count, 0))::BIGINT AS count, "
            f"(w.documents - coalesce(p.documents, 0))::BIGINT AS documents "
            f"FROM whole w LEFT JOIN part p ON w.term = p.term "
            f"WHERE w.documents - coalesce(p.documents, 0) > 0 AND {having} ORDER BY term", tables)

    def _whole_totals(self, stop: bool) -> pd.Series | None:
        """term → count over every document of the slice (stop words kept or not), from the
        summary, held by this index when the slice has at most :data:`_HELD_TERMS` terms (the
        words of 100,000 documents: 409,000, ~40 MB); else None."""
        summary = self._summary()
        if summary is None:
            return None
        with self._lock:
            if stop not in self._whole:
                import pyarrow.parquet as pq

                path = summary / "terms.parquet"
                if pq.ParquetFile(path).metadata.num_rows > _HELD_TERMS:
                    self._whole[stop] = None
                else:
                    table = pq.read_table(path, columns=["term", "count", "stop_edge"])
                    frame = table.to_pandas()
                    if not stop:
                        frame = frame[~frame["stop_edge"].to_numpy(dtype=bool)]
                    frame = frame[frame["count"].to_numpy() != 0]
                    out = pd.Series(frame["count"].to_numpy(dtype=np.int64),
                                    index=pd.Index(frame["term"].astype(str).to_numpy(dtype=object), dtype=object),
                                    name="count")
                    out.index.name = "term"
                    self._whole[stop] = out
            return self._whole[stop]

    def _source_for(self, doc_ids: list[str] | None) -> tuple[str, list[str]]:
        """The rows to read from, and its parameters: for a few documents, one scan per document
        with ``doc_id = ?``, which DuckDB answers from the row groups' min/max alone (two documents'
        trigrams at 100,000 documents: 0.11 s, against 0.4 s for ``IN`` over the whole column)."""
        ids = sorted(set(map(str, doc_ids))) if doc_ids is not None else None
        if ids is None or not 0 < len(ids) <= _FEW_DOCS:
            return self._src, []
        scans = " UNION ALL ".join(f"SELECT * FROM {self._src} WHERE doc_id = ?" for _ in ids)
        return f"({scans})", ids

    def _word_filters(self, *, extra_stop: Iterable[str], nums: bool) -> tuple[list[str], dict[str, pa.Table]]:
        """The conditions on ``term`` alone of ``extra_stop`` and ``nums`` (first or last word), and
        their tables. A query that groups by term can test them on its groups, once per distinct
        term, instead of on every row (two string splits per row: seconds over 28.7M rows)."""
        where, tables = [], {}
        if not nums:
            tables["num_words"] = pa.table({"w": pa.array(self._numeric_word_list(), pa.string())})
            where.append(f"{_FIRST_WORD} NOT IN (SELECT w FROM num_words) AND {_LAST_WORD} NOT IN (SELECT w FROM num_words)")
        extra = sorted(set(map(str, extra_stop)))
        if extra:
            tables["extra_words"] = pa.table({"w": pa.array(extra, pa.string())})
            where.append(f"{_FIRST_WORD} NOT IN (SELECT w FROM extra_words) AND {_LAST_WORD} NOT IN (SELECT w FROM extra_words)")
        return where, tables

    # ------------------------------------------------------------ names
    @property
    def term_names(self) -> pd.Index:  # type: ignore[override]
        """Every distinct term of the slice, sorted (read once per index, when first asked for:
        the concordance's wildcards and the per-organisation collocates need it)."""
        with self._lock:
            if self._term_names is None:
                summary = self._summary_unlocked()  # its terms are the slice's, sorted: no scan of the slice
                source = f"read_parquet({_quote(summary / 'terms.parquet')})" if summary else self._src
                frame = self._query(f"SELECT DISTINCT term FROM {source} ORDER BY term")
                self._term_names = pd.Index(frame["term"].astype(str).to_numpy(dtype=object), dtype=object)
            return self._term_names

    @property
    def doc_names(self) -> pd.Index:  # type: ignore[override]
        with self._lock:
            if self._doc_names is None:
                summary = self._summary_unlocked()
                source = f"read_parquet({_quote(summary / 'docs.parquet')})" if summary else self._src
                frame = self._query(f"SELECT DISTINCT doc_id FROM {source} ORDER BY doc_id")
                self._doc_names = pd.Index(frame["doc_id"].astype(str).to_numpy(dtype=object), dtype=object)
            return self._doc_names

    def _numeric_word_list(self) -> list[str]:
        # The first and last words of the terms are far fewer than the terms: test those.
        with self._lock:
            if self._numeric_words is None:
                # Split each distinct term, not each row (0.6 s instead of 1.8 s for the single
                # words of 100,000 documents: 409,000 terms in 28.7M rows).
                ends = self._query(f"WITH t AS (SELECT DISTINCT term FROM {self._src}) "
                                   f"SELECT DISTINCT w FROM (SELECT {_FIRST_WORD} AS w FROM t "
                                   f"UNION SELECT {_LAST_WORD} AS w FROM t)")
                self._numeric_words = [w for w in ends["w"].astype(str) if is_numeric_word(w)]
            return self._numeric_words

    def numeric_terms(self) -> np.ndarray:
        if self._numeric is None:
            numeric = set(self._numeric_word_list())
            names = self.term_names
            self._numeric = np.fromiter(((t.partition(" ")[0] in numeric) or (t.rpartition(" ")[2] in numeric)
                                         for t in names), dtype=bool, count=len(names))
        return self._numeric

    def mask(self, *args: Any, **kwargs: Any) -> np.ndarray:  # noqa: D102
        raise NotImplementedError("an out-of-core index has no rows in memory: use doc_sums, docs_using, select")

    # ------------------------------------------------------------ results
    def select(self, doc_ids: Iterable[str], *, stop: bool = False, extra_stop: Iterable[str] = (),
               term: str | None = None, nums: bool = True) -> pd.DataFrame:
        doc_ids = None if doc_ids is None else list(doc_ids)
        where, tables, params = self._filters(doc_ids, stop=stop, extra_stop=extra_stop, term=term, nums=nums)
        source, first = self._source_for(doc_ids)
        frame = self._query(f"SELECT doc_id, term, count FROM {source} WHERE {where} "
                            "ORDER BY doc_id, file_row_number", tables, [*first, *params])
        return pd.DataFrame({"doc_id": _present(frame["doc_id"]), "term": _present(frame["term"]),
                             "count": frame["count"].to_numpy(dtype=np.int64)}, columns=SELECT_COLUMNS)

    def frame(self, doc_ids: Iterable[str] | None, *, stop: bool = True) -> pd.DataFrame:
        doc_ids = None if doc_ids is None else list(doc_ids)
        where, tables, params = self._filters(doc_ids, stop=stop)
        source, first = self._source_for(doc_ids)
        frame = self._query(f"SELECT doc_id, term, count, stop_edge FROM {source} WHERE {where} "
                            "ORDER BY doc_id, file_row_number", tables, [*first, *params])
        size = len(frame)
        return pd.DataFrame({
            "doc_id": _present(frame["doc_id"]),
            "unit": pd.Categorical([self.unit] * size, categories=list(UNITS)),
            "n": np.full(size, self.n, dtype=np.int8),
            "term": _present(frame["term"]),
            "count": frame["count"].to_numpy(dtype=np.int32),
            "stop_edge": frame["stop_edge"].to_numpy(dtype=bool),
        }, columns=TERM_COUNT_COLUMNS)

    def totals(self, doc_ids: Iterable[str], *, stop: bool = True, extra_stop: Iterable[str] = (),
               nums: bool = True) -> pd.Series:
        extra_stop = list(extra_stop)
        outside = self._complement(doc_ids)
        whole = self._whole_totals(stop) if outside is not None and not extra_stop and nums else None
        if whole is not None:
            # The common case (Document's keyness against the rest): the whole slice's totals held
            # once, minus the few documents left out — no join of 400,000 terms per view.
            if not outside:
                return whole.copy()
            part = self.totals(outside, stop=stop).reindex(whole.index, fill_value=0)
            out = whole - part
            return out[out != 0].rename("count")
        if outside is not None:
            frame = self._from_summary(outside, stop=stop, extra_stop=extra_stop, nums=nums,
                                       having="w.count - coalesce(p.count, 0) <> 0")
        else:
            where, tables, params = self._filters(doc_ids, stop=stop, extra_stop=extra_stop, nums=nums)
            frame = self._query(f"SELECT term, sum(count)::BIGINT AS count FROM {self._src} WHERE {where} "
                                "GROUP BY term HAVING sum(count) <> 0 ORDER BY term", tables, params)
        out = pd.Series(frame["count"].to_numpy(dtype=np.int64), index=pd.Index(frame["term"].astype(str), dtype=object),
                        name="count")
        out.index.name = "term"
        return out

    def term_stats(self, doc_ids: Iterable[str] | None, *, stop: bool = True, extra_stop: Iterable[str] = (),
                   nums: bool = True, min_count: int = 1) -> pd.DataFrame:
        outside = self._complement(doc_ids)
        if outside is not None:
            frame = self._from_summary(outside, stop=stop, extra_stop=extra_stop, nums=True,
                                       having=f"w.count - coalesce(p.count, 0) >= {int(min_count)}")
        else:
            where, tables, params = self._filters(doc_ids, stop=stop)
            words, word_tables = self._word_filters(extra_stop=extra_stop, nums=True)
            frame = self._query(f"SELECT term, sum(count)::BIGINT AS count, count(*)::BIGINT AS documents "
                                f"FROM {self._src} WHERE {where} GROUP BY term "
                                f"HAVING {' AND '.join([f'sum(count) >= {int(min_count)}', *words])} ORDER BY term",
                                {**tables, **word_tables}, params)
        if not nums:  # tested on the terms returned: the slice's word list is one more full scan (0.6 s at 100,000)
            frame = frame[~numeric_flags(frame["term"].astype(str))]
        return pd.DataFrame({"term": frame["term"].astype(str).to_numpy(dtype=object),
                             "count": frame["count"].to_numpy(dtype=np.int64),
                             "documents": frame["documents"].to_numpy(dtype=np.int64)}, columns=STATS_COLUMNS)

    def group_sums(self, group_of: Mapping[str, str], *, terms: Iterable[str] | None = None, stop: bool = True,
                   extra_stop: Iterable[str] = (), nums: bool = True, min_count: int = 1,
                   top: int | None = None) -> pd.DataFrame:
        if terms is not None and not nums:  # given terms are tested here, without the slice's word list
            terms = list(map(str, terms))
            terms = [t for t, numeric in zip(terms, numeric_flags(terms), strict=True) if not numeric]
            nums = True
        where, tables, params = self._filters(None, stop=stop, terms=terms)
        words, word_tables = self._word_filters(extra_stop=extra_stop, nums=nums)
        # Groups as integer codes, in the order of their names (grouping on an integer and a term
        # instead of two strings: 3.4 s instead of 4.9 s for the bigrams of 100,000 documents).
        codes, names = pd.factorize(pd.Index(list(map(str, group_of.values())), dtype=object), sort=True)
        tables = {**tables, **word_tables, "owners": pa.table({
            "d": pa.array(list(map(str, group_of.keys())), pa.string()), "g": pa.array(codes, pa.int32())})}
        # Each group's top N by a window in the query: the per-organisation sums of every term
        # (millions of rows at 100,000 documents) never reach pandas. min_count first: fewer
        # sums to rank (most bigrams are used once).
        keep = "" if top is None else \
            f"QUALIFY row_number() OVER (PARTITION BY grp ORDER BY count DESC, term) <= {int(top)}"
        frame = self._query(f"WITH sums AS (SELECT o.g AS grp, term, sum(count)::BIGINT AS count "
                            f"FROM {self._src} JOIN owners o ON doc_id = o.d WHERE {where} GROUP BY o.g, term "
                            f"HAVING sum(count) >= {int(min_count)}) "
                            f"SELECT grp, term, count FROM sums WHERE {' AND '.join(['TRUE', *words])} {keep} "
                            f"ORDER BY grp, count DESC, term", tables, params)
        return pd.DataFrame({"group": np.asarray(names, dtype=object)[frame["grp"].to_numpy(dtype=np.int64)],
                             "term": frame["term"].astype(str).to_numpy(dtype=object),
                             "count": frame["count"].to_numpy(dtype=np.int64)}, columns=GROUP_COLUMNS)

    def profiles(self, groups: Mapping[str, Sequence[str]], *, stop: bool = False) -> np.ndarray:
        owner: dict[str, int] = {}
        for g, ids in enumerate(groups.values()):
            for d in map(str, ids):
                owner.setdefault(d, g)  # a document in two groups counts in the first only
        names = self.term_names
        out = np.zeros((len(groups), len(names)), dtype=np.float64)
        if not owner:
            return out
        tables = {"owners": pa.table({"d": pa.array(list(owner), pa.string()),
                                      "g": pa.array(list(owner.values()), pa.int32())})}
        where = "TRUE" if stop else "NOT stop_edge"
        sql = (f"SELECT o.g AS g, t.term AS term, sum(t.count)::BIGINT AS count FROM {self._src} t "
               f"JOIN owners o ON t.doc_id = o.d WHERE {where} GROUP BY o.g, t.term")
        summary = self._summary() if len(owner) >= _ALL_DOCS_CHECK else None
        if summary is not None:
            # Each term's column is its rank in the summary's sorted terms (= term_names): integers
            # come back, not a million term strings to convert and look up (2 s at 100,000).
            sql = (f"WITH sums AS ({sql}), names AS (SELECT term, (row_number() OVER (ORDER BY term) - 1)::BIGINT "
                   f"AS col FROM read_parquet({_quote(summary / 'terms.parquet')})) "
                   "SELECT s.g AS g, n.col AS col, s.count AS count FROM sums s JOIN names n ON s.term = n.term")
            frame = self._kept_profiles(owner, stop, sql, tables)
            if frame is None:
                frame = self._query(sql, tables)
            out[frame["g"].to_numpy(np.int64), frame["col"].to_numpy(np.int64)] = frame["count"].to_numpy(np.float64)
            return out  # one row per (group, term): assigned, not added
        frame = self._query(sql, tables)
        cols = names.get_indexer(pd.Index(frame["term"].astype(str), dtype=object))
        np.add.at(out, (frame["g"].to_numpy(np.int64), cols), frame["count"].to_numpy(np.float64))
        return out

    def _kept_profiles(self, owner: Mapping[str, int], stop: bool, sql: str,
                       tables: Mapping[str, pa.Table]) -> pd.DataFrame | None:
        """Profiles of a large grouping (Compare's similarity of organisations over 100,000
        documents: a GROUP BY of the whole slice, 4 s) kept beside the slice, keyed by the
        grouping itself, so each grouping is summed once per corpus state; the last
        :data:`_KEEP_PROFILES` groupings are kept. None when they cannot be kept."""
        digest = hashlib.sha256(json.dumps([stop, sorted(owner.items())]).encode()).hexdigest()[:20]
        base, name = self.path.parent, f"profiles-{self.path.stem}-{digest}"
        found = derived.exists(base, name)
        if found is None:
            def fill(folder: Path) -> None:
                cur = connection().cursor()
                try:
                    for table_name, table in tables.items():
                        cur.register(table_name, table)
                    cur.execute(f"COPY ({sql}) TO {_quote(folder / 'profiles.parquet')} (FORMAT PARQUET)")
                except Exception as exc:  # duckdb.Error: e.g. a read-only folder
                    raise OSError(str(exc)) from exc
                finally:
                    cur.close()

            found = derived.write_folder(base, name, fill)
            if found is None:
                return None
            kept = sorted((base / "derived").glob(f"profiles-{self.path.stem}-*"), key=lambda f: f.stat().st_mtime)
            for old in kept[:-_KEEP_PROFILES]:
                shutil.rmtree(old, ignore_errors=True)
        try:
            return self._query(f"SELECT g, col, count FROM read_parquet({_quote(found / 'profiles.parquet')})")
        except Exception:  # duckdb.Error: removed meanwhile or damaged: sum again
            shutil.rmtree(found, ignore_errors=True)
            return None

    def doc_sums(self, doc_ids: Iterable[str] | None, terms: Iterable[str]) -> pd.Series:
        where, tables, params = self._filters(doc_ids, stop=True, terms=terms)
        frame = self._query(f"SELECT doc_id, sum(count)::BIGINT AS count FROM {self._src} WHERE {where} "
                            "GROUP BY doc_id HAVING sum(count) <> 0 ORDER BY doc_id", tables, params)
        return pd.Series(frame["count"].to_numpy(dtype=np.int64),
                         index=pd.Index(frame["doc_id"].astype(str).to_numpy(dtype=object), dtype=object))

    def docs_using(self, doc_ids: Iterable[str] | None, terms: Iterable[str]) -> set[str]:
        where, tables, params = self._filters(doc_ids, stop=True, terms=terms)
        frame = self._query(f"SELECT DISTINCT doc_id FROM {self._src} WHERE {where}", tables, params)
        return set(frame["doc_id"].astype(str))


def _present(values: pd.Series) -> pd.Categorical:
    """Strings as a categorical of the values present, sorted (as the in-memory index gives them)."""
    return pd.Categorical(values.astype(str).to_numpy(dtype=object))
