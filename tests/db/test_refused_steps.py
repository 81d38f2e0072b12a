"""A step that is refused writes nothing (issue 18, cases 5 and 11): its checks come before any
write, in the transaction that would write."""

from __future__ import annotations

import uuid

import psycopg
import pytest
from psycopg import sql

from mockmate_tui.cli import main
from mockmate_tui.core.clock import FakeClock
from mockmate_tui.errors import ConflictError, MockMateError, TimerStateError
from mockmate_tui.service import MockMate, sharing
from tests.support.faults import install_faults


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


# -- case 11: server errors, a lost reply, a profile taken from its role ----------------------

def _raise_internal_error_on(database_url: str, table: str) -> None:
    """A server error that is not about the connection (SQLSTATE XX000) on every write."""
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(
            "CREATE FUNCTION broken() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "RAISE EXCEPTION 'something inside the server broke' USING ERRCODE = 'XX000'; "
            "END $$")
        conn.execute(f"CREATE TRIGGER broken BEFORE INSERT OR UPDATE ON {table} "
                     "FOR EACH ROW EXECUTE FUNCTION broken()")


@pytest.mark.parametrize("table", ["interview_answers", "sessions"])
def test_a_server_error_that_is_not_about_the_connection_is_one_mockmate_line(
        service: MockMate, clock: FakeClock, database_url: str, table: str) -> None:
    user = service.create_user("Ada", "ada@example.com")
    sid = service.interviews.plan(user.id, "Mock", "Engineer", count=3, seed=3,
                                  follow_ups=False).id
    service.interviews.start(sid)
    clock.advance(30)
    _raise_internal_error_on(database_url, table)
    step = (lambda: service.interviews.submit(sid, "An answer about queues.")) \
        if table == "interview_answers" else (lambda: service.interviews.pause(sid))
    with pytest.raises(MockMateError) as raised:
        step()
    assert not isinstance(raised.value, psycopg.Error)
    message = str(raised.value)
    assert "\n" not in message and "something inside the server broke" in message
    assert service.offline.pending == 0  # a refusal, not an outage: nothing journaled


def test_an_answer_whose_reply_was_lost_is_reported_saved_once(
        service: MockMate, database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    user = service.create_user("Ada", "ada@example.com")
    session = service.create_session(user.id, "Mock", "Engineer")
    question = service.save_interview_question(session.id, 1, "Tell me about a queue.",
                                               "technical", "medium", 5)
    faults = install_faults(monkeypatch)
    faults.begin((0, "unanswered"))  # the INSERT ran (and committed); its reply never came
    try:
        answer_id = service.save_interview_answer(session.id, question, "A queue answer.", 40)
    finally:
        faults.end()
    assert faults.fired
    with psycopg.connect(database_url) as conn:
        rows = conn.execute("SELECT id::text FROM interview_answers").fetchall()
    assert rows == [(answer_id,)]


def test_assign_refuses_to_take_a_profile_from_the_role_that_owns_it(
        service: MockMate, database_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    role = f"mm_taker_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE ROLE {}").format(sql.Identifier(role)))
    try:
        mine = service.create_user("Olga Owner", "olga@example.com")  # the owner's own
        assert service.local_user() == mine
        with pytest.raises(ConflictError, match="--force"):
            sharing.assign_profile(service.database, "olga@example.com", role)
        assert service.local_user() == mine
        assert main(["--database-url", database_url, "db", "assign", "olga@example.com",
                     role]) == 2
        assert "--force" in capsys.readouterr().err
        assert service.local_user() == mine
        assert main(["--database-url", database_url, "db", "assign", "olga@example.com",
                     role, "--force"]) == 0
        assert service.local_user() is None
    finally:
        with psycopg.connect(database_url, autocommit=True) as conn:
            conn.execute("UPDATE users SET db_role = NULL WHERE db_role = %s", (role,))
            conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))
