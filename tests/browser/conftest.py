"""Real-browser fixtures: `streamlit run` on a free loopback port and Debian's Chromium via Playwright.

Playwright cannot download its own browsers here, so we launch /usr/bin/chromium. In CI
(PARTY_LINES_REQUIRE_BROWSER=1) a missing browser is a failure, never a skip.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import SHARED_CORPUS, build_store

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-quic", "--no-first-run", "--disable-dev-shm-usage"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _require_or_skip(reason: str) -> None:
    if os.environ.get("PARTY_LINES_REQUIRE_BROWSER"):
        pytest.fail(reason)
    pytest.skip(reason)


def start_streamlit(env_extra: dict[str, str] | None = None, cwd: Path = ROOT):
    """Start `streamlit run app.py` on a free port; return (process, base_url)."""
    port = _free_port()
    env = {**os.environ, **(env_extra or {})}
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none"]
    log = open(ARTIFACTS / f"streamlit-{port}.log", "w")  # closed with the process
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited early; see {log.name}")
        try:
            with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc, base
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise RuntimeError("streamlit did not become healthy in 120 s")


@pytest.fixture(scope="session")
def app_server():
    """Base URL of the app on the real corpus (one server for the whole session)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    build_store(SHARED_CORPUS)  # as `make run` does: the app reads the build, never annotates in a page run
    proc, base = start_streamlit()
    yield base
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        _require_or_skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _require_or_skip("playwright is not installed")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    """A fresh browser context (like a new browser: no shared state) and page."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.dialogs = dialogs  # tests assert no alert()/confirm() ever opened
    yield pg
    context.close()


def wait_for_app(pg, *, timeout: float = 60_000) -> None:
    """Wait until Streamlit has finished running the script (no running indicator, main block present)."""
    # stApp carries the script state; wait for a run to have finished and the page to settle.
    pg.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout)
    pg.wait_for_selector('[data-testid="stMainBlockContainer"]', timeout=timeout)
    # The state reads "notRunning" briefly before the first run starts too: require it to
    # hold across a pause before trusting it.
    for _ in range(int(timeout / 1000)):
        pg.wait_for_timeout(1000)
        if pg.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').count():
            pg.wait_for_timeout(300)
            if pg.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').count():
                return


def screenshot(pg, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    pg.screenshot(path=str(path), full_page=True)
    return path
