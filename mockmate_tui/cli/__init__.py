"""The `mockmate` command. With no arguments it opens the terminal app; subcommands script the
rest. Each subcommand lives in its own module in this package and is found by its
`register(subparsers)` function, which adds a parser whose `handler` default is a function
(args) -> exit code.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence

from mockmate_tui import __version__
from mockmate_tui.errors import MockMateError


def _command_modules() -> list[str]:
    package = importlib.import_module(__name__)
    return sorted(info.name for info in pkgutil.iter_modules(package.__path__))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mockmate",
        description="Practise job interviews in your terminal. "
        "Run it with no command to open the app.",
    )
    parser.add_argument("--version", action="version", version=f"mockmate {__version__}")
    parser.add_argument(
        "--database-url",
        metavar="URL",
        help="PostgreSQL URL to use instead of the embedded database "
        "(default: $MOCKMATE_DATABASE_URL, else the embedded database).",
    )
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name in _command_modules():
        module = importlib.import_module(f"{__name__}.{name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from mockmate_tui.cli.app import app_only_arguments

    arguments = list(sys.argv[1:] if argv is None else argv)
    # `mockmate` alone opens the app without importing every subcommand's module (about 0.4 s
    # before the first frame); the full parser is built only for a command, --help or --version.
    args = app_only_arguments(arguments)
    if args is None:
        args = build_parser().parse_args(arguments)
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
    except BrokenPipeError:
        # The reader went away (`mockmate ... | head`): not an error worth a traceback.
        # Point stdout at devnull so the interpreter's final flush does not complain again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
