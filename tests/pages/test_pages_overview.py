"""The overview page (app.py) under AppTest: real corpus, filters from the URL, bad parameters."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.pagetest import run_page


def run_overview(**params) -> AppTest:
    at = run_page(None, **params)
    assert not at.exception, at.exception
    return at


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


class TestOverview:
    def test_whole_corpus(self):
        at = run_overview()
        assert metric(at, "Documents") == "5" and metric(at, "Organisations") == "5"
        assert metric(at, "Years") == "2022–2025"
        assert "Dated documents run from 2022-03-30 to 2025-08." in [c.value for c in at.caption]
        table = at.dataframe[0].value
        assert sorted(table["organisation"]) == ["CPGB-ML", "RCG", "WPI", "WRP", "WSWS"]
        assert "1 of 5 documents have no known date." in [c.value for c in at.caption]

    def test_org_in_url_filters_everything(self):
        at = run_overview(org=["RCG"])
        assert metric(at, "Documents") == "1"
        assert list(at.dataframe[0].value["organisation"]) == ["RCG"]
        assert at.sidebar.multiselect[0].value == ["RCG"]

    def test_full_name_with_curly_apostrophe(self):
        at = run_overview(org=["Workers’ Party of Ireland", "wsws"])
        assert sorted(at.dataframe[0].value["organisation"]) == ["WPI", "WSWS"]

    def test_unknown_org_is_a_visible_notice(self):
        at = run_overview(org=["Nope", "RCG"])
        assert any("Unknown organisation" in w.value and "Nope" in w.value for w in at.warning)
        assert metric(at, "Documents") == "1"

    def test_date_range_and_empty_selection(self):
        at = run_overview(**{"from": "2100-01-01"})
        assert metric(at, "Documents") == "0"
        assert any("No documents match" in i.value for i in at.info)

    @pytest.mark.parametrize("params", [{"from": "not-a-date"}, {"to": "x" * 5000}, {"from": "2025-01-01", "to": "2020-01-01"}])
    def test_bad_dates_give_a_message_and_all_documents(self, params):
        at = run_overview(**params)
        assert at.warning, "a bad date must be reported"
        assert metric(at, "Documents") == "5"

    def test_changing_the_filter_updates_the_url(self):
        at = run_overview()
        at.sidebar.multiselect[0].set_value(["WSWS"]).run()
        assert at.query_params["org"] in ("WSWS", ["WSWS"])  # AppTest stores one value unwrapped
        assert metric(at, "Documents") == "1"
