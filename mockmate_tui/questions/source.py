"""Where an interview's questions come from: the bank (the default), or a language model that
falls back to the bank.

A source gives the questions for a session and, optionally, a follow-up to an answer. A model's
questions are validated like a bank's; whatever it gets wrong (bad JSON twice, too few usable
questions, no introduction) is made up from the bank, and `notice` says what happened.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict, Field, field_validator

from mockmate_tui.config import Settings
from mockmate_tui.llm.client import (
    ChatClient,
    LLMConfig,
    LLMError,
    Message,
    request_json,
)
from mockmate_tui.models import CATEGORIES, DIFFICULTIES, Category, Difficulty
from mockmate_tui.questions.bank import load_bank, user_bank_dir
from mockmate_tui.questions.company import with_company
from mockmate_tui.questions.model import (
    MAX_EXPECTED_MINUTES,
    MAX_QUESTION_LENGTH,
    BankQuestion,
    QuestionRequest,
    normalise_text,
)
from mockmate_tui.questions.roles import detect_role, role_named
from mockmate_tui.questions.selection import select_questions, validate_request

_DEFAULT_MINUTES: dict[str, int] = {"introduction": 2, "behavioral": 3, "situational": 3,
                                    "technical": 4}


class QuestionSource(Protocol):
    @property
    def notice(self) -> str | None:
        """What the person should know about the last call (e.g. the model failed), or None."""
        ...

    def questions(self, request: QuestionRequest) -> list[BankQuestion]: ...

    def follow_up(self, question: BankQuestion, answer: str,
                  request: QuestionRequest) -> BankQuestion | None: ...


class BankQuestionSource:
    """Questions from the built-in bank and imported banks; it asks no follow-ups."""

    def __init__(self, bank: Sequence[BankQuestion] | None = None,
                 bank_dir: Path | None = None) -> None:
        self._bank = list(bank) if bank is not None else None
        self._bank_dir = bank_dir

    @property
    def notice(self) -> str | None:
        return None

    def bank(self) -> list[BankQuestion]:
        if self._bank is None:
            self._bank = load_bank(self._bank_dir)
        return self._bank

    def questions(self, request: QuestionRequest) -> list[BankQuestion]:
        return select_questions(request, self.bank())

    def follow_up(self, question: BankQuestion, answer: str,
                  request: QuestionRequest) -> BankQuestion | None:
        return None


class _ModelQuestion(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    text: str = Field(min_length=10, max_length=MAX_QUESTION_LENGTH)
    category: Category
    difficulty: Difficulty = "medium"
    expected_minutes: int = 3
    key_points: list[str] = Field(default_factory=list)

    @field_validator("expected_minutes", mode="before")
    @classmethod
    def _minutes_in_range(cls, value: Any) -> int:
        try:
            minutes = int(float(value))
        except (TypeError, ValueError):
            return 3
        return max(1, min(MAX_EXPECTED_MINUTES, minutes))

    @field_validator("key_points")
    @classmethod
    def _points(cls, points: list[str]) -> list[str]:
        return [p.strip() for p in points if isinstance(p, str) and p.strip()][:6]


class _ModelQuestions(BaseModel):
    model_config = ConfigDict(extra="ignore")
    questions: list[dict[str, Any]]


class _ModelFollowUp(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    text: str = Field(min_length=10, max_length=MAX_QUESTION_LENGTH)
    key_points: list[str] = Field(default_factory=list)
    expected_minutes: int = Field(default=2, ge=1, le=MAX_EXPECTED_MINUTES)


class LLMQuestionSource:
    """Tailored questions and follow-ups from a language model; the bank covers any gap."""

    def __init__(self, client: ChatClient, fallback: BankQuestionSource) -> None:
        self._client = client
        self._fallback = fallback
        self._notice: str | None = None

    @property
    def notice(self) -> str | None:
        return self._notice

    def questions(self, request: QuestionRequest) -> list[BankQuestion]:
        validate_request(request)
        self._notice = None
        try:
            payload = request_json(self._client, _questions_prompt(request),
                                   _ModelQuestions.model_validate, seed=request.seed)
        except LLMError as error:
            self._notice = f"{error} Questions come from the built-in bank instead."
            return self._fallback.questions(request)
        chosen = self._complete(self._usable(payload.questions, request), request)
        # The bank's questions about the company, in its name, whatever the model wrote.
        return (with_company(chosen, request.company, self._fallback.bank(), request.personal)
                if request.company else chosen)

    def follow_up(self, question: BankQuestion, answer: str,
                  request: QuestionRequest) -> BankQuestion | None:
        self._notice = None
        if not answer.strip():
            return None
        try:
            reply = request_json(self._client, _follow_up_prompt(question, answer, request),
                                 _ModelFollowUp.model_validate)
        except LLMError as error:
            self._notice = f"{error} No follow-up question this time."
            return None
        return BankQuestion(
            id=_model_id(reply.text), text=reply.text, category=question.category,
            difficulty=question.difficulty, expected_minutes=reply.expected_minutes,
            key_points=tuple(reply.key_points), roles=question.roles,
        )

    def _usable(self, items: list[dict[str, Any]], request: QuestionRequest) -> list[BankQuestion]:
        """The model's questions that validate, fit the request and are not repeats."""
        allowed = set(request.categories) | {"introduction"}
        seen = {normalise_text(text) for text in request.recently_asked}
        role = detect_role(request.job_title, request.job_description)
        usable: list[BankQuestion] = []
        for item in items:
            try:
                parsed = _ModelQuestion.model_validate(item)
            except ValueError:
                continue
            key = normalise_text(parsed.text)
            if parsed.category not in allowed or key in seen:
                continue
            if request.difficulty != "mixed" and parsed.difficulty != request.difficulty:
                parsed = parsed.model_copy(update={"difficulty": request.difficulty})
            seen.add(key)
            usable.append(BankQuestion(
                id=_model_id(parsed.text), text=parsed.text, category=parsed.category,
                difficulty=parsed.difficulty, expected_minutes=parsed.expected_minutes,
                key_points=tuple(parsed.key_points),
                roles=(role,) if role and parsed.category == "technical" else (),
            ))
        return usable

    def _complete(self, usable: list[BankQuestion], request: QuestionRequest) -> list[BankQuestion]:
        """An introduction first and exactly `count` questions, topping up from the bank."""
        intro = next((q for q in usable if q.category == "introduction"), None)
        chosen = ([intro] if intro else []) + [q for q in usable if q is not intro]
        chosen = chosen[: request.count]
        if intro is not None and len(chosen) == request.count:
            return chosen
        # The bank's pick for the same request starts with an introduction; questions the
        # model already gave are pushed to the back of its choice and then skipped.
        taken = {normalise_text(q.text) for q in chosen}
        from_bank = [
            q for q in select_questions(
                replace(request, recently_asked=request.recently_asked
                        | frozenset(q.text for q in chosen)),
                self._fallback.bank(),
            )
            if normalise_text(q.text) not in taken
        ]
        if intro is None and from_bank and from_bank[0].category == "introduction":
            chosen = [from_bank.pop(0), *chosen][: request.count]
        chosen += from_bank[: request.count - len(chosen)]
        bank_count = sum(1 for q in chosen if not q.id.startswith("llm-"))
        self._notice = (f"The language model gave {len(usable)} usable question(s); "
                        f"{bank_count} of {len(chosen)} came from the built-in bank.")
        return chosen


def make_question_source(settings: Settings) -> QuestionSource:
    """The bank (with imported banks from the settings' data dir), or a language model that
    falls back to it when settings.llm_base_url and settings.llm_model are set."""
    fallback = BankQuestionSource(bank_dir=user_bank_dir(settings.data_dir))
    config = LLMConfig.from_settings(settings)
    if config is None:
        return fallback
    return LLMQuestionSource(ChatClient(config), fallback)


def _model_id(text: str) -> str:
    return "llm-" + hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:12]


def _questions_prompt(request: QuestionRequest) -> list[Message]:
    role = role_named(detect_role(request.job_title, request.job_description) or "")
    role_name = role.name if role else "not detected"
    categories = [c for c in CATEGORIES if c in request.categories or c == "introduction"]
    difficulty = ("a mix, easier first" if request.difficulty == "mixed"
                  else request.difficulty)
    system = (
        "You write realistic job interview questions that a hiring manager would ask. "
        "Reply with only a JSON object: {\"questions\": [{\"text\": str, \"category\": one of "
        f"{json.dumps(list(CATEGORIES))}, \"difficulty\": one of {json.dumps(list(DIFFICULTIES))}, "
        "\"expected_minutes\": int (answer time), \"key_points\": [3-5 short strings a strong "
        "answer covers]}]}."
    )
    recent = sorted(request.recently_asked)[:30]
    user = (
        f"Job title: {request.job_title}\nDetected role: {role_name}\n"
        f"Job description:\n{request.job_description.strip() or '(none)'}\n\n"
        f"Write {request.count} questions. The first must be an introduction question. "
        f"Use only these categories: {', '.join(categories)}. Difficulty: {difficulty}. "
        "Tailor technical questions to the role and the job description. "
        f"Do not repeat these recently asked questions: {json.dumps(recent)}"
    )
    if request.focus:
        user += ("\nThe candidate wants to practise these first; ask about them before "
                 f"anything else: {json.dumps(list(request.focus))}")
    if request.personal:
        user += ("\nAsk this question about the candidate's own CV as one of the behavioral "
                 f"questions, word for word: {json.dumps(request.personal[0].text)}")
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def _follow_up_prompt(question: BankQuestion, answer: str,
                      request: QuestionRequest) -> list[Message]:
    system = (
        "You are interviewing a candidate. Ask one natural follow-up question that probes the "
        "weakest or vaguest part of their answer (a missing result, an unclear personal role, "
        "a claim without evidence). Reply with only a JSON object: {\"text\": str, "
        "\"key_points\": [3-5 short strings a strong answer covers], \"expected_minutes\": int}."
    )
    user = (
        f"Job title: {request.job_title}\nQuestion: {question.text}\n"
        f"Answer:\n\"\"\"\n{answer.strip()[:6000]}\n\"\"\""
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]

