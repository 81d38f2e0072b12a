"""Every session at once: `mockmate export --all` as JSON or CSV, written as it is read.

JSON is an `ExportedSessions` document: {"format": "mockmate.sessions", "format_version": 1,
"sessions": [ExportedReport, ...]}, oldest session first; each session is exactly what
`mockmate report ID --format json` writes (see model.py), so one reader serves both.

CSV has one row per question (a session without questions gets one row with the question
columns empty), UTF-8, with a header row; COLUMNS lists the columns in order. Times are ISO 8601,
durations seconds unless the column says minutes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import datetime
from typing import IO, Literal

from pydantic import BaseModel, ConfigDict, Field

from mockmate_tui.core.report_stats import report_statistics
from mockmate_tui.export.model import ExportedReport
from mockmate_tui.models import InterviewAnswer, SessionReport

BULK_FORMATS: tuple[str, ...] = ("json", "csv")

COLUMNS: tuple[str, ...] = (
    "session_id", "session_name", "job_title", "status", "created_at", "started_at", "ended_at",
    "billed_seconds", "paused_seconds", "credits_used", "session_average_score",
    "question_number", "category", "difficulty", "expected_duration_minutes", "question_text",
    "answered", "answer_text", "response_time_seconds", "score", "feedback", "scored_by",
    # How it was given, and its delivery (empty when not measured).
    "answer_mode", "words_per_minute", "thinking_seconds", "filler_count", "long_pauses",
)


class ExportedSessions(BaseModel):
    """Every session of a person, as `mockmate export --all --format json` writes it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    format: Literal["mockmate.sessions"] = Field("mockmate.sessions")
    format_version: Literal[1] = Field(1, description="Raised only by an incompatible change.")
    sessions: list[ExportedReport] = Field(description="Oldest session first.")


def write_json(reports: Iterable[SessionReport], handle: IO[bytes]) -> int:
    """Stream `reports` as one ExportedSessions document; returns how many were written. Only
    one report is held in memory at a time."""
    handle.write(b'{\n  "format": "mockmate.sessions",\n  "format_version": 1,\n  "sessions": [')
    count = 0
    for report in reports:
        exported = ExportedReport.from_report(report, report_statistics(report))
        handle.write(b"\n" if count == 0 else b",\n")
        handle.write(exported.model_dump_json().encode("utf-8"))
        count += 1
    handle.write(b"\n  ]\n}\n" if count else b"]\n}\n")
    return count


def write_csv(reports: Iterable[SessionReport], handle: IO[bytes]) -> int:
    """Stream `reports` as CSV rows; returns how many sessions were written."""
    text = io.TextIOWrapper(handle, encoding="utf-8", newline="", write_through=True)
    try:
        writer = csv.writer(text)
        writer.writerow(COLUMNS)
        count = 0
        for report in reports:
            writer.writerows(_rows(report))
            count += 1
        text.flush()
    finally:
        text.detach()  # leave the caller's file open
    return count


def _rows(report: SessionReport) -> list[list[object]]:
    session = report.session
    stats = report_statistics(report)
    head: list[object] = [
        session.id, session.session_name, session.job_title, session.status,
        session.created_at.isoformat(), _iso(session.started_at), _iso(session.ended_at),
        session.billed_seconds, session.paused_seconds, session.credits_used,
        "" if stats.average_score is None else round(stats.average_score, 2),
    ]
    answers = {answer.question_id: answer for answer in report.answers}
    rows = []
    for question in sorted(report.questions, key=lambda q: q.question_number):
        answer = answers.get(question.id)
        rows.append([
            *head,
            question.question_number, question.category, question.difficulty_level,
            question.expected_duration, question.question_text,
            "yes" if answer else "no",
            answer.answer_text if answer else "",
            answer.response_time if answer else "",
            "" if answer is None or answer.ai_score is None else answer.ai_score,
            (answer.ai_feedback or "") if answer else "",
            (answer.scored_by or "") if answer else "",
            *_delivery_cells(answer),
        ])
    return rows or [head + [""] * (len(COLUMNS) - len(head))]


def _delivery_cells(answer: InterviewAnswer | None) -> list[object]:
    if answer is None:
        return ["", "", "", "", ""]
    delivery = answer.delivery
    if delivery is None:
        return [answer.answer_mode, "", "", "", ""]
    spoken = delivery.mode == "spoken"
    return [answer.answer_mode, _blank(delivery.words_per_minute),
            _blank(delivery.thinking_seconds), delivery.filler_count if spoken else "",
            len(delivery.long_pauses) if spoken else ""]


def _blank(value: float | None) -> object:
    return "" if value is None else value


def _iso(value: datetime | None) -> str:
    return "" if value is None else value.isoformat()
