"""``python -m lib collocates QUERY [--org ORG]... [--window-left N] [--window-right N] [--min-freq N] [--format csv|jsonl]``.

The words that keep company with a term (one to three words), as the Terms page's collocates
(``lib.analysis.stats.collocation_table``): every word within N words left and right of an
occurrence, in the same sentence, scored by log-Dice, MI, t-score and log-likelihood, with its
position profile. Expected co-occurrence E = f(x)·f(y)·(left + right) / N, N = the words of the
selection (the window-size convention of surface co-occurrence; see ``lib/analysis/stats.py``).

``--org`` (repeatable) limits the corpus to those organisations; ``--by-org`` scores each
organisation on its own counts. One record per collocate (per organisation with ``--by-org``),
strongest first by ``--sort``: ``corpus_version, query, term, organisation, collocate, f_xy, f_x,
f_y, expected, log_dice, mi, t_score, log_likelihood`` then ``L<left>``…``L1``, ``R1``…``R<right>``
(how many co-occurrences stand at each position). Results on stdout (no comment lines), messages
on stderr; ``CORPUS_DIR`` chooses the corpus. Exit 0 done (a term that does not occur gives no
records and a note), 1 refused, 2 usage error.
"""

from __future__ import annotations

import argparse
import sys

from lib.cli.common import EXIT_OK, EXIT_REFUSED, FORMATS, Refused

MEASURE_NAMES = ("log_dice", "mi", "t_score", "log_likelihood")
POOLED = "all"  # the organisation of a record over the whole selection


def _window(value: str) -> int:
    number = int(value)
    if not 0 <= number <= 10:
        raise argparse.ArgumentTypeError("must be between 0 and 10")
    return number


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("collocates", help="collocates of a term with MI, t-score, log-likelihood, log-Dice",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("query", metavar="QUERY", help="a term of one to three words")
    p.add_argument("--org", action="append", default=[], metavar="ORG",
                   help="only this organisation's documents (short or full name); repeatable")
    p.add_argument("--window-left", dest="left", type=_window, default=5, help="words to the left (0-10, default 5)")
    p.add_argument("--window-right", dest="right", type=_window, default=5,
                   help="words to the right (0-10, default 5)")
    p.add_argument("--min-freq", dest="min_freq", type=_positive, default=1,
                   help="leave out collocates used fewer times than this in the selection (default 1)")
    p.add_argument("--min-cooc", dest="min_cooc", type=_positive, default=2,
                   help="leave out collocates seen fewer times than this near the term (default 2; the page "
                        "starts at 1 for a term used 5 times or fewer)")
    p.add_argument("--unit", choices=("word", "lemma"), default="word", help="words or lemmas (default word)")
    p.add_argument("--stop", action="store_true", help="keep stop-word collocates")
    p.add_argument("--by-org", dest="by_org", action="store_true", help="score each organisation on its own")
    p.add_argument("--sort", choices=MEASURE_NAMES, default="log_dice", help="order by this measure")
    p.add_argument("--format", choices=FORMATS, default="csv", help="output format (default csv)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import pandas as pd

    from lib.analysis import filters, stats, terms
    from lib.cli.common import open_corpus, write_records
    from lib.ingest.corpus import corpus_version
    from lib.store.term_index import TermIndex

    if args.left + args.right == 0:
        print("python -m lib collocates: error: the window is empty (give --window-left or --window-right > 0)",
              file=sys.stderr)
        return 2
    query = terms.normalise_term(args.query)
    if not query or len(query.split(" ")) > 3:
        print("refused: the query must be a term of one to three words", file=sys.stderr)
        return EXIT_REFUSED
    try:
        documents, annotated = open_corpus()
        version = corpus_version(documents)  # of the corpus, whatever the selection
        if args.org:
            chosen, unknown = filters.match_orgs(documents, args.org)
            if unknown:
                raise Refused(f"unknown organisation(s): {', '.join(unknown)}")
            documents = documents[documents["org_short"].isin(chosen)]
    except Refused as exc:
        print(f"refused: {exc}", file=sys.stderr)
        return EXIT_REFUSED

    indexes: dict[int, TermIndex] = {}

    def index_for(n: int) -> TermIndex:
        if n not in indexes:
            indexes[n] = TermIndex(annotated.term_counts(args.unit, n), unit=args.unit, n=n)
        return indexes[n]

    found = terms.lookup_term(query, documents, index_for)
    columns = ["corpus_version", "query", "term", "organisation", *stats.COLLOCATE_COLUMNS,
               *stats.profile_columns(args.left, args.right)]
    if found.per_doc.empty:
        hint = f" (did you mean: {', '.join(found.suggestions)}?)" if found.suggestions else ""
        print(f"note: '{query}' does not occur in the selection{hint}", file=sys.stderr)
        write_records(pd.DataFrame(columns=columns), args.format)
        return EXIT_OK
    using = [str(d) for d in found.per_doc["doc_id"]]
    node = stats.find_node(annotated.tokens(using, ["sent_id", "text", "lower", "lemma", "is_stop"]), found.term,
                           unit=args.unit)
    options = dict(left=args.left, right=args.right, stop=args.stop, min_cooc=args.min_cooc, min_freq=args.min_freq)
    ids = list(documents["doc_id"].astype(str))
    if args.by_org:
        org_of = dict(zip(documents["doc_id"].astype(str), documents["org_short"].astype(str)))
        groups = documents.groupby("org_short")["doc_id"].apply(lambda s: list(s.astype(str)))
        table = stats.collocates_by_org(node, org_of=org_of, frequencies={
            str(org): index_for(1).totals(members) for org, members in groups.items()}, **options)
        table = table.rename(columns={"org_short": "organisation"})
        table = pd.concat([stats.sort_collocates(part, by=args.sort) for _, part in table.groupby("organisation")],
                          ignore_index=True) if len(table) else table
    else:
        table = stats.sort_collocates(stats.collocation_table(node, frequencies=index_for(1).totals(ids), **options),
                                      by=args.sort)
        table.insert(0, "organisation", POOLED)
    table.insert(0, "term", found.term)
    table.insert(0, "query", args.query)
    table.insert(0, "corpus_version", version)
    write_records(table.reindex(columns=columns), args.format)
    print(f"{len(table)} collocate record(s) of '{found.term}' ({node.count} occurrence(s) in {len(using)} "
          f"document(s))", file=sys.stderr)
    return EXIT_OK
