"""The Terms page's statistics controls in real Chromium: each one set by a click lands in the
address, and the address opened in a fresh browser (no shared state) shows the same settings."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot, wait_for_app

pytestmark = pytest.mark.browser


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def fresh(browser, url: str):
    """The address in a new browser context: no cookies, no session, nothing remembered."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.goto(url)
    wait_for_app(pg)
    return context, pg


def settle(pg) -> None:
    pg.wait_for_timeout(600)  # the rerun a change starts
    wait_for_app(pg)


def number(pg, label: str):
    return pg.locator('[data-testid="stNumberInput"]').filter(has_text=label).locator("input")


def set_number(pg, label: str, value: int) -> None:
    box = number(pg, label)
    box.fill(str(value))
    box.press("Enter")
    settle(pg)


def click(pg, role: str, name: str) -> None:
    """Click a tab, or the visible label of a radio option or a toggle (their inputs are hidden)."""
    target = pg.get_by_role(role, name=name, exact=True)
    if role == "radio":
        target = pg.locator('[data-testid="stRadioOption"]').filter(has=target)
    elif role == "switch":
        target = pg.locator('[data-testid="stCheckbox"] label').filter(has=target)
    target.click()
    settle(pg)


def choose(pg, widget: str, label: str, option: str) -> None:
    """Pick an option of a selectbox or multiselect by its visible text."""
    pg.locator(f'[data-testid="{widget}"]').filter(has_text=label).locator("input").click()
    pg.get_by_role("option", name=option, exact=True).click()
    pg.keyboard.press("Escape")
    settle(pg)


def test_term_view_settings_survive_a_fresh_browser(app_server, page, browser):
    page.goto(f"{app_server}/Terms?term=imperialism&section=Clusters")
    wait_for_app(page)
    # Clusters
    # The settings' Length has a "3 words" choice too: the one meant is the clusters' own (clen).
    page.get_by_role("tabpanel", name="Clusters").locator("label").filter(has_text="3 words").click()
    set_number(page, "Minimum frequency", 3)
    # Collocates
    click(page, "tab", "Collocates")
    left = page.get_by_role("slider", name="Words to the left")
    left.focus()
    left.press("ArrowLeft")
    left.press("ArrowLeft")
    settle(page)
    right = page.get_by_role("slider", name="Words to the right")
    right.focus()
    right.press("ArrowRight")
    settle(page)
    click(page, "radio", "MI")
    set_number(page, "Minimum co-occurrences", 3)
    set_number(page, "Minimum collocate frequency", 2)
    click(page, "switch", "Each organisation side by side")
    # Use over time
    click(page, "tab", "Use over time")
    click(page, "radio", "month")
    terms_box = page.get_by_role("textbox", name="Compare with")
    terms_box.fill("nato, russia")
    terms_box.press("Enter")
    settle(page)
    click(page, "switch", "All organisations together")

    got = query(page.url)
    assert {k: got.get(k) for k in ("clen", "clmin", "wl", "wr", "stat", "cmin", "fmin", "byorg", "per", "vs",
                                    "pool")} == {
        "clen": ["3"], "clmin": ["3"], "wl": ["3"], "wr": ["6"], "stat": ["mi"], "cmin": ["3"], "fmin": ["2"],
        "byorg": ["1"], "per": ["month"], "vs": ["nato, russia"], "pool": ["1"]}

    context, pg = fresh(browser, page.url)
    try:
        expect(pg.get_by_role("radio", name="month", exact=True)).to_be_checked()
        expect(pg.get_by_role("textbox", name="Compare with")).to_have_value("nato, russia")
        expect(pg.get_by_role("switch", name="All organisations together")).to_be_checked()
        expect(pg.locator('[data-testid="stPlotlyChart"] .main-svg').first).to_be_visible(timeout=30_000)
        click(pg, "tab", "Collocates")
        assert pg.get_by_role("slider", name="Words to the left").get_attribute("aria-valuetext") == "3"
        assert pg.get_by_role("slider", name="Words to the right").get_attribute("aria-valuetext") == "6"
        expect(pg.get_by_role("radio", name="MI", exact=True)).to_be_checked()
        expect(number(pg, "Minimum co-occurrences")).to_have_value("3")
        expect(number(pg, "Minimum collocate frequency")).to_have_value("2")
        expect(pg.get_by_role("switch", name="Each organisation side by side")).to_be_checked()
        click(pg, "tab", "Clusters")
        expect(pg.get_by_role("tabpanel", name="Clusters").get_by_role("radio", name="3 words", exact=True)).to_be_checked()
        expect(number(pg, "Minimum frequency")).to_have_value("3")
    finally:
        context.close()


def test_keyness_settings_survive_a_fresh_browser(app_server, page, browser):
    page.goto(f"{app_server}/Terms?tab=Distinctive+terms")
    wait_for_app(page)
    choose(page, "stSelectbox", "Reference", "WSWS")
    click(page, "tab", "RCG")
    expect(page.get_by_text("RCG (1 document(s), 1,034 words) against WSWS")).to_be_visible(timeout=30_000)
    click(page, "radio", "two groups of organisations")
    choose(page, "stMultiSelect", "Group A", "RCG")
    choose(page, "stMultiSelect", "Group A", "WSWS")
    choose(page, "stMultiSelect", "Group B", "WPI")
    expect(page.get_by_text("RCG + WSWS (2 document(s)")).to_be_visible(timeout=30_000)
    screenshot(page, "terms-keyness-groups")

    got = query(page.url)
    # (the organisation tab is not drawn in the groups view, so its korg leaves the address)
    assert got.get("ref") == ["WSWS"] and got.get("kmode") == ["groups"]
    assert got.get("ga") == ["RCG", "WSWS"] and got.get("gb") == ["WPI"]

    context, pg = fresh(browser, page.url)
    try:
        expect(pg.get_by_role("radio", name="two groups of organisations", exact=True)).to_be_checked()
        expect(pg.get_by_text("RCG + WSWS (2 document(s), 2,742 words) against WPI")).to_be_visible(timeout=30_000)
        click(pg, "radio", "each organisation with a reference")  # the reference chosen before is still there
        expect(pg.get_by_text("CPGB-ML (1 document(s), 1,860 words) against WSWS")).to_be_visible(timeout=30_000)
    finally:
        context.close()
