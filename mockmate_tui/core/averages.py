"""What an average is, once, for one report and for progress across sessions.

An average over nothing is None, never 0: a session with no scored answer has no average score,
and showing 0 would read as the worst score there is. Renderers show None as "—" or
"no scored answers" (NO_SCORED_ANSWERS).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict

from mockmate_tui.core.counting import plural as plural  # where it was first; still found here

# A change in average score smaller than this (points on the 1-10 scale) is called steady:
# one answer scored a point higher in a short session is noise, not a trend.
TREND_THRESHOLD = 0.5
NO_SCORED_ANSWERS = "no scored answers"

TrendDirection = Literal["improving", "declining", "steady", "too few scores"]


class StatsModel(BaseModel):
    """A computed figure set: frozen, and no field a reader does not expect."""

    model_config = ConfigDict(frozen=True, extra="forbid")


def average(values: Iterable[float]) -> float | None:
    """The arithmetic mean, or None when there is nothing to average."""
    items = list(values)
    return sum(items) / len(items) if items else None


def trend_direction(change: float | None) -> TrendDirection:
    """What a change between two averages means; None means there were too few to compare."""
    if change is None:
        return "too few scores"
    if change >= TREND_THRESHOLD:
        return "improving"
    if change <= -TREND_THRESHOLD:
        return "declining"
    return "steady"
