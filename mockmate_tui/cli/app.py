"""`mockmate` with no command: the terminal app."""

from __future__ import annotations

import argparse


def run_app(args: argparse.Namespace) -> int:
    from mockmate_tui.tui.app import run

    return run(database_url=args.database_url)
