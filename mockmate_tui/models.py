"""The data MockMate passes around, named as in the system design (spec/mockmate-system.md).

IDs are UUID strings. Times are timezone-aware datetimes (UTC). Durations are whole seconds
unless a name says minutes, as in the spec.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any, Literal, get_args
from uuid import UUID

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field


def _uuid_as_text(value: Any) -> Any:
    return str(value) if isinstance(value, UUID) else value


UUIDStr = Annotated[str, BeforeValidator(_uuid_as_text)]
"""A UUID as its canonical string: what the database's uuid columns come back as."""

Category = Literal["introduction", "behavioral", "situational", "technical"]
Difficulty = Literal["easy", "medium", "hard"]
SessionStatus = Literal["created", "active", "paused", "completed"]
ChargeReason = Literal["session_start", "hour", "top_up", "refund"]
AnswerMode = Literal["typed", "spoken"]
"""How an answer was given (the same values as the rubric's yardstick takes)."""

CATEGORIES: tuple[str, ...] = get_args(Category)
DIFFICULTIES: tuple[str, ...] = get_args(Difficulty)
SESSION_STATUSES: tuple[str, ...] = get_args(SessionStatus)

MIN_SCORE = 1
MAX_SCORE = 10

# -- input limits: the one statement of each rule, used by the service (which raises
# InvalidInputError naming the field), the TUI's forms and dialogs, and the CLI. --------------

MAX_INT4 = 2**31 - 1
"""The largest whole number a PostgreSQL `integer` column holds. Every number MockMate stores
(question_number, expected_duration, response_time, a balance...) is one, so no input may pass
it: the database would refuse it with a raw error after the checks had let it through."""
MIN_INT4 = -(2**31)
MAX_NAME_LENGTH = 200
"""A person's name, a session name or a job title (the columns are varchar(200))."""
MAX_EMAIL_LENGTH = 320
MAX_ID_LENGTH = 100
"""Longer than any way of writing a UUID (braces, "urn:uuid:", spaces around it): a longer
"id" is refused before anything looks it up or quotes it back."""
MAX_TOP_UP = 1_000_000
"""The most credits one top-up may add."""
MIN_QUESTIONS = 1
MAX_QUESTIONS = 30
"""How many questions one interview may ask."""
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_QUOTED = 60
"""How much of a bad value a message quotes back: enough to recognise it, never the whole of
a megabyte that someone pasted."""


def quoted(value: object) -> str:
    """`value` as a message may quote it: repr-quoted (so NUL, surrogates and markup show as
    escapes, not as themselves), cut to MAX_QUOTED characters with its length said."""
    if isinstance(value, str):
        shown, length = repr(value[:MAX_QUOTED + 1]), len(value)
    else:
        try:
            shown = repr(value)
        except ValueError:  # an int past Python's 4,300-digit limit for turning it into text
            assert isinstance(value, int)
            return f"a whole number of about {int(value.bit_length() * 0.30103):,} digits"
        except Exception:  # a foreign object whose repr fails
            shown = f"<{type(value).__name__}>"
        length = len(shown)
    if len(shown) <= MAX_QUOTED and length <= MAX_QUOTED:
        return shown
    return f"{shown[:MAX_QUOTED]}… ({length:,} characters)"


def storable_text_problem(value: str, what: str) -> str | None:
    """Why PostgreSQL could not store `value` as text, or None: it holds NUL, or a character
    UTF-8 cannot encode (a lone surrogate, as a broken paste or a bad decoder leaves)."""
    if "\x00" in value:
        return f"The {what} contains a NUL character, which cannot be stored."
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        return (f"The {what} contains an invalid character ({quoted(value[error.start])} at "
                f"position {error.start + 1}, a lone surrogate), which cannot be stored.")
    return None


def text_problem(value: object, what: str, max_length: int | None = MAX_NAME_LENGTH) -> str | None:
    """Why `value` cannot be stored as a required one-line text, or None if it can."""
    if not isinstance(value, str) or not value.strip():
        return f"Enter {what}."
    if problem := storable_text_problem(value, what):
        return problem
    length = len(value.strip())
    if max_length is not None and length > max_length:
        return f"The {what} is too long ({length:,} characters; at most {max_length})."
    return None


def email_problem(value: object) -> str | None:
    """Why `value` is not an email address MockMate can store, or None."""
    if problem := text_problem(value, "an email address", MAX_EMAIL_LENGTH):
        return problem
    assert isinstance(value, str)
    if not EMAIL_PATTERN.match(value.strip()):
        return "That is not an email address (like name@example.com)."
    return None


def question_count_problem(value: object) -> str | None:
    """Why `value` is not a number of questions an interview may ask, or None."""
    if not isinstance(value, int) or isinstance(value, bool):
        return f"The number of questions must be a whole number, not {quoted(value)}."
    if not MIN_QUESTIONS <= value <= MAX_QUESTIONS:
        return f"Choose from {MIN_QUESTIONS} to {MAX_QUESTIONS} questions."
    return None


def top_up_problem(value: object) -> str | None:
    """Why `value` is not a number of credits one top-up may add, or None."""
    if not isinstance(value, int) or isinstance(value, bool):
        return f"The number of credits must be a whole number, not {quoted(value)}."
    if not 1 <= value <= MAX_TOP_UP:
        return f"Add from 1 to {MAX_TOP_UP:,} credits at a time."
    return None


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class User(_Model):
    id: UUIDStr
    name: str
    email: str
    credit_balance: int
    created_at: datetime


class Session(_Model):
    """One mock interview. The spec's columns, plus billed and paused time read from the timer."""

    id: UUIDStr
    user_id: UUIDStr
    session_name: str
    job_title: str
    job_description: str
    status: SessionStatus
    interview_duration: int = Field(description="Billed (running) minutes, pauses excluded.")
    credits_used: int
    created_at: datetime
    started_at: datetime | None
    ended_at: datetime | None
    billed_seconds: int = Field(0, description="Running time in seconds, pauses excluded.")
    paused_seconds: int = Field(0, description="Time spent paused, in seconds.")
    company: str | None = Field(
        None, description="The company practised for, or None when none was given.")


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


class SessionSummary(_Model):
    """One line of a person's history: the session and how it went."""

    session: Session
    total_questions: int
    total_answers: int
    average_score: float | None = Field(description="Mean of the scored answers; None if none.")
    spoken_answers: int = Field(0, description="Answers given by voice.")
    words_per_minute: float | None = Field(
        None, description="Mean speaking pace of the spoken answers; None if none.")
    fillers_per_minute: float | None = Field(
        None, description="Mean filler words a minute of the spoken answers; None if none.")


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
