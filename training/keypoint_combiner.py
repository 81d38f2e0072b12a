"""Fit the key-point combiner: the decision over the judge's span scores and the word evidence.

feedback/keypoints/combine.py reads, for each point, the shipped judge's scores
(model/judge.onnx, run with onnxruntime exactly as at run time) and the word matcher's verdict,
and decides. This script fits that decision (gradient-boosted trees, scikit-learn) on labelled
answers and writes model/combiner.json: the trees as plain numbers, the threshold and figures.

It is fit only on answers the judge never trained on: the judge's scores there are what a new
answer gets. On its own training answers it is surer than it will ever be on a new one, and
trees fit on those learnt to trust it too much (a story's setting read as its missing result).
Those answers are of two kinds:

- answers to questions the judge never saw (`NEW_QUESTIONS`: heldout_a and the combine_ sets);
- new answers to the bank's questions, the judge having trained on other answers to them: the
  spent held-out sets it never trained on (judge.json names the files the judge trained on;
  every other file but this round's held-out sets is read). This is how a person's
  answer reaches the judge, and the judge is surer here than on a question it never saw:
  a threshold chosen on the first kind alone let through too much on the second (P 0.884 on
  heldout_e to heldout_l, against 0.91 in cross-validation).

Grouped cross-validation by question: each fold's trees are fit on the other folds and score
the fold, over seeded repeats. The threshold is the one of highest recall whose out-of-fold
precision, decided exactly as at run time (combine.covers), reaches --target-precision on the
spent held-out sets (`CALIBRATION`: one answer of each quality and register in the mix people
give, written blind). The final trees are fit on every row. This round's held-out sets (NEVER)
are never read here.

    pip install -e '.[train]'
    python training/keypoint_combiner.py            # the files below, writes model/combiner.json

Deterministic: the trees are seeded, the folds are seeded by question.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import tomllib
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from label_roles import CALIBRATION, NEW_QUESTIONS, NOT_READ  # noqa: E402
from sklearn.ensemble import GradientBoostingClassifier  # noqa: E402

from mockmate_tui.feedback.keypoints.combine import (  # noqa: E402
    FEATURES,
    READ_KINDS,
    covers,
    point_features,
)
from mockmate_tui.feedback.keypoints.judge import MODEL_DIR, SpanScorer  # noqa: E402
from mockmate_tui.feedback.keypoints.spans import (  # noqa: E402
    candidate_spans,
    question_vocabulary,
    says_nothing_new,
)
from mockmate_tui.feedback.keypoints.words import judge_points  # noqa: E402
from mockmate_tui.questions.bank import builtin_bank  # noqa: E402

LABELS = ROOT / "tests" / "keypoints"
OUT = MODEL_DIR / "combiner.json"
# Never read here: the held-out sets still to be measured (label_roles.py).
NEVER = NOT_READ
SEED = 13
TREES = dict(n_estimators=150, max_depth=3, learning_rate=0.05, min_samples_leaf=20,
             subsample=1.0, random_state=SEED)
FOLDS = 5
REPEATS = 3


def rows_of(files: tuple[str, ...], judge: SpanScorer) -> list[dict[str, Any]]:
    """One row per label: the features combine.py reads at run time, the label, and where it
    came from."""
    bank = {q.id: q for q in builtin_bank()}
    found: list[dict[str, Any]] = []
    for name in files:
        assert not name.startswith(NEVER), name
        path = LABELS / f"{name}.toml"
        for item in tomllib.loads(path.read_text(encoding="utf-8"))["answers"]:
            question = bank[item["question_id"]]
            answer = item["answer"].strip()
            words = judge_points(question.key_points, answer, question.category,
                                 question.expected_minutes, question.text)
            candidates = candidate_spans(answer)
            vocabulary = question_vocabulary(question.text, question.key_points)
            read = [j for j, c in enumerate(candidates)
                    if c.kind in READ_KINDS and not says_nothing_new(c.span.text, vocabulary,
                                                             question.category)]
            scores = [[0.0] * len(candidates) for _ in words]
            judged = judge.scores([w.point for w in words],
                                  [candidates[j].span.text for j in read])
            for i, row in enumerate(judged):
                for j, value in zip(read, row, strict=True):
                    scores[i][j] = value
            truth = {label["key_point"]: label["covered"] for label in item["labels"]}
            for word, features in zip(words, point_features(candidates, scores, words),
                                      strict=True):
                found.append(dict(features=features, covered=truth[word.point],
                                  question=question.id, file=name,
                                  register=item.get("register", "-"),
                                  quality=item["quality"], category=question.category))
    return found


def fit(rows: list[dict[str, Any]]) -> GradientBoostingClassifier:
    x = np.array([r["features"] for r in rows])
    y = np.array([r["covered"] for r in rows])
    return GradientBoostingClassifier(**TREES).fit(x, y)  # type: ignore[arg-type]


def unseen_files(judge_dir: Path) -> list[str]:
    """Every label file the judge never trained on (judge.json names those it did), but this
    round's held-out sets."""
    trained = set(json.loads((judge_dir / "judge.json").read_text(encoding="utf-8"))["files"])
    return sorted(path.stem for path in LABELS.glob("*.toml")
                  if path.stem not in trained and not path.stem.startswith(NEVER))


def out_of_fold(rows: list[dict[str, Any]]) -> np.ndarray:
    """Each row's probability from trees that never saw its question (averaged over REPEATS
    seeded splits of the questions into FOLDS)."""
    questions = sorted({r["question"] for r in rows})
    total = np.zeros(len(rows))
    for repeat in range(REPEATS):
        order = questions[:]
        random.Random(SEED + repeat).shuffle(order)
        fold_of = {q: k % FOLDS for k, q in enumerate(order)}
        for fold in range(FOLDS):
            inside = [r for r in rows if fold_of[r["question"]] != fold]
            model = fit(inside)
            test = [k for k, r in enumerate(rows) if fold_of[r["question"]] == fold]
            x = np.array([rows[k]["features"] for k in test])
            total[test] += model.predict_proba(x)[:, 1]
    return total / REPEATS


def precision_recall(decided: np.ndarray, truth: np.ndarray) -> tuple[float, float]:
    tp = int((decided & truth).sum())
    fp = int((decided & ~truth).sum())
    fn = int((~decided & truth).sum())
    return tp / max(1, tp + fp), tp / max(1, tp + fn)


def decided(rows: list[dict[str, Any]], probabilities: np.ndarray, threshold: float) -> np.ndarray:
    """The run-time decision (combine.covers) at a threshold."""
    return np.array([covers(r["features"], float(p), threshold)
                     for r, p in zip(rows, probabilities, strict=True)], dtype=bool)


def choose_threshold(rows: list[dict[str, Any]], probabilities: np.ndarray, truth: np.ndarray,
                     target: float) -> float:
    """The threshold of highest recall whose precision reaches the target (the highest
    precision's when none does)."""
    grid = [round(t, 2) for t in np.arange(0.20, 0.95, 0.01)]
    precision = {t: precision_recall(decided(rows, probabilities, t), truth)[0] for t in grid}
    reaching = [t for t in grid if precision[t] >= target]
    return min(reaching) if reaching else max(grid, key=precision.__getitem__)


def figures(rows: list[dict[str, Any]], probabilities: np.ndarray,
            threshold: float) -> list[dict[str, Any]]:
    truth = np.array([r["covered"] for r in rows], dtype=bool)
    chosen = decided(rows, probabilities, threshold)
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for k, r in enumerate(rows):
        groups[("all", "all")].append(k)
        for axis in ("file", "register", "quality", "category"):
            groups[(axis, r[axis])].append(k)
    table = []
    for (axis, value), members in sorted(groups.items()):
        idx = np.array(members)
        p, r = precision_recall(chosen[idx], truth[idx])
        table.append(dict(by=axis, value=value, precision=round(p, 3), recall=round(r, 3),
                          labels=len(members)))
    return table


def compare_says_both(rows: list[dict[str, Any]], probabilities: np.ndarray, truth: np.ndarray,
                      target: float) -> None:
    """The out-of-fold figures with each value of SAYS_BOTH, its threshold chosen as shipped."""
    from mockmate_tui.feedback.keypoints import combine

    shipped = combine.SAYS_BOTH
    try:
        for value in (0.75, 0.8, 0.85, 0.9, 0.95, 1.01):
            combine.SAYS_BOTH = value
            threshold = choose_threshold(rows, probabilities, truth, target)
            table = {(line["by"], line["value"]): line
                     for line in figures(rows, probabilities, threshold)}
            overall, partial = table[("all", "all")], table[("quality", "partial")]
            print(f"says both {value:.2f}: threshold {threshold:.2f}, P {overall['precision']:.3f}"
                  f" R {overall['recall']:.3f}; partial P {partial['precision']:.3f}"
                  f" R {partial['recall']:.3f}")
    finally:
        combine.SAYS_BOTH = shipped


def export(model: GradientBoostingClassifier, threshold: float, table: list[dict[str, Any]],
           target: float, files: list[str]) -> dict[str, Any]:
    """The trees as plain numbers: combine.Tree's arrays, the learning rate folded into the
    leaves, and the prior's log-odds as the base."""
    trees = []
    for estimator in model.estimators_[:, 0]:
        tree = estimator.tree_
        trees.append(dict(
            feature=[int(f) if f >= 0 else -1 for f in tree.feature],
            threshold=[float(t) for t in tree.threshold],
            left=[int(c) for c in tree.children_left],
            right=[int(c) for c in tree.children_right],
            value=[float(v) * model.learning_rate for v in tree.value[:, 0, 0]],
        ))
    prior = float(model.init_.class_prior_[1])
    return dict(features=list(FEATURES), base=float(np.log(prior / (1 - prior))),
                trees=trees, threshold=threshold, target_precision=target,
                model="sklearn GradientBoostingClassifier " + json.dumps(TREES),
                files=files, calibration=[f for f in files if f in CALIBRATION], cv=table)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--target-precision", type=float, default=0.92)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--judge-dir", type=Path, default=MODEL_DIR,
                        help="the judge's files (an experiment beside the shipped ones)")
    parser.add_argument("--says-both", action="store_true",
                        help="print the cross-validated figures at other values of "
                        "combine.SAYS_BOTH (the score a shared span needs to credit a second "
                        "point), then fit as usual at the shipped value")
    args = parser.parse_args()
    judge = SpanScorer(args.judge_dir)
    files = unseen_files(args.judge_dir)
    assert any(name.startswith(NEW_QUESTIONS) for name in files)
    rows = rows_of(tuple(files), judge)
    probabilities = out_of_fold(rows)
    calibration = [k for k, r in enumerate(rows) if r["file"] in CALIBRATION]
    assert calibration, "no spent held-out set the judge never trained on"
    held = [rows[k] for k in calibration]
    held_p = probabilities[calibration]
    held_truth = np.array([r["covered"] for r in held], dtype=bool)
    if args.says_both:
        compare_says_both(held, held_p, held_truth, args.target_precision)
    threshold = choose_threshold(held, held_p, held_truth, args.target_precision)
    table = figures(held, held_p, threshold)
    new_questions = [k for k, r in enumerate(rows) if r["file"].startswith(NEW_QUESTIONS)]
    on_new_questions = figures([rows[k] for k in new_questions], probabilities[new_questions],
                               threshold)
    model = fit(rows)
    shipped = export(model, threshold, table, args.target_precision, files)
    shipped["cv_new_questions"] = on_new_questions
    # The exported numbers must decide exactly as scikit-learn does.
    from mockmate_tui.feedback.keypoints.combine import Combiner, Tree

    combiner = Combiner(shipped["base"], tuple(
        Tree(tuple(t["feature"]), tuple(t["threshold"]), tuple(t["left"]), tuple(t["right"]),
             tuple(t["value"])) for t in shipped["trees"]), threshold)
    x = np.array([r["features"] for r in rows])
    ours = np.array([combiner.probability(row) for row in x.tolist()])
    gap = float(np.abs(ours - model.predict_proba(x)[:, 1]).max())
    assert gap < 1e-6, gap
    text = json.dumps(shipped, indent=1) + "\n"
    args.out.write_text(text, encoding="utf-8")
    print(f"rows {len(rows)} ({len(held)} of the spent held-out sets), threshold {threshold}, "
          f"export gap {gap:.1e}, sha256 {hashlib.sha256(text.encode()).hexdigest()}")
    for title, lines in (("spent held-out sets (out of fold)", table),
                         ("questions the judge never saw (out of fold)", on_new_questions)):
        print(title)
        for line in lines:
            if line["by"] in ("all", "register", "quality", "file"):
                print(f"  {line['by']:9} {line['value']:16} P {line['precision']:.3f} "
                      f"R {line['recall']:.3f} n={line['labels']}")


if __name__ == "__main__":
    main()
