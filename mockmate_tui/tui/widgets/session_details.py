"""The selected session at a glance, beside the history (wide terminals: one fact a line) or
under it (80 columns and less: the facts run on in three short lines, so the list keeps its
rows and the session's name keeps its column)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from mockmate_tui.core.averages import plural
from mockmate_tui.tui.formatting import (
    average_text,
    clock_text,
    local_datetime,
    short_date,
    status_label,
)

if TYPE_CHECKING:
    from mockmate_tui.models import SessionSummary

# A score at or under this reads as weak, at or over STRONG as strong (the report's bands).
WEAK = 5.0
STRONG = 8.0


def score_style(score: float | None) -> str:
    if score is None:
        return "dim"
    return "bold red" if score <= WEAK else "bold green" if score >= STRONG else "bold"


def _questions(summary: SessionSummary) -> str:
    if not summary.total_questions:
        return "none asked yet"
    return f"{summary.total_questions} asked, {summary.total_answers} answered"


def _billed(summary: SessionSummary) -> str:
    session = summary.session
    billed = clock_text(session.billed_seconds)
    return (
        f"{billed} (paused {clock_text(session.paused_seconds)})"
        if (session.paused_seconds)
        else billed
    )


def _categories(categories: dict[str, float]) -> Text:
    """Each category's average, weakest first: where the next practice should go."""
    text = Text()
    for index, (name, score) in enumerate(sorted(categories.items(), key=lambda c: c[1])):
        if index:
            text.append(" · ", style="dim")
        text.append(f"{name} ")
        text.append(average_text(score), style=score_style(score))
    return text


def details_lines(summary: SessionSummary, categories: dict[str, float]) -> Text:
    """One fact a line, label first: for the panel beside the history."""
    session = summary.session
    facts: list[tuple[str, Text | str]] = [
        ("Job", session.job_title),
        ("Status", status_label(session.status)),
        ("Date", local_datetime(session.started_at or session.created_at)),
        ("Questions", _questions(summary)),
        (
            "Score",
            Text(average_text(summary.average_score), style=score_style(summary.average_score)),
        ),
        ("Billed", _billed(summary)),
        ("Credits", str(session.credits_used)),
    ]
    if summary.spoken_answers:
        pace = (
            f", {summary.words_per_minute:.0f} wpm" if summary.words_per_minute is not None else ""
        )
        facts.append(("Spoken", f"{plural(summary.spoken_answers, 'answer')}{pace}"))
    text = Text(no_wrap=False)
    for label, value in facts:
        text.append(f"{label:<10}", style="dim")
        text.append(value)
        text.append("\n")
    if categories:
        text.append("By category, weakest first\n", style="dim")
        for name, score in sorted(categories.items(), key=lambda c: c[1]):
            text.append(f"  {name:<13}")
            text.append(average_text(score), style=score_style(score))
            text.append("\n")
    text.rstrip()
    return text


def _answered(summary: SessionSummary) -> str:
    if not summary.total_questions:
        return "none yet"
    return f"{summary.total_answers} of {summary.total_questions}"


def details_compact(summary: SessionSummary, categories: dict[str, float]) -> Text:
    """The same facts in three lines of at most 54 columns (a 60-column terminal), each cut
    with an ellipsis rather than wrapped, so the panel keeps its height as the cursor moves."""
    session = summary.session
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(session.job_title, style="bold")
    text.append(" · ", style="dim")
    text.append(status_label(session.status))
    text.append(" · ", style="dim")
    text.append(short_date(session.started_at or session.created_at))
    text.append("\n")
    facts: tuple[tuple[str, Text | str], ...] = (
        ("Answered", _answered(summary)),
        (
            "Score",
            Text(average_text(summary.average_score), style=score_style(summary.average_score)),
        ),
        ("Billed", _billed(summary)),
        ("Credits", str(session.credits_used)),
    )
    for index, (label, value) in enumerate(facts):
        text.append(("  " if index else "") + label + " ", style="dim")
        text.append(value)
    if categories:
        text.append("\n")
        text.append("By category ", style="dim")
        text.append_text(_categories(categories))
    return text


class SessionDetails(Static):
    """The highlighted session's details; its border title is the session's full name."""

    def show(
        self, summary: SessionSummary | None, categories: dict[str, float], *, beside: bool
    ) -> None:
        self.display = summary is not None
        if summary is None:
            return
        # Text, not markup: a name may hold "[".
        self.border_title = Text(summary.session.session_name)
        self.update(
            details_lines(summary, categories) if beside else details_compact(summary, categories)
        )

    @property
    def text(self) -> str:
        """What it shows, as plain text (for tests and screen readers' sake)."""
        content = self.content
        return content.plain if isinstance(content, Text) else str(content)
