"""An interview's steps while the database is away: the plan this window last read goes on in
memory (an answer is scored here as always, the next question shown), and each step becomes an
entry of the offline journal, stored when the database is back.

Offline, an answer brings no follow-up question: one is planned only where the plan is stored.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from uuid import UUID, uuid4

from mockmate_tui.core.timer import TimerPhase
from mockmate_tui.feedback import Evaluation
from mockmate_tui.models import AnswerMode, Delivery, TimerState
from mockmate_tui.service.interview.model import InterviewProgress, PlannedQuestion, QuestionState
from mockmate_tui.service.journal.entries import (
    AnswerEntry,
    DraftEntry,
    KeyPointEntry,
    ShowEntry,
    SkipEntry,
)
from mockmate_tui.service.timer.state import PHASE_STATUS


def with_timer(known: InterviewProgress, phase: TimerPhase | None, timer: TimerState,
               notice: str | None, pending: int) -> InterviewProgress:
    """The interview as this window knows it offline: its last plan, with the timer it
    measures now (`phase` None: a timer it does not measure, as last read)."""
    phase = phase or known.phase
    session = known.session
    if phase in PHASE_STATUS:
        session = replace(session, status=PHASE_STATUS[phase])
    return replace(known, session=session, phase=phase, timer=timer, notice=notice,
                   pending_writes=pending)


def answered(known: InterviewProgress, question: PlannedQuestion, answer_id: UUID, text: str,
             response_seconds: int, evaluation: Evaluation,
             now: datetime, mode: AnswerMode = "typed",
             delivery: Delivery | None = None) -> tuple[InterviewProgress, AnswerEntry]:
    entry = AnswerEntry(
        session_id=UUID(known.session.id), at=now, question_number=question.number,
        question_id=UUID(question.question_id or ""), answer_id=answer_id, answer_text=text,
        response_seconds=response_seconds, feedback=evaluation.feedback,
        score=evaluation.score, scored_by=evaluation.version or None, answer_mode=mode,
        delivery=delivery, source=evaluation.source, rubric=dict(evaluation.rubric),
        key_points=tuple(KeyPointEntry(text=p.text, covered=p.covered, evidence=p.evidence)
                         for p in evaluation.key_points),
    )
    return _with_state(known, question.number, "answered"), entry


def skipped(known: InterviewProgress,
            question: PlannedQuestion, now: datetime) -> tuple[InterviewProgress, SkipEntry]:
    entry = SkipEntry(session_id=UUID(known.session.id), at=now,
                      question_number=question.number)
    return _with_state(known, question.number, "skipped"), entry


def drafted(known: InterviewProgress, question: PlannedQuestion, text: str,
            now: datetime) -> tuple[InterviewProgress, DraftEntry]:
    entry = DraftEntry(session_id=UUID(known.session.id), at=now,
                       question_number=question.number, text=text)
    return _with_question(known, replace(question, draft=text)), entry


def shown_next(known: InterviewProgress, running_seconds: float,
               now: datetime) -> tuple[InterviewProgress, ShowEntry | None]:
    """The next question of the plan shown now (none left: nothing shown)."""
    pending = next((q for q in known.questions if q.state == "pending"), None)
    if pending is None:
        return known, None
    question_id = uuid4()
    entry = ShowEntry(
        session_id=UUID(known.session.id), at=now, question_number=pending.number,
        question_id=question_id, question_text=pending.text, category=pending.category,
        difficulty_level=pending.difficulty, expected_duration=pending.expected_minutes,
        shown_at_seconds=running_seconds,
    )
    shown = replace(pending, state="asked", question_id=str(question_id),
                    shown_at_seconds=running_seconds)
    return _with_question(known, shown), entry


def _with_state(known: InterviewProgress, number: int,
                state: QuestionState) -> InterviewProgress:
    question = next(q for q in known.questions if q.number == number)
    return _with_question(known, replace(question, state=state, draft=""))


def _with_question(known: InterviewProgress, changed: PlannedQuestion) -> InterviewProgress:
    return replace(known, questions=tuple(changed if q.number == changed.number else q
                                          for q in known.questions))
