"""Measurements, each run in a fresh child process: ``python -m benchmarks.measure <what> ...``.

The child prints one JSON object as the last line of stdout; :func:`run_child` starts it
and parses that line.

* ``app`` — the app's warm start (AppTest of app.py to the overview fully rendered),
  then each page with a typical address (twice: first visit, then again), then the
  process's peak resident memory. It records which Parquet files were read and
  whether spaCy was imported before the overview was shown.
* ``throughput`` — annotation speed of our pipeline (``lib.nlp.engine.annotate``) against a
  plain ``engine.pipe`` with the full default ``en_core_web_sm`` pipeline, same texts,
  same process.
* ``long`` — one real annotation of a text longer than spaCy's ``max_length``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
RESULT_PREFIX = "BENCH-RESULT "


def rss_mb() -> dict[str, float]:
    """Current and peak resident set size of this process in MB (from /proc, else getrusage)."""
    out = {"peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                out["rss_mb"] = int(line.split()[1]) / 1024
            elif line.startswith("VmHWM:"):
                out["peak_rss_mb"] = int(line.split()[1]) / 1024
    except OSError:
        pass
    return out


def run_child(args: list[str], *, env: dict[str, str] | None = None, timeout: float = 1800) -> dict[str, Any]:
    """Run ``python -m benchmarks.measure <args>`` in a fresh process; return its JSON result.

    The result gains ``spawned_at`` (wall clock just before the process started) and
    ``wall_s`` (until it exited). A failed child gives ``{"error": ...}``.
    """
    full_env = {**os.environ, **(env or {})}
    started = time.time()
    proc = subprocess.run([sys.executable, "-m", "benchmarks.measure", *args], cwd=ROOT, env=full_env,
                          capture_output=True, text=True, timeout=timeout, check=False)
    wall = time.time() - started
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith(RESULT_PREFIX):
            result = json.loads(line[len(RESULT_PREFIX):])
            result.update(spawned_at=started, wall_s=wall)
            return result
    tail = (proc.stderr or proc.stdout)[-2000:]
    return {"error": f"exit {proc.returncode}: {tail}", "spawned_at": started, "wall_s": wall}


def _emit(result: dict[str, Any]) -> None:
    sys.stdout.write(RESULT_PREFIX + json.dumps(result) + "\n")
    sys.stdout.flush()


# ================================================================ app: warm start, pages, memory
def _exception_text(at: Any) -> str | None:
    if not at.exception:
        return None
    return "; ".join(str(getattr(e, "message", e))[:300] for e in at.exception)


def _texts(at: Any) -> dict[str, list[str]]:
    return {"warnings": [str(w.value)[:200] for w in at.warning], "errors": [str(e.value)[:200] for e in at.error],
            "infos": [str(i.value)[:200] for i in at.info]}


def measure_app(pages: list[dict[str, Any]], *, repeat: int = 2) -> dict[str, Any]:
    """Warm start to the overview, then every page in ``pages``; see the module docstring.

    Args:
        pages: ``{"name", "script" (None = overview), "params"}`` each.
        repeat: renders per page (the first is the first visit in this process).
    """
    import pyarrow.parquet as pq  # after the interpreter started: part of the start
    # Every Parquet read of the cache goes through pq.read_table (lib/store/annotations.py, lib/store/documents.py).
    reads: list[str] = []
    original = pq.read_table

    def recording(source: Any, *args: Any, **kwargs: Any) -> Any:
        reads.append(f"{Path(str(source)).parent.name[:12]}/{Path(str(source)).name}")
        return original(source, *args, **kwargs)

    pq.read_table = recording
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(APP, default_timeout=900)
    t0 = time.perf_counter()
    at.run()
    overview_s = time.perf_counter() - t0
    rendered_at = time.time()
    result: dict[str, Any] = {
        "overview_rendered_at": rendered_at, "overview_run_s": overview_s,
        "overview_exception": _exception_text(at),
        "overview_metrics": {m.label: m.value for m in at.metric},
        "spacy_at_start": "spacy" in sys.modules,
        "reads_at_start": sorted(set(reads)),
        "tokens_at_start": any(r.endswith(("/tokens.parquet", "/sentences.parquet")) for r in reads),
        "memory_after_start": rss_mb(),
        "pages": [],
    }
    # A new AppTest scans every installed package for Streamlit components on its first run
    # (0.2–0.8 s here); a server does that once at start-up, not per page view. The warm
    # start above paid it; the page renders reuse its result, as a server would.
    components = getattr(at, "_bidi_component_manager", None)
    for page in pages:
        runs = []
        for _ in range(repeat):
            reads.clear()
            at = AppTest.from_file(APP, default_timeout=900)
            if components is not None and hasattr(at, "_bidi_component_manager"):
                at._bidi_component_manager = components
            for name, value in page["params"].items():
                at.query_params[name] = value
            if page.get("script"):
                at.switch_page(page["script"])
            t = time.perf_counter()
            try:
                at.run()
                error = _exception_text(at)
            except Exception as exc:  # a timeout is a result too
                error = f"{type(exc).__name__}: {exc}"
            runs.append(time.perf_counter() - t)
        result["pages"].append({"name": page["name"], "script": page.get("script"), "params": page["params"],
                                "times_s": runs, "exception": error, "shown": _texts(at),
                                "reads": sorted(set(reads))})
    result["spacy_at_end"] = "spacy" in sys.modules
    result["memory"] = rss_mb()
    return result


# ================================================================ annotation throughput
def measure_throughput(corpus: Path, *, min_words: int, n_process: int, baseline: bool = True,
                       single: bool = True) -> dict[str, Any]:
    """Words per second: our pipeline (n_process workers, and 1) and the full default pipeline."""
    import spacy

    from lib.nlp import engine
    from lib.store.documents import load_corpus_cached
    documents = load_corpus_cached(corpus).documents
    documents = documents.sample(frac=1.0, random_state=3)  # all organisations, not the first few
    cum = documents["n_words"].cumsum()
    sample = documents[cum.shift(fill_value=0) < min_words]
    items = list(zip(sample["doc_id"].astype(str), sample["text"].astype(str), strict=True))
    texts = [t for _, t in items]
    words = int(sample["n_words"].sum())
    out: dict[str, Any] = {"documents": len(items), "words": words, "chars": sum(map(len, texts))}

    t = time.perf_counter()
    ours = engine.load_pipeline()
    out["ours_load_s"] = time.perf_counter() - t
    out["ours_components"] = list(ours.nlp.pipe_names)
    engine.annotate(ours, items[:2])  # warm-up: first-call allocations outside the timing
    t = time.perf_counter()
    ann = engine.annotate(ours, items, n_process=n_process)
    out["ours_s"] = time.perf_counter() - t
    out["ours_n_process"] = n_process
    out["ours_tables"] = {"sentences": len(ann.sentences), "tokens": len(ann.tokens), "mentions": len(ann.mentions)}
    del ann
    if single and n_process != 1:
        t = time.perf_counter()
        engine.annotate(ours, items, n_process=1)
        out["ours_1proc_s"] = time.perf_counter() - t
    if baseline:
        name = next(n for n in engine.MODEL_NAMES if engine._installed(n))
        t = time.perf_counter()
        full = spacy.load(name)
        out["full_load_s"] = time.perf_counter() - t
        out["full_components"] = list(full.pipe_names)
        list(full.pipe(texts[:2]))
        t = time.perf_counter()
        for _ in full.pipe(texts):
            pass
        out["full_s"] = time.perf_counter() - t
    out["memory"] = rss_mb()
    return out


# ================================================================ one long document
def measure_long(text_file: Path, *, n_process: int) -> dict[str, Any]:
    """Annotate one text longer than spaCy's max_length with our pipeline (chunked)."""
    from lib.nlp import engine
    from lib.words import count_words
    text = text_file.read_text(encoding="utf-8")
    pipeline = engine.load_pipeline()
    t = time.perf_counter()
    ann = engine.annotate(pipeline, [("long", text)], n_process=n_process)
    elapsed = time.perf_counter() - t
    m = ann.mentions
    offsets_ok = all(text[s:e] == x for s, e, x in zip(m["start"], m["end"], m["text"], strict=True))
    tok = ann.tokens
    tokens_ok = all(text[s:s + len(x)] == x for s, x in zip(tok["start"], tok["text"], strict=True))
    return {"chars": len(text), "words": count_words(text), "max_length": pipeline.nlp.max_length,
            "pieces": len(engine.split_for_processing(text)), "seconds": elapsed, "n_process": n_process,
            "sentences": len(ann.sentences), "tokens": len(tok), "mentions": len(m),
            "offsets_ok": bool(offsets_ok and tokens_ok), "memory": rss_mb()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.measure")
    sub = parser.add_subparsers(dest="what", required=True)
    app = sub.add_parser("app")
    app.add_argument("--pages", required=True, help="JSON list of pages")
    app.add_argument("--repeat", type=int, default=2)
    thr = sub.add_parser("throughput")
    thr.add_argument("--corpus", type=Path, required=True)
    thr.add_argument("--min-words", type=int, default=200_000)
    thr.add_argument("--n-process", type=int, default=2)
    thr.add_argument("--no-baseline", action="store_true")
    thr.add_argument("--no-single", action="store_true")
    long = sub.add_parser("long")
    long.add_argument("--text", type=Path, required=True)
    long.add_argument("--n-process", type=int, default=2)
    args = parser.parse_args(argv)
    if args.what == "app":
        result = measure_app(json.loads(args.pages), repeat=args.repeat)
    elif args.what == "throughput":
        result = measure_throughput(args.corpus, min_words=args.min_words, n_process=args.n_process,
                                    baseline=not args.no_baseline, single=not args.no_single)
    else:
        result = measure_long(args.text, n_process=args.n_process)
    _emit(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
