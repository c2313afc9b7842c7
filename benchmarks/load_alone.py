"""Server CPU of single page views, one at a time, with rest before and after each.

A check of ``make load``'s "each page alone" figure (``benchmarks/LOAD.md``): every link of the
mix is warmed once, then viewed three times per round, two rounds, with 3 s of rest and
``settle()`` before each view, in a fresh browser context each time. Prints one line per view:
the server's CPU during the view, in the 3 s after it, and the time to a rendered page.

Usage::

    python -m benchmarks.load_alone [--corpus DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from pathlib import Path

from benchmarks import load

ROOT = Path(__file__).resolve().parents[1]


async def main(corpus: Path) -> None:
    from playwright.async_api import async_playwright

    links = load.shared_links(corpus)
    server = load.start_server(corpus, Path(tempfile.gettempdir()) / "load-alone-server.log")
    try:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=load.CHROMIUM, args=load.CHROMIUM_ARGS)
            for _page, path in links:
                await load.one_view(browser, server.base, path, 120)
            for rnd in range(2):
                for page, path in links:
                    for k in range(3):
                        await asyncio.sleep(3)
                        await server.settle()
                        before = server.cpu_seconds()
                        r = await load.one_view(browser, server.base, path, 120)
                        during = server.cpu_seconds()
                        await asyncio.sleep(3)
                        after = server.cpu_seconds()
                        print(f"{rnd} {page} {k} during {during - before:.3f} after {after - during:.3f} "
                              f"render {r['seconds'] or float('nan'):.2f}", flush=True)
            await browser.close()
    finally:
        server.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    asyncio.run(main(parser.parse_args().corpus))
