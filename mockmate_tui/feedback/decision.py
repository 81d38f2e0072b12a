"""The covered-or-not decision for one key point, from what the matcher found for it.

keypoints.py finds, for each key point, the answer's sentence that meets it best and how well
(the match), and reads what the whole answer says (length, figures, names, generic claims).
Here those facts become the odds that an interviewer would tick the point: a small logistic
model whose weights and threshold (fitted.py) are fitted by
`python bench/keypoint_accuracy.py --fit --write` on every labelled answer in tests/keypoints/
tune.toml, holdout.toml and fresh.toml to fresh4.toml. The same script's `--cv` mode refits them
on some questions and measures on the others: the honest estimate of how the decision does on
questions it has never seen (FEEDBACK.md has the figures).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from mockmate_tui.feedback.detail import Detail

# Below this match no sentence speaks to the point, however good the rest of the answer is:
# a long, specific answer must not tick a point none of whose words (or their concept groups or
# cues) it uses. Low on purpose: people tell a point in their own words, and one word of it met
# in a substantial sentence is often all an answer shows (grouped cross-validation: a floor of
# 0.1 keeps more right ticks than 0.2 at the same precision).
MATCH_FLOOR = 0.1
# A sentence that shows nothing of the kind of thing a point is about ("The result the team
# achieved" met only by "the team") keeps the higher floor the matcher had before: an answer
# with no result must not be ticked for "result" because it mentions the team.
HEAD_MISSED_FLOOR = 0.2
# A sentence that hedges ("kind of", "maybe", "I think", detail.py) and meets little of the
# point touches the topic rather than says it ("the queries run quicker, kind of like an index
# in a book" for "Avoids full table scans"): below this match it does not cover the point.
HEDGED_FLOOR = 0.35


# The categories other than technical, each an input of its own (technical is one already).
_CATEGORIES = ("behavioral", "introduction", "situational")
# The minutes a question of each category expects when the question does not say.
TYPICAL_MINUTES: dict[str, int] = {"introduction": 2, "behavioral": 3, "situational": 3,
                                   "technical": 4}


@dataclass(frozen=True)
class AnswerFacts:
    """What the whole answer says, the same for every point."""

    words: int
    figures: int
    named: int
    generic_share: float
    vague_share: float = 0.0
    """The share of sentences that hedge or stay vague (detail.py)."""


@dataclass(frozen=True)
class Found:
    """What the matcher found for one key point."""

    match: float
    """The share of the point its best sentence (or two in a row) meets, 0..1."""
    sentence_stems: int
    """Content words of that sentence (0 when nothing met the point)."""
    sentence_figure: bool
    answer: AnswerFacts
    category: str | None
    """The question's category ("technical", "behavioral", ...), when known."""
    touched: float = 0.0
    """The share of the question's points that some sentence of the answer meets at all."""
    place_gap: float = 0.0
    """How far the best sentence stands from where an answer that follows the points in order
    would say the point, 0..1."""
    head_missed: bool = False
    """The point's first word asks for a kind of thing (a result, one's own part) and the best
    sentence shows nothing of it."""
    detail: Detail = field(default_factory=Detail)
    """How much the best sentence says beyond the share of the point's words (detail.py)."""
    expected_minutes: int | None = None
    """The minutes the question expects an answer to take, when known."""

    @property
    def technical(self) -> bool:
        """A technical question: a correct one-line answer has no story around it."""
        return self.category == "technical"


@dataclass(frozen=True)
class Model:
    bias: float
    weights: tuple[float, ...]
    """One weight per input of features(), in its order."""
    threshold: float
    """A point is covered when the odds reach this."""


def features(found: Found) -> tuple[float, ...]:
    """The model's inputs. Each is something an interviewer weighs: how much of the point the
    best sentence says and how substantial that sentence is; how specific the whole answer is
    (the labels show that a detailed answer covers most points it touches); and, for a
    technical question, the match on its own, since a right one-liner covers a point there.
    Then the question's category: categories differ in how a point is told (a story for a
    behavioural one, a plan for a situational one) and so in how much a match says. Last, what
    the best sentence says beyond its match (detail.py: its own use of the point's words, again
    for a technical point, where the exact term counts; the point's own words rather than the
    question's topic; explaining or hedging), how much of the answer hedges, and the answer's
    length against the minutes its question expects (60 words say much for a 2-minute
    introduction and little for a 6-minute design question)."""
    whole, said = found.answer, found.detail
    technical = float(found.technical)
    minutes = found.expected_minutes or TYPICAL_MINUTES.get(found.category or "", 3)
    return (found.match, math.log(1 + found.sentence_stems), float(found.sentence_figure),
            math.log(1 + whole.words), min(whole.figures, 4) / 4, min(whole.named, 4) / 4,
            whole.generic_share, technical, technical * found.match, found.touched,
            found.place_gap, *(float(found.category == name) for name in _CATEGORIES),
            said.direct, said.own, float(said.causal), float(said.vague), whole.vague_share,
            technical * said.direct, math.log(1 + whole.words) - math.log(max(1, minutes)))


def reaches_floor(found: Found) -> bool:
    """Does some sentence speak to the point enough for the model to weigh it?"""
    floor = HEAD_MISSED_FLOOR if found.head_missed else MATCH_FLOOR
    if found.detail.vague:
        floor = max(floor, HEDGED_FLOOR)
    return found.sentence_stems > 0 and found.match >= floor


def odds(found: Found, model: Model) -> float:
    """How likely an interviewer is to tick the point, 0..1 (0 below the match floor)."""
    if not reaches_floor(found):
        return 0.0
    z = model.bias + sum(w * x for w, x in zip(model.weights, features(found), strict=True))
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
