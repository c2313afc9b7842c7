"""The visitor's choice between spreadsheet-safe (default) and exact CSV downloads (lib/web/ui.py, cached.py)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.pagetest import run_page

LABEL = "Exact values in CSV downloads"

SCRIPT = """
import pandas as pd
import streamlit as st
from lib.web import ui
st.session_state["_pl_csv_exact"] = st.query_params.get("exact") == "1"
st.text(ui.csv_later(pd.DataFrame({"t": ["=1+1", "ok"]}))().decode("utf-8-sig"))
"""


def test_csv_later_is_safe_unless_the_visitor_chose_exact():
    safe = AppTest.from_string(SCRIPT, default_timeout=60).run()
    assert safe.text[0].value == "t\r\n'=1+1\r\nok"  # (st.text drops the last line end)
    exact = AppTest.from_string(SCRIPT, default_timeout=60)
    exact.query_params["exact"] = "1"
    assert exact.run().text[0].value == "t\r\n=1+1\r\nok"


def test_the_switch_is_off_by_default_and_its_choice_survives_pages():
    at = run_page(None)
    (switch,) = [t for t in at.sidebar.toggle if t.label == LABEL]
    assert switch.value is False
    switch.set_value(True).run()
    assert at.session_state["_pl_csv_exact"] is True
    at.switch_page("pages/5_Corpus.py")
    at.run()
    assert not at.exception
    assert [t.value for t in at.sidebar.toggle if t.label == LABEL] == [True]
