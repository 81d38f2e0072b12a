"""How many words make a full answer, typed or spoken, to a question expected to take some
minutes to answer.

Typed: people compose at about 35-40 words a minute, and part of the expected time goes on
thinking and rereading, so a reader of a typed answer expects far fewer words than a listener.
A full typed answer is 20 to 67 words per expected minute: 60-200 words for a 3-minute
question. The floor is about half of what one composes in the time at 37 words a minute
(about 110 in 3 minutes): a complete STAR answer fits in 60 typed words. The ceiling is where
a reader starts to skim, about twice that; an answer that long took longer to write than the
question allows.
Spoken: people speak at about 130-150 words a minute, and a full spoken answer fills from about
half of the expected time to all of it: 65-150 words per minute, 195-450 for 3 minutes.
"""

from __future__ import annotations

from dataclasses import dataclass

from mockmate_tui.feedback.evaluation import AnswerMode

_WORDS_PER_MINUTE: dict[str, tuple[float, float]] = {"typed": (20, 200 / 3),
                                                      "spoken": (65, 150)}


@dataclass(frozen=True)
class Yardstick:
    mode: AnswerMode
    minutes: int
    low: int
    """Fewer words than this is short."""
    high: int
    """More words than this is long."""

    def describe(self) -> str:
        """Which yardstick was used, in the words the feedback shows."""
        return (f"{self.mode} answer: {self.low}–{self.high} words is a full answer for a "
                f"{self.minutes}-minute question")


def yardstick(minutes: int, mode: AnswerMode) -> Yardstick:
    low, high = _WORDS_PER_MINUTE[mode]
    return Yardstick(mode, minutes, round(low * minutes), round(high * minutes))
