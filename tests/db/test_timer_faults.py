"""A database error at any statement of any timer operation, on real PostgreSQL: afterwards
memory and the database agree, a retry works, billing is the sum of the running intervals and
each hour is charged exactly once.

Every statement the operation sends through psycopg (the pool's liveness check, an empty query,
is the pool's own and is neither counted nor failed), and its COMMIT, is a fault position. At each
position the fault comes in two kinds:

- "lost": the connection is lost before the statement reaches the server (nothing ran);
- "unanswered": the statement ran but its reply never came. Inside the transaction that is the
  same as "lost" (the transaction is rolled back); at the COMMIT it is the hard case: the
  database has the change and the service was told it failed.
"""

from __future__ import annotations

import logging
import math
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mockmate_tui.config import Settings
from mockmate_tui.core.clock import FakeClock
from mockmate_tui.core.credits import credits_for
from mockmate_tui.errors import DatabaseUnavailableError, MockMateError
from mockmate_tui.service import MockMate
from tests.support.faults import KINDS, Faults, install_faults


@pytest.fixture
def faults(monkeypatch: pytest.MonkeyPatch) -> Faults:
    return install_faults(monkeypatch)


@pytest.fixture
def observer(database_url: str, clock: FakeClock, settings: Settings) -> Iterator[MockMate]:
    """A MockMate on the test's database that never runs a timer: it reads storage."""
    with MockMate.open(database_url, clock, settings=settings, heartbeat=False) as other:
        yield other


@dataclass(frozen=True)
class Bench:
    """What every case needs: the database, its clock, the fault injector and an observer."""

    database_url: str
    settings: Settings
    clock: FakeClock
    faults: Faults
    observer: MockMate
    caplog: pytest.LogCaptureFixture

    def window(self) -> MockMate:
        """A MockMate of its own for one case, so no other case's timer is in its memory."""
        return MockMate.open(self.database_url, self.clock, settings=self.settings,
                             heartbeat=False)


@pytest.fixture
def bench(database_url: str, settings: Settings, clock: FakeClock, faults: Faults,
          observer: MockMate, caplog: pytest.LogCaptureFixture) -> Bench:
    caplog.set_level(logging.ERROR)
    return Bench(database_url, settings, clock, faults, observer, caplog)


# -- the eight operations ---------------------------------------------------------------------

@dataclass(frozen=True)
class Operation:
    """Set a session up (returns the running seconds so far and how many of them are not yet
    saved), run the operation, say whether its effect is in memory, and how much running time
    the session bills in the end (after the retry and a minute more, then a stop)."""

    name: str
    setup: Callable[[MockMate, str, FakeClock], tuple[int, int]]
    run: Callable[[MockMate, str], object]
    done: Callable[[MockMate, str], bool]
    runs_after: bool
    """Whether the timer runs once the operation is done (a minute more is then billed)."""


def _started(advance: int) -> Callable[[MockMate, str, FakeClock], tuple[int, int]]:
    def setup(service: MockMate, sid: str, clock: FakeClock) -> tuple[int, int]:
        service.start_interview_timer(sid)
        clock.advance(advance)
        return advance, advance
    return setup


def _paused_at(running: int) -> Callable[[MockMate, str, FakeClock], tuple[int, int]]:
    def setup(service: MockMate, sid: str, clock: FakeClock) -> tuple[int, int]:
        service.start_interview_timer(sid)
        clock.advance(running)
        service.pause_interview_timer(sid)
        clock.advance(30)
        return running, 0
    return setup


def _nothing(service: MockMate, sid: str, clock: FakeClock) -> tuple[int, int]:
    return 0, 0


def _runs(service: MockMate, sid: str) -> bool:
    return service.runs_timer(sid)


def _paused(service: MockMate, sid: str) -> bool:
    state = service.get_timer_state(sid)
    return not state.is_running and state.started_at is not None


def _completed(service: MockMate, sid: str) -> bool:
    return service.get_session(sid).status == "completed"


def _saved(service: MockMate, sid: str) -> bool:
    return False  # a heartbeat is always worth retrying: it is idempotent


OPERATIONS = [
    Operation("start", _nothing, MockMate.start_interview_timer, _runs, True),
    Operation("pause", _started(90), MockMate.pause_interview_timer, _paused, False),
    Operation("resume", _paused_at(90), MockMate.resume_interview_timer, _runs, True),
    Operation("stop", _started(90), MockMate.stop_interview_timer, _completed, False),
    Operation("heartbeat inside paid hours", _started(1800), lambda s, _: s.heartbeat(),
              _saved, True),
    Operation("heartbeat crossing an hour", _started(3602), lambda s, _: s.heartbeat(),
              _saved, True),
    Operation("resume needing a credit", _paused_at(3599), MockMate.resume_interview_timer,
              _runs, True),
    Operation("stop past an hour", _started(3900), MockMate.stop_interview_timer, _completed,
              False),
]
_HEARTBEATS = {"heartbeat inside paid hours", "heartbeat crossing an hour"}


# -- what must hold -----------------------------------------------------------------------------

def apart(service: MockMate, observer: MockMate, sid: str, unsaved: int) -> str | None:
    """How memory and the database disagree about the session's timer; None if they agree.

    A running timer's memory is ahead of storage by the running time not saved yet (the
    heartbeat's job): either none (saved) or `unsaved` seconds."""
    memory, stored = service.get_timer_state(sid), observer.get_timer_state(sid)
    if memory.is_running != stored.is_running or memory.started_at != stored.started_at:
        return f"memory {memory} / database {stored}"
    if stored.is_running and not service.runs_timer(sid):
        return "the database says running, but no window measures (and saves) it"
    if not memory.is_running:
        return None if memory == stored else f"memory {memory} / database {stored}"
    behind = memory.elapsed_seconds - stored.elapsed_seconds
    if behind not in (0, unsaved) or memory.paused_duration != stored.paused_duration:
        return f"memory {memory} / database {stored}"
    return None


def assert_billing(database_url: str, sid: str, billed: int) -> None:
    """The session bills `billed` running seconds: the sum of its intervals, its row, and one
    charge per hour entered, each hour once, with the balance following the ledger."""
    with psycopg.connect(database_url) as conn:
        running, = conn.execute(
            "SELECT coalesce(sum(running_seconds), 0) FROM timer_intervals WHERE session_id = %s",
            (sid,)).fetchone() or (None,)
        hours = [row[0] for row in conn.execute(
            "SELECT coalesce(hour_index, 1) FROM credit_ledger WHERE session_id = %s "
            "ORDER BY 1", (sid,))]
        status, minutes, credits_used, open_count = conn.execute(
            "SELECT status, interview_duration, credits_used, (SELECT count(*) FROM "
            "timer_intervals WHERE session_id = s.id AND ended_at IS NULL) FROM sessions s "
            "WHERE id = %s", (sid,)).fetchone() or (None,) * 4
        books = conn.execute(
            "SELECT u.credit_balance - u.initial_credits - coalesce(sum(l.delta), 0) FROM users u "
            "LEFT JOIN credit_ledger l ON l.user_id = u.id WHERE u.id = "
            "(SELECT user_id FROM sessions WHERE id = %s) GROUP BY u.id", (sid,)).fetchone()
    assert math.floor(running) == billed
    assert hours == list(range(1, credits_for(billed) + 1)), "each hour charged exactly once"
    assert (status, minutes, credits_used, open_count) == (
        "completed", billed // 60, credits_for(billed), 0)
    assert books == (0,), "the balance follows the ledger"


# -- one case -----------------------------------------------------------------------------------

@dataclass
class Outcome:
    positions: list[str]
    apart: str | None = None
    problems: list[str] = field(default_factory=list)


def run_case(bench: Bench, operation: Operation, armed: tuple[int, str] | None) -> Outcome:
    with bench.window() as service:
        return _run_case(service, bench, operation, armed)


def _run_case(service: MockMate, bench: Bench, operation: Operation,
              armed: tuple[int, str] | None) -> Outcome:
    observer, clock, faults, caplog = bench.observer, bench.clock, bench.faults, bench.caplog
    user = service.create_user("Ada", f"ada-{uuid.uuid4().hex[:10]}@example.com")
    sid = service.create_session(user.id, "Mock", "Engineer").id
    running, unsaved = operation.setup(service, sid, clock)
    caplog.clear()
    faults.begin(armed)
    error: BaseException | None = None
    try:
        operation.run(service, sid)
    except BaseException as raised:  # judged below
        error = raised
    finally:
        faults.end()
    outcome = Outcome(list(faults.positions))
    if armed is None or not faults.fired:
        assert error is None, error
        return outcome
    # A change whose COMMIT went through unanswered may be confirmed, and then succeeds.
    may_succeed = armed[1] == "unanswered" and outcome.positions[armed[0]] == "COMMIT"
    # Or the step was taken offline: it waits in the journal, stored by the next heartbeat.
    offline = service.offline.pending > 0
    outcome.problems += _judge_error(operation, error, caplog, may_succeed or offline)
    if offline:
        service.heartbeat()
        if service.offline.pending:
            outcome.problems.append("the journal was not stored once the database was back")
    outcome.apart = apart(service, observer, sid, unsaved)
    try:
        if not operation.done(service, sid):
            operation.run(service, sid)  # the retry
        if operation.name in _HEARTBEATS and unsaved and (
                observer.get_timer_state(sid).elapsed_seconds != running):
            outcome.problems.append("the retried heartbeat did not save the timer")
        if operation.runs_after:
            clock.advance(60)
            running += 60
            service.stop_interview_timer(sid)
        elif not _completed(service, sid):
            service.stop_interview_timer(sid)
        assert_billing(bench.database_url, sid, running)
    except (AssertionError, MockMateError) as problem:
        outcome.problems.append(f"after the retry: {type(problem).__name__}: {problem}")
    return outcome


def _judge_error(operation: Operation, error: BaseException | None,
                 caplog: pytest.LogCaptureFixture, may_succeed: bool) -> list[str]:
    if operation.name in _HEARTBEATS:
        # The heartbeat thread must live on: a failed beat is logged, never raised.
        if error is not None:
            return [f"the heartbeat raised {error!r}"]
        logged = any(record.levelno >= logging.ERROR for record in caplog.records)
        return [] if logged or may_succeed else ["the failed heartbeat was not logged"]
    if error is None:
        return [] if may_succeed else ["the operation reported no error"]
    if not isinstance(error, DatabaseUnavailableError):
        return [f"raised {error!r}, not DatabaseUnavailableError"]
    return []


def sweep(bench: Bench) -> dict[str, Any]:
    """Every operation x every fault position x both kinds."""
    cases, left_apart, failed = 0, [], []
    for operation in OPERATIONS:
        positions = run_case(bench, operation, None).positions
        for index, what in enumerate(positions):
            for kind in KINDS:
                outcome = run_case(bench, operation, (index, kind))
                cases += 1
                label = f"{operation.name} #{index} {what!r} {kind}"
                if outcome.apart:
                    left_apart.append(f"{label}: {outcome.apart}")
                if outcome.problems:
                    failed.append(f"{label}: {outcome.problems}")
    return {"cases": cases, "apart": left_apart, "failed": failed}


def test_a_fault_at_any_statement_of_any_timer_operation_leaves_nothing_apart(
    bench: Bench,
) -> None:
    result = sweep(bench)
    summary = (f"{result['cases']} cases; {len(result['apart'])} left memory and the database "
               f"apart; {len(result['failed'])} other problems")
    print(summary)  # the figure for the report (pytest -s)
    assert result["cases"] >= 8 * 2 * 3
    assert not result["apart"] and not result["failed"], (
        summary + "\n" + "\n".join(result["apart"] + result["failed"]))


# -- the property: any operation, any position, any kind -------------------------------------

@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operation=st.sampled_from(OPERATIONS), position=st.integers(0, 1000),
       kind=st.sampled_from(KINDS))
def test_property_any_fault_position_keeps_memory_and_database_together(
    bench: Bench, operation: Operation, position: int, kind: str,
) -> None:
    positions = len(run_case(bench, operation, None).positions)
    outcome = run_case(bench, operation, (position % positions, kind))
    assert outcome.apart is None, outcome.apart
    assert not outcome.problems, outcome.problems


def test_a_lost_commit_reply_that_cannot_be_checked_yet_is_settled_by_the_next_heartbeat(
    bench: Bench,
) -> None:
    """The COMMIT of a pause goes through unanswered and the database stays out of reach for
    the check that follows: the pause fails, memory waits, and the next heartbeat, with the
    database back, finds the pause stored and puts it in memory."""
    with bench.window() as service:
        user = service.create_user("Ada", "ada@example.com")
        sid = service.create_session(user.id, "Mock", "Engineer").id
        service.start_interview_timer(sid)
        bench.clock.advance(90)
        # pause: lock, read, close-and-write, COMMIT (3); the check: lock (4)
        bench.faults.begin((3, "unanswered"), also={4: "lost"})
        try:
            with pytest.raises(DatabaseUnavailableError, match="checked before the next"):
                service.pause_interview_timer(sid)
        finally:
            bench.faults.end()
        assert bench.faults.positions[3] == "COMMIT"
        assert bench.observer.get_timer_state(sid).is_running is False  # it was stored

        bench.clock.advance(5)
        service.heartbeat()

        assert service.get_timer_state(sid) == bench.observer.get_timer_state(sid)
        assert service.get_timer_state(sid).elapsed_seconds == 90
        service.resume_interview_timer(sid)
        bench.clock.advance(10)
        service.stop_interview_timer(sid)
        assert_billing(bench.database_url, sid, 100)
