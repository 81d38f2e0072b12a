"""Input checks for the service's commands: each returns the value to store or raises
InvalidInputError naming the field at fault, before anything is written.

The rules themselves (lengths, the email pattern, the top-up range) are stated once, beside the
models; these functions apply them and word the result for a caller of the API.
"""

from __future__ import annotations

from collections.abc import Collection
from uuid import UUID

from mockmate_tui.errors import InvalidInputError
from mockmate_tui.models import MAX_NAME_LENGTH, email_problem, text_problem, top_up_problem


def parse_id(value: object, field: str) -> UUID:
    """A UUID given as text (or as a UUID); `field` is "user_id", "session_id"..."""
    if isinstance(value, UUID):
        return value
    if isinstance(value, str):
        try:
            return UUID(value.strip())
        except ValueError:
            pass
    what = field.removesuffix("_id")
    raise InvalidInputError(f"{value!r} is not a valid {what} id (expected a UUID).", field=field)


def required_text(value: object, field: str, what: str,
                  max_length: int | None = MAX_NAME_LENGTH) -> str:
    """A non-blank text, without its surrounding spaces. `what` names it in the message."""
    if _is_blank(value):
        # text_problem words this as a form's prompt ("Enter ..."); an API caller is told.
        raise InvalidInputError(f"The {what} cannot be empty.", field=field)
    _raise_if_problem(text_problem(value, what, max_length), field)
    assert isinstance(value, str)
    return value.strip()


def free_text(value: object, field: str, what: str) -> str:
    """Text stored exactly as given, which may be empty or long (an answer, a description)."""
    if not isinstance(value, str):
        raise InvalidInputError(f"The {what} must be text.", field=field)
    if not _is_blank(value):
        _raise_if_problem(text_problem(value, what, max_length=None), field)
    return value


def optional_text(value: object, field: str, what: str) -> str | None:
    return None if value is None else free_text(value, field, what)


def email(value: object) -> str:
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
                 minimum: int | None = None, maximum: int | None = None) -> int:
    """An int (not a bool) within the bounds given. `what` names it in the message (the
    field's name by default)."""
    what = what or field
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidInputError(f"{what} must be a whole number, not {value!r}.", field=field)
    too_low = minimum is not None and value < minimum
    too_high = maximum is not None and value > maximum
    if too_low or too_high:
        bound = (f"between {minimum} and {maximum}" if minimum is not None and maximum is not None
                 else f"{minimum} or more" if minimum is not None else f"{maximum} or less")
        raise InvalidInputError(f"{what} must be {bound}; got {value}.", field=field)
    return value


def one_of(value: object, choices: Collection[str], field: str, what: str) -> str:
    """One of a fixed set of words (a category, a difficulty)."""
    if not isinstance(value, str) or value not in choices:
        raise InvalidInputError(
            f"Unknown {what} {value!r}; choose one of {', '.join(choices)}.", field=field
        )
    return value


def _is_blank(value: object) -> bool:
    return not isinstance(value, str) or not value.strip()


def _raise_if_problem(problem: str | None, field: str) -> None:
    if problem is not None:
        raise InvalidInputError(problem, field=field)
