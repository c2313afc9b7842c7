"""Document and Compare pages with AppTest: real ids, unknown and hostile ids, same document, empty filter."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from lib.web import urls

A = "rcg-2025-08-ukraine-negotiations-stalemate"
B = "wsws-2022-03-30-nz-iso-backs-us-nato"
C = "cpgbml-2025-04-05-russia-closes-on-victory"
HOSTILE = "<script>alert(1)</script>"


def open_page(script: str, params: dict[str, str | list[str]]) -> AppTest:
    at = AppTest.from_file("../../app.py", default_timeout=120)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    at.switch_page(script)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def document(params: dict[str, str | list[str]]) -> AppTest:
    return open_page("pages/1_Document.py", params)


def compare(params: dict[str, str | list[str]]) -> AppTest:
    return open_page("pages/2_Compare.py", params)


def texts(elements) -> list[str]:
    return [e.value for e in elements]


def plain(value: str) -> str:
    # safe_label backslash-escapes punctuation; what a reader sees has no backslashes.
    return value.replace("\\", "")


def seen(at: AppTest) -> str:
    parts = texts(at.title) + texts(at.markdown) + texts(at.caption) + texts(at.info) + texts(at.warning) + \
        texts(at.error)
    return plain("\n".join(str(p) for p in parts))


def html_of(at: AppTest) -> str:
    return "\n".join(str(e.proto.body) for e in at.get("html"))


# ---------------------------------------------------------------- Document

class TestDocumentPage:
    def test_real_id_shows_card_reader_and_what_stands_out(self):
        at = document({urls.DOC: A})
        assert plain(at.title[0].value) == "Ukraine: imperialist negotiations in stalemate"
        text = seen(at)
        assert "Revolutionary Communist Group (RCG)" in text and "2025-08 (month only)" in text
        metrics = {m.label: m.value for m in at.metric}
        assert metrics["Words"] == "1,034" and metrics["Reading time"] == "~4 min"
        assert metrics["Sentences"] != "unknown" and metrics["Lexical diversity"] != "unknown"
        body = html_of(at)
        assert 'id="pl-reader-doc"' in body and "pl-t-STATE" in body
        assert "Against the rest of the filtered documents" in text and "Actors named" in text
        assert [t.label for t in at.tabs] == ["Distinctive terms", "Word cloud"]
        assert [d.label for d in at.get("download_button")][-4:] == ["Cleaned text", "Original text", "Terms (CSV)",
                                                                    "Actors (CSV)"]
        # The word cloud is drawn only when its tab is open (a drawing costs more than the page).
        assert not at.get("image")
        at.session_state["section"] = "Word cloud"
        at.run()
        assert not at.exception, at.exception
        assert len(at.get("image")) == 1
        assert {"Image (PNG)", "Words (CSV)"} <= {d.label for d in at.get("download_button")}
        assert "Against the rest of the filtered documents" not in seen(at)

    def test_default_is_the_first_filtered_document(self):
        at = document({urls.ORG: "WSWS"})
        assert "New Zealand's ISO backs" in plain(at.title[0].value)

    def test_at_opens_the_passage_with_a_callout(self):
        at = document({urls.DOC: A, urls.AT: "2000"})
        callouts = [plain(i.value) for i in at.info if "Linked passage" in plain(i.value)]
        assert len(callouts) == 1 and "EU territorial ambitions" in callouts[0]
        assert 'class="pl-at"' in html_of(at) or "pl-at " in html_of(at)

    def test_at_on_a_later_page_opens_that_page(self):
        at = document({urls.DOC: C, urls.AT: "11000"})  # 42 blocks → 2 pages; offset near the end
        assert at.number_input(key="doc-page").value == 2
        assert "pl-at" in html_of(at)

    def test_bad_at_is_a_message(self):
        at = document({urls.DOC: A, urls.AT: "abc"})
        assert any("is not a number" in plain(w.value) for w in at.warning)

    def test_search_counts_hits(self):
        at = document({urls.DOC: A, urls.SEARCH: "trump"})
        assert any("'trump': 9 hits" in plain(c.value) for c in at.caption)
        assert html_of(at).count('class="pl-hit"') >= 1

    def test_actor_marks_and_unknown_actor_message(self):
        at = document({urls.DOC: A, urls.ACTOR: "Russia"})
        assert "pl-focus" in html_of(at)
        at = document({urls.DOC: A, urls.ACTOR: HOSTILE})
        assert any("is not named in this document" in plain(w.value) for w in at.warning)
        assert "<script>" not in html_of(at)

    def test_types_by_plain_name_work_as_on_actors(self):
        # Issue 13: Actors?types=people worked while Document?types=people was refused.
        at = document({urls.DOC: A, urls.TYPES: "people"})
        assert not any("Unknown actor type" in plain(w.value) for w in at.warning)
        body = html_of(at)
        reader_body = body[body.index('class="pl-reader"'):]
        assert "pl-t-PERSON" in reader_body and "pl-t-STATE" not in reader_body

    def test_type_toggles_from_the_address(self):
        at = document({urls.DOC: A, urls.TYPES: "person", urls.DEMONYMS: "0"})
        body = html_of(at)
        reader_body = body[body.index('class="pl-reader"'):]
        assert "pl-t-PERSON" in reader_body and "pl-t-STATE" not in reader_body and "pl-t-DEMONYM" not in reader_body

    def test_original_file_toggle(self):
        at = document({urls.DOC: A, urls.ORIGINAL: "1"})
        assert '<pre id="pl-orig-doc-original">' in html_of(at)

    def test_unknown_and_hostile_ids(self):
        for value in ("no-such-document", HOSTILE):
            at = document({urls.DOC: value})
            assert any("Document not found" in plain(e.value) for e in at.error)
            assert "<script>" not in html_of(at)
            assert any("list of documents" in link.proto.label for link in at.get("page_link"))

    def test_outside_the_filter_is_shown_with_a_notice(self):
        at = document({urls.DOC: A, urls.ORG: "WSWS"})
        assert "Ukraine: imperialist" in plain(at.title[0].value)
        assert any("outside the sidebar filter" in plain(i.value) for i in at.info)

    def test_empty_selection(self):
        at = document({urls.DATE_FROM: "2100-01-01"})
        assert any("No documents match the filter" in plain(i.value) for i in at.info)

    def test_only_document_under_the_filter(self):
        at = document({urls.ORG: "RCG"})
        assert any("no other document under the filter" in plain(i.value) for i in at.info)


# ---------------------------------------------------------------- Compare

class TestComparePage:
    def test_real_ids_side_by_side(self):
        at = compare({urls.A: A, urls.B: B, urls.ORG: ["RCG", "WSWS"]})
        body = html_of(at)
        assert ">A · Ukraine: imperialist negotiations in stalemate</div>" in body
        assert ">B · New Zealand&#x27;s ISO backs US-NATO imperialism in Ukraine war against Russia</div>" in body
        assert 'id="pl-reader-cmp-a"' in body and 'id="pl-reader-cmp-b"' in body
        similarity = [m for m in at.metric if m.label == "Similarity"][0]
        assert 0 < float(similarity.value) < 1
        text = seen(at)
        assert "vocabulary" in text and "stop words" in text
        assert "Phrases both use" in text and "Actors named" in text

    def test_defaults_are_the_first_two_filtered_documents(self):
        at = compare({})
        assert at.selectbox(key="cmp-a").value != at.selectbox(key="cmp-b").value

    def test_term_and_actor_highlight_both_sides_with_counts(self):
        at = compare({urls.A: A, urls.B: B, urls.TERM: "imperialism", urls.ACTOR: "Russia"})
        counts = [plain(m.value) for m in at.markdown if "per 1,000 words" in m.value]
        assert counts == ["'imperialism': 7 (6.8 per 1,000 words) · Russia: 22 (21.3 per 1,000 words)",
                          "'imperialism': 10 (5.9 per 1,000 words) · Russia: 31 (18.1 per 1,000 words)"]
        body = html_of(at)
        for side in ("a", "b"):
            part = body[body.index(f'id="pl-reader-cmp-{side}"'):]
            part = part[: part.index("</div></div>") if "</div></div>" in part else len(part)]
            assert "pl-focus" in part and 'class="pl-hit"' in part
        assert 'id="pl-kwic-cmp-kwic"' in body  # its lines from both sides

    def test_same_document_on_both_sides(self):
        at = compare({urls.A: A, urls.B: A})
        assert any("same document" in plain(w.value) for w in at.warning)
        assert [m.value for m in at.metric if m.label == "Similarity"] == ["1.00"]

    def test_unknown_and_hostile_ids(self):
        at = compare({urls.A: HOSTILE, urls.B: B})
        assert any("Document not found" in plain(e.value) and "side A" in plain(e.value) for e in at.error)
        assert "<script>" not in html_of(at)
        at = compare({urls.A: A, urls.B: "nope"})
        assert any("side B" in plain(e.value) for e in at.error)

    def test_hostile_term_and_actor(self):
        at = compare({urls.A: A, urls.B: B, urls.TERM: HOSTILE, urls.ACTOR: HOSTILE})
        assert any("not named in either document" in plain(w.value) for w in at.warning)
        assert "<script>" not in html_of(at)

    def test_outside_the_filter_is_shown_with_a_notice(self):
        at = compare({urls.A: A, urls.B: C, urls.ORG: "WSWS"})
        assert any("outside the sidebar filter" in plain(i.value) for i in at.info)
        assert at.selectbox(key="cmp-a").value == A and at.selectbox(key="cmp-b").value == C

    def test_empty_selection(self):
        at = compare({urls.DATE_FROM: "2100-01-01"})
        assert any("No documents match the filter" in plain(i.value) for i in at.info)

    def test_swap(self):
        at = compare({urls.A: A, urls.B: B})
        at.button(key="cmp-swap").click().run()
        assert not at.exception
        assert (at.selectbox(key="cmp-a").value, at.selectbox(key="cmp-b").value) == (B, A)
        assert at.query_params[urls.A] in (B, [B]) and at.query_params[urls.B] in (A, [A])

    def test_matrix_pairs_link_to_comparisons(self):
        at = compare({})
        links = [link.proto for link in at.get("page_link") if link.proto.page == "Compare" and "↔" in link.proto.label]
        assert len(links) == 10  # 5 closest and 5 furthest of the 10 pairs of 5 documents
        assert all("a=" in p.query_string and "b=" in p.query_string for p in links)


@pytest.mark.parametrize("script", ["pages/1_Document.py", "pages/2_Compare.py"])
def test_pages_survive_bad_parameters(script):
    open_page(script, {urls.TYPES: "nonsense", urls.DEMONYMS: "maybe", urls.SEARCH: "x" * 500,
                       urls.READER_PAGE: "-3", urls.PAGE_A: "zz", urls.TERM: "$x$ :red[y]"})
