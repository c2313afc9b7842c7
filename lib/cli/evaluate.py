"""``python -m lib evaluate [--gold DIR] [--plain]``: score the pipeline against hand annotation.

``python -m lib evaluate --codebook [FILE] [--gold DIR ...] [--half H,H|all] [--pool NAME=H,H ...]
[--held-out H,H] [--report MD]`` scores the codebook's rules (default ``CORPUS_DIR/codebook.yaml``)
against hand-coded positions gold instead (:mod:`lib.analysis.positions_eval`): per category
precision, recall and F1 with counts, macro averages per half and pool, and Cohen's kappa between
the two codings of each folder. ``--gold`` (or ``--positions``) names a positions gold folder and
may be given several times; by default every ``tests/data/positions*`` folder with a ``gold.jsonl``.
Halves a folder's ``set.json`` marks as spent are scored as development data: by default they are
pooled with ``dev`` as "development", and the bar is reported on the other held-out halves.
``--report`` writes the Markdown report (``docs/EVALUATION_POSITIONS.md``), keeping what follows its
notes marker.

Gold sets: ``DIR/seed_actors.jsonl`` (the corpus texts it names, looked up in CORPUS_DIR or
corpus/; furniture regions from ``DIR/seed_furniture_regions.jsonl``) and every
``DIR/*/gold.jsonl`` (a held-out set whose texts sit next to it). Prints precision, recall and
F1 for detection (overlap, exact), label and grouping over PERSON, ORG and STATE.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from lib.cli.common import EXIT_OK, EXIT_REFUSED


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("evaluate", help="score the pipeline against the gold annotation", description=__doc__)
    p.add_argument("--gold", action="append", metavar="DIR",
                   help="gold folder (default tests/data); with --codebook, a positions gold folder (repeatable)")
    p.add_argument("--plain", action="store_true", help="also score the plain model (no gazetteer, no rules)")
    p.add_argument("--scope", default="PERSON,ORG,STATE", help="labels to score (default PERSON,ORG,STATE)")
    p.add_argument("--codebook", nargs="?", const="", default=None, metavar="FILE",
                   help="score the codebook's rules (default CORPUS_DIR/codebook.yaml) against the positions gold")
    p.add_argument("--positions", action="append", metavar="DIR",
                   help="a positions gold folder (repeatable; default every tests/data/positions* with a gold.jsonl)")
    p.add_argument("--half", default="all", metavar="H,H",
                   help="halves to score, comma-separated, or all (default); both = dev,test")
    p.add_argument("--pool", action="append", default=[], metavar="NAME=H,H",
                   help="also score these halves as one (repeatable), e.g. development=dev,test")
    p.add_argument("--held-out", metavar="H,H",
                   help="halves the bar is reported on (default: scored halves other than dev and the spent ones)")
    p.add_argument("--report", metavar="MD", help="also write the Markdown report here")
    p.set_defaults(func=run)


def _find(name: str, folders: list[Path]) -> Path | None:
    for folder in folders:
        if (folder / name).is_file():
            return folder / name
    return None


def gold_sets(gold_dir: Path) -> list[tuple[str, Path, list[Path]]]:
    """(set name, gold file, folders holding its texts) for every gold set under gold_dir."""
    sets = []
    seed = gold_dir / "seed_actors.jsonl"
    if seed.is_file():
        corpus = Path(os.environ.get("CORPUS_DIR") or "corpus")
        sets.append(("corpus", seed, [corpus, Path("corpus"), gold_dir, gold_dir.parent.parent / "corpus"]))
    for sub in sorted(p for p in gold_dir.iterdir() if p.is_dir()):
        if (sub / "gold.jsonl").is_file() and _is_actor_gold(sub / "gold.jsonl"):
            sets.append((sub.name, sub / "gold.jsonl", [sub]))
    return sets


def _is_actor_gold(path: Path) -> bool:
    """True when the file's first row is an actor mention (doc, start, end, canonical).

    Other gold files share the name (the positions gold, ``positions/gold.jsonl``, codes
    sentences): reading one as actor spans refused the whole evaluation.
    """
    import json

    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                try:
                    row = json.loads(line)
                except ValueError:
                    return False
                return isinstance(row, dict) and {"doc", "start", "end", "canonical"} <= row.keys()
    return False


def run(args: argparse.Namespace) -> int:
    if args.codebook is not None:
        return run_codebook(args)
    from lib.ingest.decoding import RefusedInput
    from lib.nlp.engine import load_pipeline, load_plain_model
    from lib.nlp.evaluate import Mention, format_table, gold_mentions, read_gold, read_probes, read_regions, score
    from lib.nlp.files import plain_records_for, read_source_text, records_for

    gold_dir = Path(args.gold[-1] if args.gold else "tests/data")
    if not gold_dir.is_dir():
        print(f"no gold folder at {gold_dir}", file=sys.stderr)
        return EXIT_REFUSED
    sets = gold_sets(gold_dir)
    if not sets:
        print(f"no gold files (seed_actors.jsonl or */gold.jsonl) in {gold_dir}", file=sys.stderr)
        return EXIT_REFUSED
    scope = tuple(s.strip().upper() for s in args.scope.split(",") if s.strip())
    pipeline = load_pipeline()
    if pipeline.warning:
        print(f"warning: {pipeline.warning}", file=sys.stderr)
    plain_nlp = None
    if args.plain:
        plain_nlp = load_plain_model()
    rows = []
    for set_name, gold_file, folders in sets:
        gold_rows = read_gold(gold_file)
        regions = read_regions(gold_file.parent / "seed_furniture_regions.jsonl") if set_name == "corpus" else read_regions(gold_file.parent / "furniture.jsonl")
        names = sorted({r["doc"] for r in gold_rows})
        sources = []
        for name in names:
            path = _find(name, folders)
            if path is None:
                print(f"{set_name}: text {name} not found in {', '.join(map(str, folders))}", file=sys.stderr)
                return EXIT_REFUSED
            try:
                sources.append(read_source_text(path, name=name))
            except RefusedInput as exc:
                print(f"{name}: refused: {exc}", file=sys.stderr)
                return EXIT_REFUSED
        gold = gold_mentions(gold_rows)
        print(f"{set_name}: annotating {len(sources)} text(s)", file=sys.stderr)
        systems = []
        if plain_nlp is not None:
            systems.append(("plain", plain_records_for(sources, plain_nlp, pipeline.gazetteer)))
        systems.append(("pipeline", records_for(sources, pipeline)))
        for system, records in systems:
            pred = [Mention(r["doc"], r["start"], r["end"], r["label"], r["actor"]) for r in records]
            rows.append((set_name, system, score(gold, pred, regions, scope)))
    print(f"scope: {', '.join(scope)}; furniture regions ignored; pipeline {pipeline.version}")
    print(format_table(rows))
    meta_rows = _metadata_rows(gold_dir, library=args.plain)
    if meta_rows:
        from lib.nlp.evaluate import format_metadata_table

        print()
        print(format_metadata_table(meta_rows))
        for set_name, system, sc in meta_rows:
            for file, field_name, expected, got in (sc.misses or []) if system == "party lines" else []:
                print(f"  miss [{set_name}] {file} {field_name}: expected {expected!r}, got {got!r}")
    probes = read_probes(gold_dir / "probes.jsonl")
    if probes:
        print()
        print(_probe_report(probes, pipeline, scope))
    return EXIT_OK


def _probe_report(probes: list[dict], pipeline, scope: tuple[str, ...]) -> str:
    """Each probe sentence annotated alone (with its ``about``): how many yield exactly their actors."""
    from lib.nlp.engine import annotate
    from lib.nlp.evaluate import probe_passes

    lines = []
    passed = 0
    for n, probe in enumerate(probes):
        doc_id = f"probe-{n}"
        ann = annotate(pipeline, [(doc_id, probe["text"])], about={doc_id: probe.get("about") or {}})
        ok, found = probe_passes(probe, ann.mentions.to_dict("records"), scope)
        passed += ok
        if not ok:
            got = "; ".join(f"{t} → {a} ({lab}{', ' + r if r else ''})" for t, lab, a, r in found) or "nothing"
            lines.append(f"  FAIL [{probe.get('case', '')}] {probe['text']}\n       found: {got}")
    return "\n".join([f"actor probes in context: {passed} of {len(probes)} pass", *lines])


def _metadata_rows(gold_dir: Path, *, library: bool) -> list:
    """Title/author/date scores for every folder of gold_dir with a ``metadata_gold.csv``.

    "party lines" is what ``add`` suggests (lib.ingest.adding.prepare); with ``--plain``,
    "trafilatura" is the library alone on the HTML pages of the set.
    """
    import csv

    from lib.ingest.adding import prepare
    from lib.ingest.decoding import RefusedInput
    from lib.nlp.evaluate import MetadataScore

    rows = []
    for sub in sorted(p for p in gold_dir.iterdir() if p.is_dir() and (p / "metadata_gold.csv").is_file()):
        ours, lib_only = MetadataScore(), MetadataScore()
        with (sub / "metadata_gold.csv").open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                path = sub / row["file"]
                try:
                    prepared = prepare(path.read_bytes(), name=path.name)
                except (OSError, RefusedInput) as exc:
                    print(f"{path}: {exc}", file=sys.stderr)
                    continue
                ours.add(row["file"], row, prepared.suggestion.values)
                if library and prepared.fmt == "html":
                    lib_only.add(row["file"], row, _library_values(path, prepared.encoding))
        rows.append((sub.name, "party lines", ours))
        if library and lib_only.n:
            rows.append((sub.name, "trafilatura", lib_only))
    return rows


def _library_values(path: Path, encoding: str) -> dict[str, str]:
    from lib.ingest.metadata import library_metadata

    return library_metadata(path.read_bytes().decode(encoding, errors="replace"))


POSITIONS_DATA = Path("tests/data")


def positions_folders(args: argparse.Namespace) -> list[Path]:
    """The positions gold folders to score: those named, else every ``tests/data/positions*`` with a gold."""
    named = [*(args.positions or []), *(args.gold or [])]
    if named:
        return [Path(p) for p in named]
    return sorted(p for p in POSITIONS_DATA.glob("positions*") if (p / "gold.jsonl").is_file())


def _names(text: str | None) -> list[str]:
    return [h.strip() for h in (text or "").split(",") if h.strip()]


def run_codebook(args: argparse.Namespace) -> int:
    """``evaluate --codebook``: the rules against the positions gold, and the codings' agreement."""
    from lib.analysis import positions_eval as pe
    from lib.analysis.codebook import CodebookError, load_codebook
    from lib.analysis.positions import code_tables
    from lib.contracts import CODEBOOK_FILE, CORPUS_ACTORS
    from lib.ingest.corpus import corpus_dir
    from lib.nlp.engine import annotate, load_pipeline
    from lib.nlp.gazetteer import merged_actors

    path = Path(args.codebook) if args.codebook else corpus_dir() / CODEBOOK_FILE
    folders = positions_folders(args)
    if not folders:
        print("refused: no positions gold folder (give one with --gold DIR)", file=sys.stderr)
        return EXIT_REFUSED
    parts = []
    for folder in folders:
        try:
            parts.append(pe.read_gold(folder))
        except (OSError, ValueError) as exc:
            print(f"refused: the positions gold in {folder} cannot be read ({exc})", file=sys.stderr)
            return EXIT_REFUSED
    try:
        gold = pe.combine(parts)
    except ValueError as exc:
        print(f"refused: these gold folders cannot be scored together ({exc})", file=sys.stderr)
        return EXIT_REFUSED
    available = gold.half_names()
    wanted = available if args.half == "all" else (["dev", "test"] if args.half == "both" else _names(args.half))
    unknown = [h for h in wanted if h not in available]
    pools: dict[str, list[str]] = {}
    for spec in args.pool:
        name, _, members = spec.partition("=")
        pools[name.strip()] = _names(members)
        unknown += [h for h in pools[name.strip()] if h not in available]
        if not name.strip() or not pools[name.strip()]:
            print(f"refused: --pool {spec!r} is not NAME=HALF,HALF", file=sys.stderr)
            return EXIT_REFUSED
    if unknown:
        print(f"refused: no half {', '.join(map(repr, dict.fromkeys(unknown)))} in "
              f"{', '.join(map(str, folders))} (halves: {', '.join(available)})", file=sys.stderr)
        return EXIT_REFUSED
    spent = [h for h in (gold.spent or {}) if h in wanted]
    if not args.pool and spent and "dev" in wanted:
        pools["development"] = ["dev", *spent]  # a spent half is development data now
    held_out = _names(args.held_out) if args.held_out else [h for h in wanted if h != "dev" and h not in spent]
    actors, _ = merged_actors(corpus_dir() / CORPUS_ACTORS)
    try:
        codebook = load_codebook(path, known_actors=[a.name for a in actors])
    except CodebookError as exc:
        for message in exc.messages:
            print(f"{exc.source}: {message}", file=sys.stderr)
        return EXIT_REFUSED
    halves = tuple(wanted)
    docs = sorted(d for d, h in gold.halves.items() if h in halves)
    pipeline = load_pipeline()
    if pipeline.warning:
        print(f"warning: {pipeline.warning}", file=sys.stderr)
    print(f"annotating {len(docs)} text(s) of the {' and '.join(halves)} half", file=sys.stderr)
    result = annotate(pipeline, [(d, gold.texts[d]) for d in docs])
    coded = code_tables(codebook, result.sentences, result.tokens, result.mentions)
    for warning in coded.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    sentences = gold.sentences[gold.sentences["half"].isin(halves)]
    predicted = pe.predicted_codes(coded, sentences)
    table = pe.scores(gold.codes, predicted, sentences, codebook.ids, pools=pools)
    agreement = {pe._shown(g.folder): pe.kappas(g.codes, g.second, codebook.ids) for g in (gold.parts or (gold,))}
    print(f"codebook {path} version {codebook.version}; pipeline {pipeline.version}")
    print(pe.plain_table(table))
    for where, kappa in agreement.items():
        if len(kappa) and int(kappa["sentences"].max()):
            print()
            print(f"Cohen's kappa, the two codings of {where} on the doubly coded sentences:")
            print(pe.plain_table(kappa))
    if args.report:
        report = Path(args.report)
        kept = report.read_text(encoding="utf-8") if report.is_file() else ""
        command = "python -m lib " + " ".join(sys.argv[1:]) if len(sys.argv) > 1 and sys.argv[1] == "evaluate" else ""
        report.write_text(pe.report_markdown(table, agreement, gold=gold, codebook=codebook, halves=halves,
                                             pipeline=pipeline.version, kept=kept, command=command,
                                             held_out=held_out), encoding="utf-8")
        print(f"wrote {report}", file=sys.stderr)
    return EXIT_OK
