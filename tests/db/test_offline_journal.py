"""The database goes away in the middle of an interview, on a real PostgreSQL server (the
embedded one in the README's run, the machine's in the second run of .ci/run), reached through
a cable the test pulls out: the interview goes on, every step waits in the offline journal,
and once the database is back each is stored in order, exactly once: 0 lost, 0 doubled.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mockmate_tui.config import Settings
from mockmate_tui.core.clock import FakeClock
from mockmate_tui.core.timer import TimerPhase
from mockmate_tui.errors import DatabaseUnavailableError
from mockmate_tui.service import MockMate
from tests.support.answers import STRONG_STORY
from tests.support.cable import Cable, cable_to
from tests.support.database import billed_seconds

# A step that finds the database gone waits this long before it goes on offline.
TIMEOUT = 0.5


@pytest.fixture
def cable(database_url: str) -> Iterator[Cable]:
    with cable_to(database_url) as cable:
        yield cable


@pytest.fixture
def offline_settings(settings: Settings) -> Settings:
    return replace(settings, database_timeout_seconds=TIMEOUT)


def open_service(cable: Cable, clock: FakeClock, settings: Settings) -> MockMate:
    return MockMate.open(cable.conninfo, clock, settings=settings, heartbeat=False)


@pytest.fixture
def app(cable: Cable, clock: FakeClock, offline_settings: Settings) -> Iterator[MockMate]:
    service = open_service(cable, clock, offline_settings)
    try:
        yield service
    finally:
        cable.plug()
        service.close()


def started_interview(app: MockMate, clock: FakeClock, count: int = 5) -> str:
    user = app.create_user("Ada", "ada@example.com")
    session = app.interviews.plan(user.id, "Mock", "Backend engineer", count=count, seed=3,
                                  follow_ups=False)
    app.interviews.start(session.id)
    clock.advance(30)
    return session.id


def stored(database_url: str, sql: str, *args: object) -> list[tuple[object, ...]]:
    with psycopg.connect(database_url) as conn:
        return conn.execute(sql, args).fetchall()  # type: ignore[arg-type]


def answers_of(database_url: str, sid: str) -> list[str]:
    return [str(row[0]) for row in stored(
        database_url, "SELECT answer_text FROM interview_answers WHERE session_id = %s "
                      "ORDER BY answered_at", sid)]


def test_an_interview_goes_on_offline_and_everything_is_stored_once_when_the_database_returns(
        app: MockMate, cable: Cable, clock: FakeClock, database_url: str) -> None:
    sid = started_interview(app, clock)
    engine = app.interviews
    engine.submit(sid, "Online answer: I build payment services in Python.")
    clock.advance(20)

    cable.unplug()
    result = engine.submit(sid, STRONG_STORY)  # scored here, as always
    assert result.evaluation.score >= 1
    progress = result.progress
    assert progress.offline and progress.pending_writes >= 2  # the answer, the next question
    assert progress.answered == 2 and progress.current is not None
    assert progress.current.number == 3
    clock.advance(15)
    engine.save_draft(sid, "half an answer to question 3")
    paused = engine.pause(sid)
    assert paused.phase is TimerPhase.PAUSED and paused.offline
    clock.advance(600)  # paused time: never billed
    resumed = engine.resume(sid)
    assert resumed.phase is TimerPhase.RUNNING
    assert resumed.current is not None and resumed.current.draft == "half an answer to question 3"
    clock.advance(10)
    skipped = engine.skip(sid)
    assert skipped.current is not None and skipped.current.number == 4
    clock.advance(5)
    app.heartbeat()  # the database is still away: the beat waits in the journal too
    waiting = app.offline.pending
    assert waiting >= 7
    assert answers_of(database_url, sid) == ["Online answer: I build payment services in Python."]

    cable.plug()
    app.heartbeat()
    assert app.offline.pending == 0 and app.offline.dropped == 0

    after = engine.progress(sid)
    assert not after.offline
    assert [q.state for q in after.questions] == ["answered", "answered", "skipped", "asked",
                                                  "pending"]
    assert answers_of(database_url, sid) == [
        "Online answer: I build payment services in Python.", STRONG_STORY]
    # Running time: 30 + 20 + 15 before the pause, 10 + 5 after it; the 600 s paused are not.
    assert after.timer.elapsed_seconds == 80
    clock.advance(20)
    final = engine.stop(sid)
    assert final.phase is TimerPhase.COMPLETED
    assert math.floor(billed_seconds(database_url, sid)) == 100
    assert stored(database_url, "SELECT status, credits_used FROM sessions WHERE id = %s",
                  sid) == [("completed", 1)]


def test_a_stop_while_offline_is_stored_with_its_billing_when_the_database_returns(
        app: MockMate, cable: Cable, clock: FakeClock, database_url: str) -> None:
    sid = started_interview(app, clock)
    cable.unplug()
    clock.advance(45)
    final = app.interviews.stop(sid, draft="what I was typing")
    assert final.phase is TimerPhase.COMPLETED and final.offline
    assert final.timer.elapsed_seconds == 75
    cable.plug()
    app.heartbeat()
    assert app.offline.pending == 0
    assert stored(database_url, "SELECT status FROM sessions WHERE id = %s", sid) == [
        ("completed",)]
    assert math.floor(billed_seconds(database_url, sid)) == 75
    drafts = stored(database_url, "SELECT draft FROM interview_plan WHERE session_id = %s "
                                  "AND state = 'asked'", sid)
    assert drafts == [("what I was typing",)]


def test_hours_entered_offline_are_charged_when_the_database_returns(
        app: MockMate, cable: Cable, clock: FakeClock, database_url: str) -> None:
    sid = started_interview(app, clock)
    cable.unplug()
    clock.advance(3600)  # past the first paid hour, with nobody able to charge the second
    app.heartbeat()
    app.interviews.pause(sid)
    cable.plug()
    app.heartbeat()
    hours = stored(database_url, "SELECT coalesce(hour_index, 1) FROM credit_ledger "
                                 "WHERE session_id = %s ORDER BY 1", sid)
    assert hours == [(1,), (2,)]
    assert math.floor(billed_seconds(database_url, sid)) == 3630
    assert app.get_timer_state(sid).elapsed_seconds == 3630
    assert app.get_timer_state(sid).credits_used == 2


def test_without_credit_for_an_hour_entered_offline_the_billed_time_stops_at_the_paid_hour(
        cable: Cable, clock: FakeClock, offline_settings: Settings, database_url: str) -> None:
    poor = replace(offline_settings, starting_credits=1)
    with open_service(cable, clock, poor) as app:
        sid = started_interview(app, clock)
        cable.unplug()
        clock.advance(4000)
        app.interviews.stop(sid)
        cable.plug()
        app.heartbeat()
        assert app.offline.pending == 0
        assert billed_seconds(database_url, sid) < 3600
        assert stored(database_url, "SELECT status, credits_used FROM sessions WHERE id = %s",
                      sid) == [("completed", 1)]
        assert stored(database_url, "SELECT credit_balance FROM users") == [(0,)]


def test_a_journal_left_by_an_app_closed_offline_is_stored_at_the_next_start(
        cable: Cable, clock: FakeClock, offline_settings: Settings, database_url: str) -> None:
    app = open_service(cable, clock, offline_settings)
    sid = started_interview(app, clock)
    cable.unplug()
    app.interviews.submit(sid, STRONG_STORY)
    clock.advance(12)
    app.close()  # pauses offline; the journal stays in the data folder
    journals = list((offline_settings.data_dir / "journal").glob("*.jsonl"))
    assert len(journals) == 1
    assert answers_of(database_url, sid) == []

    cable.plug()
    with open_service(cable, clock, offline_settings) as again:
        assert answers_of(database_url, sid) == [STRONG_STORY]
        progress = again.interviews.progress(sid)
        assert progress.phase is TimerPhase.PAUSED and progress.answered == 1
        assert progress.timer.elapsed_seconds == 42
    assert list((offline_settings.data_dir / "journal").glob("*.jsonl")) == []


def test_a_replay_cut_short_and_done_again_stores_nothing_twice(
        app: MockMate, cable: Cable, clock: FakeClock, offline_settings: Settings,
        database_url: str) -> None:
    """A crash after some entries were stored but before they left the journal: the next
    start replays the same entries again, and each is recognised as stored."""
    sid = started_interview(app, clock)
    cable.unplug()
    app.interviews.submit(sid, STRONG_STORY)
    app.interviews.skip(sid)
    clock.advance(7)
    app.interviews.pause(sid)
    folder = offline_settings.data_dir / "journal"
    (journal,) = folder.glob("*.jsonl")
    copy = folder / "99999999-left-by-a-crash.jsonl"
    shutil.copy(journal, copy)
    cable.plug()
    app.heartbeat()
    assert app.offline.pending == 0 and copy.exists()
    before = stored(database_url, "SELECT count(*) FROM interview_answers")
    intervals = stored(database_url, "SELECT count(*), sum(running_seconds) FROM timer_intervals")
    assert app.offline.replay_left_behind() > 0
    assert not copy.exists()
    assert stored(database_url, "SELECT count(*) FROM interview_answers") == before == [(1,)]
    assert stored(database_url, "SELECT count(*), sum(running_seconds) "
                                "FROM timer_intervals") == intervals
    assert app.offline.dropped == 0


def test_a_torn_last_line_is_skipped_and_the_rest_is_stored(
        app: MockMate, cable: Cable, clock: FakeClock, offline_settings: Settings,
        database_url: str) -> None:
    sid = started_interview(app, clock)
    cable.unplug()
    app.interviews.submit(sid, STRONG_STORY)
    (journal,) = (offline_settings.data_dir / "journal").glob("*.jsonl")
    torn = journal.parent / "88888888-torn.jsonl"
    lines = journal.read_text().splitlines()
    torn.write_text("\n".join(lines) + '\n{"kind": "answer", "session_')  # a crash mid-append
    app.offline.close()  # (this window's own journal is replayed by its heartbeat below)
    cable.plug()
    assert app.offline.replay_left_behind() >= len(lines)
    assert answers_of(database_url, sid) == [STRONG_STORY]


def test_a_step_another_window_overtook_is_dropped_not_forced(
        app: MockMate, cable: Cable, clock: FakeClock, offline_settings: Settings,
        database_url: str) -> None:
    """Offline, this window pauses; meanwhile another window (its owner presumed gone) stops
    the interview. The stored stop stands; the stale pause is dropped and counted."""
    sid = started_interview(app, clock)
    cable.unplug()
    clock.advance(10)
    app.interviews.pause(sid)
    with psycopg.connect(database_url) as conn:  # what another window's stop leaves
        conn.execute("UPDATE timer_intervals SET ended_at = now(), running_seconds = 30, "
                     "owner_id = NULL WHERE session_id = %s AND ended_at IS NULL", (sid,))
        conn.execute("UPDATE sessions SET status = 'completed', ended_at = now() "
                     "WHERE id = %s", (sid,))
    cable.plug()
    app.heartbeat()
    assert app.offline.pending == 0 and app.offline.dropped == 1
    assert stored(database_url, "SELECT status FROM sessions WHERE id = %s", sid) == [
        ("completed",)]
    assert billed_seconds(database_url, sid) == 30


def test_offline_a_new_interview_cannot_start_and_says_so_in_one_line(
        app: MockMate, cable: Cable, clock: FakeClock) -> None:
    user = app.create_user("Ada", "ada@example.com")
    session = app.interviews.plan(user.id, "Mock", "Engineer", count=3, seed=1)
    cable.unplug()
    with pytest.raises(DatabaseUnavailableError) as caught:
        app.interviews.start(session.id)
    assert "\n" not in str(caught.value)
    assert app.offline.pending == 0


def test_the_journal_is_private_and_every_line_is_json(
        app: MockMate, cable: Cable, clock: FakeClock, offline_settings: Settings) -> None:
    sid = started_interview(app, clock)
    cable.unplug()
    app.interviews.save_draft(sid, "ein Entwurf mit Umlauten: äöü")
    folder = offline_settings.data_dir / "journal"
    (journal,) = folder.glob("*.jsonl")
    assert folder.stat().st_mode & 0o777 == 0o700
    assert journal.stat().st_mode & 0o777 == 0o600
    entries = [json.loads(line) for line in Path(journal).read_text().splitlines()]
    assert entries[-1]["kind"] == "draft" and entries[-1]["text"].endswith("äöü")


# -- any sequence of steps, with the cable pulled and put back anywhere -----------------------

STEPS = st.lists(st.sampled_from(["submit", "skip", "draft", "pause", "resume", "beat",
                                  "unplug", "plug", "wait"]), min_size=4, max_size=14)


# MOCKMATE_OFFLINE_EXAMPLES=200 for a longer run; MOCKMATE_OFFLINE_REPORT=FILE adds one JSON line
# an example (steps, answers submitted and stored, writes journaled) to FILE.
@settings(max_examples=int(os.environ.get("MOCKMATE_OFFLINE_EXAMPLES", "12")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=STEPS)
def test_property_outages_anywhere_lose_nothing_and_double_nothing(
        cable: Cable, clock: FakeClock, offline_settings: Settings, database_url: str,
        steps: list[str]) -> None:
    with open_service(cable, clock, offline_settings) as app:
        user = app.create_user("Ada", f"ada-{uuid.uuid4().hex[:8]}@example.com")
        session = app.interviews.plan(user.id, "Mock", "Backend engineer", count=8, seed=5,
                                      follow_ups=False)
        sid = session.id
        engine = app.interviews
        engine.start(sid)
        submitted: list[str] = []
        journaled = 0
        for number, step in enumerate(steps):
            journaled = max(journaled, app.offline.pending)
            progress = engine.progress(sid)
            running = progress.phase is TimerPhase.RUNNING
            if step == "unplug":
                cable.unplug()
            elif step == "plug":
                cable.plug()
            elif step == "wait":
                clock.advance(7 + number)
            elif step == "beat":
                app.heartbeat()
            elif step == "pause" and running:
                engine.pause(sid)
            elif step == "resume" and progress.phase is TimerPhase.PAUSED:
                engine.resume(sid)
            elif running and progress.current is not None:
                if step == "submit":
                    text = f"Answer {number}: I measured it and cut the p95 latency by 40%."
                    engine.submit(sid, text)
                    submitted.append(text)
                elif step == "skip":
                    engine.skip(sid)
                else:
                    engine.save_draft(sid, f"draft {number}")
        shown = engine.progress(sid)
        cable.plug()
        app.heartbeat()
        assert app.offline.pending == 0 and app.offline.dropped == 0
        after = engine.progress(sid)
        assert [q.state for q in after.questions] == [q.state for q in shown.questions]
        assert after.timer.elapsed_seconds == shown.timer.elapsed_seconds
        engine.stop(sid)
        final = app.get_timer_state(sid)
    stored_answers = answers_of(database_url, sid)
    if os.environ.get("MOCKMATE_OFFLINE_REPORT"):
        with open(os.environ["MOCKMATE_OFFLINE_REPORT"], "a", encoding="utf-8") as report:
            report.write(json.dumps({"steps": len(steps), "outages": steps.count("unplug"),
                                     "submitted": len(submitted), "stored": len(stored_answers),
                                     "most_waiting": journaled}) + "\n")
    assert stored_answers == submitted  # 0 lost, 0 doubled, in order
    assert math.floor(billed_seconds(database_url, sid)) == final.elapsed_seconds


CHILD = """
import sys, time
from mockmate_tui.config import Settings
from mockmate_tui.service import MockMate
conninfo, data_dir, sid, answer = sys.argv[1:5]
settings = Settings(data_dir=data_dir, database_timeout_seconds=0.5)
app = MockMate.open(conninfo, settings=settings, heartbeat=False)
app.interviews.start(sid)
print("started", flush=True)
sys.stdin.readline()  # the cable is pulled now
time.sleep(0.3)
app.interviews.submit(sid, answer)
time.sleep(0.3)
app.heartbeat()
app.interviews.save_draft(sid, "typed offline, then the power went")
print("done", app.offline.pending, flush=True)
time.sleep(60)
"""


@pytest.mark.slow
def test_a_journal_left_by_a_killed_app_is_stored_at_the_next_start(
        cable: Cable, offline_settings: Settings, database_url: str, tmp_path: Path) -> None:
    with MockMate.open(database_url, settings=offline_settings, heartbeat=False) as setup:
        user = setup.create_user("Ada", "ada@example.com")
        sid = setup.interviews.plan(user.id, "Mock", "Engineer", count=4, seed=2,
                                    follow_ups=False).id
    data_dir = tmp_path / "child-data"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, cable.conninfo, str(data_dir), sid, STRONG_STORY],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    watchdog = threading.Timer(60, child.kill)  # bounded in time, whatever happens
    watchdog.start()
    try:
        assert child.stdout is not None and child.stdin is not None
        assert child.stdout.readline().strip() == "started"
        cable.unplug()
        child.stdin.write("go\n")
        child.stdin.flush()
        done = child.stdout.readline().split()
        assert done[0] == "done" and int(done[1]) >= 4  # answer, next question, beat, draft
    finally:
        child.kill()  # no close, no flush: as a crash or a pulled plug leaves it
        child.wait()
        watchdog.cancel()
    cable.plug()
    assert answers_of(database_url, sid) == []
    restarted = replace(offline_settings, data_dir=data_dir)
    with MockMate.open(cable.conninfo, settings=restarted, heartbeat=False) as again:
        progress = again.interviews.progress(sid)
        assert progress.phase is TimerPhase.PAUSED  # recovered: its process is gone
        assert [q.state for q in progress.questions][:2] == ["answered", "asked"]
        assert progress.current is not None
        assert progress.current.draft == "typed offline, then the power went"
    assert answers_of(database_url, sid) == [STRONG_STORY]
    assert 0.5 <= billed_seconds(database_url, sid) < 5  # up to the beat saved offline
    assert list((data_dir / "journal").glob("*.jsonl")) == []
