"""A timer step (start, pause, resume, stop, heartbeat) and a draft are each stored by one
function, online and at replay: the offline journal's steps go through the writer the online
steps use, so what one path can store, the other can too."""

from __future__ import annotations

import ast
import math
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import psycopg
import pytest

from mockmate_tui.config import Settings
from mockmate_tui.core.clock import FakeClock
from mockmate_tui.service import MockMate
from tests.support.cable import Cable, cable_to
from tests.support.database import billed_seconds

SERVICE = Path(__file__).resolve().parents[2] / "mockmate_tui" / "service"

# The statements that store a timer step, a charge or a draft; only their writers call them.
WRITES = {
    "write_session", "save_interval_and_session", "close_interval_and_session",
    "open_interval", "save_open_interval", "save_draft", "charge",
}
WRITERS = {SERVICE / "timer" / "store.py", SERVICE / "journal" / "store.py"}


def test_only_the_writers_call_the_statements_that_store_a_timer_step_or_a_draft() -> None:
    callers: dict[str, set[str]] = {}
    for path in SERVICE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr in WRITES \
                    and isinstance(node.func.value, ast.Name) \
                    and node.func.value.id in ("timer_repo", "interview_repo", "charges"):
                callers.setdefault(str(path.relative_to(SERVICE)), set()).add(node.func.attr)
    assert {SERVICE / name for name in callers} <= WRITERS, callers


@pytest.fixture
def cable(database_url: str) -> Iterator[Cable]:
    with cable_to(database_url) as cable:
        yield cable


def test_an_hour_charged_at_replay_does_not_set_aside_the_steps_after_it(
        cable: Cable, clock: FakeClock, settings: Settings, database_url: str) -> None:
    """Offline, past the first hour: pause, resume, pause. At replay the first pause charges
    hour 2; the resume made on the timer before that charge is still this window's own step,
    stored, not set aside as overtaken."""
    offline = replace(settings, database_timeout_seconds=0.5)
    with MockMate.open(cable.conninfo, clock, settings=offline, heartbeat=False) as app:
        user = app.create_user("Ada", "ada@example.com")
        session = app.interviews.plan(user.id, "Mock", "Backend engineer", count=3, seed=3,
                                      follow_ups=False)
        sid = session.id
        app.interviews.start(sid)
        clock.advance(30)
        cable.unplug()
        clock.advance(3600)
        app.interviews.pause(sid)
        clock.advance(60)
        app.interviews.resume(sid)
        clock.advance(100)
        app.interviews.pause(sid)
        cable.plug()
        app.heartbeat()
        assert app.offline.pending == 0
        assert app.offline.set_aside_text(sid) is None
        assert app.offline.dropped == 0
        with psycopg.connect(database_url) as conn:
            hours = conn.execute("SELECT coalesce(hour_index, 1) FROM credit_ledger "
                                 "WHERE session_id = %s ORDER BY 1", (sid,)).fetchall()
            intervals = conn.execute("SELECT count(*) FROM timer_intervals "
                                     "WHERE session_id = %s", (sid,)).fetchone()
        assert hours == [(1,), (2,)]
        assert intervals == (2,)
        assert math.floor(billed_seconds(database_url, sid)) == 3730
