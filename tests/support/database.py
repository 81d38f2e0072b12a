"""A real PostgreSQL server, and a fresh schema on it that is dropped afterwards."""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.conninfo import make_conninfo

from mockmate_tui.db.server import EmbeddedServer

TEST_DATABASE_URL_ENV = "MOCKMATE_TEST_DATABASE_URL"
BENCH_DATABASE_URL_ENV = "MOCKMATE_BENCH_DATABASE_URL"


@contextmanager
def postgres_server(*url_envs: str, label: str = "test") -> Iterator[str]:
    """The server named by the first of the environment variables `url_envs` that is set, else
    an embedded server started in a temporary folder, stopped and deleted afterwards."""
    for name in url_envs:
        if os.environ.get(name):
            yield os.environ[name]
            return
    # Not under pytest's tmp_path: that lives in a 0700 folder the server's account (when
    # tests run as root) could not enter.
    folder = Path(tempfile.mkdtemp(prefix=f"mockmate-{label}-pg-"))
    server = EmbeddedServer(folder)
    try:
        yield server.acquire()
    finally:
        server.release()
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def throwaway_schema(conninfo: str, prefix: str = "test") -> Iterator[str]:
    """A connection string to the same server whose tables live in a fresh schema of their
    own (through search_path), so runs never see each other's rows; dropped afterwards."""
    schema = f"{prefix}_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    try:
        yield make_conninfo(conninfo, options=f"-c search_path={schema}")
    finally:
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


@contextmanager
def bench_database(prefix: str = "bench") -> Iterator[str]:
    """The benchmarks' throwaway schema: on MOCKMATE_BENCH_DATABASE_URL, else the tests'
    server, else an embedded one."""
    with postgres_server(BENCH_DATABASE_URL_ENV, TEST_DATABASE_URL_ENV, label="bench") as url, \
            throwaway_schema(url, prefix) as conninfo:
        yield conninfo


def billed_seconds(database_url: str, session_id: str) -> float:
    """A session's running seconds exactly as stored: the sum of its intervals (the service's
    figures round to whole seconds)."""
    with psycopg.connect(database_url) as conn:
        row = conn.execute("SELECT coalesce(sum(running_seconds), 0) FROM timer_intervals "
                           "WHERE session_id = %s", (session_id,)).fetchone()
    assert row is not None
    return float(row[0])
