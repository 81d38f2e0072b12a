"""Shared fixtures: a real PostgreSQL for every database test, a FakeClock, a MockMate.

PostgreSQL is the server named by MOCKMATE_TEST_DATABASE_URL if set, else an embedded server
started once for the run in a throwaway folder. Each test gets its own schema, dropped after it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import make_conninfo

from mockmate_tui.config import Settings
from mockmate_tui.core.clock import FakeClock
from mockmate_tui.db.server import EmbeddedServer
from mockmate_tui.service import MockMate

TEST_DATABASE_URL_ENV = "MOCKMATE_TEST_DATABASE_URL"


@pytest.fixture(scope="session")
def server_conninfo() -> Iterator[str]:
    """A PostgreSQL server for the whole run."""
    external = os.environ.get(TEST_DATABASE_URL_ENV)
    if external:
        yield external
        return
    # Not under pytest's tmp_path: that lives in a 0700 folder the server's account
    # (when tests run as root) could not enter.
    data_dir = Path(tempfile.mkdtemp(prefix="mockmate-test-pg-"))
    server = EmbeddedServer(data_dir)
    try:
        yield server.acquire()
    finally:
        server.release()
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture
def database_url(server_conninfo: str) -> Iterator[str]:
    """A connection string whose tables live in a fresh schema of their own."""
    schema = f"test_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(server_conninfo, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    try:
        yield make_conninfo(server_conninfo, options=f"-c search_path={schema}")
    finally:
        with psycopg.connect(server_conninfo, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", database_url=None, starting_credits=10)


@pytest.fixture
def service(database_url: str, clock: FakeClock, settings: Settings) -> Iterator[MockMate]:
    """A MockMate on a throwaway schema, driven by a FakeClock; no heartbeat thread (tests
    call heartbeat() themselves)."""
    mockmate = MockMate.open(database_url, clock, settings=settings, heartbeat=False)
    try:
        yield mockmate
    finally:
        mockmate.close()
