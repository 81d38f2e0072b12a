"""Which question comes next in an interview, and the plan that says so across restarts.

Questions are chosen when a session is created, but each one is saved (with its asked_at) only
when it is shown. The rest of the plan lives in a small JSON file per session in the data
folder, so an interview resumed in a later run asks the questions that were chosen for it.
Pure apart from the file reads and writes; no Textual.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mockmate_tui.models import (
    CATEGORIES,
    DIFFICULTIES,
    Category,
    Difficulty,
    InterviewAnswer,
    InterviewQuestion,
)
from mockmate_tui.questions import BankQuestion
from mockmate_tui.questions.model import normalise_text

log = logging.getLogger(__name__)

PLAN_FOLDER = "plans"


@dataclass(frozen=True)
class QueuedQuestion:
    """A question still to be shown: saved already (question_id set) or still only planned."""

    number: int
    text: str
    category: Category
    difficulty: Difficulty
    expected_minutes: int
    key_points: tuple[str, ...]
    question_id: str | None = None


@dataclass(frozen=True)
class InterviewQueue:
    """What is left to ask, and the counts the question pane shows ("3 of 6")."""

    pending: tuple[QueuedQuestion, ...]
    total: int
    answered: int


def plan_path(data_dir: Path, session_id: str) -> Path:
    return data_dir / PLAN_FOLDER / f"{session_id}.json"


def save_plan(data_dir: Path, session_id: str, questions: Sequence[BankQuestion]) -> None:
    """Write the plan atomically (a crash mid-write leaves the old file or none, never half)."""
    folder = data_dir / PLAN_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    payload = [
        {
            "id": question.id,
            "text": question.text,
            "category": question.category,
            "difficulty": question.difficulty,
            "expected_minutes": question.expected_minutes,
            "key_points": list(question.key_points),
            "roles": list(question.roles),
        }
        for question in questions
    ]
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".plan-", suffix=".json")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(payload, file, ensure_ascii=False, indent=1)
        os.replace(temporary, plan_path(data_dir, session_id))
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def load_plan(data_dir: Path, session_id: str) -> list[BankQuestion] | None:
    """The saved plan, or None if there is none or it cannot be read (the caller falls back)."""
    path = plan_path(data_dir, session_id)
    try:
        items = json.loads(path.read_text(encoding="utf-8"))
        return [_bank_question(item) for item in items]
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as error:
        log.warning("ignoring unreadable question plan %s: %s", path, error)
        return None


def delete_plan(data_dir: Path, session_id: str) -> None:
    """A completed interview needs no plan."""
    try:
        plan_path(data_dir, session_id).unlink(missing_ok=True)
    except OSError as error:
        log.warning("could not delete question plan for %s: %s", session_id, error)


def build_queue(
    saved: Sequence[InterviewQuestion],
    answers: Sequence[InterviewAnswer],
    plan: Sequence[BankQuestion],
    key_points_for: Callable[[str], tuple[str, ...]] = lambda _text: (),
) -> InterviewQueue:
    """Saved questions without an answer come first (in order), then the planned questions not
    yet shown. A skipped question has no answer, so a resumed interview offers it again."""
    answered_ids = {answer.question_id for answer in answers}
    ordered = sorted(saved, key=lambda question: question.question_number)
    planned_by_text = {normalise_text(question.text): question for question in plan}
    pending = [
        QueuedQuestion(
            number=question.question_number,
            text=question.question_text,
            category=question.category,
            difficulty=question.difficulty_level,
            expected_minutes=question.expected_duration,
            key_points=_key_points(question.question_text, planned_by_text, key_points_for),
            question_id=question.id,
        )
        for question in ordered
        if question.id not in answered_ids
    ]
    shown_texts = {normalise_text(question.question_text) for question in saved}
    next_number = max((question.question_number for question in saved), default=0) + 1
    for question in plan:
        if normalise_text(question.text) in shown_texts:
            continue
        pending.append(
            QueuedQuestion(
                number=next_number,
                text=question.text,
                category=question.category,
                difficulty=question.difficulty,
                expected_minutes=question.expected_minutes,
                key_points=question.key_points,
            )
        )
        shown_texts.add(normalise_text(question.text))
        next_number += 1
    total = len(saved) + sum(1 for item in pending if item.question_id is None)
    answered = sum(1 for question in saved if question.id in answered_ids)
    return InterviewQueue(pending=tuple(pending), total=total, answered=answered)


def _key_points(text: str, planned: dict[str, BankQuestion],
                key_points_for: Callable[[str], tuple[str, ...]]) -> tuple[str, ...]:
    match = planned.get(normalise_text(text))
    return match.key_points if match is not None else key_points_for(text)


def _bank_question(item: dict[str, Any]) -> BankQuestion:
    category = str(item["category"])
    difficulty = str(item["difficulty"])
    if category not in CATEGORIES or difficulty not in DIFFICULTIES:
        raise ValueError(f"unknown category or difficulty: {category!r}, {difficulty!r}")
    return BankQuestion(
        id=str(item["id"]),
        text=str(item["text"]),
        category=category,  # type: ignore[arg-type]  # checked against CATEGORIES above
        difficulty=difficulty,  # type: ignore[arg-type]  # checked against DIFFICULTIES above
        expected_minutes=int(item["expected_minutes"]),
        key_points=tuple(str(point) for point in item.get("key_points", ())),
        roles=tuple(str(role) for role in item.get("roles", ())),
    )
