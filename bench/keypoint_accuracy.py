"""How well the offline evaluator decides key-point coverage, against the labelled answers in
tests/keypoints/ (see its README).

For every labelled key point the evaluator's decision (covered or not) is compared with the
label, and precision, recall and F1 of "covered" are printed, with the share of the evaluator's
evidence quotes that are an exact substring of the answer, and the time per answer.

    python bench/keypoint_accuracy.py --set all               # the six training files
    python bench/keypoint_accuracy.py --set tune --errors     # list every disagreement
    python bench/keypoint_accuracy.py --set NAME              # any tests/keypoints/NAME.toml
    python bench/keypoint_accuracy.py --cv 5 --repeats 10     # grouped cross-validation
    python bench/keypoint_accuracy.py --leave-file-out        # fit on five files, test the sixth
    python bench/keypoint_accuracy.py --fit --write           # refit feedback/fitted.py

The decision's weights and threshold (feedback/fitted.py) are fitted on tune.toml, holdout.toml
and fresh.toml to fresh4.toml together (TRAINING), so figures on those files are figures on
training data; fresh5.toml is held out.
--cv is the honest estimate: the questions are split into K groups, and each group is decided
by weights and a threshold fitted on the other groups' questions only (--repeats shuffles the
groups again and pools the decisions); the figures are also given for the held-out labels of
each file and each category. It reports the older decisions (refitted the same way, for a fair
comparison) and the shipped one.
"""

from __future__ import annotations

import argparse
import sys
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from keypoint_fit import (
    BEFORE,
    PREVIOUS,
    SHIPPED,
    Row,
    Variant,
    cross_validate,
    decide,
    fit,
)

from mockmate_tui.feedback.coverage import KeyPointResult, judge_key_points
from mockmate_tui.feedback.keypoints import find_points
from mockmate_tui.questions.bank import builtin_bank

LABELS_DIR = Path(__file__).resolve().parents[1] / "tests" / "keypoints"
FITTED = Path(__file__).resolve().parents[1] / "mockmate_tui" / "feedback" / "fitted.py"
# The labelled files the word decision (the fallback when the key-point model cannot load) is
# fitted on and cross-validated over. The model is trained on these and every later training
# file (train*.toml: training/keypoint_judge.py); `--set NAME` measures any file, the later
# ones (with their `register` and the `padded` quality) included.
TRAINING = ("tune", "holdout", "fresh", "fresh2", "fresh3", "fresh4")


def splits_of(name: str) -> tuple[str, ...]:
    """"all" is the training files; any other name is the one file tests/keypoints/NAME.toml."""
    return TRAINING if name == "all" else (name,)


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

    def add(self, decided: bool, truth: bool) -> None:
        """Count one decision against its label."""
        self.tp += decided and truth
        self.fp += decided and not truth
        self.fn += truth and not decided
        self.tn += not decided and not truth


def load(split: str) -> list[dict[str, Any]]:
    path = LABELS_DIR / f"{split}.toml"
    if not path.is_file():
        raise SystemExit(f"no labelled set {split!r}: {path} does not exist")
    text = path.read_text(encoding="utf-8")
    answers: list[dict[str, Any]] = tomllib.loads(text)["answers"]
    return answers


def rows(splits: tuple[str, ...]) -> list[Row]:
    """One row per label: what the matcher found for the point, and the label."""
    bank = {question.id: question for question in builtin_bank()}
    found: list[Row] = []
    for split in splits:
        for item in load(split):
            question = bank[item["question_id"]]
            findings = {f.point: f.found for f in find_points(
                question.key_points, item["answer"].strip(), question.category,
                question.expected_minutes, question.text)}
            found.extend(Row(item["question_id"], findings[label["key_point"]],
                             bool(label["covered"]), source=split)
                         for label in item["labels"] if label["key_point"] in findings)
    return found


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
            results = judge_key_points(question.key_points, answer, question.category,
                                       question.expected_minutes, question.text)
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
                    each.add(decided, truth)
                    if decided and truth:
                        each.agreeing_quotes += overlaps(answer, result, label.get("evidence"))
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


def cross_validation(k: int, repeats: int, variants: list[Variant],
                     data: list[Row] | None = None) -> dict[str, Tally]:
    """Print and return each variant's tally over the held-out folds."""
    data = rows(TRAINING) if data is None else data
    questions = len({r.question_id for r in data})
    print(f"grouped {k}-fold cross-validation over {' + '.join(TRAINING)}: {len(data)} labels, "
          f"{questions} questions, folds by question, {repeats} shuffle(s) pooled")
    tallies: dict[str, Tally] = {}
    for variant in variants:
        tally = tallies.setdefault(variant.name, Tally())
        parts: dict[str, Tally] = {}
        for decided, row in cross_validate(data, k, range(repeats), variant):
            for each in (tally, parts.setdefault(row.source or "?", Tally()),
                         parts.setdefault(row.found.category or "?", Tally())):
                each.add(decided, row.covered)
        print(f"  {variant.name:<12} precision {tally.precision:.3f}  recall {tally.recall:.3f}"
              f"  F1 {tally.f1:.3f}")
        for name, part in parts.items():
            tallies[f"{variant.name}:{name}"] = part
        for name in sorted(parts, key=lambda n: (n not in TRAINING, n)):
            part = parts[name]
            print(f"    {name:<13} {part.labels // repeats:>4} labels  precision "
                  f"{part.precision:.3f}  recall {part.recall:.3f}  F1 {part.f1:.3f}")
    return tallies


def leave_file_out(variants: list[Variant]) -> None:
    """Fit on all but one of the training files and measure on that one, for each file: how the
    decision does on labels written in a style it was not fitted on."""
    data = rows(TRAINING)
    print("fitted on the other files, measured on each file's labels")
    for variant in variants:
        parts = []
        for held in TRAINING:
            model = fit([r for r in data if r.source != held], variant)
            tally = Tally()
            for row in (r for r in data if r.source == held):
                tally.add(decide(row, model, variant), row.covered)
            parts.append(f"{held} P {tally.precision:.3f} R {tally.recall:.3f}")
        print(f"  {variant.name:<12} " + "   ".join(parts))


def refit(write: bool) -> None:
    """Fit the shipped decision on every training label; with write, save it to fitted.py."""
    model = fit(rows(TRAINING), SHIPPED)
    print(model)
    if not write:
        return
    text = FITTED.read_text(encoding="utf-8")
    start = text.index("MODEL = Model(")
    end = text.index("\n", text.index("threshold=", start))
    # Seven weights a line keeps the file within the line length.
    lines = [", ".join(str(w) for w in model.weights[i:i + 7])
             for i in range(0, len(model.weights), 7)]
    weights = ",\n    ".join(lines)
    text = (text[:start] + f"MODEL = Model(bias={model.bias}, weights=(\n    {weights}),\n"
            f"    threshold={model.threshold})" + text[end:])
    FITTED.write_text(text, encoding="utf-8")
    print(f"written to {FITTED}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="tune",
                        help="all (the training files) or the NAME of tests/keypoints/NAME.toml")
    parser.add_argument("--errors", action="store_true", help="list every disagreement")
    parser.add_argument("--by-category", action="store_true",
                        help="also print the figures for each question category")
    parser.add_argument("--cv", type=int, metavar="K",
                        help="grouped K-fold cross-validation by question over the training files")
    parser.add_argument("--repeats", type=int, default=1,
                        help="with --cv: shuffle the question groups this many times and pool")
    parser.add_argument("--leave-file-out", action="store_true",
                        help="fit on all training files but one, measure on that one, for each")
    parser.add_argument("--fit", action="store_true",
                        help="fit the decision on the training files and print it")
    parser.add_argument("--write", action="store_true", help="with --fit: save to fitted.py")
    args = parser.parse_args(argv)
    if args.cv:
        cross_validation(args.cv, args.repeats, [BEFORE, PREVIOUS, SHIPPED])
        return 0
    if args.leave_file_out:
        leave_file_out([BEFORE, PREVIOUS, SHIPPED])
        return 0
    if args.fit:
        refit(args.write)
        return 0
    categories: dict[str, Tally] = {}
    tally, ms = measure(splits_of(args.set), errors=args.errors, by_category=categories)
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
