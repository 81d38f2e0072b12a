"""`mockmate` with no command: the terminal app."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mockmate_tui.service import MockMate

_DATABASE_URL = "--database-url"


def run_app(args: argparse.Namespace) -> int:
    """Run the app until the person quits; the process exit code."""
    from mockmate_tui.tui.app import make_app

    database_url: str | None = args.database_url

    def open_service() -> MockMate:
        from mockmate_tui.service import MockMate

        return MockMate.open(database_url)

    app = make_app(open_service, handle_signals=True)
    try:
        app.run()
    finally:
        app.close_service()
    return app.return_code or 0


def app_only_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """The arguments if `argv` only opens the app (nothing, or just --database-url URL), else
    None.

    `mockmate` alone is the common case, and building the full parser imports every
    subcommand's module (the service, the exports...): about 0.4 s before the app's first
    frame. With this, main() can open the app straight away and build the full parser only
    for a subcommand, --help or --version.
    """
    database_url: str | None = None
    rest = list(argv)
    while rest:
        argument = rest.pop(0)
        if argument == _DATABASE_URL and rest and not rest[0].startswith("-"):
            database_url = rest.pop(0)
        elif argument.startswith(f"{_DATABASE_URL}=") and len(argument) > len(_DATABASE_URL) + 1:
            database_url = argument.split("=", 1)[1]
        else:
            return None
    return argparse.Namespace(database_url=database_url)
