"""Screenshots of every page at 1440 px and 390 px, light and dark, into docs/screenshots/.

    .venv/bin/python docs/take_screenshots.py [--corpus corpus] [--out docs/screenshots] [--pages Overview,Terms]

Starts the app (``streamlit run app.py``) on a free 127.0.0.1 port after building the corpus's
store (as ``make run`` does), visits each page with a link that shows its main view in Debian's
Chromium, and writes ``<page>-<width>-<theme>.png``. The theme is the browser's colour scheme
(Streamlit follows it when no theme is fixed in .streamlit/config.toml). A full page at 390 px
is tall: the picture is cut at MAX_HEIGHT pixels and saved as an 8-bit palette PNG to stay small.
"""

from __future__ import annotations

import argparse
import io
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-quic", "--no-first-run", "--disable-dev-shm-usage"]
WIDTHS = (1440, 390)
THEMES = ("light", "dark")
MAX_HEIGHT = 4000  # CSS pixels of a page kept in its picture (the top is what a reader meets first)


def views(corpus: Path) -> dict[str, str]:
    """Page name → the address (path and query) that shows its main view on this corpus."""
    from lib.ingest.corpus import load_corpus

    docs = load_corpus(corpus).documents
    ids = list(docs["doc_id"])
    first = ids[0] if ids else ""
    second = ids[1] if len(ids) > 1 else first
    at = min(400, max(len(str(docs["text"].iloc[0])) - 1, 0)) if ids else 0
    return {
        "Overview": "/",
        "Document": f"/Document?doc={first}&at={at}&q=war",
        "Compare": f"/Compare?a={first}&b={second}&term=war",
        "Terms": "/Terms?q=war",
        "Actors": "/Actors",
        "Positions": "/Positions",
        "Corpus": "/Corpus",
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(corpus: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {**os.environ, "CORPUS_DIR": str(corpus)}
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit("streamlit exited early")
        try:
            with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc, base
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("streamlit did not start in 120 s")


def settle(pg, timeout_s: float = 90) -> None:
    """Wait until the script has run and stayed finished for a moment (charts drawn)."""
    ready = '[data-testid="stApp"][data-test-script-state="notRunning"]'
    busy = '[data-testid="stSpinner"], [data-testid="stSkeleton"], [data-stale="true"]'  # grey placeholders
    pg.wait_for_selector(ready, timeout=timeout_s * 1000)
    for _ in range(int(timeout_s)):
        pg.wait_for_timeout(1000)
        if pg.locator(ready).count() and not pg.locator(busy).count():
            pg.wait_for_timeout(800)
            if pg.locator(ready).count() and not pg.locator(busy).count():
                return


def full_height(pg, width: int) -> bytes:
    """The whole page: Streamlit scrolls inside its main section, not the window, so a "full page"
    shot holds one screen; the window is made as tall as that section's content instead."""
    height = pg.evaluate("""() => Math.max(document.body.scrollHeight,
        ...[...document.querySelectorAll('[data-testid="stMain"], [data-testid="stAppViewContainer"]')]
            .map(e => e.scrollHeight))""")
    pg.set_viewport_size({"width": width, "height": int(min(max(height, 900), MAX_HEIGHT))})
    pg.wait_for_timeout(1500)  # charts resize to the new window
    settle(pg)
    return pg.screenshot()


def save_png(data: bytes, path: Path) -> None:
    """Cut to MAX_HEIGHT (in device pixels) and quantise to 256 colours: a tenth of the size, same look."""
    from PIL import Image

    image = Image.open(io.BytesIO(data)).convert("RGB")
    if image.height > MAX_HEIGHT:
        image = image.crop((0, 0, image.width, MAX_HEIGHT))
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--pages", default="", help="comma-separated page names (default: every page)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    from lib.store import build

    build.build(args.corpus.resolve(), block=True)  # the app reads the build; it never annotates in a page
    wanted = [p.strip() for p in args.pages.split(",") if p.strip()]
    addresses = {k: v for k, v in views(args.corpus.resolve()).items() if not wanted or k in wanted}
    args.out.mkdir(parents=True, exist_ok=True)
    proc, base = start_app(args.corpus.resolve())
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            for theme in THEMES:
                for width in WIDTHS:
                    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=theme,
                                                  device_scale_factor=1)
                    pg = context.new_page()
                    for name, address in addresses.items():
                        pg.goto(base + address)
                        settle(pg)
                        path = args.out / f"{name.lower()}-{width}-{theme}.png"
                        save_png(full_height(pg, width), path)
                        pg.set_viewport_size({"width": width, "height": 900})
                        print(f"{path.relative_to(ROOT)}  {path.stat().st_size // 1024} KB", file=sys.stderr)
                    context.close()
            browser.close()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
