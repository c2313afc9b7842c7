"""A 1,000-document corpus and its store for ``make load`` (``python -m benchmarks.load --docs 1000``).

Built like ``benchmarks.run`` builds its corpora (same generator, same folders under the bench
folder, reused when unchanged), but the store is always composed from the annotated real
sentences (:class:`benchmarks.synth.Composer`): the load harness measures page views, not
annotation, and a composed store of 1,000 documents takes seconds instead of many minutes.
"""

from __future__ import annotations

import os
from pathlib import Path

from benchmarks import synth
from benchmarks.run import _annotated_pool, _prepare_corpus, _with_codebook, bench_dir, log


def ensure_store(n: int, base: str | None = None) -> tuple[Path, Path]:
    """``(corpus folder, cache folder)`` of the n-document benchmark corpus, built if missing."""
    from lib.store import build

    root = bench_dir(base)
    root.mkdir(parents=True, exist_ok=True)
    corpus, cache = root / f"corpus-{n}", root / f"cache-{n}"
    pool_corpus, pool_cache = root / "corpus-5", root / "cache-5"
    if corpus.is_dir() and build.current(corpus, cache) is not None and build.current(corpus, cache).matches(corpus):
        return corpus, cache
    log(f"annotating the real corpus for the sentence pool ({pool_corpus})")
    pool, _ = _annotated_pool(pool_corpus, pool_cache)
    corpus, plans = _prepare_corpus(root, n, pool.texts)
    _with_codebook(corpus)
    log(f"composing the store of {n:,} documents in {cache}")
    os.environ["PARTY_LINES_CACHE"] = str(cache)
    build.build(corpus, cache_dir=cache, annotate_fn=synth.Composer(pool, plans))
    return corpus, cache


if __name__ == "__main__":
    import sys

    print(*ensure_store(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
