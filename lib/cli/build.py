"""``python -m lib build [--workers N]``: annotate every document the store lacks.

Reads the corpus folder (``CORPUS_DIR``, default ``corpus/``), annotates the documents no
earlier build annotated (by content hash and pipeline version) in partitions, and commits a
new manifest that the app reads (``lib/store/build.py``). A killed build keeps its finished
partitions and resumes; the app keeps serving the last complete build meanwhile. Progress
(documents, words/s, time left) goes to stderr; one summary line to stdout. Exit 0 built,
1 refused (no corpus folder, another build running, the store cannot be written), 2 usage.
"""

from __future__ import annotations

import argparse
import os
import sys

from lib.cli.common import EXIT_OK, EXIT_REFUSED, EXIT_USAGE


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="annotate what the store lacks (resumable)", description=__doc__,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="worker processes annotating partitions (default 1; each loads the model, ~300 MB)")
    p.add_argument("--partition-docs", type=int, default=None, metavar="N",
                   help="at most N documents per partition (default 250; smaller: finer progress and resume)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.partition_docs is not None and args.partition_docs < 1:
        print("python -m lib build: error: --partition-docs must be at least 1", file=sys.stderr)
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
    bar = None if args.quiet else _ProgressBar()
    try:
        sizes = {"partition_docs": args.partition_docs} if args.partition_docs else {}
        result = build.build(folder, workers=args.workers, report=bar.update if bar else None, **sizes)
    except build.BuildRunning as exc:
        print(f"refused: {exc}; it will finish the job.", file=sys.stderr)
        return EXIT_REFUSED
    except (StoreError, OSError) as exc:
        print(f"refused: the store could not be written ({exc}); the last complete build is unchanged.",
              file=sys.stderr)
        return EXIT_REFUSED
    finally:
        if bar:
            bar.close()
    m = result.manifest
    words_s = f"{m.words / result.seconds:,.0f}" if result.annotated_docs and result.seconds else "-"
    print(f"built {folder}: {m.documents} documents, {m.words} words, {result.annotated_docs} annotated now, "
          f"{result.seconds:.1f} s ({words_s} words/s overall), store {m.fingerprint}")
    return EXIT_OK


class _ProgressBar:
    """A tqdm bar on stderr counting words (so the rate is words/s and the ETA follows the text left)."""

    def __init__(self) -> None:
        self.bar = None
        self.state = ""

    def update(self, status) -> None:
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
