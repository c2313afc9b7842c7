"""Row masks over the annotation tables' string columns, without converting every row.

The tables hold ``doc_id``, ``actor``, ``label`` as categoricals of up to millions of rows;
``column.astype(str) == value`` builds a Python string per row, which was a large share of a
Compare or Document view at 10,000 documents. Here each distinct value is converted and
compared once, and the rows pick up the answer through their category code. The masks are
exactly those of ``column.astype(str) == value`` and ``column.astype(str).isin(values)``.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd


def among(column: pd.Series, values: Iterable[object]) -> np.ndarray:
    """Boolean mask: the rows whose value, as a string, is one of ``values`` (as strings)."""
    wanted = {str(v) for v in values}
    if isinstance(column.dtype, pd.CategoricalDtype):
        return _rows_of(column, _category_hits(column, np.fromiter(wanted, dtype=object, count=len(wanted))),
                        "nan" in wanted)
    return column.astype(str).isin(wanted).to_numpy()


def among_unless_all(column: pd.Series, values: Iterable[object]) -> np.ndarray | None:
    """:func:`among`, or None when every row matches (a selection of the whole corpus).

    For a categorical the check is on its categories (every one wanted) and on missing values,
    so the caller skips the mask and the copy of millions of rows it would select with;
    otherwise None means the mask came out all True.
    """
    if not isinstance(column.dtype, pd.CategoricalDtype):
        mask = among(column, values)
        return None if mask.all() else mask
    given = np.asarray(values if isinstance(values, pd.Series | pd.Index | np.ndarray) else list(values), dtype=object)
    if pd.api.types.infer_dtype(given, skipna=False) != "string":  # strings (doc_ids) are their own str()
        given = np.asarray([str(v) for v in given], dtype=object)
    hit = _category_hits(column, given)
    missing = bool(column.hasnans) and bool(np.any(given == "nan"))
    if hit.all() and (missing or not column.hasnans):
        return None
    return _rows_of(column, hit, missing)


def _category_hits(column: pd.Series, wanted: np.ndarray) -> np.ndarray:
    """Per category of a categorical column: is it, as a string, one of ``wanted`` (strings)."""
    categories = column.cat.categories
    if categories.inferred_type in ("string", "empty"):  # strings are their own str(): a hash lookup
        # An array, not a set: pandas makes a set into a list first (100,000 ids: 80 ms against 25).
        return np.asarray(categories.isin(wanted), dtype=bool)
    lookup = set(wanted)
    return np.fromiter((str(c) in lookup for c in categories), dtype=bool, count=len(categories))


def _rows_of(column: pd.Series, hit: np.ndarray, missing: bool) -> np.ndarray:
    """The rows of a categorical whose category is hit; a missing value (code -1) reads "nan"
    through astype(str), like any other string, so it is ``missing``."""
    codes = column.cat.codes.to_numpy()
    return np.where(codes >= 0, hit[np.clip(codes, 0, None)] if len(hit) else False, missing)


def equal(column: pd.Series, value: object) -> np.ndarray:
    """Boolean mask: the rows whose value, as a string, is ``value`` (as a string)."""
    return among(column, (value,))
