"""The part of MockMate's data model that needs no pydantic: the kinds (categories,
difficulties, statuses), the input limits and their checks, and the records the app at rest
reads for its home screen (User, Session, SessionSummary) as frozen dataclasses.

The app at rest on its home screen imports this, never models.py: pydantic alone holds about
7 MB (issue 21). models.py re-exports all of it beside its pydantic models, and pydantic still
reads and writes these records where they travel inside its models (a report's JSON, the
history's): `__pydantic_config__` gives them the models' rules (no unknown fields) and their
attribute docstrings become their descriptions in the JSON Schema.

IDs are UUID strings (a uuid.UUID given is kept as its canonical text, as the database's uuid
columns come back). Times are timezone-aware datetimes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar, Literal, get_args

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


# What pydantic applies to a record inside one of its models (models.py's own rules); a plain
# dict, so defining a record needs no pydantic.
_AS_MODELS: dict[str, Any] = {"extra": "forbid", "use_attribute_docstrings": True}


def _ids_as_text(record: object, *names: str) -> None:
    """`names` of a frozen record as canonical text where a uuid.UUID (or any non-text id) was
    given: what models.py's UUIDStr did for these fields."""
    for name in names:
        value = getattr(record, name)
        if value is not None and not isinstance(value, str):
            object.__setattr__(record, name, str(value))


@dataclass(frozen=True)
class User:
    __pydantic_config__: ClassVar[dict[str, Any]] = _AS_MODELS

    id: str
    name: str
    email: str
    credit_balance: int
    created_at: datetime

    def __post_init__(self) -> None:
        _ids_as_text(self, "id")


@dataclass(frozen=True)
class Session:
    """One mock interview. The spec's columns, plus billed and paused time read from the timer."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _AS_MODELS

    id: str
    user_id: str
    session_name: str
    job_title: str
    job_description: str
    status: SessionStatus
    interview_duration: int
    """Billed (running) minutes, pauses excluded."""
    credits_used: int
    created_at: datetime
    started_at: datetime | None
    ended_at: datetime | None
    billed_seconds: int = 0
    """Running time in seconds, pauses excluded."""
    paused_seconds: int = 0
    """Time spent paused, in seconds."""
    company: str | None = None
    """The company practised for, or None when none was given."""

    def __post_init__(self) -> None:
        _ids_as_text(self, "id", "user_id")


@dataclass(frozen=True)
class SessionSummary:
    """One line of a person's history: the session and how it went."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _AS_MODELS

    session: Session
    total_questions: int
    total_answers: int
    average_score: float | None
    """Mean of the scored answers; None if none."""
    spoken_answers: int = 0
    """Answers given by voice."""
    words_per_minute: float | None = None
    """Mean speaking pace of the spoken answers; None if none."""
    fillers_per_minute: float | None = None
    """Mean filler words a minute of the spoken answers; None if none."""
