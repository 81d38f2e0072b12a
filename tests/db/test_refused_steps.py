"""A step that is refused writes nothing (issue 18, cases 5 and 11): its checks come before any
write, in the transaction that would write."""

from __future__ import annotations

import psycopg
import pytest

from mockmate_tui.core.clock import FakeClock
from mockmate_tui.errors import TimerStateError
from mockmate_tui.service import MockMate


def drafts(database_url: str, sid: str) -> list[tuple[int, str]]:
    with psycopg.connect(database_url) as conn:
        return [(int(row[0]), str(row[1])) for row in conn.execute(
            "SELECT question_number, draft FROM interview_plan WHERE session_id = %s "
            "AND draft <> '' ORDER BY question_number", (sid,))]


@pytest.mark.parametrize("step", ["stop", "pause"])
def test_a_refused_stop_or_pause_on_a_completed_interview_keeps_its_draft(
        service: MockMate, clock: FakeClock, database_url: str, step: str) -> None:
    user = service.create_user("Ada", "ada@example.com")
    session = service.interviews.plan(user.id, "Mock", "Backend engineer", count=3, seed=3,
                                      follow_ups=False)
    service.interviews.start(session.id)
    clock.advance(30)
    service.interviews.stop(session.id, draft="what I was typing when I stopped")
    assert drafts(database_url, session.id) == [(1, "what I was typing when I stopped")]

    with pytest.raises(TimerStateError, match="completed"):
        getattr(service.interviews, step)(session.id, draft="written over by a refused step")
    assert drafts(database_url, session.id) == [(1, "what I was typing when I stopped")]
