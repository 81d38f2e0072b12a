"""How far a second labeller agrees with the key-point labels, and what MockMate makes of it.

tests/keypoints/second_opinion.json holds a second labelling of 72 answers of the training
files (ids "file:index"), made by a language model that saw the labelling rules, the questions
and the answers, never the original labels. This script prints:

- the second labelling against the original labels: precision and recall of "covered",
  agreement and Cohen's kappa (how consistent the labels are: the ceiling any evaluator can
  reach against them);
- the built-in rubric on the same labels;
- the second labelling taken as a configured model's verdicts, through MockMate's quote check
  (feedback/llm_keypoints.py: a "covered" whose quote is not in the answer keeps the rubric's
  verdict): what a model that reads like the labeller gives a person.

    python bench/keypoint_agreement.py
    python bench/keypoint_agreement.py --file second_opinion_partial.json

second_opinion_partial.json relabels 90 partial answers (train5, train6, heldout_e to
heldout_h): where the judge disagrees with people most. The judge's figures there are printed
apart for the answers it never trained on.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from keypoint_accuracy import LABELS_DIR, Tally, load

from mockmate_tui.feedback import AnswerContext, evaluate_answer
from mockmate_tui.feedback.keypoints.judge import MODEL_DIR
from mockmate_tui.feedback.llm_keypoints import merged_verdicts, usable_key_points
from mockmate_tui.questions.bank import builtin_bank


def kappa(tally: Tally) -> float:
    n = tally.labels
    observed = (tally.tp + tally.tn) / n
    expected = ((tally.tp + tally.fp) * (tally.tp + tally.fn)
                + (tally.fn + tally.tn) * (tally.fp + tally.tn)) / (n * n)
    return (observed - expected) / (1 - expected)


def judge_training_files() -> set[str]:
    """The label files the shipped judge was trained on (judge.json names them)."""
    return set(json.loads((MODEL_DIR / "judge.json").read_text(encoding="utf-8"))["files"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", default="second_opinion.json",
                        help="a second labelling in tests/keypoints (JSON)")
    args = parser.parse_args(argv)
    second: list[dict[str, Any]] = json.loads(
        (LABELS_DIR / args.file).read_text(encoding="utf-8"))["answers"]
    trained_on = judge_training_files()
    unseen = Tally()
    bank = {question.id: question for question in builtin_bank()}
    files: dict[str, list[dict[str, Any]]] = {}
    labeller, rubric, through_check = Tally(), Tally(), Tally()
    for entry in second:
        split, index = entry["id"].split(":")
        item = files.setdefault(split, load(split))[int(index)]
        question = bank[item["question_id"]]
        answer = item["answer"].strip()
        built_in = evaluate_answer(AnswerContext(
            question.text, answer, question.category, question.difficulty,
            tuple(question.key_points), expected_minutes=question.expected_minutes)).key_points
        merged = {v.text: v.covered for v in merged_verdicts(
            answer, built_in, usable_key_points(entry["labels"]))}
        alone = {v.text: v.covered for v in built_in}
        theirs = {label["key_point"]: label["covered"] for label in entry["labels"]}
        for label in item["labels"]:
            truth = bool(label["covered"])
            labeller.add(bool(theirs[label["key_point"]]), truth)
            if label["key_point"] in alone:
                rubric.add(alone[label["key_point"]], truth)
                if split not in trained_on:
                    unseen.add(alone[label["key_point"]], truth)
                through_check.add(merged[label["key_point"]], truth)
    print(f"{len(second)} answers, {labeller.labels} labels")
    agreement = (labeller.tp + labeller.tn) / labeller.labels
    print(f"second labeller   precision {labeller.precision:.3f}  recall {labeller.recall:.3f}  "
          f"agreement {agreement:.3f}  kappa {kappa(labeller):.3f}")
    print(f"rubric alone      precision {rubric.precision:.3f}  recall {rubric.recall:.3f}")
    if unseen.labels:
        print(f"  on answers the judge never trained on ({unseen.labels} labels): precision "
              f"{unseen.precision:.3f}  recall {unseen.recall:.3f}")
    print(f"as model verdicts precision {through_check.precision:.3f}  "
          f"recall {through_check.recall:.3f}  (through the quote check)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
