"""Faults injected into psycopg on a real PostgreSQL: every statement an operation sends, and
its COMMIT, is a position where the connection can be lost.

- "lost": the connection is lost before the statement reaches the server (nothing ran);
- "unanswered": the statement ran but its reply never came. At the COMMIT that is the hard
  case: the database has the change and the caller was told it failed.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

import psycopg
import pytest
from psycopg import pq

KINDS = ("lost", "unanswered")


@dataclass
class Faults:
    """Counts the fault positions of the operation in progress, and fails the armed one."""

    thread: int = field(default_factory=threading.get_ident)
    counting: bool = False
    armed: tuple[int, str] | None = None
    positions: list[str] = field(default_factory=list)
    fired: bool = False

    also: dict[int, str] = field(default_factory=dict)
    """Further positions to fail, by index (for a fault that lasts)."""

    def begin(self, armed: tuple[int, str] | None, also: dict[int, str] | None = None) -> None:
        self.counting, self.armed, self.positions, self.fired = True, armed, [], False
        self.also = also or {}

    def end(self) -> None:
        self.counting = False

    def step(self, what: str) -> str | None:
        """Record a position; the kind of fault to raise there, if it is the armed one."""
        if not self.counting or threading.get_ident() != self.thread:
            return None
        index = len(self.positions)
        self.positions.append(what)
        if self.armed is not None and self.armed[0] == index and not self.fired:
            self.fired = True
            return self.armed[1]
        return self.also.get(index)


def _lost(where: str) -> psycopg.OperationalError:
    return psycopg.OperationalError(f"injected fault: server closed the connection ({where})")


def install_faults(monkeypatch: pytest.MonkeyPatch) -> Faults:
    """Patch psycopg for this test so the returned Faults decides where it fails."""
    faults = Faults()
    execute, tx_exit, commit = (psycopg.Cursor.execute, psycopg.Transaction.__exit__,
                                psycopg.Connection.commit)

    def failing_execute(cursor: psycopg.Cursor[Any], query: Any, *args: Any,
                        **kwargs: Any) -> Any:
        kind = None if query == "" else faults.step(" ".join(str(query).split())[:40])
        if kind == "lost":
            raise _lost("statement")
        result = execute(cursor, query, *args, **kwargs)
        if kind == "unanswered":
            raise _lost("after the statement ran")
        return result

    def failing_tx_exit(tx: psycopg.Transaction, exc_type: Any, exc: Any, tb: Any) -> Any:
        kind = faults.step("COMMIT") if exc_type is None else None
        if kind == "lost":
            error = _lost("before COMMIT")
            tx_exit(tx, type(error), error, None)  # rolls back, as the server would
            raise error
        result = tx_exit(tx, exc_type, exc, tb)
        if kind == "unanswered":
            raise _lost("after COMMIT")
        return result

    def failing_commit(conn: psycopg.Connection[Any]) -> None:
        if conn.info.transaction_status != pq.TransactionStatus.INTRANS:
            return commit(conn)  # nothing to commit: not a position
        kind = faults.step("COMMIT")
        if kind == "lost":
            conn.rollback()
            raise _lost("before COMMIT")
        commit(conn)
        if kind == "unanswered":
            raise _lost("after COMMIT")

    monkeypatch.setattr(psycopg.Cursor, "execute", failing_execute)
    monkeypatch.setattr(psycopg.Transaction, "__exit__", failing_tx_exit)
    monkeypatch.setattr(psycopg.Connection, "commit", failing_commit)
    return faults
