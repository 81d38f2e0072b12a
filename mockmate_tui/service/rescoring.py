"""`mockmate rescore`: score a session's stored answers again with the current built-in rubric.

Every stored score says what produced it (interview_answers.scored_by). When the rubric changes
(feedback/rubric.py: RUBRIC_VERSION), older scores no longer mean the same thing as new ones;
rescoring rebuilds each answer's AnswerContext from what was stored (the question, the plan's
key points, the session's job description, the answer's response time), evaluates it offline
(never a language model: a rescore must be repeatable and free), and writes the new score,
feedback and version in one transaction per session. Answers the current rubric already scored
are left alone; answers a language model scored are stale too (rescoring makes every score of
the session the same rubric's, comparable with each other). Reads go through the service, so
row-level security keeps a person to their own sessions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal, Protocol
from uuid import UUID

from mockmate_tui.config import Settings
from mockmate_tui.db import question_repo
from mockmate_tui.db.pool import Database
from mockmate_tui.errors import InvalidInputError
from mockmate_tui.feedback import AnswerContext, Evaluation
from mockmate_tui.feedback.rubric import RUBRIC_VERSION, evaluate_answer
from mockmate_tui.models import InterviewAnswer, InterviewQuestion, Session
from mockmate_tui.service.key_points import bank_loader, session_key_points


class SessionReader(Protocol):
    """What rescoring uses of the MockMate facade (a Protocol, so this module does not import
    the facade that imports it): reads scoped to the person, and what it runs on."""

    @property
    def database(self) -> Database: ...
    @property
    def settings(self) -> Settings: ...
    def get_session(self, session_id: str) -> Session: ...
    def get_session_questions(self, session_id: str) -> list[InterviewQuestion]: ...
    def get_session_answers(self, session_id: str) -> list[InterviewAnswer]: ...


Movement = Literal["up", "down", "same", "new"]
"""How the score moved: "new" when the answer had no score before."""


@dataclass(frozen=True)
class RescoredAnswer:
    """One stored answer, before and after."""

    answer_id: str
    question_number: int
    question_text: str
    old_score: int | None
    new_score: int | None
    old_version: str | None
    new_version: str | None
    rescored: bool
    """Whether it was scored again (written, unless a dry run). False for an answer the current
    rubric already scored, or one it cannot judge (see `note`)."""
    note: str | None = None

    @property
    def movement(self) -> Movement:
        if self.new_score is None or self.old_score == self.new_score:
            return "same"
        if self.old_score is None:
            return "new"
        return "up" if self.new_score > self.old_score else "down"


@dataclass(frozen=True)
class RescoreResult:
    session_id: str
    session_name: str
    dry_run: bool
    """Nothing was written: the new scores are what a rescore would give."""
    answers: tuple[RescoredAnswer, ...]

    @property
    def rescored(self) -> int:
        return sum(answer.rescored for answer in self.answers)

    def count(self, movement: Movement) -> int:
        return sum(answer.movement == movement for answer in self.answers)


def rescore_session(
    service: SessionReader, session_id: str, *, dry_run: bool = False
) -> RescoreResult:
    """Score the session's stored answers again with the current rubric; see the module."""
    session = service.get_session(session_id)  # NotFoundError for another person's session
    questions = {q.id: q for q in service.get_session_questions(session.id)}
    answers = service.get_session_answers(session.id)
    with service.database.connection() as conn:
        # The plan's key points, else the bank's (read only if a question has no plan row).
        points = session_key_points(conn, UUID(session.id), bank_loader(service.settings))
    results: list[RescoredAnswer] = []
    writes: list[tuple[UUID, int, str]] = []
    for answer in answers:
        question = questions[answer.question_id]
        key_points = points.get(question.id, ())
        result, evaluation = _rescored(answer, question, key_points, session.job_description)
        results.append(result)
        if evaluation is not None:
            writes.append((UUID(answer.id), evaluation.score, evaluation.feedback))
    # Evaluated first, written after: the transaction holds its row locks only for the UPDATEs,
    # and a session's answers all move to the new rubric together or not at all.
    if writes and not dry_run:
        with service.database.transaction() as conn:
            for answer_id, score, feedback in writes:
                question_repo.update_score(conn, answer_id, score, feedback, RUBRIC_VERSION)
    return RescoreResult(session.id, session.session_name, dry_run, tuple(results))


def _rescored(
    answer: InterviewAnswer,
    question: InterviewQuestion,
    key_points: Sequence[str],
    job_description: str,
) -> tuple[RescoredAnswer, Evaluation | None]:
    unchanged = RescoredAnswer(
        answer.id,
        question.question_number,
        question.question_text,
        answer.ai_score,
        answer.ai_score,
        answer.scored_by,
        answer.scored_by,
        rescored=False,
    )
    if answer.scored_by == RUBRIC_VERSION:
        return unchanged, None
    context = AnswerContext(
        question_text=question.question_text,
        answer_text=answer.answer_text,
        category=question.category,
        difficulty=question.difficulty_level,
        key_points=tuple(key_points),
        job_description=job_description,
        # 0 minutes is storable through the design's commands but means "not said".
        expected_minutes=question.expected_duration or None,
        response_seconds=answer.response_time,
        mode=answer.answer_mode,  # a spoken answer is judged as spoken again
    )
    try:
        evaluation = evaluate_answer(context)
    except InvalidInputError as error:
        # Only an answer saved through the design's commands can be one the rubric refuses
        # (e.g. longer than it reads): it keeps its score, and the person is told why.
        return replace(unchanged, note=f"Left as it was: {error}"), None
    return RescoredAnswer(
        answer.id,
        question.question_number,
        question.question_text,
        answer.ai_score,
        evaluation.score,
        answer.scored_by,
        evaluation.version,
        rescored=True,
    ), evaluation
