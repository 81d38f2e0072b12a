"""When each weak area is due again: FSRS (the `fsrs` package, Anki's scheduler) over reviews.

A weak area is a card. Each answer that exercises the area is a review of it, rated by how the
answer did on it (core/weakness.py's Grade is FSRS's Again/Hard/Good/Easy). A card is made the
first time an answer misses the area (a Again or Hard review): what was never weak is not
tracked. After that FSRS sets its due date: a success lengthens the interval (1, 2, 6, 17, 44
days for answers done well when due), a miss shortens it again (a lapse: due within days).

An area is *strong* once its stability (FSRS's days for recall to fall to 90%) reaches
STRONG_STABILITY_DAYS: in practice three answers done well at spaced intervals after the last
miss. Done well on the same day twice barely moves it: spacing is what counts.

Pure functions over times handed in: no clock is read here, so a month of practice is
simulated in milliseconds. The scheduler runs with no learning steps (a "review" here is an
answer, not a flashcard seen within minutes) and no fuzz (the same answers give the same dates).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from fsrs import Card, Rating, Scheduler, State

from mockmate_tui.core.weakness import Area, Grade, area_from_key

STRONG_STABILITY_DAYS = 14.0
MAXIMUM_INTERVAL_DAYS = 365


@lru_cache(maxsize=1)
def scheduler() -> Scheduler:
    return Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False,
                     maximum_interval=MAXIMUM_INTERVAL_DAYS)


@dataclass(frozen=True)
class WeakArea:
    """One tracked area and its FSRS card, as stored."""

    area: Area
    card: dict[str, Any]
    """The FSRS card (Card.to_dict()): state, stability, difficulty, due, last review."""
    reviews: int
    lapses: int
    """Reviews rated Again after the first: the times it slipped."""
    last_grade: Grade
    first_seen: datetime
    last_reviewed: datetime

    @property
    def due(self) -> datetime:
        return datetime.fromisoformat(str(self.card["due"]))

    @property
    def stability(self) -> float:
        return float(self.card.get("stability") or 0.0)

    @property
    def strong(self) -> bool:
        return self.stability >= STRONG_STABILITY_DAYS and self.last_grade >= Grade.GOOD

    def is_due(self, now: datetime) -> bool:
        return not self.strong and self.due <= now

    def overdue_days(self, now: datetime) -> float:
        return (now - self.due).total_seconds() / 86_400


def _card_id(key: str) -> int:
    # Given, not left to fsrs: its own ids come from the wall clock (and sleep a millisecond).
    return zlib.crc32(key.encode("utf-8")) + 1


def review(known: WeakArea | None, area: Area, grade: Grade, at: datetime) -> WeakArea | None:
    """The area after one review at `at`: None when it was never weak and was done well."""
    at = at.astimezone(UTC)  # fsrs takes UTC only (a database may hand back 'Etc/UTC')
    if known is None:
        if grade >= Grade.GOOD:
            return None
        card = Card(card_id=_card_id(area.key), state=State.Learning)
        reviewed, _ = scheduler().review_card(card, Rating(int(grade)), at)
        return WeakArea(area, dict(reviewed.to_dict()), 1, 0, grade, at, at)
    card = Card.from_dict(known.card)  # type: ignore[arg-type]
    if at < known.last_reviewed:  # a late-stored answer: FSRS needs time to move forward
        at = known.last_reviewed
    reviewed, _ = scheduler().review_card(card, Rating(int(grade)), at)
    return replace(known, card=dict(reviewed.to_dict()), reviews=known.reviews + 1,
                   lapses=known.lapses + (grade is Grade.AGAIN), last_grade=grade,
                   last_reviewed=at)


def due_areas(areas: Iterable[WeakArea], now: datetime) -> list[WeakArea]:
    """The areas due now, most overdue first (then the least stable)."""
    return sorted((a for a in areas if a.is_due(now)),
                  key=lambda a: (a.due, a.stability, a.area.key))


def weak_areas(areas: Iterable[WeakArea]) -> list[WeakArea]:
    """Every area not yet strong, soonest due first."""
    return sorted((a for a in areas if not a.strong), key=lambda a: (a.due, a.area.key))


def due_history(reviews: Sequence[tuple[str, Grade, datetime]],
                days: Sequence[datetime]) -> list[int]:
    """How many weak areas were due at each of `days`, replayed from the reviews (area key,
    grade, when; any order): the schedule as it stood then, not as it stands now."""
    by_area: dict[str, list[tuple[datetime, Grade]]] = {}
    for key, grade, at in reviews:
        by_area.setdefault(key, []).append((at, grade))
    states: list[list[WeakArea]] = []
    for key, graded in by_area.items():
        area = area_from_key(key)
        known: WeakArea | None = None
        replayed: list[WeakArea] = []
        for at, grade in sorted(graded, key=lambda item: item[0]):
            known = review(known, area, grade, at)
            if known is not None:
                replayed.append(known)
        states.append(replayed)
    counts = []
    for day in days:
        due = 0
        for replayed in states:
            then = [state for state in replayed if state.last_reviewed <= day]
            if then and then[-1].is_due(day):
                due += 1
        counts.append(due)
    return counts
