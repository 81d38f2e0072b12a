"""Progress across sessions: average score per session and per category, oldest first."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from mockmate_tui.core.averages import average, trend_direction
from mockmate_tui.core.progress import progress
from mockmate_tui.models import Session, SessionSummary

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def summary(days: int, score: float | None, *, answers: int = 3) -> SessionSummary:
    started = T0 + timedelta(days=days)
    session = Session(
        id=str(uuid.uuid4()), user_id=str(uuid.uuid4()), session_name="Practice",
        job_title="Engineer", job_description="", status="completed", interview_duration=25,
        credits_used=1, created_at=started, started_at=started, ended_at=None,
        billed_seconds=1500, paused_seconds=300,
    )
    return SessionSummary(session=session, total_questions=4, total_answers=answers,
                          average_score=score)


def test_progress_runs_oldest_first_with_per_category_series() -> None:
    newest_first = [summary(3, 8.0), summary(2, None, answers=0), summary(1, 6.0),
                    summary(0, 5.0)]
    per_category = {
        newest_first[0].session.id: {"technical": 8.0, "behavioral": 7.5},
        newest_first[2].session.id: {"technical": 5.0},
        newest_first[3].session.id: {"technical": 4.0, "behavioral": 6.0},
    }
    result = progress(newest_first, per_category)
    assert [point.average_score for point in result.sessions] == [5.0, 6.0, None, 8.0]
    assert (result.first_average, result.latest_average) == (5.0, 8.0)
    assert result.change == pytest.approx(3.0) and result.direction == "improving"
    assert result.scored_sessions == 3
    assert [c.category for c in result.per_category] == ["behavioral", "technical"]
    technical = result.per_category[1]
    assert technical.scores == [4.0, 5.0, None, 8.0]
    assert technical.change == pytest.approx(4.0)
    behavioral = result.per_category[0]
    assert behavioral.scores == [6.0, None, None, 7.5]
    assert "3 sessions with at least one scored answer" in result.note


def test_progress_with_no_scores_says_so() -> None:
    result = progress([summary(0, None, answers=0)])
    assert result.change is None and result.direction == "too few scores"
    assert result.per_category == []
    assert "none with a scored answer" in result.note
    assert progress([]).note == "No sessions yet."


def test_an_average_over_nothing_is_none_not_zero() -> None:
    assert average([]) is None
    assert average([4, 5]) == pytest.approx(4.5)
    assert [trend_direction(c) for c in (None, 0.5, -0.5, 0.4)] == \
        ["too few scores", "improving", "declining", "steady"]
