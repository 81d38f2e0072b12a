"""How a score looks wherever it is shown: the screens and the terminal report share one
colour scale. Rich style names are plain strings, so this stays pure."""

from __future__ import annotations

# A score from GOOD_SCORE up shows green, from FAIR_SCORE up yellow, below it red.
GOOD_SCORE = 8
FAIR_SCORE = 5


def score_style(score: float | None, *, bold: bool = False) -> str:
    """The rich style of a score (or an average) on the 1-10 scale; dim when there is none."""
    if score is None:
        return "dim"
    colour = "green" if score >= GOOD_SCORE else "yellow" if score >= FAIR_SCORE else "red"
    return f"bold {colour}" if bold else colour
