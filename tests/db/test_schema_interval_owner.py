"""Schema version 4: an open interval records its owner's process; a version 3 database is
brought forward with its intervals kept, and their owner left unknown (NULL)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from uuid import UUID, uuid4

import psycopg
import pytest

from mockmate_tui.db import schema

_OWNER_COLUMNS = ("owner_host", "owner_pid", "owner_started")
OWNER_STEP = 4
"""The migration step that adds them."""


@pytest.fixture
def conn(database_url: str) -> Iterator[psycopg.Connection]:
    with psycopg.connect(database_url, autocommit=True) as connection:
        schema.apply_schema(connection)
        yield connection


def as_version_before_owners(conn: psycopg.Connection) -> None:
    """Turn the fresh database back into what the MockMate before the owner columns left."""
    conn.execute("ALTER TABLE timer_intervals DROP COLUMN owner_host, DROP COLUMN owner_pid, "
                 "DROP COLUMN owner_started")
    conn.execute("UPDATE schema_version SET version = %s", (OWNER_STEP - 1,))


def active_session(conn: psycopg.Connection) -> UUID:
    """An active session of a new user, stored directly (no MockMate in between)."""
    user_id, session_id = uuid4(), uuid4()
    conn.execute("INSERT INTO users (id, name, email) VALUES (%s, 'Ada', 'ada@example.com')",
                 (user_id,))
    conn.execute("INSERT INTO sessions (id, user_id, session_name, job_title, status) "
                 "VALUES (%s, %s, 'Mock', 'Dev', 'active')", (session_id, user_id))
    return session_id


def owner_columns(conn: psycopg.Connection) -> set[str]:
    rows = conn.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = "
        "current_schema() AND table_name = 'timer_intervals'").fetchall()
    return {row[0] for row in rows} & set(_OWNER_COLUMNS)


def test_an_older_database_gains_the_owner_columns_keeping_its_intervals(
    conn: psycopg.Connection,
) -> None:
    session_id, owner, now = active_session(conn), uuid4(), datetime(2026, 1, 5, 9, tzinfo=UTC)
    as_version_before_owners(conn)
    conn.execute("INSERT INTO timer_intervals (session_id, started_at, heartbeat_at, owner_id, "
                 "running_seconds) VALUES (%s, %s, %s, %s, 42)", (session_id, now, now, owner))

    assert schema.apply_schema(conn) == schema.SCHEMA_VERSION

    assert owner_columns(conn) == set(_OWNER_COLUMNS)
    row = conn.execute("SELECT owner_id, running_seconds, owner_host, owner_pid, owner_started "
                       "FROM timer_intervals WHERE session_id = %s", (session_id,)).fetchone()
    assert row == (owner, 42.0, None, None, None)
    assert schema.stored_version(conn) == schema.SCHEMA_VERSION


def test_the_owner_step_is_harmless_on_a_database_that_already_has_the_columns(
    conn: psycopg.Connection,
) -> None:
    with conn.transaction():
        conn.execute(schema.MIGRATIONS[OWNER_STEP].encode())
    assert owner_columns(conn) == set(_OWNER_COLUMNS)


def test_version_7_adds_the_owners_heartbeat_keeping_open_intervals(
    conn: psycopg.Connection,
) -> None:
    session_id, owner, now = active_session(conn), uuid4(), datetime(2026, 1, 5, 9, tzinfo=UTC)
    conn.execute("ALTER TABLE timer_intervals DROP COLUMN owner_heartbeat_seconds")
    conn.execute("UPDATE schema_version SET version = 6")
    conn.execute("INSERT INTO timer_intervals (session_id, started_at, heartbeat_at, owner_id) "
                 "VALUES (%s, %s, %s, %s)", (session_id, now, now, owner))

    assert schema.apply_schema(conn) == schema.SCHEMA_VERSION

    row = conn.execute("SELECT owner_id, owner_heartbeat_seconds FROM timer_intervals "
                       "WHERE session_id = %s", (session_id,)).fetchone()
    assert row == (owner, None)  # unknown: judged by the looking window's beat, as before
