"""A question's key points, looked up in one place: the interview plan's (interview_plan.key_points,
even when empty), else the question bank's for a question saved without a plan (through the
design's commands), else none. "I covered this" (key_point_marks.py), `mockmate rescore`
(rescoring.py) and the PDF's "what a strong answer covers" (MockMate.question_key_points) read
them here, so they always agree on what a question asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from uuid import UUID

from mockmate_tui.config import Settings
from mockmate_tui.db import interview_repo
from mockmate_tui.db.repo import Connection
from mockmate_tui.questions import BankQuestion, find_question, load_bank, user_bank_dir

BankLoader = Callable[[], Sequence[BankQuestion]]


def bank_loader(settings: Settings) -> BankLoader:
    """The question bank (built-in and imported), read once and only if asked for: reading it
    takes a while, and a session whose questions are all planned never needs it."""
    return cache(lambda: load_bank(user_bank_dir(settings.data_dir)))


def key_points_for(
    planned: Sequence[str] | None, question_text: str, bank: BankLoader
) -> tuple[str, ...]:
    """The question's key points: `planned` (the plan row's; None when it has none), else the
    bank's question with this text (none if the bank does not have it)."""
    if planned is not None:
        return tuple(planned)
    known = find_question(question_text, bank())
    return known.key_points if known is not None else ()


def session_key_points(
    conn: Connection, session_id: UUID, bank: BankLoader
) -> dict[str, tuple[str, ...]]:
    """Question id -> key points, for every question asked in the session (one query)."""
    return {
        row.question_id: key_points_for(row.planned_key_points, row.question_text, bank)
        for row in interview_repo.asked_questions_points(conn, session_id)
    }
