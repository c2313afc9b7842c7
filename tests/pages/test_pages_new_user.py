"""What a new user hits (issue 16), page level: odd addresses (item 10) and wording (item 12).

The browser half (mobile, reading, offline, unknown page) is tests/browser/test_new_user_browser.py.
"""

from __future__ import annotations

import re

import pytest

from lib.web import urls
from tests.pagetest import run_page

TERMS, ACTORS, DOCUMENT, COMPARE = "pages/3_Terms.py", "pages/4_Actors.py", "pages/1_Document.py", "pages/2_Compare.py"
DOC = "rcg-2025-08-ukraine-negotiations-stalemate"


def plain(value: str) -> str:
    return re.sub(r"\\(.)", r"\1", value)


def warnings(at) -> list[str]:
    return [plain(w.value) for w in at.warning]


class TestSettingsInTheAddress:
    """Item 10: every slider and setting that changes what is shown is in the URL."""

    @pytest.mark.parametrize(("page", "key", "title"), [(TERMS, "terms-top-n", "Top 10 terms"),
                                                        (ACTORS, "actors-top-n", "Top 10 actors")])
    def test_shown_count_comes_from_the_link(self, page, key, title):
        at = run_page(page, top="10")
        assert not at.exception
        assert at.slider(key=key).value == 10
        assert any(title in str(c.proto.spec) for c in at.get("plotly_chart")), "the chart shows the link's count"

    @pytest.mark.parametrize(("page", "key"), [(TERMS, "terms-top-n"), (ACTORS, "actors-top-n"),
                                               (TERMS, "terms-matrix-n"), (ACTORS, "actors-matrix-n")])
    def test_moving_the_slider_writes_the_link(self, page, key):
        tab = "Term × document" if page == TERMS else "Actor × organisation"
        at = run_page(page, **({"tab": tab} if "matrix" in key else {}))
        at.slider(key=key).set_value(30).run()
        assert not at.exception
        name = urls.MATRIX_TOP if "matrix" in key else urls.TOP
        assert at.query_params[name] == "30"

    def test_a_bad_count_says_so(self):
        at = run_page(TERMS, top="500")
        assert at.slider(key="terms-top-n").value == 20
        assert any("'top' must be between 5 and 50" in w for w in warnings(at))

    def test_overview_period_comes_from_the_link(self):
        at = run_page(None, per="month")
        assert not at.exception
        assert at.radio(key="timeline-freq").value == "month"
        at.radio(key="timeline-freq").set_value("year").run()
        assert "per" not in at.query_params  # the default leaves the link short


class TestOddPositions:
    """Item 10: a negative or huge ``at`` says what was wrong in the reader's terms."""

    @pytest.mark.parametrize(("at_value", "says"), [
        ("-5", "before the start of the text"),
        ("99999999", "this document has only"),
        ("abc", "is not a number"),
    ])
    def test_message_in_the_readers_terms(self, at_value, says):
        at = run_page(DOCUMENT, doc=DOC, at=at_value)
        assert not at.exception
        shown = warnings(at)
        assert any(says in w for w in shown), shown
        assert not any("'at' must be between" in w for w in shown)  # not the parameter's range

    def test_a_good_position_opens_the_passage(self):
        at = run_page(DOCUMENT, doc=DOC, at="400")
        assert not at.exception and not warnings(at)
        assert any("Linked passage" in plain(i.value) for i in at.info)


class TestUnknownPage:
    @pytest.mark.parametrize(("url", "base", "asked"), [
        ("http://127.0.0.1:8501/NoSuchPage", "", "NoSuchPage"),
        ("http://127.0.0.1:8501/", "", None),
        ("http://127.0.0.1:8501", "", None),
        ("http://127.0.0.1:8501/Terms", "", None),
        ("http://127.0.0.1:8501/terms/", "", None),
        ("https://example.org/partylines", "partylines", None),
        ("https://example.org/partylines/Termz", "/partylines/", "Termz"),
        ("http://127.0.0.1:8501/No%20Such", "", "No Such"),
        (None, "", None),
    ])
    def test_unknown_page_name(self, url, base, asked):
        assert urls.unknown_page(url, base) == asked


class TestWording:
    """Item 12: controls read as a person would say them."""

    def test_stop_word_toggle_says_what_on_does(self):
        at = run_page(TERMS)
        toggle = at.toggle(key="terms-stop")
        assert toggle.label != "Stop words"
        assert re.match(r"(Keep|Include|Count) ", toggle.label), toggle.label
        assert "Off" in toggle.help and "On" in toggle.help  # and the help says both

    @pytest.mark.parametrize(("n", "unit", "phrase"), [("1", "word", "single words"), ("2", "word", "two-word phrases"),
                                                       ("3", "lemma", "three-word phrases of lemmas")])
    def test_term_length_in_plain_words(self, n, unit, phrase):
        at = run_page(TERMS, n=n, unit=unit)
        captions = " ".join(plain(c.value) for c in at.caption)
        assert phrase in captions
        assert not re.search(r"\d-word (word|lemma)s", captions)  # "2-word words"

    @pytest.mark.parametrize(("page", "params"), [(TERMS, {}), (COMPARE, {})])
    def test_no_list_offers_add_colon(self, page, params):
        # A selectbox taking new options shows a typed word as "Add: proxies" (Streamlit's own text):
        # on these pages that read as adding to the corpus. A text box takes typed words instead.
        at = run_page(page, **params)
        assert not at.exception
        taking = [s.label for s in at.selectbox if s.proto.accept_new_options]
        assert not taking, taking

    def test_compare_highlight_is_typed_or_suggested(self):
        at = run_page(COMPARE, term="proxies")
        assert not at.exception
        assert at.text_input(key="cmp-term").value == "proxies"
        suggestion = at.selectbox(key="cmp-term-pick").options[0]
        at.selectbox(key="cmp-term-pick").select(suggestion).run()
        assert at.text_input(key="cmp-term").value == suggestion
        assert at.query_params["term"] == suggestion

    def test_terms_any_word_opens_its_view(self):
        at = run_page(TERMS)
        at.text_input(key="terms-open-typed").input("proxy war").run()
        assert not at.exception
        assert at.query_params["term"] == "proxy war"
