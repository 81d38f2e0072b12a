"""A server that drops MockMate's connections, or cannot be reached: the person sees either
nothing (a dropped connection is replaced) or one clear line without the URL's password."""

from __future__ import annotations

from contextlib import ExitStack

import psycopg
import pytest

from mockmate_tui.config import Settings
from mockmate_tui.db.pool import Database, redact
from mockmate_tui.errors import DatabaseUnavailableError
from mockmate_tui.service import MockMate


def pool_backend_pids(service: MockMate, how_many: int) -> list[int]:
    """The server pids of `how_many` of the pool's connections (held at once, so distinct)."""
    with ExitStack() as stack:
        connections = [stack.enter_context(service.database.connection())
                       for _ in range(how_many)]
        return [conn.info.backend_pid for conn in connections]


def test_connections_dropped_by_the_server_are_replaced_unseen(
        service: MockMate, server_conninfo: str) -> None:
    user = service.create_user("Ada", "ada@example.com")
    session = service.create_session(user.id, "Mock", "Engineer")
    pids = pool_backend_pids(service, 3)
    with psycopg.connect(server_conninfo, autocommit=True) as admin:
        for pid in pids:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    # Every operation works at its first try: none sees "terminating connection".
    assert service.get_user(user.id).name == "Ada"
    assert service.list_sessions(user.id)[0].id == session.id
    service.start_interview_timer(session.id)
    question = service.save_interview_question(session.id, 1, "Why us?", "behavioral",
                                                "easy", 2)
    service.save_interview_answer(session.id, question, "Because.", 10)
    service.pause_interview_timer(session.id)
    assert service.get_interview_report(session.id).total_answers == 1


def test_an_unreachable_server_is_one_clear_line_without_the_password(
        settings: Settings) -> None:
    url = "postgresql://someone:s3cret%zzPW@127.0.0.1:1/mockmate"
    with pytest.raises(DatabaseUnavailableError) as raised:
        Database.open(settings, url)
    message = str(raised.value)
    assert "s3cret" not in message and "zzPW" not in message
    assert "\n" not in message


@pytest.mark.parametrize(("text", "expected"), [
    ("postgresql://user:s3cretPW@[::1/db", "postgresql://user:***@[::1/db"),
    ("postgres://u:p%40ss@host:5432/db?sslmode=require", "postgres://u:***@host:5432/db?sslmode=require"),
    ("host=db password='a b\\'c' user=x", "host=db password=*** user=x"),
    ("dbname=x PASSWORD=plain", "dbname=x PASSWORD=***"),
    ("postgresql://user@host/db", "postgresql://user@host/db"),
])
def test_passwords_are_redacted_from_connection_strings(text: str, expected: str) -> None:
    assert redact(text) == expected
