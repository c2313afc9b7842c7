"""Corpus-level summaries for the overview page: pure functions over the documents table."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib.analysis.filters import dated_periods
from lib.ingest.corpus import display, title_of
from lib.safe import show_invisible

PER_ORG_COLUMNS = ["org_short", "organisation", "documents", "words", "first_date", "last_date", "undated"]
TIMELINE_COLUMNS = ["period", "org_short", "documents"]


@dataclass(frozen=True)
class Headline:
    documents: int
    organisations: int
    words: int
    first_date: str  # '' when nothing is dated
    last_date: str
    undated: int


def headline(documents: pd.DataFrame) -> Headline:
    """Headline figures of a set of documents."""
    dated = documents.loc[documents["date"] != "", "date"]
    return Headline(
        documents=len(documents),
        organisations=documents["org_short"].nunique(),
        words=int(documents["n_words"].sum()),
        first_date=min(dated) if len(dated) else "",
        last_date=max(dated) if len(dated) else "",
        undated=int((documents["date"] == "").sum()),
    )


def per_organisation(documents: pd.DataFrame) -> pd.DataFrame:
    """Documents, words and dates per organisation, most words first.

    ``first_date``/``last_date``: the earliest and latest known date ('' when none of its
    documents is dated); ``undated``: how many of its documents have no date.
    """
    if documents.empty:
        return pd.DataFrame(columns=PER_ORG_COLUMNS)
    keys = ["org_short", "organisation"]
    dates = documents["date"].fillna("").astype(str)
    base = pd.DataFrame({"org_short": documents["org_short"].astype(str).to_numpy(),
                         "organisation": documents["organisation"].astype(str).to_numpy(),
                         "n_words": documents["n_words"].to_numpy(), "date": dates.to_numpy(),
                         "undated": (dates == "").to_numpy()})
    grouped = base.groupby(keys, as_index=False).agg(documents=("date", "size"), words=("n_words", "sum"),
                                                     undated=("undated", "sum"))
    # ISO dates sort as text; only dated rows, so no missing value meets a string in min/max.
    spans = base[~base["undated"]].groupby(keys, as_index=False).agg(first_date=("date", "min"),
                                                                     last_date=("date", "max"))
    grouped = grouped.merge(spans, on=keys, how="left")
    grouped[["first_date", "last_date"]] = grouped[["first_date", "last_date"]].fillna("")
    grouped["undated"] = grouped["undated"].astype(int)
    return grouped.sort_values(["words", "org_short"], ascending=[False, True])[PER_ORG_COLUMNS].reset_index(drop=True)


def left_out_of_timeline(documents: pd.DataFrame, *, freq: str = "year") -> dict[str, int]:
    """What a time chart of ``documents`` cannot place: ``{"undated": n, "month unknown": m}``.

    By month, a document dated only to a year has no month to go in; by year it is placed.
    Every page that draws a time chart says these numbers (nothing left out silently).
    """
    dates = documents["date"].fillna("").astype(str)
    undated = int((dates == "").sum())
    month_unknown = 0
    if freq == "month" and "date_precision" in documents:
        month_unknown = int(((dates != "") & (documents["date_precision"] == "year")).sum())
    return {"undated": undated, "month unknown": month_unknown}


def left_out_note(left_out: dict[str, int], *, total: int) -> str:
    """The sentence under a time chart: '' when everything is on it."""
    parts = []
    if left_out.get("undated"):
        parts.append(f"{left_out['undated']:,} undated")
    if left_out.get("month unknown"):
        parts.append(f"{left_out['month unknown']:,} dated only to a year (no month to place them in)")
    if not parts:
        return ""
    shown = total - sum(left_out.values())
    return f"Not on this chart: {' and '.join(parts)} of the {total:,} documents; it shows the other {shown:,}."


def comparable_pair(documents: pd.DataFrame) -> tuple[str, str] | None:
    """Two documents worth putting side by side: the longest of the two organisations with the
    most words (one each), or the two longest when there is only one organisation; None for fewer
    than two documents."""
    if len(documents) < 2:
        return None
    ranked = documents.sort_values(["n_words", "doc_id"], ascending=[False, True])
    firsts = ranked.drop_duplicates("org_short")
    if len(firsts) >= 2:
        return str(firsts.iloc[0]["doc_id"]), str(firsts.iloc[1]["doc_id"])
    return str(ranked.iloc[0]["doc_id"]), str(ranked.iloc[1]["doc_id"])


def timeline(documents: pd.DataFrame, *, freq: str = "year") -> pd.DataFrame:
    """Dated documents per period and organisation (period = year, or year-month).

    A document dated only to a year counts in that year; by month, it is left out of
    the month view (its month is unknown) — :func:`headline` counts the undated ones.
    """
    dated, periods = dated_periods(documents, freq=freq)
    if dated.empty:
        return pd.DataFrame(columns=TIMELINE_COLUMNS)
    out = dated.assign(period=periods).groupby(["period", "org_short"], as_index=False).agg(documents=("doc_id", "size"))
    return out.sort_values(["period", "org_short"])[TIMELINE_COLUMNS].reset_index(drop=True)


def document_list(documents: pd.DataFrame) -> pd.DataFrame:
    """The documents table as a reader sees it: unknown fields say 'unknown', invisible
    and direction-changing characters show as [U+XXXX] (table cells are plain text, but a
    right-to-left override would still reorder what a reader sees)."""
    table = pd.DataFrame({
        "doc_id": documents["doc_id"],
        "title": [show_invisible(title_of(r)) for r in documents[["title", "doc_id"]].to_dict("records")],
        "organisation": [show_invisible(o) for o in documents["org_short"]],
        "date": [display(d) for d in documents["date"]],
        "author": [show_invisible(display(a)) for a in documents["author"]],
        "words": documents["n_words"],
    }).reset_index(drop=True)
    tags = documents["tags"].fillna("") if "tags" in documents else pd.Series(dtype=object)
    if (tags != "").any():  # a corpus nobody tagged gets no empty column
        table.insert(5, "tags", [show_invisible(t.replace(";", "; ")) for t in tags])
    return table
