"""Report statistics computed from answers: plain arithmetic, no I/O."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from mockmate_tui.models import InterviewAnswer


def mean(values: Iterable[float]) -> float:
    """The arithmetic mean, or 0.0 for no values (a report shows 0, never an error)."""
    items = list(values)
    return sum(items) / len(items) if items else 0.0


def average_response_time(answers: Sequence[InterviewAnswer]) -> float:
    return mean(answer.response_time for answer in answers)


def average_score(answers: Sequence[InterviewAnswer]) -> float:
    """Mean of the scored answers only: an answer without a score says nothing about quality."""
    return mean(answer.ai_score for answer in answers if answer.ai_score is not None)
