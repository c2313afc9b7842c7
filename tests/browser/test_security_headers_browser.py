"""The README's reverse-proxy headers (issue 15) against the real app in Chromium: every page works under the
Content-Security-Policy with nothing blocked, and no page makes a request to another site.

The headers are read from the README's nginx block and added to every response of the app (Playwright
routes stand in for nginx; the same policy was checked through nginx 1.22 by hand).
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
import streamlit
from playwright.sync_api import Error as PlaywrightError

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, wait_for_app

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
PAGES = ["/", "/Document?doc=rcg-2025-08-ukraine-negotiations-stalemate", "/Compare", "/Terms?term=war",
         "/Actors?tab=Network", "/Corpus"]


def readme_headers() -> dict[str, str]:
    block = re.search(r"```nginx\n(.*?)```", README, re.S).group(1)
    return {name: value for name, value in re.findall(r'add_header\s+([\w-]+)\s+"([^"]*)"\s+always;', block)}


def inline_script_hashes() -> set[str]:
    """sha256 sources of the inline scripts of the installed Streamlit's index.html."""
    page = (Path(streamlit.__file__).parent / "static" / "index.html").read_text(encoding="utf-8")
    bodies = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", page, re.S)
    return {"sha256-" + base64.b64encode(hashlib.sha256(b.encode()).digest()).decode() for b in bodies}


def test_the_policy_allows_exactly_streamlits_inline_script():
    csp = readme_headers()["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", csp).group(1).split()
    allowed = {s.strip("'") for s in script_src if s.startswith("'sha256-")}
    assert allowed == inline_script_hashes(), "Streamlit's index.html changed: update the README's script-src hash"
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src


@pytest.mark.browser
def test_every_page_works_under_the_readme_headers(app_server, browser):
    headers = readme_headers()
    assert {"Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options"} <= set(headers)
    origin = urlparse(app_server).netloc
    # A document fulfilled by a route counts as coming from outside the machine for Chromium's local
    # network checks, which would then block its WebSocket to the loopback app (nginx does not have this).
    own = browser.browser_type.launch(executable_path=CHROMIUM, headless=True,
                                      args=[*CHROMIUM_ARGS, "--disable-features=LocalNetworkAccessChecks"])
    context = own.new_context(viewport={"width": 1400, "height": 1000})
    outside: list[str] = []
    blocked: list[str] = []

    def add_headers(route):
        if urlparse(route.request.url).netloc != origin:
            outside.append(route.request.url)
            route.abort()
            return
        for attempt in range(3):
            try:
                response = route.fetch()
                break
            except PlaywrightError as exc:
                # A kept-alive connection the app closed meanwhile (uvicorn's 5 s keep-alive on a busy
                # machine): a proxy tries an idempotent GET again on a new one, and so does this stand-in.
                if "ECONNRESET" not in str(exc) and "socket hang up" not in str(exc) or attempt == 2:
                    raise
        route.fulfill(response=response, headers={**response.headers, **headers})

    context.route("**/*", add_headers)
    try:
        for path in PAGES:
            pg = context.new_page()
            pg.on("console", lambda m: blocked.append(f"{m.text[:200]}") if "Content Security Policy" in m.text
                  else None)
            response = pg.goto(app_server + path)
            assert response.headers.get("x-frame-options") == "DENY"
            wait_for_app(pg)
            assert pg.locator("h1").count() >= 1, path  # the page drew its title: its scripts ran
            assert not pg.locator('[data-testid="stException"]').count(), path
            pg.close()
    finally:
        context.close()
        own.close()
    assert blocked == [], blocked
    assert outside == [], outside  # no font, icon or script from another site (the favicon used to be)
