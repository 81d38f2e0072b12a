"""One interview's statistics, computed from its report alone: plain arithmetic, no I/O.

`report_statistics` turns one `SessionReport` into everything a report shows beyond the raw
transcript. It is pure, so every renderer (terminal, Markdown, HTML, JSON, PDF, the TUI) shows
the same figures. Progress across sessions is `core.progress`.

Averages never pretend: an average over nothing is None (see `core.averages`), and each report
carries a sentence saying what its averages cover. The one exception is the design's own
`SessionReport`, whose two average fields are floats holding 0.0 for "none"; they are filled by
`report_average_score` and `report_average_response_time`, which compute the same averages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Literal

from pydantic import Field

from mockmate_tui.core.averages import (
    StatsModel,
    TrendDirection,
    average,
    plural,
    trend_direction,
)
from mockmate_tui.models import (
    CATEGORIES,
    DIFFICULTIES,
    Category,
    Difficulty,
    InterviewAnswer,
    InterviewQuestion,
    SessionReport,
)

# How many answers the strongest and the weakest lists hold at most.
HIGHLIGHTS = 3

Timing = Literal["unanswered", "no expected time", "within", "over"]


def scored_average(answers: Iterable[InterviewAnswer]) -> float | None:
    """Mean score of the scored answers only (an answer without a score says nothing about
    quality); None when no answer is scored."""
    return average(answer.ai_score for answer in answers if answer.ai_score is not None)


def response_time_average(answers: Iterable[InterviewAnswer]) -> float | None:
    """Mean seconds per answer; None when there is no answer."""
    return average(answer.response_time for answer in answers)


def report_average_score(answers: Sequence[InterviewAnswer]) -> float:
    """`SessionReport.average_score`: the design's model is a float, so "none" is 0.0 there."""
    return scored_average(answers) or 0.0


def report_average_response_time(answers: Sequence[InterviewAnswer]) -> float:
    """`SessionReport.average_response_time`: the design's float, 0.0 when nothing is answered."""
    return response_time_average(answers) or 0.0


class Coverage(StatsModel):
    """What the averages of a report are computed over."""

    total_questions: int
    answered: int
    unanswered: int
    scored: int = Field(description="Answers with a score: what the average score covers.")
    unscored: int = Field(description="Answers without a score (left out of score averages).")
    score_note: str = Field(description="One sentence: what the average score covers.")
    response_time_note: str = Field(description="One sentence: what the response time covers.")


class GroupStatistics(StatsModel):
    """Averages over the questions of one category or one difficulty."""

    group: str = Field(description="The category or difficulty, e.g. 'technical' or 'hard'.")
    questions: int
    answered: int
    scored: int
    average_score: float | None = Field(description="Mean of the scored answers; None if none.")
    average_response_time: float | None = Field(
        description="Mean seconds per answer; None if no answers."
    )


class QuestionStatistics(StatsModel):
    """One question's point in the score series, and its time against the time expected."""

    question_id: str
    question_number: int
    category: Category
    difficulty: Difficulty
    answered: bool
    score: int | None
    response_time: int | None = Field(description="Seconds taken; None if unanswered.")
    expected_seconds: int = Field(description="The question's expected duration, in seconds.")
    time_ratio: float | None = Field(
        description="Response time / expected time; None if unanswered or nothing expected."
    )
    timing: Timing


class ScoreTrend(StatsModel):
    """Scores early in the session against scores late in it.

    The scored answers, in question order, are split in two: the first half is the first
    n // 2 of them, the second half the last n // 2 (with an odd count the middle answer
    belongs to neither, so both halves weigh the same).
    """

    first_half_average: float | None
    second_half_average: float | None
    first_half_answers: int
    second_half_answers: int
    change: float | None = Field(description="Second half minus first half; None if unknown.")
    direction: TrendDirection
    note: str


class AnswerHighlight(StatsModel):
    """One of the strongest or weakest answers."""

    question_id: str
    question_number: int
    category: Category
    score: int
    question_text: str
    feedback: str | None


class ReportStatistics(StatsModel):
    """Everything a report shows beyond its transcript."""

    coverage: Coverage
    average_score: float | None = Field(description="Mean of the scored answers; None if none.")
    average_response_time: float | None = Field(
        description="Mean seconds per answer; None if no answers."
    )
    billed_seconds: int = Field(description="Running time, pauses excluded.")
    paused_seconds: int
    credits_used: int
    total_expected_seconds: int = Field(description="Expected time of the answered questions.")
    total_response_seconds: int = Field(description="Time taken by all answers.")
    answers_over_time: int = Field(description="Answers that took longer than expected.")
    per_category: list[GroupStatistics] = Field(description="Categories asked, in fixed order.")
    per_difficulty: list[GroupStatistics] = Field(description="Difficulties asked, easy first.")
    per_question: list[QuestionStatistics] = Field(description="In question order.")
    trend: ScoreTrend
    strongest: list[AnswerHighlight] = Field(description="Best scored answers, best first.")
    weakest: list[AnswerHighlight] = Field(description="Lowest scored answers, lowest first.")
    unanswered: list[int] = Field(description="Numbers of the questions left unanswered.")


def report_statistics(report: SessionReport) -> ReportStatistics:
    """The statistics of one interview, from its report alone."""
    questions = sorted(report.questions, key=lambda question: question.question_number)
    answer_for = {answer.question_id: answer for answer in report.answers}
    pairs = [(question, answer_for.get(question.id)) for question in questions]
    answered = [(q, a) for q, a in pairs if a is not None]
    scored = [(q, a) for q, a in answered if a.ai_score is not None]
    return ReportStatistics(
        coverage=_coverage(len(questions), len(answered), len(scored)),
        average_score=scored_average(a for _, a in answered),
        average_response_time=response_time_average(a for _, a in answered),
        billed_seconds=report.session.billed_seconds,
        paused_seconds=report.session.paused_seconds,
        credits_used=report.session.credits_used,
        total_expected_seconds=sum(q.expected_duration * 60 for q, _ in answered),
        total_response_seconds=sum(a.response_time for _, a in answered),
        answers_over_time=sum(
            1 for q, a in answered
            if q.expected_duration and a.response_time > q.expected_duration * 60
        ),
        per_category=_groups(pairs, CATEGORIES, lambda q: q.category),
        per_difficulty=_groups(pairs, DIFFICULTIES, lambda q: q.difficulty_level),
        per_question=[_question_statistics(q, a) for q, a in pairs],
        trend=_trend([_score(a) for _, a in scored]),
        strongest=_highlights(scored, strongest=True),
        weakest=_highlights(scored, strongest=False),
        unanswered=[q.question_number for q, a in pairs if a is None],
    )


# -- internals ---------------------------------------------------------------------------------


def _score(answer: InterviewAnswer) -> int:
    assert answer.ai_score is not None  # callers pass scored answers only
    return answer.ai_score


def _coverage(total: int, answered: int, scored: int) -> Coverage:
    unanswered = total - answered
    unscored = answered - scored
    left_out = []
    if unanswered:
        left_out.append(f"{plural(unanswered, 'unanswered question')}")
    if unscored:
        left_out.append(f"{plural(unscored, 'answer')} without a score")
    if scored == 0:
        score_note = "No answer has a score yet, so there is no average score."
    else:
        score_note = f"The average score covers {plural(scored, 'scored answer')} of " \
                     f"{plural(total, 'question')}"
        score_note += f"; it leaves out {' and '.join(left_out)}." if left_out else "."
    if answered == 0:
        time_note = "No question has been answered, so there is no average response time."
    else:
        time_note = f"The average response time covers {plural(answered, 'answer')}"
        time_note += (f"; {plural(unanswered, 'unanswered question')} not counted."
                      if unanswered else ".")
    return Coverage(
        total_questions=total,
        answered=answered,
        unanswered=unanswered,
        scored=scored,
        unscored=unscored,
        score_note=score_note,
        response_time_note=time_note,
    )


_Pair = tuple[InterviewQuestion, InterviewAnswer | None]


def _groups(pairs: Sequence[_Pair], order: Sequence[str],
            key: Callable[[InterviewQuestion], str]) -> list[GroupStatistics]:
    members: dict[str, list[_Pair]] = {}
    for pair in pairs:  # one pass: a report may hold a thousand questions
        members.setdefault(key(pair[0]), []).append(pair)
    groups: list[GroupStatistics] = []
    for name in order:
        if name not in members:
            continue
        answers = [a for _, a in members[name] if a is not None]
        groups.append(
            GroupStatistics(
                group=name,
                questions=len(members[name]),
                answered=len(answers),
                scored=sum(1 for a in answers if a.ai_score is not None),
                average_score=scored_average(answers),
                average_response_time=response_time_average(answers),
            )
        )
    return groups


def _question_statistics(question: InterviewQuestion,
                         answer: InterviewAnswer | None) -> QuestionStatistics:
    expected = question.expected_duration * 60
    ratio: float | None = None
    timing: Timing
    if answer is None:
        timing = "unanswered"
    elif expected == 0:
        timing = "no expected time"
    else:
        ratio = answer.response_time / expected
        timing = "over" if answer.response_time > expected else "within"
    return QuestionStatistics(
        question_id=question.id,
        question_number=question.question_number,
        category=question.category,
        difficulty=question.difficulty_level,
        answered=answer is not None,
        score=answer.ai_score if answer is not None else None,
        response_time=answer.response_time if answer is not None else None,
        expected_seconds=expected,
        time_ratio=ratio,
        timing=timing,
    )


def _trend(scores: Sequence[int]) -> ScoreTrend:
    half = len(scores) // 2
    first = scores[:half]
    second = scores[len(scores) - half:] if half else []
    first_average = average(first)
    second_average = average(second)
    change = (second_average - first_average
              if first_average is not None and second_average is not None else None)
    direction = trend_direction(change)
    if change is None:
        note = "At least 2 scored answers are needed to compare the two halves of the session."
    elif half == 1:
        # Two or three scored answers: one against one, no average ("The last 1 scored answer
        # averaged 7.0, against 5.0 for the first 1").
        note = (f"The last scored answer scored {second_average:.0f}, against "
                f"{first_average:.0f} for the first: {direction}.")
    else:
        note = (f"The last {plural(half, 'scored answer')} averaged {second_average:.1f}, "
                f"against {first_average:.1f} for the first {half}: {direction}.")
    return ScoreTrend(
        first_half_average=first_average,
        second_half_average=second_average,
        first_half_answers=len(first),
        second_half_answers=len(second),
        change=change,
        direction=direction,
        note=note,
    )


def _highlights(scored: Sequence[tuple[InterviewQuestion, InterviewAnswer]], *,
                strongest: bool) -> list[AnswerHighlight]:
    """The best (or lowest) scored answers. The two lists never share an answer: with n scored
    answers each holds at most n // 2 (the strongest list holds the single answer when n = 1),
    and at most HIGHLIGHTS."""
    count = len(scored)
    best_first = sorted(scored, key=lambda pair: (-_score(pair[1]), pair[0].question_number))
    best = best_first[:min(HIGHLIGHTS, max(1, count // 2))] if count else []
    if strongest:
        chosen = best
    else:
        taken = {q.id for q, _ in best}
        lowest_first = sorted(scored, key=lambda pair: (_score(pair[1]), pair[0].question_number))
        chosen = [pair for pair in lowest_first if pair[0].id not in taken]
        chosen = chosen[:min(HIGHLIGHTS, count // 2)]
    return [
        AnswerHighlight(
            question_id=q.id,
            question_number=q.question_number,
            category=q.category,
            score=_score(a),
            question_text=q.question_text,
            feedback=a.ai_feedback,
        )
        for q, a in chosen
    ]
