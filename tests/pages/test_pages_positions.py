"""The Positions page, and its sections on Document and Compare (AppTest): the matrix, evidence, messages,
a missing, broken or hostile codebook."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from lib.web import urls
from tests import hostile
from tests.conftest import build_store
from tests.pages.test_hostile import markup_leaks
from tests.pagetest import run_page

ROOT = Path(__file__).resolve().parents[2]
PAGE = "pages/6_Positions.py"
WSWS = "wsws-2022-03-30-nz-iso-backs-us-nato"
RCG = "rcg-2025-08-ukraine-negotiations-stalemate"


def plain(value: object) -> str:
    return re.sub(r"\\(.)", r"\1", str(value))


def shown(at, kind: str) -> list[str]:
    return [plain(e.value) for e in getattr(at, kind)]


def html_blocks(at, marker: str) -> list[str]:
    return [str(e.value) for e in at.markdown if getattr(e, "allow_html", False) and marker in str(e.value)]


def run(**params):
    at = run_page(PAGE, timeout=300, **params)
    assert not at.exception, [e.value for e in at.exception]
    return at


class TestRealCorpus:
    def test_matrix_and_evidence_of_a_cell(self):
        at = run(**{urls.CAT: "nato-blamed", urls.KEY_ORG: "WSWS"})
        (matrix,) = html_blocks(at, 'class="pl-pos"')
        assert matrix.count('<tr') == 11  # the header and ten categories
        assert 'class="pl-sel"' in matrix and "Positions?cat=nato-blamed&amp;korg=WSWS" in matrix
        (evidence,) = html_blocks(at, 'class="pl-evid"')
        assert "pl-coded" in evidence and "Document?doc=" + WSWS in evidence
        assert at.selectbox(key="pos-cat").value == "nato-blamed" and at.selectbox(key="pos-korg").value == "WSWS"
        assert any("NATO or the West blamed for the war — WSWS" in m for m in shown(at, "markdown"))
        assert markup_leaks(at) == []

    def test_without_a_category_the_matrix_and_a_hint(self):
        at = run()
        assert html_blocks(at, 'class="pl-pos"') and not html_blocks(at, 'class="pl-evid"')
        assert any("Choose a category" in m for m in shown(at, "info"))

    def test_unknown_category_gets_a_message(self):
        at = run(**{urls.CAT: "<b>nope</b>"})
        assert any("There is no category '<b>nope</b>'" in m for m in shown(at, "warning"))
        assert at.selectbox(key="pos-cat").value is None

    def test_unknown_organisation_gets_a_message(self):
        at = run(**{urls.CAT: "negotiations", urls.KEY_ORG: "Nobody"})
        assert any("Unknown organisation 'Nobody'" in m for m in shown(at, "warning"))
        assert html_blocks(at, 'class="pl-evid"')  # the category's evidence, from every organisation

    @pytest.mark.parametrize("basis", ["reviewed", "both"])
    def test_reviews_come_later(self, basis):
        at = run(**{urls.CAT: "negotiations", urls.BASIS: basis})
        assert any("Reviews of the codings by people come in a later round" in m for m in shown(at, "info"))
        assert html_blocks(at, 'class="pl-evid"')

    def test_bad_basis(self):
        at = run(**{urls.BASIS: "guesswork"})
        assert any("'guesswork' is not a valid 'basis'" in m for m in shown(at, "warning"))

    def test_over_time_and_two_organisations(self):
        at = run(**{urls.CAT: "against-arms", urls.TAB: "Over time", urls.RATE: "1"})
        assert at.toggle(key="pos-rate").value is True
        assert len(at.get("plotly_chart")) == 1
        at = run(**{urls.TAB: "Two organisations", urls.ORG_A: "rcg", urls.ORG_B: "WSWS"})
        assert at.selectbox(key="pos-oa").value == "RCG" and at.selectbox(key="pos-ob").value == "WSWS"
        assert len(at.get("plotly_chart")) == 1

    def test_the_org_filter_chooses_the_columns(self):
        at = run(**{urls.ORG: ["WSWS", "RCG"], urls.CAT: "left-polemic"})
        (matrix,) = html_blocks(at, 'class="pl-pos"')
        assert matrix.count('class="pl-org"') == 3  # two organisations and the spread
        assert "org=WSWS" in matrix and "org=RCG" in matrix  # the cells' links keep the filter


class TestOtherPages:
    def test_document_lists_its_categories(self):
        at = run_page("pages/1_Document.py", timeout=300, **{urls.DOC: WSWS})
        assert not at.exception
        assert "Positions" in shown(at, "subheader")
        labels = [plain(e.label) for e in at.expander]
        assert any(label.startswith("Polemics against other left groups (") for label in labels)
        assert html_blocks(at, 'class="pl-evid"')

    def test_compare_says_both_only_a_only_b(self):
        at = run_page("pages/2_Compare.py", timeout=300, **{urls.A: WSWS, urls.B: RCG})
        assert not at.exception
        text = "\n".join(shown(at, "markdown"))
        assert "**Both**" in text and "**Only A**" in text and "**Only B**" in text
        assert "Positions?cat=" in text


@pytest.fixture()
def corpus_copy(tmp_path, monkeypatch):
    """The real corpus in tmp_path (same files: the annotation cache is shared), with its own codebook."""
    folder = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", folder)
    monkeypatch.setenv("CORPUS_DIR", str(folder))
    monkeypatch.setenv("PARTY_LINES_CACHE", str(tmp_path / "cache"))
    build_store(folder, tmp_path / "cache")  # pages read a built store (they never annotate)
    return folder


class TestCodebookFile:
    def test_missing(self, corpus_copy):
        (corpus_copy / "codebook.yaml").unlink()
        at = run()
        assert any("This corpus has no codebook" in m for m in shown(at, "info"))
        at = run_page("pages/1_Document.py", timeout=300, **{urls.DOC: WSWS})
        assert not at.exception and "Positions" not in shown(at, "subheader")

    def test_broken_codebook_names_its_lines(self, corpus_copy):
        (corpus_copy / "codebook.yaml").write_text(
            "categories:\n  - id: a\n    label: A\n    rules:\n      - words: ['re:(']\n      - wordz: [x]\n",
            encoding="utf-8")
        at = run()
        assert any("cannot be used: 2 problem(s)" in m for m in shown(at, "error"))
        captions = shown(at, "caption")
        assert any(c.startswith("line 5:") for c in captions) and any(c.startswith("line 6:") for c in captions)
        assert not html_blocks(at, 'class="pl-pos"')


HOSTILE_BOOK = f"""
title: "{hostile.SCRIPT}"
categories:
  - id: war
    label: "{hostile.IMG} {hostile.JS_LINK} {hostile.KATEX}"
    definition: "{hostile.SCRIPT} {hostile.MARKDOWN} {hostile.COLOUR}"
    rules:
      - words: [war, "<script>", "re:.*xss.*"]
"""


class TestHostile:
    @pytest.fixture()
    def hostile_env(self, tmp_path, monkeypatch):
        folder = hostile.build_hostile_corpus(tmp_path / "corpus")
        (folder / "codebook.yaml").write_text(HOSTILE_BOOK, encoding="utf-8")
        monkeypatch.setenv("CORPUS_DIR", str(folder))
        monkeypatch.setenv("PARTY_LINES_CACHE", str(tmp_path / "cache"))
        build_store(folder, tmp_path / "cache")
        return folder

    def test_every_view_is_inert(self, hostile_env):
        for page, params in ((PAGE, {urls.CAT: "war"}), (PAGE, {urls.CAT: "war", urls.TAB: "Over time"}),
                             ("pages/1_Document.py", {urls.DOC: "hostile-text"}),
                             ("pages/2_Compare.py", {urls.A: "hostile-text", urls.B: "hostile-md"})):
            at = run_page(page, timeout=300, **params)
            assert not at.exception, (page, [e.value for e in at.exception])
            assert markup_leaks(at) == [], page
        at = run_page(PAGE, timeout=300, **{urls.CAT: "war"})
        (evidence,) = html_blocks(at, 'class="pl-evid"')
        assert "&lt;script&gt;alert(&#x27;xss-script&#x27;)&lt;/script&gt;" in evidence  # the sentence, as text
