"""The connection pool, and the choice between the embedded server and an external one."""

from __future__ import annotations

import logging
import math
import re
import select
import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import psycopg
from psycopg_pool import ConnectionPool, PoolTimeout

from mockmate_tui.config import Settings
from mockmate_tui.db.repo import Connection
from mockmate_tui.db.schema import apply_schema
from mockmate_tui.db.server import EmbeddedServer
from mockmate_tui.errors import (
    DatabaseRefusedError,
    DatabaseUnavailableError,
    UnconfirmedSaveError,
)

log = logging.getLogger(__name__)

T = TypeVar("T")

# How long a connection from our own embedded server may take before we look whether it died.
_QUICK_CONNECT_SECONDS = 2
# More than the pool holds (4): after a restart every idle connection is found dropped.
_MOST_DROPPED_IN_A_ROW = 6


@dataclass(frozen=True)
class DatabaseIdentity:
    """Which database this is, as the server says (not as a URL spells it): the cluster's
    system identifier, the database's oid and the schema MockMate's tables are in. Two URLs
    naming one database have one identity; one URL pointing at another server has another."""

    key: str
    where: str
    """For a person: the database's name, its schema and its server."""


def database_identity(conn: Connection) -> DatabaseIdentity:
    try:
        with conn.transaction():  # a savepoint: a refusal below leaves the caller's going
            found = conn.execute(
                "SELECT system_identifier::text FROM pg_control_system()").fetchone()
        system = str(found[0]) if found else "?"
    except psycopg.errors.InsufficientPrivilege:
        # A server that keeps pg_control_system() from its users: where it listens instead.
        found = conn.execute("SELECT coalesce(host(inet_server_addr()), 'socket') || ':' || "
                             "current_setting('port')").fetchone()
        system = f"server {found[0] if found else '?'}"
    row = conn.execute(
        "SELECT (SELECT oid FROM pg_database WHERE datname = current_database())::text, "
        "current_database(), current_schema()"
    ).fetchone()
    assert row is not None
    oid, name, schema = (str(value) for value in row)
    host = conn.info.host
    server = f"{host}:{conn.info.port}" if not host.startswith("/") else f"socket {host}"
    return DatabaseIdentity(f"{system}/{oid}/{schema}",
                            f"database {name}, schema {schema}, on {server}")


class Database:
    """An open pool on a migrated database, plus the embedded server it may have started."""

    def __init__(self, pool: ConnectionPool, server: EmbeddedServer | None, conninfo: str,
                 timeout: float, identity: DatabaseIdentity | None = None) -> None:
        self.pool = pool
        self._server = server
        self._conninfo = conninfo
        self._timeout = timeout
        self._renewing = threading.Lock()
        self.identity = identity or DatabaseIdentity("unknown", "an unknown database")

    @property
    def embedded(self) -> bool:
        """Whether this is MockMate's own embedded server (a solo install), not a shared one."""
        return self._server is not None

    @classmethod
    def open(cls, settings: Settings, database_url: str | None = None) -> Database:
        """Connect to `database_url`, or MOCKMATE_DATABASE_URL, or the embedded server."""
        url = database_url or settings.database_url
        server = None if url else EmbeddedServer(settings.data_dir)
        timeout = settings.database_timeout_seconds
        try:
            conninfo = url or server.acquire()  # type: ignore[union-attr]
            _check_reachable(conninfo, timeout)
            pool = _new_pool(conninfo, timeout)
            pool.open(wait=True, timeout=timeout)
            with pool.connection() as conn, _unbounded(conn):
                apply_schema(conn)
                identity = database_identity(conn)
        except PoolTimeout as error:
            if server:
                server.release()
            raise DatabaseUnavailableError(
                f"Could not connect to the database: {_first_line(error, url)}") from error
        except BaseException:
            if server:
                server.release()
            raise
        return cls(pool, server, conninfo, timeout, identity)

    def renew_if_reachable(self, failed: ConnectionPool | None = None) -> bool:
        """After an outage: whether the server answers a connection of its own now (our own
        embedded server is started again if it died); if it does, the pool is replaced by a
        fresh one. A pool that failed to reconnect for a while waits longer and longer between
        its tries, and the person should not wait for it. `failed`: the pool a caller could not
        get a connection from; if another thread has replaced it meanwhile, that will do."""
        with self._renewing:
            if failed is not None and self.pool is not failed:
                return True
            try:
                if self._server is not None:
                    self._server.ensure_running()
                _check_reachable(self._conninfo, self._timeout)
            except DatabaseUnavailableError:
                return False
            fresh = _new_pool(self._conninfo, self._timeout)
            try:
                fresh.open(wait=True, timeout=self._timeout)
            except PoolTimeout:
                fresh.close()
                return False
            stale, self.pool = self.pool, fresh
        # Closed beside the caller: its workers may still be trying the old connections.
        threading.Thread(target=stale.close, name="mockmate-stale-pool", daemon=True).start()
        return True

    @contextmanager
    def connection(self) -> Iterator[Connection]:
        """A connection for reads; whatever it did is committed when the block ends."""
        with _unavailable_as_error(self._timeout), self._begun() as conn:
            yield conn

    @contextmanager
    def autocommit(self) -> Iterator[Connection]:
        """A connection in autocommit mode, for a write that is one statement or for reads:
        PostgreSQL runs a lone statement (or a pipeline up to its Sync) as a transaction of
        its own, all or nothing, so BEGIN and COMMIT would only add two round trips. A
        statement the server refused because it had ended the connection's session (a
        restart, pg_terminate_backend, an idle timeout: SQLSTATE class 57P) did not run:
        SessionEndedError, and `once_more_if_ended` runs the step again."""
        with _unavailable_as_error(self._timeout), self._live_connection() as conn, \
                autocommit_mode(conn):
            yield conn

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One transaction: committed when the block ends, rolled back if it raises. A
        connection lost at the COMMIT itself raises UnconfirmedSaveError: the server may have
        committed, so the caller must not take it as nothing saved."""
        committing = False
        try:
            with _unavailable_as_error(self._timeout), self._begun() as conn:
                yield conn
                committing = True
        except DatabaseUnavailableError as error:
            if not committing:
                raise
            raise UnconfirmedSaveError(
                "Lost the connection to the database just as this step was being saved: it "
                "may or may not be saved. Check before doing it again."
            ) from error

    @contextmanager
    def _begun(self) -> Iterator[Connection]:
        """A connection from the pool, its transaction begun (committed when the block ends,
        rolled back if it raises). The BEGIN is every step's first statement anyway, and
        nothing of the step has run before it: a connection the server dropped while it
        waited in the pool (a restart, pg_terminate_backend) fails there, and is replaced
        once, unseen, at no cost to the steps whose connection is sound (the pool hands
        connections out after a look at their socket, not a round trip: _check_idle)."""
        for attempt in (1, 2):
            with ExitStack() as stack:
                conn = stack.enter_context(self._live_connection())
                try:
                    stack.enter_context(conn.transaction())
                except psycopg.OperationalError as error:
                    if attempt == 2 or isinstance(error, StepTimeoutError) or not conn.closed:
                        raise
                    log.info("a pooled connection was dropped by the server (%s); taking "
                             "another", _first_line(error))
                    continue  # the broken connection goes back to the pool, which drops it
                yield conn
                return

    @contextmanager
    def _live_connection(self) -> Iterator[Connection]:
        """A connection from the pool. One that does not come may mean our embedded server
        died, or the pool is still backing off after an outage that is over: the server is
        tried directly (and our own started again), and a fresh pool serves the step, so the
        person's next step works instead of hanging and failing."""
        for _ in range(_MOST_DROPPED_IN_A_ROW):
            pool, stack = self.pool, ExitStack()
            quick = _QUICK_CONNECT_SECONDS if self._server is not None else None
            try:
                conn = stack.enter_context(pool.connection(timeout=quick))
            except PoolTimeout:
                if not self.renew_if_reachable(pool):
                    raise
                conn = stack.enter_context(self.pool.connection())
            with stack:  # the pool's exit: commit or roll back, give the connection back
                if not _dropped_while_idle(conn):
                    yield conn
                    return
                conn.close()  # (the pool drops a closed connection and opens another)
        raise psycopg.OperationalError("every pooled connection was dropped by the server")

    def close(self) -> None:
        self.pool.close()
        if self._server is not None:
            self._server.release()
            self._server = None


class SessionEndedError(DatabaseUnavailableError):
    """The server ended the connection's session before the statement ran (SQLSTATE class
    57P): nothing was written, and the statement may be sent again on another connection."""


def once_more_if_ended(step: Callable[[], T]) -> T:
    """`step()`, once more if the server had ended its connection's session (it was dropped
    while it waited in the pool, as the pool hands connections out without a round trip)."""
    try:
        return step()
    except SessionEndedError as error:
        log.info("a pooled connection had been dropped by the server; again on another: %s",
                 error)
        return step()


@contextmanager
def autocommit_mode(conn: Connection) -> Iterator[Connection]:
    """The connection in autocommit mode for the block. Switching is client-side only: no
    round trip."""
    conn.autocommit = True
    try:
        yield conn
    finally:
        if not conn.closed:  # a broken connection is discarded by the pool anyway
            conn.autocommit = False


@contextmanager
def _unbounded(conn: psycopg.Connection[Any]) -> Iterator[None]:
    """No time bound while the schema is set up or upgraded: a migration may rewrite a large
    table, or wait for another MockMate's migration (its advisory lock)."""
    saved = conn.step_seconds if isinstance(conn, BoundedConnection) else None
    if isinstance(conn, BoundedConnection):
        conn.step_seconds = None
    conn.execute("SET statement_timeout = 0; SET lock_timeout = 0")
    conn.commit()
    try:
        yield
    finally:
        if saved is not None:
            _set_server_bounds(conn, saved)
            assert isinstance(conn, BoundedConnection)
            conn.step_seconds = saved


@contextmanager
def _unavailable_as_error(timeout: float) -> Iterator[None]:
    """A lost server or connection reaches the caller as one clear DatabaseUnavailableError
    (nothing was written: the transaction it was in is gone with the connection)."""
    try:
        yield
    except PoolTimeout as error:
        raise DatabaseUnavailableError(
            "The database is not answering (no connection within "
            f"{timeout:g} s); nothing was saved by this step. Try again."
        ) from error
    except psycopg.OperationalError as error:
        if (error.sqlstate or "").startswith("57P"):
            raise SessionEndedError(
                f"The database ended the connection ({_first_line(error)}); nothing was saved "
                "by this step. Try again.") from error
        raise DatabaseUnavailableError(
            f"Lost the connection to the database ({_first_line(error)}); nothing was saved by "
            "this step. Try again."
        ) from error
    except psycopg.Error as error:
        # Not about the connection (an internal error, a check the database enforces): the
        # transaction is rolled back, and the caller gets one line of the MockMate family.
        raise DatabaseRefusedError(
            f"The database refused this step ({_first_line(error)}); nothing was saved by it."
        ) from error


def _first_line(error: BaseException, conninfo: str | None = None) -> str:
    text = redact(str(error), conninfo).strip()
    return text.splitlines()[0] if text else type(error).__name__


# user:password@ in a URL, and password=... in a key/value connection string. The password runs
# to the LAST `@` before the host: an unencoded `@` in it must not leave its tail behind (libpq
# reads that tail as the host name and quotes it back in its errors).
_URL_PASSWORD = re.compile(r"(?<=://)([^:/@\s]*):[^\s]*@(?=[^@\s]*$|[^@\s]*[/?\s])")
_KEYWORD_PASSWORD = re.compile(r"(password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)", re.IGNORECASE)


def redact(text: str, conninfo: str | None = None) -> str:
    """`text` with any connection password replaced by ***, for messages and logs. Given the
    connection string, its password goes wherever it appears (libpq quotes a badly encoded one
    back in its error), and so does each piece of one split by an unencoded `@`."""
    if conninfo:
        for secret in sorted(_passwords(conninfo), key=len, reverse=True):
            text = text.replace(secret, "***")
    text = _URL_PASSWORD.sub(r"\1:***@", text)
    return _KEYWORD_PASSWORD.sub(r"\1***", text)


def _passwords(conninfo: str) -> list[str]:
    found = [match.group(0)[match.group(0).index(":") + 1:-1]
             for match in _URL_PASSWORD.finditer(conninfo)]
    found += [match.group(2).strip("'") for match in _KEYWORD_PASSWORD.finditer(conninfo)]
    pieces = [piece for secret in found if "@" in secret for piece in secret.split("@")]
    return [secret for secret in found + pieces if secret]


class StepTimeoutError(psycopg.OperationalError):
    """The server did not answer within the step's bound: not worth a second try (it would
    double the person's wait); the step goes on offline."""


class BoundedConnection(psycopg.Connection[Any]):
    """A connection that waits for the server at most `step_seconds` at a time (None: no
    bound). A network that drops packets silently (no reset, no refusal) leaves a plain
    connection waiting for ever: the kernel's retransmissions and keepalives take minutes, and
    a relay in the path may answer them itself. Past the bound the connection is closed (its
    state is unknown) and the step fails as a lost connection: it goes on offline."""

    step_seconds: float | None = None

    def wait(self, gen: Any, interval: float = 0.1, timeout: float | None = None) -> Any:
        bound = timeout if timeout is not None else self.step_seconds
        try:
            return super().wait(gen, interval, bound)
        except psycopg.errors._WaitTimeout as error:
            if timeout is not None:
                raise  # the caller's own bound: its own to handle
            self.pgconn.finish()
            raise StepTimeoutError(f"the database did not answer within {bound:g} s") from error


def _set_server_bounds(conn: psycopg.Connection[Any], seconds: float) -> None:
    # set_config takes the value as a bound parameter (SET cannot).
    milliseconds = str(int(seconds * 1000))
    conn.execute("SELECT set_config('statement_timeout', %s, false), "
                 "set_config('lock_timeout', %s, false)", (milliseconds, milliseconds))
    conn.commit()


def _configure(step_seconds: float) -> Callable[[psycopg.Connection[Any]], None]:
    def configure(conn: psycopg.Connection[Any]) -> None:
        """Bound, on the server too, how long a statement runs and how long it queues for a
        lock (someone's LOCK TABLE on a shared server): past it, the statement fails, and
        the step goes on offline, rather than freeze the app. Run once per new connection,
        by the pool (behind PgBouncer in transaction mode a session setting may not follow
        the connection: there the client's own bound, above, is what holds)."""
        if isinstance(conn, BoundedConnection):
            conn.step_seconds = step_seconds
        _set_server_bounds(conn, step_seconds)

    return configure


# A statement waits at least this long before its connection is given up for lost: on a
# loaded machine (two cores, a dozen processes) a healthy round trip now and then takes seconds.
_STEP_FLOOR_SECONDS = 5.0


def step_bound(timeout: float) -> float:
    """How long a step waits for the server at most, in each wait: the database timeout
    (MOCKMATE_DATABASE_TIMEOUT_SECONDS), never under 5 s, so a loaded machine's slow moment is
    not taken for an outage."""
    return max(timeout, _STEP_FLOOR_SECONDS)


def _new_pool(conninfo: str, timeout: float) -> ConnectionPool:
    return ConnectionPool(
        conninfo,
        min_size=1,
        max_size=4,
        open=False,
        name="mockmate",
        connection_class=BoundedConnection,
        configure=_configure(step_bound(timeout)),
        kwargs={
            "connect_timeout": _libpq_seconds(timeout),
            # A connection idle on a dropped network is found by the kernel too.
            "keepalives": 1,
            "keepalives_idle": _libpq_seconds(timeout),
            "keepalives_interval": 1,
            "keepalives_count": 3,
            "tcp_user_timeout": int(step_bound(timeout) * 1000),
            # No server-side prepared statements: behind PgBouncer in transaction mode
            # a statement prepared on one server connection is unknown on the next.
            # Measured here (bench/write_path.py) they also made every pooled write
            # slower, not faster: with the check below, 3.9 ms a call instead of 1.0 ms.
            "prepare_threshold": None,
        },
        # No check by the pool (an empty query: a round trip on every step, and a sleep of
        # a second or more after each one that fails): Database._live_connection looks at
        # the connection's socket instead (_dropped_while_idle).
        timeout=timeout,
    )


def _dropped_while_idle(conn: psycopg.Connection[Any]) -> bool:
    """Whether a connection that waited in the pool is no longer usable, found without asking
    the server (the pool's own check, an empty query, cost a round trip on every step: 0.27
    ms, a fifth of an answer's write). An idle connection has nothing to read: the server says
    nothing unasked (MockMate listens to no channel). One that has something, or is closed
    (the server's "terminating connection", a restart's end of stream), is given up. One the
    server is ending at this very moment is caught by its first statement (Database._begun,
    once_more_if_ended); a server that vanished silently shows nothing here: the step's own
    time bound (BoundedConnection) finds it, and the step goes on offline."""
    if conn.closed:
        return True
    return _readable(conn.pgconn.socket)


def _readable(socket: int) -> bool:
    """Whether the socket has something to read (or its end), without waiting. poll() where
    there is one: select() cannot take a descriptor above 1023 (a process with many files
    open); Windows has no poll(), and its select() has no such limit."""
    if hasattr(select, "poll"):
        poller = select.poll()
        poller.register(socket, select.POLLIN | select.POLLERR | select.POLLHUP)
        return bool(poller.poll(0))
    readable, _, _ = select.select([socket], [], [], 0)
    return bool(readable)


def _libpq_seconds(timeout: float) -> int:
    # libpq takes whole seconds, and treats anything under 2 as 2.
    return max(2, math.ceil(timeout))


def _check_reachable(conninfo: str, timeout: float) -> None:
    """Connect once first, so that an unreachable server gets libpq's own clear reason rather
    than a pool time-out."""
    try:
        with psycopg.connect(conninfo, connect_timeout=_libpq_seconds(timeout)):
            pass
    except psycopg.Error as error:
        reason = _first_line(error, conninfo)
        raise DatabaseUnavailableError(
            f"Cannot connect to the database: {reason}. Check MOCKMATE_DATABASE_URL, or unset it "
            "to use MockMate's embedded database."
        ) from error
