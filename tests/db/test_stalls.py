"""No step waits for the database for ever (issue 18, cases 2 and 3): a network that loses
every packet without a word, or someone's LOCK TABLE on a shared server, holds a step at most
about MOCKMATE_DATABASE_TIMEOUT_SECONDS (never under 5 s a wait); then it goes on offline, and
is stored once the database answers again."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TypeVar

import psycopg
import pytest

from mockmate_tui.config import Settings
from mockmate_tui.core.clock import FakeClock
from mockmate_tui.core.timer import TimerPhase
from mockmate_tui.service import MockMate
from tests.support.answers import STRONG_STORY
from tests.support.cable import Cable, cable_to

T = TypeVar("T")
TIMEOUT = 0.5
# What a hung step is given before the test calls it hung: the bound for the statement, a
# connection attempt and a pool wait, and room for a loaded 2-core machine.
HUNG_AFTER = 40.0
BOUND = 5.0  # the step's bound for a reply, a statement or a lock: TIMEOUT, never under 5 s

pytestmark = pytest.mark.slow


@pytest.fixture
def cable(database_url: str) -> Iterator[Cable]:
    with cable_to(database_url) as cable:
        yield cable


@pytest.fixture
def offline_settings(settings: Settings) -> Settings:
    return replace(settings, database_timeout_seconds=TIMEOUT)


def bounded(step: Callable[[], T]) -> tuple[T, float]:
    """Run `step`, failing the test (not hanging it) if it has not returned in HUNG_AFTER."""
    done: list[T] = []
    failed: list[BaseException] = []

    def run() -> None:
        try:
            done.append(step())
        except BaseException as error:  # handed to the test below
            failed.append(error)

    began = time.monotonic()
    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(HUNG_AFTER)
    took = time.monotonic() - began
    assert not worker.is_alive(), f"the step still waits for the database after {took:.0f} s"
    if failed:
        raise failed[0]
    return done[0], took


def started(app: MockMate, clock: FakeClock) -> str:
    user = app.create_user("Ada", "ada@example.com")
    sid = app.interviews.plan(user.id, "Mock", "Backend engineer", count=4, seed=3,
                              follow_ups=False).id
    app.interviews.start(sid)
    clock.advance(30)
    return sid


def test_a_network_losing_every_packet_takes_a_submit_offline_within_the_bound(
        cable: Cable, clock: FakeClock, offline_settings: Settings, database_url: str) -> None:
    app = MockMate.open(cable.conninfo, clock, settings=offline_settings, heartbeat=False)
    try:
        sid = started(app, clock)
        cable.stall()
        result, took = bounded(lambda: app.interviews.submit(sid, STRONG_STORY))
        assert result.progress.offline and result.evaluation.score >= 1
        # One statement's bound, then a fresh connection's, then a pool wait: well under the
        # minutes a dropped network took before.
        assert took < 3 * BOUND + 5, took
        _, took = bounded(lambda: app.interviews.save_draft(sid, "typed while it was away"))
        assert took < 1  # the journal takes it at once: something waits already
        cable.plug()
        app.heartbeat()
        assert app.offline.pending == 0
        with psycopg.connect(database_url) as conn:
            assert conn.execute("SELECT answer_text FROM interview_answers").fetchall() == [
                (STRONG_STORY,)]
    finally:
        cable.plug()
        app.close()


def test_a_table_locked_by_someone_else_holds_a_resume_only_until_the_bound(
        clock: FakeClock, offline_settings: Settings, database_url: str) -> None:
    with MockMate.open(database_url, clock, settings=offline_settings,
                       heartbeat=False) as app:
        sid = started(app, clock)
        app.interviews.pause(sid)
        clock.advance(60)
        with psycopg.connect(database_url) as locker:
            # What a person's role on a shared server could do to everyone else's app.
            locker.execute("LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE")
            progress, took = bounded(lambda: app.interviews.resume(sid))
            assert progress.phase is TimerPhase.RUNNING and progress.offline
            assert took < 2 * BOUND + 3, took
            locker.rollback()
        clock.advance(10)
        app.heartbeat()
        assert app.offline.pending == 0
        assert app.interviews.progress(sid).timer.elapsed_seconds == 40
