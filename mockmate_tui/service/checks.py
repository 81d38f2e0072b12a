"""Input checks for the service's commands: each returns the value to store or raises
InvalidInputError naming the field at fault, before anything is written.

The rules themselves (lengths, the email pattern, the top-up range, the int4 range of every
stored number, what text PostgreSQL can store) are stated once, in records.py; these
functions apply them and word the result for a caller of the API. A message quotes a bad value
only as a short excerpt (records.quoted), however large the value.
"""

from __future__ import annotations

from collections.abc import Collection
from uuid import UUID

from mockmate_tui.errors import InvalidInputError
from mockmate_tui.records import (
    CATEGORIES,
    DIFFICULTIES,
    MAX_ID_LENGTH,
    MAX_INT4,
    MAX_NAME_LENGTH,
    MIN_INT4,
    email_problem,
    quoted,
    storable_text_problem,
    text_problem,
    top_up_problem,
)


def parse_id(value: object, field: str) -> UUID:
    """A UUID given as text (or as a UUID); `field` is "user_id", "session_id"..."""
    if isinstance(value, UUID):
        return value
    # Length first: the messages that name an unknown id quote it as given.
    if isinstance(value, str) and len(value) <= MAX_ID_LENGTH:
        try:
            return UUID(value.strip())
        except ValueError:
            pass
    what = field.removesuffix("_id")
    raise InvalidInputError(f"{quoted(value)} is not a valid {what} id (expected a UUID).",
                            field=field)


def required_text(value: object, field: str, what: str,
                  max_length: int | None = MAX_NAME_LENGTH) -> str:
    """A non-blank text, without its surrounding spaces. `what` names it in the message."""
    _refuse_non_text(value, field, what)
    if _is_blank(value):
        # text_problem words this as a form's prompt ("Enter ..."); an API caller is told.
        raise InvalidInputError(f"The {what} cannot be empty.", field=field)
    _raise_if_problem(text_problem(value, what, max_length), field)
    assert isinstance(value, str)
    return value.strip()


def optional_name(value: object, field: str, what: str,
                  max_length: int | None = MAX_NAME_LENGTH) -> str | None:
    """A one-line text that may be left out: None when it is (None, or only spaces), else
    checked as `required_text` checks one and without its surrounding spaces."""
    if value is None:
        return None
    _refuse_non_text(value, field, what)
    if _is_blank(value):
        return None
    return required_text(value, field, what, max_length)


def free_text(value: object, field: str, what: str) -> str:
    """Text stored exactly as given, which may be empty or long (an answer, a description)."""
    _refuse_non_text(value, field, what)
    assert isinstance(value, str)
    _raise_if_problem(storable_text_problem(value, what), field)
    return value


def optional_text(value: object, field: str, what: str) -> str | None:
    return None if value is None else free_text(value, field, what)


def email(value: object) -> str:
    _refuse_non_text(value, "email", "email address")
    if _is_blank(value):
        raise InvalidInputError("The email address cannot be empty.", field="email")
    _raise_if_problem(email_problem(value), "email")
    assert isinstance(value, str)
    return value.strip()


def top_up(value: object) -> int:
    """A number of credits one top-up may add."""
    _raise_if_problem(top_up_problem(value), "credits")
    assert isinstance(value, int)
    return value


def whole_number(value: object, field: str, *, what: str | None = None,
                 minimum: int = MIN_INT4, maximum: int = MAX_INT4) -> int:
    """An int (not a bool) within the bounds given. `what` names it in the message (the
    field's name by default). The bounds default to the int4 range every stored number has,
    so a number the database would refuse is refused here, naming its field."""
    what = what or field
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidInputError(f"{what} must be a whole number, not {quoted(value)}.",
                                field=field)
    if minimum <= value <= maximum:
        return value
    if maximum == MAX_INT4 and value > maximum:
        bound = f"at most {MAX_INT4:,} (the largest number MockMate stores)"
    elif maximum == MAX_INT4:
        bound = f"{minimum} or more"
    else:
        bound = f"between {minimum} and {maximum}"
    raise InvalidInputError(f"{what} must be {bound}; got {quoted(value)}.", field=field)


def one_of(value: object, choices: Collection[str], field: str, what: str) -> str:
    """One of a fixed set of words (a category, a difficulty)."""
    if not isinstance(value, str) or value not in choices:
        raise InvalidInputError(
            f"Unknown {what} {quoted(value)}; choose one of {', '.join(choices)}.", field=field
        )
    return value


def question_choices(categories: object, difficulty: object, seed: object,
                     follow_ups: object = True) -> None:
    """What a new interview's questions are chosen by: a non-empty collection of categories
    (None: the usual mix), a difficulty or "mixed", an int seed (None: random), and whether
    answers that leave a key point out bring follow-ups (True or False)."""
    if not isinstance(follow_ups, bool):
        raise InvalidInputError(f"follow_ups must be True or False, not {quoted(follow_ups)}.",
                                field="follow_ups")
    if categories is not None:
        if (not isinstance(categories, set | frozenset | list | tuple)
                or not all(isinstance(c, str) and c in CATEGORIES for c in categories)):
            raise InvalidInputError(
                f"The categories must be some of {', '.join(CATEGORIES)}; got "
                f"{quoted(categories)}.", field="categories")
        if not categories:
            raise InvalidInputError(f"Choose at least one category: {', '.join(CATEGORIES)}.",
                                    field="categories")
    one_of(difficulty, (*DIFFICULTIES, "mixed"), "difficulty", "difficulty")
    if seed is not None and (not isinstance(seed, int) or isinstance(seed, bool)):
        raise InvalidInputError(f"The seed must be a whole number or None, not {quoted(seed)}.",
                                field="seed")


def answer_delivery(mode: object, delivery: object) -> None:
    """How an answer was given: "typed" or "spoken", and a delivery measured the same way."""
    one_of(mode, ("typed", "spoken"), "mode", "answer mode")
    if delivery is None:
        return
    from mockmate_tui.models import Delivery  # pydantic's: with an answer, never at rest

    if not isinstance(delivery, Delivery):
        raise InvalidInputError(f"The delivery must be measured, not {quoted(delivery)}.",
                                field="delivery")
    if delivery.mode != mode:
        raise InvalidInputError(f"A {mode} answer cannot carry a {delivery.mode} delivery.",
                                field="delivery")


def top_up_fits(balance: int, credits: int) -> None:
    """A top-up may not take a balance past what the database can hold."""
    if balance + credits > MAX_INT4:
        raise InvalidInputError(
            f"A balance of {balance:,} plus {credits:,} credits would pass the most MockMate "
            f"can hold ({MAX_INT4:,}); nothing was added.", field="credits")


def _refuse_non_text(value: object, field: str, what: str) -> None:
    if not isinstance(value, str):
        raise InvalidInputError(f"The {what} must be text, not {quoted(value)}.", field=field)


def _is_blank(value: object) -> bool:
    return not isinstance(value, str) or not value.strip()


def _raise_if_problem(problem: str | None, field: str) -> None:
    if problem is not None:
        raise InvalidInputError(problem, field=field)
