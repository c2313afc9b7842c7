"""``python -m lib codebook check|import|export|code``: the codebook of the Positions page.

* ``check [FILE]`` — read a codebook strictly (default ``CORPUS_DIR/codebook.yaml``); stdout
  gets a summary (categories, rules, version), stderr one message per problem with its line.
* ``import FILE [--format quanteda|liwc]`` — a quanteda YAML dictionary or a LIWC ``.dic``
  file as a codebook (each category one word-list rule), written as codebook YAML to stdout;
  entries the query language cannot read are named on stderr.
* ``export [FILE] [--format csv|parquet] [--out PATH]`` — the codebook as a table, one row
  per word, phrase or actor of each rule.
* ``code [FILE] [--org ORG]... [--format csv|jsonl|parquet] [--out PATH]`` — every sentence of
  the corpus coded with the codebook's rules (the Positions page's codings): one row per
  sentence and category, with offsets into the cleaned text, the rules that fired and what
  matched. Codings are kept with the store (a second run reads them).

Parquet needs ``--out``. ``CORPUS_DIR`` chooses the corpus (default ``corpus/``). Exit 0 done,
1 refused (an invalid codebook or dictionary, an unknown organisation), 2 usage error.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from lib.cli.common import EXIT_OK, EXIT_REFUSED, EXIT_USAGE


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("codebook", help="check, import, export a codebook; code the corpus with it",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    check = actions.add_parser("check", help="validate a codebook (messages name the line)")
    check.add_argument("file", nargs="?", help="codebook YAML (default CORPUS_DIR/codebook.yaml)")
    imp = actions.add_parser("import", help="a quanteda YAML or LIWC .dic dictionary as codebook YAML")
    imp.add_argument("file", help="the dictionary file")
    imp.add_argument("--format", choices=("quanteda", "liwc"), help="default: from the extension (.dic, .yml)")
    exp = actions.add_parser("export", help="the codebook as a table (CSV or Parquet)")
    exp.add_argument("file", nargs="?", help="codebook YAML (default CORPUS_DIR/codebook.yaml)")
    exp.add_argument("--format", choices=("csv", "parquet"), default="csv")
    exp.add_argument("--out", help="write here instead of stdout (required for parquet)")
    code = actions.add_parser("code", help="the corpus's codings (CSV, JSONL or Parquet)")
    code.add_argument("file", nargs="?", help="codebook YAML (default CORPUS_DIR/codebook.yaml)")
    code.add_argument("--org", action="append", default=[], metavar="ORG", help="only this organisation; repeatable")
    code.add_argument("--format", choices=("csv", "jsonl", "parquet"), default="csv")
    code.add_argument("--out", help="write here instead of stdout (required for parquet)")
    p.set_defaults(func=run, parser=p)


def _codebook_path(value: str | None) -> Path:
    from lib.contracts import CODEBOOK_FILE
    from lib.ingest.corpus import corpus_dir

    return Path(value) if value else corpus_dir() / CODEBOOK_FILE


def _known_actors(extra_names=()) -> list[str]:
    from lib.contracts import CORPUS_ACTORS
    from lib.ingest.corpus import corpus_dir
    from lib.nlp.gazetteer import merged_actors

    actors, _ = merged_actors(corpus_dir() / CORPUS_ACTORS)
    return [a.name for a in actors] + [str(n) for n in extra_names]


def _read(path: Path, extra_names=()):
    """The codebook, or None after printing why not."""
    from lib.analysis.codebook import CodebookError, load_codebook

    if not path.is_file():
        print(f"refused: no codebook at {path}", file=sys.stderr)
        return None
    try:
        return load_codebook(path, known_actors=_known_actors(extra_names))
    except CodebookError as exc:
        for message in exc.messages:
            print(f"{exc.source}: {message}", file=sys.stderr)
        print(f"refused: {path} has {len(exc.messages)} problem(s)", file=sys.stderr)
        return None


def _write_table(frame, args: argparse.Namespace) -> int:
    if args.format == "parquet":
        if not args.out:
            print("python -m lib codebook: error: --format parquet needs --out FILE", file=sys.stderr)
            return EXIT_USAGE
        frame.to_parquet(args.out, index=False)
    elif args.format == "jsonl":
        out = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout
        try:
            for rec in frame.to_dict("records"):
                out.write(json.dumps({k: (int(v) if k in ("sent_id", "start", "end") else v) for k, v in rec.items()},
                                     ensure_ascii=False) + "\n")
        finally:
            if args.out:
                out.close()
    elif args.out:
        frame.to_csv(args.out, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    else:
        frame.to_csv(sys.stdout, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    return EXIT_OK


def _progress(fraction: float, message: str) -> None:
    print(f"[{fraction:4.0%}] {message}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    if not args.action:
        args.parser.print_usage(sys.stderr)
        print("python -m lib codebook: error: an action is required (check, import, export, code)", file=sys.stderr)
        return EXIT_USAGE
    if args.action == "import":
        from lib.analysis.codebook import CodebookError, import_dictionary, to_yaml

        try:
            imported = import_dictionary(args.file, format=args.format)
        except CodebookError as exc:
            for message in exc.messages:
                print(f"{exc.source}: {message}", file=sys.stderr)
            return EXIT_REFUSED
        for note in imported.notes:
            print(f"note: {note}", file=sys.stderr)
        sys.stdout.write(to_yaml(imported.codebook))
        cb = imported.codebook
        print(f"{len(cb.categories)} categories, {len(cb.queries())} words and phrases", file=sys.stderr)
        return EXIT_OK
    if args.action in ("check", "export"):
        codebook = _read(_codebook_path(args.file))
        if codebook is None:
            return EXIT_REFUSED
        if args.action == "check":
            rules = sum(len(c.rules) for c in codebook.categories)
            print(f"{codebook.title}: {len(codebook.categories)} categories, {rules} rules, "
                  f"{len(codebook.queries())} words and phrases, version {codebook.version}")
            return EXIT_OK
        from lib.analysis.codebook import codebook_table

        return _write_table(codebook_table(codebook), args)
    return _code(args)


def _code(args: argparse.Namespace) -> int:
    from lib.analysis import filters, positions
    from lib.ingest.corpus import corpus_dir
    from lib.store import annotations
    from lib.store.documents import load_corpus_cached

    if args.format == "parquet" and not args.out:
        print("python -m lib codebook: error: --format parquet needs --out FILE", file=sys.stderr)
        return EXIT_USAGE
    directory = corpus_dir()
    loaded = load_corpus_cached(directory)
    documents = loaded.documents
    if documents.empty:
        print(f"refused: no documents in {directory}", file=sys.stderr)
        return EXIT_REFUSED
    selection = documents
    if args.org:
        chosen, unknown = filters.match_orgs(documents, args.org)
        if unknown:
            print(f"refused: unknown organisation(s) {', '.join(map(repr, unknown))}", file=sys.stderr)
            return EXIT_REFUSED
        selection = documents[documents["org_short"].isin(chosen)]
    ann = annotations.load_or_build(documents, corpus_dir=directory, progress=_progress)
    codebook = _read(_codebook_path(args.file), ann.actor_types["actor"].astype(str).unique())
    if codebook is None:
        return EXIT_REFUSED
    coded = positions.coded_corpus(ann, codebook, progress=_progress)
    for warning in coded.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    table = positions.export_table(coded, selection, codebook)
    code = _write_table(table, args)
    print(f"{len(table):,} coded sentence(s) in {table['doc_id'].nunique():,} of {len(selection):,} document(s); "
          f"codebook version {codebook.version}", file=sys.stderr)
    return code
