"""``python -m lib import PATH [--metadata FILE] [--org ORG] [--tags T] [--dry-run]``.

Imports many documents into the corpus folder (``CORPUS_DIR``, default ``corpus/``) in one
process and ONE commit (lib/ingest/commit.py): after a crash the corpus holds all of them or
none. PATH is a folder (read recursively), a .zip archive, or a table (.csv, .jsonl) with a
``text`` column (the text itself) or a ``file`` column (a file, relative to the table) and
metadata columns named as in metadata.csv (title, organisation, org_short, publication,
author, date, url, language, source_note, tags, id). For a folder or zip, --metadata FILE is
such a table whose ``file`` column names the file inside it; a metadata.csv at its top is used
when --metadata is not given. A column Party Lines does not know is reported and kept in
metadata.csv as an extra column. --org is the organisation of documents whose metadata names
none (an organisation is required, as for ``add``).

Every file gets the checks and messages of ``add``; duplicates (same content) of the corpus or
of another file of the import are refused. A hostile zip (entries outside the archive, links,
zip bombs, too many entries) is refused entry by entry or whole, with a message. --dry-run
checks everything and writes nothing.

Progress on stderr, then the summary there: added, refused (file → reason), warnings. stdout:
one line per document added (or, with --dry-run, that would be): its id, tab, its source.
Exit 0 everything added, 1 something refused (the summary says what; the rest was added) or the
import refused whole, 2 usage error.
"""

from __future__ import annotations

import argparse
import sys

from lib.cli.common import EXIT_OK, EXIT_REFUSED, EXIT_USAGE


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="import a folder, a zip or a table of documents in one commit",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("path", metavar="PATH", help="a folder, a .zip archive, or a .csv/.jsonl table")
    p.add_argument("--metadata", metavar="FILE", default=None,
                   help="a CSV/JSONL table of metadata with a 'file' column (for a folder or zip)")
    p.add_argument("--org", default="", help="organisation of documents whose metadata names none")
    p.add_argument("--tags", default="", help="tags (';'-separated) given to every imported document")
    p.add_argument("--dry-run", dest="dry_run", action="store_true", help="check everything, write nothing")
    p.add_argument("--follow-symlinks", dest="follow_symlinks", action="store_true",
                   help="read the files symbolic links point to (refused by default)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from lib.ingest import importing
    from lib.ingest.corpus import corpus_dir
    from lib.ingest.decoding import RefusedInput

    directory = corpus_dir()
    try:
        source = importing.sources(args.path, metadata=args.metadata, follow_symlinks=args.follow_symlinks)
    except FileNotFoundError as exc:
        print(f"python -m lib import: error: no such file or folder: {exc.filename or exc}", file=sys.stderr)
        return EXIT_USAGE
    except RefusedInput as exc:
        print(f"refused: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    bar = _Bar(quiet=args.quiet)
    try:
        summary = importing.run_import(directory, source, org=args.org, tags=args.tags, dry_run=args.dry_run,
                                       progress=bar.update)
    except RefusedInput as exc:
        bar.close()
        print(f"refused: {exc} Nothing was imported.", file=sys.stderr)
        return EXIT_REFUSED
    except OSError as exc:
        bar.close()
        print(f"refused: the corpus could not be written ({exc.strerror or exc}); it is unchanged.", file=sys.stderr)
        return EXIT_REFUSED
    bar.close()
    for line in summary.lines():
        print(line, file=sys.stderr)
    if summary.added and not args.dry_run:
        print(f"imported into {directory} in one commit; run `python -m lib build` to annotate the new documents.",
              file=sys.stderr)
    for doc in summary.added:
        print(f"{doc.doc_id}\t{doc.name}")
    return EXIT_REFUSED if summary.refused else EXIT_OK


class _Bar:
    """A tqdm bar on stderr: documents checked, their rate and the time left."""

    def __init__(self, *, quiet: bool) -> None:
        self.quiet = quiet
        self.bar = None

    def update(self, done: int, total: int | None, name: str) -> None:
        if self.quiet:
            return
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit=" docs", file=sys.stderr, desc="importing", dynamic_ncols=True,
                            mininterval=0.2)
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
