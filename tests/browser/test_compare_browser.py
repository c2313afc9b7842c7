"""Document and Compare in real Chromium: shared links open the view they name."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot, wait_for_app

pytestmark = pytest.mark.browser
A = "rcg-2025-08-ukraine-negotiations-stalemate"
B = "wsws-2022-03-30-nz-iso-backs-us-nato"
TITLE_A = "Ukraine: imperialist negotiations in stalemate"
TITLE_B = "New Zealand's ISO backs US-NATO imperialism in Ukraine war against Russia"


def _columns(page):
    # The two readers: each has its own element id (key prefix), inside its own column.
    return page.locator("#pl-reader-cmp-a"), page.locator("#pl-reader-cmp-b")


def test_shared_compare_link_shows_both_documents_with_actor_marked(app_server, page):
    page.goto(f"{app_server}/Compare?org=RCG&org=WSWS&a={A}&b={B}&actor=Russia&term=imperialism")
    wait_for_app(page)
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_text(f"A · {TITLE_A}")).to_be_visible(timeout=30_000)
    expect(main.get_by_text(f"B · {TITLE_B}")).to_be_visible(timeout=30_000)
    reader_a, reader_b = _columns(page)
    expect(reader_a).to_be_visible(timeout=30_000)
    expect(reader_b).to_be_visible(timeout=30_000)
    # The chosen actor is marked (<mark class="... pl-focus">) in each column, and is the named actor.
    for col in (reader_a, reader_b):
        focus = col.locator("mark.pl-focus.pl-actor")
        expect(focus.first).to_be_visible(timeout=30_000)
        assert focus.count() > 3
        assert "Russia" in (focus.first.get_attribute("title") or "")
        assert col.locator("mark.pl-hit").count() > 0  # the term too
    # The two readers sit side by side, each wide enough to read (1400 px window).
    box_a, box_b = reader_a.bounding_box(), reader_b.bounding_box()
    assert box_a["x"] + box_a["width"] <= box_b["x"]
    assert min(box_a["width"], box_b["width"]) > 380
    assert page.url.count("a=") and "org=RCG" in page.url
    screenshot(page, "compare-rcg-wsws")
    assert page.dialogs == []


def test_compare_in_a_narrow_window_stacks_the_readers(app_server, browser):
    context = browser.new_context(viewport={"width": 560, "height": 900})
    pg = context.new_page()
    pg.goto(f"{app_server}/Compare?a={A}&b={B}&actor=Russia")
    wait_for_app(pg)
    reader_a = pg.locator("#pl-reader-cmp-a")
    reader_b = pg.locator("#pl-reader-cmp-b")
    expect(reader_b).to_be_attached(timeout=30_000)
    box_a, box_b = reader_a.bounding_box(), reader_b.bounding_box()
    assert box_b["y"] > box_a["y"] + 100  # stacked, not squeezed side by side
    assert box_a["width"] > 400
    pg.screenshot(path="tests/artifacts/compare-narrow.png", full_page=False)
    context.close()


def test_swap_button_swaps_the_sides_and_the_address(app_server, page):
    page.goto(f"{app_server}/Compare?a={A}&b={B}")
    wait_for_app(page)
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_text(f"A · {TITLE_A}")).to_be_visible(timeout=30_000)
    page.get_by_role("button").filter(has=page.locator('[data-testid="stIconMaterial"]', has_text="swap_horiz")).click()
    expect(main.get_by_text(f"A · {TITLE_B}")).to_be_visible(timeout=30_000)
    expect(main.get_by_text(f"B · {TITLE_A}")).to_be_visible(timeout=30_000)
    page.wait_for_function(f"() => location.search.includes('a={B}') && location.search.includes('b={A}')",
                           timeout=30_000)


def test_document_link_with_at_shows_the_passage(app_server, page):
    page.goto(f"{app_server}/Document?org=RCG&doc={A}&at=2000")
    wait_for_app(page)
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_role("heading", name=TITLE_A)).to_be_visible(timeout=30_000)
    passage = page.locator("#pl-reader-doc p mark.pl-at")
    expect(passage.first).to_be_visible(timeout=30_000)
    quoted = main.get_by_text("Linked passage:", exact=False)
    expect(quoted).to_be_visible(timeout=30_000)
    marked = " ".join(passage.all_inner_texts())
    assert marked.split()[0] in quoted.inner_text()
    assert page.locator("#pl-reader-doc mark.pl-actor").count() > 10  # actors highlighted by type
    passage.first.scroll_into_view_if_needed()
    screenshot(page, "document-rcg-at")
    assert page.dialogs == []


def test_document_search_highlights_and_counts(app_server, page):
    page.goto(f"{app_server}/Document?doc={B}&q=working%20class&actor=Russia")
    wait_for_app(page)
    hits = page.locator("#pl-reader-doc mark.pl-hit")
    expect(hits.first).to_be_visible(timeout=30_000)
    count = hits.count()
    expect(page.get_by_text(f"'working class': {count} hit", exact=False)).to_be_visible(timeout=30_000)
    screenshot(page, "document-wsws-search")
