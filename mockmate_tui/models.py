"""The data MockMate passes around, named as in the system design (spec/mockmate-system.md).

IDs are UUID strings. Times are timezone-aware datetimes (UTC). Durations are whole seconds
unless a name says minutes, as in the spec.

The kinds, the input limits and the records the home screen reads (User, Session,
SessionSummary) are records.py's, re-exported here: they need no pydantic, which the app at
rest does without (issue 21). The models below are pydantic's.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from mockmate_tui.records import (
    CATEGORIES,
    DIFFICULTIES,
    EMAIL_PATTERN,
    MAX_EMAIL_LENGTH,
    MAX_ID_LENGTH,
    MAX_INT4,
    MAX_NAME_LENGTH,
    MAX_QUESTIONS,
    MAX_QUOTED,
    MAX_SCORE,
    MAX_TOP_UP,
    MIN_INT4,
    MIN_QUESTIONS,
    MIN_SCORE,
    SESSION_STATUSES,
    AnswerMode,
    Category,
    ChargeReason,
    Difficulty,
    Session,
    SessionStatus,
    SessionSummary,
    User,
    email_problem,
    question_count_problem,
    quoted,
    storable_text_problem,
    text_problem,
    top_up_problem,
)

__all__ = [
    "CATEGORIES",
    "DIFFICULTIES",
    "EMAIL_PATTERN",
    "MAX_EMAIL_LENGTH",
    "MAX_ID_LENGTH",
    "MAX_INT4",
    "MAX_MARK_QUOTE",
    "MAX_NAME_LENGTH",
    "MAX_QUESTIONS",
    "MAX_QUOTED",
    "MAX_SCORE",
    "MAX_TOP_UP",
    "MIN_INT4",
    "MIN_QUESTIONS",
    "MIN_SCORE",
    "SESSION_STATUSES",
    "AnswerMode",
    "Category",
    "ChargeReason",
    "CreditBlock",
    "CreditUsage",
    "Delivery",
    "Difficulty",
    "FillerCount",
    "InterviewAnswer",
    "InterviewQuestion",
    "KeyPointMark",
    "LedgerEntry",
    "LongPause",
    "Session",
    "SessionReport",
    "SessionStatus",
    "SessionSummary",
    "TimerState",
    "UUIDStr",
    "User",
    "email_problem",
    "question_count_problem",
    "quoted",
    "storable_text_problem",
    "text_problem",
    "top_up_problem",
]


def _uuid_as_text(value: Any) -> Any:
    return str(value) if isinstance(value, UUID) else value


UUIDStr = Annotated[str, BeforeValidator(_uuid_as_text)]
"""A UUID as its canonical string: what the database's uuid columns come back as."""


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class InterviewQuestion(_Model):
    id: UUIDStr
    session_id: UUIDStr
    question_number: int
    question_text: str
    category: Category
    difficulty_level: Difficulty
    expected_duration: int = Field(description="Expected answer time in minutes.")
    asked_at: datetime
    created_at: datetime


MAX_MARK_QUOTE = 1000
"""The longest sentence a person may quote when marking a key point as covered."""


class KeyPointMark(_Model):
    """A key point the person says their answer covered where the judge said not: their own
    mark, with the sentence of their answer that covers it (an exact substring of it). It never
    changes the judge's score. (An addition to the design's model.)"""

    key_point: str
    quote: str
    marked_at: datetime


class FillerCount(_Model):
    """One filler word or phrase ("um", "you know"...) and how often it was said."""

    filler: str
    count: int


class LongPause(_Model):
    """A silence of more than LONG_PAUSE_SECONDS inside a spoken answer."""

    after_word: str = Field(description="The word spoken just before it.")
    at_seconds: float = Field(description="When it began, seconds into the recording.")
    seconds: float


class Delivery(_Model):
    """How an answer was delivered, measured (core/delivery.py): pace, fillers and pauses for a
    spoken answer (from the transcript's word timestamps), thinking and typing time for a
    typed one (from keystroke times). Stored with the answer as JSON."""

    mode: AnswerMode
    words: int
    words_per_minute: float | None = Field(
        description="Spoken: words per minute of speaking (long pauses excluded); typed: "
        "words per minute of typing. None when too short to tell.")
    answer_seconds: float = Field(
        description="Spoken: first word to last word; typed: first keystroke to last.")
    expected_seconds: int | None = Field(
        None, description="The question's expected answer time, to set answer_seconds against.")
    thinking_seconds: float | None = Field(
        None, description="From the start (question shown, or recording started) to the first "
        "keystroke or word.")
    fillers: tuple[FillerCount, ...] = ()
    filler_count: int = 0
    fillers_per_minute: float | None = None
    long_pauses: tuple[LongPause, ...] = ()


class InterviewAnswer(_Model):
    """The design's answer model, plus `scored_by` (an addition: which rubric version or model
    produced ai_score and ai_feedback) and `key_point_marks` (an addition: the key points the
    person marked as covered)."""

    id: UUIDStr
    question_id: UUIDStr
    session_id: UUIDStr
    answer_text: str
    response_time: int = Field(description="Time taken to answer, in seconds.")
    ai_feedback: str | None
    ai_score: int | None
    answered_at: datetime
    created_at: datetime
    scored_by: str | None = Field(
        default=None,
        description="What scored it, e.g. 'rubric-2026.11d' or 'llm:<model>'; None when stored "
        "before scores were versioned or saved without saying. (An addition to the design's "
        "model.)")
    key_point_marks: list[KeyPointMark] = Field(
        default_factory=list,
        description="Key points the person marked as covered, each with their own sentence; "
        "the score is the judge's and does not count them. (An addition to the design's "
        "model.)")
    answer_mode: AnswerMode = Field(
        default="typed", description="Typed or spoken (an addition to the design's model).")
    delivery: Delivery | None = Field(
        default=None, description="Pace, fillers, pauses or typing time; None when not "
        "measured (answers stored before it was, or from a script).")


class LedgerEntry(_Model):
    """One change to a credit balance. Charges are negative, top-ups and refunds positive."""

    id: int
    user_id: UUIDStr
    session_id: UUIDStr | None
    delta: int
    reason: ChargeReason
    hour_index: int | None = Field(description="For an hourly charge: which hour (2 = second).")
    note: str | None
    created_at: datetime


class TimerState(_Model):
    """The spec's TimerState: elapsed time counts running time only."""

    session_id: UUIDStr
    elapsed_seconds: int
    elapsed_minutes: int
    credits_used: int
    is_running: bool
    started_at: datetime | None = Field(description="When the interview first started.")
    paused_duration: int = Field(description="Seconds spent paused.")


class CreditBlock(_Model):
    """One credit and the stretch of running minutes it pays for."""

    start_minute: int
    end_minute: int
    credits: int


class CreditUsage(_Model):
    session_id: UUIDStr
    elapsed_seconds: int
    total_minutes: int
    credits_used: int
    cost_breakdown: list[CreditBlock]
    seconds_to_next_credit: int = Field(
        description="Running seconds until the next credit is charged."
    )


class SessionReport(_Model):
    """The spec's SessionReport: everything needed to read back one interview."""

    session: Session
    user: User
    questions: list[InterviewQuestion]
    answers: list[InterviewAnswer]
    total_questions: int
    total_answers: int
    average_response_time: float = Field(description="Mean seconds per answer; 0 if none.")
    average_score: float = Field(description="Mean score of the scored answers; 0 if none.")
