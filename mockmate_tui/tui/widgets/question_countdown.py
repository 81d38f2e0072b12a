"""The countdown of a per-question time limit (the settings' `question_time_limit_minutes`): what
the question pane's clock says, and in which colour, for the running seconds spent on the
question so far.

Pure: the seconds come from the engine (`seconds_on_question`: the timer's billed seconds since
the question was shown, from its intervals), never from counting redraws, so the countdown
stands still while paused, continues where it was after a restart, and keeps counting offline.
At zero it says time is up and goes on counting the time over: nothing is submitted or taken
away; the person chooses to run over or move on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from mockmate_tui.tui.formatting import countdown_text

SOON_SECONDS = 30
"""Amber from this many seconds left."""

Level = Literal["running", "soon", "up"]



@dataclass(frozen=True)
class Countdown:
    left: int
    """Seconds left; negative once over the limit."""
    level: Level

    @property
    def text(self) -> str:
        if self.level == "up":
            over = f" +{countdown_text(-self.left)}" if self.left < 0 else ""
            return f"⏰ Time is up{over}"
        return f"⏳ {countdown_text(self.left)} left"


def limit_seconds(minutes: int | None, expected_minutes: int | None = None) -> int | None:
    """The limit in seconds: the question's expected duration when the settings ask for it
    (`expected_minutes` given), else the settings' minutes; None for none (0 or unset)."""
    if expected_minutes:
        return expected_minutes * 60
    return minutes * 60 if minutes else None


def time_up_message(number: int) -> str:
    """Said once when a question's time runs out (the clock line then stays red)."""
    return (f"Time is up for question {number}. Your answer stays as typed: send it (ctrl+s), "
            "keep going, or move on (ctrl+n).")


def countdown(limit: int, seconds_on_question: int) -> Countdown:
    left = limit - seconds_on_question
    level: Level = "up" if left <= 0 else "soon" if left <= SOON_SECONDS else "running"
    return Countdown(left, level)
