"""``python -m lib keyness --org A [--reference B] [--unit word|lemma] [--n 1..3] [--format csv|jsonl]``.

Keyness of every term of one organisation (or several, ``--org`` repeated: pooled) against a
reference: ``rest`` (every other document, the default), ``all`` (the whole corpus, the target
included) or one or more organisations (``--reference`` repeated: pooled). G² (log-likelihood)
with its p value, and Hardie's log ratio as the effect size, as the Terms page computes them
(``lib.analysis.stats.keyness_against``), with the page's plain-language reading.

One record per term, strongest G² first: ``corpus_version, target, reference, unit, n, term,
reading, count_target, count_reference, per_1000_target, per_1000_reference, g2, p, log_ratio,
direction``. Results on stdout (no comment lines), messages on stderr; ``CORPUS_DIR`` chooses the
corpus. Exit 0 done, 1 refused (an unknown organisation, an empty side), 2 usage error.
"""

from __future__ import annotations

import argparse
import sys

from lib.cli.common import EXIT_OK, EXIT_REFUSED, FORMATS, Refused

RECORD_FIELDS = ("corpus_version", "target", "reference", "unit", "n", "term", "reading", "count_target",
                 "count_reference", "per_1000_target", "per_1000_reference", "g2", "p", "log_ratio", "direction")


def _p(value: str) -> float:
    number = float(value)
    if not 0 < number <= 1:
        raise argparse.ArgumentTypeError("must be between 0 and 1")
    return number


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("keyness", help="distinctive terms of an organisation against a reference",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--org", action="append", required=True, metavar="ORG",
                   help="target organisation (short or full name); repeat to pool several")
    p.add_argument("--reference", action="append", default=None, metavar="REF",
                   help="rest (default), all, or an organisation; repeat to pool several organisations")
    p.add_argument("--unit", choices=("word", "lemma"), default="word", help="count words or lemmas (default word)")
    p.add_argument("--n", type=int, choices=(1, 2, 3), default=1, help="term length in words (default 1)")
    p.add_argument("--stop", action="store_true", help="keep stop words (and n-grams starting or ending with one)")
    p.add_argument("--min-count", dest="min_count", type=int, default=2,
                   help="leave out terms used fewer times on both sides together (default 2, as the page)")
    p.add_argument("--max-p", dest="max_p", type=_p, default=None,
                   help="only terms with p at or below this (default: every term)")
    p.add_argument("--format", choices=FORMATS, default="csv", help="output format (default csv)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import pandas as pd

    from lib.analysis import filters, stats
    from lib.cli.common import open_corpus, write_records
    from lib.ingest.corpus import corpus_version
    from lib.store.term_index import TermIndex

    try:
        documents, annotated = open_corpus()
        target, unknown = filters.match_orgs(documents, args.org)
        if unknown:
            raise Refused(f"unknown organisation(s): {', '.join(unknown)}")
        refs = args.reference or [stats.REFERENCE_REST]
        if len(refs) == 1 and refs[0].strip().lower() in (stats.REFERENCE_REST, stats.REFERENCE_ALL):
            reference: str | list[str] = refs[0].strip().lower()
        else:
            reference, unknown = filters.match_orgs(documents, refs)
            if unknown:
                raise Refused(f"unknown reference organisation(s): {', '.join(unknown)} (or use rest / all)")
        sides = stats.keyness_sides(documents, target, reference)
    except (Refused, stats.SidesError) as exc:
        print(f"refused: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    index = TermIndex(annotated.term_counts(args.unit, args.n), unit=args.unit, n=args.n)
    table = stats.keyness_against(index, sides, stop=args.stop, min_count=args.min_count)
    if args.max_p is not None:
        table = table[table["p"] <= args.max_p]
    out = pd.DataFrame({"corpus_version": corpus_version(documents), "target": sides.target_name,
                        "reference": sides.reference_name, "unit": args.unit, "n": args.n},
                       index=table.index).join(table)
    write_records(out[list(RECORD_FIELDS)], args.format)
    print(f"{len(out)} term(s): {sides.target_name} ({len(sides.target_ids)} document(s), "
          f"{sides.target_words:,} words) against {sides.reference_name} ({len(sides.reference_ids)} document(s), "
          f"{sides.reference_words:,} words)", file=sys.stderr)
    return EXIT_OK

