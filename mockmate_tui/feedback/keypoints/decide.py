"""Each key point judged on the span of the answer that speaks to it.

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


@dataclass(frozen=True)
class Decision:
    point: str
    covered: bool
    quote: str | None
    """When covered, the span that covers the point, an exact substring of the answer."""
    score: float
    """The best score of the point on any span, 0..1."""


def _inside(inner: Candidate, outer: Candidate) -> bool:
    return outer.span.start <= inner.span.start and inner.span.end <= outer.span.end


def decide(points: Sequence[str], candidates: Sequence[Candidate],
           scores: Sequence[Sequence[float]], policy: Policy) -> list[Decision]:
    """scores[i][j] is point i's score on candidate j. One decision per point, in order."""
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
