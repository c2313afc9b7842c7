"""The Terms and Actors pages in real Chromium: shared links open the right view, with charts."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot, wait_for_app

pytestmark = pytest.mark.browser
CHART = '[data-testid="stPlotlyChart"] .main-svg'


def tall_screenshot(pg, name: str, height: int = 3600) -> None:
    """Streamlit scrolls inside its own container, so a full-page shot is the viewport: make it tall."""
    pg.set_viewport_size({"width": 1400, "height": height})
    pg.wait_for_timeout(2500)  # charts re-lay out to the new size
    screenshot(pg, name)
    pg.set_viewport_size({"width": 1400, "height": 1000})


def test_actor_profile_link(app_server, page):
    page.goto(f"{app_server}/Actors?actor=NATO&org=WSWS")
    wait_for_app(page)
    expect(page.locator("h2").filter(has_text="NATO").first).to_be_visible(timeout=30_000)
    expect(page.locator("ul.pl-sents li").first).to_contain_text("NATO", timeout=30_000)
    # Only WSWS's document is in the filter: every sentence comes from it.
    sources = page.locator("ul.pl-sents span.pl-src").all_inner_texts()
    assert sources and all(s.startswith("WSWS") for s in sources)
    read = page.locator("ul.pl-sents a").first
    assert "Document?" in read.get_attribute("href") and "at=" in read.get_attribute("href")
    expect(page.locator(CHART).first).to_be_visible(timeout=30_000)
    assert page.locator(CHART).count() >= 2
    tall_screenshot(page, "actors-nato-wsws")
    assert page.dialogs == []


def test_actor_network_tab(app_server, page):
    page.goto(f"{app_server}/Actors")
    wait_for_app(page)
    page.get_by_role("tab", name="Network").click()
    expect(page.get_by_text("Strongest pairs")).to_be_visible(timeout=30_000)
    expect(page.locator('a[href*="Actors?"][href*="actor="]').first).to_be_visible(timeout=30_000)
    page.wait_for_timeout(1500)
    tall_screenshot(page, "actors-network")
    # The open tab is in the address: the link reopens the network, in a fresh page too.
    assert "tab=Network" in page.url
    page.goto(page.url)
    wait_for_app(page)
    expect(page.get_by_text("Strongest pairs")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("tab", name="Network")).to_have_attribute("aria-selected", "true")


def test_term_view_link(app_server, page):
    page.goto(f"{app_server}/Terms?term=imperialism")
    wait_for_app(page)
    expect(page.locator("h2").filter(has_text="imperialism").first).to_be_visible(timeout=30_000)
    first_line = page.locator("table.pl-kwic tr").first
    expect(first_line).to_contain_text("mperialism", timeout=30_000)
    keywords = page.locator("table.pl-kwic td.pl-k").all_inner_texts()
    assert keywords and all(k.lower() == "imperialism" for k in keywords)
    href = page.locator("table.pl-kwic td.pl-a a").first.get_attribute("href")
    assert "Document?" in href and "doc=" in href and "at=" in href
    expect(page.locator(CHART).first).to_be_visible(timeout=30_000)
    tall_screenshot(page, "terms-imperialism")
    assert page.dialogs == []


def test_terms_overview_and_clouds(app_server, page):
    page.goto(f"{app_server}/Terms?org=WSWS&org=RCG")
    wait_for_app(page)
    expect(page.locator(CHART).first).to_be_visible(timeout=30_000)
    tall_screenshot(page, "terms-top")
    page.get_by_role("tab", name="Distinctive terms").click()
    page.wait_for_timeout(1500)
    tall_screenshot(page, "terms-distinctive")
    page.get_by_role("tab", name="Word clouds").click()
    expect(page.locator('[data-testid="stImage"] img').first).to_be_visible(timeout=30_000)
    tall_screenshot(page, "terms-clouds")
