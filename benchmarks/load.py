"""``make load``: a class opening one shared link — server CPU per page view, time to a rendered page.

Starts ``streamlit run app.py`` on 127.0.0.1 (on the corpus ``CORPUS_DIR`` names, default
``corpus/``), warms it (one view of every link, so the measured views are those of visitors
who arrive after the first), then for each N opens N browser sessions at once — one Chromium,
N contexts — each on one link of a mix of shared links, and reports per page:

* server CPU seconds per view: user + system time of the server process and its children,
  read from the server's own process accounting (psutil) before and after, divided by the
  views; the browsers' CPU is not in it (it is reported separately: on a two-core machine
  30 Chromium tabs compete with the server, which is part of what a p95 shows);
* time to a rendered page: from navigation to the script run's end (Streamlit's status
  widget gone and the page's title drawn), median and p95;
* errors: an exception box on the page, or no rendered page within the time limit;
* the server's peak memory (RSS of the process tree, polled every 0.1 s), and what each
  session added to it (peak minus the memory before the round, over N): per-session state
  must stay small however many visitors arrive;
* of the server CPU per view, the part that is Streamlit's static files (the JavaScript,
  fonts and icons a first visit downloads, ~130 requests): measured by fetching the files one
  view loaded again over plain HTTP. It is the same for every page and not the app's work
  (a caching proxy in front of the server takes it over).

A second set of rounds replaces the browsers by **protocol clients** (``--clients``): each
visitor fetches the page and the static files a browser fetched for that link (recorded once),
opens Streamlit's websocket, asks for the run as the browser does (a ``rerun_script`` BackMsg
with the link's page and query) and reads every message until the run's ``script_finished``.
That is the server's side of a visit without a browser on the server's cores: thirty visitors
of a shared link each have their own computer, while here thirty Chromium tabs would take
most of the two cores (their CPU is reported with the browser rounds).

``--docs 1000`` measures on the 1,000-document benchmark corpus (``benchmarks.load_store``:
generated and its store composed once, under the bench folder) instead of ``--corpus``.

Bounded in time and count (``--timeout`` per view, N at most 60). Results go to
``benchmarks/LOAD.md`` (and ``benchmarks/load.json``).

Usage::

    python -m benchmarks.load [--sessions 1,10,30] [--corpus DIR | --docs 1000] [--label NAME] [--out FILE] [--append]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import psutil

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-quic", "--no-first-run", "--disable-dev-shm-usage"]
MAX_SESSIONS = 60


def log(message: str) -> None:
    sys.stderr.write(f"[load {time.strftime('%H:%M:%S')}] {message}\n")
    sys.stderr.flush()


def shared_links(corpus: Path) -> list[tuple[str, str]]:
    """A mix of the links people share, chosen from the corpus itself: (page, path?query)."""
    sys.path.insert(0, str(ROOT))
    from lib.ingest.corpus import load_corpus  # the loader the app uses, so ids are real

    docs = load_corpus(corpus).documents
    first, other = str(docs["doc_id"].iloc[0]), str(docs["doc_id"].iloc[min(1, len(docs) - 1)])
    org = str(docs["org_short"].iloc[0])
    text = str(docs["text"].iloc[0])
    at = max(text.find(". ") + 2, 0)
    links = [
        ("Overview", "/?" + urlencode({"org": org})),
        ("Document", "/Document?" + urlencode({"doc": first, "at": at})),
        ("Compare", "/Compare?" + urlencode({"a": first, "b": other})),
        ("Terms", "/Terms?" + urlencode({"term": "war"})),
        ("Actors", "/Actors?" + urlencode({"actor": "NATO"})),
    ]
    if any((ROOT / "pages").glob("*Positions*.py")):
        links.append(("Positions", "/Positions"))
    return links


@dataclass
class Server:
    proc: subprocess.Popen
    base: str
    peak_mb: float = 0.0
    _stop: threading.Event = field(default_factory=threading.Event)

    def tree(self) -> list[psutil.Process]:
        try:
            me = psutil.Process(self.proc.pid)
            return [me, *me.children(recursive=True)]
        except psutil.Error:
            return []

    def cpu_seconds(self) -> float:
        total = 0.0
        for p in self.tree():
            try:
                t = p.cpu_times()
                total += t.user + t.system + t.children_user + t.children_system
            except psutil.Error:
                pass
        return total

    def rss_mb(self) -> float:
        total = 0
        for p in self.tree():
            try:
                total += p.memory_info().rss
            except psutil.Error:
                pass
        return total / 1024 / 1024

    def watch(self) -> None:
        def loop() -> None:
            while not self._stop.is_set():
                self.peak_mb = max(self.peak_mb, self.rss_mb())
                time.sleep(0.1)
        threading.Thread(target=loop, daemon=True).start()

    async def settle(self, *, quiet: float = 0.02, step: float = 0.25, limit: float = 10.0) -> None:
        """Wait until the server is idle (under ``quiet`` CPU seconds in ``step``), at most ``limit`` s."""
        deadline = time.monotonic() + limit
        last = self.cpu_seconds()
        while time.monotonic() < deadline:
            await asyncio.sleep(step)
            now = self.cpu_seconds()
            if now - last < quiet:
                return
            last = now

    def reset_peak(self) -> None:
        self.peak_mb = self.rss_mb()

    def stop(self) -> None:
        self._stop.set()
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def start_server(corpus: Path, log_file: Path) -> Server:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "CORPUS_DIR": str(corpus)}
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log_file.open("w"), stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    import urllib.request

    deadline = time.time() + 180
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited early; see {log_file}")
        try:
            with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    server = Server(proc, base)
                    server.watch()
                    return server
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise RuntimeError("streamlit did not become healthy")


# The script run's end as the app root reports it (data-test-script-state: initial, running,
# notRunning): the status widget alone shows only after a delay, so a page whose title was drawn
# early looked rendered while its script was still running (and its CPU was counted to the next view).
RENDERED = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const running = document.querySelector('[data-testid="stStatusWidget"]');
  const title = document.querySelector('[data-testid="stMain"] h1');
  return !!app && app.getAttribute('data-test-script-state') === 'notRunning' && !running && !!title;
}"""


async def one_view(browser, base: str, path: str, timeout: float, static: list[str] | None = None) -> dict:
    """One visitor's first view of ``path`` in a fresh browser context (``static``: filled with the
    static files' addresses the view loaded)."""
    context = await browser.new_context(viewport={"width": 1440, "height": 900})
    page = await context.new_page()
    if static is not None:
        page.on("requestfinished", lambda r: static.append(r.url) if "/static/" in r.url else None)
    start = time.perf_counter()
    result = {"path": path, "seconds": None, "error": None}
    try:
        await page.goto(base + path, wait_until="domcontentloaded", timeout=timeout * 1000)
        await page.wait_for_selector('[data-testid="stMain"]', timeout=timeout * 1000)
        # The status widget appears only once the run started: wait for it to come and go.
        await page.wait_for_timeout(300)
        await page.wait_for_function(RENDERED, timeout=timeout * 1000, polling=100)
        result["seconds"] = time.perf_counter() - start
        if await page.locator('[data-testid="stException"]').count():
            result["error"] = "exception on the page"
    except Exception as exc:  # a timeout is a result too
        result["error"] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:120]}"
    finally:
        await context.close()
    return result


def browser_times() -> dict[int, float]:
    """CPU seconds so far of every Chromium process, by pid."""
    out = {}
    for p in psutil.process_iter(["name"]):
        if "chrom" in (p.info["name"] or "").lower():
            try:
                t = p.cpu_times()
                out[p.pid] = t.user + t.system + t.children_user + t.children_system
            except psutil.Error:
                pass
    return out


async def run_round(server: Server, links: list[tuple[str, str]], n: int, timeout: float) -> dict:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        plan = [links[i % len(links)] for i in range(n)]
        server.reset_peak()
        rss_before = server.rss_mb()
        cpu_before, b_before = server.cpu_seconds(), browser_times()
        t0 = time.perf_counter()
        results = await asyncio.gather(*(one_view(browser, server.base, path, timeout) for _, path in plan))
        wall = time.perf_counter() - t0
        await server.settle()  # the runs' last messages
        cpu = server.cpu_seconds() - cpu_before
        # Tabs that closed during the round took their CPU with them: count what the live ones used.
        b_cpu = sum(t - b_before.get(pid, 0.0) for pid, t in browser_times().items())
        await browser.close()
    per_page: dict[str, list[dict]] = {}
    for (page, _), r in zip(plan, results, strict=True):
        per_page.setdefault(page, []).append(r)
    return {"n": n, "wall": wall, "server_cpu": cpu, "browser_cpu": b_cpu, "peak_mb": server.peak_mb,
            "per_session_mb": max(server.peak_mb - rss_before, 0.0) / max(n, 1),
            "results": {p: rs for p, rs in per_page.items()}}


async def static_share(server: Server, path: str, timeout: float, repeat: int = 3) -> dict:
    """Server CPU of serving the static files one view of ``path`` loaded, fetched again over HTTP."""
    import urllib.request

    from playwright.async_api import async_playwright

    urls: list[str] = []
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        await one_view(browser, server.base, path, timeout, static=urls)
        await browser.close()
    await asyncio.sleep(0.5)
    size, cpu = 0, []
    for _ in range(repeat):
        before = server.cpu_seconds()
        size = 0
        for url in urls:
            with urllib.request.urlopen(url, timeout=timeout) as r:
                size += len(r.read())
        cpu.append(server.cpu_seconds() - before)
    return {"requests": len(urls), "mb": size / 1e6, "cpu": statistics.median(cpu)}


async def per_page_cpu(server: Server, links: list[tuple[str, str]], timeout: float, repeat: int) -> dict:
    """Server CPU of one view of each page, alone (sequential views, so the CPU is that page's)."""
    from playwright.async_api import async_playwright

    out: dict[str, list[float]] = {}
    times: dict[str, list[float]] = {}
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(repeat):
            for page, path in links:
                await server.settle()
                before = server.cpu_seconds()
                r = await one_view(browser, server.base, path, timeout)
                await server.settle()  # what the view left running is that view's work
                out.setdefault(page, []).append(server.cpu_seconds() - before)
                if r["seconds"] is not None:
                    times.setdefault(page, []).append(r["seconds"])
        await browser.close()
    return {p: {"cpu": statistics.median(v), "seconds": statistics.median(times.get(p, [float("nan")]))}
            for p, v in out.items()}


async def record_static(server: Server, links: list[tuple[str, str]], timeout: float) -> dict[str, list[str]]:
    """The static files a browser's first view of each link fetched (for the protocol clients)."""
    from playwright.async_api import async_playwright

    out: dict[str, list[str]] = {}
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _, path in links:
            urls: list[str] = []
            await one_view(browser, server.base, path, timeout, static=urls)
            out[path] = urls
        await browser.close()
    return out


async def protocol_view(base: str, path: str, static: list[str], timeout: float) -> dict:
    """One visitor's first view without a browser: the page and its static files over HTTP (six at
    a time, as a browser), then the script run over Streamlit's websocket until it finished."""
    import httpx
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    result: dict = {"path": path, "seconds": None, "error": None}
    start = time.perf_counter()
    page_name, _, query = path.lstrip("/").partition("?")
    try:
        async with asyncio.timeout(timeout):
            # The view's own limit, not httpx's default of 5 s (a busy server is slow, not failing).
            async with httpx.AsyncClient(limits=httpx.Limits(max_connections=6), timeout=timeout) as http:
                (await http.get(base + path)).raise_for_status()
                gate = asyncio.Semaphore(6)

                async def fetch(url: str) -> None:
                    async with gate:
                        try:
                            response = await http.get(url)
                        except (httpx.ReadError, httpx.RemoteProtocolError):
                            # The server closed a kept-alive connection (idle past its keep-alive
                            # time while the client waited its turn): a browser sends the GET again.
                            response = await http.get(url)
                        response.raise_for_status()

                await asyncio.gather(*(fetch(u) for u in static))
            msg = BackMsg()
            run = msg.rerun_script
            run.query_string, run.page_name = query, page_name
            run.context_info.timezone, run.context_info.locale, run.context_info.url = "UTC", "en-GB", base + path
            async with websockets.connect(base.replace("http", "ws", 1) + "/_stcore/stream", subprotocols=["streamlit"],
                                          origin=base, max_size=None) as ws:
                await ws.send(msg.SerializeToString())
                while True:
                    fm = ForwardMsg.FromString(await ws.recv())
                    kind = fm.WhichOneof("type")
                    if kind == "page_not_found":
                        result["error"] = "page not found"
                    elif (kind == "delta" and fm.delta.WhichOneof("type") == "new_element"
                          and fm.delta.new_element.WhichOneof("type") == "exception"):
                        result["error"] = "exception on the page"
                    elif kind == "script_finished" and fm.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                        break
        result["seconds"] = time.perf_counter() - start
    except Exception as exc:  # a timeout is a result too
        result["error"] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:120] if str(exc) else ''}"
    return result


async def run_protocol_round(server: Server, links: list[tuple[str, str]], n: int, static: dict[str, list[str]],
                             timeout: float) -> dict:
    plan = [links[i % len(links)] for i in range(n)]
    await server.settle()
    server.reset_peak()
    rss_before = server.rss_mb()
    cpu_before = server.cpu_seconds()
    t0 = time.perf_counter()
    results = await asyncio.gather(*(protocol_view(server.base, path, static.get(path, []), timeout)
                                     for _, path in plan))
    wall = time.perf_counter() - t0
    await server.settle()
    cpu = server.cpu_seconds() - cpu_before
    per_page: dict[str, list[dict]] = {}
    for (page, _), r in zip(plan, results, strict=True):
        per_page.setdefault(page, []).append(r)
    return {"n": n, "wall": wall, "server_cpu": cpu, "browser_cpu": 0.0, "peak_mb": server.peak_mb,
            "per_session_mb": max(server.peak_mb - rss_before, 0.0) / max(n, 1), "results": per_page}


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def render(label: str, corpus: Path, alone: dict, rounds: list[dict], static: dict | None = None,
           protocol: list[dict] | None = None) -> str:
    lines = [f"## {label} — corpus `{corpus}`", "",
             "Each page viewed alone (median of the repeats): server CPU per view and time to a rendered page.", "",
             "| page | server CPU per view (s) | rendered in (s) |", "|---|---:|---:|"]
    for page, v in alone.items():
        lines.append(f"| {page} | {v['cpu']:.2f} | {v['seconds']:.2f} |")
    mix = statistics.median(v["cpu"] for v in alone.values())
    lines += ["", f"Median over the mix: **{mix:.2f} s** of server CPU per view."]
    if static:
        lines += ["", f"Of which Streamlit's static files: {static['cpu']:.2f} s per view ({static['requests']} requests, "
                  f"{static['mb']:.1f} MB, fetched again over HTTP), so **{mix - static['cpu']:.2f} s** is the page's own "
                  "work (its script run and its messages)."]
    if rounds:
        lines += ["", "N browser sessions (one Chromium on this machine, N contexts) opening the mix at once:", ""]
        lines += _round_table(rounds, browsers=True)
    if protocol:
        lines += ["", "N protocol clients (no browser: each visitor's page, static files and script run, as from "
                  "their own computer) opening the mix at once; rendered = the run's last message received:", ""]
        lines += _round_table(protocol, browsers=False)
    return "\n".join(lines) + "\n"


def _round_table(rounds: list[dict], *, browsers: bool) -> list[str]:
    lines = ["| N | views | errors | server CPU per view (s) | rendered median (s) | p95 (s) | p95 ÷ N=1 median "
             "| server peak (MB) | added per session (MB) | " + ("browsers' CPU (s) | " if browsers else "") + "wall (s) |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|" + ("---:|" if browsers else "") + "---:|"]
    base_median = None
    for r in rounds:
        done = [x["seconds"] for rs in r["results"].values() for x in rs if x["seconds"] is not None]
        errors = sum(1 for rs in r["results"].values() for x in rs if x["error"])
        views = sum(len(rs) for rs in r["results"].values())
        med = statistics.median(done) if done else float("nan")
        if base_median is None:
            base_median = med
        lines.append(f"| {r['n']} | {views} | {errors} | {r['server_cpu'] / max(views, 1):.2f} | {med:.2f} | "
                     f"{p95(done) if done else float('nan'):.2f} | {(p95(done) / base_median) if done else float('nan'):.1f}× | "
                     f"{r['peak_mb']:.0f} | {r.get('per_session_mb', float('nan')):.1f} | "
                     + (f"{r['browser_cpu']:.1f} | " if browsers else "") + f"{r['wall']:.1f} |")
        for page, rs in r["results"].items():
            errs = [x["error"] for x in rs if x["error"]]
            if errs:
                lines.append(f"|  | {page}: {len(errs)} error(s): {errs[0]} | | | | | | | |" + (" |" if browsers else "")
                             + " |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", default="1,10,30", help="comma list of N browser sessions (at most 60 each; "
                        "empty: none)")
    parser.add_argument("--clients", default="1,10,30", help="comma list of N protocol clients (empty: none)")
    parser.add_argument("--corpus", default=os.environ.get("CORPUS_DIR", "corpus"))
    parser.add_argument("--docs", type=int, default=None,
                        help="measure on the n-document benchmark corpus (built once under the bench folder)")
    parser.add_argument("--label", default=None)
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds a view may take")
    parser.add_argument("--repeat", type=int, default=3, help="views of each page alone")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "LOAD.md"))
    parser.add_argument("--append", action="store_true", help="add a section to --out instead of replacing it")
    args = parser.parse_args(argv)
    sessions = [min(int(s), MAX_SESSIONS) for s in args.sessions.split(",") if s.strip()]
    clients = [min(int(s), MAX_SESSIONS) for s in args.clients.split(",") if s.strip()]
    corpus = Path(args.corpus).resolve()
    if args.docs:
        from benchmarks.load_store import ensure_store

        corpus, cache = ensure_store(args.docs)
        os.environ["PARTY_LINES_CACHE"] = str(cache)  # the server's store (start_server passes the environment)
    links = shared_links(corpus)
    artifacts = ROOT / "tests" / "artifacts"
    artifacts.mkdir(parents=True, exist_ok=True)
    server = start_server(corpus, artifacts / "load-server.log")
    try:
        log(f"server at {server.base}; warming every link once")
        asyncio.run(per_page_cpu(server, links, args.timeout, 1))
        log("each page alone")
        alone = asyncio.run(per_page_cpu(server, links, args.timeout, args.repeat))
        log("static files of one view")
        static = asyncio.run(static_share(server, links[0][1], args.timeout))
        protocol = []
        if clients:
            log("recording each link's static files")
            recorded = asyncio.run(record_static(server, links, args.timeout))
            for n in clients:
                log(f"{n} protocol client(s) at once")
                protocol.append(asyncio.run(run_protocol_round(server, links, n, recorded, args.timeout)))
        rounds = []
        for n in sessions:
            log(f"{n} browser session(s) at once")
            rounds.append(asyncio.run(run_round(server, links, n, args.timeout)))
    finally:
        server.stop()
    label = args.label or f"{corpus.name} ({time.strftime('%Y-%m-%d %H:%M')})"
    section = render(label, corpus, alone, rounds, static, protocol)
    out = Path(args.out)
    head = ("# Load: a shared link opened by many at once\n\n"
            "Measured by `make load` (`python -m benchmarks.load`): see the module docstring for what each "
            f"figure is. Machine: {os.cpu_count()} cores.\n\n")
    if args.append and out.exists():
        out.write_text(out.read_text(encoding="utf-8").rstrip() + "\n\n" + section, encoding="utf-8")
    else:
        out.write_text(head + section, encoding="utf-8")
    (out.with_suffix(".json")).write_text(json.dumps({"label": label, "alone": alone, "static": static, "rounds": rounds, "protocol": protocol}, indent=1,
                                                     default=str), encoding="utf-8")
    sys.stdout.write(section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
