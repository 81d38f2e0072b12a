"""Timer queries: what the database knows about a session's timer, and how a transition is saved.

A session's timer is its running intervals (timer_intervals) plus the timer columns of its
sessions row. Every transition writes that row once, with all its timer columns together
(`SessionTimerColumns`). Functions here never commit: the caller's transaction decides what
is written together, and `repo.lock_session` serialises the transitions of one session.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any, LiteralString
from uuid import UUID

from psycopg.rows import class_row

from mockmate_tui.db.repo import Connection, lock_session
from mockmate_tui.errors import NotFoundError
from mockmate_tui.records import SessionStatus

# The rows here are plain frozen dataclasses, each column already of its field's type (uuid,
# double precision, integer, timestamptz): crash recovery reads them at every start, which the
# app at rest makes without pydantic (issue 21). The journal's timer entries hold
# SessionTimerColumns, which pydantic reads and writes there as it did when it was a model.


@dataclass(frozen=True, kw_only=True)
class StoredTimer:
    """What the database knows about one session's timer."""

    session_id: UUID
    user_id: UUID
    status: SessionStatus
    started_at: datetime | None
    ended_at: datetime | None
    intervals: int
    """How many running intervals the session has had (each start or resume opens one)."""
    closed_running_seconds: float
    open_running_seconds: float | None
    open_started_at: datetime | None
    open_owner_id: UUID | None
    open_owner_host: str | None
    open_owner_pid: int | None
    open_owner_started: float | None
    open_owner_heartbeat_seconds: float | None = None
    open_heartbeat_at: datetime | None
    open_silent_db_seconds: float | None = None
    """How long ago the open interval was last written, by the database's own clock (None:
    written before the database kept that)."""
    paused_seconds: float
    paused_at: datetime | None
    credits_used: int
    charged: int
    """Credits charged for the session in the ledger (the start, then one per hour)."""


@dataclass(frozen=True)
class IntervalOwner:
    """The MockMate instance measuring an open interval, and the process it runs in: the host
    name, pid and process start time let another process on the same host see at once that the
    owner has died (a reused pid has another start time), without waiting for its heartbeat to
    go stale."""

    owner_id: UUID
    host: str
    pid: int
    started: float
    heartbeat_seconds: float | None = None
    """How often it saves the interval (None: not known)."""


@dataclass(frozen=True, kw_only=True)
class OpenInterval:
    """A running interval as crash recovery sees it."""

    session_id: UUID
    heartbeat_at: datetime
    owner_host: str | None
    owner_pid: int | None
    owner_started: float | None
    owner_heartbeat_seconds: float | None = None
    silent_db_seconds: float | None = None
    """How long ago it was last written, by the database's own clock."""


@dataclass(frozen=True)
class SessionTimerColumns:
    """The timer columns of a sessions row, as one transition leaves them."""

    status: SessionStatus
    started_at: datetime | None
    paused_at: datetime | None
    paused_seconds: float
    ended_at: datetime | None
    interview_duration: int
    credits_used: int


def get_stored_timer(conn: Connection, session_id: UUID) -> StoredTimer | None:
    """Read after `repo.lock_session`, in a statement of its own: under READ COMMITTED that
    statement sees every interval and charge committed before the lock was granted."""
    with conn.cursor(row_factory=class_row(StoredTimer)) as cur:
        cur.execute(
            """
            SELECT s.id AS session_id, s.user_id, s.status, s.started_at, s.ended_at,
                   (SELECT count(*) FROM timer_intervals WHERE session_id = s.id) AS intervals,
                   coalesce((SELECT sum(running_seconds) FROM timer_intervals
                             WHERE session_id = s.id AND ended_at IS NOT NULL), 0)
                       AS closed_running_seconds,
                   o.running_seconds AS open_running_seconds, o.started_at AS open_started_at,
                   o.owner_id AS open_owner_id, o.owner_host AS open_owner_host,
                   o.owner_pid AS open_owner_pid, o.owner_started AS open_owner_started,
                   o.owner_heartbeat_seconds AS open_owner_heartbeat_seconds,
                   o.heartbeat_at AS open_heartbeat_at,
                   extract(epoch FROM clock_timestamp() - o.heartbeat_db_at)::float8
                       AS open_silent_db_seconds,
                   s.paused_seconds, s.paused_at, s.credits_used,
                   (SELECT count(*) FROM credit_ledger
                    WHERE session_id = s.id AND reason IN ('session_start', 'hour')) AS charged
            FROM sessions s
            LEFT JOIN timer_intervals o ON o.session_id = s.id AND o.ended_at IS NULL
            WHERE s.id = %s
            """,
            (session_id,),
        )
        return cur.fetchone()


# -- writing a transition -------------------------------------------------------------------

_WRITE_SESSION: LiteralString = (
    "UPDATE sessions s SET status = %(status)s, started_at = %(started_at)s, "
    "paused_at = %(paused_at)s, paused_seconds = %(paused_seconds)s, ended_at = %(ended_at)s, "
    "interview_duration = %(interview_duration)s, credits_used = %(credits_used)s "
)
# An open interval is changed only by the owner that measures it.
_OURS: LiteralString = (
    "WHERE session_id = %(session_id)s AND ended_at IS NULL AND owner_id = %(owner_id)s "
)
_SAVE_INTERVAL: LiteralString = (
    "UPDATE timer_intervals SET running_seconds = %(running_seconds)s, heartbeat_at = %(at)s "
)
# A closed interval has no owner: the owner columns say who measures it while it is open.
_CLOSE_INTERVAL: LiteralString = (
    "UPDATE timer_intervals SET running_seconds = %(running_seconds)s, heartbeat_at = %(at)s, "
    "ended_at = %(at)s, owner_id = NULL, owner_host = NULL, owner_pid = NULL, "
    "owner_started = NULL, owner_heartbeat_seconds = NULL "
)


def _parameters(session_id: UUID, columns: SessionTimerColumns, **more: Any) -> dict[str, Any]:
    return {"session_id": session_id, **asdict(columns), **more}


def write_session(conn: Connection, session_id: UUID, columns: SessionTimerColumns) -> None:
    """A transition with no interval of ours to save (a resume, or a stop while paused)."""
    conn.execute(_WRITE_SESSION + "WHERE s.id = %(session_id)s",
                 _parameters(session_id, columns))


def save_interval_and_session(conn: Connection, session_id: UUID, owner_id: UUID,
                              running_seconds: float, at: datetime,
                              columns: SessionTimerColumns) -> bool:
    """Record how long the open interval has run and write the session, in one statement.
    False, and nothing written, if the interval is not this owner's any more."""
    return _with_interval(conn, _SAVE_INTERVAL, session_id, owner_id, running_seconds, at,
                          columns)


def close_interval_and_session(conn: Connection, session_id: UUID, owner_id: UUID,
                               running_seconds: float, at: datetime,
                               columns: SessionTimerColumns) -> bool:
    """End the open interval this owner measures and write the session, in one statement (a
    pause or a stop). False, and nothing written, if the interval is not this owner's any more
    (another process recovered it after this one stopped reporting)."""
    return _with_interval(conn, _CLOSE_INTERVAL, session_id, owner_id, running_seconds, at,
                          columns)


def _with_interval(conn: Connection, interval_update: LiteralString, session_id: UUID,
                   owner_id: UUID, running_seconds: float, at: datetime,
                   columns: SessionTimerColumns) -> bool:
    # The session is written only FROM the interval row the owner still holds, so losing the
    # interval to crash recovery writes nothing at all.
    row = conn.execute(
        "WITH ours AS (" + interval_update + _OURS + "RETURNING session_id) "
        + _WRITE_SESSION + "FROM ours WHERE s.id = ours.session_id RETURNING s.id",
        _parameters(session_id, columns, owner_id=owner_id, running_seconds=running_seconds,
                    at=at),
    ).fetchone()
    return row is not None


def set_interview_duration(conn: Connection, session_id: UUID, minutes: int) -> None:
    conn.execute("UPDATE sessions SET interview_duration = %s WHERE id = %s",
                 (minutes, session_id))


# -- intervals ------------------------------------------------------------------------------

def open_interval(conn: Connection, session_id: UUID, at: datetime,
                  owner: IntervalOwner) -> bool:
    """Open the session's running interval, owned by `owner`. False, and nothing written, if
    one is open already (the caller says where it runs; a raw unique violation would also
    abort the caller's transaction)."""
    row = conn.execute(
        "INSERT INTO timer_intervals (session_id, started_at, heartbeat_at, owner_id, "
        "owner_host, owner_pid, owner_started, owner_heartbeat_seconds) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s) "
        "ON CONFLICT (session_id) WHERE ended_at IS NULL DO NOTHING RETURNING id",
        (session_id, at, at, owner.owner_id, owner.host, owner.pid, owner.started,
         owner.heartbeat_seconds),
    ).fetchone()
    return row is not None


def save_open_interval(conn: Connection, session_id: UUID, owner_id: UUID,
                       running_seconds: float, at: datetime) -> bool:
    """The heartbeat inside paid hours: record how long the open interval has run (the
    session row has nothing new). False if the interval is not ours."""
    row = conn.execute(
        _SAVE_INTERVAL + _OURS + "RETURNING id",
        {"running_seconds": running_seconds, "at": at, "session_id": session_id,
         "owner_id": owner_id},
    ).fetchone()
    return row is not None


# -- crash recovery -------------------------------------------------------------------------

def close_interval_at_last_heartbeat(conn: Connection, session_id: UUID) -> None:
    """Crash recovery: end an abandoned interval where its owner last reported, so time nobody
    saw is never billed; the session becomes paused from that moment."""
    conn.execute(
        """
        WITH closed AS (
            UPDATE timer_intervals SET ended_at = heartbeat_at, owner_id = NULL,
                   owner_host = NULL, owner_pid = NULL, owner_started = NULL,
                   owner_heartbeat_seconds = NULL
            WHERE session_id = %s AND ended_at IS NULL
            RETURNING session_id, heartbeat_at
        )
        UPDATE sessions s SET status = 'paused', paused_at = closed.heartbeat_at
        FROM closed WHERE s.id = closed.session_id
        """,
        (session_id,),
    )


def open_intervals(conn: Connection) -> list[OpenInterval]:
    """Every running interval, with who measures it (for crash recovery)."""
    with conn.cursor(row_factory=class_row(OpenInterval)) as cur:
        cur.execute(
            "SELECT session_id, heartbeat_at, owner_host, owner_pid, owner_started, "
            "owner_heartbeat_seconds, "
            "extract(epoch FROM clock_timestamp() - heartbeat_db_at)::float8 "
            "AS silent_db_seconds "
            "FROM timer_intervals WHERE ended_at IS NULL"
        )
        return cur.fetchall()


def stored_timer(conn: Connection, sid: UUID) -> StoredTimer:
    stored = get_stored_timer(conn, sid)
    if stored is None:
        raise NotFoundError(f"There is no session with id {sid}.")
    return stored


def locked_stored_timer(conn: Connection, sid: UUID) -> StoredTimer:
    """The session's timer as stored, with the session's row locked until the transaction
    ends, so transitions of one session (from any process) happen one at a time."""
    if not lock_session(conn, sid):
        raise NotFoundError(f"There is no session with id {sid}.")
    return stored_timer(conn, sid)
