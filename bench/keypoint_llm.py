"""How well a configured language model decides key-point coverage, against the labels.

With MOCKMATE_LLM_BASE_URL and MOCKMATE_LLM_MODEL set (an OpenAI-compatible endpoint, e.g. a
local Ollama), MockMate's evaluator asks the model for a verdict on each key point and keeps it
where its quote is the person's own words (mockmate_tui/feedback/llm_keypoints.py). This
script runs that evaluator on every answer of a labelled set and prints precision and recall
of "covered", beside the built-in rubric's on the same labels, and how many of the model's
"covered" verdicts fell back to the rubric because their quote was not in the answer.

    MOCKMATE_LLM_BASE_URL=http://127.0.0.1:11434/v1 MOCKMATE_LLM_MODEL=qwen2.5:7b \\
        python bench/keypoint_llm.py --set fresh5

No model is reachable on the development machines, so no figure from this script is in
FEEDBACK.md; the experiment there (a language model labelling 72 answers afresh) is the
nearest measurement.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from keypoint_accuracy import Tally, load, splits_of

from mockmate_tui.config import Settings
from mockmate_tui.feedback import AnswerContext, evaluate_answer
from mockmate_tui.feedback.llm_evaluator import LLMEvaluator
from mockmate_tui.llm.client import ChatClient, LLMConfig
from mockmate_tui.questions.bank import builtin_bank


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="fresh5",
                        help="all (the training files) or the NAME of tests/keypoints/NAME.toml")
    args = parser.parse_args(argv)
    config = LLMConfig.from_settings(Settings())
    if config is None:
        print("set MOCKMATE_LLM_BASE_URL and MOCKMATE_LLM_MODEL to a model to measure")
        return 1
    evaluator = LLMEvaluator(ChatClient(config))
    bank = {question.id: question for question in builtin_bank()}
    model, rubric = Tally(), Tally()
    fell_back = answered = 0
    started = time.perf_counter()
    for split in splits_of(args.set):
        for item in load(split):
            question = bank[item["question_id"]]
            context = AnswerContext(question.text, item["answer"].strip(), question.category,
                                    question.difficulty, tuple(question.key_points),
                                    expected_minutes=question.expected_minutes)
            evaluation = evaluator.evaluate(context)
            answered += evaluation.source == "llm"
            fell_back += evaluation.notice is not None and evaluation.source != "llm"
            judged = {point.text: point.covered for point in evaluation.key_points}
            built_in = {point.text: point.covered
                        for point in evaluate_answer(context).key_points}
            for label in item["labels"]:
                if label["key_point"] in judged:
                    model.add(judged[label["key_point"]], bool(label["covered"]))
                    rubric.add(built_in[label["key_point"]], bool(label["covered"]))
    elapsed = time.perf_counter() - started
    print(f"set {args.set}: {model.labels} labels; the model answered {answered} times "
          f"({fell_back} fell back to the rubric), {elapsed:.0f} s")
    print(f"with the model   precision {model.precision:.3f}  recall {model.recall:.3f}  "
          f"F1 {model.f1:.3f}")
    print(f"rubric alone     precision {rubric.precision:.3f}  recall {rubric.recall:.3f}  "
          f"F1 {rubric.f1:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
