"""Command-line dispatch for ``python -m lib``.

Each subcommand lives in its own module exposing ``register(subparsers)`` (adds its parser and
sets ``func``) — to add one, write the module and list it in :data:`COMMAND_MODULES`.

Contract (DESIGN.md): stdout carries only results, messages go to stderr; exit 0 on success,
1 on refused input, 2 on usage errors.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2

COMMAND_MODULES = ("lib.cli.annotate", "lib.cli.evaluate", "lib.cli.add")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m lib", description="Party Lines command line.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
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
