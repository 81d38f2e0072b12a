"""Feedback from a language model, kept honest by the built-in rubric.

The rubric runs first, always: its findings (STAR parts, key points met and missed, job terms
matched and missing, figures, guard rails) go into the model's prompt, and its guard rails still
bind the model's score: nothing, a copy of the question or an unrelated answer never reaches
the model, and a cap (a few words, "we" only, ...) limits whatever score the model gives.

The reply must be JSON of a fixed shape (validated with pydantic; the score clamped to 1-10).
A bad reply is retried once; a second bad reply, or an endpoint that cannot be reached, gives
the rubric's evaluation with a notice saying so. After a failed connection the model is left
alone for a while, so a missing server costs one quick failure, not one per answer.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator

from mockmate_tui.core.clock import Clock, MonotonicClock
from mockmate_tui.feedback.evaluation import AnswerContext, Evaluation
from mockmate_tui.feedback.llm_keypoints import ModelKeyPoint, merged_verdicts, usable_key_points
from mockmate_tui.feedback.rubric import Assessment, assess
from mockmate_tui.llm.client import (
    ChatClient,
    LLMReplyError,
    LLMUnavailableError,
    Message,
    request_json,
)
from mockmate_tui.models import MAX_SCORE, MIN_SCORE

RETRY_UNREACHABLE_AFTER_SECONDS = 60.0
_MAX_ITEMS = 6

_SYSTEM_PROMPT = """You are an experienced hiring manager giving feedback on one answer in a \
mock job interview. Judge the answer honestly against the question. Name concrete strengths \
and concrete improvements that quote or point at the answer; never give vague praise. An \
empty, evasive or off-topic answer scores 1-3. A behavioural answer needs a real situation, \
the candidate's own actions (told with "I") and a result, ideally measurable.

You are given findings from an automatic rubric. Use them as evidence, but judge for yourself.

Judge every key point on its own, by meaning: it is covered when an interviewer with a \
checklist would tick it, whatever words the candidate used; a point only touched without \
substance, or answered wrongly, is not covered. For a covered point, copy the sentence or \
clause of the answer that covers it, word for word.

Reply with only a JSON object of this shape:
{"score": <integer 1-10>, "feedback": "<2-4 sentences of overall feedback>",
 "strengths": ["<concrete strength>", ...], "improvements": ["<concrete improvement>", ...],
 "key_points": [{"point": "<the key point, as given>", "covered": <true|false>,
                 "evidence": "<the answer's exact words, or null>"}, ...]}"""


class LLMFeedbackReply(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    score: int
    feedback: str = Field(min_length=1, max_length=4000)
    strengths: list[str] = Field(default_factory=list)
    improvements: list[str] = Field(default_factory=list)
    key_points: list[ModelKeyPoint] = Field(default_factory=list)
    """The model's verdict on each key point (llm_keypoints.py checks its quotes)."""
    given_score: float | None = None
    """What the model actually said, before clamping (set by the validator)."""

    @field_validator("key_points", mode="before")
    @classmethod
    def _usable_points(cls, items: Any) -> list[ModelKeyPoint]:
        return usable_key_points(items)

    @field_validator("score", mode="before")
    @classmethod
    def _clamp(cls, value: Any) -> int:
        if isinstance(value, bool):
            raise ValueError("score must be a number from 1 to 10")
        number = float(value)  # a ValueError here makes the reply invalid, and retried
        if number != number:  # NaN
            raise ValueError("score must be a number from 1 to 10")
        return max(MIN_SCORE, min(MAX_SCORE, int(number + 0.5)))

    @field_validator("strengths", "improvements")
    @classmethod
    def _keep_text(cls, items: list[str]) -> list[str]:
        return [item.strip() for item in items if item.strip()][:_MAX_ITEMS]


def _validated_reply(payload: dict[str, Any]) -> LLMFeedbackReply:
    reply = LLMFeedbackReply.model_validate(payload)
    raw = payload.get("score")
    given = float(raw) if isinstance(raw, int | float | str) and not isinstance(raw, bool) else None
    return reply.model_copy(update={"given_score": given})


class LLMEvaluator:
    """An AnswerEvaluator that asks a language model, falling back to the built-in rubric."""

    def __init__(self, client: ChatClient, clock: Clock | None = None) -> None:
        self._client = client
        self._clock = clock or MonotonicClock()
        self._unreachable_since: float | None = None
        self._unreachable_reason = ""

    def evaluate(self, context: AnswerContext) -> Evaluation:
        assessment = assess(context)
        if not assessment.is_answer:
            return assessment.evaluation  # no model can make nothing into an answer
        if self._recently_unreachable():
            return self._fallback(assessment, f"{self._unreachable_reason} Used the built-in "
                                              "rubric; the model will be tried again shortly.")
        messages = _prompt(context, assessment)
        try:
            reply = request_json(self._client, messages, _validated_reply)
        except LLMUnavailableError as error:
            self._unreachable_since = self._clock.monotonic()
            self._unreachable_reason = str(error)
            return self._fallback(assessment, f"{error} Used the built-in rubric.")
        except LLMReplyError as error:
            return self._fallback(assessment, f"{error} Used the built-in rubric.")
        self._unreachable_since = None
        return self._evaluation(reply, assessment, context.answer_text)

    def _recently_unreachable(self) -> bool:
        if self._unreachable_since is None:
            return False
        waited = self._clock.monotonic() - self._unreachable_since
        return waited < RETRY_UNREACHABLE_AFTER_SECONDS

    def _fallback(self, assessment: Assessment, notice: str) -> Evaluation:
        evaluation = assessment.evaluation
        # The score is the rubric's, so say so, and which model was meant to give it.
        version = f"llm:{self._client.model} (fell back to {evaluation.version})"
        return replace(evaluation, notice=notice, version=version,
                       feedback=f"Note: {notice}\n\n{evaluation.feedback}")

    def _evaluation(self, reply: LLMFeedbackReply, assessment: Assessment,
                    answer: str) -> Evaluation:
        notes: list[str] = []
        if reply.given_score is not None and not MIN_SCORE <= reply.given_score <= MAX_SCORE:
            notes.append(f"The language model gave a score of {reply.given_score:g}; "
                         f"it was clamped to {reply.score}.")
        score = reply.score
        if score > assessment.score_limit:
            notes.append(f"The language model gave {score}; the built-in guard rails cap this "
                         f"answer at {assessment.score_limit}.")
            score = assessment.score_limit
        caps = [reason for _, reason in assessment.caps]
        strengths = tuple(reply.strengths)
        improvements = tuple(caps + reply.improvements)
        host = urlsplit(self._client.endpoint).netloc
        # The score is shown beside the feedback (the pane's headline, the report's line): the
        # feedback says only who judged it.
        lines = [f"Judged by the language model {self._client.model} at {host}, given the "
                 "built-in rubric's findings.", "", reply.feedback, ""]
        if strengths:
            lines += ["Strengths:", *(f"+ {s}" for s in strengths), ""]
        if improvements:
            lines += ["To improve:", *(f"- {s}" for s in improvements), ""]
        lines.append("Built-in rubric parts, for reference: " + ", ".join(
            f"{name} {value:.0%}" for name, value in assessment.evaluation.rubric.items()
            if "." not in name))
        if notes:
            lines += ["", *notes]
        rubric = dict(assessment.evaluation.rubric)
        rubric["rubric_score"] = float(assessment.evaluation.score)
        # Key points: the model's verdicts where its quotes are the person's own words, the
        # rubric's elsewhere (llm_keypoints.py).
        verdicts = merged_verdicts(answer, assessment.verdicts(), reply.key_points)
        return Evaluation(score, "\n".join(lines), strengths, improvements, rubric, "llm",
                          " ".join(notes) or None, verdicts,
                          version=f"llm:{self._client.model}")


def _prompt(context: AnswerContext, assessment: Assessment) -> list[Message]:
    structure = assessment.structure
    findings: dict[str, Any] = {
        "word_count": assessment.signals.words,
        "figures": list(assessment.signals.figures),
        "named_tools_or_places": list(assessment.signals.named),
        "hedges_and_filler": list(assessment.signals.fillers + assessment.signals.hedges),
        "key_points_covered": [p.point for p in assessment.key_points if p.covered],
        "key_points_missing": [p.point for p in assessment.key_points if not p.covered],
        "job_terms_matched": list(assessment.job_terms.matched),
        "job_terms_missing": list(assessment.job_terms.missing),
        "guard_rails": [reason for _, reason in assessment.caps],
    }
    if structure is not None:
        findings[f"{structure.kind}_parts"] = {
            part.name: {"found": part.credit >= 0.5, "evidence": part.evidence}
            for part in structure.parts
        }
        findings["actions_told_with_I"] = list(structure.own_actions)
        findings["actions_told_with_we"] = list(structure.team_actions)
    user = (
        f"Question ({context.category}, {context.difficulty}): {context.question_text}\n\n"
        f"Key points a strong answer covers: {json.dumps(list(context.key_points))}\n\n"
        f"Candidate's answer:\n\"\"\"\n{context.answer_text.strip()}\n\"\"\"\n\n"
        f"Rubric findings: {json.dumps(findings, ensure_ascii=False)}"
    )
    return [{"role": "system", "content": _SYSTEM_PROMPT}, {"role": "user", "content": user}]
