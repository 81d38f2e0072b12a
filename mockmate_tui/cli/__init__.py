"""The `mockmate` command. With no arguments it opens the terminal app; subcommands script the
rest. Each subcommand lives in its own module here and registers itself in `_COMMAND_MODULES`.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from mockmate_tui import __version__
from mockmate_tui.errors import MockMateError

# Each module has `register(subparsers)`, which adds its parser and sets `handler` to a
# function (args) -> int.
_COMMAND_MODULES: tuple[str, ...] = ()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mockmate",
        description="Practise job interviews in your terminal. Run with no command to open the app.",
    )
    parser.add_argument("--version", action="version", version=f"mockmate {__version__}")
    parser.add_argument(
        "--database-url",
        metavar="URL",
        help="PostgreSQL URL to use instead of the embedded database "
        "(default: $MOCKMATE_DATABASE_URL, else the embedded database).",
    )
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name in _COMMAND_MODULES:
        importlib.import_module(f"mockmate_tui.cli.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        handler = getattr(args, "handler", None)
        if handler is None:
            from mockmate_tui.cli.app import run_app

            return run_app(args)
        return int(handler(args))
    except MockMateError as error:
        print(f"mockmate: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
