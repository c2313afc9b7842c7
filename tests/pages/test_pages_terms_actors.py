"""The Terms and Actors pages under AppTest on the real corpus: with and without URL parameters,
unknown terms/actors, bad values, an empty selection."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.pagetest import run_page

TERMS, ACTORS = "pages/3_Terms.py", "pages/4_Actors.py"


def run(page: str, **params) -> AppTest:
    at = run_page(page, **params)
    assert not at.exception, at.exception
    return at


def texts(elements) -> list[str]:
    return [e.value for e in elements]


def ranked(at) -> str:
    """The ranked lists beside the charts (lib.web.ui.ranked_links), as one string."""
    return "\n".join(m.value for m in at.markdown if m.value.startswith("1. ["))


def plain(value: str) -> str:
    return value.replace("\\", "")  # safe_label escapes punctuation


class TestTermsPage:
    def test_no_parameters_shows_all_terms(self):
        at = run(TERMS)
        assert "All terms" in texts(at.header)
        assert not at.warning
        # The list beside the top-terms chart: every name whole, as a link (a narrow table cut them).
        assert "[russia](./Terms?term=russia)" in ranked(at)
        # Only the open tab is drawn; on the distinctive-terms tab each organisation has one
        # document here: the page says so plainly.
        assert not any("only 1 document" in plain(i) for i in texts(at.info))
        at.session_state["tab"] = "Distinctive terms"  # what a click on the tab does
        at.run()
        assert not at.exception, at.exception
        assert any("only 1 document" in plain(i) for i in texts(at.info))

    def test_word_clouds_tab_from_the_address(self):
        at = run(TERMS, tab="Word clouds")  # the open tab is part of the link
        assert any("Word size follows" in plain(c) for c in texts(at.caption))
        assert len(at.get("image")) >= 1
        assert not at.warning

    def test_unknown_tab_is_a_clear_message(self):
        at = run(TERMS, tab="<b>Nope</b>")
        assert any("There is no tab" in plain(w) and "Top terms" in plain(w) for w in texts(at.warning))
        assert not any("<b>" in m.value for m in at.markdown)  # never echoed as markup
        assert "./Terms?term=" in ranked(at)  # the first tab, drawn

    def test_term_view_kwic_collocates(self):
        at = run(TERMS, term="imperialism")
        assert "“imperialism”" in texts(at.header)
        assert {"Keyword in context", "Where it falls in each document", "Collocates", "Use over time"} <= {
            t.label for t in at.tabs}
        kwic = next(m.value for m in at.markdown if "pl-kwic" in m.value and "<table" in m.value)
        assert ">imperialism</mark>" in kwic and "Document?doc=" in kwic and "at=" in kwic
        uses = next(m.value for m in at.metric if m.label == "Uses")
        assert int(uses) >= 40
        at = run(TERMS, term="imperialism", section="Collocates")
        assert not any("pl-kwic" in m.value and "<table" in m.value for m in at.markdown)
        colls = next(d.value for d in at.dataframe if "collocate" in d.value.columns)
        assert len(colls) >= 5 and (colls["log_dice"] <= 14).all()
        at = run(TERMS, term="imperialism", section="Use over time")
        assert at.radio(key="terms-freq").value == "year"
        assert any("per year" in c.proto.spec for c in at.get("plotly_chart"))

    def test_curly_apostrophe_and_case(self):
        at = run(TERMS, term="Imperialism’s")
        assert not any("does not occur" in plain(w) for w in texts(at.warning))

    def test_unknown_term_is_a_clear_message(self):
        at = run(TERMS, term="imperialsm<script>")
        warnings = [plain(w) for w in texts(at.warning)]
        assert any("does not occur" in w for w in warnings)
        assert not any("<script>" in w.replace("<script>", "", 0) and "does not" not in w for w in warnings)
        assert "All terms" in texts(at.header)

    def test_bad_unit_and_n_fall_back_with_messages(self):
        at = run(TERMS, unit="stem", n="7", min="x", rate="maybe")
        warnings = " ".join(plain(w) for w in texts(at.warning))
        assert "stem" in warnings and "'n' must be between 1 and 3" in warnings
        assert at.radio(key="terms-unit").value == "word" and at.radio(key="terms-n").value == 1

    def test_settings_from_the_url(self):
        at = run(TERMS, unit="lemma", n="2", stop="1", min="3", rate="1", xstop="said")
        assert at.radio(key="terms-unit").value == "lemma" and at.radio(key="terms-n").value == 2
        assert at.toggle(key="terms-stop").value is True and at.toggle(key="terms-rate").value is True
        assert at.number_input(key="terms-min").value == 3 and at.text_input(key="terms-xstop").value == "said"

    def test_empty_selection(self):
        at = run(TERMS, **{"from": "2100-01-01"}, term="war")
        assert any("No documents match" in plain(i) for i in texts(at.info))

    def test_picking_a_term_opens_its_view(self):
        at = run(TERMS)
        at.selectbox(key="terms-pick-chart").select("russia").run()
        assert not at.exception
        assert "“russia”" in texts(at.header)
        assert at.query_params.get("term") in ("russia", ["russia"])


class TestActorsPage:
    def test_no_parameters(self):
        at = run(ACTORS)
        assert "All actors" in texts(at.header)
        assert not at.warning
        assert "[Russia](./Actors?actor=Russia)" in ranked(at)

    def test_tabs_draw_only_when_open(self):
        at = run(ACTORS)
        assert ranked(at) and not any("Strongest pairs" in m.value for m in at.markdown)
        at = run(ACTORS, tab="Network")  # a link to the network
        assert any("Strongest pairs" in m.value for m in at.markdown)
        pairs = [m.value for m in at.markdown if " – " in m.value and "Actors?" in m.value]
        assert pairs, "the strongest pairs link to both actors' profiles"
        at.query_params["tab"] = "Actor × organisation"
        at.run()
        assert not at.exception, at.exception
        assert any("Mentions per 1,000 words" in c.value for c in at.caption)
        assert not any("Strongest pairs" in m.value for m in at.markdown)

    def test_profile_by_alias_with_org_filter(self):
        at = run(ACTORS, actor="nato", org="WSWS")
        assert "NATO" in texts(at.header)
        assert {"The sentences that name them", "Named alongside them",
                "What each organisation says about them"} <= {t.label for t in at.tabs}
        sentences = next(m.value for m in at.markdown if "pl-sents" in m.value and "<ul" in m.value)
        assert "WSWS" in sentences and "Document?" in sentences
        assert next(m.value for m in at.metric if m.label == "Organisations") == "1 of 1"
        # Each document's "Read ›" link: the filter first, then the document (as ctx.href writes it).
        links = re.findall(r"\]\((\./Document\?[^)]*)\)", ranked(at))
        assert links and all(link.startswith("./Document?org=WSWS&doc=") for link in links)
        assert len(set(links)) == len(links)

    def test_profile_tabs_draw_only_when_open(self):
        at = run(ACTORS, actor="Russia")
        assert any("pl-sents" in m.value and "<ul" in m.value for m in at.markdown)  # the first tab: sentences
        assert not any(e.label == "How these words are found" for e in at.expander)
        at = run(ACTORS, actor="Russia", section="What each organisation says about them")
        assert any(e.label == "How these words are found" for e in at.expander)
        # Each organisation's words link to the term's concordance for that organisation.
        words = [m.value for m in at.markdown if "Terms?" in m.value and "term=" in m.value]
        assert words and all("org=" in w for w in words)
        assert not any("pl-sents" in m.value and "<ul" in m.value for m in at.markdown)
        at.query_params["section"] = "Named alongside them"
        at.run()
        assert not at.exception, at.exception
        together = next(m.value for m in at.markdown if m.value.startswith("1. [") and "sentence" in m.value)
        assert "[Ukraine](" in together and "[Russia](" not in together

    def test_profile_of_a_rarely_named_actor(self):
        # Few sentences are listed without a scroll box (Streamlit refuses height=None: this crashed).
        at = run(ACTORS, actor="Jacinda Ardern")
        assert not at.exception, [e.value for e in at.exception]
        sentences = next(m.value for m in at.markdown if "pl-sents" in m.value and "<ul" in m.value)
        assert 1 <= sentences.count("<li>") <= 8 and "Ardern</mark>" in sentences
        assert any(c.startswith(f"{sentences.count('<li>')} sentence(s). ") for c in texts(at.caption))

    def test_unknown_actor_is_a_clear_message(self):
        at = run(ACTORS, actor="Nobody*Here")
        assert any("No actor called" in plain(w) for w in texts(at.warning))
        assert "All actors" in texts(at.header)

    def test_own_names_toggle_from_the_address(self):
        # Off by default (who wrote and published a text is not whom it names); own=1 turns it on,
        # and a bad value is a message. (What it counts is tested in tests/analysis/test_actors.py.)
        at = run(ACTORS, org="WSWS")
        assert at.toggle(key="actors-own").value is False
        at = run(ACTORS, org="WSWS", own="1")
        assert at.toggle(key="actors-own").value is True and not at.warning
        at = run(ACTORS, own="maybe")
        assert any("own" in plain(w) for w in texts(at.warning))

    def test_bad_types_and_flags(self):
        at = run(ACTORS, types="people,bogus", demonyms="7", minw="-3")
        warnings = " ".join(plain(w) for w in texts(at.warning))
        assert "bogus" in warnings and "demonyms" in warnings and "minw" in warnings
        assert at.multiselect(key="actors-types").value == ["PERSON"]

    def test_empty_selection(self):
        at = run(ACTORS, **{"from": "2100-01-01"}, actor="NATO")
        assert any("No documents match" in plain(i) for i in texts(at.info))

    @pytest.mark.parametrize("value", ["United States", "US", "u.s.", "America"])
    def test_aliases_resolve(self, value):
        at = run(ACTORS, actor=value)
        assert "United States" in texts(at.header)
