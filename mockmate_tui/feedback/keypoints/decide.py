"""Each key point judged on the span of the answer that speaks to it, by the judge's own
threshold: rubric-2026.12b's decision, kept for the judge's cross-validation in
training/keypoint_judge.py (its figures, and its threshold in judge.json). What ships decides
with combine.py, whose `Decision` this module defines.

With the word matcher beside the judge (with_words): the cross-validation by question showed
the judge alone, as trained on the CPU budget, short of the precision asked (MODEL_CARD.md), and
the two together above it.

The judge (judge.py) scores every (point, span) pair of an answer in one run. A point is covered
when some span scores at least the threshold; its quote is that span, an exact substring of the
answer. One span credits one point: when the span a point scores best on speaks more to another
point of the question, the point takes its own best span among the others, and keeps the shared
one only when that one really says both (it scores at least `both` for this point too). A window
or the whole short answer is narrowed to one of its sentences when that sentence alone reaches
the threshold. The same function decides the cross-validation folds in training
(training/keypoint_judge.py), from the same spans (spans.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mockmate_tui.feedback.keypoints.spans import Candidate


@dataclass(frozen=True)
class Policy:
    threshold: float
    """A point is covered when a span's score reaches this."""
    both: float
    """A span that speaks more to another point credits this one too only from this score."""
    words_floor: float = 1.01
    """A point the word matcher covers stays covered when the judge's best score on it
    reaches this (the judge vetoes word matches below it); above 1, the words are not used."""


@dataclass(frozen=True)
class Decision:
    point: str
    covered: bool
    quote: str | None
    """When covered, the span that covers the point, an exact substring of the answer."""
    score: float
    """The best score of the point on any span, 0..1."""


@dataclass(frozen=True)
class WordVerdict:
    """What the word matcher (words.py) decided for a point, and its quote."""

    covered: bool
    quote: str | None


def with_words(decisions: Sequence[Decision], words: Sequence[WordVerdict],
               policy: Policy) -> list[Decision]:
    """The judge's decisions, with the word matcher beside them: a point the judge is sure of
    is covered on its span; a point the words cover is covered on the words' quote unless the
    judge scores it below `words_floor` (a padded sentence that shares a point's words)."""
    merged: list[Decision] = []
    for decision, word in zip(decisions, words, strict=True):
        if not decision.covered and word.covered and word.quote is not None \
                and decision.score >= policy.words_floor:
            decision = Decision(decision.point, True, word.quote, decision.score)
        merged.append(decision)
    return merged


def open_points(scores: Sequence[Sequence[float]], candidates: Sequence[Candidate],
                said: Sequence[bool], policy: Policy) -> list[int]:
    """The points still open after the sentences (and a short answer whole): no such span
    reaches the threshold and the words do not carry the point past the floor. Only these are
    read on two-sentence windows (coverage.py); a settled point's windows count as 0."""
    found: list[int] = []
    for i, row in enumerate(scores):
        best = max((row[j] for j, c in enumerate(candidates) if c.kind != "window"), default=0.0)
        if best < policy.threshold and not (said[i] and best >= policy.words_floor):
            found.append(i)
    return found


def _inside(inner: Candidate, outer: Candidate) -> bool:
    return outer.span.start <= inner.span.start and inner.span.end <= outer.span.end


def decide(points: Sequence[str], candidates: Sequence[Candidate],
           scores: Sequence[Sequence[float]], policy: Policy) -> list[Decision]:
    """scores[i][j] is point i's score on candidate j. One decision per point, in order."""
    if not points:
        return []
    if not candidates:
        return [Decision(point, False, None, 0.0) for point in points]
    owner = [max(range(len(points)), key=[row[j] for row in scores].__getitem__)
             for j in range(len(candidates))]
    decisions: list[Decision] = []
    for i, point in enumerate(points):
        row = scores[i]
        best = max(row)
        reached = [j for j in range(len(candidates)) if row[j] >= policy.threshold]
        own = [j for j in reached if owner[j] == i or row[j] >= policy.both]
        if not own:
            decisions.append(Decision(point, False, None, best))
            continue
        chosen = max(own, key=lambda j: row[j])
        if candidates[chosen].kind != "sentence":
            inner = [j for j in own if candidates[j].kind == "sentence"
                     and _inside(candidates[j], candidates[chosen])]
            if inner:
                chosen = max(inner, key=lambda j: row[j])
        decisions.append(Decision(point, True, candidates[chosen].span.text, best))
    return decisions
