"""Two MockMate windows on one database: a stale window never reopens or misbills a session, a
session running elsewhere is refused in one clear line saying since when, and a window whose
process died is taken over at once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta

import psycopg
import pytest

from mockmate_tui.config import Settings
from mockmate_tui.core.clock import FakeClock
from mockmate_tui.errors import TimerStateError
from mockmate_tui.models import Session
from mockmate_tui.service import MockMate
from tests.support.database import billed_seconds


@pytest.fixture
def window_b(database_url: str, clock: FakeClock, settings: Settings,
             service: MockMate) -> Iterator[MockMate]:
    """A second window (`service` is window A) on the same database and clock."""
    with MockMate.open(database_url, clock, settings=settings, heartbeat=False) as other:
        yield other


@pytest.fixture
def session(service: MockMate) -> Session:
    user = service.create_user("Ada", "ada@example.com")
    return service.create_session(user.id, "Mock", "Backend engineer")


def local(clock: FakeClock, seconds_ago: float) -> str:
    """A moment as MockMate's messages show it: local time."""
    return f"{(clock.now() - timedelta(seconds=seconds_ago)).astimezone():%H:%M:%S}"


def one_line(error: pytest.ExceptionInfo[TimerStateError]) -> str:
    message = str(error.value)
    assert "\n" not in message and "duplicate key" not in message
    return message


# -- a stale window -------------------------------------------------------------------------

def test_a_window_whose_paused_timer_went_stale_resumes_from_what_is_stored(
    service: MockMate, window_b: MockMate, session: Session, clock: FakeClock,
    database_url: str,
) -> None:
    service.start_interview_timer(session.id)
    clock.advance(10)
    service.pause_interview_timer(session.id)
    window_b.resume_interview_timer(session.id)  # B runs it for ten minutes, then pauses
    clock.advance(600)
    window_b.pause_interview_timer(session.id)

    resumed = service.resume_interview_timer(session.id)  # F5 in A, which still shows 10 s
    clock.advance(30)
    final = service.stop_interview_timer(session.id)

    assert resumed.elapsed_seconds == 610
    assert final.elapsed_seconds == 640
    assert billed_seconds(database_url, session.id) == 640
    stored = service.get_session(session.id)
    assert (stored.status, stored.billed_seconds, stored.interview_duration) == (
        "completed", 640, 10)


def test_a_session_completed_in_another_window_is_never_reopened(
    service: MockMate, window_b: MockMate, session: Session, clock: FakeClock,
    database_url: str,
) -> None:
    service.start_interview_timer(session.id)
    clock.advance(10)
    service.pause_interview_timer(session.id)
    clock.advance(3)
    window_b.resume_interview_timer(session.id)
    clock.advance(5.6)
    report = window_b.stop_interview_timer(session.id)
    ended = window_b.get_session(session.id).ended_at
    stopped_at = local(clock, 0)
    clock.advance(2)

    # A's next heartbeat brings its paused timer up to date: A shows what B finished.
    service.heartbeat()
    assert service.get_timer_state(session.id) == window_b.get_timer_state(session.id)
    assert service.get_timer_state(session.id).elapsed_seconds == report.elapsed_seconds == 15

    with pytest.raises(TimerStateError) as resumed:  # F5 in A
        service.resume_interview_timer(session.id)
    assert f"already completed (at {stopped_at})" in one_line(resumed)
    with pytest.raises(TimerStateError):
        service.stop_interview_timer(session.id)
    assert not service.runs_timer(session.id)
    stored = service.get_session(session.id)
    assert (stored.status, stored.ended_at) == ("completed", ended)
    assert billed_seconds(database_url, session.id) == pytest.approx(15.6)


# -- two live windows -----------------------------------------------------------------------

def test_resuming_a_session_another_window_runs_says_since_when_in_one_line(
    service: MockMate, window_b: MockMate, session: Session, clock: FakeClock,
) -> None:
    service.start_interview_timer(session.id)
    clock.advance(60)
    service.pause_interview_timer(session.id)
    clock.advance(13)
    window_b.resume_interview_timer(session.id)
    clock.advance(20)

    with pytest.raises(TimerStateError) as refused:
        service.resume_interview_timer(session.id)

    message = one_line(refused)
    assert f"another MockMate window since {local(clock, 20)}" in message
    assert f"process {os.getpid()}" in message
    assert window_b.runs_timer(session.id)
    assert not service.runs_timer(session.id)


def test_an_interval_opened_outside_the_checks_is_refused_not_a_raw_unique_violation(
    service: MockMate, session: Session, clock: FakeClock, database_url: str,
) -> None:
    """A paused session whose open interval was written by a MockMate without these checks:
    the insert meets timer_intervals_one_open."""
    service.start_interview_timer(session.id)
    clock.advance(30)
    service.pause_interview_timer(session.id)
    with psycopg.connect(database_url) as conn:
        conn.execute("INSERT INTO timer_intervals (session_id, started_at, heartbeat_at) "
                     "VALUES (%s, %s, %s)", (session.id, clock.now(), clock.now()))
    with pytest.raises(TimerStateError) as refused:
        service.resume_interview_timer(session.id)
    assert f"another MockMate window since {local(clock, 0)}" in one_line(refused)


# -- a dead window --------------------------------------------------------------------------

_WINDOW_THAT_DIES = textwrap.dedent("""
    import sys, time
    from datetime import datetime, timedelta
    from pathlib import Path
    from mockmate_tui.config import Settings
    from mockmate_tui.core.clock import FakeClock
    from mockmate_tui.service import MockMate

    url, session_id, start, data_dir = sys.argv[1:5]
    clock = FakeClock(datetime.fromisoformat(start))
    settings = Settings(data_dir=Path(data_dir), database_url=None, starting_credits=10)
    window = MockMate.open(url, clock, settings=settings, heartbeat=False)
    window.start_interview_timer(session_id)
    clock.advance(25)
    window.heartbeat()
    print("running", flush=True)
    time.sleep(600)
""")


def start_window_that_dies(database_url: str, session_id: str, start: datetime,
                           settings: Settings) -> subprocess.Popen[str]:
    window = subprocess.Popen(
        [sys.executable, "-c", _WINDOW_THAT_DIES, database_url, session_id,
         start.isoformat(), str(settings.data_dir)],
        stdout=subprocess.PIPE, text=True, env={**os.environ},
    )
    assert window.stdout is not None
    assert window.stdout.readline().strip() == "running"
    return window


def test_a_window_whose_process_died_is_taken_over_at_once(
    service: MockMate, session: Session, clock: FakeClock, database_url: str,
    settings: Settings,
) -> None:
    window = start_window_that_dies(database_url, session.id, clock.now(), settings)
    try:
        clock.advance(25)
        with pytest.raises(TimerStateError) as refused:  # alive: its window has it
            service.resume_interview_timer(session.id)
        assert f"process {window.pid}" in one_line(refused)
    finally:
        window.send_signal(signal.SIGKILL)
        window.wait(timeout=30)
        assert window.stdout is not None
        window.stdout.close()
    clock.advance(5)  # its heartbeat is 5 s old: far from stale, but its process is gone

    resumed = service.resume_interview_timer(session.id)
    clock.advance(10)
    final = service.stop_interview_timer(session.id)

    assert resumed.elapsed_seconds == 25  # billed up to its last heartbeat, never beyond
    assert final.elapsed_seconds == 35
    assert billed_seconds(database_url, session.id) == 35


def test_a_new_window_recovers_a_dead_windows_session_when_it_opens(
    session: Session, clock: FakeClock, database_url: str, settings: Settings,
) -> None:
    window = start_window_that_dies(database_url, session.id, clock.now(), settings)
    window.send_signal(signal.SIGKILL)
    window.wait(timeout=30)
    assert window.stdout is not None
    window.stdout.close()
    clock.advance(30)
    with MockMate.open(database_url, clock, settings=settings, heartbeat=False) as fresh:
        assert fresh.get_session(session.id).status == "paused"
        assert fresh.get_timer_state(session.id).elapsed_seconds == 25


def test_an_owner_that_beats_slowly_is_not_taken_over_by_a_window_that_beats_fast(
    database_url: str, clock: FakeClock, settings: Settings, session: Session,
) -> None:
    """A window saving every 60 s owns a running interview; a window saving every second looks
    after 10 s of silence. Judged by its own beat the owner is long gone (3 x 1 s); by the
    owner's beat it is alive (3 x 60 s), and it keeps its interview."""
    slow = replace(settings, heartbeat_seconds=60)
    fast = replace(settings, heartbeat_seconds=1)
    with MockMate.open(database_url, clock, settings=slow, heartbeat=False) as owner, \
            MockMate.open(database_url, clock, settings=fast, heartbeat=False) as looker:
        owner.start_interview_timer(session.id)
        clock.advance(10)
        with pytest.raises(TimerStateError) as refused:
            looker.resume_interview_timer(session.id)
        assert "another MockMate window" in one_line(refused)
        assert looker.recover_abandoned_timers() == []
        assert owner.runs_timer(session.id)
        clock.advance(200)  # three of the owner's own beats of silence: now it is gone
        assert looker.recover_abandoned_timers() == [session.id]
