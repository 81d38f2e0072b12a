"""Pick the questions for one interview: the requested count, mix and difficulty, tailored to the
job, with no repeats, and questions from recent sessions used only when nothing else fits.

The plan comes first (which category and difficulty each slot gets), then each slot takes the
best remaining question. "Best" is a sort key, so the choice is explainable:
1. difficulty: the requested one exactly (a fixed difficulty is a requirement; "mixed" ramps
   easy -> medium -> hard and may borrow a neighbour);
2. not asked in a recent session;
3. role fit for technical questions (the detected role's set, then questions for any role);
4. keyword overlap with the job title and description;
5. a seeded random draw, so sessions vary but one seed always gives the same interview.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from mockmate_tui.errors import InvalidInputError
from mockmate_tui.models import CATEGORIES, DIFFICULTIES, Category, Difficulty
from mockmate_tui.questions.bank import load_bank
from mockmate_tui.questions.keywords import content_stems, overlap
from mockmate_tui.questions.model import (
    MAX_COUNT,
    MIN_COUNT,
    BankQuestion,
    QuestionRequest,
    normalise_text,
)
from mockmate_tui.questions.roles import detect_role

# After the introduction, categories take turns in this order: a realistic interview alternates
# story questions with technical ones rather than asking all of one kind in a row.
_ROTATION: tuple[Category, ...] = ("behavioral", "technical", "situational")
# More overlap than this stops counting, so one keyword-stuffed question does not always win.
_MAX_OVERLAP_COUNTED = 3


@dataclass(frozen=True)
class _Slot:
    category: Category
    difficulty: Difficulty


@dataclass(frozen=True)
class _Context:
    role: str | None
    recent: frozenset[str]
    fixed_difficulty: bool


def select_questions(request: QuestionRequest,
                     bank: Sequence[BankQuestion] | None = None) -> list[BankQuestion]:
    """The questions for one interview, in the order to ask them (an introduction first)."""
    validate_request(request)
    pool = list(bank) if bank is not None else load_bank()
    rng = random.Random(request.seed)
    draw = {question.id: rng.random() for question in pool}  # one draw per question, fixed order
    context = _Context(
        role=detect_role(request.job_title, request.job_description),
        recent=frozenset(normalise_text(text) for text in request.recently_asked),
        fixed_difficulty=request.difficulty != "mixed",
    )
    wanted = content_stems(f"{request.job_title} {request.job_description}")
    matched = {
        question.id: min(
            overlap(content_stems(" ".join((question.text, *question.key_points))), wanted),
            _MAX_OVERLAP_COUNTED,
        )
        for question in pool
    }
    chosen: list[BankQuestion] = []
    used_ids: set[str] = set()
    used_texts: set[str] = set()
    for slot in plan_slots(request):
        fallbacks = [slot.category, *sorted(request.categories), *CATEGORIES]
        for category in dict.fromkeys(fallbacks):  # the slot's own category first
            candidates = [
                q for q in pool
                if q.category == category and q.id not in used_ids
                and normalise_text(q.text) not in used_texts
            ]
            if candidates:
                best = min(candidates,
                           key=lambda q: _rank(q, slot, context, matched[q.id], draw[q.id]))
                chosen.append(best)
                used_ids.add(best.id)
                used_texts.add(normalise_text(best.text))
                break
    if len(chosen) < request.count:
        raise InvalidInputError(
            f"The question bank holds only {len(chosen)} different questions; "
            f"ask for {len(chosen)} or fewer, or import more."
        )
    return chosen


def validate_request(request: QuestionRequest) -> None:
    if not isinstance(request.count, int) or isinstance(request.count, bool):
        raise InvalidInputError("The number of questions must be a whole number.")
    if not MIN_COUNT <= request.count <= MAX_COUNT:
        raise InvalidInputError(
            f"Ask for between {MIN_COUNT} and {MAX_COUNT} questions, not {request.count}."
        )
    if not request.categories:
        raise InvalidInputError(
            f"Choose at least one question category: {', '.join(CATEGORIES)}."
        )
    unknown = sorted(str(c) for c in request.categories if c not in CATEGORIES)
    if unknown:
        raise InvalidInputError(
            f"Unknown category {', '.join(unknown)}; choose from {', '.join(CATEGORIES)}."
        )
    if request.difficulty != "mixed" and request.difficulty not in DIFFICULTIES:
        raise InvalidInputError(
            f"Unknown difficulty {request.difficulty!r}; "
            f"choose {', '.join(DIFFICULTIES)} or mixed."
        )
    if not isinstance(request.job_title, str) or not isinstance(request.job_description, str):
        raise InvalidInputError("The job title and description must be text.")


def plan_slots(request: QuestionRequest) -> list[_Slot]:
    """Category and difficulty of each question, in order."""
    rest = [c for c in _ROTATION if c in request.categories] or ["introduction"]
    categories: list[Category] = ["introduction"]
    categories += [rest[i % len(rest)] for i in range(request.count - 1)]
    slots: list[_Slot] = []
    for index, category in enumerate(categories):
        if request.difficulty != "mixed":
            difficulty: Difficulty = request.difficulty
        elif index == 0:
            difficulty = "easy"  # a gentle opener
        else:
            # Ramp across the questions after the opener: the first third easy, then medium,
            # then hard, the way a real interview warms up.
            third = 3 * (index - 1) // max(request.count - 1, 1)
            ramp: tuple[Difficulty, ...] = ("easy", "medium", "hard")
            difficulty = ramp[min(third, 2)]
        slots.append(_Slot(category, difficulty))
    return slots


def _rank(question: BankQuestion, slot: _Slot, context: _Context, matched: int,
          draw: float) -> tuple[int, int, int, int, float]:
    distance = abs(DIFFICULTIES.index(question.difficulty) - DIFFICULTIES.index(slot.difficulty))
    recent = int(normalise_text(question.text) in context.recent)
    fit = _role_fit(question, context.role)
    if context.fixed_difficulty:
        return (distance, recent, -fit, -matched, draw)
    return (recent, distance, -fit, -matched, draw)


def _role_fit(question: BankQuestion, role: str | None) -> int:
    """2: written for this role; 1: for any role; 0: for another role."""
    if not question.roles:
        return 1
    return 2 if role is not None and role in question.roles else 0
