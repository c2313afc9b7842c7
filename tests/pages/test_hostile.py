"""Hostile input on every page (AppTest): a hostile corpus, and unknown or oversized URL parameters.

A hostile corpus (tests/hostile.py: <script>, <img onerror>, javascript: links, <iframe srcdoc>,
Markdown, KaTeX, colour directives, right-to-left override, zero-width space — in texts and in
metadata) must render on every page without an exception, with no payload turned into markup,
and with the payloads readable as text where documents are listed.
"""

from __future__ import annotations

import html
import re

import pytest

from lib.web import urls
from tests import hostile
from tests.conftest import build_store
from tests.pagetest import run_page

PAGES = list(urls.PAGES.values())
ACTIVE_TAG = re.compile(r"<\s*(script|img|iframe|object|embed|svg)\b|<[^>]*\son\w+\s*=|href\s*=\s*[\"']?\s*javascript:",
                        re.I)
UNESCAPED = re.compile(r"(?<!\\)[<\[$]")


def markup_leaks(at) -> list[str]:
    """Strings that would become markup: raw active HTML where HTML is allowed, unescaped
    Markdown/HTML/math syntax in Markdown that carries a payload."""
    leaks = []
    for el in at.markdown:
        value = str(el.value)
        if getattr(el, "allow_html", False):
            if ACTIVE_TAG.search(value):
                leaks.append(value[:300])
        elif any(m in value for m in hostile.MARKERS) and UNESCAPED.search(value):
            leaks.append(value[:300])
    for el in at.get("html"):
        body = str(getattr(el, "proto", el).body if hasattr(getattr(el, "proto", None), "body") else el.value)
        if ACTIVE_TAG.search(body):
            leaks.append(body[:300])
    for kind in ("title", "header", "subheader", "caption", "info", "warning", "error", "success"):
        for el in getattr(at, kind):
            value = str(el.value)
            if any(m in value for m in hostile.MARKERS) and UNESCAPED.search(value):
                leaks.append(value[:300])
    return leaks


def visible_text(at) -> str:
    """Roughly what a person reads: Markdown unescaped, HTML entities decoded, table cells."""
    parts = []
    for el in list(at.markdown) + list(at.caption) + list(at.title) + list(at.subheader):
        parts.append(html.unescape(re.sub(r"\\(.)", r"\1", str(el.value))))
    for el in at.get("html"):
        parts.append(html.unescape(str(getattr(getattr(el, "proto", None), "body", ""))))
    for df in at.dataframe:
        parts.append(df.value.to_string())
    return "\n".join(parts)


@pytest.fixture(scope="module")
def hostile_env(tmp_path_factory):
    folder = hostile.build_hostile_corpus(tmp_path_factory.mktemp("hostile") / "corpus")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CORPUS_DIR", str(folder))
        mp.setenv("PARTY_LINES_CACHE", str(folder.parent / "cache"))
        mp.delenv("PARTY_LINES_ALLOW_WRITES", raising=False)
        build_store(folder, folder.parent / "cache")
        yield folder


PAGE_PARAMS = {
    "app.py": {},
    "pages/1_Document.py": {urls.DOC: "hostile-text"},
    "pages/2_Compare.py": {urls.A: "hostile-text", urls.B: "hostile-html"},
    "pages/3_Terms.py": {urls.TERM: "script"},
    "pages/4_Actors.py": {},
    "pages/5_Corpus.py": {urls.DOC: "hostile-text"},
}


class TestHostileCorpus:
    @pytest.mark.parametrize("page", PAGES)
    def test_page_renders_inert(self, hostile_env, page):
        at = run_page(None if page == "app.py" else page, timeout=300, **PAGE_PARAMS.get(page, {}))
        assert not at.exception, [e.value for e in at.exception]
        assert markup_leaks(at) == []

    @pytest.mark.parametrize("page", ["app.py", "pages/5_Corpus.py"])
    def test_payloads_visible_as_text(self, hostile_env, page):
        at = run_page(None if page == "app.py" else page, timeout=300)
        text = visible_text(at)
        assert hostile.SCRIPT in text  # the hostile title, read as text
        assert "EVIL" in text

    def test_document_reader_shows_payload_text(self, hostile_env):
        at = run_page("pages/1_Document.py", timeout=300, **{urls.DOC: "hostile-text"})
        assert not at.exception
        text = visible_text(at)
        assert "alert('xss-script')" in text
        assert markup_leaks(at) == []

    @pytest.mark.parametrize(("page", "params", "marker"), [
        ("pages/4_Actors.py", {urls.ACTOR: "Russia"}, 'class="pl-sents"'),  # an actor's sentences
        ("pages/3_Terms.py", {urls.TERM: "script"}, 'class="pl-kwic"'),  # a term's concordance
    ], ids=["actor-sentences", "kwic"])
    def test_html_lists_carry_payload_escaped(self, hostile_env, page, params, marker):
        """The two lists drawn as HTML show a sentence holding <script> as text, never as a tag."""
        at = run_page(page, timeout=300, **params)
        assert not at.exception, [e.value for e in at.exception]
        lists = [str(el.value) for el in at.markdown if getattr(el, "allow_html", False) and marker in str(el.value)]
        assert lists, f"{page} drew no {marker} list"
        assert any(html.escape("alert('xss-script')</script>") in v for v in lists)  # the payload, as text
        assert not any(ACTIVE_TAG.search(v) for v in lists)

    def test_sidebar_filter_shows_invisible_visibly(self, hostile_env):
        at = run_page(None, timeout=300)
        options = [str(o) for o in at.sidebar.multiselect[0].options]
        assert any("[U+200B]" in o for o in options)
        assert any("<b>EVIL</b>" in o for o in options)  # as text: a multiselect renders no markup


BAD_PARAMS = [
    {urls.DOC: "<script>alert('xss-script')</script>", urls.A: "<img src=x onerror=alert('xss-img')>",
     urls.B: "javascript:alert('xss-link')", urls.TERM: "$x$ :red[y] **z**", urls.ACTOR: "\u202eNATO",
     urls.AT: "-1", urls.END: "x"},
    {name: "x" * 10_000 for name in (urls.DOC, urls.A, urls.B, urls.TERM, urls.ACTOR, urls.UNIT, urls.NGRAM,
                                     urls.STOP, urls.MIN_COUNT, urls.RATE, urls.TYPES, urls.DEMONYMS, urls.AT,
                                     urls.DATE_FROM, urls.DATE_TO)},
    {urls.ORG: ["<iframe srcdoc=x>", "y" * 10_000, "RCG"], urls.DATE_FROM: "<img>", urls.DATE_TO: "2100-99-99",
     urls.UNIT: "<b>", urls.NGRAM: "99", "unknown": "[a](javascript:alert(1))", urls.TYPES: "<script>"},
]


class TestBadParameters:
    @pytest.mark.parametrize("params", BAD_PARAMS, ids=["hostile", "oversized", "mixed"])
    @pytest.mark.parametrize("page", PAGES)
    def test_every_page(self, page, params):
        at = run_page(None if page == "app.py" else page, timeout=300, **params)
        assert not at.exception, [e.value for e in at.exception]
        assert markup_leaks(at) == []
        if set(params) & set(urls.FILTER_PARAMS):  # every page reads the filter; other names only where used
            assert at.warning, "a bad filter parameter must show a visible message"
        for w in at.warning:
            assert len(w.value) < 2000  # an oversized value is not echoed in full
