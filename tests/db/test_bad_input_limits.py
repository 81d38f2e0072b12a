"""The bad input the fuzz (test_fuzz_inputs.py) found, one explicit case each: lone surrogates
and NUL in text, numbers past PostgreSQL's integer, notes that are not text, megabyte ids. Each
is refused with an InvalidInputError naming its field, a message of at most 500 characters, and
nothing written (issue "Nothing lost, nobody billed wrongly": bad input)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mockmate_tui.config import Settings, load_settings
from mockmate_tui.core.clock import FakeClock
from mockmate_tui.errors import InvalidInputError
from mockmate_tui.models import MAX_INT4, Session
from mockmate_tui.service import MockMate
from tests.db.test_bad_input import row_counts

SURROGATE = "caf\udce9"  # what a Latin-1 byte decoded with errors="surrogateescape" becomes
MEGA_ID = "x" * 1_000_047


@pytest.fixture
def world(service: MockMate) -> tuple[Session, Session, str]:
    """A planned interview that is running (with its question on screen), and a plain session
    with one question."""
    user = service.create_user("Ada", "ada@example.com")
    running = service.interviews.plan(user.id, "Mock", "Backend engineer", count=2, seed=1)
    service.interviews.start(running.id)
    plain = service.create_session(user.id, "Plain", "Designer")
    question = service.save_interview_question(plain.id, 1, "Why design?", "introduction",
                                               "easy", 2)
    return running, plain, question


Call = Callable[[MockMate, Session, Session, str], Any]

CASES: list[tuple[str, str, Call]] = [
    # Lone surrogates: a raw UnicodeEncodeError from psycopg before.
    ("name", "surrogate", lambda m, r, p, q: m.create_user(SURROGATE, "b@example.com")),
    ("email", "surrogate", lambda m, r, p, q: m.create_user("Bob", f"{SURROGATE}@example.com")),
    ("session_name", "surrogate", lambda m, r, p, q: m.create_session(p.user_id, SURROGATE, "D")),
    ("job_title", "surrogate", lambda m, r, p, q: m.create_session(p.user_id, "M", SURROGATE)),
    ("job_description", "surrogate",
     lambda m, r, p, q: m.interviews.plan(p.user_id, "M", "Dev", SURROGATE)),
    ("question_text", "surrogate",
     lambda m, r, p, q: m.save_interview_question(p.id, 2, SURROGATE, "technical", "easy", 1)),
    ("answer_text", "surrogate", lambda m, r, p, q: m.save_interview_answer(p.id, q, SURROGATE, 1)),
    ("ai_feedback", "surrogate",
     lambda m, r, p, q: m.save_interview_answer(p.id, q, "A", 1, SURROGATE)),
    ("note", "surrogate", lambda m, r, p, q: m.add_credits(p.user_id, 1, SURROGATE)),
    ("answer_text", "surrogate", lambda m, r, p, q: m.interviews.submit(r.id, SURROGATE)),
    ("answer_text", "surrogate", lambda m, r, p, q: m.interviews.save_draft(r.id, SURROGATE)),
    ("answer_text", "surrogate", lambda m, r, p, q: m.interviews.pause(r.id, SURROGATE)),
    # NUL: a raw DataError before.
    ("job_description", "NUL", lambda m, r, p, q: m.create_session(p.user_id, "M", "D", "\x00")),
    ("job_description", "NUL",
     lambda m, r, p, q: m.interviews.plan(p.user_id, "M", "Dev", " \x00 ")),
    ("note", "NUL", lambda m, r, p, q: m.add_credits(p.user_id, 1, "\x00")),
    # Numbers past int4: a raw NumericValueOutOfRange before.
    ("question_number", "at most 2,147,483,647",
     lambda m, r, p, q: m.save_interview_question(p.id, 2**63, "Why?", "technical", "easy", 1)),
    ("expected_duration", "at most 2,147,483,647",
     lambda m, r, p, q: m.save_interview_question(p.id, 2, "Why?", "technical", "easy", 10**12)),
    ("response_time", "at most 2,147,483,647",
     lambda m, r, p, q: m.save_interview_answer(p.id, q, "A", 2**31)),
    ("sessions", "at most 2,147,483,647",
     lambda m, r, p, q: m.recent_question_texts(p.user_id, 2**63)),
    ("total_minutes", "at most 2,147,483,647",
     lambda m, r, p, q: m.finalize_session_duration(p.id, 2**63)),
    ("response_time", "digits",  # too long even to print: a raw ValueError before
     lambda m, r, p, q: m.save_interview_answer(p.id, q, "A", 10**5000)),
    # Notes that are not text: a raw ProgrammingError before.
    ("note", "must be text", lambda m, r, p, q: m.add_credits(p.user_id, 1, {"a": 1})),
    ("note", "must be text", lambda m, r, p, q: m.add_credits(p.user_id, 1, ["a"])),
    # Ids of a megabyte: quoted whole (1,000,047 characters) before.
    ("user_id", "(1,000,047 characters)", lambda m, r, p, q: m.get_user(MEGA_ID)),
    ("session_id", "(1,000,047 characters)", lambda m, r, p, q: m.interviews.progress(MEGA_ID)),
    ("session_id", "not a valid session id",
     lambda m, r, p, q: m.get_session(" " * 1_000_000 + p.id)),
    ("question_id", "(1,000,047 characters)",
     lambda m, r, p, q: m.save_interview_answer(p.id, MEGA_ID, "A", 1)),
    ("category", "(1,000,047 characters)",
     lambda m, r, p, q: m.save_interview_question(p.id, 2, "Q", MEGA_ID, "easy", 1)),
    # The engine's own parameters: a raw TypeError before.
    ("session_id", "not a valid session id", lambda m, r, p, q: m.interviews.seconds_on_question(
        {"a": 1})),  # type: ignore[arg-type]
    ("seed", "whole number", lambda m, r, p, q: m.interviews.plan(p.user_id, "M", "D", seed=[1])),
    ("seed", "whole number", lambda m, r, p, q: m.interviews.plan(p.user_id, "M", "D", seed="1")),
    ("categories", "some of",
     lambda m, r, p, q: m.interviews.plan(p.user_id, "M", "D", categories="technical")),
    ("difficulty", "(1,000,047 characters)",
     lambda m, r, p, q: m.interviews.plan(p.user_id, "M", "D", difficulty=MEGA_ID)),
]


@pytest.mark.parametrize(("field", "message", "call"), CASES,
                         ids=[f"{case[0]}-{case[1]}-{n}" for n, case in enumerate(CASES)])
def test_refused_naming_the_field_briefly_and_writing_nothing(
    service: MockMate, world: tuple[Session, Session, str], database_url: str,
    field: str, message: str, call: Call,
) -> None:
    running, plain, question = world
    before = row_counts(database_url)
    with pytest.raises(InvalidInputError) as error:
        call(service, running, plain, question)
    assert error.value.field == field
    assert message in str(error.value)
    assert len(str(error.value)) <= 500
    assert row_counts(database_url) == before


def test_a_surrogate_is_named_with_its_position(service: MockMate) -> None:
    with pytest.raises(InvalidInputError, match=r"invalid character \('\\udce9' at position 4"):
        service.create_user(SURROGATE, "b@example.com")


def test_the_largest_stored_number_is_still_accepted(
    service: MockMate, world: tuple[Session, Session, str]
) -> None:
    _, plain, question = world
    service.save_interview_question(plain.id, MAX_INT4, "Why?", "technical", "easy", MAX_INT4)
    service.save_interview_answer(plain.id, question, "A", MAX_INT4)
    assert service.recent_question_texts(plain.user_id, MAX_INT4)


def test_a_top_up_past_the_largest_balance_is_refused(
    database_url: str, clock: FakeClock, tmp_path: Path
) -> None:
    settings = Settings(data_dir=tmp_path, database_url=None, starting_credits=MAX_INT4 - 5)
    with MockMate.open(database_url, clock, settings=settings, heartbeat=False) as service:
        user = service.create_user("Rich", "rich@example.com")
        before = row_counts(database_url)
        with pytest.raises(InvalidInputError, match="would pass the most") as error:
            service.add_credits(user.id, 10)
        assert error.value.field == "credits"
        assert row_counts(database_url) == before
        assert service.add_credits(user.id, 5).credit_balance == MAX_INT4


def test_starting_credits_past_the_balance_column_are_a_setting_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("MOCKMATE_CONFIG_FILE", str(tmp_path / "absent.toml"))
    monkeypatch.setenv("MOCKMATE_STARTING_CREDITS", str(2**40))
    with pytest.raises(InvalidInputError, match="MOCKMATE_STARTING_CREDITS"):
        load_settings()
    monkeypatch.setenv("MOCKMATE_STARTING_CREDITS", str(MAX_INT4))
    assert load_settings().starting_credits == MAX_INT4


def test_a_question_saved_by_the_design_commands_keeps_its_number_and_the_plan_moves_on(
    service: MockMate,
) -> None:
    """Mixing the design's commands with the engine on one session: the saved question keeps
    number 1, the plan's questions follow it, and starting works (one credit, no refusal)."""
    user = service.create_user("Ada", "ada@example.com")
    session = service.interviews.plan(user.id, "Mock", "Backend engineer", count=2, seed=1)
    service.save_interview_question(session.id, 1, "Why?", "technical", "easy", 1)
    progress = service.interviews.start(session.id)
    assert progress.current is not None and progress.current.number == 2
    assert progress.balance == 9
    numbers = [q.question_number for q in service.get_session_questions(session.id)]
    assert numbers == [1, 2]
