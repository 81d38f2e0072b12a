"""The first-minute refund: an interview stopped within its first minute of running time with no
answer gets its credit back as a `refund` row in the ledger; credits_used keeps the spec's
formula. Anything longer, or with an answer, is not refunded; nothing is refunded twice."""

from __future__ import annotations

from mockmate_tui.core.clock import FakeClock
from mockmate_tui.service import MockMate
from mockmate_tui.service.refunds import refund_if_unused
from tests.tui.conftest import seed_session, seed_user


def refunds(service: MockMate, user_id: str) -> list[tuple[str | None, int]]:
    return [(entry.session_id, entry.delta) for entry in service.credit_history(user_id)
            if entry.reason == "refund"]


def test_stopped_in_the_first_minute_with_no_answer_is_refunded(
        service: MockMate, clock: FakeClock) -> None:
    user_id = seed_user(service)
    session_id = seed_session(service, user_id)
    engine = service.interviews
    engine.start(session_id)
    assert service.get_user(user_id).credit_balance == 9
    clock.advance(59)
    engine.stop(session_id)
    assert refunds(service, user_id) == [(session_id, 1)]
    assert service.get_user(user_id).credit_balance == 10
    assert service.get_session(session_id).credits_used == 1  # the spec's formula, unchanged
    assert refund_if_unused(service, session_id) == 0  # never twice
    assert service.get_user(user_id).credit_balance == 10


def test_a_minute_or_an_answer_is_not_refunded(service: MockMate, clock: FakeClock) -> None:
    user_id = seed_user(service)
    engine = service.interviews
    long_one = seed_session(service, user_id, name="A minute")
    engine.start(long_one)
    clock.advance(60)
    engine.stop(long_one)
    answered = seed_session(service, user_id, name="Answered")
    engine.start(answered)
    clock.advance(20)
    engine.submit(answered, "I lead a team of four building Python services.")
    engine.stop(answered)
    assert refunds(service, user_id) == []
    assert service.get_user(user_id).credit_balance == 8
