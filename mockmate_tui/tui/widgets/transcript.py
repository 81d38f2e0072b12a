"""The report's parts as rich renderables: session details, statistics, a score plot and the
transcript (each question, the answer, the response time, the feedback and the score).

The figures come from `core.report_stats.report_statistics`, the same function every export uses, so
the screen and a saved report never disagree.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from mockmate_tui.core.averages import NO_SCORED_ANSWERS
from mockmate_tui.core.delivery import delivery_lines
from mockmate_tui.core.display import score_style
from mockmate_tui.core.durations import spoken_duration
from mockmate_tui.core.report_stats import GroupStatistics, QuestionStatistics, ReportStatistics
from mockmate_tui.export.content import feedback_with_marks, marks_note, scorer
from mockmate_tui.models import InterviewAnswer, InterviewQuestion, SessionReport
from mockmate_tui.tui.formatting import (
    clock_text,
    credits_text,
    local_datetime,
    score_text,
    status_label,
)

PLOT_HEIGHT = 5  # rows; each row is two points of the 1-10 scale



def session_details(report: SessionReport) -> RenderableType:
    session = report.session
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    table.add_row("Date", local_datetime(session.started_at or session.created_at))
    table.add_row("Job title", Text(session.job_title))
    if session.company:
        table.add_row("Company", Text(session.company))
    table.add_row("Candidate", Text(f"{report.user.name} <{report.user.email}>"))
    table.add_row("Status", status_label(session.status))
    table.add_row("Billed time", f"{clock_text(session.billed_seconds)}  (pauses excluded)")
    table.add_row("Paused", clock_text(session.paused_seconds))
    table.add_row("Credits used", credits_text(session.credits_used))
    return table


def statistics_summary(stats: ReportStatistics) -> RenderableType:
    coverage = stats.coverage
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    table.add_row(
        "Questions",
        f"{coverage.total_questions} asked · {coverage.answered} answered · "
        f"{coverage.unanswered} unanswered",
    )
    table.add_row(
        "Average score",
        Text(f"{stats.average_score:.1f}/10" if stats.average_score is not None
             else NO_SCORED_ANSWERS, style=score_style(stats.average_score, bold=True)),
    )
    table.add_row("Avg response", spoken_duration(stats.average_response_time))
    table.add_row(
        "Time vs expected",
        f"{spoken_duration(stats.total_response_seconds)} taken · "
        f"{spoken_duration(stats.total_expected_seconds)} expected · "
        f"{stats.answers_over_time} over time",
    )
    table.add_row("Trend", Text(stats.trend.note))
    return Group(table, Text(coverage.score_note, style="dim italic"))


def category_bars(groups: list[GroupStatistics], width: int = 20) -> RenderableType:
    """One bar per category: its average score out of 10."""
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True, min_width=12)
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True, justify="right")
    table.add_column(style="dim")
    for group in groups:
        score = group.average_score
        filled = round((score or 0) / 10 * width)
        bar = Text.assemble(("█" * filled, score_style(score, bold=True)),
                            ("░" * (width - filled), "dim"))
        table.add_row(
            group.group.capitalize(),
            bar,
            Text(score_text(score), style=score_style(score, bold=True)),
            f"{group.answered}/{group.questions} answered · "
            f"avg {spoken_duration(group.average_response_time)}",
        )
    return table


def score_plot(points: list[QuestionStatistics], column_width: int = 3) -> RenderableType:
    """A column plot of each question's score (1-10); '·' marks a question with no score."""
    if not points:
        return Text("No questions were asked.", style="dim")
    axis: list[Text] = []
    plot: list[Text] = []
    for level in range(PLOT_HEIGHT, 0, -1):
        axis.append(Text(f"{level * 2:>2} ┤", style="dim"))
        line = Text()
        for point in points:
            score = point.score or 0
            if score >= level * 2:
                cell = "█" * (column_width - 1)
            elif score == level * 2 - 1:
                cell = "▄" * (column_width - 1)
            else:
                cell = " " * (column_width - 1)
            line.append(cell + " ", style=score_style(point.score, bold=True))
        plot.append(line)
    axis.append(Text("   └", style="dim"))
    plot.append(Text("─" * (column_width * len(points)), style="dim"))
    labels = Text()
    for point in points:
        label = str(point.question_number) if point.score is not None else "·"
        labels.append(f"{label:<{column_width}}", style="dim" if point.score is None else "")
    axis.append(Text(""))
    plot.append(labels)
    grid = Table.grid()
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True)
    for left, right in zip(axis, plot, strict=True):
        grid.add_row(left, right)
    caption = Text("Scores by question number; · marks a question with no score.",
                   style="dim italic")
    return Group(grid, caption)


def transcript_entry(question: InterviewQuestion, answer: InterviewAnswer | None,
                     point: QuestionStatistics | None) -> RenderableType:
    """One question of the transcript with its answer, time, score and feedback."""
    header = Text.assemble(
        (f"Q{question.question_number}  ", "bold"),
        (f"{question.category.capitalize()} · {question.difficulty_level.capitalize()} · "
         f"expected {question.expected_duration} min", "dim"),
    )
    parts: list[RenderableType] = [header, Padding(Text(question.question_text, style="bold"),
                                                   (0, 0, 1, 2))]
    if answer is None:
        parts.append(Padding(Text("Not answered (skipped or the interview ended first).",
                                  style="dim italic"), (0, 0, 0, 2)))
        return Group(*parts)
    parts.append(Padding(Text(answer.answer_text or "(empty answer)"), (0, 0, 1, 2)))
    over = point is not None and point.timing == "over"
    facts = Text.assemble(
        ("Response time ", "bold"),
        (spoken_duration(answer.response_time), "yellow" if over else ""),
        (" (over the expected time)" if over else "", "yellow"),
        ("  ·  ", "dim"),
        ("Score ", "bold"),
        (f"{answer.ai_score}/10" if answer.ai_score is not None else "not scored",
         score_style(answer.ai_score, bold=True)),
    )
    # Said as the exported reports say it, so a score from an older rubric reads as one.
    if answer.key_point_marks:  # the person's own, beside the judge's score (not in it)
        facts.append_text(Text.assemble(("  ·  ", "dim"),
                                        (marks_note(len(answer.key_point_marks)), "cyan")))
    if (scored_by := scorer(answer)) is not None:
        facts.append_text(Text.assemble(("  ·  ", "dim"), (scored_by, "dim")))
    parts.append(Padding(facts, (0, 0, 0, 2)))
    if answer.delivery is not None:
        parts.append(Padding(Text("\n".join(delivery_lines(answer.delivery)), style="cyan"),
                             (0, 0, 0, 2)))
    if feedback := feedback_with_marks(answer.ai_feedback, answer.key_point_marks):
        parts.append(Padding(Text(feedback, style="italic"), (0, 0, 0, 2)))
    return Group(*parts)


def transcript(report: SessionReport, stats: ReportStatistics) -> list[RenderableType]:
    answers = {answer.question_id: answer for answer in report.answers}
    points = {point.question_id: point for point in stats.per_question}
    ordered = sorted(report.questions, key=lambda question: question.question_number)
    return [transcript_entry(q, answers.get(q.id), points.get(q.id)) for q in ordered]
