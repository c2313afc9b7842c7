"""lib.analysis.overview: headline figures, per-organisation and timeline tables."""

from __future__ import annotations

import pandas as pd

from lib.analysis.overview import document_list, headline, per_organisation, timeline

DOCS = pd.DataFrame({
    "doc_id": ["a", "b", "c", "d"],
    "title": ["T\u202eA", "", "C", "D"],
    "author": ["", "Tom Peters", "", ""],
    "org_short": ["RCG", "WSWS", "WSWS", "WPI"],
    "organisation": ["Revolutionary Communist Group", "ICFI", "ICFI", "Workers' Party of Ireland"],
    "date": ["2025-08", "2022-03-30", "2025", ""],
    "date_precision": ["month", "day", "year", ""],
    "n_words": [100, 200, 50, 10],
})


class TestHeadline:
    def test_figures(self):
        h = headline(DOCS)
        assert (h.documents, h.organisations, h.words, h.first_date, h.last_date, h.undated) == \
            (4, 3, 360, "2022-03-30", "2025-08", 1)


class TestPerOrganisation:
    def test_sums_sorted_by_words(self):
        t = per_organisation(DOCS)
        assert list(t["org_short"]) == ["WSWS", "RCG", "WPI"]
        assert list(t["documents"]) == [2, 1, 1] and list(t["words"]) == [250, 100, 10]


class TestTimeline:
    def test_year_counts_partial_dates_month_drops_year_only(self):
        years = timeline(DOCS)
        assert years.to_dict("records") == [
            {"period": "2022", "org_short": "WSWS", "documents": 1},
            {"period": "2025", "org_short": "RCG", "documents": 1},
            {"period": "2025", "org_short": "WSWS", "documents": 1}]
        months = timeline(DOCS, freq="month")
        assert list(months["period"]) == ["2022-03", "2025-08"]


class TestDocumentList:
    def test_unknown_and_invisible(self):
        t = document_list(DOCS)
        assert t.loc[0, "title"] == "T[U+202E]A"
        assert t.loc[1, "title"] == "(untitled: b)"
        assert t.loc[0, "author"] == "unknown" and t.loc[3, "date"] == "unknown"
