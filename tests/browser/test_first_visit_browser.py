"""What a new user sees, in Chromium at 1440 px and 390 px, light and dark (issue 16, items 1–4, 7):
the Overview's first links whole, time axes with their gap years, and no two labels of a heatmap
or of the actor network drawn over each other."""

from __future__ import annotations

import math

import pytest

from tests.browser.conftest import screenshot, wait_for_app

pytestmark = pytest.mark.browser
SIZES = [(1440, "light"), (390, "dark")]


def _open(browser, base: str, path: str, width: int, scheme: str):
    context = browser.new_context(viewport={"width": width, "height": 1000}, color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{base}/{path}")
    wait_for_app(page)
    return context, page


def _boxes(scope, selector: str) -> list[dict]:
    """Screen boxes and rotation of the SVG texts matched inside ``scope`` (empty texts left out)."""
    return scope.locator(selector).evaluate_all("""els => els.filter(e => e.textContent.trim()).map(e => {
        const r = e.getBoundingClientRect();
        const t = (e.getAttribute('transform') || '') + ' ' + (e.parentNode.getAttribute('transform') || '');
        const m = t.match(/rotate\\((-?[0-9.]+)/);
        return {text: e.textContent, x0: r.left, y0: r.top, x1: r.right, y1: r.bottom,
                angle: m ? parseFloat(m[1]) : 0, size: parseFloat(getComputedStyle(e).fontSize) || 12};
    })""")


def _overlapping(boxes: list[dict]) -> list[tuple[str, str]]:
    """Pairs of labels drawn over each other. Parallel rotated labels (axis ticks at an angle)
    are apart when their baselines are: the distance between anchors across the writing direction."""
    bad = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if a["angle"] and a["angle"] == b["angle"]:
                # A label written at an angle ends at its tick (plotly anchors it there).
                end = "x1" if a["angle"] < 0 else "x0"
                across = abs(a[end] - b[end]) * abs(math.sin(math.radians(a["angle"])))
                if across < 0.8 * a["size"]:
                    bad.append((a["text"], b["text"]))
            elif a["x0"] < b["x1"] - 1 and b["x0"] < a["x1"] - 1 and a["y0"] < b["y1"] - 1 and b["y0"] < a["y1"] - 1:
                bad.append((a["text"], b["text"]))
    return bad


@pytest.mark.parametrize(("width", "scheme"), SIZES)
def test_overview_orients(app_server, browser, width, scheme):
    context, page = _open(browser, app_server, "", width, scheme)
    try:
        body = page.locator("body").inner_text()
        assert "How the left writes about the war in Ukraine" in body and "Where to start" in body
        # The first links are whole (a link cut to "Which words does each orga…" says nothing).
        cut = page.eval_on_selector_all('[data-testid="stMainBlockContainer"] [data-testid="stPageLink-NavLink"] p',
                                        "els => els.filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent)")
        assert cut == []
        chart = page.locator('[data-testid="stPlotlyChart"]', has_text="Documents per year")
        chart.scroll_into_view_if_needed()
        chart.locator(".xtick text").first.wait_for(timeout=30_000)
        ticks = chart.locator(".xtick text").evaluate_all("els => els.map(e => e.textContent)")
        assert "2023" in ticks and "2024" in ticks  # years with no document are on the time axis
        screenshot(page, f"first-visit-overview-{width}-{scheme}")
    finally:
        context.close()


@pytest.mark.parametrize(("width", "scheme"), SIZES)
@pytest.mark.parametrize(("path", "title", "labels"), [
    ("Terms?tab=Term+%C3%97+document", "Top terms in each document", ".xtick text"),
    ("Compare", "Similarity of", ".xtick text"),
    ("Actors?tab=Network", "Named in the same sentence", ".textpoint text")])
def test_no_labels_drawn_over_each_other(app_server, browser, width, scheme, path, title, labels):
    context, page = _open(browser, app_server, path, width, scheme)
    name = path.split("?")[0].lower()
    try:
        chart = page.locator('[data-testid="stPlotlyChart"]', has_text=title)
        chart.scroll_into_view_if_needed()
        chart.locator(labels).first.wait_for(timeout=30_000)
        page.wait_for_timeout(500)
        boxes = _boxes(chart, labels)
        assert len(boxes) >= 5
        assert _overlapping(boxes) == []
        screenshot(page, f"first-visit-{name}-{width}-{scheme}")
    finally:
        context.close()
