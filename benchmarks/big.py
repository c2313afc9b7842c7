"""``make bench-100k``: the app on 10,000 and 100,000 documents of the realistic corpus (issue 19).

Usage::

    python -m benchmarks.big [--sizes 10000,100000] [--bench-dir /tmp/big-bench] [--stage corpus|store|app]
                             [--compose-workers 2] [--heaps]

Every stage is cached under ``--bench-dir`` and skipped when already done, so a rerun
only measures: the sentence pool (the real corpus annotated once), each corpus folder
(written again only if its plan changed), its store (composed tables,
:mod:`benchmarks.realistic`; partitions composed in ``--compose-workers`` processes, then
the store's own build assembles and commits), the Positions coding, then the app in two
fresh processes (the first start fills the OS page cache, the second is measured) as in
``make bench``. Results: ``benchmarks/RESULTS_100K.md`` and ``benchmarks/results_100k.json``,
with the frozen 10,000-document figures (``benchmarks/frozen_10k.json``) beside them.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import sys
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any

from benchmarks import realistic, report, run, synth
from benchmarks.measure import ROOT

OUT_MD = ROOT / "benchmarks" / "RESULTS_100K.md"
OUT_JSON = ROOT / "benchmarks" / "results_100k.json"
FROZEN = ROOT / "benchmarks" / "frozen_10k.json"
DEFAULT_DIR = Path("/tmp/big-bench")
HEAPS_POINTS = (10_000, 30_000, 100_000, 300_000, 1_000_000, 3_000_000, 10_000_000, 30_000_000, 60_000_000)

log = run.log


def _pool(base: Path) -> synth.AnnotatedPool:
    """The real corpus annotated once (spaCy), cut into sentences; pickled for reruns."""
    cached = base / "pool.pkl"
    if cached.is_file():
        return pickle.loads(cached.read_bytes())
    pool, _ = run._annotated_pool(base / "corpus-5", base / "cache-5")
    cached.write_bytes(pickle.dumps(pool))
    return pool


def substitution(pool: synth.AnnotatedPool) -> realistic.Substitution:
    stops = set(pool.tokens.loc[pool.tokens["is_stop"].astype(bool), "lower"].astype(str))
    return realistic.Substitution(pool, realistic.wordfreq_lexicon(stops))


def prepare_corpus(base: Path, n: int, subs: realistic.Substitution) -> tuple[Path, list[synth.DocPlan]]:
    directory = base / f"corpus-real-{n}"
    plans = synth.plan_corpus(n, subs.pool.texts)
    marker = base / f"corpus-real-{n}.plan"
    digest = run._plan_hash(plans, subs.pool.texts) + f"|{realistic.SUBSTITUTE_RATE}|{realistic.SEED}|{len(subs.lexicon.words)}"
    if not (directory.is_dir() and marker.is_file() and marker.read_text() == digest):
        t = time.perf_counter()
        realistic.write_corpus(directory, plans, subs)
        marker.write_text(digest)
        log(f"  wrote {n:,} documents in {time.perf_counter() - t:.0f} s")
    run._with_codebook(directory)
    return directory, plans


# ---------------------------------------------------------------- composing partitions in parallel
_COMPOSER: realistic.Composer | None = None


def _init(path: str) -> None:
    global _COMPOSER
    _COMPOSER = pickle.loads(Path(path).read_bytes())


def _compose(task: Any) -> Any:
    from lib.store import build

    return build.run_partition(task, annotate_fn=_COMPOSER)


def compose_store(corpus: Path, cache: Path, composer: realistic.Composer, workers: int) -> dict[str, Any]:
    """Compose every partition the store lacks (in ``workers`` processes), then let the
    store's own build assemble the corpus-level tables and commit the manifest."""
    import multiprocessing

    from lib.store import annotations, build
    from lib.store.documents import load_corpus_cached

    out: dict[str, Any] = {}
    t = time.perf_counter()
    documents = load_corpus_cached(corpus, cache_dir=cache).documents.drop_duplicates("doc_id").reset_index(drop=True)
    out["documents_load_s"] = time.perf_counter() - t
    log(f"  documents table in {out['documents_load_s']:.0f} s")
    if build.current(corpus, cache) is not None and build.current(corpus, cache).matches(corpus):
        out["built"] = False
        return out
    root = annotations.cache_root(cache)
    version = annotations.pipeline_version(corpus)
    chunk_root = annotations._chunk_root(root, version)
    known = annotations._known_chunks(chunk_root)
    keys = [annotations.doc_key(d, s) for d, s in zip(documents["doc_id"].astype(str),
                                                      documents["sha256"].astype(str), strict=True)]
    missing = documents[[k not in known for k in keys]]
    tasks = build._tasks(missing, chunk_root=chunk_root, version=version, corpus_dir=corpus,
                         max_words=build.PARTITION_WORDS, max_docs=build.PARTITION_DOCS)
    t = time.perf_counter()
    if tasks:
        blob = cache / "composer.pkl"
        blob.write_bytes(pickle.dumps(composer))
        context = multiprocessing.get_context("spawn")
        done = 0
        with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init,
                                 initargs=(str(blob),)) as pool:
            pending = {pool.submit(_compose, task) for task in tasks}
            while pending:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for f in finished:
                    f.result()
                    done += 1
                if done % 20 == 0 or not pending:
                    log(f"  composed {done}/{len(tasks)} partitions ({time.perf_counter() - t:.0f} s)")
    out["compose_s"] = time.perf_counter() - t
    t = time.perf_counter()
    build.build(corpus, cache_dir=cache, annotate_fn=composer)  # everything is there: assembles and commits
    out["assemble_s"] = time.perf_counter() - t
    out["built"] = True
    log(f"  assembled and committed in {out['assemble_s']:.0f} s")
    return out


def heaps(subs: realistic.Substitution, n_docs: int) -> dict[str, Any]:
    """Types against tokens for the old generator and the realistic one, same plans."""
    plans = synth.plan_corpus(n_docs, subs.pool.texts)
    points = [p for p in HEAPS_POINTS if p <= 700 * n_docs]
    old = realistic.heaps_curve(realistic.words_old(subs.pool, plans), points)
    new = realistic.heaps_curve(realistic.words_new(subs, plans), points)
    return {"documents": n_docs, "old": old, "new": new, "old_fit": realistic.heaps_fit(old[1:]),
            "new_fit": realistic.heaps_fit(new[1:])}


def typical_pages(documents: Any, cache: Path, corpus: Path) -> list[dict[str, Any]]:
    """``benchmarks.run._typical_pages`` without reading a whole term slice into this process
    (tens of millions of rows at 100,000 documents): the term is found through the index."""
    from lib.store import build

    real = build.load_current
    index = build.load_current(corpus, cache).term_index("word", 1, backend="duckdb")
    term = next((t for t in run.TERM_CANDIDATES if len(index.doc_sums(None, [t]))), None)

    class _Slice:  # what run._typical_pages reads of the slice: the one term it looks for
        def __init__(self, ann: Any) -> None:
            self.ann = ann
            self.actor_counts = ann.actor_counts

        def term_counts(self, unit: str, n: int) -> Any:
            import pandas as pd

            return pd.DataFrame({"term": [term or "war"]})

    build.load_current = lambda c, k: _Slice(real(c, k))
    try:
        return run._typical_pages(documents, cache, corpus)
    finally:
        build.load_current = real


# ---------------------------------------------------------------- the term index alone, per backend
def index_child(corpus: Path, cache: Path, backend: str) -> dict[str, Any]:
    """In this (fresh) process: open the word 1-3 slices with one backend and time what the pages
    ask of them; peak memory after. Printed as JSON by ``--index-child``."""
    from benchmarks.measure import rss_mb
    from lib.store import build

    t0 = time.perf_counter()
    ann = build.load_current(corpus, cache)
    manifest = build.current(corpus, cache)
    from lib.store.build import documents_of

    documents = documents_of(manifest, corpus, cache).documents[["doc_id", "org_short", "n_words"]]
    out: dict[str, Any] = {"backend": backend, "load_tables_s": time.perf_counter() - t0, "after_tables": rss_mb()}
    ids = documents["doc_id"].astype(str).tolist()
    org = documents["org_short"].value_counts().index[0]
    org_ids = documents.loc[documents["org_short"] == org, "doc_id"].astype(str).tolist()
    two = ids[len(ids) // 3:len(ids) // 3 + 2]
    slices = {}
    for n in (1, 2, 3):
        from lib.store.term_backend import slice_rows

        path = ann.path / f"terms-word-{n}.parquet"
        t = time.perf_counter()
        index = ann.term_index("word", n, backend=backend)
        info = {"rows": slice_rows(path), "open_s": time.perf_counter() - t}
        t = time.perf_counter()
        index.frame(two, stop=False)
        info["two_docs_s"] = time.perf_counter() - t
        t = time.perf_counter()
        totals = index.totals(set(ids) - {two[0]}, stop=False)
        info["totals_all_s"] = time.perf_counter() - t
        info["distinct_terms"] = int(len(totals))
        t = time.perf_counter()
        index.totals(org_ids, stop=False)
        info["totals_org_s"] = time.perf_counter() - t
        t = time.perf_counter()
        index.doc_sums(ids, ["war" if n == 1 else ("the war" if n == 2 else "the war in")])
        info["doc_sums_s"] = time.perf_counter() - t
        if n == 1:
            t = time.perf_counter()
            groups = {o: g["doc_id"].astype(str).tolist() for o, g in documents.groupby("org_short")}
            index.profiles(groups)
            info["profiles_s"] = time.perf_counter() - t
        info["rss_after"] = rss_mb()
        slices[f"word-{n}"] = info
        log(f"    {backend} word-{n}: " + ", ".join(f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}"
                                                   for k, v in info.items() if k != "rss_after")
            + f", rss {info['rss_after'].get('rss_mb', 0):.0f} MB")
    out["slices"] = slices
    out["memory"] = rss_mb()
    return out


def measure_index(corpus: Path, cache: Path, backend: str) -> dict[str, Any]:
    import subprocess

    proc = subprocess.run([sys.executable, "-m", "benchmarks.big", "--index-child", backend, "--corpus", str(corpus),
                           "--cache", str(cache)], cwd=ROOT, capture_output=True, text=True, check=False,
                          timeout=3600)
    sys.stderr.write(proc.stderr[-3000:])
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith("INDEX-RESULT "):
            return json.loads(line[len("INDEX-RESULT "):])
    return {"backend": backend, "error": f"exit {proc.returncode}: {proc.stderr[-1500:]}"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.big", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--stage", choices=("corpus", "store", "app"), default="app",
                        help="stop after this stage (corpus: write the folders; store: build; app: measure)")
    parser.add_argument("--compose-workers", type=int, default=2)
    parser.add_argument("--heaps", type=int, default=0, help="documents for the Heaps curve (0: skip)")
    parser.add_argument("--no-positions", action="store_true", help="skip coding and the Positions page")
    parser.add_argument("--backends", default="auto", help="comma-separated: auto, numpy, duckdb (the app measured with each)")
    parser.add_argument("--index", default="", help="comma-separated backends for the term-index measurement")
    parser.add_argument("--index-child", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--cache", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=OUT_MD)
    parser.add_argument("--json", type=Path, default=OUT_JSON)
    args = parser.parse_args(argv)
    if args.index_child:
        result = index_child(args.corpus, args.cache, args.index_child)
        sys.stdout.write("INDEX-RESULT " + json.dumps(result, default=str) + "\n")
        return 0
    base = args.bench_dir
    base.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = json.loads(args.json.read_text()) if args.json.is_file() else {}
    results.setdefault("sizes", {})
    results["machine"] = report.machine()
    started = time.time()
    pool = _pool(base)
    subs = substitution(pool)
    log(f"pool {len(pool.texts)} sentences; lexicon {len(subs.lexicon.words):,} words; "
        f"{subs.eligible.mean():.0%} of pool tokens substitutable, rate {realistic.SUBSTITUTE_RATE}")
    if args.heaps:
        log(f"Heaps curve on {args.heaps:,} documents")
        results["heaps"] = heaps(subs, args.heaps)
        _write(results, args)
    for n in [int(s) for s in args.sizes.split(",") if s.strip()]:
        log(f"{n:,} documents")
        corpus, plans = prepare_corpus(base, n, subs)
        if args.stage == "corpus":
            continue
        cache = base / f"cache-real-{n}"
        info = compose_store(corpus, cache, realistic.Composer(subs, plans), args.compose_workers)
        size = results["sizes"].setdefault(str(n), {})
        if info.get("built"):
            size["store"] = info
        size["cache_mb"] = run._dir_mb(cache)
        _write(results, args)
        if args.stage == "store":
            continue
        from lib.store import build
        from lib.store.documents import load_corpus_cached

        documents = load_corpus_cached(corpus, cache_dir=cache).documents
        ann = build.load_current(corpus, cache)
        size.update(documents=len(documents), words=int(documents["n_words"].sum()),
                    tokens=int(ann.doc_stats["n_tokens"].sum()))
        del ann
        if not args.no_positions:
            from lib.analysis import positions
            from lib.analysis.codebook import load_codebook
            from lib.contracts import CODEBOOK_FILE
            from lib.store import annotations

            ann = annotations.load_or_build(documents, corpus_dir=corpus, cache_dir=cache)
            book = load_codebook(corpus / CODEBOOK_FILE)
            if positions.cached_codings_path(ann, book) is None:
                t = time.perf_counter()
                positions.coded_corpus(ann, book)
                size["positions_coding_s"] = time.perf_counter() - t
                log(f"  coded in {size['positions_coding_s']:.0f} s")
            del ann
        pages = typical_pages(documents, cache, corpus)
        if args.no_positions:
            pages = [p for p in pages if p["name"] != "Positions"]
        del documents
        for backend in [b for b in args.index.split(",") if b.strip()]:
            log(f"  term index alone, {backend}")
            size.setdefault("index", {})[backend] = measure_index(corpus, cache, backend)
            _write(results, args)
        for backend in [b for b in args.backends.split(",") if b.strip()]:
            os.environ["PARTY_LINES_TERM_BACKEND"] = backend
            log(f"  measuring the app (two fresh processes) on {n:,} documents, term backend {backend}")
            app, first_s = run._measure_app(corpus, cache, pages)
            entry = dict(app=app, first_start_s=first_s, backend=backend,
                         warm_start_s=(app["overview_rendered_at"] - app["spawned_at"]) if "overview_rendered_at" in app else None,
                         measured=report.stamp(), load_average=os.getloadavg())
            size.setdefault("apps", {})[backend] = entry
            log(f"  warm start {entry['warm_start_s']}, pages "
                + ", ".join(f"{p['name']} {p['times_s'][0]:.2f}" for p in app.get("pages", []))
                + f", peak {app.get('memory', {}).get('peak_rss_mb', 0):.0f} MB"
                + (f" ERROR {app['error'][:800]}" if "error" in app else ""))
            _write(results, args)
        os.environ.pop("PARTY_LINES_TERM_BACKEND", None)
    results["total_s"] = time.time() - started
    _write(results, args)
    return 0


def _write(results: dict[str, Any], args: argparse.Namespace) -> None:
    args.json.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    args.out.write_text(render(results), encoding="utf-8")


def render(results: dict[str, Any]) -> str:
    frozen = json.loads(FROZEN.read_text()) if FROZEN.is_file() else {}
    lines = ["# Party Lines — 10,000 and 100,000 documents of the realistic corpus (issue 19)", "",
             "Generated by `make bench-100k` (`python -m benchmarks.big`). Do not edit by hand. "
             "Two cores; each app row says when it was measured and at what load average (1 min): rows taken "
             "under load are slower by much more than the load's share, so compare rows of one run.", ""]
    m = results.get("machine", {})
    if m:
        lines += [f"Machine: {m.get('cpu', '')}; Python {m.get('python', '')}; load average at the last start "
                  f"{m.get('load_average', '')}.", ""]
    h = results.get("heaps")
    if h:
        lines += ["## Vocabulary growth (Heaps' law)", "",
                  f"Distinct lower-case alphabetic words (types) after N such words (tokens), reading the "
                  f"{h['documents']:,} planned documents in order; same plans, same sentences.", "",
                  "| tokens | types, old generator | types, realistic |", "|---:|---:|---:|"]
        for (n_old, v_old), (_n, v_new) in zip(h["old"], h["new"], strict=False):
            lines.append(f"| {n_old:,} | {v_old:,} | {v_new:,} |")
        (ko, bo), (kn, bn) = h["old_fit"], h["new_fit"]
        lines += ["", f"Fit V = K·N^β: old K = {ko:.1f}, β = {bo:.3f}; realistic K = {kn:.1f}, β = {bn:.3f}.", ""]
    lines += ["## The app", "",
              "Warm start and each page's first view in a fresh process (second view in brackets), peak RSS "
              "of that process, as in `make bench` (`benchmarks/measure.py app`). Bars: at 100,000 warm start "
              "< 6 s, every page < 3 s, peak < 2 GB; at 10,000 no page more than 15 % slower than the frozen "
              "figures (`benchmarks/FROZEN_10K.md`).", "",
              "| corpus | backend | warm start | " + " | ".join(PAGE_NAMES) + " | peak RSS | measured (load) |",
              "|---|---|---:|" + "---:|" * len(PAGE_NAMES) + "---:|---|"]
    if frozen:
        cells = [_cell(frozen["pages"].get(p)) for p in PAGE_NAMES]
        lines.append(f"| 10,000 old generator (frozen) | numpy | {frozen['warm_start_s']:.2f} s | " + " | ".join(cells)
                     + f" | {frozen['peak_rss_mb']:,.0f} MB | frozen |")
    for n, size in sorted(results.get("sizes", {}).items(), key=lambda kv: int(kv[0])):
        for backend, entry in size.get("apps", {}).items():
            app = entry["app"]
            pages = {p["name"]: p.get("times_s") for p in app.get("pages", [])}
            warm = entry.get("warm_start_s")
            peak = app.get("memory", {}).get("peak_rss_mb")
            lines.append(f"| {int(n):,} realistic | {backend} | " + (f"{warm:.2f} s" if warm else "—") + " | "
                         + " | ".join(_cell(pages.get(p)) for p in PAGE_NAMES)
                         + (f" | {peak:,.0f} MB |" if peak else " | — |")
                         + f" {entry.get('measured', '')} ({_load(entry.get('load_average'))}) |")
            if "error" in app:
                lines.append(f"|  | error: {str(app['error'])[:300]} |")
    index_rows = [(n, b, r) for n, size in sorted(results.get("sizes", {}).items(), key=lambda kv: int(kv[0]))
                  for b, r in size.get("index", {}).items()]
    if index_rows:
        lines += ["", "## The term index alone", "",
                  "A fresh process per backend opens the word 1–3 slices and asks what the pages ask: two "
                  "documents' rows (Compare), totals over every document but one (Document's keyness against "
                  "the rest), totals over one organisation, one term's counts per document (the concordance), "
                  "per-organisation profiles (similarity). Resident memory after each slice.", "",
                  "| corpus | backend | slice | rows | distinct terms | open | 2 docs | totals, all | totals, 1 org | "
                  "term per doc | profiles | RSS after |", "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for n, b, r in index_rows:
            if "error" in r:
                lines.append(f"| {int(n):,} | {b} | error: {str(r['error'])[:200]} |")
                continue
            for name, i in r["slices"].items():
                lines.append(f"| {int(n):,} | {b} | {name} | {i['rows']:,} | {i['distinct_terms']:,} | {i['open_s']:.2f} s | "
                             f"{i['two_docs_s']:.2f} s | {i['totals_all_s']:.2f} s | {i['totals_org_s']:.2f} s | "
                             f"{i['doc_sums_s']:.2f} s | " + (f"{i['profiles_s']:.2f} s" if "profiles_s" in i else "—")
                             + f" | {i['rss_after'].get('rss_mb', 0):,.0f} MB |")
    lines += ["", "## Stores", "", "| corpus | documents | words | token rows | on disk | documents load | compose | assemble | positions coding |",
              "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for n, size in sorted(results.get("sizes", {}).items(), key=lambda kv: int(kv[0])):
        st = size.get("store", {})
        lines.append(f"| {int(n):,} | {size.get('documents', 0):,} | {size.get('words', 0):,} | {size.get('tokens', 0):,} | "
                     f"{size.get('cache_mb', 0):,.0f} MB | {_s(st.get('documents_load_s'))} | {_s(st.get('compose_s'))} | "
                     f"{_s(st.get('assemble_s'))} | {_s(size.get('positions_coding_s'))} |")
    lines += ["", *results.get("extra_lines", [])]
    return "\n".join(lines) + "\n"


PAGE_NAMES = ("Overview (1 org)", "Document", "Compare", "Terms", "Actors", "Corpus", "Positions")


def _cell(times: Any) -> str:
    if not times:
        return "—"
    return f"{times[0]:.2f} s" + (f" ({times[1]:.2f} s)" if len(times) > 1 else "")


def _load(value: Any) -> str:
    return f"{value[0]:.1f}" if isinstance(value, (list, tuple)) and value else "?"


def _s(x: Any) -> str:
    return f"{x:,.0f} s" if isinstance(x, (int, float)) else "—"


if __name__ == "__main__":
    sys.exit(main())
