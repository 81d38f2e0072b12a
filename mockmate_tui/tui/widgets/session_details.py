"""The selected session at a glance (its job, and its company when it names one), beside the
history (wide terminals: one fact a line) or under it (80 columns and less: the facts run on
in three short lines, so the list keeps its rows and the session's name keeps its column),
with the weak areas its answers touched and how it did on each, and its job's trend: the
average score of each of the job's sessions, oldest first, as a Sparkline."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Sparkline, Static

from mockmate_tui.core.counting import plural
from mockmate_tui.tui.formatting import (
    average_text,
    clock_text,
    local_datetime,
    short_date,
    status_label,
)
from mockmate_tui.tui.history_filters import job_key

if TYPE_CHECKING:
    # Types only: core.weakness loads the models (pydantic), which home's first frame does
    # without; a Grade is an int (1 Again .. 4 Easy), so the marks below are keyed by int.
    from mockmate_tui.core.weakness import Grade
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


# How the session did on a weak area it touched (its worst answer's grade): a mark that reads
# without colour, and the colour.
_GRADE_MARKS: dict[int, tuple[str, str]] = {
    1: ("✗", "red"),  # Again: missed
    2: ("~", "yellow"),  # Hard: partly
    3: ("✓", "green"),  # Good: done well
    4: ("✓", "green"),  # Easy: done very well
}
_HARD = 2
# Beside the list, the weak areas listed before "… N more": the panel keeps room for the
# job's trend under them on a 30-row terminal.
AREAS_LISTED = 5


def _weak_area_lines(weak_areas: Mapping[str, Grade]) -> Text:
    """One area a line, worst first: "✗ No measurable result", its mark coloured; at most
    AREAS_LISTED, then how many more (a story answered badly touches a dozen)."""
    text = Text()
    ordered = sorted(weak_areas.items(), key=lambda area: (area[1], area[0]))
    for label, grade in ordered[:AREAS_LISTED]:
        mark, style = _GRADE_MARKS[grade]
        text.append(f"  {mark} ", style=f"bold {style}")
        text.append(f"{label}\n")
    if len(ordered) > AREAS_LISTED:
        text.append(f"  … {len(ordered) - AREAS_LISTED} more (F8: progress)\n", style="dim")
    return text


def _missed(weak_areas: Mapping[str, Grade]) -> Text:
    """The areas the session missed or half did, worst first, on one line; or that it did
    every area it touched well."""
    weak = sorted((g, label) for label, g in weak_areas.items() if g <= _HARD)
    text = Text()
    if not weak:
        text.append("Weak areas ", style="dim")
        text.append(f"{plural(len(weak_areas), 'area')} touched, all done well", style="green")
        return text
    text.append("Weak areas ", style="dim")
    for index, (grade, label) in enumerate(weak):
        mark, style = _GRADE_MARKS[grade]
        if index:
            text.append(" · ", style="dim")
        text.append(f"{mark} ", style=f"bold {style}")
        text.append(label)
    return text


def details_lines(
    summary: SessionSummary,
    categories: dict[str, float],
    weak_areas: Mapping[str, Grade] | None = None,
) -> Text:
    """One fact a line, label first: for the panel beside the history. Then each category's
    average and the weak areas the session's answers touched (✗ missed, ~ partly, ✓ done
    well), worst first."""
    session = summary.session
    facts: list[tuple[str, Text | str]] = [("Job", session.job_title)]
    if session.company:  # only when the session names one: no empty line for the others
        facts.append(("Company", session.company))
    facts += [
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
    if weak_areas:
        text.append("Weak areas touched\n", style="dim")
        text.append_text(_weak_area_lines(weak_areas))
    text.rstrip()
    return text


# Under the list, each line fits this many columns (a 60-column terminal's panel); the
# company's name gets what the first line has left after the job, the status and the date,
# but never fewer columns than COMPANY_LEAST.
COMPACT_COLUMNS = 54
COMPANY_LEAST = 8


def _cut(text: str, columns: int) -> str:
    return text if len(text) <= columns else text[: columns - 1].rstrip() + "…"


def _answered(summary: SessionSummary) -> str:
    if not summary.total_questions:
        return "none yet"
    return f"{summary.total_answers} of {summary.total_questions}"


def details_compact(
    summary: SessionSummary,
    categories: dict[str, float],
    weak_areas: Mapping[str, Grade] | None = None,
) -> Text:
    """The same facts in three lines of at most 54 columns (a 60-column terminal), each cut
    with an ellipsis rather than wrapped, so the panel keeps its height as the cursor moves.
    The third line is what to practise next: the weak areas the session missed or half did
    (worst first), else, when it touched none, each category's average."""
    session = summary.session
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(session.job_title, style="bold")
    when = Text.assemble(
        (" · ", "dim"),
        status_label(session.status),
        (" · ", "dim"),
        short_date(session.started_at or session.created_at),
    )
    if session.company:
        # On the first line, so the panel keeps its three lines; cut, so the date stays.
        room = COMPACT_COLUMNS - len(session.job_title) - len(" at ") - len(when)
        text.append(" at ", style="dim")
        text.append(_cut(session.company, max(room, COMPANY_LEAST)), style="bold")
    text.append_text(when)
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
    if weak_areas:
        text.append("\n")
        text.append_text(_missed(weak_areas))
    elif categories:
        text.append("\n")
        text.append("By category ", style="dim")
        text.append_text(_categories(categories))
    return text


def job_trend(summaries: Sequence[SessionSummary], job_title: str) -> list[float]:
    """The average score of each scored session for the job, oldest first: the job's trend,
    as the progress screen draws it (sessions with no scored answer are no point)."""
    key = job_key(job_title)
    scored = [
        s for s in summaries if s.average_score is not None and job_key(s.session.job_title) == key
    ]
    scored.sort(key=lambda s: s.session.started_at or s.session.created_at)
    return [s.average_score for s in scored if s.average_score is not None]


def trend_figure(trend: Sequence[float]) -> str:
    """'7.0 → 9.0 over 2 sessions', '7.0, 1 session', or that there is none yet."""
    if not trend:
        return "no scored session yet"
    if len(trend) == 1:
        return f"{trend[0]:.1f}, 1 session"
    return f"{trend[0]:.1f} → {trend[-1]:.1f} over {len(trend)} sessions"


class SessionDetails(Vertical):
    """The highlighted session's details, and the trend of its job's scores as a sparkline;
    its border title is the session's full name."""

    def compose(self) -> ComposeResult:
        yield Static(id="details-facts")
        with Horizontal(id="details-trend"):
            yield Label(Text("Job trend"), id="trend-label")
            yield Sparkline([], id="trend-spark")
            yield Label(id="trend-figure")

    def show(
        self,
        summary: SessionSummary | None,
        categories: dict[str, float],
        trend: Sequence[float],
        *,
        beside: bool,
        weak_areas: Mapping[str, Grade] | None = None,
    ) -> None:
        self.display = summary is not None
        if summary is None:
            return
        # Text, not markup: a name may hold "[".
        self.border_title = Text(summary.session.session_name)
        self.query_one("#details-facts", Static).update(
            details_lines(summary, categories, weak_areas)
            if beside
            else details_compact(summary, categories, weak_areas)
        )
        spark = self.query_one("#trend-spark", Sparkline)
        spark.data = list(trend)
        spark.display = bool(trend)
        self.query_one("#trend-figure", Label).update(Text(trend_figure(trend)))

    @property
    def text(self) -> str:
        """The facts it shows, as plain text (for tests' sake)."""
        content = self.query_one("#details-facts", Static).content
        return content.plain if isinstance(content, Text) else str(content)

    @property
    def trend(self) -> list[float]:
        return list(self.query_one("#trend-spark", Sparkline).data or [])

    @property
    def trend_text(self) -> str:
        return str(self.query_one("#trend-figure", Label).content)
