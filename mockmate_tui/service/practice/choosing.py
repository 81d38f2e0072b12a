"""Which bank question exercises which weak area, and the pick for a weak-spots plan.

Pure over the bank and the areas handed in: the same areas, bank and seed give the same plan.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from mockmate_tui.core.schedule import WeakArea
from mockmate_tui.core.weakness import Area, theme_of
from mockmate_tui.questions import BankQuestion
from mockmate_tui.questions.model import normalise_text

_STORY_CRITERIA = frozenset({"measurable_result", "first_person", "star.situation", "star.task",
                             "star.action", "star.result"})
_STORIES = frozenset({"behavioral", "situational"})
_ALSO_SHOWN = 3


def _slug(name: str) -> str:
    return name.casefold().replace(" ", "-")


def exercises(question: BankQuestion, area: Area) -> bool:
    """Does answering `question` practise `area`?"""
    name = area.key.partition(":")[2]
    if area.kind == "criterion":
        return question.category in _STORIES if name in _STORY_CRITERIA \
            else question.category != "introduction"
    if area.kind == "theme":
        return any(theme_of(point) == name for point in question.key_points)
    if area.kind == "skill":
        asked = " ".join((question.text, *question.key_points)).casefold()
        return _slug(name) in question.technologies or name.casefold() in asked
    if area.kind == "category":
        return question.category == name
    return question.difficulty == name  # difficulty


@dataclass(frozen=True)
class Pick:
    question: BankQuestion
    areas: tuple[str, ...]
    reason: str


def _when(due: datetime, now: datetime) -> str:
    days = (now - due).days
    if days <= 0:
        return "due today"
    return f"due for {days} day{'s' if days != 1 else ''}"


def area_reason(weak: WeakArea, now: datetime, also: Sequence[WeakArea] = ()) -> str:
    """Why a question was picked for a weak area, in the words the person reads."""
    slipped = f", slipped {weak.lapses}×" if weak.lapses else ""
    timing = _when(weak.due, now) if weak.is_due(now) else "not due yet, still weak"
    text = f"Weak spot: {weak.area.label} ({timing}; {weak.reviews} review(s){slipped})"
    if also:
        text += "; also practises " + ", ".join(w.area.label for w in also[:_ALSO_SHOWN])
        if len(also) > _ALSO_SHOWN:
            text += f" and {len(also) - _ALSO_SHOWN} more"
    return text


def _order(question: BankQuestion, seed: int) -> int:
    return zlib.crc32(f"{seed}:{question.id}".encode())


def choose_for_areas(bank: Sequence[BankQuestion], targets: Sequence[WeakArea], count: int,
                     now: datetime, *, avoid: Iterable[str] = (), seed: int = 0,
                     strong_categories: Sequence[str] = ()) -> list[Pick]:
    """Up to `count` questions: one per target area in its order (due first), each the one
    that exercises it and the most other targets, not recently asked when anything else fits;
    then, with room left, one check on a strength (a category that is not weak)."""
    avoided = {normalise_text(text) for text in avoid}
    used: set[str] = set()
    picks: list[Pick] = []
    pool = [q for q in bank if q.category != "introduction"]

    def rank(question: BankQuestion) -> tuple[int, int, int]:
        others = sum(1 for t in targets if exercises(question, t.area))
        return (normalise_text(question.text) in avoided, -others, _order(question, seed))

    reserve = 1 if strong_categories and count > 1 else 0
    for target in targets:
        if len(picks) >= count - reserve:
            break
        options = [q for q in pool if q.id not in used and exercises(q, target.area)]
        if not options:
            continue
        best = min(options, key=rank)
        used.add(best.id)
        also = [t for t in targets if t is not target and exercises(best, t.area)]
        picks.append(Pick(best, (target.area.key, *(t.area.key for t in also)),
                          area_reason(target, now, also)))
    if strong_categories and len(picks) < count:
        checks = [q for q in pool if q.id not in used and q.category in strong_categories
                  and not any(exercises(q, t.area) for t in targets
                              if t.area.kind in ("category", "skill", "theme"))]
        if checks:
            best = min(checks, key=lambda q: (normalise_text(q.text) in avoided,
                                              _order(q, seed)))
            picks.append(Pick(best, (), f"A check on a strength: {best.category} questions "
                                        "are not a weak area"))
    return picks
