"""lib.web.ui.url_tabs: the open tab comes from the address, bad labels get a message."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from lib.safe import safe_label

SCRIPT = """
import streamlit as st
from lib.web.ui import safe_label, url_tabs
labels = ["WSWS", safe_label("CPGB-ML"), safe_label("Top <b>terms</b>")]
tabs = url_tabs(labels, "korg")
st.text("open=" + ",".join(label for label, tab in zip(labels, tabs) if tab.open))
"""


def run(**params) -> AppTest:
    at = AppTest.from_string(SCRIPT, default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, at.exception
    return at


def opened(at: AppTest) -> str:
    return next(t.value for t in at.text if t.value.startswith("open=")).removeprefix("open=")


def test_no_parameter_opens_the_first_tab():
    at = run()
    assert opened(at) == "WSWS" and not at.warning


def test_the_address_opens_its_tab_as_drawn_or_as_typed():
    assert opened(run(korg="CPGB\\-ML")) == "CPGB\\-ML"  # as a click writes it
    assert opened(run(korg="CPGB-ML")) == "CPGB\\-ML"  # as a person types it
    at = run(korg="Top <b>terms</b>")
    assert opened(at) == safe_label("Top <b>terms</b>") and not at.warning


def test_unknown_label_is_a_message_and_the_first_tab():
    at = run(korg="<script>x</script>")
    assert opened(at) == "WSWS"
    message = at.warning[0].value
    assert "There is no tab" in message and "<script>" not in message  # escaped, never markup
