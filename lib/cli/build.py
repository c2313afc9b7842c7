"""``python -m lib build [--workers N | --scheduler ADDRESS]``: annotate every document the store lacks.

Reads the corpus folder (``CORPUS_DIR``, default ``corpus/``), annotates the documents no
earlier build annotated (by content hash and pipeline version) in partitions, and commits a
new manifest that the app reads (``lib/store/build.py``). A killed build keeps its finished
partitions and resumes; the app keeps serving the last complete build meanwhile. Progress
(documents, words/s, time left) goes to stderr; one summary line to stdout. Exit 0 built,
1 refused (no corpus folder, another build running, the store cannot be written, the Dask
cluster cannot be had), 2 usage.

``--workers N`` (N > 1) starts a local Dask cluster of N single-threaded worker processes
(each loads the model once, ~300 MB); ``--scheduler tcp://host:8786`` uses the workers of an
existing Dask cluster instead (README, "Building on a Dask cluster"). The Dask dashboard's
address is printed when the scheduler serves one (bokeh installed).
"""

from __future__ import annotations

import argparse
import os
import sys

from lib.cli.common import EXIT_OK, EXIT_REFUSED, EXIT_USAGE


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="annotate what the store lacks (resumable)", description=__doc__,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    where = p.add_mutually_exclusive_group()
    where.add_argument("--workers", type=int, default=1, metavar="N",
                       help="worker processes annotating partitions (default 1: this process; more: a local Dask "
                            "cluster; each loads the model, ~300 MB)")
    where.add_argument("--scheduler", default=None, metavar="ADDRESS",
                       help="annotate on the workers of an existing Dask cluster (e.g. tcp://10.0.0.5:8786)")
    p.add_argument("--partition-docs", type=int, default=None, metavar="N",
                   help="at most N documents per partition (default 250; smaller: finer progress and resume)")
    p.add_argument("--partition-words", type=int, default=None, metavar="N",
                   help="at most N words per partition (default 25,000)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    for name in ("partition_docs", "partition_words"):
        if getattr(args, name) is not None and getattr(args, name) < 1:
            print(f"python -m lib build: error: --{name.replace('_', '-')} must be at least 1", file=sys.stderr)
            return EXIT_USAGE
    if args.workers < 1 or args.workers > (os.cpu_count() or 1) * 4:
        print(f"python -m lib build: error: --workers must be between 1 and {(os.cpu_count() or 1) * 4}",
              file=sys.stderr)
        return EXIT_USAGE
    from lib.ingest.corpus import corpus_dir
    from lib.store import build
    from lib.store.annotations import StoreError

    folder = corpus_dir()
    if not folder.is_dir():
        print(f"refused: the corpus folder '{folder}' does not exist (set CORPUS_DIR).", file=sys.stderr)
        return EXIT_REFUSED
    bar = _ProgressBar(quiet=args.quiet)
    try:
        sizes = {k: getattr(args, k) for k in ("partition_docs", "partition_words") if getattr(args, k)}
        result = build.build(folder, workers=args.workers, scheduler=args.scheduler, report=bar.update, **sizes)
    except build.BuildRunning as exc:
        print(f"refused: {exc}; it will finish the job.", file=sys.stderr)
        return EXIT_REFUSED
    except build.ClusterError as exc:
        print(f"refused: {exc}; the last complete build is unchanged.", file=sys.stderr)
        return EXIT_REFUSED
    except (StoreError, OSError) as exc:
        print(f"refused: the store could not be written ({exc}); the last complete build is unchanged.",
              file=sys.stderr)
        return EXIT_REFUSED
    finally:
        bar.close()
    m = result.manifest
    words_s = f"{m.words / result.seconds:,.0f}" if result.annotated_docs and result.seconds else "-"
    print(f"built {folder}: {m.documents} documents, {m.words} words, {result.annotated_docs} annotated now, "
          f"{result.seconds:.1f} s ({words_s} words/s overall; annotation {result.annotation_s:.1f} s), "
          f"store {m.fingerprint}")
    return EXIT_OK


class _ProgressBar:
    """A tqdm bar on stderr counting words (so the rate is words/s and the ETA follows the text left).

    Quiet: no bar and no state lines, but the Dask dashboard's address all the same (once).
    """

    def __init__(self, *, quiet: bool = False) -> None:
        self.bar = None
        self.state = ""
        self.quiet = quiet
        self.dashboard = ""

    def update(self, status) -> None:
        if status.dashboard and status.dashboard != self.dashboard:
            self.dashboard = status.dashboard
            print(f"build: Dask dashboard at {status.dashboard}", file=sys.stderr, flush=True)
        if self.quiet:
            return
        from tqdm import tqdm

        if status.state != self.state:
            self.state = status.state
            if status.state != "annotating":
                print(f"build: {status.describe()}", file=sys.stderr)
        if status.state == "annotating" and status.todo_words:
            if self.bar is None:
                self.bar = tqdm(total=status.todo_words, unit=" words", unit_scale=True, file=sys.stderr,
                                desc="annotating", dynamic_ncols=True)
            self.bar.update(status.done_words - self.bar.n)
            self.bar.set_postfix_str(f"{status.done_docs:,}/{status.todo_docs:,} documents", refresh=False)
        elif self.bar is not None:
            self.close()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
