"""A person's sessions and progress as rich renderables: for `mockmate history` and the TUI.

    history_table(summaries)       the sessions: date, job title, duration, credits, score
    progress_chart(progress)       average score per session (bars) and per category (sparklines)
"""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from mockmate_tui.core.display import score_style
from mockmate_tui.core.durations import stopwatch
from mockmate_tui.core.progress import Progress
from mockmate_tui.export.content import label, score
from mockmate_tui.export.text import score_bar
from mockmate_tui.models import SessionSummary

SPARKS = "▁▂▃▄▅▆▇█"
# Sessions shown in the per-session chart: the latest ones (older ones scroll out).
CHART_SESSIONS = 20


def history_table(summaries: Sequence[SessionSummary]) -> Table:
    """The sessions as given (newest first from the service), one row each; the ID column is
    the start of each session id, enough for `mockmate report ID`."""
    # One space between columns: the table fits an 80-column terminal with a useful job title.
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 0))
    table.add_column("Date", no_wrap=True)
    table.add_column("ID", no_wrap=True, style="dim")
    table.add_column("Job title", ratio=1)
    table.add_column("Status", no_wrap=True)
    table.add_column("Duration", justify="right", no_wrap=True)
    table.add_column("Credits", justify="right", no_wrap=True)
    table.add_column("Answers", justify="right", no_wrap=True)
    table.add_column("Score", justify="right", no_wrap=True)
    for summary in summaries:
        session = summary.session
        table.add_row(
            (session.started_at or session.created_at).astimezone().strftime("%Y-%m-%d"),
            session.id[:8],
            Text(session.job_title + (f" at {session.company}" if session.company else "")),
            session.status,
            stopwatch(session.billed_seconds),
            str(session.credits_used),
            f"{summary.total_answers}/{summary.total_questions}",
            Text(score(summary.average_score), style=score_style(summary.average_score)),
        )
    return table


def sparkline(values: Sequence[float | None], low: float = 1, high: float = 10) -> Text:
    """One character per value: a block as high as the value, a dot where there is none."""
    text = Text()
    for value in values:
        if value is None:
            text.append("·", style="dim")
        else:
            position = (min(max(value, low), high) - low) / (high - low)
            text.append(SPARKS[round(position * (len(SPARKS) - 1))], style=score_style(value))
    return text


def progress_chart(progress: Progress, sessions: int = CHART_SESSIONS) -> RenderableType:
    """Average score per session (the latest `sessions` of them, oldest at the top) and each
    category's average score across those sessions."""
    if not progress.sessions:
        return Text("No sessions yet: your progress shows here after your first interview.",
                    style="italic")
    shown = progress.sessions[-sessions:]
    parts: list[RenderableType] = [Text("Average score per session", style="bold magenta")]
    bars = Table(box=None, show_header=False, pad_edge=False, padding=(0, 1, 0, 0))
    bars.add_column(no_wrap=True)
    bars.add_column(max_width=32, no_wrap=True, overflow="ellipsis")
    bars.add_column(no_wrap=True)
    bars.add_column(no_wrap=True, justify="right")
    for point in shown:
        bars.add_row(
            point.date.astimezone().strftime("%Y-%m-%d"),
            Text(point.job_title),
            score_bar(point.average_score, width=24),
            Text(score(point.average_score), style=score_style(point.average_score)),
        )
    parts.append(bars)
    if progress.change is not None:
        parts.append(Text(
            f"First {score(progress.first_average)} → latest {score(progress.latest_average)} "
            f"({progress.change:+.1f}, {progress.direction})"
        ))
    if progress.per_category:
        parts.append(Text("\nAverage score per category, session by session",
                          style="bold magenta"))
        categories = Table(box=None, show_header=False, pad_edge=False, padding=(0, 2, 0, 0))
        categories.add_column(no_wrap=True)
        categories.add_column(no_wrap=True)
        categories.add_column(no_wrap=True)
        offset = len(progress.sessions) - len(shown)
        for category in progress.per_category:
            trend = (f"{score(category.first)} → {score(category.latest)} "
                     f"({category.change:+.1f})" if category.change is not None
                     else score(category.latest))
            categories.add_row(label(category.category),
                               sparkline(category.scores[offset:]), trend)
        parts.append(categories)
    parts.append(Text(progress.note, style="dim italic"))
    return Group(*parts)


def delivery_trend(summaries: Sequence[SessionSummary]) -> Text | None:
    """How spoken answers went across sessions, oldest first: pace and fillers a minute per
    session with spoken answers; None when nothing was spoken."""
    spoken = [s for s in reversed(summaries) if s.spoken_answers][-CHART_SESSIONS:]
    if not spoken:
        return None

    def series(values: list[float | None], digits: int) -> str:
        return ", ".join("·" if v is None else f"{v:.{digits}f}" for v in values)

    return Text.assemble(
        ("Spoken answers, oldest session first\n", "bold"),
        "  words a minute:   ", series([s.words_per_minute for s in spoken], 0), "\n",
        "  fillers a minute: ", series([s.fillers_per_minute for s in spoken], 1))
