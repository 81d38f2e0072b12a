"""What an evaluation is, and what anything that evaluates answers looks like."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, Protocol

from mockmate_tui.models import Category, Difficulty

AnswerMode = Literal["typed", "spoken"]


@dataclass(frozen=True)
class AnswerContext:
    """Everything an evaluator is given about one answer: the one place its inputs are named."""

    question_text: str
    answer_text: str
    category: Category
    difficulty: Difficulty = "medium"
    key_points: tuple[str, ...] = ()
    job_description: str = ""
    expected_minutes: int | None = None
    response_seconds: int | None = None
    mode: AnswerMode = "typed"
    """How the answer was given: typed answers are judged against typing, not speaking."""


@dataclass(frozen=True)
class KeyPointVerdict:
    """One key point of the question, judged on its own: covered or not, and the words of the
    answer that cover it (quoted exactly; None when not covered)."""

    text: str
    covered: bool
    evidence: str | None


@dataclass(frozen=True)
class Evaluation:
    score: int
    """1..10."""
    feedback: str
    """Multi-line text shown to the person and saved as the answer's ai_feedback. It says
    whether it comes from the built-in rubric or a language model."""
    strengths: tuple[str, ...]
    improvements: tuple[str, ...]
    rubric: Mapping[str, float]
    """The rubric's parts and their sub-scores (0..1), so a person can see why."""
    source: Literal["rubric", "llm"]
    notice: str | None = None
    """Something the person should know about how this was made, e.g. that the language model
    failed and the built-in rubric was used instead."""
    key_points: tuple[KeyPointVerdict, ...] = ()
    """Each of the question's key points, judged one by one (empty when it has none)."""
    version: str = ""
    """What scored it, stored with the score: the built-in rubric's RUBRIC_VERSION, or
    "llm:<model>" (with the rubric version it fell back to, when it did). Empty only for an
    evaluator that does not say; its score is stored as unversioned."""

    @property
    def missed_key_points(self) -> tuple[str, ...]:
        return tuple(point.text for point in self.key_points if not point.covered)


class AnswerEvaluator(Protocol):
    def evaluate(self, context: AnswerContext) -> Evaluation: ...
