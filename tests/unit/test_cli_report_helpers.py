"""The report commands' own logic: the format a file name implies, and a progress bar that
appears only when an export takes more than a moment."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from mockmate_tui.cli.export import PROGRESS_DELAY_SECONDS, DelayedProgress
from mockmate_tui.cli.report import format_for
from mockmate_tui.core.clock import FakeClock


@pytest.mark.parametrize(
    ("fmt", "output", "expected"),
    [(None, None, "text"), (None, "r.pdf", "pdf"), (None, "r.MD", "md"),
     (None, "r.markdown", "md"), (None, "r.htm", "html"), (None, "r.txt", "text"),
     (None, "r.json", "json"), (None, "-", "text"), (None, "r.unknown", "text"),
     ("json", "r.pdf", "json")],
)
def test_the_format_comes_from_the_option_else_the_file_name(
    fmt: str | None, output: str | None, expected: str
) -> None:
    assert format_for(fmt, output) == expected


def terminal() -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    return Console(file=buffer, force_terminal=True, width=80), buffer


def test_a_quick_export_shows_no_progress_bar() -> None:
    clock = FakeClock()
    console, buffer = terminal()
    with DelayedProgress(3, clock, console) as progress:
        for _ in range(3):
            clock.advance(0.1)
            progress.advance()
        assert not progress.shown
    assert buffer.getvalue() == ""


def test_a_slow_export_shows_a_bar_once_it_takes_more_than_a_moment() -> None:
    clock = FakeClock()
    console, buffer = terminal()
    with DelayedProgress(4, clock, console) as progress:
        clock.advance(PROGRESS_DELAY_SECONDS / 2)
        progress.advance()
        assert not progress.shown
        clock.advance(PROGRESS_DELAY_SECONDS)
        progress.advance()
        assert progress.shown
        progress.advance()
        assert progress.completed == 3
    assert "Exporting sessions" in buffer.getvalue()
