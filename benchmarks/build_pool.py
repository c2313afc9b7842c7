"""``python -m lib build`` with today's code, its partitions run on a ``ProcessPoolExecutor`` instead of Dask.

A variant of ``benchmarks/build_workers.py`` only: the two-process build before Dask (commit
98454b5) also ran older annotation code (fewer grouping rules, other partitions), so comparing
it with today's Dask build mixes two changes. This runs today's build — same partitions, same
``run_partition``, same driver — with the executor the old build used (two ``spawn``-started
processes), so the difference from ``--workers 2`` is Dask alone.

Usage (as ``python -m lib build``)::

    python -m benchmarks.build_pool --workers 2 [--quiet]
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from typing import Any

from lib.cli.main import main
from lib.store import cluster


def run_in_pool(tasks: list[Any], partition: Callable[..., Any], *, workers: int, scheduler: str | None,
                done: Callable[[Any, Any], None], annotate_fn: Any = None,
                on_dashboard: Callable[[str], None] | None = None, on_ready: Callable[[], None] | None = None) -> None:
    """:func:`lib.store.cluster.run`'s contract on a process pool (what the build did before Dask)."""
    del scheduler, on_dashboard
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        if on_ready:
            on_ready()
        pending = {pool.submit(partition, task, annotate_fn=annotate_fn): task for task in tasks}
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                done(pending.pop(future), future.result())


if __name__ == "__main__":
    cluster.run = run_in_pool
    sys.exit(main(["build", *sys.argv[1:]]))
