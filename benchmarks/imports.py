"""``python -m benchmarks.imports``: bulk import against one ``add`` per file → ``benchmarks/IMPORT.md``.

Issue 18's bar: ``python -m lib import`` of 1,000 text files into an empty corpus in under 60 s
and under 500 MB peak memory, nothing lost, ``metadata.csv`` valid; and the time of 100
``python -m lib add`` runs into the same kind of corpus, extrapolated to 1,000.

The documents are made as the other benchmarks make theirs (:mod:`benchmarks.synth`): real
sentences of ``corpus/`` and ``tests/data/heldout`` (split at sentence ends), resampled with a
fixed seed into documents of ~24 sentences in paragraphs, spread over 20 organisations and
twelve years. They are written as a folder of ``.txt`` files plus a metadata table (file,
title, organisation, org_short, author, date, and one column Party Lines does not know,
``batch``), imported with ``--metadata``.

Peak memory is the process tree's: the import's process and any child, their resident set
sizes summed, sampled every 20 ms (``psutil``); ``ru_maxrss`` of the child is reported too.
"Nothing lost": every file of the folder is in the corpus, byte for byte, with its row; the
corpus loads with no notice and ``metadata.csv`` parses exactly.

Usage::

    python -m benchmarks.imports [--docs 1000] [--adds 100] [--out benchmarks/IMPORT.md]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

from benchmarks import synth

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "IMPORT.md"


def sentence_pool() -> list[str]:
    """Real sentences: every sentence of the corpus's and the held-out texts (split at . ! ? and a space)."""
    pool: list[str] = []
    paths = sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "heldout").glob("*.txt"))
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        for paragraph in re.split(r"\n\s*\n", text):
            for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z\"'‘“])", " ".join(paragraph.split())):
                if len(sentence.split()) >= 6 and sentence[-1:] in ".!?\"'’”":
                    pool.append(sentence)
    return pool


def write_source(folder: Path, n: int, *, seed: int = 18) -> tuple[Path, Path]:
    """``n`` documents as a folder of .txt files (in sub-folders of 100) and a metadata table beside it."""
    pool = sentence_pool()
    plans = synth.plan_corpus(n, pool, seed=seed)
    if folder.exists():
        shutil.rmtree(folder)
    docs = folder / "docs"
    table = folder / "metadata-table.csv"
    docs.mkdir(parents=True)
    with open(table, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "title", "organisation", "org_short", "author", "date", "batch"])
        for k, plan in enumerate(plans):
            rel = f"part{k // 100:02d}/{plan.file}"
            (docs / rel).parent.mkdir(exist_ok=True)
            (docs / rel).write_text(f"{plan.title}\n\n{synth.render_text(plan, pool)}", encoding="utf-8")
            writer.writerow([rel, plan.title, plan.organisation, plan.org_short, plan.author, plan.date,
                             f"bench-{k // 100}"])
    return docs, table


def run_measured(cmd: list[str], env: dict[str, str]) -> dict:
    """Run a command; wall time, exit code, peak RSS of its process tree (summed, sampled) and ru_maxrss."""
    started = time.perf_counter()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    before, cpu_before = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]
    stop = threading.Event()

    def sample() -> None:
        try:
            top = psutil.Process(proc.pid)
        except psutil.Error:
            return
        while not stop.is_set():
            try:
                total = sum(p.memory_info().rss for p in [top, *top.children(recursive=True)])
                peak[0] = max(peak[0], total)
            except psutil.Error:
                pass
            stop.wait(0.02)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    out, err = proc.communicate()
    stop.set()
    thread.join()
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    maxrss = usage.ru_maxrss
    # CPU time (user + system) of the finished process tree: what the run costs whatever the load.
    cpu = usage.ru_utime + usage.ru_stime - cpu_before
    return {"seconds": seconds, "cpu_s": cpu, "code": proc.returncode, "peak_tree_mb": peak[0] / 1048576,
            "ru_maxrss_mb": max(maxrss, before) / 1024, "stdout": out, "stderr": err}


def check_complete(corpus: Path, docs: Path, n: int) -> dict:
    """Every source file in the corpus byte for byte with its row; the corpus loads cleanly."""
    from lib.ingest.corpus import load_corpus
    from lib.ingest.metadata_file import read_metadata_file

    meta = read_metadata_file(corpus)
    loaded = load_corpus(corpus)
    stored = {hashlib.sha256(p.read_bytes()).hexdigest() for p in corpus.glob("*.txt")}
    source = {hashlib.sha256(p.read_bytes()).hexdigest() for p in docs.rglob("*.txt")}
    leftovers = [p.name for p in corpus.iterdir() if p.name.startswith(".")]
    return {"metadata_exact": meta.exact, "rows": len(meta.rows), "documents_loaded": len(loaded.documents),
            "unknown": int((loaded.documents["organisation"] == "unknown").sum()) if len(loaded.documents) else 0,
            "notices": [x.message for x in loaded.notices], "missing": len(source - stored),
            "distinct_sources": len(source), "leftovers": leftovers,
            "extra_column_kept": "batch" in meta.header,
            "ok": meta.exact and len(meta.rows) == len(source) == len(loaded.documents) and not (source - stored)
            and not leftovers and not loaded.notices}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--adds", type=int, default=100)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--import-only", dest="import_only", type=int, default=0, metavar="N",
                        help="only time N imports (fresh corpus each) and print one line per run")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="pl-import-bench-"))
    if args.import_only:
        try:
            docs, table = write_source(work / "source", args.docs)
            env = {**os.environ, "PYTHONPATH": str(ROOT)}
            for k in range(args.import_only):
                corpus = work / f"corpus-{k}"
                load = os.getloadavg()[0]
                r = run_measured([sys.executable, "-m", "lib", "import", str(docs), "--metadata", str(table),
                                  "--quiet"], {**env, "CORPUS_DIR": str(corpus)})
                ok = check_complete(corpus, docs, args.docs)["ok"]
                print(f"| {time.strftime('%H:%M UTC', time.gmtime())} | {load:.0f} | {r['seconds']:.1f} s | "
                      f"{r['cpu_s']:.1f} s | {r['peak_tree_mb']:.0f} MB | {'yes' if ok else 'NO'} |", flush=True)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return 0
    try:
        docs, table = write_source(work / "source", args.docs)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in docs.rglob("*.txt"))
        size = sum(p.stat().st_size for p in docs.rglob("*.txt"))
        print(f"source: {args.docs} files, {words:,} words, {size / 1048576:.1f} MB", file=sys.stderr)
        env = {**os.environ, "PYTHONPATH": str(ROOT)}

        corpus = work / "corpus-import"
        dry = run_measured([sys.executable, "-m", "lib", "import", str(docs), "--metadata", str(table),
                            "--dry-run", "--quiet"], {**env, "CORPUS_DIR": str(corpus)})
        assert not corpus.exists(), "a dry run wrote the corpus folder"
        imp = run_measured([sys.executable, "-m", "lib", "import", str(docs), "--metadata", str(table), "--quiet"],
                           {**env, "CORPUS_DIR": str(corpus)})
        print(f"import: {imp['seconds']:.1f} s, exit {imp['code']}, peak {imp['peak_tree_mb']:.0f} MB",
              file=sys.stderr)
        complete = check_complete(corpus, docs, args.docs)
        again = run_measured([sys.executable, "-m", "lib", "import", str(docs), "--metadata", str(table), "--quiet"],
                             {**env, "CORPUS_DIR": str(corpus)})
        refused_again = again["stderr"].count("refused: ")

        add_corpus = work / "corpus-add"
        files = sorted(docs.rglob("*.txt"))[: args.adds]
        with open(table, encoding="utf-8") as handle:
            rows = {r["file"]: r for r in csv.DictReader(handle)}
        add_times = []
        add_cpu = 0.0
        add_peak = 0.0
        for path in files:
            row = rows[path.relative_to(docs).as_posix()]
            cmd = [sys.executable, "-m", "lib", "add", str(path), "--org", row["organisation"],
                   "--org-short", row["org_short"], "--title", row["title"], "--date", row["date"]]
            if row["author"]:
                cmd += ["--author", row["author"]]
            result = run_measured(cmd, {**env, "CORPUS_DIR": str(add_corpus)})
            if result["code"] != 0:
                print(result["stderr"], file=sys.stderr)
            add_times.append(result["seconds"])
            add_cpu += result["cpu_s"]
            add_peak = max(add_peak, result["peak_tree_mb"])
        adds_total = sum(add_times)
        # Each add hashes every file already in the corpus; the 100 measured adds saw at most 100 files.
        # The k-th of 1,000 adds hashes k files: that cost is measured on the imported corpus (1,000
        # files) and added to the mean add time.
        hash_per_file = hashing_cost(corpus) / max(complete["rows"], 1)
        n = len(add_times)
        flat = adds_total / n * args.docs
        extrapolated = flat + hash_per_file * sum(range(n, args.docs))
        report(args, imp=imp, dry=dry, again=again, refused_again=refused_again, complete=complete,
               words=words, size=size, add_times=add_times, add_cpu=add_cpu, add_peak=add_peak, extrapolated=extrapolated, flat=flat,
               hash_per_file=hash_per_file)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if complete["ok"] and imp["code"] == 0 and imp["seconds"] < 60 and imp["peak_tree_mb"] < 500 else 1


def hashing_cost(corpus: Path) -> float:
    """Seconds ``add`` spends hashing a corpus folder to refuse duplicates (best of three)."""
    from lib.ingest import adding, commit
    from lib.ingest.metadata_file import read_metadata_file

    view = commit.Transaction(corpus, read_metadata_file(corpus))
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        adding._existing_hashes(view)
        best = min(best, time.perf_counter() - started)
    return best


def report(args, *, imp, dry, again, refused_again, complete, words, size, add_times, add_cpu, add_peak, extrapolated,
           flat,
           hash_per_file) -> None:
    n = len(add_times)
    cpu = os.cpu_count()
    load = os.getloadavg()
    verdict = "PASS" if imp["seconds"] < 60 and imp["peak_tree_mb"] < 500 and complete["ok"] else "FAIL"
    lines = [
        "# Bulk import benchmark (issue 18)",
        "",
        f"`make bench-import` (`python -m benchmarks.imports --docs {args.docs} --adds {args.adds}`), "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {platform.python_version()}, {cpu} cores "
        f"(load average {load[0]:.1f} / {load[1]:.1f} at the end; wall times on a busy machine are its CPU time "
        "stretched by the load, so compare CPU when the load is high).",
        "",
        f"Source: {args.docs:,} `.txt` files in 10 sub-folders, {words:,} words, {size / 1048576:.1f} MB, real "
        "sentences of `corpus/` and `tests/data/heldout` resampled by `benchmarks/synth.py` (seed 18), plus a "
        "metadata table (`--metadata`) with one column Party Lines does not use (`batch`).",
        "",
        f"## The bar: {verdict}",
        "",
        "| measure | bar | result |",
        "|---|---|---|",
        f"| `import` of {args.docs:,} files into an empty corpus, wall time | < 60 s | **{imp['seconds']:.1f} s** "
        f"(CPU {imp['cpu_s']:.1f} s) |",
        f"| peak memory, process tree (RSS summed, sampled every 20 ms) | < 500 MB | **{imp['peak_tree_mb']:.0f} MB** "
        f"(ru_maxrss {imp['ru_maxrss_mb']:.0f} MB) |",
        f"| nothing lost (every file byte for byte, with its row) | all | "
        f"{complete['distinct_sources'] - complete['missing']:,} of {complete['distinct_sources']:,} |",
        f"| `metadata.csv` valid (parses exactly; rows = documents loaded; no notice) | yes | "
        f"{'yes' if complete['metadata_exact'] else 'NO'}: {complete['rows']:,} rows, "
        f"{complete['documents_loaded']:,} documents, {complete['unknown']} unknown, "
        f"{len(complete['notices'])} notices |",
        f"| unknown column `batch` kept in `metadata.csv` | yes | {'yes' if complete['extra_column_kept'] else 'NO'} |",
        f"| temporary/staging files left | none | {len(complete['leftovers'])} |",
        "",
        "## Against one `add` per file",
        "",
        "| run | time |",
        "|---|---|",
        f"| `import --dry-run` (checks only, writes nothing) | {dry['seconds']:.1f} s (CPU {dry['cpu_s']:.1f} s) |",
        f"| `import` | {imp['seconds']:.1f} s ({imp['seconds'] / args.docs * 1000:.0f} ms per document; "
        f"CPU {imp['cpu_s']:.1f} s) |",
        f"| the same `import` again (every file a duplicate: {refused_again:,} refused, exit {again['code']}) | "
        f"{again['seconds']:.1f} s |",
        f"| {n} `add` runs into an empty corpus | {sum(add_times):.1f} s (first {add_times[0]:.2f} s, "
        f"last {add_times[-1]:.2f} s, median {sorted(add_times)[n // 2]:.2f} s; CPU {add_cpu:.1f} s; "
        f"peak {add_peak:.0f} MB each) |",
        f"| {args.docs:,} `add` runs, extrapolated (flat: mean × {args.docs:,}) | {flat:,.0f} s |",
        f"| {args.docs:,} `add` runs, extrapolated (flat, plus hashing the k files already there at the k-th add: "
        f"{hash_per_file * 1000:.2f} ms per file, measured on the imported corpus) | {extrapolated:,.0f} s |",
        f"| **ratio** (extrapolated adds / import) | **{extrapolated / imp['seconds']:,.0f}×** "
        f"(flat: {flat / imp['seconds']:,.0f}×; CPU time, {n} adds × {args.docs // max(n, 1)} / import: "
        f"{add_cpu * args.docs / max(n, 1) / max(imp['cpu_s'], 1e-9):,.0f}×) |",
        "",
        "Each `add` is a new Python process (imports, one commit with its own lock, fsyncs and "
        "metadata.csv rewrite) and hashes every file already in the corpus to refuse duplicates, so its cost "
        "grows with the corpus; `import` hashes the corpus once and commits once.",
        "",
    ]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
