"""``python -m lib kwic QUERY [--org ORG]... [--width N] [--case] [--format csv|jsonl]``: concordance lines.

One record per line of the concordance, in the corpus's document order, with the fields
``corpus_version, doc_id, organisation, date, start, end, left, node, right``: ``start`` and
``end`` are offsets of the match in the document's cleaned text, ``left``/``right`` its context
(``--width`` words each side), ``node`` the match as written. No comment lines: CSV and JSONL
readers take the output as it is; messages and progress go to stderr. The same library and
numbers as the Terms page's concordance (``q=`` in its address).

QUERY is the query language of the app: a word or phrase on normal forms ("US" is the
country, not "us"; "secretary-general" is one word), ``*`` and ``?`` inside a word,
``lemma:go``, ``re:PATTERN`` per word; ``--case`` matches the spelling as written.
``CORPUS_DIR`` chooses the corpus (default ``corpus/``). Exit 0 done (also with no match),
1 refused (an invalid query, an unknown organisation, no documents), 2 usage error.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys

from lib.cli.common import EXIT_OK, EXIT_REFUSED, EXIT_USAGE

DEFAULT_WIDTH = 8  # lib.analysis.query.DEFAULT_WIDTH (not imported here: --help must answer at once)
MAX_WIDTH = 40  # lib.analysis.query.MAX_WIDTH


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("kwic", help="print the concordance lines of a query", description=__doc__,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("query", metavar="QUERY", help="a word, phrase or pattern (see above)")
    p.add_argument("--org", action="append", default=[], metavar="ORG",
                   help="only this organisation (short or full name, any case); repeat for several")
    p.add_argument("--width", type=int, default=DEFAULT_WIDTH,
                   help=f"words of context on each side, 1-{MAX_WIDTH} (default {DEFAULT_WIDTH})")
    p.add_argument("--case", action="store_true", help="match the spelling exactly as written")
    p.add_argument("--format", choices=("jsonl", "csv"), default="jsonl", help="output format (default jsonl)")
    p.set_defaults(func=run)


def _progress(fraction: float, message: str) -> None:
    print(f"[{fraction:4.0%}] {message}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    from lib.analysis import filters, query
    from lib.ingest.corpus import corpus_dir, corpus_version
    from lib.store import annotations, counts
    from lib.store.documents import load_corpus_cached
    from lib.store.term_index import TermIndex

    if not 1 <= args.width <= query.MAX_WIDTH:
        print(f"python -m lib kwic: error: --width must be between 1 and {query.MAX_WIDTH}", file=sys.stderr)
        return EXIT_USAGE
    try:
        parsed = query.parse_query(args.query, case=args.case)
    except query.QueryError as exc:
        print(f"refused: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    directory = corpus_dir()
    loaded = load_corpus_cached(directory)
    for notice in loaded.notices:
        print(f"note: {notice.message}", file=sys.stderr)
    documents = loaded.documents
    if documents.empty:
        print(f"refused: no documents in {directory}", file=sys.stderr)
        return EXIT_REFUSED
    selection = documents
    if args.org:
        chosen, unknown = filters.match_orgs(documents, args.org)
        if unknown:
            known = ", ".join(sorted(set(documents["org_short"]), key=str.casefold))
            print(f"refused: unknown organisation(s) {', '.join(map(repr, unknown))}; the corpus has {known}",
                  file=sys.stderr)
            return EXIT_REFUSED
        selection = documents[documents["org_short"].isin(chosen)]

    ann = annotations.load_or_build(documents, corpus_dir=directory, progress=_progress)
    if ann.warning:
        print(f"warning: {ann.warning}", file=sys.stderr)
    indexes: dict[tuple[str, int], TermIndex] = {}

    def index_for(unit: str, n: int) -> TermIndex:
        if (unit, n) not in indexes:
            indexes[unit, n] = TermIndex(ann.term_counts(unit, n), unit=unit, n=n)
        return indexes[unit, n]

    def words_for(doc_ids: list[str]):
        return counts.word_table(ann.tokens(doc_ids, ["sent_id", "start", "text", "lemma", "is_stop"]))

    try:
        result = query.concordance(parsed, selection, words_for=words_for, index_for=index_for, width=args.width,
                                   max_lines=None, time_limit=None)
    except query.QueryError as exc:
        print(f"refused: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    records = query.records(result.lines, documents, corpus_version=corpus_version(documents))
    out = sys.stdout
    if args.format == "csv":
        records.to_csv(out, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    else:
        for rec in records.to_dict("records"):
            out.write(json.dumps({k: (int(v) if k in ("start", "end") else v) for k, v in rec.items()},
                                 ensure_ascii=False) + "\n")
    print(f"{result.total} line(s) in {result.documents} document(s) of {len(selection)}", file=sys.stderr)
    return EXIT_OK
