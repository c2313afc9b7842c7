"""What every command shares: the exit codes of the command-line contract (DESIGN.md), opening
the corpus with its annotation, and writing result records.

stdout carries only results, messages go to stderr; exit 0 done, 1 refused input (the
message says why), 2 usage error. Heavy imports stay inside the functions, so a command's
``--help`` answers at once.
"""

from __future__ import annotations

import os
import sys
from typing import IO, Any

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2
FORMATS = ("csv", "jsonl")


class Refused(Exception):
    """Input the command cannot use; the message says why, in plain words."""


def open_corpus() -> tuple[Any, Any]:
    """The corpus folder (``CORPUS_DIR``, default ``corpus/``) and its annotation.

    The same tables the app reads (the documents and annotation disk caches); a corpus not
    annotated yet is annotated now, with progress on stderr.

    Returns:
        ``(documents, annotated)``: the documents table and a ``lib.store.annotations.Annotated``.

    Raises:
        Refused: no such folder, or no document in it.
    """
    from lib.ingest.corpus import corpus_dir
    from lib.store.annotations import load_or_build
    from lib.store.documents import load_corpus_cached

    directory = corpus_dir()
    if not directory.is_dir():
        raise Refused(f"no corpus folder at {directory} (set CORPUS_DIR)")
    loaded = load_corpus_cached(directory)
    for notice in loaded.notices:
        print(f"note: {notice.message}", file=sys.stderr)
    if loaded.documents.empty:
        raise Refused(f"no document in {directory}")

    def progress(fraction: float, message: str) -> None:
        print(f"{message} ({fraction:.0%})", file=sys.stderr)

    annotated = load_or_build(loaded.documents, corpus_dir=directory, progress=progress)
    if annotated.warning:
        print(f"warning: {annotated.warning}", file=sys.stderr)
    return loaded.documents, annotated


def write_records(frame: Any, fmt: str, out: IO[str] | None = None) -> None:
    """A table as CSV (a header, then one line per record) or JSON Lines, nothing else."""
    out = out or sys.stdout
    try:
        if fmt == "csv":
            frame.to_csv(out, index=False, lineterminator="\n")
        elif len(frame):
            # pandas ends JSON Lines with a newline of its own
            frame.to_json(out, orient="records", lines=True, force_ascii=False, double_precision=15)
        out.flush()
    except BrokenPipeError:
        # The reader stopped early (`| head`): not an error. Point stdout at nothing so the
        # interpreter's own flush at exit does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
