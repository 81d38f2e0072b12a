"""A key point's decision from everything known about it, by a small model fit here.

The judge (judge.py) scores the point against each span of the answer; the word matcher
(words.py) says whether the point's words are met, and how closely. Neither is right alone: the
judge, trained on the CPU budget, is sure of few points at the precision asked, and the words
miss paraphrase. The combiner reads, for each point, the judge's best score on a sentence and on
the short answer whole, its best score on a span that speaks more to this point than to the
others, how far ahead of the question's other points it is there, its second-best span, and
the word matcher's verdict and closeness. Nothing about the rest of the answer: how long it
is, its figures and names, or how well its other points fare (that made a story's setting
count as its missing result) never decides a point.

It is gradient-boosted trees (training/keypoint_combiner.py fits them with scikit-learn on the
labelled answers; MODEL_CARD.md has the data and figures), shipped as plain numbers in
`model/combiner.json` and evaluated here with nothing but Python: a few hundred comparisons a
point.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mockmate_tui.feedback.keypoints.decide import Decision
from mockmate_tui.feedback.keypoints.spans import Candidate
from mockmate_tui.feedback.keypoints.words import Judgement

FEATURES = (
    "best", "best_sentence", "best_whole", "best_own", "lead_over_others", "second_best",
    "words_covered", "words_match", "words_score",
)
# The spans the combiner reads: two-sentence windows added nothing in cross-validation, and
# leaving them out halves the judge's work on a long answer.
READ_KINDS = ("sentence", "whole")
# A span this point scores at least this on, and speaks to more than to any other point, is
# its own quote; below it, the word matcher's quote (or the shared span) is shown instead.
_OWN_QUOTE = 0.5
# A point with no span of its own and no words of its own is covered only by a span that
# really says both: the judge reads it there this surely (one span credits one point, unless).
# Chosen in the combiner's cross-validation (training/keypoint_combiner.py --says-both): 0.85
# keeps 0.8's recall at a little more precision with the judge of rubric-2026.12d, and holds
# with the calibrations of 12h, 12j and 12l and with 12m's six-layer judge (0.75-1.01 within
# 0.005 of each other).
SAYS_BOTH = 0.85


@dataclass(frozen=True)
class Tree:
    feature: tuple[int, ...]
    """The feature a node splits on; -1 at a leaf."""
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]
    """A leaf's contribution to the log-odds (the learning rate already applied)."""

    def leaf_value(self, row: Sequence[float]) -> float:
        node = 0
        while self.feature[node] >= 0:
            node = (self.left[node] if row[self.feature[node]] <= self.threshold[node]
                    else self.right[node])
        return self.value[node]


@dataclass(frozen=True)
class Combiner:
    base: float
    """The log-odds before any tree (the share of covered points in the training labels)."""
    trees: tuple[Tree, ...]
    threshold: float
    """A point is covered when its probability reaches this (chosen by grouped CV)."""

    @classmethod
    def from_file(cls, path: Path) -> Combiner:
        raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        if tuple(raw["features"]) != FEATURES:
            raise ValueError(f"{path.name} was fit on other features: {raw['features']}")
        trees = tuple(Tree(tuple(t["feature"]), tuple(t["threshold"]), tuple(t["left"]),
                           tuple(t["right"]), tuple(t["value"])) for t in raw["trees"])
        return cls(float(raw["base"]), trees, float(raw["threshold"]))

    def probability(self, row: Sequence[float]) -> float:
        raw = self.base + sum(tree.leaf_value(row) for tree in self.trees)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, raw))))


def point_features(candidates: Sequence[Candidate], scores: Sequence[Sequence[float]],
                   words: Sequence[Judgement]) -> list[list[float]]:
    """One row of FEATURES per point. scores[i][j] is point i's score on candidate j; spans of
    kinds other than READ_KINDS are not read (their scores may be absent)."""
    count = len(words)
    if not count:
        return []
    read = [j for j, c in enumerate(candidates) if c.kind in READ_KINDS]
    table = [[scores[i][j] for j in read] for i in range(count)] if read \
        else [[0.0] for _ in range(count)]
    kinds = [candidates[j].kind for j in read] or ["sentence"]
    owner = [_best_point(table, j) for j in range(len(kinds))]
    tops = [max(row) for row in table]
    rows: list[list[float]] = []
    for i, row in enumerate(table):
        best_at = max(range(len(row)), key=row.__getitem__)
        others = [table[k][best_at] for k in range(count) if k != i] or [0.0]
        ranked = sorted(row, reverse=True)
        own = [row[j] for j in range(len(row)) if owner[j] == i]
        word = words[i]
        rows.append([
            tops[i],
            max((row[j] for j, k in enumerate(kinds) if k == "sentence"), default=0.0),
            max((row[j] for j, k in enumerate(kinds) if k == "whole"), default=0.0),
            max(own, default=0.0),
            tops[i] - max(others),
            ranked[1] if len(ranked) > 1 else 0.0,
            float(word.covered),
            word.match,
            word.score,
        ])
    return rows


def covers(row: Sequence[float], probability: float, threshold: float) -> bool:
    """The combiner's verdict, held to one span crediting one point: a point whose only span
    speaks more to another point, and whose words are not met, needs that span to say it
    surely too. `row` is the point's FEATURES."""
    if probability < threshold:
        return False
    if row[_FEATURE["best_own"]] >= _OWN_QUOTE or row[_FEATURE["words_covered"]] > 0.0:
        return True
    return row[_FEATURE["best"]] >= SAYS_BOTH


_FEATURE = {name: k for k, name in enumerate(FEATURES)}


def decide_points(candidates: Sequence[Candidate], scores: Sequence[Sequence[float]],
                  words: Sequence[Judgement], combiner: Combiner) -> list[Decision]:
    """One decision per point (words' order), its quote an exact substring of the answer: the
    point's own best span (narrowed to a sentence of a short answer read whole), else the
    words' quote, else the span it shares with another point (the combiner judged that it
    says both)."""
    if not words:
        return []
    features = point_features(candidates, scores, words)
    read = [j for j, c in enumerate(candidates) if c.kind in READ_KINDS]
    owner = {j: _best_point(scores, j) for j in read}
    decisions: list[Decision] = []
    for i, word in enumerate(words):
        probability = combiner.probability(features[i])
        if not read or not covers(features[i], probability, combiner.threshold):
            decisions.append(Decision(word.point, False, None, probability))
            continue
        row = scores[i]
        own = [j for j in read if owner[j] == i and row[j] >= _OWN_QUOTE]
        if own:
            chosen = max(own, key=row.__getitem__)
            quote = _narrowed(candidates, row, chosen, read)
        elif word.covered and word.evidence:
            quote = word.evidence
        else:
            quote = _narrowed(candidates, row, max(read, key=row.__getitem__), read)
        decisions.append(Decision(word.point, True, quote, probability))
    return decisions


def _best_point(scores: Sequence[Sequence[float]], span: int) -> int:
    """The point that reads best on a span (the first of equals)."""
    return max(range(len(scores)), key=lambda i: scores[i][span])


def _narrowed(candidates: Sequence[Candidate], row: Sequence[float], chosen: int,
              read: Sequence[int]) -> str:
    """A short answer read whole is quoted by its sentence that speaks to the point, when one
    does on its own."""
    outer = candidates[chosen]
    if outer.kind == "sentence":
        return outer.span.text
    inner = [j for j in read if candidates[j].kind == "sentence"
             and outer.span.start <= candidates[j].span.start
             and candidates[j].span.end <= outer.span.end and row[j] >= _OWN_QUOTE]
    return candidates[max(inner, key=row.__getitem__)].span.text if inner else outer.span.text
