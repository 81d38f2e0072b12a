"""Feedback on answers: the offline rubric (the default) and an optional language model.

evaluate_answer(context) is the rubric: deterministic, offline, explainable. make_evaluator()
gives the evaluator the settings ask for: the rubric, or a language model that falls back to it.
Every evaluator is given one AnswerContext: the question, the answer and what surrounds them.
"""

from mockmate_tui.feedback.evaluation import (
    AnswerContext,
    AnswerEvaluator,
    Evaluation,
    KeyPointVerdict,
)
from mockmate_tui.feedback.factory import make_evaluator
from mockmate_tui.feedback.rubric import RubricEvaluator, evaluate_answer

__all__ = ["AnswerContext", "AnswerEvaluator", "Evaluation", "KeyPointVerdict", "RubricEvaluator",
           "evaluate_answer", "make_evaluator"]
