"""The service's input checks name the field at fault, and the heartbeat wakes at hour
boundaries. No database: both are plain functions."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

import pytest

from mockmate_tui.errors import InvalidInputError
from mockmate_tui.models import CATEGORIES, MAX_NAME_LENGTH, MAX_TOP_UP
from mockmate_tui.service import checks
from mockmate_tui.service.timer.heartbeat import next_beat_delay

BAD_INPUTS: list[tuple[str, Callable[[], object], str, str]] = [
    ("malformed id", lambda: checks.parse_id("nope", "session_id"), "session_id",
     "not a valid session id"),
    ("id of the wrong type", lambda: checks.parse_id(42, "question_id"), "question_id",
     "not a valid question id"),
    ("blank name", lambda: checks.required_text("  ", "name", "name"), "name",
     "name cannot be empty"),
    ("name too long", lambda: checks.required_text("x" * (MAX_NAME_LENGTH + 1), "job_title",
                                                   "job title"), "job_title", "too long"),
    ("NUL in a title", lambda: checks.required_text("a\x00", "session_name", "session name"),
     "session_name", "NUL"),
    ("answer that is not text", lambda: checks.free_text(5, "answer_text", "answer"),
     "answer_text", "must be text"),
    ("NUL in feedback", lambda: checks.optional_text("\x00", "ai_feedback", "feedback"),
     "ai_feedback", "NUL"),
    ("bad email", lambda: checks.email("bob-at-example"), "email", "not an email address"),
    ("blank email", lambda: checks.email(""), "email", "cannot be empty"),
    ("top-up of 0", lambda: checks.top_up(0), "credits", "1 to"),
    ("top-up too big", lambda: checks.top_up(MAX_TOP_UP + 1), "credits", "1 to"),
    ("score as text", lambda: checks.whole_number("7", "ai_score", minimum=1, maximum=10),
     "ai_score", "whole number"),
    ("score a bool", lambda: checks.whole_number(True, "ai_score", minimum=1, maximum=10),
     "ai_score", "whole number"),
    ("score above 10", lambda: checks.whole_number(11, "ai_score", minimum=1, maximum=10),
     "ai_score", "between 1 and 10"),
    ("negative time", lambda: checks.whole_number(-1, "response_time", minimum=0),
     "response_time", "0 or more"),
    ("unknown category", lambda: checks.one_of("trivia", CATEGORIES, "category", "category"),
     "category", "Unknown category 'trivia'"),
]


@pytest.mark.parametrize(("name", "check", "field", "message"), BAD_INPUTS,
                         ids=[case[0] for case in BAD_INPUTS])
def test_a_bad_input_names_its_field(name: str, check: Callable[[], object], field: str,
                                     message: str) -> None:
    with pytest.raises(InvalidInputError, match=message) as error:
        check()
    assert error.value.field == field


def test_good_inputs_come_back_ready_to_store() -> None:
    uid = "6f1c1f1e-0000-4000-8000-000000000001"
    assert checks.parse_id(f" {uid} ", "user_id") == UUID(uid)
    assert checks.required_text("  Ada  ", "name", "name") == "Ada"
    assert checks.free_text("  kept as given\n", "answer_text", "answer") == "  kept as given\n"
    assert checks.free_text("", "job_description", "job description") == ""
    assert checks.optional_text(None, "note", "note") is None
    assert checks.email(" ada@example.com ") == "ada@example.com"
    assert checks.top_up(MAX_TOP_UP) == MAX_TOP_UP
    assert checks.whole_number(0, "expected_duration", minimum=0) == 0


def test_the_heartbeat_wakes_just_after_the_next_hour_boundary() -> None:
    assert next_beat_delay(15.0, []) == 15.0
    assert next_beat_delay(15.0, [60.0]) == 15.0
    assert next_beat_delay(15.0, [3595.0]) == pytest.approx(5.01)
    assert next_beat_delay(15.0, [100.0, 7198.0]) == pytest.approx(2.01)
