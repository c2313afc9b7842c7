"""``python -m lib add FILE --org ORG [--title --author --date --url --publication --language --tags]``.

Adds one document to the corpus folder (``CORPUS_DIR``, default ``corpus/``) with the same
checks as the upload page (:mod:`lib.ingest.adding`): raw bytes copied as received under a
generated name and the metadata row appended, together or not at all (lib/ingest/commit.py);
duplicates refused; nothing is appended to a metadata.csv that cannot be read exactly (its
bad lines are named). FILE must be a regular file: a folder, a named pipe or a device is
refused, and so is a symbolic link unless --follow-symlinks is given. Metadata not given is
detected from the file. Prints the new document's id on stdout; messages go to
stderr. Exit 0 added, 1 refused, 2 usage error. The command line is the operator's tool:
it writes to the corpus it is pointed at (``PARTY_LINES_ALLOW_WRITES`` is for the app).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lib.cli.common import EXIT_OK, EXIT_REFUSED, EXIT_USAGE

OPTIONAL_FIELDS = ("title", "author", "date", "url", "publication", "language")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("add", help="add a document to the corpus (prints its id)", description=__doc__,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("file", metavar="FILE", help="a .txt, .md or .html/.htm file")
    p.add_argument("--org", required=True, help="organisation (a known one in any spelling, or a new name)")
    p.add_argument("--org-short", dest="org_short", default="", help="short name for a new organisation")
    for name in OPTIONAL_FIELDS:
        p.add_argument(f"--{name}", default="", help=f"{name} (default: detected from the file)")
    p.add_argument("--source-note", dest="source_note", default="", help="where the metadata comes from")
    p.add_argument("--follow-symlinks", dest="follow_symlinks", action="store_true",
                   help="if FILE is a symbolic link, add the file it points to (refused by default)")
    p.add_argument("--tags", default="", help="tags separated by ';' (e.g. 'strike;editorial'), a filter on every page")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from lib.ingest.adding import add_document, read_input_file
    from lib.ingest.corpus import corpus_dir
    from lib.ingest.decoding import RefusedInput

    path = Path(args.file)
    try:
        raw = read_input_file(path, follow_symlinks=args.follow_symlinks)
    except FileNotFoundError:
        print(f"python -m lib add: error: no such file: {args.file}", file=sys.stderr)
        return EXIT_USAGE
    except RefusedInput as exc:
        print(f"refused: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    metadata = {"organisation": args.org, "org_short": args.org_short, "source_note": args.source_note,
                "tags": args.tags,
                **{name: getattr(args, name) for name in OPTIONAL_FIELDS}}
    try:
        added = add_document(corpus_dir(), raw, name=path.name, metadata=metadata)
    except RefusedInput as exc:
        print(f"refused: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    except OSError as exc:
        print(f"refused: the corpus could not be written ({exc.strerror or exc}); it is unchanged.", file=sys.stderr)
        return EXIT_REFUSED
    for message in added.messages:
        print(f"note: {message}", file=sys.stderr)
    print(f"added {path.name} as {added.file} in {corpus_dir()}", file=sys.stderr)
    print(added.doc_id)
    return EXIT_OK
