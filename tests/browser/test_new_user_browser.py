"""What a new user hits (issue 16), in real Chromium: a phone's width (item 5), reading a linked
passage and going through search hits (item 6), an unknown page (item 10), nothing fetched from
outside the app (item 11). The page-level half is tests/pages/test_pages_new_user.py.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot, wait_for_app

pytestmark = pytest.mark.browser

LONG_DOC = "cpgbml-2025-04-05-russia-closes-on-victory"  # 11,647 characters: two reader pages
OTHER_DOC = "rcg-2025-08-ukraine-negotiations-stalemate"
PAGES = {
    "Overview": "/",
    "Document": f"/Document?doc={LONG_DOC}&q=war",
    "Compare": f"/Compare?a={LONG_DOC}&b={OTHER_DOC}&term=war",
    "Terms": "/Terms?q=war",
    "Actors": "/Actors",
    "Positions": "/Positions",
    "Corpus": "/Corpus",
}
PHONE = {"width": 390, "height": 844}

# Every plotly chart of the page: its title, toolbar (shown by hovering) and legend boxes, and
# whether one covers another.
CHART_BOXES = """() => {
  const box = e => { if (!e) return null; const r = e.getBoundingClientRect();
                     return r.width && r.height ? r : null; };
  const overlap = (a, b) => !!(a && b && a.left < b.right - 1 && b.left < a.right - 1
                               && a.top < b.bottom - 1 && b.top < a.bottom - 1);
  return [...document.querySelectorAll('.js-plotly-plot')].map(plot => {
    const title = box(plot.querySelector('.gtitle')), bar = box(plot.querySelector('.modebar'));
    const legend = box(plot.querySelector('.legend .bg')), outer = box(plot);
    return {title: (plot.querySelector('.gtitle') || {}).textContent || '', hasBar: !!bar,
            barOverTitle: overlap(title, bar), legendOverTitle: overlap(title, legend),
            titleOutside: !!(title && outer && (title.right > outer.right + 1 || title.left < outer.left - 1))};
  });
}"""


def _visit(pg, base: str, address: str) -> None:
    pg.goto(base + address)
    wait_for_app(pg)


def _no_exception(pg) -> None:
    assert pg.locator('[data-testid="stException"]').count() == 0


@pytest.fixture()
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    pg = context.new_page()
    pg.set_default_timeout(90_000)
    yield pg
    context.close()


class TestPhone:
    """Item 5: every page at 390 px."""

    @pytest.mark.parametrize("name", list(PAGES))
    def test_every_page_at_390_px(self, app_server, phone, name):
        _visit(phone, app_server, PAGES[name])
        _no_exception(phone)
        # Nothing wider than the screen: the page does not scroll sideways.
        width = phone.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollWidth")
        assert width <= PHONE["width"] + 1, f"{name} is {width} px wide on a {PHONE['width']} px screen"
        charts = phone.locator(".js-plotly-plot")
        for k in range(charts.count()):  # the toolbar shows on hover (a tap on a phone)
            charts.nth(k).scroll_into_view_if_needed()
            charts.nth(k).hover()
            phone.wait_for_timeout(250)
            found = phone.evaluate(CHART_BOXES)[k]
            assert found["hasBar"], found
            assert not found["barOverTitle"], f"{name}: the chart toolbar covers “{found['title']}”"
            assert not found["legendOverTitle"], f"{name}: a legend covers “{found['title']}”"
            assert not found["titleOutside"], f"{name}: “{found['title']}” runs off the chart"
        screenshot(phone, f"phone-{name.lower()}")

    def test_concordance_keeps_its_left_context(self, app_server, phone):
        _visit(phone, app_server, "/Terms?q=war")
        lines = phone.locator("table.pl-kwic tr")
        expect(lines.first).to_be_visible(timeout=30_000)
        widths = phone.evaluate("""() => [...document.querySelectorAll('table.pl-kwic td.pl-l')]
                                   .map(td => td.getBoundingClientRect().width)""")
        assert widths and min(widths) >= 0.6 * PHONE["width"], f"left context only {min(widths):.0f} px wide"
        # and what shows of it is words, not 2-3 characters: the cell shows its last ~30 characters at least
        shown = phone.evaluate("""() => { const td = document.querySelector('table.pl-kwic td.pl-l');
            const span = td.querySelector('span'); const chars = span.textContent.length;
            return Math.min(chars, Math.floor(chars * td.getBoundingClientRect().width
                                              / Math.max(span.getBoundingClientRect().width, 1))); }""")
        assert shown >= 30, shown


class TestReading:
    """Item 6: a linked passage is on screen; search hits are listed, stepped through and marked."""

    def test_link_to_a_passage_scrolls_to_it(self, app_server, page):
        _visit(page, app_server, f"/Document?doc={LONG_DOC}&at=11000")  # near the end of the text
        passage = page.locator("[data-offset] mark.pl-at")
        expect(passage).to_have_count(1, timeout=30_000)
        page.wait_for_timeout(2500)  # the charts above the reader settle; the script follows the passage
        top, bottom, height = page.evaluate("""() => { const r = document.querySelector('[data-offset] mark.pl-at')
            .getBoundingClientRect(); return [r.top, r.bottom, window.innerHeight]; }""")
        assert 0 <= top and bottom <= height, f"the passage is at {top:.0f}-{bottom:.0f} px, the window {height} px"
        screenshot(page, "document-passage-in-view")

    @pytest.mark.parametrize("theme", ["light", "dark"])
    def test_hits_marked_and_stepped_through(self, app_server, browser, theme):
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, color_scheme=theme)
        pg = context.new_page()
        pg.set_default_timeout(90_000)  # the machine may be busy: a click waits for the app, not 30 s
        _visit(pg, app_server, f"/Document?doc={LONG_DOC}&q=war")
        hits = pg.locator("[data-offset] mark.pl-hit")
        expect(hits.first).to_be_visible(timeout=30_000)
        # Marked by more than a thin outline: a coloured wash behind the word.
        wash = hits.first.evaluate("e => getComputedStyle(e).backgroundColor")
        assert wash not in ("rgba(0, 0, 0, 0)", "transparent"), wash
        # Listed with their context.
        pg.get_by_text("Every hit in context").click()
        listed = pg.locator("table.pl-kwic tr")
        expect(listed.first).to_be_visible(timeout=10_000)
        caption = pg.get_by_text("hits in the document").first.inner_text()
        total = int(caption.split(":")[1].split("hit")[0].strip())
        assert listed.count() == total
        # Next, Next, Previous: the current hit is marked, on screen, and in the address.
        for label, expected in (("Next", 1), ("Next", 2), ("Previous", 1)):
            pg.get_by_role("button", name=label).click()
            wait_for_app(pg)
            expect(pg.locator("[data-offset] mark.pl-current")).to_have_count(1, timeout=90_000)
            assert parse_qs(urlparse(pg.url).query).get("hit") == [str(expected)], pg.url
        pg.wait_for_timeout(2000)
        top, bottom, height = pg.evaluate("""() => { const r = document.querySelector('[data-offset] mark.pl-current')
            .getBoundingClientRect(); return [r.top, r.bottom, window.innerHeight]; }""")
        assert 0 <= top and bottom <= height
        current = pg.locator("[data-offset] mark.pl-current").evaluate("e => getComputedStyle(e).backgroundColor")
        assert current != wash  # the current hit stands out from the others
        screenshot(pg, f"document-hits-{theme}")
        context.close()


class TestUnknownPage:
    """Item 10: an unknown page name says so and offers the pages."""

    def test_unknown_page_is_named_and_the_pages_offered(self, app_server, page):
        _visit(page, app_server, "/NoSuchPage")
        body = page.locator('[data-testid="stMain"]')
        expect(body).to_contain_text("There is no page “NoSuchPage”", timeout=30_000)
        main_links = page.locator('[data-testid="stMain"] a[data-testid="stPageLink-NavLink"]')
        assert {"Terms", "Compare", "Corpus"} <= {t.strip().splitlines()[-1] for t in main_links.all_inner_texts()}

    def test_the_overview_itself_says_nothing(self, app_server, page):
        _visit(page, app_server, "/")
        assert "There is no page" not in page.locator('[data-testid="stMain"]').inner_text()


class TestOffline:
    """Item 11: a visit to each page makes no request to another host (fonts, icons, scripts)."""

    @pytest.mark.parametrize("theme", ["light", "dark"])
    def test_every_request_goes_to_the_app(self, app_server, browser, theme):
        own = urlparse(app_server).netloc
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, color_scheme=theme)
        pg = context.new_page()
        requests: list[str] = []
        pg.on("request", lambda r: requests.append(r.url))
        for address in PAGES.values():
            _visit(pg, app_server, address)
            charts = pg.locator(".js-plotly-plot")
            if charts.count():  # the toolbar's icons are drawn on hover
                charts.first.hover()
                pg.wait_for_timeout(300)
        assert requests, "no request was recorded"
        outside = sorted({u for u in requests if urlparse(u).scheme in ("http", "https", "ws", "wss")
                          and urlparse(u).netloc != own})
        assert not outside, outside
        icon = pg.evaluate("() => [...document.querySelectorAll('link[rel~=icon]')].map(l => l.href)")
        assert icon and all(urlparse(h).netloc == own or h.startswith("data:") for h in icon), icon
        context.close()
