"""The organisation and date filter every page applies, as a pure function over the documents table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from lib.ingest.corpus import split_tags
from lib.words import org_key


@dataclass(frozen=True)
class Selection:
    """What the sidebar filter chose. Empty ``orgs`` means all organisations."""

    orgs: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    tags: tuple[str, ...] = ()  # a document with any of these tags passes; empty means no tag filter

def date_bounds(date: str, precision: str) -> tuple[dt.date, dt.date] | None:
    """First and last day a partial date can mean (2025-08 → Aug 1..31), or None if undated."""
    if not date:
        return None
    y = int(date[:4])
    if precision == "year":
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    m = int(date[5:7])
    if precision == "month":
        first = dt.date(y, m, 1)
        last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        return first, last
    day = dt.date.fromisoformat(date[:10])
    return day, day


def filter_documents(documents: pd.DataFrame, selection: Selection) -> tuple[pd.DataFrame, list[str]]:
    """Rows of ``documents`` the selection allows.

    A partially dated document is kept when the period it may mean overlaps the range.
    Undated documents are kept when no date limit is set, and left out (with a note
    saying how many) when one is.

    Returns:
        ``(filtered documents, notes)``.
    """
    notes: list[str] = []
    mask = pd.Series(True, index=documents.index)
    if selection.orgs:
        mask &= documents["org_short"].isin(selection.orgs)
    if selection.tags:
        wanted = {t.casefold() for t in selection.tags}
        mask &= pd.Series([bool(wanted & {t.casefold() for t in split_tags(v)}) for v in _tag_column(documents)],
                          index=documents.index, dtype=bool)
    if selection.date_from or selection.date_to:
        lo = selection.date_from or dt.date.min
        hi = selection.date_to or dt.date.max
        in_range = []
        undated = 0
        for date, precision, keep in zip(documents["date"], documents["date_precision"], mask):
            bounds = date_bounds(date, precision)
            if bounds is None:
                undated += int(keep)
                in_range.append(False)
            else:
                in_range.append(bounds[0] <= hi and bounds[1] >= lo)
        mask &= pd.Series(in_range, index=documents.index, dtype=bool)
        if undated:
            notes.append(f"{undated} undated document{'s are' if undated > 1 else ' is'} left out by the date range.")
    return documents[mask], notes


def dated_periods(documents: pd.DataFrame, *, freq: str = "year") -> tuple[pd.DataFrame, pd.Series]:
    """The dated documents and each one's period ("2025" by year, "2025-08" by month).

    By month, documents dated only to a year are left out: their month is unknown.
    """
    dated = documents[documents["date"].fillna("") != ""]
    if freq == "month":
        dated = dated[dated["date_precision"] != "year"]
        return dated, dated["date"].str[:7]
    return dated, dated["date"].str[:4]


def _tag_column(documents: pd.DataFrame) -> pd.Series:
    return documents["tags"].fillna("") if "tags" in documents else pd.Series("", index=documents.index)


def tags(documents: pd.DataFrame) -> list[str]:
    """Every tag used in the corpus (first spelling of each), sorted ignoring case."""
    seen: dict[str, str] = {}
    for value in _tag_column(documents).unique():
        for tag in split_tags(value):
            seen.setdefault(tag.casefold(), tag)
    return sorted(seen.values(), key=str.casefold)


def organisations(documents: pd.DataFrame) -> list[tuple[str, str]]:
    """``(org_short, organisation)`` pairs in the corpus, sorted by short name."""
    pairs = documents[["org_short", "organisation"]].drop_duplicates("org_short")
    return sorted(zip(pairs["org_short"], pairs["organisation"]), key=lambda p: p[0].casefold())


def match_orgs(documents: pd.DataFrame, names: Iterable[str]) -> tuple[list[str], list[str]]:
    """Organisation names as typed (short or full, any case) → the selection's short names.

    Returns:
        ``(org_shorts, unknown)``: matched short names in the order given, without duplicates,
        and the names that matched none.
    """
    lookup: dict[str, str] = {}
    for short, full in zip(documents["org_short"].astype(str), documents["organisation"].astype(str)):
        lookup.setdefault(org_key(full), short)
        lookup[org_key(short)] = short
    found, unknown = [], []
    for name in names:
        short = lookup.get(org_key(str(name)))
        if short is None:
            unknown.append(str(name))
        elif short not in found:
            found.append(short)
    return found, unknown
