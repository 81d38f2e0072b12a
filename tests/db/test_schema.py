"""schema.sql on real PostgreSQL: idempotent, versioned, constrained, cascading."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from uuid import uuid4

import psycopg
import pytest

from mockmate_tui.config import Settings
from mockmate_tui.db import schema
from mockmate_tui.errors import SchemaVersionError
from mockmate_tui.service import MockMate


@pytest.fixture
def conn(database_url: str) -> Iterator[psycopg.Connection]:
    with psycopg.connect(database_url, autocommit=True) as connection:
        schema.apply_schema(connection)
        yield connection


def test_applying_twice_changes_nothing(conn: psycopg.Connection) -> None:
    assert schema.stored_version(conn) == schema.SCHEMA_VERSION
    assert schema.apply_schema(conn) == schema.SCHEMA_VERSION
    # The DDL itself, run again over an existing schema, must be harmless too.
    with conn.transaction():
        conn.execute(schema.schema_sql().encode())
    assert schema.stored_version(conn) == schema.SCHEMA_VERSION


def test_a_database_from_a_newer_mockmate_is_refused(conn: psycopg.Connection) -> None:
    conn.execute("UPDATE schema_version SET version = %s", (schema.SCHEMA_VERSION + 1,))
    with pytest.raises(SchemaVersionError, match="newer MockMate"):
        schema.apply_schema(conn)


def test_migrations_bring_an_old_database_forward_keeping_its_data(
    conn: psycopg.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    user_id = uuid4()
    conn.execute("INSERT INTO users (id, name, email) VALUES (%s, 'Ada', 'ada@example.com')",
                 (user_id,))
    monkeypatch.setattr(schema, "SCHEMA_VERSION", schema.SCHEMA_VERSION + 1)
    monkeypatch.setitem(
        schema.MIGRATIONS, schema.SCHEMA_VERSION,
        "ALTER TABLE users ADD COLUMN nickname text NOT NULL DEFAULT 'friend'",
    )
    assert schema.apply_schema(conn) == schema.SCHEMA_VERSION
    row = conn.execute("SELECT name, nickname FROM users WHERE id = %s", (user_id,)).fetchone()
    assert row == ("Ada", "friend")
    assert schema.stored_version(conn) == schema.SCHEMA_VERSION


def test_every_foreign_key_has_an_index(conn: psycopg.Connection) -> None:
    unindexed = conn.execute(
        """
        SELECT c.conrelid::regclass::text, c.conname
        FROM pg_constraint c
        WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace
          AND NOT EXISTS (
            SELECT 1 FROM pg_index i
            WHERE i.indrelid = c.conrelid
              AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] = c.conkey
          )
        """
    ).fetchall()
    assert unindexed == []


def _user(conn: psycopg.Connection) -> object:
    user_id = uuid4()
    conn.execute("INSERT INTO users (id, name, email) VALUES (%s, 'U', %s)",
                 (user_id, f"{user_id}@example.com"))
    return user_id


def _session(conn: psycopg.Connection, user_id: object) -> object:
    session_id = uuid4()
    conn.execute(
        "INSERT INTO sessions (id, user_id, session_name, job_title) VALUES (%s, %s, 's', 'j')",
        (session_id, user_id),
    )
    return session_id


def _question(conn: psycopg.Connection, session_id: object, number: int = 1) -> object:
    question_id = uuid4()
    conn.execute(
        "INSERT INTO interview_questions (id, session_id, question_number, question_text, "
        "category, difficulty_level, expected_duration) "
        "VALUES (%s, %s, %s, 'Q?', 'technical', 'easy', 2)",
        (question_id, session_id, number),
    )
    return question_id


def _answer(conn: psycopg.Connection, session_id: object, question_id: object) -> None:
    conn.execute(
        "INSERT INTO interview_answers (id, question_id, session_id, answer_text, response_time,"
        " ai_score) VALUES (%s, %s, %s, 'A', 10, 5)",
        (uuid4(), question_id, session_id),
    )


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE interview_questions SET category = 'trivia'",
        "UPDATE interview_questions SET difficulty_level = 'extreme'",
        "UPDATE interview_questions SET expected_duration = -1",
        "UPDATE interview_answers SET ai_score = 11",
        "UPDATE interview_answers SET ai_score = 0",
        "UPDATE interview_answers SET response_time = -1",
        "UPDATE sessions SET status = 'archived'",
        "UPDATE sessions SET interview_duration = -1",
        "UPDATE sessions SET credits_used = -1",
        "UPDATE users SET credit_balance = -1",
        "UPDATE timer_intervals SET running_seconds = -1",
    ],
)
def test_check_constraints_guard_the_data(conn: psycopg.Connection, statement: str) -> None:
    session_id = _session(conn, _user(conn))
    _answer(conn, session_id, _question(conn, session_id))
    conn.execute(
        "INSERT INTO timer_intervals (session_id, started_at, heartbeat_at) "
        "VALUES (%s, now(), now())",
        (session_id,),
    )
    with pytest.raises(psycopg.errors.CheckViolation):
        conn.execute(statement)


def test_question_numbers_are_unique_per_session(conn: psycopg.Connection) -> None:
    session_id = _session(conn, _user(conn))
    _question(conn, session_id, 1)
    with pytest.raises(psycopg.errors.UniqueViolation):
        _question(conn, session_id, 1)
    _question(conn, _session(conn, _user(conn)), 1)


def test_deleting_a_user_removes_everything_of_theirs(conn: psycopg.Connection) -> None:
    user_id = _user(conn)
    session_id = _session(conn, user_id)
    _answer(conn, session_id, _question(conn, session_id))
    conn.execute(
        "INSERT INTO credit_ledger (user_id, session_id, delta, reason) "
        "VALUES (%s, %s, -1, 'session_start')",
        (user_id, session_id),
    )
    conn.execute("DELETE FROM users WHERE id = %s", (user_id,))
    for table in ("sessions", "interview_questions", "interview_answers", "credit_ledger"):
        row = conn.execute(f"SELECT count(*) FROM {table}").fetchone()  # noqa: S608
        assert row == (0,), table


def test_the_ledger_is_append_only(conn: psycopg.Connection) -> None:
    user_id = _user(conn)
    conn.execute(
        "INSERT INTO credit_ledger (user_id, delta, reason) VALUES (%s, 5, 'top_up')", (user_id,)
    )
    with pytest.raises(psycopg.errors.IntegrityConstraintViolation, match="append-only"):
        conn.execute("UPDATE credit_ledger SET delta = 500")
    with pytest.raises(psycopg.errors.IntegrityConstraintViolation, match="append-only"):
        conn.execute("DELETE FROM credit_ledger")


def test_one_charge_per_hour_per_session(conn: psycopg.Connection) -> None:
    user_id = _user(conn)
    session_id = _session(conn, user_id)
    charge = ("INSERT INTO credit_ledger (user_id, session_id, delta, reason, hour_index) "
              "VALUES (%s, %s, -1, 'hour', 2)")
    conn.execute(charge, (user_id, session_id))
    with pytest.raises(psycopg.errors.UniqueViolation):
        conn.execute(charge, (user_id, session_id))


def test_processes_racing_to_open_a_new_database_set_it_up_once(
        database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Several MockMates opening a brand-new database at once: one applies the schema, the
    others wait for it and use it (before, each ran the DDL again, which deadlocked with the
    first one's profile)."""
    applied: list[str] = []
    original = schema.schema_sql

    def counted() -> str:
        applied.append(threading.current_thread().name)
        return original()

    monkeypatch.setattr(schema, "schema_sql", counted)
    errors: list[BaseException] = []
    settings = Settings(data_dir=tmp_path, database_url=None, starting_credits=10)

    def open_and_make_a_profile(number: int) -> None:
        try:
            with MockMate.open(database_url, settings=settings, heartbeat=False) as service:
                service.create_user(f"Client {number}", f"client{number}@example.com")
        except BaseException as error:  # reported below, with the others
            errors.append(error)

    threads = [threading.Thread(target=open_and_make_a_profile, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len(applied) == 1
    with psycopg.connect(database_url) as conn:
        row = conn.execute("SELECT count(*), count(db_role) FROM users").fetchone()
    assert row == (8, 1)  # one profile is the connected role's; the owner made the others
