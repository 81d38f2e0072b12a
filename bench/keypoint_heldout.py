"""The shipped feedback on the held-out labelled sets: key points and the 1-10 score, split the
ways issue 17 asks for (overall, each register, each quality, each category).

Held-out sets are never trained or tuned on and are measured once, at the end of a round, by
the lead (FEEDBACK.md records each measurement). This prints, for the sets named:

- precision and recall of "covered" overall, by register (hurried, notes, speech, polished),
  by the whole answer's quality (strong, partial, weak, padded) and by category;
- the share of strong answers of 60-110 words that score 8 or more, and of weak and padded
  answers that score 4 or less (and padded 3 or less);
- that every quote is an exact substring of its answer.

    python bench/keypoint_heldout.py                         # heldout_a and heldout_b
    python bench/keypoint_heldout.py --set fresh5
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from keypoint_accuracy import Tally, load

from mockmate_tui.feedback import AnswerContext, evaluate_answer
from mockmate_tui.questions.bank import builtin_bank

HELD_OUT = ("heldout_a_part1", "heldout_a_part2", "heldout_b_part1", "heldout_b_part2")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append",
                        help="a tests/keypoints/NAME.toml to measure (repeatable); default: "
                        "the heldout_a and heldout_b parts")
    args = parser.parse_args(argv)
    bank = {question.id: question for question in builtin_bank()}
    tallies: dict[str, dict[str, Tally]] = defaultdict(lambda: defaultdict(Tally))
    strong = weak = padded = 0
    strong_ok = weak_ok = padded_ok = padded_3 = 0
    quotes = exact = 0
    for split in args.set or HELD_OUT:
        for item in load(split):
            question = bank[item["question_id"]]
            answer = item["answer"].strip()
            evaluation = evaluate_answer(AnswerContext(
                question.text, answer, question.category, question.difficulty,
                tuple(question.key_points), "", question.expected_minutes))
            labels = {label["key_point"]: label["covered"] for label in item["labels"]}
            for verdict in evaluation.key_points:
                truth = labels[verdict.text]
                for axis, value in (("all", "all"), ("register", item.get("register", "-")),
                                    ("quality", item["quality"]),
                                    ("category", question.category)):
                    tallies[axis][value].add(verdict.covered, truth)
                if verdict.covered and verdict.evidence:
                    quotes += 1
                    exact += verdict.evidence in answer
            words = len(answer.split())
            quality, score = item["quality"], evaluation.score
            if quality == "strong" and 60 <= words <= 110:
                strong += 1
                strong_ok += score >= 8
            elif quality == "weak":
                weak += 1
                weak_ok += score <= 4
            elif quality == "padded":
                padded += 1
                padded_ok += score <= 4
                padded_3 += score <= 3
    for axis in ("all", "register", "quality", "category"):
        for value, tally in sorted(tallies[axis].items()):
            print(f"{axis:9} {value:12} labels {tally.labels:5}  precision {tally.precision:.3f}"
                  f"  recall {tally.recall:.3f}")
    print(f"strong, 60-110 words, scored >= 8: {strong_ok}/{strong}"
          f" ({strong_ok / max(1, strong):.0%})")
    print(f"weak, scored <= 4: {weak_ok}/{weak} ({weak_ok / max(1, weak):.0%});"
          f" padded, scored <= 4: {padded_ok}/{padded} ({padded_ok / max(1, padded):.0%}),"
          f" <= 3: {padded_3}/{padded}")
    print(f"quotes that are exact substrings of the answer: {exact}/{quotes}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
