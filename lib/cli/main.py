"""Command-line dispatch for ``python -m lib``.

Each subcommand lives in its own module exposing ``register(subparsers)`` (adds its parser and
sets ``func``) — to add one, write the module, import it here and list it in :data:`COMMANDS`.
The command modules import their heavy dependencies (pandas, spaCy) inside ``run``, so
``--help`` and a usage error answer at once.

Contract (DESIGN.md): stdout carries only results, messages go to stderr; exit 0 on success,
1 on refused input, 2 on usage errors.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from lib.cli import add, annotate, build, codebook, collocates, evaluate, importing, keyness, kwic
from lib.cli.common import EXIT_USAGE

COMMANDS = (annotate, evaluate, add, importing, build, kwic, keyness, collocates, codebook)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m lib", description="Party Lines command line.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments and run the subcommand; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    if not getattr(args, "func", None):
        parser.print_usage(sys.stderr)
        print("python -m lib: error: a command is required", file=sys.stderr)
        return EXIT_USAGE
    return int(args.func(args))
