"""`mockmate export --all`: every session to one JSON or CSV file, with a progress bar when it
takes more than a moment. The file appears complete or not at all."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from mockmate_tui.cli.profile import local_user
from mockmate_tui.core.clock import Clock
from mockmate_tui.errors import InvalidInputError
from mockmate_tui.export.bulk import BULK_FORMATS, write_csv, write_json
from mockmate_tui.export.files import default_export_dir, open_atomically, resolve_target
from mockmate_tui.models import SessionReport, SessionSummary
from mockmate_tui.service import MockMate

# A bar that flashes up for a tenth of a second is noise: it appears only once the export has
# taken this long.
PROGRESS_DELAY_SECONDS = 0.5


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export", help="export every session to one JSON or CSV file",
        description="Export all your sessions, with their questions, answers, scores and "
        "feedback, to one file. (One session's report: mockmate report SESSION_ID.)",
    )
    parser.add_argument("--all", action="store_true", dest="all_sessions", required=True,
                        help="export every session (required)")
    parser.add_argument("--format", "-f", choices=BULK_FORMATS, dest="fmt",
                        help="json or csv; without it, -o FILE's extension decides "
                        "(else json)")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="where to write (default: mockmate-sessions-DATE.json or .csv "
                        "in the current folder; '-': standard output)")
    parser.set_defaults(handler=run_export)


class DelayedProgress:
    """A rich progress bar on standard error that shows itself only after `delay` seconds, read
    from `clock`, so quick exports print nothing but their result."""

    def __init__(self, total: int, clock: Clock, console: Console, *,
                 delay: float = PROGRESS_DELAY_SECONDS) -> None:
        self.total = total
        self.completed = 0
        self._clock = clock
        self._console = console
        self._delay = delay
        self._started_at = clock.monotonic()
        self._bar: Progress | None = None
        self._task: Any = None

    @property
    def shown(self) -> bool:
        return self._bar is not None

    def advance(self) -> None:
        self.completed += 1
        if self._bar is None and self._clock.monotonic() - self._started_at >= self._delay:
            self._bar = Progress(
                TextColumn("Exporting sessions"), BarColumn(), MofNCompleteColumn(),
                TimeRemainingColumn(), console=self._console, transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task("export", total=self.total)
        if self._bar is not None:
            self._bar.update(self._task, completed=self.completed)

    def __enter__(self) -> DelayedProgress:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.stop()


def reports_oldest_first(service: MockMate, summaries: Sequence[SessionSummary],
                         progress: DelayedProgress) -> Iterator[SessionReport]:
    """Each session's report, read one at a time so only one is in memory."""
    for summary in reversed(summaries):  # the service lists newest first
        yield service.get_interview_report(summary.session.id)
        progress.advance()


def run_export(args: argparse.Namespace) -> int:
    fmt = args.fmt or _format_from_extension(args.output)
    writer = write_json if fmt == "json" else write_csv
    stderr = Console(stderr=True, highlight=False)
    with MockMate.open(args.database_url, heartbeat=False) as service:
        summaries = service.list_session_summaries(local_user(service).id)
        with DelayedProgress(len(summaries), service.clock, stderr) as progress:
            reports = reports_oldest_first(service, summaries, progress)
            if args.output == "-":
                count = writer(reports, sys.stdout.buffer)
                sys.stdout.buffer.flush()
                return 0
            today = service.clock.now().astimezone().date().isoformat()
            target = resolve_target(Path(args.output) if args.output else None,
                                    default_export_dir(), f"mockmate-sessions-{today}.{fmt}")
            with open_atomically(target) as handle:
                count = writer(reports, handle)
    Console(highlight=False).print(
        f"Exported {count} session(s) as {fmt} to [b]{escape(str(target))}[/b]", soft_wrap=True
    )
    return 0


def _format_from_extension(output: str | None) -> str:
    if not output or output == "-":
        return "json"
    suffix = Path(output).suffix.lower().lstrip(".")
    if suffix in BULK_FORMATS:
        return suffix
    if Path(output).is_dir():
        return "json"
    raise InvalidInputError(
        f"Cannot tell the format from {output!r}: add --format json or --format csv."
    )
