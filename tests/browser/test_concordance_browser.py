"""The concordance in real Chromium: every control is in the address and a fresh browser gets the same view."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

from lib.analysis.query import RECORD_FIELDS
from tests.browser.conftest import screenshot, wait_for_app

pytestmark = pytest.mark.browser


def keywords(pg) -> list[str]:
    return pg.locator("table.pl-kwic td.pl-k").all_inner_texts()


def test_concordance_controls_survive_a_fresh_browser(app_server, browser, page):
    page.goto(f"{app_server}/Terms?q=US&case=1&width=3&sort=1R,node")
    wait_for_app(page)
    expect(page.locator("table.pl-kwic td.pl-k").first).to_be_visible(timeout=30_000)
    assert set(keywords(page)) == {"US"}
    # Changing a control writes it to the address.
    box = page.get_by_role("textbox", name="Concordance: find a word or phrase")
    box.fill("provok*")
    box.press("Enter")
    wait_for_app(page)
    expect(page.locator("table.pl-kwic td.pl-k").first).to_contain_text("provok", timeout=30_000)
    assert "q=provok" in page.url and "case=1" in page.url and "width=3" in page.url and "sort=1R" in page.url
    lines = keywords(page)
    right = page.locator("table.pl-kwic td.pl-r").all_inner_texts()
    assert lines and all(k.startswith("provok") for k in lines)
    assert all(len(r.split()) <= 4 for r in right)  # three words and their punctuation
    link = page.locator("table.pl-kwic td.pl-a a").first.get_attribute("href")
    assert "Document?" in link and "at=" in link
    screenshot(page, "terms-concordance")
    # A fresh browser (new context: no session) on the same address shows the same lines.
    fresh = browser.new_context(viewport={"width": 1400, "height": 1000})
    other = fresh.new_page()
    other.goto(page.url)
    wait_for_app(other)
    expect(other.locator("table.pl-kwic td.pl-k").first).to_be_visible(timeout=30_000)
    assert keywords(other) == lines
    expect(other.get_by_role("textbox", name="Concordance: find a word or phrase")).to_have_value("provok*")
    fresh.close()
    assert page.dialogs == []


def test_document_search_and_case_in_the_address(app_server, page):
    page.goto(f"{app_server}/Document?doc=wsws-2022-03-30-nz-iso-backs-us-nato&q=NATO&case=1")
    wait_for_app(page)
    # In the reader (the hits are also listed, in a closed expander, above it: issue 16).
    expect(page.locator("#pl-reader-doc mark.pl-hit").first).to_be_visible(timeout=30_000)
    # The legend's sample aside (and an empty mark a scrolled-away list may hold), every hit is "NATO".
    marked = {t for t in page.locator("#pl-reader-doc mark.pl-hit").all_inner_texts() if t.strip()} - {"search: NATO"}
    assert marked == {"NATO"}


def test_the_csv_has_every_line_made_on_click(app_server, page):
    page.goto(f"{app_server}/Terms?q=the&sort=1R")  # far more matches than the page shows
    wait_for_app(page)
    expect(page.locator("table.pl-kwic td.pl-k").first).to_be_visible(timeout=30_000)
    shown = page.locator("table.pl-kwic tr").count()
    caption = page.get_by_text("match(es) in").first.inner_text()
    total = int(caption.split(" match")[0].replace(",", ""))
    assert shown < total
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Download every line (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8-sig"))))
    assert len(rows) == total and list(rows[0]) == RECORD_FIELDS
    right = [r["right"].split()[0].strip(".,;:!?’”\"'").casefold() if r["right"].split() else "" for r in rows]
    assert right[:50] == sorted(right[:50])  # sorted by the first word on the right, as chosen
