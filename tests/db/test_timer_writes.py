"""What a timer transition sends to PostgreSQL, counted for real: every statement psycopg sends
from the test's thread, and every row PostgreSQL itself updates (a trigger in the throwaway
schema). A pause writes the session's row once; a heartbeat inside paid hours is one UPDATE; and
memory follows the database only once a transition has committed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest

from mockmate_tui.core.clock import FakeClock
from mockmate_tui.errors import DatabaseRefusedError
from mockmate_tui.models import Session
from mockmate_tui.service import MockMate
from tests.support.statements import recorded_statements


@pytest.fixture
def session(service: MockMate) -> Session:
    user = service.create_user("Ada", "ada@example.com")
    return service.create_session(user.id, "Mock", "Backend engineer", "")


@pytest.fixture
def statements() -> Iterator[list[str]]:
    """The SQL of every statement this thread sends through psycopg, in order."""
    with recorded_statements() as sent:
        yield sent


@pytest.fixture
def row_writes(database_url: str) -> Iterator[psycopg.Connection[Any]]:
    """A connection that can read `row_writes`: one row per row PostgreSQL updates in sessions
    or timer_intervals, recorded by triggers in the test's own schema."""
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE row_writes (table_name text NOT NULL)")
        conn.execute(
            "CREATE FUNCTION record_row_write() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN INSERT INTO row_writes VALUES (TG_TABLE_NAME); RETURN NEW; END $$"
        )
        for table in ("sessions", "timer_intervals"):
            conn.execute(
                f"CREATE TRIGGER record_row_write AFTER UPDATE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION record_row_write()"
            )
        yield conn


def writes_since_last_look(conn: psycopg.Connection[Any]) -> dict[str, int]:
    rows = conn.execute(
        "WITH seen AS (DELETE FROM row_writes RETURNING table_name) "
        "SELECT table_name, count(*) FROM seen GROUP BY table_name"
    ).fetchall()
    return dict(rows)


def test_a_pause_sends_three_statements_and_writes_the_session_row_once(
    service: MockMate, session: Session, clock: FakeClock, statements: list[str],
    row_writes: psycopg.Connection[Any],
) -> None:
    service.start_interview_timer(session.id)
    clock.advance(90)
    writes_since_last_look(row_writes)
    statements.clear()

    service.pause_interview_timer(session.id)

    # Was 7: lock, read, lock the user, count the charges, close the interval, mark the session
    # paused, then write its billing (a second UPDATE of the same row).
    assert [sql.split()[0:3] for sql in statements] == [
        ["SELECT", "1", "FROM"],   # lock the session's row
        ["SELECT", "s.id", "AS"],  # read its stored timer, charges included
        ["WITH", "ours", "AS"],    # close our interval and write the session, together
    ]
    assert writes_since_last_look(row_writes) == {"sessions": 1, "timer_intervals": 1}
    stored = service.get_session(session.id)
    assert (stored.status, stored.billed_seconds, stored.credits_used) == ("paused", 90, 1)
    assert (stored.interview_duration, stored.paused_seconds) == (1, 0)


def test_a_heartbeat_inside_paid_hours_is_one_update(
    service: MockMate, session: Session, clock: FakeClock, statements: list[str],
    row_writes: psycopg.Connection[Any],
) -> None:
    service.start_interview_timer(session.id)
    clock.advance(1800)
    writes_since_last_look(row_writes)
    statements.clear()

    service.heartbeat()

    assert [sql.split()[:2] for sql in statements] == [["UPDATE", "timer_intervals"]]
    assert writes_since_last_look(row_writes) == {"timer_intervals": 1}
    assert service.get_session(session.id).billed_seconds == 1800


def test_a_heartbeat_entering_an_hour_charges_it_and_writes_the_session_row_once(
    service: MockMate, session: Session, clock: FakeClock, row_writes: psycopg.Connection[Any],
) -> None:
    service.start_interview_timer(session.id)
    clock.advance(3600 + 2)
    writes_since_last_look(row_writes)

    service.heartbeat()

    # The users row (the balance) is not watched here; the ledger row is an INSERT.
    assert writes_since_last_look(row_writes) == {"sessions": 1, "timer_intervals": 1}
    stored = service.get_session(session.id)
    assert (stored.status, stored.credits_used, stored.interview_duration) == ("active", 2, 60)


def test_a_transition_that_fails_to_commit_leaves_memory_as_it_was(
    service: MockMate, session: Session, clock: FakeClock, row_writes: psycopg.Connection[Any],
) -> None:
    service.start_interview_timer(session.id)
    clock.advance(60)
    row_writes.execute(
        "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN RAISE EXCEPTION 'disk full'; END $$"
    )
    row_writes.execute("CREATE TRIGGER refuse BEFORE UPDATE ON sessions "
                       "FOR EACH ROW EXECUTE FUNCTION refuse()")

    # A server error that is not about the connection reaches the caller as one MockMate line
    # (issue 18, case 11; before, the raw psycopg error did).
    with pytest.raises(DatabaseRefusedError, match="disk full"):
        service.pause_interview_timer(session.id)

    assert service.get_timer_state(session.id).is_running  # memory did not pause
    row_writes.execute("DROP TRIGGER refuse ON sessions")
    clock.advance(30)
    assert service.pause_interview_timer(session.id).elapsed_seconds == 90
    assert service.get_session(session.id).billed_seconds == 90
