"""The labelled replies to follow-up questions (tests/keypoints/follow_ups/) are well formed.

A follow-up asks about the one key point an answer left out; its reply is judged on that point
alone (bench/keypoint_follow_ups.py measures the shipped feedback on them). followups_b and
followups_g (new replies to b's questions, mostly on other points) are held out, and
followups_h (new replies to 80 questions drawn from the whole bank, most of them also asked in
the training replies, often on another point: as a person's reply reaches the app) and
followups_i (the same, another 80, spent) and followups_j (another 80, not yet measured); the
others are training data. Each file was written blind to the evaluator, from the app's own
follow-up wording of bank key points. This checks the data only: the bank's questions and
points, the app's wording (then), one label a reply, evidence exactly when covered and quoting
the reply, every register and quality.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from mockmate_tui.questions.bank import builtin_bank
from mockmate_tui.questions.follow_ups import follow_up_question

FOLLOW_UPS = Path(__file__).resolve().parents[1] / "keypoints" / "follow_ups"
FILES = sorted(path.stem for path in FOLLOW_UPS.glob("*.toml"))
BANK = {question.id: question for question in builtin_bank()}


def was_asked(follow_up: str, point: str, category: Any) -> bool:
    """A reply in these files was written to the app's follow-up at the time: the wording now,
    or an earlier one, which read the point out whole ("You didn't touch on this: “Their
    objections.” Can you say how it applies here?", now "Could you tell me more about their
    objections?"; "And what about graceful shutdown: handle SIGTERM, drain connections...?",
    now "And what about graceful shutdown?"). The reply is labelled on the point, which the
    wording did not change."""
    return (follow_up == follow_up_question(point, category)
            or point[1:].lower() in follow_up.lower())


def replies(name: str) -> list[dict[str, Any]]:
    answers: list[dict[str, Any]] = tomllib.loads(
        (FOLLOW_UPS / f"{name}.toml").read_text(encoding="utf-8"))["answers"]
    return answers


def test_there_are_training_sets_and_a_held_out_set() -> None:
    assert FILES == ["followups_a", "followups_b", "followups_c", "followups_d", "followups_e",
                     "followups_f", "followups_g", "followups_h",
                     "followups_i", "followups_j"]


@pytest.mark.parametrize("name", FILES)
def test_each_reply_answers_a_bank_follow_up_and_is_labelled_once(name: str) -> None:
    items = replies(name)
    assert len(items) >= 60
    assert {item["register"] for item in items} == {"hurried", "notes", "speech", "polished"}
    assert {item["quality"] for item in items} == {"strong", "partial", "weak", "padded"}
    for item in items:
        question = BANK[item["question_id"]]
        [label] = item["labels"]
        assert label["key_point"] in question.key_points
        assert was_asked(item["follow_up"], label["key_point"], question.category)
        assert (label.get("evidence") is not None) == label["covered"]
        assert label.get("evidence") is None or label["evidence"] in item["answer"]


def test_no_reply_is_in_two_sets_and_the_held_out_set_shares_no_question() -> None:
    seen: set[str] = set()
    for name in FILES:
        mine = {" ".join(item["answer"].split()) for item in replies(name)}
        assert not mine & seen, name
        seen |= mine
    held_out = {item["question_id"] for name in ("followups_b", "followups_g")
                for item in replies(name)}
    for name in ("followups_a", "followups_c", "followups_d", "followups_e", "followups_f"):
        assert not held_out & {item["question_id"] for item in replies(name)}, name
