"""Calibration: the built-in rubric must rank answers the way an interviewer would.

tests/calibration/answers.toml holds answers labelled strong, adequate, weak or off-topic. The
labels were written (and committed) before the rubric, by judging each answer as an
interviewer, so this test checks the rubric against independent judgement rather than echoing
it. Each answer names a bank question, whose key points and duration the evaluator sees.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from statistics import mean
from typing import Any

import pytest

from mockmate_tui.feedback import AnswerContext, evaluate_answer
from mockmate_tui.questions.bank import builtin_bank

LEVELS = ("strong", "adequate", "weak", "off-topic")
ANSWERS: list[dict[str, Any]] = tomllib.loads(
    (Path(__file__).parent / "answers.toml").read_text(encoding="utf-8"))["answers"]
BANK = {question.id: question for question in builtin_bank()}


def score(item: dict[str, Any]) -> int:
    question = BANK[item["question_id"]]
    return evaluate_answer(AnswerContext(
        question.text, item["answer"], category=question.category,
        difficulty=question.difficulty, key_points=question.key_points,
        job_description=item.get("job_description", ""),
        expected_minutes=question.expected_minutes,
    )).score


@pytest.fixture(scope="module")
def scores() -> dict[str, list[int]]:
    by_level: dict[str, list[int]] = {level: [] for level in LEVELS}
    for item in ANSWERS:
        by_level[item["label"]].append(score(item))
    return by_level


def test_the_labelled_set_has_at_least_40_answers_at_every_level_and_category() -> None:
    assert len(ANSWERS) >= 40
    assert {item["label"] for item in ANSWERS} == set(LEVELS)
    for level in LEVELS:
        items = [item for item in ANSWERS if item["label"] == level]
        assert len(items) >= 10, level
        assert {BANK[item["question_id"]].category for item in items} == {
            "introduction", "behavioral", "situational", "technical"}, level


def test_level_means_are_strictly_ordered(scores: dict[str, list[int]]) -> None:
    means = [mean(scores[level]) for level in LEVELS]
    report = ", ".join(f"{level} {m:.2f}" for level, m in zip(LEVELS, means, strict=True))
    assert means == sorted(means, reverse=True) and len(set(means)) == len(means), report


def test_no_weak_or_off_topic_answer_scores_above_5(scores: dict[str, list[int]]) -> None:
    assert max(scores["weak"] + scores["off-topic"]) <= 5


def test_off_topic_answers_score_1_to_3(scores: dict[str, list[int]]) -> None:
    assert all(1 <= s <= 3 for s in scores["off-topic"])


def test_strong_answers_are_not_marked_down_to_weak(scores: dict[str, list[int]]) -> None:
    assert min(scores["strong"]) >= 6


# -- typed answers of 60-100 words ----------------------------------------------------------------
# A newcomer who answers well in 60-100 typed words gets 8 or more; a thin, generic or wrong
# answer of the same length does not. Labelled before the typed yardstick was written.

TYPED = [item for item in ANSWERS if item.get("length") == "typed"]


def test_the_typed_set_has_at_least_12_answers_of_60_to_100_words() -> None:
    assert len(TYPED) >= 12
    assert all(60 <= len(item["answer"].split()) <= 100 for item in TYPED)
    assert {item["label"] for item in TYPED} >= {"strong", "adequate", "weak"}


@pytest.mark.parametrize("item", [i for i in TYPED if i["label"] == "strong"],
                         ids=lambda item: item["question_id"])
def test_a_strong_typed_answer_scores_8_or_more(item: dict[str, Any]) -> None:
    assert score(item) >= 8


@pytest.mark.parametrize("item", [i for i in TYPED if i["label"] != "strong"],
                         ids=lambda item: f"{item['label']}-{item['question_id']}")
def test_a_thin_typed_answer_of_the_same_length_scores_7_or_less(item: dict[str, Any]) -> None:
    assert score(item) <= (3 if item["label"] == "off-topic" else 7)
