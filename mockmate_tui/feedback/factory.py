"""Which evaluator MockMate uses: the built-in rubric, unless a language model is configured."""

from __future__ import annotations

from mockmate_tui.config import Settings
from mockmate_tui.core.clock import Clock
from mockmate_tui.feedback.evaluation import AnswerEvaluator
from mockmate_tui.feedback.keypoints.judge import start_loading
from mockmate_tui.feedback.llm_evaluator import LLMEvaluator
from mockmate_tui.feedback.rubric import RubricEvaluator
from mockmate_tui.llm.client import ChatClient, LLMConfig


def make_evaluator(settings: Settings, clock: Clock | None = None) -> AnswerEvaluator:
    """The rubric, unless settings.llm_base_url and settings.llm_model are both set.

    Nothing touches the network here: a configured but unreachable model shows up on the first
    evaluation, which then falls back to the rubric with a notice. The key-point model starts
    loading in the background (both evaluators judge key points with it).
    """
    start_loading()
    config = LLMConfig.from_settings(settings)
    if config is None:
        return RubricEvaluator()
    return LLMEvaluator(ChatClient(config), clock)
