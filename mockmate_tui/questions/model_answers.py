"""A model answer to a question: a short strong answer shown beside the person's after they
answer. Written for the bank (a question's `model_answer`), else by the configured language
model; None when neither has one (the app says so rather than inventing one)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from mockmate_tui.config import Settings
from mockmate_tui.llm.client import ChatClient, LLMConfig, LLMError, request_json
from mockmate_tui.models import Category
from mockmate_tui.questions.bank import find_question, load_bank, user_bank_dir

_MIN_WORDS, _MAX_WORDS = 40, 220


@dataclass(frozen=True)
class ModelAnswer:
    text: str
    source: Literal["bank", "llm"]


def model_answer(settings: Settings, question_text: str, category: Category,
                 key_points: tuple[str, ...]) -> ModelAnswer | None:
    bank = load_bank(user_bank_dir(settings.data_dir))
    found = find_question(question_text, bank)
    if found is not None and found.model_answer:
        return ModelAnswer(found.model_answer, "bank")
    config = LLMConfig.from_settings(settings)
    if config is None:
        return None
    story = category in ("behavioral", "situational")
    prompt = [
        {"role": "system", "content": "You write model answers to job interview questions. "
         "Reply with only a JSON object: {\"answer\": str}."},
        {"role": "user", "content": (
            f"Question ({category}): {question_text}\n"
            f"Write a short, strong answer of {_MIN_WORDS}-{_MAX_WORDS // 2} words in the "
            "first person, as a candidate would say it"
            + (", told as situation, task, action and a measured result" if story else "")
            + ". It must cover: " + ("; ".join(key_points) or "what the question asks")
            + ". No preamble.")},
    ]

    def valid(payload: dict[str, Any]) -> str:
        answer = payload.get("answer")
        if not isinstance(answer, str) or not _MIN_WORDS <= len(answer.split()) <= _MAX_WORDS:
            raise ValueError(f"'answer' must be text of {_MIN_WORDS}-{_MAX_WORDS} words")
        return answer.strip()

    try:
        return ModelAnswer(request_json(ChatClient(config), prompt, valid), "llm")
    except LLMError:
        return None
