"""The overview in real Chromium: a shared link with ?org= shows only that organisation."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot, wait_for_app

pytestmark = pytest.mark.browser
ORGS = ("WPI", "CPGB-ML", "RCG", "WRP", "WSWS")
ORG_ROWS = '[data-testid="stPlotlyChart"] .ytick text'


def _listed_orgs(page) -> set[str]:
    # The documents table is a canvas grid (no DOM cells); the per-organisation charts beside
    # it name each organisation shown on their axis, which is what a person reads.
    chart = page.locator('[data-testid="stPlotlyChart"]').first  # words per organisation
    chart.scroll_into_view_if_needed(timeout=30_000)
    chart.locator(".ytick text").first.wait_for(state="attached", timeout=30_000)
    labels = page.locator(ORG_ROWS).evaluate_all("els => els.map(e => e.textContent || '')")
    return {org for text in labels for org in ORGS if text.startswith(org)}


def _documents_metric(page):
    return page.locator('[data-testid="stMetric"]').filter(has_text="Documents").locator(
        '[data-testid="stMetricValue"]')


def test_org_link_shows_only_that_organisation(app_server, page):
    page.goto(f"{app_server}/?org=RCG")
    wait_for_app(page)
    expect(_documents_metric(page)).to_have_text("1", timeout=30_000)
    assert _listed_orgs(page) == {"RCG"}
    # Its one document: the date the organisation chart writes beside RCG (the table is a canvas).
    assert any("2025-08" in t for t in page.locator(ORG_ROWS).evaluate_all("els => els.map(e => e.textContent)"))
    screenshot(page, "overview-org-RCG")
    assert page.dialogs == []


def test_same_link_in_new_browser_gives_same_view(app_server, browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.goto(f"{app_server}/?org=rcg")  # case-insensitive
    wait_for_app(pg)
    expect(_documents_metric(pg)).to_have_text("1", timeout=30_000)
    assert _listed_orgs(pg) == {"RCG"}
    context.close()


def test_filter_survives_navigation(app_server, page):
    page.goto(f"{app_server}/?org=WSWS&org=WRP")
    wait_for_app(page)
    expect(_documents_metric(page)).to_have_text("2", timeout=30_000)
    page.locator('[data-testid="stSidebar"] a[href^="Terms"]').click()
    page.wait_for_url("**/Terms?**")
    assert "org=WSWS" in page.url and "org=WRP" in page.url
    wait_for_app(page)
    page.locator('[data-testid="stSidebar"] a[data-testid="stPageLink-NavLink"]').filter(has_text="Overview").click()
    expect(_documents_metric(page)).to_have_text("2", timeout=30_000)
    assert _listed_orgs(page) == {"WSWS", "WRP"}


def test_unknown_org_shows_notice_not_traceback(app_server, page):
    page.goto(f"{app_server}/?org=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
    wait_for_app(page)
    expect(page.get_by_text("Unknown organisation", exact=False)).to_be_visible(timeout=30_000)
    expect(_documents_metric(page)).to_have_text("5", timeout=30_000)  # the unknown org is ignored
    body = page.locator("body").inner_text()
    assert "Traceback" not in body
    assert "<img src=x onerror=alert(1)>" in body  # shown as text, not markup
    assert page.locator('img[src="x"]').count() == 0
    assert page.dialogs == []


def _download(page, label: str) -> bytes:
    # CSVs are encoded on click (a deferred st.download_button): this is the path a user's click takes.
    button = page.get_by_role("button", name=label).first
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=60_000) as info:
        button.click()
    return Path(info.value.path()).read_bytes()


def test_downloads_are_the_tables_shown(app_server, page):
    page.goto(f"{app_server}/?org=RCG")
    wait_for_app(page)
    data = _download(page, "Download the documents table with texts (CSV)")
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets read the accents right
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r["org_short"] for r in rows] == ["RCG"]  # the filtered table, as the page showed it
    assert "imperialist negotiations" in rows[0]["title"] and len(rows[0]["text"]) > 1000

    page.goto(f"{app_server}/Terms?org=WSWS")
    wait_for_app(page)
    terms = list(csv.DictReader(io.StringIO(_download(page, "Download all terms (CSV)").decode("utf-8-sig"))))
    assert {"term", "count"} <= set(terms[0]) and len(terms) > 100
    assert any(t["term"] == "imperialism" for t in terms)
    assert page.dialogs == []
