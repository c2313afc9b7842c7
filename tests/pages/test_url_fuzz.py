"""Every URL value is validated before a widget sees it (issue 15): hostile parameter sets on every page.

Parameter names are every name of ``lib/web/urls.py`` (a name added there is fuzzed at once);
values are markup, huge and negative numbers, dates outside every range, Unicode controls,
repeated and very long values, mixed with valid ones so the pages go past their first checks.
A seeded sample runs in ``make test``; ``make stress`` runs 300 sets (50 per page). Each set
must render with no exception and nothing turned into markup.
"""

from __future__ import annotations

import csv
import random
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib.web import urls
from tests.pages.test_hostile import markup_leaks
from tests.pagetest import APP

ROOT = Path(__file__).resolve().parents[2]
PAGES = list(urls.PAGES.values())
NAMES = sorted({value for key, value in vars(urls).items() if key.isupper() and isinstance(value, str)})

HOSTILE = [
    # markup of every kind the pages could render
    "<script>alert('xss-script')</script>", "<img src=x onerror=alert('xss-img')>", "[x](javascript:alert('xss-link'))",
    "$\\frac{1}{0}$", "$$x$$", ":red[x] :material/warning:", "**b** _i_ # h > q `c`", "<b>", "&lt;&amp;",
    # numbers: huge, negative, not quite numbers
    "-1", "0", "-0", "+5", " 3 ", "1.5", "1e308", "NaN", "inf", "0x1F", "1_000", "٣", "-99999999999999999999",
    "9" * 199, "9" * 250,
    # dates outside every range, and nearly dates
    "0001-01-01", "9999-12-31", "1799-12-31", "2101-01-01", "1800", "2100", "0000", "2024-13-45", "2024-02-30",
    "-2024-01-01", "2024-1-1", "20240101", "2024-W01-1", "２０２４",
    # control and invisible characters
    "\x00", "a\x00b", "\u202eabc\u202c", "\ufeff", "\u200b", "\x1b[31mred", "\r\n", "\t", "\u2028", "\x7f",
    # long and odd
    "x" * 10_000, "é" * 300, "𝕏" * 60, "", " ", "%00", "%3Cscript%3E", "../../etc/passwd", "' OR 1=1 --", "\\", "{}",
    "null", "undefined", "true", "None", ",", ",,,", "PERSON,,STATE,<b>",
]


def _plausible() -> list[str]:
    """Valid values, so a set also reaches the code behind the first checks."""
    with open(ROOT / "corpus" / "metadata.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    values = [r["id"] for r in rows] + [r["org_short"] for r in rows] + [r["organisation"] for r in rows]
    values += ["war", "nato", "imperialism", "the war", "NATO", "Russia", "Vladimir Putin", "United States",
               "word", "lemma", "1", "2", "3", "5", "10", "0", "PERSON", "STATE", "ORG,STATE", "people", "position",
               "left", "right", "0.05", "0.01", "2022", "2024-06", "2025-01-01", "Network", "Words", "Collocates"]
    return values


PLAUSIBLE = _plausible()


def parameter_set(rng: random.Random) -> dict[str, str | list[str]]:
    """One hostile set: a few names (from every name, not only the page's), each with one value or many."""
    out: dict[str, str | list[str]] = {}
    for name in rng.sample(NAMES, rng.randint(1, 8)):
        pick = (lambda: rng.choice(HOSTILE)) if rng.random() < 0.7 else (lambda: rng.choice(PLAUSIBLE))
        out[name] = [pick() for _ in range(rng.randint(2, 60))] if rng.random() < 0.15 else pick()
    return out


def cases(per_page: int, seed: int) -> list[tuple[str, int]]:
    return [(page, seed + k * len(PAGES) + i) for i, page in enumerate(PAGES) for k in range(per_page)]


def check(page: str, seed: int) -> None:
    params = parameter_set(random.Random(seed))
    at = AppTest.from_file(APP, default_timeout=300)
    for name, value in params.items():  # names such as "page" would collide with run_page's own arguments
        at.query_params[name] = value
    if page != "app.py":
        at.switch_page(page)
    at.run()
    shown = {k: (v[:40] if isinstance(v, str) else f"{len(v)} values") for k, v in params.items()}
    assert not at.exception, (seed, shown, [e.value for e in at.exception])
    assert markup_leaks(at) == [], (seed, shown)


def test_names_are_every_name_of_the_url_contract():
    assert {urls.ORG, urls.DATE_FROM, urls.DATE_TO, urls.DOC, urls.TERM, urls.ACTOR, urls.TAB} <= set(NAMES)
    assert len(NAMES) >= 30


@pytest.mark.parametrize(("page", "seed"), cases(per_page=2, seed=15_000), ids=lambda v: str(v))
def test_sample_of_hostile_sets(page, seed):
    check(page, seed)


@pytest.mark.stress
@pytest.mark.parametrize(("page", "seed"), cases(per_page=50, seed=1), ids=lambda v: str(v))
def test_300_hostile_sets(page, seed):
    check(page, seed)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("params", [{urls.DATE_FROM: "0001-01-01"}, {urls.DATE_TO: "9999-12-31"},
                                    {urls.DATE_FROM: "1799-12-31", urls.DATE_TO: "2101-01-01"}],
                         ids=["from-year-1", "to-year-9999", "both-just-outside"])
def test_dates_outside_the_widgets_range(page, params):
    """Issue 15: such a link crashed every page (Streamlit's date input raises outside 1800–2100)."""
    at = AppTest.from_file(APP, default_timeout=300)
    for name, value in params.items():
        at.query_params[name] = value
    if page != "app.py":
        at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("outside the dates this app handles (1800–2100)" in re.sub(r"\\(.)", r"\1", w.value) for w in at.warning)
