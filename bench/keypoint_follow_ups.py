"""The shipped feedback on replies to follow-up questions (tests/keypoints/follow_ups/).

A follow-up asks about the one key point an answer left out (questions/follow_ups.py words it);
the reply is judged on that one point, as the interview does. This prints precision and recall
of "covered" overall, by register and by the reply's quality, the scores replies get (a strong
reply that says the point, a padded one that does not), and that every quote is an exact
substring of its reply.

    python bench/keypoint_follow_ups.py --set followups_a
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from keypoint_accuracy import Tally

from mockmate_tui.feedback import AnswerContext, evaluate_answer
from mockmate_tui.questions.bank import builtin_bank
from mockmate_tui.service.interview.planning import FOLLOW_UP_MINUTES

FOLLOW_UPS = Path(__file__).resolve().parents[1] / "tests" / "keypoints" / "follow_ups"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", required=True,
                        help="a tests/keypoints/follow_ups/NAME.toml to measure (repeatable)")
    args = parser.parse_args(argv)
    bank = {question.id: question for question in builtin_bank()}
    tallies: dict[str, dict[str, Tally]] = defaultdict(lambda: defaultdict(Tally))
    scores: dict[str, list[int]] = defaultdict(list)
    quotes = exact = 0
    for name in args.set:
        path = FOLLOW_UPS / f"{name}.toml"
        for item in tomllib.loads(path.read_text(encoding="utf-8"))["answers"]:
            question = bank[item["question_id"]]
            reply = item["answer"].strip()
            label = item["labels"][0]
            evaluation = evaluate_answer(AnswerContext(
                item["follow_up"], reply, question.category, question.difficulty,
                (label["key_point"],), "", FOLLOW_UP_MINUTES))
            verdict = evaluation.key_points[0]
            for axis, value in (("all", "all"), ("register", item["register"]),
                                ("quality", item["quality"])):
                tallies[axis][value].add(verdict.covered, label["covered"])
            if verdict.covered and verdict.evidence:
                quotes += 1
                exact += verdict.evidence in reply
            scores[f"{item['quality']}, labelled {'covered' if label['covered'] else 'not'}"] \
                .append(evaluation.score)
    for axis in ("all", "register", "quality"):
        for value, tally in sorted(tallies[axis].items()):
            print(f"{axis:9} {value:12} labels {tally.labels:4}  precision {tally.precision:.3f}"
                  f"  recall {tally.recall:.3f}")
    for group, values in sorted(scores.items()):
        values.sort()
        print(f"score, {group:28} n={len(values):3}  median {values[len(values) // 2]:2}"
              f"  >= 7: {sum(v >= 7 for v in values):3}  <= 4: {sum(v <= 4 for v in values):3}")
    print(f"quotes that are exact substrings of the reply: {exact}/{quotes}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
