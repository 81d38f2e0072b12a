"""The report header names the session's company (issue 20) in every export format, beside the
job title; a session without one has no such line."""

from __future__ import annotations

import io
import json
import uuid
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader

from mockmate_tui.core.report_stats import report_average_response_time, report_average_score
from mockmate_tui.export import render_report
from mockmate_tui.export.progress import history_table
from mockmate_tui.models import (
    InterviewAnswer,
    InterviewQuestion,
    Session,
    SessionReport,
    SessionSummary,
    User,
)

T0 = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)
ASKED = "What do you know about Acme Robotics so far?"


def report(company: str | None) -> SessionReport:
    user = User(id=str(uuid.uuid4()), name="Ada", email="ada@example.com", credit_balance=3,
                created_at=T0)
    session = Session(
        id=str(uuid.uuid4()), user_id=user.id, session_name="Practice: Backend Engineer",
        job_title="Backend Engineer", job_description="", status="completed",
        interview_duration=5, credits_used=1, created_at=T0, started_at=T0, ended_at=T0,
        billed_seconds=300, paused_seconds=0, company=company,
    )
    question = InterviewQuestion(
        id=str(uuid.uuid4()), session_id=session.id, question_number=1, question_text=ASKED,
        category="introduction", difficulty_level="easy", expected_duration=2, asked_at=T0,
        created_at=T0)
    answer = InterviewAnswer(
        id=str(uuid.uuid4()), question_id=question.id, session_id=session.id,
        answer_text="You build warehouse robots.", response_time=60, ai_feedback="Fine.",
        ai_score=6, answered_at=T0, created_at=T0)
    return SessionReport(
        session=session, user=user, questions=[question], answers=[answer], total_questions=1,
        total_answers=1, average_response_time=report_average_response_time([answer]),
        average_score=report_average_score([answer]))


def shown(data: bytes, fmt: str) -> str:
    if fmt == "pdf":
        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return data.decode("utf-8")


@pytest.mark.parametrize("fmt", ["text", "md", "html", "pdf"])
def test_the_header_names_the_company(fmt: str) -> None:
    with_company = shown(render_report(report("Acme Robotics"), fmt), fmt)
    assert "Company" in with_company and "Acme Robotics" in with_company
    without = shown(render_report(report(None), fmt), fmt)
    assert "Company" not in without


def test_the_json_export_carries_the_company() -> None:
    assert json.loads(render_report(report("Acme Robotics"), "json"))["session"]["company"] \
        == "Acme Robotics"
    assert json.loads(render_report(report(None), "json"))["session"]["company"] is None


def test_history_shows_the_company_with_the_job_title() -> None:
    from rich.console import Console

    def row(company: str | None) -> str:
        summary = SessionSummary(session=report(company).session, total_questions=1,
                                 total_answers=1, average_score=6.0)
        console = Console(width=120, record=True)
        console.print(history_table([summary]))
        return console.export_text()

    assert "Backend Engineer at Acme Robotics" in row("Acme Robotics")
    assert " at " not in row(None)
