"""The JSON report format: a stable, documented model for other programs.

A JSON report is `ExportedReport.model_dump_json()`, and `ExportedReport.model_validate_json()`
reads it back unchanged. Its fields are the system design's SessionReport (session, user,
questions, answers, total_questions, total_answers, average_response_time, average_score), with
the same names and meanings, plus:

- `format`: always "mockmate.report", so a reader can tell what it was given;
- `format_version`: 3. Within a version, fields are never removed, renamed or given a new
  meaning; a change that would do so raises the version. Version 2 added each answer's
  `scored_by` (the rubric version or model that scored it; null when scored before versions):
  a version 1 reader refuses fields it does not know, so the version was raised. Version 3
  added each answer's `key_point_marks`: the key points the person marked "I covered this",
  each `{"key_point", "quote", "marked_at"}`, the quote an exact substring of the answer's
  text; the person's marks, not the judge's (`ai_score` does not count them); and each
  answer's `answer_mode` ("typed" or "spoken") and `delivery` (models.Delivery: words per
  minute, fillers, long pauses, thinking and typing time; null when not measured). Versions 1
  and 2 are still read (their answers are typed, unmeasured, with no marks, and version 1's
  `scored_by` is null);
- `statistics`: `ReportStatistics` (mockmate_tui/core/report_stats.py): coverage of the averages,
  billed and paused time, credits, averages per category and per difficulty, each question's
  response time against its expected duration, the score series and trend, the strongest and
  weakest answers, and the unanswered questions.

Times are ISO 8601 with their UTC offset; durations are whole seconds unless a name says minutes
(`expected_duration`, `interview_duration`, as in the design); scores run from 1 to 10; an
average over nothing is null in `statistics` (and 0 in the design's own two averages).
The JSON Schema is `ExportedReport.model_json_schema()` (`mockmate report --schema` prints it).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from mockmate_tui.core.report_stats import ReportStatistics, report_statistics
from mockmate_tui.models import InterviewAnswer, InterviewQuestion, Session, SessionReport, User

REPORT_FORMAT = "mockmate.report"
REPORT_FORMAT_VERSION = 3  # keep equal to ExportedReport.format_version's default


class ExportedReport(BaseModel):
    """One interview report as exported: the design's SessionReport, statistics, a version."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    format: Literal["mockmate.report"] = Field(
        "mockmate.report", description="Always 'mockmate.report'."
    )
    format_version: Literal[1, 2, 3] = Field(
        3, description="Raised only by an incompatible change; 2 adds answers' scored_by, 3 "
        "their key_point_marks, answer_mode and delivery. Written as 3; 1 and 2 are still read.")
    session: Session
    user: User
    questions: list[InterviewQuestion] = Field(description="In question order.")
    answers: list[InterviewAnswer] = Field(description="In question order; one per answer.")
    total_questions: int
    total_answers: int
    average_response_time: float = Field(description="Mean seconds per answer; 0 if none.")
    average_score: float = Field(description="Mean score of the scored answers; 0 if none.")
    statistics: ReportStatistics

    @classmethod
    def from_report(cls, report: SessionReport,
                    statistics: ReportStatistics | None = None) -> ExportedReport:
        return cls(**_report_fields(report), statistics=statistics or report_statistics(report))

    def to_report(self) -> SessionReport:
        """The design's SessionReport inside this export."""
        return SessionReport(**_report_fields(self))


def render_json(report: SessionReport, statistics: ReportStatistics | None = None) -> bytes:
    exported = ExportedReport.from_report(report, statistics)
    return exported.model_dump_json(indent=2).encode("utf-8") + b"\n"


def _report_fields(source: object) -> dict[str, Any]:
    """The design's SessionReport fields, taken as they are (no copy, no re-validation)."""
    return {name: getattr(source, name) for name in SessionReport.model_fields}
