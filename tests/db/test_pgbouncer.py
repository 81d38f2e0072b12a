"""MockMate behind PgBouncer in transaction mode: the core flows of the database tests, run
through a PgBouncer this module starts on a free port (and stops), each test on a throwaway
database of its own (tests/support/pgbouncer.py says why not a schema).

Transaction mode rules out what MockMate does not do: session-level advisory locks (schema.py
takes a transaction-level one), server-side prepared statements (the pool's connections use
prepare_threshold=None), and SET without LOCAL. Skipped only where pgbouncer is not installed.
"""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from mockmate_tui.config import Settings
from mockmate_tui.core.clock import FakeClock
from mockmate_tui.core.timer import TimerPhase
from mockmate_tui.service import MockMate
from tests.db import test_interview_engine as engine_tests
from tests.db import test_spec_example as spec_tests
from tests.db import test_timer_service as timer_tests
from tests.support.pgbouncer import pgbouncer, pgbouncer_program, throwaway_database

# Bounded in time without a plugin: PgBouncer must listen within 10 s, and every connection
# MockMate makes gives up after its 10 s connect timeout.
pytestmark = pytest.mark.skipif(
    pgbouncer_program() is None,
    reason="pgbouncer is not installed (Debian: apt-get install pgbouncer)")


@pytest.fixture(scope="module")
def bouncer(server_conninfo: str) -> Iterator[str]:
    with pgbouncer(server_conninfo) as url:
        yield url


@pytest.fixture
def database_url(server_conninfo: str, bouncer: str) -> Iterator[str]:
    """Overrides conftest's: every test here reaches its database through PgBouncer."""
    with throwaway_database(server_conninfo, bouncer) as url:
        yield url


def test_the_connections_really_go_through_pgbouncer(database_url: str) -> None:
    """PgBouncer's admin console (simple protocol only: a ClientCursor) shows our pool in
    transaction mode, serving the test's database."""
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("SELECT 1")
    console = make_conninfo(database_url, dbname="pgbouncer")
    with psycopg.connect(console, autocommit=True, cursor_factory=psycopg.ClientCursor) as conn:
        pools = conn.execute("SHOW POOLS").fetchall()
        names = [column.name for column in conn.cursor().execute("SHOW POOLS").description or ()]
    modes = {row[names.index("database")]: row[names.index("pool_mode")] for row in pools}
    assert modes[conninfo_to_dict(database_url)["dbname"]] == "transaction"


def test_the_spec_example(service: MockMate, clock: FakeClock) -> None:
    spec_tests.test_the_spec_usage_example(service, clock)


def test_an_interview_through_the_engine(service: MockMate, clock: FakeClock) -> None:
    user = service.create_user("Grace Hopper", "grace@example.com")
    engine_tests.test_the_last_question_finishes_the_interview_and_stop_completes_it(
        service, user, clock)


def test_the_timer_with_pause_resume_and_stop(service: MockMate, clock: FakeClock) -> None:
    user = service.create_user("Ada Lovelace", "ada@example.com")
    session = service.create_session(user.id, "Mock #1", "Backend engineer", "Python and SQL")
    timer_tests.test_elapsed_time_stands_still_while_paused(service, session, clock)
    service.resume_interview_timer(session.id)
    clock.advance(3600)
    service.heartbeat()  # enters the second hour: charged through PgBouncer too
    final = service.stop_interview_timer(session.id)
    assert (final.elapsed_seconds, final.credits_used, final.is_running) == (3690, 2, False)
    report = service.get_interview_report(session.id)
    assert report.session.status == "completed" and report.session.billed_seconds == 3690
    paged = service.list_session_summaries(user.id, limit=1)
    assert [summary.session.id for summary in paged] == [session.id]


def test_a_second_process_recovers_a_crashed_timer(
        service: MockMate, clock: FakeClock, database_url: str, settings: Settings) -> None:
    """Two MockMates on one PgBouncer: row locks and the open-interval checks hold across
    transactions that may run on different server connections."""
    user = service.create_user("Ada Lovelace", "ada@example.com")
    session = service.create_session(user.id, "Mock", "Backend engineer")
    service.start_interview_timer(session.id)
    clock.advance(30)
    service.heartbeat()
    clock.advance(3600)  # the first instance stops reporting
    with MockMate.open(database_url, clock, settings=settings, heartbeat=False) as other:
        assert session.id in [*other.recover_abandoned_timers(), session.id]
        state = other.get_timer_state(session.id)
        assert state.elapsed_seconds == 30 and not state.is_running
        resumed = other.interviews.progress(session.id)
        assert resumed.phase is TimerPhase.PAUSED
