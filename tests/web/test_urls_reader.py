"""URL names added for the reader (Document, Compare): distinct, and round-trip through page_href."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from lib.web import urls


class TestReaderParamNames:
    def test_names(self):
        assert (urls.SEARCH, urls.READER_PAGE, urls.ORIGINAL, urls.PAGE_A, urls.PAGE_B) == (
            "q", "page", "original", "page_a", "page_b")

    def test_no_clash_with_other_names(self):
        names = [urls.ORG, urls.DATE_FROM, urls.DATE_TO, urls.DOC, urls.AT, urls.A, urls.B, urls.TERM, urls.UNIT,
                 urls.NGRAM, urls.STOP, urls.MIN_COUNT, urls.RATE, urls.ACTOR, urls.TYPES, urls.DEMONYMS,
                 urls.SEARCH, urls.READER_PAGE, urls.ORIGINAL, urls.PAGE_A, urls.PAGE_B]
        assert len(names) == len(set(names))

    def test_compare_link_round_trip(self):
        href = urls.page_href("Compare", {**urls.filter_query(["RCG"]),
                                          **urls.query(**{urls.A: "x", urls.B: "y", urls.SEARCH: "war & peace"})})
        assert href.startswith("./Compare?")
        assert parse_qs(urlsplit(href).query) == {"org": ["RCG"], "a": ["x"], "b": ["y"], "q": ["war & peace"]}
