"""What every report says, worded once: the renderers only lay it out.

The terminal, Markdown, HTML and PDF reports all take their rows and sentences from here, so the
formats can never disagree about a figure or how it is phrased.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from mockmate_tui.core.averages import NO_SCORED_ANSWERS
from mockmate_tui.core.delivery import delivery_lines
from mockmate_tui.core.durations import spoken_duration, stopwatch
from mockmate_tui.core.report_stats import (
    AnswerHighlight,
    GroupStatistics,
    QuestionStatistics,
    ReportStatistics,
    report_statistics,
)
from mockmate_tui.models import InterviewAnswer, KeyPointMark, SessionReport

TITLE = "MockMate interview report"
UNANSWERED = "Unanswered"
NO_FEEDBACK = "No feedback."


def score(value: float | None) -> str:
    if value is None:
        return "no score"
    if float(value).is_integer():
        return f"{int(value)}/10"
    return f"{value:.1f}/10"


def timestamp(moment: datetime | None) -> str:
    """A moment in the reader's local time zone."""
    if moment is None:
        return "—"
    return moment.astimezone().strftime("%Y-%m-%d %H:%M %Z").strip()


def label(name: str) -> str:
    """A category or difficulty as a heading: 'technical' -> 'Technical'."""
    return name[:1].upper() + name[1:]


def timing(point: QuestionStatistics) -> str:
    """Response time against the time expected, in words."""
    expected = stopwatch(point.expected_seconds)
    if point.response_time is None:
        return f"unanswered (expected {expected})"
    taken = stopwatch(point.response_time)
    if point.time_ratio is None:
        return f"{taken} (no expected time)"
    percent = round(point.time_ratio * 100)
    if point.timing == "over":
        return f"{taken} of {expected} expected ({percent}%, over time)"
    return f"{taken} of {expected} expected ({percent}%)"


@dataclass(frozen=True)
class TranscriptEntry:
    """One question of the transcript, with its answer and how it went."""

    number: int
    heading: str
    question: str
    answer: str | None
    timing: str
    score: int | None
    feedback: str | None
    scored_by: str | None = None
    """What produced the score, as a reader is told it (see `scorer`); None when unanswered."""
    marks: tuple[KeyPointMark, ...] = ()
    """Key points the person marked as covered (already shown in `feedback`)."""
    delivery: tuple[str, ...] = ()
    """How the answer was delivered (pace, fillers, pauses; or thinking and typing time), in
    a few lines; empty when not measured."""
    strong_answer: tuple[str, ...] = ()
    """For a question left unanswered (or skipped): the key points a strong answer covers, when
    the caller knows them (they are not part of the stored report)."""

    @property
    def meta(self) -> str:
        meta = f"Response time: {self.timing} · Score: {score(self.score)}"
        if self.marks:
            meta = f"{meta} · {marks_note(len(self.marks))}"
        return f"{meta} · {self.scored_by}" if self.scored_by else meta


# -- the person's own marks ("I covered this"): worded here once, for every renderer and the app

def marks_note(count: int) -> str:
    """Beside the judge's score, which does not count them."""
    return f"{count} key point{'' if count == 1 else 's'} marked covered by you"


def mark_line(mark: KeyPointMark) -> str:
    return f"✓ (your mark) {mark.key_point} — “{mark.quote}”"


def feedback_with_marks(feedback: str | None, marks: tuple[KeyPointMark, ...] | list[KeyPointMark]
                        ) -> str | None:
    """The judge's feedback with the person's marks shown as theirs: the judge's "✗ <point>"
    line of a marked point becomes "✓ (your mark) <point> — “<their sentence>”" (it stays under
    the judge's "not covered" heading, so both are read); a mark with no such line is listed
    at the end."""
    if not marks:
        return feedback
    lines = feedback.split("\n") if feedback else []
    unplaced: list[KeyPointMark] = []
    for mark in marks:
        for index, line in enumerate(lines):
            if line.strip() == f"✗ {mark.key_point}":
                lines[index] = line[: len(line) - len(line.lstrip())] + mark_line(mark)
                break
        else:
            unplaced.append(mark)
    if unplaced:
        if lines:
            lines.append("")
        lines += ["Marked covered by you:", *(f"  {mark_line(mark)}" for mark in unplaced)]
    return "\n".join(lines)


def scorer(answer: InterviewAnswer | None) -> str | None:
    """Which rubric version (or model) scored an answer, in words: every renderer and the app
    say it the same way. None for no answer, or an answer that was never scored."""
    if answer is None:
        return None
    if answer.scored_by:
        return f"scored by {answer.scored_by}"
    if answer.ai_score is None and answer.ai_feedback is None:
        return None
    # Stored before scores were versioned, or saved through the design's command without one.
    return "scored before versions"


@dataclass(frozen=True)
class ReportContent:
    """A report as rows and sentences, ready to lay out."""

    report: SessionReport
    statistics: ReportStatistics
    title: str
    subtitle: str
    details: list[tuple[str, str]]
    summary: list[tuple[str, str]]
    coverage: list[str]
    group_header: tuple[str, ...]
    per_category: list[tuple[str, ...]]
    per_difficulty: list[tuple[str, ...]]
    timing_header: tuple[str, ...]
    timing_rows: list[tuple[str, ...]]
    trend: str
    strongest: list[str]
    weakest: list[str]
    transcript: list[TranscriptEntry]

    @property
    def score_series(self) -> list[tuple[int, int | None]]:
        """(question number, score or None) in question order: the chart's data."""
        return [(point.question_number, point.score) for point in self.statistics.per_question]


KeyPoints = Mapping[str, Sequence[str]]
"""The key points of each question, by question id: what a strong answer covers."""


def build_content(report: SessionReport, statistics: ReportStatistics | None = None,
                  key_points: KeyPoints | None = None) -> ReportContent:
    stats = statistics or report_statistics(report)
    session, user = report.session, report.user
    return ReportContent(
        report=report,
        statistics=stats,
        title=TITLE,
        subtitle=f"{session.session_name} — {session.job_title}",
        details=[
            ("Candidate", f"{user.name} <{user.email}>"),
            ("Job title", session.job_title),
            *([("Company", session.company)] if session.company else []),
            ("Session", session.session_name),
            ("Status", label(session.status)),
            ("Created", timestamp(session.created_at)),
            ("Started", timestamp(session.started_at)),
            ("Ended", timestamp(session.ended_at)),
            ("Billed time", f"{spoken_duration(session.billed_seconds)} (pauses excluded)"),
            ("Paused time", spoken_duration(session.paused_seconds)),
            ("Credits used", str(session.credits_used)),
        ],
        summary=[
            ("Questions", str(report.total_questions)),
            ("Answered", f"{stats.coverage.answered} ({stats.coverage.unanswered} unanswered)"),
            ("Scored answers", str(stats.coverage.scored)),
            ("Average score", NO_SCORED_ANSWERS if stats.average_score is None
             else score(stats.average_score)),
            ("Average response time", spoken_duration(stats.average_response_time)),
            ("Time taken vs expected",
             f"{spoken_duration(stats.total_response_seconds)} of "
             f"{spoken_duration(stats.total_expected_seconds)} expected"
             if stats.coverage.answered else "—"),
            ("Answers over time", str(stats.answers_over_time)),
            ("Score trend", _trend_summary(stats)),
            *_spoken_summary(report),
        ],
        coverage=[stats.coverage.score_note, stats.coverage.response_time_note],
        group_header=("", "Questions", "Answered", "Average score", "Average time"),
        per_category=[_group_row(group) for group in stats.per_category],
        per_difficulty=[_group_row(group) for group in stats.per_difficulty],
        timing_header=("Question", "Category", "Difficulty", "Expected", "Taken", "Of expected",
                       "Score"),
        timing_rows=[_timing_row(point) for point in stats.per_question],
        trend=stats.trend.note,
        strongest=[_highlight(item) for item in stats.strongest],
        weakest=[_highlight(item) for item in stats.weakest],
        transcript=_transcript(report, stats, key_points or {}),
    )


def _spoken_summary(report: SessionReport) -> list[tuple[str, str]]:
    """One summary row for the spoken answers' delivery; none when nothing was spoken."""
    spoken = [answer.delivery for answer in report.answers
              if answer.delivery is not None and answer.delivery.mode == "spoken"]
    if not spoken:
        return []
    paces = [d.words_per_minute for d in spoken if d.words_per_minute is not None]
    pace = f"{sum(paces) / len(paces):.0f} words a minute" if paces else "too short to time"
    fillers = sum(d.filler_count for d in spoken)
    pauses = sum(len(d.long_pauses) for d in spoken)
    return [("Spoken answers",
             f"{len(spoken)}: {pace} on average, {fillers} filler{'s' * (fillers != 1)}, "
             f"{pauses} long pause{'s' * (pauses != 1)}")]


def _trend_summary(stats: ReportStatistics) -> str:
    trend = stats.trend
    if trend.change is None:
        return trend.direction
    return (f"{trend.direction}: {score(trend.first_half_average)} → "
            f"{score(trend.second_half_average)} ({trend.change:+.1f})")


def _group_row(group: GroupStatistics) -> tuple[str, ...]:
    return (
        label(group.group),
        str(group.questions),
        str(group.answered),
        f"{score(group.average_score)} ({group.scored} scored)" if group.scored else "no score",
        spoken_duration(group.average_response_time),
    )


def _timing_row(point: QuestionStatistics) -> tuple[str, ...]:
    if point.response_time is None:
        taken, share = "—", "unanswered"
    else:
        taken = stopwatch(point.response_time)
        share = "—" if point.time_ratio is None else f"{round(point.time_ratio * 100)}%"
        if point.timing == "over":
            share += " (over)"
    return (f"Q{point.question_number}", label(point.category), label(point.difficulty),
            stopwatch(point.expected_seconds), taken, share, score(point.score))


def _highlight(item: AnswerHighlight) -> str:
    return (f"Q{item.question_number} ({label(item.category)}, {score(item.score)}): "
            f"{_one_line(item.question_text)}")


def _one_line(text: str, limit: int = 120) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _transcript(report: SessionReport, stats: ReportStatistics,
                key_points: KeyPoints) -> list[TranscriptEntry]:
    answers: dict[str, InterviewAnswer] = {answer.question_id: answer for answer in report.answers}
    points = {point.question_id: point for point in stats.per_question}
    entries = []
    for question in sorted(report.questions, key=lambda q: q.question_number):
        answer = answers.get(question.id)
        entries.append(
            TranscriptEntry(
                number=question.question_number,
                heading=(f"Question {question.question_number} · {label(question.category)} · "
                         f"{label(question.difficulty_level)}"),
                question=question.question_text,
                answer=answer.answer_text if answer is not None else None,
                timing=timing(points[question.id]),
                score=answer.ai_score if answer is not None else None,
                feedback=(feedback_with_marks(answer.ai_feedback, answer.key_point_marks)
                          if answer is not None else None),
                scored_by=scorer(answer),
                marks=tuple(answer.key_point_marks) if answer is not None else (),
                delivery=tuple(delivery_lines(answer.delivery))
                if answer is not None and answer.delivery is not None else (),
                strong_answer=tuple(key_points.get(question.id, ())) if answer is None else (),
            )
        )
    return entries
