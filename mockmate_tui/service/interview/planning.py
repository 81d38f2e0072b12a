"""Which questions an interview asks: chosen once, when the session is planned, and stored.

The choice is the question source's (the bank, or a configured language model that falls back
to the bank). Interviews begun before plans were kept in the database get a plan rebuilt from
the questions they already asked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Literal
from uuid import UUID

from mockmate_tui.config import Settings
from mockmate_tui.db import interview_repo, question_repo
from mockmate_tui.db.interview_repo import NewPlanItem, StoredPlanItem
from mockmate_tui.db.repo import Connection
from mockmate_tui.errors import InvalidInputError
from mockmate_tui.models import (
    CATEGORIES,
    Category,
    Difficulty,
    InterviewAnswer,
    InterviewQuestion,
    Session,
    question_count_problem,
)
from mockmate_tui.questions import (
    BankQuestion,
    QuestionRequest,
    find_question,
    make_question_source,
)
from mockmate_tui.questions.follow_ups import follow_up_question
from mockmate_tui.service.interview.model import Evaluation, PlannedQuestion

DEFAULT_QUESTION_COUNT = 6
# Below this an answer is not one to build on: the rubric's guard rails put non-answers (empty,
# off-topic, a copy of the question) at 1, and any real answer at 2 or more; the weakest real
# answers need a follow-up most.
_FOLLOW_UP_MIN_SCORE = 2
# How many of the person's latest sessions a new plan avoids repeating.
RECENT_SESSIONS = 5


def question_request(job_title: str, job_description: str, *, count: int,
                     categories: frozenset[Category] | None,
                     difficulty: Difficulty | Literal["mixed"], seed: int | None,
                     recently_asked: Sequence[str],
                     company: str | None = None) -> QuestionRequest:
    """The request for the question source, with the count checked as a form would."""
    if problem := question_count_problem(count):
        raise InvalidInputError(problem, field="question_count")
    if categories is not None and not categories:
        raise InvalidInputError(f"Choose at least one category: {', '.join(CATEGORIES)}.",
                                field="categories")
    request = QuestionRequest(
        job_title=job_title,
        job_description=job_description,
        count=count,
        difficulty=difficulty,
        seed=seed,
        recently_asked=frozenset(recently_asked),
        company=company,
    )
    # Left out, the categories are the source's default mix (which may follow the role).
    return request if categories is None else replace(request, categories=categories)


def choose_questions(settings: Settings, request: QuestionRequest, *,
                     follow_ups: bool = True) -> list[NewPlanItem]:
    """The plan for a new interview, numbered from 1 in the order the questions are asked.
    With `follow_ups`, an answer that leaves a key point out brings one follow-up question."""
    chosen = make_question_source(settings).questions(request)
    return [
        NewPlanItem(
            question_number=number,
            question_text=question.text,
            category=question.category,
            difficulty_level=question.difficulty,
            expected_duration=question.expected_minutes,
            key_points=question.key_points,
            follow_ups=follow_ups,
        )
        for number, question in enumerate(chosen, start=1)
    ]


# A follow-up is a short question: a minute or two on the one thing left out.
FOLLOW_UP_MINUTES = 2


def follow_up(settings: Settings, question: PlannedQuestion, answer: str, missed: Sequence[str],
              request: QuestionRequest) -> NewPlanItem:
    """The follow-up to an answer that left key points out: the language model's, when one is
    configured and answers well; otherwise asked about the first point the answer missed."""
    asked = BankQuestion(
        id=f"plan-{question.number}", text=question.text, category=question.category,
        difficulty=question.difficulty, expected_minutes=question.expected_minutes,
        key_points=question.key_points, roles=(),
    )
    modelled = make_question_source(settings).follow_up(asked, answer, request)
    if modelled is not None:
        text, key_points = modelled.text, modelled.key_points or (missed[0],)
    else:
        point = missed[0]
        # Asked as an interviewer would ask it, not read out as the rubric's line.
        text = follow_up_question(point, question.category)
        key_points = (point,)
    return NewPlanItem(
        question_number=question.number + 1,
        question_text=text,
        category=question.category,
        difficulty_level=question.difficulty,
        expected_duration=FOLLOW_UP_MINUTES,
        key_points=key_points,
        follow_up_of=question.number,
    )


def follow_up_for(settings: Settings, session: Session, question: PlannedQuestion,
                  answer: str, evaluation: Evaluation) -> NewPlanItem | None:
    """One follow-up when a real answer left a key point out: never to a follow-up, and
    never to a non-answer (empty, off-topic, a copy of the question), which its feedback
    already says."""
    missed = evaluation.missed_key_points
    if not (question.follow_ups and missed) or question.follow_up_of is not None \
            or evaluation.score < _FOLLOW_UP_MIN_SCORE:
        return None
    request = QuestionRequest(job_title=session.job_title,
                              job_description=session.job_description, company=session.company)
    return follow_up(settings, question, answer, missed, request)


def adopted_plan(questions: Sequence[InterviewQuestion],
                 answers: Sequence[InterviewAnswer]) -> list[StoredPlanItem]:
    """A plan for an interview that asked questions before plans were stored: answered ones
    stay answered, the last unanswered one is on screen, earlier unanswered ones were skipped.
    Key points come from the bank when the question is one of its own."""
    answered = {answer.question_id for answer in answers}
    ordered = sorted(questions, key=lambda question: question.question_number)
    last_open = max((q.question_number for q in ordered if q.id not in answered), default=None)
    items = []
    for question in ordered:
        if question.id in answered:
            state = "answered"
        elif question.question_number == last_open:
            state = "asked"
        else:
            state = "skipped"
        match = find_question(question.question_text)
        items.append(StoredPlanItem(
            question_number=question.question_number,
            question_text=question.question_text,
            category=question.category,
            difficulty_level=question.difficulty_level,
            expected_duration=question.expected_duration,
            key_points=match.key_points if match is not None else (),
            state=state,
            question_id=UUID(question.id),
            shown_at_seconds=0.0,
            draft="",
        ))
    return items


def adopt_plan(conn: Connection, settings: Settings, session: Session) -> list[StoredPlanItem]:
    """A session with no stored plan: one made through the design's commands, or begun
    before plans were stored. Not yet started: plan it now; else rebuild from its questions."""
    sid = UUID(session.id)
    questions = question_repo.list_questions(conn, sid)
    if questions:
        items = adopted_plan(questions, question_repo.list_answers(conn, sid))
        with conn.transaction():
            interview_repo.insert_adopted_plan(conn, sid, items)
    elif session.status == "created":
        request = question_request(
            session.job_title, session.job_description, count=DEFAULT_QUESTION_COUNT,
            categories=None, difficulty="mixed", seed=None,
            recently_asked=question_repo.recent_question_texts(conn, UUID(session.user_id),
                                                               RECENT_SESSIONS),
            company=session.company)
        with conn.transaction():
            interview_repo.insert_plan(conn, sid, choose_questions(settings, request))
    return interview_repo.list_plan(conn, sid)
