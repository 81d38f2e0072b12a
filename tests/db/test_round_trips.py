"""Round trips of the hot paths, counted at psycopg's one place that waits for the server
(`Connection.wait`): the pool's check of a connection, BEGIN and COMMIT all count."""

from __future__ import annotations

import threading
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
import pytest
from psycopg._pipeline_base import BasePipeline
from psycopg.waiting import Wait

from mockmate_tui.core.clock import FakeClock
from mockmate_tui.errors import NotFoundError
from mockmate_tui.service import MockMate

MISSING = "00000000-0000-4000-8000-000000000000"


@contextmanager
def round_trips() -> Iterator[list[int]]:
    """How many times this thread waited for the server's answer while the block ran (one
    item). psycopg drives every exchange as a generator that yields what it waits for; outside
    a pipeline, a run of waits to read (a large result may take several reads) is one round
    trip, and steps that never touch the network (switching autocommit on an idle connection)
    yield nothing. A pipeline reads and writes as it goes; it is one round trip per Sync."""
    count = [0]
    wait = psycopg.Connection.wait
    enqueue_sync = BasePipeline._enqueue_sync
    me = threading.get_ident()

    def counted(gen: Generator[Any, Any, Any]) -> Generator[Any, Any, Any]:
        reading = False
        try:
            state = next(gen)
            while True:
                if state == Wait.R:
                    if not reading:
                        count[0] += 1
                    reading = True
                else:
                    reading = False
                ready = yield state
                state = gen.send(ready)
        except StopIteration as stop:
            return stop.value

    def counting(conn: psycopg.Connection[Any], gen: Any, *args: Any, **kwargs: Any) -> Any:
        if threading.get_ident() == me and conn._pipeline is None:
            gen = counted(gen)
        return wait(conn, gen, *args, **kwargs)

    def counting_sync(pipeline: BasePipeline) -> None:
        if threading.get_ident() == me:
            count[0] += 1
        enqueue_sync(pipeline)

    psycopg.Connection.wait = counting  # type: ignore[method-assign,assignment]
    BasePipeline._enqueue_sync = counting_sync  # type: ignore[method-assign,assignment]
    try:
        yield count
    finally:
        psycopg.Connection.wait = wait  # type: ignore[method-assign]
        BasePipeline._enqueue_sync = enqueue_sync  # type: ignore[method-assign]


def test_writes_and_a_report_take_one_round_trip_each(service: MockMate,
                                                       clock: FakeClock) -> None:
    user = service.create_user("Ada", "ada@example.com")
    session = service.create_session(user.id, "Mock", "Backend engineer")
    service.start_interview_timer(session.id)
    with round_trips() as question_trips:
        question_id = service.save_interview_question(session.id, 1, "Why?", "behavioral",
                                                      "easy", 2)
    clock.advance(30)
    with round_trips() as answer_trips:
        service.save_interview_answer(session.id, question_id, "Because.", 30, "ok", 7)
    service.save_interview_question(session.id, 2, "How?", "technical", "hard", 4)
    with round_trips() as report_trips:
        report = service.get_interview_report(session.id)
    # The one statement (or the one pipeline): the pool hands the connection out after a look
    # at its socket, with no round trip of its own.
    assert (question_trips[0], answer_trips[0], report_trips[0]) == (1, 1, 1)
    assert (report.total_questions, report.total_answers, report.average_score) == (2, 1, 7.0)
    assert report.user.email == "ada@example.com" and report.session.status == "active"


def test_a_transaction_is_its_begin_its_statements_and_its_commit(service: MockMate) -> None:
    user = service.create_user("Ada", "ada@example.com")
    with round_trips() as trips, service.database.transaction() as conn:
        conn.execute("SELECT 1 FROM users WHERE id = %s", (user.id,)).fetchone()
    assert trips[0] == 3


def test_a_report_of_an_unknown_session_is_refused(service: MockMate) -> None:
    with pytest.raises(NotFoundError, match="no session"):
        service.get_interview_report(MISSING)
    assert service.list_users() == []  # the connection went back to the pool usable


def test_the_counter_sees_begin_statement_and_commit(database_url: str) -> None:
    with psycopg.connect(database_url) as conn, round_trips() as trips, conn.transaction():
        conn.execute("SELECT 1").fetchone()
    assert trips[0] == 3
