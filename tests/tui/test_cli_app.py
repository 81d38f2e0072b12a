"""`mockmate` alone opens the app without building the subcommand parser; anything else is
left to the full parser, so subcommands, --help and --version behave as before."""

from __future__ import annotations

import pytest

from mockmate_tui.cli import build_parser
from mockmate_tui.cli.app import app_only_arguments


@pytest.mark.parametrize(
    ("argv", "url"),
    [
        ([], None),
        (["--database-url", "postgresql://db/x"], "postgresql://db/x"),
        (["--database-url=postgresql://db/x"], "postgresql://db/x"),
    ],
)
def test_opening_the_app_skips_the_subcommands(argv: list[str], url: str | None) -> None:
    args = app_only_arguments(argv)
    assert args is not None and args.database_url == url
    # The same as the full parser would say.
    full = build_parser().parse_args(argv)
    assert full.database_url == url and getattr(full, "handler", None) is None


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["--version"],
        ["report"],
        ["--database-url"],
        ["--database-url="],
        ["--database-url", "--version"],
        ["--database-url", "postgresql://db/x", "history"],
    ],
)
def test_anything_else_goes_to_the_full_parser(argv: list[str]) -> None:
    assert app_only_arguments(argv) is None
