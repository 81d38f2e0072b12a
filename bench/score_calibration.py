"""How the built-in rubric's 1-10 score agrees with people's judgement of whole answers.

Every answer in tests/keypoints/*.toml carries, besides its key-point labels, the labeller's
judgement of the whole answer (`quality`: strong, partial or weak), written blind to the
rubric and committed before it was tuned. This script scores each answer as a person who
typed it would be scored (the question's category, difficulty, key points and minutes, no job
description) and prints:

- the score distribution for each quality, by length of answer;
- the share of strong answers of 60-100 typed words that score 8 or more (the issue's bar for
  a newcomer who answers well), and of strong answers of any length;
- the share of partial answers of 60-100 typed words that score 8 or more (they should not);
- the share of weak answers that score 4 or less;
- how often a strong answer outscores a partial one and a partial one a weak one, over every
  pair of answers in the same file (ties count half): the ranking an interviewer expects.

    python bench/score_calibration.py                 # the training files
    python bench/score_calibration.py --set fresh5    # any tests/keypoints/NAME.toml
    python bench/score_calibration.py --low           # also list strong answers below 8
    python bench/score_calibration.py --set train2_part1,train3_part1 --oracle --by-register

`--set` takes one name or several joined by commas. `--oracle` scores each answer with the
labelled key-point verdicts in place of the judge's: it measures the score's formula apart from
how well the key points are judged. `--by-register` splits the shares by how the answer was
written (hurried, notes, speech, polished), where the file records it.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from itertools import product
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from keypoint_accuracy import load, splits_of

from mockmate_tui.feedback import AnswerContext, evaluate_answer
from mockmate_tui.feedback.coverage import KeyPointResult
from mockmate_tui.feedback.rubric import assess_with_points
from mockmate_tui.questions.bank import builtin_bank

QUALITIES = ("strong", "partial", "weak", "padded")
BANDS = ((0, 59, "under 60 words"), (60, 100, "60-100 words"), (101, 10_000, "over 100 words"))
STRONG_BAR = 8
WEAK_BAR = 4


def scored(splits: tuple[str, ...], *,
           oracle: bool = False) -> list[tuple[str, dict[str, Any], int, int]]:
    """(file, labelled answer, words, score) for every answer of the files."""
    bank = {question.id: question for question in builtin_bank()}
    found = []
    for split in splits:
        for item in load(split):
            question = bank[item["question_id"]]
            answer = item["answer"].strip()
            context = AnswerContext(question.text, answer, question.category,
                                    question.difficulty, tuple(question.key_points), "",
                                    question.expected_minutes)
            if oracle:
                labels = {label["key_point"]: label for label in item["labels"]}
                points = tuple(KeyPointResult(point, labels[point]["covered"],
                                              labels[point].get("evidence"))
                               for point in question.key_points)
                score = assess_with_points(context, points).evaluation.score
            else:
                score = evaluate_answer(context).score
            found.append((split, item, len(answer.split()), score))
    return found


def share(hits: int, total: int) -> str:
    return f"{hits}/{total} ({hits / total:.0%})" if total else "0/0"


def ranking(rows: list[tuple[str, dict[str, Any], int, int]], better: str, worse: str) -> str:
    """How often an answer of the better quality outscores one of the worse, same file."""
    wins = pairs = 0.0
    for split in {row[0] for row in rows}:
        high = [row[3] for row in rows if row[0] == split and row[1]["quality"] == better]
        low = [row[3] for row in rows if row[0] == split and row[1]["quality"] == worse]
        for a, b in product(high, low):
            pairs += 1
            wins += 1.0 if a > b else 0.5 if a == b else 0.0
    return f"{wins / pairs:.3f}" if pairs else "n/a"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="all",
                        help="all (the training files) or the NAME of tests/keypoints/NAME.toml")
    parser.add_argument("--low", action="store_true", help="list strong answers below 8")
    parser.add_argument("--oracle", action="store_true",
                        help="score with the labelled key-point verdicts, not the judge's")
    parser.add_argument("--by-register", action="store_true",
                        help="also split the shares by register")
    args = parser.parse_args(argv)
    splits = tuple(name for part in args.set.split(",") for name in splits_of(part))
    rows = scored(splits, oracle=args.oracle)
    print(f"set {args.set}: {len(rows)} answers")
    for quality in QUALITIES:
        for low, high, name in BANDS:
            scores = Counter(r[3] for r in rows
                             if r[1]["quality"] == quality and low <= r[2] <= high)
            if scores:
                spread = " ".join(f"{s}:{n}" for s, n in sorted(scores.items()))
                print(f"  {quality:<8} {name:<15} {sum(scores.values()):>4} answers  {spread}")
    groups = [("all", rows)]
    if args.by_register:
        registers = sorted({r[1].get("register", "") for r in rows} - {""})
        groups += [(name, [r for r in rows if r[1].get("register") == name])
                   for name in registers]
    for name, group in groups:
        print(f"-- {name} ({len(group)} answers)")
        summary(group)
    if args.low:
        for split, item, words, score in rows:
            if item["quality"] == "strong" and score < STRONG_BAR:
                print(f"  {score}  {split} {item['question_id']} ({words} words)")
    return 0


def summary(rows: list[tuple[str, dict[str, Any], int, int]]) -> None:
    strong = [r for r in rows if r[1]["quality"] == "strong"]
    typed_well = [r for r in strong if 60 <= r[2] <= 110]
    partial = [r for r in rows if r[1]["quality"] == "partial" and 60 <= r[2] <= 110]
    weak = [r for r in rows if r[1]["quality"] == "weak"]
    padded = [r for r in rows if r[1]["quality"] == "padded"]
    print(f"strong, 60-110 words, scored >= {STRONG_BAR}: "
          f"{share(sum(r[3] >= STRONG_BAR for r in typed_well), len(typed_well))}")
    print(f"strong, any length, scored >= {STRONG_BAR}: "
          f"{share(sum(r[3] >= STRONG_BAR for r in strong), len(strong))}")
    print(f"partial, 60-110 words, scored >= {STRONG_BAR}: "
          f"{share(sum(r[3] >= STRONG_BAR for r in partial), len(partial))}")
    print(f"weak, scored <= {WEAK_BAR}: {share(sum(r[3] <= WEAK_BAR for r in weak), len(weak))}")
    print(f"padded, scored <= {WEAK_BAR}: "
          f"{share(sum(r[3] <= WEAK_BAR for r in padded), len(padded))}; <= 3: "
          f"{share(sum(r[3] <= 3 for r in padded), len(padded))}")
    print(f"strong outscores partial: {ranking(rows, 'strong', 'partial')}   "
          f"partial outscores weak: {ranking(rows, 'partial', 'weak')}   "
          f"strong outscores weak: {ranking(rows, 'strong', 'weak')}")


if __name__ == "__main__":
    sys.exit(main())
