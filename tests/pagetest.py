"""Helpers for page tests with AppTest (start from app.py, then switch to the page).

A page script run alone cannot resolve ``st.page_link``; DESIGN.md asks every page test
to start from app.py. Query parameters are set before the first run so the page sees
them as a shared link would.
"""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")


def run_page(page: str | None = None, *, timeout: float = 180, **params: str | list[str]) -> AppTest:
    """Run ``page`` (a script path such as "pages/3_Terms.py", or None for the overview)
    with the given query parameters and return the finished AppTest."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    for name, value in params.items():
        at.query_params[name] = value
    if page:
        at.switch_page(page)
    at.run()
    return at
