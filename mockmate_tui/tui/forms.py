"""Checking what a person typed into a form, field by field, before anything is sent.

Each function returns {field: message}; an empty dict means the form is fine. The rules are the
models' own (`mockmate_tui.models`), the same the service applies: the service stays the
authority, checking here first only lets each message sit beside its field at once. What is left
to this module is reading text as numbers. Pure: no Textual, no database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, cast

from mockmate_tui.records import (
    CATEGORIES,
    DIFFICULTIES,
    MAX_NAME_LENGTH,
    Category,
    Difficulty,
    email_problem,
    question_count_problem,
    text_problem,
    top_up_problem,
)

DEFAULT_QUESTION_COUNT = 6
DIFFICULTY_CHOICES: tuple[str, ...] = ("mixed", *DIFFICULTIES)


def validate_profile(name: str, email: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if problem := text_problem(name, "your name", MAX_NAME_LENGTH):
        errors["name"] = problem
    if problem := email_problem(email):
        errors["email"] = problem
    return errors


def _whole_number(text: str, what: str) -> int | str:
    """The number typed, or the message to show beside the field."""
    cleaned = text.strip()
    if not cleaned:
        return f"Enter {what}."
    try:
        return int(cleaned)
    except ValueError:
        return f"{cleaned!r} is not a whole number."


def parse_question_count(text: str) -> int | str:
    """The number of questions, or the message to show beside the field."""
    count = _whole_number(text, "how many questions to ask")
    if isinstance(count, int) and (problem := question_count_problem(count)):
        return problem
    return count


def parse_top_up(text: str) -> int | str:
    """The number of credits to add, or the message to show beside the field."""
    credits = _whole_number(text, "how many credits to add")
    if isinstance(credits, int) and (problem := top_up_problem(credits)):
        return problem
    return credits


@dataclass(frozen=True)
class NewSessionForm:
    """The new-session form exactly as typed."""

    session_name: str
    job_title: str
    job_description: str
    question_count: str
    categories: frozenset[str]
    difficulty: str
    follow_ups: bool = True
    company: str = ""


@dataclass(frozen=True)
class SessionRequest:
    """A checked new-session form, as the interview engine's `plan` takes it."""

    session_name: str
    job_title: str
    job_description: str
    count: int
    categories: frozenset[Category]
    difficulty: Difficulty | Literal["mixed"]
    follow_ups: bool
    company: str | None = None
    """None when the form's company was left empty."""


def validate_new_session(form: NewSessionForm) -> dict[str, str]:
    errors: dict[str, str] = {}
    # The name is optional (filled from the job title, as `mockmate practice` does).
    if form.session_name.strip() and (
            problem := text_problem(form.session_name, "a session name", MAX_NAME_LENGTH)):
        errors["session_name"] = problem
    if problem := text_problem(form.job_title, "the job title", MAX_NAME_LENGTH):
        errors["job_title"] = problem
    # The company is optional too; given, it is checked like the job title.
    if form.company.strip() and (
            problem := text_problem(form.company, "the company name", MAX_NAME_LENGTH)):
        errors["company"] = problem
    if "\x00" in form.job_description:
        errors["job_description"] = ("The job description contains a NUL character, which "
                                     "cannot be stored.")
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


def default_session_name(job_title: str) -> str:
    """A session's name when none is typed: as `mockmate practice` names its sessions."""
    return f"Practice: {job_title.strip()}"[:MAX_NAME_LENGTH]


def session_request(form: NewSessionForm) -> SessionRequest:
    """The request for a form `validate_new_session` found no fault with."""
    count = parse_question_count(form.question_count)
    if isinstance(count, str):
        raise ValueError(count)
    return SessionRequest(
        session_name=form.session_name.strip() or default_session_name(form.job_title),
        job_title=form.job_title.strip(),
        job_description=form.job_description.strip(),
        count=count,
        categories=cast(frozenset[Category], frozenset(form.categories)),
        difficulty=cast(Difficulty | Literal["mixed"], form.difficulty),
        follow_ups=form.follow_ups,
        company=form.company.strip() or None,
    )
