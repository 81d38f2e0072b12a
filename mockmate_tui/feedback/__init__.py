"""Feedback on answers: the offline rubric (the default) and an optional language model.

evaluate_answer() is the rubric: deterministic, offline, explainable. make_evaluator(settings)
gives the evaluator the settings ask for: the rubric, or a language model that falls back to it.
"""

from mockmate_tui.feedback.evaluation import AnswerEvaluator, Evaluation
from mockmate_tui.feedback.factory import make_evaluator
from mockmate_tui.feedback.rubric import RubricEvaluator, evaluate_answer

__all__ = ["AnswerEvaluator", "Evaluation", "RubricEvaluator", "evaluate_answer",
           "make_evaluator"]
