"""Figures shared between visitors: the same tables and settings give the same figure object.

A class opening one shared link asks for the same charts thirty times. Building a plotly
figure (its validators, ``update_layout``) was a large part of a page view's server time
(issue 21), and the figure depends on nothing but its arguments. :func:`shared_figure` keys
a figure function's result by the *content* of its arguments — a DataFrame by the hashes of
its rows (``pd.util.hash_pandas_object``), its columns and dtypes; other values by ``repr`` —
so two visitors with the same filter get the one figure built for the first, and any change
in the data or a setting gives a new one. Nothing is keyed by a name the caller chose, so a
stale figure cannot be served.

The figures handed out are shared: callers draw them (``st.plotly_chart`` copies the figure
with ``to_dict``) and never modify them. Bounded (least recently used first out); thread-safe.
Pure: no Streamlit.
"""

from __future__ import annotations

import functools
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np
import pandas as pd

MAX_FIGURES = 256  # a few charts per page, per filter and setting in use

F = TypeVar("F", bound=Callable[..., Any])


class _Unkeyable(Exception):
    """An argument whose content cannot be fingerprinted: the call is not shared."""


def _update(h: Any, value: Any) -> None:
    # Every piece is tagged with its kind, so ('a', 'b') and 'ab' or 1 and '1' never collide.
    if isinstance(value, pd.DataFrame):
        h.update(b"D")
        h.update(repr((list(map(str, value.columns)), [str(t) for t in value.dtypes], value.shape)).encode())
        _update_rows(h, value)
    elif isinstance(value, pd.Series):
        h.update(b"S")
        h.update(repr((str(value.name), str(value.dtype), len(value))).encode())
        _update_rows(h, value)
    elif isinstance(value, np.ndarray):
        h.update(b"A")
        h.update(repr((str(value.dtype), value.shape)).encode())
        if value.dtype == object:
            _update_rows(h, pd.Series(value.ravel()))
        else:
            h.update(np.ascontiguousarray(value).tobytes())
    elif isinstance(value, dict):
        h.update(b"M")
        h.update(str(len(value)).encode())
        for k, v in value.items():  # in order: an ordered mapping (labels, colours) draws in that order
            _update(h, k)
            _update(h, v)
    elif isinstance(value, (list, tuple)):
        h.update(b"L" if isinstance(value, list) else b"T")
        h.update(str(len(value)).encode())
        for item in value:
            _update(h, item)
    elif isinstance(value, (set, frozenset)):
        h.update(b"Z")
        h.update(repr(sorted(map(repr, value))).encode())
    elif value is None or isinstance(value, (str, bytes, bool, int, float, np.generic)):
        h.update(b"V")
        h.update(repr((type(value).__name__, value)).encode())
    else:
        raise _Unkeyable(type(value).__name__)


def _update_rows(h: Any, frame: pd.DataFrame | pd.Series) -> None:
    try:
        rows = pd.util.hash_pandas_object(frame, index=True)
    except TypeError as exc:  # e.g. lists in a cell
        raise _Unkeyable(str(exc)) from exc
    h.update(rows.to_numpy().tobytes())
    h.update(repr([str(i) for i in frame.index.names]).encode())


def fingerprint(*args: Any, **kwargs: Any) -> str | None:
    """A digest of the arguments' content (None if one cannot be fingerprinted)."""
    h = hashlib.blake2b(digest_size=20)
    try:
        _update(h, args)
        _update(h, dict(sorted(kwargs.items())))
    except _Unkeyable:
        return None
    return h.hexdigest()


class FigureCache:
    """A bounded, thread-safe map fingerprint → figure, with hit and miss counts (for tests)."""

    def __init__(self, max_entries: int = MAX_FIGURES) -> None:
        self.max_entries = max_entries
        self._items: OrderedDict[tuple[str, str], Any] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get_or_make(self, key: tuple[str, str], make: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                self.hits += 1
                return self._items[key]
        value = make()  # outside the lock: two first visitors may both build it, neither waits
        with self._lock:
            self.misses += 1
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.max_entries:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._items)


FIGURES = FigureCache()


def shared_figure(func: F) -> F:
    """Decorate a figure function so that equal arguments return the one figure (see the module doc)."""
    name = f"{func.__module__}.{func.__qualname__}"

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        key = fingerprint(*args, **kwargs)
        if key is None:
            return func(*args, **kwargs)
        return FIGURES.get_or_make((name, key), lambda: func(*args, **kwargs))

    wrapper.uncached = func  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]
