"""The connection pool, and the choice between the embedded server and an external one."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from psycopg_pool import ConnectionPool, PoolTimeout

from mockmate_tui.config import Settings
from mockmate_tui.db.repo import Connection
from mockmate_tui.db.schema import apply_schema
from mockmate_tui.db.server import EmbeddedServer
from mockmate_tui.errors import DatabaseUnavailableError

log = logging.getLogger(__name__)

_CONNECT_TIMEOUT_SECONDS = 10


class Database:
    """An open pool on a migrated database, plus the embedded server it may have started."""

    def __init__(self, pool: ConnectionPool, server: EmbeddedServer | None) -> None:
        self.pool = pool
        self._server = server

    @classmethod
    def open(cls, settings: Settings, database_url: str | None = None) -> Database:
        """Connect to `database_url`, or MOCKMATE_DATABASE_URL, or the embedded server."""
        url = database_url or settings.database_url
        server = None if url else EmbeddedServer(settings.data_dir)
        try:
            conninfo = url or server.acquire()  # type: ignore[union-attr]
            _check_reachable(conninfo)
            pool = ConnectionPool(
                conninfo,
                min_size=1,
                max_size=4,
                open=False,
                name="mockmate",
                kwargs={"connect_timeout": _CONNECT_TIMEOUT_SECONDS},
            )
            pool.open(wait=True, timeout=_CONNECT_TIMEOUT_SECONDS)
            with pool.connection() as conn:
                apply_schema(conn)
        except PoolTimeout as error:
            if server:
                server.release()
            raise DatabaseUnavailableError(f"Could not connect to the database: {error}") from error
        except BaseException:
            if server:
                server.release()
            raise
        return cls(pool, server)

    @contextmanager
    def connection(self) -> Iterator[Connection]:
        """A connection for reads; whatever it did is committed when the block ends."""
        with self.pool.connection() as conn:
            yield conn

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        with self.pool.connection() as conn, conn.transaction():
            yield conn

    def close(self) -> None:
        self.pool.close()
        if self._server is not None:
            self._server.release()
            self._server = None


def _check_reachable(conninfo: str) -> None:
    """Connect once first, so that an unreachable server gets libpq's own clear reason rather
    than a pool time-out."""
    try:
        with psycopg.connect(conninfo, connect_timeout=_CONNECT_TIMEOUT_SECONDS):
            pass
    except psycopg.Error as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise DatabaseUnavailableError(
            f"Cannot connect to the database: {reason}. Check MOCKMATE_DATABASE_URL, or unset it "
            "to use MockMate's embedded database."
        ) from error
