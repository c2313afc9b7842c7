"""lib.analysis.filters: organisation and date filter over the documents table."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from lib.analysis.filters import Selection, date_bounds, filter_documents, organisations

DOCS = pd.DataFrame({
    "doc_id": ["a", "b", "c", "d"],
    "org_short": ["RCG", "WSWS", "WSWS", "WPI"],
    "organisation": ["Revolutionary Communist Group", "ICFI", "ICFI", "Workers' Party of Ireland"],
    "date": ["2025-08", "2022-03-30", "2025", ""],
    "date_precision": ["month", "day", "year", ""],
})


class TestFilterDocuments:
    def test_no_selection_keeps_everything(self):
        out, notes = filter_documents(DOCS, Selection())
        assert list(out["doc_id"]) == ["a", "b", "c", "d"] and notes == []

    def test_orgs(self):
        out, _ = filter_documents(DOCS, Selection(orgs=("WSWS",)))
        assert list(out["doc_id"]) == ["b", "c"]

    def test_partial_dates_overlap_and_undated_are_counted(self):
        out, notes = filter_documents(DOCS, Selection(date_from=dt.date(2025, 8, 15)))
        assert list(out["doc_id"]) == ["a", "c"]  # Aug 2025 and "2025" may both fall after 15 Aug
        assert notes == ["1 undated document is left out by the date range."]

    def test_empty_result(self):
        out, _ = filter_documents(DOCS, Selection(date_from=dt.date(2100, 1, 1)))
        assert out.empty


class TestDateBounds:
    def test_month_and_year(self):
        assert date_bounds("2024-02", "month") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
        assert date_bounds("2025", "year") == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
        assert date_bounds("", "") is None


class TestOrganisations:
    def test_pairs_sorted(self):
        assert organisations(DOCS)[0] == ("RCG", "Revolutionary Communist Group")
