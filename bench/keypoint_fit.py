"""Fitting the key-point decision (mockmate_tui/feedback/decision.py) and measuring it on
questions it was not fitted on.

Pure Python on purpose: the base install has no numpy, and the model is a dozen weights fitted
on a few hundred labels, which Newton's method does in milliseconds.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from mockmate_tui.feedback.decision import Found, Model, features, reaches_floor

# The threshold is chosen for this precision on the labels it is fitted on, a margin over the
# target: on questions it has not seen, precision falls (grouped CV), and a wrong tick tells a
# person they said what they did not, which is worse than a point left for them to add.
PRECISION_FIT = 0.93
# A little L2 shrinkage keeps the weights sane on a few hundred labels with correlated inputs.
_RIDGE = 1.0


@dataclass(frozen=True)
class Row:
    """One labelled key point: what the matcher found, and the label."""

    question_id: str
    found: Found
    covered: bool
    extra: tuple[float, ...] = ()
    """Inputs an experiment adds (bench/keypoint_embedding.py)."""
    source: str = ""
    """The labelled file the row comes from (tune, holdout, fresh, fresh2)."""


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (the system is small and well posed)."""
    n = len(vector)
    a = [[*row, vector[i]] for i, row in enumerate(matrix)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        a[col], a[pivot] = a[pivot], a[col]
        for r in range(n):
            if r != col and a[r][col]:
                factor = a[r][col] / a[col][col]
                a[r] = [x - factor * y for x, y in zip(a[r], a[col], strict=True)]
    return [a[i][n] / a[i][i] for i in range(n)]


def logistic(xs: Sequence[Sequence[float]], ys: Sequence[bool]) -> tuple[float, list[float]]:
    """Ridge logistic regression by Newton's method on standardised inputs; the bias and the
    weights returned apply to the raw inputs."""
    n, k = len(xs), len(xs[0])
    means = [sum(x[j] for x in xs) / n for j in range(k)]
    scales = [math.sqrt(sum((x[j] - means[j]) ** 2 for x in xs) / n) or 1.0 for j in range(k)]
    zs = [[1.0] + [(x[j] - means[j]) / scales[j] for j in range(k)] for x in xs]
    beta = [0.0] * (k + 1)
    for _ in range(50):
        grad = [0.0] * (k + 1)
        hess = [[0.0] * (k + 1) for _ in range(k + 1)]
        for z, y in zip(zs, ys, strict=True):
            t = sum(b * v for b, v in zip(beta, z, strict=True))
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, t))))
            w = p * (1 - p)
            for i in range(k + 1):
                grad[i] += (float(y) - p) * z[i]
                for j in range(i, k + 1):
                    hess[i][j] += w * z[i] * z[j]
        for i in range(k + 1):
            for j in range(i):
                hess[i][j] = hess[j][i]
            if i:  # the intercept is not shrunk
                grad[i] -= _RIDGE * beta[i]
                hess[i][i] += _RIDGE
        step = _solve(hess, grad)
        beta = [b + s for b, s in zip(beta, step, strict=True)]
        if max(abs(s) for s in step) < 1e-8:
            break
    weights = [beta[j + 1] / scales[j] for j in range(k)]
    bias = beta[0] - sum(w * m for w, m in zip(weights, means, strict=True))
    return bias, weights


def precision_recall(decided: Sequence[bool], truth: Sequence[bool]) -> tuple[float, float]:
    tp = sum(d and t for d, t in zip(decided, truth, strict=True))
    fp = sum(d and not t for d, t in zip(decided, truth, strict=True))
    fn = sum(t and not d for d, t in zip(decided, truth, strict=True))
    return (tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0)


def choose_threshold(chances: Sequence[float], truth: Sequence[bool]) -> float:
    """The lowest threshold whose precision on these labels reaches PRECISION_FIT (the most
    recall at that precision); if none does, the one with the best precision."""
    best, best_precision = 1.0, -1.0
    for candidate in sorted({round(c, 3) for c in chances if c > 0}):
        precision, _ = precision_recall([c >= candidate for c in chances], truth)
        if precision >= PRECISION_FIT:
            return candidate
        if precision > best_precision:
            best, best_precision = candidate, precision
    return best


@dataclass(frozen=True)
class Variant:
    """A way to decide: which inputs the logistic model reads, below which match a point is
    never covered, and whether a technical point met by half its words is covered whatever the
    odds (the rule before this change)."""

    name: str
    featurize: Callable[[Row], tuple[float, ...]]
    floor: float | None = None
    """The match below which a point is never covered; by default the shipped floors."""
    technical_rule: bool = False

    def decides(self, row: Row) -> bool:
        if self.floor is None:
            return reaches_floor(row.found)
        return bool(row.found.sentence_stems) and row.found.match >= self.floor


# The decision as shipped (mockmate_tui/feedback/decision.py).
SHIPPED = Variant("shipped", lambda row: features(row.found))
# The decision shipped before this round (recall2): 14 inputs, the same floors.
PREVIOUS = Variant("previous", lambda row: features(row.found)[:14])
# The decision before the first refit: 7 inputs, a floor of 0.2 and the technical rule.
BEFORE = Variant("before", lambda row: features(row.found)[:7], floor=0.2, technical_rule=True)
_TECHNICAL_MATCH = 0.5


def chance(row: Row, model: Model, variant: Variant) -> float:
    if not variant.decides(row):
        return 0.0
    z = model.bias + sum(w * x for w, x in zip(model.weights, variant.featurize(row),
                                               strict=True))
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def decide(row: Row, model: Model, variant: Variant) -> bool:
    found = row.found
    if variant.technical_rule and found.technical and found.match >= _TECHNICAL_MATCH:
        return True
    return chance(row, model, variant) >= model.threshold


def fit(rows: Sequence[Row], variant: Variant) -> Model:
    """The weights from the rows the model decides (the others are never covered), then the
    threshold from all rows."""
    usable = [r for r in rows if variant.decides(r)]
    bias, weights = logistic([variant.featurize(r) for r in usable], [r.covered for r in usable])
    model = Model(round(bias, 4), tuple(round(w, 4) for w in weights), 0.5)
    # Points the technical rule covers count as sure ticks when the threshold is chosen.
    chances = [1.0 if decide(r, Model(model.bias, model.weights, 2.0), variant)
               else chance(r, model, variant) for r in rows]
    return Model(model.bias, model.weights, choose_threshold(chances, [r.covered for r in rows]))


def folds(question_ids: Sequence[str], k: int, seed: int) -> list[set[str]]:
    """k groups of questions of about the same size, shuffled by the seed."""
    unique = sorted(set(question_ids))
    random.Random(seed).shuffle(unique)
    return [set(unique[i::k]) for i in range(k)]


def cross_validate(rows: Sequence[Row], k: int, seeds: Sequence[int],
                   variant: Variant) -> list[tuple[bool, Row]]:
    """(decided, row) for every row and seed, each decided by a model fitted on the other
    folds' questions only."""
    pairs: list[tuple[bool, Row]] = []
    for seed in seeds:
        for held in folds([r.question_id for r in rows], k, seed):
            model = fit([r for r in rows if r.question_id not in held], variant)
            pairs.extend((decide(r, model, variant), r)
                         for r in rows if r.question_id in held)
    return pairs
