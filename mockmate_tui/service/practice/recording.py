"""After each answer: what it missed, as weak areas, and each area's review (its FSRS card).

Called by the interview engine inside the transaction that stores the answer, so an answer and
its findings are stored together or not at all; keyed by the answer, so storing it twice
reviews nothing twice.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from mockmate_tui.core.schedule import review
from mockmate_tui.core.weakness import AnswerFacts, KeyPointFact, Observation, observe
from mockmate_tui.db import weakness_repo
from mockmate_tui.db.repo import Connection
from mockmate_tui.feedback import Evaluation
from mockmate_tui.feedback.job_terms import term_coverage
from mockmate_tui.models import Session
from mockmate_tui.service.interview_model import PlannedQuestion


def answer_facts(session: Session, question: PlannedQuestion, answer_text: str,
                 evaluation: Evaluation, *, hinted: bool = False) -> AnswerFacts:
    """What `observe` reads of an answer: the evaluation's rubric parts and key-point
    verdicts, and the job description's skills the question was about."""
    skills = term_coverage(session.job_description, answer_text, question.text,
                           question.key_points) if session.job_description else None
    return AnswerFacts(
        category=question.category,
        difficulty=question.difficulty,
        score=evaluation.score,
        answer_text=answer_text,
        rubric=dict(evaluation.rubric),
        key_points=tuple(KeyPointFact(p.text, p.covered, p.evidence)
                         for p in evaluation.key_points),
        skills_asked=(skills.matched + skills.missing) if skills else (),
        skills_shown=skills.matched if skills else (),
        expected_minutes=question.expected_minutes,
        hinted=hinted,
    )


def facts_record(facts: AnswerFacts, observations: tuple[Observation, ...]) -> dict[str, Any]:
    """The facts as stored (answer_facts.facts): what a comparison reads back."""
    return {
        "score": facts.score,
        "category": facts.category,
        "difficulty": facts.difficulty,
        "rubric": dict(facts.rubric),
        "key_points": [{"text": p.text, "covered": p.covered, "evidence": p.evidence}
                       for p in facts.key_points],
        "skills_asked": list(facts.skills_asked),
        "skills_shown": list(facts.skills_shown),
        "talking_points_shown": facts.hinted,
        "areas": {o.area.key: {"grade": int(o.grade), "why": o.why, "label": o.area.label}
                  for o in observations},
    }


def record_answer(conn: Connection, session: Session, question: PlannedQuestion,
                  answer_id: UUID, answer_text: str, evaluation: Evaluation,
                  at: datetime) -> None:
    """Store the answer's facts and review each area it exercised. Best effort: a failure
    here is logged and undone, and never costs the answer stored in the same transaction."""
    with weakness_repo.best_effort(conn, "recording the answer's weak areas"):
        _record(conn, session, question, answer_id, answer_text, evaluation, at)


def _record(conn: Connection, session: Session, question: PlannedQuestion,
            answer_id: UUID, answer_text: str, evaluation: Evaluation,
            at: datetime) -> tuple[Observation, ...]:
    hinted = question.number in weakness_repo.points_shown(conn, UUID(session.id))
    facts = answer_facts(session, question, answer_text, evaluation, hinted=hinted)
    observations = observe(facts)
    if not weakness_repo.insert_answer_facts(conn, answer_id, UUID(session.id),
                                             facts_record(facts, observations)):
        return observations  # stored before: reviewed before
    user_id = UUID(session.user_id)
    known = weakness_repo.lock_weak_areas(conn, user_id, [o.area.key for o in observations])
    for observation in observations:
        key = observation.area.key
        updated = review(known.get(key), observation.area, observation.grade, at)
        if updated is None:
            continue  # never weak, done well: nothing to track
        weakness_repo.insert_review(conn, answer_id, user_id, key, observation.grade,
                                    observation.why, at)
        weakness_repo.save_weak_area(conn, user_id, updated)
    return observations
