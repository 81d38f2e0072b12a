"""Feedback on answers: the offline rubric (the default) and an optional language model.

evaluate_answer(context) is the rubric: deterministic, offline, explainable. make_evaluator()
gives the evaluator the settings ask for: the rubric, or a language model that falls back to it.
Every evaluator is given one AnswerContext: the question, the answer and what surrounds them.
"""

from typing import TYPE_CHECKING, Any

from mockmate_tui.feedback.evaluation import (
    AnswerContext,
    AnswerEvaluator,
    Evaluation,
    KeyPointVerdict,
)

if TYPE_CHECKING:
    from mockmate_tui.feedback.factory import make_evaluator
    from mockmate_tui.feedback.keypoints.judge import start_loading as start_keypoint_judge
    from mockmate_tui.feedback.rubric import RubricEvaluator, evaluate_answer

# The rubric and the language-model evaluator (keypoints, concepts, structure, the llm client:
# about 2 MB and 0.15 s of imports) load on first use, not with the types above: the service
# imports this package to start, and the app's interview screen is up long before the first
# answer is evaluated (BENCHMARKS.md, the terminal app's memory).
_LAZY = {"make_evaluator": "mockmate_tui.feedback.factory",
         # Starts loading the key-point model in a background thread (the service calls it
         # at start-up, so that the first answer does not wait for the load).
         "start_keypoint_judge": "mockmate_tui.feedback.keypoints.judge",
         "RubricEvaluator": "mockmate_tui.feedback.rubric",
         "evaluate_answer": "mockmate_tui.feedback.rubric"}

_RENAMED = {"start_keypoint_judge": "start_loading"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), _RENAMED.get(name, name))
    globals()[name] = value
    return value

__all__ = ["AnswerContext", "AnswerEvaluator", "Evaluation", "KeyPointVerdict", "RubricEvaluator",
           "evaluate_answer", "make_evaluator", "start_keypoint_judge"]
