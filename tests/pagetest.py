"""Helpers for page tests with AppTest (start from app.py, then switch to the page).

A page script run alone cannot resolve ``st.page_link``; DESIGN.md asks every page test
to start from app.py. Query parameters are set before the first run so the page sees
them as a shared link would.
"""

from __future__ import annotations

import time
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


def upload_jobs(at: AppTest) -> dict:
    """The session's upload jobs (sha256 → lib.store.upload_worker.UploadJob)."""
    try:
        return dict(at.session_state["_pl_upload_jobs"])
    except KeyError:
        return {}


def wait_for_uploads(at: AppTest, *, until: str = "checked", timeout: float = 600) -> AppTest:
    """Wait for this session's upload workers, then run the page again (as its progress box would).

    ``until``: "checked" — every job has read its file (or stopped); "done" — every job has finished.
    A page never waits like this; a test stands in for the browser's timer.
    """
    deadline = time.monotonic() + timeout
    for job in upload_jobs(at).values():
        while time.monotonic() < deadline:
            stage = job.status().stage
            if stage not in ("queued", "preparing") and (until == "checked" or job.status().finished):
                break
            time.sleep(0.2)
    at.run()
    return at
