"""Credits that add up: balances, the append-only ledger, idempotent charges, and an hour the
balance cannot cover is never billed."""

from __future__ import annotations

import contextlib
import multiprocessing
import uuid
from typing import Any

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mockmate_tui.core.clock import FakeClock
from mockmate_tui.core.credits import credits_for
from mockmate_tui.db import repo
from mockmate_tui.errors import InsufficientCreditsError, TimerStateError
from mockmate_tui.models import Session, User
from mockmate_tui.service import MockMate


def new_session(service: MockMate, credits: int | None = None) -> tuple[User, Session]:
    user = service.create_user("Ada", f"ada-{uuid.uuid4().hex[:10]}@example.com")
    if credits is not None:
        spend = user.credit_balance - credits
        assert spend >= 0
        _drain(service, user, spend)
    session = service.create_session(user.id, "Mock", "Backend engineer", "")
    return service.get_user(user.id), session


def _drain(service: MockMate, user: User, credits: int) -> None:
    """Spend credits the honest way: on short interviews."""
    for _ in range(credits):
        throwaway = service.create_session(user.id, "warm-up", "Dev", "")
        service.start_interview_timer(throwaway.id)
        service.stop_interview_timer(throwaway.id)


def assert_books_balance(database_url: str, user_id: str, session_id: str) -> None:
    with psycopg.connect(database_url) as conn:
        balance, initial = conn.execute(
            "SELECT credit_balance, initial_credits FROM users WHERE id = %s", (user_id,)
        ).fetchone() or (None, None)
        ledger_sum = conn.execute(
            "SELECT coalesce(sum(delta), 0) FROM credit_ledger WHERE user_id = %s", (user_id,)
        ).fetchone()
        charges, distinct_hours = conn.execute(
            "SELECT count(*), count(DISTINCT (reason, coalesce(hour_index, 0))) "
            "FROM credit_ledger WHERE session_id = %s", (session_id,)
        ).fetchone() or (None, None)
        credits_used, billed = conn.execute(
            "SELECT credits_used, billed_seconds FROM session_overview WHERE id = %s",
            (session_id,),
        ).fetchone() or (None, None)
    assert ledger_sum is not None
    assert balance == initial + ledger_sum[0], "balance != starting value + ledger"
    assert charges == distinct_hours, "an hour was charged twice"
    assert credits_used == charges, "sessions.credits_used != the session's ledger charges"
    assert credits_used == credits_for(billed), "credits_used != the rule applied to billed time"


def test_a_new_user_starts_with_the_configured_balance(service: MockMate) -> None:
    user = service.create_user("Ada", "ada@example.com")
    assert user.credit_balance == service.settings.starting_credits == 10
    assert service.get_user(user.id).credit_balance == 10


def test_starting_charges_one_credit_in_the_ledger(service: MockMate, database_url: str) -> None:
    user, session = new_session(service)
    service.start_interview_timer(session.id)
    assert service.get_user(user.id).credit_balance == 9
    [entry] = service.credit_history(user.id)
    assert (entry.delta, entry.reason, entry.session_id) == (-1, "session_start", session.id)
    assert_books_balance(database_url, user.id, session.id)


def test_no_credit_no_start_and_nothing_written(service: MockMate, database_url: str) -> None:
    user, session = new_session(service, credits=0)
    history = service.credit_history(user.id)
    with pytest.raises(InsufficientCreditsError, match="no credits left"):
        service.start_interview_timer(session.id)
    assert service.get_session(session.id).status == "created"
    assert service.credit_history(user.id) == history
    service.add_credits(user.id, 1)
    assert service.start_interview_timer(session.id).is_running


def test_the_timer_pauses_itself_at_an_hour_it_cannot_pay_for(
    service: MockMate, clock: FakeClock, database_url: str
) -> None:
    user, session = new_session(service, credits=1)
    service.start_interview_timer(session.id)
    clock.advance(3600 + 8)  # the heartbeat comes a few seconds after the boundary
    service.heartbeat()
    state = service.get_timer_state(session.id)
    assert state.is_running is False
    assert (state.elapsed_seconds, state.credits_used) == (3599, 1)
    notice = service.timer_notice(session.id)
    assert notice is not None and "hour 2 needs 1 more credit" in notice
    assert service.get_user(user.id).credit_balance == 0
    assert_books_balance(database_url, user.id, session.id)

    with pytest.raises(InsufficientCreditsError, match="Add credits"):
        service.resume_interview_timer(session.id)
    service.add_credits(user.id, 2, "birthday")
    service.resume_interview_timer(session.id)
    assert service.timer_notice(session.id) is None
    clock.advance(5)
    service.heartbeat()
    assert service.get_user(user.id).credit_balance == 1
    final = service.stop_interview_timer(session.id)
    assert (final.elapsed_seconds, final.credits_used) == (3604, 2)
    assert_books_balance(database_url, user.id, session.id)


def test_stopping_past_an_unpaid_hour_bills_only_what_was_paid(
    service: MockMate, clock: FakeClock, database_url: str
) -> None:
    user, session = new_session(service, credits=1)
    service.start_interview_timer(session.id)
    clock.advance(2 * 3600)
    final = service.stop_interview_timer(session.id)
    assert (final.elapsed_seconds, final.credits_used) == (3599, 1)
    assert service.get_session(session.id).interview_duration == 59
    assert_books_balance(database_url, user.id, session.id)


def test_the_ledger_lists_top_ups_and_charges_in_order(service: MockMate, clock: FakeClock) -> None:
    user, session = new_session(service)
    service.add_credits(user.id, 5, "promo")
    service.start_interview_timer(session.id)
    clock.advance(2 * 3600 + 1)
    service.stop_interview_timer(session.id)
    entries = service.credit_history(user.id)
    assert [(e.reason, e.delta, e.hour_index) for e in entries] == [
        ("top_up", 5, None), ("session_start", -1, None), ("hour", -1, 2), ("hour", -1, 3),
    ]
    assert service.get_user(user.id).credit_balance == 10 + 5 - 3


_steps = st.lists(
    st.one_of(
        st.tuples(st.just("wait"), st.integers(0, 5400)),
        st.tuples(st.sampled_from(["pause", "resume", "heartbeat", "top_up"]), st.just(0)),
    ),
    min_size=1,
    max_size=25,
)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=_steps, starting=st.integers(1, 4))
def test_ledger_balance_and_formula_agree_through_any_sequence(
    service: MockMate, clock: FakeClock, database_url: str, steps: list[tuple[str, int]],
    starting: int,
) -> None:
    user, session = new_session(service, credits=starting)
    service.start_interview_timer(session.id)
    seen_running = 0
    for action, seconds in steps:
        if action == "wait":
            if service.get_timer_state(session.id).is_running:
                seen_running += seconds
            clock.advance(seconds)
        elif action == "top_up":
            service.add_credits(user.id, 1)
        elif action == "heartbeat":
            service.heartbeat()
        else:
            # Refusals (pausing a paused timer, resuming without credit) are part of the game.
            transition = (service.pause_interview_timer if action == "pause"
                          else service.resume_interview_timer)
            with contextlib.suppress(TimerStateError, InsufficientCreditsError):
                transition(session.id)
        assert_books_balance(database_url, user.id, session.id)
    final = service.stop_interview_timer(session.id)
    assert_books_balance(database_url, user.id, session.id)
    # Paused time is never billed: billing never exceeds the running time anyone saw.
    assert final.elapsed_seconds <= seen_running
    assert final.credits_used == credits_for(final.elapsed_seconds)


def _charge_hour_two(conninfo: str, user_id: str, session_id: str, barrier: Any) -> None:
    with psycopg.connect(conninfo) as conn, conn.transaction():
        barrier.wait(timeout=30)
        if repo.insert_ledger_entry(conn, uuid.UUID(user_id), uuid.UUID(session_id), -1, "hour",
                                    2, None, FakeClock().now()):
            repo.add_to_balance(conn, uuid.UUID(user_id), -1)


def test_two_processes_racing_to_charge_the_same_hour_charge_once(
    service: MockMate, database_url: str
) -> None:
    user, session = new_session(service)
    service.start_interview_timer(session.id)
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    racers = [
        context.Process(target=_charge_hour_two,
                        args=(database_url, user.id, session.id, barrier))
        for _ in range(2)
    ]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join(60)
        assert racer.exitcode == 0
    hours = [e.hour_index for e in service.credit_history(user.id) if e.reason == "hour"]
    assert hours == [2]
    assert service.get_user(user.id).credit_balance == 10 - 2
