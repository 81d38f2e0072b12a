"""The timer through the service, on real PostgreSQL, including the faults of the published
implementation of this design that MockMate must not have (issue: section 7)."""

from __future__ import annotations

from dataclasses import replace

import psycopg
import pytest

from mockmate_tui.config import Settings
from mockmate_tui.core.clock import FakeClock
from mockmate_tui.errors import TimerStateError
from mockmate_tui.models import Session, User
from mockmate_tui.service import MockMate


@pytest.fixture
def user(service: MockMate) -> User:
    return service.create_user("Ada Lovelace", "ada@example.com")


@pytest.fixture
def session(service: MockMate, user: User) -> Session:
    return service.create_session(user.id, "Mock #1", "Backend engineer", "Python and SQL")


def stored_billed_seconds(service: MockMate, session_id: str) -> int:
    return service.get_session(session_id).billed_seconds


def test_a_sync_during_a_pause_does_not_shrink_the_pause(
    service: MockMate, session: Session, clock: FakeClock
) -> None:
    service.start_interview_timer(session.id)
    clock.advance(60)
    service.pause_interview_timer(session.id)
    clock.advance(100)
    service.heartbeat()
    clock.advance(100)
    assert service.get_timer_state(session.id).paused_duration == 200
    service.resume_interview_timer(session.id)
    assert service.get_timer_state(session.id).paused_duration == 200
    assert service.get_session(session.id).paused_seconds == 200


def test_elapsed_time_stands_still_while_paused(
    service: MockMate, session: Session, clock: FakeClock
) -> None:
    service.start_interview_timer(session.id)
    clock.advance(90)
    paused = service.pause_interview_timer(session.id)
    clock.advance(3 * 3600)
    service.heartbeat()
    state = service.get_timer_state(session.id)
    assert paused.elapsed_seconds == state.elapsed_seconds == 90
    assert state.is_running is False
    assert state.credits_used == 1


def test_stop_reports_the_real_elapsed_time_and_credits(
    service: MockMate, session: Session, clock: FakeClock
) -> None:
    service.start_interview_timer(session.id)
    clock.advance(2 * 3600 + 300)
    final = service.stop_interview_timer(session.id)
    assert final.elapsed_seconds == 7500
    assert final.elapsed_minutes == 125
    assert final.credits_used == 3
    assert final.is_running is False
    stored = service.get_session(session.id)
    assert (stored.status, stored.interview_duration, stored.credits_used) == ("completed", 125, 3)
    assert stored.ended_at == clock.now()


def test_the_final_sync_is_never_skipped(
    service: MockMate, session: Session, clock: FakeClock
) -> None:
    service.start_interview_timer(session.id)
    clock.advance(600)
    service.heartbeat()
    clock.advance(61)  # the last sync was only a minute ago
    service.stop_interview_timer(session.id)
    assert stored_billed_seconds(service, session.id) == 661
    assert service.get_session(session.id).interview_duration == 11


def test_at_exactly_sixty_minutes_breakdown_and_formula_agree(
    service: MockMate, session: Session, clock: FakeClock
) -> None:
    service.start_interview_timer(session.id)
    clock.advance(3600)
    usage = service.get_credit_usage(session.id)
    assert usage.credits_used == 2
    assert sum(block.credits for block in usage.cost_breakdown) == 2
    service.heartbeat()
    assert service.get_session(session.id).credits_used == 2


def test_the_session_duration_excludes_pauses(
    service: MockMate, session: Session, clock: FakeClock
) -> None:
    service.start_interview_timer(session.id)
    clock.advance(30 * 60)
    service.pause_interview_timer(session.id)
    clock.advance(45 * 60)
    service.resume_interview_timer(session.id)
    clock.advance(40 * 60)
    final = service.stop_interview_timer(session.id)
    stored = service.get_session(session.id)
    assert final.elapsed_minutes == stored.interview_duration == 70
    assert stored.paused_seconds == 45 * 60
    assert final.paused_duration == 45 * 60


def test_every_transition_reaches_the_database(
    service: MockMate, session: Session, clock: FakeClock
) -> None:
    service.start_interview_timer(session.id)
    assert service.get_session(session.id).status == "active"
    clock.advance(42)
    service.pause_interview_timer(session.id)
    stored = service.get_session(session.id)
    assert (stored.status, stored.billed_seconds) == ("paused", 42)
    service.resume_interview_timer(session.id)
    assert service.get_session(session.id).status == "active"


def test_the_heartbeat_saves_a_running_timer(
    service: MockMate, session: Session, clock: FakeClock
) -> None:
    service.start_interview_timer(session.id)
    clock.advance(9)
    service.heartbeat()
    assert stored_billed_seconds(service, session.id) == 9


def test_the_heartbeat_thread_saves_without_any_caller(
    database_url: str, settings: Settings, clock: FakeClock
) -> None:
    fast = replace(settings, heartbeat_seconds=0.05)
    with MockMate.open(database_url, clock, settings=fast) as service:
        user = service.create_user("Grace", "grace@example.com")
        session = service.create_session(user.id, "s", "SRE", "")
        service.start_interview_timer(session.id)
        clock.advance(7)
        deadline = 200
        while stored_billed_seconds(service, session.id) != 7 and deadline:
            import time

            time.sleep(0.02)  # waiting for another thread, not measuring time
            deadline -= 1
        assert stored_billed_seconds(service, session.id) == 7


def test_a_crashed_session_is_billed_only_up_to_its_last_heartbeat(
    database_url: str, settings: Settings, clock: FakeClock
) -> None:
    crashed = MockMate.open(database_url, clock, settings=settings, heartbeat=False)
    user = crashed.create_user("Linus", "linus@example.com")
    session = crashed.create_session(user.id, "s", "Kernel dev", "")
    crashed.start_interview_timer(session.id)
    clock.advance(25)
    crashed.heartbeat()
    clock.advance(5)  # never saved: the process dies here
    clock.advance(settings.heartbeat_seconds * 10)
    with MockMate.open(database_url, clock, settings=settings, heartbeat=False) as survivor:
        state = survivor.get_timer_state(session.id)
        assert state.elapsed_seconds == 25
        assert state.is_running is False
        assert survivor.get_session(session.id).status == "paused"
        survivor.resume_interview_timer(session.id)
        clock.advance(10)
        assert survivor.stop_interview_timer(session.id).elapsed_seconds == 35
    # The dead process's timer cannot overwrite what the survivor recorded.
    with pytest.raises(TimerStateError):
        crashed.pause_interview_timer(session.id)
    crashed.close()
    with psycopg.connect(database_url) as conn:
        row = conn.execute("SELECT count(*) FROM timer_intervals WHERE ended_at IS NULL")
        assert row.fetchone() == (0,)


def test_a_session_running_in_another_live_window_is_not_taken_over(
    database_url: str, settings: Settings, clock: FakeClock, service: MockMate
) -> None:
    user = service.create_user("Ken", "ken@example.com")
    session = service.create_session(user.id, "s", "Dev", "")
    service.start_interview_timer(session.id)
    with MockMate.open(database_url, clock, settings=settings, heartbeat=False) as other:
        with pytest.raises(TimerStateError, match="another MockMate window"):
            other.pause_interview_timer(session.id)
        assert other.get_timer_state(session.id).is_running is True


def test_closing_mockmate_pauses_its_running_timers(
    database_url: str, settings: Settings, clock: FakeClock
) -> None:
    with MockMate.open(database_url, clock, settings=settings, heartbeat=False) as first:
        user = first.create_user("Barbara", "barbara@example.com")
        session = first.create_session(user.id, "s", "Dev", "")
        first.start_interview_timer(session.id)
        clock.advance(120)
    clock.advance(600)
    with MockMate.open(database_url, clock, settings=settings, heartbeat=False) as second:
        state = second.get_timer_state(session.id)
        assert (state.elapsed_seconds, state.is_running, state.paused_duration) == (120, False, 600)
        resumed = second.resume_interview_timer(session.id)
        assert resumed.is_running


def test_finalize_session_duration_confirms_the_measured_minutes(
    service: MockMate, session: Session, clock: FakeClock
) -> None:
    service.start_interview_timer(session.id)
    clock.advance(42 * 60 + 30)
    with pytest.raises(TimerStateError, match="Stop the interview timer"):
        service.finalize_session_duration(session.id, 42)
    service.stop_interview_timer(session.id)
    message = service.finalize_session_duration(session.id, 42)
    assert "42 minute" in message
    from mockmate_tui.errors import InvalidInputError

    with pytest.raises(InvalidInputError, match="measured 42"):
        service.finalize_session_duration(session.id, 90)
    assert service.get_session(session.id).interview_duration == 42
