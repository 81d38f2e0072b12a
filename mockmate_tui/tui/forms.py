"""Checking what a person typed into a form, field by field, before anything is sent.

Each function returns {field: message}; an empty dict means the form is fine. The service checks
again (it is the authority); checking here first lets each message sit beside its own field.
Pure: no Textual, no database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, cast

from mockmate_tui.models import CATEGORIES, DIFFICULTIES, Category, Difficulty
from mockmate_tui.questions import QuestionRequest
from mockmate_tui.questions.model import MAX_COUNT, MIN_COUNT

MAX_NAME_LENGTH = 200
MAX_EMAIL_LENGTH = 320
DEFAULT_QUESTION_COUNT = 6
DIFFICULTY_CHOICES: tuple[str, ...] = ("mixed", *DIFFICULTIES)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _text_problem(value: str, what: str, max_length: int) -> str | None:
    cleaned = value.strip()
    if not cleaned:
        return f"Enter {what}."
    if "\x00" in cleaned:
        return f"The {what} contains a character that cannot be stored."
    if len(cleaned) > max_length:
        return f"Too long: {len(cleaned)} characters, at most {max_length}."
    return None


def validate_profile(name: str, email: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if problem := _text_problem(name, "your name", MAX_NAME_LENGTH):
        errors["name"] = problem
    if problem := _text_problem(email, "your email", MAX_EMAIL_LENGTH):
        errors["email"] = problem
    elif not _EMAIL.match(email.strip()):
        errors["email"] = "That is not an email address (like name@example.com)."
    return errors


@dataclass(frozen=True)
class NewSessionForm:
    """The new-session form exactly as typed."""

    session_name: str
    job_title: str
    job_description: str
    question_count: str
    categories: frozenset[str]
    difficulty: str


def parse_question_count(text: str) -> int | str:
    """The number of questions, or the message to show beside the field."""
    cleaned = text.strip()
    if not cleaned:
        return "Enter how many questions to ask."
    try:
        count = int(cleaned)
    except ValueError:
        return f"{cleaned!r} is not a whole number."
    if not MIN_COUNT <= count <= MAX_COUNT:
        return f"Choose from {MIN_COUNT} to {MAX_COUNT} questions."
    return count


def validate_new_session(form: NewSessionForm) -> dict[str, str]:
    errors: dict[str, str] = {}
    if problem := _text_problem(form.session_name, "a session name", MAX_NAME_LENGTH):
        errors["session_name"] = problem
    if problem := _text_problem(form.job_title, "the job title", MAX_NAME_LENGTH):
        errors["job_title"] = problem
    if "\x00" in form.job_description:
        errors["job_description"] = "The description contains a character that cannot be stored."
    count = parse_question_count(form.question_count)
    if isinstance(count, str):
        errors["question_count"] = count
    if not form.categories:
        errors["categories"] = "Choose at least one category."
    elif not form.categories <= set(CATEGORIES):
        errors["categories"] = f"Choose from {', '.join(CATEGORIES)}."
    if form.difficulty not in DIFFICULTY_CHOICES:
        errors["difficulty"] = f"Choose {', '.join(DIFFICULTY_CHOICES)}."
    return errors


def question_request(form: NewSessionForm, recently_asked: frozenset[str]) -> QuestionRequest:
    """The request for the questions module; call only on a form without errors."""
    count = parse_question_count(form.question_count)
    if isinstance(count, str):
        raise ValueError(count)
    return QuestionRequest(
        job_title=form.job_title.strip(),
        job_description=form.job_description.strip(),
        count=count,
        categories=cast(frozenset[Category], frozenset(form.categories)),
        difficulty=cast(Difficulty | Literal["mixed"], form.difficulty),
        recently_asked=recently_asked,
    )
