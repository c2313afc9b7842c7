"""Positions in real Chromium: a shared link shows the same matrix and evidence in a fresh browser; a cell opens its evidence."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot, wait_for_app

pytestmark = pytest.mark.browser
LINK = "Positions?org=WSWS&org=RCG&org=CPGB-ML&cat=left-polemic&korg=WSWS"


def _view(page) -> tuple[list[str], list[str], str]:
    """What a person sees: the matrix (row by row), the evidence sentences, the heading of the evidence."""
    matrix = page.locator("table.pl-pos")
    expect(matrix).to_be_visible(timeout=60_000)
    rows = [r.inner_text() for r in matrix.locator("tr").all()]
    evidence = page.locator("ul.pl-evid li")
    expect(evidence.first).to_be_visible(timeout=60_000)
    heading = page.locator('[data-testid="stMain"] h4').filter(has_text="—").first.inner_text()
    return rows, [e.inner_text() for e in evidence.all()], heading


def test_a_shared_link_shows_the_same_matrix_and_evidence_in_a_fresh_browser(app_server, browser):
    views = []
    for _ in range(2):
        context = browser.new_context(viewport={"width": 1440, "height": 1100})  # a new browser: nothing shared
        pg = context.new_page()
        dialogs: list[str] = []
        pg.on("dialog", lambda d, seen=dialogs: (seen.append(d.message), d.dismiss()))
        pg.goto(f"{app_server}/{LINK}")
        wait_for_app(pg)
        views.append(_view(pg))
        assert dialogs == []
        if len(views) == 1:
            screenshot(pg, "positions-shared-link")
        context.close()
    first, second = views
    assert first == second
    rows, sentences, heading = first
    assert len(rows) == 11 and "CPGB-ML" in rows[0] and "WSWS" in rows[0] and "RCG" in rows[0]
    assert "Polemics against other left groups — WSWS" in heading
    assert sentences and all("WSWS" in s for s in sentences)


def test_a_cell_opens_its_evidence_and_the_address_follows(app_server, page):
    page.goto(f"{app_server}/Positions?org=WSWS&org=RCG")
    wait_for_app(page)
    cell = page.locator("table.pl-pos td a[href*='cat=nato-blamed'][href*='korg=RCG']")
    expect(cell).to_be_visible(timeout=60_000)
    cell.click()
    wait_for_app(page)
    expect(page.locator("ul.pl-evid li").first).to_be_visible(timeout=60_000)
    assert "cat=nato-blamed" in page.url and "korg=RCG" in page.url and "org=WSWS" in page.url
    assert page.locator("table.pl-pos td.pl-sel").count() == 1
    marks = page.locator("ul.pl-evid mark.pl-coded")
    assert marks.count() > 0 and (marks.first.get_attribute("title") or "").startswith("matched: ")
    # "Read ›" opens the sentence in the reader, highlighted.
    page.locator("ul.pl-evid li a", has_text="Read").first.click()
    wait_for_app(page)
    assert "/Document?" in page.url and "at=" in page.url
    expect(page.locator("mark.pl-at").first).to_be_visible(timeout=60_000)


def test_unknown_category_gets_a_message(app_server, page):
    page.goto(f"{app_server}/Positions?cat=no-such-thing")
    wait_for_app(page)
    expect(page.get_by_text("There is no category 'no-such-thing' in this codebook", exact=False)).to_be_visible(
        timeout=60_000)
    expect(page.locator("table.pl-pos")).to_be_visible()
