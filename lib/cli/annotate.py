"""``python -m lib annotate FILE... --format jsonl|csv``: actor mentions of any text file.

One record per mention, sorted by (doc, start): doc (the path as given), start, end (Python
character offsets into the file's decoded text: BOM removed, no newline translation, for HTML
the decoded source), text (the exact source slice), label, actor.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys

from lib.cli.common import EXIT_OK, EXIT_REFUSED


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("annotate", help="print the named-actor mentions of files", description=__doc__)
    p.add_argument("files", nargs="+", metavar="FILE", help=".txt, .md or .html file(s)")
    p.add_argument("--format", choices=("jsonl", "csv"), default="jsonl", help="output format (default jsonl)")
    p.add_argument("--model", default=None, help="spaCy pipeline to load (default: the pinned English model)")
    p.add_argument("--actors", default=None, help="extra actors.yaml to merge into the gazetteer")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from lib.ingest.decoding import RefusedInput
    from lib.nlp.engine import load_pipeline
    from lib.nlp.files import RECORD_FIELDS, read_source_text, records_for
    from lib.nlp.gazetteer import GazetteerError

    sources = []
    for name in args.files:
        try:
            sources.append(read_source_text(name, name=name))
        except RefusedInput as exc:
            print(f"{name}: refused: {exc}", file=sys.stderr)
            return EXIT_REFUSED
        except OSError as exc:
            print(f"{name}: cannot read: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_REFUSED
    try:
        pipeline = load_pipeline(model=args.model, corpus_actors=args.actors)
    except GazetteerError as exc:
        print(f"refused: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    if pipeline.warning:
        print(f"warning: {pipeline.warning}", file=sys.stderr)
    records = records_for(sources, pipeline)
    out = sys.stdout
    if args.format == "csv":
        writer = csv.DictWriter(out, fieldnames=list(RECORD_FIELDS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
    else:
        for rec in records:
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"{len(records)} mention(s) in {len(sources)} file(s)", file=sys.stderr)
    return EXIT_OK
