"""In Chromium: a first visit to an unannotated corpus shows the build's progress and the page fills
in by itself when the build (in its own process) is done — no reload, no page run waiting on it."""

from __future__ import annotations

import subprocess

import pytest
from playwright.sync_api import expect

from lib.store import build
from tests.browser.conftest import ARTIFACTS, screenshot, start_streamlit, wait_for_app
from tests.pages.test_build_wait import small_corpus

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def fresh_server(tmp_path_factory):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    base_dir = tmp_path_factory.mktemp("fresh-build")
    corpus = small_corpus(base_dir / "corpus", 60)
    cache = base_dir / "cache"
    proc, base = start_streamlit({"CORPUS_DIR": str(corpus), "PARTY_LINES_CACHE": str(cache),
                                  "PARTY_LINES_ALLOW_WRITES": ""})
    yield base, corpus, cache
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def test_the_page_says_what_it_waits_for_then_fills_in(fresh_server, page):
    base, corpus, cache = fresh_server
    page.goto(f"{base}/Terms")
    expect(page.get_by_text("Preparing names, terms and counts for this corpus")).to_be_visible(timeout=60_000)
    screenshot(page, "build-waiting")
    # No reload: the progress box polls and reruns the page when the build's manifest is there.
    expect(page.get_by_text("Preparing names, terms and counts for this corpus")).to_have_count(0, timeout=240_000)
    wait_for_app(page)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=60_000)
    screenshot(page, "build-done")
    assert build.current(corpus, cache).matches(corpus) and not build.is_running(corpus, cache)
