"""The history table and the progress chart, as a terminal shows them."""

from __future__ import annotations

import io
import uuid
from datetime import UTC, datetime, timedelta

from rich.console import Console, RenderableType

from mockmate_tui.core.progress import progress
from mockmate_tui.export.progress import history_table, progress_chart, sparkline
from mockmate_tui.models import Session, SessionSummary

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def summary(day: int, title: str, score: float | None) -> SessionSummary:
    session = Session(
        id=str(uuid.uuid4()), user_id=str(uuid.uuid4()), session_name=f"Round {day}",
        job_title=title, job_description="", status="completed", interview_duration=25,
        credits_used=1, created_at=T0 + timedelta(days=day),
        started_at=T0 + timedelta(days=day), ended_at=None, billed_seconds=1530,
        paused_seconds=0,
    )
    return SessionSummary(session=session, total_questions=5, total_answers=4,
                          average_score=score)


def shown(renderable: RenderableType) -> str:
    buffer = io.StringIO()
    Console(file=buffer, width=120, color_system=None).print(renderable)
    return buffer.getvalue()


def test_history_table_shows_what_a_person_looks_for() -> None:
    rows = [summary(1, "Data Engineer 📊", 7.25), summary(0, "Analyst", None)]
    text = shown(history_table(rows))
    for expected in ("Data Engineer 📊", "Analyst", rows[0].session.id[:8], "25:30",
                     "7.2/10", "no score", "4/5", "completed"):
        assert expected in text, expected


def test_sparkline_scales_scores_and_marks_gaps() -> None:
    assert sparkline([1, None, 10, 5.5, 4]).plain == "▁·█▅▃"


def test_progress_chart_draws_sessions_and_categories() -> None:
    rows = [summary(2, "Staff Engineer", 8.0), summary(1, "Senior Engineer", 6.0),
            summary(0, "Engineer", 4.0)]
    per_category = {rows[2].session.id: {"technical": 3.0},
                    rows[0].session.id: {"technical": 9.0, "behavioral": 7.0}}
    text = shown(progress_chart(progress(rows, per_category)))
    assert text.index("Engineer ") < text.index("Senior Engineer") < \
        text.index("Staff Engineer")  # oldest first
    assert "First 4/10 → latest 8/10 (+4.0, improving)" in text
    assert "Technical" in text and "3/10 → 9/10 (+6.0)" in text
    assert "Behavioral" in text
    assert "█" in text


def test_progress_chart_before_any_session() -> None:
    assert "No sessions yet" in shown(progress_chart(progress([])))
