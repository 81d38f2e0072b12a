"""`mockmate history`: every session (date, job title, duration, credits, average score) and the
progress across them, as a terminal chart or as JSON."""

from __future__ import annotations

import argparse
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from rich.console import Console

from mockmate_tui.cli.profile import local_user
from mockmate_tui.core.progress import Progress, progress
from mockmate_tui.export.progress import delivery_trend, history_table, progress_chart
from mockmate_tui.models import SessionSummary, User
from mockmate_tui.service import MockMate


class ExportedHistory(BaseModel):
    """What `mockmate history --json` prints."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    format: Literal["mockmate.history"] = Field("mockmate.history")
    format_version: Literal[1, 2] = Field(
        2, description="Raised only by an incompatible change; 2 adds each session's spoken "
        "answers, words_per_minute and fillers_per_minute. Written as 2; 1 is still read.")
    user: User
    sessions: list[SessionSummary] = Field(description="Newest first.")
    progress: Progress = Field(
        description="Oldest first: the average score of each session, overall and per category."
    )


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "history", help="your sessions and your progress across them",
        description="List your sessions (newest first) and chart your average score per "
        "session and per category.",
    )
    parser.add_argument("--json", action="store_true", help="print JSON for other programs")
    parser.set_defaults(handler=run_history)


def load_history(service: MockMate) -> ExportedHistory:
    """The local user's sessions and their progress, per session and per category."""
    user = local_user(service)
    summaries = service.list_session_summaries(user.id)
    return ExportedHistory(user=user, sessions=summaries,
                           progress=progress(summaries, service.category_averages(user.id)))


def run_history(args: argparse.Namespace) -> int:
    with MockMate.open(args.database_url, heartbeat=False) as service:
        history = load_history(service)
    if args.json:
        print(history.model_dump_json(indent=2))
        return 0
    console = Console(highlight=False, emoji=False)
    if not history.sessions:
        console.print("No sessions yet. Run `mockmate` to practise your first interview.")
        return 0
    console.print(history_table(history.sessions))
    console.print(progress_chart(history.progress))
    if (trend := delivery_trend(history.sessions)) is not None:
        console.print(trend)
    return 0
