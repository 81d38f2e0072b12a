"""How well the offline evaluator decides key-point coverage, against the labelled answers in
tests/keypoints/ (see its README).

For every labelled key point the evaluator's decision (covered or not) is compared with the
label, and precision, recall and F1 of "covered" are printed, with the share of the evaluator's
evidence quotes that are an exact substring of the answer, and the time per answer.

    python bench/keypoint_accuracy.py --set holdout
    python bench/keypoint_accuracy.py --set tune --errors     # list every disagreement

Tune on tune.toml only; holdout.toml is for the final measurement.
"""

from __future__ import annotations

import argparse
import sys
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mockmate_tui.feedback.coverage import KeyPointResult, judge_key_points
from mockmate_tui.questions.bank import builtin_bank

LABELS_DIR = Path(__file__).resolve().parents[1] / "tests" / "keypoints"
SETS = {"tune": ("tune",), "holdout": ("holdout",), "all": ("tune", "holdout")}


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    quotes: int = 0
    exact_quotes: int = 0
    agreeing_quotes: int = 0
    """Of the points rightly judged covered, how many quote text that overlaps the label's."""

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def labels(self) -> int:
        return self.tp + self.fp + self.fn + self.tn


def load(split: str) -> list[dict[str, Any]]:
    text = (LABELS_DIR / f"{split}.toml").read_text(encoding="utf-8")
    answers: list[dict[str, Any]] = tomllib.loads(text)["answers"]
    return answers


def measure(splits: tuple[str, ...], errors: bool = False,
            by_category: dict[str, Tally] | None = None) -> tuple[Tally, float]:
    """The tally over the splits, and the mean milliseconds spent per answer. When by_category
    is given, it is filled with one tally per question category."""
    bank = {question.id: question for question in builtin_bank()}
    tally = Tally()
    elapsed = 0.0
    count = 0
    for split in splits:
        for item in load(split):
            question = bank[item["question_id"]]
            answer = item["answer"].strip()
            start = time.perf_counter()
            results = judge_key_points(question.key_points, answer, question.category)
            elapsed += time.perf_counter() - start
            count += 1
            by_point: dict[str, KeyPointResult] = {r.point: r for r in results}
            for label in item["labels"]:
                result = by_point.get(label["key_point"])
                decided = result is not None and result.covered
                if result is not None and result.evidence is not None:
                    tally.quotes += 1
                    tally.exact_quotes += result.evidence in answer
                truth = bool(label["covered"])
                tallies = [tally]
                if by_category is not None:
                    tallies.append(by_category.setdefault(question.category, Tally()))
                for each in tallies:
                    if decided and truth:
                        each.tp += 1
                        each.agreeing_quotes += overlaps(answer, result, label.get("evidence"))
                    elif decided:
                        each.fp += 1
                    elif truth:
                        each.fn += 1
                    else:
                        each.tn += 1
                if errors and decided != truth:
                    kind = "FP" if decided else "FN"
                    quote = result.evidence if result is not None else None
                    print(f"{kind} {item['question_id']} [{item['quality']}] "
                          f"{label['key_point']!r}\n   said: {quote!r}\n"
                          f"   label: {label.get('evidence')!r}")
    return tally, 1000 * elapsed / max(count, 1)


def overlaps(answer: str, result: KeyPointResult | None, quote: str | None) -> bool:
    """Do the evaluator's quote and the label's quote share a stretch of the answer?"""
    if result is None or result.evidence is None or quote is None:
        return False
    start, label_start = answer.find(result.evidence), answer.find(quote)
    if start < 0 or label_start < 0:
        return False
    return start < label_start + len(quote) and label_start < start + len(result.evidence)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=tuple(SETS), default="tune")
    parser.add_argument("--errors", action="store_true", help="list every disagreement")
    parser.add_argument("--by-category", action="store_true",
                        help="also print the figures for each question category")
    args = parser.parse_args(argv)
    categories: dict[str, Tally] = {}
    tally, ms = measure(SETS[args.set], errors=args.errors, by_category=categories)
    exact = f"{tally.exact_quotes / tally.quotes:.1%}" if tally.quotes else "n/a"
    print(f"set {args.set}: {tally.labels} labels "
          f"(tp {tally.tp}, fp {tally.fp}, fn {tally.fn}, tn {tally.tn})")
    print(f"precision {tally.precision:.3f}  recall {tally.recall:.3f}  F1 {tally.f1:.3f}")
    print(f"evidence quotes {tally.quotes}, exact substrings {exact}")
    agree = tally.agreeing_quotes / tally.tp if tally.tp else 0.0
    print(f"quotes of rightly covered points that overlap the label's quote {agree:.1%}")
    print(f"time per answer {ms:.2f} ms")
    if args.by_category:
        for name, each in sorted(categories.items()):
            print(f"  {name:<13} {each.labels:>4} labels  precision {each.precision:.3f}  "
                  f"recall {each.recall:.3f}  F1 {each.f1:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
