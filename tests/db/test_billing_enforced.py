"""Billing the database enforces itself (issue 18, case 10), and takeovers judged by the
database's clock (case 7).

Case 10: on a shared server a person's role could, with plain SQL on their own rows, set their
billed time back to 0 or their session back to 'created' with no credits used, and so run for
hours on one credit. Now the database refuses it, whatever program connects: billed time only
grows, a closed interval never changes, a started session never goes back to 'created' nor a
completed one reopens, credits used never drop, and at COMMIT each hour reached is charged.

Case 7: whether another window's interval is abandoned is judged by the database's clock (when
the interval was last written, and now), so a computer whose wall clock is an hour off neither
takes over a live window nor waits for ever on a dead one.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import make_conninfo

from mockmate_tui.config import Settings
from mockmate_tui.core.clock import FakeClock, MonotonicClock
from mockmate_tui.db import schema
from mockmate_tui.errors import TimerStateError
from mockmate_tui.service import MockMate, sharing


@dataclass(frozen=True)
class Shared:
    server: str
    schema: str
    owner: str
    person: str

    def url(self, role: str) -> str:
        return make_conninfo(self.server, user=role, options=f"-c search_path={self.schema}")


@pytest.fixture(scope="module")
def shared(server_conninfo: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Shared]:
    with psycopg.connect(server_conninfo) as conn:
        row = conn.execute("SELECT rolsuper OR rolcreaterole FROM pg_roles "
                           "WHERE rolname = current_user").fetchone()
    if not (row and row[0]):
        pytest.skip("The test server's role cannot create roles.")
    tag = uuid.uuid4().hex[:10]
    made = Shared(server_conninfo, f"billing_{tag}", f"mm_bowner_{tag}", f"mm_bperson_{tag}")
    with psycopg.connect(server_conninfo, autocommit=True) as conn:
        for role in (made.owner, made.person):
            conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(role)))
        conn.execute(sql.SQL("CREATE SCHEMA {} AUTHORIZATION {}").format(
            sql.Identifier(made.schema), sql.Identifier(made.owner)))
    try:
        settings = Settings(data_dir=tmp_path_factory.mktemp("owner"), database_url=None)
        with MockMate.open(made.url(made.owner), FakeClock(), settings=settings,
                           heartbeat=False) as owner:
            sharing.grant_access(owner.database, made.person)
        yield made
    finally:
        with psycopg.connect(server_conninfo, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(
                sql.Identifier(made.schema)))
            for role in (made.owner, made.person):
                conn.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(role)))
                conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))


@pytest.fixture(scope="module")
def person(shared: Shared, tmp_path_factory: pytest.TempPathFactory) -> Iterator[MockMate]:
    clock = FakeClock()
    settings = Settings(data_dir=tmp_path_factory.mktemp("person"), database_url=None)
    with MockMate.open(shared.url(shared.person), clock, settings=settings,
                       heartbeat=False) as service:
        user = service.create_user("Pat", "pat@example.com")
        with MockMate.open(shared.url(shared.owner), FakeClock(), settings=settings,
                           heartbeat=False) as owner:
            owner.add_credits(user.id, 10, "bought")
        yield service


def _interview(person: MockMate, running: float, shared: Shared) -> str:
    user = person.local_user()
    assert user is not None
    session = person.interviews.plan(user.id, "Mock", "SRE", count=2, seed=5)
    person.interviews.start(session.id)
    clock = person.clock
    assert isinstance(clock, FakeClock)
    clock.advance(running)
    _database_clock_passes(shared, session.id, running)
    person.heartbeat()
    return session.id


def _database_clock_passes(shared: Shared, sid: str, seconds: float) -> None:
    """The fake clock's time, passed by the database's clock too: the open interval opened
    that much earlier by it (only the owner can say so), or the database would cap a person's
    billed time at the few real seconds that passed (test_billing_cap.py)."""
    with psycopg.connect(shared.url(shared.owner)) as conn:
        conn.execute("UPDATE timer_intervals SET started_db_at = started_db_at - "
                     "make_interval(secs => %s) WHERE session_id = %s AND ended_at IS NULL",
                     (seconds, sid))


def _refused(url: str, statement: str, *args: Any) -> str:
    with psycopg.connect(url) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege) as e:
        conn.execute(statement, args)  # type: ignore[arg-type]
        conn.commit()  # (the hours are checked at COMMIT)
    return str(e.value)


def _stored(url: str, sid: str) -> tuple[Any, ...]:
    with psycopg.connect(url) as conn:
        row = conn.execute(
            "SELECT s.status, s.credits_used, (SELECT sum(running_seconds) FROM timer_intervals "
            "WHERE session_id = s.id) FROM sessions s WHERE s.id = %s", (sid,)).fetchone()
    assert row is not None
    return tuple(row)


def test_a_person_cannot_take_back_billed_time_or_credits_used(
        shared: Shared, person: MockMate) -> None:
    sid = _interview(person, 120, shared)
    person.interviews.pause(sid)
    url = shared.url(shared.person)
    before = _stored(url, sid)
    assert before == ("paused", 1, 120.0)
    assert "only grows" in _refused(
        url, "UPDATE timer_intervals SET running_seconds = 0 WHERE session_id = %s", sid)
    assert "'created'" in _refused(
        url, "UPDATE sessions SET status = 'created', credits_used = 0 WHERE id = %s", sid)
    assert "never drop" in _refused(
        url, "UPDATE sessions SET credits_used = 0 WHERE id = %s", sid)
    assert "starts open, at 0 seconds" in _refused(
        url, "INSERT INTO timer_intervals (session_id, started_at, heartbeat_at, ended_at, "
             "running_seconds) VALUES (%s, now(), now(), now(), 5000)", sid)
    assert "never changes" in _refused(
        url, "UPDATE timer_intervals SET ended_at = ended_at + interval '1 hour' "
             "WHERE session_id = %s", sid)
    person.interviews.stop(sid)
    assert "never reopened" in _refused(
        url, "UPDATE sessions SET status = 'paused' WHERE id = %s", sid)
    assert _stored(url, sid)[1:] == before[1:]


def test_each_hour_reached_is_charged_whatever_the_person_writes(
        shared: Shared, person: MockMate) -> None:
    sid = _interview(person, 60, shared)
    url = shared.url(shared.person)
    _database_clock_passes(shared, sid, 7200)
    # Two hours more on the open interval, with no charge for them: refused at COMMIT.
    message = _refused(url, "UPDATE timer_intervals SET running_seconds = 7260 "
                            "WHERE session_id = %s AND ended_at IS NULL", sid)
    assert "every hour reached is paid" in message
    assert _stored(url, sid) == ("active", 1, 60.0)
    # MockMate's own way, charging each hour as it is reached, passes.
    clock = person.clock
    assert isinstance(clock, FakeClock)
    clock.advance(7200)
    person.heartbeat()
    assert _stored(url, sid) == ("active", 3, 7260.0)
    person.interviews.stop(sid)


# -- case 3: no right to lock a table against everyone ----------------------------------------

@pytest.mark.parametrize("table", ["sessions", "timer_intervals", "interview_plan", "users",
                                   "credit_ledger", "interview_answers"])
def test_a_persons_role_cannot_lock_a_table_against_everyone(
        shared: Shared, person: MockMate, table: str) -> None:
    with psycopg.connect(shared.url(shared.person)) as conn, \
            pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(sql.SQL("LOCK TABLE {} IN ACCESS EXCLUSIVE MODE").format(
            sql.Identifier(table)))


# -- case 7: the database's clock judges silence ------------------------------------------------

class SkewedClock(MonotonicClock):
    """A real clock whose wall time is off by `offset` (a computer with a wrong clock)."""

    def __init__(self, offset: timedelta) -> None:
        self._offset = offset

    def now(self) -> datetime:
        return super().now() + self._offset


def _window(url: str, clock: MonotonicClock, folder: Path, beat: float = 10.0) -> MockMate:
    settings = Settings(data_dir=folder, database_url=None, heartbeat_seconds=beat)
    return MockMate.open(url, clock, settings=settings, heartbeat=False)


def test_a_window_whose_clock_is_an_hour_ahead_never_takes_over_a_live_one(
        database_url: str, tmp_path: Path) -> None:
    with _window(database_url, MonotonicClock(), tmp_path / "a") as live:
        user = live.create_user("Ada", "ada@example.com")
        sid = live.interviews.plan(user.id, "Mock", "Engineer", count=2, seed=1).id
        live.interviews.start(sid)
        live.heartbeat()
        with _window(database_url, SkewedClock(timedelta(hours=1)), tmp_path / "b") as ahead:
            assert ahead.recover_abandoned_timers() == []
            with pytest.raises(TimerStateError, match="running in another MockMate window"):
                ahead.resume_interview_timer(sid)
        assert live.runs_timer(sid)
        with psycopg.connect(database_url) as conn:
            assert conn.execute("SELECT count(*) FROM timer_intervals WHERE session_id = %s "
                                "AND ended_at IS NULL", (sid,)).fetchone() == (1,)


@pytest.mark.slow
def test_a_window_whose_clock_is_an_hour_behind_still_takes_over_a_silent_one(
        database_url: str, tmp_path: Path) -> None:
    silent = _window(database_url, MonotonicClock(), tmp_path / "a", beat=0.5)
    try:
        user = silent.create_user("Ada", "ada@example.com")
        sid = silent.interviews.plan(user.id, "Mock", "Engineer", count=2, seed=1).id
        silent.interviews.start(sid)
        time.sleep(2.0)  # three of its own 0.5 s beats of silence, by the database's clock
        with _window(database_url, SkewedClock(timedelta(hours=-1)),
                     tmp_path / "b") as behind:
            # (Opening already recovered it: by its own clock the beat is an hour ahead.)
            assert behind.interviews.progress(sid).timer.is_running is False
    finally:
        silent.close()


def test_upgrading_takes_a_persons_table_wide_update_and_keeps_the_columns(
        shared: Shared, person: MockMate) -> None:
    """A role granted by version 7 (table-wide UPDATE on three tables) keeps working after the
    upgrade, with column rights only."""
    tables = ("sessions", "timer_intervals", "interview_plan")
    with psycopg.connect(shared.url(shared.owner), autocommit=True) as conn:
        for table in tables:
            conn.execute(sql.SQL("GRANT UPDATE ON {} TO {}").format(
                sql.Identifier(table), sql.Identifier(shared.person)))
        conn.execute("UPDATE schema_version SET version = 7")
        assert schema.apply_schema(conn) == schema.SCHEMA_VERSION
        table_wide = conn.execute(
            "SELECT table_name FROM information_schema.role_table_grants WHERE grantee = %s "
            "AND table_schema = %s AND privilege_type = 'UPDATE'",
            (shared.person, shared.schema)).fetchall()
    assert table_wide == []
    with psycopg.connect(shared.url(shared.person)) as conn, \
            pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE")
    sid = _interview(person, 30, shared)  # and the person's steps still work
    person.interviews.pause(sid)
    person.interviews.stop(sid)


# -- the database's clock caps billed time (schema version 12) ---------------------------------

def test_a_persons_billed_time_never_runs_ahead_of_the_databases_clock(
        shared: Shared, person: MockMate) -> None:
    """A client clock (a wrong one, or a forged figure) cannot bill a person for time that did
    not pass: an interval's running seconds are cut to the time passed by the database's clock
    since it opened (plus 2 s), whatever is written; and when it opened is the database's."""
    sid = _interview(person, 0, shared)  # opened a moment ago, by every clock
    url = shared.url(shared.person)
    with psycopg.connect(url) as conn:
        conn.execute("UPDATE timer_intervals SET running_seconds = 3000 "
                     "WHERE session_id = %s AND ended_at IS NULL", (sid,))
        conn.commit()
        row = conn.execute("SELECT running_seconds, extract(epoch FROM clock_timestamp() - "
                           "started_db_at)::float8 FROM timer_intervals "
                           "WHERE session_id = %s AND ended_at IS NULL", (sid,)).fetchone()
    assert row is not None
    billed, passed = row
    assert billed <= passed + 2 < 60, (billed, passed)
    assert "permission denied" in _refused(  # (no right to the column; the trigger too)
        url, "UPDATE timer_intervals SET started_db_at = started_db_at - interval '1 hour' "
             "WHERE session_id = %s", sid)
    clock = person.clock
    assert isinstance(clock, FakeClock)
    clock.advance(10)  # past what the cap let the forged figure keep: the window goes on
    _database_clock_passes(shared, sid, 10)
    person.interviews.stop(sid)


def test_deleting_a_charged_session_hides_it_and_keeps_the_ledger_whole(
        shared: Shared, person: MockMate) -> None:
    """Issue 21: a session that cost credits is deleted by hiding it: gone from history, home
    and reports; the ledger keeps its charges and still adds up to the balance. On a shared
    server, with a person's own role."""
    from mockmate_tui.errors import NotFoundError
    from mockmate_tui.service.housekeeping import Housekeeping

    sid = _interview(person, 90, shared)
    person.interviews.stop(sid)
    user = person.local_user()
    assert user is not None
    ledger = person.credit_history(user.id)
    balance = person.get_user(user.id).credit_balance
    assert any(entry.session_id == sid for entry in ledger)

    Housekeeping(person).delete_session(sid)

    assert sid not in {s.id for s in person.list_sessions(user.id)}
    assert sid not in {s.session.id for s in person.list_session_summaries(user.id)}
    assert sid not in person.category_averages(user.id)
    with pytest.raises(NotFoundError):
        person.get_interview_report(sid)
    assert person.credit_history(user.id) == ledger
    after = person.get_user(user.id).credit_balance
    assert after == balance
    with psycopg.connect(shared.url(shared.owner)) as conn:
        row = conn.execute("SELECT u.initial_credits + coalesce(sum(l.delta), 0) "
                           "FROM users u LEFT JOIN credit_ledger l ON l.user_id = u.id "
                           "WHERE u.id = %s GROUP BY u.initial_credits", (user.id,)).fetchone()
    assert row is not None and row[0] == after
