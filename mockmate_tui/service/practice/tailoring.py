"""A new session for a job, leaning on what the person has practised for it: the focus they
asked for first, then the skills of the description no answer has shown yet (its gaps); and a
question already answered well for the same job is asked again only when nothing else fits,
or when it practises a weak area that is due (or through a retry, which asks it on purpose)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from uuid import UUID

from mockmate_tui.config import Settings
from mockmate_tui.core.schedule import due_areas
from mockmate_tui.db import weakness_repo
from mockmate_tui.db.pool import Database
from mockmate_tui.errors import InvalidInputError
from mockmate_tui.feedback.job_terms import job_terms
from mockmate_tui.models import storable_text_problem
from mockmate_tui.questions import QuestionRequest, find_question, load_bank, user_bank_dir
from mockmate_tui.service.practice.choosing import exercises
from mockmate_tui.service.practice.coverage import quote_naming
from mockmate_tui.service.practice.cv import cv_questions

# An answer scoring this or more is "answered well": its question is not asked again soon.
WELL_ANSWERED = 7
_FOCUS_SPLIT = re.compile(r"\s*(?:[,;/\n]|\band\b)\s*", re.IGNORECASE)
MAX_FOCUS_LENGTH = 200


def parse_focus(focus: str) -> tuple[str, ...]:
    """"Kafka, system design" -> ("Kafka", "system design")."""
    return tuple(dict.fromkeys(part.strip() for part in _FOCUS_SPLIT.split(focus)
                               if part.strip()))


def tailor(database: Database, settings: Settings, user_id: UUID, request: QuestionRequest,
           focus: str, now: datetime) -> QuestionRequest:
    """The request with the person's focus, the job's gaps and the questions answered well
    for this job added."""
    if not isinstance(focus, str) or len(focus) > MAX_FOCUS_LENGTH:
        raise InvalidInputError(f"Write the focus in at most {MAX_FOCUS_LENGTH} characters, "
                                "like: Kafka, system design.", field="focus")
    if problem := storable_text_problem(focus, "focus"):
        raise InvalidInputError(problem, field="focus")
    with database.connection() as conn:
        answers = weakness_repo.answered_questions(conn, user_id, job_title=request.job_title)
        areas = weakness_repo.list_weak_areas(conn, user_id)
        cv = weakness_repo.get_cv(conn, user_id)
    gaps: list[str] = []
    if answers and request.job_description:
        for term in job_terms(request.job_description):
            if not any(quote_naming(a.answer_text, term) for a in answers):
                gaps.append(term.name)
    well = {a.question_text for a in answers
            if a.score is not None and a.score >= WELL_ANSWERED}
    due = [a for a in due_areas(areas, now) if a.area.kind in ("skill", "theme", "category")]
    bank = load_bank(user_bank_dir(settings.data_dir)) if due and well else []
    avoid = set()
    for text in well:
        question = find_question(text, bank) if bank else None
        if question is not None and any(exercises(question, d.area) for d in due):
            continue
        avoid.add(text)
    personal = cv_questions(cv, request.job_description,
                            frozenset(a.question_text for a in answers)) if cv else ()
    return replace(request, personal=personal,
                   focus=tuple(dict.fromkeys((*parse_focus(focus), *request.focus, *gaps))),
                   recently_asked=request.recently_asked | frozenset(avoid))
