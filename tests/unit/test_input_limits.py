"""The input rules added for bad input (issue "Nothing lost, nobody billed wrongly"): short
quotes of any value, text PostgreSQL can store, the int4 range, an interview's choices. No
database: plain functions."""

from __future__ import annotations

import re

import pytest

from mockmate_tui.errors import InvalidInputError
from mockmate_tui.models import (
    MAX_INT4,
    MAX_QUOTED,
    MIN_INT4,
    quoted,
    storable_text_problem,
    text_problem,
)
from mockmate_tui.service import checks


@pytest.mark.parametrize("value", [
    "x" * 1_000_000, "\x00" * 1_000, "\U0010ffff" * 100, list(range(100_000)), 10**5000,
    {"a": "b" * 10_000}, b"\xff" * 1_000,
], ids=["1MB", "NULs", "astral", "list", "huge int", "dict", "bytes"])
def test_a_quote_is_short_whatever_the_value(value: object) -> None:
    text = quoted(value)
    assert len(text) <= MAX_QUOTED + 40
    text.encode("utf-8")  # printable anywhere: escapes, never the raw characters


def test_a_quote_says_how_long_the_value_was() -> None:
    assert quoted("x" * 1_000_000).endswith("… (1,000,000 characters)")
    assert quoted("short") == "'short'"
    assert quoted("a\x00\ud800") == "'a\\x00\\ud800'"
    assert quoted(10**5000) == "a whole number of about 5,000 digits"


def test_text_that_cannot_be_stored_is_named() -> None:
    assert storable_text_problem("fine, café 🚀", "note") is None
    assert "NUL" in (storable_text_problem("a\x00", "note") or "")
    assert "position 3" in (storable_text_problem("ab\udfff", "note") or "")
    assert "lone surrogate" in (text_problem("\ud800", "a name") or "")


@pytest.mark.parametrize(("value", "message"), [
    (MAX_INT4 + 1, "at most 2,147,483,647"), (2**63, "at most"), (MIN_INT4 - 1, "or more"),
    (10**5000, "about 5,000 digits"), (1.0, "whole number"), (True, "whole number"),
], ids=["int4+1", "2**63", "int4-1", "10**5000", "float", "bool"])
def test_whole_numbers_stay_in_the_int4_range(value: object, message: str) -> None:
    with pytest.raises(InvalidInputError, match=message) as error:
        checks.whole_number(value, "response_time")
    assert error.value.field == "response_time"
    assert checks.whole_number(MAX_INT4, "response_time") == MAX_INT4
    assert checks.whole_number(MIN_INT4, "delta") == MIN_INT4


@pytest.mark.parametrize(("categories", "difficulty", "seed", "field"), [
    ("technical", "mixed", None, "categories"), ({"technical": 1}, "mixed", None, "categories"),
    (["trivia"], "mixed", None, "categories"), (frozenset(), "mixed", None, "categories"),
    (None, "brutal", None, "difficulty"), (None, None, None, "difficulty"),
    (None, "easy", "7", "seed"), (None, "easy", 1.5, "seed"), (None, "easy", False, "seed"),
])
def test_an_interviews_choices_are_checked(categories: object, difficulty: object, seed: object,
                                           field: str) -> None:
    with pytest.raises(InvalidInputError) as error:
        checks.question_choices(categories, difficulty, seed)
    assert error.value.field == field
    checks.question_choices(frozenset({"technical"}), "hard", 2**80)
    checks.question_choices(["behavioral"], "mixed", None)


def test_a_value_that_is_not_text_is_told_so() -> None:
    with pytest.raises(InvalidInputError, match=re.escape("must be text, not {'a': 1}")) as error:
        checks.required_text({"a": 1}, "name", "name")
    assert error.value.field == "name"
    with pytest.raises(InvalidInputError, match="must be text") as error:
        checks.email(["a@b.co"])
    assert error.value.field == "email"
