"""lib.web.urls: the URL contract — parsing never raises, building round-trips."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest

from lib.contracts import ACTOR_TYPES
from lib.web import urls

ORGS = [("WPI", "Workers' Party of Ireland"), ("CPGB-ML", "Communist Party of Great Britain (Marxist-Leninist)"),
        ("RCG", "Revolutionary Communist Group")]


class TestParseOrgs:
    def test_short_and_full_names_case_and_apostrophe_insensitive(self):
        chosen, msgs = urls.parse_orgs({"org": ["rcg", "Workers’ Party of Ireland", "cpgb-ml", "RCG"]}, ORGS)
        assert chosen == ["RCG", "WPI", "CPGB-ML"] and msgs == []

    def test_unknown_org_is_reported_and_ignored(self):
        chosen, msgs = urls.parse_orgs({"org": ["RCG", "<script>x</script>"]}, ORGS)
        assert chosen == ["RCG"]
        assert msgs == ["Unknown organisation '<script>x</script>' in the link was ignored."]

    def test_oversized_value_is_cut_in_the_message(self):
        _, msgs = urls.parse_orgs({"org": ["x" * 10_000]}, ORGS)
        assert len(msgs[0]) < 120


class TestParseDateParam:
    def test_full_and_partial_dates(self):
        msgs: list[str] = []
        assert urls.parse_date_param({"from": "2025-02"}, urls.DATE_FROM, msgs) == dt.date(2025, 2, 1)
        assert urls.parse_date_param({"to": "2024-02"}, urls.DATE_TO, msgs) == dt.date(2024, 2, 29)
        assert urls.parse_date_param({"to": "2025"}, urls.DATE_TO, msgs) == dt.date(2025, 12, 31)
        assert msgs == []

    def test_bad_date_message(self):
        msgs: list[str] = []
        assert urls.parse_date_param({"from": "yesterday"}, urls.DATE_FROM, msgs) is None
        assert "not a date" in msgs[0]


class TestParseScalars:
    def test_int_in_range_else_default(self):
        msgs: list[str] = []
        assert urls.parse_int({"n": "2"}, urls.NGRAM, default=1, lo=1, hi=3, messages=msgs) == 2
        assert urls.parse_int({"n": "9"}, urls.NGRAM, default=1, lo=1, hi=3, messages=msgs) == 1
        assert urls.parse_int({"n": "two"}, urls.NGRAM, default=1, lo=1, hi=3, messages=msgs) == 1
        assert len(msgs) == 2

    def test_choice_and_flag(self):
        msgs: list[str] = []
        assert urls.parse_choice({"unit": "lemma"}, urls.UNIT, choices=("word", "lemma"), default="word", messages=msgs) == "lemma"
        assert urls.parse_choice({"unit": "x"}, urls.UNIT, choices=("word", "lemma"), default="word", messages=msgs) == "word"
        assert urls.parse_flag({"stop": "0"}, urls.STOP, default=True, messages=msgs) is False
        assert len(msgs) == 1

    def test_oversized_value_refused(self):
        msgs: list[str] = []
        assert urls.get_one({"doc": "a" * 5000}, urls.DOC, msgs) is None
        assert "too long" in msgs[0]


class TestBuilding:
    def test_page_href_round_trips_repeated_org(self):
        href = urls.page_href("Compare", {**urls.filter_query(["RCG", "WPI"], dt.date(2025, 1, 1)),
                                          **urls.query(a="x", b="y")})
        parts = urlsplit(href)
        assert parts.path == "./Compare"
        assert parse_qs(parts.query) == {"org": ["RCG", "WPI"], "from": ["2025-01-01"], "a": ["x"], "b": ["y"]}

    def test_query_drops_empty_and_encodes_bools(self):
        assert urls.query(term="war", stop=False, actor=None, org=[]) == {"term": "war", "stop": "0"}

    def test_overview_is_the_root(self):
        assert urls.page_href("Overview") == "./"

    def test_every_page_script_exists(self):
        from pathlib import Path
        root = Path(__file__).resolve().parents[2]
        for script in urls.PAGES.values():
            assert (root / script).exists(), script

    def test_unknown_page(self):
        with pytest.raises(KeyError):
            urls.page_href("Nope")


class TestPageHrefs:
    @pytest.mark.parametrize("params", [{}, {"org": ["RCG", "CPGB-ML"], "from": "2022-01-01"},
                                        {"org": "Workers' Party & co"}, {"doc": "earlier", "org": "RCG"}])
    def test_each_link_is_the_page_href_of_its_value(self, params):
        values = ["a-war", "doc with spaces", "ü&?=#", 7]
        expected = [urls.page_href("Document", {**params, "doc": str(v)}) for v in values]
        assert urls.page_hrefs("Document", params, "doc", values) == expected

    def test_no_values_no_links(self):
        assert urls.page_hrefs("Document", {"org": "RCG"}, "doc", []) == []


class TestParseTypes:
    """One parser of ``types`` for every page (Document and Actors once disagreed)."""

    @pytest.mark.parametrize(("values", "expected"), [
        ([], ["PERSON", "ORG", "STATE", "PLACE"]),
        (["state,person"], ["PERSON", "STATE"]),
        (["PLACE", "org"], ["ORG", "PLACE"]),
        (["people,STATE", "places"], ["PERSON", "STATE", "PLACE"]),
        (["people"], ["PERSON"]),
        (["Organisations", "organization"], ["ORG"]),
    ])
    def test_known(self, values, expected):
        assert urls.parse_types(values) == (expected, [])

    @pytest.mark.parametrize("bad", ["<b>x</b>", "bogus", "demonyms"])
    def test_unknown_is_reported_and_defaults(self, bad):
        types, messages = urls.parse_types([bad])
        assert types == list(ACTOR_TYPES) and len(messages) == 1 and "people" in messages[0]
