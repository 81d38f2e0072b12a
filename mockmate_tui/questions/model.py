"""What a bank question is, what a session asks for, and how one stored record is validated.

BankQuestion and QuestionRequest are plain frozen dataclasses: the TUI and the service pass them
around. QuestionRecord is the pydantic shape of one question in a bank file (built-in or imported),
so every bank goes through the same validation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from mockmate_tui.models import CATEGORIES, Category, Difficulty, quoted, storable_text_problem
from mockmate_tui.questions.roles import TECHNOLOGY_SLUGS, technology_slug

MAX_EXPECTED_MINUTES = 30
MAX_QUESTION_LENGTH = 1_000
MAX_KEY_POINTS = 10
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_FIELD_WORDS = {"id": "id", "text": "question text", "key_points": "key point", "roles": "role",
                "technologies": "technology"}


@dataclass(frozen=True)
class BankQuestion:
    id: str
    """Stable id in its bank, e.g. "beh-med-007"."""
    text: str
    category: Category
    difficulty: Difficulty
    expected_minutes: int
    """Expected answer duration in minutes (>= 1)."""
    key_points: tuple[str, ...]
    """What a strong answer covers: used by the evaluator and shown as a hint after answering."""
    roles: tuple[str, ...]
    """Role slugs a technical question is for ("backend", ...); () means any role."""
    technologies: tuple[str, ...] = ()
    """Technology slugs the question is about ("postgresql", "kafka", ...); () means none in
    particular. A job that names one of them gets the question ahead of untailored ones."""
    core: bool = False
    """One of the questions interviewers ask most about its technologies: a job naming them
    gets it first."""
    model_answer: str | None = None
    """A short strong answer, written for the bank: shown beside the person's after they
    answer (`mockmate practice` /model)."""


@dataclass(frozen=True)
class QuestionRequest:
    job_title: str
    job_description: str = ""
    count: int = 6
    categories: frozenset[Category] = field(
        default_factory=lambda: frozenset(CATEGORIES)  # type: ignore[arg-type]
    )
    """The category mix. An introduction always comes first regardless."""
    difficulty: Difficulty | Literal["mixed"] = "mixed"
    seed: int | None = None
    """Same seed and same request give the same questions."""
    recently_asked: frozenset[str] = frozenset()
    """Question texts seen in recent sessions: they are picked only when nothing else fits."""
    personal: tuple[BankQuestion, ...] = ()
    """Questions about the person themselves (from their CV): the first is asked in place of
    the last story question."""
    focus: tuple[str, ...] = ()
    """What the person asked to practise ("Kafka", "system design"), or a job's gaps: the
    technologies named here come before the description's own, in this order."""
    company: str | None = None
    """The company the person practises for: with one, the plan asks about it in its name
    (questions/company.py); without one, never."""


class QuestionRecord(BaseModel):
    """One question as written in a bank file."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: str | None = Field(None, max_length=80)
    text: str = Field(min_length=10, max_length=MAX_QUESTION_LENGTH)
    category: Category
    difficulty: Difficulty
    expected_minutes: int = Field(ge=1, le=MAX_EXPECTED_MINUTES)
    key_points: tuple[str, ...] = Field(default=(), max_length=MAX_KEY_POINTS)
    roles: tuple[str, ...] = ()
    technologies: tuple[str, ...] = ()
    core: bool = False
    model_answer: str | None = Field(None, min_length=20, max_length=MAX_QUESTION_LENGTH * 4)

    # Before the other checks, so a NUL or a lone surrogate (which a JSON escape can carry) is
    # named for what it is. PostgreSQL cannot store either: let through, the question would
    # fail at the moment an interview shows it, and again at every retry.
    @field_validator("id", "text", "key_points", "roles", "technologies", "model_answer",
                     mode="before")
    @classmethod
    def _storable(cls, value: object, info: ValidationInfo) -> object:
        texts = value if isinstance(value, list | tuple) else [value]
        what = _FIELD_WORDS.get(info.field_name or "", "text")
        for text in texts:
            if isinstance(text, str) and (problem := storable_text_problem(text, what)):
                raise ValueError(problem)
        return value

    @field_validator("id")
    @classmethod
    def _id_is_simple(cls, value: str | None) -> str | None:
        if value is not None and not _ID.match(value):
            raise ValueError("an id may hold only letters, digits, '-', '_' and '.'")
        return value

    @field_validator("key_points")
    @classmethod
    def _key_points_are_text(cls, points: tuple[str, ...]) -> tuple[str, ...]:
        cleaned = tuple(point.strip() for point in points)
        if any(not point for point in cleaned):
            raise ValueError("a key point cannot be empty")
        return cleaned

    @field_validator("roles")
    @classmethod
    def _roles_are_slugs(cls, roles: tuple[str, ...]) -> tuple[str, ...]:
        cleaned = tuple(role.strip().lower() for role in roles)
        for role in cleaned:
            if not _SLUG.match(role):
                raise ValueError(
                    f"role {quoted(role)} must be a slug such as 'backend' or 'data-scientist'"
                )
        return cleaned

    @field_validator("technologies")
    @classmethod
    def _technologies_are_known(cls, names: tuple[str, ...]) -> tuple[str, ...]:
        # Only technologies the detector can find in a job are accepted: a tag it cannot match
        # would silently never fit any job. A name or alias ("Postgres", "k8s") becomes its slug.
        slugs: list[str] = []
        for name in names:
            slug = technology_slug(name)
            if slug is None:
                raise ValueError(
                    f"unknown technology {quoted(name.strip())}; use one of "
                    f"{', '.join(TECHNOLOGY_SLUGS)}"
                )
            slugs.append(slug)
        return tuple(dict.fromkeys(slugs))  # each once, in the order written

    def to_question(self, fallback_id: str) -> BankQuestion:
        return BankQuestion(
            id=self.id or fallback_id,
            text=self.text,
            category=self.category,
            difficulty=self.difficulty,
            expected_minutes=self.expected_minutes,
            key_points=self.key_points,
            roles=self.roles,
            technologies=self.technologies,
            core=self.core,
            model_answer=self.model_answer,
        )


def normalise_text(text: str) -> str:
    """The form two question texts are compared in: case and spacing do not matter."""
    return " ".join(text.split()).casefold()
