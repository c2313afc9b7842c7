"""``python -m lib build``: one process, two Dask workers, and the two-process build before Dask → ``benchmarks/BUILD.md``.

Usage::

    .venv/bin/python -m benchmarks.build_workers            # 500 documents, 3 rounds (make bench-build)
    .venv/bin/python -m benchmarks.build_workers --docs 40 --runs 1 --out /tmp/BUILD.md   # a quick look

Each round runs every variant once, in an order that rotates from round to round (the
machine is shared, so its speed drifts: interleaving spreads the drift over all variants),
each time as a fresh process on a fresh cache folder, on the same synthetic corpus (real
sentences of ``corpus/`` resampled by :mod:`benchmarks.synth`, fixed seed). The figures
quoted are medians over the rounds, and the ratios are taken round by round.

The variants:

- ``--workers 1``: this process annotates (``n_process=1``), no Dask.
- ``--workers 2``: a local ``dask.distributed`` cluster of two single-threaded workers.
- ``--workers 2`` of the code before Dask (``BASELINE_REF``, a ``ProcessPoolExecutor`` of two
  processes), exported with ``git archive`` into a temporary folder and run from there with
  the same virtual environment.

Every variant's tables are compared with the one-process build's (every table, every row).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

from benchmarks import report, synth

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "BUILD.md"
REAL_CORPUS = ROOT / "corpus"
BASELINE_REF = "98454b5"  # the last commit whose --workers N ran a ProcessPoolExecutor
SUMMARY = re.compile(r"built .*?: (?P<docs>\d+) documents, (?P<words>\d+) words, (?P<now>\d+) annotated now, "
                     r"(?P<seconds>[\d.]+) s")
ANNOTATION = re.compile(r"annotation (?P<seconds>[\d.]+) s")


@dataclass(frozen=True)
class Variant:
    name: str
    cwd: Path
    args: tuple[str, ...]
    command: tuple[str, ...] = ("-m", "lib", "build")  # benchmarks.build_pool: today's build on a process pool


def sentence_pool() -> list[str]:
    """The real corpus's sentences (a plain split: the benchmark needs sentences, not spaCy's)."""
    pool: list[str] = []
    for path in sorted(REAL_CORPUS.glob("*.txt")):
        for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
            for sentence in re.split(r"(?<=[.!?])\s+", " ".join(paragraph.split())):
                if 5 <= len(sentence.split()) <= 80:
                    pool.append(sentence)
    return pool


def make_corpus(directory: Path, n_docs: int, *, seed: int) -> Path:
    pool = sentence_pool()
    return synth.write_corpus(directory, synth.plan_corpus(n_docs, pool, seed=seed), pool)


def baseline_tree(workdir: Path, ref: str) -> Path:
    """The library as it was at ``ref`` (exported, never checked out: the work tree is left alone)."""
    target = workdir / f"baseline-{ref}"
    target.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "lib"], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def run_once(variant: Variant, corpus: Path, cache: Path) -> dict[str, Any]:
    """One build in a fresh process on a fresh cache: wall time, CPU of the whole tree, peak memory of the tree."""
    shutil.rmtree(cache, ignore_errors=True)
    env = {**os.environ, "CORPUS_DIR": str(corpus), "PARTY_LINES_CACHE": str(cache), "PYTHONPATH": str(variant.cwd),
           "PYTHONDONTWRITEBYTECODE": "1"}
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, *variant.command, "--quiet", *variant.args], cwd=variant.cwd,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0.0
    root = psutil.Process(proc.pid)
    out_chunks: list[str] = []
    err_chunks: list[str] = []
    readers = [threading.Thread(target=lambda s=s, c=c: c.append(s.read()), daemon=True)
               for s, c in ((proc.stdout, out_chunks), (proc.stderr, err_chunks))]
    for r in readers:
        r.start()
    while True:
        try:  # the tree's memory, sampled (a worker's RSS counts while it lives)
            tree = [root, *root.children(recursive=True)]
            rss = sum(p.memory_info().rss for p in tree if p.is_running())
            peak = max(peak, rss / 2**20)
        except psutil.Error:
            pass
        done, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if done:
            break
        time.sleep(0.1)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    for r in readers:
        r.join()
    out, err = "".join(out_chunks), "".join(err_chunks)
    # CPU of the build and of every process it waited for (its workers): the kernel's own accounting.
    cpu = usage.ru_utime + usage.ru_stime
    if proc.returncode != 0:
        raise RuntimeError(f"{variant.name} failed ({proc.returncode}):\n{err[-3000:]}")
    found = SUMMARY.search(out)
    annotation = ANNOTATION.search(out)
    return {"wall_s": wall, "cpu_s": cpu, "peak_tree_mb": peak,
            "words": int(found["words"]) if found else None, "documents": int(found["docs"]) if found else None,
            "annotation_s": float(annotation["seconds"]) if annotation else None, "stdout": out.strip()}


def compare_tables(corpus: Path, left: Path, right: Path) -> str | None:
    """None if every table of the two builds is the same (row order aside), else what differs."""
    from lib.store import build
    from tests.store.test_store import all_tables

    a, b = all_tables(build.load_current(corpus, left)), all_tables(build.load_current(corpus, right))
    if set(a) != set(b):
        return f"other tables: {sorted(set(a) ^ set(b))}"
    for name in a:
        ta = a[name].astype(str).sort_values(list(a[name].columns)).reset_index(drop=True)
        tb = b[name].astype(str).sort_values(list(b[name].columns)).reset_index(drop=True)
        if not ta.equals(tb):
            return f"{name} differs ({len(ta)} vs {len(tb)} rows)"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    # 500 documents (~290,000 words, ~70 s in one process): an archive's first build, over which a
    # local cluster's start (two processes spawned, the model loaded in each: ~3 s) is spread as it
    # is in real use. At 150 documents (~84,000 words) that start is a fifth of the two-worker build.
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3, help="rounds (each runs every variant once)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--baseline", default=BASELINE_REF, help="git ref of the two-process build to compare")
    parser.add_argument("--variants", default="1,2,base,pool", help="which of 1, 2, base, pool (comma separated)")
    parser.add_argument("--extra", default="", help="more arguments for every build (e.g. --partition-docs 20)")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args(argv)

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench-build-"))
    corpus = make_corpus(workdir / "corpus", args.docs, seed=args.seed)
    extra = tuple(args.extra.split())
    wanted = args.variants.split(",")
    variants = [v for k, v in (("1", Variant("--workers 1 (one process)", ROOT, ("--workers", "1", *extra))),
                               ("2", Variant("--workers 2 (Dask)", ROOT, ("--workers", "2", *extra))),
                               ("base", Variant(f"--workers 2 before Dask ({args.baseline}, process pool)",
                                                baseline_tree(workdir, args.baseline) if "base" in wanted else ROOT,
                                                ("--workers", "2", *extra))),
                               ("pool", Variant("--workers 2, today's code on a process pool (benchmarks.build_pool)",
                                                ROOT, ("--workers", "2", *extra), ("-m", "benchmarks.build_pool"))))
                if k in wanted]
    results: dict[str, list[dict[str, Any]]] = {v.name: [] for v in variants}
    load: list[tuple[float, float, float]] = [os.getloadavg()]
    started = report.stamp()
    for r in range(args.runs):
        order = variants[r % len(variants):] + variants[:r % len(variants)]
        for v in order:
            run = run_once(v, corpus, workdir / f"cache-{variants.index(v)}")
            results[v.name].append(run)
            print(f"round {r + 1}: {v.name}: {run['wall_s']:.1f} s wall, {run['cpu_s']:.1f} s CPU, "
                  f"peak {run['peak_tree_mb']:.0f} MB", file=sys.stderr, flush=True)
        load.append(os.getloadavg())
    same = {v.name: compare_tables(corpus, workdir / "cache-0", workdir / f"cache-{i}")
            for i, v in enumerate(variants) if i}
    text = render(args, variants, results, same, load, started, corpus)
    args.out.write_text(text, encoding="utf-8")
    (args.out.with_suffix(".json")).write_text(json.dumps({"results": results, "same": same, "load": load},
                                                          indent=1, default=str), encoding="utf-8")
    print(text)
    return 0


def _median(runs: list[dict[str, Any]], key: str) -> float | None:
    values = [r[key] for r in runs if r.get(key) is not None]
    return statistics.median(values) if values else None


def render(args: argparse.Namespace, variants: list[Variant], results: dict[str, list[dict[str, Any]]],
           same: dict[str, str | None], load: list[tuple[float, float, float]], started: str, corpus: Path) -> str:
    first = results[variants[0].name][0]
    lines = ["| variant | wall s (median) | wall s (all runs) | CPU s (median) | peak memory of the tree, MB | "
             "annotation s (median) | tables |", "|---|---:|---|---:|---:|---:|---|"]
    for v in variants:
        runs = results[v.name]
        ann = _median(runs, "annotation_s")
        walls = ", ".join("{:.1f}".format(r["wall_s"]) for r in runs)
        lines.append(f"| {v.name} | {_median(runs, 'wall_s'):.1f} | {walls} | "
                     f"{_median(runs, 'cpu_s'):.1f} | {_median(runs, 'peak_tree_mb'):.0f} | "
                     f"{'-' if ann is None else f'{ann:.1f}'} | "
                     f"{'reference' if v is variants[0] else ('identical' if same.get(v.name) is None else same[v.name])} |")
    ratios = []
    names = [v.name for v in variants]
    # one process ÷ Dask (the speed-up); Dask ÷ each pool (what Dask costs against a plain process pool)
    for a, b in [(names[0], names[1])] + [(names[1], c) for c in names[2:]] if len(names) > 1 else []:
        pairs = [x["wall_s"] / y["wall_s"] for x, y in zip(results[a], results[b], strict=True)]
        ratios.append(f"| {a} ÷ {b} | {statistics.median(pairs):.2f} | {', '.join(f'{p:.2f}' for p in pairs)} |")
    return "\n".join([
        "# `python -m lib build` on one process, two Dask workers, and the two-process build before Dask",
        "",
        f"`python -m benchmarks.build_workers --docs {args.docs} --runs {args.runs} --seed {args.seed}"
        + (f" --extra '{args.extra}'" if args.extra else "") + f"` ({started}; {first['documents']} documents, "
        f"{first['words']:,} words, synthetic from the real corpus's sentences; each run a fresh process on a fresh "
        "cache; rounds interleaved, order rotating).",
        "",
        *lines,
        "",
        "Ratios of wall times, round by round (above 1: the second is faster):",
        "",
        "| ratio | median | per round |", "|---|---:|---|",
        *ratios,
        "",
        "Load average (1, 5, 15 min) before and after each round: "
        + "; ".join(", ".join(f"{x:.1f}" for x in triple) for triple in load) + ". The machine has "
        f"{os.cpu_count()} cores, a virtual machine whose speed drifts by 10-20 % from run to run: absolute times "
        "are noisy; the ratios, taken round by round, less so.",
        "",
    ])


if __name__ == "__main__":
    raise SystemExit(main())
